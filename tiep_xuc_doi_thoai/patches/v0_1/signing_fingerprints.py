"""Documents waiting for a signature keep what they were sent as (issue 20): what is signed is
now fingerprinted without the print page's closing comment (the user's name) and in the site's
language (services/signing.content_fingerprint), so each open Signed Document gets the new
fingerprint - but only when its document was not changed after it was sent: a document edited
since is left to be refused and sent again, as before."""

import frappe
from frappe.utils import get_datetime

OPEN = ("Awaiting Signature", "Signed")


def execute() -> None:
	from tiep_xuc_doi_thoai.services.signing import content_fingerprint

	rows = frappe.get_all(
		"Signed Document",
		filters={"status": ("in", OPEN), "outdated": 0},
		fields=["name", "creation", "reference_doctype", "reference_name", "print_format"],
	)
	for row in rows:
		modified = frappe.db.get_value(row.reference_doctype, row.reference_name, "modified")
		if not modified or get_datetime(modified) > get_datetime(row.creation):
			continue
		frappe.db.set_value(
			"Signed Document",
			row.name,
			"content_fingerprint",
			content_fingerprint(row.reference_doctype, row.reference_name, row.print_format),
			update_modified=False,
		)
