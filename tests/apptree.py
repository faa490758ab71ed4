"""Read the app's files the way Frappe would, without Frappe: for the static checks."""

from __future__ import annotations

import ast
import csv
import json
import re
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "tiep_xuc_doi_thoai"
MODULE = APP / "tiep_xuc_doi_thoai"
DATA = Path(__file__).resolve().parent / "data"

# DocField.fieldtype options in Frappe v15.
FIELDTYPES = frozenset(
	(
		"Autocomplete",
		"Attach",
		"Attach Image",
		"Barcode",
		"Button",
		"Check",
		"Code",
		"Color",
		"Column Break",
		"Currency",
		"Data",
		"Date",
		"Datetime",
		"Duration",
		"Dynamic Link",
		"Float",
		"Fold",
		"Geolocation",
		"Heading",
		"HTML",
		"HTML Editor",
		"Icon",
		"Image",
		"Int",
		"JSON",
		"Link",
		"Long Text",
		"Markdown Editor",
		"Password",
		"Percent",
		"Phone",
		"Read Only",
		"Rating",
		"Section Break",
		"Select",
		"Signature",
		"Small Text",
		"Tab Break",
		"Table",
		"Table MultiSelect",
		"Text",
		"Text Editor",
		"Time",
	)
)
NO_VALUE_TYPES = frozenset(
	{"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading"}
)
FRAPPE_ROLES = frozenset({"Administrator", "System Manager", "All", "Guest", "Desk User", "Website Manager"})


def load_json(path: Path) -> dict:
	return json.loads(path.read_text(encoding="utf-8"))


def app_json_files() -> list[Path]:
	return sorted(p for p in APP.rglob("*.json") if "node_modules" not in p.parts)


def standard_files(kind: str) -> list[Path]:
	"""``<module>/<kind>/<name>/<name>.json``: the files Frappe syncs as records."""
	return sorted(p for p in MODULE.glob(f"{kind}/*/*.json") if p.stem == p.parent.name)


@lru_cache
def doctypes() -> dict[str, dict]:
	return {d["name"]: d for d in (load_json(p) for p in standard_files("doctype"))}


@lru_cache
def frappe_doctypes() -> frozenset[str]:
	lines = (DATA / "frappe_v15_doctypes.txt").read_text(encoding="utf-8").splitlines()
	return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def known_doctypes() -> frozenset[str]:
	return frappe_doctypes() | frozenset(doctypes())


@lru_cache
def app_roles() -> frozenset[str]:
	tree = ast.parse((APP / "core" / "roles.py").read_text(encoding="utf-8"))
	names = set()
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
			if isinstance(node.value.value, str) and node.targets[0].id.isupper():
				names.add(node.value.value)
	return frozenset(names)


def known_roles() -> frozenset[str]:
	return app_roles() | FRAPPE_ROLES


# -- translatable strings ---------------------------------------------------------------------

