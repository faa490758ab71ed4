"""Digital signatures on the app's Nghị định 30 PDFs, with pyHanko (PAdES; no CMS by hand).

- Keys are pluggable (:class:`KeySource`): a PKCS#12 file held on the server (a unit's seal,
  or a person's key where the agency keeps it so), or a remote-signing provider (VN remote
  signing services work that way: the server sends the hash, the signer approves on a phone)
  - :class:`LoopbackProvider` is the in-process stand-in used by tests and demos. A USB token on
  the user's own machine is out of scope (README "Signed documents").
- Appearance (core.signing holds the geometry and the decree's clauses): the signer's image in
  the gap between title and name, the seal over the left third of it, and the top-right text of
  an attachment in its own file.
- Validation with pyHanko's validator against the trust roots and revocation lists of
  *Signature Settings*.

Nothing here decides who may sign: the signing workflow's transitions do; this module is
called by the Signed Document controller as the consequence of a transition.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol

import frappe
from frappe import _

from tiep_xuc_doi_thoai.core import signing as signing_rules

FONT_CANDIDATES = (
	"/usr/share/fonts/truetype/croscore/Tinos-Regular.ttf",  # metric-compatible Times New Roman
	"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
	"/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
)
SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"
ATTACHMENT_FIELD = "ChuKyVanBanKemTheo"
REMOTE_POLL_SECONDS = 2.0


class SigningError(frappe.ValidationError):
	"""Nothing was signed; the message says what to fix."""


class SigningKeyError(SigningError):
	pass


class CertificateRefused(SigningError):
	pass


class NotAPdfError(frappe.ValidationError):
	pass


# -- keys ---------------------------------------------------------------------------------------


class RemoteSigningProvider(Protocol):
	"""A remote signing service: it holds the key; the server sends only a digest and the signer
	approves the request on their phone. :meth:`poll` returns the raw signature once approved,
	None while waiting, and raises :class:`SigningError` when the signer refused."""

	def certificate_chain(self, account: str) -> list[bytes]:
		"""DER certificates, the signer's first."""
		...

	def request_signature(self, account: str, digest: bytes, digest_algorithm: str, label: str) -> str: ...

	def poll(self, request_id: str) -> bytes | None: ...


class LoopbackProvider:
	"""A remote-signing provider that runs in this process and approves at once, holding the
	key of the Signing Profile it is made for (its PKCS#12). For tests and demos: it exercises
	the same hash-only path a real provider does."""

	def __init__(self, pkcs12: bytes, password: str):
		from cryptography.hazmat.primitives.serialization import pkcs12 as p12

		try:
			self._key, self._cert, extra = p12.load_key_and_certificates(pkcs12, password.encode())
		except ValueError as e:
			raise SigningKeyError(
				_("The certificate's password is wrong, or the file is not PKCS#12.")
			) from e
		self._chain = [self._cert, *extra]
		self._requests: dict[str, bytes] = {}

	def certificate_chain(self, account: str) -> list[bytes]:
		from cryptography.hazmat.primitives.serialization import Encoding

		return [c.public_bytes(Encoding.DER) for c in self._chain]

	def request_signature(self, account: str, digest: bytes, digest_algorithm: str, label: str) -> str:
		from cryptography.hazmat.primitives import hashes
		from cryptography.hazmat.primitives.asymmetric import ec, padding, utils

		algorithm = utils.Prehashed(getattr(hashes, digest_algorithm.upper())())
		if isinstance(self._key, ec.EllipticCurvePrivateKey):
			signature = self._key.sign(digest, ec.ECDSA(algorithm))
		else:
			signature = self._key.sign(digest, padding.PKCS1v15(), algorithm)
		request_id = frappe.generate_hash(length=12)
		self._requests[request_id] = signature
		return request_id

	def poll(self, request_id: str) -> bytes | None:
		return self._requests.pop(request_id, None)


# Provider name (the Signing Profile's select) -> factory(profile) -> RemoteSigningProvider.
# Another app adds its own with the hook ``tiep_xuc_doi_thoai_signing_providers``.
def _loopback(profile: Any) -> RemoteSigningProvider:
	return LoopbackProvider(_file_bytes(profile.certificate_file), _password(profile))


BUILTIN_PROVIDERS = {"Loopback (test)": _loopback}


