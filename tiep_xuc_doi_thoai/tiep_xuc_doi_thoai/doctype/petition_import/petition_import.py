# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer


class PetitionImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		conference: DF.Link | None
		contains_confidential: DF.Check
		default_date: DF.Date | None
		error_count: DF.Int
		error_message: DF.SmallText | None
		errors_html: DF.HTML
		file_hash: DF.Data | None
		finished_on: DF.Datetime | None
		first_petition: DF.Link | None
		import_file: DF.Attach
		imported_rows: DF.Int
		job_id: DF.Data | None
		last_petition: DF.Link | None
		phase: DF.Literal[
			"Before a Conference", "At a Conference", "After a Conference", "Outside Conferences"
		]
		row_errors: DF.Code | None
		source: DF.Literal[
			"At a Conference",
			"Fatherland Front or Organizations",
			"Citizen Reception",
			"Mail",
			"Online",
			"Transferred by Another Body",
		]
		started_on: DF.Datetime | None
		status: DF.Literal["Pending", "Queued", "Running", "Success", "Failed"]
		total_rows: DF.Int
	# end: auto-generated types

	def onload(self):
		if self.status in ("Queued", "Running"):
			importer.fail_lost_imports()

	@frappe.whitelist()
	def start_import(self) -> dict:
		"""The Start Import button: queue the background job (``importer.run_import``); a file
		already queued or running is refused."""
		return importer.start_import(self.name)

	def validate(self):
		self.validate_file_unchanged()
		self.keep_file_private()

	def validate_file_unchanged(self):
		"""The record is the history of one upload: its file and options stay as they were run."""
		if self.is_new() or self.status == "Pending":
			return
		before = self.get_doc_before_save()
		if before and any(
			before.get(f) != self.get(f)
			for f in ("import_file", "source", "phase", "conference", "default_date")
		):
			frappe.throw(
				_("An import that has been started cannot change its file or options. Create a new import."),
				title=_("Import Already Started"),
			)

	def keep_file_private(self):
		"""The list names petitioners (and denouncers): the uploaded file is never public."""
		name = frappe.db.get_value("File", {"file_url": self.import_file, "is_private": 0}, "name")
		if not name:
			return
		file = frappe.get_doc("File", name)
		file.check_permission("write")
		file.is_private = 1
		file.save()
		self.import_file = file.file_url


def on_doctype_update():
	from tiep_xuc_doi_thoai.setup.indexes import add_indexes

	add_indexes("Petition Import")
