#!/usr/bin/env bash
# The replica tier: bring a replica up for SITE (scripts/replica.sh), prove through the app's
# request path what reads from it and that writes stay on the primary, make it fall behind and
# then kill it (the primary serves, nothing fails), and always stop it and clean up.
#   scripts/replica_check.sh BENCH SITE [--port 3317] [--datadir DIR] [--enable-binlog]
# Prints "ok ..." / "FAIL ..." per check and "replica checks: N passed, N failed".
# Exit 0 all passed, 3 skipped (the reason is printed), 1 a check failed.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; REPO="$(dirname "$HERE")"
BENCH="${1:?bench}"; SITE="${2:?site}"; shift 2
PORT=3317; DATADIR=""; EXTRA=()
while [ $# -gt 0 ]; do
	case "$1" in
		--port) PORT="$2"; shift 2 ;;
		--datadir) DATADIR="$2"; shift 2 ;;
		--enable-binlog) EXTRA+=(--enable-binlog); shift ;;
		*) echo "unknown option $1"; exit 2 ;;
	esac
done
DATADIR="${DATADIR:-/tmp/tiep-replica-check-$PORT}"
ARGS=("$BENCH" "$SITE" --port "$PORT" --datadir "$DATADIR")

cleanup() { bash "$HERE/replica.sh" stop "${ARGS[@]}"; }
bash "$HERE/replica.sh" start "${ARGS[@]}" "${EXTRA[@]}"
rc=$?
if [ "$rc" -eq 3 ]; then echo "replica checks: skipped"; exit 3; fi
if [ "$rc" -ne 0 ]; then cleanup; echo "FAIL the replica did not start"; echo "replica checks: 0 passed, 1 failed"; exit 1; fi
trap cleanup EXIT
cd "$BENCH/sites" || exit 1
PYTHONPATH="$REPO${PYTHONPATH:+:$PYTHONPATH}" "$BENCH/env/bin/python" "$HERE/replica_check.py" \
	"$SITE" "$DATADIR" "$HERE/replica.sh" "$BENCH"
