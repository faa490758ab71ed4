"""The replica, proven through the app's real request path (scripts/replica_check.sh runs this).

Run with the bench's Python from the bench's sites folder, after scripts/replica.sh start:
    ../env/bin/python replica_check.py SITE DATADIR REPLICA_SCRIPT BENCH

Every request goes through ``frappe.app.application`` (werkzeug's test client: the same
before_request hooks, session, permission checks and commit as under gunicorn), logged in as
Administrator. What the replica served is read from its general query log; what the primary
holds, from the primary itself. Prints one "ok ..." or "FAIL ..." line per check and a summary
line "replica checks: N passed, N failed".
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid

from werkzeug.test import Client

SITE, DATADIR, REPLICA_SH, BENCH = sys.argv[1:5]
ROOT_PW = os.environ.get("FRAPPE_DB_ROOT_PASSWORD", "root")
GENERAL_LOG = os.path.join(DATADIR, "general.log")
CHECK_SECONDS = 1  # utils/replica.py: the verdict is kept this long (replica_check_seconds)
WRITES = re.compile(r"\bQuery\s+(INSERT|UPDATE|DELETE|REPLACE|CREATE TABLE|ALTER|DROP)\b", re.I)

passed = failed = 0


def check(ok: bool, what: str, detail: str = "") -> None:
	global passed, failed
	if ok:
		passed += 1
		print(f"ok {what}")
	else:
		failed += 1
		print(f"FAIL {what}{': ' + detail if detail else ''}")
	sys.stdout.flush()


def log_size() -> int:
	return os.path.getsize(GENERAL_LOG) if os.path.exists(GENERAL_LOG) else 0


def log_since(offset: int) -> str:
	with open(GENERAL_LOG, "rb") as f:
		f.seek(offset)
		return f.read().decode("utf-8", "replace")


def primary_sql(sql: str) -> str:
	return subprocess.run(
		[
			"mariadb",
			"-uroot",
			f"-p{ROOT_PW}",
			"-h127.0.0.1",
			"-P3306",
			"--protocol=TCP",
			"-N",
			"-B",
			"-e",
			sql,
		],
		capture_output=True,
		text=True,
		check=True,
	).stdout.strip()


def replica_sql(sql: str) -> str:
	return subprocess.run(
		["mariadb", "-uroot", f"--socket={DATADIR}/mysqld.sock", "-N", "-B", "-e", sql],
		capture_output=True,
		text=True,
		check=False,
	).stdout.strip()


def replica(cmd: str) -> None:
	subprocess.run(
		["bash", REPLICA_SH, cmd, BENCH, SITE, "--datadir", DATADIR], capture_output=True, check=False
	)


def db_name() -> str:
	with open(os.path.join(SITE, "site_config.json")) as f:
		return json.load(f)["db_name"]


client = Client(_app := __import__("frappe.app", fromlist=["application"]).application)
BASE = f"http://{SITE}/"


def call(method: str, data: dict | None = None, get: bool = False) -> tuple[int, bytes]:
	data = {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in (data or {}).items()}
	if get:
		r = client.get(f"/api/method/{method}", query_string=data, base_url=BASE)
	else:
		r = client.post(f"/api/method/{method}", data=data, base_url=BASE)
	body = r.get_data()
	r.close()  # as a WSGI server does: runs Frappe's after-response work and frappe.destroy()
	return r.status_code, body


def served_by_replica(method: str, data: dict, table: str, get: bool = False) -> tuple[bool, str]:
	"""Call; True if the replica's log shows the SELECT on ``table`` that the call made."""
	offset = log_size()
	status, body = call(method, data, get=get)
	if status != 200:
		return False, f"HTTP {status}: {body[:300]!r}"
	logged = log_since(offset)
	hit = re.search(rf"Query\s+select.*`?{re.escape(table)}`?", logged, re.I | re.S)
	return bool(hit), "" if hit else f"no SELECT on {table} in the replica's log"


def wait_for_replica(sql: str, expected: str, seconds: int = 30) -> bool:
	for _ in range(seconds * 2):
		if replica_sql(sql) == expected:
			return True
		time.sleep(0.5)
	return False


