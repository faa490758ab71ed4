"""What a citizen (a guest on the website) may do: send an opinion and follow it by code.

Both endpoints are rate limited per IP address. A submission is plain text only: anything
that looks like HTML or script is refused, not cleaned. A lookup answers for one tracking
code and shows only the status and the answer the agency chose to publish: never a name,
never another petition, and the same message for a code that does not exist as for one that
is malformed.

A person, not a bot: the form carries a token the server signed with the time it was shown
(``core.public_form``), checked with a hidden field only bots fill and a minimum time to
fill it in - no outside service. Attachments are images or PDF recognised by their bytes,
size-limited, checked all before anything is stored, and stored private on the petition.
After a published answer the citizen may say whether it satisfied them; a reply that it did
not is a reopen request for the Secretariat (a record and a notification, not a move of the
petition's workflow).
"""

from __future__ import annotations

import base64
import binascii
import time

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate, strip_html

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import public_form
from tiep_xuc_doi_thoai.core.conference import ANNOUNCED
from tiep_xuc_doi_thoai.services.petition_checks import check_phone, refuse_markup
from tiep_xuc_doi_thoai.services.public_pages import CONFERENCE_FIELDS_SHOWN, use_site_language

MAX_CONTENT = 5000
MAX_SHORT = 140
PUBLIC_TYPES = (
	petition_rules.RECOMMENDATION,
	petition_rules.FEEDBACK,
	petition_rules.COMPLAINT,
	petition_rules.DENUNCIATION,
)
# Conference statuses a citizen may send opinions for (set by the Dialogue Conference workflow).
OPEN_CONFERENCE_STATUSES = (ANNOUNCED,)


class PublicSubmissionError(frappe.ValidationError):
	pass


class NotAPersonError(PublicSubmissionError):
	pass


UPLOAD_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"empty": lambda: _("is empty"),
	"too_large": lambda: _("is larger than {0} MB").format(public_form.MAX_FILE_BYTES // (1024 * 1024)),
	"not_allowed": lambda: _("is not an image (JPEG, PNG, GIF, WebP) or a PDF"),
	"wrong_extension": lambda: _("has a name that does not match its content"),
	"suspicious": lambda: _("contains script or program code"),
}


def _token_key() -> str:
	from frappe.utils.password import get_encryption_key

	return get_encryption_key()


def new_form_token(now: float | None = None) -> str:
	"""The token the form page carries (its time, signed with the site's key)."""
	return public_form.make_form_token(_token_key(), time.time() if now is None else now)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=120, seconds=60 * 60)
def form_token() -> str:
	"""The token for a form just opened. The page itself is the same for every citizen, so
	Frappe serves it from its page cache (services.public_pages); this call is what makes
	each copy one person's: the time it was shown, signed with the site's key."""
	return new_form_token()


def check_person(token: str | None, honeypot: str | None) -> None:
	if public_form.form_token_problem(token, _token_key(), time.time(), honeypot):
		frappe.throw(
			_("The form could not be accepted. Reload the page, fill it in again and send it."),
			exc=NotAPersonError,
			title=_("Please Try Again"),
		)


def read_attachments(attachments: str | list | None) -> list[tuple[str, bytes]]:
	"""Decode and check every file before anything is stored: one bad file refuses all."""
	try:
		items = frappe.parse_json(attachments) if isinstance(attachments, str) else attachments
	except ValueError:  # a broken list (a tampered or truncated request): refused, not a crash
		frappe.throw(
			_("The attached files could not be read. Choose them again and send the form."),
			exc=PublicSubmissionError,
			title=_("File Not Accepted"),
		)
	if not items:
		return []
	if not isinstance(items, list) or len(items) > public_form.MAX_FILES:
		frappe.throw(
			_("Attach at most {0} files.").format(public_form.MAX_FILES),
			exc=PublicSubmissionError,
			title=_("Too Many Files"),
		)
	files: list[tuple[str, bytes]] = []
	for n, item in enumerate(items, start=1):
		name = str((item or {}).get("filename") or "")[:140] if isinstance(item, dict) else ""
		data = str((item or {}).get("data") or "") if isinstance(item, dict) else ""
		try:
			content = base64.b64decode(data.split(",", 1)[-1], validate=True)
		except (binascii.Error, ValueError):
			content = b""
		problem = public_form.upload_problem(name, content)
		if problem:
			frappe.throw(
				_("Attached file {0} ({1}) {2}.").format(n, escape_name(name), UPLOAD_MESSAGES[problem]()),
				exc=PublicSubmissionError,
				title=_("File Not Accepted"),
			)
		files.append((name, content))
	return files


def escape_name(name: str) -> str:
	return frappe.utils.escape_html(name or "?")


