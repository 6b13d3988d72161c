"""`detente dyad A B`: a pair of actors' event series (and phases) from a detente store.

Registered on the main group with `cli.add_command(dyad_command)`. pandas, DuckDB and ruptures
load inside the command, so `detente --help` stays fast.
"""
from __future__ import annotations

import csv
import difflib
import json
import math
import sys
from typing import Any

import click

from .errors import DetenteError

EXIT_USAGE = 2  # no store, unknown actor codes, or nothing between the two actors


def _safe(text: str) -> str:
    from .cli import safe_terminal  # lazy: cli.py imports this module to register the command

    return safe_terminal(text)


def _fail(message: str) -> None:
    click.echo(f"detente: {_safe(message)}", err=True)
    sys.exit(EXIT_USAGE)


def _jsonable(value: Any) -> Any:
    """NaN -> None, dates -> ISO strings, numpy scalars -> Python ones."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _known_codes(store: Any) -> set[str]:
    rows = store.con.execute(
        "SELECT DISTINCT source_country FROM events UNION SELECT DISTINCT target_country FROM events"
    ).fetchall()
    return {r[0] for r in rows if r[0]}


def _unknown_message(code: str, known: set[str], db: str) -> str:
    close = difflib.get_close_matches(code, sorted(known), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no events with actor '{code}' in {db}{hint} (codes are ISO-3 or organisation codes)"


def _fmt_num(value: float, digits: int = 1) -> str:
    return "-" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _table(rows: list[tuple[str, ...]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                      for i, c in enumerate(r)).rstrip() for r in rows]


def _print_table(series: Any, phases: list[Any] | None, a: str, b: str, direction: str) -> None:
    arrow = {"both": "<->", "ab": "->", "ba": "<-"}[direction]
    main = series[series["track"] == series["track"].iloc[0]]
    track = series["track"].iloc[0]
    click.echo(f"{a} {arrow} {b}  track: {track}  ({series.attrs.get('n_events', 0)} events)")
    rows: list[tuple[str, ...]] = [("period", "q1", "q2", "q3", "q4", "events", "net", "conflict")]
    for r in main.to_dict("records"):
        share = r["conflict_share"]
        rows.append((r["period"], *(str(r[f"q{k}"]) for k in (1, 2, 3, 4)), str(r["events"]),
                     _fmt_num(r["net_cooperation"]),
                     "-" if share != share else f"{share:.0%}"))
    for line in _table(rows, right=set(range(1, 8))):
        click.echo(line)
    others = series[series["track"] != track]
    if len(others):
        click.echo("")
        click.echo("per track (all periods):")
        sums = others.groupby("track", sort=True)[["q1", "q2", "q3", "q4", "events", "net_cooperation"]].sum()
        trows: list[tuple[str, ...]] = [("track", "q1", "q2", "q3", "q4", "events", "net")]
        for name, r in sums.iterrows():
            trows.append((str(name), *(str(int(r[f"q{k}"])) for k in (1, 2, 3, 4)),
                          str(int(r["events"])), _fmt_num(float(r["net_cooperation"]))))
        for line in _table(trows, right=set(range(1, 7))):
            click.echo(line)
    notes = []
    if series.attrs.get("coarse_events"):
        notes.append(f"{series.attrs['coarse_events']} events dated only to a year are in the "
                     f"'YYYY-undated' rows")
    if series.attrs.get("excluded_undated"):
        notes.append(f"{series.attrs['excluded_undated']} undated events left out")
    if series.attrs.get("excluded_non_factual"):
        notes.append(f"{series.attrs['excluded_non_factual']} negated/hypothetical events left out")
    for note in notes:
        click.echo(f"note: {note}")
    if phases is None:
        return
    click.echo("")
    click.echo("phases:")
    prow: list[tuple[str, ...]] = [("from", "to", "phase", "mean net", "conflict", "drivers")]
    for ph in phases:
        share = ph.conflict_share
        prow.append((ph.start, ph.end, ph.label, _fmt_num(ph.mean_net),
                     "-" if share != share else f"{share:.0%}",
                     ",".join(str(d) for d in ph.drivers) or "-"))
    for line in _table(prow, right={3, 4}):
        click.echo(line)
    for ph in phases:
        for ev in ph.evidence:
            quote = " ".join((ev.get("sentence") or "").split())
            if len(quote) > 90:
                quote = quote[:87] + "..."
            click.echo(_safe(f"  [{ev['event_id']}] {ph.start} {ph.label}: {ev['date'] or '-'} "
                             f"{ev['source']}->{ev['target']} {ev['event_type']} "
                             f"({ev['intensity']:+.1f}) \"{quote}\""))


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--db", default="detente.duckdb", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False), help="DuckDB store made by `detente ingest`.")
@click.option("--by", type=click.Choice(["month", "quarter", "year"]), default="month",
              show_default=True, help="Period length.")
@click.option("--track", default=None, metavar="T",
              help="One track only (political, economic, military, energy, nuclear, ...).")
@click.option("--direction", type=click.Choice(["both", "ab", "ba"]), default="both",
              show_default=True, help="ab: A acting on B; ba: B on A; joint acts count in both.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="table for people; json and csv for machines.")
@click.option("--phases", "with_phases", is_flag=True,
              help="Also segment the series into phases (cooperation, tension, detente, crisis) "
                   "with the events that drive each turning point.")
def dyad_command(a: str, b: str, db: str, by: str, track: str | None, direction: str, fmt: str,
                 with_phases: bool) -> None:
    """Event counts between actors A and B per period: quad classes q1-q4 (verbal/material
    cooperation, verbal/material conflict), net cooperation (sum of intensities) and conflict
    share, overall ('all') and per track.

    Events dated only to a year go to a 'YYYY-undated' row when grouping by month or quarter;
    undated, negated and hypothetical events are left out. With --format csv and --phases the
    phase table is written instead of the series.

    \b
    Examples:
      detente dyad RUS IRN --by year
      detente dyad RUS IRN --by quarter --track economic --format csv
      detente dyad RUS IRN --by year --phases --format json
    Exit status: 0 ok, 2 no store, unknown codes or no events between A and B.
    """
    from .analysis.phases import phases as find_phases
    from .analysis.series import dyad_events, series_from_events
    from .store import Store

    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b:
        _fail("actor codes must not be empty")
    if a == b:
        _fail(f"A and B are the same actor ({a}); give two different codes")
    try:
        with Store(db, read_only=True) as store:
            known = _known_codes(store)
            for code in (a, b):
                if code not in known:
                    _fail(_unknown_message(code, known, db))
            events = dyad_events(store, a, b, by=by, track=track, direction=direction)  # type: ignore[arg-type]
    except DetenteError as exc:
        _fail(exc.message)
    series = series_from_events(events)
    if series.empty:
        what = f" on track '{track}'" if track else ""
        way = {"both": "", "ab": f" from {a} to {b}", "ba": f" from {b} to {a}"}[direction]
        left = events.attrs.get("excluded_undated", 0) + events.attrs.get("excluded_non_factual", 0)
        extra = f" ({left} undated, negated or hypothetical events left out)" if left else ""
        _fail(f"no dated events between {a} and {b}{way}{what} in {db}{extra}")
    found = find_phases(series, events) if with_phases else None

    if fmt == "table":
        _print_table(series, found, a, b, direction)
    elif fmt == "json":
        payload: dict[str, Any] = {
            "a": a, "b": b, "by": by, "direction": direction, "track": track,
            "n_events": series.attrs.get("n_events", 0),
            "excluded_undated": series.attrs.get("excluded_undated", 0),
            "excluded_non_factual": series.attrs.get("excluded_non_factual", 0),
            "coarse_events": series.attrs.get("coarse_events", 0),
            "series": _records(series),
        }
        if found is not None:
            payload["phases"] = [ph.to_dict() for ph in found]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        out = sys.stdout
        if found is not None:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["start", "end", "label", "mean_net", "conflict_share", "n_periods",
                             "n_events", "drivers"])
            for ph in found:
                d = ph.to_dict()
                writer.writerow([d["start"], d["end"], d["label"], d["mean_net"], d["conflict_share"],
                                 d["n_periods"], d["n_events"], ";".join(str(x) for x in ph.drivers)])
        else:
            series.to_csv(out, index=False, lineterminator="\n")
