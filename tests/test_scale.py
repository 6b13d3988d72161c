"""Scale-out: chunked streaming, memory zones, and ingest on a Dask cluster (detente.scale).

The cluster tests start real Dask LocalClusters: a 2-process one with the real model (same
records as the in-process path), and in-process thread clusters with a fake extractor for
retries, failures and re-runs (fast, and the fake can count what it codes).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from detente import scale
from detente import store as store_mod
from detente.extractor import Extractor, split_text
from detente.readers import Document
from detente.record import Actor, Event, Location, Quantity
from detente.scale import (ExtractorSpec, ProgressReporter, count_documents, event_from_dict,
                           parse_cluster, process_chunk, results_table, table_records)
from detente.errors import DetenteError
from detente.store import Store, ingest

distributed = pytest.importorskip("distributed")

# Short texts of our own: who did what to whom, with dates, quantities and places.
TEXTS = {
    "talks": "Iran and Russia signed a gas agreement in Tehran on 3 March 2019.\n\n"
             "Russia sent 40 engineers to Iran in April 2019.",
    "border": "Armenia accused Azerbaijan of shelling border villages on 12 July 2020.\n\n"
              "France urged Armenia and Azerbaijan to resume talks.",
    "trade": "China criticised the United States over new tariffs in May 2019.\n\n"
             "The United States imposed sanctions on Iran last week.",
    "aid": "Germany pledged 50 million euros of aid to Ukraine on 1 June 2022.\n\n"
           "Russia condemned the decision.",
    "empty": "Nothing happened here at all.",
}


def write_corpus(folder: Path, names: Iterable[str] = TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    return folder


def stored_records(db: Path) -> list[tuple]:
    """Everything that identifies a stored event, in a stable order (event ids left out)."""
    with Store(db, read_only=True) as store:
        return sorted(tuple(sorted((k, repr(v)) for k, v in dataclasses.asdict(e).items()))
                      for e in store.events())


def plain_values(obj: Any) -> Iterator[Any]:
    """Every leaf value of an event record (to check that nothing of spaCy is kept)."""
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from plain_values(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from plain_values(item)
    else:
        yield obj


# ---------------------------------------------------------------------------- single machine
def test_split_text_covers_the_text_and_cuts_at_paragraphs() -> None:
    paras = [f"Paragraph {i} says that Iran met Russia." for i in range(40)]
    text = "\n\n".join(paras)
    pieces = list(split_text(text, 300))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 300 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    # every cut falls right after a paragraph break
    assert all(text[o - 1] == "\n" for o, _ in pieces[1:])
    # no break at all: still cut, still covering
    blob = "x" * 1000
    assert "".join(p for _, p in split_text(blob, 300)) == blob


def test_long_document_offsets_refer_to_the_whole_text(extractor: Extractor) -> None:
    text = "\n\n".join(TEXTS[n] for n in ("talks", "border", "trade", "aid") * 3)
    small = Extractor(nlp=extractor.nlp, chunk_chars=400)  # forces several pieces
    assert len(list(split_text(text, 400))) > 3
    doc = Document.from_text("long", text, "<text>")
    (_, events), = small.extract_documents([doc])
    assert len(events) >= 8
    for ev in events:
        assert text[ev.start:ev.end] == ev.sentence
        assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
        assert text[ev.trigger_start:ev.trigger_end]


def test_memory_zone_gives_the_same_records_and_keeps_nothing_of_spacy(extractor: Extractor) -> None:
    docs = [Document.from_text(n, t, f"{n}.txt", date=dt.date(2020, 1, 1)) for n, t in TEXTS.items()]
    plain = process_chunk(docs, extractor, memory_zone=False)
    zoned = process_chunk(docs[:2], extractor) + process_chunk(docs[2:], extractor)
    again = process_chunk(docs, extractor)  # after zones were left: cached strings still valid
    to_dicts = lambda rs: [(r.document.id, [e.to_dict() for e in r.events], r.error) for r in rs]  # noqa: E731
    assert to_dicts(zoned) == to_dicts(plain) == to_dicts(again)
    assert sum(len(r.events) for r in plain) >= 4
    allowed = (str, int, float, bool, type(None))
    for r in zoned:
        for ev in r.events:
            assert all(isinstance(v, allowed) for v in plain_values(ev)), ev


def test_n_process_gives_the_same_records(extractor: Extractor) -> None:
    """spaCy's worker processes send Docs back as msgpack, which cannot hold detente's
    extension values: the parse runs there, detente's components here."""
    docs = [Document.from_text(n, t, f"{n}.txt", date=dt.date(2020, 1, 1)) for n, t in TEXTS.items()]
    one = process_chunk(docs, extractor, memory_zone=False)
    two = process_chunk(docs, extractor, n_process=2, batch_size=2)
    assert [r.error for r in two] == [None] * len(docs)
    assert [[e.to_dict() for e in r.events] for r in two] == [[e.to_dict() for e in r.events] for r in one]


