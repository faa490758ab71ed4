"""Static checks of every DocType, workspace, hook and patch against Frappe's rules."""

from __future__ import annotations

import ast
import json
import re

import pytest

from tests.apptree import (
	APP,
	FIELDTYPES,
	MODULE,
	NO_VALUE_TYPES,
	app_json_files,
	doctypes,
	known_doctypes,
	known_roles,
	load_json,
	standard_files,
)

DOCTYPES = doctypes()
NAMES = sorted(DOCTYPES)
FIELDNAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED = {
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
	"idx",
	"parent",
	"parentfield",
	"parenttype",
	"doctype",
}


def scrub(name: str) -> str:
	return name.lower().replace(" ", "_").replace("-", "_")


def test_the_app_has_doctypes():
	assert {"Dialogue Unit", "Petition Category", "Deadline Rule", "Dialogue Settings"} <= set(NAMES)


@pytest.mark.parametrize("path", app_json_files(), ids=lambda p: str(p.relative_to(APP)))
def test_every_json_file_parses(path):
	assert isinstance(load_json(path), (dict, list))


@pytest.mark.parametrize("name", NAMES)
def test_doctype_file_layout(name):
	folder = MODULE / "doctype" / scrub(name)
	assert (folder / f"{scrub(name)}.json").exists()
	assert (folder / "__init__.py").exists()
	controller = folder / f"{scrub(name)}.py"
	assert controller.exists(), "every doctype has a controller"
	classes = [n.name for n in ast.parse(controller.read_text()).body if isinstance(n, ast.ClassDef)]
	assert name.replace(" ", "").replace("-", "") in classes
	assert DOCTYPES[name]["module"] in (MODULE.parent / "modules.txt").read_text().splitlines()


@pytest.mark.parametrize("name", NAMES)
def test_fields_are_valid(name):
	d = DOCTYPES[name]
	fieldnames = [f["fieldname"] for f in d["fields"]]
	assert len(fieldnames) == len(set(fieldnames)), "duplicate fieldnames"
	assert d["field_order"] == fieldnames, "field_order must list every field in order"
	for f in d["fields"]:
		where = f"{name}.{f['fieldname']}"
		assert FIELDNAME_RE.match(f["fieldname"]), where
		assert f["fieldname"] not in RESERVED, where
		assert f["fieldtype"] in FIELDTYPES, f"{where}: unknown fieldtype {f['fieldtype']}"
		if f["fieldtype"] not in NO_VALUE_TYPES:
			assert f.get("label"), f"{where} has no label"
		if f["fieldtype"] in ("Link", "Table", "Table MultiSelect"):
			assert f.get("options") in known_doctypes(), f"{where}: {f.get('options')} is not a doctype"
		if f["fieldtype"] in ("Table", "Table MultiSelect"):
			target = DOCTYPES.get(f["options"])
			assert target and target.get("istable"), f"{where}: a table needs a child doctype of the app"
		if f["fieldtype"] == "Select":
			assert (f.get("options") or "").strip(), f"{where}: Select without options"
			if f.get("default"):
				assert f["default"] in f["options"].split("\n"), f"{where}: default not an option"
		if f["fieldtype"] == "Dynamic Link":
			assert f.get("options") in fieldnames, where
		if f.get("fetch_from"):
			link_field = f["fetch_from"].split(".")[0]
			assert link_field in fieldnames, f"{where}: fetch_from {link_field} missing"


@pytest.mark.parametrize("name", NAMES)
def test_naming_and_tree(name):
	d = DOCTYPES[name]
	fieldnames = {f["fieldname"]: f for f in d["fields"]}
	autoname = d.get("autoname") or ""
	if autoname.startswith("field:"):
		assert autoname[6:] in fieldnames, f"{name}: autoname field missing"
		assert fieldnames[autoname[6:]].get("unique"), f"{name}: a name field must be unique"
	if d.get("title_field"):
		assert d["title_field"] in fieldnames
	for sf in filter(None, (d.get("search_fields") or "").split(",")):
		assert sf.strip() in fieldnames, f"{name}: search field {sf}"
	if d.get("is_tree"):
		parent = d.get("nsm_parent_field")
		assert parent and fieldnames[parent]["fieldtype"] == "Link" and fieldnames[parent]["options"] == name
		for needed in ("lft", "rgt", "is_group", "old_parent"):
			assert needed in fieldnames, f"{name}: tree doctype needs {needed}"


SECRET_DOCTYPES = {"Petition Identity", "Confidential File"}


