"""Large Excel registers: built by a worker, kept as a private file, announced by a notification;
a range too large for a workbook is refused with a message (tier 2)."""

from __future__ import annotations

import io
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import load_workbook

from tiep_xuc_doi_thoai.api import registers
from tiep_xuc_doi_thoai.services import registers as services_registers
from tiep_xuc_doi_thoai.tests.factories import make_petition

DAY = "2025-03-0{}"


class TestRegistersInBackground(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()  # rolled back when the class ends
		for i in range(1, 4):
			make_petition(f"Kiến nghị số {i} về đường liên thôn", received_date=DAY.format(i))

	def setUp(self):
		self.range = {"from_date": "2025-03-01", "to_date": "2025-03-03"}

	def test_small_register_downloads_at_once(self):
		self.assertEqual(registers.prepare("petition_register", self.range), {"background": False, "rows": 3})
		frappe.local.response = frappe._dict()
		registers.petition_register(**self.range)
		self.assertEqual(frappe.local.response.type, "binary")

	def test_large_register_is_built_in_the_background_and_notified(self):
		before = frappe.db.count("Notification Log", {"for_user": frappe.session.user})
		frappe.local.response = frappe._dict()
		with (
			patch.object(services_registers, "BACKGROUND_ROWS", 2),
			patch.object(frappe, "enqueue", wraps=frappe.enqueue) as enqueue,
		):
			registers.petition_register(**self.range)
		# the first job is the register (the notification it sends is enqueued by Frappe after it)
		self.assertEqual(enqueue.call_args_list[0].kwargs["queue"], "long")
		self.assertNotEqual(frappe.local.response.get("type"), "binary")
		self.assertEqual(frappe.local.response["message"], {"background": True, "rows": 3})
		log = frappe.get_last_doc("Notification Log", filters={"for_user": frappe.session.user})
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": frappe.session.user}), before + 1)
		file = frappe.get_doc("File", log.document_name)
		self.assertEqual(file.is_private, 1)
		rows = list(load_workbook(io.BytesIO(file.get_content())).active.iter_rows(values_only=True))
		text = " ".join(str(c) for row in rows for c in row if c is not None)
		self.assertIn("Kiến nghị số 3", text)

	def test_prepare_queues_a_large_register(self):
		with patch.object(services_registers, "BACKGROUND_ROWS", 2):
			self.assertEqual(
				registers.prepare("reception_register", self.range), {"background": True, "rows": 3}
			)

	def test_range_too_large_is_refused_with_a_message(self):
		with (
			patch.object(services_registers, "BACKGROUND_ROWS", 1),
			patch.object(services_registers, "MAX_REGISTER_ROWS", 2),
			self.assertRaises(services_registers.RegisterTooLargeError) as caught,
		):
			registers.petition_register(**self.range)
		self.assertIn("shorter period", str(caught.exception))
