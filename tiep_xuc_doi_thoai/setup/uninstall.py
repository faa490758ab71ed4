"""Uninstall: remove what the app added outside its own tables, so no orphan stays.

Frappe itself drops the module's doctypes and the records linked to the module (workspaces,
reports, print formats, web forms, number cards...). What it leaves is what points at our
doctypes or roles from Frappe's own tables: that is listed in ``REFERENCES`` and deleted.
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe

from tiep_xuc_doi_thoai.core.roles import APP_ROLES

MODULE_PATH = Path(__file__).resolve().parent.parent / "tiep_xuc_doi_thoai"

# Frappe doctypes whose records point at a doctype by name: (doctype, field). Standard
# records of our module (reports, print formats, cards...) are Frappe's to delete with the
# module; only what an administrator made is ours to remove (see ``_site_made``).
REFERENCES: tuple[tuple[str, str], ...] = (
	("User Permission", "allow"),
	("Workflow", "document_type"),
	("Workflow Action", "reference_doctype"),
	("Custom Field", "dt"),
	("Property Setter", "doc_type"),
	("Custom DocPerm", "parent"),
	("DocShare", "share_doctype"),
	("ToDo", "reference_type"),
	("Comment", "reference_doctype"),
	("Version", "ref_doctype"),
	("Document Follow", "ref_doctype"),
	("Tag Link", "document_type"),
	("Notification", "document_type"),
	("Assignment Rule", "document_type"),
	("Client Script", "dt"),
	("Server Script", "reference_doctype"),
	("Report", "ref_doctype"),
	("Print Format", "doc_type"),
	("Number Card", "document_type"),
	("Dashboard Chart", "document_type"),
	("Kanban Board", "reference_doctype"),
	("Calendar View", "reference_doctype"),
	("List View Settings", "name"),
	("Auto Repeat", "reference_doctype"),
	("Energy Point Rule", "reference_doctype"),
	("Energy Point Log", "reference_doctype"),
	("Email Queue", "reference_doctype"),
	("Notification Log", "document_type"),
)
# Frappe doctypes whose records point at a role by name.
ROLE_REFERENCES: tuple[tuple[str, str], ...] = (
	("Has Role", "role"),
	("Custom DocPerm", "role"),
	("Workflow Document State", "allow_edit"),
	("Workflow Transition", "allowed"),
)


def app_doctypes() -> list[str]:
	"""Names of the doctypes this app ships, read from its files (they outlive the tables)."""
	names = []
	for path in sorted(MODULE_PATH.glob("doctype/*/*.json")):
		if path.stem != path.parent.name:
			continue
		data = json.loads(path.read_text(encoding="utf-8"))
		if data.get("doctype") == "DocType":
			names.append(data["name"])
	return names


def app_workspaces() -> list[str]:
	"""Names of the workspaces this app ships (a user's Default Workspace may point at one)."""
	return [
		json.loads(path.read_text(encoding="utf-8"))["name"]
		for path in sorted(MODULE_PATH.glob("workspace/*/*.json"))
		if path.stem == path.parent.name
	]


# Fields that mark a record as shipped by an app rather than made on the site.
STANDARD_FLAGS: dict[str, tuple[str, object]] = {
	"Report": ("is_standard", "No"),
	"Print Format": ("standard", "No"),
	"Notification": ("is_standard", 0),
	"Number Card": ("is_standard", 0),
	"Dashboard Chart": ("is_standard", 0),
}


def _existing(doctype: str, fieldname: str) -> bool:
	return bool(frappe.db.exists("DocType", doctype)) and frappe.db.has_column(doctype, fieldname)


def _filters(doctype: str, field: str, values: list[str]) -> dict:
	filters: dict = {field: ("in", values)}
	if doctype in STANDARD_FLAGS:
		flag, site_made = STANDARD_FLAGS[doctype]
		filters[flag] = site_made
	return filters


def find_orphans() -> dict[str, list[str]]:
	"""Records of Frappe's own doctypes that still point at the app's doctypes or roles."""
	doctypes = app_doctypes()
	found: dict[str, list[str]] = {}
	for doctype, field in REFERENCES:
		if not _existing(doctype, field):
			continue
		names = frappe.get_all(doctype, filters=_filters(doctype, field, doctypes), pluck="name")
		if names:
			found[f"{doctype}.{field}"] = names
	for doctype, field in ROLE_REFERENCES:
		if not _existing(doctype, field):
			continue
		names = frappe.get_all(doctype, filters={field: ("in", list(APP_ROLES))}, pluck="name")
		if names:
			found[f"{doctype}.{field}"] = names
	roles = frappe.get_all("Role", filters={"name": ("in", list(APP_ROLES))}, pluck="name")
	if roles:
		found["Role"] = roles
	singles = frappe.qb.DocType("Singles")
	single_values = (
		frappe.qb.from_(singles)
		.select(singles.doctype)
		.distinct()
		.where(singles.doctype.isin(doctypes))
		.run(pluck=True)
	)
	if single_values:
		found["Singles.doctype"] = single_values
	homes = frappe.get_all("User", filters={"default_workspace": ("in", app_workspaces())}, pluck="name")
	if homes:
		found["User.default_workspace"] = homes
	return found


def remove_references() -> None:
	doctypes = app_doctypes()
	for doctype, field in REFERENCES:
		if _existing(doctype, field):
			for name in frappe.get_all(doctype, filters=_filters(doctype, field, doctypes), pluck="name"):
				frappe.delete_doc(doctype, name, ignore_permissions=True, force=True, ignore_missing=True)
	for doctype, field in ROLE_REFERENCES:
		if _existing(doctype, field):
			frappe.db.delete(doctype, {field: ("in", list(APP_ROLES))})
	for role in APP_ROLES:
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
	# Frappe drops the tables of our doctypes but leaves a single doctype's values behind.
	frappe.db.delete("Singles", {"doctype": ("in", doctypes)})
	# users whose home was our workspace (scripts/demo.sh sets it) go back to Frappe's default
	user = frappe.qb.DocType("User")
	(
		frappe.qb.update(user)
		.set(user.default_workspace, None)
		.where(user.default_workspace.isin(app_workspaces()))
	).run()


def before_uninstall() -> None:
	remove_references()
