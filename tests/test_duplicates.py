"""Duplicate matching of petitions: Vietnamese with and without diacritics."""

from tiep_xuc_doi_thoai.core.duplicates import (
	POSSIBLE,
	STRONG,
	PetitionKey,
	containment,
	find_duplicates,
	jaccard,
	shingles,
)

ROAD = "Đề nghị nâng cấp tuyến đường liên thôn Nà Khum đi Tả Phìn đã xuống cấp nghiêm trọng, mùa mưa lầy lội"


def key(name, content="", **kw):
	return PetitionKey(name=name, content=content, **kw)


def test_shingles_ignore_diacritics_case_and_punctuation():
	a = shingles(ROAD)
	b = shingles(ROAD.upper().replace(",", " ;"))
	c = shingles(
		"de nghi nang cap tuyen duong lien thon na khum di ta phin da xuong cap nghiem trong mua mua lay loi"
	)
	assert a == b == c
	assert jaccard(a, c) == 1.0


def test_short_texts_say_too_little():
	assert shingles("Đất đai") == frozenset()
	assert jaccard(frozenset(), shingles(ROAD)) == 0.0


def test_near_identical_content_is_a_strong_match():
	retyped = "de nghi nang cap tuyen duong lien thon Na Khum - Ta Phin da xuong cap nghiem trong"
	found = find_duplicates(
		key("new", retyped), [key("old", ROAD), key("other", "Hỗ trợ học sinh nghèo vượt khó học tập tốt")]
	)
	assert [m.name for m in found] == ["old"]
	assert found[0].strength == STRONG
	assert "similar_content" in found[0].reasons


def test_a_short_repeat_inside_a_long_petition_is_found_by_containment():
	short = "nâng cấp tuyến đường liên thôn Nà Khum đi Tả Phìn"
	long = ROAD + ". Ngoài ra đề nghị lắp đèn chiếu sáng và làm rãnh thoát nước hai bên đường."
	assert containment(shingles(short), shingles(long)) == 1.0
	found = find_duplicates(key("new", short), [key("old", long)])
	assert found and found[0].name == "old"


def test_same_id_number_or_same_name_and_address_is_the_same_person():
	earlier = [
		key("by-id", "Đề nghị cấp sổ đỏ cho thửa đất số 12", id_number="001 099 012 345"),
		key(
			"by-name",
			"Kiến nghị về chế độ người có công",
			petitioner_name="LÒ VĂN HÙNG",
			address="Bản Giang, Tam Đường",
		),
		key(
			"namesake", "Kiến nghị về chế độ người có công", petitioner_name="Lò Văn Hùng", address="Xã khác"
		),
	]
	new = key(
		"new",
		"Phản ánh đường ngập nước",
		petitioner_name="Lo Van Hung",
		address="ban giang tam duong",
		id_number="001099012345",
	)
	found = {m.name: m for m in find_duplicates(new, earlier)}
	assert found["by-id"].strength == STRONG and found["by-id"].reasons == ("same_id_number",)
	assert found["by-name"].strength == STRONG and "same_person" in found["by-name"].reasons
	assert "namesake" not in found


def test_different_matters_do_not_match_and_own_record_is_skipped():
	new = key("same", ROAD)
	assert (
		find_duplicates(
			new,
			[
				key("same", ROAD),
				key("x", "Phản ánh tình trạng chăn thả gia súc gây ô nhiễm nguồn nước sinh hoạt"),
			],
		)
		== []
	)


def test_partial_overlap_is_only_possible():
	a = "Đề nghị nâng cấp tuyến đường liên thôn Nà Khum và xây mới nhà văn hóa thôn, sân thể thao cho thanh niên"
	b = "Đề nghị nâng cấp tuyến đường liên thôn Nà Khum và sửa chữa trường mầm non, bổ sung giáo viên"
	found = find_duplicates(key("a", a), [key("b", b)])
	assert not found or found[0].strength == POSSIBLE


def test_best_matches_first_and_limit():
	earlier = [key(f"p{i}", ROAD) for i in range(20)]
	assert len(find_duplicates(key("new", ROAD), earlier, limit=5)) == 5
