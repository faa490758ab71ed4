"""The price of the unit scope and the gate (issue 16) on what a desk user waits for most: the
unit officer's petition list and its count, and a month's reception register.

    cd /opt/frappe-bench/sites
    ../env/bin/python /path/to/benchmarks/fill_site.py bench.localhost --petitions 20000 --assignments 5000
    PYTHONPATH=<repo> ../env/bin/python <repo>/benchmarks/scope_lists.py bench.localhost --runs 15 \\
        [--compare-with <a checkout of the code before issue 16, e.g. `git archive 0c265be`> --rounds 3]

Each figure is a ratio against an anchor measured in the same run on the same rows: the same
query through ``frappe.get_all`` (no permission rule at all, the unit named in the filter), so a
loaded machine moves both alike. ``--compare-with`` runs the same measurements with the other
checkout's code on the same site and data (its hooks, its rules) and prints, for each figure,
the ratio now against the ratio then, and the Python function calls of one run now and then:
the work done, which machine load does not move (ratios of a few milliseconds swing by tens of
percent on a loaded machine). Target within 10 % (``--max-slowdown``); exit 1 when the work of
a figure grew more than that.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time

PETITION = "Citizen Petition"
OFFICER = "bench-scope-officer@bench.test"
SUPERVISOR = "bench-scope-supervisor@bench.test"
LIST_FIELDS = [
	"name",
	"subject",
	"workflow_state",
	"received_date",
	"responsible_unit",
	"_assign",
	"_comments",
	"_liked_by",
	"modified",
]


def timed(fn, runs: int) -> float:
	fn()  # warm: caches, meta
	times = []
	for _ in range(runs):
		start = time.perf_counter()
		fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times)


def busiest_unit() -> str:
	import frappe

	rows = frappe.db.sql(
		"select responsible_unit, count(*) c from `tabCitizen Petition` where ifnull(responsible_unit, '') != '' "
		"group by responsible_unit order by c desc limit 1"
	)
	if not rows:
		sys.exit("no petition has a unit: fill the site first (benchmarks/fill_site.py)")
	return rows[0][0]


def ensure_users(unit: str) -> None:
	"""A unit officer restricted to ``unit`` and a supervisor (no restriction)."""
	import frappe

	for email, role in ((OFFICER, "Dialogue Unit Officer"), (SUPERVISOR, "Dialogue Supervisor")):
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
					"roles": [{"role": role}],
				}
			).insert(ignore_permissions=True)
	frappe.db.delete("User Permission", {"user": OFFICER})
	frappe.get_doc(
		{"doctype": "User Permission", "user": OFFICER, "allow": "Dialogue Unit", "for_value": unit}
	).insert(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: a benchmark's own setup, not a request
	frappe.clear_cache()


def month_with_most(unit: str) -> tuple[dt.date, dt.date]:
	import frappe

	row = frappe.db.sql(
		"select date_format(received_date, '%%Y-%%m-01') m, count(*) c from `tabCitizen Petition` "
		"where responsible_unit = %s group by m order by c desc limit 1",
		unit,
	)
	start = dt.date.fromisoformat(row[0][0])
	end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
	return start, end


def measure(site: str, runs: int) -> dict:
	"""The figures of the code on ``sys.path`` (its hooks), as ratios to their anchors."""
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	# the hooks of the code on sys.path, not those another run left in the cache
	frappe.clear_cache()
	from tiep_xuc_doi_thoai.services import registers

	unit = busiest_unit()
	ensure_users(unit)
	start, end = month_with_most(unit)
	in_unit = {"responsible_unit": unit}
	out: dict = {"unit": unit, "month": str(start)}

	def as_user(user, fn):
		def run():
			frappe.set_user(user)
			try:
				return fn()
			finally:
				frappe.set_user("Administrator")

		return run

	# the desk list (first page) and its count, as the unit officer
	desk_list = as_user(
		OFFICER,
		lambda: frappe.get_list(PETITION, fields=LIST_FIELDS, order_by="modified desc", limit_page_length=20),
	)
	anchor_list = lambda: frappe.get_all(  # noqa: E731
		PETITION, filters=in_unit, fields=LIST_FIELDS, order_by="modified desc", limit_page_length=20
	)
	desk_count = as_user(OFFICER, lambda: frappe.get_list(PETITION, fields=["count(*) as c"], order_by=None))
	anchor_count = lambda: frappe.get_all(PETITION, filters=in_unit, fields=["count(*) as c"], order_by=None)  # noqa: E731
	assert len(desk_list()) == len(anchor_list()), "the officer's list is not the unit's rows"
	assert desk_count()[0].c == anchor_count()[0].c, "the officer's count is not the unit's"

	# the month's reception register: its rows, and the whole workbook
	fields = list(registers.reception_report.FIELDS)

	def register_rows(user):
		def rows():
			return frappe.get_list(
				PETITION,
				filters=registers._reception_filters(start, end),
				fields=fields,
				order_by="received_date asc, name asc",
				limit_page_length=0,
			)

		return as_user(user, rows)

	def anchor_rows(unit_filter: bool):
		def rows():
			filters = {"received_date": ("between", [start, end])}
			if unit_filter:
				filters.update(in_unit)
			return frappe.get_all(
				PETITION,
				filters=filters,
				fields=fields,
				order_by="received_date asc, name asc",
				limit_page_length=0,
			)

		return rows

	def book(user):
		def build():
			workbook = registers.build_reception_register(start, end)[0]
			workbook.save(io.BytesIO())  # what the desk's download does

		return as_user(user, build)

	out["rows"] = {"officer": len(register_rows(OFFICER)()), "supervisor": len(register_rows(SUPERVISOR)())}
	pairs = {
		"desk list, unit officer": (desk_list, anchor_list),
		"desk count, unit officer": (desk_count, anchor_count),
		"register rows, unit officer": (register_rows(OFFICER), anchor_rows(True)),
		"register rows, supervisor": (register_rows(SUPERVISOR), anchor_rows(False)),
		"register workbook, unit officer": (book(OFFICER), anchor_rows(True)),
	}
	out["ratios"], out["calls"] = {}, {}
	for label, (fn, anchor) in pairs.items():
		# the work itself, which load does not change: Python function calls for one run
		profile = cProfile.Profile()
		profile.runcall(fn)
		out["calls"][label] = pstats.Stats(profile).total_calls
		# interleaved, so a burst of load falls on both
		a, b = [], []
		for _ in range(max(1, runs // 5)):
			a.append(timed(fn, 5))
			b.append(timed(anchor, 5))
		out["ratios"][label] = statistics.median(a) / statistics.median(b)
	frappe.clear_cache()  # the next process reads its own code's hooks
	frappe.destroy()
	return out


def in_subprocess(site: str, runs: int, code: str | None) -> dict:
	"""``measure`` in a fresh process with ``code`` (a checkout) first on the path."""
	env = dict(os.environ)
	if code:
		env["PYTHONPATH"] = os.path.abspath(code)
	result = subprocess.run(
		[sys.executable, os.path.abspath(__file__), site, "--runs", str(runs), "--json"],
		env=env,
		capture_output=True,
		text=True,
		check=True,
	)
	return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("site")
	parser.add_argument("--runs", type=int, default=15)
	parser.add_argument("--compare-with", help="a checkout of the app before issue 16 (its directory)")
	parser.add_argument(
		"--rounds", type=int, default=3, help="with --compare-with: now and then alternated this many times"
	)
	parser.add_argument("--max-slowdown", type=float, default=0.10)
	parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
	args = parser.parse_args()

	if args.json:
		print(json.dumps(measure(args.site, args.runs)))
		return 0
	nows, thens = [], []
	for _ in range(args.rounds if args.compare_with else 1):
		# alternated, each in its own process, so load and caches fall on both alike
		nows.append(in_subprocess(args.site, args.runs, os.environ.get("PYTHONPATH")))
		if args.compare_with:
			thens.append(in_subprocess(args.site, args.runs, args.compare_with))
	in_subprocess(args.site, 1, os.environ.get("PYTHONPATH"))  # leaves this code's hooks cached
	first = nows[0]
	print(f"unit {first['unit']}, month {first['month']}, register rows {first['rows']}")
	failed = False
	for label in first["ratios"]:
		ratio = statistics.median(n["ratios"][label] for n in nows)
		line = f"  {label:34s} {ratio:6.2f}x its get_all anchor"
		if thens:
			before = statistics.median(t["ratios"][label] for t in thens)
			line += f"; before issue 16 {before:6.2f}x ({ratio / before - 1:+.0%})"
			calls, calls_then = first["calls"][label], thens[0]["calls"][label]
			over = calls / calls_then - 1 > args.max_slowdown
			failed |= over
			line += f"; Python calls {calls:,} (before {calls_then:,}, {calls / calls_then - 1:+.1%})"
			line += "  OVER" if over else ""
		print(line)
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
