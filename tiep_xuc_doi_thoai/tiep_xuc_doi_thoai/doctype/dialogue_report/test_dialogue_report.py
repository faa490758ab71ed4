# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The periodic report on a known data set: its figures, its approval, print, Excel annex,
the send to the upper level, and the upper level's overview with a chart."""

import io
import json

import frappe
from frappe.utils import cint

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core import periodic_report as report_figures
from tiep_xuc_doi_thoai.core.roles import MANAGER
from tiep_xuc_doi_thoai.integrations.reports import report_annex
from tiep_xuc_doi_thoai.setup.workflow_petition import FORWARD
from tiep_xuc_doi_thoai.tests import levels as level_sites
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_report.dialogue_report import ReportPeriodError
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.lower_levels_overview import lower_levels_overview
from tiep_xuc_doi_thoai.utils.printing import print_format_html

ROOT = "UBND xã Báo Cáo (thử)"
DEPT = "Địa chính xã Báo Cáo (thử)"
OTHER = "UBND xã Khác (thử)"
MANAGER_USER = "report-manager@levels.test"
YEAR = 2026


def petition(received, source, unit=None, due=None, answered=None, category="Đất đai", **values):
	doc = make_petition(
		received_date=received, source=source, responsible_unit=unit, category=category, **values
	)
	doc.db_set({"due_date": due, "answered_on": answered}, update_modified=False)
	return doc


def assignment(unit, status, due):
	frappe.get_doc(
		{
			"doctype": "Petition Assignment",
			"task": "Kiểm tra, trả lời",
			"lead_unit": unit,
			"status": status,
			"due_date": due,
			"assigned_on": f"{YEAR}-01-02",
		}
	).db_insert()


