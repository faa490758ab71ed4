"""A bounded load test against the production shape (benchmarks/serve_production.sh first).

    benchmarks/serve_production.sh start /opt/frappe-bench demo.localhost 8170
    cd /opt/frappe-bench/sites && PYTHONPATH=<repo> ../env/bin/python <repo>/benchmarks/load.py \\
        demo.localhost --url http://127.0.0.1:8170 --desk-users 5 --guests-per-second 0.5 --duration 30

The site must be a demo site (scripts/demo.sh: its users, units, plan and conference). For a
fixed time, over HTTP through gunicorn:
  - desk users (the unit officer, reception and the chairman, in turn) log in, open the desk
    (/app, which carries the CSRF token) and the workspace (its page, number cards and charts),
    the petition list and its count, a petition's form, run the month's reception register;
    a unit officer saves a progress update on an assignment of their own; each loop also
    opens Frappe's own ToDo list, count and form: the anchor, measured in the same run;
  - guests arrive at a fixed rate (each from its own address, as behind a proxy), open the
    public form, fill it for MIN_FILL_SECONDS, submit it with its token and track the code;
    one arrival in four (--bad-every) sends bad input instead (no content, an expired token, a broken
    attachment list) and must be refused with a message, storing nothing;
  - the secretariat's console saves speeches at the announced conference, and sends one in
    five again with the same key (it must not make a second petition);
  - with --kill-worker, one gunicorn worker is killed mid-run (gunicorn starts another).
Then it prints per request type p50/p95/p99 (ms), errors, requests per second, the desk
figures as ratios to the ToDo anchor, and checks that nothing accepted was lost: every
tracking code returned is a stored petition, every speech key one petition, every progress
update a stored row, and no bad input stored anything. Exit 1 on any error or loss.

Why a bounded asyncio script and not Locust: the scenario's checks (tokens signed by the
site's key, the stored rows counted after the run, the ToDo anchor in the same loop) need the
site's Python side anyway, and aiohttp is already in Frappe's environment: no new dependency,
no gevent monkeypatching in the process that also calls Frappe, and the run is bounded by
construction (a fixed number of users, a fixed arrival rate, a deadline).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.util
import json
import math
import os
import random
import re
import signal
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

import aiohttp

from tiep_xuc_doi_thoai.core import public_form
from tiep_xuc_doi_thoai.core.petitions import normalize_tracking_code
from tiep_xuc_doi_thoai.setup.demo_users import DEMO_PASSWORD

UNIT_OFFICER = "kinhte@demo.tiepxuc.vn"
DESK_USERS = (UNIT_OFFICER, "tiepdan@demo.tiepxuc.vn", "chutich@demo.tiepxuc.vn")
SECRETARIAT = "vanphong@demo.tiepxuc.vn"
WORKSPACE = "Citizen Dialogue"
CARDS = ("Open Assignments", "Overdue Assignments")
IMPORT_CONTENT = "Đề nghị nâng cấp tuyến đường liên thôn số %"  # benchmarks/petition_import.py's rows
BAD_KINDS = ("no content", "expired token", "broken attachments")
HISTORY_ASSIGNMENTS = 24  # prepare(): the unit's other assignments, three progress updates each


# -- figures ------------------------------------------------------------------------------------
@dataclass
class Figures:
	times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
	errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
	samples: dict[str, str] = field(default_factory=dict)  # one error body per request type
	accepted_codes: list[str] = field(default_factory=list)
	speech_keys: set[str] = field(default_factory=set)
	progress_texts: list[str] = field(default_factory=list)
	bad_answered: dict[str, int] = field(default_factory=lambda: defaultdict(int))
	bad_unclear: dict[str, int] = field(default_factory=lambda: defaultdict(int))
	cut: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # by --kill-worker
	killed_at: float = 0.0

	def error(self, label: str, detail: str) -> None:
		self.errors[label] += 1
		self.samples.setdefault(label, detail[:300])


def percentile(values: list[float], p: float) -> float:
	if not values:
		return float("nan")
	ordered = sorted(values)
	rank = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))  # nearest rank
	return ordered[rank]


class Http:
	"""One browser: its cookies, its CSRF token, its address; every call timed under a label."""

	def __init__(self, args: argparse.Namespace, figures: Figures, ip: str | None = None):
		self.args, self.figures = args, figures
		headers = {"Host": args.site, "Accept": "application/json"}
		if ip:
			headers["X-Forwarded-For"] = ip
		self.session = aiohttp.ClientSession(
			base_url=args.url,
			headers=headers,
			cookie_jar=aiohttp.CookieJar(unsafe=True),
			timeout=aiohttp.ClientTimeout(total=args.timeout),
		)
		self.csrf = ""

	async def close(self) -> None:
		await self.session.close()

	async def request(
		self, label: str, method: str, path: str, expect: int = 200, **kwargs
	) -> tuple[int, str] | None:
		headers = kwargs.pop("headers", {})
		if self.csrf and method == "POST":
			headers["X-Frappe-CSRF-Token"] = self.csrf
		start = time.perf_counter()
		try:
			async with self.session.request(method, path, headers=headers, **kwargs) as r:
				body = await r.text()
				status = r.status
		except (aiohttp.ClientError, asyncio.TimeoutError) as e:
			self.figures.times[label].append((time.perf_counter() - start) * 1000)
			killed = self.figures.killed_at
			if (
				isinstance(e, aiohttp.ServerDisconnectedError)
				and killed
				and 0 <= time.monotonic() - killed < 3
			):
				# the request was on the worker --kill-worker killed: no answer, the browser shows a
				# network error; a write cut here was never acknowledged (the stored count below
				# covers every acknowledged one)
				self.figures.cut[label] += 1
				return None
			self.figures.error(label, f"{type(e).__name__}: {e}")
			return None
		self.figures.times[label].append((time.perf_counter() - start) * 1000)
		if status != expect:
			self.figures.error(label, f"HTTP {status}: {body}")
			return None
		return status, body

	async def call(self, label: str, method: str, data: dict | None = None, get: bool = False):
		data = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in (data or {}).items()}
		if get:
			got = await self.request(label, "GET", f"/api/method/{method}", params=data)
		else:
			got = await self.request(label, "POST", f"/api/method/{method}", data=data)
		if got is None:
			return None
		return json.loads(got[1])  # the whole answer: "message", and "docs" for a form

	async def login(self, user: str, password: str) -> bool:
		if await self.call("login", "login", {"usr": user, "pwd": password}) is None:
			return False
		got = await self.request("desk boot (/app)", "GET", "/app", headers={"Accept": "text/html"})
		match = re.search(r'frappe\.csrf_token = "([^"]+)"', got[1]) if got else None
		self.csrf = match.group(1) if match else ""
		return bool(self.csrf)


# -- the scenario ----------------------------------------------------------------------------------
def think(args: argparse.Namespace) -> float:
	"""A person's pause between two rounds: ``--think`` on average, never the same for everyone
	(users who all wait exactly as long move in step and arrive in bursts)."""
	return random.uniform(0.5, 1.5) * args.think


class Clock:
	"""The measured window: users log in and warm up first (gunicorn's workers load their code
	and caches on their first requests), then the window opens for everyone at once."""

	def __init__(self, duration: float):
		self.duration = duration
		self.deadline = float("inf")
		self.opened = asyncio.Event()
		# set once the import's work horse is killed (or the attempt is over): the gunicorn worker
		# is killed after it, so the import's login and start are not cut off by that other kill
		self.import_settled = asyncio.Event()
		self.start = 0.0

	def open(self) -> None:
		self.start = time.monotonic()
		self.deadline = self.start + self.duration
		self.opened.set()

	def running(self) -> bool:
		return time.monotonic() < self.deadline


async def desk_user(
	n: int, args: argparse.Namespace, figures: Figures, fixtures: dict, clock: Clock, warm: Figures
) -> None:
	user = DESK_USERS[n % len(DESK_USERS)]
	http = Http(args, warm)
	try:
		if not await http.login(user, DEMO_PASSWORD):
			figures.error("login", f"{user} could not log in (see the warm-up)")
			return
		await desk_loop(n, user, http, figures, fixtures, write=False)  # warm-up, not measured
		http.figures = figures
		await clock.opened.wait()
		await asyncio.sleep(random.uniform(0, args.think))  # users do not all start at once
		while clock.running():
			await desk_loop(n, user, http, figures, fixtures, write=True)
			await asyncio.sleep(think(args))
	finally:
		await http.close()


async def desk_loop(n: int, user: str, http: Http, figures: Figures, fixtures: dict, write: bool) -> None:
	today = fixtures["today"]  # the site's date (its time zone), not this machine's
	month = {"from_date": today.replace(day=1).isoformat(), "to_date": today.isoformat()}
	assignment = fixtures["assignments"][n // len(DESK_USERS) % len(fixtures["assignments"])]
	todo = fixtures["todos"][user]
	await http.call(
		"workspace page",
		"frappe.desk.desktop.get_desktop_page",
		{"page": {"name": WORKSPACE, "title": WORKSPACE, "public": 1}},
	)
	for card in fixtures["cards"][user]:  # the workspace shows a user only the cards they may read
		await http.call(
			"workspace number card",
			"frappe.desk.doctype.number_card.number_card.get_result",
			{"doc": card, "filters": card.get("filters_json") or "[]"},
		)
	await http.call(
		"workspace chart (report)",
		"frappe.desk.query_report.run",
		{
			"report_name": "Opinions by Channel",
			"filters": {"year": str(today.year)},
			"ignore_prepared_report": 1,
		},
	)
	await http.call(
		"workspace chart (group by)",
		"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
		{"chart_name": "Opinions by Field"},
	)
	listed = await http.call(
		"petition list",
		"frappe.desk.reportview.get",
		{
			"doctype": "Citizen Petition",
			"fields": [
				"`tabCitizen Petition`.`name`",
				"`tabCitizen Petition`.`subject`",
				"`tabCitizen Petition`.`workflow_state`",
				"`tabCitizen Petition`.`modified`",
			],
			"order_by": "`tabCitizen Petition`.`modified` desc",
			"start": 0,
			"page_length": 20,
		},
	)
	await http.call(
		"petition count",
		"frappe.desk.reportview.get_count",
		{"doctype": "Citizen Petition", "filters": []},
	)
	rows = (listed or {}).get("message") or {}
	names = [v[0] for v in rows.get("values", [])] if isinstance(rows, dict) else []
	if names:
		await http.call(
			"petition form",
			"frappe.desk.form.load.getdoc",
			{"doctype": "Citizen Petition", "name": random.choice(names)},
			get=True,
		)
	await http.call(
		"reception register (month)",
		"frappe.desk.query_report.run",
		{"report_name": "Petition Reception Register", "filters": month, "ignore_prepared_report": 1},
	)
	if user == UNIT_OFFICER and write:
		await save_progress(http, figures, assignment, today)
	# the anchor: Frappe's own list, count and form, same user, same loop
	await http.call(
		"anchor: ToDo list",
		"frappe.desk.reportview.get",
		{
			"doctype": "ToDo",
			"fields": [
				"`tabToDo`.`name`",
				"`tabToDo`.`description`",
				"`tabToDo`.`status`",
				"`tabToDo`.`modified`",
			],
			"order_by": "`tabToDo`.`modified` desc",
			"start": 0,
			"page_length": 20,
		},
	)
	await http.call(
		"anchor: ToDo count", "frappe.desk.reportview.get_count", {"doctype": "ToDo", "filters": []}
	)
	await http.call(
		"anchor: ToDo form",
		"frappe.desk.form.load.getdoc",
		{"doctype": "ToDo", "name": todo},
		get=True,
	)


async def save_progress(http: Http, figures: Figures, assignment: str, today: dt.date) -> None:
	got = await http.call(
		"assignment form",
		"frappe.desk.form.load.getdoc",
		{"doctype": "Petition Assignment", "name": assignment},
		get=True,
	)
	if not got or not got.get("docs"):
		return
	doc = got["docs"][0]
	text = f"load {uuid.uuid4().hex[:12]}: đã kiểm tra hồ sơ tại thực địa"
	doc.setdefault("progress_updates", []).append(
		{
			"doctype": "Assignment Progress Update",
			"__islocal": 1,
			"update_date": today.isoformat(),
			"update_text": text,
			"percent": random.randint(10, 90),
		}
	)
	saved = await http.call(
		"save progress update", "frappe.desk.form.save.savedocs", {"doc": doc, "action": "Save"}
	)
	if saved is not None:
		figures.progress_texts.append(text)


async def guest(args: argparse.Namespace, figures: Figures, fixtures: dict, bad: str | None) -> None:
	ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
	http = Http(args, figures, ip=ip)
	try:
		got = await http.request("public form page", "GET", "/gui-y-kien", headers={"Accept": "text/html"})
		if not got:
			return
		if "tiep_xuc_doi_thoai.api.public.form_token" not in got[1]:
			figures.error("public form page", "the page does not ask for its form token")
			return
		# the page is the same for everyone (Frappe's page cache); its script asks for the token
		token = (
			(await http.call("public form token", "tiep_xuc_doi_thoai.api.public.form_token")) or {}
		).get("message")
		if not token:
			return
		await asyncio.sleep(public_form.MIN_FILL_SECONDS + 0.5)  # a person fills the form
		marker = f"load-{fixtures['run']}-{uuid.uuid4().hex[:10]}"
		data = {
			"content": f"{marker} Đề nghị sửa chữa đường liên thôn bị sạt lở sau mưa lũ.",
			"petitioner_name": "Nguyễn Văn Khách",
			"phone": "0912345678",
			"address": "Thôn 2",
			"petition_type": "Recommendation",
			"form_token": token,
		}
		if bad:
			await bad_submission(http, figures, fixtures, data, bad)
			return
		answer = (
			(await http.call("public submit", "tiep_xuc_doi_thoai.api.public.submit_opinion", data)) or {}
		).get("message")
		code = answer.get("tracking_code") if isinstance(answer, dict) else None
		if not code:
			return
		figures.accepted_codes.append(code)
		tracked = (
			(await http.call("track code", "tiep_xuc_doi_thoai.api.public.track_petition", {"code": code}))
			or {}
		).get("message")
		if tracked is not None and not tracked.get("found"):
			figures.error("track code", f"{code} not found right after it was given")
	finally:
		await http.close()


async def bad_submission(http: Http, figures: Figures, fixtures: dict, data: dict, kind: str) -> None:
	fixtures["bad_markers"].append(data["content"].split()[0])
	if kind == "no content":
		data["content"] = "   "
		fixtures["bad_markers"].pop()
	elif kind == "expired token":
		data["form_token"] = public_form.make_form_token(
			fixtures["key"], time.time() - public_form.MAX_TOKEN_AGE - 60
		)
	else:
		data["attachments"] = "[{not json"
	label = f"bad input: {kind}"
	start = time.perf_counter()
	try:
		async with http.session.post(
			"/api/method/tiep_xuc_doi_thoai.api.public.submit_opinion", data=data
		) as r:
			body, status = await r.text(), r.status
	except (aiohttp.ClientError, asyncio.TimeoutError) as e:
		figures.times[label].append((time.perf_counter() - start) * 1000)
		figures.error(label, str(e))
		return
	figures.times[label].append((time.perf_counter() - start) * 1000)
	try:
		messages = json.loads(json.loads(body).get("_server_messages") or "[]")
		message = json.loads(messages[0]).get("message") if messages else ""
	except (ValueError, AttributeError, IndexError):
		message = ""
	if 400 <= status < 500 and message:
		figures.bad_answered[kind] += 1
	else:
		figures.bad_unclear[kind] += 1
		figures.error(label, f"HTTP {status}: {body}")


async def console(
	n: int, args: argparse.Namespace, figures: Figures, fixtures: dict, clock: Clock, warm: Figures
) -> None:
	http = Http(args, warm)
	try:
		if not await http.login(SECRETARIAT, DEMO_PASSWORD):
			figures.error("login", f"{SECRETARIAT} could not log in (see the warm-up)")
			return
		http.figures = figures
		await clock.opened.wait()
		await asyncio.sleep(random.uniform(0, args.think))  # users do not all start at once
		while clock.running():
			key = f"load-{fixtures['run']}-{n}-{uuid.uuid4().hex[:12]}"
			data = {
				"conference": fixtures["conference"],
				"client_key": key,
				"speaker_name": "Ông Lò Văn Phát",
				"content": f"Đề nghị làm rõ tiến độ bồi thường ({key})",
				"address": "Thôn 4",
				"petition_type": "Recommendation",
			}
			answer = (
				(
					await http.call(
						"console: save speech",
						"tiep_xuc_doi_thoai.api.conference_console.record_speech",
						data,
					)
				)
				or {}
			).get("message")
			if answer and answer.get("created"):
				figures.speech_keys.add(key)
				if random.random() < 0.2:  # the same entry again (a retry): no second petition
					again = (
						(
							await http.call(
								"console: same speech again",
								"tiep_xuc_doi_thoai.api.conference_console.record_speech",
								data,
							)
						)
						or {}
					).get("message")
					if again and again.get("created"):
						figures.error("console: same speech again", f"{key} made a second petition")
			await asyncio.sleep(think(args))
	finally:
		await http.close()


async def socketio_handshake(args: argparse.Namespace, figures: Figures) -> None:
	if not args.socketio:
		return
	connector = aiohttp.UnixConnector(path=args.socketio)
	async with aiohttp.ClientSession(connector=connector) as s:
		start = time.perf_counter()
		try:
			async with s.get(
				"http://localhost/socket.io/?EIO=4&transport=polling", headers={"Host": args.site}
			) as r:
				body, status = await r.text(), r.status
		except aiohttp.ClientError as e:
			body, status = str(e), 0
		figures.times["socket.io handshake"].append((time.perf_counter() - start) * 1000)
		if status != 200 or not body.startswith("0{"):
			figures.error("socket.io handshake", f"HTTP {status}: {body}")


async def kill_one_worker(args: argparse.Namespace, clock: Clock, killed: list, figures: Figures) -> None:
	"""Mid-run, SIGKILL one gunicorn worker (not the arbiter): gunicorn replaces it. With
	--kill-rq-worker, after the import's work horse is killed (the two kills one after the other)."""
	await clock.opened.wait()
	await asyncio.sleep(clock.duration / 2)
	if args.kill_rq_worker:
		try:
			await asyncio.wait_for(clock.import_settled.wait(), timeout=clock.duration / 3)
		except asyncio.TimeoutError:
			pass
	pid_file = os.path.join(args.run_dir, "gunicorn.pid")
	try:
		arbiter = int(open(pid_file).read().strip())
		children = open(f"/proc/{arbiter}/task/{arbiter}/children").read().split()
	except (OSError, ValueError):
		return
	if children:
		figures.killed_at = time.monotonic()
		os.kill(int(children[0]), signal.SIGKILL)
		killed.append(int(children[0]))


