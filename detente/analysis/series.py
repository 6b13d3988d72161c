"""Dyad time series: a pair of actors' events counted per month, quarter or year.

    >>> from detente.analysis import dyad_series
    >>> s = dyad_series("detente.duckdb", "RUS", "IRN", by="year")
    >>> s[s.track == "all"][["period", "q1", "q2", "q3", "q4", "net_cooperation"]]

The result is tidy (one row per period x track): columns

    period           label: '2022-07' (month), '2022Q3' (quarter), '2022' (year), or
                     '2022-undated' for the undated-within-year bucket (see below)
    period_start/period_end   first and last day of the period (the bucket: of its year)
    undated          True on undated-within-year bucket rows
    track            'all' for every event of the dyad, else one track (economic, military, ...);
                     events stored without a track count as 'unspecified'
    direction        'both', 'ab' (a -> b) or 'ba' (b -> a)
    q1..q4           event counts per quad class (verbal/material cooperation, verbal/material
                     conflict)
    events           q1 + q2 + q3 + q4
    net_cooperation  sum of the events' intensities (Goldstein-like; > 0 cooperative)
    conflict_share   (q3 + q4) / events; NaN where a period has no events

Placement rules (decided here, tested in tests/test_analysis_series.py):

* The index is continuous: every period from the dyad's first to its last dated event is a row,
  empty ones with zero counts; every track has the same rows, so tracks line up.
* An event is placed in the period of its first day (`date_start`; for an interval `a/b`, the
  first day of `a`).
* An event whose date is coarser than the period unit (a bare year or a quarter when grouping by
  month, a year or half-year when grouping by quarter) is NOT spread over the periods and NOT put
  in January: it goes to its year's *undated-within-year* bucket, one extra row per such year
  (`undated=True`, period '2022-undated', sorted after the year's last period). Spreading would
  invent monthly detail the sources do not give, and January would show false peaks. Drop the
  bucket rows with `s[~s.undated]` for plotting. By year nothing is coarser, so there are none.
* Events without any date are left out and counted in `attrs["excluded_undated"]`; negated and
  hypothetical events ("did not sanction", "could sanction") did not happen and are left out
  unless `factual_only=False` (counted in `attrs["excluded_non_factual"]`).
* Symmetric events (joint acts, "A and B signed") are stored once per pair and count once in
  'both', and in each single direction ('ab' and 'ba').
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ..store import Store

By = Literal["month", "quarter", "year"]
Direction = Literal["both", "ab", "ba"]

BY_CHOICES = ("month", "quarter", "year")
DIRECTIONS = ("both", "ab", "ba")
TRACK_ALL = "all"
UNSPECIFIED_TRACK = "unspecified"
UNDATED_SUFFIX = "-undated"
SERIES_COLUMNS = ("period", "period_start", "period_end", "undated", "track", "direction",
                  "q1", "q2", "q3", "q4", "events", "net_cooperation", "conflict_share")
_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}
# The longest date (in days) still placed in one period by its first day. A week that straddles
# two months stays a dated event; a quarter or a year inside a monthly series does not.
_MAX_SPAN_DAYS = {"month": 31, "quarter": 92, "year": 366}


def _check(by: str, direction: str) -> None:
    if by not in BY_CHOICES:
        raise ValueError(f"by must be one of {BY_CHOICES}, not {by!r}")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")


def _code(value: str) -> str:
    code = str(value).strip().upper()
    if not code:
        raise ValueError("actor codes must not be empty")
    return code


def load_events(source: "Store | str | Path | pd.DataFrame", a: str, b: str,
                track: str | None = None) -> "pd.DataFrame":
    """The stored events between `a` and `b` (either direction) as a DataFrame.

    `source` is a Store, the path of a store (opened read-only and closed again) or an events
    DataFrame shaped like `Store.events_frame()` (filtered here)."""
    import pandas as pd

    from ..store import Store

    # "unspecified" is detente's name for NULL tracks, so SQL cannot filter on it
    sql_track = track if track and track != UNSPECIFIED_TRACK else None
    if isinstance(source, pd.DataFrame):
        frame = source
        src, tgt = frame["source_country"], frame["target_country"]
        frame = frame[((src == a) & (tgt == b)) | ((src == b) & (tgt == a))]
    elif isinstance(source, Store):
        frame = source.events_frame(dyad=(a, b), track=sql_track)
    else:
        with Store(source, read_only=True) as store:
            frame = store.events_frame(dyad=(a, b), track=sql_track)
    return frame.reset_index(drop=True)


def dyad_events(source: "Store | str | Path | pd.DataFrame", a: str, b: str, by: By = "month",
                track: str | None = None, direction: Direction = "both",
                factual_only: bool = True) -> "pd.DataFrame":
    """The dyad's events, filtered by track and direction, with their place in the series.

    Adds columns `track` (NULL -> 'unspecified'), `period` (label, None when the event has no
    date), `undated` (True for the undated-within-year bucket) and `period_end`. The counts of
    what was left out are in `attrs` (see `dyad_series`)."""
    import numpy as np
    import pandas as pd

    _check(by, direction)
    a, b = _code(a), _code(b)
    frame = load_events(source, a, b, track).copy()
    attrs: dict[str, Any] = {"a": a, "b": b, "by": by, "direction": direction, "track": track,
                             "excluded_undated": 0, "excluded_non_factual": 0, "coarse_events": 0}
    frame["track"] = frame["track"].fillna(UNSPECIFIED_TRACK)
    if track:
        frame = frame[frame["track"] == track]
    src, tgt = frame["source_country"], frame["target_country"]
    sym = frame["symmetric"].fillna(False).astype(bool)
    ab, ba = (src == a) & (tgt == b), (src == b) & (tgt == a)
    keep = {"both": ab | ba, "ab": ab | (ba & sym), "ba": ba | (ab & sym)}[direction]
    frame = frame[keep]
    if factual_only and len(frame):
        factual = ~(frame["negated"].fillna(False).astype(bool)
                    | frame["hypothetical"].fillna(False).astype(bool))
        attrs["excluded_non_factual"] = int((~factual).sum())
        frame = frame[factual]
    frame = frame.reset_index(drop=True)

    lo = pd.to_datetime(frame["date_start"])
    hi = pd.to_datetime(frame["date_end"])
    # For an interval 'a/b' the span that matters is that of its first part `a`.
    intervals = frame["date"].astype("string").str.contains("/", regex=False).fillna(False).astype(bool)
    if intervals.any():
        from ..store import date_bounds

        firsts = [date_bounds(str(v).partition("/")[0])[1] for v in frame.loc[intervals, "date"]]
        hi = hi.copy()
        hi[intervals] = pd.to_datetime(pd.Series(firsts, index=hi[intervals].index, dtype=object))
    dated = lo.notna()
    attrs["excluded_undated"] = int((~dated).sum())
    span = (hi - lo).dt.days + 1
    coarse = dated & (span > _MAX_SPAN_DAYS[by])
    attrs["coarse_events"] = int(coarse.sum())

    freq = _FREQ[by]
    periods = lo.dt.to_period(freq)
    # label each distinct period once, as a categorical: str() per row, or a column of a
    # million Python strings, is the slow part on large stores
    codes, uniques = pd.factorize(periods)
    names = [str(p) for p in uniques]
    coarse_np = coarse.to_numpy()
    if coarse_np.any():
        ycodes, years = pd.factorize(lo[coarse].dt.year.astype(int).to_numpy())
        codes = codes.copy()
        codes[coarse_np] = len(names) + ycodes
        names += [f"{y}{UNDATED_SUFFIX}" for y in years]
    frame["period"] = pd.Categorical.from_codes(codes, categories=names)  # -1: no date, NaN
    frame["undated"] = coarse.to_numpy()
    # sort key: a period's last day; a bucket shares its year's last day and sorts after it
    end_precise = periods.dt.end_time.dt.normalize()
    end_year = lo.dt.to_period("Y").dt.end_time.dt.normalize()
    frame["period_end"] = end_year.where(coarse, end_precise)
    frame.attrs.update(attrs)
    return frame


def series_from_events(events: "pd.DataFrame", tracks: Sequence[str] | None = None) -> "pd.DataFrame":
    """Count `dyad_events()` output per period and track (see the module docstring).

    `tracks`: the tracks to give rows for; default 'all' plus every track present (or only the
    filtered track when `dyad_events` was given one)."""
    import numpy as np
    import pandas as pd

    attrs = dict(events.attrs)
    by, direction = attrs.get("by", "month"), attrs.get("direction", "both")
    dated = events[events["period"].notna()]
    if tracks is None:
        present = sorted(set(dated["track"].unique()))
        tracks = [attrs["track"]] if attrs.get("track") else [TRACK_ALL, *present]
    if dated.empty:
        out = pd.DataFrame({c: [] for c in SERIES_COLUMNS})
        out.attrs.update(attrs, n_events=0)
        return out

    # the row grid: every period from the first to the last precisely dated event, then one
    # bucket per year that has coarse events
    freq = _FREQ[by]
    precise = dated[~dated["undated"].astype(bool)]
    grid_rows: list[tuple[str, Any, Any, bool]] = []
    if len(precise):
        starts = pd.to_datetime(precise["date_start"])
        for p in pd.period_range(starts.min().to_period(freq), starts.max().to_period(freq), freq=freq):
            grid_rows.append((str(p), p.start_time.date(), p.end_time.date(), False))
    for year in sorted({int(str(lbl)[:-len(UNDATED_SUFFIX)]) for lbl in
                        dated.loc[dated["undated"].astype(bool), "period"].unique()}):
        y = pd.Period(year=year, freq="Y")
        grid_rows.append((f"{year}{UNDATED_SUFFIX}", y.start_time.date(), y.end_time.date(), True))
    grid_rows.sort(key=lambda r: (r[2], r[3]))
    grid = pd.DataFrame(grid_rows, columns=["period", "period_start", "period_end", "undated"])

    # sums per (track, period) with integer codes and bincount: no string grouping at all
    pcodes, plabels = pd.factorize(dated["period"])
    tcodes, tlabels = pd.factorize(dated["track"])
    n_p = len(plabels)
    q = dated["quad_class"].fillna(0).astype(int).to_numpy()
    net = dated["intensity"].fillna(0.0).astype(float).to_numpy()

    def sums(mask: Any) -> dict[str, np.ndarray]:
        pc = pcodes if mask is None else pcodes[mask]
        qq = q if mask is None else q[mask]
        out = {f"q{k}": np.bincount(pc, weights=(qq == k), minlength=n_p).astype(np.int64)
               for k in (1, 2, 3, 4)}
        out["net_cooperation"] = np.bincount(pc, weights=net if mask is None else net[mask],
                                             minlength=n_p)
        return out

    pos = pd.Index([str(x) for x in plabels]).get_indexer(grid["period"])
    have = pos >= 0
    track_index = {str(t): i for i, t in enumerate(tlabels)}
    parts = []
    for tr in tracks:
        if tr == TRACK_ALL:
            totals = sums(None)
        elif tr in track_index:
            totals = sums(tcodes == track_index[tr])
        else:
            totals = sums(np.zeros(len(pcodes), dtype=bool))
        part = grid.copy()
        part.insert(4, "track", tr)
        for col, arr in totals.items():
            part[col] = np.where(have, arr[np.clip(pos, 0, None)], 0) if n_p else 0
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    for k in (1, 2, 3, 4):
        out[f"q{k}"] = out[f"q{k}"].fillna(0).astype(np.int64)
    out["net_cooperation"] = out["net_cooperation"].fillna(0.0).astype(float)
    out.insert(5, "direction", direction)
    out["events"] = out[["q1", "q2", "q3", "q4"]].sum(axis=1).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (out["q3"] + out["q4"]) / out["events"].where(out["events"] > 0)
    out["conflict_share"] = share.astype(float)
    out = out[list(SERIES_COLUMNS)]
    out.attrs.update(attrs, n_events=int(len(dated)))
    return out


def dyad_series(source: "Store | str | Path | pd.DataFrame", a: str, b: str, by: By = "month",
                track: str | None = None, direction: Direction = "both",
                factual_only: bool = True) -> "pd.DataFrame":
    """Event counts per period between actors `a` and `b`, per track and overall.

    `source`: a Store, a store path, or an events DataFrame (`Store.events_frame()` shape).
    `by`: 'month', 'quarter' or 'year'. `track`: keep one track only (rows carry that track
    instead of 'all'). `direction`: 'both', 'ab' (a acting on b) or 'ba'. Returns a tidy
    DataFrame (columns in the module docstring; empty when the dyad has no dated events) whose
    `attrs` hold a, b, by, direction, track, n_events, excluded_undated (no date at all),
    coarse_events (in undated-within-year buckets) and excluded_non_factual.
    """
    return series_from_events(dyad_events(source, a, b, by=by, track=track, direction=direction,
                                          factual_only=factual_only))
