"""Event lexicons (verbs, nouns, track keywords) loaded from YAML data files.

The packaged files live in detente/data/events/. A user file with the same top-level keys
(`verbs:`, `nouns:`, `tracks:`) extends or overrides the packaged entries. PETRARCH verb
dictionaries (`--verbs`, see verbdict.py) are applied after them: their codes replace the type of
the verbs they name, while the grammar detente knows for that lemma (target prepositions, joint
acts, light and reporting verbs) is kept, since a PETRARCH dictionary says nothing about it.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DetenteError, Errors
from ..ontology import plover_types
from .verbdict import NULL_CODE, VERB_CODE_SCHEMES, Phrase, Role, VerbDictionary, read_verb_dictionary

log = logging.getLogger("detente")
# Target prepositions of a dictionary verb detente has no entry for (PETRARCH takes its target
# from the verb phrase, whatever the preposition); location prepositions are left out.
DICTIONARY_PREPS = ("with", "to", "against", "on", "into", "toward", "towards")


@dataclass(frozen=True)
class VerbPattern:
    """A PETRARCH pattern: words before (`left`) and after (`right`) the verb select this coding.
    `type` None is the null code: the match cancels the event."""

    left: tuple[Phrase, ...]
    right: tuple[Phrase, ...]
    weight: int
    type: str | None
    mode: str | None = None
    track: str | None = None
    paired_type: str | None = None
    paired_mode: str | None = None
    code: str = ""
    roles: tuple[Role, ...] = ()  # where the pattern places the source `$`, target `+`, compound `%`


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
    # preposition -> PLOVER type, where a state named by that preposition, and no partner, decides
    # ("exercises with Japan" COOPERATE vs "exercises around Taiwan" MOBILIZE)
    prep_types: tuple[tuple[str, str], ...] = ()
    speech: bool = False
    allege: bool = False
    standalone: bool = True
    track: str | None = None
    # the verb controls an infinitive in place of an object of its list ("declined to recognise")
    infinitive: bool = False
    # the type when the target named by a preposition is an international organisation
    organisation_type: str | None = None
    # from a PETRARCH verb dictionary: context patterns, the reverse event of a paired code
    # [A:B] (B from target to source) and the dictionary's own code
    patterns: tuple[VerbPattern, ...] = ()
    paired_type: str | None = None
    paired_mode: str | None = None
    code: str | None = None


@dataclass
class Lexicon:
    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    # keyword lemma -> track, in priority order of the tracks file
    track_words: dict[str, str] = field(default_factory=dict)
    track_order: tuple[str, ...] = ()
    # surface form -> coding, from PETRARCH verb dictionaries (matched before the lemma)
    verb_forms: dict[str, Trigger] = field(default_factory=dict)
    # one summary line per verb dictionary read
    verb_reports: list[str] = field(default_factory=list)


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
    for key in ("object_types", "subject_types", "prep_types"):
        table = spec.get(key) or {}
        if not isinstance(table, dict):
            raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': {key} must be a mapping")
        for word, wtype in table.items():
            if wtype not in plover_types():
                raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': unknown PLOVER type {wtype!r} for {word!r}")
        typed[key] = table
    object_types = typed["object_types"]
    org_type = spec.get("organisation_type")
    if org_type is not None and org_type not in plover_types():
        raise DetenteError(Errors.E021, path=source, detail=f"'{lemma}': unknown PLOVER type {org_type!r}")
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
        prep_types=tuple((_word(k), str(v)) for k, v in typed["prep_types"].items()),
        speech=bool(spec.get("speech", False)),
        allege=bool(spec.get("allege", False)),
        standalone=bool(spec.get("standalone", True)),
        track=spec.get("track"),
        infinitive=bool(spec.get("infinitive", False)),
        organisation_type=org_type,
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


def restructure(coding: Trigger, base: Trigger | None) -> Trigger:
    """`coding`'s event coding (type, mode, patterns, paired code) on `base`'s grammar.

    The object restrictions of `base` are dropped: they select the built-in meaning, and the
    dictionary says the verb itself is the event."""
    if base is None:
        return coding
    return replace(base, lemma=coding.lemma, type=coding.type, mode=coding.mode,
                   track=coding.track or base.track, objects=frozenset(), objects_not=frozenset(),
                   reverse_objects=frozenset(), patterns=coding.patterns, paired_type=coding.paired_type,
                   paired_mode=coding.paired_mode, code=coding.code)


@dataclass(frozen=True)
class _Coding:
    type: str | None
    mode: str | None = None
    track: str | None = None
    paired_type: str | None = None
    paired_mode: str | None = None


def _mapping(code: str, scheme: str) -> Any:
    """The table row (CameoMapping) a single code maps to under `scheme`, or None."""
    from ..interop import cameo_to_plover, is_cameo_code, weis_to_plover  # light; imported late

    if scheme == "cameo":
        return cameo_to_plover(code)
    if scheme == "weis":
        return weis_to_plover(code)
    # auto: a code that exists in CAMEO is read as CAMEO (even CAMEO 01/02, which PLOVER drops);
    # otherwise as WEIS; a PLOVER type name (no digits) as cameo2plover.csv reads it
    if is_cameo_code(code) or code.strip().isalpha():
        return cameo_to_plover(code)
    return weis_to_plover(code)


def dictionary_coding(code: str, scheme: str = "auto") -> _Coding | None:
    """A dictionary code as PLOVER: `[---]` -> no event (type None); `[A:B]` -> A and its paired
    reverse B; None when A does not map under `scheme` (see VERB_CODE_SCHEMES and verbdict.py)."""
    if scheme not in VERB_CODE_SCHEMES:
        raise ValueError(f"verb code scheme must be one of {', '.join(VERB_CODE_SCHEMES)}: {scheme!r}")
    if code == NULL_CODE:
        return _Coding(None)
    first, _, second = code.partition(":")
    m = _mapping(first, scheme)
    if m is None:
        return None
    p = _mapping(second, scheme) if second and second != NULL_CODE else None
    return _Coding(m.event_type, m.mode, m.track, p.event_type if p else None, p.mode if p else None)


def cameo_coding(code: str) -> _Coding | None:
    """`dictionary_coding` with CAMEO codes only (detente's behaviour before `verb_codes`)."""
    return dictionary_coding(code, "cameo")


_TABLES = {"cameo": "cameo2plover.csv", "weis": "weis2plover.csv",
           "auto": "cameo2plover.csv or weis2plover.csv"}


def apply_verb_dictionary(lex: Lexicon, vd: VerbDictionary, verb_codes: str = "auto") -> None:
    """Add (and for the same lemma, override) the verbs of a PETRARCH dictionary to `lex`; its
    codes are read under the scheme `verb_codes` (auto, cameo or weis)."""
    unknown: dict[str, int] = {}
    pattern_sets: list[tuple[VerbPattern, ...]] = []
    dropped_patterns = 0
    for block in vd.patterns:
        out = []
        for p in block:
            c = dictionary_coding(p.code, verb_codes)
            if c is None:
                unknown[p.code] = unknown.get(p.code, 0) + 1
                dropped_patterns += 1
                continue
            out.append(VerbPattern(p.left, p.right, p.weight, c.type, c.mode, c.track, c.paired_type,
                                   c.paired_mode, p.code, p.roles))
        pattern_sets.append(tuple(out))
    kept_builtin = dropped_verbs = patterns_only = 0
    for v in vd.verbs:
        if v.multiword:
            continue  # below, once every single-word entry is in
        base = lex.verbs.get(v.lemma)
        pats = pattern_sets[v.block]
        c = dictionary_coding(v.code, verb_codes)
        if c is None:
            unknown[v.code] = unknown.get(v.code, 0) + 1
            if base is not None and base.type is not None:
                # fallback: the code says "an event" but not which PLOVER type; keep detente's
                trig = replace(base, patterns=pats, code=v.code)
                kept_builtin += 1
            elif pats:
                patterns_only += 1
                trig = restructure(Trigger(v.lemma, None, patterns=pats, code=v.code), base) \
                    if base else Trigger(v.lemma, None, preps=DICTIONARY_PREPS, patterns=pats, code=v.code)
            else:
                dropped_verbs += 1
                continue
        else:
            own = Trigger(v.lemma, c.type, c.mode, preps=DICTIONARY_PREPS, track=c.track, patterns=pats,
                          paired_type=c.paired_type, paired_mode=c.paired_mode, code=v.code)
            trig = restructure(own, base)
        lex.verbs[v.lemma] = trig
        for form in v.forms:
            lex.verb_forms[form] = trig
    for v in vd.verbs:
        if not v.multiword:
            continue
        c = dictionary_coding(v.code, verb_codes)
        if c is None:
            unknown[v.code] = unknown.get(v.code, 0) + 1
            dropped_verbs += 1
            continue
        # "WIRE_+TAP": a pattern on the verb word whose words stand right before and after it
        words = len(v.before) + len(v.after)
        pattern = VerbPattern(((tuple(((w,),) for w in v.before)),) if v.before else (),
                              ((tuple(((w,),) for w in v.after)),) if v.after else (),
                              2 * words + 1, c.type, c.mode, c.track, c.paired_type, c.paired_mode, v.code)
        base = lex.verbs.get(v.lemma)
        if base is not None and base.code is not None:
            # the verb has an entry of its own (this dictionary or an earlier one): add to it
            trig = replace(base, patterns=base.patterns + (pattern,))
        elif base is not None:
            trig = replace(base, patterns=base.patterns + (pattern,))  # detente's own verb keeps its type
        else:
            # PETRARCH: the verb word alone is no event ([---]); the block's patterns apply to it
            trig = Trigger(v.lemma, None, preps=DICTIONARY_PREPS, patterns=pattern_sets[v.block] + (pattern,),
                           code=NULL_CODE)
        lex.verbs[v.lemma] = trig
        for form in v.forms:
            existing = lex.verb_forms.get(form)
            lex.verb_forms[form] = replace(existing, patterns=existing.patterns + (pattern,)) \
                if existing is not None and existing is not base else trig
    report = (f"{vd.path}: {vd.blocks} verb blocks, {len(vd.verbs)} verbs, {vd.n_patterns} patterns read "
              f"(codes: {verb_codes}); "
              f"{len(vd.skipped)} unsupported lines skipped")
    if unknown:
        codes = ", ".join(sorted(unknown)[:12]) + (" ..." if len(unknown) > 12 else "")
        report += (f"; {sum(unknown.values())} entries with codes {_TABLES[verb_codes]} does not map ({codes}): "
                   f"{kept_builtin} verbs keep detente's type, {patterns_only} code only through their "
                   f"patterns, {dropped_verbs} verbs and {dropped_patterns} patterns skipped")
    lex.verb_reports.append(report)
    if vd.skipped or unknown:
        log.warning("detente: %s", report)


@lru_cache(maxsize=8)
def load_lexicon(extra_files: Sequence[str] = (), verb_files: Sequence[str] = (),
                 verb_codes: str = "auto", verbs_only: bool = False) -> Lexicon:
    """The packaged lexicons, extended by `extra_files` (YAML) and then by PETRARCH verb
    dictionaries `verb_files`, whose codes are read as `verb_codes` (auto, cameo, weis).
    With `verbs_only`, only the dictionaries' verbs trigger events (see `dictionary_only`).
    Cached: call with tuples."""
    if verb_codes not in VERB_CODE_SCHEMES:
        raise ValueError(f"verb_codes must be one of {', '.join(VERB_CODE_SCHEMES)}, not {verb_codes!r}")
    if verbs_only and not verb_files:
        raise DetenteError(Errors.E026)
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
    for path in verb_files:
        apply_verb_dictionary(lex, read_verb_dictionary(path), verb_codes)
    if verbs_only:
        dictionary_only(lex)
    return lex


def dictionary_only(lex: Lexicon) -> None:
    """Keep only the triggers that came from a verb dictionary, as PETRARCH codes: a closed
    dictionary, no event from a verb or noun it does not list. Verbs with no event type of
    their own (reporting verbs such as "say") stay, so that who-said-what is still read; a
    dictionary verb keeps the structure detente knows for it (prepositions, control)."""
    lex.verbs = {lemma: t for lemma, t in lex.verbs.items() if t.code is not None or t.type is None}
    lex.verb_forms = {form: t for form, t in lex.verb_forms.items() if t.code is not None or t.type is None}
    lex.nouns = {}
