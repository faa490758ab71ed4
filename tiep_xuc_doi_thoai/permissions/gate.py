"""The gate: Frappe endpoints that answer without asking the permission rules.

Frappe v15 has whitelisted functions that count, sum, title, tag or like a record through
``frappe.get_all`` / ``frappe.db`` / ``frappe.qb`` (no Role Permission, no User Permission,
no ``permission_query_conditions``), or that write to a record the caller may not even read.
hooks.py ``override_whitelisted_methods`` points each of them here (``COVERED`` is the same
list, read by the alias guard and the tests); every entry runs Frappe's own function once the
caller has the right, or answers the same thing through ``frappe.get_list`` - which applies
Role Permissions, User Permissions and the app's rules (``scope``, ``identity``,
``confidential``). Nothing here grants: a refused call is a translated 403
(``frappe.PermissionError``), a malformed or oversized filter a 417 (``frappe.ValidationError``),
and nothing is written.

A whitelisted function is callable under every dotted name it can be reached by, not only the
one that is overridden (``module_b.f`` after ``from module_a import f``): ``refuse_aliases``
(``before_request``) refuses a covered function reached under any other name.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import frappe
import frappe.client
import frappe.email as frappe_email
from frappe import _
from frappe.desk import like, listview, notifications, search
from frappe.desk.doctype.bulk_update import bulk_update
from frappe.desk.doctype.dashboard_chart import dashboard_chart as frappe_charts
from frappe.desk.doctype.global_search_settings import global_search_settings
from frappe.desk.doctype.number_card import number_card
from frappe.desk.doctype.tag import tag as frappe_tags
from frappe.desk.form import document_follow
from frappe.modules.utils import load_doctype_module
from frappe.templates.includes.comments import comments as website_comments
from frappe.utils import cint, file_manager, getdate, goal, nowdate
from frappe.utils import global_search as frappe_global_search
from pypika.terms import LiteralValue

from tiep_xuc_doi_thoai.permissions.scope import REFERENCE_FIELDS, is_scoped

# A filter longer than this (as JSON) is refused: no list or card of the app needs one, and a
# huge ``in`` list or pattern is how a count is turned into a search.
MAX_FILTER_CHARS = 20_000
NUMERIC_TYPES = frozenset({"Int", "Float", "Currency", "Percent", "Duration", "Check", "Rating"})
DATE_TYPES = frozenset({"Date", "Datetime"})
STANDARD_DATE_FIELDS = frozenset({"creation", "modified"})
SUMMED = frozenset({"Sum", "Average"})
# Frappe's cached columns on every row: a copy of comments, assignments, likes and tags.
CACHED_COLUMNS = frozenset({"_comments", "_assign", "_liked_by", "_user_tags", "_seen"})
APP = "tiep_xuc_doi_thoai"
PREFIX = f"{APP}.permissions.gate."
# request arguments that name an existing file to copy (upload_file, the e-mail composer,
# add_attachments)
COPY_ARGUMENTS = ("file_url", "library_file_name", "attachments")

# Frappe function (dotted path) -> the gate's function that hooks.py puts in its place.
COVERED = {
	# a child row by name: Frappe checks the parent *doctype* only (a row of another unit's
	# assignment, its petitions and progress); and link validation confirms other units' names
	"frappe.client.get": "get",
	"frappe.client.validate_link": "validate_link",
	# frappe.db.count: no permission check at all; Comment/File/Version... counted by content
	"frappe.client.get_count": "get_count",
	# ignore_user_permissions=1 becomes ignore_permissions: no rule applies; filter_fields any column
	"frappe.desk.search.search_link": "search_link",
	"frappe.desk.search.search_widget": "search_widget",
	# frappe.db.get_value of the title field, no permission check
	"frappe.desk.search.get_link_title": "get_link_title",
	# "assigned_to": frappe.qb over ToDo, neither the doctype's read right nor its rules
	"frappe.desk.listview.get_group_by_count": "get_group_by_count",
	# a saved chart loaded without a check; a heatmap summed with frappe.get_all over any field
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "dashboard_chart",
	# Sum/Min/Max over any column of a user-built card (a name, an ID number)
	"frappe.desk.doctype.number_card.number_card.get_result": "number_card_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": "number_card_difference",
	# linked records counted with frappe.get_all: other units' petitions of a conference
	"frappe.desk.notifications.get_open_count": "get_open_count",
	# writes _liked_by and a Like comment without any check
	"frappe.desk.like.toggle_like": "toggle_like",
	# write _user_tags (and the Tag master) before checking the right
	"frappe.desk.doctype.tag.tag.add_tag": "add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "remove_tag",
	# frappe.qb over _user_tags: names of tagged records of other units
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "get_tagged_docs",
	# copies any File (by id) onto any record, no check on either
	"frappe.utils.file_manager.add_attachments": "add_attachments",
	# any user made to follow any record: its changes and comments then go out by e-mail
	"frappe.desk.form.document_follow.follow_document": "follow_document",
	# File.zip_files asks the File module's own rule, not the permission hooks
	"frappe.core.api.file.zip_files": "zip_files",
	# no check at all; its error names the file
	"frappe.core.api.file.unzip_file": "unzip_file",
	# the website's comment box: a signed-in user comments on any record by name, no check
	"frappe.templates.includes.comments.comments.add_comment": "add_website_comment",
	# __global_search rows of every readable doctype, records not checked (a ToDo naming
	# another unit's petition)
	"frappe.utils.global_search.search": "global_search",
	# sums goal_doctype with frappe.db over any filter, no rule
	"frappe.utils.goal.get_monthly_goal_graph_data": "monthly_goal_graph_data",
	# rewrites any Communication's reference with raw SQL, no check on either side
	"frappe.email.relink": "relink",
	# rewrites Global Search Settings for any signed-in user
	"frappe.desk.doctype.global_search_settings.global_search_settings.reset_global_search_settings_doctypes": "reset_global_search_doctypes",
	# each failure message names the record (and its title) whatever the caller may read
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": "bulk_update_docs",
	# the read-receipt pixel: a visitor writes the delivery status of any Communication by name
	"frappe.core.doctype.communication.email.mark_email_as_seen": "mark_email_as_seen",
}


class FilterTooLarge(frappe.ValidationError):
	pass


class FieldNotAllowed(frappe.ValidationError):
	pass


# -- shared checks -------------------------------------------------------------------------------


def guarded(doctype: str | None) -> bool:
	"""The app's scoped doctypes, their tables, and Frappe's records about a record."""
	return bool(doctype) and (is_scoped(doctype) or doctype in REFERENCE_FIELDS)


def check_filters(*filters: Any) -> None:
	for value in filters:
		if value is None:
			continue
		text = value if isinstance(value, str) else json.dumps(value, default=str)
		if len(text) > MAX_FILTER_CHARS:
			raise FilterTooLarge(_("The filter is too large. Narrow it down and try again."))


def parsed_filters(filters: Any) -> Any:
	check_filters(filters)
	filters = frappe.utils.get_safe_filters(filters)
	if isinstance(filters, str):  # Frappe's count reads a bare string as a name
		filters = {"name": filters}
	return filters


def refuse(doctype: str, name: str | None = None) -> None:
	raise frappe.PermissionError(
		_("You are not permitted to access this {0}.").format(_(doctype))
		if name
		else _("You are not permitted to access {0} records.").format(_(doctype))
	)


def require(doctype: str, name: str | None = None, ptype: str = "read") -> None:
	"""The caller has ``ptype`` on the record (or on the doctype when no name)."""
	try:
		allowed = (
			frappe.has_permission(doctype, ptype, doc=name) if name else frappe.has_permission(doctype, ptype)
		)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		allowed = False
	if not allowed:
		refuse(doctype, name)


def readable(doctype: str, names: list[str]) -> set[str]:
	"""Which of ``names`` the caller may list (every permission rule applied)."""
	if not names:
		return set()
	try:
		return set(frappe.get_list(doctype, filters={"name": ("in", names)}, pluck="name", order_by=None))
	except frappe.PermissionError:
		frappe.clear_last_message()
		return set()


def check_field(
	doctype: str, fieldname: str | None, kinds: frozenset[str] | None = None, parenttype: str | None = None
) -> None:
	"""``fieldname`` is a column of ``doctype`` the caller may read (of ``kinds`` if given)."""
	if not fieldname:
		return
	if kinds is DATE_TYPES and fieldname in STANDARD_DATE_FIELDS:
		return
	meta = frappe.get_meta(doctype)
	df = meta.get_field(fieldname)
	if not df or (kinds and df.fieldtype not in kinds):
		raise FieldNotAllowed(_("Field {0} cannot be used here.").format(fieldname))
	if df.permlevel and df.permlevel not in meta.get_permlevel_access("read", parenttype=parenttype):
		refuse(doctype)


def require_parent(doctype: str, name: str | None) -> None:
	"""A child row read by its own name: the caller must be able to read its parent record
	(Frappe's ``has_child_permission`` checks a standalone row's parent doctype only)."""
	if not name or not frappe.is_table(doctype):
		return
	row = frappe.db.get_value(doctype, name, ["parenttype", "parent"], as_dict=True)
	if not row or not row.parenttype or not row.parent:
		refuse(doctype, name)
	require(row.parenttype, row.parent)


@frappe.whitelist()
def get(doctype: str, name: str | None = None, filters=None, parent: str | None = None):
	"""``frappe.client.get``: a child row only with the right to its parent record."""
	if frappe.is_table(doctype) and not name and filters:
		name = frappe.db.get_value(doctype, frappe.parse_json(filters), "name")
	require_parent(doctype, name)
	if guarded(doctype) and not frappe.is_table(doctype) and filters:
		# Frappe finds the record by the filters before it checks the right: "not found" against
		# "not permitted" would tell whether a record the caller may not read matches a guess.
		# The filters are applied to what the caller may list; no match reads as not found.
		check_filters(filters)
		found = frappe.get_list(doctype, filters=frappe.parse_json(filters), pluck="name", limit=1)
		if name and found and found[0] != name:
			found = []
		if not found:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
		name, filters = found[0], None
	return frappe.client.get(doctype, name=name, filters=filters, parent=parent)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""``frappe.client.validate_link``: a guarded record the caller may not list is "not found"
	(Frappe answers its name from ``frappe.db.get_value``)."""
	if guarded(doctype) and isinstance(docname, str) and docname not in readable(doctype, [docname]):
		return frappe._dict(name=None)
	return frappe.client.validate_link(doctype, docname, fields)


