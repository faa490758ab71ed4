"""The form's timeline of a record that carries a secret identity.

Frappe's desk loads a document's comments, versions and e-mails with its "docinfo"
(``frappe.desk.form.load``) through ``frappe.get_all``, without the permission hooks of
Comment, Version and Communication. hooks.py ``override_whitelisted_methods`` points those
three endpoints here: they run Frappe's own, then leave the comments, versions and e-mails of
a secret petition out for who may not see the identity. The attachments stay listed (that one
exists and its type), so a user still knows the letter is there and can add another.
"""

from __future__ import annotations

import frappe
from frappe.desk.form import load

from tiep_xuc_doi_thoai.permissions.confidential import is_secret_reference
from tiep_xuc_doi_thoai.permissions.gate import hide_link_titles, require_parent
from tiep_xuc_doi_thoai.permissions.identity import may_see_identity

HIDDEN_DOCINFO = ("comments", "versions", "communications", "automated_messages")


def closed_timeline(doctype: str | None, name: str | None) -> bool:
	return is_secret_reference(doctype, name) and not may_see_identity()


def strip_docinfo() -> None:
	info = frappe.response.get("docinfo")
	if info and closed_timeline(info.get("doctype"), info.get("name")):
		for key in HIDDEN_DOCINFO:
			info[key] = []


@frappe.whitelist()
def getdoc(doctype: str, name: str, user: str | None = None):
	require_parent(doctype, name)
	load.getdoc(doctype, name, user)
	strip_docinfo()
	hide_link_titles()


@frappe.whitelist()
def get_docinfo(doc=None, doctype: str | None = None, name: str | None = None):
	load.get_docinfo(doc, doctype, name)
	strip_docinfo()


@frappe.whitelist()
def get_communications(doctype: str, name: str, start: int = 0, limit: int = 20):
	rows = load.get_communications(doctype, name, start, limit)
	return [] if closed_timeline(doctype, name) else rows
