"""What travels over a link, version ``core.levels.PAYLOAD_VERSION``.

The payload is frozen in the transfer when it is queued (so a retry sends the same thing);
what must not sit in the outbox row is added only when the job sends it: a denouncer's
identity (read from the Petition Identity record) and the bytes of the attachments.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.permissions import sealed_files, sealing
from tiep_xuc_doi_thoai.permissions.identity import identity_for_system

PETITION = "Citizen Petition"
# What the receiving site copies onto its own petition.
PETITION_FIELDS = (
	*levels.PETITION_CONTENT_FIELDS,
	"identity_confidential",
	"received_date",
	"source",
	"source_body",
)


class PayloadError(frappe.ValidationError):
	pass


def petition_payload(doc, site_link) -> dict[str, Any]:
	"""The frozen part of a petition sent up: its content, who sends it, and which files."""
	values = {f: doc.get(f) for f in PETITION_FIELDS}
	values["received_date"] = str(doc.received_date)
	if not doc.identity_confidential:
		# Not secret: the row holds the identity, so it travels with the row.
		values.update({f: doc.get(f) for f in petition_rules.IDENTITY_FIELDS})
	return {
		"version": levels.PAYLOAD_VERSION,
		"sender_reference": doc.name,
		"sender_tracking_code": doc.tracking_code,
		"sender_unit": _unit_name(site_link.local_unit),
		"to_unit": site_link.remote_unit,
		"forwarded_on": str(doc.forwarded_on or ""),
		"petition": values,
		"files": _file_refs(doc),
	}


def _unit_name(unit: str | None) -> str:
	if not unit:
		return ""
	return frappe.db.get_value("Dialogue Unit", unit, "unit_name") or unit


def _file_refs(doc) -> list[dict[str, Any]]:
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "is_folder": 0},
		fields=["name", "file_name", "is_private", "content_hash", "file_size", "file_url"],
		order_by="creation asc",
	)
	total = sum(f.file_size or 0 for f in files)
	if total > levels.MAX_ATTACHMENT_BYTES:
		frappe.throw(
			_("The attachments are too large to send over the link ({0} MB at most).").format(
				levels.MAX_ATTACHMENT_BYTES // (1024 * 1024)
			),
			exc=PayloadError,
		)
	return [
		{
			"file": f.name,
			"file_name": f.file_name,  # a sealed file's neutral name: its own is read at send time
			# A denunciation's files carry the denouncer: private on the other side too.
			"is_private": int(bool(f.is_private or doc.identity_confidential)),
			"is_main": int(bool(doc.attachment and doc.attachment == f.file_url)),
		}
		for f in files
	]


def outgoing_body(transfer) -> dict[str, Any]:
	"""What the job posts: the frozen payload plus what is read only at send time."""
	payload = json.loads(transfer.payload or "{}")
	body: dict[str, Any] = {
		"idempotency_key": transfer.idempotency_key,
		"version": transfer.payload_version or levels.PAYLOAD_VERSION,
		"payload": payload,
	}
	if transfer.kind == levels.KIND_PETITION:
		payload["files"] = [_with_content(f) for f in payload.get("files") or ()]
		identity = _identity(transfer.reference_name, payload)
		if identity:
			payload["identity"] = identity
	elif transfer.kind == levels.KIND_SIGNED_DOCUMENT:
		_with_signed_pdf(payload)
	return body


def _with_signed_pdf(payload: dict[str, Any]) -> None:
	"""A sealed document's PDF (integrations/signed_documents.py), read now and refused when
	the file is gone or no longer hashes to what was sealed."""
	import hashlib

	from tiep_xuc_doi_thoai.services.signing import file_content

	ref = payload.get("file") or {}
	if not ref.get("file_url") or not frappe.db.exists("File", {"file_url": ref["file_url"]}):
		frappe.throw(_("The signed PDF was deleted after it was queued."), exc=PayloadError)
	content = file_content(ref["file_url"])
	if hashlib.sha256(content).hexdigest() != ref.get("sha256"):
		frappe.throw(_("The signed PDF was changed after it was sealed; it is not sent."), exc=PayloadError)
	payload["pdf"] = base64.b64encode(content).decode("ascii")


def _with_content(ref: dict[str, Any]) -> dict[str, Any]:
	if not frappe.db.exists("File", ref.get("file")):
		frappe.throw(
			_("The attachment {0} was deleted after the petition was forwarded.").format(
				ref.get("file_name")
			),
			exc=PayloadError,
		)
	content = frappe.get_doc("File", ref["file"]).get_content()
	if isinstance(content, str):
		content = content.encode("utf-8")
	# A sealed file travels opened under its own name (read now, never frozen in the transfer):
	# the other level seals it again with its own key when it lands on the secret petition.
	content = sealing.unseal_content(content)
	out = {k: v for k, v in ref.items() if k != "file"}
	out["file_name"] = sealed_files.original_names([ref["file"]]).get(ref["file"]) or ref.get("file_name")
	out["content"] = base64.b64encode(content).decode("ascii")
	return out


def _identity(petition: str, payload: dict[str, Any]) -> dict[str, Any] | None:
	"""A denouncer's identity from the confidential record (the job runs as the system)."""
	if not (payload.get("petition") or {}).get("identity_confidential"):
		return None
	row = identity_for_system(petition)
	if not row:
		return None
	return {k: v for k, v in row.items() if v}
