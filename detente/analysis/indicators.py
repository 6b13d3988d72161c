"""Indicator series: the quantities attached to a dyad's events ("trade reached $4.9 billion",
"a 20 percent rise", "40 drones") as values per period, each with its source sentence.

    >>> from detente.analysis import indicator_series
    >>> indicator_series("detente.duckdb", "RUS", "IRN", kind="trade")
      period  unit         value    growth  n_reports  text  sentence  doc_id  event_id ...

Kinds of quantity (the `unit` detente's quantity grammar gives them):

    money    an ISO 4217 currency code (USD, EUR, RUB, IRR, ...)
    trade    money attached to a trade event (mode trade/sell) or one on the economic track
    percent  'percent' or 'percentage point'
    count    anything else: the counted noun's lemma ('drone', 'engineer', 'barrel')
    all      every quantity

There are no exchange rates here: every unit is its own series (`unit` column), never summed
with another. Periods with no report are absent (a missing figure is not a zero). When several
figures fall in one period and unit, `agg` picks the value: 'max' (default: reports of one
year's trade repeat the total or give parts of it, so the largest is the best guess at the
total), 'median' or 'sum' (for counts of separate deliveries). The point's text, sentence,
doc_id and event_id are those of the largest figure. `growth` is the relative change from the
previous period (value / previous - 1), only where that period has a figure in the same unit.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .series import dyad_events

if TYPE_CHECKING:
    import pandas as pd

    from ..store import Store

KINDS = ("trade", "money", "percent", "count", "all")
AGGS = ("max", "median", "sum")
PERCENT_UNITS = frozenset({"percent", "percentage point"})
TRADE_MODES = frozenset({"trade", "sell"})
INDICATOR_COLUMNS = ("period", "period_start", "unit", "value", "growth", "n_reports", "approx",
                     "text", "sentence", "doc_id", "event_id", "event_type", "date")
_CURRENCY_RE = re.compile(r"[A-Z]{3}\Z")


def quantity_kind(unit: str) -> str:
    """'money', 'percent' or 'count' for a quantity unit."""
    if _CURRENCY_RE.match(unit or ""):
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    return "count"


def _wanted(kind: str, unit: str, mode: Any, track: Any) -> bool:
    qkind = quantity_kind(unit)
    if kind == "all":
        return True
    if kind == "trade":
        return qkind == "money" and (mode in TRADE_MODES or track == "economic")
    return qkind == kind


def indicator_series(source: "Store | str | Path | pd.DataFrame", a: str, b: str,
                     kind: str = "trade", unit: str | None = None,
                     by: Literal["month", "quarter", "year"] = "year",
                     direction: Literal["both", "ab", "ba"] = "both",
                     agg: str = "max") -> "pd.DataFrame":
    """Quantities of the dyad a-b's events as a series per period and unit.

    `kind`: trade, money, percent, count or all (see the module docstring); `unit` keeps one unit
    only ('USD', 'drone'). Columns: period, period_start, unit, value, growth, n_reports, approx,
    text, sentence, doc_id, event_id, event_type, date. Sorted by unit, then period.
    """
    import numpy as np
    import pandas as pd

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if agg not in AGGS:
        raise ValueError(f"agg must be one of {AGGS}, not {agg!r}")
    ev = dyad_events(source, a, b, by=by, direction=direction)
    ev = ev[ev["period"].notna() & ev["quantities"].notna()]
    points: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for r in ev.to_dict("records"):
        raw = r["quantities"]
        if not raw or raw == "[]":
            continue
        try:
            quantities = json.loads(raw) if isinstance(raw, str) else list(raw)
        except (TypeError, ValueError):
            continue  # a damaged JSON cell: skip it rather than fail the whole series
        for q in quantities:
            if not isinstance(q, dict):
                continue
            q_unit, value = str(q.get("unit") or ""), q.get("value")
            if not isinstance(value, (int, float)) or not np.isfinite(value):
                continue
            if unit is not None and q_unit != unit:
                continue
            if not _wanted(kind, q_unit, r.get("mode"), r.get("track")):
                continue
            # one sentence can carry several events of the dyad; count its figure once
            key = (r["doc_id"], r["start"], q.get("text"), q_unit, value)
            if key in seen:
                continue
            seen.add(key)
            points.append({
                "period": r["period"], "period_end": r["period_end"], "unit": q_unit,
                "value": float(value), "approx": bool(q.get("approx", False)),
                "text": q.get("text"), "sentence": r.get("sentence"), "doc_id": r["doc_id"],
                "event_id": int(r["event_id"]), "event_type": r["event_type"], "date": r["date"],
                "date_start": r["date_start"],
            })
    if not points:
        return pd.DataFrame({c: [] for c in INDICATOR_COLUMNS})
    pts = pd.DataFrame(points)
    # the largest figure of each (unit, period) carries the evidence
    pts = pts.sort_values(["unit", "period_end", "period", "value", "event_id"],
                          ascending=[True, True, True, False, True])
    groups = pts.groupby(["unit", "period"], sort=False)
    best = groups.head(1).set_index(["unit", "period"])
    best["n_reports"] = groups.size()
    if agg != "max":
        best["value"] = groups["value"].agg(agg)
    best = best.reset_index()

    freq = {"month": "M", "quarter": "Q", "year": "Y"}[by]
    undated = best["period"].str.endswith("-undated")
    start = pd.to_datetime(best["date_start"]).dt.to_period(freq)
    best["period_start"] = [None if u else p.start_time.date() for u, p in zip(undated, start)]
    # growth only between adjacent periods of the same unit (an undated bucket has no neighbour)
    prev_label = [None if u else str(p - 1) for u, p in zip(undated, start)]
    lookup = {(u, p): v for u, p, v in zip(best["unit"], best["period"], best["value"])}
    prev = [lookup.get((u, pl)) if pl else None for u, pl in zip(best["unit"], prev_label)]
    best["growth"] = [v / p - 1 if p not in (None, 0) else np.nan for v, p in zip(best["value"], prev)]
    best["n_reports"] = best["n_reports"].astype(np.int64)
    out = best[list(INDICATOR_COLUMNS)].reset_index(drop=True)
    out.attrs.update(a=ev.attrs.get("a"), b=ev.attrs.get("b"), by=by, kind=kind, unit=unit, agg=agg)
    return out
