"""When a read replica may serve the site's reads.

Frappe v15 sends the reads made under ``@frappe.read_only()`` (query reports, list views, the
app's Excel registers) to the replica when the site has ``read_from_replica``; it does not look
at the replica's health. This is the one rule the app adds: the replica serves only while both
replication threads run and it is at most ``max_lag`` seconds behind; otherwise the primary
serves (a primary read, never a stale one and never a failed request).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_MAX_LAG_SECONDS = 10


@dataclass(frozen=True)
class ReplicaVerdict:
	usable: bool
	reason: str  # for the log: why the primary serves instead


def replica_verdict(
	status: Mapping[str, object] | None, max_lag: int = DEFAULT_MAX_LAG_SECONDS
) -> ReplicaVerdict:
	"""``status`` is one row of ``SHOW REPLICA STATUS`` (None: no answer, or not a replica)."""
	if status is None:
		return ReplicaVerdict(False, "the replica does not answer, or is not replicating")
	io_running = str(status.get("Slave_IO_Running") or "")
	sql_running = str(status.get("Slave_SQL_Running") or "")
	if sql_running != "Yes":
		return ReplicaVerdict(False, "the replica's SQL thread is stopped: it falls behind")
	if io_running != "Yes":
		return ReplicaVerdict(False, "the replica has lost the primary: how far behind it is, is unknown")
	lag = status.get("Seconds_Behind_Master")
	if lag is None:
		return ReplicaVerdict(False, "the replica does not know its lag")
	if int(str(lag)) > max_lag:
		return ReplicaVerdict(False, f"the replica is {lag} s behind (more than {max_lag} s)")
	return ReplicaVerdict(True, "")