# -- counts --------------------------------------------------------------------------------------


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	"""``frappe.client.get_count``: what the caller may list, counted."""
	rows = frappe.get_list(
		doctype, filters=parsed_filters(filters), fields=["count(*) as total_count"], order_by=None
	)
	return int(rows[0].total_count) if rows else 0


@frappe.whitelist()
@frappe.read_only()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""``frappe.desk.listview.get_group_by_count``: the sidebar's "Assigned To" counts the
	ToDos of the records the caller may list; other fields are Frappe's (frappe.get_list)."""
	check_filters(current_filters)
	require(doctype, ptype="select" if frappe.only_has_select_perm(doctype) else "read")
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	# the list's own query (every rule applied), as the subquery of the ToDo count
	records = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], order_by=None, run=0
	)
	todo, user = frappe.qb.DocType("ToDo"), frappe.qb.DocType("User")
	count = frappe.query_builder.functions.Count("*").as_("count")
	return (
		frappe.qb.from_(todo)
		.from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (todo.allocated_to == user.name)
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& (todo.reference_name.isin(LiteralValue(f"({records})")))
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=frappe.qb.desc)
		.limit(50)
		.run(as_dict=True)
	)


@frappe.whitelist()
def get_open_count(doctype: str, name: str, items=None):
	"""``frappe.desk.notifications.get_open_count``: the form's "Connections" count linked
	records with ``frappe.get_all``; the gate counts what the caller may list instead."""
	out = notifications.get_open_count(doctype, name, items)
	links = frappe.get_meta(doctype).get_dashboard_data()
	for row in (out.get("count") or {}).get("external_links_found", []):
		row.update(_linked_counts(row["doctype"], name, links))
	return out


