"""What an assignment does to the records around it, who sees it, and its reminders."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, get_url_to_form, getdate, now_datetime, today
from frappe.utils.nestedset import get_descendants_of

from tiep_xuc_doi_thoai.core import assignments as A
from tiep_xuc_doi_thoai.core import petitions as P
from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT, SUPERVISOR, SYSTEM_MANAGER, UNIT_OFFICER
from tiep_xuc_doi_thoai.utils.calendar import get_calendar
from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

DOCTYPE = "Petition Assignment"
SEE_ALL_ROLES = {MANAGER, SECRETARIAT, SUPERVISOR, SYSTEM_MANAGER}
ASSIGNABLE_PETITION_STATES = (P.CLASSIFIED, P.ASSIGNED)


# -- petitions and conclusions -----------------------------------------------------------------


def petitions_of(doc) -> list[str]:
	return [row.petition for row in doc.get("petitions") or [] if row.petition]


def validate_petitions_assignable(doc) -> None:
	"""A petition is assigned once it is classified (its type, category and jurisdiction known)."""
	for name in petitions_of(doc):
		status = frappe.db.get_value("Citizen Petition", name, "status")
		if status not in ASSIGNABLE_PETITION_STATES:
			frappe.throw(
				_("Petition {0} is {1}: only a classified petition can be assigned.").format(
					frappe.bold(name), _(status or P.RECEIVED)
				),
				title=_("Petition Not Classified"),
			)


def sync_petitions_on_assign(doc) -> None:
	"""The petitions of a new assignment get its unit and move to Assigned, as the system: the
	user who assigns need not hold the petition's own transition, and is named on its timeline."""
	for name in petitions_of(doc):
		petition = frappe.get_doc("Citizen Petition", name)
		values = {} if petition.responsible_unit else {"responsible_unit": doc.lead_unit}
		cause = _("assigned to {0} by assignment {1}.").format(doc.lead_unit, doc.name)
		if petition.status == P.CLASSIFIED:
			move_as_consequence(petition, P.ASSIGNED, cause, values)
		elif values:
			petition.update(values)
			petition.flags.ignore_permissions = True
			petition.save()
			petition.add_comment("Info", cause)


def assignment_statuses(petition: str) -> list[tuple[str, str, str | None]]:
	"""(assignment, status, draft answer) of every assignment that includes ``petition``."""
	parent = frappe.qb.DocType(DOCTYPE)
	child = frappe.qb.DocType("Assignment Petition")
	return (
		frappe.qb.from_(parent)
		.join(child)
		.on(child.parent == parent.name)
		.select(parent.name, parent.status, parent.draft_answer)
		.where((child.petition == petition) & (child.parenttype == DOCTYPE))
		.orderby(parent.creation)
		.run()
	)


def sync_petitions_on_accept(doc) -> None:
	"""When every assignment of a petition is accepted, the petition is answered with the
	accepted answers."""
	for name in petitions_of(doc):
		rows = assignment_statuses(name)
		if not A.all_done(status for _n, status, _a in rows):
			continue
		petition = frappe.get_doc("Citizen Petition", name)
		if petition.status != P.ASSIGNED:
			continue
		answers = [answer for _n, _s, answer in rows if answer]
		move_as_consequence(
			petition,
			P.ANSWERED,
			_("every assignment ({0}) was accepted.").format(", ".join(n for n, _s, _a in rows)),
			{
				"answer": "\n\n".join(frappe.utils.strip_html_tags(a) for a in answers) or petition.answer,
				"answer_mode": P.ANSWER_IN_WRITING,
				"answered_on": today(),
			},
		)


def sync_conclusion_item(doc) -> None:
	if not doc.conclusion_item:
		return
	progress = "Done" if A.is_done(doc.status) else ("Open" if doc.status == A.ASSIGNED else "In Progress")
	item = frappe.db.get_value(
		"Dialogue Conclusion", doc.conclusion_item, ["parent", "progress"], as_dict=True
	)
	if not item:
		return
	# A consequence of the assignment, written as the system (the user need not be able to edit
	# the conference); its timeline names who caused it.
	frappe.db.set_value(
		"Dialogue Conclusion",
		doc.conclusion_item,
		{"assignment": doc.name, "progress": progress},
		update_modified=False,
	)
	if item.progress != progress and progress == "Done":
		frappe.get_doc("Dialogue Conference", item.parent).add_comment(
			"Info",
			_("Conclusion done by {0}: assignment {1} is {2}.").format(
				frappe.utils.get_fullname(frappe.session.user), doc.name, _(doc.status)
			),
		)


# -- who sees an assignment --------------------------------------------------------------------


def officer_units(user: str) -> list[str] | None:
	"""Units a Unit Officer works for (with the units under them); None when the user's
	roles let them see every assignment."""
	if user == "Administrator" or set(frappe.get_roles(user)) & SEE_ALL_ROLES:
		return None
	permissions = frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": "Dialogue Unit"},
		fields=["for_value", "hide_descendants"],
	)
	units: set[str] = set()
	for p in permissions:
		units.add(p.for_value)
		if not p.hide_descendants:
			units.update(get_descendants_of("Dialogue Unit", p.for_value, ignore_permissions=True))
	return sorted(units)


def assignment_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	units = officer_units(user)
	if units is None:
		return ""
	if not units:
		return "1=0"
	values = ", ".join(frappe.db.escape(u) for u in units)
	return (
		f"(`tab{DOCTYPE}`.`lead_unit` in ({values}) or `tab{DOCTYPE}`.`name` in "
		f"(select `parent` from `tabAssignment Coordinating Unit` where `parenttype` = '{DOCTYPE}' "
		f"and `unit` in ({values})))"
	)


