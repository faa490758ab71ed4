"""Rules of a dialogue conference and its plan: dates that must hold, deadlines from the
rules, and which deadline is the next one to watch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar
from tiep_xuc_doi_thoai.core.deadlines import DeadlineRule, Event, NoRuleError, resolve_rule
from tiep_xuc_doi_thoai.core.followup import DeadlineState, DutyStatus, duty_status, is_on_time

# Conference deadlines: (event, fieldname of the due date, fieldname of the date it was done)
CONFERENCE_DUTIES: tuple[tuple[Event, str, str], ...] = (
	(Event.CONFERENCE_NOTICE, "notice_due", "notice_date"),
	(Event.CONFERENCE_OPINIONS, "opinions_due", "opinions_compiled_on"),
	(Event.CONFERENCE_REVIEW, "review_due", "internal_review_date"),
	(Event.CONFERENCE_CONCLUSION_NOTICE, "conclusion_notice_due", "conclusion_notice_date"),
	(Event.CONFERENCE_RESULTS_PUBLISHED, "results_published_due", "results_published_on"),
)
# -- statuses (the fixed ``status`` field the conference workflow sets) -------------------------
PLANNED = "Planned"
ANNOUNCED = "Announced"
HELD = "Held"
CONCLUDED = "Concluded"
CLOSED = "Closed"
CANCELLED = "Cancelled"
# Statuses in life order; a duty before the conference stops mattering once it is held.
STATUSES = (PLANNED, ANNOUNCED, HELD, CONCLUDED, CLOSED, CANCELLED)
BEFORE_DUTIES = {"notice_due", "opinions_due"}
OPEN_STATUSES = (PLANNED, ANNOUNCED, HELD, CONCLUDED)
# The conference took place (counted as held in results and compliance).
HELD_STATES = (HELD, CONCLUDED, CLOSED)
# Announced: the date is public and the invitation has gone out.
ANNOUNCED_STATES = (ANNOUNCED, *HELD_STATES)
# Concluded: the chair's conclusions are given (results may be published).
CONCLUDED_STATES = (CONCLUDED, CLOSED)


def conference_deadlines(
	conference_date: dt.date,
	rules: Iterable[DeadlineRule],
	calendar: WorkingCalendar,
	units: Sequence[str] = (),
) -> dict[str, dt.date | None]:
	"""Due date per conference duty under the rules in force on the conference date."""
	rules = list(rules)
	out: dict[str, dt.date | None] = {}
	for event, due_field, _done in CONFERENCE_DUTIES:
		try:
			rule = resolve_rule(rules, event.value, conference_date, units=units)
		except NoRuleError:
			out[due_field] = None
			continue
		out[due_field] = rule.due_date(conference_date, calendar)
	return out


@dataclass(frozen=True)
class NextDuty:
	due_field: str
	due: dt.date
	status: DutyStatus


def next_duty(
	values: dict[str, dt.date | None],
	status: str,
	today: dt.date,
	calendar: WorkingCalendar,
	due_soon: int,
) -> NextDuty | None:
	"""The first duty not yet done that still matters for a conference in ``status``."""
	if status not in OPEN_STATUSES:
		return None
	for _event, due_field, done_field in CONFERENCE_DUTIES:
		due = values.get(due_field)
		if not due or not done_field:
			continue
		if due_field in BEFORE_DUTIES and status != PLANNED:
			continue
		if values.get(done_field):
			continue
		return NextDuty(due_field, due, duty_status(due, None, today, calendar, due_soon))
	return None


def overall_state(values: dict[str, dt.date | None], duty: NextDuty | None, status: str) -> str:
	"""The open duty's state; once none is open, whether every done duty was on time."""
	if duty is not None:
		return duty.status.state.value
	if status not in HELD_STATES:
		return ""
	for _event, due_field, done_field in CONFERENCE_DUTIES:
		due, done = values.get(due_field), values.get(done_field) if done_field else None
		if is_on_time(due, done) is False:
			return DeadlineState.DONE_LATE.value
	return DeadlineState.DONE_ON_TIME.value


def notice_is_late(notice_date: dt.date, notice_due: dt.date | None) -> bool:
	return notice_due is not None and notice_date > notice_due


def plan_date_fits_year(plan_date: dt.date, year: int) -> bool:
	"""A yearly plan is issued in its year or at the end of the year before."""
	return plan_date.year in (year - 1, year)


def sessions_outside_year(year: int, session_dates: Iterable[tuple[int, dt.date | None]]) -> list[int]:
	"""Row numbers of planned sessions whose expected date is not in the plan's year."""
	return [idx for idx, day in session_dates if day is not None and day.year != year]
