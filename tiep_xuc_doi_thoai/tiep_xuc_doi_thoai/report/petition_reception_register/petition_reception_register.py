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
from tiep_xuc_doi_thoai.permissions.prepared_reports import prepared_report_has_permission

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


REPORT = "Petition Reception Register"
# More lines than this and a desk request does not build the register: Frappe's Prepared Report
# does, on the long queue (a month at a million petitions is ~31,000 lines, seconds of work).
BACKGROUND_ROWS = 5000
PROGRESS_EVERY = 5000
# A big register asked for again within this time is the one already built (or being built).
REUSE_MINUTES = 10


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if filters.get("prepared_report_name"):
		return columns(), prepared_lines(filters.prepared_report_name)
	if in_request():
		# one query: more rows than a request builds means the register goes to the background
		rows = fetch(filters, limit=BACKGROUND_ROWS + 1)
		if len(rows) > BACKGROUND_ROWS:
			recent = recent_prepared_report(filters)
			if recent:  # asked again: the one being built, or built a moment ago, answers
				return columns(), [], recent_message(recent)
			queue_prepared_report(filters)
			return columns(), [], background_message()
		return columns(), lines(rows)
	return columns(), data(filters)


def in_request() -> bool:
	"""A web request (the desk, the API), not a worker, a test or a benchmark script."""
	return getattr(frappe.local, "request", None) is not None


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
	return lines(fetch(filters), progress=not in_request())


