# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The open figures agree with the desk's reports on the same data, publish no personal data,
suppress small counts, are cached, come as CSV and JSON; the calendar feed parses back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from tiep_xuc_doi_thoai.api import calendar_feed, open_data
from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import open_figures
from tiep_xuc_doi_thoai.core.followup import DeadlineState
from tiep_xuc_doi_thoai.services.periodic_report import figures_for
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.assignment_follow_up import assignment_follow_up
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.opinions_by_channel import opinions_by_channel
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.yearly_dialogue_compliance import yearly_dialogue_compliance

PROVINCE = "UBND tỉnh Thống Kê (thử)"
COMMUNE = "UBND xã Thống Kê (thử)"
YEAR = 2025
NAMES = ("Phạm Văn Đức", "Hoàng Thị Em")


def petition(received: str, source: str, due: str | None = None, answered: str | None = None, **values):
	doc = make_petition(
		received_date=received, source=source, responsible_unit=COMMUNE, category="Đất đai", **values
	)
	doc.db_set({"due_date": due, "answered_on": answered}, update_modified=False)
	return doc


class TestOpenData(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(PROVINCE, abbreviation="UBND", level="Province", is_group=1)
		make_unit(COMMUNE, abbreviation="UBND", parent=PROVINCE)
		plan = make_plan(COMMUNE, YEAR, plan_date=f"{YEAR}-01-20")
		plan.db_set("docstatus", 1)
		for day in (f"{YEAR}-03-10", f"{YEAR}-09-15"):
			make_conference(plan.name, day).db_set({"status": "Held", "issuing_unit": COMMUNE})
		cls.petitions = [
			petition(f"{YEAR}-02-01", "Mail", f"{YEAR}-02-20", f"{YEAR}-02-10", petitioner_name=NAMES[0]),
			petition(f"{YEAR}-02-15", "Mail", f"{YEAR}-03-01", f"{YEAR}-03-15"),
			petition(f"{YEAR}-03-20", "Citizen Reception", f"{YEAR}-04-01"),
			petition(f"{YEAR}-06-20", "Online", petitioner_name=NAMES[1], petition_type="Denunciation"),
			*(petition(f"{YEAR}-07-0{d}", "Online", f"{YEAR}-07-30", f"{YEAR}-07-20") for d in range(1, 7)),
		]
		for state, due in (
			(DeadlineState.DONE_ON_TIME, f"{YEAR}-04-01"),
			(DeadlineState.OVERDUE, f"{YEAR}-05-01"),
		):
			frappe.get_doc(
				{
					"doctype": "Petition Assignment",
					"task": "Kiểm tra, trả lời",
					"lead_unit": COMMUNE,
					"status": assignment_rules.ACCEPTED
					if state == DeadlineState.DONE_ON_TIME
					else assignment_rules.ASSIGNED,
					"deadline_state": state.value,
					"due_date": due,
					"assigned_on": f"{YEAR}-01-02",
				}
			).db_insert()

	def setUp(self):
		frappe.db.set_single_value("Dialogue Settings", "open_data_min_count", 1)
		frappe.cache.delete_value(open_data.cache_key(COMMUNE, YEAR))

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_figures_agree_with_the_desk_reports(self):
		data = open_data.build(COMMUNE, YEAR)
		desk = figures_for(COMMUNE, YEAR, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
		o = data["opinions"]
		self.assertEqual(o["received"], desk.opinions_received)
		self.assertEqual(o["received"], 10)
		self.assertEqual([(i["label"], i["count"]) for i in o["by_channel"]], desk.by_channel)
		self.assertEqual([(i["label"], i["count"]) for i in o["by_field"]], desk.by_category)
		self.assertEqual(o["answered_on_time"], desk.answered_on_time)
		self.assertEqual(o["answered_late"], desk.answered_late)
		self.assertEqual(o["still_open"], desk.still_open)
		self.assertEqual(sum(o["by_month"]), desk.opinions_received)
		# the Opinions by Channel report, month by month and channel by channel
		names = opinions_by_channel.channels()
		self.assertEqual(o["by_channel_and_month"], opinions_by_channel.get_data(YEAR, names, COMMUNE))
		# the Assignment Follow-up report's on-time rate per unit
		rows = assignment_follow_up.get_data({"unit": COMMUNE})
		self.assertEqual(
			[(a["unit"], a["assignments"], a["on_time_rate"]) for a in data["assignments"]],
			[(r["unit"], r["total"], r["on_time_rate"]) for r in rows],
		)
		self.assertEqual(data["assignments"][0]["on_time_rate"], 50.0)
		# the Yearly Dialogue Compliance report: conferences held against the duty
		yearly = yearly_dialogue_compliance.get_data(YEAR, COMMUNE)[0]
		c = data["conferences"]
		self.assertEqual(
			(c["required"], c["held"], c["held_by_finish_date"]),
			(yearly["required"], yearly["held"], yearly["held_on_time"]),
		)
		self.assertEqual(c["held"], 2)
		# per unit: answered and answered on time, by the results annex's rule
		unit = next(u for u in data["units"] if u["unit"] == COMMUNE)
		self.assertEqual((unit["received"], unit["answered"], unit["answered_on_time"]), (10, 8, 7))

	def test_small_counts_are_suppressed_and_nobody_is_named(self):
		frappe.db.set_single_value("Dialogue Settings", "open_data_min_count", 5)
		data = open_data.build(COMMUNE, YEAR)
		o = data["opinions"]
		self.assertEqual(o["received"], 10)
		counts = {i["label"]: i["count"] for i in o["by_channel"]}
		# 7 online are published; 2 by mail and 1 at reception are fewer than 5
		self.assertEqual(sorted(counts.values(), key=lambda v: v or 0), [None, None, 7])
		kinds = {i["count"] for i in o["by_kind"]}
		self.assertIn(None, kinds)  # the one denunciation is not even a count of one
		text = json.dumps(data, ensure_ascii=False, default=str) + open_data.as_csv(data)
		for p in self.petitions:
			self.assertNotIn(p.tracking_code, text)
			self.assertNotIn(p.content, text)
		for name in NAMES:
			self.assertNotIn(name, text)
		self.assertIn(open_figures.LICENCE, text)

	def test_csv_and_json_under_one_url_from_the_cache(self):
		frappe.set_user("Guest")
		first = open_data.figures(agency=COMMUNE, year=YEAR)
		self.assertEqual(first["opinions"]["received"], 10)
		frappe.set_user("Administrator")
		extra = petition(f"{YEAR}-08-01", "Mail")
		frappe.set_user("Guest")
		# served from the cache until it expires (or is cleared): the same figures
		self.assertEqual(open_data.figures(agency=COMMUNE, year=YEAR)["opinions"]["received"], 10)
		frappe.set_user("Administrator")
		frappe.delete_doc("Citizen Petition", extra.name, force=True)
		frappe.set_user("Guest")
		open_data.figures(agency=COMMUNE, year=YEAR, format="csv")
		self.assertEqual(frappe.response["type"], "csv")
		body = frappe.response["result"]
		self.assertTrue(body.startswith("#"))
		rows = list(csv.reader(io.StringIO(body.split("\n", 1)[1])))
		self.assertEqual(tuple(rows[0]), open_figures.CSV_HEADER)
		self.assertIn(["opinions", "received", "", "10"], rows)
		with self.assertRaises(open_data.UnknownAgencyError):
			open_data.figures(agency="Không có", year=YEAR)
		with self.assertRaises(open_data.UnknownAgencyError):
			open_data.figures(agency=COMMUNE, year=1990)

	def test_the_calendar_feed_parses_back(self):
		from icalendar import Calendar

		plan = make_plan(COMMUNE, int(today()[:4]), plan_date=f"{today()[:4]}-01-20")
		announced = make_conference(plan.name, add_days(today(), 20), topic="Đối thoại về GPMB đường tỉnh")
		announced.db_set({"status": "Announced", "issuing_unit": COMMUNE})
		planned = make_conference(plan.name, add_days(today(), 40), topic="Đối thoại chưa công bố")
		planned.db_set({"status": "Planned", "issuing_unit": COMMUNE})

		frappe.set_user("Guest")
		calendar_feed.conferences(agency=COMMUNE)
		self.assertEqual(frappe.response["content_type"], "text/calendar; charset=utf-8")
		cal = Calendar.from_ical(frappe.response["filecontent"])
		events = {str(e.get("uid")): e for e in cal.walk("VEVENT")}
		self.assertIn(f"{announced.name}@{frappe.local.site}", events)
		self.assertNotIn(f"{planned.name}@{frappe.local.site}", events)  # not public yet
		event = events[f"{announced.name}@{frappe.local.site}"]
		self.assertEqual(str(event.get("summary")), "Đối thoại về GPMB đường tỉnh")
		self.assertEqual(str(event.get("location")), "Hội trường UBND xã")
		self.assertIsNotNone(event.decoded("dtstart"))

		frappe.set_user("Administrator")  # staff: their own calendar has the planned one too
		calendar_feed.conferences(agency=COMMUNE)
		uids = {str(e.get("uid")) for e in Calendar.from_ical(frappe.response["filecontent"]).walk("VEVENT")}
		self.assertIn(f"{planned.name}@{frappe.local.site}", uids)
