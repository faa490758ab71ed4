"""Petition rules without a site: ID numbers, markup, tracking codes, deadlines, workflow."""

import pytest

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core.deadlines import COMPLEXITY_OPTIONS, Event
from tiep_xuc_doi_thoai.setup.workflow_petition import PETITION_WORKFLOW


@pytest.mark.parametrize(
	("value", "problem"),
	[
		("", None),
		(None, None),
		("123456789", None),
		("001099012345", None),
		("001 099 012 345", None),
		("12345", "bad_length"),
		("0010990123456", "bad_length"),
		("00109901234X", "not_digits"),
	],
)
def test_id_numbers(value, problem):
	assert petition_rules.id_number_problem(value) == problem


@pytest.mark.parametrize(
	"text",
	[
		"<script>alert(1)</script>",
		"<b>x</b>",
		"<img src=x onerror=alert(1)>",
		"JavaScript:alert(1)",
		"a onclick = 'x'",
		"&lt;script&gt;",
		"<!-- x -->",
		"< svg/onload=alert(1)>",
	],
)
def test_markup_is_detected(text):
	assert petition_rules.contains_markup(text)


@pytest.mark.parametrize(
	"text", ["Diện tích < 50 m2", "Giá 3<5 triệu", "Đường số 1 -> thôn 2", "", None, "Email: a@b.vn"]
)
def test_plain_text_is_not_markup(text):
	assert not petition_rules.contains_markup(text)


def test_tracking_codes():
	codes = {petition_rules.new_tracking_code() for _ in range(2000)}
	assert len(codes) == 2000
	code = codes.pop()
	assert len(code) == petition_rules.TRACKING_LENGTH >= 10
	assert not set(code) & set("0O1IL5S2Z8B")
	shown = petition_rules.format_tracking_code(code)
	assert petition_rules.normalize_tracking_code(shown.lower()) == code
	for bad in (None, "", "%", "' OR 1=1 --", code[:-1], code + "A", "0" * 12, "x" * 1000):
		assert petition_rules.normalize_tracking_code(bad) is None


def test_deadline_plans_use_the_engine_events():
	assert petition_rules.deadline_plan(petition_rules.RECOMMENDATION) == petition_rules.DeadlinePlan(
		None, Event.PETITION_ANSWER
	)
	assert petition_rules.deadline_plan(petition_rules.FEEDBACK).answer == Event.PETITION_ANSWER
	assert petition_rules.deadline_plan(petition_rules.COMPLAINT) == petition_rules.DeadlinePlan(
		Event.COMPLAINT_ACCEPTANCE, Event.COMPLAINT_RESOLUTION
	)
	assert petition_rules.deadline_plan(petition_rules.DENUNCIATION) == petition_rules.DeadlinePlan(
		Event.DENUNCIATION_ACCEPTANCE, Event.DENUNCIATION_RESOLUTION
	)
	assert {"Normal", "Complex"} <= set(COMPLEXITY_OPTIONS)


def test_state_requirements():
	assert petition_rules.missing_for_state(petition_rules.NOT_ACCEPTED, {"not_accepted_reason": "  "}) == [
		"not_accepted_reason"
	]
	assert petition_rules.missing_for_state(petition_rules.ASSIGNED, {"responsible_unit": "X"}) == []
	assert petition_rules.missing_for_state(petition_rules.ANSWERED, {}) == ["answer"]
	assert petition_rules.missing_for_state(petition_rules.RECEIVED, {}) == []


def test_workflow_states_match_the_rules():
	assert PETITION_WORKFLOW.problems() == []
	assert set(petition_rules.STATE_REQUIREMENTS) <= set(PETITION_WORKFLOW.state_names)
	assert set(petition_rules.PUBLIC_STATUS) == set(PETITION_WORKFLOW.state_names)
	assert all(s.doc_status == 0 for s in PETITION_WORKFLOW.states)
	reopen = [t for t in PETITION_WORKFLOW.transitions if t.state == petition_rules.CLOSED]
	assert reopen and all(t.next_state == petition_rules.CLASSIFIED for t in reopen)


def test_subject():
	assert petition_rules.subject_from_content("  Ngắn  gọn ") == "Ngắn gọn"
	long = "từ " * 100
	assert len(petition_rules.subject_from_content(long)) <= 91
