"""Jinja methods of the app's print formats (hooks.py ``jinja.methods``): they read what a
document prints from the site and hand it to the frame (utils/printing.py) and the body rules
(core/document_parts.py). Each is named ``txdt_*`` so it never shadows another app's method.

The identity of a denouncer reaches a print only through permissions/identity.py: without the
right to see it, the print shows the one mask and nothing else is read.
"""

from __future__ import annotations

from typing import Any

import frappe
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import document_parts as parts
from tiep_xuc_doi_thoai.core.documents import DocumentContext
from tiep_xuc_doi_thoai.permissions import identity
from tiep_xuc_doi_thoai.services.periodic_report import conclusions_of, stored_figures
from tiep_xuc_doi_thoai.utils.labels import DOCUMENT_LANGUAGE, document_label
from tiep_xuc_doi_thoai.utils.printing import txdt_nd30_doc_context

SIGNER_FIELDS = ("authority", "authority_title", "signer_title", "signer_name")
HEAD_TITLE = "Thủ trưởng cơ quan"  # the form's own words when a unit has no plan to take a signer from
BLANK_NAME = "……………………"  # no signer on record: the line is left to write the name by hand
PETITION_FIELDS = (
	"name",
	"subject",
	"petition_type",
	"category",
	"status",
	"answer_mode",
	"answered_on",
	"due_date",
	"responsible_unit",
	"conference",
	"content",
	"answer",
	"petitioner_name",
	"identity_confidential",
)


def txdt_plan_parts(doc: Any) -> dict[str, Any]:
	return parts.plan_parts(doc, document_label)


def _signer_of_plan(plan: str | None) -> dict[str, Any]:
	if not plan:
		return {}
	row = frappe.db.get_value("Dialogue Plan", plan, ["issuing_unit", *SIGNER_FIELDS], as_dict=True)
	return dict(row) if row else {}


def signer_for_unit(unit: str | None) -> dict[str, Any]:
	"""Who signs for a unit: as on its latest plan with a signer, else its head."""
	if unit:
		plans = frappe.get_all(
			"Dialogue Plan",
			filters={"issuing_unit": unit, "signer_name": ("is", "set")},
			fields=list(SIGNER_FIELDS),
			order_by="plan_date desc, creation desc",
			limit=1,
		)
		if plans:
			return dict(plans[0])
		head = frappe.db.get_value("Dialogue Unit", unit, "unit_head")
		if head:
			return {"signer_title": HEAD_TITLE, "signer_name": frappe.utils.get_fullname(head)}
	return {}


def _default_unit() -> str | None:
	return frappe.db.get_single_value("Dialogue Settings", "default_unit")


def _unit_values(unit: str | None, signer: dict[str, Any]) -> dict[str, Any]:
	"""The frame's values for a document a unit issues (header from the unit, signer given)."""
	values = {key: signer.get(key) for key in SIGNER_FIELDS if signer.get(key)}
	values.setdefault("signer_title", HEAD_TITLE)
	values.setdefault("signer_name", BLANK_NAME)
	return {"issuing_unit": unit, **values}


def _extra(unit: str | None) -> dict[str, Any]:
	"""The issuing unit's name as prose writes it (the header has it in capitals)."""
	name = frappe.db.get_value("Dialogue Unit", unit, "unit_name") if unit else None
	return {"issuer_name": name or ""}


class _Frame(frappe._dict):
	"""A stand-in document for txdt_nd30_doc_context: the unit and signer of another document."""


def conference_document(doc: Any, kind: str) -> DocumentContext:
	"""The frame of a conference document: GM (giấy mời), BB (biên bản), TB (thông báo kết
	luận) or BC (báo cáo); header from the conference's unit (or its plan's), signer from
	its plan."""
	signer = _signer_of_plan(doc.get("dialogue_plan"))
	unit = doc.get("issuing_unit") or signer.get("issuing_unit") or _default_unit()
	frame = _Frame(_unit_values(unit, signer))
	topic = doc.get("topic") or ""
	if kind == "GM":
		frame.update(
			number_and_symbol=doc.get("notice_number"),
			date=doc.get("notice_date"),
			recipients=["Như thành phần mời"],
		)
		summary = f"Về việc dự hội nghị tiếp xúc, đối thoại {topic}".strip()
	elif kind == "TB":
		frame.update(
			number_and_symbol=doc.get("conclusion_notice_number"),
			date=doc.get("conclusion_notice_date"),
			recipients=["Các cơ quan, đơn vị có tên tại Thông báo"],
		)
		summary = f"Kết luận của người chủ trì tại hội nghị tiếp xúc, đối thoại {topic}".strip()
	elif kind == "BB":
		frame.update(date=doc.get("conference_date"))
		summary = f"Hội nghị tiếp xúc, đối thoại {topic}".strip()
	else:
		frame.update(date=doc.get("results_published_on") or today())
		summary = f"Kết quả hội nghị tiếp xúc, đối thoại {topic}".strip()
	if not frame.get("year") and frame.get("date"):
		frame.year = getdate(frame.date).year
	return txdt_nd30_doc_context(
		frame, type_code=kind, date_field="date", summary=summary, extra=_extra(unit)
	)


