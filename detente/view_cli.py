"""`detente report A B` (the brief) and `detente serve` (the dashboard).

Register on the main group with `cli.add_command(report_command)` and
`cli.add_command(serve_command)`. Until then, `python -m detente.view_cli report|serve ...`
runs the same commands. Jinja2, Altair, FastAPI and uvicorn load inside the commands.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import DetenteError

EXIT_USAGE = 2


def _fail(message: str) -> None:
    from .cli import safe_terminal  # lazy: cli.py may import this module to register commands

    click.echo(f"detente: {safe_terminal(message)}", err=True)
    sys.exit(EXIT_USAGE)


@click.command("report")
@click.argument("a")
@click.argument("b")
@click.option("--db", default="detente.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The detente store to read.")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="File to write (default brief-A-B.html, or .pdf with --format pdf).")
@click.option("--from", "since", type=click.IntRange(1, 9999), default=None, metavar="YEAR",
              help="First year of the brief.")
@click.option("--to", "until", type=click.IntRange(1, 9999), default=None, metavar="YEAR",
              help="Last year of the brief.")
@click.option("--by", type=click.Choice(["year", "quarter", "month"]), default="year", show_default=True,
              help="Period of the timeline and phases.")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default="html", show_default=True,
              help="pdf prints the HTML with the system's headless Chromium.")
def report_command(a: str, b: str, db: str, out: str | None, since: int | None, until: int | None,
                   by: str, fmt: str) -> None:
    """Write a self-contained brief on the relationship of A and B (e.g. RUS IRN).

    The HTML file opens with no network: styles and charts are inline, and it runs no script.
    Prints the path written.

    \b
    Example:
      detente report RUS IRN --db detente.duckdb --from 2013 --to 2023 --out brief.html
    """
    from .report.brief import BriefError, write_brief

    if not Path(db).exists():
        _fail(f"{db}: no such store; run `detente ingest` first")
    target = out or f"brief-{a.upper()}-{b.upper()}.{fmt}"
    try:
        written = write_brief(db, a, b, target, since=since, until=until, fmt=fmt, by=by)
    except (BriefError, DetenteError) as exc:
        _fail(getattr(exc, "message", None) or str(exc))
    click.echo(str(Path(written).resolve()))


@click.command("serve")
@click.option("--db", default="detente.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The detente store to explore (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind. The default is loopback only; any other interface needs "
                   "--token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--token", envvar="DETENTE_TOKEN", default=None, metavar="TOKEN",
              help="Access token (or env DETENTE_TOKEN), required when --host is not loopback. "
                   "Clients send 'Authorization: Bearer TOKEN'; a browser opens /?token=TOKEN once "
                   "and gets a cookie.")
def serve_command(db: str, host: str, port: int, log_level: str, token: str | None) -> None:
    """Run the local dashboard: dyad picker, timeline with phases, event table, evidence view,
    actor network, and its JSON API (/openapi.json, listed at /docs).

    It listens on 127.0.0.1 only unless --host names another interface; then it refuses to
    start without a token (--token or DETENTE_TOKEN), and every request must carry it."""
    from .errors import Errors
    from .web.app import is_loopback, serve

    if not Path(db).exists():
        _fail(f"{db}: no such store; run `detente ingest` first")
    token = (token or "").strip() or None
    if not is_loopback(host):
        if token is None:
            _fail(Errors.E083.format(host=host))
        click.echo(f"detente: serving on {host} (not loopback): every request needs the access "
                   f"token (header 'Authorization: Bearer TOKEN', or open /?token=TOKEN in a "
                   f"browser)", err=True)
    elif token is not None:
        click.echo("detente: access token required for every request", err=True)
    click.echo(f"detente dashboard on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(Ctrl-C to stop)", err=True)
    try:
        serve(db, host=host, port=port, log_level=log_level, token=token)
    except DetenteError as exc:
        _fail(exc.message)


@click.group()
def main() -> None:
    """The brief and the dashboard (the same commands as `detente report` / `detente serve`)."""


main.add_command(report_command)
main.add_command(serve_command)


if __name__ == "__main__":
    main()
