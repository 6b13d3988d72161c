#!/usr/bin/env python3
"""Speed of detente's extraction against the bare spaCy parse, on the same texts, in one run.

What it does (see bench/README.md for the figures it prints):
  1. draws a fixed, seeded sample of ~60k words (whitespace tokens) from the Wikipedia corpus
     (both subfolders, round-robin, each document cut at a paragraph boundary);
  2. times (a) `nlp.pipe` of the bare model and (b) `Extractor.extract_documents` (full extraction,
     Event records out), same batch size, n_process=1, after one warm-up document each; the two are
     alternated `--repeats` times and the best run of each is kept (noise on a shared machine only
     ever makes a run slower); both wall time and process CPU time are recorded, and the ratio uses
     `--clock` (default cpu, which other load on the machine barely moves);
  3. times each pipeline component stage by stage (tokenizer, then every pipe over all documents) to
     show where the time goes.

Last line: `bare_wps=… detente_wps=… ratio=…` (ratio = detente_wps / bare_wps).

usage: python bench/speed.py [--words 60000] [--corpus DIR] [--batch-size 32] [--repeats 3] [--clock cpu|wall]
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import inspect
import json
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

# n_process=1 means one core: keep BLAS from adding (spinning) threads, which would blur CPU
# time and compete with the main thread. Must be set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
# Running `python bench/speed.py` puts bench/ (not the checkout) on sys.path: make the checkout
# importable unless detente already is (editable install, or PYTHONPATH chosen on purpose).
if importlib.util.find_spec("detente") is None:
    sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_WORDS = 60_000
DEFAULT_SEED = 20190720  # the dump date of the corpus: any fixed number would do
# Cap per document so that one 30k-word article cannot make up half of the sample.
DEFAULT_DOC_WORDS = 3_000
PARAGRAPH = re.compile(r"\n\s*\n")


# ---------------------------------------------------------------- sample

@dataclasses.dataclass
class Text:
    """One sampled document: id (file stem), folder, source path, text, whitespace word count."""

    id: str
    folder: str
    path: str
    text: str
    words: int


def n_words(text: str) -> int:
    """Words as this benchmark counts them: whitespace-separated tokens of the input."""
    return len(text.split())


def head_paragraphs(text: str, max_words: int) -> str:
    """The leading paragraphs of `text` holding about `max_words` words (at least one paragraph)."""
    out: list[str] = []
    total = 0
    for para in PARAGRAPH.split(text):
        if not para.strip():
            continue
        if out and total + n_words(para) > max_words:
            break
        out.append(para.strip())
        total += n_words(para)
    return "\n\n".join(out)


def sample_corpus(corpus: Path, words: int = DEFAULT_WORDS, seed: int = DEFAULT_SEED,
                  doc_words: int = DEFAULT_DOC_WORDS) -> list[Text]:
    """A deterministic sample of ~`words` words: files shuffled per subfolder with `seed`, taken
    round-robin across subfolders (so every folder is represented), each cut to `doc_words`."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    if not folders:  # a flat folder of texts is fine too
        folders = [corpus]
    queues: list[list[Path]] = []
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".md", ".txt")
                       and p.name != "README.md")
        random.Random(f"{seed}:{folder.name}").shuffle(files)
        queues.append(files)
    sample: list[Text] = []
    total = 0
    while total < words and any(queues):
        for queue in queues:
            if not queue or total >= words:
                continue
            path = queue.pop(0)
            text = head_paragraphs(path.read_text(encoding="utf-8", errors="replace"),
                                   min(doc_words, max(words - total, 1)))
            w = n_words(text)
            if w == 0:
                continue
            sample.append(Text(path.stem, path.parent.name, str(path), text, w))
            total += w
    return sample


# ---------------------------------------------------------------- detente glue

def make_document(doc_cls: type, doc_id: str, text: str, path: str) -> Any:
    """Build a detente.readers.Document (via its `from_text`, which fills the content hash)."""
    if hasattr(doc_cls, "from_text"):
        return doc_cls.from_text(id=doc_id, text=text, path=path)
    # Fallback for other shapes of the class: fill what we know by name, None for the rest.
    params = inspect.signature(doc_cls).parameters
    kwargs: dict[str, Any] = {}
    for name, p in params.items():
        if name in ("id", "doc_id"):
            kwargs[name] = doc_id
        elif name == "text":
            kwargs[name] = text
        elif name == "path":
            kwargs[name] = path
        elif p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            kwargs[name] = None  # e.g. date/path: none for these texts
    return doc_cls(**kwargs)


