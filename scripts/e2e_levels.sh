#!/usr/bin/env bash
# End to end between two levels' sites on one bench (issue 11): a commune forwards a petition
# to its province while the province's server is down; the province comes up; the petition is
# delivered exactly once, answered there, and the answer shows on the commune's tracking page.
# Issue 20: a plan approved, signed and sealed at the commune travels up byte for byte and is
# verified at the province (desk and public page); a modified copy is reported.
#
#   bash scripts/e2e_levels.sh [/path/to/frappe-bench]
#
# Two throwaway sites (dropped at the end unless KEEP_SITES=1), each served by `bench serve`
# on its own loopback port; nothing leaves 127.0.0.1. Bounded: every wait has a deadline and
# the whole run is cut at E2E_TIMEOUT seconds. Exit 0 only when every check passed.
# E2E_REUSE_SITES=1 with KEEP_SITES=1 keeps and reuses the two sites between runs.
set -euo pipefail

BENCH="${1:-${FRAPPE_BENCH:-/opt/frappe-bench}}"
APP_DIR="$(cd "$(dirname "$0")/.." && pwd)"
LOW="${E2E_LOW_SITE:-e2e-commune.localhost}"
UP="${E2E_UP_SITE:-e2e-province.localhost}"
LOW_PORT="${E2E_LOW_PORT:-8011}"
UP_PORT="${E2E_UP_PORT:-8111}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-root}"
E2E_TIMEOUT="${E2E_TIMEOUT:-900}"
BENCH_CLI="${BENCH_CLI:-$(command -v bench || echo /usr/local/bin/bench)}"
export PYTHONPATH="$APP_DIR${PYTHONPATH:+:$PYTHONPATH}"
bench() { "$BENCH_CLI" "$@"; }

cd "$BENCH"
LOGDIR="$(mktemp -d)"
PIDS=()
FAILED=0
WATCHDOG=""

cleanup() {
	if [ -n "$WATCHDOG" ]; then  # the watchdog first (it must not fire), then its sleep
		local sleeper; sleeper=$(pgrep -P "$WATCHDOG" 2>/dev/null || true)
		kill "$WATCHDOG" 2>/dev/null || true
		[ -z "$sleeper" ] || kill $sleeper 2>/dev/null || true
	fi
	for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
	if [ "${KEEP_SITES:-0}" != "1" ]; then
		for site in "$LOW" "$UP"; do
			bench drop-site "$site" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1 || true
		done
	fi
	echo "logs: $LOGDIR"
}
trap cleanup EXIT
# The watchdog's sleep keeps no descriptor of ours: a caller reading this script's output
# through a pipe (.ci/run's tee) is not held open by it after the script ends.
( sleep "$E2E_TIMEOUT" </dev/null >/dev/null 2>&1; echo "e2e_levels: timed out after ${E2E_TIMEOUT}s" >&2; kill -TERM $$ ) &
WATCHDOG=$!

step() { echo "== $*"; }
check() {  # check "what" python-expression-over-$OUT
	if python3 -c "import json,sys; out=json.loads(sys.argv[1]); sys.exit(0 if ($2) else 1)" "$OUT"; then
		echo "ok   $1"
	else
		echo "FAIL $1: $OUT"; FAILED=1
	fi
}
run() {  # run <site> <step> [kwargs-python-dict]
	local site=$1 fn=$2 kwargs=${3:-}
	if [ -n "$kwargs" ]; then
		bench --site "$site" execute "tiep_xuc_doi_thoai.tests.e2e_levels.$fn" --kwargs "$kwargs" 2>>"$LOGDIR/execute.log" | tail -n 1
	else
		bench --site "$site" execute "tiep_xuc_doi_thoai.tests.e2e_levels.$fn" 2>>"$LOGDIR/execute.log" | tail -n 1
	fi
}
serve() {  # serve <site> <port>: one site per server, whatever the Host header says
	setsid bench --site "$1" serve --port "$2" --noreload >"$LOGDIR/$1.log" 2>&1 &
	PIDS+=("$!")
	local deadline=$((SECONDS + 90))
	until curl -s -o /dev/null "http://127.0.0.1:$2/api/method/ping"; do
		[ $SECONDS -lt $deadline ] || { echo "FAIL $1 did not start on port $2"; exit 1; }
		sleep 1
	done
	echo "$!"
}

