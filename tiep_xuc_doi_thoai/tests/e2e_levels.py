"""Steps of the two-site end-to-end check (scripts/e2e_levels.sh), each run on one site with
``bench --site <site> execute tiep_xuc_doi_thoai.tests.e2e_levels.<step> --kwargs "{...}"``.

Nothing here is used by the app itself; each step prints what the script checks.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from tiep_xuc_doi_thoai.core import levels
from tiep_xuc_doi_thoai.core.roles import INTEGRATION
from tiep_xuc_doi_thoai.setup import workflow_petition

LINK = "Dialogue Site Link"
TRANSFER = "Dialogue Transfer"
PETITION = "Citizen Petition"


def prepare(unit: str, level: str, integration_user: str) -> dict:
	"""This site's unit, and the user the other site will call it with (its API key)."""
	if not frappe.db.exists("Dialogue Unit", unit):
		frappe.get_doc(
			{
				"doctype": "Dialogue Unit",
				"unit_name": unit,
				"abbreviation": "UBND",
				"level": level,
				"kind": "People's Committee",
			}
		).insert(ignore_permissions=True)
	frappe.db.set_single_value("Dialogue Settings", "default_unit", unit)
	if not frappe.db.exists("User", integration_user):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": integration_user,
				"first_name": "Integration",
				"send_welcome_email": 0,
				"roles": [{"role": INTEGRATION}],
			}
		).insert(ignore_permissions=True)
	user = frappe.get_doc("User", integration_user)
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	return {"api_key": user.api_key, "api_secret": secret}


def link(
	name: str,
	direction: str,
	site_url: str,
	local_unit: str,
	remote_unit: str,
	api_key: str,
	api_secret: str,
	inbound_user: str,
) -> str:
	doc = frappe.get_doc(LINK, name) if frappe.db.exists(LINK, name) else frappe.new_doc(LINK)
	doc.update(
		{
			"link_name": name,
			"direction": direction,
			"site_url": site_url,
			"local_unit": local_unit,
			"remote_unit": remote_unit,
			"api_key": api_key,
			"api_secret": api_secret,
			"inbound_user": inbound_user,
			"enabled": 1,
		}
	)
	doc.save(ignore_permissions=True)
	return doc.name


def test_connection(name: str) -> dict:
	from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.dialogue_site_link.dialogue_site_link import (
		test_connection as check,
	)

	return check(name)


def forward_petition(link_name: str, content: str, category: str = "Đất đai") -> dict:
	doc = frappe.get_doc(
		{
			"doctype": PETITION,
			"content": content,
			"petition_type": "Recommendation",
			"category": category,
			"source": "Citizen Reception",
			"received_date": frappe.utils.today(),
			"forward_link": link_name,
		}
	).insert()
	doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.CLASSIFY))
	apply_workflow(doc.as_dict(), workflow_petition.FORWARD)
	return {"petition": doc.name, "tracking_code": doc.tracking_code}


def tick() -> dict:
	"""One scheduler run of the outbox, with every waiting transfer made due first (the
	script does not wait out the backoff)."""
	transfer = frappe.qb.DocType(TRANSFER)
	frappe.qb.update(transfer).set(transfer.next_attempt_on, now_datetime()).where(
		transfer.status.isin(levels.DUE_STATUSES)
	).run()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a console step of the e2e script
	from tiep_xuc_doi_thoai.integrations.outbox import send_due

	return {"sent": send_due()}


def transfers(reference: str | None = None) -> list[dict]:
	filters = {"reference_name": reference} if reference else {}
	return frappe.get_all(
		TRANSFER,
		filters=filters,
		fields=["name", "kind", "status", "attempts", "last_error", "remote_reference", "duplicate_receipt"],
		order_by="creation asc",
	)


def received(origin_reference: str) -> dict:
	"""The petitions this site received for the sender's ``origin_reference`` (a dict, since
	``bench execute`` prints nothing for an empty list)."""
	return {"names": _received(origin_reference)}


def _received(origin_reference: str) -> list[str]:
	return frappe.get_all(PETITION, filters={"origin_reference": origin_reference}, pluck="name")


def answer(origin_reference: str, text: str) -> str:
	"""The upper level answers the petition it received (published to the citizen)."""
	name = _received(origin_reference)[0]
	doc = frappe.get_doc(PETITION, name)
	doc = frappe.get_doc(apply_workflow(doc.as_dict(), workflow_petition.CLASSIFY))
	doc.answer = text
	doc.publish_answer = 1
	doc.save()
	apply_workflow(doc.as_dict(), workflow_petition.ANSWER_ON_THE_SPOT)
	return name


