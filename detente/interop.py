"""Imports of existing event data sets into the store, and exports of the store.

Imports (`import_events`): GDELT 2.0 event exports (61 tab-separated columns, no header; a header
line such as BigQuery's is also understood), ICEWS event files (tab-separated, with a header) and
PLOVER/POLECAT JSONL (one event per line). Each imported file becomes ONE pseudo-document in
`documents` (source 'import'); its `content_hash` is the sha256 of the file's (decompressed) bytes,
so importing the same file again stores nothing. The pseudo-document's text is one evidence line per
stored event (the PLOVER record's text where it has one, else a short rendering of the record with
its id), and each event's `start`/`end` are that line's offsets, so events join to their
`sentences` row as for coded documents.

CAMEO codes map to PLOVER types through `ontology/cameo2plover.csv`; quad class, intensity and
cameo_root of every stored row come from `ontology/plover.yaml`, as for coded text. Rows that are
malformed are counted with their line numbers (first few kept as coded messages), never raised;
rows that are well formed but cannot be an event here (CAMEO 01/02, a missing actor, a country
name detente does not know) are counted per reason as skipped.

Exports (`export_events`): parquet and csv (DuckDB COPY of the events joined with their evidence
sentence and document), PLOVER-style JSONL, ICEWS-like tab-separated columns ("cameo"), and an
actor network as GraphML.
"""
from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from .errors import DetenteError, Errors
from .ontology import plover_types, type_info
from .readers import Document
from .record import Actor, Event, Location

IMPORT_FORMATS = ("gdelt", "icews", "plover")
EXPORT_FORMATS = ("parquet", "csv", "plover", "cameo", "graphml")
FORMAT_NAMES = {"gdelt": "GDELT 2.0 event export", "icews": "ICEWS event", "plover": "PLOVER/POLECAT JSONL"}
# How many bad rows of one file are reported one by one (the rest only counted).
MAX_REPORTED_BAD = 5

# GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0).
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO), "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)
_ICEWS_REQUIRED = ("Event Date", "Source Name", "Source Country", "CAMEO Code", "Target Name",
                   "Target Country")
# Extra columns detente's own `cameo` export adds; an ICEWS import uses them when present.
_ICEWS_EXTRA = ("PLOVER Type", "Mode", "Track", "Sentence")

# ICEWS names sectors in words ("Government,Executive"); detente stores CAMEO sector codes. The
# first sector that contains one of these words gives the code (a short, closed CAMEO list).
_ICEWS_SECTOR_WORDS = (
    ("international government", "IGO"), ("intergovernmental", "IGO"), ("military", "MIL"),
    ("police", "COP"), ("rebel", "REB"), ("insurgent", "INS"),
    ("legislative", "LEG"), ("parliament", "LEG"), ("judicial", "JUD"), ("opposition", "OPP"),
    ("business", "BUS"), ("media", "MED"), ("ngo", "NGO"), ("nongovernmental", "NGO"),
    ("religious", "REL"), ("education", "EDU"), ("labor", "LAB"), ("government", "GOV"),
    ("executive", "GOV"), ("cabinet", "GOV"), ("elite", "ELI"),
)
# Detente tracks a PLOVER `context` value can name directly.
_TRACKS = ("nuclear", "military", "energy", "transport", "economic", "cultural", "humanitarian",
           "political")
_XML_BAD = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TSV_BAD = re.compile(r"[\t\r\n]+")
_CODE_RE = re.compile(r"[A-Za-z0-9_.-]{1,24}\Z")
_CAMEO_RE = re.compile(r"\d{2,4}\Z")


# ------------------------------------------------------------------------------- tables
@dataclass(frozen=True)
class CameoMapping:
    """One row of cameo2plover.csv: the PLOVER type a CAMEO code becomes."""

    code: str
    event_type: str
    mode: str | None
    track: str | None
    description: str


def _data_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _mapping_table(name: str) -> dict[str, CameoMapping]:
    """An ontology CSV of code -> PLOVER rows (cameo2plover.csv, weis2plover.csv) as {code: mapping}."""
    text = resources.files("detente.ontology").joinpath(name).read_text(encoding="utf-8")
    return {row["code"]: CameoMapping(row["code"], row["event_type"], row["mode"] or None,
                                      row["track"] or None, row["description"])
            for row in csv.DictReader(_data_lines(text))}


def _longest_prefix(code: str, table: dict[str, CameoMapping]) -> CameoMapping | None:
    """The row of `code`'s most specific listed prefix (0231 -> 023 -> 02); None below 2 digits."""
    while len(code) >= 2:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoMapping]:
    """cameo2plover.csv as {code: mapping} (loaded once)."""
    return _mapping_table("cameo2plover.csv")


# CAMEO's 01 (make public statement) and 02 (appeal) codes: CAMEO codes with no PLOVER type, so
# cameo2plover.csv leaves them out (is_cameo_code needs them).
_CAMEO_01_02 = frozenset(["01", "02", *(f"01{d}" for d in range(10)), *(f"02{d}" for d in range(9))])
_WEIS_RE = re.compile(r"(\d{2,3})[A-Za-z]?\Z")