def children(pid: int) -> list[int]:
	try:
		return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
	except OSError:
		return []


async def import_and_kill_worker(
	args: argparse.Namespace, figures: Figures, fixtures: dict, clock: Clock, outcome: dict
) -> None:
	"""Mid-run, start a background import as Administrator and SIGKILL the RQ work horse that
	runs it (the worker itself lives on). The import must write nothing (one transaction), and
	the record must end Failed with its message (``fail_lost_imports``, checked after the run).

	The horse is found from RQ's own record of the job, read from Redis every 0.1 s, not through
	the loaded server: a status poll over HTTP can wait behind the desk users' requests for
	longer than a small import runs (CI saw an import go from Queued to Success between two
	polls). ``outcome["why"]`` says why no horse was killed, with the times seen."""
	from redis import Redis
	from rq.exceptions import NoSuchJobError
	from rq.job import Job

	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import.importer import import_job_id

	await clock.opened.wait()
	await asyncio.sleep(clock.duration / 4)
	http = Http(args, figures)
	redis = Redis.from_url(fixtures["redis_queue"])
	try:
		for _ in range(5):
			if await http.login("Administrator", args.admin_password):
				break
			await asyncio.sleep(1.0)
		else:
			outcome["why"] = "Administrator could not log in"
			return
		asked = time.monotonic()
		started = await http.call(
			"import: start",
			"tiep_xuc_doi_thoai.api.petition_import.import_petitions",
			{"file_url": fixtures["import_file"]},
		)
		name = ((started or {}).get("message") or {}).get("name")
		if not name:
			outcome["why"] = f"the import did not start: {started}"
			return
		outcome["record"] = name
		worker = int(open(os.path.join(args.run_dir, "worker-long.pid")).read().strip())
		job_id = f"{args.site}::{import_job_id(name)}"

		def job_status() -> str:
			try:
				return Job.fetch(job_id, connection=redis).get_status()
			except NoSuchJobError:  # not in the queue yet (enqueued after commit), or gone
				return "not in the queue"

		def since() -> str:
			return f"{time.monotonic() - asked:.1f} s after it was asked for"

		status = None
		while time.monotonic() - asked < 120:
			status = job_status()
			horses = children(worker)
			if status == "started" and horses:
				await asyncio.sleep(1.0)  # well into its rows
				if job_status() != "started":
					outcome["why"] = f"the import's job ended within a second of its start ({since()})"
					return
				os.kill(horses[0], signal.SIGKILL)
				outcome["killed_horse"] = horses[0]
				outcome["worker"] = worker
				outcome["killed_after"] = round(time.monotonic() - asked, 1)
				return
			if status in ("finished", "failed", "stopped", "canceled"):
				outcome["why"] = f"the import's job was {status} before its work horse was seen ({since()})"
				return
			await asyncio.sleep(0.1)
		outcome["why"] = f"the import's job was still {status} ({since()})"
	finally:
		clock.import_settled.set()
		redis.close()
		await http.close()


