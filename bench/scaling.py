#!/usr/bin/env python3
"""Scaling of `detente ingest` on a Dask LocalCluster: one worker against N workers.

Runs the real command line (`python -m detente.cli ingest CORPUS --db TMP --cluster local:K`) on
the whole corpus, each into a fresh store in a temp dir, and prints the wall time of each run,
the documents/s and the speed-up. `--single` adds a run without --cluster (the in-process path).
Both runs code the same documents, so the event counts must agree (checked).

usage: python bench/scaling.py [--corpus ../shared/corpus] [--workers 2] [--single] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SUMMARY = re.compile(r"ingested (\d+) documents? \((\d+) new.*?\), (\d+) events, (\d+) sentences, "
                     r"(\d+) failures? in ([\d.]+) s")


def run(corpus: Path, db: Path, cluster: str | None) -> dict:
    """One ingest run as a subprocess: wall time (including start-up and model loads) and the
    figures of its summary line."""
    cmd = [sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db), "--no-progress"]
    if cluster:
        cmd += ["--cluster", cluster]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    m = SUMMARY.search(proc.stdout)
    if not m:
        raise SystemExit(f"no summary from {' '.join(cmd)}:\n{proc.stdout}\n{proc.stderr[-2000:]}")
    docs, new, events, sentences, failures, secs = m.groups()
    return {"cluster": cluster or "in-process", "wall_s": round(wall, 1), "ingest_s": float(secs),
            "documents": int(docs), "events": int(events), "sentences": int(sentences),
            "failures": int(failures), "docs_per_s": round(int(docs) / wall, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--single", action="store_true", help="also time the in-process path")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path, help="write the stores into this folder and keep them")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores; corpus {args.corpus}", flush=True)
    runs = []
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="detente-scaling-", dir=args.keep) as tmp:
        plan = [f"local:{args.workers}", "local:1"] + ([None] if args.single else [])
        for i, cluster in enumerate(plan):
            r = run(args.corpus, (args.keep or Path(tmp)) / f"run{i}.duckdb", cluster)
            runs.append(r)
            print(f"{r['cluster']:>11}: {r['wall_s']:7.1f} s wall ({r['ingest_s']:.1f} s in ingest), "
                  f"{r['documents']} documents, {r['events']} events, {r['failures']} failures, "
                  f"{r['docs_per_s']} doc/s", flush=True)
    one = next(r for r in runs if r["cluster"] == "local:1")
    many = runs[0]
    if len({r["events"] for r in runs}) != 1:
        print("WARNING: event counts differ between runs", flush=True)
    speedup = one["wall_s"] / many["wall_s"]
    print(f"whole corpus: {many['wall_s']:.1f} s with local:{args.workers}, {one['wall_s']:.1f} s with "
          f"local:1")
    print(f"speedup_local{args.workers}_vs_local1={speedup:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "speedup": speedup}, indent=2))


if __name__ == "__main__":
    main()
