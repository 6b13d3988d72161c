#!/usr/bin/env python3
"""Score detente on its own tuning sentences (bench/data/tuning_sentences.tsv).

The sentences were written for this project (none comes from a benchmark); the event families fixed
in the coder were checked on them, so this is a tuning-set figure, not a measure of generalisation.
Each line names one expected event; it is a hit when `detente extract` codes that (source, target,
type) for it, with `--domestic` for lines of domestic scope. A line of type NONE (source and target
`-`) expects no event: a sentence that mentions states but reports no act, or one whose act is
denied, cancelled or only talked about; it is a hit when detente codes no event for it that is not
flagged as negated. Prints hits by type and scope, the number of other events coded (events on a
line besides the expected one: a rough count of over-coding), then the misses with what was coded
instead.

usage: python bench/tuning_sentences.py [--file TSV]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from detente.evaluation import default_detente_cmd, generic_codes  # noqa: E402

DEFAULT_FILE = ROOT / "bench" / "data" / "tuning_sentences.tsv"


def load(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(text, source, target, type, scope) rows of the TSV, comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, src, tgt, etype, scope = line.split("\t")
        rows.append((text, src, tgt, etype, scope))
    return rows


def extract(rows: list[tuple[str, str, str, str, str]], domestic: bool) -> dict[str, list[tuple[str, str, str]]]:
    """Run `detente extract` on the rows; {row index: [(source, target, type)]} (organisations as IGO)."""
    generic = generic_codes()

    def code(side: dict | None) -> str:
        c = (side or {}).get("country") or ""
        return generic.get(c, c)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "tuning.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, row in enumerate(rows):
                fh.write(json.dumps({"id": str(i), "text": row[0], "date": "2020-01-01"}) + "\n")
        argv = [*default_detente_cmd(), "extract", str(corpus), "--format", "jsonl"] + (["--domestic"] if domestic else [])
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    coded: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in out.splitlines():
        rec = json.loads(line)
        if rec.get("negated"):
            continue  # flagged as not having happened: not a claim that it did
        coded[rec["doc"]].append((code(rec.get("source")), code(rec.get("target")), rec["event_type"]))
    return coded


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    a = ap.parse_args(argv)
    rows = load(a.file)
    hits: Counter = Counter()
    total: Counter = Counter()
    misses = []
    others = 0
    for scope in ("interstate", "domestic"):
        idx = [i for i, r in enumerate(rows) if r[4] == scope]
        if not idx:
            continue
        coded = extract([rows[i] for i in idx], domestic=(scope == "domestic"))
        for k, i in enumerate(idx):
            text, src, tgt, etype, _ = rows[i]
            got = coded.get(str(k), [])
            total[(scope, etype)] += 1
            others += len([g for g in got if g != (src, tgt, etype)])
            if (src, tgt, etype) in got or (etype == "NONE" and not got):
                hits[(scope, etype)] += 1
            else:
                misses.append((scope, f"{src}->{tgt} {etype}", got, text))
    print(f"{'scope':11} {'type':10} {'hits':>5} {'of':>4}")
    for key in sorted(total):
        print(f"{key[0]:11} {key[1]:10} {hits[key]:5d} {total[key]:4d}")
    for scope in ("interstate", "domestic"):
        n = sum(v for k, v in total.items() if k[0] == scope)
        h = sum(v for k, v in hits.items() if k[0] == scope)
        if n:
            print(f"{scope}: {h}/{n} = {h / n:.3f}")
    print(f"other events coded: {others} on {len(rows)} lines")
    print("\nmisses (expected | coded | sentence):")
    for scope, want, got, text in misses:
        print(f"  [{scope}] {want} | {' '.join(f'{s}->{t}:{e}' for s, t, e in got) or '-'} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
