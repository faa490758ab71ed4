# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from __future__ import annotations

from typing import Any

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from tiep_xuc_doi_thoai.core import levels


class SiteLinkError(frappe.ValidationError):
	pass


URL_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	levels.UrlProblem.MISSING: lambda: _("Enter the Site URL of the other level."),
	levels.UrlProblem.SCHEME: lambda: _("The Site URL must start with https://."),
	levels.UrlProblem.NO_HOST: lambda: _("The Site URL has no host name."),
	levels.UrlProblem.HAS_PATH: lambda: _(
		"The Site URL must be the site's address only, without a query, a fragment or a password."
	),
	levels.UrlProblem.PLAIN_HTTP: lambda: _(
		"Plain http is refused: credentials and identities would travel unencrypted. Use https:// (http only to this machine)."
	),
}


class DialogueSiteLink(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		api_key: DF.Password | None
		api_secret: DF.Password | None
		direction: DF.Literal["Upper Level", "Lower Level"]
		enabled: DF.Check
		inbound_user: DF.Link | None
		last_check_result: DF.SmallText | None
		last_checked_on: DF.Datetime | None
		link_name: DF.Data
		local_unit: DF.Link | None
		remote_unit: DF.Data | None
		site_url: DF.Data

	# end: auto-generated types

	def validate(self):
		self.validate_url()
		self.validate_inbound_user()

	def validate_url(self):
		problem = levels.url_problem(self.site_url)
		if problem:
			frappe.throw(
				URL_MESSAGES[problem](),
				exc=SiteLinkError,
				title=_("Invalid Site URL", context="Dialogue Site Link"),
			)
		self.site_url = levels.normalize_url(self.site_url)

	def validate_inbound_user(self):
		if self.inbound_user in ("Administrator", "Guest"):
			frappe.throw(
				_("The other site's integration user must be a user of its own, not {0}.").format(
					self.inbound_user
				),
				exc=SiteLinkError,
				title=_("Integration User"),
			)


@frappe.whitelist(methods=["POST"])
def test_connection(name: str) -> dict[str, Any]:
	"""Call the other site's ``ping`` with the stored credentials and say what happened."""
	from tiep_xuc_doi_thoai.integrations.outbox import reason_text
	from tiep_xuc_doi_thoai.integrations.transport import get_transport

	link = frappe.get_doc("Dialogue Site Link", name)
	link.check_permission("write")
	reply = get_transport().post(
		levels.endpoint_url(link.site_url, levels.PING),
		{},
		(
			link.get_password("api_key", raise_exception=False) or "",
			link.get_password("api_secret", raise_exception=False) or "",
		),
	)
	verdict = levels.judge_response(reply.status, reply.body, reply.error)
	ok = verdict.outcome is levels.Outcome.DELIVERED
	if ok:
		answer = reply.body["message"]
		message = _("Connected: the other site knows this site as {0} (unit {1}, app version {2}).").format(
			answer.get("site_link") or "", answer.get("unit") or "—", answer.get("version") or ""
		)
	else:
		message = reason_text(verdict.reason, verdict.detail)
	link.db_set({"last_checked_on": now_datetime(), "last_check_result": message[:1000]})
	return {"ok": ok, "message": message}
