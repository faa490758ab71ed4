"""Assignment calls with no document of their own: the due date a new (unsaved) assignment
would get, and one assignment for petitions selected in the list. The actions on an
assignment (request, decide an extension) are methods of its controller; making assignments
from a conference's conclusions is the conference's (``services/assignments.py`` does both)."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.services import assignments
from tiep_xuc_doi_thoai.services import working_calendar as site_calendar

DOCTYPE = "Petition Assignment"


@frappe.whitelist()
def make_from_petitions(
	petitions: list[str] | str, lead_unit: str, task: str | None = None, due_date: str | None = None
) -> str:
	"""One assignment for the petitions selected in the list."""
	return assignments.make_from_petitions(petitions, lead_unit, task, due_date)


@frappe.whitelist()
def preview_due_date(
	assigned_on: str,
	deadline_event: str,
	complexity: str | None = None,
	remote_area: int | str | None = None,
	lead_unit: str | None = None,
) -> dict:
	frappe.has_permission(DOCTYPE, "read", throw=True)
	due, rule = site_calendar.due_date_from_rule(
		deadline_event,
		assigned_on,
		complexity,
		"Remote" if frappe.utils.cint(remote_area) else "Normal",
		lead_unit,
	)
	return {"due_date": due, "rule": rule.code}
