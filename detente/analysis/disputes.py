"""Disputes and issues: a dyad's events grouped by what they are about.

`dyad_issues(store, "RUS", "IRN")` reads the dyad's stored events, puts each on the issues its
evidence sentence matches (definitions in detente/data/issues.yaml: the nuclear file, territorial
and maritime disputes, a third country's war, energy, trade, sanctions, water, migration, ...)
and reports per issue when it was active, how many events of each quad class it holds, the
stance of each side toward the other on it, and which side the third parties involved take.
`issue_events` gives the same as one row per (issue, event).

Matching works on the stored evidence sentences with compiled regular expressions, no NLP, so
it runs on any store, including imported data sets (whose events have no sentence: those only
reach issues through their track or location).

Helpers used by the other relation analyses (thirdparty, corroboration) live here too:
`mentioned_actors(text)` finds country and organisation names in a sentence.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from detente.store import Store

ISSUES_RESOURCE = "data/issues.yaml"
# an issue's key for a third country's war is "war:" + the country's code
WAR_PREFIX = "war:"
PERIODS = ("year", "quarter", "month")
# a period list longer than this is cut (an event dated "1990/2020" would list 31 years)
_MAX_PERIODS_PER_EVENT = 120
QUAD_COLUMNS = ("n_verbal_coop", "n_material_coop", "n_verbal_conflict", "n_material_conflict")


# ---------------------------------------------------------------------------------- issues
@dataclass(frozen=True)
class Issue:
    """One issue definition (see detente/data/issues.yaml for the keys)."""

    key: str
    label: str
    kind: str  # "keyword" or "war"
    any_re: re.Pattern[str] | None
    all_res: tuple[re.Pattern[str], ...]
    tracks: frozenset[str]
    countries: frozenset[str]
    conflict_types: frozenset[str]

    def matches_text(self, text: str) -> bool:
        """Whether the sentence matches the issue's words (`any`, or every list of `all`)."""
        if not text:
            return False
        if self.any_re is not None and self.any_re.search(text):
            return True
        return bool(self.all_res) and all(r.search(text) for r in self.all_res)


def _term_regex(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One compiled alternation for a list of words/phrases: whole words, case-insensitive,
    spaces or hyphens between the words of a phrase, plain inflections on the last word."""
    parts = []
    for term in sorted({str(t).strip().lower() for t in terms if str(t).strip()}, key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", term) if w]
        if words:
            parts.append(r"[\s\-]+".join(words))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?:s|es|ed|d|ing)?(?!\w)", re.IGNORECASE)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def parse_issues(data: Any, origin: str = ISSUES_RESOURCE) -> tuple[Issue, ...]:
    """Issue definitions from the parsed YAML mapping (`issues: {key: {...}}`)."""
    if not isinstance(data, dict) or not isinstance(data.get("issues"), dict):
        raise ValueError(f"{origin}: expected a mapping with an 'issues:' mapping")
    out = []
    for key, spec in data["issues"].items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise ValueError(f"{origin}: issue {key!r} must be a mapping")
        groups = _as_list(spec.get("all"))
        all_res = tuple(r for r in (_term_regex(_as_list(g)) for g in groups) if r is not None)
        out.append(Issue(
            key=str(key), label=str(spec.get("label", key)), kind=str(spec.get("kind", "keyword")),
            any_re=_term_regex(_as_list(spec.get("any"))), all_res=all_res,
            tracks=frozenset(str(t) for t in _as_list(spec.get("tracks"))),
            countries=frozenset(str(c).upper() for c in _as_list(spec.get("countries"))),
            conflict_types=frozenset(str(t).upper() for t in _as_list(spec.get("conflict_types"))),
        ))
    return tuple(out)


@lru_cache(maxsize=8)
def load_issues(path: str | None = None) -> tuple[Issue, ...]:
    """The issue definitions: detente's own (detente/data/issues.yaml) or those of a YAML file
    in the same format. Cached, so the regexes are compiled once per file."""
    import yaml

    if path is None:
        text = resources.files("detente").joinpath(ISSUES_RESOURCE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_issues(yaml.safe_load(text), origin=path or ISSUES_RESOURCE)


# ---------------------------------------------------------------------------------- mentions
def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("detente").joinpath(f"data/actors/{name}").read_text(encoding="utf-8")
    lines = [ln for ln in io.StringIO(text) if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def _split(cell: str | None) -> list[str]:
    return [p.split("=", 1)[0].strip() for p in (cell or "").split("|") if p.strip()]


@lru_cache(maxsize=1)
def _mention_table() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One case-sensitive regex over the country and organisation names of detente's actor
    tables (names, aliases, demonyms, capitals, seats; forms marked ambiguous are left out, as
    they need the context checks that only the NLP pipeline makes)."""
    forms: dict[str, str] = {}
    for row in _data_rows("countries.csv"):
        ambiguous = set(_split(row.get("ambiguous")))
        for col in ("name", "aliases", "demonyms", "capitals", "seats"):
            for form in _split(row.get(col)):
                if form not in ambiguous and len(form) > 1:
                    forms.setdefault(form, row["code"])
    for row in _data_rows("organisations.csv"):
        if row.get("sector"):  # national non-state groups (Hamas -> PSE REB) are no third party name
            continue
        ambiguous = set(_split(row.get("ambiguous")))
        for col in ("name", "aliases"):
            for form in _split(row.get(col)):
                if form not in ambiguous and len(form) > 1:
                    forms.setdefault(form, row["code"])
    if not forms:
        return None, {}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)"), forms


