"""The DuckDB event store and `detente ingest`: real DuckDB files in tmp_path.

Most tests use `FakeExtractor`, which builds Event records from hand-written texts without
spaCy, so they test the store (idempotence, atomicity, failures, refusal of foreign files) and
not extraction quality. One test runs the real pipeline end to end.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from detente import store as store_mod
from detente.errors import DetenteError
from detente.readers import Document
from detente.record import Actor, Event, Location, Quantity
from detente.store import SCHEMA_VERSION, Store, date_bounds, ingest
from detente.store_cli import ingest_command

# capital -> ISO-3 code: all the "actor recognition" the fake extractor does
CAPITALS = {"Tehran": "IRN", "Moscow": "RUS", "Ankara": "TUR", "Beijing": "CHN", "Kyiv": "UKR",
            "Baku": "AZE", "Yerevan": "ARM", "Washington": "USA"}
CAPITAL_RE = re.compile("|".join(CAPITALS))
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}")

TEXTS = {
    "trade": "Tehran and Moscow signed a trade agreement in 2019-03-03.\n"
             "Moscow sent 40 engineers to Tehran.",
    "gas": "Ankara and Baku opened a gas pipeline in 2018-06-12.\nAnkara praised Baku.",
    "talks": "Yerevan met Baku in 2020.\nWashington urged Yerevan and Baku to talk.\n"
             "Moscow criticised Washington.",
}


def fake_events(doc: Document) -> list[Event]:
    """One event per line that names two capitals: first -> second, dated by an ISO date on
    the line; 'signed' lines are symmetric AGREE events with a quantity-free location."""
    events: list[Event] = []
    offset = 0
    for line in doc.text.split("\n"):
        names = [m for m in CAPITAL_RE.finditer(line)]
        if len(names) >= 2:
            a, b = names[0], names[1]
            date = ISO_DATE_RE.search(line)
            signed = "signed" in line
            qty = re.search(r"(\d+) engineers", line)
            events.append(Event(
                doc=doc.id, start=offset, end=offset + len(line), sentence=line,
                source=Actor(CAPITALS[a.group()], "GOV", a.group()),
                target=Actor(CAPITALS[b.group()], None, b.group()),
                event_type="AGREE" if signed else "CONSULT", mode=None, quad_class=1,
                intensity=4.0 if signed else 1.0, cameo_root="03" if signed else "04",
                symmetric=signed, date=date.group() if date else None,
                date_text=date.group() if date else None,
                location=Location(b.group(), CAPITALS[b.group()]) if signed else None,
                track="economic" if signed else "political",
                quantities=[Quantity(qty.group(), float(qty.group(1)), "person")] if qty else [],
                confidence=0.8, trigger=line.split()[1] if len(line.split()) > 1 else "",
                trigger_start=offset, trigger_end=offset + 1,
            ))
            if len(names) >= 3:  # "urged Yerevan and Baku": a second event to the second target
                c = names[2]
                events.append(Event(
                    doc=doc.id, start=offset, end=offset + len(line), sentence=line,
                    source=Actor(CAPITALS[a.group()], "GOV", a.group()),
                    target=Actor(CAPITALS[c.group()], None, c.group()),
                    event_type="CONSULT", mode=None, quad_class=1, intensity=1.0, cameo_root="04"))
        offset += len(line) + 1
    return events


class FakeExtractor:
    """Stands in for detente.extractor.Extractor: no spaCy, records what it was asked to code."""

    def __init__(self, model: str | None = None, actor_files: Iterable[str] = (),
                 lexicon_files: Iterable[str] = (), fail_on: Iterable[str] = (),
                 verb_files: Iterable[str] = (), verb_codes: str = "auto", domestic: bool = False,
                 discard_files: Iterable[str] = (), verbs_only: bool = False) -> None:
        self.fail_on = set(fail_on)
        self.coded: list[str] = []
        self.loads = 0

    @property
    def nlp(self) -> object:
        self.loads += 1
        return object()

    def extract_documents(self, documents: Iterable[Document], batch_size: int = 16,
                          n_process: int = 1) -> Iterator[tuple[Document, list[Event]]]:
        for doc in documents:
            if doc.id in self.fail_on:
                raise RuntimeError(f"parser broke on {doc.id}")
            self.coded.append(doc.id)
            yield doc, fake_events(doc)


def write_texts(folder: Path, names: Iterable[str] = TEXTS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        p = folder / f"{name}.txt"
        p.write_text(TEXTS[name], encoding="utf-8")
        paths.append(p)
    return paths


def expected_events(names: Iterable[str] = TEXTS) -> int:
    return sum(len(fake_events(Document.from_text(n, TEXTS[n], n))) for n in names)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------------------- schema and opening
def test_new_store_has_schema_and_version(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.counts() == {"documents": 0, "sentences": 0, "events": 0, "actors": 0}
    assert db.read_bytes()[8:12] == b"DUCK"  # a real DuckDB file on disk
    tables = {r[0] for r in rows(db, "SELECT table_name FROM information_schema.tables")}
    assert {"meta", "documents", "sentences", "events", "actors"} <= tables
    cols = {r[0]: r[1] for r in rows(db, "SELECT column_name, data_type FROM information_schema.columns "
                                         "WHERE table_name = 'events'")}
    assert cols["date_start"] == "DATE" and cols["date_end"] == "DATE"
    assert cols["quantities"] == "JSON" and cols["symmetric"] == "BOOLEAN"


def test_not_a_duckdb_file_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_bytes(b"These are my notes, not a database.\n" * 50)
    before = sha(db)
    with pytest.raises(DetenteError) as err:
        Store(db)
    assert err.value.code == "E040" and str(db) in err.value.message
    assert sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.duckdb"]  # no WAL, no lock file


def test_truncated_store_is_refused_and_untouched(tmp_path: Path) -> None:
    good = tmp_path / "good.duckdb"
    ingest(write_texts(tmp_path / "in"), good, extractor=FakeExtractor())
    db = tmp_path / "cut.duckdb"
    db.write_bytes(good.read_bytes()[:3000])  # keeps the DUCK magic, loses the rest
    before = sha(db)
    with pytest.raises(DetenteError) as err:
        Store(db)
    assert err.value.code in {"E040", "E043", "E046"}
    assert sha(db) == before


def test_foreign_duckdb_database_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE prices (day DATE, close DOUBLE)")
    con.execute("INSERT INTO prices VALUES ('2019-03-03', 1.5)")
    con.close()
    before = sha(db)
    with pytest.raises(DetenteError) as err:
        Store(db)
    assert err.value.code == "E041" and "prices" in err.value.message
    assert sha(db) == before
    # a foreign table that happens to be called `meta` is not detente's either
    db2 = tmp_path / "meta.duckdb"
    con = duckdb.connect(str(db2))
    con.execute("CREATE TABLE meta (k INTEGER)")
    con.close()
    before2 = sha(db2)
    with pytest.raises(DetenteError) as err2:
        Store(db2)
    assert err2.value.code == "E041"
    assert sha(db2) == before2


def test_newer_schema_version_is_refused_and_untouched(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    before = sha(db)
    with pytest.raises(DetenteError) as err:
        Store(db)
    assert err.value.code == "E042"
    assert sha(db) == before


def test_empty_duckdb_database_and_empty_file_become_stores(tmp_path: Path) -> None:
    empty_db = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty_db)).close()
    zero = tmp_path / "zero.duckdb"
    zero.touch()
    for db in (empty_db, zero):
        with Store(db) as store:
            assert store.schema_version == SCHEMA_VERSION


def test_store_reopens_and_keeps_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(write_texts(tmp_path / "in", ["trade"]), db, extractor=FakeExtractor())
    with Store(db) as store:
        assert store.counts()["documents"] == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == expected_events(["trade"])
        with pytest.raises(DetenteError) as err:
            store.add_document(Document.from_text("x", "Baku met Ankara.", "x"), [])
        assert err.value.code == "E047"


# ------------------------------------------------------------------------- ingest
def test_ingest_stores_documents_events_sentences_actors(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    write_texts(tmp_path / "in")
    summary = ingest([tmp_path / "in"], db, extractor=FakeExtractor(), document_date=dt.date(2021, 5, 1))
    n_events = expected_events()
    assert (summary.documents_seen, summary.documents_stored, summary.documents_skipped_duplicate) == (3, 3, 0)
    assert summary.events == n_events and not summary.failures
    with Store(db) as store:
        counts = store.counts()
        assert counts["documents"] == 3 and counts["events"] == n_events
        # "talks" has two events on one line: one evidence sentence for both
        assert counts["sentences"] == summary.sentences == n_events - 1
        docs = store.documents_frame(with_text=True).set_index("doc_id")
        assert docs.loc["trade", "text"] == TEXTS["trade"]
        assert docs.loc["trade", "n_chars"] == len(TEXTS["trade"])
        assert docs.loc["trade", "source"] == "text"
        assert docs.loc["trade", "doc_date"].date() == dt.date(2021, 5, 1)
        # every event's offsets point at its sentence in the stored text
        for ev in store.events():
            assert docs.loc[ev.doc, "text"][ev.start:ev.end] == ev.sentence
        actors = store.query("SELECT code, sector, text, first_seen FROM actors")
        triples = [(c, s if isinstance(s, str) else None, t)
                   for c, s, t in actors[["code", "sector", "text"]].itertuples(index=False)]
        assert len(triples) == len(set(triples))  # each (code, sector, text) once
        assert set(actors.code) == {"IRN", "RUS", "TUR", "AZE", "ARM", "USA"}
        baku = actors[(actors.code == "AZE") & (actors.text == "Baku")]
        # Baku is named in gas.txt (stored first: sorted order) and talks.txt, always without a
        # sector: one row, NULL sector compared as equal, first seen in gas
        assert baku.first_seen.tolist() == ["gas"] and baku.sector.isna().all()
        assert ("RUS", "GOV", "Moscow") in triples and ("RUS", None, "Moscow") in triples


def test_stored_events_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    paths = write_texts(tmp_path / "in")
    ingest(paths, db, extractor=FakeExtractor())
    original = [ev for p in paths for ev in fake_events(Document.from_text(p.stem, p.read_text(), str(p)))]
    with Store(db) as store:
        stored = store.events()
    key = lambda e: (e.doc, e.start, e.target.country)  # noqa: E731
    assert sorted(stored, key=key) == sorted(original, key=key)


def test_ingest_twice_is_idempotent_and_skips_nlp(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    paths = write_texts(tmp_path / "in")
    ingest(paths, db, extractor=FakeExtractor())
    with Store(db) as store:
        first = store.counts()
    again = FakeExtractor()
    summary = ingest(paths, db, extractor=again)
    assert (summary.documents_seen, summary.documents_stored, summary.documents_skipped_duplicate) == (3, 0, 3)
    assert summary.events == 0 and summary.sentences == 0
    assert again.coded == [] and again.loads == 0  # nothing parsed, pipeline never loaded
    with Store(db) as store:
        assert store.counts() == first
    # the same text under another name is the same document
    copy = tmp_path / "copy" / "trade-copy.txt"
    copy.parent.mkdir()
    copy.write_text(TEXTS["trade"], encoding="utf-8")
    assert ingest([copy], db, extractor=FakeExtractor()).documents_skipped_duplicate == 1
    with Store(db) as store:
        assert store.counts() == first


def test_duplicate_texts_in_one_run_and_clashing_ids(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    a = write_texts(tmp_path / "a", ["trade"])[0]
    b = tmp_path / "b" / "trade.txt"  # same name, different text
    b.parent.mkdir()
    b.write_text(TEXTS["gas"], encoding="utf-8")
    c = tmp_path / "c" / "again.txt"  # same text as a
    c.parent.mkdir()
    c.write_text(TEXTS["trade"], encoding="utf-8")
    summary = ingest([a, b, c], db, extractor=FakeExtractor())
    assert (summary.documents_stored, summary.documents_skipped_duplicate) == (2, 1)
    with Store(db) as store:
        ids = sorted(store.documents_frame().doc_id)
        assert ids[0] == "trade" and ids[1].startswith("trade~")
        gas = store.events_frame(doc_id=ids[1])
        assert set(gas.source_country) == {"TUR"}


def test_bad_file_in_the_middle_is_reported_and_batch_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    folder = tmp_path / "in"
    good = write_texts(folder, ["trade", "talks"])
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    missing = folder / "nowhere.txt"
    summary = ingest([good[0], bad, missing, good[1]], db, extractor=FakeExtractor())
    assert summary.documents_stored == 2
    assert len(summary.failures) == 2
    assert any(m.startswith("E005") and "broken.txt" in m for m in summary.failures)
    assert any(m.startswith("E001") and "nowhere.txt" in m for m in summary.failures)
    with Store(db) as store:
        assert sorted(store.documents_frame().doc_id) == ["talks", "trade"]
        assert store.counts()["events"] == expected_events(["trade", "talks"])


def test_document_that_breaks_the_pipeline_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    paths = write_texts(tmp_path / "in")
    summary = ingest(paths, db, extractor=FakeExtractor(fail_on={"gas"}))
    assert summary.documents_stored == 2
    assert len(summary.failures) == 1 and summary.failures[0].startswith("E099")
    assert "gas" in summary.failures[0]
    # a later run with a working pipeline stores it
    assert ingest(paths, db, extractor=FakeExtractor()).documents_stored == 1


# ------------------------------------------------------------------------- atomicity
def doc_rows(db: Path, doc_id: str) -> dict[str, int]:
    return {
        "documents": rows(db, "SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id])[0][0],
        "sentences": rows(db, "SELECT count(*) FROM sentences WHERE doc_id = ?", [doc_id])[0][0],
        "events": rows(db, "SELECT count(*) FROM events WHERE doc_id = ?", [doc_id])[0][0],
        "actors": rows(db, "SELECT count(*) FROM actors WHERE first_seen = ?", [doc_id])[0][0],
    }


def test_failure_while_writing_a_document_leaves_no_partial_rows(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    write_texts(tmp_path / "in")
    paths = [tmp_path / "in"]  # a folder is read in sorted order: gas, talks, trade
    original = store_mod._insert_rows

    def write_one_then_fail(con, table, columns, rows_, **kw):
        if table == "events" and rows_ and rows_[0][0] == "talks":
            original(con, table, columns, rows_[:1], **kw)  # the first row goes in ...
            raise OSError("disk full")                      # ... then the write breaks
        return original(con, table, columns, rows_, **kw)

    monkeypatch.setattr(store_mod, "_insert_rows", write_one_then_fail)
    summary = ingest(paths, db, extractor=FakeExtractor())
    assert summary.documents_stored == 2
    assert len(summary.failures) == 1
    assert summary.failures[0].startswith("E045") and "talks.txt" in summary.failures[0]
    assert "disk full" in summary.failures[0]
    assert doc_rows(db, "talks") == {"documents": 0, "sentences": 0, "events": 0, "actors": 0}
    assert doc_rows(db, "trade")["events"] == expected_events(["trade"])  # a later document is whole

    monkeypatch.setattr(store_mod, "_insert_rows", original)
    rerun = ingest(paths, db, extractor=FakeExtractor())
    assert (rerun.documents_stored, rerun.documents_skipped_duplicate) == (1, 2)
    assert doc_rows(db, "talks")["events"] == expected_events(["talks"])
    assert doc_rows(db, "talks")["documents"] == 1
    with Store(db) as store:
        assert store.counts()["events"] == expected_events()


def test_interrupted_ingest_completes_on_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.duckdb"
    write_texts(tmp_path / "in")
    paths = [tmp_path / "in"]  # sorted: gas, talks, trade
    original = store_mod._insert_rows

    def interrupt(con, table, columns, rows_, **kw):
        if table == "sentences" and rows_ and rows_[0][0] == "talks":
            original(con, table, columns, rows_, **kw)
            raise KeyboardInterrupt  # Ctrl-C in the middle of a document
        return original(con, table, columns, rows_, **kw)

    monkeypatch.setattr(store_mod, "_insert_rows", interrupt)
    with pytest.raises(KeyboardInterrupt):
        ingest(paths, db, extractor=FakeExtractor())
    assert doc_rows(db, "gas")["events"] == expected_events(["gas"])  # stored before the interrupt
    assert doc_rows(db, "talks") == {"documents": 0, "sentences": 0, "events": 0, "actors": 0}

    monkeypatch.setattr(store_mod, "_insert_rows", original)
    ex = FakeExtractor()
    rerun = ingest(paths, db, extractor=ex)
    assert ex.coded == ["talks", "trade"]  # only what was missing is parsed again
    assert (rerun.documents_stored, rerun.documents_skipped_duplicate) == (2, 1)
    with Store(db) as store:
        assert store.counts()["events"] == expected_events()
        assert store.counts()["documents"] == 3


# ------------------------------------------------------------------------- queries
def test_events_frame_filters(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    ingest(write_texts(tmp_path / "in"), db, extractor=FakeExtractor())
    with Store(db) as store:
        frame = store.events_frame()
        assert len(frame) == expected_events()
        assert {"event_id", "sentence", "date_start", "date_end", "quantities"} <= set(frame.columns)
        assert frame.event_id.is_unique
        agree = store.events_frame(event_type="AGREE")
        assert list(agree.source_country) == ["IRN"] and bool(agree.symmetric.iloc[0])
        assert len(store.events_frame(dyad=("AZE", "ARM"))) == 1  # "Yerevan met Baku", either direction
        assert set(store.events_frame(source="USA").target_country) == {"ARM", "AZE"}
        # date ranges: "2020" covers the whole year, so a mid-2020 window overlaps it
        in_2020 = store.events_frame(since="2020-06-01", until="2020-06-30")
        assert list(in_2020.date) == ["2020"]
        assert len(store.events_frame(since=dt.date(2018, 1, 1), until="2019-12-31")) == 2
        moscow = store.events_frame(source="RUS", target="IRN")
        assert moscow.iloc[0].quantities.startswith("[{") and "engineers" in moscow.iloc[0].quantities


@pytest.mark.parametrize("value,lo,hi", [
    ("2019-03-03", "2019-03-03", "2019-03-03"),
    ("2019-02", "2019-02-01", "2019-02-28"),
    ("2020-02", "2020-02-01", "2020-02-29"),
    ("2019", "2019-01-01", "2019-12-31"),
    ("2019-W10", "2019-03-04", "2019-03-10"),
    ("2019-Q4", "2019-10-01", "2019-12-31"),
    ("2014-01-01/2014-04-30", "2014-01-01", "2014-04-30"),
    ("2014/2015-06", "2014-01-01", "2015-06-30"),
])
def test_date_bounds(value: str, lo: str, hi: str) -> None:
    assert date_bounds(value) == (dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "XXXX-WI", "2019-02-30", "2019-13", "2020/2019",
                                   "P1M", "2019-03-03T10:00"])
def test_date_bounds_vague_or_bad(value: str | None) -> None:
    assert date_bounds(value) == (None, None)


# ------------------------------------------------------------------------- CLI
@pytest.fixture
def fake_cli_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI builds detente.extractor.Extractor(...): make that the fake."""
    import detente.extractor

    monkeypatch.setattr(detente.extractor, "Extractor", FakeExtractor)


