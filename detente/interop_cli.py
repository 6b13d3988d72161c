"""`detente import` and `detente export`: event data sets in, the store out (see detente.interop).

Registered on the main group with `cli.add_command(import_command)` and
`cli.add_command(export_command)`. DuckDB, pandas and the interop module are imported inside the
commands, so `detente --help` stays fast.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Any

import click

from .errors import DetenteError

EXIT_OK = 0
EXIT_PARTIAL = 1  # some files or rows could not be imported; the rest was
EXIT_NOTHING = 2  # nothing could be imported or written (or the store could not be opened)

_IMPORT_FORMATS = ("gdelt", "icews", "plover")
_EXPORT_FORMATS = ("parquet", "csv", "plover", "cameo", "graphml")


def _safe(text: str) -> str:
    """File names and messages are untrusted: no terminal control sequences."""
    from .cli import safe_terminal  # lazy: cli.py imports this module to register the commands

    return safe_terminal(text)


def _arrow(stream: Any) -> str:
    """'→' where the stream can print it, '->' elsewhere (a C-locale pipe)."""
    try:
        "→".encode(getattr(stream, "encoding", None) or "utf-8")
        return "→"
    except (UnicodeEncodeError, LookupError):
        return "->"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def import_line(summary: Any, db: str, arrow: str = "→") -> str:
    """The one-line report of one imported file."""
    if summary.already_stored:
        return f"{summary.fmt} {summary.path}: already imported, nothing new {arrow} {db}"
    skipped = ""
    if summary.skipped:
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items(), key=lambda kv: -kv[1]))
        skipped = f" ({reasons})"
    return (f"{summary.fmt} {summary.path}: {_plural(summary.rows, 'row')}, "
            f"{_plural(summary.events, 'event')} stored, {summary.n_skipped} skipped{skipped}, "
            f"{_plural(summary.bad, 'bad row')} in {summary.seconds:.1f} s {arrow} {db}")


@click.command("import")
@click.argument("fmt", metavar="gdelt|icews|plover", type=click.Choice(_IMPORT_FORMATS, case_sensitive=False))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--db", default="detente.duckdb", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="DuckDB store to add to; created with detente's schema when it does not exist.")
def import_command(fmt: str, files: tuple[str, ...], db: str) -> None:
    """Load existing event data (GDELT 2.0 event export, ICEWS event file, PLOVER/POLECAT JSONL)
    into the store, beside the documents detente coded itself.

    CAMEO codes become PLOVER types (detente/ontology/cameo2plover.csv); ICEWS country names
    become ISO-3 codes. Each file is stored as one pseudo-document, so importing it again stores
    nothing. Rows that are malformed are counted and the first few reported; a file in the wrong
    format is refused. .gz and single-file .zip archives are read as they are.

    \b
    Examples:
      detente import gdelt 20190304.export.CSV.zip --db iran.duckdb
      detente import icews events.2019.tab
      detente import plover polecat-2023.jsonl
    Exit status: 0 all imported, 1 some files or rows failed, 2 nothing could be imported.
    """
    from .interop import MAX_REPORTED_BAD, import_events
    from .store import Store

    arrow = _arrow(sys.stdout)
    ok = failed = 0
    partial = False
    try:
        store = Store(db)
    except DetenteError as exc:
        click.echo(f"detente: {_safe(exc.message)}", err=True)
        sys.exit(EXIT_NOTHING)
    with store:
        for path in files:
            try:
                summary = import_events(path, fmt.lower(), store)
            except DetenteError as exc:
                click.echo(f"detente: {_safe(exc.message)}", err=True)
                failed += 1
                continue
            ok += 1
            for message in summary.bad_rows:
                click.echo(f"detente: {_safe(message)}", err=True)
            if summary.bad > MAX_REPORTED_BAD:
                click.echo(f"detente: ... and {summary.bad - MAX_REPORTED_BAD} more bad rows in "
                           f"{_safe(path)}", err=True)
            partial = partial or summary.bad > 0
            click.echo(_safe(import_line(summary, db, arrow)))
    if ok == 0:
        sys.exit(EXIT_NOTHING)
    if failed or partial:
        sys.exit(EXIT_PARTIAL)


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .store import date_bounds

    if date_bounds(value)[0] is None:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return value


@click.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(_EXPORT_FORMATS, case_sensitive=False),
              help="parquet/csv: the events table with evidence sentence and document; plover: "
                   "PLOVER-style JSONL; cameo: ICEWS-like tab-separated columns; graphml: the actor "
                   "network (nodes = actors, edges = dyads with counts per quad class).")
@click.option("--db", default="detente.duckdb", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False), help="DuckDB store to read.")
@click.option("--out", default=None, metavar="PATH", type=click.Path(dir_okay=False),
              help="File to write (default: standard output; parquet needs a file).")
@click.option("--dyad", nargs=2, default=None, metavar="A B",
              help="Only events between actors A and B, in either direction (e.g. RUS IRN).")
@click.option("--from", "since", default=None, metavar="DATE", callback=_date_option,
              help="Only events whose date range reaches DATE or later (YYYY-MM-DD, YYYY-MM, YYYY).")
@click.option("--to", "until", default=None, metavar="DATE", callback=_date_option,
              help="Only events whose date range starts by DATE (a year or month counts to its end).")
def export_command(fmt: str, db: str, out: str | None, dyad: tuple[str, str] | None,
                   since: str | None, until: str | None) -> None:
    """Write the store's events out: parquet, csv, PLOVER JSONL, ICEWS-like columns (cameo) or an
    actor network (graphml). Undated events are left out when --from or --to is given.

    \b
    Examples:
      detente export --format parquet --out events.parquet
      detente export --format cameo --dyad RUS IRN --from 2021 --to 2023 > rus-irn.tab
      detente export --format graphml --out actors.graphml
    Exit status: 0 written, 2 the store could not be read or the file not written.
    """
    from .interop import export_events

    fmt = fmt.lower()
    if out is None and fmt == "parquet":
        from .errors import Errors

        click.echo(f"detente: {Errors.E054.format(fmt=fmt)}", err=True)
        sys.exit(EXIT_NOTHING)
    target = out
    tmpdir = None
    if out is None:
        # the exporters write files (DuckDB COPY among them); standard output gets a copy
        tmpdir = tempfile.mkdtemp(prefix="detente-export-")
        target = os.path.join(tmpdir, f"export.{fmt}")
    try:
        try:
            summary = export_events(db, fmt, target, dyad=tuple(dyad) if dyad else None,
                                    since=since, until=until)
        except DetenteError as exc:
            click.echo(f"detente: {_safe(exc.message)}", err=True)
            sys.exit(EXIT_NOTHING)
        if out is None:
            stdout = getattr(sys.stdout, "buffer", None)
            with open(target, "rb") as fh:
                if stdout is not None:
                    sys.stdout.flush()
                    shutil.copyfileobj(fh, stdout)
                    stdout.flush()
                else:  # a text-only stream (embedding): decode, the exports are UTF-8
                    click.echo(fh.read().decode("utf-8"), nl=False)
    finally:
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)
    network = (f" ({_plural(summary.nodes, 'actor')}, {_plural(summary.edges, 'dyad')})"
               if fmt == "graphml" else "")
    line = (f"exported {_plural(summary.events, 'event')}{network} as {fmt} "
            f"{_arrow(sys.stderr if out is None else sys.stdout)} {out or 'standard output'}")
    click.echo(_safe(line), err=out is None)
