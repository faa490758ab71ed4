"""A denouncer's identity is secret (Luật Tố cáo 2018 Đ.9, Đ.56).

It is never kept on the Citizen Petition row: the row holds a mask, and the identity goes to
a Petition Identity record that only Dialogue Confidential Access can read (doctype
permissions plus the ``has_permission`` and ``permission_query_conditions`` hooks below).
So every channel that reads the petition - form, list, REST, reports, prints, exports -
sees the mask without code of its own. An agency may choose to keep no identity at all,
only the reference of the paper file (Dialogue Settings).
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core.petitions import DENUNCIATION, IDENTITY_FIELDS
from tiep_xuc_doi_thoai.core.roles import CONFIDENTIAL

MASK = "***"
IDENTITY_DOCTYPE = "Petition Identity"
PAPER_ONLY = "Paper File Only"


class IdentityChangeNotAllowedError(frappe.PermissionError):
	pass


def has_confidential_access(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or CONFIDENTIAL in frappe.get_roles(user)


def keeps_no_identity() -> bool:
	return frappe.db.get_single_value("Dialogue Settings", "denouncer_identity_storage") == PAPER_ONLY


def protect(doc) -> None:
	"""Move what was typed into the identity fields of a confidential petition off the row."""
	if doc.petition_type == DENUNCIATION:
		doc.identity_confidential = 1
	before = doc.get_doc_before_save()
	if before and before.identity_confidential:
		doc.identity_confidential = 1  # once secret, always secret
	if not doc.identity_confidential:
		return
	typed = {f: doc.get(f) for f in IDENTITY_FIELDS if doc.get(f) and doc.get(f) != MASK}
	if typed:
		if not doc.is_new() and identity_exists(doc.name) and not has_confidential_access():
			frappe.throw(
				_("Only Dialogue Confidential Access may change the identity of a denouncer."),
				exc=IdentityChangeNotAllowedError,
				title=_("Not Permitted"),
			)
		if not keeps_no_identity():
			doc.flags.identity_to_store = typed
		# The row held the identity before this save (reclassified as tố cáo): keep the
		# old values out of the version history as well.
		doc.flags.ignore_version = True
		if before and not before.identity_confidential:
			doc.flags.purge_versions = True
	for fieldname in IDENTITY_FIELDS:
		doc.set(fieldname, MASK if fieldname == "petitioner_name" else None)


def store_pending(doc) -> None:
	if doc.flags.pop("purge_versions", None):
		# Earlier versions of a row that was not yet secret hold the identity in their diffs.
		frappe.db.delete("Version", {"ref_doctype": doc.doctype, "docname": doc.name})
	typed = doc.flags.pop("identity_to_store", None)
	if not typed:
		return
	name = identity_exists(doc.name)
	record = (
		frappe.get_doc(IDENTITY_DOCTYPE, name)
		if name
		else frappe.new_doc(IDENTITY_DOCTYPE).update({"petition": doc.name})
	)
	record.update(typed)
	record.flags.ignore_permissions = True  # whoever records a denunciation may file it, not read it
	record.save()


def identity_exists(petition: str) -> str | None:
	return frappe.db.get_value(IDENTITY_DOCTYPE, {"petition": petition}, "name")


def delete_for(petition: str) -> None:
	for name in frappe.get_all(IDENTITY_DOCTYPE, filters={"petition": petition}, pluck="name"):
		frappe.delete_doc(IDENTITY_DOCTYPE, name, ignore_permissions=True, force=True)


def identities_for(petitions: list[str]) -> dict[str, dict]:
	"""Identities the current user may read, by petition (empty without Confidential Access)."""
	if not petitions or not has_confidential_access():
		return {}
	rows = frappe.get_list(
		IDENTITY_DOCTYPE,
		filters={"petition": ("in", petitions)},
		fields=["petition", *IDENTITY_FIELDS],
		limit_page_length=0,
	)
	return {r.petition: r for r in rows}


# -- permission hooks (hooks.py) ----------------------------------------------------------------
def identity_has_permission(doc, ptype=None, user=None) -> bool:
	"""Nobody without Confidential Access opens an identity, whatever else their roles grant."""
	return has_confidential_access(user)


def identity_query_conditions(user: str | None = None) -> str:
	return "" if has_confidential_access(user) else "1=0"
