"""A denouncer's identity is secret (Luật Tố cáo 2018 Đ.9, Đ.56): the one decision who may
see it, and the one mask every channel prints instead.

Who may see it is Frappe's Role Permission *read* on the *Petition Identity* doctype (by
default Dialogue Confidential Access; an administrator changes it in Role Permissions
Manager). Sharing a Petition Identity record never opens it: the hooks below deny what the
role permissions do not grant.
"""

from __future__ import annotations

from typing import Any

import frappe
from frappe import _
from frappe.permissions import get_role_permissions

from tiep_xuc_doi_thoai.core.petitions import IDENTITY_FIELDS

IDENTITY_DOCTYPE = "Petition Identity"
# What the petition row holds in place of a secret name (stored, so language-neutral).
MASK = "***"
# What every list, register, print and letter shows in place of a secret name.
MASK_LABEL = "Confidential (denouncer)"


def may_see_identity(user: str | None = None) -> bool:
	"""The one decision: the user's roles grant *read* on Petition Identity."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(get_role_permissions(frappe.get_meta(IDENTITY_DOCTYPE), user=user).get("read"))


def may_purge_history(user: str | None = None) -> bool:
	"""Purging a petition's earlier versions erases identity traces: the Role Permission
	*delete* on Petition Identity (Dialogue Confidential Access by default)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(get_role_permissions(frappe.get_meta(IDENTITY_DOCTYPE), user=user).get("delete"))


def mask_label(lang: str | None = None) -> str:
	"""The mask in the user's language, or in ``lang`` for a document (prints, registers)."""
	return _(MASK_LABEL, lang=lang)


def is_masked(value: Any) -> bool:
	return value == MASK


def identities_for(petitions: list[str]) -> dict[str, dict]:
	"""Identities the current user may read, by petition (empty without the right)."""
	if not petitions or not may_see_identity():
		return {}
	rows = frappe.get_list(
		IDENTITY_DOCTYPE,
		filters={"petition": ("in", petitions)},
		fields=["petition", *IDENTITY_FIELDS],
		limit_page_length=0,
	)
	return {r.petition: r for r in rows}


def person_shown(
	row: Any, ident: dict | None, commune: str | None = None, lang: str | None = None
) -> tuple[str, str]:
	"""(name, place) a channel prints for a petition row: the identity when the user may see
	it, the mask and no place otherwise. ``ident`` comes from ``identities_for``; ``lang`` is
	the document's language for prints and registers."""
	commune = commune if commune is not None else row.get("commune")
	if row.get("identity_confidential"):
		if not ident:
			return mask_label(lang), ""
		person = ident
	else:
		person = row
	place = ", ".join(filter(None, (person.get("address"), person.get("village"), commune)))
	name = person.get("petitioner_name") or ""
	return ("" if is_masked(name) else name), place


# -- permission hooks (hooks.py) ----------------------------------------------------------------


def identity_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A share or an owner rule never opens an identity the role permissions do not."""
	return None if may_see_identity(user) else False


def identity_query_conditions(user: str | None = None) -> str:
	return "" if may_see_identity(user) else "1=0"
