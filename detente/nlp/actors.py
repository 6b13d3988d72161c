"""Actor recognition: the `detente_actors` spaCy component.

Writes ``doc.spans["detente_actors"]``: non-overlapping spans, each with ``span._.actor`` =
``detente.record.Actor(country, sector, text)``; ``span.label_`` says how it was found (COUNTRY,
DEMONYM, CAPITAL, SEAT, ORG, PERSON, AGENT, INST, COLLECTIVE, COMPOUND, MEMORY, USER).
Mentions that stand for several actors ("the two countries", "U.S.-Iran", a PETRARCH code
``[A/B]``) also carry ``span._.members`` = [Actor, ...]; ``span._.actor`` is then the first member.

Codes: ``country`` is an ISO 3166-1 alpha-3 code (plus SUN, YUG, CSK, DDR, SCG for former states),
an organisation code (EU, NATO, UN, GCC, SCO, ARL, P5+1, WST for "the West" ...) or, for codes from a
user dictionary, the first three characters of the code (PETRARCH ``GONGOV`` -> country GON, sector
GOV). ``sector`` is a CAMEO sector (GOV MIL BUS CVL OPP REB MED EDU JUD LEG COP ELI REL SPY ...) or None.

Built-in data files (detente/data/actors/, '#' lines are comments, '|' separates variants):
  countries.csv      code,name,aliases,demonyms,capitals,seats,ambiguous
                     seats may carry '=SECTOR' (Pentagon=MIL); capitals/seats code as GOV.
  leaders.csv        name,aliases,code,sector,role,start,end  (dates choose by doc._.document_date)
  agents.csv         pattern,sector,kind,country,head   (kind: title|group|body|inst|hon)
  organisations.csv  code,sector,name,aliases,ambiguous,start,end
  historical_names.csv  code,names,start,end  (a state's name in an earlier period: Republic of China
                     before 1949 is CHN; chosen by the document date or a year named in the sentence)
  collectives.csv    pattern,n,scope,sector   (scope: state|any)
  nonactors.csv      pattern   (phrases that contain an actor name but are none: "Washington Post")
  union_capitals.csv union,republic  (a union's capital and seat carry its republic's code; in a sentence
                     that names the union, they stand for it: "Moscow" beside "Soviet" is SUN)

User dictionaries (`extra_files`, read by `load_actor_file`; user entries win over built-in ones):
  *.csv   columns pattern,code,sector,start,end (start/end optional ISO dates YYYY-MM-DD). A row with
          an empty code and a sector is an agent: it gives its sector to a nearby actor.
  *.yaml  a list (or {"actors": [...]}) of {pattern, code, sector, start, end} or
          {name, code, sector, aliases: [...], start, end}; `code` empty + `sector` = agent.
  *.actors.txt  PETRARCH/TABARI actor dictionary: ``PHRASE [CODE]`` primary lines, ``+SYNONYM`` lines,
          words joined by ``_``, ``#`` and ``<!-- -->`` comments, indented date-restricted codes
          ``[CODE <date]``, ``[CODE >date]``, ``[CODE date-date]`` (YYYYMMDD or YYMMDD, inclusive);
          an entry whose codes are all date-restricted is ``---`` (found, uncoded) at a
          document date none of them covers, as PETRARCH reads a missing default.
          ``[A/B]`` gives several members. Blanks are read like ``_`` (consecutive words).
  *.agents.txt  PETRARCH agents: ``PHRASE {PLURALS} [~AGT]`` (suffix: Gondor + president -> GONGOV)
          or ``[AGT~]`` (prefix); ``!SET! = A, B`` substitution sets. Regular plurals are generated.
Matching is case-insensitive, except that short all-caps forms (US, UN, EU) must be upper case and
proper names must keep their capital letters ("Turkey" not "turkey").
"""
from __future__ import annotations

import bisect
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..errors import DetenteError, Errors
from ..record import Actor
from . import extensions  # noqa: F401  (registers span._.actor and doc._.document_date)
from .extensions import ACTORS, GROUPS

if not Span.has_extension("members"):
    Span.set_extension("members", default=None)

# ----------------------------------------------------------------------------------------------
# Entries


@dataclass(frozen=True)

class ActorEntry:
    """One dictionary pattern. kind: 'actor', 'agent' (sector suffix) or 'agent_prefix' (code prefix)."""

    pattern: str
    code: str
    sector: str | None = None
    start: date | None = None
    end: date | None = None
    kind: str = "actor"
    members: tuple[str, ...] = ()
    # PETRARCH's implicit null code: an entry whose codes are all date-restricted is "---"
    # (found but uncoded) at a date none of them covers
    fallback: bool = False


@dataclass(frozen=True)
class _Entry:
    """Internal, matcher-ready form of an entry."""

    pattern: str
    role: str                 # NATION | AGENT | COLLECTIVE | BLOCK | HON
    label: str                # span label (COUNTRY, DEMONYM, ...)
    code: str = ""
    sector: str | None = None
    start: date | None = None
    end: date | None = None
    case: str = "none"        # none | proper | exact
    ambiguous: bool = False   # needs context checks (capitals, "Jordan", "Washington")
    user: bool = False        # from a user dictionary (codes concatenate PETRARCH-style)
    prefix: bool = False      # agent code goes in front ([NGO~])
    agent_kind: str = ""      # title | group | body | inst | hon
    head_only: bool = False
    n: int = 0                # collectives: number of members
    scope: str = ""           # collectives: state | any
    members: tuple[str, ...] = ()
    order: int = 0            # file order, used when dates cannot decide
    fallback: bool = False    # PETRARCH's implicit null code outside all date restrictions


_LETTERS = re.compile(r"[^\W\d_]")
_DATE8 = re.compile(r"^\d{8}$")
_DATE6 = re.compile(r"^\d{6}$")
_WEEKDAYS_MONTHS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split())
# Sectors whose organs "in X" are X's own ("the government in Libya"); and agent words of such
# sectors that travel ("the delegation in Moscow" is usually a foreign one).
_LOCAL_SECTORS = frozenset({"GOV", "COP", "LEG", "JUD"})
_TRAVELLING_AGENTS = frozenset({"delegation", "delegations", "mission", "negotiators", "negotiator",
                                "negotiating team", "ambassador", "ambassadors", "envoy", "envoys"})
# Lowercase words allowed between a nation and its agent ("Iran's new president").
_MODIFIERS = frozenset("top senior new former chief deputy acting then interim outgoing incoming current "
                       "local regional main leading visiting high-ranking".split())
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NAME_PARTICLES = frozenset("bin ibn bint al el de da di van von der le la du abu abd ben".split())
_STATE_CODE = re.compile(r"^[A-Z]{3}$")
# Words before "Resolution <number>" that make it a national legislature's, not the UN's.
_NATIONAL_RESOLUTION_WORDS = frozenset({"house", "senate", "joint", "concurrent", "congressional", "parliamentary"})
# A document is about a pair ("France–Saudi Arabia relations") when the second most mentioned
# state has at least this share of the first one's mentions.
DYAD_BALANCE = 0.4
# PETRARCH's code for an actor found but not coded ([---], or a date none of its codes covers)
NULL_ACTOR = "---"
_NON_STATES = frozenset({"WST", "ARL", "IGO", "NGO", "OAU", "OAS", "AQ", "---", "+++", "IMF", "WFP", "WHO",
                         "ICC", "ICJ", "HRW", "MSF", "CIS", "SCO", "GCC", "WTO"})


