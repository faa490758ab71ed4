"""Deadline rules as data, and the rule in force on a date.

Laws change (Luật 136/2025/QH15 from 2026-07-01; district level abolished 2025-07-01) and
agencies add stricter rules of their own, so no deadline is a constant in code: each is a
rule record an administrator edits (the Deadline Rule doctype), read into ``DeadlineRule``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar


class DayKind(str, Enum):
	WORKING = "Working Days"
	CALENDAR = "Calendar Days"


class Direction(str, Enum):
	BEFORE = "Before"
	AFTER = "After"


ANY = "Any"
COMPLEXITY_NORMAL = "Normal"
COMPLEXITY_COMPLEX = "Complex"
AREA_NORMAL = "Normal"
AREA_REMOTE = "Remote"
COMPLEXITY_OPTIONS = (ANY, COMPLEXITY_NORMAL, COMPLEXITY_COMPLEX)


class Event(str, Enum):
	"""What a rule times, and the date it counts from (the anchor)."""

	CONFERENCE_NOTICE = "Conference Notice"  # anchor: conference date
	CONFERENCE_OPINIONS = "Conference Opinions"  # anchor: conference date
	CONFERENCE_REVIEW = "Conference Internal Review"  # anchor: conference date
	CONFERENCE_CONCLUSION_NOTICE = "Conference Conclusion Notice"  # anchor: conference date
	CONFERENCE_RESULTS_PUBLISHED = "Conference Results Published"  # anchor: conference date
	PETITION_PROCESSING = "Petition Processing"  # anchor: received date
	PETITION_ANSWER = "Petition Answer"  # anchor: received / assigned date
	COMPLAINT_ACCEPTANCE = "Complaint Acceptance"  # anchor: received date
	COMPLAINT_RESOLUTION = "Complaint Resolution"  # anchor: acceptance date
	DENUNCIATION_ACCEPTANCE = "Denunciation Acceptance"  # anchor: received date
	DENUNCIATION_RESOLUTION = "Denunciation Resolution"  # anchor: acceptance date


class NoRuleError(LookupError):
	"""No enabled rule applies to the event on that date."""


@dataclass(frozen=True)
class DeadlineRule:
	code: str
	event: str
	days: int
	day_kind: DayKind = DayKind.WORKING
	direction: Direction = Direction.AFTER
	complexity: str = ANY
	area: str = ANY
	unit: str | None = None
	effective_from: dt.date | None = None
	effective_to: dt.date | None = None
	legal_basis: str = ""
	extension_days: int = 0
	max_extensions: int = 0
	enabled: bool = True

	def in_force_on(self, day: dt.date) -> bool:
		if not self.enabled:
			return False
		if self.effective_from and day < self.effective_from:
			return False
		if self.effective_to and day > self.effective_to:
			return False
		return True

	def due_date(self, anchor: dt.date, calendar: WorkingCalendar, extensions: int = 0) -> dt.date:
		"""The deadline this rule sets for ``anchor`` (plus ``extensions`` granted extensions)."""
		return compute_due_date(
			anchor,
			self.days + extensions * self.extension_days,
			DayKind(self.day_kind),
			Direction(self.direction),
			calendar,
		)


def compute_due_date(
	anchor: dt.date, days: int, day_kind: DayKind, direction: Direction, calendar: WorkingCalendar
) -> dt.date:
	"""A deadline ``days`` working or calendar days before or after ``anchor``.

	After: the start day is not counted, and a calendar-day period ending on a non-working
	day ends on the next working day (BLDS 2015 Đ.147-148). Before ("at least N days
	before"): the latest day that still leaves N days, moved earlier off non-working days.
	"""
	if days < 0:
		raise ValueError("days must not be negative")
	if direction == Direction.AFTER:
		if day_kind == DayKind.WORKING:
			return calendar.add_working_days(anchor, days)
		return calendar.add_calendar_days(anchor, days)
	if day_kind == DayKind.WORKING:
		return calendar.subtract_working_days(anchor, days)
	return calendar.subtract_calendar_days(anchor, days)


def _specificity(rule: DeadlineRule, units: Sequence[str]) -> tuple[int, int, int, dt.date]:
	unit_rank = 0
	if rule.unit:
		unit_rank = len(units) - units.index(rule.unit)
	return (
		unit_rank,
		int(rule.complexity != ANY),
		int(rule.area != ANY),
		rule.effective_from or dt.date.min,
	)


def matching_rules(
	rules: Iterable[DeadlineRule],
	event: str,
	on: dt.date,
	complexity: str = COMPLEXITY_NORMAL,
	area: str = AREA_NORMAL,
	units: Sequence[str] = (),
) -> list[DeadlineRule]:
	"""Rules that apply, best first.

	``units`` is the unit the matter belongs to followed by its ancestors: a rule of the unit
	itself beats one of a parent, which beats a rule for everybody. Then a rule naming the
	complexity or area beats "Any"; then the most recent effective date wins.
	"""
	found = [
		r
		for r in rules
		if r.event == event
		and r.in_force_on(on)
		and r.complexity in (ANY, complexity)
		and r.area in (ANY, area)
		and (not r.unit or r.unit in units)
	]
	found.sort(key=lambda r: (_specificity(r, units), r.code), reverse=True)
	return found


def resolve_rule(
	rules: Iterable[DeadlineRule],
	event: str,
	on: dt.date,
	complexity: str = COMPLEXITY_NORMAL,
	area: str = AREA_NORMAL,
	units: Sequence[str] = (),
) -> DeadlineRule:
	"""The one rule in force for ``event`` on ``on``; ``NoRuleError`` if none."""
	found = matching_rules(rules, event, on, complexity, area, units)
	if not found:
		raise NoRuleError(f"no deadline rule in force for {event!r} on {on.isoformat()}")
	return found[0]


def periods_overlap(
	a_from: dt.date | None, a_to: dt.date | None, b_from: dt.date | None, b_to: dt.date | None
) -> bool:
	lo_a, hi_a = a_from or dt.date.min, a_to or dt.date.max
	lo_b, hi_b = b_from or dt.date.min, b_to or dt.date.max
	return lo_a <= hi_b and lo_b <= hi_a


def conflicting_rules(rule: DeadlineRule, others: Iterable[DeadlineRule]) -> list[DeadlineRule]:
	"""Enabled rules with the same scope whose effective periods overlap ``rule``'s.

	Two such rules would leave the deadline to chance, so saving one of them is refused.
	"""
	if not rule.enabled:
		return []
	return [
		o
		for o in others
		if o.code != rule.code
		and o.enabled
		and o.event == rule.event
		and o.complexity == rule.complexity
		and o.area == rule.area
		and (o.unit or None) == (rule.unit or None)
		and periods_overlap(rule.effective_from, rule.effective_to, o.effective_from, o.effective_to)
	]


def days_left(due: dt.date, today: dt.date, calendar: WorkingCalendar) -> int:
	"""Working days from ``today`` to ``due``: positive ahead, 0 on the day, negative overdue."""
	return calendar.working_days_between(today, due)
