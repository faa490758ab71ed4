"""The database indexes behind every filter and sort the app runs on its busy tables.

One list, read by each doctype's ``on_doctype_update`` (new sites, and a doctype whose JSON
changed) and by a patch (sites installed before an index was added). ``frappe.db.add_index``
creates an index only when one of that name is missing, so both are safe to run again.
A composite index leads with the column a query filters on by equality and ends with the one
it ranges over or sorts by (unit then date; state then due date).
"""

from __future__ import annotations

import frappe

INDEXES: dict[str, tuple[tuple[str, ...], ...]] = {
	"Citizen Petition": (
		# reception register (Mẫu 03), petition register and annex, duplicate check: by date
		("received_date",),
		# a unit's register and its desk list: the unit, then the date or the state
		("responsible_unit", "received_date"),
		("responsible_unit", "status"),
		("status", "received_date"),
		# the desk list's filter sidebar and Frappe's workflow views filter on the state itself
		("responsible_unit", "workflow_state"),
		("petition_type", "received_date"),
		("conference",),
		("due_date",),
		("duplicate_of",),
	),
	"Petition Assignment": (
		# the daily reminder job and the open-assignments card: open states, by due date
		("status", "due_date"),
		("deadline_state",),
		("lead_unit", "status"),
		# the follow-up report counts per unit and deadline state, optionally by assignment date
		("lead_unit", "deadline_state"),
		("assigned_on",),
		("dialogue_conference",),
		("dialogue_plan",),
		("assignee", "status"),
	),
	"Dialogue Conference": (
		("status", "conference_date"),
		("deadline_state",),
		("dialogue_plan",),
		("issuing_unit", "conference_date"),
	),
	"Dialogue Plan": (
		# plan numbers are per issuing unit and year
		("issuing_unit", "year"),
	),
	"Assignment Petition": (("petition",),),
	"Assignment Coordinating Unit": (("unit",),),
	"Dialogue Plan Session": (("conference",),),
	"Dialogue Conclusion": (("assignment",), ("responsible_unit", "due_date")),
	"Petition Import": (("file_hash", "status"),),
}


def index_name(fields: tuple[str, ...]) -> str:
	return "txdt_" + "_".join(fields)


def add_indexes(doctype: str | None = None) -> list[str]:
	"""Create the missing indexes of one doctype (or of all); returns the names created."""
	created: list[str] = []
	for name, indexes in INDEXES.items():
		if doctype and name != doctype:
			continue
		if not frappe.db.table_exists(name):
			continue
		table = f"tab{name}"
		for fields in indexes:
			index = index_name(fields)
			if frappe.db.has_index(table, index):
				continue
			frappe.db.add_index(name, list(fields), index_name=index)
			created.append(f"{table}.{index}")
	return created
