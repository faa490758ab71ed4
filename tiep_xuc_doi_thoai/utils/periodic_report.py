"""The site's side of a periodic report: read the rows a unit's report counts, with the
user's own permissions (``frappe.get_list``), and hand them to ``core.periodic_report``."""

from __future__ import annotations

import datetime as dt

import frappe
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core import periodic_report as R
from tiep_xuc_doi_thoai.core.yearly import yearly_compliance
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.yearly_dialogue_compliance.yearly_dialogue_compliance import (
	HELD_STATUSES,
)
from tiep_xuc_doi_thoai.utils.labels import document_label
from tiep_xuc_doi_thoai.utils.print_formats import conclusions_of

PETITION_FIELDS = (
	"name",
	"source",
	"petition_type",
	"category",
	"status",
	"answer_mode",
	"answered_on",
	"due_date",
	"responsible_unit",
)


def unit_scope(unit: str) -> list[str]:
	return [unit, *frappe.db.get_descendants("Dialogue Unit", unit)]


def figures_for(unit: str, year: int, start: dt.date, end: dt.date) -> R.PeriodFigures:
	units = unit_scope(unit)
	is_root = not frappe.db.get_value("Dialogue Unit", unit, "parent_dialogue_unit")
	settings = frappe.get_cached_doc("Dialogue Settings")
	plans = frappe.get_list(
		"Dialogue Plan",
		filters={"year": year, "docstatus": 1, "issuing_unit": unit},
		fields=["plan_date"],
		order_by="plan_date asc",
		limit_page_length=1,
	)
	conferences = frappe.get_list(
		"Dialogue Conference",
		filters={
			"status": ("in", HELD_STATUSES),
			"issuing_unit": unit,
			"conference_date": (
				"between",
				[min(start, dt.date(year, 1, 1)), max(end, dt.date(year, 12, 31))],
			),
		},
		fields=["name", "conference_date"],
		limit_page_length=0,
	)
	held = [getdate(c.conference_date) for c in conferences]
	yearly = yearly_compliance(
		year,
		getdate(plans[0].plan_date) if plans and plans[0].plan_date else None,
		held,
		cint(settings.min_dialogues_per_year) or 1,
		(cint(settings.plan_issue_by_day) or 1, cint(settings.plan_issue_by_month) or 2),
		(cint(settings.finish_by_day) or 15, cint(settings.finish_by_month) or 11),
	)
	in_period = [c.name for c in conferences if start <= getdate(c.conference_date) <= end]
	unit_filter = ("in", units)
	petition_filters: list = [["received_date", "between", [start, end]]]
	petitions = frappe.get_list(
		"Citizen Petition",
		filters=[*petition_filters, ["responsible_unit", *unit_filter]],
		fields=list(PETITION_FIELDS),
		limit_page_length=0,
	)
	if is_root:
		# The agency's own report also counts what no unit has been given yet.
		petitions += frappe.get_list(
			"Citizen Petition",
			filters=[*petition_filters, ["responsible_unit", "is", "not set"]],
			fields=list(PETITION_FIELDS),
			limit_page_length=0,
		)
	conclusions = conclusions_of(in_period)
	assignments = frappe.get_list(
		"Petition Assignment",
		filters={"lead_unit": unit_filter},
		fields=["status", "due_date", "lead_unit"],
		limit_page_length=0,
	)
	return R.period_figures(
		yearly,
		held,
		start,
		end,
		petitions,
		conclusions,
		assignments,
		getdate(today()),
		label=document_label,
	)


def stored_figures(doc) -> frappe._dict:
	"""The breakdowns a report stored when it was computed (by channel, type, field, unit)."""
	import json

	data = json.loads(doc.get("figures_json") or "{}")
	return frappe._dict(
		{key: data.get(key) or [] for key in ("by_channel", "by_type", "by_category", "overdue_by_unit")}
		| {"annex": [frappe._dict(a) for a in data.get("annex") or []]}
	)