def txdt_conference_document(doc: Any, kind: str = "GM") -> DocumentContext:
	return conference_document(doc, kind)


def conference_petitions(conference: str) -> list[dict[str, Any]]:
	"""Opinions raised at or for a conference, readable by the user; a denouncer's name only
	with Confidential Access."""
	rows = frappe.get_list(
		"Citizen Petition",
		filters={"conference": conference},
		fields=list(PETITION_FIELDS),
		order_by="received_date asc, name asc",
		limit_page_length=0,
	)
	return _with_names(rows)


def _with_names(rows: list[dict]) -> list[dict[str, Any]]:
	idents = identity.identities_for([r.name for r in rows if r.identity_confidential], channel="Print")
	out = []
	for r in rows:
		who, _place = identity.person_shown(r, idents.get(r.name), lang=DOCUMENT_LANGUAGE)
		out.append(
			{
				**r,
				"who": who,
				"type": document_label(r.petition_type, "Citizen Petition"),
				"summary": r.subject or parts.plain_text(r.content)[:300],
				"answer_text": parts.plain_text(r.answer),
			}
		)
	return out


def txdt_conference_parts(doc: Any) -> dict[str, Any]:
	"""What the giấy mời, biên bản and thông báo kết luận lay out."""
	petitions = conference_petitions(doc.name) if doc.get("name") and not doc.is_new() else []
	return {
		"time_line": parts.meeting_time_line(
			doc.get("conference_date"), doc.get("start_time"), doc.get("end_time")
		),
		"start": parts.time_words(doc.get("start_time")),
		"end": parts.time_words(doc.get("end_time")),
		"date_words": parts.meeting_time_line(doc.get("conference_date")),
		"form": document_label(doc.get("dialogue_form"), "Dialogue Conference"),
		"conclusions": parts.conclusion_rows(doc.get("conclusions"), document_label),
		"petitions": petitions,
		"answered": [p for p in petitions if p["answer_text"]],
		"speakers": list(doc.get("speakers") or ()),
	}


# -- báo cáo kết quả ----------------------------------------------------------------------------


def results_scope(doc: Any) -> tuple[list[dict], list[str], int]:
	"""Conferences a results report covers (a plan's, or one conference), their names, and
	how many dialogues the plan planned."""
	fields = ["name", "topic", "conference_date", "place", "status", "total_attendance", "chair"]
	if doc.doctype == "Dialogue Plan":
		conferences = frappe.get_list(
			"Dialogue Conference",
			filters={"dialogue_plan": doc.name},
			fields=fields,
			order_by="conference_date asc",
			limit_page_length=0,
		)
		planned = doc.get("planned_dialogues") or len(doc.get("sessions") or ())
	else:
		conferences = [{f: doc.get(f) for f in fields}]
		planned = 1
	return conferences, [c["name"] for c in conferences], planned


def results_petitions(conferences: list[str]) -> list[dict]:
	if not conferences:
		return []
	return frappe.get_list(
		"Citizen Petition",
		filters={"conference": ("in", conferences)},
		fields=list(PETITION_FIELDS),
		limit_page_length=0,
	)


def txdt_results(doc: Any) -> parts.ResultsSummary:
	conferences, names, planned = results_scope(doc)
	conclusions = conclusions_of(names)
	for conf in conferences:
		conf["time_line"] = parts.meeting_time_line(conf.get("conference_date"))
	return parts.results_summary(
		conferences,
		results_petitions(names),
		conclusions,
		planned=planned,
		today=getdate(today()),
		label=document_label,
	)


def txdt_report_document(doc: Any) -> DocumentContext:
	if doc.doctype == "Dialogue Conference":
		return conference_document(doc, "BC")
	return txdt_nd30_doc_context(
		_Frame(
			_unit_values(doc.get("issuing_unit"), {k: doc.get(k) for k in SIGNER_FIELDS})
			| {
				"header_parent": doc.get("header_parent"),
				"header_name": doc.get("header_name"),
				"party_document": doc.get("party_document"),
				"place_name": doc.get("place_name"),
				"recipients": doc.get("recipients"),
				"date": today(),
			}
		),
		type_code="BC",
		date_field="date",
		extra=_extra(doc.get("issuing_unit")),
		summary=f"Kết quả thực hiện {doc.get('title') or ''}".strip(),
	)


