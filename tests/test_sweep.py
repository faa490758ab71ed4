"""The whitelist sweep's own rules (scripts/sweep.py), without a site: which arguments a method
gets from its signature, when an answer is a leak and not an echo, when a filter is an oracle,
which rows written are findings. The sweep itself runs in tier 2 (.ci/run)."""

from __future__ import annotations

import importlib.util
import json
import sys
from argparse import Namespace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECRET_NAME = "SWNAMEAAAAAAAAAAAA"
ID_NUMBER = "012345678901"
FILE_TOKEN = "SWFILEBBBBBBBBBBBB"
OUT_SUBJECT = "SWOUTCCCCCCCCCCCC"


def load_sweep():
	spec = importlib.util.spec_from_file_location("sweep_under_test", ROOT / "scripts" / "sweep.py")
	module = importlib.util.module_from_spec(spec)
	sys.modules[spec.name] = module
	spec.loader.exec_module(module)
	return module


sweep = load_sweep()

SUPERVISOR = {"user": "sup@x.invalid", "password": "p", "role": "Dialogue Supervisor", "scoped": False}
OFFICER = {"user": "off@x.invalid", "password": "p", "role": "Dialogue Unit Officer", "scoped": True}


def fixtures() -> dict:
	return {
		"tokens": {"secret": [SECRET_NAME, ID_NUMBER, FILE_TOKEN], "scope": [OUT_SUBJECT, "YK-2026-00002"]},
		"raw_tokens": {
			"name": SECRET_NAME,
			"id_number": ID_NUMBER,
			"file_name": FILE_TOKEN,
			"out_subject": OUT_SUBJECT,
			"out_content": "SWOUTCDDDDDDDDDDDD",
			"out_file": "SWOUTFEEEEEEEEEEEE",
			"nounit_subject": "SWNOUFFFFFFFFFFFF",
			"assignment_task": "SWASG000000000000",
			"tag": "SWTAG000000000000",
		},
		"users": [SUPERVISOR, OFFICER],
		"records": {
			"secret_petition": "YK-2026-00001",
			"identity": "ident1",
			"secret_file": "file1",
			"secret_file_url": f"/private/files/{FILE_TOKEN}.txt",
			"secret_file_name": f"{FILE_TOKEN}.txt",
			"secret_comment": "comment1",
			"other_petition": "YK-2026-00002",
			"other_file": "file2",
			"other_file_url": "/files/SWOUTFEEEEEEEEEEEE.txt",
			"other_comment": "comment2",
			"communication": "comm1",
			"todo": "todo1",
			"nounit_petition": "YK-2026-00003",
			"assignment": "GV-2026-00001",
			"children": {"Assignment Petition": "row1"},
			"files": [
				{"name": "file1", "file_url": f"/private/files/{FILE_TOKEN}.txt", "content_hash": "h1"},
			],
		},
		"rights": {
			SUPERVISOR["user"]: {"read": ["YK-2026-00001", "YK-2026-00002"], "write": []},
			OFFICER["user"]: {"read": ["YK-2026-00001"], "write": ["YK-2026-00001"]},
		},
		"db": {"name": "db", "password": "", "host": "127.0.0.1", "port": 3306},
	}


def methods() -> dict:
	def params(*names):
		return [{"name": n, "required": False, "kwargs": False, "annotation": ""} for n in names]

	return {
		"whitelisted_total": 3,
		"import_errors": [],
		"unaccounted": [],
		"overrides": {},
		"samples": {},
		"controller": {},
		"functions": {
			"frappe.client.get_list": {
				"defined_as": "frappe.client.get_list",
				"params": params("doctype", "fields", "filters"),
				"http": ["GET", "POST"],
				"guest": False,
			},
			"frappe.handler.logout": {
				"defined_as": "frappe.handler.logout",
				"params": [],
				"http": ["GET", "POST"],
				"guest": True,
			},
			"frappe.utils.print_format.download_pdf": {
				"defined_as": "frappe.utils.print_format.download_pdf",
				"params": params("doctype", "name", "format"),
				"http": ["GET"],
				"guest": False,
			},
		},
	}


