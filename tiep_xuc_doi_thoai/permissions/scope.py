"""Unit scope: a user whose User Permissions restrict *Dialogue Unit* sees and changes only
the records of those units (and the units under them, as Frappe expands them).

Frappe already closes other units' records. It leaves open a record whose unit link is empty
(non-strict user permissions) - a petition not yet given to a unit. The app closes that too,
for its own doctypes only, instead of switching on the site-wide ``apply_strict_user_permissions``
that would change every other app in the suite. Who is "unit-scoped" is read from the User
Permissions themselves (Frappe's ``get_user_permissions``, descendants included), never from
role names: the Reception and Secretariat users who classify new petitions have no User
Permission on Dialogue Unit and keep seeing them. An administrator who wants a unit-scoped
user to see unassigned petitions after all sets the User Permission's *Applicable For* to the
doctypes it should restrict (or ticks *Apply To All Document Types* off).
"""

from __future__ import annotations

import frappe
from frappe.permissions import get_user_permissions

UNIT_DOCTYPE = "Dialogue Unit"
PETITION = "Citizen Petition"
ASSIGNMENT = "Petition Assignment"
# The unit field of each doctype whose records with no unit are closed to unit-scoped users.
UNIT_FIELD = {PETITION: "responsible_unit", ASSIGNMENT: "lead_unit"}
COORDINATING_TABLE = "Assignment Coordinating Unit"
NO_ACCESS = "1=0"


def scoped_units(doctype: str, user: str | None = None) -> list[str] | None:
	"""The units ``user`` is restricted to for ``doctype``; None when not unit-scoped."""
	user = user or frappe.session.user
	entries = get_user_permissions(user).get(UNIT_DOCTYPE) or []
	units = [
		e.get("doc") for e in entries if not e.get("applicable_for") or e.get("applicable_for") == doctype
	]
	return sorted(set(units)) if units else None


def _in(column: str, units: list[str]) -> str:
	return f"{column} in ({', '.join(frappe.db.escape(u) for u in units)})"


# -- Citizen Petition ---------------------------------------------------------------------------


def petition_query_conditions(user: str | None = None) -> str:
	units = scoped_units(PETITION, user)
	if units is None:
		return ""
	return _in(f"`tab{PETITION}`.`{UNIT_FIELD[PETITION]}`", units)


def petition_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if ptype == "create":
		return None
	units = scoped_units(PETITION, user)
	if units is None:
		return None
	return False if doc.get(UNIT_FIELD[PETITION]) not in units else None


# -- Petition Assignment: the lead unit or a coordinating unit ---------------------------------


def assignment_query_conditions(user: str | None = None) -> str:
	units = scoped_units(ASSIGNMENT, user)
	if units is None:
		return ""
	return (
		f"({_in(f'`tab{ASSIGNMENT}`.`lead_unit`', units)} or `tab{ASSIGNMENT}`.`name` in "
		f"(select `parent` from `tab{COORDINATING_TABLE}` where `parenttype` = '{ASSIGNMENT}' "
		f"and {_in('`unit`', units)}))"
	)


def assignment_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if ptype == "create":
		return None
	units = scoped_units(ASSIGNMENT, user)
	if units is None:
		return None
	involved = {doc.get("lead_unit")} | {row.unit for row in doc.get("coordinating_units") or []}
	return None if involved & set(units) else False
