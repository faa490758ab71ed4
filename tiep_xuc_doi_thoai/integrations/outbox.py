"""The outbox: one Dialogue Transfer per thing sent to another level, sent by a background job.

A transfer is created with its payload frozen and an idempotency key; ``send`` posts it with
``requests`` (never inside the web request that created it: it is enqueued after commit and
picked up again by the scheduler), reads the answer (``core.levels.judge_response``) and
moves the transfer: Sent with the receipt, Failed with the next try (exponential backoff), or
Dead when the other side refused it or it failed too often - then the Secretariat is told.
"""

from __future__ import annotations

import json
from typing import Any

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.roles import SECRETARIAT
from tiep_xuc_doi_thoai.integrations.transport import get_transport
from tiep_xuc_doi_thoai.utils.notifications import notify_users

TRANSFER = "Dialogue Transfer"
LINK = "Dialogue Site Link"


def reason_text(reason: str, detail: str = "") -> str:
	"""The translated sentence for a ``core.levels`` reason, with what the other site said."""
	sentences = {
		levels.AUTH: _(
			"The other site refused the credentials: check the API key and secret of the site link."
		),
		levels.NO_APP: _("The other site does not answer as a site with this app: check the Site URL."),
		levels.REFUSED: _("The other site refused the transfer."),
		levels.CONFLICT: _(
			"The other site already received a transfer with this key and different content; it keeps the first one."
		),
		levels.SERVER: _("The other site had an error; the transfer will be tried again."),
		levels.UNREACHABLE: _("The other site cannot be reached; the transfer will be tried again."),
		levels.TIMEOUT: _("The other site did not answer in time; the transfer will be tried again."),
		levels.BAD_ANSWER: _("The other site answered without a receipt."),
	}
	text = sentences.get(reason, reason)
	return f"{text} {detail}".strip() if detail else text


def site_origin() -> str:
	"""What makes this site's keys unique on the other side."""
	return frappe.local.site


def create_transfer(
	kind: str,
	site_link: str,
	reference_doctype: str,
	reference_name: str,
	payload: dict[str, Any],
	variant: str = "",
) -> str | None:
	"""Queue ``payload`` for ``site_link``; None when the same thing is already in the outbox."""
	key = levels.idempotency_key(site_origin(), kind, reference_name, variant)
	if frappe.db.exists(TRANSFER, {"idempotency_key": key}):
		return None
	direction = frappe.db.get_value(LINK, site_link, "direction")
	doc = frappe.get_doc(
		{
			"doctype": TRANSFER,
			"kind": kind,
			"site_link": site_link,
			"direction": "Upward" if direction == levels.UPPER else "Downward",
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"status": levels.QUEUED,
			"idempotency_key": key,
			"payload_version": levels.PAYLOAD_VERSION,
			"payload": json.dumps(payload, ensure_ascii=False, indent=1, default=str),
			"next_attempt_on": now_datetime(),
		}
	)
	# The outbox is the system's: whoever forwards a petition queues it without rights on it.
	doc.insert(ignore_permissions=True)
	enqueue_send(doc.name)
	return doc.name


def enqueue_send(name: str) -> None:
	frappe.enqueue(
		"tiep_xuc_doi_thoai.integrations.outbox.send",
		queue="short",
		name=name,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
		job_id=f"txdt-transfer-{name}",
		deduplicate=not frappe.flags.in_test,
	)


def _commit() -> None:
	# Jobs commit each step so that a crash mid-way leaves a true status; tests roll back.
	if not frappe.flags.in_test:
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a background job's own steps, not a web request


def claim(name: str) -> bool:
	"""Mark the transfer Sending if it is due; False when another worker has it or it is done."""
	row = frappe.db.get_value(
		TRANSFER, name, ["status", "next_attempt_on", "last_attempt_on"], as_dict=True, for_update=True
	)
	if not row:
		return False
	now = now_datetime()
	stale = (
		row.status == levels.SENDING
		and row.last_attempt_on
		and get_datetime(row.last_attempt_on) < add_to_date(now, seconds=-levels.STALE_SENDING_SECONDS)
	)
	if row.status not in levels.DUE_STATUSES and not stale:
		return False
	frappe.db.set_value(
		TRANSFER, name, {"status": levels.SENDING, "last_attempt_on": now}, update_modified=False
	)
	_commit()
	return True


