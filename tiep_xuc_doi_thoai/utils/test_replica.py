# Copyright (c) 2026, tiep_xuc_doi_thoai developers
# License: MIT. See license.txt
"""utils/replica.py on a real site: a replica that does not answer serves no reads.

(scripts/replica_check.sh proves the rest with a real replica: what reads from it, lag, a
replica killed mid-run.)"""

import socket

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.utils import replica


def closed_port() -> int:
	"""A loopback port nobody listens on (bound, then released)."""
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


class TestReplicaGuard(FrappeTestCase):
	def setUp(self):
		self.saved = {
			k: frappe.local.conf.get(k) for k in ("read_from_replica", "replica_host", "replica_db_port")
		}
		frappe.cache.delete_value(replica.CACHE_KEY)
		frappe.local.flags.replica_bypassed = None

	def tearDown(self):
		frappe.local.conf.update(self.saved)
		frappe.cache.delete_value(replica.CACHE_KEY)

	def test_no_replica_configured_changes_nothing(self):
		frappe.local.conf.read_from_replica = 0
		replica.guard_replica_reads()
		self.assertFalse(frappe.local.conf.read_from_replica)
		self.assertIsNone(frappe.cache.get_value(replica.CACHE_KEY, expires=True))

	def test_a_replica_that_does_not_answer_reads_from_the_primary(self):
		frappe.local.conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=closed_port())
		replica.guard_replica_reads()
		self.assertEqual(frappe.local.conf.read_from_replica, 0)
		self.assertIn("does not answer", frappe.local.flags.replica_bypassed)
		# the verdict is kept: the next request in the window does not ask the replica again
		self.assertEqual(frappe.cache.get_value(replica.CACHE_KEY, expires=True)["usable"], False)
		# and a read-only call then runs on the primary connection, not a dead one
		self.assertTrue(frappe.read_only()(lambda: frappe.db.sql("select 1"))())
