#!/usr/bin/env bash
# Takes the screenshots of the README and docs/ into docs/images/, each from the real thing running
# on a fresh database and a free port, in headless Chromium:
#
#   demo             demo.png             the intranet demo's travel policy page (scripts/demo.sh)
#   elements         <element>-light.png, -dark.png, -narrow.png (360 px) for every element, and
#                    comments-brand.png (a host's own look): sdk-servlet's WidgetScreenshots, on the
#                    browser tests' gallery of elements with sample data
#   plain-container  plain-container.png  the sample WAR of sdk-servlet's tests, deployed into Tomcat 10.1
#   spring-boot      spring-boot.png      examples/spring-boot, signed in through Spring Security
#   node-host        node-host.png        examples/node-host (Node.js) embedding the standalone server
#   operator         operator.png         the standalone server's tenant and export commands in a terminal
#
#   scripts/screenshots.sh                  # all of them
#   scripts/screenshots.sh spring-boot ...  # only these
#
# Needs what demo.sh needs, plus /usr/bin/chromium and /usr/bin/chromedriver, python3, node (18+),
# npm (the element tests' axe-core)
# and an emoji font (reactions would show as empty boxes without one). Pages that need a signed-in
# user are driven by scripts/screenshot.py over WebDriver; nothing is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "screenshots.sh: $*" >&2
  exit 1
}

ALL=(demo elements plain-container spring-boot node-host operator)
WANTED=("$@")
[ ${#WANTED[@]} -gt 0 ] || WANTED=("${ALL[@]}")
for w in "${WANTED[@]}"; do
  [[ " ${ALL[*]} " == *" $w "* ]] || fail "unknown screenshot '$w'; pick from: ${ALL[*]}"
done
wanted() {
  [[ " ${WANTED[*]} " == *" $1 "* ]]
}

[ -x /usr/bin/chromium ] || fail "needs /usr/bin/chromium (Debian: apt-get install -y chromium)"
[ -x /usr/bin/chromedriver ] || fail "needs /usr/bin/chromedriver (Debian: apt-get install -y chromium-driver)"
command -v python3 >/dev/null || fail "needs python3 (Debian: apt-get install -y python3)"
fc-list 2>/dev/null | grep -qi "color emoji" \
  || fail "needs an emoji font, or the reactions show as boxes (Debian: apt-get install -y fonts-noto-color-emoji)"

WORK=$(mktemp -d /tmp/inflow-screenshots.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p docs/images

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until the URL answers (any status), or fails with the log of the process that should answer.
await_url() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 300); do
    if python3 -c "import urllib.request,urllib.error,sys
try: urllib.request.urlopen('$url', timeout=1)
except urllib.error.HTTPError: pass" 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "$url: the process stopped before it answered"; }
    sleep 1
  done
  cat "$log" >&2
  fail "$url did not answer within 5 minutes"
}

# Stops the processes started so far (each screenshot starts its own).
stop_all() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}

if wanted demo; then
  PORT=$(free_port)
  INFLOW_PORT=$PORT INFLOW_JDBC_URL="jdbc:h2:file:$WORK/demo/db" scripts/demo.sh >"$WORK/demo.log" 2>&1 &
  PIDS+=($!)
  await_url "http://localhost:$PORT/inflow/health" "$!" "$WORK/demo.log"
  # The window is tall enough for the policy and its discussion; the virtual time budget lets the widget load and render.
  /usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --disable-sync --user-data-dir="$WORK/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1280,2600 --virtual-time-budget=15000 --screenshot="$PWD/docs/images/demo.png" \
    "http://localhost:$PORT/policies/travel" >"$WORK/chromium.log" 2>&1 \
    || { cat "$WORK/chromium.log" >&2; fail "Chromium could not take the screenshot"; }
  echo "screenshots.sh: wrote docs/images/demo.png" >&2
  stop_all
fi

