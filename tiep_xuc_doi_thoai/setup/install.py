"""Install hooks: roles before the doctypes sync their permissions, then the defaults."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.setup.defaults import create_roles, ensure_defaults


def before_install() -> None:
	create_roles()


def after_install() -> None:
	ensure_defaults()


def before_tests() -> None:
	"""The test site needs the defaults even when it was restored from an older backup."""
	frappe.clear_cache()
	ensure_defaults()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- before_tests hook: test setup, outside any request


def setup_wizard_complete(args: dict) -> None:  # nosemgrep: overusing-args -- Frappe's hook signature
	"""Frappe's setup wizard hook: the agency's name, when given, names the site's login page."""
	agency = (args or {}).get("agency_name")
	if agency:
		frappe.db.set_single_value("System Settings", "app_name", agency)
