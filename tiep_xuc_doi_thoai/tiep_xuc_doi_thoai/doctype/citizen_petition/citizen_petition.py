# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.deadlines import (
	AREA_NORMAL,
	AREA_REMOTE,
	COMPLEXITY_NORMAL,
)
from tiep_xuc_doi_thoai.integrations import petitions as site_links
from tiep_xuc_doi_thoai.permissions import identity as identity_access
from tiep_xuc_doi_thoai.services import assignments, conference_day, duplicates
from tiep_xuc_doi_thoai.services import petition_identity as identity
from tiep_xuc_doi_thoai.services import working_calendar as site_calendar
from tiep_xuc_doi_thoai.services.petition_checks import check_id_number, check_phone, refuse_markup_in
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_petition import citizen_updates
from tiep_xuc_doi_thoai.utils.workflow import sync_status_from_state

# Free text a user or a citizen types: none of it may carry HTML or script.
TEXT_FIELDS = (
	"subject",
	"petitioner_name",
	"address",
	"commune",
	"village",
	"representative",
	"source_body",
	"previously_handled_by",
	"content",
	"forwarded_to_body",
	"not_accepted_reason",
	"answer_reference",
	"answer",
	"result",
	"paper_file_reference",
)


class PetitionValidationError(frappe.ValidationError):
	pass


class MarkupNotAllowedError(frappe.ValidationError):
	pass


