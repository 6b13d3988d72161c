"""The dashboard server's security: loopback by default, a token off loopback, validated
parameters, no request path reaching the filesystem, security headers, request-body limit.

In-process checks use Starlette's TestClient over `create_app`; the bind address, the start-up
refusal and raw path-traversal requests (which an HTTP client library would normalise) use a real
`detente serve` subprocess on a free loopback port.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402

from detente.errors import Errors  # noqa: E402
from detente.web.app import CSP, MAX_BODY_BYTES, STATIC_FILES, create_app, is_loopback  # noqa: E402
from test_report import build_store  # noqa: E402  (tests/ is on sys.path: pytest rootdir)

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("websec") / "store.duckdb")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path)) as c:
        yield c


@pytest.fixture(scope="module")
def gated(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path, token=TOKEN)) as c:
        yield c


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(store: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "detente.view_cli", "serve", "--db", str(store), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})


def _wait_up(proc: subprocess.Popen, url: str, headers: dict[str, str] | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            httpx.get(url, headers=headers, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    pytest.fail("server did not start")


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err or ""


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp{,6}) listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.rsplit(":", 1)
            if int(p, 16) == port and state == "0A":  # 0A = LISTEN
                found.append(addr)
    return found


def _raw_get(port: int, target: str) -> tuple[int, bytes]:
    """Send a request line exactly as written (no client-side path normalisation)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


# ---------------------------------------------------------------------------- binding and token


def test_is_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


def test_default_bind_is_loopback_and_traversal_is_refused(store_path: Path) -> None:
    port = _free_port()
    proc = _serve(store_path, "--port", str(port))
    try:
        _wait_up(proc, f"http://127.0.0.1:{port}/api/meta")
        addrs = _listening(port)
        assert addrs, "server is not listening"
        # 0100007F is 127.0.0.1 in /proc/net/tcp's little-endian hex; never 00000000 (0.0.0.0)
        assert set(addrs) == {"0100007F"}, addrs
        assert _raw_get(port, "/static/app.js")[0] == 200
        for target in ("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                       "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fapp.py",
                       "/static/../app.py", "/static/..\\..\\app.py", "/static//etc/passwd",
                       "/static/%252e%252e/app.py", "/static/index.html/../../app.py",
                       "/../../../../etc/passwd", "/static/.", "/static/", "/static/docs.html"):
            status, body = _raw_get(port, target)
            assert status in (400, 404, 405), (target, status)
            assert b"root:" not in body and b"def create_app" not in body, target
    finally:
        _stop(proc)


