"""Who may do what is the administrator's, in Frappe's own screens: the app follows.

An administrator edits the default workflows (another role approves, a second review step, a
renamed action, a transition condition) and grants permission-level rights to another role
in Role Permissions Manager, through the same whitelisted endpoints the desk and the REST API
call (``frappe.client.save``, the permission manager's ``add`` / ``update``); then the users
with those roles walk the flow with Frappe's ``apply_workflow`` and ``frappe.client``.
"""

from __future__ import annotations

import frappe
import frappe.client
from frappe.core.page.permission_manager import permission_manager as role_permissions
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client, getdate, today
from frappe.utils.password import update_password

from tiep_xuc_doi_thoai.api import assignments as assignment_api
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.setup.workflow_petition import FORWARD
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import NOT_ALLOWED, DialogueTestCase
from tiep_xuc_doi_thoai.utils.workflow import WorkflowSetupError

PLAN_WORKFLOW = "Dialogue Plan Approval"
PETITION_WORKFLOW = "Citizen Petition"
ASSIGNMENT_WORKFLOW = "Petition Assignment Follow-up"


def request_extension(name: str, *args):
	return frappe.get_doc("Petition Assignment", name).request_extension(*args)


def decide_extension(name: str, *args):
	return frappe.get_doc("Petition Assignment", name).decide_extension(*args)


class AdminTestCase(DialogueTestCase):
	"""Each test's edits of workflows and role permissions are rolled back with its savepoint;
	the caches Frappe keeps of them are cleared after the rollback."""

	touched_doctypes = ("Dialogue Plan", "Dialogue Conference", "Citizen Petition", "Petition Assignment")

	def setUp(self):
		super().setUp()
		self.addCleanup(self.clear_caches)

	def clear_caches(self):
		for doctype in self.touched_doctypes:
			frappe.clear_cache(doctype=doctype)
		for name in (PLAN_WORKFLOW, PETITION_WORKFLOW, ASSIGNMENT_WORKFLOW):
			frappe.clear_document_cache("Workflow", name)
		frappe.cache.delete_key("workflow")

	def edit_workflow(self, name: str, edit) -> dict:
		"""As Administrator through ``frappe.client.save`` (PUT /api/resource/Workflow/<name>)."""
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Workflow", name).as_dict(convert_dates_to_str=True)
		edit(doc)
		saved = frappe.client.save(doc)
		self.clear_caches()
		return saved

	def ensure_action(self, *names: str):
		for name in names:
			if not frappe.db.exists("Workflow Action Master", name):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": name}).insert()

	def ensure_state(self, *names: str):
		for name in names:
			if not frappe.db.exists("Workflow State", name):
				frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": name}).insert()

	def grant(self, doctype: str, role: str, level: int, *rights: str):
		"""As Administrator in Role Permissions Manager: add a rule, tick its boxes."""
		frappe.set_user("Administrator")
		if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": level}):
			role_permissions.add(doctype, role, level)
		for right in rights:
			role_permissions.update(doctype, role, level, right, 1)
		self.clear_caches()

	def revoke(self, doctype: str, role: str, level: int, right: str):
		frappe.set_user("Administrator")
		role_permissions.update(doctype, role, level, right, 0)
		self.clear_caches()


def transitions_of(doc: dict) -> list[dict]:
	return doc["transitions"]


