"""The conference day: what the secretary records while the conference runs (the console page
calls these through ``api/conference_console.py``; the chair's reply is also the petition's
``record_reply`` and the minutes the conference's ``draft_minutes``).

Every speech becomes a Citizen Petition in one call. The browser makes a key for each entry
and keeps unsent entries; when it sends one again after a dropped connection, the key finds
the petition already made (a unique field), so a retry never creates a second one. Rights
are Frappe's: creating petitions (Role Permissions on Citizen Petition) and writing the
conference (Role Permissions on Dialogue Conference, and its workflow state's edit role).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core import conference_day
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.permissions import identity
from tiep_xuc_doi_thoai.utils.workflow import take_transition_to

MAX_TEXT = 10_000
STATUS_FIELD = "status"  # the petition's fixed status, set by its workflow states (Update Field)
MAX_STEPS = 4


class ConsoleError(frappe.ValidationError):
	pass


def _conference(name: str, right: str = "write"):
	conference = frappe.get_doc("Dialogue Conference", name)
	conference.check_permission(right)
	return conference


def _refuse_unless_recording(conference) -> None:
	if not conference_day.may_record(conference.status):
		frappe.throw(
			_(
				"Speeches are recorded while the conference is Announced or Held; this one is {0}. Change its status first."
			).format(frappe.bold(_(conference.status))),
			exc=ConsoleError,
			title=_("Not Recording"),
		)


def _text(value: str | None, label: str, required: bool = False) -> str:
	text = (value or "").strip()
	if required and not text:
		frappe.throw(_("{0} is empty.").format(label), exc=ConsoleError, title=_("Missing Value"))
	if len(text) > MAX_TEXT:
		frappe.throw(_("{0} is too long.").format(label), exc=ConsoleError, title=_("Too Long"))
	return text


def _key(client_key: str | None) -> str:
	key = conference_day.clean_client_key(client_key)
	if not key:
		frappe.throw(_("The entry has no valid key. Reload the console."), exc=ConsoleError)
	return key


# -- reading -----------------------------------------------------------------------------------
def get_console(conference: str) -> dict:
	"""Speakers in their order, with what was recorded for each."""
	doc = _conference(conference, "read")
	petitions = {
		p.name: p
		# the reader's own petition rights (unit scope, secrecy) decide what comes back
		for p in frappe.get_list(
			"Citizen Petition",
			filters={"conference": doc.name, "phase": petition_rules.PHASE_AT},
			fields=["name", "subject", "answer", "answer_mode", "client_key"],
			limit_page_length=0,
		)
	}
	replies = {c.petition: c for c in doc.conclusions if c.petition}
	speakers = []
	for s in sorted(doc.speakers, key=lambda r: (cint(r.speaking_order) or 10_000, r.idx)):
		petition = petitions.get(s.petition) if s.petition else None
		conclusion = replies.get(s.petition) if s.petition else None
		speakers.append(
			{
				"row": s.name,
				"order": s.speaking_order,
				"speaker_name": s.speaker_name,
				"address": s.address,
				"topic": s.topic,
				"minutes_requested": s.minutes_requested,
				"spoke": s.spoke,
				"petition": s.petition,
				"client_key": petition.client_key if petition else None,
				"said": petition.subject if petition else None,
				"reply": _reply_of(petition, conclusion),
			}
		)
	return {
		"name": doc.name,
		"topic": doc.topic,
		"conference_date": doc.conference_date,
		"place": doc.place,
		"chair": doc.chair,
		"secretary": doc.secretary,
		"status": doc.status,
		"status_label": _(doc.status),
		"recording": conference_day.may_record(doc.status),
		"can_write": bool(frappe.has_permission("Dialogue Conference", "write", doc)),
		"speakers": speakers,
	}


def _reply_of(petition, conclusion) -> dict | None:
	if conclusion and conclusion.conclusion_kind == conference_day.KIND_TO_RESOLVE:
		return {
			"mode": conference_day.REPLY_TO_RESOLVE,
			"text": conclusion.conclusion,
			"unit": conclusion.responsible_unit,
			"due_date": conclusion.due_date,
		}
	if petition and petition.answer_mode == petition_rules.ANSWER_ON_THE_SPOT:
		return {"mode": conference_day.REPLY_ANSWERED, "text": petition.answer}
	return None


# -- speeches ----------------------------------------------------------------------------------
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
	"""One speech → one Citizen Petition at the conference; the same key → the same petition.
	``public_consent``: the speaker agreed that the name appears in the published results;
	``notify_consent``: to be told when it moves, at ``notify_phone`` / ``notify_email``."""
	frappe.has_permission("Citizen Petition", "create", throw=True)
	doc = _conference(conference)
	key = _key(client_key)
	existing = frappe.db.get_value("Citizen Petition", {"client_key": key}, "name")
	if existing:
		return {"petition": existing, "created": False}
	_refuse_unless_recording(doc)
	if petition_type not in petition_rules.PETITION_TYPES:
		frappe.throw(_("Unknown petition type."), exc=ConsoleError)
	speaker = _text(speaker_name, _("Speaker"), required=True)
	text = _text(content, _("Content", context="Citizen Petition"), required=True)
	petition = frappe.get_doc(
		{
			"doctype": "Citizen Petition",
			"client_key": key,
			"received_date": conference_day.received_date(getdate(doc.conference_date), getdate(today())),
			"petition_type": petition_type,
			"category": category or None,
			"content": text,
			"petitioner_kind": "Individual",
			"petitioner_name": speaker,
			"address": _text(address, _("Address", context="Citizen Petition")) or None,
			"source": petition_rules.SOURCE_CONFERENCE,
			"phase": petition_rules.PHASE_AT,
			"conference": doc.name,
			"public_consent": 1
			if cint(public_consent) and not petition_rules.identity_is_secret(petition_type)
			else 0,
			"notify_consent": 1 if cint(notify_consent) else 0,
			"notify_phone": notify_phone or None,
			"notify_email": notify_email or None,
		}
	)
	try:
		petition.insert()
	except frappe.UniqueValidationError:
		# The same entry sent twice at once: the other request made it.
		frappe.clear_messages()
		existing = frappe.db.get_value("Citizen Petition", {"client_key": key}, "name")
		if existing:
			return {"petition": existing, "created": False}
		raise
	secret = identity.is_secret(petition)
	# Several secretaries record at once: the conference is read again, locked, so each speech
	# is marked on the latest copy (and numbered after the others) instead of failing as edited
	# in the meantime.
	doc = frappe.get_doc("Dialogue Conference", doc.name, for_update=True)
	_mark_speaker(doc, row, speaker, address, text, petition.name, secret)
	return {"petition": petition.name, "created": True}


def _mark_speaker(
	doc, row: str | None, speaker: str, address: str | None, topic: str, petition: str, secret: bool
):
	"""The registration row spoke and links its petition; an unregistered speaker gets a row.
	A denunciation's author and content stay on the petition only, where secrecy applies."""
	target = next((s for s in doc.speakers if row and s.name == row), None)
	if target is None:
		target = doc.append(
			"speakers",
			{
				"speaking_order": max((cint(s.speaking_order) for s in doc.speakers), default=0) + 1,
				"speaker_name": _("Identity kept secret") if secret else speaker,
				"address": None if secret else address,
				"topic": _("Denunciation") if secret else petition_rules.subject_from_content(topic, 140),
			},
		)
	elif secret:
		target.update(
			{"speaker_name": _("Identity kept secret"), "address": None, "topic": _("Denunciation")}
		)
	target.spoke = 1
	target.petition = petition
	# The other rows' petitions were made by other secretaries' requests, committed after this
	# request first read the database: under MariaDB's default REPEATABLE READ a link check
	# would not see them yet. Each was made by the console itself; this save changes one row.
	doc.flags.ignore_links = True
	doc.save()


