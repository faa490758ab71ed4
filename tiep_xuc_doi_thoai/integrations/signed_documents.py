"""Signed documents across levels (issue 20): a sealed plan goes up through the outbox as its
PDF, byte for byte; the upper site files it as a *Dialogue Received Document* and checks its
signatures on arrival.

What is frozen in the transfer is the file's address and its SHA-256; the bytes are read only
when the job sends it (``payloads.outgoing_body``, as for a petition's attachments), and a file
that no longer hashes to what was sealed is not sent. The receiving side refuses bytes that do
not hash to the declared SHA-256 (damaged on the way: the sender tries again) and keeps - and
flags - a PDF whose signatures do not validate there: nothing that arrived is lost.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.integrations.outbox import create_transfer

SIGNED = "Signed Document"
RECEIVED = "Dialogue Received Document"
LINK = "Dialogue Site Link"
# The documents whose sealed PDF goes up on its own once sealed (a periodic report travels
# with its figures instead: integrations/reports.py).
SENT_UP = ("Dialogue Plan",)
VALID = "Valid"
NOT_VALID = "Not Valid"


class SignedPayloadError(frappe.ValidationError):
	pass


def upper_link(unit: str | None) -> str | None:
	"""The enabled link to the upper level of ``unit`` (the link's own unit)."""
	if not unit:
		return None
	return frappe.db.get_value(
		LINK, {"direction": levels.UPPER, "enabled": 1, "local_unit": unit}, "name", order_by="creation asc"
	)


def signed_document_payload(signed, link) -> dict[str, Any]:
	"""The frozen part: what the document is, who sealed it with which certificates, and which
	file (its address and SHA-256, never its bytes)."""
	content = _content(signed.official_file)
	return {
		"version": levels.PAYLOAD_VERSION,
		"sender_reference": signed.name,
		"sender_unit": frappe.db.get_value("Dialogue Unit", signed.issuing_unit, "unit_name")
		or signed.issuing_unit,
		"to_unit": link.remote_unit,
		"document": {
			"doctype": signed.reference_doctype,
			"name": signed.reference_name,
			"title": signed.title,
			"number_and_symbol": signed.number_and_symbol,
			"signer_name": signed.signer_name,
			"sealed_on": str(signed.sealed_on or ""),
		},
		"fingerprints": [f for f in (signed.signer_fingerprint, signed.seal_fingerprint) if f],
		"file": {
			"file_url": signed.official_file,
			"file_name": f"{signed.name}.pdf",
			"sha256": hashlib.sha256(content).hexdigest(),
		},
	}


def queue_signed_document(signed) -> str | None:
	"""Queue the sealed PDF of ``signed`` for the upper level; None when it does not go up
	(another kind of document, no upper link, or already queued)."""
	if signed.reference_doctype not in SENT_UP or not signed.official_file:
		return None
	link_name = upper_link(signed.issuing_unit)
	if not link_name:
		return None
	link = frappe.get_cached_doc(LINK, link_name)
	return create_transfer(
		levels.KIND_SIGNED_DOCUMENT,
		link.name,
		SIGNED,
		signed.name,
		signed_document_payload(signed, link),
		variant=f"{link.name}|{signed.official_file}",
	)


def _content(file_url: str) -> bytes:
	from tiep_xuc_doi_thoai.services.signing import file_content

	return file_content(file_url)


def receive_signed_document(link, payload: dict) -> tuple[str, str, str]:
	"""File what arrived (the receiving endpoint's handler; its transaction is the request's)."""
	from tiep_xuc_doi_thoai.core.signing import is_pdf
	from tiep_xuc_doi_thoai.services import signing

	ref = payload.get("file") or {}
	try:
		content = base64.b64decode(payload.get("pdf") or "", validate=True)
	except (binascii.Error, ValueError):
		_refuse(_("The signed PDF is damaged."))
	if not is_pdf(content):
		_refuse(_("The transferred document is not a PDF."))
	if hashlib.sha256(content).hexdigest() != ref.get("sha256"):
		_refuse(_("The signed PDF does not match its SHA-256: it was damaged on the way."))
	document = payload.get("document") or {}
	sender = str(payload.get("sender_unit") or link.remote_unit or link.name)[:140]
	fingerprints = [str(f) for f in payload.get("fingerprints") or () if f]
	try:
		check = signing.verify_received(content, sender, set(fingerprints))
	except signing.NotAPdfError:
		check = {"ok": False, "message": _("The PDF could not be read: it is damaged or not a PDF.")}
	doc = frappe.get_doc(
		{
			"doctype": RECEIVED,
			"site_link": link.name,
			"sender_unit": sender,
			"sender_reference": str(payload.get("sender_reference") or "")[:140],
			"document_type": str(document.get("doctype") or "")[:140],
			"document_reference": str(document.get("name") or "")[:140],
			"title": str(document.get("title") or "")[:140],
			"number_and_symbol": str(document.get("number_and_symbol") or "")[:140],
			"signer_name": str(document.get("signer_name") or "")[:140],
			"sealed_on": _datetime_or_none(document.get("sealed_on")),
			"sha256": ref.get("sha256"),
			"expected_fingerprints": "\n".join(fingerprints),
			"signature_status": VALID if check["ok"] else NOT_VALID,
			"verification_message": check["message"],
		}
	)
	doc.insert(ignore_permissions=True)  # the integration user files it; reading it is the staff's
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": str(ref.get("file_name") or "signed.pdf")[:100],
			"attached_to_doctype": RECEIVED,
			"attached_to_name": doc.name,
			"attached_to_field": "signed_file",
			"is_private": 1,
			"content": content,
		}
	)
	file.save(ignore_permissions=True)
	doc.db_set("signed_file", file.file_url, update_modified=False)
	if not check["ok"]:
		doc.add_comment(
			"Info",
			_("The signatures did not validate when it arrived: {0}").format(check["message"]),
		)
	return RECEIVED, doc.name, ""


def _refuse(message: str) -> None:
	"""A refusal rolls the receiving request back; the sender's transfer says why (Dead, with
	Retry)."""
	frappe.throw(message, exc=SignedPayloadError, title=_("Transfer Refused"))


def _datetime_or_none(value: Any):
	try:
		return frappe.utils.get_datetime(value) if value else None
	except Exception:
		return None
