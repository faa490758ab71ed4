# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import json

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import roles as role_names
from tiep_xuc_doi_thoai.permissions.identity import unsealed
from tiep_xuc_doi_thoai.services import petition_identity as identity
from tiep_xuc_doi_thoai.services.duplicates import DuplicateError
from tiep_xuc_doi_thoai.services.working_calendar import due_date
from tiep_xuc_doi_thoai.setup import workflow_petition
from tiep_xuc_doi_thoai.tests.factories import make_petition, make_unit, make_user
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_petition.citizen_petition import (
	MarkupNotAllowedError,
	PetitionValidationError,
)

UNIT = "Phòng Tài nguyên và Môi trường (thử)"
OTHER_UNIT = "Phòng Văn hóa - Xã hội (thử)"
USERS = {
	"reception": (role_names.RECEPTION,),
	"secretariat": (role_names.SECRETARIAT,),
	"manager": (role_names.MANAGER,),
	"officer": (role_names.UNIT_OFFICER,),
	"supervisor": (role_names.SUPERVISOR,),
	"confidential": (role_names.CONFIDENTIAL, role_names.SUPERVISOR),
	"sysadmin": ("System Manager",),
}
DENOUNCER = "Trần Văn Bí Mật"
DENOUNCER_ID = "001099012345"


def petition(name: str):
	return frappe.get_doc("Citizen Petition", name)


def user(key: str) -> str:
	return f"petition-{key}@tiep4.test"


class PetitionTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(UNIT, abbreviation="TNMT", level="Commune", kind="Department")
		make_unit(OTHER_UNIT, abbreviation="VHXH", level="Commune", kind="Department")
		for key, roles in USERS.items():
			make_user(user(key), roles, unit=UNIT if key == "officer" else None)

	def tearDown(self):
		frappe.set_user("Administrator")

	def as_user(self, key: str):
		frappe.set_user(user(key))


