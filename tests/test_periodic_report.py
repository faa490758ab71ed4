"""Periods and figures of a periodic report (core/periodic_report.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.apptree import translated, translations
from tiep_xuc_doi_thoai.core import periodic_report as report_figures
from tiep_xuc_doi_thoai.core.yearly import yearly_compliance

D = dt.date
VI = translations("vi")


def vi_label(value: str, doctype: str) -> str:
	"""What utils/labels.document_label gives on a site: vi.csv, the doctype as context."""
	return translated(VI, (value, doctype)) or value


def test_period_ranges():
	assert report_figures.period_range(report_figures.FIRST_HALF, 2026) == (D(2026, 1, 1), D(2026, 6, 30))
	assert report_figures.period_range(report_figures.SECOND_HALF, 2026) == (D(2026, 7, 1), D(2026, 12, 31))
	assert report_figures.period_range(report_figures.YEAR, 2026) == (D(2026, 1, 1), D(2026, 12, 31))
	assert report_figures.period_range(report_figures.CUSTOM, 2026, D(2026, 3, 1), D(2026, 5, 31)) == (
		D(2026, 3, 1),
		D(2026, 5, 31),
	)
	for args, code in (((None, None), "missing_dates"), ((D(2026, 5, 1), D(2026, 4, 1)), "dates_reversed")):
		with pytest.raises(report_figures.PeriodError) as e:
			report_figures.period_range(report_figures.CUSTOM, 2026, *args)
		assert e.value.code == code


def test_title_names_the_period():
	title = report_figures.report_title(
		report_figures.FIRST_HALF, 2026, D(2026, 1, 1), D(2026, 6, 30), label=vi_label
	)
	assert title.endswith("6 tháng đầu năm 2026")
	assert report_figures.report_title(
		report_figures.YEAR, 2026, D(2026, 1, 1), D(2026, 12, 31), label=vi_label
	).endswith(" năm 2026")
	assert "từ ngày 01/03/2026 đến ngày 31/05/2026" in report_figures.report_title(
		report_figures.CUSTOM, 2026, D(2026, 3, 1), D(2026, 5, 31), label=vi_label
	)


def test_figures_on_a_known_set():
	held = [D(2026, 3, 10), D(2026, 5, 12), D(2026, 11, 20)]
	yearly = yearly_compliance(2026, D(2026, 1, 20), held, 4, (1, 2), (15, 11))
	petitions = [
		{
			"source": "Mail",
			"petition_type": "Recommendation",
			"category": "Đất đai",
			"due_date": D(2026, 2, 20),
			"answered_on": D(2026, 2, 10),
		},
		{
			"source": "Mail",
			"petition_type": "Complaint",
			"category": "Đất đai",
			"due_date": D(2026, 3, 1),
			"answered_on": D(2026, 3, 15),
		},
		{
			"source": "Online",
			"petition_type": "Feedback",
			"category": "Môi trường",
			"due_date": D(2026, 4, 1),
		},
		{"source": "Online", "petition_type": "Feedback", "category": None, "due_date": D(2027, 1, 1)},
		{
			"source": "Mail",
			"petition_type": "Recommendation",
			"category": "Đất đai",
			"status": "Forwarded to Competent Body",
		},
	]
	conclusions = [
		{"progress": "Carried Out"},
		{"progress": "Being Carried Out"},
		{"conclusion_kind": "Answered at the Conference"},
	]
	assignments = [
		{"status": "Assigned to a Unit", "due_date": D(2026, 4, 1), "lead_unit": "Địa chính"},
		{"status": "Being Resolved", "due_date": D(2026, 5, 1), "lead_unit": "Địa chính"},
		{"status": "Returned for Rework", "due_date": D(2026, 5, 1), "lead_unit": "Tư pháp"},
		{"status": "Result Accepted", "due_date": D(2026, 4, 1), "lead_unit": "Địa chính"},
		{"status": "Assigned to a Unit", "due_date": D(2026, 12, 1), "lead_unit": "Tư pháp"},
	]
	f = report_figures.period_figures(
		yearly,
		held,
		D(2026, 1, 1),
		D(2026, 6, 30),
		petitions,
		conclusions,
		assignments,
		D(2026, 7, 10),
		label=vi_label,
	)
	assert (
		f.plan_on_time,
		f.dialogues_required,
		f.dialogues_held,
		f.dialogues_held_in_year,
		f.dialogues_by_finish,
	) == (True, 4, 2, 3, 2)
	assert (
		f.opinions_received,
		f.answered_on_time,
		f.answered_late,
		f.still_open,
		f.open_overdue,
		f.forwarded,
	) == (5, 1, 1, 2, 1, 1)
	assert (f.conclusions_total, f.conclusions_done, f.conclusions_in_progress) == (3, 2, 1)
	assert f.assignments_overdue == 3
	assert dict(f.overdue_by_unit) == {"Địa chính": 2, "Tư pháp": 1}
	assert dict(f.by_channel) == {"Đơn thư": 3, "Trực tuyến": 2}
	assert sum(row["received"] for row in f.annex) == 5
	assert set(f.scalars()) & set(f.breakdown()) == set()
