"""How the results annex, the prints and the open figures count petitions (frappe-free):
one :class:`Outcome` per petition, tallied per group into the annex's rows. The Excel annex
(core/excel.RESULTS_ANNEX) and the print formats both read these rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from tiep_xuc_doi_thoai.core.followup import on_time_rate
from tiep_xuc_doi_thoai.core.vietnamese import sort_key


@dataclass(frozen=True)
class Outcome:
	"""What the annex needs from one petition."""

	group: str
	resolved: bool
	on_time: bool | None = None  # for resolved ones: answered by the deadline
	overdue: bool = False  # for open ones: past the deadline


def results_rows(outcomes: Iterable[Outcome], order: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
	"""Rows of RESULTS_ANNEX, one per group (category, unit or status), in ``order`` first
	then by name. Reads ``outcomes`` once; keeps one counter per group."""
	table: dict[str, Counter] = {}
	for item in outcomes:
		counts = table.setdefault(item.group, Counter())
		counts["received"] += 1
		if item.resolved:
			counts["resolved"] += 1
			counts["on_time" if item.on_time else "late"] += 1
		else:
			counts["in_progress"] += 1
			if item.overdue:
				counts["overdue"] += 1
	ranked = list(order or ())
	names = [g for g in ranked if g in table] + sorted((g for g in table if g not in ranked), key=sort_key)
	for name in names:
		counts = table[name]
		resolved = counts["resolved"]
		yield {
			"group": name,
			"received": counts["received"],
			"resolved": resolved,
			"on_time": counts["on_time"],
			"late": counts["late"],
			"in_progress": counts["in_progress"],
			"overdue": counts["overdue"],
			"on_time_rate": on_time_rate(counts["on_time"], counts["late"], counts["overdue"]),
		}
