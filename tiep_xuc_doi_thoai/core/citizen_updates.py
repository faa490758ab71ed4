"""Telling a citizen when their opinion moves (frappe-free).

Which public-facing changes a petition's save makes (received, forwarded, assigned, answered,
the satisfaction question; "published at a conference" comes from the conference), the key
that makes each message go out once, the contact checks, how a contact is shown to staff
(masked) and the signed opt-out token. The text of every message is the administrator's
(Frappe Notification records); what a template may use is :data:`TEMPLATE_FIELDS`: the
tracking code, the public status and links - never a name, an address or the content, so no
message can name a denouncer or what they reported.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from enum import Enum
from typing import Any

from tiep_xuc_doi_thoai.core import petitions as petition_rules


class Event(str, Enum):
	# phrases no other screen shows: a read-only Select translates its value without a context
	RECEIVED = "Opinion Received"
	FORWARDED = "Opinion Forwarded"
	ASSIGNED = "Opinion Assigned"
	ANSWERED = "Opinion Answered"
	PUBLISHED = "Published at a Conference"
	SATISFACTION = "Satisfaction Question"


class Channel(str, Enum):
	SMS = "SMS"
	EMAIL = "Email"


EVENT_CODES = {
	Event.RECEIVED: "received",
	Event.FORWARDED: "forwarded",
	Event.ASSIGNED: "assigned",
	Event.ANSWERED: "answered",
	Event.PUBLISHED: "published",
	Event.SATISFACTION: "satisfaction",
}
ANSWERED_STATES = (petition_rules.ANSWERED, petition_rules.ANSWERED_ON_THE_SPOT)
# What a template may print (Jinja names). Nothing here identifies the citizen.
TEMPLATE_FIELDS = ("code", "status", "agency", "link", "stop_link", "conference_link", "date")

_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
MAX_EMAIL = 140


def answer_published(row: Mapping[str, Any]) -> bool:
	"""The same rule as the tracking page: an answer the agency chose to publish, once settled."""
	return (
		bool(row.get("publish_answer"))
		and bool(row.get("answer"))
		and row.get("status") in petition_rules.SETTLED_STATES
	)


def events_for_save(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> list[Event]:
	"""The public-facing changes of one save of a petition (``before`` is None for a new one)."""
	if before is None:
		events = [Event.RECEIVED]
		before = {}
	else:
		events = []
	old, new = before.get("status"), after.get("status")
	if new != old:
		if new == petition_rules.FORWARDED:
			events.append(Event.FORWARDED)
		elif new == petition_rules.ASSIGNED:
			events.append(Event.ASSIGNED)
		elif new in ANSWERED_STATES and old not in ANSWERED_STATES:
			events.append(Event.ANSWERED)
	if answer_published(after) and not (before and answer_published(before)):
		events.append(Event.SATISFACTION)
	return events


def occasion(event: Event, row: Mapping[str, Any], conference: str | None = None) -> str:
	"""What makes a second message of the same kind a new one: an answer after a reopening
	has another date, a conference its own name; received, forwarded, assigned go once."""
	if event in (Event.ANSWERED, Event.SATISFACTION):
		return str(row.get("answered_on") or "")
	if event == Event.PUBLISHED:
		return conference or ""
	return ""


def template_name(event: Event, channel: Channel) -> str:
	"""The Notification record that holds the text of ``event`` on ``channel``."""
	return f"Citizen Update: {event.value} ({channel.value})"


def message_key(petition: str, event: Event, channel: Channel, when: str = "") -> str:
	return f"{petition}|{EVENT_CODES[event]}|{channel.value}|{when}"


# -- contacts ------------------------------------------------------------------------------------


def clean_email(value: str | None) -> str:
	return (value or "").strip().lower()


def email_problem(value: str | None) -> str | None:
	email = clean_email(value)
	if not email:
		return None
	if len(email) > MAX_EMAIL or not _EMAIL_RE.match(email):
		return "bad_email"
	return None


def contact_problem(phone: str | None, email: str | None, consent: bool) -> str | None:
	"""``bad_phone``, ``bad_email``, ``no_contact`` (consent without a way to reach) or None."""
	if petition_rules.phone_problem(phone):
		return "bad_phone"
	if email_problem(email):
		return "bad_email"
	if consent and not (petition_rules.clean_phone(phone) or clean_email(email)):
		return "no_contact"
	return None


def mask_phone(phone: str | None) -> str:
	digits = petition_rules.clean_phone(phone)
	if len(digits) < 7:
		return "***" if digits else ""
	return f"{digits[:3]}{'*' * (len(digits) - 6)}{digits[-3:]}"


def mask_email(email: str | None) -> str:
	local, _, domain = clean_email(email).partition("@")
	if not domain:
		return "***" if local else ""
	return f"{local[:1]}***@{domain}"


# -- the opt-out link ----------------------------------------------------------------------------


def _sign(key: str, subscription: str) -> str:
	return hmac.new(key.encode(), f"txdt-stop:{subscription}".encode(), hashlib.sha256).hexdigest()[:32]


def stop_token(key: str, subscription: str) -> str:
	return f"{subscription}.{_sign(key, subscription)}"


def read_stop_token(key: str, token: str | None) -> str | None:
	"""The subscription a token stands for, or None when it is malformed or forged."""
	subscription, _, signature = (token or "").rpartition(".")
	if not subscription or not signature:
		return None
	if not hmac.compare_digest(signature, _sign(key, subscription)):
		return None
	return subscription
