"""Rules of the conference day: recording, publishing, names in public, the minutes draft."""

import datetime as dt

import pytest

from tiep_xuc_doi_thoai.core import conference_day
from tiep_xuc_doi_thoai.core.petitions import COMPLAINT, DENUNCIATION, RECOMMENDATION, identity_is_secret


@pytest.mark.parametrize(
	"status, record, publish",
	[
		("Planned", False, False),
		("Announced", True, False),
		("Held", True, False),
		("Concluded", False, True),
		("Closed", False, True),
		("Cancelled", False, False),
		(None, False, False),
	],
)
def test_what_each_status_allows(status, record, publish):
	assert (conference_day.may_record(status), conference_day.may_publish(status)) == (record, publish)


def test_a_speech_is_never_received_on_a_day_to_come():
	day = dt.date(2026, 5, 4)
	assert conference_day.received_date(day, dt.date(2026, 5, 6)) == day
	assert conference_day.received_date(day, dt.date(2026, 5, 1)) == dt.date(2026, 5, 1)


@pytest.mark.parametrize(
	"key, ok",
	[("a1b2-c3_d4", True), ("", False), (None, False), ("x" * 65, False), ("a b", False), ("<x>", False)],
)
def test_client_keys(key, ok):
	assert (conference_day.clean_client_key(key) is not None) == ok


def test_names_in_public_need_consent_and_never_a_denouncer():
	assert (
		conference_day.public_name("Nguyễn Văn A", True, identity_is_secret(RECOMMENDATION)) == "Nguyễn Văn A"
	)
	assert conference_day.public_name("Nguyễn Văn A", False, identity_is_secret(COMPLAINT)) is None
	assert conference_day.public_name("Nguyễn Văn A", True, identity_is_secret(DENUNCIATION)) is None
	assert not conference_day.may_appear_publicly(identity_is_secret(DENUNCIATION))
	assert conference_day.may_appear_publicly(identity_is_secret(COMPLAINT))
	# a complaint whose identity an officer flagged secret is secret too
	assert not conference_day.may_appear_publicly(identity_is_secret(COMPLAINT, flagged=1))


def test_publication_against_the_deadline():
	due = dt.date(2026, 3, 26)
	assert conference_day.publication_timing(dt.date(2026, 3, 26), due).on_time is True
	late = conference_day.publication_timing(dt.date(2026, 3, 30), due)
	assert (late.on_time, late.days_late) == (False, 4)
	assert conference_day.publication_timing(dt.date(2026, 3, 30), None).on_time is None


def test_minutes_follow_the_programme_and_escape_what_was_typed():
	m = conference_day.MinutesInput(
		topic="Đất đai",
		chair="Ông Chủ",
		secretary="Bà Ký",
		attendance=[("Cử tri", 50), ("Đại biểu", 10)],
		total_attendance=60,
		speeches=[
			conference_day.Speech("Người A", "Thôn 1", "Đường hỏng", answer="Sẽ sửa <ngay>"),
			conference_day.Speech(
				"Người B", "", "Sổ đỏ", to_resolve="Kiểm tra hồ sơ", unit="Phòng KT", due=dt.date(2026, 4, 5)
			),
		],
	)
	html = conference_day.draft_minutes(m)
	steps = [
		"Khai mạc",
		"Ông Chủ",
		"Bà Ký",
		"Cử tri: 50",
		"Đất đai",
		"1. Người A (Thôn 1)",
		"Sẽ sửa &lt;ngay&gt;",
	]
	steps += [
		"2. Người B",
		"(đơn vị giải quyết: Phòng KT; thời hạn: 05/4/2026)",
		"Kết luận",
		"tại hội nghị: 1",
		"Bế mạc",
	]
	positions = [html.find(s) for s in steps]
	assert -1 not in positions, dict(zip(steps, positions, strict=True))
	assert positions == sorted(positions)
	assert "<ngay>" not in html


def test_minutes_without_speeches():
	assert "Không có ý kiến phát biểu" in conference_day.draft_minutes(
		conference_day.MinutesInput("x", "", "")
	)


def test_a_denunciation_in_the_minutes_names_nobody():
	m = conference_day.MinutesInput(
		"x",
		"Chủ",
		"Ký",
		speeches=[
			conference_day.Speech(
				"Người Tố Cáo", "Thôn 9", "Cán bộ A nhận tiền", to_resolve="Xác minh cán bộ A", secret=True
			)
		],
	)
	html = conference_day.draft_minutes(m)
	assert "1. Một công dân phát biểu nội dung tố cáo" in html
	for hidden in ("Người Tố Cáo", "Thôn 9", "Cán bộ A"):
		assert hidden not in html
