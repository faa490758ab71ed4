"""Units and who belongs to them: a Unit Officer sees only its own unit's records.

The restriction is a standard Frappe User Permission on Dialogue Unit, so every doctype
that links to a unit (assignments, petitions, plans) is filtered in lists, reports, REST and
search without code of ours; an administrator can also set it by hand in the web UI.
"""

from __future__ import annotations

import frappe


def restrict_user_to_unit(user: str, unit: str, apply_to_descendants: bool = True) -> str:
	"""Limit ``user`` to ``unit`` (and, unless told otherwise, the units under it)."""
	existing = frappe.db.exists(
		"User Permission", {"user": user, "allow": "Dialogue Unit", "for_value": unit}
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Dialogue Unit",
			"for_value": unit,
			"apply_to_all_doctypes": 1,
			"hide_descendants": 0 if apply_to_descendants else 1,
		}
	).insert(ignore_permissions=True)
	return doc.name


def user_units(user: str | None = None) -> list[str]:
	"""The units a user is restricted to; empty when the user sees every unit."""
	user = user or frappe.session.user
	return frappe.get_all(
		"User Permission", filters={"user": user, "allow": "Dialogue Unit"}, pluck="for_value"
	)
