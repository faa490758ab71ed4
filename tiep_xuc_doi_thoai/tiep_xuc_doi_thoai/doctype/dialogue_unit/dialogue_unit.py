# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import re

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from tiep_xuc_doi_thoai.services import units

# A symbol is "<number>/<type>-<issuer>" or "<number>/<issuer>-<unit>": a slash or a space
# inside an abbreviation would make it unreadable.
ABBREVIATION_RE = re.compile(r"^[^\s/]+$")


class DialogueUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		abbreviation: DF.Data
		disabled: DF.Check
		email: DF.Data | None
		header_name: DF.Data | None
		is_group: DF.Check
		kind: DF.Literal[
			"",
			"People's Committee",
			"Party Committee",
			"Fatherland Front",
			"People's Council",
			"Department",
			"Section",
			"Other",
		]
		level: DF.Literal["", "Central", "Province", "Commune", "District (legacy)"]
		lft: DF.Int
		old_parent: DF.Link | None
		parent_dialogue_unit: DF.Link | None
		party_document: DF.Check
		phone: DF.Data | None
		place_name: DF.Data | None
		rgt: DF.Int
		unit_head: DF.Link | None
		unit_name: DF.Data
	# end: auto-generated types
	nsm_parent_field = "parent_dialogue_unit"

	def validate(self):
		self.clean_abbreviation()
		self.validate_parent()

	def clean_abbreviation(self):
		self.abbreviation = (self.abbreviation or "").strip()
		if not ABBREVIATION_RE.match(self.abbreviation):
			frappe.throw(
				_(
					"Abbreviation {0} cannot contain spaces or a slash: it is used in document symbols such as 134/KH-UBND."
				).format(frappe.bold(self.abbreviation)),
				title=_("Invalid Abbreviation"),
			)

	def validate_parent(self):
		if self.parent_dialogue_unit and self.parent_dialogue_unit == self.name:
			frappe.throw(_("A unit cannot be its own parent unit."), title=_("Invalid Parent Unit"))

	@frappe.whitelist(methods=["POST"])
	def assign_user(self, user: str) -> str:
		"""Desk action for the administrator: restrict ``user`` to this unit and the units under
		it (a standard User Permission: whoever may create User Permissions may do it)."""
		frappe.has_permission("User Permission", "create", throw=True)
		return units.restrict_user_to_unit(user, self.name)

	def on_trash(self):
		super().on_trash(allow_root_deletion=True)
