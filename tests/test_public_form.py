"""The website form: anti-bot token and the files a citizen may attach."""

import pytest

from tiep_xuc_doi_thoai.core import public_form

KEY = "site-secret"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"


def test_a_token_filled_in_by_a_person_passes():
	token = public_form.make_form_token(KEY, 1000)
	assert public_form.form_token_problem(token, KEY, 1000 + 30) is None


@pytest.mark.parametrize(
	"token, now, honeypot, problem",
	[
		(None, 1030, "", "missing"),
		("", 1030, "", "missing"),
		("1000.deadbeef", 1030, "", "forged"),
		("abc.def", 1030, "", "forged"),
		("OK", 1001, "", "too_fast"),
		("OK", 1000 + public_form.MAX_TOKEN_AGE + 1, "", "expired"),
		("OK", 1030, "http://spam.example", "honeypot"),
	],
)
def test_bots_are_refused(token, now, honeypot, problem):
	if token == "OK":
		token = public_form.make_form_token(KEY, 1000)
	assert public_form.form_token_problem(token, KEY, now, honeypot) == problem


def test_a_token_signed_with_another_key_is_forged():
	assert public_form.form_token_problem(public_form.make_form_token("other", 1000), KEY, 1030) == "forged"


@pytest.mark.parametrize(
	"name, content, problem",
	[
		("anh.png", PNG, None),
		("ANH.JPG", JPEG, None),
		("don.pdf", PDF, None),
		("don.pdf", b"", "empty"),
		("don.docx", b"PK\x03\x04 word", "not_allowed"),
		("script.png", b"<script>alert(1)</script>", "not_allowed"),
		("shell.jpg", b"#!/bin/sh\nrm -rf /", "not_allowed"),
		("anh.pdf", PNG, "wrong_extension"),
		("anh.png.exe", PNG, "wrong_extension"),
		("polyglot.jpg", JPEG + b"<?php system($_GET['c']); ?>", "suspicious"),
		("js.pdf", b"%PDF-1.4 /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "suspicious"),
		("big.png", PNG + b"\x00" * public_form.MAX_FILE_BYTES, "too_large"),
	],
)
def test_uploads(name, content, problem):
	assert public_form.upload_problem(name, content) == problem


def test_content_type_from_bytes():
	assert public_form.content_type(PDF) == "application/pdf"
	assert public_form.content_type(b"GIF89a....") == "image/gif"
	assert public_form.content_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
	assert public_form.content_type(b"hello") is None
