# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The website: a guest sends an opinion and follows it by code, and sees nobody else's."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.api import public
from tiep_xuc_doi_thoai.core import petitions as P
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit
from tiep_xuc_doi_thoai.utils import petition_identity as identity


class TestPublicPetitions(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Guest")

	def tearDown(self):
		frappe.set_user("Administrator")

	def count(self) -> int:
		return frappe.db.count("Citizen Petition")

	def test_guest_sends_an_opinion_and_follows_it(self):
		out = public.submit_opinion(
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
		self.assertEqual(doc.source, P.SOURCE_ONLINE)
		self.assertEqual(doc.workflow_state, P.RECEIVED)

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
				"workflow_state": P.ANSWERED,
				"status": P.ANSWERED,
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
				public.submit_opinion(**fields)
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
		out = public.submit_opinion(
			content="Tố cáo việc thu tiền sai quy định tại bộ phận một cửa",
			petitioner_name="Người Tố Cáo Online",
			petition_type=P.DENUNCIATION,
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
			public.submit_opinion(content="Ý kiến gửi hội nghị chưa thông báo", conference=conference)
		frappe.set_user("Administrator")
		frappe.db.set_value("Dialogue Conference", conference, "status", "Announced")
		frappe.set_user("Guest")
		out = public.submit_opinion(content="Ý kiến gửi hội nghị đối thoại", conference=conference)
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Citizen Petition", {"tracking_code": out["tracking_code"].replace("-", "")})
		self.assertEqual(doc.phase, P.PHASE_BEFORE)

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

	def test_submissions_are_rate_limited(self):
		# A fresh address each run: the counter lives in Redis for an hour.
		ip = "10.99." + frappe.generate_hash(length=6)
		self.fake_request("/api/method/tiep_xuc_doi_thoai.api.public.submit_opinion", ip=ip)
		for _ in range(5):
			public.submit_opinion(content="Ý kiến thử giới hạn số lần gửi")
		with self.assertRaises(frappe.RateLimitExceededError):
			public.submit_opinion(content="Ý kiến thử giới hạn số lần gửi")
