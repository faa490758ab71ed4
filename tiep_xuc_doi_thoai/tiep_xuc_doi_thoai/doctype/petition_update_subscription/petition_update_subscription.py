# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""A citizen's consent to be told when their opinion moves, and how to reach them.

The phone and e-mail are Password fields: Frappe keeps them encrypted and never sends them to
a browser; staff see a masked hint (none at all for a denouncer: the petition's
``identity_confidential``). The citizen stops the messages with the signed link every message
carries (``/ngung-nhan-tin``)."""

from __future__ import annotations

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules

DOCTYPE = "Petition Update Subscription"
HIDDEN = "***"


class PetitionUpdateSubscription(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		consented_on: DF.Datetime | None
		email: DF.Password | None
		email_hint: DF.Data | None
		petition: DF.Link
		phone: DF.Password | None
		phone_hint: DF.Data | None
		stopped: DF.Check
		stopped_on: DF.Datetime | None
	# end: auto-generated types


def subscribe(petition: str, phone: str | None, email: str | None, secret: bool) -> str:
	"""Create or update the petition's subscription (a new consent also undoes a stop)."""
	name = frappe.db.get_value(DOCTYPE, {"petition": petition}, "name")
	doc = frappe.get_doc(DOCTYPE, name) if name else frappe.new_doc(DOCTYPE).update({"petition": petition})
	phone, email = petition_rules.clean_phone(phone), update_rules.clean_email(email)
	if phone:
		doc.phone = phone
		doc.phone_hint = HIDDEN if secret else update_rules.mask_phone(phone)
	if email:
		doc.email = email
		doc.email_hint = HIDDEN if secret else update_rules.mask_email(email)
	doc.consented_on = now_datetime()
	doc.stopped = 0
	doc.stopped_on = None
	doc.flags.ignore_permissions = True  # whoever records the petition records the citizen's consent
	doc.save()
	return doc.name


def stop(subscription: str) -> bool:
	"""The citizen's one-link opt-out; False when it was stopped already."""
	if frappe.db.get_value(DOCTYPE, subscription, "stopped"):
		return False
	frappe.db.set_value(DOCTYPE, subscription, {"stopped": 1, "stopped_on": now_datetime()})
	return True
