#!/usr/bin/env bash
# Benchmark (not a test): N small migrations (default 1000) applied by Godwit vs the same statements by psql -f,
# on the server of GODWIT_TEST_PG_URL (default postgres://godwit:godwit@127.0.0.1:5432/postgres).
# Usage: scripts/bench-postgres.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/start-postgres.sh
mvn -q -B -DskipTests package -pl godwit-cli -am >&2
exec java -cp godwit-cli/target/test-classes:godwit-cli/target/godwit.jar dev.godwit.cli.PostgresBenchmark \
  "${1:-1000}" godwit-cli/target/godwit.jar
