"""Import the petition lists MTTQ and units send as Excel: template, preview, import.

All or nothing: every row is validated first (``core.petition_import``), then all rows are
inserted inside one savepoint; a single bad row - in the file or refused by the controller -
rolls the whole import back and the user gets a message per row.

The desk import runs in the background (queue "long"): each upload is a ``Petition Import``
record (who, when, the file, rows, result, row errors), the job reports its progress in
realtime, and a second import of the same file while one is queued or running is refused.
Petitions are created with ``insert()`` like any other: Frappe sets the workflow's first
state and files its own Workflow Action entries.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, escape_html, getdate, now_datetime

from tiep_xuc_doi_thoai.core import petition_import as import_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text
from tiep_xuc_doi_thoai.permissions import sealed_files, sealing

SAVEPOINT = "petition_import"
JOB_SAVEPOINT = "petition_import_job"
MAX_INSERT_ERRORS = 50
MAX_SHOWN_ERRORS = 100
TEMPLATE_NAME = "mau-danh-sach-y-kien.xlsx"
RECORD = "Petition Import"
QUEUE = "long"
JOB_TIMEOUT = 3600
PROGRESS_EVERY = 100
CHUNK = 500  # petitions named and given their inbox entries together
ACTIVE = ("Queued", "Running")
# A record queued this long ago whose job RQ no longer knows was lost with its worker.
LOST_AFTER_SECONDS = 120


class PetitionImportError(frappe.ValidationError):
	def __init__(self, *args, row_errors: list[dict] | None = None):
		super().__init__(*args)
		self.row_errors = row_errors or []


FILE_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"empty": lambda: _("The file is empty."),
	"too_large": lambda: _("The file is larger than {0} MB.").format(
		import_rules.MAX_FILE_BYTES // (1024 * 1024)
	),
	"not_excel": lambda: _(
		"The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."
	),
	"no_header": lambda: _(
		"No header row was found. The list needs a column named Nội dung and the columns of the template (Họ và tên, Ngày tiếp nhận...)."
	),
	"no_rows": lambda: _("The list has no rows to import."),
	"too_many_rows": lambda: _("The list has more than {0} rows. Split it into several files.").format(
		import_rules.MAX_ROWS
	),
}
ROW_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"markup": lambda: _("HTML or script is not accepted"),
	"too_long": lambda: _("the text is too long"),
	"missing_content": lambda: _("the content is empty"),
	"missing_date": lambda: _("the date is empty"),
	"bad_date": lambda: _("not a date (use dd/mm/yyyy)"),
	"future_date": lambda: _("the date is in the future"),
	"bad_id_number": lambda: _("an ID number has 12 digits (CCCD) or 9 digits (CMND)"),
	"bad_phone": lambda: _("a phone number has 9 to 12 digits"),
	"bad_number": lambda: _("not a whole number"),
	"unknown_type": lambda: _("unknown type (kiến nghị, phản ánh, khiếu nại, tố cáo, nhiều nội dung)"),
	"unknown_category": lambda: _("no such category"),
	"unknown_unit": lambda: _("no such unit"),
	"unknown_section": lambda: _("the group row names no known category"),
	"ambiguous": lambda: _("fits several records: choose one in the preview"),
	"rejected": lambda: _("refused"),
}
COLUMN_LABELS = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	"received_date": lambda: _("Received Date"),
	"petitioner_name": lambda: _("Petitioner Name"),
	"id_number": lambda: _("ID Number"),
	"phone": lambda: _("Phone", context="Citizen Petition"),
	"address": lambda: _("Address", context="Citizen Petition"),
	"commune": lambda: _("Commune"),
	"village": lambda: _("Village"),
	"group_size": lambda: _("Number of People"),
	"representative": lambda: _("Representative"),
	"petition_type": lambda: _("Petition Type"),
	"category": lambda: _("Category", context="Citizen Petition"),
	"content": lambda: _("Content", context="Citizen Petition"),
	"responsible_unit": lambda: _("Responsible Unit"),
	"source": lambda: _("Source"),
	"note": lambda: _("Note"),
}


# How a name in the file was mapped (core.petition_import match kinds).
MATCH_LABELS = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	import_rules.BY_CODE: lambda: _("by its code"),
	import_rules.NO_DIACRITICS: lambda: _("without diacritics"),
	import_rules.CHOSEN: lambda: _("as you chose"),
	import_rules.SYNONYM: lambda: _("through a synonym"),
	import_rules.PREFIX: lambda: _("by the beginning of the name"),
	import_rules.WORDS: lambda: _("by its words"),
}


def file_error_message(error: import_rules.ImportFileError) -> str:
	return FILE_MESSAGES.get(error.code, FILE_MESSAGES["not_excel"])()


def row_error_dict(error: import_rules.RowError) -> dict:
	column = COLUMN_LABELS[error.column]() if error.column in COLUMN_LABELS else ""
	problem = ROW_MESSAGES.get(error.code, ROW_MESSAGES["rejected"])()
	value = f" ({error.value})" if error.value and error.code != "markup" else ""
	return {
		"row": error.row,
		"column": column,
		"code": error.code,
		"message": _("Row {0}: {1}: {2}").format(
			error.row, column or _("row", context="Petition Import"), problem + value
		),
	}


def _check_permission() -> None:
	frappe.has_permission("Citizen Petition", "create", throw=True)


def _file_content(file_url: str) -> tuple[bytes, str]:
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	if cint(file.file_size) > import_rules.MAX_FILE_BYTES:
		_throw_file_error(import_rules.ImportFileError("too_large"))
	return _clear_content(file), file.file_name or file_url


def _clear_content(file) -> bytes:
	"""The list as uploaded; opened if it was sealed (an import that held a denunciation)."""
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	return sealing.unseal_content(content)


def _throw_file_error(error: import_rules.ImportFileError) -> None:
	frappe.throw(file_error_message(error), exc=PetitionImportError, title=_("Cannot Read the File"))


def parse(
	content: bytes,
	filename: str | None,
	default_date: str | dt.date | None = None,
	choices: dict | str | None = None,
) -> import_rules.ParseResult:
	"""``choices``: column -> {normalized text: record} the user chose in the preview."""
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_name_synonym.petition_name_synonym import (
		KIND_CATEGORY,
		KIND_UNIT,
		synonyms,
	)

	choices = frappe.parse_json(choices) if choices else {}
	if not isinstance(choices, dict):
		choices = {}
	categories = [(r.name, r.code) for r in frappe.get_all("Petition Category", fields=["name", "code"])]
	units = [
		(r.name, r.abbreviation) for r in frappe.get_all("Dialogue Unit", fields=["name", "abbreviation"])
	]
	try:
		return import_rules.parse_petition_file(
			content,
			filename,
			categories,
			units,
			today=getdate(),
			default_date=getdate(default_date) if default_date else None,
			category_synonyms=synonyms(KIND_CATEGORY),
			unit_synonyms=synonyms(KIND_UNIT),
			choices=choices,
		)
	except import_rules.ImportFileError as e:
		_throw_file_error(e)


def summary(result: import_rules.ParseResult) -> dict:
	# Ambiguous names are listed for a choice, not as problems to fix in the file.
	errors = [row_error_dict(e) for e in result.errors if e.code != "ambiguous"]
	types: dict[str, int] = {}
	for row in result.rows:
		label = _(
			row.values.get("petition_type") or petition_rules.RECOMMENDATION, context="Citizen Petition"
		)
		types[label] = types.get(label, 0) + 1
	return {
		"header_row": result.header_row,
		"columns": [COLUMN_LABELS[c]() for c in result.columns if c in COLUMN_LABELS],
		"rows": len(result.rows),
		"by_type": types,
		"errors": errors[:MAX_SHOWN_ERRORS],
		"error_count": len(errors),
		"error_rows": len({e["row"] for e in errors}),
		"preview": [preview_row(r) for r in result.rows],
		"mapped": [
			{
				"column": COLUMN_LABELS[m.column](),
				"text": m.text,
				"value": m.value,
				"how": MATCH_LABELS.get(m.how, MATCH_LABELS[import_rules.WORDS])(),
				"rows": len(m.rows),
			}
			for m in result.mapped
		],
		"ambiguities": [
			{
				"column": a.column,
				"column_label": COLUMN_LABELS[a.column](),
				"text": a.text,
				"key": a.key,
				"candidates": list(a.candidates),
				"rows": a.rows[:20],
			}
			for a in result.ambiguities
		],
		"sections": len(result.sections),
		"unknown": unknown_names(result),
	}


UNKNOWN_CODES = {
	"unknown_category": "category",
	"unknown_section": "category",
	"unknown_unit": "responsible_unit",
}


def unknown_names(result: import_rules.ParseResult) -> list[dict]:
	"""Names that match nothing, once each: the preview offers to save them as synonyms."""
	seen: dict[tuple[str, str], dict] = {}
	for e in result.errors:
		column = UNKNOWN_CODES.get(e.code)
		if not column or not e.value:
			continue
		key = (column, normalize_text(e.value))
		item = seen.setdefault(
			key,
			{
				"column": column,
				"column_label": COLUMN_LABELS[column](),
				"kind": "Category" if column == "category" else "Unit",
				"text": e.value,
				"rows": [],
			},
		)
		if len(item["rows"]) < 20:
			item["rows"].append(e.row)
	return list(seen.values())


def preview_row(row: import_rules.ImportRow) -> dict:
	"""A row as it will be stored (the denouncer's name is not shown back)."""
	values = row.values
	confidential = import_rules.is_confidential(values)
	return {
		"row": row.row,
		"received_date": frappe.format(values.get("received_date"), "Date")
		if values.get("received_date")
		else "",
		"petitioner_name": "" if confidential else str(values.get("petitioner_name") or ""),
		"petition_type": _(values.get("petition_type") or petition_rules.RECOMMENDATION),
		"category": str(values.get("category") or ""),
		"responsible_unit": str(values.get("responsible_unit") or ""),
		"content": petition_rules.subject_from_content(str(values.get("content") or ""), 80),
		"from_group_row": row.section_row,
	}


def new_petition(values: dict, source: str, phase: str, conference: str | None) -> dict:
	group_size = cint(values.get("group_size"))
	return {
		"doctype": "Citizen Petition",
		"received_date": values.get("received_date"),
		"petition_type": values.get("petition_type") or petition_rules.RECOMMENDATION,
		"category": values.get("category"),
		"content": values.get("content"),
		"petitioner_kind": "Group" if group_size > 1 else "Individual",
		"group_size": group_size or None,
		"petitioner_name": values.get("petitioner_name"),
		"id_number": values.get("id_number"),
		"phone": values.get("phone"),
		"address": values.get("address"),
		"commune": values.get("commune"),
		"village": values.get("village"),
		"representative": values.get("representative"),
		"responsible_unit": values.get("responsible_unit"),
		"source": source,
		"source_body": values.get("source") or None,
		"phase": phase,
		"conference": conference,
		"result": None,
		"previously_handled_by": None,
	}


def import_content(
	content: bytes,
	filename: str | None,
	default_date: str | dt.date | None = None,
	source: str = petition_rules.SOURCE_FRONT,
	phase: str = petition_rules.PHASE_NONE,
	conference: str | None = None,
	progress: Callable[[int, int], None] | None = None,
	choices: dict | str | None = None,
) -> dict:
	"""Validate every row, then insert all of them or none."""
	_check_options(source, phase, conference)
	result = parse(content, filename, default_date, choices)
	if not result.ok:
		_refuse([row_error_dict(e) for e in result.errors], len(result.rows))
	return insert_rows(result, source, phase, conference, progress)


def _check_options(source: str, phase: str, conference: str | None) -> None:
	_check_permission()
	if source not in petition_rules.SOURCES or phase not in petition_rules.PHASES:
		frappe.throw(_("Unknown source or phase."), exc=PetitionImportError)
	if conference:
		frappe.get_doc("Dialogue Conference", conference).check_permission("read")


def insert_rows(
	result: import_rules.ParseResult,
	source: str,
	phase: str,
	conference: str | None,
	progress: Callable[[int, int], None] | None = None,
) -> dict:
	"""Insert every parsed row as a Citizen Petition, or none: a refused row rolls back all."""
	names: list[str] = []
	insert_errors: list[dict] = []
	total = len(result.rows)
	frappe.db.savepoint(SAVEPOINT)
	frappe.flags.petition_deadline_cache = {}
	try:
		inbox = WorkflowInbox("Citizen Petition")
		names_for = SeriesNames.for_doctype("Citizen Petition")
		for start in range(0, total, CHUNK):
			# a chunk of petitions named first, their inbox entries filed in one go, then inserted
			chunk = []
			rows = result.rows[start : start + CHUNK]
			numbers = names_for(len(rows)) if names_for else None
			for row in rows:
				try:
					doc = frappe.get_doc(new_petition(row.values, source, phase, conference))
					doc.flags.bulk_import = True
					doc.flags.notify_update = False  # one list refresh at the end, not one per row
					if numbers:
						numbers.name(doc)
					inbox.prepare(doc)
					chunk.append((row, doc))
				except (frappe.ValidationError, frappe.PermissionError) as e:
					insert_errors.append(_insert_error(row, e))
			inbox.flush()
			for row, doc in chunk:
				if len(insert_errors) >= MAX_INSERT_ERRORS:
					break
				try:
					doc.insert()
					names.append(doc.name)
				except (frappe.ValidationError, frappe.PermissionError) as e:
					insert_errors.append(_insert_error(row, e))
				if progress and names and len(names) % PROGRESS_EVERY == 0:
					progress(len(names), total)
			if len(insert_errors) >= MAX_INSERT_ERRORS:
				break
		if insert_errors:
			raise PetitionImportError(row_errors=insert_errors)
		frappe.publish_realtime(
			"list_update", {"doctype": "Citizen Petition"}, doctype="Citizen Petition", after_commit=True
		)
	except Exception as e:
		frappe.db.rollback(save_point=SAVEPOINT)
		if isinstance(e, PetitionImportError):
			_refuse(e.row_errors, total)
		raise
	finally:
		frappe.flags.petition_deadline_cache = None
	return {
		"imported": len(names),
		"first": names[0] if names else None,
		"last": names[-1] if names else None,
	}


def _insert_error(row, error: Exception) -> dict:
	frappe.clear_messages()
	return {
		"row": row.row,
		"column": "",
		"code": "rejected",
		"message": _("Row {0}: {1}").format(row.row, frappe.utils.strip_html(str(error)) or _("refused")),
	}


class SeriesNames:
	"""The names of a chunk of petitions from Frappe's own naming series, the counter moved once
	per chunk instead of once per row.

	Frappe's ``getseries`` locks and updates the series row in ``tabSeries`` for every document
	(two queries a row, about 40 % of an import's queries). Here the chunk's numbers are reserved
	with one locked read and one update of the same row, in the import's transaction (rolled back
	with it), and each name is built by Frappe's ``parse_naming_series`` from the document's
	series, as ``set_new_name`` would. Used only when the doctype is named by its naming series
	and nothing else takes part in naming (no ``autoname``/``before_naming`` in the controller, no
	Document Naming Rule); otherwise every row is named by Frappe one by one.
	"""

	def __init__(self, size: int):
		self.size = size
		self.next: dict[str, int] = {}
		self.left: dict[str, int] = {}

	@classmethod
	def for_doctype(cls, doctype: str) -> Callable[[int], SeriesNames] | None:
		meta = frappe.get_meta(doctype)
		if not (meta.autoname or "").lower().startswith("naming_series:"):
			return None
		from frappe.model.base_document import get_controller

		controller = get_controller(doctype)
		if any(hasattr(controller, method) for method in ("autoname", "before_naming")):
			return None
		if frappe.get_all("Document Naming Rule", filters={"document_type": doctype, "disabled": 0}, limit=1):
			return None
		return cls

	def name(self, doc) -> None:
		from frappe.model.naming import NamingSeries, get_default_naming_series, parse_naming_series

		doc.naming_series = doc.naming_series or get_default_naming_series(doc.doctype)
		if not doc.naming_series:
			frappe.throw(_("Naming Series mandatory"))
		series = NamingSeries(doc.naming_series + ".#####")  # as Frappe's set_name_by_naming_series
		series.validate()
		doc.set_new_name(
			set_name=parse_naming_series(series.series.split("."), doc=doc, number_generator=self)
		)

	def __call__(self, key: str, digits: int) -> str:
		"""``parse_naming_series``'s counter: the next reserved number of ``key``."""
		if not self.left.get(key):
			self.next[key] = self._reserve(key)
			self.left[key] = self.size
		number = self.next[key]
		self.next[key] += 1
		self.left[key] -= 1
		return ("%0" + str(digits) + "d") % number

	def _reserve(self, key: str) -> int:
		series = frappe.qb.DocType("Series")
		current = frappe.qb.from_(series).where(series.name == key).for_update().select(series.current).run()
		if current and current[0][0] is not None:
			frappe.qb.update(series).set(series.current, series.current + self.size).where(
				series.name == key
			).run()
			return cint(current[0][0]) + 1
		frappe.qb.into(series).columns(series.name, series.current).insert(key, self.size).run()
		return 1


class WorkflowInbox:
	"""The approvers' inbox entries (Workflow Action) of imported petitions, filed the way Frappe's
	own handler would and a fraction of its cost.

	Frappe's ``process_workflow_actions`` (on_update of every document) files an entry unless
	one already exists for the document in its state (``is_workflow_action_already_created``);
	finding the roles costs it a query per transition per row. Here each petition gets its
	name and its workflow's first state before ``insert()``, the roles come from Frappe's own
	``get_next_possible_transitions`` (optional states skipped, transition conditions evaluated:
	once for the import when no transition out of the state has a condition, else per row), and
	the entries are inserted first; Frappe's handler then finds them and stops. What differs
	from one insert at a time: no "workflow action" e-mail per imported row.
	"""

	def __init__(self, doctype: str):
		from frappe.model.workflow import get_workflow_name

		self.workflow = get_workflow_name(doctype)
		self.doctype = doctype
		self.actions: list = []
		if not self.workflow:
			return
		from frappe.model.workflow import get_workflow

		workflow = get_workflow(doctype)
		self.field = workflow.workflow_state_field
		self.first = workflow.states[0].state
		self.conditional = any(t.condition for t in workflow.transitions if t.state == self.first)
		self.roles: list[str] | None = None

	def prepare(self, doc) -> None:
		if not self.workflow:
			return
		from frappe.model.naming import make_autoname
		from frappe.workflow.doctype.workflow_action.workflow_action import get_next_possible_transitions

		doc.set(self.field, doc.get(self.field) or self.first)
		if doc.get(self.field) != self.first:
			return  # another state: Frappe's handler files it as usual
		if self.roles is None or self.conditional:
			transitions = get_next_possible_transitions(self.workflow, self.first, doc)
			self.roles = sorted({t.allowed for t in transitions})
		if not self.roles:
			return
		doc.set_new_name()
		# The entry as Frappe's own handler makes it (``create_workflow_actions_for_roles``): a
		# Workflow Action document with its permitted roles, named by Frappe's hash naming.
		now, user = frappe.utils.now(), frappe.session.user
		stamp = {"creation": now, "modified": now, "owner": user, "modified_by": user}
		action = frappe.get_doc(
			{
				"doctype": "Workflow Action",
				"name": make_autoname("hash", "Workflow Action"),
				"reference_doctype": self.doctype,
				"reference_name": doc.name,
				"workflow_state": self.first,
				"status": "Open",
				**stamp,
				"permitted_roles": [
					{"role": role, "name": make_autoname("hash", "Workflow Action Permitted Role"), **stamp}
					for role in self.roles
				],
			}
		)
		action.set_parent_in_children()
		self.actions.append(action)

	def flush(self) -> None:
		"""The chunk's entries in two statements: Frappe's ``bulk_insert`` of the documents'
		columns (``get_valid_dict``, from each doctype's meta). Measured, 500 entries of two roles
		on this machine under load: ``insert()`` each 45-87 ms an entry; built as here and bulk
		inserted about 3 ms; the former hand-written tuples about 2 ms. One insert each would add
		minutes to a 5,000-row import."""
		if self.actions:
			_bulk_insert("Workflow Action", self.actions)
			_bulk_insert(
				"Workflow Action Permitted Role", [r for a in self.actions for r in a.permitted_roles]
			)
		self.actions = []


def _bulk_insert(doctype: str, docs: list) -> None:
	rows = [d.get_valid_dict() for d in docs]
	if rows:
		fields = list(rows[0])
		frappe.db.bulk_insert(doctype, fields, [tuple(r[f] for f in fields) for r in rows])


def _refuse(errors: list[dict], total: int) -> None:
	message = refusal_message(errors, total)
	frappe.msgprint(message, title=_("Import Refused"), indicator="red")
	raise PetitionImportError(message, row_errors=errors)


def refusal_message(errors: list[dict], total: int) -> str:
	shown = "".join(f"<li>{escape_html(e['message'])}</li>" for e in errors[:MAX_SHOWN_ERRORS])
	more = len(errors) - MAX_SHOWN_ERRORS
	tail = f"<p>{_('... and {0} more.').format(more)}</p>" if more > 0 else ""
	return (
		"<p>"
		+ _(
			"Nothing was imported: {0} problem(s) in a list of {1} rows. Fix them and upload the file again."
		).format(len(errors), total)
		+ f"</p><ul>{shown}</ul>{tail}"
	)


# -- the import record and its background job ---------------------------------------------------
class DuplicateImportError(frappe.ValidationError):
	pass


def import_job_id(record_name: str) -> str:
	"""The RQ job id of a record's import (Frappe prefixes it with the site when it enqueues)."""
	return f"petition-import::{record_name}"


def start_import(record_name: str) -> dict:
	"""Queue the import of a Petition Import record; refuse a file already queued or running."""
	_check_permission()
	record = frappe.get_doc(RECORD, record_name, for_update=True)
	record.check_permission("write")
	if record.status != "Pending":
		frappe.throw(
			_("Import {0} has already been started (status: {1}).").format(record.name, _(record.status)),
			exc=DuplicateImportError,
			title=_("Already Started"),
		)
	_check_options(record.source, record.phase, record.conference)
	file = _import_file(record.import_file)
	if not file.content_hash:
		file.generate_content_hash()
	record.file_hash = file.content_hash or file.file_url
	_refuse_running_duplicate(record)
	job_id = import_job_id(record.name)
	record.db_set({"status": "Queued", "file_hash": record.file_hash, "job_id": job_id})
	frappe.enqueue(
		run_import,
		queue=QUEUE,
		timeout=JOB_TIMEOUT,
		job_id=job_id,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
		record_name=record.name,
	)
	return {"name": record.name, "status": frappe.db.get_value(RECORD, record.name, "status")}


def _import_file(file_url: str):
	"""The uploaded list as a File the user may read, kept private (it names the petitioners)."""
	name = frappe.db.get_value("File", {"file_url": file_url}, "name", for_update=True)
	if not name:
		frappe.throw(_("The import file {0} was not found. Upload it again.").format(file_url))
	file = frappe.get_doc("File", name)
	file.check_permission("read")
	if cint(file.file_size) > import_rules.MAX_FILE_BYTES:
		_throw_file_error(import_rules.ImportFileError("too_large"))
	return file


def _refuse_running_duplicate(record) -> None:
	"""The same content queued or running in another import: a double click or a second upload.
	The File row lock taken above serialises two requests for the same upload; the locking read
	sees an import the other request has just committed."""
	fail_lost_imports()
	table = frappe.qb.DocType(RECORD)
	other = (
		frappe.qb.from_(table)
		.select(table.name, table.owner)
		.where(
			(table.file_hash == record.file_hash) & table.status.isin(ACTIVE) & (table.name != record.name)
		)
		.limit(1)
		.for_update()
		.run(as_dict=True)
	)
	if other:
		frappe.throw(
			_(
				"This file is already being imported (import {0}, started by {1}). Wait for it to finish and check its result before importing the file again."
			).format(other[0].name, other[0].owner),
			exc=DuplicateImportError,
			title=_("Import Already Running"),
		)


def run_import(record_name: str) -> None:
	"""The background job: parse, insert all rows or none, and write the outcome on the record."""
	record = frappe.get_doc(RECORD, record_name)
	record.db_set({"status": "Running", "started_on": now_datetime(), "error_message": None})
	_commit_state()
	publish(record.name, 0, 0, _("Reading the file"))
	counts = {"total_rows": 0, "contains_confidential": 0}
	frappe.db.savepoint(JOB_SAVEPOINT)
	try:
		file = _import_file(record.import_file)
		content = _clear_content(file)
		result = parse(content, file.file_name or record.import_file, record.default_date, record.choices)
		counts = {
			"total_rows": len(result.rows),
			"contains_confidential": int(any(import_rules.is_confidential(r.values) for r in result.rows)),
		}
		if not result.ok:
			raise PetitionImportError(row_errors=[row_error_dict(e) for e in result.errors])
		out = insert_rows(
			result,
			record.source,
			record.phase,
			record.conference,
			progress=lambda done, total: publish(
				record.name, done, total, _("Imported {0} of {1} rows").format(done, total)
			),
		)
	except Exception as e:
		_rollback_job()
		_record_failure(record_name, e, counts)
		_seal_if_confidential(record_name)
		return
	record.db_set(
		{
			**counts,
			"status": "Success",
			"imported_rows": out["imported"],
			"first_petition": out["first"],
			"last_petition": out["last"],
			"finished_on": now_datetime(),
			"error_count": 0,
			"row_errors": None,
		}
	)
	_seal_if_confidential(record_name)
	publish(record.name, out["imported"], out["imported"], _("Imported {0} rows").format(out["imported"]))
	_notify_done(record.name)


def _rollback_job() -> None:
	"""Undo everything the job wrote after its Running state; a deadlock or a lost connection has
	already rolled the whole transaction back, and the savepoint with it."""
	frappe.clear_messages()
	try:
		frappe.db.rollback(save_point=JOB_SAVEPOINT)
	except Exception:
		frappe.db.rollback()


def _record_failure(record_name: str, error: Exception, counts: dict) -> None:
	"""After the rollback: the record (its Running state was committed) says why."""
	row_errors = getattr(error, "row_errors", None) or []
	if isinstance(error, frappe.ValidationError | frappe.PermissionError):
		message = "" if row_errors else frappe.utils.strip_html(str(error))
	else:
		frappe.log_error(title=_("Petition import {0} failed").format(record_name))
		message = _("The import stopped on an unexpected error; nothing was written. {0}").format(
			frappe.utils.strip_html(str(error))
		)
	frappe.db.set_value(
		RECORD,
		record_name,
		{
			**counts,
			"status": "Failed",
			"imported_rows": 0,
			"error_count": len(row_errors) or 1,
			"row_errors": json.dumps(row_errors, ensure_ascii=False) if row_errors else None,
			"error_message": message or None,
			"finished_on": now_datetime(),
		},
	)
	publish(record_name, 0, 0, _("Nothing was imported"))
	_notify_done(record_name)


def _commit_state() -> None:
	# The job's own transaction: other sessions see "Running" while the rows go in. Under
	# run-tests the job runs inline inside the test's transaction, which must stay open.
	if not frappe.flags.in_test:
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a background job's own state, seen by other sessions while it runs


def publish(record_name: str, done: int, total: int, description: str) -> None:
	percent = (done * 100 / total) if total else 0
	frappe.publish_progress(
		percent, title=_("Importing Petitions"), doctype=RECORD, docname=record_name, description=description
	)
	frappe.publish_realtime(
		"petition_import_progress",
		{"name": record_name, "done": done, "total": total, "percent": percent},
		doctype=RECORD,
		docname=record_name,
	)


def _notify_done(record_name: str) -> None:
	frappe.publish_realtime(
		"petition_import_done", {"name": record_name}, doctype=RECORD, docname=record_name, after_commit=True
	)
	frappe.publish_realtime("list_update", {"doctype": RECORD}, doctype=RECORD, after_commit=True)


def fail_lost_imports() -> list[str]:
	"""Imports whose worker died (killed, machine restarted): the database rolled their rows back
	with the connection; the record, left Queued or Running, is marked Failed."""
	from frappe.utils.background_jobs import is_job_enqueued

	cutoff = add_to_date(now_datetime(), seconds=-LOST_AFTER_SECONDS)
	lost = []
	for row in frappe.get_all(
		RECORD,
		filters={"status": ("in", ACTIVE), "modified": ("<", cutoff)},
		fields=["name", "job_id"],
	):
		if row.job_id and is_job_enqueued(row.job_id):
			continue
		frappe.db.set_value(
			RECORD,
			row.name,
			{
				"status": "Failed",
				"error_message": _(
					"The background worker stopped before the import finished; nothing was written. Start a new import of the file."
				),
				"finished_on": now_datetime(),
			},
		)
		lost.append(row.name)
	return lost


# -- what the desk calls (api/petition_import.py and the Petition Import form) ------------------
def template() -> bytes:
	_check_permission()
	return import_rules.build_template()


def preview(file_url: str, default_date: str | None = None, choices: str | None = None) -> dict:
	_check_permission()
	content, filename = _file_content(file_url)
	return summary(parse(content, filename, default_date, choices))


def record_and_start(
	file_url: str,
	default_date: str | None = None,
	source: str = petition_rules.SOURCE_FRONT,
	phase: str = petition_rules.PHASE_NONE,
	conference: str | None = None,
	choices: str | None = None,
) -> dict:
	"""Record the upload as a Petition Import and queue it; the desk follows its progress."""
	_check_permission()
	record = frappe.get_doc(
		{
			"doctype": RECORD,
			"import_file": file_url,
			"default_date": default_date or None,
			"source": source,
			"phase": phase,
			"conference": conference or None,
			"choices": choices or None,
		}
	).insert()
	return start_import(record.name)


def _seal_if_confidential(record_name: str) -> None:
	"""An uploaded list that held a denunciation names the denouncer: once the import knows it,
	the file is sealed like any confidential attachment (neutral name, encrypted content)."""
	record = frappe.get_doc(RECORD, record_name)
	if not record.contains_confidential or not record.import_file:
		return
	name = frappe.db.get_value("File", {"file_url": record.import_file}, "name")
	if not name:
		return
	file = frappe.get_doc("File", name)
	if sealed_files.seal_existing(file) and file.file_url != record.import_file:
		record.db_set("import_file", file.file_url, update_modified=False)
