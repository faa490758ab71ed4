"""The Excel registers' download endpoints (the building is in ``services/registers.py``):

- ``petition_register``: sổ theo dõi ý kiến, kiến nghị for a period and unit;
- ``reception_register``: sổ tiếp công dân (TT 04/2021 Mẫu 03);
- ``results_annex``: phụ lục kết quả by category, unit and state;
- ``prepare``: before a download, says whether the register is built in the background.

Each reads through ``frappe.read_only()`` (the replica, if the site has one).
"""

from __future__ import annotations

import frappe

from tiep_xuc_doi_thoai.services import registers


@frappe.whitelist()
@frappe.read_only()
def petition_register(
	from_date: str | None = None, to_date: str | None = None, unit: str | None = None
) -> None:
	"""Sổ theo dõi ý kiến, kiến nghị của Nhân dân (.xlsx)."""
	registers.deliver("petition_register", {"from_date": from_date, "to_date": to_date, "unit": unit})


@frappe.whitelist()
@frappe.read_only()
def reception_register(
	from_date: str | None = None,
	to_date: str | None = None,
	unit: str | None = None,
	source: str | None = None,
	petition_type: str | None = None,
) -> None:
	"""Sổ tiếp công dân, Mẫu 03 (.xlsx): the Script Report's lines in the register's columns."""
	registers.deliver(
		"reception_register",
		{
			"from_date": from_date,
			"to_date": to_date,
			"unit": unit,
			"source": source,
			"petition_type": petition_type,
		},
	)


@frappe.whitelist()
@frappe.read_only()
def results_annex(
	from_date: str | None = None,
	to_date: str | None = None,
	unit: str | None = None,
	dialogue_plan: str | None = None,
	dialogue_conference: str | None = None,
) -> None:
	"""Phụ lục kết quả tiếp nhận, giải quyết (.xlsx): one sheet each by category, by unit and
	by state; for a plan or a conference, the opinions raised at its conferences."""
	registers.deliver(
		"results_annex",
		{
			"from_date": from_date,
			"to_date": to_date,
			"unit": unit,
			"dialogue_plan": dialogue_plan,
			"dialogue_conference": dialogue_conference,
		},
	)


@frappe.whitelist()
@frappe.read_only()
def prepare(register: str, filters: str | dict | None = None) -> dict:
	"""Before a download: a register over the background size is queued (the desk shows a
	message) instead of being opened as a download."""
	return registers.prepare(register, frappe.parse_json(filters) if filters else {})