class CitizenPetition(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acceptance_due_date: DF.Date | None
		accepted_on: DF.Date | None
		address: DF.SmallText | None
		answer: DF.Text | None
		answer_mode: DF.Literal["", "On the Spot", "In Writing"]
		answer_reference: DF.Data | None
		answered_on: DF.Date | None
		attachment: DF.Attach | None
		category: DF.Link | None
		client_key: DF.Data | None
		commune: DF.Data | None
		complexity: DF.Literal["Normal", "Complex"]
		conference: DF.Link | None
		content: DF.Text
		deadline_rule: DF.Data | None
		due_date: DF.Date | None
		duplicate_of: DF.Link | None
		forwarded_on: DF.Date | None
		forwarded_to_body: DF.Data | None
		forwarded_to_level: DF.Literal["", "Central", "Province", "Commune", "Other"]
		group_size: DF.Int
		id_number: DF.Data | None
		identity_confidential: DF.Check
		jurisdiction: DF.Literal["Within Our Authority", "Beyond Our Authority"]
		naming_series: DF.Literal["YK-.YYYY.-.#####"]
		not_accepted_reason: DF.SmallText | None
		notify_consent: DF.Check
		notify_email: DF.Data | None
		notify_phone: DF.Data | None
		paper_file_reference: DF.Data | None
		petition_type: DF.Literal[
			"Recommendation", "Feedback", "Complaint", "Denunciation", "Multiple Contents"
		]
		petitioner_kind: DF.Literal["Individual", "Group"]
		petitioner_name: DF.Data | None
		phase: DF.Literal[
			"Before a Conference", "At a Conference", "After a Conference", "Outside Conferences"
		]
		phone: DF.Data | None
		previously_handled_by: DF.Data | None
		public_consent: DF.Check
		publish_answer: DF.Check
		received_date: DF.Date
		remote_area: DF.Check
		reopen_count: DF.Int
		representative: DF.Data | None
		responsible_unit: DF.Link | None
		result: DF.SmallText | None
		source: DF.Literal[
			"At a Conference",
			"Fatherland Front or Organizations",
			"Citizen Reception",
			"Mail",
			"Online",
			"Transferred by Another Body",
		]
		source_body: DF.Data | None
		status: DF.Literal[
			"Petition Received",
			"Petition Classified",
			"Assigned to a Unit",
			"Answered on the Spot",
			"Forwarded to Competent Body",
			"Petition Not Accepted",
			"Petition Answered",
			"Petition Closed",
		]
		subject: DF.Data | None
		tracking_code: DF.Data | None
		village: DF.Data | None
		workflow_state: DF.Link | None
		working_days_left: DF.Int

	# end: auto-generated types

	def notify_update(self):
		# A bulk import refreshes open lists once at the end instead of queueing a realtime
		# message per row: Frappe de-duplicates that queue with a list scan, so thousands of
		# rows made the import quadratic.
		if self.flags.bulk_import:
			return
		super().notify_update()

	@property
	def working_days_left(self) -> int | None:
		if not self.due_date or self.status in (
			*petition_rules.SETTLED_STATES,
			petition_rules.FORWARDED,
			petition_rules.NOT_ACCEPTED,
		):
			return None
		return site_calendar.working_days_left(self.due_date)

	def before_insert(self):
		self.set_tracking_code()

	def before_validate(self):
		site_links.name_forward_body(self)

	def validate(self):
		sync_status_from_state(self)
		self.refuse_markup()
		self.validate_petitioner()
		self.validate_dates()
		self.validate_duplicate_of()
		self.set_subject()
		self.validate_state_requirements()
		self.set_answer_defaults()
		self.count_reopening()
		self.set_deadlines()
		citizen_updates.take_contact(self)  # before identity.protect: it may mask the phone
		identity.protect(self)

	def on_update(self):
		identity.store_pending(self)
		citizen_updates.keep_contact(self)
		site_links.queue_forward(self)

	def on_change(self):
		# after a save and after a change written with db_set (utils/workflow.write_as_consequence)
		citizen_updates.tell_citizen(self)
		site_links.queue_answer_back(self)

	def on_trash(self):
		identity.delete_for(self.name)
		citizen_updates.delete_for(self.name)

	# -- actions (the form calls them with frm.call) -------------------------------------------

	@frappe.whitelist()
	def find_duplicates(self) -> list[dict]:
		"""Earlier petitions the user may read that look like this one."""
		self.load_from_db()  # the stored record, not what the browser sent
		return duplicates.find_duplicates(self)

	@frappe.whitelist(methods=["POST"])
	def mark_duplicate(self, duplicate_of: str) -> str:
		self.load_from_db()  # the stored record, not what the browser sent
		return duplicates.mark_duplicate(self, duplicate_of)

	@frappe.whitelist(methods=["POST"])
	def close_as_duplicate(self, duplicate_of: str) -> str:
		self.load_from_db()  # the stored record, not what the browser sent
		return duplicates.close_as_duplicate(self, duplicate_of)

	@frappe.whitelist(methods=["POST"])
	def make_assignment(self, lead_unit: str, task: str | None = None) -> str:
		"""Assign this petition to a unit (one Petition Assignment)."""
		return assignments.make_from_petitions([self.name], lead_unit, task)

	@frappe.whitelist(methods=["POST"])
	def record_reply(
		self,
		mode: str,
		text: str,
		responsible_unit: str | None = None,
		due_date: str | None = None,
		publish: int | None = None,
	) -> dict:
		"""The chair's reply to this speech at its conference: answered on the spot, or given to
		a unit with a due date (a conclusion item of the conference)."""
		return conference_day.record_reply(self.name, mode, text, responsible_unit, due_date, publish)

	@frappe.whitelist()
	def get_identity(self) -> dict:
		"""A confidential petition's identity, for who may see it (the reveal and who may see
		it are permissions/identity.py's)."""
		self.load_from_db()  # the stored record, not what the browser sent
		self.check_permission("read")
		if not identity_access.may_see_identity():
			frappe.throw(
				_("Only Dialogue Confidential Access may see the identity of a denouncer."),
				exc=frappe.PermissionError,
				title=_("Not Permitted"),
			)
		found = identity_access.identities_for([self.name], channel="Petition Form").get(self.name)
		return dict(found) if found else {}

	@frappe.whitelist(methods=["POST"])
	def purge_earlier_versions(self) -> int:
		"""Delete the earlier versions of a petition whose identity became secret."""
		self.load_from_db()  # the stored record, not what the browser sent
		return identity.purge_earlier_versions(self)

	# -- steps -----------------------------------------------------------------------------
	def set_tracking_code(self):
		# ~56 random bits: a clash is unlikely for billions of petitions, and the unique index
		# on the field refuses one anyway, so no lookup per insert.
		if not self.tracking_code:
			self.tracking_code = petition_rules.new_tracking_code()

	def refuse_markup(self):
		refuse_markup_in(self, TEXT_FIELDS, MarkupNotAllowedError)

	def validate_petitioner(self):
		if self.id_number and self.id_number != identity.MASK:
			self.id_number = petition_rules.clean_id_number(self.id_number)
			check_id_number(self.id_number, PetitionValidationError)
		if self.phone and self.phone != identity.MASK:
			check_phone(self.phone, PetitionValidationError)
			self.phone = petition_rules.clean_phone(self.phone)
		if self.petitioner_kind == "Group" and (self.group_size or 0) < 2:
			frappe.throw(
				_("A group petition needs the number of people (at least 2)."),
				exc=PetitionValidationError,
				title=_("Number of People Missing"),
			)

	def validate_dates(self):
		if getdate(self.received_date) > getdate(today()):
			frappe.throw(
				_("Received Date cannot be in the future."),
				exc=PetitionValidationError,
				title=_("Invalid Date"),
			)
		for fieldname in ("accepted_on", "answered_on", "forwarded_on"):
			if self.get(fieldname) and getdate(self.get(fieldname)) < getdate(self.received_date):
				frappe.throw(
					_("{0} cannot be before the Received Date.").format(
						frappe.bold(_(self.meta.get_label(fieldname)))
					),
					exc=PetitionValidationError,
					title=_("Invalid Date"),
				)

	def validate_duplicate_of(self):
		if self.duplicate_of and self.duplicate_of == self.name:
			frappe.throw(
				_("A petition cannot be a duplicate of itself."),
				exc=PetitionValidationError,
				title=_("Invalid Duplicate"),
			)

	def set_subject(self):
		if not (self.subject or "").strip():
			self.subject = petition_rules.subject_from_content(self.content)

	def validate_state_requirements(self):
		if self.status == petition_rules.NOT_ACCEPTED and not (self.not_accepted_reason or "").strip():
			frappe.throw(
				_("Give the reason why the petition is not accepted."),
				exc=PetitionValidationError,
				title=_("Reason Required"),
			)
		needed = petition_rules.STATE_REQUIREMENTS.get(self.status or "", ())
		missing = petition_rules.missing_for_state(
			self.status, {f: self.get(f) for f in needed}
		)  # not as_dict(): 80 fields a row
		if missing:
			frappe.throw(
				_("Fill in {0} before moving the petition to {1}.").format(
					", ".join(frappe.bold(_(self.meta.get_label(f))) for f in missing),
					frappe.bold(_(self.status, context=self.doctype)),
				),
				exc=PetitionValidationError,
				title=_("Missing Information"),
			)

	def set_answer_defaults(self):
		if self.status == petition_rules.ANSWERED_ON_THE_SPOT:
			self.answer_mode = petition_rules.ANSWER_ON_THE_SPOT
		elif self.status == petition_rules.ANSWERED and not self.answer_mode:
			self.answer_mode = petition_rules.ANSWER_IN_WRITING
		if (
			self.status in (petition_rules.ANSWERED, petition_rules.ANSWERED_ON_THE_SPOT)
			and not self.answered_on
		):
			self.answered_on = today()
		if self.status == petition_rules.FORWARDED and not self.forwarded_on:
			self.forwarded_on = today()

	def count_reopening(self):
		before = self.get_doc_before_save()
		if before and before.status == petition_rules.CLOSED and self.status != petition_rules.CLOSED:
			self.reopen_count = (self.reopen_count or 0) + 1

	def set_deadlines(self):
		"""Deadlines from the rules in force for the type: the answer (kiến nghị, phản ánh), or
		acceptance then resolution (khiếu nại, tố cáo) counted from the acceptance date."""
		plan = petition_rules.deadline_plan(self.petition_type)
		complexity = self.complexity or COMPLEXITY_NORMAL
		area = AREA_REMOTE if self.remote_area else AREA_NORMAL
		anchor = getdate(self.received_date)
		if plan.acceptance:
			self.acceptance_due_date = _due(
				plan.acceptance.value, anchor, complexity, area, self.responsible_unit
			)[0]
			anchor = getdate(self.accepted_on or self.acceptance_due_date)
		else:
			self.acceptance_due_date = None
		self.due_date, self.deadline_rule = _due(
			plan.answer.value, anchor, complexity, area, self.responsible_unit
		)


def _due(event: str, anchor, complexity: str, area: str, unit: str | None):
	"""(due date, rule code); memoized while an import runs, where thousands of rows share them."""
	cache = frappe.flags.petition_deadline_cache
	key = (event, anchor, complexity, area, unit)
	if cache is not None and key in cache:
		return cache[key]
	due, rule = site_calendar.due_date_from_rule(event, anchor, complexity, area, unit)
	result = (due, rule.code)
	if cache is not None:
		cache[key] = result
	return result


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Citizen Petition")
