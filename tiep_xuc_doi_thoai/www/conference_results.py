"""/ket-qua-doi-thoai/<name>: the published results of one conference (guests may read)."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.results import published_results
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def get_context(context):
	use_site_language()
	results = published_results(frappe.form_dict.get("name") or "")
	if not results:
		raise frappe.DoesNotExistError
	fmt = lambda value: frappe.format(value, "Date") if value else ""  # noqa: E731
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Results of the Dialogue Conference")
	context.results = results
	context.date = fmt(results["conference_date"])
	context.published_on = fmt(results["published_on"])
	context.due = fmt(results["due"])
	for c in results["conclusions"]:
		c["due"] = fmt(c["due_date"])
	for a in results["answers"]:
		a["on"] = fmt(a["answered_on"])
	if results["on_time"] is None:
		context.timing = ""
	elif results["on_time"]:
		context.timing = _("published within the legal time limit (by {0})").format(context.due)
	else:
		context.timing = _("published {0} day(s) after the legal time limit ({1})").format(
			results["days_late"], context.due
		)
	return context
