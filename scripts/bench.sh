#!/usr/bin/env bash
# The comparison benchmark (not a test): Godwit against raw sqlite3/psql, a JVM+JDBC floor and Flyway on the same
# generated workloads, in interleaved rounds; prints one table with wall/CPU time, peak RSS, ratios and goals.
#   scripts/bench.sh [rounds=3] [migrations=1000] [inserts=200000]
# PostgreSQL rows run on GODWIT_BENCH_PG_URL, else on the local server that scripts/start-postgres.sh starts.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
if [ -z "${GODWIT_BENCH_PG_URL:-}" ]; then
  bash scripts/start-postgres.sh
  export GODWIT_BENCH_PG_URL="postgres://godwit:godwit@127.0.0.1:5432/postgres"
fi
./godwit --version >/dev/null   # builds the CLI the way a user gets it
mvn -q -B -DskipTests -pl godwit-bench -am package dependency:build-classpath \
  -Dmdep.outputFile="$PWD/godwit-bench/target/classpath.txt" >&2
exec java -cp "$PWD/godwit-bench/target/classes:$(cat godwit-bench/target/classpath.txt)" dev.godwit.bench.Comparison \
  "$PWD" "${1:-3}" "${2:-1000}" "${3:-200000}"
