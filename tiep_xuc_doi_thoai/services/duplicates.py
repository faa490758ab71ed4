"""Duplicates of a Citizen Petition: finding them, marking one, closing a repeat of a settled
matter with the earlier answer (the petition's controller methods call these)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_years, getdate

from tiep_xuc_doi_thoai.core import duplicates as duplicate_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.permissions import identity
from tiep_xuc_doi_thoai.utils.workflow import take_transition_to

# Petitions older than this are not compared (a matter settled years ago is a new matter).
LOOKBACK_YEARS = 3
MAX_CANDIDATES = 3000
CANDIDATE_FIELDS = (
	"name",
	"subject",
	"content",
	"petitioner_name",
	"id_number",
	"address",
	"received_date",
	"petition_type",
	"workflow_state",
	"identity_confidential",
)


class DuplicateError(frappe.ValidationError):
	pass


def _key(row, secret_keys: dict | None = None) -> duplicate_rules.PetitionKey:
	"""A petition as matching sees it. A secret identity takes part only through its keyed
	hashes (``secret_keys``, for who may see identities); a clear one gets its keys computed."""
	extra = {
		"subject": row.subject,
		"received_date": str(row.received_date),
		"petition_type": row.petition_type,
		"workflow_state": row.workflow_state,
	}
	if identity.is_secret(row):
		keys = secret_keys or {}
		return duplicate_rules.PetitionKey(
			name=row.name,
			content=row.content or "",
			id_key=keys.get("id_key") or "",
			person_key=keys.get("person_key") or "",
			extra=extra,
		)
	return duplicate_rules.PetitionKey(
		name=row.name,
		content=row.content or "",
		petitioner_name=row.get("petitioner_name") or "",
		id_number=row.get("id_number") or "",
		address=row.get("address") or "",
		**identity.keys_of(row),
		extra=extra,
	)


def duplicates_of(doc, limit: int = 10) -> list[duplicate_rules.Match]:
	"""Earlier petitions the current user may read that look like ``doc``."""
	since = add_years(getdate(doc.received_date), -LOOKBACK_YEARS)
	rows = frappe.get_list(
		"Citizen Petition",
		filters={"name": ("!=", doc.name or ""), "received_date": (">=", since)},
		fields=list(CANDIDATE_FIELDS),
		order_by="received_date desc",
		limit_page_length=MAX_CANDIDATES,
	)
	# Identities of confidential petitions take part (by their keyed hashes, never opened) only
	# for those allowed to read them.
	keys = identity.identity_keys_for([r.name for r in rows if identity.is_secret(r)] + [doc.name])
	own = _key(doc, keys.get(doc.name))
	return duplicate_rules.find_duplicates(own, (_key(r, keys.get(r.name)) for r in rows), limit=limit)


REASON_LABELS = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"same_id_number": lambda: _("Same ID number"),
	"same_person": lambda: _("Same name and address"),
	"similar_content": lambda: _("Similar content"),
}


def find_duplicates(doc) -> list[dict]:
	doc.check_permission("read")
	return [
		{
			"name": m.name,
			"strength": m.strength,
			"strength_label": _(m.strength),
			"score": m.score,
			"reasons": [REASON_LABELS[r]() for r in m.reasons],
			**m.extra,
			"workflow_state_label": _(m.extra.get("workflow_state") or "", context="Citizen Petition"),
			"petition_type_label": _(m.extra.get("petition_type") or "", context="Citizen Petition"),
		}
		for m in duplicates_of(doc)
	]


def _earlier(name: str, duplicate_of: str):
	if name == duplicate_of:
		frappe.throw(_("A petition cannot be a duplicate of itself."), exc=DuplicateError)
	earlier = frappe.get_doc("Citizen Petition", duplicate_of)
	earlier.check_permission("read")
	return earlier


def mark_duplicate(doc, duplicate_of: str) -> str:
	"""Link a petition to the earlier one it repeats."""
	doc.check_permission("write")
	earlier = _earlier(doc.name, duplicate_of)
	doc.duplicate_of = earlier.name
	doc.save()
	return doc.name


def close_as_duplicate(doc, duplicate_of: str) -> str:
	"""Close a repeat of a matter already settled with the earlier answer (the chair need not
	answer the same thing again: seed 001)."""
	doc.check_permission("write")
	earlier = _earlier(doc.name, duplicate_of)
	if earlier.status not in petition_rules.SETTLED_STATES or not earlier.answer:
		frappe.throw(
			_("Petition {0} has no answer yet: only a repeat of a settled matter is closed this way.").format(
				frappe.bold(earlier.name)
			),
			exc=DuplicateError,
			title=_("Not Settled"),
		)
	doc.duplicate_of = earlier.name
	doc.answer = (
		_("Already answered in petition {0} on {1}:").format(
			earlier.name, frappe.format(earlier.answered_on, "Date")
		)
		+ "\n"
		+ earlier.answer
	)
	doc.answer_mode = earlier.answer_mode
	doc.answer_reference = earlier.answer_reference
	doc.answered_on = getdate()
	doc.publish_answer = earlier.publish_answer
	doc.save()
	# Through the user's own transitions, found by the status their states set, so an
	# administrator may rename the actions or give them to other roles.
	if doc.status == petition_rules.RECEIVED:
		doc = take_transition_to(doc, petition_rules.CLASSIFIED)
	take_transition_to(doc, petition_rules.CLOSED)
	return doc.name
