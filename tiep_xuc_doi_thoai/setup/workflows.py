"""Create the default Workflows if missing. Once created they belong to the administrator:
nothing here touches a Workflow that exists, so steps added in the web UI survive migrate."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core.workflow_spec import WorkflowSpec


def default_workflows() -> list[WorkflowSpec]:
	"""Every spec the app ships, from the modules listed in ``WORKFLOW_MODULES``."""
	specs: list[WorkflowSpec] = []
	for path in WORKFLOW_MODULES:
		specs.extend(frappe.get_attr(path))
	return specs


# Dotted paths to tuples of WorkflowSpec, one per domain.
WORKFLOW_MODULES: tuple[str, ...] = (
	"tiep_xuc_doi_thoai.setup.workflow_dialogue.DIALOGUE_WORKFLOWS",
	"tiep_xuc_doi_thoai.setup.workflow_petition.PETITION_WORKFLOWS",
	"tiep_xuc_doi_thoai.setup.workflow_assignment.ASSIGNMENT_WORKFLOWS",
	"tiep_xuc_doi_thoai.setup.workflow_report.REPORT_WORKFLOWS",
	"tiep_xuc_doi_thoai.setup.workflow_signing.SIGNING_WORKFLOWS",
)


def ensure_states_and_actions(spec: WorkflowSpec) -> None:
	for state in spec.states:
		if not frappe.db.exists("Workflow State", state.name):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state.name, "style": state.style}
			).insert(ignore_permissions=True)
	for action in spec.actions:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def ensure_workflow(spec: WorkflowSpec) -> bool:
	"""Create ``spec`` as an active Workflow unless the doctype already has one."""
	if not frappe.db.exists("DocType", spec.document_type):
		return False
	if frappe.db.exists("Workflow", spec.name) or frappe.db.exists(
		"Workflow", {"document_type": spec.document_type}
	):
		return False
	ensure_states_and_actions(spec)
	doc = frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": spec.name,
			"document_type": spec.document_type,
			"workflow_state_field": spec.state_field,
			"is_active": 1,
			"send_email_alert": int(spec.send_email_alert),
			"override_status": int(spec.keep_status_indicator),
			"states": [
				{
					"state": s.name,
					"doc_status": str(s.doc_status),
					"allow_edit": s.allow_edit,
					"update_field": s.update_field,
					"update_value": s.update_value,
				}
				for s in spec.states
			],
			"transitions": [
				{
					"state": t.state,
					"action": t.action,
					"next_state": t.next_state,
					"allowed": t.allowed,
					"condition": t.condition,
					"allow_self_approval": int(t.allow_self_approval),
				}
				for t in spec.transitions
			],
		}
	)
	doc.insert(ignore_permissions=True)
	return True


def ensure_workflows() -> list[str]:
	return [spec.name for spec in default_workflows() if ensure_workflow(spec)]