@pytest.fixture()
def sw(tmp_path):
	fx, ml = tmp_path / "f.json", tmp_path / "m.json"
	fx.write_text(json.dumps(fixtures()))
	ml.write_text(json.dumps(methods()))
	opts = Namespace(
		url="http://127.0.0.1:1",
		site="s",
		fixtures=str(fx),
		methods=str(ml),
		workers=1,
		timeout=1,
		budget=10,
		variants=2,
		max_calls=30,
		only=None,
		users=["Dialogue Supervisor"],
		db_host=None,
		findings_md=None,
		progress=False,
		dry_run=False,
		no_guest=False,
	)
	return sweep.Sweep(opts)


def unit(sw, name):
	return next(u for u in sw.units() if u["name"] == name)


def test_arguments_come_from_the_signature(sw):
	calls = sw.calls_for(unit(sw, "frappe.client.get_list"), SUPERVISOR)
	args = [c.args for c in calls]
	assert {"doctype": "Citizen Petition", "fields": '["*"]', "filters": '{"name": "YK-2026-00001"}'} in args
	assert any("_comments" in a["fields"] and "like" in a["filters"] for a in args)
	assert any(a["doctype"] == "Petition Identity" for a in args)
	# the supervisor may read other units' records: they are aimed at by the officer only
	assert not any(a["filters"] == '{"name": "YK-2026-00002"}' for a in args)
	officer = [c.args for c in sw.calls_for(unit(sw, "frappe.client.get_list"), OFFICER)]
	assert any(a["filters"] == '{"name": "YK-2026-00002"}' for a in officer)
	pdf = sw.calls_for(unit(sw, "frappe.utils.print_format.download_pdf"), SUPERVISOR)
	assert {c.http for c in pdf} == {"GET"}
	assert {"doctype": "Citizen Petition", "name": "YK-2026-00001", "format": "Standard"} in [
		c.args for c in pdf
	]


def test_what_would_end_the_session_is_skipped_with_a_reason(sw):
	assert sw.skip_reason("frappe.handler.logout") == "ends the sweep's own session"
	assert sw.skip_reason("frappe.client.get_list") is None


def answers(sw, table):
	"""``do`` answering from ``table``: a function of the arguments sent."""

	def do(call, args=None):
		return 200, "h: v\n" + table(call.args if args is None else args), {}

	sw.do = do


def test_a_token_in_an_answer_is_a_finding(sw):
	answers(sw, lambda a: json.dumps({"message": [{"_comments": f"The denouncer is {SECRET_NAME}"}]}))
	call = sweep.Call(
		"frappe.client.get_list", SUPERVISOR, "POST", "/x", {"doctype": "Citizen Petition"}, "t"
	)
	sw.check(call)
	assert [(f.tag, f.method) for f in sw.findings] == [("secret", "frappe.client.get_list")]


def test_an_echo_of_what_was_sent_is_not(sw):
	answers(sw, lambda a: json.dumps({"exception": f"No record {a['txt']}"}))
	call = sweep.Call("m", SUPERVISOR, "POST", "/x", {"txt": SECRET_NAME}, "t")
	sw.check(call)
	assert sw.findings == []


def test_an_answer_that_depends_on_a_secret_filter_is_an_oracle(sw):
	answers(sw, lambda a: json.dumps({"message": 1 if SECRET_NAME in a["filters"] else 0}))
	filters = json.dumps([["Comment", "content", "like", f"%{SECRET_NAME}%"]])
	sw.check(sweep.Call("frappe.client.get_count", SUPERVISOR, "POST", "/x", {"filters": filters}, "t"))
	assert [f.tag for f in sw.findings] == ["gate"]


def test_scope_tokens_count_for_the_unit_officer_only(sw):
	answers(sw, lambda a: json.dumps({"message": [{"subject": OUT_SUBJECT}]}))
	sw.check(sweep.Call("m", SUPERVISOR, "POST", "/x", {}, "t"))
	assert sw.findings == []
	sw.check(sweep.Call("m", OFFICER, "POST", "/x", {}, "t"))
	assert [f.tag for f in sw.findings] == ["scope"]


def per(*users, args=None):
	"""One call per user, as the sweep groups them for judge_writes."""
	return [[sweep.Call("m", u, "POST", "/x", args or {}, "t")] for u in users]


