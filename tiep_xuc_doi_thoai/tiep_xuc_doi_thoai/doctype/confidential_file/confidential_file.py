# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

from frappe.model.document import Document


class ConfidentialFile(Document):
	"""Written only by permissions/sealed_files.py, read only by its guarded download."""

	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attached_to_doctype: DF.Link | None
		attached_to_name: DF.DynamicLink | None
		content_type: DF.Data | None
		file: DF.Link
		original_name: DF.Data | None

	# end: auto-generated types
	pass
