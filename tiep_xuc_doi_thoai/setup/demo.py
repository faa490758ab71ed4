"""A small demo data set: one commune with its units and one user per role.

    bench --site <site> execute tiep_xuc_doi_thoai.setup.demo.load

Safe to run twice: what exists is left alone. Demo users share the password in
``DEMO_PASSWORD``; change it or delete them before real use.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.api.units import restrict_user_to_unit
from tiep_xuc_doi_thoai.core import roles as R

DEMO_PASSWORD = "Demo@2026"
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

# (email, full name, roles, unit they are restricted to)
USERS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
	("chutich@demo.tiepxuc.vn", "Vũ Duy Nhu", (R.MANAGER,), None),
	("vanphong@demo.tiepxuc.vn", "Nguyễn Thị Thư Ký", (R.SECRETARIAT,), None),
	("kinhte@demo.tiepxuc.vn", "Trần Văn Kinh Tế", (R.UNIT_OFFICER,), "Phòng Kinh tế xã Đường An"),
	("mttq@demo.tiepxuc.vn", "Lê Thị Mặt Trận", (R.SUPERVISOR,), None),
	("tiepdan@demo.tiepxuc.vn", "Phạm Văn Tiếp Dân", (R.RECEPTION,), None),
	("baomat@demo.tiepxuc.vn", "Hoàng Văn Bảo Mật", (R.CONFIDENTIAL, R.SECRETARIAT), None),
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
					"new_password": DEMO_PASSWORD,
				}
			).insert(ignore_permissions=True)
		else:
			user = frappe.get_doc("User", email)
		user.add_roles(*roles)
		if unit:
			restrict_user_to_unit(email, unit)


def load_settings() -> None:
	settings = frappe.get_single("Dialogue Settings")
	if not settings.default_unit:
		settings.default_unit = COMMUNE
		settings.place_name = "Đường An"
		settings.save(ignore_permissions=True)


def load() -> None:
	load_units()
	load_settings()
	load_users()
	frappe.db.commit()  # nosemgrep: a command run through bench execute, not a request
	print(f"Demo data loaded. Users: {', '.join(u[0] for u in USERS)} / password {DEMO_PASSWORD}")
