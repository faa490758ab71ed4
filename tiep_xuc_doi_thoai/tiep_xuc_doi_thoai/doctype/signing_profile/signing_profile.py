# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""A person's or a unit's signing key and image. Saving reads the certificate (so a wrong
password or an expired certificate is said at once, not at the first signature) and keeps its
subject, end of validity and fingerprint, which verification uses to recognise the agency."""

from __future__ import annotations

import io

import frappe
from frappe import _
from frappe.model.document import Document


class SigningProfile(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		certificate_file: DF.Attach | None
		certificate_fingerprint: DF.Data | None
		certificate_password: DF.Password | None
		certificate_subject: DF.Data | None
		certificate_valid_to: DF.Datetime | None
		enabled: DF.Check
		image: DF.AttachImage | None
		image_width_mm: DF.Float
		key_source: DF.Literal["PKCS#12 on the Server", "Remote Signing Provider"]
		profile_type: DF.Literal["Signer", "Agency Seal"]
		provider: DF.Literal["", "Loopback (test)"]
		provider_account: DF.Data | None
		unit: DF.Link | None
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.clear_other_owner()
		self.check_one_per_owner()
		self.make_files_private()
		self.check_image()
		self.read_certificate()

	def clear_other_owner(self):
		if self.profile_type == "Signer":
			self.unit = None
		else:
			self.user = None

	def check_one_per_owner(self):
		filters = {"profile_type": self.profile_type, "enabled": 1, "name": ("!=", self.name)}
		filters.update({"user": self.user} if self.profile_type == "Signer" else {"unit": self.unit})
		if self.enabled and frappe.db.exists("Signing Profile", filters):
			frappe.throw(
				_("An enabled signing profile already exists for {0}.").format(self.user or self.unit)
			)

	def make_files_private(self):
		"""The key file never public, whatever the upload dialog said."""
		for url in (self.certificate_file,):
			if url and url.startswith("/files/"):
				name = frappe.db.get_value("File", {"file_url": url})
				if name:
					file = frappe.get_doc("File", name)
					file.is_private = 1
					file.save(ignore_permissions=True)
					self.certificate_file = file.file_url

	def check_image(self):
		"""A transparent PNG (Nghị định 30/2020 Phụ lục I; sources in core/signing.py), so the seal shows the
		signature through it."""
		if not self.image:
			return
		from PIL import Image

		from tiep_xuc_doi_thoai.core.signing import image_problem
		from tiep_xuc_doi_thoai.services.signing import file_content

		try:
			image = Image.open(io.BytesIO(file_content(self.image)))
			has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
			problem = image_problem(image.format, has_alpha)
		except Exception:
			problem = "not_png"
		if problem:
			frappe.throw(
				_("The image must be a PNG with a transparent background (Nghị định 30/2020)."),
				title=_("Invalid Image"),
			)

	def read_certificate(self):
		if not self.certificate_file and self.key_source != "Remote Signing Provider":
			return
		from tiep_xuc_doi_thoai.core.signing import iso_vietnam
		from tiep_xuc_doi_thoai.services import signing

		signer = signing.signer_for(self, self.name or "profile")
		cert = signer.signing_cert
		self.certificate_subject = cert.subject.human_friendly[:140]
		self.certificate_valid_to = iso_vietnam(cert.not_valid_after)[:19].replace("T", " ")
		self.certificate_fingerprint = signing.fingerprint(cert)