def attach_files(petition: str, files: list[tuple[str, bytes]]) -> list[str]:
	"""Private files on the petition under neutral names (a file name can carry a denouncer's
	identity); who may read them is the petition's secrecy, decided in one place."""
	urls = []
	for n, (name, content) in enumerate(files, start=1):
		extension = name.rsplit(".", 1)[-1].lower()
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{petition}-{n}.{extension}",
				"content": content,
				"is_private": 1,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": petition,
			}
		)
		file.insert(ignore_permissions=True)  # a guest's own attachment to the petition just filed
		urls.append(file.file_url)
	return urls


def _clean(value: str | None, label: str, limit: int) -> str:
	text = (value or "").strip()
	refuse_markup(text, label, PublicSubmissionError)
	text = strip_html(text).strip()
	if len(text) > limit:
		frappe.throw(
			_("{0} is too long (at most {1} characters).").format(label, limit),
			exc=PublicSubmissionError,
			title=_("Too Long"),
		)
	return text


def open_conferences() -> list[dict]:
	"""Announced conferences: only what their public notice already says."""
	if not frappe.db.exists("DocType", "Dialogue Conference"):
		return []
	return frappe.get_all(
		"Dialogue Conference",
		filters={"status": ("in", OPEN_CONFERENCE_STATUSES), "conference_date": (">=", getdate())},
		fields=["name", *CONFERENCE_FIELDS_SHOWN],
		order_by="conference_date asc",
		limit_page_length=50,
	)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=5, seconds=60 * 60)
def submit_opinion(
	content: str,
	petitioner_name: str | None = None,
	phone: str | None = None,
	address: str | None = None,
	commune: str | None = None,
	petition_type: str = petition_rules.RECOMMENDATION,
	conference: str | None = None,
	form_token: str | None = None,
	website: str | None = None,
	attachments: str | None = None,
	public_consent: int = 0,
	email: str | None = None,
	notify_consent: int = 0,
) -> dict:
	"""A citizen's opinion from the website; returns the tracking code to follow it.
	``website`` is the hidden field only bots fill; ``attachments`` a JSON list of
	{filename, data (base64)}; ``notify_consent``: tell me by SMS (``phone``) or ``email``
	when it moves (checked and kept encrypted by the petition, see citizen_petition/citizen_updates.py)."""
	use_site_language()
	check_person(form_token, website)
	files = read_attachments(attachments)
	values = {
		"content": _clean(content, _("Content", context="Citizen Petition"), MAX_CONTENT),
		"petitioner_name": _clean(petitioner_name, _("Full Name", context="Citizen Petition"), MAX_SHORT),
		"phone": _clean(phone, _("Phone", context="Citizen Petition"), 20),
		"address": _clean(address, _("Address", context="Citizen Petition"), MAX_SHORT * 2),
		"commune": _clean(commune, _("Commune"), MAX_SHORT),
	}
	if not values["content"]:
		frappe.throw(
			_("Write the content of your opinion."), exc=PublicSubmissionError, title=_("Content Missing")
		)
	if petition_type not in PUBLIC_TYPES:
		frappe.throw(_("Choose the kind of opinion."), exc=PublicSubmissionError, title=_("Invalid Kind"))
	check_phone(values["phone"], PublicSubmissionError)
	if conference:
		if conference not in {c.name for c in open_conferences()}:
			frappe.throw(
				_("That conference does not take opinions now."),
				exc=PublicSubmissionError,
				title=_("Conference Closed"),
			)
	doc = frappe.get_doc(
		{
			"doctype": "Citizen Petition",
			"received_date": getdate(),
			"petition_type": petition_type,
			"source": petition_rules.SOURCE_ONLINE,
			"phase": petition_rules.PHASE_BEFORE if conference else petition_rules.PHASE_NONE,
			"conference": conference or None,
			# The citizen's own consent to their name in published results (never a denouncer's).
			"public_consent": 1
			if frappe.utils.cint(public_consent) and not petition_rules.identity_is_secret(petition_type)
			else 0,
			**values,
			**updates_contact(values["phone"], email, notify_consent),
		}
	)
	doc.insert(ignore_permissions=True)  # a guest files a petition; reading it stays closed
	attach_files(doc.name, files)
	return {
		"tracking_code": petition_rules.format_tracking_code(doc.tracking_code),
		"message": _("Your opinion has been received. Keep this code to follow it: {0}").format(
			petition_rules.format_tracking_code(doc.tracking_code)
		),
	}


def updates_contact(phone: str, email: str | None, consent: int | str) -> dict:
	"""The citizen's consent to be told when the opinion moves, and where."""
	if not frappe.utils.cint(consent):
		return {"notify_consent": 0}
	return {
		"notify_consent": 1,
		"notify_phone": phone or None,
		"notify_email": _clean(email, _("E-mail for Updates"), 140) or None,
	}


