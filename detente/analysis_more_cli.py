"""`detente issues`, `detente parties`, `detente corroborate` and `detente conflicts`: the
relation analyses of detente.analysis.disputes, .thirdparty and .corroboration on a store.

Registered on the main group with `cli.add_command(...)`. Heavy imports (DuckDB, pandas) happen
inside the commands, so `detente --help` stays fast.
"""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from .errors import DetenteError

EXIT_NOTHING = 2  # the store could not be opened

_db_option = click.option(
    "--db", default="detente.duckdb", show_default=True, metavar="FILE",
    type=click.Path(dir_okay=False), help="DuckDB store made by `detente ingest`.")
_format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="Readable table, or JSON for other programs.")


def _safe(text: Any) -> str:
    """Stored text is untrusted: no terminal control sequences."""
    from .cli import safe_terminal  # lazy: cli.py imports this module to register the commands

    return safe_terminal(str(text))


def _open(db: str, read_only: bool = True) -> Any:
    from .store import Store

    try:
        return Store(db, read_only=read_only)
    except DetenteError as exc:
        click.echo(f"detente: {_safe(exc.message)}", err=True)
        sys.exit(EXIT_NOTHING)


def _jsonable(value: Any) -> Any:
    """DataFrame cells as JSON values (dates as ISO strings, NaN/NaT as null)."""
    import datetime as dt
    import math

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy arrays/scalars
        return _jsonable(value.tolist())
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, (str, bool, int, float)) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
    except (TypeError, ValueError):
        pass
    return value


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _echo_json(payload: Any) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=1))


def _short(text: Any, width: int = 160) -> str:
    text = " ".join(str(text or "").split())
    return _safe(text if len(text) <= width else text[: width - 1] + "…")


def _date(value: Any) -> str:
    got = _jsonable(value)
    return got if isinstance(got, str) else "?"


def _evidence_line(ev: dict[str, Any]) -> str:
    neg = " (negated)" if ev.get("negated") else ""
    return (f"    #{ev['event_id']} {ev.get('date') or 'undated'} {ev['source']}>{ev['target']} "
            f"{ev['event_type']}{neg}: {_short(ev.get('sentence'))}")


# ---------------------------------------------------------------------------------- issues
@click.command("issues")
@click.argument("a")
@click.argument("b")
@_db_option
@click.option("--by", type=click.Choice(["year", "quarter", "month"]), default="year",
              show_default=True, help="Periods listed for each issue.")
@click.option("--max-evidence", default=3, show_default=True, type=click.IntRange(0),
              help="Evidence sentences shown per issue in the table.")
@_format_option
def issues_command(a: str, b: str, db: str, by: str, max_evidence: int, fmt: str) -> None:
    """Group the events of dyad A–B by issue (nuclear file, territorial disputes, a third
    country's war, energy, trade, sanctions, ...): when each was active, its events by quad
    class, each side's stance on it and the third parties involved.

    \b
    Example:
      detente issues RUS IRN --db iran.duckdb
    """
    from .analysis.disputes import dyad_issues

    a, b = a.upper(), b.upper()
    with _open(db) as store:
        frame = dyad_issues(store, a, b, by=by)
    if fmt == "json":
        _echo_json({"dyad": [a, b], "issues": _records(frame)})
        return
    if frame.empty:
        click.echo(f"no issues found for {a}–{b}")
        return
    for r in frame.to_dict("records"):
        span = f"{_date(r['first_date'])}..{_date(r['last_date'])}" if r["periods"] else "undated"
        click.echo(f"{r['issue']} ({_safe(r['label'])}): {r['n_events']} events "
                   f"[q1 {r['n_verbal_coop']} q2 {r['n_material_coop']} q3 {r['n_verbal_conflict']} "
                   f"q4 {r['n_material_conflict']}] {span}; active {', '.join(r['periods']) or '-'}")
        click.echo(f"  {a}>{b} {r['net_a_to_b']:+.1f} ({r['stance_a']}), "
                   f"{b}>{a} {r['net_b_to_a']:+.1f} ({r['stance_b']})")
        for p in r["parties"]:
            click.echo(f"  third party {p['actor']}: {a} {p['side_a']} ({p['net_a']:+.1f}), "
                       f"{b} {p['side_b']} ({p['net_b']:+.1f})")
        for ev in r["evidence"][:max_evidence]:
            click.echo(_evidence_line(ev))


# ---------------------------------------------------------------------------------- parties
@click.command("parties")
@click.argument("a")
@click.argument("b")
@_db_option
@click.option("--by", type=click.Choice(["year", "quarter", "month"]), default="year",
              show_default=True, help="What counts as the same period for a triad.")
@click.option("--involve", type=click.Choice(["both", "either"]), default="both", show_default=True,
              help="Triads that include both A and B, or either of them.")
