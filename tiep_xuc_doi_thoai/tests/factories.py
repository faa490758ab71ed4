"""Factories for tier 2 tests (Frappe's runner on a real site)."""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.services.units import restrict_user_to_unit


def make_unit(
	unit_name: str,
	abbreviation: str = "UBND",
	parent: str | None = None,
	level: str = "Commune",
	kind: str = "People's Committee",
	is_group: int = 0,
	**extra,
):
	if frappe.db.exists("Dialogue Unit", unit_name):
		return frappe.get_doc("Dialogue Unit", unit_name)
	return frappe.get_doc(
		{
			"doctype": "Dialogue Unit",
			"unit_name": unit_name,
			"abbreviation": abbreviation,
			"parent_dialogue_unit": parent,
			"level": level,
			"kind": kind,
			"is_group": is_group,
			**extra,
		}
	).insert(ignore_permissions=True)


def make_user(email: str, roles: list[str] | tuple[str, ...], unit: str | None = None):
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": "System User",
			}
		).insert(ignore_permissions=True)
	user.add_roles(*roles)
	if unit:
		restrict_user_to_unit(user.name, unit)
	return user


def make_plan(issuing_unit: str, year: int = 2026, **values):
	"""A plan ready to be approved: chair, signer and date filled."""
	doc = frappe.get_doc(
		{
			"doctype": "Dialogue Plan",
			"issuing_unit": issuing_unit,
			"year": year,
			"title": values.pop("title", f"Tiếp xúc, đối thoại trực tiếp năm {year}"),
			"plan_date": values.pop("plan_date", f"{year}-01-15"),
			"chair": "Chủ tịch UBND xã",
			"signer_title": "Chủ tịch",
			"signer_name": "Nguyễn Văn A",
			"dialogue_form": "Direct",
			"regime": "Periodic",
			**values,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_conference(plan: str, conference_date: str, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Dialogue Conference",
			"dialogue_plan": plan,
			"topic": values.pop("topic", "Đối thoại về đất đai"),
			"conference_date": conference_date,
			"place": values.pop("place", "Hội trường UBND xã"),
			**values,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_petition(content: str = "Đề nghị sửa chữa đường giao thông liên thôn bị xuống cấp", **values):
	"""A Citizen Petition received today (as Administrator unless the caller set a user)."""
	doc = frappe.get_doc(
		{
			"doctype": "Citizen Petition",
			"content": content,
			"petition_type": values.pop("petition_type", "Recommendation"),
			"source": values.pop("source", "Citizen Reception"),
			"received_date": values.pop("received_date", frappe.utils.today()),
			**values,
		}
	)
	return doc.insert(ignore_permissions=True)


def enter_seed_plan(seed: dict, user: str) -> str:
	"""A seed plan (tests/seed_plans) entered as ``user`` through the API; returns its name."""
	import frappe.client

	u = seed["unit"]
	unit = make_unit(
		u["unit_name"],
		u["abbreviation"],
		level=u["level"],
		kind=u["kind"],
		place_name=u["place_name"],
		header_name=u["header_name"],
		party_document=u["party_document"],
	)
	frappe.set_user(user)
	try:
		return frappe.client.insert({**seed["plan"], "issuing_unit": unit.name})["name"]
	finally:
		frappe.set_user("Administrator")
