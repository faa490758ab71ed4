"""Install, migrate and uninstall on a real site (tier 2)."""

import json

import frappe

from tiep_xuc_doi_thoai.core.roles import APP_ROLES, ROLES
from tiep_xuc_doi_thoai.patches.v0_1 import ensure_defaults as patch
from tiep_xuc_doi_thoai.setup.defaults import DEFAULT_CATEGORIES, ensure_defaults
from tiep_xuc_doi_thoai.setup.uninstall import app_doctypes, find_orphans, remove_references
from tiep_xuc_doi_thoai.tests.factories import make_unit, make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase


class TestInstall(DialogueTestCase):
	def test_roles_exist_with_desk_access(self):
		"""Each role as its spec says: staff roles with desk access, the other site's
		integration role (Dialogue Integration) without."""
		self.assertTrue(any(spec.desk_access for spec in ROLES))
		self.assertTrue(any(not spec.desk_access for spec in ROLES))
		for spec in ROLES:
			self.assertEqual(
				frappe.db.get_value("Role", spec.name, "desk_access"), int(spec.desk_access), spec.name
			)

	def test_every_app_doctype_is_installed(self):
		for doctype in app_doctypes():
			self.assertTrue(frappe.db.exists("DocType", doctype), doctype)

	def test_defaults_again_change_nothing_an_admin_edited(self):
		rule = frappe.get_doc("Deadline Rule", "petition-answer")
		rule.days = 20
		rule.save()
		frappe.delete_doc("Petition Category", "Khác")
		settings = frappe.get_single("Dialogue Settings")
		settings.min_dialogues_per_year = 4  # seed 003: four a year
		settings.save()
		before = frappe.db.count("Deadline Rule")

		created = ensure_defaults()
		patch.execute()

		self.assertEqual(frappe.db.get_value("Deadline Rule", "petition-answer", "days"), 20)
		self.assertEqual(frappe.db.count("Deadline Rule"), before)
		self.assertEqual(frappe.db.get_single_value("Dialogue Settings", "min_dialogues_per_year"), 4)
		self.assertEqual(created["roles"], [])
		self.assertEqual(created["deadline_rules"], [])
		# A category the admin deleted comes back only as a missing default, never twice.
		self.assertEqual(created["categories"], ["Khác"])
		self.assertEqual(frappe.db.count("Petition Category"), len(DEFAULT_CATEGORIES))

	def test_uninstall_leaves_no_orphans(self):
		unit = make_unit("UBND xã Gỡ cài đặt", "UBND")
		make_user("orphan.officer@example.com", ["Dialogue Unit Officer"], unit=unit.name)
		# the demo makes the app's workspace a user's home: that link must go too
		frappe.db.set_value("User", "orphan.officer@example.com", "default_workspace", "Citizen Dialogue")
		# db_insert: the row an admin's Customize Form leaves, without the ALTER TABLE that
		# would commit this test's transaction.
		frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Dialogue Unit",
				"fieldname": "ma_dvhc",
				"label": "Mã ĐVHC",
				"fieldtype": "Data",
				"insert_after": "abbreviation",
				"name": "Dialogue Unit-ma_dvhc",
			}
		).db_insert()
		frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "Deadline Rule",
				"field_name": "notes",
				"property": "hidden",
				"value": "1",
				"property_type": "Check",
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"description": "Xem lại",
				"reference_type": "Dialogue Unit",
				"reference_name": unit.name,
			}
		).insert()
		found = find_orphans()
		for key in (
			"User Permission.allow",
			"Custom Field.dt",
			"Property Setter.doc_type",
			"ToDo.reference_type",
			"Has Role.role",
			"Role",
			"Singles.doctype",
			"User.default_workspace",
		):
			self.assertIn(key, found, json.dumps(found, default=str))

		remove_references()

		self.assertEqual(find_orphans(), {})
		self.assertFalse(frappe.db.exists("Has Role", {"role": ("in", list(APP_ROLES))}))
