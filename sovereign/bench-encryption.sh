#!/usr/bin/env bash
# Encrypted vs plain PUT/GET throughput of one large object on the filesystem backend.
# Usage: sovereign/bench-encryption.sh [size-MiB=1024] [rounds=2] [data-dir=$TMPDIR]
# Prints MiB/s for each and the ratio encrypted/plain (target >= 0.7).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mvn -B -q -o -f sovereign/pom.xml test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -f sovereign/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java -Xmx256m -cp "sovereign/target/test-classes:sovereign/target/classes:$(cat "$cp_file")" \
  dev.passerelle.sovereign.bench.EncryptionBenchmark "${1:-1024}" "${2:-2}" ${3:+"$3"}
