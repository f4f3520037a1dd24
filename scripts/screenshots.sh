#!/usr/bin/env bash
# Takes the README's screenshots again:
# - docs/images/demo.png: starts the demo (scripts/demo.sh) on a fresh database and a free port,
#   shows the travel policy page's discussion in headless Chromium, and stops the demo again;
# - docs/images/<element>-light.png, -dark.png, -narrow.png (360 px) for every element, and
#   comments-brand.png (a host's own look): sdk-servlet's WidgetScreenshots, on the browser tests'
#   gallery of elements with sample data.
# Needs what demo.sh needs, plus /usr/bin/chromium, chromedriver, npm (the tests' axe-core), python3
# and an emoji font (reactions would show as empty boxes without one).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "screenshots.sh: $*" >&2
  exit 1
}

[ -x /usr/bin/chromium ] || fail "needs /usr/bin/chromium (Debian: apt-get install -y chromium)"
command -v python3 >/dev/null || fail "needs python3 to find a free port (Debian: apt-get install -y python3)"
fc-list 2>/dev/null | grep -qi "color emoji" \
  || fail "needs an emoji font, or the reactions show as boxes (Debian: apt-get install -y fonts-noto-color-emoji)"

WORK=$(mktemp -d /tmp/inflow-screenshots.XXXXXX)
DEMO_PID=
cleanup() {
  if [ -n "$DEMO_PID" ]; then
    kill "$DEMO_PID" 2>/dev/null || true
    wait "$DEMO_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
INFLOW_PORT=$PORT INFLOW_JDBC_URL="jdbc:h2:file:$WORK/db" scripts/demo.sh >"$WORK/demo.log" 2>&1 &
DEMO_PID=$!
for _ in $(seq 1 300); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://localhost:$PORT/inflow/health', timeout=1)" 2>/dev/null; then
    break
  fi
  kill -0 "$DEMO_PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; fail "the demo stopped before it answered"; }
  sleep 1
done

mkdir -p docs/images
# The window is tall enough for the policy and its discussion; the virtual time budget lets the widget load and render.
/usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --disable-sync --user-data-dir="$WORK/profile" --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1280,2600 --virtual-time-budget=15000 --screenshot="$PWD/docs/images/demo.png" \
  "http://localhost:$PORT/policies/travel" >"$WORK/chromium.log" 2>&1 \
  || { cat "$WORK/chromium.log" >&2; fail "Chromium could not take the screenshot"; }
echo "screenshots.sh: wrote docs/images/demo.png" >&2

./mvnw -q -B -pl sdk-servlet -am process-test-classes surefire:test@default-test -Dtest=WidgetScreenshots \
  -Dsurefire.failIfNoSpecifiedTests=false -Dinflow.screenshots="$PWD/docs/images" >"$WORK/elements.log" 2>&1 \
  || { tail -50 "$WORK/elements.log" >&2; fail "the element screenshots failed"; }
echo "screenshots.sh: wrote docs/images/demo.png and" docs/images/*-{light,dark,narrow,brand}.png >&2
