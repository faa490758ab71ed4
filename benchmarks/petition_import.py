"""Benchmark: import 5,000 petitions from Excel on a real site, through the desk's code path.

    cd /path/to/frappe-bench/sites && ../env/bin/python /path/to/this/checkout/benchmarks/petition_import.py <site>

It builds a 5,000-row list like the ones MTTQ sends, then times
  1. parsing and validating every row (``core.petition_import``),
  2. the full import (``doctype/petition_import/importer.import_content``: validation, then 5,000
     Citizen Petition inserts with deadlines, tracking codes and workflow state),
and checks that it is all or nothing:
  3. the same file with one bad row in the file (a wrong date) writes nothing,
  4. the same file whose last row the controller refuses (after 4,999 inserts) writes nothing.
The imported rows are rolled back at the end unless ``--keep`` is given.
Target: at least 100 rows per second for the full import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time

ROWS = 5000
TARGET = 100.0


def make_rows(n: int, bad_row: int | None = None) -> list[list]:
	from tiep_xuc_doi_thoai.core.petition_import import TEMPLATE_HEADERS

	categories = ["Đất đai", "Môi trường", "An sinh xã hội", "Giao thông, hạ tầng", "TTHC"]
	types = ["kiến nghị", "phản ánh", "khiếu nại", "tố cáo", "kien nghi"]
	day = dt.date.today() - dt.timedelta(days=3)
	rows = []
	for i in range(1, n + 1):
		values = {
			"row_number": i,
			"received_date": day.strftime("%d/%m/%Y"),
			"petitioner_name": f"Nguyễn Văn Cử Tri {i}",
			"id_number": f"001{i:09d}",
			"phone": f"09{i:08d}",
			"address": f"Số {i}, thôn {i % 12 + 1}",
			"commune": "Xã Bình Lư",
			"village": f"Thôn {i % 12 + 1}",
			"group_size": 5 if i % 50 == 0 else None,
			"representative": None,
			"petition_type": types[i % len(types)],
			"category": categories[i % len(categories)],
			"content": f"Đề nghị nâng cấp tuyến đường liên thôn số {i}, mặt đường hư hỏng nặng, mùa mưa đi lại khó khăn",
			"responsible_unit": None,
			"note": None,
		}
		if bad_row == i:
			values["received_date"] = "31/02/2025"
		rows.append([values[f] for f, _h, _w in TEMPLATE_HEADERS])
	return rows


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--rows", type=int, default=ROWS)
	parser.add_argument("--keep", action="store_true", help="commit the imported rows")
	args = parser.parse_args()

	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		from tiep_xuc_doi_thoai.core import petition_import as PI
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer

		n = args.rows
		t = time.perf_counter()
		good = PI.build_rows_file(make_rows(n))
		bad = PI.build_rows_file(make_rows(n, bad_row=n - 3))
		print(f"built two {n}-row files: {len(good) / 1024:.0f} KiB each, {time.perf_counter() - t:.1f} s")

		t = time.perf_counter()
		result = importer.parse(good, "benchmark.xlsx")
		parse_s = time.perf_counter() - t
		assert result.ok and len(result.rows) == n, result.errors[:5]
		print(f"1. parse + validate {n} rows: {parse_s:.2f} s = {n / parse_s:,.0f} rows/s")

		before = frappe.db.count("Citizen Petition")
		t = time.perf_counter()
		out = importer.import_content(good, "benchmark.xlsx")
		import_s = time.perf_counter() - t
		written = frappe.db.count("Citizen Petition") - before
		rate = n / import_s
		print(
			f"2. full import of {n} rows: {import_s:.1f} s = {rate:,.0f} rows/s "
			f"(target >= {TARGET:.0f}: {'OK' if rate >= TARGET else 'MISSED'}); "
			f"{written} written, {out['first']} .. {out['last']}"
		)
		frappe.db.rollback()
		frappe.local.message_log = []

		before = frappe.db.count("Citizen Petition")
		t = time.perf_counter()
		try:
			importer.import_content(bad, "benchmark-bad.xlsx")
			refused = False
		except importer.PetitionImportError as e:
			refused = True
			messages = [x["message"] for x in e.row_errors]
		after = frappe.db.count("Citizen Petition")
		print(
			f"3. {n} rows with one bad date: refused={refused}, rows written={after - before}, "
			f"{time.perf_counter() - t:.1f} s, messages={messages}"
		)
		frappe.local.message_log = []

		original = importer.new_petition

		def refuse_last(values, *a):
			d = original(values, *a)
			if values.get("petitioner_name") == f"Nguyễn Văn Cử Tri {n}":
				d["petitioner_kind"], d["group_size"] = "Group", 1  # the controller refuses a group of one
			return d

		importer.new_petition = refuse_last
		before = frappe.db.count("Citizen Petition")
		t = time.perf_counter()
		try:
			importer.import_content(good, "benchmark-last-row.xlsx")
			refused_late = False
		except importer.PetitionImportError as e:
			refused_late = True
			late = [x["message"] for x in e.row_errors]
		finally:
			importer.new_petition = original
		after = frappe.db.count("Citizen Petition")
		print(
			f"4. {n} rows, controller refuses the last one after {n - 1} inserts: refused={refused_late}, "
			f"rows written={after - before}, {time.perf_counter() - t:.1f} s, messages={late}"
		)
		ok = rate >= TARGET and refused and refused_late and written == n
		ok = ok and frappe.db.count("Citizen Petition") == before
		if args.keep:
			importer.import_content(good, "benchmark.xlsx")
			frappe.db.commit()
			print(f"kept {n} rows")
		else:
			frappe.db.rollback()
		print("RESULT:", "PASS" if ok else "FAIL")
		return 0 if ok else 1
	finally:
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())
