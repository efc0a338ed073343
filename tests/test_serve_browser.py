"""The search page in a real headless Chromium (Debian's package; `make browser` installs it).

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no driver
binary, no websocket library and no port to find. The test fails, not skips, without chromium.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import FakeEmbedder, small_catalog_rows, write_jsonl

from ui_search import build_index, embedders
from ui_search.server import background_server, create_app, engine_modes

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
    "--window-size=1280,900", "--remote-debugging-pipe",
]


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("chromium is not installed: run `make browser` (or apt-get install chromium); the page test needs it")


class Browser:
    """A headless Chromium and a DevTools session on one blank tab."""

    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="ui-search-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and answers on fd 4; the shell puts the pipe ends there
        script = f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w} {to_browser_r}<&- {from_browser_w}>&-'
        self.proc = subprocess.Popen(
            ["bash", "-c", script, binary, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.call("Target.createTarget", url="about:blank", session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True, session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._cond:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                self._cond.notify_all()

    def call(self, method: str, session: bool = True, timeout: float = 30, **params: Any) -> dict:
        with self._cond:
            self._next_id += 1
            number = self._next_id
        message = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        with self._cond:
            if not self._cond.wait_for(lambda: number in self._replies, timeout=timeout):
                raise TimeoutError(f"chromium did not answer {method}")
            reply = self._replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.js(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for: {expression}")
            time.sleep(0.05)

    def goto(self, url: str) -> None:
        """Open a page and wait until its script has started (body[data-ready])."""
        self.call("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(url)} && !!document.body && document.body.dataset.ready === '1'")

    def key(self, key: str, code: str, keycode: int, text: str = "") -> None:
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=keycode)

    def type(self, text: str) -> None:
        self.call("Input.insertText", text=text)

    def close(self) -> None:
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-browser")
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(embedders.BACKENDS, "fake", FakeEmbedder)
        build_index(write_jsonl(folder / "designs.jsonl", small_catalog_rows()), folder / "idx", backend="fake")
        with background_server(create_app(folder / "idx")) as url:
            yield url


@pytest.fixture(scope="module")
def browser(served):
    chrome = Browser(chromium_binary())
    try:
        yield chrome
    finally:
        chrome.close()


CARD_IDS = "[...document.querySelectorAll('#results .card')].map(c => c.dataset.id)"


def test_type_a_prompt_and_browse_results_with_the_keyboard(browser, served):
    browser.goto(served + "/")
    assert browser.js("document.activeElement.id") == "prompt"  # the search box has focus on arrival
    assert browser.js("document.getElementById('context').offsetParent === null")  # no "back" bar yet

    browser.type("Dark theme contact Support")
    browser.key("Enter", "Enter", 13, "\r")
    browser.wait_for("document.querySelectorAll('#results .card').length > 0")
    first = browser.js("""(() => {
        const card = document.querySelector('#results .card');
        return {
          id: card.dataset.id,
          title: card.querySelector('.card-title').textContent,
          chips: [...card.querySelectorAll('.chip')].map(c => c.textContent),
          swatches: [...card.querySelectorAll('.swatch')].map(s => [s.title, getComputedStyle(s.querySelector('i')).backgroundColor]),
          score: card.querySelector('.score').textContent,
          buttons: card.querySelectorAll('button.more-like').length,
        };
    })()""")
    assert first["id"] == "s01" and first["title"] == "Dark theme contact Support"
    assert {"screen help", "theme dark", "platform mobile"} <= set(first["chips"])
    names = [name for name, _ in first["swatches"]]
    colours = dict(first["swatches"])
    assert names == ["charcoal", "white", "orange"]  # the palette, drawn as swatches in catalog order
    assert colours["white"] == "rgb(255, 255, 255)"
    assert len(set(colours.values())) == 3 and "rgba(0, 0, 0, 0)" not in colours.values()
    # the fused score is cosine + a BM25 boost, so it may pass 1; the card shows it to 3 decimals
    assert re.fullmatch(r"score \d\.\d{3}", first["score"]) and first["buttons"] == 1
    assert browser.js(f"{CARD_IDS}.length") == 10
    assert "q=Dark+theme+contact+Support" in browser.js("location.search")

    # keyboard only: down into the cards, down again, then "m" for more like the focused card
    browser.key("ArrowDown", "ArrowDown", 40)
    assert browser.js("document.activeElement.dataset.id") == "s01"
    browser.key("ArrowDown", "ArrowDown", 40)
    second = browser.js("document.activeElement.dataset.id")
    assert second == browser.js(f"{CARD_IDS}[1]")
    browser.key("m", "KeyM", 77, "m")
    browser.wait_for("!document.getElementById('context').hidden")
    similar = browser.js(CARD_IDS)
    assert similar and second not in similar
    assert browser.js("document.getElementById('context-text').textContent").startswith("Designs like")
    browser.key("Escape", "Escape", 27)
    assert browser.js("document.activeElement.id") == "prompt"


def test_filter_controls_narrow_the_results(browser, served):
    browser.goto(served + "/?q=button")
    browser.wait_for("document.querySelectorAll('#results .card').length > 0")
    options = browser.js("[...document.querySelectorAll('#filter-platform option')].map(o => o.value)")
    assert set(options) == {"", "mobile", "web", "tablet", "desktop"}
    browser.js("""(() => { const s = document.getElementById('filter-platform'); s.value = 'web';
                          s.dispatchEvent(new Event('change')); })()""")
    browser.wait_for("location.search.includes('f.platform=web')")
    browser.wait_for("[...document.querySelectorAll('#results .card')].length === 3")
    platforms = browser.js("[...document.querySelectorAll('#results .chip-platform')].map(c => c.textContent)")
    assert platforms == ["platform web"] * 3
    modes = browser.js("[...document.querySelectorAll('#mode option')].map(o => o.value)")
    assert modes == [""] + engine_modes()  # the mode menu offers what the engine has ("" = its default)
    assert browser.js("document.getElementById('mode-box').hidden") == (not engine_modes())


def test_errors_show_in_the_page_and_nothing_leaves_the_machine(browser, served):
    browser.goto(served + "/")
    browser.key("Enter", "Enter", 13, "\r")  # an empty prompt is refused on the page itself
    assert "Type a prompt" in browser.wait_for("document.getElementById('status').textContent")
    thrown = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
    assert thrown == []
    requested = {e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"}
    assert requested and all(url.startswith(served) for url in requested), requested
