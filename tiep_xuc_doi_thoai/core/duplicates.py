"""Finding earlier petitions from the same person or about the same matter.

Vietnamese is written with and without diacritics (an online form typed on a phone, a
list retyped from paper), so every comparison runs on ``normalize_text`` keys without
diacritics. Content is compared on syllable shingles: Jaccard for texts of similar length,
containment when a short petition repeats part of a longer one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tiep_xuc_doi_thoai.core.petitions import clean_id_number
from tiep_xuc_doi_thoai.core.vietnamese import normalize_text

SHINGLE_SIZE = 3
STRONG = "Strong"
POSSIBLE = "Possible"
# Content scores at or above these make a match (tuned on the seed plans' petitions).
CONTENT_STRONG = 0.75
CONTENT_POSSIBLE = 0.45
# Texts shorter than this many syllables say too little to compare.
MIN_TOKENS = 4


def tokens(text: str | None) -> list[str]:
	return normalize_text(text).split()


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> frozenset[str]:
	words = tokens(text)
	if len(words) < MIN_TOKENS:
		return frozenset()
	size = min(size, len(words))
	return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
	if not a or not b:
		return 0.0
	return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
	"""Share of the smaller set found in the larger one."""
	if not a or not b:
		return 0.0
	return len(a & b) / min(len(a), len(b))


def content_score(a: frozenset[str], b: frozenset[str]) -> float:
	"""Similarity of two contents: Jaccard, or a discounted containment when one is short."""
	return max(jaccard(a, b), 0.9 * containment(a, b))


@dataclass(frozen=True)
class PetitionKey:
	"""What matching needs of a petition. A secret identity takes part only through its keyed
	hashes (``core.identity_keys``): ``id_key`` and ``person_key``, the clear fields empty."""

	name: str
	content: str = ""
	petitioner_name: str = ""
	id_number: str = ""
	address: str = ""
	id_key: str = ""
	person_key: str = ""
	extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Match:
	name: str
	strength: str  # STRONG or POSSIBLE
	score: float
	reasons: tuple[str, ...]  # "same_id_number", "same_person", "similar_content"
	extra: dict = field(default_factory=dict, compare=False, hash=False)


def same_person(a: PetitionKey, b: PetitionKey) -> str | None:
	if a.id_key and a.id_key == b.id_key:
		return "same_id_number"
	if a.person_key and a.person_key == b.person_key:
		return "same_person"
	id_a, id_b = clean_id_number(a.id_number), clean_id_number(b.id_number)
	if id_a and id_a == id_b:
		return "same_id_number"
	name_a, name_b = normalize_text(a.petitioner_name), normalize_text(b.petitioner_name)
	addr_a, addr_b = normalize_text(a.address), normalize_text(b.address)
	if name_a and name_a == name_b and addr_a and addr_a == addr_b:
		return "same_person"
	return None


def find_duplicates(petition: PetitionKey, earlier: Iterable[PetitionKey], limit: int = 10) -> list[Match]:
	"""Earlier petitions that may be the same matter or from the same person, best first."""
	own = shingles(petition.content)
	found: list[Match] = []
	for other in earlier:
		if other.name == petition.name:
			continue
		reasons: list[str] = []
		person = same_person(petition, other)
		if person:
			reasons.append(person)
		score = content_score(own, shingles(other.content))
		if score >= CONTENT_POSSIBLE:
			reasons.append("similar_content")
		if not reasons:
			continue
		# The same ID number, or the same name at the same address, is the same person.
		strong = bool(person) or score >= CONTENT_STRONG
		found.append(
			Match(other.name, STRONG if strong else POSSIBLE, round(score, 3), tuple(reasons), other.extra)
		)
	found.sort(key=lambda m: (m.strength == STRONG, m.score), reverse=True)
	return found[:limit]
