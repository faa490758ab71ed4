"""The app's print formats rendered with plain Jinja (tier 1), the way Frappe's print path
renders them: sandboxed, the app's templates under the ``tiep_xuc_doi_thoai/`` prefix. The
Jinja methods that read the site (services/print_formats.py) are stood in for by the same core
functions on sample data; the frame (header, number, date line, recipients, signature) comes
from core.documents as on the site. Plus static checks of every print format JSON."""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest

from tests.apptree import APP, MODULE, doctypes, load_json, standard_files, translated, translations
from tiep_xuc_doi_thoai.core import document_parts as parts
from tiep_xuc_doi_thoai.core.documents import build_document_context

jinja2 = pytest.importorskip("jinja2")
from jinja2 import DebugUndefined, FileSystemLoader, PrefixLoader
from jinja2.sandbox import SandboxedEnvironment

from tests.test_documents import Outline

PRINT_FORMATS = {load_json(p)["name"]: p for p in standard_files("print_format")}
VI = translations("vi")


def vi_label(value: str, doctype: str) -> str:
	"""What utils/labels.document_label gives on a site: vi.csv, the doctype as context."""
	return translated(VI, (value, doctype)) or value


UNIT = {
	"parent_body": "UBND huyện An Dương",
	"issuing_body": "Ủy ban nhân dân xã Đường An",
	"issuer": "UBND",
	"place": "Đường An",
	"extra": {"issuer_name": "Ủy ban nhân dân xã Đường An"},
}
SIGNER = {
	"authority": "KT.",
	"authority_title": "Chủ tịch",
	"signer_title": "Phó Chủ tịch",
	"signer_name": "Vũ Duy Nhu",
}
DENOUNCER = "Hoàng Thị Tố Giác"


def txdt_nd30_doc_context(doc, type_code=None, date_field="date", summary_field="title", **overrides):
	"""utils.printing.txdt_nd30_doc_context without the site: the header from the document itself."""
	get = doc.get
	values = {
		**UNIT,
		"parent_body": get("header_parent") or UNIT["parent_body"],
		"issuing_body": get("header_name") or UNIT["issuing_body"],
		"party": bool(get("party_document")),
		"number_and_symbol": get("number_and_symbol"),
		"number": get("document_number"),
		"type_code": type_code,
		"place": get("place_name") or UNIT["place"],
		"date": parts.as_date(get(date_field)) if date_field else None,
		"year": get("year"),
		"summary": get(summary_field) if summary_field else None,
		"recipients": [r["recipient"] for r in get("recipients") or ()],
		**{k: get(k) for k in SIGNER},
	}
	values.update(overrides)
	return build_document_context(**values)


def conference_document(doc, kind="GM"):
	number, date = {
		"GM": (doc.get("notice_number"), doc.get("notice_date")),
		"TB": (doc.get("conclusion_notice_number"), doc.get("conclusion_notice_date")),
	}.get(kind, (None, doc.get("conference_date")))
	return build_document_context(
		**UNIT,
		**SIGNER,
		type_code=kind,
		number_and_symbol=number,
		date=parts.as_date(date),
		summary=f"Hội nghị tiếp xúc, đối thoại {doc['topic']}",
		recipients=["Như thành phần mời"],
	)


def conference_parts(doc):
	return {
		"time_line": parts.meeting_time_line(
			doc["conference_date"], doc.get("start_time"), doc.get("end_time")
		),
		"end": parts.time_words(doc.get("end_time")),
		"form": vi_label(doc.get("dialogue_form"), "Dialogue Conference") if doc.get("dialogue_form") else "",
		"conclusions": parts.conclusion_rows(doc.get("conclusions"), vi_label),
		"petitions": [
			{
				"who": "Phạm Văn Nói",
				"type": "Kiến nghị",
				"summary": "Cấp giấy chứng nhận",
				"answer_text": "Sẽ rà soát",
			}
		],
	}


PETITIONS = [
	{
		"petition_type": "Recommendation",
		"category": "Đất đai",
		"answer_mode": "On the Spot",
		"answered_on": dt.date(2026, 4, 8),
		"due_date": dt.date(2026, 4, 20),
	},
	{
		"petition_type": "Complaint",
		"category": "Đất đai",
		"responsible_unit": "Phòng Địa chính",
		"answered_on": dt.date(2026, 5, 9),
		"due_date": dt.date(2026, 5, 5),
	},
	{
		"petition_type": "Feedback",
		"category": "Giao thông",
		"responsible_unit": "Phòng Kinh tế",
		"due_date": dt.date(2026, 4, 30),
	},
]


