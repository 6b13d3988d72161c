"""Phases of a dyad's relationship: turning points found by change-point detection on the
net-cooperation series, segments labelled cooperation, tension, detente or crisis, and the
events that drive each change.

    >>> from detente.analysis import dyad_events, series_from_events, phases
    >>> ev = dyad_events("detente.duckdb", "RUS", "IRN", by="year")
    >>> for ph in phases(series_from_events(ev), ev):
    ...     print(ph.start, ph.end, ph.label, ph.drivers)

Turning points come from `ruptures` (PELT, least-squares cost: a change in the mean level of
net cooperation). The default penalty per turning point is

    penalty_scale * sigma2 * log(n)

a BIC-style penalty for a change in mean, where sigma2 is the noise variance of the series,
estimated robustly from its first differences (so one big break does not inflate it), and
never below `noise_floor` times the series variance (a noiseless synthetic series would
otherwise make every wiggle a break).

Labels, from the segment's level and the one before it:

    quiet        no events in the segment
    crisis       mean net cooperation < 0 and material conflict (quad 4) at least half of the
                 events, or the mean at or below -crisis_factor x the series' typical level
                 (median |net| over periods with events)
    tension      mean net cooperation < 0 otherwise
    detente      mean >= 0 directly after a tension or crisis segment (a thaw)
    cooperation  mean >= 0 otherwise
"""
from __future__ import annotations

import datetime as dt
import math
import sys
import types
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .series import TRACK_ALL, dyad_events, series_from_events

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np
    import pandas as pd

    from ..store import Store

COOPERATION = "cooperation"
TENSION = "tension"
DETENTE = "detente"
CRISIS = "crisis"
QUIET = "quiet"
LABELS = (COOPERATION, TENSION, DETENTE, CRISIS, QUIET)


