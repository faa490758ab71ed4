"""Receiving endpoints: what another level's site posts here (``/api/method/...receive.*``).

Who may call them is decided by Frappe's permissions, not here: the caller must be allowed to
create a *Dialogue Inbound Transfer* (Role Permission of the Dialogue Integration role), and
must be the integration user named on one of this site's enabled site links - that link is
who sent it. Everything a call creates happens in its one request transaction, so a refused
payload leaves nothing behind, and the inbound record (unique on the idempotency key) makes a
retry or a replay answer with the first receipt: never a second petition.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

import tiep_xuc_doi_thoai
from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.utils.workflow import write_as_consequence

INBOUND = "Dialogue Inbound Transfer"
LINK = "Dialogue Site Link"
PETITION = "Citizen Petition"
MAX_KEY = 140


class UnknownLinkError(frappe.PermissionError):
	pass


class InboundPayloadError(frappe.ValidationError):
	pass


class AlteredReplayError(frappe.ValidationError):
	http_status_code = 409


# -- endpoints ----------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def ping() -> dict[str, Any]:
	"""*Test Connection* from the other site: the credentials work and the link is known."""
	link = caller_link()
	return {
		"ok": True,
		"app": "tiep_xuc_doi_thoai",
		"version": tiep_xuc_doi_thoai.__version__,
		"site_link": link.name,
		"unit": _unit_name(link.local_unit),
	}


@frappe.whitelist(methods=["POST"])
def petition(idempotency_key: str, version: int, payload: dict) -> dict[str, Any]:
	"""A petition forwarded here by a lower level."""
	return _receive(levels.KIND_PETITION, idempotency_key, version, payload, _create_petition)


@frappe.whitelist(methods=["POST"])
def petition_update(idempotency_key: str, version: int, payload: dict) -> dict[str, Any]:
	"""The upper level's answer, decision or state for a petition this site sent up."""
	return _receive(levels.KIND_PETITION_UPDATE, idempotency_key, version, payload, _apply_update)


@frappe.whitelist(methods=["POST"])
def report(idempotency_key: str, version: int, payload: dict) -> dict[str, Any]:
	"""A periodic report (báo cáo) a lower level approved and sent up."""
	from tiep_xuc_doi_thoai.integrations.reports import receive_report

	return _receive(levels.KIND_REPORT, idempotency_key, version, payload, receive_report)


@frappe.whitelist(methods=["POST"])
def signed_document(idempotency_key: str, version: int, payload: dict) -> dict[str, Any]:
	"""A signed document (a plan) a lower level sealed and sent up as its PDF."""
	from tiep_xuc_doi_thoai.integrations.signed_documents import receive_signed_document

	return _receive(levels.KIND_SIGNED_DOCUMENT, idempotency_key, version, payload, receive_signed_document)


# -- the common path ------------------------------------------------------------------------------


def caller_link():
	"""The enabled site link whose integration user is the caller, after Frappe's permission."""
	frappe.has_permission(INBOUND, "create", throw=True)
	name = frappe.db.get_value(LINK, {"inbound_user": frappe.session.user, "enabled": 1}, "name")
	if not name:
		frappe.throw(
			_("No enabled site link on this site names {0} as the other site's integration user.").format(
				frappe.session.user
			),
			exc=UnknownLinkError,
			title=_("Unknown Site"),
		)
	return frappe.get_cached_doc(LINK, name)


