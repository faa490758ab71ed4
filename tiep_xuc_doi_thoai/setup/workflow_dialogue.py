"""Default workflows of plans and conferences (frappe-free data; see setup/workflows.py)."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import conference
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
		State(conference.PLANNED, 0, SECRETARIAT, "", "status", conference.PLANNED),
		State(conference.ANNOUNCED, 0, SECRETARIAT, "Info", "status", conference.ANNOUNCED),
		State(conference.HELD, 0, SECRETARIAT, "Primary", "status", conference.HELD),
		State(conference.CONCLUDED, 0, SECRETARIAT, "Success", "status", conference.CONCLUDED),
		State(conference.CLOSED, 0, MANAGER, "Inverse", "status", conference.CLOSED),
		State(conference.CANCELLED, 0, MANAGER, "Danger", "status", conference.CANCELLED),
	),
	transitions=(
		Transition(conference.PLANNED, "Announce", conference.ANNOUNCED, SECRETARIAT),
		Transition(conference.ANNOUNCED, "Record as Held", conference.HELD, SECRETARIAT),
		Transition(conference.HELD, "Conclude", conference.CONCLUDED, MANAGER),
		Transition(conference.CONCLUDED, "Close", conference.CLOSED, MANAGER),
		Transition(conference.CLOSED, "Reopen Conference", conference.CONCLUDED, MANAGER),
		Transition(conference.PLANNED, "Cancel", conference.CANCELLED, MANAGER),
		Transition(conference.ANNOUNCED, "Cancel", conference.CANCELLED, MANAGER),
	),
)

DIALOGUE_WORKFLOWS: tuple[WorkflowSpec, ...] = (PLAN_WORKFLOW, CONFERENCE_WORKFLOW)
