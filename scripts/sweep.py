#!/usr/bin/env python3
"""The whitelist sweep: every whitelisted method of Frappe and of the app, and Frappe's REST
routes, called over HTTP with real sessions as users who may not see a denouncer's identity or
another unit's records, with arguments aimed at those records.

	python scripts/sweep.py --url http://127.0.0.1:8130 --site h16c-demo.localhost \\
		--fixtures /tmp/sweep-fixtures.json --methods /tmp/sweep-methods.json

The two JSON files come from tiep_xuc_doi_thoai/tests/sweep_fixtures.py (make, list_methods)
run with `bench execute` on the same site. Arguments are derived from each method's signature
(parameter names: doctype, name, fields, filters, txt, file ids...), not from a list of known
doors. Findings, each tagged:
  [secret]  a token of the secret identity, attachment name or content in a response
  [scope]   a token of another unit's / no unit's record in a response to the unit officer
  [gate]    a response that changes with a secret token in the filter (count / aggregate oracle),
            or a row written to the fixture records by a user without the right
Exit status 1 on any finding. Needs `requests` and `pymysql` (both in the bench's virtualenv).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import io
import json
import random
import re
import string
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from urllib.parse import quote

import requests

PETITION = "Citizen Petition"
# An alias (a whitelisted function imported into another module) runs the very same code: it is
# called with fewer arguments, aimed at these, to prove that hooks keyed on the name still hold.
ALIAS_TARGETS = ("secret petition", "other petition", "identity")
# rows a user who may read a record may add to it (Frappe's own rule): comments, assignments...
READ_ENOUGH = {"Comment", "ToDo", "Communication", "Communication Link", "Notification Log", "Email Queue"}
ASSIGNMENT = "Petition Assignment"
IDENTITY = "Petition Identity"
SUBSCRIPTION = "Petition Update Subscription"
UPDATE_MESSAGE = "Citizen Update Message"
# tables whose rows belong to a petition by their `petition` field
BY_PETITION = (IDENTITY, SUBSCRIPTION, UPDATE_MESSAGE)

# -- what is not called, and why (by dotted name; each a reason a reader can check) -------------
SKIP = (
	(r"(^|\.)(logout|web_logout)$", "ends the sweep's own session"),
	(r"(^|\.)login$", "replaces the sweep's session (each user logs in once through this route)"),
	(r"^frappe\.desk\.page\.setup_wizard\.setup_wizard\.setup_complete$", "re-runs the site's setup wizard"),
	(r"\.(clear_all_sessions|logout_all_sessions|logout_feed)$", "ends the sweep's own session"),
	(
		r"^frappe\.core\.doctype\.user\.user\.(update_password|reset_password|sign_up)$",
		"changes the sweep user's password or signs up new users",
	),
)

# -- parameter roles: which argument a parameter takes, by its name ----------------------------
DOCTYPE_PARAMS = re.compile(
	r"^(dt|doctype|doc_type|ref_doctype|reference_doctype|document_type|link_doctype|"
	r"parent_doctype|parenttype|reference_doc_type|from_doctype|source_doctype|"
	r"target_doctype|for_doctype|doctype_name|report_doctype|child_doctype|"
	r"\w*_doctype)$"
)
NAME_PARAMS = re.compile(
	r"^(dn|name|docname|doc_name|reference_name|ref_docname|ref_name|document_name|"
	r"link_name|record|source_name|target_name|docid|doc_id|id|parent_name|\w*_docname)$"
)
NAMES_PARAMS = re.compile(r"^(names|docnames|items|selected|documents|records|docs_list|name_list)$")
FIELDS_PARAMS = re.compile(r"^(fields|columns|cols|field_list|fieldnames)$")
FIELD_PARAMS = re.compile(
	r"^(fieldname|field|column|group_by_field|aggregate_on|aggregate_on_field|"
	r"value_field|based_on|sum_field|x_field|y_field|field_name|group_by|"
	r"aggregate_function_based_on|value_based_on)$"
)
FILTERS_PARAMS = re.compile(
	r"^(filters|or_filters|filter|conditions|filters_json|search_filters|current_filters|extra_filters)$"
)
TXT_PARAMS = re.compile(
	r"^(txt|text|search_text|query|q|term|keyword|keywords|search|search_term|"
	r"searchfield_value|search_txt|value|title|content|message|description)$"
)
SEARCH_PARAMS = re.compile(
	r"^(txt|text|search_text|query|q|term|keyword|keywords|search|search_term|"
	r"searchfield_value|search_txt)$"
)
FILE_PARAMS = re.compile(
	r"^(file_url|fid|file_name|filename|file|url|path|file_path|file_id|"
	r"file_doc|attachment|file_urls)$"
)
FILE_LIST_PARAMS = re.compile(r"^(attachments|files|file_list|fids)$")
DOC_PARAMS = re.compile(r"^(doc|docs|document|doc_json|doclist|source_doc|target_doc)$")
TRUE_PARAMS = re.compile(
	r"^(ignore_user_permissions|ignore_permissions|as_dict|with_parent|"
	r"include_children|with_comment_count|reference_doctype_only)$"
)
USER_PARAMS = re.compile(r"^(user|users|assign_to|owner|for_user|allocated_to|shared_with)$")
EMAIL_PARAMS = re.compile(r"^(recipients|email|email_id|cc|bcc|sender|to)$")
INT_PARAMS = re.compile(r"^(start|limit_start|page|offset)$")
LIMIT_PARAMS = re.compile(r"^(limit|page_length|limit_page_length|page_len|count)$")
REPORT_PARAMS = re.compile(r"^(report_name|report)$")
AGG_FN_PARAMS = re.compile(r"^(aggregate_function|function|chart_type|agg)$")
PARENT_PARAMS = re.compile(r"^parent$")


def rand_token(real: str) -> str:
	"""A fake of the same shape: the first two characters kept, the rest random of the same kind."""
	head = real[:2] if real[:2].isalpha() else ""
	alphabet = string.digits if real.isdigit() else string.digits + "ABCDEF"
	while True:
		fake = head + "".join(random.choice(alphabet) for _ in range(len(real) - len(head)))
		if fake != real:
			return fake


@dataclass
class Target:
	"""A record the arguments aim at."""

	key: str
	doctype: str
	name: str | None
	fields: list[str]
	like: list[tuple[str, str]]  # (field, token) for LIKE filters
	parent: str | None = None
	file_url: str | None = None
	file_name: str | None = None
	scope_only: bool = False  # aimed at the unit officer only (others may read it)


@dataclass
class Call:
	method: str  # the unit of coverage: a dotted name, a controller method or a route
	user: dict
	http: str
	path: str
	args: dict
	template: str
	fake_args: dict | None = None  # the same call with the secret tokens replaced (oracle check)


@dataclass
class Finding:
	tag: str
	method: str
	user: str
	template: str
	excerpt: str


@dataclass
class Stats:
	calls: int = 0
	status: dict = field(default_factory=dict)
	timeouts: list = field(default_factory=list)
	relogins: list = field(default_factory=list)
	door_refused: int = 0
	# per unit: the statuses its calls answered; per unit: why a call failed with 500
	answers: dict = field(default_factory=dict)
	errors: dict = field(default_factory=dict)


class Sweep:
	def __init__(self, opts):
		self.opts = opts
		self.fx = json.load(open(opts.fixtures))
		self.ml = json.load(open(opts.methods))
		self.tok = self.fx["tokens"]
		self.rec = self.fx["records"]
		self.findings: list[Finding] = []
		self.seen_findings: set = set()
		self.lock = threading.Lock()
		self.stats = Stats()
		self.sessions: dict[str, requests.Session] = {}
		self.csrf: dict[str, str] = {}
		self.skipped: dict[str, str] = {}
		self.covered: set[str] = set()
		self.fakes = {t: rand_token(t) for t in self.tok["secret"] + self.tok["scope"]}
		# records' names among the tokens: a refusal naming the record asked for is no leak
		r = self.rec
		self.names = {r["other_petition"], r["nounit_petition"], r["assignment"]} & set(self.fakes)
		self.users = [
			u for u in self.fx["users"] if "all" in opts.users or u["role"] in opts.users or u["scoped"]
		]
		# a visitor who is not logged in: the methods and routes open to guests
		self.guest = (
			None
			if opts.no_guest
			else {"user": "Guest", "password": "", "role": "Guest", "scoped": True, "guest": True}
		)
		self.targets = self.make_targets()
		self.db = None
		self.md = open(opts.findings_md, "a") if opts.findings_md else None

	# -- sessions ---------------------------------------------------------------------------
	def url(self, path: str) -> str:
		return self.opts.url.rstrip("/") + path

	def login(self, user: dict) -> None:
		s = requests.Session()
		s.headers["Host"] = self.opts.site
		s.headers["Accept"] = "application/json"
		if user.get("guest"):
			self.sessions[user["user"]] = s
			return
		r = s.post(
			self.url("/api/method/login"), data={"usr": user["user"], "pwd": user["password"]}, timeout=30
		)
		r.raise_for_status()
		page = s.get(self.url("/app"), timeout=60).text
		m = re.search(r'csrf_token = "([^"]*)"', page)
		self.csrf[user["user"]] = m.group(1) if m else ""
		s.headers["X-Frappe-CSRF-Token"] = self.csrf[user["user"]]
		self.sessions[user["user"]] = s

	def session_alive(self, user: dict) -> bool:
		if user.get("guest"):
			return True
		s = self.sessions[user["user"]]
		return s.cookies.get("sid") not in (None, "", "Guest")

	# -- targets ----------------------------------------------------------------------------
	def make_targets(self) -> list[Target]:
		r, t = self.rec, self.fx["raw_tokens"]
		ident = ["petitioner_name", "id_number", "phone", "address", "village"]
		secret_fields = ["*", "_comments", "attachment", *ident, "_liked_by", "_assign", "_user_tags"]
		targets = [
			Target(
				"secret petition",
				PETITION,
				r["secret_petition"],
				secret_fields,
				[("_comments", t["name"]), ("attachment", t["file_name"]), ("petitioner_name", t["name"])],
			),
			Target(
				"identity",
				IDENTITY,
				r["identity"],
				["*", *ident],
				[("petitioner_name", t["name"]), ("id_number", t["id_number"])],
			),
			Target(
				"secret file",
				"File",
				r["secret_file"],
				["*", "file_name", "file_url"],
				[("file_name", t["file_name"])],
				file_url=r["secret_file_url"],
				file_name=r["secret_file_name"],
			),
			Target(
				"secret comment", "Comment", r["secret_comment"], ["*", "content"], [("content", t["name"])]
			),
			Target(
				"other petition",
				PETITION,
				r["other_petition"],
				["*", "subject", "_comments"],
				[("subject", t["out_subject"]), ("content", t["out_content"])],
				scope_only=True,
			),
			Target(
				"no-unit petition",
				PETITION,
				r["nounit_petition"],
				["*", "subject"],
				[("subject", t["nounit_subject"])],
				scope_only=True,
			),
			Target(
				"other assignment",
				ASSIGNMENT,
				r["assignment"],
				["*", "task"],
				[("task", t["assignment_task"])],
				scope_only=True,
			),
			Target(
				"other file",
				"File",
				r["other_file"],
				["*", "file_name"],
				[("file_name", t["out_file"])],
				file_url=r["other_file_url"],
				scope_only=True,
			),
			Target(
				"other comment",
				"Comment",
				r["other_comment"],
				["*", "content"],
				[("content", t["out_subject"])],
				scope_only=True,
			),
			Target(
				"communication",
				"Communication",
				r["communication"],
				["*", "subject", "content"],
				[("subject", t["out_subject"])],
				scope_only=True,
			),
			Target(
				"todo",
				"ToDo",
				r["todo"],
				["*", "description"],
				[("description", t["out_subject"])],
				scope_only=True,
			),
		]
		# the citizen's contact for updates: the phone and e-mail (Password fields) and the
		# messages sent to them (a hint of the recipient only)
		contact = ["*", "phone", "email", "phone_hint", "email_hint"]
		message = ["*", "recipient_hint", "subject", "message", "last_error", "subscription"]
		targets += [
			Target("subscription", SUBSCRIPTION, r.get("subscription"), contact, []),
			Target("update message", UPDATE_MESSAGE, r.get("update_message"), message, []),
			Target(
				"other subscription", SUBSCRIPTION, r.get("other_subscription"), contact, [], scope_only=True
			),
			Target(
				"other update message",
				UPDATE_MESSAGE,
				r.get("other_update_message"),
				message,
				[],
				scope_only=True,
			),
		]
		for child_doctype, child_name in r["children"].items():
			if child_doctype == "Assignment Coordinating Unit":
				continue  # a unit's name, no token: nothing to find there
			targets.append(
				Target(
					f"child {child_doctype}",
					child_doctype,
					child_name,
					["*"],
					[],
					parent=ASSIGNMENT,
					scope_only=True,
				)
			)
		# a record the app does not keep (e.g. no identity record any more) is not aimed at
		return [t for t in targets if t.name]

	# -- argument templates -------------------------------------------------------------------
	def args_for(self, params: list[dict], target: Target, variant: int, user: dict) -> dict:
		"""Arguments for one call: each parameter gets the target's value for its role."""
		args: dict = {}
		names = [p["name"] for p in params]
		like = target.like[variant % len(target.like)] if target.like else None
		for p in params:
			n = p["name"]
			v = self.value_for(n, target, variant, like, user, names)
			if v is None:
				if not p["required"]:
					continue  # the method's own default
				# a record of the doctype the parameter is named after, else a value of its type
				# (never a fixture record's name: what the user creates must not carry one)
				v = self.ml.get("by_param", {}).get(n) or value_of_type(p)
			args[n] = v
		if any(p["kwargs"] for p in params):
			args.setdefault("doctype", target.doctype)
			if target.name:
				args.setdefault("name", target.name)
		return args

	def value_for(self, n: str, target: Target, variant: int, like, user: dict, names: list[str]):
		if DOCTYPE_PARAMS.match(n):
			if n in ("parenttype", "parent_doctype") and target.parent:
				return target.parent
			return target.doctype
		if PARENT_PARAMS.match(n):
			return target.parent or target.doctype
		if NAME_PARAMS.match(n):
			return target.name
		if NAMES_PARAMS.match(n):
			return json.dumps([target.name])
		if FIELDS_PARAMS.match(n):
			return json.dumps(["*"] if variant == 0 else [f for f in target.fields if f != "*"] or ["name"])
		if FIELD_PARAMS.match(n):
			cands = [f for f in target.fields if f != "*"] or ["name"]
			if "current_filters" in names:  # group-by counts: who is assigned, who owns
				cands = ["assigned_to", "owner", *cands]
			return cands[variant % len(cands)]
		if FILTERS_PARAMS.match(n):
			if variant == 0 or not like:
				return json.dumps({"name": target.name})
			return json.dumps([[target.doctype, like[0], "like", f"%{like[1]}%"]])
		if SEARCH_PARAMS.match(n):
			if like:
				return like[1] if variant % 2 == 0 else like[1][: max(6, len(like[1]) // 2 + 2)]
			return target.name
		if TXT_PARAMS.match(n):
			# text the method writes (a comment, a message): never a token, or the user's own
			# record would hold it and a later answer would show it back as a false leak
			return "sweep text"
		if FILE_PARAMS.match(n):
			if n in ("file_url", "url", "path", "file_path", "attachment") and target.file_url:
				return target.file_url
			if n in ("file_name", "filename") and target.file_name:
				return target.file_name
			return target.name if target.doctype == "File" else self.rec["secret_file"]
		if FILE_LIST_PARAMS.match(n):
			fid = target.name if target.doctype == "File" else self.rec["secret_file"]
			return json.dumps([fid] if variant % 2 == 0 else [{"fid": fid}])
		if DOC_PARAMS.match(n):
			doc = {"doctype": target.doctype, "name": target.name}
			if target.parent:
				doc.update(
					{
						"parenttype": target.parent,
						"parentfield": "petitions",
						"parent": self.rec["assignment"],
					}
				)
			return json.dumps([doc] if n in ("docs", "doclist") else doc)
		if TRUE_PARAMS.match(n):
			return 1
		if USER_PARAMS.match(n):
			return json.dumps([user["user"]]) if n in ("users", "assign_to") else user["user"]
		if EMAIL_PARAMS.match(n):
			return "sweep@example.invalid"
		if INT_PARAMS.match(n):
			return 0
		if LIMIT_PARAMS.match(n):
			return 20
		if REPORT_PARAMS.match(n):
			return target.doctype
		if AGG_FN_PARAMS.match(n):
			return ("sum", "count", "avg")[variant % 3]
		if n == "searchfield":
			return like[0] if like else "name"
		if n == "filter_fields":
			return json.dumps([f for f in target.fields if f != "*"][:4])
		if n == "tag":
			return self.fx["raw_tokens"]["tag"]
		if n in ("print_format", "format"):
			return "Standard"
		if n == "folder":
			return "Home"
		if n in ("args", "kwargs"):
			return json.dumps(
				{"doctype": target.doctype, "name": target.name, "txt": like[1] if like else ""}
			)
		if n == "chart":
			field_ = like[0] if like else "name"
			return json.dumps(
				{
					"chart_type": "Sum",
					"document_type": target.doctype,
					"based_on": "creation",
					"value_based_on": field_,
					"timeseries": 1,
					"timespan": "Last Year",
					"time_interval": "Yearly",
					"filters_json": "[]",
					"type": "Heatmap",
				}
			)
		if n in ("method", "run_method"):
			return None
		return None

	def templates(self, params: list[dict], user: dict, alias: bool = False) -> list[tuple[str, dict]]:
		"""(description, args) pairs for a method with these parameters, as this user."""
		names = {p["name"] for p in params}
		targeted = any(
			rx.match(n)
			for n in names
			for rx in (
				DOCTYPE_PARAMS,
				NAME_PARAMS,
				NAMES_PARAMS,
				FILTERS_PARAMS,
				TXT_PARAMS,
				FILE_PARAMS,
				FILE_LIST_PARAMS,
				DOC_PARAMS,
				FIELDS_PARAMS,
				PARENT_PARAMS,
				REPORT_PARAMS,
			)
		) or any(p["kwargs"] for p in params)
		if not params:
			# no parameters: the method may read frappe.form_dict itself (upload_file does), so it
			# gets the usual names aimed at the secret petition and its file (and the other unit's)
			out = []
			for target in self.targets:
				if target.doctype != PETITION or (target.scope_only and not user["scoped"]):
					continue
				like = target.like[0] if target.like else ("name", target.name)
				like_filter = json.dumps([[target.doctype, like[0], "like", f"%{like[1]}%"]])
				# the shape of a list (reportview's get, get_count, export...): only the names
				# a query takes, a filter that searches a secret
				out.append(
					(
						f"form list {target.key}",
						{
							"doctype": target.doctype,
							"fields": json.dumps(["*"]),
							"filters": like_filter,
							"limit_page_length": 20,
						},
					)
				)
				# the shape of a document's action (upload_file, a tree node...)
				out.append(
					(
						f"form {target.key}",
						{
							"doctype": target.doctype,
							"docname": target.name,
							"name": target.name,
							"fieldname": "attachment",
							"file_url": self.rec["secret_file_url"],
							"fields": json.dumps(["*"]),
							"filters": like_filter,
							"txt": like[1],
						},
					)
				)
				if not user["scoped"] or len(out) > 3:
					break
			return out
		if not targeted:
			return [("no arguments aimed", self.args_for(params, self.targets[0], 0, user))]
		out, seen = [], set()
		if any(REPORT_PARAMS.match(n) for n in names):
			# a report method: every report of the app, with no filter (each report has its own)
			for report in self.ml.get("reports") or [PETITION]:
				args = self.args_for(params, self.targets[0], 0, user)
				args.update({n: report for n in names if REPORT_PARAMS.match(n)})
				args.update({n: "{}" for n in names if FILTERS_PARAMS.match(n)})
				out.append((f"report {report}", args))
			return out
		varies = any(
			rx.match(n)
			for n in names
			for rx in (
				FILTERS_PARAMS,
				TXT_PARAMS,
				FIELDS_PARAMS,
				FIELD_PARAMS,
				FILE_LIST_PARAMS,
				AGG_FN_PARAMS,
			)
		)
		targets = self.targets if not alias else [t for t in self.targets if t.key in ALIAS_TARGETS]
		for target in targets:
			if target.scope_only and not user["scoped"]:
				continue
			if target.doctype not in (PETITION, ASSIGNMENT) and not (
				any(DOCTYPE_PARAMS.match(n) or PARENT_PARAMS.match(n) for n in names)
				# a visitor's method that takes a bare name (a read receipt, a download...): the
				# name of every kind of record (the method knows its doctype)
				or (user.get("guest") and any(NAME_PARAMS.match(n) for n in names))
				or (
					target.doctype == "File"
					and any(FILE_PARAMS.match(n) or FILE_LIST_PARAMS.match(n) for n in names)
				)
			):
				continue  # a record of another doctype: only where the doctype is an argument
			# the first role gets every variant; another role without unit scope the first one
			full = (
				varies
				and not alias
				and (user["user"] == self.users[0]["user"] or (user["scoped"] and target.scope_only))
			)
			for variant in range(self.opts.variants if full else 1):
				args = self.args_for(params, target, variant, user)
				key = json.dumps(args, sort_keys=True)
				if key in seen:
					continue
				seen.add(key)
				out.append((f"{target.key} v{variant}", args))
		return out

	# -- calls --------------------------------------------------------------------------------
	def do(self, call: Call, args: dict | None = None) -> tuple[int, str, dict]:
		s = self.sessions[call.user["user"]]
		args = call.args if args is None else args
		try:
			if call.http == "GET":
				r = s.get(self.url(call.path), params=args, timeout=self.opts.timeout)
			elif call.http == "POST":
				r = s.post(self.url(call.path), data=args, timeout=self.opts.timeout)
			else:
				r = s.request(call.http, self.url(call.path), data=args, timeout=self.opts.timeout)
		except requests.exceptions.Timeout:
			with self.lock:
				self.stats.timeouts.append(call.method)
			return -1, "", {}
		except requests.exceptions.RequestException as e:
			return -2, str(e), {}
		with self.lock:
			self.stats.calls += 1
			self.stats.status[r.status_code] = self.stats.status.get(r.status_code, 0) + 1
		body = r.content
		text = body.decode("utf-8", "replace")
		with self.lock:
			self.stats.answers.setdefault(call.method, set()).add(
				-403 if refused_at_door((r.status_code, text)) else r.status_code
			)
			if r.status_code == 500 and call.method not in self.stats.errors:
				self.stats.errors[call.method] = failure_reason(text)
		if body[:2] == b"PK":  # a zip (an .xlsx too): what is inside, not its compressed bytes
			try:
				z = zipfile.ZipFile(io.BytesIO(body))
				text = " ".join(z.namelist())
				for n in z.namelist():
					text += z.read(n).decode("utf-8", "replace")
			except zipfile.BadZipFile:
				pass
		headers = " ".join(f"{k}: {v}" for k, v in r.headers.items() if k.lower() != "set-cookie")
		return r.status_code, headers + "\n" + text, dict(r.headers)

	def tokens_for(self, user: dict) -> list[tuple[str, str]]:
		toks = [("secret", t) for t in self.tok["secret"]]
		if user["scoped"]:
			toks += [("scope", t) for t in self.tok["scope"]]
		return toks

	def substitute(self, args: dict, keep: frozenset | set = frozenset()) -> tuple[dict, bool]:
		"""The arguments with every token (but those to ``keep``) replaced by its fake; whether
		any was there."""
		raw = json.dumps(args)
		changed = False
		for real, fake in self.fakes.items():
			if real in raw and real not in keep:
				raw = raw.replace(real, fake)
				changed = True
		return json.loads(raw), changed

	def check(self, call: Call) -> tuple[int, str]:
		"""One call, and when its arguments carry a token the same call with a fake in its place:
		a token in the answer that the fake call does not give back is a leak ([secret] or
		[scope]); an answer that changes with a token in a filter or a search is an oracle ([gate])."""
		status, text, _ = self.do(call)
		answer = (status, text)
		if status < 0:
			return answer
		toks = self.tokens_for(call.user)
		own = {t for _, t in toks}
		fake_args, has_tokens = self.substitute(call.args)
		leaked = [
			(tag, t) for tag, t in toks if t in (text if t not in self.names else without_messages(text))
		]
		if not has_tokens:
			for tag, t in leaked:
				self.report(tag, call, excerpt(text, t))
			return answer
		searched = json.dumps(
			{k: v for k, v in call.args.items() if FILTERS_PARAMS.match(k) or SEARCH_PARAMS.match(k)}
		)
		# a record's name is no secret: whether it exists is not what the filter must not tell
		oracle = any(t in searched for t in own - self.names)
		if not leaked and not oracle:
			return answer
		fstatus, ftext, _ = self.do(call, fake_args)
		if fstatus < 0:
			return answer
		for real, fake in self.fakes.items():
			ftext = ftext.replace(fake, real)
		if normalise(ftext) == normalise(text):
			return answer  # an echo of what was sent, nothing more
		reported = False
		for tag, t in leaked:
			mine, theirs = (
				(text, ftext) if t not in self.names else (without_messages(text), without_messages(ftext))
			)
			if mine.count(t) > theirs.count(t):
				self.report(tag, call, excerpt(text, t, ftext))
				reported = True
		if not oracle or reported:
			return answer
		# the oracle question: does the answer change with the secret searched for? The same
		# call with only the searched secrets faked (the record's name kept: a refusal for a
		# record that does not exist differs, and tells nothing about the secret)
		oargs, _ = self.substitute(call.args, keep=self.names)
		if oargs != fake_args:
			fstatus, ftext, _ = self.do(call, oargs)
			if fstatus < 0:
				return answer
			for real, fake in self.fakes.items():
				ftext = ftext.replace(fake, real)
		if status != fstatus or comparable(ftext) != comparable(text):
			self.report(
				"gate",
				call,
				f"answer depends on a secret in the filter ({status} vs {fstatus}): "
				f"{oneline(comparable(text))[:160]} vs {oneline(comparable(ftext))[:160]}",
			)
		return answer

	def report(self, tag: str, call: Call, ex: str) -> None:
		key = (tag, call.method, call.user["role"])
		with self.lock:
			if key in self.seen_findings:
				return
			self.seen_findings.add(key)
			f = Finding(
				tag,
				call.method,
				call.user["user"],
				f"{call.http} {call.path} {call.template} " + json.dumps(call.args, ensure_ascii=False)[:300],
				ex,
			)
			self.findings.append(f)
			line = f"- [{tag}] {f.method} as {call.user['role']} ({f.user}): {f.template} -> {ex}"
			print("FINDING " + line, flush=True)
			if self.md:
				self.md.write(line + "\n")
				self.md.flush()

	# -- writes -------------------------------------------------------------------------------
	def connect_db(self):
		d = self.fx["db"]
		import pymysql  # the bench's virtualenv has it; the pure parts of the sweep do not need it

		self.pymysql = pymysql
		self.db = pymysql.connect(
			host=self.opts.db_host or d["host"],
			port=d["port"],
			user=d["name"],
			password=d["password"],
			database=d["name"],
			autocommit=True,
			charset="utf8mb4",
		)

	def snapshot(self) -> dict:
		r = self.rec
		docs = [
			r["secret_petition"],
			r["other_petition"],
			r["nounit_petition"],
			r["assignment"],
			r["identity"],
		]
		files = [f["file_url"] for f in r["files"]]
		hashes = [f["content_hash"] for f in r["files"] if f.get("content_hash")]
		inn = lambda xs: ", ".join(self.db.escape(x) for x in xs) or "''"  # noqa: E731
		likes = " or ".join(
			f"{{col}} like {self.db.escape('%' + t + '%')}" for t in self.tok["secret"] + self.tok["scope"]
		)
		dts = inn([PETITION, ASSIGNMENT, IDENTITY])
		ref = lambda dcol, ncol: f"{dcol} in ({dts}) and {ncol} in ({inn(docs)})"  # noqa: E731
		queries = {
			PETITION: f"select * from `tabCitizen Petition` where name in ({inn(docs)})",
			IDENTITY: f"select * from `tabPetition Identity` where petition in ({inn(docs)}) or name in ({inn(docs)})",
			ASSIGNMENT: f"select * from `tabPetition Assignment` where name in ({inn(docs)})",
			SUBSCRIPTION: f"select * from `tab{SUBSCRIPTION}` where petition in ({inn(docs)})",
			UPDATE_MESSAGE: f"select * from `tab{UPDATE_MESSAGE}` where petition in ({inn(docs)})",
			"Assignment Petition": f"select * from `tabAssignment Petition` where parent in ({inn(docs)}) or petition in ({inn(docs)})",
			"Assignment Progress Update": f"select * from `tabAssignment Progress Update` where parent in ({inn(docs)})",
			"Assignment Coordinating Unit": f"select * from `tabAssignment Coordinating Unit` where parent in ({inn(docs)})",
			"File": f"select * from `tabFile` where ({ref('attached_to_doctype', 'attached_to_name')}) or file_url in ({inn(files)}) "
			f"or content_hash in ({inn(hashes)}) or {likes.format(col='file_name')}",
			"Comment": f"select * from `tabComment` where ({ref('reference_doctype', 'reference_name')}) or {likes.format(col='content')}",
			"Communication": f"select * from `tabCommunication` where ({ref('reference_doctype', 'reference_name')}) "
			f"or {likes.format(col='subject')} or {likes.format(col='content')}",
			"Communication Link": f"select * from `tabCommunication Link` where {ref('link_doctype', 'link_name')}",
			"Version": f"select * from `tabVersion` where {ref('ref_doctype', 'docname')}",
			"ToDo": f"select * from `tabToDo` where ({ref('reference_type', 'reference_name')}) or {likes.format(col='description')}",
			"Tag Link": f"select * from `tabTag Link` where {ref('document_type', 'document_name')}",
			"DocShare": f"select * from `tabDocShare` where {ref('share_doctype', 'share_name')}",
			"Deleted Document": f"select * from `tabDeleted Document` where {ref('deleted_doctype', 'deleted_name')}",
			"Notification Log": f"select * from `tabNotification Log` where {ref('document_type', 'document_name')}",
			"Email Queue": f"select * from `tabEmail Queue` where {ref('reference_doctype', 'reference_name')}",
		}
		snap = {}
		with self.lock:
			self.db.ping(reconnect=True)  # MariaDB may have been restarted under the sweep
			cur = self.db.cursor(self.pymysql.cursors.DictCursor)
			for table, q in queries.items():
				try:
					cur.execute(q)
				except self.pymysql.err.ProgrammingError:
					continue
				for row in cur.fetchall():
					row.pop("_seen", None)  # reading a record marks it seen: not a write
					digest = hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
					snap[(table, row.get("name"))] = (digest, row)
		return snap

	def restore(self, before: dict, after: dict) -> None:
		"""The fixture records put back as they were before the method (a legitimate write, e.g.
		by the officer to a petition of his unit, must not hide what a later method would leak)."""
		with self.lock:
			self.db.ping(reconnect=True)
			cur = self.db.cursor()
			for key in set(before) | set(after):
				if before.get(key, (None,))[0] == after.get(key, (None,))[0]:
					continue
				table, name = key
				quoted = f"`tab{table}`"
				if key not in before:
					cur.execute(f"delete from {quoted} where name = %s", (name,))
				elif key not in after:
					row = before[key][1]
					cols = ", ".join(f"`{c}`" for c in row)
					marks = ", ".join(["%s"] * len(row))
					cur.execute(f"insert into {quoted} ({cols}) values ({marks})", list(row.values()))
				else:
					old, new = before[key][1], after[key][1]
					cols = [c for c in old if old[c] != new.get(c)]
					if cols:
						sets = ", ".join(f"`{c}` = %s" for c in cols)
						cur.execute(
							f"update {quoted} set {sets} where name = %s", [old[c] for c in cols] + [name]
						)

	def judge_writes(self, method: str, per_user: list[list[Call]], before: dict, after: dict) -> None:
		"""Rows of the fixture records changed while ``per_user`` calls of ``method`` ran: each put down to
		the user Frappe recorded (owner of a new row, modified_by of a changed one); a deleted row
		to every user who called, and a finding only when none of them had the right."""
		users = [cs[0].user for cs in per_user]
		secret_hashes = {
			f.get("content_hash") for f in self.rec["files"] if f["name"] == self.rec["secret_file"]
		}
		changed = [
			k for k in set(before) | set(after) if before.get(k, (None,))[0] != after.get(k, (None,))[0]
		]
		r = self.rec
		fixture_docs = {
			r["secret_petition"],
			r["other_petition"],
			r["nounit_petition"],
			r["assignment"],
			r["identity"],
		}
		for key in changed:
			table, name = key
			row = (after.get(key) or before.get(key))[1]
			kind = "new" if key not in before else "deleted" if key not in after else "changed"
			related = (
				row.get("reference_name")
				or row.get("attached_to_name")
				or row.get("docname")
				or row.get("document_name")
				or row.get("share_name")
				or row.get("deleted_name")
				or row.get("link_name")
				or (row.get("petition") if table in BY_PETITION else None)
				or row.get("parent")
				or name
			)
			if table in (PETITION, ASSIGNMENT):
				related = name
			secret_copy = (
				table == "File"
				and kind == "new"
				and (
					row.get("file_url") == self.rec["secret_file_url"]
					or row.get("content_hash") in secret_hashes
				)
			)
			if kind == "new" and related not in fixture_docs and not secret_copy:
				continue  # the user's own new record (it may hold a token the sweep itself sent)
			cols = []
			if kind == "changed":
				old = before[key][1]
				cols = [
					c
					for c in row
					if str(row.get(c)) != str(old.get(c)) and c not in ("modified", "modified_by")
				]
			# what Frappe asks of a user for such a row: reading the record for a comment, a like,
			# an assignment or a message; writing it for a change, a tag, a file, a share
			light = set(cols) <= {"_liked_by", "_comments", "_assign", "_seen"}
			need = "read" if (table in (PETITION, ASSIGNMENT) and light) or table in READ_ENOUGH else "write"
			writer = row.get("owner") if kind == "new" else row.get("modified_by")
			suspects = [u for u in users if u["user"] == writer] if kind != "deleted" else []
			if not suspects:
				# deleted, or written without Frappe recording who (update_modified=False): the
				# users whose calls named the record, else every user who called
				suspects = [cs[0].user for cs in per_user if any(related in json.dumps(c.args) for c in cs)]
				suspects = suspects or users
			allowed = [
				u
				for u in suspects
				if table != IDENTITY
				and not secret_copy
				and related in self.fx["rights"].get(u["user"], {}).get(need, [])
			]
			if suspects and not allowed:
				for u in suspects:
					call = Call(method, u, "", "", {}, "(one of its calls)")
					self.report(
						"gate",
						call,
						f"{kind} {table} {name} of {related} (columns {cols[:6]}) by a user without {need} on it",
					)

	# -- the run ------------------------------------------------------------------------------
	def units(self) -> list[dict]:
		"""Every unit of coverage: dotted names, controller methods, REST routes."""
		units = []
		overrides = self.ml.get("overrides", {})
		for dotted, info in sorted(self.ml["functions"].items()):
			# the defining module's own name is swept in full; other names of the same function too
			# when a hook names them (override_whitelisted_methods), else with fewer arguments
			alias = dotted != info["defined_as"] and dotted not in overrides
			units.append(
				{
					"kind": "method",
					"name": dotted,
					"params": info["params"],
					"http": info["http"],
					"alias": alias,
				}
			)
		for source in sorted(overrides):
			# a name a hook redirects: called under that name, with the parameters of its target
			if source in self.ml["functions"]:
				continue
			target = (overrides[source] or [None])[-1]
			info = self.ml["functions"].get(target) or {"params": [], "http": []}
			units.append({"kind": "method", "name": source, "params": info["params"], "http": info["http"]})
		for key, info in sorted(self.ml["controller"].items()):
			units.append({"kind": "controller", "name": key, **info})
		for route in (
			"v1 list",
			"v1 read",
			"v1 update",
			"v1 delete",
			"v1 run",
			"v2 list",
			"v2 read",
			"v2 update",
			"v2 delete",
			"v2 count",
			"v2 meta",
			"v2 method",
			"files",
		):
			units.append({"kind": "route", "name": route})
		return units

	def skip_reason(self, name: str) -> str | None:
		if self.opts.only and not re.search(self.opts.only, name):
			return "not selected (--only)"
		for rx, reason in SKIP:
			if re.search(rx, name):
				return reason
		return None

	def calls_for(self, unit: dict, user: dict) -> list[Call]:
		calls = []
		if unit["kind"] == "method":
			http = "POST" if not unit["http"] or "POST" in unit["http"] else unit["http"][0]
			alias = unit.get("alias", False)
			if alias and not user["scoped"]:
				return calls  # an alias runs the same code: the unit officer (and a guest) call it
			for desc, args in self.templates(unit["params"], user, alias):
				calls.append(Call(unit["name"], user, http, f"/api/method/{unit['name']}", args, desc))
		elif unit["kind"] == "controller":
			dt = unit["doctype"]
			base = unit["name"].startswith("frappe.model.document.Document.")
			if not dt and not base:
				return calls
			http = "POST" if not unit["http"] or "POST" in unit["http"] else unit["http"][0]
			# a method of Frappe's Document runs on every doctype: on every target
			docs = [
				t for t in self.targets if (base or t.doctype == dt) and (user["scoped"] or not t.scope_only)
			]
			if not docs:
				sample = self.ml["samples"].get(dt)
				if not sample:
					# no record of that doctype on the site: the method on a new, unsaved one
					for desc, args in self.templates(unit["params"], user)[:2]:
						new_doc = {
							"doctype": dt,
							"name": f"new-{dt.lower().replace(' ', '-')}-1",
							"__islocal": 1,
						}
						calls.append(
							Call(
								unit["name"],
								user,
								http,
								"/api/method/run_doc_method",
								{
									"docs": json.dumps(new_doc),
									"method": unit["method"],
									"args": json.dumps(args),
								},
								f"a new {dt}: {desc}",
							)
						)
					return calls
				docs = [Target(f"a {dt}", dt, sample, ["*"], [])]
			for target in docs:
				for desc, args in self.templates(unit["params"], user)[: 1 if base else 3]:
					a = dict(args)
					calls.append(
						Call(
							unit["name"],
							user,
							http,
							"/api/method/run_doc_method",
							{
								"dt": target.doctype,
								"dn": target.name,
								"method": unit["method"],
								"args": json.dumps(a),
							},
							f"{target.key}: {desc}",
						)
					)
					if target.key not in ALIAS_TARGETS:
						continue  # REST v2's door to the same method: on the main targets
					calls.append(
						Call(
							unit["name"],
							user,
							http,
							f"/api/v2/document/{quote(target.doctype)}/{quote(target.name)}/method/{unit['method']}/",
							a,
							f"v2 {target.key}: {desc}",
						)
					)
		else:
			calls += self.route_calls(unit["name"], user)
		return calls

	def route_calls(self, route: str, user: dict) -> list[Call]:
		calls = []
		for t in self.targets:
			if t.scope_only and not user["scoped"]:
				continue
			dt, dn = quote(t.doctype), quote(t.name or "")
			fields_all = json.dumps(["*"])
			fields_named = json.dumps([f for f in t.fields if f != "*"] or ["name"])
			filt = [json.dumps({"name": t.name})] + [
				json.dumps([[t.doctype, f, "like", f"%{tok}%"]]) for f, tok in t.like
			]
			if route in ("v1 list", "v2 list"):
				base = "/api/resource/" if route == "v1 list" else "/api/v2/document/"
				for fl, fi in [(fields_all, filt[0])] + [(fields_named, f) for f in filt[1:]]:
					if True:
						args = {"fields": fl, "filters": fi, "limit_page_length": 20}
						if t.parent:
							args["parent"] = t.parent
						calls.append(Call(route, user, "GET", base + dt, args, t.key))
			elif route in ("v1 read", "v2 read"):
				base = "/api/resource/" if route == "v1 read" else "/api/v2/document/"
				calls.append(Call(route, user, "GET", f"{base}{dt}/{dn}", {}, t.key))
			elif route in ("v1 update", "v2 update"):
				base = "/api/resource/" if route == "v1 update" else "/api/v2/document/"
				field_ = next((f for f in t.fields if f not in ("*",) and not f.startswith("_")), "name")
				calls.append(
					Call(
						route,
						user,
						"PUT",
						f"{base}{dt}/{dn}",
						{"data": json.dumps({"_liked_by": "[]"})},
						t.key,
					)
				)
				calls.append(
					Call(
						route, user, "PUT", f"{base}{dt}/{dn}", {"data": json.dumps({field_: "sweep"})}, t.key
					)
				)
			elif route in ("v1 delete", "v2 delete"):
				if t.doctype == IDENTITY or dn == "" or not user["scoped"]:
					continue  # only users without any right to the record (the fixtures must survive)
				base = "/api/resource/" if route == "v1 delete" else "/api/v2/document/"
				calls.append(Call(route, user, "DELETE", f"{base}{dt}/{dn}", {}, t.key))
			elif route == "v1 run":
				calls.append(
					Call(route, user, "POST", f"/api/resource/{dt}/{dn}", {"run_method": "get_onload"}, t.key)
				)
			elif route == "v2 count":
				for fi in filt:
					calls.append(
						Call(route, user, "GET", f"/api/v2/doctype/{dt}/count", {"filters": fi}, t.key)
					)
			elif route == "v2 meta":
				calls.append(Call(route, user, "GET", f"/api/v2/doctype/{dt}/meta", {}, t.key))
			elif route == "v2 method":
				calls.append(
					Call(route, user, "GET", f"/api/v2/method/{dt}/get_onload", {"name": t.name}, t.key)
				)
			elif route == "files" and t.file_url:
				calls.append(Call(route, user, "GET", quote(t.file_url), {}, t.key))
				calls.append(
					Call(
						route,
						user,
						"GET",
						"/api/method/frappe.utils.file_manager.download_file",
						{"file_url": t.file_url},
						t.key,
					)
				)
				calls.append(
					Call(route, user, "GET", "/api/method/download_file", {"file_url": t.file_url}, t.key)
				)
				calls.append(
					Call(
						route,
						user,
						"GET",
						"/printview",
						{"doctype": PETITION, "name": self.rec["secret_petition"], "format": "Standard"},
						"secret petition print",
					)
				)
		return calls

	def run(self) -> int:
		t0 = time.monotonic()
		if not self.opts.dry_run:
			for u in self.users + ([self.guest] if self.guest else []):
				self.login(u)
			self.connect_db()
		units = self.units()
		total_functions = len(self.ml["functions"])
		print(
			f"whitelisted functions in Frappe and the app: {self.ml['whitelisted_total']}; dotted names "
			f"(aliases included): {total_functions}; controller methods: {len(self.ml['controller'])}; "
			f"overrides: {len(self.ml.get('overrides', {}))}; import errors: {len(self.ml['import_errors'])}"
		)
		for e in self.ml["import_errors"]:
			print(f"  not importable: {e}")
		for u in self.ml.get("unaccounted", []):
			print(f"  whitelisted but not reachable by a dotted name: {u}")
		print(f"users: {', '.join(u['role'] + ('(unit-scoped)' if u['scoped'] else '') for u in self.users)}")
		if self.opts.dry_run:
			counts = {}
			for unit in units:
				if not self.skip_reason(unit["name"]):
					counts[unit["name"]] = sum(
						min(self.opts.max_calls, len(self.calls_for(unit, u))) for u in self.users
					)
			print(f"dry run: {sum(counts.values())} calls over {len(counts)} units")
			for name, n in sorted(counts.items(), key=lambda kv: -kv[1])[:25]:
				print(f"  {n:5d} {name}")
			return 0
		pool = cf.ThreadPoolExecutor(self.opts.workers)
		deadline = t0 + self.opts.budget
		for i, unit in enumerate(units):
			reason = self.skip_reason(unit["name"])
			if reason:
				self.skipped[unit["name"]] = reason
				continue
			if time.monotonic() > deadline:
				self.skipped[unit["name"]] = "time budget spent"
				continue
			users = self.users + ([self.guest] if self.guest and self.guest_allowed(unit) else [])
			per_user = [cs[: self.opts.max_calls] for cs in (self.calls_for(unit, u) for u in users) if cs]
			if not per_user:
				self.skipped[unit["name"]] = "no doctype for this controller method"
				continue
			# every user's first call, then the rest of the calls of the users not refused at the
			# door (only_for, not whitelisted: other arguments change nothing), with a snapshot of
			# the fixture records around the method; a row is put down to the user who wrote it
			before = self.snapshot()
			firsts = list(pool.map(self.guarded, [cs[0] for cs in per_user]))
			rest = []
			for cs, answer in zip(per_user, firsts, strict=True):
				if refused_at_door(answer):
					self.stats.door_refused += len(cs) - 1
				else:
					rest += cs[1:]
			list(pool.map(self.guarded, rest))
			after = self.snapshot()
			if before != after:
				self.judge_writes(unit["name"], per_user, before, after)
				self.restore(before, after)
			self.covered.add(unit["name"])
			for u in self.users:
				if not self.session_alive(u):
					self.stats.relogins.append(unit["name"])
					print(f"  session of {u['user']} ended after {unit['name']}: logging in again")
					self.login(u)
			if self.opts.progress and i % 100 == 0:
				print(
					f"  ... {i}/{len(units)} units, {self.stats.calls} calls, {len(self.findings)} findings, "
					f"{time.monotonic() - t0:.0f}s",
					flush=True,
				)
		pool.shutdown()
		return self.summary(units, time.monotonic() - t0)

	def guarded(self, call: Call) -> tuple[int, str]:
		try:
			return self.check(call)
		except Exception as e:  # a bug of the sweep is reported, never silent
			print(f"  sweep error on {call.method}: {type(e).__name__}: {e}", file=sys.stderr)
			return -3, ""

	def guest_allowed(self, unit: dict) -> bool:
		if unit["kind"] == "route":
			return True
		info = self.ml["functions"].get(unit["name"]) or self.ml["controller"].get(unit["name"]) or {}
		return bool(info.get("guest"))

	def summary(self, units: list[dict], seconds: float) -> int:
		by_reason: dict[str, list[str]] = {}
		for name, reason in self.skipped.items():
			by_reason.setdefault(reason, []).append(name)
		print("\nskipped:")
		for reason, names in sorted(by_reason.items()):
			shown = names if len(names) <= 12 else [*names[:12], f"... {len(names) - 12} more"]
			print(f"  {len(names)} - {reason}: {', '.join(shown)}")
		if self.stats.timeouts:
			print(f"timed out ({self.opts.timeout}s): {sorted(set(self.stats.timeouts))}")
		tags: dict[str, int] = {}
		for f in self.findings:
			tags[f.tag] = tags.get(f.tag, 0) + 1
		kinds = {
			k: sum(1 for u in units if u["kind"] == k and u["name"] in self.covered)
			for k in ("method", "controller", "route")
		}
		print(
			f"\nsweep: {len(self.covered)} of {len(units)} covered ({kinds['method']} methods, {kinds['controller']} "
			f"controller methods, {kinds['route']} routes), {len(self.skipped)} skipped; {self.stats.calls} calls "
			f"{dict(sorted(self.stats.status.items()))}; {seconds:.0f}s"
		)
		# deep: the method ran on the arguments (answered, or decided on them: a refusal of the
		# record, not found, a validation); shallow: every call failed (500), timed out or was
		# refused at the door (not whitelisted for the role, only_for) before the arguments counted
		deep = {
			u
			for u in self.covered
			if any(0 < st < 500 and st != -403 for st in self.stats.answers.get(u, ()))
		}
		shallow = self.covered - deep
		at_door = {u for u in shallow if -403 in self.stats.answers.get(u, ())}
		print(
			f"depth: {len(deep)} covered deep (answered on their arguments), {len(shallow)} shallow "
			f"({len(at_door)} refused at the door for every user, {len(shallow - at_door)} failing on the arguments)"
		)
		reasons: dict[str, int] = {}
		for u in shallow - at_door:
			r = self.stats.errors.get(u, "no answer")
			reasons[r] = reasons.get(r, 0) + 1
		for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])[: self.opts.show_reasons]:
			print(f"  {n:4d} shallow: {r}")
		if self.opts.shallow_out:
			with open(self.opts.shallow_out, "w") as f:
				for u in sorted(shallow - at_door):
					f.write(f"{u}\t{self.stats.errors.get(u, '')}\n")
		print(f"findings: {len(self.findings)} " + " ".join(f"[{k}] {v}" for k, v in sorted(tags.items())))
		failed = {f.method for f in self.findings}
		# a method left out for time is not proven: it counts as a failed check
		late = [n for n, reason in self.skipped.items() if reason == "time budget spent"]
		if late:
			print(
				f"NOT COVERED (time budget of {self.opts.budget:.0f}s spent): {len(late)} methods or routes"
			)
		print(f"sweep checks: {len(self.covered - failed)} passed, {len(failed) + len(late)} failed")
		return 1 if self.findings or late else 0


