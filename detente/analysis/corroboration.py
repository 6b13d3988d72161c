"""Cross-source checks: one event reported by several documents, and sources that disagree.

`corroborate(store)` groups the stored events into clusters, one per real-world event, and writes
two tables (created on first use, recomputed whole and idempotently in one transaction):

    event_clusters  cluster_id, canonical_event_id, n_mentions, n_documents, first_date,
                    last_date, source_country, target_country, event_type
    event_mentions  cluster_id, event_id, doc_id          (every stored event is in one cluster)

Two events are mentions of one event when they have the same PLOVER type, the same dyad (either
direction when one of them is a joint, symmetric event such as "A and B signed"), the same
negation and hypothetical flags, and compatible dates: their date ranges overlap, and the
ranges of all mentions of a cluster share at least one day. An undated event is only merged
with undated codings of the same evidence sentence (duplicates of one sentence): without a
date, two documents saying "Iran and Russia cooperate" need not speak of one event.

`contradictions(store, a, b)` lists pairs of events from different documents that cannot both
be right (see its docstring), with both sentences.
"""
from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from detente.store import Store

CLUSTERS_DDL = (
    "CREATE TABLE IF NOT EXISTS event_clusters (cluster_id BIGINT PRIMARY KEY, "
    "canonical_event_id BIGINT NOT NULL, n_mentions INTEGER NOT NULL, n_documents INTEGER NOT NULL, "
    "first_date DATE, last_date DATE, source_country VARCHAR, target_country VARCHAR, "
    "event_type VARCHAR)"
)
MENTIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS event_mentions (cluster_id BIGINT NOT NULL, "
    "event_id BIGINT PRIMARY KEY, doc_id VARCHAR NOT NULL)"
)
# a cluster whose seed range is longer than this is checked against every event of its group
# instead of through the day index (keeps the index small for year-dated events)
_INDEX_MAX_DAYS = 400
CONTRADICTION_KINDS = ("opposite", "negation", "date", "direction")
# types for which "A did it to B" and "B did it to A" on the same days are unlikely to be two
# events (a visit, aid, a concession); mutual accusations, threats or fighting are common
DIRECTION_TYPES = ("CONSULT", "AID", "CONCEDE", "RETREAT", "SANCTION", "COERCE")


@dataclass
class CorroborationSummary:
    """What one `corroborate` run found."""

    events: int = 0
    clusters: int = 0
    corroborated: int = 0  # clusters reported by two or more documents
    multi_mention: int = 0  # clusters with two or more mentions (same document included)
    max_documents: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Cluster:
    lo: dt.date | None
    hi: dt.date | None
    direction: tuple[str, str] | None  # None while all its mentions are joint (symmetric)
    sentence: tuple[str, int, int] | None  # undated clusters: the sentence they belong to
    members: list[tuple[Any, ...]]


def _compatible(cl: _Cluster, lo: dt.date | None, hi: dt.date | None, direction: tuple[str, str] | None,
                sentence: tuple[str, int, int]) -> bool:
    if direction is not None and cl.direction is not None and direction != cl.direction:
        return False
    if lo is None or cl.lo is None:
        return lo is None and cl.lo is None and cl.sentence == sentence
    return lo <= cl.hi and cl.lo <= hi  # type: ignore[operator]


def _cluster_group(rows: list[tuple[Any, ...]]) -> list[_Cluster]:
    """Greedy clustering of one (type, dyad, flags) group: the most precisely dated events seed
    clusters, coarser ones join the single cluster they fit; an event that fits several (a
    "2022" mention beside March and September events) stays on its own rather than guess."""
    # row: event_id, doc_id, start, end, source, target, symmetric, lo, hi, confidence
    def width(r: tuple[Any, ...]) -> int:
        return (r[8] - r[7]).days if r[7] is not None else 1 << 30

    rows = sorted(rows, key=lambda r: (width(r), r[7] or dt.date.max, r[0]))
    clusters: list[_Cluster] = []
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    wide: list[int] = []
    undated: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for r in rows:
        eid, doc, start, end, src, tgt, sym, lo, hi, _conf = r
        direction = None if sym else (src, tgt)
        sentence = (doc, start, end)
        if lo is None:
            candidates = set(undated.get(sentence, ()))
        else:
            candidates = set(wide)
            days = (hi - lo).days
            if days <= _INDEX_MAX_DAYS:
                for d in range(days + 1):
                    candidates.update(by_day.get(lo + dt.timedelta(days=d), ()))
            else:
                candidates.update(range(len(clusters)))
        fits = [i for i in sorted(candidates) if _compatible(clusters[i], lo, hi, direction, sentence)]
        if len(fits) == 1:
            cl = clusters[fits[0]]
            cl.members.append(r)
            if lo is not None:
                cl.lo, cl.hi = max(cl.lo, lo), min(cl.hi, hi)  # type: ignore[type-var]
            if direction is not None:
                cl.direction = direction
            continue
        idx = len(clusters)
        clusters.append(_Cluster(lo, hi, direction, sentence if lo is None else None, [r]))
        if lo is None:
            undated[sentence].append(idx)
        elif (hi - lo).days > _INDEX_MAX_DAYS:
            wide.append(idx)
        else:
            for d in range((hi - lo).days + 1):
                by_day[lo + dt.timedelta(days=d)].append(idx)
    return clusters


