"""The petition's side of telling the citizen when it moves (steps of its controller).

What the citizen (or the officer for them) typed as a contact is checked, taken off the row
before it is saved — so no list, report, version or export of the petition carries it — and
kept encrypted in the petition's *Petition Update Subscription*. Each save then queues one
*Citizen Update Message* per public-facing change (``core.citizen_updates.events_for_save``).
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.services.petition_identity import is_masked
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message import (
	citizen_update_message as update_messages,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_update_subscription import (
	petition_update_subscription as S,
)


class ContactError(frappe.ValidationError):
	pass


CONTACT_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"bad_phone": lambda: _("The phone for updates must have 9 to 12 digits, e.g. 0912 345 678."),
	"bad_email": lambda: _("The e-mail for updates is not a valid address, e.g. ten@example.com."),
	"no_contact": lambda: _("To receive updates, give a phone number or an e-mail address."),
}


def take_contact(doc) -> None:
	phone = (doc.notify_phone or "").strip()
	email = (doc.notify_email or "").strip()
	doc.notify_phone = doc.notify_email = None
	if not doc.notify_consent:
		return
	if not phone and not email and doc.phone and not is_masked(doc.phone):
		phone = doc.phone
	if not doc.is_new() and not phone and not email:
		return  # consent given earlier; the contact is already kept
	problem = update_rules.contact_problem(phone, email, consent=True)
	if problem:
		frappe.throw(CONTACT_MESSAGES[problem](), exc=ContactError, title=_("Invalid Contact for Updates"))
	doc.flags.update_contact = (phone, email)


def keep_contact(doc) -> None:
	contact = doc.flags.pop("update_contact", None)
	if contact:
		S.subscribe(doc.name, *contact, secret=bool(doc.identity_confidential))


def tell_citizen(doc) -> None:
	update_messages.after_petition_save(doc)


def delete_for(petition: str) -> None:
	frappe.db.delete(update_messages.DOCTYPE, {"petition": petition})
	for name in frappe.get_all(S.DOCTYPE, filters={"petition": petition}, pluck="name"):
		frappe.delete_doc(S.DOCTYPE, name, ignore_permissions=True, force=True)
