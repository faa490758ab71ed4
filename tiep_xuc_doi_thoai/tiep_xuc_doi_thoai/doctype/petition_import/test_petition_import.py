# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""The import in the background: its record, progress events, refusals, a lost worker (tier 2).

Under run-tests ``frappe.enqueue(now=True)`` runs the job inline, inside the test's transaction.
"""

import json
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from tiep_xuc_doi_thoai.api import petition_import as endpoints
from tiep_xuc_doi_thoai.core import petition_import as import_rules
from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.permissions import sealing
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.citizen_petition.test_petition_import import UNIT, row
from tiep_xuc_doi_thoai.tiep_xuc_doi_thoai.doctype.petition_import import importer

USER = "petition-import-job@tiep4.test"


def upload(content: bytes, name: str = "ds.xlsx", is_private: int = 1) -> str:
	file = frappe.get_doc(
		{"doctype": "File", "file_name": name, "content": content, "is_private": is_private}
	).insert()
	return file.file_url


class TestPetitionImportJob(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_unit(UNIT, abbreviation="KT-THU", kind="Department")
		make_user(USER, (roles.SECRETARIAT,))

	def setUp(self):
		frappe.set_user(USER)
		self.events: list[tuple[str, dict]] = []
		original = frappe.publish_realtime

		def record_event(event=None, message=None, *args, **kwargs):
			self.events.append((event, dict(message or {})))
			return original(event, message, *args, **kwargs)

		recorder = patch("frappe.publish_realtime", side_effect=record_event)
		recorder.start()
		self.addCleanup(recorder.stop)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_import_is_queued_recorded_and_reports_progress(self):
		rows = [row(i) for i in range(1, 206)]
		rows[7] = row(8, petition_type="tố cáo", content="Tố cáo cán bộ thôn thu tiền trái phép")
		before = frappe.db.count("Citizen Petition")
		with (
			patch.object(frappe, "enqueue", wraps=frappe.enqueue) as enqueue,
			patch.object(frappe, "publish_progress", wraps=frappe.publish_progress) as bar,
		):
			out = endpoints.import_petitions(upload(import_rules.build_rows_file(rows)))
		self.assertEqual(enqueue.call_args.kwargs["queue"], "long")
		self.assertIs(enqueue.call_args.args[0], importer.run_import)
		record = frappe.get_doc("Petition Import", out["name"])
		self.assertEqual(record.status, "Success")
		self.assertEqual((record.total_rows, record.imported_rows), (205, 205))
		self.assertEqual(record.owner, USER)
		self.assertTrue(record.started_on and record.finished_on and record.file_hash)
		self.assertEqual(record.contains_confidential, 1)
		self.assertEqual(frappe.db.count("Citizen Petition"), before + 205)
		self.assertEqual(frappe.db.get_value("File", {"file_url": record.import_file}, "is_private"), 1)
		# the upload belongs to its record (the File permission rule on confidential imports keys on it)
		self.assertEqual(
			frappe.db.get_value(
				"File", {"file_url": record.import_file}, ["attached_to_doctype", "attached_to_name"]
			),
			("Petition Import", record.name),
		)
		# the list named a denouncer: once the import knew it, the upload was sealed (neutral
		# name, encrypted content: permissions/sealed_files.py)
		sealed = frappe.get_doc("File", {"file_url": record.import_file})
		self.assertTrue(sealed.file_name.endswith(".enc"))
		self.assertTrue(sealing.is_sealed_content(sealed.get_content()))
		progress = [m for e, m in self.events if e == "petition_import_progress" and m["name"] == record.name]
		self.assertEqual([m["done"] for m in progress if m["total"]], [100, 200, 205])
		# the desk's progress bar on the record's form
		self.assertEqual(bar.call_args.kwargs["docname"], record.name)
		self.assertEqual(bar.call_args.args[0], 100)
		# Frappe's own Workflow Action handling ran for the new petitions.
		self.assertTrue(
			frappe.db.exists("Workflow Action", {"reference_name": record.last_petition, "status": "Open"})
		)

	def test_refused_import_writes_nothing_and_says_why(self):
		rows = [row(i) for i in range(1, 11)]
		rows[4] = row(5, received_date="31/02/2025")
		before = frappe.db.count("Citizen Petition")
		out = endpoints.import_petitions(upload(import_rules.build_rows_file(rows)))
		record = frappe.get_doc("Petition Import", out["name"])
		self.assertEqual(record.status, "Failed")
		self.assertEqual(frappe.db.count("Citizen Petition"), before)
		self.assertEqual((record.total_rows, record.imported_rows, record.error_count), (10, 0, 1))
		errors = json.loads(record.row_errors)
		self.assertEqual([(e["row"], e["code"]) for e in errors], [(9, "bad_date")])
		self.assertEqual(record.contains_confidential, 0)

	def test_controller_refusal_mid_import_rolls_back_every_row(self):
		rows = [row(i) for i in range(1, 8)]
		original = importer.new_petition

		def refuse_last(values, *args):
			d = original(values, *args)
			if values.get("petitioner_name") == "Cử tri số 7":
				d["petitioner_kind"], d["group_size"] = "Group", 1
			return d

		before = frappe.db.count("Citizen Petition")
		with patch.object(importer, "new_petition", side_effect=refuse_last):
			out = endpoints.import_petitions(upload(import_rules.build_rows_file(rows)))
		record = frappe.get_doc("Petition Import", out["name"])
		self.assertEqual(record.status, "Failed")
		self.assertEqual(frappe.db.count("Citizen Petition"), before)
		self.assertEqual(record.imported_rows, 0)

	def test_unexpected_error_rolls_back_and_records_failure(self):
		rows = [row(i) for i in range(1, 6)]
		calls = {"n": 0}
		original = importer.new_petition

		def crash_on_third(values, *args):
			calls["n"] += 1
			if calls["n"] == 3:
				raise RuntimeError("worker lost its database")
			return original(values, *args)

		before = frappe.db.count("Citizen Petition")
		with (
			patch.object(importer, "new_petition", side_effect=crash_on_third),
			patch.object(frappe, "log_error"),
		):
			out = endpoints.import_petitions(upload(import_rules.build_rows_file(rows)))
		record = frappe.get_doc("Petition Import", out["name"])
		self.assertEqual(record.status, "Failed")
		self.assertIn("worker lost its database", record.error_message)
		self.assertEqual(frappe.db.count("Citizen Petition"), before)

	def test_same_file_while_one_runs_is_refused(self):
		# one workbook's bytes (openpyxl stamps the time it was written into the file)
		content = import_rules.build_rows_file([row(1), row(2)])
		file_url = upload(content, "twice.xlsx")
		running = frappe.get_doc({"doctype": "Petition Import", "import_file": file_url}).insert()
		file_hash = frappe.db.get_value("File", {"file_url": file_url}, "content_hash")
		running.db_set({"status": "Running", "file_hash": file_hash, "job_id": "petition-import::x"})
		before = frappe.db.count("Citizen Petition")
		with patch("frappe.utils.background_jobs.is_job_enqueued", return_value=True):
			with self.assertRaises(importer.DuplicateImportError) as caught:
				endpoints.import_petitions(file_url)
			# the same content uploaded again under another name
			with self.assertRaises(importer.DuplicateImportError):
				endpoints.import_petitions(upload(content, "twice-again.xlsx"))
		self.assertIn(running.name, str(caught.exception))
		self.assertEqual(frappe.db.count("Citizen Petition"), before)

	def test_double_click_on_start_is_refused(self):
		out = endpoints.import_petitions(upload(import_rules.build_rows_file([row(1)])))
		with self.assertRaises(importer.DuplicateImportError):
			frappe.get_doc("Petition Import", out["name"]).start_import()

	def test_import_whose_worker_died_is_marked_failed(self):
		file_url = upload(import_rules.build_rows_file([row(1)]), "lost.xlsx")
		lost = frappe.get_doc({"doctype": "Petition Import", "import_file": file_url}).insert()
		old = add_to_date(now_datetime(), minutes=-10)
		lost.db_set(
			{"status": "Running", "job_id": "petition-import::gone", "modified": old}, update_modified=False
		)
		with patch("frappe.utils.background_jobs.is_job_enqueued", return_value=False):
			self.assertIn(lost.name, importer.fail_lost_imports())
		self.assertEqual(frappe.db.get_value("Petition Import", lost.name, "status"), "Failed")

	def test_public_upload_is_made_private(self):
		out = endpoints.import_petitions(
			upload(import_rules.build_rows_file([row(1)]), "public.xlsx", is_private=0)
		)
		url = frappe.db.get_value("Petition Import", out["name"], "import_file")
		self.assertTrue(url.startswith("/private/files/"))

	def test_inbox_entries_match_what_frappe_files_for_one_insert(self):
		from tiep_xuc_doi_thoai.tests.factories import make_petition

		def roles_of(petition: str) -> list[list[str]]:
			actions = frappe.get_all(
				"Workflow Action", filters={"reference_name": petition}, pluck="name", order_by="name"
			)
			return [
				sorted(frappe.get_all("Workflow Action Permitted Role", {"parent": a}, pluck="role"))
				for a in actions
			]

		out = endpoints.import_petitions(upload(import_rules.build_rows_file([row(1), row(2)])))
		record = frappe.get_doc("Petition Import", out["name"])
		frappe.set_user("Administrator")
		single = make_petition()
		expected = roles_of(single.name)
		self.assertEqual(len(expected), 1)  # Frappe's own handler filed one entry
		for name in (record.first_petition, record.last_petition):
			self.assertEqual(roles_of(name), expected)  # one entry each, the same roles
			self.assertEqual(
				frappe.db.get_value("Citizen Petition", name, "workflow_state"), single.workflow_state
			)
