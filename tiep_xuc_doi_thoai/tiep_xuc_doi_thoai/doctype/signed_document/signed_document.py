# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The official, digitally signed PDF of a plan, notice, minutes or report.

Its workflow (setup/workflow_signing.py, the administrator's once created) moves it from
*Awaiting Signature* to the signer's signature and then the agency's seal; each state sets the
fixed ``status`` (Update Field), and this controller acts on the status the transition set:
``Signed`` -> the person who took the transition signs with their own Signing Profile,
``Sealed`` -> the unit's seal profile signs. A failure (wrong password, expired or revoked
certificate, document changed) throws, so the transition is rolled back and nothing is signed.
Every PDF is a private File attached here; ``official_file`` points at the latest.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from tiep_xuc_doi_thoai.core import signing as signing_rules
from tiep_xuc_doi_thoai.utils.workflow import sync_status_from_state


class SignedDocument(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		annex_file: DF.Attach | None
		content_fingerprint: DF.Data | None
		issuing_unit: DF.Link
		number_and_symbol: DF.Data | None
		official_file: DF.Attach | None
		outdated: DF.Check
		print_format: DF.Link
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		seal_certificate: DF.Data | None
		seal_fingerprint: DF.Data | None
		sealed_by: DF.Link | None
		sealed_on: DF.Datetime | None
		sent_transfer: DF.Link | None
		signed_annex_file: DF.Attach | None
		signed_by: DF.Link | None
		signed_on: DF.Datetime | None
		signer_certificate: DF.Data | None
		signer_fingerprint: DF.Data | None
		signer_name: DF.Data | None
		status: DF.Literal["Awaiting Signature", "Signed", "Sealed", "Cancelled"]
		title: DF.Data | None
		unsigned_file: DF.Attach | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def validate(self):
		sync_status_from_state(self)
		self.apply_signing_step()

	def on_update(self):
		if self.has_value_changed("status") and self.status == signing_rules.SEALED:
			self.send_up()

	# -- steps -------------------------------------------------------------------------------
	def apply_signing_step(self):
		before = self.get_doc_before_save()
		if not before or before.status == self.status:
			return
		if self.status == signing_rules.SIGNED and before.status == signing_rules.AWAITING:
			self.sign()
		elif self.status == signing_rules.SEALED and before.status == signing_rules.SIGNED:
			self.seal()
		elif self.status in (signing_rules.SIGNED, signing_rules.SEALED):
			frappe.throw(
				_("The signer signs first, then the agency adds its seal."), title=_("Nothing was signed")
			)

	def sign(self):
		from tiep_xuc_doi_thoai.services import signing

		self.check_unchanged()
		profile = signing.profile_for_user(frappe.session.user)
		pdf = signing.render_source_pdf(self.reference_doctype, self.reference_name, self.print_format)
		self.unsigned_file = self.save_pdf(pdf, "unsigned", "unsigned_file")
		signed = signing.sign_as_signer(pdf, profile, self.signer_name, self.label())
		self.official_file = self.save_pdf(signed, "signed", "official_file")
		self.signed_by = frappe.session.user
		self.signed_on = now_datetime()
		self.signer_certificate = profile.certificate_subject
		self.signer_fingerprint = profile.certificate_fingerprint

	def seal(self):
		from tiep_xuc_doi_thoai.services import signing

		self.check_unchanged()
		profile = signing.profile_for_unit(self.issuing_unit)
		# aware: the seal's ISO 8601 time is right whatever the site's time zone
		moment = datetime.now(timezone.utc)
		sealed = signing.sign_as_agency(
			signing.file_content(self.official_file),
			profile,
			signing.agency_name(self.issuing_unit),
			self.signer_name,
			self.label(),
			moment,
		)
		if self.annex_file:
			annex = signing.file_content(self.annex_file)
			if not signing_rules.is_pdf(annex):
				frappe.throw(
					_("The attachment in a separate file must be a PDF."), title=_("Nothing was signed")
				)
			self.signed_annex_file = self.save_pdf(
				signing.sign_attachment(
					annex, profile, self.number_and_symbol or self.name, self.label(), moment
				),
				"annex-sealed",
				"signed_annex_file",
			)
		self.official_file = self.save_pdf(sealed, "sealed", "official_file")
		self.sealed_by = frappe.session.user
		self.sealed_on = now_datetime()
		self.seal_certificate = profile.certificate_subject
		self.seal_fingerprint = profile.certificate_fingerprint

	def check_unchanged(self):
		"""What is signed is what was sent for signature: a document edited since needs to be
		sent again (a new Signed Document), never a silent re-render."""
		from tiep_xuc_doi_thoai.services import signing

		current = signing.content_fingerprint(self.reference_doctype, self.reference_name, self.print_format)
		if self.content_fingerprint and current != self.content_fingerprint:
			self.outdated = 1
			frappe.throw(
				_("{0} {1} was changed after it was sent for signature: send it for signature again.").format(
					_(self.reference_doctype), self.reference_name
				),
				title=_("Nothing was signed"),
			)

	def label(self) -> str:
		return f"{self.number_and_symbol or self.title or self.name}"

	def save_pdf(self, content: bytes, step: str, fieldname: str) -> str:
		digest = hashlib.sha256(content).hexdigest()[:10]
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.name}-{step}-{digest}.pdf",
				"attached_to_doctype": self.doctype,
				"attached_to_name": self.name,
				# with the field, Frappe sees the file is attached already and makes no copy
				"attached_to_field": fieldname,
				"is_private": 1,
				"content": content,
			}
		)
		file.save(ignore_permissions=True)  # the transition decided; the file is the system's record
		return file.file_url

	def send_up(self):
		"""A sealed periodic report or plan travels to the upper level with its signatures (the
		PDF as bytes, never re-rendered there)."""
		if self.reference_doctype == "Dialogue Report":
			from tiep_xuc_doi_thoai.integrations.reports import queue_signed_report

			name = queue_signed_report(self)
		else:
			from tiep_xuc_doi_thoai.integrations.signed_documents import queue_signed_document

			name = queue_signed_document(self)
		if name:
			self.db_set("sent_transfer", name)

	# -- actions -----------------------------------------------------------------------------
	@frappe.whitelist()
	def verify(self) -> dict:
		"""Check the official file as the public page would."""
		self.check_permission("read")
		from tiep_xuc_doi_thoai.services import signing

		if not self.official_file:
			frappe.throw(_("Nothing has been signed yet."))
		return signing.verification_report(signing.file_content(self.official_file))
