"""detente: political event data from writing on international relations.

    >>> import detente
    >>> events = detente.extract("Tehran and Moscow signed an agreement on May 17, 2023.")
    >>> events[0].event_type
    'AGREE'

Heavy modules (spaCy, pandas) load on first use, so `import detente` and the CLI start fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "extract_df", "Extractor", "Event", "Actor", "Document", "__version__"]

if TYPE_CHECKING:
    from .extractor import Extractor, extract, extract_df
    from .readers import Document
    from .record import Actor, Event


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_df", "Extractor"):
        from . import extractor as _extract_mod

        return getattr(_extract_mod, name)
    if name in ("Event", "Actor"):
        from . import record

        return getattr(record, name)
    if name == "Document":
        from .readers import Document

        return Document
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
