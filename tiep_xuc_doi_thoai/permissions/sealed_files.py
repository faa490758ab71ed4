"""Confidential attachments: a neutral name and encrypted content, on every path a file takes.

A File attached to a record that may carry a secret identity (``confidential.is_secret_reference``:
a petition whose identity is confidential, its Petition Identity, a Petition Import that
contained a denunciation) is *sealed* when it is inserted, whatever inserted it - the desk
upload (``frappe.handler.upload_file``), a REST ``File`` insert, the public form, the levels
receiver, an import, a copy by attaching an existing file: Frappe's own ``File.before_insert``
writes the upload, then this ``doc_events`` hook (which runs after it) rewrites it:

- content encrypted with the site key (``sealing.seal_content``), written under a neutral
  name ``<random>.enc`` through Frappe's own ``File.save_file``; the clear copy is removed
  when the transaction commits (and on rollback), unless another File still uses it;
- the original name kept sealed in a *Confidential File* record (who may read it: the one
  rule of ``permissions/identity.py``).

So every route that serves, zips or copies the file (``/private/files``, ``download_file``,
``zip_files``, a copy attached elsewhere) serves ciphertext, and the docinfo, the attachment
log, the Attach field and File search show only the neutral name. The guarded download
(``download``) and the ``before_request`` guard of ``confidential.py`` open it for who may
see the identity. A petition that becomes secret later has its files sealed then
(``seal_attachments_of``).
"""

from __future__ import annotations

import mimetypes
import os

import frappe
from frappe import _
from frappe.core.doctype.file.utils import delete_file

from tiep_xuc_doi_thoai.permissions import sealing
from tiep_xuc_doi_thoai.permissions.confidential import is_secret_reference, request_file_url
from tiep_xuc_doi_thoai.permissions.identity import log_reveal, may_see_identity

SEALED_DOCTYPE = "Confidential File"
SEALED_EXTENSION = ".enc"
REVEAL_CHANNEL = "Confidential File"


def neutral_name() -> str:
	return frappe.generate_hash(length=20) + SEALED_EXTENSION


def _clear_copy_in_use(file_url: str, but: str | None) -> bool:
	filters = {"file_url": file_url}
	if but:
		filters["name"] = ("!=", but)
	return bool(frappe.db.exists("File", filters))


def _drop_clear_copy(file_url: str, but: str | None) -> None:
	"""Remove the clear file from disk once the sealed one is committed (never before: a
	rollback would otherwise lose the file), unless another File still serves it."""

	def drop():
		if not _clear_copy_in_use(file_url, but):
			delete_file(file_url)

	frappe.db.after_commit.add(drop)


def _seal_into(file, content: bytes | str) -> None:
	"""Write ``content`` sealed under a neutral name with Frappe's own writer, and point the
	File at it (private)."""
	file.is_private = 1
	file.file_name = neutral_name()
	file.save_file(content=sealing.seal_content(content), ignore_existing_file_check=True, overwrite=True)
	# the hash of the ciphertext: no content oracle, and no clear upload is ever deduplicated
	# onto the sealed copy


# -- doc_events on File ---------------------------------------------------------------------------


def seal_on_insert(doc, method: str | None = None) -> None:
	"""``doc_events`` File.before_insert, after Frappe has written the upload."""
	if doc.is_folder or doc.is_remote_file or not doc.file_url:
		return
	if not is_secret_reference(doc.attached_to_doctype, doc.attached_to_name):
		return
	content = doc.get_content()
	if sealing.is_sealed_content(content):
		# a copy of a sealed file (attach an existing file): the same ciphertext, a neutral name
		doc.is_private = 1
		doc.file_name = os.path.basename(doc.file_url)
		doc.flags.original_name = _original_name_of_url(doc.file_url)
		return
	clear_url, original = doc.file_url, doc.file_name
	_seal_into(doc, content)
	doc.flags.original_name = original
	if doc.flags.new_file:
		# Frappe wrote the clear upload for this File alone: remove it with the transaction
		_drop_clear_copy(clear_url, None)
		frappe.db.after_rollback.add(lambda: _clear_copy_in_use(clear_url, None) or delete_file(clear_url))


def keep_original_name(doc, method: str | None = None) -> None:
	"""``doc_events`` File.after_insert: the original name, sealed, beside the secret."""
	original = doc.flags.pop("original_name", None)
	if original is None:
		return
	_record_original(doc, original)


def _record_original(file, original: str | None) -> None:
	frappe.get_doc(
		{
			"doctype": SEALED_DOCTYPE,
			"file": file.name,
			"attached_to_doctype": file.attached_to_doctype,
			"attached_to_name": file.attached_to_name,
			"original_name": sealing.seal(original or ""),
			"content_type": mimetypes.guess_type(original or "")[0],
		}
	).insert(ignore_permissions=True)  # the system files the name away; nobody reads it here


def _original_name_of_url(file_url: str) -> str | None:
	names = frappe.get_all(
		"File", filters={"file_url": file_url}, pluck="name", order_by="creation asc", limit=20
	)
	if not names:
		return None
	sealed = frappe.db.get_value(SEALED_DOCTYPE, {"file": ("in", names)}, "original_name")
	return sealing.unseal(sealed) if sealed else None


def original_names(files: list[str]) -> dict[str, str]:
	"""Original names of sealed files, by File name, for a consequence run as the system (a
	transfer to another level); never for display."""
	if not files:
		return {}
	rows = frappe.get_all(SEALED_DOCTYPE, filters={"file": ("in", files)}, fields=["file", "original_name"])
	return {r.file: sealing.unseal(r.original_name) for r in rows if r.original_name}


