"""The lists people really send: group rows by field, near-miss names, synonyms, ambiguity."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from tiep_xuc_doi_thoai.core import petition_import as import_rules

TODAY = dt.date(2026, 3, 20)
CATEGORIES = [
	("Đất đai", "DD"),
	("Bồi thường, hỗ trợ, tái định cư, GPMB", "GPMB"),
	("Môi trường", "MT"),
	("Giao thông, hạ tầng", "GT"),
	("Chính sách người có công", "NCC"),
	("Chính sách khác", "CSK"),
	("An sinh xã hội", "ASXH"),
]
UNITS = [("Phòng Kinh tế", "KT"), ("Công an xã", "CA"), ("Văn phòng HĐND-UBND", "VP")]
MTTQ_HEADER = ["TT", "Họ tên cử tri", "Nội dung kiến nghị", "Lĩnh vực"]


def mttq_list(body, bold=(), merge_groups=False) -> bytes:
	"""An MTTQ compilation: merged title, "TT / Họ tên cử tri / Nội dung kiến nghị / Lĩnh vực"
	headers, and ``body`` rows; rows listed in ``bold`` (0-based in ``body``) written in bold."""
	wb = Workbook()
	ws = wb.active
	ws.cell(row=1, column=1, value="TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI")
	ws.merge_cells("A1:D1")
	for c, v in enumerate(MTTQ_HEADER, start=1):
		ws.cell(row=3, column=c, value=v).font = Font(bold=True)
	for i, values in enumerate(body):
		r = 4 + i
		for c, v in enumerate(values, start=1):
			cell = ws.cell(row=r, column=c, value=v)
			if i in bold:
				cell.font = Font(bold=True)
		if merge_groups and i in bold:
			ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def parse(content, **kw):
	kw.setdefault("default_date", dt.date(2026, 3, 1))
	return import_rules.parse_petition_file(content, "ds.xlsx", CATEGORIES, UNITS, today=TODAY, **kw)


def test_roman_group_rows_give_the_field_of_the_rows_under_them():
	body = [
		["I. LĨNH VỰC ĐẤT ĐAI"],
		[1, "Nguyễn Văn A", "Đề nghị cấp sổ đỏ cho thôn 2"],
		[2, "Trần Thị B", "Đề nghị đo đạc lại thửa đất"],
		["II. LĨNH VỰC MÔI TRƯỜNG"],
		[3, "Lê Văn C", "Bãi rác gây ô nhiễm"],
	]
	result = parse(mttq_list(body, bold=(0, 3), merge_groups=True))
	assert result.ok, result.errors
	assert [r.row for r in result.rows] == [5, 6, 8]
	assert [r.values["category"] for r in result.rows] == ["Đất đai", "Đất đai", "Môi trường"]
	assert result.sections == {4: "LĨNH VỰC ĐẤT ĐAI", 7: "LĨNH VỰC MÔI TRƯỜNG"}
	assert result.rows[0].section_row == 4


def test_numeral_in_the_tt_column_and_title_beside_it():
	body = [
		["I", "Lĩnh vực đất đai"],
		[1, "Nguyễn Văn A", "Đề nghị cấp sổ đỏ"],
		["II", "Lĩnh vực giao thông"],
		[2, "Trần Thị B", "Đường liên thôn xuống cấp"],
	]
	result = parse(mttq_list(body))
	assert result.ok, result.errors
	assert [r.values["category"] for r in result.rows] == ["Đất đai", "Giao thông, hạ tầng"]
	mapped = {(m.column, m.text): m.how for m in result.mapped}
	assert mapped[("category", "Lĩnh vực giao thông")] == import_rules.PREFIX


def test_arabic_numbered_sections_without_bold_need_a_known_field():
	body = [
		["1. Đất đai"],
		[1, "A", "Đề nghị cấp sổ đỏ"],
		["2. Môi trường"],
		[2, "B", "Khói bụi từ nhà máy"],
	]
	result = parse(mttq_list(body))
	assert result.ok, result.errors
	assert [r.values["category"] for r in result.rows] == ["Đất đai", "Môi trường"]


def test_a_content_only_row_is_still_a_row_not_a_heading():
	body = [["II. LĨNH VỰC MÔI TRƯỜNG"], [None, None, "Đề nghị nạo vét kênh mương"]]
	result = parse(mttq_list(body))
	assert result.ok, result.errors
	assert len(result.rows) == 1
	assert result.rows[0].values["category"] == "Môi trường"


def test_bold_merged_heading_without_a_number():
	body = [["GIAO THÔNG"], [1, "A", "Đường hỏng"]]
	result = parse(mttq_list(body, bold=(0,), merge_groups=True))
	assert result.ok, result.errors
	assert result.rows[0].values["category"] == "Giao thông, hạ tầng"


def test_a_category_in_the_row_wins_over_its_group():
	body = [["I. LĨNH VỰC ĐẤT ĐAI"], [1, "A", "Bồi thường chậm", "GPMB"], [2, "B", "Sổ đỏ"]]
	result = parse(mttq_list(body))
	assert result.ok, result.errors
	assert [r.values["category"] for r in result.rows] == [
		"Bồi thường, hỗ trợ, tái định cư, GPMB",
		"Đất đai",
	]


def test_forty_rows_saying_giao_thong_import_mapped_by_prefix():
	body = [[n, f"Cử tri {n}", f"Kiến nghị số {n}", "Giao thông"] for n in range(1, 41)]
	result = parse(mttq_list(body))
	assert result.ok, result.errors
	assert {r.values["category"] for r in result.rows} == {"Giao thông, hạ tầng"}
	[mapped] = result.mapped
	assert (mapped.text, mapped.value, mapped.how, len(mapped.rows)) == (
		"Giao thông",
		"Giao thông, hạ tầng",
		import_rules.PREFIX,
		40,
	)


def test_synonyms_an_administrator_keeps():
	body = [[1, "A", "Trợ cấp chậm", "Bảo trợ xã hội"], [2, "B", "Đường hỏng", "Hạ tầng GT"]]
	assert not parse(mttq_list(body)).ok
	result = parse(
		mttq_list(body),
		category_synonyms=[("bao tro xa hoi", "An sinh xã hội"), ("Hạ tầng GT", "Giao thông, hạ tầng")],
	)
	assert result.ok, result.errors
	assert [r.values["category"] for r in result.rows] == ["An sinh xã hội", "Giao thông, hạ tầng"]
	assert {m.how for m in result.mapped} == {import_rules.SYNONYM}


def test_synonym_to_a_record_that_does_not_exist_is_ignored():
	matcher = import_rules.NameMatcher(CATEGORIES, [("rac", "Không có")])
	assert matcher.match("rác").how == import_rules.NOT_FOUND


@pytest.mark.parametrize(
	"text, value, how",
	[
		("Đất đai", "Đất đai", import_rules.EXACT_NAME),
		("ĐẤT ĐAI", "Đất đai", import_rules.EXACT_NAME),
		("dat dai", "Đất đai", import_rules.NO_DIACRITICS),
		("Dat đai", "Đất đai", import_rules.NO_DIACRITICS),
		("Môi truong", "Môi trường", import_rules.NO_DIACRITICS),
		("gpmb", "Bồi thường, hỗ trợ, tái định cư, GPMB", import_rules.BY_CODE),
		("Giao thông", "Giao thông, hạ tầng", import_rules.PREFIX),
		("giao thong", "Giao thông, hạ tầng", import_rules.PREFIX),
		("Lĩnh vực môi trường", "Môi trường", import_rules.EXACT_NAME),
		("linh vuc moi truong", "Môi trường", import_rules.NO_DIACRITICS),
		("người có công", "Chính sách người có công", import_rules.WORDS),
	],
)
def test_near_misses_and_mixed_diacritics(text, value, how):
	found = import_rules.NameMatcher(CATEGORIES).match(text)
	assert (found.value, found.how) == (value, how)


def test_a_name_fitting_two_fields_equally_is_listed_not_guessed():
	body = [
		[1, "A", "Chế độ chậm", "Chính sách"],
		[2, "B", "Trợ cấp", "Chính sách"],
		[3, "C", "Đất", "Đất đai"],
	]
	result = parse(mttq_list(body))
	assert not result.ok
	assert {(e.row, e.code) for e in result.errors} == {(4, "ambiguous"), (5, "ambiguous")}
	assert [r.values["category"] for r in result.rows] == [None, None, "Đất đai"]
	[amb] = result.ambiguities
	assert amb.candidates == ("Chính sách khác", "Chính sách người có công")
	assert amb.rows == [4, 5]
	chosen = parse(mttq_list(body), choices={"category": {amb.key: "Chính sách khác"}})
	assert chosen.ok, chosen.errors
	assert [r.values["category"] for r in chosen.rows][:2] == ["Chính sách khác"] * 2
	assert {m.how for m in chosen.mapped} == {import_rules.CHOSEN}


def test_an_ambiguous_group_row_is_listed_once_with_its_row():
	body = [["III. CHÍNH SÁCH"], [1, "A", "Chế độ"], [2, "B", "Trợ cấp"]]
	result = parse(mttq_list(body))
	assert [(e.row, e.code) for e in result.errors] == [(4, "ambiguous")]
	assert [a.rows for a in result.ambiguities] == [[4]]


def test_a_choice_outside_the_records_is_not_taken():
	matcher = import_rules.NameMatcher(CATEGORIES, choices={"chinh sach": "Nowhere"})
	assert matcher.match("Chính sách").how == import_rules.AMBIGUOUS


def test_a_truly_wrong_row_still_refuses_the_file_with_its_row_number():
	body = [
		["I. LĨNH VỰC ĐẤT ĐAI"],
		[1, "A", "Đề nghị cấp sổ đỏ"],
		["II. LĨNH VỰC THIÊN VĂN"],
		[2, "B", "Sao chổi"],
		[3, "C", "Nội dung", "Vũ trụ"],
	]
	result = parse(mttq_list(body))
	assert not result.ok
	assert {(e.row, e.code) for e in result.errors} == {(6, "unknown_section"), (8, "unknown_category")}


def test_unit_names_match_the_same_way():
	wb = Workbook()
	ws = wb.active
	for c, v in enumerate(["STT", "Nội dung", "Đơn vị giải quyết"], start=1):
		ws.cell(row=1, column=c, value=v)
	ws.append([1, "Đường hỏng", "phong kinh te"])
	ws.append([2, "Trộm cắp", "Công an"])
	out = io.BytesIO()
	wb.save(out)
	result = parse(out.getvalue())
	assert result.ok, result.errors
	assert [r.values["responsible_unit"] for r in result.rows] == ["Phòng Kinh tế", "Công an xã"]


def test_the_template_with_its_own_category_column_is_unchanged():
	content = import_rules.build_rows_file(
		[[1, "05/03/2026", "Nguyễn Văn A", "", "", "", "", "", "", "", "", "Đất đai", "x"]]
	)
	result = import_rules.parse_petition_file(content, "t.xlsx", CATEGORIES, UNITS, today=TODAY)
	assert result.ok, result.errors
	assert not result.sections and not result.mapped


def test_a_total_line_under_the_table_is_neither_heading_nor_row():
	body = [["I. LĨNH VỰC ĐẤT ĐAI"], [1, "A", "Sổ đỏ"], ["Tổng cộng: 1 ý kiến"], [None, "Tổng số", 1]]
	result = parse(mttq_list(body, bold=(2,)))
	assert result.ok, result.errors
	assert len(result.rows) == 1
