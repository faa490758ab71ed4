# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialogueInvitee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		invited_on: DF.Date | None
		invitee: DF.Data | None
		invitee_group: DF.Literal[
			"Leadership", "Unit", "Fatherland Front and Organizations", "People", "Press", "Other"
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit: DF.Link | None
	# end: auto-generated types
	pass
