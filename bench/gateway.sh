#!/usr/bin/env bash
# Benchmark of the gateway on the filesystem backend (issue 3):
#   1. a 1 GiB PUT and GET through the gateway, against `cp` of the same file on the same disk and
#      against curl GET of the same file from a static server (python3 -m http.server on loopback);
#      prints both ratios and the gateway's peak RSS;
#   2. 4 concurrent 1 GiB uploads to a gateway started with -Xmx128m: all must succeed.
# Usage: bench/gateway.sh            (BENCH_DIR=/path to choose the scratch directory; needs ~8 GiB)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
SIZE_MIB=${SIZE_MIB:-1024}
WORK="${BENCH_DIR:-$(mktemp -d /tmp/passerelle-bench.XXXXXX)}"
mkdir -p "$WORK"
TOKEN="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$APP" ] || (cd "$ROOT" && mvn -B -q -DskipTests install)

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }
rate() { echo "$SIZE_MIB / $1" | bc -l | xargs printf '%.0f'; }

# start_gateway XMX NAME -> sets GW_PID and GW_URL
start_gateway() {
    local xmx="$1" name="$2" port
    port="$(free_port)"
    java "-Xmx$xmx" -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
        -Dpasserelle.state-dir="$WORK/$name-state" \
        -Dpasserelle.backends.local.type=filesystem -Dpasserelle.backends.local.root="$WORK/$name-data" \
        -Dpasserelle.auth.tokens.bench.secret="$TOKEN" -Dpasserelle.auth.tokens.bench.access=admin \
        -Dquarkus.log.category.\"passerelle.access\".level=WARN \
        -jar "$APP" >"$WORK/$name.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    GW_URL="http://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        if curl -fs "$GW_URL/q/health/ready" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.2
    done
    echo "gateway did not start; log:" >&2
    tail -n 30 "$WORK/$name.log" >&2
    exit 1
}

peak_rss_mib() {
    awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"
}

auth=(-H "Authorization: Bearer $TOKEN")

echo "== preparing a ${SIZE_MIB} MiB random file in $WORK"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/src.bin"
SRC_SHA="$(sha256sum "$WORK/src.bin" | cut -d' ' -f1)"

echo "== cp on the same disk"
t0=$(now); cp "$WORK/src.bin" "$WORK/cp.bin"; t1=$(now)
CP=$(secs "$t0" "$t1"); rm -f "$WORK/cp.bin"

echo "== curl GET from a static server (python3 -m http.server)"
SPORT="$(free_port)"
(cd "$WORK" && exec /usr/bin/python3 -m http.server "$SPORT" --bind 127.0.0.1 >/dev/null 2>&1) &
STATIC_PID=$!
PIDS+=("$STATIC_PID")
for _ in $(seq 1 50); do curl -fsI "http://127.0.0.1:$SPORT/src.bin" >/dev/null 2>&1 && break; sleep 0.1; done
t0=$(now); curl -fsS -o /dev/null "http://127.0.0.1:$SPORT/src.bin"; t1=$(now)
STATIC=$(secs "$t0" "$t1")
kill "$STATIC_PID" 2>/dev/null || true

echo "== gateway (default heap), filesystem backend"
start_gateway 512m single
curl -fsS "${auth[@]}" -X PUT "$GW_URL/api/v1/buckets/bench" >/dev/null
t0=$(now)
PUT_CODE=$(curl -sS "${auth[@]}" -o "$WORK/put.json" -w '%{http_code}' -T "$WORK/src.bin" "$GW_URL/api/v1/buckets/bench/objects/one.bin")
t1=$(now)
PUT=$(secs "$t0" "$t1")
[ "$PUT_CODE" = 201 ] || { echo "PUT answered $PUT_CODE: $(cat "$WORK/put.json")" >&2; exit 1; }
grep -q "\"sha256\":\"$SRC_SHA\"" "$WORK/put.json" || { echo "PUT reported another SHA-256: $(cat "$WORK/put.json")" >&2; exit 1; }
t0=$(now); curl -fsS "${auth[@]}" -o /dev/null "$GW_URL/api/v1/buckets/bench/objects/one.bin"; t1=$(now)
GET=$(secs "$t0" "$t1")
GET_SHA="$(curl -fsS "${auth[@]}" "$GW_URL/api/v1/buckets/bench/objects/one.bin" | sha256sum | cut -d' ' -f1)"
[ "$GET_SHA" = "$SRC_SHA" ] || { echo "GET returned other bytes" >&2; exit 1; }
RSS1=$(peak_rss_mib "$GW_PID")
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true

echo "== 4 concurrent ${SIZE_MIB} MiB uploads, gateway with -Xmx128m"
start_gateway 128m small
curl -fsS "${auth[@]}" -X PUT "$GW_URL/api/v1/buckets/bench" >/dev/null
t0=$(now)
CPIDS=()
for i in 1 2 3 4; do
    curl -sS "${auth[@]}" -o "$WORK/c$i.json" -w '%{http_code}' -T "$WORK/src.bin" "$GW_URL/api/v1/buckets/bench/objects/c$i.bin" >"$WORK/c$i.code" &
    CPIDS+=($!)
done
for p in "${CPIDS[@]}"; do wait "$p"; done
t1=$(now)
CONC=$(secs "$t0" "$t1")
OK=0
for i in 1 2 3 4; do
    if [ "$(cat "$WORK/c$i.code")" = 201 ] && grep -q "\"sha256\":\"$SRC_SHA\"" "$WORK/c$i.json"; then OK=$((OK + 1)); fi
done
RSS2=$(peak_rss_mib "$GW_PID")
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true

echo
echo "== results (${SIZE_MIB} MiB, $(nproc) cores)"
printf '%-44s %8s s %7s MiB/s\n' "cp (same disk)" "$CP" "$(rate "$CP")"
printf '%-44s %8s s %7s MiB/s\n' "curl GET from python3 http.server" "$STATIC" "$(rate "$STATIC")"
printf '%-44s %8s s %7s MiB/s\n' "gateway PUT (curl -T, Content-Length)" "$PUT" "$(rate "$PUT")"
printf '%-44s %8s s %7s MiB/s\n' "gateway GET (verified SHA-256)" "$GET" "$(rate "$GET")"
printf '%-44s %8s\n' "ratio gateway PUT / cp" "$(echo "$PUT / $CP" | bc -l | xargs printf '%.2f')"
printf '%-44s %8s\n' "ratio gateway GET / static GET" "$(echo "$GET / $STATIC" | bc -l | xargs printf '%.2f')"
printf '%-44s %8s MiB\n' "gateway peak RSS (-Xmx512m)" "$RSS1"
printf '%-44s %8s s  (%d/4 succeeded, SHA-256 checked)\n' "4 concurrent uploads, -Xmx128m" "$CONC" "$OK"
printf '%-44s %8s MiB\n' "gateway peak RSS (-Xmx128m, 4 concurrent)" "$RSS2"
[ "$OK" = 4 ] || { echo "concurrent uploads failed" >&2; exit 1; }
