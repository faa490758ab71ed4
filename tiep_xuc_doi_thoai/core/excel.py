"""Registers (sổ theo dõi) and report annexes as Excel files, in the shape offices keep them.

A shape is data: the title and a tuple of :class:`Column` (header, width, kind, optional
group header above it, what its totals cell shows). Rows come as an iterator of mappings
(or sequences in column order) and are streamed into an openpyxl write-only workbook, so
memory stays flat however long the register is. Above the table: the agency lines (merged),
the title, the period line; then one or two header rows (group headers merged), the column
numbers (1), (2) ...; the header is frozen and repeated on every printed page; under the
table a totals row.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tiep_xuc_doi_thoai.core.followup import is_on_time, on_time_rate
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text, sort_key

FONT_NAME = "Times New Roman"
DATE_FORMAT = "DD/MM/YYYY"
INT_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
TOTALS_LABEL = "Tổng cộng"
PAPER_A4 = "9"  # OOXML paperSize code

# Column kinds: how a value is written and formatted.
SEQ = "seq"  # STT: 1, 2, 3 ... filled in when the row has none
TEXT = "text"
DATE = "date"
INT = "int"
NUMBER = "number"
PERCENT = "percent"
KINDS = (SEQ, TEXT, DATE, INT, NUMBER, PERCENT)

# What the totals row shows under a column.
SUM = "sum"  # the sum of the numbers
COUNT = "count"  # how many rows have a value
TALLY = "tally"  # "Đúng hạn: 40; Trễ hạn: 3" for a column of a few distinct texts
TOTALS = (SUM, COUNT, TALLY)


@dataclass(frozen=True)
class Column:
	key: str
	header: str
	width: float = 12
	kind: str = TEXT
	group: str | None = None  # header over consecutive columns of the same group, merged
	total: str | None = None
	# on-time rate columns: the totals cell is core.followup.on_time_rate of the totals of these
	# (on time, late, overdue) columns, the rate each row shows
	ratio: tuple[str, str, str] | None = None

	def __post_init__(self) -> None:
		if self.kind not in KINDS:
			raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")
		if self.total is not None and self.total not in TOTALS:
			raise ValueError(f"column {self.key!r}: unknown total {self.total!r}")
		if self.width <= 0:
			raise ValueError(f"column {self.key!r}: width must be positive")


@dataclass(frozen=True)
class RegisterShape:
	title: str
	columns: tuple[Column, ...]
	sheet_name: str = "So"
	number_row: bool = True  # the (1), (2) ... row under the headers
	totals: bool = True
	landscape: bool = True

	def __post_init__(self) -> None:
		keys = [c.key for c in self.columns]
		if len(set(keys)) != len(keys):
			raise ValueError(f"{self.title}: duplicate column keys")
		seen: set[str] = set()
		previous = None
		for column in self.columns:
			if column.group and column.group != previous and column.group in seen:
				raise ValueError(f"{self.title}: columns of group {column.group!r} must be adjacent")
			if column.group:
				seen.add(column.group)
			previous = column.group
		for column in self.columns:
			for key in column.ratio or ():
				if key not in keys:
					raise ValueError(f"column {column.key!r}: ratio of unknown column {key!r}")

	@property
	def has_groups(self) -> bool:
		return any(c.group for c in self.columns)

	@property
	def width(self) -> int:
		return len(self.columns)


@dataclass(frozen=True)
class RegisterHeading:
	"""The lines above the table."""

	agency: str = ""  # ỦY BAN NHÂN DÂN XÃ ĐƯỜNG AN (bold)
	parent: str = ""  # UBND TỈNH LAI CHÂU
	title: str | None = None  # overrides the shape's title
	period: str = ""  # "Từ ngày 01/01/2025 đến ngày 31/12/2025"


@dataclass
class RegisterResult:
	rows: int = 0
	first_data_row: int = 0
	last_data_row: int = 0
	header_rows: tuple[int, int] = (0, 0)
	totals_row: int = 0
	totals: dict[str, Any] = field(default_factory=dict)


def period_line(start: dt.date | None, end: dt.date | None) -> str:
	"""``Từ ngày 01/01/2025 đến ngày 31/12/2025``; one side only when the other is open."""
	if start and end:
		return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
	if start:
		return f"Từ ngày {start:%d/%m/%Y}"
	if end:
		return f"Đến ngày {end:%d/%m/%Y}"
	return ""


# -- styles ------------------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS = {
	SEQ: "0",
	TEXT: "@",
	DATE: DATE_FORMAT,
	INT: INT_FORMAT,
	NUMBER: NUMBER_FORMAT,
	PERCENT: PERCENT_FORMAT,
}
_HALIGN = {SEQ: "center", TEXT: "left", DATE: "center", INT: "right", NUMBER: "right", PERCENT: "right"}


def _font(size: int = 12, bold: bool = False, italic: bool = False) -> Font:
	return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


class _StyledRow(list):
	"""A data row as (value, style) pairs, for :class:`_RegisterSheet`."""

	__slots__ = ()


class _RegisterSheet(WriteOnlyWorksheet):
	"""A write-only sheet that writes a :class:`_StyledRow` through one reused cell.

	``ws.append([WriteOnlyCell, ...])`` costs three cells per value in openpyxl 3.1 (a failed
	bind of the Cell as a value, ours, and a fresh one after every styled cell): about 1.6x a
	plain dump. The writer serialises each cell before asking for the next, so one cell,
	re-bound and re-styled per value, is enough.
	"""

	def _values_to_row(self, values, row_idx):  # type: ignore[override]
		if not isinstance(values, _StyledRow):
			yield from super()._values_to_row(values, row_idx)
			return
		cell = WriteOnlyCell(self)
		for col_idx, (value, style) in enumerate(values, 1):
			cell._style = style  # first: binding a value may touch the style it is bound with
			cell.value = value
			if cell.data_type == "f":  # text typed by citizens is never run as a formula
				cell.data_type = "s"
			cell.column = col_idx
			cell.row = row_idx
			yield cell


class _Styles:
	"""One prototype cell per look; data cells share its style array (write-only cells are
	serialised at once and never changed, so sharing is safe and keeps the writer fast)."""

	def __init__(self, ws: Any, shape: RegisterShape):
		self.ws = ws
		self.data = [self._proto(c.kind) for c in shape.columns]
		self.totals = [self._proto(c.kind, bold=True) for c in shape.columns]

	def _proto(self, kind: str, bold: bool = False) -> WriteOnlyCell:
		cell = WriteOnlyCell(self.ws)
		cell.font = _font(12, bold=bold)
		cell.border = _BOX
		cell.alignment = Alignment(horizontal=_HALIGN[kind], vertical="top", wrap_text=kind == TEXT)
		cell.number_format = _FORMATS[kind]
		return cell

	def cell(self, value: Any, proto: WriteOnlyCell) -> WriteOnlyCell:
		cell = WriteOnlyCell(self.ws, value)
		cell._style = proto._style
		return cell

	def styled(self, value: Any, font: Font, align: Alignment, border: Border | None = None) -> WriteOnlyCell:
		cell = WriteOnlyCell(self.ws, value)
		cell.font = font
		cell.alignment = align
		if border is not None:
			cell.border = border
		return cell


# -- values ------------------------------------------------------------------------------------


def _value(kind: str, value: Any) -> Any:
	"""The value as the column's kind writes it. Only date columns ever get a date: openpyxl
	gives a cell holding a date a date format, which would change the column's shared style."""
	if value is None or value == "":
		return None
	number = isinstance(value, (int, float)) and not isinstance(value, bool)
	if kind == DATE:
		if isinstance(value, dt.datetime):
			return value.date()
		if isinstance(value, dt.date):
			return value
		return str(value)  # a date typed as text stays readable rather than failing the export
	if kind in (INT, SEQ):
		return int(value) if number else _text(value)
	if kind in (NUMBER, PERCENT):
		return float(value) if number else _text(value)
	return _text(value)


