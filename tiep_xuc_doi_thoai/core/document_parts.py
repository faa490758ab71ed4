"""The bodies of the app's documents, as data the print formats lay out: the sections of a
kế hoạch with their Roman numerals, căn cứ lines, numbered responsibilities, the time line of
a giấy mời, and the counts of a báo cáo kết quả. Plain mappings in (a Frappe document works:
it has ``get``), plain values out; no Frappe, so tier 1 renders the print formats with it.

Text of the document form itself (``MỤC ĐÍCH, YÊU CẦU``, ``Căn cứ``) is Vietnamese and never
translated: these are Vietnamese administrative documents.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tiep_xuc_doi_thoai.core.assignments import CONCLUSION_DONE
from tiep_xuc_doi_thoai.core.conference import HELD_STATES
from tiep_xuc_doi_thoai.core.followup import counts_as_on_time
from tiep_xuc_doi_thoai.core.petitions import (
	ANSWERED_ON_THE_SPOT,
	FORWARDED,
	NOT_ACCEPTED,
	PETITION_TYPES,
	SETTLED_STATES,
)
from tiep_xuc_doi_thoai.core.results_count import Outcome, results_rows
from tiep_xuc_doi_thoai.core.vietnamese import format_date_words, format_short_date

_ROMAN = (
	(1000, "M"),
	(900, "CM"),
	(500, "D"),
	(400, "CD"),
	(100, "C"),
	(90, "XC"),
	(50, "L"),
	(40, "XL"),
	(10, "X"),
	(9, "IX"),
	(5, "V"),
	(4, "IV"),
	(1, "I"),
)
# Words a căn cứ line may already start with; otherwise "Căn cứ" is put in front.
BASIS_LEADS = ("căn cứ", "thực hiện", "theo", "triển khai", "xét")
PURPOSE_HEADING = "MỤC ĐÍCH, YÊU CẦU"
CONTENT_HEADING = "NỘI DUNG"
ORGANISATION_HEADING = "HÌNH THỨC, CHẾ ĐỘ, THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"
BUDGET_HEADING = "KINH PHÍ THỰC HIỆN"
RESPONSIBILITIES_HEADING = "TỔ CHỨC THỰC HIỆN"

# A document prints a select value in its words: ``label(value, doctype)`` is the caller's
# translation through translations/vi.csv (the doctype as context), never a map of its own.
Label = Callable[[str, str], str]
PLAN = "Dialogue Plan"
PARTICIPANT = "Dialogue Plan Participant"
CONCLUSION = "Dialogue Conclusion"
PETITION = "Citizen Petition"
PLAIN_PARTICIPANT = "Participant"  # printed without a role after the name
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
NO_CATEGORY = "Chưa phân loại"
NO_UNIT = "Chưa giao đơn vị"

_P_OPEN = re.compile(r"^\s*<p(\s[^>]*)?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def roman(number: int) -> str:
	"""``IV`` for 4."""
	if number < 1:
		raise ValueError(f"no Roman numeral for {number}")
	out = []
	for value, letters in _ROMAN:
		count, number = divmod(number, value)
		out.append(letters * count)
	return "".join(out)


def _get(row: Any, key: str, default: Any = None) -> Any:
	if row is None:
		return default
	if hasattr(row, "get"):
		value = row.get(key)
	else:
		value = getattr(row, key, None)
	return default if value is None else value


def as_date(value: Any) -> dt.date | None:
	"""A date from a date, a datetime or an ISO string (documents built from dicts hold strings)."""
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	if isinstance(value, str) and len(value) >= 10:
		try:
			return dt.date.fromisoformat(value[:10])
		except ValueError:
			return None
	return None


def _text(value: Any) -> str:
	return " ".join(str(value).split()) if value not in (None, "") else ""


def has_html_text(value: Any) -> bool:
	"""Whether a Text Editor value holds words, not just ``<p><br></p>``."""
	return bool(_text(_TAG.sub(" ", str(value or "")).replace("&nbsp;", " ")))


def plain_text(value: Any) -> str:
	return _text(html.unescape(_TAG.sub(" ", str(value or ""))))


def lead_in(body_html: Any, lead_html: str) -> str:
	"""``lead_html`` at the start of the first paragraph of ``body_html`` (a Text Editor
	value), so "1. Văn phòng: Tham mưu ..." runs on as one paragraph."""
	body = str(body_html or "").strip()
	match = _P_OPEN.match(body)
	if match:
		return f"{match.group(0)}{lead_html} {body[match.end() :].lstrip()}"
	if body and not body.startswith("<"):
		return f"<p>{lead_html} {html.escape(body)}</p>"
	return f"<p>{lead_html}</p>{body}"


def paragraphs(value: Any) -> str:
	"""A Small Text value as ``<p>`` per line, escaped."""
	lines = [line.strip() for line in str(value or "").splitlines()]
	return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


# -- kế hoạch -----------------------------------------------------------------------------------


BASIS_LEAD = "Căn cứ"


def legal_basis_lines(rows: Iterable[Any] | None, lead: str | None = None) -> list[str]:
	"""``Căn cứ Luật Tiếp công dân năm 2013;`` per row (the preamble follows the last one).

	``lead`` is how the plan opens its bases: "Căn cứ" (default) or "Thực hiện" for a plan that
	carries out a higher document (seed 003); a line that already opens with a lead keeps it."""
	lead = (lead or "").strip() or BASIS_LEAD
	lines = []
	for row in rows or ():
		text = _text(_get(row, "basis"))
		if not text:
			parts = [_text(_get(row, "document_reference")), _text(_get(row, "issued_by"))]
			issued_on = as_date(_get(row, "issued_on"))
			if issued_on:
				parts.insert(1, f"ngày {format_short_date(issued_on)}")
			text = " ".join(p for p in parts if p)
		if not text:
			continue
		text = text.rstrip(";,. ")
		if not text.lower().startswith(BASIS_LEADS):
			text = f"{lead} {text}"
		lines.append(f"{text};")
	return lines


@dataclass(frozen=True)
class PlanSection:
	numeral: str
	heading: str
	kind: str  # purpose | content | organisation | section | budget | responsibilities
	body: str = ""  # HTML for content / section; plain text for budget

	@property
	def title(self) -> str:
		return f"{self.numeral}. {self.heading}"


def plan_has_organisation(plan: Any) -> bool:
	"""Form, regime, time and place, participants as their own section: only when the plan
	fills what its own text does not already say. Real plans write form and regime into
	their content (every seed does), and the form and regime fields always have a value."""
	return bool(
		_text(_get(plan, "time_and_place"))
		or _get(plan, "participants")
		or _text(_get(plan, "regime_note"))
		or (
			not has_html_text(_get(plan, "content"))
			and not _get(plan, "additional_sections")
			and _get(plan, "sessions")
		)
	)


def plan_sections(plan: Any) -> list[PlanSection]:
	"""The numbered sections of a kế hoạch in the order the seed plans use: mục đích/yêu cầu,
	nội dung, hình thức ... (when filled), the other sections, kinh phí, tổ chức thực hiện."""
	found: list[tuple[str, str, str]] = []
	if has_html_text(_get(plan, "purpose")) or has_html_text(_get(plan, "requirements")):
		found.append((PURPOSE_HEADING, "purpose", ""))
	if has_html_text(_get(plan, "content")):
		heading = _text(_get(plan, "content_heading")) or CONTENT_HEADING
		found.append((heading.upper(), "content", str(_get(plan, "content"))))
	if plan_has_organisation(plan):
		found.append((ORGANISATION_HEADING, "organisation", ""))
	for row in _get(plan, "additional_sections") or ():
		heading = _text(_get(row, "heading"))
		if heading or has_html_text(_get(row, "body")):
			found.append((heading.upper(), "section", str(_get(row, "body") or "")))
	if _text(_get(plan, "budget")):
		found.append((BUDGET_HEADING, "budget", str(_get(plan, "budget"))))
	if _get(plan, "responsibilities"):
		found.append((RESPONSIBILITIES_HEADING, "responsibilities", ""))
	return [
		PlanSection(roman(i), heading.rstrip(":"), kind, body)
		for i, (heading, kind, body) in enumerate(found, start=1)
	]


def responsibility_items(rows: Iterable[Any] | None) -> list[str]:
	"""``<p><b>1. Văn phòng UBND:</b> Tham mưu ...</p>`` per row, the unit label in bold, the
	deadline after the task."""
	items = []
	for number, row in enumerate(rows or (), start=1):
		label = _text(_get(row, "unit_label")) or _text(_get(row, "unit"))
		lead = f"{number}. {label}:" if label else f"{number}."
		task = str(_get(row, "task") or "")
		due = _due_text(_get(row, "due_date"), _get(row, "due_note"))
		if due:
			task += f"<p><i>{html.escape(due)}</i></p>"
		items.append(lead_in(task, f"<b>{html.escape(lead)}</b>"))
	return items


def _due_text(due_date: Any, due_note: Any) -> str:
	if _text(due_note):
		return f"Thời hạn: {_text(due_note)}"
	if as_date(due_date):
		return f"Thời hạn: {format_short_date(as_date(due_date))}"
	return ""


def session_lines(rows: Iterable[Any] | None) -> list[str]:
	"""One line per planned dialogue: title, when, where, with whom, on what."""
	lines = []
	for row in rows or ():
		parts = [_text(_get(row, "session_title"))]
		when = _text(_get(row, "expected_period"))
		if not when and as_date(_get(row, "expected_date")):
			when = format_short_date(as_date(_get(row, "expected_date")))
		for label, value in (
			("Thời gian", when),
			("Địa điểm", _text(_get(row, "place"))),
			("Thành phần", _text(_get(row, "audience"))),
			("Nội dung", _text(_get(row, "topic"))),
		):
			if value:
				parts.append(f"{label}: {value}")
		text = "; ".join(p for p in parts if p)
		if text:
			lines.append(text + ".")
	return lines


def _label(label: Label, value: Any, doctype: str) -> str:
	return label(value, doctype) if value else ""


def participant_lines(rows: Iterable[Any] | None, label: Label) -> list[str]:
	lines = []
	for row in rows or ():
		who = _text(_get(row, "participant")) or _text(_get(row, "unit"))
		if not who:
			continue
		participation = _get(row, "participation")
		role = "" if participation == PLAIN_PARTICIPANT else _label(label, participation, PARTICIPANT)
		note = _text(_get(row, "note"))
		text = f"{who} ({role.lower()})" if role else who
		lines.append(f"{text}: {note}" if note else text)
	return lines


def plan_parts(plan: Any, label: Label) -> dict[str, Any]:
	"""Everything the Kế hoạch print format lays out besides the frame."""
	return {
		"bases": legal_basis_lines(_get(plan, "legal_bases"), _get(plan, "basis_lead")),
		"sections": plan_sections(plan),
		"purpose": str(_get(plan, "purpose") or "") if has_html_text(_get(plan, "purpose")) else "",
		"requirements": (
			str(_get(plan, "requirements") or "") if has_html_text(_get(plan, "requirements")) else ""
		),
		"form": _label(label, _get(plan, "dialogue_form"), PLAN),
		"regime": _label(label, _get(plan, "regime"), PLAN),
		"regime_note": _text(_get(plan, "regime_note")),
		"chair": _text(_get(plan, "chair")),
		"time_and_place": _text(_get(plan, "time_and_place")),
		"participants": participant_lines(_get(plan, "participants"), label),
		"sessions": session_lines(_get(plan, "sessions")),
		"responsibilities": responsibility_items(_get(plan, "responsibilities")),
		"closing": _text(_get(plan, "closing_text")),
	}


# -- hội nghị -----------------------------------------------------------------------------------


def _as_time(value: Any) -> dt.time | None:
	if value in (None, ""):
		return None
	if isinstance(value, dt.time):
		return value
	if isinstance(value, dt.timedelta):  # what MariaDB hands back for a Time column
		seconds = int(value.total_seconds()) % 86400
		return dt.time(seconds // 3600, seconds % 3600 // 60)
	parts = str(value).split(":")
	try:
		return dt.time(int(parts[0]), int(parts[1]) if len(parts) > 1 else 0)
	except ValueError:
		return None


def time_words(value: Any) -> str:
	"""``08 giờ 00`` (or ``14 giờ 30``)."""
	moment = _as_time(value)
	return f"{moment.hour:02d} giờ {moment.minute:02d}" if moment else ""


def meeting_time_line(date: dt.date | None, start: Any = None, end: Any = None) -> str:
	"""``08 giờ 00, thứ Tư, ngày 05 tháng 11 năm 2025`` (the giấy mời's Thời gian line)."""
	date = as_date(date)
	parts = []
	if time_words(start):
		span = time_words(start)
		if time_words(end):
			span += f" đến {time_words(end)}"
		parts.append(span)
	if date:
		parts.append(WEEKDAYS[date.weekday()])
		parts.append(format_date_words(date))
	return ", ".join(parts)


def conclusion_rows(rows: Iterable[Any] | None, label: Label) -> list[dict[str, str]]:
	"""The kết luận table: text, kind, responsible unit and due date as printed."""
	out = []
	for row in rows or ():
		due = as_date(_get(row, "due_date"))
		out.append(
			{
				"conclusion": _text(_get(row, "conclusion")),
				"kind": _label(label, _get(row, "conclusion_kind"), CONCLUSION),
				"unit": _text(_get(row, "responsible_unit")),
				"due": format_short_date(due) if due else "",
				"progress": _label(label, _get(row, "progress"), CONCLUSION),
			}
		)
	return out


# -- báo cáo kết quả ----------------------------------------------------------------------------


@dataclass
class ResultsSummary:
	"""What a báo cáo kết quả tiếp xúc, đối thoại counts."""

	conferences: list[dict[str, Any]] = field(default_factory=list)
	conferences_planned: int = 0
	conferences_held: int = 0
	attendance: int = 0
	opinions: int = 0
	by_type: list[tuple[str, int]] = field(default_factory=list)
	by_category: list[tuple[str, int]] = field(default_factory=list)
	answered_at_conference: int = 0
	answered_later: int = 0
	assigned: int = 0
	forwarded: int = 0
	on_time: int = 0
	late: int = 0
	open: int = 0
	overdue: int = 0
	conclusions: int = 0
	conclusions_done: int = 0
	annex: list[dict[str, Any]] = field(default_factory=list)  # RESULTS_ANNEX rows by category


def petition_outcome(row: Any, group: str, today: dt.date) -> Outcome:
	"""A petition as the results annex counts it: resolved once answered (or settled)."""
	answered = as_date(_get(row, "answered_on"))
	due = as_date(_get(row, "due_date"))
	resolved = bool(answered) or _get(row, "status") in SETTLED_STATES
	return Outcome(
		group=group,
		resolved=resolved,
		on_time=counts_as_on_time(due, answered) if resolved else None,
		overdue=not resolved and due is not None and due < today,
	)


def results_summary(
	conferences: Iterable[Mapping[str, Any]],
	petitions: Iterable[Mapping[str, Any]],
	conclusions: Iterable[Mapping[str, Any]] = (),
	planned: int = 0,
	today: dt.date | None = None,
	*,
	label: Label,
) -> ResultsSummary:
	"""Count conferences, attendance, opinions by type and category, how they were answered
	(at the conference, later in writing, assigned, forwarded) and on time or late."""
	today = today or dt.date.today()
	summary = ResultsSummary(conferences_planned=planned or 0)
	for conf in conferences:
		summary.conferences.append(dict(conf))
		if _get(conf, "status") in HELD_STATES:
			summary.conferences_held += 1
			summary.attendance += int(_get(conf, "total_attendance") or 0)
	types: Counter = Counter()
	categories: Counter = Counter()
	outcomes: list[Outcome] = []
	for row in petitions:
		summary.opinions += 1
		types[_get(row, "petition_type") or ""] += 1
		categories[_text(_get(row, "category")) or NO_CATEGORY] += 1
		state = _get(row, "status")  # the fixed status the workflow sets, not its state name
		if _get(row, "answer_mode") == "On the Spot" or state == ANSWERED_ON_THE_SPOT:
			summary.answered_at_conference += 1
		elif _get(row, "answered_on"):
			summary.answered_later += 1
		if state == FORWARDED:
			summary.forwarded += 1
		elif _get(row, "responsible_unit"):
			summary.assigned += 1
		outcome = petition_outcome(row, _text(_get(row, "category")) or NO_CATEGORY, today)
		outcomes.append(outcome)
		if outcome.resolved:
			if outcome.on_time:
				summary.on_time += 1
			else:
				summary.late += 1
		elif state not in (FORWARDED, NOT_ACCEPTED):
			summary.open += 1
			summary.overdue += int(outcome.overdue)
	for row in conclusions:
		summary.conclusions += 1
		if (
			_get(row, "progress") == CONCLUSION_DONE
			or _get(row, "conclusion_kind") == "Answered at the Conference"
		):
			summary.conclusions_done += 1
	order = list(PETITION_TYPES)
	summary.by_type = [
		(_label(label, kind, PETITION) if kind in order else NO_CATEGORY, count)
		for kind, count in sorted(
			types.items(), key=lambda t: order.index(t[0]) if t[0] in order else len(order)
		)
	]
	summary.by_category = sorted(categories.items(), key=lambda t: (-t[1], t[0]))
	summary.annex = list(results_rows(outcomes))
	return summary


def outcomes_by(
	petitions: Iterable[Mapping[str, Any]], key: str, empty: str, today: dt.date | None = None
) -> Iterator[Outcome]:
	"""Outcomes grouped by a field of the petition (category, responsible_unit, status)."""
	today = today or dt.date.today()
	for row in petitions:
		yield petition_outcome(row, _text(_get(row, key)) or empty, today)