def fetch(filters, limit: int = 0) -> list[dict]:
	"""The petitions of the register the user may read (``frappe.get_list``), as plain dicts:
	tens of thousands of rows are read once each, attribute access is not worth its cost."""
	values = frappe.get_list(
		"Citizen Petition",
		filters=conditions(filters),
		fields=list(FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=limit,
		as_list=True,
	)
	return [dict(zip(FIELDS, v, strict=True)) for v in values]


def lines(rows: list[dict], progress: bool = False) -> list[dict]:
	idents = identity.identities_for(
		[r["name"] for r in rows if r["identity_confidential"]], channel="Report"
	)
	fmt = LineFormatter()
	if not progress or len(rows) <= PROGRESS_EVERY:
		return [line(i, r, idents.get(r["name"]), fmt) for i, r in enumerate(rows, start=1)]
	out = []
	for start in range(0, len(rows), PROGRESS_EVERY):  # the desk shows how far the worker is
		frappe.publish_progress(
			start * 100 / len(rows),
			title=_("Reception Register"),
			description=_("{0} of {1} lines").format(start, len(rows)),
		)
		out.extend(
			line(i, r, idents.get(r["name"]), fmt)
			for i, r in enumerate(rows[start : start + PROGRESS_EVERY], start=start + 1)
		)
	return out


# -- a register too big for a request: Frappe's Prepared Report ---------------------------------


def prepared_filters(filters) -> dict:
	"""The filters a Prepared Report of the register is made and looked up with."""
	return {k: str(v) for k, v in filters.items() if v}


def recent_prepared_report(filters) -> dict | None:
	"""This user's register of the same filters that is being built, or was built less than
	``REUSE_MINUTES`` ago: an officer who opens it again (or fifty who open it at once, each
	their own) does not start one build after another."""
	from frappe.core.doctype.prepared_report.prepared_report import process_filters_for_prepared_report
	from frappe.utils import add_to_date, now_datetime

	return frappe.db.get_value(
		"Prepared Report",
		{
			"report_name": REPORT,
			"owner": frappe.session.user,
			"filters": process_filters_for_prepared_report(prepared_filters(filters)),
			"status": ("in", ("Queued", "Started", "Completed")),
			"creation": (">", add_to_date(now_datetime(), minutes=-REUSE_MINUTES)),
		},
		["name", "status", "creation"],
		as_dict=True,
		order_by="creation desc",
	)


def recent_message(recent: dict) -> str:
	if recent.status != "Completed":
		return background_message()
	url = f"/app/query-report/{REPORT}?prepared_report_name={recent.name}"
	return _(
		"This register was built at {0}, less than {1} minutes ago: {2}. Ask again after that for a new one."
	).format(
		frappe.format(recent.creation, "Datetime"),
		REUSE_MINUTES,
		f'<a href="{url}">{_("open it")}</a>',
	)


def queue_prepared_report(filters) -> None:
	"""Frappe's Prepared Report of these filters, made by a short job: a report request may be
	reading from the replica (``frappe.read_only``) and must not write. Frappe's Prepared Report
	then builds the register on the long queue, and its ``report_generated`` message brings
	the desk a link to the finished register (``?prepared_report_name=``)."""
	frappe.enqueue(make_prepared_report, queue="short", filters=prepared_filters(filters))


def make_prepared_report(filters: dict) -> str:
	from frappe.core.doctype.prepared_report.prepared_report import (
		get_reports_in_queued_state,
	)
	from frappe.core.doctype.prepared_report.prepared_report import (
		make_prepared_report as frappe_make_prepared_report,
	)

	if get_reports_in_queued_state(REPORT, filters):  # asked twice: one build is enough
		return ""
	return frappe_make_prepared_report(REPORT, filters)["name"]


def background_message() -> str:
	return _(
		"The register has more than {0} lines: Frappe's Prepared Report is building it in the background. A message with a link to it appears here when it is ready (or see Prepared Report)."
	).format(BACKGROUND_ROWS)


def prepared_lines(name: str) -> list[dict]:
	"""The lines of a finished Prepared Report of this register (its owner's alone)."""
	import json

	doc = frappe.get_doc("Prepared Report", name)
	# its lines were built with its owner's rights (identities included for Confidential Access):
	# permissions/prepared_reports.py keeps them the owner's at every door, this one included
	if doc.report_name != REPORT or prepared_report_has_permission(doc) is False:
		raise frappe.PermissionError
	if doc.status != "Completed":
		frappe.throw(_("This register is not ready yet."), title=_("Reception Register"))
	data = json.loads(doc.get_prepared_data() or b"{}")
	return (data.get("result") or []) if isinstance(data, dict) else data


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
		self.mask = identity.mask_label(lang)
		self._labels: dict[str, str] = {}
		self._dates: dict = {}
		self._due_notes: dict = {}
		self._kinds: dict = {}
		self._handlings: dict = {}

	def label(self, value: str | None) -> str:
		if value not in self._labels:
			self._labels[value] = _(value, lang=self.lang, context="Citizen Petition") if value else ""
		return self._labels[value]

	def date(self, value) -> str:
		if value not in self._dates:
			self._dates[value] = frappe.format(value, "Date")
		return self._dates[value]

	def due_note(self, value) -> str:
		if value not in self._due_notes:
			self._due_notes[value] = self.due.format(self.date(value))
		return self._due_notes[value]

	def kind(self, petition_type: str | None, petitioner_kind: str | None, group_size) -> str:
		"""The "Type / Number of People" text."""
		kind = self.label(petition_type)
		if petitioner_kind == "Group":
			kind = self.group.format(kind, group_size or 0)
		return kind

	def handling(
		self, status: str | None, unit: str | None, forwarded_to: str | None, reason: str | None
	) -> str:
		"""The "Handling" text: the state, and where the petition went."""
		if status == petition_rules.FORWARDED and forwarded_to:
			return self.forwarded.format(forwarded_to)
		if status == petition_rules.NOT_ACCEPTED and reason:
			return self.not_accepted.format(reason)
		if unit:
			return self.assigned.format(self.label(status), unit)
		return self.label(status)


def line(idx: int, r, ident, fmt: LineFormatter | None = None) -> dict:
	"""One register line. A month at a province's volume is tens of thousands of lines: the
	texts that repeat (type, handling, due date) come from the formatter's caches."""
	fmt = fmt or LineFormatter()
	get = r.get
	secret = get("identity_confidential")
	name, place = identity.person_shown(r, ident, lang=fmt.lang, mask=fmt.mask)
	who = f"{name} - {place}" if name and place else (name or place)
	id_number = ((ident or r).get("id_number") or "") if (ident or not secret) else ""
	status = get("status")
	key = (get("petition_type"), get("petitioner_kind"), get("group_size"))
	kind = fmt._kinds.get(key)
	if kind is None:
		kind = fmt._kinds[key] = fmt.kind(*key)
	key = (status, get("responsible_unit"), get("forwarded_to_body"), get("not_accepted_reason"))
	handling = fmt._handlings.get(key)
	if handling is None:
		handling = fmt._handlings[key] = fmt.handling(*key)
	follow_up = get("result") or ""
	answer = get("answer")
	if answer:
		follow_up = fmt.answered.format(
			fmt.date(get("answered_on")), petition_rules.subject_from_content(answer, 160)
		)
		if get("result"):
			follow_up += f" ({get('result')})"
	due = get("due_date")
	duplicate = get("duplicate_of")
	paper = get("paper_file_reference") if secret and ident else None
	if not duplicate and not paper:  # the usual line: at most the due date
		note = fmt.due_note(due) if due and status not in petition_rules.SETTLED_STATES else ""
	else:
		notes = []
		if duplicate:
			notes.append(fmt.repeats.format(duplicate))
		if due and status not in petition_rules.SETTLED_STATES:
			notes.append(fmt.due_note(due))
		if paper:
			notes.append(paper)
		note = "; ".join(notes)
	return {
		"idx": idx,
		"received_date": get("received_date"),
		"person": who,
		"id_number": id_number,
		"content": get("content"),
		"classification": kind,
		"handled_before": get("previously_handled_by") or "",
		"handling": handling,
		"follow_up": follow_up,
		"note": note,
		"petition": get("name"),
	}
