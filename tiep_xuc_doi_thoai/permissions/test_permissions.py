# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Unit scope and secrecy in every channel (issue 9, points 4 and 5), as the users of each
role: in-process through frappe.client, reportview, query reports, the Excel registers, print,
link search and number cards; over HTTP through /api/resource and /private/files.

The HTTP requests run in another connection, so the records of this class are committed in
``setUpClass`` and deleted again in ``tearDownClass``.
"""

from __future__ import annotations

import io
import json

import frappe
import frappe.client
from frappe.desk import reportview
from frappe.desk.form.load import get_docinfo
from frappe.desk.query_report import run as run_report
from frappe.desk.search import search_widget
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client, get_url
from openpyxl import load_workbook

from tiep_xuc_doi_thoai.api import registers
from tiep_xuc_doi_thoai.core import roles as role_names
from tiep_xuc_doi_thoai.permissions import confidential, gate, identity, scope
from tiep_xuc_doi_thoai.tests.door_factories import api_token, attach_file, http, login_sid
from tiep_xuc_doi_thoai.tests.factories import make_petition, make_unit, make_user

UNIT = "Phòng Địa chính (i9b)"
CHILD_UNIT = "Tổ Đo đạc (i9b)"
OTHER_UNIT = "Phòng Tư pháp (i9b)"
DENOUNCER = "Lò Văn Tố Giác"
DENOUNCER_ID = "011099012345"
LETTER = b"Don to cao cua Lo Van To Giac, CCCD 011099012345"
USERS = {
	"officer": (role_names.UNIT_OFFICER,),
	"reception": (role_names.RECEPTION,),
	"secretariat": (role_names.SECRETARIAT,),
	"supervisor": (role_names.SUPERVISOR,),
	"manager": (role_names.MANAGER,),
	"sysman": ("System Manager", role_names.SUPERVISOR),
	"confidential": (role_names.CONFIDENTIAL, role_names.SUPERVISOR),
	# Comment and Version are System Manager's in Frappe: the one who reads them anyway
	"sysconf": ("System Manager", role_names.CONFIDENTIAL),
}
WITHOUT_IDENTITY = ("officer", "reception", "secretariat", "supervisor", "manager", "sysman")
MARK = "i9b-scope"


def user(key: str) -> str:
	return f"scope-{key}@i9b.test"


class TestUnitScopeAndSecrecy(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_unit(UNIT, abbreviation="DC", kind="Department", is_group=1)
		make_unit(CHILD_UNIT, abbreviation="DD", parent=UNIT, kind="Department")
		make_unit(OTHER_UNIT, abbreviation="TP", kind="Department")
		for key, roles in USERS.items():
			make_user(user(key), roles, unit=UNIT if key == "officer" else None)
		frappe.clear_cache()
		cls.p = {
			key: make_petition(f"{MARK} {key}: đề nghị sửa đường liên thôn", responsible_unit=unit).name
			for key, unit in (("own", UNIT), ("child", CHILD_UNIT), ("other", OTHER_UNIT), ("none", None))
		}
		secret = make_petition(
			f"{MARK} secret: tố cáo trưởng thôn",
			petition_type="Denunciation",
			petitioner_name=DENOUNCER,
			id_number=DENOUNCER_ID,
			responsible_unit=UNIT,
		)
		cls.secret = secret.name
		cls.letter = attach_file("Citizen Petition", secret.name, "i9b-don-to-cao.txt", LETTER)
		cls.comment = secret.add_comment("Comment", f"Người tố cáo là {DENOUNCER}").name
		cls.version = (
			frappe.get_doc(
				{
					"doctype": "Version",
					"ref_doctype": "Citizen Petition",
					"docname": secret.name,
					"data": json.dumps({"changed": [["petitioner_name", "", DENOUNCER]]}, ensure_ascii=False),
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.mail = (
			frappe.get_doc(
				{
					"doctype": "Communication",
					"communication_type": "Communication",
					"communication_medium": "Email",
					"sent_or_received": "Received",
					"subject": "Đơn tố cáo",
					"content": f"Tôi là {DENOUNCER}, CCCD {DENOUNCER_ID}",
					"sender": "to-giac@i9b.test",
					"reference_doctype": "Citizen Petition",
					"reference_name": secret.name,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.sids = {key: login_sid(user(key)) for key in USERS}
		cls.tokens = {key: api_token(user(key)) for key in ("supervisor", "confidential", "secretariat")}
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		petitions = [*cls.p.values(), cls.secret]
		for name in frappe.get_all("File", filters={"file_name": ("like", "i9b-%")}, pluck="name") + (
			frappe.get_all("File", filters={"attached_to_name": ("in", petitions)}, pluck="name")
		):
			if frappe.db.exists("File", name):
				frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		for name in [*cls.p.values(), cls.secret]:
			frappe.delete_doc("Citizen Petition", name, force=True, ignore_permissions=True)
		frappe.db.delete("Version", {"ref_doctype": "Citizen Petition", "docname": cls.secret})
		frappe.db.delete("Communication", {"name": cls.mail})
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def as_user(self, key: str):
		frappe.set_user(user(key))

	# -- helpers --------------------------------------------------------------------------------

	def names(self) -> list[str]:
		return list(self.p.values())

	def seen(self, names) -> set[str]:
		"""Which of this class's plain petitions appear in ``names``, by key."""
		names = set(names)
		return {key for key, name in self.p.items() if name in names}

	@staticmethod
	def listed(doctype: str, filters: dict) -> list:
		"""What a list shows the user; nothing when the doctype is closed to them altogether."""
		try:
			return frappe.get_list(doctype, filters=filters, pluck="name")
		except frappe.PermissionError:
			return []

	def http(self, path: str, key: str, params: dict | None = None):
		return http(path, self.sids[key], params)

	# -- unit scope -----------------------------------------------------------------------------

	def test_unit_scope_is_read_from_user_permissions(self):
		self.assertEqual(set(scope.scoped_units("Citizen Petition", user("officer"))), {UNIT, CHILD_UNIT})
		self.assertIsNone(scope.scoped_units("Citizen Petition", user("reception")))

	def test_unit_officer_lists_counts_and_reads_only_its_units(self):
		self.as_user("officer")
		in_class = {"name": ("in", self.names())}
		self.assertEqual(
			self.seen(frappe.get_list("Citizen Petition", filters=in_class, pluck="name")), {"own", "child"}
		)
		listed = frappe.client.get_list(
			"Citizen Petition", filters=in_class, fields=["name"], limit_page_length=0
		)
		self.assertEqual(self.seen(r["name"] for r in listed), {"own", "child"})
		self.assertEqual(gate.get_count("Citizen Petition", filters=in_class), 2)
		frappe.local.form_dict = frappe._dict(
			doctype="Citizen Petition",
			fields=json.dumps(["`tabCitizen Petition`.`name`"]),
			filters=json.dumps(in_class),
		)
		got = reportview.get()
		self.assertEqual(self.seen(row[0] for row in got["values"]), {"own", "child"})
		frappe.local.form_dict = frappe._dict(doctype="Citizen Petition", filters=json.dumps(in_class))
		self.assertEqual(reportview.get_count(), 2)
		self.assertEqual(frappe.client.get("Citizen Petition", self.p["own"])["name"], self.p["own"])
		for key in ("other", "none"):
			with self.assertRaises(frappe.PermissionError, msg=key):
				frappe.client.get("Citizen Petition", self.p[key])

	def test_unit_officer_writes_only_its_units(self):
		self.as_user("officer")
		frappe.client.set_value("Citizen Petition", self.p["own"], "result", "Đang xác minh")
		for key in ("other", "none"):
			with self.assertRaises(frappe.PermissionError, msg=key):
				frappe.client.set_value("Citizen Petition", self.p[key], "result", "x")
		self.assertFalse(frappe.db.get_value("Citizen Petition", self.p["none"], "result"))

	def test_reports_registers_search_and_cards_follow_the_scope(self):
		self.as_user("officer")
		result = run_report("Petition Reception Register", filters={})["result"]
		self.assertEqual(
			self.seen(r.get("petition") for r in result if isinstance(r, dict)), {"own", "child"}
		)
		registers.petition_register()
		book = load_workbook(io.BytesIO(frappe.local.response.filecontent), read_only=True)
		text = " ".join(
			str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c
		)
		self.assertIn(f"{MARK} own", text)
		self.assertNotIn(f"{MARK} other", text)
		self.assertNotIn(f"{MARK} none", text)
		found = search_widget("Citizen Petition", "", page_length=1000, as_dict=True)
		self.assertEqual(self.seen(r["name"] for r in found), {"own", "child"})
		from frappe.desk.doctype.number_card.number_card import get_result

		card = {"document_type": "Citizen Petition", "function": "Count"}
		self.assertEqual(get_result(card, [["Citizen Petition", "name", "in", self.names()]]), 2)

	def test_unit_officer_prints_only_its_units(self):
		self.as_user("officer")
		self.assertIn(f"{MARK} own", frappe.get_print("Citizen Petition", self.p["own"]))
		for key in ("other", "none"):
			# Frappe's print view answers "not found" rather than admit the record exists
			with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError), msg=key):
				frappe.get_print("Citizen Petition", self.p[key])

	def test_classifying_roles_still_see_petitions_without_a_unit(self):
		for key in ("reception", "secretariat"):
			self.as_user(key)
			self.assertEqual(
				self.seen(
					frappe.get_list("Citizen Petition", filters={"name": ("in", self.names())}, pluck="name")
				),
				{"own", "child", "other", "none"},
				key,
			)

	def test_rest_api_follows_the_scope(self):
		response = self.http(
			"/api/resource/Citizen Petition",
			"officer",
			{"filters": json.dumps({"name": ["in", self.names()]}), "limit_page_length": 0},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(self.seen(r["name"] for r in response.json["data"]), {"own", "child"})
		self.assertEqual(
			self.http(f"/api/resource/Citizen Petition/{self.p['own']}", "officer").status_code, 200
		)
		for key in ("other", "none"):
			self.assertEqual(
				self.http(f"/api/resource/Citizen Petition/{self.p[key]}", "officer").status_code, 403, key
			)

	# -- secrecy --------------------------------------------------------------------------------

	def test_identity_decision_is_the_role_permission(self):
		for key in WITHOUT_IDENTITY:
			self.assertFalse(identity.may_see_identity(user(key)), key)
		self.assertTrue(identity.may_see_identity(user("confidential")))

	def test_without_the_right_the_letter_comments_and_versions_stay_closed(self):
		for key in WITHOUT_IDENTITY:
			self.as_user(key)
			with self.assertRaises(frappe.PermissionError, msg=key):
				frappe.client.get("File", self.letter.name)
			self.assertFalse(self.listed("File", {"attached_to_name": self.secret}), key)
			self.assertFalse(self.listed("Comment", {"reference_name": self.secret}), key)
			self.assertFalse(self.listed("Version", {"docname": self.secret}), key)
			self.assertFalse(self.listed("Communication", {"reference_name": self.secret}), key)
			for doctype, name in (
				("Comment", self.comment),
				("Version", self.version),
				("Communication", self.mail),
			):
				self.assertFalse(frappe.has_permission(doctype, "read", frappe.get_doc(doctype, name)), key)
			self.assertIs(confidential.file_has_permission(self.letter, "read", user(key)), False, key)
			for path, params in (
				(self.letter.file_url, None),
				(
					"/api/method/frappe.core.doctype.file.file.download_file",
					{"file_url": self.letter.file_url},
				),
			):
				response = self.http(path, key, params)
				self.assertEqual(response.status_code, 403, f"{key} {path}")
				self.assertNotIn(DENOUNCER_ID.encode(), response.data, key)

	def test_with_the_right_they_open(self):
		self.as_user("confidential")
		self.assertEqual(frappe.client.get("File", self.letter.name)["name"], self.letter.name)
		self.as_user("sysconf")
		self.assertIn(self.comment, self.listed("Comment", {"reference_name": self.secret}))
		self.assertIn(self.version, self.listed("Version", {"docname": self.secret}))
		self.assertIn(self.mail, self.listed("Communication", {"reference_name": self.secret}))
		self.assertTrue(frappe.has_permission("Comment", "read", frappe.get_doc("Comment", self.comment)))
		response = self.http(self.letter.file_url, "confidential")
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.data, LETTER)

	def test_the_guarded_download_over_http(self):
		"""The letter is ciphertext on disk; the app's download opens it under its own name for
		Confidential Access; a forged, unknown or foreign id is a 403 and writes nothing."""
		method = "/api/method/tiep_xuc_doi_thoai.permissions.sealed_files.download"
		with open(frappe.get_doc("File", self.letter.name).get_full_path(), "rb") as f:
			self.assertNotIn(DENOUNCER_ID.encode(), f.read())
		frappe.db.rollback()  # each count a fresh read of what the requests committed
		reveals = {"reference_document": self.secret, "method": ("like", "Reveal Identity%")}
		before = frappe.db.count("Access Log", reveals)
		response = self.http(method, "confidential", {"file": self.letter.name})
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.data, LETTER)
		self.assertIn("i9b-don-to-cao.txt", response.headers.get("Content-Disposition", ""))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Access Log", reveals), before + 1)  # who, when, which
		logs = frappe.db.count("Access Log")
		for key, file in (
			("supervisor", self.letter.name),
			("officer", self.letter.name),
			("confidential", "forged-id"),
			("confidential", "x" * 300),
			("confidential", f"{self.letter.name}' or '1'='1"),
		):
			response = self.http(method, key, {"file": file})
			self.assertEqual(response.status_code, 403, f"{key} {file}")
			self.assertNotIn(DENOUNCER_ID.encode(), response.data)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Access Log"), logs)

	def test_the_desk_upload_gets_a_neutral_name_and_ciphertext(self):
		"""``upload_file`` (the desk's and the Attach field's path) over HTTP with a token."""
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the request runs on its own connection: no lock of this one may hold it
		response = make_request(
			target=get_test_client().post,
			args=(f"{get_url()}/api/method/upload_file",),
			kwargs={
				# who may write the petition (not see the identity) adds the attachment
				"buffered": True,  # the request's connection is closed in its own thread (see door_factories.http)
				"headers": {"Authorization": f"token {self.tokens['secretariat']}"},
				"data": {
					"file": (io.BytesIO(LETTER), "i9b-ten-lo-van-to-giac.txt"),
					"doctype": "Citizen Petition",
					"docname": self.secret,
					"is_private": "1",
				},
			},
		)
		self.assertEqual(response.status_code, 200, response.text)
		uploaded = response.json["message"]
		self.assertTrue(uploaded["file_name"].endswith(".enc"), uploaded)
		self.assertNotIn("lo-van", json.dumps(uploaded))
		frappe.db.rollback()
		with open(frappe.get_doc("File", uploaded["name"]).get_full_path(), "rb") as f:
			self.assertNotIn(DENOUNCER_ID.encode(), f.read())
		frappe.delete_doc("File", uploaded["name"], force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection

	def test_the_letter_over_an_api_key(self):
		"""An integration reading /private/files with a token is judged as its user too."""
		for key, expected in (("supervisor", 403), ("confidential", 200)):
			response = make_request(
				target=get_test_client().get,
				args=(f"{get_url()}{self.letter.file_url}",),
				kwargs={"headers": {"Authorization": f"token {self.tokens[key]}"}, "buffered": True},
			)
			self.assertEqual(response.status_code, expected, key)
			self.assertEqual(DENOUNCER_ID.encode() in response.data, expected == 200, key)

	def test_without_the_right_an_attachment_is_seen_to_exist_and_can_be_added(self):
		self.as_user("reception")
		get_docinfo(doctype="Citizen Petition", name=self.secret)
		attachments = frappe.response["docinfo"]["attachments"]
		self.assertEqual([a.name for a in attachments], [self.letter.name])
		# a neutral name (permissions/sealed_files.py): the letter's own name may name the denouncer
		self.assertTrue(attachments[0].file_name.endswith(".enc"))
		self.assertNotIn("i9b-don-to-cao", attachments[0].file_name)
		added = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "i9b-bien-ban-tiep.txt",
				"content": b"Bien ban tiep cong dan",
				"is_private": 1,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": self.secret,
			}
		).insert()
		self.assertTrue(frappe.db.exists("File", added.name))
		# ...and, once filed with the secret petition, it is closed like the letter.
		with self.assertRaises(frappe.PermissionError):
			frappe.client.get("File", added.name)

	def test_the_form_timeline_of_a_secret_petition(self):
		def docinfo(key: str) -> dict:
			response = self.http(
				"/api/method/frappe.desk.form.load.getdoc",
				key,
				{"doctype": "Citizen Petition", "name": self.secret},
			)
			self.assertEqual(response.status_code, 200, response.text)
			self.assertNotIn(DENOUNCER, json.dumps(response.json["docs"], ensure_ascii=False), key)
			return response.json["docinfo"]

		for key in ("supervisor", "sysman"):
			info = docinfo(key)
			self.assertFalse(info["comments"] or info["versions"] or info["communications"], key)
			self.assertNotIn(DENOUNCER, json.dumps(info, ensure_ascii=False), key)
			self.assertEqual([a["name"] for a in info["attachments"]], [self.letter.name], key)
		info = docinfo("confidential")
		self.assertIn(DENOUNCER, json.dumps(info["comments"], ensure_ascii=False))
		self.assertTrue(info["versions"])

	def test_public_files_of_a_secret_petition_become_private(self):
		upload = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "i9b-cong-khai.txt",
				"content": b"Bien ban tiep cong dan (cong khai nham)",
				"is_private": 0,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": self.secret,
			}
		).insert(ignore_permissions=True)
		upload.reload()
		self.assertTrue(upload.is_private)
		self.assertTrue(upload.file_url.startswith("/private/files/"))
		# a plain petition's public file is made private too (a citizen's letter is personal data)
		plain = make_petition(f"{MARK} later secret", responsible_unit=UNIT)
		photo = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "i9b-anh.txt",
				"content": b"anh hien truong truoc khi to cao",
				"is_private": 0,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": plain.name,
			}
		).insert(ignore_permissions=True)
		self.assertTrue(frappe.db.get_value("File", photo.name, "is_private"))
		plain = frappe.get_doc("Citizen Petition", plain.name)
		plain.petition_type = "Denunciation"
		plain.save()
		self.assertTrue(frappe.db.get_value("File", photo.name, "is_private"))
		for name in (upload.name, photo.name):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)

	def test_a_plain_petitions_files_follow_frappes_own_rule(self):
		self.assertFalse(confidential.is_secret_reference("Citizen Petition", self.p["own"]))
		self.as_user("officer")
		plain = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "i9b-anh-hien-truong.txt",
				"content": b"anh",
				"is_private": 1,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": self.p["own"],
			}
		).insert()
		frappe.set_user(user("supervisor"))
		self.assertTrue(frappe.has_permission("File", "read", plain))

	def test_the_import_file_of_a_confidential_import_is_closed(self):
		if not confidential.import_flag_exists():
			self.skipTest("Petition Import is not installed on this site yet")
		for attached in (True, False):
			self.as_user("reception")  # its uploader, who has no right to the identity either
			upload = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"i9b-import-{int(attached)}.txt",
					"content": LETTER,
					"is_private": 1,
				}
			).insert()
			frappe.set_user("Administrator")
			record = frappe.get_doc(
				{"doctype": "Petition Import", "import_file": upload.file_url, confidential.IMPORT_FLAG: 1}
			)
			record.flags.ignore_mandatory = True
			record.db_insert()
			if attached:
				upload.db_set({"attached_to_doctype": "Petition Import", "attached_to_name": record.name})
			upload.reload()
			for key in WITHOUT_IDENTITY:
				self.assertFalse(frappe.has_permission("File", "read", upload, user=user(key)), key)
			self.assertEqual(upload.owner, user("reception"))
			self.assertTrue(confidential.secret_file_url(upload.file_url))
			if attached:  # and who may read the import record, by Frappe's own File rule
				self.assertTrue(frappe.has_permission("File", "read", upload, user=user("sysconf")))
