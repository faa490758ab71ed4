"""Assignment actions: create from where the work starts, ask for and decide extensions."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.services import working_calendar as site_calendar
from tiep_xuc_doi_thoai.utils.workflow import check_permlevel_write

DOCTYPE = "Petition Assignment"


class ExtensionError(frappe.ValidationError):
	pass


# Deciding an extension is write on the permission level of the request's decision (level 2
# of Petition Assignment in Role Permissions Manager), a right the administrator grants.
DECISION_FIELD = "decision"


def check_may_decide_extension(doc) -> None:
	check_permlevel_write(
		doc, DECISION_FIELD, _("decide on an extension"), doctype="Assignment Extension Request"
	)


@frappe.whitelist()
def request_extension(name: str, requested_due_date: str, reason: str) -> dict:
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	if assignment_rules.is_done(doc.status):
		frappe.throw(
			_("Assignment {0} is {1}: an extension can no longer be asked for.").format(
				frappe.bold(name), _(doc.status, context=doc.doctype)
			),
			exc=ExtensionError,
			title=_("Assignment Closed"),
		)
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the extension."), exc=ExtensionError, title=_("Missing Reason"))
	requested = getdate(requested_due_date)
	if doc.due_date and requested <= getdate(doc.due_date):
		frappe.throw(
			_("The requested due date must be after the current one ({0}).").format(
				frappe.format(doc.due_date, "Date")
			),
			exc=ExtensionError,
			title=_("Invalid Due Date"),
		)
	if any(row.decision == "Pending" for row in doc.extensions):
		frappe.throw(_("An extension request is already waiting for a decision."), exc=ExtensionError)
	doc.append(
		"extensions",
		{
			"requested_on": today(),
			"requested_by": frappe.session.user,
			"current_due_date": doc.due_date,
			"requested_due_date": requested,
			"reason": reason.strip(),
			"decision": "Pending",
		},
	)
	doc.flags.extension_api = True
	doc.save()
	return {"name": doc.name, "row": doc.extensions[-1].name}


@frappe.whitelist()
def decide_extension(name: str, row: str, approve: bool | int | str, note: str | None = None) -> dict:
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	check_may_decide_extension(doc)
	request = next((r for r in doc.extensions if r.name == row), None)
	if not request or request.decision != "Pending":
		frappe.throw(_("There is no pending extension request {0}.").format(row), exc=ExtensionError)
	if assignment_rules.is_done(doc.status):
		frappe.throw(
			_("Assignment {0} is {1}.").format(frappe.bold(name), _(doc.status, context=doc.doctype)),
			exc=ExtensionError,
		)
	approve = frappe.utils.cint(approve) if not isinstance(approve, bool) else approve
	if approve and doc.due_date_rule:
		rule = frappe.db.get_value("Deadline Rule", doc.due_date_rule, "max_extensions") or 0
		if not assignment_rules.extension_allowed(int(doc.extension_count or 0), int(rule)):
			frappe.throw(
				_("Rule {0} allows at most {1} extensions.").format(doc.due_date_rule, rule),
				exc=ExtensionError,
			)
	request.decision = "Approved" if approve else "Refused"
	request.decided_by = frappe.session.user
	request.decided_on = today()
	request.decision_note = note
	if approve:
		doc.due_date = request.requested_due_date
		doc.extension_count = int(doc.extension_count or 0) + 1
		doc.flags.extension_approved = True
	doc.flags.extension_api = True
	doc.save()
	return {"due_date": doc.due_date, "decision": request.decision}


@frappe.whitelist()
def make_from_conclusions(conference: str) -> list[str]:
	"""One assignment per conclusion item that names a responsible unit and has none yet."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	conf = frappe.get_doc("Dialogue Conference", conference)
	conf.check_permission("read")
	made = []
	for item in conf.conclusions:
		if (
			item.assignment
			or not item.responsible_unit
			or item.conclusion_kind in ("Information", "Answered at the Conference")
		):
			continue
		doc = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"source_type": "Conference Conclusion",
				"dialogue_conference": conf.name,
				"conclusion_item": item.name,
				"task": item.conclusion,
				"lead_unit": item.responsible_unit,
				"assigned_on": today(),
				"due_date": item.due_date,
			}
		).insert()
		made.append(doc.name)
	if not made:
		frappe.msgprint(_("Every conclusion item with a responsible unit is already assigned."))
	return made


@frappe.whitelist()
def make_from_petitions(
	petitions: list[str] | str, lead_unit: str, task: str | None = None, due_date: str | None = None
) -> str:
	"""One assignment for one or several petitions (bulk assignment from the list)."""
	frappe.has_permission(DOCTYPE, "create", throw=True)
	names = frappe.parse_json(petitions) if isinstance(petitions, str) else petitions
	if not names:
		frappe.throw(_("Select at least one petition."))
	for name in names:
		frappe.get_doc("Citizen Petition", name).check_permission("read")
	complex_ = any(frappe.db.get_value("Citizen Petition", n, "complexity") == "Complex" for n in names)
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"source_type": "Citizen Petitions",
			"petitions": [{"petition": n} for n in names],
			"lead_unit": lead_unit,
			"task": task or _("Examine, resolve and draft the written answer to the citizen."),
			"complexity": "Complex" if complex_ else "Normal",
			"assigned_on": today(),
			"due_date": due_date,
		}
	).insert()
	return doc.name


@frappe.whitelist()
def preview_due_date(
	assigned_on: str,
	deadline_event: str,
	complexity: str | None = None,
	remote_area: int | str | None = None,
	lead_unit: str | None = None,
) -> dict:
	frappe.has_permission(DOCTYPE, "read", throw=True)
	due, rule = site_calendar.due_date_from_rule(
		deadline_event,
		assigned_on,
		complexity,
		"Remote" if frappe.utils.cint(remote_area) else "Normal",
		lead_unit,
	)
	return {"due_date": due, "rule": rule.code}