def provider_for(profile: Any) -> RemoteSigningProvider:
	providers = dict(BUILTIN_PROVIDERS)
	for path_map in frappe.get_hooks("tiep_xuc_doi_thoai_signing_providers") or []:
		if isinstance(path_map, dict):
			providers.update({k: frappe.get_attr(v) for k, v in path_map.items()})
	factory = providers.get(profile.provider or "")
	if not factory:
		frappe.throw(
			_("The remote signing provider {0} is not installed.").format(profile.provider or "-"),
			exc=SigningKeyError,
		)
	return factory(profile)


def _remote_signer_class():
	from pyhanko.sign.signers.pdf_cms import Signer

	class RemoteSigner(Signer):
		"""pyHanko builds the CMS; only the digest of the signed attributes leaves the server."""

		def __init__(self, provider: RemoteSigningProvider, account: str, label: str, timeout: float):
			from asn1crypto import x509
			from pyhanko_certvalidator.registry import SimpleCertificateStore

			chain = [x509.Certificate.load(der) for der in provider.certificate_chain(account)]
			store = SimpleCertificateStore()
			store.register_multiple(chain[1:])
			super().__init__(signing_cert=chain[0], cert_registry=store)
			self.provider, self.account, self.label, self.timeout = provider, account, label, timeout

		async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
			if dry_run:
				return bytes(self.signing_cert.public_key.byte_size + 16)
			digest = hashlib.new(digest_algorithm, data).digest()
			request = self.provider.request_signature(self.account, digest, digest_algorithm, self.label)
			deadline = time.monotonic() + self.timeout
			while True:
				signature = self.provider.poll(request)
				if signature:
					return signature
				if time.monotonic() > deadline:
					raise SigningError(_("The signer did not approve the request on their phone in time."))
				await asyncio.sleep(REMOTE_POLL_SECONDS)

	return RemoteSigner


def _file_bytes(file_url: str | None) -> bytes:
	if not file_url:
		frappe.throw(_("No certificate file is attached to the signing profile."), exc=SigningKeyError)
	file = frappe.get_doc("File", {"file_url": file_url})
	return file.get_content() if isinstance(file.get_content(), bytes) else file.get_content().encode()


def _password(profile: Any) -> str:
	return profile.get_password("certificate_password", raise_exception=False) or ""


def signer_for(profile: Any, label: str) -> Any:
	"""The pyHanko signer of a Signing Profile, its certificate checked first (nothing is signed
	with a wrong password, an expired or a revoked certificate)."""
	from pyhanko.sign import signers

	if profile.key_source == "Remote Signing Provider":
		settings = frappe.get_cached_doc("Signature Settings")
		signer = _remote_signer_class()(
			provider_for(profile),
			profile.provider_account or profile.name,
			label,
			settings.remote_timeout or 120,
		)
	else:
		try:
			signer = signers.SimpleSigner.load_pkcs12_data(
				_file_bytes(profile.certificate_file), other_certs=[], passphrase=_password(profile).encode()
			)
		except ValueError as e:
			frappe.throw(
				_(
					"The certificate's password is wrong, or the file is not a PKCS#12 (.p12/.pfx) certificate."
				),
				exc=SigningKeyError,
				title=_("Nothing was signed"),
			)
			raise e  # unreachable: frappe.throw raises
	check_certificate(signer.signing_cert, list(signer.cert_registry))
	return signer


# -- trust ------------------------------------------------------------------------------------------


def _pem_or_der_certs(content: bytes) -> list[Any]:
	from asn1crypto import pem, x509

	if pem.detect(content):
		return [x509.Certificate.load(der) for _t, _h, der in pem.unarmor(content, multiple=True)]
	return [x509.Certificate.load(content)] if content else []


def _crls(content: bytes) -> list[Any]:
	from asn1crypto import crl, pem

	if pem.detect(content):
		return [crl.CertificateList.load(der) for _t, _h, der in pem.unarmor(content, multiple=True)]
	return [crl.CertificateList.load(content)] if content else []


def validation_context(moment: datetime | None = None) -> Any:
	"""Trust roots and revocation lists from Signature Settings (files kept private)."""
	from pyhanko_certvalidator import ValidationContext

	settings = frappe.get_cached_doc("Signature Settings")
	roots = _pem_or_der_certs(_file_bytes(settings.trust_roots_file)) if settings.trust_roots_file else []
	crls = _crls(_file_bytes(settings.crl_file)) if settings.crl_file else []
	return ValidationContext(
		trust_roots=roots,
		crls=crls,
		allow_fetching=bool(settings.fetch_revocation),
		revocation_mode="hard-fail" if settings.require_revocation_check else "soft-fail",
		moment=moment,
	)


