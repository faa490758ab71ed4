# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""On the upper level's site: per lower level (each enabled site link to a lower level), the
petitions it transferred here (received, answered on time or late, open, overdue, counted by
the same rule as every results report) and what its latest received report says, with a chart."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.document_parts import outcomes_by
from tiep_xuc_doi_thoai.core.followup import on_time_percent
from tiep_xuc_doi_thoai.core.results_count import results_rows

# ``status``: the fixed field the workflow sets, which the one "settled" rule reads.
PETITION_FIELDS = ("origin_link", "status", "answered_on", "due_date")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "site_link",
			"label": _("Lower Level"),
			"fieldtype": "Link",
			"options": "Dialogue Site Link",
			"width": 220,
		},
		{"fieldname": "received", "label": _("Petitions Transferred"), "fieldtype": "Int", "width": 110},
		{"fieldname": "on_time", "label": _("Answered on Time"), "fieldtype": "Int", "width": 110},
		{"fieldname": "late", "label": _("Answered Late"), "fieldtype": "Int", "width": 100},
		{"fieldname": "in_progress", "label": _("Still Open"), "fieldtype": "Int", "width": 90},
		{"fieldname": "overdue", "label": _("Open and Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "on_time_rate", "label": _("On-time Rate"), "fieldtype": "Percent", "width": 100},
		{
			"fieldname": "last_report",
			"label": _("Latest Report"),
			"fieldtype": "Link",
			"options": "Dialogue Received Report",
			"width": 140,
		},
		{
			"fieldname": "report_opinions",
			"label": _("Opinions in the Report"),
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"fieldname": "report_on_time",
			"label": _("Answered on Time (Report)"),
			"fieldtype": "Int",
			"width": 120,
		},
		{"fieldname": "report_overdue", "label": _("Overdue (Report)"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	link_filters = {"direction": levels.LOWER}
	if filters.site_link:
		link_filters["name"] = filters.site_link
	links = frappe.get_all("Dialogue Site Link", filters=link_filters, pluck="name", order_by="name asc")
	if not links:
		return []
	conditions: list = [["origin_link", "in", links]]
	if filters.from_date:
		conditions.append(["received_date", ">=", getdate(filters.from_date)])
	if filters.to_date:
		conditions.append(["received_date", "<=", getdate(filters.to_date)])
	petitions = frappe.get_list(
		"Citizen Petition", filters=conditions, fields=list(PETITION_FIELDS), limit_page_length=0
	)
	rows = {
		r["group"]: r for r in results_rows(outcomes_by(petitions, "origin_link", "", today=getdate(today())))
	}
	reports = frappe.get_list(
		"Dialogue Received Report",
		filters={"site_link": ("in", links)},
		fields=["name", "site_link", "opinions_received", "answered_on_time", "open_overdue", "to_date"],
		order_by="to_date desc, creation desc",
		limit_page_length=0,
	)
	latest: dict[str, dict] = {}
	for r in reports:
		latest.setdefault(r.site_link, r)
	data = []
	for link in links:
		counts = rows.get(link, {})
		report = latest.get(link)
		data.append(
			{
				"site_link": link,
				"received": counts.get("received", 0),
				"on_time": counts.get("on_time", 0),
				"late": counts.get("late", 0),
				"in_progress": counts.get("in_progress", 0),
				"overdue": counts.get("overdue", 0),
				"on_time_rate": on_time_percent(
					counts.get("on_time", 0), counts.get("late", 0), counts.get("overdue", 0)
				),
				"last_report": report.name if report else None,
				"report_opinions": report.opinions_received if report else None,
				"report_on_time": report.answered_on_time if report else None,
				"report_overdue": report.open_overdue if report else None,
			}
		)
	return data


def get_chart(data: list[dict]) -> dict | None:
	if not data:
		return None
	return {
		"data": {
			"labels": [row["site_link"] for row in data],
			"datasets": [
				{"name": _("Petitions Transferred"), "values": [row["received"] for row in data]},
				{"name": _("Answered on Time"), "values": [row["on_time"] for row in data]},
				{"name": _("Open and Overdue"), "values": [row["overdue"] for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#28a745", "#ff5858"],
	}
