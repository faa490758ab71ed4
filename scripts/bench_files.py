#!/usr/bin/env python3
"""Edit a bench's own files the way bench does, never with a blind ``echo >>``.

``bench init`` writes ``sites/apps.txt`` without a final newline; appending a name to it glues
the name onto the last line (``frappetiep_xuc_doi_thoai``) and every bench command on every site
then fails. bench itself reads the file as lines and rewrites it (``bench.utils.app``); so do we.

Usage:
    python3 scripts/bench_files.py add-app BENCH APP      # idempotent
    python3 scripts/bench_files.py remove-app BENCH APP
    python3 scripts/bench_files.py repair BENCH           # glued names are left for a human

Standard library only: it runs before a bench (and its virtualenv) exists.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def read_apps(bench: Path) -> list[str]:
	path = bench / "sites" / "apps.txt"
	if not path.exists():
		return []
	return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_apps(bench: Path, apps: list[str]) -> None:
	path = bench / "sites" / "apps.txt"
	seen: list[str] = []
	for app in apps:
		if app not in seen:
			seen.append(app)
	# atomic replace: a reader never sees a half-written file
	fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".apps.txt.")
	with os.fdopen(fd, "w", encoding="utf-8") as handle:
		handle.write("\n".join(seen) + "\n")
	os.chmod(tmp, 0o644)
	os.replace(tmp, path)


def add_app(bench: Path, app: str) -> bool:
	"""Add ``app`` to apps.txt once, keeping every other line; True if the file changed."""
	apps = read_apps(bench)
	raw = (
		(bench / "sites" / "apps.txt").read_text(encoding="utf-8")
		if (bench / "sites" / "apps.txt").exists()
		else ""
	)
	if app in apps and raw.endswith("\n"):
		return False
	if app not in apps:
		apps.append(app)
	write_apps(bench, apps)
	return True


def remove_app(bench: Path, app: str) -> bool:
	apps = read_apps(bench)
	if app not in apps:
		return False
	write_apps(bench, [a for a in apps if a != app])
	return True


def main(argv: list[str]) -> int:
	if len(argv) < 2 or argv[0] not in {"add-app", "remove-app", "repair"}:
		print(__doc__, file=sys.stderr)
		return 2
	bench = Path(argv[1])
	if not (bench / "sites").is_dir():
		print(f"bench_files: {bench} has no sites/ folder", file=sys.stderr)
		return 2
	if argv[0] == "repair":
		write_apps(bench, read_apps(bench))
		return 0
	if len(argv) != 3:
		print(__doc__, file=sys.stderr)
		return 2
	changed = (add_app if argv[0] == "add-app" else remove_app)(bench, argv[2])
	print(f"apps.txt {'updated' if changed else 'unchanged'}")
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
