# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The outbox's state machine with a fake transport: success, timeout, 5xx, 4xx, a receipt
lost on the way back (the retry gets the first receipt), giving up, and the answer coming back."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, get_datetime, now_datetime

from tiep_xuc_doi_thoai.api.public import lookup
from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.integrations import outbox
from tiep_xuc_doi_thoai.integrations.transport import Reply
from tiep_xuc_doi_thoai.setup import workflow_petition
from tiep_xuc_doi_thoai.tests import levels as level_sites
from tiep_xuc_doi_thoai.tests.factories import make_petition
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

TRANSFER = "Dialogue Transfer"


def refusal(status: int, message: str) -> Reply:
	return Reply(status, {"_server_messages": frappe.as_json([frappe.as_json({"message": message})])})


class TestOutbox(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		level_sites.make_levels()

	def tearDown(self):
		frappe.flags.txdt_transport = None
		super().tearDown()

	def use(self, *script) -> level_sites.LoopbackTransport:
		frappe.flags.txdt_transport = level_sites.LoopbackTransport(*script)
		return frappe.flags.txdt_transport

	def forward(self, **values):
		doc = make_petition(category="Đất đai", forward_link=level_sites.LINK_UP, **values)
		doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.CLASSIFY))
		doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.FORWARD))
		return doc

	def transfer_of(self, petition: str, kind: str = levels.KIND_PETITION):
		names = frappe.get_all(TRANSFER, filters={"reference_name": petition, "kind": kind}, pluck="name")
		self.assertEqual(len(names), 1, names)
		return frappe.get_doc(TRANSFER, names[0])

	def received(self, petition: str) -> list[str]:
		return frappe.get_all(
			"Citizen Petition",
			filters={"origin_link": level_sites.LINK_DOWN, "origin_reference": petition},
			pluck="name",
		)

	def make_due(self, name: str) -> None:
		frappe.db.set_value(TRANSFER, name, "next_attempt_on", add_to_date(now_datetime(), minutes=-1))

	def test_forwarding_sends_once_and_keeps_the_receipt(self):
		transport = self.use()
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.SENT)
		self.assertEqual(transfer.attempts, 1)
		self.assertEqual(len(transport.calls), 1)
		upper = self.received(doc.name)
		self.assertEqual(len(upper), 1)
		self.assertEqual(transfer.remote_reference, upper[0])
		doc.reload()
		self.assertEqual(doc.upper_reference, upper[0])
		self.assertEqual(doc.forwarded_to_body, level_sites.PROVINCE_UNIT)
		# Saving the forwarded petition again queues nothing more.
		doc.result = "Đã chuyển"
		doc.save()
		self.transfer_of(doc.name)
		self.assertEqual(outbox.send(transfer.name), None)

	def test_timeout_then_success(self):
		self.use(Reply(None, error=levels.TIMEOUT))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.FAILED)
		self.assertIn("did not answer in time", transfer.last_error)
		wait = (get_datetime(transfer.next_attempt_on) - now_datetime()).total_seconds()
		self.assertAlmostEqual(wait, levels.retry_delay(1).total_seconds(), delta=5)
		self.assertEqual(self.received(doc.name), [])
		# Not due yet: the scheduler leaves it.
		self.assertNotIn(transfer.name, outbox.send_due())
		self.make_due(transfer.name)
		self.assertIn(transfer.name, outbox.send_due())
		transfer.reload()
		self.assertEqual((transfer.status, transfer.attempts), (levels.SENT, 2))
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_server_errors_back_off_exponentially_then_give_up(self):
		self.use(*[refusal(502, "Bad Gateway")] * (levels.MAX_ATTEMPTS + 1))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.FAILED)
		for attempt in range(2, levels.MAX_ATTEMPTS + 1):
			self.make_due(transfer.name)
			outbox.send(transfer.name)
			transfer.reload()
			if attempt < levels.MAX_ATTEMPTS:
				self.assertEqual(transfer.status, levels.FAILED)
				wait = (get_datetime(transfer.next_attempt_on) - now_datetime()).total_seconds()
				self.assertAlmostEqual(wait, levels.retry_delay(attempt).total_seconds(), delta=5)
		self.assertEqual((transfer.status, transfer.attempts), (levels.DEAD, levels.MAX_ATTEMPTS))
		self.assertIn("had an error", transfer.last_error)
		self.assertEqual(self.received(doc.name), [])

	def test_a_refused_payload_is_dead_at_once_notifies_and_can_be_retried(self):
		self.use(refusal(417, "Lĩnh vực X không có"))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.DEAD)
		self.assertIn("refused the transfer", transfer.last_error)
		self.assertIn("Lĩnh vực X không có", transfer.last_error)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"for_user": level_sites.SECRETARY,
					"document_type": TRANSFER,
					"document_name": transfer.name,
				},
			)
		)
		self.assertEqual(self.received(doc.name), [])
		frappe.set_user(level_sites.SECRETARY)
		outbox.retry(transfer.name)
		frappe.set_user("Administrator")
		transfer.reload()
		self.assertEqual(transfer.status, levels.SENT)
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_wrong_credentials_and_a_site_without_the_app(self):
		self.use(refusal(401, "Invalid token"))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.DEAD)
		self.assertIn("credentials", transfer.last_error)
		self.use(Reply(200, "<html>Welcome to nginx</html>"))
		doc = self.forward(content="Kiến nghị thứ hai về đường giao thông")
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.DEAD)
		self.assertIn("does not answer as a site with this app", transfer.last_error)

	def test_a_receipt_lost_on_the_way_back_is_recovered_without_a_duplicate(self):
		self.use("deliver-then-lose")
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, levels.FAILED)
		self.assertEqual(len(self.received(doc.name)), 1)
		self.make_due(transfer.name)
		outbox.send(transfer.name)
		transfer.reload()
		self.assertEqual(transfer.status, levels.SENT)
		self.assertTrue(transfer.duplicate_receipt)
		self.assertEqual(transfer.remote_reference, self.received(doc.name)[0])
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_the_upper_answer_comes_back_to_the_commune_and_its_tracking_page(self):
		self.use()
		doc = self.forward()
		upper = frappe.get_doc("Citizen Petition", self.received(doc.name)[0])
		upper = frappe.get_doc(apply_workflow(upper.as_dict(), workflow_petition.CLASSIFY))
		upper.answer = "UBND tỉnh đã chỉ đạo Sở Tài nguyên và Môi trường kiểm tra, trả lời."
		upper.publish_answer = 1
		upper.save()
		apply_workflow(upper.as_dict(), workflow_petition.ANSWER_ON_THE_SPOT)
		update = frappe.get_all(
			TRANSFER,
			filters={"reference_name": upper.name, "kind": levels.KIND_PETITION_UPDATE},
			fields=["status"],
			order_by="creation desc",
		)
		self.assertTrue(update)
		self.assertTrue(all(u.status == levels.SENT for u in update))
		doc.reload()
		self.assertEqual(doc.upper_state, petition_rules.ANSWERED_ON_THE_SPOT)
		self.assertIn("Sở Tài nguyên", doc.upper_answer)
		self.assertTrue(doc.upper_answer_published)
		self.assertEqual(doc.upper_reference, upper.name)
		seen = lookup(doc.tracking_code)
		self.assertEqual(seen["forwarded_to"], level_sites.PROVINCE_UNIT)
		self.assertIn("Sở Tài nguyên", seen["upper_answer"])
		# Written by the system-side path: under the caller (the province's integration user),
		# in the version history, with a timeline note; the commune's own workflow state stays.
		self.assertEqual(doc.modified_by, level_sites.USER_FROM_PROVINCE)
		self.assertEqual(doc.status, petition_rules.FORWARDED)
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Citizen Petition", "docname": doc.name}, pluck="data"
		)
		self.assertTrue(any('"upper_state"' in v for v in versions))
		notes = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Citizen Petition",
				"reference_name": doc.name,
				"comment_type": "Info",
			},
			pluck="content",
		)
		self.assertTrue(any(level_sites.LINK_UP in n for n in notes))
		# The upper petition was created in its workflow's first state, with a note.
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", upper.name, "owner"), level_sites.USER_FROM_COMMUNE
		)
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Citizen Petition",
					"reference_name": upper.name,
					"comment_type": "Info",
				},
			)
		)

	def test_a_status_set_as_a_consequence_upstream_comes_back_by_status(self):
		"""The answer back keys on the fixed status, also when it is written as the consequence
		of another document (db_set, no save), and whatever the state is called."""
		from tiep_xuc_doi_thoai.utils.workflow import move_as_consequence

		self.use()
		doc = self.forward()
		upper = frappe.get_doc("Citizen Petition", self.received(doc.name)[0])
		upper = frappe.get_doc(apply_workflow(upper.as_dict(), workflow_petition.CLASSIFY))
		upper.answer = "Đã trả lời bằng văn bản."
		upper.answered_on = frappe.utils.today()
		upper.save()
		move_as_consequence(upper, petition_rules.ANSWERED, "test")
		self.assertEqual(upper.status, petition_rules.ANSWERED)
		doc.reload()
		self.assertEqual(doc.upper_state, petition_rules.ANSWERED)
		self.assertEqual(doc.upper_public_status, petition_rules.public_status(petition_rules.ANSWERED))

	def test_an_unknown_status_from_the_upper_level_is_refused(self):
		self.use()
		doc = self.forward()
		reply = level_sites.LoopbackTransport().deliver(
			levels.endpoint_url(level_sites.DOWN_URL, "petition_update"),
			{
				"idempotency_key": "x|u|unknown",
				"version": 1,
				"payload": {"sender_reference": doc.name, "state": "Signed Off"},
			},
		)
		self.assertEqual(reply.status, 417)
		doc.reload()
		self.assertFalse(doc.upper_state)

	def test_an_update_for_a_petition_not_sent_to_that_site_is_refused(self):
		self.use()
		stranger = make_petition()
		reply = level_sites.LoopbackTransport().deliver(
			levels.endpoint_url(level_sites.DOWN_URL, "petition_update"),
			{
				"idempotency_key": "x|u|1",
				"version": 1,
				"payload": {"sender_reference": stranger.name, "state": "Closed"},
			},
		)
		self.assertEqual(reply.status, 417)
		stranger.reload()
		self.assertFalse(stranger.upper_state)