# Words that make a demonym a people rather than a state ("ethnic Albanians").
ETHNIC_WORDS = {"ethnic"}
# Hyphenated prefixes that make a country name a stance towards it ("anti-Chinese", "pro-Russian").
STANCE_PREFIXES = {"anti", "pro"}
# Words allowed between "<people> of" and the country they live in ("the Hungarians of southern Slovakia").
_REGION_WORDS = frozenset("the southern northern eastern western central south north east west".split())
# Nouns of agreements named after the city where they were made ("the Lusaka protocol", "the Minsk
# accords"): the city names the text, not a party to an act.
_NAMED_TEXTS = frozenset("accord agreement protocol treaty convention declaration process pact memorandum "
                         "format communique communiqué charter framework".split())


def _case_rule(pattern: str, user: bool = False) -> str:
    """How strictly a match must follow the pattern's capitals."""
    letters = "".join(_LETTERS.findall(pattern))
    if not letters:
        return "none"
    if letters.isupper():
        if len(letters) <= 3 and " " not in pattern.strip():
            return "exact"
        return "none" if user else "proper"
    if any(c.isupper() for c in letters):
        return "proper"
    return "none"


def _parse_date(value: Any, path: str = "") -> date | None:
    """ISO date (YYYY-MM-DD), YYYYMMDD or YYMMDD; None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if _DATE8.match(text):
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if _DATE6.match(text):
            yy = int(text[:2])
            return date((2000 if yy < 30 else 1900) + yy, int(text[2:4]), int(text[4:]))
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DetenteError(Errors.E021, path=path, detail=f"bad date {text!r}") from exc


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def _variants(pattern: str) -> list[str]:
    """The pattern plus accent-free and curly/straight apostrophe variants."""
    out = [pattern]
    plain = "".join(c for c in unicodedata.normalize("NFKD", pattern) if not unicodedata.combining(c))
    for v in (plain, pattern.replace("'", "’"), pattern.replace("’", "'")):
        if v not in out:
            out.append(v)
    return out


# ----------------------------------------------------------------------------------------------
# Built-in tables


def _read_data_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("detente").joinpath("data", "actors", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _union_republics() -> dict[str, tuple[str, date, date]]:
    """union code -> (the republic code its capital and seat carry, the union's start and end)
    (union_capitals.csv)."""
    return {row["union"]: (row["republic"], date.fromisoformat(row["start"]), date.fromisoformat(row["end"]))
            for row in _read_data_csv("union_capitals.csv")}


@lru_cache(maxsize=1)
def builtin_entries() -> tuple[_Entry, ...]:
    """All built-in entries (loaded once per process)."""
    out: list[_Entry] = []
    for row in _read_data_csv("countries.csv"):
        code = row["code"]
        amb = set(_split(row.get("ambiguous")))
        for label, forms in (("COUNTRY", [row["name"], *_split(row["aliases"])]),
                             ("DEMONYM", _split(row["demonyms"]))):
            for form in forms:
                out.append(_Entry(form, "NATION", label, code, None, case=_case_rule(form),
                                  ambiguous=form in amb))
        for form in _split(row["capitals"]):
            out.append(_Entry(form, "NATION", "CAPITAL", code, "GOV", case="proper", ambiguous=True))
        for form in _split(row["seats"]):
            form, _, sector = form.partition("=")
            out.append(_Entry(form, "NATION", "SEAT", code, sector or "GOV", case="proper", ambiguous=True))
    for i, row in enumerate(_read_data_csv("historical_names.csv")):
        start, end = _parse_date(row.get("start")), _parse_date(row.get("end"))
        for form in _split(row["names"]):
            out.append(_Entry(form, "NATION", "COUNTRY", row["code"], None, start, end,
                              case=_case_rule(form), order=i))
    for i, row in enumerate(_read_data_csv("leaders.csv")):
        start, end = _parse_date(row["start"]), _parse_date(row["end"])
        for form in [row["name"], *_split(row["aliases"])]:
            out.append(_Entry(form, "NATION", "PERSON", row["code"], row["sector"] or None, start, end,
                              case=_case_rule(form), order=i))
    for i, row in enumerate(_read_data_csv("organisations.csv")):
        amb = set(_split(row.get("ambiguous")))
        start, end = _parse_date(row.get("start")), _parse_date(row.get("end"))
        for form in [row["name"], *_split(row["aliases"])]:
            out.append(_Entry(form, "NATION", "ORG", row["code"], row["sector"] or None, start, end,
                              case=_case_rule(form), ambiguous=form in amb, order=i))
    for row in _read_data_csv("agents.csv"):
        kind = row["kind"]
        for form in _split(row["pattern"]):
            if kind == "hon":
                out.append(_Entry(form, "HON", "HON", case="proper", agent_kind="hon"))
            elif kind == "inst":
                words = form.split()
                # a short lower-case form is an acronym ("cia", "idf": matched in capitals); a
                # short word written with its capital in the table ("Duma", "Sejm") is a name
                case = "exact_upper" if len(words) == 1 and len(form) <= 4 and form.islower() else "inst"
                out.append(_Entry(form, "NATION", "INST", row["country"], row["sector"] or None,
                                  case=case, agent_kind="inst"))
            else:
                out.append(_Entry(form, "AGENT", "AGENT", row.get("country") or "", row["sector"] or None,
                                  agent_kind=kind, head_only=row.get("head") == "1"))
    for row in _read_data_csv("collectives.csv"):
        for form in _split(row["pattern"]):
            out.append(_Entry(form, "COLLECTIVE", "COLLECTIVE", "", row["sector"] or None,
                              n=int(row["n"]), scope=row["scope"]))
    for row in _read_data_csv("nonactors.csv"):
        for form in _split(row["pattern"]):
            out.append(_Entry(form, "BLOCK", "BLOCK"))
    return tuple(out)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in _read_data_csv("countries.csv"))


@lru_cache(maxsize=1)
def _org_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in _read_data_csv("organisations.csv")) - _country_codes()


# ----------------------------------------------------------------------------------------------
# User dictionaries

_BRACKET = re.compile(r"\[([^\]]*)\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_SUBST_DEF = re.compile(r"^\s*(![A-Za-z0-9_]+!)\s*=\s*(.+)$")


def _strip_comments(lines: Iterable[str]) -> Iterable[str]:
    """Remove <!-- --> (possibly multi-line) and # comments, keeping leading tabs."""
    from .verbdict import drop_markup_comments

    for out in drop_markup_comments(lines, opener="<!"):
        yield out.split("#", 1)[0].rstrip()


def _phrase(raw: str) -> str:
    """A PETRARCH phrase ('NORTH_KOREA', 'ARNOR_') as plain text."""
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip()


def _parse_code(inner: str, path: str) -> tuple[str, date | None, date | None]:
    """'CODE', 'CODE <YYMMDD', 'CODE >date', 'CODE date-date' -> (code, start, end)."""
    text = inner.strip()
    m = re.match(r"^([^\s<>\d][^\s<>]*)?\s*(.*)$", text)
    code, cond = (m.group(1) or "").strip(), m.group(2).strip() if m else ""
    start = end = None
    if cond.startswith("<"):
        end = _parse_date(cond[1:].strip(), path)
        if end is not None:  # '<date' is exclusive of the date itself
            end = date.fromordinal(end.toordinal() - 1)
    elif cond.startswith(">"):
        start = _parse_date(cond[1:].strip(), path)
        if start is not None:
            start = date.fromordinal(start.toordinal() + 1)
    elif cond:
        parts = [p.strip() for p in cond.split("-") if p.strip()]
        if len(parts) != 2:
            raise DetenteError(Errors.E021, path=path, detail=f"bad date restriction [{inner}]")
        start, end = _parse_date(parts[0], path), _parse_date(parts[1], path)
    return code.upper(), start, end


def _code_entries(phrases: list[str], codes: list[tuple[str, date | None, date | None]]) -> list[ActorEntry]:
    out = []
    if codes and all(start or end for _, start, end in codes):
        # "If it is not present [a default code] and none of the restrictions are satisfied,
        # this is equivalent to a null code" (petrarch2 docs, Actor Dictionary)
        out += [ActorEntry(phrase, NULL_ACTOR, fallback=True) for phrase in phrases]
    for phrase in phrases:
        for code, start, end in codes:
            members = tuple(c for c in code.split("/") if c) if "/" in code else ()
            first = members[0] if members else code
            if not first:
                continue
            out.append(ActorEntry(phrase, first, None, start, end, "actor", members))
    return out


def _read_petrarch_actors(text: str, path: str) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    phrases: list[str] = []
    codes: list[tuple[str, date | None, date | None]] = []
    for line in _strip_comments(text.splitlines()):
        if not line.strip():
            continue
        stripped = line.strip()
        indented = line[:1] in ("\t", " ")
        if stripped.startswith("+"):
            head = _BRACKET.split(stripped[1:])[0]
            if _phrase(head):
                phrases.append(_phrase(head))
            codes.extend(_parse_code(c, path) for c in _BRACKET.findall(stripped))
            continue
        if indented and stripped.startswith("["):
            codes.extend(_parse_code(c, path) for c in _BRACKET.findall(stripped))
            continue
        entries.extend(_code_entries(phrases, codes))
        head = stripped.split("[", 1)[0]
        phrases = [_phrase(head)] if _phrase(head) else []
        codes = [_parse_code(c, path) for c in _BRACKET.findall(stripped)]
    entries.extend(_code_entries(phrases, codes))
    return entries


def _plural(phrase: str) -> str:
    words = phrase.split(" ")
    w = words[-1]
    low = w.lower()
    if low.endswith(("men", "people", "ss")) and not low.endswith("ss"):
        return phrase
    if low.endswith(("s", "x", "ch", "sh", "z")):
        w += "ES" if w.isupper() else "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        w = w[:-1] + ("IES" if w.isupper() else "ies")
    elif low.endswith("man"):
        w = w[:-3] + ("MEN" if w.isupper() else "men")
    else:
        w += "S" if w.isupper() else "s"
    return " ".join(words[:-1] + [w])


def _read_petrarch_agents(text: str, path: str) -> list[ActorEntry]:
    subst: dict[str, list[str]] = {}
    entries: list[ActorEntry] = []
    for line in _strip_comments(text.splitlines()):
        if not line.strip():
            continue
        m = _SUBST_DEF.match(line)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _BRACKET.findall(line)
        if not codes:
            continue
        agent = codes[0].replace(" ", "").upper()
        head = line.split("[", 1)[0]
        plurals_m = _PLURAL.search(head)
        head = _PLURAL.sub("", head)
        forms = [head.strip()]
        for name, words in subst.items():  # expand !SET! markers
            forms = [f.replace(name, w) for f in forms for w in words] if any(name in f for f in forms) else forms
        phrases = [_phrase(f) for f in forms if _phrase(f)]
        if plurals_m is None:
            phrases += [q for q in (_plural(p) for p in phrases) if q not in phrases]
        elif plurals_m.group(1).strip():
            phrases += [_phrase(p) for p in plurals_m.group(1).split(",") if _phrase(p)]
        if agent.startswith("~"):
            kind, code = "agent", agent[1:]
        elif agent.endswith("~"):
            kind, code = "agent_prefix", agent[:-1]
        else:
            kind, code = "agent", agent
        for p in phrases:
            entries.append(ActorEntry(p, "" if kind == "agent" else code,
                                      code if kind == "agent" else None, kind=kind))
    return entries


def _entry_from_mapping(row: dict[str, Any], path: str) -> list[ActorEntry]:
    code = str(row.get("code") or "").strip().upper()
    sector = str(row.get("sector") or "").strip().upper() or None
    start, end = _parse_date(row.get("start"), path), _parse_date(row.get("end"), path)
    forms = []
    for key in ("pattern", "name"):
        if row.get(key):
            forms.append(str(row[key]).strip())
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = _split(aliases)
    forms += [str(a).strip() for a in aliases if str(a).strip()]
    if not forms or (not code and not sector):
        raise DetenteError(Errors.E021, path=path, detail=f"entry {row!r} needs a pattern and a code or sector")
    kind = "actor" if code else "agent"
    members = tuple(c for c in code.split("/") if c) if "/" in code else ()
    first = members[0] if members else code
    return [ActorEntry(f, first, sector, start, end, kind, members) for f in forms]


def load_actor_file(path: str | Path) -> list[ActorEntry]:
    """Read a user actor dictionary (CSV, YAML, PETRARCH .actors.txt or .agents.txt)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DetenteError(Errors.E021, path=str(path), detail=str(exc) or type(exc).__name__) from exc
    name = p.name.lower()
    try:
        if name.endswith(".csv"):
            lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
            reader = csv.DictReader(io.StringIO("\n".join(lines)))
            if not reader.fieldnames or "pattern" not in reader.fieldnames:
                raise DetenteError(Errors.E021, path=str(path), detail="CSV needs a 'pattern' column")
            out: list[ActorEntry] = []
            for row in reader:
                out.extend(_entry_from_mapping(row, str(path)))
            return out
        if name.endswith((".yaml", ".yml")):
            data = yaml.safe_load(text)
            if isinstance(data, dict):
                data = data.get("actors", data.get("entries"))
            if not isinstance(data, list):
                raise DetenteError(Errors.E021, path=str(path), detail="expected a list of entries")
            out = []
            for row in data:
                if not isinstance(row, dict):
                    raise DetenteError(Errors.E021, path=str(path), detail=f"entry {row!r} is not a mapping")
                out.extend(_entry_from_mapping(row, str(path)))
            return out
        if name.endswith(".txt"):
            if "agent" in name or re.search(r"\[\s*~|~\s*\]", text):
                return _read_petrarch_agents(text, str(path))
            return _read_petrarch_actors(text, str(path))
    except DetenteError:
        raise
    except (yaml.YAMLError, csv.Error, ValueError, KeyError, TypeError) as exc:
        raise DetenteError(Errors.E021, path=str(path), detail=str(exc)) from exc
    raise DetenteError(Errors.E021, path=str(path), detail="unsupported suffix (use .csv .yaml .yml .txt)")


def _user_entry(e: ActorEntry, order: int) -> _Entry:
    if e.kind == "actor":
        return _Entry(e.pattern, "NATION", "USER", e.code, e.sector, e.start, e.end,
                      case=_case_rule(e.pattern, user=True), user=True, members=e.members, order=order,
                      fallback=e.fallback)
    return _Entry(e.pattern, "AGENT", "AGENT", e.code if e.kind == "agent_prefix" else "", e.sector,
                  e.start, e.end, user=True, prefix=e.kind == "agent_prefix", agent_kind="title", order=order)


# ----------------------------------------------------------------------------------------------
# The component


@dataclass
class _Atom:
    start: int
    end: int
    role: str
    cands: list[_Entry]


@dataclass
class _Found:
    start: int
    end: int
    label: str
    actor: Actor | None
    members: list[Actor] | None = None
    coll: _Entry | None = None
    nation_only: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# "X-backed Y": X backs, arms, funds or brokered Y, and is not the actor Y stands for ("US-backed
# rebels attacked ..." is no US attack); "X-led" is kept, the leader acts.
BACKER_PARTICIPLES = frozenset({"backed", "supported", "sponsored", "funded", "financed", "armed", "trained",
                                "equipped", "installed", "brokered", "mediated", "made", "built", "supplied",
                                "inspired", "allied", "aligned", "friendly", "leaning"})


# prepositions before a bare year that dates a sentence when no NER has run ("in 1937", "since 1949")
_YEAR_PREPS = frozenset({"in", "since", "until", "till", "by", "from", "during", "of", "to", "before", "after"})


def _choose(cands: Sequence[_Entry], when: date | None) -> _Entry:
    """Pick the candidate valid at `when` (first listed wins), else an undated one, else the nearest."""
    if len(cands) == 1:
        return cands[0]
    if when is not None:
        for c in cands:
            if (c.start or c.end) and (c.start is None or c.start <= when) and (c.end is None or when <= c.end):
                return c
    for c in cands:
        # (PETRARCH's implicit null code applies at a known date only)
        if c.start is None and c.end is None and not (c.fallback and when is None):
            return c
    cands = [c for c in cands if not c.fallback] or list(cands)
    if when is None:
        return cands[0]

    def distance(c: _Entry) -> int:
        if c.start and when < c.start:
            return (c.start - when).days
        if c.end and when > c.end:
            return (when - c.end).days
        return 0
    return min(cands, key=distance)


def _combine(nation: _Entry, agent: _Entry | None, text: str) -> Actor:
    """Actor for a nation (+ optional agent) mention."""
    code, sector = nation.code, nation.sector
    if nation.user and len(code) > 3 and not sector:
        code, sector = code[:3], code[3:] or None
    if agent is None:
        return Actor(code, sector, text)
    if agent.prefix:
        full = agent.code + code + (sector or "")
        return Actor(full[:3], full[3:] or None, text)
    if nation.user or agent.user:
        # PETRARCH semantics: the agent code is appended to the actor code
        return Actor(code, ((sector or "") + (agent.sector or "")) or None, text)
    if sector and sector != "GOV" and nation.label in ("SEAT", "INST"):
        return Actor(code, sector, text)  # "Pentagon officials" stay MIL
    return Actor(code, agent.sector or sector, text)


class ActorTagger:
    """spaCy component that finds actor mentions (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, extra_files: Sequence[str] = ()) -> None:
        self.name = name
        user: list[_Entry] = []
        for path in extra_files or ():
            for i, e in enumerate(load_actor_file(path)):
                user.append(_user_entry(e, i))
        entries = list(builtin_entries())
        # User entries replace built-in entries with the same pattern (case-insensitively).
        user_keys = {e.pattern.lower() for e in user}
        entries = [e for e in entries if e.pattern.lower() not in user_keys] + user
        self.lookup: dict[str, list[_Entry]] = {}
        variants: dict[str, set[str]] = {}
        for e in entries:
            for v in _variants(e.pattern):
                key = v.lower()
                self.lookup.setdefault(key, []).append(e)
                variants.setdefault(key, set()).add(v)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        keys = list(variants)
        texts = [v for k in keys for v in sorted(variants[k])]
        owners = [k for k in keys for _ in variants[k]]
        grouped: dict[str, list[Doc]] = {}
        for key, doc in zip(owners, nlp.tokenizer.pipe(texts)):
            grouped.setdefault(key, []).append(doc)
        self.key_ids: dict[int, str] = {}
        for key, docs in grouped.items():
            self.matcher.add(key, docs)
            self.key_ids[nlp.vocab.strings[key]] = key
        # Single-token forms for parts of hyphenated tokens ("U.S.-Iran").
        self.single = {k: [e for e in v if e.role == "NATION"] for k, v in self.lookup.items()
                       if " " not in k and any(e.role == "NATION" for e in v)}
        self.agent_lookup = {k: [e for e in v if e.role == "AGENT"] for k, v in self.lookup.items()
                             if any(e.role == "AGENT" for e in v)}

    # -- matching ----------------------------------------------------------------------------
    def _case_ok(self, e: _Entry, span_text: str) -> bool:
        if e.case == "none":
            return True
        if e.case in ("exact", "exact_upper"):
            letters = "".join(_LETTERS.findall(span_text))
            want = "".join(_LETTERS.findall(e.pattern))
            return letters == want.upper() if e.case == "exact_upper" else letters == want
        words = span_text.split()
        if e.case == "inst":
            return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES or w.lower() in ("of", "the", "for", "and")
                       or not w[:1].isalpha() for w in words)
        pwords = e.pattern.split()
        if len(words) != len(pwords):
            return span_text[:1].isupper() or not span_text[:1].isalpha() or not e.pattern[:1].isupper()
        return all(not p[:1].isupper() or w[:1].isupper() for w, p in zip(words, pwords))

    def _context_ok(self, doc: Doc, start: int, end: int, starts: set[int], persons: dict[int, Span]) -> bool:
        """Reject 'George Washington', 'Washington Post', 'Atlanta, Georgia', 'Michael Jordan',
        'the Lusaka protocol'."""
        ent = persons.get(start)
        # (an entity that only adds an article before the match is no person's name: the tagger's
        # PERSON "The Quai d'Orsay" is the seat itself; "George Washington" has a name before it)
        if ent is not None and (ent.end > end or (ent.start < start and any(
                t.lower_ != "the" for t in doc[ent.start:start]))):
            return False
        if end < len(doc):
            nxt = doc[end]
            if names_a_text(doc, start, end):
                return False
            if end in getattr(self, "_country_starts", ()) and nxt.is_title:
                return False
            if (nxt.is_title and nxt.is_alpha and end not in starts and nxt.lower_ not in _WEEKDAYS_MONTHS
                    and nxt.pos_ in ("PROPN", "NOUN", "")):
                return False
        if start > 0:
            prev = doc[start - 1]
            if (prev.is_title and prev.is_alpha and prev.pos_ in ("PROPN", "") and not prev.is_sent_start
                    and not self._starts_entry(doc, start - 1, starts)):
                return False
            if prev.text == "," and start > 1:
                pp = doc[start - 2]
                if pp.is_title and pp.pos_ in ("PROPN", "") and pp.is_alpha and not self._covered(pp.i, starts) \
                        and not _clause_subject_after_comma(doc, start, end, pp):
                    return False
        return True

    def _starts_entry(self, doc: Doc, i: int, starts: set[int]) -> bool:
        return i in starts or doc[i].lower_ in self.agent_lookup

    def _covered(self, i: int, starts: set[int]) -> bool:
        return i in starts or (i - 1) in starts

    def _atoms(self, doc: Doc, when: date | None) -> list[_Atom]:
        raw = []
        for match_id, s, e in self.matcher(doc):
            key = self.key_ids.get(match_id)
            if key is not None:
                raw.append((s, e, key))
        if not raw:
            return []
        starts = {s for s, _, _ in raw}
        # starts of country names: an ambiguous form right before one is a modifier ("Western Cambodia")
        self._country_starts = {s for s, _, key in raw
                                if any(c.label == "COUNTRY" and not c.ambiguous for c in self.lookup[key])}
        persons: dict[int, Span] = {}
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    for i in range(ent.start, ent.end):
                        persons[i] = ent
        cands_list = []
        for s, e, key in raw:
            text = doc[s:e].text
            cands = [c for c in self.lookup[key] if self._case_ok(c, text)]
            if not cands:
                continue
            if any(c.ambiguous and not c.user for c in cands) and not self._context_ok(doc, s, e, starts, persons):
                cands = [c for c in cands if c.user or not c.ambiguous]
                if not cands:
                    continue
            # A role per match: user entries first, then blocks, nations, collectives, agents.
            user = [c for c in cands if c.user]
            pool = user or cands
            order = ("BLOCK", "NATION", "COLLECTIVE", "HON", "AGENT")
            role = next(r for r in order if any(c.role == r for c in pool))
            chosen = [c for c in pool if c.role == role]
            if len(chosen) > 1 and any(c.start or c.end for c in chosen):
                chosen = self._of_named_years(doc, s, chosen)
            cands_list.append((s, e, role, chosen, bool(user)))
        # longest first, then blocked phrases ("West Bank" beats "the West"), user entries, leftmost
        cands_list.sort(key=lambda x: (-(x[1] - x[0]), x[2] != "BLOCK", not x[4], x[0]))
        taken = bytearray(len(doc))
        atoms = []
        for s, e, role, chosen, _ in cands_list:
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            atoms.append(_Atom(s, e, role, chosen))
        atoms.sort(key=lambda a: a.start)
        # "Russian Security Council": an organisation name right after a nation is an agent.
        for k in range(1, len(atoms)):
            a, prev = atoms[k], atoms[k - 1]
            if (a.role == "NATION" and prev.role == "NATION" and prev.end == a.start
                    and doc[a.start:a.end].text.lower() in self.agent_lookup
                    and all(c.label == "ORG" for c in a.cands)):
                atoms[k] = _Atom(a.start, a.end, "AGENT", self.agent_lookup[doc[a.start:a.end].text.lower()])
        self._persons_by_office(atoms)
        return atoms

    @staticmethod
    def _persons_by_office(atoms: list[_Atom]) -> None:
        """A person who held offices of several codes, named right after one of those codes' own
        names, at most a title between ("UN Secretary-General Javier Perez de Cuellar", "Algeria's
        foreign minister Lakhdar Brahimi"), keeps the offices of that code: the phrase names the office
        meant, which the document date (decades later in an archive) would otherwise choose wrongly."""
        for k in range(1, len(atoms)):
            a = atoms[k]
            if a.role != "NATION" or not any(c.label == "PERSON" for c in a.cands) \
                    or len({c.code for c in a.cands}) < 2:
                continue
            j, gap_end = k - 1, a.start
            if atoms[j].role == "AGENT" and atoms[j].end == gap_end and j > 0:
                gap_end, j = atoms[j].start, j - 1
            prev = atoms[j]
            if prev.role != "NATION" or not (prev.end == gap_end or prev.end + 1 == gap_end):
                continue
            codes = {c.code for c in prev.cands if c.label != "PERSON"}
            keep = [c for c in a.cands if c.code in codes]
            if keep:
                atoms[k] = _Atom(a.start, a.end, a.role, keep)

    @staticmethod
    def _of_named_years(doc: Doc, i: int, cands: list[_Entry]) -> list[_Entry]:
        """The dated candidates valid in a year the sentence of token i names, else its undated ones;
        all of them when the sentence names no year.

        A year in the sentence dates its actors better than the document date does: in an article of
        2019, "In 1937 the Republic of China ..." is China, and a surname borne by leaders of two
        periods is the one in office in the year named."""
        sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
        has_ents = doc.has_annotation("ENT_IOB")
        years = set()
        for t in sent:
            if len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100:
                # a date entity, or without NER a year after a time preposition ("in 1937")
                if (t.ent_type_ == "DATE") if has_ents else (t.i > 0 and doc[t.i - 1].lower_ in _YEAR_PREPS):
                    years.add(int(t.text))
        if not years:
            return cands
        valid = [c for c in cands if (c.start or c.end) and any(
            (c.start is None or c.start <= date(y, 12, 31)) and (c.end is None or date(y, 1, 1) <= c.end)
            for y in years)]
        # none in office then: an undated entry (the name's meaning at other times) wins over dated ones
        return valid or [c for c in cands if not (c.start or c.end)] or cands

    # -- names -------------------------------------------------------------------------------
    def _name_after(self, doc: Doc, i: int, atom_starts: set[int], persons: dict[int, Span]) -> int:
        """End of a person name starting at token i (0 length -> returns i)."""
        if i >= len(doc):
            return i
        ent = persons.get(i)
        if ent is not None and ent.start == i:
            return ent.end
        j = i
        while j < len(doc) and j - i < 5 and j not in atom_starts:
            t = doc[j]
            if t.is_sent_start and j > i:
                break
            if t.is_title and (t.is_alpha or "-" in t.text or t.text.endswith(".")) and t.lower_ not in _WEEKDAYS_MONTHS:
                j += 1
            elif (t.lower_ in _NAME_PARTICLES or t.lower_.startswith(("al-", "el-"))) and j > i and j + 1 < len(doc) \
                    and doc[j + 1].is_title:
                j += 1
            else:
                break
        return j

    # -- main ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        try:
            self._tag(doc)
        except Exception:  # noqa: BLE001  (never let odd input break a batch)
            doc.spans[ACTORS] = []
        return doc

    def _tag(self, doc: Doc) -> None:
        when = doc._.document_date
        if when is not None and not isinstance(when, date):
            try:
                when = date.fromisoformat(str(when)[:10])
            except ValueError:
                when = None
        self._groups: list[tuple[int, int, str]] = []
        atoms = self._atoms(doc, when)
        persons: dict[int, Span] = {}
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    persons[ent.start] = ent
        atom_starts = {a.start for a in atoms}
        found: list[_Found] = []
        memory: dict[str, tuple[Actor, frozenset[str]]] = {}
        has_tags = doc.has_annotation("TAG") or doc.has_annotation("POS")
        k = 0
        n = len(atoms)
        while k < n:
            a = atoms[k]
            if a.role in ("NATION", "COLLECTIVE"):
                k = self._nation_chain(doc, atoms, k, when, found, memory, persons, atom_starts, has_tags)
            elif a.role in ("AGENT", "HON"):
                k = self._agent_chain(doc, atoms, k, when, found, memory, persons, atom_starts)
            else:
                k += 1
        self._appositive_names(doc, found, memory)
        self._memory_pass(doc, found, memory)
        self._compound_pass(doc, found, when)
        self._coordination(doc, found)
        self._collectives(doc, found)
        self._resolutions(doc, found)
        self._constituent_republics(doc, found)
        self._union_capitals(doc, found, when)
        spans = []
        last_end = -1
        for f in sorted(found, key=lambda f: (f.start, -f.end)):
            if f.actor is None or f.start < last_end or f.end <= f.start:
                continue
            if f.end + 1 < len(doc) and doc[f.end].text in ("-", "–") and doc[f.end + 1].lower_ in BACKER_PARTICIPLES:
                continue  # "US-backed rebels", "Iranian-made drones": the backer is not the noun's actor
            span = Span(doc, f.start, f.end, label=f.label)
            span._.actor = f.actor
            if f.members:
                span._.members = f.members
            spans.append(span)
            last_end = f.end
        doc.spans[ACTORS] = spans
        covered = {i for s in spans for i in range(s.start, s.end)}
        groups = []
        for s, e, sector in self._groups:
            if not any(i in covered for i in range(s, e)):
                span = Span(doc, s, e, label="GROUP")
                span._.actor = Actor("", sector, span.text)
                groups.append(span)
        doc.spans[GROUPS] = groups

    def _agents_after(self, doc: Doc, atoms: list[_Atom], k: int, pos: int, has_tags: bool,
                      when: date | None) -> tuple[list[_Entry], int, int]:
        """Adjacent agent atoms from token `pos` (allowing modifiers): (agents, end token, next atom)."""
        agents: list[_Entry] = []
        while k < len(atoms) and atoms[k].role == "AGENT":
            gap = range(pos, atoms[k].start)
            if len(gap) > 2 or any(not self._modifier(doc[g], has_tags) for g in gap):
                break
            agent = _choose(atoms[k].cands, when)
            end = atoms[k].end
            if agent.head_only and end < len(doc) and doc[end].is_lower and doc[end].is_alpha \
                    and doc[end].pos_ in ("NOUN", "ADJ", ""):
                break
            agents.append(agent)
            pos = end
            k += 1
        return agents, pos, k

    @staticmethod
    def _modifier(t: Any, has_tags: bool) -> bool:
        if t.lower_ in _MODIFIERS:
            return True
        return has_tags and t.is_lower and t.pos_ == "ADJ"

    def _nation_chain(self, doc, atoms, k, when, found, memory, persons, atom_starts, has_tags) -> int:
        a = atoms[k]
        nation = _choose(a.cands, when)
        start, pos = a.start, a.end
        if follows_stance_prefix(doc, start):
            # "an anti-Chinese cleric", "pro-Russian separatists": a stance, not the country's
            # actor; the agent after it is read on its own (a group the sentence may place)
            return k + 1
        home = self._residence(doc, atoms, k)
        if home is not None:
            # "the Hungarians of Slovakia": a people known by the country they live in
            b = atoms[home]
            found.append(_Found(start, b.end, "DEMONYM", Actor(_choose(b.cands, when).code, None, doc[start:b.end].text)))
            return home + 1
        if pos < len(doc) and doc[pos].lower_ in _POSSESSIVE:
            pos += 1
        if nation.label in ("COUNTRY", "DEMONYM") and k + 1 < len(atoms) and atoms[k + 1].start == pos \
                and atoms[k + 1].cands[0].label == "INST":
            # "the Peruvian Congress", "the Soviet Politburo": a named institution of the nation
            # before it (the table's own country is only its default when it stands alone)
            inst = _choose(atoms[k + 1].cands, when)
            found.append(_Found(start, atoms[k + 1].end, "AGENT",
                                Actor(nation.code, inst.sector, doc[start:atoms[k + 1].end].text)))
            return k + 2
        agents, end, k2 = self._agents_after(doc, atoms, k + 1, pos, has_tags, when)
        if not agents:
            end, k2 = a.end, k + 1
        agent = next((g for g in agents if g.sector or g.prefix), agents[0] if agents else None)
        label = a.cands[0].label if not agents else ("COLLECTIVE" if a.role == "COLLECTIVE" else "AGENT")
        name_end = end
        person: _Entry | None = None
        if agents and agents[-1].agent_kind == "title" and a.role == "NATION":
            if k2 < len(atoms) and atoms[k2].start == end and atoms[k2].role == "NATION" \
                    and atoms[k2].cands[0].label == "PERSON":
                person = _choose(atoms[k2].cands, when)
                name_end = atoms[k2].end
                k2 += 1
            else:
                name_end = self._name_after(doc, end, atom_starts, persons)
        text = doc[start:name_end].text
        if a.cands[0].label == "DEMONYM" and start > 0 and doc[start - 1].lower_ in ETHNIC_WORDS:
            # "ethnic Albanians in Macedonia", "ethnic Turks in Bulgaria": a minority, not the state
            return k2
        if a.role == "COLLECTIVE":
            found.append(_Found(start, end, "COLLECTIVE", Actor("", agent.sector if agent else nation.sector,
                                                              doc[start:end].text),
                                coll=replace(nation, sector=(agent.sector if agent else None) or nation.sector)))
            return k2
        actor = _combine(nation, agent, text)
        if person is not None and nation.label == "PERSON":
            actor = Actor(person.code, actor.sector, text)
        members = None
        if nation.members:
            members = [_combine(replace(nation, code=m), agent, text) for m in nation.members]
        actor = self._former(doc, start, actor, bool(agents) or nation.label == "PERSON")
        found.append(_Found(start, name_end, label, actor, members, nation_only=not agents))
        if name_end > end:
            self._remember(doc, end, name_end, actor, memory)
        return k2

    @staticmethod
    def _residence(doc: Doc, atoms: list[_Atom], k: int) -> int | None:
        """The atom of the country a plural demonym says its people live in ("the Hungarians of
        southern Slovakia", "the Russians of Latvia"), or None."""
        a = atoms[k]
        if a.cands[0].label != "DEMONYM" or not doc[a.end - 1].lower_.endswith("s") or k + 1 >= len(atoms):
            return None
        pos = a.end
        if pos >= len(doc) or doc[pos].lower_ != "of":
            return None
        pos += 1
        while pos < len(doc) and doc[pos].lower_ in _REGION_WORDS:
            pos += 1
        b = atoms[k + 1]
        return k + 1 if b.start == pos and b.role == "NATION" and b.cands[0].label == "COUNTRY" else None

    def _former(self, doc: Doc, start: int, actor: Actor, personal: bool) -> Actor:
        if personal and start > 0 and doc[start - 1].lower_ in ("former", "ex", "ex-"):
            return Actor(actor.country, "ELI", actor.text)
        return actor

    def _remember(self, doc: Doc, s: int, e: int, actor: Actor, memory: dict) -> None:
        toks = [t.text for t in doc[s:e] if t.is_alpha or "-" in t.text]
        if not toks:
            return
        surname = toks[-1]
        if len(surname) > 1 and surname[:1].isupper():
            memory[surname] = (Actor(actor.country, actor.sector, ""), frozenset(toks))

    def _agent_chain(self, doc, atoms, k, when, found, memory, persons, atom_starts) -> int:
        a = atoms[k]
        start = a.start
        if a.role == "HON":
            # "Mr. Zarif": a known leader; unknown names are left to the memory pass
            if k + 1 < len(atoms) and atoms[k + 1].start == a.end and atoms[k + 1].role == "NATION" \
                    and atoms[k + 1].cands[0].label == "PERSON":
                p = _choose(atoms[k + 1].cands, when)
                text = doc[start:atoms[k + 1].end].text
                found.append(_Found(start, atoms[k + 1].end, "PERSON", _combine(p, None, text)))
                return k + 2
            return k + 1
        agents, end, k2 = self._agents_after(doc, atoms, k, a.start, True, when)
        if not agents:
            return k + 1
        agent = next((g for g in agents if g.sector or g.prefix), agents[0])
        # "the president of Iran", "the leaders of the two countries"; "the government in Libya",
        # "the authorities in Kabul" (a state's own organs at home: not its troops, envoys or
        # delegations, which are as often abroad)
        pos = end
        local = (pos < len(doc) and doc[pos].lower_ == "in" and agent.sector in _LOCAL_SECTORS
                 and agents[-1].agent_kind in ("group", "body")
                 and doc[a.start:end].text.lower() not in _TRAVELLING_AGENTS)
        if pos < len(doc) and (doc[pos].lower_ == "of" or local):
            pos += 1
            if pos < len(doc) and doc[pos].lower_ == "the":
                pos += 1
            if k2 < len(atoms) and atoms[k2].start in (pos, end + 1) and atoms[k2].role in ("NATION", "COLLECTIVE") \
                    and not (local and atoms[k2].cands[0].label == "PERSON"):
                b = atoms[k2]
                nation = _choose(b.cands, when)
                text = doc[start:b.end].text
                if b.role == "COLLECTIVE":
                    found.append(_Found(start, b.end, "COLLECTIVE", Actor("", agent.sector, text),
                                        coll=replace(nation, sector=agent.sector or nation.sector)))
                else:
                    actor = self._former(doc, start, _combine(nation, agent, text), True)
                    found.append(_Found(start, b.end, "AGENT", actor))
                return k2 + 1
        # "government envoys", "ministry spokesmen": a plural title after a body names several of
        # its people, a group as "government officials" is (no name follows a plural)
        plural_of_body = (agents[-1].agent_kind == "title" and len(agents) > 1
                          and any(g.agent_kind in ("group", "body") for g in agents[:-1])
                          and doc[end - 1].tag_ in ("NNS", "NNPS"))
        if (agents[-1].agent_kind != "title" or plural_of_body) and not agent.code:
            # "the police", "rebels", and unnamed state bodies ("the government", "the health
            # ministry"): groups the domestic mode may place in the sentence's one country
            if agent.sector and (agents[-1].agent_kind in ("group", "body") or plural_of_body):
                self._groups.append((start, end, agent.sector))
            return k2
        # Title + name: a known leader, a remembered name, or a title that implies the country
        if k2 < len(atoms) and atoms[k2].start == end and atoms[k2].role == "NATION" \
                and atoms[k2].cands[0].label == "PERSON":
            p = _choose(atoms[k2].cands, when)
            text = doc[start:atoms[k2].end].text
            base = replace(p, code=agent.code) if agent.code and not agent.user else p
            actor = Actor(base.code, agent.sector or p.sector, text)
            found.append(_Found(start, atoms[k2].end, "PERSON", self._former(doc, start, actor, True)))
            return k2 + 1
        name_end = self._name_after(doc, end, atom_starts, persons) if agents[-1].agent_kind == "title" else end
        if agent.code and not agent.prefix:
            text = doc[start:name_end].text
            actor = self._former(doc, start, Actor(agent.code, agent.sector, text), True)
            found.append(_Found(start, name_end, "AGENT", actor))
            if name_end > end:
                self._remember(doc, end, name_end, actor, memory)
            return k2
        if name_end > end:
            surname = [t.text for t in doc[end:name_end] if t.is_alpha][-1:]
            if surname and surname[0] in memory:
                known = memory[surname[0]][0]
                text = doc[start:name_end].text
                found.append(_Found(start, name_end, "MEMORY", Actor(known.country, agent.sector or known.sector, text)))
            elif agents[-1].agent_kind == "title" and agent.sector:
                # "President Marco Delvane", "Gen. Ivan Petrov": a titled person we cannot place is a
                # group mention; the event coder's domestic mode may place it in the one country
                # its sentence names (the title gives the sector)
                self._groups.append((start, name_end, agent.sector))
        elif agents[-1].agent_kind == "title" and agent.sector:
            # "a former state governor", "the interior minister": an unnamed official, a group
            # mention the domestic mode may place as well
            self._groups.append((start, end, agent.sector))
        return k2

    def _appositive_names(self, doc: Doc, found: list[_Found], memory: dict) -> None:
        """A person named beside a one-person title, set off by a comma ("Ivan Petrov, Russia's
        foreign minister," / "the Russian foreign minister, Ivan Petrov,"): later mentions of the
        surname ("Petrov said") are that official."""
        if not doc.has_annotation("ENT_IOB"):
            return
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        if not persons:
            return
        by_end = {e.end: e for e in persons}
        by_start = {e.start: e for e in persons}
        for f in found:
            if f.label != "AGENT" or f.actor is None or f.members or not doc[f.end - 1].tag_.startswith("NN") \
                    or doc[f.end - 1].tag_ in ("NNS", "NNPS"):
                continue
            before = f.start - (2 if f.start >= 2 and doc[f.start - 1].lower_ == "the" else 1)
            name = None
            if before >= 1 and doc[before].text == ",":
                name = by_end.get(before)
            if name is None and f.end + 1 < len(doc) and doc[f.end].text == ",":
                name = by_start.get(f.end + 1)
            if name is not None and not any(g.start <= name.start < g.end for g in found):
                self._remember(doc, name.start, name.end, f.actor, memory)

    def _memory_pass(self, doc: Doc, found: list[_Found], memory: dict) -> None:
        """Later bare mentions of a titled person ("Zarif", "Mr. Zarif")."""
        if not memory:
            return
        covered = bytearray(len(doc))
        for f in found:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
        for t in doc:
            if t.text in memory and not covered[t.i]:
                actor, names = memory[t.text]
                s = t.i
                while s > 0 and not covered[s - 1] and doc[s - 1].text in names:
                    s -= 1
                if s > 0 and not covered[s - 1] and doc[s - 1].lower_.rstrip(".") in ("mr", "mrs", "ms", "dr"):
                    s -= 1
                found.append(_Found(s, t.i + 1, "MEMORY", Actor(actor.country, actor.sector, doc[s:t.i + 1].text)))
                covered[s:t.i + 1] = b"\x01" * (t.i + 1 - s)

    _HYPHEN = re.compile(r"\S+?-\S+")

    def _compound_pass(self, doc: Doc, found: list[_Found], when: date | None) -> None:
        """Single tokens such as 'U.S.-Iran' or 'U.S.-led' that the tokenizer did not split."""
        covered = bytearray(len(doc))
        for f in found:
            covered[f.start:f.end] = b"\x01" * (f.end - f.start)
        for m in self._HYPHEN.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if "-" not in t.text or covered[t.i] or len(t.text) > 60:
                    continue
                members = []
                for part in t.text.split("-"):
                    cands = [c for c in self.single.get(part.lower(), []) if self._case_ok(c, part)
                             and not c.ambiguous and c.label in ("COUNTRY", "DEMONYM", "ORG", "USER")]
                    if cands:
                        e = _choose(cands, when)
                        members.append(_combine(e, None, part))
                if members:
                    actor = Actor(members[0].country, members[0].sector, t.text)
                    found.append(_Found(t.i, t.i + 1, "COMPOUND", actor, members if len(members) > 1 else None))
                    covered[t.i] = 1

    def _coordination(self, doc: Doc, found: list[_Found]) -> None:
        """'Russian and Iranian officials': the bare first nation takes the agent's sector."""
        found.sort(key=lambda f: f.start)
        for x, y in zip(found, found[1:]):
            if x.nation_only and x.actor and y.actor and not y.nation_only and y.label == "AGENT" \
                    and x.actor.sector is None and x.end < len(doc) and y.start == x.end + 1 \
                    and doc[x.end].lower_ in ("and", ",", "or", "&"):
                x.actor = Actor(x.actor.country, y.actor.sector, x.actor.text)

    def _collectives(self, doc: Doc, found: list[_Found]) -> None:
        """Resolve 'the two countries' to the pair of actors it stands for."""
        colls = [f for f in found if f.coll is not None]
        if not colls:
            return
        text = doc.text  # rebuilt by spaCy on each access
        sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        if not sent_starts:
            sent_starts = [0]

        def sent_of(i: int) -> int:
            return max(0, bisect.bisect_right(sent_starts, i) - 1)

        mentions = [(f.start, sent_of(f.start), m) for f in found if f.coll is None and f.actor
                    for m in (f.members or [f.actor]) if m.country]
        mentions.sort(key=lambda x: x[0])
        # an organisation is no country even when its code is a state's ("NAM", the Non-Aligned
        # Movement, is Namibia's ISO code)
        org_at = {f.start for f in found if f.coll is None and f.label == "ORG"}

        def state(pos: int, m: Actor) -> bool:
            return pos not in org_at and self._is_state(m.country)

        first_seen: dict[str, int] = {}
        counts: dict[str, int] = {}
        for pos, _, m in mentions:
            if state(pos, m):
                first_seen.setdefault(m.country, pos)
                counts[m.country] = counts.get(m.country, 0) + 1
        # A dyad the opening (title + first sentence) establishes and the document keeps returning to.
        opening = [m.country for pos, s, m in mentions if s <= 1 and state(pos, m)]
        distinct_open = list(dict.fromkeys(opening))
        dyad: list[str] = []
        if len(distinct_open) >= 2:
            ranked = sorted(distinct_open, key=lambda c: (-counts[c], first_seen[c]))
            top = ranked[:2]
            total = sum(counts.values())
            # both of the pair recur: a "Foreign relations of X" article whose opening lists
            # neighbours is about X alone, not about X and the neighbour named most
            if counts[top[1]] >= DYAD_BALANCE * counts[top[0]] and (
                    len(distinct_open) == 2 or (counts[top[1]] >= 2 and counts[top[0]] + counts[top[1]] >= 0.5 * total)):
                dyad = sorted(top, key=lambda c: first_seen[c])
        # The state the document is about ("Foreign relations of Laos"): clearly the most
        # mentioned. "Both countries" in such a text nearly always includes it.
        ranked_all = sorted(counts.items(), key=lambda kv: -kv[1])
        focal = None
        if ranked_all and ranked_all[0][1] >= 3 and (len(ranked_all) == 1 or ranked_all[0][1] >= 1.5 * ranked_all[1][1]):
            focal = ranked_all[0][0]
        for f in colls:
            e = f.coll
            assert e is not None
            want = e.n or 2
            s_here = sent_of(f.start)
            before = [(pos, s, m) for pos, s, m in mentions if pos < f.start and (e.scope != "state" or state(pos, m))]
            recent: list[str] = []
            for pos, s, m in reversed(before):
                if s >= s_here - 1 and m.country not in recent:
                    recent.append(m.country)
            if dyad and want == 2 and (len(recent) < 2 or recent[0] in dyad or recent[1] in dyad):
                codes = list(dyad)
            else:
                if len(recent) < want:
                    # further back only within the paragraph: a table row or a new paragraph that
                    # names no partner leaves "both countries" unresolved rather than guessed
                    for pos, s, m in reversed(before):
                        if "\n" in text[doc[pos].idx:doc[f.start].idx]:
                            break
                        if m.country not in recent:
                            recent.append(m.country)
                codes = recent[:want]
                if want == 2 and focal and recent and focal not in codes and e.scope == "state":
                    codes = [focal, recent[0]]
                if len(codes) < want:
                    f.actor = None
                    continue
                order = {c: min(p for p, _, m in before if m.country == c) for c in codes}
                codes.sort(key=lambda c: order[c])
            surface = doc[f.start:f.end].text
            f.members = [Actor(c, e.sector, surface) for c in codes]
            f.actor = f.members[0]
            f.label = "COLLECTIVE"

    @staticmethod
    def _union_capitals(doc: Doc, found: list[_Found], when: date | None) -> None:
        """Moscow or the Kremlin in a sentence that names the Soviet Union ("protested to Moscow after
        Soviet patrol boats seized ..."), in a document dated in the union's lifetime: the union's
        capital and seat, not its republic's (see union_capitals.csv). Undated, the union named may
        be history ("demanded an admission by Moscow that Soviet forces murdered ...")."""
        unions = {u: r for u, (r, start, end) in _union_republics().items()
                  if when is not None and start <= when <= end}
        if not unions:
            return
        live = [f for f in found if f.actor is not None]
        if not any(f.actor.country in unions for f in live):
            return
        sent_of = [0] * len(doc)
        if doc.has_annotation("SENT_START"):
            for k, sent in enumerate(doc.sents):
                for i in range(sent.start, sent.end):
                    sent_of[i] = k
        named = {(sent_of[f.start], f.actor.country) for f in live}
        for f in live:
            if f.label not in ("CAPITAL", "SEAT"):
                continue
            for union, republic in unions.items():
                if f.actor.country == republic and (sent_of[f.start], union) in named:
                    f.actor = replace(f.actor, country=union)
                    break

    @staticmethod
    def _constituent_republics(doc: Doc, found: list[_Found]) -> None:
        """"the former Soviet republic of Georgia", "the Yugoslav republic of Macedonia": the
        phrase names the republic, not the union it belonged to; the republic's own code covers
        the whole phrase (the union's demonym is no actor of it)."""
        by_start = {f.start: f for f in found if f.actor is not None}
        for f in list(found):
            if f.actor is None or f.end + 2 >= len(doc):
                continue
            word, of = doc[f.end], doc[f.end + 1]
            if word.lower_ not in ("republic", "republics") or of.lower_ != "of":
                continue
            inner = by_start.get(f.end + 2)
            if inner is None or inner.label != "COUNTRY" or inner.actor.country == f.actor.country:
                continue
            f.actor = None
            inner.start = f.start

    @staticmethod
    def _resolutions(doc: Doc, found: list[_Found]) -> None:
        """"Resolution 1718", "resolution 242": a numbered resolution is the UN's (Security Council
        or General Assembly) instrument, and acts for it ("Resolution 2371 banned exports of coal").
        Not a national legislature's ("House Resolution 45")."""
        taken = {i for f in found if f.actor is not None for i in range(f.start, f.end)}
        for t in doc[:-1]:
            nxt = doc[t.i + 1]
            if t.lower_ != "resolution" or t.i in taken or nxt.i in taken:
                continue
            if not (nxt.text.isdigit() and 1 <= len(nxt.text) <= 4):
                continue
            if t.i > 0 and doc[t.i - 1].lower_ in _NATIONAL_RESOLUTION_WORDS:
                continue
            found.append(_Found(t.i, t.i + 2, "ORG", Actor("UN", None, doc[t.i:t.i + 2].text)))

    @staticmethod
    def _is_state(code: str) -> bool:
        # countries.csv codes are states; other 3-letter codes (user dictionaries) count unless they
        # belong to an organisation or bloc
        if code in _country_codes():
            return True
        return bool(_STATE_CODE.match(code)) and code not in _NON_STATES and code not in _org_codes()


