"""Temporal expressions: recognition and TIMEX3 normalisation (rules, one compiled regex).

`find_timexes` runs one precompiled regular expression over the text (linear in its length),
then normalises each match with a small handler. Values follow TIMEX3/TimeML (`2013-03-22`,
`2013-W11`, `P1M`, `XXXX-WI`, `PAST_REF` ...). `event_value` is what an event record may carry:
an ISO 8601 date at exactly the precision the text gives (`2014`, `2014-08`, `2014-08-13`) or
a closed interval (`2014-01-01/2014-04-30`); None for durations, sets and vague references.

Anchoring: deictic expressions ("yesterday", "last week", "next year", "Monday", "two years
ago") use the document date. Narrative expressions ("two years later", "the following month",
"that year") and underspecified dates ("On September 22") use the last explicit date in the
text when `narrative=True` (history writing), the document date when `narrative=False`
(TempEval/news convention). Without an anchor the value stays underspecified (`XXXX-09-22`)
and `event_value` is None.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers span._.timex and doc._.document_date)

__all__ = ["Timex", "find_timexes", "timex_records", "event_value_of", "make_date_tagger",
           "DateTagger"]


@dataclass
class Timex:
    """One temporal expression: character offsets into the text (end exclusive) and TIMEX3 values."""

    start: int
    end: int
    text: str
    type: str                 # DATE, TIME, DURATION, SET
    value: str                # TIMEX3 value, e.g. 2013-03-22, 2013-W11, P1M, XXXX-WI, PAST_REF
    event_value: str | None   # ISO 8601 date / interval an event may carry, or None
    mod: str | None = None    # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, ...


# --------------------------------------------------------------------------- lexicon & grammar

@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    """The date lexicon (detente/data/dates.yaml), loaded once per process."""
    text = resources.files("detente").joinpath("data/dates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alt(words: list[str] | Any, escape: bool = True) -> str:
    """Regex alternation, longest first so that a longer form wins over its prefix."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    out = []
    for w in items:
        p = re.escape(w) if escape else w
        out.append(p.replace(r"\ ", r"\s+").replace(" ", r"\s+"))
    return "(?:" + "|".join(out) + ")"


def _cased(words: list[str]) -> str:
    """Case-sensitive alternation of Capitalised and UPPER forms (names: months, weekdays)."""
    forms: set[str] = set()
    for w in words:
        forms.update({w.capitalize(), w.upper()})
    return "(?-i:" + _alt(forms)[3:]


# Words that can open a timex besides the lexicon's entries (grammar keywords).
_FIRST_WORDS = ("the", "early", "late", "mid", "middle", "very", "end", "beginning", "start", "close",
                "turn", "fiscal", "fy", "every", "each", "once", "twice", "thrice", "last", "next", "this",
                "that", "past", "coming", "previous", "preceding", "following", "same", "current",
                "prior", "earlier", "later", "yesterday", "today", "tomorrow", "tonight", "overnight",
                "noon", "midnight", "about", "around", "at", "approximately", "shortly", "year", "half",
                "latest", "most", "in", "nineteen", "eighteen", "two", "twenties", "thirties", "forties",
                "fifties", "sixties", "seventies", "eighties", "nineties", "rest", "remainder", "mid-")