def has_trust_roots() -> bool:
	return bool(frappe.get_cached_doc("Signature Settings").trust_roots_file)


def check_certificate(cert: Any, others: list[Any]) -> None:
	"""Refuse a certificate that is expired, not yet valid, revoked or not from a trusted CA."""
	now = datetime.now(timezone.utc)
	problem = signing_rules.certificate_problem(cert.not_valid_before, cert.not_valid_after, now)
	if problem == "expired":
		frappe.throw(
			_("The certificate of {0} expired on {1}: renew it; nothing was signed.").format(
				_subject(cert), signing_rules.iso_vietnam(cert.not_valid_after)
			),
			exc=CertificateRefused,
			title=_("Nothing was signed"),
		)
	if problem == "not_yet_valid":
		frappe.throw(
			_("The certificate of {0} is valid only from {1}; nothing was signed.").format(
				_subject(cert), signing_rules.iso_vietnam(cert.not_valid_before)
			),
			exc=CertificateRefused,
			title=_("Nothing was signed"),
		)
	if not has_trust_roots():
		return
	from pyhanko_certvalidator import CertificateValidator
	from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, RevokedError

	validator = CertificateValidator(cert, intermediate_certs=others, validation_context=validation_context())
	try:
		asyncio.run(validator.async_validate_usage(set()))
	except RevokedError:
		frappe.throw(
			_("The certificate of {0} has been revoked by its issuer; nothing was signed.").format(
				_subject(cert)
			),
			exc=CertificateRefused,
			title=_("Nothing was signed"),
		)
	except (PathBuildingError, PathValidationError) as e:
		frappe.throw(
			_(
				"The certificate of {0} is not issued by a trusted certification authority ({1}); nothing was signed."
			).format(_subject(cert), str(e)[:200]),
			exc=CertificateRefused,
			title=_("Nothing was signed"),
		)


def _subject(cert: Any) -> str:
	names = cert.subject.native
	return names.get("common_name") or names.get("organization_name") or cert.subject.human_friendly


def fingerprint(cert: Any) -> str:
	return hashlib.sha256(cert.dump()).hexdigest()


# -- where the signature goes -------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureBlock:
	page: int  # 0-based
	title: signing_rules.Box
	name: signing_rules.Box
	page_width: float
	page_height: float


_WORD = re.compile(
	r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', re.S
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def _lines(words: list[tuple[float, float, float, float, str]]) -> list[tuple[signing_rules.Box, str]]:
	"""Words grouped into lines by their top (pdftotext -bbox gives words only)."""
	lines: list[list[tuple[float, float, float, float, str]]] = []
	for word in sorted(words, key=lambda w: (round(w[1]), w[0])):
		if lines and abs(lines[-1][0][1] - word[1]) < 3:
			lines[-1].append(word)
		else:
			lines.append([word])
	out = []
	for line in lines:
		x0 = min(w[0] for w in line)
		x1 = max(w[2] for w in line)
		top = min(w[1] for w in line)
		bottom = max(w[3] for w in line)
		out.append((signing_rules.Box(x0, top, x1, bottom), " ".join(w[4] for w in line)))
	return out


def locate_signature_block(pdf: bytes, signer_name: str | None = None) -> SignatureBlock:
	"""The signer's title and name lines (pdftotext -bbox, poppler-utils): the line reading
	``signer_name`` nearest the end of the document, else the bottom line of the right half of
	the last page, and the text line right above it."""
	if not shutil.which("pdftotext"):
		frappe.throw(_("poppler-utils (pdftotext) is needed to place signatures."), exc=SigningError)
	result = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True)
	pages = _PAGE.findall(result.stdout.decode("utf-8"))
	import html as html_lib

	parsed = []
	for width, height, body in pages:
		words = [
			(float(a), float(b), float(c), float(d), html_lib.unescape(t))
			for a, b, c, d, t in _WORD.findall(body)
		]
		right = [w for w in words if (w[0] + w[2]) / 2 > float(width) * 0.5]
		parsed.append((float(width), float(height), _lines(right)))

	def block(index: int, at: int) -> SignatureBlock | None:
		width, height, lines = parsed[index]
		if at < 1:
			return None
		name_box, title_box = lines[at][0], lines[at - 1][0]
		# top-left origin (pdftotext) -> PDF user space
		to_pdf = lambda b: signing_rules.top_left_to_pdf(height, b.x0, b.y0, b.x1, b.y1)  # noqa: E731
		return SignatureBlock(index, to_pdf(title_box), to_pdf(name_box), width, height)

	wanted = " ".join((signer_name or "").split()).lower()
	if wanted:
		for index in range(len(parsed) - 1, -1, -1):
			lines = parsed[index][2]
			matches = [i for i, (_b, text) in enumerate(lines) if " ".join(text.split()).lower() == wanted]
			found = block(index, matches[-1]) if matches else None
			if found:
				return found
	# no name to look for, or printed otherwise: the bottom line of the last page's right half
	if parsed and parsed[-1][2]:
		found = block(len(parsed) - 1, len(parsed[-1][2]) - 1)
		if found:
			return found
	frappe.throw(
		_("The signature block (the signer's title and name) was not found in the document."),
		exc=SigningError,
		title=_("Nothing was signed"),
	)
	raise AssertionError  # unreachable


