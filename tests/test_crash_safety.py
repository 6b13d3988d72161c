"""SIGKILL during `detente ingest`, then a re-run: the store ends up exactly as after one
uninterrupted run (no lost and no duplicated documents, sentences or events)."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from detente.store import Store

COUNTRIES = ["Russia", "Iran", "Turkey", "India", "China", "Japan", "France", "Brazil", "Egypt", "Kenya"]
VERBS = ["signed a trade agreement with", "accused", "visited", "imposed sanctions on", "met"]


def write_corpus(folder, n_docs: int = 36) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n_docs):
        lines = []
        for j in range(25):
            a, b = rng.sample(COUNTRIES, 2)
            lines.append(f"On {1 + j % 27} March {1995 + i % 25}, {a} {rng.choice(VERBS)} {b}.")
        (folder / f"doc{i:03d}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")


def ingest(corpus, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "detente.cli", "ingest", str(corpus), "--db", str(db),
                             "--batch-size", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def snapshot(db) -> tuple:
    with Store(db, read_only=True) as store:
        con = store.con
        docs = con.execute("SELECT doc_id, content_hash FROM documents ORDER BY 1").fetchall()
        sents = con.execute('SELECT doc_id, start, "end" FROM sentences ORDER BY 1, 2, 3').fetchall()
        events = con.execute('SELECT doc_id, start, source_country, target_country, event_type, date '
                             'FROM events ORDER BY ALL').fetchall()
    return docs, sents, events


@pytest.mark.parametrize("trial", range(3))
def test_sigkill_mid_ingest_then_rerun_matches_an_uninterrupted_run(tmp_path, trial):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    clean_db = tmp_path / "clean.duckdb"
    t0 = time.monotonic()
    proc = ingest(corpus, clean_db)
    out, err = proc.communicate(timeout=600)
    full = time.monotonic() - t0
    assert proc.returncode == 0, err
    expected = snapshot(clean_db)
    assert len(expected[0]) == 36 and expected[2]

    db = tmp_path / "killed.duckdb"
    proc = ingest(corpus, db)
    # kill somewhere in the second half of the run (the first part is loading the model)
    time.sleep(full * random.Random(trial).uniform(0.45, 0.85))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    rerun = ingest(corpus, db)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert "Traceback" not in err
    assert snapshot(db) == expected
