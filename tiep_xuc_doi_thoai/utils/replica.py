"""Reads go to the replica only while it is healthy (the one place the app handles a replica).

Frappe v15 (``frappe.read_only()``, ``frappe.connect_replica``) switches a read-only call to the
replica whenever the site config has ``read_from_replica``, without asking whether it is up or
how far behind it is: a stopped replica fails the request with a database error, a lagging one
serves old rows. ``guard_replica_reads`` runs before every request and job (hooks.py
``before_request`` / ``before_job``): when the replica is down, stopped or more than
``replica_max_lag_seconds`` (site config, default 10) behind, this request or job reads from the
primary instead (``read_from_replica`` is turned off in this request's copy of the site config
only). The verdict (``core/replica.py``) is kept in Redis for ``replica_check_seconds`` (default
1), so the replica is asked about once a second per site, not once per request.

Writes never go to the replica: Frappe writes through the primary connection outside
``read_only`` calls, and the site's user on the replica has SELECT only (scripts/replica.sh).
"""

from __future__ import annotations

import frappe
import pymysql

from tiep_xuc_doi_thoai.core.replica import DEFAULT_MAX_LAG_SECONDS, ReplicaVerdict, replica_verdict

CACHE_KEY = "tiep_xuc_doi_thoai:replica_verdict"


def guard_replica_reads(*args: object, **kwargs: object) -> None:
	"""before_request / before_job: read from the primary while the replica cannot serve."""
	conf = frappe.local.conf
	if not conf.get("read_from_replica"):
		return
	verdict = current_verdict()
	if not verdict.usable:
		conf.read_from_replica = 0
		frappe.local.flags.replica_bypassed = verdict.reason


def current_verdict() -> ReplicaVerdict:
	cached = frappe.cache.get_value(CACHE_KEY, expires=True)  # kept with a TTL: not in frappe.local
	if cached is not None:
		return ReplicaVerdict(bool(cached.get("usable")), cached.get("reason") or "")
	verdict = replica_verdict(
		replica_status(), int(frappe.local.conf.get("replica_max_lag_seconds") or DEFAULT_MAX_LAG_SECONDS)
	)
	if not verdict.usable:
		frappe.logger("tiep_xuc_doi_thoai.replica").warning(f"reading from the primary: {verdict.reason}")
	frappe.cache.set_value(
		CACHE_KEY,
		{"usable": verdict.usable, "reason": verdict.reason},
		expires_in_sec=int(frappe.local.conf.get("replica_check_seconds") or 1),
	)
	return verdict


def replica_status() -> dict | None:
	"""One row of SHOW REPLICA STATUS from the replica (None if it does not answer in a second).

	The site's own credentials, as ``frappe.connect_replica`` uses them; SHOW REPLICA STATUS is
	not a query ``frappe.qb`` builds, and this connection must time out fast, which
	``frappe.database.get_db`` does not offer: pymysql (Frappe's driver) directly."""
	conf = frappe.local.conf
	user, password = conf.db_name, conf.db_password
	if conf.different_credentials_for_replica:
		user, password = conf.replica_db_name, conf.replica_db_password
	try:
		connection = pymysql.connect(
			host=conf.replica_host,
			port=int(conf.replica_db_port or 3306),
			user=user,
			password=password,
			connect_timeout=1,
			read_timeout=2,
			cursorclass=pymysql.cursors.DictCursor,
		)
	except pymysql.Error:
		return None
	try:
		with connection.cursor() as cursor:
			cursor.execute("SHOW SLAVE STATUS")
			return cursor.fetchone()
	except pymysql.Error:
		return None
	finally:
		connection.close()
