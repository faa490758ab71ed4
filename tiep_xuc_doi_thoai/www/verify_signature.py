"""/kiem-tra-chu-ky: anyone uploads a PDF and learns whether this agency signed it, by whom,
when, and whether it changed since (api/verification.py)."""

from frappe import _

from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def get_context(context):
	use_site_language()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Check a Signed Document")
	context.labels = {
		"intro": _(
			"Choose a PDF you received from this agency. It is checked here and not kept: you will see whether this agency signed it, who signed, when, and whether it was changed after signing."
		),
		"file": _("PDF File"),
		"check": _("Check the File"),
		"signer": _("Signed By"),
		"organisation": _("Organisation"),
		"signed_at": _("Signed On"),
		"intact": _("Unchanged", context="Signed Document"),
		"trusted": _("Trusted Certificate"),
		"ours": _("This Agency"),
		"yes": "✔",
		"no": "✘",
		"error": _("The file could not be checked."),
	}
	return context
