"""The citizens' pages: their language, and the ready-made copy Frappe keeps of the form.

Citizens read the public pages in the agency's language (System Settings), whatever their
browser asks for, unless they picked a language on the website themselves.

The opinion form (/gui-y-kien) is the same page for every citizen: Frappe renders it once per
language and serves the stored HTML after that (its website page cache: a request then costs
a Redis read, not a render of the website's templates, boot data and sidebar). What makes one
copy of it one person's - the signed form token - comes from ``api.public.form_token`` when
the page opens. What the page lists changes when a conference is announced, moved or closed,
and when a conference day passes: those drop the stored page, and the next request renders
it again.
"""

from __future__ import annotations

import frappe
from frappe.website.utils import delete_page_cache

# The citizens' routes (hooks.website_route_rules), by their first path segment.
CITIZEN_ROUTES = frozenset(
	("gui-y-kien", "tra-cuu-y-kien", "kiem-tra-chu-ky", "ket-qua-doi-thoai", "ngung-nhan-tin", "thong-ke")
)
# What the form shows of an announced conference (api.public.open_conferences); a change to one
# of these, or to the conference's status, drops the stored page.
CONFERENCE_FIELDS_SHOWN = ("topic", "conference_date", "place")
# The paths Frappe stores the form under: the route a citizen opens, and the page it resolves to.
PUBLIC_FORM_PATHS = ("gui-y-kien", "petition_submit")


def use_site_language() -> None:
	"""The site's language for a citizen's page, unless they picked one on the website."""
	if frappe.request and frappe.request.cookies.get("preferred_language"):
		return
	lang = frappe.db.get_single_value("System Settings", "language")
	if lang:
		frappe.local.lang = lang


def set_citizen_page_language() -> None:
	"""before_request: a guest's language is settled before Frappe looks for the stored page.

	Frappe picks a guest's language before it knows the caller is a guest (it falls back to
	the site's ``lang`` config or English), and looks up its page cache in that language; the
	pages then switch to the site's language in ``get_context``, too late for the lookup. For
	the citizens' routes only, the same rule is applied first."""
	request = getattr(frappe.local, "request", None)
	if not request or frappe.session.user != "Guest":
		return
	if request.path.strip("/").split("/", 1)[0] in CITIZEN_ROUTES:
		use_site_language()


def refresh_public_form() -> None:
	for path in PUBLIC_FORM_PATHS:
		delete_page_cache(path)
