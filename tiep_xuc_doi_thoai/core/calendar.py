"""Working-day calendar for Vietnamese agencies.

Working days are Monday-Friday minus public holidays (Bộ luật Lao động 2019 Đ.112: lunar
Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9, 24/11 from 2025) and the Prime Minister's yearly
swaps, plus the make-up Saturdays. The ``holidays`` package (country VN) knows all of these,
make-up Saturdays included (``weekend_workdays``); an agency adds or removes days on top.

Counting follows Bộ luật Dân sự 2015 Đ.147-148: the start day is not counted, and a period
whose last day is a non-working day ends on the next working day.

Every query is O(1): the calendar precomputes, per day, the running count of working days
and the list of working days, so ``add_working_days(d, 300)`` costs the same as ``(d, 5)``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable

import holidays

COUNTRY = "VN"
WEEKEND = frozenset({5, 6})  # Saturday, Sunday
HOLIDAY_LANGUAGE = "vi"
DEFAULT_FIRST_YEAR = 2015
DEFAULT_LAST_YEAR = 2040
# How many years the calendar grows by when asked about a date outside its range.
GROWTH_YEARS = 10


class CalendarRangeError(ValueError):
	"""A date far outside what a public-holiday calendar can sensibly answer."""


def vn_public_holidays(years: Iterable[int]) -> tuple[dict[dt.date, str], set[dt.date]]:
	"""Public holidays (with their names) and make-up working Saturdays for ``years``."""
	# names in Vietnamese whatever the machine's locale (they show in deadlines and the calendar)
	calendar = holidays.country_holidays(COUNTRY, years=list(years), language=HOLIDAY_LANGUAGE)
	days_off = dict(calendar.items())
	years_set = set(calendar.years)
	make_up = {d for d in getattr(calendar, "weekend_workdays", set()) if d.year in years_set}
	return days_off, make_up


class WorkingCalendar:
	"""Working days of one agency: the national calendar plus the agency's overrides."""

	def __init__(
		self,
		extra_days_off: Iterable[dt.date] = (),
		extra_working_days: Iterable[dt.date] = (),
		first_year: int = DEFAULT_FIRST_YEAR,
		last_year: int = DEFAULT_LAST_YEAR,
	) -> None:
		self.extra_days_off = frozenset(extra_days_off)
		self.extra_working_days = frozenset(extra_working_days)
		overlap = self.extra_days_off & self.extra_working_days
		if overlap:
			raise ValueError(f"dates both added and removed as working days: {sorted(overlap)}")
		self._build(first_year, last_year)

	# -- building ---------------------------------------------------------------------------

	def _build(self, first_year: int, last_year: int) -> None:
		if first_year < 1900 or last_year > 2200:
			raise CalendarRangeError(f"years {first_year}-{last_year} are outside 1900-2200")
		holidays_map, make_up = vn_public_holidays(range(first_year, last_year + 1))
		self.first_year, self.last_year = first_year, last_year
		self._holiday_names = holidays_map
		self._base = dt.date(first_year, 1, 1).toordinal()
		end = dt.date(last_year, 12, 31).toordinal()
		is_work = bytearray(end - self._base + 1)
		cum: list[int] = [0] * len(is_work)
		workdays: list[int] = []
		count = 0
		for i in range(len(is_work)):
			day = dt.date.fromordinal(self._base + i)
			working = (day.weekday() not in WEEKEND or day in make_up) and day not in holidays_map
			if day in self.extra_days_off:
				working = False
			elif day in self.extra_working_days:
				working = True
			if working:
				is_work[i] = 1
				workdays.append(self._base + i)
				count += 1
			cum[i] = count
		self._is_work, self._cum, self._workdays = is_work, cum, workdays

	def _index(self, day: dt.date) -> int:
		i = day.toordinal() - self._base
		if i < 0 or i >= len(self._is_work):
			self._build(
				min(self.first_year, day.year - GROWTH_YEARS), max(self.last_year, day.year + GROWTH_YEARS)
			)
			i = day.toordinal() - self._base
		return i

	# -- queries ----------------------------------------------------------------------------

	def is_working_day(self, day: dt.date) -> bool:
		i = self._index(day)  # first: it may rebuild the arrays
		return bool(self._is_work[i])

	def holiday_name(self, day: dt.date) -> str | None:
		"""The public holiday on ``day`` (English name from ``holidays``), if any."""
		self._index(day)
		return self._holiday_names.get(day)

	def next_working_day(self, day: dt.date) -> dt.date:
		"""``day`` itself when it is a working day, else the first working day after it."""
		i = self._index(day)
		if self._is_work[i]:
			return day
		return self.add_working_days(day, 1)

	def previous_working_day(self, day: dt.date) -> dt.date:
		"""``day`` itself when it is a working day, else the last working day before it."""
		i = self._index(day)
		if self._is_work[i]:
			return day
		return self.subtract_working_days(day, 1)

	def add_working_days(self, start: dt.date, n: int) -> dt.date:
		"""The n-th working day after ``start`` (``start`` itself not counted)."""
		if n < 0:
			return self.subtract_working_days(start, -n)
		if n == 0:
			return start
		i = self._index(start)
		k = self._cum[i] + n - 1
		if k >= len(self._workdays):
			self._build(self.first_year, max(self.last_year + GROWTH_YEARS, start.year + n // 200 + 2))
			return self.add_working_days(start, n)
		return dt.date.fromordinal(self._workdays[k])

	def subtract_working_days(self, start: dt.date, n: int) -> dt.date:
		"""The n-th working day before ``start`` (``start`` itself not counted)."""
		if n < 0:
			return self.add_working_days(start, -n)
		if n == 0:
			return start
		i = self._index(start)
		k = self._cum[i] - self._is_work[i] - n
		if k < 0:
			self._build(min(self.first_year - GROWTH_YEARS, start.year - n // 200 - 2), self.last_year)
			return self.subtract_working_days(start, n)
		return dt.date.fromordinal(self._workdays[k])

	def working_days_between(self, a: dt.date, b: dt.date) -> int:
		"""Working days in (a, b]: the day ``a`` is not counted, ``b`` is. Negative if b < a."""
		if b < a:
			return -self.working_days_between(b, a)
		self._index(a)
		ib = self._index(b)
		ia = a.toordinal() - self._base  # _index(b) may have rebuilt the calendar
		return self._cum[ib] - self._cum[ia]

	def add_calendar_days(self, start: dt.date, n: int) -> dt.date:
		"""End of a period of ``n`` calendar days from ``start`` (BLDS 2015 Đ.147-148).

		The start day is not counted; when the last day is a weekend or holiday the period
		ends on the next working day.
		"""
		return self.next_working_day(start + dt.timedelta(days=n))

	def subtract_calendar_days(self, anchor: dt.date, n: int) -> dt.date:
		"""Latest working day that is at least ``n`` calendar days before ``anchor``.

		Used for "at least N days before" duties: moving a non-working day later would break
		the duty, so it moves to the working day before.
		"""
		return self.previous_working_day(anchor - dt.timedelta(days=n))