@dataclass
class Phase:
    """One segment of a dyad series between two turning points.

    `start`/`end` are period labels ('2021', '2022Q3', '2022-07'); `drivers` the event_ids of
    the events that drive the change into this phase (for the first phase: its strongest
    events), strongest first; `evidence` the same events with date, actors, type, intensity,
    document and evidence sentence."""

    start: str
    end: str
    label: str
    mean_net: float
    conflict_share: float
    drivers: list[int] = field(default_factory=list)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    n_periods: int = 0
    n_events: int = 0
    material_conflict_share: float = math.nan
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings, NaN as None)."""
        d = asdict(self)
        for k in ("start_date", "end_date"):
            d[k] = d[k].isoformat() if d[k] else None
        for k in ("mean_net", "conflict_share", "material_conflict_share"):
            d[k] = None if d[k] is None or math.isnan(d[k]) else round(float(d[k]), 4)
        return d


def _select(series: "pd.DataFrame", track: str | None, direction: str | None) -> "pd.DataFrame":
    """The dated rows of one track and direction, in time order."""
    if not len(series):
        return series
    rows = series[~series["undated"].astype(bool)]
    if len(rows):
        tracks = list(dict.fromkeys(rows["track"]))
        chosen = track or (TRACK_ALL if TRACK_ALL in tracks else tracks[0])
        rows = rows[rows["track"] == chosen]
        dirs = list(dict.fromkeys(rows["direction"]))
        if dirs:
            rows = rows[rows["direction"] == (direction or ("both" if "both" in dirs else dirs[0]))]
    return rows.sort_values("period_start").reset_index(drop=True)


def default_penalty(y: "np.ndarray", penalty_scale: float = 2.0, noise_floor: float = 0.1) -> float:
    """The default PELT penalty for series `y` (see the module docstring)."""
    import numpy as np

    n = len(y)
    var = float(np.var(y))
    d = np.diff(y)
    # MAD of the differences: each difference carries two noise terms, hence the sqrt(2)
    mad = float(np.median(np.abs(d - np.median(d)))) if len(d) else 0.0
    sigma2 = (1.4826 * mad / math.sqrt(2)) ** 2
    sigma2 = max(sigma2, noise_floor * var, 1e-9)
    return penalty_scale * sigma2 * math.log(max(n, 2))


def turning_points(y: "np.ndarray", penalty: float | None = None, min_size: int = 1,
                   penalty_scale: float = 2.0) -> list[int]:
    """Indices where a new segment starts (0 < i < len(y)), by PELT (ruptures, l2 cost)."""
    import numpy as np
    import ruptures as rpt

    y = np.asarray(y, dtype=float)
    n = len(y)
    if n < 2 * min_size or n < 2 or np.allclose(y, y[0]):
        return []
    pen = default_penalty(y, penalty_scale) if penalty is None else float(penalty)
    try:
        ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1)).predict(pen=pen)
    except rpt.exceptions.BadSegmentationParameters:
        return []
    return [int(e) for e in ends if 0 < e < n]


def _label(mean_net: float, events: int, material_share: float, scale: float,
           previous: str | None, crisis_factor: float) -> str:
    if events == 0:
        return QUIET
    if mean_net < 0:
        if material_share >= 0.5 or mean_net <= -crisis_factor * scale:
            return CRISIS
        return TENSION
    if previous in (TENSION, CRISIS):
        return DETENTE
    return COOPERATION


def _drivers(events: "pd.DataFrame | None", periods: set[str], sign: float,
             n_drivers: int) -> "pd.DataFrame | None":
    """The events in `periods` that push net cooperation in the direction `sign`, strongest
    first (by |intensity|, then confidence); the largest |intensity| ones if none do."""
    if events is None or not len(events) or n_drivers <= 0:
        return None
    cand = events[events["period"].isin(periods)]
    if not len(cand):
        return None
    cand = cand.assign(_score=cand["intensity"].astype(float) * sign,
                       _abs=cand["intensity"].astype(float).abs(),
                       _conf=cand["confidence"].astype(float) if "confidence" in cand else 0.0)
    pushing = cand[cand["_score"] > 0]
    if len(pushing):
        ranked = pushing.sort_values(["_score", "_conf", "event_id"], ascending=[False, False, True])
    else:
        ranked = cand.sort_values(["_abs", "_conf", "event_id"], ascending=[False, False, True])
    return ranked.head(n_drivers)


def _evidence(rows: "pd.DataFrame | None") -> list[dict[str, Any]]:
    if rows is None:
        return []
    out = []
    for r in rows.to_dict("records"):
        sentence = r.get("sentence")
        out.append({
            "event_id": int(r["event_id"]), "date": r.get("date"), "source": r.get("source_country"),
            "target": r.get("target_country"), "event_type": r.get("event_type"),
            "intensity": float(r["intensity"]), "track": r.get("track"), "doc_id": r.get("doc_id"),
            "sentence": sentence if isinstance(sentence, str) else None,
        })
    return out


def phases(series: "pd.DataFrame", events: "pd.DataFrame | None" = None, *,
           track: str | None = None, direction: str | None = None, penalty: float | None = None,
           penalty_scale: float = 2.0, min_size: int | None = None, window: int | None = None,
           n_drivers: int = 3, crisis_factor: float = 1.5, merge: bool = True) -> list[Phase]:
    """Segment a `dyad_series` frame into labelled phases.

    Works on one track ('all' by default) and direction of `series`, dated rows only (the
    undated-within-year buckets have no place in time). `events` (from `dyad_events`, same
    arguments) supplies the drivers; without it phases have none. `penalty` overrides the
    default penalty; `min_size` is the shortest phase in periods (default 1 by year, else 2);
    `window` the periods each side of a turning point searched for its drivers (default
    `min_size`). Neighbouring segments with the same label are merged unless `merge=False`.
    Returns phases in time order; [] for an empty series.
    """
    import numpy as np

    rows = _select(series, track, direction)
    if not len(rows):
        return []
    by = series.attrs.get("by", "month")
    if min_size is None:
        min_size = 1 if by == "year" else 2
    window = min_size if window is None else max(1, int(window))
    y = rows["net_cooperation"].to_numpy(dtype=float)
    n = len(y)
    starts = [0, *turning_points(y, penalty, min_size, penalty_scale)]
    ends = [*starts[1:], n]
    active = np.abs(y[rows["events"].to_numpy() > 0])
    scale = float(np.median(active)) if len(active) else 1.0
    scale = scale or 1.0
    if events is not None and "period" in events:
        events = events[events["period"].notna() & ~events["undated"].astype(bool)]

    labels = rows["period"].tolist()

    def stats(s: int, e: int) -> tuple[int, int, int, float]:
        seg = rows.iloc[s:e]
        return (int(seg["events"].sum()), int(seg["q3"].sum() + seg["q4"].sum()),
                int(seg["q4"].sum()), float(seg["net_cooperation"].mean()))

    # label the segments, then merge neighbours with the same label: a level change inside
    # cooperation (say) is not a new phase of the relationship
    segments: list[list[Any]] = []  # [start, end, label]
    previous: str | None = None
    for s, e in zip(starts, ends):
        n_ev, _, material, mean_net = stats(s, e)
        label = _label(mean_net, n_ev, material / n_ev if n_ev else 0.0, scale, previous, crisis_factor)
        if merge and segments and segments[-1][2] == label:
            segments[-1][1] = e
        else:
            segments.append([s, e, label])
        if label != QUIET:
            previous = label

    out: list[Phase] = []
    for i, (s, e, label) in enumerate(segments):
        seg = rows.iloc[s:e]
        n_ev, conflict, material, mean_net = stats(s, e)
        if i == 0:
            # no turning point opens the first phase: name what characterises it
            window_periods = set(labels[s:e])
            sign = 1.0 if mean_net >= 0 else -1.0
        else:
            window_periods = set(labels[max(0, s - window):min(n, s + window)])
            sign = 1.0 if mean_net >= out[-1].mean_net else -1.0
        evidence = _evidence(_drivers(events, window_periods, sign, n_drivers))
        out.append(Phase(
            start=labels[s], end=labels[e - 1], label=label, mean_net=mean_net,
            conflict_share=conflict / n_ev if n_ev else math.nan,
            drivers=[d["event_id"] for d in evidence],
            start_date=_as_date(seg["period_start"].iloc[0]), end_date=_as_date(seg["period_end"].iloc[-1]),
            n_periods=e - s, n_events=n_ev, material_conflict_share=material / n_ev if n_ev else math.nan,
            evidence=evidence))
    return out


def _as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return value.date()  # pandas Timestamp
    except AttributeError:
        return None


def dyad_phases(source: "Store | str | Path | pd.DataFrame", a: str, b: str, by: str = "year",
                track: str | None = None, direction: str = "both", **kwargs: Any) -> list[Phase]:
    """`phases` of the dyad a-b straight from a store (path) or events frame, with drivers.
    Keyword arguments go to `phases`."""
    ev = dyad_events(source, a, b, by=by, track=track, direction=direction)  # type: ignore[arg-type]
    return phases(series_from_events(ev), ev, **kwargs)


class _CallableModule(types.ModuleType):
    """`detente.analysis.phases` names both this module and its main function. Python binds
    the package attribute to the module once it is imported, so the module itself is made
    callable: `from detente.analysis import phases; phases(series)` works either way."""

    def __call__(self, *args: Any, **kwargs: Any) -> list[Phase]:
        return phases(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