def test_process_chunk_reports_a_breaking_document_and_goes_on() -> None:
    docs = [Document.from_text(n, TEXTS[n], n) for n in ("talks", "border", "trade")]
    results = process_chunk(docs, FakeExtractor(fail_on=("border",)))
    assert [r.document.id for r in results] == ["talks", "border", "trade"]
    assert results[1].events is None and results[1].error.startswith("E099")
    assert results[0].events and results[2].events and results[0].error is None


def test_records_survive_the_parquet_round_trip() -> None:
    ev = Event(doc="d", start=0, end=10, sentence="Iran ... ", source=Actor("IRN", "GOV", "Iran"),
               target=Actor("RUS", None, "Russia"), event_type="AGREE", mode=None, quad_class=1,
               intensity=4.5, cameo_root="03", symmetric=True, date="2019-03", date_text="March",
               location=Location("Tehran", "IRN"), quantities=[Quantity("40 engineers", 40.0, "person")],
               confidence=0.7, trigger="signed", trigger_start=3, trigger_end=9)
    doc = Document.from_text("d", "Iran signed.", "d.txt")
    table = results_table([scale.DocResult(doc, [ev]), scale.DocResult(doc, None, "E099 d: boom")])
    back = table_records(table.slice(0, 1))
    assert back[doc.content_hash] == ([ev], None)
    assert event_from_dict(ev.to_dict()) == ev


