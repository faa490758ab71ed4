# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""One message to a citizen about their opinion, and the outbox that sends them.

A petition's save (and a conference's published results) queues one record per public-facing
change and channel; its name is the key ``core.citizen_updates.message_key``, so a change is
queued once whatever reruns. The text is rendered from the administrator's Notification
record for that event and channel (``setup/citizen_updates.py`` ships them, created if
missing) with only the tracking code, the public status and links. A job sends what is due:
SMS through Frappe's SMS Settings (any HTTP gateway, Frappe's request builder) and e-mail through Frappe's e-mail
queue; a failure is tried again later (the same backoff as the transfers between levels) and
stays visible in this list to the Secretariat, who may press *Retry*.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_to_date, get_url, now_datetime

from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules

DOCTYPE = "Citizen Update Message"
SUBSCRIPTION = "Petition Update Subscription"
QUEUED, SENT, FAILED, DEAD, STOPPED = "Queued", "Sent", "Failed", "Dead", "Stopped"
PAGE = 500


class CitizenUpdateMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempts: DF.Int
		channel: DF.Literal["SMS", "Email"]
		event: DF.Literal[
			"Opinion Received",
			"Opinion Forwarded",
			"Opinion Assigned",
			"Opinion Answered",
			"Published at a Conference",
			"Satisfaction Question",
		]
		last_error: DF.SmallText | None
		message: DF.SmallText | None
		message_key: DF.Data
		next_try_on: DF.Datetime | None
		notification: DF.Link | None
		petition: DF.Link
		recipient_hint: DF.Data | None
		sent_on: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Failed", "Dead", "Stopped"]
		subject: DF.Data | None
		subscription: DF.Link | None
	# end: auto-generated types

	@frappe.whitelist()
	def retry(self) -> str:
		"""Try a failed message again now (the Secretariat, after fixing the gateway)."""
		self.check_permission("write")
		if self.status not in (FAILED, DEAD):
			return self.status
		self.db_set({"status": QUEUED, "next_try_on": None})
		send(self.name)
		return frappe.db.get_value(DOCTYPE, self.name, "status")


# -- queueing ------------------------------------------------------------------------------------


def site_key() -> str:
	from frappe.utils.password import get_encryption_key

	return get_encryption_key()


def stop_link(subscription: str) -> str:
	return get_url(f"/ngung-nhan-tin?token={update_rules.stop_token(site_key(), subscription)}")


def template_context(petition, subscription: str, conference: str | None = None) -> dict:
	"""Everything a template may print (``core.citizen_updates.TEMPLATE_FIELDS``): nothing that
	names the citizen or says what they wrote."""
	code = petition_rules.format_tracking_code(petition.tracking_code)
	return {
		"code": code,
		"status": _(petition_rules.public_status(petition.status)),
		"agency": frappe.db.get_single_value("System Settings", "app_name") or "",
		"link": get_url(f"/tra-cuu-y-kien?code={code}"),
		"stop_link": stop_link(subscription),
		"conference_link": get_url(f"/ket-qua-doi-thoai/{conference}") if conference else "",
		"date": frappe.format(frappe.utils.today(), "Date"),
	}


def active_subscription(petition: str) -> frappe._dict | None:
	row = frappe.db.get_value(
		SUBSCRIPTION, {"petition": petition}, ["name", "phone_hint", "email_hint", "stopped"], as_dict=True
	)
	return row if row and not row.stopped else None


def queue(petition, events: list[update_rules.Event], conference: str | None = None) -> list[str]:
	"""One record per event and channel the citizen gave, for each enabled template; a key that
	exists already is skipped (sent once). Returns the names queued."""
	if not events:
		return []
	sub = active_subscription(petition.name)
	if not sub:
		return []
	channels = [
		(update_rules.Channel.SMS, sub.phone_hint),
		(update_rules.Channel.EMAIL, sub.email_hint),
	]
	context = None
	queued = []
	for event in events:
		when = update_rules.occasion(event, petition.as_dict(), conference)
		for channel, hint in channels:
			if not hint:
				continue
			key = update_rules.message_key(petition.name, event, channel, when)
			template = update_rules.template_name(event, channel)
			if frappe.db.exists(DOCTYPE, key) or not frappe.db.get_value("Notification", template, "enabled"):
				continue
			notification = frappe.get_cached_doc("Notification", template)
			context = context or template_context(petition, sub.name, conference)
			frappe.get_doc(
				{
					"doctype": DOCTYPE,
					"message_key": key,
					"petition": petition.name,
					"event": event.value,
					"channel": channel.value,
					"status": QUEUED,
					"subscription": sub.name,
					"recipient_hint": hint,
					"notification": template,
					"subject": frappe.render_template(notification.subject or "", context)[:140]
					if channel == update_rules.Channel.EMAIL
					else None,
					"message": frappe.render_template(notification.message or "", context),
				}
			).insert(ignore_permissions=True)  # a consequence of the change, written as the system
			queued.append(key)
	if queued:
		frappe.enqueue(
			"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message.citizen_update_message.send_due",
			enqueue_after_commit=True,
			deduplicate=True,
			job_id=f"txdt-citizen-updates-{frappe.local.site}",
		)
	return queued


