"""/gui-y-kien: a citizen sends an opinion (optionally for an announced conference)."""

import frappe
from frappe import _

from tiep_xuc_doi_thoai.api.public import PUBLIC_TYPES, new_form_token, open_conferences, use_site_language
from tiep_xuc_doi_thoai.core import public_form as F

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
	context.max_files = F.MAX_FILES
	context.max_mb = F.MAX_FILE_BYTES // (1024 * 1024)
	context.types = [{"value": t, "label": _(t, context="Citizen Petition")} for t in PUBLIC_TYPES]
	context.labels = {
		"intro": _(
			"Write your opinion, recommendation, feedback, complaint or denunciation. You will receive a code to follow it on this website."
		),
		"content": _("Content", context="Citizen Petition"),
		"name": _("Full Name", context="Citizen Petition"),
		"phone": _("Phone", context="Citizen Petition"),
		"address": _("Address", context="Citizen Petition"),
		"email": _("E-mail for Updates"),
		"notify": _("Tell me by SMS or e-mail when my opinion moves"),
		"notify_help": _(
			"One short message at each step (received, sent on, assigned, answered). It never repeats what you wrote, and every message has a link to stop them."
		),
		"commune": _("Commune"),
		"type": _("Kind of Opinion"),
		"conference": _("For the Conference"),
		"no_conference": _("Not for a particular conference"),
		"submit": _("Send", context="Citizen Petition"),
		"confidential": _("The identity of a denouncer is kept secret by law."),
		"track": _("Follow an opinion you have sent"),
		"your_code": _("Your tracking code"),
		"error": _("Your opinion could not be sent."),
		"attachments": _("Attachments", context="Citizen Petition"),
		"choose_files": _("Choose Files to Attach"),
		"no_file": _("No File Chosen Yet"),
		"files_chosen": _("{0} file(s) chosen"),
		"attachments_help": _(
			"Up to {0} images (JPEG, PNG) or PDF files, {1} MB each. They are kept private."
		).format(F.MAX_FILES, F.MAX_FILE_BYTES // (1024 * 1024)),
		"honeypot": _("Leave this field empty"),
		"consent": _(
			"My name may appear with the answer when the results are published (never for a denunciation)."
		),
	}
	return context