def petition_state(name: str) -> dict:
	return frappe.db.get_value(
		PETITION,
		name,
		["upper_reference", "upper_tracking_code", "upper_state", "upper_answer", "upper_answer_published"],
		as_dict=True,
	)


def add_category(name: str) -> str:
	if not frappe.db.exists("Petition Category", name):
		frappe.get_doc(
			{
				"doctype": "Petition Category",
				"category_name": name,
				"code": frappe.generate_hash(length=6).upper(),
				"parent_petition_category": "Tất cả lĩnh vực",
			}
		).insert(ignore_permissions=True)
	return name


def retry(reference: str) -> list[str]:
	"""The *Retry* button on the transfers of ``reference``."""
	from tiep_xuc_doi_thoai.integrations.outbox import retry as retry_transfer

	names = frappe.get_all(
		TRANSFER, filters={"reference_name": reference, "status": ("!=", levels.SENT)}, pluck="name"
	)
	for name in names:
		retry_transfer(name)
	return names


# -- a signed plan travels up (issue 20) -------------------------------------------------------

SIGNER = "ky-so@e2e.invalid"  # the chair who signs (Dialogue Manager)
CLERK = "van-thu@e2e.invalid"  # the Văn thư who adds the seal (Dialogue Secretariat)
SIGNER_NAME = "Nguyễn Văn A"


def signing_setup(unit: str, ca_dir: str) -> dict:
	"""The lower site: a CA made now (its root and CRL written to ``ca_dir`` for the upper
	site), the signer and the Văn thư, their certificates and the unit's seal."""
	import os

	from tiep_xuc_doi_thoai.core.roles import MANAGER, SECRETARIAT
	from tiep_xuc_doi_thoai.setup import throwaway_ca as signing_ca
	from tiep_xuc_doi_thoai.setup.workflows import ensure_workflows
	from tiep_xuc_doi_thoai.tests.factories import make_user

	ensure_workflows()
	make_user(SIGNER, [MANAGER])
	make_user(CLERK, [SECRETARIAT])
	# a new CA each run (E2E_REUSE_SITES keeps the sites): the keys of an earlier one go
	for name in frappe.get_all("Signing Profile", or_filters={"user": SIGNER, "unit": unit}, pluck="name"):
		frappe.delete_doc("Signing Profile", name, force=True, ignore_permissions=True)
	ca = signing_ca.TestCA()
	made = signing_ca.install(ca, unit, SIGNER, SIGNER_NAME, unit, frappe.generate_hash(length=16))
	os.makedirs(ca_dir, exist_ok=True)
	with open(os.path.join(ca_dir, "root.pem"), "wb") as f:
		f.write(ca.root_pem())
	with open(os.path.join(ca_dir, "root.crl.pem"), "wb") as f:
		f.write(ca.crl_pem())
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a console step of the e2e script
	return made


