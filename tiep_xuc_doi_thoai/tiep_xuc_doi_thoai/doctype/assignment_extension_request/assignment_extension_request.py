# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class AssignmentExtensionRequest(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		current_due_date: DF.Date | None
		decided_by: DF.Link | None
		decided_on: DF.Date | None
		decision: DF.Literal["Pending", "Approved", "Refused"]
		decision_note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText
		requested_by: DF.Link | None
		requested_due_date: DF.Date
		requested_on: DF.Date | None
	# end: auto-generated types
	pass
