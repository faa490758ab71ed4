# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""Issue 16, parts 2 and 3: the unit scope holds at every door Frappe opens (search with
``ignore_user_permissions``, link titles, child tables, group-by counts, tags, ToDos, open
counts, charts and cards), and the gate refuses what Frappe would answer or write without the
right - as an officer of one unit looking at another unit's records, and as a role without
the right to a denouncer's identity. In-scope users still get their data.

The HTTP requests run in another connection, so the records are committed in ``setUpClass``
and deleted again in ``tearDownClass``.
"""

from __future__ import annotations

import importlib.util
import json
from types import SimpleNamespace

import frappe
import frappe.client
from frappe.desk.doctype.tag import tag as frappe_tags
from frappe.desk.like import toggle_like  # an alias on purpose: refuse_aliases must catch it
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.core import roles as role_names
from tiep_xuc_doi_thoai.permissions import gate, scope, timeline
from tiep_xuc_doi_thoai.tests.door_factories import attach_file, http, login_sid
from tiep_xuc_doi_thoai.tests.factories import make_conference, make_petition, make_plan, make_unit, make_user

UNIT = "Phòng Địa chính (i16b)"
OTHER_UNIT = "Phòng Tư pháp (i16b)"
THIRD_UNIT = "Phòng Văn hóa (i16b)"
MARK = "i16b-gate"
OUT_TITLE = "i16b-out-of-scope-title"
DENOUNCER = "Hà Thị Bí Mật"
DENOUNCER_ID = "036188009911"
LETTER = b"i16b letter of Ha Thi Bi Mat 036188009911"
TAG = "i16b-tag"
USERS = {
	"officer": ((role_names.UNIT_OFFICER,), UNIT),
	"other_officer": ((role_names.UNIT_OFFICER,), OTHER_UNIT),
	"supervisor": ((role_names.SUPERVISOR,), None),
	"secretariat": ((role_names.SECRETARIAT,), None),
	"reception": ((role_names.RECEPTION,), None),
	"sysman": (("System Manager", role_names.SUPERVISOR), None),
}


def user(key: str) -> str:
	return f"gate-{key}@i16b.test"


class TestGate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls._remove_records()  # of an earlier run that stopped half-way
		make_unit(UNIT, abbreviation="DC", kind="Department")
		make_unit(OTHER_UNIT, abbreviation="TP", kind="Department")
		make_unit(THIRD_UNIT, abbreviation="VH", kind="Department")
		for key, (roles, unit) in USERS.items():
			make_user(user(key), roles, unit=unit)
		frappe.clear_cache()
		plan = make_plan(UNIT, title=f"{MARK} plan")
		cls.conference = make_conference(plan.name, "2026-03-16", topic=f"{MARK} conference").name
		cls.own = cls._classified(f"{MARK} own: sửa đường", UNIT, f"{MARK} own title")
		cls.other = cls._classified(f"{MARK} other: cấp giấy", OTHER_UNIT, OUT_TITLE)
		cls.secret = make_petition(
			f"{MARK} secret: tố cáo",
			petition_type="Denunciation",
			petitioner_name=DENOUNCER,
			id_number=DENOUNCER_ID,
			responsible_unit=UNIT,
		).name
		cls.assignments = {
			key: frappe.get_doc(
				{
					"doctype": "Petition Assignment",
					"source_type": "Citizen Petitions",
					"petitions": [{"petition": petition}],
					"lead_unit": unit,
					"coordinating_units": [{"unit": THIRD_UNIT}],
					"progress_updates": [
						{"update_date": "2026-02-11", "update_text": f"{MARK} {key} progress"}
					],
					"task": f"{MARK} {key} task",
					"assigned_on": "2026-02-10",
				}
			)
			.insert(ignore_permissions=True)
			.name
			for key, petition, unit in (("own", cls.own, UNIT), ("other", cls.other, OTHER_UNIT))
		}
		for key, name in cls.assignments.items():
			# a request goes through the assignment's own action; the row itself is what is read here
			frappe.get_doc(
				{
					"doctype": "Assignment Extension Request",
					"parent": name,
					"parenttype": "Petition Assignment",
					"parentfield": "extensions",
					"requested_due_date": "2026-04-30",
					"reason": f"{MARK} {key} extension",
				}
			).db_insert()
		conference = frappe.get_doc("Dialogue Conference", cls.conference)
		for petition in (cls.own, cls.other):
			conference.append("conclusions", {"conclusion": f"{MARK} conclusion", "petition": petition})
		conference.save(ignore_permissions=True)
		for petition in (cls.own, cls.other):
			frappe.db.set_value("Citizen Petition", petition, "conference", cls.conference)
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": user("officer"),
					"reference_type": "Citizen Petition",
					"reference_name": petition,
					"description": f"{MARK} todo {petition}",
				}
			).insert(ignore_permissions=True)
			frappe_tags.add_tag(TAG, "Citizen Petition", petition)
		cls.letter = attach_file("Citizen Petition", cls.secret, "i16b-letter.txt", LETTER)
		frappe.get_doc("Citizen Petition", cls.secret).add_comment("Comment", f"{MARK} {DENOUNCER}")
		cls.sids = {key: login_sid(user(key)) for key in USERS}
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		cls._remove_records()
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection
		super().tearDownClass()

	@staticmethod
	def _remove_records():
		frappe.db.delete("ToDo", {"description": ("like", f"%{MARK}%")})
		frappe.db.delete("Tag Link", {"tag": TAG})
		frappe.db.delete("Comment", {"content": ("like", f"%{MARK}%")})
		frappe.db.delete("Communication", {"subject": ("like", f"%{MARK}%")})
		for name in frappe.get_all("File", filters={"file_name": ("like", "i16b-%")}, pluck="name"):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		for doctype, field in (
			("Petition Assignment", "task"),
			("Dialogue Conference", "topic"),
			("Citizen Petition", "content"),
			("Dialogue Plan", "title"),
		):
			for name in frappe.get_all(doctype, filters={field: ("like", f"{MARK}%")}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)

	@staticmethod
	def _classified(content: str, unit: str, subject: str) -> str:
		doc = make_petition(content, responsible_unit=unit, subject=subject)
		return apply_workflow(doc.as_dict(), "Classify").name

	def setUp(self):
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()
		frappe.local.response = frappe._dict({"docs": []})

	def as_user(self, key: str):
		frappe.set_user(user(key))

	def http(self, method: str, key: str, params: dict, verb: str = "get"):
		return http(f"/api/method/{method}", self.sids[key], params, verb)

	def assert_hidden(self, answer, *tokens: str):
		text = json.dumps(answer, default=str, ensure_ascii=False)
		for token in tokens or (self.other, OUT_TITLE):
			self.assertNotIn(token, text)

	# -- search and titles ----------------------------------------------------------------------

	def test_search_follows_the_scope_even_asked_to_ignore_user_permissions(self):
		self.as_user("officer")
		for ignore in (0, 1):
			found = gate.search_link("Citizen Petition", MARK, ignore_user_permissions=ignore, page_length=50)
			names = {r["value"] for r in found}
			self.assertIn(self.own, names)
			self.assertNotIn(self.other, names)
			self.assert_hidden(found)
			rows = gate.search_widget(
				"Petition Assignment", "", ignore_user_permissions=ignore, page_length=500, as_dict=True
			)
			self.assertIn(self.assignments["own"], {r.name for r in rows})
			self.assertNotIn(self.assignments["other"], {r.name for r in rows})
		with self.assertRaises(frappe.ValidationError):
			gate.search_widget("Citizen Petition", MARK, filter_fields=json.dumps(["_comments"]))
		# over HTTP, under Frappe's own name (the override)
		response = self.http(
			"frappe.desk.search.search_link",
			"officer",
			{"doctype": "Citizen Petition", "txt": MARK, "ignore_user_permissions": 1},
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertIn(self.own, response.text)
		self.assertNotIn(OUT_TITLE, response.text)
		self.assertNotIn(self.other, response.text)

	def test_identity_search_stays_closed_without_the_right(self):
		self.as_user("supervisor")
		try:
			found = gate.search_widget("Petition Identity", "", ignore_user_permissions=1, as_dict=True)
		except frappe.PermissionError:
			found = []
		self.assert_hidden(found, DENOUNCER, DENOUNCER_ID)
		self.assertFalse(found)

	def test_link_titles_only_of_records_in_scope(self):
		self.as_user("officer")
		self.assertEqual(gate.get_link_title("Citizen Petition", self.own), f"{MARK} own title")
		self.assertEqual(gate.get_link_title("Citizen Petition", self.other), self.other)
		timeline.getdoc("Dialogue Conference", self.conference)
		titles = frappe.response["_link_titles"]
		self.assertEqual(titles[f"Citizen Petition::{self.own}"], f"{MARK} own title")
		self.assertNotIn(OUT_TITLE, json.dumps(titles, ensure_ascii=False))
		response = self.http(
			"frappe.desk.search.get_link_title",
			"officer",
			{"doctype": "Citizen Petition", "docname": self.other},
		)
		self.assertNotIn(OUT_TITLE, response.text)

	# -- child tables ---------------------------------------------------------------------------

	def test_child_tables_follow_their_parent(self):
		self.as_user("officer")
		for child in scope.child_tables():
			rows = frappe.client.get_list(
				child, parent="Petition Assignment", fields=["parent"], limit_page_length=0
			)
			parents = {r["parent"] for r in rows}
			self.assertNotIn(self.assignments["other"], parents, child)
			self.assertIn(self.assignments["own"], parents, child)
		frappe.set_user(user("secretariat"))  # not unit-scoped: every row
		rows = frappe.client.get_list(
			"Assignment Petition", parent="Petition Assignment", fields=["parent"], limit_page_length=0
		)
		self.assertIn(self.assignments["other"], {r["parent"] for r in rows})

	def test_a_child_row_by_name_needs_its_parent(self):
		other_row = frappe.db.get_value(
			"Assignment Progress Update", {"parent": self.assignments["other"]}, "name"
		)
		own_row = frappe.db.get_value(
			"Assignment Progress Update", {"parent": self.assignments["own"]}, "name"
		)
		self.as_user("officer")
		with self.assertRaises(frappe.PermissionError):
			gate.get("Assignment Progress Update", other_row, parent="Petition Assignment")
		with self.assertRaises(frappe.PermissionError):
			timeline.getdoc("Assignment Progress Update", other_row)
		self.assertEqual(
			gate.get("Assignment Progress Update", own_row, parent="Petition Assignment")["name"], own_row
		)
		self.assertIsNone(gate.validate_link("Citizen Petition", self.other).name)
		self.assertEqual(gate.validate_link("Citizen Petition", self.own).name, self.own)

	def test_one_list_of_scoped_doctypes(self):
		self.assertTrue(
			{"Citizen Petition", "Petition Assignment", "Petition Identity"} <= set(scope.SCOPED_DOCTYPES)
		)
		self.assertEqual(
			set(scope.child_tables()),
			{
				"Assignment Petition",
				"Assignment Progress Update",
				"Assignment Coordinating Unit",
				"Assignment Extension Request",
			},
		)
		self.assertIsNone(importlib.util.find_spec("tiep_xuc_doi_thoai.permissions.counts"))

	# -- counts, charts and cards ---------------------------------------------------------------

	def test_counts_follow_the_rules(self):
		self.as_user("officer")
		both = {"name": ("in", [self.own, self.other])}
		self.assertEqual(gate.get_count("Citizen Petition", json.dumps(both)), 1)
		self.assertEqual(gate.get_count("ToDo", json.dumps({"description": ("like", f"%{MARK}%")})), 1)
		with self.assertRaises(frappe.PermissionError):
			gate.get_count("Deleted Document", json.dumps({"data": ("like", f"%{DENOUNCER_ID}%")}))
		frappe.set_user(user("sysman"))  # reads comments, not the identity
		self.assertEqual(gate.get_count("Comment", json.dumps({"content": ("like", f"%{DENOUNCER}%")})), 0)
		with self.assertRaises(frappe.ValidationError):
			gate.get_count("Citizen Petition", json.dumps({"name": ("in", ["x" * 40] * 1000)}))
		response = self.http(
			"frappe.client.get_count",
			"officer",
			{"doctype": "Citizen Petition", "filters": json.dumps({"name": ("in", ["x" * 40] * 1000)})},
		)
		self.assertEqual(response.status_code, 417, response.text)

	def test_group_by_counts_and_open_counts(self):
		self.as_user("officer")
		assigned = gate.get_group_by_count(
			"Citizen Petition", json.dumps({"name": ("in", [self.own, self.other])}), "assigned_to"
		)
		self.assertEqual({r.name: r.count for r in assigned}, {user("officer"): 1})
		units = gate.get_group_by_count(
			"Citizen Petition", json.dumps({"name": ("in", [self.own, self.other])}), "responsible_unit"
		)
		self.assertEqual({r.name for r in units}, {UNIT})
		frappe.set_user(user("reception"))  # no right to assignments at all
		with self.assertRaises(frappe.PermissionError):
			gate.get_group_by_count("Petition Assignment", "[]", "assigned_to")
		self.as_user("officer")
		counts = gate.get_open_count("Dialogue Conference", self.conference)["count"]
		petitions = [r for r in counts["external_links_found"] if r["doctype"] == "Citizen Petition"]
		self.assertEqual(petitions[0]["count"], 1)
		frappe.set_user("Administrator")
		counts = gate.get_open_count("Dialogue Conference", self.conference)["count"]
		petitions = [r for r in counts["external_links_found"] if r["doctype"] == "Citizen Petition"]
		self.assertEqual(petitions[0]["count"], 2)

	def test_user_built_charts_and_cards(self):
		mine = [["Citizen Petition", "name", "in", [self.own, self.other]]]
		self.as_user("officer")
		by_unit = gate.dashboard_chart(
			chart=json.dumps(
				{
					"name": "i16b",
					"chart_type": "Group By",
					"document_type": "Citizen Petition",
					"group_by_type": "Count",
					"group_by_based_on": "responsible_unit",
				}
			),
			filters=json.dumps(mine),
		)
		self.assertEqual(by_unit["labels"], [UNIT])
		heatmap = gate.dashboard_chart(
			chart=json.dumps(
				{
					"name": "i16b-heat",
					"chart_type": "Count",
					"type": "Heatmap",
					"document_type": "Citizen Petition",
					"based_on": "creation",
				}
			),
			filters=json.dumps(mine),
		)
		self.assertEqual(sum(heatmap["dataPoints"].values()), 1)
		with self.assertRaises(frappe.ValidationError):  # a sum over a name is no number
			gate.dashboard_chart(
				chart=json.dumps(
					{
						"name": "i16b-sum",
						"chart_type": "Sum",
						"type": "Heatmap",
						"document_type": "Citizen Petition",
						"based_on": "creation",
						"value_based_on": "petitioner_name",
					}
				)
			)
		self.as_user("supervisor")
		with self.assertRaises(frappe.PermissionError):  # the identity, summed
			gate.dashboard_chart(
				chart=json.dumps(
					{
						"name": "i16b-id",
						"chart_type": "Sum",
						"type": "Heatmap",
						"document_type": "Petition Identity",
						"based_on": "creation",
						"value_based_on": "id_number",
					}
				)
			)
		with self.assertRaises(frappe.ValidationError):
			gate.number_card_result(
				json.dumps(
					{
						"document_type": "Citizen Petition",
						"function": "Maximum",
						"aggregate_function_based_on": "petitioner_name",
					}
				),
				[],
			)
		self.as_user("officer")
		card = {
			"document_type": "Assignment Petition",
			"parent_document_type": "Petition Assignment",
			"function": "Count",
		}
		child_filter = [["Assignment Petition", "parent", "in", list(self.assignments.values())]]
		self.assertEqual(gate.number_card_result(json.dumps(card), child_filter), 1)

	def test_the_workspace_cards_and_charts_still_work(self):
		self.as_user("officer")
		for name in frappe.get_all("Number Card", filters={"module": "Tiep Xuc Doi Thoai"}, pluck="name"):
			doc = frappe.get_doc("Number Card", name)
			if frappe.has_permission(doc.document_type, "read"):
				self.assertIsInstance(gate.number_card_result(doc.as_json(), doc.filters_json), float, name)
		for name in frappe.get_all(
			"Dashboard Chart",
			filters={"module": "Tiep Xuc Doi Thoai", "chart_type": "Group By"},
			pluck="name",
		):
			chart = gate.dashboard_chart(chart_name=name)
			self.assertTrue(chart is None or "labels" in chart, name)

	# -- tags, ToDos, likes ---------------------------------------------------------------------

	def test_tags_and_todos_follow_the_scope(self):
		self.as_user("officer")
		tagged = {row[0] for row in gate.get_tagged_docs("Citizen Petition", f"%{TAG}%")}
		self.assertEqual(tagged & {self.own, self.other}, {self.own})
		self.assert_hidden(frappe_tags.get_documents_for_tag(f"#{TAG}"))
		self.assert_hidden(frappe.get_list("Tag Link", fields=["document_name", "title"], limit=0))
		todos = frappe.get_list(
			"ToDo", filters={"description": ("like", f"%{MARK}%")}, pluck="reference_name"
		)
		self.assertEqual(set(todos), {self.own})

	def test_writes_without_the_right_are_refused_and_nothing_is_written(self):
		self.as_user("officer")
		for call in (
			lambda: gate.toggle_like("Citizen Petition", self.other, "Yes"),
			lambda: gate.add_tag("i16b-sneaky", "Citizen Petition", self.other),
			lambda: gate.add_tags(json.dumps(["i16b-sneaky"]), "Citizen Petition", json.dumps([self.other])),
			lambda: gate.add_attachments("Citizen Petition", self.own, json.dumps([self.letter.name])),
			lambda: gate.zip_files(json.dumps([self.letter.name])),
			lambda: gate.follow_document("Citizen Petition", self.other, user("officer")),
			lambda: gate.follow_document("Citizen Petition", self.own, user("other_officer")),
			lambda: gate.unzip_file(self.letter.name),
		):
			with self.assertRaises(frappe.PermissionError):
				call()
		self.assertFalse(frappe.db.get_value("Citizen Petition", self.other, "_liked_by"))
		self.assertNotIn(
			"i16b-sneaky", frappe.db.get_value("Citizen Petition", self.other, "_user_tags") or ""
		)
		self.assertFalse(
			frappe.db.exists("File", {"file_url": self.letter.file_url, "name": ("!=", self.letter.name)})
		)
		gate.toggle_like("Citizen Petition", self.own, "Yes")  # in scope: allowed
		self.assertIn(user("officer"), frappe.db.get_value("Citizen Petition", self.own, "_liked_by"))

	def test_copy_of_an_unreadable_file_over_http(self):
		"""The e-mail composer and upload_file copy a File by id or URL: refused, nothing kept."""
		for method, params in (
			(
				"frappe.core.doctype.communication.email.make",
				{
					"doctype": "Citizen Petition",
					"name": self.own,
					"subject": f"{MARK} mail",
					"content": "x",
					"send_email": 0,
					"attachments": json.dumps([self.letter.name]),
				},
			),
			(
				"upload_file",
				{
					"doctype": "Citizen Petition",
					"docname": self.own,
					"file_url": self.letter.file_url,
					"file_name": "i16b-copy.txt",
					"is_private": 1,
				},
			),
			(
				"frappe.desk.like.toggle_like",
				{"doctype": "Citizen Petition", "name": self.other, "add": "Yes"},
			),
		):
			response = self.http(method, "officer", params, verb="post")
			self.assertEqual(response.status_code, 403, f"{method}: {response.text}")
		self.assertFalse(frappe.db.exists("Communication", {"subject": f"{MARK} mail"}))
		self.assertEqual(frappe.db.count("File", {"file_url": self.letter.file_url}), 1)
		self.assertFalse(frappe.db.get_value("Citizen Petition", self.other, "_liked_by"))

	# -- the gate's own shape -------------------------------------------------------------------

	def test_every_covered_function_is_overridden_by_the_gate(self):
		hooks = frappe.get_hooks("override_whitelisted_methods")
		for frappe_path, name in gate.COVERED.items():
			self.assertEqual(hooks.get(frappe_path, [None])[-1], gate.PREFIX + name, frappe_path)
			self.assertTrue(callable(frappe.get_attr(frappe_path)), frappe_path)

	def test_an_alias_of_a_covered_function_is_refused(self):
		self.assertIs(toggle_like, frappe.get_attr("frappe.desk.like.toggle_like"))
		for path, refused in (
			(f"/api/method/{__name__}.toggle_like", True),
			# Frappe's own aliases: a test module's import of getdoc, file.py's import *
			("/api/method/frappe.core.doctype.doctype.test_doctype.getdoc", True),
			("/api/method/frappe.core.doctype.file.file.zip_files", True),
			("/api/v2/method/File/zip_files", True),
			("/api/method/frappe.desk.form.load.getdoc", False),
			("/api/method/frappe.desk.like.toggle_like", False),
			("/api/method/frappe.client.get_list", False),
			("/api/method/no.such.method", False),
		):
			frappe.local.request = SimpleNamespace(path=path)
			try:
				if refused:
					with self.assertRaises(frappe.PermissionError, msg=path):
						gate.refuse_aliases()
				else:
					gate.refuse_aliases()
			finally:
				frappe.local.request = None

	# -- shares, the read-receipt pixel, bad input ----------------------------------------------

	def test_a_share_never_crosses_the_unit_rule(self):
		"""Frappe opens a shared record past every permission hook: a share to an officer of
		another unit, or to everyone, is refused with a clear message; one that a change of unit
		leaves across the rule is removed, so the record neither lists nor opens for them."""
		from frappe import share

		for kwargs in ({"user": user("other_officer")}, {"everyone": 1}):
			with self.assertRaises(frappe.PermissionError, msg=kwargs):
				share.add_docshare(
					"Citizen Petition", self.own, flags={"ignore_share_permission": 1}, **kwargs
				)
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.own}))
		share.add_docshare(
			"Citizen Petition", self.own, user("officer"), flags={"ignore_share_permission": 1}
		)
		moved = frappe.get_doc("Citizen Petition", self.own)
		try:
			moved.db_set("responsible_unit", OTHER_UNIT)  # no event: a share across units, as of old
			self.as_user("officer")
			self.assertFalse(frappe.has_permission("Citizen Petition", "read", doc=self.own) is False)
			frappe.set_user("Administrator")
			moved.reload()
			moved.run_method("on_update")  # what a save of the new unit runs
			self.assertFalse(frappe.db.exists("DocShare", {"share_name": self.own, "user": user("officer")}))
			self.as_user("officer")
			self.assertFalse(frappe.has_permission("Citizen Petition", "read", doc=self.own))
			self.assertNotIn(self.own, frappe.get_list("Citizen Petition", pluck="name"))
		finally:
			frappe.set_user("Administrator")
			frappe.db.set_value("Citizen Petition", self.own, "responsible_unit", UNIT)
			frappe.db.delete("DocShare", {"share_name": self.own})

	def test_the_read_receipt_pixel_writes_nothing_on_a_scoped_record(self):
		mail = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": f"{MARK} receipt",
				"content": "x",
				"reference_doctype": "Citizen Petition",
				"reference_name": self.other,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the HTTP requests below read in their own connection
		frappe.set_user("Guest")
		frappe.local.request = SimpleNamespace(after_response=SimpleNamespace(add=lambda fn: fn()))
		try:
			gate.mark_email_as_seen(mail.name)
		finally:
			frappe.local.request = None
			frappe.set_user("Administrator")
		self.assertEqual(frappe.local.response.get("type"), "binary")
		self.assertFalse(frappe.db.get_value("Communication", mail.name, "read_by_recipient"))

	def test_bad_input_is_a_clear_refusal_and_writes_nothing(self):
		"""An unknown method, a huge filter, a forged or foreign file id: a 403/404/417 with a
		message, no traceback of the app, no row written."""
		frappe.db.rollback()  # counted as the requests' own connection sees the tables
		before = {dt: frappe.db.count(dt) for dt in ("File", "Comment", "DocShare", "Error Log")}
		for method, params, statuses in (
			# Frappe's own answer to a method it cannot find: 417 "Failed to get method"
			("tiep_xuc_doi_thoai.permissions.gate.no_such_door", {}, (403, 404, 417)),
			("frappe.no_such_module.run", {}, (403, 404, 417)),
			(
				"frappe.desk.listview.get_group_by_count",
				{
					"doctype": "Citizen Petition",
					"current_filters": json.dumps({"name": ("in", ["y" * 40] * 1000)}),
					"field": "owner",
				},
				(417,),
			),
			(
				"frappe.utils.file_manager.add_attachments",
				{"doctype": "Citizen Petition", "name": self.own, "attachments": json.dumps(["forged-id"])},
				(403, 404),
			),
			(
				"tiep_xuc_doi_thoai.permissions.sealed_files.download",
				# a file id of another site (a File name is a random hash: unknown here)
				{"file": frappe.generate_hash(length=10)},
				(403,),
			),
		):
			for _replay in range(2):  # the same request again gets the same answer
				response = self.http(method, "officer", params, verb="post")
				self.assertIn(response.status_code, statuses, f"{method}: {response.text[:300]}")
				self.assertNotIn(self.other, response.text)
		frappe.db.rollback()
		self.assertEqual({dt: frappe.db.count(dt) for dt in before}, before)

	def test_the_patch_removes_existing_shares_across_units(self):
		from tiep_xuc_doi_thoai.patches.v0_1 import shares_within_units

		for name, who, everyone in (
			(self.own, user("other_officer"), 0),  # made before the rule: no event on db_insert
			(self.own, None, 1),
			(self.own, user("officer"), 0),  # within the unit: kept
		):
			frappe.get_doc(
				{
					"doctype": "DocShare",
					"share_doctype": "Citizen Petition",
					"share_name": name,
					"user": who,
					"everyone": everyone,
					"read": 1,
				}
			).db_insert()
		try:
			shares_within_units.execute()
			left = frappe.get_all(
				"DocShare", filters={"share_name": self.own}, fields=["user", "everyone"], as_list=True
			)
			self.assertEqual([tuple(row) for row in left], [(user("officer"), 0)])
		finally:
			frappe.db.delete("DocShare", {"share_name": self.own})
