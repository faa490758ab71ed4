# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""End to end: a citizen who asked to be told receives one message per public-facing change
through a fake SMS gateway on loopback and Frappe's e-mail queue, none after the opt-out link,
nothing that names a denouncer; a gateway that is down loses nothing."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime, today

from tiep_xuc_doi_thoai.api import citizen_updates as api
from tiep_xuc_doi_thoai.api import public
from tiep_xuc_doi_thoai.core import citizen_updates as update_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.tests.factories import make_petition, make_unit
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_petition.citizen_updates import ContactError
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message import (
	citizen_update_message as update_messages,
)
from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

PHONE = "0912345678"
EMAIL = "cong.dan@example.com"


class FakeGateway:
	"""A tiny SMS gateway on loopback: records what it is sent, or answers 503 when down."""

	def __init__(self):
		self.received: list[dict] = []
		self.down = False
		gateway = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
				if gateway.down:
					self.send_response(503)
					self.end_headers()
					return
				gateway.received.append({k: v[0] for k, v in parse_qs(body).items()})
				self.send_response(200)
				self.end_headers()
				self.wfile.write(b"OK")

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
		self.thread.start()

	def stop(self):
		self.server.shutdown()
		self.server.server_close()


class TestCitizenUpdates(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.gateway = FakeGateway()
		settings = frappe.get_single("SMS Settings")
		settings.sms_gateway_url = cls.gateway.url
		settings.message_parameter = "text"
		settings.receiver_parameter = "to"
		settings.use_post = 1
		settings.set("parameters", [])
		settings.save()
		from tiep_xuc_doi_thoai.setup.citizen_updates import create_citizen_update_templates

		create_citizen_update_templates()
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "Test Outgoing (citizen updates)",
					"email_id": "tiepdan@example.com",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "127.0.0.1",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)

	@classmethod
	def tearDownClass(cls):
		cls.gateway.stop()
		super().tearDownClass()

	def setUp(self):
		self.gateway.received.clear()
		self.gateway.down = False

	def sms_for(self, code: str) -> list[str]:
		return [r["text"] for r in self.gateway.received if code in r.get("text", "")]

	def emails_to(self, address: str) -> int:
		queue = frappe.qb.DocType("Email Queue")
		recipient = frappe.qb.DocType("Email Queue Recipient")
		return (
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(queue.name)
			.where((recipient.recipient == address) & (queue.reference_doctype == update_messages.DOCTYPE))
			.run(pluck=True)
		).__len__()

	def subscribed_petition(self, **values):
		return make_petition(
			notify_consent=1, notify_phone=PHONE, notify_email=values.pop("email", EMAIL), **values
		)

	def test_one_message_per_change_then_none_after_stop(self):
		email = "mot.lan@example.com"
		doc = self.subscribed_petition(petitioner_name="Trần Văn Bình", email=email)
		code = petition_rules.format_tracking_code(doc.tracking_code)
		# the contact is not on the petition's row, and is encrypted in the subscription
		self.assertFalse(frappe.db.get_value("Citizen Petition", doc.name, "notify_phone"))
		sub = frappe.get_doc("Petition Update Subscription", {"petition": doc.name})
		self.assertNotEqual(sub.phone, PHONE)
		self.assertEqual(sub.phone_hint, "091****678")
		update_messages.send_due()
		self.assertEqual(len(self.sms_for(code)), 1)
		self.assertEqual(self.emails_to(email), 1)
		self.assertNotIn("Trần Văn Bình", self.sms_for(code)[0])

		# a save that changes nothing public sends nothing; the job run twice sends nothing twice
		doc.reload()
		doc.subject = "Đường liên thôn"
		doc.save()
		update_messages.send_due()
		update_messages.send_due()
		self.assertEqual(len(self.sms_for(code)), 1)

		doc.reload()
		move_as_consequence(
			doc,
			petition_rules.ASSIGNED,
			"test",
			{"responsible_unit": make_unit("Phòng Kinh tế (tin nhắn)", "KT").name},
		)
		update_messages.send_due()
		self.assertEqual(len(self.sms_for(code)), 2)

		doc.reload()
		move_as_consequence(
			doc,
			petition_rules.ANSWERED,
			"test",
			{
				"answer": "Đã sửa xong.",
				"answered_on": today(),
				"answer_mode": petition_rules.ANSWER_IN_WRITING,
				"publish_answer": 1,
			},
		)
		update_messages.send_due()
		texts = self.sms_for(code)
		self.assertEqual(len(texts), 4, texts)  # answered + the satisfaction question
		self.assertEqual(self.emails_to(email), 4)
		stop_link = texts[-1].rsplit(" ", 1)[-1]
		self.assertIn("/ngung-nhan-tin?token=", stop_link)

		# the one link: the page's button posts the token; then nothing more is sent
		token = stop_link.split("token=", 1)[1]
		frappe.set_user("Guest")
		try:
			api.stop_updates(token)
			with self.assertRaises(public.PublicSubmissionError):
				api.stop_updates(token[:-2] + "00")
		finally:
			frappe.set_user("Administrator")
		doc.reload()
		move_as_consequence(doc, petition_rules.FORWARDED, "test")
		self.assertFalse(
			frappe.db.exists(
				update_messages.DOCTYPE, {"petition": doc.name, "event": update_rules.Event.FORWARDED.value}
			)
		)
		update_messages.send_due()
		self.assertEqual(len(self.sms_for(code)), 4)

	def test_a_gateway_that_is_down_loses_nothing(self):
		doc = self.subscribed_petition(email="")
		code = petition_rules.format_tracking_code(doc.tracking_code)
		self.gateway.down = True
		update_messages.send_due()
		key = update_rules.message_key(doc.name, update_rules.Event.RECEIVED, update_rules.Channel.SMS)
		failed = frappe.get_doc(update_messages.DOCTYPE, key)
		self.assertEqual(failed.status, update_messages.FAILED)
		self.assertEqual(failed.attempts, 1)
		self.assertIn("503", failed.last_error)
		self.assertNotIn(PHONE, failed.last_error)
		self.assertGreater(failed.next_try_on, now_datetime())
		# the Secretariat sees it in the list (a role permission, not code)
		self.assertTrue(
			any(
				p.role == "Dialogue Secretariat" and p.read
				for p in frappe.get_meta(update_messages.DOCTYPE).permissions
			)
		)
		# not due yet: nothing tried
		update_messages.send_due()
		self.assertEqual(frappe.db.get_value(update_messages.DOCTYPE, key, "attempts"), 1)
		self.gateway.down = False
		frappe.db.set_value(
			update_messages.DOCTYPE, key, "next_try_on", add_to_date(now_datetime(), minutes=-1)
		)
		update_messages.send_due()
		self.assertEqual(frappe.db.get_value(update_messages.DOCTYPE, key, "status"), update_messages.SENT)
		self.assertEqual(len(self.sms_for(code)), 1)

	def test_a_denouncer_is_never_named(self):
		doc = make_petition(
			content="Tố cáo cán bộ địa chính nhận tiền",
			petition_type=petition_rules.DENUNCIATION,
			petitioner_name="Lê Thị Cúc",
			notify_consent=1,
			notify_phone="0987654321",
		)
		sub = frappe.get_doc("Petition Update Subscription", {"petition": doc.name})
		self.assertEqual(sub.phone_hint, "***")
		update_messages.send_due()
		texts = self.sms_for(petition_rules.format_tracking_code(doc.tracking_code))
		self.assertEqual(len(texts), 1)
		everything = json.dumps(
			frappe.get_all(update_messages.DOCTYPE, filters={"petition": doc.name}, fields=["*"]),
			default=str,
			ensure_ascii=False,
		)
		for secret in ("Lê Thị Cúc", "0987654321", "địa chính"):
			self.assertNotIn(secret, texts[0])
			self.assertNotIn(secret, everything)

	def test_malformed_contact_is_refused_with_a_clear_message(self):
		with self.assertRaises(ContactError) as bad_phone:
			make_petition(notify_consent=1, notify_phone="12ab")
		self.assertIn("9", str(bad_phone.exception))
		with self.assertRaises(ContactError):
			make_petition(notify_consent=1, notify_email="khong-phai-email@")
		with self.assertRaises(ContactError):
			make_petition(notify_consent=1)
		# without consent nothing is kept and nothing is sent
		doc = make_petition(notify_phone=PHONE)
		self.assertFalse(frappe.db.exists("Petition Update Subscription", {"petition": doc.name}))

	def test_the_public_form_takes_consent(self):
		frappe.set_user("Guest")
		try:
			out = public.submit_opinion(
				content="Đề nghị nạo vét kênh mương nội đồng",
				phone="0911 222 333",
				email="nguoi.dan@example.com",
				notify_consent=1,
				form_token=public.new_form_token(time.time() - 30),
			)
			with self.assertRaises(ContactError):
				public.submit_opinion(
					content="Đề nghị khác",
					email="sai@",
					notify_consent=1,
					form_token=public.new_form_token(time.time() - 30),
				)
		finally:
			frappe.set_user("Administrator")
		name = frappe.db.get_value(
			"Citizen Petition", {"tracking_code": out["tracking_code"].replace("-", "")}
		)
		sub = frappe.get_doc("Petition Update Subscription", {"petition": name})
		self.assertEqual(sub.email_hint, "n***@example.com")
		self.assertEqual(sub.phone_hint, "091****333")

	def test_a_disabled_template_sends_nothing_of_its_kind(self):
		name = update_rules.template_name(update_rules.Event.RECEIVED, update_rules.Channel.SMS)
		frappe.db.set_value("Notification", name, "enabled", 0)
		try:
			doc = self.subscribed_petition(email="")
			self.assertFalse(frappe.db.exists(update_messages.DOCTYPE, {"petition": doc.name}))
		finally:
			frappe.db.set_value("Notification", name, "enabled", 1)