def add_speaker(conference: str, speaker_name: str, topic: str, address: str | None = None) -> dict:
	"""A speaker who did not register, added at the end of the order."""
	doc = _conference(conference)
	_refuse_unless_recording(doc)
	row = doc.append(
		"speakers",
		{
			"speaking_order": max((cint(s.speaking_order) for s in doc.speakers), default=0) + 1,
			"speaker_name": _text(speaker_name, _("Speaker"), required=True),
			"topic": _text(topic, _("Topic"), required=True),
			"address": _text(address, _("Address", context="Citizen Petition")) or None,
		},
	)
	doc.save()
	return {"row": row.name, "order": row.speaking_order}


# -- the chair's reply -------------------------------------------------------------------------
def record_reply(
	petition: str,
	mode: str,
	text: str,
	responsible_unit: str | None = None,
	due_date: str | None = None,
	publish: int | None = None,
) -> dict:
	"""The chair answered on the spot, or gave the matter to a unit with a due date (a
	conclusion item, assignable afterwards). Sent again, it updates the same records.
	``publish``: the answer may appear in the conference's public results."""
	doc = frappe.get_doc("Citizen Petition", petition)
	doc.check_permission("write")
	if not doc.conference:
		frappe.throw(_("This petition was not made at a conference."), exc=ConsoleError)
	conference = _conference(doc.conference)
	_refuse_unless_recording(conference)
	if mode not in conference_day.REPLIES:
		frappe.throw(_("Choose answered on the spot or to be resolved."), exc=ConsoleError)
	reply = _text(
		text,
		_("Answer", context="Citizen Petition") if mode == conference_day.REPLY_ANSWERED else _("Conclusion"),
		required=True,
	)
	if mode == conference_day.REPLY_TO_RESOLVE and not (responsible_unit and due_date):
		frappe.throw(
			_("A matter to be resolved needs the responsible unit and the due date."),
			exc=ConsoleError,
			title=_("Missing Value"),
		)
	if mode == conference_day.REPLY_ANSWERED:
		doc.answer = reply
		doc.answer_mode = petition_rules.ANSWER_ON_THE_SPOT
		doc.answered_on = doc.answered_on or getdate(today())
		kind, unit, due = conference_day.KIND_ANSWERED, None, None
		if publish is not None:
			doc.publish_answer = cint(publish)
	else:
		doc.responsible_unit = responsible_unit
		kind, unit, due = conference_day.KIND_TO_RESOLVE, responsible_unit, getdate(due_date)
	doc.save()
	if mode == conference_day.REPLY_ANSWERED and doc.meta.has_field(STATUS_FIELD):
		# Received → Classified → Answered on the Spot, as far as the user's transitions go
		doc = take_transition_to(doc, petition_rules.ANSWERED_ON_THE_SPOT, max_steps=MAX_STEPS, refuse=False)
	row = next((c for c in conference.conclusions if c.petition == doc.name), None)
	if row is None:
		row = conference.append("conclusions", {"petition": doc.name})
	row.update({"conclusion": reply, "conclusion_kind": kind, "responsible_unit": unit, "due_date": due})
	conference.save()
	return {"petition": doc.name, "conclusion": row.name, "mode": mode}


