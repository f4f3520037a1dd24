#!/usr/bin/env python3
"""Takes one docs screenshot in headless Chromium, driven over the WebDriver protocol through
Debian's chromedriver with nothing but Python's standard library (no Selenium, nothing downloaded).

    screenshot.py RECIPE BASE_URL OUT.png

Recipes sign in the way each example does, post a comment through the widget like a person would,
and take the picture once the widget shows it. scripts/screenshots.sh starts the apps and calls this.
"""
import base64
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class Browser:
    def __init__(self, width=1280, height=1000):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.profile = tempfile.mkdtemp(prefix="inflow-shot-")
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=en-US", f"--window-size={width},{height}", f"--user-data-dir={self.profile}"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.read().decode()[:500]}") from None

    def go(self, url):
        self._call("POST", f"/session/{self.session}/url", {"url": url})

    def js(self, script, *args):
        return self._call("POST", f"/session/{self.session}/execute/sync", {"script": script, "args": list(args)})

    def wait(self, script, *args, seconds=20):
        """Waits until the script returns something truthy, and returns it."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.js(script, *args)
            if value:
                return value
            time.sleep(0.2)
        raise RuntimeError(f"the page never got there: {script}")

    def comment(self, text):
        """Posts through the first <inflow-comments> as a person would: types, then presses Post."""
        self.wait("const r = document.querySelector('inflow-comments')?.shadowRoot;"
                  " return r && r.querySelector('form textarea') && r.querySelector('ol.list[aria-busy=false]')")
        self.js("const r = document.querySelector('inflow-comments').shadowRoot, box = r.querySelector('form textarea');"
                " box.focus(); box.value = arguments[0]; box.dispatchEvent(new Event('input', {bubbles: true}));"
                " r.querySelector('form button.primary').click();", text)
        self.wait("return [...document.querySelector('inflow-comments').shadowRoot.querySelectorAll('li')]"
                  ".some(li => li.textContent.includes(arguments[0]) && !li.querySelector('.pending'))", text)
        self.js("document.activeElement?.blur()")
        time.sleep(0.5)

    def shot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self._call("GET", f"/session/{self.session}/screenshot")))

    def close(self):
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()
            self.driver.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def plain_container(b, base):
    b.go(base + "/login?user=ana&name=Ana%20Lima")
    b.go(base + "/")
    b.comment("Do taxi receipts count, or only train and plane tickets?")


def spring_boot(b, base):
    b.go(base + "/login")
    b.wait("return document.querySelector('input[name=username]')")
    b.js("document.querySelector('input[name=username]').value = 'ana';"
         " document.querySelector('input[name=password]').value = 'demo'; document.querySelector('form').submit();")
    b.wait("return document.querySelector('h1')?.textContent === 'Tickets'")
    b.go(base + "/tickets/101")
    b.comment("Happens on the home Wi-Fi only, not on the phone hotspot.")


def node_host(b, base):
    b.go(base + "/login")
    b.wait("return document.querySelector('select[name=user]')")
    b.js("document.querySelector('select[name=user]').value = 'e1042'; document.querySelector('form').submit();")
    b.wait("return document.querySelector('h1')?.textContent === 'Connecting to the VPN'")
    b.comment("The tunnel also drops when the laptop sleeps; turn off sleep on battery.")


def terminal(b, base):
    # base is a file:// URL of an HTML page that shows a terminal session; nothing to sign in to.
    b.go(base)
    b.wait("return document.readyState === 'complete'")


RECIPES = {"plain-container": plain_container, "spring-boot": spring_boot, "node-host": node_host, "terminal": terminal}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in RECIPES:
        sys.exit(f"usage: screenshot.py {{{'|'.join(RECIPES)}}} BASE_URL OUT.png")
    recipe, base, out = sys.argv[1:]
    browser = Browser(height=900 if recipe == "terminal" else 1000)
    try:
        RECIPES[recipe](browser, base.rstrip("/"))
        browser.shot(out)
    finally:
        browser.close()