def row(**values):
	return ("digest-" + json.dumps(values, sort_keys=True), values)


def test_rows_written_without_the_right_are_findings(sw):
	def liked_by(user):
		return {
			("Citizen Petition", "YK-2026-00002"): row(
				name="YK-2026-00002", _liked_by=f'["{user}"]', modified_by=user
			)
		}

	before = {("Citizen Petition", "YK-2026-00002"): row(name="YK-2026-00002", _liked_by="[]")}
	sw.judge_writes(
		"frappe.desk.like.toggle_like", per(SUPERVISOR, OFFICER), before, liked_by(OFFICER["user"])
	)
	assert [(f.tag, f.user) for f in sw.findings] == [("gate", OFFICER["user"])]
	# the same like by a user who may read the petition: Frappe's own rule, no finding
	sw.findings.clear()
	sw.seen_findings.clear()
	sw.judge_writes(
		"frappe.desk.like.toggle_like", per(SUPERVISOR, OFFICER), before, liked_by(SUPERVISOR["user"])
	)
	assert sw.findings == []
	# a row deleted while both called: a finding only when neither had the right
	tag = {("Tag Link", "t1"): row(name="t1", document_name="YK-2026-00002")}
	sw.judge_writes("frappe.desk.doctype.tag.tag.remove_tag", per(SUPERVISOR, OFFICER), tag, {})
	assert [f.user for f in sw.findings] == [SUPERVISOR["user"], OFFICER["user"]]


def test_own_records_are_no_finding_but_a_copy_of_the_secret_file_is(sw):
	own = {("Comment", "c9"): row(name="c9", reference_name="Note1", owner="sup@x.invalid")}
	sw.judge_writes("m", per(SUPERVISOR), {}, own)
	assert sw.findings == []
	copy = {
		("File", "f9"): row(
			name="f9",
			file_url=f"/private/files/{FILE_TOKEN}.txt",
			attached_to_name="Note1",
			owner="sup@x.invalid",
		)
	}
	sw.judge_writes("frappe.utils.file_manager.add_attachments", per(SUPERVISOR), {}, copy)
	assert [f.tag for f in sw.findings] == ["gate"]


def test_identity_rows_are_never_written_by_a_sweep_user(sw):
	before = {("Petition Identity", "ident1"): row(name="ident1", petition="YK-2026-00001", phone="1")}
	after = {
		("Petition Identity", "ident1"): row(
			name="ident1", petition="YK-2026-00001", phone="2", modified_by=OFFICER["user"]
		)
	}
	sw.judge_writes("frappe.client.set_value", per(OFFICER), before, after)
	assert [f.tag for f in sw.findings] == ["gate"]


def test_refusal_at_the_door_and_normalising():
	assert sweep.refused_at_door((403, 'File "apps/frappe/frappe/__init__.py", line 1, in only_for'))
	assert not sweep.refused_at_door((403, "PermissionError: Not permitted"))
	a = '{"__frappe_exc_id": "' + "a" * 56 + '", "at": "2026-01-02 03:04:05.123"}'
	b = '{"__frappe_exc_id": "' + "b" * 56 + '", "at": "2026-01-02 03:04:06.999"}'
	assert sweep.normalise("h\n" + a) == sweep.normalise("h\n" + b)
	# a token that carries its expiry changes every second; a count or a name does not vanish
	assert sweep.normalise('h\n{"message": "1796446945.' + "c" * 64 + '"}') == sweep.normalise(
		'h\n{"message": "1796446946.' + "d" * 64 + '"}'
	)
	assert sweep.normalise('h\n{"message": 20}') != sweep.normalise('h\n{"message": 21}')
	# a new record's hash name, letters only or not, is no difference; a count in it still is
	assert sweep.normalise('h\n{"name": "qkbhdvaejn", "n": 1}') == sweep.normalise(
		'h\n{"name": "7f3k0a9b2c", "n": 1}'
	)
	assert sweep.normalise('h\n{"name": "qkbhdvaejn", "n": 1}') != sweep.normalise(
		'h\n{"name": "qkbhdvaejn", "n": 2}'
	)
	assert sweep.normalise('h\n{"phone": "0912345678"}') != sweep.normalise('h\n{"phone": "0987654321"}')
	assert sweep.normalise('h\n{"message": "YK-2026-00001"}') != sweep.normalise(
		'h\n{"message": "YK-2026-00002"}'
	)
	fake = sweep.rand_token(ID_NUMBER)
	assert fake.isdigit() and len(fake) == len(ID_NUMBER) and fake != ID_NUMBER


