"""Counts that follow the permission rules.

Frappe v15's ``frappe.client.get_count`` counts with ``frappe.db.count``, which applies
neither User Permissions nor the query-condition hooks: a unit-scoped user would count every
unit's petitions. hooks.py ``override_whitelisted_methods`` points that endpoint here; for
the app's scoped doctypes the count goes through ``frappe.get_list`` (role permissions, User
Permissions, ``permissions/scope.py``), every other doctype is left to Frappe as it was.
"""

from __future__ import annotations

import frappe
from frappe.client import get_count as frappe_get_count
from frappe.client import get_safe_filters

SCOPED_DOCTYPES = frozenset({"Citizen Petition", "Petition Assignment", "Petition Identity"})


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	if doctype not in SCOPED_DOCTYPES:
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(*) as total_count"],
		order_by=None,
	)
	return int(rows[0].total_count) if rows else 0
