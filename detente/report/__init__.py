"""The analyst's brief: one self-contained HTML file per relationship (`detente report A B`).

    >>> from detente.report import write_brief
    >>> write_brief("detente.duckdb", "RUS", "IRN", "brief.html", since=2013, until=2023)

Everything in the file is inline (styles, charts as static SVG rendered offline by
vl-convert from Altair/Vega-Lite specs); it makes no network request when opened.
"""
from __future__ import annotations

from .brief import BriefError, build_context, headline, render_brief, write_brief

__all__ = ["BriefError", "build_context", "headline", "render_brief", "write_brief"]
