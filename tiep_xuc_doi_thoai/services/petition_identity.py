"""A denouncer's identity is secret (Luật Tố cáo 2018 Đ.9, Đ.56).

It is never kept on the Citizen Petition row: the row holds the mask, and the identity goes
to a Petition Identity record. Who may read it, and the mask every channel prints, are
decided in one place: ``permissions/identity.py``. This module only files the identity away
when a petition is saved. An agency may choose to keep no identity at all, only the
reference of the paper file (Dialogue Settings).
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core.petitions import IDENTITY_FIELDS, identity_is_secret
from tiep_xuc_doi_thoai.permissions.identity import (
	IDENTITY_DOCTYPE,
	MASK,
	identities_for,
	is_masked,
	may_purge_history,
	may_see_identity,
)
from tiep_xuc_doi_thoai.permissions.sealed_files import seal_attachments_of

PAPER_ONLY = "Paper File Only"


class IdentityChangeNotAllowedError(frappe.PermissionError):
	pass


def keeps_no_identity() -> bool:
	return frappe.db.get_single_value("Dialogue Settings", "denouncer_identity_storage") == PAPER_ONLY


def protect(doc) -> None:
	"""Move what was typed into the identity fields of a confidential petition off the row."""
	if identity_is_secret(doc.petition_type):
		doc.identity_confidential = 1
	before = doc.get_doc_before_save()
	if before and before.identity_confidential:
		doc.identity_confidential = 1  # once secret, always secret
	if not doc.identity_confidential:
		return
	typed = {f: doc.get(f) for f in IDENTITY_FIELDS if doc.get(f) and not is_masked(doc.get(f))}
	if typed:
		if not doc.is_new() and identity_exists(doc.name) and not may_see_identity():
			frappe.throw(
				_("Only Dialogue Confidential Access may change the identity of a denouncer."),
				exc=IdentityChangeNotAllowedError,
				title=_("Not Permitted"),
			)
		if not keeps_no_identity():
			doc.flags.identity_to_store = typed
		# This save's own version would hold the typed identity. Versions from before a
		# reclassification as tố cáo are closed by permissions/confidential.py and purged only
		# by the explicit action CitizenPetition.purge_earlier_versions.
		doc.flags.ignore_version = True
	for fieldname in IDENTITY_FIELDS:
		doc.set(fieldname, MASK if fieldname == "petitioner_name" else None)


def store_pending(doc) -> None:
	# an imported row is a new record made from a spreadsheet's cells: no file can hang on it yet
	if (
		doc.identity_confidential
		and doc.has_value_changed("identity_confidential")
		and not doc.flags.bulk_import
	):
		seal_attachments_of(doc.doctype, doc.name)  # private, neutral name, encrypted
	typed = doc.flags.pop("identity_to_store", None)
	if not typed:
		return
	name = None if doc.flags.in_insert else identity_exists(doc.name)  # a new petition has none yet
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


class NotConfidentialError(frappe.ValidationError):
	pass


def purge_earlier_versions(doc) -> int:
	"""Delete the version history of a petition whose identity became secret (reclassified as
	a denunciation): its earlier versions hold the identity in their diffs. An explicit action
	of who may purge identity traces (permissions/identity.py), recorded on the petition's
	timeline without the identity. Returns how many versions were deleted."""
	doc.check_permission("read")
	if not may_purge_history():
		frappe.throw(
			_("Only a user allowed to delete a Petition Identity may purge the version history."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not doc.identity_confidential:
		frappe.throw(
			_("Petition {0} is not confidential: its version history is kept.").format(frappe.bold(doc.name)),
			exc=NotConfidentialError,
			title=_("Not Confidential"),
		)
	versions = {"ref_doctype": doc.doctype, "docname": doc.name}
	count = frappe.db.count("Version", versions)
	frappe.db.delete("Version", versions)
	doc.add_comment(
		"Info",
		_("{0} earlier versions were purged to protect the identity of the denouncer, by {1}.").format(
			count, frappe.utils.get_fullname(frappe.session.user)
		),
	)
	return count