def value_of_type(p: dict):
	"""A harmless value for a required parameter the sweep aims nothing at, of the kind its
	annotation (or its name) asks for: a method that gets what it can parse runs for real."""
	ann, n = (p.get("annotation") or "").lower(), p["name"]
	if n == "permlevel":
		return 0
	if n == "ptype":
		return "read"
	if n == "role":
		return "Guest"
	if re.search(r"\bbool\b", ann) or re.match(r"^(is_|has_|with_|show_|include_|only_|as_)", n):
		return 0
	if re.match(r"^(prev|next|reset|enable|enabled|disable|value_only)$", n):
		return 0
	if re.search(r"\b(int|float)\b", ann) or re.search(
		r"(^|_)(count|limit|length|size|idx|index|year|month|day|days)$", n
	):
		return 1
	if (
		re.search(r"\b(dict|_dict)\b", ann)
		or re.match(
			r"^(data|values|value_dict|settings|config|options|opts|params|meta|properties|mapping|"
			r"context|page|new_page|event)$",
			n,
		)
		or re.search(r"_(map|config|info|settings|dict|json|doc)$", n)
	):
		return "{}"
	if (
		re.search(r"\b(list|tuple|set)\b", ann)
		or re.search(r"((^|_)order|_list|_range)$", n)
		or (n.endswith("s") and n not in ("status", "class", "address"))
	):
		return "[]"
	if re.search(r"(^|_)(date|start|end|from|to)$", n):
		return time.strftime("%Y-%m-%d")
	if re.search(r"(^|_)(datetime|timestamp|time)$", n):
		return time.strftime("%Y-%m-%d %H:%M:%S")
	return "sweep"


