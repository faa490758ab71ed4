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
# title, recipients, signature) with these; see templates/print/nd30_base.html. Frappe's
# Jinja environment is shared by every app on the site: each global carries the app's one
# prefix, txdt_, so none shadows another app's.
jinja = {
	"methods": [
		"tiep_xuc_doi_thoai.utils.printing.txdt_nd30_context",
		"tiep_xuc_doi_thoai.utils.printing.txdt_nd30_doc_context",
		"tiep_xuc_doi_thoai.utils.printing.txdt_nd30_pdf_zoom",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_plan_parts",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_conference_document",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_conference_parts",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_results",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_report_document",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_assignment_document",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_answer_letter",
		"tiep_xuc_doi_thoai.services.print_formats.txdt_periodic_figures",
	],
}

# Installation
# ------------

before_install = "tiep_xuc_doi_thoai.setup.install.before_install"
# Frappe's setup wizard: the agency's name (scripts/demo.sh passes it) names the login page
setup_wizard_complete = "tiep_xuc_doi_thoai.setup.install.setup_wizard_complete"
after_install = "tiep_xuc_doi_thoai.setup.install.after_install"
# A restore migrates with whatever key the new site has: say so when it cannot open the secrets.
after_migrate = ["tiep_xuc_doi_thoai.permissions.sealing.warn_on_key_mismatch"]

# Uninstallation
# ------------

before_uninstall = "tiep_xuc_doi_thoai.setup.uninstall.before_uninstall"

# Document Events
# ---------------
# Only Frappe's own doctypes (the app's doctypes use their controllers): Workflow, File,
# Comment, Communication have no controller of ours. An administrator's edit of a workflow
# may not strand documents in a removed state.
# (One dict: a second ``doc_events =`` would silently replace the first.)

doc_events = {
	"Workflow": {
		"validate": "tiep_xuc_doi_thoai.utils.workflow.refuse_removing_used_states",
	},
	# a public URL is served without any check: files of a secret record are made private
	"File": {
		# a File pointing at an existing private file is a copy: only of a file one may read;
		# then sealed after Frappe's own before_insert wrote it: neutral name, encrypted content
		"before_insert": [
			"tiep_xuc_doi_thoai.permissions.gate.refuse_unreadable_copy",
			"tiep_xuc_doi_thoai.permissions.sealed_files.seal_on_insert",
		],
		"after_insert": [
			"tiep_xuc_doi_thoai.permissions.confidential.keep_attachment_private",
			"tiep_xuc_doi_thoai.permissions.sealed_files.keep_original_name",
		],
		"on_trash": "tiep_xuc_doi_thoai.permissions.sealed_files.forget_original_name",
	},
	# the `_comments` cache of a secret record keeps no text (permissions/cached_columns.py)
	"Comment": {
		"on_update": "tiep_xuc_doi_thoai.permissions.cached_columns.keep_comments_cache_neutral",
	},
	"Communication": {
		"on_update": "tiep_xuc_doi_thoai.permissions.cached_columns.keep_comments_cache_neutral",
	},
}

# Unit scope of shares (permissions/scope.py): Frappe opens a shared record past every
# permission hook (has_permission asks DocShare when the hooks said no; get_list adds
# "or name in (shared)"). A share across units is refused; one a change of unit leaves across
# units (the record's unit, the user's User Permission on Dialogue Unit) is removed.
_SHARE_HOOKS = (
	("DocShare", "validate", "tiep_xuc_doi_thoai.permissions.scope.refuse_share_across_units"),
	("User Permission", "on_update", "tiep_xuc_doi_thoai.permissions.scope.drop_shares_across_units"),
	("User Permission", "after_delete", "tiep_xuc_doi_thoai.permissions.scope.drop_shares_across_units"),
	("Citizen Petition", "on_update", "tiep_xuc_doi_thoai.permissions.scope.drop_shares_across_units"),
	("Petition Assignment", "on_update", "tiep_xuc_doi_thoai.permissions.scope.drop_shares_across_units"),
)
for _doctype, _event, _method in _SHARE_HOOKS:  # added to what doc_events has, never replacing it
	_current = doc_events.setdefault(_doctype, {}).get(_event) or []
	doc_events[_doctype][_event] = [*([_current] if isinstance(_current, str) else _current), _method]

# Scheduled Tasks
# ---------------

