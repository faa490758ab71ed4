"""A throwaway certification authority made at test time (no private key is ever committed):
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