# -- the minutes --------------------------------------------------------------------------------
def draft_minutes(conference: str, overwrite: int = 0) -> dict:
	"""Write the minutes' proceedings from the record into the conference's minutes field."""
	doc = _conference(conference)
	if (doc.minutes or "").strip() and not cint(overwrite):
		frappe.throw(
			_("The minutes already have text. Confirm to replace it with a new draft."),
			exc=ConsoleError,
			title=_("Minutes Not Empty"),
		)
	doc.minutes = conference_day.draft_minutes(minutes_input(doc))
	doc.save()
	return {"minutes": doc.minutes}


def minutes_input(doc) -> conference_day.MinutesInput:
	petitions = {
		p.name: p
		for p in frappe.get_all(
			"Citizen Petition",
			filters={"conference": doc.name},
			fields=["name", "answer", "answer_mode", "content", "petition_type", "identity_confidential"],
			limit_page_length=0,
		)
	}
	replies = {c.petition: c for c in doc.conclusions if c.petition}
	speeches = []
	for s in sorted(doc.speakers, key=lambda r: (cint(r.speaking_order) or 10_000, r.idx)):
		if not s.spoke:
			continue
		petition = petitions.get(s.petition)
		conclusion = replies.get(s.petition)
		topic = petition_rules.subject_from_content(petition.content, 300) if petition else s.topic
		speech = conference_day.Speech(speaker=s.speaker_name, address=s.address or "", topic=topic or "")
		speech.secret = bool(petition and identity.is_secret(petition))
		if petition and petition.answer_mode == petition_rules.ANSWER_ON_THE_SPOT and petition.answer:
			speech.answer = petition.answer
		elif conclusion and conclusion.conclusion_kind == conference_day.KIND_TO_RESOLVE:
			speech.to_resolve = conclusion.conclusion
			speech.unit = conclusion.responsible_unit or ""
			speech.due = getdate(conclusion.due_date) if conclusion.due_date else None
		speeches.append(speech)
	return conference_day.MinutesInput(
		topic=doc.topic or "",
		chair=doc.chair or "",
		secretary=doc.secretary or "",
		attendance=[(a.attendee_group, cint(a.attendee_count)) for a in doc.attendance],
		total_attendance=cint(doc.total_attendance),
		speeches=speeches,
		conclusion_text=frappe.utils.strip_html(doc.conclusion_text or "").strip(),
	)
