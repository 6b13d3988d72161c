"""The local dashboard: a FastAPI app over a detente store (`detente serve`).

    >>> from detente.web.app import create_app
    >>> app = create_app("detente.duckdb")      # then: uvicorn.run(app, host="127.0.0.1")

The page (static/index.html, app.js, style.css) is plain HTML and JavaScript served from this
package: no CDN, no inline script. Every document string reaches the page as JSON and is put in
the DOM with textContent, never parsed as HTML. The JSON API below is what the page uses; it is
described in OpenAPI at /openapi.json and listed, offline, at /docs (a page of this package that
reads /openapi.json; FastAPI's own Swagger UI would load scripts from a CDN).

Errors: an unknown dyad or event is 404, a bad date, year or parameter 422, a request body
over MAX_BODY_BYTES 413, a missing or wrong token (when the app has one) 401.

Access token: `create_app(db, token=...)` (what `detente serve --token`/DETENTE_TOKEN sets, and
what `serve` demands on any interface but loopback) makes every path answer 401 unless the
request carries `Authorization: Bearer TOKEN`, the cookie `detente_token`, or `?token=TOKEN`.
A `?token=` that matches sets that cookie (HttpOnly, SameSite=Strict) and redirects to the same
URL without the token, so a browser opens the dashboard once with `/?token=...` and its own
script's API calls carry the cookie. Static files come from a fixed allow-list of names
(STATIC_FILES): no part of a request path is ever joined onto a filesystem path.
"""
from __future__ import annotations

import collections
import contextlib
import datetime as dt
import hmac
import ipaddress
import json
import math
import re
import threading
from urllib.parse import parse_qsl, urlencode
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..store import Store

# DuckDB buffer pool of `detente serve` (queries spill or slow down beyond it, never fail on it).
SERVE_DUCKDB_MEMORY = "256MB"
# Worker threads of the sync endpoints (see create_app's lifespan).
SERVE_THREADS = 4
# Computed answers kept (series, phases, a dyad's event list, an event view), at most this many
# bytes of JSON; see AnswerCache.
SERVE_CACHE_BYTES = 64 * 1024 * 1024
# DuckDB's allocator keeps freed memory for reuse until it holds more than these thresholds
# (128 MiB / 512 MiB by default): under steady load a server's RSS then climbs for minutes.
# Returning it early, from DuckDB's background threads, keeps the RSS level.
SERVE_DUCKDB_ALLOCATOR = {"allocator_flush_threshold": "16MB",
                          "allocator_bulk_deallocation_flush_threshold": "16MB",
                          "allocator_background_threads": "true"}

