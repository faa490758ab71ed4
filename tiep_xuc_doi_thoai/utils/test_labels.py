# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""One source of translations on a real site: the app's Vietnamese for a generic word reaches
its own screens and documents (with its doctype as context) and leaves Frappe's alone."""

import csv

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache

from tiep_xuc_doi_thoai.utils.labels import document_label


def frappe_vi(source: str) -> str | None:
	path = frappe.get_app_path("frappe", "translations", "vi.csv")
	with open(path, encoding="utf-8", newline="") as f:
		return next((row[1] for row in csv.reader(f) if row and row[0] == source), None)


class TestTranslationContext(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_cache()

	def test_generic_words_keep_frappes_translation(self):
		for word, context in (
			("Closed", "Citizen Petition"),
			("Draft", "Dialogue Plan"),
			("Subject", "Citizen Petition"),
		):
			ours = frappe._(word, lang="vi", context=context)
			self.assertNotEqual(ours, word, f"{word}: the app's own screens are translated")
			self.assertNotEqual(
				frappe._(word, lang="vi"), ours, f"{word}: the app's word stays in its screens"
			)
			self.assertEqual(
				frappe._(word, lang="vi"), frappe_vi(word) or word, f"{word}: Frappe's untouched"
			)

	def test_documents_print_options_from_vi_csv(self):
		self.assertEqual(document_label("Mail", "Citizen Petition"), "Đơn thư")
		self.assertEqual(document_label("Recommendation", "Citizen Petition"), "Kiến nghị")
		self.assertEqual(document_label("Carried Out", "Dialogue Conclusion"), "Đã thực hiện xong")
		self.assertEqual(document_label("Chair", "Dialogue Plan Participant"), "Chủ trì")
		self.assertEqual(frappe._("Chair", lang="vi", context="Dialogue Plan"), "Người chủ trì")
		self.assertEqual(document_label(None, "Citizen Petition"), "")
