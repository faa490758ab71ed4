"""Migrating a site whose petition states still carry the old bare names ("Received",
"Assigned"): the defaults get the new phrases, what an administrator renamed keeps its name,
and every document's fixed status moves to the new value (patches/v0_1/status_names.py)."""

import frappe

from tiep_xuc_doi_thoai.core import petitions as petition_rules
from tiep_xuc_doi_thoai.patches.v0_1 import status_names as patch
from tiep_xuc_doi_thoai.tests.factories import make_petition
from tiep_xuc_doi_thoai.tests.utils import DialogueTestCase

WORKFLOW = "Citizen Petition"
ADMIN_NAME = "Chờ phân công"  # an administrator's own name for the classified state


def _set_rows(doctype: str, field: str, old: str, new: str) -> None:
	table = frappe.qb.DocType(doctype)
	frappe.qb.update(table).set(table[field], new).where(
		(table.parent == WORKFLOW) & (table[field] == old)
	).run()


class TestStatusNames(DialogueTestCase):
	def setUp(self):
		super().setUp()
		self.addCleanup(lambda: frappe.clear_cache(doctype="Citizen Petition"))

	def make_old_site(self) -> str:
		"""The petition workflow and a petition as version 0.1 left them."""
		for old, new in patch.RENAMED_STATES[patch.PETITION].items():
			new_name = ADMIN_NAME if old == "Classified" else old
			_set_rows("Workflow Document State", "state", new, new_name)
			_set_rows("Workflow Document State", "update_value", new, old)
			for field in ("state", "next_state"):
				_set_rows("Workflow Transition", field, new, new_name)
		_set_rows("Workflow Transition", "action", "Assign to a Unit", "Assign")
		petition = make_petition()
		frappe.db.set_value(
			"Citizen Petition",
			petition.name,
			{"workflow_state": "Received", "status": "Received", "upper_state": "Answered"},
			update_modified=False,
		)
		return petition.name

	def test_defaults_renamed_admin_names_kept_documents_moved(self):
		name = self.make_old_site()
		patch.execute()
		patch.execute()  # twice is harmless

		states = {
			r.state: r.update_value
			for r in frappe.get_all(
				"Workflow Document State", {"parent": WORKFLOW}, ["state", "update_value"]
			)
		}
		self.assertEqual(states[petition_rules.RECEIVED], petition_rules.RECEIVED)
		self.assertEqual(states[petition_rules.ASSIGNED], petition_rules.ASSIGNED)
		self.assertNotIn("Received", states)
		# the administrator's name stays; the fixed status it sets follows the new options
		self.assertEqual(states[ADMIN_NAME], petition_rules.CLASSIFIED)
		self.assertNotIn(petition_rules.CLASSIFIED, states)
		actions = set(frappe.get_all("Workflow Transition", {"parent": WORKFLOW}, pluck="action"))
		self.assertIn("Assign to a Unit", actions)
		self.assertNotIn("Assign", actions)
		row = frappe.db.get_value(
			"Citizen Petition", name, ["workflow_state", "status", "upper_state"], as_dict=True
		)
		self.assertEqual(
			(row.workflow_state, row.status, row.upper_state),
			(petition_rules.RECEIVED, petition_rules.RECEIVED, petition_rules.ANSWERED),
		)
