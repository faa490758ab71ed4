# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Trust (root certificates, revocation lists) and timestamping for signed documents."""

from __future__ import annotations

from frappe.model.document import Document


class SignatureSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		crl_file: DF.Attach | None
		fetch_revocation: DF.Check
		max_upload_mb: DF.Int
		remote_timeout: DF.Int
		require_revocation_check: DF.Check
		trust_roots_file: DF.Attach | None
		tsa_url: DF.Data | None
	# end: auto-generated types

	pass
