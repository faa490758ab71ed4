"""Benchmark: the background petition import against Frappe's own Data Import of the same rows.

    cd /opt/frappe-bench/sites && ../env/bin/python /path/to/benchmarks/import_background.py \
        i10-bench.localhost --rows 5000 10000

For each size it uploads the list as a private File, creates a ``Petition Import`` record and
runs its job (``doctype/petition_import/importer.run_import``: read, validate, insert every row through
``insert()``, Frappe's Workflow Action handling, record the outcome) and reports rows/s;
then Frappe's Data Import (``Importer.import_data``) of the same rows as a CSV in its own
template (column labels), rows/s. The anchor ratio is ours / Data Import. Each import is
rolled back (ours) or deleted (Data Import commits per row) afterwards.
Also the floor: ``insert()`` of a bare ToDo per row in the same run (what any import through
the controllers pays at least). Target: at least 300 rows/s for ours.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import io
import os
import sys
import time

TARGET = 300.0


def make_rows(n: int) -> list[list]:
	spec = importlib.util.spec_from_file_location(
		"bench_rows", os.path.join(os.path.dirname(os.path.abspath(__file__)), "petition_import.py")
	)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module.make_rows(n)


def data_import_csv(n: int) -> bytes:
	"""The same rows in Data Import's template: the doctype's field labels as headers."""
	types = ["Recommendation", "Feedback", "Complaint", "Denunciation", "Recommendation"]
	categories = ["Đất đai", "Môi trường", "An sinh xã hội", "Giao thông, hạ tầng", "Thủ tục hành chính"]
	day = (dt.date.today() - dt.timedelta(days=3)).isoformat()
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(
		[
			"Received Date",
			"Petition Type",
			"Category",
			"Source",
			"Petitioner Name",
			"ID Number",
			"Phone",
			"Address",
			"Commune",
			"Village",
			"Content",
		]
	)
	for i in range(1, n + 1):
		writer.writerow(
			[
				day,
				types[i % 5],
				categories[i % 5],
				"Fatherland Front or Organizations",
				f"Nguyễn Văn Cử Tri {i}",
				f"001{i:09d}",
				f"09{i:08d}",
				f"Số {i}, thôn {i % 12 + 1}",
				"Xã Bình Lư",
				f"Thôn {i % 12 + 1}",
				f"Đề nghị nâng cấp tuyến đường liên thôn số {i}, mặt đường hư hỏng nặng, mùa mưa đi lại khó khăn",
			]
		)
	return out.getvalue().encode()


def ours(n: int) -> float:
	import frappe

	from tiep_xuc_doi_thoai.core import petition_import as import_rules
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer

	content = import_rules.build_rows_file(make_rows(n))
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"bench-{n}.xlsx", "content": content, "is_private": 1}
	).insert()
	record = frappe.get_doc({"doctype": "Petition Import", "import_file": file.file_url}).insert()
	frappe.flags.in_test = True  # the job keeps its transaction open: rolled back below
	try:
		t = time.perf_counter()
		importer.run_import(record.name)
		took = time.perf_counter() - t
	finally:
		frappe.flags.in_test = False
	record.reload()
	assert record.status == "Success" and record.imported_rows == n, (record.status, record.error_message)
	frappe.db.rollback()
	return n / took


def bare_inserts(n: int) -> float:
	"""The floor: ``frappe.get_doc(...).insert()`` of Frappe's own ToDo, one per row, in one
	transaction (rolled back): what any import through the controllers pays per row at least."""
	import frappe

	t = time.perf_counter()
	for i in range(n):
		frappe.get_doc({"doctype": "ToDo", "description": f"Bench row {i}"}).insert()
	took = time.perf_counter() - t
	frappe.db.rollback()
	return n / took


def frappes(n: int) -> float:
	import frappe
	from frappe.core.doctype.data_import.importer import Importer

	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"bench-di-{n}.csv", "content": data_import_csv(n), "is_private": 1}
	).insert()
	di = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Citizen Petition",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert()
	frappe.db.commit()
	before = frappe.db.count("Citizen Petition")
	t = time.perf_counter()
	Importer("Citizen Petition", data_import=di).import_data()
	took = time.perf_counter() - t
	created = frappe.db.count("Citizen Petition") - before
	names = frappe.get_all(
		"Citizen Petition", filters={"creation": (">=", di.creation)}, pluck="name", order_by="creation"
	)
	for name in names:  # Data Import committed row by row: remove its rows
		frappe.delete_doc("Citizen Petition", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	assert created == n, f"Data Import created {created} of {n}"
	return n / took


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--rows", type=int, nargs="+", default=[5000, 10000])
	parser.add_argument("--skip-data-import", action="store_true")
	args = parser.parse_args()

	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		for n in args.rows:
			floor = bare_inserts(n)
			rate = ours(n)
			print(
				f"{n:>6} rows, background job (Petition Import): {rate:6.0f} rows/s  "
				f"(target >= {TARGET:.0f}: {'OK' if rate >= TARGET else 'MISSED'})"
			)
			print(
				f"{n:>6} rows, ToDo insert() per row (floor):     {floor:6.0f} rows/s  ours/floor {rate / floor:.2f}x"
			)
			if not args.skip_data_import:
				anchor = frappes(n)
				print(
					f"{n:>6} rows, Frappe Data Import (anchor):      {anchor:6.0f} rows/s  ours/anchor {rate / anchor:.2f}x"
				)
	finally:
		frappe.db.rollback()
		frappe.destroy()
	return 0


if __name__ == "__main__":
	sys.exit(main())
