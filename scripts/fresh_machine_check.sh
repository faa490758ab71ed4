#!/usr/bin/env bash
# The README's first command, proven: scripts/setup.sh from FRAPPE_SOURCE into a throwaway
# folder, every role logged in by the browser check, setup.sh a second time (nothing changes),
# then the server stopped and the folder removed. `.ci/run` runs it when it finds no bench but a
# Frappe source (FRAPPE_SOURCE); it can be run by hand the same way:
#   FRAPPE_SOURCE=/path/to/frappe bash scripts/fresh_machine_check.sh [BENCH_DIR]
# BENCH_DIR must not exist (default: a new temporary folder). bench picks free ports for a
# bench beside another one (same parent folder), so to try it next to an existing bench give a
# sibling path, e.g. /opt/tiep-fresh-bench next to /opt/frappe-bench.
# Prints one "ok ..." or "FAIL ..." line per check and "fresh machine: N passed, N failed".
set -uo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
: "${FRAPPE_SOURCE:?set FRAPPE_SOURCE to the git source of Frappe (a URL or a local clone)}"
if [ -n "${1:-}" ]; then
	BENCH_DIR="$1"; WORK="$BENCH_DIR"
	[ -e "$BENCH_DIR" ] && { echo "$BENCH_DIR exists: give a path that does not"; exit 2; }
else
	WORK="$(mktemp -d /tmp/tiep-fresh.XXXXXX)"; BENCH_DIR="$WORK/frappe-bench"
fi
SITE="${FRESH_SITE:-tiep-fresh.localhost}"
SHOTS="${FRESH_SCREENSHOTS:-/tmp/tiep-fresh-screenshots}"
PASSED=0; FAILED=0
ok() { echo "ok $*"; PASSED=$((PASSED + 1)); }
bad() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }

cleanup() {
	if [ -f "$BENCH_DIR/logs/bench-start.pid" ]; then
		kill -- "-$(cat "$BENCH_DIR/logs/bench-start.pid")" 2>/dev/null || true
		sleep 2
	fi
	if [ -d "$BENCH_DIR/sites/$SITE" ]; then
		(cd "$BENCH_DIR" && "$HOME/.local/share/frappe-bench-cli/bin/bench" drop-site "$SITE" --force --no-backup \
			--db-root-password "${FRAPPE_DB_ROOT_PASSWORD:-root}" >/dev/null 2>&1) || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

started=$SECONDS
if bash "$REPO/scripts/setup.sh" "$BENCH_DIR" "$SITE" >"$WORK.setup1.log" 2>&1; then
	url=$(tail -1 "$WORK.setup1.log")
	ok "setup.sh from a bare folder in $((SECONDS - started)) s; last line: $url"
else
	bad "setup.sh failed:"; grep -v "WARNING: Location" "$WORK.setup1.log" | tail -30
	echo "fresh machine: $PASSED passed, $FAILED failed"; exit 1
fi
grep -q '"frappetiep\|^frappetiep' "$BENCH_DIR/sites/apps.txt" && bad "apps.txt has a glued line" || ok "apps.txt is one app a line"

base="${url%/app/*}"
grep -qE "[[:space:]]$SITE\$" /etc/hosts 2>/dev/null || echo "127.0.0.1 $SITE" >>/etc/hosts 2>/dev/null || true
(cd "$REPO" && [ -x .venv/bin/python ] || python3 -m venv .venv) && "$REPO/.venv/bin/pip" install -q -e "$REPO[browser]" >/dev/null 2>&1
if "$REPO/.venv/bin/python" "$REPO/scripts/browser_check.py" "$base" "$SHOTS" >"$WORK.browser.log" 2>&1; then
	ok "browser check: $(grep -E '^browser checks: ' "$WORK.browser.log" | tail -1)"
else
	bad "browser check: $(grep -E '^browser checks: ' "$WORK.browser.log" | tail -1)"; tail -20 "$WORK.browser.log"
fi

before=$(cd "$BENCH_DIR" && "$HOME/.local/share/frappe-bench-cli/bin/bench" --site "$SITE" execute tiep_xuc_doi_thoai.tests.ci.snapshot 2>/dev/null | tail -1)
if bash "$REPO/scripts/setup.sh" "$BENCH_DIR" "$SITE" >"$WORK.setup2.log" 2>&1; then
	after=$(cd "$BENCH_DIR" && "$HOME/.local/share/frappe-bench-cli/bin/bench" --site "$SITE" execute tiep_xuc_doi_thoai.tests.ci.snapshot 2>/dev/null | tail -1)
	if [ -n "$before" ] && [ "$before" = "$after" ] && grep -q "already served" "$WORK.setup2.log"; then
		ok "setup.sh a second time changed nothing (snapshot $after)"
	else
		bad "setup.sh a second time changed the site or restarted the server ($before / $after)"
	fi
else
	bad "setup.sh failed the second time"; tail -20 "$WORK.setup2.log"
fi
rm -f "$WORK".*.log
echo "fresh machine: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
