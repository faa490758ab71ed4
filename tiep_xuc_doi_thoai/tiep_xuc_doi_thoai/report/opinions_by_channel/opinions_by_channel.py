# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Opinions received per month of a year, one column per channel (the petition's Source), and
a stacked bar chart of the same. Counts only what the viewer may read (frappe.get_list)."""

from __future__ import annotations

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, getdate, today


def channels() -> list[str]:
	"""The channels as the Citizen Petition's Source field lists them (an admin may add one)."""
	options = frappe.get_meta("Citizen Petition").get_field("source").options or ""
	return [o for o in options.split("\n") if o]


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	names = channels()
	data = get_data(year, names, filters.unit)
	return get_columns(names), data, None, get_chart(data, names)


def column_key(channel: str) -> str:
	return frappe.scrub(channel)


def get_columns(names: list[str]) -> list[dict]:
	return [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 100},
		*({"fieldname": column_key(c), "label": _(c), "fieldtype": "Int", "width": 130} for c in names),
		{
			"fieldname": "total",
			"label": _("Total", context="Citizen Petition"),
			"fieldtype": "Int",
			"width": 90,
		},
	]


def get_data(year: int, names: list[str], unit: str | None = None) -> list[dict]:
	conditions: dict = {"received_date": ("between", [f"{year}-01-01", f"{year}-12-31"])}
	if unit:
		conditions["responsible_unit"] = unit
	rows = frappe.get_list(
		"Citizen Petition", filters=conditions, fields=["received_date", "source"], limit_page_length=0
	)
	return count_by_month(rows, year, names)


def count_by_month(rows: list, year: int, names: list[str]) -> list[dict]:
	"""One row per month: how many of ``rows`` (received_date, source) came by each channel.
	The open statistics page counts its rows with this too, so the two agree."""
	per_month: dict[int, Counter] = {}
	for row in rows:
		per_month.setdefault(getdate(row.received_date).month, Counter())[row.source] += 1
	out = []
	for month in range(1, 13):
		counts = per_month.get(month, Counter())
		out.append(
			{
				"month": f"{month:02d}/{year}",
				**{column_key(c): counts[c] for c in names},
				"total": sum(counts.values()),
			}
		)
	return out


def get_chart(data: list[dict], names: list[str]) -> dict:
	return {
		"data": {
			# the month's number: the chart is narrow, the table has "MM/YYYY"
			"labels": [row["month"].split("/")[0] for row in data],
			"datasets": [{"name": _(c), "values": [row[column_key(c)] for row in data]} for c in names],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
	}