def is_cameo_code(code: str | None) -> bool:
    """Whether `code` exists in CAMEO: a root or 3-digit code cameo2plover.csv lists (or CAMEO 01/02),
    or a 4-digit code under one (CAMEO's 4-digit codes all refine their 3-digit code)."""
    code = (code or "").strip()
    if not _CAMEO_RE.match(code):
        return False
    table = cameo_table()
    head = code[:3]
    return head in table or head in _CAMEO_01_02


@lru_cache(maxsize=1)
def weis_table() -> dict[str, CameoMapping]:
    """weis2plover.csv as {code: mapping}; rows with an empty event_type (WEIS 02 comment, 14 deny)
    are kept with event_type "" so that the code is known to be WEIS."""
    return _mapping_table("weis2plover.csv")


def weis_lookup(code: str | None) -> CameoMapping | None:
    """The weis2plover.csv row of a WEIS code (its most specific listed prefix: 223 -> 22; a
    TABARI letter suffix is dropped: 174K -> 174); None when the code is not WEIS. The row's
    event_type is "" for WEIS codes without a PLOVER type."""
    m = _WEIS_RE.match((code or "").strip())
    if m is None:
        return None
    return _longest_prefix(m.group(1), weis_table())


def weis_to_plover(code: str | None) -> CameoMapping | None:
    """The PLOVER mapping of a WEIS event code; None for WEIS 02/14 and for anything unknown."""
    m = weis_lookup(code)
    return m if m is not None and m.event_type else None


def cameo_to_plover(code: str | None) -> CameoMapping | None:
    """The PLOVER mapping of a CAMEO event code (its most specific listed prefix: 0231 -> 023 ->
    02), or of a PLOVER type name; None for CAMEO 01/02 and for anything unknown."""
    if not code:
        return None
    code = code.strip().upper()
    table = cameo_table()
    if code.isalpha():
        if code in plover_types():
            return CameoMapping(code, code, None, None, type_info(code)["description"])
        return table.get(code)
    if not _CAMEO_RE.match(code):
        return None
    return _longest_prefix(code, table)


def _name_key(name: str) -> str:
    """Country names compared without case, punctuation spacing or the word 'the'."""
    words = re.sub(r"[\s_]+", " ", name.strip().lower()).split(" ")
    return " ".join(w for w in words if w != "the")


@dataclass(frozen=True)
class _Countries:
    by_name: dict[str, tuple[str, str | None]]
    codes: frozenset[str]
    names: dict[str, str]


@lru_cache(maxsize=1)
def _countries() -> _Countries:
    """detente's own country and organisation tables (data/actors), indexed by name and alias."""
    def read(name: str) -> list[dict[str, str]]:
        text = resources.files("detente").joinpath("data", "actors", name).read_text(encoding="utf-8")
        return list(csv.DictReader(_data_lines(text)))

    primary: dict[str, tuple[str, str | None]] = {}
    alias: dict[str, tuple[str, str | None]] = {}
    names: dict[str, str] = {}
    codes: set[str] = set()
    for fname in ("countries.csv", "organisations.csv"):
        for row in read(fname):
            code, sector = row["code"].strip(), (row.get("sector") or "").strip() or None
            if not code:
                continue
            codes.add(code)
            names.setdefault(code, row["name"])
            ambiguous = {a.strip() for a in (row.get("ambiguous") or "").split("|")}
            primary.setdefault(_name_key(row["name"]), (code, sector))
            for form in (row.get("aliases") or "").split("|"):
                if form.strip() and form.strip() not in ambiguous:
                    alias.setdefault(_name_key(form), (code, sector))
    return _Countries({**alias, **primary}, frozenset(codes), names)


def country_code(name: str | None) -> str | None:
    """ISO-3 (or organisation) code for a country name as ICEWS writes it ('Russian Federation',
    'Korea, Republic of', 'United Nations'), using detente's country table; None if unknown."""
    found = _lookup(name)
    return found[0] if found else None


def _lookup(name: str | None) -> tuple[str, str | None] | None:
    if not name or not name.strip():
        return None
    table = _countries()
    value = name.strip()
    if len(value) <= 4 and value.upper() in table.codes:  # already a code ('RUS', 'nato')
        return value.upper(), None
    key = _name_key(value)
    if key in table.by_name:
        return table.by_name[key]
    if "," in value:  # "Korea, Republic of" -> "Republic of Korea"
        head, _, tail = value.partition(",")
        key = _name_key(f"{tail} {head}")
        if key in table.by_name:
            return table.by_name[key]
    return None


def country_name(code: str | None) -> str | None:
    """The name detente's tables give a country or organisation code."""
    return _countries().names.get(code or "")


