"""Rules of the link between levels' sites (core/levels.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tiep_xuc_doi_thoai.core import levels


@pytest.mark.parametrize(
	"url, problem",
	[
		("https://tinh.laichau.gov.vn", None),
		("https://tinh.laichau.gov.vn/", None),
		("http://127.0.0.1:8000", None),
		("http://localhost:8111", None),
		("http://i11-up.localhost:8111", None),
		("http://[::1]:8000", None),
		("http://tinh.laichau.gov.vn", levels.UrlProblem.PLAIN_HTTP),
		("http://10.0.0.5", levels.UrlProblem.PLAIN_HTTP),
		("http://localhost.evil.com", levels.UrlProblem.PLAIN_HTTP),
		("ftp://tinh.gov.vn", levels.UrlProblem.SCHEME),
		("tinh.gov.vn", levels.UrlProblem.SCHEME),
		("https://user:pw@tinh.gov.vn", levels.UrlProblem.HAS_PATH),
		("https://tinh.gov.vn/?a=1", levels.UrlProblem.HAS_PATH),
		("", levels.UrlProblem.MISSING),
		(None, levels.UrlProblem.MISSING),
	],
)
def test_url_problem(url, problem):
	assert levels.url_problem(url) == problem


def test_endpoint_url_drops_the_trailing_slash():
	assert levels.endpoint_url("https://tinh.gov.vn/", "petition") == (
		"https://tinh.gov.vn/api/method/tiep_xuc_doi_thoai.integrations.receive.petition"
	)


def test_retry_delay_doubles_and_is_capped():
	delays = [levels.retry_delay(n).total_seconds() for n in range(1, 6)]
	assert delays == [60, 120, 240, 480, 960]
	assert levels.retry_delay(40) == dt.timedelta(seconds=levels.MAX_DELAY_SECONDS)


def _frappe_error(message: str) -> dict:
	return {"exc_type": "ValidationError", "_server_messages": json.dumps([json.dumps({"message": message})])}


@pytest.mark.parametrize(
	"status, body, error, outcome, reason",
	[
		(200, {"message": {"ok": True, "reference": "YK-1"}}, None, levels.Outcome.DELIVERED, ""),
		(None, None, levels.TIMEOUT, levels.Outcome.RETRY, levels.TIMEOUT),
		(None, None, "Connection refused", levels.Outcome.RETRY, levels.UNREACHABLE),
		(502, "Bad Gateway", None, levels.Outcome.RETRY, levels.SERVER),
		(503, None, None, levels.Outcome.RETRY, levels.SERVER),
		(429, None, None, levels.Outcome.RETRY, levels.SERVER),
		(401, _frappe_error("Invalid token"), None, levels.Outcome.REFUSED, levels.AUTH),
		(403, _frappe_error("Not permitted"), None, levels.Outcome.REFUSED, levels.AUTH),
		(404, "Not Found", None, levels.Outcome.REFUSED, levels.NO_APP),
		(
			417,
			_frappe_error("Failed to get method for command x with No module named 'x'"),
			None,
			levels.Outcome.REFUSED,
			levels.NO_APP,
		),
		(200, "<html>nginx</html>", None, levels.Outcome.REFUSED, levels.NO_APP),
		(200, {"message": "pong"}, None, levels.Outcome.REFUSED, levels.BAD_ANSWER),
		(409, _frappe_error("different content"), None, levels.Outcome.REFUSED, levels.CONFLICT),
		(417, _frappe_error("Lĩnh vực X không có"), None, levels.Outcome.REFUSED, levels.REFUSED),
	],
)
def test_judge_response(status, body, error, outcome, reason):
	verdict = levels.judge_response(status, body, error)
	assert (verdict.outcome, verdict.reason) == (outcome, reason)


def test_remote_message_reads_frappe_errors():
	assert levels.remote_message(_frappe_error("Lĩnh vực X không có")) == "Lĩnh vực X không có"
	assert levels.remote_message({"exception": "frappe.exceptions.ValidationError: Sai"}) == "Sai"
	assert levels.remote_message("plain") == "plain"


def test_content_hash_counts_files_by_their_hash_and_ignores_key_order():
	a = {
		"petition": {"content": "x", "category": "Đất đai"},
		"files": [{"file_name": "a.pdf", "content": "QUJD"}],
	}
	b = {
		"files": [{"content": "QUJD", "file_name": "a.pdf"}],
		"petition": {"category": "Đất đai", "content": "x"},
	}
	assert levels.content_hash(a) == levels.content_hash(b)
	c = {**a, "files": [{"file_name": "a.pdf", "content": "QUJE"}]}
	assert levels.content_hash(a) != levels.content_hash(c)
	d = {**a, "petition": {"content": "y", "category": "Đất đai"}}
	assert levels.content_hash(a) != levels.content_hash(d)


def test_idempotency_key():
	assert (
		levels.idempotency_key("xa.gov.vn", levels.KIND_PETITION, "YK-1", "Tỉnh")
		== "xa.gov.vn|Petition|YK-1|Tỉnh"
	)
	assert levels.idempotency_key("xa.gov.vn", levels.KIND_REPORT, "BC-1") == "xa.gov.vn|Report|BC-1"
