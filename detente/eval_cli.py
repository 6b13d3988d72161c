"""`detente eval`: run detente on a benchmark and print its figures with the benchmark's own scorer.

    detente eval doc DOC --gold GOLD.jsonl [--scorer ../shared/eval/score.py]
    detente eval sentences [--set plover_gsr|petrarch_unit|confli_raters|all] [--split test|all]
    detente eval tempeval3 [--docs ../shared/benchmarks/tempeval3/docs.jsonl] [--scorer ...]

The scorers are the shared ones, given by path, so every figure is comparable with other coders'.
Benchmark text is written only to the system temp folder, never into the repository.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import click

from .cli_options import discards_option, verb_codes_option, verbs_only_option, verbs_option

SHARED = Path("..") / "shared"


def _shared(*parts: str) -> Path:
    """A default path under ../shared (relative to the working directory, else to the checkout)."""
    here = SHARED.joinpath(*parts)
    if here.exists():
        return here
    return Path(__file__).resolve().parents[1].parent.joinpath("shared", *parts)


@click.group("eval")
def eval_command() -> None:
    """Score detente on a benchmark with its own scorer (measure only; never tune on test sets)."""


@eval_command.command("doc")
@click.argument("doc", type=click.Path(exists=True, dir_okay=False))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Gold events of DOC (the seed.gold.jsonl format).")
@click.option("--scorer", default=None, type=click.Path(dir_okay=False),
              help="score.py (default ../shared/eval/score.py).")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(dir_okay=False),
              help="Extra actor dictionary (as for extract), repeatable.")
@verbs_option
@verb_codes_option
@verbs_only_option
@discards_option
def eval_doc(doc: str, gold: str, scorer: str | None, actor_files: tuple[str, ...],
             verb_files: tuple[str, ...], verb_codes: str, verbs_only: bool,
             discard_files: tuple[str, ...]) -> None:
    """Extract events from DOC and score them against GOLD (f1_strict, core recall, precision)."""
    from .extractor import Extractor, extract

    scorer_path = Path(scorer) if scorer else _shared("eval", "score.py")
    if not scorer_path.exists():
        raise click.UsageError(f"scorer not found: {scorer_path} (give --scorer)")
    events = extract(Path(doc), extractor=Extractor(actor_files=actor_files, verb_files=verb_files,
                                                    verb_codes=verb_codes, discard_files=discard_files,
                                                    verbs_only=verbs_only))
    with tempfile.TemporaryDirectory(prefix="detente-eval-") as tmp:
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events), encoding="utf-8")
        out = subprocess.run([sys.executable, str(scorer_path), "--doc", doc, "--gold", gold, "--pred", str(pred)],
                             capture_output=True, text=True)
    click.echo(out.stdout, nl=False)
    if out.returncode:
        click.echo(out.stderr, err=True, nl=False)
        sys.exit(out.returncode)


@eval_command.command("sentences", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_sentences(args: tuple[str, ...]) -> None:
    """PLOVER GSR, PETRARCH validation suite (with its dictionaries) and rater-coded news.

    Options: --set all|plover_gsr|petrarch_unit|confli_raters, --split test|all (plover_gsr: the
    fixed sha1 split; test = the half never used for tuning), --scope domestic|interstate
    (domestic, the default, codes events between two actors of one country too, as the three
    sets do), --benchmarks DIR, --keep DIR.
    """
    from .evaluation import main

    sys.exit(main(list(args)))


@eval_command.command("tempeval3")
@click.option("--docs", default=None, type=click.Path(dir_okay=False),
              help="TempEval-3 JSONL (default ../shared/benchmarks/tempeval3/docs.jsonl, the platinum test set).")
@click.option("--scorer", default=None, type=click.Path(dir_okay=False),
              help="score_timex.py (default beside the benchmarks).")
def eval_tempeval3(docs: str | None, scorer: str | None) -> None:
    """Temporal expressions through `detente timex` (news mode: anchored to each document's DCT)."""
    from .nlp.dates import timex_records

    docs_path = Path(docs) if docs else _shared("benchmarks", "tempeval3", "docs.jsonl")
    scorer_path = Path(scorer) if scorer else docs_path.resolve().parent.parent / "score_timex.py"
    for p in (docs_path, scorer_path):
        if not p.exists():
            raise click.UsageError(f"not found: {p}")
    import datetime as dt

    preds: dict[str, list[dict]] = defaultdict(list)
    for line in docs_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        for rec in timex_records(d["text"], dt.date.fromisoformat(d["dct"]), narrative=False):
            preds[d["id"]].append({k: rec[k] for k in ("start", "end", "value", "type")})
    with tempfile.TemporaryDirectory(prefix="detente-eval-") as tmp:
        pred = Path(tmp) / "timex.jsonl"
        pred.write_text("".join(json.dumps({"id": k, "timexes": v}) + "\n" for k, v in preds.items()),
                        encoding="utf-8")
        out = subprocess.run([sys.executable, str(scorer_path), str(docs_path), str(pred)],
                             capture_output=True, text=True)
    click.echo(out.stdout, nl=False)
    if out.returncode:
        click.echo(out.stderr, err=True, nl=False)
        sys.exit(out.returncode)