def _text(value: Any) -> str:
	if isinstance(value, dt.datetime):
		value = value.date()
	if isinstance(value, dt.date):
		return f"{value:%d/%m/%Y}"
	# Control characters pasted from other files make openpyxl refuse the whole export.
	return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _getter(columns: Sequence[Column]) -> Callable[[Any], list[Any]]:
	keys = [c.key for c in columns]

	def get(row: Any) -> list[Any]:
		if isinstance(row, Mapping):
			return [row.get(k) for k in keys]
		values = list(row)
		return values + [None] * (len(keys) - len(values))

	return get


class _Totals:
	def __init__(self, columns: Sequence[Column]):
		self.columns = columns
		self.sums: dict[str, float] = {c.key: 0 for c in columns if c.total == SUM or c.ratio}
		self.counts: dict[str, int] = {c.key: 0 for c in columns if c.total == COUNT}
		self.tallies: dict[str, Counter] = {c.key: Counter() for c in columns if c.total == TALLY}

	def add(self, values: Sequence[Any]) -> None:
		for column, value in zip(self.columns, values, strict=False):
			if value is None:
				continue
			key = column.key
			if key in self.sums and isinstance(value, (int, float)):
				self.sums[key] += value
			elif key in self.counts:
				self.counts[key] += 1
			elif key in self.tallies:
				self.tallies[key][value] += 1

	def values(self) -> dict[str, Any]:
		out: dict[str, Any] = {}
		for column in self.columns:
			key = column.key
			if column.ratio:
				out[key] = on_time_rate(*(int(self.sums.get(k, 0)) for k in column.ratio))
			elif column.total == SUM:
				out[key] = self.sums[key]
			elif column.total == COUNT:
				out[key] = self.counts[key]
			elif column.total == TALLY:
				out[key] = (
					"; ".join(
						f"{text}: {n}"
						for text, n in sorted(self.tallies[key].items(), key=lambda t: sort_key(str(t[0])))
					)
					or None
				)
		return out


