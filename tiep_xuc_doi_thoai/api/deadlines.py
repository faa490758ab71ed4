"""Deadlines for the forms: which date a rule gives, and how many working days are left."""

from __future__ import annotations

import frappe
from frappe.utils import getdate

from tiep_xuc_doi_thoai.services import working_calendar as site_calendar


@frappe.whitelist()
def get_due_date(
	event: str,
	anchor: str,
	complexity: str | None = None,
	area: str | None = None,
	unit: str | None = None,
) -> dict:
	frappe.has_permission("Deadline Rule", "read", throw=True)
	due, rule = site_calendar.due_date_from_rule(event, anchor, complexity, area, unit)
	return {
		"due_date": due,
		"rule": rule.code,
		"days": rule.days,
		"day_kind": rule.day_kind.value,
		"direction": rule.direction.value,
		"legal_basis": rule.legal_basis,
		"working_days_left": site_calendar.working_days_left(due),
	}


@frappe.whitelist()
def is_working_day(date: str) -> dict:
	frappe.has_permission("Deadline Rule", "read", throw=True)
	day = getdate(date)
	calendar = site_calendar.get_calendar()
	return {
		"date": day,
		"is_working_day": calendar.is_working_day(day),
		"holiday": calendar.holiday_name(day),
		"next_working_day": calendar.next_working_day(day),
	}