# -- signing ----------------------------------------------------------------------------------------


def _font_path() -> str:
	"""A Times-compatible TrueType font rescaled to 1000 units per em, kept in the temp folder.
	pyHanko writes glyph widths and TJ adjustments in the font's own units, which PDF reads as
	thousandths of an em: right only for 1000-unit fonts (Tinos and Liberation use 2048, whose
	text came out spaced apart)."""
	import os
	import tempfile

	for path in FONT_CANDIDATES:
		if not os.path.exists(path):
			continue
		stamp = int(os.path.getmtime(path))
		name = f"tiep-xuc-{os.path.splitext(os.path.basename(path))[0]}-{stamp}-upem1000.ttf"
		scaled = os.path.join(tempfile.gettempdir(), name)
		if not os.path.exists(scaled):
			from fontTools import ttLib
			from fontTools.ttLib.scaleUpem import scale_upem

			font = ttLib.TTFont(path)
			if font["head"].unitsPerEm != 1000:
				scale_upem(font, 1000)
			partial = f"{scaled}.{os.getpid()}"
			font.save(partial)
			os.replace(partial, scaled)  # atomic: two workers never read half a font
		return scaled
	frappe.throw(
		_("A Times-compatible font (fonts-croscore) is needed for the seal's text."), exc=SigningError
	)
	raise AssertionError


def _image(file_url: str | None, what: str) -> Any:
	from PIL import Image

	if not file_url:
		frappe.throw(
			_("The {0} image is missing: the administrator uploads it on the Signing Profile.").format(what),
			exc=SigningKeyError,
			title=_("Nothing was signed"),
		)
	image = Image.open(io.BytesIO(_file_bytes(file_url)))
	image.load()
	return image


def _timestamper() -> Any:
	"""RFC 3161 timestamps from the TSA of Signature Settings (PAdES B-T); tests put an
	in-process TSA in ``frappe.flags.txdt_timestamper``, as the levels' tests do the transport."""
	if frappe.flags.txdt_timestamper:
		return frappe.flags.txdt_timestamper
	url = frappe.get_cached_doc("Signature Settings").tsa_url
	if not url:
		return None
	from pyhanko.sign.timestamps import HTTPTimeStamper

	return HTTPTimeStamper(url, timeout=20)


def _sign(
	pdf: bytes,
	signer: Any,
	field: str,
	page: int,
	box: signing_rules.Box,
	style: Any,
	reason: str,
	text_params: dict | None = None,
) -> bytes:
	from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
	from pyhanko.sign import fields, signers
	from pyhanko.sign.fields import SigSeedSubFilter

	writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
	meta = signers.PdfSignatureMetadata(
		field_name=field,
		md_algorithm="sha256",
		subfilter=SigSeedSubFilter.PADES,
		reason=reason,
	)
	pdf_signer = signers.PdfSigner(
		meta,
		signer=signer,
		timestamper=_timestamper(),
		stamp_style=style,
		new_field_spec=fields.SigFieldSpec(sig_field_name=field, on_page=page, box=box.as_tuple()),
	)
	out = io.BytesIO()
	try:
		pdf_signer.sign_pdf(writer, output=out, appearance_text_params=text_params)
	except SigningError:
		raise
	except Exception as e:
		frappe.log_error("Signing failed")
		frappe.throw(_("The document could not be signed: {0}").format(str(e)[:300]), exc=SigningError)
	return out.getvalue()


