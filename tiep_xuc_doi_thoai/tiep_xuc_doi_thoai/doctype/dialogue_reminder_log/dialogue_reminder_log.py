# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialogueReminderLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_date: DF.Date | None
		kind: DF.Literal["Due Soon", "Overdue", "Weekly Digest"]
		log_key: DF.Data
		recipients: DF.SmallText | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sent_on: DF.Datetime | None
	# end: auto-generated types
	"""One row per reminder sent: its key (kind, document, due date) is its name, so a
	second attempt to log the same reminder fails and the job knows not to send it."""