def test_a_refusal_naming_the_record_asked_for_is_no_leak(sw):
	answers(sw, lambda a: json.dumps({"exception": f"PermissionError: no access to {a['name']}"}))
	sw.check(sweep.Call("m", OFFICER, "POST", "/x", {"name": "YK-2026-00002"}, "t"))
	assert sw.findings == []
	# but a list that holds another unit's record is
	answers(sw, lambda a: json.dumps({"message": [{"name": "YK-2026-00002"}]}))
	sw.check(
		sweep.Call("frappe.desk.doctype.tag.tag.get_tagged_docs", OFFICER, "POST", "/x", {"tag": "t"}, "t")
	)
	assert [f.tag for f in sw.findings] == ["scope"]


def test_a_write_frappe_does_not_record_is_put_down_to_who_named_the_record(sw):
	before = {
		("Citizen Petition", "YK-2026-00002"): row(
			name="YK-2026-00002", _liked_by="[]", modified_by="Administrator"
		)
	}
	after = {
		("Citizen Petition", "YK-2026-00002"): row(
			name="YK-2026-00002", _liked_by='["off@x.invalid"]', modified_by="Administrator"
		)
	}
	calls = [
		[sweep.Call("m", SUPERVISOR, "POST", "/x", {"name": "YK-2026-00001"}, "t")],
		[sweep.Call("m", OFFICER, "POST", "/x", {"name": "YK-2026-00002"}, "t")],
	]
	sw.judge_writes("frappe.desk.like.toggle_like", calls, before, after)
	assert [(f.tag, f.user) for f in sw.findings] == [("gate", OFFICER["user"])]


def test_a_method_without_parameters_gets_form_arguments_aimed_at_the_secret(sw):
	calls = sw.calls_for(
		{"kind": "method", "name": "frappe.handler.upload_file", "params": [], "http": []}, SUPERVISOR
	)
	# two shapes: a list (reportview's get/get_count read only these names) and a document's
	# action (upload_file), both at the secret petition
	assert len(calls) == 2
	listed, action = (c.args for c in calls)
	assert set(listed) == {"doctype", "fields", "filters", "limit_page_length"}
	assert "YK-2026-00001" not in listed["filters"] and listed["doctype"] == "Citizen Petition"
	assert action["docname"] == "YK-2026-00001"
	assert action["file_url"] == f"/private/files/{FILE_TOKEN}.txt"


def test_an_oracle_is_judged_without_tracebacks_and_request_ids():
	def answer(message: str, trace: str, exc_id: str) -> str:
		body = {
			"exception": f"frappe.exceptions.PermissionError: {trace}",
			"exc_type": "PermissionError",
			"exc": json.dumps([f"Traceback (most recent call last):\n  File x, line {len(trace)}\n{trace}"]),
			"_server_messages": json.dumps([json.dumps({"message": message, "__frappe_exc_id": exc_id})]),
		}
		return "headers\n" + json.dumps(body)

	a = answer("Not permitted", "in upload_file", "a" * 32)
	b = answer("Not permitted", "in uploadfile at another line", "b" * 32)
	assert sweep.comparable(a) == sweep.comparable(b)
	# what a refusal says is compared: a message that changes with the secret is an oracle
	assert sweep.comparable(a) != sweep.comparable(answer("No match", "in upload_file", "a" * 32))


def test_a_required_parameter_gets_a_value_of_its_kind():
	kind = lambda name, ann="": sweep.value_of_type({"name": name, "annotation": ann})  # noqa: E731
	assert kind("field_map") == "{}" and kind("config") == "{}"
	assert kind("new_order") == "[]" and kind("receiver_list") == "[]" and kind("x", "list[str]") == "[]"
	assert kind("is_private") == 0 and kind("flag", "<class 'bool'>") == 0
	assert kind("page_length", "int") == 1
	assert len(kind("from_date")) == 10
	assert kind("code") == "sweep"
