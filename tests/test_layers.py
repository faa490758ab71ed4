"""The app's import layers, as docs/ARCHITECTURE.md states them: no import from a lower layer to a
higher one, no import cycle, no production module importing test code.

The layers are read from the table between the ``<!-- layers`` markers of docs/ARCHITECTURE.md,
so the page a newcomer reads and this check are one definition. Every import counts, a lazy one
inside a function too (it is still a dependency, only hidden from the import order)."""

from __future__ import annotations

import ast
import re
import sys
from functools import lru_cache

from tests.apptree import APP, REPO

PACKAGE = APP.name
ARCHITECTURE = REPO / "docs" / "ARCHITECTURE.md"


def is_test_module(name: str) -> bool:
	return any(part == "tests" or part.startswith("test_") for part in name.split("."))


@lru_cache(maxsize=1)
def layers() -> dict[str, int]:
	"""Module prefix (``tiep_xuc_doi_thoai.core``) → rank, from the doc's table."""
	text = ARCHITECTURE.read_text(encoding="utf-8")
	block = re.search(r"<!-- layers.*?-->(.*?)<!-- /layers -->", text, re.S)
	assert block, f"{ARCHITECTURE} has no <!-- layers --> table"
	ranks: dict[str, int] = {}
	for line in block.group(1).splitlines():
		row = re.match(r"\|\s*(\d+)\s*\|([^|]*)\|", line)
		if not row:
			continue
		for folder in re.findall(r"`([^`]+)`", row.group(2)):
			dotted = folder.strip("/").removesuffix(".py").replace("/", ".")
			ranks[f"{PACKAGE}.{dotted}"] = int(row.group(1))
	assert ranks, "the layers table has no rows"
	return ranks


def rank_of(module: str) -> int | None:
	if module == PACKAGE:
		return 0  # the package's __init__: the version, importable from anywhere
	best = None
	for prefix, rank in layers().items():
		if (module == prefix or module.startswith(prefix + ".")) and (
			best is None or len(prefix) > len(best[0])
		):
			best = (prefix, rank)
	return best[1] if best else None


@lru_cache(maxsize=1)
def modules() -> dict[str, ast.Module]:
	found = {}
	for path in sorted(APP.rglob("*.py")):
		parts = path.relative_to(REPO).with_suffix("").parts
		name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
		found[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
	return found


def imported_names(module: str, tree: ast.Module) -> set[str]:
	names: set[str] = set()
	package = module if module in _packages() else module.rpartition(".")[0]
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			names.update(alias.name for alias in node.names)
		elif isinstance(node, ast.ImportFrom):
			base = node.module or ""
			if node.level:
				anchor = package.split(".")
				anchor = anchor[: len(anchor) - (node.level - 1)]
				base = ".".join([*anchor, base] if base else anchor)
			names.add(base)
			names.update(f"{base}.{alias.name}" for alias in node.names)
	return names


@lru_cache(maxsize=1)
def _packages() -> frozenset[str]:
	return frozenset(".".join(p.relative_to(REPO).parent.parts) for p in APP.rglob("__init__.py"))


@lru_cache(maxsize=1)
def edges() -> dict[str, set[str]]:
	"""Module → the app's modules it imports (production code only)."""
	mods = modules()
	graph: dict[str, set[str]] = {}
	for name, tree in mods.items():
		graph[name] = {t for t in imported_names(name, tree) if t in mods and t != name}
	return graph


def production() -> list[str]:
	return [m for m in edges() if not is_test_module(m)]


def cycles() -> list[list[str]]:
	"""Strongly connected components of more than one module (Tarjan), production code only."""
	graph = {m: {t for t in edges()[m] if not is_test_module(t)} for m in production()}
	index: dict[str, int] = {}
	low: dict[str, int] = {}
	stack: list[str] = []
	on_stack: set[str] = set()
	found: list[list[str]] = []
	counter = [0]

	def visit(v: str) -> None:
		index[v] = low[v] = counter[0]
		counter[0] += 1
		stack.append(v)
		on_stack.add(v)
		for w in sorted(graph[v]):
			if w not in index:
				visit(w)
				low[v] = min(low[v], low[w])
			elif w in on_stack:
				low[v] = min(low[v], index[w])
		if low[v] == index[v]:
			component = []
			while True:
				w = stack.pop()
				on_stack.discard(w)
				component.append(w)
				if w == v:
					break
			if len(component) > 1:
				found.append(sorted(component))

	for v in sorted(graph):
		if v not in index:
			visit(v)
	return found


def cycle_edges(component: list[str]) -> list[str]:
	members = set(component)
	return [f"{m} -> {t}" for m in component for t in sorted(edges()[m]) if t in members]


def test_the_layers_table_names_real_folders():
	for prefix in layers():
		relative = prefix.removeprefix(PACKAGE + ".").replace(".", "/")
		assert (APP / relative).is_dir() or (APP / f"{relative}.py").is_file(), (
			f"docs/ARCHITECTURE.md's layers table names {relative}, which is not in {PACKAGE}/"
		)


def test_every_module_is_in_a_layer():
	missing = sorted(m for m in production() if rank_of(m) is None)
	assert not missing, (
		"modules in no layer of docs/ARCHITECTURE.md (add their folder to the table):\n  "
		+ "\n  ".join(missing)
	)


def test_no_import_runs_up_a_layer():
	upward = []
	for module in production():
		here = rank_of(module)
		for target in sorted(edges()[module]):
			there = rank_of(target)
			if here is not None and there is not None and there > here and not is_test_module(target):
				upward.append(f"{module} (layer {here}) -> {target} (layer {there})")
	assert not upward, (
		f"{len(upward)} import(s) from a lower layer to a higher one (docs/ARCHITECTURE.md):\n  "
		+ "\n  ".join(upward)
	)


def test_no_import_cycle():
	found = cycles()
	assert not found, f"{len(found)} import cycle(s); the edges inside each:\n" + "\n".join(
		"  " + " <-> ".join(c) + "\n    " + "\n    ".join(cycle_edges(c)) for c in found
	)


def test_production_code_does_not_import_tests():
	leaks = [
		f"{module} -> {target}"
		for module in production()
		for target in sorted(edges()[module])
		if is_test_module(target)
	]
	assert not leaks, "production modules import test code:\n  " + "\n  ".join(leaks)


def test_core_never_imports_frappe():
	offenders = []
	for module, tree in modules().items():
		if rank_of(module) != 0 or module == PACKAGE or is_test_module(module):
			continue
		for name in imported_names(module, tree):
			if name == "frappe" or name.startswith("frappe."):
				offenders.append(f"{module} imports {name}")
	assert not offenders, "\n".join(offenders)


def test_the_check_sees_an_upward_import_and_a_cycle(monkeypatch):
	"""The check can fail: a made-up core module importing api/, and two modules importing each
	other, are both reported."""
	fake = {
		f"{PACKAGE}.core.fake_rule": {f"{PACKAGE}.api.fake_endpoint"},
		f"{PACKAGE}.api.fake_endpoint": {f"{PACKAGE}.core.fake_rule"},
	}
	monkeypatch.setattr(sys.modules[__name__], "edges", lambda: fake)
	assert rank_of(f"{PACKAGE}.core.fake_rule") < rank_of(f"{PACKAGE}.api.fake_endpoint")
	assert cycles() == [sorted(fake)]
	try:
		test_no_import_runs_up_a_layer()
	except AssertionError as e:
		assert f"{PACKAGE}.core.fake_rule (layer 0) -> {PACKAGE}.api.fake_endpoint" in str(e)
	else:
		raise AssertionError("an upward import went unseen")