class TestDialogueReport(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		level_sites.make_levels()
		make_user(MANAGER_USER, [MANAGER])
		make_unit(ROOT, abbreviation="UBND", kind="People's Committee")
		make_unit(DEPT, abbreviation="ĐC", parent=ROOT, kind="Department")
		make_unit(OTHER, abbreviation="UBND", kind="People's Committee")

	def setUp(self):
		super().setUp()
		frappe.flags.txdt_transport = level_sites.LoopbackTransport()
		plan = make_plan(ROOT, YEAR, plan_date=f"{YEAR}-01-20")
		plan.db_set("docstatus", 1)
		for day, conclusions in (
			(f"{YEAR}-03-10", ("Carried Out", "Being Carried Out")),
			(f"{YEAR}-05-12", ("Being Carried Out",)),
			(f"{YEAR}-09-15", ("Carried Out",)),
		):
			conf = make_conference(plan.name, day)
			conf.db_set({"status": "Held", "issuing_unit": ROOT})
			for i, progress in enumerate(conclusions):
				frappe.get_doc(
					{
						"doctype": "Dialogue Conclusion",
						"parent": conf.name,
						"parenttype": "Dialogue Conference",
						"parentfield": "conclusions",
						"idx": i + 1,
						"conclusion": "Giao rà soát",
						"progress": progress,
					}
				).db_insert()
		# In the first half, in scope: answered on time, answered late, open and overdue, open.
		petition(f"{YEAR}-02-01", "Mail", DEPT, due=f"{YEAR}-02-20", answered=f"{YEAR}-02-10")
		petition(
			f"{YEAR}-02-15",
			"Mail",
			DEPT,
			due=f"{YEAR}-03-01",
			answered=f"{YEAR}-03-15",
			category="Môi trường",
		)
		petition(f"{YEAR}-03-20", "Citizen Reception", DEPT, due=f"{YEAR}-04-01")
		petition(f"{YEAR}-06-20", "Online", None, due=f"{YEAR + 1}-12-31", petition_type="Feedback")
		# Out of scope: after the period, another agency.
		petition(f"{YEAR}-07-05", "Mail", DEPT, due=f"{YEAR}-08-01")
		petition(f"{YEAR}-03-01", "Mail", OTHER, due=f"{YEAR}-04-01")
		assignment(DEPT, "Assigned to a Unit", f"{YEAR}-04-01")
		assignment(DEPT, "Being Resolved", f"{YEAR}-05-01")
		assignment(DEPT, "Result Accepted", f"{YEAR}-04-01")
		assignment(DEPT, "Assigned to a Unit", f"{YEAR + 1}-06-01")
		assignment(OTHER, "Assigned to a Unit", f"{YEAR}-04-01")

	def tearDown(self):
		frappe.flags.txdt_transport = None
		super().tearDown()

	def make_report(self, **values):
		return frappe.get_doc(
			{
				"doctype": "Dialogue Report",
				"issuing_unit": ROOT,
				"year": YEAR,
				"period_kind": report_figures.FIRST_HALF,
				**values,
			}
		).insert()

	def test_figures_of_the_first_six_months(self):
		doc = self.make_report()
		self.assertEqual((str(doc.from_date), str(doc.to_date)), (f"{YEAR}-01-01", f"{YEAR}-06-30"))
		self.assertIn("6 tháng đầu năm 2026", doc.title)
		self.assertEqual(str(doc.plan_issued_on), f"{YEAR}-01-20")
		self.assertTrue(doc.plan_on_time)
		required = cint(frappe.db.get_single_value("Dialogue Settings", "min_dialogues_per_year")) or 1
		self.assertEqual(doc.dialogues_required, required)
		self.assertEqual((doc.dialogues_held, doc.dialogues_held_in_year, doc.dialogues_by_finish), (2, 3, 3))
		self.assertEqual(doc.opinions_received, 4)
		self.assertEqual((doc.answered_on_time, doc.answered_late), (1, 1))
		self.assertEqual((doc.still_open, doc.open_overdue), (2, 1))
		self.assertEqual(
			(doc.conclusions_total, doc.conclusions_done, doc.conclusions_in_progress), (3, 1, 2)
		)
		self.assertEqual(doc.assignments_overdue, 2)
		figures = json.loads(doc.figures_json)
		self.assertEqual(dict(figures["by_channel"]), {"Đơn thư": 2, "Tiếp công dân": 1, "Trực tuyến": 1})
		self.assertEqual(dict(figures["by_category"]), {"Đất đai": 3, "Môi trường": 1})
		self.assertEqual(dict(figures["overdue_by_unit"]), {DEPT: 2})
		self.assertEqual(sum(row["received"] for row in figures["annex"]), 4)

	def test_year_and_custom_range(self):
		year = self.make_report(period_kind=report_figures.YEAR)
		self.assertEqual(year.opinions_received, 5)
		self.assertEqual(year.dialogues_held, 3)
		custom = self.make_report(
			period_kind=report_figures.CUSTOM, from_date=f"{YEAR}-02-10", to_date=f"{YEAR}-03-31"
		)
		self.assertEqual(custom.opinions_received, 2)
		self.assertEqual(custom.dialogues_held, 1)
		with self.assertRaises(ReportPeriodError):
			self.make_report(
				period_kind=report_figures.CUSTOM, from_date=f"{YEAR}-05-01", to_date=f"{YEAR}-04-01"
			)

	def test_approved_printed_exported_and_sent_up(self):
		doc = self.make_report(
			results="<p>Đã tổ chức đầy đủ các hội nghị.</p>", proposals="<p>Đề nghị tỉnh hỗ trợ kinh phí.</p>"
		)
		self.assertEqual(doc.send_to_link, level_sites.LINK_UP)
		self.move(doc, "Submit for Review", level_sites.SECRETARY, "Dialogue Report")
		doc.reload()
		self.assertEqual((doc.status, doc.docstatus), ("Pending Review", 0))
		self.assertFalse(frappe.db.exists("Dialogue Transfer", {"reference_name": doc.name}))
		self.move(doc, "Approve Report", MANAGER_USER, "Dialogue Report")
		doc.reload()
		self.assertEqual((doc.status, doc.docstatus), ("Approved", 1))
		transfer = frappe.get_doc("Dialogue Transfer", doc.sent_transfer)
		self.assertEqual((transfer.kind, transfer.status), (levels.KIND_REPORT, levels.SENT))
		received = frappe.get_doc("Dialogue Received Report", transfer.remote_reference)
		self.assertEqual(received.site_link, level_sites.LINK_DOWN)
		self.assertEqual((received.opinions_received, received.open_overdue), (4, 1))
		self.assertIn("hỗ trợ kinh phí", received.proposals)

		html = print_format_html("Dialogue Report", doc.name, "Dialogue Periodic Report")
		self.assertIn("BÁO CÁO", html)
		self.assertIn("Đúng hạn", html)
		self.assertIn("Đề nghị tỉnh hỗ trợ kinh phí", html)
		self.assertIn("Tổng số ý kiến, kiến nghị tiếp nhận: 4", html)

		report_annex(doc.name)
		from openpyxl import load_workbook

		book = load_workbook(io.BytesIO(frappe.local.response.filecontent))
		cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
		self.assertIn("Đất đai", cells)
		self.assertIn("Môi trường", cells)

	def test_the_upper_levels_overview_has_a_row_and_a_chart_per_lower_level(self):
		doc = make_petition(category="Đất đai", forward_link=level_sites.LINK_UP)
		from frappe.model.workflow import apply_workflow

		doc = frappe.get_doc(apply_workflow(doc.as_dict(), "Classify"))
		apply_workflow(doc.as_dict(), FORWARD)
		_columns, data, _message, chart = lower_levels_overview.execute({})
		row = next(r for r in data if r["site_link"] == level_sites.LINK_DOWN)
		self.assertGreaterEqual(row["received"], 1)
		self.assertEqual(row["received"], row["on_time"] + row["late"] + row["in_progress"])
		self.assertEqual(chart["type"], "bar")
		self.assertIn(level_sites.LINK_DOWN, chart["data"]["labels"])

	def test_status_follows_the_workflow_and_approval_is_only_a_transition(self):
		"""``status`` is what the current state's Update Field sets (a forged value is put
		back); approving is the workflow's transition: a bare submit by a user who holds the
		submit right is refused and nothing is sent up."""
		doc = self.make_report()
		doc.status = "Approved"
		doc.save()
		self.assertEqual(doc.status, "Draft")
		self.move(doc, "Submit for Review", level_sites.SECRETARY, "Dialogue Report")
		doc = frappe.get_doc("Dialogue Report", doc.name)
		frappe.set_user(MANAGER_USER)
		try:
			self.assertTrue(frappe.has_permission("Dialogue Report", "submit", doc))
			with self.assertRaises(frappe.PermissionError):
				doc.submit()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Dialogue Report", doc.name, "docstatus"), 0)
		self.assertFalse(frappe.db.exists("Dialogue Transfer", {"reference_name": doc.name}))

	def test_the_overview_counts_a_settled_petition_by_its_status(self):
		"""Settled is read from the fixed status (core's one rule), not from a state name: a
		transferred petition closed without an answer date is not still open."""
		_columns, before, _message, _chart = lower_levels_overview.execute(
			{"site_link": level_sites.LINK_DOWN}
		)
		closed = make_petition(content="Kiến nghị đã được xã rút lại", due_date="2000-01-01")
		closed.db_set(
			{
				"origin_link": level_sites.LINK_DOWN,
				"workflow_state": "Petition Closed",
				"status": "Petition Closed",
			}
		)
		_columns, after, _message, _chart = lower_levels_overview.execute(
			{"site_link": level_sites.LINK_DOWN}
		)
		self.assertEqual(after[0]["received"], before[0]["received"] + 1)
		self.assertEqual(after[0]["in_progress"], before[0]["in_progress"])
		self.assertEqual(after[0]["overdue"], before[0]["overdue"])
		self.assertEqual(after[0]["on_time"], before[0]["on_time"] + 1)
