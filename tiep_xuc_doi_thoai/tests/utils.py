"""Base class for tier 2 tests: each test runs inside a savepoint, so what a test writes is
undone while the records a class made in ``setUpClass`` stay for the next test."""

import frappe
from frappe.tests.utils import FrappeTestCase

SAVEPOINT = "tiep_xuc_doi_thoai_test"


class DialogueTestCase(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint(SAVEPOINT)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.clear_document_cache("Dialogue Settings", "Dialogue Settings")
