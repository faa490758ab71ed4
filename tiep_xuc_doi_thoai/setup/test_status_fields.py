"""Migrating a site installed before the fixed status fields and the permission levels: the
administrator's workflow and Role Permissions edits stay, and what is new arrives."""

import frappe
from frappe.core.page.permission_manager import permission_manager as role_permissions

from tiep_xuc_doi_thoai.core import roles
from tiep_xuc_doi_thoai.patches.v0_1 import status_fields_and_levels as patch
from tiep_xuc_doi_thoai.setup.status_fields import ensure_status_and_levels
from tiep_xuc_doi_thoai.tests.factories import make_petition
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

PETITION_WORKFLOW = "Citizen Petition"


class TestStatusFieldsAndLevels(DialogueTestCase):
	def setUp(self):
		super().setUp()
		self.addCleanup(self.clear_caches)

	def clear_caches(self):
		for doctype in ("Citizen Petition", "Petition Assignment", "Dialogue Conference"):
			frappe.clear_cache(doctype=doctype)
		frappe.clear_document_cache("Workflow", PETITION_WORKFLOW)
		frappe.cache.delete_key("workflow")

	def test_old_workflow_gets_update_fields_and_documents_their_status(self):
		workflow = frappe.get_doc("Workflow", PETITION_WORKFLOW)
		for row in workflow.states:  # as an older install created it
			if row.state == "Forwarded to Competent Body":
				row.update_field, row.update_value = (
					"status",
					"Petition Not Accepted",
				)  # the admin's own choice
			else:
				row.update_field, row.update_value = None, None
		workflow.save()
		petition = make_petition()
		frappe.db.set_value(
			"Citizen Petition",
			petition.name,
			{"workflow_state": "Petition Classified", "status": "Petition Received"},
		)
		self.clear_caches()

		ensure_status_and_levels()
		patch.execute()  # twice is harmless

		states = {
			r.state: (r.update_field, r.update_value)
			for r in frappe.get_doc("Workflow", PETITION_WORKFLOW).states
		}
		self.assertEqual(states["Petition Classified"], ("status", "Petition Classified"))
		self.assertEqual(
			states["Forwarded to Competent Body"], ("status", "Petition Not Accepted")
		)  # kept as the admin set it
		self.assertEqual(
			frappe.db.get_value("Citizen Petition", petition.name, "status"), "Petition Classified"
		)

	def test_admin_edited_permissions_keep_their_edits_and_get_the_new_levels(self):
		# An administrator edited Role Permissions before this version: Custom DocPerm rows
		# replace the doctype's own, and they have no level 1 or 2 yet.
		role_permissions.update("Petition Assignment", roles.SUPERVISOR, 0, "email", 1)
		frappe.db.delete("Custom DocPerm", {"parent": "Petition Assignment", "permlevel": ("in", (1, 2))})
		role_permissions.update("Dialogue Conference", roles.SUPERVISOR, 0, "email", 1)
		frappe.db.delete("Custom DocPerm", {"parent": "Dialogue Conference", "permlevel": 1})
		role_permissions.add("Dialogue Conference", roles.SECRETARIAT, 1)  # the admin already decided
		self.clear_caches()

		added = ensure_status_and_levels()["custom_levels"]

		self.assertEqual(added, ["Petition Assignment:1", "Petition Assignment:2"])
		custom = frappe.get_all(
			"Custom DocPerm",
			filters={"parent": "Petition Assignment"},
			fields=["role", "permlevel", "write", "email"],
		)
		by_key = {(p.role, p.permlevel): p for p in custom}
		self.assertEqual(by_key[(roles.SUPERVISOR, 0)].email, 1)  # the admin's edit is kept
		self.assertEqual(by_key[(roles.MANAGER, 1)].write, 1)
		self.assertEqual(by_key[(roles.SECRETARIAT, 1)].write, 0)
		self.assertEqual(by_key[(roles.MANAGER, 2)].write, 1)
		conference_levels = frappe.get_all(
			"Custom DocPerm", filters={"parent": "Dialogue Conference", "permlevel": 1}, pluck="role"
		)
		self.assertEqual(conference_levels, [roles.SECRETARIAT])
