#!/usr/bin/env bash
# Issue 16: secrets survive `bench backup --with-files` restored on a NEW site when the site's
# encryption key travels with it, and a restore without the key says so (never silent loss).
#
#   bash scripts/check_restore.sh [/path/to/frappe-bench] <source site> [restore site]
#
# On the source site: a denunciation with its identity and a confidential letter. Backup with
# files; restore on a throwaway site (dropped at the end); `check-secrets` must fail with the
# reason while the new site has its own key, then open everything once `encryption_key` is
# copied from the backup's site_config_backup.json. Prints "ok ..." per check; exit 0 only
# when all passed. Takes about two minutes.
set -euo pipefail

BENCH="${1:-${FRAPPE_BENCH:-/opt/frappe-bench}}"
SOURCE="${2:?the source site}"
TARGET="${3:-${SOURCE%%.*}-restore.localhost}"
APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-root}"
BENCH_CLI="${BENCH_CLI:-$(command -v bench || echo /usr/local/bin/bench)}"
export PYTHONPATH="$APP_DIR${PYTHONPATH:+:$PYTHONPATH}"
bench() { "$BENCH_CLI" "$@"; }
cd "$BENCH"
FAILED=0
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; FAILED=1; }
drop_target() {
	if [ -d "sites/$TARGET" ]; then
		bench drop-site "$TARGET" --db-root-password "$DB_ROOT_PASSWORD" --force --no-backup >/dev/null 2>&1 \
			|| rm -rf "sites/$TARGET"  # a folder whose restore never made a database
	fi
}
[ "${KEEP_RESTORE_SITE:-0}" = 1 ] || trap drop_target EXIT

seeded=$(bench --site "$SOURCE" execute tiep_xuc_doi_thoai.tests.restore_check.seed | grep '^SEEDED ' | cut -d' ' -f2-)
petition=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["petition"])' "$seeded")
file=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["file"])' "$seeded")
echo "seeded $seeded on $SOURCE"

backup_dir="sites/$SOURCE/private/backups"
before=$(date +%s)
bench --site "$SOURCE" backup --with-files >/dev/null
newest() { ls -t "$backup_dir"/$1 2>/dev/null | head -1; }
sql=$(newest "*-database.sql.gz"); private=$(newest "*-private-files.tar")
public=$(ls -t "$backup_dir"/*-files.tar | grep -v -- "-private-files.tar" | head -1)
conf=$(newest "*-site_config_backup.json")
[ -n "$sql" ] && [ -n "$private" ] && [ -n "$conf" ] && [ "$(stat -c %Y "$sql")" -ge "$before" ] \
	&& ok "backup with files and site_config_backup.json" || fail "backup files missing"

# `bench restore` wants an existing site: a bare one (Frappe only) of its own key, made here
# unless it is kept from an earlier run (KEEP_RESTORE_SITE=1).
if [ ! -f "sites/$TARGET/site_config.json" ]; then
	bench new-site "$TARGET" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--mariadb-user-host-login-scope=% >/dev/null 2>&1 || fail "new site $TARGET"
fi
# as a restore on a new machine: the new site's own key goes; the backup's does not come
"$BENCH/env/bin/python" - "sites/$TARGET/site_config.json" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1])); conf.pop("encryption_key", None)
json.dump(conf, open(sys.argv[1], "w"), indent=1)
PY
bench --site "$TARGET" restore "$sql" --with-public-files "$public" --with-private-files "$private" \
	--db-root-password "$DB_ROOT_PASSWORD" --force >/dev/null 2>&1 && ok "restored on $TARGET" || fail "restore"

# Restored as Frappe restores: no encryption_key in the new site's config. Said, and not made up.
if out=$(bench --site "$TARGET" check-secrets 2>&1); then
	fail "check-secrets passed without a key: $out"
else
	grep -q "has no encryption_key" <<<"$out" && ok "without a key: $(grep -m1 encryption_key <<<"$out")" \
		|| fail "no clear message without a key: $out"
fi

# With another key (a site that made its own): a clear message and a failing status.
bench --site "$TARGET" set-config encryption_key "$("$BENCH/env/bin/python" -c \
	'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" >/dev/null
if out=$(bench --site "$TARGET" check-secrets 2>&1); then
	fail "check-secrets passed with the wrong key: $out"
else
	grep -q "another encryption key" <<<"$out" && ok "with another key: $(grep -m1 encryption_key <<<"$out")" \
		|| fail "no clear message with another key: $out"
fi

# With the key from the backup's site config: everything opens.
key=$("$BENCH/env/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["encryption_key"])' "$conf")
bench --site "$TARGET" set-config encryption_key "$key" >/dev/null
bench --site "$TARGET" check-secrets && ok "check-secrets with the key" || fail "check-secrets with the key"
bench --site "$TARGET" execute tiep_xuc_doi_thoai.tests.restore_check.verify \
	--kwargs "{\"petition\": \"$petition\", \"file\": \"$file\"}" | grep '^ok ' || fail "identity or letter unreadable"

bench --site "$SOURCE" execute tiep_xuc_doi_thoai.tests.restore_check.cleanup --kwargs "{\"petition\": \"$petition\"}" >/dev/null
exit $FAILED
