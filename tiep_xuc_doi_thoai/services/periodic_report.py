"""The site's side of a periodic report: read the rows a unit's report counts, with the
user's own permissions (``frappe.get_list``), and hand them to ``core.periodic_report``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core import periodic_report as report_figures
from tiep_xuc_doi_thoai.core.conference import HELD_STATES
from tiep_xuc_doi_thoai.core.yearly import YearlyCompliance, YearlyDuties
from tiep_xuc_doi_thoai.utils.labels import document_label


def conclusions_of(conferences: list[str]) -> list[dict]:
	"""Kind and progress of every conclusion of these conferences, for the results figures."""
	if not conferences:
		return []
	return frappe.get_all(
		"Dialogue Conclusion",
		filters={"parent": ("in", conferences), "parenttype": "Dialogue Conference"},
		fields=["conclusion_kind", "progress"],
	)


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
	"received_date",
)


def unit_scope(unit: str) -> list[str]:
	return [unit, *frappe.db.get_descendants("Dialogue Unit", unit)]


def figures_for(unit: str, year: int, start: dt.date, end: dt.date) -> report_figures.PeriodFigures:
	"""The figures of a unit's report, counting what the current user may read."""
	return figures_from(period_rows(unit, year, start, end))


def figures_from(rows: PeriodRows) -> report_figures.PeriodFigures:
	return report_figures.period_figures(
		rows.yearly,
		rows.held,
		rows.start,
		rows.end,
		rows.petitions,
		rows.conclusions,
		rows.assignments,
		getdate(today()),
		label=document_label,
	)


@dataclass
class PeriodRows:
	"""What a unit's periodic report counts, as read from the site."""

	start: dt.date
	end: dt.date
	yearly: YearlyCompliance
	held: list[dt.date]
	petitions: list[dict]
	conclusions: list[dict]
	assignments: list[dict]


def period_rows(
	unit: str, year: int, start: dt.date, end: dt.date, reader: Callable[..., list] = frappe.get_list
) -> PeriodRows:
	"""``reader`` is ``frappe.get_list`` (the user's permissions: the desk's report) or
	``frappe.get_all`` (the published open figures, which are counts only)."""
	units = unit_scope(unit)
	is_root = not frappe.db.get_value("Dialogue Unit", unit, "parent_dialogue_unit")
	duties = YearlyDuties.from_settings(frappe.get_cached_doc("Dialogue Settings"))
	plans = reader(
		"Dialogue Plan",
		filters={"year": year, "docstatus": 1, "issuing_unit": unit},
		fields=["plan_date"],
		order_by="plan_date asc",
		limit_page_length=1,
	)
	conferences = reader(
		"Dialogue Conference",
		filters={
			"status": ("in", HELD_STATES),
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
	yearly = duties.compliance(
		year,
		getdate(plans[0].plan_date) if plans and plans[0].plan_date else None,
		held,
	)
	in_period = [c.name for c in conferences if start <= getdate(c.conference_date) <= end]
	unit_filter = ("in", units)
	petition_filters: list = [["received_date", "between", [start, end]]]
	petitions = reader(
		"Citizen Petition",
		filters=[*petition_filters, ["responsible_unit", *unit_filter]],
		fields=list(PETITION_FIELDS),
		limit_page_length=0,
	)
	if is_root:
		# The agency's own report also counts what no unit has been given yet.
		petitions += reader(
			"Citizen Petition",
			filters=[*petition_filters, ["responsible_unit", "is", "not set"]],
			fields=list(PETITION_FIELDS),
			limit_page_length=0,
		)
	conclusions = conclusions_of(in_period)
	assignments = reader(
		"Petition Assignment",
		filters={"lead_unit": unit_filter},
		fields=["status", "due_date", "lead_unit"],
		limit_page_length=0,
	)
	return PeriodRows(start, end, yearly, held, petitions, conclusions, assignments)


def stored_figures(doc) -> frappe._dict:
	"""The breakdowns a report stored when it was computed (by channel, type, field, unit)."""
	import json

	data = json.loads(doc.get("figures_json") or "{}")
	return frappe._dict(
		{key: data.get(key) or [] for key in ("by_channel", "by_type", "by_category", "overdue_by_unit")}
		| {"annex": [frappe._dict(a) for a in data.get("annex") or []]}
	)
