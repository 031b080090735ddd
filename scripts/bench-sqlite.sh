#!/usr/bin/env bash
# Benchmarks (not tests). Prints Godwit against the sqlite3 shell on the same work, then the splitter's JMH figures.
#   scripts/bench-sqlite.sh [migrations=1000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl godwit-bench -am package
java -cp godwit-bench/target/godwit-bench.jar dev.godwit.bench.SqliteEndToEnd "${1:-1000}" "${2:-5}"
java -jar godwit-bench/target/godwit-bench.jar SplitterBenchmark