if wanted elements; then
  ./mvnw -q -B -pl sdk-servlet -am process-test-classes surefire:test@default-test -Dtest=WidgetScreenshots \
    -Dsurefire.failIfNoSpecifiedTests=false -Dinflow.screenshots="$PWD/docs/images" >"$WORK/elements.log" 2>&1 \
    || { tail -50 "$WORK/elements.log" >&2; fail "the element screenshots failed"; }
  echo "screenshots.sh: wrote" docs/images/*-{light,dark,narrow,brand}.png >&2
fi

if wanted plain-container || wanted spring-boot || wanted node-host || wanted operator; then
  # One build for the rest: the classes and the class path of sdk-servlet (with its tests, for the
  # sample WAR and Tomcat) and of the Spring Boot example.
  echo "screenshots.sh: building sdk-servlet and examples/spring-boot" >&2
  ./mvnw -q -B -pl sdk-servlet,examples/spring-boot -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.classpath >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; fail "the build failed"; }
  SERVLET_CP="$PWD/sdk-servlet/target/test-classes:$PWD/sdk-servlet/target/classes:$(cat sdk-servlet/target/screenshots.classpath)"
  BOOT_CP="$PWD/examples/spring-boot/target/classes:$(cat examples/spring-boot/target/screenshots.classpath)"
fi

if wanted plain-container; then
  PORT=$(free_port)
  (cd sdk-servlet && exec java -cp "$SERVLET_CP" dev.inflow.servlet.war.SampleWar "$PORT" "jdbc:h2:file:$WORK/war/db") >"$WORK/war.log" 2>&1 &
  PIDS+=($!)
  await_url "http://localhost:$PORT/intranet/inflow/health" "$!" "$WORK/war.log"
  python3 scripts/screenshot.py plain-container "http://localhost:$PORT/intranet" docs/images/plain-container.png
  echo "screenshots.sh: wrote docs/images/plain-container.png" >&2
  stop_all
fi

if wanted spring-boot; then
  PORT=$(free_port)
  (cd "$WORK" && exec java -cp "$BOOT_CP" dev.inflow.examples.springboot.TicketsApplication --server.port="$PORT" \
    --spring.datasource.url="jdbc:h2:file:$WORK/boot/tickets") >"$WORK/boot.log" 2>&1 &
  PIDS+=($!)
  await_url "http://localhost:$PORT/login" "$!" "$WORK/boot.log"
  python3 scripts/screenshot.py spring-boot "http://localhost:$PORT" docs/images/spring-boot.png
  echo "screenshots.sh: wrote docs/images/spring-boot.png" >&2
  stop_all
fi

if wanted node-host; then
  command -v node >/dev/null || fail "needs node, Node.js 18 or newer (Debian: apt-get install -y nodejs)"
  INFLOW_AT=$(free_port)
  NODE_PORT=$(free_port)
  SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
  (cd "$WORK" && INFLOW_PORT=$INFLOW_AT INFLOW_JDBC_URL="jdbc:h2:file:$WORK/standalone/db" INFLOW_TOKEN_SECRET=$SECRET \
    INFLOW_ALLOWED_ORIGINS="http://localhost:$NODE_PORT" exec java -cp "$SERVLET_CP" dev.inflow.servlet.server.InflowServer) \
    >"$WORK/standalone.log" 2>&1 &
  PIDS+=($!)
  await_url "http://localhost:$INFLOW_AT/inflow/health" "$!" "$WORK/standalone.log"
  PORT=$NODE_PORT INFLOW_URL="http://localhost:$INFLOW_AT" INFLOW_TOKEN_SECRET=$SECRET node examples/node-host/server.mjs >"$WORK/node.log" 2>&1 &
  PIDS+=($!)
  await_url "http://localhost:$NODE_PORT/login" "$!" "$WORK/node.log"
  python3 scripts/screenshot.py node-host "http://localhost:$NODE_PORT" docs/images/node-host.png
  echo "screenshots.sh: wrote docs/images/node-host.png" >&2
  stop_all
fi

if wanted operator; then
  # The commands of docs/standalone-server.md, run for real; their output becomes a terminal picture.
  export INFLOW_JDBC_URL="jdbc:h2:file:$WORK/operator/db"
  inflow() {
    (cd "$WORK" && java -cp "$SERVLET_CP" dev.inflow.servlet.server.InflowServer "$@" 2>&1)
  }
  cp sdk-core/src/test/resources/dev/inflow/core/transfer/disqus-export.xml "$WORK/disqus-export.xml"
  {
    echo "\$ inflow tenants create acme --name 'Acme Corp' --origin https://portal.acme.example"
    inflow tenants create acme --name 'Acme Corp' --origin https://portal.acme.example
    echo "\$ inflow tenants rotate-secret acme --overlap 24h"
    inflow tenants rotate-secret acme --overlap 24h
    echo "\$ inflow tenants list"
    inflow tenants list
    echo "\$ inflow import disqus disqus-export.xml --tenant acme --map https://blog.acme.example/posts/=blog/{slug}"
    inflow import disqus disqus-export.xml --tenant acme --map 'https://blog.acme.example/posts/=blog/{slug}'
    echo "\$ inflow export --tenant acme --output acme.json"
    inflow export --tenant acme --output acme.json
  } | grep -v -E '^[0-9-]+ [0-9:.]+:(INFO|WARN)' >"$WORK/operator.txt"
  unset INFLOW_JDBC_URL
  python3 - "$WORK/operator.txt" "$WORK/operator.html" <<'PY'
import html, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = "".join(f'<span class="cmd">{html.escape(l)}</span>\n' if l.startswith("$ ") else html.escape(l) + "\n" for l in text.splitlines())
open(sys.argv[2], "w", encoding="utf-8").write(f"""<!doctype html><meta charset="utf-8"><title>inflow</title>
<style>body{{margin:0;background:#1e1e1e}}pre{{margin:0;padding:18px 22px;color:#d4d4d4;font:14px/1.45 'DejaVu Sans Mono',monospace;white-space:pre-wrap}}
.cmd{{color:#9cdcfe;font-weight:bold}}</style><pre>{lines}</pre>""")
PY
  python3 scripts/screenshot.py terminal "file://$WORK/operator.html" docs/images/operator.png
  echo "screenshots.sh: wrote docs/images/operator.png" >&2
fi
