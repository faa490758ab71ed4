# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tiep_xuc_doi_thoai.core.vietnamese import normalize_text

KIND_CATEGORY = "Category"
KIND_UNIT = "Unit"


class DuplicateSynonymError(frappe.ValidationError):
	pass


class PetitionNameSynonym(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Link | None
		kind: DF.Literal["Category", "Unit"]
		synonym_text: DF.Data
		unit: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.clear_other_target()
		self.refuse_duplicate()

	def clear_other_target(self):
		if self.kind == KIND_CATEGORY:
			self.unit = None
		else:
			self.category = None

	def refuse_duplicate(self):
		"""One text means one record: a second synonym for the same text would be a guess."""
		key = normalize_text(self.synonym_text)
		for other in frappe.get_all(
			"Petition Name Synonym",
			filters={"kind": self.kind, "name": ("!=", self.name or "")},
			fields=["synonym_text"],
		):
			if normalize_text(other.synonym_text) == key:
				frappe.throw(
					_("{0} is already a synonym. Edit that record instead.").format(
						frappe.bold(self.synonym_text)
					),
					exc=DuplicateSynonymError,
					title=_("Duplicate Synonym"),
				)


def synonyms(kind: str) -> list[tuple[str, str]]:
	"""(text, record name) pairs for the import matcher."""
	target = "category" if kind == KIND_CATEGORY else "unit"
	return [
		(r.synonym_text, r.get(target))
		for r in frappe.get_all(
			"Petition Name Synonym", filters={"kind": kind}, fields=["synonym_text", target]
		)
		if r.get(target)
	]
