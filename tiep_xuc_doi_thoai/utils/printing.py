"""Administrative documents on the site: the Jinja methods print formats call, and PDFs
through Frappe's own path (frappe.utils.pdf.get_pdf: pdfkit + wkhtmltopdf).

The layout lives in ``templates/print/nd30_base.html`` and the rules in the frappe-free
``core.documents``. Two things are added here that Frappe's path does not do with Debian's
unpatched-qt wkhtmltopdf:

- page numbers (top centre, from page 2, Nghị định 30/2020): --header-html/--footer-html are
  ignored by that build, so the numbers are printed by wkhtmltopdf on a second, otherwise
  empty PDF and stamped onto the pages with pypdf (:func:`number_pages`);
- no web server needed: Frappe's print view links ``/assets/.../print.bundle.css`` and
  wkhtmltopdf fetches it from the site URL. :func:`print_format_pdf` reads those files
  from disk and inlines them before the HTML reaches wkhtmltopdf; the base layout's own CSS is
  inline already.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from typing import Any

import frappe
from frappe import _
from frappe.utils import cint, getdate

from tiep_xuc_doi_thoai.core.documents import DocumentContext, DocumentContextError, build_document_context

BASE_TEMPLATE = "tiep_xuc_doi_thoai/templates/print/nd30_base.html"
ND30_MARKER = '<div class="nd30 '  # the base layout's outer element
NO_PAGE_NUMBERS = 'data-page-numbers="0"'
UNPATCHED_QT_ZOOM = 1.28
# Page numbers: in the middle of the 20 mm top margin, over the 30/15 mm text width.
PAGE_NUMBER_TOP_MM = 8
PAGE_NUMBER_SIZE = 13
PAGE_MARGIN_LEFT_MM = 30
PAGE_MARGIN_RIGHT_MM = 15
_LINK_RE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF_RE = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _error_messages() -> dict[str, str]:
	"""What to tell the user for each DocumentContextError.code, translated."""
	return {
		"issuing_body": _("The issuing body's name for the document header is missing."),
		"signer_name": _("The signer's name is missing: fill in who signs the document."),
		"signer_title": _("The signer's title is missing (e.g. Chủ tịch)."),
		"authority_title": _("The signing authority needs the title it signs for (e.g. Chủ tịch)."),
		"authority": _("The signing authority is not one of TM., KT., Q., TL., TUQ."),
		"issuer": _("The issuer's abbreviation (e.g. UBND) is missing, so no number and symbol can be made."),
		"type_code": _("The document type code is missing or unknown: give the document title."),
		"summary": _("A letter without a document type needs its subject (V/v ...)."),
		"date": _("The document date is not a date."),
	}


# -- Jinja methods (hooks.py: jinja = {"methods": [...]}) ------------------------------------


def txdt_nd30_context(**values: Any) -> DocumentContext:
	"""``{% set document = txdt_nd30_context(issuing_body=..., signer_name=..., ...) %}``: the
	header, title, recipients and signature of a document from plain values (see
	core.documents.build_document_context for the arguments)."""
	if values.get("date") not in (None, ""):
		values["date"] = getdate(values["date"])
	else:
		values["date"] = None
	for key in ("party", "page_numbers"):
		if key in values:
			values[key] = bool(cint(values[key]))
	try:
		return build_document_context(**values)
	except DocumentContextError as e:
		message = _error_messages().get(e.code) or str(e)
		frappe.throw(message, frappe.ValidationError, title=_("Document cannot be printed"))


def txdt_nd30_doc_context(
	doc: Any,
	type_code: str | None = None,
	date_field: str = "date",
	summary_field: str | None = "title",
	**overrides: Any,
) -> DocumentContext:
	"""The context from a document that uses the app's usual field names: ``header_parent``,
	``header_name``, ``party_document``, ``number_and_symbol`` (or ``document_number`` and the
	issuing unit's abbreviation), ``place_name``, the date in ``date_field``, the trích yếu in
	``summary_field``, ``recipients`` (rows with ``recipient``), ``authority``,
	``authority_title``, ``signer_title``, ``signer_name``. Empty header names are taken from
	the ``issuing_unit`` (Dialogue Unit). Keyword arguments override any value."""
	get = doc.get if hasattr(doc, "get") else (lambda key, default=None: getattr(doc, key, default))
	unit = _unit_header(get("issuing_unit"))
	values: dict[str, Any] = {
		"parent_body": get("header_parent") or unit.get("parent_body"),
		"issuing_body": get("header_name") or unit.get("issuing_body"),
		"party": bool(cint(get("party_document"))),
		"number_and_symbol": get("number_and_symbol"),
		"number": get("document_number"),
		"type_code": type_code,
		"issuer": unit.get("issuer"),
		"place": get("place_name") or unit.get("place"),
		"date": get(date_field) if date_field else None,
		"year": get("year"),
		"summary": get(summary_field) if summary_field else None,
		"recipients": _recipient_texts(get("recipients")),
		"authority": get("authority"),
		"authority_title": get("authority_title"),
		"signer_title": get("signer_title"),
		"signer_name": get("signer_name"),
	}
	values.update(overrides)
	return txdt_nd30_context(**values)


def txdt_nd30_pdf_zoom() -> float:
	"""How much to enlarge the document for wkhtmltopdf. Debian's build (unpatched qt, no
	"with patched qt" in its version) cannot disable smart shrinking and prints 14pt as about
	11pt; 1.28 brings it back. With a patched build Frappe disables shrinking: 1."""
	from frappe.utils.pdf import is_wkhtmltopdf_valid

	try:
		return 1 if is_wkhtmltopdf_valid() else UNPATCHED_QT_ZOOM
	except Exception:
		return UNPATCHED_QT_ZOOM


def _recipient_texts(rows: Iterable[Any] | None) -> list[str]:
	texts = []
	for row in rows or ():
		text = row if isinstance(row, str) else (row.get("recipient") if hasattr(row, "get") else None)
		if text:
			texts.append(text)
	return texts


def _unit_header(unit: str | None) -> dict[str, str]:
	"""Header names of a Dialogue Unit and its parent, when the doctype is there."""
	if not unit or not frappe.db.exists("DocType", "Dialogue Unit"):
		return {}
	row = frappe.db.get_value(
		"Dialogue Unit",
		unit,
		["unit_name", "header_name", "abbreviation", "place_name", "parent_dialogue_unit"],
		as_dict=True,
	)
	if not row:
		return {}
	parent = None
	if row.parent_dialogue_unit:
		parent = frappe.db.get_value(
			"Dialogue Unit", row.parent_dialogue_unit, ["unit_name", "header_name"], as_dict=True
		)
	return {
		"issuing_body": row.header_name or row.unit_name,
		"issuer": row.abbreviation,
		"place": row.place_name,
		"parent_body": (parent.header_name or parent.unit_name) if parent else None,
	}


# -- HTML and PDF -----------------------------------------------------------------------------


def render_document_html(body_html: str, document: DocumentContext, template: str = BASE_TEMPLATE) -> str:
	"""The base layout around ``body_html`` (already HTML), as a full page."""
	source = "{% extends base %}{% block body %}{{ body_html }}{% endblock %}"
	html = frappe.get_jenv().from_string(source).render(base=template, document=document, body_html=body_html)
	return full_page(html)


def full_page(fragment: str, title: str = "") -> str:
	if fragment.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
		return fragment
	return (
		'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
		f"<title>{frappe.utils.escape_html(title)}</title></head>"
		f'<body><div class="print-format">{fragment}</div></body></html>'
	)


def render_pdf(html: str, page_numbers: bool | None = None, options: dict | None = None) -> bytes:
	"""PDF of ``html`` through frappe.utils.pdf.get_pdf, numbered from page 2 unless
	``page_numbers`` is false or (left None) the document's context turned them off."""
	if page_numbers is None:
		page_numbers = NO_PAGE_NUMBERS not in html
	from frappe.utils.pdf import get_pdf

	# Nghị định 30/2020 is A4 whatever the site's Print Settings say.
	options = {"page-size": "A4", **(options or {})}
	with _quiet_css_parser():
		pdf = get_pdf(full_page(html), options=options)
	return number_pages(pdf) if page_numbers else pdf


