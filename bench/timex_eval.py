#!/usr/bin/env python3
"""Run detente's temporal-expression finder over a TempEval-3 JSONL file and score it.

usage:
  python bench/timex_eval.py [GOLD.jsonl] [--engine detente|dateparser|hybrid] [--pred OUT.jsonl]

GOLD defaults to the TempEval-3 platinum test set (../shared/benchmarks/tempeval3/docs.jsonl).
Relative expressions anchor to each document's creation time (`dct`), TimeML convention
(narrative=False). Engines:
  detente    : detente.nlp.dates.find_timexes (own regex grammar)
  dateparser : dateparser.search.search_dates over the text (spans and values from dateparser)
  hybrid     : detente's spans, value re-parsed by dateparser where dateparser returns one
The scorer (score_timex.py next to the benchmark) prints the figures; timing goes to stderr.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from detente.nlp.dates import find_timexes  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "tempeval3" / "docs.jsonl"


def _dateparser_value(dp_period: str | None, d: dt.datetime) -> str:
    """TIMEX3-style value at the precision dateparser reports."""
    if dp_period == "year":
        return f"{d.year:04d}"
    if dp_period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if dp_period == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.date().isoformat()


def run_dateparser(text: str, dct: dt.date) -> list[dict]:
    """Spans and values from dateparser.search.search_dates (offsets found left to right)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = dt.datetime(dct.year, dct.month, dct.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = search_dates(text, languages=["en"], settings=settings) or []
    except Exception:  # dateparser raises on some inputs; count them as no prediction
        found = []
    ddp = DateDataParser(languages=["en"], settings=settings)
    out, pos = [], 0
    for sub, d in found:
        i = text.find(sub, pos)
        if i < 0:
            continue
        pos = i + len(sub)
        period = ddp.get_date_data(sub).period
        out.append({"start": i, "end": i + len(sub), "value": _dateparser_value(period, d)})
    return out


def run_hybrid(text: str, dct: dt.date) -> list[dict]:
    """detente's spans; DATE values re-parsed by dateparser.parse when it can parse the span."""
    from dateparser.date import DateDataParser

    base = dt.datetime(dct.year, dct.month, dct.day)
    ddp = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    out = []
    for t in find_timexes(text, dct, narrative=False):
        value = t.value
        if t.type == "DATE":
            r = ddp.get_date_data(t.text)
            if r.date_obj is not None:
                value = _dateparser_value(r.period, r.date_obj)
        out.append({"start": t.start, "end": t.end, "value": value, "type": t.type})
    return out


def run_detente(text: str, dct: dt.date) -> list[dict]:
    return [{"start": t.start, "end": t.end, "value": t.value, "type": t.type}
            for t in find_timexes(text, dct, narrative=False)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD))
    ap.add_argument("--engine", choices=("detente", "dateparser", "hybrid"), default="detente")
    ap.add_argument("--pred", help="write predictions here (default: a temporary file)")
    ap.add_argument("--scorer", default=None, help="path to score_timex.py (default: next to GOLD's folder)")
    a = ap.parse_args(argv)

    gold = Path(a.gold)
    scorer = Path(a.scorer) if a.scorer else gold.resolve().parent.parent / "score_timex.py"
    engine = {"detente": run_detente, "dateparser": run_dateparser, "hybrid": run_hybrid}[a.engine]
    docs = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    pred_path = Path(a.pred) if a.pred else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    chars = sum(len(d["text"]) for d in docs)
    t0 = time.perf_counter()
    with pred_path.open("w", encoding="utf-8") as f:
        for d in docs:
            dct = dt.date.fromisoformat(d["dct"])
            f.write(json.dumps({"id": d["id"], "timexes": engine(d["text"], dct)}) + "\n")
    secs = time.perf_counter() - t0
    print(f"engine={a.engine} docs={len(docs)} chars={chars} seconds={secs:.3f} "
          f"chars_per_second={chars / secs if secs else float('inf'):.0f}", file=sys.stderr)
    sys.stdout.flush()
    return subprocess.call([sys.executable, str(scorer), str(gold), str(pred_path)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
