"""Charts for the brief: Altair (Vega-Lite) specs rendered to static SVG offline by vl-convert.

Static SVG, not vega-embed, because the brief must open with no network and run no script:
vl-convert-python ships Vega, Vega-Lite and a JavaScript engine inside its wheel, so the
rendering happens here, in Python, and the HTML only carries the finished drawing.

Only labels detente controls go into charts (period labels, phase names, event types, track
names, units), never document text; `to_svg` still refuses any SVG with script or event
handler attributes before the template may include it unescaped.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

# Phase colours (background shading) and bar colours: one palette for brief and dashboard.
PHASE_COLORS = {"cooperation": "#cfe8d5", "detente": "#d6e6f5", "tension": "#fbe3c4",
                "crisis": "#f6c9c9", "quiet": "#eeeeee"}
POSITIVE, NEGATIVE = "#2f7d4a", "#b8412f"
# What may never appear in an SVG that goes into the page unescaped.
_UNSAFE_SVG = re.compile(r"<\s*(script|foreignObject|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:",
                         re.IGNORECASE)
_WIDTH = 640


def to_svg(chart: "alt.TopLevelMixin | dict[str, Any]") -> str | None:
    """The chart as an SVG string (vl-convert, offline); None when it cannot be rendered or
    the result is not plainly safe to inline."""
    import vl_convert as vlc

    spec = chart if isinstance(chart, dict) else chart.to_dict()
    try:
        svg = vlc.vegalite_to_svg(spec)
    except Exception:  # a chart must never break the brief; the section says so instead
        return None
    if _UNSAFE_SVG.search(svg):
        return None
    # the xmlns declarations are names, not fetches; nothing else may point outside the file
    return svg


def _year_axis() -> "alt.Axis":
    import altair as alt

    return alt.Axis(format="%Y", title=None, labelAngle=0)


def timeline_chart(series: "pd.DataFrame", phases: Sequence[dict[str, Any]],
                   title: str = "Net cooperation") -> "alt.LayerChart | None":
    """Bars of net cooperation per period, phases shaded behind them, turning points marked
    with a rule and labelled with the new phase."""
    import altair as alt
    import pandas as pd

    if series is None or not len(series):
        return None
    rows = pd.DataFrame({
        "start": [str(d)[:10] for d in series["period_start"]],
        "end": [str(d)[:10] for d in series["period_end"]],
        "period": series["period"].astype(str).tolist(),
        "net": series["net_cooperation"].astype(float).tolist(),
        "events": series["events"].astype(int).tolist(),
    })
    x_scale = alt.Scale(domain=[rows["start"].min(), rows["end"].max()])
    bars = alt.Chart(rows).mark_bar(opacity=0.9).encode(
        x=alt.X("start:T", axis=_year_axis(), scale=x_scale),
        x2="end:T",
        y=alt.Y("net:Q", title="net cooperation"),
        color=alt.condition("datum.net >= 0", alt.value(POSITIVE), alt.value(NEGATIVE)),
        tooltip=["period:N", "events:Q", "net:Q"],
    )
    layers: list[Any] = []
    if phases:
        ph = pd.DataFrame([{"start": p["start_date"], "end": p["end_date"], "label": p["label"],
                            "span": p["span"]} for p in phases if p.get("start_date")])
        if len(ph):
            domain = [k for k in PHASE_COLORS]
            shade = alt.Chart(ph).mark_rect(opacity=0.7).encode(
                x=alt.X("start:T", scale=x_scale), x2="end:T",
                color=alt.Color("label:N", title="phase",
                                scale=alt.Scale(domain=domain, range=[PHASE_COLORS[k] for k in domain]),
                                legend=alt.Legend(orient="bottom")),
                tooltip=["label:N", "span:N"])
            layers.append(shade)
            turns = ph.iloc[1:].copy()
            if len(turns):
                turns["text"] = turns["span"].str.split("–").str[0] + " → " + turns["label"]
                rule = alt.Chart(turns).mark_rule(color="#333", strokeDash=[4, 3]).encode(
                    x=alt.X("start:T", scale=x_scale))
                text = alt.Chart(turns).mark_text(align="left", dx=3, dy=-4, baseline="top",
                                                  fontSize=11, color="#222").encode(
                    x=alt.X("start:T", scale=x_scale), y=alt.value(0), text="text:N")
                layers += [rule, text]
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#666").encode(y="y:Q")
    return alt.layer(*layers, bars, zero).properties(width=_WIDTH, height=220, title=title)


def track_chart(series: "pd.DataFrame", track: str) -> "alt.Chart | None":
    """A small bar chart of one track's net cooperation per period."""
    import altair as alt
    import pandas as pd

    rows = series[series["track"] == track] if series is not None and len(series) else None
    if rows is None or not len(rows):
        return None
    data = pd.DataFrame({"start": [str(d)[:10] for d in rows["period_start"]],
                         "end": [str(d)[:10] for d in rows["period_end"]],
                         "period": rows["period"].astype(str).tolist(),
                         "net": rows["net_cooperation"].astype(float).tolist(),
                         "events": rows["events"].astype(int).tolist()})
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("start:T", axis=_year_axis()), x2="end:T",
        y=alt.Y("net:Q", title="net"),
        color=alt.condition("datum.net >= 0", alt.value(POSITIVE), alt.value(NEGATIVE)),
        tooltip=["period:N", "events:Q", "net:Q"],
    ).properties(width=300, height=90)


def indicator_chart(points: "pd.DataFrame", unit: str) -> "alt.LayerChart | None":
    """Values of one indicator unit per period, as a line with points."""
    import altair as alt
    import pandas as pd

    if points is None or not len(points):
        return None
    rows = points[points["unit"] == unit]
    if not len(rows):
        return None
    data = pd.DataFrame({"start": [str(d)[:10] for d in rows["period_start"]],
                         "period": rows["period"].astype(str).tolist(),
                         "value": rows["value"].astype(float).tolist()})
    base = alt.Chart(data).encode(x=alt.X("start:T", axis=_year_axis()),
                                  y=alt.Y("value:Q", title=unit),
                                  tooltip=["period:N", "value:Q"])
    return alt.layer(base.mark_line(color="#35618f"), base.mark_point(color="#35618f", filled=True)
                     ).properties(width=300, height=120, title=unit)
