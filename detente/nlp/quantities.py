"""Quantities: money, percentages and counts, found by one precompiled regular grammar.

    find_quantities("nearly $4 billion")  ->  [(0, 17, Quantity("nearly $4 billion", 4e9, "USD", True))]

The grammar (built once from detente/data/quantities.yaml) recognises
  money        "$20 billion", "US$ 1.2 million", "€3.5bn", "500 million euros", "RMB 5 billion",
               "billions of dollars"                           unit = ISO 4217 code
  percentages  "81%", "81 percent", "0.5 percentage points"     unit = "percent" / "percentage point"
  counts       "1,000 troops", "hundreds of attack drones", "two million refugees"
               unit = the head noun's lemma ("drone"); with a tagged Doc the component takes it
               from spaCy's POS and lemma, on plain text a small heuristic stands in.
Approximation cues before the number (nearly, about, more than, up to, …), ranges ("10-20"),
vague plurals ("hundreds of") and "several hundred" set `approx`.

Why a regex grammar and not quantulum3: quantulum3 parses every number with a classifier and
a unit ontology; it is slow per sentence, heavy to import, and knows nothing of "bn"/"mn" or
of approximation cues. One compiled pattern over doc.text costs a fraction of the parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from collections.abc import Iterator
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..record import Quantity
from . import extensions
from .extensions import QUANTITIES

_NOUNISH = frozenset({"NOUN", "PROPN", "ADJ"})
# A quantity never starts inside a word or a number, nor right after a currency sign or hyphen
# ("S-300 missiles", "P5+1 talks").
_LOOKBEHIND = r"(?<![\w$€£¥₽₹₩₺₴₪.,+/-])"
_STARTS = re.compile(_LOOKBEHIND + r"(?=\S)")
# How far before its anchor a quantity may start ("in excess of a couple of hundred ...").
_MAX_PREFIX = 64


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    symbol_codes: dict[str, tuple[str, float]]   # symbol or code -> (ISO code, factor)
    word_codes: dict[str, tuple[str, float]]     # lower-cased currency word -> (ISO code, factor)
    scales: dict[str, float]                     # lower-cased scale word or abbreviation -> factor
    spelled: dict[str, float]
    spelled_vague: frozenset[str]
    vague: dict[str, float]
    stopwords: frozenset[str]


@dataclass(frozen=True)
class _Match:
    """One grammar match; for counts, `unit_start` is where the unit words begin."""

    start: int
    end: int
    quantity: Quantity
    kind: str                 # "money" | "percent" | "count"
    unit_start: int = -1


def _alt(words: list[str], ignore_case: bool = False) -> str:
    """A regex alternation of literal words, longest first (so "US dollars" beats "dollars"),
    with inner spaces matching any run of whitespace."""
    parts = [r"\s+".join(re.escape(p) for p in w.split()) if " " in w else re.escape(w)
             for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(parts)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Load the tables and compile the grammar once per process."""
    raw = resources.files("detente").joinpath("data/quantities.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    symbol_codes: dict[str, tuple[str, float]] = {}
    word_codes: dict[str, tuple[str, float]] = {}
    for key, spec in data["currencies"].items():
        code = spec.get("code", key)
        factor = float(spec.get("factor", 1))
        for sym in spec.get("symbols", ()):
            symbol_codes.setdefault(sym, (code, factor))
        for c in [code if key == code else None, *spec.get("codes", ())]:
            if c:
                symbol_codes.setdefault(c, (code, factor))
        for word in spec.get("words", ()):
            word_codes.setdefault(" ".join(word.lower().split()), (code, factor))
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    abbrs = {k.lower(): float(v) for k, v in data["abbreviations"].items()}
    spelled = {k.lower(): float(v) for k, v in data["spelled"].items()}
    spelled_vague = [w.lower() for w in data.get("spelled_vague", ())]
    vague = {k.lower(): float(v) for k, v in data["vague"].items()}

    symbols = [s for s in symbol_codes if not s.isalpha()]
    codes = [s for s in symbol_codes if s.isalpha()]
    sym_re = _alt(symbols)
    code_re = rf"(?:{_alt(codes)}(?![A-Za-z]))"
    cur_word_re = rf"(?:{_alt(list(word_codes), ignore_case=True)}(?!\w))"
    scale_re = rf"(?:{_alt(list(scales), ignore_case=True)}(?!\w))"
    big_scale_re = rf"(?:{_alt([s for s in scales if s != 'hundred'], ignore_case=True)}(?!\w))"
    # abbreviations: glued to the number ("3.5bn", "$10M"), or spaced when 2+ letters ("20 bn")
    abbr_glued = rf"(?:{_alt(list(abbrs), ignore_case=True)}(?![\w]))"
    abbr_spaced = rf"(?:{_alt([a for a in abbrs if len(a) > 1], ignore_case=True)}(?![\w.]))"
    cue_re = _alt(list(data["approx_cues"]), ignore_case=True)
    pct_re = rf"(?:%|{_alt([p for p in data['percent'] if p != '%'], ignore_case=True)}(?!\w))"
    spelled_re = rf"(?:{_alt(list(spelled) + spelled_vague, ignore_case=True)})"
    vague_one = _alt(list(vague), ignore_case=True)
    digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![.,]?\d)"
    dash = r"(?:\s?[-–—]\s?|\s+to\s+)"

    def number(p: str, scaled: bool = True, words: bool = True) -> str:
        """A number with group names prefixed by `p` (Python forbids repeated group names)."""
        num = rf"(?P<{p}num>{digits})(?:{dash}(?:{sym_re})?(?P<{p}hi>{digits}))?"
        if scaled:
            num += (rf"(?:(?P<{p}abbr>{abbr_glued})|\s?-?\s?(?P<{p}scale>{scale_re})"
                    rf"|\s(?P<{p}abbr2>{abbr_spaced}))?")
        if not words:
            return f"(?:{num})"
        spelled_num = (rf"(?P<{p}spelled>{spelled_re})\s+(?P<{p}sscale>{scale_re})"
                       rf"(?:\s+(?P<{p}sscale2>{big_scale_re}))?")
        vague_num = rf"(?P<{p}vague>(?:{vague_one}\s+of\s+)*{vague_one}(?!\w))"
        return f"(?:{num}|{spelled_num}|{vague_num})"

    # the unit of a count: an optional capitalised modifier ("Russian", "NATO"), then one or two
    # lower-case words; which of them is the head is decided afterwards
    unit_re = r"(?:[A-Z][\w'’-]*\s+)?[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?"
    pattern = (
        _LOOKBEHIND +
        rf"(?:(?P<cue>{cue_re})\s*)?"
        r"(?:"
        rf"(?P<money_pre>(?P<sym>{sym_re}|{code_re})\s?{number('a_', words=False)})"
        rf"|(?P<money_post>{number('b_')}\s+(?:of\s+)?(?P<cur>{cur_word_re}|{code_re}))"
        rf"|(?P<pct>{number('c_', scaled=False, words=False)}\s?(?P<pctword>{pct_re}))"
        rf"|(?P<count>{number('d_')}\s+(?:of\s+)?(?P<unit>{unit_re}))"
        r")"
    )
    # Every quantity holds a digit or a scale/vague word: the anchors. Branches that start with
    # a character class let re skip ahead fast; the full grammar only runs near an anchor.
    anchor_words = sorted({*scales, *vague}, key=len, reverse=True)
    # (a leading character class, not a branch of classes: only that gets re's fast prefix scan)
    firsts = "".join(sorted({c for w in anchor_words for c in (w[0].lower(), w[0].upper())}))
    rests = "|".join(f"(?<=[{w[0].upper()}{w[0]}]){re.escape(w[1:])}" for w in anchor_words)
    anchor = rf"[\d{firsts}](?:(?<=\d)|{rests})"
    return _Grammar(
        pattern=re.compile(pattern),
        anchor=re.compile(anchor),
        symbol_codes=symbol_codes,
        word_codes=word_codes,
        scales={**scales, **abbrs},
        spelled=spelled,
        spelled_vague=frozenset(spelled_vague),
        vague=vague,
        stopwords=frozenset(str(w).lower() for w in data["count_stopwords"]),
    )