# Frappe's scheduler (RQ jobs on the site's queues). Each target lives beside the doctype
# or in services/ (the import sweep moves beside Petition Import with issue 19a).
scheduler_events = {
	# every tick: an import whose RQ job died with its worker is marked failed, not left running
	"all": [
		"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import.importer.fail_lost_imports",
	],
	# the stored deadline states the lists, cards and reports filter on; the reminders
	"daily": [
		"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_conference.dialogue_conference.refresh_conference_deadline_states",
		"tiep_xuc_doi_thoai.services.assignments.daily_follow_up",
	],
	"weekly": [
		"tiep_xuc_doi_thoai.services.assignments.weekly_digest",
	],
	# The outbox to other levels' sites: transfers whose next try has come (integrations/).
	"cron": {
		"*/5 * * * *": [
			"tiep_xuc_doi_thoai.integrations.outbox.send_due",
			# messages to citizens (SMS, e-mail) whose time has come, failed ones again
			"tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_update_message.citizen_update_message.send_due",
		],
	},
}

# Permissions
# -----------
# One place: tiep_xuc_doi_thoai/permissions/ (unit scope, a denouncer's identity, and what
# carries it: files, comments, communications, versions). The hooks only deny, never grant.

permission_query_conditions = {
	"Petition Identity": "tiep_xuc_doi_thoai.permissions.identity.identity_query_conditions",
	"File": "tiep_xuc_doi_thoai.permissions.confidential.file_query_conditions",
	"Comment": "tiep_xuc_doi_thoai.permissions.confidential.comment_query_conditions",
	"Communication": "tiep_xuc_doi_thoai.permissions.confidential.communication_query_conditions",
	"Version": "tiep_xuc_doi_thoai.permissions.confidential.version_query_conditions",
	"Confidential File": "tiep_xuc_doi_thoai.permissions.sealed_files.confidential_file_query_conditions",
	# a register's Prepared Report (identities under its owner's rights) is its owner's alone
	"Prepared Report": "tiep_xuc_doi_thoai.permissions.prepared_reports.prepared_report_query_conditions",
	# unit scope, from the one list permissions/scope.py SCOPED_DOCTYPES: Frappe's get_list
	# (list view, reportview, REST lists, link search, group-by counts) adds it to every query;
	# it closes the scoped doctypes, their child tables and Frappe's records about them
	# (comments, files, ToDos, tags, shares...); "" for every other doctype
	"*": "tiep_xuc_doi_thoai.permissions.scope.query_conditions",
}

has_permission = {
	"Petition Identity": "tiep_xuc_doi_thoai.permissions.identity.identity_has_permission",
	"File": "tiep_xuc_doi_thoai.permissions.confidential.file_has_permission",
	"Comment": "tiep_xuc_doi_thoai.permissions.confidential.comment_has_permission",
	"Communication": "tiep_xuc_doi_thoai.permissions.confidential.communication_has_permission",
	"Version": "tiep_xuc_doi_thoai.permissions.confidential.version_has_permission",
	"Confidential File": "tiep_xuc_doi_thoai.permissions.sealed_files.confidential_file_has_permission",
	"Prepared Report": "tiep_xuc_doi_thoai.permissions.prepared_reports.prepared_report_has_permission",
	# unit scope (the same list): Frappe's has_permission on one record (form, frappe.client,
	# REST, print, check_permission) asks it for every doctype; it denies or abstains
	"*": "tiep_xuc_doi_thoai.permissions.scope.has_permission",
}

