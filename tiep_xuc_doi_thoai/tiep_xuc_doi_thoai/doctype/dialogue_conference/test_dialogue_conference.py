# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt

import frappe
from frappe.tests.utils import change_settings

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_plan, make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import NOT_ALLOWED, DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference.dialogue_conference import (
	LateNoticeError,
	refresh_conference_deadline_states,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.yearly_dialogue_compliance.yearly_dialogue_compliance import (
	get_data,
)

D = dt.date


class TestDialogueConference(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("UBND xã Hội Nghị", "UBND").name
		cls.secretariat = make_user("conf.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("conf.manager@example.com", [roles.MANAGER]).name
		cls.officer = make_user("conf.officer@example.com", [roles.UNIT_OFFICER]).name

	def setUp(self):
		super().setUp()
		self.plan = make_plan(
			self.unit,
			sessions=[
				{"session_title": "Đối thoại quý I", "expected_date": "2026-03-16", "place": "Nhà văn hóa"}
			],
		)

	def test_deadlines_from_the_rules(self):
		conf = make_conference(self.plan.name, "2026-03-16")  # Monday
		self.assertEqual(conf.notice_due, D(2026, 3, 5))  # >= 7 working days before
		self.assertEqual(conf.opinions_due, D(2026, 3, 6))  # >= 10 days before
		self.assertEqual(conf.review_due, D(2026, 3, 23))  # <= 5 working days after
		self.assertEqual(conf.conclusion_notice_due, D(2026, 3, 25))  # <= 7 working days after
		self.assertEqual(conf.results_published_due, D(2026, 3, 26))
		self.assertEqual(conf.status, "Planned")
		self.assertEqual(conf.workflow_state, "Planned")
		overview = {
			d["field"]: d for d in frappe.get_doc("Dialogue Conference", conf.name).deadline_overview()
		}
		self.assertEqual(overview["notice_due"]["state"], "Past Deadline")  # long past, never announced

	def test_deadlines_around_tet(self):
		plan = make_plan(self.unit, year=2027, plan_date="2027-01-05", title="Năm 2027")
		conf = make_conference(plan.name, "2027-02-18")
		self.assertEqual(conf.notice_due, D(2027, 2, 2))  # Tết 4-10/2/2027 is not counted

	def test_times_read_back_from_the_database_still_compare(self):
		conf = make_conference(self.plan.name, "2026-03-16", start_time="08:00:00", end_time="11:30:00")
		conf = frappe.get_doc("Dialogue Conference", conf.name)  # times come back as timedelta
		conf.save()
		self.assertEqual(str(conf.starts_on), "2026-03-16 08:00:00")
		conf.end_time = "07:00:00"
		with self.assertRaises(frappe.ValidationError):
			conf.save()

	def test_session_links_back_to_plan(self):
		conf = make_conference(self.plan.name, "2026-03-16", plan_session="Đối thoại quý I")
		plan = frappe.get_doc("Dialogue Plan", self.plan.name)
		self.assertEqual(plan.sessions[0].conference, conf.name)

	def test_conference_before_plan_date_refused(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_conference(self.plan.name, "2026-01-10")
		self.assertIn(frappe.get_meta("Dialogue Conference").get_label("conference_date"), str(ctx.exception))
		self.assertFalse(frappe.db.exists("Dialogue Conference", {"conference_date": "2026-01-10"}))

	def test_notice_after_conference_refused(self):
		conf = make_conference(self.plan.name, "2026-03-16")
		conf.notice_date = "2026-03-17"
		with self.assertRaises(frappe.ValidationError):
			conf.save()

	def test_late_notice_needs_a_managers_override(self):
		conf = make_conference(self.plan.name, "2026-03-16")
		conf.notice_date = "2026-03-10"  # only 3 working days before
		with self.assertRaises(LateNoticeError):
			conf.save()
		frappe.set_user(self.secretariat)
		conf = frappe.get_doc("Dialogue Conference", conf.name)
		conf.notice_date = "2026-03-10"
		conf.late_notice_override = 1
		conf.late_notice_reason = "Vụ việc phát sinh đột xuất"
		with self.assertRaises(frappe.PermissionError):
			conf.save()
		frappe.set_user(self.manager)
		conf = frappe.get_doc("Dialogue Conference", conf.name)
		conf.update(
			{"notice_date": "2026-03-10", "late_notice_override": 1, "late_notice_reason": "Đột xuất"}
		)
		conf.save()
		self.assertEqual(conf.late_notice_approved_by, self.manager)
		self.assertTrue(conf.late_notice_approved_on)

	def test_lifecycle_per_role(self):
		conf = make_conference(self.plan.name, "2026-03-16")
		with self.assertRaises(frappe.ValidationError):  # no notice date yet
			self.move(conf, "Announce", self.secretariat)
		conf.db_set("notice_date", "2026-03-05")
		with self.assertRaises(NOT_ALLOWED):
			self.move(conf, "Announce", self.officer)
		conf = self.move(conf, "Announce", self.secretariat)
		self.assertEqual(conf.status, "Announced")
		with self.assertRaises(frappe.ValidationError):  # no secretary recorded
			self.move(conf, "Record as Held", self.secretariat)
		conf.db_set("secretary", "Nguyễn Thị Thư Ký")
		conf = self.move(conf, "Record as Held", self.secretariat)
		self.assertEqual(conf.status, "Held")
		with self.assertRaises(NOT_ALLOWED):
			self.move(conf, "Conclude", self.secretariat)
		with self.assertRaises(frappe.ValidationError):  # no conclusions yet
			self.move(conf, "Conclude", self.manager)
		conf = frappe.get_doc("Dialogue Conference", conf.name)
		conf.chair = "Chủ tịch UBND xã"
		conf.append(
			"conclusions",
			{"conclusion": "Giao Phòng Kinh tế trả lời bằng văn bản", "responsible_unit": self.unit},
		)
		conf.conclusion_notice_date = "2026-03-20"
		conf.internal_review_date = "2026-03-18"
		conf.save()
		conf = self.move(conf, "Conclude", self.manager)
		self.assertEqual(conf.status, "Concluded")
		# results were never published: that duty (due 26/3) is what is overdue now
		self.assertEqual((conf.deadline_state, str(conf.next_deadline)), ("Past Deadline", "2026-03-26"))
		conf.db_set("results_published_on", "2026-03-30")
		conf = frappe.get_doc("Dialogue Conference", conf.name)
		conf.save()
		self.assertEqual((conf.deadline_state, conf.next_deadline), ("Done Late", None))
		conf = self.move(conf, "Close", self.manager)
		self.assertEqual(conf.status, "Closed")

	def test_conference_in_the_future_cannot_be_held(self):
		plan = make_plan(self.unit, year=2030, plan_date="2030-01-05", title="Năm 2030")
		conf = make_conference(plan.name, "2030-03-18", notice_date="2030-03-01", secretary="Thư ký")
		conf = self.move(conf, "Announce", self.secretariat)
		with self.assertRaises(frappe.ValidationError):
			self.move(conf, "Record as Held", self.secretariat)

	def test_admin_adds_a_step_without_code(self):
		workflow = frappe.get_doc("Workflow", "Dialogue Conference Lifecycle")
		# the cached Workflow outlives the savepoint rollback: drop it after the test
		self.addCleanup(frappe.clear_document_cache, "Workflow", workflow.name)
		if not frappe.db.exists("Workflow State", "Pending Approval"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Pending Approval"}).insert()
		for action in ("Request Approval", "Approve Notice"):
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert()
		workflow.append(
			"states", {"state": "Pending Approval", "doc_status": "0", "allow_edit": roles.MANAGER}
		)
		workflow.transitions = [t for t in workflow.transitions if t.action != "Announce"]
		workflow.append(
			"transitions",
			{
				"state": "Planned",
				"action": "Request Approval",
				"next_state": "Pending Approval",
				"allowed": roles.SECRETARIAT,
			},
		)
		workflow.append(
			"transitions",
			{
				"state": "Pending Approval",
				"action": "Approve Notice",
				"next_state": "Announced",
				"allowed": roles.MANAGER,
			},
		)
		workflow.save()
		conf = make_conference(self.plan.name, "2026-03-16", notice_date="2026-03-05")
		conf = self.move(conf, "Request Approval", self.secretariat)
		self.assertEqual((conf.workflow_state, conf.status), ("Pending Approval", "Planned"))
		with self.assertRaises(NOT_ALLOWED):
			self.move(conf, "Approve Notice", self.secretariat)
		conf = self.move(conf, "Approve Notice", self.manager)
		self.assertEqual((conf.workflow_state, conf.status), ("Announced", "Announced"))

	def test_refresh_job_is_idempotent(self):
		conf = make_conference(self.plan.name, "2026-03-16")
		frappe.db.set_value("Dialogue Conference", conf.name, "deadline_state", "On Track")
		refresh_conference_deadline_states()
		self.assertEqual(
			frappe.db.get_value("Dialogue Conference", conf.name, "deadline_state"), "Past Deadline"
		)
		modified = frappe.db.get_value("Dialogue Conference", conf.name, "modified")
		refresh_conference_deadline_states()
		self.assertEqual(frappe.db.get_value("Dialogue Conference", conf.name, "modified"), modified)

	def test_yearly_compliance(self):
		plan = self.plan
		plan.db_set({"docstatus": 1, "workflow_state": "Approved"})
		conf = make_conference(plan.name, "2026-03-16", notice_date="2026-03-05", secretary="Thư ký")
		conf.db_set("status", "Held")
		row = next(r for r in get_data(2026) if r["unit"] == self.unit)
		self.assertEqual(
			(row["plan"], row["plan_on_time"], row["held"], row["compliant"]), (plan.name, 1, 1, 1)
		)
		with change_settings("Dialogue Settings", {"min_dialogues_per_year": 4}):
			row = get_data(2026, self.unit)[0]
			self.assertEqual((row["required"], row["missing"], row["compliant"]), (4, 3, 0))
		plan.db_set("plan_date", "2026-02-10")  # after the 01/02 issue-by date
		row = get_data(2026, self.unit)[0]
		self.assertEqual((row["plan_on_time"], row["compliant"]), (0, 0))
