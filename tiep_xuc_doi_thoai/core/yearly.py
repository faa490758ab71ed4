"""Yearly dialogue duties of a unit: plan issued by a date, at least N dialogues, all held by
a date (settings), and where a unit stands against them."""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tiep_xuc_doi_thoai.core.followup import is_on_time

# The yearly duties an agency starts with (seed 003): plan issued by 1/2, at least one dialogue,
# all held by 15/11. Dialogue Settings ships them; a value left empty or 0 reads as these.
YEARLY_DUTY_DEFAULTS: dict[str, int] = {
	"plan_issue_by_day": 1,
	"plan_issue_by_month": 2,
	"min_dialogues_per_year": 1,
	"finish_by_day": 15,
	"finish_by_month": 11,
}


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
		return is_on_time(self.plan_due, self.plan_issued_on) is True

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
		held_on_time=sum(1 for d in in_year if is_on_time(finish, d)),
		required=required,
		finish_by=finish,
	)


@dataclass(frozen=True)
class YearlyDuties:
	"""The yearly duties as the administrator set them (Dialogue Settings)."""

	required: int
	issue_by: tuple[int, int]  # (day, month)
	finish_by: tuple[int, int]  # (day, month)

	@classmethod
	def from_settings(cls, values: Mapping[str, Any] | Any) -> YearlyDuties:
		"""From the settings' fields; an empty or 0 value reads as ``YEARLY_DUTY_DEFAULTS``."""

		def value(field: str) -> int:
			try:
				number = int(values.get(field) or 0)
			except (TypeError, ValueError):
				number = 0
			return number or YEARLY_DUTY_DEFAULTS[field]

		return cls(
			required=value("min_dialogues_per_year"),
			issue_by=(value("plan_issue_by_day"), value("plan_issue_by_month")),
			finish_by=(value("finish_by_day"), value("finish_by_month")),
		)

	def plan_due(self, year: int) -> dt.date:
		return day_of_year(year, self.issue_by[1], self.issue_by[0])

	def finish_date(self, year: int) -> dt.date:
		return day_of_year(year, self.finish_by[1], self.finish_by[0])

	def compliance(
		self, year: int, plan_issued_on: dt.date | None, held_dates: Iterable[dt.date]
	) -> YearlyCompliance:
		return yearly_compliance(
			year, plan_issued_on, held_dates, self.required, self.issue_by, self.finish_by
		)