# The page runs only its own script files; document text can never become markup or script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
# The only files the dashboard serves from its package, by URL name -> media type.
STATIC_FILES = {
    "app.js": "text/javascript; charset=utf-8",
    "docs.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
# The API takes no request bodies; anything bigger than this is refused before it is read.
MAX_BODY_BYTES = 1_000_000
TOKEN_COOKIE = "detente_token"
TOKEN_ENV = "DETENTE_TOKEN"
_CODE_RE = re.compile(r"[A-Za-z0-9_.-]{2,16}\Z")
_DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
# How much document text an event view carries on each side of the evidence sentence.
CONTEXT_CHARS = 6000
MAX_EVENTS = 2000
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
EVENT_FIELDS = ("event_id", "doc_id", "date", "source_country", "target_country", "event_type",
                "mode", "quad_class", "intensity", "track", "negated", "hypothetical",
                "confidence", "sentence")


def _clean(value: Any) -> Any:
    """JSON-safe: NaN/NaT -> None, numpy scalars -> Python, dates -> ISO strings."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    try:
        import pandas as pd

        if not isinstance(value, (list, dict, str, bool, int)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def parse_date(value: str | None, end: bool = False) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD -> its first (or, with end=True, last) day; None for None.
    Raises ValueError for anything else."""
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE_RE.match(value):
        raise ValueError(f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    from ..store import date_bounds

    lo, hi = date_bounds(value)
    if lo is None or hi is None:
        raise ValueError(f"bad date {value!r}: no such day")
    return hi if end else lo


def is_loopback(host: str) -> bool:
    """True for 'localhost' and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _plain_response(status: int, detail: str, extra: dict[str, str] | None = None) -> tuple[
        dict[str, Any], dict[str, Any]]:
    """ASGI start/body messages of a JSON error answered by a middleware itself."""
    body = json.dumps({"detail": detail}).encode()
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-store", **(extra or {}),
               "Content-Type": "application/json", "Content-Length": str(len(body))}
    start = {"type": "http.response.start", "status": status,
             "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in headers.items()]}
    return start, {"type": "http.response.body", "body": body}


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes is answered 413 (E082) and never
    handed to the app. A declared Content-Length is checked before any byte is read; a chunked
    body is counted as it arrives and buffered only up to the limit."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from ..errors import Errors

        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                await self._answer(send, 400, "bad Content-Length header")
                return
            if size > self.limit:
                await self._answer(send, 413, Errors.E082.format(size=size, limit=self.limit))
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            total += len(message.get("body", b""))
            if total > self.limit:
                await self._answer(send, 413, Errors.E082.format(size=f"over {self.limit}",
                                                                 limit=self.limit))
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Any:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _answer(send: Any, status: int, detail: str) -> None:
        start, body = _plain_response(status, detail, {"Connection": "close"})
        await send(start)
        await send(body)


class AnswerCache:
    """Least-recently-used answers of a read-only store, bounded by their size as JSON.

    The store cannot change while the app runs, so an answer computed once stays right; the
    bound keeps the server's memory level however many distinct requests it sees."""

    ENTRY_OVERHEAD = 512

    def __init__(self, max_bytes: int = SERVE_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: collections.OrderedDict[Any, tuple[Any, int]] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Any, compute: Any) -> Any:
        """The cached answer for `key`, or `compute()` (stored unless it is over the bound)."""
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit[0]
        value = compute()
        if value is None:  # "no such thing" is not kept: random ids must not fill the cache
            return value
        # the JSON size plus what the entry itself costs, so many tiny answers stay bounded too
        size = len(json.dumps(value, default=str)) + self.ENTRY_OVERHEAD
        if size > self.max_bytes:
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, size)
                self.bytes += size
                while self.bytes > self.max_bytes:
                    _, (_, dropped) = self._items.popitem(last=False)
                    self.bytes -= dropped
        return value


class TokenGate:
    """ASGI middleware: every request needs the access token (Bearer header, cookie or
    ?token=); see the module docstring. Compared in constant time."""

    def __init__(self, app: Any, token: str) -> None:
        self.app, self.token = app, token.encode()

    def _ok(self, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.token)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        from http.cookies import CookieError, SimpleCookie

        from ..errors import Errors

        headers = dict(scope.get("headers") or [])
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth[:7].lower() == "bearer " and self._ok(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except CookieError:
            pass
        if TOKEN_COOKIE in cookie and self._ok(cookie[TOKEN_COOKIE].value):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given and self._ok(given[-1]) and scope["type"] == "http":
            # set the cookie and drop the token from the URL (history, logs, Referer)
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            start, body = _plain_response(303, "authenticated", {
                "Location": location,
                "Set-Cookie": f"{TOKEN_COOKIE}={self.token.decode()}; HttpOnly; SameSite=Strict; Path=/"})
            await send(start)
            await send(body)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        start, body = _plain_response(401, Errors.E084, {"WWW-Authenticate": "Bearer"})
        await send(start)
        await send(body)


def create_app(db: str | Path, token: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> "FastAPI":
    """The dashboard app over the store at `db` (opened read-only for the app's lifetime).

    With `token`, every request must carry it (401 otherwise); request bodies over
    `max_body_bytes` are refused with 413."""
    from fastapi import FastAPI, HTTPException, Query, Request
    from fastapi.responses import FileResponse, JSONResponse, Response

    from ..store import Store, rows_of

    store = Store(db, read_only=True)
    # A long-running server: bound DuckDB's buffer pool (by default it may grow to 80% of RAM
    # while it caches the store's pages), so the server's memory levels off.
    store.con.execute(f"SET memory_limit = '{SERVE_DUCKDB_MEMORY}'")
    for setting, value in SERVE_DUCKDB_ALLOCATOR.items():
        store.con.execute(f"SET {setting} = '{value}'")
    # one DuckDB connection, used by one request at a time (the threadpool runs sync endpoints)
    lock = threading.Lock()
    # answers computed from the read-only store, kept up to SERVE_CACHE_BYTES (see AnswerCache)
    cache = AnswerCache()
    static_dir = Path(str(resources.files("detente.web").joinpath("static")))

    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> Any:
        import anyio.to_thread

        # Sync endpoints run in anyio's thread pool (40 threads by default). The store answers
        # one query at a time, so more threads only queue there while each one holds its own
        # request's frames and malloc arena: a few threads keep memory level under load.
        anyio.to_thread.current_default_thread_limiter().total_tokens = SERVE_THREADS
        yield
        with lock:
            store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="detente dashboard API",
        version=_version(),
        description="The JSON API of `detente serve`: dyads, their series, phases and events, "
                    "an event's document context, and the actor network. Dates are YYYY, "
                    "YYYY-MM or YYYY-MM-DD; a bad one is answered 422, an unknown dyad or event "
                    "404. All strings from documents are plain text.",
        docs_url=None, redoc_url=None,
    )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def dates(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
        try:
            lo, hi = parse_date(since), parse_date(until, end=True)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        if lo and hi and lo > hi:
            raise HTTPException(422, f"since {since} is after until {until}")
        return lo, hi

    def code(value: str) -> str:
        if not _CODE_RE.match(value):
            raise HTTPException(422, f"bad actor code {value!r}")
        return value.upper()

    def known_dyad(a: str, b: str) -> tuple[str, str]:
        a, b = code(a), code(b)

        def count() -> int:
            with lock:
                row = store.con.execute(
                    "SELECT count(*) FROM events WHERE (source_country = ? AND target_country = ?) "
                    "OR (source_country = ? AND target_country = ?)", [a, b, b, a]).fetchall()
            return int(row[0][0]) if row else 0

        if not cache.get_or_compute(("dyad", a, b), count):
            raise HTTPException(404, f"no events between {a} and {b}")
        return a, b

    # ----------------------------------------------------------------------- pages
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static_dir / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(static_dir / "docs.html", media_type="text/html; charset=utf-8")

    # read once at start-up from the fixed allow-list: a request's path only picks a dict key
    static_bytes = {name: (static_dir / name).read_bytes() for name in STATIC_FILES}

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in static_bytes:
            raise HTTPException(404, "no such file")
        return Response(static_bytes[name], media_type=STATIC_FILES[name])

    # ----------------------------------------------------------------------- API
    @app.get("/api/meta", summary="Store overview: counts, tracks, event types, quad classes, years")
    def meta() -> dict[str, Any]:
        with lock:
            counts = store.counts()
            tracks = [r[0] for r in store.con.execute(
                "SELECT DISTINCT coalesce(track, 'unspecified') FROM events ORDER BY 1").fetchall()]
            types = [r[0] for r in store.con.execute(
                "SELECT DISTINCT event_type FROM events ORDER BY 1").fetchall()]
            years = store.con.execute(
                "SELECT min(year(date_start)), max(year(date_end)) FROM events").fetchall()[0]
        return {"db": Path(store.path).name, "counts": counts, "tracks": tracks, "event_types": types,
                "quad_classes": {str(k): v for k, v in QUAD_NAMES.items()},
                "first_year": years[0], "last_year": years[1]}

    @app.get("/api/dyads", summary="Dyads (unordered actor pairs) with event counts, most events first")
    def dyads(q: str | None = Query(None, max_length=64, description="substring of either code"),
              limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
        sql = ("SELECT least(source_country, target_country) AS a, "
               "greatest(source_country, target_country) AS b, count(*) AS events, "
               "min(date_start) AS first, max(date_end) AS last FROM events "
               "WHERE source_country <> target_country GROUP BY 1, 2")
        params: list[Any] = []
        if q:
            sql = f"SELECT * FROM ({sql}) WHERE a ILIKE ? OR b ILIKE ?"
            params = [f"%{q}%", f"%{q}%"]
        sql += " ORDER BY events DESC, a, b LIMIT ?"
        params.append(limit)
        with lock:
            rows = store.con.execute(sql, params).fetchall()
        return [{"a": a, "b": b, "events": n, "first": _clean(f), "last": _clean(l)}
                for a, b, n, f, l in rows]

    # Series and phases are the costly views (pandas plus change-point search, 50-300 ms), and a
    # dyad's event list the costliest query (it joins the evidence sentences). Answers are kept
    # in a size-bounded cache (see AnswerCache), so memory stays level.

    def series_rows(a: str, b: str, by: str, track: str | None) -> tuple[list[dict[str, Any]],
                                                                         dict[str, Any]]:
        from ..analysis.series import dyad_series

        def compute() -> tuple[list[dict[str, Any]], dict[str, Any]]:
            with lock:
                frame = dyad_series(store, a, b, by=by, track=track)  # type: ignore[arg-type]
            rows = [{k: _clean(v) for k, v in r.items()} for r in frame.to_dict("records")]
            attrs = {k: _clean(v) for k, v in frame.attrs.items()
                     if isinstance(v, (int, float, str, type(None)))}
            return rows, attrs

        return cache.get_or_compute(("series", a, b, by, track), compute)

    def phase_rows(a: str, b: str, by: str, track: str | None) -> list[dict[str, Any]]:
        from ..analysis.phases import dyad_phases

        def compute() -> list[dict[str, Any]]:
            with lock:
                found = dyad_phases(store, a, b, by=by, track=track)
            return [{k: _clean(v) if not isinstance(v, list) else v for k, v in p.to_dict().items()}
                    for p in found]

        return cache.get_or_compute(("phases", a, b, by, track), compute)

    @app.get("/api/dyads/{a}/{b}/series", summary="Net cooperation and quad-class counts per period")
    def series(a: str, b: str, by: str = Query("year", pattern="^(month|quarter|year)$"),
               track: str | None = Query(None, max_length=64),
               since: str | None = None, until: str | None = None) -> dict[str, Any]:
        a, b = known_dyad(a, b)
        lo, hi = dates(since, until)
        cached, attrs = series_rows(a, b, by, track or None)
        rows = [dict(r) for r in cached if _overlaps(r.get("period_start"), r.get("period_end"), lo, hi)]
        return {"a": a, "b": b, "by": by, "track": track, "rows": rows, "attrs": dict(attrs)}

    @app.get("/api/dyads/{a}/{b}/phases", summary="Phases and turning points of the dyad's series")
    def phases(a: str, b: str, by: str = Query("year", pattern="^(month|quarter|year)$"),
               track: str | None = Query(None, max_length=64)) -> list[dict[str, Any]]:
        a, b = known_dyad(a, b)
        return [dict(p) for p in phase_rows(a, b, by, track or None)]

    @app.get("/api/dyads/{a}/{b}/events", summary="The dyad's events, filtered")
    def events(a: str, b: str, track: str | None = Query(None, max_length=64),
               quad: int | None = Query(None, ge=1, le=4), type: str | None = Query(None, max_length=64),
               since: str | None = None, until: str | None = None,
               actor: str | None = Query(None, max_length=64, description="code or surface text"),
               limit: int = Query(500, ge=1, le=MAX_EVENTS)) -> dict[str, Any]:
        a, b = known_dyad(a, b)
        lo, hi = dates(since, until)
        stored_track = track if track and track != "unspecified" else None

        def compute() -> list[dict[str, Any]]:
            with lock:
                found = store.events_rows(dyad=(a, b), since=lo, until=hi, track=stored_track,
                                          event_type=type or None)
            # by date, undated last, then id (what the page lists)
            found.sort(key=lambda r: (r["date_start"] is None, r["date_start"] or dt.date.min, r["event_id"]))
            return [{k: _clean(r.get(k)) for k in (*EVENT_FIELDS, "source_text", "target_text")}
                    for r in found]

        rows = cache.get_or_compute(("events", a, b, lo, hi, stored_track, type or None), compute)
        if track == "unspecified":
            rows = [r for r in rows if r["track"] is None]
        if quad is not None:
            rows = [r for r in rows if r["quad_class"] == quad]
        if actor:
            needle = actor.lower()
            rows = [r for r in rows if needle in " ".join(
                str(r[k] or "") for k in ("source_country", "target_country", "source_text",
                                          "target_text")).lower()]
        return {"a": a, "b": b, "total": len(rows),
                "events": [{k: r[k] for k in EVENT_FIELDS} for r in rows[:limit]]}

    @app.get("/api/events/{event_id}", summary="One event with the document text around its sentence")
    def event(event_id: int) -> dict[str, Any]:
        view = cache.get_or_compute(("event", event_id), lambda: event_view(event_id))
        if view is None:
            raise HTTPException(404, f"no event {event_id}")
        return view

    def event_view(event_id: int) -> dict[str, Any] | None:
        """The event view of `event_id`, None when there is no such event."""
        with lock:
            found = rows_of(store.con.execute(
                'SELECT e.*, d.title, d.url, d.path, d.doc_date, d.n_chars, '
                f'substr(d.text, greatest(1, e."start" + 1 - {CONTEXT_CHARS}), '
                f'least(e."start", {CONTEXT_CHARS})) AS before, '
                'substr(d.text, e."start" + 1, e."end" - e."start") AS sentence, '
                f'substr(d.text, e."end" + 1, {CONTEXT_CHARS}) AS after '
                'FROM events e JOIN documents d USING (doc_id) WHERE e.event_id = ?', [event_id]))
        if not found:
            return None
        r = {k: _clean(v) for k, v in found[0].items()}
        start, end = r.get("start") or 0, r.get("end") or 0
        # the trigger, relative to the sentence, when it lies inside it
        ts, te = (r.get("trigger_start") or 0) - start, (r.get("trigger_end") or 0) - start
        trigger = [ts, te] if 0 <= ts < te <= end - start else None
        url = r.get("url") if str(r.get("url") or "").lower().startswith(("http://", "https://")) else None
        return {
            "event": {k: r.get(k) for k in EVENT_FIELDS if k != "sentence"},
            "source_text": r.get("source_text"), "target_text": r.get("target_text"),
            "date_text": r.get("date_text"), "trigger": r.get("trigger"),
            "document": {"doc_id": r.get("doc_id"), "title": r.get("title"), "url": url,
                         "date": r.get("doc_date"), "n_chars": r.get("n_chars")},
            "before": r.get("before") or "", "sentence": r.get("sentence") or "",
            "after": r.get("after") or "", "trigger_in_sentence": trigger,
            "truncated_before": start > CONTEXT_CHARS,
            "truncated_after": end + CONTEXT_CHARS < (r.get("n_chars") or 0),
        }

    @app.get("/api/network", summary="Actor network for a period: nodes and weighted edges")
    def network(since: str | None = None, until: str | None = None,
                limit: int = Query(60, ge=1, le=500, description="most active edges kept")) -> dict[str, Any]:
        lo, hi = dates(since, until)
        where, params = ["source_country <> target_country"], []
        if lo:
            where.append("date_end >= ?")
            params.append(lo)
        if hi:
            where.append("date_start <= ?")
            params.append(hi)
        sql = ("SELECT least(source_country, target_country), greatest(source_country, target_country), "
               "count(*), sum(intensity), sum(CASE WHEN quad_class >= 3 THEN 1 ELSE 0 END) "
               f"FROM events WHERE {' AND '.join(where)} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?")
        params.append(limit)
        with lock:
            rows = store.con.execute(sql, params).fetchall()
        nodes: dict[str, int] = {}
        edges = []
        for a, b, n, net, conflict in rows:
            nodes[a] = nodes.get(a, 0) + n
            nodes[b] = nodes.get(b, 0) + n
            edges.append({"a": a, "b": b, "events": n, "net": _clean(net), "conflict": conflict})
        return {"since": _clean(lo), "until": _clean(hi),
                "nodes": [{"id": k, "events": v} for k, v in sorted(nodes.items(), key=lambda kv: -kv[1])],
                "edges": edges}

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    # outermost last: the token is checked first, then the body size
    app.add_middleware(BodyLimit, limit=max_body_bytes)
    if token:
        app.add_middleware(TokenGate, token=token)
    app.state.store = store
    return app


def _overlaps(start: Any, end: Any, lo: dt.date | None, hi: dt.date | None) -> bool:
    if start is None:
        return lo is None and hi is None
    if lo is not None and str(end or start) < lo.isoformat():
        return False
    if hi is not None and str(start) > hi.isoformat():
        return False
    return True


def _version() -> str:
    from .. import __version__

    return __version__


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning",
          token: str | None = None) -> None:
    """Run the dashboard with uvicorn until interrupted (loopback only unless `host` says).

    On any other interface a `token` is required (DetenteError E083 otherwise)."""
    import uvicorn

    from ..errors import DetenteError, Errors

    if not is_loopback(host) and not token:
        raise DetenteError(Errors.E083, host=host)
    uvicorn.run(create_app(db, token=token or None), host=host, port=port, log_level=log_level,
                server_header=False, h11_max_incomplete_event_size=64 * 1024)
