#!/usr/bin/env bash
# Starts the intranet demo at http://localhost:${INFLOW_PORT:-8080}: a made-up company intranet
# whose policy, order and course pages each carry an Inflow discussion, seeded on first start.
#
#   scripts/demo.sh                                        # data in ./data, port 8080
#   INFLOW_PORT=8090 INFLOW_JDBC_URL=jdbc:h2:file:/tmp/demo/db scripts/demo.sh
#
# Every INFLOW_* setting of the standalone server applies (README.md, "Configuration"); JAVA_OPTS
# go to the JVM (e.g. JAVA_OPTS=-Xmx256m).
# Needs a JDK 17 or newer; Maven comes through ./mvnw. The first start builds (and downloads the
# dependencies, about a minute); later starts reuse the build unless a source or pom changed.
set -euo pipefail
cd "$(dirname "$0")/.."

MAIN=dev.inflow.examples.intranet.IntranetDemo
STATE=examples/target/demo
MODULES=(sdk-core sdk-servlet examples)

fail() {
  echo "demo.sh: $*" >&2
  exit 1
}

if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
  JAVAC="$JAVA_HOME/bin/javac"
else
  JAVA=$(command -v java || true)
  JAVAC=$(command -v javac || true)
fi
[ -n "$JAVA" ] && [ -x "$JAVA" ] \
  || fail "Java 17 or newer is needed but no 'java' was found; install a JDK (Debian: apt-get install -y openjdk-17-jdk-headless) or set JAVA_HOME"
JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${JAVA_VERSION%%.*}" -ge 17 ] 2>/dev/null \
  || fail "Java 17 or newer is needed, $JAVA is Java ${JAVA_VERSION:-of unknown version}; install a newer JDK or point JAVA_HOME at one"

# What the demo runs is decided by these files; tests do not matter for it.
sources_hash() {
  local dirs=(pom.xml .mvn)
  for m in "${MODULES[@]}"; do dirs+=("$m/pom.xml" "$m/src/main"); done
  find "${dirs[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

classpath_complete() {
  [ -f "$STATE.classpath" ] || return 1
  local entry
  IFS=: read -r -a entries < "$STATE.classpath" || true
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 1
  done
  for m in "${MODULES[@]}"; do
    [ -d "$m/target/classes" ] || return 1
  done
}

HASH=$(sources_hash)
# Unchanged sources: start at once, quietly, so that the demo's own start line (or its one-line
# complaint about a setting) is all there is to read.
if [ "$(cat "$STATE.hash" 2>/dev/null)" != "$HASH" ] || ! classpath_complete; then
  [ -n "$JAVAC" ] && [ -x "$JAVAC" ] \
    || fail "building the demo needs a JDK, not just a JRE: 'javac' is missing (Debian: apt-get install -y openjdk-17-jdk-headless)"
  echo "demo.sh: building the demo with ./mvnw (the first build downloads the dependencies, about a minute)..." >&2
  rm -f "$STATE.hash"
  # test-compile rather than compile: sdk-servlet and examples use sdk-core's test-jar, and Maven
  # resolves a test-jar inside one build only once test classes are compiled. No test is run.
  ./mvnw -q -B --no-transfer-progress -pl examples -am test-compile dependency:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile=target/demo.classpath \
    || fail "the build failed (see Maven's messages above); fix it and run scripts/demo.sh again"
  echo "$HASH" > "$STATE.hash"
fi

CLASSPATH_OF_DEMO="examples/target/classes:$(cat "$STATE.classpath")"
# exec: Ctrl-C reaches the demo directly, which finishes requests in flight and closes the database.
exec "$JAVA" ${JAVA_OPTS:-} -cp "$CLASSPATH_OF_DEMO" "$MAIN" "$@"