def _receive(kind: str, key: str, version: int, payload: dict, handler) -> dict[str, Any]:
	link = caller_link()
	key = (key or "").strip()
	if not key or len(key) > MAX_KEY:
		_refuse(_("The transfer has no valid idempotency key."))
	if int(version or 0) not in levels.SUPPORTED_VERSIONS:
		_refuse(_("Payload version {0} is not supported here; update the app on both sites.").format(version))
	if not isinstance(payload, dict):
		_refuse(_("The transfer carries no payload."))
	digest = levels.content_hash(payload)
	existing = frappe.db.get_value(
		INBOUND,
		{"idempotency_key": key},
		["name", "site_link", "content_hash", "reference_doctype", "reference_name", "tracking_code"],
		as_dict=True,
	)
	if existing:
		if existing.site_link != link.name or existing.content_hash != digest:
			frappe.throw(
				_(
					"A transfer with key {0} was received on {1} with different content: it is kept as first received and this one is refused."
				).format(key, frappe.db.get_value(INBOUND, existing.name, "creation")),
				exc=AlteredReplayError,
				title=_("Altered Replay"),
			)
		return _receipt(existing.reference_name, existing.tracking_code, duplicate=True)
	inbound = frappe.get_doc(
		{
			"doctype": INBOUND,
			"idempotency_key": key,
			"kind": kind,
			"site_link": link.name,
			"content_hash": digest,
			"payload_version": int(version),
			"sender_reference": str(payload.get("sender_reference") or "")[:140],
		}
	)
	inbound.insert()  # the caller's own right (Role Permission), checked by Frappe
	doctype, name, tracking_code = handler(link, payload)
	inbound.db_set(
		{"reference_doctype": doctype, "reference_name": name, "tracking_code": tracking_code},
		update_modified=False,
	)
	return _receipt(name, tracking_code)


def _receipt(reference: str | None, tracking_code: str | None, duplicate: bool = False) -> dict[str, Any]:
	return {"ok": True, "reference": reference, "tracking_code": tracking_code, "duplicate": duplicate}


def _refuse(message: str) -> None:
	frappe.throw(message, exc=InboundPayloadError, title=_("Transfer Refused"))


def _unit_name(unit: str | None) -> str:
	return (frappe.db.get_value("Dialogue Unit", unit, "unit_name") if unit else None) or ""


# -- petitions ------------------------------------------------------------------------------------

COPIED_FIELDS = (*levels.PETITION_CONTENT_FIELDS, *petition_rules.IDENTITY_FIELDS)


def _create_petition(link, payload: dict) -> tuple[str, str, str]:
	values = payload.get("petition") or {}
	_check_petition(values, payload)
	doc = frappe.new_doc(PETITION)
	doc.update({f: values.get(f) for f in COPIED_FIELDS if values.get(f) not in (None, "")})
	doc.update(
		{
			"received_date": today(),
			"source": petition_rules.SOURCE_OTHER_BODY,
			"source_body": (payload.get("sender_unit") or link.remote_unit or link.name)[:140],
			"phase": petition_rules.PHASE_NONE,
			"origin_link": link.name,
			"origin_reference": str(payload.get("sender_reference") or "")[:140],
			"original_received_date": _date_or_none(values.get("received_date")),
			"identity_confidential": int(bool(values.get("identity_confidential"))),
		}
	)
	# A denouncer's identity travels beside the petition and lands only in this site's
	# confidential record: the controller moves it off the row (services/petition_identity.py).
	identity = payload.get("identity") or {}
	if identity and doc.identity_confidential:
		doc.update({f: identity.get(f) for f in petition_rules.IDENTITY_FIELDS if identity.get(f)})
	# The integration user files the petition; it may not read or change petitions itself.
	# It starts in the workflow's first state, which Frappe sets on insert (no transition is
	# taken on anyone's behalf), and its ``status`` follows that state's Update Field.
	doc.insert(ignore_permissions=True)
	main = _attach_files(doc, payload.get("files") or [])
	if main:
		doc.db_set("attachment", main, update_modified=False)
	doc.add_comment(
		"Info",
		_("Received from {0} through site link {1} (their reference {2}).").format(
			doc.source_body, link.name, doc.origin_reference or "-"
		),
	)
	return PETITION, doc.name, petition_rules.format_tracking_code(doc.tracking_code)


