"""Where a document stands in its flow, read from the Workflow its administrator owns.

The code never keys on a workflow state's or an action's name (an administrator renames them,
adds a review step, moves a transition to another role). It keys on docstatus, or on the
document's fixed ``status`` field that each workflow state sets through *Update Field*. This
module is the one place that reads that mapping; what it cannot find it names, with the
workflow to fix, instead of crashing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions, get_workflow_name

if TYPE_CHECKING:
	from frappe.model.document import Document
	from frappe.workflow.doctype.workflow.workflow import Workflow

STATUS_FIELD = "status"
# The app's doctypes whose logic follows a workflow's Update Field.
FOLLOWED_DOCTYPES = (
	"Dialogue Plan",
	"Dialogue Conference",
	"Citizen Petition",
	"Petition Assignment",
	"Dialogue Report",
	"Signed Document",
)


class WorkflowSetupError(frappe.ValidationError):
	"""The active workflow no longer has what a document needs: a state it is in, or a state
	that sets the status a consequence moves it to."""


def active_workflow(doctype: str) -> Workflow | None:
	name = get_workflow_name(doctype)
	return frappe.get_cached_doc("Workflow", name) if name else None


def sync_status_from_state(doc: Document, fieldname: str = STATUS_FIELD) -> None:
	"""Set ``fieldname`` from the Update Field of the state the document is in, so the status
	always says where the workflow put the document, whichever way it was saved (the form, the
	REST API or a bulk import): the status cannot be written apart from a transition."""
	workflow = active_workflow(doc.doctype)
	if not workflow:
		return
	state = doc.get(workflow.workflow_state_field)
	if not state:
		return  # Frappe sets the first state on save
	row = next((s for s in workflow.states if s.state == state), None)
	if row is None:
		frappe.throw(
			_(
				"{0} {1} is in the state {2}, which the workflow {3} no longer has. Add the state back in Workflow {3} (or give it another state there) and try again."
			).format(
				_(doc.doctype),
				frappe.bold(doc.name or ""),
				frappe.bold(_(state, context=doc.doctype)),
				frappe.bold(workflow.name),
			),
			exc=WorkflowSetupError,
			title=_("Workflow Needs Fixing"),
		)
	if row.update_field == fieldname and row.update_value:
		doc.set(fieldname, row.update_value)


def state_for_status(doctype: str, status: str, fieldname: str = STATUS_FIELD) -> str:
	"""The workflow state that sets ``status``: where a consequence moves a document (a
	petition answered because its assignments were accepted)."""
	workflow = active_workflow(doctype)
	if not workflow:
		return status
	for row in workflow.states:
		if row.update_field == fieldname and row.update_value == status:
			return row.state
	frappe.throw(
		_(
			"The workflow {0} has no state that sets {1} to {2}, so {3} cannot be moved there. In Workflow {0}, give one state Update Field {1} and Update Value {2}."
		).format(frappe.bold(workflow.name), fieldname, frappe.bold(status), _(doctype)),
		exc=WorkflowSetupError,
		title=_("Workflow Needs Fixing"),
	)


def take_transition_to(
	doc: Document,
	status: str,
	*,
	fieldname: str = STATUS_FIELD,
	max_steps: int = 1,
	refuse: bool = True,
) -> Document:
	"""The current user takes the transitions of ``doc``'s workflow that lead to a state whose
	Update Field sets ``fieldname`` to ``status`` — whatever the administrator named the states
	and actions — with Frappe's own ``apply_workflow`` (their roles, the transition's condition).

	The one workflow driver of the app. One step (``max_steps=1``, the default): a transition
	straight to such a state; none open to the user: 403 (``refuse``). Several steps (the
	conference console: Received → Classified → Answered on the Spot): up to ``max_steps``
	transitions, through states from which such a state can be reached; with ``refuse=False`` a
	user without the transitions leaves the document where it is, silently."""
	workflow = active_workflow(doc.doctype)
	if workflow is None:
		if refuse:
			frappe.throw(_("{0} has no active workflow.").format(_(doc.doctype)), exc=WorkflowSetupError)
		return doc
	targets = {s.state for s in workflow.states if s.update_field == fieldname and s.update_value == status}
	several = max_steps > 1
	reach = _states_reaching(workflow, targets) if several else targets
	moved = False
	for _step in range(max_steps):
		if not targets or (several and doc.get(workflow.workflow_state_field) in targets):
			break
		transitions = get_transitions(doc, workflow)
		step = next((t for t in transitions if t.next_state in targets), None) or next(
			(t for t in transitions if t.next_state in reach), None
		)
		if step is None:
			break
		doc = apply_workflow(doc, step.action)
		moved = True
	if refuse and not (moved and doc.get(workflow.workflow_state_field) in targets):
		frappe.throw(
			_("None of your actions in Workflow {0} moves {1} {2} to {3}.").format(
				frappe.bold(workflow.name),
				_(doc.doctype),
				frappe.bold(doc.name),
				frappe.bold(_(status, context=doc.doctype)),
			),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	return doc


def _states_reaching(workflow: Workflow, targets: set[str]) -> set[str]:
	"""States from which some transition path leads to one of ``targets``."""
	reach = set(targets)
	changed = True
	while changed:
		changed = False
		for t in workflow.transitions:
			if t.next_state in reach and t.state not in reach:
				reach.add(t.state)
				changed = True
	return reach


def move_as_consequence(doc: Document, status: str, cause: str, values: dict | None = None) -> None:
	"""Move ``doc`` to ``status`` because of what the current user did elsewhere.

	Not the user's own transition (the workflow checks the acting user's transitions, and this
	user may have none on ``doc``), so it runs as the system without switching the session
	user: the data changes are saved with ignore-permissions (validated and versioned), the
	state and status are set with ``db_set`` (``modified_by`` stays the real user), and the
	timeline says who caused it.
	"""
	target = state_for_status(doc.doctype, status)
	workflow = active_workflow(doc.doctype)
	state_field = workflow.workflow_state_field if workflow else None
	if values:
		doc.update(values)
		doc.flags.ignore_permissions = True
		doc.save()
	changes = {STATUS_FIELD: status}
	if state_field:
		changes[state_field] = target
	doc.add_comment("Workflow", _(target))
	write_as_consequence(
		doc,
		changes,
		_("{0} by {1}: {2}").format(_(target), frappe.utils.get_fullname(frappe.session.user), cause),
	)


def write_as_consequence(doc: Document, changes: dict, note: str) -> None:
	"""Write ``changes`` onto ``doc`` as the system, because of something the current user (a
	person, or another site's integration user) did elsewhere: no session switch, ``db_set``
	so ``modified_by`` is that real user, the change in the version history, and ``note`` on
	the timeline. ``on_change`` hooks run as after a save."""
	before = frappe.get_doc(doc.as_dict())
	doc.db_set(dict(changes), notify=True)  # adds modified / modified_by
	record_version(before, doc)
	doc.add_comment("Info", note)


def record_version(before: Document, doc: Document) -> None:
	"""The version history of a change written with ``db_set``, under the real user (the
	Version's owner): Frappe's own diff (``Version.set_diff``), as its save would record it."""
	version = frappe.new_doc("Version")
	if version.set_diff(before, doc):
		version.insert(ignore_permissions=True)


def require_transition(doc: Document) -> None:
	"""Submit and cancel go through the workflow: Frappe checks a change of state against the
	user's transitions, but a bare submit or cancel through the API keeps the state and would
	let any user with the submit right skip the transition (an approval). Call from
	``before_submit`` / ``before_cancel``."""
	workflow = active_workflow(doc.doctype)
	if not workflow or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	field = workflow.workflow_state_field
	before = doc.get_doc_before_save()
	if before and before.get(field) != doc.get(field):
		# Frappe's own list of this user's transitions (roles and conditions); a cancel skips
		# Frappe's validate_workflow, so it is asked here for submit and cancel alike.
		allowed = {t.next_state for t in get_transitions(before, workflow)}
		if doc.get(field) in allowed:
			return
	frappe.throw(
		_("{0} {1} moves on only through the actions of Workflow {2}.").format(
			_(doc.doctype), frappe.bold(doc.name), frappe.bold(workflow.name)
		),
		exc=frappe.PermissionError,
		title=_("Not Permitted"),
	)


def refuse_removing_used_states(workflow: Workflow, method: str | None = None) -> None:
	"""Workflow ``validate`` hook: a state that documents of the app are in cannot be removed
	(they would be stuck and nothing could save them). The message names what to do."""
	if workflow.document_type not in FOLLOWED_DOCTYPES or workflow.is_new():
		return
	before = workflow.get_doc_before_save()
	if not before:
		return
	kept = {s.state for s in workflow.states}
	removed = [s.state for s in before.states if s.state not in kept]
	field = workflow.workflow_state_field or "workflow_state"
	for state in removed:
		count = frappe.db.count(workflow.document_type, {field: state})
		if count:
			frappe.throw(
				_(
					"{0} {1} are in the state {2}. Move them to another state before removing it from Workflow {3}, or keep the state."
				).format(
					count,
					_(workflow.document_type),
					frappe.bold(_(state, context=workflow.document_type)),
					frappe.bold(workflow.name),
				),
				exc=WorkflowSetupError,
				title=_("State in Use"),
			)


def refuse_without_permlevel(doc: Document, fieldnames: tuple[str, ...], right: str) -> None:
	"""403 with a translated message when the user changes a field of a permission level their
	roles are not given *write* on (Role Permissions Manager). Frappe would otherwise reset the
	value silently; a user who tried deserves to know why nothing changed."""
	if doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	before = None if doc.is_new() else doc.get_latest()
	for fieldname in fieldnames:
		value = doc.get(fieldname)
		old = before.get(fieldname) if before else doc.meta.get_field(fieldname).default
		if _same(value, old) or doc.has_permlevel_access_to(fieldname, permission_type="write"):
			continue
		throw_permlevel_refused(doc, doc.meta.get_field(fieldname).permlevel, right)


def check_permlevel_write(doc: Document, fieldname: str, right: str, *, doctype: str | None = None) -> None:
	"""403 unless the user's roles are given *write* on the permission level of ``fieldname``
	(of ``doctype``, a child table of ``doc``, when given) in Role Permissions Manager."""
	if doc.flags.ignore_permissions:
		return
	meta = frappe.get_meta(doctype) if doctype else doc.meta
	level = meta.get_field(fieldname).permlevel
	if level not in doc.get_permlevel_access("write"):
		throw_permlevel_refused(doc, level, right)


def throw_permlevel_refused(doc: Document, level: int, right: str) -> None:
	"""The one 403 for a right that is *write* on a permission level: ``right`` says what the
	user tried ("change the due date"), the message says where an administrator grants it."""
	frappe.throw(
		_(
			"You are not allowed to {0}. An administrator grants it in Role Permissions Manager: {1}, level {2}, Write."
		).format(right, _(doc.doctype), level),
		exc=frappe.PermissionError,
		title=_("Not Permitted"),
	)


def _same(a, b) -> bool:
	def norm(v):
		return "" if v in (None, 0, "0") else str(v)

	return norm(a) == norm(b)
