"""Seal what a site recorded before secrets were encrypted at rest: every Petition Identity
(fields encrypted with the site key, keyed hashes for duplicate detection), every file of a
record whose identity is secret (neutral name, encrypted content, original name kept sealed),
and the ``_comments`` cache of those records. Safe to run twice: what is sealed is skipped.

Nothing is lost: a value is sealed in place and a file is rewritten under its new name before
its clear copy is removed, after the commit; a site whose key cannot open what was sealed
before stops here with the reason (``sealing.KeyMismatchError``) and changes nothing.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core.petitions import IDENTITY_FIELDS
from tiep_xuc_doi_thoai.permissions import cached_columns, sealed_files, sealing
from tiep_xuc_doi_thoai.permissions.confidential import IMPORT_DOCTYPE, IMPORT_FLAG, import_flag_exists
from tiep_xuc_doi_thoai.permissions.identity import IDENTITY_DOCTYPE, PETITION


def execute() -> None:
	if not sealing.key_matches():
		frappe.throw(sealing.key_mismatch_message(), exc=sealing.KeyMismatchError)
	seal_identities()
	for doctype, names in secret_records().items():
		for name in names:
			sealed_files.seal_attachments_of(doctype, name)
			cached_columns.neutralize(doctype, name)
	seal_import_files()


def seal_identities() -> int:
	sealed = 0
	for name in frappe.get_all(IDENTITY_DOCTYPE, pluck="name"):
		doc = frappe.get_doc(IDENTITY_DOCTYPE, name)
		if all(sealing.is_sealed(doc.get(f)) or not doc.get(f) for f in IDENTITY_FIELDS):
			continue  # sealed already (its keys were set with it)
		# the controller's own steps, without its checks: an old record with an ID number the
		# checks would refuse today is sealed as it is, not lost
		doc.open_sealed()
		doc.set_matching_keys()
		doc.seal()
		doc.db_set(
			{f: doc.get(f) for f in (*IDENTITY_FIELDS, "id_number_key", "person_key")},
			update_modified=False,
		)
		sealed += 1
	return sealed


def secret_records() -> dict[str, list[str]]:
	records = {
		PETITION: frappe.get_all(PETITION, filters={"identity_confidential": 1}, pluck="name"),
		IDENTITY_DOCTYPE: frappe.get_all(IDENTITY_DOCTYPE, pluck="name"),
	}
	if import_flag_exists():
		records[IMPORT_DOCTYPE] = frappe.get_all(IMPORT_DOCTYPE, filters={IMPORT_FLAG: 1}, pluck="name")
	return records


def seal_import_files() -> None:
	"""An import list that held a denunciation, attached to its record or not."""
	if not import_flag_exists():
		return
	for record in frappe.get_all(
		IMPORT_DOCTYPE, filters={IMPORT_FLAG: 1}, fields=["name", "import_file"], limit_page_length=0
	):
		if not record.import_file:
			continue
		name = frappe.db.get_value("File", {"file_url": record.import_file}, "name")
		if not name:
			continue
		file = frappe.get_doc("File", name)
		if sealed_files.seal_existing(file):
			frappe.db.set_value(
				IMPORT_DOCTYPE, record.name, "import_file", file.file_url, update_modified=False
			)
