# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialoguePlanResponsibility(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		due_date: DF.Date | None
		due_note: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		task: DF.TextEditor
		unit: DF.Link | None
		unit_label: DF.Data | None
	# end: auto-generated types
	pass
