"""The citizen petition list's import calls (the import itself, its record and its background
job are beside the Petition Import doctype: ``doctype/petition_import/importer.py``)."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer


@frappe.whitelist()
def download_template() -> None:
	content = importer.template()
	frappe.response["filename"] = importer.TEMPLATE_NAME
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


@frappe.whitelist()
def preview_import(file_url: str, default_date: str | None = None, choices: str | None = None) -> dict:
	return importer.preview(file_url, default_date, choices)


@frappe.whitelist(methods=["POST"])
def import_petitions(
	file_url: str,
	default_date: str | None = None,
	source: str = petition_rules.SOURCE_FRONT,
	phase: str = petition_rules.PHASE_NONE,
	conference: str | None = None,
	choices: str | None = None,
) -> dict:
	"""Record the upload as a Petition Import and queue it; the desk follows its progress."""
	return importer.record_and_start(file_url, default_date, source, phase, conference, choices)
