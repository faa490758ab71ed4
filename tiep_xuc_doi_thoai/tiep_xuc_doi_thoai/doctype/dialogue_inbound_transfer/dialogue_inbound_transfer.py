# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class DialogueInboundTransfer(Document):
	"""The receipt of something another level sent here (integrations/receive.py). The
	Dialogue Integration role's Role Permission to create it is what lets the other site in."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		content_hash: DF.Data | None
		idempotency_key: DF.Data
		kind: DF.Literal["Petition", "Petition Update", "Report", "Signed Document"]
		payload_version: DF.Int
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sender_reference: DF.Data | None
		site_link: DF.Link | None
		tracking_code: DF.Data | None

	# end: auto-generated types
