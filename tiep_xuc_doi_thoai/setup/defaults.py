"""Records the app ships: created only if missing, never overwritten.

``after_install`` and the patches call the same functions, so a site that installed an older
version gets what is new on ``bench migrate`` and keeps what its administrator edited.
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.core.deadline_defaults import DEFAULT_RULES
from tiep_xuc_doi_thoai.core.roles import ROLES, SECRETARIAT
from tiep_xuc_doi_thoai.core.yearly import YEARLY_DUTY_DEFAULTS

# (name, code, parent) - the fields of petitions seen in the seed plans and the registers
# of TT 05/2021/TT-TTCP. Names are data in Vietnamese, as staff see and type them.
ROOT_CATEGORY = "Tất cả lĩnh vực"
DEFAULT_CATEGORIES: tuple[tuple[str, str, str | None], ...] = (
	(ROOT_CATEGORY, "ALL", None),
	("Đất đai", "DD", ROOT_CATEGORY),
	("Bồi thường, hỗ trợ, tái định cư, GPMB", "GPMB", "Đất đai"),
	("Cấp giấy chứng nhận quyền sử dụng đất", "GCN", "Đất đai"),
	("Tranh chấp đất đai", "TCDD", "Đất đai"),
	("Môi trường", "MT", ROOT_CATEGORY),
	("An sinh xã hội", "ASXH", ROOT_CATEGORY),
	("Chính sách người có công", "NCC", "An sinh xã hội"),
	("Việc làm", "VL", ROOT_CATEGORY),
	("Thủ tục hành chính", "TTHC", ROOT_CATEGORY),
	("Xây dựng, quy hoạch", "XD", ROOT_CATEGORY),
	("Giao thông, hạ tầng", "GT", ROOT_CATEGORY),
	("Y tế, giáo dục", "YTGD", ROOT_CATEGORY),
	("An ninh, trật tự", "ANTT", ROOT_CATEGORY),
	("Cán bộ, công chức", "CBCC", ROOT_CATEGORY),
	("Chính sách khác", "CSK", ROOT_CATEGORY),
	("Khác", "KHAC", ROOT_CATEGORY),
)


def create_roles() -> list[str]:
	created = []
	for spec in ROLES:
		if frappe.db.exists("Role", spec.name):
			continue
		frappe.get_doc(
			{"doctype": "Role", "role_name": spec.name, "desk_access": int(spec.desk_access)}
		).insert(ignore_permissions=True)
		created.append(spec.name)
	return created


def create_deadline_rules() -> list[str]:
	created = []
	for rule in DEFAULT_RULES:
		if frappe.db.exists("Deadline Rule", rule.code):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Deadline Rule",
				"rule_code": rule.code,
				"event": rule.event,
				"days": rule.days,
				"day_kind": rule.day_kind.value,
				"direction": rule.direction.value,
				"complexity": rule.complexity,
				"area": rule.area,
				"effective_from": rule.effective_from,
				"effective_to": rule.effective_to,
				"legal_basis": rule.legal_basis,
				"extension_days": rule.extension_days,
				"max_extensions": rule.max_extensions,
				"enabled": 1,
			}
		)
		# An administrator may have added a rule of the same scope under another code: keep
		# theirs in force and ship ours disabled rather than fail the install.
		doc.flags.ignore_conflicts_on_install = True
		doc.insert(ignore_permissions=True)
		created.append(rule.code)
	return created


def create_categories() -> list[str]:
	created = []
	for name, code, parent in DEFAULT_CATEGORIES:
		if frappe.db.exists("Petition Category", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Petition Category",
				"category_name": name,
				"code": code,
				"parent_petition_category": parent
				if parent and frappe.db.exists("Petition Category", parent)
				else None,
				"is_group": int(any(p == name for _n, _c, p in DEFAULT_CATEGORIES)),
			}
		).insert(ignore_permissions=True)
		created.append(name)
	return created


SETTINGS_DEFAULTS: dict[str, int] = {
	**YEARLY_DUTY_DEFAULTS,
	"reminder_working_days": 3,
	"weekly_digest": 1,
	"open_data_min_count": 5,
}


def create_settings() -> list[str]:
	"""Fill the Dialogue Settings values that were never stored; a value an administrator
	set (a 0 or an unticked box included) stays."""
	singles = frappe.qb.DocType("Singles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Dialogue Settings")
		.run(pluck=True)
	)
	missing = {f: v for f, v in SETTINGS_DEFAULTS.items() if f not in stored}
	if missing:
		settings = frappe.get_single("Dialogue Settings")
		settings.update(missing)
		settings.flags.ignore_permissions = True
		settings.save()
	return sorted(missing)


REOPEN_NOTIFICATION = "Citizen Not Satisfied: Reopen Request"


def create_notifications() -> list[str]:
	"""The Secretariat hears of a citizen not satisfied with an answer (an ordinary
	Notification: its recipients, text and channel are the administrator's)."""
	if frappe.db.exists("Notification", REOPEN_NOTIFICATION):
		return []
	frappe.get_doc(
		{
			"doctype": "Notification",
			"name": REOPEN_NOTIFICATION,
			"enabled": 1,
			"channel": "System Notification",
			"document_type": "Petition Satisfaction Reply",
			"event": "New",
			"condition": "doc.satisfaction == 'Not Satisfied'",
			"subject": "Công dân chưa hài lòng với trả lời ý kiến {{ doc.petition }}: đề nghị xem xét lại",
			"message": "{{ doc.comment or '' }}",
			"recipients": [{"receiver_by_role": SECRETARIAT}],
		}
	).insert(ignore_permissions=True)
	return [REOPEN_NOTIFICATION]


def ensure_defaults() -> dict[str, list[str]]:
	from tiep_xuc_doi_thoai.setup.citizen_updates import create_citizen_update_templates
	from tiep_xuc_doi_thoai.setup.workflows import ensure_workflows

	return {
		"roles": create_roles(),
		"deadline_rules": create_deadline_rules(),
		"categories": create_categories(),
		"settings": create_settings(),
		"workflows": ensure_workflows(),
		"notifications": create_notifications(),
		"citizen_update_templates": create_citizen_update_templates(),
	}