def _value(m: re.Match[str], p: str, g: _Grammar) -> tuple[float, bool] | None:
    """The number matched under prefix `p` (scale applied) and whether it is approximate."""
    if m.group(f"{p}num") is not None:
        try:
            value = Decimal(m.group(f"{p}num").replace(",", ""))
        except InvalidOperation:
            return None
        scale = m.groupdict().get(f"{p}abbr") or m.groupdict().get(f"{p}scale") \
            or m.groupdict().get(f"{p}abbr2")
        if scale:
            value *= Decimal(repr(g.scales[scale.lower()]))
        return float(value), m.group(f"{p}hi") is not None  # a range: lower bound, approx
    if m.groupdict().get(f"{p}spelled") is not None:
        word = " ".join(m.group(f"{p}spelled").lower().split())
        value = Decimal(repr(g.spelled.get(word, 1.0)))
        for key in (f"{p}sscale", f"{p}sscale2"):
            if m.group(key):
                value *= Decimal(repr(g.scales[m.group(key).lower()]))
        return float(value), word in g.spelled_vague
    if m.groupdict().get(f"{p}vague") is not None:
        value = Decimal(1)
        for word in re.split(r"\s+of\s+", m.group(f"{p}vague").lower()):
            value *= Decimal(repr(g.vague[word.strip()]))
        return float(value), True
    return None