class TestPlanWorkflowEdits(AdminTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("UBND xã Quyền Hạn", "UBND").name
		cls.secretariat = make_user("rights.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("rights.manager@example.com", [roles.MANAGER]).name
		cls.supervisor = make_user("rights.supervisor@example.com", [roles.SUPERVISOR]).name

	def move(self, doc, action, user):
		return super().move(doc, action, user, doctype="Dialogue Plan")

	def test_another_role_approves_when_the_workflow_says_so(self):
		def secretariat_signs(wf):
			for t in transitions_of(wf):
				if t["action"] == "Approve Plan":
					t["allowed"] = roles.SECRETARIAT

		self.edit_workflow(PLAN_WORKFLOW, secretariat_signs)
		plan = self.move(make_plan(self.unit), "Submit for Review", self.secretariat)
		with self.assertRaises(NOT_ALLOWED):
			self.move(plan, "Approve Plan", self.manager)  # no longer the manager's
		plan = self.move(plan, "Approve Plan", self.secretariat)
		self.assertEqual((plan.docstatus, plan.status, plan.number_and_symbol), (1, "Approved", "1/KH-UBND"))
		self.assertEqual(frappe.db.get_value("Dialogue Plan", plan.name, "modified_by"), self.secretariat)

	def test_a_second_review_step(self):
		self.ensure_state("Legal Review")
		self.ensure_action("Pass Legal Review")

		def add_legal_review(wf):
			wf["states"].insert(
				2,
				{
					"state": "Legal Review",
					"doc_status": "0",
					"allow_edit": roles.SECRETARIAT,
					"update_field": "status",
					"update_value": "Pending Review",
				},
			)
			for t in transitions_of(wf):
				if t["action"] == "Approve Plan":
					t["state"] = "Legal Review"
			wf["transitions"].append(
				{
					"state": "Pending Review",
					"action": "Pass Legal Review",
					"next_state": "Legal Review",
					"allowed": roles.SECRETARIAT,
					"allow_self_approval": 1,
				}
			)

		self.edit_workflow(PLAN_WORKFLOW, add_legal_review)
		plan = self.move(make_plan(self.unit), "Submit for Review", self.secretariat)
		with self.assertRaises(NOT_ALLOWED):
			self.move(plan, "Approve Plan", self.manager)  # the legal review comes first now
		plan = self.move(plan, "Pass Legal Review", self.secretariat)
		self.assertEqual(
			(plan.workflow_state, plan.status, plan.docstatus), ("Legal Review", "Pending Review", 0)
		)
		plan = self.move(plan, "Approve Plan", self.manager)
		self.assertEqual((plan.status, plan.docstatus), ("Approved", 1))

	def test_renamed_actions_and_states(self):
		self.ensure_action("Sign", "Issue")
		self.ensure_state("Issued")

		def rename(wf):
			for s in wf["states"]:
				if s["state"] == "Published":
					s["state"] = "Issued"
			for t in transitions_of(wf):
				t["action"] = {"Approve Plan": "Sign", "Publish": "Issue"}.get(t["action"], t["action"])
				for key in ("state", "next_state"):
					if t[key] == "Published":
						t[key] = "Issued"

		self.edit_workflow(PLAN_WORKFLOW, rename)
		plan = self.move(make_plan(self.unit), "Submit for Review", self.secretariat)
		plan = self.move(plan, "Sign", self.manager)
		self.assertEqual(plan.docstatus, 1)
		plan = self.move(plan, "Issue", self.secretariat)
		# the code reads the status the renamed state still sets, not the state's name
		self.assertEqual((plan.workflow_state, plan.status), ("Issued", "Published"))
		self.assertEqual(str(plan.published_on), today())

	def test_a_transition_condition(self):
		def needs_two_dialogues(wf):
			for t in transitions_of(wf):
				if t["action"] == "Approve Plan":
					t["condition"] = "doc.planned_dialogues >= 2"

		self.edit_workflow(PLAN_WORKFLOW, needs_two_dialogues)
		plan = self.move(make_plan(self.unit, planned_dialogues=1), "Submit for Review", self.secretariat)
		with self.assertRaises(NOT_ALLOWED):
			self.move(plan, "Approve Plan", self.manager)
		plan.db_set("planned_dialogues", 2)
		self.assertEqual(self.move(plan, "Approve Plan", self.manager).docstatus, 1)

	def test_a_bare_api_submit_or_cancel_is_not_a_transition(self):
		plan = self.move(make_plan(self.unit), "Submit for Review", self.secretariat)
		frappe.set_user(self.secretariat)  # holds the submit right (to publish), not Approve
		with self.assertRaises(frappe.PermissionError):
			frappe.client.submit(frappe.get_doc("Dialogue Plan", plan.name).as_dict())
		frappe.set_user("Administrator")
		plan = self.move(plan, "Approve Plan", self.manager)
		frappe.set_user(self.secretariat)
		doc = frappe.get_doc("Dialogue Plan", plan.name)
		doc.workflow_state = "Cancelled"  # a state the user has no transition to
		with self.assertRaises(frappe.PermissionError):
			doc.cancel()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Dialogue Plan", plan.name, "docstatus"), 1)

	# -- bad input -----------------------------------------------------------------------------

	def test_a_state_in_use_cannot_be_removed(self):
		plan = self.move(make_plan(self.unit), "Submit for Review", self.secretariat)

		def drop_pending_review(wf):
			wf["states"] = [s for s in wf["states"] if s["state"] != "Pending Review"]
			wf["transitions"] = [
				t for t in wf["transitions"] if "Pending Review" not in (t["state"], t["next_state"])
			]

		with self.assertRaises(WorkflowSetupError) as ctx:
			self.edit_workflow(PLAN_WORKFLOW, drop_pending_review)
		self.assertIn(PLAN_WORKFLOW, str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Dialogue Plan", plan.name, "workflow_state"), "Pending Review")
		self.assertTrue(
			frappe.db.exists("Workflow Document State", {"parent": PLAN_WORKFLOW, "state": "Pending Review"})
		)

	def test_a_document_in_a_state_the_workflow_lost_gets_a_message_naming_it(self):
		self.ensure_state("Lost Step")  # a state record no workflow lists any more
		plan = make_plan(self.unit)
		plan.db_set("workflow_state", "Lost Step")  # as if removed behind the app's back
		doc = frappe.get_doc("Dialogue Plan", plan.name)
		doc.title = "Sửa tiêu đề"
		with self.assertRaises(WorkflowSetupError) as ctx:
			doc.save()
		self.assertIn(PLAN_WORKFLOW, str(ctx.exception))
		self.assertIn("Lost Step", str(ctx.exception))


class TestPetitionAndAssignmentWorkflowEdits(AdminTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.commune = make_unit("UBND xã Quyền Giao", "UBND", is_group=1).name
		cls.land = make_unit(
			"Phòng Địa chính xã Quyền Giao", "ĐC", parent=cls.commune, kind="Department"
		).name
		cls.secretariat = make_user("rights.asg.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("rights.asg.manager@example.com", [roles.MANAGER]).name
		cls.reception = make_user("rights.asg.reception@example.com", [roles.RECEPTION]).name
		cls.officer = make_user("rights.asg.land@example.com", [roles.UNIT_OFFICER], unit=cls.land).name

	def move_asg(self, name, action, user):
		return DialogueTestCase.move(self, name, action, user, doctype="Petition Assignment")

	def move_petition(self, name, action, user):
		return DialogueTestCase.move(self, name, action, user, doctype="Citizen Petition")

	def test_petition_renamed_action_other_role_and_condition(self):
		self.ensure_action("Sort", "Merge into Earlier")

		def edit(wf):
			for t in transitions_of(wf):
				t["action"] = {"Classify": "Sort", "Close as Duplicate": "Merge into Earlier"}.get(
					t["action"], t["action"]
				)
				if t["action"] == FORWARD:
					t["condition"] = "doc.jurisdiction == 'Beyond Our Authority'"
			# the Reception desk may also answer on the spot in this agency
			wf["transitions"].append(
				{
					"state": "Petition Classified",
					"action": "Record Answer on the Spot",
					"next_state": "Answered on the Spot",
					"allowed": roles.RECEPTION,
					"allow_self_approval": 1,
				}
			)

		self.edit_workflow(PETITION_WORKFLOW, edit)
		petition = make_petition()
		with self.assertRaises(NOT_ALLOWED):
			self.move_petition(petition.name, "Classify", self.reception)  # the old name is gone
		petition = self.move_petition(petition.name, "Sort", self.reception)
		self.assertEqual(petition.status, "Petition Classified")
		with self.assertRaises(NOT_ALLOWED):  # the condition is not met
			self.move_petition(petition.name, FORWARD, self.secretariat)
		frappe.db.set_value("Citizen Petition", petition.name, "answer", "Đã giải thích tại chỗ")
		petition = self.move_petition(petition.name, "Record Answer on the Spot", self.reception)
		self.assertEqual((petition.status, petition.answer_mode), ("Answered on the Spot", "On the Spot"))

		# closing a repeat finds the renamed actions by the status their states set
		repeat = make_petition()
		frappe.set_user(self.secretariat)
		frappe.get_doc("Citizen Petition", repeat.name).close_as_duplicate(petition.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Citizen Petition", repeat.name, "status"), "Petition Closed")

	def test_a_removed_transition_the_action_relied_on_is_named(self):
		def no_close_as_duplicate(wf):
			wf["transitions"] = [t for t in wf["transitions"] if t["action"] != "Close as Duplicate"]

		self.edit_workflow(PETITION_WORKFLOW, no_close_as_duplicate)
		earlier = make_petition()
		frappe.db.set_value(
			"Citizen Petition",
			earlier.name,
			{
				"workflow_state": "Petition Answered",
				"status": "Petition Answered",
				"answer": "Đã trả lời",
				"answered_on": today(),
			},
		)
		repeat = apply_workflow(make_petition().as_dict(), "Classify")
		frappe.set_user(self.secretariat)
		with self.assertRaises(frappe.PermissionError) as ctx:
			frappe.get_doc("Citizen Petition", repeat.name).close_as_duplicate(earlier.name)
		frappe.set_user("Administrator")
		self.assertIn(PETITION_WORKFLOW, str(ctx.exception))

	def test_assignment_review_step_renamed_accept_other_role_condition(self):
		self.ensure_state("Result Checked")
		self.ensure_action("Check Result", "Approve Result")

		def edit(wf):
			wf["states"].append(
				{
					"state": "Result Checked",
					"doc_status": "0",
					"allow_edit": roles.SECRETARIAT,
					"update_field": "status",
					"update_value": "Result Submitted",
				}
			)
			kept = []
			for t in transitions_of(wf):
				if t["action"] == "Accept Result":
					t.update(
						{
							"state": "Result Checked",
							"action": "Approve Result",
							"allowed": roles.SECRETARIAT,
							"condition": "doc.assignee",
						}
					)
				kept.append(t)
			kept.append(
				{
					"state": "Result Submitted",
					"action": "Check Result",
					"next_state": "Result Checked",
					"allowed": roles.MANAGER,
					"allow_self_approval": 1,
				}
			)
			wf["transitions"] = kept

		self.edit_workflow(ASSIGNMENT_WORKFLOW, edit)
		petition = apply_workflow(make_petition().as_dict(), "Classify")
		frappe.set_user(self.secretariat)
		name = assignment_api.make_from_petitions([petition.name], self.land)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", petition.name, "status"), "Assigned to a Unit"
		)
		self.move_asg(name, "Start", self.officer)
		frappe.db.set_value("Petition Assignment", name, {"result": "Xong", "draft_answer": "Trả lời ông A"})
		self.move_asg(name, "Submit Result", self.officer)
		with self.assertRaises(NOT_ALLOWED):
			self.move_asg(name, "Approve Result", self.secretariat)  # checked first
		doc = self.move_asg(name, "Check Result", self.manager)
		self.assertEqual((doc.workflow_state, doc.status), ("Result Checked", "Result Submitted"))
		with self.assertRaises(NOT_ALLOWED):  # condition: an assignee is named
			self.move_asg(name, "Approve Result", self.secretariat)
		frappe.db.set_value("Petition Assignment", name, "assignee", self.officer)
		doc = self.move_asg(name, "Approve Result", self.secretariat)
		self.assertEqual((doc.status, doc.accepted_by), ("Result Accepted", self.secretariat))

		# the consequence ran as the system, with the real user recorded
		answered = frappe.get_doc("Citizen Petition", petition.name)
		self.assertEqual(
			(answered.status, answered.workflow_state), ("Petition Answered", "Petition Answered")
		)
		self.assertEqual(answered.modified_by, self.secretariat)
		self.assertIn("Trả lời ông A", answered.answer)
		notes = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Citizen Petition", "reference_name": petition.name},
			pluck="content",
		)
		self.assertTrue(any(name in (n or "") for n in notes), notes)
		versions = frappe.get_all(
			"Version",
			filters={"ref_doctype": "Citizen Petition", "docname": petition.name},
			fields=["owner", "data"],
		)
		moved = [v for v in versions if '"Petition Answered"' in v.data and '"workflow_state"' in v.data]
		self.assertEqual([v.owner for v in moved], [self.secretariat])

	def test_a_renamed_answered_state_without_its_status_is_named(self):
		"""The admin dropped the Update Field of the state the consequence moves to: a clear
		message naming the workflow, and the acceptance is not half-written."""

		def drop_update_field(wf):
			for s in wf["states"]:
				if s["state"] == "Petition Answered":
					s["update_field"] = None
					s["update_value"] = None

		self.edit_workflow(PETITION_WORKFLOW, drop_update_field)
		petition = apply_workflow(make_petition().as_dict(), "Classify")
		frappe.set_user(self.secretariat)
		name = assignment_api.make_from_petitions([petition.name], self.land)
		frappe.set_user("Administrator")
		self.move_asg(name, "Start", self.officer)
		frappe.db.set_value("Petition Assignment", name, {"result": "Xong", "draft_answer": "Trả lời"})
		self.move_asg(name, "Submit Result", self.officer)
		frappe.db.savepoint("before_accept")
		with self.assertRaises(WorkflowSetupError) as ctx:
			self.move_asg(name, "Accept Result", self.manager)
		frappe.db.rollback(save_point="before_accept")
		self.assertIn(PETITION_WORKFLOW, str(ctx.exception))
		self.assertEqual(frappe.db.get_value("Petition Assignment", name, "status"), "Result Submitted")


class TestPermissionLevelRights(AdminTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.commune = make_unit("UBND xã Cấp Quyền", "UBND", is_group=1).name
		cls.land = make_unit("Phòng Địa chính xã Cấp Quyền", "ĐC", parent=cls.commune, kind="Department").name
		cls.secretariat = make_user("level.secretariat@example.com", [roles.SECRETARIAT]).name
		cls.manager = make_user("level.manager@example.com", [roles.MANAGER]).name
		cls.officer = make_user("level.land@example.com", [roles.UNIT_OFFICER], unit=cls.land).name
		cls.plan = make_plan(cls.commune)

	def assignment(self):
		petition = apply_workflow(make_petition().as_dict(), "Classify")
		return frappe.get_doc(
			{
				"doctype": "Petition Assignment",
				"source_type": "Citizen Petitions",
				"petitions": [{"petition": petition.name}],
				"lead_unit": self.land,
				"task": "Kiểm tra, trả lời",
				"assigned_on": "2026-02-10",
			}
		).insert()

	def change_due_date(self, name, user, day="2026-06-30"):
		frappe.set_user(user)
		try:
			return frappe.client.set_value(
				"Petition Assignment",
				name,
				{"due_date": day, "due_date_reason": f"Chờ kết quả đo đạc đến {day}"},
			)
		finally:
			frappe.set_user("Administrator")

	def test_change_due_date_granted_to_another_role(self):
		a = self.assignment()
		with self.assertRaises(frappe.PermissionError) as ctx:
			self.change_due_date(a.name, self.secretariat)
		self.assertIn("Role Permissions Manager", str(ctx.exception))
		self.assertEqual(getdate(frappe.db.get_value("Petition Assignment", a.name, "due_date")), a.due_date)
		self.assertEqual(self.change_due_date(a.name, self.manager)["due_date"], "2026-06-30")  # the default

		self.grant("Petition Assignment", roles.SECRETARIAT, 1, "read", "write")
		self.revoke("Petition Assignment", roles.MANAGER, 1, "write")
		self.assertEqual(
			self.change_due_date(a.name, self.secretariat, "2026-07-15")["due_date"], "2026-07-15"
		)
		with self.assertRaises(frappe.PermissionError):
			self.change_due_date(a.name, self.manager, "2026-07-31")
		self.assertEqual(str(frappe.db.get_value("Petition Assignment", a.name, "due_date")), "2026-07-15")

	def test_deciding_an_extension_granted_to_another_role(self):
		a = self.assignment()
		frappe.set_user(self.officer)
		request_extension(a.name, str(add_days(a.due_date, 10)), "Cần xác minh thêm")
		row = frappe.get_doc("Petition Assignment", a.name).extensions[0].name
		frappe.set_user(self.secretariat)
		with self.assertRaises(frappe.PermissionError):
			decide_extension(a.name, row, 1)
		self.grant("Petition Assignment", roles.SECRETARIAT, 2, "read", "write")
		frappe.set_user(self.secretariat)
		out = decide_extension(a.name, row, 1, "Đồng ý")
		frappe.set_user("Administrator")
		self.assertEqual(
			(out["decision"], getdate(out["due_date"])), ("Approved", getdate(add_days(a.due_date, 10)))
		)

	def test_allowing_a_late_notice_granted_to_another_role(self):
		conf = make_conference(self.plan.name, "2026-03-16")
		late = {"notice_date": "2026-03-10", "late_notice_override": 1, "late_notice_reason": "Đột xuất"}

		def allow(user):
			frappe.set_user(user)
			try:
				return frappe.client.set_value("Dialogue Conference", conf.name, late)
			finally:
				frappe.set_user("Administrator")

		with self.assertRaises(frappe.PermissionError) as ctx:
			allow(self.secretariat)
		self.assertIn("Role Permissions Manager", str(ctx.exception))
		self.grant("Dialogue Conference", roles.SECRETARIAT, 1, "read", "write")
		saved = allow(self.secretariat)
		self.assertEqual(
			(saved["late_notice_override"], saved["late_notice_approved_by"]), (1, self.secretariat)
		)

	def test_the_refusal_is_translated(self):
		a = self.assignment()
		frappe.db.set_value("User", self.secretariat, "language", "vi")
		frappe.local.lang = "vi"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		frappe.set_user(self.secretariat)
		frappe.local.lang = "vi"
		with self.assertRaises(frappe.PermissionError) as ctx:
			frappe.client.set_value("Petition Assignment", a.name, {"due_date": "2026-06-30"})
		frappe.set_user("Administrator")
		self.assertIn("Bạn không có quyền", str(ctx.exception))


class TestRefusalThroughRest(FrappeTestCase):
	"""A user without the right tries it over HTTP (Frappe's WSGI app, a real session): 403
	with the message in the user's language. The records are committed for the request's own
	connection to see, and removed afterwards."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.unit = make_unit("UBND xã Gọi API", "UBND").name
		user = make_user("rest.secretariat@example.com", [roles.SECRETARIAT])
		user.db_set("language", "vi")
		cls.user, cls.password = user.name, frappe.generate_hash(length=16)
		update_password(cls.user, cls.password)
		petition = apply_workflow(make_petition(responsible_unit=cls.unit).as_dict(), "Classify")
		cls.assignment = frappe.get_doc(
			{
				"doctype": "Petition Assignment",
				"source_type": "Citizen Petitions",
				"petitions": [{"petition": petition.name}],
				"lead_unit": cls.unit,
				"task": "Kiểm tra, trả lời qua API",
				"assigned_on": today(),
			}
		).insert()
		request_extension(cls.assignment.name, str(add_days(today(), 60)), "Cần thêm thời gian")
		cls.petition = petition.name
		frappe.db.commit()  # nosemgrep: the HTTP request reads through its own connection
		cls.addClassCleanup(cls.remove_records)

	@classmethod
	def remove_records(cls):
		frappe.set_user("Administrator")
		frappe.delete_doc("Petition Assignment", cls.assignment.name, force=True, ignore_permissions=True)
		frappe.delete_doc("Citizen Petition", cls.petition, force=True, ignore_permissions=True)
		frappe.delete_doc("Dialogue Unit", cls.unit, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed

	def request(self, method: str, path: str, data: dict):
		from frappe.tests.test_api import make_request

		client = get_test_client()
		site = frappe.local.site
		login = {"usr": self.user, "pwd": self.password}
		make_request(
			target=client.post,
			args=("/api/method/login",),
			kwargs={"json": login, "buffered": True},
			site=site,
		)
		call = getattr(client, method)
		return make_request(target=call, args=(path,), kwargs={"json": data, "buffered": True}, site=site)

	def test_due_date_change_over_rest_is_403_translated(self):
		response = self.request(
			"put",
			f"/api/resource/Petition Assignment/{self.assignment.name}",
			{"due_date": str(add_days(today(), 90)), "due_date_reason": "Đổi qua API"},
		)
		self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:500])
		self.assertIn("Bạn không có quyền thay đổi hạn giải quyết", response.json["exception"])
		self.assertEqual(
			getdate(frappe.db.get_value("Petition Assignment", self.assignment.name, "due_date")),
			getdate(self.assignment.due_date),
		)

	def test_extension_decision_over_rest_is_403_translated(self):
		row = frappe.get_doc("Petition Assignment", self.assignment.name).extensions[0].name
		response = self.request(
			"post",
			"/api/method/run_doc_method",  # what the form's frm.call sends
			{
				"dt": "Petition Assignment",
				"dn": self.assignment.name,
				"method": "decide_extension",
				"args": {"row": row, "approve": 1},
			},
		)
		self.assertEqual(response.status_code, 403, response.get_data(as_text=True)[:500])
		self.assertIn("Bạn không có quyền quyết định gia hạn", response.json["exception"])
		self.assertEqual(frappe.db.get_value("Assignment Extension Request", row, "decision"), "Pending")