def _linked_counts(doctype: str, name: str, links) -> dict:
	fieldname = links.get("non_standard_fieldnames", {}).get(doctype, links.get("fieldname"))
	filters = {fieldname: name}
	if dynamic := notifications.get_dynamic_link_filters(doctype, links, fieldname):
		filters.update(dynamic)
	counted = {"count": _listed_count(doctype, filters), "open_count": 0}
	if open_filters := notifications.get_filters_for(doctype):
		counted["open_count"] = _listed_count(doctype, {**filters, **open_filters})
	return counted


def _listed_count(doctype: str, filters: dict) -> int:
	try:
		rows = frappe.get_list(doctype, fields="name", filters=filters, limit=100, distinct=True)
	except frappe.PermissionError:
		frappe.clear_last_message()
		return 0
	return len(rows)


# -- charts and cards ----------------------------------------------------------------------------


@frappe.whitelist()
def dashboard_chart(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""``frappe.desk.doctype.dashboard_chart.dashboard_chart.get``: a saved chart is read
	only with the right to it; the chart's doctype with the right to it; what is summed is a
	number the caller may read; a heatmap is counted with ``frappe.get_list`` (Frappe's uses
	``frappe.get_all``)."""
	check_filters(filters)
	if chart_name:
		spec = frappe.get_doc("Dashboard Chart", chart_name)
		spec.check_permission("read")
	else:
		spec = frappe._dict(frappe.parse_json(chart) or {})
	check_filters(spec.get("filters_json"))
	doctype = spec.get("document_type")
	if not doctype or spec.get("chart_type") in ("Custom", "Report"):
		return None  # those the desk runs through the report or the source's own method
	if not frappe.has_permission(doctype, "read", parent_doctype=spec.get("parent_document_type")):
		refuse(doctype)
	parent = spec.get("parent_document_type")
	check_field(doctype, spec.get("based_on"), DATE_TYPES, parent)
	check_field(doctype, spec.get("group_by_based_on"), None, parent)
	if spec.get("chart_type") in SUMMED:
		check_field(doctype, spec.get("value_based_on"), NUMERIC_TYPES, parent)
	if spec.get("chart_type") == "Group By" and spec.get("group_by_type") in SUMMED:
		check_field(doctype, spec.get("aggregate_function_based_on"), NUMERIC_TYPES, parent)
	if spec.get("chart_type") != "Group By" and spec.get("type") == "Heatmap":
		return _heatmap(spec, filters, heatmap_year)
	# Frappe caches a chart's data by its name alone, for every user and every filter: a
	# guarded doctype's chart is counted for the caller each time (the undecorated function).
	run = inspect.unwrap(frappe_charts.get) if guarded(doctype) else frappe_charts.get
	return run(
		chart_name=chart_name,
		chart=chart,
		no_cache=no_cache,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
		refresh=refresh,
	)


def _heatmap(spec, filters, heatmap_year) -> dict:
	"""Frappe's ``get_heatmap_chart_config`` with ``frappe.get_list`` in place of ``get_all``."""
	doctype, datefield = spec.document_type, spec.based_on
	filters = frappe.parse_json(filters) or frappe.parse_json(spec.get("filters_json")) or []
	filters.append([doctype, "docstatus", "<", 2, False])
	year = cint(heatmap_year or spec.get("heatmap_year")) or getdate(nowdate()).year
	filters.append([doctype, datefield, ">", f"{year}-01-01", False])
	filters.append([doctype, datefield, "<", f"{year + 1}-01-01", False])
	function = frappe_charts.get_aggregate_function(spec.chart_type)
	rows = frappe.get_list(
		doctype,
		fields=[f"unix_timestamp(`{datefield}`)", f"{function}({spec.value_based_on or 1})"],
		filters=filters,
		group_by=f"date(`{datefield}`)",
		as_list=1,
		order_by=f"`{datefield}` asc",
		ignore_ifnull=True,
	)
	return {"labels": [], "dataPoints": dict(rows)}


def _check_card(doc) -> None:
	doctype = doc.get("document_type")
	if not doctype:
		raise FieldNotAllowed(_("The card has no document type."))
	if doc.get("function") and doc.get("function") != "Count":
		check_field(doctype, doc.get("aggregate_function_based_on"), NUMERIC_TYPES)


@frappe.whitelist()
@frappe.read_only()  # a pure read: on the replica when the site has one (utils/replica.py)
def number_card_result(doc, filters, to_date=None):
	"""``number_card.get_result``: what a user-built card sums is a number the caller may read."""
	check_filters(filters)
	_check_card(frappe._dict(frappe.parse_json(doc)))
	return number_card.get_result(doc, filters, to_date)


@frappe.whitelist()
def number_card_difference(doc, filters, result):
	"""``number_card.get_percentage_difference``: the saved card, read with the right to it."""
	check_filters(filters)
	card = frappe.get_doc("Number Card", frappe._dict(frappe.parse_json(doc)).name)
	card.check_permission("read")
	_check_card(card)
	return number_card.get_percentage_difference(doc, filters, result)


# -- search and titles ---------------------------------------------------------------------------


def _search_fields(doctype: str, filter_fields) -> str | None:
	"""Extra columns a search may return: real fields the caller may read, no cached copies."""
	if not filter_fields:
		return filter_fields
	fields = frappe.parse_json(filter_fields)
	if not isinstance(fields, list):
		raise FieldNotAllowed(_("Field {0} cannot be used here.").format(filter_fields))
	for fieldname in fields:
		if not isinstance(fieldname, str) or fieldname in CACHED_COLUMNS:
			raise FieldNotAllowed(_("Field {0} cannot be used here.").format(fieldname))
		check_field(doctype, fieldname)
	return json.dumps(fields)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters=None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""``frappe.desk.search.search_widget``: ``ignore_user_permissions`` turns into
	``ignore_permissions`` there (no rule at all); for the guarded doctypes it is dropped, so
	User Permissions and the app's rules apply, and ``filter_fields`` names readable fields."""
	check_filters(filters)
	if guarded(doctype):
		ignore_user_permissions = False
		filter_fields = _search_fields(doctype, filter_fields)
	return search.search_widget(
		doctype,
		txt,
		query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions,
	)


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters=None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""``frappe.desk.search.search_link`` (the Link field): as ``search_widget``."""
	check_filters(filters)
	return search.search_link(
		doctype,
		txt,
		query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=False if guarded(doctype) else ignore_user_permissions,
	)


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""``frappe.desk.search.get_link_title``: a guarded record's title only to who may list
	it; to anyone else the name they already gave (a form keeps showing the link)."""
	if guarded(doctype) and docname not in readable(doctype, [docname]):
		return docname
	return search.get_link_title(doctype, docname)


def hide_link_titles() -> None:
	"""The titles a form load sends with the document (``_link_titles``, Frappe's
	``set_link_titles`` reads them with ``frappe.db.get_value``): a guarded record's title is
	replaced by its name unless the caller may list it."""
	titles = frappe.response.get("_link_titles") or {}
	by_doctype: dict[str, list[str]] = {}
	for key in titles:
		doctype, _sep, name = key.partition("::")
		if guarded(doctype):
			by_doctype.setdefault(doctype, []).append(name)
	for doctype, names in by_doctype.items():
		shown = readable(doctype, names)
		for name in set(names) - shown:
			titles[f"{doctype}::{name}"] = name


# -- writes that need the right to the record ----------------------------------------------------


@frappe.whitelist()
def toggle_like(doctype: str, name: str, add=False):
	"""``frappe.desk.like.toggle_like``: liking is for who may read the record."""
	require(doctype, name)
	return like.toggle_like(doctype, name, add)


@frappe.whitelist(allow_guest=True)
def add_website_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route):
	"""``comments.add_comment`` (the web page comment box, open to guests on blogs): on a
	guarded record only who may read it may comment (Frappe writes the comment, `_comments` and
	an e-mail to the owner without asking)."""
	if guarded(reference_doctype):
		require(reference_doctype, reference_name)
	return website_comments.add_comment(
		comment, comment_email, comment_by, reference_doctype, reference_name, route
	)


