"""Default workflow of a periodic report (báo cáo), like the plan's: drafted by the
Secretariat, reviewed and approved (signed) by the Manager, then sent to the upper level.
Each state sets the report's fixed ``status`` (Update Field), which is what the code reads."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec

REPORT_WORKFLOW = WorkflowSpec(
	name="Dialogue Report Approval",
	document_type="Dialogue Report",
	keep_status_indicator=True,
	states=(
		State("Draft", 0, SECRETARIAT, "", "status", "Draft"),
		State("Pending Review", 0, MANAGER, "Warning", "status", "Pending Review"),
		State("Approved", 1, MANAGER, "Success", "status", "Approved"),
		State("Cancelled", 2, MANAGER, "Danger", "status", "Cancelled"),
	),
	transitions=(
		Transition("Draft", "Submit for Review", "Pending Review", SECRETARIAT),
		Transition("Pending Review", "Request Changes", "Draft", MANAGER),
		Transition("Pending Review", "Approve Report", "Approved", MANAGER),
		Transition("Approved", "Cancel", "Cancelled", MANAGER),
	),
)

REPORT_WORKFLOWS: tuple[WorkflowSpec, ...] = (REPORT_WORKFLOW,)