# ------------------------------------------------------------------------------- import
@dataclass
class ImportSummary:
    """What one `import_events` run did with one file."""

    path: str
    fmt: str
    rows: int = 0
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    bad: int = 0
    bad_rows: list[str] = field(default_factory=list)
    already_stored: bool = False
    doc_id: str | None = None
    seconds: float = 0.0

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())


@dataclass
class _Record:
    """A parsed row before it becomes an Event."""

    source: Actor
    target: Actor
    mapping: CameoMapping
    date: str | None
    date_text: str | None
    evidence: str
    mode: str | None = None
    track: str | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5


class _Skip(Exception):
    """A well-formed row that cannot become an event (reason is counted)."""


class _Bad(Exception):
    """A malformed row (detail is reported with its line number)."""


def _read_file(path: Path) -> bytes:
    """The file's bytes, decompressed for .gz and single-file .zip (GDELT ships .CSV.zip)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DetenteError(Errors.E013, path=str(path), detail=exc.strerror or str(exc)) from None
    name = path.name.lower()
    try:
        if name.endswith(".gz"):
            return gzip.decompress(raw)
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                members = [m for m in zf.infolist() if not m.is_dir()]
                if not members:
                    raise DetenteError(Errors.E013, path=str(path), detail="the zip archive is empty")
                return zf.read(members[0])
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise DetenteError(Errors.E013, path=str(path), detail=f"cannot decompress: {exc}") from None
    return raw


def _lines(text: str) -> list[str]:
    # split on \n only: str.splitlines would also split on \x1c, \u2028 ... inside fields
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


def _clean(value: Any) -> str:
    """One line of plain text (evidence lines are joined by newlines)."""
    return _TSV_BAD.sub(" ", str(value)).strip() if value is not None else ""


def _iso_day(value: str) -> tuple[str, str]:
    """(ISO date, the raw text) from YYYYMMDD, YYYY-MM-DD or an ISO timestamp; _Bad otherwise."""
    raw = (value or "").strip()
    digits = raw.replace("-", "")[:8] if re.match(r"\d{4}-?\d{2}-?\d{2}", raw) else ""
    try:
        day = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
    except ValueError:
        day = None
    if day is None:
        raise _Bad(f"bad date '{raw[:40]}'")
    return day.isoformat(), raw


def _gdelt_actor(get: Any, n: int) -> Actor:
    code = get(f"Actor{n}Code").strip()
    country = get(f"Actor{n}CountryCode").strip() or get(f"Actor{n}KnownGroupCode").strip()
    if not country and not code:
        raise _Skip(f"no {'source' if n == 1 else 'target'} actor")
    if country:
        # GDELT known-group codes ('UNO', 'NATO') resolve through the organisation table
        found = _lookup(country)
        country = found[0] if found else country.upper()
    else:
        country = code[:3].upper()
    sector = get(f"Actor{n}Type1Code").strip() or None
    return Actor(country, sector, get(f"Actor{n}Name").strip() or code)


def _parse_gdelt(lines: list[str], path: str) -> Iterator[tuple[int, _Record | Exception]]:
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise DetenteError(Errors.E003, path=path)
    head = lines[first]
    columns: Sequence[str] = GDELT_COLUMNS
    delim = "\t"
    start = first
    if head.lstrip("\ufeff").upper().startswith("GLOBALEVENTID"):
        delim = "\t" if "\t" in head else ","
        columns = [c.strip().strip('"') for c in next(csv.reader([head.lstrip("\ufeff")], delimiter=delim))]
        lowered = {c.lower() for c in columns}
        missing = [c for c in ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor2Code", "EventCode")
                   if c.lower() not in lowered]
        if missing:
            raise DetenteError(Errors.E050, path=path, fmt=FORMAT_NAMES["gdelt"],
                               detail="header lacks " + ", ".join(missing))
        start = first + 1
    else:
        fields = head.split("\t")
        if len(fields) != 61 or not fields[0].strip().isdigit() or not re.match(r"\d{8}\Z", fields[1].strip()):
            hint = (" - a GDELT 1.0 file? detente reads the 2.0 event export"
                    if len(fields) in (57, 58) else "")
            raise DetenteError(Errors.E050, path=path, fmt=FORMAT_NAMES["gdelt"],
                               detail=f"line {first + 1} has {len(fields)} tab-separated fields, "
                                      f"expected 61 starting with GLOBALEVENTID and SQLDATE{hint}")
    index = {c.lower(): i for i, c in enumerate(columns)}
    n_cols = len(columns)
    for i in range(start, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        fields = line.split("\t") if delim == "\t" else next(csv.reader([line]), [])
        if len(fields) != n_cols:
            yield i + 1, _Bad(f"{len(fields)} fields, expected {n_cols}")
            continue

        def get(name: str, _f: list[str] = fields) -> str:
            j = index.get(name.lower())
            return _f[j] if j is not None else ""

        try:
            date, date_text = _iso_day(get("SQLDATE"))
            code = get("EventCode").strip()
            if not _CAMEO_RE.match(code):
                raise _Bad(f"bad EventCode '{code[:12]}'")
            mapping = cameo_to_plover(code)
            if mapping is None:
                raise _Skip("no PLOVER type for the CAMEO code (01/02)")
            source, target = _gdelt_actor(get, 1), _gdelt_actor(get, 2)
            place = get("ActionGeo_FullName").strip()
            evidence = (f"GDELT {get('GLOBALEVENTID').strip()}: {source.text} ({get('Actor1Code').strip()}) "
                        f"-> {target.text} ({get('Actor2Code').strip()}), CAMEO {code} "
                        f"{mapping.description}; {get('SOURCEURL').strip()}")
            yield i + 1, _Record(source, target, mapping, date, date_text, _clean(evidence),
                                 mode=mapping.mode, track=mapping.track,
                                 # ActionGeo country codes are FIPS 10-4, not ISO: keep the name only
                                 location=Location(place, None) if place else None)
        except (_Bad, _Skip) as exc:
            yield i + 1, exc


def _icews_sector(value: str) -> str | None:
    for part in value.split(","):
        low = part.strip().lower()
        for word, code in _ICEWS_SECTOR_WORDS:
            if word in low:
                return code
    return None


def _icews_actor(name: str, sectors: str, country: str, side: str) -> Actor:
    name = name.strip()
    if not name and not country.strip():
        raise _Skip(f"no {side} actor")
    found = _lookup(country) if country.strip() else _lookup(name)  # IGOs have no country
    if found is None:
        raise _Skip(f"{side} country not in detente's country table")
    code, sector = found
    return Actor(code, _icews_sector(sectors) or sector, name)


def _parse_icews(lines: list[str], path: str) -> Iterator[tuple[int, _Record | Exception]]:
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise DetenteError(Errors.E003, path=path)
    header = [c.strip().strip('"') for c in lines[first].lstrip("\ufeff").split("\t")]
    index = {c.lower(): i for i, c in enumerate(header)}
    missing = [c for c in _ICEWS_REQUIRED if c.lower() not in index]
    if missing:
        raise DetenteError(Errors.E050, path=path, fmt=FORMAT_NAMES["icews"],
                           detail=f"the tab-separated header line lacks {', '.join(missing)}")
    n_cols = len(header)
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != n_cols:
            yield i + 1, _Bad(f"{len(fields)} fields, expected {n_cols}")
            continue

        def get(name: str, _f: list[str] = fields) -> str:
            j = index.get(name.lower())
            return _f[j].strip() if j is not None else ""

        try:
            date, date_text = _iso_day(get("Event Date"))
            code = get("CAMEO Code")
            own_type = get("PLOVER Type").upper()  # detente's own cameo export names the type
            if own_type and own_type in plover_types():
                mapping = cameo_to_plover(own_type)
            else:
                if not _CAMEO_RE.match(code):
                    raise _Bad(f"bad CAMEO Code '{code[:12]}'")
                mapping = cameo_to_plover(code)
            if mapping is None:
                raise _Skip("no PLOVER type for the CAMEO code (01/02)")
            source = _icews_actor(get("Source Name"), get("Source Sectors"), get("Source Country"), "source")
            target = _icews_actor(get("Target Name"), get("Target Sectors"), get("Target Country"), "target")
            place = ", ".join(p for p in (get("City"), get("Province"), get("Country")) if p)
            evidence = get("Sentence") or (
                f"{source.text} -> {target.text}: {get('Event Text') or mapping.description} "
                f"(ICEWS event {get('Event ID')}, story {get('Story ID')}, sentence {get('Sentence Number')})")
            track = get("Track").lower() or mapping.track
            yield i + 1, _Record(source, target, mapping, date, date_text, _clean(evidence),
                                 mode=get("Mode") or mapping.mode,
                                 track=track if track in _TRACKS else mapping.track,
                                 location=Location(place, country_code(get("Country"))) if place else None)
        except (_Bad, _Skip) as exc:
            yield i + 1, exc


def _plover_date(raw: Any) -> tuple[str | None, str | None]:
    """A PLOVER date: a day (YYYY-MM-DD, YYYYMMDD, a timestamp) or, as detente's own exports
    write them, a month, year, quarter or interval; None when the record has no date."""
    from .store import date_bounds

    if raw is None or raw == "":
        return None, None
    text = str(raw).strip()
    try:
        return _iso_day(text)
    except _Bad:
        if date_bounds(text)[0] is None:
            raise
        return text, text


def _norm_keys(obj: dict[str, Any]) -> dict[str, Any]:
    return {re.sub(r"[^a-z0-9]+", "_", str(k).lower()).strip("_"): v for k, v in obj.items()}


def _first(obj: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _plover_actor(rec: dict[str, Any], side: str) -> Actor:
    """An actor from a nested object ({"country", "sector", "actor"|"text"|"name"}), a CAMEO-style
    code string ("RUSGOV"), or flat PLOVER/POLECAT fields (src_actor, actor_country ...)."""
    if side == "source":
        nested = _first(rec, "source", "actor", "src")
        flat_country = _first(rec, "source_country", "actor_country", "src_actor", "src_country")
        flat_sector = _first(rec, "source_sector", "src_agent", "primary_actor_sector", "actor_sector")
        flat_text = _first(rec, "source_text", "source_name", "actor_name", "src_text")
    else:
        nested = _first(rec, "target", "recipient", "tgt")
        flat_country = _first(rec, "target_country", "recipient_country", "tgt_actor", "tgt_country")
        flat_sector = _first(rec, "target_sector", "tgt_agent", "primary_recipient_sector", "recipient_sector")
        flat_text = _first(rec, "target_text", "target_name", "recipient_name", "tgt_text")
    country = sector = text = None
    if isinstance(nested, dict):
        n = _norm_keys(nested)
        country = _first(n, "country", "code", "iso", "iso3", "actor_country")
        sector = _first(n, "sector", "agent", "primary_sector")
        text = _first(n, "actor", "text", "name", "actor_name")
    elif isinstance(nested, str):
        country = nested
    country = country or flat_country
    sector = sector or flat_sector
    text = text or flat_text
    if isinstance(country, list):
        country = country[0] if country else None
    if isinstance(sector, list):
        sector = sector[0] if sector else None
    if not country or not isinstance(country, str):
        raise _Skip(f"no {side} actor")
    found = _lookup(country)
    if found is None:
        raw = country.strip().upper()
        # a CAMEO-style code: country + sector ("RUSGOV", "IRNMIL")
        if len(raw) >= 6 and raw[:3] in _countries().codes and raw.isalpha():
            found = (raw[:3], raw[3:6])
        else:
            raise _Skip(f"{side} country not in detente's country table")
    code, table_sector = found
    sector = str(sector).strip().upper()[:12] if sector else table_sector
    return Actor(code, sector or None, _clean(text or country))


def _parse_plover(lines: list[str], path: str) -> Iterator[tuple[int, _Record | Exception]]:
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        raise DetenteError(Errors.E003, path=path)
    try:
        probe = json.loads(lines[first])
    except ValueError:
        probe = None
    if not isinstance(probe, dict) or _first(_norm_keys(probe), "event_type", "event", "eventtype",
                                             "plover_type") is None:
        raise DetenteError(Errors.E050, path=path, fmt=FORMAT_NAMES["plover"],
                           detail=f"line {first + 1} is not a JSON object with an event type")
    for i in range(first, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise _Bad(f"not JSON ({str(exc)[:60]})") from None
            if not isinstance(obj, dict):
                raise _Bad("not a JSON object")
            rec = _norm_keys(obj)
            etype = _first(rec, "event_type", "event", "eventtype", "plover_type")
            if not isinstance(etype, str):
                raise _Bad("no event type")
            mapping = cameo_to_plover(etype)
            if mapping is None:
                raise _Skip("event type detente does not use (e.g. CRIME)")
            raw_date = _first(rec, "date", "event_date", "story_date", "publication_date")
            date, date_text = _plover_date(raw_date)
            source, target = _plover_actor(rec, "source"), _plover_actor(rec, "target")
            mode = _first(rec, "mode", "event_mode")
            context = _first(rec, "track", "context", "contexts")
            words = context if isinstance(context, list) else re.split(r"[;,|\s]+", str(context or ""))
            track = next((w.lower() for w in map(str, words) if w.lower() in _TRACKS), None) or mapping.track
            loc = _first(rec, "location", "geolocation", "placename")
            loc_text = loc_country = None
            if isinstance(loc, dict):
                ln = _norm_keys(loc)
                loc_text = _first(ln, "text", "name", "placename", "place")
                loc_country = _first(ln, "country", "country_iso", "iso3")
            elif isinstance(loc, str):
                loc_text = loc
            loc_country = loc_country or _first(rec, "location_country")
            if isinstance(loc_country, str) and loc_country:
                loc_country = country_code(loc_country) or None
            text = _first(rec, "text", "sentence", "event_text", "evidence")
            ev_id = _first(rec, "id", "event_id")
            evidence = text if isinstance(text, str) and text.strip() else (
                f"{source.text} -> {target.text}: {mapping.event_type} (event {ev_id})")
            conf = rec.get("confidence")
            yield i + 1, _Record(
                source, target, mapping, date, date_text, _clean(evidence),
                mode=_clean(mode)[:40] if isinstance(mode, str) and mode else mapping.mode, track=track,
                location=Location(_clean(loc_text), loc_country if isinstance(loc_country, str) else None)
                if loc_text else None,
                negated=rec.get("negated") is True, hypothetical=rec.get("hypothetical") is True,
                confidence=float(conf) if isinstance(conf, (int, float)) and 0 <= conf <= 1 else 0.5)
        except (_Bad, _Skip) as exc:
            yield i + 1, exc


_PARSERS = {"gdelt": _parse_gdelt, "icews": _parse_icews, "plover": _parse_plover}


def import_events(path: str | Path, fmt: str, db: Any = "detente.duckdb") -> ImportSummary:
    """Load one GDELT/ICEWS/PLOVER file into the store `db` (a path or an open `Store`).

    The file becomes one pseudo-document (source 'import'); a file already imported (same content
    hash) stores nothing and returns with `already_stored`. Bad rows are counted and the first
    few reported in `bad_rows`; a file in the wrong format, or with no importable row at all,
    raises a coded DetenteError (E050/E052) and stores nothing.
    """
    from .store import Store

    started = time.perf_counter()
    fmt = fmt.lower()
    if fmt not in _PARSERS:
        raise ValueError(f"format must be one of {IMPORT_FORMATS}, not {fmt!r}")
    p = Path(path)
    if not p.exists():
        raise DetenteError(Errors.E001, path=str(p))
    if p.is_dir():
        raise DetenteError(Errors.E013, path=str(p), detail="it is a directory")
    data = _read_file(p)
    if not data.strip():
        raise DetenteError(Errors.E003, path=str(p))
    summary = ImportSummary(str(p), fmt)
    digest = hashlib.sha256(data).hexdigest()
    store = db if isinstance(db, Store) else Store(db)
    try:
        if store.has_document(digest):
            summary.already_stored = True
            return summary
        text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        records: list[_Record] = []
        for line_no, item in _PARSERS[fmt](_lines(text), str(p)):
            summary.rows += 1
            if isinstance(item, _Record):
                records.append(item)
            elif isinstance(item, _Skip):
                reason = str(item)
                summary.skipped[reason] = summary.skipped.get(reason, 0) + 1
            else:
                summary.bad += 1
                if len(summary.bad_rows) < MAX_REPORTED_BAD:
                    summary.bad_rows.append(Errors.E051.format(path=p, line=line_no, fmt=fmt.upper()
                                                               if fmt != "plover" else "PLOVER",
                                                               detail=str(item)))
        if summary.rows == 0 or (not records and summary.bad):
            detail = (f"{summary.bad} bad row{'s' if summary.bad != 1 else ''}" if summary.bad
                      else "it holds no rows")
            raise DetenteError(Errors.E052, path=str(p), fmt=FORMAT_NAMES[fmt], detail=detail)
        document, events = _as_document(p, fmt, digest, records)
        stored = store.add_document(document, events, source="import")
        if stored is None:  # imported meanwhile by another writer
            summary.already_stored = True
        else:
            summary.events = stored.events
            summary.doc_id = stored.doc_id
    finally:
        if not isinstance(db, Store):
            store.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _as_document(path: Path, fmt: str, digest: str, records: list[_Record]) -> tuple[Document, list[Event]]:
    """The pseudo-document (one evidence line per event) and its events with line offsets."""
    doc_id = f"{fmt}:{path.name}"
    parts: list[str] = []
    events: list[Event] = []
    offset = 0
    for r in records:
        start, end = offset, offset + len(r.evidence)
        info = type_info(r.mapping.event_type)
        events.append(Event(
            doc=doc_id, start=start, end=end, sentence=r.evidence, source=r.source, target=r.target,
            event_type=r.mapping.event_type, mode=r.mode, quad_class=int(info["quad_class"]),
            intensity=float(info["intensity"]), cameo_root=str(info["cameo_root"]),
            date=r.date, date_text=r.date_text, location=r.location, track=r.track or "political",
            negated=r.negated, hypothetical=r.hypothetical, confidence=r.confidence,
            trigger="", trigger_start=start, trigger_end=start))
        parts.append(r.evidence)
        offset = end + 1  # the newline
    text = "\n".join(parts)
    document = Document(id=doc_id, text=text, date=None, title=f"{FORMAT_NAMES[fmt]} import: {path.name}",
                        url=None, path=str(path), content_hash=digest)
    return document, events


# ------------------------------------------------------------------------------- export
@dataclass
class ExportSummary:
    """What one `export_events` run wrote."""

    fmt: str
    path: str
    events: int = 0
    nodes: int = 0
    edges: int = 0


_BASE_COLUMNS = (
    "event_id", "doc_id", "start", "end", "date", "date_start", "date_end", "date_text",
    "source_country", "source_sector", "source_text", "target_country", "target_sector", "target_text",
    "event_type", "mode", "quad_class", "intensity", "cameo_root", "symmetric", "track",
    "location_text", "location_country", "quantities", "negated", "hypothetical", "attributed_to",
    "confidence", "trigger", "trigger_start", "trigger_end",
)


def _lit(value: str) -> str:
    """A SQL string literal (COPY cannot take bound parameters)."""
    return "'" + value.replace("'", "''") + "'"


def _bound(value: dt.date | str | None, upper: bool) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .store import date_bounds

    lo, hi = date_bounds(str(value))
    if lo is None:
        raise DetenteError(Errors.E022, value=value)
    return hi if upper else lo


def export_query(dyad: tuple[str, str] | None = None, since: dt.date | str | None = None,
                 until: dt.date | str | None = None, sentence_number: bool = False) -> str:
    """SQL for the events to export, joined with their evidence sentence and document.

    `dyad` keeps both directions; `since`/`until` keep events whose date range overlaps the period
    (a year or month given as text counts from its first / to its last day)."""
    cols = ", ".join(f'e."{c}"' for c in _BASE_COLUMNS)
    where: list[str] = []
    if dyad:
        a, b = dyad
        for code in (a, b):
            if not _CODE_RE.match(code or ""):
                raise DetenteError(Errors.E055, value=code)
        a, b = _lit(a.upper()), _lit(b.upper())
        where.append(f"((e.source_country = {a} AND e.target_country = {b}) OR "
                     f"(e.source_country = {b} AND e.target_country = {a}))")
    lo, hi = _bound(since, False), _bound(until, True)
    if lo is not None:
        where.append(f"e.date_end >= DATE '{lo.isoformat()}'")
    if hi is not None:
        where.append(f"e.date_start <= DATE '{hi.isoformat()}'")
    extra = (', dense_rank() OVER (PARTITION BY e.doc_id ORDER BY e."start") AS sentence_number'
             if sentence_number else "")
    sql = (f"SELECT {cols}, s.text AS sentence, d.source AS doc_source, d.path AS doc_path, "
           f"d.title AS doc_title, d.url AS doc_url{extra} FROM events e "
           f'LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s."start" = e."start" AND s."end" = e."end" '
           f"LEFT JOIN documents d ON d.doc_id = e.doc_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + ' ORDER BY e.doc_id, e."start", e.event_id'


def export_events(db: Any, fmt: str, out: str | Path, dyad: tuple[str, str] | None = None,
                  since: dt.date | str | None = None, until: dt.date | str | None = None) -> ExportSummary:
    """Write the store's events (optionally one dyad, one period) to `out` in `fmt`:
    parquet | csv | plover (JSONL) | cameo (ICEWS-like TSV) | graphml (actor network).

    `db` is a path (opened read-only) or an open `Store`. Raises DetenteError E053 when the file
    cannot be written."""
    from .store import Store

    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {EXPORT_FORMATS}, not {fmt!r}")
    out = Path(out)
    if out.is_dir():
        raise DetenteError(Errors.E053, path=str(out), detail="it is a directory")
    if not out.parent.exists():
        raise DetenteError(Errors.E053, path=str(out), detail="its folder does not exist")
    sql = export_query(dyad, since, until, sentence_number=fmt == "cameo")
    store = db if isinstance(db, Store) else Store(db, read_only=True)
    summary = ExportSummary(fmt, str(out))
    try:
        con = store.con
        if fmt in ("parquet", "csv"):
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
            _copy(con, sql, out, options)
            summary.events = con.execute(f"SELECT count(*) FROM ({sql})").fetchall()[0][0]
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as fh:
                    if fmt == "plover":
                        summary.events = _write_plover(con, sql, fh)
                    elif fmt == "cameo":
                        summary.events = _write_cameo(con, sql, fh)
                    else:
                        summary.events, summary.nodes, summary.edges = _write_graphml(con, sql, fh)
            except OSError as exc:
                raise DetenteError(Errors.E053, path=str(out), detail=exc.strerror or str(exc)) from None
    finally:
        if not isinstance(db, Store):
            store.close()
    return summary


def _copy(con: Any, sql: str, out: Path, options: str) -> None:
    import duckdb

    try:
        con.execute(f"COPY ({sql}) TO {_lit(str(out))} ({options})").fetchall()
    except duckdb.Error as exc:
        raise DetenteError(Errors.E053, path=str(out), detail=" ".join(str(exc).split())[:200]) from None


def _rows(con: Any, sql: str, batch: int = 10_000) -> Iterator[dict[str, Any]]:
    """Result rows as dicts, fetched in batches (a big store never sits in memory at once)."""
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    while True:
        chunk = cur.fetchmany(batch)
        if not chunk:
            return
        for row in chunk:
            yield dict(zip(names, row))


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One exported row as a PLOVER-style JSON object."""
    def actor(side: str) -> dict[str, Any]:
        return {"actor": row[f"{side}_text"], "country": row[f"{side}_country"],
                "sector": row[f"{side}_sector"]}

    try:
        quantities = json.loads(row["quantities"]) if row["quantities"] else []
    except (TypeError, ValueError):
        quantities = []
    return {
        "id": row["event_id"], "date": row["date"], "date_start": _iso(row["date_start"]),
        "date_end": _iso(row["date_end"]), "event_type": row["event_type"], "mode": row["mode"],
        "context": row["track"], "source": actor("source"), "target": actor("target"),
        "quad_class": row["quad_class"], "intensity": row["intensity"], "cameo_root": row["cameo_root"],
        "negated": bool(row["negated"]), "hypothetical": bool(row["hypothetical"]),
        "confidence": row["confidence"],
        "location": ({"text": row["location_text"], "country": row["location_country"]}
                     if row["location_text"] else None),
        "quantities": quantities, "text": row["sentence"], "doc": row["doc_id"],
        "doc_source": row["doc_source"], "start": row["start"], "end": row["end"],
    }