def assignment_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	units = officer_units(user)
	if units is None:
		return True
	involved = {doc.get("lead_unit")} | {row.unit for row in doc.get("coordinating_units") or []}
	return bool(involved & set(units))


# -- the daily and weekly jobs -----------------------------------------------------------------


def refresh_deadline_states(on=None) -> int:
	"""Mark assignments due soon and overdue as days pass; returns how many changed."""
	changed = 0
	for name in frappe.get_all(DOCTYPE, filters={"status": ("in", A.OPEN_STATUSES)}, pluck="name"):
		doc = frappe.get_doc(DOCTYPE, name)
		before = doc.deadline_state
		doc.set_deadline_state(on)
		if doc.deadline_state != before:
			doc.db_set("deadline_state", doc.deadline_state, update_modified=False)
			changed += 1
	return changed


def _recipients(doc) -> list[str]:
	users = [doc.assignee, frappe.db.get_value("Dialogue Unit", doc.lead_unit, "unit_head")]
	return sorted({u for u in users if u and frappe.db.get_value("User", u, "enabled")})


def _log(
	key: str, kind: A.ReminderKind, recipients: list[str], reference: str | None = None, due=None
) -> bool:
	"""Record a reminder; False when it was already recorded (and so already sent)."""
	if frappe.db.exists("Dialogue Reminder Log", key):
		return False
	frappe.get_doc(
		{
			"doctype": "Dialogue Reminder Log",
			"log_key": key,
			"kind": kind.value,
			"reference_doctype": DOCTYPE if reference else None,
			"reference_name": reference,
			"due_date": due,
			"recipients": "\n".join(recipients),
			"sent_on": now_datetime(),
		}
	).insert(ignore_permissions=True)
	return True


def send_reminders(on=None) -> list[str]:
	"""Remind assignee and unit head N working days before the due date, and once it has
	passed. Each (kind, assignment, due date) is sent once, whatever the job's reruns."""
	day = getdate(on or today())
	before = frappe.db.get_single_value("Dialogue Settings", "reminder_working_days") or 0
	calendar = get_calendar()
	sent = []
	for name in frappe.get_all(
		DOCTYPE, filters={"status": ("in", A.OPEN_STATUSES), "due_date": ("is", "set")}, pluck="name"
	):
		doc = frappe.get_doc(DOCTYPE, name)
		due = getdate(doc.due_date)
		kind = A.reminder_for(day, due, int(before), calendar)
		if not kind:
			continue
		recipients = _recipients(doc)
		if not _log(A.reminder_key(kind, doc.name, due), kind, recipients, doc.name, due):
			continue
		if recipients:
			if kind == A.ReminderKind.OVERDUE:
				subject = _("Overdue: assignment {0} was due on {1}").format(
					doc.name, frappe.format(due, "Date")
				)
			else:
				subject = _("Due soon: assignment {0} is due on {1}").format(
					doc.name, frappe.format(due, "Date")
				)
			notify(
				recipients,
				subject,
				_("{0}<br>Lead unit: {1}<br>Open it: {2}").format(
					escape_html(frappe.utils.strip_html_tags(doc.task or ""))[:500],
					escape_html(doc.lead_unit),
					get_url_to_form(DOCTYPE, doc.name),
				),
				doc.name,
			)
		sent.append(doc.name)
	return sent


def notify(recipients: list[str], subject: str, message: str, reference: str | None = None) -> None:
	"""In-app notification (the bell) for each recipient, and an e-mail through the email
	queue when the site has an outgoing account. A site without e-mail still gets its
	reminders in the desk, and the job never fails because mail is not set up."""
	for user in recipients:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"subject": subject,
				"email_content": message,
				"document_type": DOCTYPE if reference else None,
				"document_name": reference,
				"from_user": "Administrator",
			}
		).insert(ignore_permissions=True)
	try:
		frappe.sendmail(
			recipients=recipients,
			subject=subject,
			message=message,
			reference_doctype=DOCTYPE if reference else None,
			reference_name=reference,
		)
	except frappe.OutgoingEmailError:
		pass  # no outgoing e-mail account: the in-app notifications above still stand


def daily_follow_up() -> None:
	refresh_deadline_states()
	send_reminders()


def weekly_digest(on=None) -> bool:
	"""Once a week: the overdue assignments, to the Secretariat and the Supervisors."""
	if not frappe.db.get_single_value("Dialogue Settings", "weekly_digest"):
		return False
	day = getdate(on or today())
	overdue = frappe.get_all(
		DOCTYPE,
		filters={"status": ("in", A.OPEN_STATUSES), "due_date": ("<", day)},
		fields=["name", "lead_unit", "due_date"],
		order_by="due_date asc",
	)
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	recipients = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(
			(has_role.role.isin([SECRETARIAT, SUPERVISOR]))
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.name.notin(["Administrator", "Guest"]))
		)
		.run(pluck=True)
	)
	if not _log(A.digest_key(day), A.ReminderKind.WEEKLY_DIGEST, sorted(recipients)):
		return False
	if recipients and overdue:
		rows = "".join(
			f"<tr><td>{escape_html(a.name)}</td><td>{escape_html(a.lead_unit)}</td>"
			f"<td>{frappe.format(a.due_date, 'Date')}</td></tr>"
			for a in overdue
		)
		notify(
			sorted(recipients),
			_("{0} overdue assignments this week").format(len(overdue)),
			f"<table><tr><th>{_('Assignment')}</th><th>{_('Lead Unit')}</th><th>{_('Due Date')}</th></tr>{rows}</table>",
		)
	return True
