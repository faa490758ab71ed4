"""Tier 1: the frappe-free rules of signed documents (core/signing.py)."""

from datetime import datetime, timedelta, timezone

import pytest

from tiep_xuc_doi_thoai.core import signing as signing_rules


def test_iso_vietnam_offset_and_seconds():
	moment = datetime(2026, 12, 4, 2, 5, 7, 123456, tzinfo=timezone.utc)
	assert signing_rules.iso_vietnam(moment) == "2026-12-04T09:05:07+07:00"
	assert signing_rules.iso_vietnam(datetime(2026, 1, 2, 8, 0, 0)) == "2026-01-02T08:00:00+07:00"


def test_signer_box_is_centred_between_title_and_name():
	title = signing_rules.Box(380, 300, 460, 314)
	name = signing_rules.Box(370, 220, 470, 234)
	box = signing_rules.signer_box(title, name, 35)
	assert box.y0 > name.y1 and box.y1 < title.y0
	assert abs(box.centre_x - 420) < 0.01
	assert abs(box.width - 35 * signing_rules.MM) < 0.01


def test_signer_box_refuses_title_below_name():
	with pytest.raises(signing_rules.SigningLayoutError):
		signing_rules.signer_box(signing_rules.Box(0, 100, 10, 110), signing_rules.Box(0, 200, 10, 210))


def test_seal_covers_left_third_at_real_size():
	signer = signing_rules.Box(300, 200, 400, 260)
	seal = signing_rules.seal_box(signer, 36, text_lines=3)
	assert abs(seal.x1 - (300 + 100 / 3)) < 0.01
	assert abs(seal.width - (36 + signing_rules.SEAL_TEXT_EXTRA_MM) * signing_rules.MM) < 0.01
	image_bottom = seal.y0 + signing_rules.seal_text_height(3)
	assert abs(seal.y1 - image_bottom - 36 * signing_rules.MM) < 0.01  # real size
	assert abs((image_bottom + seal.y1) / 2 - signer.centre_y) < 0.01


def test_attachment_box_top_right_inside_margins():
	box = signing_rules.attachment_box(595.0, 842.0)
	assert box.x1 == pytest.approx(595 - 15 * signing_rules.MM)
	assert box.y1 <= 842 and box.x0 > 595 / 2


def test_seal_text_has_agency_and_iso_time():
	text = signing_rules.seal_text("ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM", datetime(2026, 12, 4, 9, 0, 0))
	assert text.splitlines()[-1] == "2026-12-04T09:00:00+07:00"
	assert "THỬ NGHIỆM" in text


def test_certificate_problem():
	now = datetime(2026, 12, 4, tzinfo=timezone.utc)
	assert signing_rules.certificate_problem(now - timedelta(days=1), now + timedelta(days=1), now) is None
	assert (
		signing_rules.certificate_problem(now - timedelta(days=9), now - timedelta(days=1), now) == "expired"
	)
	assert (
		signing_rules.certificate_problem(now + timedelta(days=1), now + timedelta(days=9), now)
		== "not_yet_valid"
	)


def _facts(**kw):
	base = dict(
		field_name="f",
		signer="A",
		organisation="O",
		signed_at=None,
		intact=True,
		valid=True,
		trusted=True,
		revoked=False,
		covers_whole_file=True,
		modified_after=False,
		fingerprint="x",
		ours=True,
	)
	base.update(kw)
	return signing_rules.SignatureFacts(**base)


@pytest.mark.parametrize(
	("facts", "code"),
	[
		([], signing_rules.NOT_SIGNED),
		([_facts(intact=False)], signing_rules.BROKEN),
		([_facts(revoked=True)], signing_rules.REVOKED),
		([_facts(covers_whole_file=False), _facts(covers_whole_file=False)], signing_rules.MODIFIED),
		([_facts(covers_whole_file=False), _facts(modified_after=True)], signing_rules.MODIFIED),
		([_facts(trusted=False)], signing_rules.UNTRUSTED),
		([_facts(ours=False)], signing_rules.NOT_OURS),
		([_facts(covers_whole_file=False), _facts()], signing_rules.VALID),
	],
)
def test_verdict(facts, code):
	assert signing_rules.verdict(facts).code == code


def test_is_pdf_by_bytes():
	assert signing_rules.is_pdf(b"%PDF-1.7\n...\n%%EOF\n")
	assert not signing_rules.is_pdf(b"<html>%PDF-</html>")
	assert not signing_rules.is_pdf(b"GIF89a")


def test_image_must_be_transparent_png():
	assert signing_rules.image_problem("PNG", True) is None
	assert signing_rules.image_problem("JPEG", False) == "not_png"
	assert signing_rules.image_problem("PNG", False) == "not_transparent"
