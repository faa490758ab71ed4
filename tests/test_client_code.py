"""Client code where a Frappe engineer looks for it: each doctype's form and list code in its
doctype folder, what several doctypes share in one bundle loaded once (app_include_js), and
nothing in that bundle that registers a form or list handler (so nothing runs twice)."""

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "tiep_xuc_doi_thoai"
BUNDLE = APP / "public" / "js" / "tiep_xuc_doi_thoai.bundle.js"
DOCTYPES = APP / "tiep_xuc_doi_thoai" / "doctype"


def hooks() -> dict:
	tree = ast.parse((APP / "hooks.py").read_text())
	return {
		target.id: node.value
		for node in tree.body
		if isinstance(node, ast.Assign)
		for target in node.targets
		if isinstance(target, ast.Name)
	}


def test_the_shared_bundle_is_included_once():
	values = hooks()
	assert ast.literal_eval(values["app_include_js"]) == "tiep_xuc_doi_thoai.bundle.js"
	assert BUNDLE.exists()
	assert (APP / "public" / ".gitkeep").exists()


def test_no_form_or_list_code_through_hooks():
	values = hooks()
	assert "doctype_js" not in values and "doctype_list_js" not in values
	assert sorted(p.name for p in (APP / "public" / "js").glob("*.js")) == [BUNDLE.name]


def test_the_bundle_registers_no_handler():
	source = BUNDLE.read_text()
	assert "frappe.ui.form.on(" not in source
	assert not re.search(r"listview_settings\[", source)


def test_each_doctype_script_handles_its_own_doctype():
	for script in DOCTYPES.glob("*/*.js"):
		folder = script.parent.name
		if not (script.name == f"{folder}.js"):
			continue
		for doctype in re.findall(r'frappe\.ui\.form\.on\("([^"]+)"', script.read_text()):
			own = doctype.lower().replace(" ", "_") == folder
			child = (DOCTYPES / doctype.lower().replace(" ", "_")).is_dir()
			assert own or child, f"{script.name} registers a handler for {doctype}"