def mentioned_actors(text: str | None) -> frozenset[str]:
    """Codes of the countries and international organisations named in `text` (by name, alias,
    demonym, capital or seat of power)."""
    if not text:
        return frozenset()
    regex, forms = _mention_table()
    if regex is None:
        return frozenset()
    return frozenset(forms[m.group(0)] for m in regex.finditer(text) if m.group(0) in forms)


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Codes of the countries in detente's actor table (a war is fought in a country, not in
    an organisation or "the West")."""
    return frozenset(row["code"] for row in _data_rows("countries.csv"))


@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Code -> name of the countries and organisations in detente's actor tables."""
    names = {}
    for name in ("countries.csv", "organisations.csv"):
        for row in _data_rows(name):
            names.setdefault(row["code"], row.get("name") or row["code"])
    return names


# ---------------------------------------------------------------------------------- values
def to_date(value: Any) -> dt.date | None:
    """A date from a DataFrame cell (Timestamp, datetime64, date, NaT/None)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):  # NaT is a datetime subclass: test it first
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def is_true(value: Any) -> bool:
    """A boolean cell, with NULL/NA as False."""
    try:
        return bool(value) and not (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pandas NA
        return False


def period_label(day: dt.date, by: str) -> str:
    """'2022', '2022-Q3' or '2022-07'."""
    if by == "year":
        return f"{day.year:04d}"
    if by == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


def period_labels(start: dt.date | None, end: dt.date | None, by: str = "year") -> list[str]:
    """The periods a date range overlaps, in order (empty for undated events)."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    if start is None:
        return []
    end = end if end is not None and end >= start else start
    out: list[str] = []
    y, m = start.year, start.month
    step = {"year": 12, "quarter": 3, "month": 1}[by]
    if by == "quarter":
        m = (m - 1) // 3 * 3 + 1
    elif by == "year":
        m = 1
    while (y, m) <= (end.year, end.month) and len(out) < _MAX_PERIODS_PER_EVENT:
        out.append(period_label(dt.date(y, m, 1), by))
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def stance(net: float, n: int) -> str:
    """A word for a net cooperation score: cooperative, conflictual, neutral, or none."""
    if n == 0:
        return "none"
    if net > 0:
        return "cooperative"
    if net < 0:
        return "conflictual"
    return "neutral"


def _counted(frame: "pd.DataFrame") -> "pd.Series":
    """Mask of events that happened as stated (negated or hypothetical ones add nothing to a
    stance: "Russia did not support Iran" is no support)."""
    neg = frame["negated"].fillna(False).astype(bool) if "negated" in frame else False
    hyp = frame["hypothetical"].fillna(False).astype(bool) if "hypothetical" in frame else False
    return ~(neg | hyp)


def evidence_records(frame: "pd.DataFrame", max_chars: int | None = None) -> list[dict[str, Any]]:
    """Evidence of a set of events: id, document, date, dyad, type, intensity and sentence."""
    out = []
    for r in frame.itertuples(index=False):
        sentence = r.sentence if isinstance(r.sentence, str) else ""
        if max_chars is not None and len(sentence) > max_chars:
            sentence = sentence[: max_chars - 1] + "…"
        out.append({
            "event_id": int(r.event_id), "doc_id": r.doc_id,
            "date": r.date if isinstance(r.date, str) else None,
            "source": r.source_country, "target": r.target_country, "event_type": r.event_type,
            "quad_class": int(r.quad_class) if r.quad_class == r.quad_class else None,
            "intensity": float(r.intensity) if r.intensity == r.intensity else 0.0,
            "negated": is_true(r.negated), "sentence": sentence,
        })
    return out


