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
