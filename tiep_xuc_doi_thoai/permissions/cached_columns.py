"""Frappe caches on every row, in columns any list or get endpoint with a field list returns:

- ``_comments``: the last comments and e-mails, their first 100 characters
  (``frappe.core.doctype.comment.comment.update_comment_in_doc``, called by
  ``Comment.on_update`` and ``Communication.on_update``);
- ``_assign`` (users), ``_liked_by`` (users), ``_seen`` (users), ``_user_tags`` (tag names).

Only ``_comments`` copies text a user wrote about the record, so on a record that may carry a
secret identity (``confidential.is_secret_reference``) it is kept neutral: the entries stay
(the list still counts comments) but each text is the mask. The other columns list users and
tags chosen by staff, never what a denouncer wrote. ``doc_events`` on Comment and
Communication run after Frappe's own ``on_update``, in the same transaction, so the clear
text never outlives the request that wrote it.
"""

from __future__ import annotations

import json

import frappe

from tiep_xuc_doi_thoai.permissions.confidential import is_secret_reference
from tiep_xuc_doi_thoai.permissions.identity import MASK


def neutral_comments(cached: str | None) -> str | None:
	"""The ``_comments`` JSON with every text masked (authors and names kept)."""
	try:
		entries = json.loads(cached or "[]")
	except ValueError:
		return json.dumps([])
	if not isinstance(entries, list):
		return json.dumps([])
	for entry in entries:
		if isinstance(entry, dict) and entry.get("comment") != MASK:
			entry["comment"] = MASK
	return json.dumps(entries)


def neutralize(doctype: str, name: str) -> bool:
	"""Mask the cached comments of one record; returns whether it changed."""
	try:
		cached = frappe.db.get_value(doctype, name, "_comments")
	except Exception as e:
		if frappe.db.is_missing_table_or_column(e):
			return False
		raise
	if not cached:
		return False
	neutral = neutral_comments(cached)
	if neutral == cached:
		return False
	frappe.db.set_value(doctype, name, "_comments", neutral, update_modified=False)
	return True


def keep_comments_cache_neutral(doc, method: str | None = None) -> None:
	"""``doc_events`` Comment.on_update and Communication.on_update."""
	if is_secret_reference(doc.get("reference_doctype"), doc.get("reference_name")):
		neutralize(doc.reference_doctype, doc.reference_name)
