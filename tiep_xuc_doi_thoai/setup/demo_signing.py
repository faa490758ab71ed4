"""Digital signing in the demo (issue 20): a certification authority made at demo time
(setup/throwaway_ca.py - no private key is committed, and none is valid outside the demo), the
chair's key with a blue signature image, the commune's seal with a red seal image, both
trusted in Signature Settings, and the demo plan waiting for its signature. A new user signs it
as the chair (chutich@…, *Sign Digitally*) and seals it as the Văn thư (vanphong@…, *Add
Agency Seal*), then checks the PDF at /kiem-tra-chu-ky."""

from __future__ import annotations

import frappe

SIGNER = "chutich@demo.tiepxuc.vn"
SIGNER_NAME = "Vũ Duy Nhu"
PRINT_FORMAT = "Dialogue Plan Document"


def load(unit: str, plan_title: str) -> str | None:
	"""Once per site: ``unit`` signs; returns the Signed Document the plan ``plan_title`` waits
	in."""
	from tiep_xuc_doi_thoai.services.signing import send_for_signature
	from tiep_xuc_doi_thoai.setup import throwaway_ca as signing_ca

	if not frappe.db.exists("Signing Profile", {"profile_type": "Agency Seal", "unit": unit}):
		# the password of each PKCS#12 is made here and kept only in the profile's Password field
		signing_ca.install(
			signing_ca.TestCA(), unit, SIGNER, SIGNER_NAME, unit, frappe.generate_hash(length=24)
		)
	plan = frappe.db.get_value("Dialogue Plan", {"title": plan_title, "docstatus": 1}, "name")
	if not plan or not frappe.db.exists("Print Format", PRINT_FORMAT):
		return None
	# the demo plan was approved before the seal existed: send it as the approval would have
	return send_for_signature(frappe.get_doc("Dialogue Plan", plan), PRINT_FORMAT, as_system=True)
