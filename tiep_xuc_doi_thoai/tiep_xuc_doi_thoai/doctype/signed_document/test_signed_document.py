# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Signed documents on real cryptography: a CA made here (setup/throwaway_ca.py, no committed
key), a plan signed by its signer and sealed by the agency through the workflow, validated by
pyHanko's validator; tampering, revoked and expired certificates, a wrong password; the
appearance read from the signature dictionary and from the page rendered by pdftoppm."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.core import signing as signing_rules
from tiep_xuc_doi_thoai.integrations.transport import Reply
from tiep_xuc_doi_thoai.services import signing
from tiep_xuc_doi_thoai.setup.throwaway_ca import BLUE, RED, TestCA, colour_share, png
from tiep_xuc_doi_thoai.setup.workflows import ensure_workflows
from tiep_xuc_doi_thoai.tests.factories import make_plan, make_unit

PASSWORD = "Mật-khẩu-2026"


def _file(name: str, content: bytes, private: int = 1) -> str:
	doc = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": private})
	doc.save(ignore_permissions=True)
	return doc.file_url


class TestSignedDocument(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_workflows()
		cls.ca = TestCA()
		cls.unit = make_unit("UBND xã Ký Số", header_name="ỦY BAN NHÂN DÂN XÃ KÝ SỐ").name
		key, cert = cls.ca.issue("Nguyễn Văn A")
		cls.signer_p12 = cls.ca.pkcs12(key, cert, PASSWORD)
		key, cert = cls.ca.issue("UBND xã Ký Số", org="UBND xã Ký Số")
		cls.seal_p12 = cls.ca.pkcs12(key, cert, PASSWORD)
		key, cert = cls.ca.issue("Người Hết Hạn", expired=True)
		cls.expired_p12 = cls.ca.pkcs12(key, cert, PASSWORD)
		key, cert = cls.ca.issue("Người Bị Thu Hồi")
		cls.revoked_p12 = cls.ca.pkcs12(key, cert, PASSWORD)
		cls.ca.revoke(cert)
		settings = frappe.get_doc("Signature Settings")
		settings.trust_roots_file = _file("test-root.pem", cls.ca.root_pem())
		settings.crl_file = _file("test.crl.pem", cls.ca.crl_pem())
		settings.fetch_revocation = 0
		settings.require_revocation_check = 1
		settings.tsa_url = ""
		settings.save()
		frappe.clear_document_cache("Signature Settings", "Signature Settings")
		for name in frappe.get_all("Signing Profile", pluck="name"):
			frappe.delete_doc("Signing Profile", name, force=True)
		cls.blue = _file("signature.png", png(BLUE), private=0)
		cls.red = _file("seal.png", png(RED, (400, 400), round_seal=True), private=0)
		cls.profile("Signer", cls.signer_p12, user="Administrator", image=cls.blue)
		cls.profile("Agency Seal", cls.seal_p12, unit=cls.unit, image=cls.red, image_width_mm=36)

	@classmethod
	def profile(cls, kind: str, p12: bytes, password: str = PASSWORD, **values):
		return frappe.get_doc(
			{
				"doctype": "Signing Profile",
				"profile_type": kind,
				"key_source": "PKCS#12 on the Server",
				"certificate_file": _file("key.p12", p12),
				"certificate_password": password,
				**values,
			}
		).insert()

	def approved_plan(self):
		plan = make_plan(self.unit, number_and_symbol=f"{frappe.generate_hash(length=4)}/KH-UBND")
		plan.db_set("docstatus", 1)  # approval itself is the plan workflow's (tested there)
		plan.reload()
		return plan

	def signed_and_sealed(self):
		plan = self.approved_plan()
		name = plan.send_for_signature("Dialogue Plan Document")
		doc = frappe.get_doc("Signed Document", name)
		self.assertEqual(doc.status, signing_rules.AWAITING)
		doc = apply_workflow(doc, "Sign Digitally")
		self.assertEqual(doc.status, signing_rules.SIGNED)
		doc = apply_workflow(frappe.get_doc("Signed Document", name), "Add Agency Seal")
		self.assertEqual(doc.status, signing_rules.SEALED)
		return plan, doc

	# -- the whole way -------------------------------------------------------------------------
	def test_plan_signed_sealed_and_validated_by_pyhanko(self):
		_plan, doc = self.signed_and_sealed()
		pdf = signing.file_content(doc.official_file)
		self.assertTrue(frappe.db.get_value("File", {"file_url": doc.official_file}, "is_private"))
		report = signing.verification_report(pdf)
		self.assertEqual(report["verdict"], signing_rules.VALID, report)
		self.assertEqual(len(report["signatures"]), 2)
		self.assertEqual(report["signatures"][0]["signer"], "Nguyễn Văn A")
		self.assertTrue(all(s["ours"] and s["trusted"] and s["intact"] for s in report["signatures"]))
		# pyHanko's own validator, straight
		from pyhanko.pdf_utils.reader import PdfFileReader
		from pyhanko.sign.validation import validate_pdf_signature

		reader = PdfFileReader(io.BytesIO(pdf))
		for sig in reader.embedded_signatures:
			status = validate_pdf_signature(sig, signing.validation_context())
			self.assertTrue(status.intact and status.valid and status.trusted, status.pretty_print_details())
		# the versions are kept: unsigned, signed, sealed
		files = frappe.get_all(
			"File", filters={"attached_to_doctype": "Signed Document", "attached_to_name": doc.name}
		)
		self.assertEqual(len(files), 3)

	def test_approval_makes_the_plan_await_its_signature(self):
		"""Through the plan's own workflow (its actions read from the shipped spec)."""
		from tiep_xuc_doi_thoai.setup.workflow_dialogue import PLAN_WORKFLOW

		submitted = {s.name for s in PLAN_WORKFLOW.states if s.doc_status == 1}
		plan = make_plan(self.unit, number_and_symbol=f"{frappe.generate_hash(length=4)}/KH-UBND")
		state = PLAN_WORKFLOW.states[0].name
		while state not in submitted:
			step = next(
				t
				for t in PLAN_WORKFLOW.transitions
				if t.state == state
				and "Cancel" not in t.action
				and t.next_state != PLAN_WORKFLOW.states[0].name
			)
			plan = apply_workflow(frappe.get_doc("Dialogue Plan", plan.name), step.action)
			state = step.next_state
		waiting = frappe.get_all(
			"Signed Document",
			filters={"reference_doctype": "Dialogue Plan", "reference_name": plan.name},
			fields=["status", "print_format"],
		)
		self.assertEqual(
			[(w.status, w.print_format) for w in waiting],
			[(signing_rules.AWAITING, "Dialogue Plan Document")],
		)

	def test_conference_conclusion_notice_signed_by_the_plans_signer(self):
		from tiep_xuc_doi_thoai.tests.factories import make_conference

		plan = self.approved_plan()
		conference = make_conference(plan.name, "2026-03-10", issuing_unit=self.unit)
		name = conference.send_for_signature("Conference Conclusion Notice")
		doc = frappe.get_doc("Signed Document", name)
		self.assertEqual((doc.signer_name, doc.issuing_unit), ("Nguyễn Văn A", self.unit))
		apply_workflow(doc, "Sign Digitally")
		doc = apply_workflow(frappe.get_doc("Signed Document", name), "Add Agency Seal")
		report = signing.verification_report(signing.file_content(doc.official_file))
		self.assertEqual(report["verdict"], signing_rules.VALID, report)

	def test_trusted_timestamp_when_a_tsa_is_configured(self):
		frappe.flags.txdt_timestamper = self.ca.timestamper()
		try:
			_plan, doc = self.signed_and_sealed()
		finally:
			frappe.flags.txdt_timestamper = None
		report = signing.verification_report(signing.file_content(doc.official_file))
		self.assertEqual(report["verdict"], signing_rules.VALID, report)
		self.assertTrue(all(s["timestamped"] for s in report["signatures"]), report)

	def test_tampered_copy_is_reported(self):
		_plan, doc = self.signed_and_sealed()
		pdf = tampered(signing.file_content(doc.official_file))
		self.assertEqual(signing.verification_report(pdf)["verdict"], signing_rules.BROKEN)

	def test_content_added_after_signing_is_reported(self):
		from pyhanko.pdf_utils import generic
		from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

		_plan, doc = self.signed_and_sealed()
		writer = IncrementalPdfFileWriter(io.BytesIO(signing.file_content(doc.official_file)))
		page = writer.root["/Pages"]["/Kids"][0]
		stream = writer.add_object(
			generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (FORGED) Tj ET")
		)
		contents = page.get_object()["/Contents"]
		new = generic.ArrayObject(
			[
				*(
					contents
					if isinstance(contents, generic.ArrayObject)
					else [page.get_object().raw_get("/Contents")]
				),
				stream,
			]
		)
		page.get_object()["/Contents"] = new
		writer.update_container(page.get_object())
		out = io.BytesIO()
		writer.write(out)
		self.assertEqual(signing.verification_report(out.getvalue())["verdict"], signing_rules.MODIFIED)

	def test_unsigned_pdf_is_not_ours(self):
		from tiep_xuc_doi_thoai.utils.printing import render_pdf

		pdf = render_pdf("<p>Không ký</p>", page_numbers=False)
		self.assertEqual(signing.verification_report(pdf)["verdict"], signing_rules.NOT_SIGNED)

	def test_not_a_pdf_is_refused(self):
		import base64

		from tiep_xuc_doi_thoai.api.verification import VerificationInputError, read_pdf

		with self.assertRaises(VerificationInputError):
			read_pdf(base64.b64encode(b"GIF89a not a pdf").decode())
		with self.assertRaises(signing.NotAPdfError):
			signing.verification_report(b"<html></html>")

	# -- appearance --------------------------------------------------------------------------
	def test_appearance_follows_decree_30(self):
		_plan, doc = self.signed_and_sealed()
		pdf = signing.file_content(doc.official_file)
		from pyhanko.pdf_utils.reader import PdfFileReader

		reader = PdfFileReader(io.BytesIO(pdf))
		rects = {}
		for sig in reader.embedded_signatures:
			rects[sig.field_name] = (
				[float(v) for v in sig.sig_field["/Rect"]]
				if "/Rect" in sig.sig_field
				else [float(v) for v in sig.sig_field["/Kids"][0]["/Rect"]]
			)
			self.assertEqual(sig.sig_object["/SubFilter"], "/ETSI.CAdES.detached")  # PAdES
		signer, seal = rects[signing.SIGNER_FIELD], rects[signing.SEAL_FIELD]
		signer_w = signer[2] - signer[0]
		# the seal: real size, its right edge on the first third of the signer's image
		lines = len(
			signing_rules.seal_text("ỦY BAN NHÂN DÂN XÃ KÝ SỐ", frappe.utils.now_datetime()).splitlines()
		)
		self.assertAlmostEqual(
			seal[3] - seal[1] - signing_rules.seal_text_height(lines), 36 * signing_rules.MM, delta=1.5
		)
		self.assertAlmostEqual(seal[2], signer[0] + signer_w / 3, delta=1.5)
		# the signer's image between the title and the name (text lines of the unsigned PDF)
		block = signing.locate_signature_block(signing.file_content(doc.unsigned_file), "Nguyễn Văn A")
		self.assertGreaterEqual(signer[1], block.name.y1 - 1)
		self.assertLessEqual(signer[3], block.title.y0 + 1)
		# rendered: blue inside the signer's box, red inside the seal's, none on the unsigned page
		page = block.page + 1
		self.assertGreater(self.colour_share(pdf, page, signer, BLUE), 0.005)
		self.assertGreater(self.colour_share(pdf, page, seal, RED), 0.02)
		self.assertEqual(self.colour_share(signing.file_content(doc.unsigned_file), page, seal, RED), 0)
		# the seal's information, readable as text: agency and ISO 8601 time with +07:00
		from tiep_xuc_doi_thoai.utils.printing import pdf_text

		text = pdf_text(pdf)
		self.assertIn("ỦY BAN NHÂN DÂN XÃ KÝ SỐ", text)
		self.assertRegex(text, r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")

	def colour_share(self, pdf: bytes, page: int, rect: list[float], colour: tuple[int, int, int]) -> float:
		self.assertTrue(shutil.which("pdftoppm"), "poppler-utils")
		return colour_share(pdf, page, rect, colour)

	def test_attachment_signed_top_right_without_image(self):
		from tiep_xuc_doi_thoai.utils.printing import render_pdf

		annex = render_pdf("<p>Phụ lục kèm theo</p>", page_numbers=False)
		profile = signing.profile_for_unit(self.unit)
		from frappe.utils import now_datetime

		out = signing.sign_attachment(annex, profile, "12/KH-UBND", "test", now_datetime())
		# the number and symbol at the top right of page 1, in a 1000-unit Times-compatible font
		words = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=out, capture_output=True, check=True)
		bbox = words.stdout.decode()
		line = next(x for x in bbox.splitlines() if ">12/KH-UBND<" in x)
		x_min = float(line.split('xMin="')[1].split('"')[0])
		y_min = float(line.split('yMin="')[1].split('"')[0])
		self.assertGreater(x_min, 595 / 2)
		self.assertLess(y_min, 842 * 0.1)
		self.assertIn("+07:00", bbox)
		self.assertNotIn("/Subtype /Image", out[len(annex) :].decode("latin-1"))
		report = signing.verification_report(out)
		self.assertEqual(report["verdict"], signing_rules.VALID, report)

	# -- keys --------------------------------------------------------------------------------
	def test_remote_loopback_provider_signs_through_the_hash_path(self):
		profile = frappe.get_doc(
			{
				"doctype": "Signing Profile",
				"profile_type": "Signer",
				"user": "Guest",
				"enabled": 0,
				"image": self.blue,
				"key_source": "Remote Signing Provider",
				"provider": "Loopback (test)",
				"certificate_file": _file("remote.p12", self.signer_p12),
				"certificate_password": PASSWORD,
			}
		).insert()
		plan = self.approved_plan()
		from tiep_xuc_doi_thoai.utils.printing import print_format_pdf

		pdf = print_format_pdf("Dialogue Plan", plan.name, "Dialogue Plan Document")
		signed = signing.sign_as_signer(pdf, profile, "Nguyễn Văn A", "remote")
		facts = signing.read_signatures(signed)
		self.assertEqual(len(facts), 1)
		self.assertTrue(facts[0].intact and facts[0].valid and facts[0].trusted)

	def test_wrong_password_expired_and_revoked_are_refused(self):
		with self.assertRaises(signing.SigningKeyError):
			self.profile("Signer", self.signer_p12, password="sai", user="Guest", enabled=0)
		with self.assertRaises(signing.CertificateRefused) as expired:
			self.profile("Signer", self.expired_p12, user="Guest", enabled=0)
		self.assertIn("Người Hết Hạn", str(expired.exception))
		with self.assertRaises(signing.CertificateRefused) as revoked:
			self.profile("Signer", self.revoked_p12, user="Guest", enabled=0)
		self.assertIn("Người Bị Thu Hồi", str(revoked.exception))
		from PIL import Image

		opaque = io.BytesIO()
		Image.new("RGB", (60, 30), (0, 51, 204)).save(opaque, "PNG")
		with self.assertRaises(frappe.ValidationError):
			self.profile(
				"Signer", self.signer_p12, user="Guest", enabled=0, image=_file("o.png", opaque.getvalue(), 0)
			)

	def test_nothing_signed_when_the_key_fails(self):
		from frappe.utils.password import set_encrypted_password

		plan = self.approved_plan()
		name = plan.send_for_signature("Dialogue Plan Document")
		profile = signing.profile_for_user("Administrator")
		set_encrypted_password("Signing Profile", profile.name, "sai", "certificate_password")
		try:
			with self.assertRaises(signing.SigningKeyError):
				apply_workflow(frappe.get_doc("Signed Document", name), "Sign Digitally")
		finally:
			set_encrypted_password("Signing Profile", profile.name, PASSWORD, "certificate_password")
		doc = frappe.get_doc("Signed Document", name)
		self.assertEqual(doc.status, signing_rules.AWAITING)
		self.assertFalse(doc.official_file)

	def test_who_prints_does_not_change_what_is_signed(self):
		"""Sent for signature by the approver, signed by the signer: the same content."""
		from tiep_xuc_doi_thoai.tests.factories import make_user

		plan = self.approved_plan()
		before = signing.content_fingerprint("Dialogue Plan", plan.name, "Dialogue Plan Document")
		make_user("nguoi-in@signing.test", ["System Manager"])
		frappe.set_user("nguoi-in@signing.test")
		language = frappe.local.lang
		frappe.local.lang = "vi" if language != "vi" else "en"  # and reads another language
		try:
			after = signing.content_fingerprint("Dialogue Plan", plan.name, "Dialogue Plan Document")
		finally:
			frappe.local.lang = language
			frappe.set_user("Administrator")
		self.assertEqual(before, after)

	def test_patch_refingerprints_only_unchanged_documents(self):
		from frappe.utils import add_to_date

		from tiep_xuc_doi_thoai.patches.v0_1 import signing_fingerprints

		kept, edited = self.approved_plan(), self.approved_plan()
		names = [p.send_for_signature("Dialogue Plan Document") for p in (kept, edited)]
		for name in names:
			frappe.db.set_value("Signed Document", name, "content_fingerprint", "old", update_modified=False)
		frappe.db.set_value(
			"Signed Document",
			names[1],
			"creation",
			add_to_date(frappe.db.get_value("Dialogue Plan", edited.name, "modified"), seconds=-60),
			update_modified=False,
		)
		signing_fingerprints.execute()
		self.assertEqual(
			frappe.db.get_value("Signed Document", names[0], "content_fingerprint"),
			signing.content_fingerprint("Dialogue Plan", kept.name, "Dialogue Plan Document"),
		)
		self.assertEqual(frappe.db.get_value("Signed Document", names[1], "content_fingerprint"), "old")

	def test_change_after_sending_needs_a_new_signature(self):
		plan = self.approved_plan()
		name = plan.send_for_signature("Dialogue Plan Document")
		frappe.db.set_value("Dialogue Plan", plan.name, "signer_name", "Trần Thị B")
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Signed Document", name), "Sign Digitally")
		again = frappe.get_doc("Dialogue Plan", plan.name).send_for_signature("Dialogue Plan Document")
		self.assertNotEqual(again, name)
		self.assertTrue(frappe.db.get_value("Signed Document", name, "outdated"))

	def test_sealed_report_reaches_the_upper_level_with_valid_signatures(self):
		"""Through the outbox and the receiving endpoint (the levels' loopback transport): the
		upper level files the PDF byte for byte and its signatures check there."""
		from tiep_xuc_doi_thoai.tests import levels as level_sites

		level_sites.make_levels()
		frappe.flags.txdt_transport = level_sites.LoopbackTransport()
		self.commune_seal(level_sites.COMMUNE_UNIT)
		report = frappe.get_doc(
			{
				"doctype": "Dialogue Report",
				"issuing_unit": level_sites.COMMUNE_UNIT,
				"period_kind": "Year",
				"year": 2026,
				"send_to_link": level_sites.LINK_UP,
				"signer_title": "Chủ tịch",
				"signer_name": "Nguyễn Văn A",
			}
		).insert()
		report.db_set("docstatus", 1)  # approval is the report workflow's (test_dialogue_report)
		report.reload()
		name = report.send_for_signature("Dialogue Periodic Report")
		apply_workflow(frappe.get_doc("Signed Document", name), "Sign Digitally")
		apply_workflow(frappe.get_doc("Signed Document", name), "Add Agency Seal")
		signed = frappe.get_doc("Signed Document", name)
		self.assertTrue(signed.sent_transfer)
		transfer = frappe.get_doc("Dialogue Transfer", signed.sent_transfer)
		received = frappe.get_doc("Dialogue Received Report", transfer.remote_reference)
		self.assertEqual(received.site_link, level_sites.LINK_DOWN)
		self.assertEqual(
			signing.file_content(received.signed_file), signing.file_content(signed.official_file)
		)
		result = received.verify_signatures()
		self.assertTrue(result["ok"], result)
		self.assertEqual([s["signer"] for s in result["signatures"]], ["Nguyễn Văn A", "UBND xã Ký Số"])
		frappe.flags.txdt_transport = None

	# -- a plan travels up (issue 20) ---------------------------------------------------------
	def commune_seal(self, unit: str):
		if not frappe.db.exists("Signing Profile", {"profile_type": "Agency Seal", "unit": unit}):
			self.profile("Agency Seal", self.seal_p12, unit=unit, image=self.red, image_width_mm=36)

	def sealed_commune_plan(self):
		from tiep_xuc_doi_thoai.tests import levels as level_sites

		level_sites.make_levels()
		self.commune_seal(level_sites.COMMUNE_UNIT)
		plan = make_plan(
			level_sites.COMMUNE_UNIT, number_and_symbol=f"{frappe.generate_hash(length=4)}/KH-UBND"
		)
		plan.db_set("docstatus", 1)
		plan.reload()
		name = plan.send_for_signature("Dialogue Plan Document")
		apply_workflow(frappe.get_doc("Signed Document", name), "Sign Digitally")
		apply_workflow(frappe.get_doc("Signed Document", name), "Add Agency Seal")
		return frappe.get_doc("Signed Document", name)

	def test_sealed_plan_reaches_the_upper_level_with_valid_signatures(self):
		"""Outbox -> receiving endpoint (loopback transport): filed byte for byte as a Received
		Document, verified there as signed by the commune; a tampered copy is reported."""
		from tiep_xuc_doi_thoai.core import levels
		from tiep_xuc_doi_thoai.tests import levels as level_sites

		frappe.flags.txdt_transport = level_sites.LoopbackTransport()
		try:
			signed = self.sealed_commune_plan()
		finally:
			frappe.flags.txdt_transport = None
		self.assertTrue(signed.sent_transfer)
		transfer = frappe.get_doc("Dialogue Transfer", signed.sent_transfer)
		self.assertEqual((transfer.kind, transfer.status), (levels.KIND_SIGNED_DOCUMENT, levels.SENT))
		self.assertNotIn('"pdf"', transfer.payload)  # the bytes are read at send time only
		received = frappe.get_doc("Dialogue Received Document", transfer.remote_reference)
		self.assertEqual((received.site_link, received.signature_status), (level_sites.LINK_DOWN, "Valid"))
		self.assertEqual((received.document_type, received.signer_name), ("Dialogue Plan", "Nguyễn Văn A"))
		sealed = signing.file_content(signed.official_file)
		self.assertEqual(signing.file_content(received.signed_file), sealed)
		self.assertTrue(frappe.db.get_value("File", {"file_url": received.signed_file}, "is_private"))
		result = received.verify_signatures()
		self.assertTrue(result["ok"], result)
		self.assertIn(level_sites.COMMUNE_UNIT, result["message"])
		self.assertEqual([s["signer"] for s in result["signatures"]], ["Nguyễn Văn A", "UBND xã Ký Số"])
		self.assertEqual(signing.verification_report(tampered(sealed))["verdict"], signing_rules.BROKEN)

	def test_upper_level_flags_a_pdf_whose_signatures_do_not_validate(self):
		"""Kept (nothing lost) and marked Not Valid with the reason; bytes that do not match
		their declared SHA-256 are refused and leave nothing."""
		import base64
		import hashlib

		from tiep_xuc_doi_thoai.integrations import signed_documents
		from tiep_xuc_doi_thoai.tests import levels as level_sites

		frappe.flags.txdt_transport = level_sites.LoopbackTransport(Reply(None, error="down"))
		try:
			signed = self.sealed_commune_plan()  # the first try fails: stays in the outbox
		finally:
			frappe.flags.txdt_transport = None
		link = frappe.get_doc("Dialogue Site Link", level_sites.LINK_UP)
		payload = signed_documents.signed_document_payload(signed, link)
		bad = tampered(signing.file_content(signed.official_file))
		payload["file"]["sha256"] = hashlib.sha256(bad).hexdigest()
		payload["pdf"] = base64.b64encode(bad).decode()
		down = frappe.get_doc("Dialogue Site Link", level_sites.LINK_DOWN)
		_doctype, name, _code = signed_documents.receive_signed_document(down, payload)
		received = frappe.get_doc("Dialogue Received Document", name)
		self.assertEqual(received.signature_status, "Not Valid")
		self.assertIn("altered", received.verification_message)
		self.assertEqual(signing.file_content(received.signed_file), bad)
		before = frappe.db.count("Dialogue Received Document")
		payload["file"]["sha256"] = "0" * 64
		with self.assertRaises(signed_documents.SignedPayloadError):
			signed_documents.receive_signed_document(down, payload)
		self.assertEqual(frappe.db.count("Dialogue Received Document"), before)

	def test_a_changed_sealed_file_is_not_sent(self):
		"""The outbox reads the PDF at send time and refuses one that no longer hashes to what
		was sealed: the transfer goes Dead with the reason, nothing reaches the other side."""
		import json

		from tiep_xuc_doi_thoai.core import levels
		from tiep_xuc_doi_thoai.integrations.outbox import send
		from tiep_xuc_doi_thoai.tests import levels as level_sites

		frappe.flags.txdt_transport = level_sites.LoopbackTransport(Reply(None, error="down"))
		try:
			signed = self.sealed_commune_plan()  # the first try fails: it waits in the outbox
			transfer = frappe.get_doc("Dialogue Transfer", signed.sent_transfer)
			payload = json.loads(transfer.payload)
			payload["file"]["sha256"] = "0" * 64
			transfer.db_set("payload", json.dumps(payload))
			transfer.db_set("status", levels.QUEUED)
			self.assertEqual(send(transfer.name), levels.DEAD)
		finally:
			frappe.flags.txdt_transport = None
		self.assertIn(
			"changed after it was sealed",
			frappe.db.get_value("Dialogue Transfer", transfer.name, "last_error"),
		)

	# -- bad input: a clear, translated message and nothing signed -------------------------------
	def test_certificate_expired_since_the_profile_was_made_signs_nothing(self):
		plan = self.approved_plan()
		name = plan.send_for_signature("Dialogue Plan Document")
		profile = signing.profile_for_user("Administrator")
		good = profile.certificate_file
		frappe.db.set_value(
			"Signing Profile", profile.name, "certificate_file", _file("old.p12", self.expired_p12)
		)
		try:
			with self.assertRaises(signing.CertificateRefused) as refused:
				apply_workflow(frappe.get_doc("Signed Document", name), "Sign Digitally")
		finally:
			frappe.db.set_value("Signing Profile", profile.name, "certificate_file", good)
		self.assertIn("Người Hết Hạn", str(refused.exception))
		doc = frappe.get_doc("Signed Document", name)
		self.assertEqual((doc.status, doc.official_file), (signing_rules.AWAITING, None))

	def test_a_valid_pdf_signed_by_someone_else_is_not_ours(self):
		from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
		from pyhanko.sign import signers

		from tiep_xuc_doi_thoai.utils.printing import render_pdf

		key, cert = self.ca.issue("Cơ quan khác", org="Cơ quan khác")
		other = signers.SimpleSigner.load_pkcs12_data(
			self.ca.pkcs12(key, cert, PASSWORD), other_certs=[], passphrase=PASSWORD.encode()
		)
		out = io.BytesIO()
		signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Khac"), signer=other).sign_pdf(
			IncrementalPdfFileWriter(io.BytesIO(render_pdf("<p>Văn bản khác</p>", page_numbers=False))),
			output=out,
		)
		report = signing.verification_report(out.getvalue())
		self.assertEqual(report["verdict"], signing_rules.NOT_OURS)
		self.assertFalse(report["ok"])

	def test_bad_input_messages_are_translated(self):
		"""Each refusal reads in Vietnamese on a Vietnamese site (translations/vi.csv)."""
		import base64

		from tiep_xuc_doi_thoai.api.verification import VerificationInputError, read_pdf

		previous = frappe.local.lang
		frappe.local.lang = "vi"
		try:
			cases = [
				(
					signing.SigningKeyError,
					lambda: self.profile("Signer", self.signer_p12, password="sai", user="Guest", enabled=0),
					"Mật khẩu",
				),
				(
					signing.CertificateRefused,
					lambda: self.profile("Signer", self.expired_p12, user="Guest", enabled=0),
					"hết hạn",
				),
				(VerificationInputError, lambda: read_pdf(base64.b64encode(b"GIF89a").decode()), "Tệp"),
			]
			for exc, call, vietnamese in cases:
				with self.assertRaises(exc) as raised:
					call()
				self.assertIn(vietnamese, str(raised.exception))
			from tiep_xuc_doi_thoai.utils.printing import render_pdf

			report = signing.verification_report(render_pdf("<p>Không ký</p>", page_numbers=False))
			self.assertIn("chữ ký số", report["message"])
		finally:
			frappe.local.lang = previous


def tampered(pdf: bytes) -> bytes:
	"""One byte of the signed content changed (inside a stream of the page)."""
	at = pdf.find(b"stream", len(pdf) // 4) + 20
	return pdf[:at] + bytes([(pdf[at] + 1) % 256]) + pdf[at + 1 :]