# -- phiếu giao nhiệm vụ, văn bản trả lời ---------------------------------------------------------


def _assignment_unit_and_signer(doc: Any) -> tuple[str | None, dict[str, Any]]:
	plan = doc.get("dialogue_plan")
	unit = None
	if doc.get("dialogue_conference"):
		conf = frappe.db.get_value(
			"Dialogue Conference", doc.dialogue_conference, ["issuing_unit", "dialogue_plan"], as_dict=True
		)
		if conf:
			unit, plan = conf.issuing_unit, plan or conf.dialogue_plan
	signer = _signer_of_plan(plan)
	unit = unit or signer.get("issuing_unit") or _default_unit()
	return unit, signer or signer_for_unit(unit)


def txdt_assignment_document(doc: Any) -> dict[str, Any]:
	"""Phiếu giao nhiệm vụ, or phiếu chuyển đơn when it carries citizens' petitions."""
	unit, signer = _assignment_unit_and_signer(doc)
	transfer = doc.get("source_type") == "Citizen Petitions"
	frame = _Frame(_unit_values(unit, signer), date=doc.get("assigned_on"))
	document = txdt_nd30_doc_context(
		frame,
		type_code="PC" if transfer else None,
		title="Phiếu chuyển đơn" if transfer else "Phiếu giao nhiệm vụ",
		date_field="date",
		summary=None,
		extra=_extra(unit),
	)
	names = [row.petition for row in doc.get("petitions") or () if row.petition]
	petitions = []
	if names:
		rows = frappe.get_list(
			"Citizen Petition",
			filters={"name": ("in", names)},
			fields=[*PETITION_FIELDS, "received_date"],
			limit_page_length=0,
		)
		petitions = _with_names(rows)
	return {
		"document": document,
		"transfer": transfer,
		"petitions": petitions,
		"coordinating": [row.unit for row in doc.get("coordinating_units") or () if row.unit],
		"due": parts.format_short_date(getdate(doc.due_date)) if doc.get("due_date") else "",
		"assigned": parts.format_short_date(getdate(doc.assigned_on)) if doc.get("assigned_on") else "",
	}


def txdt_answer_letter(doc: Any) -> dict[str, Any]:
	"""Văn bản trả lời (công văn: ``Số: 12/UBND-VX``, ``V/v trả lời ...``) to the petitioner.
	For a tố cáo the denouncer is named only for Dialogue Confidential Access."""
	unit = doc.get("responsible_unit") or _default_unit()
	plan = (
		frappe.db.get_value("Dialogue Conference", doc.conference, "dialogue_plan")
		if doc.get("conference")
		else None
	)
	signer = _signer_of_plan(plan) or signer_for_unit(unit)
	if signer.get("issuing_unit"):
		unit = doc.get("responsible_unit") or signer["issuing_unit"]
	frame = _Frame(
		_unit_values(unit, signer),
		number_and_symbol=doc.get("answer_reference"),
		date=doc.get("answered_on"),
		year=getdate(doc.get("answered_on") or today()).year,
	)
	subject = doc.get("subject") or parts.plain_text(doc.get("content"))[:120]
	document = txdt_nd30_doc_context(
		frame,
		type_code=None,
		date_field="date",
		summary=f"V/v trả lời {(document_label(doc.get('petition_type'), 'Citizen Petition') or 'ý kiến').lower()} "
		f"của công dân",
		recipients=["Như trên", *(r for r in [frame_recipient(doc)] if r)],
		extra=_extra(unit),
	)
	name, address = addressee(doc)
	return {
		"document": document,
		"addressee": name,
		"address": address,
		"confidential": bool(doc.get("identity_confidential")),
		"received": parts.format_short_date(getdate(doc.received_date)) if doc.get("received_date") else "",
		"subject": subject,
		"content": parts.plain_text(doc.get("content")),
		"answer": parts.paragraphs(doc.get("answer")),
	}


def frame_recipient(doc: Any) -> str | None:
	return doc.get("source_body") or None


def addressee(doc: Any) -> tuple[str, str]:
	"""Name and address on the letter; the mask of a denouncer unless the user may read it."""
	ident = None
	if doc.get("identity_confidential") and doc.get("name"):
		ident = identity.identities_for([doc.name], channel="Print").get(doc.name)
	name, place = identity.person_shown(doc, ident, lang=DOCUMENT_LANGUAGE)
	return name or (identity.mask_label(DOCUMENT_LANGUAGE) if doc.get("identity_confidential") else ""), place


# -- báo cáo định kỳ ----------------------------------------------------------------------------


def txdt_periodic_figures(doc: Any) -> dict[str, Any]:
	"""The breakdowns of a periodic report (doctype Dialogue Report) for its print."""
	return stored_figures(doc)