step "throwaway sites $LOW and $UP"
for site in "$LOW" "$UP"; do
	if [ "${E2E_REUSE_SITES:-0}" = "1" ] && [ -d "sites/$site" ]; then
		bench --site "$site" migrate >"$LOGDIR/migrate-$site.log" 2>&1
		continue
	fi
	bench drop-site "$site" --force --no-backup --db-root-password "$DB_ROOT_PASSWORD" >/dev/null 2>&1 || true
	bench new-site "$site" --db-root-password "$DB_ROOT_PASSWORD" --admin-password admin \
		--mariadb-user-host-login-scope=% --install-app tiep_xuc_doi_thoai >"$LOGDIR/new-site-$site.log" 2>&1
done

step "link them: each side's integration user and API key, a site link on each side"
LOW_UNIT="UBND xã Bản Lang"
UP_UNIT="UBND tỉnh Lai Châu"
LOW_CALLER="tinh-lai-chau@integration.invalid"   # the province calls the commune with this user
UP_CALLER="xa-ban-lang@integration.invalid"      # the commune calls the province with this user
LOW_KEYS=$(run "$LOW" prepare "{'unit': '$LOW_UNIT', 'level': 'Commune', 'integration_user': '$LOW_CALLER'}")
UP_KEYS=$(run "$UP" prepare "{'unit': '$UP_UNIT', 'level': 'Province', 'integration_user': '$UP_CALLER'}")
key() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
run "$LOW" link "{'name': 'Tỉnh Lai Châu', 'direction': 'Upper Level', 'site_url': 'http://127.0.0.1:$UP_PORT', 'local_unit': '$LOW_UNIT', 'remote_unit': '$UP_UNIT', 'api_key': '$(key "$UP_KEYS" api_key)', 'api_secret': '$(key "$UP_KEYS" api_secret)', 'inbound_user': '$LOW_CALLER'}" >/dev/null
run "$UP" link "{'name': 'Xã Bản Lang', 'direction': 'Lower Level', 'site_url': 'http://127.0.0.1:$LOW_PORT', 'local_unit': '$UP_UNIT', 'remote_unit': '$LOW_UNIT', 'api_key': '$(key "$LOW_KEYS" api_key)', 'api_secret': '$(key "$LOW_KEYS" api_secret)', 'inbound_user': '$UP_CALLER'}" >/dev/null

step "commune server up, province server down"
serve "$LOW" "$LOW_PORT" >/dev/null
OUT=$(run "$LOW" test_connection "{'name': 'Tỉnh Lai Châu'}")
check "Test Connection says the province cannot be reached" "not out['ok'] and 'reached' in out['message']"

step "forward a petition while the province is down"
OUT=$(run "$LOW" forward_petition "{'link_name': 'Tỉnh Lai Châu', 'content': 'Đề nghị tỉnh xem xét bồi thường khi mở rộng quốc lộ 4D qua bản Lang'}")
PETITION=$(key "$OUT" petition)
TRACKING=$(key "$OUT" tracking_code)
run "$LOW" tick >/dev/null
OUT=$(run "$LOW" transfers "{'reference': '$PETITION'}")
check "the transfer waits, Failed with the reason" "len(out) == 1 and out[0]['status'] == 'Failed' and out[0]['last_error']"

step "province server comes up"
serve "$UP" "$UP_PORT" >/dev/null
OUT=$(run "$LOW" test_connection "{'name': 'Tỉnh Lai Châu'}")
check "Test Connection works" "out['ok']"
run "$LOW" tick >/dev/null
run "$LOW" tick >/dev/null
OUT=$(run "$LOW" transfers "{'reference': '$PETITION'}")
check "delivered: Sent with the province's receipt" "len(out) == 1 and out[0]['status'] == 'Sent' and out[0]['remote_reference']"
OUT=$(run "$UP" received "{'origin_reference': '$PETITION'}")
check "exactly one petition at the province" "len(out['names']) == 1"

