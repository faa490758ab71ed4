"""Unit scope: a user whose User Permissions restrict *Dialogue Unit* sees and changes only
the records of those units (and the units under them, as Frappe expands them).

The rule lives in the app's own ``permission_query_conditions`` and ``has_permission`` hooks,
not in Frappe's User Permission filter, because Frappe switches that filter off on request
(``search_link`` / ``search_widget`` with ``ignore_user_permissions``; a link field marked
*Ignore User Permissions*) and never applies it to child tables, dynamic links or aggregates.
The User Permission records stay the configuration: who is "unit-scoped", and to which units,
is read from them (Frappe's ``get_user_permissions``, descendants included), never from role
names. The Reception and Secretariat users who classify new petitions have no User Permission
on Dialogue Unit and keep seeing everything; an administrator who wants a unit-scoped user to
see unassigned petitions after all sets the User Permission's *Applicable For* to the doctypes
it should restrict (or ticks *Apply To All Document Types* off).

What follows the rule:
- ``SCOPED_DOCTYPES``, the one list (hooks.py, counts and the gate read it too): a petition
  by its responsible unit, an assignment by its lead or a coordinating unit, an identity, a
  satisfaction reply, the citizen's subscription to updates and the messages sent to it by
  their petition;
- every child table of those (found from the meta, so a table an administrator adds with
  Customize Form follows too): by its parent;
- what Frappe keeps *about* a record (comments, e-mails, files, versions, ToDos, tags,
  notifications, follows, shares, activity): by the record it points at.
A record with no unit yet is closed to a unit-scoped user (Frappe's non-strict User
Permissions would leave it open; the site-wide ``apply_strict_user_permissions`` would change
every other app of the suite).

Shares: Frappe opens a shared record to its user past every permission hook
(``frappe.permissions.has_permission`` asks the DocShare table when the hooks said no, and
``get_list`` adds ``or name in (shared)`` around the query conditions). So a share never
crosses the rule: one to a user outside the record's units, or to everyone, is refused when
it is made (``refuse_share_across_units``), and one that a change of unit leaves across the
rule is removed when that change is saved (``drop_shares_across_units``).
"""

from __future__ import annotations

import frappe
from frappe import _

UNIT_DOCTYPE = "Dialogue Unit"
PETITION = "Citizen Petition"
ASSIGNMENT = "Petition Assignment"
IDENTITY = "Petition Identity"
SATISFACTION = "Petition Satisfaction Reply"
SUBSCRIPTION = "Petition Update Subscription"
UPDATE_MESSAGE = "Citizen Update Message"
COORDINATING_TABLE = "Assignment Coordinating Unit"

