"""A small demo data set: one commune with its units and one user per role.

    bench --site <site> execute tiep_xuc_doi_thoai.setup.demo.load

Safe to run twice: what exists is left alone. Demo users share the password in
``DEMO_PASSWORD``; change it or delete them before real use.

``scripts/demo.sh`` marks the sites it creates with ``DEMO_SITE_KEY`` in site_config.json;
only on such a site does :func:`complete_setup` finish Frappe's setup wizard (language,
country, time zone, currency, the agency's name) and make the workspace everyone's home.
"""

from __future__ import annotations

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import roles as role_names
from tiep_xuc_doi_thoai.services.units import restrict_user_to_unit
from tiep_xuc_doi_thoai.setup.demo_users import DEMO_PASSWORD, USERS

DEMO_SITE_KEY = "tiep_xuc_doi_thoai_demo_site"
WORKSPACE = "Citizen Dialogue"
PROVINCE = "Ủy ban nhân dân tỉnh Lai Châu"
COMMUNE = "Ủy ban nhân dân xã Đường An"

# (unit_name, abbreviation, parent, level, kind, is_group, header, place)
UNITS: tuple[tuple[str, str, str | None, str, str, int, str, str], ...] = (
	(
		PROVINCE,
		"UBND",
		None,
		"Province",
		"People's Committee",
		1,
		"ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
		"Lai Châu",
	),
	(
		COMMUNE,
		"UBND",
		PROVINCE,
		"Commune",
		"People's Committee",
		1,
		"ỦY BAN NHÂN DÂN XÃ ĐƯỜNG AN",
		"Đường An",
	),
	("Văn phòng HĐND và UBND xã Đường An", "VP", COMMUNE, "Commune", "Section", 0, "", "Đường An"),
	("Phòng Kinh tế xã Đường An", "KT", COMMUNE, "Commune", "Department", 0, "", "Đường An"),
	("Phòng Văn hóa - Xã hội xã Đường An", "VHXH", COMMUNE, "Commune", "Department", 0, "", "Đường An"),
	("Công an xã Đường An", "CA", COMMUNE, "Commune", "Section", 0, "", "Đường An"),
	("Ủy ban MTTQ Việt Nam xã Đường An", "MTTQ", COMMUNE, "Commune", "Fatherland Front", 0, "", "Đường An"),
	(
		"Đảng ủy xã Đường An",
		"ĐU",
		PROVINCE,
		"Commune",
		"Party Committee",
		0,
		"ĐẢNG ỦY XÃ ĐƯỜNG AN",
		"Đường An",
	),
)


def load_units() -> None:
	for name, abbr, parent, level, kind, is_group, header, place in UNITS:
		if frappe.db.exists("Dialogue Unit", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Dialogue Unit",
				"unit_name": name,
				"abbreviation": abbr,
				"parent_dialogue_unit": parent,
				"level": level,
				"kind": kind,
				"is_group": is_group,
				"header_name": header,
				"place_name": place,
				"party_document": int(kind == "Party Committee"),
			}
		).insert(ignore_permissions=True)


def load_users() -> None:
	for email, full_name, roles, unit in USERS:
		if not frappe.db.exists("User", email):
			first, _sep, last = full_name.rpartition(" ")
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": last or full_name,
					"last_name": first,
					"language": "vi",
					"send_welcome_email": 0,
					"default_workspace": WORKSPACE,
					"new_password": DEMO_PASSWORD,
				}
			).insert(ignore_permissions=True)
		else:
			user = frappe.get_doc("User", email)
		user.add_roles(*roles)
		if unit:
			restrict_user_to_unit(email, unit)


def load_settings() -> None:
	system = frappe.get_single("System Settings")
	if system.date_format != "dd-mm-yyyy":
		# the demo shows dates as Vietnamese offices write them
		system.update({"date_format": "dd-mm-yyyy", "time_zone": "Asia/Ho_Chi_Minh", "language": "vi"})
		system.flags.ignore_permissions = True
		system.save()
	settings = frappe.get_single("Dialogue Settings")
	if not settings.default_unit:
		settings.default_unit = COMMUNE
		settings.place_name = "Đường An"
		settings.save(ignore_permissions=True)


DEMO_PLAN_TITLE = "Tổ chức thực hiện tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã với Nhân dân năm 2026"


