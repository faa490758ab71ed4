# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Per lead unit: open, due soon, overdue, done on time, done late, and the on-time rate."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, getdate

from tiep_xuc_doi_thoai.core.followup import DeadlineState, on_time_percent

STATES = {
	DeadlineState.ON_TRACK.value: "open",
	DeadlineState.DUE_SOON.value: "due_soon",
	DeadlineState.OVERDUE.value: "overdue",
	DeadlineState.DONE_ON_TIME.value: "done_on_time",
	DeadlineState.DONE_LATE.value: "done_late",
}


def execute(filters: dict | None = None):
	data = get_data(filters or {})
	return get_columns(), data, None, get_chart(data)


def get_chart(data: list[dict]) -> dict:
	"""On-time rate per unit; a unit with nothing done or overdue yet has no rate and no bar."""
	rated = [row for row in data if row["on_time_rate"] is not None]
	return {
		"data": {
			# no labels (not an empty list): the desk then says there is no data yet
			"labels": [row["unit"] for row in rated] or None,
			"datasets": [{"name": _("On-time Rate (%)"), "values": [row["on_time_rate"] for row in rated]}],
		},
		"type": "bar",
		"fieldtype": "Percent",
		"colors": ["#29cd42"],
	}


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "unit",
			"label": _("Lead Unit"),
			"fieldtype": "Link",
			"options": "Dialogue Unit",
			"width": 260,
		},
		{
			"fieldname": "total",
			"label": _("Assignments", context="Petition Assignment"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "open", "label": _("On Track"), "fieldtype": "Int", "width": 100},
		{"fieldname": "due_soon", "label": _("Due Soon"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "overdue",
			"label": _("Overdue", context="Petition Assignment"),
			"fieldtype": "Int",
			"width": 100,
		},
		{"fieldname": "done_on_time", "label": _("Done on Time"), "fieldtype": "Int", "width": 120},
		{"fieldname": "done_late", "label": _("Done Late"), "fieldtype": "Int", "width": 110},
		# rates do not add up: no total (the desk would average them); nothing to count shows "—"
		{
			"fieldname": "on_time_rate",
			"label": _("On-time Rate (%)"),
			"fieldtype": "Percent",
			"width": 130,
			"disable_total": 1,
		},
	]


def get_data(filters: dict, reader=frappe.get_list) -> list[dict]:
	"""``reader``: ``frappe.get_list`` on the desk; the open statistics pass ``frappe.get_all``
	(their figures are counts per unit, for everyone)."""
	filters = frappe._dict(filters)
	conditions = {}
	if filters.from_date and filters.to_date:
		conditions["assigned_on"] = ("between", [getdate(filters.from_date), getdate(filters.to_date)])
	if filters.unit:
		conditions["lead_unit"] = filters.unit
	# get_list: a Unit Officer counts only the assignments they may see. The database counts
	# (one row per unit and state), so the report costs one grouped query, not a row per assignment.
	rows = reader(
		"Petition Assignment",
		filters=conditions,
		fields=["lead_unit", "deadline_state", "count(name) as assignments"],
		group_by="lead_unit, deadline_state",
		order_by="lead_unit asc",
		limit_page_length=0,
	)
	per_unit: dict[str, Counter] = {}
	for row in rows:
		per_unit.setdefault(row.lead_unit, Counter())[STATES.get(row.deadline_state, "open")] += cint(
			row.assignments
		)
	out = []
	for unit in sorted(per_unit):
		c = per_unit[unit]
		out.append(
			{
				"unit": unit,
				"total": sum(c.values()),
				**{key: c[key] for key in STATES.values()},
				"on_time_rate": on_time_percent(c["done_on_time"], c["done_late"], c["overdue"]),
			}
		)
	return out
