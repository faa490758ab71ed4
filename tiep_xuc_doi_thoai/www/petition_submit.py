"""/gui-y-kien: a citizen sends an opinion (optionally for an announced conference)."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.public import PUBLIC_TYPES, new_form_token, open_conferences, use_site_language
from tiep_xuc_doi_thoai.core import public_form

no_cache = 1


def get_context(context):
	use_site_language()
	context.no_cache = 1
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
	context.form_token = new_form_token()
	context.max_files = public_form.MAX_FILES
	context.max_mb = public_form.MAX_FILE_BYTES // (1024 * 1024)
	context.types = [{"value": t, "label": _(t, context="Citizen Petition")} for t in PUBLIC_TYPES]
	return context