def load_plan():
	"""A published yearly plan with two sessions, as the Secretariat drafts and the chair signs."""
	from frappe.model.workflow import apply_workflow

	existing = frappe.db.get_value("Dialogue Plan", {"title": DEMO_PLAN_TITLE}, "name")
	if existing:
		return frappe.get_doc("Dialogue Plan", existing)
	plan = frappe.get_doc(
		{
			"doctype": "Dialogue Plan",
			"issuing_unit": COMMUNE,
			"year": 2026,
			"plan_date": "2026-01-20",
			"title": DEMO_PLAN_TITLE,
			"legal_bases": [
				{"basis": "Luật Tiếp công dân năm 2013"},
				{
					"basis": "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị về trách nhiệm của người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân"
				},
			],
			"preamble": "UBND xã xây dựng kế hoạch tiếp xúc, đối thoại trực tiếp năm 2026 như sau:",
			"purpose": "<p>Trực tiếp nắm bắt tâm tư, nguyện vọng và ý kiến, kiến nghị của Nhân dân.</p>",
			"requirements": "<p>Tiếp xúc, đối thoại được tiến hành công khai, dân chủ, khách quan.</p>",
			"content": "<p>Lắng nghe, giải đáp ý kiến, kiến nghị của Nhân dân về đất đai, môi trường, an sinh xã hội.</p>",
			"dialogue_form": "Direct",
			"regime": "Periodic",
			"chair": "Chủ tịch UBND xã",
			"planned_dialogues": 2,
			"sessions": [
				{
					"session_title": "Đối thoại quý II",
					"expected_date": "2026-05-20",
					"place": "Nhà văn hóa xã",
				},
				{
					"session_title": "Đối thoại quý IV",
					"expected_date": "2026-10-14",
					"place": "Nhà văn hóa thôn 3",
				},
			],
			"responsibilities": [
				{
					"unit": "Văn phòng HĐND và UBND xã Đường An",
					"unit_label": "Văn phòng HĐND và UBND xã",
					"task": "<p>Tham mưu tổ chức hội nghị, tổng hợp ý kiến.</p>",
				},
				{
					"unit": "Ủy ban MTTQ Việt Nam xã Đường An",
					"unit_label": "Đề nghị Ủy ban MTTQ xã",
					"task": "<p>Tổng hợp ý kiến gửi về trước 10 ngày tổ chức đối thoại.</p>",
				},
			],
			"recipients": [
				{"recipient": "UBND tỉnh (b/c)"},
				{"recipient": "TT Đảng ủy, HĐND xã"},
				{"recipient": "Lưu: VT."},
			],
			"authority": "KT.",
			"authority_title": "Chủ tịch",
			"signer_title": "Phó Chủ tịch",
			"signer_name": "Vũ Duy Nhu",
		}
	).insert(ignore_permissions=True)
	for action in ("Submit for Review", "Approve Plan", "Publish"):
		plan = apply_workflow(plan.as_dict(), action)
	return plan


def load_conference(plan):
	"""The October conference, held and concluded, with its conclusions assigned."""
	from frappe.model.workflow import apply_workflow

	from tiep_xuc_doi_thoai.services.assignments import make_from_conclusions

	# the plan has a coming conference too (setup/demo_citizen.py): this one is October's
	name = frappe.db.get_value(
		"Dialogue Conference", {"dialogue_plan": plan.name, "conference_date": "2026-10-14"}, "name"
	)
	if name:
		return frappe.get_doc("Dialogue Conference", name)
	conf = frappe.get_doc(
		{
			"doctype": "Dialogue Conference",
			"dialogue_plan": plan.name,
			"plan_session": "Đối thoại quý IV",
			"topic": "Đối thoại về đất đai và giải phóng mặt bằng",
			"conference_date": "2026-10-14",
			"start_time": "08:00:00",
			"end_time": "11:30:00",
			"place": "Nhà văn hóa thôn 3",
			"opinions_compiled_on": "2026-10-01",
			"chair": "Đồng chí Vũ Duy Nhu, Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
			"secretary": "Nguyễn Thị Thư Ký",
			"notice_date": "2026-10-02",
			"notice_number": "25/TB-UBND",
			"attendance": [
				{"attendee_group": "Đại biểu", "attendee_count": 25},
				{"attendee_group": "Nhân dân", "attendee_count": 140},
			],
			"speakers": [
				{
					"speaking_order": 1,
					"speaker_name": "Ông Trần Văn Bình",
					"address": "Thôn 3",
					"topic": "Bồi thường đất làm đường liên thôn",
				},
				{
					"speaking_order": 2,
					"speaker_name": "Bà Lê Thị Hoa",
					"address": "Thôn 1",
					"topic": "Ô nhiễm từ xưởng chế biến",
				},
			],
			"minutes": "<p>Hội nghị khai mạc lúc 8 giờ, 165 người dự.</p>",
		}
	).insert(ignore_permissions=True)
	conf = apply_workflow(conf.as_dict(), "Announce")
	conf = apply_workflow(conf.as_dict(), "Record as Held")
	conf = frappe.get_doc("Dialogue Conference", conf.name)
	conf.conclusion_text = "<p>Giao các phòng chuyên môn kiểm tra, trả lời bằng văn bản.</p>"
	conf.append(
		"conclusions",
		{
			"conclusion": "Phòng Kinh tế kiểm tra hồ sơ bồi thường đất làm đường liên thôn, trả lời ông Trần Văn Bình",
			"responsible_unit": "Phòng Kinh tế xã Đường An",
		},
	)
	conf.append(
		"conclusions",
		{
			"conclusion": "Phòng Văn hóa - Xã hội kiểm tra ô nhiễm tại xưởng chế biến thôn 1",
			"responsible_unit": "Phòng Văn hóa - Xã hội xã Đường An",
		},
	)
	conf.internal_review_date = "2026-10-16"
	conf.conclusion_notice_date = "2026-10-20"
	conf.conclusion_notice_number = "30/TB-UBND"
	conf.save(ignore_permissions=True)
	conf = apply_workflow(conf.as_dict(), "Conclude")
	make_from_conclusions(conf.name)
	return conf