def test_single_process_ingest_streams_in_chunks(tmp_path: Path, extractor: Extractor,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_corpus(tmp_path / "in")
    seen: list[int] = []
    original = scale.process_chunk

    def spy(docs, ex, **kw):
        seen.append(len(docs))
        return original(docs, ex, **kw)

    monkeypatch.setattr(scale, "process_chunk", spy)
    summary = ingest([folder], tmp_path / "s.duckdb", extractor=extractor, chunk_docs=2)
    assert seen == [2, 2, 1]
    assert summary.documents_stored == 5 and not summary.failures


# ---------------------------------------------------------------------------- the cluster
def test_two_worker_local_cluster_stores_the_same_records(tmp_path: Path, extractor: Extractor) -> None:
    folder = write_corpus(tmp_path / "in")
    single = ingest([folder], tmp_path / "single.duckdb", extractor=extractor,
                    document_date=dt.date(2021, 1, 1))
    db = tmp_path / "cluster.duckdb"
    spread = ingest([folder], db, extractor=ExtractorSpec(), cluster="local:2", chunk_docs=2,
                    document_date=dt.date(2021, 1, 1))
    assert spread.cluster.workers == 2 and spread.cluster.chunks_submitted == 3
    assert (spread.documents_stored, spread.events, spread.sentences, spread.failures) == \
           (single.documents_stored, single.events, single.sentences, single.failures)
    assert single.events >= 4
    assert stored_records(db) == stored_records(tmp_path / "single.duckdb")
    assert not (tmp_path / "cluster.duckdb.work").exists()  # stored chunks leave no files

    rerun = ingest([folder], db, extractor=ExtractorSpec(), cluster="local:2", chunk_docs=2)
    assert rerun.documents_skipped_duplicate == 5 and rerun.documents_stored == 0
    assert rerun.cluster.chunks_submitted == 0  # nothing sent: no cluster even started


# A fake extractor for the thread-cluster tests: no spaCy; it records what it codes.
CODED: list[str] = []
ATTEMPTS: dict[str, int] = {}


class FakeExtractor:
    """One event per document; raises ValueError (a bad document) or OSError (a broken worker:
    the whole chunk fails) on chosen ids; `flaky` ids fail only on their first attempt."""

    def __init__(self, fail_on: Iterable[str] = (), crash_on: Iterable[str] = (),
                 flaky: Iterable[str] = ()) -> None:
        self.fail_on, self.crash_on, self.flaky = set(fail_on), set(crash_on), set(flaky)

    @property
    def nlp(self) -> object:
        return object()  # no memory_zone: process_chunk must cope

    def extract_documents(self, documents: Iterable[Document], batch_size: int = 16,
                          n_process: int = 1) -> Iterator[tuple[Document, list[Event]]]:
        for d in documents:
            ATTEMPTS[d.id] = ATTEMPTS.get(d.id, 0) + 1
            if d.id in self.crash_on or (d.id in self.flaky and ATTEMPTS[d.id] == 1):
                raise OSError(f"worker lost its disk on {d.id}")
            if d.id in self.fail_on:
                raise ValueError(f"bad document {d.id}")
            CODED.append(d.id)
            first = d.text.split("\n")[0]
            yield d, [Event(doc=d.id, start=0, end=len(first), sentence=first,
                            source=Actor("AAA"), target=Actor("BBB"), event_type="CONSULT",
                            mode=None, quad_class=1, intensity=1.0, cameo_root="04")]


@dataclasses.dataclass(frozen=True)
class FakeSpec:
    fail_on: tuple[str, ...] = ()
    crash_on: tuple[str, ...] = ()
    flaky: tuple[str, ...] = ()

    def build(self) -> FakeExtractor:
        return FakeExtractor(self.fail_on, self.crash_on, self.flaky)


@pytest.fixture()
def thread_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A one-process Dask cluster with two worker threads (shares CODED with the test)."""
    monkeypatch.setattr(scale, "_EXTRACTORS", {})
    CODED.clear()
    ATTEMPTS.clear()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0", silence_logs=50) as lc, \
            distributed.Client(lc) as client:
        yield client


def test_failed_chunk_is_retried(tmp_path: Path, thread_client: Any) -> None:
    folder = write_corpus(tmp_path / "in")
    summary = ingest([folder], tmp_path / "s.duckdb", extractor=FakeSpec(flaky=("border",)),
                     cluster=thread_client, chunk_docs=2, retries=1)
    assert ATTEMPTS["border"] == 2  # failed once, then the chunk ran again
    assert summary.documents_stored == 5 and not summary.failures
    assert summary.cluster.chunks_failed == 0


def test_chunk_that_keeps_failing_is_reported_and_the_rest_stored(tmp_path: Path,
                                                                  thread_client: Any) -> None:
    folder = write_corpus(tmp_path / "in")  # sorted: aid, border, empty, talks, trade
    summary = ingest([folder], tmp_path / "s.duckdb", cluster=thread_client, chunk_docs=2,
                     retries=2, extractor=FakeSpec(crash_on=("border",), fail_on=("trade",)))
    assert ATTEMPTS["border"] == 3  # 1 + 2 retries
    assert summary.cluster.chunks_failed == 1
    # the failed chunk's two documents, and the one bad document of another chunk
    assert len(summary.failures) == 3
    assert all(f.startswith("E099") for f in summary.failures)
    assert any("aid" in f and "chunk failed 3 times" in f and "OSError" in f for f in summary.failures)
    assert any("trade" in f and "bad document" in f for f in summary.failures)
    assert summary.documents_stored == 2
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert sorted(store.documents_frame()["doc_id"]) == ["empty", "talks"]


def test_rerun_reuses_coded_chunks_and_skips_stored_documents(tmp_path: Path, thread_client: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_corpus(tmp_path / "in")
    db = tmp_path / "s.duckdb"
    original = store_mod._insert_rows

    def disk_full(con, table, columns, rows, **kw):
        if table == "events" and rows and rows[0][0] in ("talks", "trade"):
            raise OSError("disk full")
        return original(con, table, columns, rows, **kw)

    monkeypatch.setattr(store_mod, "_insert_rows", disk_full)
    first = ingest([folder], db, extractor=FakeSpec(), cluster=thread_client, chunk_docs=2)
    assert first.documents_stored == 3 and len(first.failures) == 2
    work = tmp_path / "s.duckdb.work"
    # chunks [aid, border] [empty, talks] [trade]: the first is stored whole, so its file is
    # removed; the files of the two chunks holding a document that was not stored stay
    assert sorted(p.name.startswith("chunk-") for p in work.iterdir()) == [True, True]
    assert sorted(CODED) == sorted(TEXTS)

    monkeypatch.setattr(store_mod, "_insert_rows", original)
    CODED.clear()
    again = ingest([folder], db, extractor=FakeSpec(), cluster=thread_client, chunk_docs=2)
    assert CODED == []  # nothing coded again: stored documents skipped, the rest from the file
    # the re-run's one chunk [talks, trade] is loaded from the two files of the first run
    assert again.cluster.chunks_reused == 1 and again.cluster.chunks_submitted == 0
    assert (again.documents_stored, again.documents_skipped_duplicate) == (2, 3)
    assert not work.exists()
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 5 and store.counts()["events"] == 5


# ---------------------------------------------------------------------------- odds and ends
@pytest.mark.parametrize("spec,want", [("local", ("local", None)), ("local:3", ("local", 3)),
                                       ("tcp://10.0.0.1:8786", ("tcp", "tcp://10.0.0.1:8786"))])
def test_parse_cluster(spec: str, want: tuple) -> None:
    assert parse_cluster(spec) == want


@pytest.mark.parametrize("spec", ["", "local:0", "local:x", "remote", "tcp://"])
def test_parse_cluster_refuses_bad_specs(spec: str) -> None:
    with pytest.raises(DetenteError) as err:
        parse_cluster(spec)
    assert err.value.code == "E070"


def test_count_documents_and_plain_progress_lines(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", ["talks", "aid"])
    (folder / "notes.csv").write_text("a,b\n")
    (folder / "more.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}')
    assert count_documents([folder]) == 4

    import io

    out = io.StringIO()
    rep = ProgressReporter(total=4, tty=False, interval=0.0, stream=out)
    rep("stored", "a")
    rep("failed", "E001 gone.txt: no such file or directory")
    rep("duplicate", "b")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ingest: 1/4 documents (25%)") and "doc/s" in lines[0] and "ETA" in lines[0]
    assert lines[1] == "detente: E001 gone.txt: no such file or directory"
    assert lines[2].startswith("ingest: 2/4 documents") and lines[2].endswith("1 failed")


def test_cli_ingest_on_a_local_cluster_and_a_bad_cluster_spec(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from detente.cli import cli

    folder = write_corpus(tmp_path / "in", ["talks", "border", "aid"])
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    got = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--cluster", "local:2",
                              "--chunk-size", "1"])
    assert got.exit_code == 0, got.output
    assert "ingested 3 documents (3 new, 0 already stored)" in got.output
    assert "cluster: 2 workers, 3 chunks coded" in got.output
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 3 and store.counts()["events"] >= 3

    bad = runner.invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "d.duckdb"),
                              "--cluster", "remote"])
    assert bad.exit_code == 2
    assert "E070 bad cluster 'remote'" in bad.output and "Traceback" not in bad.output
    assert not (tmp_path / "d.duckdb").exists()


def test_parse_batches_are_bounded_by_documents_and_characters() -> None:
    """The parser's memory grows with a batch's text: batches hold at most `size` Docs and
    `max_chars` characters, unless one Doc alone is longer."""
    import spacy

    from detente.extractor import _char_batches

    blank = spacy.blank("en")

    def doc(n: int):
        d = blank.make_doc("x" * n)
        d.user_data["detente_chars"] = n
        return d

    sizes = [[len(d.text) for d in b]
             for b in _char_batches((doc(n) for n in (40, 30, 50, 200, 10, 10, 10, 10)), 3, 100)]
    assert sizes == [[40, 30], [50], [200], [10, 10, 10], [10]]
    assert list(_char_batches(iter(()), 3, 100)) == []


def test_chunks_are_bounded_by_documents_and_characters() -> None:
    docs = [Document.from_text(f"d{i}", "x" * n, f"d{i}.txt") for i, n in enumerate((5, 5, 30, 1, 1, 1))]
    sizes = lambda chunks: [[len(d.text) for d in c] for c in chunks]  # noqa: E731
    assert sizes(scale.chunked(docs, 3)) == [[5, 5, 30], [1, 1, 1]]
    assert sizes(scale.chunked(docs, 3, max_chars=10)) == [[5, 5], [30], [1, 1, 1]]
    assert list(scale.chunked([], 3, 10)) == []
