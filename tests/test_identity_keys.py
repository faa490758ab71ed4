"""Keyed hashes of a secret identity (issue 16): the same person typed differently gets the
same key, another person or another site's secret does not, and the key holds no clear text."""

from __future__ import annotations

from tiep_xuc_doi_thoai.core import identity_keys
from tiep_xuc_doi_thoai.core.duplicates import PetitionKey, find_duplicates, same_person

SECRET = b"site-secret-one"
OTHER_SITE = b"site-secret-two"


def test_the_same_id_number_typed_differently_has_one_key():
	key = identity_keys.id_number_key(SECRET, "012345678901")
	assert (
		key
		== identity_keys.id_number_key(SECRET, "0123.4567.8901")
		== identity_keys.id_number_key(SECRET, " 0123-45678901 ")
	)
	assert "012345678901" not in key and len(key) == 64
	assert key != identity_keys.id_number_key(SECRET, "012345678902")
	assert key != identity_keys.id_number_key(OTHER_SITE, "012345678901")


def test_name_and_address_ignore_diacritics_case_and_spacing():
	a = identity_keys.person_key(SECRET, "Đèo Thị Bí Mật", "Thôn Nà Bó")
	assert a == identity_keys.person_key(SECRET, "deo thi  bi mat", "thon na bo")
	assert a != identity_keys.person_key(SECRET, "Đèo Thị Bí Mật", "Thôn Nà Phặc")
	# a name alone, or nothing, matches nothing
	assert identity_keys.person_key(SECRET, "Đèo Thị Bí Mật", "") == ""
	assert identity_keys.id_number_key(SECRET, None) == ""


def test_an_id_number_key_never_equals_a_person_key():
	assert identity_keys.keyed_hash(SECRET, identity_keys.ID_PURPOSE, "x") != identity_keys.keyed_hash(
		SECRET, identity_keys.PERSON_PURPOSE, "x"
	)


def test_duplicates_match_secret_identities_by_key_only():
	id_key = identity_keys.id_number_key(SECRET, "012345678901")
	secret = PetitionKey(name="YK-1", content="tố cáo việc a", id_key=id_key)
	clear = PetitionKey(name="YK-2", content="kiến nghị việc khác", id_number="012345678901", id_key=id_key)
	assert same_person(secret, clear) == "same_id_number"
	assert [m.name for m in find_duplicates(clear, [secret])] == ["YK-1"]
	# without keys (who may not see identities) a secret petition matches on content only
	assert same_person(PetitionKey(name="YK-1"), clear) is None
	person = identity_keys.person_key(SECRET, "Lò Văn A", "Bản B")
	assert same_person(
		PetitionKey(name="a", person_key=person), PetitionKey(name="b", person_key=person)
	) == ("same_person")
