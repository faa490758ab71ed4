"""Rules of the conference day: recording, publishing, names in public, the minutes draft."""

import datetime as dt

import pytest

from tiep_xuc_doi_thoai.core import conference_day as CD
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
	assert (CD.may_record(status), CD.may_publish(status)) == (record, publish)


def test_a_speech_is_never_received_on_a_day_to_come():
	day = dt.date(2026, 5, 4)
	assert CD.received_date(day, dt.date(2026, 5, 6)) == day
	assert CD.received_date(day, dt.date(2026, 5, 1)) == dt.date(2026, 5, 1)


@pytest.mark.parametrize(
	"key, ok",
	[("a1b2-c3_d4", True), ("", False), (None, False), ("x" * 65, False), ("a b", False), ("<x>", False)],
)
def test_client_keys(key, ok):
	assert (CD.clean_client_key(key) is not None) == ok


def test_names_in_public_need_consent_and_never_a_denouncer():
	assert CD.public_name("Nguyễn Văn A", True, identity_is_secret(RECOMMENDATION)) == "Nguyễn Văn A"
	assert CD.public_name("Nguyễn Văn A", False, identity_is_secret(COMPLAINT)) is None
	assert CD.public_name("Nguyễn Văn A", True, identity_is_secret(DENUNCIATION)) is None
	assert not CD.may_appear_publicly(identity_is_secret(DENUNCIATION))
	assert CD.may_appear_publicly(identity_is_secret(COMPLAINT))
	# a complaint whose identity an officer flagged secret is secret too
	assert not CD.may_appear_publicly(identity_is_secret(COMPLAINT, flagged=1))


def test_publication_against_the_deadline():
	due = dt.date(2026, 3, 26)
	assert CD.publication_timing(dt.date(2026, 3, 26), due).on_time is True
	late = CD.publication_timing(dt.date(2026, 3, 30), due)
	assert (late.on_time, late.days_late) == (False, 4)
	assert CD.publication_timing(dt.date(2026, 3, 30), None).on_time is None


def test_minutes_follow_the_programme_and_escape_what_was_typed():
	m = CD.MinutesInput(
		topic="Đất đai",
		chair="Ông Chủ",
		secretary="Bà Ký",
		attendance=[("Cử tri", 50), ("Đại biểu", 10)],
		total_attendance=60,
		speeches=[
			CD.Speech("Người A", "Thôn 1", "Đường hỏng", answer="Sẽ sửa <ngay>"),
			CD.Speech(
				"Người B", "", "Sổ đỏ", to_resolve="Kiểm tra hồ sơ", unit="Phòng KT", due=dt.date(2026, 4, 5)
			),
		],
	)
	html = CD.draft_minutes(m)
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
	assert "Không có ý kiến phát biểu" in CD.draft_minutes(CD.MinutesInput("x", "", ""))


def test_a_denunciation_in_the_minutes_names_nobody():
	m = CD.MinutesInput(
		"x",
		"Chủ",
		"Ký",
		speeches=[
			CD.Speech(
				"Người Tố Cáo", "Thôn 9", "Cán bộ A nhận tiền", to_resolve="Xác minh cán bộ A", secret=True
			)
		],
	)
	html = CD.draft_minutes(m)
	assert "1. Một công dân phát biểu nội dung tố cáo" in html
	for hidden in ("Người Tố Cáo", "Thôn 9", "Cán bộ A"):
		assert hidden not in html