def after_petition_save(petition) -> list[str]:
	"""The petition controller's step: the public-facing changes of this save."""
	if petition.flags.bulk_import:
		return []
	before = petition.get_doc_before_save()
	events = update_rules.events_for_save(before.as_dict() if before else None, petition.as_dict())
	return queue(petition, events)


def after_results_published(conference: str) -> list[str]:
	"""A conference's results went public: each opinion sent for it whose citizen asked."""
	queued = []
	subs = frappe.qb.DocType(SUBSCRIPTION)
	petitions = frappe.qb.DocType("Citizen Petition")
	names = (
		frappe.qb.from_(petitions)
		.join(subs)
		.on(subs.petition == petitions.name)
		.select(petitions.name)
		.where((petitions.conference == conference) & (subs.stopped == 0))
		.run(pluck=True)
	)
	for name in names:
		queued += queue(frappe.get_doc("Citizen Petition", name), [update_rules.Event.PUBLISHED], conference)
	return queued


# -- sending -------------------------------------------------------------------------------------


class GatewayNotSetUpError(frappe.ValidationError):
	pass


def send_due() -> int:
	"""Send every message whose time has come (queued, or failed and due again)."""
	table = frappe.qb.DocType(DOCTYPE)
	now = now_datetime()
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			(table.status == QUEUED)
			| ((table.status == FAILED) & ((table.next_try_on.isnull()) | (table.next_try_on <= now)))
		)
		.orderby(table.creation)
		.limit(PAGE)
		.run(pluck=True)
	)
	for name in names:
		send(name)
	return len(names)


def _contact(subscription: str, fieldname: str) -> str | None:
	from frappe.utils.password import get_decrypted_password

	return get_decrypted_password(SUBSCRIPTION, subscription, fieldname, raise_exception=False)


def send(name: str) -> str:
	"""Send one message; returns its new status. Every outcome is written on the record."""
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.status not in (QUEUED, FAILED):
		return doc.status
	if frappe.db.get_value(SUBSCRIPTION, doc.subscription, "stopped"):
		doc.db_set({"status": STOPPED, "next_try_on": None})
		return STOPPED
	try:
		if doc.channel == update_rules.Channel.SMS.value:
			_send_sms(_contact(doc.subscription, "phone"), doc.message)
		else:
			_send_email(_contact(doc.subscription, "email"), doc)
	except Exception as error:
		attempts = (doc.attempts or 0) + 1
		dead = attempts >= levels.MAX_ATTEMPTS
		doc.db_set(
			{
				"status": DEAD if dead else FAILED,
				"attempts": attempts,
				"next_try_on": None
				if dead
				else add_to_date(now_datetime(), seconds=levels.retry_delay(attempts).total_seconds()),
				"last_error": failure_text(error),
			}
		)
		return doc.status
	doc.db_set(
		{
			"status": SENT,
			"attempts": (doc.attempts or 0) + 1,
			"sent_on": now_datetime(),
			"next_try_on": None,
			"last_error": None,
		}
	)
	return SENT


def failure_text(error: Exception) -> str:
	if isinstance(error, GatewayNotSetUpError):
		return str(error)
	# What the gateway said, never the number: requests puts the URL (with its query) in its text.
	kind = type(error).__name__
	status = getattr(getattr(error, "response", None), "status_code", None)
	detail = f"HTTP {status}" if status else kind
	return _(
		"The SMS gateway or the mail queue did not take the message ({0}); it will be tried again."
	).format(detail)


def _send_sms(phone: str | None, text: str) -> None:
	"""Through the gateway of Frappe's SMS Settings, with Frappe's own request builder.

	Not ``send_sms`` itself: on Frappe v15 without ERPNext it raises after the gateway took the
	message (its SMS Log doctype is not in Frappe), and a retry would send the SMS twice. This
	record is the log. Raises when the gateway is missing or answers an error."""
	from frappe.core.doctype.sms_settings.sms_settings import get_headers, send_request, validate_receiver_nos

	if not phone:
		raise GatewayNotSetUpError(_("No phone number is kept for this citizen."))
	settings = frappe.get_doc("SMS Settings")
	if not settings.sms_gateway_url:
		raise GatewayNotSetUpError(_("No SMS gateway is set up: fill in SMS Settings."))
	headers = get_headers(settings)
	args = {settings.message_parameter: text}
	for row in settings.get("parameters"):
		if not row.header:
			args[row.parameter] = row.value
	args[settings.receiver_parameter] = validate_receiver_nos([phone])[0]
	send_request(
		settings.sms_gateway_url,
		args,
		headers,
		settings.use_post,
		headers.get("Content-Type") == "application/json",
	)


def _send_email(email: str | None, doc) -> None:
	if not email:
		raise GatewayNotSetUpError(_("No e-mail address is kept for this citizen."))
	frappe.sendmail(
		recipients=[email],
		subject=doc.subject or doc.message[:80],
		message=frappe.utils.escape_html(doc.message).replace("\n", "<br>"),
		reference_doctype=DOCTYPE,
		reference_name=doc.name,
		delayed=True,
	)
