"""What an assignment does to the records around it, who sees it, and its reminders."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, get_url_to_form, getdate, now_datetime, today
from frappe.utils.user import get_users_with_role

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.roles import SECRETARIAT, SUPERVISOR
from tiep_xuc_doi_thoai.services.working_calendar import due_soon_window, get_calendar
from tiep_xuc_doi_thoai.utils.notifications import notify_users
from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

DOCTYPE = "Petition Assignment"
ASSIGNABLE_PETITION_STATES = (petition_rules.CLASSIFIED, petition_rules.ASSIGNED)


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
					frappe.bold(name), _(status or petition_rules.RECEIVED, context="Citizen Petition")
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
		if petition.status == petition_rules.CLASSIFIED:
			move_as_consequence(petition, petition_rules.ASSIGNED, cause, values)
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
		if not assignment_rules.all_done(status for _n, status, _a in rows):
			continue
		petition = frappe.get_doc("Citizen Petition", name)
		if petition.status != petition_rules.ASSIGNED:
			continue
		answers = [answer for _n, _s, answer in rows if answer]
		move_as_consequence(
			petition,
			petition_rules.ANSWERED,
			_("every assignment ({0}) was accepted.").format(", ".join(n for n, _s, _a in rows)),
			{
				"answer": "\n\n".join(frappe.utils.strip_html_tags(a) for a in answers) or petition.answer,
				"answer_mode": petition_rules.ANSWER_IN_WRITING,
				"answered_on": today(),
			},
		)


def sync_conclusion_item(doc) -> None:
	if not doc.conclusion_item:
		return
	progress = (
		assignment_rules.CONCLUSION_DONE
		if assignment_rules.is_done(doc.status)
		else (
			assignment_rules.CONCLUSION_NOT_STARTED
			if doc.status == assignment_rules.ASSIGNED
			else assignment_rules.CONCLUSION_IN_PROGRESS
		)
	)
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
	if item.progress != progress and progress == assignment_rules.CONCLUSION_DONE:
		frappe.get_doc("Dialogue Conference", item.parent).add_comment(
			"Info",
			_("Conclusion done by {0}: assignment {1} is {2}.").format(
				frappe.utils.get_fullname(frappe.session.user), doc.name, _(doc.status, context=DOCTYPE)
			),
		)


# -- the daily and weekly jobs -----------------------------------------------------------------


PAGE = 5000  # the daily jobs read open assignments a page at a time: memory stays flat


def _open_pages(fields: list[str], filters: dict | None = None):
	"""Open assignments, ``PAGE`` rows at a time in name order (keyset paging, no OFFSET)."""
	last = ""
	while True:
		rows = frappe.get_all(
			DOCTYPE,
			filters={
				"status": ("in", assignment_rules.OPEN_STATUSES),
				"name": (">", last),
				**(filters or {}),
			},
			fields=["name", *fields],
			order_by="name asc",
			limit_page_length=PAGE,
		)
		if not rows:
			return
		yield rows
		last = rows[-1].name


def refresh_assignment_deadline_states(on=None) -> int:
	"""Mark assignments due soon and overdue as days pass; returns how many changed.

	The state comes from the controller's own ``set_deadline_state`` run on one unsaved probe
	document per distinct (due date, completion) pair, and changed rows are written per state
	in one UPDATE per page: no document load per assignment."""
	probe = frappe.new_doc(DOCTYPE)
	states: dict[tuple, str] = {}
	table = frappe.qb.DocType(DOCTYPE)
	changed = 0
	for rows in _open_pages(["due_date", "completed_on", "deadline_state"]):
		moves: dict[str, list[str]] = {}
		for row in rows:
			key = (row.due_date, row.completed_on)
			if key not in states:
				probe.due_date, probe.completed_on = row.due_date, row.completed_on
				probe.set_deadline_state(on)
				states[key] = probe.deadline_state or ""
			if states[key] != (row.deadline_state or ""):
				moves.setdefault(states[key], []).append(row.name)
		for state, names in moves.items():
			frappe.qb.update(table).set(table.deadline_state, state).where(table.name.isin(names)).run()
			changed += len(names)
	return changed


def _log(
	key: str,
	kind: assignment_rules.ReminderKind,
	recipients: list[str],
	reference: str | None = None,
	due=None,
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
	passed. Each (kind, assignment, due date) is sent once, whatever the job's reruns.

	Reads a page of open assignments at a time with the fields it needs, the logs already
	written for that page in one query, unit heads and enabled users once; the new logs of a
	page go in with one bulk insert."""
	day = getdate(on or today())
	before = due_soon_window()
	calendar = get_calendar()
	# a due date further than this many calendar days cannot be within `before` working days
	horizon = frappe.utils.add_days(day, before * 3 + 21)
	heads = dict(frappe.get_all("Dialogue Unit", fields=["name", "unit_head"], as_list=True))
	enabled = set(frappe.get_all("User", filters={"enabled": 1}, pluck="name"))
	sent = []
	for rows in _open_pages(
		["due_date", "assignee", "lead_unit", "task"], {"due_date": ("between", ["1900-01-01", horizon])}
	):
		due_rows = []
		for row in rows:
			due = getdate(row.due_date)
			kind = assignment_rules.reminder_for(day, due, before, calendar)
			if kind:
				due_rows.append((assignment_rules.reminder_key(kind, row.name, due), kind, due, row))
		if not due_rows:
			continue
		logged = set(
			frappe.get_all(
				"Dialogue Reminder Log", filters={"name": ("in", [k for k, *_ in due_rows])}, pluck="name"
			)
		)
		new = [r for r in due_rows if r[0] not in logged]
		now, user = now_datetime(), frappe.session.user
		recipients = {
			key: sorted({u for u in (row.assignee, heads.get(row.lead_unit)) if u and u in enabled})
			for key, _kind, _due, row in new
		}
		# Frappe's bulk_insert, measured: 2,000 logs took 54 s inserted one by one (27 ms each,
		# this machine under load) and 1.7 s in one go; the first run on a site sends every
		# overdue reminder at once (benchmarks/scale.py, target under 60 s). The rows are the
		# log's own fields, owned by whoever runs the job (the scheduler's user).
		frappe.db.bulk_insert(
			"Dialogue Reminder Log",
			[
				"name",
				"log_key",
				"kind",
				"reference_doctype",
				"reference_name",
				"due_date",
				"recipients",
				"sent_on",
				"creation",
				"modified",
				"owner",
				"modified_by",
			],
			[
				(
					key,
					key,
					kind.value,
					DOCTYPE,
					row.name,
					due,
					"\n".join(recipients[key]),
					now,
					now,
					now,
					user,
					user,
				)
				for key, kind, due, row in new
			],
			ignore_duplicates=True,
		)
		for key, kind, due, row in new:
			if recipients[key]:
				_remind(recipients[key], kind, due, row)
			sent.append(row.name)
	return sent