# ---------------------------------------------------------------------------------- frames
_EVENT_FIELDS = ("event_id", "doc_id", "start", "end", "source_country", "target_country",
                 "event_type", "quad_class", "intensity", "symmetric", "date", "date_start",
                 "date_end", "location_country", "track", "negated", "hypothetical", "confidence")


def events_where(store: "Store", where: str, params: Sequence[Any]) -> "pd.DataFrame":
    """Stored events (the columns the relation analyses need, plus the evidence `sentence`)
    matching a SQL condition on alias `e`."""
    cols = ", ".join(f'e."{c}"' for c in _EVENT_FIELDS)
    sql = (f"SELECT {cols}, s.text AS sentence FROM events e LEFT JOIN sentences s "
           f'ON s.doc_id = e.doc_id AND s."start" = e."start" AND s."end" = e."end" '
           f'WHERE {where} ORDER BY e.event_id')
    return store.con.execute(sql, list(params)).df()


def _period_filter(since: Any, until: Any) -> tuple[list[str], list[Any]]:
    from detente.store import _as_date

    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("e.date_end >= ?")
        params.append(_as_date(since))
    if until is not None:
        where.append("e.date_start <= ?")
        params.append(_as_date(until))
    return where, params


def actor_events(store: "Store", actors: Sequence[str], since: Any = None, until: Any = None,
                 both: bool = False) -> "pd.DataFrame":
    """Events with any of `actors` as source or target (`both`: as source AND target), dated
    within since..until when given; events of an actor with itself are left out."""
    marks = ", ".join("?" * len(actors))
    join = "AND" if both else "OR"
    where = [f"(e.source_country IN ({marks}) {join} e.target_country IN ({marks}))",
             "e.source_country <> e.target_country"]
    params: list[Any] = [*actors, *actors]
    extra, extra_params = _period_filter(since, until)
    return events_where(store, " AND ".join(where + extra), params + extra_params)


# ---------------------------------------------------------------------------------- matching
def _cosentence_conflicts(store: "Store", frame: "pd.DataFrame",
                          types: frozenset[str]) -> dict[tuple[str, int, int], set[str]]:
    """(doc, start, end) -> the actors of events of `types` coded from that sentence."""
    if frame.empty or not types:
        return {}
    docs = sorted(set(frame["doc_id"]))
    type_marks = ", ".join("?" * len(types))
    doc_marks = ", ".join("?" * len(docs))
    rows = store.con.execute(
        f'SELECT doc_id, "start", "end", source_country, target_country FROM events '
        f"WHERE event_type IN ({type_marks}) AND doc_id IN ({doc_marks})",
        [*sorted(types), *docs]).fetchall()
    out: dict[tuple[str, int, int], set[str]] = {}
    for doc, start, end, src, tgt in rows:
        out.setdefault((doc, start, end), set()).update((src, tgt))
    return out


def match_issues(store: "Store", frame: "pd.DataFrame", exclude: Iterable[str],
                 issues: Sequence[Issue] | None = None) -> list[list[tuple[str, str | None]]]:
    """For each row of an events frame, the issues it is on, as (issue key, third party) pairs.

    `exclude` are the actors whose own names never make a "war in X" issue (the dyad's sides).
    Each distinct sentence is matched once.
    """
    issues = load_issues() if issues is None else issues
    exclude = set(exclude)
    war_types = frozenset().union(*(i.conflict_types for i in issues if i.kind == "war"))
    cosentence = _cosentence_conflicts(store, frame, war_types)
    text_cache: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def text_info(text: str) -> tuple[frozenset[str], frozenset[str]]:
        got = text_cache.get(text)
        if got is None:
            hits = frozenset(i.key for i in issues if i.matches_text(text))
            got = text_cache[text] = (hits, mentioned_actors(text))
        return got

    out: list[list[tuple[str, str | None]]] = []
    for r in frame.itertuples(index=False):
        text = r.sentence if isinstance(r.sentence, str) else ""
        hits, mentions = text_info(text)
        loc = r.location_country if isinstance(r.location_country, str) else None
        found: list[tuple[str, str | None]] = []
        for issue in issues:
            if issue.kind == "war":
                names = set(mentions) if issue.key in hits else set()
                if loc and issue.key in hits:
                    names.add(loc)
                names |= cosentence.get((r.doc_id, r.start, r.end), set())
                for code in sorted((names & country_codes()) - exclude):
                    found.append((f"{WAR_PREFIX}{code}", code))
                continue
            if (issue.key in hits or (isinstance(r.track, str) and r.track in issue.tracks)
                    or (issue.countries and ((loc in issue.countries)
                                             or bool(issue.countries & mentions)))):
                found.append((issue.key, None))
        out.append(found)
    return out


