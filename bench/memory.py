#!/usr/bin/env python3
"""Peak memory of `detente ingest` (in-process path): a corpus, and the same corpus 4x.

Builds two JSONL inputs in a temp dir from the corpus (optionally its first --docs files, in
sorted order): the texts once, and the texts 4 times as copies with other ids (each copy gets a
one-line header so its content hash differs: the store would skip exact copies). Each input is
ingested by a fresh `python -m detente.cli ingest` subprocess into a fresh store; the peak RSS of
that process (ru_maxrss of the child) is printed, and the difference in %.

usage: python bench/memory.py [--corpus ../shared/corpus] [--docs N] [--copies 4] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def write_jsonl(files: list[Path], copies: int, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for f in files:
                text = f.read_text(encoding="utf-8")
                if c:  # another copy: another id and another content hash
                    text = f"Copy {c} of {f.stem}.\n\n{text}"
                fh.write(json.dumps({"id": f"{f.stem}~{c}", "text": text}, ensure_ascii=False) + "\n")
                n += 1
    return n


def peak_rss(jsonl: Path, db: Path) -> tuple[float, float, str]:
    """(peak RSS in MiB, wall s, summary line) of one ingest subprocess."""
    cmd = [sys.executable, "-m", "detente.cli", "ingest", str(jsonl), "--db", str(db), "--no-progress"]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, cwd=ROOT)
        # wait4: this child's own rusage (ru_maxrss = its peak RSS in KiB on Linux)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed: {stderr[-2000:]}")
    return usage.ru_maxrss / 1024, wall, stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=0, help="use only the first N files (0: all)")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".md", ".txt"))
    if args.docs:
        files = files[:args.docs]
    figures = {}
    with tempfile.TemporaryDirectory(prefix="detente-memory-") as tmp:
        for copies in (1, args.copies):
            jsonl = Path(tmp) / f"corpus-x{copies}.jsonl"
            n = write_jsonl(files, copies, jsonl)
            mib, wall, line = peak_rss(jsonl, Path(tmp) / f"x{copies}.duckdb")
            figures[copies] = {"documents": n, "peak_rss_mib": round(mib, 1), "wall_s": round(wall, 1),
                               "jsonl_mib": round(jsonl.stat().st_size / 2**20, 1)}
            print(f"x{copies}: {n} documents ({figures[copies]['jsonl_mib']} MiB of JSONL), "
                  f"peak RSS {mib:.0f} MiB, {wall:.0f} s — {line}", flush=True)
    one, many = figures[1]["peak_rss_mib"], figures[args.copies]["peak_rss_mib"]
    diff = 100 * (many - one) / one
    print(f"peak_rss_x1={one:.0f}MiB peak_rss_x{args.copies}={many:.0f}MiB difference={diff:+.1f}%")
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "difference_pct": diff}, indent=2))


if __name__ == "__main__":
    main()
