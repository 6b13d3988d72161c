"""The event record: the contract between the pipeline and everything after it.

Field meanings are in docs/ARCHITECTURE.md and the README. One record per (source, target).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Actor:
    """A resolved actor: ISO-3 country or organisation code, optional sector, surface text."""

    country: str
    sector: str | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "sector": self.sector, "text": self.text}


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float
    unit: str
    approx: bool = False


@dataclass(frozen=True)
class Location:
    text: str
    country: str | None


@dataclass
class Event:
    doc: str
    start: int
    end: int
    sentence: str
    source: Actor
    target: Actor
    event_type: str
    mode: str | None
    quad_class: int
    intensity: float
    cameo_root: str | None
    symmetric: bool = False
    date: str | None = None
    date_text: str | None = None
    location: Location | None = None
    track: str = "political"
    quantities: list[Quantity] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    confidence: float = 0.5
    trigger: str = ""
    trigger_start: int = 0
    trigger_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the documented field order."""
        d = asdict(self)
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict()
        return d

    FIELDS = (
        "doc", "start", "end", "sentence", "source", "target", "event_type", "mode", "quad_class",
        "intensity", "cameo_root", "symmetric", "date", "date_text", "location", "track",
        "quantities", "negated", "hypothetical", "attributed_to", "confidence", "trigger",
        "trigger_start", "trigger_end",
    )


FLAT_COLUMNS = (
    "doc", "start", "end", "date", "date_text", "source_country", "source_sector", "source_text",
    "target_country", "target_sector", "target_text", "event_type", "mode", "quad_class", "intensity",
    "cameo_root", "symmetric", "track", "location_text", "location_country", "quantities", "negated",
    "hypothetical", "attributed_to", "confidence", "trigger", "sentence",
)


def flat_row(ev: Event) -> dict[str, Any]:
    """One event as a flat dict (CSV and DataFrame columns)."""
    import json

    return {
        "doc": ev.doc, "start": ev.start, "end": ev.end, "date": ev.date, "date_text": ev.date_text,
        "source_country": ev.source.country, "source_sector": ev.source.sector, "source_text": ev.source.text,
        "target_country": ev.target.country, "target_sector": ev.target.sector, "target_text": ev.target.text,
        "event_type": ev.event_type, "mode": ev.mode, "quad_class": ev.quad_class, "intensity": ev.intensity,
        "cameo_root": ev.cameo_root, "symmetric": ev.symmetric, "track": ev.track,
        "location_text": ev.location.text if ev.location else None,
        "location_country": ev.location.country if ev.location else None,
        "quantities": json.dumps([asdict(q) for q in ev.quantities]) if ev.quantities else "",
        "negated": ev.negated, "hypothetical": ev.hypothetical, "attributed_to": ev.attributed_to,
        "confidence": ev.confidence, "trigger": ev.trigger, "sentence": ev.sentence,
    }