# wall = elapsed time; cpu = this process's CPU time, which other load on a shared machine
# barely touches (it is the steadier figure for comparing two pipelines in one process).
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


def timed(fn: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    """({clock: seconds}, result) of fn(), after a garbage collection so runs start alike."""
    gc.collect()
    t0 = {k: c() for k, c in CLOCKS.items()}
    result = fn()
    return {k: c() - t0[k] for k, c in CLOCKS.items()}, result


def run_bare(nlp: Any, texts: Sequence[str], batch_size: int) -> int:
    """Parse every text with the bare model; returns the number of tokens (to consume the docs)."""
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1))


def run_detente(ex: Any, documents: Sequence[Any], batch_size: int) -> int:
    """Full extraction of every document; returns the number of Event records."""
    return sum(len(events) for _doc, events in
               ex.extract_documents(iter(documents), n_process=1, batch_size=batch_size))


def run_stages(nlp: Any, texts: Sequence[str], ids: Sequence[str], batch_size: int,
               clock: Callable[[], float] = time.process_time) -> dict[str, float]:
    """Seconds per stage: tokenizer, then each enabled pipe over all docs (stage by stage)."""
    times: dict[str, float] = {}
    gc.collect()
    t0 = clock()
    docs = [nlp.make_doc(t) for t in texts]
    times["tokenizer"] = clock() - t0
    for doc, doc_id in zip(docs, ids):
        if doc.has_extension("doc_id"):
            doc._.doc_id = doc_id  # components that stamp records may read it
    for name, proc in nlp.pipeline:
        gc.collect()
        t0 = clock()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        times[name] = clock() - t0
    return times


def _loaded(ex: Any) -> Any:
    """Touch `ex.nlp` so that a lazily built pipeline is loaded inside the load timing."""
    _ = ex.nlp
    return ex


def best(runs: Iterable[float]) -> float:
    """The fastest run: noise from other processes only ever adds time."""
    return min(runs)


# ---------------------------------------------------------------- main

