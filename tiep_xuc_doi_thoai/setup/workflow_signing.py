"""Default workflow of a Signed Document (frappe-free data; see setup/workflows.py): after the
document's own approval, the signer (Dialogue Manager) signs, then the Văn thư (in the Dialogue
Secretariat; Nghị định 30/2020 gives the Văn thư the seal and the agency's key - the article
number, cited before as Điều 32, was not confirmed from the text) adds the
agency's signature. Each state sets the fixed ``status`` (Update Field) the controller acts on;
names and roles are the administrator's to change."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import signing as signing_rules
from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec

SIGNING_WORKFLOW = WorkflowSpec(
	name="Signed Document Signing",
	document_type="Signed Document",
	keep_status_indicator=True,
	states=(
		State("Awaiting Signature", 0, SECRETARIAT, "Warning", "status", signing_rules.AWAITING),
		State("Signed by Signer", 0, SECRETARIAT, "Primary", "status", signing_rules.SIGNED),
		State("Sealed by Clerk", 0, SECRETARIAT, "Success", "status", signing_rules.SEALED),
		State("Signing Cancelled", 0, MANAGER, "Danger", "status", signing_rules.CANCELLED),
	),
	transitions=(
		Transition("Awaiting Signature", "Sign Digitally", "Signed by Signer", MANAGER),
		Transition("Signed by Signer", "Add Agency Seal", "Sealed by Clerk", SECRETARIAT),
		Transition("Awaiting Signature", "Cancel Signing", "Signing Cancelled", MANAGER),
		Transition("Signed by Signer", "Cancel Signing", "Signing Cancelled", MANAGER),
	),
)

SIGNING_WORKFLOWS: tuple[WorkflowSpec, ...] = (SIGNING_WORKFLOW,)
