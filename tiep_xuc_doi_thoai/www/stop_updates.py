"""/ngung-nhan-tin?token=...: the one link in every message that stops the updates."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.citizen_updates import subscription_of
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def get_context(context):
	use_site_language()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Stop Updates")
	context.token = frappe.form_dict.get("token") or ""
	context.valid = bool(subscription_of(context.token))
	return context
