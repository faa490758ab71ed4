#!/usr/bin/env bash
# From a bare Debian/Ubuntu machine to the running demo, in one command:
#
#   bash scripts/setup.sh [BENCH_DIR] [SITE]
#
#   BENCH_DIR       where the bench goes (default: ~/frappe-bench)
#   SITE            the demo site (default: tiep.localhost)
#   FRAPPE_SOURCE   Frappe's git source: a URL or a local clone (default: Frappe's official
#                   repository); FRAPPE_BRANCH (default version-15)
#   FRAPPE_DB_ROOT_PASSWORD   MariaDB's root password (default: root; set on a fresh MariaDB)
#   SETUP_NO_START=1          do everything but start the server
#   SETUP_PORT                the web port (default 8000)
#
# What it does, each step only when it is missing (a second run changes nothing):
#  1. Debian packages: MariaDB, Redis, wkhtmltopdf, fonts with Vietnamese glyphs, git, the
#     Python headers, Node.js and npm; yarn 1 from npm; the bench CLI (frappe-bench, PyPI) in
#     its own virtualenv.
#  2. MariaDB for Frappe: utf8mb4, and a root password login (Frappe logs in with it).
#  3. `bench init` of Frappe from FRAPPE_SOURCE, with the known traps of a bench made today:
#     - Frappe's manifests pin gunicorn and air-datepicker to GitHub. When GitHub is not
#       reachable, a local copy of the source is used with the registry equivalents
#       (gunicorn 23 from PyPI, air-datepicker 2.2.3 from npm), committed in that copy only.
#     - a new virtualenv's setuptools has no pkg_resources, which Frappe v15 needs: the bench
#       env gets setuptools < 70.
#     - sites/apps.txt is written without a final newline: it is rewritten as lines.
#  4. scripts/demo.sh (this app, the demo site, Frappe's setup wizard, demo data).
#  5. `bench start` in the background (logs in BENCH_DIR/logs/bench-start.log); it prints the
#     demo logins, and the URL on its last line.
#
# It never touches a bench it did not create (marked by .tiep_xuc_doi_thoai_setup in the
# bench folder): for an existing bench, use scripts/demo.sh (see README).
# Runs as root or as a normal user (who then needs sudo for the Debian packages).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${1:-$HOME/frappe-bench}"
SITE="${2:-tiep.localhost}"
FRAPPE_SOURCE="${FRAPPE_SOURCE:-https://github.com/frappe/frappe}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
DB_ROOT_PASSWORD="${FRAPPE_DB_ROOT_PASSWORD:-root}"
PORT="${SETUP_PORT:-8000}"
MARK=".tiep_xuc_doi_thoai_setup"
CLI_VENV="${BENCH_CLI_VENV:-$HOME/.local/share/frappe-bench-cli}"

say() { printf '\n== %s\n' "$*"; }
note() { printf '   %s\n' "$*"; }
fail() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else
	command -v sudo >/dev/null || fail "run as root, or install sudo: the Debian packages need it."
	SUDO=(sudo)
fi
case "$BENCH_DIR" in /*) ;; *) BENCH_DIR="$(pwd)/$BENCH_DIR" ;; esac
case "$SITE" in */* | .* | "") fail "'$SITE' is not a site name." ;; esac

if [ -e "$BENCH_DIR" ] && [ ! -f "$BENCH_DIR/$MARK" ]; then
	if [ -d "$BENCH_DIR/apps/frappe" ]; then
		fail "$BENCH_DIR is a bench this script did not create; it is left alone.
To add the app and a demo site to it: bash $REPO/scripts/demo.sh $BENCH_DIR tiep-demo.localhost"
	fi
	[ -z "$(ls -A "$BENCH_DIR" 2>/dev/null)" ] \
		|| fail "$BENCH_DIR exists and is not an empty folder; choose another: bash scripts/setup.sh ~/tiep-bench"
fi

# -- 1. packages ------------------------------------------------------------------------------
say "system packages"
PKGS=(git curl ca-certificates build-essential pkg-config python3-dev python3-venv python3-pip
	libmariadb-dev mariadb-server mariadb-client redis-server wkhtmltopdf xfonts-75dpi
	fonts-croscore fonts-liberation2 poppler-utils cron)
command -v node >/dev/null && command -v npm >/dev/null || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
	note "installing ${missing[*]}"
	"${SUDO[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
else
	note "all present"
fi
node_major=$(node -e 'console.log(process.versions.node.split(".")[0])')
[ "$node_major" -ge 18 ] || fail "Node.js $node_major is too old for Frappe v15 (18 or newer)."
if ! command -v yarn >/dev/null; then
	note "yarn 1 from npm"
	"${SUDO[@]}" npm install -g --silent yarn@1 >/dev/null
fi
PYTHON="${PYTHON:-$(command -v python3)}"
"$PYTHON" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 13) else 1)' \
	|| fail "Frappe v15 needs Python 3.10 to 3.12; set PYTHON=/path/to/python3.11"