class TestCitizenPetition(PetitionTestCase):
	def test_deadlines_follow_the_rules_of_the_type(self):
		received = add_days(today(), -3)
		doc = make_petition(received_date=received)
		self.assertEqual(getdate(doc.due_date), due_date("Petition Answer", received))
		self.assertFalse(doc.acceptance_due_date)
		self.assertTrue(doc.deadline_rule)
		self.assertIsInstance(doc.working_days_left, int)

		complaint = make_petition(
			petition_type=petition_rules.COMPLAINT, received_date=received, remote_area=1
		)
		accept_by = due_date("Complaint Acceptance", received, "Normal", "Remote")
		self.assertEqual(getdate(complaint.acceptance_due_date), accept_by)
		self.assertEqual(
			getdate(complaint.due_date), due_date("Complaint Resolution", accept_by, "Normal", "Remote")
		)
		complaint.accepted_on = received
		complaint.save()
		self.assertEqual(
			getdate(complaint.due_date), due_date("Complaint Resolution", received, "Normal", "Remote")
		)

	def test_tracking_code_is_unguessable_and_unique(self):
		a, b = make_petition(), make_petition()
		self.assertNotEqual(a.tracking_code, b.tracking_code)
		self.assertEqual(petition_rules.normalize_tracking_code(a.tracking_code), a.tracking_code)
		self.assertGreaterEqual(len(a.tracking_code), 10)
		self.assertTrue(a.name.startswith("YK-"))

	def test_bad_input_is_refused(self):
		with self.assertRaises(PetitionValidationError):
			make_petition(id_number="12345")
		with self.assertRaises(PetitionValidationError):
			make_petition(received_date=add_days(today(), 2))
		with self.assertRaises(PetitionValidationError):
			make_petition(petitioner_kind="Group", group_size=1)
		for text in ("<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "javascript:alert(1)"):
			with self.assertRaises(MarkupNotAllowedError):
				make_petition(content=text)
			with self.assertRaises(MarkupNotAllowedError):
				make_petition(petitioner_name=text)
		self.assertEqual(make_petition(id_number="001 099 012 346").id_number, "001099012346")
		self.assertTrue(make_petition(content="Diện tích < 50 m2 không được cấp giấy chứng nhận").name)


class TestPetitionWorkflow(PetitionTestCase):
	def transition(self, key: str, doc, action: str):
		self.as_user(key)
		try:
			apply_workflow(frappe.get_doc("Citizen Petition", doc.name), action)
		finally:
			frappe.set_user("Administrator")
		return frappe.get_doc("Citizen Petition", doc.name)

	def refused(self, key: str, doc, action: str):
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			self.transition(key, doc, action)

	def received_by_reception(self, **values):
		self.as_user("reception")
		doc = frappe.get_doc(
			{
				"doctype": "Citizen Petition",
				"content": values.pop(
					"content", "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình"
				),
				"petition_type": petition_rules.RECOMMENDATION,
				"source": petition_rules.SOURCE_RECEPTION,
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		self.assertEqual(doc.workflow_state, petition_rules.RECEIVED)
		return doc

	def test_spec_is_sound(self):
		self.assertEqual(workflow_petition.PETITION_WORKFLOW.problems(), [])
		self.assertTrue(frappe.db.exists("Workflow", "Citizen Petition"))

	def test_assigned_answered_closed_reopened(self):
		doc = self.received_by_reception()
		for key in ("supervisor", "officer"):
			self.refused(key, doc, workflow_petition.CLASSIFY)
		doc = self.transition("reception", doc, workflow_petition.CLASSIFY)
		self.assertEqual(doc.workflow_state, petition_rules.CLASSIFIED)

		self.refused("reception", doc, workflow_petition.ASSIGN)
		# A unit is needed to assign.
		with self.assertRaises(PetitionValidationError):
			self.transition("secretariat", doc, workflow_petition.ASSIGN)
		doc.responsible_unit = UNIT
		doc.save()
		doc = self.transition("secretariat", doc, workflow_petition.ASSIGN)
		self.assertEqual(doc.workflow_state, petition_rules.ASSIGNED)

		for key in ("supervisor", "reception", "manager"):
			self.refused(key, doc, workflow_petition.SUBMIT_ANSWER)
		with self.assertRaises(PetitionValidationError):
			self.transition("officer", doc, workflow_petition.SUBMIT_ANSWER)  # no answer written yet
		self.as_user("officer")
		officer_doc = frappe.get_doc("Citizen Petition", doc.name)
		officer_doc.answer = "UBND xã đã chỉ đạo cấp giấy chứng nhận trong tháng."
		officer_doc.save()
		frappe.set_user("Administrator")
		doc = self.transition("officer", doc, workflow_petition.SUBMIT_ANSWER)
		self.assertEqual(doc.workflow_state, petition_rules.ANSWERED)
		self.assertEqual(doc.answer_mode, petition_rules.ANSWER_IN_WRITING)
		self.assertTrue(doc.answered_on)
		self.assertIsNone(doc.working_days_left)

		for key in ("officer", "secretariat", "reception"):
			self.refused(key, doc, workflow_petition.CLOSE)
		doc = self.transition("manager", doc, workflow_petition.CLOSE)
		self.assertEqual(doc.workflow_state, petition_rules.CLOSED)

		self.refused("officer", doc, workflow_petition.REOPEN)
		doc = self.transition("manager", doc, workflow_petition.REOPEN)
		self.assertEqual(doc.workflow_state, petition_rules.CLASSIFIED)
		self.assertEqual(doc.reopen_count, 1)

	def test_unit_officer_sees_only_its_unit(self):
		mine = make_petition(responsible_unit=UNIT)
		other = make_petition(responsible_unit=OTHER_UNIT)
		self.as_user("officer")
		names = set(frappe.get_list("Citizen Petition", pluck="name", limit_page_length=0))
		self.assertIn(mine.name, names)
		self.assertNotIn(other.name, names)

	def test_decline_needs_a_reason_and_the_manager(self):
		doc = self.transition("secretariat", self.received_by_reception(), workflow_petition.CLASSIFY)
		self.refused("secretariat", doc, workflow_petition.DECLINE)
		with self.assertRaises(PetitionValidationError):
			self.transition("manager", doc, workflow_petition.DECLINE)
		doc.not_accepted_reason = "Không thuộc thẩm quyền, đã hướng dẫn công dân"
		doc.save()
		doc = self.transition("manager", doc, workflow_petition.DECLINE)
		self.assertEqual(doc.workflow_state, petition_rules.NOT_ACCEPTED)

	def test_on_the_spot_and_forwarded(self):
		doc = self.transition("secretariat", self.received_by_reception(), workflow_petition.CLASSIFY)
		doc.answer = "Chủ tịch UBND xã trả lời trực tiếp tại hội nghị."
		doc.save()
		doc = self.transition("manager", doc, workflow_petition.ANSWER_ON_THE_SPOT)
		self.assertEqual(doc.answer_mode, petition_rules.ANSWER_ON_THE_SPOT)
		doc = self.transition("secretariat", doc, workflow_petition.CLOSE)
		self.assertEqual(doc.workflow_state, petition_rules.CLOSED)

		doc = self.transition("secretariat", self.received_by_reception(), workflow_petition.CLASSIFY)
		with self.assertRaises(PetitionValidationError):
			self.transition("secretariat", doc, workflow_petition.FORWARD)
		doc.jurisdiction = petition_rules.BEYOND
		doc.forwarded_to_level = "Province"
		doc.forwarded_to_body = "Sở Nông nghiệp và Môi trường"
		doc.save()
		doc = self.transition("secretariat", doc, workflow_petition.FORWARD)
		self.assertEqual(doc.workflow_state, petition_rules.FORWARDED)
		self.assertTrue(doc.forwarded_on)


class TestDuplicates(PetitionTestCase):
	def test_similar_content_without_diacritics_and_same_id(self):
		first = make_petition(
			content="Đề nghị nâng cấp tuyến đường liên thôn Nà Khum đi Tả Phìn đã xuống cấp nghiêm trọng",
			petitioner_name="Lò Văn Hùng",
			id_number="012345678",
		)
		again = make_petition(
			content="de nghi nang cap tuyen duong lien thon Na Khum di Ta Phin da xuong cap nghiem trong",
		)
		other = make_petition(content="Kiến nghị hỗ trợ học sinh nghèo vượt khó", id_number="012345678")
		unrelated = make_petition(content="Phản ánh tình trạng chăn thả gia súc gây ô nhiễm nguồn nước")
		found = {m["name"]: m for m in petition(again.name).find_duplicates()}
		self.assertIn(first.name, found)
		self.assertEqual(found[first.name]["strength"], "Strong")
		self.assertNotIn(unrelated.name, found)
		by_id = {m["name"]: m for m in petition(other.name).find_duplicates()}
		self.assertEqual(by_id[first.name]["strength"], "Strong")

		petition(again.name).mark_duplicate(first.name)
		self.assertEqual(frappe.db.get_value("Citizen Petition", again.name, "duplicate_of"), first.name)

	def test_close_a_repeat_with_the_earlier_answer(self):
		first = make_petition(
			content="Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất giữa hai hộ ở thôn 3"
		)
		repeat = make_petition(
			content="Đề nghị giải quyết dứt điểm tranh chấp ranh giới đất giữa hai hộ ở thôn 3"
		)
		with self.assertRaises(DuplicateError):
			petition(repeat.name).close_as_duplicate(first.name)  # the first one is not answered yet
		frappe.db.set_value(
			"Citizen Petition",
			first.name,
			{
				"workflow_state": petition_rules.ANSWERED,
				"status": petition_rules.ANSWERED,
				"answer": "Đã hòa giải thành tại UBND xã.",
				"answered_on": today(),
			},
		)
		self.as_user("secretariat")
		petition(repeat.name).close_as_duplicate(first.name)
		frappe.set_user("Administrator")
		repeat.reload()
		self.assertEqual(repeat.workflow_state, petition_rules.CLOSED)
		self.assertEqual(repeat.duplicate_of, first.name)
		self.assertIn("Đã hòa giải thành tại UBND xã.", repeat.answer)

	def test_confidential_identity_is_matched_only_with_access(self):
		first = make_petition(
			petition_type=petition_rules.DENUNCIATION,
			petitioner_name=DENOUNCER,
			id_number="001099077777",
			content="Tố cáo cán bộ địa chính thu tiền trái quy định khi làm hồ sơ",
		)
		second = make_petition(id_number="001099077777", content="Đề nghị cấp lại sổ hộ nghèo cho gia đình")
		self.as_user("supervisor")
		self.assertNotIn(first.name, {m["name"] for m in petition(second.name).find_duplicates()})
		self.as_user("confidential")
		self.assertIn(first.name, {m["name"] for m in petition(second.name).find_duplicates()})


class TestConfidentiality(PetitionTestCase):
	def denunciation(self, **values):
		self.as_user("reception")
		doc = frappe.get_doc(
			{
				"doctype": "Citizen Petition",
				"petition_type": petition_rules.DENUNCIATION,
				"source": petition_rules.SOURCE_RECEPTION,
				"content": "Tố cáo trưởng thôn chiếm dụng tiền hỗ trợ hộ nghèo",
				"petitioner_name": DENOUNCER,
				"id_number": DENOUNCER_ID,
				"phone": "0912345678",
				"address": "Thôn Bản Giang, xã Tam Đường",
				"responsible_unit": UNIT,
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def assertHidden(self, payload, where: str):
		text = payload if isinstance(payload, str) else json.dumps(payload, default=str, ensure_ascii=False)
		self.assertNotIn(DENOUNCER, text, where)
		self.assertNotIn(DENOUNCER_ID, text, where)
		self.assertNotIn("0912345678", text, where)

	def test_identity_never_stays_on_the_row(self):
		doc = self.denunciation()
		row = frappe.db.get_value(
			"Citizen Petition", doc.name, ["petitioner_name", "id_number", "phone", "address"], as_dict=True
		)
		self.assertEqual(row.petitioner_name, identity.MASK)
		self.assertFalse(row.id_number or row.phone or row.address)
		self.assertTrue(doc.identity_confidential)
		stored = frappe.get_all(
			"Petition Identity", filters={"petition": doc.name}, fields=["petitioner_name", "id_number"]
		)
		# sealed at rest (permissions/sealing.py): whole once opened
		self.assertNotIn(DENOUNCER_ID, frappe.as_json(stored))
		stored = [unsealed(stored[0])]
		self.assertEqual(stored[0].petitioner_name, DENOUNCER)
		self.assertEqual(stored[0].id_number, DENOUNCER_ID)
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Citizen Petition", "docname": doc.name}, pluck="data"
		)
		self.assertHidden(versions, "version history")

	def test_every_channel_hides_the_identity(self):
		from frappe.client import get as client_get
		from frappe.client import get_list as client_get_list

		doc = self.denunciation()
		for key in ("supervisor", "secretariat", "manager", "officer", "reception", "sysadmin"):
			self.as_user(key)
			self.assertHidden(client_get("Citizen Petition", doc.name), f"REST get as {key}")
			self.assertHidden(
				client_get_list("Citizen Petition", fields=["*"], filters={"name": doc.name}),
				f"REST list as {key}",
			)
			self.assertHidden(
				frappe.get_list("Citizen Petition", fields=["*"], filters={"name": doc.name}), key
			)
			for lister in (frappe.get_list, client_get_list):
				try:
					rows = lister("Petition Identity", fields=["*"], filters={"petition": doc.name})
				except frappe.PermissionError:
					rows = []  # refused outright, or (System Manager) filtered to nothing
				self.assertEqual(rows, [], key)
			with self.assertRaises(frappe.PermissionError):
				petition(doc.name).get_identity()
			ident = identity.identity_exists(doc.name)
			self.assertFalse(frappe.has_permission("Petition Identity", "read", doc=ident))
			if key in ("supervisor", "secretariat", "manager"):
				self.assertHidden(frappe.get_print("Citizen Petition", doc.name), f"print as {key}")
			frappe.set_user("Administrator")

		self.as_user("confidential")
		self.assertEqual(petition(doc.name).get_identity()["petitioner_name"], DENOUNCER)
		self.assertEqual(len(frappe.get_list("Petition Identity", filters={"petition": doc.name})), 1)

	def test_export_hides_the_identity(self):
		from frappe.desk.reportview import export_query

		doc = self.denunciation()
		self.as_user("supervisor")
		frappe.local.form_dict = frappe._dict(
			doctype="Citizen Petition",
			file_format_type="CSV",
			fields=json.dumps(
				[
					f"`tabCitizen Petition`.`{f}`"
					for f in ("name", "petitioner_name", "id_number", "phone", "address")
				]
			),
			filters=json.dumps([["Citizen Petition", "name", "=", doc.name]]),
			title="Citizen Petition",
		)
		export_query()
		content = frappe.response.get("filecontent")
		content = content.decode() if isinstance(content, bytes) else str(content)
		self.assertIn(doc.name, content)
		self.assertHidden(content, "export")

	def test_only_confidential_access_may_change_the_identity(self):
		doc = self.denunciation()
		self.as_user("secretariat")
		doc = frappe.get_doc("Citizen Petition", doc.name)
		doc.petitioner_name = "Người khác"
		with self.assertRaises(identity.IdentityChangeNotAllowedError):
			doc.save()
		self.as_user("confidential")
		self.assertTrue(
			frappe.has_permission("Petition Identity", "read", doc=identity.identity_exists(doc.name))
		)

	def test_reclassified_as_denunciation(self):
		doc = make_petition(
			petitioner_name=DENOUNCER, id_number=DENOUNCER_ID, content="Phản ánh sai phạm trong cấp đất"
		)
		doc.content = "Phản ánh sai phạm trong cấp đất tái định cư"
		doc.save()
		doc.petition_type = petition_rules.DENUNCIATION
		doc.save()
		self.assertEqual(frappe.db.get_value("Citizen Petition", doc.name, "petitioner_name"), identity.MASK)
		version_filters = {"ref_doctype": "Citizen Petition", "docname": doc.name}
		# Frappe's runner keeps test saves out of the history: write the version an edit
		# before the reclassification leaves on a real site (the name in its diff).
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "Citizen Petition",
				"docname": doc.name,
				"data": json.dumps({"changed": [["petitioner_name", "", DENOUNCER]]}, ensure_ascii=False),
			}
		).insert(ignore_permissions=True)
		# The versions from before are closed to who may not see the identity...
		self.as_user("sysadmin")
		self.assertHidden(frappe.get_list("Version", filters=version_filters, pluck="data"), "versions")
		# ...and purged only by the explicit, logged action of who may (not by a supervisor).
		self.as_user("supervisor")
		with self.assertRaises(frappe.PermissionError):
			petition(doc.name).purge_earlier_versions()
		self.as_user("confidential")
		self.assertGreater(petition(doc.name).purge_earlier_versions(), 0)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.get_all("Version", filters=version_filters))
		log = frappe.get_all(
			"Comment",
			filters={"reference_name": doc.name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue(any("purged" in c or "xóa" in c for c in log), log)
		self.assertHidden(log, "purge log")
		# Once secret, always secret.
		doc.reload()
		doc.petition_type = petition_rules.COMPLAINT
		doc.save()
		self.assertTrue(doc.identity_confidential)

	def test_agency_keeps_only_the_paper_file(self):
		settings = frappe.get_single("Dialogue Settings")
		settings.denouncer_identity_storage = identity.PAPER_ONLY
		settings.save()
		try:
			doc = self.denunciation(paper_file_reference="Hồ sơ giấy số 12/TC-2026, tủ 3")
			self.assertFalse(identity.identity_exists(doc.name))
			self.assertEqual(
				frappe.db.get_value("Citizen Petition", doc.name, "petitioner_name"), identity.MASK
			)
		finally:
			settings.reload()
			settings.denouncer_identity_storage = "Confidential Record"
			settings.save()
