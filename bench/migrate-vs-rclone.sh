#!/usr/bin/env bash
# Benchmark: passerelle-migrate against rclone on the same source and destination servers.
#
#   bench/migrate-vs-rclone.sh [WORKDIR]
#
# Generates a seeded dataset (2,000 objects of 1-256 KiB plus 4 of 128 MiB) as ordinary files,
# then, in the same run and with the same kind of servers, times:
#   (a) passerelle-migrate copy --verify none    vs  rclone copy
#   (b) passerelle-migrate copy (readback)       vs  rclone copy + rclone check --download
# ROUNDS=N repeats each pair's four timed runs N times and also prints the median ratios (runs of the
# same build vary by about 10% on a small machine).
# Pairs: filesystem (a plain directory, read by both tools) -> Azurite, and, when the CLI carries the
# S3 backend, filesystem -> S3Proxy and S3Proxy -> Azurite (ONLY="az s3 s3az" picks some). Both tools
# run at the same concurrency (PARALLEL, default 8). Each timed run writes into a destination server
# started for it on empty storage and warmed up (untimed) by the same tool.
# The CLI runs through bin/passerelle-migrate (its JVM defaults and AppCDS archive; HEAP adds options).
# Prints wall time, objects/s, MiB/s, peak RSS (from /usr/bin/time), the CPU seconds of the tool and of
# the pair's servers, and the ratios.
# Needs: java, the packaged CLI (built if missing), node_modules of test-servers (mvn -pl test-servers
# install), rclone (Debian package), /usr/bin/time, /usr/bin/python3. Starts Azurite/S3Proxy on free
# loopback ports and stops them (by PID).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${1:-$(mktemp -d /tmp/passerelle-bench.XXXXXX)}"
PARALLEL="${PARALLEL:-8}"
# JVM options for the CLI (e.g. HEAP=-Xmx256m); empty: bin/passerelle-migrate's defaults
HEAP="${HEAP:-}"
# run only these pairs (space-separated: az s3 s3az); empty: every pair the CLI carries
ONLY="${ONLY:-}"
SMALL="${SMALL:-2000}"
# how many times each pair's four timed runs are repeated (interleaved); above 1 the median ratio is printed too
ROUNDS="${ROUNDS:-1}"
LARGE="${LARGE:-4}"
APP="$ROOT/migration/cli/target/quarkus-app/quarkus-run.jar"
CLI="$ROOT/bin/passerelle-migrate"
mkdir -p "$WORK"
# rclone 1.60 fails every S3 call when AWS_CA_BUNDLE is set (see STACK.md)
unset AWS_CA_BUNDLE

for tool in java rclone /usr/bin/time /usr/bin/python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: '$tool' is required" >&2; exit 2; }
done
[ -f "$APP" ] || "$ROOT/bin/passerelle-migrate" --version >/dev/null

declare -A PORT SPID
# stops the servers this script started (by PID; see stop_server)
cleanup() {
    local name
    for name in "${!SPID[@]}"; do stop_server "$name"; done
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: nothing listens on $1" >&2; exit 2; }

# ---- dataset (seeded, as plain files: both tools read the same directory) -----------------------
DATA="$WORK/plain/bench"
if [ ! -f "$WORK/plain/.complete" ]; then
    echo "generating $SMALL objects of 1-256 KiB and $LARGE of 128 MiB in $DATA ..." >&2
    /usr/bin/python3 - "$DATA" "$SMALL" "$LARGE" <<'PY'
import os, random, sys
root, small, large = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20261129)
for i in range(small):
    d = os.path.join(root, "small", "%02d" % (i % 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "obj-%05d.bin" % i), "wb") as f:
        f.write(rng.randbytes(rng.randint(1024, 256 * 1024)))
os.makedirs(os.path.join(root, "large"), exist_ok=True)
for i in range(large):
    with open(os.path.join(root, "large", "blob-%d.bin" % i), "wb") as f:
        for _ in range(128):
            f.write(rng.randbytes(1 << 20))
PY
    touch "$WORK/plain/.complete"
fi
OBJECTS=$((SMALL + LARGE))
BYTES=$(du -sb "$DATA" | cut -f1)