step "the province answers; the answer comes back"
run "$UP" answer "{'origin_reference': '$PETITION', 'text': 'UBND tỉnh đã giao Sở Giao thông vận tải kiểm tra và trả lời trong tháng.'}" >/dev/null
run "$UP" tick >/dev/null
OUT=$(run "$UP" transfers)
check "the answer went down (Sent)" "any(t['kind'] == 'Petition Update' and t['status'] == 'Sent' for t in out)"
OUT=$(run "$LOW" petition_state "{'name': '$PETITION'}")
check "the commune's petition shows the upper answer" "'Sở Giao thông' in (out['upper_answer'] or '') and out['upper_answer_published']"
check "the commune's petition carries the province's fixed status, not a state label" "out['upper_state'] == 'Answered on the Spot'"
OUT=$(curl -s -X POST "http://127.0.0.1:$LOW_PORT/api/method/tiep_xuc_doi_thoai.api.public.track_petition" --data-urlencode "code=$TRACKING")
check "the commune's public tracking page shows the upper answer" "'Sở Giao thông' in (out['message'].get('upper_answer') or '')"

step "faults: wrong credentials"
run "$LOW" link "{'name': 'Tỉnh Lai Châu', 'direction': 'Upper Level', 'site_url': 'http://127.0.0.1:$UP_PORT', 'local_unit': '$LOW_UNIT', 'remote_unit': '$UP_UNIT', 'api_key': '$(key "$UP_KEYS" api_key)', 'api_secret': 'wrong-secret', 'inbound_user': '$LOW_CALLER'}" >/dev/null
OUT=$(run "$LOW" test_connection "{'name': 'Tỉnh Lai Châu'}")
check "wrong credentials are named as such" "not out['ok'] and 'credentials' in out['message']"
OUT=$(run "$UP" received "{'origin_reference': '$PETITION'}")
check "still exactly one petition at the province" "len(out['names']) == 1"

step "faults: the province refuses a payload (a category it does not have), then takes it once fixed"
run "$LOW" link "{'name': 'Tỉnh Lai Châu', 'direction': 'Upper Level', 'site_url': 'http://127.0.0.1:$UP_PORT', 'local_unit': '$LOW_UNIT', 'remote_unit': '$UP_UNIT', 'api_key': '$(key "$UP_KEYS" api_key)', 'api_secret': '$(key "$UP_KEYS" api_secret)', 'inbound_user': '$LOW_CALLER'}" >/dev/null
CATEGORY="Lĩnh vực riêng của xã $RANDOM"
run "$LOW" add_category "{'name': '$CATEGORY'}" >/dev/null
OUT=$(run "$LOW" forward_petition "{'link_name': 'Tỉnh Lai Châu', 'content': 'Kiến nghị thuộc lĩnh vực tỉnh chưa có', 'category': '$CATEGORY'}")
SECOND=$(key "$OUT" petition)
run "$LOW" tick >/dev/null
OUT=$(run "$LOW" transfers "{'reference': '$SECOND'}")
check "refused: Dead, the reason names the category" "len(out) == 1 and out[0]['status'] == 'Dead' and 'Lĩnh vực riêng' in out[0]['last_error']"
OUT=$(run "$UP" received "{'origin_reference': '$SECOND'}")
check "nothing half-written at the province" "out['names'] == []"
run "$UP" add_category "{'name': '$CATEGORY'}" >/dev/null
run "$LOW" retry "{'reference': '$SECOND'}" >/dev/null
run "$LOW" tick >/dev/null
OUT=$(run "$LOW" transfers "{'reference': '$SECOND'}")
check "after Retry: Sent" "len(out) == 1 and out[0]['status'] == 'Sent'"
OUT=$(run "$UP" received "{'origin_reference': '$SECOND'}")
check "exactly one petition at the province" "len(out['names']) == 1"

