"""Rules of a citizen petition (ý kiến, kiến nghị, phản ánh, khiếu nại, tố cáo) that do not
need a site: types and the deadlines they follow, ID number shapes, what a workflow state
requires, the citizen's tracking code, and text that must not carry markup."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from tiep_xuc_doi_thoai.core.deadlines import Event

# -- types -------------------------------------------------------------------------------------
RECOMMENDATION = "Recommendation"  # kiến nghị
FEEDBACK = "Feedback"  # phản ánh
COMPLAINT = "Complaint"  # khiếu nại
DENUNCIATION = "Denunciation"  # tố cáo
MULTIPLE = "Multiple Contents"
PETITION_TYPES = (RECOMMENDATION, FEEDBACK, COMPLAINT, DENUNCIATION, MULTIPLE)

# Vietnamese words staff write for each type (normalized: no diacritics, lower case).
TYPE_WORDS: dict[str, str] = {
	"kien nghi": RECOMMENDATION,
	"y kien": RECOMMENDATION,
	"de nghi": RECOMMENDATION,
	"phan anh": FEEDBACK,
	"khieu nai": COMPLAINT,
	"to cao": DENUNCIATION,
	"nhieu noi dung": MULTIPLE,
	"hon hop": MULTIPLE,
}

# -- sources and phases ------------------------------------------------------------------------
SOURCE_CONFERENCE = "At a Conference"
SOURCE_FRONT = "Fatherland Front or Organizations"
SOURCE_RECEPTION = "Citizen Reception"
SOURCE_MAIL = "Mail"
SOURCE_ONLINE = "Online"
SOURCE_OTHER_BODY = "Transferred by Another Body"
SOURCES = (SOURCE_CONFERENCE, SOURCE_FRONT, SOURCE_RECEPTION, SOURCE_MAIL, SOURCE_ONLINE, SOURCE_OTHER_BODY)

PHASE_BEFORE = "Before a Conference"
PHASE_AT = "At a Conference"
PHASE_AFTER = "After a Conference"
PHASE_NONE = "Outside Conferences"
PHASES = (PHASE_BEFORE, PHASE_AT, PHASE_AFTER, PHASE_NONE)

WITHIN = "Within Our Authority"
BEYOND = "Beyond Our Authority"

ANSWER_ON_THE_SPOT = "On the Spot"
ANSWER_IN_WRITING = "In Writing"

# -- workflow states (the names the shipped workflow uses) ------------------------------------
# Each a phrase no other app shows: Frappe's indicators, workflow buttons and read-only Select
# fields translate a state without a context, so a bare "Received" would read as Frappe's own
# "Nhận được" (patches/v0_1/status_names.py renamed the old ones on existing sites).
RECEIVED = "Petition Received"
CLASSIFIED = "Petition Classified"
ASSIGNED = "Assigned to a Unit"
ANSWERED_ON_THE_SPOT = "Answered on the Spot"
FORWARDED = "Forwarded to Competent Body"
NOT_ACCEPTED = "Petition Not Accepted"
ANSWERED = "Petition Answered"
CLOSED = "Petition Closed"
STATUSES = (RECEIVED, CLASSIFIED, ASSIGNED, ANSWERED_ON_THE_SPOT, FORWARDED, NOT_ACCEPTED, ANSWERED, CLOSED)
SETTLED_STATES = (ANSWERED, ANSWERED_ON_THE_SPOT, CLOSED)

# What a document must carry to stand in a state: (fieldname, ...).
STATE_REQUIREMENTS: dict[str, tuple[str, ...]] = {
	CLASSIFIED: ("petition_type",),
	ASSIGNED: ("responsible_unit",),
	ANSWERED_ON_THE_SPOT: ("answer",),
	ANSWERED: ("answer",),
	FORWARDED: ("forwarded_to_body",),
	NOT_ACCEPTED: ("not_accepted_reason",),
}


def missing_for_state(state: str | None, values: dict[str, object]) -> list[str]:
	"""Fields that ``state`` needs and ``values`` leaves empty."""
	return [f for f in STATE_REQUIREMENTS.get(state or "", ()) if not str(values.get(f) or "").strip()]


# -- deadlines ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlinePlan:
	"""Which rules time a petition: an acceptance step (complaints, denunciations) and the answer."""

	acceptance: Event | None
	answer: Event


def deadline_plan(petition_type: str | None) -> DeadlinePlan:
	if petition_type == COMPLAINT:
		return DeadlinePlan(Event.COMPLAINT_ACCEPTANCE, Event.COMPLAINT_RESOLUTION)
	if petition_type == DENUNCIATION:
		return DeadlinePlan(Event.DENUNCIATION_ACCEPTANCE, Event.DENUNCIATION_RESOLUTION)
	return DeadlinePlan(None, Event.PETITION_ANSWER)


# -- identity ----------------------------------------------------------------------------------
def identity_is_secret(petition_type: str | None, flagged: object = None) -> bool:
	"""The one rule of secrecy (Luật Tố cáo 2018 Đ.9, Đ.56): a petition's identity is secret
	when it is flagged ``identity_confidential`` (kept once set) or when it is a denunciation.
	A saved petition is asked through ``permissions.identity.is_secret`` (its flag)."""
	return bool(flagged) or petition_type == DENUNCIATION


IDENTITY_FIELDS = ("petitioner_name", "id_number", "phone", "address", "village", "representative")
ID_LENGTHS = {9: "CMND", 12: "CCCD"}
_ID_SEPARATORS = re.compile(r"[\s.\-]")


def clean_id_number(value: str | int | None) -> str:
	"""Digits of an ID number as typed (spaces, dots and dashes dropped); '' when empty."""
	if value is None:
		return ""
	if isinstance(value, (int, float)):
		value = str(int(value))
	return _ID_SEPARATORS.sub("", str(value)).strip()


def id_number_problem(value: str | None) -> str | None:
	"""None when ``value`` is empty, a 9-digit CMND or a 12-digit CCCD; otherwise why not."""
	digits = clean_id_number(value)
	if not digits:
		return None
	if not digits.isdigit():
		return "not_digits"
	if len(digits) not in ID_LENGTHS:
		return "bad_length"
	return None


_PHONE_RE = re.compile(r"^\+?\d{9,12}$")


def clean_phone(value: str | int | None) -> str:
	if value is None:
		return ""
	return re.sub(r"[\s.\-()]", "", str(value)).strip()


def phone_problem(value: str | None) -> str | None:
	phone = clean_phone(value)
	if phone and not _PHONE_RE.match(phone):
		return "bad_phone"
	return None


# -- markup ------------------------------------------------------------------------------------
_MARKUP_RE = re.compile(
	r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\bon[a-z]+\s*=|&lt;\s*/?\s*[a-z]",
	re.IGNORECASE,
)


def contains_markup(text: str | None) -> bool:
	"""Whether ``text`` carries HTML tags, script URLs or event handlers. Plain text about
	numbers (``diện tích < 50 m2``) is not markup: a tag needs a letter right after ``<``."""
	return bool(text) and bool(_MARKUP_RE.search(str(text)))


# -- tracking code ------------------------------------------------------------------------------
# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code read over the phone or copied by hand stays right.
TRACKING_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
TRACKING_LENGTH = 12
_TRACKING_RE = re.compile(rf"^[{TRACKING_ALPHABET}]{{{TRACKING_LENGTH}}}$")


def new_tracking_code() -> str:
	"""12 characters from a 25-letter alphabet: ~56 bits, unguessable by trying."""
	return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def normalize_tracking_code(code: str | None) -> str | None:
	"""The code as stored, or None if ``code`` cannot be one (so nothing is looked up)."""
	if not code or len(code) > 64:
		return None
	cleaned = re.sub(r"[\s\-]", "", str(code)).upper()
	return cleaned if _TRACKING_RE.match(cleaned) else None


def format_tracking_code(code: str) -> str:
	"""``ACDE-FGHJ-KMNP``: easier to read aloud; lookups ignore the dashes."""
	return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


# -- what a citizen sees -----------------------------------------------------------------------
PUBLIC_STATUS: dict[str, str] = {
	RECEIVED: "Received",
	CLASSIFIED: "Being processed",
	ASSIGNED: "Being processed",
	FORWARDED: "Forwarded to the competent authority",
	NOT_ACCEPTED: "Not accepted",
	ANSWERED_ON_THE_SPOT: "Answered",
	ANSWERED: "Answered",
	CLOSED: "Closed",
}


def public_status(state: str | None) -> str:
	return PUBLIC_STATUS.get(state or "", "Being processed")


# -- the status on the wire between levels ----------------------------------------------------
# The levels link sends a petition's status to the other site, which may run an older version
# of the app: the wire keeps the status values of version 0.1, and this is the one place that
# maps them (an unknown value passes through unchanged, so a newer name still arrives).
WIRE_STATUS: dict[str, str] = {
	RECEIVED: "Received",
	CLASSIFIED: "Classified",
	ASSIGNED: "Assigned",
	ANSWERED_ON_THE_SPOT: "Answered on the Spot",
	FORWARDED: "Forwarded",
	NOT_ACCEPTED: "Not Accepted",
	ANSWERED: "Answered",
	CLOSED: "Closed",
}
_FROM_WIRE = {wire: status for status, wire in WIRE_STATUS.items()}


def status_to_wire(status: str | None) -> str:
	return WIRE_STATUS.get(status or "", status or "")


def status_from_wire(value: str | None) -> str:
	return _FROM_WIRE.get(value or "", value or "")


def subject_from_content(content: str | None, limit: int = 90) -> str:
	text = " ".join((content or "").split())
	if len(text) <= limit:
		return text
	cut = text[:limit].rsplit(" ", 1)[0]
	return cut + "…"
