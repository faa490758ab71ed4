# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import datetime as dt

import frappe
import frappe.client
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.api import assignments as api
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.services import assignments as jobs
from tiep_xuc_doi_thoai.services.working_calendar import due_date as rule_due_date
from tiep_xuc_doi_thoai.tests.factories import (
	make_conference,
	make_petition,
	make_plan,
	make_unit,
	make_user,
)
from tiep_xuc_doi_thoai.tests.utils import NOT_ALLOWED, DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_assignment.petition_assignment import (
	ClosedAssignmentError,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.assignment_follow_up.assignment_follow_up import (
	get_data as follow_up_rows,
)

D = dt.date


def request_extension(name: str, *args):
	return frappe.get_doc("Petition Assignment", name).request_extension(*args)


def decide_extension(name: str, *args):
	return frappe.get_doc("Petition Assignment", name).decide_extension(*args)


class TestPetitionAssignment(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.commune = make_unit("UBND xã Giao Việc", "UBND", is_group=1).name
		cls.land = make_unit("Phòng Địa chính xã Giao Việc", "ĐC", parent=cls.commune, kind="Department").name
		cls.justice = make_unit("Bộ phận Tư pháp xã Giao Việc", "TP", parent=cls.commune, kind="Section").name
		cls.other = make_unit("Phòng Y tế xã Khác", "YT", kind="Department").name
		cls.secretariat = make_user("asg.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("asg.manager@example.com", [roles.MANAGER]).name
		cls.land_officer = make_user("asg.land@example.com", [roles.UNIT_OFFICER], unit=cls.land).name
		cls.justice_officer = make_user(
			"asg.justice@example.com", [roles.UNIT_OFFICER], unit=cls.justice
		).name
		cls.other_officer = make_user("asg.other@example.com", [roles.UNIT_OFFICER], unit=cls.other).name
		cls.supervisor = make_user("asg.mttq@example.com", [roles.SUPERVISOR]).name
		cls.reception = make_user("asg.reception@example.com", [roles.RECEPTION]).name
		frappe.db.set_value("Dialogue Unit", cls.land, "unit_head", cls.manager)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")

	def move(self, name, action, user):
		return super().move(name, action, user, doctype="Petition Assignment")

	def classified_petition(self, **values):
		petition = make_petition(**values)
		petition = apply_workflow(petition.as_dict(), "Classify")
		self.assertEqual(petition.workflow_state, "Petition Classified")
		return petition

	def assignment(self, lead=None, petitions=None, **values):
		petitions = petitions or [self.classified_petition().name]
		return frappe.get_doc(
			{
				"doctype": "Petition Assignment",
				"source_type": "Citizen Petitions",
				"petitions": [{"petition": p} for p in petitions],
				"lead_unit": lead or self.land,
				"task": "Kiểm tra, trả lời công dân",
				"assigned_on": values.pop("assigned_on", "2026-02-10"),
				**values,
			}
		).insert()

	# -- the full loop ---------------------------------------------------------------------------

	def test_conclusion_to_answered_petition(self):
		plan = make_plan(self.commune)
		conf = make_conference(plan.name, "2026-03-16", notice_date="2026-03-05")
		petition = self.classified_petition(conference=conf.name, phase="At a Conference")
		conf.append(
			"conclusions",
			{"conclusion": "Giao Phòng Địa chính kiểm tra, trả lời hộ ông A", "responsible_unit": self.land},
		)
		conf.append("conclusions", {"conclusion": "Thông tin chung", "conclusion_kind": "Information"})
		conf.save()
		self.as_user(self.secretariat)
		made = frappe.get_doc("Dialogue Conference", conf.name).make_assignments()
		self.assertEqual(len(made), 1)  # the "Information" item is not assigned
		self.assertEqual(
			frappe.get_doc("Dialogue Conference", conf.name).make_assignments(), []
		)  # twice creates nothing
		frappe.set_user("Administrator")
		conclusion_asg = frappe.get_doc("Petition Assignment", made[0])
		self.assertEqual((conclusion_asg.lead_unit, conclusion_asg.status), (self.land, "Assigned to a Unit"))
		item = frappe.get_doc("Dialogue Conference", conf.name).conclusions[0]
		self.assertEqual((item.assignment, item.progress), (made[0], "Not Yet Carried Out"))

		# the petition raised at the conference is assigned to the same unit
		frappe.set_user(self.secretariat)
		name = api.make_from_petitions([petition.name], self.land)
		frappe.set_user("Administrator")
		asg = frappe.get_doc("Petition Assignment", name)
		self.assertEqual(asg.due_date, rule_due_date("Petition Answer", today()))
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", petition.name, "workflow_state"), "Assigned to a Unit"
		)
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", petition.name, "responsible_unit"), self.land
		)

		for doc_name in (made[0], name):
			self.move(doc_name, "Start", self.land_officer)
		item = frappe.get_doc("Dialogue Conference", conf.name).conclusions[0]
		self.assertEqual(item.progress, "Being Carried Out")

		# progress
		frappe.set_user(self.land_officer)
		doc = frappe.get_doc("Petition Assignment", name)
		doc.append(
			"progress_updates", {"update_date": today(), "update_text": "Đã kiểm tra thực địa", "percent": 60}
		)
		doc.save()
		self.assertEqual((doc.percent_complete, doc.progress_updates[0].updated_by), (60, self.land_officer))

		# extension: asked by the unit, decided by the manager
		old_due = doc.due_date
		request_extension(name, str(add_days(old_due, 10)), "Cần xác minh thêm hồ sơ địa chính")
		with self.assertRaises(frappe.PermissionError):
			decide_extension(name, frappe.get_doc("Petition Assignment", name).extensions[0].name, 1)
		frappe.set_user(self.manager)
		row = frappe.get_doc("Petition Assignment", name).extensions[0]
		decide_extension(name, row.name, 1, "Đồng ý")
		doc = frappe.get_doc("Petition Assignment", name)
		self.assertEqual(getdate(doc.due_date), getdate(add_days(old_due, 10)))
		self.assertEqual(
			(doc.extensions[0].decision, doc.extensions[0].current_due_date), ("Approved", getdate(old_due))
		)
		frappe.set_user("Administrator")

		# result and acceptance
		with self.assertRaises(frappe.ValidationError):  # no result yet
			self.move(name, "Submit Result", self.land_officer)
		frappe.set_user(self.land_officer)
		doc = frappe.get_doc("Petition Assignment", name)
		doc.result = "Đã giải quyết"
		doc.draft_answer = "<p>Kính gửi ông A, UBND xã trả lời như sau...</p>"
		doc.save()
		frappe.set_user("Administrator")
		self.move(name, "Submit Result", self.land_officer)
		with self.assertRaises(NOT_ALLOWED):
			self.move(name, "Accept Result", self.land_officer)
		self.move(name, "Accept Result", self.manager)
		doc = frappe.get_doc("Petition Assignment", name)
		self.assertEqual(
			(doc.status, doc.accepted_by, doc.deadline_state),
			("Result Accepted", self.manager, "Done on Time"),
		)

		petition = frappe.get_doc("Citizen Petition", petition.name)
		self.assertEqual(petition.workflow_state, "Petition Answered")
		self.assertIn("UBND xã trả lời", petition.answer)
		self.assertEqual(str(petition.answered_on), today())

		# the conclusion item shows done once its own assignment is accepted
		frappe.set_user(self.land_officer)
		c = frappe.get_doc("Petition Assignment", made[0])
		c.result = "Đã trả lời hộ ông A"
		c.save()
		frappe.set_user("Administrator")
		self.move(made[0], "Submit Result", self.land_officer)
		self.move(made[0], "Accept Result", self.manager)
		self.assertEqual(
			frappe.get_doc("Dialogue Conference", conf.name).conclusions[0].progress, "Carried Out"
		)

		# nothing more once accepted
		frappe.set_user(self.land_officer)
		doc = frappe.get_doc("Petition Assignment", name)
		doc.append("progress_updates", {"update_date": today(), "update_text": "Thêm", "percent": 100})
		with self.assertRaises(ClosedAssignmentError):
			doc.save()
		with self.assertRaises(frappe.ValidationError):
			request_extension(name, str(add_days(today(), 30)), "Muộn")

	def test_petition_answered_only_when_every_assignment_is_accepted(self):
		petition = self.classified_petition()
		a = self.assignment(self.land, [petition.name])
		b = self.assignment(self.justice, [petition.name])
		for name, officer in ((a.name, self.land_officer), (b.name, self.justice_officer)):
			self.move(name, "Start", officer)
			frappe.db.set_value(
				"Petition Assignment", name, {"result": "Xong", "draft_answer": f"Trả lời {name}"}
			)
			self.move(name, "Submit Result", officer)
		self.move(a.name, "Accept Result", self.manager)
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", petition.name, "workflow_state"), "Assigned to a Unit"
		)
		self.move(b.name, "Accept Result", self.manager)
		answered = frappe.get_doc("Citizen Petition", petition.name)
		self.assertEqual(answered.workflow_state, "Petition Answered")
		self.assertIn(f"Trả lời {a.name}", answered.answer)
		self.assertIn(f"Trả lời {b.name}", answered.answer)

	def test_return_for_rework_needs_a_note(self):
		a = self.assignment()
		self.move(a.name, "Start", self.land_officer)
		frappe.db.set_value("Petition Assignment", a.name, {"result": "Xong", "draft_answer": "Trả lời"})
		self.move(a.name, "Submit Result", self.land_officer)
		with self.assertRaises(frappe.ValidationError):
			self.move(a.name, "Return for Rework", self.manager)
		frappe.db.set_value("Petition Assignment", a.name, "acceptance_note", "Bổ sung căn cứ pháp lý")
		self.assertEqual(self.move(a.name, "Return for Rework", self.manager).status, "Returned for Rework")
		self.assertEqual(self.move(a.name, "Resume", self.land_officer).status, "Being Resolved")

	# -- deadlines -------------------------------------------------------------------------------

	def test_due_date_from_rules_around_tet(self):
		a = self.assignment(assigned_on="2026-02-10")
		self.assertEqual(
			(a.due_date, a.due_date_rule), (D(2026, 3, 10), "petition-answer")
		)  # 15 working days over Tết
		b = self.assignment(assigned_on="2026-02-10", complexity="Complex")
		self.assertEqual(b.due_date, D(2026, 3, 31))

	def test_bad_input_refused(self):
		with self.assertRaises(frappe.ValidationError):  # no lead unit
			frappe.get_doc(
				{
					"doctype": "Petition Assignment",
					"source_type": "Conference Conclusion",
					"dialogue_conference": None,
					"task": "Kiểm tra, trả lời công dân",
					"assigned_on": "2026-02-10",
				}
			).insert()
		with self.assertRaises(frappe.ValidationError):  # due before assigned
			self.assignment(due_date="2026-02-01", assigned_on="2026-02-10")
		with self.assertRaises(frappe.ValidationError):  # the lead also coordinating
			self.assignment(coordinating_units=[{"unit": self.land}])
		with self.assertRaises(frappe.ValidationError):  # a petition not yet classified
			self.assignment(petitions=[make_petition().name])
		self.assertEqual(frappe.db.count("Petition Assignment", {"task": "Kiểm tra, trả lời công dân"}), 0)

	def test_due_date_moves_only_by_manager_or_extension(self):
		a = self.assignment()
		frappe.set_user(self.land_officer)
		doc = frappe.get_doc("Petition Assignment", a.name)
		doc.due_date = "2026-06-30"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
		doc = frappe.get_doc("Petition Assignment", a.name)
		doc.append(
			"extensions", {"requested_due_date": "2026-06-30", "reason": "Tự thêm", "decision": "Approved"}
		)
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		frappe.set_user(self.manager)
		doc = frappe.get_doc("Petition Assignment", a.name)
		doc.due_date = "2026-06-30"
		with self.assertRaises(frappe.ValidationError):  # no reason
			doc.save()
		doc = frappe.get_doc("Petition Assignment", a.name)
		doc.due_date = "2026-06-30"
		doc.due_date_reason = "Chờ kết quả đo đạc"
		doc.save()
		self.assertEqual(getdate(doc.due_date), D(2026, 6, 30))

	# -- who sees what ---------------------------------------------------------------------------

	def test_unit_officers_see_only_their_units_work(self):
		lead = self.assignment(self.land)
		coord = self.assignment(self.other, coordinating_units=[{"unit": self.land}])
		foreign = self.assignment(self.other)
		self.as_user(self.land_officer)
		visible = set(frappe.get_list("Petition Assignment", pluck="name"))
		self.assertEqual(visible & {lead.name, coord.name, foreign.name}, {lead.name, coord.name})
		self.assertEqual(
			{r["name"] for r in frappe.client.get_list("Petition Assignment", limit_page_length=0)}
			& {lead.name, coord.name, foreign.name},
			{lead.name, coord.name},
		)
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("Petition Assignment", foreign.name)
		from frappe.desk.search import search_widget

		found = {
			r[0] for r in search_widget("Petition Assignment", txt="GV-", page_length=100, as_dict=False)
		}
		self.assertEqual(found & {lead.name, coord.name, foreign.name}, {lead.name, coord.name})
		self.assertFalse(frappe.has_permission("Petition Assignment", "write", foreign.name))
		self.assertTrue(frappe.has_permission("Petition Assignment", "write", lead.name))
		counts = {r["unit"]: r["total"] for r in follow_up_rows({})}
		self.assertEqual(counts.get(self.other), 1)  # the one they coordinate, not the foreign one
		frappe.set_user("Administrator")
		frappe.set_user(self.justice_officer)
		self.assertEqual(
			set(frappe.get_list("Petition Assignment", pluck="name")) & {lead.name, coord.name, foreign.name},
			set(),
		)

	def test_supervisor_reads_and_comments_but_does_not_edit(self):
		a = self.assignment()
		self.as_user(self.supervisor)
		self.assertTrue(frappe.has_permission("Petition Assignment", "read", a.name))
		self.assertFalse(frappe.has_permission("Petition Assignment", "write", a.name))
		frappe.get_doc("Petition Assignment", a.name).add_comment("Comment", "MTTQ đề nghị đẩy nhanh")
		frappe.set_user(self.reception)
		self.assertFalse(frappe.has_permission("Petition Assignment", "read", a.name))

	# -- the scheduler ---------------------------------------------------------------------------

	def test_reminders_are_sent_once_around_holidays(self):
		a = self.assignment(
			assigned_on="2026-02-02", assignee=self.land_officer
		)  # due 2026-03-02 (Tết skipped)
		self.assertEqual(a.due_date, D(2026, 3, 2))
		queued = lambda: frappe.db.count(  # noqa: E731
			"Notification Log", {"document_name": a.name, "for_user": self.land_officer}
		)
		# 3 working days before 2/3/2026 is 25/2 (Wed); on Friday 20/2 (Tết) it is too early
		self.assertEqual(jobs.send_reminders("2026-02-20"), [])
		self.assertIn(a.name, jobs.send_reminders("2026-02-25"))
		self.assertEqual(jobs.send_reminders("2026-02-25"), [])  # twice sends nothing twice
		self.assertEqual(jobs.send_reminders("2026-02-26"), [])
		self.assertEqual(queued(), 1)
		self.assertIn(a.name, jobs.send_reminders("2026-03-03"))  # the day after it passed
		self.assertEqual(jobs.send_reminders("2026-03-04"), [])
		self.assertEqual(queued(), 2)
		frappe.db.set_value("Petition Assignment", a.name, "deadline_state", "On Track")
		self.assertGreaterEqual(jobs.refresh_assignment_deadline_states("2026-03-03"), 1)
		self.assertEqual(
			frappe.db.get_value("Petition Assignment", a.name, "deadline_state"), "Past Deadline"
		)
		self.assertEqual(jobs.refresh_assignment_deadline_states("2026-03-03"), 0)

	def test_weekly_digest_once_a_week(self):
		self.assignment(assigned_on="2026-02-02")
		digests = lambda: frappe.db.count(  # noqa: E731
			"Notification Log", {"for_user": self.supervisor, "subject": ("like", "%overdue%")}
		)
		before = digests()
		self.assertTrue(jobs.weekly_digest("2026-03-09"))
		self.assertFalse(jobs.weekly_digest("2026-03-11"))  # same ISO week
		self.assertEqual(digests(), before + 1)
		self.assertTrue(jobs.weekly_digest("2026-03-16"))

	def test_follow_up_report_rates(self):
		a = self.assignment(assigned_on="2026-02-02")  # overdue now
		b = self.assignment(assigned_on="2026-02-02")
		self.move(b.name, "Start", self.land_officer)
		frappe.db.set_value("Petition Assignment", b.name, {"result": "Xong", "draft_answer": "Trả lời"})
		self.move(b.name, "Submit Result", self.land_officer)
		frappe.db.set_value("Petition Assignment", b.name, "result_submitted_on", "2026-02-20")
		self.move(b.name, "Accept Result", self.manager)
		row = next(r for r in follow_up_rows({}) if r["unit"] == self.land)
		self.assertEqual((row["overdue"], row["done_on_time"]), (1, 1))
		self.assertAlmostEqual(row["on_time_rate"], 50.0)
		self.assertIsNotNone(a)
