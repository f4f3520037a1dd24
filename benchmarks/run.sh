#!/usr/bin/env bash
# Runs Inflow's benchmarks with one command and writes the results into docs/benchmarks.md.
#
#   benchmarks/run.sh            # the full run (about 35 minutes on 2 cores, 1M activities and 1M comments per database included)
#   benchmarks/run.sh --quick    # a smoke run of the harness itself (about 2 minutes; report under benchmarks/results/)
#   benchmarks/run.sh --help     # options: --databases, --scenarios (comments,live,scaling,feed,waline,similar), --live-connections, --scale, --questions, --profile
#
# It builds what it needs, installs wrk from Debian if missing, starts a private PostgreSQL with
# fsync on (scripts/postgres.sh), and starts the measured server itself, on H2 then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

if ! command -v wrk >/dev/null 2>&1; then
  echo "[run.sh] installing wrk from Debian"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi
fi
if [ ! -x /usr/lib/postgresql/*/bin/initdb ] 2>/dev/null && [[ " $* " != *" --databases h2 "* ]]; then
  echo "[run.sh] installing the PostgreSQL server from Debian"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql; else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql; fi
fi

# The Waline peer (npm's @waline/vercel) needs Node and npm, and a C++ toolchain to compile its
# SQLite driver against this Node's headers (its own install would download a binary from GitHub).
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs npm libnode-dev)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[run.sh] installing ${missing[*]} from Debian (for the Waline peer)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "${missing[@]}"; else sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}"; fi
fi

echo "[run.sh] building (./mvnw -q -pl benchmarks -am package -DskipTests)"
./mvnw -q -pl benchmarks -am package -DskipTests

# 10k WebSockets need 10k file descriptors in the server and as many in the load generator.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
  echo "[run.sh] warning: ulimit -n is $(ulimit -n); 10k live connections need about 10100 per process" >&2
fi

CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"
# The load generator holds up to 10k client WebSockets (about 1 GiB of heap at 10k).
exec java -Xms512m -Xmx3g -XX:+UseG1GC -cp "$CP" dev.inflow.benchmarks.Main --root "$ROOT" "$@"
