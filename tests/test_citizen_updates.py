"""Which changes of a petition tell the citizen, the once-only key, contact checks, masks and
the signed opt-out token (core.citizen_updates), and the publishable open figures
(core.open_figures)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.core import open_figures
from tiep_xuc_doi_thoai.core import petitions as petition_rules

E = update_rules.Event


def test_a_new_petition_is_received():
	assert update_rules.events_for_save(None, {"status": petition_rules.RECEIVED}) == [E.RECEIVED]


def test_each_public_move_is_one_event():
	assert update_rules.events_for_save(
		{"status": petition_rules.CLASSIFIED}, {"status": petition_rules.ASSIGNED}
	) == [E.ASSIGNED]
	assert update_rules.events_for_save(
		{"status": petition_rules.CLASSIFIED}, {"status": petition_rules.FORWARDED}
	) == [E.FORWARDED]
	assert (
		update_rules.events_for_save(
			{"status": petition_rules.RECEIVED}, {"status": petition_rules.CLASSIFIED}
		)
		== []
	)
	assert (
		update_rules.events_for_save(
			{"status": petition_rules.ASSIGNED}, {"status": petition_rules.ASSIGNED, "subject": "x"}
		)
		== []
	)


def test_an_answer_published_asks_whether_it_satisfied():
	after = {"status": petition_rules.ANSWERED, "answer": "Đã xử lý", "publish_answer": 1}
	assert update_rules.events_for_save({"status": petition_rules.ASSIGNED}, after) == [
		E.ANSWERED,
		E.SATISFACTION,
	]
	unpublished = {**after, "publish_answer": 0}
	assert update_rules.events_for_save({"status": petition_rules.ASSIGNED}, unpublished) == [E.ANSWERED]
	# publishing later asks then, and only once
	assert update_rules.events_for_save(unpublished, after) == [E.SATISFACTION]
	assert update_rules.events_for_save(after, after) == []


def test_the_key_makes_a_message_once_per_answer():
	first = update_rules.message_key(
		"YK-1",
		E.ANSWERED,
		update_rules.Channel.SMS,
		update_rules.occasion(E.ANSWERED, {"answered_on": "2026-01-02"}),
	)
	again = update_rules.message_key(
		"YK-1",
		E.ANSWERED,
		update_rules.Channel.SMS,
		update_rules.occasion(E.ANSWERED, {"answered_on": "2026-01-02"}),
	)
	later = update_rules.message_key(
		"YK-1",
		E.ANSWERED,
		update_rules.Channel.SMS,
		update_rules.occasion(E.ANSWERED, {"answered_on": "2026-03-02"}),
	)
	assert first == again != later
	assert update_rules.message_key("YK-1", E.RECEIVED, update_rules.Channel.SMS) != update_rules.message_key(
		"YK-1", E.RECEIVED, update_rules.Channel.EMAIL
	)


def test_contacts_are_checked():
	assert update_rules.contact_problem("0912 345 678", "", True) is None
	assert update_rules.contact_problem("12ab", "", True) == "bad_phone"
	assert update_rules.contact_problem("", "khong-phai@", True) == "bad_email"
	assert update_rules.contact_problem("", "", True) == "no_contact"
	assert update_rules.contact_problem("", "", False) is None
	assert update_rules.email_problem("Cong.Dan@Example.COM") is None


def test_staff_see_masked_contacts():
	assert update_rules.mask_phone("0912 345 678") == "091****678"
	assert update_rules.mask_email("cong.dan@example.com") == "c***@example.com"


def test_the_stop_token_is_signed():
	token = update_rules.stop_token("key", "abc123")
	assert update_rules.read_stop_token("key", token) == "abc123"
	assert update_rules.read_stop_token("other key", token) is None
	assert update_rules.read_stop_token("key", "abc124." + token.split(".")[1]) is None
	assert update_rules.read_stop_token("key", "") is None


def test_small_counts_are_suppressed():
	assert [open_figures.suppress(n, 5) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]
	assert open_figures.suppress(3, 1) == 3


def figures(**values):
	base = dict(
		opinions_received=12,
		by_channel=[("Trực tuyến", 9), ("Qua bưu điện", 3)],
		by_type=[("Kiến nghị", 11), ("Tố cáo", 1)],
		by_category=[("Đất đai", 12)],
		answered_on_time=8,
		answered_late=2,
		still_open=2,
		forwarded=0,
		dialogues_required=4,
		dialogues_held_in_year=2,
		dialogues_by_finish=2,
		plan_on_time=True,
	)
	return SimpleNamespace(**{**base, **values})


def test_publishable_figures_have_no_small_counts_and_a_licence():
	units = {
		"Phòng Kinh tế": {"received": 10, "answered": 9, "answered_on_time": 8},
		"Công an xã": {"received": 2, "answered": 1},
	}
	data = open_figures.publishable(
		agency="UBND xã",
		year=2026,
		figures=figures(),
		months=[0, 12] + [0] * 10,
		months_by_channel=[{"month": "01/2026", "online": 2, "total": 2}],
		units=units,
		assignment_rates=[{"unit": "Phòng Kinh tế", "total": 6, "on_time_rate": 50.0}],
		k=5,
		built_on=dt.date(2026, 12, 1),
	)
	kinds = {i["label"]: i["count"] for i in data["opinions"]["by_kind"]}
	assert kinds == {"Kiến nghị": 11, "Tố cáo": None}
	small = next(u for u in data["units"] if u["unit"] == "Công an xã")
	assert small["share_answered"] is None and small["received"] is None
	big = next(u for u in data["units"] if u["unit"] == "Phòng Kinh tế")
	assert (big["share_answered"], big["share_on_time"]) == (90.0, 88.9)
	assert data["opinions"]["by_channel_and_month"] == [{"month": "01/2026", "online": None, "total": None}]
	rows = open_figures.csv_rows(data)
	assert rows[0] == open_figures.CSV_HEADER
	assert ("opinions_by_kind", "Tố cáo", "", "") in rows
	assert data["licence"] == open_figures.LICENCE


def test_per_unit_uses_the_results_annex_rule():
	rows = [
		{
			"responsible_unit": "A",
			"status": petition_rules.ANSWERED,
			"answered_on": "2026-01-05",
			"due_date": "2026-01-10",
		},
		{
			"responsible_unit": "A",
			"status": petition_rules.ANSWERED,
			"answered_on": "2026-01-15",
			"due_date": "2026-01-10",
		},
		{"responsible_unit": "A", "status": petition_rules.ASSIGNED, "due_date": "2026-01-10"},
	]
	assert open_figures.per_unit(rows, dt.date(2026, 2, 1)) == {
		"A": {"received": 3, "answered": 2, "answered_on_time": 1, "answered_late": 1, "overdue": 1}
	}
	units = open_figures.publishable(
		agency="x",
		year=2026,
		figures=figures(),
		months=[0] * 12,
		months_by_channel=[],
		units=open_figures.per_unit(rows, dt.date(2026, 2, 1)),
		assignment_rates=[],
		k=1,
		built_on=dt.date(2026, 12, 1),
	)["units"]
	# the one on-time rate: on time / (on time + late + open past the deadline)
	assert units[0]["share_on_time"] == 33.3
	assert (
		open_figures.by_month([{"received_date": "2026-02-01"}, {"received_date": dt.date(2026, 2, 3)}])[1]
		== 2
	)