def main() -> int:
	db = db_name()
	status, body = call("login", {"usr": "Administrator", "pwd": os.environ.get("ADMIN_PASSWORD", "admin")})
	check(status == 200, "log in as Administrator", body[:200].decode("utf-8", "replace"))
	write_offset = log_size()

	# -- replication follows the primary ----------------------------------------------------------
	marker = f"replica-check {uuid.uuid4().hex[:10]}"
	status, body = call("frappe.client.insert", {"doc": {"doctype": "ToDo", "description": marker}})
	check(
		status == 200,
		"a write through the app (frappe.client.insert ToDo)",
		body[:300].decode("utf-8", "replace"),
	)
	on_primary = primary_sql(f"SELECT COUNT(*) FROM `{db}`.`tabToDo` WHERE description = '{marker}'")
	check(on_primary == "1", "the write is on the primary", on_primary)
	check(
		wait_for_replica(f"SELECT COUNT(*) FROM `{db}`.`tabToDo` WHERE description = '{marker}'", "1"),
		"the replica has it (GTID replication)",
	)

	# -- what reads from the replica ----------------------------------------------------------------
	year = time.strftime("%Y")
	reads = [
		(
			"report Petition Reception Register",
			"frappe.desk.query_report.run",
			{
				"report_name": "Petition Reception Register",
				"filters": {"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
			},
			"tabCitizen Petition",
			False,
		),
		(
			"report Assignment Follow-up (its charts)",
			"frappe.desk.query_report.run",
			{"report_name": "Assignment Follow-up", "filters": {}},
			"tabPetition Assignment",
			False,
		),
		(
			"report Opinions by Channel (its chart)",
			"frappe.desk.query_report.run",
			{"report_name": "Opinions by Channel", "filters": {"year": year}},
			"tabCitizen Petition",
			False,
		),
		(
			"report Yearly Dialogue Compliance (its chart)",
			"frappe.desk.query_report.run",
			{"report_name": "Yearly Dialogue Compliance", "filters": {"year": year}},
			"tabDialogue",
			False,
		),
		(
			"Excel register: reception register",
			"tiep_xuc_doi_thoai.api.registers.reception_register",
			{"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
			"tabCitizen Petition",
			True,
		),
		(
			"Excel register: petition register",
			"tiep_xuc_doi_thoai.api.registers.petition_register",
			{"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
			"tabCitizen Petition",
			True,
		),
		(
			"Excel register: results annex",
			"tiep_xuc_doi_thoai.api.registers.results_annex",
			{"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
			"tabCitizen Petition",
			True,
		),
		(
			"list view (reportview.get)",
			"frappe.desk.reportview.get",
			{"doctype": "Citizen Petition", "fields": ["name"], "limit_page_length": 20},
			"tabCitizen Petition",
			False,
		),
		(
			"list Excel export (reportview.export_query)",
			"frappe.desk.reportview.export_query",
			{"doctype": "ToDo", "file_format_type": "Excel", "fields": ["`tabToDo`.`name`"], "title": "ToDo"},
			"tabToDo",
			False,
		),
		(
			"number card (get_result, overridden read-only)",
			"frappe.desk.doctype.number_card.number_card.get_result",
			{"doc": {"function": "Count", "document_type": "Petition Assignment"}, "filters": []},
			"tabPetition Assignment",
			False,
		),
	]
	for what, method, data, table, get in reads:
		ok, detail = served_by_replica(method, data, table, get=get)
		check(ok, f"{what} reads from the replica", detail)

	# a form opens on the primary (what a user edits next is never a replica's copy)
	offset = log_size()
	status, _ = call(
		"frappe.desk.form.load.getdoc", {"doctype": "ToDo", "name": _todo_name(marker, db)}, get=True
	)
	check(status == 200 and "tabToDo" not in log_since(offset), "a form (getdoc) reads from the primary")

	writes = [line for line in log_since(write_offset).splitlines() if WRITES.search(line)]
	check(not writes, "no write reached the replica", "; ".join(writes[:3]))

	# -- the replica falls behind: the primary serves, fresh -----------------------------------------
	replica("pause")
	time.sleep(CHECK_SECONDS + 0.5)
	fresh = f"replica-check lag {uuid.uuid4().hex[:10]}"
	call("frappe.client.insert", {"doc": {"doctype": "ToDo", "description": fresh}})
	offset = log_size()
	status, body = call(
		"frappe.desk.reportview.get",
		{"doctype": "ToDo", "fields": ["description"], "filters": {"description": fresh}},
	)
	check(
		status == 200 and fresh.encode() in body and "tabToDo" not in log_since(offset),
		"replica behind (SQL thread stopped): the list is read from the primary, with the newest row",
		f"HTTP {status} {body[:200]!r}",
	)
	status, _ = call(
		"tiep_xuc_doi_thoai.api.registers.reception_register",
		{"from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
		get=True,
	)
	check(
		status == 200,
		"replica behind: the Excel register is still delivered (from the primary)",
		f"HTTP {status}",
	)

	replica("resume")
	check(
		wait_for_replica(f"SELECT COUNT(*) FROM `{db}`.`tabToDo` WHERE description = '{fresh}'", "1"),
		"the replica catches up when its SQL thread runs again",
	)
	time.sleep(CHECK_SECONDS + 0.5)
	ok, detail = served_by_replica(
		"frappe.desk.reportview.get", {"doctype": "ToDo", "fields": ["name"]}, "tabToDo"
	)
	check(ok, "caught up: reads go to the replica again", detail)

	# -- the replica stops dead: no crash, the primary serves -----------------------------------------
	with open(os.path.join(DATADIR, "mysqld.pid")) as f:
		pid = int(f.read().strip())
	try:
		os.kill(pid, 9)
	except ProcessLookupError:
		pass
	time.sleep(CHECK_SECONDS + 0.5)
	for what, method, data, _table, get in reads[:1] + reads[4:5] + reads[9:10]:
		status, body = call(method, data, get=get)
		check(
			status == 200, f"replica down: {what} answers from the primary", f"HTTP {status} {body[:200]!r}"
		)
	status, body = call("frappe.client.insert", {"doc": {"doctype": "ToDo", "description": marker + " down"}})
	check(status == 200, "replica down: writes go on", f"HTTP {status}")

	print(f"replica checks: {passed} passed, {failed} failed")
	return 1 if failed else 0


def _todo_name(description: str, db: str) -> str:
	return primary_sql(f"SELECT name FROM `{db}`.`tabToDo` WHERE description = '{description}' LIMIT 1")


if __name__ == "__main__":
	sys.exit(main())
