"""Registers and report annexes as Excel downloads (core/excel.py shapes):

- ``petition_register``: sổ theo dõi ý kiến, kiến nghị for a period and unit;
- ``reception_register``: sổ tiếp công dân (TT 04/2021 Mẫu 03), the lines of the Script Report
  "Petition Reception Register" (its query and line builder are reused, not copied);
- ``results_annex``: phụ lục kết quả by category, unit and state; on time or late.

Rows come through ``frappe.get_list``, so a user gets only the petitions they may read; a
denouncer's identity only for who may see it, the one mask otherwise (permissions/identity.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core import document_parts as parts
from tiep_xuc_doi_thoai.core.excel import (
	PETITION_REGISTER,
	RECEPTION_REGISTER,
	RESULTS_ANNEX,
	RegisterHeading,
	RegisterWorkbook,
	period_line,
	results_rows,
	timeliness,
)
from tiep_xuc_doi_thoai.permissions import identity
from tiep_xuc_doi_thoai.services.print_formats import results_scope
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.petition_reception_register import (
	petition_reception_register as reception_report,
)
from tiep_xuc_doi_thoai.utils.labels import DOCUMENT_LANGUAGE, document_label

PETITION = "Citizen Petition"
REPORT = "Petition Reception Register"
BACKGROUND_ROWS = 5000  # a register larger than this is built by a worker, not in the request
MAX_REGISTER_ROWS = 500_000  # an Excel sheet holds 1,048,576 rows; past this, ask for a narrower range
BACKGROUND_TIMEOUT = 1800


class RegisterTooLargeError(frappe.ValidationError):
	pass


REGISTER_FIELDS = (
	"name",
	"received_date",
	"petitioner_kind",
	"petitioner_name",
	"group_size",
	"address",
	"village",
	"commune",
	"identity_confidential",
	"source",
	"subject",
	"content",
	"category",
	"petition_type",
	"responsible_unit",
	"due_date",
	"answered_on",
	"result",
	"answer",
	"workflow_state",
	"duplicate_of",
)


def prepare(register: str, kwargs: dict | None) -> dict:
	"""Before a download: a register over the background size is queued here (and the desk shows a
	message) instead of being opened as a download."""
	if register not in REGISTERS:
		frappe.throw(_("Unknown register {0}.").format(register))
	kwargs = {k: v for k, v in (kwargs or {}).items() if k in REGISTER_ARGS[register] and v}
	rows = _rows_in_range(register, kwargs)
	if rows > BACKGROUND_ROWS:
		_queue(register, kwargs, rows)
		return {"background": True, "rows": rows}
	return {"background": False, "rows": rows}


# -- building -----------------------------------------------------------------------------------


def build_petition_register(from_date=None, to_date=None, unit=None) -> tuple[RegisterWorkbook, str]:
	_check_read()
	rows = frappe.get_list(
		PETITION,
		filters=_filters(from_date, to_date, unit),
		fields=list(REGISTER_FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=0,
	)
	book = RegisterWorkbook()
	book.add_register(PETITION_REGISTER, petition_register_rows(rows), _heading(unit, from_date, to_date))
	return book, "so-theo-doi-kien-nghi"


def _reception_filters(from_date=None, to_date=None, unit=None, source=None, petition_type=None) -> dict:
	_check_read()
	if not frappe.get_cached_doc("Report", REPORT).is_permitted():
		frappe.throw(
			_("You are not permitted to access this resource.", context="Citizen Petition"),
			frappe.PermissionError,
		)
	filters = frappe._dict(from_date=from_date, to_date=to_date, source=source, petition_type=petition_type)
	conditions = reception_report.conditions(filters)
	conditions.update(_filters(None, None, unit))
	return conditions


def build_reception_register(
	from_date=None, to_date=None, unit=None, source=None, petition_type=None
) -> tuple[RegisterWorkbook, str]:
	rows = frappe.get_list(
		PETITION,
		filters=_reception_filters(from_date, to_date, unit, source, petition_type),
		fields=list(reception_report.FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=0,
	)
	book = RegisterWorkbook()
	book.add_register(RECEPTION_REGISTER, reception_rows(rows), _heading(unit, from_date, to_date))
	return book, "so-tiep-cong-dan"


def _annex_filters(from_date=None, to_date=None, unit=None, dialogue_plan=None, dialogue_conference=None):
	_check_read()
	filters = _filters(from_date, to_date, unit)
	title = None
	if dialogue_plan or dialogue_conference:
		doc = frappe.get_doc(
			"Dialogue Plan" if dialogue_plan else "Dialogue Conference", dialogue_plan or dialogue_conference
		)
		doc.check_permission("read")
		_conferences, names, _planned = results_scope(doc)
		filters["conference"] = ("in", names or [""])
		title = doc.get("title") or doc.get("topic")
	return filters, title


def build_results_annex(
	from_date=None, to_date=None, unit=None, dialogue_plan=None, dialogue_conference=None
) -> tuple[RegisterWorkbook, str]:
	filters, title = _annex_filters(from_date, to_date, unit, dialogue_plan, dialogue_conference)
	rows = frappe.get_list(
		PETITION,
		filters=filters,
		fields=["category", "responsible_unit", "status", "answered_on", "due_date"],
		limit_page_length=0,
	)
	for r in rows:  # the state in the document's words (vi.csv), beside the stored value
		r.state_label = document_label(r.status, PETITION)
	heading = _heading(unit, from_date, to_date)
	if title:
		heading = RegisterHeading(heading.agency, heading.parent, period=title)
	book = RegisterWorkbook()
	for key, empty, group_title, sheet in annex_sheets():
		outcomes = parts.outcomes_by(rows, key, empty, today=getdate(today()))
		shaped = RegisterHeading(
			heading.agency, heading.parent, f"{RESULTS_ANNEX.title} {group_title}", heading.period
		)
		book.add_register(RESULTS_ANNEX, results_rows(outcomes), shaped, sheet_name=sheet)
	return book, "phu-luc-ket-qua"


REGISTERS = {
	"petition_register": build_petition_register,
	"reception_register": build_reception_register,
	"results_annex": build_results_annex,
}
REGISTER_ARGS = {
	"petition_register": ("from_date", "to_date", "unit"),
	"reception_register": ("from_date", "to_date", "unit", "source", "petition_type"),
	"results_annex": ("from_date", "to_date", "unit", "dialogue_plan", "dialogue_conference"),
}


def _rows_in_range(register: str, kwargs: dict) -> int:
	"""How many petitions the register would list, counted with the user's permissions."""
	if register == "reception_register":
		filters = _reception_filters(**kwargs)
	elif register == "results_annex":
		filters = _annex_filters(**kwargs)[0]
	else:
		_check_read()
		filters = _filters(kwargs.get("from_date"), kwargs.get("to_date"), kwargs.get("unit"))
	counted = frappe.get_list(PETITION, filters=filters, fields=["count(name) as total"], as_list=True)
	return cint(counted[0][0]) if counted else 0


