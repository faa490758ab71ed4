"""Keyed hashes of a denouncer's identity, so duplicate and repeat detection still works on
secret identities without the clear text in any column.

The rule is pure: the site's secret comes from the caller (``permissions/sealing.py`` derives
it from the site's ``encryption_key``). A key is an HMAC-SHA256 of the normalised value:
the same person typed with or without diacritics, in upper or lower case, with or without
the dots of an ID number, gets the same key; without the site secret a key cannot be
checked against a guess.
"""

from __future__ import annotations

import hashlib
import hmac

from tiep_xuc_doi_thoai.core.petitions import clean_id_number
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text

# Kept apart so that an ID number key never equals a name key of the same text.
ID_PURPOSE = b"id_number"
PERSON_PURPOSE = b"name_address"


def normalised_id_number(value: str | None) -> str:
	return clean_id_number(value)


def normalised_person(name: str | None, address: str | None) -> str:
	"""Name and address as compared for "the same person": no diacritics, one space, lower case.
	Empty when either is missing (a name alone says too little)."""
	name_n, addr_n = normalize_text(name), normalize_text(address)
	if not name_n or not addr_n:
		return ""
	return f"{name_n}|{addr_n}"


def keyed_hash(secret: bytes, purpose: bytes, value: str) -> str:
	"""Hex HMAC of ``value`` under ``secret``; '' for an empty value (nothing to match)."""
	if not value:
		return ""
	return hmac.new(secret, purpose + b"\x00" + value.encode("utf-8"), hashlib.sha256).hexdigest()


def id_number_key(secret: bytes, id_number: str | None) -> str:
	return keyed_hash(secret, ID_PURPOSE, normalised_id_number(id_number))


def person_key(secret: bytes, name: str | None, address: str | None) -> str:
	return keyed_hash(secret, PERSON_PURPOSE, normalised_person(name, address))
