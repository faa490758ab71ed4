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
from tiep_xuc_doi_thoai.permissions import identity, sealing
from tiep_xuc_doi_thoai.services.petition_checks import check_id_number, refuse_markup_in


class PetitionIdentity(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		id_number: DF.Data | None
		id_number_key: DF.Data | None
		petition: DF.Link
		person_key: DF.Data | None
		petitioner_name: DF.Data | None
		phone: DF.Data | None
		representative: DF.Data | None
		village: DF.Data | None

	# end: auto-generated types
	def onload(self):
		"""The form (and its save) shows the identity in clear to who may see it: a reveal,
		logged. Every other read (REST, reports, lists) gets the sealed columns."""
		if not identity.may_see_identity():
			return
		self.update(identity.unsealed({f: self.get(f) for f in IDENTITY_FIELDS}))
		identity.log_reveal([self.petition], "Form")

	def validate(self):
		self.open_sealed()
		self.validate_plain_text()
		self.validate_id_number()
		self.set_matching_keys()
		self.seal()

	def open_sealed(self):
		"""Fields left sealed (not edited) are opened so the checks and keys see the whole
		identity; an edited field arrives in clear."""
		for fieldname in IDENTITY_FIELDS:
			self.set(fieldname, sealing.unseal(self.get(fieldname)))

	def validate_plain_text(self):
		refuse_markup_in(self, IDENTITY_FIELDS)

	def validate_id_number(self):
		self.id_number = clean_id_number(self.id_number) or None
		check_id_number(self.id_number)

	def set_matching_keys(self):
		keys = identity.keys_of(self.as_dict())
		self.id_number_key = keys["id_key"] or None
		self.person_key = keys["person_key"] or None

	def seal(self):
		"""Encrypted at rest (permissions/sealing.py): no column holds the identity in clear."""
		for fieldname in IDENTITY_FIELDS:
			self.set(fieldname, sealing.seal(self.get(fieldname)))
