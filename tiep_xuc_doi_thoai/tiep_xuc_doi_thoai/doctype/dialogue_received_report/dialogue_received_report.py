# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

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
		site_link: DF.Link | None
		still_open: DF.Int
		title: DF.Data | None
		to_date: DF.Date | None
		year: DF.Int

	# end: auto-generated types