def results(doc):
	conferences = [
		{
			"topic": "Đất đai",
			"place": "Hội trường",
			"status": "Held",
			"total_attendance": 120,
			"time_line": "ngày 08 tháng 4 năm 2026",
		}
	]
	return parts.results_summary(conferences, PETITIONS, planned=2, today=dt.date(2026, 6, 1), label=vi_label)


def answer_letter(doc, confidential_access=False):
	name = doc["petitioner_name"]
	if doc.get("identity_confidential") and not confidential_access:
		name = "Người tố cáo (thông tin được giữ bí mật theo quy định của Luật Tố cáo)"
	document = build_document_context(
		**UNIT,
		**SIGNER,
		number_and_symbol=doc.get("answer_reference"),
		date=doc["answered_on"],
		summary="V/v trả lời kiến nghị của công dân",
		recipients=["Như trên"],
	)
	return {
		"document": document,
		"addressee": name,
		"address": "",
		"confidential": bool(doc.get("identity_confidential")),
		"received": "01/5/2026",
		"subject": doc["subject"],
		"answer": parts.paragraphs(doc["answer"]),
	}


def assignment_document(doc):
	document = build_document_context(
		**UNIT, **SIGNER, type_code="PC", title="Phiếu chuyển đơn", date=dt.date(2026, 4, 15)
	)
	return {
		"document": document,
		"transfer": True,
		"coordinating": ["Bộ phận Tư pháp"],
		"due": "20/5/2026",
		"assigned": "15/4/2026",
		"petitions": [{"name": "YK-2026-00001", "who": "***", "type": "Tố cáo", "summary": "Tố cáo cán bộ"}],
	}


@pytest.fixture(scope="module")
def env():
	env = SandboxedEnvironment(
		loader=PrefixLoader({"tiep_xuc_doi_thoai": FileSystemLoader(str(APP))}), undefined=DebugUndefined
	)
	env.globals.update(
		txdt_nd30_doc_context=txdt_nd30_doc_context,
		txdt_plan_parts=lambda plan: parts.plan_parts(plan, vi_label),
		txdt_conference_document=conference_document,
		txdt_conference_parts=conference_parts,
		txdt_results=results,
		txdt_report_document=lambda doc: txdt_nd30_doc_context(
			doc, type_code="BC", date_field=None, summary="Kết quả tiếp xúc, đối thoại"
		),
		txdt_assignment_document=assignment_document,
		txdt_answer_letter=answer_letter,
	)
	return env


class Parts(Outline):
	"""Outline that also records the print formats' own ``txdt-*`` classes."""

	def handle_starttag(self, tag, attrs):
		if tag == "style":
			self._in_style = True
		if tag in ("br", "meta", "link"):
			return
		classes = (dict(attrs).get("class") or "").split()
		mine = next((c for c in classes if c.startswith(("nd30-", "txdt-"))), None)
		self.stack.append(mine)
		if mine:
			self.texts.setdefault(mine, []).append("")


def template_path(name: str) -> str:
	path = PRINT_FORMATS[name]
	return f"tiep_xuc_doi_thoai/{path.parent.relative_to(APP).as_posix()}/{path.stem}.html"


def render(env, name: str, doc: dict) -> Outline:
	html = env.get_template(template_path(name)).render(doc=doc)
	assert "{{" not in html and "{%" not in html, "undefined name left in the output"
	assert "nd30_base.html:</b> set" not in html, "the print format did not set document"
	out = Parts()
	out.feed(html)
	out.html = html
	out.flat = " ".join(re.sub(r"<[^>]+>", " ", html).split())
	return out


