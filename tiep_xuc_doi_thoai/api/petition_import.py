"""Import the petition lists MTTQ and units send as Excel: template, preview, import.

All or nothing: every row is validated first (``core.petition_import``), then all rows are
inserted inside one savepoint; a single bad row - in the file or refused by the controller -
rolls the whole import back and the user gets a message per row.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import cint, escape_html, getdate

from tiep_xuc_doi_thoai.core import petition_import as PI
from tiep_xuc_doi_thoai.core import petitions as P
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text

SAVEPOINT = "petition_import"
MAX_INSERT_ERRORS = 50
MAX_SHOWN_ERRORS = 100
TEMPLATE_NAME = "mau-danh-sach-y-kien.xlsx"


class PetitionImportError(frappe.ValidationError):
	def __init__(self, *args, row_errors: list[dict] | None = None):
		super().__init__(*args)
		self.row_errors = row_errors or []


FILE_MESSAGES = {
	"empty": lambda: _("The file is empty."),
	"too_large": lambda: _("The file is larger than {0} MB.").format(PI.MAX_FILE_BYTES // (1024 * 1024)),
	"not_excel": lambda: _(
		"The file is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."
	),
	"no_header": lambda: _(
		"No header row was found. The list needs a column named Nội dung and the columns of the template (Họ và tên, Ngày tiếp nhận...)."
	),
	"no_rows": lambda: _("The list has no rows to import."),
	"too_many_rows": lambda: _("The list has more than {0} rows. Split it into several files.").format(
		PI.MAX_ROWS
	),
}
ROW_MESSAGES = {
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
COLUMN_LABELS = {
	"received_date": lambda: _("Received Date"),
	"petitioner_name": lambda: _("Petitioner Name"),
	"id_number": lambda: _("ID Number"),
	"phone": lambda: _("Phone"),
	"address": lambda: _("Address"),
	"commune": lambda: _("Commune"),
	"village": lambda: _("Village"),
	"group_size": lambda: _("Number of People"),
	"representative": lambda: _("Representative"),
	"petition_type": lambda: _("Petition Type"),
	"category": lambda: _("Category"),
	"content": lambda: _("Content"),
	"responsible_unit": lambda: _("Responsible Unit"),
	"source": lambda: _("Source"),
	"note": lambda: _("Note"),
}


# How a name in the file was mapped (core.petition_import match kinds).
MATCH_LABELS = {
	PI.BY_CODE: lambda: _("by its code"),
	PI.NO_DIACRITICS: lambda: _("without diacritics"),
	PI.CHOSEN: lambda: _("as you chose"),
	PI.SYNONYM: lambda: _("through a synonym"),
	PI.PREFIX: lambda: _("by the beginning of the name"),
	PI.WORDS: lambda: _("by its words"),
}


def file_error_message(error: PI.ImportFileError) -> str:
	return FILE_MESSAGES.get(error.code, FILE_MESSAGES["not_excel"])()


def row_error_dict(error: PI.RowError) -> dict:
	column = COLUMN_LABELS[error.column]() if error.column in COLUMN_LABELS else ""
	problem = ROW_MESSAGES.get(error.code, ROW_MESSAGES["rejected"])()
	value = f" ({error.value})" if error.value and error.code != "markup" else ""
	return {
		"row": error.row,
		"column": column,
		"code": error.code,
		"message": _("Row {0}: {1}: {2}").format(error.row, column or _("row"), problem + value),
	}


def _check_permission() -> None:
	frappe.has_permission("Citizen Petition", "create", throw=True)


def _file_content(file_url: str) -> tuple[bytes, str]:
	file = frappe.get_doc("File", {"file_url": file_url})
	file.check_permission("read")
	if cint(file.file_size) > PI.MAX_FILE_BYTES:
		_throw_file_error(PI.ImportFileError("too_large"))
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	return content, file.file_name or file_url


def _throw_file_error(error: PI.ImportFileError) -> None:
	frappe.throw(file_error_message(error), exc=PetitionImportError, title=_("Cannot Read the File"))


def parse(
	content: bytes,
	filename: str | None,
	default_date: str | dt.date | None = None,
	choices: dict | str | None = None,
) -> PI.ParseResult:
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
		return PI.parse_petition_file(
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
	except PI.ImportFileError as e:
		_throw_file_error(e)


def summary(result: PI.ParseResult) -> dict:
	# Ambiguous names are listed for a choice, not as problems to fix in the file.
	errors = [row_error_dict(e) for e in result.errors if e.code != "ambiguous"]
	types: dict[str, int] = {}
	for row in result.rows:
		label = _(row.values.get("petition_type") or P.RECOMMENDATION)
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
				"how": MATCH_LABELS.get(m.how, MATCH_LABELS[PI.WORDS])(),
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


def unknown_names(result: PI.ParseResult) -> list[dict]:
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


def preview_row(row: PI.ImportRow) -> dict:
	"""A row as it will be stored (the denouncer's name is not shown back)."""
	values = row.values
	confidential = PI.is_confidential(values)
	return {
		"row": row.row,
		"received_date": frappe.format(values.get("received_date"), "Date")
		if values.get("received_date")
		else "",
		"petitioner_name": "" if confidential else str(values.get("petitioner_name") or ""),
		"petition_type": _(values.get("petition_type") or P.RECOMMENDATION),
		"category": str(values.get("category") or ""),
		"responsible_unit": str(values.get("responsible_unit") or ""),
		"content": P.subject_from_content(str(values.get("content") or ""), 80),
		"from_group_row": row.section_row,
	}


def new_petition(values: dict, source: str, phase: str, conference: str | None) -> dict:
	group_size = cint(values.get("group_size"))
	return {
		"doctype": "Citizen Petition",
		"received_date": values.get("received_date"),
		"petition_type": values.get("petition_type") or P.RECOMMENDATION,
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


@contextmanager
def bulk_workflow_actions():
	"""Frappe creates a Workflow Action (the approvers' inbox entry) on every save, which costs
	more than the insert itself. Flagged documents skip it, and their entries are written in
	one go afterwards: the same records, a fraction of the queries. Unflagged documents saved
	meanwhile by the same process are untouched."""
	module = frappe.get_module("frappe.workflow.doctype.workflow_action.workflow_action")
	original = module.process_workflow_actions

	def process_unless_bulk(doc, state):
		if doc.flags.bulk_workflow_actions and state != "on_trash":
			return None
		return original(doc, state)

	module.process_workflow_actions = process_unless_bulk
	try:
		yield
	finally:
		module.process_workflow_actions = original


def create_workflow_actions(names: list[str]) -> int:
	"""Workflow Actions for freshly imported petitions, all in their workflow's first state."""
	from frappe.model.workflow import get_workflow, get_workflow_name
	from frappe.utils import now_datetime

	if not names or not get_workflow_name("Citizen Petition"):
		return 0
	workflow = get_workflow("Citizen Petition")
	first = workflow.states[0].state
	roles = sorted({t.allowed for t in workflow.transitions if t.state == first})
	if not roles or not frappe.get_all(
		"Has Role", filters={"role": ("in", roles), "parenttype": "User"}, limit=1
	):
		return 0  # nobody could act: Frappe creates no entry either
	now, user = now_datetime(), frappe.session.user
	actions, permitted = [], []
	for name in names:
		action = frappe.generate_hash(length=10)
		actions.append((action, "Citizen Petition", name, first, "Open", now, now, user, user))
		permitted.extend(
			(
				frappe.generate_hash(length=10),
				action,
				"Workflow Action",
				"permitted_roles",
				role,
				i,
				now,
				now,
				user,
				user,
			)
			for i, role in enumerate(roles, start=1)
		)
	frappe.db.bulk_insert(
		"Workflow Action",
		[
			"name",
			"reference_doctype",
			"reference_name",
			"workflow_state",
			"status",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		actions,
	)
	frappe.db.bulk_insert(
		"Workflow Action Permitted Role",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"role",
			"idx",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		permitted,
	)
	return len(actions)


def import_content(
	content: bytes,
	filename: str | None,
	default_date: str | dt.date | None = None,
	source: str = P.SOURCE_FRONT,
	phase: str = P.PHASE_NONE,
	conference: str | None = None,
	choices: dict | str | None = None,
) -> dict:
	"""Validate every row, then insert all of them or none (the desk upload calls this)."""
	_check_permission()
	if source not in P.SOURCES or phase not in P.PHASES:
		frappe.throw(_("Unknown source or phase."), exc=PetitionImportError)
	if conference:
		frappe.get_doc("Dialogue Conference", conference).check_permission("read")
	result = parse(content, filename, default_date, choices)
	if not result.ok:
		_refuse([row_error_dict(e) for e in result.errors], len(result.rows))
	names: list[str] = []
	insert_errors: list[dict] = []
	frappe.db.savepoint(SAVEPOINT)
	frappe.flags.petition_deadline_cache = {}
	try:
		with bulk_workflow_actions():
			for row in result.rows:
				try:
					doc = frappe.get_doc(new_petition(row.values, source, phase, conference))
					doc.flags.bulk_workflow_actions = True
					doc.flags.bulk_import = True
					doc.insert()
					names.append(doc.name)
				except (frappe.ValidationError, frappe.PermissionError) as e:
					frappe.local.message_log = []
					insert_errors.append(
						{
							"row": row.row,
							"column": "",
							"code": "rejected",
							"message": _("Row {0}: {1}").format(
								row.row, frappe.utils.strip_html(str(e)) or _("refused")
							),
						}
					)
					if len(insert_errors) >= MAX_INSERT_ERRORS:
						break
		if insert_errors:
			raise PetitionImportError(row_errors=insert_errors)
		create_workflow_actions(names)
		frappe.publish_realtime("list_update", {"doctype": "Citizen Petition"}, after_commit=True)
	except Exception as e:
		frappe.db.rollback(save_point=SAVEPOINT)
		if isinstance(e, PetitionImportError):
			_refuse(e.row_errors, len(result.rows))
		raise
	finally:
		frappe.flags.petition_deadline_cache = None
	return {
		"imported": len(names),
		"first": names[0] if names else None,
		"last": names[-1] if names else None,
	}


def _refuse(errors: list[dict], total: int) -> None:
	shown = "".join(f"<li>{escape_html(e['message'])}</li>" for e in errors[:MAX_SHOWN_ERRORS])
	more = len(errors) - MAX_SHOWN_ERRORS
	tail = f"<p>{_('... and {0} more.').format(more)}</p>" if more > 0 else ""
	message = (
		"<p>"
		+ _(
			"Nothing was imported: {0} problem(s) in a list of {1} rows. Fix them and upload the file again."
		).format(len(errors), total)
		+ f"</p><ul>{shown}</ul>{tail}"
	)
	frappe.msgprint(message, title=_("Import Refused"), indicator="red")
	raise PetitionImportError(message, row_errors=errors)


# -- whitelisted ---------------------------------------------------------------------------------
@frappe.whitelist()
def download_template() -> None:
	_check_permission()
	frappe.response["filename"] = TEMPLATE_NAME
	frappe.response["filecontent"] = PI.build_template()
	frappe.response["type"] = "binary"


@frappe.whitelist()
def preview_import(file_url: str, default_date: str | None = None, choices: str | None = None) -> dict:
	_check_permission()
	content, filename = _file_content(file_url)
	return summary(parse(content, filename, default_date, choices))


@frappe.whitelist(methods=["POST"])
def import_petitions(
	file_url: str,
	default_date: str | None = None,
	source: str = P.SOURCE_FRONT,
	phase: str = P.PHASE_NONE,
	conference: str | None = None,
	choices: str | None = None,
) -> dict:
	_check_permission()
	content, filename = _file_content(file_url)
	return import_content(content, filename, default_date, source, phase, conference or None, choices)
