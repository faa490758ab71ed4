"""What carries a secret identity besides the Petition Identity record: the files, comments,
communications (e-mails) and versions of a petition whose identity is secret, and the
uploaded import file that contained a denunciation (Petition Import with
``contains_confidential``). Each is readable only by who may see the identity
(``identity.may_see_identity``); anybody who may write the petition still adds an attachment,
and the petition's sidebar still shows that an attachment exists and its type.

The hooks deny (False) or abstain (None) - never grant - so Frappe's own rules for these
doctypes (File: owner and attached document; Communication: its reference) still apply.
``/private/files/...`` and ``download_file`` decide from the File module directly, not
through ``frappe.has_permission``, so ``guard_file_download`` (a ``before_request`` hook)
applies the same rule to those two paths, for a browser session and an API key alike.
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.permissions.identity import IDENTITY_DOCTYPE, is_secret_petition, may_see_identity
from tiep_xuc_doi_thoai.permissions.scope import REFERENCE_FIELDS as RECORDS_ABOUT
from tiep_xuc_doi_thoai.permissions.scope import SCOPED_DOCTYPES

PETITION = "Citizen Petition"
IMPORT_DOCTYPE = "Petition Import"
IMPORT_FLAG = "contains_confidential"
IMPORT_FILE_FIELD = "import_file"
READ_TYPES = frozenset({"read", "select", "print", "email", "export", "report", "share", "write", "delete"})
DOWNLOAD_METHODS = ("download_file", "frappe.core.doctype.file.file.download_file")

# the records about another record that may quote a secret identity (their reference fields
# from the scope's one list)
REFERENCE_FIELDS = {dt: RECORDS_ABOUT[dt] for dt in ("File", "Comment", "Communication", "Version")}


def import_flag_exists() -> bool:
	"""The Petition Import doctype (and its flag) may not be installed yet on a site."""
	# the cached table list and the cached meta: no query on every list of files or comments
	if not frappe.db.table_exists(IMPORT_DOCTYPE):
		return False
	try:
		return frappe.get_meta(IMPORT_DOCTYPE).has_field(IMPORT_FLAG)
	except frappe.DoesNotExistError:  # a table left behind by an uninstalled doctype
		frappe.clear_last_message()
		return False


def is_secret_reference(doctype: str | None, name: str | None) -> bool:
	"""Whether what points at (doctype, name) may carry a secret identity."""
	if not doctype or not name:
		return False
	if doctype == IDENTITY_DOCTYPE:
		return True
	if doctype == PETITION:
		return is_secret_petition(name)
	if doctype == IMPORT_DOCTYPE and import_flag_exists():
		return bool(frappe.db.get_value(IMPORT_DOCTYPE, name, IMPORT_FLAG))
	return False


def is_secret_import_file(file_url: str | None) -> bool:
	"""The upload of an import that carried a denunciation, attached to its record or not."""
	if not file_url or not import_flag_exists():
		return False
	return bool(frappe.db.exists(IMPORT_DOCTYPE, {IMPORT_FILE_FIELD: file_url, IMPORT_FLAG: 1}))


def _secret_subqueries(doctype_col: str, name_col: str) -> str:
	"""SQL: the row points at a record that may carry a secret identity."""
	parts = [
		f"{doctype_col} = {frappe.db.escape(IDENTITY_DOCTYPE)}",
		f"({doctype_col} = {frappe.db.escape(PETITION)} and {name_col} in "
		f"(select `name` from `tab{PETITION}` where `identity_confidential` = 1))",
	]
	if import_flag_exists():
		parts.append(
			f"({doctype_col} = {frappe.db.escape(IMPORT_DOCTYPE)} and {name_col} in "
			f"(select `name` from `tab{IMPORT_DOCTYPE}` where `{IMPORT_FLAG}` = 1))"
		)
	return " or ".join(parts)


def _query_conditions(doctype: str, user: str | None) -> str:
	if may_see_identity(user):
		return ""
	dt_field, name_field = REFERENCE_FIELDS[doctype]
	doctype_col, name_col = f"`tab{doctype}`.`{dt_field}`", f"`tab{doctype}`.`{name_field}`"
	condition = f"(ifnull({doctype_col}, '') = '' or not ({_secret_subqueries(doctype_col, name_col)}))"
	if doctype == "File" and import_flag_exists():
		condition += (
			f" and ifnull(`tabFile`.`file_url`, '') not in (select ifnull(`{IMPORT_FILE_FIELD}`, '') "
			f"from `tab{IMPORT_DOCTYPE}` where `{IMPORT_FLAG}` = 1)"
		)
	return condition


def _has_permission(doc, ptype: str | None, user: str | None) -> bool | None:
	if (ptype or "read") not in READ_TYPES:
		return None  # "create": adding an attachment or a comment stays open
	dt_field, name_field = REFERENCE_FIELDS[doc.doctype]
	secret = is_secret_reference(doc.get(dt_field), doc.get(name_field)) or (
		doc.doctype == "File" and is_secret_import_file(doc.get("file_url"))
	)
	if not secret:
		return None
	return None if may_see_identity(user) else False


# -- hooks (hooks.py) ---------------------------------------------------------------------------


def file_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	return _has_permission(doc, ptype, user)


def comment_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	return _has_permission(doc, ptype, user)


def communication_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	return _has_permission(doc, ptype, user)


def version_has_permission(doc, ptype=None, user=None, debug=False) -> bool | None:
	return _has_permission(doc, ptype, user)


def file_query_conditions(user: str | None = None) -> str:
	return _query_conditions("File", user)


def comment_query_conditions(user: str | None = None) -> str:
	return _query_conditions("Comment", user)


def communication_query_conditions(user: str | None = None) -> str:
	return _query_conditions("Communication", user)


def version_query_conditions(user: str | None = None) -> str:
	return _query_conditions("Version", user)


def secret_file_url(file_url: str | None) -> bool:
	"""Whether any File record with this URL is attached to a secret record."""
	if not file_url:
		return False
	if is_secret_import_file(file_url):
		return True
	return any(
		is_secret_reference(f.attached_to_doctype, f.attached_to_name)
		for f in frappe.get_all(
			"File",
			filters={"file_url": file_url},
			fields=["attached_to_doctype", "attached_to_name"],
		)
	)


def request_file_url() -> str | None:
	"""The file a request for ``/private/files/...`` or ``download_file`` asks for."""
	request = getattr(frappe.local, "request", None)
	if not request:
		return None
	path = request.path or ""
	if path.startswith("/private/files/"):
		return path
	if path.startswith("/api/method/") and path.rsplit("/", 1)[-1] in DOWNLOAD_METHODS:
		return frappe.form_dict.get("file_url")
	return None


def guard_file_download() -> None:
	"""``before_request``: a private file of a secret record is sent only to who may see the
	identity (Frappe's ``download_private_file`` and ``download_file`` ask the File module,
	not the permission hooks)."""
	file_url = request_file_url()
	if not file_url or not secret_file_url(file_url):
		return
	# an API key or token was read already (gate.authenticate_api_caller, the first hook)
	if not may_see_identity():
		raise frappe.PermissionError(_("This file belongs to a confidential record."))


# -- public files -------------------------------------------------------------------------------


def _make_private(file) -> None:
	"""Frappe moves the file to private/files when ``is_private`` changes on save."""
	file.is_private = 1
	file.flags.ignore_permissions = True
	file.save()


def keep_attachment_private(doc, method: str | None = None) -> None:
	"""doc_events File.after_insert: a public upload onto a petition, an assignment, an identity
	or a reply (or any secret record) becomes private. A ``/files/...`` URL is served by the web
	server with no permission check at all, and Frappe's File list shows every public file to
	every desk user (its condition ``is_private = 0 OR ...`` outweighs the unit scope), so a
	citizen's letter or photo is never public."""
	if doc.is_folder or doc.is_private or (doc.file_url or "").startswith(("http://", "https://")):
		return
	if doc.attached_to_doctype in SCOPED_DOCTYPES or is_secret_reference(
		doc.attached_to_doctype, doc.attached_to_name
	):
		_make_private(doc)


def make_scoped_files_private() -> int:
	"""Existing public files of the scoped records, moved to private (patch); how many."""
	names = frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", SCOPED_DOCTYPES), "is_private": 0, "is_folder": 0},
		pluck="name",
	)
	for name in names:
		file = frappe.get_doc("File", name)
		if not (file.file_url or "").startswith(("http://", "https://")):
			_make_private(file)
	return len(names)
