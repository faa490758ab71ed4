"""The conference console page's calls (``page/dialogue_console``): thin adapters of
``services/conference_day.py``. The page keeps unsent entries and sends them again after a
dropped connection; each entry carries the browser's key, so a retry never makes a second
petition."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.services import conference_day


@frappe.whitelist()
def get_console(conference: str) -> dict:
	"""Speakers in their order, with what was recorded for each."""
	return conference_day.get_console(conference)


@frappe.whitelist(methods=["POST"])
def record_speech(
	conference: str,
	client_key: str,
	speaker_name: str,
	content: str,
	row: str | None = None,
	address: str | None = None,
	petition_type: str = petition_rules.RECOMMENDATION,
	category: str | None = None,
	public_consent: int = 0,
	notify_consent: int = 0,
	notify_phone: str | None = None,
	notify_email: str | None = None,
) -> dict:
	"""One speech → one Citizen Petition at the conference; the same key → the same petition."""
	return conference_day.record_speech(
		conference,
		client_key,
		speaker_name,
		content,
		row=row,
		address=address,
		petition_type=petition_type,
		category=category,
		public_consent=public_consent,
		notify_consent=notify_consent,
		notify_phone=notify_phone,
		notify_email=notify_email,
	)


@frappe.whitelist(methods=["POST"])
def add_speaker(conference: str, speaker_name: str, topic: str, address: str | None = None) -> dict:
	"""A speaker who did not register, added at the end of the order."""
	return conference_day.add_speaker(conference, speaker_name, topic, address)


@frappe.whitelist(methods=["POST"])
def record_reply(
	petition: str,
	mode: str,
	text: str,
	responsible_unit: str | None = None,
	due_date: str | None = None,
	publish: int | None = None,
) -> dict:
	"""The chair's reply to a speech (the petition's ``record_reply``)."""
	return conference_day.record_reply(petition, mode, text, responsible_unit, due_date, publish)


@frappe.whitelist(methods=["POST"])
def draft_minutes(conference: str, overwrite: int = 0) -> dict:
	"""The minutes' proceedings from the record (the conference's ``draft_minutes``)."""
	return conference_day.draft_minutes(conference, overwrite)