def failure_reason(text: str) -> str:
	"""Why a call answered 500, in one line: the exception's type and the first words of its
	message (the traceback's last line)."""
	body = text.split("\n", 1)[-1]
	try:
		data = json.loads(body)
	except ValueError:
		return "not JSON"
	if not isinstance(data, dict):
		return "?"
	exc = data.get("exception") or ""
	if not exc and data.get("exc"):
		try:
			exc = json.loads(data["exc"])[0].strip().splitlines()[-1]
		except (ValueError, IndexError, TypeError):
			exc = str(data["exc"])[-200:]
	if not exc and data.get("errors"):
		first = data["errors"][0] if isinstance(data["errors"], list) and data["errors"] else {}
		exc = f"{first.get('type', '')}: {first.get('message', '')}" if isinstance(first, dict) else ""
	exc = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", exc)  # the values, not the shape
	return oneline(exc)[:90]


def refused_at_door(answer: tuple[int, str]) -> bool:
	"""Refused before the arguments were looked at (Frappe's traceback names where)."""
	status, text = answer
	return status == 403 and any(
		f"in {fn}" in text for fn in ("only_for", "is_whitelisted", "validate_csrf_token")
	)


MESSAGE_KEYS = (
	# v1's keys, then v2's (/api/v2 answers a refusal as "errors" and messages as "messages")
	"_server_messages",
	"errors",
	"messages",
	"exception",
	"exc",
	"exc_type",
	"_exc_source",
	"_error_message",
	"_debug_messages",
)


