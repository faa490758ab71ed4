#!/usr/bin/env bash
# Frappe CRM and this app on one site: a good neighbour in the office suite.
#
#   CRM_SOURCE=/path/to/crm bash scripts/crm_coexistence.sh [BENCH_DIR]
#
# CRM_SOURCE is any git URL or clone of frappe/crm; it is needed only while the bench has no
# `crm` app. Without either the check is skipped, saying why. When the bench has no `crm` app
# yet, CRM_REF (default main) is fetched once with `bench get-app` (which builds CRM's /crm UI
# with yarn from the npm registry); later runs reuse the bench's crm as it is. CRM's main
# follows Frappe's latest v15 release: on Frappe 15.55.1 CRM main (1.81.1) fails to import
# (frappe.desk.form.assign_to._add) and so does v1.70.0 (frappe.pulse, from crm/api/doc.py);
# on an older v15 bench use a CRM release of its time (CRM_REF) or update Frappe: on 15.55.1,
# CRM_REF=v1.56.0 imports and runs (its onboarding panel asks frappe.onboarding, which 15.55.1
# lacks: the browser part runs CRM's screens first with CRM alone and judges this app only on
# what differs, see scripts/crm_browser_check.py).
#
# On two throwaway sites it installs both apps in both orders (crm then this app, this app
# then crm), migrates, checks that no DocType, Role, Workspace, Number Card, Report, Page or
# route is shipped by both (tests/crm_coexistence.py), that this app's hooks are the site's
# hooks, then drives CRM's own /crm screens in headless Chromium as a CRM salesperson
# (scripts/crm_browser_check.py: leads list, a new lead, a comment and an attachment on it),
# first on the site with CRM alone (the baseline), then with this app installed too,
# and uninstalls each app with the other present. Last, it checks that no line of this app's
# vi.csv without a context changes a word Frappe or CRM shows (scripts/vi_csv_collisions.py).
#
# Prints "ok <check>" / "FAIL <check>" per check and ends with "N passed, N failed".
set -uo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
APP=tiep_xuc_doi_thoai
BENCH="${1:-${FRAPPE_BENCH:-/opt/frappe-bench}}"
BENCH_CLI="${BENCH_CLI:-$(command -v bench || echo "$BENCH/env/bin/bench")}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-${FRAPPE_DB_ROOT_PASSWORD:-root}}"
SITE_A="${CRM_SITE_A:-tiep-crm-a.localhost}"  # crm first, then this app
SITE_B="${CRM_SITE_B:-tiep-crm-b.localhost}"  # this app first, then crm
PORT="${CRM_PORT:-8095}"
SHOTS="${CRM_SCREENSHOTS:-/tmp/tiep-crm-screenshots}"
PYTHON="${BROWSER_PYTHON:-$REPO/.venv/bin/python}"
PASSED=0; FAILED=0; SERVER_PID=""; LOG=$(mktemp -d)

