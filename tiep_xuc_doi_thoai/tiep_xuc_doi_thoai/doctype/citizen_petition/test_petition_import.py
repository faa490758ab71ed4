# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Excel import on a real site: all rows or none, a message for every bad row."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from tiep_xuc_doi_thoai.api import petition_import as endpoints
from tiep_xuc_doi_thoai.core import petition_import as import_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.services import petition_identity as identity
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer

UNIT = "Phòng Kinh tế (thử nhập)"


def row(n: int, **over):
	values = {
		"row_number": n,
		"received_date": getdate(add_days(today(), -2)).strftime("%d/%m/%Y"),
		"petitioner_name": f"Cử tri số {n}",
		"id_number": f"0010990{n:05d}",
		"phone": "0912345678",
		"address": "Thôn 1",
		"commune": "Xã Bình Lư",
		"village": "Thôn 1",
		"group_size": None,
		"representative": None,
		"petition_type": "kiến nghị",
		"category": "Đất đai",
		"content": f"Đề nghị xem xét cấp giấy chứng nhận quyền sử dụng đất cho hộ số {n}",
		"responsible_unit": "KT-THU",
		"note": None,
	}
	values.update(over)
	return [values[f] for f, _h, _w in import_rules.TEMPLATE_HEADERS]


class TestPetitionImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(UNIT, abbreviation="KT-THU", kind="Department")
		make_user("petition-import@tiep4.test", (roles.SECRETARIAT,))
		make_user("petition-import-reader@tiep4.test", (roles.SUPERVISOR,))

	def tearDown(self):
		frappe.set_user("Administrator")

	def count(self) -> int:
		return frappe.db.count("Citizen Petition")

	def test_good_file_imports_every_row(self):
		rows = [row(i) for i in range(1, 6)]
		rows.append(
			row(
				6,
				petition_type="Tố cáo",
				petitioner_name="Người Tố Cáo Nhập",
				content="Tố cáo cán bộ thôn nhận tiền",
			)
		)
		content = import_rules.build_rows_file(rows)
		frappe.set_user("petition-import@tiep4.test")
		before = self.count()
		out = importer.import_content(content, "ds.xlsx", source=petition_rules.SOURCE_FRONT)
		self.assertEqual(out["imported"], 6)
		self.assertEqual(self.count(), before + 6)
		frappe.set_user("Administrator")
		last = frappe.get_doc("Citizen Petition", out["last"])
		self.assertEqual(last.petition_type, petition_rules.DENUNCIATION)
		self.assertEqual(last.petitioner_name, identity.MASK)
		self.assertEqual(last.responsible_unit, UNIT)
		self.assertTrue(last.due_date)
		first = frappe.get_doc("Citizen Petition", out["first"])
		self.assertEqual(first.category, "Đất đai")
		self.assertEqual(first.id_number, "001099000001")
		# The approvers' inbox entries are written in bulk after the rows.
		self.assertTrue(frappe.db.exists("Workflow Action", {"reference_name": first.name, "status": "Open"}))

	def test_one_bad_row_writes_nothing(self):
		rows = [row(i) for i in range(1, 30)]
		rows[10] = row(11, received_date="31/02/2025")
		rows[12] = row(13, id_number="12345")
		rows[14] = row(15, category="Không có lĩnh vực này")
		rows[16] = row(17, responsible_unit="Đơn vị ma")
		rows[18] = row(19, content="<script>alert(1)</script>")
		rows[20] = row(21, received_date=getdate(add_days(today(), 5)).strftime("%d/%m/%Y"))
		before = self.count()
		frappe.set_user("petition-import@tiep4.test")
		with self.assertRaises(importer.PetitionImportError) as caught:
			importer.import_content(import_rules.build_rows_file(rows), "ds.xlsx")
		self.assertEqual(self.count(), before)
		codes = {(e["row"], e["code"]) for e in caught.exception.row_errors}
		self.assertEqual(
			codes,
			{
				(15, "bad_date"),
				(17, "bad_id_number"),
				(19, "unknown_category"),
				(21, "unknown_unit"),
				(23, "markup"),
				(25, "future_date"),
			},
		)
		for e in caught.exception.row_errors:
			self.assertTrue(e["message"].startswith(f"Row {e['row']}:") or str(e["row"]) in e["message"])

	def test_controller_refusal_rolls_back_the_rows_before_it(self):
		rows = [row(i) for i in range(1, 6)]
		rows.append(row(6, petition_type="kiến nghị", group_size=1, petitioner_name="Nhóm hộ"))
		# group_size 1 passes the parser (a count) but not the controller (a group needs 2+).
		rows[-1][import_rules.TEMPLATE_HEADERS.index(("group_size", "Số người", 9))] = 1
		before = self.count()
		frappe.local.message_log = []
		content = import_rules.build_rows_file(rows)
		result = import_rules.parse_petition_file(content, "ds.xlsx", [("Đất đai", "DD")], [(UNIT, "KT-THU")])
		self.assertTrue(result.ok)
		# Forcing a group of one through the controller: the sixth row fails after five inserts.
		original = importer.new_petition

		def as_group(values, *args):
			d = original(values, *args)
			if values.get("group_size") == 1:
				d["petitioner_kind"] = "Group"
			return d

		importer.new_petition = as_group
		try:
			with self.assertRaises(importer.PetitionImportError) as caught:
				importer.import_content(content, "ds.xlsx")
		finally:
			importer.new_petition = original
		self.assertEqual(self.count(), before)
		self.assertEqual([e["row"] for e in caught.exception.row_errors], [10])

	def test_files_that_are_not_lists(self):
		frappe.set_user("petition-import@tiep4.test")
		for content, name in (
			(b"%PDF-1.4 not a workbook", "ds.xlsx"),
			(b"STT,Ho ten,Noi dung\n1,A,B\n", "ds.csv"),
			(b"PK\x03\x04broken zip", "ds.xlsx"),
			(b"", "ds.xlsx"),
			(b"PK\x03\x04" + b"0" * (import_rules.MAX_FILE_BYTES + 1), "big.xlsx"),
		):
			with self.assertRaises(importer.PetitionImportError, msg=name):
				importer.import_content(content, name)

	def test_only_who_may_create_imports(self):
		frappe.set_user("petition-import-reader@tiep4.test")
		with self.assertRaises(frappe.PermissionError):
			importer.import_content(import_rules.build_rows_file([row(1)]), "ds.xlsx")

	def test_template_and_preview(self):
		frappe.set_user("petition-import@tiep4.test")
		endpoints.download_template()
		self.assertEqual(frappe.response["type"], "binary")
		result = importer.parse(import_rules.build_rows_file([row(1), row(2, id_number="abc")]), "ds.xlsx")
		summary = importer.summary(result)
		self.assertEqual(summary["rows"], 2)
		self.assertEqual(summary["error_count"], 1)
		self.assertIn("6", summary["errors"][0]["message"])


