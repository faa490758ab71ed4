"""The base document layout through Frappe's PDF path, read back from the PDF (tier 2).

Runs without a web server (CI has none): the layout's CSS is inline and print_format_pdf
inlines Frappe's own print stylesheet from disk.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.utils import printing

STATE = {
	"parent_body": "UBND tỉnh Lai Châu",
	"issuing_body": "Ủy ban nhân dân thành phố Lai Châu",
	"number": 134,
	"type_code": "KH",
	"issuer": "UBND",
	"place": "Thành phố Lai Châu",
	"date": dt.date(2019, 7, 11),
	"summary": "Tiếp xúc, đối thoại trực tiếp của Chủ tịch Ủy ban nhân dân thành phố với Nhân dân",
	"recipients": ["UBND tỉnh", "TT. Thành ủy, HĐND thành phố"],
	"authority": "KT.",
	"authority_title": "Chủ tịch",
	"signer_title": "Phó Chủ tịch",
	"signer_name": "Lương Chiến Công",
}
# Every Vietnamese vowel with every tone mark, upper and lower case, and đ/Đ.
ALL_DIACRITICS = (
	"àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đ "
	"ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ Đ"
)
PRINT_FORMAT = "TXDT Test Document"


def squash(text: str) -> str:
	return " ".join(text.split())


class TestPrinting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		body = "".join(f"<p>Đoạn {i}: {ALL_DIACRITICS}</p>" for i in range(1, 4))
		body += "<p>Căn cứ Luật tiếp công dân năm 2013.</p>" * 40  # long enough for a second page
		html = printing.render_document_html(body, printing.txdt_nd30_context(**STATE))
		cls.pdf = printing.render_pdf(html)
		cls.text = printing.pdf_text(cls.pdf)

	def tearDown(self):
		frappe.db.rollback()

	def test_vietnamese_text_survives_into_the_pdf(self):
		text = squash(self.text)
		for expected in (
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"UBND TỈNH LAI CHÂU",
			"Số: 134/KH-UBND",
			"Thành phố Lai Châu, ngày 11 tháng 7 năm 2019",
			"KẾ HOẠCH",
			"Nơi nhận:",
			"- Lưu: VT.",
			"KT. CHỦ TỊCH",
			"PHÓ CHỦ TỊCH",
			"Lương Chiến Công",
			ALL_DIACRITICS,
		):
			self.assertIn(expected, text)

	def test_pages_numbered_from_the_second(self):
		pages = self.text.split("\f")
		pages = [p for p in pages if p.strip()]
		self.assertGreaterEqual(len(pages), 2)
		from pypdf import PdfReader

		self.assertEqual(len(PdfReader(io.BytesIO(self.pdf)).pages), len(pages))
		self.assertNotIn("1", pages[0].split("\n")[0].strip().split())  # no number on page 1
		for number, page in enumerate(pages[1:], start=2):
			lines = [line.strip() for line in page.split("\n") if line.strip()]
			self.assertIn(str(number), lines[:2], f"page {number}")

	def test_trailing_blank_page_is_dropped(self):
		from frappe.utils.pdf import get_pdf
		from pypdf import PdfReader

		raw = get_pdf('<p>Một trang</p><div style="page-break-before: always">&nbsp;</div>')
		self.assertEqual(len(PdfReader(io.BytesIO(raw)).pages), 2)  # what wkhtmltopdf gives
		self.assertEqual(len(PdfReader(io.BytesIO(printing.number_pages(raw))).pages), 1)

	def test_a4_and_one_serif_face(self):
		from pypdf import PdfReader

		reader = PdfReader(io.BytesIO(self.pdf))
		box = reader.pages[0].mediabox
		self.assertAlmostEqual(float(box.width), 595, delta=2)
		self.assertAlmostEqual(float(box.height), 842, delta=2)
		fonts = set()
		for page in reader.pages:
			for font in (page["/Resources"].get("/Font") or {}).values():
				fonts.add(str(font.get_object().get("/BaseFont")))
		if not _vietnamese_serif_installed():
			self.skipTest("no Times New Roman, Liberation Serif 2 or Tinos with Vietnamese glyphs")
		fallback = {f for f in fonts if "DejaVu" in f}
		self.assertFalse(fallback, f"glyphs fell back to another face: {fonts}")

	def test_missing_signer_is_a_clear_validation_error(self):
		with self.assertRaises(frappe.ValidationError) as err:
			printing.txdt_nd30_context(**{**STATE, "signer_name": ""})
		self.assertIn("signer", str(err.exception).lower())

	def test_jinja_methods_are_hooked(self):
		jenv = frappe.get_jenv()
		for name in ("txdt_nd30_context", "txdt_nd30_doc_context", "txdt_nd30_pdf_zoom"):
			self.assertIn(name, jenv.globals)

	def test_doc_context_reads_the_usual_fields(self):
		doc = frappe._dict(
			header_parent="UBND huyện An Dương",
			header_name="Ủy ban nhân dân xã Đường An",
			number_and_symbol="15/KH-UBND",
			place_name="Đường An",
			plan_date="2025-07-18",
			title="Tổ chức thực hiện tiếp xúc, đối thoại",
			recipients=[frappe._dict(recipient="Lãnh đạo UBND xã"), frappe._dict(recipient="Lưu VT.")],
			authority="KT.",
			authority_title="Chủ tịch",
			signer_title="Phó Chủ tịch",
			signer_name="Vũ Duy Nhu",
		)
		ctx = printing.txdt_nd30_doc_context(doc, type_code="KH", date_field="plan_date")
		self.assertEqual(ctx.place_date, "Đường An, ngày 18 tháng 7 năm 2025")
		self.assertEqual(ctx.number_line, "Số: 15/KH-UBND")
		self.assertEqual(ctx.recipients, ("Lãnh đạo UBND xã;", "Lưu VT."))
		self.assertEqual(ctx.document_title, "KẾ HOẠCH")

	def test_print_format_pdf_needs_no_web_server(self):
		"""A Jinja print format extending the base, printed through frappe.get_print's HTML."""
		note = frappe.get_doc(
			{"doctype": "Note", "title": "Ghi chú thử", "content": "<p>Nội dung ghi chú: Ủy ban ưu tiên</p>"}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": PRINT_FORMAT,
				"doc_type": "Note",
				"module": "Tiep Xuc Doi Thoai",
				"standard": "No",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"html": (
					'{% extends "tiep_xuc_doi_thoai/templates/print/nd30_base.html" %}'
					"{% set document = txdt_nd30_context(issuing_body='Ủy ban nhân dân xã Đường An', "
					"parent_body='UBND huyện An Dương', number=7, type_code='TB', issuer='UBND', "
					"place='Đường An', date=doc.creation, summary=doc.title, recipients=['Như trên'], "
					"signer_title='Chủ tịch', signer_name='Lê Việt Dũng') %}"
					"{% block body %}{{ doc.content }}{% endblock %}"
				),
			}
		).insert(ignore_if_duplicate=True)
		html = printing.print_format_html("Note", note.name, PRINT_FORMAT, no_letterhead=1)
		self.assertNotRegex(html, r"<link[^>]+stylesheet[^>]+/assets/")
		self.assertNotIn("action-banner", html)
		pdf = printing.print_format_pdf("Note", note.name, PRINT_FORMAT)
		text = squash(printing.pdf_text(pdf))
		self.assertNotIn("Get PDF", text)
		for expected in ("THÔNG BÁO", "Số: 7/TB-UBND", "Nội dung ghi chú: Ủy ban ưu tiên"):
			self.assertIn(expected, text)
		self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)

	def test_download_endpoint(self):
		from tiep_xuc_doi_thoai.api.printing import download_pdf

		note = frappe.get_doc({"doctype": "Note", "title": "Tải về", "content": "<p>Nội dung</p>"}).insert()
		download_pdf("Note", note.name)
		self.assertEqual(frappe.local.response.type, "pdf")
		self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))

	def test_inline_assets_reads_frappe_css_from_disk(self):
		from frappe.utils.jinja_globals import bundled_asset

		href = bundled_asset("print.bundle.css")
		html = (
			f'<html><head><link type="text/css" rel="stylesheet" href="http://x.invalid{href}"></head></html>'
		)
		out = printing.inline_assets(html)
		self.assertNotIn("<link", out)
		self.assertIn("<style>", out)
		gone = printing.inline_assets('<link rel="stylesheet" href="/assets/nothing/here.css">')
		self.assertEqual(gone, "")
		self.assertNotIn("<style>", printing.inline_assets(html, drop=True))


def _vietnamese_serif_installed() -> bool:
	if not shutil.which("fc-list"):
		return False
	out = subprocess.run(["fc-list", ":lang=vi", "family"], capture_output=True, text=True).stdout
	return any(name in out for name in ("Times New Roman", "Liberation Serif", "Tinos"))
