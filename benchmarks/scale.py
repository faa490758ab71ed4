"""Benchmark: the app's reads at a province's volume (run ``fill_site.py`` first).

    cd /opt/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/scale.py i10-bench.localhost [--runs 15]

Every figure is p50/p95 over repeated runs, printed beside an anchor measured in the same run
on the same rows (``frappe.get_all`` of the same fields and filters, or a raw openpyxl
write-only workbook), so the ratios hold on a loaded or a fast machine alike:

  1. reception register (Mẫu 03) for the busiest month vs get_all of the same rows;
  2. a unit officer's desk list (20 rows) and its count, through get_list with the officer's
     User Permission on one commune;
  3. the number cards (counts on assignments and conferences);
  4. the follow-up report over every assignment;
  5. the public tracking lookup (one petition by its tracking code);
  6. the petition register Excel for a month and for a year vs openpyxl write-only of the same
     cells, with peak memory (tracemalloc);
  7. the daily reminder job once (refresh of deadline states and reminders) in a rolled-back
     transaction, with its peak memory;
  8. one petition saved through the desk's save path (savedocs) vs a ToDo saved the same way.
Nothing is committed: every run is rolled back.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

OFFICER = "bench-unit-officer@tiep4.test"


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
	fn()  # warm caches (metadata, translations) as a running site has them
	samples = []
	for _ in range(runs):
		t = time.perf_counter()
		fn()
		samples.append((time.perf_counter() - t) * 1000)
	samples.sort()
	p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
	return statistics.median(samples), p95


def paired(anchor: Callable[[], object], subject: Callable[[], object], runs: int):
	"""Anchor and subject run alternately, so load from other processes hits both alike."""
	anchor()
	subject()
	a, b = [], []
	for _ in range(runs):
		for fn, out in ((anchor, a), (subject, b)):
			t = time.perf_counter()
			fn()
			out.append((time.perf_counter() - t) * 1000)

	def p(samples):
		samples.sort()
		return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]

	return p(a), p(b)


def peak_mib(fn: Callable[[], object]) -> float:
	tracemalloc.start()
	fn()
	peak = tracemalloc.get_traced_memory()[1]
	tracemalloc.stop()
	return peak / (1024 * 1024)


def line(label: str, p: tuple[float, float], anchor: tuple[float, float] | None = None, target: str = ""):
	ratio = f"  ratio p50 {p[0] / anchor[0]:.2f}x p95 {p[1] / anchor[1]:.2f}x" if anchor else ""
	print(f"{label:<58} p50 {p[0]:8.1f} ms  p95 {p[1]:8.1f} ms{ratio}  {target}")


def officer(unit: str) -> str:
	import frappe

	if not frappe.db.exists("User", OFFICER):
		user = frappe.get_doc(
			{"doctype": "User", "email": OFFICER, "first_name": "Bench Officer", "send_welcome_email": 0}
		).insert(ignore_permissions=True)
		user.add_roles("Dialogue Unit Officer")
	if not frappe.db.exists("User Permission", {"user": OFFICER, "allow": "Dialogue Unit"}):
		frappe.get_doc(
			{"doctype": "User Permission", "user": OFFICER, "allow": "Dialogue Unit", "for_value": unit}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	return OFFICER


def database_shape(frappe) -> str:
	"""What the database has to work with: the figures at 1M depend on it (README, sizing)."""
	pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0]
	size = frappe.db.sql(
		"""select coalesce(sum(data_length + index_length), 0) from information_schema.tables
		where table_schema = database() and table_name = 'tabCitizen Petition'"""
	)[0][0]
	return (
		f"MariaDB: innodb_buffer_pool_size {int(pool) // 2**20:,} MiB; "
		f"Citizen Petition data + indexes {int(size) // 2**20:,} MiB"
	)


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--runs", type=int, default=15)
	parser.add_argument("--skip-job", action="store_true", help="do not run the daily reminder job")
	parser.add_argument("--skip-excel", action="store_true", help="do not build the Excel registers")
	parser.add_argument(
		"--only", nargs="*", type=int, help="run only these sections (1 register, 2 officer, 8 desk save...)"
	)
	args = parser.parse_args()
	runs = args.runs

	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		from tiep_xuc_doi_thoai.services import registers
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.assignment_follow_up import assignment_follow_up
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.petition_reception_register import (
			petition_reception_register as reception,
		)

		petitions = frappe.db.count("Citizen Petition")
		assignments = frappe.db.count("Petition Assignment")
		print(f"site {args.site}: {petitions:,} petitions, {assignments:,} assignments, {runs} runs each")
		print(database_shape(frappe) + "\n")

		# last full month (the rows are spread evenly over three years)
		start = frappe.utils.get_first_day(frappe.utils.add_months(frappe.utils.today(), -1))
		end = frappe.utils.get_last_day(start)
		year_start = start.replace(month=1, day=1)
		year_end = start.replace(month=12, day=31)
		filters = {"from_date": start, "to_date": end}

		want = lambda section: not args.only or section in args.only  # noqa: E731
		if want(1):
			# 1. reception register vs get_all of the same rows and fields
			def register():
				return reception.execute(dict(filters))

			def raw():
				return frappe.get_all(
					"Citizen Petition",
					filters=reception.conditions(frappe._dict(filters)),
					fields=list(reception.FIELDS),
					order_by="received_date asc, name asc",
				)

			n = len(raw())
			# alternated run by run, so a burst of load from other processes hits both alike
			anchor, subject = paired(raw, register, runs)
			line(f"1. anchor: get_all of the month ({n:,} rows)", anchor)
			line("   reception register (Mẫu 03), same month", subject, anchor, "target p95<150ms, <=1.3x")

		if want(2) or want(5):
			# 2. a unit officer's desk list and count
			unit = frappe.get_all(
				"Citizen Petition",
				filters={"responsible_unit": ("is", "set")},
				fields=["responsible_unit"],
				limit=1,
			)[0].responsible_unit
			user = officer(unit)
			from tiep_xuc_doi_thoai.core import petitions as petition_rules

			open_states = (petition_rules.CLASSIFIED, petition_rules.ASSIGNED, petition_rules.RECEIVED)

			def desk_list():
				frappe.set_user(user)
				try:
					from frappe.desk.reportview import get_count

					rows = frappe.get_list(
						"Citizen Petition",
						fields=["name", "subject", "workflow_state", "received_date", "due_date"],
						filters={"workflow_state": ("in", open_states)},
						order_by="received_date desc",
						limit_page_length=20,
					)
					frappe.local.form_dict = frappe._dict(
						doctype="Citizen Petition", filters={"workflow_state": ["in", open_states]}
					)
					count = get_count()
					return rows, count
				finally:
					frappe.set_user("Administrator")

			rows, count = desk_list()
			# any petition will do as the anchor (a tiny site may leave the officer's open list empty)
			anchor_name = rows[0].name if rows else frappe.db.get_value("Citizen Petition", {}, "name")
			anchor_pk = timed(lambda: frappe.db.get_value("Citizen Petition", anchor_name, "name"), runs)
			line("2. anchor: one petition by primary key", anchor_pk)
			line(
				f"   unit officer's open list (20) + count ({count:,})",
				timed(desk_list, runs),
				None,
				"target at 1M: p95<100ms",
			)

		if want(3):
			# 3. number cards
			def cards():
				for card in frappe.get_all(
					"Number Card", filters={"module": "Tiep Xuc Doi Thoai"}, pluck="name"
				):
					doc = frappe.get_cached_doc("Number Card", card)
					frappe.get_list(
						doc.document_type,
						filters=frappe.parse_json(doc.filters_json),
						fields=["count(name) as total"],
						as_list=True,
					)

			line("3. the number cards (all, one after another)", timed(cards, runs))

		if want(4):
			# 4. follow-up report
			line(
				"4. follow-up report, every assignment", timed(lambda: assignment_follow_up.execute({}), runs)
			)

		if want(5):
			# 5. public tracking lookup
			code = frappe.db.get_value("Citizen Petition", {}, "tracking_code")
			line(
				"5. tracking lookup by code",
				timed(lambda: frappe.db.get_value("Citizen Petition", {"tracking_code": code}, "name"), runs),
				anchor_pk,
			)

		if want(6):
			# 6. Excel register vs raw openpyxl
			from openpyxl import Workbook

			for label, a, b in (
				() if args.skip_excel else (("month", start, end), ("year", year_start, year_end))
			):
				kwargs = {"from_date": str(a), "to_date": str(b)}
				rows = frappe.get_all(
					"Citizen Petition",
					filters=registers._filters(kwargs["from_date"], kwargs["to_date"], None),
					fields=list(registers.REGISTER_FIELDS),
					order_by="received_date asc, name asc",
				)

				def raw_excel(rows=rows):
					book = Workbook(write_only=True)
					sheet = book.create_sheet()
					for r in frappe.get_all(
						"Citizen Petition",
						filters={"received_date": ("between", [a, b])},
						fields=list(registers.REGISTER_FIELDS),
						order_by="received_date asc, name asc",
					):
						sheet.append(list(r.values()))
					out = io.BytesIO()
					book.save(out)
					return out.getvalue()

				def app_excel(kwargs=kwargs):
					book, _stem = registers.build_petition_register(**kwargs)
					return registers.workbook_bytes(book)

				r = max(3, runs // 5) if label == "year" else runs
				anchor_x, subject_x = paired(raw_excel, app_excel, r)
				line(f"6. anchor: openpyxl write-only, query + {len(rows):,} rows ({label})", anchor_x)
				line(f"   petition register Excel ({label})", subject_x, anchor_x, "target <=1.5x")
				print(
					f"   peak memory: app {peak_mib(app_excel):.0f} MiB, openpyxl write-only {peak_mib(raw_excel):.0f} MiB"
				)

		if want(8):
			# 8. one petition saved through the desk's save path (frappe.desk.form.save.savedocs, as the
			# form's Save button) against a ToDo saved the same way, alternated; rolled back at the end
			import json

			from frappe.desk.form.save import savedocs

			category = frappe.db.get_value("Petition Category", {}, "name")

			def save_petition():
				savedocs(
					json.dumps(
						{
							"doctype": "Citizen Petition",
							"__islocal": 1,
							"name": "new-citizen-petition-1",
							"received_date": frappe.utils.today(),
							"petition_type": "Recommendation",
							"category": category,
							"source": "Citizen Reception",
							"petitioner_name": "Nguyễn Văn Đo Tải",
							"address": "Số 1, thôn 2",
							"commune": "Xã Bình Lư",
							"content": "Đề nghị sửa chữa tuyến đường liên thôn bị xuống cấp sau mùa mưa",
						}
					),
					"Save",
				)

			def save_todo():
				savedocs(
					json.dumps(
						{"doctype": "ToDo", "__islocal": 1, "name": "new-todo-1", "description": "Bench"}
					),
					"Save",
				)

			anchor_save, subject_save = paired(save_todo, save_petition, runs)
			frappe.db.rollback()
			frappe.local.message_log = []
			line("8. anchor: a ToDo saved through the desk (savedocs)", anchor_save)
			line(
				"   a petition saved through the desk (savedocs)",
				subject_save,
				anchor_save,
				"target p95<150ms",
			)

		if want(7):
			# 7. the daily reminder job, twice: the first run on a site that never had one sends every
			# overdue reminder at once; the second is a normal day (nothing new)
			if not args.skip_job:
				from tiep_xuc_doi_thoai.services import assignments as jobs

				open_count = frappe.db.count(
					"Petition Assignment",
					{"status": ("in", ("Assigned", "In Progress", "Result Submitted", "Returned"))},
				)
				frappe.flags.mute_emails = True
				for label in ("first run (every overdue reminder)", "next day (steady state)"):
					t = time.perf_counter()
					jobs.daily_follow_up()
					took = time.perf_counter() - t
					print(
						f"7. daily reminder job over {open_count:,} open assignments, {label}: {took:.1f} s  target <60 s"
					)
				print(f"   peak memory of a steady-state run: {peak_mib(jobs.daily_follow_up):.0f} MiB")
				frappe.db.rollback()
	finally:
		frappe.db.rollback()
		frappe.destroy()
	return 0


if __name__ == "__main__":
	sys.exit(main())
