"""The desk's bell through Frappe's own helper (``enqueue_create_notification``), which also
honours each user's Notification Settings. It addresses users by e-mail; the app holds user
names, so they are looked up here once."""

from __future__ import annotations

from collections.abc import Iterable

import frappe
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification


def notify_users(users: Iterable[str], values: dict) -> None:
	"""An in-app notification (``values``: type, subject, email_content, document_type...) for
	each enabled user among ``users`` (user names)."""
	names = sorted({u for u in users if u and u != "Guest"})
	if not names:
		return
	emails = frappe.get_all("User", filters={"name": ("in", names), "enabled": 1}, pluck="email")
	if emails:
		enqueue_create_notification([e for e in emails if e], values)
