"""The app's print formats rendered to PDF on a site and read back (tier 2), and the Excel
registers opened with openpyxl. Runs without a web server: utils/printing.py inlines CSS."""

from __future__ import annotations

import io
import re

import frappe
import frappe.client
from openpyxl import load_workbook

from tiep_xuc_doi_thoai.api import registers
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.core.excel import PETITION_REGISTER, RECEPTION_REGISTER, RESULTS_ANNEX, TOTALS_LABEL
from tiep_xuc_doi_thoai.core.vietnamese import format_place_date
from tiep_xuc_doi_thoai.tests.factories import (
	enter_seed_plan,
	make_conference,
	make_petition,
	make_plan,
	make_unit,
	make_user,
)
from tiep_xuc_doi_thoai.tests.pdf import print_format_pdf_text
from tiep_xuc_doi_thoai.tests.test_seed_plans import load_seeds
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

DENOUNCER = "Hoàng Thị Tố Giác"


def squash(text: str) -> str:
	return re.sub(r"\s+", " ", text).strip()


class TestPrintFormats(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.unit = make_unit(
			"Ủy ban nhân dân xã In Ấn",
			"UBND",
			place_name="In Ấn",
			header_name="ỦY BAN NHÂN DÂN XÃ IN ẤN",
			is_group=1,
		).name
		cls.office = make_unit(
			"Văn phòng HĐND và UBND xã In Ấn", "VP", parent=cls.unit, kind="Department"
		).name
		cls.reception = make_user("print.reception@example.com", [roles.RECEPTION, roles.SECRETARIAT]).name
		cls.confidential = make_user("print.secret@example.com", [roles.RECEPTION, roles.CONFIDENTIAL]).name
		cls.plan = make_plan(
			cls.unit,
			year=2026,
			title="Tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân năm 2026",
			plan_date="2026-03-05",
			authority="KT.",
			authority_title="Chủ tịch",
			signer_title="Phó Chủ tịch",
			signer_name="Đỗ Quang Ký",
			planned_dialogues=2,
			recipients=[{"recipient": "Thường trực Đảng ủy xã (b/c)"}],
		).name
		cls.conference = make_conference(
			cls.plan,
			"2026-04-08",
			topic="đất đai và trật tự xây dựng",
			place="Hội trường UBND xã In Ấn",
			issuing_unit=cls.unit,
			start_time="08:00:00",
			end_time="11:00:00",
			chair="Đồng chí Nguyễn Văn Chủ, Chủ tịch UBND xã",
			secretary="Lê Thị Thư",
			notice_number="12/GM-UBND",
			notice_date="2026-03-30",
			conclusion_notice_number="45/TB-UBND",
			conclusion_notice_date="2026-04-14",
			total_attendance=120,
			invitees=[
				{
					"invitee": "Thường trực Ủy ban MTTQ xã",
					"invitee_group": "Fatherland Front and Organizations",
				}
			],
			agenda=[{"item": "Báo cáo tình hình kinh tế - xã hội", "presenter": "Phó Chủ tịch UBND xã"}],
			attendance=[{"attendee_group": "Nhân dân thôn Đông", "attendee_count": 120}],
			speakers=[
				{
					"speaking_order": 1,
					"speaker_name": "Phạm Văn Nói",
					"address": "Thôn Đông",
					"topic": "Cấp giấy chứng nhận quyền sử dụng đất",
				},
				{
					"speaking_order": 2,
					"speaker_name": "Vũ Thị Hỏi",
					"address": "Thôn Tây",
					"topic": "Đường liên thôn xuống cấp",
				},
			],
			conclusion_text="<p>Các ý kiến của Nhân dân được tiếp thu đầy đủ.</p>",
			conclusions=[
				{
					"conclusion": "Rà soát hồ sơ cấp giấy chứng nhận cho các hộ thôn Đông",
					"conclusion_kind": "To Be Resolved",
					"responsible_unit": cls.office,
					"due_date": "2026-05-15",
				}
			],
		).name

	def text(self, doctype: str, name: str, print_format: str) -> str:
		return squash(print_format_pdf_text(doctype, name, print_format))

	def assert_frame(self, text: str, number: str | None = None):
		for expected in (
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			"Độc lập - Tự do - Hạnh phúc",
			"ỦY BAN NHÂN DÂN XÃ IN ẤN",
		):
			self.assertIn(expected, text)
		if number:
			self.assertIn(f"Số: {number}", text)

	# -- every print format is there -------------------------------------------------------------

	def test_print_formats_are_installed(self):
		names = set(
			frappe.get_all(
				"Print Format", filters={"module": "Tiep Xuc Doi Thoai", "standard": "Yes"}, pluck="name"
			)
		)
		for name in (
			"Dialogue Plan Document",
			"Dialogue Results Report",
			"Conference Invitation",
			"Speaker Registration Form",
			"Conference Minutes",
			"Conference Conclusion Notice",
			"Assignment Slip",
			"Petition Answer Letter",
		):
			self.assertIn(name, names)

	# -- kế hoạch --------------------------------------------------------------------------------

	def test_seed_plans_print_as_the_seeds_do(self):
		secretariat = make_user("print.seed@example.com", [roles.SECRETARIAT]).name
		for seed in load_seeds():
			with self.subTest(seed=seed["seed"]):
				name = enter_seed_plan(seed, secretariat)
				text = self.text("Dialogue Plan", name, "Dialogue Plan Document")
				plan = frappe.get_doc("Dialogue Plan", name)
				self.assertIn(squash(plan.title), text)
				self.assertIn(plan.signer_name, text)
				self.assertIn("KẾ HOẠCH", text)
				self.assertIn("I. MỤC ĐÍCH, YÊU CẦU", text)
				if plan.responsibilities:
					self.assertIn("TỔ CHỨC THỰC HIỆN", text)
				for row in plan.recipients:
					self.assertIn(squash(row.recipient).rstrip(";."), text)
				if seed["number_line"]:
					self.assertIn(seed["number_line"], text)
				if plan.plan_date:
					self.assertIn(squash(format_place_date(plan.place_name, plan.plan_date)), text)
					self.assertEqual(
						squash(format_place_date(plan.place_name, plan.plan_date)),
						squash(seed["place_date_line"]),
					)
				if plan.header_parent:
					self.assertIn(squash(plan.header_parent), text)
				for row in plan.legal_bases[:1]:
					self.assertIn(squash(row.basis)[:40], text)

	def test_plan_sections_are_numbered_in_order(self):
		seed = next(s for s in load_seeds() if s["plan"].get("budget"))
		name = enter_seed_plan(seed, "Administrator")
		text = self.text("Dialogue Plan", name, "Dialogue Plan Document")
		positions = [
			text.index(h)
			for h in (
				"I. MỤC ĐÍCH, YÊU CẦU",
				"1. Mục đích",
				"2. Yêu cầu",
				"II. ",
				"III. KINH PHÍ THỰC HIỆN",
				"IV. TỔ CHỨC THỰC HIỆN",
				"Nơi nhận:",
			)
		]
		self.assertEqual(positions, sorted(positions))

	# -- hội nghị --------------------------------------------------------------------------------

	def test_invitation_with_the_speaker_form_annexed(self):
		text = self.text("Dialogue Conference", self.conference, "Conference Invitation")
		self.assert_frame(text, "12/GM-UBND")
		for expected in (
			"GIẤY MỜI",
			"In Ấn, ngày 30 tháng 3 năm 2026",
			"Thường trực Ủy ban MTTQ xã",
			"08 giờ 00 đến 11 giờ 00, thứ Tư, ngày 08 tháng 4 năm 2026",
			"Hội trường UBND xã In Ấn",
			"Báo cáo tình hình kinh tế - xã hội",
			"Nơi nhận:",
			"KT. CHỦ TỊCH",
			"Đỗ Quang Ký",
			"PHIẾU ĐĂNG KÝ PHÁT BIỂU",
			"NGƯỜI ĐĂNG KÝ",
		):
			self.assertIn(expected, text)
		self.assertLess(text.index("Đỗ Quang Ký"), text.index("PHIẾU ĐĂNG KÝ PHÁT BIỂU"))

	def test_speaker_forms_one_per_registration(self):
		text = self.text("Dialogue Conference", self.conference, "Speaker Registration Form")
		self.assertEqual(text.count("PHIẾU ĐĂNG KÝ PHÁT BIỂU"), 2)
		for expected in ("Phạm Văn Nói", "Cấp giấy chứng nhận quyền sử dụng đất", "Vũ Thị Hỏi", "Thôn Tây"):
			self.assertIn(expected, text)

	def test_minutes(self):
		petition = make_petition(
			"Đề nghị làm rõ việc cấp giấy chứng nhận quyền sử dụng đất thôn Đông",
			conference=self.conference,
			source="At a Conference",
			petitioner_name="Phạm Văn Nói",
			answer="Đã trả lời tại hội nghị: UBND xã sẽ rà soát hồ sơ",
			answer_mode="On the Spot",
		)
		self.assertTrue(petition.name)
		text = self.text("Dialogue Conference", self.conference, "Conference Minutes")
		self.assert_frame(text)
		for expected in (
			"BIÊN BẢN",
			"Đồng chí Nguyễn Văn Chủ, Chủ tịch UBND xã",
			"Lê Thị Thư",
			"Nhân dân thôn Đông: 120 người",
			"III. Ý KIẾN PHÁT BIỂU VÀ TRẢ LỜI TẠI HỘI NGHỊ",
			"Phạm Văn Nói",
			"UBND xã sẽ rà soát hồ sơ",
			"IV. KẾT LUẬN CỦA NGƯỜI CHỦ TRÌ",
			"THƯ KÝ",
			"CHỦ TRÌ",
		):
			self.assertIn(expected, text)

	def test_conclusion_notice(self):
		text = self.text("Dialogue Conference", self.conference, "Conference Conclusion Notice")
		self.assert_frame(text, "45/TB-UBND")
		for expected in (
			"THÔNG BÁO",
			"In Ấn, ngày 14 tháng 4 năm 2026",
			"Rà soát hồ sơ cấp giấy chứng nhận cho các hộ thôn Đông",
			"Văn phòng HĐND và UBND xã In Ấn",
			"15/5/2026",
			"Đỗ Quang Ký",
		):
			self.assertIn(expected, text)

	# -- báo cáo kết quả ---------------------------------------------------------------------------

	def test_results_report_counts(self):
		make_petition(
			"Đề nghị sửa đường thôn Tây",
			conference=self.conference,
			source="At a Conference",
			answer_mode="On the Spot",
			answer="Đã trả lời",
		)
		make_petition(
			"Phản ánh ô nhiễm",
			petition_type="Feedback",
			conference=self.conference,
			source="At a Conference",
			responsible_unit=self.office,
		)
		text = self.text("Dialogue Plan", self.plan, "Dialogue Results Report")
		self.assert_frame(text)
		for expected in (
			"BÁO CÁO",
			"Số cuộc theo kế hoạch: 2",
			"Tổng số ý kiến, kiến nghị tiếp nhận: 2",
			"Kiến nghị: 1; Phản ánh: 1",
			"Trả lời trực tiếp tại hội nghị: 1",
			"PHỤ LỤC",
		):
			self.assertIn(expected, text)

	# -- phiếu giao nhiệm vụ, văn bản trả lời ----------------------------------------------------------

	def test_assignment_slip(self):
		from frappe.model.workflow import apply_workflow

		petition = apply_workflow(make_petition("Đề nghị nạo vét kênh mương nội đồng").as_dict(), "Classify")
		doc = frappe.get_doc(
			{
				"doctype": "Petition Assignment",
				"source_type": "Citizen Petitions",
				"dialogue_conference": self.conference,
				"petitions": [{"petition": petition.name}],
				"lead_unit": self.office,
				"task": "<p>Kiểm tra, giải quyết và dự thảo văn bản trả lời công dân</p>",
				"assigned_on": "2026-04-15",
				"due_date": "2026-05-20",
			}
		).insert()
		text = self.text("Petition Assignment", doc.name, "Assignment Slip")
		self.assert_frame(text)
		for expected in (
			"PHIẾU CHUYỂN ĐƠN",
			"Văn phòng HĐND và UBND xã In Ấn",
			"20/5/2026",
			"Đỗ Quang Ký",
		):
			self.assertIn(expected, text)
		self.assertIn(petition.name.replace("-", ""), text.replace("-", ""))  # wraps in its cell

	def test_answer_letter(self):
		doc = make_petition(
			"Đề nghị giải quyết tranh chấp ranh giới đất",
			petitioner_name="Trần Văn Hỏi",
			address="Thôn Bắc",
			responsible_unit=self.unit,
			answer="Ủy ban nhân dân xã đã tổ chức hòa giải thành.\nĐề nghị Ông/Bà thực hiện theo biên bản hòa giải.",
			received_date="2026-05-01",
			answered_on="2026-05-04",
			answer_reference="12/UBND-VX",
		)
		text = self.text("Citizen Petition", doc.name, "Petition Answer Letter")
		self.assert_frame(text, "12/UBND-VX")
		for expected in (
			"V/v trả lời kiến nghị của công dân",
			"In Ấn, ngày 04 tháng 5 năm 2026",
			"Kính gửi: Ông/Bà Trần Văn Hỏi",
			"đã tổ chức hòa giải thành",
			"Như trên;",
			"Đỗ Quang Ký",
		):
			self.assertIn(expected, text)
		self.assertNotIn("CÔNG VĂN", text)

	def test_denouncer_never_printed_without_confidential_access(self):
		doc = make_petition(
			"Tố cáo cán bộ địa chính nhận tiền của dân",
			petition_type="Denunciation",
			petitioner_name=DENOUNCER,
			address="Thôn Nam",
			responsible_unit=self.unit,
			answer="Nội dung tố cáo đã được xác minh.",
			received_date="2026-05-01",
			answered_on="2026-05-04",
		)
		frappe.set_user(self.reception)
		text = self.text("Citizen Petition", doc.name, "Petition Answer Letter")
		self.assertNotIn(DENOUNCER, text)
		self.assertNotIn("Thôn Nam", text)
		self.assertIn("Người tố cáo", text)
		frappe.set_user(self.confidential)
		self.assertIn(DENOUNCER, self.text("Citizen Petition", doc.name, "Petition Answer Letter"))

	# -- Excel -------------------------------------------------------------------------------------

	def download(self, method, **kwargs):
		frappe.local.response = frappe._dict()
		method(**kwargs)
		self.assertEqual(frappe.local.response.type, "binary")
		self.assertTrue(frappe.local.response.filename.endswith(".xlsx"))
		return load_workbook(io.BytesIO(frappe.local.response.filecontent))

	def sheet_rows(self, ws):
		return [[c for c in row] for row in ws.iter_rows(values_only=True)]

	def petitions_for_excel(self):
		make_petition(
			"Kiến nghị sửa đường",
			received_date="2026-04-01",
			responsible_unit=self.office,
			due_date="2026-04-20",
			answered_on="2026-04-10",
			answer="Đã sửa",
			petitioner_name="Ngô Văn Đúng",
		)
		late = make_petition(
			"Khiếu nại thu hồi đất",
			petition_type="Complaint",
			received_date="2026-04-02",
			responsible_unit=self.office,
			due_date="2026-04-05",
			answered_on="2026-04-09",
			answer="Đã giải quyết",
			petitioner_name="Ngô Văn Trễ",
		)
		make_petition(
			"Tố cáo cán bộ",
			petition_type="Denunciation",
			received_date="2026-04-03",
			responsible_unit=self.office,
			petitioner_name=DENOUNCER,
		)
		# the deadline rules set due dates on save; this one is answered after its deadline
		frappe.db.set_value("Citizen Petition", late.name, "due_date", "2026-04-05")

	def april_register(self, endpoint, shape):
		"""The April register downloaded by the reception officer: its cells, totals row and keys."""
		self.petitions_for_excel()
		frappe.set_user(self.reception)
		wb = self.download(endpoint, from_date="2026-04-01", to_date="2026-04-30", unit=self.unit)
		rows = self.sheet_rows(wb.active)
		flat = [str(c) for row in rows for c in row if c is not None]
		self.assertIn(shape.title, flat)
		self.assertNotIn(DENOUNCER, " ".join(flat))
		totals = next(row for row in rows if row[0] == TOTALS_LABEL)
		return flat, totals, [c.key for c in shape.columns]

	def test_petition_register_excel(self):
		flat, totals, keys = self.april_register(registers.petition_register, PETITION_REGISTER)
		self.assertIn("Ngày nhận", flat)
		self.assertIn("Ngô Văn Đúng", flat)
		self.assertEqual(totals[keys.index("petitioner")], 3)
		self.assertEqual(totals[keys.index("timeliness")], "Đúng hạn: 1; Trễ hạn: 1")

	def test_reception_register_excel(self):
		flat, totals, keys = self.april_register(registers.reception_register, RECEPTION_REGISTER)
		self.assertIn("Số CMND/CCCD/Hộ chiếu", flat)
		self.assertEqual(
			[totals[keys.index(k)] for k in ("complaints", "denunciations", "recommendations", "people")],
			[1, 1, 1, 3],
		)

	def test_results_annex_excel(self):
		self.petitions_for_excel()
		wb = self.download(
			registers.results_annex, from_date="2026-04-01", to_date="2026-04-30", unit=self.unit
		)
		self.assertEqual(len(wb.sheetnames), 3)
		rows = self.sheet_rows(wb[wb.sheetnames[1]])  # by unit
		keys = [c.key for c in RESULTS_ANNEX.columns]
		totals = next(row for row in rows if row[0] == TOTALS_LABEL)
		self.assertEqual(
			[totals[keys.index(k)] for k in ("received", "resolved", "on_time", "late", "in_progress")],
			[3, 2, 1, 1, 1],
		)
		self.assertIn(self.office, [row[1] for row in rows])

	def test_excel_needs_permission(self):
		frappe.set_user(make_user("print.nobody@example.com", []).name)
		with self.assertRaises(frappe.PermissionError):
			registers.petition_register()
