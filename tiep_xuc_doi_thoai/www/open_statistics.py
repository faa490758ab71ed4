"""/thong-ke: the open figures of an agency for a year, with charts, CSV, JSON and the
calendar feed of its conferences (api/open_data.py, api/calendar_feed.py)."""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import getdate, today

from tiep_xuc_doi_thoai.api import open_data
from tiep_xuc_doi_thoai.core import open_figures
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def bars(items: list[tuple[str, int | None]]) -> list[dict]:
	"""Rows of a bar chart drawn in HTML: label, the number as text, a width in percent."""
	top = max((n or 0 for _l, n in items), default=0) or 1
	return [
		{"label": label, "value": "—" if n is None else n, "width": round(100 * (n or 0) / top)}
		for label, n in items
	]


def get_context(context):
	use_site_language()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Open Figures on Citizens' Opinions")
	if not open_data.agencies():
		context.empty = _("No figures have been published yet.")
		return context
	agency, year = open_data.resolve(frappe.form_dict.get("agency"), frappe.form_dict.get("year"))
	data = open_data.cached(agency, year)
	o = data["opinions"]
	query = urlencode({"agency": agency, "year": year})
	context.update(
		{
			"data": data,
			"agency": agency,
			"year": year,
			"agencies": open_data.agencies(),
			"years": list(range(getdate(today()).year, open_data.FIRST_YEAR - 1, -1))[:10],
			"month_bars": bars([(f"{m:02d}/{year}", n) for m, n in enumerate(o["by_month"], start=1)]),
			"channel_bars": bars([(i["label"], i["count"]) for i in o["by_channel"]]),
			"field_bars": bars([(i["label"], i["count"]) for i in o["by_field"]]),
			"kind_bars": bars([(i["label"], i["count"]) for i in o["by_kind"]]),
			"json_url": f"{open_data.FIGURES_URL}?{query}",
			"csv_url": f"{open_data.FIGURES_URL}?{query}&format=csv",
			"calendar_url": f"{open_data.CALENDAR_URL}?{urlencode({'agency': agency})}",
			"licence_url": open_figures.LICENCE_URL,
			"licence": open_figures.LICENCE,
			"built_on": frappe.format(getdate(data["built_on"]), "Date"),
			"dash": "—",
		}
	)
	return context