def _trie_regex(words: set[str]) -> str:
    """A regex for a set of literal words, factored as a trie (fast to match in `re`)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts, end = [], "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body
    return "(?:" + emit(trie) + ")"


class _Grammar:
    """All compiled patterns and lookup tables; built once (see `_grammar`)."""

    def __init__(self, lex: dict[str, Any]) -> None:
        self.months: dict[str, int] = {k: int(v) for k, v in lex["months"].items()}
        self.months.update({k: int(v) for k, v in lex["month_abbreviations"].items()})
        self.ambiguous_months = set(lex["ambiguous_months"])
        self.weekdays: dict[str, int] = {k: int(v) for k, v in lex["weekdays"].items()}
        self.seasons: dict[str, str] = dict(lex["seasons"])
        self.parts: dict[str, str] = dict(lex["parts_of_day"])
        self.numbers: dict[str, Any] = {str(k): v for k, v in lex["numbers"].items()}
        self.ordinals: dict[str, int] = {str(k): int(v) for k, v in lex["ordinals"].items()}
        self.units: dict[str, tuple[str, bool]] = {k: (v[0], bool(v[1])) for k, v in lex["units"].items()}
        self.unit_plurals: dict[str, str] = dict(lex["unit_plurals"])
        self.vague: dict[str, str] = {k: v for k, v in lex["vague"].items()}
        self.freq: dict[str, str] = dict(lex["frequency_adverbs"])
        self.count_nouns = {w.lower() for w in lex["count_nouns"]}
        self.year_cues = {w.lower() for w in lex["year_cue_words"]}
        self.month_cues = {w.lower() for w in lex["month_cue_words"]}
        self.year_blockers = {w.lower() for w in lex.get("year_blocking_words", [])}

        month_full = _cased(list(lex["months"]))
        month_abbr = _cased(list(lex["month_abbreviations"])) + r"\.?"
        month = f"(?:{month_full}|{month_abbr})"
        weekday = _cased(list(lex["weekdays"]))
        weekday_any = f"(?:{weekday}|{_cased(list(lex['weekday_abbreviations']))}\\.?)"
        season = _alt(lex["seasons"])
        part = _alt(lex["parts_of_day"])
        unit_s = _alt(lex["units"])
        unit_p = _alt(lex["unit_plurals"])
        unit = f"(?:{unit_p}|{unit_s})"
        tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        ones = "(?:one|two|three|four|five|six|seven|eight|nine)"
        numw = f"(?:{tens}[-\\s]{ones}|{_alt(lex['numbers'])})"
        num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{numw})"
        qmod = _alt(lex["quantity_modifiers"])
        qmods = rf"(?:{qmod}\s+){{0,2}}"
        day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
        # Digits, or a spelled-out year ("nineteen ninety-six", "two thousand and one"), as said on air.
        year = (rf"(?:(?:1\d{{3}}|20\d{{2}})(?![\d])|(?:nineteen|eighteen)[-\s]+{tens}(?:[-\s]+{ones})?(?![-\w])"
                rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{ones}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?(?![-\w]))")
        ordq = "(?:first|second|third|fourth|1st|2nd|3rd|4th)"
        ordc = _alt([k for k in lex["ordinals"] if not k[0].isdigit() and k not in ("last", "final")])
        modp = (r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle)(?:\s*-\s*|\s+)|mid(?=\d)|"
                r"(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+(?:the\s+)?)")
        tz = r"(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|MSK|ET|local\s+time)"
        ampm = r"(?:[ap]\.\s?m\.|[ap]m\b|[AP]M\b)"
        relw = r"(?:last|next|this|that|past|coming|previous|preceding|following|same|current|prior)"
        decade = r"(?:(?:1\d|20)\d0s|'\d0s|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"
        tail_ago = (r"(?:ago|earlier|later|afterwards?|hence|from\s+now|on|"
                    r"(?:before|after|prior)(?=\s*[,.;:)]|\s*$))")

        # Each kind is tried in this order at a position (leftmost-first alternation), so
        # longer and more specific forms come first.
        kinds: list[tuple[str, str]] = [
            ("iso", r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?)?(?![\d])"),
            ("slash", r"(?<![\d/.])(?P<y>\d{4})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])"),
            ("mdy", rf"(?:(?P<wd>{weekday_any}),?\s+)?(?P<mon>{month})\s+(?P<d>{day})(?:(?:\s*,\s*|\s+)(?P<y>{year}))?"),
            ("dmy", rf"(?:(?P<wd>{weekday_any}),?\s+)?(?:the\s+)?(?P<d>{day})\s+(?:of\s+)?(?P<mon>{month})(?:,?\s+(?P<y>{year}))?"),
            ("modmonth", rf"(?P<mod>{modp})(?P<mon>{month_full})(?:,?\s+(?:of\s+)?(?P<y>{year}))?"),
            ("monyear", rf"(?P<mon>{month})(?:(?:,?\s+|\s+of\s+)(?P<y>{year})|\s+(?P<ry>this|last|next)\s+year(?!'))"),
            ("seasonyear", rf"(?P<mod>{modp})?(?:the\s+)?(?P<s>{season})(?:\s+of)?,?\s+(?P<y>{year})"),
            ("quarter", rf"(?:the\s+|(?P<ry>this|last|next)\s+year's\s+)?(?:fiscal\s+)?(?P<o>{ordq}|last|final)[-\s]+(?:fiscal[-\s]+)?(?P<q>quarter|half)"
                        rf"(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y>{year})|(?P<rel>this|last|next|the)\s+year))?"),
            ("qcode", rf"(?P<q>[QH][1-4])(?:\s+|\s*-\s*|\s+of\s+)(?P<y>{year})|(?P<y2>{year})\s*-?\s*(?P<q2>[QH][1-4])\b"),
            ("moddecade", rf"(?P<mod>{modp})(?:the\s+)?(?P<dec>{decade})"),
            ("modyear", rf"(?P<mod>{modp})(?P<y>{year})"),
            ("decade", rf"(?:the\s+)?(?P<dec>(?<![\w$£€]){decade})"),
            ("century", rf"(?:the\s+)?(?P<c>{ordc}|\d{{1,2}}(?:st|nd|rd|th))[-\s]+century"),
            ("fiscal", rf"(?:fiscal|FY)\s*(?:year\s+)?(?P<y>{year}|\d\d)"),
            ("time", rf"(?:(?:about|around|at\s+about|approximately|shortly\s+(?:before|after))\s+)?"
                     rf"(?P<t>(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{ampm})|(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?=\s*{tz})|noon|midnight)"
                     rf"(?:\s*(?P<tz>{tz}))?(?:,?\s+(?:on\s+)?(?:(?P<dref>{weekday}|yesterday|today|tomorrow)|(?P<dmon>{month})\s+(?P<dday>{day})))?"),
            ("set", rf"(?:(?:every|each)\s+(?:other\s+)?(?:(?P<n>{num})\s+)?(?P<tgt>{unit}|{weekday}|{month_full}|{season}|weekend)"
                    rf"|(?P<f>{_alt(lex['frequency_adverbs'])})"
                    rf"|(?:once|twice|thrice|(?:{num})\s+times)\s+(?:a|an|per|every)\s+(?P<tgt2>{unit_s})"
                    rf"|(?P<wds>{weekday})s(?:\s+(?P<pd>{part})s?)?)"),
            ("weekend", r"(?P<pre>(?:early|late)\s+)?the\s+weekend"),
            # Financial reporting periods: "the quarter", "the latest period", "the year-ago (third)
            # quarter", "the 1988 period", "last year's quarter", "the corresponding period last year".
            ("fin", rf"(?:the\s+(?:(?P<cmp>comparable|corresponding|same|latest|most\s+recent)\s+)?"
                    rf"(?:(?P<ya>year[-\s](?:ago|earlier))\s+|(?P<py>(?:19|20)\d\d)\s+)?(?:(?P<o>{ordq})[-\s]+)?(?:fiscal[-\s]+)?"
                    rf"(?P<u>quarter|period)(?:\s+(?P<ya3>a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?"
                    rf"|(?P<ly>last\s+year's)\s+(?:(?P<o2>{ordq})[-\s]+)?quarter)(?![-\w])"
                    r"|(?P<ya2>year-(?:ago|earlier)|year\s+(?:ago|earlier)(?=\s+(?:results|levels?|figures?|net|profits?|earnings|sales|loss|quarter|period)))(?![-\w])"),
            ("ago", rf"(?P<qm>{qmods})(?:(?P<n>{num})(?:\s+|\s*-\s*)(?P<u>{unit})|(?P<u2>{unit_p}))(?:\s+or\s+so)?\s+(?P<tail>{tail_ago})"),
            ("rel", rf"(?:(?P<pre>early|late|earlier|later|mid)[-\s]+)?(?:(?P<edge>end|beginning|start|middle)\s+of\s+)?"
                    rf"(?P<the>the\s+)?(?P<rw>{relw})\s+(?:fiscal\s+)?(?P<tgt>{unit_s}|weekend|{season}|{month_full}|{weekday})(?![-\w])"),
            ("edge_the", r"(?P<pre>earlier|later)?\s*(?:(?P<edge>(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|close)\s+of)|in)\s+the\s+(?P<tgt>year|month|decade|century)(?![-\w'])(?!\s+(?:ended|ending)\b)|(?P<ye>year[-\s]end)(?![-\w])"),
            ("the_rel", rf"(?P<edge>(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+)?the\s+(?P<tgt>year|month|week|day)\s+(?P<rw>before|after|earlier|later)(?=\s*[,.;:)]|\s*$)"),
            # "for the year", "the full year", "the latest fiscal year"; "the year ended June 30" (a
            # reporting period: a duration).
            ("theyear", r"the\s+(?:(?P<fy>full|latest|calendar)\s+)?(?P<fisc>fiscal\s+)?year(?![-\w'])(?!\s+(?:two|nineteen|eighteen|\d))"
                        r"(?:(?=\s+(?:ended|ending)\b)(?P<end>))?"),
            ("dayrel", rf"(?:(?P<pre>early|late|earlier|later|mid)[-\s]+)?(?P<pd0>{part}\s+)?(?P<dr>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight|overnight|last\s+night|(?:this|that)(?=\s+{part}))"
                       rf"(?:\s+(?P<pd>{part}))?"),
            ("weekday", rf"(?:(?P<rw>last|next|this|early|late|earlier|later)\s+)?(?P<wd>{weekday})(?:\s+(?P<pd>{part}))?"),
            ("duration", rf"(?P<qm>{qmods})(?:(?P<n>{num})(?:\s+|\s*-\s*)(?P<u>{unit})(?!-(?:ago|earlier)(?![-\w]))(?:\s*-\s*|\s+)?(?P<adj>long|old)?"
                         rf"|(?P<half>half\s+an?\s+(?:{unit_s})|an?\s+(?:{unit_s})\s+and\s+a\s+half)"
                         rf"|(?P<u2>(?<=\bfor\s)(?:{unit_p})))"),
            ("bmonth", rf"(?P<mon>{month_full})(?!\s*\d)"),
            ("season", rf"(?P<mod>(?:early|late|mid)[-\s]+)?the\s+(?:(?P<mod2>early|late)\s+)?(?P<s>{season})|(?P<mod3>early|late|mid)[-\s]?(?P<s2>spring|summer|autumn|winter)"),
            ("vague", rf"(?P<v>{_alt(lex['vague'])})"),
            ("year", rf"(?:the\s+year\s+)?(?<![\d$£€#./,])(?P<y>{year})(?!%|,\d|\.\d|\s*-\s*\d{{1,2}}(?!\d))"),
        ]
        self.kinds = [k for k, _ in kinds]
        parts = []
        for kind, pat in kinds:
            pat = re.sub(r"\(\?P<(\w+)>", lambda m, k=kind: f"(?P<{k}__{m.group(1)}>", pat)
            parts.append(f"(?P<{kind}>{pat})")
        # Speed: a cheap gate on the first word (a trie regex of every word a timex can start
        # with) rejects most word starts before the big alternation is tried.
        first = {w.split()[0].lower() for table in ("months", "month_abbreviations", "weekdays",
                 "weekday_abbreviations", "seasons", "parts_of_day", "numbers", "ordinals", "units",
                 "unit_plurals", "vague", "frequency_adverbs", "quantity_modifiers") for w in map(str, lex[table])}
        first |= set(_FIRST_WORDS)
        gate = rf"(?=\d|'\d|[QH][1-4]\b|FY\d|{_trie_regex(first)}(?!\w))"
        # (?<!\w) ... (?!\w): whole words only; "." ends abbreviations so no trailing \b.
        self.master = re.compile(r"(?<![\w'])" + gate + r"(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
        self.heading = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|={2,}[ \t]*)(?P<h>[^\n]*?)[ \t=#]*$", re.MULTILINE)
        self.num_re = re.compile(rf"^(?:{tens})[-\s]{ones}$", re.IGNORECASE)
        self.word_before = re.compile(r"([\w.()-]+|,)\s*$")
        self.word_after = re.compile(r"^\s*([\w/]+)")
        self.future_cue = re.compile(r"(?:\b(?:will|shall|is\s+to|are\s+to|scheduled|going\s+to|plans?\s+to|"
                                     r"due\s+to|set\s+to|upcoming|payable|effective|expected|expects?|of\s+record)\b|'ll\b)",
                                     re.IGNORECASE)


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    """Build the grammar once per process (regex compilation is the expensive part)."""
    return _Grammar(_lexicon())


# --------------------------------------------------------------------------- value helpers

Anchor = tuple[int | None, int | None, int | None]   # (year, month, day); None where unknown

_MOD_WORDS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
              "late": "END", "end": "END", "close": "END", "turn": "END"}
# How far (characters) a quarter named in the text stays the reporting period of a financial
# report: about a paragraph or two, so that a digest's next company story starts afresh.
_QUARTER_REACH = 1000
# News mode: a day or month written without a year, in a sentence with no future cue, is
# taken as a future date only when that is less than about a quarter (days) ahead.
_NEWS_FUTURE_REACH = 90
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _fmt(y: int | None, m: int | None = None, d: int | None = None) -> str:
    ys = "XXXX" if y is None else f"{y:04d}"
    if m is None:
        return ys
    if d is None:
        return f"{ys}-{m:02d}"
    return f"{ys}-{m:02d}-{d:02d}"


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _mod_of(text: str | None) -> str | None:
    if not text:
        return None
    for w, mod in _MOD_WORDS.items():
        if re.search(rf"\b{w}", text, re.IGNORECASE):
            return mod
    return None


def _week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _iso_interval(a: _dt.date, b: _dt.date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


_V_YEAR = re.compile(r"^(\d{4})$")
_V_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_V_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_V_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_V_QH = re.compile(r"^(\d{4})-([QH])([1-4])$")
_V_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_V_DECADE = re.compile(r"^(\d{3})$")
_V_CENTURY = re.compile(r"^(\d{2})$")


def _on_heading_line(m: re.Match) -> bool:
    """True when the match sits on a Markdown/wiki heading line."""
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    return text[start:m.start()].lstrip().startswith(("#", "=="))


def event_value_of(value: str, mod: str | None = None) -> str | None:
    """ISO 8601 date or interval for an event record, at the precision of the TIMEX3 value.

    `2014` -> `2014`; `2014` with mod START -> `2014-01-01/2014-04-30`; `2014-W11` -> the
    Monday/Sunday interval; `2014-Q1`, seasons, decades -> intervals; anything vague -> None.
    """
    try:
        if m := _V_YEAR.match(value):
            y = int(m.group(1))
            if mod in ("START", "MID", "END"):
                a, b = {"START": (1, 4), "MID": (5, 8), "END": (9, 12)}[mod]
                return _iso_interval(_dt.date(y, a, 1), _dt.date(y, b, _last_day(y, b)))
            return value
        if m := _V_MONTH.match(value):
            y, mo = int(m.group(1)), int(m.group(2))
            if not 1 <= mo <= 12:
                return None
            if mod in ("START", "MID", "END"):
                a, b = {"START": (1, 10), "MID": (11, 20), "END": (21, _last_day(y, mo))}[mod]
                return _iso_interval(_dt.date(y, mo, a), _dt.date(y, mo, b))
            return value
        if m := _V_DAY.match(value):
            _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))  # validates
            return value[:10]
        if m := _V_WEEK.match(value):
            y, w = int(m.group(1)), int(m.group(2))
            if m.group(3):
                return _iso_interval(_dt.date.fromisocalendar(y, w, 6), _dt.date.fromisocalendar(y, w, 7))
            return _iso_interval(_dt.date.fromisocalendar(y, w, 1), _dt.date.fromisocalendar(y, w, 7))
        if m := _V_QH.match(value):
            y, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
            span = 3 if kind == "Q" else 6
            if kind == "H" and n > 2:
                return None
            a = (n - 1) * span + 1
            b = a + span - 1
            return _iso_interval(_dt.date(y, a, 1), _dt.date(y, b, _last_day(y, b)))
        if m := _V_SEASON.match(value):
            y, s = int(m.group(1)), m.group(2)
            a, b = _SEASON_MONTHS[s]
            yb = y + 1 if b < a else y
            return _iso_interval(_dt.date(y, a, 1), _dt.date(yb, b, _last_day(yb, b)))
        if m := _V_DECADE.match(value):
            base = int(m.group(1)) * 10
            a, b = {"START": (0, 3), "MID": (3, 6), "END": (7, 9)}.get(mod or "", (0, 9))
            return f"{base + a:04d}/{base + b:04d}"
        if m := _V_CENTURY.match(value):
            base = int(m.group(1)) * 100
            a, b = {"START": (0, 33), "MID": (33, 66), "END": (67, 99)}.get(mod or "", (0, 99))
            return f"{base + a:04d}/{base + b:04d}"
    except ValueError:
        return None
    return None


def _shift(anchor: Anchor, n: int, unit: str) -> str | None:
    """Anchor moved by n units, formatted at the unit's granularity; None if the anchor is too coarse."""
    y, m, d = anchor
    if y is None:
        return None
    try:
        if unit == "year":
            return _fmt(y + n)
        if unit == "decade":
            return f"{y // 10 + n:03d}"
        if unit == "century":
            return f"{y // 100 + n:02d}"
        if m is None:
            return None
        if unit == "month":
            k = y * 12 + (m - 1) + n
            return _fmt(k // 12, k % 12 + 1)
        if unit == "quarter":
            k = y * 4 + (m - 1) // 3 + n
            return f"{k // 4:04d}-Q{k % 4 + 1}"
        if d is None:
            return None
        base = _dt.date(y, m, d)
        if unit in ("week", "weekend"):
            w = _week(base + _dt.timedelta(days=7 * n))
            return w + "-WE" if unit == "weekend" else w
        if unit in ("day", "hour", "minute", "second"):
            days = n if unit == "day" else 0
            return (base + _dt.timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return None
    return None


def _unknown_for(unit: str) -> str:
    return {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE", "decade": "XXX", "century": "XX"}.get(unit, "XXXX-XX-XX")


# --------------------------------------------------------------------------- the finder

# Words before an adjective/noun ("its quarterly dividend") and words after an adverb
# ("rose 5% annually since 1980") that tell an attributive frequency word from an adverbial one.
_DETERMINERS = frozenset("a an the its his her their our my your this that these those average initial "
                         "first second third fourth regular usual normal latest last next another each".split())
_FUNCTION_WORDS = frozenset("and or but nor in on at for to from by with since through until till during over "
                            "as than while when where if because after before about around into onto upon per "
                            "thereafter thereby so then is are was were be been will would can could may might "
                            "should shall must do does did has have had".split())

class _Ctx:
    """Per-call state: document date, narrative anchor, text."""

    def __init__(self, text: str, dct: _dt.date | None, narrative: bool) -> None:
        self.text = text
        self.dct = dct
        self.narrative = narrative
        self.dct_anchor: Anchor = (dct.year, dct.month, dct.day) if dct else (None, None, None)
        # The narrative anchor: last explicit date in the text (None until one is seen).
        self.story: Anchor | None = None
        # Financial reporting: the last quarter named in the text, (year, quarter).
        self.last_quarter: tuple[int, int] | None = None
        self.last_quarter_at = -1

    def deictic(self) -> Anchor:
        return self.dct_anchor

    def narrative_anchor(self) -> Anchor:
        if self.narrative and self.story is not None:
            return self.story
        return self.dct_anchor

    def anaphoric_anchor(self) -> Anchor:
        """Anchor for strictly anaphoric phrases ("that year", "the following month")."""
        if self.narrative and self.story is not None:
            return self.story
        return self.dct_anchor

    def year_for(self, month: int, day: int | None, start: int) -> int | None:
        """Year for a date written without one ("On September 22")."""
        if self.narrative and self.story is not None:
            return self.story[0]
        if self.dct is None:
            return None
        if self.narrative:
            return self.dct.year
        # News convention: the nearest such date to the document date, unless the sentence
        # looks forward-looking (then the next one on or after it); without a future cue a
        # date more than a quarter ahead is the past one ("in April" in an October report).
        fut = self.looks_future(start)
        best, best_gap = None, None
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                cand = _dt.date(y, month, min(day or 15, _last_day(y, month)))
            except ValueError:
                continue
            gap = (cand - self.dct).days
            if fut and gap < -(0 if day else 20):
                continue
            if not fut and gap > _NEWS_FUTURE_REACH:
                continue  # without a future cue, a date months ahead is last year's
            if best_gap is None or abs(gap) < best_gap:
                best, best_gap = y, abs(gap)
        return best

    def named_quarter(self, at: int) -> tuple[int, int] | None:
        """The last quarter named in the text, if it was named close enough before `at`."""
        if self.last_quarter is None or at - self.last_quarter_at > _QUARTER_REACH:
            return None
        return self.last_quarter

    def set_quarter(self, y: int, q: int, at: int) -> None:
        self.last_quarter, self.last_quarter_at = (y, q), at

    def reporting_quarter(self, at: int) -> tuple[int, int] | None:
        """The quarter a financial report is about: the last quarter the text named, else the
        last completed quarter before the document date."""
        named = self.named_quarter(at)
        if named is not None:
            return named
        return self.dct_quarter()

    def dct_quarter(self) -> tuple[int, int] | None:
        """The last completed quarter before the document date."""
        y, mo, _ = self.dct_anchor
        if y is None or mo is None:
            return None
        k = y * 4 + (mo - 1) // 3 - 1
        return k // 4, k % 4 + 1

    def looks_future(self, start: int) -> bool:
        lo = max(0, self.text.rfind(".", max(0, start - 60), start) + 1, start - 60)
        return bool(_grammar().future_cue.search(self.text, lo, start))


def _num_value(g: _Grammar, s: str | None) -> float | str | None:
    if s is None:
        return None
    t = re.sub(r"\s+", " ", s.strip().lower())
    if t in g.numbers:
        return g.numbers[t]
    if g.num_re.match(t):
        a, b = re.split(r"[-\s]", t)
        return g.numbers[a] + g.numbers[b]
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _unit_of(g: _Grammar, s: str) -> str:
    t = s.lower()
    return g.unit_plurals.get(t, t)


def _dur_value(g: _Grammar, n: float | str | None, unit: str) -> str:
    letter, is_time = g.units.get(unit, ("X", False))
    if n is None or n == "X":
        q = "X"
    elif isinstance(n, float) and not n.is_integer():
        # TIMEX3 allows no fractions; move to the next finer unit where that is exact.
        if unit == "year":
            return f"P{int(n * 12)}M"
        if unit == "hour":
            return f"PT{int(n * 60)}M"
        if unit == "day":
            return f"PT{int(n * 24)}H"
        q = f"{n:g}"
    else:
        q = str(int(n))
    return f"PT{q}{letter}" if is_time else f"P{q}{letter}"


def _weekday_date(anchor: Anchor, wd: int, rel: str | None, future: bool) -> _dt.date | None:
    y, m, d = anchor
    if y is None or m is None or d is None:
        return None
    base = _dt.date(y, m, d)
    diff = wd - base.isoweekday()
    rel = (rel or "").lower()
    if rel == "next":
        return base + _dt.timedelta(days=(diff % 7) or 7)
    if rel == "last":
        return base - _dt.timedelta(days=(-diff % 7) or 7)
    if rel == "this":
        return base + _dt.timedelta(days=diff)
    if diff == 0:
        return base
    if future:
        return base + _dt.timedelta(days=diff % 7)
    return base - _dt.timedelta(days=-diff % 7)


class _Finder:
    """Normalises master-regex matches; one instance per call."""

    def __init__(self, g: _Grammar, ctx: _Ctx) -> None:
        self.g = g
        self.ctx = ctx

    # ---- helpers
    def yi(self, s: str) -> int:
        """A year written in digits or words ("nineteen ninety-six", "two thousand and one")."""
        if s[:1].isdigit():
            return int(s)
        words = re.split(r"[-\s]+", s.lower())
        nums = self.g.numbers
        if words[0] == "two":  # two thousand (and) N
            rest = [w for w in words[2:] if w != "and"]
            return 2000 + sum(int(nums[w]) for w in rest)
        return int(nums[words[0]]) * 100 + sum(int(nums[w]) for w in words[1:])

    def month(self, s: str) -> int:
        return self.g.months[s.lower().rstrip(".")]

    def explicit(self, y: int | None, m: int | None = None, d: int | None = None) -> None:
        """Record an explicit date as the narrative anchor."""
        if y is not None:
            self.ctx.story = (y, m, d)

    def word_before(self, start: int) -> str:
        m = self.g.word_before.search(self.ctx.text, max(0, start - 20), start)
        return m.group(1).lower() if m else ""

    def word_after(self, end: int) -> str:
        m = self.g.word_after.match(self.ctx.text[end:end + 25])
        return m.group(1).lower() if m else ""

    def attributive(self, m: re.Match) -> bool:
        """True when a frequency word ("daily", "quarterly") modifies a noun rather than a verb."""
        if self.word_before(m.start()) in _DETERMINERS:
            return True
        nxt = re.match(r"[ \t]+([a-z][\w-]*)", self.ctx.text[m.end():m.end() + 30])
        return bool(nxt) and nxt.group(1) not in _FUNCTION_WORDS

    def comparison_before(self, start: int) -> bool:
        """True when the clause before `start` compares figures ("compared with $3 million")."""
        lo = max(0, self.ctx.text.rfind(".", max(0, start - 80), start) + 1, start - 80)
        return bool(re.search(r"\b(?:compared\s+with|from|than|versus|vs\.?)\s+(?:a\s+|an\s+)?"
                              r"(?:[\w-]+\s+){0,3}(?:of\s+)?(?:[$£#]|C\$|US\$)?\d[\d.,]*\s*(?:million|billion|%|cents)?[^.]*$",
                              self.ctx.text[lo:start], re.IGNORECASE))

    # ---- dispatch
    def handle(self, kind: str, m: re.Match[str]) -> tuple[str, str, str | None] | None:
        """(type, value, mod) for a match, or None to reject it."""
        def grp(name: str) -> str | None:
            return m.group(f"{kind}__{name}")
        return getattr(self, "k_" + kind)(grp, m)

    def k_iso(self, grp: Callable, m: re.Match) -> tuple | None:
        y, mo, d = self.yi(grp("y")), int(grp("m")), int(grp("d"))
        try:
            _dt.date(y, mo, d)
        except ValueError:
            return None
        self.explicit(y, mo, d)
        if grp("hh"):
            return "TIME", f"{_fmt(y, mo, d)}T{grp('hh')}:{grp('mm')}", None
        return "DATE", _fmt(y, mo, d), None

    def k_slash(self, grp: Callable, m: re.Match) -> tuple | None:
        y, mo, d = self.yi(grp("y")), int(grp("m")), int(grp("d"))
        try:
            _dt.date(y, mo, d)
        except ValueError:
            return None
        self.explicit(y, mo, d)
        return "DATE", _fmt(y, mo, d), None

    def _ymd(self, grp: Callable, m: re.Match) -> tuple | None:
        mo = self.month(grp("mon"))
        d = int(re.match(r"\d+", grp("d")).group())
        y = self.yi(grp("y")) if grp("y") else self.ctx.year_for(mo, d, m.start())
        if y is not None:
            try:
                _dt.date(y, mo, d)
            except ValueError:
                return None
        elif d > 31 or (mo == 2 and d > 29):
            return None
        if grp("y") or self.ctx.narrative:
            self.explicit(y, mo, d)
        return "DATE", _fmt(y, mo, d), None

    k_mdy = _ymd
    k_dmy = _ymd

    def k_modmonth(self, grp: Callable, m: re.Match) -> tuple | None:
        mo = self.month(grp("mon"))
        y = self.yi(grp("y")) if grp("y") else self.ctx.year_for(mo, None, m.start())
        if grp("y"):
            self.explicit(y, mo)
        return "DATE", _fmt(y, mo), _mod_of(grp("mod"))

    def k_monyear(self, grp: Callable, m: re.Match) -> tuple | None:
        mo = self.month(grp("mon"))
        if grp("ry"):
            y = self.ctx.deictic()[0]
            if y is None:
                return "DATE", _fmt(None, mo), None
            y += {"last": -1, "next": 1}.get(grp("ry").lower(), 0)
        else:
            y = self.yi(grp("y"))
        self.explicit(y, mo)
        return "DATE", _fmt(y, mo), None

    def k_seasonyear(self, grp: Callable, m: re.Match) -> tuple | None:
        y = self.yi(grp("y"))
        self.explicit(y)
        return "DATE", f"{y:04d}-{self.g.seasons[grp('s').lower()]}", _mod_of(grp("mod"))

    def k_quarter(self, grp: Callable, m: re.Match) -> tuple | None:
        o = grp("o").lower()
        half = grp("q").lower() == "half"
        n = self.g.ordinals.get(o, 4)
        if o in ("last", "final"):
            if not (grp("y") or grp("rel")):
                return None  # "the last quarter" is relative: left to other kinds / skipped
            n = 2 if half else 4
        if half and n > 2:
            return None
        if grp("y"):
            y: int | None = self.yi(grp("y"))
            self.explicit(y)
        else:
            rel = (grp("rel") or grp("ry") or "").lower()
            base = self.ctx.narrative_anchor() if rel in ("the", "") else self.ctx.deictic()
            y = base[0]
            if y is not None:
                y += {"last": -1, "next": 1}.get(rel, 0)
                if rel in ("the", "") and base[1] is not None and not (self.ctx.narrative and self.ctx.story):
                    # News: a quarter later than the current one was last year's (results are reported after).
                    cur = (base[1] - 1) // (3 if not half else 6) + 1
                    if n > cur and not self.ctx.looks_future(m.start()):
                        y -= 1
        code = "H" if half else "Q"
        if not half and y is not None:
            self.ctx.set_quarter(y, n, m.start())
        art = re.match(r"the\s+", m.group(0), re.IGNORECASE)
        if art and re.search(r"-(?:quarter|half)$", m.group(0), re.IGNORECASE):
            # "the [third-quarter] loss": TimeML leaves the article of the noun phrase out.
            return "DATE", f"{_fmt(y)}-{code}{n}", None, m.start() + art.end()
        return "DATE", f"{_fmt(y)}-{code}{n}", None

    def k_qcode(self, grp: Callable, m: re.Match) -> tuple | None:
        q = (grp("q") or grp("q2")).upper()
        y = self.yi(grp("y") or grp("y2"))
        if q[0] == "H" and q[1] not in "12":
            return None
        if q[0] == "Q":
            self.ctx.set_quarter(y, int(q[1]), m.start())
        self.explicit(y)
        return "DATE", f"{y:04d}-{q}", None

    def _decade_value(self, s: str) -> str | None:
        s = s.lower()
        if s[0] == "'":
            # '80s: the century is not given; TimeML writes the 20th century by convention.
            return "19" + s[1]
        if s[0].isdigit():
            return s[:3]
        words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
        return "19" + str(words.index(s) + 2)

    def k_moddecade(self, grp: Callable, m: re.Match) -> tuple | None:
        v = self._decade_value(grp("dec"))
        if v is None:
            return None
        if self.ctx.narrative and _on_heading_line(m):
            self.ctx.story = (None, None, None)
        return "DATE", v, _mod_of(grp("mod"))

    def k_modyear(self, grp: Callable, m: re.Match) -> tuple | None:
        y = self.yi(grp("y"))
        self.explicit(y)
        return "DATE", _fmt(y), _mod_of(grp("mod"))

    def k_decade(self, grp: Callable, m: re.Match) -> tuple | None:
        dec = grp("dec")
        if not dec[0].isdigit() and not m.group(0).lower().startswith("the"):
            return None  # bare "sixties" may be an age
        v = self._decade_value(dec)
        if self.ctx.narrative and _on_heading_line(m):
            # A decade heading/section: later day-month dates have no knowable year. A decade
            # mentioned in running text ("signed in the early 2000s") leaves the story's year alone.
            self.ctx.story = (None, None, None)
        return "DATE", v, None

    def k_century(self, grp: Callable, m: re.Match) -> tuple | None:
        c = grp("c").lower()
        n = self.g.ordinals.get(c)
        if n is None:
            n = int(re.match(r"\d+", c).group())
        if not 1 <= n <= 21:
            return None
        return "DATE", f"{n - 1:02d}", None

    def k_fiscal(self, grp: Callable, m: re.Match) -> tuple | None:
        ys = grp("y")
        y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
        self.explicit(y)
        return "DATE", _fmt(y), None

    def k_time(self, grp: Callable, m: re.Match) -> tuple | None:
        t = grp("t").lower()
        if t == "noon":
            hh, mi = 12, 0
        elif t == "midnight":
            hh, mi = 24, 0
        else:
            hh = int(grp("h") or grp("h2"))
            mi = int(grp("mi") or grp("mi2") or 0)
            ap = (grp("ap") or "").lower().replace(".", "").replace(" ", "")
            if ap and not 1 <= hh <= 12:
                return None
            if hh > 24:
                return None
            if ap == "pm" and hh < 12:
                hh += 12
            elif ap == "am" and hh == 12:
                hh = 0
        anchor = self.ctx.deictic() if not self.ctx.narrative else self.ctx.narrative_anchor()
        dref = (grp("dref") or "").lower()
        day: str | None = None
        if dref in ("yesterday", "today", "tomorrow"):
            day = _shift(self.ctx.deictic(), {"yesterday": -1, "today": 0, "tomorrow": 1}[dref], "day")
        elif grp("dmon"):
            mo, dd = self.month(grp("dmon")), int(re.match(r"\d+", grp("dday")).group())
            yy = self.ctx.year_for(mo, dd, m.start())
            day = _fmt(yy, mo, dd)
        elif dref:
            wd = _weekday_date(self.ctx.deictic(), self.g.weekdays[dref], None, self.ctx.looks_future(m.start()))
            day = wd.isoformat() if wd else None
        elif anchor[2] is not None:
            day = _fmt(*anchor)
        clock = f"T{hh:02d}:{mi:02d}"
        return "TIME", (day or "XXXX-XX-XX") + clock, None

    def k_set(self, grp: Callable, m: re.Match) -> tuple | None:
        if grp("f"):
            if self.attributive(m):
                return None  # "its quarterly dividend", "average daily volume": a kind, not a time
            return "SET", self.g.freq[grp("f").lower()], None
        if grp("wds"):
            v = f"XXXX-WXX-{self.g.weekdays[grp('wds').lower()]}"
            if grp("pd"):
                v += "T" + self.g.parts[grp("pd").lower()]
            return "SET", v, None
        tgt = (grp("tgt") or grp("tgt2")).lower()
        if tgt in self.g.weekdays:
            return "SET", f"XXXX-WXX-{self.g.weekdays[tgt]}", None
        if tgt in self.g.months:
            return "SET", f"XXXX-{self.g.months[tgt]:02d}", None
        if tgt in self.g.seasons:
            return "SET", f"XXXX-{self.g.seasons[tgt]}", None
        if tgt == "weekend":
            return "SET", "XXXX-WXX-WE", None
        n = _num_value(self.g, grp("n")) if grp("n") else 1
        return "SET", _dur_value(self.g, n, _unit_of(self.g, tgt)), None

    def k_ago(self, grp: Callable, m: re.Match) -> tuple | None:
        tail = re.sub(r"\s+", " ", grp("tail").lower())
        unit = _unit_of(self.g, grp("u") or grp("u2"))
        if unit not in self.g.units:
            return None
        if tail == "on" and self.word_after(m.end()) != "":
            return None  # "two days on the ground" is not "two days on"
        n = _num_value(self.g, grp("n")) if grp("n") else "X"
        if unit == "second" and not (grp("n") or "").strip()[:1].isdigit():
            return None  # "a second ..." is an ordinal
        sign = -1 if tail in ("ago", "earlier", "before", "prior") else 1
        deictic = tail in ("ago", "hence", "from now")
        qm = (grp("qm") or "").lower()
        mod = "APPROX" if re.search(r"about|around|nearly|almost|some|roughly|approx", qm) else None
        if n == "X" or n is None or (isinstance(n, float) and not n.is_integer()):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        named = self.ctx.named_quarter(m.start())
        if (unit == "year" and n == 1 and tail in ("ago", "earlier") and named is not None
                and not (self.ctx.narrative and self.ctx.story is not None)):
            # Financial reporting: "profit rose from $5 million a year earlier" compares with the
            # same quarter a year back (the quarter the report is about).
            y, q = named
            return "DATE", f"{y - 1:04d}-Q{q}", mod
        anchor = self.ctx.deictic() if deictic else self.ctx.narrative_anchor()
        v = _shift(anchor, sign * int(n), unit)
        return "DATE", v or _unknown_for(unit), mod

    def k_rel(self, grp: Callable, m: re.Match) -> tuple | None:
        rw = grp("rw").lower()
        tgt_raw = grp("tgt")
        tgt = tgt_raw.lower()
        has_the = bool(grp("the"))
        pre = (grp("pre") or "").lower()
        edge = (grp("edge") or "").lower()
        mod = _mod_of(edge) or (_mod_of(pre) if pre in ("early", "late", "mid") else None)
        if rw == "past" and not has_the and tgt not in ("year", "month", "week", "decade", "century"):
            return None
        narrative = rw in ("following", "previous", "preceding", "same", "that", "prior") or (has_the and rw == "next")
        anchor = self.ctx.anaphoric_anchor() if narrative else self.ctx.deictic()
        step = {"last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
                "next": 1, "coming": 1, "following": 1}.get(rw, 0)
        if tgt in self.g.weekdays:
            if not tgt_raw[0].isupper():
                return None
            rel = {"last": "last", "next": "next", "this": "this", "coming": "next", "past": "last"}.get(rw)
            d = _weekday_date(anchor, self.g.weekdays[tgt], rel, step > 0)
            return "DATE", d.isoformat() if d else f"XXXX-WXX-{self.g.weekdays[tgt]}", mod
        if tgt in self.g.months:
            if not tgt_raw[0].isupper():
                return None
            mo = self.g.months[tgt]
            y, am = anchor[0], anchor[1]
            if y is not None and am is not None:
                if step < 0:
                    y = y if mo < am else y - 1
                elif step > 0:
                    y = y if mo > am else y + 1
            return "DATE", _fmt(y, mo), mod
        if tgt in self.g.seasons:
            code = self.g.seasons[tgt]
            y, am = anchor[0], anchor[1]
            if y is not None and step:
                start = _SEASON_MONTHS[code][0]
                if am is not None:
                    y = (y if start < am else y - 1) if step < 0 else (y if start > am else y + 1)
                else:
                    y += step
            return "DATE", f"{_fmt(y)}-{code}", mod
        unit = "weekend" if tgt == "weekend" else _unit_of(self.g, tgt)
        if unit in ("hour", "minute", "second"):
            return None
        if tgt_raw[0].isupper() and grp("rw")[0].isupper() and m.start() > 0 and self.ctx.text[m.start() - 1] in "\"'“‘":
            return None  # a quoted title: "This Week", "Next Year"
        named = self.ctx.named_quarter(m.start())
        if (unit == "year" and rw == "last" and not has_the and not pre and not edge and named is not None
                and not (self.ctx.narrative and self.ctx.story is not None) and self.comparison_before(m.start())):
            # "net rose to $5 million from $4 million last year" in a quarterly report: the same
            # quarter a year back, like "a year earlier".
            return "DATE", f"{named[0] - 1:04d}-Q{named[1]}", None
        v = _shift(anchor, step, unit)
        if unit == "day" and rw in ("this", "current"):
            v = _fmt(*anchor) if anchor[2] is not None else None
        if v is None:
            v = _unknown_for(unit)
        return "DATE", v, mod

    def k_edge_the(self, grp: Callable, m: re.Match) -> tuple | None:
        """"the end of the year", "earlier in the month", "year-end": the current unit, with a mod."""
        if grp("ye"):
            y = self.ctx.narrative_anchor()[0]
            return "DATE", _fmt(y), "END"
        if not grp("edge") and not grp("pre"):
            return None  # bare "in the year" is not a date
        unit = grp("tgt").lower()
        v = _shift(self.ctx.narrative_anchor(), 0, unit) or _unknown_for(unit)
        edge = (grp("edge") or "").lower()
        mod = None if re.search(r"rest|remainder", edge) else _mod_of(edge)
        return "DATE", v, mod

    def k_the_rel(self, grp: Callable, m: re.Match) -> tuple | None:
        unit = grp("tgt").lower()
        step = -1 if grp("rw").lower() in ("before", "earlier") else 1
        v = _shift(self.ctx.narrative_anchor(), step, unit)
        return "DATE", v or _unknown_for(unit), _mod_of(grp("edge"))

    def k_theyear(self, grp: Callable, m: re.Match) -> tuple | None:
        """"for the year", "the full year" = the current year; "the year ended Sept. 30" = P1Y."""
        if grp("end") is not None:
            return "DURATION", "P1Y", None
        fy = (grp("fy") or "").lower()
        if not fy and not grp("fisc") and self.word_before(m.start()) not in ("for", "of", "during", "throughout"):
            return None  # bare "the year" only after a preposition of time reference
        y = (self.ctx.deictic() if fy == "latest" else self.ctx.narrative_anchor())[0]
        if y is not None and fy == "latest":
            y -= 1
        return "DATE", _fmt(y), None

    def k_weekend(self, grp: Callable, m: re.Match) -> tuple | None:
        anchor = self.ctx.deictic()
        if anchor[2] is None:
            return "DATE", "XXXX-WXX-WE", None
        base = _dt.date(*anchor)  # type: ignore[arg-type]
        wd = base.isoweekday()
        if self.ctx.looks_future(m.start()):
            step = 0 if wd < 6 else 1
        else:
            # Early in the week "the weekend" is the one just past; later it is this week's.
            step = -1 if wd <= 3 else 0
        return "DATE", _shift(anchor, step, "weekend") or "XXXX-WXX-WE", _mod_of(grp("pre"))

    def k_fin(self, grp: Callable, m: re.Match) -> tuple | None:
        """Financial reporting periods, relative to the period the report is about.

        "the quarter" = the reporting quarter: the last quarter the text named nearby ("third-
        quarter profit ..."), else the last completed quarter before the document date; "the
        latest quarter/period" = the last completed quarter. "the year-ago quarter", "a year earlier" (see k_ago), "last year's quarter",
        "the corresponding period last year" = that quarter a year back; "the 1988 period" = the
        same quarter of 1988; "the year-earlier third quarter" = that ordinal quarter a year back.
        """
        latest = (grp("cmp") or "").lower().startswith(("latest", "most"))
        # "the latest quarter" is the last completed calendar quarter, whatever (fiscal) quarter
        # the text named before.
        base = self.ctx.dct_quarter() if latest else self.ctx.reporting_quarter(m.start())
        ya = bool(grp("ya") or grp("ya2") or grp("ya3") or grp("ly"))
        o = grp("o") or grp("o2")
        if grp("u") and grp("u").lower() == "period" and not (ya or grp("py") or latest):
            return None  # "the period", "the same period": not a date by itself
        if grp("cmp") and grp("cmp").lower() in ("comparable", "corresponding", "same") and not (ya or grp("py")):
            return None
        if base is None:
            if grp("py"):
                y = int(grp("py"))
                return "DATE", f"{y:04d}-Q{self.g.ordinals[o.lower()]}" if o else f"{y:04d}", None
            return "DATE", "XXXX-QX", None
        y, q = base
        if o:
            q = self.g.ordinals[o.lower()]
        if grp("py"):
            y = int(grp("py"))
        elif ya:
            y -= 1
        if not ya and not grp("py") and not o:
            self.ctx.set_quarter(y, q, m.start())
        return "DATE", f"{y:04d}-Q{q}", None

    def k_dayrel(self, grp: Callable, m: re.Match) -> tuple | None:
        dr = re.sub(r"\s+", " ", grp("dr").lower()).strip()
        pd = (grp("pd") or grp("pd0") or "").lower().strip()
        pre = (grp("pre") or "").lower()
        offs = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0,
                "tomorrow": 1, "tonight": 0, "overnight": 0, "last night": -1, "this": 0, "that": 0}
        if dr not in offs:
            return None
        anchor = self.ctx.narrative_anchor() if dr == "that" else self.ctx.deictic()
        v = _shift(anchor, offs[dr], "day") or "XXXX-XX-XX"
        if dr in ("tonight", "last night", "overnight"):
            pd = pd or "night"
        mod = _mod_of(pre) if pre in ("early", "late", "mid") else None
        if pd:
            return "TIME", f"{v}T{self.g.parts.get(pd, 'XX')}", mod
        return "DATE", v, mod

    def k_weekday(self, grp: Callable, m: re.Match) -> tuple | None:
        wd_raw = grp("wd")
        rw = (grp("rw") or "").lower()
        rel = rw if rw in ("last", "next", "this") else None
        mod = _mod_of(rw) if rw in ("early", "late") else None
        d = _weekday_date(self.ctx.deictic(), self.g.weekdays[wd_raw.lower()], rel,
                          self.ctx.looks_future(m.start()))
        v = d.isoformat() if d else f"XXXX-WXX-{self.g.weekdays[wd_raw.lower()]}"
        if grp("pd"):
            return "TIME", f"{v}T{self.g.parts[grp('pd').lower()]}", mod
        return "DATE", v, mod

    def k_duration(self, grp: Callable, m: re.Match) -> tuple | None:
        """A duration; TimeML spans leave out a leading "within", "only", "over" and the
        article of an attributive duration ("the [two-week] war")."""
        res = self._duration(grp, m)
        if res is None or res[0] != "DURATION" or not grp("qm"):
            return res
        qm = grp("qm")
        cut = re.match(r"(?:within|only|over)\s+", qm, re.IGNORECASE)
        if cut is None and grp("u") and re.fullmatch(r"the\s+", qm, re.IGNORECASE) and grp("u").lower() in self.g.units \
                and _num_value(self.g, grp("n")) not in (1, None):
            cut = re.match(r"the\s+", qm, re.IGNORECASE)  # "the two-week war", "the 30-day rate"
        if cut is None:
            return res
        return (*res, m.start("duration__qm") + cut.end())

    def _duration(self, grp: Callable, m: re.Match) -> tuple | None:
        qm = re.sub(r"\s+", " ", (grp("qm") or "").lower()).strip()
        mod = None
        if re.search(r"more than|over|at least|just over", qm):
            mod = "MORE_THAN"
        elif re.search(r"less than|fewer than|under|up to|at most|within|just under", qm):
            mod = "LESS_THAN"
        elif re.search(r"about|around|nearly|almost|roughly|approx", qm):
            mod = "APPROX"
        if grp("half"):
            h = grp("half").lower()
            unit = next(u for u in self.g.units if re.search(rf"\b{u}\b", h))
            n = 0.5 if h.startswith("half") else 1.5
            return "DURATION", _dur_value(self.g, n, unit), mod
        if grp("u2"):
            return "DURATION", _dur_value(self.g, "X", _unit_of(self.g, grp("u2"))), mod
        unit = _unit_of(self.g, grp("u"))
        nraw = grp("n")
        n = _num_value(self.g, nraw)
        if unit not in self.g.units:
            return None
        nl = re.sub(r"\s+", " ", nraw.lower())
        if unit == "second" and not nraw[:1].isdigit():
            return None  # "a second round": an ordinal, not one second
        if nl in ("recent", "coming", "the coming") and not re.search(r"s$", grp("u").lower()):
            return None
        if nl in ("some", "many") and not grp("u").lower().endswith("s"):
            return None  # "some day" / "many a year"
        if isinstance(n, float) and n > 1000:
            return None
        if grp("adj") and grp("adj").lower() == "old":
            return None  # ages ("37 years old") are not event times
        if unit == "quarter" and "-" in m.group(0) and grp("u").lower().endswith("s"):
            return None  # "three-quarters": a fraction
        if nl in ("a", "an", "one") and not qm:
            wb = self.word_before(m.start())
            if re.fullmatch(r"[\d$.,%]+|\w+s", wb) and wb not in ("was", "is", "has", "this", "its", "his", "as", "years", "days", "months", "weeks"):
                return "SET", _dur_value(self.g, 1, unit), None  # "$5 a year", "four flights a week"
        if nl == "a" and not qm and unit in ("day",) and self.word_before(m.start()) in ("one",):
            return None
        if nl in ("recent", "the past few", "the last few") and unit == "year" and not qm:
            return "DATE", "PAST_REF", None
        return "DURATION", _dur_value(self.g, n, unit), mod

    def k_bmonth(self, grp: Callable, m: re.Match) -> tuple | None:
        mon = grp("mon")
        key = mon.lower()
        if key in self.g.ambiguous_months and self.word_before(m.start()) not in self.g.month_cues:
            return None
        mo = self.month(mon)
        y = self.ctx.year_for(mo, None, m.start())
        if self.ctx.narrative and y is not None:
            self.explicit(y, mo)
        return "DATE", _fmt(y, mo), None

    def k_season(self, grp: Callable, m: re.Match) -> tuple | None:
        s = (grp("s") or grp("s2")).lower()
        if s == "fall" and not m.group(0).lower().startswith("the"):
            return None
        anchor = self.ctx.narrative_anchor()
        mod = _mod_of(grp("mod") or grp("mod2") or grp("mod3"))
        return "DATE", f"{_fmt(anchor[0])}-{self.g.seasons[s]}", mod

    def k_vague(self, grp: Callable, m: re.Match) -> tuple | None:
        v = re.sub(r"\s+", " ", grp("v").lower())
        if v == "soon" and self.word_after(m.end()) in ("as", "after"):
            return None  # "as soon as", "soon after": a conjunction, not a time
        return "DATE", self.g.vague[v], None

    def k_year(self, grp: Callable, m: re.Match) -> tuple | None:
        y = self.yi(grp("y"))
        nxt = self.word_after(m.end())
        if nxt in self.g.count_nouns or nxt in self.g.unit_plurals:
            return None
        before = self.word_before(m.start())
        if before in self.g.year_blockers:
            return None  # "Resolution 1973", "Flight 1549"
        if y < 1800 and before not in self.g.year_cues:
            return None
        self.explicit(y)
        return "DATE", _fmt(y), None


def find_timexes(text: str, document_date: _dt.date | None = None, narrative: bool = True) -> list[Timex]:
    """All temporal expressions in `text`, non-overlapping and sorted by offset.

    `document_date` anchors deictic expressions ("yesterday", "last week"). With
    `narrative=True` narrative expressions ("two years later", "that year", "On September 22")
    anchor to the last explicit date before them in the text (Markdown/wiki headings such as
    "### 2015" or "== 1990s ==" count); with `narrative=False` they anchor to the document
    date (TempEval/TimeML news convention). Never raises on odd input.
    """
    if not isinstance(text, str) or not text:
        return []
    if isinstance(document_date, _dt.datetime):
        document_date = document_date.date()
    if document_date is not None and not isinstance(document_date, _dt.date):
        document_date = None
    g = _grammar()
    ctx = _Ctx(text, document_date, narrative)
    finder = _Finder(g, ctx)
    out: list[Timex] = []
    for m in g.master.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        try:
            res = finder.handle(kind, m)
        except (ValueError, KeyError, IndexError, OverflowError, AttributeError, StopIteration):
            res = None  # a malformed match is dropped, never raised
        if res is None:
            continue
        typ, value, mod = res[:3]
        start, end = (res[3] if len(res) > 3 else m.start()), m.end()
        # Trailing dots belong to the sentence unless they close an abbreviation ("p.m.", "Jan.").
        while end > start and text[end - 1] in " \t\n,-":
            end -= 1
        ev = event_value_of(value, mod) if typ in ("DATE", "TIME") else None
        out.append(Timex(start, end, text[start:end], typ, value, ev, mod))
    return out


def timex_records(text: str, document_date: _dt.date | None, narrative: bool = False) -> list[dict[str, Any]]:
    """`{start, end, text, type, value}` dicts for the CLI's `detente timex` (TempEval convention)."""
    return [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in find_timexes(text, document_date, narrative=narrative)]


# --------------------------------------------------------------------------- spaCy component

class DateTagger:
    """spaCy component: writes doc.spans["detente_dates"] with span._.timex set."""

    def __init__(self, nlp: Language, name: str, narrative: bool = True) -> None:
        self.name = name
        self.narrative = narrative
        _grammar()  # compile at construction, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for t in find_timexes(doc.text, doc._.document_date, narrative=self.narrative):
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            span._.timex = t
            spans.append(span)
        doc.spans[extensions.DATES] = spans
        return doc


@Language.factory("detente_dates", default_config={"narrative": True})
def make_date_tagger(nlp: Language, name: str, narrative: bool) -> DateTagger:
    """Factory for the `detente_dates` component (dates, times, durations, sets as TIMEX3)."""
    return DateTagger(nlp, name, narrative=narrative)


def timex_as_dict(t: Timex) -> dict[str, Any]:
    """A Timex as a plain dict (all fields)."""
    return asdict(t)
