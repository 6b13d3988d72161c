"""Shared fixtures. Tests build small Docs by hand (words, heads, deps) so that they test detente's
rules, not the statistical parser; a few end-to-end tests use the real model through `nlp`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from detente.nlp import extensions
from detente.record import Actor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared, or skip the test when the shared folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="session")
def extractor():
    """The full default pipeline (real parser + detente components), loaded once."""
    from detente.extractor import Extractor

    ex = Extractor()
    ex.nlp  # load
    return ex


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


def build_doc(vocab, spec: str, actors: dict[int, tuple] | None = None, members: dict[int, list] | None = None) -> Doc:
    """A Doc from a compact spec: one token per item, `word/lemma/POS/dep/head` (head = token index;
    the root points at itself). `actors` maps token index (or (start, end)) -> (code, sector)."""
    words, lemmas, pos, deps, heads = [], [], [], [], []
    for item in spec.split():
        word, lemma, p, dep, head = item.split("/")
        words.append(word.replace("_", " ") if word != "_" else word)
        lemmas.append(lemma)
        pos.append(p)
        deps.append(dep)
        heads.append(int(head))
    doc = Doc(vocab, words=words, lemmas=lemmas, pos=pos, deps=deps, heads=heads,
              sent_starts=[True] + [False] * (len(words) - 1))
    spans = []
    for key, (code, sector) in (actors or {}).items():
        start, end = (key, key + 1) if isinstance(key, int) else key
        span = Span(doc, start, end)
        span._.actor = Actor(code, sector, span.text)
        spans.append(span)
    for key, codes in (members or {}).items():
        start, end = key
        span = Span(doc, start, end)
        span._.actor = Actor(codes[0], None, span.text)
        if not Span.has_extension("members"):
            Span.set_extension("members", default=None)
        span._.members = [Actor(c, None, span.text) for c in codes]
        spans.append(span)
    doc.spans[extensions.ACTORS] = spans
    doc.spans[extensions.DATES] = []
    return doc


@pytest.fixture
def make_doc(vocab):
    def _make(spec: str, actors=None, members=None) -> Doc:
        return build_doc(vocab, spec, actors, members)
    return _make


def run_cli(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed `detente` entry point in a subprocess (a real start-up, real exit codes)."""
    return subprocess.run([sys.executable, "-m", "detente.cli", *args], capture_output=True, text=True,
                          input=input, timeout=600)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def domestic_coder():
    """The event coder in domestic mode (events between two actors of one country too)."""
    from detente.nlp.events import EventCoder
    from detente.nlp.lexicon import load_lexicon
    return EventCoder(load_lexicon(()), domestic=True)
