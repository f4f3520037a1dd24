#!/usr/bin/env bash
# The whole test suite, as CI runs it: every module on H2 and on PostgreSQL, the REST API on Jetty
# 12 and Tomcat 10.1, and the browser tests in headless Chromium.
#
#   scripts/test.sh                      # ./mvnw -B verify, every module
#   scripts/test.sh install              # the same, then installs the jars into ~/.m2
#   scripts/test.sh -pl examples -am     # further arguments go to Maven
#
# On Debian it installs what is missing (a JDK, chromium, chromium-driver, postgresql, python3, nodejs, npm;
# with sudo when not root), starts a private PostgreSQL on a free port, runs ./mvnw -B verify,
# stops the database again (also on failure or Ctrl-C) and exits with Maven's status. A part that
# cannot be had fails the run: nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

say() {
  echo "test.sh: $*" >&2
}

fail() {
  say "$*"
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    fail "installing needs root or sudo: $*"
  fi
}

java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

missing=()
if ! command -v javac >/dev/null || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  missing+=(openjdk-17-jdk-headless)
fi
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v python3 >/dev/null || missing+=(python3) # scripts/postgres.sh picks a free port with it
# npm fetches axe-core for the accessibility tests; node runs the non-Java host example.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null \
    || fail "missing ${missing[*]}; this script installs them only on Debian (apt-get), install them yourself"
  say "installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v javac >/dev/null || fail "no JDK after installing: javac is not on the PATH"
[ "$(java_major)" -ge 17 ] || fail "Java 17 or newer is needed, 'java' is $(java_major); put a newer JDK first on the PATH"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after installing chromium"
[ -x /usr/bin/chromedriver ] || fail "/usr/bin/chromedriver is missing after installing chromium-driver"
command -v node >/dev/null || fail "node is missing after installing nodejs"
command -v npm >/dev/null || fail "npm is missing after installing npm"

PG_DIR=
stop_postgres() {
  if [ -n "$PG_DIR" ]; then
    scripts/postgres.sh stop "$PG_DIR"
    PG_DIR=
  fi
}
trap stop_postgres EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

pg_env=$(scripts/postgres.sh start) || fail "the private PostgreSQL did not start (see above)"
eval "$pg_env"
PG_DIR=$INFLOW_PG_DIR
export INFLOW_TEST_POSTGRES_URL
say "PostgreSQL for the tests on 127.0.0.1:$INFLOW_PG_PORT"

PHASE=verify
if [ "${1:-}" = install ]; then
  PHASE=install
  shift
fi

started=$(date +%s)
status=0
./mvnw -B --no-transfer-progress "$PHASE" -Dinflow.test.postgres.url="$INFLOW_TEST_POSTGRES_URL" "$@" || status=$?
say "Maven finished with status $status after $(( $(date +%s) - started )) s"
exit "$status"
