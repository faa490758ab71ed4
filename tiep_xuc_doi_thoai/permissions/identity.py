"""A denouncer's identity is secret (Luật Tố cáo 2018 Đ.9, Đ.56): the one decision who may
see it, and the one mask every channel prints instead.

Who may see it is Frappe's Role Permission *read* on the *Petition Identity* doctype (by
default Dialogue Confidential Access; an administrator changes it in Role Permissions
Manager). Sharing a Petition Identity record never opens it: the hooks below deny what the
role permissions do not grant.
"""

from __future__ import annotations

import json
from typing import Any

import frappe
from frappe import _
from frappe.permissions import get_role_permissions

from tiep_xuc_doi_thoai.core import identity_keys
from tiep_xuc_doi_thoai.core.petitions import IDENTITY_FIELDS
from tiep_xuc_doi_thoai.permissions import sealing

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


def is_secret(petition: Any) -> bool:
	"""The one answer to "is this petition's identity secret": its ``identity_confidential``
	flag (set for every denunciation, and kept once set: services/petition_identity.py). Takes a
	document, a row or a dict; never ask ``petition_type == "Denunciation"`` again."""
	return bool(petition and petition.get("identity_confidential"))


def is_secret_petition(name: str | None) -> bool:
	"""``is_secret`` of a petition known by its name."""
	return bool(name) and bool(frappe.db.get_value(PETITION, name, "identity_confidential"))


PETITION = "Citizen Petition"
# What the Access Log of a reveal names as its method (the channel that showed the identity).
REVEAL_LOG_METHOD = "Reveal Identity: {0}"


def log_reveal(petitions: list[str], channel: str) -> None:
	"""Each reveal of identities in Frappe's Access Log (who, when, which petitions, through
	which channel): an administrator audits it in the desk, Access Log list. One row per
	reveal: *Reference Document* is the petition, or for a register or report that opened
	several, *Filters* lists them all (one insert, not one per row)."""
	from frappe.core.doctype.access_log.access_log import make_access_log

	names = list(dict.fromkeys(p for p in petitions if p))
	if not names:
		return
	make_access_log(
		doctype=PETITION,
		document=names[0] if len(names) == 1 else None,
		method=REVEAL_LOG_METHOD.format(channel),
		filters=json.dumps({"petitions": names}) if len(names) > 1 else None,
	)


def unsealed(row: dict) -> dict:
	"""An identity row with its sealed fields opened (no permission check: callers check)."""
	return frappe._dict({k: sealing.unseal(v) if k in IDENTITY_FIELDS else v for k, v in row.items()})


def identities_for(petitions: list[str], channel: str = "Register") -> dict[str, dict]:
	"""Identities the current user may read, by petition (empty without the right). Each
	identity returned is a reveal, logged (``log_reveal``)."""
	if not petitions or not may_see_identity():
		return {}
	rows = frappe.get_list(
		IDENTITY_DOCTYPE,
		filters={"petition": ("in", petitions)},
		fields=["petition", *IDENTITY_FIELDS],
		limit_page_length=0,
	)
	found = {r.petition: unsealed(r) for r in rows}
	if found:
		log_reveal(list(found), channel)
	return found


def identity_for_system(petition: str) -> dict | None:
	"""The clear identity for a consequence that runs as the system (a transfer to the level
	above); never for display."""
	row = frappe.db.get_value(IDENTITY_DOCTYPE, {"petition": petition}, list(IDENTITY_FIELDS), as_dict=True)
	return unsealed(row) if row else None


# -- keyed hashes for duplicate detection (the rule: core/identity_keys.py) --------------------


def keys_of(values: dict) -> dict[str, str]:
	"""``id_key`` and ``person_key`` of clear identity values, under this site's secret."""
	secret = sealing.identity_secret()
	return {
		"id_key": identity_keys.id_number_key(secret, values.get("id_number")),
		"person_key": identity_keys.person_key(secret, values.get("petitioner_name"), values.get("address")),
	}


def identity_keys_for(petitions: list[str]) -> dict[str, dict]:
	"""The keyed hashes of secret identities, for who may see them: duplicate detection
	compares them without opening any identity (so no reveal is logged)."""
	if not petitions or not may_see_identity():
		return {}
	rows = frappe.get_all(
		IDENTITY_DOCTYPE,
		filters={"petition": ("in", petitions)},
		fields=["petition", "id_number_key", "person_key"],
	)
	return {r.petition: {"id_key": r.id_number_key or "", "person_key": r.person_key or ""} for r in rows}


def person_shown(
	row: Any,
	ident: dict | None,
	commune: str | None = None,
	lang: str | None = None,
	mask: str | None = None,
) -> tuple[str, str]:
	"""(name, place) a channel prints for a petition row: the identity when the user may see
	it, the mask and no place otherwise. ``ident`` comes from ``identities_for``; ``lang`` is
	the document's language for prints and registers; ``mask`` is ``mask_label(lang)`` when
	a caller printing many rows has it already (a translation lookup per row otherwise)."""
	commune = commune if commune is not None else row.get("commune")
	if row.get("identity_confidential"):
		if not ident:
			return (mask if mask is not None else mask_label(lang)), ""
		person = ident
	else:
		person = row
	place = ", ".join(part for part in (person.get("address"), person.get("village"), commune) if part)
	name = person.get("petitioner_name") or ""
	return ("" if is_masked(name) else name), place


# -- permission hooks (hooks.py) ----------------------------------------------------------------


def identity_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A share or an owner rule never opens an identity the role permissions do not."""
	return None if may_see_identity(user) else False


def identity_query_conditions(user: str | None = None) -> str:
	return "" if may_see_identity(user) else "1=0"
