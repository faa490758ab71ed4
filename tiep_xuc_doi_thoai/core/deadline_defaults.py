"""The deadline rules shipped with the app (DESIGN.md), created on install only if missing.

The codes are the records' names: an administrator edits days, kinds and effective dates
in the web UI, or adds a new rule with a later effective date when a law changes, and
``bench migrate`` never overwrites it.
"""

from __future__ import annotations

from tiep_xuc_doi_thoai.core.deadlines import (
	AREA_REMOTE,
	COMPLEXITY_COMPLEX,
	COMPLEXITY_NORMAL,
	DayKind,
	DeadlineRule,
	Direction,
	Event,
)

W, C = DayKind.WORKING, DayKind.CALENDAR
BEFORE, AFTER = Direction.BEFORE, Direction.AFTER

DEFAULT_RULES: tuple[DeadlineRule, ...] = (
	DeadlineRule(
		"conference-notice",
		Event.CONFERENCE_NOTICE.value,
		7,
		W,
		BEFORE,
		legal_basis="Thông báo, giấy mời trước ít nhất 07 ngày làm việc (KH số 134/KH-UBND ngày 11/7/2019 của UBND thành phố Lai Châu)",
	),
	DeadlineRule(
		"conference-opinions",
		Event.CONFERENCE_OPINIONS.value,
		10,
		C,
		BEFORE,
		legal_basis="Ý kiến của MTTQ, các đơn vị gửi về trước 10 ngày tổ chức đối thoại (KH đối thoại năm 2023 của UBND phường Chánh Lộ)",
	),
	DeadlineRule(
		"conference-internal-review",
		Event.CONFERENCE_REVIEW.value,
		5,
		W,
		AFTER,
		legal_basis="Họp rút kinh nghiệm chậm nhất 05 ngày làm việc sau hội nghị (KH số 134/KH-UBND Lai Châu; KH số 15/KH-UBND xã Đường An)",
	),
	DeadlineRule(
		"conference-conclusion-notice",
		Event.CONFERENCE_CONCLUSION_NOTICE.value,
		7,
		W,
		AFTER,
		legal_basis="Thông báo kết luận chậm nhất 07 ngày làm việc sau hội nghị (Kết luận số 116-KL/TU của BTV Tỉnh ủy Bắc Giang)",
	),
	DeadlineRule(
		"conference-results-published",
		Event.CONFERENCE_RESULTS_PUBLISHED.value,
		10,
		C,
		AFTER,
		legal_basis="Công khai kết quả đối thoại chậm nhất 10 ngày (Luật Tổ chức chính quyền địa phương 2025)",
	),
	DeadlineRule(
		"petition-processing",
		Event.PETITION_PROCESSING.value,
		10,
		W,
		AFTER,
		legal_basis="Phân loại, xử lý đơn trong 10 ngày làm việc kể từ ngày nhận (Thông tư 05/2021/TT-TTCP)",
	),
	DeadlineRule(
		"petition-answer",
		Event.PETITION_ANSWER.value,
		15,
		W,
		AFTER,
		complexity=COMPLEXITY_NORMAL,
		legal_basis="Trả lời bằng văn bản chậm nhất 15 ngày làm việc (KH số 134/KH-UBND Lai Châu)",
	),
	DeadlineRule(
		"petition-answer-complex",
		Event.PETITION_ANSWER.value,
		30,
		W,
		AFTER,
		complexity=COMPLEXITY_COMPLEX,
		legal_basis="Vụ việc phức tạp: chậm nhất 30 ngày làm việc (KH số 134/KH-UBND Lai Châu)",
	),
	DeadlineRule(
		"complaint-acceptance",
		Event.COMPLAINT_ACCEPTANCE.value,
		10,
		C,
		AFTER,
		legal_basis="Thụ lý khiếu nại lần đầu trong 10 ngày (Luật Khiếu nại 2011 Đ.27)",
	),
	DeadlineRule(
		"complaint-resolution",
		Event.COMPLAINT_RESOLUTION.value,
		30,
		C,
		AFTER,
		complexity=COMPLEXITY_NORMAL,
		legal_basis="Giải quyết khiếu nại lần đầu không quá 30 ngày kể từ ngày thụ lý (Luật Khiếu nại 2011 Đ.28)",
	),
	DeadlineRule(
		"complaint-resolution-complex",
		Event.COMPLAINT_RESOLUTION.value,
		45,
		C,
		AFTER,
		complexity=COMPLEXITY_COMPLEX,
		legal_basis="Vụ việc phức tạp: không quá 45 ngày (Luật Khiếu nại 2011 Đ.28)",
	),
	DeadlineRule(
		"complaint-resolution-remote",
		Event.COMPLAINT_RESOLUTION.value,
		45,
		C,
		AFTER,
		complexity=COMPLEXITY_NORMAL,
		area=AREA_REMOTE,
		legal_basis="Vùng sâu, vùng xa đi lại khó khăn: không quá 45 ngày (Luật Khiếu nại 2011 Đ.28)",
	),
	DeadlineRule(
		"complaint-resolution-remote-complex",
		Event.COMPLAINT_RESOLUTION.value,
		60,
		C,
		AFTER,
		complexity=COMPLEXITY_COMPLEX,
		area=AREA_REMOTE,
		legal_basis="Vùng sâu, vùng xa, vụ việc phức tạp: không quá 60 ngày (Luật Khiếu nại 2011 Đ.28)",
	),
	DeadlineRule(
		"denunciation-acceptance",
		Event.DENUNCIATION_ACCEPTANCE.value,
		7,
		W,
		AFTER,
		legal_basis="Thụ lý tố cáo trong 07 ngày làm việc kể từ ngày nhận (Luật Tố cáo 2018 Đ.24)",
	),
	DeadlineRule(
		"denunciation-resolution",
		Event.DENUNCIATION_RESOLUTION.value,
		30,
		C,
		AFTER,
		extension_days=30,
		max_extensions=2,
		legal_basis="Giải quyết tố cáo không quá 30 ngày kể từ ngày thụ lý; gia hạn một lần, đặc biệt phức tạp hai lần, mỗi lần không quá 30 ngày (Luật Tố cáo 2018 Đ.30)",
	),
)