def deliver(register: str, kwargs: dict) -> None:
	"""Send the workbook in the response; a large one is built in the background instead."""
	kwargs = {k: v for k, v in kwargs.items() if v}
	rows = _rows_in_range(register, kwargs)
	if rows > BACKGROUND_ROWS:
		_queue(register, kwargs, rows)
		frappe.local.response["message"] = {"background": True, "rows": rows}
		return
	book, stem = REGISTERS[register](**kwargs)
	_send(book, stem)


def _queue(register: str, kwargs: dict, rows: int) -> None:
	if rows > MAX_REGISTER_ROWS:
		frappe.throw(
			_(
				"The register would have {0} rows, more than the {1} a workbook can hold. Choose a shorter period or one unit."
			).format(rows, MAX_REGISTER_ROWS),
			exc=RegisterTooLargeError,
			title=_("Register Too Large"),
		)
	frappe.enqueue(
		build_in_background,
		queue="long",
		timeout=BACKGROUND_TIMEOUT,
		now=frappe.flags.in_test,
		register=register,
		kwargs=kwargs,
	)
	frappe.msgprint(
		_(
			"The register has {0} rows: it is being built in the background. A notification will bring you the file."
		).format(rows),
		title=_("Register Queued"),
		indicator="blue",
	)


def build_in_background(register: str, kwargs: dict) -> str:
	"""The job: build on the replica (if any), keep as a private file, notify the user."""
	book, stem = frappe.read_only()(REGISTERS[register])(**kwargs)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{stem}-{today()}.xlsx",
			"content": workbook_bytes(book),
			"is_private": 1,
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": frappe.session.user,
			"type": "Alert",
			"document_type": "File",
			"document_name": file.name,
			"subject": _("Your register {0} is ready.").format(file.file_name),
			"email_content": f'<a href="{file.file_url}">{file.file_name}</a>',
		}
	).insert(ignore_permissions=True)
	return file.file_url


def annex_sheets() -> tuple[tuple[str, str, str, str], ...]:
	"""(field, label when empty, title suffix, sheet name) of each sheet of the annex."""
	return (
		("category", parts.NO_CATEGORY, "THEO LĨNH VỰC", "Theo linh vuc"),
		("responsible_unit", parts.NO_UNIT, "THEO ĐƠN VỊ", "Theo don vi"),
		("state_label", "Chưa xử lý", "THEO TRẠNG THÁI", "Theo trang thai"),
	)


# -- rows ---------------------------------------------------------------------------------------