def _check_petition(values: dict, payload: dict) -> None:
	if not str(values.get("content") or "").strip():
		_refuse(_("The transferred petition has no content."))
	if values.get("petition_type") and values["petition_type"] not in petition_rules.PETITION_TYPES:
		_refuse(_("Petition type {0} is not known here.").format(frappe.bold(values["petition_type"])))
	category = values.get("category")
	if category and not frappe.db.exists("Petition Category", category):
		_refuse(
			_(
				"Category {0} does not exist on the receiving site: its administrator adds it (or a category of that name) and the sender retries."
			).format(frappe.bold(category))
		)
	unit = payload.get("to_unit")
	if unit and not frappe.db.exists("Dialogue Unit", unit):
		_refuse(
			_(
				"Unit {0} does not exist on the receiving site: correct Their Unit on the sender's site link."
			).format(frappe.bold(unit))
		)


def _date_or_none(value: Any):
	try:
		return getdate(value) if value else None
	except Exception:
		_refuse(_("The original received date {0} is not a date.").format(value))


def _attach_files(doc, files: list[dict]) -> str | None:
	main = None
	for item in files:
		try:
			content = base64.b64decode(item.get("content") or "", validate=True)
		except (binascii.Error, ValueError):
			_refuse(_("Attachment {0} is damaged.").format(item.get("file_name")))
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": item.get("file_name") or "attachment",
				"attached_to_doctype": PETITION,
				"attached_to_name": doc.name,
				"is_private": int(bool(item.get("is_private") or doc.identity_confidential)),
				"content": content,
			}
		)
		file.flags.ignore_permissions = True
		file.insert()
		if item.get("is_main"):
			main = file.file_url
	return main


# -- answers coming back --------------------------------------------------------------------------

UPDATE_FIELDS = {
	"state": "upper_state",
	"public_status": "upper_public_status",
	"answer": "upper_answer",
	"answered_on": "upper_answered_on",
	"answer_published": "upper_answer_published",
	"reference": "upper_reference",
	"tracking_code": "upper_tracking_code",
}


def _apply_update(link, payload: dict) -> tuple[str, str, str]:
	name = payload.get("sender_reference")
	row = (
		frappe.db.get_value(
			PETITION, name, ["name", "forward_link", "upper_updated_on", "tracking_code"], as_dict=True
		)
		if name
		else None
	)
	if not row or row.forward_link != link.name:
		_refuse(_("Petition {0} was not sent to your site from here.").format(frappe.bold(name or "")))
	updated_on = frappe.utils.get_datetime(payload.get("updated_on") or now_datetime())
	if row.upper_updated_on and frappe.utils.get_datetime(row.upper_updated_on) > updated_on:
		# An older state arrived after a newer one (a retry): keep the newer.
		return PETITION, row.name, petition_rules.format_tracking_code(row.tracking_code)
	values = {field: payload.get(key) for key, field in UPDATE_FIELDS.items() if key in payload}
	if "upper_state" in values:
		values["upper_state"] = petition_rules.status_from_wire(values["upper_state"])
	status = values.get("upper_state")
	if status and status not in _petition_statuses():
		_refuse(_("Status {0} is not known here; update the app on both sites.").format(frappe.bold(status)))
	if "upper_answered_on" in values:
		values["upper_answered_on"] = _date_or_none(values["upper_answered_on"])
	values["upper_answer_published"] = int(bool(values.get("upper_answer_published")))
	values["upper_updated_on"] = updated_on
	# Not a transition of this petition (it stays where this site's workflow put it): the
	# upper level's answer is written as a consequence, under the integration user, with its
	# version and a timeline note (utils/workflow.py, the one system-side path).
	write_as_consequence(
		frappe.get_doc(PETITION, row.name),
		values,
		_("{0} reports: {1}").format(link.name, _(status, context=PETITION) if status else "-"),
	)
	return PETITION, row.name, petition_rules.format_tracking_code(row.tracking_code)


def _petition_statuses() -> set[str]:
	options = frappe.get_meta(PETITION).get_field("status").options or ""
	return {o for o in options.split("\n") if o}
