# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Sổ tiếp công dân: the Mẫu 03 columns, and a denouncer's identity only for Confidential Access."""

import io
import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.tests.factories import make_petition, make_user

REPORT = "Petition Reception Register"
SECRET = "Hoàng Văn Kín Đáo"
SECRET_ID = "001088055555"


class TestPetitionReceptionRegister(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user("register-supervisor@tiep4.test", (roles.SUPERVISOR,))
		make_user("register-confidential@tiep4.test", (roles.SUPERVISOR, roles.CONFIDENTIAL))
		cls.open = make_petition(
			petitioner_name="Phạm Thị Công Khai",
			id_number="001077044444",
			address="Tổ 5",
			commune="Phường Tân Phong",
			petitioner_kind="Group",
			group_size=12,
			previously_handled_by="UBND phường năm 2024",
		)
		cls.secret = make_petition(
			petition_type=petition_rules.DENUNCIATION,
			petitioner_name=SECRET,
			id_number=SECRET_ID,
			address="Bản Hon",
			content="Tố cáo việc lập danh sách hộ nghèo không đúng",
		)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user: str) -> dict:
		from frappe.desk.query_report import run

		frappe.set_user(user)
		return run(REPORT, filters={"from_date": today(), "to_date": today()})

	def rows_by_petition(self, result) -> dict:
		return {r["petition"]: r for r in result["result"] if isinstance(r, dict) and r.get("petition")}

	def test_columns_follow_form_03(self):
		result = self.run_as("register-supervisor@tiep4.test")
		labels = [c["label"] for c in result["columns"]]
		self.assertEqual(
			labels[:10],
			[
				"No.",
				"Reception Date",
				"Full Name - Address",
				"ID Number (CMND/CCCD)",
				"Content",
				"Type / Number of People",
				"Body That Already Handled It",
				"Handling",
				"Result Follow-up",
				"Notes",
			],
		)
		row = self.rows_by_petition(result)[self.open.name]
		self.assertIn("Phạm Thị Công Khai", row["person"])
		self.assertEqual(row["id_number"], "001077044444")
		self.assertIn("12", row["classification"])
		self.assertEqual(row["handled_before"], "UBND phường năm 2024")

	def test_denouncer_hidden_without_confidential_access(self):
		result = self.run_as("register-supervisor@tiep4.test")
		text = json.dumps(result["result"], default=str, ensure_ascii=False)
		self.assertNotIn(SECRET, text)
		self.assertNotIn(SECRET_ID, text)
		self.assertIn(self.secret.name, text)

		seen = self.rows_by_petition(self.run_as("register-confidential@tiep4.test"))[self.secret.name]
		self.assertIn(SECRET, seen["person"])
		self.assertEqual(seen["id_number"], SECRET_ID)

	def test_excel_export_hides_the_denouncer(self):
		from frappe.desk.query_report import export_query
		from openpyxl import load_workbook

		frappe.set_user("register-supervisor@tiep4.test")
		frappe.local.form_dict = frappe._dict(
			report_name=REPORT,
			file_format_type="Excel",
			filters=json.dumps({"from_date": today(), "to_date": today()}),
			visible_idx=json.dumps([]),
			include_indentation=0,
		)
		export_query()
		self.assertEqual(frappe.response["type"], "binary")
		wb = load_workbook(io.BytesIO(frappe.response["filecontent"]))
		cells = " ".join(str(c.value) for row in wb.active.iter_rows() for c in row if c.value is not None)
		self.assertIn(self.secret.name, cells)
		self.assertNotIn(SECRET, cells)
		self.assertNotIn(SECRET_ID, cells)


class TestReceptionRegisterPreparedReport(FrappeTestCase):
	"""A register too big for a request is built by Frappe's Prepared Report; only its owner opens it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user("register-owner@tiep4.test", (roles.SUPERVISOR,))
		make_user("register-other@tiep4.test", (roles.SUPERVISOR,))
		for i in range(3):
			make_petition(content=f"Kiến nghị số {i} về điện chiếu sáng")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request = None

	def test_big_register_in_a_request_goes_to_prepared_report(self):
		from unittest.mock import patch

		from frappe.core.doctype.prepared_report.prepared_report import generate_report

		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.petition_reception_register import (
			petition_reception_register as report,
		)

		filters = {"from_date": today(), "to_date": today()}
		# Frappe's generate_report commits: an earlier run on this site left its register behind
		frappe.db.delete("Prepared Report", {"owner": ("like", "register-%@tiep4.test")})
		frappe.set_user("register-owner@tiep4.test")
		frappe.local.request = frappe._dict(method="GET")  # as in a desk request
		with (
			patch.object(report, "BACKGROUND_ROWS", 1),
			patch.object(frappe, "enqueue") as enqueue,
		):
			_columns, rows, message = report.execute(dict(filters))
		self.assertEqual(rows, [])
		self.assertIn("Prepared Report", message)
		self.assertIs(enqueue.call_args.args[0], report.make_prepared_report)

		# the queued job: Frappe's Prepared Report, built without a request (all lines)
		frappe.local.request = None
		name = report.make_prepared_report(enqueue.call_args.kwargs["filters"])
		self.assertEqual(frappe.db.get_value("Prepared Report", name, "owner"), "register-owner@tiep4.test")
		generate_report(name)
		self.assertEqual(frappe.db.get_value("Prepared Report", name, "status"), "Completed")

		frappe.local.request = frappe._dict(method="GET")
		# asked again a moment later: the register just built answers, no second build
		with (
			patch.object(report, "BACKGROUND_ROWS", 1),
			patch.object(frappe, "enqueue") as enqueue,
		):
			_columns, rows, message = report.execute(dict(filters))
		self.assertEqual(rows, [])
		enqueue.assert_not_called()
		self.assertIn(f"prepared_report_name={name}", message)
		# another user asking for the same register gets their own (their rights, their lines)
		frappe.set_user("register-other@tiep4.test")
		with (
			patch.object(report, "BACKGROUND_ROWS", 1),
			patch.object(frappe, "enqueue") as enqueue,
		):
			report.execute(dict(filters))
		self.assertIs(enqueue.call_args.args[0], report.make_prepared_report)
		frappe.set_user("register-owner@tiep4.test")

		_columns, lines = report.execute({"prepared_report_name": name})
		self.assertGreaterEqual(len(lines), 3)
		self.assertTrue(all(line["petition"] for line in lines))

		frappe.set_user("register-other@tiep4.test")
		with self.assertRaises(frappe.PermissionError):
			report.execute({"prepared_report_name": name})

		# the same rule at Frappe's own doors: one record (and the result file it holds), lists
		from tiep_xuc_doi_thoai.permissions import prepared_reports

		doc = frappe.get_doc("Prepared Report", name)
		self.assertIs(
			prepared_reports.prepared_report_has_permission(doc, "read", "register-other@tiep4.test"), False
		)
		self.assertIsNone(
			prepared_reports.prepared_report_has_permission(doc, "read", "register-owner@tiep4.test")
		)
		self.assertFalse(
			frappe.has_permission("Prepared Report", "read", doc=doc, user="register-other@tiep4.test")
		)
		for user, listed in (("register-other@tiep4.test", False), ("register-owner@tiep4.test", True)):
			condition = prepared_reports.prepared_report_query_conditions(user)
			names = frappe.db.sql_list(f"select name from `tabPrepared Report` where {condition}")
			self.assertEqual(name in names, listed, user)