_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "servicemen": "serviceman",
              "policemen": "policeman", "lives": "life", "feet": "foot"}


def _singular(word: str) -> str:
    """A rough English singular for plain-text counts (a tagged Doc uses spaCy's lemma)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _count_unit(m: re.Match[str], g: _Grammar) -> tuple[str, int] | None:
    """Head noun (singular) and its end offset, for a count on plain text; None if no unit."""
    unit_start = m.start("unit")
    words = [(w.group(), unit_start + w.start(), unit_start + w.end())
             for w in re.finditer(r"\S+", m.group("unit"))]
    lower = [(w, s, e) for w, s, e in words if w[:1].islower()]
    if not lower or lower[0][0] in g.stopwords:
        return None
    head = lower[0]
    second_ok = len(lower) == 2 and lower[1][0] not in g.stopwords
    if lower[0][0].endswith(("ed", "ing")):
        # a participle: "1,000 armed men", "displaced people" have the noun next; "12 voted",
        # "300 killed" have none
        if not second_ok:
            return None
        head = lower[1]
    elif second_ok and lower[1][0].endswith("s") and not lower[0][0].endswith("s"):
        head = lower[1]  # "attack drones", "air strikes": a singular modifier, a plural head
    return _singular(head[0]), head[2]


def _is_year(m: re.Match[str], p: str) -> bool:
    """A bare four-digit number in 1000-2100 with no scale is a year ("in 2014 talks")."""
    num = m.group(f"{p}num")
    if num is None or not (len(num) == 4 and num.isdigit() and 1000 <= int(num) <= 2100):
        return False
    gd = m.groupdict()
    return not (gd.get(f"{p}abbr") or gd.get(f"{p}scale") or gd.get(f"{p}abbr2"))


def _matches(text: str, g: _Grammar) -> Iterator[re.Match[str]]:
    """Same matches as g.pattern.finditer(text), but the grammar is only tried at word starts
    shortly before an anchor: running it at every character position costs ~1 us each."""
    pos = 0
    n = len(text)
    while pos < n:
        a = g.anchor.search(text, pos)
        if a is None:
            return
        found = None
        for cand in _STARTS.finditer(text, max(pos, a.start() - _MAX_PREFIX), a.start() + 1):
            found = g.pattern.match(text, cand.start())
            if found is not None and found.end() > found.start():
                break
            found = None
        if found is None:
            pos = a.end()
            continue
        yield found
        pos = found.end()


def _scan(text: str) -> list[_Match]:
    g = _grammar()
    out: list[_Match] = []
    for m in _matches(text, g):
        start = m.start()
        cue = m.group("cue") is not None
        if m.group("money_pre") is not None:
            val = _value(m, "a_", g)
            code, factor = g.symbol_codes.get(" ".join(m.group("sym").split()), (None, 1.0))
            if val is None or code is None:
                continue
            end, kind, unit, value = m.end(), "money", code, val[0] * factor
            approx = cue or val[1]
            unit_start = -1
        elif m.group("money_post") is not None:
            val = _value(m, "b_", g)
            cur = " ".join(m.group("cur").split())
            code, factor = g.symbol_codes.get(cur) or g.word_codes.get(cur.lower()) or (None, 1.0)
            if val is None or code is None:
                continue
            end, kind, unit, value = m.end(), "money", code, val[0] * factor
            approx = cue or val[1]
            unit_start = -1
        elif m.group("pct") is not None:
            val = _value(m, "c_", g)
            if val is None:
                continue
            word = " ".join(m.group("pctword").lower().split())
            unit = "percentage point" if word.startswith("percentage") else "percent"
            end, kind, value, approx, unit_start = m.end(), "percent", val[0], cue or val[1], -1
        else:
            val = _value(m, "d_", g)
            head = _count_unit(m, g)
            if val is None or head is None or _is_year(m, "d_"):
                continue
            unit, end = head
            kind, value, approx, unit_start = "count", val[0], cue or val[1], m.start("unit")
        # a cue glued to nothing ("~") or spaced: the span starts at the cue either way
        out.append(_Match(start, end, Quantity(text[start:end], value, unit, approx), kind, unit_start))
    return out


def find_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    """Money, percentages and counts in `text`: (start, end, Quantity), in text order.
    Offsets are character offsets into `text`; Quantity.text is text[start:end]."""
    if not text:
        return []
    return [(q.start, q.end, q.quantity) for q in _scan(text)]


class QuantityTagger:
    """spaCy component: doc.spans["detente_quantities"], each span with span._.quantity."""

    def __init__(self, name: str = "detente_quantities") -> None:
        self.name = name
        self.stopwords = _grammar().stopwords  # compile the grammar at construction, not per doc

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        tagged = doc.has_annotation("POS")
        # Doc.text joins every token's text on each access: read it once per doc, not per match
        text = doc.text
        for q in _scan(text):
            quantity, end = q.quantity, q.end
            if q.kind == "count" and tagged:
                refined = self._head(doc, q.unit_start, len(text))
                if refined is None:
                    continue
                unit, end = refined
                quantity = Quantity(text[q.start:end], quantity.value, unit, quantity.approx)
            span = doc.char_span(q.start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            span._.quantity = quantity
            spans.append(span)
        doc.spans[QUANTITIES] = spans
        return doc

    def _head(self, doc: Doc, unit_start: int, n_chars: int) -> tuple[str, int] | None:
        """Lemma and end offset of the head noun of the words at `unit_start` (POS-tagged doc):
        the last noun of the run of adjectives/nouns/compounds right after the number."""
        span = doc.char_span(unit_start, min(unit_start + 1, n_chars), alignment_mode="expand")
        if span is None:
            return None
        head = None
        for tok in doc[span.start:min(span.start + 5, len(doc))]:
            if tok.pos_ in _NOUNISH or tok.dep_ in ("compound", "amod") or tok.text in ("-", "‑"):
                if tok.pos_ == "NOUN":
                    head = tok
                continue
            break
        if head is None:
            return None
        unit = (head.lemma_ or head.text).lower()
        if unit in self.stopwords:
            return None
        return unit, head.idx + len(head.text)


@Language.factory("detente_quantities", default_config={})
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    """Factory for the detente_quantities component."""
    extensions.register()
    return QuantityTagger(name)