SUMMARY_RE = re.compile(r"^ingested (\d+) documents? \((\d+) new, (\d+) already stored\), (\d+) events, "
                        r"(\d+) sentences, (\d+) failures? in \d+\.\d s (?:→|->) (.+)$")


def test_cli_ingest_summary_and_rerun(tmp_path: Path, fake_cli_extractor: None) -> None:
    db = tmp_path / "cli.duckdb"
    folder = tmp_path / "in"
    write_texts(folder)
    runner = CliRunner()
    result = runner.invoke(ingest_command, [str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1  # not a terminal: no per-document output, one summary line
    m = SUMMARY_RE.match(lines[0])
    assert m, lines[0]
    assert m.groups()[:6] == ("3", "3", "0", str(expected_events()), str(expected_events() - 1), "0")
    assert m.group(7) == str(db)
    again = runner.invoke(ingest_command, [str(folder), "--db", str(db)])
    assert again.exit_code == 0
    assert SUMMARY_RE.match(again.stdout.strip()).groups()[:6] == ("3", "0", "3", "0", "0", "0")


def test_cli_default_db_and_document_date(tmp_path: Path, fake_cli_extractor: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write_texts(tmp_path / "in", ["gas"])
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    runner = CliRunner()
    result = runner.invoke(ingest_command, [str(tmp_path / "in"), "--document-date", "2018-06-13"])
    assert result.exit_code == 0, result.output
    db = work / "detente.duckdb"  # the default store, in the working directory
    assert result.stdout.strip().endswith("detente.duckdb")
    assert rows(db, "SELECT doc_date FROM documents") == [(dt.date(2018, 6, 13),)]
    bad = runner.invoke(ingest_command, [str(tmp_path / "in"), "--document-date", "13/06/2018",
                                         "--db", str(tmp_path / "x.duckdb")])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_cli_exit_codes(tmp_path: Path, fake_cli_extractor: None) -> None:
    db = tmp_path / "cli.duckdb"
    good = write_texts(tmp_path / "in", ["trade"])[0]
    runner = CliRunner()
    partial = runner.invoke(ingest_command, [str(good), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert partial.exit_code == 1
    assert "E001" in partial.stderr and "missing.txt" in partial.stderr
    assert SUMMARY_RE.match(partial.stdout.strip()).group(6) == "1"
    nothing = runner.invoke(ingest_command, [str(tmp_path / "missing.txt"), "--db", str(db)])
    assert nothing.exit_code == 2
    # a store that cannot be opened: nothing read, file untouched, one coded line
    foreign = tmp_path / "foreign.duckdb"
    foreign.write_text("id,name\n1,Tehran\n", encoding="utf-8")
    before = sha(foreign)
    refused = runner.invoke(ingest_command, [str(good), "--db", str(foreign)])
    assert refused.exit_code == 2 and "E040" in refused.stderr and "Traceback" not in refused.output
    assert sha(foreign) == before


def test_cli_progress_bar_when_asked(tmp_path: Path, fake_cli_extractor: None) -> None:
    write_texts(tmp_path / "in")
    result = CliRunner().invoke(ingest_command, [str(tmp_path / "in"), "--db", str(tmp_path / "p.duckdb"),
                                                 "--progress"])
    assert result.exit_code == 0
    assert "doc" in result.stderr and len(result.stdout.splitlines()) == 1


# ------------------------------------------------------------------------- real pipeline
def test_ingest_with_the_real_pipeline(tmp_path: Path, extractor) -> None:
    """End to end with spaCy: what the store holds is exactly what the extractor coded."""
    text = ("Tehran and Moscow signed a trade agreement on 3 March 2019.\n\n"
            "Ankara criticised Baku over the pipeline in June 2018.\n")
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "real.duckdb"
    summary = ingest([path], db, extractor=extractor)
    direct = next(extractor.extract_documents([Document.from_text("brief", text, str(path))]))[1]
    assert summary.documents_stored == 1 and summary.events == len(direct)
    with Store(db) as store:
        stored = store.events()
        frame = store.events_frame()
    assert [(e.source, e.target, e.event_type, e.date, e.start, e.end) for e in stored] == \
           [(e.source, e.target, e.event_type, e.date, e.start, e.end) for e in direct]
    for ev, row in zip(stored, frame.itertuples()):
        assert text[ev.start:ev.end] == ev.sentence
        lo, hi = date_bounds(ev.date)
        assert (row.date_start.date() if lo else None) == lo
