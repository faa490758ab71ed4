"""The citizen stops the messages about an opinion: the signed link of every message opens
/ngung-nhan-tin, whose one button posts here (a POST, so a mail scanner that follows links
stops nothing)."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from tiep_xuc_doi_thoai.api.public import PublicSubmissionError
from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.services.public_pages import use_site_language
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message.citizen_update_message import (
	site_key,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_update_subscription import (
	petition_update_subscription as S,
)


def subscription_of(token: str | None) -> str | None:
	name = update_rules.read_stop_token(site_key(), token)
	return name if name and frappe.db.exists(S.DOCTYPE, name) else None


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60 * 60)
def stop_updates(token: str) -> dict:
	use_site_language()
	subscription = subscription_of(token)
	if not subscription:
		frappe.throw(
			_("This link is not valid. Copy the whole link from the message and try again."),
			exc=PublicSubmissionError,
			title=_("Invalid Link", context="Petition Update Subscription"),
		)
	S.stop(subscription)
	return {"message": _("You will receive no more messages about this opinion.")}
