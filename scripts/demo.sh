#!/usr/bin/env bash
# The main job in one command, on a machine that already has a Frappe v15 bench:
#   bash scripts/demo.sh /path/to/frappe-bench [site]
# Links this checkout into the bench as an app, installs it on the site (creating the site
# if it does not exist), loads the demo data set and prints where to open the workspace.
# Nothing here builds Frappe: see https://frappeframework.com/docs/user/en/installation
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${1:?usage: scripts/demo.sh /path/to/frappe-bench [site]}"
SITE="${2:-tiep.localhost}"
APP=tiep_xuc_doi_thoai
DB_ROOT_PASSWORD="${FRAPPE_DB_ROOT_PASSWORD:-root}"
cd "$BENCH"
[ -d apps/frappe ] || { echo "$BENCH is not a Frappe bench (no apps/frappe)"; exit 1; }
[ -e "apps/$APP" ] || ln -s "$REPO" "apps/$APP"
./env/bin/pip install -q -e "apps/$APP"
grep -qx "$APP" sites/apps.txt || echo "$APP" >> sites/apps.txt
if [ ! -d "sites/$SITE" ]; then
	bench new-site "$SITE" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin
fi
bench --site "$SITE" list-apps | grep -q "^$APP" || bench --site "$SITE" install-app "$APP"
bench --site "$SITE" migrate
bench --site "$SITE" execute "$APP.setup.demo.load"
bench build --app "$APP" >/dev/null 2>&1 || true
port=$(grep -oE '"webserver_port": *[0-9]+' sites/common_site_config.json | grep -oE '[0-9]+$' || echo 8000)
echo
echo "Open http://$SITE:$port/app/citizen-dialogue (start the server with 'bench start' if it is not running)."
echo "Administrator / admin, or a demo user per role (see README, password Demo@2026)."
