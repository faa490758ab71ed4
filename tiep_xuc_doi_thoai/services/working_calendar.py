"""The site's working calendar and deadline rules, read from Dialogue Settings and
Deadline Rule records and handed to the frappe-free ``core`` that does the arithmetic."""

from __future__ import annotations

import datetime as dt

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.caching import site_cache
from frappe.utils.nestedset import get_ancestors_of

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar
from tiep_xuc_doi_thoai.core.deadlines import (
	ANY,
	AREA_NORMAL,
	COMPLEXITY_NORMAL,
	DayKind,
	DeadlineRule,
	Direction,
	NoRuleError,
	days_left,
	resolve_rule,
)

RULE_FIELDS = (
	"name",
	"event",
	"days",
	"day_kind",
	"direction",
	"complexity",
	"area",
	"unit",
	"effective_from",
	"effective_to",
	"legal_basis",
	"extension_days",
	"max_extensions",
	"enabled",
)


class NoDeadlineRuleError(frappe.ValidationError):
	pass


def get_calendar() -> WorkingCalendar:
	"""The national calendar with this site's extra days off and extra working days."""
	settings = frappe.get_cached_doc("Dialogue Settings")
	rows = settings.get("calendar_overrides") or []
	days_off = tuple(sorted(str(getdate(r.date)) for r in rows if r.kind == "Day Off"))
	working = tuple(sorted(str(getdate(r.date)) for r in rows if r.kind == "Working Day"))
	return _calendar(days_off, working)


# Per set of agency overrides (ISO dates), per site and worker process: building a calendar
# takes ~0.1 s, and the overrides are its whole input.
@site_cache(maxsize=8)
def _calendar(days_off: tuple[str, ...], working: tuple[str, ...]) -> WorkingCalendar:
	return WorkingCalendar(
		tuple(dt.date.fromisoformat(d) for d in days_off), tuple(dt.date.fromisoformat(d) for d in working)
	)


def rule_from_record(row) -> DeadlineRule:
	"""A Deadline Rule record (document or dict) as the core's ``DeadlineRule``."""
	return DeadlineRule(
		code=row.get("name") or row.get("rule_code"),
		event=row.get("event"),
		days=int(row.get("days") or 0),
		day_kind=DayKind(row.get("day_kind") or DayKind.WORKING.value),
		direction=Direction(row.get("direction") or Direction.AFTER.value),
		complexity=row.get("complexity") or ANY,
		area=row.get("area") or ANY,
		unit=row.get("unit") or None,
		effective_from=getdate(row.get("effective_from")) if row.get("effective_from") else None,
		effective_to=getdate(row.get("effective_to")) if row.get("effective_to") else None,
		legal_basis=row.get("legal_basis") or "",
		extension_days=int(row.get("extension_days") or 0),
		max_extensions=int(row.get("max_extensions") or 0),
		enabled=bool(row.get("enabled")),
	)


def load_rules(event: str | None = None) -> list[DeadlineRule]:
	filters = {"event": event} if event else {}
	return [
		rule_from_record(r)
		for r in frappe.get_all("Deadline Rule", filters=filters, fields=list(RULE_FIELDS))
	]


def unit_lineage(unit: str | None) -> list[str]:
	"""The unit and its ancestors, nearest first: a rule of the unit beats its parent's."""
	if not unit:
		return []
	return [unit, *get_ancestors_of("Dialogue Unit", unit)]


def get_rule(
	event: str,
	on: dt.date | str,
	complexity: str | None = None,
	area: str | None = None,
	unit: str | None = None,
) -> DeadlineRule:
	on = getdate(on)
	try:
		return resolve_rule(
			load_rules(event),
			event,
			on,
			complexity or COMPLEXITY_NORMAL,
			area or AREA_NORMAL,
			unit_lineage(unit),
		)
	except NoRuleError:
		frappe.throw(
			_(
				"No enabled Deadline Rule for {0} is in force on {1}. Ask the administrator to add one."
			).format(_(event), frappe.format(on, "Date")),
			exc=NoDeadlineRuleError,
			title=_("Missing Deadline Rule"),
		)


def due_date_from_rule(
	event: str,
	anchor: dt.date | str,
	complexity: str | None = None,
	area: str | None = None,
	unit: str | None = None,
	extensions: int = 0,
) -> tuple[dt.date, DeadlineRule]:
	"""The one way a due date comes from a rule: (the deadline for ``event`` counted from
	``anchor`` under the rule in force on it, that rule)."""
	anchor = getdate(anchor)
	rule = get_rule(event, anchor, complexity, area, unit)
	return rule.due_date(anchor, get_calendar(), extensions=extensions), rule


def due_date(
	event: str,
	anchor: dt.date | str,
	complexity: str | None = None,
	area: str | None = None,
	unit: str | None = None,
	extensions: int = 0,
) -> dt.date:
	return due_date_from_rule(event, anchor, complexity, area, unit, extensions)[0]


def due_soon_window() -> int:
	"""Working days before a deadline from which a duty is "due soon" - for the reminders,
	the stored deadline states (list colours, number cards, reports) and the forms alike:
	Dialogue Settings, "Remind Working Days Before Due"."""
	return int(frappe.db.get_single_value("Dialogue Settings", "reminder_working_days") or 0)


def working_days_left(due: dt.date | str, today: dt.date | str | None = None) -> int:
	return days_left(getdate(due), getdate(today), get_calendar())
