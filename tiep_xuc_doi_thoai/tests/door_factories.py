# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""What the permission tests (permissions/test_gate.py, test_permissions.py, test_sealing.py)
share to knock on Frappe's doors as a given user: a browser session, an API key, an HTTP call
through Frappe's test client, an attachment uploaded as Frappe's upload does. Test code only:
nothing in the app imports it."""

from __future__ import annotations

from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client, get_url


def login_sid(email: str) -> str:
	"""A session id of ``email`` for HTTP requests (the test stays Administrator)."""
	from frappe.auth import CookieManager, LoginManager
	from frappe.utils import set_request

	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(email)
	sid = frappe.session.sid
	frappe.set_user("Administrator")
	return sid


def api_token(email: str) -> str:
	"""``key:secret`` of a fresh API secret of ``email`` (for ``Authorization: token ...``)."""
	doc = frappe.get_doc("User", email)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.save(ignore_permissions=True)
	return f"{doc.api_key}:{secret}"


def http(path: str, sid: str, params: dict | None = None, verb: str = "get"):
	"""``path`` (``/api/method/...``, ``/api/resource/...``) as the session ``sid``."""
	client = get_test_client()
	query = {"sid": sid, **(params or {})}
	url = f"{get_url()}{path}"
	# buffered: werkzeug reads the answer and closes it in the request's own thread, which runs
	# Frappe's after-response steps there (frappe.destroy closes that request's database
	# connection). Unbuffered, a GET's connection stayed open with its read transaction, and a
	# later ALTER TABLE in the same test run (setup/test_indexes) waited on it for ever.
	if verb == "get":
		url += "?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
		return make_request(target=client.get, args=(url,), kwargs={"buffered": True})
	return make_request(target=getattr(client, verb), args=(url,), kwargs={"data": query, "buffered": True})


def attach_file(doctype: str, name: str, file_name: str, content: bytes, is_private: int = 1, **kw):
	"""A file uploaded to a record, as Frappe's upload inserts it (the app's File hooks run)."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": content,
			"is_private": is_private,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			**kw,
		}
	).insert(ignore_permissions=True)
