"""The conference day and after: who may still be recorded, the minutes drafted from the
record, and what the public results may show (frappe-free).

The minutes follow the order of the seeds' programme (seeds 000 §4.2, 001 §2-3): opening and
the people present, the chair's announcement, the citizens' speeches in their order each
with the chair's answer or the unit it was given to, the chair's conclusions (what was
settled, what is still to be resolved, by whom and when), and the secretary reading the
minutes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from tiep_xuc_doi_thoai.core.conference import ANNOUNCED, CONCLUDED_STATES, HELD
from tiep_xuc_doi_thoai.core.followup import is_on_time
from tiep_xuc_doi_thoai.core.vietnamese import format_short_date

# Conference statuses (the fixed field the conference workflow sets).
RECORDING_STATUSES = (ANNOUNCED, HELD)  # speeches and replies may be recorded
PUBLISHABLE_STATUSES = CONCLUDED_STATES  # results may be published

# The chair's reply to a speech.
REPLY_ANSWERED = "answered"
REPLY_TO_RESOLVE = "to_resolve"
REPLIES = (REPLY_ANSWERED, REPLY_TO_RESOLVE)
# Dialogue Conclusion kinds
KIND_ANSWERED = "Answered at the Conference"
KIND_TO_RESOLVE = "To Be Resolved"
CLIENT_KEY_MAX = 64


def may_record(status: str | None) -> bool:
	return status in RECORDING_STATUSES


def may_publish(status: str | None) -> bool:
	return status in PUBLISHABLE_STATUSES


def received_date(conference_date: dt.date, today: dt.date) -> dt.date:
	"""A speech is received on the conference day (never a day still to come)."""
	return min(conference_date, today)


def clean_client_key(key: str | None) -> str | None:
	"""The browser's key for one entry: letters, digits and dashes, or None if unusable."""
	key = (key or "").strip()
	if not key or len(key) > CLIENT_KEY_MAX or not all(c.isalnum() or c in "-_" for c in key):
		return None
	return key


def public_name(name: str | None, consent: bool, secret: bool) -> str | None:
	"""A citizen's name on the public page only with consent; a secret identity's never
	(``secret``: ``permissions.identity.is_secret`` of the petition)."""
	if secret or not consent:
		return None
	return (name or "").strip() or None


def may_appear_publicly(secret: bool) -> bool:
	"""A petition whose identity is secret (every denunciation) never appears in the public
	results, not even without a name."""
	return not secret


@dataclass(frozen=True)
class PublicationTiming:
	due: dt.date | None
	published_on: dt.date
	on_time: bool | None  # None when no deadline rule applies
	days_late: int = 0


def publication_timing(published_on: dt.date, due: dt.date | None) -> PublicationTiming:
	if due is None:
		return PublicationTiming(None, published_on, None)
	return PublicationTiming(
		due, published_on, is_on_time(due, published_on), max((published_on - due).days, 0)
	)


# -- the minutes --------------------------------------------------------------------------------
@dataclass
class Speech:
	speaker: str
	address: str = ""
	topic: str = ""
	answer: str = ""  # the chair's answer on the spot
	to_resolve: str = ""  # the conclusion when it was given to a unit
	unit: str = ""
	due: dt.date | None = None
	secret: bool = False  # a denunciation: neither the name nor the content go in the minutes


@dataclass
class MinutesInput:
	topic: str
	chair: str
	secretary: str
	attendance: Sequence[tuple[str, int]] = ()
	total_attendance: int = 0
	speeches: Sequence[Speech] = field(default_factory=list)
	conclusion_text: str = ""


# A denunciation is recorded, but its author and content are secret (Luật Tố cáo 2018 Đ.9, 47).
SECRET_SPEECH = (
	"Một công dân phát biểu nội dung tố cáo (danh tính và nội dung được quản lý theo chế độ bảo mật)."
)


def _p(text: str) -> str:
	return f"<p>{escape(text)}</p>"


def draft_minutes(m: MinutesInput) -> str:
	"""The proceedings of the minutes (biên bản) as HTML for the conference's minutes field."""
	out: list[str] = ["<p><b>1. Khai mạc</b></p>"]
	out.append(
		_p(
			"Lãnh đạo Văn phòng tuyên bố lý do, giới thiệu thành phần tham dự, nội dung, chương trình "
			f"hội nghị; giới thiệu người chủ trì ({m.chair or '...'}), cử thư ký ghi biên bản "
			f"({m.secretary or '...'})."
		)
	)
	present = "; ".join(f"{group}: {count} người" for group, count in m.attendance if group)
	if present or m.total_attendance:
		out.append(_p(f"Tham dự: {present or '...'}. Tổng số: {m.total_attendance or 0} người."))
	out.append("<p><b>2. Người chủ trì thông báo nội dung tiếp xúc, đối thoại</b></p>")
	out.append(_p(m.topic or "..."))
	out.append("<p><b>3. Ý kiến của Nhân dân và trả lời của người chủ trì</b></p>")
	if not m.speeches:
		out.append(_p("Không có ý kiến phát biểu."))
	for n, s in enumerate(m.speeches, start=1):
		if s.secret:
			out.append(_p(f"{n}. {SECRET_SPEECH}"))
			continue
		where = f" ({s.address})" if s.address else ""
		out.append(_p(f"{n}. {s.speaker}{where} phát biểu: {s.topic}"))
		if s.answer:
			out.append(_p(f"Người chủ trì trả lời: {s.answer}"))
		elif s.to_resolve:
			out.append(_p(f"Người chủ trì kết luận: {s.to_resolve}{_given(s)}"))
	out.append("<p><b>4. Kết luận của người chủ trì</b></p>")
	settled = [s for s in m.speeches if s.answer]
	pending = [s for s in m.speeches if s.to_resolve and not s.answer and not s.secret]
	out.append(_p(f"Những nội dung đã được trả lời, giải quyết tại hội nghị: {len(settled)}."))
	if pending:
		out.append(
			_p(f"Những nội dung chưa được giải quyết, giao cơ quan, đơn vị giải quyết: {len(pending)}:")
		)
		out.extend(_p(f"- {s.to_resolve}{_given(s)}") for s in pending)
	if m.conclusion_text:
		out.append(_p(m.conclusion_text))
	out.append("<p><b>5. Bế mạc</b></p>")
	out.append(_p("Thư ký thông qua biên bản; biên bản được đọc lại cho người tham dự nghe và thống nhất."))
	return "\n".join(out)


def _given(s: Speech) -> str:
	if not s.unit:
		return "."
	due = f"; thời hạn: {format_short_date(s.due)}" if s.due else ""
	return f" (đơn vị giải quyết: {s.unit}{due})."
