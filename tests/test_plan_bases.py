"""A plan's legal bases open with "Căn cứ" or, chosen per plan, "Thực hiện" (seed 003)."""

import json
from inspect import signature

from tests.apptree import APP, MODULE, load_json
from tiep_xuc_doi_thoai.core.document_parts import legal_basis_lines, plan_parts

ROWS = [
	{"basis": "Luật Tiếp công dân năm 2013"},
	{"basis": "Kết luận số 116-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang."},
	{"basis": "Theo đề nghị của Văn phòng"},
]


def test_bases_open_with_can_cu_by_default():
	assert legal_basis_lines(ROWS) == [
		"Căn cứ Luật Tiếp công dân năm 2013;",
		"Căn cứ Kết luận số 116-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang;",
		"Theo đề nghị của Văn phòng;",
	]


def test_a_plan_may_open_them_with_thuc_hien():
	lines = legal_basis_lines(ROWS, "Thực hiện")
	assert lines[:2] == [
		"Thực hiện Luật Tiếp công dân năm 2013;",
		"Thực hiện Kết luận số 116-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy Bắc Giang;",
	]
	assert lines[2] == "Theo đề nghị của Văn phòng;"  # a line with its own lead keeps it


def test_the_plan_parts_use_the_plans_choice():
	seed = json.loads(
		(APP.parent / "tiep_xuc_doi_thoai" / "tests" / "seed_plans" / "seed_003.json").read_text()
	)
	assert seed["plan"]["basis_lead"] == "Thực hiện"
	# plan_parts takes a label function as well on branches with translation contexts
	extra = (lambda value, _context=None: value,) if len(signature(plan_parts).parameters) > 1 else ()
	bases = plan_parts(seed["plan"], *extra)["bases"]
	assert bases and all(line.startswith("Thực hiện ") for line in bases)


def test_the_choice_is_a_select_on_dialogue_plan():
	doctype = load_json(MODULE / "doctype" / "dialogue_plan" / "dialogue_plan.json")
	field = next(f for f in doctype["fields"] if f["fieldname"] == "basis_lead")
	assert field["fieldtype"] == "Select"
	assert field["options"].split("\n") == ["Căn cứ", "Thực hiện"]
	assert field["default"] == "Căn cứ"