@_format_option
def parties_command(a: str, b: str, db: str, by: str, involve: str, fmt: str) -> None:
    """Third parties of dyad A–B (actors with events with both sides, and their net
    cooperation with each) and triads where one actor helps another against a third.

    \b
    Example:
      detente parties RUS IRN --db iran.duckdb
    """
    from .analysis.thirdparty import third_parties, triads

    a, b = a.upper(), b.upper()
    with _open(db) as store:
        parties = third_parties(store, a, b)
        found = triads(store, a, b, by=by, involve=involve)
    if fmt == "json":
        _echo_json({"dyad": [a, b], "third_parties": _records(parties), "triads": _records(found)})
        return
    click.echo(f"third parties of {a}–{b}: {len(parties)}")
    for r in parties.to_dict("records"):
        click.echo(f"  {r['actor']}: {r['n_events']} events, with {a} {r['net_with_a']:+.1f} "
                   f"({r['n_with_a']}), with {b} {r['net_with_b']:+.1f} ({r['n_with_b']}) -> "
                   f"{r['alignment']}")
    click.echo(f"triads: {len(found)}")
    for r in found.to_dict("records"):
        click.echo(f"  {r['helper']} helps {r['helped']} against {r['opponent']} ({r['pattern']}, "
                   f"{r['basis']}; {r['n_cooperation']} cooperation, {r['n_conflict']} conflict; "
                   f"{', '.join(r['periods']) or 'undated'})")
        for ev in r["evidence"][:2]:
            click.echo(_evidence_line(ev))


# ---------------------------------------------------------------------------------- cross-source
def _contradiction_lines(frame: Any) -> None:
    for r in frame.to_dict("records"):
        click.echo(f"  {r['kind']}: {_safe(r['detail'])}")
        for i in (1, 2):
            neg = " (negated)" if r[f"negated_{i}"] else ""
            click.echo(f"    #{r[f'event_id_{i}']} [{_safe(r[f'doc_id_{i}'])}] "
                       f"{r[f'date_{i}'] if isinstance(r[f'date_{i}'], str) else 'undated'} "
                       f"{r[f'source_{i}']}>{r[f'target_{i}']} {r[f'event_type_{i}']}{neg}: "
                       f"{_short(r[f'sentence_{i}'])}")


@click.command("corroborate")
@_db_option
@click.option("--show", default=10, show_default=True, type=click.IntRange(0),
              help="Most corroborated events listed.")
@_format_option
def corroborate_command(db: str, show: int, fmt: str) -> None:
    """Merge the events that several documents report into clusters (tables event_clusters
    and event_mentions, recomputed each run), print the counts, the best corroborated events
    and the contradictions between sources.

    \b
    Example:
      detente corroborate --db corpus.duckdb
    """
    from .analysis.corroboration import clusters_frame, contradictions, corroborate

    with _open(db, read_only=False) as store:
        try:
            summary = corroborate(store)
        except DetenteError as exc:
            click.echo(f"detente: {_safe(exc.message)}", err=True)
            sys.exit(EXIT_NOTHING)
        top = clusters_frame(store, min_documents=2).head(show)
        found = contradictions(store)
    if fmt == "json":
        _echo_json({"summary": summary.to_dict(), "corroborated": _records(top),
                    "contradictions": _records(found)})
        return
    click.echo(f"{summary.events} events in {summary.clusters} clusters; {summary.corroborated} "
               f"reported by 2+ documents (at most {summary.max_documents}), "
               f"{summary.multi_mention} with 2+ mentions; {len(found)} contradictions")
    for r in top.to_dict("records"):
        click.echo(f"  cluster {r['cluster_id']}: {r['n_documents']} documents, {r['n_mentions']} "
                   f"mentions, {r['source_country']}>{r['target_country']} {r['event_type']} "
                   f"{r['date'] if isinstance(r['date'], str) else 'undated'}: {_short(r['sentence'])}")
    if len(found):
        click.echo("contradictions:")
        _contradiction_lines(found)


@click.command("conflicts")
@click.argument("a", required=False)
@click.argument("b", required=False)
@_db_option
@_format_option
def conflicts_command(a: str | None, b: str | None, db: str, fmt: str) -> None:
    """Contradictions between sources, for dyad A–B (or every dyad of A, or all): opposite
    quad classes, negated vs reported, one event on different dates, sides swapped. Both
    sentences are shown.

    \b
    Example:
      detente conflicts RUS IRN --db corpus.duckdb
    """
    from .analysis.corroboration import contradictions

    with _open(db) as store:
        found = contradictions(store, a, b)
    if fmt == "json":
        _echo_json({"dyad": [x.upper() for x in (a, b) if x], "contradictions": _records(found)})
        return
    click.echo(f"{len(found)} contradictions")
    _contradiction_lines(found)
