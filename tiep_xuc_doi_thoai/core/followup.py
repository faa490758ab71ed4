"""Where a dated duty stands: done on time, done late, open, due soon, overdue.

One rule for every deadline in the app (conference notices, conclusion notices, petition
answers, assignments), so the list colours, dashboards and reports agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar

DUE_SOON_WORKING_DAYS = 3


class DeadlineState(str, Enum):
	ON_TRACK = "On Track"
	DUE_SOON = "Due Soon"
	OVERDUE = "Overdue"
	DONE_ON_TIME = "Done on Time"
	DONE_LATE = "Done Late"


@dataclass(frozen=True)
class DutyStatus:
	state: DeadlineState
	days_left: int | None  # working days; None once done
	late_by: int = 0  # working days late, for done-late and overdue


def duty_status(
	due: dt.date,
	done_on: dt.date | None,
	today: dt.date,
	calendar: WorkingCalendar,
	due_soon: int = DUE_SOON_WORKING_DAYS,
) -> DutyStatus:
	"""``done_on`` on or before ``due`` is on time; a duty open past ``due`` is overdue."""
	if done_on is not None:
		if done_on <= due:
			return DutyStatus(DeadlineState.DONE_ON_TIME, None)
		return DutyStatus(DeadlineState.DONE_LATE, None, calendar.working_days_between(due, done_on))
	left = calendar.working_days_between(today, due)
	if today > due:
		return DutyStatus(DeadlineState.OVERDUE, left, calendar.working_days_between(due, today))
	if left <= due_soon:
		return DutyStatus(DeadlineState.DUE_SOON, left)
	return DutyStatus(DeadlineState.ON_TRACK, left)


def on_time_rate(done_on_time: int, done_late: int, overdue: int = 0) -> float | None:
	"""Share of duties met on time among those done or already late; None when there are none."""
	total = done_on_time + done_late + overdue
	return None if total == 0 else done_on_time / total
