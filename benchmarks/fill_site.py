"""Fill a benchmark site with a province's volume through bulk insert (not the controllers).

    cd /opt/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/fill_site.py i10-bench.localhost \
        --petitions 100000 --assignments 100000

Creates 100 communes under one province (Dialogue Unit), then petitions spread over the last
three years (received date, type, category, state, unit, due date) and assignments (status,
deadline state, lead unit, due date; two thirds open). Rows are written by
``frappe.db.bulk_insert`` in batches, so a million rows take minutes, not hours. Use a site
made for benchmarks only: the rows bypass the controllers (no identities, no workflow actions).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time

from tiep_xuc_doi_thoai.core import assignments as assignment_rules
from tiep_xuc_doi_thoai.core import petitions as petition_rules

UNITS = 100
BATCH = 5000
PROVINCE = "UBND tỉnh (benchmark)"
PETITION_STATES = (
	(petition_rules.RECEIVED, 10),
	(petition_rules.CLASSIFIED, 10),
	(petition_rules.ASSIGNED, 25),
	(petition_rules.ANSWERED, 40),
	(petition_rules.CLOSED, 10),
	(petition_rules.FORWARDED, 3),
	(petition_rules.NOT_ACCEPTED, 2),
)
TYPES = ("Recommendation", "Feedback", "Complaint", "Denunciation", "Multiple Contents")
SOURCES = ("At a Conference", "Fatherland Front or Organizations", "Citizen Reception", "Mail", "Online")
ASSIGNMENT_STATES = (
	(assignment_rules.ASSIGNED, 25),
	(assignment_rules.IN_PROGRESS, 30),
	(assignment_rules.RESULT_SUBMITTED, 8),
	(assignment_rules.RETURNED, 3),
	(assignment_rules.ACCEPTED, 24),
	(assignment_rules.CLOSED, 10),
)


def weighted(choices, rng: random.Random):
	values, weights = zip(*choices, strict=True)
	return rng.choices(values, weights)[0]


def unit_names() -> list[str]:
	return [f"UBND xã {i:03d} (benchmark)" for i in range(1, UNITS + 1)]


def make_units() -> list[str]:
	import frappe

	if not frappe.db.exists("Dialogue Unit", PROVINCE):
		frappe.get_doc(
			{
				"doctype": "Dialogue Unit",
				"unit_name": PROVINCE,
				"abbreviation": "TINH-BM",
				"is_group": 1,
				"level": "Province",
				"kind": "People's Committee",
			}
		).insert(ignore_permissions=True)
	names = unit_names()
	for i, name in enumerate(names, start=1):
		if not frappe.db.exists("Dialogue Unit", name):
			frappe.get_doc(
				{
					"doctype": "Dialogue Unit",
					"unit_name": name,
					"abbreviation": f"XA{i:03d}-BM",
					"parent_dialogue_unit": PROVINCE,
					"level": "Commune",
					"kind": "People's Committee",
				}
			).insert(ignore_permissions=True)
	frappe.db.commit()
	return names


def fill_petitions(n: int, units: list[str], start_at: int, seed: int = 1) -> None:
	import frappe

	rng = random.Random(seed)
	categories = frappe.get_all("Petition Category", pluck="name") or [None]
	today = dt.date.today()
	fields = [
		"name",
		"naming_series",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"subject",
		"petition_type",
		"category",
		"received_date",
		"workflow_state",
		"tracking_code",
		"petitioner_kind",
		"petitioner_name",
		"address",
		"commune",
		"village",
		"source",
		"phase",
		"content",
		"jurisdiction",
		"responsible_unit",
		"complexity",
		"due_date",
		"answered_on",
		"identity_confidential",
	]
	# the fixed status field the workflow states set (Update Field), where the doctype has it
	with_status = frappe.get_meta("Citizen Petition").has_field("status")
	if with_status:
		fields.append("status")
	rows = []
	t = time.perf_counter()
	for i in range(start_at, start_at + n):
		received = today - dt.timedelta(days=rng.randrange(0, 3 * 365))
		state = weighted(PETITION_STATES, rng)
		kind = rng.choice(TYPES)
		unit = rng.choice(units) if state != petition_rules.RECEIVED else None
		stamp = dt.datetime.combine(received, dt.time(8, 0)) + dt.timedelta(seconds=i % 30000)
		content = (
			f"Đề nghị nâng cấp tuyến đường liên thôn số {i}, mặt đường hư hỏng nặng, mùa mưa đi lại khó khăn"
		)
		rows.append(
			(
				f"YK-BM-{i:08d}",
				"YK-.YYYY.-.#####",
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				0,
				content[:140],
				kind,
				rng.choice(categories),
				received,
				state,
				f"BM{i:010d}",
				"Individual",
				"Người tố cáo" if kind == "Denunciation" else f"Nguyễn Văn {i}",
				f"Số {i % 500}, thôn {i % 12 + 1}",
				"Xã Bình Lư",
				f"Thôn {i % 12 + 1}",
				rng.choice(SOURCES),
				"Outside Conferences",
				content,
				"Within Our Authority",
				unit,
				"Normal",
				received + dt.timedelta(days=30),
				received + dt.timedelta(days=rng.randrange(5, 40))
				if state in (petition_rules.ANSWERED, petition_rules.CLOSED)
				else None,
				1 if kind == "Denunciation" else 0,
				*((state,) if with_status else ()),
			)
		)
		if len(rows) >= BATCH:
			frappe.db.bulk_insert("Citizen Petition", fields, rows)
			frappe.db.commit()
			rows = []
	if rows:
		frappe.db.bulk_insert("Citizen Petition", fields, rows)
		frappe.db.commit()
	print(f"petitions: {n:,} rows in {time.perf_counter() - t:.0f} s")


def fill_assignments(n: int, units: list[str], seed: int = 2) -> None:
	import frappe

	rng = random.Random(seed)
	today = dt.date.today()
	fields = [
		"name",
		"naming_series",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"source_type",
		"status",
		"deadline_state",
		"task",
		"lead_unit",
		"assigned_on",
		"due_date",
		"complexity",
		"workflow_state",
	]
	rows = []
	t = time.perf_counter()
	for i in range(1, n + 1):
		assigned = today - dt.timedelta(days=rng.randrange(0, 400))
		due = assigned + dt.timedelta(days=rng.randrange(10, 60))
		status = weighted(ASSIGNMENT_STATES, rng)
		open_ = not assignment_rules.is_done(status)
		if open_:
			state = (
				"Past Deadline" if due < today else ("Due Soon" if (due - today).days <= 3 else "On Track")
			)
		else:
			state = rng.choice(("Done on Time", "Done Late"))
		stamp = dt.datetime.combine(assigned, dt.time(9, 0))
		rows.append(
			(
				f"GV-BM-{i:08d}",
				"GV-.YYYY.-.#####",
				stamp,
				stamp,
				"Administrator",
				"Administrator",
				0,
				"Citizen Petitions",
				status,
				state,
				f"<p>Giải quyết kiến nghị số {i}</p>",
				rng.choice(units),
				assigned,
				due,
				"Normal",
				status,
			)
		)
		if len(rows) >= BATCH:
			frappe.db.bulk_insert("Petition Assignment", fields, rows)
			frappe.db.commit()
			rows = []
	if rows:
		frappe.db.bulk_insert("Petition Assignment", fields, rows)
		frappe.db.commit()
	print(f"assignments: {n:,} rows in {time.perf_counter() - t:.0f} s")


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--petitions", type=int, default=100_000, help="total petitions wanted")
	parser.add_argument("--assignments", type=int, default=100_000, help="total assignments wanted")
	args = parser.parse_args()

	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		units = make_units()
		have = frappe.db.count("Citizen Petition", {"name": ("like", "YK-BM-%")})
		if args.petitions > have:
			fill_petitions(args.petitions - have, units, start_at=have + 1, seed=have + 1)
		have = frappe.db.count("Petition Assignment", {"name": ("like", "GV-BM-%")})
		if args.assignments > have:
			fill_assignments(args.assignments - have, units)
		frappe.db.sql("analyze table `tabCitizen Petition`, `tabPetition Assignment`")
		print(
			"site now holds",
			f"{frappe.db.count('Citizen Petition'):,} petitions,",
			f"{frappe.db.count('Petition Assignment'):,} assignments",
		)
	finally:
		frappe.destroy()
	return 0


if __name__ == "__main__":
	sys.exit(main())
