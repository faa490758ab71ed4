"""Rules of a digitally signed document (frappe-free): where the signatures sit on the page, how
the signing time is written, which certificate may sign, and what a verification means.

Sources (Nghị định 30/2020/NĐ-CP về công tác văn thư). The decree's own text was not in the
search corpus (checked 2026-12-04 with Vietnamese queries in the ``pages`` and ``docs``
corpora); what is below was confirmed from secondary sources that quote it, and the clause
numbers they give are the ones cited. Earlier comments put these clauses in "Phụ lục I, Phần
II": the sources place them in Phụ lục I, Phần I (thể thức văn bản hành chính).
- Chữ ký số của người có thẩm quyền, Phụ lục I (layout cell 7c, "ô số 7c của Khoản 2 Mục IV
  Phần I của Phụ lục I"): "Hình ảnh, vị trí chữ ký số của người có thẩm quyền là hình ảnh chữ
  ký của người có thẩm quyền trên văn bản giấy, màu xanh, định dạng Portable Network Graphics
  (.png) nền trong suốt; đặt canh giữa chức vụ của người ký và họ tên người ký." Quoted by
  https://dangkydoanhnghieponline.com/huong-dan-ky-so-cua-ca-nhan-co-quan-to-chuc-doi-voi-van-ban-dien-tu-theo-quy-dinh-tai-nghi-dinh-so-30-2020-nd-cp.html
  (Sở TT&TT công văn 893/STTTT-CNTT, guidance on NĐ 30). The exact khoản/mục of Phần I that
  holds this sentence was not in the excerpt: not cited.
- Chữ ký số của cơ quan, tổ chức, Phụ lục I: "Hình ảnh, vị trí chữ ký số của cơ quan, tổ chức
  là hình ảnh dấu của cơ quan, tổ chức ban hành văn bản trên văn bản, màu đỏ, kích thước bằng
  kích thước thực tế của dấu, định dạng (.png) nền trong suốt, trùm lên khoảng 1/3 hình ảnh
  chữ ký số của người có thẩm quyền [về bên trái]" - quoted by
  https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/thong-bao-van-ban-moi/email/44047/van-ban-dien-tu-la-gi?-quy-dinh-ve-chu-ky-so-trong-van-ban-dien-tu
  (which also gives Điều 5: a document signed by the competent person and by the agency has
  the legal value of the paper original). The information shown with it - the agency's name and
  the signing time (ngày, tháng, năm; giờ, phút, giây; múi giờ Việt Nam theo tiêu chuẩn ISO
  8601) - is confirmed by https://chukysocongcong.com/quy-dinh-ve-hinh-anh-chu-ky-so-tren-van-ban-dien-tu
  and https://viettel-solutions.vn/quy-dinh-ve-hien-thi-chu-ky-so-tren-van-ban-dien-tu-theo-tt-01/.
- Văn bản kèm theo văn bản chính ở tệp tin riêng ("Vị trí: góc trên, bên phải, trang đầu của
  văn bản kèm theo; hình ảnh: không hiển thị; thông tin: số và ký hiệu văn bản, thời gian ký
  (ISO 8601); Times New Roman, chữ in thường, đứng, cỡ 10, màu đen"): NOT found in the corpus;
  kept as it was implemented, from memory of the decree, and to be checked against the text.
- The paper rule that the seal covers about a third of the signature on the left (cited before
  as Điều 33 khoản 1 điểm b): NOT found in the corpus this time (only a secondary summary,
  https://blogtiendientu.vn/cach-dong-dau-tai-lieu-dung-cach-2/, says "che khoảng 1/3 chữ ký
  bên trái" without the article); the electronic rule above does not depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

MM = 72 / 25.4  # PDF points per millimetre
VIETNAM = timezone(timedelta(hours=7), "ICT")

# Statuses the signing workflow's states set (Update Field ``status``): the code keys on these,
# never on state names an administrator may rename.
AWAITING = "Awaiting Signature"
SIGNED = "Signed"
SEALED = "Sealed"
CANCELLED = "Cancelled"
STATUSES = (AWAITING, SIGNED, SEALED, CANCELLED)

SIGNER_IMAGE_WIDTH_MM = 35.0  # the signature image's box; the image shrinks to fit, centred
SEAL_DIAMETER_MM = 36.0  # a commune's round seal (Nghị định 99/2016: 35-42 mm); set per unit
SEAL_TEXT_SIZE = 7  # pt (pyHanko takes whole points)
SEAL_TEXT_EXTRA_MM = 22.0  # the seal's text may run this far left of the image, never over the name, the seal's information under the image
ATTACHMENT_TEXT_SIZE = 10  # pt, Times New Roman 10 (attachment in a separate file)
ATTACHMENT_BOX_MM = (62.0, 11.0)  # width, height at the top right of the first page
TOP_MARGIN_MM = 20.0
RIGHT_MARGIN_MM = 15.0


@dataclass(frozen=True)
class Box:
	"""A rectangle in PDF user space (points, origin bottom-left)."""

	x0: float
	y0: float
	x1: float
	y1: float

	@property
	def width(self) -> float:
		return self.x1 - self.x0

	@property
	def height(self) -> float:
		return self.y1 - self.y0

	@property
	def centre_x(self) -> float:
		return (self.x0 + self.x1) / 2

	@property
	def centre_y(self) -> float:
		return (self.y0 + self.y1) / 2

	def as_tuple(self) -> tuple[int, int, int, int]:
		return (round(self.x0), round(self.y0), round(self.x1), round(self.y1))


def top_left_to_pdf(page_height: float, x0: float, top: float, x1: float, bottom: float) -> Box:
	"""A box measured from the page's top (as pdftotext -bbox gives it) in PDF coordinates."""
	return Box(x0, page_height - bottom, x1, page_height - top)


