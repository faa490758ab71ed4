# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tiep_xuc_doi_thoai.core.petitions import (
	IDENTITY_FIELDS,
	clean_id_number,
	contains_markup,
	id_number_problem,
)


class PetitionIdentity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		id_number: DF.Data | None
		petition: DF.Link
		petitioner_name: DF.Data | None
		phone: DF.Data | None
		representative: DF.Data | None
		village: DF.Data | None

	# end: auto-generated types
	def validate(self):
		for fieldname in IDENTITY_FIELDS:
			if contains_markup(self.get(fieldname)):
				frappe.throw(
					_("{0} must be plain text: HTML and script are not accepted.").format(
						frappe.bold(_(self.meta.get_label(fieldname)))
					),
					title=_("Invalid Text"),
				)
		self.id_number = clean_id_number(self.id_number) or None
		if id_number_problem(self.id_number):
			frappe.throw(
				_("ID Number must be a 12-digit CCCD or a 9-digit CMND."), title=_("Invalid ID Number")
			)
