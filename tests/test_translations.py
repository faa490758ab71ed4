"""Every string a user sees has a Vietnamese translation (translations/vi.csv), from that one
file, with a context where a generic word must not change Frappe's or another app's screens."""

from __future__ import annotations

import ast
import re
import unicodedata

import pytest

from tests.apptree import (
	APP,
	doctype_strings,
	doctypes,
	html_strings,
	js_strings,
	python_strings,
	report_strings,
	translated,
	translation_rows,
	translations,
	workflow_strings,
	workspace_strings,
)

PLACEHOLDER_RE = re.compile(r"\{\d+\}")
SOURCES = {
	"python": python_strings,
	"javascript": js_strings,
	"template": html_strings,
	"doctype": doctype_strings,
	"workspace": workspace_strings,
	"workflow": workflow_strings,
	"report": report_strings,
}
# Words Frappe itself (or another app of the suite) translates for its own screens: the app's
# Vietnamese for them lives only in lines with a context (the app's doctype), so Frappe's
# buttons, statuses and other apps' lists keep their own words. Workflow states Frappe has no
# translation for at all (Planned, Held, Answered, Returned, Accepted) do get a plain line:
# Frappe's form and list indicators call __(state) without a context, and a plain line there
# changes none of Frappe's own screens.
GENERIC = frozenset(
	{
		"Open",
		"Closed",
		"Close",
		"Received",
		"Answer",
		"Overdue",
		"Done",
		"Draft",
		"Approved",
		"Cancelled",
		"Pending",
		"Published",
		"In Progress",
		"Assigned",
		"Group",
		"Individual",
		"Department",
		"Section",
		"Category",
		"Subject",
		"Title",
		"Content",
		"Phone",
		"Address",
		"Due Date",
		"Forward",
		"Start",
		"Reopen",
		"Feedback",
		"Assignment",
		"Progress",
		"Level",
		"Mail",
		"Workflow State",
	}
)
# Strings the app leaves to Frappe's own translation file (the workspace and buttons of the
# desk), so it never overrides them.
FRAPPE_TRANSLATED = frozenset({"Settings", "Workflow", "Your Shortcuts", "Download", "Print Format"})


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_string_is_translated(source):
	vi = translations("vi")
	strings = SOURCES[source]()
	assert strings, f"no {source} strings found: the extractor is broken"
	missing = {
		key: where
		for key, where in strings.items()
		if not translated(vi, key) and (key[0] if isinstance(key, tuple) else key) not in FRAPPE_TRANSLATED
	}
	assert not missing, "\n".join(f"{where}: {s!r}" for s, where in sorted(missing.items(), key=str))


def test_placeholders_survive_translation():
	for row in translation_rows("vi"):
		if len(row) >= 2:
			assert sorted(PLACEHOLDER_RE.findall(row[0])) == sorted(PLACEHOLDER_RE.findall(row[1])), row[0]


def test_no_duplicate_sources():
	keys = [(row[0], row[2] if len(row) > 2 else "") for row in translation_rows("vi")]
	dupes = {k for k in keys if keys.count(k) > 1}
	assert not dupes, dupes


def test_generic_words_only_with_a_context():
	plain = {row[0] for row in translation_rows("vi") if len(row) < 3 or not row[2]}
	leaking = sorted(GENERIC & plain)
	assert not leaking, f"these would change Frappe's and other apps' screens: {leaking}"


def test_contexts_name_a_doctype_of_the_app():
	names = set(doctypes())
	unknown = {(row[0], row[2]) for row in translation_rows("vi") if len(row) > 2 and row[2]} - {
		(s, c) for s, c in ((row[0], row[2]) for row in translation_rows("vi") if len(row) > 2) if c in names
	}
	assert not unknown, unknown


def test_context_lines_are_used():
	"""A context line is read by a label or option of its doctype, or by code passing it."""
	used = set()
	for source in SOURCES.values():
		used |= {key for key in source() if isinstance(key, tuple)}
	unused = sorted(
		(row[0], row[2])
		for row in translation_rows("vi")
		if len(row) > 2 and row[2] and (row[0], row[2]) not in used
	)
	assert not unused, unused


def _has_vietnamese(text: str) -> bool:
	return any(unicodedata.decomposition(ch) or ch in "đĐ" for ch in text if ord(ch) > 127)


def test_no_hand_written_option_maps():
	"""No dict maps a doctype's select options to Vietnamese words beside vi.csv."""
	options = set()
	for d in doctypes().values():
		for f in d["fields"]:
			if f["fieldtype"] == "Select":
				options |= {o for o in (f.get("options") or "").split("\n") if o.strip()}
	offenders = []
	for path in sorted(APP.rglob("*.py")):
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not isinstance(node, ast.Dict):
				continue
			pairs = [
				(k.value, v.value)
				for k, v in zip(node.keys, node.values, strict=False)
				if isinstance(k, ast.Constant)
				and isinstance(v, ast.Constant)
				and isinstance(k.value, str)
				and isinstance(v.value, str)
			]
			mapped = [k for k, v in pairs if k in options and _has_vietnamese(v)]
			if len(mapped) >= 2:
				offenders.append(f"{path.relative_to(APP)}:{node.lineno} {mapped}")
	assert not offenders, "\n".join(offenders)
