"""The demo's signing set-up lets its users sign and seal the demo plan."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.core import signing as signing_rules
from tiep_xuc_doi_thoai.setup import demo, demo_signing
from tiep_xuc_doi_thoai.setup.workflows import ensure_workflows


class TestDemoSigning(FrappeTestCase):
	def test_the_chair_signs_and_the_clerk_seals_the_demo_plan(self):
		ensure_workflows()
		for name in frappe.get_all("Signing Profile", pluck="name"):
			frappe.delete_doc("Signing Profile", name, force=True)
		demo.load_all()
		name = demo_signing.load(demo.COMMUNE, demo.DEMO_PLAN_TITLE)
		self.assertTrue(name)
		self.assertEqual(
			demo_signing.load(demo.COMMUNE, demo.DEMO_PLAN_TITLE), name
		)  # twice: the same document, no second CA
		self.assertEqual(frappe.db.count("Signing Profile"), 2)
		for user, action in (
			(demo_signing.SIGNER, "Sign Digitally"),
			("vanphong@demo.tiepxuc.vn", "Add Agency Seal"),
		):
			frappe.set_user(user)
			try:
				apply_workflow(frappe.get_doc("Signed Document", name), action)
			finally:
				frappe.set_user("Administrator")
		doc = frappe.get_doc("Signed Document", name)
		self.assertEqual(doc.status, signing_rules.SEALED)
		from tiep_xuc_doi_thoai.services import signing

		report = signing.verification_report(signing.file_content(doc.official_file))
		self.assertEqual(report["verdict"], signing_rules.VALID, report)
		self.assertEqual(
			[s["signer"] for s in report["signatures"]], [demo_signing.SIGNER_NAME, demo.COMMUNE]
		)
