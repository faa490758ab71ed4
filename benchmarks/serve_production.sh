#!/usr/bin/env bash
# Serve a site the way production does, on loopback, for benchmarks/load.py:
#   gunicorn (frappe.app:application, workers = 2 x cores + 1, or $WORKERS), two RQ workers
#   (short+default, and long), the scheduler off (a benchmark does not want cron jobs), and
#   Frappe's socket.io server (node apps/frappe/socketio.js) on a unix socket.
#
#   benchmarks/serve_production.sh start BENCH SITE [PORT]   (default port 8170)
#   benchmarks/serve_production.sh stop  BENCH SITE [PORT]
#
# The app's code is this checkout (PYTHONPATH), whatever apps/tiep_xuc_doi_thoai points at.
# The RQ queue is its own: a redis-server on 127.0.0.1:PORT+2, and every process runs from
# $RUN_DIR/sites, a sites folder whose common_site_config.json points redis_queue there (the
# site itself, apps.txt and assets are links to the bench's). Frappe's workers read the queue
# from common_site_config.json only, and a bench's queue is shared by all its sites: without
# this, these workers would run other sites' jobs and the bench's workers this site's.
# Every process is started in its own session; their ids are kept in $RUN_DIR/*.pid and stop
# ends exactly those process groups. Logs are in $RUN_DIR.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; REPO="$(dirname "$HERE")"
CMD="${1:?start|stop}"; BENCH="${2:?bench}"; SITE="${3:?site}"; PORT="${4:-8170}"
RUN_DIR="${RUN_DIR:-/tmp/tiep-prod-$PORT}"
CORES="$(nproc 2>/dev/null || echo 2)"
WORKERS="${WORKERS:-$((2 * CORES + 1))}"
SOCKET="$RUN_DIR/socketio.sock"
QUEUE_PORT="${QUEUE_PORT:-$((PORT + 2))}"
SITES="$RUN_DIR/sites"
export PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}"

start_one() {
	# name, then the command; run in the bench's sites folder, in a new session
	local name="$1"; shift
	(cd "$SITES" && exec setsid "$@" >"$RUN_DIR/$name.log" 2>&1 < /dev/null) &
	echo $! >"$RUN_DIR/$name.pid"
}

descendants() {
	# every process below $1 (an RQ work horse calls setsid: it leaves its worker's group)
	local child
	for child in $(cat "/proc/$1/task/"*/children 2>/dev/null); do
		echo "$child"; descendants "$child"
	done
}

stop_all() {
	local f
	for f in $(ls "$RUN_DIR"/*.pid 2>/dev/null | grep -v redis-queue) "$RUN_DIR/redis-queue.pid"; do  # the queue last
		[ -f "$f" ] || continue
		local pid below; pid="$(cat "$f")"
		below="$(descendants "$pid")"
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
		kill -KILL -- "-$pid" 2>/dev/null || true
		for p in $below; do kill -KILL "$p" 2>/dev/null || true; done
		rm -f "$f"
	done
	rm -f "$SOCKET"
	rm -rf "$SITES"
}

case "$CMD" in
	start)
		[ -d "$BENCH/sites/$SITE" ] || { echo "no site $SITE"; exit 1; }
		if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "port $PORT is taken"; exit 1; fi
		mkdir -p "$RUN_DIR"; stop_all
		rm -rf "$SITES"; mkdir -p "$SITES" "$RUN_DIR/logs"  # Frappe logs to sites/../logs
		for f in apps.txt apps.json assets "$SITE"; do
			[ -e "$BENCH/sites/$f" ] && ln -s "$BENCH/sites/$f" "$SITES/$f"
		done
		"$BENCH/env/bin/python" - "$BENCH/sites/common_site_config.json" "$SITES/common_site_config.json" \
			"redis://127.0.0.1:$QUEUE_PORT" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1]))
conf["redis_queue"] = sys.argv[3]
json.dump(conf, open(sys.argv[2], "w"), indent=1)
PY
		start_one redis-queue redis-server --port "$QUEUE_PORT" --bind 127.0.0.1 --save "" --appendonly no
		for _ in $(seq 1 20); do redis-cli -p "$QUEUE_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
		start_one gunicorn "$BENCH/env/bin/gunicorn" --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
			--timeout 120 --graceful-timeout 10 --worker-tmp-dir /dev/shm --preload frappe.app:application
		start_one worker-short "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe --site "$SITE" \
			worker --queue short,default
		start_one worker-long "$BENCH/env/bin/python" -m frappe.utils.bench_helper frappe --site "$SITE" \
			worker --queue long,default,short
		FRAPPE_BENCH_ROOT="$BENCH" FRAPPE_SOCKETIO_UDS="$SOCKET" start_one socketio node "$BENCH/apps/frappe/socketio.js"
		up=0
		for _ in $(seq 1 120); do
			code=$(curl -s -o /dev/null -w "%{http_code}" -H "Host: $SITE" "http://127.0.0.1:$PORT/api/method/ping")
			[ "$code" = "200" ] && { up=1; break; }
			sleep 0.5
		done
		[ "$up" -eq 1 ] || { echo "gunicorn did not answer"; tail -20 "$RUN_DIR/gunicorn.log"; stop_all; exit 1; }
		echo "serving $SITE on http://127.0.0.1:$PORT: gunicorn $WORKERS workers ($CORES cores), RQ workers (short+default, long), own RQ queue on 127.0.0.1:$QUEUE_PORT, socket.io on $SOCKET; logs in $RUN_DIR"
		;;
	stop)
		stop_all; echo "stopped (the processes started from $RUN_DIR)" ;;
	*) echo "start|stop"; exit 2 ;;
esac