# ---- servers -------------------------------------------------------------------------------------
# Every timed run writes into a destination server started just before it on empty storage, after an
# untimed warm-up by the same tool: what earlier runs left there (Azurite's blob database grows with
# every blob and slows it down) would otherwise favour whichever tool runs first.
AZ_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
PORT[az]=$(free_port)
AZ_ENDPOINT="http://127.0.0.1:${PORT[az]}/devstoreaccount1"
S3_ENABLED=0
grep -q "passerelle-backend-s3" "$ROOT/migration/cli/target/quarkus-app/quarkus-app-dependencies.txt" 2>/dev/null && S3_ENABLED=1
[ "$S3_ENABLED" = 1 ] && PORT[s3]=$(free_port) && PORT[s3src]=$(free_port)

# start_server NAME: (re)starts az (Azurite), s3 (S3Proxy, a destination) or s3src (S3Proxy, the
# source of the S3Proxy -> Azurite pair) on its port with empty storage
start_server() {
    local name="$1" dir="$WORK/server-$1"
    stop_server "$name"
    rm -rf "$dir"; mkdir -p "$dir/data"
    if [ "$name" = az ]; then
        "$ROOT/test-servers/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "${PORT[az]}" --location "$dir/data" \
            --disableTelemetry --skipApiVersionCheck --loose >"$dir/log" 2>&1 &
    else
        cat >"$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:${PORT[$name]}
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
jclouds.identity=unused
jclouds.credential=unused
CONF
        java -Xmx512m -jar "$ROOT/test-servers/target/servers/s3proxy.jar" --properties "$dir/s3proxy.conf" >"$dir/log" 2>&1 &
    fi
    SPID[$name]=$!
    wait_port "${PORT[$name]}"
}
stop_server() {
    local pid="${SPID[$1]:-}"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    SPID[$1]=""
}

# per pair: each tool's source, the destination server, the servers whose CPU is measured, extra CLI
# options, a title
declare -A PM_SRC RC_SRC DST MEASURED PM_EXTRA TITLE
PAIRS=("az")
PM_SRC[az]="src:bench" RC_SRC[az]="$DATA" DST[az]=az MEASURED[az]="az" TITLE[az]="filesystem -> Azurite"
if [ "$S3_ENABLED" = 1 ]; then
    PM_SRC[s3]="src:bench" RC_SRC[s3]="$DATA" DST[s3]=s3 MEASURED[s3]="s3" TITLE[s3]="filesystem -> S3Proxy"
    # S3Proxy -> Azurite: two remote hosts (the issue's example); both servers' CPU is counted. The
    # source bucket is loaded by rclone (objects without Passerelle checksums, as a foreign host's
    # would be); S3Proxy's file store lists top-level keys in UTF-16 order, hence --sort-listings
    PM_SRC[s3az]="s3src:bench" RC_SRC[s3az]="s3src:bench" DST[s3az]=az MEASURED[s3az]="s3src az" PM_EXTRA[s3az]="--sort-listings"
    TITLE[s3az]="S3Proxy -> Azurite"
    PAIRS+=("s3" "s3az")
fi

rm -rf "$WORK/state"
cat >"$WORK/migrate.properties" <<CONF
passerelle.state-dir=$WORK/state
passerelle.backends.src.type=filesystem
passerelle.backends.src.layout=plain
passerelle.backends.src.root=$WORK/plain
passerelle.backends.az.type=azure
passerelle.backends.az.connection-string=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZ_KEY;BlobEndpoint=$AZ_ENDPOINT;
passerelle.default-backend=src
CONF
if [ "$S3_ENABLED" = 1 ]; then
    for name in s3 s3src; do
        cat >>"$WORK/migrate.properties" <<CONF
passerelle.backends.$name.type=s3
passerelle.backends.$name.preset=minio
passerelle.backends.$name.endpoint=http://127.0.0.1:${PORT[$name]}
passerelle.backends.$name.region=us-east-1
passerelle.backends.$name.access-key=bench
passerelle.backends.$name.secret-key=bench-secret
passerelle.backends.$name.path-style=true
CONF
    done
fi

export RCLONE_CONFIG_AZ_TYPE=azureblob RCLONE_CONFIG_AZ_ACCOUNT=devstoreaccount1 RCLONE_CONFIG_AZ_KEY="$AZ_KEY" \
       RCLONE_CONFIG_AZ_ENDPOINT="$AZ_ENDPOINT" RCLONE_CONFIG_AZ_USE_EMULATOR=true
