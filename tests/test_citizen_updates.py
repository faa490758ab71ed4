"""Which changes of a petition tell the citizen, the once-only key, contact checks, masks and
the signed opt-out token (core.citizen_updates), and the publishable open figures
(core.open_figures)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tiep_xuc_doi_thoai.core import citizen_updates as U
from tiep_xuc_doi_thoai.core import petitions as P
from tiep_xuc_doi_thoai.core import open_figures as O

E = U.Event


def test_a_new_petition_is_received():
	assert U.events_for_save(None, {"status": P.RECEIVED}) == [E.RECEIVED]


def test_each_public_move_is_one_event():
	assert U.events_for_save({"status": P.CLASSIFIED}, {"status": P.ASSIGNED}) == [E.ASSIGNED]
	assert U.events_for_save({"status": P.CLASSIFIED}, {"status": P.FORWARDED}) == [E.FORWARDED]
	assert U.events_for_save({"status": P.RECEIVED}, {"status": P.CLASSIFIED}) == []
	assert U.events_for_save({"status": P.ASSIGNED}, {"status": P.ASSIGNED, "subject": "x"}) == []


def test_an_answer_published_asks_whether_it_satisfied():
	after = {"status": P.ANSWERED, "answer": "Đã xử lý", "publish_answer": 1}
	assert U.events_for_save({"status": P.ASSIGNED}, after) == [E.ANSWERED, E.SATISFACTION]
	unpublished = {**after, "publish_answer": 0}
	assert U.events_for_save({"status": P.ASSIGNED}, unpublished) == [E.ANSWERED]
	# publishing later asks then, and only once
	assert U.events_for_save(unpublished, after) == [E.SATISFACTION]
	assert U.events_for_save(after, after) == []


def test_the_key_makes_a_message_once_per_answer():
	first = U.message_key(
		"YK-1", E.ANSWERED, U.Channel.SMS, U.occasion(E.ANSWERED, {"answered_on": "2026-01-02"})
	)
	again = U.message_key(
		"YK-1", E.ANSWERED, U.Channel.SMS, U.occasion(E.ANSWERED, {"answered_on": "2026-01-02"})
	)
	later = U.message_key(
		"YK-1", E.ANSWERED, U.Channel.SMS, U.occasion(E.ANSWERED, {"answered_on": "2026-03-02"})
	)
	assert first == again != later
	assert U.message_key("YK-1", E.RECEIVED, U.Channel.SMS) != U.message_key(
		"YK-1", E.RECEIVED, U.Channel.EMAIL
	)


def test_contacts_are_checked():
	assert U.contact_problem("0912 345 678", "", True) is None
	assert U.contact_problem("12ab", "", True) == "bad_phone"
	assert U.contact_problem("", "khong-phai@", True) == "bad_email"
	assert U.contact_problem("", "", True) == "no_contact"
	assert U.contact_problem("", "", False) is None
	assert U.email_problem("Cong.Dan@Example.COM") is None


def test_staff_see_masked_contacts():
	assert U.mask_phone("0912 345 678") == "091****678"
	assert U.mask_email("cong.dan@example.com") == "c***@example.com"


def test_the_stop_token_is_signed():
	token = U.stop_token("key", "abc123")
	assert U.read_stop_token("key", token) == "abc123"
	assert U.read_stop_token("other key", token) is None
	assert U.read_stop_token("key", "abc124." + token.split(".")[1]) is None
	assert U.read_stop_token("key", "") is None


def test_small_counts_are_suppressed():
	assert [O.suppress(n, 5) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]
	assert O.suppress(3, 1) == 3


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
	data = O.publishable(
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
	rows = O.csv_rows(data)
	assert rows[0] == O.CSV_HEADER
	assert ("opinions_by_kind", "Tố cáo", "", "") in rows
	assert data["licence"] == O.LICENCE


def test_per_unit_uses_the_results_annex_rule():
	rows = [
		{
			"responsible_unit": "A",
			"status": P.ANSWERED,
			"answered_on": "2026-01-05",
			"due_date": "2026-01-10",
		},
		{
			"responsible_unit": "A",
			"status": P.ANSWERED,
			"answered_on": "2026-01-15",
			"due_date": "2026-01-10",
		},
		{"responsible_unit": "A", "status": P.ASSIGNED, "due_date": "2026-01-10"},
	]
	assert O.per_unit(rows, dt.date(2026, 2, 1)) == {
		"A": {"received": 3, "answered": 2, "answered_on_time": 1, "answered_late": 1, "overdue": 1}
	}
	units = O.publishable(
		agency="x",
		year=2026,
		figures=figures(),
		months=[0] * 12,
		months_by_channel=[],
		units=O.per_unit(rows, dt.date(2026, 2, 1)),
		assignment_rates=[],
		k=1,
		built_on=dt.date(2026, 12, 1),
	)["units"]
	# the one on-time rate: on time / (on time + late + open past the deadline)
	assert units[0]["share_on_time"] == 33.3
	assert O.by_month([{"received_date": "2026-02-01"}, {"received_date": dt.date(2026, 2, 3)}])[1] == 2
