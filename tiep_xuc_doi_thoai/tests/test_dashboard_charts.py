"""Every chart on the workspace counts only what its viewer may read: a unit officer's charts
show their own unit. Each chart is asked for the way the desk asks (Group By charts through
Dashboard Chart's ``get`` with refresh, Report charts through ``query_report.run``)."""

import json

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as get_chart
from frappe.desk.query_report import run as run_report

from tiep_xuc_doi_thoai.setup import demo
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

UNIT_OFFICER = "kinhte@demo.tiepxuc.vn"
OWN_UNIT = "Phòng Kinh tế xã Đường An"
OTHER_UNIT = "Phòng Văn hóa - Xã hội xã Đường An"
WORKSPACE = "Citizen Dialogue"


def chart_data(name: str) -> dict:
	"""labels and datasets of a workspace chart, computed as the current user."""
	chart = frappe.get_doc("Dashboard Chart", name)
	if chart.chart_type == "Report":
		filters = json.loads(chart.filters_json or "{}")
		filters["year"] = 2026  # the demo data's year, whatever today is
		result = run_report(chart.report_name, filters=filters)
		if chart.use_report_chart:
			return result["chart"]["data"]
		# the desk's make_chart_options: x_field as labels, each y field a dataset, no total row
		rows = result["result"][:-1] if result.get("add_total_row") else result["result"]
		return {
			"labels": [row[chart.x_field] for row in rows],
			"datasets": [
				{"name": y.y_field, "values": [row[y.y_field] for row in rows]} for y in chart.y_axis
			],
		}
	return get_chart(chart_name=name, refresh=1)


def total(data: dict) -> int:
	return int(sum(sum(v or 0 for v in ds["values"]) for ds in data["datasets"]))


class TestDashboardCharts(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		demo.load_all()
		# one assignment per unit overdue, one per unit done on time: both units have data
		for unit in (OWN_UNIT, OTHER_UNIT):
			names = frappe.get_all("Petition Assignment", {"lead_unit": unit}, pluck="name")
			if names:
				frappe.db.set_value("Petition Assignment", names[0], "deadline_state", "Past Deadline")

	def tearDown(self):
		super().tearDown()
		frappe.cache.delete_keys("chart-data:")

	def test_the_workspace_links_the_five_charts(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		linked = {row.chart_name for row in workspace.charts}
		self.assertEqual(len(linked), 5)
		in_content = {
			block["data"]["chart_name"] for block in json.loads(workspace.content) if block["type"] == "chart"
		}
		self.assertEqual(in_content, linked)
		for name in linked:
			self.assertTrue(frappe.db.exists("Dashboard Chart", name), name)

	def test_opinions_by_month_and_channel_counts_only_readable_petitions(self):
		admin_total = total(chart_data("Opinions by Month and Channel"))
		frappe.set_user(UNIT_OFFICER)
		readable = frappe.get_list(
			"Citizen Petition",
			filters={"received_date": ("between", ["2026-01-01", "2026-12-31"])},
			pluck="responsible_unit",
		)
		officer_total = total(chart_data("Opinions by Month and Channel"))
		self.assertEqual(officer_total, len(readable))
		self.assertTrue(readable and set(readable) == {OWN_UNIT}, readable)
		self.assertLess(officer_total, admin_total)

	def test_opinions_by_field_counts_only_readable_petitions(self):
		admin_total = total(chart_data("Opinions by Field"))
		frappe.set_user(UNIT_OFFICER)
		officer_total = total(chart_data("Opinions by Field"))
		self.assertEqual(officer_total, frappe.db.count("Citizen Petition", {"responsible_unit": OWN_UNIT}))
		self.assertLess(officer_total, admin_total)

	def test_unit_charts_show_the_officers_unit_only(self):
		for name in ("Overdue Assignments per Unit", "On-time Rate per Unit"):
			with self.subTest(chart=name):
				frappe.set_user("Administrator")
				admin_labels = set(chart_data(name)["labels"] or ())
				frappe.set_user(UNIT_OFFICER)
				officer_labels = set(chart_data(name)["labels"] or ())
				self.assertTrue(officer_labels <= {OWN_UNIT}, officer_labels)
				if name == "Overdue Assignments per Unit":
					self.assertEqual(admin_labels, {OWN_UNIT, OTHER_UNIT})
					self.assertEqual(officer_labels, {OWN_UNIT})
					frappe.set_user("Administrator")
					self.assertEqual(total(chart_data(name)), 2)  # one overdue per unit

	def test_report_chart_that_a_role_may_not_run_is_refused(self):
		frappe.set_user(UNIT_OFFICER)
		chart = frappe.get_doc("Dashboard Chart", "Dialogues Held against the Yearly Minimum")
		self.assertFalse(frappe.has_permission("Dashboard Chart", doc=chart))
		with self.assertRaises(frappe.PermissionError):
			run_report(chart.report_name, filters={})

	def test_compliance_chart_is_per_unit_with_the_minimum(self):
		data = chart_data("Dialogues Held against the Yearly Minimum")
		self.assertIn(demo.COMMUNE, data["labels"])
		required = next(ds for ds in data["datasets"] if ds["name"] == frappe._("Required"))
		self.assertTrue(all(v >= 1 for v in required["values"]))
