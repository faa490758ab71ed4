"""Conference deadlines for the form: due, done, days left, state."""

from __future__ import annotations

import frappe
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core.conference import CONFERENCE_DUTIES
from tiep_xuc_doi_thoai.core.followup import duty_status
from tiep_xuc_doi_thoai.services.working_calendar import due_soon_window, get_calendar


@frappe.whitelist()
def deadline_overview(name: str) -> list[dict]:
	doc = frappe.get_doc("Dialogue Conference", name)
	doc.check_permission("read")
	calendar = get_calendar()
	now = getdate(today())
	window = due_soon_window()
	out = []
	for _event, due_field, done_field in CONFERENCE_DUTIES:
		due = doc.get(due_field)
		if not due:
			continue
		done_on = getdate(doc.get(done_field)) if done_field and doc.get(done_field) else None
		status = duty_status(getdate(due), done_on, now, calendar, window)
		out.append(
			{
				"field": due_field,
				"label": doc.meta.get_label(due_field),
				"due": getdate(due),
				"done_on": done_on,
				"state": status.state.value,
				"days_left": status.days_left,
			}
		)
	return out