@contextlib.contextmanager
def _quiet_css_parser():
	"""get_pdf parses every <style> with cssutils, which logs ``zoom`` and the CSS variables
	of Frappe's print stylesheet as errors; they are not."""
	import cssutils

	level = cssutils.log.getEffectiveLevel()
	cssutils.log.setLevel(logging.CRITICAL)
	try:
		yield
	finally:
		cssutils.log.setLevel(level)


def number_pages(pdf: bytes, first: int = 2) -> bytes:
	"""Stamp page numbers on pages ``first``..n: 13pt upright, centred over the text width in
	the top margin (Nghị định 30/2020 Phụ lục I; page 1 has none).

	Debian's wkhtmltopdf ignores --header-html and also --no-background, so neither a header
	nor a second wkhtmltopdf PDF laid over the page works; the numbers are written straight
	into each page with pypdf, in the PDF base font Times-Roman (digits only, so nothing to
	embed).
	"""
	from pypdf import PdfReader, PdfWriter

	reader = PdfReader(io.BytesIO(pdf))
	pages = list(reader.pages)
	# wkhtmltopdf (with the zoom the unpatched build needs) can leave an empty last page when
	# the text ends near the bottom margin: drop trailing pages with nothing on them.
	while len(pages) > 1 and not pages[-1].extract_text().strip() and not pages[-1].images:
		pages.pop()
	if len(pages) < first:
		if len(pages) == len(reader.pages):
			return pdf
		writer = PdfWriter()
		for page in pages:
			writer.add_page(page)
		out = io.BytesIO()
		writer.write(out)
		return out.getvalue()
	writer = PdfWriter()
	font = writer._add_object(_base_font())  # indirect: poppler's pdffonts trips over a direct one
	for index, page in enumerate(pages, start=1):
		page = writer.add_page(page)
		if index >= first:
			page.merge_page(_number_stamp(font, page, index))
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def _base_font() -> Any:
	from pypdf.generic import DictionaryObject, NameObject

	return DictionaryObject(
		{
			NameObject("/Type"): NameObject("/Font"),
			NameObject("/Subtype"): NameObject("/Type1"),
			NameObject("/BaseFont"): NameObject("/Times-Roman"),
		}
	)