def send(name: str) -> str | None:
	"""Try one transfer once; returns its new status (None when it was not due)."""
	if not claim(name):
		return None
	doc = frappe.get_doc(TRANSFER, name)
	link = frappe.get_doc(LINK, doc.site_link)
	if not link.enabled:
		return _fail(
			doc,
			levels.Verdict(levels.Outcome.RETRY, "", _("The site link {0} is disabled.").format(link.name)),
		)
	from tiep_xuc_doi_thoai.integrations.payloads import outgoing_body

	try:
		body = outgoing_body(doc)
	except frappe.ValidationError as e:
		return _fail(doc, levels.Verdict(levels.Outcome.REFUSED, "", str(e)))
	reply = get_transport().post(
		levels.endpoint_url(link.site_url, levels.ENDPOINTS[doc.kind]),
		body,
		(
			link.get_password("api_key", raise_exception=False) or "",
			link.get_password("api_secret", raise_exception=False) or "",
		),
	)
	verdict = levels.judge_response(reply.status, reply.body, reply.error)
	doc.last_http_status = reply.status or 0
	if verdict.outcome is levels.Outcome.DELIVERED:
		return _delivered(doc, reply.body["message"])
	return _fail(doc, verdict)


def _delivered(doc, receipt: dict[str, Any]) -> str:
	doc.update(
		{
			"status": levels.SENT,
			"attempts": (doc.attempts or 0) + 1,
			"sent_on": now_datetime(),
			"next_attempt_on": None,
			"last_error": None,
			"remote_reference": receipt.get("reference"),
			"remote_tracking_code": receipt.get("tracking_code"),
			"duplicate_receipt": int(bool(receipt.get("duplicate"))),
		}
	)
	doc.save(ignore_permissions=True)  # the Dialogue Transfer controller tells the sent record
	_commit()
	return doc.status


def _fail(doc, verdict: levels.Verdict) -> str:
	attempts = (doc.attempts or 0) + 1
	message = reason_text(verdict.reason, verdict.detail) if verdict.reason else verdict.detail
	dead = verdict.outcome is levels.Outcome.REFUSED or attempts >= levels.MAX_ATTEMPTS
	doc.update(
		{
			"attempts": attempts,
			"last_error": message,
			"status": levels.DEAD if dead else levels.FAILED,
			"next_attempt_on": None
			if dead
			else add_to_date(now_datetime(), seconds=levels.retry_delay(attempts).total_seconds()),
		}
	)
	doc.save(ignore_permissions=True)
	if dead:
		notify_dead(doc)
	_commit()
	return doc.status


def notify_dead(doc) -> None:
	"""Tell the Secretariat (the bell) that a transfer needs a person."""
	from frappe.utils.user import get_users_with_role

	subject = _("Transfer {0} to {1} was not delivered: {2}").format(
		doc.name, doc.site_link, (doc.last_error or "")[:300]
	)
	notify_users(
		[u for u in get_users_with_role(SECRETARIAT) if u != "Administrator"],
		{
			"type": "Alert",
			"subject": subject,
			"email_content": frappe.utils.escape_html(doc.last_error or ""),
			"document_type": TRANSFER,
			"document_name": doc.name,
			"from_user": "Administrator",
		},
	)


def send_due(limit: int = 50) -> list[str]:
	"""Scheduler (every few minutes): every transfer whose next try has come, oldest first."""
	transfer = frappe.qb.DocType(TRANSFER)
	now = now_datetime()
	stale = add_to_date(now, seconds=-levels.STALE_SENDING_SECONDS)
	names = (
		frappe.qb.from_(transfer)
		.select(transfer.name)
		.where(
			(transfer.status.isin(levels.DUE_STATUSES) & (transfer.next_attempt_on <= now))
			| ((transfer.status == levels.SENDING) & (transfer.last_attempt_on < stale))
		)
		.orderby(transfer.next_attempt_on)
		.limit(limit)
		.run(pluck=True)
	)
	for name in names:
		send(name)
	return names


@frappe.whitelist(methods=["POST"])
def retry(name: str) -> str | None:
	"""Try a failed or given-up transfer again now (the *Retry* button)."""
	doc = frappe.get_doc(TRANSFER, name)
	doc.check_permission("write")
	if doc.status == levels.SENT:
		frappe.throw(_("This transfer was delivered already."), title=_("Nothing to Retry"))
	frappe.db.set_value(
		TRANSFER, name, {"status": levels.QUEUED, "next_attempt_on": now_datetime(), "attempts": 0}
	)
	doc.add_comment("Info", _("Retry requested"))
	enqueue_send(name)
	return frappe.db.get_value(TRANSFER, name, "status")
