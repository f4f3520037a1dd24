#!/usr/bin/env bash
# The home-feed benchmark (issue 5): home feed page p99 at 10k users as a ratio to a primary-key
# look-up in the same run, and the posting rate of an author with 5k followers, on H2 and on a
# private PostgreSQL (fsync on, like benchmarks/run.sh). In-process, through the core API.
#
#   benchmarks/feed.sh [ACTIVITIES [USERS [no-inline]]]   # defaults 1000000 and 10000; the load takes most of the time;
#                                                       # no-inline skips posting with the fan-out inside the post
#
# Output: one line per figure, also written to benchmarks/results/feed-<time>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIVITIES=${1:-1000000}
USERS=${2:-10000}
INLINE=${3:-inline}
./mvnw -q -pl benchmarks -am package -DskipTests
# benchmarks/pom.xml writes the runtime classpath there at package time.
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
mkdir -p benchmarks/results
OUT=benchmarks/results/feed-$(date -u +%Y%m%d-%H%M%S).txt
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
echo "== H2 (file mode)" | tee -a "$OUT"
java -Xmx2g -cp "$CP" dev.inflow.benchmarks.feed.FeedBenchmark "jdbc:h2:file:$DATA/h2/inflow" "$ACTIVITIES" "$USERS" "$INLINE" | tee -a "$OUT"
echo "== PostgreSQL (private, fsync on)" | tee -a "$OUT"
eval "$(FSYNC=on scripts/postgres.sh start)"
trap 'scripts/postgres.sh stop "$INFLOW_PG_DIR"; rm -rf "$DATA"' EXIT
java -Xmx2g -cp "$CP" dev.inflow.benchmarks.feed.FeedBenchmark "$INFLOW_TEST_POSTGRES_URL" "$ACTIVITIES" "$USERS" "$INLINE" | tee -a "$OUT"
echo "results: $OUT"
