# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document

SATISFIED = "Satisfied"
NOT_SATISFIED = "Not Satisfied"
REOPEN_REQUESTED = "Reopen Requested"
NO_ACTION = "No Action Needed"


class PetitionSatisfactionReply(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_on: DF.Date | None
		comment: DF.SmallText | None
		handling_note: DF.SmallText | None
		petition: DF.Link
		received_on: DF.Datetime | None
		satisfaction: DF.Literal["Satisfied", "Not Satisfied"]
		status: DF.Literal["Reopen Requested", "Reopened", "Reopen Declined", "No Action Needed"]
	# end: auto-generated types

	def before_insert(self):
		self.set_initial_status()

	def set_initial_status(self):
		# A reply that is not satisfied waits for the Secretariat; reopening the petition stays
		# their decision, taken through the petition's workflow.
		self.status = REOPEN_REQUESTED if self.satisfaction == NOT_SATISFIED else NO_ACTION
