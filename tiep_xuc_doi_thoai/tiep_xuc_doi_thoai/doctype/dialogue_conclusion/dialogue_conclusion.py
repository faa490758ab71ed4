# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialogueConclusion(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assignment: DF.Link | None
		conclusion: DF.SmallText
		conclusion_kind: DF.Literal[
			"Answered at the Conference", "To Be Resolved", "Beyond Authority", "Information"
		]
		due_date: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		petition: DF.Link | None
		progress: DF.Literal["Not Yet Carried Out", "Being Carried Out", "Carried Out"]
		responsible_unit: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Dialogue Conclusion")
