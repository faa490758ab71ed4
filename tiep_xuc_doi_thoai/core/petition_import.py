"""Reading the petition lists that MTTQ and units send as Excel files.

The lists are made by hand: a merged title over the table, a blank line or two, headers
in Vietnamese written with or without diacritics ("Họ và tên" / "Ho ten"), blank lines
inside, dates typed as text. The parser finds the header row by its names, reads every row
and reports each problem with its row number, so that staff fix the file and import again.
Nothing here writes: the caller imports only when there is no error at all.

Lists are often grouped by field: a row "I. LĨNH VỰC ĐẤT ĐAI" (Roman or Arabic numerals,
often bold and merged across the table) gives the field of the rows under it. Field and unit
names are matched leniently - without diacritics, by code, through the synonyms an
administrator keeps, by prefix or by words - and every name that was not written exactly is
reported with how it was mapped. A name that fits two records equally is never guessed: it
is listed (``ParseResult.ambiguities``) for the user to choose, and the choice comes back in
``choices``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tiep_xuc_doi_thoai.core.petitions import (
	DENUNCIATION,
	PETITION_TYPES,
	RECOMMENDATION,
	TYPE_WORDS,
	clean_id_number,
	clean_phone,
	contains_markup,
	id_number_problem,
	identity_is_secret,
	phone_problem,
)
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_TEXT = 10_000
HEADER_SCAN_ROWS = 30
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")

# Field -> header names (normalized, no diacritics). ``EXACT`` must be the whole header;
# ``PHRASES`` may appear inside a longer one ("Họ và tên người kiến nghị").
EXACT: dict[str, tuple[str, ...]] = {
	"row_number": ("stt", "tt", "so tt", "so thu tu"),
	"received_date": ("ngay", "ngay thang", "ngay thang nam"),
	"commune": ("xa", "phuong", "xa phuong", "xa phuong thi tran", "xa phuong dac khu"),
	"village": ("thon", "ban", "to", "khu pho"),
	"petition_type": ("loai", "phan loai"),
	"source": ("nguon",),
}
PHRASES: dict[str, tuple[str, ...]] = {
	"received_date": (
		"ngay nhan",
		"ngay tiep",
		"ngay tiep nhan",
		"ngay kien nghi",
		"ngay gui",
		"thoi gian tiep",
	),
	"petitioner_name": ("ho va ten", "ho ten", "nguoi kien nghi", "nguoi phan anh", "ten cu tri"),
	"id_number": ("cccd", "cmnd", "can cuoc", "so dinh danh", "chung minh"),
	"phone": ("dien thoai", "sdt", "so dt"),
	"address": ("dia chi", "noi cu tru", "noi o"),
	"commune": ("xa phuong",),
	"village": ("thon xom", "thon ban", "to dan pho", "thon to"),
	"group_size": ("so nguoi", "so luong nguoi"),
	"representative": ("nguoi dai dien", "dai dien"),
	"petition_type": ("loai don", "loai y kien", "phan loai don", "hinh thuc"),
	"category": ("linh vuc", "nhom van de"),
	"content": ("noi dung",),
	"responsible_unit": ("don vi", "co quan giai quyet", "co quan chu tri", "co quan xu ly", "giao cho"),
	"source": ("nguon y kien", "nguon tiep nhan"),
	"note": ("ghi chu",),
}
FIELDS = (
	"row_number",
	"received_date",
	"petitioner_name",
	"id_number",
	"phone",
	"address",
	"commune",
	"village",
	"group_size",
	"representative",
	"petition_type",
	"category",
	"content",
	"responsible_unit",
	"source",
	"note",
)
REQUIRED_COLUMNS = ("content",)
TEXT_FIELDS = (
	"petitioner_name",
	"address",
	"commune",
	"village",
	"representative",
	"content",
	"source",
	"note",
)
# Headers of the downloadable template, in the order staff fill them.
TEMPLATE_HEADERS: tuple[tuple[str, str, int], ...] = (
	("row_number", "STT", 6),
	("received_date", "Ngày tiếp nhận (dd/mm/yyyy)", 14),
	("petitioner_name", "Họ và tên", 24),
	("id_number", "Số CCCD/CMND", 16),
	("phone", "Điện thoại", 14),
	("address", "Địa chỉ", 28),
	("commune", "Xã/phường", 16),
	("village", "Thôn/tổ dân phố", 16),
	("group_size", "Số người", 9),
	("representative", "Người đại diện", 20),
	("petition_type", "Phân loại", 14),
	("category", "Lĩnh vực", 20),
	("content", "Nội dung ý kiến, kiến nghị", 60),
	("responsible_unit", "Đơn vị giải quyết", 24),
	("note", "Ghi chú", 20),
)

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")
EXCEL_EPOCH = dt.date(1899, 12, 30)


class ImportFileError(ValueError):
	"""The file as a whole cannot be read: ``code`` says why (messages live with the caller)."""

	def __init__(self, code: str, detail: str = ""):
		super().__init__(code if not detail else f"{code}: {detail}")
		self.code = code
		self.detail = detail


@dataclass(frozen=True)
class RowError:
	row: int  # the row number in Excel, 1-based
	column: str | None  # a field of FIELDS, None for the whole row
	code: str
	value: str = ""


@dataclass
class ImportRow:
	row: int
	values: dict[str, object]
	# How the field and the unit were found: column -> (text in the file, Match)
	matches: dict[str, tuple[str, Match]] = field(default_factory=dict)
	section_row: int | None = None  # the group row that gave the field, if any


@dataclass
class Ambiguity:
	"""A name that fits several records equally: the user chooses, the file is not guessed."""

	column: str
	text: str
	key: str  # normalized: the key of the user's choice
	candidates: tuple[str, ...]
	rows: list[int] = field(default_factory=list)


@dataclass
class MappedName:
	"""A name not written exactly as its record, and how it was mapped."""

	column: str
	text: str
	value: str
	how: str
	rows: list[int] = field(default_factory=list)


@dataclass
class ParseResult:
	header_row: int  # 1-based
	columns: dict[str, int]  # field -> 0-based column index
	rows: list[ImportRow] = field(default_factory=list)
	errors: list[RowError] = field(default_factory=list)
	ambiguities: list[Ambiguity] = field(default_factory=list)
	mapped: list[MappedName] = field(default_factory=list)
	sections: dict[int, str] = field(default_factory=dict)  # group row -> its title

	@property
	def ok(self) -> bool:
		return not self.errors

	@property
	def error_rows(self) -> list[int]:
		return sorted({e.row for e in self.errors})


# -- the file -----------------------------------------------------------------------------------
def check_file(content: bytes, filename: str | None = None) -> None:
	"""Refuse what is not an Excel workbook, or is too big, before openpyxl parses it."""
	if not content:
		raise ImportFileError("empty")
	if len(content) > MAX_FILE_BYTES:
		raise ImportFileError("too_large", str(len(content)))
	if filename and not filename.lower().endswith(EXCEL_EXTENSIONS):
		raise ImportFileError("not_excel", filename)
	if not content.startswith(b"PK\x03\x04"):
		raise ImportFileError("not_excel")
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as z:
			names = z.namelist()
			# A zip bomb: refuse files that inflate far beyond the upload limit.
			if sum(i.file_size for i in z.infolist()) > 20 * MAX_FILE_BYTES:
				raise ImportFileError("too_large")
	except zipfile.BadZipFile:
		raise ImportFileError("not_excel")
	if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
		raise ImportFileError("not_excel")


def read_sheet(content: bytes, filename: str | None = None) -> tuple[list[tuple], set[int]]:
	"""Cell values of the first sheet, and the 0-based indexes of rows whose only text is
	bold (the group rows of a list are written so)."""
	check_file(content, filename)
	from openpyxl import load_workbook

	try:
		wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		raise ImportFileError("not_excel")
	try:
		ws = wb.worksheets[0]
		rows: list[tuple] = []
		bold: set[int] = set()
		for cells in ws.iter_rows():
			values = tuple(getattr(c, "value", None) for c in cells)
			filled = [c for c, v in zip(cells, values, strict=False) if v not in (None, "")]
			if len(filled) <= 2 and filled and all(_is_bold(c) for c in filled):
				bold.add(len(rows))
			rows.append(values)
			if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS + 50:
				raise ImportFileError("too_many_rows", str(MAX_ROWS))
		return rows, bold
	finally:
		wb.close()


def _is_bold(cell: object) -> bool:
	try:
		return bool(cell.font and cell.font.b)
	except (AttributeError, IndexError):
		return False


# -- headers ------------------------------------------------------------------------------------
def header_field(text: object) -> str | None:
	"""Which field a header cell names, or None."""
	key = normalize_text(str(text)) if text is not None else ""
	if not key:
		return None
	for name in FIELDS:
		if key in EXACT.get(name, ()):
			return name
	best: tuple[int, int, str] | None = None
	padded = f" {key} "
	for order, name in enumerate(FIELDS):
		for phrase in PHRASES.get(name, ()):
			if f" {phrase} " in padded:
				# The longest phrase wins; earlier fields break ties ("Họ tên, địa chỉ" is the name).
				cand = (len(phrase), -order, name)
				if best is None or cand > best:
					best = cand
	return best[2] if best else None


def map_header(cells: Sequence[object]) -> dict[str, int]:
	columns: dict[str, int] = {}
	for index, cell in enumerate(cells):
		name = header_field(cell)
		if name and name not in columns:
			columns[name] = index
	return columns


def find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]]:
	"""0-based index of the header row and its column map; ``ImportFileError`` if none."""
	best: tuple[int, dict[str, int]] | None = None
	for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
		columns = map_header(cells)
		if all(c in columns for c in REQUIRED_COLUMNS) and len(columns) >= 2:
			if best is None or len(columns) > len(best[1]):
				best = (index, columns)
	if best is None:
		raise ImportFileError("no_header")
	return best


# -- values -------------------------------------------------------------------------------------
def _text(value: object) -> str:
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	if isinstance(value, (dt.datetime, dt.date)):
		return value.strftime("%d/%m/%Y")
	return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def parse_date(value: object) -> dt.date | None:
	"""A date from a date cell, an Excel serial number or text like 05/3/2025; None if not."""
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	if isinstance(value, (int, float)) and not isinstance(value, bool):
		if 20_000 < value < 80_000:
			return EXCEL_EPOCH + dt.timedelta(days=int(value))
		return None
	text = str(value or "").strip()
	for fmt in DATE_FORMATS:
		try:
			return dt.datetime.strptime(text, fmt).date()
		except ValueError:
			continue
	return None


def parse_type(value: str) -> str | None:
	key = normalize_text(value)
	if not key:
		return RECOMMENDATION
	for name in PETITION_TYPES:
		if key == normalize_text(name):
			return name
	if key in TYPE_WORDS:
		return TYPE_WORDS[key]
	found = {t for word, t in TYPE_WORDS.items() if f" {word} " in f" {key} "}
	return found.pop() if len(found) == 1 else None


# -- names: fields and units -------------------------------------------------------------------
# How a name in the file was mapped to a record, from the surest to the loosest.
EXACT_NAME = "exact"
BY_CODE = "code"
NO_DIACRITICS = "no_diacritics"
CHOSEN = "chosen"
SYNONYM = "synonym"
PREFIX = "prefix"
WORDS = "words"
AMBIGUOUS = "ambiguous"
NOT_FOUND = "not_found"
# Words that name the heading rather than the field ("Lĩnh vực đất đai", "Về giao thông").
FILLER_PREFIXES = ("linh vuc", "nhom van de", "nhom", "ve", "cac y kien ve", "y kien ve", "kien nghi ve")


@dataclass(frozen=True)
class Match:
	value: str | None
	how: str
	candidates: tuple[str, ...] = ()


def _exact_key(text: str) -> str:
	return normalize_text(text, keep_diacritics=True)


def strip_filler(key: str) -> str:
	"""``linh vuc dat dai`` → ``dat dai`` (``key`` is normalized)."""
	for prefix in sorted(FILLER_PREFIXES, key=len, reverse=True):
		if key.startswith(prefix + " "):
			return key[len(prefix) + 1 :]
	return key


class NameMatcher:
	"""Finds the record a name in a list means: ``pairs`` are (record name, code),
	``synonyms`` (text, record name) from the table an administrator edits, ``choices``
	(normalized text → record name) what the user chose for an ambiguous name."""

	def __init__(
		self,
		pairs: Iterable[tuple[str, str | None]],
		synonyms: Iterable[tuple[str, str]] = (),
		choices: Mapping[str, str] | None = None,
	):
		self.names: list[str] = []
		self.exact: dict[str, str] = {}
		self.codes: dict[str, str] = {}
		self.plain: dict[str, list[str]] = {}
		for name, code in pairs:
			if not name or name in self.exact.values():
				continue
			self.names.append(name)
			self.exact.setdefault(_exact_key(name), name)
			if code:
				self.codes.setdefault(normalize_text(code), name)
			self.plain.setdefault(normalize_text(name), []).append(name)
		known = set(self.names)
		self.synonyms = {normalize_text(t): n for t, n in synonyms if n in known and normalize_text(t)}
		self.choices = {normalize_text(k): v for k, v in (choices or {}).items() if v in known}

	def match(self, text: str) -> Match:
		key = normalize_text(text)
		if not key:
			return Match(None, NOT_FOUND)
		if found := self.exact.get(_exact_key(text)):
			return Match(found, EXACT_NAME)
		if found := self.codes.get(key):
			return Match(found, BY_CODE)
		if key in self.choices:
			return Match(self.choices[key], CHOSEN)
		plain = self.plain.get(key, [])
		if len(plain) == 1:
			return Match(plain[0], NO_DIACRITICS)
		if len(plain) > 1:
			return Match(None, AMBIGUOUS, tuple(plain))
		if found := self.synonyms.get(key):
			return Match(found, SYNONYM)
		bare = strip_filler(key)
		if bare != key:
			# Drop the same words from the text as written, so "LĨNH VỰC ĐẤT ĐAI" is still exact.
			dropped = len(key.split()) - len(bare.split())
			inner = self.match(" ".join(_exact_key(text).split()[dropped:]))
			if inner.how != NOT_FOUND:
				return inner
		return self._near(key)

	def _near(self, key: str) -> Match:
		"""A name the text begins (``giao thong`` → ``Giao thông, hạ tầng``), or else names
		holding all its words; two or more equally near are ambiguous, never guessed."""
		for how, test in ((PREFIX, _is_prefix), (WORDS, _has_words)):
			found = [n for n in self.names if test(key, normalize_text(n))]
			if len(found) == 1:
				return Match(found[0], how)
			if found:
				return Match(None, AMBIGUOUS, tuple(sorted(found)))
		return Match(None, NOT_FOUND)


def _is_prefix(key: str, name: str) -> bool:
	return name.startswith(key + " ")


def _has_words(key: str, name: str) -> bool:
	words, name_words = set(key.split()), set(name.split())
	return words <= name_words or (len(name_words) > 1 and name_words <= words)


# -- group rows ---------------------------------------------------------------------------------
_ROMAN = re.compile(r"^[IVXLC]+$")
_MARKER = re.compile(r"^\s*(?:PHẦN\s+|Phần\s+)?([IVXLC]+|\d{1,2}|[A-Za-z])\s*[.):\-–/]\s*(\S.*)$")


TOTAL_WORDS = ("tong cong", "tong so")


def is_total_row(cells: Sequence[object]) -> bool:
	""" "Tổng cộng: 40 ý kiến" under the table: neither a heading nor an opinion."""
	texts = [_text(c) for c in cells if _text(c)]
	if not texts or len(texts) > 3:
		return False
	key = normalize_text(texts[0])
	return any(key == w or key.startswith(w + " ") for w in TOTAL_WORDS) and not any(
		len(t) > 60 for t in texts
	)


@dataclass(frozen=True)
class SectionRow:
	title: str  # the text naming the field, without its numbering
	strong: bool  # Roman numeral, "lĩnh vực" or bold: a heading even if no field matches


def section_row(cells: Sequence[object], columns: Mapping[str, int], bold: bool = False) -> SectionRow | None:
	"""A group row ("I. LĨNH VỰC ĐẤT ĐAI", or "II" in the STT column and the title beside it),
	or None for a data row."""
	texts = [(i, _text(c)) for i, c in enumerate(cells) if _text(c)]
	stt = columns.get("row_number")
	marker = ""
	if len(texts) == 2 and texts[0][0] == stt:
		marker = texts[0][1].strip(" .):-")
		title = texts[1][1]
		if not (_ROMAN.match(marker) or marker.isdigit() or (len(marker) == 1 and marker.isalpha())):
			return None
	elif len(texts) == 1:
		title = texts[0][1]
		found = _MARKER.match(title)
		if found:
			marker, title = found.group(1), found.group(2).strip()
	else:
		return None
	if parse_date(title) is not None or len(title) > 200 or not any(ch.isalpha() for ch in title):
		return None
	keyword = normalize_text(title).startswith(("linh vuc ", "nhom "))
	strong = bool(_ROMAN.match(marker)) or keyword or bold
	if not (strong or marker):
		return None
	return SectionRow(title, strong)


# -- rows ---------------------------------------------------------------------------------------
def parse_row(
	excel_row: int,
	cells: Sequence[object],
	columns: Mapping[str, int],
	categories: NameMatcher,
	units: NameMatcher,
	today: dt.date,
	default_date: dt.date | None,
	section_category: tuple[str, Match] | None = None,
) -> tuple[dict[str, object], list[RowError], dict[str, tuple[str, Match]]]:
	raw = {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}
	values: dict[str, object] = {}
	errors: list[RowError] = []

	def err(column: str | None, code: str, value: object = "") -> None:
		errors.append(RowError(excel_row, column, code, _text(value)[:80]))

	for name in TEXT_FIELDS:
		if name in raw:
			text = _text(raw[name])
			if contains_markup(text):
				err(name, "markup", text)
				text = ""
			elif len(text) > MAX_TEXT:
				err(name, "too_long", text)
			values[name] = text

	if not values.get("content"):
		if not any(e.column == "content" for e in errors):
			err("content", "missing_content")

	day = raw.get("received_date")
	if day in (None, ""):
		if default_date is None:
			err("received_date", "missing_date")
		values["received_date"] = default_date
	else:
		parsed = parse_date(day)
		if parsed is None:
			err("received_date", "bad_date", day)
		elif parsed > today:
			err("received_date", "future_date", day)
		elif parsed.year < 1990:
			err("received_date", "bad_date", day)
		values["received_date"] = parsed

	if "id_number" in raw:
		problem = id_number_problem(_text(raw["id_number"]))
		if problem:
			err("id_number", "bad_id_number", raw["id_number"])
		values["id_number"] = clean_id_number(_text(raw["id_number"]))

	if "phone" in raw:
		phone = _text(raw["phone"])
		if phone_problem(phone):
			err("phone", "bad_phone", phone)
		values["phone"] = clean_phone(phone)

	if "group_size" in raw and _text(raw["group_size"]):
		try:
			size = int(float(_text(raw["group_size"])))
			if size < 1:
				raise ValueError
			values["group_size"] = size
		except ValueError:
			err("group_size", "bad_number", raw["group_size"])

	kind = parse_type(_text(raw.get("petition_type")))
	if kind is None:
		err("petition_type", "unknown_type", raw.get("petition_type"))
	values["petition_type"] = kind or RECOMMENDATION

	matches: dict[str, tuple[str, Match]] = {}
	category = _text(raw.get("category"))
	if category:
		matches["category"] = (category, categories.match(category))
	elif section_category:
		matches["category"] = section_category
	unit = _text(raw.get("responsible_unit"))
	if unit:
		matches["responsible_unit"] = (unit, units.match(unit))
	for column, (text, found) in matches.items():
		if found.how == AMBIGUOUS:
			err(column, "ambiguous", text)
		elif found.how == NOT_FOUND:
			err(column, "unknown_category" if column == "category" else "unknown_unit", text)
		values[column] = found.value
	return values, errors, matches


def parse_rows(
	rows: Sequence[Sequence[object]],
	categories: Iterable[tuple[str, str | None]] = (),
	units: Iterable[tuple[str, str | None]] = (),
	today: dt.date | None = None,
	default_date: dt.date | None = None,
	*,
	bold_rows: Iterable[int] = (),
	category_synonyms: Iterable[tuple[str, str]] = (),
	unit_synonyms: Iterable[tuple[str, str]] = (),
	choices: Mapping[str, Mapping[str, str]] | None = None,
) -> ParseResult:
	"""``bold_rows``: 0-based indexes of rows written in bold; ``choices``: column ->
	{normalized text: record name} the user chose for ambiguous names."""
	header_index, columns = find_header(rows)
	today = today or dt.date.today()
	choices = choices or {}
	cat_matcher = NameMatcher(categories, category_synonyms, choices.get("category"))
	unit_matcher = NameMatcher(units, unit_synonyms, choices.get("responsible_unit"))
	bold = set(bold_rows)
	result = ParseResult(header_row=header_index + 1, columns=columns)
	data_columns = [i for f, i in columns.items() if f != "row_number"]
	section: tuple[str, Match] | None = None
	section_at: int | None = None
	for offset, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
		if is_total_row(cells):
			continue
		group = section_row(cells, columns, bold=(offset - 1) in bold)
		if group is None and not any(_text(cells[i]) for i in data_columns if i < len(cells)):
			continue  # blank line, or a line with only its STT
		if group is not None:
			found = cat_matcher.match(group.title)
			if group.strong or found.how != NOT_FOUND:
				result.sections[offset] = group.title
				section, section_at = (group.title, found), offset
				if found.how == NOT_FOUND:
					result.errors.append(RowError(offset, "category", "unknown_section", group.title[:80]))
				elif found.how == AMBIGUOUS:
					result.errors.append(RowError(offset, "category", "ambiguous", group.title[:80]))
				continue
		if len(result.rows) >= MAX_ROWS:
			raise ImportFileError("too_many_rows", str(MAX_ROWS))
		values, errors, matches = parse_row(
			offset, cells, columns, cat_matcher, unit_matcher, today, default_date, section
		)
		row = ImportRow(offset, values, matches)
		if section and matches.get("category") is section:
			row.section_row = section_at
		result.rows.append(row)
		# An unclear group row is reported once, on its own row, not on every row under it.
		result.errors.extend(e for e in errors if not (row.section_row and e.column == "category"))
	if not result.rows:
		raise ImportFileError("no_rows")
	collect_names(result)
	return result


def collect_names(result: ParseResult) -> None:
	"""Group the names that were not exact, and the ambiguous ones, by column and text."""
	ambiguous: dict[tuple[str, str], Ambiguity] = {}
	mapped: dict[tuple[str, str], MappedName] = {}
	for row in result.rows:
		for column, (text, found) in row.matches.items():
			key = (column, normalize_text(text))
			at = row.section_row or row.row
			if found.how == AMBIGUOUS:
				item = ambiguous.setdefault(key, Ambiguity(column, text, key[1], found.candidates))
				if at not in item.rows:
					item.rows.append(at)
			elif found.value and found.how != EXACT_NAME:
				named = mapped.setdefault(key, MappedName(column, text, found.value, found.how))
				named.rows.append(row.row)
	result.ambiguities = list(ambiguous.values())
	result.mapped = list(mapped.values())


def parse_petition_file(
	content: bytes,
	filename: str | None = None,
	categories: Iterable[tuple[str, str | None]] = (),
	units: Iterable[tuple[str, str | None]] = (),
	today: dt.date | None = None,
	default_date: dt.date | None = None,
	**names,
) -> ParseResult:
	"""``names``: ``category_synonyms``, ``unit_synonyms`` and ``choices`` (see parse_rows)."""
	rows, bold_rows = read_sheet(content, filename)
	return parse_rows(rows, categories, units, today, default_date, bold_rows=bold_rows, **names)


def is_confidential(values: Mapping[str, object]) -> bool:
	return identity_is_secret(values.get("petition_type"), values.get("identity_confidential"))


# -- the template -------------------------------------------------------------------------------
def build_template(title: str = "DANH SÁCH Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI VÀ NHÂN DÂN") -> bytes:
	"""An empty list in the shape the parser reads: merged title, blank line, headers."""
	from openpyxl import Workbook
	from openpyxl.styles import Alignment, Font

	wb = Workbook()
	ws = wb.active
	ws.title = "Danh sách"
	last = len(TEMPLATE_HEADERS)
	ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
	ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
	ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
	note = "Phân loại: kiến nghị, phản ánh, khiếu nại, tố cáo, nhiều nội dung. Ngày: dd/mm/yyyy."
	ws.cell(row=2, column=1, value=note).font = Font(italic=True)
	ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
	for col, (_field, header, width) in enumerate(TEMPLATE_HEADERS, start=1):
		cell = ws.cell(row=4, column=col, value=header)
		cell.font = Font(bold=True)
		cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
		ws.column_dimensions[cell.column_letter].width = width
	ws.freeze_panes = "A5"
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def build_rows_file(rows: Iterable[Sequence[object]], title: str | None = None) -> bytes:
	"""A filled list (tests and the benchmark): template headers, then ``rows``."""
	from openpyxl import load_workbook

	wb = load_workbook(io.BytesIO(build_template(title) if title else build_template()))
	ws = wb.active
	for r, values in enumerate(rows, start=5):
		for c, value in enumerate(values, start=1):
			ws.cell(row=r, column=c, value=value)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()
