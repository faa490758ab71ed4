"""The open figures an agency publishes for a year (frappe-free).

Built from the same rules as the desk's reports: the periodic report's figures
(``core.periodic_report.period_figures``), the results annex's rule for answered and on time
(``core.document_parts.petition_outcome``), the follow-up report's per-unit rates. What this
module adds is what makes them publishable:

- counts only - no name, no content, no code; a denunciation is one count among the kinds;
- small counts suppressed: a count from 1 to ``k - 1`` is published as ``None`` ("fewer than
  k"), and a unit whose opinions are fewer than ``k`` shows no rates either (a rate over two
  opinions says what happened to each). ``k`` is the administrator's (Dialogue Settings);
- one flat table for CSV (section, label, month, value) so the file's shape never changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from tiep_xuc_doi_thoai.core.document_parts import NO_UNIT, as_date, petition_outcome
from tiep_xuc_doi_thoai.core.followup import on_time_percent

LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_MIN_COUNT = 5
CSV_HEADER = ("section", "label", "month", "value")


def suppress(count: int | None, k: int) -> int | None:
	"""``count`` if it is 0 or at least ``k``; None (fewer than k, not published) otherwise."""
	if count is None:
		return None
	return count if count == 0 or count >= k else None


def rate(part: int, whole: int) -> float | None:
	return None if not whole else round(100 * part / whole, 1)


def per_unit(petitions: Iterable[Mapping[str, Any]], today: dt.date) -> dict[str, dict[str, int]]:
	"""Received, answered (on time or late) and open past the deadline per responsible unit
	(results annex rule)."""
	out: dict[str, Counter] = {}
	for row in petitions:
		counts = out.setdefault(row.get("responsible_unit") or NO_UNIT, Counter())
		outcome = petition_outcome(row, "", today)
		counts["received"] += 1
		if outcome.resolved:
			counts["answered"] += 1
			counts["answered_on_time" if outcome.on_time else "answered_late"] += 1
		elif outcome.overdue:
			counts["overdue"] += 1
	return {unit: dict(c) for unit, c in sorted(out.items())}


def by_month(petitions: Iterable[Mapping[str, Any]]) -> list[int]:
	counts = Counter(
		as_date(p.get("received_date")).month for p in petitions if as_date(p.get("received_date"))
	)
	return [counts.get(month, 0) for month in range(1, 13)]


def publishable(
	*,
	agency: str,
	year: int,
	figures: Any,
	months: list[int],
	months_by_channel: list[dict[str, Any]],
	units: dict[str, dict[str, int]],
	assignment_rates: list[Mapping[str, Any]],
	k: int,
	built_on: dt.date,
) -> dict[str, Any]:
	"""The published figures. ``figures`` is a ``core.periodic_report.PeriodFigures``;
	``months_by_channel`` the rows of the Opinions by Channel report; ``assignment_rates`` the
	rows of the Assignment Follow-up report for the agency's units."""
	k = max(int(k or 1), 1)
	pairs = lambda items: [{"label": label, "count": suppress(n, k)} for label, n in items]  # noqa: E731
	unit_rows = []
	for unit, c in units.items():
		small = 0 < c.get("received", 0) < k
		unit_rows.append(
			{
				"unit": unit,
				"received": suppress(c.get("received", 0), k),
				"answered": None if small else suppress(c.get("answered", 0), k),
				"answered_on_time": None if small else suppress(c.get("answered_on_time", 0), k),
				"share_answered": None if small else rate(c.get("answered", 0), c.get("received", 0)),
				"share_on_time": None
				if small
				else on_time_percent(
					c.get("answered_on_time", 0),
					c.get("answered_late", c.get("answered", 0) - c.get("answered_on_time", 0)),
					c.get("overdue", 0),
				),
			}
		)
	assignments = []
	for row in assignment_rates:
		small = 0 < int(row.get("total") or 0) < k
		assignments.append(
			{
				"unit": row.get("unit"),
				"assignments": suppress(int(row.get("total") or 0), k),
				"on_time_rate": None if small else row.get("on_time_rate"),
			}
		)
	channel_months = [
		{key: (value if key == "month" else suppress(value, k)) for key, value in row.items()}
		for row in months_by_channel
	]
	return {
		"agency": agency,
		"year": year,
		"built_on": built_on.isoformat(),
		"licence": LICENCE,
		"licence_url": LICENCE_URL,
		"min_count": k,
		"opinions": {
			"received": suppress(figures.opinions_received, k),
			"by_month": [suppress(n, k) for n in months],
			"by_channel": pairs(figures.by_channel),
			"by_channel_and_month": channel_months,
			"by_kind": pairs(figures.by_type),
			"by_field": pairs(figures.by_category),
			"answered_on_time": suppress(figures.answered_on_time, k),
			"answered_late": suppress(figures.answered_late, k),
			"still_open": suppress(figures.still_open, k),
			"forwarded": suppress(figures.forwarded, k),
		},
		"units": unit_rows,
		"assignments": assignments,
		"conferences": {
			"required": figures.dialogues_required,
			"held": figures.dialogues_held_in_year,
			"held_by_finish_date": figures.dialogues_by_finish,
			"plan_on_time": bool(figures.plan_on_time),
		},
	}


def csv_rows(data: Mapping[str, Any]) -> list[tuple]:
	"""The same figures as one flat table; a suppressed count is an empty cell."""
	cell = lambda v: "" if v is None else v  # noqa: E731
	rows: list[tuple] = [CSV_HEADER]
	o = data["opinions"]
	rows.append(("opinions", "received", "", cell(o["received"])))
	for month, n in enumerate(o["by_month"], start=1):
		rows.append(("opinions_by_month", "all", f"{data['year']}-{month:02d}", cell(n)))
	for section in ("by_channel", "by_kind", "by_field"):
		for item in o[section]:
			rows.append((f"opinions_{section}", item["label"], "", cell(item["count"])))
	for row in o["by_channel_and_month"]:
		month = row["month"]
		for key, value in row.items():
			if key != "month":
				rows.append(("opinions_by_channel_and_month", key, month, cell(value)))
	for key in ("answered_on_time", "answered_late", "still_open", "forwarded"):
		rows.append(("opinions", key, "", cell(o[key])))
	for u in data["units"]:
		for key in ("received", "answered", "answered_on_time", "share_answered", "share_on_time"):
			rows.append((f"unit_{key}", u["unit"], "", cell(u[key])))
	for a in data["assignments"]:
		rows.append(("unit_assignments", a["unit"], "", cell(a["assignments"])))
		rows.append(("unit_assignments_on_time_rate", a["unit"], "", cell(a["on_time_rate"])))
	c = data["conferences"]
	for key in ("required", "held", "held_by_finish_date"):
		rows.append(("conferences", key, "", c[key]))
	rows.append(("conferences", "plan_on_time", "", int(c["plan_on_time"])))
	return rows
