"""/gui-y-kien: a citizen sends an opinion (optionally for an announced conference)."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.public import PUBLIC_TYPES, open_conferences
from tiep_xuc_doi_thoai.core import public_form
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

# The same page for every citizen: Frappe keeps it rendered (per language) and serves it from
# its cache; services.public_pages drops it when the conferences it lists change. The form
# token is fetched by the page itself (api.public.form_token), one per person.
no_cache = 0


def get_context(context):
	use_site_language()
	context.show_sidebar = False
	context.title = _("Send an Opinion to the Authorities")
	context.conferences = [
		{
			"name": c.name,
			"label": _("{0}, {1} at {2}").format(
				c.topic or "", frappe.format(c.conference_date, "Date"), c.place or ""
			),
		}
		for c in open_conferences()
	]
	context.max_files = public_form.MAX_FILES
	context.max_mb = public_form.MAX_FILE_BYTES // (1024 * 1024)
	context.types = [{"value": t, "label": _(t, context="Citizen Petition")} for t in PUBLIC_TYPES]
	return context
