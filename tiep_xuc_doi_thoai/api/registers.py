"""Registers and report annexes as Excel downloads (core/excel.py shapes):

- ``petition_register``: sổ theo dõi ý kiến, kiến nghị for a period and unit;
- ``reception_register``: sổ tiếp công dân (TT 04/2021 Mẫu 03), the lines of the Script Report
  "Petition Reception Register" (its query and line builder are reused, not copied);
- ``results_annex``: phụ lục kết quả by category, unit and state; on time or late.

Rows come through ``frappe.get_list``, so a user gets only the petitions they may read; a
denouncer's identity only with Dialogue Confidential Access (utils/petition_identity.py), the
mask otherwise.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import frappe
from frappe import _
from frappe.utils import getdate, today

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
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.petition_reception_register import (
	petition_reception_register as reception_report,
)
from tiep_xuc_doi_thoai.utils import petition_identity as identity
from tiep_xuc_doi_thoai.utils.print_formats import results_scope

PETITION = "Citizen Petition"
REPORT = "Petition Reception Register"
SOURCES = {
	"At a Conference": "Tại hội nghị",
	"Fatherland Front or Organizations": "MTTQ, đoàn thể chuyển",
	"Citizen Reception": "Tiếp công dân",
	"Mail": "Đơn thư",
	"Online": "Trực tuyến",
	"Transferred by Another Body": "Cơ quan khác chuyển",
}
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


# -- endpoints ----------------------------------------------------------------------------------


@frappe.whitelist()
def petition_register(
	from_date: str | None = None, to_date: str | None = None, unit: str | None = None
) -> None:
	"""Sổ theo dõi ý kiến, kiến nghị của Nhân dân (.xlsx)."""
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
	_send(book, "so-theo-doi-kien-nghi")


@frappe.whitelist()
def reception_register(
	from_date: str | None = None,
	to_date: str | None = None,
	unit: str | None = None,
	source: str | None = None,
	petition_type: str | None = None,
) -> None:
	"""Sổ tiếp công dân, Mẫu 03 (.xlsx): the Script Report's lines in the register's columns."""
	_check_read()
	if not frappe.get_cached_doc("Report", REPORT).is_permitted():
		frappe.throw(_("You are not permitted to access this resource."), frappe.PermissionError)
	filters = frappe._dict(from_date=from_date, to_date=to_date, source=source, petition_type=petition_type)
	conditions = reception_report.conditions(filters)
	conditions.update(_filters(None, None, unit))
	rows = frappe.get_list(
		PETITION,
		filters=conditions,
		fields=list(reception_report.FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=0,
	)
	book = RegisterWorkbook()
	book.add_register(RECEPTION_REGISTER, reception_rows(rows), _heading(unit, from_date, to_date))
	_send(book, "so-tiep-cong-dan")


@frappe.whitelist()
def results_annex(
	from_date: str | None = None,
	to_date: str | None = None,
	unit: str | None = None,
	dialogue_plan: str | None = None,
	dialogue_conference: str | None = None,
) -> None:
	"""Phụ lục kết quả tiếp nhận, giải quyết (.xlsx): one sheet each by category, by unit and
	by state; for a plan or a conference, the opinions raised at its conferences."""
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
	rows = frappe.get_list(
		PETITION,
		filters=filters,
		fields=["category", "responsible_unit", "status", "answered_on", "due_date"],
		limit_page_length=0,
	)
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
	_send(book, "phu-luc-ket-qua")


def annex_sheets() -> tuple[tuple[str, str, str, str], ...]:
	"""(field, label when empty, title suffix, sheet name) of each sheet of the annex."""
	return (
		("category", parts.NO_CATEGORY, "THEO LĨNH VỰC", "Theo linh vuc"),
		("responsible_unit", parts.NO_UNIT, "THEO ĐƠN VỊ", "Theo don vi"),
		("status", "Chưa xử lý", "THEO TRẠNG THÁI", "Theo trang thai"),
	)


# -- rows ---------------------------------------------------------------------------------------


def petition_register_rows(rows: list[dict]) -> Iterator[dict[str, Any]]:
	idents = identity.identities_for([r.name for r in rows if r.identity_confidential])
	for r in rows:
		who, place = _person(r, idents.get(r.name))
		answered = getdate(r.answered_on) if r.answered_on else None
		due = getdate(r.due_date) if r.due_date else None
		yield {
			"received_on": getdate(r.received_date) if r.received_date else None,
			"petitioner": who,
			"address": place,
			"source": SOURCES.get(r.source or "", r.source),
			"summary": r.subject or parts.plain_text(r.content),
			"area": r.category,
			"petition_type": parts.PETITION_TYPES.get(r.petition_type or "", r.petition_type),
			"unit": r.responsible_unit,
			"due_date": due,
			"answered_on": answered,
			"result": r.result or parts.plain_text(r.answer)[:500],
			"timeliness": timeliness(due, answered),
			"note": _("Repeats {0}").format(r.duplicate_of) if r.duplicate_of else r.name,
		}


def reception_rows(rows: list[dict]) -> Iterator[dict[str, Any]]:
	"""Mẫu 03 rows from the reception report's own line builder, counts by petition type."""
	idents = identity.identities_for([r.name for r in rows if r.identity_confidential])
	for i, r in enumerate(rows, start=1):
		line = reception_report.line(i, r, idents.get(r.name))
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
	if r.identity_confidential and not ident:
		return _("Confidential (denouncer)"), ""
	person = ident or r
	place = ", ".join(filter(None, (person.get("address"), person.get("village"), r.commune)))
	who = person.get("petitioner_name") or ""
	if r.petitioner_kind == "Group" and r.group_size:
		who = _("{0} ({1} people)").format(who, r.group_size)
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
