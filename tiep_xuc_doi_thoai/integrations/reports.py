"""Periodic reports across levels: an approved report goes up through the outbox; the upper
site files what arrives as a *Dialogue Received Report*. Also the report's Excel annex."""

from __future__ import annotations

import json
from typing import Any

import frappe
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import levels as L
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


def queue_report(doc) -> str | None:
	link = frappe.get_cached_doc("Dialogue Site Link", doc.send_to_link)
	payload = {
		"version": L.PAYLOAD_VERSION,
		"sender_reference": doc.name,
		"sender_unit": frappe.db.get_value("Dialogue Unit", doc.issuing_unit, "unit_name")
		or doc.issuing_unit,
		"report": {f: doc.get(f) for f in SENT_FIELDS},
		"figures": json.loads(doc.figures_json or "{}"),
	}
	return create_transfer(L.KIND_REPORT, link.name, doc.doctype, doc.name, payload, variant=link.name)


def receive_report(link, payload: dict) -> tuple[str, str, str]:
	values = payload.get("report") or {}
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
	return RECEIVED, doc.name, ""


@frappe.whitelist()
def report_annex(name: str) -> None:
	"""Phụ lục of a periodic report (.xlsx): results by field, in the registers' shape."""
	from tiep_xuc_doi_thoai.api.registers import _heading, workbook_bytes

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
