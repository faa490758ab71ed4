"""Sites installed before the fixed ``status`` fields and the permission levels get them on
migrate, without overwriting what their administrator changed.

- A default workflow state that sets no field yet is given its Update Field (``status`` = the
  state's own name, as the defaults ship); a state the administrator gave another field keeps it.
- Documents get their ``status`` from the state they are in.
- A doctype whose permissions an administrator already edited (Custom DocPerm, which replaces
  the doctype's own rows) gets the new levels' default rows, only when it has none at that level.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.setup.workflows import default_workflows
from tiep_xuc_doi_thoai.utils.workflow import STATUS_FIELD

# (doctype, permission level) that this version introduced.
NEW_LEVELS: tuple[tuple[str, int], ...] = (
	("Dialogue Conference", 1),
	("Petition Assignment", 1),
	("Petition Assignment", 2),
)
RIGHTS = ("read", "write", "create", "delete", "submit", "cancel", "amend", "report", "export", "print")


def set_default_update_fields() -> list[str]:
	changed = []
	for spec in default_workflows():
		shipped = {s.name: s for s in spec.states if s.update_field == STATUS_FIELD}
		if not shipped or not frappe.db.exists("Workflow", spec.name):
			continue
		if not frappe.get_meta(spec.document_type).has_field(STATUS_FIELD):
			continue
		workflow = frappe.get_doc("Workflow", spec.name)
		dirty = False
		for row in workflow.states:
			if row.state in shipped and not row.update_field:
				row.update_field = STATUS_FIELD
				row.update_value = shipped[row.state].update_value
				dirty = True
		if dirty:
			workflow.flags.ignore_permissions = True
			workflow.save()
			changed.append(workflow.name)
		backfill_status(workflow)
	return changed


def backfill_status(workflow) -> None:
	table = frappe.qb.DocType(workflow.document_type)
	state_field = workflow.workflow_state_field
	for row in workflow.states:
		if row.update_field != STATUS_FIELD or not row.update_value:
			continue
		(
			frappe.qb.update(table)
			.set(table[STATUS_FIELD], row.update_value)
			.where(table[state_field] == row.state)
			.where(table[STATUS_FIELD] != row.update_value)
			.run()
		)


def add_new_levels_to_custom_perms() -> list[str]:
	added = []
	for doctype, level in NEW_LEVELS:
		custom = frappe.get_all("Custom DocPerm", filters={"parent": doctype}, fields=["permlevel"])
		if not custom or any(int(p.permlevel or 0) == level for p in custom):
			continue  # Frappe uses the doctype's own rows, or the administrator already decided
		standard = frappe.get_all(
			"DocPerm",
			filters={"parent": doctype, "permlevel": level},
			fields=["role", "if_owner", *RIGHTS],
		)
		for row in standard:
			frappe.get_doc(
				{
					"doctype": "Custom DocPerm",
					"parent": doctype,
					"parenttype": "DocType",
					"parentfield": "permissions",
					"permlevel": level,
					**row,
				}
			).insert(ignore_permissions=True)
		if standard:
			frappe.clear_cache(doctype=doctype)
			added.append(f"{doctype}:{level}")
	return added


def ensure_status_and_levels() -> dict[str, list[str]]:
	return {
		"update_fields": set_default_update_fields(),
		"custom_levels": add_new_levels_to_custom_perms(),
	}
