"""Base class for tier 2 tests: each test runs inside a savepoint, so what a test writes is
undone while the records a class made in ``setUpClass`` stay for the next test."""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

SAVEPOINT = "tiep_xuc_doi_thoai_test"
# A role without the transition does not see the action at all; one that sees it but may not
# take it gets a permission error. Either way the document does not move.
NOT_ALLOWED = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError)


class DialogueTestCase(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint(SAVEPOINT)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point=SAVEPOINT)
		frappe.clear_document_cache("Dialogue Settings", "Dialogue Settings")

	def move(self, doc, action: str, user: str, doctype: str | None = None):
		"""Take a workflow action on ``doc`` (a document or a name of ``doctype``) as ``user``."""
		if isinstance(doc, str):
			doc = frappe.get_doc(doctype, doc)
		frappe.set_user(user)
		try:
			return apply_workflow(doc.as_dict(), action)
		finally:
			frappe.set_user("Administrator")
