# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.tests.factories import make_plan, make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import NOT_ALLOWED, DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_plan.dialogue_plan import (
	DuplicateDocumentNumberError,
)


class TestDialoguePlan(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("UBND xã Kế Hoạch", "UBND", place_name="Kế Hoạch").name
		cls.party = make_unit("Đảng ủy xã Kế Hoạch", "ĐU", kind="Party Committee", party_document=1).name
		cls.secretariat = make_user("plan.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("plan.manager@example.com", [roles.MANAGER]).name
		cls.officer = make_user("plan.officer@example.com", [roles.UNIT_OFFICER]).name
		cls.supervisor = make_user("plan.supervisor@example.com", [roles.SUPERVISOR]).name

	def test_full_approval_chain_assigns_the_number(self):
		plan = make_plan(self.unit)
		self.assertEqual(plan.workflow_state, "Draft")
		self.assertEqual(plan.place_name, "Kế Hoạch")
		self.assertEqual(plan.number_and_symbol, "/KH-UBND")  # blank until signed
		plan = self.move(plan, "Submit for Review", self.secretariat)
		self.assertEqual(plan.workflow_state, "Pending Review")
		plan = self.move(plan, "Approve Plan", self.manager)
		self.assertEqual((plan.workflow_state, plan.docstatus), ("Approved", 1))
		self.assertEqual((plan.document_number, plan.number_and_symbol), (1, "1/KH-UBND"))
		plan = self.move(plan, "Publish", self.secretariat)
		self.assertEqual(plan.workflow_state, "Published")
		self.assertTrue(plan.published_on)
		second = make_plan(self.unit, title="Kế hoạch thứ hai")
		second = self.move(second, "Submit for Review", self.secretariat)
		second = self.move(second, "Approve Plan", self.manager)
		self.assertEqual(second.number_and_symbol, "2/KH-UBND")

	def test_who_may_move_each_step(self):
		plan = make_plan(self.unit)
		for user in (self.manager, self.officer, self.supervisor):
			with self.assertRaises(NOT_ALLOWED, msg=user):
				self.move(plan, "Submit for Review", user)
		plan = self.move(plan, "Submit for Review", self.secretariat)
		for user in (self.secretariat, self.officer, self.supervisor):
			with self.assertRaises(NOT_ALLOWED, msg=user):
				self.move(plan, "Approve Plan", user)
		plan = self.move(plan, "Request Changes", self.manager)
		self.assertEqual(plan.workflow_state, "Draft")

	def test_cancel_and_amend(self):
		plan = make_plan(self.unit)
		plan = self.move(plan, "Submit for Review", self.secretariat)
		plan = self.move(plan, "Approve Plan", self.manager)
		with self.assertRaises(NOT_ALLOWED):
			self.move(plan, "Cancel", self.secretariat)
		plan = self.move(plan, "Cancel", self.manager)
		self.assertEqual(plan.docstatus, 2)
		amended = frappe.copy_doc(plan, ignore_no_copy=False)  # as the form's Amend does
		amended.docstatus = 0
		amended.amended_from = plan.name
		amended.insert()
		self.assertEqual(amended.workflow_state, "Draft")
		# the cancelled plan's number is free again for the amendment
		amended = self.move(amended, "Submit for Review", self.secretariat)
		amended = self.move(amended, "Approve Plan", self.manager)
		self.assertEqual(amended.number_and_symbol, "1/KH-UBND")

	def test_only_a_manager_approves_even_through_the_api(self):
		plan = make_plan(self.unit)
		plan = self.move(plan, "Submit for Review", self.secretariat)
		frappe.set_user(self.secretariat)
		doc = frappe.get_doc("Dialogue Plan", plan.name)
		with self.assertRaises(frappe.PermissionError):
			doc.submit()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Dialogue Plan", plan.name, "docstatus"), 0)

	def test_missing_chair_or_signer_refused_at_approval(self):
		for field in ("chair", "signer_name"):
			plan = make_plan(self.unit, **{field: None})
			plan = self.move(plan, "Submit for Review", self.secretariat)
			with self.assertRaises(frappe.ValidationError) as ctx:
				self.move(plan, "Approve Plan", self.manager)
			self.assertIn(plan.meta.get_label(field), str(ctx.exception))
			self.assertEqual(frappe.db.get_value("Dialogue Plan", plan.name, "docstatus"), 0)

	def test_duplicate_number_in_same_unit_and_year_refused(self):
		make_plan(self.unit, document_number=134)
		with self.assertRaises(DuplicateDocumentNumberError):
			make_plan(self.unit, document_number=134, title="Trùng số")
		make_plan(self.unit, document_number=134, year=2025, plan_date="2025-01-10")  # another year is fine

	def test_session_outside_the_year_refused(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_plan(
				self.unit,
				sessions=[
					{"session_title": "Quý I", "expected_date": "2026-03-10"},
					{"session_title": "Sang năm", "expected_date": "2027-01-10"},
				],
			)
		self.assertIn("2", str(ctx.exception))

	def test_plan_date_outside_year_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_plan(self.unit, plan_date="2024-12-20")
		make_plan(self.unit, plan_date="2025-12-20", title="Ban hành cuối năm trước")  # allowed

	def test_party_document_symbol(self):
		plan = make_plan(self.party, document_number=116)
		self.assertEqual(plan.number_and_symbol, "116-KH/ĐU")

	def test_manual_symbol_kept(self):
		plan = make_plan(self.unit, manual_symbol=1, number_and_symbol="1017/KH-UBND")
		self.assertEqual(plan.number_and_symbol, "1017/KH-UBND")

	def test_read_only_roles(self):
		plan = make_plan(self.unit)
		for user in (self.officer, self.supervisor):
			frappe.set_user(user)
			self.assertTrue(frappe.has_permission("Dialogue Plan", "read", plan.name))
			self.assertFalse(frappe.has_permission("Dialogue Plan", "write", plan.name))
			self.assertFalse(frappe.has_permission("Dialogue Plan", "create"))
