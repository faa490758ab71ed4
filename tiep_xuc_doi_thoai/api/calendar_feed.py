"""Each agency's dialogue conferences as an iCalendar feed (RFC 5545), for citizens' phones
and staff's own calendars:

    /api/method/tiep_xuc_doi_thoai.api.calendar_feed.conferences?agency=<unit>

A guest gets what the public notice already says (announced conferences and later: topic,
date, time, place). A signed-in user (a session, or ``Authorization: token key:secret`` from a
calendar app) gets, through ``frappe.get_list`` and so their own permissions, the planned
ones too. Built with the ``icalendar`` package; a conference keeps its UID, so an edited date
moves the event in the subscriber's calendar instead of adding one.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_days, get_datetime, get_system_timezone, get_url, getdate, today

from tiep_xuc_doi_thoai.api.open_data import resolve
from tiep_xuc_doi_thoai.core.conference import ANNOUNCED_STATES, PLANNED
from tiep_xuc_doi_thoai.services.periodic_report import unit_scope
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

PUBLIC_STATUSES = ANNOUNCED_STATES
STAFF_STATUSES = (PLANNED, *PUBLIC_STATUSES)
PAST_DAYS = 90  # a feed keeps the recent past, so a subscriber sees what was held
DEFAULT_HOURS = 2
FIELDS = ["name", "topic", "conference_date", "starts_on", "ends_on", "place", "status", "modified"]


def conference_rows(agency: str, staff: bool) -> list[dict]:
	filters = {
		"issuing_unit": ("in", unit_scope(agency)),
		"status": ("in", STAFF_STATUSES if staff else PUBLIC_STATUSES),
		"conference_date": (">=", add_days(getdate(today()), -PAST_DAYS)),
	}
	reader = frappe.get_list if staff else frappe.get_all
	return reader(
		"Dialogue Conference",
		filters=filters,
		fields=FIELDS,
		order_by="conference_date asc",
		limit_page_length=500,
	)


def build_calendar(agency: str, rows: list[dict]) -> bytes:
	from icalendar import Calendar, Event

	zone = ZoneInfo(get_system_timezone())
	cal = Calendar()
	cal.add("prodid", "-//tiep_xuc_doi_thoai//Hoi nghi doi thoai//VI")
	cal.add("version", "2.0")
	cal.add("calscale", "GREGORIAN")
	cal.add("x-wr-calname", _("Dialogue conferences: {0}").format(agency))
	cal.add("x-wr-timezone", zone.key)
	for row in rows:
		start = get_datetime(row.starts_on) if row.starts_on else None
		end = get_datetime(row.ends_on) if row.ends_on else None
		event = Event()
		event.add("uid", f"{row.name}@{frappe.local.site}")
		event.add("summary", row.topic or _("Dialogue conference"))
		if start:
			event.add("dtstart", start.replace(tzinfo=zone))
			event.add("dtend", (end or start + dt.timedelta(hours=DEFAULT_HOURS)).replace(tzinfo=zone))
		else:
			day = getdate(row.conference_date)
			event.add("dtstart", day)
			event.add("dtend", day + dt.timedelta(days=1))
		event.add("dtstamp", get_datetime(row.modified).replace(tzinfo=zone))
		if row.place:
			event.add("location", row.place)
		event.add("status", "TENTATIVE" if row.status == PLANNED else "CONFIRMED")
		event.add("url", get_url(f"/gui-y-kien?conference={row.name}"))
		event.add(
			"description",
			_("Send your opinion for this conference: {0}").format(get_url("/gui-y-kien")),
		)
		cal.add_component(event)
	return cal.to_ical()


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=600, seconds=60 * 60)
def conferences(agency: str | None = None):
	use_site_language()
	agency, _year = resolve(agency, None)
	staff = frappe.session.user != "Guest"
	frappe.response["type"] = "download"
	frappe.response["filename"] = "hoi-nghi-doi-thoai.ics"
	frappe.response["filecontent"] = build_calendar(agency, conference_rows(agency, staff))
	frappe.response["content_type"] = "text/calendar; charset=utf-8"
	frappe.response["display_content_as"] = "inline"