def _write_plover(con: Any, sql: str, fh: TextIO) -> int:
    n = 0
    for row in _rows(con, sql):
        fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


CAMEO_EXPORT_COLUMNS = (*ICEWS_COLUMNS, *_ICEWS_EXTRA)


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return _TSV_BAD.sub(" ", str(value)).strip()


def _write_cameo(con: Any, sql: str, fh: TextIO) -> int:
    table = cameo_table()
    fh.write("\t".join(CAMEO_EXPORT_COLUMNS) + "\n")
    n = 0
    for r in _rows(con, sql):
        day = r["date_start"] if r["date_start"] is not None else None
        root = r["cameo_root"]
        values = {
            "Event ID": r["event_id"], "Event Date": _iso(day) or r["date"],
            "Source Name": r["source_text"] or country_name(r["source_country"]) or r["source_country"],
            "Source Sectors": r["source_sector"],
            "Source Country": country_name(r["source_country"]) or r["source_country"],
            "Event Text": table[root].description if root in table else r["event_type"].title(),
            "CAMEO Code": root, "Intensity": r["intensity"],
            "Target Name": r["target_text"] or country_name(r["target_country"]) or r["target_country"],
            "Target Sectors": r["target_sector"],
            "Target Country": country_name(r["target_country"]) or r["target_country"],
            "Story ID": r["doc_id"], "Sentence Number": r["sentence_number"],
            "City": r["location_text"], "Country": country_name(r["location_country"]) or r["location_country"],
            "PLOVER Type": r["event_type"], "Mode": r["mode"], "Track": r["track"], "Sentence": r["sentence"],
        }
        fh.write("\t".join(_tsv(values.get(c)) for c in CAMEO_EXPORT_COLUMNS) + "\n")
        n += 1
    return n


