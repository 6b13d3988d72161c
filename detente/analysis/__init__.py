"""Relationship analytics over a detente event store: dyad series, phases, indicators, issues,
third parties, corroboration and contradictions.

Submodules load on first use (pandas, ruptures), so `import detente.analysis` is cheap.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    "dyad_series": "series",
    "dyad_events": "series",
    "series_from_events": "series",
    "phases": "phases",
    "dyad_phases": "phases",
    "turning_points": "phases",
    "Phase": "phases",
    "indicator_series": "indicators",
    "dyad_issues": "disputes",
    "issue_events": "disputes",
    "third_parties": "thirdparty",
    "triads": "thirdparty",
    "corroborate": "corroboration",
    "contradictions": "corroboration",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .indicators import indicator_series
    from .phases import Phase, dyad_phases, phases, turning_points
    from .series import dyad_events, dyad_series, series_from_events


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'detente.analysis' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
