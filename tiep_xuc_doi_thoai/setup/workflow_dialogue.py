"""Default workflows of plans and conferences (frappe-free data; see setup/workflows.py)."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec

# Every state sets the plan's fixed ``status`` (Update Field), which is what the code reads: a
# review step an administrator adds, or a state renamed in the web UI, needs no code.
PLAN_WORKFLOW = WorkflowSpec(
	name="Dialogue Plan Approval",
	document_type="Dialogue Plan",
	states=(
		State("Draft", 0, SECRETARIAT, "", "status", "Draft"),
		State("Pending Review", 0, MANAGER, "Warning", "status", "Pending Review"),
		State("Approved", 1, MANAGER, "Primary", "status", "Approved"),
		State("Published", 1, SECRETARIAT, "Success", "status", "Published"),
		State("Cancelled", 2, MANAGER, "Danger", "status", "Cancelled"),
	),
	transitions=(
		Transition("Draft", "Submit for Review", "Pending Review", SECRETARIAT),
		Transition("Pending Review", "Request Changes", "Draft", MANAGER),
		Transition("Pending Review", "Approve Plan", "Approved", MANAGER),
		Transition("Approved", "Publish", "Published", SECRETARIAT),
		Transition("Approved", "Cancel", "Cancelled", MANAGER),
		Transition("Published", "Cancel", "Cancelled", MANAGER),
	),
)

# The conference's ``status`` follows the workflow through update_field, so a state an
# administrator adds in the web UI (say, "Pending Approval" before "Announced") needs no code.
CONFERENCE_WORKFLOW = WorkflowSpec(
	name="Dialogue Conference Lifecycle",
	document_type="Dialogue Conference",
	keep_status_indicator=True,
	states=(
		State("Planned", 0, SECRETARIAT, "", "status", "Planned"),
		State("Announced", 0, SECRETARIAT, "Info", "status", "Announced"),
		State("Held", 0, SECRETARIAT, "Primary", "status", "Held"),
		State("Concluded", 0, SECRETARIAT, "Success", "status", "Concluded"),
		State("Closed", 0, MANAGER, "Inverse", "status", "Closed"),
		State("Cancelled", 0, MANAGER, "Danger", "status", "Cancelled"),
	),
	transitions=(
		Transition("Planned", "Announce", "Announced", SECRETARIAT),
		Transition("Announced", "Record as Held", "Held", SECRETARIAT),
		Transition("Held", "Conclude", "Concluded", MANAGER),
		Transition("Concluded", "Close", "Closed", MANAGER),
		Transition("Closed", "Reopen Conference", "Concluded", MANAGER),
		Transition("Planned", "Cancel", "Cancelled", MANAGER),
		Transition("Announced", "Cancel", "Cancelled", MANAGER),
	),
)

DIALOGUE_WORKFLOWS: tuple[WorkflowSpec, ...] = (PLAN_WORKFLOW, CONFERENCE_WORKFLOW)
