# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The outbox's state machine with a fake transport: success, timeout, 5xx, 4xx, a receipt
lost on the way back (the retry gets the first receipt), giving up, and the answer coming back."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_to_date, get_datetime, now_datetime

from tiep_xuc_doi_thoai.api.public import lookup
from tiep_xuc_doi_thoai.core import levels as L
from tiep_xuc_doi_thoai.core import petitions as P
from tiep_xuc_doi_thoai.integrations import outbox
from tiep_xuc_doi_thoai.integrations.transport import Reply
from tiep_xuc_doi_thoai.setup import workflow_petition as W
from tiep_xuc_doi_thoai.tests import levels as T
from tiep_xuc_doi_thoai.tests.factories import make_petition
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

TRANSFER = "Dialogue Transfer"


def refusal(status: int, message: str) -> Reply:
	return Reply(status, {"_server_messages": frappe.as_json([frappe.as_json({"message": message})])})


class TestOutbox(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		T.make_levels()

	def tearDown(self):
		frappe.flags.txdt_transport = None
		super().tearDown()

	def use(self, *script) -> T.LoopbackTransport:
		frappe.flags.txdt_transport = T.LoopbackTransport(*script)
		return frappe.flags.txdt_transport

	def forward(self, **values):
		doc = make_petition(category="Đất đai", forward_link=T.LINK_UP, **values)
		doc = frappe.get_doc(apply_workflow(doc.as_dict(), W.CLASSIFY))
		doc = frappe.get_doc(apply_workflow(doc.as_dict(), W.FORWARD))
		return doc

	def transfer_of(self, petition: str, kind: str = L.KIND_PETITION):
		names = frappe.get_all(TRANSFER, filters={"reference_name": petition, "kind": kind}, pluck="name")
		self.assertEqual(len(names), 1, names)
		return frappe.get_doc(TRANSFER, names[0])

	def received(self, petition: str) -> list[str]:
		return frappe.get_all(
			"Citizen Petition",
			filters={"origin_link": T.LINK_DOWN, "origin_reference": petition},
			pluck="name",
		)

	def make_due(self, name: str) -> None:
		frappe.db.set_value(TRANSFER, name, "next_attempt_on", add_to_date(now_datetime(), minutes=-1))

	def test_forwarding_sends_once_and_keeps_the_receipt(self):
		transport = self.use()
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.SENT)
		self.assertEqual(transfer.attempts, 1)
		self.assertEqual(len(transport.calls), 1)
		upper = self.received(doc.name)
		self.assertEqual(len(upper), 1)
		self.assertEqual(transfer.remote_reference, upper[0])
		doc.reload()
		self.assertEqual(doc.upper_reference, upper[0])
		self.assertEqual(doc.forwarded_to_body, T.PROVINCE_UNIT)
		# Saving the forwarded petition again queues nothing more.
		doc.result = "Đã chuyển"
		doc.save()
		self.transfer_of(doc.name)
		self.assertEqual(outbox.send(transfer.name), None)

	def test_timeout_then_success(self):
		self.use(Reply(None, error=L.TIMEOUT))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.FAILED)
		self.assertIn("did not answer in time", transfer.last_error)
		wait = (get_datetime(transfer.next_attempt_on) - now_datetime()).total_seconds()
		self.assertAlmostEqual(wait, L.retry_delay(1).total_seconds(), delta=5)
		self.assertEqual(self.received(doc.name), [])
		# Not due yet: the scheduler leaves it.
		self.assertNotIn(transfer.name, outbox.send_due())
		self.make_due(transfer.name)
		self.assertIn(transfer.name, outbox.send_due())
		transfer.reload()
		self.assertEqual((transfer.status, transfer.attempts), (L.SENT, 2))
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_server_errors_back_off_exponentially_then_give_up(self):
		self.use(*[refusal(502, "Bad Gateway")] * (L.MAX_ATTEMPTS + 1))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.FAILED)
		for attempt in range(2, L.MAX_ATTEMPTS + 1):
			self.make_due(transfer.name)
			outbox.send(transfer.name)
			transfer.reload()
			if attempt < L.MAX_ATTEMPTS:
				self.assertEqual(transfer.status, L.FAILED)
				wait = (get_datetime(transfer.next_attempt_on) - now_datetime()).total_seconds()
				self.assertAlmostEqual(wait, L.retry_delay(attempt).total_seconds(), delta=5)
		self.assertEqual((transfer.status, transfer.attempts), (L.DEAD, L.MAX_ATTEMPTS))
		self.assertIn("had an error", transfer.last_error)
		self.assertEqual(self.received(doc.name), [])

	def test_a_refused_payload_is_dead_at_once_notifies_and_can_be_retried(self):
		self.use(refusal(417, "Lĩnh vực X không có"))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.DEAD)
		self.assertIn("refused the transfer", transfer.last_error)
		self.assertIn("Lĩnh vực X không có", transfer.last_error)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": T.SECRETARY, "document_type": TRANSFER, "document_name": transfer.name},
			)
		)
		self.assertEqual(self.received(doc.name), [])
		frappe.set_user(T.SECRETARY)
		outbox.retry(transfer.name)
		frappe.set_user("Administrator")
		transfer.reload()
		self.assertEqual(transfer.status, L.SENT)
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_wrong_credentials_and_a_site_without_the_app(self):
		self.use(refusal(401, "Invalid token"))
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.DEAD)
		self.assertIn("credentials", transfer.last_error)
		self.use(Reply(200, "<html>Welcome to nginx</html>"))
		doc = self.forward(content="Kiến nghị thứ hai về đường giao thông")
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.DEAD)
		self.assertIn("does not answer as a site with this app", transfer.last_error)

	def test_a_receipt_lost_on_the_way_back_is_recovered_without_a_duplicate(self):
		self.use("deliver-then-lose")
		doc = self.forward()
		transfer = self.transfer_of(doc.name)
		self.assertEqual(transfer.status, L.FAILED)
		self.assertEqual(len(self.received(doc.name)), 1)
		self.make_due(transfer.name)
		outbox.send(transfer.name)
		transfer.reload()
		self.assertEqual(transfer.status, L.SENT)
		self.assertTrue(transfer.duplicate_receipt)
		self.assertEqual(transfer.remote_reference, self.received(doc.name)[0])
		self.assertEqual(len(self.received(doc.name)), 1)

	def test_the_upper_answer_comes_back_to_the_commune_and_its_tracking_page(self):
		self.use()
		doc = self.forward()
		upper = frappe.get_doc("Citizen Petition", self.received(doc.name)[0])
		upper = frappe.get_doc(apply_workflow(upper.as_dict(), W.CLASSIFY))
		upper.answer = "UBND tỉnh đã chỉ đạo Sở Tài nguyên và Môi trường kiểm tra, trả lời."
		upper.publish_answer = 1
		upper.save()
		apply_workflow(upper.as_dict(), W.ANSWER_ON_THE_SPOT)
		update = frappe.get_all(
			TRANSFER,
			filters={"reference_name": upper.name, "kind": L.KIND_PETITION_UPDATE},
			fields=["status"],
			order_by="creation desc",
		)
		self.assertTrue(update)
		self.assertTrue(all(u.status == L.SENT for u in update))
		doc.reload()
		self.assertEqual(doc.upper_state, P.ANSWERED_ON_THE_SPOT)
		self.assertIn("Sở Tài nguyên", doc.upper_answer)
		self.assertTrue(doc.upper_answer_published)
		self.assertEqual(doc.upper_reference, upper.name)
		seen = lookup(doc.tracking_code)
		self.assertEqual(seen["forwarded_to"], T.PROVINCE_UNIT)
		self.assertIn("Sở Tài nguyên", seen["upper_answer"])
		# Written by the system-side path: under the caller (the province's integration user),
		# in the version history, with a timeline note; the commune's own workflow state stays.
		self.assertEqual(doc.modified_by, T.USER_FROM_PROVINCE)
		self.assertEqual(doc.status, P.FORWARDED)
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
		self.assertTrue(any(T.LINK_UP in n for n in notes))
		# The upper petition was created in its workflow's first state, with a note.
		self.assertEqual(frappe.db.get_value("Citizen Petition", upper.name, "owner"), T.USER_FROM_COMMUNE)
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
		upper = frappe.get_doc(apply_workflow(upper.as_dict(), W.CLASSIFY))
		upper.answer = "Đã trả lời bằng văn bản."
		upper.answered_on = frappe.utils.today()
		upper.save()
		move_as_consequence(upper, P.ANSWERED, "test")
		self.assertEqual(upper.status, P.ANSWERED)
		doc.reload()
		self.assertEqual(doc.upper_state, P.ANSWERED)
		self.assertEqual(doc.upper_public_status, P.public_status(P.ANSWERED))

	def test_an_unknown_status_from_the_upper_level_is_refused(self):
		self.use()
		doc = self.forward()
		reply = T.LoopbackTransport().deliver(
			L.endpoint_url(T.DOWN_URL, "petition_update"),
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
		reply = T.LoopbackTransport().deliver(
			L.endpoint_url(T.DOWN_URL, "petition_update"),
			{
				"idempotency_key": "x|u|1",
				"version": 1,
				"payload": {"sender_reference": stranger.name, "state": "Closed"},
			},
		)
		self.assertEqual(reply.status, 417)
		stranger.reload()
		self.assertFalse(stranger.upper_state)