PLAN = {
	"doctype": "Dialogue Plan",
	"title": "Tổ chức thực hiện tiếp xúc, đối thoại trực tiếp với Nhân dân",
	"number_and_symbol": "15/KH-UBND",
	"plan_date": "2025-07-18",
	"header_parent": "UBND huyện An Dương",
	"legal_bases": [{"basis": "Luật Tiếp công dân năm 2013"}, {"basis": "Thực hiện Kết luận số 116-KL/TU"}],
	"preamble": "UBND xã xây dựng kế hoạch như sau:",
	"purpose": "<p>- Lắng nghe tâm tư, nguyện vọng.</p>",
	"requirements": "<p>- Dân chủ, công khai.</p>",
	"content_heading": "Nội dung, hình thức tổ chức",
	"content": "<p>1. Nội dung tiếp xúc đối thoại</p>",
	"dialogue_form": "Direct",
	"regime": "Periodic",
	"time_and_place": "Tháng 11/2025 tại nhà văn hóa xã",
	"participants": [{"participant": "Thường trực Đảng ủy", "participation": "Invited"}],
	"sessions": [
		{"session_title": "Đối thoại với nhân dân các thôn", "expected_period": "đầu tháng 11/2025"}
	],
	"additional_sections": [{"heading": "Chương trình hội nghị", "body": "<p>Giới thiệu đại biểu</p>"}],
	"budget": "Kinh phí theo quy định.",
	"responsibilities": [
		{
			"unit_label": "Văn phòng HĐND và UBND xã",
			"task": "<p>Tham mưu tổ chức hội nghị.</p>",
			"due_note": "trước 30/10/2025",
		},
		{"unit_label": "", "task": "<p>Đề nghị Ủy ban MTTQ xã phối hợp.</p>"},
	],
	"closing_text": "Trên đây là Kế hoạch của UBND xã./.",
	"recipients": [{"recipient": "Thường trực Đảng ủy (b/c)"}, {"recipient": "Lưu VT."}],
	**SIGNER,
}

CONFERENCE = {
	"doctype": "Dialogue Conference",
	"name": "HN-0001",
	"topic": "đất đai",
	"conference_date": dt.date(2026, 4, 8),
	"start_time": "08:00:00",
	"end_time": "11:00:00",
	"place": "Hội trường UBND xã",
	"chair": "Đồng chí Nguyễn Văn Chủ, Chủ tịch UBND xã",
	"secretary": "Lê Thị Thư",
	"notice_number": "12/GM-UBND",
	"notice_date": dt.date(2026, 3, 30),
	"conclusion_notice_number": "45/TB-UBND",
	"conclusion_notice_date": dt.date(2026, 4, 14),
	"total_attendance": 120,
	"invitees": [{"invitee": "Thường trực Ủy ban MTTQ xã", "attended": 1}],
	"agenda": [{"item": "Báo cáo tình hình kinh tế - xã hội", "presenter": "Phó Chủ tịch"}],
	"attendance": [{"attendee_group": "Nhân dân thôn Đông", "attendee_count": 120}],
	"speakers": [
		{
			"speaking_order": 1,
			"speaker_name": "Phạm Văn Nói",
			"address": "Thôn Đông",
			"topic": "Cấp giấy chứng nhận",
		},
		{
			"speaking_order": 2,
			"speaker_name": "Vũ Thị Hỏi",
			"address": "Thôn Tây",
			"topic": "Đường liên thôn",
		},
	],
	"conclusion_text": "<p>Tiếp thu đầy đủ ý kiến.</p>",
	"conclusions": [
		{
			"conclusion": "Rà soát hồ sơ",
			"conclusion_kind": "To Be Resolved",
			"responsible_unit": "Phòng Địa chính",
			"due_date": "2026-05-15",
		}
	],
}


