"""Registers written by core.excel, opened back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tiep_xuc_doi_thoai.core.excel import (
	DATE_FORMAT,
	INT_FORMAT,
	LATE,
	ON_TIME,
	PERCENT_FORMAT,
	PETITION_REGISTER,
	RECEPTION_REGISTER,
	RESULTS_ANNEX,
	TOTALS_LABEL,
	Column,
	RegisterHeading,
	RegisterShape,
	RegisterWorkbook,
	period_line,
	timeliness,
	write_register,
)
from tiep_xuc_doi_thoai.core.results_count import Outcome, results_rows

HEADING = RegisterHeading(
	agency="Ủy ban nhân dân xã Đường An",
	parent="UBND huyện An Dương",
	period=period_line(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
)


def petitions(n: int):
	for i in range(n):
		received = dt.date(2025, 3, 1) + dt.timedelta(days=i)
		due = received + dt.timedelta(days=10)
		answered = received + dt.timedelta(days=5 if i % 2 else 12) if i % 3 else None
		yield {
			"received_on": received,
			"petitioner": f"Trần Thị Lan {i}",
			"address": "Thôn Đông, xã Đường An",
			"source": "Hội nghị đối thoại",
			"summary": "Đề nghị nạo vét kênh mương nội đồng",
			"area": "Nông nghiệp",
			"petition_type": "Kiến nghị",
			"unit": "UBND xã",
			"due_date": due,
			"answered_on": answered,
			"result": "Đã trả lời" if answered else None,
			"timeliness": timeliness(due, answered),
		}


@pytest.fixture(scope="module")
def register():
	out = io.BytesIO()
	result = write_register(out, PETITION_REGISTER, petitions(7), HEADING)
	out.seek(0)
	return result, load_workbook(out)


def merged(ws) -> set[str]:
	return {str(r) for r in ws.merged_cells.ranges}


def test_title_rows(register):
	_, wb = register
	ws = wb.active
	assert ws.title == PETITION_REGISTER.sheet_name
	assert ws["A1"].value == "UBND HUYỆN AN DƯƠNG"
	assert ws["A2"].value == "ỦY BAN NHÂN DÂN XÃ ĐƯỜNG AN" and ws["A2"].font.b
	assert ws["A4"].value == "SỔ THEO DÕI Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN" and ws["A4"].font.b
	assert ws["A5"].value == "Từ ngày 01/01/2025 đến ngày 31/12/2025" and ws["A5"].font.i
	assert {"A1:E1", "A2:E2", "A4:N4", "A5:N5"} <= merged(ws)
	assert ws["A4"].font.name == "Times New Roman"


def test_two_header_rows_with_group_headers(register):
	result, wb = register
	ws = wb.active
	top, number_row = result.header_rows
	assert (top, number_row) == (7, 9)
	assert [c.value for c in ws[7]] == [
		"STT",
		"Ngày nhận",
		"Người kiến nghị",
		None,
		"Nguồn",
		"Nội dung tóm tắt",
		"Lĩnh vực",
		"Phân loại",
		"Giải quyết",
		None,
		None,
		None,
		None,
		"Ghi chú",
	]
	assert [c.value for c in ws[8]][2:4] == ["Người / nhóm người kiến nghị", "Địa chỉ"]
	assert [c.value for c in ws[8]][8:13] == [
		"Đơn vị chủ trì",
		"Hạn xử lý",
		"Ngày trả lời",
		"Kết quả",
		"Đúng hạn / Trễ hạn",
	]
	assert {"C7:D7", "I7:M7", "A7:A8", "B7:B8", "N7:N8"} <= merged(ws)
	assert [c.value for c in ws[9]] == [f"({i})" for i in range(1, 15)]
	assert ws.freeze_panes == "A10"
	assert ws.print_title_rows == "$7:$9"
	assert all(c.border.left.style == "thin" for c in ws[7] if c.value)


def test_widths_and_formats(register):
	result, wb = register
	ws = wb.active
	assert ws.column_dimensions["A"].width == 6
	assert ws.column_dimensions["F"].width == 44
	first = result.first_data_row
	assert first == 10 and result.rows == 7 and result.last_data_row == 16
	assert ws.cell(first, 1).value == 1 and ws.cell(result.last_data_row, 1).value == 7
	assert ws.cell(first, 2).number_format == DATE_FORMAT
	assert ws.cell(first, 2).value.date() == dt.date(2025, 3, 1)
	assert ws.cell(first, 6).alignment.wrap_text
	assert ws.cell(first, 6).border.bottom.style == "thin"
	# an empty cell of the table still has its border
	assert ws.cell(first, 11).value is None and ws.cell(first, 11).border.top.style == "thin"
	assert ws.page_setup.orientation == "landscape"


def test_totals_row(register):
	result, wb = register
	ws = wb.active
	row = result.totals_row
	assert row == result.last_data_row + 1
	assert ws.cell(row, 1).value == TOTALS_LABEL and ws.cell(row, 1).font.b
	assert f"A{row}:B{row}" in merged(ws)
	assert ws.cell(row, 3).value == 7  # petitioners counted
	tally = ws.cell(row, 13).value
	answered = [p for p in petitions(7) if p["timeliness"]]
	on_time = sum(p["timeliness"] == ON_TIME for p in answered)
	assert tally == f"{ON_TIME}: {on_time}; {LATE}: {len(answered) - on_time}"


def test_reception_register_sums():
	rows = [
		{
			"received_on": dt.date(2025, 5, 6),
			"name_address": "Lê Văn A - thôn Bắc",
			"complaints": 1,
			"people": 1,
		},
		{
			"received_on": dt.date(2025, 5, 7),
			"name_address": "Nhóm 12 hộ - thôn Nam",
			"recommendations": 1,
			"people": 12,
		},
	]
	out = io.BytesIO()
	result = write_register(out, RECEPTION_REGISTER, iter(rows), RegisterHeading(agency="UBND xã Đường An"))
	ws = load_workbook(out).active
	assert ws["A3"].value == "SỔ TIẾP CÔNG DÂN"
	top = result.header_rows[0]
	assert ws.cell(top, 6).value == "Phân loại đơn / Số người"
	assert f"F{top}:I{top}" in merged(ws)
	total = [c.value for c in ws[result.totals_row]]
	assert total[2] == 2 and total[5:9] == [1, 0, 1, 13]
	assert ws.cell(result.first_data_row, 9).number_format == INT_FORMAT


def test_results_annex_from_outcomes():
	outcomes = [
		Outcome("Đất đai", resolved=True, on_time=True),
		Outcome("Đất đai", resolved=True, on_time=False),
		Outcome("Đất đai", resolved=False, overdue=True),
		Outcome("Giao thông", resolved=True, on_time=True),
		Outcome("Môi trường", resolved=False),
	]
	rows = list(results_rows(iter(outcomes), order=["Giao thông"]))
	assert [r["group"] for r in rows] == ["Giao thông", "Đất đai", "Môi trường"]
	assert rows[1] == {
		"group": "Đất đai",
		"received": 3,
		"resolved": 2,
		"on_time": 1,
		"late": 1,
		"in_progress": 1,
		"overdue": 1,
		"on_time_rate": pytest.approx(1 / 3),  # the overdue one counts against the rate
	}
	with RegisterWorkbook() as book:
		result = book.add_register(
			RESULTS_ANNEX, rows, RegisterHeading(title="PHỤ LỤC I"), sheet_name="Theo lĩnh vực"
		)
		book.add_register(RESULTS_ANNEX, [], sheet_name="Theo đơn vị")
		out = io.BytesIO()
		book.save(out)
	wb = load_workbook(out)
	assert wb.sheetnames == ["Theo lĩnh vực", "Theo đơn vị"]
	ws = wb["Theo lĩnh vực"]
	assert ws["A1"].value == "PHỤ LỤC I"
	totals = [c.value for c in ws[result.totals_row]]
	assert totals[2:8] == [5, 3, 2, 1, 2, 1]
	assert totals[8] == pytest.approx(2 / 4)  # on time / (on time + late + overdue)
	assert ws.cell(result.totals_row, 9).number_format == PERCENT_FORMAT
	assert ws.page_setup.orientation == "portrait"
	empty = wb["Theo đơn vị"]
	assert empty.cell(empty.max_row, 1).value == TOTALS_LABEL


def test_rows_as_sequences_and_single_header_row():
	shape = RegisterShape(
		title="DANH SÁCH",
		columns=(
			Column("seq", "STT", 5, "seq"),
			Column("name", "Họ và tên", 20),
			Column("n", "Số", 8, "int", total="sum"),
		),
		number_row=False,
	)
	out = io.BytesIO()
	result = write_register(out, shape, [(None, "Nguyễn A", 2), (None, "Phạm B", 3)])
	ws = load_workbook(out).active
	assert result.header_rows == (3, 3)
	assert [c.value for c in ws[3]] == ["STT", "Họ và tên", "Số"]
	assert ws.freeze_panes == "A4"
	assert [c.value for c in ws[6]] == [TOTALS_LABEL, None, 5]
	assert "A6:B6" in merged(ws)


def test_text_is_never_a_formula_and_control_characters_go():
	out = io.BytesIO()
	rows = [{"petitioner": '=HYPERLINK("http://x","y")', "summary": "Tiếp\x0bxúc"}]
	result = write_register(out, PETITION_REGISTER, rows)
	ws = load_workbook(out).active
	cell = ws.cell(result.first_data_row, 3)
	assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"
	assert ws.cell(result.first_data_row, 6).value == "Tiếpxúc"


def test_shape_checks():
	with pytest.raises(ValueError, match="unknown kind"):
		Column("x", "X", kind="money")
	with pytest.raises(ValueError, match="adjacent"):
		RegisterShape("T", (Column("a", "A", group="G"), Column("b", "B"), Column("c", "C", group="G")))
	with pytest.raises(ValueError, match="duplicate"):
		RegisterShape("T", (Column("a", "A"), Column("a", "B")))


def test_timeliness_and_period():
	assert timeliness(dt.date(2025, 1, 10), dt.date(2025, 1, 10)) == ON_TIME
	assert timeliness(dt.date(2025, 1, 10), dt.date(2025, 1, 11)) == LATE
	assert timeliness(dt.date(2025, 1, 10), None) is None
	assert period_line(None, dt.date(2025, 6, 30)) == "Đến ngày 30/06/2025"
	assert period_line(None, None) == ""
