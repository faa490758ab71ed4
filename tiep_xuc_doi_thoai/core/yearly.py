"""Yearly dialogue duties of a unit: plan issued by a date, at least N dialogues, all held by
a date (settings), and where a unit stands against them."""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


def day_of_year(year: int, month: int, day: int) -> dt.date:
	"""``day``/``month`` in ``year``; 29/2 becomes 28/2 in a common year."""
	last = _stdlib_calendar.monthrange(year, month)[1]
	return dt.date(year, month, min(day, last))


@dataclass(frozen=True)
class YearlyCompliance:
	year: int
	plan_issued_on: dt.date | None
	plan_due: dt.date
	held: int
	held_on_time: int
	required: int
	finish_by: dt.date

	@property
	def plan_on_time(self) -> bool:
		return self.plan_issued_on is not None and self.plan_issued_on <= self.plan_due

	@property
	def enough_dialogues(self) -> bool:
		return self.held_on_time >= self.required

	@property
	def compliant(self) -> bool:
		return self.plan_on_time and self.enough_dialogues


def yearly_compliance(
	year: int,
	plan_issued_on: dt.date | None,
	held_dates: Iterable[dt.date],
	required: int,
	issue_by: tuple[int, int],
	finish_by: tuple[int, int],
) -> YearlyCompliance:
	"""``issue_by`` and ``finish_by`` are (day, month); dialogues count only in ``year``."""
	due = day_of_year(year, issue_by[1], issue_by[0])
	finish = day_of_year(year, finish_by[1], finish_by[0])
	in_year = [d for d in held_dates if d.year == year]
	return YearlyCompliance(
		year=year,
		plan_issued_on=plan_issued_on,
		plan_due=due,
		held=len(in_year),
		held_on_time=sum(1 for d in in_year if d <= finish),
		required=required,
		finish_by=finish,
	)