def issue_events(store: "Store", a: str, b: str, since: Any = None, until: Any = None,
                 issues: Sequence[Issue] | None = None) -> "pd.DataFrame":
    """The dyad's events (both directions) on each issue: one row per (issue, event), with
    `issue`, `issue_label` and `third_party` (the country of a "war in X" issue) added to the
    event columns. Events on no issue are left out."""
    import pandas as pd

    a, b = a.upper(), b.upper()
    frame = actor_events(store, [a, b], since, until, both=True)
    return _explode(frame, match_issues(store, frame, (a, b), issues), issues)


def _explode(frame: "pd.DataFrame", matched: list[list[tuple[str, str | None]]],
             issues: Sequence[Issue] | None) -> "pd.DataFrame":
    import pandas as pd

    labels = {i.key: i.label for i in (load_issues() if issues is None else issues)}
    war_label = next((i.label for i in (load_issues() if issues is None else issues)
                      if i.kind == "war"), "war in {country}")
    names = actor_names()
    idx, keys, parties = [], [], []
    for i, found in enumerate(matched):
        for key, party in found:
            idx.append(i)
            keys.append(key)
            parties.append(party)
    out = frame.iloc[idx].reset_index(drop=True).copy()
    out["issue"] = pd.Series(keys, dtype=object)
    out["third_party"] = pd.Series(parties, dtype=object)
    out["issue_label"] = pd.Series(
        [labels.get(k) or war_label.replace("{country}", names.get(p or "", p or "")) for k, p in
         zip(keys, parties)], dtype=object)
    return out


# ---------------------------------------------------------------------------------- summary
def _directed_net(rows: "pd.DataFrame", src: str, tgt: str) -> tuple[float, int]:
    """Net cooperation of src's events toward tgt: src->tgt events plus joint (symmetric)
    events coded the other way round, since "A and B signed" is an act of both."""
    sym = rows["symmetric"].fillna(False).astype(bool)
    mask = ((rows["source_country"] == src) & (rows["target_country"] == tgt)) | (
        sym & (rows["source_country"] == tgt) & (rows["target_country"] == src))
    sel = rows[mask & _counted(rows)]
    return float(sel["intensity"].fillna(0).sum()), int(len(sel))


