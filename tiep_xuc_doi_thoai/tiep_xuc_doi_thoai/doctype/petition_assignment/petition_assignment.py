# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core.followup import duty_status
from tiep_xuc_doi_thoai.services import working_calendar as site_calendar
from tiep_xuc_doi_thoai.services.assignments import (
	sync_conclusion_item,
	sync_petitions_on_accept,
	sync_petitions_on_assign,
	validate_petitions_assignable,
)
from tiep_xuc_doi_thoai.utils.workflow import (
	check_permlevel_write,
	refuse_without_permlevel,
	sync_status_from_state,
)

# The right to change a due date is write on this field's permission level (1) and the right
# to decide an extension is write on the decision's level (2): Role Permissions Manager.
DUE_DATE_CHANGE_FIELD = "due_date_reason"


class ClosedAssignmentError(frappe.ValidationError):
	pass


class ExtensionError(frappe.ValidationError):
	pass


# Deciding an extension is write on the permission level of the request's decision (level 2
# of Petition Assignment in Role Permissions Manager), a right the administrator grants.
DECISION_FIELD = "decision"


class PetitionAssignment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.assignment_coordinating_unit.assignment_coordinating_unit import (
			AssignmentCoordinatingUnit,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.assignment_extension_request.assignment_extension_request import (
			AssignmentExtensionRequest,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.assignment_petition.assignment_petition import (
			AssignmentPetition,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.assignment_progress_update.assignment_progress_update import (
			AssignmentProgressUpdate,
		)

		acceptance_note: DF.SmallText | None
		accepted_by: DF.Link | None
		accepted_on: DF.Date | None
		assigned_by: DF.Link | None
		assigned_on: DF.Date
		assignee: DF.Link | None
		completed_on: DF.Date | None
		complexity: DF.Literal["Normal", "Complex"]
		conclusion_item: DF.Data | None
		coordinating_units: DF.TableMultiSelect[AssignmentCoordinatingUnit]
		deadline_event: DF.Literal[
			"",
			"Conference Notice",
			"Conference Opinions",
			"Conference Internal Review",
			"Conference Conclusion Notice",
			"Conference Results Published",
			"Petition Processing",
			"Petition Answer",
			"Complaint Acceptance",
			"Complaint Resolution",
			"Denunciation Acceptance",
			"Denunciation Resolution",
		]
		deadline_state: DF.Literal["", "On Track", "Due Soon", "Past Deadline", "Done on Time", "Done Late"]
		dialogue_conference: DF.Link | None
		dialogue_plan: DF.Link | None
		draft_answer: DF.TextEditor | None
		due_date: DF.Date | None
		due_date_reason: DF.SmallText | None
		due_date_rule: DF.Data | None
		extension_count: DF.Int
		extensions: DF.Table[AssignmentExtensionRequest]
		lead_unit: DF.Link
		naming_series: DF.Literal["GV-.YYYY.-.#####"]
		percent_complete: DF.Percent
		petitions: DF.Table[AssignmentPetition]
		progress_updates: DF.Table[AssignmentProgressUpdate]
		remote_area: DF.Check
		result: DF.TextEditor | None
		result_submitted_on: DF.Date | None
		source_type: DF.Literal["Conference Conclusion", "Citizen Petitions", "Plan Responsibility"]
		status: DF.Literal[
			"Assigned to a Unit",
			"Being Resolved",
			"Result Submitted",
			"Result Accepted",
			"Returned for Rework",
			"Assignment Closed",
		]
		task: DF.TextEditor
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate_higher_perm_levels(self):
		# Before Frappe silently resets a field of a level the user may not write: say so (403).
		refuse_without_permlevel(self, (DUE_DATE_CHANGE_FIELD,), _("change the due date"))
		super().validate_higher_perm_levels()

	def validate(self):
		sync_status_from_state(self)
		self.set_assigned_by()
		self.validate_source()
		if self.is_new():
			validate_petitions_assignable(self)
		self.validate_units()
		self.set_due_date()
		self.validate_due_date()
		self.validate_due_date_change()
		self.validate_extension_rows()
		self.validate_progress_updates()
		self.apply_status_requirements()
		self.set_deadline_state()

	def on_update(self):
		sync_conclusion_item(self)
		if self.has_value_changed("status") or self.is_new():
			if self.status == assignment_rules.ASSIGNED and not self.get_doc_before_save():
				sync_petitions_on_assign(self)
			if assignment_rules.is_done(self.status):
				sync_petitions_on_accept(self)

	# -- steps ---------------------------------------------------------------------------------

	def set_assigned_by(self):
		if self.is_new() and not self.assigned_by:
			self.assigned_by = frappe.session.user

	def validate_source(self):
		if self.source_type == "Citizen Petitions" and not self.petitions:
			frappe.throw(_("Add at least one citizen petition to assign."), title=_("No Petition"))
		if self.source_type == "Conference Conclusion" and not self.dialogue_conference:
			frappe.throw(
				_("{0} is required.").format(_(self.meta.get_label("dialogue_conference"))),
				title=_("Missing Values"),
			)
		seen = set()
		for row in self.petitions:
			if row.petition in seen:
				frappe.throw(
					_("Row {0}: petition {1} is listed twice.").format(row.idx, frappe.bold(row.petition)),
					title=_("Duplicate Petition"),
				)
			seen.add(row.petition)

	def validate_units(self):
		if not self.lead_unit:
			frappe.throw(
				_("{0} is required: every assignment has a unit in charge.").format(
					_(self.meta.get_label("lead_unit"))
				),
				title=_("Missing Lead Unit"),
			)
		if any(row.unit == self.lead_unit for row in self.coordinating_units):
			frappe.throw(
				_("{0} is the lead unit; it cannot also be a coordinating unit.").format(
					frappe.bold(self.lead_unit)
				),
				title=_("Invalid Units"),
			)

	def set_due_date(self):
		if self.due_date or not self.deadline_event:
			return
		self.due_date, rule = site_calendar.due_date_from_rule(
			self.deadline_event,
			self.assigned_on,
			self.complexity,
			"Remote" if self.remote_area else "Normal",
			self.lead_unit,
		)
		self.due_date_rule = rule.code

	def validate_due_date(self):
		if self.due_date and getdate(self.due_date) < getdate(self.assigned_on):
			frappe.throw(
				_("{0} {1} is before {2} {3}.").format(
					_(self.meta.get_label("due_date")),
					frappe.format(self.due_date, "Date"),
					_(self.meta.get_label("assigned_on")),
					frappe.format(self.assigned_on, "Date"),
				),
				title=_("Invalid Due Date"),
			)

	def validate_due_date_change(self):
		"""The due date moves only with a reason by a user given the right, or by an approved
		extension. The right is write on the reason's permission level (Role Permissions)."""
		before = self.get_doc_before_save()
		if not before or str(before.due_date or "") == str(self.due_date or ""):
			return
		if self.approves_extension_to(self.due_date):
			return
		check_permlevel_write(
			self, DUE_DATE_CHANGE_FIELD, _("change the due date (ask for an extension instead)")
		)
		if not (self.due_date_reason or "").strip() or self.due_date_reason == before.due_date_reason:
			frappe.throw(
				_("Give the {0}.").format(_(self.meta.get_label("due_date_reason"))),
				title=_("Missing Reason"),
			)
		self.add_comment(
			"Info",
			_("Due date changed from {0} to {1}: {2}").format(
				frappe.format(before.due_date, "Date"),
				frappe.format(self.due_date, "Date"),
				self.due_date_reason,
			),
		)

	def validate_extension_rows(self):
		"""Extension requests are added and decided only through their buttons, so the
		history on the document is exactly what was asked and decided."""
		before = self.get_doc_before_save()
		old = extension_rows(before.extensions) if before else []
		new = extension_rows(self.extensions)
		if new != old and not self.extension_rows_set_here(old, new):
			frappe.throw(
				_("Use Request Extension to ask for more time; a manager decides on it."),
				title=_("Extension Requests"),
			)

	def validate_progress_updates(self):
		before = self.get_doc_before_save()
		old_names = {r.name for r in before.progress_updates} if before else set()
		new_rows = [r for r in self.progress_updates if r.name not in old_names or r.is_new()]
		if new_rows and before and before.status in assignment_rules.DONE_STATUSES:
			frappe.throw(
				_("Assignment {0} is {1}: no more progress can be added.").format(
					frappe.bold(self.name), _(before.status, context=self.doctype)
				),
				exc=ClosedAssignmentError,
				title=_("Assignment Closed"),
			)
		for row in new_rows:
			row.updated_by = row.updated_by or frappe.session.user
			if row.update_date and getdate(row.update_date) < getdate(self.assigned_on):
				frappe.throw(
					_("Progress row {0}: the date is before the assignment.").format(row.idx),
					title=_("Invalid Date"),
				)
		if self.progress_updates:
			last = sorted(self.progress_updates, key=lambda r: (str(r.update_date), r.idx))[-1]
			self.percent_complete = last.percent

	def apply_status_requirements(self):
		if self.status == assignment_rules.RESULT_SUBMITTED:
			needs = ["result"] if not self.result else []
			if self.petitions and not self.draft_answer:
				needs.append("draft_answer")
			if needs:
				frappe.throw(
					_("Fill in {0} before submitting the result.").format(
						", ".join(_(self.meta.get_label(f)) for f in needs)
					),
					title=_("Missing Values"),
				)
			if self.has_value_changed("status") or not self.result_submitted_on:
				self.result_submitted_on = today()  # a resubmission after rework counts anew
		if (
			self.status == assignment_rules.RETURNED
			and self.has_value_changed("status")
			and not self.acceptance_note
		):
			frappe.throw(
				_("Say what to rework in {0}.").format(_(self.meta.get_label("acceptance_note"))),
				title=_("Missing Values"),
			)
		if assignment_rules.is_done(self.status) and not self.accepted_on:
			# Who may accept is the workflow's transition to a state that sets this status.
			self.accepted_by = frappe.session.user
			self.accepted_on = today()
			self.completed_on = self.result_submitted_on or today()
			self.percent_complete = 100

	# -- extension requests (the form's buttons call these with frm.call) -----------------------
	# Only these two methods add or decide a request; ``validate_extension_rows`` refuses any
	# other change of the rows, and a due date moves without the manager's right only to the
	# requested date of the request approved here.
	_extension_rows_set_here: list | None = None
	_approved_request = None

	@frappe.whitelist(methods=["POST"])
	def request_extension(self, requested_due_date: str, reason: str) -> dict:
		self.load_from_db()  # the stored record, not what the browser sent
		self.check_permission("write")
		if assignment_rules.is_done(self.status):
			frappe.throw(
				_("Assignment {0} is {1}: an extension can no longer be asked for.").format(
					frappe.bold(self.name), _(self.status, context=self.doctype)
				),
				exc=ExtensionError,
				title=_("Assignment Closed"),
			)
		if not (reason or "").strip():
			frappe.throw(
				_("Give the reason for the extension."), exc=ExtensionError, title=_("Missing Reason")
			)
		requested = getdate(requested_due_date)
		if self.due_date and requested <= getdate(self.due_date):
			frappe.throw(
				_("The requested due date must be after the current one ({0}).").format(
					frappe.format(self.due_date, "Date")
				),
				exc=ExtensionError,
				title=_("Invalid Due Date"),
			)
		if any(row.decision == "Pending" for row in self.extensions):
			frappe.throw(_("An extension request is already waiting for a decision."), exc=ExtensionError)
		self.append(
			"extensions",
			{
				"requested_on": today(),
				"requested_by": frappe.session.user,
				"current_due_date": self.due_date,
				"requested_due_date": requested,
				"reason": reason.strip(),
				"decision": "Pending",
			},
		)
		self._extension_rows_set_here = extension_rows(self.extensions)
		self.save()
		return {"name": self.name, "row": self.extensions[-1].name}

	@frappe.whitelist(methods=["POST"])
	def decide_extension(self, row: str, approve: bool | int | str, note: str | None = None) -> dict:
		self.load_from_db()  # the stored record, not what the browser sent
		self.check_permission("write")
		self.check_may_decide_extension()
		request = next((r for r in self.extensions if r.name == row), None)
		if not request or request.decision != "Pending":
			frappe.throw(_("There is no pending extension request {0}.").format(row), exc=ExtensionError)
		if assignment_rules.is_done(self.status):
			frappe.throw(
				_("Assignment {0} is {1}.").format(
					frappe.bold(self.name), _(self.status, context=self.doctype)
				),
				exc=ExtensionError,
			)
		approve = frappe.utils.cint(approve) if not isinstance(approve, bool) else approve
		if approve and self.due_date_rule:
			rule = frappe.db.get_value("Deadline Rule", self.due_date_rule, "max_extensions") or 0
			if not assignment_rules.extension_allowed(int(self.extension_count or 0), int(rule)):
				frappe.throw(
					_("Rule {0} allows at most {1} extensions.").format(self.due_date_rule, rule),
					exc=ExtensionError,
				)
		request.decision = "Approved" if approve else "Refused"
		request.decided_by = frappe.session.user
		request.decided_on = today()
		request.decision_note = note
		if approve:
			self.due_date = request.requested_due_date
			self.extension_count = int(self.extension_count or 0) + 1
			self._approved_request = request
		self._extension_rows_set_here = extension_rows(self.extensions)
		self.save()
		return {"due_date": self.due_date, "decision": request.decision}

	def check_may_decide_extension(self) -> None:
		check_permlevel_write(
			self, DECISION_FIELD, _("decide on an extension"), doctype="Assignment Extension Request"
		)

	def extension_rows_set_here(self, old: list, new: list) -> bool:
		"""The rows are the ones request/decide_extension left (a new row is named on save)."""
		expected = self._extension_rows_set_here
		if expected is None or len(new) != len(expected):
			return False
		kept = [r[0] for r in new[: len(old)]] == [r[0] for r in old]
		return kept and [r[1:] for r in new] == [r[1:] for r in expected]

	def approves_extension_to(self, due_date) -> bool:
		"""The due date is the requested date of the extension ``decide_extension`` approved."""
		request = self._approved_request
		return bool(request) and str(getdate(request.requested_due_date)) == str(getdate(due_date))

	def set_deadline_state(self, on=None):
		if not self.due_date:
			self.deadline_state = ""
			return
		status = duty_status(
			getdate(self.due_date),
			getdate(self.completed_on) if self.completed_on else None,
			getdate(on or today()),
			site_calendar.get_calendar(),
			site_calendar.due_soon_window(),
		)
		self.deadline_state = status.state.value


def extension_rows(rows) -> list[tuple[str, str, str]]:
	"""What a request is in the history: which row, the date asked for, the decision."""
	return [(str(r.name), str(r.requested_due_date), r.decision) for r in rows]


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Petition Assignment")
