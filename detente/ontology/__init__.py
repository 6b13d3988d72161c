"""PLOVER ontology tables (data files beside this module)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@lru_cache(maxsize=1)
def plover_types() -> dict[str, dict[str, Any]]:
    """The 16 PLOVER types with quad_class, cameo_root, intensity and description."""
    text = resources.files(__package__).joinpath("plover.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["types"]


def type_info(event_type: str) -> dict[str, Any]:
    """Ontology row for one PLOVER type; KeyError for an unknown type."""
    return plover_types()[event_type]
