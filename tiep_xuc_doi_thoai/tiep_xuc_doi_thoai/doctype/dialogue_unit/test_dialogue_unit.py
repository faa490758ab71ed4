# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase


class TestDialogueUnit(DialogueTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.province = make_unit("UBND tỉnh Thử nghiệm", "UBND", level="Province", is_group=1)
		cls.commune_a = make_unit("UBND xã Thử A", "UBND", parent=cls.province.name, is_group=1)
		cls.office_a = make_unit("Văn phòng xã Thử A", "VP", parent=cls.commune_a.name, kind="Section")
		cls.commune_b = make_unit("UBND xã Thử B", "UBND", parent=cls.province.name)

	def test_tree_is_kept(self):
		a = frappe.get_doc("Dialogue Unit", self.commune_a.name)
		p = frappe.get_doc("Dialogue Unit", self.province.name)
		self.assertTrue(p.lft < a.lft < a.rgt < p.rgt)
		office = frappe.get_doc("Dialogue Unit", self.office_a.name)
		self.assertTrue(a.lft < office.lft < office.rgt < a.rgt)

	def test_abbreviation_with_slash_or_space_is_refused(self):
		for bad in ("UB ND", "UBND/X"):
			unit = frappe.get_doc(
				{
					"doctype": "Dialogue Unit",
					"unit_name": f"Đơn vị sai {bad}",
					"abbreviation": bad,
					"level": "Commune",
					"kind": "Other",
				}
			)
			with self.assertRaises(frappe.ValidationError):
				unit.insert()
			self.assertFalse(frappe.db.exists("Dialogue Unit", f"Đơn vị sai {bad}"))

	def test_abbreviation_is_trimmed(self):
		unit = make_unit("Phòng Thử Tư pháp", " TP ", parent=self.commune_b.name, kind="Department")
		self.assertEqual(unit.abbreviation, "TP")

	def test_unit_officer_sees_only_own_unit_and_below(self):
		user = make_user("officer.a@example.com", [roles.UNIT_OFFICER], unit=self.commune_a.name)
		frappe.set_user(user.name)
		visible = set(frappe.get_list("Dialogue Unit", pluck="name"))
		self.assertIn(self.commune_a.name, visible)
		self.assertIn(self.office_a.name, visible)
		self.assertNotIn(self.commune_b.name, visible)
		self.assertNotIn(self.province.name, visible)
		self.assertFalse(frappe.has_permission("Dialogue Unit", "read", self.commune_b.name))
		self.assertFalse(frappe.has_permission("Dialogue Unit", "write", self.commune_a.name))

	def test_unrestricted_reader_sees_all(self):
		user = make_user("supervisor.unit@example.com", [roles.SUPERVISOR])
		frappe.set_user(user.name)
		visible = set(frappe.get_list("Dialogue Unit", pluck="name"))
		self.assertTrue({self.province.name, self.commune_a.name, self.commune_b.name} <= visible)
		self.assertFalse(frappe.has_permission("Dialogue Unit", "create"))

	def test_group_with_children_cannot_be_deleted(self):
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Dialogue Unit", self.commune_a.name)
		self.assertTrue(frappe.db.exists("Dialogue Unit", self.commune_a.name))

	def test_link_search_describes_a_unit_in_words_not_option_values(self):
		"""Frappe's link dropdown shows the search fields raw: no Select option may be among them."""
		from frappe.desk.search import search_link

		meta = frappe.get_meta("Dialogue Unit")
		selects = {f.fieldname for f in meta.fields if f.fieldtype == "Select"}
		self.assertFalse(selects & set((meta.search_fields or "").split(",")), meta.search_fields)
		options = {
			o for f in meta.fields if f.fieldtype == "Select" for o in (f.options or "").split("\n") if o
		}
		results = search_link("Dialogue Unit", "Thử A")
		self.assertTrue(results)
		for result in results:
			words = {w.strip() for w in (result.get("description") or "").split(",")}
			self.assertFalse(words & options, result)