def _party_sides(tagged: "pd.DataFrame", a: str, b: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """issue -> the third parties on it with each side's net cooperation toward them."""
    out: dict[str, list[dict[str, Any]]] = {}
    if tagged.empty:
        return out
    tagged = tagged[_counted(tagged)]
    other = tagged["target_country"].where(tagged["source_country"].isin((a, b)), tagged["source_country"])
    side = tagged["source_country"].where(tagged["source_country"].isin((a, b)), tagged["target_country"])
    tagged = tagged.assign(_party=other, _side=side)
    for issue, grp in tagged.groupby("issue", sort=False):
        rows = []
        for party, pg in grp.groupby("_party", sort=False):
            rec: dict[str, Any] = {"actor": party}
            for who, name in ((a, "a"), (b, "b")):
                sel = pg[pg["_side"] == who]
                net = float(sel["intensity"].fillna(0).sum())
                rec[f"net_{name}"] = net
                rec[f"n_{name}"] = int(len(sel))
                rec[f"side_{name}"] = {"cooperative": "with", "conflictual": "against",
                                       "neutral": "neutral", "none": "no events"}[stance(net, len(sel))]
            rec["event_ids"] = [int(x) for x in pg["event_id"]]
            rows.append(rec)
        rows.sort(key=lambda r: (-(r["n_a"] + r["n_b"]), r["actor"]))
        out[str(issue)] = rows[:limit]
    return out


def dyad_issues(store: "Store", a: str, b: str, by: str = "year", since: Any = None,
                until: Any = None, issues: Sequence[Issue] | None = None,
                max_parties: int = 8) -> "pd.DataFrame":
    """The issues of dyad A–B: one row per issue, most events first.

    Columns: `issue`, `label`, `third_party` (the country of a "war in X" issue), `n_events`,
    event counts by quad class (`n_verbal_coop`, `n_material_coop`, `n_verbal_conflict`,
    `n_material_conflict`), `n_negated`, `first_date`/`last_date` (first and last day of its
    dated events), `periods` (the years/quarters/months with events, `by`), `n_undated`,
    `net_a_to_b`/`net_b_to_a` (sum of intensities of A's events toward B and B's toward A on the
    issue; joint events count for both; negated and hypothetical events count for nothing),
    `stance_a`/`stance_b` (cooperative, conflictual, neutral or none), `parties` (third
    parties on the issue: for each, A's and B's net cooperation with it in both directions,
    over events between them that match the issue, and the side taken: with, against,
    neutral, no events), `event_ids` and `evidence` (event id, document, date, dyad, type,
    sentence). `frame.attrs["dyad"]` is (A, B).
    """
    import pandas as pd

    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    a, b = a.upper(), b.upper()
    issues = load_issues() if issues is None else tuple(issues)
    tagged = issue_events(store, a, b, since, until, issues)
    columns = ["issue", "label", "third_party", "n_events", *QUAD_COLUMNS, "n_negated",
               "first_date", "last_date", "periods", "n_undated", "net_a_to_b", "net_b_to_a",
               "stance_a", "stance_b", "parties", "event_ids", "evidence"]
    if tagged.empty:
        out = pd.DataFrame(columns=columns)
        out.attrs["dyad"] = (a, b)
        return out

    # third parties: events between one side and another actor, on the same issues
    outside = actor_events(store, [a, b], since, until)
    outside = outside[~(outside["source_country"].isin((a, b)) & outside["target_country"].isin((a, b)))]
    outside = outside.reset_index(drop=True)
    present = set(tagged["issue"])
    matched = [[m for m in found if m[0] in present]
               for found in match_issues(store, outside, (a, b), issues)]
    sides = _party_sides(_explode(outside, matched, issues), a, b, max_parties)

    records = []
    for issue, grp in tagged.groupby("issue", sort=False):
        q = grp["quad_class"]
        starts = [to_date(v) for v in grp["date_start"]]
        ends = [to_date(v) for v in grp["date_end"]]
        dated = [(s, e) for s, e in zip(starts, ends) if s is not None]
        periods = sorted({p for s, e in dated for p in period_labels(s, e, by)})
        net_ab, n_ab = _directed_net(grp, a, b)
        net_ba, n_ba = _directed_net(grp, b, a)
        party = grp["third_party"].iloc[0]
        parties = sides.get(str(issue), [])
        if isinstance(party, str) and not any(p["actor"] == party for p in parties):
            # the war's country is always listed, even when neither side deals with it directly
            parties = [{"actor": party, "net_a": 0.0, "n_a": 0, "side_a": "no events",
                        "net_b": 0.0, "n_b": 0, "side_b": "no events", "event_ids": []}, *parties]
        records.append({
            "issue": issue, "label": grp["issue_label"].iloc[0],
            "third_party": party if isinstance(party, str) else None,
            "n_events": int(len(grp)),
            **{col: int((q == k).sum()) for k, col in enumerate(QUAD_COLUMNS, start=1)},
            "n_negated": int(grp["negated"].fillna(False).astype(bool).sum()),
            "first_date": min((s for s, _ in dated), default=None),
            "last_date": max((e or s for s, e in dated), default=None),
            "periods": periods, "n_undated": int(len(grp) - len(dated)),
            "net_a_to_b": net_ab, "net_b_to_a": net_ba,
            "stance_a": stance(net_ab, n_ab), "stance_b": stance(net_ba, n_ba),
            "parties": parties,
            "event_ids": [int(x) for x in grp["event_id"]],
            "evidence": evidence_records(grp),
        })
    out = pd.DataFrame.from_records(records, columns=columns)
    out = out.sort_values(["n_events", "issue"], ascending=[False, True], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs["dyad"] = (a, b)
    return out
