# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The conference day end to end: console entries, the chair's replies, the minutes drafted
from them, publishing the results and the public pages a guest reads."""

import frappe
from frappe.utils import add_days, get_html_for_route, getdate, today

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.services import conference_day as console
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_plan, make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference.dialogue_conference import (
	PublishResultsError,
)
from tiep_xuc_doi_thoai.utils.workflow import take_transition_to


class TestConferenceDay(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("UBND xã Bàn Console", "UBND").name
		cls.office = make_unit("Phòng Kinh tế (console)", "KT", parent=None, kind="Department").name
		cls.secretariat = make_user("console.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("console.manager@example.com", [roles.MANAGER]).name
		cls.supervisor = make_user("console.supervisor@example.com", [roles.SUPERVISOR]).name

	def setUp(self):
		super().setUp()
		day = getdate(add_days(today(), -2))
		plan = make_plan(self.unit, year=day.year, plan_date=add_days(day, -60))
		self.conf = make_conference(
			plan.name,
			day,
			topic="Đối thoại về đất đai và giao thông",
			notice_date=add_days(day, -20),
			chair="Ông Trần Văn Chủ, Chủ tịch UBND xã",
			secretary="Bà Lê Thị Ký",
			speakers=[
				{
					"speaking_order": 1,
					"speaker_name": "Nguyễn Văn An",
					"topic": "Đường liên thôn",
					"minutes_requested": 5,
				},
				{
					"speaking_order": 2,
					"speaker_name": "Phạm Thị Bình",
					"topic": "Sổ đỏ",
					"minutes_requested": 3,
				},
			],
			attendance=[{"attendee_group": "Cử tri", "attendee_count": 80}],
		)
		self.conf = self.move(self.conf, "Announce", self.secretariat, "Dialogue Conference")

	def speak(self, n: int, key: str, content: str = "Đường liên thôn 3 xuống cấp, đề nghị sửa", **kw):
		frappe.set_user(self.secretariat)
		try:
			row = self.conf.speakers[n].name if n is not None else None
			name = self.conf.speakers[n].speaker_name if n is not None else kw.pop("speaker_name")
			return console.record_speech(self.conf.name, key, name, content, row=row, **kw)
		finally:
			frappe.set_user("Administrator")

	def reply(self, petition: str, mode: str, text: str, **kw):
		frappe.set_user(self.secretariat)
		try:
			return frappe.get_doc("Citizen Petition", petition).record_reply(mode, text, **kw)
		finally:
			frappe.set_user("Administrator")

	def at_conference(self) -> int:
		return frappe.db.count("Citizen Petition", {"conference": self.conf.name})

	# -- the console ------------------------------------------------------------------------------
	def test_a_speech_sent_twice_by_a_retry_gives_one_petition(self):
		first = self.speak(0, "k-retry-0001", public_consent=1)
		again = self.speak(0, "k-retry-0001")
		self.assertTrue(first["created"])
		self.assertEqual((again["petition"], again["created"]), (first["petition"], False))
		self.assertEqual(self.at_conference(), 1)
		petition = frappe.get_doc("Citizen Petition", first["petition"])
		self.assertEqual(
			(petition.phase, petition.source, petition.conference, petition.petitioner_name, petition.owner),
			(
				petition_rules.PHASE_AT,
				petition_rules.SOURCE_CONFERENCE,
				self.conf.name,
				"Nguyễn Văn An",
				self.secretariat,
			),
		)
		self.assertEqual(getdate(petition.received_date), getdate(self.conf.conference_date))
		self.assertEqual(petition.public_consent, 1)
		row = frappe.get_doc("Dialogue Conference", self.conf.name).speakers[0]
		self.assertEqual((row.spoke, row.petition), (1, first["petition"]))
		self.assertEqual(self.speak(1, "k-retry-0002")["created"], True)
		self.assertEqual(self.at_conference(), 2)

	def test_two_secretaries_recording_at_once_both_land(self):
		"""Another secretary's speech is saved on the conference while this one's petition is
		being made: this one is marked on the latest copy, numbered after it, not refused as
		edited in the meantime (TimestampMismatchError, seen under load)."""
		from unittest.mock import patch

		from tiep_xuc_doi_thoai.services import conference_day

		real = conference_day._refuse_unless_recording

		def meanwhile(doc):
			real(doc)
			other = frappe.get_doc("Dialogue Conference", doc.name)  # the other secretary's copy
			other.append("speakers", {"speaking_order": 3, "speaker_name": "Đỗ Văn Khác", "topic": "Chợ"})
			other.save()  # newer than the copy this request read first

		with patch.object(conference_day, "_refuse_unless_recording", meanwhile):
			out = self.speak(None, "k-twoatonce-1", "Đề nghị sửa cầu", speaker_name="Vũ Thị Lan")
		self.assertTrue(out["created"])
		speakers = frappe.get_doc("Dialogue Conference", self.conf.name).speakers
		self.assertEqual(
			[(s.speaker_name, s.speaking_order) for s in speakers][2:],
			[("Đỗ Văn Khác", 3), ("Vũ Thị Lan", 4)],
		)
		self.assertEqual(speakers[3].petition, out["petition"])

	def test_an_unregistered_speaker_is_added_on_the_fly(self):
		out = self.speak(None, "k-walkin-01", "Đề nghị lắp đèn đường", speaker_name="Hoàng Văn Cường")
		speakers = frappe.get_doc("Dialogue Conference", self.conf.name).speakers
		self.assertEqual(len(speakers), 3)
		self.assertEqual((speakers[2].speaker_name, speakers[2].speaking_order), ("Hoàng Văn Cường", 3))
		self.assertEqual(speakers[2].petition, out["petition"])
		data = console.get_console(self.conf.name)
		self.assertEqual([s["speaker_name"] for s in data["speakers"]][-1], "Hoàng Văn Cường")

	def test_answered_on_the_spot(self):
		petition = self.speak(0, "k-answer-01")["petition"]
		self.reply(petition, "answered", "Xã sẽ sửa đường trong quý III bằng ngân sách xã.")
		self.reply(
			petition, "answered", "Xã sẽ sửa đường trong quý III bằng ngân sách xã năm nay.", publish=1
		)
		doc = frappe.get_doc("Citizen Petition", petition)
		self.assertEqual(doc.answer_mode, petition_rules.ANSWER_ON_THE_SPOT)
		self.assertEqual(doc.answer, "Xã sẽ sửa đường trong quý III bằng ngân sách xã năm nay.")
		self.assertTrue(doc.answered_on)
		self.assertEqual(doc.publish_answer, 1)
		# moved by the transitions open to the secretariat, to the state that sets the status
		self.assertEqual(
			(doc.status, doc.modified_by), (petition_rules.ANSWERED_ON_THE_SPOT, self.secretariat)
		)
		rows = [
			c
			for c in frappe.get_doc("Dialogue Conference", self.conf.name).conclusions
			if c.petition == petition
		]
		self.assertEqual(len(rows), 1)  # sent again: the same conclusion row
		self.assertEqual(rows[0].conclusion_kind, "Answered at the Conference")

	def test_to_be_resolved_adds_a_conclusion_item_to_assign(self):
		petition = self.speak(1, "k-resolve-01", "Chưa được cấp giấy chứng nhận")["petition"]
		with self.assertRaises(console.ConsoleError):
			self.reply(petition, "to_resolve", "Giao Phòng Kinh tế kiểm tra")
		due = add_days(today(), 15)
		self.reply(
			petition,
			"to_resolve",
			"Giao Phòng Kinh tế kiểm tra, trả lời",
			responsible_unit=self.office,
			due_date=due,
		)
		conf = frappe.get_doc("Dialogue Conference", self.conf.name)
		[row] = [c for c in conf.conclusions if c.petition == petition]
		self.assertEqual(
			(row.conclusion_kind, row.responsible_unit, getdate(row.due_date), row.progress),
			("To Be Resolved", self.office, getdate(due), "Not Yet Carried Out"),
		)
		self.assertEqual(frappe.db.get_value("Citizen Petition", petition, "responsible_unit"), self.office)
		reply = console.get_console(self.conf.name)["speakers"][1]["reply"]
		self.assertEqual((reply["mode"], reply["unit"]), ("to_resolve", self.office))

	def test_rights_and_status_are_checked(self):
		frappe.set_user(self.supervisor)  # reads conferences, creates no petition
		with self.assertRaises(frappe.PermissionError):
			console.record_speech(self.conf.name, "k-nope-0001", "A", "B")
		frappe.set_user("Administrator")
		self.assertEqual(self.at_conference(), 0)
		frappe.db.set_value("Dialogue Conference", self.conf.name, "status", "Concluded")
		with self.assertRaises(console.ConsoleError):
			self.speak(0, "k-late-0001")
		with self.assertRaises(console.ConsoleError):
			self.speak(0, "bad key with spaces")
		self.assertEqual(self.at_conference(), 0)

	# -- the minutes --------------------------------------------------------------------------------
	def test_minutes_drafted_from_the_record_in_the_seed_order(self):
		first = self.speak(0, "k-min-0001", "Đường liên thôn 3 xuống cấp")["petition"]
		second = self.speak(1, "k-min-0002", "Chưa được cấp giấy chứng nhận")["petition"]
		self.reply(first, "answered", "Xã sẽ sửa trong quý III.")
		self.reply(
			second,
			"to_resolve",
			"Phòng Kinh tế kiểm tra hồ sơ",
			responsible_unit=self.office,
			due_date=add_days(today(), 10),
		)
		frappe.set_user(self.secretariat)
		minutes = frappe.get_doc("Dialogue Conference", self.conf.name).draft_minutes()["minutes"]
		with self.assertRaises(console.ConsoleError):
			console.draft_minutes(self.conf.name)  # not over what is already written
		frappe.set_user("Administrator")
		order = [
			"Khai mạc",
			"Ông Trần Văn Chủ",
			"Bà Lê Thị Ký",
			"Cử tri: 80 người",
			"Đối thoại về đất đai và giao thông",
			"1. Nguyễn Văn An",
			"Xã sẽ sửa trong quý III.",
			"2. Phạm Thị Bình",
			"Phòng Kinh tế kiểm tra hồ sơ",
			"Kết luận của người chủ trì",
			"Bế mạc",
		]
		positions = [minutes.find(text) for text in order]
		self.assertNotIn(-1, positions, dict(zip(order, positions, strict=True)))
		self.assertEqual(positions, sorted(positions))
		self.assertIn(self.office, minutes)
		self.assertEqual(frappe.db.get_value("Dialogue Conference", self.conf.name, "minutes"), minutes)

	# -- results ------------------------------------------------------------------------------------
	def conclude(self):
		conf = self.move(self.conf, "Record as Held", self.secretariat, "Dialogue Conference")
		conf = frappe.get_doc("Dialogue Conference", conf.name)
		conf.conclusion_notice_date = today()
		if not conf.conclusions:
			conf.append(
				"conclusions",
				{"conclusion": "Tiếp tục rà soát hồ sơ đất đai", "conclusion_kind": "Information"},
			)
		conf.save()
		return self.move(conf, "Conclude", self.manager, "Dialogue Conference")

	def test_publish_before_the_conference_is_concluded_is_refused(self):
		frappe.set_user(self.manager)
		with self.assertRaises(PublishResultsError) as caught:
			frappe.get_doc("Dialogue Conference", self.conf.name).publish_results()
		self.assertIn("Announced", str(caught.exception))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Dialogue Conference", self.conf.name, "results_published"))

	def test_publishing_is_a_permission_level_right(self):
		self.conclude()
		frappe.set_user(self.secretariat)  # writes the conference, not its level 1
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Dialogue Conference", self.conf.name).publish_results()
		frappe.set_user(self.manager)
		out = frappe.get_doc("Dialogue Conference", self.conf.name).publish_results()
		frappe.set_user("Administrator")
		self.assertEqual(getdate(out["published_on"]), getdate(today()))
		self.assertEqual(frappe.db.get_value("Dialogue Conference", self.conf.name, "results_published"), 1)

	def test_the_public_results_page_as_a_guest(self):
		agreed = self.speak(0, "k-pub-0001", "Đường liên thôn 3 xuống cấp")["petition"]
		private = self.speak(1, "k-pub-0002", "Chưa được cấp giấy chứng nhận")["petition"]
		secret = self.speak(
			None,
			"k-pub-0003",
			"Tố cáo cán bộ địa chính nhận tiền",
			speaker_name="Người Tố Cáo Kín",
			petition_type=petition_rules.DENUNCIATION,
		)["petition"]
		self.reply(agreed, "answered", "Trả lời công khai về đường liên thôn.")
		self.reply(private, "answered", "Trả lời về giấy chứng nhận (không công bố).")
		self.reply(
			secret,
			"to_resolve",
			"Xác minh nội dung tố cáo cán bộ địa chính",
			responsible_unit=self.office,
			due_date=add_days(today(), 30),
		)
		frappe.db.set_value("Citizen Petition", agreed, {"publish_answer": 1, "public_consent": 1})
		frappe.db.set_value(
			"Citizen Petition", secret, {"publish_answer": 1, "answer": "Trả lời tố cáo bí mật"}
		)
		conf = frappe.get_doc("Dialogue Conference", self.conf.name)
		conf.append(
			"conclusions",
			{
				"conclusion": "Giao Phòng Kinh tế rà soát giấy chứng nhận toàn xã",
				"conclusion_kind": "To Be Resolved",
				"responsible_unit": self.office,
				"due_date": add_days(today(), 20),
			},
		)
		conf.save()
		self.conclude()
		frappe.set_user("Guest")
		with self.assertRaises(frappe.DoesNotExistError):
			frappe.get_attr("tiep_xuc_doi_thoai.www.conference_results.get_context")(frappe._dict())
		frappe.set_user(self.manager)
		frappe.get_doc("Dialogue Conference", self.conf.name).publish_results()
		frappe.set_user("Guest")
		html = get_html_for_route(f"ket-qua-doi-thoai/{self.conf.name}")
		listing = get_html_for_route("ket-qua-doi-thoai")
		frappe.set_user("Administrator")
		for shown in (
			"Giao Phòng Kinh tế rà soát giấy chứng nhận toàn xã",
			"Trả lời công khai về đường liên thôn.",
			"Nguyễn Văn An",
		):
			self.assertIn(shown, html)
		for hidden in (
			"Phạm Thị Bình",  # answered, but no consent and not published
			"Trả lời về giấy chứng nhận",
			"tố cáo",
			"Tố cáo",
			"Người Tố Cáo Kín",
			"Trả lời tố cáo bí mật",
		):
			self.assertNotIn(hidden, html)
		self.assertIn(self.conf.topic, listing)
		self.assertIn(f"/ket-qua-doi-thoai/{self.conf.name}", listing)
		conference = frappe.get_doc("Dialogue Conference", self.conf.name)
		self.assertNotIn("Người Tố Cáo Kín", frappe.as_json(conference.as_dict()))  # only on the petition

	def test_answered_on_the_spot_moves_the_workflow_by_the_state_that_sets_the_field(self):
		"""The console finds the state by its Update Field, not by name: here the test makes
		the administrator's "answered on the spot" state set ``answer_mode``."""
		workflow = frappe.get_doc(
			"Workflow", frappe.db.get_value("Workflow", {"document_type": "Citizen Petition", "is_active": 1})
		)
		[target] = [s for s in workflow.states if s.state == petition_rules.ANSWERED_ON_THE_SPOT]
		target.update_field, target.update_value = "answer_mode", petition_rules.ANSWER_ON_THE_SPOT
		workflow.save()
		petition = self.speak(0, "k-move-0001")["petition"]
		self.reply(petition, "answered", "Đã trả lời tại hội nghị.")
		frappe.set_user(self.secretariat)
		try:
			doc = take_transition_to(
				frappe.get_doc("Citizen Petition", petition),
				petition_rules.ANSWER_ON_THE_SPOT,
				fieldname="answer_mode",
				max_steps=console.MAX_STEPS,
				refuse=False,
			)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(doc.workflow_state, petition_rules.ANSWERED_ON_THE_SPOT)
		# the real user moved it, no switch of user
		self.assertEqual(frappe.db.get_value("Citizen Petition", petition, "modified_by"), self.secretariat)
		other = self.speak(1, "k-move-0002")["petition"]
		frappe.set_user(self.supervisor)  # no transition for this role: the petition stays
		try:
			same = take_transition_to(
				frappe.get_doc("Citizen Petition", other),
				petition_rules.ANSWER_ON_THE_SPOT,
				fieldname="answer_mode",
				max_steps=console.MAX_STEPS,
				refuse=False,
			)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(same.workflow_state, petition_rules.RECEIVED)
