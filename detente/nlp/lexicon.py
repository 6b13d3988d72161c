"""Event lexicons (verbs, nouns, track keywords) loaded from YAML data files.

The packaged files live in detente/data/events/. A user file with the same top-level keys
(`verbs:`, `nouns:`, `tracks:`) extends or overrides the packaged entries.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DetenteError, Errors
from ..ontology import plover_types


@dataclass(frozen=True)
class Trigger:
    """Coding of one trigger lemma (see the comments at the top of verbs.yaml / nouns.yaml)."""

    lemma: str
    type: str | None
    mode: str | None = None
    preps: tuple[str, ...] = ()
    symmetric: bool = False
    reverse: bool = False
    light: bool = False
    objects: frozenset[str] = frozenset()
    objects_not: frozenset[str] = frozenset()
    reverse_objects: frozenset[str] = frozenset()
    # object lemma -> PLOVER type, for verbs whose type depends on what they act on
    # ("strengthen ties" COOPERATE vs "strengthen its forces" MOBILIZE)
    object_types: tuple[tuple[str, str], ...] = ()
    # subject lemma -> PLOVER type ("the minister arrived" CONSULT vs "peacekeepers arrived" AID)
    subject_types: tuple[tuple[str, str], ...] = ()
    speech: bool = False
    allege: bool = False
    standalone: bool = True
    track: str | None = None


@dataclass
class Lexicon:
    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    # keyword lemma -> track, in priority order of the tracks file
    track_words: dict[str, str] = field(default_factory=dict)
    track_order: tuple[str, ...] = ()


def _word(value: Any) -> str:
    """YAML 1.1 reads a bare `on`/`off` as a boolean; a preposition list means the word."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _trigger(lemma: str, spec: dict[str, Any], source: str) -> Trigger:
    etype = spec.get("type")
    if etype is not None and etype not in plover_types():
        raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': unknown PLOVER type {etype!r}")
    typed: dict[str, dict] = {}
    for key in ("object_types", "subject_types"):
        table = spec.get(key) or {}
        if not isinstance(table, dict):
            raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': {key} must be a mapping")
        for word, wtype in table.items():
            if wtype not in plover_types():
                raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': unknown PLOVER type {wtype!r} for {word!r}")
        typed[key] = table
    object_types = typed["object_types"]
    return Trigger(
        lemma=lemma,
        type=etype,
        mode=spec.get("mode"),
        preps=tuple(_word(p) for p in spec.get("preps", ())),
        symmetric=bool(spec.get("symmetric", False)),
        reverse=bool(spec.get("reverse", False)),
        light=bool(spec.get("light", False)),
        objects=frozenset(spec.get("object", ())),
        objects_not=frozenset(spec.get("object_not", ())),
        reverse_objects=frozenset(spec.get("reverse_objects", ())),
        object_types=tuple((str(k).lower(), str(v)) for k, v in object_types.items()),
        subject_types=tuple((str(k).lower(), str(v)) for k, v in typed["subject_types"].items()),
        speech=bool(spec.get("speech", False)),
        allege=bool(spec.get("allege", False)),
        standalone=bool(spec.get("standalone", True)),
        track=spec.get("track"),
    )


def _merge(lex: Lexicon, data: dict[str, Any], source: str) -> None:
    if not isinstance(data, dict):
        raise DetenteError(Errors.E021, path=source, detail="expected a mapping with verbs/nouns/tracks")
    for lemma, spec in (data.get("verbs") or {}).items():
        lex.verbs[str(lemma).lower()] = _trigger(str(lemma).lower(), spec or {}, source)
    for lemma, spec in (data.get("nouns") or {}).items():
        lex.nouns[str(lemma).lower()] = _trigger(str(lemma).lower(), spec or {}, source)
    tracks = data.get("tracks") or {}
    order = list(lex.track_order)
    for track, words in tracks.items():
        if track not in order:
            order.append(track)
        for w in words or ():
            lex.track_words.setdefault(str(w).lower(), track)
    lex.track_order = tuple(order)


@lru_cache(maxsize=8)
def load_lexicon(extra_files: Sequence[str] = ()) -> Lexicon:
    """The packaged lexicons, extended by `extra_files` (YAML). Cached: call with a tuple."""
    lex = Lexicon()
    base = resources.files("detente").joinpath("data/events")
    # tracks first, so that user files can only add keywords (setdefault keeps the packaged ones)
    for name in ("tracks.yaml", "verbs.yaml", "nouns.yaml"):
        # libyaml's parser when present: the same data, ~5x faster at start-up
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _merge(lex, yaml.load(base.joinpath(name).read_text(encoding="utf-8"), Loader=loader), name)
    for path in extra_files:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise DetenteError(Errors.E021, path=path, detail=str(exc).splitlines()[0]) from None
        _merge(lex, data, str(path))
    return lex
