"""The Excel parser of petition lists, on files made here with openpyxl."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from tiep_xuc_doi_thoai.core import petition_import as import_rules
from tiep_xuc_doi_thoai.core.petitions import COMPLAINT, DENUNCIATION, FEEDBACK, RECOMMENDATION

TODAY = dt.date(2026, 3, 20)
CATEGORIES = [("Đất đai", "DD"), ("Môi trường", "MT"), ("Bồi thường, hỗ trợ, tái định cư, GPMB", "GPMB")]
UNITS = [("Phòng Kinh tế", "KT"), ("Công an xã", "CA")]


def workbook(rows, title=True, merged_header=False) -> bytes:
	"""A list the way MTTQ sends it: merged title, blank line, headers, rows, blank lines."""
	wb = Workbook()
	ws = wb.active
	r = 1
	if title:
		ws.cell(row=1, column=1, value="ỦY BAN MTTQ VIỆT NAM XÃ BÌNH LƯ")
		ws.merge_cells("A1:F1")
		ws.cell(row=2, column=1, value="TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI TRƯỚC HỘI NGHỊ ĐỐI THOẠI")
		ws.merge_cells("A2:J2")
		r = 4
	for values in rows:
		for c, v in enumerate(values, start=1):
			ws.cell(row=r, column=c, value=v)
		r += 1
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


HEADER = [
	"STT",
	"Ngày tiếp nhận",
	"Họ và tên",
	"Số CCCD/CMND",
	"Địa chỉ",
	"Phân loại",
	"Lĩnh vực",
	"Nội dung kiến nghị",
	"Đơn vị giải quyết",
	"Ghi chú",
]
HEADER_PLAIN = [
	"TT",
	"Ngay",
	"Ho ten",
	"CCCD",
	"Dia chi",
	"Loai don",
	"Linh vuc",
	"Noi dung",
	"Co quan giai quyet",
	"Ghi chu",
]


def good_row(n, **over):
	row = {
		"stt": n,
		"date": "05/03/2026",
		"name": f"Nguyễn Văn {n}",
		"id": "001099012345",
		"address": "Thôn 2",
		"type": "Kiến nghị",
		"category": "Đất đai",
		"content": f"Đề nghị cấp giấy chứng nhận quyền sử dụng đất số {n}",
		"unit": "Phòng Kinh tế",
		"note": "",
	}
	row.update(over)
	return list(row.values())


def parse(content, **kw):
	return import_rules.parse_petition_file(content, "ds.xlsx", CATEGORIES, UNITS, today=TODAY, **kw)


def test_merged_title_blank_lines_and_header_are_handled():
	content = workbook([HEADER, good_row(1), [None] * 10, good_row(2), [None] * 10, [None] * 10, good_row(3)])
	result = parse(content)
	assert result.ok, result.errors
	assert result.header_row == 4
	assert [r.row for r in result.rows] == [5, 7, 10]
	first = result.rows[0].values
	assert first["received_date"] == dt.date(2026, 3, 5)
	assert first["petition_type"] == RECOMMENDATION
	assert first["category"] == "Đất đai"
	assert first["responsible_unit"] == "Phòng Kinh tế"
	assert first["id_number"] == "001099012345"


def test_headers_without_diacritics_and_values_by_code():
	rows = [
		HEADER_PLAIN,
		good_row(1, type="phan anh", category="gpmb", unit="CA", date=dt.datetime(2026, 3, 1)),
	]
	result = parse(workbook(rows, title=False))
	assert result.ok, result.errors
	values = result.rows[0].values
	assert values["petition_type"] == FEEDBACK
	assert values["category"] == "Bồi thường, hỗ trợ, tái định cư, GPMB"
	assert values["responsible_unit"] == "Công an xã"
	assert values["received_date"] == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
	("text", "kind"),
	[
		("Khiếu nại", COMPLAINT),
		("TỐ CÁO", DENUNCIATION),
		("Đơn khiếu nại", COMPLAINT),
		("", RECOMMENDATION),
		("Recommendation", RECOMMENDATION),
	],
)
def test_types(text, kind):
	assert import_rules.parse_type(text) == kind


def test_header_cells_map_to_fields():
	assert import_rules.header_field("Họ và tên người kiến nghị") == "petitioner_name"
	assert import_rules.header_field("Số CMND/CCCD") == "id_number"
	assert import_rules.header_field("Nội dung ý kiến, kiến nghị") == "content"
	assert import_rules.header_field("Thôn/tổ dân phố") == "village"
	assert import_rules.header_field("Xã/phường") == "commune"
	assert import_rules.header_field("Ngày sinh") is None


def test_wrong_headers_are_refused():
	with pytest.raises(import_rules.ImportFileError) as e:
		parse(workbook([["Cột A", "Cột B", "Cột C"], ["1", "2", "3"]]))
	assert e.value.code == "no_header"


def test_every_bad_row_is_reported_with_its_number():
	rows = [
		HEADER,
		good_row(1),
		good_row(2, date="31/02/2026"),
		good_row(3, date="hôm qua"),
		good_row(4, date="25/12/2026"),
		good_row(5, id="12345"),
		good_row(6, id="00109901234X"),
		good_row(7, category="Lĩnh vực lạ"),
		good_row(8, unit="Đơn vị ma"),
		good_row(9, content="<script>alert(1)</script>"),
		good_row(10, name='<img src=x onerror="alert(1)">'),
		good_row(11, content=""),
		good_row(12, type="Thư khen"),
	]
	result = parse(workbook(rows))
	assert not result.ok
	got = {(e.row, e.column, e.code) for e in result.errors}
	assert got == {
		(6, "received_date", "bad_date"),
		(7, "received_date", "bad_date"),
		(8, "received_date", "future_date"),
		(9, "id_number", "bad_id_number"),
		(10, "id_number", "bad_id_number"),
		(11, "category", "unknown_category"),
		(12, "responsible_unit", "unknown_unit"),
		(13, "content", "markup"),
		(14, "petitioner_name", "markup"),
		(15, "content", "missing_content"),
		(16, "petition_type", "unknown_type"),
	}
	assert result.error_rows == list(range(6, 17))


def test_id_numbers_cmnd_and_cccd_with_separators():
	rows = [
		HEADER,
		good_row(1, id="123 456 789"),
		good_row(2, id="001.099.012.345"),
		good_row(3, id=None),
		good_row(4, id=1099012345),
	]
	result = parse(workbook(rows))
	assert {(e.row, e.code) for e in result.errors} == {(8, "bad_id_number")}
	assert result.rows[0].values["id_number"] == "123456789"
	assert result.rows[1].values["id_number"] == "001099012345"


def test_dates_as_serial_numbers_and_default_date():
	header = ["STT", "Ngày", "Nội dung"]
	result = parse(
		workbook([header, [1, 46082, "Ý kiến một"], [2, None, "Ý kiến hai"]]),
		default_date=dt.date(2026, 3, 2),
	)
	assert result.ok
	assert result.rows[0].values["received_date"] == dt.date(2026, 3, 1)
	assert result.rows[1].values["received_date"] == dt.date(2026, 3, 2)
	missing = parse(workbook([header, [1, None, "Ý kiến"]]))
	assert {e.code for e in missing.errors} == {"missing_date"}


def test_non_excel_and_oversized_files_are_refused():
	for content, name, code in (
		(b"", "a.xlsx", "empty"),
		(b"%PDF-1.7 ...", "a.xlsx", "not_excel"),
		(b"STT,Noi dung\n1,a\n", "a.csv", "not_excel"),
		(b"PK\x03\x04 not really a zip", "a.xlsx", "not_excel"),
		(b"PK\x03\x04" + b"0" * import_rules.MAX_FILE_BYTES, "a.xlsx", "too_large"),
		(workbook([HEADER, good_row(1)]), "a.xls", "not_excel"),
	):
		with pytest.raises(import_rules.ImportFileError) as e:
			import_rules.parse_petition_file(content, name)
		assert e.value.code == code, name


def test_a_zip_that_is_not_a_workbook():
	import zipfile

	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as z:
		z.writestr("readme.txt", "hello")
	with pytest.raises(import_rules.ImportFileError) as e:
		import_rules.parse_petition_file(out.getvalue(), "a.xlsx")
	assert e.value.code == "not_excel"


def test_a_list_with_only_headers_has_no_rows():
	with pytest.raises(import_rules.ImportFileError) as e:
		parse(workbook([HEADER, [None] * 10]))
	assert e.value.code == "no_rows"


def test_the_template_reads_back():
	template = import_rules.build_template()
	with pytest.raises(import_rules.ImportFileError) as e:
		import_rules.parse_petition_file(template, "mau.xlsx")
	assert e.value.code == "no_rows"
	filled = import_rules.build_rows_file(
		[
			[
				1,
				"01/03/2026",
				"Lê Thị B",
				"",
				"",
				"",
				"",
				"",
				None,
				None,
				"tố cáo",
				"Đất đai",
				"Tố cáo lấn chiếm đất công",
				"KT",
				"",
			]
		]
	)
	result = import_rules.parse_petition_file(filled, "ds.xlsx", CATEGORIES, UNITS, today=TODAY)
	assert result.ok, result.errors
	assert result.header_row == 4
	assert result.rows[0].values["petition_type"] == DENUNCIATION
	assert import_rules.is_confidential(result.rows[0].values)
