# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.integrations import petitions


class DialogueTransfer(Document):
	"""One thing sent to another level; moved by integrations/outbox.py only."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempts: DF.Int
		direction: DF.Literal["Upward", "Downward"]
		duplicate_receipt: DF.Check
		idempotency_key: DF.Data | None
		kind: DF.Literal["Petition", "Petition Update", "Report", "Signed Document"]
		last_attempt_on: DF.Datetime | None
		last_error: DF.SmallText | None
		last_http_status: DF.Int
		next_attempt_on: DF.Datetime | None
		payload: DF.Code | None
		payload_version: DF.Int
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		remote_reference: DF.Data | None
		remote_tracking_code: DF.Data | None
		sent_on: DF.Datetime | None
		site_link: DF.Link
		status: DF.Literal["Queued", "Sending", "Sent", "Failed", "Dead"]

	# end: auto-generated types

	def on_update(self):
		if self.status == levels.SENT and self.has_value_changed("status"):
			self.on_delivered()

	def on_delivered(self) -> None:
		"""What the sent record keeps of the other level's receipt (a petition: its reference
		there). The outbox only moves transfers; it does not know the records they carry."""
		petitions.on_transfer_delivered(self)
