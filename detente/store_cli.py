"""`detente ingest`: code documents into a DuckDB event store (see detente.store).

Registered on the main group with `cli.add_command(ingest_command)`. Heavy imports (spaCy,
DuckDB, pandas) happen inside the command, so `detente --help` stays fast.
"""
from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from .errors import DetenteError
from .cli_options import (actors_option, discards_option, domestic_option, lexicon_option, verb_codes_option,
                          verbs_only_option, verbs_option)

EXIT_OK = 0
EXIT_PARTIAL = 1  # some inputs could not be read or stored; the rest was
EXIT_NOTHING = 2  # nothing could be read (or the store could not be opened)


def _safe(text: str) -> str:
    """Document names and messages are untrusted: no terminal control sequences."""
    from .cli import safe_terminal  # lazy: cli.py imports this module to register the command

    return safe_terminal(text)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


def _arrow(stream: Any) -> str:
    """'→' where the stream can print it, '->' elsewhere (a C-locale pipe)."""
    try:
        "→".encode(getattr(stream, "encoding", None) or "utf-8")
        return "→"
    except (UnicodeEncodeError, LookupError):
        return "->"


def summary_line(summary: Any, db: str, arrow: str = "→") -> str:
    """The one-line report of an ingest run."""
    n = summary.documents_seen
    return (f"ingested {n} document{'s' if n != 1 else ''} ({summary.documents_stored} new, "
            f"{summary.documents_skipped_duplicate} already stored), {summary.events} events, "
            f"{summary.sentences} sentences, {len(summary.failures)} failure"
            f"{'s' if len(summary.failures) != 1 else ''} in {summary.seconds:.1f} s {arrow} {db}")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="detente.duckdb", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False),
              help="DuckDB store to add to; created with detente's schema when it does not exist.")
@click.option("--document-date", metavar="YYYY-MM-DD", callback=_parse_date,
              help="Creation date of documents that carry none: anchors 'last week', 'on Monday' "
                   "and years left out. A JSONL line's own `date` wins.")
@actors_option
@lexicon_option
@verbs_option
@verb_codes_option
@verbs_only_option
@discards_option
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline to parse with.")
@domestic_option
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
              help="Documents per nlp.pipe batch.")
@click.option("--n-process", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parser processes (spaCy n_process).")
@click.option("--max-bytes", default=None, type=click.IntRange(1), metavar="N",
              help="Refuse text documents larger than N bytes (default 20 MB).")
@click.option("--cluster", default=None, metavar="local[:N]|tcp://HOST:PORT",
              help="Code on a Dask cluster: 'local:N' starts N worker processes here, "
                   "tcp://host:8786 uses a running scheduler (workers need detente installed). "
                   "This process alone writes the store. Needs: pip install 'detente[cluster]'.")
@click.option("--chunk-size", "chunk_docs", default=None, type=click.IntRange(1, 100_000),
              metavar="N", help="Documents per unit of work (default: up to 32 documents or about 1M characters).")
@click.option("--retries", default=None, type=click.IntRange(0, 100), metavar="N",
              help="With --cluster: more tries for a failed chunk before its documents are "
                   "reported (default 2).")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Progress on stderr: a bar on a terminal, a plain line every 30 s in logs; "
                   "--no-progress for neither.")
def ingest_command(paths: tuple[str, ...], db: str, document_date: dt.date | None,
                   actor_files: tuple[str, ...], lexicon_files: tuple[str, ...], verb_files: tuple[str, ...],
                   verb_codes: str, verbs_only: bool, discard_files: tuple[str, ...], model: str | None,
                   domestic: bool,
                   batch_size: int, n_process: int, max_bytes: int | None, cluster: str | None,
                   chunk_docs: int | None, retries: int | None,
                   show_progress: bool | None) -> None:
    """Code PATHS (files or directories) and add documents, events, evidence sentences and
    actors to a DuckDB store.

    Documents already in the store (same text) are skipped before any parsing, and each
    document is written in one transaction: an interrupted run is completed by running the
    same command again.

    \b
    Examples:
      detente ingest corpus/ --db iran.duckdb
      detente ingest news.jsonl --document-date 2019-03-04 --actors my_actors.csv
    Exit status: 0 all inputs stored, 1 some failed, 2 nothing could be read.
    """
    from .extractor import Extractor
    from .scale import ProgressReporter, count_documents, parse_cluster
    from .store import Store, ingest

    if cluster is not None:
        try:
            parse_cluster(cluster)
        except DetenteError as exc:
            raise click.BadParameter(exc.message, param_hint="--cluster") from None
    tty = sys.stderr.isatty()
    enabled = show_progress is not False
    # a bar when asked for or on a terminal; plain lines in logs unless --no-progress
    bar = bool(show_progress) or (show_progress is None and tty)
    total = count_documents(paths) if enabled else None
    progress = ProgressReporter(total, tty=bar, enabled=enabled, sanitize=_safe)

    extractor = Extractor(model=model, actor_files=actor_files, lexicon_files=lexicon_files,
                          verb_files=verb_files, verb_codes=verb_codes, domestic=domestic,
                          discard_files=discard_files, verbs_only=verbs_only)
    try:
        with Store(db) as store:
            summary = ingest(paths, store, extractor=extractor, batch_size=batch_size,
                             n_process=n_process, progress=progress, document_date=document_date,
                             max_bytes=max_bytes, cluster=cluster, chunk_docs=chunk_docs,
                             retries=retries)
    except DetenteError as exc:
        progress.close()
        click.echo(f"detente: {_safe(exc.message)}", err=True)
        sys.exit(EXIT_NOTHING)
    progress.close()
    if summary.cluster is not None and enabled:
        c = summary.cluster
        click.echo(f"cluster: {c.workers} worker{'s' if c.workers != 1 else ''}, "
                   f"{c.chunks_submitted} chunks coded, {c.chunks_reused} reused from an earlier "
                   f"run, {c.chunks_failed} failed", err=True)
    click.echo(summary_line(summary, _safe(db), _arrow(sys.stdout)))
    if summary.failures:
        processed = summary.documents_stored + summary.documents_skipped_duplicate
        sys.exit(EXIT_NOTHING if processed == 0 else EXIT_PARTIAL)
