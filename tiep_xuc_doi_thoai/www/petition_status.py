"""/tra-cuu-y-kien: a citizen follows an opinion by its tracking code, and nothing else."""

from frappe import _

from tiep_xuc_doi_thoai.services.public_pages import use_site_language

no_cache = 1


def get_context(context):
	use_site_language()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Follow Your Opinion")
	context.labels = {
		"intro": _("Enter the tracking code you received when you sent your opinion."),
		"code": _("Tracking Code"),
		"search": _("Look Up"),
		"received": _("Received Date"),
		"type": _("Kind of Opinion"),
		"status": _("Status"),
		"answer": _("Answer", context="Citizen Petition"),
		"answered_on": _("Answered On"),
		"no_answer": _("The answer has not been published yet."),
		"satisfied_question": _("Did this answer satisfy you?"),
		"comment": _("Your comment (optional)"),
		"yes": _("Yes, satisfied"),
		"no": _("No, look at it again"),
		"forwarded_to": _("Sent to the upper level"),
		"upper_status": _("Status at the upper level"),
		"upper_answer": _("Answer of the upper level"),
	}
	return context