def sign_as_signer(pdf: bytes, profile: Any, signer_name: str | None, label: str) -> bytes:
	"""The person's signature: their image (blue PNG) centred between title and name."""
	from pyhanko.pdf_utils import layout
	from pyhanko.pdf_utils.images import PdfImage
	from pyhanko.stamp import StaticStampStyle

	signer = signer_for(profile, label)
	block = locate_signature_block(pdf, signer_name)
	try:
		box = signing_rules.signer_box(
			block.title, block.name, profile.image_width_mm or signing_rules.SIGNER_IMAGE_WIDTH_MM
		)
	except signing_rules.SigningLayoutError:
		frappe.throw(
			_("The signature block (the signer's title and name) was not found in the document."),
			exc=SigningError,
			title=_("Nothing was signed"),
		)
	style = StaticStampStyle(
		background=PdfImage(_image(profile.image, _("signature", context="Signing Profile"))),
		background_opacity=1.0,
		border_width=0,
		background_layout=layout.SimpleBoxLayoutRule(
			x_align=layout.AxisAlignment.ALIGN_MID,
			y_align=layout.AxisAlignment.ALIGN_MID,
			inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
		),
	)
	return _sign(pdf, signer, SIGNER_FIELD, block.page, box, style, label)


def sign_as_agency(
	pdf: bytes, profile: Any, agency: str, signer_name: str | None, label: str, moment: datetime
) -> bytes:
	"""The agency's signature (the seal): red PNG at real size over the left third of the
	signer's image, with the agency's name and the signing time (ISO 8601, +07:00)."""
	from pyhanko.pdf_utils import layout, text
	from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
	from pyhanko.pdf_utils.images import PdfImage
	from pyhanko.stamp import TextStampStyle

	signer = signer_for(profile, label)
	block = locate_signature_block(pdf, signer_name)
	try:
		signer_image = signing_rules.signer_box(block.title, block.name, signing_rules.SIGNER_IMAGE_WIDTH_MM)
	except signing_rules.SigningLayoutError:
		frappe.throw(
			_("The signature block (the signer's title and name) was not found in the document."),
			exc=SigningError,
			title=_("Nothing was signed"),
		)
	info = signing_rules.seal_text(agency, moment)
	box = signing_rules.seal_box(
		signer_image, profile.image_width_mm or signing_rules.SEAL_DIAMETER_MM, len(info.splitlines())
	)
	style = TextStampStyle(
		stamp_text="%(seal_info)s",
		text_box_style=text.TextBoxStyle(
			font=GlyphAccumulatorFactory(_font_path()),
			font_size=signing_rules.SEAL_TEXT_SIZE,
			leading=signing_rules.SEAL_TEXT_SIZE + 1,
		),
		background=PdfImage(_image(profile.image, _("seal"))),
		background_opacity=1.0,
		border_width=0,
		# the image at real size in the top right corner: the box is the seal's width plus the
		# text's room on the left, and its height the seal's plus the text's
		background_layout=layout.SimpleBoxLayoutRule(
			x_align=layout.AxisAlignment.ALIGN_MAX,
			y_align=layout.AxisAlignment.ALIGN_MAX,
			margins=layout.Margins(bottom=signing_rules.seal_text_height(len(info.splitlines()))),
			inner_content_scaling=layout.InnerScaling.STRETCH_TO_FIT,
		),
		# the text ends under the seal's middle, clear of the signer's name on its right
		inner_content_layout=layout.SimpleBoxLayoutRule(
			x_align=layout.AxisAlignment.ALIGN_MAX,
			y_align=layout.AxisAlignment.ALIGN_MIN,
			margins=layout.Margins(right=round(signing_rules.seal_text_right_margin(profile.image_width_mm))),
			inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
		),
	)
	return _sign(pdf, signer, SEAL_FIELD, block.page, box, style, label, {"seal_info": info})


