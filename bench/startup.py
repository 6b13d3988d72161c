#!/usr/bin/env python3
"""Start-up time of the `detente` command: `detente --help` and `detente extract` of one small file.

Each command runs as a fresh process (a cold interpreter: nothing is imported yet); the first
run is also the one with the coldest OS file cache, and runs with an empty detente cache
(DETENTE_CACHE_DIR), so it pays for building the gazetteer cache as a first run after install does. Prints the first and the best of --repeats
wall times, and the slowest imports of `detente --help` (python -X importtime), to show that
spaCy, pandas, DuckDB and Dask stay out of the CLI's start-up path.

usage: python bench/startup.py [--repeats 3]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL_TEXT = ("Iran and Russia signed a gas agreement in Tehran on 3 March 2019.\n\n"
              "The United States criticised the deal a week later.\n")
HEAVY = ("spacy", "thinc", "pandas", "duckdb", "pyarrow", "dask", "distributed", "numpy", "torch")


def detente_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "detente"
    return [str(exe)] if exe.exists() else ([shutil.which("detente")] if shutil.which("detente")
                                             else [sys.executable, "-m", "detente.cli"])


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-1000:]}")
    return wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    base = detente_cmd()
    with tempfile.TemporaryDirectory(prefix="detente-startup-") as tmp:
        small = Path(tmp) / "brief.txt"
        small.write_text(SMALL_TEXT, encoding="utf-8")
        # a fresh cache folder: the first extract builds the gazetteer cache (a first run after
        # installing), the later ones read it
        env = {**os.environ, "DETENTE_CACHE_DIR": str(Path(tmp) / "cache")}
        for name, cmd in (("detente --help", base + ["--help"]),
                          ("detente extract brief.txt", base + ["extract", str(small)])):
            walls = [timed(cmd, env) for _ in range(args.repeats)]
            print(f"{name:>26}: first {walls[0]:.2f} s, best {min(walls):.2f} s "
                  f"(of {args.repeats}; the first with an empty cache)", flush=True)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "detente.cli", "--help"],
                          capture_output=True, text=True, cwd=ROOT)
    rows, names = [], set()
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)", line)
        if m:
            names.add(m.group(4).split(".")[0])
            if len(m.group(3)) == 1:  # top-level imports only (nested ones are indented)
                rows.append((int(m.group(2)), m.group(4)))
    heavy = sorted(names & set(HEAVY))
    print("slowest top-level imports of `detente --help`: " +
          ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in sorted(rows, reverse=True)[:5]))
    print(f"heavy packages imported by `detente --help`: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
