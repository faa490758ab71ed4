# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialogueSpeakerRegistration(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.Data | None
		minutes_requested: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		petition: DF.Link | None
		phone: DF.Data | None
		registered_on: DF.Date | None
		speaker_name: DF.Data
		speaking_order: DF.Int
		spoke: DF.Check
		topic: DF.SmallText
	# end: auto-generated types
	pass
