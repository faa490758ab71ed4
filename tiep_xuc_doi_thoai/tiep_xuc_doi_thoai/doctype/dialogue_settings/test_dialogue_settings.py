# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt
import json

import frappe

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.services.working_calendar import due_date, get_calendar
from tiep_xuc_doi_thoai.tests.factories import make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

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
		user = make_user("manager.settings@example.com", [roles.MANAGER])
		frappe.set_user(user.name)
		self.assertTrue(frappe.has_permission("Dialogue Settings", "read"))
		self.assertFalse(frappe.has_permission("Dialogue Settings", "write"))


class TestDueSoonWindow(DialogueTestCase):
	"""One due-soon window (Dialogue Settings) for reminders, stored states and number cards."""

	def test_the_window_set_by_the_administrator_reaches_the_due_soon_card(self):
		from frappe.desk.doctype.number_card.number_card import get_result
		from frappe.model.workflow import apply_workflow
		from frappe.utils import today

		from tiep_xuc_doi_thoai.core import assignments as assignment_rules
		from tiep_xuc_doi_thoai.services.working_calendar import due_soon_window
		from tiep_xuc_doi_thoai.tests.factories import make_petition, make_unit

		unit = make_unit("Phòng Thử Hạn (i9b)", "TH", kind="Department").name
		petition = apply_workflow(make_petition().as_dict(), "Classify")
		start = frappe.utils.getdate(today())
		due = get_calendar().add_working_days(start, 6)
		doc = frappe.get_doc(
			{
				"doctype": "Petition Assignment",
				"source_type": "Citizen Petitions",
				"petitions": [{"petition": petition.name}],
				"lead_unit": unit,
				"task": "Kiểm tra, trả lời",
				"assigned_on": start,
				"due_date": due,
			}
		).insert()
		card = frappe.get_doc("Number Card", "Assignments Due Soon")
		card_filters = [*json.loads(card.filters_json), ["Petition Assignment", "name", "=", doc.name]]

		settings = frappe.get_single("Dialogue Settings")
		settings.reminder_working_days = 3
		settings.save()
		self.assertEqual(due_soon_window(), 3)
		self.assertNotEqual(
			frappe.db.get_value("Petition Assignment", doc.name, "deadline_state"), "Due Soon"
		)
		self.assertEqual(get_result(card.as_dict(), card_filters), 0)
		self.assertIsNone(assignment_rules.reminder_for(start, due, due_soon_window(), get_calendar()))

		settings.reminder_working_days = 10
		settings.save()
		self.assertEqual(frappe.db.get_value("Petition Assignment", doc.name, "deadline_state"), "Due Soon")
		self.assertEqual(get_result(card.as_dict(), card_filters), 1)
		self.assertEqual(
			assignment_rules.reminder_for(start, due, due_soon_window(), get_calendar()),
			assignment_rules.ReminderKind.DUE_SOON,
		)
