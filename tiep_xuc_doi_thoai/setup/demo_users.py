"""The demo's users, one per role: plain data (no frappe import), so scripts/setup.sh can print
the logins before or without a site."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import roles

DEMO_PASSWORD = "Demo@2026"

# (email, full name, roles, unit they are restricted to)
USERS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
	("chutich@demo.tiepxuc.vn", "Vũ Duy Nhu", (roles.MANAGER,), None),
	("vanphong@demo.tiepxuc.vn", "Nguyễn Thị Thư Ký", (roles.SECRETARIAT,), None),
	("kinhte@demo.tiepxuc.vn", "Trần Văn Kinh Tế", (roles.UNIT_OFFICER,), "Phòng Kinh tế xã Đường An"),
	("mttq@demo.tiepxuc.vn", "Lê Thị Mặt Trận", (roles.SUPERVISOR,), None),
	("tiepdan@demo.tiepxuc.vn", "Phạm Văn Tiếp Dân", (roles.RECEPTION,), None),
	("baomat@demo.tiepxuc.vn", "Hoàng Văn Bảo Mật", (roles.CONFIDENTIAL, roles.SECRETARIAT), None),
)