@frappe.whitelist()
def relink(name, reference_doctype=None, reference_name=None):
	"""``frappe.email.relink``: the e-mail is the caller's to write, the new record theirs to read."""
	require("Communication", name, "write")
	if reference_doctype and reference_name:
		require(reference_doctype, reference_name)
	return frappe_email.relink(name, reference_doctype, reference_name)


@frappe.whitelist()
def reset_global_search_doctypes():
	"""``reset_global_search_settings_doctypes``: for who may write Global Search Settings."""
	require("Global Search Settings", "Global Search Settings", "write")
	return global_search_settings.reset_global_search_settings_doctypes()


@frappe.whitelist()
def bulk_update_docs(doctype, docnames, action="submit", data=None, task_id=None):
	"""``bulk_update.submit_cancel_or_update_docs``: on guarded records, only those the caller
	may write (Frappe would report each other one by its name and title)."""
	if guarded(doctype):
		for name in frappe.parse_json(docnames) if isinstance(docnames, str) else docnames or []:
			require(doctype, name, "write")
	return bulk_update.submit_cancel_or_update_docs(doctype, docnames, action, data, task_id)


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""``global_search.search``: Frappe checks the doctypes, not the records; a guarded record
	the caller may not read is left out."""
	return [
		row
		for row in frappe_global_search.search(text, start, limit, doctype)
		if not guarded(row.doctype) or frappe.has_permission(row.doctype, "read", doc=row.name)
	]


@frappe.whitelist()
def monthly_goal_graph_data(
	title,
	doctype,
	docname,
	goal_value_field,
	goal_total_field,
	goal_history_field,
	goal_doctype,
	goal_doctype_link,
	goal_field,
	date_field,
	aggregation="sum",
	filters=None,
):
	"""``goal.get_monthly_goal_graph_data``: it sums ``goal_doctype`` with frappe.db whatever the
	caller may read; the app's records are not summed that way (their charts use get_list)."""
	if guarded(goal_doctype):
		refuse(goal_doctype, None)
	return goal.get_monthly_goal_graph_data(
		title,
		doctype,
		docname,
		goal_value_field,
		goal_total_field,
		goal_history_field,
		goal_doctype,
		goal_doctype_link,
		goal_field,
		date_field,
		aggregation,
		filters,
	)