def signer_box(title: Box, name: Box, width_mm: float = SIGNER_IMAGE_WIDTH_MM) -> Box:
	"""The signer's image: "đặt canh giữa chức vụ của người ký và họ tên người ký" - the whole gap
	between the title line and the name line, centred on the signature block (the two lines are
	centred in it), ``width_mm`` wide."""
	if title.y0 <= name.y1:
		raise SigningLayoutError("title_below_name")
	centre = (title.centre_x + name.centre_x) / 2
	half = width_mm * MM / 2
	pad = 1.0  # pt, so the image never touches the text
	return Box(centre - half, name.y1 + pad, centre + half, title.y0 - pad)


def seal_box(signer: Box, diameter_mm: float = SEAL_DIAMETER_MM, text_lines: int = 3) -> Box:
	"""The agency's signature box: the seal image at real size in its top right corner, the
	image's right edge on the first third of the signer's image ("trùm lên khoảng 1/3 ... về
	bên trái"), vertically centred on it; under the image, right-aligned, the lines of text
	(agency, time) in ``SEAL_TEXT_SIZE``, which may run ``SEAL_TEXT_EXTRA_MM`` to the left."""
	size = diameter_mm * MM
	right = signer.x0 + signer.width / 3
	image_bottom = signer.centre_y - size / 2
	return Box(
		right - size - SEAL_TEXT_EXTRA_MM * MM,
		image_bottom - seal_text_height(text_lines),
		right,
		image_bottom + size,
	)


def seal_text_right_margin(diameter_mm: float | None) -> float:
	"""Points between the seal's right edge and the end of its text: half the seal, so the text
	sits under it and never runs into the signer's name."""
	return (diameter_mm or SEAL_DIAMETER_MM) * MM / 2


def seal_text_height(text_lines: int) -> float:
	return text_lines * (SEAL_TEXT_SIZE + 1) + 2


def attachment_box(page_width: float, page_height: float) -> Box:
	"""Top right of the first page of an attachment in its own file, inside the margins."""
	width, height = (v * MM for v in ATTACHMENT_BOX_MM)
	right = page_width - RIGHT_MARGIN_MM * MM
	top = page_height - (TOP_MARGIN_MM / 2) * MM
	return Box(right - width, top - height, right, top)


class SigningLayoutError(ValueError):
	def __init__(self, code: str):
		super().__init__(code)
		self.code = code


# -- time -----------------------------------------------------------------------------------


