# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""A periodic report (báo cáo) of a unit: figures computed from the data on every save while
it is a draft, narrative written by people, approved through its workflow, and once approved
(doc status 1, whatever the workflow's states are called) sent to the upper level's site."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import periodic_report as report_figures
from tiep_xuc_doi_thoai.utils.labels import document_label
from tiep_xuc_doi_thoai.utils.workflow import require_transition, sync_status_from_state


class ReportPeriodError(frappe.ValidationError):
	pass


PERIOD_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"missing_dates": lambda: _("A custom range needs both From Date and To Date."),
	"dates_reversed": lambda: _("From Date must be on or before To Date."),
	"kind": lambda: _("Choose the period of the report."),
}


class DialogueReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_recipient.dialogue_recipient import (
			DialogueRecipient,
		)

		amended_from: DF.Link | None
		answered_late: DF.Int
		answered_on_time: DF.Int
		assignments_overdue: DF.Int
		authority: DF.Literal["", "TM.", "KT.", "Q.", "TL.", "TUQ."]
		authority_title: DF.Data | None
		conclusions_done: DF.Int
		conclusions_in_progress: DF.Int
		conclusions_total: DF.Int
		dialogues_by_finish: DF.Int
		dialogues_held: DF.Int
		dialogues_held_in_year: DF.Int
		dialogues_required: DF.Int
		figures_json: DF.Code | None
		forwarded: DF.Int
		from_date: DF.Date | None
		issuing_unit: DF.Link
		number_and_symbol: DF.Data | None
		open_overdue: DF.Int
		opinions_received: DF.Int
		period_kind: DF.Literal["First Six Months", "Last Six Months", "Year", "Custom Range"]
		place_name: DF.Data | None
		plan_due: DF.Date | None
		plan_issued_on: DF.Date | None
		plan_on_time: DF.Check
		proposals: DF.TextEditor | None
		recipients: DF.Table[DialogueRecipient]
		report_date: DF.Date | None
		results: DF.TextEditor | None
		send_to_link: DF.Link | None
		sent_transfer: DF.Link | None
		shortcomings: DF.TextEditor | None
		signer_name: DF.Data | None
		signer_title: DF.Data | None
		status: DF.Literal["Draft", "Pending Review", "Approved", "Cancelled"]
		still_open: DF.Int
		title: DF.Data | None
		to_date: DF.Date | None
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types

	def validate(self):
		sync_status_from_state(self)
		self.set_period()
		self.set_title()
		self.set_send_to_link()
		self.set_signer()
		self.compute_figures()

	def before_submit(self):
		# Who approves is the workflow's transition (the administrator's): no role is checked
		# here, only that the submit is a transition and not a bare API submit.
		require_transition(self)

	def before_cancel(self):
		require_transition(self)

	def before_update_after_submit(self):
		sync_status_from_state(self)

	def on_submit(self):
		# Approved = docstatus 1, whatever the workflow's approving state is called.
		self.send_up()
		from tiep_xuc_doi_thoai.services.signing import await_signature_on_approval

		await_signature_on_approval(self)

	# -- steps -----------------------------------------------------------------------------
	def set_period(self):
		try:
			start, end = report_figures.period_range(
				self.period_kind,
				int(self.year or 0) or getdate(today()).year,
				getdate(self.from_date) if self.from_date else None,
				getdate(self.to_date) if self.to_date else None,
			)
		except report_figures.PeriodError as e:
			frappe.throw(PERIOD_MESSAGES[e.code](), exc=ReportPeriodError, title=_("Invalid Period"))
		self.from_date, self.to_date = start, end
		if not self.year:
			self.year = end.year

	def set_title(self):
		if not (self.title or "").strip():
			self.title = report_figures.report_title(
				self.period_kind,
				int(self.year),
				getdate(self.from_date),
				getdate(self.to_date),
				label=document_label,
			)

	def set_send_to_link(self):
		if not self.send_to_link:
			self.send_to_link = frappe.db.get_value(
				"Dialogue Site Link",
				{"direction": levels.UPPER, "enabled": 1},
				"name",
				order_by="creation asc",
			)

	def set_signer(self):
		"""Who signs, when not typed: as on the unit's latest signed plan, else its head."""
		if self.signer_name:
			return
		from tiep_xuc_doi_thoai.services.print_formats import signer_for_unit

		for key, value in signer_for_unit(self.issuing_unit).items():
			if value and not self.get(key):
				self.set(key, value)

	def compute_figures(self):
		"""Recomputed while a draft; frozen once approved (what was signed stays)."""
		if self.docstatus != 0:
			return
		from tiep_xuc_doi_thoai.services.periodic_report import figures_for

		figures = figures_for(
			self.issuing_unit, int(self.year), getdate(self.from_date), getdate(self.to_date)
		)
		self.update(figures.scalars())
		self.plan_on_time = int(bool(figures.plan_on_time))
		self.figures_json = json.dumps(figures.breakdown(), ensure_ascii=False, indent=1, default=str)

	def send_up(self):
		if not self.send_to_link:
			return
		from tiep_xuc_doi_thoai.integrations.reports import queue_report

		name = queue_report(self)
		if name:
			self.db_set("sent_transfer", name)

	@frappe.whitelist()
	def send_for_signature(self, print_format: str) -> str:
		"""A Signed Document of this report in ``print_format``, awaiting the signer (its own
		workflow signs and seals it; see services/signing.py)."""
		from tiep_xuc_doi_thoai.services.signing import send_for_signature

		return send_for_signature(self, print_format)
