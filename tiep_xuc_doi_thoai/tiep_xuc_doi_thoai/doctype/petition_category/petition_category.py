# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet


class PetitionCategory(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category_name: DF.Data
		code: DF.Data | None
		description: DF.SmallText | None
		disabled: DF.Check
		is_group: DF.Check
		lft: DF.Int
		old_parent: DF.Link | None
		parent_petition_category: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types
	nsm_parent_field = "parent_petition_category"

	def validate(self):
		self.category_name = (self.category_name or "").strip()
		self.validate_parent()

	def validate_parent(self):
		if self.parent_petition_category and self.parent_petition_category == self.name:
			frappe.throw(
				_("A category cannot be its own parent category."), title=_("Invalid Parent Category")
			)

	def on_trash(self):
		super().on_trash(allow_root_deletion=True)
