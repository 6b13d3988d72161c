"""The dashboard (`detente serve`) and the brief in a real headless Chromium (Debian
`chromium`, driven by Playwright for Python through `executable_path`; no `playwright install`).

A real uvicorn server runs in a subprocess on a free loopback port over a store built in
tmp_path. Screenshots of the dashboard and the brief are written to the test's tmp_path (the
paths are printed; run pytest with -s to see them).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (Debian: apt-get install chromium)", allow_module_level=True)
playwright_sync = pytest.importorskip("playwright.sync_api")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from test_report import build_store  # noqa: E402  (tests/ is on sys.path: pytest rootdir)

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
PAYLOAD_MARKERS = ("alert", "onerror", "<script")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_module() -> str:
    """`detente serve` through the main CLI when it has the command, else view_cli's group."""
    try:
        from detente.cli import cli

        if "serve" in cli.commands:
            return "detente.cli"
    except Exception:
        pass
    return "detente.view_cli"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", _serve_module(), "serve", "--db", str(store_path),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                pytest.fail(f"detente serve did not start: {out[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_sync.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Watch:
    """Dialogs, console messages and page errors of one page."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []

        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_quiet(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        from_payload = [m for m in self.console if any(k in m[1].lower() for k in PAYLOAD_MARKERS)]
        assert from_payload == [], from_payload
        assert [m for m in self.console if m[0] == "error"] == [], self.console


def _rows(page: Any) -> list[str]:
    return page.locator("#events tbody tr").all_inner_texts()


def _wait_rows_change(page: Any, before: list[str]) -> list[str]:
    page.wait_for_function(
        "([n, first]) => { const r = document.querySelectorAll('#events tbody tr');"
        " return r.length > 0 && (r.length !== n || r[0].innerText !== first); }",
        arg=[len(before), before[0] if before else ""])
    return _rows(page)


def test_api_headers_and_errors(server: str) -> None:
    r = httpx.get(server + "/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(server + "/api/dyads/RUS/XXX/events").status_code == 404
    assert httpx.get(server + "/api/dyads/RUS/IRN/events", params={"since": "2019-13"}).status_code == 422
    assert httpx.get(server + "/api/dyads/RUS/IRN/events", params={"until": "soon"}).status_code == 422
    assert httpx.get(server + "/api/events/999999").status_code == 404
    spec = httpx.get(server + "/openapi.json").json()
    assert "/api/dyads/{a}/{b}/events" in spec["paths"]


def test_dashboard(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    watch = Watch(page)
    page.goto(server + "/")
    # the timeline renders: an SVG with bars, phases shaded
    page.wait_for_selector("#timeline svg rect.bar")
    assert page.locator("#timeline svg rect.bar").count() >= 10
    assert page.locator("#timeline svg rect.phase").count() >= 1
    page.wait_for_selector("#network svg circle")
    page.wait_for_selector("#events tbody tr")
    first = _rows(page)
    assert any("RUS" in r and "IRN" in r for r in first)

    # choosing another dyad (through the search box) changes the table
    page.fill("#dyad-search", "CHN")
    assert page.locator("#dyad-list option").count() == 1
    page.select_option("#dyad-list", "CHN-USA")
    other = _wait_rows_change(page, first)
    assert all("USA → CHN" in r for r in other)

    # back to RUS-IRN, then a track filter changes the table
    page.fill("#dyad-search", "")
    page.select_option("#dyad-list", "IRN-RUS")
    rus = _wait_rows_change(page, other)
    page.select_option("#f-track", "military")
    military = _wait_rows_change(page, rus)
    assert 0 < len(military) < len(rus)
    assert all("military" in r for r in military)

    # clicking an event shows its sentence, highlighted in its document
    row = page.locator("#events tbody tr").first
    sentence = row.locator("td.evidence").inner_text()
    row.click()
    page.wait_for_selector("#event-view:not([hidden]) mark.evidence")
    assert page.locator("mark.evidence").inner_text() == sentence
    assert "Moscow accused Tehran" in page.locator("#ev-doc").inner_text()

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\ndashboard screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    watch.assert_quiet()
    page.close()


def test_hostile_document_runs_no_script_in_dashboard(server: str, browser: Any) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(server + "/")
    page.wait_for_selector("#events tbody tr")
    page.select_option("#f-type", "ACCUSE")
    page.fill("#f-since", "2016")
    page.fill("#f-until", "2016")
    page.dispatch_event("#f-until", "change")
    page.wait_for_function("() => [...document.querySelectorAll('#events tbody tr')]"
                           ".some(r => r.innerText.includes('alert(1)'))")
    page.locator("#events tbody tr", has_text="alert(1)").first.click()
    page.wait_for_selector("#event-view:not([hidden]) mark.evidence")
    # the payload is shown as text, not parsed: no script or img element came from it
    assert "<script>alert(1)</script>" in page.locator("mark.evidence").inner_text()
    assert "<img src=x onerror=alert(2)>" in page.locator("mark.evidence").inner_text()
    assert page.locator("#ev-doc script, #ev-doc img, #events script, #events img").count() == 0
    assert page.evaluate("document.scripts.length") == 1  # app.js only
    page.wait_for_timeout(300)  # an onerror handler would fire on the failed image load
    watch.assert_quiet()
    page.close()


def test_docs_page_works_offline(server: str, browser: Any) -> None:
    page = browser.new_page()
    watch = Watch(page)
    page.goto(server + "/docs")
    page.wait_for_selector("#api-paths h3")
    assert "GET /api/dyads/{a}/{b}/events" in page.locator("#api-paths").inner_text()
    watch.assert_quiet()
    page.close()


def test_brief_in_browser(store_path: Path, browser: Any, tmp_path: Path) -> None:
    from detente.report import write_brief

    out = write_brief(store_path, "RUS", "IRN", tmp_path / "brief.html")
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    watch = Watch(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.resolve().as_uri())
    page.wait_for_selector("#timeline svg")
    text = page.locator("#key-events").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("img").count() == 0
    assert "Conflict peaked in 2018" in page.locator("#headline").inner_text()
    shot = tmp_path / "brief.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"\nbrief screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    # the file loads nothing but itself
    assert [u for u in requests if not u.startswith("file://")] == []
    watch.assert_quiet()
    page.close()
