#!/usr/bin/env bash
# End-to-end benchmark of envelope encryption (issue 7): what an HTTP client sees.
#   The packaged gateway on 127.0.0.1 (free port), filesystem backend, one plain bucket and one
#   bucket with encryption=required (a fresh 32-byte KEK file); a random object PUT and GET with
#   curl to each bucket, best of N rounds; every GET's bytes are checked against the file's SHA-256.
#   Prints MiB/s for each, the ratios encrypted/plain (issue 7 target: >= 0.7) and the gateway's
#   peak RSS. Unlike sovereign/bench-encryption.sh (below the HTTP layer, plain GET from the page
#   cache), both sides here pay for HTTP, the gateway's hashing and curl.
# Usage: bench/encryption.sh [rounds=3]
#   SIZE_MIB=1024      object size
#   LOAD_MAX=3         wait (up to LOAD_WAIT_S=600 s) until the 1-minute load average is below this
#   XMX=512m           gateway heap
#   BENCH_DIR=/path    scratch directory (needs ~3x SIZE_MIB free); default a fresh mktemp -d
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
ROUNDS=${1:-${ROUNDS:-3}}
SIZE_MIB=${SIZE_MIB:-1024}
LOAD_MAX=${LOAD_MAX:-3}
LOAD_WAIT_S=${LOAD_WAIT_S:-600}
XMX=${XMX:-512m}
SIZE=$((SIZE_MIB * 1024 * 1024))
WORK="${BENCH_DIR:-$(mktemp -d /tmp/passerelle-enc-bench.XXXXXX)}"
mkdir -p "$WORK"
TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
GW_PID=""

cleanup() {
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
        kill "$GW_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$GW_PID" 2>/dev/null || true
        wait "$GW_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "error: $*" >&2; exit 1; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive integer, got '$ROUNDS'"
[ -f "$APP" ] || (cd "$ROOT" && mvn -B -q -o -DskipTests install)
[ -f "$APP" ] || die "no $APP after the build"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
load1() { cut -d' ' -f1 /proc/loadavg; }
mibs() { echo "$SIZE_MIB / $1" | bc -l | xargs printf '%.1f'; }           # seconds -> MiB/s
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi; }

echo "== preparing a ${SIZE_MIB} MiB random file and a 32-byte KEK in $WORK"
head -c "$SIZE" /dev/urandom >"$WORK/src.bin"
SRC_SHA="$(sha256sum "$WORK/src.bin" | cut -d' ' -f1)"
(umask 077 && head -c 32 /dev/urandom >"$WORK/kek.key")
mkdir -p "$WORK/data" "$WORK/state"

echo "== starting the gateway (-Xmx$XMX)"
PORT="$(free_port)"
java "-Xmx$XMX" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dpasserelle.state-dir="$WORK/state" \
    -Dpasserelle.backends.local.type=filesystem -Dpasserelle.backends.local.root="$WORK/data" \
    -Dpasserelle.buckets.enc.encryption=required \
    -Dpasserelle.keys.k1.file="$WORK/kek.key" -Dpasserelle.keys.current=k1 \
    -Dpasserelle.auth.tokens.bench.secret="$TOKEN" -Dpasserelle.auth.tokens.bench.access=admin \
    -Dpasserelle.auth.tokens.bench.buckets='*' \
    -Dquarkus.log.category.\"passerelle.access\".level=WARN \
    -jar "$APP" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
G="http://127.0.0.1:$PORT/api/v1"
for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$GW_PID" 2>/dev/null || { tail -n 30 "$WORK/gateway.log" >&2; die "gateway exited"; }
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 || { tail -n 30 "$WORK/gateway.log" >&2; die "gateway not ready"; }

A=(-H "Authorization: Bearer $TOKEN")
for b in plain enc; do
    curl -fsS "${A[@]}" -X PUT "$G/buckets/$b" >/dev/null || die "could not create bucket $b"
done
curl -fsS "${A[@]}" "$G/buckets/enc/placement" | grep -q '"encryption":"required"' || die "bucket enc is not encrypted"
curl -fsS "${A[@]}" "$G/buckets/plain/placement" | grep -q '"encryption":"required"' && die "bucket plain is encrypted"

