"""The demo data set loads on a real site, twice, and gives each role something to do."""

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
		conf = frappe.get_doc("Dialogue Conference", {"dialogue_plan": plan.name})
		self.assertEqual(conf.status, "Concluded")
		self.assertTrue(all(row.assignment for row in conf.conclusions))
		frappe.set_user("kinhte@demo.tiepxuc.vn")
		visible = frappe.get_list("Petition Assignment", pluck="lead_unit")
		self.assertEqual(set(visible), {"Phòng Kinh tế xã Đường An"})