def require_taggable(dt: str, dn: str) -> None:
	"""A tag is written on a record the caller may write; a child row takes its parent's."""
	if frappe.is_table(dt):
		row = frappe.db.get_value(dt, dn, ["parenttype", "parent"], as_dict=True)
		if not row or not row.parent:
			refuse(dt, dn)
		require(row.parenttype, row.parent, "write")
	else:
		require(dt, dn, "write")


@frappe.whitelist()
def add_tag(tag: str, dt: str, dn: str, color=None):
	"""``tag.add_tag``: Frappe writes the tag first and checks afterwards; check first."""
	require_taggable(dt, dn)
	return frappe_tags.add_tag(tag, dt, dn, color)


@frappe.whitelist()
def add_tags(tags, dt: str, docs, color=None):
	for name in frappe.parse_json(docs) or []:
		require_taggable(dt, name)
	return frappe_tags.add_tags(tags, dt, docs, color)


@frappe.whitelist()
def remove_tag(tag: str, dt: str, dn: str):
	require_taggable(dt, dn)
	return frappe_tags.remove_tag(tag, dt, dn)


@frappe.whitelist()
def get_tagged_docs(doctype: str, tag: str):
	"""``tag.get_tagged_docs``: the tagged records the caller may list."""
	return frappe.get_list(doctype, filters=[["_user_tags", "like", tag]], fields=["name"], as_list=True)