@pytest.mark.parametrize("name", NAMES)
def test_permissions(name):
	d = DOCTYPES[name]
	if d.get("istable"):
		assert not d["permissions"], "child tables take their parent's permissions"
		return
	assert d["permissions"], f"{name} has no permission rules"
	roles = [p["role"] for p in d["permissions"]]
	for p in d["permissions"]:
		assert p["role"] in known_roles(), f"{name}: unknown role {p['role']}"
		assert p.get("read") or p.get("select"), f"{name}: a rule for {p['role']} grants nothing to read"
		if p.get("submit") or p.get("cancel") or p.get("amend"):
			assert d.get("is_submittable"), f"{name}: submit rights on a doctype that is not submittable"
	if name in SECRET_DOCTYPES:
		# Who reads a denouncer's identity is the Role Permission on this doctype alone
		# (permissions/identity.py): System Manager is not given it by default.
		assert "System Manager" not in roles, f"{name}: System Manager must not read it by default"
		return
	assert "System Manager" in roles, f"{name}: the administrator must be able to manage it"


def test_workspaces_point_at_real_things():
	files = standard_files("workspace")
	assert files
	for path in files:
		ws = load_json(path)
		reports = {load_json(p)["name"] for p in standard_files("report")}
		cards_on_disk = {load_json(p)["name"] for p in standard_files("number_card")}
		for link in ws["links"]:
			if link["type"] == "Link" and link["link_type"] == "DocType":
				assert link["link_to"] in known_doctypes(), link
			if link["type"] == "Link" and link["link_type"] == "Report":
				assert link["link_to"] in reports, link
		for card in ws.get("number_cards", []):
			assert card["number_card_name"] in cards_on_disk, card
		for sc in ws["shortcuts"]:
			if sc["type"] == "DocType":
				assert sc["link_to"] in known_doctypes(), sc
			if sc["type"] == "Report":
				assert sc["link_to"] in reports, sc
		for role in ws.get("roles", []):
			assert role["role"] in known_roles()
		blocks = json.loads(ws["content"])
		names = {s["label"] for s in ws["shortcuts"]}
		cards = {l["label"] for l in ws["links"] if l["type"] == "Card Break"}
		for block in blocks:
			if block["type"] == "shortcut":
				assert block["data"]["shortcut_name"] in names
			if block["type"] == "card":
				assert block["data"]["card_name"] in cards


def _defined_functions(module: str) -> set[str]:
	path = APP.parent / (module.replace(".", "/") + ".py")
	assert path.exists(), f"{module} has no file"
	return {n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef)}


def _dotted_values(node):
	if isinstance(node, ast.Constant) and isinstance(node.value, str):
		is_asset = node.value.endswith((".js", ".css"))  # app_include_js bundles, not modules
		if node.value.startswith("tiep_xuc_doi_thoai.") and " " not in node.value and not is_asset:
			yield node.value
	for child in ast.iter_child_nodes(node):
		yield from _dotted_values(child)


def test_hooks_point_at_real_functions():
	tree = ast.parse((APP / "hooks.py").read_text())
	paths = list(_dotted_values(tree))
	assert any(p.endswith("after_install") for p in paths)
	for dotted in paths:
		module, func = dotted.rsplit(".", 1)
		assert func in _defined_functions(module), f"hooks.py: {dotted} does not exist"


def test_hooks_assign_each_hook_once():
	"""A second ``doc_events = {...}`` (e.g. from a merge) silently replaces the first and
	drops its hooks; each hook name is assigned once."""
	tree = ast.parse((APP / "hooks.py").read_text())
	names = [
		t.id
		for node in tree.body
		if isinstance(node, ast.Assign)
		for t in node.targets
		if isinstance(t, ast.Name)
	]
	twice = sorted({n for n in names if names.count(n) > 1})
	assert not twice, f"hooks.py assigns {twice} more than once"


def test_patches_exist_and_execute():
	lines = [l.strip() for l in (APP / "patches.txt").read_text().splitlines()]
	patches = [l for l in lines if l and not l.startswith(("#", "["))]
	assert patches
	for patch in patches:
		assert "execute" in _defined_functions(patch.split()[0]), patch


def test_number_cards_count_real_fields():
	files = standard_files("number_card")
	assert files
	for path in files:
		card = load_json(path)
		assert card["document_type"] in DOCTYPES, path.name
		fields = {f["fieldname"]: f for f in DOCTYPES[card["document_type"]]["fields"]}
		for _dt, field, _op, value in json.loads(card["filters_json"]):
			assert field in fields, f"{path.name}: {field}"
			if fields[field]["fieldtype"] == "Select":
				options = fields[field]["options"].split("\n")
				for v in value if isinstance(value, list) else [value]:
					assert v in options, f"{path.name}: {v} is not an option of {field}"


def test_reports_point_at_app_doctypes_and_roles():
	for path in standard_files("report"):
		report = load_json(path)
		assert report["ref_doctype"] in known_doctypes(), path.name
		assert report["roles"], path.name
		for role in report["roles"]:
			assert role["role"] in known_roles(), path.name
		if report["report_type"] == "Script Report":
			assert (path.parent / f"{path.stem}.py").exists(), path.name
