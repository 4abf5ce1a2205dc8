"""A headless Chromium driven over the DevTools protocol (loopback only), for testing the HTML report in a
real browser: load a page at a viewport width, evaluate expressions, take screenshots.

``python -m tests.report.browser PAGE.html OUT.png [WIDTH]`` saves a screenshot (docs/html-report.png is made
this way from ``claimcheck verify --format html``).
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--hide-scrollbars"]


def find_chromium() -> str | None:
    """The Chromium binary (Debian's ``chromium`` package), if installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


class Browser:
    """One headless Chromium with a fresh profile; one page, driven over its DevTools WebSocket."""

    def __init__(self, binary: str, *, timeout: float = 60.0):
        import websocket  # websocket-client (the test extra)

        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="claimcheck-chromium-"))
        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.is_file() and port_file.read_text().count("\n") >= 1):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        page = self._page_target(port, deadline)
        self.ws = websocket.create_connection(page, timeout=timeout, suppress_origin=True)
        self._ids = itertools.count(1)

    def _page_target(self, port: int, deadline: float) -> str:
        while True:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
                targets = json.load(resp)
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium has no page target")
            time.sleep(0.1)

    def send(self, method: str, **params: Any) -> dict:
        """Call a DevTools method and return its result (events in between are skipped)."""
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def open(self, path: Path, width: int, height: int = 900) -> None:
        """Load ``path`` in a viewport ``width`` CSS pixels wide (a phone-like one below 600)."""
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=width < 600)
        self.send("Page.enable")
        self.send("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + self.timeout
        while self.eval("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} did not finish loading")
            time.sleep(0.05)

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, out: Path, *, full_page: bool = False) -> bytes:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 4000), "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])
        out.write_bytes(data)
        return data

    def close(self) -> None:
        ws = getattr(self, "ws", None)
        if ws is not None:
            ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    binary = find_chromium()
    if binary is None:
        sys.exit("no Chromium installed (apt-get install -y chromium fonts-noto-cjk)")
    page, out = Path(sys.argv[1]), Path(sys.argv[2])
    with Browser(binary) as browser:
        browser.open(page, int(sys.argv[3]) if len(sys.argv) > 3 else 1280, 1000)
        browser.screenshot(out)
    print(out)
