# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core.conference import plan_date_fits_year, sessions_outside_year
from tiep_xuc_doi_thoai.core.vietnamese import format_document_number
from tiep_xuc_doi_thoai.utils.numbering import series_key, take_number
from tiep_xuc_doi_thoai.utils.workflow import require_transition, sync_status_from_state

TYPE_CODE = "KH"
PUBLISHED = "Published"  # the plan's ``status`` (set by the workflow state's Update Field)


class DuplicateDocumentNumberError(frappe.ValidationError):
	pass


class DialoguePlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_legal_basis.dialogue_legal_basis import (
			DialogueLegalBasis,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_plan_participant.dialogue_plan_participant import (
			DialoguePlanParticipant,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_plan_responsibility.dialogue_plan_responsibility import (
			DialoguePlanResponsibility,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_plan_section.dialogue_plan_section import (
			DialoguePlanSection,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_plan_session.dialogue_plan_session import (
			DialoguePlanSession,
		)
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_recipient.dialogue_recipient import (
			DialogueRecipient,
		)

		additional_sections: DF.Table[DialoguePlanSection]
		amended_from: DF.Link | None
		authority: DF.Literal["", "TM.", "KT.", "Q.", "TL.", "TUQ."]
		authority_title: DF.Data | None
		budget: DF.SmallText | None
		budget_amount: DF.Currency
		chair: DF.Data | None
		chair_user: DF.Link | None
		closing_text: DF.SmallText | None
		content: DF.TextEditor | None
		content_heading: DF.Data | None
		dialogue_form: DF.Literal["Direct", "Online", "Combined"]
		document_number: DF.Int
		header_name: DF.Data | None
		header_parent: DF.Data | None
		issuing_unit: DF.Link
		basis_lead: DF.Literal["Căn cứ", "Thực hiện"]
		legal_bases: DF.Table[DialogueLegalBasis]
		manual_symbol: DF.Check
		number_and_symbol: DF.Data | None
		participants: DF.Table[DialoguePlanParticipant]
		party_document: DF.Check
		place_name: DF.Data | None
		plan_date: DF.Date | None
		planned_dialogues: DF.Int
		preamble: DF.SmallText | None
		published_on: DF.Date | None
		purpose: DF.TextEditor | None
		recipients: DF.Table[DialogueRecipient]
		regime: DF.Literal["Periodic", "Ad hoc", "Thematic"]
		regime_note: DF.SmallText | None
		requirements: DF.TextEditor | None
		responsibilities: DF.Table[DialoguePlanResponsibility]
		sessions: DF.Table[DialoguePlanSession]
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		signer_user: DF.Link | None
		status: DF.Literal["Draft", "Pending Review", "Approved", "Published", "Cancelled"]
		time_and_place: DF.SmallText | None
		title: DF.SmallText
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		sync_status_from_state(self)
		self.set_defaults_from_unit()
		self.validate_year()
		self.validate_sessions()
		self.set_number_and_symbol()
		self.validate_unique_number()

	def before_submit(self):
		# Who may approve (submit) is the workflow's transition, the administrator's: no role is
		# checked here, only that the submit is a transition and not a bare API submit.
		require_transition(self)
		self.validate_ready_to_sign()
		self.assign_number()

	def on_submit(self):
		# Approved = docstatus 1: the plan now awaits its digital signatures (services/signing.py).
		from tiep_xuc_doi_thoai.services.signing import await_signature_on_approval

		await_signature_on_approval(self)

	def before_cancel(self):
		require_transition(self)

	def before_update_after_submit(self):
		sync_status_from_state(self)
		self.set_published_on()

	# -- steps ---------------------------------------------------------------------------------

	def set_published_on(self):
		if self.status == PUBLISHED and not self.published_on:
			self.published_on = today()

	def set_defaults_from_unit(self):
		if not self.year:
			self.year = getdate(self.plan_date or today()).year
		if not self.place_name and self.issuing_unit:
			self.place_name = frappe.db.get_value("Dialogue Unit", self.issuing_unit, "place_name") or (
				frappe.db.get_single_value("Dialogue Settings", "place_name")
			)

	def validate_year(self):
		if self.plan_date and not plan_date_fits_year(getdate(self.plan_date), int(self.year)):
			frappe.throw(
				_("{0} {1} is not in {2} {3} or at the end of the year before.").format(
					_(self.meta.get_label("plan_date")),
					frappe.format(self.plan_date, "Date"),
					_(self.meta.get_label("year")),
					self.year,
				),
				title=_("Invalid Date"),
			)

	def validate_sessions(self):
		rows = [(row.idx, getdate(row.expected_date) if row.expected_date else None) for row in self.sessions]
		outside = sessions_outside_year(int(self.year), rows)
		if outside:
			frappe.throw(
				_("Sessions, row {0}: {1} must be in the plan's year {2}.").format(
					", ".join(str(i) for i in outside),
					_("Expected Date"),
					self.year,
				),
				title=_("Session Outside the Plan's Year"),
			)

	def issuer_abbreviation(self) -> str:
		return frappe.db.get_value("Dialogue Unit", self.issuing_unit, "abbreviation") or ""

	def set_number_and_symbol(self):
		if self.manual_symbol:
			self.number_and_symbol = (self.number_and_symbol or "").strip()
			return
		abbreviation = self.issuer_abbreviation()
		if abbreviation:
			self.number_and_symbol = format_document_number(
				self.document_number, abbreviation, TYPE_CODE, party=bool(self.party_document)
			)

	def validate_unique_number(self):
		if not self.document_number and not self.manual_symbol:
			return
		if not self.number_and_symbol or self.number_and_symbol.startswith(("/", "-")):
			return
		plan = frappe.qb.DocType("Dialogue Plan")
		clash = (
			frappe.qb.from_(plan)
			.select(plan.name)
			.where(
				(plan.issuing_unit == self.issuing_unit)
				& (plan.year == self.year)
				& (plan.number_and_symbol == self.number_and_symbol)
				& (plan.docstatus < 2)
				& (plan.name != self.name)
			)
			.limit(1)
			.run(pluck=True)
		)
		if clash:
			frappe.throw(
				_("{0} {1} is already used by plan {2} of {3} in {4}.").format(
					_(self.meta.get_label("number_and_symbol")),
					frappe.bold(self.number_and_symbol),
					frappe.bold(clash[0]),
					self.issuing_unit,
					self.year,
				),
				exc=DuplicateDocumentNumberError,
				title=_("Duplicate Number and Symbol"),
			)

	def validate_ready_to_sign(self):
		missing = [
			_(self.meta.get_label(f))
			for f in ("chair", "signer_name", "signer_title", "plan_date")
			if not self.get(f)
		]
		if missing:
			frappe.throw(
				_("Fill in {0} before the plan is approved.").format(", ".join(missing)),
				title=_("Missing Values"),
			)

	def assign_number(self):
		"""The unit's next plan number of the year, when none was typed (vào sổ văn bản đi)."""
		if self.document_number or self.manual_symbol:
			return
		used = frappe.get_all(
			"Dialogue Plan",
			filters={"issuing_unit": self.issuing_unit, "year": self.year, "docstatus": ("<", 2)},
			pluck="document_number",
		)
		# locked counter: two approvals at the same moment get two numbers
		self.document_number = take_number(series_key("plan", self.issuing_unit, self.year), used)
		self.set_number_and_symbol()
		self.validate_unique_number()

	@frappe.whitelist()
	def send_for_signature(self, print_format: str) -> str:
		"""A Signed Document of this plan (Dialogue Plan Document, Dialogue Results Report) in ``print_format``, awaiting the signer (its own
		workflow signs and seals it; see services/signing.py)."""
		from tiep_xuc_doi_thoai.services.signing import send_for_signature

		return send_for_signature(self, print_format)


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Dialogue Plan")
