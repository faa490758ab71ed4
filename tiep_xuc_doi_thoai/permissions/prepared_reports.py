"""A Prepared Report of a register that names people is its owner's alone.

The reception register's lines are built with the rights of the user who asked (a Confidential
Access user's lines carry the identities of denouncers). Frappe lets everyone who may run the
report read every Prepared Report of it (``prepared_report.has_permission`` and its query
condition), and with it the attached result file under /private/files. These hooks narrow that
to the owner, at every door that asks Frappe: the report's own ``prepared_report_name`` path,
``frappe.client``, lists and counts, and the result file (File asks its attached record).
"""

from __future__ import annotations

import frappe

# the reports whose Prepared Reports are their owner's alone
OWNER_ONLY_REPORTS = ("Petition Reception Register",)


def prepared_report_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	reports = ", ".join(frappe.db.escape(report) for report in OWNER_ONLY_REPORTS)
	return (
		f"(`tabPrepared Report`.report_name not in ({reports})"
		f" or `tabPrepared Report`.owner = {frappe.db.escape(user)})"
	)


def prepared_report_has_permission(
	doc, ptype: str | None = None, user: str | None = None, **_kw
) -> bool | None:
	"""Deny another user's Prepared Report of an owner-only register; abstain otherwise."""
	user = user or frappe.session.user
	if doc.report_name in OWNER_ONLY_REPORTS and user not in (doc.owner, "Administrator"):
		return False
	return None