def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .md/.txt texts "
                    "(subfolders are sampled round-robin); default: %(default)s")
    ap.add_argument("--words", type=int, default=DEFAULT_WORDS, help="sample size in whitespace words")
    ap.add_argument("--doc-words", type=int, default=DEFAULT_DOC_WORDS, help="cap per document")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--batch-size", type=int, default=32, help="documents per batch, both pipelines")
    ap.add_argument("--repeats", type=int, default=3, help="alternating bare/detente rounds; best kept")
    ap.add_argument("--model", default=None, help="spaCy model package (default: detente's default)")
    ap.add_argument("--clock", choices=tuple(CLOCKS), default="cpu",
                    help="clock for the ratio, the last line and the stages (both are printed); "
                         "default cpu: steady on a shared machine")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-component breakdown")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    a = ap.parse_args(argv)

    if not a.corpus.is_dir():
        ap.error(f"corpus folder not found: {a.corpus}")
    import detente
    from detente.nlp.pipeline import load_model
    from detente.readers import Document

    sample = sample_corpus(a.corpus, a.words, a.seed, a.doc_words)
    if len(sample) < 2:
        ap.error("the sample needs at least two documents (one is used for warm-up)")
    texts = [s.text for s in sample]
    ids = [s.id for s in sample]
    words = sum(s.words for s in sample)
    per_folder: dict[str, int] = {}
    for s in sample:
        per_folder[s.folder] = per_folder.get(s.folder, 0) + 1
    documents = [make_document(Document, s.id, s.text, s.path) for s in sample]

    t_load_bare, bare = timed(lambda: load_model(a.model))
    t_load_ex, ex = timed(lambda: _loaded(detente.Extractor(model=a.model)))
    bare_pipes = set(bare.pipe_names)

    print(f"corpus  : {a.corpus}  seed={a.seed}")
    print(f"sample  : {len(sample)} documents ({', '.join(f'{k}: {v}' for k, v in sorted(per_folder.items()))}), "
          f"{words} words, {sum(len(t) for t in texts)} chars")
    print(f"model   : {bare.meta.get('lang')}_{bare.meta.get('name')} {bare.meta.get('version')}  "
          f"bare pipes: {' '.join(bare.pipe_names)}")
    print(f"detente : pipes: {' '.join(ex.nlp.pipe_names)}")
    print(f"settings: batch_size={a.batch_size} n_process=1 repeats={a.repeats} clock={a.clock}  "
          f"(load, wall: bare {t_load_bare['wall']:.2f}s, detente {t_load_ex['wall']:.2f}s)")

    # Warm-up: one document through each pipeline (lazy tables, first-call allocations).
    run_bare(bare, texts[:1], a.batch_size)
    run_detente(ex, documents[:1], a.batch_size)

    runs: dict[str, list[dict[str, float]]] = {"bare": [], "detente": []}
    stage_runs: list[dict[str, float]] = []
    n_events = n_tokens = 0
    for i in range(max(1, a.repeats)):
        # Alternate which pipeline goes first, so a drift in machine load hits both alike.
        for which in (("bare", "detente") if i % 2 == 0 else ("detente", "bare")):
            if which == "bare":
                t, n_tokens = timed(lambda: run_bare(bare, texts, a.batch_size))
            else:
                t, n_events = timed(lambda: run_detente(ex, documents, a.batch_size))
            runs[which].append(t)
        if not a.no_stages:
            stage_runs.append(run_stages(ex.nlp, texts, ids, a.batch_size, CLOCKS[a.clock]))

    # best run per pipeline and clock
    best_s = {(p, c): best(r[c] for r in runs[p]) for p in runs for c in CLOCKS}
    wps = {k: words / v for k, v in best_s.items()}
    print()
    for p, extra in (("bare", f"{n_tokens} spaCy tokens, {n_tokens / words:.2f} per word"),
                     ("detente", f"{n_events} events, {1000 * n_events / words:.1f} per 1k words")):
        for c in CLOCKS:
            print(f"{p:<8}{c:>4}: runs {' '.join(f'{r[c]:.2f}' for r in runs[p])} s  best {best_s[p, c]:.2f} s  "
                  f"{wps[p, c]:>8,.0f} words/s" + (f"  ({extra})" if c == "wall" else ""))
    for c in CLOCKS:
        r = wps["detente", c] / wps["bare", c]
        print(f"ratio detente/bare words/s ({c:>4}) = {r:.3f}   detente overhead = "
              f"{100 * (best_s['detente', c] / best_s['bare', c] - 1):+.1f}% of bare time (budget: < +40%)")
    # Each round's bare and detente runs are adjacent in time, so their ratio shares the machine's
    # state; the spread of these per-round ratios shows how far to trust the best-of ratio.
    paired = sorted(b[a.clock] / d[a.clock] for b, d in zip(runs["bare"], runs["detente"]))
    print(f"per-round ratios ({a.clock}): {' '.join(f'{r:.3f}' for r in paired)}  "
          f"median {statistics.median(paired):.3f}")
    bare_wps, det_wps = wps["bare", a.clock], wps["detente", a.clock]
    t_det = best_s["detente", a.clock]
    ratio = det_wps / bare_wps

    result: dict[str, Any] = {
        "documents": len(sample), "words": words, "spacy_tokens": n_tokens, "events": n_events,
        "batch_size": a.batch_size, "repeats": a.repeats, "clock": a.clock, "runs_s": runs,
        "best_s": {f"{p}_{c}": v for (p, c), v in best_s.items()},
        "bare_wps": bare_wps, "detente_wps": det_wps, "ratio": ratio,
        "round_ratios": paired, "median_round_ratio": statistics.median(paired),
    }
    if stage_runs:
        names = list(stage_runs[0])
        stages = {n: best(r[n] for r in stage_runs) for n in names}
        total = sum(stages.values())
        parse = sum(v for n, v in stages.items() if n == "tokenizer" or n in bare_pipes)
        own = total - parse
        print()
        print(f"per component ({a.clock} time, stage by stage over all documents, best of {len(stage_runs)}):")
        print(f"  {'stage':<22}{'seconds':>9}{'share':>8}{'of parse':>10}")
        for n in names:
            kind = "" if (n == "tokenizer" or n in bare_pipes) else "  (detente)"
            print(f"  {n:<22}{stages[n]:>9.3f}{100 * stages[n] / total:>7.1f}%"
                  f"{100 * stages[n] / parse:>9.1f}%{kind}")
        print(f"  {'parse (model) total':<22}{parse:>9.3f}{100 * parse / total:>7.1f}%")
        print(f"  {'detente pipes total':<22}{own:>9.3f}{100 * own / total:>7.1f}%{100 * own / parse:>9.1f}%")
        outside = t_det - total
        print(f"  outside the pipes (readers, splitting, record building; best full run - sum of stages): "
              f"{outside:+.3f} s ({100 * outside / t_det:+.1f}% of the full run)")
        result.update(stages_s=stages, parse_s=parse, detente_pipes_s=own, outside_pipes_s=outside)
    if a.json:
        a.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print()
    print(f"bare_wps={bare_wps:.0f} detente_wps={det_wps:.0f} ratio={ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
