# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The receiving endpoint: idempotency, who may call it, a denouncer's identity, clear refusals."""

import frappe

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.integrations import receive
from tiep_xuc_doi_thoai.integrations.transport import Reply
from tiep_xuc_doi_thoai.permissions.identity import unsealed
from tiep_xuc_doi_thoai.services import petition_identity as identity
from tiep_xuc_doi_thoai.tests import levels as level_sites
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_site_link.dialogue_site_link import (
	SiteLinkError,
)
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_site_link.dialogue_site_link import (
	test_connection as check_connection,
)

DENOUNCER = "Lê Thị Tố Giác"


def body(key: str = "xa.test|Petition|YK-1", **petition) -> dict:
	values = {
		"content": "Đề nghị làm rõ việc thu hồi đất tại thôn Bản Mới",
		"petition_type": petition_rules.RECOMMENDATION,
		"category": "Đất đai",
		"received_date": "2026-01-05",
		**petition,
	}
	return {
		"idempotency_key": key,
		"version": levels.PAYLOAD_VERSION,
		"payload": {
			"version": levels.PAYLOAD_VERSION,
			"sender_reference": "YK-2026-00001",
			"sender_unit": level_sites.COMMUNE_UNIT,
			"to_unit": level_sites.PROVINCE_UNIT,
			"petition": values,
			"files": [],
		},
	}