# The form's timeline (docinfo) is read without the hooks of Comment, Version and
# Communication (permissions/timeline.py). The gate (permissions/gate.py, COVERED says which
# Frappe function each entry covers and why): Frappe endpoints that count, sum, title, tag or
# like without the permission rules run only with the right, through frappe.get_list.
override_whitelisted_methods = {
	"frappe.desk.form.load.getdoc": "tiep_xuc_doi_thoai.permissions.timeline.getdoc",
	"frappe.desk.form.load.get_docinfo": "tiep_xuc_doi_thoai.permissions.timeline.get_docinfo",
	"frappe.desk.form.load.get_communications": "tiep_xuc_doi_thoai.permissions.timeline.get_communications",
	# -- the gate (permissions/gate.py COVERED) --
	"frappe.client.get": "tiep_xuc_doi_thoai.permissions.gate.get",
	"frappe.client.validate_link": "tiep_xuc_doi_thoai.permissions.gate.validate_link",
	"frappe.client.get_count": "tiep_xuc_doi_thoai.permissions.gate.get_count",
	"frappe.desk.search.search_link": "tiep_xuc_doi_thoai.permissions.gate.search_link",
	"frappe.desk.search.search_widget": "tiep_xuc_doi_thoai.permissions.gate.search_widget",
	"frappe.desk.search.get_link_title": "tiep_xuc_doi_thoai.permissions.gate.get_link_title",
	"frappe.desk.listview.get_group_by_count": "tiep_xuc_doi_thoai.permissions.gate.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "tiep_xuc_doi_thoai.permissions.gate.dashboard_chart",
	"frappe.desk.doctype.number_card.number_card.get_result": "tiep_xuc_doi_thoai.permissions.gate.number_card_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": "tiep_xuc_doi_thoai.permissions.gate.number_card_difference",
	"frappe.desk.notifications.get_open_count": "tiep_xuc_doi_thoai.permissions.gate.get_open_count",
	"frappe.desk.like.toggle_like": "tiep_xuc_doi_thoai.permissions.gate.toggle_like",
	"frappe.templates.includes.comments.comments.add_comment": "tiep_xuc_doi_thoai.permissions.gate.add_website_comment",
	"frappe.utils.global_search.search": "tiep_xuc_doi_thoai.permissions.gate.global_search",
	"frappe.utils.goal.get_monthly_goal_graph_data": "tiep_xuc_doi_thoai.permissions.gate.monthly_goal_graph_data",
	"frappe.email.relink": "tiep_xuc_doi_thoai.permissions.gate.relink",
	"frappe.desk.doctype.global_search_settings.global_search_settings.reset_global_search_settings_doctypes": "tiep_xuc_doi_thoai.permissions.gate.reset_global_search_doctypes",
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": "tiep_xuc_doi_thoai.permissions.gate.bulk_update_docs",
	"frappe.desk.doctype.tag.tag.add_tag": "tiep_xuc_doi_thoai.permissions.gate.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "tiep_xuc_doi_thoai.permissions.gate.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "tiep_xuc_doi_thoai.permissions.gate.remove_tag",
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "tiep_xuc_doi_thoai.permissions.gate.get_tagged_docs",
	"frappe.utils.file_manager.add_attachments": "tiep_xuc_doi_thoai.permissions.gate.add_attachments",
	"frappe.desk.form.document_follow.follow_document": "tiep_xuc_doi_thoai.permissions.gate.follow_document",
	"frappe.core.api.file.zip_files": "tiep_xuc_doi_thoai.permissions.gate.zip_files",
	"frappe.core.api.file.unzip_file": "tiep_xuc_doi_thoai.permissions.gate.unzip_file",
	"frappe.core.doctype.communication.email.mark_email_as_seen": "tiep_xuc_doi_thoai.permissions.gate.mark_email_as_seen",
}

# /private/files/... and download_file ask the File module directly, not the hooks above.
before_request = [
	# Frappe reads an API key or token only after these hooks: read it once, first, so the
	# guards below judge the real caller (frappe.auth.validate_auth)
	"tiep_xuc_doi_thoai.permissions.gate.authenticate_api_caller",
	"tiep_xuc_doi_thoai.permissions.confidential.guard_file_download",
	# after the guard: a sealed file is sent opened to who may see the identity
	"tiep_xuc_doi_thoai.permissions.sealed_files.open_sealed_download",
	# a gated Frappe function reached under another dotted name (an import alias) is refused
	"tiep_xuc_doi_thoai.permissions.gate.refuse_aliases",
	# a scoped table's row read or changed by its own REST route: only with its parent record
	"tiep_xuc_doi_thoai.permissions.gate.guard_child_rows",
]

# A replica that is down or behind serves no reads: the primary does (utils/replica.py).
before_request.append("tiep_xuc_doi_thoai.utils.replica.guard_replica_reads")
before_job = ["tiep_xuc_doi_thoai.utils.replica.guard_replica_reads"]
# A guest on the citizens' pages reads them in the site's language, settled before Frappe
# looks up its stored copy of the page (services/public_pages.py).
before_request.append("tiep_xuc_doi_thoai.services.public_pages.set_citizen_page_language")

# Website
# -------
# Citizens send an opinion and follow it by its tracking code.

website_route_rules = [
	{"from_route": "/gui-y-kien", "to_route": "petition_submit"},
	{"from_route": "/tra-cuu-y-kien", "to_route": "petition_status"},
	{"from_route": "/kiem-tra-chu-ky", "to_route": "verify_signature"},
	{"from_route": "/ket-qua-doi-thoai/<name>", "to_route": "conference_results"},
	{"from_route": "/ket-qua-doi-thoai", "to_route": "conference_results_list"},
	# the citizen's side (issue 21): stop the updates, open figures, calendar of conferences
	{"from_route": "/ngung-nhan-tin", "to_route": "stop_updates"},
	{"from_route": "/thong-ke", "to_route": "open_statistics"},
]

# Testing
# -------

before_tests = "tiep_xuc_doi_thoai.setup.install.before_tests"

# Python type annotations in controllers (the auto-generated DF.* block)
export_python_type_annotations = True

# Fixtures: none. Roles, rules, categories and settings are created on install only if
# missing, so what an administrator changes survives `bench migrate` (see setup/install.py).
