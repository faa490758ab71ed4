# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt

import frappe
from frappe.utils.nestedset import get_descendants_of

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.setup.defaults import DEFAULT_CATEGORIES, ROOT_CATEGORY
from tiep_xuc_doi_thoai.tests.factories import make_user
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase


class TestPetitionCategory(DialogueTestCase):
	def test_default_tree_installed(self):
		descendants = set(get_descendants_of("Petition Category", ROOT_CATEGORY))
		self.assertEqual(descendants, {n for n, _c, p in DEFAULT_CATEGORIES if p})
		self.assertIn(
			"Bồi thường, hỗ trợ, tái định cư, GPMB", get_descendants_of("Petition Category", "Đất đai")
		)

	def test_admin_adds_a_category_and_staff_only_read(self):
		doc = frappe.get_doc(
			{
				"doctype": "Petition Category",
				"category_name": "Thử nghiệm lĩnh vực",
				"parent_petition_category": "Môi trường",
			}
		).insert()
		self.assertIn(doc.name, get_descendants_of("Petition Category", "Môi trường"))
		user = make_user("secretariat.cat@example.com", [roles.SECRETARIAT])
		frappe.set_user(user.name)
		self.assertTrue(frappe.has_permission("Petition Category", "read", doc.name))
		self.assertFalse(frappe.has_permission("Petition Category", "write", doc.name))
		self.assertFalse(frappe.has_permission("Petition Category", "delete", doc.name))

	def test_own_parent_refused(self):
		doc = frappe.get_doc("Petition Category", "Việc làm")
		doc.parent_petition_category = "Việc làm"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