def iso_vietnam(moment: datetime) -> str:
	"""ISO 8601 with the Vietnam offset, to the second: ``2026-12-04T09:05:00+07:00``. A naive
	datetime is taken as Vietnam time (the agency's site time)."""
	if moment.tzinfo is None:
		moment = moment.replace(tzinfo=VIETNAM)
	return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def wrap(text: str, width: int) -> list[str]:
	"""Greedy word wrap (the stamp's text box does not wrap by itself)."""
	lines: list[str] = []
	current = ""
	for word in text.split():
		candidate = f"{current} {word}".strip()
		if len(candidate) > width and current:
			lines.append(current)
			current = word
		else:
			current = candidate
	if current:
		lines.append(current)
	return lines


def seal_text(agency: str, moment: datetime, width: int = 30) -> str:
	"""The seal's information: the agency's name and the signing time (ISO 8601, +07:00)."""
	return "\n".join([*wrap(agency, width)[:2], iso_vietnam(moment)])


def attachment_text(number_and_symbol: str, moment: datetime) -> str:
	return f"{number_and_symbol}\n{iso_vietnam(moment)}"


def image_problem(image_format: str | None, has_alpha: bool) -> str | None:
	"""NĐ 30 asks for PNG images with a transparent background (signature and seal)."""
	if (image_format or "").upper() != "PNG":
		return "not_png"
	if not has_alpha:
		return "not_transparent"
	return None


# -- certificates -----------------------------------------------------------------------------


def certificate_problem(not_before: datetime, not_after: datetime, now: datetime) -> str | None:
	"""Why a certificate may not sign at ``now`` (all aware datetimes): None when it may."""
	if now < not_before:
		return "not_yet_valid"
	if now > not_after:
		return "expired"
	return None


# -- verification -----------------------------------------------------------------------------

# Verdicts of one uploaded PDF, most serious first.
NOT_SIGNED = "not_signed"
BROKEN = "broken"  # a signed byte range no longer matches: the file was altered
MODIFIED = "modified"  # intact signatures, but content was added after the last one
UNTRUSTED = "untrusted"  # intact, but the certificate does not chain to a trusted root
REVOKED = "revoked"
NOT_OURS = "not_ours"  # intact and trusted, but no signature of this agency
VALID = "valid"


@dataclass(frozen=True)
class SignatureFacts:
	"""What the validator found for one signature (filled by services.signing)."""

	field_name: str
	signer: str  # the certificate's common name
	organisation: str
	signed_at: datetime | None
	intact: bool  # the signed bytes hash to what was signed
	valid: bool  # the cryptographic signature checks
	trusted: bool  # the certificate chains to a trusted root
	revoked: bool
	covers_whole_file: bool  # nothing was appended after this signature
	modified_after: bool  # something appended after it changes the document (not only signatures)
	fingerprint: str  # SHA-256 of the signer's certificate
	timestamped: bool = False
	ours: bool = False


@dataclass(frozen=True)
class Verdict:
	code: str
	signatures: tuple[SignatureFacts, ...] = field(default_factory=tuple)


def verdict(signatures: list[SignatureFacts], require_ours: bool = True) -> Verdict:
	"""One answer for a PDF: what matters most to the reader comes first. The last signature
	is the one that must cover the file; earlier ones are covered by later incremental updates
	(a seal added after the signer's signature is allowed, other changes are not)."""
	sigs = tuple(signatures)
	if not sigs:
		return Verdict(NOT_SIGNED, sigs)
	if any(not (s.intact and s.valid) for s in sigs):
		return Verdict(BROKEN, sigs)
	if any(s.revoked for s in sigs):
		return Verdict(REVOKED, sigs)
	if any(s.modified_after for s in sigs) or not sigs[-1].covers_whole_file:
		return Verdict(MODIFIED, sigs)
	if any(not s.trusted for s in sigs):
		return Verdict(UNTRUSTED, sigs)
	if require_ours and not any(s.ours for s in sigs):
		return Verdict(NOT_OURS, sigs)
	return Verdict(VALID, sigs)


# -- what travels with a document ----------------------------------------------------------


def is_pdf(content: bytes) -> bool:
	"""A PDF by its bytes: the header within the first 1024 bytes (as readers accept it) and an
	end-of-file marker near the end."""
	return b"%PDF-" in content[:1024] and b"%%EOF" in content[-2048:]
