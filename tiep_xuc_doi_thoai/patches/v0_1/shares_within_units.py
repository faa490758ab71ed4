"""Shares of scoped records that cross the unit rule are removed (issue 16): Frappe opens a
shared record past every permission hook, so a petition shared with an officer of another
unit (or with everyone) listed and opened for them. New ones are refused when made."""

import frappe

from tiep_xuc_doi_thoai.permissions.scope import shares_across_units


def execute() -> None:
	for share in shares_across_units():
		frappe.delete_doc("DocShare", share, ignore_permissions=True, force=True)
