# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from tiep_xuc_doi_thoai.core.yearly import YearlyDuties, day_of_year

# A leap year, so that 29 February is accepted as a day of the year.
_ANY_LEAP_YEAR = 2000


class DialogueSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_calendar_override.dialogue_calendar_override import (
			DialogueCalendarOverride,
		)

		calendar_overrides: DF.Table[DialogueCalendarOverride]
		default_unit: DF.Link | None
		denouncer_identity_storage: DF.Literal["Confidential Record", "Paper File Only"]
		finish_by_day: DF.Int
		finish_by_month: DF.Int
		min_dialogues_per_year: DF.Int
		open_data_min_count: DF.Int
		place_name: DF.Data | None
		plan_issue_by_day: DF.Int
		plan_issue_by_month: DF.Int
		reminder_working_days: DF.Int
		weekly_digest: DF.Check

	# end: auto-generated types
	def validate(self):
		self.validate_day_of_year("plan_issue_by_day", "plan_issue_by_month")
		self.validate_day_of_year("finish_by_day", "finish_by_month")
		self.validate_minimum_dialogues()
		self.validate_calendar_overrides()

	def on_update(self):
		self.refresh_states_on_new_window()

	def refresh_states_on_new_window(self):
		"""The due-soon window is read by every list, card and report from the stored deadline
		states: when the administrator changes it, they are recomputed now, not tomorrow."""
		if self.has_value_changed("reminder_working_days"):
			frappe.enqueue(
				"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_settings.dialogue_settings.refresh_all_deadline_states",
				queue="long",
				now=frappe.flags.in_test,
				enqueue_after_commit=not frappe.flags.in_test,
			)

	def validate_day_of_year(self, day_field: str, month_field: str):
		try:
			dt.date(_ANY_LEAP_YEAR, int(self.get(month_field) or 0), int(self.get(day_field) or 0))
		except ValueError:
			frappe.throw(
				_("{0} and {1} do not make a date.").format(
					frappe.bold(_(self.meta.get_label(day_field))),
					frappe.bold(_(self.meta.get_label(month_field))),
				),
				title=_("Invalid Date"),
			)

	def validate_minimum_dialogues(self):
		if (self.min_dialogues_per_year or 0) < 1:
			frappe.throw(
				_("{0} must be at least 1.").format(
					frappe.bold(_(self.meta.get_label("min_dialogues_per_year")))
				),
				title=_("Invalid Value"),
			)

	def validate_calendar_overrides(self):
		seen: dict[dt.date, int] = {}
		for row in self.calendar_overrides:
			day = getdate(row.date)
			if day in seen:
				frappe.throw(
					_("Row {0}: {1} is already in row {2}.").format(
						row.idx, frappe.format(day, "Date"), seen[day]
					),
					title=_("Duplicate Calendar Day"),
				)
			seen[day] = row.idx

	def issue_by(self, year: int) -> dt.date:
		"""Date by which the yearly plan of ``year`` must be issued."""
		return YearlyDuties.from_settings(self).plan_due(year)

	def finish_by(self, year: int) -> dt.date:
		"""Date by which the year's dialogues must all be held."""
		return YearlyDuties.from_settings(self).finish_date(year)


def refresh_all_deadline_states() -> None:
	"""Recompute the stored deadline states of open assignments and conferences."""
	from tiep_xuc_doi_thoai.services import assignments
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference import dialogue_conference

	assignments.refresh_assignment_deadline_states()
	dialogue_conference.refresh_conference_deadline_states()