step "a signed plan travels up (issue 20): approval, the signer signs, the Văn thư seals"
run "$LOW" signing_setup "{'unit': '$LOW_UNIT', 'ca_dir': '$LOGDIR/ca'}" >/dev/null
run "$UP" trust "{'ca_dir': '$LOGDIR/ca'}" >/dev/null
OUT=$(run "$LOW" sign_plan "{'unit': '$LOW_UNIT', 'out_dir': '$LOGDIR/pdf'}")
echo "     $OUT"
SIGNED=$(key "$OUT" signed_document)
SHA=$(key "$OUT" sha256)
check "the plan's approval made it await its signature" "out['awaiting_on_approval']"
check "signed by the signer, then sealed by the Văn thư, each as themself" "out['status'] == 'Sealed' and out['signed_by'].startswith('ky-so@') and out['sealed_by'].startswith('van-thu@')"
check "pyHanko validates both signatures (PAdES), intact and trusted" "out['pyhanko'] == [True, True] and out['verdict'] == 'valid' and set(out['subfilters']) == {'/ETSI.CAdES.detached'}"
check "NĐ 30 on the page pdftoppm rendered: blue signature between title and name, red seal over its left third, ISO 8601 time +07:00" "out['blue_in_signer_box'] > 0.005 and out['red_in_seal_box'] > 0.02 and out['red_on_unsigned_page'] == 0 and out['signer_between_title_and_name'] and out['seal_over_left_third'] and out['seal_text_iso_time']"
run "$LOW" tick >/dev/null
OUT=$(run "$LOW" transfers "{'reference': '$SIGNED'}")
check "the sealed plan went up through the outbox: Sent" "len(out) == 1 and out[0]['kind'] == 'Signed Document' and out[0]['status'] == 'Sent'"
OUT=$(run "$UP" received_document "{'sender_reference': '$SIGNED'}")
check "one received document at the province, byte-identical, Valid on arrival" "len(out['names']) == 1 and out['sha256'] == '$SHA' and out['signature_status'] == 'Valid'"
RECEIVED=$(key "$OUT" name)
STAFF=$(run "$UP" staff_keys "{'email': 'van-thu-tinh@e2e.invalid', 'role': 'Dialogue Secretariat'}")
OUT=$(curl -s -X POST "http://127.0.0.1:$UP_PORT/api/method/run_doc_method" \
	-H "Authorization: token $(key "$STAFF" api_key):$(key "$STAFF" api_secret)" \
	--data-urlencode "dt=Dialogue Received Document" --data-urlencode "dn=$RECEIVED" --data-urlencode "method=verify_signatures")
check "the province's desk (Verify Signatures, as its Văn thư): signed by the commune, unchanged" "out['message']['ok'] and 'Bản Lang' in out['message']['message'] and [s['signer'] for s in out['message']['signatures']] == ['Nguyễn Văn A', '$LOW_UNIT']"
verify_public() {  # verify_public <port> <pdf>: the public page's call, as a guest
	base64 -w0 "$2" >"$2.b64"
	curl -s -X POST "http://127.0.0.1:$1/api/method/tiep_xuc_doi_thoai.api.verification.verify_pdf" --data-urlencode "data@$2.b64"
}
OUT=$(verify_public "$LOW_PORT" "$LOGDIR/pdf/plan-sealed.pdf")
check "the commune's public page (/kiem-tra-chu-ky): signed by this agency, unchanged" "out['message']['verdict'] == 'valid' and len(out['message']['signatures']) == 2"
OUT=$(verify_public "$UP_PORT" "$LOGDIR/pdf/plan-sealed.pdf")
check "the province's public page: both signatures intact and trusted (another agency's)" "out['message']['verdict'] == 'not_ours' and all(s['intact'] and s['trusted'] for s in out['message']['signatures'])"
OUT=$(verify_public "$LOW_PORT" "$LOGDIR/pdf/plan-tampered.pdf")
check "a modified copy is reported as modified (commune)" "out['message']['verdict'] == 'broken' and not out['message']['ok']"
OUT=$(verify_public "$UP_PORT" "$LOGDIR/pdf/plan-tampered.pdf")
check "a modified copy is reported as modified (province)" "out['message']['verdict'] == 'broken'"

kill "$WATCHDOG" 2>/dev/null || true
if [ "$FAILED" = "0" ]; then echo "e2e_levels: all checks passed"; else echo "e2e_levels: FAILED"; exit 1; fi
