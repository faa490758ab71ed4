#!/usr/bin/env bash
# The main job in one command, on a machine that already has a Frappe v15 bench:
#   bash scripts/demo.sh /path/to/frappe-bench [site]
# Links this checkout into the bench as an app, creates the demo site, completes Frappe's
# setup wizard on it (Vietnamese, Vietnam, Asia/Ho_Chi_Minh, VND, the commune's name), installs
# the app, loads the demo data set and prints where to open the workspace.
#
# It only works on a site it created itself (marked with "tiep_xuc_doi_thoai_demo_site" in the
# site's site_config.json): an existing site is never touched, since the demo adds users with
# a known password. Run it again on its own site: it migrates and reloads nothing that exists.
# Nothing here builds Frappe: see https://frappeframework.com/docs/user/en/installation
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${1:?usage: scripts/demo.sh /path/to/frappe-bench [site]}"
SITE="${2:-tiep.localhost}"
APP=tiep_xuc_doi_thoai
MARK=tiep_xuc_doi_thoai_demo_site
DB_ROOT_PASSWORD="${FRAPPE_DB_ROOT_PASSWORD:-root}"

fail() { echo "demo.sh: $*" >&2; exit 1; }

[ -d "$BENCH" ] || fail "$BENCH does not exist. Give the path of a Frappe v15 bench (the folder with apps/ and sites/)."
BENCH="$(cd "$BENCH" && pwd)"
[ -d "$BENCH/apps/frappe" ] && [ -d "$BENCH/sites" ] && [ -x "$BENCH/env/bin/python" ] \
	|| fail "$BENCH is not a Frappe bench (no apps/frappe, sites/ or env/). Nothing was changed."
BENCH_CLI="$(command -v bench || true)"
# scripts/setup.sh installs the CLI in its own virtualenv
[ -n "$BENCH_CLI" ] || { [ -x "$HOME/.local/share/frappe-bench-cli/bin/bench" ] && BENCH_CLI="$HOME/.local/share/frappe-bench-cli/bin/bench"; }
[ -n "$BENCH_CLI" ] || fail "the bench CLI is not on PATH (pip install frappe-bench). Nothing was changed."
case "$SITE" in
	*/* | .* | "") fail "'$SITE' is not a site name." ;;
esac

site_is_demo() {
	"$BENCH/env/bin/python" - "$BENCH/sites/$SITE/site_config.json" "$MARK" <<'PY'
import json, sys
try:
	conf = json.load(open(sys.argv[1]))
except (OSError, ValueError):
	sys.exit(1)
sys.exit(0 if conf.get(sys.argv[2]) else 1)
PY
}

if [ -d "$BENCH/sites/$SITE" ] && ! site_is_demo; then
	fail "site $SITE exists and was not created by this script. The demo adds users with a known
password and completes the setup wizard, so it leaves existing sites alone: nothing was changed.
Choose a new site name, e.g.: bash scripts/demo.sh $BENCH tiep-demo.localhost"
fi

cd "$BENCH"
if [ ! -e "apps/$APP" ]; then
	ln -s "$REPO" "apps/$APP"
elif [ "$(readlink -f "apps/$APP")" != "$REPO" ]; then
	echo "note: apps/$APP is $(readlink -f "apps/$APP"), not this checkout; the bench's copy is used."
fi
./env/bin/python -c "import $APP" 2>/dev/null || ./env/bin/pip install -q -e "apps/$APP"
python3 "$REPO/scripts/bench_files.py" add-app "$BENCH" "$APP" >/dev/null

remove_half_made_site() {
	"$BENCH_CLI" drop-site "$SITE" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1 && return
	# drop-site needs a whole site: drop what new-site made by the name it wrote down
	local db
	db=$("$BENCH/env/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("db_name", ""))' \
		"sites/$SITE/site_config.json" 2>/dev/null || true)
	if [ -n "$db" ]; then
		mariadb -h127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" -e \
			"DROP DATABASE IF EXISTS \`$db\`; DROP USER IF EXISTS '$db'@'%'; DROP USER IF EXISTS '$db'@'localhost';" || true
	fi
	rm -rf "sites/$SITE"
}

if [ ! -d "sites/$SITE" ]; then
	echo "== creating site $SITE"
	if ! "$BENCH_CLI" new-site "$SITE" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--mariadb-user-host-login-scope=%; then
		# a half-made site would be refused as "not ours" on the next run: take it away
		remove_half_made_site
		fail "bench new-site $SITE failed (see above); nothing is left of it. Check MariaDB's root password (FRAPPE_DB_ROOT_PASSWORD)."
	fi
	"$BENCH_CLI" --site "$SITE" set-config --parse "$MARK" 1
fi
"$BENCH_CLI" --site "$SITE" list-apps | grep -q "^$APP" || "$BENCH_CLI" --site "$SITE" install-app "$APP"
"$BENCH_CLI" --site "$SITE" migrate
echo "== setup wizard and demo data"
"$BENCH_CLI" --site "$SITE" execute "$APP.setup.demo.setup_demo_site"
if [ -z "${DEMO_SKIP_BUILD:-}" ]; then
	"$BENCH_CLI" build --app "$APP" >/dev/null 2>&1 || echo "note: 'bench build --app $APP' failed; run it by hand."
fi
port=$(grep -oE '"webserver_port": *[0-9]+' sites/common_site_config.json | grep -oE '[0-9]+$' || echo 8000)
echo
echo "Open http://$SITE:$port/app/citizen-dialogue (start the server with 'bench start' if it is not running)."
echo "Administrator / admin, or a demo user per role (see README, password Demo@2026)."
code=$("$BENCH_CLI" --site "$SITE" execute "$APP.setup.demo_citizen.tracking_code" 2>/dev/null | grep -E '^[0-9A-Z]{4}-' | tail -1)
echo "The citizen's side: http://$SITE:$port/gui-y-kien (send), http://$SITE:$port/tra-cuu-y-kien?code=$code (an answered opinion, code $code),"
echo "  http://$SITE:$port/ket-qua-doi-thoai (published results), http://$SITE:$port/thong-ke (open figures and the calendar feed)."
