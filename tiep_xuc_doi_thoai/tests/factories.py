"""Factories for tier 2 tests (Frappe's runner on a real site)."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.api.units import restrict_user_to_unit


def make_unit(
	unit_name: str,
	abbreviation: str = "UBND",
	parent: str | None = None,
	level: str = "Commune",
	kind: str = "People's Committee",
	is_group: int = 0,
	**extra,
):
	if frappe.db.exists("Dialogue Unit", unit_name):
		return frappe.get_doc("Dialogue Unit", unit_name)
	return frappe.get_doc(
		{
			"doctype": "Dialogue Unit",
			"unit_name": unit_name,
			"abbreviation": abbreviation,
			"parent_dialogue_unit": parent,
			"level": level,
			"kind": kind,
			"is_group": is_group,
			**extra,
		}
	).insert(ignore_permissions=True)


def make_user(email: str, roles: list[str] | tuple[str, ...], unit: str | None = None):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user.add_roles(*roles)
	if unit:
		restrict_user_to_unit(user.name, unit)
	return user
