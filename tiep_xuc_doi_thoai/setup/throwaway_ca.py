"""A throwaway certification authority made at test and demo time (no private key is ever committed):
a root, certificates for a person and an agency, an expired and a revoked one, the CRL, and
the transparent PNGs of a signature (blue) and a seal (red)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def _name(common: str, org: str = "UBND xã Thử Nghiệm") -> x509.Name:
	return x509.Name(
		[
			x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
			x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
			x509.NameAttribute(NameOID.COMMON_NAME, common),
		]
	)


def _key() -> rsa.RSAPrivateKey:
	return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class TestCA:
	key: rsa.RSAPrivateKey = field(default_factory=_key)
	cert: x509.Certificate | None = None
	revoked: list[int] = field(default_factory=list)

	def __post_init__(self):
		now = datetime.now(timezone.utc)
		name = _name("Test Root CA (tiep_xuc_doi_thoai)", "Test CA")
		self.cert = (
			x509.CertificateBuilder()
			.subject_name(name)
			.issuer_name(name)
			.public_key(self.key.public_key())
			.serial_number(x509.random_serial_number())
			.not_valid_before(now - timedelta(days=30))
			.not_valid_after(now + timedelta(days=3650))
			.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
			.add_extension(
				x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
			)
			.add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
			.sign(self.key, hashes.SHA256())
		)

	def issue(self, common: str, org: str = "UBND xã Thử Nghiệm", expired: bool = False) -> tuple:
		now = datetime.now(timezone.utc)
		key = _key()
		start, end = (
			(now - timedelta(days=400), now - timedelta(days=35))
			if expired
			else (
				now - timedelta(days=1),
				now + timedelta(days=365),
			)
		)
		cert = (
			x509.CertificateBuilder()
			.subject_name(_name(common, org))
			.issuer_name(self.cert.subject)
			.public_key(key.public_key())
			.serial_number(x509.random_serial_number())
			.not_valid_before(start)
			.not_valid_after(end)
			.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
			.add_extension(
				x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
			)
			.add_extension(
				x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
			)
			# Declared, so validators check revocation (the CRL itself is handed over locally).
			.add_extension(
				x509.CRLDistributionPoints(
					[
						x509.DistributionPoint(
							full_name=[x509.UniformResourceIdentifier(CRL_URL)],
							relative_name=None,
							reasons=None,
							crl_issuer=None,
						)
					]
				),
				critical=False,
			)
			.sign(self.key, hashes.SHA256())
		)
		return key, cert

	def timestamper(self):
		"""An in-process RFC 3161 TSA (pyHanko's DummyTimeStamper) with a certificate of this CA
		for time stamping only."""
		from asn1crypto import keys as asn1_keys
		from asn1crypto import x509 as asn1_x509
		from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

		now = datetime.now(timezone.utc)
		key = _key()
		cert = (
			x509.CertificateBuilder()
			.subject_name(_name("Test TSA (tiep_xuc_doi_thoai)", "Test CA"))
			.issuer_name(self.cert.subject)
			.public_key(key.public_key())
			.serial_number(x509.random_serial_number())
			.not_valid_before(now - timedelta(days=1))
			.not_valid_after(now + timedelta(days=365))
			.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
			.add_extension(
				x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
			)
			.sign(self.key, hashes.SHA256())
		)
		der_key = key.private_bytes(
			serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
		)
		return DummyTimeStamper(
			tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
			tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
		)

	def pkcs12(self, key, cert, password: str) -> bytes:
		return pkcs12.serialize_key_and_certificates(
			b"key",
			key,
			cert,
			[self.cert],
			serialization.BestAvailableEncryption(password.encode()),
		)

	def revoke(self, cert: x509.Certificate) -> None:
		self.revoked.append(cert.serial_number)

	def crl_pem(self) -> bytes:
		now = datetime.now(timezone.utc)
		builder = (
			x509.CertificateRevocationListBuilder()
			.issuer_name(self.cert.subject)
			.last_update(now - timedelta(hours=1))
			.next_update(now + timedelta(days=7))
			.add_extension(x509.CRLNumber(1), critical=False)
			.add_extension(
				x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False
			)
		)
		for serial in self.revoked:
			builder = builder.add_revoked_certificate(
				x509.RevokedCertificateBuilder()
				.serial_number(serial)
				.revocation_date(now - timedelta(minutes=30))
				.build()
			)
		return builder.sign(self.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)

	def root_pem(self) -> bytes:
		return self.cert.public_bytes(serialization.Encoding.PEM)


def png(colour: tuple[int, int, int], size: tuple[int, int] = (300, 140), round_seal: bool = False) -> bytes:
	"""A transparent PNG: strokes of a signature, or a ring for a seal."""
	from PIL import Image, ImageDraw

	image = Image.new("RGBA", size, (0, 0, 0, 0))
	draw = ImageDraw.Draw(image)
	w, h = size
	if round_seal:
		draw.ellipse((4, 4, w - 4, h - 4), outline=(*colour, 255), width=max(4, w // 30))
		draw.ellipse((w // 4, h // 4, 3 * w // 4, 3 * h // 4), fill=(*colour, 255))
	else:
		draw.line(
			(10, h * 0.7, w * 0.4, h * 0.2, w * 0.6, h * 0.8, w - 10, h * 0.3), fill=(*colour, 255), width=8
		)
	out = io.BytesIO()
	image.save(out, "PNG")
	return out.getvalue()


CRL_URL = "http://ca.test.invalid/root.crl"
BLUE = (0, 51, 204)
RED = (220, 0, 0)


def install(
	ca: TestCA,
	unit: str,
	signer_user: str,
	signer_name: str,
	seal_name: str,
	password: str,
	seal_width_mm: float = 36,
) -> dict[str, str]:
	"""Make this site sign with ``ca`` (the e2e check and the demo; never a real agency): trust
	its root and CRL in Signature Settings, a Signer profile for ``signer_user`` (blue
	signature) and the unit's Agency Seal (red seal), each a PKCS#12 made now, kept private."""
	import frappe

	def _file(name: str, content: bytes, private: int = 1) -> str:
		doc = frappe.get_doc(
			{"doctype": "File", "file_name": name, "content": content, "is_private": private}
		)
		doc.save(ignore_permissions=True)
		return doc.file_url

	settings = frappe.get_doc("Signature Settings")
	settings.trust_roots_file = _file("demo-root-ca.pem", ca.root_pem())
	settings.crl_file = _file("demo-root-ca.crl.pem", ca.crl_pem())
	settings.fetch_revocation = 0
	settings.require_revocation_check = 1
	settings.save(ignore_permissions=True)
	frappe.clear_document_cache("Signature Settings", "Signature Settings")
	made = {}
	for kind, common, org, owner, image, width in (
		("Signer", signer_name, seal_name, {"user": signer_user}, png(BLUE), None),
		(
			"Agency Seal",
			seal_name,
			seal_name,
			{"unit": unit},
			png(RED, (400, 400), round_seal=True),
			seal_width_mm,
		),
	):
		existing = frappe.db.get_value("Signing Profile", {"profile_type": kind, **owner, "enabled": 1})
		if existing:
			made[kind] = existing
			continue
		key, cert = ca.issue(common, org=org)
		profile = frappe.get_doc(
			{
				"doctype": "Signing Profile",
				"profile_type": kind,
				"key_source": "PKCS#12 on the Server",
				"certificate_file": _file(
					f"{kind.lower().replace(' ', '-')}.p12", ca.pkcs12(key, cert, password)
				),
				"certificate_password": password,
				"image": _file(f"{kind.lower().replace(' ', '-')}.png", image, private=0),
				**({"image_width_mm": width} if width else {}),
				**owner,
			}
		).insert(ignore_permissions=True)
		made[kind] = profile.name
	return made


def colour_share(pdf: bytes, page: int, rect: list[float], colour: tuple[int, int, int]) -> float:
	"""Share of the pixels inside ``rect`` (PDF points) near ``colour`` on ``page`` (1-based)
	rendered by pdftoppm (poppler-utils) at 72 dpi."""
	import glob
	import subprocess
	import tempfile

	from PIL import Image

	with tempfile.TemporaryDirectory() as tmp:
		subprocess.run(
			["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-png", "-", f"{tmp}/p"],
			input=pdf,
			check=True,
		)
		image = Image.open(sorted(glob.glob(f"{tmp}/p*.png"))[0]).convert("RGB")
	box = (int(rect[0]), int(image.height - rect[3]), int(rect[2]), int(image.height - rect[1]))
	pixels = list(image.crop(box).getdata())
	near = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, colour, strict=True)) < 90)
	return near / max(len(pixels), 1)