# put BUCKET -> prints seconds; the object must be new (201) and report the file's SHA-256
put() {
    curl -sS "${A[@]}" -o /dev/null -X DELETE "$G/buckets/$1/objects/big.bin" || true
    local out code t
    out="$(curl -sS "${A[@]}" -o "$WORK/put.json" -w '%{http_code} %{time_total}' -T "$WORK/src.bin" \
        "$G/buckets/$1/objects/big.bin")"
    read -r code t <<<"$out"
    [ "$code" = 201 ] || die "PUT $1 answered $code: $(cat "$WORK/put.json")"
    grep -q "\"sha256\":\"$SRC_SHA\"" "$WORK/put.json" || die "PUT $1 reported another SHA-256: $(cat "$WORK/put.json")"
    echo "$t"
}
# get BUCKET -> prints seconds; the body (written to a file, hashed after the clock stops) must match
get() {
    local out code n t
    out="$(curl -sS "${A[@]}" -o "$WORK/get.bin" -w '%{http_code} %{size_download} %{time_total}' \
        "$G/buckets/$1/objects/big.bin")"
    read -r code n t <<<"$out"
    [ "$code" = 200 ] || die "GET $1 answered $code"
    [ "$n" = "$SIZE" ] || die "GET $1 returned $n bytes, expected $SIZE"
    [ "$(sha256sum "$WORK/get.bin" | cut -d' ' -f1)" = "$SRC_SHA" ] || die "GET $1 returned other bytes"
    rm -f "$WORK/get.bin"
    echo "$t"
}

echo "== waiting for the 1-minute load average to drop below $LOAD_MAX (up to ${LOAD_WAIT_S} s)"
waited=0
while [ "$(echo "$(load1) >= $LOAD_MAX" | bc -l)" = 1 ] && [ "$waited" -lt "$LOAD_WAIT_S" ]; do
    [ $((waited % 60)) = 0 ] && echo "   load $(load1) after ${waited} s"
    sleep 10; waited=$((waited + 10))
done
LOAD_START="$(load1)"
if [ "$(echo "$LOAD_START >= $LOAD_MAX" | bc -l)" = 1 ]; then
    echo "   WARNING: load still $LOAD_START after ${waited} s; measuring anyway"
fi
echo "   measuring at load average $(cut -d' ' -f1-3 /proc/loadavg) (waited ${waited} s)"

BEST_PUT_P="" BEST_PUT_E="" BEST_GET_P="" BEST_GET_E=""
ROUND_LOADS=""
for r in $(seq 1 "$ROUNDS"); do
    # alternate which bucket goes first, so a drifting machine load does not favour one side
    if [ $((r % 2)) = 1 ]; then order="plain enc"; else order="enc plain"; fi
    line="   round $r (load $(load1)):"
    ROUND_LOADS="$ROUND_LOADS $(load1)"
    for b in $order; do
        t="$(put "$b")"
        line="$line PUT $b $(mibs "$t") MiB/s,"
        if [ "$b" = plain ]; then BEST_PUT_P=$(min "$BEST_PUT_P" "$t"); else BEST_PUT_E=$(min "$BEST_PUT_E" "$t"); fi
    done
    for b in $order; do
        t="$(get "$b")"
        line="$line GET $b $(mibs "$t") MiB/s,"
        if [ "$b" = plain ]; then BEST_GET_P=$(min "$BEST_GET_P" "$t"); else BEST_GET_E=$(min "$BEST_GET_E" "$t"); fi
    done
    echo "${line%,}"
done
LOAD_END="$(load1)"

# sanity: the encrypted bucket's stored bytes are not the plaintext
STORED="$(find "$WORK/data/enc" -type f -size +$((SIZE / 1024 / 2))k -print -quit)"
[ -n "$STORED" ] || die "no stored object found under $WORK/data/enc"
if cmp -s -n 1048576 "$STORED" "$WORK/src.bin"; then die "the encrypted bucket stored plaintext"; fi
STORED_SIZE=$(stat -c %s "$STORED")

RSS=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$GW_PID/status")
kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true
GW_PID=""

echo
echo "== results: ${SIZE_MIB} MiB object, best of $ROUNDS rounds, curl on loopback, filesystem backend, $(nproc) cores"
printf '%-28s %10s %12s %8s\n' "" plain encrypted ratio
printf '%-28s %10s %12s %8s\n' "PUT (MiB/s)" "$(mibs "$BEST_PUT_P")" "$(mibs "$BEST_PUT_E")" "$(ratio "$BEST_PUT_P" "$BEST_PUT_E")"
printf '%-28s %10s %12s %8s\n' "GET, SHA-256 checked (MiB/s)" "$(mibs "$BEST_GET_P")" "$(mibs "$BEST_GET_E")" "$(ratio "$BEST_GET_P" "$BEST_GET_E")"
echo "gateway peak RSS (VmHWM, -Xmx$XMX): $RSS MiB"
echo "stored encrypted object: $STORED_SIZE bytes for $SIZE bytes of plaintext"
echo "load average: $LOAD_START at start, per round:$ROUND_LOADS, $LOAD_END at end (target < $LOAD_MAX)"
