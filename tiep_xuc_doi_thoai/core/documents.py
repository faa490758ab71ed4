"""What every administrative document prints around its body: header, number, date line,
title, recipients and signature block.

State bodies follow Nghị định 30/2020/NĐ-CP Phụ lục I; Party bodies follow HD 36-HD/VPTW.
Plain values in, a frozen :class:`DocumentContext` out, so the same context feeds the Jinja
base layout (``templates/print/nd30_base.html``), tests without a site, and anything else
that prints a document. Frappe reaches it through ``utils/printing.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tiep_xuc_doi_thoai.core.vietnamese import (
	AUTHORITIES,
	DOCUMENT_TYPE_CODES,
	format_authority,
	format_document_number,
	format_place_date,
)

# Fixed text of the document form itself (Quốc hiệu, Tiêu ngữ, the Party's name): never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
RECIPIENTS_LABEL = "Nơi nhận:"
ARCHIVE_LINE = "Lưu: VT."
PARTY_MARK = "*"  # the star under the Party committee's name (HD 36-HD/VPTW)

# Party documents write the signing authority with a slash (HD 36-HD/VPTW); the doctypes store
# the state form (TM., KT. ...), so both are accepted and the Party form is printed.
PARTY_AUTHORITIES: dict[str, str] = {
	"TM.": "T/M",
	"KT.": "K/T",
	"TL.": "T/L",
	"TUQ.": "T/UQ",
	"Q.": "Q.",
}
# More type codes a Party body uses beyond the state list in core.vietnamese.
PARTY_TYPE_CODES: dict[str, str] = {
	"NQ": "Nghị quyết",
	"CT": "Chỉ thị",
	"QC": "Quy chế",
	"QyĐ": "Quy định",
	"CTr": "Chương trình",
}
# Leading words a công văn puts under its number instead of a title.
SUBJECT_PREFIX = "V/v "


class DocumentContextError(ValueError):
	"""A value the document cannot be printed without. ``code`` names the missing or wrong
	input, so the caller can show its own (translated) message."""

	def __init__(self, code: str, message: str):
		super().__init__(message)
		self.code = code


@dataclass(frozen=True)
class DocumentContext:
	"""Everything the base layout prints outside the body. Strings are final: upper-cased
	where the form wants capitals, ``""`` where the line is left out."""

	party: bool
	parent_body: str
	issuing_body: str
	national_name: str
	national_motto: str
	number: str
	number_line: str
	subject_line: str
	place_date: str
	document_title: str
	summary: str
	recipients_label: str
	recipients: tuple[str, ...]
	authority_lines: tuple[str, ...]
	signer_name: str
	party_mark: str = ""
	page_numbers: bool = True
	extra: Mapping[str, Any] = field(default_factory=dict)

	@property
	def is_official_letter(self) -> bool:
		"""A công văn: no title, its trích yếu (``V/v ...``) goes under the number."""
		return not self.document_title

	def as_dict(self) -> dict[str, Any]:
		out = asdict(self)
		out["recipients"] = list(self.recipients)
		out["authority_lines"] = list(self.authority_lines)
		out["is_official_letter"] = self.is_official_letter
		return out


def _clean(value: Any) -> str:
	return " ".join(str(value).split()) if value not in (None, "") else ""


def _upper(value: Any) -> str:
	return _clean(value).upper()


def document_type_title(type_code: str | None, title: str | None = None, party: bool = False) -> str:
	"""``KẾ HOẠCH`` for ``KH``; an explicit ``title`` wins; ``""`` for a công văn (no type)."""
	if _clean(title):
		return _upper(title)
	if not type_code:
		return ""
	names = {**DOCUMENT_TYPE_CODES, **(PARTY_TYPE_CODES if party else {})}
	if type_code not in names:
		raise DocumentContextError(
			"type_code",
			f"Unknown document type code {type_code!r}: give the document title as well",
		)
	return names[type_code].upper()


def signature_lines(
	authority: str | None, authority_title: str | None, signer_title: str | None, party: bool = False
) -> tuple[str, ...]:
	"""``("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")``; for a Party body ``("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")``."""
	authority = _clean(authority) or None
	signer_title = _clean(signer_title)
	if not signer_title:
		raise DocumentContextError("signer_title", "The signer's title is missing (e.g. Chủ tịch)")
	if authority and not _clean(authority_title):
		raise DocumentContextError(
			"authority_title", f"{authority} needs the title it signs for (e.g. Chủ tịch, Ủy ban nhân dân)"
		)
	if not party:
		if authority and authority not in AUTHORITIES:
			raise DocumentContextError("authority", f"Unknown signing authority {authority!r}")
		return tuple(format_authority(authority, authority_title, signer_title))
	lines = []
	if authority:
		party_form = PARTY_AUTHORITIES.get(authority) or (
			authority if authority in PARTY_AUTHORITIES.values() else None
		)
		if not party_form:
			raise DocumentContextError("authority", f"Unknown signing authority {authority!r}")
		lines.append(f"{party_form} {_upper(authority_title)}")
	lines.append(signer_title.upper())
	return tuple(lines)


def recipient_lines(recipients: Iterable[str] | None, archive: str | None = ARCHIVE_LINE) -> tuple[str, ...]:
	"""The ``Nơi nhận:`` list without its dashes: each entry ends with ``;``, the archive
	line (``Lưu: VT.``) comes last and is added when missing."""
	lines = []
	for raw in recipients or ():
		line = _clean(raw).lstrip("-–• ").strip()
		if not line:
			continue
		if line.lower().startswith("lưu"):
			archive = line
			continue
		if line[-1] not in ";,.":
			line += ";"
		lines.append(line)
	if archive:
		lines.append(_clean(archive))
	return tuple(lines)


def build_document_context(
	*,
	issuing_body: str,
	signer_name: str,
	signer_title: str,
	parent_body: str | None = None,
	number: int | str | None = None,
	type_code: str | None = None,
	issuer: str | None = None,
	drafting_unit: str | None = None,
	number_and_symbol: str | None = None,
	place: str | None = None,
	date: dt.date | None = None,
	year: int | None = None,
	title: str | None = None,
	summary: str | None = None,
	recipients: Iterable[str] | None = None,
	archive: str | None = ARCHIVE_LINE,
	authority: str | None = None,
	authority_title: str | None = None,
	party: bool = False,
	page_numbers: bool = True,
	extra: Mapping[str, Any] | None = None,
) -> DocumentContext:
	"""Build and check the frame of one document.

	``issuing_body`` (``ỦY BAN NHÂN DÂN XÃ ĐƯỜNG AN``) and ``parent_body`` (``UBND TỈNH LAI
	CHÂU``) are the two header lines; the number is ``number_and_symbol`` when given as typed
	(``134/KH-UBND``), else built from ``number``, ``type_code`` and ``issuer`` (``UBND``,
	``TU``). ``title`` overrides the title the type code gives; ``summary`` is the trích yếu.
	Without ``date`` the day and month are left blank to fill in by hand (``year`` then).
	Raises :class:`DocumentContextError` for what the document cannot be printed without.
	"""
	party = bool(party)
	issuing_body = _upper(issuing_body)
	if not issuing_body:
		raise DocumentContextError("issuing_body", "The issuing body's name for the header is missing")
	signer_name = _clean(signer_name)
	if not signer_name:
		raise DocumentContextError("signer_name", "The signer's name is missing")
	if date is not None and not isinstance(date, dt.date):
		raise DocumentContextError("date", f"The document date must be a date, not {date!r}")
	if isinstance(date, dt.datetime):
		date = date.date()

	type_code = _clean(type_code) or None
	document_title = document_type_title(type_code, title, party)
	summary = _clean(summary)

	number_text = _clean(number_and_symbol).removeprefix("Số:").removeprefix("Số").strip()
	if not number_text:
		if not _clean(issuer):
			raise DocumentContextError(
				"issuer", "The issuer's abbreviation for the number and symbol is missing (e.g. UBND)"
			)
		if party and not type_code:
			raise DocumentContextError("type_code", "A Party document needs a type code (e.g. KH, KL)")
		number_text = format_document_number(
			number, _clean(issuer), type_code, _clean(drafting_unit) or None, party
		)
	# HD 36-HD/VPTW writes "Số 116-KL/TU"; Nghị định 30 writes "Số: 134/KH-UBND".
	number_line = f"Số {number_text}" if party else f"Số: {number_text}"

	subject_line = ""
	if not document_title:
		if not summary:
			raise DocumentContextError(
				"summary", "A letter without a document type needs its subject (trích yếu, V/v ...)"
			)
		subject_line = summary if summary.startswith(SUBJECT_PREFIX.strip()) else SUBJECT_PREFIX + summary
		summary = ""

	return DocumentContext(
		party=party,
		parent_body=_upper(parent_body),
		issuing_body=issuing_body,
		party_mark=PARTY_MARK if party else "",
		national_name=PARTY_NAME if party else NATIONAL_NAME,
		national_motto="" if party else NATIONAL_MOTTO,
		number=number_text,
		number_line=number_line,
		subject_line=subject_line,
		place_date=format_place_date(_clean(place), date, year or (date.year if date else None)),
		document_title=document_title,
		summary=summary,
		recipients_label=RECIPIENTS_LABEL,
		recipients=recipient_lines(recipients, archive),
		authority_lines=signature_lines(authority, authority_title, signer_title, party),
		signer_name=signer_name,
		page_numbers=bool(page_numbers),
		extra=dict(extra or {}),
	)
