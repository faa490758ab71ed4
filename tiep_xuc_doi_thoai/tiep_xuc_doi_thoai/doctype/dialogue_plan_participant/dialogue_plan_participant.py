# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialoguePlanParticipant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		note: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		participant: DF.Data | None
		participation: DF.Literal["Chair", "Co-chair", "Participant", "Invited", "Secretary", "Supporting"]
		unit: DF.Link | None
	# end: auto-generated types
	pass
