#!/usr/bin/env python3
"""Error table of detente's temporal expressions against a TempEval-3 JSONL file, by date-form family.

usage:
  python bench/timex_errors.py [--docs GOLD.jsonl] [--show FAMILY|all] [--limit N]

GOLD defaults to the TimeBank training split (../shared/benchmarks/tempeval3/train_timebank.jsonl).
Predictions come from the same code as `detente timex` / `detente eval tempeval3`
(`detente.nlp.dates.timex_records`, news mode: anchored to each document's DCT).

Matching is the scorer's (score_timex.py): one-to-one per document, identical spans first,
then overlapping ones (maximum bipartite matching). Each gold timex is put in one family by
its gold value/type/text; a spurious prediction by its own value/type/text. Columns:
  gold       gold timexes of the family
  missed     gold timexes with no overlapping prediction
  spurious   predictions (of the family) with no overlapping gold timex
  val_wrong  matched (span overlaps) but the value differs
  span_inex  matched but the offsets are not identical (strict-span loss)
  val_ok     matched with the right value (what value F1 counts)

`--show FAMILY` lists the errors of a family (or `all`). It refuses the platinum test set
(docs.jsonl): that file is for measuring only, never for reading errors to write rules.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from detente.evaluation import max_matching  # noqa: E402
from detente.nlp.dates import timex_records  # noqa: E402

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "tempeval3"
DEFAULT_DOCS = BENCH / "train_timebank.jsonl"

FAMILIES = [
    "full date", "month(-year)", "year", "weekday", "relative day", "relative offset",
    "quarter/season/part", "decade/century", "duration", "set/frequency", "clock time", "vague REF", "other",
]

_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_RELDAY = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|overnight)\b|\blast\s+night\b", re.I)
_RELWORD = re.compile(r"\b(?:ago|last|next|this|past|coming|previous|preceding|following|earlier|later|"
                      r"prior|same|current|recent|that|year-ago|year-earlier|before|after|from\s+now|latest)\b", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)


def family(value: str | None, typ: str | None, text: str) -> str:
    """The date-form family of one timex (gold or predicted)."""
    v = (value or "").strip()
    t = (typ or "").upper()
    if t == "SET":
        return "set/frequency"
    if v.endswith("_REF"):
        return "vague REF"
    if v.startswith("P") or t == "DURATION":
        return "duration"
    if t == "TIME" or re.search(r"T\d|T(?:MO|AF|EV|NI|DT)", v):
        return "clock time"
    if _RELDAY.search(text):
        return "relative day"
    if _WEEKDAY.search(text):
        return "weekday"
    if re.search(r"-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)$|-W\d\d", v) or re.search(r"\b(?:quarter|half|season|spring|summer|fall|autumn|winter|weekend)\b", text, re.I):
        return "quarter/season/part"
    if re.fullmatch(r"\d{2,3}X?|X{2,3}", v) or re.search(r"\b(?:decade|century|\d0s)\b", text, re.I):
        return "decade/century"
    if _RELWORD.search(text):
        return "relative offset"
    if re.fullmatch(r"[\dX]{4}-\d\d-\d\d", v):
        return "full date"
    if re.fullmatch(r"[\dX]{4}-\d\d", v) or _MONTH.search(text):
        return "month(-year)"
    if re.fullmatch(r"[\dX]{4}", v):
        return "year"
    return "other"



def match(G: list[dict], P: list[dict]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(exact pairs, overlap-only pairs) of gold/pred indices."""
    exact = list(max_matching(len(G), len(P), lambda g, p: (G[g]["start"], G[g]["end"]) == (P[p]["start"], P[p]["end"])).items())
    over = list(max_matching(len(G), len(P), lambda g, p: P[p]["start"] < G[g]["end"] and G[g]["start"] < P[p]["end"],
                             fixed_gold=[g for g, _ in exact], fixed_pred=[p for _, p in exact]).items())
    return exact, over


