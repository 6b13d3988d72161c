#!/usr/bin/env python3
"""Where detente's time goes: pyinstrument over `Extractor.extract_documents` on the same corpus
sample as bench/speed.py, printed as a call tree, and the share of wall time that detente's own
code takes (frames under detente/ that are not spaCy's model).

Needs pyinstrument: pip install -e ".[profile]".

usage: python bench/profiling.py [--words 20000] [--html FILE] [--show-all]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core, as n_process=1 means


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--words", type=int, default=20_000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    ap.add_argument("--show-all", action="store_true", help="do not hide library frames")
    args = ap.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        print('bench/profiling.py needs pyinstrument: pip install -e ".[profile]"', file=sys.stderr)
        return 2

    from speed import make_document, sample_corpus  # the same sample as bench/speed.py

    from detente.extractor import Extractor
    from detente.readers import Document

    texts = sample_corpus(args.corpus, words=args.words)
    docs = [make_document(Document, t.id, t.text, t.path) for t in texts]
    ex = Extractor()
    list(ex.extract_documents(docs[:1]))  # load the model and warm up outside the profile

    profiler = Profiler(interval=0.001)
    profiler.start()
    n_events = sum(len(evs) for _, evs in ex.extract_documents(docs, batch_size=args.batch_size))
    profiler.stop()

    session = profiler.last_session
    print(f"{len(docs)} documents, {sum(len(t.text.split()) for t in texts)} words, {n_events} events, "
          f"{session.duration:.1f} s profiled")
    print(profiler.output_text(unicode=True, color=False, show_all=args.show_all))
    # detente's own share: the time inside each detente component, as pyinstrument measured it
    root = session.root_frame()
    own: dict[str, float] = {}

    def walk(frame) -> None:  # type: ignore[no-untyped-def]
        path = frame.file_path or ""
        if "/detente/nlp/" in path and frame.function == "__call__":
            name = Path(path).stem
            own[name] = own.get(name, 0.0) + frame.time
            return  # children are inside it
        for child in frame.children:
            walk(child)

    if root is not None:
        walk(root)
    total = session.duration
    for name, secs in sorted(own.items(), key=lambda kv: -kv[1]):
        print(f"  detente component {name:<12} {secs:6.2f} s  {100 * secs / total:5.1f}% of wall")
    print(f"detente_components_share={100 * sum(own.values()) / total:.1f}%")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
