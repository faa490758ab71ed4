# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Per unit and year: plan issued by the settings' date, at least N dialogues held, all by the
finish-by date (Dialogue Settings; seed 003 asks for four a year)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core.conference import HELD_STATES
from tiep_xuc_doi_thoai.core.yearly import YearlyDuties

OBLIGED_KINDS = ("People's Committee", "Party Committee")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	data = get_data(year, filters.unit)
	return get_columns(), data, None, get_chart(data)


def get_chart(data: list[dict]) -> dict:
	"""Dialogues held (by the finish date) against the yearly minimum, per unit."""
	return {
		"data": {
			"labels": [row["unit"] for row in data],
			"datasets": [
				{"name": _("Held by Finish Date"), "values": [row["held_on_time"] for row in data]},
				{"name": _("Required"), "values": [row["required"] for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#ffa00a"],
	}


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "unit",
			"label": _("Unit"),
			"fieldtype": "Link",
			"options": "Dialogue Unit",
			"width": 240,
		},
		{
			"fieldname": "plan",
			"label": _("Plan"),
			"fieldtype": "Link",
			"options": "Dialogue Plan",
			"width": 130,
		},
		{"fieldname": "plan_date", "label": _("Plan Issued On"), "fieldtype": "Date", "width": 110},
		{"fieldname": "plan_due", "label": _("Plan Due By"), "fieldtype": "Date", "width": 110},
		{"fieldname": "plan_on_time", "label": _("Plan on Time"), "fieldtype": "Check", "width": 90},
		{"fieldname": "required", "label": _("Required"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "held",
			"label": _("Held", context="Dialogue Conference"),
			"fieldtype": "Int",
			"width": 70,
		},
		{"fieldname": "held_on_time", "label": _("Held by Finish Date"), "fieldtype": "Int", "width": 120},
		{"fieldname": "finish_by", "label": _("Finish By"), "fieldtype": "Date", "width": 100},
		{"fieldname": "missing", "label": _("Still to Hold"), "fieldtype": "Int", "width": 90},
		{"fieldname": "compliant", "label": _("Compliant"), "fieldtype": "Check", "width": 90},
	]


def get_data(year: int, unit: str | None = None, reader=frappe.get_list) -> list[dict]:
	"""``reader``: ``frappe.get_list`` on the desk, ``frappe.get_all`` for the open statistics."""
	duties = YearlyDuties.from_settings(frappe.get_cached_doc("Dialogue Settings"))
	plans = reader(
		"Dialogue Plan",
		filters={"year": year, "docstatus": 1},
		fields=["name", "issuing_unit", "plan_date"],
		order_by="plan_date asc",
	)
	conferences = reader(
		"Dialogue Conference",
		filters={
			"status": ("in", HELD_STATES),
			"conference_date": ("between", [f"{year}-01-01", f"{year}-12-31"]),
		},
		fields=["issuing_unit", "conference_date"],
	)
	if unit:
		units = [unit]
	else:
		obliged = reader(
			"Dialogue Unit", filters={"kind": ("in", OBLIGED_KINDS), "disabled": 0}, pluck="name"
		)
		units = sorted(set(obliged) | {p.issuing_unit for p in plans})
	first_plan: dict[str, frappe._dict] = {}
	for p in plans:
		first_plan.setdefault(p.issuing_unit, p)
	held: dict[str, list] = {}
	for c in conferences:
		held.setdefault(c.issuing_unit, []).append(getdate(c.conference_date))
	rows = []
	for name in units:
		plan = first_plan.get(name)
		result = duties.compliance(
			year,
			getdate(plan.plan_date) if plan and plan.plan_date else None,
			held.get(name, []),
		)
		rows.append(
			{
				"unit": name,
				"plan": plan.name if plan else None,
				"plan_date": result.plan_issued_on,
				"plan_due": result.plan_due,
				"plan_on_time": int(result.plan_on_time),
				"required": result.required,
				"held": result.held,
				"held_on_time": result.held_on_time,
				"finish_by": result.finish_by,
				"missing": max(result.required - result.held_on_time, 0),
				"compliant": int(result.compliant),
			}
		)
	return rows
