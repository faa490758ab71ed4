"""The workflow spec checker itself, and every workflow the app ships against its doctype."""

from __future__ import annotations

import ast

import pytest

from tests.apptree import APP, doctypes, known_roles
from tiep_xuc_doi_thoai.core.workflow_spec import State, Transition, WorkflowSpec


def shipped_specs() -> list[WorkflowSpec]:
	"""Import the modules named in setup/workflows.py WORKFLOW_MODULES (frappe-free data)."""
	import importlib

	tree = ast.parse((APP / "setup" / "workflows.py").read_text())
	paths: list[str] = []
	for node in tree.body:
		if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "WORKFLOW_MODULES":
			paths = [elt.value for elt in node.value.elts]
	specs = []
	for path in paths:
		module, attr = path.rsplit(".", 1)
		specs.extend(getattr(importlib.import_module(module), attr))
	return specs


def test_checker_finds_problems():
	bad = WorkflowSpec(
		"Bad",
		"X",
		(State("Draft", 0, "R"), State("Approved", 1, "R"), State("Lost", 0, "R"), State("Back", 0, "R")),
		(
			Transition("Draft", "Approve", "Approved", "R"),
			Transition("Approved", "Reopen", "Back", "R"),  # 1 -> 0 is not allowed
			Transition("Draft", "Go", "Nowhere", "R"),
		),
	)
	problems = "\n".join(bad.problems())
	assert "unknown state Nowhere" in problems
	assert "doc status 1 -> 0" in problems
	assert "Lost cannot be reached" in problems


def test_a_good_spec_has_no_problems():
	good = WorkflowSpec(
		"Good",
		"X",
		(State("Draft", 0, "R"), State("Done", 1, "R")),
		(Transition("Draft", "Finish", "Done", "R"),),
	)
	assert good.problems() == []


@pytest.mark.parametrize("spec", shipped_specs(), ids=lambda s: s.name)
def test_shipped_workflow_is_sound(spec):
	assert spec.problems() == []
	d = doctypes().get(spec.document_type)
	assert d, f"{spec.name}: {spec.document_type} is not a doctype of the app"
	fields = {f["fieldname"]: f for f in d["fields"]}
	assert spec.state_field in fields, f"{spec.name}: no field {spec.state_field}"
	assert fields[spec.state_field]["fieldtype"] == "Link"
	assert fields[spec.state_field]["options"] == "Workflow State"
	for role in spec.roles:
		assert role in known_roles(), f"{spec.name}: unknown role {role}"
	for s in spec.states:
		if s.update_field:
			assert s.update_field in fields, f"{spec.name}: update_field {s.update_field}"
	if any(s.doc_status for s in spec.states):
		assert d.get("is_submittable"), f"{spec.name}: submitted states need a submittable doctype"


# The doctypes whose logic keys on a fixed status that the workflow sets (Update Field).
STATUS_KEYED = ("Dialogue Plan", "Dialogue Conference", "Citizen Petition", "Petition Assignment")


@pytest.mark.parametrize(
	"spec", [s for s in shipped_specs() if s.document_type in STATUS_KEYED], ids=lambda s: s.name
)
def test_every_state_sets_the_fixed_status(spec):
	"""An administrator may rename a state or add one; the code reads ``status``, which each
	shipped state sets to a value the field offers, so a renamed state keeps working."""
	fields = {f["fieldname"]: f for f in doctypes()[spec.document_type]["fields"]}
	options = fields["status"]["options"].split("\n")
	for s in spec.states:
		assert (s.update_field, s.update_value in options) == ("status", True), f"{spec.name}: {s.name}"
	if doctypes()[spec.document_type].get("is_submittable"):
		assert fields["status"].get("allow_on_submit"), "a submitted document's status must change"


@pytest.mark.parametrize("name", sorted(doctypes()), ids=str)
def test_every_permission_level_has_default_rows(name):
	"""A field put on a permission level (a right such as changing a due date) ships with
	default Role Permission rows at that level, so an installed site behaves as before and an
	administrator has rows to edit in Role Permissions Manager."""
	d = doctypes()[name]
	if d.get("istable"):
		return
	levels = {int(f.get("permlevel") or 0) for f in d["fields"]}
	for table in (f["options"] for f in d["fields"] if f["fieldtype"] in ("Table", "Table MultiSelect")):
		child = doctypes().get(table)
		if child:
			levels |= {int(f.get("permlevel") or 0) for f in child["fields"]}
	ruled = {int(p.get("permlevel") or 0) for p in d.get("permissions", [])}
	assert levels <= ruled, f"{name}: levels {sorted(levels - ruled)} have no permission rows"
