"""The working-day calendar against real Vietnamese dates."""

import datetime as dt

import pytest

from tiep_xuc_doi_thoai.core.calendar import WorkingCalendar

D = dt.date


@pytest.mark.parametrize(
	"day",
	[
		# Tết Bính Ngọ 2026: 16-20/02 (Mon-Fri)
		D(2026, 2, 16),
		D(2026, 2, 17),
		D(2026, 2, 18),
		D(2026, 2, 19),
		D(2026, 2, 20),
		# Tết Đinh Mùi 2027: 04-10/02
		D(2027, 2, 4),
		D(2027, 2, 5),
		D(2027, 2, 8),
		D(2027, 2, 9),
		D(2027, 2, 10),
		# Giỗ Tổ Hùng Vương 10/3 âm lịch: 2025-04-07 (Mon); 2026-04-26 is a Sunday -> Mon 27 off
		D(2025, 4, 7),
		D(2026, 4, 27),
		# 30/4 - 1/5 and the swapped 2/5/2025
		D(2025, 4, 30),
		D(2025, 5, 1),
		D(2025, 5, 2),
		D(2026, 4, 30),
		D(2026, 5, 1),
		# Quốc khánh 2/9 with the day before; 2026 also the swapped 31/8
		D(2025, 9, 1),
		D(2025, 9, 2),
		D(2026, 8, 31),
		D(2026, 9, 1),
		D(2026, 9, 2),
		# Ngày Văn hóa Việt Nam 24/11
		D(2026, 11, 24),
		# New Year
		D(2026, 1, 1),
	],
)
def test_public_holidays_are_not_working_days(calendar, day):
	assert not calendar.is_working_day(day)


@pytest.mark.parametrize(
	"day",
	[
		D(2025, 4, 26),  # make-up Saturday for the 2/5/2025 swap
		D(2026, 8, 22),  # make-up Saturday for the 31/8/2026 swap
		D(2026, 2, 13),  # Friday before Tết 2026
		D(2026, 2, 23),  # Monday after
		D(2026, 11, 23),
		D(2026, 11, 25),
	],
)
def test_ordinary_and_make_up_days_are_working_days(calendar, day):
	assert calendar.is_working_day(day)


def test_plain_weekend_is_not_working(calendar):
	assert not calendar.is_working_day(D(2026, 3, 7))  # Saturday
	assert not calendar.is_working_day(D(2026, 3, 8))  # Sunday


@pytest.mark.parametrize(
	("start", "n", "expected"),
	[
		(D(2026, 2, 13), 1, D(2026, 2, 23)),  # across Tết 2026
		(D(2026, 2, 12), 2, D(2026, 2, 23)),
		(D(2027, 2, 3), 1, D(2027, 2, 11)),  # across Tết 2027
		(D(2025, 4, 25), 1, D(2025, 4, 26)),  # Friday -> the make-up Saturday
		(D(2025, 4, 29), 1, D(2025, 5, 5)),  # over 30/4, 1/5, 2/5 and the weekend
		(D(2026, 11, 23), 1, D(2026, 11, 25)),  # over 24/11
		(D(2026, 4, 24), 1, D(2026, 4, 28)),  # over the observed Giỗ Tổ 27/4
		(D(2026, 3, 2), 5, D(2026, 3, 9)),  # a plain week
		(D(2026, 3, 7), 1, D(2026, 3, 9)),  # start on a Saturday: first working day after
		(D(2026, 3, 2), 0, D(2026, 3, 2)),
	],
)
def test_add_working_days(calendar, start, n, expected):
	assert calendar.add_working_days(start, n) == expected


def test_fifteen_working_days_over_tet_2026(calendar):
	# Received Tue 10/02/2026: 11,12,13 (3), Tết 16-20 skipped, 23-27 (8), 2-6/3 (13), 9, 10 (15)
	assert calendar.add_working_days(D(2026, 2, 10), 15) == D(2026, 3, 10)