def forget_original_name(doc, method: str | None = None) -> None:
	"""``doc_events`` File.on_trash: the sealed name goes with its file."""
	for name in frappe.get_all(SEALED_DOCTYPE, filters={"file": doc.name}, pluck="name"):
		frappe.delete_doc(SEALED_DOCTYPE, name, ignore_permissions=True, force=True)


# -- files that were there before (a petition becomes secret; the migration patch) -------------


def seal_existing(file) -> bool:
	"""Seal a File already stored; returns whether it was changed. Safe to run twice."""
	if file.is_folder or file.is_remote_file or not file.file_url:
		return False
	if frappe.db.exists(SEALED_DOCTYPE, {"file": file.name}):
		return False
	try:
		content = file.get_content()
	except OSError:  # the record lost its file on disk long ago: nothing to seal
		return False
	if sealing.is_sealed_content(content):
		original = _original_name_of_url(file.file_url)
		file.db_set({"file_name": os.path.basename(file.file_url), "is_private": 1}, update_modified=False)
		_record_original(file, original)
		return True
	clear_url, original = file.file_url, file.file_name
	file.flags.new_file = True  # nothing to keep as "original content" for a rollback of ours
	_seal_into(file, content)
	file.db_set(
		{
			"file_url": file.file_url,
			"file_name": file.file_name,
			"is_private": 1,
			"content_hash": file.content_hash,
			"file_size": file.file_size,
		},
		update_modified=False,
	)
	_repoint_attach_fields(file.attached_to_doctype, file.attached_to_name, clear_url, file.file_url)
	_record_original(file, original)
	_drop_clear_copy(clear_url, file.name)
	return True


def _repoint_attach_fields(doctype: str | None, name: str | None, old_url: str, new_url: str) -> None:
	if not doctype or not name:
		return
	meta = frappe.get_meta(doctype)
	for df in meta.get("fields", {"fieldtype": ("in", ("Attach", "Attach Image"))}):
		if frappe.db.get_value(doctype, name, df.fieldname) == old_url:
			frappe.db.set_value(doctype, name, df.fieldname, new_url, update_modified=False)


def seal_attachments_of(doctype: str, name: str) -> int:
	"""When a record becomes secret (a petition reclassified as a denunciation): its files."""
	sealed = 0
	for file_name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		pluck="name",
	):
		sealed += seal_existing(frappe.get_doc("File", file_name))
	return sealed


# -- the guarded download -------------------------------------------------------------------------


def _refuse() -> None:
	raise frappe.PermissionError(_("You may not open this file."))


def opened(file_name: str) -> tuple[str, bytes]:
	"""(original name, clear content) of a sealed file for who may see the identity and read
	the File; a forged, unknown or foreign id gets the same 403 and nothing is written."""
	if not isinstance(file_name, str) or not file_name or len(file_name) > 140:
		_refuse()
	if not frappe.db.exists("File", file_name):
		_refuse()
	file = frappe.get_doc("File", file_name)
	if not may_see_identity() or not frappe.has_permission("File", "read", doc=file):
		_refuse()
	if file.is_folder or file.is_remote_file:
		_refuse()
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode("utf-8")
	if not sealing.is_sealed_content(content):
		_refuse()  # only what is sealed goes through here; Frappe serves the rest
	original = _original_name_of_url(file.file_url) or file.file_name
	clear = sealing.unseal_content(content)
	if file.attached_to_doctype == "Citizen Petition":
		log_reveal([file.attached_to_name], REVEAL_CHANNEL)
	return original, clear


def response_for(file_name: str):
	"""A werkzeug response with the clear file (the before_request guard sends it)."""
	from werkzeug.wrappers import Response

	original, clear = opened(file_name)
	response = Response(clear, mimetype=mimetypes.guess_type(original)[0] or "application/octet-stream")
	response.headers.add("Content-Disposition", "attachment", filename=original)
	response.headers.add("Cache-Control", "no-store")
	return response


@frappe.whitelist()
def download(file: str) -> None:
	"""The app's guarded download of a confidential attachment, decrypted, under its
	original name."""
	original, clear = opened(file)
	frappe.local.response.filename = original
	frappe.local.response.filecontent = clear
	frappe.local.response.type = "download"


def sealed_file_for_url(file_url: str | None) -> str | None:
	"""The File the current user reads at ``file_url`` when it is sealed (for the guard)."""
	if not file_url:
		return None
	names = frappe.get_all("File", filters={"file_url": file_url}, pluck="name")
	for name in names:
		if frappe.db.exists(SEALED_DOCTYPE, {"file": name}):
			for candidate in names:
				if frappe.has_permission("File", "read", doc=frappe.get_doc("File", candidate)):
					return candidate
			return name
	return None


def open_sealed_download() -> None:
	"""``before_request``, after ``confidential.guard_file_download`` refused whoever may not
	see the identity: a sealed file asked for by ``/private/files/...`` or ``download_file``
	is sent opened (Frappe would send the ciphertext from disk). Werkzeug sends the response
	an ``HTTPException`` carries, and Frappe returns such an exception as it is."""
	from werkzeug.exceptions import HTTPException

	sealed = sealed_file_for_url(request_file_url())
	if sealed:
		raise HTTPException(response=response_for(sealed))


def confidential_file_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	return None if may_see_identity(user) else False


def confidential_file_query_conditions(user: str | None = None) -> str:
	return "" if may_see_identity(user) else "1=0"
