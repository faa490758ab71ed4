# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class DialogueReceivedReport(Document):
	"""A lower level's approved report, as it arrived (integrations/reports.py)."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_late: DF.Int
		answered_on_time: DF.Int
		assignments_overdue: DF.Int
		conclusions_done: DF.Int
		dialogues_held: DF.Int
		dialogues_required: DF.Int
		figures_json: DF.Code | None
		from_date: DF.Date | None
		number_and_symbol: DF.Data | None
		open_overdue: DF.Int
		opinions_received: DF.Int
		period_kind: DF.Data | None
		plan_on_time: DF.Check
		proposals: DF.TextEditor | None
		report_date: DF.Date | None
		results: DF.TextEditor | None
		sender_reference: DF.Data | None
		sender_unit: DF.Data | None
		shortcomings: DF.TextEditor | None
		signed_file: DF.Attach | None
		site_link: DF.Link | None
		still_open: DF.Int
		title: DF.Data | None
		to_date: DF.Date | None
		year: DF.Int

	# end: auto-generated types

	@frappe.whitelist()
	def verify_signatures(self) -> dict:
		"""The lower level's signatures on the PDF it sent: intact, by whom, when, trusted."""
		self.check_permission("read")
		if not self.signed_file:
			frappe.throw(_("This report arrived without a signed PDF."))
		from tiep_xuc_doi_thoai.services import signing

		return signing.verification_report(signing.file_content(self.signed_file), require_ours=False)