def sign_attachment(pdf: bytes, profile: Any, number_and_symbol: str, label: str, moment: datetime) -> bytes:
	"""An attachment in its own file: the agency signs it with no image, the number and symbol
	of the main document and the time at the top right of page 1, Times New Roman 10."""
	from pyhanko.pdf_utils import layout, text
	from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
	from pyhanko.pdf_utils.reader import PdfFileReader
	from pyhanko.stamp import TextStampStyle

	signer = signer_for(profile, label)
	page = PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Kids"][0].get_object()
	x0, y0, x1, y1 = (float(v) for v in page["/MediaBox"])
	box = signing_rules.attachment_box(x1 - x0, y1 - y0)
	style = TextStampStyle(
		stamp_text="%(attachment_info)s",
		text_box_style=text.TextBoxStyle(
			font=GlyphAccumulatorFactory(_font_path()),
			font_size=signing_rules.ATTACHMENT_TEXT_SIZE,
			text_color=(0, 0, 0),
		),
		border_width=0,
		inner_content_layout=layout.SimpleBoxLayoutRule(
			x_align=layout.AxisAlignment.ALIGN_MAX, y_align=layout.AxisAlignment.ALIGN_MAX
		),
	)
	return _sign(
		pdf,
		signer,
		ATTACHMENT_FIELD,
		0,
		box,
		style,
		label,
		{"attachment_info": signing_rules.attachment_text(number_and_symbol, moment)},
	)


# -- verification ---------------------------------------------------------------------------


def read_signatures(content: bytes, ours: set[str] | None = None) -> list[signing_rules.SignatureFacts]:
	"""Every signature of ``content`` as pyHanko's validator sees it."""
	if not signing_rules.is_pdf(content):
		frappe.throw(_("The file is not a PDF."), exc=NotAPdfError, title=_("Cannot Verify"))
	from pyhanko.pdf_utils.reader import PdfFileReader
	from pyhanko.sign.diff_analysis import ModificationLevel
	from pyhanko.sign.validation import async_validate_pdf_signature
	from pyhanko.sign.validation.status import SignatureCoverageLevel

	try:
		reader = PdfFileReader(io.BytesIO(content), strict=False)
		embedded = list(reader.embedded_regular_signatures)
	except Exception:
		frappe.throw(
			_("The PDF could not be read: it is damaged or not a PDF."),
			exc=NotAPdfError,
			title=_("Cannot Verify"),
		)
	context = validation_context()
	facts = []
	for sig in embedded:
		try:
			status = asyncio.run(async_validate_pdf_signature(sig, signer_validation_context=context))
		except Exception:
			facts.append(_broken(sig))
			continue
		cert = status.signing_cert
		names = cert.subject.native
		signed_at = status.signer_reported_dt
		if status.timestamp_validity is not None:
			signed_at = status.timestamp_validity.timestamp
		level = status.modification_level
		facts.append(
			signing_rules.SignatureFacts(
				field_name=sig.field_name or "",
				signer=names.get("common_name") or "",
				organisation=names.get("organization_name") or "",
				signed_at=signed_at,
				intact=bool(status.intact),
				valid=bool(status.valid),
				trusted=bool(status.trusted),
				revoked=status.revocation_details is not None,
				covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
				modified_after=status.docmdp_ok is False
				or (
					level is not None
					and level
					not in (
						ModificationLevel.NONE,
						ModificationLevel.LTA_UPDATES,
						ModificationLevel.FORM_FILLING,
					)
				),
				fingerprint=fingerprint(cert),
				timestamped=status.timestamp_validity is not None,
				ours=fingerprint(cert) in (ours or set()),
			)
		)
	return facts


def _broken(sig: Any) -> signing_rules.SignatureFacts:
	return signing_rules.SignatureFacts(
		field_name=sig.field_name or "",
		signer="",
		organisation="",
		signed_at=None,
		intact=False,
		valid=False,
		trusted=False,
		revoked=False,
		covers_whole_file=False,
		modified_after=True,
		fingerprint="",
	)


def known_fingerprints() -> set[str]:
	"""Certificates this agency's profiles signed with (kept on each Signing Profile)."""
	table = frappe.qb.DocType("Signing Profile")
	rows = frappe.qb.from_(table).select(table.certificate_fingerprint).distinct().run(pluck=True)
	return {r for r in rows if r}


VERDICT_MESSAGES = {  # nosemgrep: frappe-breaks-multitenancy -- each value is a lambda: _() runs per call, in the request's language
	signing_rules.NOT_SIGNED: lambda: _("This PDF carries no digital signature."),
	signing_rules.BROKEN: lambda: _(
		"The PDF was altered after it was signed: a signature no longer matches its content."
	),
	signing_rules.REVOKED: lambda: _("A certificate that signed this PDF has been revoked."),
	signing_rules.MODIFIED: lambda: _(
		"The signatures are intact, but content was added to the PDF after it was signed."
	),
	signing_rules.UNTRUSTED: lambda: _(
		"The signatures are intact, but a certificate is not issued by a trusted certification authority."
	),
	signing_rules.NOT_OURS: lambda: _("The signatures are valid, but none of them is this agency's."),
	signing_rules.VALID: lambda: _("Signed by this agency and unchanged since it was signed."),
}