if [ "$S3_ENABLED" = 1 ]; then
    export RCLONE_CONFIG_S3_TYPE=s3 RCLONE_CONFIG_S3_PROVIDER=Other RCLONE_CONFIG_S3_ACCESS_KEY_ID=bench \
           RCLONE_CONFIG_S3_SECRET_ACCESS_KEY=bench-secret RCLONE_CONFIG_S3_ENDPOINT="http://127.0.0.1:${PORT[s3]}" \
           RCLONE_CONFIG_S3_REGION=us-east-1 RCLONE_CONFIG_S3_FORCE_PATH_STYLE=true
    export RCLONE_CONFIG_S3SRC_TYPE=s3 RCLONE_CONFIG_S3SRC_PROVIDER=Other RCLONE_CONFIG_S3SRC_ACCESS_KEY_ID=bench \
           RCLONE_CONFIG_S3SRC_SECRET_ACCESS_KEY=bench-secret RCLONE_CONFIG_S3SRC_ENDPOINT="http://127.0.0.1:${PORT[s3src]}" \
           RCLONE_CONFIG_S3SRC_REGION=us-east-1 RCLONE_CONFIG_S3SRC_FORCE_PATH_STYLE=true
fi

# ---- timing --------------------------------------------------------------------------------------
# run LABEL CMD... : runs under /usr/bin/time, records seconds, peak RSS (KiB) and the CPU seconds the
# pair's servers spent meanwhile (a server is often the bottleneck: both tools must make it do the
# same work, so its CPU shows whether one tool asks more of it); fails loudly
declare -A SECS RSS SRV CPU
server_ticks() {
    local name total=0
    for name in ${MEASURED[$CURRENT_PAIR]}; do total=$(( total + $(awk '{print $14 + $15}' "/proc/${SPID[$name]}/stat") )); done
    echo "$total"
}
run() {
    local label="$1"; shift
    local t="$WORK/time-$label.txt"
    local start end t0
    t0=$(server_ticks)
    start=$(date +%s.%N)
    if ! /usr/bin/time -v -o "$t" "$@" >"$WORK/out-$label.log" 2>&1; then
        echo "bench: '$label' failed, see $WORK/out-$label.log" >&2
        tail -5 "$WORK/out-$label.log" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    SECS[$label]=$(echo "$end - $start" | bc -l)
    SRV[$label]=$(echo "($(server_ticks) - $t0) / $(getconf CLK_TCK)" | bc -l)
    CPU[$label]=$(echo "$(sed -n 's/.*User time (seconds): //p' "$t") + $(sed -n 's/.*System time (seconds): //p' "$t")" | bc -l)
    RSS[$label]=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
}
# pm ARGS... / rc ARGS...: the two tools at the same concurrency
pm() {
    # shellcheck disable=SC2086
    "$CLI" $HEAP copy --config "$WORK/migrate.properties" --parallel "$PARALLEL" --quiet "${EXTRA[@]+"${EXTRA[@]}"}" "$@"
}
rc() { rclone "$@" --transfers "$PARALLEL" --checkers "$PARALLEL"; }
# fresh TOOL: a destination server on empty storage, warmed up (its JIT, caches) untimed by that tool
fresh() {
    start_server "$DEST"
    if [ "$1" = pm ]; then
        pm --from "$PM_FROM/small" --to "$DEST:warmup" --verify none >/dev/null 2>&1 || { echo "bench: passerelle warm-up into $DEST failed" >&2; exit 1; }
    else
        rc copy "$RC_FROM/small" "$DEST:warmup" >/dev/null 2>&1 || { echo "bench: rclone warm-up into $DEST failed" >&2; exit 1; }
    fi
}
# run_pair PAIR: the four timed runs, each into a fresh destination server
run_pair() {
    local pair="$1"
    DEST="${DST[$pair]}" PM_FROM="${PM_SRC[$pair]}" RC_FROM="${RC_SRC[$pair]}"
    EXTRA=()
    read -r -a EXTRA <<<"${PM_EXTRA[$pair]:-}"
    fresh pm; run "$pair-a-passerelle" "$CLI" $HEAP copy --config "$WORK/migrate.properties" --parallel "$PARALLEL" --quiet \
        "${EXTRA[@]+"${EXTRA[@]}"}" --from "$PM_FROM" --to "$DEST:copied" --verify none
    fresh rc; run "$pair-a-rclone" rclone copy "$RC_FROM" "$DEST:copied" --transfers "$PARALLEL" --checkers "$PARALLEL"
    fresh pm; run "$pair-b-passerelle" "$CLI" $HEAP copy --config "$WORK/migrate.properties" --parallel "$PARALLEL" --quiet \
        "${EXTRA[@]+"${EXTRA[@]}"}" --from "$PM_FROM" --to "$DEST:proved" --verify readback
    fresh rc
    local s e
    s=$(date +%s.%N)
    run "$pair-b-rclone-copy" rclone copy "$RC_FROM" "$DEST:proved" --transfers "$PARALLEL" --checkers "$PARALLEL"
    run "$pair-b-rclone-check" rclone check "$RC_FROM" "$DEST:proved" --download --checkers "$PARALLEL"
    e=$(date +%s.%N)
    SECS[$pair-b-rclone]=$(echo "$e - $s" | bc -l)
    SRV[$pair-b-rclone]=$(echo "${SRV[$pair-b-rclone-copy]} + ${SRV[$pair-b-rclone-check]}" | bc -l)
    CPU[$pair-b-rclone]=$(echo "${CPU[$pair-b-rclone-copy]} + ${CPU[$pair-b-rclone-check]}" | bc -l)
    RSS[$pair-b-rclone]=$(( RSS[$pair-b-rclone-copy] > RSS[$pair-b-rclone-check] ? RSS[$pair-b-rclone-copy] : RSS[$pair-b-rclone-check] ))
}
# median X... : the middle value (the mean of the two middle ones for an even count)
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
report() {
    local label="$1" s="${SECS[$1]}"
    printf "  %-22s %7.1f s %8.1f obj/s %7.1f MiB/s  RSS %4d MiB  CPU %5.1f s  server CPU %5.1f s\n" "$label" "$s" \
        "$(echo "$OBJECTS / $s" | bc -l)" "$(echo "$BYTES / 1048576 / $s" | bc -l)" "$(( ${RSS[$label]} / 1024 ))" "${CPU[$label]}" "${SRV[$label]}"
}