PUBLIC_STATUS_LABELS = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"Received": lambda: _("Received", context="Citizen Petition"),
	"Being processed": lambda: _("Being processed"),
	"Forwarded to the competent authority": lambda: _("Forwarded to the competent authority"),
	"Not accepted": lambda: _("Not accepted"),
	"Answered": lambda: _("Answered", context="Citizen Petition"),
	"Closed": lambda: _("Closed", context="Citizen Petition"),
}


def lookup(code: str | None) -> dict:
	"""Status of the petition with ``code``; the same 'not found' for anything else."""
	not_found = {
		"found": False,
		"message": _("No opinion was found with this code. Check the code and try again."),
	}
	normalized = petition_rules.normalize_tracking_code(code)
	if not normalized:
		return not_found
	rows = frappe.get_all(
		"Citizen Petition",
		filters={"tracking_code": normalized},
		fields=[
			"name",
			"received_date",
			"petition_type",
			"status",
			"answer",
			"answered_on",
			"publish_answer",
			*UPPER_LEVEL_FIELDS,
		],
		limit_page_length=1,
	)
	if not rows:
		return not_found
	row = rows[0]
	status = petition_rules.public_status(row.status)
	published = answer_is_published(row)
	return {
		"can_reply": published and not _replied(row.name, row.answered_on),
		"found": True,
		"tracking_code": petition_rules.format_tracking_code(normalized),
		"received_date": frappe.format(row.received_date, "Date"),
		"petition_type": _(row.petition_type, context="Citizen Petition"),
		"status": PUBLIC_STATUS_LABELS[status](),
		"answer": row.answer if published else None,
		"answered_on": frappe.format(row.answered_on, "Date") if published and row.answered_on else None,
		**upper_level(row),
	}


# A petition sent up through a site link: where it went, and the upper level's answer once
# that level published it (integrations/receive.py keeps these fields).
UPPER_LEVEL_FIELDS = (
	"forward_link",
	"forwarded_to_body",
	"forwarded_on",
	"upper_public_status",
	"upper_answer",
	"upper_answered_on",
	"upper_answer_published",
)


def upper_level(row) -> dict:
	if not (row.forward_link and row.forwarded_on):
		return {}
	published = bool(row.upper_answer_published)
	status = PUBLIC_STATUS_LABELS.get(row.upper_public_status or "")
	return {
		"forwarded_to": row.forwarded_to_body,
		"forwarded_on": frappe.format(row.forwarded_on, "Date"),
		"upper_status": status() if status else _("Being processed"),
		"upper_answer": row.upper_answer if published else None,
		"upper_answered_on": frappe.format(row.upper_answered_on, "Date")
		if published and row.upper_answered_on
		else None,
	}


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=30, seconds=60 * 60)
def track_petition(code: str) -> dict:
	use_site_language()
	return lookup(code)


def answer_is_published(row) -> bool:
	return bool(row.publish_answer) and bool(row.answer) and row.status in petition_rules.SETTLED_STATES


def _replied(petition: str, answered_on) -> bool:
	return bool(
		frappe.db.exists("Petition Satisfaction Reply", {"petition": petition, "answered_on": answered_on})
	)


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60 * 60)
def reply_satisfaction(code: str, satisfied: int, comment: str | None = None) -> dict:
	"""The citizen says whether the published answer satisfied them; once per answer."""
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_satisfaction_reply.petition_satisfaction_reply import (
		NOT_SATISFIED,
		SATISFIED,
	)

	use_site_language()
	normalized = petition_rules.normalize_tracking_code(code)
	rows = (
		frappe.get_all(
			"Citizen Petition",
			filters={"tracking_code": normalized},
			fields=["name", "status", "answer", "answered_on", "publish_answer"],
			limit_page_length=1,
		)
		if normalized
		else []
	)
	if not rows or not answer_is_published(rows[0]):
		frappe.throw(
			_("There is no published answer to reply to for this code."),
			exc=PublicSubmissionError,
			title=_("No Answer Yet"),
		)
	row = rows[0]
	text = _clean(comment, _("Comment", context="Citizen Petition"), MAX_CONTENT)
	thanks = _("Thank you. Your reply has been recorded.")
	if _replied(row.name, row.answered_on):
		return {"message": thanks, "created": False}
	satisfaction = SATISFIED if frappe.utils.cint(satisfied) else NOT_SATISFIED
	frappe.get_doc(
		{
			"doctype": "Petition Satisfaction Reply",
			"petition": row.name,
			"satisfaction": satisfaction,
			"answered_on": row.answered_on,
			"received_on": frappe.utils.now_datetime(),
			"comment": text or None,
		}
	).insert(ignore_permissions=True)  # a guest's reply; only the Secretariat reads it
	if satisfaction == NOT_SATISFIED:
		thanks = _("Your request to look at the matter again has been sent to the Secretariat.")
	return {"message": thanks, "created": True}