def verification_report(content: bytes, require_ours: bool = True) -> dict[str, Any]:
	"""What the public page and the desk show: one verdict and every signature."""
	facts = read_signatures(content, known_fingerprints_all())
	result = signing_rules.verdict(facts, require_ours=require_ours)
	message = VERDICT_MESSAGES[result.code]()
	if result.code == signing_rules.NOT_OURS and not require_ours:
		message = VERDICT_MESSAGES[signing_rules.VALID]()
	return {
		"verdict": result.code,
		"ok": result.code == signing_rules.VALID
		or (result.code == signing_rules.NOT_OURS and not require_ours),
		"message": message,
		"sha256": hashlib.sha256(content).hexdigest(),
		"signatures": signature_rows(result.signatures),
	}


def signature_rows(signatures: tuple[signing_rules.SignatureFacts, ...]) -> list[dict[str, Any]]:
	"""Each signature as the public page and the desk list it."""
	return [
		{
			"signer": f.signer,
			"organisation": f.organisation,
			"signed_at": signing_rules.iso_vietnam(f.signed_at) if f.signed_at else "",
			"intact": f.intact and f.valid,
			"trusted": f.trusted,
			"revoked": f.revoked,
			"timestamped": f.timestamped,
			"ours": f.ours,
			"modified_after": f.modified_after,
		}
		for f in signatures
	]


def verify_received(content: bytes, sender: str, expected: set[str]) -> dict[str, Any]:
	"""A document another level sent here: the same check as :func:`verification_report`,
	where "ours" means the certificates the sender declared (its signer's and its seal's), so a
	valid PDF signed by someone else is not taken for the sender's."""
	facts = read_signatures(content, expected)
	result = signing_rules.verdict(facts, require_ours=True)
	if result.code == signing_rules.VALID:
		message = _("Signed by {0} and unchanged since it was signed.").format(sender)
	elif result.code == signing_rules.NOT_OURS:
		message = _("The signatures are valid, but none of them is by the certificates {0} declared.").format(
			sender
		)
	else:
		message = VERDICT_MESSAGES[result.code]()
	return {
		"verdict": result.code,
		"ok": result.code == signing_rules.VALID,
		"message": message,
		"sha256": hashlib.sha256(content).hexdigest(),
		"signatures": signature_rows(result.signatures),
	}


def known_fingerprints_all() -> set[str]:
	"""Every certificate this agency has signed with: its profiles' current ones and those
	recorded on its signed documents (a renewed certificate still vouches for old documents)."""
	table = frappe.qb.DocType("Signed Document")
	rows = frappe.qb.from_(table).select(table.signer_fingerprint, table.seal_fingerprint).distinct().run()
	return known_fingerprints() | {v for row in rows for v in row if v}


# -- what the controllers call ------------------------------------------------------------------


def profile_for_user(user: str) -> Any:
	name = frappe.db.get_value("Signing Profile", {"profile_type": "Signer", "user": user, "enabled": 1})
	if not name:
		frappe.throw(
			_("You have no signing key: the administrator sets one up for you in Signing Profile."),
			exc=SigningKeyError,
			title=_("Nothing was signed"),
		)
	return frappe.get_doc("Signing Profile", name)


def profile_for_unit(unit: str) -> Any:
	name = frappe.db.get_value("Signing Profile", {"profile_type": "Agency Seal", "unit": unit, "enabled": 1})
	if not name:
		frappe.throw(
			_(
				"The unit {0} has no seal certificate: the administrator sets one up in Signing Profile."
			).format(unit),
			exc=SigningKeyError,
			title=_("Nothing was signed"),
		)
	return frappe.get_doc("Signing Profile", name)


def agency_name(unit: str) -> str:
	row = frappe.db.get_value("Dialogue Unit", unit, ["header_name", "unit_name"], as_dict=True)
	return (row.header_name or row.unit_name) if row else unit


def file_content(file_url: str) -> bytes:
	return _file_bytes(file_url)


