"""Petition and assignment states named as phrases no other app shows (core/petitions.py,
core/assignments.py), and the default actions whose plain word Frappe or CRM already shows.

Frappe's indicators, workflow buttons and read-only Select fields translate a value without a
context, so a state called "Received" read as Frappe's own "Nhận được" and "Assigned" as
"giao". On a site installed before:

- the fixed ``status`` field (and the petition's ``upper_state``) of every document moves to the
  new value, and so does every workflow state's Update Value that set an old one, since the
  field's options changed;
- a workflow state, its transitions, the documents standing in it and their pending Workflow
  Actions are renamed only where the state still carries its old default name: a state an
  administrator renamed keeps the name they gave it;
- a default action is renamed where a transition still carries the old name (as
  workflow_action_names.py did for "Forward");
- a conference conclusion's read-only progress ("Open", "In Progress", "Done": Frappe's words)
  moves to its new value.

Safe to run twice: the second run finds no old name.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.followup import DeadlineState
from tiep_xuc_doi_thoai.setup.workflows import default_workflows, ensure_states_and_actions

PETITION = "Citizen Petition"
ASSIGNMENT = "Petition Assignment"

# doctype -> {old state and status value: new}
RENAMED_STATES: dict[str, dict[str, str]] = {
	PETITION: {
		"Received": petition_rules.RECEIVED,
		"Classified": petition_rules.CLASSIFIED,
		"Assigned": petition_rules.ASSIGNED,
		"Forwarded": petition_rules.FORWARDED,
		"Not Accepted": petition_rules.NOT_ACCEPTED,
		"Answered": petition_rules.ANSWERED,
		"Closed": petition_rules.CLOSED,
	},
	ASSIGNMENT: {
		"Assigned": assignment_rules.ASSIGNED,
		"In Progress": assignment_rules.IN_PROGRESS,
		"Accepted": assignment_rules.ACCEPTED,
		"Returned": assignment_rules.RETURNED,
		"Closed": assignment_rules.CLOSED,
	},
}
# Fixed status fields of each doctype that hold a state value.
STATUS_FIELDS: dict[str, tuple[str, ...]] = {PETITION: ("status", "upper_state"), ASSIGNMENT: ("status",)}

# A conclusion's read-only progress follows its assignment: (doctype, field) -> {old: new}.
RENAMED_VALUES: dict[tuple[str, str], dict[str, str]] = {
	("Dialogue Conclusion", "progress"): {
		"Open": assignment_rules.CONCLUSION_NOT_STARTED,
		"In Progress": assignment_rules.CONCLUSION_IN_PROGRESS,
		"Done": assignment_rules.CONCLUSION_DONE,
	},
	# a deadline's state (core/followup.py): "Overdue" is another app's word
	("Dialogue Conference", "deadline_state"): {"Overdue": DeadlineState.OVERDUE.value},
	("Petition Assignment", "deadline_state"): {"Overdue": DeadlineState.OVERDUE.value},
}

# (workflow, old default action, new default action)
RENAMED_ACTIONS: tuple[tuple[str, str, str], ...] = (
	("Citizen Petition", "Assign", "Assign to a Unit"),
	("Petition Assignment Follow-up", "Accept", "Accept Result"),
	("Dialogue Plan Approval", "Approve", "Approve Plan"),
	("Dialogue Report Approval", "Approve", "Approve Report"),
)


def execute() -> None:
	for spec in default_workflows():
		ensure_states_and_actions(spec)
	for doctype, renames in RENAMED_STATES.items():
		rename_statuses(doctype, renames)
		for workflow in frappe.get_all("Workflow", {"document_type": doctype}, pluck="name"):
			rename_states(workflow, doctype, renames)
		frappe.clear_cache(doctype=doctype)
	for workflow, old, new in RENAMED_ACTIONS:
		rename_action(workflow, old, new)
	for (doctype, fieldname), renames in RENAMED_VALUES.items():
		table = frappe.qb.DocType(doctype)
		for old, new in renames.items():
			frappe.qb.update(table).set(table[fieldname], new).where(table[fieldname] == old).run()
	frappe.cache.delete_key("workflow")  # Frappe's cached workflows by doctype


def rename_statuses(doctype: str, renames: dict[str, str]) -> None:
	table = frappe.qb.DocType(doctype)
	for fieldname in STATUS_FIELDS[doctype]:
		for old, new in renames.items():
			frappe.qb.update(table).set(table[fieldname], new).where(table[fieldname] == old).run()
	state_row = frappe.qb.DocType("Workflow Document State")
	workflow = frappe.qb.DocType("Workflow")
	workflows = frappe.qb.from_(workflow).select(workflow.name).where(workflow.document_type == doctype)
	for old, new in renames.items():
		(
			frappe.qb.update(state_row)
			.set(state_row.update_value, new)
			.where(
				(state_row.parenttype == "Workflow")
				& state_row.parent.isin(workflows)
				& state_row.update_field.isin(STATUS_FIELDS[doctype])
				& (state_row.update_value == old)
			)
		).run()


def rename_states(workflow: str, doctype: str, renames: dict[str, str]) -> None:
	"""Rename the states of ``workflow`` that still carry an old default name."""
	state_row = frappe.qb.DocType("Workflow Document State")
	transition = frappe.qb.DocType("Workflow Transition")
	state_field = frappe.db.get_value("Workflow", workflow, "workflow_state_field") or "workflow_state"
	present = set(
		frappe.get_all(
			"Workflow Document State", {"parent": workflow, "parenttype": "Workflow"}, pluck="state"
		)
	)
	for old, new in renames.items():
		if old not in present or new in present:
			continue
		frappe.qb.update(state_row).set(state_row.state, new).where(
			(state_row.parent == workflow) & (state_row.parenttype == "Workflow") & (state_row.state == old)
		).run()
		for column in ("state", "next_state"):
			frappe.qb.update(transition).set(transition[column], new).where(
				(transition.parent == workflow)
				& (transition.parenttype == "Workflow")
				& (transition[column] == old)
			).run()
		if frappe.get_meta(doctype).has_field(state_field):
			table = frappe.qb.DocType(doctype)
			frappe.qb.update(table).set(table[state_field], new).where(table[state_field] == old).run()
		action = frappe.qb.DocType("Workflow Action")
		frappe.qb.update(action).set(action.workflow_state, new).where(
			(action.reference_doctype == doctype) & (action.workflow_state == old)
		).run()


def rename_action(workflow: str, old: str, new: str) -> None:
	if not frappe.db.exists("Workflow", workflow):
		return
	transition = frappe.qb.DocType("Workflow Transition")
	frappe.qb.update(transition).set(transition.action, new).where(
		(transition.parent == workflow) & (transition.parenttype == "Workflow") & (transition.action == old)
	).run()
	frappe.clear_cache(doctype=frappe.db.get_value("Workflow", workflow, "document_type"))
