"""The default workflow of a Citizen Petition, as data (frappe-free).

received → classified → assigned / answered on the spot / forwarded / not accepted →
answered → closed, and reopened when the citizen is not satisfied. The petition is not
submittable: every state keeps doc status 0, so a reopened petition is edited in place and
nothing needs cancel and amend. What a state requires (an answer, a reason, a unit) is
enforced by the controller from ``core.petitions.STATE_REQUIREMENTS``, keyed on the petition's
fixed ``status`` that every state sets (Update Field), never on the state's name.
"""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import petitions as P
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
		State(P.RECEIVED, 0, RECEPTION, "", "status", P.RECEIVED),
		State(P.CLASSIFIED, 0, SECRETARIAT, "Info", "status", P.CLASSIFIED),
		State(P.ASSIGNED, 0, UNIT_OFFICER, "Primary", "status", P.ASSIGNED),
		State(P.ANSWERED_ON_THE_SPOT, 0, SECRETARIAT, "Success", "status", P.ANSWERED_ON_THE_SPOT),
		State(P.FORWARDED, 0, SECRETARIAT, "Inverse", "status", P.FORWARDED),
		State(P.NOT_ACCEPTED, 0, MANAGER, "Danger", "status", P.NOT_ACCEPTED),
		State(P.ANSWERED, 0, MANAGER, "Success", "status", P.ANSWERED),
		State(P.CLOSED, 0, MANAGER, "Inverse", "status", P.CLOSED),
	),
	transitions=(
		*_t(P.RECEIVED, CLASSIFY, P.CLASSIFIED, RECEPTION, SECRETARIAT, MANAGER),
		*_t(P.CLASSIFIED, ASSIGN, P.ASSIGNED, SECRETARIAT, MANAGER),
		*_t(P.CLASSIFIED, ANSWER_ON_THE_SPOT, P.ANSWERED_ON_THE_SPOT, SECRETARIAT, MANAGER),
		*_t(P.CLASSIFIED, FORWARD, P.FORWARDED, SECRETARIAT, MANAGER),
		*_t(P.CLASSIFIED, DECLINE, P.NOT_ACCEPTED, MANAGER),
		*_t(P.CLASSIFIED, CLOSE_AS_DUPLICATE, P.CLOSED, SECRETARIAT, MANAGER),
		*_t(P.ASSIGNED, SUBMIT_ANSWER, P.ANSWERED, UNIT_OFFICER, SECRETARIAT),
		*_t(P.ANSWERED, RETURN_ANSWER, P.ASSIGNED, MANAGER),
		*_t(P.ANSWERED, CLOSE, P.CLOSED, MANAGER),
		*_t(P.ANSWERED_ON_THE_SPOT, CLOSE, P.CLOSED, MANAGER, SECRETARIAT),
		*_t(P.FORWARDED, CLOSE, P.CLOSED, MANAGER, SECRETARIAT),
		*_t(P.NOT_ACCEPTED, CLOSE, P.CLOSED, MANAGER),
		*_t(P.CLOSED, REOPEN, P.CLASSIFIED, MANAGER, SECRETARIAT),
	),
)

PETITION_WORKFLOWS: tuple[WorkflowSpec, ...] = (PETITION_WORKFLOW,)
