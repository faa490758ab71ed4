"""Checks scripts/crm_coexistence.sh makes through `bench execute` on a site with Frappe CRM.

Two apps on one site share one namespace for DocTypes, Roles, Workspaces, Number Cards,
Dashboard Charts, Reports, Pages, Print Formats, Web Forms and web routes: a name both ship
means the second install silently takes the first one's record (its module, its JSON). These
checks read what each app ships from its own module folders and what the site holds.
"""

from __future__ import annotations

import json
import os

import frappe

from tiep_xuc_doi_thoai.core.roles import APP_ROLES

APP = "tiep_xuc_doi_thoai"
OTHER_APP = "crm"
# Folders of a module whose JSON records are site-wide names (folder → DocType).
NAMED_RECORDS = {
	"doctype": "DocType",
	"workspace": "Workspace",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"report": "Report",
	"page": "Page",
	"print_format": "Print Format",
	"web_form": "Web Form",
}
# Roles every Frappe site has: two apps may both grant them.
FRAPPE_ROLES = {"Administrator", "System Manager", "All", "Guest", "Desk User", "Website Manager"}
CRM_USER = "crm-user@example.com"
CRM_PASSWORD = "Crm@2026-coexist"
CRM_ROLES = ("Sales User",)


def shipped(app: str) -> dict[str, dict[str, str]]:
	"""{DocType of the record: {name: module}} for every standard record ``app`` ships."""
	found: dict[str, dict[str, str]] = {doctype: {} for doctype in NAMED_RECORDS.values()}
	for module in frappe.get_module_list(app):
		module_path = frappe.get_module_path(module)
		for folder, doctype in NAMED_RECORDS.items():
			base = os.path.join(module_path, folder)
			if not os.path.isdir(base):
				continue
			for entry in sorted(os.listdir(base)):
				path = os.path.join(base, entry, f"{entry}.json")
				if os.path.isfile(path):
					with open(path, encoding="utf-8") as f:
						name = json.load(f).get("name")
					if name:
						found[doctype][name] = module
	return found


def roles_of(app: str) -> set[str]:
	"""Roles an app's records grant or its setup names (Frappe's own roles left out)."""
	roles: set[str] = set(APP_ROLES) if app == APP else set()
	for doctype, names in shipped(app).items():
		if doctype not in ("DocType", "Report", "Page"):
			continue
		for name in names:
			meta_roles = (
				[p.role for p in frappe.get_meta(name).permissions]
				if doctype == "DocType" and frappe.db.exists("DocType", name)
				else [r.role for r in frappe.get_all("Has Role", {"parent": name}, ["role"])]
			)
			roles.update(meta_roles)
	return roles - FRAPPE_ROLES


def routes_of(app: str) -> set[str]:
	"""Web and desk routes an app answers: www pages, website_route_rules, /app/<page|doctype>."""
	routes: set[str] = set()
	www = frappe.get_app_path(app, "www")
	for folder, _dirs, files in os.walk(www):
		for file in files:
			stem, ext = os.path.splitext(file)
			if ext in (".html", ".md", ".py") and not stem.startswith("_"):
				rel = os.path.relpath(os.path.join(folder, stem), www)
				routes.add("/" + ("" if rel == "index" else rel.removesuffix("/index")))
	for rule in frappe.get_hooks("website_route_rules", app_name=app) or []:
		routes.add("/" + rule["from_route"].strip("/").split("/<")[0])
	records = shipped(app)
	for name in records["Page"]:
		routes.add(f"/app/{name}")
	for name in records["DocType"]:
		routes.add(f"/app/{frappe.scrub(name).replace('_', '-')}")
	for name in records["Workspace"]:
		routes.add(f"/app/{frappe.scrub(name).replace('_', '-')}")
	return routes


def clashes() -> list[str]:
	mine, theirs = shipped(APP), shipped(OTHER_APP)
	problems: list[str] = []
	for doctype in NAMED_RECORDS.values():
		for name in sorted(set(mine[doctype]) & set(theirs[doctype])):
			problems.append(f"{doctype} {name!r} is shipped by both apps")
		for app, records in ((APP, mine), (OTHER_APP, theirs)):
			modules = set(frappe.get_module_list(app))
			for name in records[doctype]:
				module = frappe.db.get_value(doctype, name, "module")
				if module and module not in modules:
					problems.append(f"{doctype} {name!r} of {app} now belongs to module {module!r}")
	for role in sorted(roles_of(APP) & roles_of(OTHER_APP)):
		problems.append(f"Role {role!r} is used by both apps")
	for route in sorted(routes_of(APP) & routes_of(OTHER_APP)):
		problems.append(f"route {route} is answered by both apps")
	return problems


def assert_no_clash() -> None:
	"""Fails when the two apps share a record name, a role or a route."""
	installed = frappe.get_installed_apps()
	assert APP in installed and OTHER_APP in installed, installed
	problems = clashes()
	for problem in problems:
		print(problem)
	counts = {doctype: len(names) for doctype, names in shipped(OTHER_APP).items() if names}
	print(f"compared with {OTHER_APP}: {counts}, {len(routes_of(OTHER_APP))} routes")
	assert not problems, f"{len(problems)} clashes"


def assert_hooks_active() -> None:
	"""The hooks the browser check exercises are the site's hooks while CRM is installed."""
	overrides = frappe.get_hooks("override_whitelisted_methods")
	assert any(v[-1].startswith(APP) for v in overrides.values()), overrides
	assert any(h.startswith(APP) for h in frappe.get_hooks("before_request")), "before_request"
	for doctype in ("File", "Comment", "Communication", "Version"):
		assert any(h.startswith(APP) for h in frappe.get_hooks("has_permission").get(doctype, [])), doctype
		assert any(
			h.startswith(APP) for h in frappe.get_hooks("permission_query_conditions").get(doctype, [])
		), doctype


def make_crm_user() -> None:
	"""A CRM salesperson with no role of this app: CRM's own screens are theirs."""
	if not frappe.db.exists("User", CRM_USER):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": CRM_USER,
				"first_name": "Sales",
				"last_name": "Person",
				"language": "vi",
				"send_welcome_email": 0,
				"roles": [{"role": role} for role in CRM_ROLES],
			}
		).insert(ignore_permissions=True)
	from frappe.utils.password import update_password

	update_password(CRM_USER, CRM_PASSWORD)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a CI step run through bench execute, not a request


def lead_trail(lead: str) -> str:
	"""What the browser check left on a lead: its comments and attachments, as JSON."""
	comments = frappe.get_all(
		"Comment",
		{"reference_doctype": "CRM Lead", "reference_name": lead, "comment_type": "Comment"},
		["owner", "content"],
	)
	files = frappe.get_all(
		"File", {"attached_to_doctype": "CRM Lead", "attached_to_name": lead}, ["owner", "file_name"]
	)
	result = json.dumps({"comments": comments, "files": files}, default=str)
	print(result)
	return result
