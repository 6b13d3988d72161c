"""SIGKILL during `detente ingest`, then a re-run: the store ends up exactly as after one
uninterrupted run (no lost and no duplicated documents, sentences or events). 20 kill trials at
random points share one uninterrupted baseline; they run in two lanes at once (each trial is a
killed process plus a re-run, each its own model load) so that the 20 take a few minutes.

Also: a corrupt, truncated or foreign `--db` file makes `detente ingest` (a real subprocess)
exit 2 with a coded one-line message and leaves the file byte-for-byte untouched.
"""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from detente.store import Store

COUNTRIES = ["Russia", "Iran", "Turkey", "India", "China", "Japan", "France", "Brazil", "Egypt", "Kenya"]
VERBS = ["signed a trade agreement with", "accused", "visited", "imposed sanctions on", "met"]
TRIALS = 20
LANES = 2
N_DOCS = 24
MAX_ATTEMPTS = 4  # per trial, when a run ends before its kill lands


def write_corpus(folder: Path, n_docs: int = N_DOCS) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n_docs):
        lines = []
        for j in range(25):
            a, b = rng.sample(COUNTRIES, 2)
            lines.append(f"On {1 + j % 27} March {1995 + i % 25}, {a} {rng.choice(VERBS)} {b}.")
        (folder / f"doc{i:03d}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")


def ingest(corpus: Path, db: Path) -> subprocess.Popen:
    # small batches and chunks: many commits, so kills land between and inside them
    return subprocess.Popen([sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db),
                             "--batch-size", "2", "--chunk-size", "2", "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def snapshot(db: Path) -> tuple:
    with Store(db, read_only=True) as store:
        con = store.con
        docs = con.execute("SELECT doc_id, content_hash FROM documents ORDER BY 1").fetchall()
        sents = con.execute('SELECT doc_id, start, "end" FROM sentences ORDER BY 1, 2, 3').fetchall()
        events = con.execute('SELECT doc_id, start, source_country, target_country, event_type, date '
                             'FROM events ORDER BY ALL').fetchall()
    return docs, sents, events


def restrict(snap: tuple, doc_ids: set[str]) -> tuple:
    """The part of a snapshot that belongs to `doc_ids`."""
    return tuple([row for row in table if row[0] in doc_ids] for table in snap)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple, float]:
    """Uninterrupted runs: the corpus, its snapshot, and how long a run takes. LANES runs at
    once, as the trials will, so that the time (which places the kills) includes the same
    contention for the CPUs; their stores must be identical."""
    root = tmp_path_factory.mktemp("crash")
    corpus = root / "corpus"
    write_corpus(corpus)
    # a first run fills detente's caches (the gazetteer): the timed runs must be as warm as
    # the trials, or the trials finish before their kills land
    warm = root / "warm"
    write_corpus(warm, n_docs=1)
    _, err = ingest(warm, root / "warm.duckdb").communicate(timeout=600)
    assert "Traceback" not in err
    t0 = time.monotonic()
    procs = [ingest(corpus, root / f"clean{i}.duckdb") for i in range(LANES)]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    full = time.monotonic() - t0
    expected = snapshot(root / "clean0.duckdb")
    assert len(expected[0]) == N_DOCS and expected[2]
    for i in range(1, LANES):
        assert snapshot(root / f"clean{i}.duckdb") == expected
    return corpus, expected, full


def one_trial(trial: int, corpus: Path, expected: tuple, full: float, work: Path) -> dict:
    """Kill an ingest at a random point, check what the kill left, re-run, compare."""
    db = work / f"killed{trial:02d}.duckdb"
    # anywhere from late model loading to the end of the run
    delay = full * random.Random(1000 + trial).uniform(0.3, 0.85)
    for attempt in range(MAX_ATTEMPTS):
        proc = ingest(corpus, db)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL:
            break
        # The run finished before the kill (the machine was faster than during the baseline):
        # that is no trial. Start again from an empty store with an earlier kill.
        db.unlink(missing_ok=True)
        delay *= 0.6
    result = {"trial": trial, "delay": round(delay, 2), "attempts": attempt + 1,
              "killed": proc.returncode == -signal.SIGKILL}
    if db.exists():
        partial = snapshot(db)
        stored = {d for d, _ in partial[0]}
        result["docs_at_kill"] = len(stored)
        # whatever the kill left is whole documents, exactly as the clean run has them
        assert partial == restrict(expected, stored), f"trial {trial}: partial document after kill"
    rerun = ingest(corpus, db)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert "Traceback" not in err
    assert snapshot(db) == expected, f"trial {trial}: store differs from an uninterrupted run"
    return result


def test_sigkill_mid_ingest_then_rerun_matches_an_uninterrupted_run(baseline, tmp_path) -> None:
    corpus, expected, full = baseline
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        results = list(pool.map(lambda t: one_trial(t, corpus, expected, full, tmp_path), range(TRIALS)))
    assert len(results) == TRIALS
    killed = [r for r in results if r["killed"]]
    # every trial is a kill that landed while the process ran (see the retries in one_trial)
    assert len(killed) == TRIALS, results
    # and some kills must land after documents were committed, some before the end
    assert any(0 < r.get("docs_at_kill", 0) < N_DOCS for r in killed), results
    print(f"{TRIALS} kill trials: {results}")


# ---------------------------------------------------------------------------- bad --db files


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _foreign(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE prices (day DATE, close DOUBLE)")
    con.execute("INSERT INTO prices VALUES ('2019-03-03', 1.5)")
    con.close()


@pytest.mark.parametrize("kind", ["text", "random", "foreign", "truncated"])
def test_cli_refuses_a_corrupt_or_foreign_db_and_leaves_it_untouched(baseline, tmp_path, kind) -> None:
    corpus, _, _ = baseline
    db = tmp_path / f"{kind}.duckdb"
    if kind == "text":
        db.write_text("my thesis notes\n" * 100)
    elif kind == "random":
        db.write_bytes(random.Random(3).randbytes(50_000))
    elif kind == "foreign":
        _foreign(db)
    else:
        good = tmp_path / "good.duckdb"
        Store(good).close()
        db.write_bytes(good.read_bytes()[:3000])
    before = _sha(db)
    listing = sorted(p.name for p in tmp_path.iterdir())
    proc = subprocess.run([sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db),
                           "--no-progress"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("detente: E04") and str(db) in line, proc.stderr
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no WAL or lock file left