ok() { echo "ok $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }
check() {  # check "<what>" command...: one counted check, its output kept in the log
	local what="$1"; shift
	if "$@" >"$LOG/step" 2>&1; then ok "$what"; else fail "$what"; tail -15 "$LOG/step" | sed 's/^/    /'; fi
}
finish() {
	stop_server
	[ -n "${CRM_KEEP_SITES:-}" ] || for site in "$SITE_A" "$SITE_B"; do drop "$site"; done
	rm -rf "$LOG"
	echo "crm coexistence: $PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit $?
}
stop_server() {
	if [ -n "$SERVER_PID" ]; then
		kill -- "-$SERVER_PID" 2>/dev/null || kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
		SERVER_PID=""
	fi
}
drop() { (cd "$BENCH" && "$BENCH_CLI" drop-site "$1" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD") >/dev/null 2>&1 || true; }
b() { (cd "$BENCH" && "$BENCH_CLI" --site "$1" "${@:2}"); }

if [ -z "${CRM_SOURCE:-}" ] && [ ! -d "$BENCH/apps/crm" ]; then
	echo "SKIPPED: no Frappe CRM source (no apps/crm in the bench; set CRM_SOURCE to a clone or git URL of frappe/crm)"
	echo "crm coexistence: 0 passed, 0 failed"
	exit 0
fi
if [ ! -x "$BENCH/env/bin/python" ]; then
	echo "SKIPPED: no Frappe bench at $BENCH"
	echo "crm coexistence: 0 passed, 0 failed"
	exit 0
fi
trap finish EXIT

# -- CRM in the bench, once ----------------------------------------------------------------
if [ ! -d "$BENCH/apps/crm" ]; then
	# bench names the app after the clone's folder: give it a folder named crm.
	src="$LOG/src/crm"
	if git clone -q --branch "${CRM_REF:-main}" "$CRM_SOURCE" "$src" >"$LOG/clone" 2>&1; then
		check "bench get-app crm ${CRM_REF:-main} (builds /crm with yarn from the npm registry)" \
			bash -c "cd '$BENCH' && '$BENCH_CLI' get-app '$src' --branch '${CRM_REF:-main}'"
	else
		fail "clone $CRM_SOURCE"; cat "$LOG/clone"
	fi
fi
[ -d "$BENCH/apps/crm" ] || exit 1
echo "crm in the bench: $(git -C "$BENCH/apps/crm" describe --tags 2>/dev/null || echo unknown), Frappe $(cd "$BENCH" && ./env/bin/python -c 'import frappe; print(frappe.__version__)')"

# CRM's code must import on this Frappe: a CRM release newer than the bench's Frappe imports
# names Frappe does not have yet (CRM 1.81 needs frappe.desk.form.assign_to._add, 1.70 needs
# frappe.pulse; Frappe 15.55 has neither). Then the coexistence cannot be judged here: say so.
if ! incompatible=$(cd "$BENCH/sites" && ../env/bin/python - <<'PY' 2>&1
import importlib
import pkgutil
import sys

import crm

missing = []
for module in pkgutil.walk_packages(crm.__path__, "crm."):
	if ".test_" in module.name or module.name.endswith(".tests"):
		continue
	try:
		importlib.import_module(module.name)
	except ImportError as error:
		if "frappe" in str(error):
			missing.append(f"{module.name}: {error}")
	except Exception:
		pass  # a module that needs a site to import is not a version mismatch
if missing:
	print("; ".join(missing[:3]))
	sys.exit(1)
PY
); then
	incompatible=$(grep -v "Warning\|^  " <<<"$incompatible" | tail -1)
	echo "SKIPPED: the bench's crm ($(git -C "$BENCH/apps/crm" describe --tags 2>/dev/null || echo unknown)) does not run on Frappe $(cd "$BENCH" && ./env/bin/python -c 'import frappe; print(frappe.__version__)'): ${incompatible:0:300}"
	echo "crm coexistence: 0 passed, 0 failed"
	trap - EXIT; rm -rf "$LOG"
	exit 0
fi
if [ -f "$BENCH/apps/crm/crm/www/crm.html" ] && [ -d "$BENCH/apps/crm/crm/public/frontend/assets" ]; then
	ok "CRM's /crm UI is built"
else
	fail "CRM's /crm UI is not built (apps/crm/crm/public/frontend)"
fi

new_site() {
	drop "$1"
	(cd "$BENCH" && "$BENCH_CLI" new-site "$1" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--mariadb-user-host-login-scope=%) || return 1
	grep -q " $1\$" /etc/hosts 2>/dev/null || echo "127.0.0.1 $1" >>/etc/hosts 2>/dev/null || true
}

browser() {  # browser <site> <label> [extra args]: CRM's screens as a salesperson
	local site="$1" label="$2"; shift 2
	# not `bench execute`: on the CRM-alone baseline this app is not installed on the site
	check "$site: a CRM salesperson" bash -c "cd '$BENCH/sites' && ../env/bin/python -c \"
import frappe
frappe.init(site='$site', sites_path='.')
frappe.connect()
from $APP.tests.crm_coexistence import make_crm_user
make_crm_user()
\""
	(cd "$BENCH" && exec setsid "$BENCH_CLI" --site "$site" serve --port "$PORT" --noreload >"$LOG/serve" 2>&1) &
	SERVER_PID=$!
	local up=0
	for _ in $(seq 1 90); do
		curl -s -o /dev/null "http://$site:$PORT/login" && { up=1; break; }
		sleep 1
	done
	if [ "$up" -ne 1 ]; then fail "$site: the web server did not start"; tail -20 "$LOG/serve"; stop_server; return; fi
	if ! "$PYTHON" -c "import selenium" >/dev/null 2>&1; then
		{ [ -x "$REPO/.venv/bin/python" ] || python3 -m venv "$REPO/.venv"; } && "$REPO/.venv/bin/pip" install -q -e "$REPO[browser]" >/dev/null 2>&1
		PYTHON="$REPO/.venv/bin/python"
	fi
	# the comment method the installed CRM's own comment box calls (it changed between releases)
	local comment_method
	comment_method=$(grep -rhoE "call\('[a-z_.]+\.add_comment'" "$BENCH/apps/crm/frontend/src" 2>/dev/null | head -1 | cut -d"'" -f2)
	"$PYTHON" "$REPO/scripts/crm_browser_check.py" "http://$site:$PORT" "$SHOTS/$label" \
		--comment-method "${comment_method:-frappe.desk.form.utils.add_comment}" "$@" >"$LOG/browser" 2>&1
	local rc=$?
	if [ "$label" = crm-alone ]; then  # the baseline: shown, not counted
		grep -E "^(ok|FAIL) |^       " "$LOG/browser" | sed "s/^\(ok\|FAIL\) /baseline, CRM alone, \1: /"
		stop_server
		return
	fi
	grep -E "^(ok|FAIL) |^       " "$LOG/browser" | sed "s/^\(ok\|FAIL\) /\1 $site ($label): /"
	PASSED=$((PASSED + $(grep -cE "^ok " "$LOG/browser"))); FAILED=$((FAILED + $(grep -cE "^FAIL " "$LOG/browser")))
	if [ "$rc" -ne 0 ] && ! grep -qE "^FAIL " "$LOG/browser"; then fail "$site: browser check stopped"; tail -20 "$LOG/browser"; fi
	local lead; lead=$(grep -oE "^lead: .*" "$LOG/browser" | tail -1 | cut -d" " -f2)
	if [ -n "$lead" ]; then
		check "$site ($label): the lead's comment and attachment are stored, owned by the salesperson" bash -c \
			"cd '$BENCH' && '$BENCH_CLI' --site '$site' execute $APP.tests.crm_coexistence.lead_trail --args '[\"$lead\"]' \
			| tail -1 | grep -q 'crm-user@example.com.*crm-user@example.com'"
	fi
	stop_server
}

both_installed() {  # what to check while both apps are on the site
	local site="$1"
	check "$site: migrate" b "$site" migrate
	check "$site: no DocType, Role, Workspace, Number Card, Report, Page or route clash" \
		b "$site" execute "$APP.tests.crm_coexistence.assert_no_clash"
	check "$site: this app's hooks are active (whitelisted overrides, before_request, File/Comment/Communication/Version)" \
		b "$site" execute "$APP.tests.crm_coexistence.assert_hooks_active"
}

# -- this app, then crm ----------------------------------------------------------------------
echo "-- $SITE_B: $APP, then crm"
check "$SITE_B: new site" new_site "$SITE_B"
check "$SITE_B: install $APP" b "$SITE_B" install-app "$APP"
check "$SITE_B: install crm after $APP" b "$SITE_B" install-app crm
both_installed "$SITE_B"
check "$SITE_B: uninstall crm, $APP stays" b "$SITE_B" uninstall-app crm --yes --no-backup
check "$SITE_B: $APP still whole after crm left" bash -c \
	"cd '$BENCH' && '$BENCH_CLI' --site '$SITE_B' execute $APP.tests.ci.snapshot | tail -1 | grep -q ."
check "$SITE_B: migrate with $APP alone" b "$SITE_B" migrate
check "$SITE_B: uninstall $APP" b "$SITE_B" uninstall-app "$APP" --yes --no-backup
[ -n "${CRM_KEEP_SITES:-}" ] || drop "$SITE_B"

# -- crm, then this app ----------------------------------------------------------------------
echo "-- $SITE_A: crm, then $APP"
check "$SITE_A: new site" new_site "$SITE_A"
check "$SITE_A: install crm" b "$SITE_A" install-app crm
# CRM's screens first with CRM alone: what they show on this Frappe without this app is the
# baseline (a CRM of a newer Frappe calls endpoints this Frappe lacks); then with this app.
browser "$SITE_A" crm-alone --record "$LOG/crm-alone-problems"
check "$SITE_A: install $APP after crm" b "$SITE_A" install-app "$APP"
both_installed "$SITE_A"
browser "$SITE_A" with-$APP --baseline "$LOG/crm-alone-problems"
check "$SITE_A: uninstall $APP, crm stays" b "$SITE_A" uninstall-app "$APP" --yes --no-backup
check "$SITE_A: nothing of $APP is left" bash -c "cd '$BENCH/sites' && ../env/bin/python -c \"
import frappe
frappe.init(site='$SITE_A', sites_path='.')
frappe.connect()
from $APP.tests.ci import assert_uninstalled
assert_uninstalled()
assert 'crm' in frappe.get_installed_apps()
assert frappe.db.exists('DocType', 'CRM Lead')
\""
check "$SITE_A: migrate with crm alone" b "$SITE_A" migrate
[ -n "${CRM_KEEP_SITES:-}" ] || drop "$SITE_A"

# -- translations ------------------------------------------------------------------------------
check "vi.csv: no line without a context changes a word of Frappe or CRM" \
	python3 "$REPO/scripts/vi_csv_collisions.py" "$REPO/$APP/translations/vi.csv" \
	"$BENCH/apps/frappe/frappe" "$BENCH/apps/crm/crm" "$BENCH/apps/crm/frontend/src"