def source_html(doctype: str, name: str, print_format: str) -> str:
	"""The document as printed, in the site's language whoever prints it: an official document
	reads the same for the approver who sends it and the signer who signs it (Frappe's print
	page otherwise follows the user's language, down to ``<html lang>``)."""
	from tiep_xuc_doi_thoai.utils.printing import print_format_html

	user_lang = frappe.local.lang
	frappe.local.lang = (
		frappe.db.get_single_value("System Settings", "language") or frappe.db.get_default("lang") or "en"
	)
	try:
		return print_format_html(doctype, name, print_format, no_letterhead=1)
	finally:
		frappe.local.lang = user_lang


def content_fingerprint(doctype: str, name: str, print_format: str) -> str:
	"""SHA-256 of the document as printed (its HTML): what the signer signs. A status move that
	does not change the printed text does not change it, nor does who prints it (Frappe's print
	page ends with an HTML comment naming the user: comments are not the document)."""
	html = re.sub(r"<!--.*?-->", "", source_html(doctype, name, print_format), flags=re.S)
	html = re.sub(r"\s+", " ", html)
	return hashlib.sha256(html.encode("utf-8")).hexdigest()


def render_source_pdf(doctype: str, name: str, print_format: str) -> bytes:
	from tiep_xuc_doi_thoai.utils.printing import render_pdf

	return render_pdf(source_html(doctype, name, print_format))


# The document each approved doctype signs by default (the form's button signs any of them).
APPROVAL_PRINT_FORMATS = {
	"Dialogue Plan": "Dialogue Plan Document",
	"Dialogue Report": "Dialogue Periodic Report",
}


def await_signature_on_approval(doc: Any) -> str | None:
	"""Once the approving transition is taken, the document awaits its signer - when its unit
	signs digitally (an enabled seal profile). A consequence of the approval, made as the
	system: the approver need not have the right to create Signed Documents."""
	print_format = APPROVAL_PRINT_FORMATS.get(doc.doctype)
	if not print_format or not doc.get("issuing_unit"):
		return None
	seal = {"profile_type": "Agency Seal", "unit": doc.issuing_unit, "enabled": 1}
	if not frappe.db.exists("Signing Profile", seal) or not frappe.db.exists("Print Format", print_format):
		return None
	return send_for_signature(doc, print_format, as_system=True)


def send_for_signature(doc: Any, print_format: str, as_system: bool = False) -> str:
	"""A Signed Document for ``doc`` printed in ``print_format`` (awaiting the signer), unless
	one for the same content is already open; earlier ones for other content are marked
	outdated. Called from the source document's whitelisted method."""
	doc.check_permission("read")
	if doc.meta.is_submittable and doc.docstatus != 1:
		# Signing follows the approving transition (docstatus 1, whatever the state is called).
		frappe.throw(_("{0} {1} is signed once it is approved.").format(_(doc.doctype), doc.name))
	if frappe.db.get_value("Print Format", print_format, "doc_type") != doc.doctype:
		frappe.throw(_("The print format {0} is not for {1}.").format(print_format, _(doc.doctype)))
	fingerprint_now = content_fingerprint(doc.doctype, doc.name, print_format)
	table = frappe.qb.DocType("Signed Document")
	existing = (
		frappe.qb.from_(table)
		.select(table.name, table.content_fingerprint, table.status)
		.where(table.reference_doctype == doc.doctype)
		.where(table.reference_name == doc.name)
		.where(table.print_format == print_format)
		.where(table.status != signing_rules.CANCELLED)
		.run(as_dict=True)
	)
	for row in existing:
		if row.content_fingerprint == fingerprint_now:
			return row.name
		frappe.db.set_value("Signed Document", row.name, "outdated", 1)
	# a conference's documents are signed by its plan's signer, for its unit (services/print_formats)
	plan = (
		frappe.db.get_value(
			"Dialogue Plan", doc.get("dialogue_plan"), ["issuing_unit", "signer_name"], as_dict=True
		)
		if doc.get("dialogue_plan")
		else None
	) or frappe._dict()
	unit = doc.get("issuing_unit") or plan.issuing_unit
	signed = frappe.get_doc(
		{
			"doctype": "Signed Document",
			"title": f"{_(print_format)}: {doc.get('title') or doc.name}"[:140],
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"print_format": print_format,
			"issuing_unit": unit,
			"number_and_symbol": doc.get("number_and_symbol"),
			"signer_name": doc.get("signer_name") or plan.signer_name,
			"content_fingerprint": fingerprint_now,
		}
	)
	# the user's own right to create a Signed Document decides, unless the approval made it
	signed.insert(ignore_permissions=as_system)
	return signed.name