def test_off_loopback_without_token_refuses_to_start(store_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_TOKEN"}
    proc = subprocess.run([sys.executable, "-m", "detente.view_cli", "serve", "--db", str(store_path),
                           "--host", "0.0.0.0", "--port", str(_free_port())],
                          capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert "E083" in proc.stderr and "--token" in proc.stderr and "DETENTE_TOKEN" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_off_loopback_with_env_token_says_so_and_requires_it(store_path: Path) -> None:
    port = _free_port()
    proc = _serve(store_path, "--host", "0.0.0.0", "--port", str(port), env={"DETENTE_TOKEN": TOKEN})
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_up(proc, base + "/api/meta")
        assert httpx.get(base + "/api/meta").status_code == 401
        assert httpx.get(base + "/api/meta", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    finally:
        err = _stop(proc)
    assert "token" in err.lower() and "not loopback" in err


def test_token_gate(gated: TestClient) -> None:
    for path in ("/", "/api/meta", "/api/dyads", "/openapi.json", "/static/app.js", "/docs"):
        r = gated.get(path)
        assert r.status_code == 401, path
        assert r.json()["detail"] == Errors.E084
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.headers["content-security-policy"] == CSP
    assert gated.get("/api/meta", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert gated.get("/api/meta", params={"token": "wrong"}).status_code == 401
    assert gated.get("/api/meta", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # ?token= sets an HttpOnly cookie and redirects to the URL without the token
    gated.cookies.clear()
    r = gated.get("/", params={"token": TOKEN, "x": "1"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?x=1"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert gated.get("/api/meta").status_code == 200  # the client now sends the cookie
    gated.cookies.clear()
    assert gated.get("/api/meta").status_code == 401


# ---------------------------------------------------------------------------- validation, headers


def test_parameters_are_validated(client: TestClient) -> None:
    assert client.get("/api/dyads/RUS/IRN/events").status_code == 200
    assert client.get("/api/dyads/RUS/XXX/events").status_code == 404
    assert client.get("/api/dyads/RUS/XXX/series").status_code == 404
    assert client.get("/api/events/99999999").status_code == 404
    for params in ({"since": "2019-13"}, {"until": "soon"}, {"since": "2019-02-30"},
                   {"since": "2020", "until": "2019"}, {"quad": "9"}, {"limit": "-1"}):
        assert client.get("/api/dyads/RUS/IRN/events", params=params).status_code == 422, params
    assert client.get("/api/network", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/dyads/RUS/IRN/series", params={"by": "decade"}).status_code == 422
    assert client.get("/api/dyads/R%3BDROP/IRN/events").status_code == 422
    assert client.get("/api/events/not-a-number").status_code == 422


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for path, status in (("/", 200), ("/static/app.js", 200), ("/api/meta", 200),
                         ("/api/dyads/RUS/XXX/events", 404), ("/static/nope.js", 404)):
        r = client.get(path)
        assert r.status_code == status, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "default-src 'none'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script(client: TestClient) -> None:
    import re

    for path in ("/", "/docs"):
        html = client.get(path).text
        # every <script> has a src and no body; no on*= handler attributes
        for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
            assert "src=" in m.group(1) and not m.group(2).strip()
        assert not re.search(r"\son[a-z]+\s*=", html, re.I)


def test_static_files_are_an_allow_list(client: TestClient) -> None:
    for name in STATIC_FILES:
        assert client.get(f"/static/{name}").status_code == 200
    for name in ("index.html", "docs.html", "__init__.py", "app.js.map", "APP.JS", "%2e%2e"):
        assert client.get(f"/static/{name}").status_code == 404, name


# ---------------------------------------------------------------------------- request bodies


def test_request_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b"x" * (MAX_BODY_BYTES + 1)
    r = client.post("/api/meta", content=big)
    assert r.status_code == 413
    assert r.json()["detail"].startswith("E082") and str(MAX_BODY_BYTES) in r.json()["detail"]
    assert r.headers["content-security-policy"] == CSP

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536

    r = client.post("/api/meta", content=chunks())
    assert r.status_code == 413 and "E082" in r.json()["detail"]
    # a small body is not refused by the limit (the GET-only API answers 405 to a POST)
    assert client.post("/api/meta", content=b"{}").status_code == 405
    assert client.get("/api/meta", headers={"Content-Length": "nonsense"}).status_code == 400


def test_answer_cache_is_bounded_by_size_and_keeps_recent_answers():
    from detente.web.app import AnswerCache

    cache = AnswerCache(max_bytes=1000 + 4 * AnswerCache.ENTRY_OVERHEAD)
    calls = []

    def answer(i):
        def compute():
            calls.append(i)
            return {"i": i, "text": "x" * 200}
        return compute

    for i in range(20):
        assert cache.get_or_compute(i, answer(i))["i"] == i
    assert cache.bytes <= cache.max_bytes and len(calls) == 20
    # the most recent answers are served without computing again, the oldest were dropped
    cache.get_or_compute(19, answer(19))
    assert len(calls) == 20
    cache.get_or_compute(0, answer(0))
    assert len(calls) == 21
    # an answer bigger than the whole cache is returned but not kept
    big = cache.get_or_compute("big", lambda: "y" * 5000)
    assert len(big) == 5000 and cache.bytes <= cache.max_bytes
    # "no such thing" is never kept
    assert cache.get_or_compute("missing", lambda: None) is None
    assert "missing" not in cache._items
