"""Download a document as PDF on the base layout: page numbers from page 2, and no request
back to the site's own web server for CSS (see utils/printing.py)."""

from __future__ import annotations

import frappe
from frappe.www.printview import validate_print_permission

from tiep_xuc_doi_thoai.utils.printing import print_format_pdf


@frappe.whitelist()
def download_pdf(doctype: str, name: str, print_format: str | None = None, no_letterhead: int = 1) -> None:
	"""``/api/method/tiep_xuc_doi_thoai.api.printing.download_pdf?doctype=...&name=...&print_format=...``"""
	doc = frappe.get_doc(doctype, name)
	validate_print_permission(doc)
	pdf = print_format_pdf(doctype, name, print_format, doc=doc, no_letterhead=no_letterhead)
	frappe.local.response.filename = "{}.pdf".format(name.replace(" ", "-").replace("/", "-"))
	frappe.local.response.filecontent = pdf
	frappe.local.response.type = "pdf"
