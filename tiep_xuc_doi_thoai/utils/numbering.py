"""Document numbers taken from a counter that is locked while it is taken.

Each issuer's yearly sequence is a row of Frappe's ``Series`` table, incremented by Frappe's
own ``getseries`` (``SELECT ... FOR UPDATE`` then ``UPDATE``): two approvals at the same moment
queue on that row lock and get two numbers; the increment commits or rolls back with the
document, so a refused approval leaves no gap. Numbers typed by hand, and plans numbered before
the counter existed, are honoured: the counter starts at, and jumps past, the highest number used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import frappe
from frappe.model.naming import getseries

from tiep_xuc_doi_thoai.core.numbering import next_number

SERIES_PREFIX = "txdt-no-"


def series_key(kind: str, issuer: str, year: int | str) -> str:
	"""A Series name (at most 100 characters) for one issuer's numbers of one kind and year."""
	digest = hashlib.sha1(issuer.encode()).hexdigest()[:16]
	return f"{SERIES_PREFIX}{kind}-{year}-{digest}"


def take_number(key: str, used: Iterable[int | str | None] = ()) -> int:
	"""The next number of the sequence ``key``, above every number in ``used``."""
	highest = next_number(used) - 1
	series = frappe.qb.DocType("Series")
	# Created at the highest number in use; an existing row is left alone (INSERT IGNORE).
	frappe.qb.into(series).columns(series.name, series.current).insert(key, highest).ignore().run()
	number = int(getseries(key, 1))
	if number <= highest:
		# a number typed by hand went past the counter: continue after it (the row is locked)
		number = highest + 1
		frappe.qb.update(series).set(series.current, number).where(series.name == key).run()
	return number