def _as_day(value: Any) -> dt.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def compute_clusters(store: "Store") -> list[tuple[list[tuple[Any, ...]], dt.date | None, dt.date | None]]:
    """The clusters of the stored events (without writing them): for each, its member rows
    (event_id, doc_id, start, end, source, target, symmetric, date_start, date_end,
    confidence) and the days all its mentions agree on."""
    rows = store.con.execute(
        'SELECT event_id, doc_id, "start", "end", source_country, target_country, '
        "coalesce(\"symmetric\", false), date_start, date_end, coalesce(confidence, 0), event_type, "
        "coalesce(negated, false), coalesce(hypothetical, false) FROM events ORDER BY event_id"
    ).fetchall()
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        src, tgt = r[4], r[5]
        lo, hi = _as_day(r[7]), _as_day(r[8])
        if lo is not None and (hi is None or hi < lo):
            hi = lo
        key = (r[10], min(src, tgt), max(src, tgt), r[11], r[12])
        groups[key].append((r[0], r[1], r[2], r[3], src, tgt, bool(r[6]), lo, hi, r[9]))
    out = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        for cl in _cluster_group(groups[key]):
            out.append((cl.members, cl.lo, cl.hi))
    return out


def _canonical(members: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The mention that stands for the cluster: most precise date, then highest confidence,
    then the first stored."""
    def key(r: tuple[Any, ...]) -> tuple[Any, ...]:
        width = (r[8] - r[7]).days if r[7] is not None else 1 << 30
        return (width, -float(r[9] or 0), r[0])

    return min(members, key=key)


def corroborate(store: "Store") -> CorroborationSummary:
    """Cluster the stored events into real-world events and (re)write `event_clusters` and
    `event_mentions` in one transaction; running it again on the same store gives the same
    tables. Cluster ids follow the canonical events' ids. Needs a writable store."""
    import pandas as pd

    from detente.errors import DetenteError, Errors

    started = time.perf_counter()
    if store.read_only:
        raise DetenteError(Errors.E047, path=store.path)
    clusters = compute_clusters(store)
    ordered = sorted(((_canonical(m), m, lo, hi) for m, lo, hi in clusters), key=lambda c: c[0][0])
    cluster_rows, mention_rows = [], []
    summary = CorroborationSummary()
    for cid, (canon, members, lo, hi) in enumerate(ordered, start=1):
        docs = {m[1] for m in members}
        cluster_rows.append((cid, canon[0], len(members), len(docs), lo, hi, canon[4], canon[5],
                             None))
        mention_rows.extend((cid, m[0], m[1]) for m in members)
        summary.events += len(members)
        summary.corroborated += len(docs) >= 2
        summary.multi_mention += len(members) >= 2
        summary.max_documents = max(summary.max_documents, len(docs))
    summary.clusters = len(cluster_rows)
    clusters_df = pd.DataFrame(cluster_rows, columns=[
        "cluster_id", "canonical_event_id", "n_mentions", "n_documents", "first_date", "last_date",
        "source_country", "target_country", "event_type"])
    clusters_df["first_date"] = pd.to_datetime(clusters_df["first_date"])
    clusters_df["last_date"] = pd.to_datetime(clusters_df["last_date"])
    mentions_df = pd.DataFrame(mention_rows, columns=["cluster_id", "event_id", "doc_id"])
    con = store.con
    con.begin()
    try:
        con.execute(CLUSTERS_DDL)
        con.execute(MENTIONS_DDL)
        con.execute("DELETE FROM event_mentions")
        con.execute("DELETE FROM event_clusters")
        con.register("_detente_clusters", clusters_df)
        con.register("_detente_mentions", mentions_df)
        try:
            con.execute(
                "INSERT INTO event_clusters SELECT c.cluster_id, c.canonical_event_id, c.n_mentions, "
                "c.n_documents, CAST(c.first_date AS DATE), CAST(c.last_date AS DATE), "
                "e.source_country, e.target_country, e.event_type FROM _detente_clusters c "
                "JOIN events e ON e.event_id = c.canonical_event_id")
            con.execute("INSERT INTO event_mentions SELECT cluster_id, event_id, doc_id "
                        "FROM _detente_mentions")
        finally:
            con.unregister("_detente_clusters")
            con.unregister("_detente_mentions")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def clusters_frame(store: "Store", min_documents: int = 1) -> "pd.DataFrame":
    """The stored clusters (run `corroborate` first) with their canonical event's date, dyad,
    type and sentence, most documents first. Empty when the tables do not exist yet."""
    import pandas as pd

    exists = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_clusters'"
    ).fetchall()[0][0]
    if not exists:
        return pd.DataFrame(columns=["cluster_id", "canonical_event_id", "n_mentions", "n_documents",
                                     "first_date", "last_date", "source_country", "target_country",
                                     "event_type", "date", "sentence", "doc_ids"])
    return store.con.execute(
        "SELECT c.*, e.date, s.text AS sentence, "
        "(SELECT list(DISTINCT m.doc_id ORDER BY m.doc_id) FROM event_mentions m "
        " WHERE m.cluster_id = c.cluster_id) AS doc_ids "
        "FROM event_clusters c JOIN events e ON e.event_id = c.canonical_event_id "
        'LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s."start" = e."start" AND s."end" = e."end" '
        "WHERE c.n_documents >= ? ORDER BY c.n_documents DESC, c.n_mentions DESC, c.cluster_id",
        [int(min_documents)]).df()


