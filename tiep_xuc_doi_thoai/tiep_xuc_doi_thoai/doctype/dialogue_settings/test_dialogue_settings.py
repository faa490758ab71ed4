# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt

import frappe

from tiep_xuc_doi_thoai.core import roles as R
from tiep_xuc_doi_thoai.tests.factories import make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase
from tiep_xuc_doi_thoai.utils.calendar import due_date, get_calendar

D = dt.date


class TestDialogueSettings(DialogueTestCase):
	def test_defaults_installed(self):
		s = frappe.get_single("Dialogue Settings")
		self.assertEqual((s.plan_issue_by_day, s.plan_issue_by_month), (1, 2))
		self.assertEqual((s.finish_by_day, s.finish_by_month), (15, 11))
		self.assertEqual(s.issue_by(2026), D(2026, 2, 1))

	def test_agency_day_off_moves_deadlines(self):
		self.assertEqual(due_date("Petition Answer", "2026-03-02"), D(2026, 3, 23))
		s = frappe.get_single("Dialogue Settings")
		s.append(
			"calendar_overrides",
			{"date": "2026-03-05", "kind": "Day Off", "description": "Lễ hội địa phương"},
		)
		s.save()
		self.assertFalse(get_calendar().is_working_day(D(2026, 3, 5)))
		self.assertEqual(due_date("Petition Answer", "2026-03-02"), D(2026, 3, 24))

	def test_agency_working_saturday(self):
		s = frappe.get_single("Dialogue Settings")
		s.append("calendar_overrides", {"date": "2026-03-07", "kind": "Working Day"})
		s.save()
		self.assertTrue(get_calendar().is_working_day(D(2026, 3, 7)))

	def test_invalid_day_of_year_refused(self):
		s = frappe.get_single("Dialogue Settings")
		s.plan_issue_by_day, s.plan_issue_by_month = 31, 2
		with self.assertRaises(frappe.ValidationError):
			s.save()

	def test_duplicate_override_refused(self):
		s = frappe.get_single("Dialogue Settings")
		s.append("calendar_overrides", {"date": "2026-03-05", "kind": "Day Off"})
		s.append("calendar_overrides", {"date": "2026-03-05", "kind": "Working Day"})
		with self.assertRaises(frappe.ValidationError):
			s.save()

	def test_minimum_dialogues_at_least_one(self):
		s = frappe.get_single("Dialogue Settings")
		s.min_dialogues_per_year = 0
		with self.assertRaises(frappe.ValidationError):
			s.save()

	def test_staff_read_only(self):
		user = make_user("manager.settings@example.com", [R.MANAGER])
		frappe.set_user(user.name)
		self.assertTrue(frappe.has_permission("Dialogue Settings", "read"))
		self.assertFalse(frappe.has_permission("Dialogue Settings", "write"))
