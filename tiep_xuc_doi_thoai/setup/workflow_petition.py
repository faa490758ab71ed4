"""The default workflow of a Citizen Petition, as data (frappe-free).

received → classified → assigned / answered on the spot / forwarded / not accepted →
answered → closed, and reopened when the citizen is not satisfied. The petition is not
submittable: every state keeps doc status 0, so a reopened petition is edited in place and
nothing needs cancel and amend. What a state requires (an answer, a reason, a unit) is
enforced by the controller from ``core.petitions.STATE_REQUIREMENTS``, keyed on the petition's
fixed ``status`` that every state sets (Update Field), never on the state's name.
"""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.roles import MANAGER, RECEPTION, SECRETARIAT, UNIT_OFFICER
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec

CLASSIFY = "Classify"
ASSIGN = "Assign to a Unit"
ANSWER_ON_THE_SPOT = "Record Answer on the Spot"
FORWARD = "Forward to Competent Body"
DECLINE = "Decline"
SUBMIT_ANSWER = "Submit Answer"
RETURN_ANSWER = "Return Answer"
CLOSE = "Close"
CLOSE_AS_DUPLICATE = "Close as Duplicate"
REOPEN = "Reopen Petition"


def _t(state: str, action: str, next_state: str, *roles: str) -> tuple[Transition, ...]:
	return tuple(Transition(state, action, next_state, role) for role in roles)


PETITION_WORKFLOW = WorkflowSpec(
	name="Citizen Petition",
	document_type="Citizen Petition",
	states=(
		State(petition_rules.RECEIVED, 0, RECEPTION, "", "status", petition_rules.RECEIVED),
		State(petition_rules.CLASSIFIED, 0, SECRETARIAT, "Info", "status", petition_rules.CLASSIFIED),
		State(petition_rules.ASSIGNED, 0, UNIT_OFFICER, "Primary", "status", petition_rules.ASSIGNED),
		State(
			petition_rules.ANSWERED_ON_THE_SPOT,
			0,
			SECRETARIAT,
			"Success",
			"status",
			petition_rules.ANSWERED_ON_THE_SPOT,
		),
		State(petition_rules.FORWARDED, 0, SECRETARIAT, "Inverse", "status", petition_rules.FORWARDED),
		State(petition_rules.NOT_ACCEPTED, 0, MANAGER, "Danger", "status", petition_rules.NOT_ACCEPTED),
		State(petition_rules.ANSWERED, 0, MANAGER, "Success", "status", petition_rules.ANSWERED),
		State(petition_rules.CLOSED, 0, MANAGER, "Inverse", "status", petition_rules.CLOSED),
	),
	transitions=(
		*_t(petition_rules.RECEIVED, CLASSIFY, petition_rules.CLASSIFIED, RECEPTION, SECRETARIAT, MANAGER),
		*_t(petition_rules.CLASSIFIED, ASSIGN, petition_rules.ASSIGNED, SECRETARIAT, MANAGER),
		*_t(
			petition_rules.CLASSIFIED,
			ANSWER_ON_THE_SPOT,
			petition_rules.ANSWERED_ON_THE_SPOT,
			SECRETARIAT,
			MANAGER,
		),
		*_t(petition_rules.CLASSIFIED, FORWARD, petition_rules.FORWARDED, SECRETARIAT, MANAGER),
		*_t(petition_rules.CLASSIFIED, DECLINE, petition_rules.NOT_ACCEPTED, MANAGER),
		*_t(petition_rules.CLASSIFIED, CLOSE_AS_DUPLICATE, petition_rules.CLOSED, SECRETARIAT, MANAGER),
		*_t(petition_rules.ASSIGNED, SUBMIT_ANSWER, petition_rules.ANSWERED, UNIT_OFFICER, SECRETARIAT),
		*_t(petition_rules.ANSWERED, RETURN_ANSWER, petition_rules.ASSIGNED, MANAGER),
		*_t(petition_rules.ANSWERED, CLOSE, petition_rules.CLOSED, MANAGER),
		*_t(petition_rules.ANSWERED_ON_THE_SPOT, CLOSE, petition_rules.CLOSED, MANAGER, SECRETARIAT),
		*_t(petition_rules.FORWARDED, CLOSE, petition_rules.CLOSED, MANAGER, SECRETARIAT),
		*_t(petition_rules.NOT_ACCEPTED, CLOSE, petition_rules.CLOSED, MANAGER),
		*_t(petition_rules.CLOSED, REOPEN, petition_rules.CLASSIFIED, MANAGER, SECRETARIAT),
	),
)

PETITION_WORKFLOWS: tuple[WorkflowSpec, ...] = (PETITION_WORKFLOW,)
