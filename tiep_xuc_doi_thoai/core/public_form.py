"""The citizen's form on the website: telling people from bots without an outside service,
and which attached files are accepted (frappe-free).

Anti-bot: the page carries a token the server signed with the time it was shown; the form
is refused when the token is missing, forged or expired, when it comes back faster than a
person fills it in, or when the hidden field only a bot fills ("honeypot") has a value.

Files: images (JPEG, PNG, WebP, GIF) and PDF, recognised by their first bytes, not by the
name; the name's extension must agree with the content; a PDF with embedded script or a
file that hides markup is refused.
"""

from __future__ import annotations

import hashlib
import hmac

MIN_FILL_SECONDS = 4
MAX_TOKEN_AGE = 2 * 60 * 60
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3

# code of the problem -> (content type, accepted extensions)
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
	"jpeg": ("image/jpeg", (".jpg", ".jpeg")),
	"png": ("image/png", (".png",)),
	"gif": ("image/gif", (".gif",)),
	"webp": ("image/webp", (".webp",)),
	"pdf": ("application/pdf", (".pdf",)),
}
# Bytes that have no business in what a citizen sends: script for a browser, a PHP payload
# glued behind a valid image header, or a PDF action that runs script or a program. Markers
# are long enough that compressed image data does not contain them by chance.
SUSPICIOUS_ANY = (b"<script", b"<?php", b"<html", b"<svg ", b"<iframe")
SUSPICIOUS_PDF = (b"/javascript", b"/launch", b"/embeddedfile")


# -- the form token -------------------------------------------------------------------------------
def _sign(key: str, stamp: int) -> str:
	return hmac.new(key.encode(), f"txdt-form:{stamp}".encode(), hashlib.sha256).hexdigest()[:32]


def make_form_token(key: str, now: float) -> str:
	stamp = int(now)
	return f"{stamp}.{_sign(key, stamp)}"


def form_token_problem(token: str | None, key: str, now: float, honeypot: str | None = None) -> str | None:
	"""None if a person plausibly filled the form; else a code: ``honeypot``, ``missing``,
	``forged``, ``too_fast`` or ``expired``."""
	if (honeypot or "").strip():
		return "honeypot"
	stamp_text, _, signature = (token or "").partition(".")
	if not stamp_text or not signature:
		return "missing"
	try:
		stamp = int(stamp_text)
	except ValueError:
		return "forged"
	if not hmac.compare_digest(signature, _sign(key, stamp)):
		return "forged"
	age = now - stamp
	if age < MIN_FILL_SECONDS:
		return "too_fast"
	if age > MAX_TOKEN_AGE:
		return "expired"
	return None


# -- attached files -------------------------------------------------------------------------------
def detect_kind(content: bytes) -> str | None:
	"""The file's real kind from its first bytes, or None."""
	if content.startswith(b"\xff\xd8\xff"):
		return "jpeg"
	if content.startswith(b"\x89PNG\r\n\x1a\n"):
		return "png"
	if content.startswith((b"GIF87a", b"GIF89a")):
		return "gif"
	if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
		return "webp"
	if content.startswith(b"%PDF-"):
		return "pdf"
	return None


def upload_problem(filename: str | None, content: bytes, max_bytes: int = MAX_FILE_BYTES) -> str | None:
	"""None if the file may be stored; else ``empty``, ``too_large``, ``not_allowed``,
	``wrong_extension`` or ``suspicious``."""
	if not content:
		return "empty"
	if len(content) > max_bytes:
		return "too_large"
	kind = detect_kind(content)
	if kind is None:
		return "not_allowed"
	name = (filename or "").lower().strip()
	if not name.endswith(KINDS[kind][1]):
		return "wrong_extension"
	lowered = content.lower()
	markers = SUSPICIOUS_ANY + (SUSPICIOUS_PDF if kind == "pdf" else ())
	if any(marker in lowered for marker in markers):
		return "suspicious"
	return None


def content_type(content: bytes) -> str | None:
	kind = detect_kind(content)
	return KINDS[kind][0] if kind else None
