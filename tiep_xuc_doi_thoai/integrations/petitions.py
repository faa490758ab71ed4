"""The petition's side of a link (called by the Citizen Petition controller).

Going up: a petition forwarded with a *Send Through Site Link* is queued in the outbox once.
What counts is the forward's consequence the controller records (``forwarded_on``, set when
the petition enters the forwarded state), never a workflow action or state name, so an
administrator may rename or add steps freely.

Coming back: on the upper site, a petition received through a link sends its fixed
``status`` (what the workflow's states set through Update Field, never a state's name),
answer and dates back whenever one of them changes - on a save and on a change written as the
consequence of another document (``utils/workflow.move_as_consequence``), hence ``on_change``.
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.integrations.outbox import create_transfer
from tiep_xuc_doi_thoai.integrations.payloads import petition_payload

LINK = "Dialogue Site Link"
# What the lower level sees of the upper level's handling.
ANSWER_FIELDS = ("status", "answer", "answered_on", "publish_answer", "not_accepted_reason")


class ForwardLinkError(frappe.ValidationError):
	pass


def name_forward_body(doc) -> None:
	"""A petition sent through a link names the body it goes to from the link."""
	if not doc.forward_link:
		return
	link = frappe.db.get_value(
		LINK, doc.forward_link, ["enabled", "direction", "remote_unit", "link_name"], as_dict=True
	)
	if not link or not link.enabled:
		frappe.throw(
			_("Site link {0} is disabled or missing: choose another or none.").format(
				frappe.bold(doc.forward_link)
			),
			exc=ForwardLinkError,
			title=_("Site Link"),
		)
	if not (doc.forwarded_to_body or "").strip():
		doc.forwarded_to_body = link.remote_unit or link.link_name


def queue_forward(doc) -> str | None:
	if not (doc.forward_link and doc.forwarded_on):
		return None
	link = frappe.get_cached_doc(LINK, doc.forward_link)
	return create_transfer(
		levels.KIND_PETITION, link.name, doc.doctype, doc.name, petition_payload(doc, link), variant=link.name
	)


def answer_fingerprint(doc) -> str:
	return levels.content_hash({f: str(doc.get(f) or "") for f in ANSWER_FIELDS})


def queue_answer_back(doc) -> str | None:
	if not doc.origin_link:
		return None
	before = doc.get_doc_before_save()
	if before is None or answer_fingerprint(before) == answer_fingerprint(doc):
		return None
	if not frappe.db.get_value(LINK, doc.origin_link, "enabled"):
		return None
	settled = doc.status in petition_rules.SETTLED_STATES
	payload = {
		"version": levels.PAYLOAD_VERSION,
		"sender_reference": doc.origin_reference,
		"reference": doc.name,
		"tracking_code": petition_rules.format_tracking_code(doc.tracking_code),
		# The fixed status value, as the wire names it (core/petitions.py WIRE_STATUS); the
		# receiving site shows it in its own user's language.
		"state": petition_rules.status_to_wire(doc.status),
		"public_status": petition_rules.public_status(doc.status),
		"answer": doc.answer or doc.not_accepted_reason or "",
		"answered_on": str(doc.answered_on or ""),
		"answer_published": int(bool(doc.publish_answer and settled)),
		"updated_on": str(doc.modified),
	}
	return create_transfer(
		levels.KIND_PETITION_UPDATE,
		doc.origin_link,
		doc.doctype,
		doc.name,
		payload,
		variant=answer_fingerprint(doc)[:16],
	)


def on_transfer_delivered(transfer) -> None:
	"""Keep the upper level's reference on the petition the moment it is known."""
	if transfer.kind != levels.KIND_PETITION or transfer.reference_doctype != "Citizen Petition":
		return
	values = {
		"upper_reference": transfer.remote_reference,
		"upper_tracking_code": transfer.remote_tracking_code,
	}
	frappe.db.set_value("Citizen Petition", transfer.reference_name, values, update_modified=False)
