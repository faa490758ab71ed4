"""Encryption at rest of what carries a denouncer's identity, with Frappe's own mechanism: the
Fernet cipher of ``frappe.utils.password`` keyed by the site's ``encryption_key``
(``site_config.json``). Nothing here decides who may read: that is ``permissions/identity.py``.

- A sealed text value is ``enc:`` + a Fernet token (``frappe.utils.password.encrypt``): a
  column holding it says nothing to a generic read, a sum or a ``like`` filter.
- A sealed file is ``SEALED_FILE_MAGIC`` + a Fernet token of its bytes: every route that
  serves, zips or copies it serves ciphertext.
- The keyed hashes that let duplicate detection match a secret identity use a secret derived
  from the same site key (``core/identity_keys.py`` holds the rule).

A site restored without the original ``encryption_key`` cannot open what was sealed:
``KeyMismatchError`` says so, in words, and nothing is overwritten.
"""

from __future__ import annotations

import hashlib

import frappe
from cryptography.fernet import Fernet, InvalidToken
from frappe import _
from frappe.utils.password import encrypt, get_encryption_key

SEALED_PREFIX = "enc:"
SEALED_FILE_MAGIC = b"TXDT-SEALED-1\n"
_KEY_PURPOSE = b"tiep_xuc_doi_thoai identity keys\x00"


class KeyMismatchError(frappe.ValidationError):
	"""What was sealed on this site cannot be opened with the site's current key."""


def key_mismatch_message() -> str:
	return _(
		"Confidential data on this site was encrypted with another encryption key. Copy "
		"encryption_key from the original site's site_config.json (a backup keeps it in its "
		"site_config_backup.json) into this site's site_config.json, then try again. Nothing "
		"was changed."
	)


def no_key_message() -> str:
	return _(
		"This site holds encrypted confidential data but its site_config.json has no "
		"encryption_key. Copy encryption_key from the original site's site_config.json (a "
		"backup keeps it in its site_config_backup.json) into this site's site_config.json."
	)


def _fernet() -> Fernet:
	"""The site key's cipher, made once per request (a register opens many values)."""
	key = get_encryption_key()
	cached = getattr(frappe.local, "txdt_fernet", None)
	if not cached or cached[0] != key:
		cached = frappe.local.txdt_fernet = (key, Fernet(key.encode()))
	return cached[1]


def is_sealed(value: object) -> bool:
	return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def seal(value: str | None) -> str | None:
	"""A text value sealed; empty stays empty, a sealed value is not sealed twice."""
	if value in (None, "") or is_sealed(value):
		return value
	return SEALED_PREFIX + encrypt(str(value))


def unseal(value: str | None) -> str | None:
	"""The clear text of a sealed value (anything else is returned as it is)."""
	if not is_sealed(value):
		return value
	try:
		return _fernet().decrypt(value[len(SEALED_PREFIX) :].encode()).decode("utf-8")
	except InvalidToken:
		frappe.throw(key_mismatch_message(), exc=KeyMismatchError, title=_("Wrong Encryption Key"))


def is_sealed_content(content: bytes | str | None) -> bool:
	if isinstance(content, str):
		content = content.encode("utf-8", "ignore")
	return bool(content) and content.startswith(SEALED_FILE_MAGIC)


def seal_content(content: bytes | str) -> bytes:
	if isinstance(content, str):
		content = content.encode("utf-8")
	if is_sealed_content(content):
		return content
	return SEALED_FILE_MAGIC + _fernet().encrypt(content)


def unseal_content(content: bytes | str) -> bytes:
	if isinstance(content, str):
		content = content.encode("utf-8")
	if not is_sealed_content(content):
		return content
	try:
		return _fernet().decrypt(content[len(SEALED_FILE_MAGIC) :])
	except InvalidToken:
		frappe.throw(key_mismatch_message(), exc=KeyMismatchError, title=_("Wrong Encryption Key"))


def identity_secret() -> bytes:
	"""The site secret of the keyed identity hashes, derived from the site key (so it travels
	with it and is never stored apart)."""
	return hashlib.sha256(_KEY_PURPOSE + get_encryption_key().encode()).digest()


def _sample() -> str | None:
	"""One sealed value of this site, newest first: an identity's name or a file's name."""
	for doctype, field in (("Petition Identity", "petitioner_name"), ("Confidential File", "original_name")):
		if not frappe.db.table_exists(doctype):
			continue
		found = frappe.get_all(
			doctype,
			filters={field: ("like", SEALED_PREFIX + "%")},
			pluck=field,
			limit=1,
			order_by="creation desc",
		)
		if found:
			return found[0]
	return None


def key_matches() -> bool:
	"""Whether the site key opens what is sealed on this site (True when nothing is sealed)."""
	sample = _sample()
	if not sample:
		return True
	try:
		_fernet().decrypt(sample[len(SEALED_PREFIX) :].encode())
	except InvalidToken:
		return False
	return True


def key_problem() -> str | None:
	"""Why this site cannot open what it has sealed, or None. Never makes a key up: a site
	restored without its ``encryption_key`` is told so, not given a new one."""
	if not frappe.local.conf.get("encryption_key"):
		return no_key_message() if _sample() else None
	return None if key_matches() else key_mismatch_message()


def sealed_counts() -> dict[str, int]:
	"""How many identities and files are sealed on this site."""
	return {
		"identities": frappe.db.count("Petition Identity"),
		"files": frappe.db.count("Confidential File") if frappe.db.table_exists("Confidential File") else 0,
	}


def warn_on_key_mismatch() -> None:
	"""``after_migrate`` (run after a restore's ``bench migrate``): a site whose key cannot
	open its sealed identities says so loudly and in the Error Log; nothing is rewritten."""
	message = key_problem()
	if not message:
		return
	print("\n" + "!" * 80 + "\n" + message + "\n" + "!" * 80 + "\n")
	frappe.log_error(title="Wrong Encryption Key", message=message)