class TestReceivingEndpoint(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		level_sites.make_levels()

	def setUp(self):
		super().setUp()
		self.transport = level_sites.LoopbackTransport()
		self.url = levels.endpoint_url(level_sites.UP_URL, "petition")

	def count(self, doctype="Citizen Petition", **filters):
		return frappe.db.count(doctype, filters)

	def test_creates_the_petition_and_answers_with_its_receipt(self):
		reply = self.transport.post(self.url, body(), ("k", "s"))
		self.assertEqual(reply.status, 200, reply.body)
		receipt = reply.body["message"]
		self.assertTrue(receipt["ok"])
		self.assertFalse(receipt["duplicate"])
		doc = frappe.get_doc("Citizen Petition", receipt["reference"])
		self.assertEqual(doc.source, petition_rules.SOURCE_OTHER_BODY)
		self.assertEqual(doc.source_body, level_sites.COMMUNE_UNIT)
		self.assertEqual(doc.origin_link, level_sites.LINK_DOWN)
		self.assertEqual(doc.origin_reference, "YK-2026-00001")
		self.assertEqual(str(doc.original_received_date), "2026-01-05")
		self.assertEqual(receipt["tracking_code"], petition_rules.format_tracking_code(doc.tracking_code))
		self.assertEqual(doc.owner, level_sites.USER_FROM_COMMUNE)

	def test_a_retry_or_replay_returns_the_first_receipt(self):
		first = self.transport.post(self.url, body(), ("k", "s")).body["message"]
		before = self.count(origin_link=level_sites.LINK_DOWN)
		again = self.transport.post(self.url, body(), ("k", "s")).body["message"]
		self.assertEqual(again["reference"], first["reference"])
		self.assertEqual(again["tracking_code"], first["tracking_code"])
		self.assertTrue(again["duplicate"])
		self.assertEqual(self.count(origin_link=level_sites.LINK_DOWN), before)

	def test_a_replay_with_altered_content_is_refused(self):
		self.transport.post(self.url, body(), ("k", "s"))
		before = self.count(origin_link=level_sites.LINK_DOWN)
		reply = self.transport.post(self.url, body(content="Nội dung đã bị sửa"), ("k", "s"))
		self.assertEqual(reply.status, 409)
		self.assertIn("different content", levels.remote_message(reply.body))
		self.assertEqual(levels.judge_response(reply.status, reply.body).reason, levels.CONFLICT)
		self.assertEqual(self.count(origin_link=level_sites.LINK_DOWN), before)

	def test_only_the_integration_roles_permission_lets_a_caller_in(self):
		# A Secretariat user (no right on the inbound record) is refused by Frappe's permission.
		reply = self.transport.deliver(self.url, body(key="a"), user=level_sites.SECRETARY)
		self.assertEqual(reply.status, 403)
		# An integration user no link names is refused too: it is not a known site.
		frappe.db.set_value("Dialogue Site Link", level_sites.LINK_DOWN, "enabled", 0)
		reply = self.transport.deliver(self.url, body(key="b"))
		self.assertEqual(reply.status, 403)
		self.assertIn("No enabled site link", levels.remote_message(reply.body))
		frappe.db.set_value("Dialogue Site Link", level_sites.LINK_DOWN, "enabled", 1)
		# The right is the Role Permission, not the role's name: without it, refused.
		perm = frappe.get_doc("DocPerm", {"parent": receive.INBOUND, "role": "Dialogue Integration"})
		frappe.db.set_value("DocPerm", perm.name, "create", 0)
		frappe.clear_cache(doctype=receive.INBOUND)
		try:
			reply = self.transport.deliver(self.url, body(key="c"))
			self.assertEqual(reply.status, 403)
		finally:
			frappe.db.set_value("DocPerm", perm.name, "create", 1)
			frappe.clear_cache(doctype=receive.INBOUND)
		self.assertEqual(self.count(receive.INBOUND, idempotency_key=("in", ["a", "b", "c"])), 0)

	def test_a_denouncers_identity_goes_only_to_the_confidential_record(self):
		data = body(key="to-cao", petition_type=petition_rules.DENUNCIATION, identity_confidential=1)
		data["payload"]["identity"] = {"petitioner_name": DENOUNCER, "id_number": "001099012345"}
		receipt = self.transport.post(self.url, data, ("k", "s")).body["message"]
		doc = frappe.get_doc("Citizen Petition", receipt["reference"])
		self.assertEqual(doc.petitioner_name, identity.MASK)
		self.assertFalse(doc.id_number)
		self.assertTrue(doc.identity_confidential)
		stored = frappe.db.get_value(
			"Petition Identity", {"petition": doc.name}, ["petitioner_name", "id_number"], as_dict=True
		)
		# sealed at rest with this site's key (permissions/sealing.py), whole when opened
		self.assertNotIn(DENOUNCER, frappe.as_json(stored))
		stored = unsealed(stored)
		self.assertEqual(stored.petitioner_name, DENOUNCER)
		self.assertEqual(stored.id_number, "001099012345")
		inbound = frappe.get_doc(receive.INBOUND, {"idempotency_key": "to-cao"})
		self.assertNotIn(DENOUNCER, frappe.as_json(inbound.as_dict()))
		self.assertFalse(
			frappe.db.exists("Version", {"docname": doc.name, "data": ("like", f"%{DENOUNCER}%")})
		)

	def test_unknown_category_or_unit_is_refused_clearly_and_nothing_is_kept(self):
		before = self.count()
		reply = self.transport.post(self.url, body(key="cat", category="Lĩnh vực không có"), ("k", "s"))
		self.assertEqual(reply.status, 417)
		self.assertIn("Lĩnh vực không có", levels.remote_message(reply.body))
		self.assertEqual(levels.judge_response(reply.status, reply.body).outcome, levels.Outcome.REFUSED)
		data = body(key="unit")
		data["payload"]["to_unit"] = "UBND tỉnh Không Có"
		reply = self.transport.post(self.url, data, ("k", "s"))
		self.assertEqual(reply.status, 417)
		self.assertIn("UBND tỉnh Không Có", levels.remote_message(reply.body))
		self.assertEqual(self.count(), before)
		self.assertEqual(self.count(receive.INBOUND, idempotency_key=("in", ["cat", "unit"])), 0)

	def test_refusals_are_translated(self):
		frappe.local.lang = "vi"
		try:
			reply = self.transport.post(self.url, body(key="vi", category="Không có"), ("k", "s"))
		finally:
			frappe.local.lang = "en"
		message = levels.remote_message(reply.body)
		self.assertIn("không có trên trang nhận", message)


class TestSiteLink(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		level_sites.make_levels()

	def tearDown(self):
		frappe.flags.txdt_transport = None
		super().tearDown()

	def test_plain_http_is_refused_except_to_loopback(self):
		link = frappe.get_doc("Dialogue Site Link", level_sites.LINK_UP)
		link.site_url = "http://tinh.example.test"
		with self.assertRaises(SiteLinkError):
			link.save()
		link.reload()
		link.site_url = "http://127.0.0.1:8111/"
		link.save()
		self.assertEqual(link.site_url, "http://127.0.0.1:8111")

	def test_test_connection(self):
		frappe.flags.txdt_transport = level_sites.LoopbackTransport()
		result = check_connection(level_sites.LINK_UP)
		self.assertTrue(result["ok"], result)
		self.assertIn(level_sites.LINK_DOWN, result["message"])  # how the other side knows this site
		frappe.flags.txdt_transport = level_sites.LoopbackTransport(
			Reply(401, {"exc_type": "AuthenticationError"})
		)
		result = check_connection(level_sites.LINK_UP)
		self.assertFalse(result["ok"])
		self.assertIn("credentials", result["message"])
		self.assertEqual(
			frappe.db.get_value("Dialogue Site Link", level_sites.LINK_UP, "last_check_result"),
			result["message"],
		)

	def test_secrets_are_not_in_the_record(self):
		link = frappe.get_doc("Dialogue Site Link", level_sites.LINK_UP)
		self.assertNotIn(
			"secret", frappe.as_json({k: v for k, v in link.as_dict().items() if k != "api_secret"})
		)
		self.assertEqual(link.get_password("api_secret"), "secret")
		self.assertNotEqual(
			frappe.db.get_value("Dialogue Site Link", level_sites.LINK_UP, "api_secret"), "secret"
		)
