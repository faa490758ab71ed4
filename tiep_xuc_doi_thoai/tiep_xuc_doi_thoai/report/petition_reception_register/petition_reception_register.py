# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Sổ tiếp công dân (Thông tư 04/2021/TT-TTCP, Mẫu 03): one line per petition received.

Rows come through ``frappe.get_list``, so a user sees only the petitions they may read; the
identity of a denouncer is shown only to who may see it, everyone else gets the one mask
(permissions/identity.py).
"""

import frappe
from frappe import _
from frappe.utils import getdate

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.permissions import identity

FIELDS = (
	"name",
	"received_date",
	"petitioner_kind",
	"petitioner_name",
	"id_number",
	"address",
	"village",
	"commune",
	"group_size",
	"representative",
	"identity_confidential",
	"content",
	"petition_type",
	"category",
	"previously_handled_by",
	"status",
	"responsible_unit",
	"forwarded_to_body",
	"not_accepted_reason",
	"answer",
	"answered_on",
	"result",
	"due_date",
	"duplicate_of",
	"paper_file_reference",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns() -> list[dict]:
	return [
		{"fieldname": "idx", "label": _("No.", context="Citizen Petition"), "fieldtype": "Int", "width": 60},
		{"fieldname": "received_date", "label": _("Reception Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "person", "label": _("Full Name - Address"), "fieldtype": "Data", "width": 220},
		{"fieldname": "id_number", "label": _("ID Number (CMND/CCCD)"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "content",
			"label": _("Content", context="Citizen Petition"),
			"fieldtype": "Data",
			"width": 320,
		},
		{
			"fieldname": "classification",
			"label": _("Type / Number of People"),
			"fieldtype": "Data",
			"width": 150,
		},
		{
			"fieldname": "handled_before",
			"label": _("Body That Already Handled It"),
			"fieldtype": "Data",
			"width": 160,
		},
		{"fieldname": "handling", "label": _("Handling"), "fieldtype": "Data", "width": 200},
		{"fieldname": "follow_up", "label": _("Result Follow-up"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "note",
			"label": _("Notes", context="Citizen Petition"),
			"fieldtype": "Data",
			"width": 160,
		},
		{
			"fieldname": "petition",
			"label": _("Petition"),
			"fieldtype": "Link",
			"options": "Citizen Petition",
			"width": 130,
		},
	]


def conditions(filters) -> dict:
	out: dict = {}
	if filters.get("from_date") and filters.get("to_date"):
		out["received_date"] = ("between", [getdate(filters.from_date), getdate(filters.to_date)])
	elif filters.get("from_date"):
		out["received_date"] = (">=", getdate(filters.from_date))
	elif filters.get("to_date"):
		out["received_date"] = ("<=", getdate(filters.to_date))
	for key in ("source", "responsible_unit", "petition_type", "conference"):
		if filters.get(key):
			out[key] = filters.get(key)
	return out


def data(filters) -> list[dict]:
	rows = frappe.get_list(
		"Citizen Petition",
		filters=conditions(filters),
		fields=list(FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=0,
	)
	idents = identity.identities_for([r.name for r in rows if r.identity_confidential], channel="Report")
	fmt = LineFormatter()
	return [line(i, r, idents.get(r.name), fmt) for i, r in enumerate(rows, start=1)]


class LineFormatter:
	"""Texts translated and dates formatted once per distinct value: a month's register repeats
	a handful of states, types and dates over thousands of lines. ``lang`` is the document's
	language when the Excel register reuses the lines."""

	def __init__(self, lang: str | None = None):
		self.lang = lang
		self.group = _("{0} / {1} people", lang=lang)
		self.forwarded = _("Forwarded to {0}", lang=lang)
		self.not_accepted = _("Not accepted: {0}", lang=lang)
		self.assigned = _("{0}: assigned to {1}", lang=lang)
		self.answered = _("Answered on {0}: {1}", lang=lang)
		self.repeats = _("Repeats {0}", lang=lang, context="Citizen Petition")
		self.due = _("Due {0}", lang=lang)
		self._labels: dict[str, str] = {}
		self._dates: dict = {}

	def label(self, value: str | None) -> str:
		if value not in self._labels:
			self._labels[value] = _(value, lang=self.lang, context="Citizen Petition") if value else ""
		return self._labels[value]

	def date(self, value) -> str:
		if value not in self._dates:
			self._dates[value] = frappe.format(value, "Date")
		return self._dates[value]


def line(idx: int, r, ident, fmt: LineFormatter | None = None) -> dict:
	"""One register line."""
	fmt = fmt or LineFormatter()
	name, place = identity.person_shown(r, ident, lang=fmt.lang)
	who = " - ".join(filter(None, (name, place)))
	id_number = ((ident or r).get("id_number") or "") if (ident or not r.identity_confidential) else ""
	kind = fmt.label(r.petition_type)
	if r.petitioner_kind == "Group":
		kind = fmt.group.format(kind, r.group_size or 0)
	handling = fmt.label(r.status)
	if r.status == petition_rules.FORWARDED and r.forwarded_to_body:
		handling = fmt.forwarded.format(r.forwarded_to_body)
	elif r.status == petition_rules.NOT_ACCEPTED and r.not_accepted_reason:
		handling = fmt.not_accepted.format(r.not_accepted_reason)
	elif r.responsible_unit:
		handling = fmt.assigned.format(handling, r.responsible_unit)
	follow_up = r.result or ""
	if r.answer:
		follow_up = fmt.answered.format(
			fmt.date(r.answered_on), petition_rules.subject_from_content(r.answer, 160)
		)
		if r.result:
			follow_up += f" ({r.result})"
	notes = []
	if r.duplicate_of:
		notes.append(fmt.repeats.format(r.duplicate_of))
	if r.due_date and r.status not in petition_rules.SETTLED_STATES:
		notes.append(fmt.due.format(fmt.date(r.due_date)))
	if r.identity_confidential and r.paper_file_reference and ident:
		notes.append(r.paper_file_reference)
	return {
		"idx": idx,
		"received_date": r.received_date,
		"person": who,
		"id_number": id_number,
		"content": r.content,
		"classification": kind,
		"handled_before": r.previously_handled_by or "",
		"handling": handling,
		"follow_up": follow_up,
		"note": "; ".join(notes),
		"petition": r.name,
	}
