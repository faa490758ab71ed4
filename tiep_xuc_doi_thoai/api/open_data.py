"""Open figures: what an agency received and answered in a year, for everyone, as a page
(/thong-ke), CSV and JSON under one stable URL, and its conferences as an iCalendar feed.

The figures come from the desk's own code - the periodic report's rows and figures
(``services/periodic_report``), the Opinions by Channel and Assignment Follow-up reports'
aggregations - read with ``frappe.get_all`` because they are counts for the public, then made
publishable by ``core.open_figures`` (counts only, small counts suppressed, a licence line).
They are cached for ``CACHE_SECONDS``: a page view never recounts a province's petitions.

    /api/method/tiep_xuc_doi_thoai.api.open_data.figures?agency=<unit>&year=2026&format=csv
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import cint, getdate, today

from tiep_xuc_doi_thoai.core import open_figures
from tiep_xuc_doi_thoai.core.vietnamese import strip_diacritics
from tiep_xuc_doi_thoai.services import periodic_report
from tiep_xuc_doi_thoai.services.public_pages import use_site_language
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.assignment_follow_up import assignment_follow_up
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.opinions_by_channel import opinions_by_channel
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.yearly_dialogue_compliance.yearly_dialogue_compliance import (
	OBLIGED_KINDS,
)

CACHE_SECONDS = 30 * 60
FIRST_YEAR = 2000
FIGURES_URL = "/api/method/tiep_xuc_doi_thoai.api.open_data.figures"
CALENDAR_URL = "/api/method/tiep_xuc_doi_thoai.api.calendar_feed.conferences"


class UnknownAgencyError(frappe.DoesNotExistError):
	pass


def agencies() -> list[str]:
	"""The bodies that hold dialogues (People's and Party Committees), the default one first."""
	names = frappe.get_all(
		"Dialogue Unit",
		filters={"kind": ("in", OBLIGED_KINDS), "disabled": 0},
		pluck="name",
		order_by="lft asc",
	)
	default = frappe.db.get_single_value("Dialogue Settings", "default_unit")
	if default in names:
		names.remove(default)
		names.insert(0, default)
	return names


def resolve(agency: str | None, year: int | str | None) -> tuple[str, int]:
	"""The agency and year asked for, or the defaults; a translated error for anything else."""
	known = agencies()
	agency = agency or (known[0] if known else "")
	if agency not in known:
		frappe.throw(
			_("There are no open figures for {0}.").format(frappe.utils.escape_html(agency or "?")),
			exc=UnknownAgencyError,
			title=_("No Open Figures"),
		)
	this_year = getdate(today()).year
	year = cint(year) or this_year
	if not FIRST_YEAR <= year <= this_year:
		frappe.throw(
			_("Choose a year from {0} to {1}.").format(FIRST_YEAR, this_year),
			exc=UnknownAgencyError,
			title=_("No Open Figures"),
		)
	return agency, year


def build(agency: str, year: int) -> dict:
	"""The figures, counted now (no cache)."""
	start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
	rows = periodic_report.period_rows(agency, year, start, end, reader=frappe.get_all)
	figures = periodic_report.figures_from(rows)
	channels = opinions_by_channel.channels()
	scope = set(periodic_report.unit_scope(agency))
	rates = [r for r in assignment_follow_up.get_data({}, reader=frappe.get_all) if r["unit"] in scope]
	k = (
		cint(frappe.db.get_single_value("Dialogue Settings", "open_data_min_count"))
		or open_figures.DEFAULT_MIN_COUNT
	)
	return open_figures.publishable(
		agency=agency,
		year=year,
		figures=figures,
		months=open_figures.by_month(rows.petitions),
		months_by_channel=opinions_by_channel.count_by_month(rows.petitions, year, channels),
		units=open_figures.per_unit(rows.petitions, getdate(today())),
		assignment_rates=rates,
		k=k,
		built_on=getdate(today()),
	)


def cache_key(agency: str, year: int) -> str:
	return f"txdt-open-figures|{agency}|{year}"


def cached(agency: str, year: int) -> dict:
	key = cache_key(agency, year)
	# expires=True: a key with a time to live is not kept in frappe.local (a miss stored there
	# would hide the value set just after, for the rest of the request)
	data = frappe.cache.get_value(key, expires=True)
	if data is None:
		data = build(agency, year)
		frappe.cache.set_value(key, data, expires_in_sec=CACHE_SECONDS)
	return data


def as_csv(data: dict) -> str:
	out = io.StringIO()
	out.write(f"# {data['agency']} {data['year']}. {open_figures.LICENCE} {open_figures.LICENCE_URL}\n")
	csv.writer(out).writerows(open_figures.csv_rows(data))
	return out.getvalue()


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=600, seconds=60 * 60)
def figures(agency: str | None = None, year: int | None = None, format: str = "json"):
	"""The open figures of ``agency`` for ``year`` as JSON (default) or CSV."""
	use_site_language()
	agency, year = resolve(agency, year)
	data = cached(agency, year)
	if format == "csv":
		frappe.response["type"] = "csv"
		frappe.response["doctype"] = f"thong-ke-{frappe.scrub(strip_diacritics(agency))}-{year}"
		frappe.response["result"] = as_csv(data)
		return None
	return data
