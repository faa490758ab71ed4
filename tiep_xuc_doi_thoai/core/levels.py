"""Rules of the link between two levels' sites (commune → province → centre), frappe-free.

What a link's URL may be, when a failed transfer is tried again and when it is given up, how
an answer from the other site is read (delivered, worth retrying, refused for good), and the
fingerprint of a payload that makes a replay with altered content recognisable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import urlsplit

PAYLOAD_VERSION = 1
SUPPORTED_VERSIONS = frozenset({1})

# Transfer kinds (the outbox's ``kind``) and the receiving endpoint each one calls.
# The content of a petition that travels to the other level and is copied onto the petition
# the receiving site creates (the identity goes to its confidential record instead).
PETITION_CONTENT_FIELDS = (
	"subject",
	"petition_type",
	"category",
	"content",
	"petitioner_kind",
	"group_size",
	"commune",
	"complexity",
	"remote_area",
)

KIND_PETITION = "Petition"
KIND_PETITION_UPDATE = "Petition Update"
KIND_REPORT = "Report"
# A sealed document (a plan) sent up as its signed PDF, byte for byte (issue 20).
KIND_SIGNED_DOCUMENT = "Signed Document"
KINDS = (KIND_PETITION, KIND_PETITION_UPDATE, KIND_REPORT, KIND_SIGNED_DOCUMENT)
ENDPOINT_PREFIX = "/api/method/tiep_xuc_doi_thoai.integrations.receive."
ENDPOINTS = {
	KIND_PETITION: "petition",
	KIND_PETITION_UPDATE: "petition_update",
	KIND_REPORT: "report",
	KIND_SIGNED_DOCUMENT: "signed_document",
}
PING = "ping"

# Link directions: where the other site stands.
UPPER = "Upper Level"
LOWER = "Lower Level"

# Outbox statuses.
QUEUED = "Queued"
SENDING = "Sending"
SENT = "Sent"
FAILED = "Failed"  # will be tried again at next_attempt_on
DEAD = "Dead"  # given up: needs a person (fix and Retry)
DUE_STATUSES = (QUEUED, FAILED)

# Retries: 1 min, 2, 4, ... capped at 6 hours; given up after MAX_ATTEMPTS.
BASE_DELAY_SECONDS = 60
MAX_DELAY_SECONDS = 6 * 60 * 60
MAX_ATTEMPTS = 12
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 30
# A transfer left in Sending longer than this (a worker died mid-way) is due again.
STALE_SENDING_SECONDS = 15 * 60
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class UrlProblem(str, Enum):
	MISSING = "missing"
	SCHEME = "scheme"  # not http(s)
	PLAIN_HTTP = "plain_http"  # http to a host that is not loopback
	NO_HOST = "no_host"
	HAS_PATH = "has_path"  # a query, fragment or credentials in the URL


def is_loopback_host(host: str | None) -> bool:
	"""``localhost``, ``*.localhost`` (RFC 6761) and 127.0.0.0/8 or ::1."""
	if not host:
		return False
	host = host.strip("[]").lower()
	if host == "localhost" or host.endswith(".localhost"):
		return True
	try:
		return ipaddress.ip_address(host).is_loopback
	except ValueError:
		return False


def url_problem(url: str | None) -> UrlProblem | None:
	"""None when ``url`` is fit for a link: https anywhere, plain http only to loopback."""
	if not (url or "").strip():
		return UrlProblem.MISSING
	parts = urlsplit(url.strip())
	if parts.scheme not in ("http", "https"):
		return UrlProblem.SCHEME
	if not parts.hostname:
		return UrlProblem.NO_HOST
	if parts.query or parts.fragment or parts.username or parts.password:
		return UrlProblem.HAS_PATH
	if parts.scheme == "http" and not is_loopback_host(parts.hostname):
		return UrlProblem.PLAIN_HTTP
	return None


def normalize_url(url: str) -> str:
	return url.strip().rstrip("/")


def endpoint_url(site_url: str, method: str) -> str:
	return f"{normalize_url(site_url)}{ENDPOINT_PREFIX}{method}"


def retry_delay(attempts: int) -> dt.timedelta:
	"""Wait before the next try after ``attempts`` failed tries (exponential, capped)."""
	exponent = max(attempts - 1, 0)
	seconds = min(BASE_DELAY_SECONDS * (2 ** min(exponent, 30)), MAX_DELAY_SECONDS)
	return dt.timedelta(seconds=seconds)


class Outcome(str, Enum):
	DELIVERED = "delivered"
	RETRY = "retry"  # the other site is down, slow or overloaded: try again later
	REFUSED = "refused"  # the other site said no (credentials, payload): a person must act


@dataclass(frozen=True)
class Verdict:
	outcome: Outcome
	reason: str = ""  # a key of REASONS
	detail: str = ""  # what the other site said


# Why a transfer did not go through; the caller translates the sentence for its key.
AUTH = "auth"
NO_APP = "no_app"
REFUSED = "refused"
CONFLICT = "conflict"
SERVER = "server"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
BAD_ANSWER = "bad_answer"


def judge_response(status: int | None, body: Any, error: str | None = None) -> Verdict:
	"""Read what happened to one HTTP call.

	``status`` None means no answer at all (``error`` says why: a timeout or the connection).
	2xx with a receipt is delivered; 5xx, 429 and no answer are retried; 401/403 are refused
	credentials, 404 or a missing method is a site without the app, 409 a replay with altered
	content, other 4xx a payload the other side refused: none of these heal by waiting.
	"""
	detail = remote_message(body)
	if status is None:
		return Verdict(Outcome.RETRY, TIMEOUT if error == TIMEOUT else UNREACHABLE, error or "")
	if 200 <= status < 300:
		message = body.get("message") if isinstance(body, dict) else None
		if isinstance(message, dict) and message.get("ok"):
			return Verdict(Outcome.DELIVERED)
		return Verdict(Outcome.REFUSED, NO_APP if message is None else BAD_ANSWER, detail)
	if status in (401, 403):
		return Verdict(Outcome.REFUSED, AUTH, detail)
	if status == 404 or _missing_method(body):
		return Verdict(Outcome.REFUSED, NO_APP, detail)
	if status == 409:
		return Verdict(Outcome.REFUSED, CONFLICT, detail)
	if status == 429 or status >= 500:
		return Verdict(Outcome.RETRY, SERVER, detail)
	return Verdict(Outcome.REFUSED, REFUSED, detail)


def _missing_method(body: Any) -> bool:
	text = json.dumps(body, ensure_ascii=False) if isinstance(body, (dict, list)) else str(body or "")
	return "Failed to get method" in text or "No module named" in text


def remote_message(body: Any, limit: int = 1000) -> str:
	"""The human message in a Frappe error answer (``_server_messages``, ``exception``)."""
	if not isinstance(body, dict):
		return str(body or "")[:limit].strip()
	messages: list[str] = []
	raw = body.get("_server_messages")
	if raw:
		try:
			for item in json.loads(raw):
				try:
					parsed = json.loads(item)
					messages.append(
						str(parsed.get("message", "")) if isinstance(parsed, dict) else str(parsed)
					)
				except (TypeError, ValueError):
					messages.append(str(item))
		except (TypeError, ValueError):
			messages.append(str(raw))
	if not messages and body.get("exception"):
		messages.append(str(body["exception"]).split(":", 1)[-1])
	if not messages and body.get("exc_type"):
		messages.append(str(body["exc_type"]))
	return " ".join(m.strip() for m in messages if m and m.strip())[:limit]


def canonical(value: Any) -> str:
	return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def content_hash(payload: dict[str, Any]) -> str:
	"""Fingerprint of a payload; attached files count by their own hash, not their bytes."""
	shaped = dict(payload)
	if shaped.get("files"):
		shaped["files"] = [
			{k: v for k, v in f.items() if k != "content"}
			| {"sha256": f.get("sha256") or sha256_text(f.get("content") or "")}
			for f in shaped["files"]
		]
	return hashlib.sha256(canonical(shaped).encode("utf-8")).hexdigest()


def sha256_text(text: str) -> str:
	return hashlib.sha256(text.encode("utf-8")).hexdigest()


def idempotency_key(origin: str, kind: str, reference: str, variant: str = "") -> str:
	"""One key per thing sent: the sending site, what it is, and (for updates) which version."""
	base = f"{origin}|{kind}|{reference}"
	return f"{base}|{variant}" if variant else base
