"""Vietnamese administrative text: date lines, document numbers and symbols, search keys.

Formats follow Nghị định 30/2020/NĐ-CP Phụ lục I; Party documents follow HD 36-HD/VPTW.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

BLANK_DAY = "\u00a0" * 4  # room left to write the day in by hand when the date is not set
AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")

# Type codes of administrative documents (Nghị định 30/2020 Phụ lục III).
DOCUMENT_TYPE_CODES: dict[str, str] = {
	"KH": "Kế hoạch",
	"GM": "Giấy mời",
	"BB": "Biên bản",
	"TB": "Thông báo",
	"BC": "Báo cáo",
	"QĐ": "Quyết định",
	"CTr": "Chương trình",
	"PG": "Phiếu gửi",
	"PC": "Phiếu chuyển",
	"GGT": "Giấy giới thiệu",
	"KL": "Kết luận",
	"HD": "Hướng dẫn",
}


def vn_day(day: int) -> str:
	"""Day of month with the leading zero Nghị định 30/2020 requires below 10."""
	return f"{day:02d}" if day < 10 else str(day)


def vn_month(month: int) -> str:
	"""Month with a leading zero for January and February only (Nghị định 30/2020)."""
	return f"{month:02d}" if month in (1, 2) else str(month)


def format_date_words(day: dt.date | None, year_hint: int | None = None) -> str:
	"""``ngày 11 tháng 7 năm 2019``; blanks to fill by hand when ``day`` is unknown."""
	if day is None:
		year = str(year_hint) if year_hint else BLANK_DAY
		return f"ngày {BLANK_DAY} tháng {BLANK_DAY} năm {year}"
	return f"ngày {vn_day(day.day)} tháng {vn_month(day.month)} năm {day.year}"


def format_place_date(place: str | None, day: dt.date | None, year_hint: int | None = None) -> str:
	"""The place and date line of a document: ``Thành phố Lai Châu, ngày 11 tháng 7 năm 2019``."""
	words = format_date_words(day, year_hint)
	place = (place or "").strip()
	return f"{place}, {words}" if place else words[0].upper() + words[1:]


def format_short_date(day: dt.date) -> str:
	"""``11/7/2019``, the form used inside text (căn cứ, trích yếu)."""
	return f"{vn_day(day.day)}/{vn_month(day.month)}/{day.year}"


def format_document_number(
	number: int | str | None,
	issuer: str,
	type_code: str | None = None,
	drafting_unit: str | None = None,
	party: bool = False,
) -> str:
	"""Number and symbol of a document, without the leading ``Số:``.

	``134/KH-UBND`` for a typed document, ``12/UBND-VX`` for a công văn (no type code, the
	drafting unit after the issuer), ``116-KL/TU`` for a Party document. With no number yet
	(filled in at signing) the number is left blank: ``/KH-UBND``.
	"""
	issuer = (issuer or "").strip()
	if not issuer:
		raise ValueError("issuer abbreviation is required")
	num = "" if number in (None, "", 0) else str(number).strip()
	if party:
		if not type_code:
			raise ValueError("a Party document needs a type code")
		return f"{num}-{type_code}/{issuer}"
	if type_code:
		symbol = f"{type_code}-{issuer}"
	else:
		symbol = f"{issuer}-{drafting_unit}" if drafting_unit else issuer
	return f"{num}/{symbol}"


@dataclass(frozen=True)
class DocumentNumber:
	number: int | None
	type_code: str | None
	issuer: str
	drafting_unit: str | None = None
	party: bool = False


_STATE_RE = re.compile(r"^\s*(?:Số[:\s]\s*)?(\d*)\s*/\s*([^\s/]+)\s*$", re.IGNORECASE)
_PARTY_RE = re.compile(r"^\s*(?:Số[:\s]\s*)?(\d*)-([^\s/]+)/([^\s]+)\s*$", re.IGNORECASE)


def parse_document_number(text: str) -> DocumentNumber:
	"""Read ``134/KH-UBND``, ``12/UBND-VX``, ``Số: /KH-UBND`` or ``116-KL/TU`` back into parts."""
	m = _STATE_RE.match(text or "")
	if m:
		num, symbol = m.groups()
		parts = symbol.split("-", 1)
		number = int(num) if num else None
		if parts[0] in DOCUMENT_TYPE_CODES and len(parts) == 2:
			return DocumentNumber(number, parts[0], parts[1])
		return DocumentNumber(number, None, parts[0], parts[1] if len(parts) == 2 else None)
	m = _PARTY_RE.match(text or "")
	if m:
		num, code, issuer = m.groups()
		return DocumentNumber(int(num) if num else None, code, issuer, party=True)
	raise ValueError(f"not a document number and symbol: {text!r}")


def format_authority(authority: str | None, authority_title: str | None, signer_title: str) -> list[str]:
	"""Lines above the signature: ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``, or just ``CHỦ TỊCH``."""
	lines = []
	if authority:
		if authority not in AUTHORITIES:
			raise ValueError(f"unknown signing authority {authority!r}")
		lines.append(f"{authority} {(authority_title or '').strip().upper()}".strip())
	lines.append(signer_title.strip().upper())
	return lines


def strip_diacritics(text: str) -> str:
	"""``Đất đai`` → ``Dat dai``: the đ is a letter of its own, not a d with a mark."""
	decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
	return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_SPACE_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)


def normalize_text(text: str | None, keep_diacritics: bool = False) -> str:
	"""Search key: NFC, lower case, punctuation dropped, spaces folded; diacritics optional."""
	if not text:
		return ""
	out = unicodedata.normalize("NFC", text).lower()
	if not keep_diacritics:
		out = strip_diacritics(out)
	out = _PUNCT_RE.sub(" ", out)
	return _SPACE_RE.sub(" ", out).strip()


def sort_key(text: str) -> tuple[str, str]:
	"""Vietnamese order, near enough for labels: Đ with D, diacritics after the plain letter."""
	return (normalize_text(text), text)


def text_matches(query: str, text: str) -> bool:
	"""Whether ``query`` occurs in ``text``, ignoring case, spacing and - unless the query
	has them - diacritics: ``dat dai`` finds ``Đất đai``, ``đất`` does not find ``đắt``."""
	q_plain = normalize_text(query)
	if normalize_text(query, keep_diacritics=True) != q_plain:
		return normalize_text(query, keep_diacritics=True) in normalize_text(text, keep_diacritics=True)
	return q_plain in normalize_text(text)
