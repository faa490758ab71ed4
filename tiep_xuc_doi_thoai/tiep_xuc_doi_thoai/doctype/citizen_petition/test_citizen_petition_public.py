# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The website: a guest sends an opinion and follows it by code, and sees nobody else's."""

import base64
import json
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.api import public
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import public_form
from tiep_xuc_doi_thoai.services import petition_identity as identity
from tiep_xuc_doi_thoai.services import public_pages
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit


def submit(**fields):
	"""The form as a person sends it: with the token of a page shown half a minute ago."""
	fields.setdefault("form_token", public.new_form_token(time.time() - 30))
	return public.submit_opinion(**fields)


class TestPublicPetitions(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")

	def count(self) -> int:
		return frappe.db.count("Citizen Petition")

	def test_guest_sends_an_opinion_and_follows_it(self):
		out = submit(
			content="Đề nghị lắp đèn chiếu sáng đoạn đường qua trường tiểu học",
			petitioner_name="Nguyễn Thị Hoa",
			phone="0987 654 321",
			commune="Xã Tam Đường",
		)
		code = out["tracking_code"]
		self.assertIn(code, out["message"])
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Citizen Petition", {"tracking_code": code.replace("-", "")})
		self.assertEqual(doc.owner, "Guest")
		self.assertEqual(doc.source, petition_rules.SOURCE_ONLINE)
		self.assertEqual(doc.workflow_state, petition_rules.RECEIVED)

		frappe.set_user("Guest")
		seen = public.lookup(code.lower())
		self.assertTrue(seen["found"])
		self.assertNotIn("Nguyễn Thị Hoa", json.dumps(seen, ensure_ascii=False, default=str))
		self.assertIsNone(seen["answer"])

		frappe.set_user("Administrator")
		frappe.db.set_value(
			"Citizen Petition",
			doc.name,
			{
				"workflow_state": petition_rules.ANSWERED,
				"status": petition_rules.ANSWERED,
				"answer": "Đã lắp 5 bóng đèn.",
				"answered_on": today(),
			},
		)
		frappe.set_user("Guest")
		self.assertIsNone(public.lookup(code)["answer"], "not published yet")
		frappe.set_user("Administrator")
		frappe.db.set_value("Citizen Petition", doc.name, "publish_answer", 1)
		frappe.set_user("Guest")
		self.assertEqual(public.lookup(code)["answer"], "Đã lắp 5 bóng đèn.")

	def test_script_and_bad_input_write_nothing(self):
		before = self.count()
		for fields in (
			{"content": "<script>alert('x')</script>"},
			{"content": "Ý kiến", "petitioner_name": "<b onmouseover=alert(1)>A</b>"},
			{"content": "Ý kiến", "address": "javascript:alert(1)"},
			{"content": "   "},
			{"content": "Ý kiến", "petition_type": "Hack"},
			{"content": "Ý kiến", "phone": "12"},
			{"content": "x" * (public.MAX_CONTENT + 1)},
			{"content": "Ý kiến", "conference": "HN-0000-0000"},
		):
			with self.assertRaises(frappe.ValidationError, msg=str(fields)):
				submit(**fields)
		self.assertEqual(self.count(), before)

	def test_unknown_codes_leak_nothing(self):
		frappe.set_user("Administrator")
		make_petition(petitioner_name="Lê Văn Nam")
		frappe.set_user("Guest")
		for code in ("", None, "AAAAAAAAAAAA", "%", "' OR 1=1 --", "YK-2026-00001", "x" * 500):
			seen = public.lookup(code)
			self.assertEqual(seen["found"], False)
			self.assertEqual(set(seen), {"found", "message"})

	def test_denunciation_online_is_confidential(self):
		out = submit(
			content="Tố cáo việc thu tiền sai quy định tại bộ phận một cửa",
			petitioner_name="Người Tố Cáo Online",
			petition_type=petition_rules.DENUNCIATION,
		)
		frappe.set_user("Administrator")
		name = frappe.db.get_value(
			"Citizen Petition", {"tracking_code": out["tracking_code"].replace("-", "")}
		)
		self.assertEqual(frappe.db.get_value("Citizen Petition", name, "petitioner_name"), identity.MASK)
		self.assertTrue(identity.identity_exists(name))

	def test_announced_conference_takes_opinions(self):
		frappe.set_user("Administrator")
		unit = make_unit("UBND xã Thử Nghiệm Góp Ý", abbreviation="UBND")
		plan = make_plan(unit.name, year=getdate(today()).year)
		conference = make_conference(plan.name, add_days(today(), 20)).name
		frappe.set_user("Guest")
		with self.assertRaises(public.PublicSubmissionError):
			submit(content="Ý kiến gửi hội nghị chưa thông báo", conference=conference)
		frappe.set_user("Administrator")
		frappe.db.set_value("Dialogue Conference", conference, "status", "Announced")
		frappe.set_user("Guest")
		out = submit(content="Ý kiến gửi hội nghị đối thoại", conference=conference)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Citizen Petition", {"tracking_code": out["tracking_code"].replace("-", "")})
		self.assertEqual(doc.phase, petition_rules.PHASE_BEFORE)

	def fake_request(self, path: str, ip: str = "127.0.0.1"):
		from werkzeug.test import EnvironBuilder
		from werkzeug.wrappers import Request

		frappe.local.request = Request(EnvironBuilder(path=path, method="POST").get_environ())
		frappe.local.request_ip = ip
		self.addCleanup(self.drop_request)

	def drop_request(self):
		if hasattr(frappe.local, "request"):
			delattr(frappe.local, "request")

	def test_pages_render(self):
		from frappe.website.serve import get_response

		for route in ("gui-y-kien", "tra-cuu-y-kien"):
			self.fake_request("/" + route)
			response = get_response(route)
			self.assertEqual(response.status_code, 200, route)
			self.assertIn("tiep_xuc_doi_thoai.api.public", response.get_data(as_text=True))

	def test_the_form_page_is_stored_once_and_the_token_asked_per_person(self):
		"""The form is the same for everyone: Frappe's page cache keeps it, without a token;
		each person's token comes from ``form_token``; announcing a conference drops the page."""
		from frappe.website.serve import get_response

		def render() -> tuple[str, bool]:
			self.fake_request("/gui-y-kien")
			frappe.local.response = frappe._dict()
			html = get_response("gui-y-kien").get_data(as_text=True)
			return html, bool(frappe.local.response.get("from_cache"))

		frappe.flags.force_website_cache = True  # the test site runs in developer mode
		self.addCleanup(setattr, frappe.flags, "force_website_cache", False)
		public_pages.refresh_public_form()
		html, cached = render()
		self.assertFalse(cached)
		self.assertIn('id="form_token" value=""', html)
		self.assertIn("tiep_xuc_doi_thoai.api.public.form_token", html)
		self.assertTrue(render()[1], "the second citizen gets the stored page")

		token = public.form_token()
		self.assertIsNone(public_form.form_token_problem(token, public._token_key(), time.time() + 30))

		frappe.set_user("Administrator")
		unit = make_unit("UBND xã Trang Lưu Sẵn", abbreviation="UBND")
		plan = make_plan(unit.name, year=getdate(today()).year)
		conference = make_conference(
			plan.name, add_days(today(), 20), topic="Đối thoại về chợ cũ", notice_date=today()
		)
		frappe.db.set_value(
			"Dialogue Conference", conference.name, {"status": "Announced", "workflow_state": "Announced"}
		)
		conference.reload()
		conference.topic = "Đối thoại về chợ mới"
		conference.save()
		frappe.set_user("Guest")
		html, cached = render()
		self.assertFalse(cached, "the conference's change dropped the stored page")
		self.assertIn("Đối thoại về chợ mới", html)

	def test_submissions_are_rate_limited(self):
		# A fresh address each run: the counter lives in Redis for an hour.
		ip = "10.99." + frappe.generate_hash(length=6)
		self.fake_request("/api/method/tiep_xuc_doi_thoai.api.public.submit_opinion", ip=ip)
		for _ in range(5):
			submit(content="Ý kiến thử giới hạn số lần gửi")
		with self.assertRaises(frappe.RateLimitExceededError):
			submit(content="Ý kiến thử giới hạn số lần gửi")


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"


def attached(*files) -> str:
	return json.dumps(
		[
			{"filename": name, "data": "data:;base64," + base64.b64encode(content).decode()}
			for name, content in files
		]
	)


class TestPublicFormCitizenSide(FrappeTestCase):
	"""Anti-bot step, attachments and the satisfaction reply."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from tiep_xuc_doi_thoai.core import roles
		from tiep_xuc_doi_thoai.tests.factories import make_user

		cls.secretariat = make_user("reopen.secretariat@example.com", [roles.SECRETARIAT]).name

	def setUp(self):
		frappe.set_user("Guest")
		frappe.db.savepoint("citizen_side")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="citizen_side")

	def counts(self) -> tuple[int, int]:
		return frappe.db.count("Citizen Petition"), frappe.db.count(
			"File", {"attached_to_doctype": "Citizen Petition"}
		)

	def test_bots_are_refused_and_nothing_is_stored(self):
		before = self.counts()
		for fields in (
			{},  # no token
			{"form_token": "123.forged"},
			{"form_token": public.new_form_token()},  # sent the instant the page was shown
			{"form_token": public.new_form_token(time.time() - 30), "website": "http://spam.example"},
			{"form_token": public.new_form_token(time.time() - 3 * 60 * 60)},  # expired
		):
			with self.assertRaises(public.NotAPersonError, msg=str(fields)):
				public.submit_opinion(content="Ý kiến của một bot", **fields)
		self.assertEqual(self.counts(), before)

	def test_images_and_pdf_are_attached_private(self):
		out = submit(
			content="Ảnh đường hỏng kèm theo",
			attachments=attached(("duong.png", PNG), ("don.pdf", PDF)),
			public_consent=1,
		)
		frappe.set_user("Administrator")
		name = frappe.db.get_value(
			"Citizen Petition", {"tracking_code": out["tracking_code"].replace("-", "")}
		)
		self.assertEqual(frappe.db.get_value("Citizen Petition", name, "public_consent"), 1)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Citizen Petition", "attached_to_name": name},
			fields=["file_name", "is_private", "file_url"],
			order_by="file_name asc",
		)
		self.assertEqual([f.file_name for f in files], [f"{name}-1.png", f"{name}-2.pdf"])
		self.assertTrue(all(f.is_private and f.file_url.startswith("/private/files/") for f in files))
		frappe.set_user("Guest")
		self.assertFalse(
			frappe.has_permission("File", "read", frappe.get_doc("File", {"file_url": files[0].file_url}))
		)

	def test_bad_attachments_refuse_everything(self):
		from tiep_xuc_doi_thoai.core import public_form

		before = self.counts()
		for files in (
			(("bang.docx", b"PK\x03\x04 word document"),),
			(("script.png", b"<script>alert(1)</script>"),),  # a script disguised as an image
			(("anh.jpg", b"\xff\xd8\xff\xe0" + b"<?php system($_GET['c']); ?>"),),
			(("anh.pdf", PNG),),
			(("to.png", PNG + b"\x00" * public_form.MAX_FILE_BYTES),),
			(("ok.png", PNG), ("virus.exe", b"MZ\x90\x00")),  # one bad file refuses the good one too
			tuple((f"a{n}.png", PNG) for n in range(public_form.MAX_FILES + 1)),
		):
			with self.assertRaises(public.PublicSubmissionError, msg=str([f[0] for f in files])):
				submit(content="Ý kiến kèm tệp không hợp lệ", attachments=attached(*files))
		for broken in ("[{not json", '[{"filename": "a.png", "data": '):  # found under load (issue 18)
			with self.assertRaises(public.PublicSubmissionError, msg=broken):
				submit(content="Ý kiến kèm danh sách tệp hỏng", attachments=broken)
		self.assertEqual(self.counts(), before)

	def answered_petition(self, publish: int = 1) -> str:
		frappe.set_user("Administrator")
		doc = make_petition("Đề nghị nạo vét kênh thủy lợi thôn 4")
		frappe.db.set_value(
			"Citizen Petition",
			doc.name,
			{
				"workflow_state": petition_rules.ANSWERED,
				"status": petition_rules.ANSWERED,
				"answer": "Đã nạo vét xong.",
				"answered_on": today(),
				"publish_answer": publish,
			},
		)
		frappe.set_user("Guest")
		return petition_rules.format_tracking_code(doc.tracking_code), doc.name

	def test_not_satisfied_becomes_a_reopen_request_for_the_secretariat(self):
		code, name = self.answered_petition()
		self.assertTrue(public.lookup(code)["can_reply"])
		out = public.reply_satisfaction(code, 0, "Kênh vẫn còn ùn tắc")
		self.assertTrue(out["created"])
		again = public.reply_satisfaction(code, 0, "Gửi lại")
		self.assertFalse(again["created"])
		self.assertFalse(public.lookup(code)["can_reply"])
		frappe.set_user("Administrator")
		[reply] = frappe.get_all(
			"Petition Satisfaction Reply",
			filters={"petition": name},
			fields=["satisfaction", "status", "comment"],
		)
		self.assertEqual(
			(reply.satisfaction, reply.status, reply.comment),
			("Not Satisfied", "Reopen Requested", "Kênh vẫn còn ùn tắc"),
		)
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", name, "status"), petition_rules.ANSWERED
		)  # not moved
		logs = frappe.get_all(
			"Notification Log",
			filters={"document_type": "Petition Satisfaction Reply"},
			fields=["for_user", "subject"],
		)
		self.assertIn(self.secretariat, [log.for_user for log in logs if name in (log.subject or "")], logs)

	def test_satisfied_needs_no_action_and_no_answer_no_reply(self):
		code, name = self.answered_petition()
		public.reply_satisfaction(code, 1)
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Petition Satisfaction Reply", {"petition": name}, "status"),
			"No Action Needed",
		)
		code, _name = self.answered_petition(publish=0)
		with self.assertRaises(public.PublicSubmissionError):
			public.reply_satisfaction(code, 0)
		with self.assertRaises(public.PublicSubmissionError):
			public.reply_satisfaction("XXXX-XXXX-XXXX", 0)