def _xml_text(value: Any) -> str:
    """Text XML 1.0 can hold (control characters dropped; ElementTree escapes the rest)."""
    return _XML_BAD.sub("", str(value))


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("events", "long"), ("as_source", "long"), ("as_target", "long"))
_EDGE_KEYS = (("events", "long"), ("verbal_cooperation", "long"), ("material_cooperation", "long"),
              ("verbal_conflict", "long"), ("material_conflict", "long"), ("net_intensity", "double"))


def _write_graphml(con: Any, sql: str, fh: TextIO) -> tuple[int, int, int]:
    """A directed actor network: nodes are actor codes with event counts, edges are
    source->target dyads with counts per quad class and net intensity (sum of intensities)."""
    import xml.etree.ElementTree as ET

    base = f"WITH x AS ({sql})"
    total = con.execute(f"{base} SELECT count(*) FROM x").fetchall()[0][0]
    nodes = con.execute(
        f"{base} SELECT code, sum(s)::BIGINT, sum(t)::BIGINT FROM ("
        f"SELECT source_country AS code, count(*) AS s, 0 AS t FROM x GROUP BY 1 UNION ALL "
        f"SELECT target_country, 0, count(*) FROM x GROUP BY 1) GROUP BY code ORDER BY code").fetchall()
    edges = con.execute(
        f"{base} SELECT source_country, target_country, count(*), "
        + ", ".join(f"count(*) FILTER (WHERE quad_class = {q})" for q in (1, 2, 3, 4))
        + ", coalesce(sum(intensity), 0) FROM x GROUP BY 1, 2 ORDER BY 1, 2").fetchall()

    ET.register_namespace("", _GRAPHML_NS)
    root = ET.Element(f"{{{_GRAPHML_NS}}}graphml")
    for prefix, target, keys in (("n", "node", _NODE_KEYS), ("e", "edge", _EDGE_KEYS)):
        for name, typ in keys:
            ET.SubElement(root, f"{{{_GRAPHML_NS}}}key", {"id": f"{prefix}_{name}", "for": target,
                                                         "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{{{_GRAPHML_NS}}}graph", {"id": "detente", "edgedefault": "directed"})

    def data(parent: Any, key: str, value: Any) -> None:
        ET.SubElement(parent, f"{{{_GRAPHML_NS}}}data", {"key": key}).text = _xml_text(value)

    for code, as_source, as_target in nodes:
        node = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}node", {"id": _xml_text(code)})
        data(node, "n_label", country_name(code) or code)
        data(node, "n_events", as_source + as_target)
        data(node, "n_as_source", as_source)
        data(node, "n_as_target", as_target)
    for i, (src, tgt, n, q1, q2, q3, q4, net) in enumerate(edges):
        edge = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}edge",
                             {"id": f"e{i}", "source": _xml_text(src), "target": _xml_text(tgt)})
        for (name, _), value in zip(_EDGE_KEYS, (n, q1, q2, q3, q4, round(float(net), 6))):
            data(edge, f"e_{name}", value)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(fh, encoding="unicode", xml_declaration=True)
    fh.write("\n")
    return total, len(nodes), len(edges)
