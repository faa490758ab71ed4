app_name = "tiep_xuc_doi_thoai"
app_title = "Tiep Xuc Doi Thoai"
app_publisher = "tiep_xuc_doi_thoai developers"
app_description = (
	"Tiếp xúc, đối thoại trực tiếp với Nhân dân: plans, conferences, petitions, assignments, reports"
)
app_email = "dev@tiep-xuc-doi-thoai.invalid"
app_license = "mit"

# Apps
# ------------------

# required_apps = []  # frappe only; naming it makes install look it up on the network

add_to_apps_screen = [
	{
		"name": "tiep_xuc_doi_thoai",
		"logo": "/assets/frappe/images/frappe-framework-logo.svg",
		"title": "Tiếp xúc đối thoại",
		"route": "/app/citizen-dialogue",
	}
]

# Includes in <head>
# ------------------

# What several doctypes' forms and lists share (PDF per Decree 30, Excel registers), built from
# public/js/tiep_xuc_doi_thoai.bundle.js and loaded once; each doctype's own form and list code
# is in its doctype folder.
app_include_js = "tiep_xuc_doi_thoai.bundle.js"

# Jinja
# -----

# Print formats build the frame of an administrative document (header, number, date line,
# title, recipients, signature) with these; see templates/print/nd30_base.html.
jinja = {
	"methods": [
		"tiep_xuc_doi_thoai.utils.printing.nd30_context",
		"tiep_xuc_doi_thoai.utils.printing.nd30_doc_context",
		"tiep_xuc_doi_thoai.utils.printing.nd30_pdf_zoom",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_plan_parts",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_conference_document",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_conference_parts",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_results",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_report_document",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_assignment_document",
		"tiep_xuc_doi_thoai.utils.print_formats.txdt_answer_letter",
	],
}

# Installation
# ------------

before_install = "tiep_xuc_doi_thoai.setup.install.before_install"
# Frappe's setup wizard: the agency's name (scripts/demo.sh passes it) names the login page
setup_wizard_complete = "tiep_xuc_doi_thoai.setup.install.setup_wizard_complete"
after_install = "tiep_xuc_doi_thoai.setup.install.after_install"

# Uninstallation
# ------------

before_uninstall = "tiep_xuc_doi_thoai.setup.uninstall.before_uninstall"

# Scheduled Tasks
# ---------------

scheduler_events = {
	"daily": [
		"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference.dialogue_conference.refresh_deadline_states",
		"tiep_xuc_doi_thoai.utils.assignments.daily_follow_up",
	],
	"weekly": [
		"tiep_xuc_doi_thoai.utils.assignments.weekly_digest",
	],
}

# Permissions
# -----------
# A denouncer's identity (Petition Identity) is readable only with Dialogue Confidential Access.

permission_query_conditions = {
	"Petition Identity": "tiep_xuc_doi_thoai.utils.petition_identity.identity_query_conditions",
	"Petition Assignment": "tiep_xuc_doi_thoai.utils.assignments.assignment_query_conditions",
}

has_permission = {
	"Petition Identity": "tiep_xuc_doi_thoai.utils.petition_identity.identity_has_permission",
	"Petition Assignment": "tiep_xuc_doi_thoai.utils.assignments.assignment_has_permission",
}

# Website
# -------
# Citizens send an opinion and follow it by its tracking code.

website_route_rules = [
	{"from_route": "/gui-y-kien", "to_route": "petition_submit"},
	{"from_route": "/tra-cuu-y-kien", "to_route": "petition_status"},
]

# Testing
# -------

before_tests = "tiep_xuc_doi_thoai.setup.install.before_tests"

# Python type annotations in controllers (the auto-generated DF.* block)
export_python_type_annotations = True

# Fixtures: none. Roles, rules, categories and settings are created on install only if
# missing, so what an administrator changes survives `bench migrate` (see setup/install.py).
