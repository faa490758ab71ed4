"""Rules of the link between levels' sites (core/levels.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tiep_xuc_doi_thoai.core import levels as L


@pytest.mark.parametrize(
	"url, problem",
	[
		("https://tinh.laichau.gov.vn", None),
		("https://tinh.laichau.gov.vn/", None),
		("http://127.0.0.1:8000", None),
		("http://localhost:8111", None),
		("http://i11-up.localhost:8111", None),
		("http://[::1]:8000", None),
		("http://tinh.laichau.gov.vn", L.UrlProblem.PLAIN_HTTP),
		("http://10.0.0.5", L.UrlProblem.PLAIN_HTTP),
		("http://localhost.evil.com", L.UrlProblem.PLAIN_HTTP),
		("ftp://tinh.gov.vn", L.UrlProblem.SCHEME),
		("tinh.gov.vn", L.UrlProblem.SCHEME),
		("https://user:pw@tinh.gov.vn", L.UrlProblem.HAS_PATH),
		("https://tinh.gov.vn/?a=1", L.UrlProblem.HAS_PATH),
		("", L.UrlProblem.MISSING),
		(None, L.UrlProblem.MISSING),
	],
)
def test_url_problem(url, problem):
	assert L.url_problem(url) == problem


def test_endpoint_url_drops_the_trailing_slash():
	assert L.endpoint_url("https://tinh.gov.vn/", "petition") == (
		"https://tinh.gov.vn/api/method/tiep_xuc_doi_thoai.integrations.receive.petition"
	)


def test_retry_delay_doubles_and_is_capped():
	delays = [L.retry_delay(n).total_seconds() for n in range(1, 6)]
	assert delays == [60, 120, 240, 480, 960]
	assert L.retry_delay(40) == dt.timedelta(seconds=L.MAX_DELAY_SECONDS)


def _frappe_error(message: str) -> dict:
	return {"exc_type": "ValidationError", "_server_messages": json.dumps([json.dumps({"message": message})])}


@pytest.mark.parametrize(
	"status, body, error, outcome, reason",
	[
		(200, {"message": {"ok": True, "reference": "YK-1"}}, None, L.Outcome.DELIVERED, ""),
		(None, None, L.TIMEOUT, L.Outcome.RETRY, L.TIMEOUT),
		(None, None, "Connection refused", L.Outcome.RETRY, L.UNREACHABLE),
		(502, "Bad Gateway", None, L.Outcome.RETRY, L.SERVER),
		(503, None, None, L.Outcome.RETRY, L.SERVER),
		(429, None, None, L.Outcome.RETRY, L.SERVER),
		(401, _frappe_error("Invalid token"), None, L.Outcome.REFUSED, L.AUTH),
		(403, _frappe_error("Not permitted"), None, L.Outcome.REFUSED, L.AUTH),
		(404, "Not Found", None, L.Outcome.REFUSED, L.NO_APP),
		(
			417,
			_frappe_error("Failed to get method for command x with No module named 'x'"),
			None,
			L.Outcome.REFUSED,
			L.NO_APP,
		),
		(200, "<html>nginx</html>", None, L.Outcome.REFUSED, L.NO_APP),
		(200, {"message": "pong"}, None, L.Outcome.REFUSED, L.BAD_ANSWER),
		(409, _frappe_error("different content"), None, L.Outcome.REFUSED, L.CONFLICT),
		(417, _frappe_error("Lĩnh vực X không có"), None, L.Outcome.REFUSED, L.REFUSED),
	],
)
def test_judge_response(status, body, error, outcome, reason):
	verdict = L.judge_response(status, body, error)
	assert (verdict.outcome, verdict.reason) == (outcome, reason)


def test_remote_message_reads_frappe_errors():
	assert L.remote_message(_frappe_error("Lĩnh vực X không có")) == "Lĩnh vực X không có"
	assert L.remote_message({"exception": "frappe.exceptions.ValidationError: Sai"}) == "Sai"
	assert L.remote_message("plain") == "plain"


def test_content_hash_counts_files_by_their_hash_and_ignores_key_order():
	a = {
		"petition": {"content": "x", "category": "Đất đai"},
		"files": [{"file_name": "a.pdf", "content": "QUJD"}],
	}
	b = {
		"files": [{"content": "QUJD", "file_name": "a.pdf"}],
		"petition": {"category": "Đất đai", "content": "x"},
	}
	assert L.content_hash(a) == L.content_hash(b)
	c = {**a, "files": [{"file_name": "a.pdf", "content": "QUJE"}]}
	assert L.content_hash(a) != L.content_hash(c)
	d = {**a, "petition": {"content": "y", "category": "Đất đai"}}
	assert L.content_hash(a) != L.content_hash(d)


def test_idempotency_key():
	assert L.idempotency_key("xa.gov.vn", L.KIND_PETITION, "YK-1", "Tỉnh") == "xa.gov.vn|Petition|YK-1|Tỉnh"
	assert L.idempotency_key("xa.gov.vn", L.KIND_REPORT, "BC-1") == "xa.gov.vn|Report|BC-1"
