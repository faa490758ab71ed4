"""Checks .ci/run makes through `bench execute` around install, migrate and uninstall."""

from __future__ import annotations

import hashlib
import json

import frappe

from tiep_xuc_doi_thoai.core.roles import APP_ROLES
from tiep_xuc_doi_thoai.setup.uninstall import app_doctypes, find_orphans

ADMIN_EDITS = {
	("Deadline Rule", "petition-answer", "days"): 20,
	("Deadline Rule", "conference-notice", "legal_basis"): "Quy chế riêng của cơ quan: 10 ngày làm việc",
}


def make_admin_edits() -> None:
	"""What an administrator might change in the web UI before an upgrade."""
	for (doctype, name, field), value in ADMIN_EDITS.items():
		doc = frappe.get_doc(doctype, name)
		doc.set(field, value)
		doc.save()
	settings = frappe.get_single("Dialogue Settings")
	settings.min_dialogues_per_year = 4
	settings.save()
	frappe.delete_doc("Petition Category", "Chính sách khác")
	workflow = frappe.get_doc("Workflow", "Dialogue Plan Approval")
	for transition in workflow.transitions:
		if transition.action == "Publish":
			transition.allowed = "Dialogue Manager"  # this agency's manager publishes too
	workflow.save()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a CI step run through bench execute, not a request


def snapshot() -> str:
	"""A digest of everything install creates and an administrator may edit."""
	data = {
		"rules": frappe.get_all("Deadline Rule", fields=["*"], order_by="name"),
		"categories": frappe.get_all(
			"Petition Category", fields=["name", "code", "parent_petition_category"], order_by="name"
		),
		"settings": frappe.get_single("Dialogue Settings").as_dict(no_default_fields=True),
		"roles": frappe.get_all(
			"Role", filters={"name": ("in", list(APP_ROLES))}, order_by="name", pluck="name"
		),
	}
	for rule in data["rules"]:
		for key in ("modified", "creation"):
			rule.pop(key, None)
	data["settings"].pop("modified", None)
	text = json.dumps(data, sort_keys=True, default=str)
	print(hashlib.sha256(text.encode()).hexdigest())
	return hashlib.sha256(text.encode()).hexdigest()


def assert_admin_edits_kept() -> None:
	for (doctype, name, field), value in ADMIN_EDITS.items():
		actual = frappe.db.get_value(doctype, name, field)
		if actual != value:
			raise AssertionError(f"migrate changed {doctype} {name}.{field}: {actual!r}")
	if frappe.db.exists("Petition Category", "Chính sách khác"):
		raise AssertionError("migrate re-created a category the administrator deleted")
	publish = frappe.get_all(
		"Workflow Transition",
		filters={"parent": "Dialogue Plan Approval", "action": "Publish"},
		pluck="allowed",
	)
	if publish != ["Dialogue Manager"]:
		raise AssertionError(f"migrate changed the edited workflow: {publish}")
	print("admin edits kept")


def assert_uninstalled() -> None:
	orphans = find_orphans()
	tables = [dt for dt in app_doctypes() if frappe.db.table_exists(dt)]
	if orphans or tables:
		raise AssertionError(f"left after uninstall: orphans={orphans} tables={tables}")
	print("no orphans, no tables left")


def assert_demo_site() -> None:
	"""After scripts/demo.sh: Frappe's setup is complete the way the demo chose, and every
	demo user (and Administrator) lands on the app's workspace."""
	from tiep_xuc_doi_thoai.setup import demo

	assert demo.is_demo_site(), "the demo site is not marked as created by scripts/demo.sh"
	system = frappe.get_single("System Settings")
	got = (system.setup_complete, system.language, system.country, system.time_zone, system.currency)
	want = (1, "vi", "Vietnam", "Asia/Ho_Chi_Minh", "VND")
	assert got == want, f"System Settings {got}, expected {want}"
	assert system.app_name == demo.COMMUNE, system.app_name
	assert frappe.db.get_default("desktop:home_page") == "workspace"
	users = ["Administrator", *(u[0] for u in demo.USERS)]
	homes = dict(frappe.get_all("User", {"name": ("in", users)}, ["name", "default_workspace"], as_list=True))
	wrong = {u: homes.get(u) for u in users if homes.get(u) != demo.WORKSPACE}
	assert not wrong, f"default workspace not {demo.WORKSPACE}: {wrong}"
	print("demo site: setup complete (vi, Vietnam, Asia/Ho_Chi_Minh, VND), every role lands on the workspace")


def assert_demo_citizen_side() -> None:
	"""The demo's public pages have something to show, and its open figures agree with the
	desk's Dialogue Report figures on the same rows (a suppressed count is left out)."""
	import datetime as dt

	from tiep_xuc_doi_thoai.api import open_data, public
	from tiep_xuc_doi_thoai.api.results import published_conferences
	from tiep_xuc_doi_thoai.services.periodic_report import figures_for
	from tiep_xuc_doi_thoai.setup import demo, demo_citizen

	assert published_conferences(), "no published conference results"
	code = frappe.db.get_value(
		"Citizen Petition", {"content": demo_citizen.ANSWERED_CONTENT}, "tracking_code"
	)
	seen = public.lookup(code)
	assert seen["found"] and seen["answer"], "the demo's answered opinion shows no answer"
	year = int(frappe.utils.today()[:4])
	data = open_data.build(demo.COMMUNE, year)
	desk = figures_for(demo.COMMUNE, year, dt.date(year, 1, 1), dt.date(year, 12, 31))
	ours = {i["label"]: i["count"] for i in data["opinions"]["by_channel"]}
	for label, count in desk.by_channel:
		assert ours[label] in (count, None), f"{label}: open figures {ours[label]}, desk {count}"
	assert data["opinions"]["received"] == desk.opinions_received
	print(
		f"demo site: results published, opinion {code} answered, {desk.opinions_received} opinions agree with the desk"
	)