# The one list of the app's doctypes whose records are closed outside a user's units
# (hooks.py builds its permission entries from it).
SCOPED_DOCTYPES = (PETITION, ASSIGNMENT, IDENTITY, SATISFACTION, SUBSCRIPTION, UPDATE_MESSAGE)
# The unit field of a record scoped by its own unit (an empty one is closed too).
UNIT_FIELD = {PETITION: "responsible_unit", ASSIGNMENT: "lead_unit"}
# A record scoped by the petition (or assignment) it belongs to: (link field, that doctype).
SCOPED_BY_LINK = {
	IDENTITY: ("petition", PETITION),
	SATISFACTION: ("petition", PETITION),
	SUBSCRIPTION: ("petition", PETITION),
	UPDATE_MESSAGE: ("petition", PETITION),
}
# Frappe's records about another record: (doctype field, name field) of the record they point at.
REFERENCE_FIELDS = {
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Version": ("ref_doctype", "docname"),
	"ToDo": ("reference_type", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"Notification Log": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"DocShare": ("share_doctype", "share_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
}


def scoped_units(doctype: str, user: str | None = None) -> list[str] | None:
	"""The units ``user`` is restricted to for ``doctype``; None when not unit-scoped."""
	from frappe.permissions import get_user_permissions  # here: hooks.py imports this module

	user = user or frappe.session.user
	entries = get_user_permissions(user).get(UNIT_DOCTYPE) or []
	units = [
		e.get("doc") for e in entries if not e.get("applicable_for") or e.get("applicable_for") == doctype
	]
	return sorted(set(units)) if units else None


def child_tables() -> dict[str, str]:
	"""Child doctype -> its scoped parent, from the meta (custom Table fields included)."""
	return {
		df.options: parent for parent in SCOPED_DOCTYPES for df in frappe.get_meta(parent).get_table_fields()
	}


def root_doctype(doctype: str) -> str | None:
	"""The scoped doctype whose rule decides for ``doctype``'s rows (None: not scoped)."""
	if doctype in SCOPED_DOCTYPES:
		return doctype
	return child_tables().get(doctype)


def is_scoped(doctype: str | None) -> bool:
	"""Whether ``doctype``'s rows follow the unit rule (a scoped doctype or one of its tables)."""
	return bool(doctype) and root_doctype(doctype) is not None


def _in(column: str, units: list[str]) -> str:
	return f"{column} in ({', '.join(frappe.db.escape(u) for u in units)})"


# -- the rule as SQL: rows of `tab<doctype>` in the user's scope --------------------------------


def condition(doctype: str, user: str | None = None) -> str | None:
	"""SQL over ``tab<doctype>`` for the rows in ``user``'s units; None when nothing is closed."""
	table = f"`tab{doctype}`"
	if doctype == PETITION:
		units = scoped_units(PETITION, user)
		return None if units is None else _in(f"{table}.`{UNIT_FIELD[PETITION]}`", units)
	if doctype == ASSIGNMENT:
		units = scoped_units(ASSIGNMENT, user)
		if units is None:
			return None
		return (
			f"({_in(f'{table}.`lead_unit`', units)} or {table}.`name` in "
			f"(select `parent` from `tab{COORDINATING_TABLE}` where `parenttype` = '{ASSIGNMENT}' "
			f"and {_in('`unit`', units)}))"
		)
	if doctype in SCOPED_BY_LINK:
		field, target = SCOPED_BY_LINK[doctype]
		inner = _subquery(target, user)
		return None if inner is None else f"ifnull({table}.`{field}`, '') in {inner}"
	parent = child_tables().get(doctype)
	if parent:
		inner = _subquery(parent, user)
		return None if inner is None else f"{table}.`parent` in {inner}"
	if doctype in REFERENCE_FIELDS:
		return _reference_condition(doctype, user)
	return None


def _subquery(doctype: str, user: str | None) -> str | None:
	"""``(select name ...)`` of the ``doctype`` rows in scope; None when nothing is closed."""
	inner = condition(doctype, user)
	return None if inner is None else f"(select `name` from `tab{doctype}` where {inner})"


def _reference_condition(doctype: str, user: str | None) -> str | None:
	dt_field, name_field = REFERENCE_FIELDS[doctype]
	dt_col, name_col = f"`tab{doctype}`.`{dt_field}`", f"`tab{doctype}`.`{name_field}`"
	closed = []
	for target in SCOPED_DOCTYPES:
		inner = _subquery(target, user)
		if inner is not None:
			closed.append((target, inner))
	if not closed:
		return None
	listed = ", ".join(frappe.db.escape(t) for t, _inner in closed)
	open_ones = " or ".join(f"({dt_col} = {frappe.db.escape(t)} and {name_col} in {q})" for t, q in closed)
	return f"(ifnull({dt_col}, '') not in ({listed}) or {open_ones})"


# -- the rule for one record ---------------------------------------------------------------------


def in_scope(doctype: str | None, name: str | None, user: str | None = None) -> bool:
	"""Whether the record (doctype, name) is inside ``user``'s units (True when not scoped)."""
	if not doctype or not name or not is_scoped(doctype):
		return True
	inner = condition(doctype, user)
	if inner is None:
		return True
	# the rule is SQL already (the same the lists use): one lookup by the primary key
	return bool(
		frappe.db.sql(  # nosemgrep: frappe-using-db-sql -- the scope rule is the SQL condition the lists use
			f"select `name` from `tab{doctype}` where `name` = %s and {inner}", name
		)
	)


def _doc_in_scope(doc, user: str | None) -> bool:
	if doc.doctype == PETITION:
		units = scoped_units(PETITION, user)
		return units is None or doc.get(UNIT_FIELD[PETITION]) in units
	if doc.doctype == ASSIGNMENT:
		units = scoped_units(ASSIGNMENT, user)
		if units is None:
			return True
		involved = {doc.get("lead_unit")} | {row.unit for row in doc.get("coordinating_units") or []}
		return bool(involved & set(units))
	if doc.doctype in SCOPED_BY_LINK:
		field, target = SCOPED_BY_LINK[doc.doctype]
		return in_scope(target, doc.get(field), user) if doc.get(field) else condition(target, user) is None
	if doc.doctype in REFERENCE_FIELDS:
		dt_field, name_field = REFERENCE_FIELDS[doc.doctype]
		return in_scope(doc.get(dt_field), doc.get(name_field), user)
	return True


# -- hooks (hooks.py) ---------------------------------------------------------------------------
# They only deny (False) or abstain (None): granting stays with Frappe's Role Permissions.


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""hooks ``permission_query_conditions["*"]``: Frappe's ``get_list`` (the list view,
	reportview, REST lists, link search, group-by counts, the gate's counts) adds it to the
	query of every doctype; it closes the scoped doctypes by their unit or their petition,
	their child tables by their parent, and Frappe's records about a scoped record (comments,
	files, ToDos, tags, shares...) by that record; "" for every other doctype."""
	if not doctype or not (is_scoped(doctype) or doctype in REFERENCE_FIELDS):
		return ""
	return condition(doctype, user) or ""


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""hooks ``has_permission["*"]``: Frappe's ``has_permission`` on one record (the form,
	``frappe.client``, REST reads and writes, prints, ``check_permission``) asks it for every
	doctype; a scoped record outside the user's units, or an identity, a comment, a file, a
	ToDo... of one, is closed for every right (adding one included). Creating a petition or an
	assignment stays with Frappe (its unit is checked on the new record by its User Permission).
	(A child table never reaches ``has_permission`` - Frappe asks its parent.)"""
	if doc.doctype in UNIT_FIELD:
		if ptype == "create":
			return None
	elif doc.doctype not in SCOPED_BY_LINK and doc.doctype not in REFERENCE_FIELDS:
		return None
	return None if _doc_in_scope(doc, user) else False


# -- shares ----------------------------------------------------------------------------------------


def refuse_share_across_units(doc, method: str | None = None) -> None:
	"""doc_events DocShare.validate: a record of a scoped doctype is shared only with a user
	inside its units (the same rule as the lists), never with everyone."""
	if not is_scoped(doc.share_doctype) or not doc.share_name:
		return
	if doc.everyone:
		frappe.throw(
			_("A {0} cannot be shared with everyone: each unit sees only its own records.").format(
				_(doc.share_doctype)
			),
			frappe.PermissionError,
			title=_("Not Shared"),
		)
	if doc.user and not in_scope(doc.share_doctype, doc.share_name, doc.user):
		frappe.throw(
			_("{0} {1} belongs to a unit that {2} does not work for: it cannot be shared with them.").format(
				_(doc.share_doctype), doc.share_name, doc.user
			),
			frappe.PermissionError,
			title=_("Not Shared"),
		)


def shares_across_units(
	doctype: str | None = None, name: str | None = None, user: str | None = None
) -> list[str]:
	"""The DocShare rows of scoped records (of ``doctype``/``name``, or to ``user``) that cross
	the unit rule: to everyone, or to a user outside the record's units."""
	# every save of a petition or assignment asks this (an import: every row): one plain query
	share = frappe.qb.DocType("DocShare")
	query = frappe.qb.from_(share).select(
		share.name, share.share_doctype, share.share_name, share.user, share.everyone
	)
	query = query.where(
		(share.share_doctype == doctype) if doctype else share.share_doctype.isin(SCOPED_DOCTYPES)
	)
	if name:
		query = query.where(share.share_name == name)
	if user:
		query = query.where(share.user == user)
	rows = query.run(as_dict=True)
	return [
		r.name for r in rows if r.everyone or (r.user and not in_scope(r.share_doctype, r.share_name, r.user))
	]


def drop_shares_across_units(doc, method: str | None = None) -> None:
	"""doc_events on_update of a scoped record (its unit may have changed) and of a User
	Permission (a user's units may have changed): the shares that now cross the rule go."""
	if doc.doctype == "User Permission":
		if doc.allow != UNIT_DOCTYPE:
			return
		names = shares_across_units(user=doc.user)
	elif doc.doctype in UNIT_FIELD:
		names = shares_across_units(doc.doctype, doc.name)
	else:
		return
	for share in names:
		frappe.delete_doc("DocShare", share, ignore_permissions=True, force=True)
