"""/ket-qua-doi-thoai: the conferences whose results the agency has published."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.results import published_conferences
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def get_context(context):
	use_site_language()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Results of Dialogue Conferences")
	context.conferences = [
		{
			**c,
			"date": frappe.format(c.conference_date, "Date"),
			"published": frappe.format(c.results_published_on, "Date") if c.results_published_on else "",
		}
		for c in published_conferences()
	]
	return context