# (received, channel, field, unit, content) - opinions through the year, so the workspace charts
# have something to show on a fresh demo site
PETITIONS: tuple[tuple[str, str, str, str, str], ...] = (
	(
		"2026-03-12",
		"Citizen Reception",
		"Đất đai",
		"Phòng Kinh tế xã Đường An",
		"Đề nghị cấp giấy chứng nhận quyền sử dụng đất thửa số 112",
	),
	(
		"2026-04-08",
		"Mail",
		"Môi trường",
		"Phòng Văn hóa - Xã hội xã Đường An",
		"Phản ánh xưởng chế biến gây tiếng ồn ban đêm",
	),
	(
		"2026-05-20",
		"At a Conference",
		"Giao thông, hạ tầng",
		"Phòng Kinh tế xã Đường An",
		"Đề nghị sửa đường liên thôn 2 - thôn 3",
	),
	(
		"2026-05-20",
		"At a Conference",
		"An sinh xã hội",
		"Phòng Văn hóa - Xã hội xã Đường An",
		"Đề nghị xét hộ cận nghèo cho gia đình bà Lò Thị Hạnh",
	),
	(
		"2026-09-28",
		"Fatherland Front or Organizations",
		"Đất đai",
		"Phòng Kinh tế xã Đường An",
		"Tổng hợp ý kiến cử tri về bồi thường đất làm đường",
	),
	(
		"2026-10-05",
		"Online",
		"Thủ tục hành chính",
		"Văn phòng HĐND và UBND xã Đường An",
		"Hỏi thời hạn giải quyết hồ sơ chứng thực",
	),
)


def load_petitions() -> None:
	if frappe.db.exists("Citizen Petition", {"content": PETITIONS[0][4]}):
		return
	for received, channel, category, unit, content in PETITIONS:
		frappe.get_doc(
			{
				"doctype": "Citizen Petition",
				"content": content,
				"petition_type": "Recommendation",
				"source": channel,
				"received_date": received,
				"category": category if frappe.db.exists("Petition Category", category) else None,
				"responsible_unit": unit,
			}
		).insert(ignore_permissions=True)


def load_all() -> None:
	load_units()
	load_settings()
	load_users()
	plan = load_plan()
	load_conference(plan)
	load_petitions()
	from tiep_xuc_doi_thoai.setup import demo_citizen

	demo_citizen.load()  # published results, an answered opinion, open figures, a coming conference


def is_demo_site() -> bool:
	"""True only on a site that scripts/demo.sh created (it sets the key right after new-site)."""
	return bool(frappe.conf.get(DEMO_SITE_KEY))


def setup_wizard_args() -> dict:
	"""What an administrator would enter in Frappe's setup wizard for the demo commune."""
	language_name = frappe.db.get_value("Language", "vi", "language_name") or "Tiếng Việt"
	return {
		"language": language_name,
		"lang": language_name,
		"country": "Vietnam",
		"timezone": "Asia/Ho_Chi_Minh",
		"currency": "VND",
		"agency_name": COMMUNE,
	}


def complete_setup() -> str:
	"""Finish Frappe's setup wizard through its own API, on a demo site whose setup is open.

	Never on a site scripts/demo.sh did not create, and never a second time: a completed setup
	(and whatever the administrator chose in it) is left as it is."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
	from frappe.utils import cint

	if not is_demo_site():
		return "not a demo site: setup left alone"
	if cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		return "setup already complete: left alone"
	result = setup_complete(setup_wizard_args())
	if (result or {}).get("status") != "ok":
		frappe.throw(_("Frappe's setup wizard did not finish: {0}").format(result))
	if not frappe.db.get_value("User", "Administrator", "default_workspace"):
		frappe.db.set_value("User", "Administrator", "default_workspace", WORKSPACE)
	return "setup completed"


def set_default_workspaces() -> None:
	"""Each demo user lands on the app's workspace, unless someone already chose another."""
	for email, *_rest in USERS:
		if frappe.db.exists("User", email) and not frappe.db.get_value("User", email, "default_workspace"):
			frappe.db.set_value("User", email, "default_workspace", WORKSPACE)


def load() -> None:
	load_all()
	set_default_workspaces()
	from tiep_xuc_doi_thoai.setup import demo_signing

	demo_signing.load(
		COMMUNE, DEMO_PLAN_TITLE
	)  # a CA made now, the chair's key and the seal; the plan awaits its signature
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a command run through bench execute, not a request
	print(f"Demo data loaded. Users: {', '.join(u[0] for u in USERS)} / password {DEMO_PASSWORD}")


def setup_demo_site() -> None:
	"""scripts/demo.sh: complete the setup of the site it created, then load the demo data."""
	print(complete_setup())
	load()