def without_messages(text: str) -> str:
	"""The answer without Frappe's messages and errors (where a refusal names what was asked)."""
	head, _, body = text.partition("\n")
	try:
		data = json.loads(body)
	except ValueError:
		return text
	if isinstance(data, dict):
		data = {k: v for k, v in data.items() if k not in MESSAGE_KEYS}
	return head + "\n" + json.dumps(data, ensure_ascii=False)


# what differs between two answers to the same refused request without telling anything about
# the record: where in the code it failed (tracebacks, exception text), never what was found
TRACE_KEYS = ("exc", "exception", "_exc_source", "_debug_messages", "traceback", "exc_info")
TRACEBACK = re.compile(r"Traceback \(most recent call last\):.*?(?=\n\S|\Z|</pre>|</code>)", re.S)


def without_traces(data):
	"""A JSON answer without tracebacks and exception text, at any depth (v1's ``exc`` and
	``exception``, v2's ``errors[].exception``, messages that hold a JSON message inside)."""
	if isinstance(data, dict):
		return {k: without_traces(v) for k, v in data.items() if k not in TRACE_KEYS}
	if isinstance(data, list):
		return [without_traces(v) for v in data]
	if isinstance(data, str) and data[:1] in "[{" and data[-1:] in "]}":
		try:
			return without_traces(json.loads(data))
		except ValueError:
			pass
	if isinstance(data, str):
		return TRACEBACK.sub("<traceback>", data)
	return data


