"""/gui-y-kien: a citizen sends an opinion (optionally for an announced conference)."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.public import PUBLIC_TYPES, open_conferences, use_site_language

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
	context.types = [{"value": t, "label": _(t, context="Citizen Petition")} for t in PUBLIC_TYPES]
	context.labels = {
		"intro": _(
			"Write your opinion, recommendation, feedback, complaint or denunciation. You will receive a code to follow it on this website."
		),
		"content": _("Content", context="Citizen Petition"),
		"name": _("Full Name", context="Citizen Petition"),
		"phone": _("Phone", context="Citizen Petition"),
		"address": _("Address", context="Citizen Petition"),
		"commune": _("Commune"),
		"type": _("Kind of Opinion"),
		"conference": _("For the Conference"),
		"no_conference": _("Not for a particular conference"),
		"submit": _("Send", context="Citizen Petition"),
		"confidential": _("The identity of a denouncer is kept secret by law."),
		"track": _("Follow an opinion you have sent"),
		"your_code": _("Your tracking code"),
		"error": _("Your opinion could not be sent."),
	}
	return context