echo "dataset: $OBJECTS objects, $((BYTES / 1048576)) MiB; concurrency $PARALLEL; CLI JVM ${HEAP:-launcher defaults}; $(rclone version 2>/dev/null | sed -n 1p)"
for pair in "${PAIRS[@]}"; do
    if [ -n "$ONLY" ] && [[ " $ONLY " != *" $pair "* ]]; then continue; fi
    CURRENT_PAIR="$pair"
    if [ "$pair" = s3az ]; then
        start_server s3src
        rc copy "$DATA" s3src:bench >/dev/null 2>&1 || { echo "bench: loading the dataset into S3Proxy failed" >&2; exit 1; }
    fi
    RA=() RB=()
    for round in $(seq 1 "$ROUNDS"); do
        run_pair "$pair"
        echo "${TITLE[$pair]}:$([ "$ROUNDS" = 1 ] || echo " round $round of $ROUNDS")"
        echo " (a) copy without verification"
        report "$pair-a-passerelle"; report "$pair-a-rclone"
        RA+=("$(echo "${SECS[$pair-a-rclone]} / ${SECS[$pair-a-passerelle]}" | bc -l)")
        printf "      ratio passerelle/rclone throughput: %.2fx (target >= 1.0)\n" "${RA[-1]}"
        echo " (b) copy with proof (passerelle readback vs rclone copy + check --download)"
        report "$pair-b-passerelle"; report "$pair-b-rclone"
        RB+=("$(echo "${SECS[$pair-b-rclone]} / ${SECS[$pair-b-passerelle]}" | bc -l)")
        printf "      ratio passerelle/rclone throughput: %.2fx (target >= 1.5)\n" "${RB[-1]}"
    done
    if [ "$ROUNDS" -gt 1 ]; then
        printf "  %s, median of %d rounds: (a) %.2fx [%s]  (b) %.2fx [%s]\n" "${TITLE[$pair]}" "$ROUNDS" \
            "$(median "${RA[@]}")" "$(printf '%.2f ' "${RA[@]}" | sed 's/ $//')" "$(median "${RB[@]}")" "$(printf '%.2f ' "${RB[@]}" | sed 's/ $//')"
    fi
done
[ "$S3_ENABLED" = 1 ] || echo "(filesystem -> S3Proxy and S3Proxy -> Azurite skipped: the CLI does not carry the S3 backend)"
echo "work directory: $WORK"