def petition_register_rows(rows: list[dict]) -> Iterator[dict[str, Any]]:
	idents = identity.identities_for(
		[r.name for r in rows if identity.is_secret(r)], channel="Register Export"
	)
	for r in rows:
		who, place = _person(r, idents.get(r.name))
		answered = getdate(r.answered_on) if r.answered_on else None
		due = getdate(r.due_date) if r.due_date else None
		yield {
			"received_on": getdate(r.received_date) if r.received_date else None,
			"petitioner": who,
			"address": place,
			"source": document_label(r.source, PETITION),
			"summary": r.subject or parts.plain_text(r.content),
			"area": r.category,
			"petition_type": document_label(r.petition_type, PETITION),
			"unit": r.responsible_unit,
			"due_date": due,
			"answered_on": answered,
			"result": r.result or parts.plain_text(r.answer)[:500],
			"timeliness": timeliness(due, answered),
			"note": _("Repeats {0}", lang=DOCUMENT_LANGUAGE, context="Citizen Petition").format(
				r.duplicate_of
			)
			if r.duplicate_of
			else r.name,
		}


def reception_rows(rows: list[dict]) -> Iterator[dict[str, Any]]:
	"""Mẫu 03 rows from the reception report's own line builder, counts by petition type."""
	idents = identity.identities_for(
		[r.name for r in rows if identity.is_secret(r)], channel="Register Export"
	)
	fmt = reception_report.LineFormatter(lang=DOCUMENT_LANGUAGE)
	for i, r in enumerate(rows, start=1):
		line = reception_report.line(i, r, idents.get(r.name), fmt)
		people = (r.group_size or 1) if r.petitioner_kind == "Group" else 1
		kind = r.petition_type
		yield {
			"received_on": getdate(r.received_date) if r.received_date else None,
			"name_address": line["person"],
			"id_number": line["id_number"],
			"content": line["content"],
			"complaints": 1 if kind == "Complaint" else None,
			"denunciations": 1 if kind == "Denunciation" else None,
			"recommendations": 1 if kind in ("Recommendation", "Feedback", "Multiple Contents") else None,
			"people": people,
			"resolved_by": line["handled_before"],
			"handling": line["handling"],
			"follow_up": line["follow_up"],
			"note": line["note"],
		}


def _person(r: dict, ident: dict | None) -> tuple[str, str]:
	who, place = identity.person_shown(r, ident, lang=DOCUMENT_LANGUAGE)
	if r.petitioner_kind == "Group" and r.group_size and (ident or not r.identity_confidential):
		who = _("{0} ({1} people)", lang=DOCUMENT_LANGUAGE).format(who, r.group_size)
	return who, place


# -- helpers ------------------------------------------------------------------------------------


def _check_read() -> None:
	frappe.has_permission(PETITION, "read", throw=True)


def _filters(from_date: str | None, to_date: str | None, unit: str | None) -> dict[str, Any]:
	filters: dict[str, Any] = {}
	if from_date and to_date:
		filters["received_date"] = ("between", [getdate(from_date), getdate(to_date)])
	elif from_date:
		filters["received_date"] = (">=", getdate(from_date))
	elif to_date:
		filters["received_date"] = ("<=", getdate(to_date))
	if unit:
		frappe.has_permission("Dialogue Unit", "read", unit, throw=True)
		filters["responsible_unit"] = ("in", _unit_and_descendants(unit))
	return filters


def _unit_and_descendants(unit: str) -> list[str]:
	return [unit, *frappe.db.get_descendants("Dialogue Unit", unit)]


def _heading(unit: str | None, from_date: str | None, to_date: str | None) -> RegisterHeading:
	unit = unit or frappe.db.get_single_value("Dialogue Settings", "default_unit")
	agency = parent = ""
	if unit:
		row = frappe.db.get_value(
			"Dialogue Unit", unit, ["unit_name", "header_name", "parent_dialogue_unit"], as_dict=True
		)
		if row:
			agency = row.header_name or row.unit_name
			if row.parent_dialogue_unit:
				parent = frappe.db.get_value(
					"Dialogue Unit", row.parent_dialogue_unit, "header_name"
				) or frappe.db.get_value("Dialogue Unit", row.parent_dialogue_unit, "unit_name")
	return RegisterHeading(
		agency=agency,
		parent=parent or "",
		period=period_line(getdate(from_date) if from_date else None, getdate(to_date) if to_date else None),
	)


def workbook_bytes(book: RegisterWorkbook) -> bytes:
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def _send(book: RegisterWorkbook, stem: str) -> None:
	frappe.local.response.filename = f"{stem}-{today()}.xlsx"
	frappe.local.response.filecontent = workbook_bytes(book)
	frappe.local.response.type = "binary"
