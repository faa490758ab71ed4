"""The demo data set loads on a real site, twice, and gives each role something to do."""

from unittest.mock import patch

import frappe

from tiep_xuc_doi_thoai.setup import demo
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase


class TestDemo(DialogueTestCase):
	def test_demo_loads_twice_and_restricts_the_unit_officer(self):
		demo.load_all()
		demo.load_all()
		self.assertEqual(frappe.db.count("Dialogue Plan", {"title": demo.DEMO_PLAN_TITLE}), 1)
		plan = frappe.get_doc("Dialogue Plan", {"title": demo.DEMO_PLAN_TITLE})
		self.assertEqual((plan.workflow_state, plan.docstatus), ("Published", 1))
		self.assertTrue(plan.number_and_symbol.endswith("/KH-UBND"))
		conf = frappe.get_doc(
			"Dialogue Conference", {"dialogue_plan": plan.name, "conference_date": "2026-10-14"}
		)
		self.assertEqual(conf.status, "Concluded")
		self.assertTrue(all(row.assignment for row in conf.conclusions))
		frappe.set_user("kinhte@demo.tiepxuc.vn")
		visible = frappe.get_list("Petition Assignment", pluck="lead_unit")
		self.assertEqual(set(visible), {"Phòng Kinh tế xã Đường An"})


class TestDemoSetup(DialogueTestCase):
	"""scripts/demo.sh finishes Frappe's setup wizard only on a site it created, only once."""

	WIZARD = "frappe.desk.page.setup_wizard.setup_wizard.setup_complete"

	def tearDown(self):
		frappe.local.conf.pop(demo.DEMO_SITE_KEY, None)
		super().tearDown()

	def test_a_site_the_demo_did_not_create_is_left_alone(self):
		frappe.local.conf.pop(demo.DEMO_SITE_KEY, None)
		frappe.db.set_single_value("System Settings", "setup_complete", 0)
		with patch(self.WIZARD) as wizard:
			self.assertEqual(demo.complete_setup(), "not a demo site: setup left alone")
		wizard.assert_not_called()
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 0)

	def test_a_finished_setup_is_never_redone(self):
		frappe.local.conf[demo.DEMO_SITE_KEY] = 1
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
		with patch(self.WIZARD) as wizard:
			self.assertEqual(demo.complete_setup(), "setup already complete: left alone")
		wizard.assert_not_called()

	def test_the_demo_site_goes_through_frappes_wizard_in_vietnamese(self):
		frappe.local.conf[demo.DEMO_SITE_KEY] = 1
		frappe.db.set_single_value("System Settings", "setup_complete", 0)
		frappe.db.set_value("User", "Administrator", "default_workspace", None)
		with patch(self.WIZARD, return_value={"status": "ok"}) as wizard:
			self.assertEqual(demo.complete_setup(), "setup completed")
		args = wizard.call_args.args[0]
		self.assertEqual(args["language"], frappe.db.get_value("Language", "vi", "language_name"))
		self.assertEqual(
			(args["country"], args["timezone"], args["currency"], args["agency_name"]),
			("Vietnam", "Asia/Ho_Chi_Minh", "VND", demo.COMMUNE),
		)
		self.assertEqual(frappe.db.get_value("User", "Administrator", "default_workspace"), demo.WORKSPACE)

	def test_demo_users_land_on_the_workspace_unless_someone_chose_another(self):
		demo.load_all()
		email = demo.USERS[0][0]
		frappe.db.set_value("User", email, "default_workspace", "Build")
		frappe.db.set_value("User", demo.USERS[1][0], "default_workspace", None)
		demo.set_default_workspaces()
		self.assertEqual(frappe.db.get_value("User", email, "default_workspace"), "Build")
		self.assertEqual(frappe.db.get_value("User", demo.USERS[1][0], "default_workspace"), demo.WORKSPACE)
