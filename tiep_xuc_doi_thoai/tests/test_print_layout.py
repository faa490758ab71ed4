"""What the printed plan looks like in the PDF (tier 2, wkhtmltopdf): the place-and-date line on
one line for a long place name, as NĐ 30 shows it, and the legal bases opening with the word
the plan chose ("Thực hiện" instead of "Căn cứ")."""

from __future__ import annotations

import re

import frappe

from tiep_xuc_doi_thoai.tests.factories import make_plan, make_unit
from tiep_xuc_doi_thoai.tests.pdf import print_format_pdf_text
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

LONG_LINE = "Thành phố Lai Châu, ngày 11 tháng 7 năm 2019"


def plan_text(**values) -> str:
	unit = make_unit(
		"Ủy ban nhân dân thành phố Lai Châu (in thử)",
		"UBND",
		place_name="Thành phố Lai Châu",
		header_name="ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU",
		is_group=1,
	).name
	plan = make_plan(
		unit,
		year=2019,
		plan_date="2019-07-11",
		place_name="Thành phố Lai Châu",
		legal_bases=[
			{"basis": "Luật Tiếp công dân năm 2013"},
			{"basis": "Kết luận số 116-KL/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy"},
		],
		**values,
	)
	return print_format_pdf_text("Dialogue Plan", plan.name, "Dialogue Plan Document")


class TestPrintLayout(DialogueTestCase):
	def test_long_place_and_date_stay_on_one_line(self):
		text = plan_text()
		lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
		self.assertTrue(any(LONG_LINE in line for line in lines), "\n".join(lines[:25]))

	def test_bases_open_with_the_plans_choice(self):
		squashed = re.sub(r"\s+", " ", plan_text(basis_lead="Thực hiện"))
		self.assertIn("Thực hiện Luật Tiếp công dân năm 2013;", squashed)
		self.assertIn("Thực hiện Kết luận số 116-KL/TU", squashed)
		self.assertNotIn("Căn cứ Luật Tiếp công dân", squashed)
		frappe.db.rollback(save_point="tiep_xuc_doi_thoai_test")
		frappe.db.savepoint("tiep_xuc_doi_thoai_test")
		squashed = re.sub(r"\s+", " ", plan_text())
		self.assertIn("Căn cứ Luật Tiếp công dân năm 2013;", squashed)