async def warm_public_pages(args: argparse.Namespace, warm: Figures) -> None:
	http = Http(args, warm, ip="10.255.255.254")
	try:
		for _ in range(args.warmup_requests):
			await http.request("public form page", "GET", "/gui-y-kien", headers={"Accept": "text/html"})
	finally:
		await http.close()


async def run(args: argparse.Namespace, fixtures: dict) -> tuple[Figures, float, list, float, Figures]:
	figures, warm, clock = Figures(), Figures(), Clock(args.duration)
	warm_start = time.monotonic()
	tasks = [
		asyncio.create_task(desk_user(i, args, figures, fixtures, clock, warm))
		for i in range(args.desk_users)
	]
	tasks += [
		asyncio.create_task(console(i, args, figures, fixtures, clock, warm))
		for i in range(args.console_users)
	]
	await warm_public_pages(args, warm)
	# the window opens when every user is in and has been through the desk once
	while (
		not all(t.done() for t in tasks)
		and sum(len(v) for k, v in warm.times.items() if k == "anchor: ToDo form") < args.desk_users
	):
		if time.monotonic() - warm_start > args.warmup_timeout:
			break
		await asyncio.sleep(0.2)
	warmup = time.monotonic() - warm_start
	clock.open()
	tasks.append(asyncio.create_task(socketio_handshake(args, figures)))
	killed: list = []
	if args.kill_worker:
		tasks.append(asyncio.create_task(kill_one_worker(args, clock, killed, figures)))
	if args.kill_rq_worker:
		tasks.append(
			asyncio.create_task(import_and_kill_worker(args, figures, fixtures, clock, fixtures["import"]))
		)
	arrivals = 0
	if args.guests_per_second > 0:
		while time.monotonic() < clock.deadline - public_form.MIN_FILL_SECONDS - 1:
			arrivals += 1
			bad = (
				BAD_KINDS[arrivals // args.bad_every % len(BAD_KINDS)]
				if arrivals % args.bad_every == 0
				else None
			)
			tasks.append(asyncio.create_task(guest(args, figures, fixtures, bad)))
			await asyncio.sleep(1 / args.guests_per_second)
	await asyncio.gather(*tasks)
	return figures, time.monotonic() - clock.start, killed, warmup, warm


# -- around the run: fixtures before, the stored rows after ------------------------------------------
SITES_PATH = "."  # main() sets serve_production.sh's sites folder: the same RQ queue as the server


def connect(site: str):
	import frappe

	frappe.init(site=site, sites_path=SITES_PATH)
	frappe.connect()
	return frappe


def prepare(site: str, desk_users: int, import_rows: int = 0) -> dict:
	"""An announced conference for the console, an assignment per unit officer, a ToDo per user."""
	frappe = connect(site)
	from frappe.model.workflow import apply_workflow
	from frappe.utils import getdate, today
	from frappe.utils.password import get_encryption_key

	try:
		run = uuid.uuid4().hex[:8]
		base = frappe.get_all("Dialogue Conference", fields=["name"], order_by="creation asc", limit=1)
		if not base:
			raise SystemExit("no conference: run scripts/demo.sh on this site first")
		source = frappe.get_doc("Dialogue Conference", base[0].name)
		conference = frappe.get_doc(
			{
				"doctype": "Dialogue Conference",
				"dialogue_plan": source.dialogue_plan,
				"plan_session": source.plan_session,
				"topic": f"Hội nghị kiểm thử tải {run}",
				"conference_date": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
				"start_time": "08:00:00",
				"end_time": "11:00:00",
				"place": source.place,
				"chair": source.chair,
				"secretary": source.secretary,
				"notice_date": dt.date.today().isoformat(),
				"notice_number": f"{run}/TB-UBND",
				"opinions_compiled_on": dt.date.today().isoformat(),
			}
		).insert(ignore_permissions=True)
		conference = apply_workflow(conference.as_dict(), "Announce")
		template = frappe.get_all(
			"Petition Assignment", filters={"lead_unit": ("like", "Phòng Kinh tế%")}, fields=["name"], limit=1
		)
		if not template:
			raise SystemExit("no assignment of the unit officer's unit: run scripts/demo.sh first")
		source_assignment = frappe.get_doc("Petition Assignment", template[0].name)

		def new_assignment(progress: list[str]) -> str:
			copy = frappe.copy_doc(source_assignment)
			copy.extensions = []
			copy.assigned_on = today()
			copy.progress_updates = []
			for k, text in enumerate(progress, 1):
				copy.append(
					"progress_updates", {"update_date": today(), "update_text": text, "percent": 20 * k}
				)
			return copy.insert(ignore_permissions=True).name

		assignments = [new_assignment([]) for _ in range(max(1, desk_users // len(DESK_USERS) + 1))]
		# the unit's other open assignments, each with a few progress updates, as on a site in use:
		# with the progress table holding only the run's two or three assignments, MariaDB reads
		# the whole table instead of its parent index, and two saves deadlock on each other's rows
		# (README, Running past one machine); an officer's desk is never that empty
		for i in range(HISTORY_ASSIGNMENTS):
			new_assignment([f"tiến độ {run}-{i}-{k}" for k in range(1, 4)])
		todos = {}
		for user in DESK_USERS:
			todos[user] = (
				frappe.get_doc(
					{
						"doctype": "ToDo",
						"description": f"Việc kiểm thử {run}",
						"allocated_to": user,
						"assigned_by": user,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		cards = [frappe.get_doc("Number Card", c) for c in CARDS if frappe.db.exists("Number Card", c)]
		may_read = {
			user: {c.name for c in cards if frappe.has_permission(c.document_type, "read", user=user)}
			for user in DESK_USERS
		}
		cards = [
			json.loads(
				frappe.as_json(
					{
						k: c.get(k)
						for k in (
							"name",
							"function",
							"document_type",
							"aggregate_function_based_on",
							"parent_document_type",
							"filters_json",
						)
					}
				)
			)
			for c in cards
		]
		cards = {user: [c for c in cards if c["name"] in may_read[user]] for user in DESK_USERS}
		import_file, imported_before = None, 0
		if import_rows:
			from tiep_xuc_doi_thoai.core import petition_import as import_rules

			spec = importlib.util.spec_from_file_location(
				"bench_rows", os.path.join(os.path.dirname(os.path.abspath(__file__)), "petition_import.py")
			)
			module = importlib.util.module_from_spec(spec)
			spec.loader.exec_module(module)
			content = import_rules.build_rows_file(module.make_rows(import_rows))
			import_file = (
				frappe.get_doc(
					{"doctype": "File", "file_name": f"load-{run}.xlsx", "content": content, "is_private": 1}
				)
				.insert(ignore_permissions=True)
				.file_url
			)
			imported_before = frappe.db.count("Citizen Petition", {"content": ("like", IMPORT_CONTENT)})
		frappe.db.commit()  # a benchmark's fixtures, before any request sees them
		return {
			"isolation": isolation_level(frappe),
			"run": run,
			"conference": conference.name,
			"assignments": assignments,
			"todos": todos,
			"cards": cards,
			"key": get_encryption_key(),
			"today": getdate(today()),
			"import_file": import_file,
			"import_rows": import_rows,
			"redis_queue": frappe.conf.redis_queue,
			"imported_before": imported_before,
			"import": {},
			"bad_markers": [],
		}
	finally:
		frappe.destroy()


def isolation_level(frappe: object) -> str:
	"""MariaDB's transaction isolation for new connections (README: READ-COMMITTED in production)."""
	for variable in ("@@global.transaction_isolation", "@@global.tx_isolation"):
		try:
			return frappe.db.sql(f"select {variable}")[0][0]
		except Exception:
			continue
	return "unknown"


def count_stored(site: str, figures: Figures, fixtures: dict) -> dict[str, tuple[int, int]]:
	"""(sent and accepted, found stored) for each kind of write."""
	frappe = connect(site)
	try:
		codes = [normalize_tracking_code(c) for c in figures.accepted_codes]
		found_codes = frappe.db.count("Citizen Petition", {"tracking_code": ("in", codes)}) if codes else 0
		keys = sorted(figures.speech_keys)
		found_keys = frappe.db.count("Citizen Petition", {"client_key": ("in", keys)}) if keys else 0
		texts = figures.progress_texts
		found_texts = (
			frappe.db.count("Assignment Progress Update", {"update_text": ("in", texts)}) if texts else 0
		)
		bad = fixtures["bad_markers"]
		stored_bad = sum(frappe.db.count("Citizen Petition", {"content": ("like", f"{m}%")}) for m in bad)
		stored = {
			"public submissions (tracking codes)": (len(codes), found_codes),
			"console speeches (one petition per key)": (len(keys), found_keys),
			"progress updates": (len(texts), found_texts),
			"bad input stored (must be 0)": (0, stored_bad),
		}
		if fixtures["import"].get("killed_horse"):
			stored["killed import: rows written (must be 0)"] = (0, lost_import(frappe, fixtures))
		return stored
	finally:
		frappe.destroy()


def lost_import(frappe: object, fixtures: dict) -> int:
	"""After the work horse was killed: the rows it wrote (must be none: one transaction), and
	the record marked Failed by the app's own ``fail_lost_imports``. That job runs every few
	minutes and only takes records idle for ``LOST_AFTER_SECONDS``: the record is aged here
	instead of waiting."""
	from frappe.utils import add_to_date, now_datetime
	from frappe.utils.background_jobs import is_job_enqueued

	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer

	outcome = fixtures["import"]
	name = outcome["record"]
	written = (
		frappe.db.count("Citizen Petition", {"content": ("like", IMPORT_CONTENT)})
		- fixtures["imported_before"]
	)
	job_id = frappe.db.get_value("Petition Import", name, "job_id")
	for _ in range(40):  # RQ notices the dead horse and fails the job
		if not is_job_enqueued(job_id):
			break
		time.sleep(0.5)
	frappe.db.set_value(
		"Petition Import",
		name,
		"modified",
		add_to_date(now_datetime(), seconds=-importer.LOST_AFTER_SECONDS - 1),
		update_modified=False,
	)
	importer.fail_lost_imports()
	frappe.db.commit()  # the benchmark's own check, outside any request
	outcome["status"], outcome["message"] = frappe.db.get_value(
		"Petition Import", name, ["status", "error_message"]
	)
	try:
		os.kill(outcome["worker"], 0)
		outcome["worker_alive"] = True
	except OSError:
		outcome["worker_alive"] = False
	return written


def report(args: argparse.Namespace, figures: Figures, elapsed: float, stored: dict, killed: list) -> int:
	total = sum(len(v) for v in figures.times.values())
	errors = sum(figures.errors.values())
	print(
		f"\nLoad: {args.desk_users} desk users, {args.console_users} console, {args.guests_per_second} guest arrivals/s "
		f"(1 in {args.bad_every} bad input), think {args.think} s, {args.duration} s against {args.url} ({args.site}); ran {elapsed:.1f} s"
	)
	print(f"MariaDB transaction isolation: {args.isolation}")
	if killed:
		cut = ", ".join(f"{k} {v}" for k, v in figures.cut.items()) or "none"
		print(f"killed gunicorn worker {killed[0]} mid-run; requests it was answering, cut off: {cut}")
	outcome = args.import_outcome
	if outcome.get("killed_horse"):
		print(
			f"killed the RQ work horse {outcome['killed_horse']} running import {outcome['record']} "
			f"({args.import_rows} rows, {outcome['killed_after']} s after it was asked for); the RQ worker {'lived on' if outcome.get('worker_alive') else 'DIED'}; "
			f"the import is now {outcome.get('status')}: {outcome.get('message')}"
		)
	elif args.kill_rq_worker:
		print(f"the import was not killed mid-job: {outcome}")
	print(f"\n{'request':38} {'n':>6} {'err':>4} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
	for label in sorted(figures.times):
		t = figures.times[label]
		print(
			f"{label:38} {len(t):6d} {figures.errors.get(label, 0):4d} {len(t) / elapsed:7.2f} "
			f"{percentile(t, 50):8.1f} {percentile(t, 95):8.1f} {percentile(t, 99):8.1f}"
		)
	print(f"{'all':38} {total:6d} {errors:4d} {total / elapsed:7.2f}")
	print("\nAgainst Frappe's own ToDo, same users, same run (p95 ratio):")
	for mine, anchor in (
		("petition list", "anchor: ToDo list"),
		("petition count", "anchor: ToDo count"),
		("petition form", "anchor: ToDo form"),
	):
		a, b = figures.times.get(mine), figures.times.get(anchor)
		if a and b:
			print(
				f"  {mine:20} p95 {percentile(a, 95):7.1f} ms  {anchor:20} p95 {percentile(b, 95):7.1f} ms  ratio {percentile(a, 95) / percentile(b, 95):.2f}x"
			)
	print("\nBad input, answered with a message (4xx) / not:")
	for kind in BAD_KINDS:
		print(f"  {kind:20} {figures.bad_answered.get(kind, 0)} / {figures.bad_unclear.get(kind, 0)}")
	print("\nNothing lost (accepted, stored):")
	lost = 0
	for what, (sent, found) in stored.items():
		ok = found == sent
		lost += 0 if ok else 1
		print(f"  {what:42} {sent:5d} {found:5d}  {'ok' if ok else 'LOST' if found < sent else 'EXTRA'}")
	for label, sample in figures.samples.items():
		print(f"  first error, {label}: {sample[:200]}")
	import_failed = args.kill_rq_worker and not (
		outcome.get("killed_horse") and outcome.get("status") == "Failed" and outcome.get("worker_alive")
	)
	if import_failed:
		why = outcome.get("why") or (
			"the RQ worker died with its horse"
			if outcome.get("killed_horse") and not outcome.get("worker_alive")
			else f"the killed import is {outcome.get('status')}, not Failed"
		)
	print(
		f"\nerrors: {errors}, lost: {lost}"
		+ (f", the killed import did not end as it should: {why}" if import_failed else "")
	)
	return 1 if errors or lost or import_failed else 0


def main() -> int:
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("site")
	parser.add_argument("--url", default="http://127.0.0.1:8170")
	parser.add_argument("--desk-users", type=int, default=5)
	parser.add_argument("--console-users", type=int, default=1)
	parser.add_argument("--guests-per-second", type=float, default=0.5)
	parser.add_argument("--duration", type=float, default=30)
	parser.add_argument("--bad-every", type=int, default=4, help="every n-th guest sends bad input")
	parser.add_argument(
		"--think", type=float, default=1.0, help="seconds between a user's rounds, on average (0.5x to 1.5x)"
	)
	parser.add_argument("--timeout", type=float, default=60)
	parser.add_argument("--warmup-requests", type=int, default=5, help="unmeasured public page loads first")
	parser.add_argument("--warmup-timeout", type=float, default=300)
	parser.add_argument("--socketio", help="the socket.io unix socket (serve_production.sh prints it)")
	parser.add_argument("--kill-worker", action="store_true", help="SIGKILL one gunicorn worker mid-run")
	parser.add_argument(
		"--kill-rq-worker",
		action="store_true",
		help="mid-run, start a background import and SIGKILL the RQ work horse running it",
	)
	parser.add_argument("--import-rows", type=int, default=3000)
	parser.add_argument("--admin-password", default="admin")
	parser.add_argument("--run-dir", default="/tmp/tiep-prod-8170", help="serve_production.sh's RUN_DIR")
	args = parser.parse_args()
	global SITES_PATH
	served = os.path.join(args.run_dir, "sites")
	SITES_PATH = served if os.path.isdir(os.path.join(served, args.site)) else "."
	fixtures = prepare(args.site, args.desk_users, args.import_rows if args.kill_rq_worker else 0)
	figures, elapsed, killed, warmup, warm = asyncio.run(run(args, fixtures))
	print(f"warm-up (logins, one unmeasured pass per user): {warmup:.1f} s, errors {dict(warm.errors) or 0}")
	for label, sample in warm.samples.items():
		print(f"  warm-up error, {label}: {sample[:200]}")
	stored = count_stored(args.site, figures, fixtures)
	args.import_outcome = fixtures["import"]
	args.isolation = fixtures["isolation"]
	return report(args, figures, elapsed, stored, killed)


if __name__ == "__main__":
	sys.exit(main())
