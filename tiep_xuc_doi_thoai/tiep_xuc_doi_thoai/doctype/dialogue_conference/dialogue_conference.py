# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time, getdate, now_datetime, today

from tiep_xuc_doi_thoai.core import conference_day as conference_day_rules
from tiep_xuc_doi_thoai.core.conference import (
	ANNOUNCED_STATES,
	CONCLUDED_STATES,
	CONFERENCE_DUTIES,
	HELD_STATES,
	OPEN_STATUSES,
	PLANNED,
	conference_deadlines,
	next_duty,
	notice_is_late,
	overall_state,
)
from tiep_xuc_doi_thoai.core.followup import duty_status
from tiep_xuc_doi_thoai.services import assignments, conference_day, public_pages
from tiep_xuc_doi_thoai.services.working_calendar import (
	due_soon_window,
	get_calendar,
	load_rules,
	unit_lineage,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message import (
	citizen_update_message as citizen_updates,
)
from tiep_xuc_doi_thoai.utils.workflow import (
	check_permlevel_write,
	refuse_without_permlevel,
	sync_status_from_state,
)

DATE_FIELDS = (
	"notice_date",
	"opinions_compiled_on",
	"internal_review_date",
	"conclusion_notice_date",
	"results_published_on",
)
# Duties done after the conference: their dates cannot be before it.
AFTER_FIELDS = ("internal_review_date", "conclusion_notice_date", "results_published_on")
# Allowing a late notice is write on these fields' permission level (1): Role Permissions Manager.
LATE_NOTICE_FIELDS = ("late_notice_override", "late_notice_reason")


class LateNoticeError(frappe.ValidationError):
	pass


class PublishResultsError(frappe.ValidationError):
	pass


PLAN_SESSION = "Dialogue Plan Session"
# Publishing the results is write on this field's permission level (2): Role Permissions Manager.
PUBLISH_FIELD = "results_published"


class DialogueConference(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_agenda_item.dialogue_agenda_item import (
			DialogueAgendaItem,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_attendance.dialogue_attendance import (
			DialogueAttendance,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conclusion.dialogue_conclusion import (
			DialogueConclusion,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_invitee.dialogue_invitee import (
			DialogueInvitee,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_speaker_registration.dialogue_speaker_registration import (
			DialogueSpeakerRegistration,
		)

		agenda: DF.Table[DialogueAgendaItem]
		attendance: DF.Table[DialogueAttendance]
		chair: DF.Data | None
		chair_user: DF.Link | None
		conclusion_notice_date: DF.Date | None
		conclusion_notice_due: DF.Date | None
		conclusion_notice_number: DF.Data | None
		conclusion_text: DF.TextEditor | None
		conclusions: DF.Table[DialogueConclusion]
		conference_date: DF.Date
		deadline_state: DF.Literal["", "On Track", "Due Soon", "Past Deadline", "Done on Time", "Done Late"]
		dialogue_form: DF.Literal["Direct", "Online", "Combined"]
		dialogue_plan: DF.Link
		end_time: DF.Time | None
		ends_on: DF.Datetime | None
		internal_review_date: DF.Date | None
		invitees: DF.Table[DialogueInvitee]
		issuing_unit: DF.Link
		late_notice_approved_by: DF.Link | None
		late_notice_approved_on: DF.Datetime | None
		late_notice_override: DF.Check
		late_notice_reason: DF.SmallText | None
		minutes: DF.TextEditor | None
		minutes_file: DF.Attach | None
		next_deadline: DF.Date | None
		next_deadline_for: DF.Data | None
		notice_date: DF.Date | None
		notice_due: DF.Date | None
		notice_number: DF.Data | None
		opinions_compiled_on: DF.Date | None
		opinions_due: DF.Date | None
		opinions_summary: DF.TextEditor | None
		place: DF.Data
		plan_session: DF.Autocomplete | None
		results_published_due: DF.Date | None
		results_published: DF.Check
		results_published_on: DF.Date | None
		review_due: DF.Date | None
		secretary: DF.Data | None
		secretary_user: DF.Link | None
		speakers: DF.Table[DialogueSpeakerRegistration]
		start_time: DF.Time | None
		starts_on: DF.Datetime | None
		status: DF.Literal["Planned", "Announced", "Held", "Concluded", "Closed", "Cancelled"]
		topic: DF.Data
		total_attendance: DF.Int
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate_higher_perm_levels(self):
		# Before Frappe silently resets a field of a level the user may not write: say so (403).
		refuse_without_permlevel(self, LATE_NOTICE_FIELDS, _("allow a late notice"))
		super().validate_higher_perm_levels()

	def validate(self):
		sync_status_from_state(self)
		self.set_from_plan()
		self.validate_against_plan()
		self.set_times()
		self.set_deadlines()
		self.validate_notice()
		self.record_late_notice_override()
		self.validate_status_requirements()
		self.set_total_attendance()
		self.set_deadline_state()

	def on_update(self):
		self.link_plan_session()
		self.tell_citizens_results_published()
		# it lists the announced conferences (a new one counts as changed)
		if any(self.has_value_changed(f) for f in ("status", *public_pages.CONFERENCE_FIELDS_SHOWN)):
			public_pages.refresh_public_form()

	def tell_citizens_results_published(self):
		if self.results_published and self.has_value_changed("results_published"):
			citizen_updates.after_results_published(self.name)

	def on_trash(self):
		self.unlink_plan_session()
		public_pages.refresh_public_form()

	# -- steps ---------------------------------------------------------------------------------

	def set_from_plan(self):
		if self.dialogue_plan and not self.issuing_unit:
			self.issuing_unit = frappe.db.get_value("Dialogue Plan", self.dialogue_plan, "issuing_unit")

	def validate_against_plan(self):
		plan = frappe.db.get_value(
			"Dialogue Plan", self.dialogue_plan, ["plan_date", "docstatus", "year"], as_dict=True
		)
		if not plan:
			return  # the Link validation reports a missing plan
		if plan.docstatus == 2:
			frappe.throw(
				_("Plan {0} is cancelled: link the conference to the amended plan.").format(
					frappe.bold(self.dialogue_plan)
				),
				title=_("Cancelled Plan"),
			)
		if plan.plan_date and getdate(self.conference_date) < getdate(plan.plan_date):
			frappe.throw(
				_("{0} {1} is before the date of plan {2} ({3}).").format(
					_(self.meta.get_label("conference_date")),
					frappe.format(self.conference_date, "Date"),
					frappe.bold(self.dialogue_plan),
					frappe.format(plan.plan_date, "Date"),
				),
				title=_("Invalid Conference Date"),
			)

	def set_times(self):
		# Time values come back from the database as timedelta ("8:00:00"): compare as times
		if self.start_time and self.end_time and get_time(self.end_time) <= get_time(self.start_time):
			frappe.throw(
				_("{0} must be after {1}.").format(
					_(self.meta.get_label("end_time")), _(self.meta.get_label("start_time"))
				),
				title=_("Invalid Time"),
			)
		day = getdate(self.conference_date)
		self.starts_on = datetime.datetime.combine(day, get_time(self.start_time or "00:00:00"))
		self.ends_on = datetime.datetime.combine(day, get_time(self.end_time or "23:59:59"))

	def set_deadlines(self):
		deadlines = conference_deadlines(
			getdate(self.conference_date), load_rules(), get_calendar(), unit_lineage(self.issuing_unit)
		)
		self.update(deadlines)

	def validate_notice(self):
		if not self.notice_date:
			return
		if getdate(self.notice_date) > getdate(self.conference_date):
			frappe.throw(
				_("{0} {1} is after the conference on {2}.").format(
					_(self.meta.get_label("notice_date")),
					frappe.format(self.notice_date, "Date"),
					frappe.format(self.conference_date, "Date"),
				),
				title=_("Invalid Notice Date"),
			)
		if notice_is_late(getdate(self.notice_date), getdate(self.notice_due) if self.notice_due else None):
			if not self.late_notice_override:
				frappe.throw(
					_(
						"The notice on {0} is later than {1}, the latest date the Deadline Rule allows for a conference on {2}. A user given the right must allow a late notice with a reason."
					).format(
						frappe.format(self.notice_date, "Date"),
						frappe.format(self.notice_due, "Date"),
						frappe.format(self.conference_date, "Date"),
					),
					exc=LateNoticeError,
					title=_("Late Notice"),
				)

	def record_late_notice_override(self):
		"""Who and when a late notice was allowed is kept on the document. Who may allow it is
		the permission level of its fields (checked before Frappe's own reset of them)."""
		if not self.late_notice_override:
			self.late_notice_reason = None
			self.late_notice_approved_by = None
			self.late_notice_approved_on = None
			return
		before = self.get_doc_before_save()
		newly_allowed = not (before and before.late_notice_override)
		changed_reason = before and before.late_notice_reason != self.late_notice_reason
		if newly_allowed or changed_reason:
			if not (self.late_notice_reason or "").strip():
				frappe.throw(
					_("Give the {0}.").format(_(self.meta.get_label("late_notice_reason"))),
					title=_("Missing Reason"),
				)
			self.late_notice_approved_by = frappe.session.user
			self.late_notice_approved_on = now_datetime()

	def validate_status_requirements(self):
		"""What each step of the conference's life needs, whatever workflow leads there."""
		status = self.status or PLANNED
		needs: list[str] = []
		if status in ANNOUNCED_STATES and not self.notice_date:
			needs.append("notice_date")
		if status in HELD_STATES:
			if getdate(self.conference_date) > getdate(today()):
				frappe.throw(
					_("The conference on {0} cannot be recorded as held before that day.").format(
						frappe.format(self.conference_date, "Date")
					),
					title=_("Not Held Yet"),
				)
			if not self.secretary:
				needs.append("secretary")
		if status in CONCLUDED_STATES:
			if not self.chair:
				needs.append("chair")
			if not (self.conclusion_text or self.conclusions):
				needs.append("conclusions")
			if not self.conclusion_notice_date:
				needs.append("conclusion_notice_date")
		for fieldname in AFTER_FIELDS:
			value = self.get(fieldname)
			if value and getdate(value) < getdate(self.conference_date):
				frappe.throw(
					_("{0} cannot be before the conference.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Date"),
				)
		if needs:
			frappe.throw(
				_("Fill in {0} before the conference is {1}.").format(
					", ".join(_(self.meta.get_label(f)) for f in needs), _(status, context=self.doctype)
				),
				title=_("Missing Values"),
			)

	def set_total_attendance(self):
		self.total_attendance = sum(int(row.attendee_count or 0) for row in self.attendance)

	def set_deadline_state(self, on=None):
		values = {f: getdate(self.get(f)) if self.get(f) else None for _e, f, _d in CONFERENCE_DUTIES}
		values.update({f: getdate(self.get(f)) if self.get(f) else None for f in DATE_FIELDS})
		duty = next_duty(
			values, self.status or PLANNED, getdate(on or today()), get_calendar(), due_soon_window()
		)
		self.next_deadline = duty.due if duty else None
		self.next_deadline_for = self.meta.get_label(duty.due_field) if duty else None
		self.deadline_state = overall_state(values, duty, self.status or PLANNED)

	def link_plan_session(self):
		if not self.plan_session:
			return
		# The plan's session row (a child of the plan, which may be published and so not
		# saved again): Frappe's set_value on the row, the plan's modified left as it was.
		frappe.db.set_value(
			PLAN_SESSION,
			{"parent": self.dialogue_plan, "parenttype": "Dialogue Plan", "session_title": self.plan_session},
			"conference",
			self.name,
			update_modified=False,
		)

	def unlink_plan_session(self):
		frappe.db.set_value(
			PLAN_SESSION, {"conference": self.name}, "conference", None, update_modified=False
		)

	@frappe.whitelist()
	def send_for_signature(self, print_format: str) -> str:
		"""A Signed Document of this conference's notice, minutes or conclusion notice in ``print_format``, awaiting the signer (its own
		workflow signs and seals it; see services/signing.py)."""
		from tiep_xuc_doi_thoai.services.signing import send_for_signature

		return send_for_signature(self, print_format)

	@frappe.whitelist()
	def deadline_overview(self) -> list[dict]:
		"""The form's deadlines: due, done, days left, state of each duty."""
		self.load_from_db()  # the stored record, not what the browser sent
		self.check_permission("read")
		calendar, now, window = get_calendar(), getdate(today()), due_soon_window()
		out = []
		for _event, due_field, done_field in CONFERENCE_DUTIES:
			due = self.get(due_field)
			if not due:
				continue
			done_on = getdate(self.get(done_field)) if done_field and self.get(done_field) else None
			status = duty_status(getdate(due), done_on, now, calendar, window)
			out.append(
				{
					"field": due_field,
					"label": self.meta.get_label(due_field),
					"due": getdate(due),
					"done_on": done_on,
					"state": status.state.value,
					"days_left": status.days_left,
				}
			)
		return out

	@frappe.whitelist(methods=["POST"])
	def make_assignments(self) -> list[str]:
		"""*Assign Conclusions*: one Petition Assignment per conclusion item that names a
		responsible unit and has none yet."""
		return assignments.make_from_conclusions(self.name)

	@frappe.whitelist(methods=["POST"])
	def draft_minutes(self, overwrite: int = 0) -> dict:
		"""Write the minutes' proceedings from the record into the minutes field."""
		return conference_day.draft_minutes(self.name, overwrite)

	@frappe.whitelist(methods=["POST"])
	def publish_results(self) -> dict:
		"""Publish the results on the public pages. A right of its own: write on the *Results
		Published* field's permission level (Role Permissions Manager → Dialogue Conference →
		level 2); refused before the conference is concluded (its fixed ``status``)."""
		self.load_from_db()  # the stored record, not what the browser sent
		self.check_permission("write")
		check_permlevel_write(self, PUBLISH_FIELD, _("publish the results of a conference"))
		if not conference_day_rules.may_publish(self.status):
			frappe.throw(
				_(
					"The results can be published once the conference is concluded; this one is {0}. Conclude it first."
				).format(frappe.bold(_(self.status or PLANNED))),
				exc=PublishResultsError,
				title=_("Not Concluded Yet"),
			)
		self.results_published = 1
		self.results_published_on = self.results_published_on or getdate(today())
		self.save()
		return {"published_on": self.results_published_on, "route": public_route(self.name)}


def public_route(name: str) -> str:
	"""Where a guest reads a conference's published results (www/conference_results)."""
	return f"/ket-qua-doi-thoai/{name}"


def refresh_conference_deadline_states():
	"""Daily: deadlines turn due-soon and overdue as days pass, with no one saving the document;
	and the public form stops listing a conference whose day has passed."""
	public_pages.refresh_public_form()
	for name in frappe.get_all(
		"Dialogue Conference", filters={"status": ("in", OPEN_STATUSES)}, pluck="name"
	):
		doc = frappe.get_doc("Dialogue Conference", name)
		before = (doc.next_deadline, doc.deadline_state)
		doc.set_deadline_state()
		if (doc.next_deadline, doc.deadline_state) != before:
			doc.db_set(
				{
					"next_deadline": doc.next_deadline,
					"next_deadline_for": doc.next_deadline_for,
					"deadline_state": doc.deadline_state,
				},
				update_modified=False,
			)


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Dialogue Conference")
