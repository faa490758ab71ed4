"""Where a dated duty stands: done on time, done late, open, due soon, overdue.

One rule for every deadline in the app (conference notices, conclusion notices, petition
answers, assignments), so the list colours, dashboards and reports agree. How many working
days before the deadline a duty becomes "due soon" is the administrator's (Dialogue Settings,
"Remind Before (Working Days)"): callers pass it in, there is no second default here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar


class DeadlineState(str, Enum):
	ON_TRACK = "On Track"
	DUE_SOON = "Due Soon"
	# not "Overdue": a read-only Select shows it through a translation without context, and
	# other apps of the suite (ERPNext's invoices) own that word
	OVERDUE = "Past Deadline"
	DONE_ON_TIME = "Done on Time"
	DONE_LATE = "Done Late"


@dataclass(frozen=True)
class DutyStatus:
	state: DeadlineState
	days_left: int | None  # working days; None once done
	late_by: int = 0  # working days late, for done-late and overdue


def is_on_time(due: dt.date | None, done_on: dt.date | None) -> bool | None:
	"""The one "on time" rule: done on or before the due date. None while either is unknown."""
	if due is None or done_on is None:
		return None
	return done_on <= due


def is_due_soon(today: dt.date, due: dt.date, window: int, calendar: WorkingCalendar) -> bool:
	"""Open and at most ``window`` working days before ``due`` (the due day included)."""
	return today <= due and calendar.working_days_between(today, due) <= window


def duty_status(
	due: dt.date,
	done_on: dt.date | None,
	today: dt.date,
	calendar: WorkingCalendar,
	due_soon: int,
) -> DutyStatus:
	"""``done_on`` on or before ``due`` is on time; a duty open past ``due`` is overdue."""
	if done_on is not None:
		if is_on_time(due, done_on):
			return DutyStatus(DeadlineState.DONE_ON_TIME, None)
		return DutyStatus(DeadlineState.DONE_LATE, None, calendar.working_days_between(due, done_on))
	left = calendar.working_days_between(today, due)
	if today > due:
		return DutyStatus(DeadlineState.OVERDUE, left, calendar.working_days_between(due, today))
	if is_due_soon(today, due, due_soon, calendar):
		return DutyStatus(DeadlineState.DUE_SOON, left)
	return DutyStatus(DeadlineState.ON_TRACK, left)


def counts_as_on_time(due: dt.date | None, done_on: dt.date | None) -> bool:
	"""For a count of what was settled: settled without a deadline or a date, nothing was late."""
	return is_on_time(due, done_on) is not False


def on_time_rate(done_on_time: int, done_late: int, overdue: int) -> float | None:
	"""The one on-time rate (reports, annexes, prints, open data): met on time among those whose
	deadline is behind them - done on time, done late, or still open past it (so leaving a late
	one unanswered does not raise the rate). A share (0-1); None when there are none."""
	total = done_on_time + done_late + overdue
	return None if total == 0 else done_on_time / total


def on_time_percent(done_on_time: int, done_late: int, overdue: int) -> float | None:
	""":func:`on_time_rate` as the reports show it: a percent with one decimal."""
	share = on_time_rate(done_on_time, done_late, overdue)
	return None if share is None else round(100 * share, 1)