def comparable(text: str) -> str:
	"""The body of an answer as it is compared for an oracle: without tracebacks, exception
	text and what is new on every request (ids, times, new records' names)."""
	body = text.split("\n", 1)[-1]
	try:
		body = json.dumps(without_traces(json.loads(body)), sort_keys=True, ensure_ascii=False)
	except ValueError:
		body = TRACEBACK.sub("<traceback>", body)
	return normalise(body)


def normalise(text: str) -> str:
	text = text.split("\n", 1)[-1]  # the body, not the headers
	text = re.sub(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?", "<ts>", text)
	text = re.sub(r"0x[0-9a-f]+", "<addr>", text)
	text = re.sub(r"\b[0-9a-f]{32,}\b", "<id>", text)  # __frappe_exc_id and the like
	text = re.sub(r"Execution time: [0-9.]+ sec", "<time>", text)
	# a Unix time in seconds (2001-2033): the public form's token is "<expiry>.<signature>", new
	# every second whatever the filter sent along
	text = re.sub(r"\b1\d{9}\b", "<epoch>", text)
	# new records' names: Frappe's "hash" naming is ten base-32 characters, [0-9a-v] (one in 40
	# is letters only: CI met a new Comment named so). A value in quotes needs a letter (a phone
	# number is ten digits), a name inside other text a digit and a letter
	text = re.sub(r'"(?=[0-9a-v]*[a-v])[0-9a-v]{10}"', '"<name>"', text)
	text = re.sub(r"\b(?=[0-9a-z]*[0-9])(?=[0-9a-z]*[a-z])[0-9a-z]{10}\b", "<name>", text)
	text = re.sub(r"Content-Length: \d+", "", text)
	return text


def body_of(text: str) -> str:
	return text.split("\n", 1)[-1]


def oneline(s: str) -> str:
	"""One printable line (a zip's bytes shown as dots)."""
	return re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]", "·", re.sub(r"\s+", " ", s))