def follows_stance_prefix(doc: Doc, start: int) -> bool:
    """Whether token `start` follows a hyphenated "anti-" or "pro-" ("anti-Chinese")."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


def names_a_text(doc: Doc, start: int, end: int) -> bool:
    """Whether doc[start:end] names an agreement after the city it was made in ("the Lusaka
    protocol", "the Rome accord"): then it is neither a party nor the place of the act."""
    return (0 < start and end < len(doc) and doc[start - 1].lower_ == "the"
            and doc[end].lemma_.lower() in _NAMED_TEXTS)


def is_state_code(code: str) -> bool:
    """A state's code: from countries.csv, or a 3-letter user code that is no organisation/bloc."""
    return bool(code) and ActorTagger._is_state(code)


@Language.factory("detente_actors", default_config={"extra_files": []})
def make_actor_tagger(nlp: Language, name: str, extra_files: list[str]) -> ActorTagger:
    """Create the actor tagger; `extra_files` are user dictionaries (see load_actor_file)."""
    return ActorTagger(nlp, name, extra_files)


def actor_spans(doc: Doc) -> list[Span]:
    """The actor spans of a processed doc (empty if the component did not run)."""
    return list(doc.spans[ACTORS]) if ACTORS in doc.spans else []


def actors_in(span: Span) -> list[Actor]:
    """All actors (collective members expanded) whose mentions lie inside `span` (e.g. a sentence)."""
    out: list[Actor] = []
    for s in actor_spans(span.doc):
        if s.start >= span.start and s.end <= span.end:
            out.extend(s._.members or [s._.actor])
    return out


def _clause_subject_after_comma(doc: Doc, start: int, end: int, prev: Token) -> bool:
    """Whether doc[start:end] is the subject of a clause that the comma before it opens, the
    name before the comma closing an introductory clause ("When Spanish boats seized trawlers off
    the Canary Islands, Rabat summoned ..."), not a "City, Region" pair ("Atlanta, Georgia")."""
    if not doc.has_annotation("DEP"):
        return False
    root = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if root is None or root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return prev.head.i != root.i and root.head.i != prev.i and prev not in list(root.head.children)