if [ ! -x "$CLI_VENV/bin/bench" ]; then
	note "bench CLI (frappe-bench from PyPI) in $CLI_VENV"
	"$PYTHON" -m venv "$CLI_VENV"
	"$CLI_VENV/bin/pip" install -q --upgrade pip
	"$CLI_VENV/bin/pip" install -q frappe-bench
fi
export PATH="$CLI_VENV/bin:$PATH"

# -- 2. MariaDB and Redis ---------------------------------------------------------------------
say "MariaDB for Frappe (utf8mb4) and Redis"
CNF=/etc/mysql/mariadb.conf.d/99-frappe.cnf
if [ ! -f "$CNF" ]; then
	"${SUDO[@]}" tee "$CNF" >/dev/null <<'CNF'
# written by tiep_xuc_doi_thoai scripts/setup.sh: what Frappe expects of MariaDB
[mysqld]
character-set-client-handshake = FALSE
character-set-server = utf8mb4
collation-server = utf8mb4_unicode_ci

[mysql]
default-character-set = utf8mb4
CNF
	note "wrote $CNF"
	"${SUDO[@]}" service mariadb restart >/dev/null 2>&1 || true
fi
# over TCP, as Frappe connects: the unix socket would let root in without the password, and
# `mariadb-admin ping` says "alive" even when the login is refused
db_ping() { mariadb -h127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" -e "SELECT 1" >/dev/null 2>&1; }
server_up() { "${SUDO[@]}" mariadb-admin ping >/dev/null 2>&1; }
if ! server_up; then
	"${SUDO[@]}" service mariadb start >/dev/null 2>&1 \
		|| ("${SUDO[@]}" nohup mysqld_safe >/dev/null 2>&1 &)
	for _ in $(seq 1 30); do
		server_up && break
		sleep 1
	done
fi
if ! db_ping; then
	# a fresh Debian MariaDB lets root in only through the unix socket; Frappe needs a password
	"${SUDO[@]}" mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$DB_ROOT_PASSWORD'); FLUSH PRIVILEGES;" \
		|| fail "MariaDB's root password is not '$DB_ROOT_PASSWORD': set FRAPPE_DB_ROOT_PASSWORD."
	note "root may log in with the password from FRAPPE_DB_ROOT_PASSWORD"
fi
db_ping || fail "MariaDB is not answering"

# -- 3. the bench -----------------------------------------------------------------------------
github_reachable() { timeout 15 git ls-remote https://github.com/frappe/gunicorn HEAD >/dev/null 2>&1; }

prepare_source() {
	# Frappe's source as bench init will clone it; with registry pins when GitHub is closed.
	local src="$1" work="$2"
	if github_reachable; then
		echo "$src"
		return
	fi
	note "GitHub is not reachable: using registry equivalents of Frappe's GitHub pins" >&2
	note "(gunicorn~=23.0 from PyPI, air-datepicker 2.2.3 from npm), in a local copy only" >&2
	rm -rf "$work"
	git clone -q --branch "$FRAPPE_BRANCH" --single-branch "$src" "$work" >&2
	(
		cd "$work"
		sed -i 's|"gunicorn @ git+https://github.com/frappe/gunicorn@[0-9a-f]*"|"gunicorn~=23.0"|' pyproject.toml
		sed -i 's|"air-datepicker": "github:frappe/air-datepicker"|"air-datepicker": "2.2.3"|' package.json
		# yarn.lock's entry for the GitHub spec would send yarn to GitHub again
		"$PYTHON" - <<'PY'
import re
text = open("yarn.lock", encoding="utf-8").read()
text = re.sub(r'\n"air-datepicker@github:frappe/air-datepicker":\n(  .*\n)+', "\n", text)
open("yarn.lock", "w", encoding="utf-8").write(text)
PY
		git -c user.name=setup.sh -c user.email=setup@localhost commit -q -am \
			"local: registry equivalents of the GitHub pins (gunicorn, air-datepicker)" >&2
	)
	echo "$work"
}

if [ ! -f "$BENCH_DIR/$MARK" ] || [ ! -x "$BENCH_DIR/env/bin/python" ]; then
	say "bench init $BENCH_DIR (Frappe $FRAPPE_BRANCH from $FRAPPE_SOURCE)"
	mkdir -p "$BENCH_DIR"
	touch "$BENCH_DIR/$MARK"
	src_copy="$(dirname "$BENCH_DIR")/.$(basename "$BENCH_DIR").frappe-source"
	source_for_init="$(prepare_source "$FRAPPE_SOURCE" "$src_copy")"
	# bench init wants to create the folder itself: move our mark aside meanwhile
	rm -f "$BENCH_DIR/$MARK"; rmdir "$BENCH_DIR"
	# --skip-assets: the env's setuptools is fixed before anything imports pkg_resources
	if [ "$(id -u)" -ne 0 ]; then
		bench init "$BENCH_DIR" --frappe-path "$source_for_init" --frappe-branch "$FRAPPE_BRANCH" \
			--python "$PYTHON" --skip-assets --no-backups
	else
		# The bench CLI refuses `init` as root (it wants a `frappe_user`, which only exists once the
		# bench does). Its own init function does the same work; the bench then records root as
		# its frappe_user, so later bench commands run as root.
		note "as root: through bench's init function (the CLI refuses root before a bench exists)"
		"$CLI_VENV/bin/python" - "$BENCH_DIR" "$source_for_init" "$FRAPPE_BRANCH" "$PYTHON" <<'PY'
import sys

import bench.cli  # noqa: F401  (init reads bench.cli.verbose)
from bench.utils.system import init

path, source, branch, python = sys.argv[1:5]
init(path, frappe_path=source, frappe_branch=branch, python=python, skip_assets=True, no_backups=True)
PY
	fi
	touch "$BENCH_DIR/$MARK"
	(cd "$BENCH_DIR/apps/frappe" && git remote set-url upstream "$FRAPPE_SOURCE" 2>/dev/null || true)
	[ "$source_for_init" = "$src_copy" ] && rm -rf "$src_copy"
fi
cd "$BENCH_DIR"
if ! ./env/bin/python -c "import pkg_resources" >/dev/null 2>&1; then
	note "setuptools < 70 in the bench env (Frappe v15 imports pkg_resources)"
	./env/bin/pip install -q "setuptools<70"
fi
python3 "$REPO/scripts/bench_files.py" repair "$BENCH_DIR"
[ -f config/redis_cache.conf ] || bench setup redis >/dev/null
grep -q '"webserver_port"' sites/common_site_config.json || bench set-config -g webserver_port "$PORT" >/dev/null
PORT=$(grep -oE '"webserver_port": *[0-9]+' sites/common_site_config.json | grep -oE '[0-9]+$')
if [ ! -f sites/assets/frappe/dist/js/desk.bundle.*.js ] 2>/dev/null && ! ls sites/assets/frappe/dist/js/desk.bundle.*.js >/dev/null 2>&1; then
	say "building Frappe's assets"
	bench build --app frappe
fi

# Redis for the site commands that follow (bench start brings its own later)
for conf in config/redis_cache.conf config/redis_queue.conf; do
	port=$(awk '/^port/ {print $2}' "$conf")
	redis-cli -p "$port" ping >/dev/null 2>&1 || redis-server "$conf" --daemonize yes >/dev/null
done

# -- 4. the app and the demo site -------------------------------------------------------------
say "the demo (scripts/demo.sh)"
FRAPPE_DB_ROOT_PASSWORD="$DB_ROOT_PASSWORD" bash "$REPO/scripts/demo.sh" "$BENCH_DIR" "$SITE"
bench use "$SITE" >/dev/null
if [ "$(id -u)" -eq 0 ] && ! grep -qE "[[:space:]]$SITE\$" /etc/hosts; then
	echo "127.0.0.1 $SITE" >>/etc/hosts
fi

# -- 5. serve it ------------------------------------------------------------------------------
URL="http://$SITE:$PORT"
served() { curl -fsS -o /dev/null --max-time 5 --resolve "$SITE:$PORT:127.0.0.1" "$URL/api/method/ping"; }
if [ -z "${SETUP_NO_START:-}" ]; then
	if served; then
		note "already served at $URL"
	else
		say "bench start (logs: $BENCH_DIR/logs/bench-start.log)"
		for conf in config/redis_cache.conf config/redis_queue.conf; do
			redis-cli -p "$(awk '/^port/ {print $2}' "$conf")" shutdown nosave >/dev/null 2>&1 || true
		done
		mkdir -p logs
		setsid nohup bench start >logs/bench-start.log 2>&1 </dev/null &
		echo $! >logs/bench-start.pid  # the process group to stop: kill -- -"$(cat logs/bench-start.pid)"
		for _ in $(seq 1 90); do served && break; sleep 2; done
		served || fail "the server did not answer at $URL; see $BENCH_DIR/logs/bench-start.log"
	fi
fi

cat <<EOF

The demo is ready. Log in as Administrator / admin, or as one user per role (password Demo@2026):
$("$BENCH_DIR/env/bin/python" -c "
import sys; sys.path.insert(0, '$REPO')
from tiep_xuc_doi_thoai.setup.demo_users import USERS
for email, name, roles, unit in USERS: print(f'  {email:28} {\", \".join(roles)}' + (f' ({unit})' if unit else ''))
")
Stop the server: kill -- -\$(cat $BENCH_DIR/logs/bench-start.pid)
Run again any time: bash scripts/setup.sh $BENCH_DIR $SITE
$URL/app/citizen-dialogue
EOF
