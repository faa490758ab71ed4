"""Rules of an assignment (giao nhiệm vụ): when it is done, when to remind, how extensions
count. The same follow-up states as every other deadline (core.followup)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar
from tiep_xuc_doi_thoai.core.followup import is_due_soon

# Phrases no other app shows, as the petition's states (core/petitions.py says why).
ASSIGNED = "Assigned to a Unit"
IN_PROGRESS = "Being Resolved"
RESULT_SUBMITTED = "Result Submitted"
ACCEPTED = "Result Accepted"
RETURNED = "Returned for Rework"
CLOSED = "Assignment Closed"
# The progress of a conference's conclusion, which follows its assignment (read-only on the form).
CONCLUSION_NOT_STARTED = "Not Yet Carried Out"
CONCLUSION_IN_PROGRESS = "Being Carried Out"
CONCLUSION_DONE = "Carried Out"
STATUSES = (ASSIGNED, IN_PROGRESS, RESULT_SUBMITTED, ACCEPTED, RETURNED, CLOSED)
DONE_STATUSES = (ACCEPTED, CLOSED)
OPEN_STATUSES = (ASSIGNED, IN_PROGRESS, RESULT_SUBMITTED, RETURNED)


class ReminderKind(str, Enum):
	DUE_SOON = "Due Soon"
	OVERDUE = "Overdue"
	WEEKLY_DIGEST = "Weekly Digest"


def is_done(status: str | None) -> bool:
	return status in DONE_STATUSES


def all_done(statuses: Iterable[str | None]) -> bool:
	"""Whether every assignment of a petition is accepted (an empty list is not done)."""
	statuses = list(statuses)
	return bool(statuses) and all(is_done(s) for s in statuses)


def reminder_for(
	today: dt.date, due: dt.date, remind_before: int, calendar: WorkingCalendar
) -> ReminderKind | None:
	"""Which reminder an open assignment calls for today, if any.

	Due soon: from ``remind_before`` working days ahead up to the due date. Overdue: from the
	day after the due date. The caller keeps a log keyed by the due date, so each reminder
	goes out once per due date even if the job runs twice or skips a day.
	"""
	if today > due:
		return ReminderKind.OVERDUE
	if is_due_soon(today, due, remind_before, calendar):
		return ReminderKind.DUE_SOON
	return None


def reminder_key(kind: ReminderKind, reference: str, due: dt.date) -> str:
	return f"{kind.value}:{reference}:{due.isoformat()}"


def digest_key(today: dt.date) -> str:
	year, week, _day = today.isocalendar()
	return f"{ReminderKind.WEEKLY_DIGEST.value}:{year}-W{week:02d}"


def extension_allowed(granted: int, max_extensions: int) -> bool:
	"""``max_extensions`` 0 means the rule sets no limit (an agency's manager decides)."""
	return max_extensions <= 0 or granted < max_extensions