# ---------------------------------------------------------------------------------- contradictions
_CONTRADICTION_COLUMNS = (
    "kind", "detail", "event_id_1", "event_id_2", "doc_id_1", "doc_id_2", "source_1", "target_1",
    "source_2", "target_2", "event_type_1", "event_type_2", "date_1", "date_2", "negated_1",
    "negated_2", "sentence_1", "sentence_2")


def contradictions(store: "Store", a: str | None = None, b: str | None = None,
                   kinds: Sequence[str] = CONTRADICTION_KINDS, max_span_days: int = 31,
                   max_gap_days: int = 45,
                   direction_types: Sequence[str] = DIRECTION_TYPES) -> "pd.DataFrame":
    """Pairs of events from different documents that cannot both be right, with both sentences.

    Kinds (hypothetical events are never used):
      opposite   same dyad, compatible direction, overlapping dates precise to `max_span_days`,
                 opposite quad classes (verbal cooperation vs verbal conflict, material
                 cooperation vs material conflict): "signed" in one source, "rejected" in another
      negation   same dyad, direction and type, one negated and one not, overlapping dates (or
                 both undated in one document, in different sentences)
      date       same dyad, direction and type, both dated precisely (`max_span_days`), dates
                 that do not overlap but lie within `max_gap_days`, and neither document reports
                 the event on the other's date: the same visit on two different dates
      direction  a type of `direction_types` reported A→B by one document and B→A by another on
                 overlapping precise dates, neither being a joint event, and neither document
                 reporting the other direction: the same visit with the sides swapped
    `a`/`b`: only the dyad of a and b (either order), or every dyad of `a` alone.
    """
    import pandas as pd

    unknown = set(kinds) - set(CONTRADICTION_KINDS)
    if unknown:
        raise ValueError(f"unknown contradiction kinds {sorted(unknown)}; use {CONTRADICTION_KINDS}")
    where, params = ["NOT coalesce(e.hypothetical, false)", "e.source_country <> e.target_country"], []
    if a and b:
        where.append("least(e.source_country, e.target_country) = least(?, ?) "
                     "AND greatest(e.source_country, e.target_country) = greatest(?, ?)")
        params += [a.upper(), b.upper(), a.upper(), b.upper()]
    elif a or b:
        where.append("(e.source_country = ? OR e.target_country = ?)")
        params += [(a or b).upper()] * 2  # type: ignore[union-attr]
    ev = (
        "ev AS (SELECT e.event_id, e.doc_id, e.\"start\" AS st, e.source_country AS s, "
        "e.target_country AS t, least(e.source_country, e.target_country) AS p1, "
        "greatest(e.source_country, e.target_country) AS p2, e.event_type AS typ, "
        "e.quad_class AS q, coalesce(e.\"symmetric\", false) AS sym, coalesce(e.negated, false) AS neg, "
        "e.date_start AS ds, e.date_end AS de, e.date AS date, s.text AS sentence "
        "FROM events e LEFT JOIN sentences s ON s.doc_id = e.doc_id AND s.\"start\" = e.\"start\" "
        f"AND s.\"end\" = e.\"end\" WHERE {' AND '.join(where)})"
    )
    same_dyad = "x.p1 = y.p1 AND x.p2 = y.p2"
    direction_ok = "(x.sym OR y.sym OR (x.s = y.s AND x.t = y.t))"
    overlap = "x.ds IS NOT NULL AND y.ds IS NOT NULL AND x.ds <= y.de AND y.ds <= x.de"
    precise = f"(x.de - x.ds) <= {int(max_span_days)} AND (y.de - y.ds) <= {int(max_span_days)}"
    # "no mention in doc D of the same event (type, dyad, direction) on the other event's dates"
    def absent(doc: str, other: str, swapped: bool = False) -> str:
        direction = (f"(z.sym OR {other}.sym OR (z.s = {other}.s AND z.t = {other}.t))"
                     if not swapped else f"z.s = {other}.s AND z.t = {other}.t")
        return (f"NOT EXISTS (SELECT 1 FROM ev z WHERE z.doc_id = {doc}.doc_id AND z.typ = {other}.typ "
                f"AND z.p1 = {other}.p1 AND z.p2 = {other}.p2 AND NOT z.neg AND {direction} "
                f"AND z.ds IS NOT NULL AND z.ds <= {other}.de AND {other}.ds <= z.de)")

    queries = {
        "opposite": (
            "'opposite quad classes ' || x.q || ' and ' || y.q",
            f"{same_dyad} AND {direction_ok} AND x.doc_id <> y.doc_id AND x.event_id < y.event_id "
            f"AND NOT x.neg AND NOT y.neg AND abs(x.q - y.q) = 2 AND {overlap} AND {precise}"),
        "negation": (
            "'one source negates what the other reports'",
            f"{same_dyad} AND {direction_ok} AND x.typ = y.typ AND x.neg AND NOT y.neg "
            f"AND (x.doc_id <> y.doc_id OR x.st <> y.st) AND (({overlap}) OR "
            f"(x.ds IS NULL AND y.ds IS NULL AND x.doc_id = y.doc_id))"),
        "date": (
            "'same event on different dates, ' || (greatest(x.ds, y.ds) - least(x.de, y.de)) "
            "|| ' days apart'",
            f"{same_dyad} AND {direction_ok} AND x.typ = y.typ AND x.doc_id <> y.doc_id "
            f"AND x.event_id < y.event_id AND NOT x.neg AND NOT y.neg AND x.ds IS NOT NULL "
            f"AND y.ds IS NOT NULL AND {precise} AND (x.de < y.ds OR y.de < x.ds) "
            f"AND greatest(x.ds, y.ds) - least(x.de, y.de) <= {int(max_gap_days)} "
            f"AND {absent('x', 'y')} AND {absent('y', 'x')}"),
        "direction": (
            "'sides swapped: ' || x.s || '→' || x.t || ' vs ' || y.s || '→' || y.t",
            f"{same_dyad} AND x.s = y.t AND x.t = y.s AND x.typ = y.typ AND NOT x.sym AND NOT y.sym "
            f"AND x.doc_id <> y.doc_id AND x.event_id < y.event_id AND NOT x.neg AND NOT y.neg "
            f"AND x.typ IN ({', '.join(repr(str(t)) for t in direction_types) or 'NULL'}) "
            f"AND {overlap} AND {precise} AND {absent('x', 'y', True)} AND {absent('y', 'x', True)}"),
    }
    parts = []
    for kind in CONTRADICTION_KINDS:
        if kind not in kinds:
            continue
        detail, cond = queries[kind]
        parts.append(
            f"SELECT '{kind}' AS kind, {detail} AS detail, x.event_id AS event_id_1, "
            "y.event_id AS event_id_2, x.doc_id AS doc_id_1, y.doc_id AS doc_id_2, x.s AS source_1, "
            "x.t AS target_1, y.s AS source_2, y.t AS target_2, x.typ AS event_type_1, "
            "y.typ AS event_type_2, x.date AS date_1, y.date AS date_2, x.neg AS negated_1, "
            "y.neg AS negated_2, x.sentence AS sentence_1, y.sentence AS sentence_2, "
            f"least(x.ds, y.ds) AS _day FROM ev x JOIN ev y ON {cond}")
    if not parts:
        return pd.DataFrame(columns=list(_CONTRADICTION_COLUMNS))
    sql = (f"WITH {ev} SELECT * EXCLUDE (_day) FROM ({' UNION ALL '.join(parts)}) "
           "ORDER BY kind, _day NULLS LAST, event_id_1, event_id_2")
    return store.con.execute(sql, params).df()