def mttq_list(body) -> bytes:
	"""An MTTQ compilation: merged title, TT / Họ tên cử tri / Nội dung kiến nghị / Lĩnh vực."""
	import io

	from openpyxl import Workbook
	from openpyxl.styles import Font

	wb = Workbook()
	ws = wb.active
	ws.cell(row=1, column=1, value="TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA CỬ TRI")
	ws.merge_cells("A1:D1")
	ws.append([])
	ws.append(["TT", "Họ tên cử tri", "Nội dung kiến nghị", "Lĩnh vực"])
	for values in body:
		ws.append(values)
		if len(values) == 1:
			ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
			ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


class TestImportLayouts(FrappeTestCase):
	"""The lists MTTQ really sends: group rows, near-miss names, synonyms, a choice."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user("petition-import@tiep4.test", (roles.SECRETARIAT,))

	def setUp(self):
		frappe.db.savepoint("layouts")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="layouts")

	def test_group_rows_and_near_misses_import_after_a_preview(self):
		body = [["I. LĨNH VỰC ĐẤT ĐAI"], [1, "Cử tri A", "Đề nghị cấp sổ đỏ"], ["II. LĨNH VỰC GIAO THÔNG"]]
		body += [[n, f"Cử tri {n}", f"Đường liên thôn số {n} xuống cấp"] for n in range(2, 42)]
		content = mttq_list(body)
		frappe.set_user("petition-import@tiep4.test")
		summary = importer.summary(importer.parse(content, "mttq.xlsx", today()))
		self.assertEqual((summary["rows"], summary["error_count"], summary["sections"]), (41, 0, 2))
		self.assertEqual(len(summary["preview"]), 41)
		self.assertEqual({r["category"] for r in summary["preview"][1:]}, {"Giao thông, hạ tầng"})
		[mapped] = summary["mapped"]
		self.assertEqual((mapped["value"], mapped["rows"]), ("Giao thông, hạ tầng", 40))
		before = frappe.db.count("Citizen Petition")
		out = importer.import_content(content, "mttq.xlsx", today())
		self.assertEqual(out["imported"], 41)
		self.assertEqual(frappe.db.count("Citizen Petition", {"category": "Giao thông, hạ tầng"}) >= 40, True)
		self.assertEqual(frappe.db.count("Citizen Petition"), before + 41)

	def test_synonym_record_and_ambiguous_name_chosen_by_the_user(self):
		frappe.get_doc(
			{
				"doctype": "Petition Name Synonym",
				"kind": "Category",
				"synonym_text": "Trợ giúp xã hội (thử nhập)",
				"category": "An sinh xã hội",
			}
		).insert()
		body = [
			[1, "A", "Trợ cấp chậm", "tro giup xa hoi thu nhap"],
			[2, "B", "Chế độ chính sách", "Chính sách"],
		]
		content = mttq_list(body)
		frappe.set_user("petition-import@tiep4.test")
		summary = importer.summary(importer.parse(content, "mttq.xlsx", today()))
		self.assertEqual(summary["error_count"], 0)
		[amb] = summary["ambiguities"]
		self.assertEqual(set(amb["candidates"]), {"Chính sách khác", "Chính sách người có công"})
		before = frappe.db.count("Citizen Petition")
		with self.assertRaises(importer.PetitionImportError):
			importer.import_content(content, "mttq.xlsx", today())
		self.assertEqual(frappe.db.count("Citizen Petition"), before)
		choices = frappe.as_json({"category": {amb["key"]: "Chính sách khác"}})
		out = importer.import_content(content, "mttq.xlsx", today(), choices=choices)
		self.assertEqual(out["imported"], 2)
		self.assertEqual(frappe.db.get_value("Citizen Petition", out["first"], "category"), "An sinh xã hội")
		self.assertEqual(frappe.db.get_value("Citizen Petition", out["last"], "category"), "Chính sách khác")

	def test_a_second_synonym_for_the_same_text_is_refused(self):
		doc = {"doctype": "Petition Name Synonym", "kind": "Category", "category": "Môi trường"}
		frappe.get_doc({**doc, "synonym_text": "Rác thải"}).insert()
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({**doc, "synonym_text": "rac thai"}).insert()

	def test_names_that_match_nothing_are_offered_as_synonyms_once(self):
		body = [
			["I. LĨNH VỰC THIÊN VĂN"],
			[1, "A", "Sao chổi"],
			[2, "B", "Vũ trụ", "Thiên văn học"],
			[3, "C", "X", "Thiên văn học"],
		]
		frappe.set_user("petition-import@tiep4.test")
		summary = importer.summary(importer.parse(mttq_list(body), "mttq.xlsx", today()))
		unknown = {(u["kind"], u["text"]): u["rows"] for u in summary["unknown"]}
		self.assertEqual(
			unknown, {("Category", "LĨNH VỰC THIÊN VĂN"): [4], ("Category", "Thiên văn học"): [6, 7]}
		)