def _number_stamp(font: Any, page: Any, number: int) -> Any:
	from pypdf import PageObject
	from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

	box = page.mediabox
	width, height = float(box.width), float(box.height)
	mm = 72 / 25.4
	size = PAGE_NUMBER_SIZE
	text = str(number)
	# Times-Roman digits are 0.5 em wide; centre over the text width (30 mm left, 15 mm right).
	centre = float(box.left) + (PAGE_MARGIN_LEFT_MM + (width / mm - PAGE_MARGIN_RIGHT_MM)) / 2 * mm
	x = centre - len(text) * size * 0.5 / 2
	y = float(box.bottom) + height - PAGE_NUMBER_TOP_MM * mm - size * 0.7
	stamp = PageObject.create_blank_page(width=width, height=height)
	stamp[NameObject("/Resources")] = DictionaryObject(
		{NameObject("/Font"): DictionaryObject({NameObject("/TxNdPageNo"): font})}
	)
	content = DecodedStreamObject()
	content.set_data(f"BT /TxNdPageNo {size} Tf 0 g {x:.2f} {y:.2f} Td ({text}) Tj ET".encode("ascii"))
	stamp[NameObject("/Contents")] = content
	return stamp


def inline_assets(html: str, drop: bool = False) -> str:
	"""Replace ``<link rel="stylesheet" href=".../assets/...">`` with the file's content read
	from the bench, so wkhtmltopdf does not fetch it from the site's web server. Links to
	files that are not on disk are dropped (a missing stylesheet must not fail the PDF), and
	all of them with ``drop`` (a document that carries its own CSS)."""
	# abspath, not realpath: sites/assets/<app> are symlinks into the apps' public folders.
	assets = os.path.abspath(os.path.join(frappe.local.sites_path, "assets"))

	def replace(match: re.Match) -> str:
		tag = match.group(0)
		if "stylesheet" not in tag.lower():
			return tag
		href = _HREF_RE.search(tag)
		if not href:
			return tag
		path = href.group(1).split("?", 1)[0]
		if "/assets/" not in path:
			return tag
		if drop:
			return ""
		file_path = os.path.abspath(os.path.join(assets, path.split("/assets/", 1)[1]))
		if not file_path.startswith(assets + os.sep) or not os.path.isfile(file_path):
			return ""
		with open(file_path, encoding="utf-8") as f:
			return f"<style>{f.read()}</style>"

	return _LINK_RE.sub(replace, html)


def print_format_html(doctype: str, name: str, print_format: str | None = None, **kwargs: Any) -> str:
	"""The print view's HTML of a document (as Frappe builds it), stylesheets inlined; a
	document on the base layout needs none of Frappe's print CSS (200 kB that get_pdf would
	parse for nothing), so for it they are left out."""
	html = frappe.get_print(doctype, name, print_format, as_pdf=False, **kwargs)
	return inline_assets(drop_print_hidden(html), drop=ND30_MARKER in html)


def drop_print_hidden(html: str) -> str:
	"""Remove ``.print-hide`` elements (the print view's "Print / Get PDF" bar): Frappe hides
	them with @media print, which Debian's wkhtmltopdf never applies."""
	if "print-hide" not in html:
		return html
	from bs4 import BeautifulSoup

	soup = BeautifulSoup(html, "html.parser")
	for tag in soup.select(".print-hide"):
		tag.decompose()
	return str(soup)


def print_format_pdf(
	doctype: str,
	name: str,
	print_format: str | None = None,
	page_numbers: bool | None = None,
	**kwargs: Any,
) -> bytes:
	"""PDF of a document in a print format without asking the site's web server for CSS."""
	return render_pdf(print_format_html(doctype, name, print_format, **kwargs), page_numbers=page_numbers)


# -- text of a PDF (tests, checks) --------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
	"""The text of a PDF as pdftotext (poppler-utils) reads it; pypdf when pdftotext is absent."""
	if shutil.which("pdftotext"):
		result = subprocess.run(
			["pdftotext", "-enc", "UTF-8", "-", "-"],
			input=pdf,
			capture_output=True,
			check=True,
		)
		return result.stdout.decode("utf-8")
	from pypdf import PdfReader

	return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
