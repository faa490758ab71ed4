"""Deadline rules as data: computing due dates and resolving the rule in force."""

import datetime as dt

import pytest

from tiep_xuc_doi_thoai.core.deadline_defaults import DEFAULT_RULES
from tiep_xuc_doi_thoai.core.deadlines import (
	ANY,
	AREA_REMOTE,
	COMPLEXITY_COMPLEX,
	DayKind,
	DeadlineRule,
	Direction,
	Event,
	NoRuleError,
	compute_due_date,
	conflicting_rules,
	days_left,
	resolve_rule,
)

D = dt.date
W, C = DayKind.WORKING, DayKind.CALENDAR


def test_default_rule_codes_are_unique_and_events_known():
	codes = [r.code for r in DEFAULT_RULES]
	assert len(codes) == len(set(codes))
	assert {r.event for r in DEFAULT_RULES} == {e.value for e in Event}
	for rule in DEFAULT_RULES:
		assert rule.days > 0 and rule.legal_basis
		assert conflicting_rules(rule, DEFAULT_RULES) == []


@pytest.mark.parametrize(
	("event", "complexity", "area", "received", "due"),
	[
		# written answer: 15 working days, complex 30 (seed 000)
		(Event.PETITION_ANSWER, "Normal", "Normal", D(2026, 2, 10), D(2026, 3, 10)),
		(Event.PETITION_ANSWER, COMPLEXITY_COMPLEX, "Normal", D(2026, 2, 10), D(2026, 3, 31)),
		# complaint resolution: 30 calendar days; Sat 14/3 ... 30 days from 12/2 = Sat 14/3 -> Mon 16/3
		(Event.COMPLAINT_RESOLUTION, "Normal", "Normal", D(2026, 2, 12), D(2026, 3, 16)),
		(Event.COMPLAINT_RESOLUTION, "Normal", AREA_REMOTE, D(2026, 2, 12), D(2026, 3, 30)),
		(Event.COMPLAINT_RESOLUTION, COMPLEXITY_COMPLEX, AREA_REMOTE, D(2026, 2, 12), D(2026, 4, 13)),
		# denunciation accepted within 7 working days, over the 24/11 holiday
		(Event.DENUNCIATION_ACCEPTANCE, "Normal", "Normal", D(2026, 11, 20), D(2026, 12, 2)),
	],
)
def test_default_rules_give_legal_due_dates(calendar, event, complexity, area, received, due):
	rule = resolve_rule(DEFAULT_RULES, event.value, received, complexity, area)
	assert rule.due_date(received, calendar) == due


def test_conference_deadlines_before_and_after(calendar):
	conference = D(2026, 3, 16)  # Monday
	notice = resolve_rule(DEFAULT_RULES, Event.CONFERENCE_NOTICE.value, conference)
	assert notice.due_date(conference, calendar) == D(2026, 3, 5)  # 7 working days before
	opinions = resolve_rule(DEFAULT_RULES, Event.CONFERENCE_OPINIONS.value, conference)
	assert opinions.due_date(conference, calendar) == D(2026, 3, 6)  # Fri, 10 days before
	review = resolve_rule(DEFAULT_RULES, Event.CONFERENCE_REVIEW.value, conference)
	assert review.due_date(conference, calendar) == D(2026, 3, 23)
	conclusion = resolve_rule(DEFAULT_RULES, Event.CONFERENCE_CONCLUSION_NOTICE.value, conference)
	assert conclusion.due_date(conference, calendar) == D(2026, 3, 25)


def test_conference_notice_before_tet(calendar):
	# A conference on Thu 18/2/2027 needs notice 7 working days before: Tết 4-10/2 does not count.
	assert compute_due_date(D(2027, 2, 18), 7, W, Direction.BEFORE, calendar) == D(2027, 2, 2)


def test_extensions_add_the_rule_extension_days(calendar):
	rule = resolve_rule(DEFAULT_RULES, Event.DENUNCIATION_RESOLUTION.value, D(2026, 3, 2))
	assert rule.max_extensions == 2
	assert rule.due_date(D(2026, 3, 2), calendar) == D(2026, 4, 1)
	assert rule.due_date(D(2026, 3, 2), calendar, extensions=1) == D(2026, 5, 4)  # 1/5 Fri hol., weekend


def _rule(code, days, **kw):
	return DeadlineRule(code, Event.PETITION_ANSWER.value, days, **kw)


def test_resolution_across_an_effective_date():
	old = _rule("old", 15, effective_to=D(2026, 6, 30))
	new = _rule("new", 10, effective_from=D(2026, 7, 1))
	rules = [old, new]
	assert resolve_rule(rules, Event.PETITION_ANSWER.value, D(2026, 6, 30)).code == "old"
	assert resolve_rule(rules, Event.PETITION_ANSWER.value, D(2026, 7, 1)).code == "new"


def test_later_effective_from_wins_when_open_ended():
	base = _rule("base", 15)
	amended = _rule("amended", 12, effective_from=D(2026, 7, 1))
	assert resolve_rule([base, amended], Event.PETITION_ANSWER.value, D(2026, 6, 1)).code == "base"
	assert resolve_rule([base, amended], Event.PETITION_ANSWER.value, D(2026, 8, 1)).code == "amended"


def test_more_specific_rule_wins():
	rules = [
		_rule("general", 15),
		_rule("complex", 30, complexity=COMPLEXITY_COMPLEX),
		_rule("province", 12, unit="UBND tỉnh"),
		_rule("commune", 10, unit="UBND xã A"),
	]
	on = D(2026, 5, 5)
	ev = Event.PETITION_ANSWER.value
	assert resolve_rule(rules, ev, on).code == "general"
	assert resolve_rule(rules, ev, on, complexity=COMPLEXITY_COMPLEX).code == "complex"
	assert resolve_rule(rules, ev, on, units=["UBND tỉnh"]).code == "province"
	assert resolve_rule(rules, ev, on, units=["UBND xã A", "UBND tỉnh"]).code == "commune"
	assert resolve_rule(rules, ev, on, units=["UBND xã B", "UBND tỉnh"]).code == "province"


def test_disabled_and_expired_rules_are_ignored():
	rules = [_rule("off", 5, enabled=False), _rule("past", 5, effective_to=D(2020, 1, 1))]
	with pytest.raises(NoRuleError):
		resolve_rule(rules, Event.PETITION_ANSWER.value, D(2026, 1, 5))


def test_conflicting_rules_need_same_scope_and_overlap():
	a = _rule("a", 15, effective_from=D(2026, 1, 1))
	assert conflicting_rules(_rule("b", 10), [a]) == [a]  # open-ended overlaps everything
	assert conflicting_rules(_rule("c", 10, effective_to=D(2025, 12, 31)), [a]) == []
	assert conflicting_rules(_rule("d", 10, complexity=COMPLEXITY_COMPLEX), [a]) == []
	assert conflicting_rules(_rule("e", 10, unit="X"), [a]) == []
	assert conflicting_rules(_rule("f", 10, enabled=False), [a]) == []
	assert conflicting_rules(a, [a]) == []  # itself


def test_negative_days_refused(calendar):
	with pytest.raises(ValueError):
		compute_due_date(D(2026, 1, 5), -1, C, Direction.AFTER, calendar)


def test_days_left(calendar):
	assert days_left(D(2026, 2, 23), D(2026, 2, 13), calendar) == 1
	assert days_left(D(2026, 2, 13), D(2026, 2, 23), calendar) == -1
	assert days_left(D(2026, 3, 2), D(2026, 3, 2), calendar) == 0
	assert ANY == "Any"
