"""scripts/bench_files.py edits a bench's apps.txt as lines, the way bench does.

`bench init` writes sites/apps.txt with no final newline; a blind `echo app >> apps.txt` glues
the name onto the last line and breaks every site of the bench."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench_files.py"


@pytest.fixture
def bench(tmp_path: Path) -> Path:
	(tmp_path / "sites").mkdir()
	(tmp_path / "sites" / "apps.txt").write_text("frappe", encoding="utf-8")  # as bench init writes it
	return tmp_path


def run(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_add_app_to_apps_txt_without_final_newline(bench: Path) -> None:
	assert run("add-app", str(bench), "tiep_xuc_doi_thoai").returncode == 0
	assert (bench / "sites" / "apps.txt").read_text() == "frappe\ntiep_xuc_doi_thoai\n"


def test_add_app_twice_changes_nothing(bench: Path) -> None:
	run("add-app", str(bench), "tiep_xuc_doi_thoai")
	second = run("add-app", str(bench), "tiep_xuc_doi_thoai")
	assert "unchanged" in second.stdout
	assert (bench / "sites" / "apps.txt").read_text().splitlines() == ["frappe", "tiep_xuc_doi_thoai"]


def test_other_apps_kept_in_order(bench: Path) -> None:
	(bench / "sites" / "apps.txt").write_text("frappe\ncrm\n\nhrms", encoding="utf-8")
	run("add-app", str(bench), "tiep_xuc_doi_thoai")
	assert (bench / "sites" / "apps.txt").read_text() == "frappe\ncrm\nhrms\ntiep_xuc_doi_thoai\n"


def test_remove_app_keeps_the_rest(bench: Path) -> None:
	(bench / "sites" / "apps.txt").write_text("frappe\ntiep_xuc_doi_thoai\ncrm", encoding="utf-8")
	run("remove-app", str(bench), "tiep_xuc_doi_thoai")
	assert (bench / "sites" / "apps.txt").read_text() == "frappe\ncrm\n"


def test_not_a_bench_is_refused(tmp_path: Path) -> None:
	result = run("add-app", str(tmp_path), "tiep_xuc_doi_thoai")
	assert result.returncode == 2
	assert "no sites/" in result.stderr


def test_no_script_appends_to_bench_files_blindly() -> None:
	"""Every shell script of the repo edits apps.txt through bench_files.py, never `>> apps.txt`."""
	root = SCRIPT.parents[1]
	offenders = []
	for path in [*root.glob("scripts/*.sh"), root / ".ci" / "run"]:
		for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
			if ">>" in line and "apps.txt" in line:
				offenders.append(f"{path.name}:{number}")
	assert offenders == []
