"""Anyone may check a PDF: was it signed by this agency, by whom, when, and has it changed
since (the public page /kiem-tra-chu-ky, and the same report in the desk).

Like the public opinion form (api/public.py): POST only, rate limited per IP address, the file
size-limited and recognised as a PDF by its bytes before pyHanko reads it, nothing stored.
"""

from __future__ import annotations

import base64
import binascii

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from tiep_xuc_doi_thoai.core.signing import is_pdf
from tiep_xuc_doi_thoai.services.public_pages import use_site_language

DEFAULT_MAX_MB = 10


class VerificationInputError(frappe.ValidationError):
	pass


def max_bytes() -> int:
	mb = frappe.db.get_single_value("Signature Settings", "max_upload_mb") or DEFAULT_MAX_MB
	return int(mb) * 1024 * 1024


def read_pdf(data: str | None) -> bytes:
	"""The uploaded file (base64), refused unless it is a PDF within the size limit."""
	if not data:
		frappe.throw(_("Choose a PDF file to check."), exc=VerificationInputError)
	limit = max_bytes()
	if len(data) > limit * 4 // 3 + 4:
		frappe.throw(
			_("The file is larger than {0} MB.").format(limit // (1024 * 1024)), exc=VerificationInputError
		)
	try:
		content = base64.b64decode(data.split(",", 1)[-1], validate=True)
	except (binascii.Error, ValueError):
		frappe.throw(_("The file could not be read."), exc=VerificationInputError)
	if not is_pdf(content):
		frappe.throw(_("The file is not a PDF."), exc=VerificationInputError)
	return content


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60 * 60)
def verify_pdf(data: str) -> dict:
	"""``data``: the PDF as base64. Returns the verdict and every signature."""
	use_site_language()
	from tiep_xuc_doi_thoai.services.signing import verification_report

	return verification_report(read_pdf(data))
