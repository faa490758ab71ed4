"""Default workflow of an assignment (frappe-free data; see setup/workflows.py)."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT, UNIT_OFFICER
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec


def _t(state: str, action: str, next_state: str, *roles: str) -> tuple[Transition, ...]:
	return tuple(Transition(state, action, next_state, role) for role in roles)


ASSIGNMENT_WORKFLOW = WorkflowSpec(
	name="Petition Assignment Follow-up",
	document_type="Petition Assignment",
	keep_status_indicator=True,
	states=(
		State(assignment_rules.ASSIGNED, 0, SECRETARIAT, "", "status", assignment_rules.ASSIGNED),
		State(
			assignment_rules.IN_PROGRESS, 0, UNIT_OFFICER, "Primary", "status", assignment_rules.IN_PROGRESS
		),
		State(
			assignment_rules.RESULT_SUBMITTED, 0, MANAGER, "Info", "status", assignment_rules.RESULT_SUBMITTED
		),
		State(assignment_rules.RETURNED, 0, UNIT_OFFICER, "Warning", "status", assignment_rules.RETURNED),
		State(assignment_rules.ACCEPTED, 0, MANAGER, "Success", "status", assignment_rules.ACCEPTED),
		State(assignment_rules.CLOSED, 0, MANAGER, "Inverse", "status", assignment_rules.CLOSED),
	),
	transitions=(
		*_t(assignment_rules.ASSIGNED, "Start", assignment_rules.IN_PROGRESS, UNIT_OFFICER, SECRETARIAT),
		*_t(
			assignment_rules.IN_PROGRESS,
			"Submit Result",
			assignment_rules.RESULT_SUBMITTED,
			UNIT_OFFICER,
			SECRETARIAT,
		),
		*_t(assignment_rules.RESULT_SUBMITTED, "Accept Result", assignment_rules.ACCEPTED, MANAGER),
		*_t(assignment_rules.RESULT_SUBMITTED, "Return for Rework", assignment_rules.RETURNED, MANAGER),
		*_t(assignment_rules.RETURNED, "Resume", assignment_rules.IN_PROGRESS, UNIT_OFFICER, SECRETARIAT),
		*_t(assignment_rules.ACCEPTED, "Close", assignment_rules.CLOSED, MANAGER, SECRETARIAT),
	),
)

ASSIGNMENT_WORKFLOWS: tuple[WorkflowSpec, ...] = (ASSIGNMENT_WORKFLOW,)
