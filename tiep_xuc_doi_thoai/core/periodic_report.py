"""A periodic report (báo cáo 6 tháng, năm, or a range) of a unit: its period, and the figures
the seed plans ask to report, computed from rows the site reads. Frappe-free.

It reuses the app's rules instead of re-deriving them: the yearly duties
(``core.yearly.yearly_compliance``), how opinions are counted and answered on time
(``core.document_parts.results_summary``), and which assignments are open
(``core.assignments.OPEN_STATUSES``). Select values (the period, a channel) are printed in the
document's words through the caller's ``label(value, doctype)`` — on a site,
``utils/labels.document_label``, i.e. translations/vi.csv — never through a map kept here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tiep_xuc_doi_thoai.core.assignments import OPEN_STATUSES
from tiep_xuc_doi_thoai.core.document_parts import NO_CATEGORY, NO_UNIT, Label, as_date, results_summary
from tiep_xuc_doi_thoai.core.yearly import YearlyCompliance

FIRST_HALF = "First Six Months"
SECOND_HALF = "Last Six Months"
YEAR = "Year"
CUSTOM = "Custom Range"
REPORT = "Dialogue Report"
PETITION = "Citizen Petition"


class PeriodError(ValueError):
	"""``code`` says what is wrong: ``missing_dates`` or ``dates_reversed`` or ``kind``."""

	def __init__(self, code: str):
		super().__init__(code)
		self.code = code


def period_range(
	kind: str, year: int, from_date: dt.date | None = None, to_date: dt.date | None = None
) -> tuple[dt.date, dt.date]:
	if kind == FIRST_HALF:
		return dt.date(year, 1, 1), dt.date(year, 6, 30)
	if kind == SECOND_HALF:
		return dt.date(year, 7, 1), dt.date(year, 12, 31)
	if kind == YEAR:
		return dt.date(year, 1, 1), dt.date(year, 12, 31)
	if kind != CUSTOM:
		raise PeriodError("kind")
	if not from_date or not to_date:
		raise PeriodError("missing_dates")
	if from_date > to_date:
		raise PeriodError("dates_reversed")
	return from_date, to_date


def report_title(kind: str, year: int, start: dt.date, end: dt.date, *, label: Label) -> str:
	if kind in (FIRST_HALF, SECOND_HALF, YEAR):
		words = label(kind, REPORT)
		when = f"{words[:1].lower()}{words[1:]} {year}"
	else:
		when = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
	return f"Kết quả công tác tiếp xúc, đối thoại trực tiếp với Nhân dân {when}"


@dataclass
class PeriodFigures:
	plan_issued_on: dt.date | None = None
	plan_due: dt.date | None = None
	plan_on_time: bool = False
	dialogues_required: int = 0
	dialogues_held: int = 0  # in the period
	dialogues_held_in_year: int = 0
	dialogues_by_finish: int = 0
	opinions_received: int = 0
	forwarded: int = 0
	answered_on_time: int = 0
	answered_late: int = 0
	still_open: int = 0
	open_overdue: int = 0
	conclusions_total: int = 0
	conclusions_done: int = 0
	conclusions_in_progress: int = 0
	assignments_overdue: int = 0
	by_channel: list[tuple[str, int]] = field(default_factory=list)
	by_type: list[tuple[str, int]] = field(default_factory=list)
	by_category: list[tuple[str, int]] = field(default_factory=list)
	overdue_by_unit: list[tuple[str, int]] = field(default_factory=list)
	annex: list[dict[str, Any]] = field(default_factory=list)

	def scalars(self) -> dict[str, Any]:
		"""The figures stored in the report's own fields."""
		return {k: v for k, v in asdict(self).items() if not isinstance(v, list)}

	def breakdown(self) -> dict[str, Any]:
		return {k: v for k, v in asdict(self).items() if isinstance(v, list)}


def period_figures(
	yearly: YearlyCompliance,
	held_dates: Iterable[dt.date],
	start: dt.date,
	end: dt.date,
	petitions: Iterable[Mapping[str, Any]],
	conclusions: Iterable[Mapping[str, Any]],
	assignments: Iterable[Mapping[str, Any]],
	today: dt.date,
	*,
	label: Label,
) -> PeriodFigures:
	"""``petitions`` are those received in the period; ``conclusions`` those of the conferences
	held in it; ``assignments`` those of the unit (status, due_date, lead_unit). Answered, open
	and overdue are as on ``today``, the day the report is computed."""
	as_of = today
	petitions = list(petitions)
	conclusions = list(conclusions)
	summary = results_summary([], petitions, conclusions, today=as_of, label=label)
	channels = Counter(
		label(p.get("source"), PETITION) if p.get("source") else NO_CATEGORY for p in petitions
	)
	overdue = Counter(
		a.get("lead_unit") or NO_UNIT
		for a in assignments
		if a.get("status") in OPEN_STATUSES
		and as_date(a.get("due_date"))
		and as_date(a.get("due_date")) < as_of
	)
	return PeriodFigures(
		plan_issued_on=yearly.plan_issued_on,
		plan_due=yearly.plan_due,
		plan_on_time=yearly.plan_on_time,
		dialogues_required=yearly.required,
		dialogues_held=sum(1 for d in held_dates if start <= d <= end),
		dialogues_held_in_year=yearly.held,
		dialogues_by_finish=yearly.held_on_time,
		opinions_received=summary.opinions,
		forwarded=summary.forwarded,
		answered_on_time=summary.on_time,
		answered_late=summary.late,
		still_open=summary.open,
		open_overdue=summary.overdue,
		conclusions_total=summary.conclusions,
		conclusions_done=summary.conclusions_done,
		conclusions_in_progress=summary.conclusions - summary.conclusions_done,
		assignments_overdue=sum(overdue.values()),
		by_channel=sorted(channels.items(), key=lambda t: (-t[1], t[0])),
		by_type=summary.by_type,
		by_category=summary.by_category,
		overdue_by_unit=sorted(overdue.items(), key=lambda t: (-t[1], t[0])),
		annex=summary.annex,
	)