# -- writer ------------------------------------------------------------------------------------


class RegisterWorkbook:
	"""A write-only workbook of one or more registers::

	with RegisterWorkbook() as book:
		book.add_register(PETITION_REGISTER, rows, RegisterHeading(agency=..., period=...))
		book.save(path_or_stream)
	"""

	def __init__(self) -> None:
		self.workbook = Workbook(write_only=True)

	def __enter__(self) -> RegisterWorkbook:
		return self

	def __exit__(self, *exc: object) -> None:
		return None

	def save(self, target: str | IO[bytes]) -> None:
		self.workbook.save(target)

	def add_register(
		self,
		shape: RegisterShape,
		rows: Iterable[Mapping[str, Any] | Sequence[Any]],
		heading: RegisterHeading | None = None,
		sheet_name: str | None = None,
	) -> RegisterResult:
		heading = heading or RegisterHeading()
		# openpyxl's create_sheet, with the faster sheet class (Workbook._add_sheet is what
		# create_sheet itself calls).
		ws = _RegisterSheet(parent=self.workbook, title=_sheet_title(sheet_name or shape.sheet_name))
		self.workbook._add_sheet(ws)
		styles = _Styles(ws, shape)
		ncols = shape.width
		last = get_column_letter(ncols)
		result = RegisterResult()

		# Layout must be known before the first row: write-only sheets write it first.
		for index, column in enumerate(shape.columns, start=1):
			ws.column_dimensions[get_column_letter(index)].width = column.width
		ws.page_setup.orientation = "landscape" if shape.landscape else "portrait"
		ws.page_setup.paperSize = PAPER_A4
		ws.page_setup.fitToWidth = 1
		ws.page_setup.fitToHeight = 0
		ws.sheet_properties.pageSetUpPr.fitToPage = True

		# Freeze panes go out with the sheet's first bytes too: count the rows above the data.
		lines = sum(1 for text in (heading.parent, heading.agency) if text)
		above = lines + (1 if lines else 0) + 1 + (1 if heading.period else 0) + 1
		header_end = above + (2 if shape.has_groups else 1) + (1 if shape.number_row else 0)
		ws.freeze_panes = f"A{header_end + 1}"

		row = 0
		left_span = max(1, min(ncols, (ncols + 1) // 3))
		centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
		for text, bold in ((heading.parent, False), (heading.agency, True)):
			if text:
				row += 1
				ws.merged_cells.add(f"A{row}:{get_column_letter(left_span)}{row}")
				ws.append([styles.styled(text.upper(), _font(12, bold=bold), centre)])
		if row:
			row += 1
			ws.append([])
		row += 1
		ws.merged_cells.add(f"A{row}:{last}{row}")
		ws.append([styles.styled(heading.title or shape.title, _font(14, bold=True), centre)])
		if heading.period:
			row += 1
			ws.merged_cells.add(f"A{row}:{last}{row}")
			ws.append([styles.styled(heading.period, _font(12, italic=True), centre)])
		row += 1
		ws.append([])

		header_font = _font(12, bold=True)
		first_header = row + 1
		if shape.has_groups:
			top, bottom = row + 1, row + 2
			top_cells, bottom_cells = [], []
			index = 0
			while index < ncols:
				column = shape.columns[index]
				col = index + 1
				if not column.group:
					ws.merged_cells.add(f"{get_column_letter(col)}{top}:{get_column_letter(col)}{bottom}")
					top_cells.append(styles.styled(column.header, header_font, centre, _BOX))
					bottom_cells.append(styles.styled(None, header_font, centre, _BOX))
					index += 1
					continue
				span = 1
				while index + span < ncols and shape.columns[index + span].group == column.group:
					span += 1
				if span > 1:
					ws.merged_cells.add(
						f"{get_column_letter(col)}{top}:{get_column_letter(col + span - 1)}{top}"
					)
				for offset in range(span):
					member = shape.columns[index + offset]
					top_cells.append(
						styles.styled(column.group if offset == 0 else None, header_font, centre, _BOX)
					)
					bottom_cells.append(styles.styled(member.header, header_font, centre, _BOX))
				index += span
			ws.append(top_cells)
			ws.append(bottom_cells)
			row = bottom
		else:
			row += 1
			ws.append([styles.styled(c.header, header_font, centre, _BOX) for c in shape.columns])
		if shape.number_row:
			row += 1
			ws.append(
				[styles.styled(f"({i})", _font(11, italic=True), centre, _BOX) for i in range(1, ncols + 1)]
			)
		assert row == header_end, (row, header_end)
		result.header_rows = (first_header, row)
		ws.print_title_rows = f"{first_header}:{row}"

		get = _getter(shape.columns)
		kinds = [c.kind for c in shape.columns]
		totals = _Totals(shape.columns) if shape.totals else None
		seq_index = next((i for i, k in enumerate(kinds) if k == SEQ), None)
		data_styles = [p._style for p in styles.data]
		make = styles.cell
		append = ws.append
		count = 0
		for source in rows:
			values = [_value(kind, v) for kind, v in zip(kinds, get(source), strict=False)]
			count += 1
			if seq_index is not None and values[seq_index] is None:
				values[seq_index] = count
			if totals is not None:
				totals.add(values)
			append(_StyledRow(zip(values, data_styles, strict=False)))
		result.rows = count
		result.first_data_row = row + 1
		result.last_data_row = row + count
		row += count

		if totals is not None:
			row += 1
			result.totals = totals.values()
			# The label fills the columns before the first one with a total, merged.
			label_span = next((i for i, c in enumerate(shape.columns) if c.total or c.ratio), ncols)
			cells = []
			for index, column in enumerate(shape.columns):
				value = result.totals.get(column.key) if index >= label_span else None
				cells.append(make(TOTALS_LABEL if index == 0 else value, styles.totals[index]))
			if label_span > 1:
				ws.merged_cells.add(f"A{row}:{get_column_letter(label_span)}{row}")
			append(cells)
			result.totals_row = row
		return result


def _sheet_title(name: str) -> str:
	for ch in "[]:*?/\\":
		name = name.replace(ch, " ")
	return name[:31] or "Sheet"


def write_register(
	target: str | IO[bytes],
	shape: RegisterShape,
	rows: Iterable[Mapping[str, Any] | Sequence[Any]],
	heading: RegisterHeading | None = None,
) -> RegisterResult:
	"""One register in one workbook, streamed to ``target`` (a path or a binary stream)."""
	book = RegisterWorkbook()
	result = book.add_register(shape, rows, heading)
	book.save(target)
	return result


# -- shapes ------------------------------------------------------------------------------------

ON_TIME = "Đúng hạn"
LATE = "Trễ hạn"

# Sổ theo dõi ý kiến, kiến nghị của Nhân dân (tiếp xúc, đối thoại; MTTQ chuyển đến; đơn thư).
PETITION_REGISTER = RegisterShape(
	title="SỔ THEO DÕI Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN",
	sheet_name="So theo doi kien nghi",
	columns=(
		Column("seq", "STT", 6, SEQ, total=None),
		Column("received_on", "Ngày nhận", 12, DATE),
		Column("petitioner", "Người / nhóm người kiến nghị", 24, TEXT, group="Người kiến nghị", total=COUNT),
		Column("address", "Địa chỉ", 24, TEXT, group="Người kiến nghị"),
		Column("source", "Nguồn", 16, TEXT),
		Column("summary", "Nội dung tóm tắt", 44, TEXT),
		Column("area", "Lĩnh vực", 16, TEXT),
		Column("petition_type", "Phân loại", 14, TEXT),
		Column("unit", "Đơn vị chủ trì", 20, TEXT, group="Giải quyết"),
		Column("due_date", "Hạn xử lý", 12, DATE, group="Giải quyết"),
		Column("answered_on", "Ngày trả lời", 12, DATE, group="Giải quyết"),
		Column("result", "Kết quả", 30, TEXT, group="Giải quyết"),
		Column("timeliness", "Đúng hạn / Trễ hạn", 13, TEXT, group="Giải quyết", total=TALLY),
		Column("note", "Ghi chú", 16, TEXT),
	),
)

# Sổ tiếp công dân, Thông tư 04/2021/TT-TTCP Mẫu số 03.
RECEPTION_REGISTER = RegisterShape(
	title="SỔ TIẾP CÔNG DÂN",
	sheet_name="So tiep cong dan",
	columns=(
		Column("seq", "STT", 6, SEQ),
		Column("received_on", "Ngày tiếp", 12, DATE),
		Column("name_address", "Họ tên - Địa chỉ", 28, TEXT, total=COUNT),
		Column("id_number", "Số CMND/CCCD/Hộ chiếu", 16, TEXT),
		Column("content", "Nội dung vụ việc", 40, TEXT),
		Column("complaints", "Khiếu nại", 9, INT, group="Phân loại đơn / Số người", total=SUM),
		Column("denunciations", "Tố cáo", 9, INT, group="Phân loại đơn / Số người", total=SUM),
		Column(
			"recommendations", "Kiến nghị, phản ánh", 11, INT, group="Phân loại đơn / Số người", total=SUM
		),
		Column("people", "Số người", 9, INT, group="Phân loại đơn / Số người", total=SUM),
		Column("resolved_by", "Cơ quan, tổ chức, đơn vị đã giải quyết", 22, TEXT),
		Column("handling", "Hướng xử lý", 26, TEXT),
		Column("follow_up", "Theo dõi kết quả giải quyết", 22, TEXT),
		Column("note", "Ghi chú", 14, TEXT),
	),
)

# Phụ lục kết quả giải quyết ý kiến, kiến nghị (of a báo cáo), one row per category or unit.
RESULTS_ANNEX = RegisterShape(
	title="KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ",
	sheet_name="Phu luc ket qua",
	landscape=False,
	columns=(
		Column("seq", "STT", 6, SEQ),
		Column("group", "Lĩnh vực / Đơn vị", 34, TEXT),
		Column("received", "Tổng số tiếp nhận", 11, INT, total=SUM),
		Column("resolved", "Tổng số", 10, INT, group="Đã giải quyết", total=SUM),
		Column("on_time", "Đúng hạn", 10, INT, group="Đã giải quyết", total=SUM),
		Column("late", "Trễ hạn", 10, INT, group="Đã giải quyết", total=SUM),
		Column("in_progress", "Đang giải quyết", 11, INT, total=SUM),
		Column("overdue", "Quá hạn chưa giải quyết", 12, INT, total=SUM),
		Column("on_time_rate", "Tỷ lệ đúng hạn", 10, PERCENT, ratio=("on_time", "late", "overdue")),
	),
)


def timeliness(due: dt.date | None, answered: dt.date | None) -> str | None:
	"""``Đúng hạn`` / ``Trễ hạn`` for an answered petition; None while open or without a deadline."""
	on_time = is_on_time(due, answered)
	return None if on_time is None else (ON_TIME if on_time else LATE)
