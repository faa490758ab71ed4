"""The declared indexes exist on the site, and the patch brings back a missing one (tier 2)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.patches.v0_1 import add_indexes as patch
from tiep_xuc_doi_thoai.setup.indexes import INDEXES, index_name


def index_columns(doctype: str, index: str) -> list[str]:
	rows = frappe.db.sql(
		"""select column_name from information_schema.statistics
		where table_schema = database() and table_name = %s and index_name = %s
		order by seq_in_index""",
		(f"tab{doctype}", index),
	)
	return [r[0] for r in rows]


class TestIndexes(FrappeTestCase):
	def test_every_declared_index_exists_with_its_columns(self):
		for doctype, indexes in INDEXES.items():
			if not frappe.db.table_exists(doctype):
				continue
			for fields in indexes:
				self.assertEqual(index_columns(doctype, index_name(fields)), list(fields), (doctype, fields))

	def test_migrate_patch_recreates_an_index_missing_on_an_older_site(self):
		doctype, fields = "Citizen Petition", ("responsible_unit", "workflow_state")
		name = index_name(fields)
		# a connection another test left in a transaction would hold the table's metadata lock:
		# fail after two minutes rather than wait for MariaDB's default of a day
		frappe.db.sql("set session lock_wait_timeout = 120")
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
		self.assertEqual(index_columns(doctype, name), [])
		patch.execute()
		self.assertEqual(index_columns(doctype, name), list(fields))

	def test_unit_register_query_uses_an_index(self):
		plan = frappe.db.sql(
			"""explain select name from `tabCitizen Petition`
			where responsible_unit = 'X' and received_date between '2026-01-01' and '2026-01-31'
			order by received_date""",
			as_dict=True,
		)
		self.assertTrue(plan[0].get("possible_keys"), plan)
