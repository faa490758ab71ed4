"""Numbers from a locked counter: two connections at once get two numbers (tier 2)."""

import threading
import time

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.utils.numbering import SERIES_PREFIX, series_key, take_number

HOLD_SECONDS = 1.0


def _take_in_own_connection(site: str, key: str, used: list, hold: float, out: dict, name: str) -> None:
	"""One approval in its own session and database connection, like a second web worker."""
	frappe.init(site=site)
	frappe.connect()
	try:
		started = time.monotonic()
		number = take_number(key, used)
		out[f"{name}_took_at"] = time.monotonic() - started
		time.sleep(hold)  # the approval goes on (print, save) while the counter row stays locked
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a second connection: the lock must be released
		out[name] = number
	except Exception as e:
		out[name] = e
		frappe.db.rollback()
	finally:
		frappe.destroy()


class TestNumbering(FrappeTestCase):
	def setUp(self):
		self.key = series_key("test", frappe.generate_hash(), 2026)
		self.addCleanup(self._drop_series)

	def _drop_series(self):
		frappe.db.delete("Series", {"name": self.key})
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the other connections committed the row

	def test_two_connections_at_once_get_two_numbers(self):
		site = frappe.local.site
		out: dict = {}
		first = threading.Thread(
			target=_take_in_own_connection, args=(site, self.key, [4, "7"], HOLD_SECONDS, out, "a")
		)
		second = threading.Thread(
			target=_take_in_own_connection, args=(site, self.key, [4, "7"], 0, out, "b")
		)
		first.start()
		time.sleep(0.3)  # the second asks while the first still holds the counter
		second.start()
		first.join(30)
		second.join(30)
		self.assertIsInstance(out["a"], int, out)
		self.assertIsInstance(out["b"], int, out)
		self.assertEqual(sorted([out["a"], out["b"]]), [8, 9])
		# the second waited for the first's commit instead of reading the same number
		self.assertGreater(out["b_took_at"], HOLD_SECONDS / 2)

	def test_counter_continues_after_a_number_typed_by_hand(self):
		self.assertEqual(take_number(self.key, []), 1)
		self.assertEqual(take_number(self.key, [1]), 2)
		self.assertEqual(take_number(self.key, [1, 2, 15]), 16)  # 15 typed by hand
		self.assertEqual(take_number(self.key, [1, 2, 15, 16]), 17)

	def test_refused_approval_gives_its_number_back(self):
		frappe.db.savepoint("numbering")
		self.assertEqual(take_number(self.key, [3]), 4)
		frappe.db.rollback(save_point="numbering")
		self.assertEqual(take_number(self.key, [3]), 4)

	def test_key_fits_the_series_table(self):
		key = series_key("plan", "Ủy ban nhân dân " * 20, 2026)
		self.assertTrue(key.startswith(SERIES_PREFIX))
		self.assertLessEqual(len(key), 100)
