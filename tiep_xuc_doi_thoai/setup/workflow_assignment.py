"""Default workflow of an assignment (frappe-free data; see setup/workflows.py)."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import assignments as A
from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT, UNIT_OFFICER
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec


def _t(state: str, action: str, next_state: str, *roles: str) -> tuple[Transition, ...]:
	return tuple(Transition(state, action, next_state, role) for role in roles)


ASSIGNMENT_WORKFLOW = WorkflowSpec(
	name="Petition Assignment Follow-up",
	document_type="Petition Assignment",
	keep_status_indicator=True,
	states=(
		State(A.ASSIGNED, 0, SECRETARIAT, "", "status", A.ASSIGNED),
		State(A.IN_PROGRESS, 0, UNIT_OFFICER, "Primary", "status", A.IN_PROGRESS),
		State(A.RESULT_SUBMITTED, 0, MANAGER, "Info", "status", A.RESULT_SUBMITTED),
		State(A.RETURNED, 0, UNIT_OFFICER, "Warning", "status", A.RETURNED),
		State(A.ACCEPTED, 0, MANAGER, "Success", "status", A.ACCEPTED),
		State(A.CLOSED, 0, MANAGER, "Inverse", "status", A.CLOSED),
	),
	transitions=(
		*_t(A.ASSIGNED, "Start", A.IN_PROGRESS, UNIT_OFFICER, SECRETARIAT),
		*_t(A.IN_PROGRESS, "Submit Result", A.RESULT_SUBMITTED, UNIT_OFFICER, SECRETARIAT),
		*_t(A.RESULT_SUBMITTED, "Accept Result", A.ACCEPTED, MANAGER),
		*_t(A.RESULT_SUBMITTED, "Return for Rework", A.RETURNED, MANAGER),
		*_t(A.RETURNED, "Resume", A.IN_PROGRESS, UNIT_OFFICER, SECRETARIAT),
		*_t(A.ACCEPTED, "Close", A.CLOSED, MANAGER, SECRETARIAT),
	),
)

ASSIGNMENT_WORKFLOWS: tuple[WorkflowSpec, ...] = (ASSIGNMENT_WORKFLOW,)
