"""The document frame (core.documents) and the base layout (templates/print/nd30_base.html)
rendered with plain Jinja, set up the way Frappe's print path sets it up (sandboxed,
DebugUndefined, the app's templates under the ``tiep_xuc_doi_thoai/`` prefix)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest

from tests.apptree import APP
from tiep_xuc_doi_thoai.core.documents import (
	ARCHIVE_LINE,
	NATIONAL_MOTTO,
	NATIONAL_NAME,
	PARTY_NAME,
	DocumentContextError,
	build_document_context,
	recipient_lines,
)

jinja2 = pytest.importorskip("jinja2")
from jinja2 import DebugUndefined, FileSystemLoader, PrefixLoader
from jinja2.sandbox import SandboxedEnvironment

BASE = "tiep_xuc_doi_thoai/templates/print/nd30_base.html"

STATE = dict(
	parent_body="UBND tỉnh Lai Châu",
	issuing_body="Ủy ban nhân dân thành phố Lai Châu",
	number=134,
	type_code="KH",
	issuer="UBND",
	place="Thành phố Lai Châu",
	date=dt.date(2019, 7, 11),
	summary="Tiếp xúc, đối thoại trực tiếp của Chủ tịch Ủy ban nhân dân thành phố với Nhân dân",
	recipients=["UBND tỉnh", "- TT. Thành ủy, HĐND thành phố;", "Chủ tịch, các PCT UBND thành phố"],
	authority="KT.",
	authority_title="Chủ tịch",
	signer_title="Phó Chủ tịch",
	signer_name="Lương Chiến Công",
)

PARTY = dict(
	parent_body="Đảng bộ tỉnh Bắc Giang",
	issuing_body="Huyện ủy Yên Thế",
	number=116,
	type_code="KH",
	issuer="HU",
	place="Yên Thế",
	date=dt.date(2021, 8, 2),
	summary="Thực hiện Kết luận số 116-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy",
	recipients=["Thường trực Tỉnh ủy (b/c),", "UBND huyện"],
	authority="TM.",
	authority_title="Ban Thường vụ",
	signer_title="Phó Bí thư",
	signer_name="Cao Văn Hoàn",
	party=True,
)


class Outline(HTMLParser):
	"""Text inside each element carrying an ``nd30-*`` class, in document order."""

	def __init__(self) -> None:
		super().__init__()
		self.stack: list[str | None] = []
		self.texts: dict[str, list[str]] = {}
		self.style_text: list[str] = []
		self._in_style = False

	def handle_starttag(self, tag, attrs):
		if tag == "style":
			self._in_style = True
		if tag in ("br", "meta", "link"):
			return
		classes = (dict(attrs).get("class") or "").split()
		mine = next((c for c in classes if c.startswith("nd30-")), None)
		self.stack.append(mine)
		if mine:
			self.texts.setdefault(mine, []).append("")

	def handle_endtag(self, tag):
		if tag == "style":
			self._in_style = False
		if tag in ("br", "meta", "link"):
			return
		if self.stack:
			self.stack.pop()

	def handle_data(self, data):
		if self._in_style:
			self.style_text.append(data)
			return
		for cls in self.stack:
			if cls:
				self.texts[cls][-1] += data

	def text(self, cls: str) -> list[str]:
		return [" ".join(t.split()) for t in self.texts.get(cls, [])]


@pytest.fixture(scope="module")
def env():
	loader = PrefixLoader({"tiep_xuc_doi_thoai": FileSystemLoader(str(APP))})
	env = SandboxedEnvironment(loader=loader, undefined=DebugUndefined)
	env.globals["txdt_nd30_context"] = lambda **kw: build_document_context(**kw)
	return env


def render(env, values: dict, body: str = "<p>Căn cứ Luật tiếp công dân năm 2013;</p>") -> Outline:
	child = env.from_string(
		'{% extends "' + BASE + '" %}'
		"{% set document = txdt_nd30_context(**values) %}"
		"{% block body %}" + body + "{% endblock %}"
	)
	html = child.render(values=values)
	assert "{{" not in html and "{%" not in html, "undefined name left in the output"
	parser = Outline()
	parser.feed(html)
	parser.html = html
	return parser


def test_state_document_header(env):
	out = render(env, STATE)
	assert out.text("nd30-parent-body") == ["UBND TỈNH LAI CHÂU"]
	assert out.text("nd30-issuing-body") == ["ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"]
	assert out.text("nd30-national-name") == [NATIONAL_NAME]
	assert out.text("nd30-motto") == [NATIONAL_MOTTO]
	assert out.text("nd30-number") == ["Số: 134/KH-UBND"]
	assert out.text("nd30-place-date") == ["Thành phố Lai Châu, ngày 11 tháng 7 năm 2019"]
	assert "nd30-party-mark" not in out.texts
	assert out.html.count('class="nd30-rule"') == 2  # under the issuing body and the trích yếu


def test_state_document_title_body_bottom(env):
	out = render(env, STATE)
	assert out.text("nd30-document-title") == ["KẾ HOẠCH"]
	assert out.text("nd30-summary") == [STATE["summary"]]
	assert "Căn cứ Luật tiếp công dân năm 2013;" in out.text("nd30-body")[0]
	assert out.text("nd30-recipients-label") == ["Nơi nhận:"]
	assert [t.strip() for t in out.texts["nd30-recipients"][0].split("\n") if t.strip()] == [
		"- UBND tỉnh;",
		"- TT. Thành ủy, HĐND thành phố;",
		"- Chủ tịch, các PCT UBND thành phố;",
		"- Lưu: VT.",
	]
	assert out.text("nd30-authority") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
	assert out.text("nd30-signer-name") == ["Lương Chiến Công"]
	assert out.html.index("nd30-recipients-label") < out.html.index("nd30-signer-name")


def test_layout_css_is_inline_with_page_margins(env):
	out = render(env, STATE)
	css = "".join(out.style_text)
	assert "<link" not in out.html
	assert '"Times New Roman", "Tinos", "Liberation Serif", serif' in css
	# frappe.utils.pdf reads the page margins from a rule on exactly ".print-format".
	rule = css[css.index(".print-format {") :].split("}", 1)[0]
	for margin in ("margin-top: 20mm", "margin-bottom: 20mm", "margin-left: 30mm", "margin-right: 15mm"):
		assert margin in rule
	assert 'class="hidden-pdf"' in out.html  # the screen-only rules never reach wkhtmltopdf


def test_party_document(env):
	out = render(env, PARTY)
	assert out.text("nd30-parent-body") == ["ĐẢNG BỘ TỈNH BẮC GIANG"]
	assert out.text("nd30-issuing-body") == ["HUYỆN ỦY YÊN THẾ"]
	assert out.text("nd30-party-mark") == ["*"]
	assert out.text("nd30-number") == ["Số 116-KH/HU"]
	assert out.text("nd30-national-name") == [PARTY_NAME]
	assert "nd30-motto" not in out.texts
	assert 'class="nd30-underlined">ĐẢNG CỘNG SẢN VIỆT NAM' in out.html
	assert out.text("nd30-place-date") == ["Yên Thế, ngày 02 tháng 8 năm 2021"]
	assert out.text("nd30-authority") == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
	assert out.text("nd30-signer-name") == ["Cao Văn Hoàn"]


def test_official_letter_puts_subject_under_number(env):
	values = {**STATE, "type_code": None, "drafting_unit": "VX", "number": 12, "summary": "tổ chức đối thoại"}
	out = render(env, values)
	assert out.text("nd30-number") == ["Số: 12/UBND-VX"]
	assert out.text("nd30-subject") == ["V/v tổ chức đối thoại"]
	assert "nd30-document-title" not in out.texts


def test_values_are_escaped(env):
	out = render(env, {**STATE, "signer_name": "A <b>&</b> B"})
	assert "A &lt;b&gt;&amp;&lt;/b&gt; B" in out.html


def test_missing_context_says_so(env):
	html = env.from_string('{% extends "' + BASE + '" %}{% block body %}x{% endblock %}').render()
	assert "set <code>document</code>" in html


def test_blocks_can_be_overridden(env):
	child = env.from_string(
		'{% extends "' + BASE + '" %}{% set document = txdt_nd30_context(**values) %}'
		'{% block bottom %}<div class="nd30-custom">BB</div>{% endblock %}'
	)
	html = child.render(values=STATE)
	assert "nd30-custom" in html and 'class="nd30-recipients-label"' not in html


# -- core.documents -------------------------------------------------------------------------------


def test_context_without_number_leaves_room_to_write_it():
	ctx = build_document_context(**{**STATE, "number": None, "date": None, "year": 2025})
	assert ctx.number == "/KH-UBND"
	assert ctx.number_line == "Số: /KH-UBND"
	assert ctx.place_date.startswith("Thành phố Lai Châu, ngày ")
	assert ctx.place_date.endswith("năm 2025")


def test_number_and_symbol_as_typed_wins():
	ctx = build_document_context(**{**STATE, "number_and_symbol": "Số: 15/KH-UBND", "issuer": None})
	assert ctx.number_line == "Số: 15/KH-UBND"


def test_signer_without_authority():
	ctx = build_document_context(
		**{**STATE, "authority": None, "authority_title": None, "signer_title": "Chủ tịch"}
	)
	assert ctx.authority_lines == ("CHỦ TỊCH",)


def test_recipient_lines():
	assert recipient_lines(["UBND tỉnh (b/c)", "", "  - Lưu: VT, VP.  "]) == (
		"UBND tỉnh (b/c);",
		"Lưu: VT, VP.",
	)
	assert recipient_lines(None) == (ARCHIVE_LINE,)
	assert recipient_lines(["A"], archive=None) == ("A;",)


def test_as_dict_is_plain():
	d = build_document_context(**STATE).as_dict()
	assert d["recipients"][-1] == "Lưu: VT." and d["is_official_letter"] is False


@pytest.mark.parametrize(
	"change, code",
	[
		({"signer_name": "  "}, "signer_name"),
		({"signer_title": None}, "signer_title"),
		({"issuing_body": ""}, "issuing_body"),
		({"issuer": None}, "issuer"),
		({"authority": "XX."}, "authority"),
		({"authority_title": ""}, "authority_title"),
		({"type_code": "ZZ"}, "type_code"),
		({"type_code": None, "summary": ""}, "summary"),
		({"date": "2019-07-11"}, "date"),
		({"party": True, "type_code": None, "summary": "x"}, "type_code"),
	],
)
def test_validation(change, code):
	with pytest.raises(DocumentContextError) as err:
		build_document_context(**{**STATE, **change})
	assert err.value.code == code
	assert str(err.value)


def test_missing_signer_message_is_clear():
	with pytest.raises(DocumentContextError, match="signer's name is missing"):
		build_document_context(**{**STATE, "signer_name": None})
