"""Every string a user sees has a Vietnamese translation (translations/vi.csv)."""

from __future__ import annotations

import re

import pytest

from tests.apptree import (
	doctype_strings,
	js_strings,
	python_strings,
	report_strings,
	translations,
	workflow_strings,
	workspace_strings,
)

PLACEHOLDER_RE = re.compile(r"\{\d+\}")
SOURCES = {
	"python": python_strings,
	"javascript": js_strings,
	"doctype": doctype_strings,
	"workspace": workspace_strings,
	"workflow": workflow_strings,
	"report": report_strings,
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_string_is_translated(source):
	vi = translations("vi")
	strings = SOURCES[source]()
	assert strings, f"no {source} strings found: the extractor is broken"
	missing = {s: where for s, where in strings.items() if not vi.get(s, "").strip()}
	assert not missing, "\n".join(f"{where}: {s!r}" for s, where in sorted(missing.items()))


def test_placeholders_survive_translation():
	for source, target in translations("vi").items():
		assert sorted(PLACEHOLDER_RE.findall(source)) == sorted(PLACEHOLDER_RE.findall(target)), source


def test_no_duplicate_sources():
	import csv

	from tests.apptree import APP

	with (APP / "translations" / "vi.csv").open(encoding="utf-8", newline="") as f:
		sources = [row[0] for row in csv.reader(f) if row]
	dupes = {s for s in sources if sources.count(s) > 1}
	assert not dupes, dupes