def _remind(recipients: list[str], kind: assignment_rules.ReminderKind, due, row) -> None:
	if kind == assignment_rules.ReminderKind.OVERDUE:
		subject = _("Overdue: assignment {0} was due on {1}").format(row.name, frappe.format(due, "Date"))
	else:
		subject = _("Due soon: assignment {0} is due on {1}").format(row.name, frappe.format(due, "Date"))
	notify(
		recipients,
		subject,
		_("{0}<br>Lead unit: {1}<br>Open it: {2}").format(
			escape_html(frappe.utils.strip_html_tags(row.task or ""))[:500],
			escape_html(row.lead_unit),
			get_url_to_form(DOCTYPE, row.name),
		),
		row.name,
	)


def notify(recipients: list[str], subject: str, message: str, reference: str | None = None) -> None:
	"""In-app notification (the bell) for each recipient, and an e-mail through the email
	queue when the site has an outgoing account. A site without e-mail still gets its
	reminders in the desk, and the job never fails because mail is not set up."""
	notify_users(
		recipients,
		{
			"type": "Alert",
			"subject": subject,
			"email_content": message,
			"document_type": DOCTYPE if reference else None,
			"document_name": reference,
			"from_user": "Administrator",
		},
	)
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
	refresh_assignment_deadline_states()
	send_reminders()


def weekly_digest(on=None) -> bool:
	"""Once a week: the overdue assignments, to the Secretariat and the Supervisors."""
	if not frappe.db.get_single_value("Dialogue Settings", "weekly_digest"):
		return False
	day = getdate(on or today())
	overdue = frappe.get_all(
		DOCTYPE,
		filters={"status": ("in", assignment_rules.OPEN_STATUSES), "due_date": ("<", day)},
		fields=["name", "lead_unit", "due_date"],
		order_by="due_date asc",
	)
	recipients = {
		user for role in (SECRETARIAT, SUPERVISOR) for user in get_users_with_role(role) if user != "Guest"
	}
	if not _log(
		assignment_rules.digest_key(day), assignment_rules.ReminderKind.WEEKLY_DIGEST, sorted(recipients)
	):
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
			f"<table><tr><th>{_('Assignment', context='Petition Assignment')}</th><th>{_('Lead Unit')}</th><th>{_('Due Date', context='Petition Assignment')}</th></tr>{rows}</table>",
		)
	return True


# -- making assignments from where the work starts ---------------------------------------------
ASSIGNMENT = "Petition Assignment"


def make_from_conclusions(conference: str) -> list[str]:
	"""One assignment per conclusion item that names a responsible unit and has none yet
	(the conference's *Make Assignments*, ``DialogueConference.make_assignments``)."""
	frappe.has_permission(ASSIGNMENT, "create", throw=True)
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
				"doctype": ASSIGNMENT,
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


def make_from_petitions(
	petitions: list[str] | str, lead_unit: str, task: str | None = None, due_date: str | None = None
) -> str:
	"""One assignment for one or several petitions (a petition's form, or bulk from the list)."""
	frappe.has_permission(ASSIGNMENT, "create", throw=True)
	names = frappe.parse_json(petitions) if isinstance(petitions, str) else petitions
	if not names:
		frappe.throw(_("Select at least one petition."))
	for name in names:
		frappe.get_doc("Citizen Petition", name).check_permission("read")
	complex_ = any(frappe.db.get_value("Citizen Petition", n, "complexity") == "Complex" for n in names)
	doc = frappe.get_doc(
		{
			"doctype": ASSIGNMENT,
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
