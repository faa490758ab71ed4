"""Periodic reports across levels: an approved report goes up through the outbox; the upper
site files what arrives as a *Dialogue Received Report*. Also the report's Excel annex."""

from __future__ import annotations

import base64
import json
from typing import Any

import frappe
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.excel import RESULTS_ANNEX, RegisterHeading, RegisterWorkbook
from tiep_xuc_doi_thoai.integrations.outbox import create_transfer

REPORT = "Dialogue Report"
RECEIVED = "Dialogue Received Report"
# What travels: the report's figures and narrative (no petition, no name of anyone).
SENT_FIELDS = (
	"title",
	"number_and_symbol",
	"period_kind",
	"year",
	"from_date",
	"to_date",
	"report_date",
	"opinions_received",
	"answered_on_time",
	"answered_late",
	"still_open",
	"open_overdue",
	"dialogues_held",
	"dialogues_required",
	"plan_on_time",
	"conclusions_done",
	"assignments_overdue",
	"results",
	"shortcomings",
	"proposals",
)


def report_payload(doc) -> dict[str, Any]:
	return {
		"version": levels.PAYLOAD_VERSION,
		"sender_reference": doc.name,
		"sender_unit": frappe.db.get_value("Dialogue Unit", doc.issuing_unit, "unit_name")
		or doc.issuing_unit,
		"report": {f: doc.get(f) for f in SENT_FIELDS},
		"figures": json.loads(doc.figures_json or "{}"),
	}


def queue_report(doc) -> str | None:
	link = frappe.get_cached_doc("Dialogue Site Link", doc.send_to_link)
	return create_transfer(
		levels.KIND_REPORT, link.name, doc.doctype, doc.name, report_payload(doc), variant=link.name
	)


def queue_signed_report(signed) -> str | None:
	"""The sealed PDF of an approved report goes up as it is (base64 of its bytes): its
	signatures stay valid on the other site, which files it on the same Received Report."""
	doc = frappe.get_doc(REPORT, signed.reference_name)
	if not doc.send_to_link or not signed.official_file:
		return None
	from tiep_xuc_doi_thoai.services.signing import file_content

	payload = report_payload(doc)
	payload["signed_pdf"] = base64.b64encode(file_content(signed.official_file)).decode("ascii")
	payload["signed_pdf_name"] = f"{signed.name}.pdf"
	return create_transfer(
		levels.KIND_REPORT,
		doc.send_to_link,
		REPORT,
		doc.name,
		payload,
		variant=f"{doc.send_to_link}|{signed.name}",
	)


def receive_report(link, payload: dict) -> tuple[str, str, str]:
	values = payload.get("report") or {}
	reference = str(payload.get("sender_reference") or "")[:140]
	existing = frappe.db.get_value(RECEIVED, {"site_link": link.name, "sender_reference": reference})
	if existing and payload.get("signed_pdf"):
		doc = frappe.get_doc(RECEIVED, existing)
		attach_signed_pdf(doc, payload)
		return RECEIVED, doc.name, ""
	doc = frappe.get_doc(
		{
			"doctype": RECEIVED,
			"site_link": link.name,
			"sender_unit": (payload.get("sender_unit") or link.remote_unit or "")[:140],
			"sender_reference": str(payload.get("sender_reference") or "")[:140],
			"figures_json": json.dumps(payload.get("figures") or {}, ensure_ascii=False, indent=1),
			**{f: values.get(f) for f in SENT_FIELDS if values.get(f) not in (None, "")},
		}
	)
	doc.insert(ignore_permissions=True)  # the integration user files it; reading it is the staff's
	if payload.get("signed_pdf"):
		attach_signed_pdf(doc, payload)
	return RECEIVED, doc.name, ""


def attach_signed_pdf(doc, payload: dict) -> None:
	"""File the signed PDF byte for byte (private), so its signatures can be checked here."""
	from tiep_xuc_doi_thoai.core.signing import is_pdf

	content = base64.b64decode(payload["signed_pdf"])
	if not is_pdf(content):
		return
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": str(payload.get("signed_pdf_name") or "signed.pdf")[:100],
			"attached_to_doctype": RECEIVED,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": content,
		}
	)
	file.save(ignore_permissions=True)
	doc.db_set("signed_file", file.file_url)


@frappe.whitelist()
def report_annex(name: str) -> None:
	"""Phụ lục of a periodic report (.xlsx): results by field, in the registers' shape."""
	from tiep_xuc_doi_thoai.services.registers import _heading, workbook_bytes

	doc = frappe.get_doc(REPORT, name)
	doc.check_permission("read")
	figures: dict[str, Any] = json.loads(doc.figures_json or "{}")
	heading = _heading(doc.issuing_unit, str(doc.from_date), str(doc.to_date))
	book = RegisterWorkbook()
	book.add_register(
		RESULTS_ANNEX,
		iter(figures.get("annex") or ()),
		RegisterHeading(
			heading.agency, heading.parent, f"{RESULTS_ANNEX.title} THEO LĨNH VỰC", heading.period
		),
	)
	frappe.local.response.filename = f"phu-luc-bao-cao-{doc.name}-{getdate(today())}.xlsx"
	frappe.local.response.filecontent = workbook_bytes(book)
	frappe.local.response.type = "binary"
