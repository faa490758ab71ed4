#!/usr/bin/env python3
"""Does this app's vi.csv change a word on another app's screens?

    python scripts/vi_csv_collisions.py APP_VI_CSV SOURCE_DIR [SOURCE_DIR ...]

Frappe loads every installed app's translations into one dictionary per language: a line of
ours without a context (``Received,Đã tiếp nhận``) replaces Frappe's or CRM's own translation
of that word everywhere on the site. A line without a context is therefore allowed only for a
source string no other app uses. This script collects the strings the given source trees use
(quoted literals in .py/.js/.ts/.vue/.html, values in .json, text between tags in .vue/.html)
and prints every contextless line of ours whose source string is among them and whose
translation differs from that app's own (its ``translations/vi.csv`` or ``locale/vi.po``): a line
that says what the other app already says changes no word.

Prints one line per collision and ends with ``N collisions``; exits 1 when there is any.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

SOURCE_SUFFIXES = (".py", ".js", ".ts", ".vue", ".html", ".json")
SKIP_DIRS = {"node_modules", ".git", "dist", "frontend", "locale", "translations", "tests", "test"}
# Built bundles and vendored libraries are not screens' source strings.
SKIP_SUFFIXES = (".min.js", ".bundle.js", ".map")
MAX_FILE_BYTES = 2_000_000
LITERAL = re.compile(r""""([^"\\\n]{1,300})"|'([^'\\\n]{1,300})'|`([^`\\]{1,300})`""")
TAG_TEXT = re.compile(r">\s*([^<>{}\n][^<>{}]{0,200}?)\s*<")


def contextless_lines(vi_csv: Path) -> Iterator[tuple[int, str, str]]:
	with vi_csv.open(encoding="utf-8", newline="") as f:
		for number, row in enumerate(csv.reader(f), start=1):
			if len(row) >= 2 and (len(row) == 2 or not row[2].strip()) and row[0].strip():
				yield number, row[0], row[1]


def _source_files(root: Path) -> Iterator[Path]:
	for path in root.rglob("*"):
		if not path.is_file() or not path.name.endswith(SOURCE_SUFFIXES):
			continue
		if path.name.endswith(SKIP_SUFFIXES) or SKIP_DIRS.intersection(path.relative_to(root).parts[:-1]):
			continue
		if path.stat().st_size > MAX_FILE_BYTES:
			continue
		yield path


def _json_strings(value: object) -> Iterator[str]:
	if isinstance(value, str):
		yield value
		# a Select field's options are one string, one option a line
		if "\n" in value:
			yield from value.split("\n")
	elif isinstance(value, dict):
		for item in value.values():
			yield from _json_strings(item)
	elif isinstance(value, list):
		for item in value:
			yield from _json_strings(item)


def used_strings(roots: Iterable[Path]) -> set[str]:
	"""Every string the source trees could show on a screen (over-approximated)."""
	found: set[str] = set()
	for root in roots:
		for path in _source_files(root):
			text = path.read_text(encoding="utf-8", errors="ignore")
			if path.suffix == ".json":
				try:
					found.update(s.strip() for s in _json_strings(json.loads(text)))
				except ValueError:
					pass
				continue
			found.update(next(g for g in m.groups() if g is not None).strip() for m in LITERAL.finditer(text))
			if path.suffix in (".vue", ".html"):
				found.update(m.group(1).strip() for m in TAG_TEXT.finditer(text))
	return found


def _po_unquote(line: str) -> str:
	return json.loads(line) if line.startswith('"') else ""


def own_translations(roots: Iterable[Path]) -> dict[str, set[str]]:
	"""The other apps' own contextless Vietnamese for each source string."""
	own: dict[str, set[str]] = {}
	for root in roots:
		for vi in root.rglob("translations/vi.csv"):
			for _number, source, translated in contextless_lines(vi):
				own.setdefault(source.strip(), set()).add(translated.strip())
		for po in root.rglob("locale/vi.po"):
			entry: dict[str, str] = {}
			key = ""
			for raw in [*po.read_text(encoding="utf-8").splitlines(), ""]:
				line = raw.strip()
				if not line:
					if entry.get("msgid") and entry.get("msgstr") and "msgctxt" not in entry:
						own.setdefault(entry["msgid"].strip(), set()).add(entry["msgstr"].strip())
					entry, key = {}, ""
				elif line.startswith(("msgid ", "msgstr ", "msgctxt ")):
					key, _, rest = line.partition(" ")
					entry[key] = _po_unquote(rest)
				elif line.startswith('"') and key:
					entry[key] += _po_unquote(line)
	return own


def collisions(vi_csv: Path, roots: Iterable[Path]) -> list[tuple[int, str, str]]:
	roots = list(roots)
	used = used_strings(roots)
	own = own_translations(roots)
	return [
		line
		for line in contextless_lines(vi_csv)
		if line[1].strip() in used and line[2].strip() not in own.get(line[1].strip(), set())
	]


def main(argv: list[str]) -> int:
	if len(argv) < 3:
		print(__doc__)
		return 2
	vi_csv, roots = Path(argv[1]), [Path(p) for p in argv[2:]]
	found = collisions(vi_csv, roots)
	for number, source, translated in found:
		print(
			f"vi.csv:{number}: {source!r} -> {translated!r} has no context; another app shows this word and translates it otherwise"
		)
	print(f"{len(found)} collisions")
	return 1 if found else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
