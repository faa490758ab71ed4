"""The open figures at a province's volume: built cold, served from the cache, and in
agreement with the desk's reports on the same rows.

    cd /opt/frappe-bench/sites
    ../env/bin/python /path/to/benchmarks/fill_site.py bench.localhost --petitions 100000 --assignments 100000
    ../env/bin/python /path/to/benchmarks/open_figures.py bench.localhost --runs 15

For the benchmark province (``fill_site.PROVINCE``, 100 communes) and each year that has
petitions: the cold build (what the first visitor after the cache expires waits for), the p50
and p95 of the cached figures and of the CSV made from them (what every other visitor waits
for; target under one second), and the comparison with the desk's *Dialogue Report* figures
(received, by channel, by field, answered on time and late, open) and the *Assignment
Follow-up* rates of the same units. Exits 1 when a figure differs or the cached p50 is a
second or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

PROVINCE = "UBND tỉnh (benchmark)"


def timed(fn, runs: int) -> tuple[float, float]:
	times = []
	for _ in range(runs):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
	times.sort()
	return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> int:
	parser = argparse.ArgumentParser()
	parser.add_argument("site")
	parser.add_argument("--runs", type=int, default=15)
	parser.add_argument("--agency", default=PROVINCE)
	parser.add_argument("--year", type=int, help="only this year")
	args = parser.parse_args()

	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	failed = False
	try:
		from tiep_xuc_doi_thoai.api import open_data
		from tiep_xuc_doi_thoai.services.periodic_report import figures_for, unit_scope
		from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.report.assignment_follow_up import assignment_follow_up

		frappe.db.set_single_value("Dialogue Settings", "open_data_min_count", 1)  # compare every count
		first, last = frappe.db.get_value(
			"Citizen Petition", {}, ["min(received_date)", "max(received_date)"], order_by=None
		) or (None, None)
		years = list(range(first.year, last.year + 1)) if first and last else []
		years = [args.year] if args.year else years
		scope = set(unit_scope(args.agency))
		for year in years:
			frappe.cache.delete_value(open_data.cache_key(args.agency, year))
			start = time.perf_counter()
			data = open_data.cached(args.agency, year)
			cold = time.perf_counter() - start
			p50, p95 = timed(lambda: open_data.cached(args.agency, year), args.runs)
			csv50, csv95 = timed(lambda: open_data.as_csv(open_data.cached(args.agency, year)), args.runs)
			desk = figures_for(args.agency, year, dt.date(year, 1, 1), dt.date(year, 12, 31))
			o = data["opinions"]
			checks = {
				"received": (o["received"], desk.opinions_received),
				"by channel": ([(i["label"], i["count"]) for i in o["by_channel"]], desk.by_channel),
				"by field": ([(i["label"], i["count"]) for i in o["by_field"]], desk.by_category),
				"on time": (o["answered_on_time"], desk.answered_on_time),
				"late": (o["answered_late"], desk.answered_late),
				"open": (o["still_open"], desk.still_open),
				"months": (sum(o["by_month"]), desk.opinions_received),
				"assignment rates": (
					[(a["unit"], a["on_time_rate"]) for a in data["assignments"]],
					[
						(r["unit"], r["on_time_rate"])
						for r in assignment_follow_up.get_data({})
						if r["unit"] in scope
					],
				),
			}
			differ = [name for name, (ours, theirs) in checks.items() if ours != theirs]
			failed |= bool(differ) or p50 >= 1.0
			print(
				f"{year}: {o['received']:,} opinions; cold build {cold:.2f}s; cached p50 {p50 * 1000:.1f} ms "
				f"p95 {p95 * 1000:.1f} ms; CSV from cache p50 {csv50 * 1000:.1f} ms p95 {csv95 * 1000:.1f} ms; "
				f"desk reports: {'agree' if not differ else 'DIFFER in ' + ', '.join(differ)}"
			)
		frappe.db.rollback()
	finally:
		frappe.destroy()
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