_JS_RE = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""", re.S)
# ``__("text", null, "Context")``: the context Frappe looks the text up with first
_JS_CONTEXT_RE = re.compile(r"""\s*,\s*(?:null|\[[^\]]*\])\s*,\s*(["'])([^"']+)\1\s*\)""")


def python_strings() -> dict[str, str]:
	"""``_("...")`` literals in the app's Python, with where they are."""
	found: dict[str, str] = {}
	for path in sorted(APP.rglob("*.py")):
		if "core" in path.relative_to(APP).parts[:1]:
			continue
		tree = ast.parse(path.read_text(encoding="utf-8"))
		for node in ast.walk(tree):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				context = next(
					(
						k.value.value
						for k in node.keywords
						if k.arg == "context" and isinstance(k.value, ast.Constant)
					),
					None,
				)
				key = (node.args[0].value, context) if context else node.args[0].value
				found.setdefault(key, f"{path.relative_to(REPO)}:{node.lineno}")
	return found


def js_strings() -> dict[str, str]:
	found: dict[str, str] = {}
	for path in sorted(APP.rglob("*.js")):
		if "dist" in path.parts or "node_modules" in path.parts:
			continue
		text = path.read_text(encoding="utf-8")
		for m in _JS_RE.finditer(text):
			context = _JS_CONTEXT_RE.match(text, m.end())
			key = (m.group(2), context.group(2)) if context else m.group(2)
			found.setdefault(key, str(path.relative_to(REPO)))
	return found


# ``{{ _("text") }}`` / ``_("text", context="Doctype")`` in a Jinja template (www pages, print formats)
_JINJA_RE = re.compile(
	r"""(?<![\w.])_\(\s*(["'])((?:\\.|(?!\1).)*)\1(?:\s*,\s*context\s*=\s*(["'])([^"']+)\3)?\s*\)""", re.S
)


def html_strings() -> dict[str, str]:
	"""``_("...")`` in the app's Jinja templates, as Frappe's extractor reads them."""
	found: dict[str, str] = {}
	for path in sorted(APP.rglob("*.html")):
		text = path.read_text(encoding="utf-8")
		for m in _JINJA_RE.finditer(text):
			key = (m.group(2), m.group(4)) if m.group(4) else m.group(2)
			found.setdefault(key, str(path.relative_to(REPO)))
	return found


def doctype_strings() -> dict[str, str]:
	"""Labels, descriptions, select options and names Frappe shows from the DocType JSON."""
	found: dict[str, str] = {}
	for name, d in doctypes().items():
		found.setdefault(name, f"DocType {name}")
		if d.get("description"):
			found.setdefault(d["description"], f"DocType {name}")
		for f in d["fields"]:
			where = f"{name}.{f['fieldname']}"
			# Frappe shows labels and select options with their doctype as context
			if f.get("label"):
				found.setdefault((f["label"], name), where)
			if f.get("description"):
				found.setdefault(f["description"], where)
			if f["fieldtype"] == "Select":
				for option in (f.get("options") or "").split("\n"):
					if option.strip():
						found.setdefault((option, name), where)
	return found


def workspace_strings() -> dict[str, str]:
	found: dict[str, str] = {}
	for path in standard_files("workspace"):
		ws = load_json(path)
		found.setdefault(ws["label"], path.name)
		for link in ws.get("links", []):
			found.setdefault(link["label"], path.name)
		for sc in ws.get("shortcuts", []):
			found.setdefault(sc["label"], path.name)
			if sc.get("format"):
				found.setdefault(sc["format"], path.name)
		for block in json.loads(ws["content"]):
			if block["type"] == "header":
				found.setdefault(re.sub(r"<[^>]+>", "", block["data"]["text"]).strip(), path.name)
	return found


def workflow_strings() -> dict[str, str]:
	"""State and action names of the shipped workflows (Frappe shows them through __())."""
	from tests.test_workflow_spec import shipped_specs

	found: dict[str, str] = {}
	for spec in shipped_specs():
		found.setdefault(spec.name, spec.name)
		for state in spec.states:
			found.setdefault((state.name, spec.document_type), spec.name)
		for action in spec.actions:
			found.setdefault((action, spec.document_type), spec.name)
	return found


def report_strings() -> dict[str, str]:
	"""Names of reports and print formats, labels of number cards (Frappe shows them through __())."""
	found = {load_json(p)["name"]: p.name for p in standard_files("report")}
	found.update({load_json(p)["label"]: p.name for p in standard_files("number_card")})
	found.update({load_json(p)["name"]: p.name for p in standard_files("print_format")})
	return found


@lru_cache
def translation_rows(lang: str = "vi") -> list[list[str]]:
	path = APP / "translations" / f"{lang}.csv"
	with path.open(encoding="utf-8", newline="") as f:
		return [row for row in csv.reader(f) if row]


def translations(lang: str = "vi") -> dict[str | tuple[str, str], str]:
	"""Source -> translation; a line with a context (third column) is keyed (source, context),
	as Frappe keys it ``source:context`` and falls back to the line without one."""
	out: dict[str | tuple[str, str], str] = {}
	for row in translation_rows(lang):
		if len(row) >= 3 and row[2]:
			out[(row[0], row[2])] = row[1]
		elif len(row) >= 2:
			out[row[0]] = row[1]
	return out


def translated(vi: dict, key: str | tuple[str, str]) -> str:
	"""How Frappe looks a string up: with its context first, then without."""
	if isinstance(key, tuple):
		return (vi.get(key) or vi.get(key[0]) or "").strip()
	return (vi.get(key) or "").strip()