@pytest.mark.parametrize(
	("start", "n", "expected"),
	[
		(D(2026, 2, 23), 1, D(2026, 2, 13)),
		(D(2026, 3, 16), 7, D(2026, 3, 5)),
		(D(2025, 5, 5), 1, D(2025, 4, 29)),
		(D(2025, 4, 28), 1, D(2025, 4, 26)),  # back onto the make-up Saturday
		(D(2026, 3, 8), 1, D(2026, 3, 6)),  # start on a Sunday
	],
)
def test_subtract_working_days(calendar, start, n, expected):
	assert calendar.subtract_working_days(start, n) == expected
	assert calendar.add_working_days(start, -n) == expected


def test_add_and_subtract_are_inverse_on_working_days(calendar):
	day = D(2025, 12, 1)
	for n in (1, 7, 15, 30, 45, 300):
		end = calendar.add_working_days(day, n)
		assert calendar.subtract_working_days(end, n) == day
		assert calendar.working_days_between(day, end) == n
		assert calendar.working_days_between(end, day) == -n


def test_working_days_between_counts_end_not_start(calendar):
	assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
	assert calendar.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
	# 2026 has 261 weekdays; the weekday holidays are 1/1, 16-20/2, 27/4, 30/4, 1/5,
	# 31/8, 1/9, 2/9, 24/11 (13), and the make-up Saturday 22/8 adds one.
	assert calendar.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 261 - 13 + 1


def test_calendar_days_end_on_next_working_day(calendar):
	# BLDS 2015 Đ.148: a period ending on a non-working day ends on the next working day.
	assert calendar.add_calendar_days(D(2026, 3, 4), 10) == D(2026, 3, 16)  # Sat 14 -> Mon 16
	assert calendar.add_calendar_days(D(2026, 2, 6), 10) == D(2026, 2, 23)  # Mon 16 is Tết
	assert calendar.add_calendar_days(D(2026, 3, 2), 10) == D(2026, 3, 12)  # a Thursday stays


def test_calendar_days_before_move_earlier(calendar):
	# "at least 10 days before" Sun 22/3/2026 would be Thu 12/3; a Sunday anchor 15/3 -> Thu 5/3
	assert calendar.subtract_calendar_days(D(2026, 3, 22), 10) == D(2026, 3, 12)
	assert calendar.subtract_calendar_days(D(2026, 3, 18), 10) == D(2026, 3, 6)  # Sun 8 -> Fri 6


def test_agency_overrides():
	extra_off = D(2026, 3, 10)  # a local holiday
	extra_work = D(2026, 3, 14)  # a Saturday the agency works
	cal = WorkingCalendar(extra_days_off=[extra_off], extra_working_days=[extra_work])
	assert not cal.is_working_day(extra_off)
	assert cal.is_working_day(extra_work)
	assert cal.add_working_days(D(2026, 3, 9), 1) == D(2026, 3, 11)
	assert cal.add_working_days(D(2026, 3, 13), 1) == D(2026, 3, 14)


def test_conflicting_overrides_are_refused():
	with pytest.raises(ValueError):
		WorkingCalendar(extra_days_off=[D(2026, 3, 10)], extra_working_days=[D(2026, 3, 10)])


def test_range_grows_on_demand():
	cal = WorkingCalendar(first_year=2026, last_year=2026)
	assert cal.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)  # 31/12, 4-7/1 (1/1 off)
	assert cal.subtract_working_days(D(2026, 1, 2), 1) == D(2025, 12, 31)
	assert cal.is_working_day(D(2060, 6, 1))  # a Tuesday
	assert not cal.is_working_day(D(2060, 9, 2))  # Quốc khánh, 34 years past the first range
	assert cal.first_year <= 2025 and cal.last_year >= 2060


def test_holiday_names_are_vietnamese_whatever_the_locale(monkeypatch):
	from tiep_xuc_doi_thoai.core.calendar import vn_public_holidays

	monkeypatch.setenv("LANG", "en_US.UTF-8")
	monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
	names, _make_up = vn_public_holidays([2026])
	assert names[dt.date(2026, 9, 2)] == "Quốc khánh"
	assert names[dt.date(2026, 1, 1)] == "Tết Dương lịch"
	assert names[dt.date(2026, 2, 17)] == "Tết Nguyên Đán"
