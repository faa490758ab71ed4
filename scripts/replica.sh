#!/usr/bin/env bash
# A read replica of one site's database, for real: a second Debian mariadbd on loopback that
# follows the primary by GTID replication, and the site told to read its reports from it.
#
#   scripts/replica.sh start  BENCH SITE [--datadir DIR] [--port 3317] [--enable-binlog]
#   scripts/replica.sh stop   BENCH SITE [--datadir DIR] [--port 3317]   (stops it, removes DIR and its
#                                                        replication user, unsets the site's keys)
#   scripts/replica.sh pause  ...   /  resume ...   (stop / start the replica's SQL thread: lag)
#   scripts/replica.sh status ...   (SHOW REPLICA STATUS, the interesting lines)
#
# start:
#  1. the primary (MariaDB on $PRIMARY_PORT, 3306) must keep a binary log. log_bin cannot be set
#     at run time: if it is OFF, with --enable-binlog this writes
#     /etc/mysql/mariadb.conf.d/60-tiep-replication.cnf and restarts the primary once; without it
#     the script exits 3 with the reason (a CI block counts that as "skipped").
#  2. a replication user on the primary (tiep_repl_PORT@127.0.0.1, REPLICATION SLAVE only).
#  3. a new datadir (mariadb-install-db), mariadbd on 127.0.0.1:PORT, read_only, its general
#     query log on (the proof of what it served), replicating only the site's database.
#  4. seeded from a consistent dump of the site's database (mariadb-dump --single-transaction
#     --gtid --master-data): the dump carries the GTID position the replica starts from.
#  5. the site's database user on the replica with SELECT only (and REPLICA MONITOR, so the app
#     can read the lag): a write sent there fails, it cannot land.
#  6. the site's config: read_from_replica, replica_host, replica_db_port (Frappe v15's names,
#     frappe/__init__.py connect_replica).
# Exit codes: 0 done, 3 cannot start here (reason printed), anything else a failure.
set -uo pipefail

CMD="${1:-}"; BENCH="${2:-}"; SITE="${3:-}"
[ -n "$CMD" ] && [ -n "$BENCH" ] && [ -n "$SITE" ] || { sed -n 2,10p "$0"; exit 2; }
shift 3
PORT=3317; DATADIR=""; ENABLE_BINLOG=0
while [ $# -gt 0 ]; do
	case "$1" in
		--port) PORT="$2"; shift 2 ;;
		--datadir) DATADIR="$2"; shift 2 ;;
		--enable-binlog) ENABLE_BINLOG=1; shift ;;
		*) echo "unknown option $1"; exit 2 ;;
	esac
done
DATADIR="${DATADIR:-/tmp/tiep-replica-$PORT}"
ROOT_PW="${FRAPPE_DB_ROOT_PASSWORD:-${DB_ROOT_PASSWORD:-root}}"
PRIMARY_HOST="${PRIMARY_HOST:-127.0.0.1}"
PRIMARY_PORT="${PRIMARY_PORT:-3306}"
SOCK="$DATADIR/mysqld.sock"
REPL_USER="tiep_repl_$PORT"  # one replication user per replica, dropped by stop
CONF="$BENCH/sites/$SITE/site_config.json"
PY="$BENCH/env/bin/python"

skip() { echo "replica: cannot start here: $*"; exit 3; }
die() { echo "replica: $*"; exit 1; }
primary() { mariadb -uroot -p"$ROOT_PW" -h"$PRIMARY_HOST" -P"$PRIMARY_PORT" --protocol=TCP -N -B "$@"; }
replica() { mariadb -uroot --socket="$SOCK" -N -B "$@"; }
replica_status() { mariadb -uroot --socket="$SOCK" -e "SHOW SLAVE STATUS\G"; }
site_conf() { "$PY" -c "import json,sys; print(json.load(open('$CONF')).get(sys.argv[1]) or '')" "$1"; }
set_site_conf() {
	# set (or, with the value "-", remove) keys in the site's config; the rest is left as it was
	"$PY" - "$CONF" "$@" <<'PY'
import json, sys
path, pairs = sys.argv[1], sys.argv[2:]
conf = json.load(open(path))
for key, value in zip(pairs[::2], pairs[1::2]):
	if value == "-":
		conf.pop(key, None)
	else:
		conf[key] = int(value) if value.isdigit() else value
with open(path, "w") as f:
	json.dump(conf, f, indent=1, sort_keys=True)
PY
}

