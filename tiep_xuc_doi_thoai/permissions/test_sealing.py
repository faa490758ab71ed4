# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Secrets that no generic read can return (issue 16, part 1): identities encrypted at rest,
confidential files with neutral names and encrypted content, a neutral ``_comments`` cache,
keyed hashes for duplicate detection, every reveal in the Access Log, the migration patch."""

from __future__ import annotations

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.patches.v0_1 import seal_secrets
from tiep_xuc_doi_thoai.permissions import cached_columns, identity, sealed_files, sealing
from tiep_xuc_doi_thoai.services import duplicates
from tiep_xuc_doi_thoai.tests.door_factories import attach_file
from tiep_xuc_doi_thoai.tests.factories import make_petition, make_user

DENOUNCER = "Đèo Thị Bí Mật"
DENOUNCER_ID = "012345678901"
PHONE = "0912345678"
LETTER = f"Đơn tố cáo của {DENOUNCER}, CCCD {DENOUNCER_ID}".encode()
LETTER_NAME = "don-to-cao-deo-thi-bi-mat.txt"
CONFIDENTIAL = "seal-confidential@i16a.test"
SUPERVISOR = "seal-supervisor@i16a.test"


def raw_identity(petition: str) -> dict:
	"""The Petition Identity row as the database holds it."""
	table = frappe.qb.DocType("Petition Identity")
	return frappe.qb.from_(table).select("*").where(table.petition == petition).run(as_dict=True)[0]


def reveals(petition: str) -> int:
	return frappe.db.count("Access Log", {"reference_document": petition, "method": ("like", "Reveal%")})


class TestSealing(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_user(CONFIDENTIAL, (roles.CONFIDENTIAL, roles.SUPERVISOR))
		make_user(SUPERVISOR, (roles.SUPERVISOR,))
		frappe.clear_cache()

	def setUp(self):
		frappe.set_user("Administrator")
		self.secret = make_petition(
			"i16a tố cáo cán bộ địa chính nhận tiền",
			petition_type="Denunciation",
			petitioner_name=DENOUNCER,
			id_number=DENOUNCER_ID,
			phone=PHONE,
			address="Thôn Nà Bó",
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def attach(self, petition: str, name: str = LETTER_NAME, content: bytes = LETTER, **kw):
		return attach_file("Citizen Petition", petition, name, content, **kw)

	# -- identities -------------------------------------------------------------------------------

	def test_identity_is_sealed_at_rest(self):
		row = raw_identity(self.secret.name)
		for field in ("petitioner_name", "id_number", "phone", "address"):
			self.assertTrue(sealing.is_sealed(row[field]), field)
		dump = json.dumps(row, default=str, ensure_ascii=False)
		for secret in (DENOUNCER, DENOUNCER_ID, PHONE, "Nà Bó"):
			self.assertNotIn(secret, dump)
		# a sum or a like filter over the columns learns nothing
		self.assertFalse(
			frappe.get_all("Petition Identity", filters={"id_number": ("like", "0123%")}, pluck="name")
		)

	def test_who_may_see_gets_it_clear_and_the_reveal_is_logged(self):
		before = reveals(self.secret.name)
		frappe.set_user(CONFIDENTIAL)
		found = frappe.get_doc("Citizen Petition", self.secret.name).get_identity()
		self.assertEqual(found["petitioner_name"], DENOUNCER)
		self.assertEqual(found["id_number"], DENOUNCER_ID)
		frappe.set_user("Administrator")
		log = frappe.get_all(
			"Access Log",
			filters={"reference_document": self.secret.name, "method": ("like", "Reveal%")},
			fields=["user", "method", "export_from"],
			order_by="creation desc",
			limit=1,
		)[0]
		self.assertEqual(reveals(self.secret.name), before + 1)
		self.assertEqual((log.user, log.export_from), (CONFIDENTIAL, "Citizen Petition"))
		frappe.set_user(SUPERVISOR)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Citizen Petition", self.secret.name).get_identity()
		frappe.set_user("Administrator")
		self.assertEqual(reveals(self.secret.name), before + 1)

	def test_the_form_opens_and_saves_the_identity(self):
		name = frappe.db.get_value("Petition Identity", {"petition": self.secret.name})
		frappe.set_user(CONFIDENTIAL)
		doc = frappe.get_doc("Petition Identity", name)
		doc.run_method("onload")
		self.assertEqual(doc.petitioner_name, DENOUNCER)
		doc.phone = "0987654321"
		doc.save()
		row = raw_identity(self.secret.name)
		self.assertTrue(sealing.is_sealed(row["phone"]))
		self.assertEqual(sealing.unseal(row["phone"]), "0987654321")
		self.assertEqual(sealing.unseal(row["petitioner_name"]), DENOUNCER)

	def test_a_partial_update_keeps_the_sealed_fields(self):
		"""A REST update of one field sends the others sealed, as read: they stay as they were."""
		name = frappe.db.get_value("Petition Identity", {"petition": self.secret.name})
		doc = frappe.get_doc("Petition Identity", name)
		doc.village = "Bản Mới"
		doc.save(ignore_permissions=True)
		clear = identity.unsealed(raw_identity(self.secret.name))
		self.assertEqual((clear.petitioner_name, clear.village), (DENOUNCER, "Bản Mới"))

	def test_duplicates_match_secret_identities_by_keyed_hash(self):
		other = make_petition(
			"i16a tố cáo việc khác hoàn toàn không giống nội dung trước đây",
			petition_type="Denunciation",
			petitioner_name="Deo Thi Bi Mat",
			id_number="0123.4567.8901",
		)
		row = raw_identity(other.name)
		self.assertEqual(row["id_number_key"], raw_identity(self.secret.name)["id_number_key"])
		self.assertNotIn(DENOUNCER_ID, row["id_number_key"])
		frappe.set_user(CONFIDENTIAL)
		matches = {m.name: m for m in duplicates.duplicates_of(other)}
		self.assertIn(self.secret.name, matches)
		self.assertIn("same_id_number", matches[self.secret.name].reasons)
		# who may not see identities gets no match through them
		frappe.set_user(SUPERVISOR)
		matches = {m.name: m for m in duplicates.duplicates_of(other)}
		self.assertNotIn("same_id_number", getattr(matches.get(self.secret.name), "reasons", ()))

	# -- files ------------------------------------------------------------------------------------

	def test_a_confidential_attachment_is_sealed_on_insert(self):
		file = self.attach(self.secret.name, is_private=0)
		self.assertTrue(file.file_name.endswith(sealed_files.SEALED_EXTENSION))
		self.assertNotIn("deo", file.file_name)
		self.assertTrue(file.is_private and file.file_url.startswith("/private/files/"))
		on_disk = open(file.get_full_path(), "rb").read()
		self.assertTrue(sealing.is_sealed_content(on_disk))
		self.assertNotIn(DENOUNCER_ID.encode(), on_disk)
		# the attachment log on the petition names the neutral file only
		added = frappe.get_all(
			"Comment",
			filters={"reference_name": self.secret.name, "comment_type": "Attachment"},
			pluck="content",
		)
		self.assertTrue(added and all("deo-thi" not in c for c in added))
		# the guarded download opens it, under its original name, for who may see identities
		frappe.set_user(CONFIDENTIAL)
		original, clear = sealed_files.opened(file.name)
		self.assertEqual((original, clear), (LETTER_NAME, LETTER))
		frappe.set_user(SUPERVISOR)
		with self.assertRaises(frappe.PermissionError):
			sealed_files.opened(file.name)

	def test_every_path_that_inserts_a_file_seals_it(self):
		"""The public form inserts its Files its own way: sealed the same (the desk's upload:
		test_permissions, the levels receiver: test_dialogue_transfer)."""
		from tiep_xuc_doi_thoai.api.public import attach_files

		(url,) = attach_files(self.secret.name, [("don-cua-deo-thi.pdf", LETTER)])
		file = frappe.get_doc("File", {"file_url": url})
		self.assertTrue(url.endswith(sealed_files.SEALED_EXTENSION))
		self.assertTrue(sealing.is_sealed_content(file.get_content()))
		frappe.set_user(CONFIDENTIAL)
		self.assertEqual(sealed_files.opened(file.name)[1], LETTER)

	def test_a_copy_by_attach_copies_ciphertext(self):
		file = self.attach(self.secret.name)
		copy = frappe.get_doc(
			{
				"doctype": "File",
				"file_url": file.file_url,
				"attached_to_doctype": "Citizen Petition",
				"attached_to_name": self.secret.name,
			}
		).insert(ignore_permissions=True)
		self.assertTrue(sealing.is_sealed_content(copy.get_content()))
		self.assertTrue(copy.file_name.endswith(sealed_files.SEALED_EXTENSION))
		frappe.set_user(CONFIDENTIAL)
		self.assertEqual(sealed_files.opened(copy.name), (LETTER_NAME, LETTER))

	def test_forged_or_foreign_file_ids_get_403_and_nothing_is_written(self):
		file = self.attach(self.secret.name)
		logs = frappe.db.count("Access Log")
		frappe.set_user(CONFIDENTIAL)
		for forged in ("", "nope", "x" * 500, "../../etc/passwd", f"{file.name}' or 1=1 -- ", None, 42):
			with self.assertRaises(frappe.PermissionError, msg=repr(forged)):
				sealed_files.opened(forged)
		frappe.set_user(SUPERVISOR)
		with self.assertRaises(frappe.PermissionError):
			sealed_files.download(file.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Access Log"), logs)

	def test_a_petition_that_becomes_secret_has_its_files_sealed(self):
		plain = make_petition("i16a phản ánh đường hỏng, sau đổi thành tố cáo")
		file = self.attach(plain.name, name="anh-hien-truong.txt", content=b"anh hien truong", is_private=0)
		self.assertFalse(file.file_name.endswith(sealed_files.SEALED_EXTENSION))
		plain.reload()
		plain.attachment = file.file_url
		plain.petition_type = "Denunciation"
		plain.save()
		sealed = frappe.get_doc("File", file.name)
		self.assertTrue(sealed.file_name.endswith(sealed_files.SEALED_EXTENSION))
		self.assertTrue(sealing.is_sealed_content(sealed.get_content()))
		self.assertEqual(frappe.db.get_value("Citizen Petition", plain.name, "attachment"), sealed.file_url)
		frappe.set_user(CONFIDENTIAL)
		self.assertEqual(sealed_files.opened(file.name), ("anh-hien-truong.txt", b"anh hien truong"))

	# -- cached columns ---------------------------------------------------------------------------

	def test_comments_never_reach_the_cache_in_clear(self):
		comment = self.secret.add_comment("Comment", f"Người tố cáo là {DENOUNCER}")
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": "Đơn tố cáo",
				"content": f"Tôi là {DENOUNCER}, CCCD {DENOUNCER_ID}",
				"sender": "to-giac@i16a.test",
				"reference_doctype": "Citizen Petition",
				"reference_name": self.secret.name,
			}
		).insert(ignore_permissions=True)
		cached = json.loads(frappe.db.get_value("Citizen Petition", self.secret.name, "_comments"))
		self.assertEqual(len(cached), 2)  # the list still counts them
		self.assertIn(comment.name, [c["name"] for c in cached])
		self.assertNotIn(DENOUNCER, json.dumps(cached, ensure_ascii=False))
		self.assertNotIn(DENOUNCER_ID, json.dumps(cached, ensure_ascii=False))
		# a plain petition keeps Frappe's cache as it is
		plain = make_petition("i16a kiến nghị sửa cầu")
		plain.add_comment("Comment", "Đã kiểm tra hiện trường")
		cached = json.loads(frappe.db.get_value("Citizen Petition", plain.name, "_comments"))
		self.assertEqual([c["comment"] for c in cached], ["Đã kiểm tra hiện trường"])

	def test_neutral_comments_keeps_authors_and_names(self):
		cached = json.dumps([{"comment": "Tên: A", "by": "x@y", "name": "c1"}])
		self.assertEqual(
			json.loads(cached_columns.neutral_comments(cached)),
			[{"comment": identity.MASK, "by": "x@y", "name": "c1"}],
		)
		self.assertEqual(cached_columns.neutral_comments("not json"), "[]")

	# -- the migration patch ----------------------------------------------------------------------

	def test_the_patch_seals_what_was_stored_the_old_way(self):
		# an identity and a letter stored before sealing existed: clear columns, clear file
		old = make_petition("i16a tố cáo ghi nhận trước khi mã hóa", petition_type="Feedback")
		file = self.attach(old.name, name="don-cu.txt", content=LETTER)
		name = frappe.get_doc(
			{"doctype": "Petition Identity", "petition": old.name, "petitioner_name": "x"}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Petition Identity",
			name.name,
			{"petitioner_name": DENOUNCER, "id_number": DENOUNCER_ID, "id_number_key": None},
			update_modified=False,
		)
		frappe.db.set_value("Citizen Petition", old.name, "identity_confidential", 1, update_modified=False)
		frappe.db.set_value(
			"Citizen Petition",
			old.name,
			"_comments",
			json.dumps([{"comment": f"Tên {DENOUNCER}", "by": "a@b", "name": "c"}]),
			update_modified=False,
		)
		seal_secrets.execute()
		seal_secrets.execute()  # twice: nothing changes the second time
		row = raw_identity(old.name)
		self.assertTrue(sealing.is_sealed(row["petitioner_name"]) and row["id_number_key"])
		self.assertEqual(identity.unsealed(row).id_number, DENOUNCER_ID)
		sealed = frappe.get_doc("File", file.name)
		self.assertTrue(sealed.file_name.endswith(sealed_files.SEALED_EXTENSION))
		self.assertEqual(frappe.db.count("Confidential File", {"file": file.name}), 1)
		self.assertEqual(
			json.loads(frappe.db.get_value("Citizen Petition", old.name, "_comments"))[0]["comment"],
			identity.MASK,
		)
		frappe.set_user(CONFIDENTIAL)
		self.assertEqual(sealed_files.opened(file.name), ("don-cu.txt", LETTER))

	def test_a_wrong_key_says_so_and_opens_nothing(self):
		sealed = sealing.seal(DENOUNCER)
		key = frappe.local.conf.encryption_key
		try:
			from cryptography.fernet import Fernet

			frappe.local.conf.encryption_key = Fernet.generate_key().decode()
			with self.assertRaises(sealing.KeyMismatchError):
				sealing.unseal(sealed)
			self.assertFalse(sealing.key_matches())
		finally:
			frappe.local.conf.encryption_key = key
		self.assertEqual(sealing.unseal(sealed), DENOUNCER)
		self.assertTrue(sealing.key_matches())
