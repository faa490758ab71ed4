"""scripts/vi_csv_collisions.py: a line of ours without a context must not change a word that
another app shows (its source strings, its own translation)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "vi_csv_collisions.py"
spec = importlib.util.spec_from_file_location("vi_csv_collisions", SCRIPT)
collisions_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(collisions_module)


def other_app(tmp_path: Path) -> Path:
	root = tmp_path / "other" / "other"
	(root / "translations").mkdir(parents=True)
	(root / "locale").mkdir()
	(root / "api.py").write_text('frappe.msgprint(_("Received"))\n', encoding="utf-8")
	(root / "Page.vue").write_text("<template><span>Assigned</span></template>\n", encoding="utf-8")
	(root / "x.json").write_text('{"options": "Open\\nDone"}', encoding="utf-8")
	(root / "translations" / "vi.csv").write_text("Received,Nhận được\n", encoding="utf-8")
	(root / "locale" / "vi.po").write_text('msgid "Open"\nmsgstr "Mở"\n', encoding="utf-8")
	return root


def ours(tmp_path: Path, text: str) -> Path:
	path = tmp_path / "vi.csv"
	path.write_text(text, encoding="utf-8")
	return path


def test_a_plain_line_changing_another_apps_word_is_found(tmp_path):
	root = other_app(tmp_path)
	vi = ours(
		tmp_path, "Received,Đã tiếp nhận\nAssigned,Đã giao\nDone,Xong\nPetition Received,Đã tiếp nhận\n"
	)
	found = {source for _n, source, _t in collisions_module.collisions(vi, [root])}
	assert found == {"Received", "Assigned", "Done"}


def test_a_context_or_the_same_translation_changes_nothing(tmp_path):
	root = other_app(tmp_path)
	vi = ours(tmp_path, "Received,Đã tiếp nhận,Citizen Petition\nOpen,Mở\nReceived,Nhận được\n")
	assert collisions_module.collisions(vi, [root]) == []