def analyse(docs: list[dict]) -> tuple[dict[str, Counter], dict[str, list[str]], dict[str, float]]:
    table: dict[str, Counter] = defaultdict(Counter)
    errors: dict[str, list[str]] = defaultdict(list)
    n_g = n_p = n_rel = n_strict = n_val = 0
    for d in docs:
        text = d["text"]
        G = d["timexes"]
        P = timex_records(text, dt.date.fromisoformat(d["dct"]), narrative=False)
        exact, over = match(G, P)
        n_g, n_p = n_g + len(G), n_p + len(P)
        n_rel += len(exact) + len(over)
        n_strict += len(exact)
        matched_g = {g: p for g, p in exact + over}
        matched_p = set(matched_g.values())
        exact_g = {g for g, _ in exact}

        def ctx(s: int, e: int) -> str:
            return re.sub(r"\s+", " ", f"{text[max(0, s - 40):s]}[[{text[s:e]}]]{text[e:e + 30]}")

        for gi, g in enumerate(G):
            fam = family(g["value"], g["type"], g["text"])
            row = table[fam]
            row["gold"] += 1
            if gi not in matched_g:
                row["missed"] += 1
                errors[fam].append(f"MISSED   gold={g['value']:<14} {g['type']:<8} {d['dct']} | {ctx(g['start'], g['end'])}")
                continue
            p = P[matched_g[gi]]
            if gi not in exact_g:
                row["span_inex"] += 1
            if (p["value"] or "").strip() == (g["value"] or "").strip():
                row["val_ok"] += 1
                n_val += 1
                if gi not in exact_g:
                    errors[fam].append(f"SPAN     gold={g['value']:<14} pred span={p['text']!r} | {ctx(g['start'], g['end'])}")
            else:
                row["val_wrong"] += 1
                errors[fam].append(f"VALUE    gold={g['value']:<14} pred={p['value']:<14} {d['dct']} pred_span={p['text']!r} | "
                                   f"{ctx(g['start'], g['end'])}")
        for pi, p in enumerate(P):
            if pi in matched_p:
                continue
            fam = family(p["value"], p["type"], p["text"])
            table[fam]["spurious"] += 1
            errors[fam].append(f"SPURIOUS pred={p['value']:<14} {p['type']:<8} {d['dct']} | {ctx(p['start'], p['end'])}")

    def f1(a: int, b: int, c: int) -> float:
        pr, rc = (a / b if b else 0.0), (a / c if c else 0.0)
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    totals = {"gold": n_g, "pred": n_p, "relaxed_f1": f1(n_rel, n_p, n_g), "strict_f1": f1(n_strict, n_p, n_g),
              "value_f1": f1(n_val, n_p, n_g)}
    return table, errors, totals


def print_table(table: dict[str, Counter], totals: dict[str, float], out=sys.stdout) -> None:
    cols = ["gold", "missed", "spurious", "val_wrong", "span_inex", "val_ok"]
    print(f"{'family':<22}" + "".join(f"{c:>10}" for c in cols) + f"{'lost':>7}", file=out)
    tot: Counter = Counter()
    fams = [f for f in FAMILIES if f in table] + sorted(f for f in table if f not in FAMILIES)
    fams.sort(key=lambda f: -(table[f]["missed"] + table[f]["spurious"] + table[f]["val_wrong"]))
    for fam in fams:
        row = table[fam]
        tot.update(row)
        lost = row["missed"] + row["spurious"] + row["val_wrong"]
        print(f"{fam:<22}" + "".join(f"{row[c]:>10}" for c in cols) + f"{lost:>7}", file=out)
    lost = tot["missed"] + tot["spurious"] + tot["val_wrong"]
    print(f"{'TOTAL':<22}" + "".join(f"{tot[c]:>10}" for c in cols) + f"{lost:>7}", file=out)
    print(f"gold={totals['gold']} predicted={totals['pred']} value_f1={totals['value_f1']:.4f} "
          f"relaxed_f1={totals['relaxed_f1']:.4f} strict_f1={totals['strict_f1']:.4f}", file=out)
    print("(lost = missed + spurious + val_wrong: the value-F1 errors of the family)", file=out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default=str(DEFAULT_DOCS), help="TempEval-3 JSONL (default: the TimeBank train split)")
    ap.add_argument("--show", default=None, help="list the errors of this family (or 'all'); train split only")
    ap.add_argument("--limit", type=int, default=0, help="at most N listed errors per family (0: all)")
    a = ap.parse_args(argv)
    path = Path(a.docs)
    if a.show and path.name == "docs.jsonl":
        ap.error("--show reads individual errors: not on the platinum test set (docs.jsonl); use the train split")
    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    table, errors, totals = analyse(docs)
    print(f"# {path.name}: {len(docs)} docs")
    print_table(table, totals)
    if a.show:
        for fam in FAMILIES + sorted(set(errors) - set(FAMILIES)):
            if a.show != "all" and fam != a.show:
                continue
            rows = errors.get(fam, [])
            if not rows:
                continue
            print(f"\n## {fam} ({len(rows)})")
            for r in rows[: a.limit or None]:
                print("  " + r)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
