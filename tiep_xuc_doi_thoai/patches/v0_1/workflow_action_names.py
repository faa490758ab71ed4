"""Default workflow actions whose English name is a word Frappe itself translates for its own
screens ("Forward" → "Ở đằng trước", "Reopen" → "Mở cửa trở lại"): Frappe's workflow buttons
translate an action without a context, so the app names its defaults as domain phrases
instead. On a site installed before, a transition that still carries the old default name is
renamed; an action an administrator renamed or added is left as it is."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.setup.workflows import default_workflows, ensure_states_and_actions

# (workflow, old default action, new default action)
RENAMED: tuple[tuple[str, str, str], ...] = (
	("Citizen Petition", "Forward", "Forward to Competent Body"),
	("Citizen Petition", "Reopen", "Reopen Petition"),
	("Dialogue Conference Lifecycle", "Reopen", "Reopen Conference"),
)


def execute() -> None:
	specs = {spec.name: spec for spec in default_workflows()}
	for workflow, old, new in RENAMED:
		if not frappe.db.exists("Workflow", workflow):
			continue
		if spec := specs.get(workflow):
			ensure_states_and_actions(spec)
		transition = frappe.qb.DocType("Workflow Transition")
		(
			frappe.qb.update(transition)
			.set(transition.action, new)
			.where(
				(transition.parent == workflow)
				& (transition.parenttype == "Workflow")
				& (transition.action == old)
			)
		).run()
		frappe.clear_cache(doctype=frappe.db.get_value("Workflow", workflow, "document_type"))