@frappe.whitelist()
def add_attachments(doctype: str, name: str, attachments):
	"""``frappe.utils.file_manager.add_attachments``: copying files onto a record needs the
	right to write it and to read each file copied."""
	require(doctype, name, "write")
	for file_name in frappe.parse_json(attachments) or []:
		if isinstance(file_name, str):
			require("File", file_name)
	return file_manager.add_attachments(doctype, name, attachments)


@frappe.whitelist()
def follow_document(doctype: str, doc_name: str, user: str):
	"""``document_follow.follow_document``: the digest e-mails the record's changes and
	comments (read with ``frappe.get_all``) to ``user``: both the caller and ``user`` must be
	able to read the record."""
	require(doctype, doc_name)
	if not frappe.has_permission(doctype, "read", doc=doc_name, user=user):
		refuse(doctype, doc_name)
	return document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def zip_files(files: str):
	"""``frappe.core.api.file.zip_files``: every file asked for must be readable (hooks
	included: Frappe's ``File.zip_files`` reads the File module's rule alone)."""
	for name in frappe.parse_json(files) or []:
		require("File", name)
	# imported here: frappe.core.api.file imported before frappe/core/doctype/file/file.py
	# would leave that module without its ``import *`` of these functions
	from frappe.core.api import file as frappe_files

	return frappe_files.zip_files(files)


@frappe.whitelist()
def unzip_file(name: str):
	"""``frappe.core.api.file.unzip_file``: extracting makes new files beside it: write."""
	require("File", name, "write")
	from frappe.core.api import file as frappe_files

	return frappe_files.unzip_file(name)


@frappe.whitelist(allow_guest=True, methods=("GET",))
def mark_email_as_seen(name: str | None = None):
	"""``communication.email.mark_email_as_seen``, the read-receipt pixel: a visitor who is
	not signed in marks any Communication read by its name. The app sends no e-mail that needs
	a read receipt about its scoped records, and no visitor writes to them: for such a
	communication the pixel is answered and nothing is written."""
	reference = (
		frappe.db.get_value("Communication", name, "reference_doctype") if isinstance(name, str) else None
	)
	if is_scoped(reference):
		frappe.response.update(frappe.utils.get_imaginary_pixel_response())
		return
	from frappe.core.doctype.communication import email as frappe_email_pixel

	return frappe_email_pixel.mark_email_as_seen(name)


