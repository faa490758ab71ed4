"""Vietnamese dates, document numbers and search keys (Nghị định 30/2020)."""

import datetime as dt

import pytest

from tiep_xuc_doi_thoai.core.numbering import next_number
from tiep_xuc_doi_thoai.core.vietnamese import (
	BLANK_DAY,
	format_authority,
	format_date_words,
	format_document_number,
	format_place_date,
	format_short_date,
	normalize_text,
	parse_document_number,
	strip_diacritics,
	text_matches,
)

D = dt.date


@pytest.mark.parametrize(
	("day", "text"),
	[
		(D(2019, 7, 11), "ngày 11 tháng 7 năm 2019"),
		(D(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
		(D(2023, 2, 9), "ngày 09 tháng 02 năm 2023"),
		(D(2025, 3, 1), "ngày 01 tháng 3 năm 2025"),
		(D(2025, 12, 10), "ngày 10 tháng 12 năm 2025"),
	],
)
def test_date_words_leading_zeros(day, text):
	assert format_date_words(day) == text


def test_place_date_line_as_seed_000():
	assert (
		format_place_date("Thành phố Lai Châu", D(2019, 7, 11))
		== "Thành phố Lai Châu, ngày 11 tháng 7 năm 2019"
	)


def test_place_date_blank_for_signing():
	line = format_place_date("Chánh Lộ", None, 2023)
	assert line.startswith("Chánh Lộ, ngày ") and line.endswith("năm 2023") and BLANK_DAY in line


def test_short_date():
	assert format_short_date(D(2019, 6, 11)) == "11/6/2019"
	assert format_short_date(D(2023, 2, 9)) == "09/02/2023"


@pytest.mark.parametrize(
	("kwargs", "text"),
	[
		({"number": 134, "issuer": "UBND", "type_code": "KH"}, "134/KH-UBND"),
		({"number": 12, "issuer": "UBND", "drafting_unit": "VX"}, "12/UBND-VX"),
		({"number": None, "issuer": "UBND", "type_code": "KH"}, "/KH-UBND"),
		({"number": 116, "issuer": "TU", "type_code": "KL", "party": True}, "116-KL/TU"),
		({"number": 1017, "issuer": "UBND", "type_code": "KH"}, "1017/KH-UBND"),
	],
)
def test_document_number_round_trip(kwargs, text):
	assert format_document_number(**kwargs) == text
	parsed = parse_document_number(text)
	assert parsed.number == kwargs["number"]
	assert parsed.issuer == kwargs["issuer"]
	assert parsed.type_code == kwargs.get("type_code")
	assert parsed.party == kwargs.get("party", False)


def test_parse_with_so_prefix():
	assert parse_document_number("Số: 15/KH-UBND").number == 15


@pytest.mark.parametrize("bad", ["", "KH-UBND", "abc", "12 KH UBND"])
def test_parse_rejects_non_numbers(bad):
	with pytest.raises(ValueError):
		parse_document_number(bad)


def test_document_number_needs_issuer():
	with pytest.raises(ValueError):
		format_document_number(1, "", "KH")


def test_authority_lines():
	assert format_authority("KT.", "Chủ tịch", "Phó Chủ tịch") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
	assert format_authority(None, None, "Chủ tịch") == ["CHỦ TỊCH"]
	assert format_authority("TM.", "Ban Thường vụ", "Phó Bí thư") == ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
	with pytest.raises(ValueError):
		format_authority("XX.", "Chủ tịch", "Phó Chủ tịch")


def test_strip_diacritics_keeps_d_stroke_as_d():
	assert strip_diacritics("Đất đai, giải phóng mặt bằng") == "Dat dai, giai phong mat bang"


def test_normalize_text():
	assert normalize_text("  Đất   ĐAI; GPMB!! ") == "dat dai gpmb"
	assert normalize_text("Đất đai", keep_diacritics=True) == "đất đai"
	assert normalize_text(None) == ""


def test_text_matches_with_and_without_diacritics():
	text = "Kiến nghị về bồi thường, giải phóng mặt bằng"
	assert text_matches("giai phong mat bang", text)
	assert text_matches("GIẢI PHÓNG", text)
	assert not text_matches("giài phóng", text)  # a query with marks must match the marks
	assert not text_matches("môi trường", text)


def test_next_number():
	assert next_number([]) == 1
	assert next_number([1, 5, "3", None, ""]) == 6
	assert next_number(["134/KH-UBND", "12/KH-UBND"]) == 135
