# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""A signed document (a plan) a lower level sent up, filed byte for byte
(integrations/signed_documents.py). Its own doctype rather than a *Received Report*: a plan
has none of a report's period and figures, and the notices and minutes that may travel next
have none either; what they share is the signed PDF and who signed it."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document


class DialogueReceivedDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		document_reference: DF.Data | None
		document_type: DF.Data | None
		expected_fingerprints: DF.SmallText | None
		number_and_symbol: DF.Data | None
		sealed_on: DF.Datetime | None
		sender_reference: DF.Data | None
		sender_unit: DF.Data | None
		sha256: DF.Data | None
		signature_status: DF.Literal["Valid", "Not Valid"]
		signed_file: DF.Attach | None
		signer_name: DF.Data | None
		site_link: DF.Link | None
		title: DF.Data | None
		verification_message: DF.SmallText | None
	# end: auto-generated types

	@frappe.whitelist()
	def verify_signatures(self) -> dict:
		"""The lower level's signatures on the PDF as it arrived: intact, trusted, and the
		sender's own certificates among them."""
		self.check_permission("read")
		if not self.signed_file:
			frappe.throw(_("This document arrived without a signed PDF."))
		from tiep_xuc_doi_thoai.services import signing

		return signing.verify_received(
			signing.file_content(self.signed_file), self.sender_unit or "", self.fingerprints()
		)

	def fingerprints(self) -> set[str]:
		return {f for f in (self.expected_fingerprints or "").split() if f}