def excerpt(text: str, token: str, echo: str = "") -> str:
	"""Around the token; around an occurrence the echo does not have when there is one."""
	i = text.find(token)
	if echo:
		for m in re.finditer(re.escape(token), text):
			around = text[max(0, m.start() - 30) : m.end() + 10]
			if around not in echo:
				i = m.start()
				break
	return "…" + oneline(text[max(0, i - 60) : i + len(token) + 40]) + "…"


def main() -> int:
	ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
	ap.add_argument("--url", required=True)
	ap.add_argument("--site", required=True, help="the Host header (the site's name)")
	ap.add_argument("--fixtures", required=True)
	ap.add_argument("--methods", required=True)
	ap.add_argument("--workers", type=int, default=3)
	ap.add_argument("--timeout", type=float, default=30)
	ap.add_argument(
		"--budget", type=float, default=1800, help="seconds; what is left then is listed and counts as failed"
	)
	ap.add_argument("--variants", type=int, default=2)
	ap.add_argument("--max-calls", type=int, default=30, help="calls per method and user at most")
	ap.add_argument("--only", help="a regex on the method name (for a quick look)")
	ap.add_argument(
		"--users",
		nargs="*",
		# the Secretariat reads the citizen's subscriptions and the messages sent to them
		default=["Dialogue Supervisor", "Dialogue Reception Officer", "Dialogue Secretariat"],
		help="roles to sweep as, or 'all' (the unit officer always)",
	)
	ap.add_argument("--db-host")
	ap.add_argument("--findings-md", help="append findings to this file as they are found")
	ap.add_argument("--progress", action="store_true")
	ap.add_argument("--no-guest", action="store_true", help="do not sweep as a visitor who is not logged in")
	ap.add_argument("--dry-run", action="store_true", help="count the calls, make none")
	ap.add_argument(
		"--show-reasons", type=int, default=8, help="why shallow methods fail: the commonest reasons"
	)
	ap.add_argument("--shallow-out", help="write each shallow method and why to this file")
	opts = ap.parse_args()
	return Sweep(opts).run()


if __name__ == "__main__":
	sys.exit(main())
