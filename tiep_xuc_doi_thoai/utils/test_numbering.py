"""Numbers from a locked counter: two connections at once get two numbers (tier 2)."""

import threading

import frappe
from frappe.tests.utils import FrappeTestCase

from tiep_xuc_doi_thoai.utils.numbering import SERIES_PREFIX, series_key, take_number

# How long the test lets the second connection run ahead before it lets the first commit. Only
# the order of events is asserted: a slower machine makes the test slower, never wrong.
HEAD_START_SECONDS = 2.0


def _take_in_own_connection(
	site: str,
	key: str,
	used: list,
	out: dict,
	name: str,
	events: list,
	taken: threading.Event,
	release: threading.Event | None = None,
) -> None:
	"""One approval in its own session and database connection, like a second web worker. With
	``release``, it holds the counter row (the approval goes on: print, save) until told to commit."""
	frappe.init(site=site)
	frappe.connect()
	try:
		number = take_number(key, used)
		events.append(f"{name} took")
		taken.set()
		if release is not None:
			release.wait(60)
		events.append(f"{name} commits")
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a second connection: the lock must be released
		out[name] = number
	except Exception as e:
		out[name] = e
		frappe.db.rollback()
	finally:
		taken.set()
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
		events: list[str] = []
		a_taken, b_taken, release_a = threading.Event(), threading.Event(), threading.Event()
		first = threading.Thread(
			target=_take_in_own_connection,
			args=(site, self.key, [4, "7"], out, "a", events, a_taken, release_a),
		)
		second = threading.Thread(
			target=_take_in_own_connection, args=(site, self.key, [4, "7"], out, "b", events, b_taken)
		)
		first.start()
		a_taken.wait(30)  # the first holds the counter row now
		second.start()
		# A counter without a lock would let the second read the same number at once; a locked one
		# makes it wait for the first's commit, which comes only after this.
		b_taken.wait(HEAD_START_SECONDS)
		release_a.set()
		first.join(60)
		second.join(60)
		self.assertIsInstance(out["a"], int, out)
		self.assertIsInstance(out["b"], int, out)
		self.assertEqual(sorted([out["a"], out["b"]]), [8, 9])
		# the second waited for the first's commit instead of reading the same number
		self.assertEqual(events, ["a took", "a commits", "b took", "b commits"])

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