def trust(ca_dir: str) -> str:
	"""The upper site trusts the same CA (as both trust the government's CA in real life)."""
	import os

	settings = frappe.get_doc("Signature Settings")
	for field, name in (("trust_roots_file", "root.pem"), ("crl_file", "root.crl.pem")):
		with open(os.path.join(ca_dir, name), "rb") as f:
			file = frappe.get_doc(
				{"doctype": "File", "file_name": f"lower-{name}", "content": f.read(), "is_private": 1}
			).insert(ignore_permissions=True)
		settings.set(field, file.file_url)
	settings.fetch_revocation = 0
	settings.require_revocation_check = 1
	settings.save(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a console step of the e2e script
	return settings.trust_roots_file


def sign_plan(unit: str, out_dir: str) -> dict:
	"""Approval -> the signer signs -> the Văn thư seals (each as themself, through the signing
	workflow); pyHanko validates; the rendered page is checked; the sealed PDF and a tampered
	copy are written to ``out_dir`` for the public page."""
	import hashlib
	import io
	import os
	import re

	from pyhanko.pdf_utils.reader import PdfFileReader
	from pyhanko.sign.validation import validate_pdf_signature

	from tiep_xuc_doi_thoai.core import signing as signing_rules
	from tiep_xuc_doi_thoai.services import signing
	from tiep_xuc_doi_thoai.setup.throwaway_ca import BLUE, RED, colour_share
	from tiep_xuc_doi_thoai.setup.workflow_dialogue import PLAN_WORKFLOW
	from tiep_xuc_doi_thoai.tests.factories import make_plan

	plan = make_plan(
		unit, number_and_symbol=f"{frappe.generate_hash(length=4)}/KH-UBND", signer_name=SIGNER_NAME
	)
	approved = {s.name for s in PLAN_WORKFLOW.states if s.doc_status == 1}
	state = PLAN_WORKFLOW.states[0].name
	while state not in approved:  # the plan's own workflow, as the Administrator
		step = next(
			t
			for t in PLAN_WORKFLOW.transitions
			if t.state == state and "Cancel" not in t.action and t.next_state != PLAN_WORKFLOW.states[0].name
		)
		apply_workflow(frappe.get_doc("Dialogue Plan", plan.name), step.action)
		state = step.next_state
	name = frappe.db.get_value(
		"Signed Document", {"reference_doctype": "Dialogue Plan", "reference_name": plan.name}
	)
	out = {"plan": plan.name, "signed_document": name, "awaiting_on_approval": bool(name)}
	for user, action in ((SIGNER, "Sign Digitally"), (CLERK, "Add Agency Seal")):
		frappe.set_user(user)  # a console step: each person takes their own transition
		try:
			apply_workflow(frappe.get_doc("Signed Document", name), action)
		finally:
			frappe.set_user("Administrator")
	doc = frappe.get_doc("Signed Document", name)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a console step of the e2e script
	pdf = signing.file_content(doc.official_file)
	reader = PdfFileReader(io.BytesIO(pdf))
	statuses = [validate_pdf_signature(s, signing.validation_context()) for s in reader.embedded_signatures]
	rects = {}
	for sig in reader.embedded_signatures:
		field = sig.sig_field
		rects[sig.field_name] = [
			float(v) for v in (field["/Rect"] if "/Rect" in field else field["/Kids"][0]["/Rect"])
		]
	signer, seal = rects[signing.SIGNER_FIELD], rects[signing.SEAL_FIELD]
	block = signing.locate_signature_block(signing.file_content(doc.unsigned_file), SIGNER_NAME)
	page = block.page + 1
	from tiep_xuc_doi_thoai.utils.printing import pdf_text

	text = pdf_text(pdf)
	os.makedirs(out_dir, exist_ok=True)
	with open(os.path.join(out_dir, "plan-sealed.pdf"), "wb") as f:
		f.write(pdf)
	at = pdf.find(b"stream", len(pdf) // 4) + 20
	with open(os.path.join(out_dir, "plan-tampered.pdf"), "wb") as f:
		f.write(pdf[:at] + bytes([(pdf[at] + 1) % 256]) + pdf[at + 1 :])
	out.update(
		{
			"status": doc.status,
			"signed_by": doc.signed_by,
			"sealed_by": doc.sealed_by,
			"sent_transfer": doc.sent_transfer,
			"sha256": hashlib.sha256(pdf).hexdigest(),
			"pyhanko": [bool(s.intact and s.valid and s.trusted) for s in statuses],
			"subfilters": [str(s.sig_object["/SubFilter"]) for s in reader.embedded_signatures],
			"verdict": signing.verification_report(pdf)["verdict"],
			"valid_verdict": signing_rules.VALID,
			"page": page,
			# NĐ 30 appearance, read off the page pdftoppm rendered
			"blue_in_signer_box": round(colour_share(pdf, page, signer, BLUE), 4),
			"red_in_seal_box": round(colour_share(pdf, page, seal, RED), 4),
			"red_on_unsigned_page": colour_share(signing.file_content(doc.unsigned_file), page, seal, RED),
			"signer_between_title_and_name": signer[1] >= block.name.y1 - 1
			and signer[3] <= block.title.y0 + 1,
			"seal_over_left_third": abs(seal[2] - (signer[0] + (signer[2] - signer[0]) / 3)) <= 1.5,
			"seal_text_iso_time": bool(
				__import__("re").search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00", text)
			),
		}
	)
	return out


def received_document(sender_reference: str) -> dict:
	"""The upper site: what arrived for the sender's Signed Document."""
	import hashlib

	from tiep_xuc_doi_thoai.services import signing

	names = frappe.get_all(
		"Dialogue Received Document", filters={"sender_reference": sender_reference}, pluck="name"
	)
	if not names:
		return {"names": []}
	doc = frappe.get_doc("Dialogue Received Document", names[0])
	return {
		"names": names,
		"name": doc.name,
		"signature_status": doc.signature_status,
		"sender_unit": doc.sender_unit,
		"sha256": hashlib.sha256(signing.file_content(doc.signed_file)).hexdigest(),
	}


def staff_keys(email: str, role: str) -> dict:
	"""A desk user of ``role`` with an API key: the script calls the desk's method as them."""
	from tiep_xuc_doi_thoai.tests.factories import make_user

	user = make_user(email, [role])
	user.reload()
	user.api_key = user.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a console step of the e2e script
	return {"api_key": user.api_key, "api_secret": secret}