[ -f "$CONF" ] || die "no site $SITE in $BENCH"
DB="$(site_conf db_name)"; DB_PW="$(site_conf db_password)"
[ -n "$DB" ] || die "site $SITE has no db_name"

start() {
	command -v mariadbd >/dev/null || skip "no mariadbd (Debian package mariadb-server)"
	command -v mariadb-install-db >/dev/null || skip "no mariadb-install-db"
	primary -e "SELECT 1" >/dev/null 2>&1 || skip "the primary MariaDB on $PRIMARY_HOST:$PRIMARY_PORT does not answer"
	if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		skip "port $PORT is taken (a replica already running? scripts/replica.sh stop ...)"
	fi

	# 1. the primary's binary log (restart it only on a clear "off", never on a failed read)
	local log_bin; log_bin="$(primary -e 'SELECT @@log_bin' 2>/dev/null)"
	[ -n "$log_bin" ] || skip "could not read the primary's log_bin"
	if [ "$log_bin" != "1" ]; then
		if [ "$ENABLE_BINLOG" -ne 1 ]; then
			skip "the primary has no binary log (log_bin=OFF, not settable at run time); rerun with --enable-binlog to write /etc/mysql/mariadb.conf.d/60-tiep-replication.cnf and restart it once"
		fi
		cat > /etc/mysql/mariadb.conf.d/60-tiep-replication.cnf <<'EOF'
# written by tiep_xuc_doi_thoai scripts/replica.sh: the primary keeps a binary log so that a
# replica can follow it (GTID replication). log_bin cannot be set at run time: a restart reads it.
[mysqld]
server_id        = 1
log_bin          = mariadb-bin
binlog_format    = ROW
expire_logs_days = 2
max_binlog_size  = 100M
EOF
		echo "replica: restarting the primary once to turn its binary log on"
		service mariadb restart >/dev/null 2>&1 || skip "could not restart the primary"
		for _ in $(seq 1 30); do primary -e "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
		[ "$(primary -e 'SELECT @@log_bin')" = "1" ] || skip "the primary's binary log is still off"
	fi
	local primary_id; primary_id="$(primary -e 'SELECT @@server_id')"
	[ "$primary_id" != "0" ] || primary -e "SET GLOBAL server_id = 1"
	# ROW events carry the rows themselves: the safest format for a filtered replica
	[ "$(primary -e 'SELECT @@binlog_format')" = "ROW" ] || primary -e "SET GLOBAL binlog_format = 'ROW'"

	# 2. the replication user
	mkdir -p "$DATADIR" || die "cannot create $DATADIR"
	local repl_pw; repl_pw="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
	primary -e "CREATE USER IF NOT EXISTS '$REPL_USER'@'127.0.0.1' IDENTIFIED BY '$repl_pw';
		ALTER USER '$REPL_USER'@'127.0.0.1' IDENTIFIED BY '$repl_pw';
		GRANT REPLICATION SLAVE ON *.* TO '$REPL_USER'@'127.0.0.1';" || die "cannot create the replication user"

	# 3. the replica's own server
	[ -d "$DATADIR/mysql" ] && die "$DATADIR already holds a database; stop the old replica first"
	chown mysql:mysql "$DATADIR" 2>/dev/null || true
	mariadb-install-db --no-defaults --datadir="$DATADIR" --user=mysql --skip-test-db \
		--auth-root-authentication-method=socket >"$DATADIR/install.log" 2>&1 \
		|| { tail -5 "$DATADIR/install.log"; die "mariadb-install-db failed"; }
	local server_id=$((2000 + PORT % 1000))
	setsid mariadbd --no-defaults --user=mysql --datadir="$DATADIR" --port="$PORT" \
		--bind-address=127.0.0.1 --socket="$SOCK" --pid-file="$DATADIR/mysqld.pid" \
		--log-error="$DATADIR/error.log" --server-id="$server_id" --read-only=ON --skip-slave-start \
		--relay-log="$DATADIR/relay-bin" --skip-log-bin \
		--replicate-wild-do-table="$DB.%" \
		--general-log=ON --general-log-file="$DATADIR/general.log" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--character-set-client-handshake=FALSE \
		--innodb-buffer-pool-size=128M --innodb-log-file-size=48M --max-connections=200 \
		>/dev/null 2>&1 < /dev/null &
	for _ in $(seq 1 60); do replica -e "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
	replica -e "SELECT 1" >/dev/null 2>&1 || { tail -20 "$DATADIR/error.log"; die "the replica's mariadbd did not start"; }
	echo "replica: mariadbd on 127.0.0.1:$PORT (datadir $DATADIR, pid $(cat "$DATADIR/mysqld.pid"))"

	# 4. seed: a consistent dump that carries its GTID position
	mariadb-dump -uroot -p"$ROOT_PW" -h"$PRIMARY_HOST" -P"$PRIMARY_PORT" --protocol=TCP \
		--single-transaction --gtid --master-data=1 --routines --triggers --databases "$DB" \
		>"$DATADIR/seed.sql" 2>"$DATADIR/seed.err" || { cat "$DATADIR/seed.err"; die "the dump failed"; }
	local gtid; gtid="$(grep -oE "gtid_slave_pos='[^']*'" "$DATADIR/seed.sql" | head -1)"
	[ -n "$gtid" ] || die "the dump carries no GTID position"
	replica <"$DATADIR/seed.sql" || die "loading the dump into the replica failed"
	rm -f "$DATADIR/seed.sql"
	replica -e "CHANGE MASTER TO MASTER_HOST='$PRIMARY_HOST', MASTER_PORT=$PRIMARY_PORT,
		MASTER_USER='$REPL_USER', MASTER_PASSWORD='$repl_pw', MASTER_USE_GTID=slave_pos,
		MASTER_CONNECT_RETRY=2; START SLAVE;" || die "could not start replication"
	echo "replica: seeded from $DB at $gtid, replicating"

	# 5. the site's user: reads only
	replica -e "CREATE USER IF NOT EXISTS '$DB'@'127.0.0.1' IDENTIFIED BY '$DB_PW';
		CREATE USER IF NOT EXISTS '$DB'@'localhost' IDENTIFIED BY '$DB_PW';
		GRANT SELECT, SHOW VIEW ON \`$DB\`.* TO '$DB'@'127.0.0.1', '$DB'@'localhost';
		GRANT SLAVE MONITOR ON *.* TO '$DB'@'127.0.0.1', '$DB'@'localhost';" \
		|| die "could not create the site's user on the replica"

	for _ in $(seq 1 30); do
		[ "$(replica_status | grep -cE "Slave_(IO|SQL)_Running: Yes")" -eq 2 ] && break
		sleep 1
	done
	[ "$(replica_status | grep -cE "Slave_(IO|SQL)_Running: Yes")" -eq 2 ] \
		|| { replica_status | grep -E "Running|Error"; die "replication did not start"; }

	# 6. the site reads its reports from here
	set_site_conf read_from_replica 1 replica_host 127.0.0.1 replica_db_port "$PORT"
	echo "replica: $SITE now has read_from_replica=1, replica_host=127.0.0.1, replica_db_port=$PORT"
}

stop() {
	# the site first: it must not point at a replica that is going away
	set_site_conf read_from_replica - replica_host - replica_db_port -
	if [ -f "$DATADIR/mysqld.pid" ]; then
		local pid; pid="$(cat "$DATADIR/mysqld.pid")"
		replica -e "STOP SLAVE" >/dev/null 2>&1 || true
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
	fi
	primary -e "DROP USER IF EXISTS '$REPL_USER'@'127.0.0.1'" 2>/dev/null || true
	case "$DATADIR" in
		/tmp/*|"$BENCH"/*) rm -rf "$DATADIR" ;;
		*) [ -f "$DATADIR/install.log" ] && rm -rf "$DATADIR" ;;
	esac
	echo "replica: stopped, $DATADIR removed, $SITE reads from the primary again"
}

case "$CMD" in
	start) start ;;
	stop) stop ;;
	pause) replica -e "STOP SLAVE SQL_THREAD" && echo "replica: SQL thread stopped (it falls behind)" ;;
	resume) replica -e "START SLAVE SQL_THREAD" && echo "replica: SQL thread started" ;;
	status) replica_status | grep -E "Running|Seconds_Behind|Gtid_IO_Pos|Last_.*Error:" ;;
	*) echo "unknown command $CMD"; exit 2 ;;
esac
