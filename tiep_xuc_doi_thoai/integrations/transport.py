"""The one place that speaks HTTP to another level's site (``requests``, with timeouts).

Tests swap the transport for a fake through ``frappe.flags.txdt_transport``: anything with a
``post(url, data, auth)`` returning a ``Reply``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import frappe
import requests

from tiep_xuc_doi_thoai.core import levels


@dataclass(frozen=True)
class Reply:
	status: int | None  # None: no answer (timeout, refused connection, DNS)
	body: Any = None
	error: str | None = None  # levels.TIMEOUT or the connection error's text


class Transport(Protocol):
	def post(self, url: str, data: dict[str, Any], auth: tuple[str, str]) -> Reply: ...


class HttpTransport:
	"""JSON over HTTP(S) with a connect and a read timeout; redirects are not followed, so a
	link never silently lands on another host or drops to plain http."""

	def post(self, url: str, data: dict[str, Any], auth: tuple[str, str]) -> Reply:
		headers = {
			"Authorization": f"token {auth[0]}:{auth[1]}",
			"Accept": "application/json",
			"Content-Type": "application/json",
		}
		lang = frappe.db.get_single_value("System Settings", "language")
		if lang:
			headers["Accept-Language"] = lang
		try:
			response = requests.post(
				url,
				data=levels.canonical(data).encode("utf-8"),
				headers=headers,
				timeout=(levels.CONNECT_TIMEOUT, levels.READ_TIMEOUT),
				allow_redirects=False,
			)
		except requests.Timeout:
			return Reply(None, error=levels.TIMEOUT)
		except requests.RequestException as e:
			return Reply(None, error=str(e)[:500])
		try:
			body = response.json()
		except ValueError:
			body = response.text[:2000]
		return Reply(response.status_code, body)


def get_transport() -> Transport:
	return frappe.flags.txdt_transport or HttpTransport()
