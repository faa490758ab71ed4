"""Yearly sequences of document numbers (each issuer restarts at 1 every year)."""

from __future__ import annotations

from collections.abc import Iterable

from tiep_xuc_doi_thoai.core.vietnamese import parse_document_number


def next_number(existing: Iterable[int | str | None]) -> int:
	"""The next free number after the highest one already used (blanks ignored)."""
	highest = 0
	for value in existing:
		if value in (None, ""):
			continue
		try:
			n = int(value)
		except (TypeError, ValueError):
			try:
				n = parse_document_number(str(value)).number or 0
			except ValueError:
				continue
		highest = max(highest, n)
	return highest + 1