def assert_frame(out, number=None, place_date=None):
	assert out.text("nd30-issuing-body") == ["ỦY BAN NHÂN DÂN XÃ ĐƯỜNG AN"]
	assert out.text("nd30-national-name")[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	if number:
		assert out.text("nd30-number") == [f"Số: {number}"]
	if place_date:
		assert out.text("nd30-place-date")[0] == place_date


# -- kế hoạch -----------------------------------------------------------------------------------


def test_plan_document(env):
	out = render(env, "Dialogue Plan Document", PLAN)
	assert_frame(out, "15/KH-UBND", "Đường An, ngày 18 tháng 7 năm 2025")
	assert out.text("nd30-parent-body") == ["UBND HUYỆN AN DƯƠNG"]
	assert out.text("nd30-document-title") == ["KẾ HOẠCH"]
	assert out.text("nd30-summary") == [PLAN["title"]]
	assert out.text("txdt-basis") == [
		"Căn cứ Luật Tiếp công dân năm 2013;",
		"Thực hiện Kết luận số 116-KL/TU;",
	]
	assert out.text("txdt-section") == [
		"I. MỤC ĐÍCH, YÊU CẦU",
		"II. NỘI DUNG, HÌNH THỨC TỔ CHỨC",
		f"III. {parts.ORGANISATION_HEADING}",
		"IV. CHƯƠNG TRÌNH HỘI NGHỊ",
		"V. KINH PHÍ THỰC HIỆN",
		"VI. TỔ CHỨC THỰC HIỆN",
	]
	flat = out.flat
	assert flat.index("1. Mục đích") < flat.index("2. Yêu cầu") < flat.index("II. NỘI DUNG")
	assert "<b>1. Văn phòng HĐND và UBND xã:</b> Tham mưu tổ chức hội nghị." in out.html
	assert "<b>2.</b> Đề nghị Ủy ban MTTQ xã phối hợp." in out.html
	assert "Thời hạn: trước 30/10/2025" in flat
	assert "Thường trực Đảng ủy (khách mời)" in flat
	assert "Đối thoại với nhân dân các thôn; Thời gian: đầu tháng 11/2025." in flat
	assert flat.index("Trên đây là Kế hoạch") < flat.index("Nơi nhận:")
	assert out.text("nd30-authority") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
	assert out.text("nd30-signer-name") == ["Vũ Duy Nhu"]
	assert "- Thường trực Đảng ủy (b/c);" in flat and "- Lưu VT." in flat


def test_plan_with_only_a_purpose_numbers_what_is_there(env):
	plan = {**PLAN, "requirements": "", "content": "", "time_and_place": "", "participants": [], "budget": ""}
	out = render(env, "Dialogue Plan Document", plan)
	assert out.text("txdt-section") == [
		"I. MỤC ĐÍCH, YÊU CẦU",
		"II. CHƯƠNG TRÌNH HỘI NGHỊ",
		"III. TỔ CHỨC THỰC HIỆN",
	]
	assert "1. Mục đích" not in out.flat


def test_roman_numerals():
	assert [parts.roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]


# -- hội nghị -----------------------------------------------------------------------------------


def test_invitation_with_speaker_form(env):
	out = render(env, "Conference Invitation", CONFERENCE)
	assert_frame(out, "12/GM-UBND", "Đường An, ngày 30 tháng 3 năm 2026")
	assert out.text("nd30-document-title")[0] == "GIẤY MỜI"
	flat = out.flat
	assert "08 giờ 00 đến 11 giờ 00, thứ Tư, ngày 08 tháng 4 năm 2026" in flat
	assert "Hội trường UBND xã" in flat and "Thường trực Ủy ban MTTQ xã" in flat
	assert flat.index("Nơi nhận:") < flat.index("PHIẾU ĐĂNG KÝ PHÁT BIỂU")
	assert 'class="nd30-page-break"' in out.html


def test_speaker_forms(env):
	out = render(env, "Speaker Registration Form", CONFERENCE)
	assert out.flat.count("PHIẾU ĐĂNG KÝ PHÁT BIỂU") == 2
	assert "Phạm Văn Nói" in out.flat and "Đường liên thôn" in out.flat
	blank = render(env, "Speaker Registration Form", {**CONFERENCE, "speakers": []})
	assert blank.flat.count("PHIẾU ĐĂNG KÝ PHÁT BIỂU") == 1 and "Họ và tên:" in blank.flat


def test_minutes(env):
	out = render(env, "Conference Minutes", CONFERENCE)
	assert_frame(out)
	assert out.text("nd30-document-title") == ["BIÊN BẢN"]
	flat = out.flat
	for expected in (
		"Lê Thị Thư",
		"Nhân dân thôn Đông: 120 người",
		"Cấp giấy chứng nhận",
		"Sẽ rà soát",
		"Rà soát hồ sơ",
	):
		assert expected in flat
	assert out.text("nd30-authority") == ["THƯ KÝ", "CHỦ TRÌ"]
	assert out.text("nd30-signer-name") == ["Lê Thị Thư", CONFERENCE["chair"]]
	assert "nd30-recipients-label" not in out.texts


def test_conclusion_notice(env):
	out = render(env, "Conference Conclusion Notice", CONFERENCE)
	assert_frame(out, "45/TB-UBND", "Đường An, ngày 14 tháng 4 năm 2026")
	assert out.text("nd30-document-title") == ["THÔNG BÁO"]
	assert "Rà soát hồ sơ" in out.flat and "Phòng Địa chính" in out.flat and "15/5/2026" in out.flat


def test_results_report(env):
	out = render(env, "Dialogue Results Report", PLAN)
	assert out.text("nd30-document-title") == ["BÁO CÁO"]
	flat = out.flat
	assert "Số cuộc theo kế hoạch: 2; số cuộc đã tổ chức: 1; tổng số người tham dự: 120 người" in flat
	assert (
		"Tổng số ý kiến, kiến nghị tiếp nhận: 3, trong đó: Kiến nghị: 1; Phản ánh: 1; Khiếu nại: 1." in flat
	)
	assert "Trả lời trực tiếp tại hội nghị: 1" in flat
	assert "Đã giải quyết đúng hạn: 1; trễ hạn: 1; đang giải quyết: 1, trong đó quá hạn: 1" in flat
	assert "PHỤ LỤC" in flat


def test_results_summary_annex_rows():
	summary = results(None)
	assert [(r["group"], r["received"], r["on_time"], r["late"], r["overdue"]) for r in summary.annex] == [
		("Đất đai", 2, 1, 1, 0),
		("Giao thông", 1, 0, 0, 1),
	]


# -- phiếu chuyển, văn bản trả lời ----------------------------------------------------------------


def test_assignment_slip(env):
	out = render(
		env,
		"Assignment Slip",
		{"doctype": "Petition Assignment", "lead_unit": "Phòng Địa chính", "task": "<p>Giải quyết</p>"},
	)
	assert out.text("nd30-document-title") == ["PHIẾU CHUYỂN ĐƠN"]
	assert out.text("nd30-number") == ["Số: /PC-UBND"]
	assert "Kính gửi: Phòng Địa chính" in out.flat and "YK-2026-00001" in out.flat and "20/5/2026" in out.flat


LETTER = {
	"doctype": "Citizen Petition",
	"petitioner_name": "Trần Văn Hỏi",
	"subject": "tranh chấp ranh giới đất",
	"answer": "UBND xã đã hòa giải thành.\nĐề nghị thực hiện theo biên bản.",
	"answered_on": dt.date(2026, 5, 4),
	"answer_reference": "12/UBND-VX",
}


def test_answer_letter_is_an_official_letter(env):
	out = render(env, "Petition Answer Letter", LETTER)
	assert_frame(out, "12/UBND-VX", "Đường An, ngày 04 tháng 5 năm 2026")
	assert out.text("nd30-subject") == ["V/v trả lời kiến nghị của công dân"]
	assert "nd30-document-title" not in out.texts
	assert "Kính gửi: Ông/Bà Trần Văn Hỏi" in out.flat
	assert "<p>UBND xã đã hòa giải thành.</p><p>Đề nghị thực hiện theo biên bản.</p>" in out.html


def test_answer_letter_keeps_the_denouncer_secret(env):
	out = render(
		env, "Petition Answer Letter", {**LETTER, "petitioner_name": DENOUNCER, "identity_confidential": 1}
	)
	assert DENOUNCER not in out.html
	assert "Người tố cáo" in out.flat


# -- static checks -------------------------------------------------------------------------------


def test_every_print_format_names_an_app_doctype_and_has_its_template():
	assert len(PRINT_FORMATS) >= 8
	for name, path in PRINT_FORMATS.items():
		pf = load_json(path)
		assert pf["doctype"] == "Print Format"
		assert pf["doc_type"] in doctypes(), name
		assert (pf["standard"], pf["custom_format"], pf["print_format_type"]) == ("Yes", 1, "Jinja"), name
		assert pf["module"] == "Tiep Xuc Doi Thoai"
		scrubbed = name.lower().replace(" ", "_")
		assert path.parent.name == scrubbed and path.stem == scrubbed, name
		html = path.with_suffix(".html")
		assert html.exists(), f"{name}: {html} missing (Frappe reads the template from it)"
		source = html.read_text(encoding="utf-8")
		assert 'extends "tiep_xuc_doi_thoai/templates/print/nd30_base.html"' in source, name
		assert template_path(name) in pf["html"], f"{name}: the JSON's html must fall back to the file"
		assert (path.parent / "__init__.py").exists()


def test_jinja_methods_are_hooked_and_defined():
	hooks = ast.literal_eval(
		next(
			node.value
			for node in ast.parse((APP / "hooks.py").read_text(encoding="utf-8")).body
			if isinstance(node, ast.Assign) and node.targets[0].id == "jinja"
		)
	)
	hooked = {m.rsplit(".", 1)[1] for m in hooks["methods"]}
	defined = {
		node.name
		for module in (APP / "services" / "print_formats.py", APP / "utils" / "printing.py")
		for node in ast.parse(module.read_text(encoding="utf-8")).body
		if isinstance(node, ast.FunctionDef)
	}
	used = set()
	for path in [*MODULE.glob("print_format/*/*.html"), *(APP / "templates" / "print").glob("*.html")]:
		text = path.read_text(encoding="utf-8")
		used |= set(re.findall(r"\b(txdt_\w+)\(", text))
		# one prefix: a call of the old nd30_ names would find no global
		assert not re.findall(r"(?<![\w.])nd30_\w+\(", text), path.name
	assert used, "no Jinja methods found in the print formats"
	assert used <= hooked, used - hooked
	assert used <= defined, used - defined
