#!/usr/bin/env bash
# Benchmark (not a test): a fleet of SQLite files migrated by `godwit up --each` (--jobs 1 and --jobs cores), by a
# shell loop of sqlite3, and by a loop of single godwit runs (a sample).
#   scripts/bench-fleet.sh [databases=2000] [migrations=20] [single-run sample=40]
#   scripts/bench-fleet.sh --postgres [schemas=200] [migrations=20]   (GODWIT_TEST_PG_URL's server, see start-postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dmaven.test.skip=true -pl godwit-cli,godwit-bench -am package
if [ "${1:-}" = "--postgres" ]; then
  bash scripts/start-postgres.sh
  exec java -cp godwit-bench/target/godwit-bench.jar dev.godwit.bench.PostgresFleetBenchmark "${2:-200}" "${3:-20}" \
    godwit-cli/target/godwit.jar
fi
java -cp godwit-bench/target/godwit-bench.jar dev.godwit.bench.FleetBenchmark "${1:-2000}" "${2:-20}" "${3:-40}" \
  godwit-cli/target/godwit.jar
