"""The citizen's side of the demo: every public page has something to show.

- the October conference's results are published (/ket-qua-doi-thoai), with the answer to a
  speech at it whose tracking code ``scripts/demo.sh`` prints (/tra-cuu-y-kien?code=...);
- opinions through the year, some answered, so the open figures (/thong-ke) are filled above
  the suppression threshold;
- an announced conference a few weeks ahead, in the calendar feed.

Safe to run twice: each part looks for what it made.
"""

from __future__ import annotations

import frappe
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.core import petitions as petition_rules

ANSWERED_CONTENT = "Đề nghị kiểm tra hồ sơ bồi thường đất làm đường liên thôn của gia đình tôi ở thôn 3"
ANSWER = (
	"Phòng Kinh tế đã kiểm tra hồ sơ: diện tích bị thu hồi 120 m² được bồi thường đủ theo "
	"Quyết định số 45/QĐ-UBND; phần tường rào được hỗ trợ bổ sung trong tháng 11/2026."
)
UPCOMING_TOPIC = "Đối thoại về an sinh xã hội và việc làm cho thanh niên"
# (month, channel, field, unit, answered after N days or None) - a year of ordinary opinions
YEAR_OF_OPINIONS: tuple[tuple[int, str, str, str, int | None], ...] = tuple(
	(
		month,
		channel,
		field,
		unit,
		answered,
	)
	for month in range(1, 12)
	for channel, field, unit, answered in (
		("Citizen Reception", "Đất đai", "Phòng Kinh tế xã Đường An", 9),
		("Online", "Thủ tục hành chính", "Văn phòng HĐND và UBND xã Đường An", 5 if month % 3 else 25),
		("Mail", "Môi trường", "Phòng Văn hóa - Xã hội xã Đường An", None if month > 9 else 12),
	)
)
MARK = "Ý kiến mẫu số"


DEMO_MIN_COUNT = 3  # a small commune's demo: months of three opinions still show


def load() -> None:
	settings_for_open_figures()
	conference = frappe.db.get_value(
		"Dialogue Conference", {"topic": "Đối thoại về đất đai và giải phóng mặt bằng"}, "name"
	)
	if conference:
		answered_petition(conference)
		publish_results(conference)
	year_of_opinions()
	upcoming_conference()


def settings_for_open_figures() -> None:
	"""Only while the shipped threshold stands (an administrator's choice is left alone)."""
	from tiep_xuc_doi_thoai.core.open_figures import DEFAULT_MIN_COUNT

	if frappe.db.get_single_value("Dialogue Settings", "open_data_min_count") == DEFAULT_MIN_COUNT:
		frappe.db.set_single_value("Dialogue Settings", "open_data_min_count", DEMO_MIN_COUNT)


def answered_petition(conference: str) -> str:
	from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

	name = frappe.db.get_value("Citizen Petition", {"content": ANSWERED_CONTENT}, "name")
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Citizen Petition",
			"content": ANSWERED_CONTENT,
			"petition_type": petition_rules.RECOMMENDATION,
			"petitioner_name": "Trần Văn Bình",
			"address": "Thôn 3, xã Đường An",
			"source": petition_rules.SOURCE_CONFERENCE,
			"phase": petition_rules.PHASE_AT,
			"conference": conference,
			"received_date": "2026-10-14",
			"category": "Đất đai" if frappe.db.exists("Petition Category", "Đất đai") else None,
			"responsible_unit": "Phòng Kinh tế xã Đường An",
			"public_consent": 1,
		}
	).insert(ignore_permissions=True)
	move_as_consequence(
		doc,
		petition_rules.ANSWERED,
		"demo",
		{
			"answer": ANSWER,
			"answer_mode": petition_rules.ANSWER_IN_WRITING,
			"answered_on": "2026-10-28",
			"answer_reference": "52/UBND-KT",
			"publish_answer": 1,
		},
	)
	return doc.name


def publish_results(conference: str) -> None:
	conf = frappe.get_doc("Dialogue Conference", conference)
	if conf.results_published:
		return
	conf.results_published = 1
	conf.results_published_on = "2026-10-22"
	conf.save(ignore_permissions=True)


def year_of_opinions() -> None:
	from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

	if frappe.db.exists("Citizen Petition", {"content": ("like", f"{MARK} 1:%")}):
		return
	categories = set(frappe.get_all("Petition Category", pluck="name"))
	for n, (month, channel, field, unit, answered) in enumerate(YEAR_OF_OPINIONS, start=1):
		received = f"2026-{month:02d}-{(n % 20) + 3:02d}"
		if getdate(received) > getdate(today()):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Citizen Petition",
				"content": f"{MARK} {n}: {field.lower()}",
				"petition_type": petition_rules.RECOMMENDATION if n % 4 else petition_rules.FEEDBACK,
				"source": channel,
				"received_date": received,
				"category": field if field in categories else None,
				"responsible_unit": unit,
			}
		).insert(ignore_permissions=True)
		if answered is not None and getdate(add_days(received, answered)) <= getdate(today()):
			move_as_consequence(
				doc,
				petition_rules.ANSWERED,
				"demo",
				{
					"answer": "Đã trả lời bằng văn bản.",
					"answer_mode": petition_rules.ANSWER_IN_WRITING,
					"answered_on": add_days(received, answered),
				},
			)


def upcoming_conference() -> str | None:
	"""An announced conference three weeks ahead (in the plan's year only)."""
	from frappe.model.workflow import apply_workflow

	name = frappe.db.get_value("Dialogue Conference", {"topic": UPCOMING_TOPIC}, "name")
	if name:
		return name
	plan = frappe.db.get_value(
		"Dialogue Plan",
		{"issuing_unit": "Ủy ban nhân dân xã Đường An", "docstatus": 1},
		["name", "year"],
		as_dict=True,
	)
	day = getdate(add_days(today(), 21))
	if not plan or day.year != plan.year:
		return None
	conf = frappe.get_doc(
		{
			"doctype": "Dialogue Conference",
			"dialogue_plan": plan.name,
			"topic": UPCOMING_TOPIC,
			"conference_date": day,
			"start_time": "08:00:00",
			"end_time": "11:00:00",
			"place": "Hội trường UBND xã Đường An",
			"chair": "Chủ tịch UBND xã",
			"notice_date": today(),
			"notice_number": "40/TB-UBND",
		}
	).insert(ignore_permissions=True)
	return apply_workflow(conf.as_dict(), "Announce").name


def tracking_code() -> None:
	"""Print the demo's answered opinion's code as the citizen types it (scripts/demo.sh)."""
	code = frappe.db.get_value("Citizen Petition", {"content": ANSWERED_CONTENT}, "tracking_code")
	print(petition_rules.format_tracking_code(code) if code else "")
