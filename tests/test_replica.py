"""core/replica.py: the replica serves only while it replicates and is close behind."""

from tiep_xuc_doi_thoai.core.replica import replica_verdict


def status(io: str = "Yes", sql: str = "Yes", lag: object = 0) -> dict:
	return {"Slave_IO_Running": io, "Slave_SQL_Running": sql, "Seconds_Behind_Master": lag}


def test_healthy_replica_serves() -> None:
	assert replica_verdict(status(lag=3), max_lag=10).usable


def test_no_answer_falls_back() -> None:
	verdict = replica_verdict(None)
	assert not verdict.usable and "does not answer" in verdict.reason


def test_stopped_sql_thread_falls_back() -> None:
	assert not replica_verdict(status(sql="No", lag=None)).usable


def test_lost_primary_falls_back() -> None:
	assert not replica_verdict(status(io="Connecting", lag=0)).usable


def test_lag_over_the_limit_falls_back() -> None:
	assert replica_verdict(status(lag=10), max_lag=10).usable
	verdict = replica_verdict(status(lag=11), max_lag=10)
	assert not verdict.usable and "11 s behind" in verdict.reason


def test_unknown_lag_falls_back() -> None:
	assert not replica_verdict(status(lag=None)).usable