def refuse_unreadable_copy(doc, method: str | None = None) -> None:
	"""doc_events File.before_insert: a new File that points at an existing private file
	(the e-mail composer's attachments, ``upload_file`` with ``file_url``, ``add_attachments``)
	would open that file under a record the caller can read: the caller must already be able
	to read it through one of its File records.

	Judged when the request asks for a copy - by URL (``file_url``, ``library_file_name``) or
	by File ids (``attachments``): by the time this hook runs Frappe has read the file, and a
	new upload whose bytes equal a stored file gets that file's URL too (Frappe's
	de-duplication); its uploader had the bytes already, so it stays allowed."""
	url = doc.file_url or ""
	if doc.is_folder or not url.startswith("/private/files/"):
		return
	asked = frappe.form_dict or {}
	if not any(asked.get(key) for key in COPY_ARGUMENTS) or getattr(frappe.local, "uploaded_file", None):
		return
	if frappe.session.user == "Administrator":
		return
	sources = frappe.get_all("File", filters={"file_url": url}, pluck="name")
	if sources and not any(frappe.has_permission("File", "read", doc=s) for s in sources):
		raise frappe.PermissionError(_("You are not permitted to copy this file."))


# -- aliases -------------------------------------------------------------------------------------


def authenticate_api_caller() -> None:
	"""``before_request``, the first of the app's: Frappe runs these hooks before it reads an
	API key or token (``frappe.app.application``: ``init_request``, then ``validate_auth``), so
	a request signed with one would be judged as Guest by the guards below. The caller is read
	here, once, with Frappe's own function (Frappe reads it again after, to the same user)."""
	if frappe.session.user == "Guest" and frappe.get_request_header("Authorization"):
		from frappe.auth import validate_auth

		validate_auth()


def _request_path_after(*prefixes: str) -> str | None:
	"""What follows the first of ``prefixes`` in this request's path (None: none of them)."""
	request = getattr(frappe.local, "request", None)
	path = (request.path if request else "") or ""
	for prefix in prefixes:
		if path.startswith(prefix):
			return path[len(prefix) :]
	return None


def guard_child_rows() -> None:
	"""``before_request``: Frappe's REST routes (``/api/resource/<doctype>/<name>``,
	``/api/v2/document/<doctype>/<name>``) read, change or delete a child row checking its
	parent *doctype* only; a row of a scoped table needs the right to its own parent record."""
	rest = _request_path_after("/api/resource/", "/api/v1/resource/", "/api/v2/document/")
	if rest is None:
		return
	parts = rest.split("/")
	if len(parts) < 2 or not parts[1]:
		return  # a list: the query conditions of the table decide
	doctype, name = parts[0], parts[1]
	if not is_scoped(doctype) or not frappe.is_table(doctype):
		return
	require_parent(doctype, name)  # the API caller is known (authenticate_api_caller)


def refuse_aliases() -> None:
	"""``before_request``: a Frappe function the app overrides, reached under another dotted
	name (an ``import`` into another module, e.g. a Frappe test module's ``from ... import
	getdoc``, or a legacy name Frappe itself maps to the new one) would skip the override; it
	is refused."""
	method = _request_path_after("/api/method/", "/api/v1/method/", "/api/v2/method/")
	if method is None:
		return
	try:
		if "/" in method:  # /api/v2/method/<doctype>/<method>: a method of the doctype's module
			doctype, method = method.split("/", 1)
			method = f"{load_doctype_module(doctype).__name__}.{method}"
		# what Frappe will run: the last override of the name, as its handler picks it
		method = (frappe.get_hooks("override_whitelisted_methods") or {}).get(method, [method])[-1]
		if method.startswith(PREFIX) or method.startswith(f"{APP}.permissions.timeline."):
			return  # the app's own overrides
		function = frappe.get_attr(method)
	except Exception:
		frappe.clear_last_message()
		return  # Frappe answers an unknown method itself
	if any(function is _function(name) for name in overridden()):
		raise frappe.PermissionError(_("This method is not available under this name."))


def overridden() -> list[str]:
	"""The Frappe methods the app overrides (the gate's and the timeline's)."""
	return list(frappe.get_hooks("override_whitelisted_methods", app_name=APP) or {})


def _function(dotted: str):
	try:
		return frappe.get_attr(dotted)
	except Exception:
		return None
