"""What a citizen (a guest on the website) may do: send an opinion and follow it by code.

Both endpoints are rate limited per IP address. A submission is plain text only: anything
that looks like HTML or script is refused, not cleaned. A lookup answers for one tracking
code and shows only the status and the answer the agency chose to publish: never a name,
never another petition, and the same message for a code that does not exist as for one that
is malformed.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate, strip_html

from tiep_xuc_doi_thoai.core import petitions as P

MAX_CONTENT = 5000
MAX_SHORT = 140
PUBLIC_TYPES = (P.RECOMMENDATION, P.FEEDBACK, P.COMPLAINT, P.DENUNCIATION)
# Conference statuses a citizen may send opinions for (set by the Dialogue Conference workflow).
OPEN_CONFERENCE_STATUSES = ("Announced",)


class PublicSubmissionError(frappe.ValidationError):
	pass


def use_site_language() -> None:
	"""Citizens read the public pages in the agency's language (System Settings), whatever
	their browser asks for, unless they picked a language on the website themselves."""
	if frappe.request and frappe.request.cookies.get("preferred_language"):
		return
	lang = frappe.db.get_single_value("System Settings", "language")
	if lang:
		frappe.local.lang = lang


def _clean(value: str | None, label: str, limit: int) -> str:
	text = (value or "").strip()
	if P.contains_markup(text):
		frappe.throw(
			_("{0} must be plain text: HTML and script are not accepted.").format(label),
			exc=PublicSubmissionError,
			title=_("Invalid Text"),
		)
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
		fields=["name", "topic", "conference_date", "place"],
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
	petition_type: str = P.RECOMMENDATION,
	conference: str | None = None,
) -> dict:
	"""A citizen's opinion from the website; returns the tracking code to follow it."""
	use_site_language()
	values = {
		"content": _clean(content, _("Content"), MAX_CONTENT),
		"petitioner_name": _clean(petitioner_name, _("Full Name"), MAX_SHORT),
		"phone": _clean(phone, _("Phone"), 20),
		"address": _clean(address, _("Address"), MAX_SHORT * 2),
		"commune": _clean(commune, _("Commune"), MAX_SHORT),
	}
	if not values["content"]:
		frappe.throw(
			_("Write the content of your opinion."), exc=PublicSubmissionError, title=_("Content Missing")
		)
	if petition_type not in PUBLIC_TYPES:
		frappe.throw(_("Choose the kind of opinion."), exc=PublicSubmissionError, title=_("Invalid Kind"))
	if values["phone"] and P.phone_problem(values["phone"]):
		frappe.throw(
			_("Phone must have 9 to 12 digits."), exc=PublicSubmissionError, title=_("Invalid Phone")
		)
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
			"source": P.SOURCE_ONLINE,
			"phase": P.PHASE_BEFORE if conference else P.PHASE_NONE,
			"conference": conference or None,
			**values,
		}
	)
	doc.insert(ignore_permissions=True)  # a guest files a petition; reading it stays closed
	return {
		"tracking_code": P.format_tracking_code(doc.tracking_code),
		"message": _("Your opinion has been received. Keep this code to follow it: {0}").format(
			P.format_tracking_code(doc.tracking_code)
		),
	}


PUBLIC_STATUS_LABELS = {
	"Received": lambda: _("Received"),
	"Being processed": lambda: _("Being processed"),
	"Forwarded to the competent authority": lambda: _("Forwarded to the competent authority"),
	"Not accepted": lambda: _("Not accepted"),
	"Answered": lambda: _("Answered"),
	"Closed": lambda: _("Closed"),
}


def lookup(code: str | None) -> dict:
	"""Status of the petition with ``code``; the same 'not found' for anything else."""
	not_found = {
		"found": False,
		"message": _("No opinion was found with this code. Check the code and try again."),
	}
	normalized = P.normalize_tracking_code(code)
	if not normalized:
		return not_found
	rows = frappe.get_all(
		"Citizen Petition",
		filters={"tracking_code": normalized},
		fields=[
			"received_date",
			"petition_type",
			"status",
			"answer",
			"answered_on",
			"publish_answer",
		],
		limit_page_length=1,
	)
	if not rows:
		return not_found
	row = rows[0]
	status = P.public_status(row.status)
	published = bool(row.publish_answer) and row.status in P.SETTLED_STATES
	return {
		"found": True,
		"tracking_code": P.format_tracking_code(normalized),
		"received_date": frappe.format(row.received_date, "Date"),
		"petition_type": _(row.petition_type),
		"status": PUBLIC_STATUS_LABELS[status](),
		"answer": row.answer if published else None,
		"answered_on": frappe.format(row.answered_on, "Date") if published and row.answered_on else None,
	}


@frappe.whitelist(allow_guest=True)
@rate_limit(limit=30, seconds=60 * 60)
def track_petition(code: str) -> dict:
	use_site_language()
	return lookup(code)
