# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt

import frappe

from tiep_xuc_doi_thoai.api.deadlines import get_due_date
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.core.deadline_defaults import DEFAULT_RULES
from tiep_xuc_doi_thoai.services.working_calendar import NoDeadlineRuleError, due_date
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.deadline_rule.deadline_rule import (
	DeadlineRuleConflictError,
)

D = dt.date


def new_rule(code, event="Petition Answer", days=10, **kw):
	return frappe.get_doc(
		{
			"doctype": "Deadline Rule",
			"rule_code": code,
			"event": event,
			"days": days,
			"day_kind": "Working Days",
			"direction": "After",
			"legal_basis": "Thử nghiệm",
			**kw,
		}
	)


class TestDeadlineRule(DialogueTestCase):
	def test_defaults_installed(self):
		self.assertEqual(
			set(frappe.get_all("Deadline Rule", pluck="name")) >= {r.code for r in DEFAULT_RULES}, True
		)
		doc = frappe.get_doc("Deadline Rule", "petition-answer")
		self.assertEqual((doc.days, doc.day_kind, doc.complexity), (15, "Working Days", "Normal"))

	def test_due_dates_from_site_rules(self):
		self.assertEqual(due_date("Petition Answer", "2026-02-10"), D(2026, 3, 10))
		self.assertEqual(due_date("Petition Answer", "2026-02-10", complexity="Complex"), D(2026, 3, 31))
		self.assertEqual(due_date("Conference Notice", "2026-03-16"), D(2026, 3, 5))

	def test_admin_edit_changes_the_deadline(self):
		doc = frappe.get_doc("Deadline Rule", "petition-answer")
		doc.days = 10
		doc.save()
		self.assertEqual(due_date("Petition Answer", "2026-02-10"), D(2026, 3, 3))

	def test_new_rule_from_an_effective_date(self):
		old = frappe.get_doc("Deadline Rule", "petition-answer")
		old.effective_to = "2026-06-30"
		old.save()
		new_rule("petition-answer-2026", days=12, complexity="Normal", effective_from="2026-07-01").insert()
		self.assertEqual(due_date("Petition Answer", "2026-06-30"), D(2026, 7, 21))  # 15 working days
		self.assertEqual(due_date("Petition Answer", "2026-07-01"), D(2026, 7, 17))  # 12 working days

	def test_overlapping_rule_is_refused(self):
		with self.assertRaises(DeadlineRuleConflictError):
			new_rule("petition-answer-dup", complexity="Normal").insert()
		self.assertFalse(frappe.db.exists("Deadline Rule", "petition-answer-dup"))

	def test_unit_rule_wins_for_that_unit(self):
		province = make_unit("UBND tỉnh Hạn", "UBND", level="Province", is_group=1)
		commune = make_unit("UBND xã Hạn", "UBND", parent=province.name)
		other = make_unit("UBND xã Khác Hạn", "UBND", parent=None)
		new_rule("province-stricter", days=5, unit=province.name).insert()
		self.assertEqual(due_date("Petition Answer", "2026-03-02", unit=commune.name), D(2026, 3, 9))
		self.assertEqual(due_date("Petition Answer", "2026-03-02", unit=other.name), D(2026, 3, 23))

	def test_bad_values_refused(self):
		with self.assertRaises(frappe.ValidationError):
			new_rule("zero-days", days=0).insert()
		with self.assertRaises(frappe.ValidationError):
			new_rule(
				"bad-period",
				effective_from="2026-07-01",
				effective_to="2026-06-01",
				unit=None,
				complexity="Complex",
				area="Remote",
			).insert()
		with self.assertRaises(frappe.ValidationError):
			new_rule("bad-ext", max_extensions=1, extension_days=0, area="Remote").insert()

	def test_no_rule_in_force_gives_clear_error(self):
		for name in frappe.get_all("Deadline Rule", filters={"event": "Petition Processing"}, pluck="name"):
			frappe.db.set_value("Deadline Rule", name, "enabled", 0)
		with self.assertRaises(NoDeadlineRuleError):
			due_date("Petition Processing", "2026-03-02")

	def test_api_needs_read_permission_and_answers(self):
		result = get_due_date("Petition Answer", "2026-02-10")
		self.assertEqual((result["due_date"], result["rule"]), (D(2026, 3, 10), "petition-answer"))
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			get_due_date("Petition Answer", "2026-02-10")

	def test_only_administrator_edits_rules(self):
		for role in (roles.MANAGER, roles.SECRETARIAT, roles.SUPERVISOR, roles.UNIT_OFFICER):
			user = make_user(f"rule.{role.split()[-1].lower()}@example.com", [role])
			frappe.set_user(user.name)
			self.assertTrue(frappe.has_permission("Deadline Rule", "read"), role)
			self.assertFalse(frappe.has_permission("Deadline Rule", "write"), role)
			self.assertFalse(frappe.has_permission("Deadline Rule", "create"), role)
			frappe.set_user("Administrator")
