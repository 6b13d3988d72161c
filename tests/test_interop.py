"""Imports (GDELT, ICEWS, PLOVER) into the store and exports out of it (detente.interop).

Import tests read the hand-written sample files in tests/data/samples/ (invented rows about real
countries, written to each format's documentation). Export tests build stores from Event records
made here, so no NLP runs.
"""
from __future__ import annotations

import csv
import gzip
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.errors import DetenteError
from detente.interop import (
    CAMEO_EXPORT_COLUMNS,
    cameo_table,
    cameo_to_plover,
    country_code,
    export_events,
    import_events,
)
from detente.interop_cli import export_command, import_command
from detente.ontology import plover_types, type_info
from detente.readers import Document
from detente.record import Actor, Event, Location
from detente.store import Store

SAMPLES = Path(__file__).parent / "data" / "samples"
GDELT = SAMPLES / "gdelt_events.export.CSV"
ICEWS = SAMPLES / "icews_events.tab"
PLOVER = SAMPLES / "plover_events.jsonl"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def _events(db: Path) -> list[Event]:
    with Store(db, read_only=True) as store:
        return store.events()


def _key(ev: Event) -> tuple:
    return (ev.source.country, ev.target.country, ev.event_type, ev.date)


# ------------------------------------------------------------------------------- tables
def test_cameo_table_uses_only_detente_types():
    types = plover_types()
    assert all(m.event_type in types for m in cameo_table().values())


@pytest.mark.parametrize("code,etype,mode", [
    ("042", "CONSULT", "visit"), ("0421", "CONSULT", "visit"), ("061", "COOPERATE", None),
    ("163", "SANCTION", "restrict"), ("0874", "RETREAT", "disarm"), ("1712", "ASSAULT", "destroy"),
    ("1033", "REQUEST", "assist"), ("112", "ACCUSE", "disapprove"), ("195", "ASSAULT", "heavy-weapons"),
    ("20", "ASSAULT", "unconventional"), ("DEMAND", "REQUEST", None), ("FIGHT", "ASSAULT", None),
    ("COERCE", "COERCE", None),
])
def test_cameo_to_plover(code, etype, mode):
    m = cameo_to_plover(code)
    assert m is not None and m.event_type == etype and m.mode == mode


@pytest.mark.parametrize("code", ["010", "0231", "02", "1", "", None, "9x", "CRIME", "99"])
def test_cameo_codes_without_plover_type(code):
    assert cameo_to_plover(code) is None


@pytest.mark.parametrize("name,code", [
    ("Russian Federation", "RUS"), ("Iran", "IRN"), ("Korea, Republic of", "KOR"), ("Türkiye", "TUR"),
    ("United Nations", "UN"), ("the United States", "USA"), ("Democratic Republic of Congo", "COD"),
    ("RUS", "RUS"), ("Rusia", None), ("", None),
])
def test_country_code(name, code):
    assert country_code(name) == code


# ------------------------------------------------------------------------------- imports
def test_import_gdelt(tmp_path):
    db = tmp_path / "g.duckdb"
    s = import_events(GDELT, "gdelt", db)
    assert (s.rows, s.events, s.bad) == (11, 7, 2)
    assert s.skipped == {"no PLOVER type for the CAMEO code (01/02)": 1, "no target actor": 1}
    assert [m.split(":")[1] for m in s.bad_rows] == ["8", "9"]  # line numbers
    assert all(m.startswith("E051 ") for m in s.bad_rows)
    events = {_key(e): e for e in _events(db)}
    visit = events[("RUS", "IRN", "CONSULT", "2019-03-04")]
    assert (visit.mode, visit.source.sector, visit.source.text) == ("visit", "GOV", "RUSSIA")
    info = type_info("CONSULT")
    assert (visit.quad_class, visit.intensity, visit.cameo_root) == (
        info["quad_class"], info["intensity"], info["cameo_root"])
    assert visit.location == Location("Tehran, Tehran, Iran", None)
    assert events[("USA", "IRN", "SANCTION", "2019-04-08")].track == "economic"
    assert ("UN", "SYR", "REQUEST", "2019-06-12") in events  # known-group code UNO
    assert ("TUR", "SYR", "RETREAT", "2019-10-20") in events
    assert ("IRN", "RUS", "AGREE", "2019-11-03") in events  # 057 sign agreement
    with Store(db, read_only=True) as store:
        docs = store.documents_frame(with_text=True)
        assert list(docs["source"]) == ["import"]
        text = docs["text"][0]
        # evidence sentences sit at their offsets in the pseudo-document
        for ev in store.events():
            assert text[ev.start:ev.end] == ev.sentence and "GDELT 9000000" in ev.sentence


def test_reimport_stores_nothing(tmp_path):
    db = tmp_path / "g.duckdb"
    import_events(GDELT, "gdelt", db)
    with Store(db) as store:
        before = store.counts()
        again = import_events(GDELT, "gdelt", store)
        assert again.already_stored and again.events == 0
        # the same content under another name is the same import
        copy = tmp_path / "renamed.CSV"
        shutil.copy(GDELT, copy)
        assert import_events(copy, "gdelt", store).already_stored
        assert store.counts() == before


def test_import_compressed_gdelt(tmp_path):
    db = tmp_path / "z.duckdb"
    zipped = tmp_path / "20190304.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(GDELT, "20190304.export.CSV")
    assert import_events(zipped, "gdelt", db).events == 7
    gz = tmp_path / "events.CSV.gz"
    gz.write_bytes(gzip.compress(GDELT.read_bytes()))
    assert import_events(gz, "gdelt", db).already_stored  # same decompressed content


def test_import_gdelt_with_header_line(tmp_path):
    from detente.interop import GDELT_COLUMNS

    path = tmp_path / "bq.tsv"
    path.write_text("\t".join(GDELT_COLUMNS) + "\n" + GDELT.read_text(), encoding="utf-8")
    s = import_events(path, "gdelt", tmp_path / "h.duckdb")
    assert (s.events, s.bad) == (7, 2)


def test_import_icews(tmp_path):
    db = tmp_path / "i.duckdb"
    s = import_events(ICEWS, "icews", db)
    assert (s.rows, s.events, s.bad) == (9, 6, 1)
    assert s.bad_rows[0].split(":")[1] == "8"
    assert s.skipped == {"no PLOVER type for the CAMEO code (01/02)": 1,
                         "source country not in detente's country table": 1}
    events = {_key(e): e for e in _events(db)}
    assert set(events) == {
        ("RUS", "IRN", "AGREE", "2021-09-17"), ("IRN", "RUS", "CONSULT", "2021-09-20"),
        ("USA", "IRN", "THREATEN", "2021-10-02"), ("UN", "SYR", "AID", "2021-10-05"),
        ("KOR", "JPN", "ACCUSE", "2021-11-11"), ("TUR", "SYR", "ASSAULT", "2021-12-15"),
    }
    first = events[("RUS", "IRN", "AGREE", "2021-09-17")]
    assert first.source.sector == "GOV" and first.location.country == "RUS"
    assert events[("TUR", "SYR", "ASSAULT", "2021-12-15")].source.sector == "MIL"
    assert events[("UN", "SYR", "AID", "2021-10-05")].track == "humanitarian"


def test_import_plover(tmp_path):
    db = tmp_path / "p.duckdb"
    s = import_events(PLOVER, "plover", db)
    assert (s.rows, s.events, s.bad) == (7, 5, 1)
    assert s.bad_rows[0].split(":")[1] == "5"
    assert sum(s.skipped.values()) == 1  # CRIME has no detente type
    events = {_key(e): e for e in _events(db)}
    visit = events[("RUS", "IRN", "CONSULT", "2022-07-19")]
    assert visit.sentence.startswith("The Russian president travelled to Tehran")
    assert (visit.source.text, visit.mode, visit.location) == ("Vladimir Putin", "visit", Location("Tehran", "IRN"))
    accuse = events[("UKR", "IRN", "ACCUSE", "2022-10-18")]  # POLECAT-style flat fields, names
    assert accuse.track == "military" and accuse.source.sector == "GOV"
    assert events[("USA", "IRN", "REQUEST", "2022-11-01")].source.sector == "GOV"  # PLOVER DEMAND
    fight = events[("RUS", "UKR", "ASSAULT", "2022-12-01")]  # FIGHT, CAMEO-style "RUSMIL"
    assert fight.source.sector == "MIL" and fight.quad_class == 4
    assert events[("IRN", "RUS", "AGREE", "2023-01-20")].track == "economic"


@pytest.mark.parametrize("fmt,path", [("gdelt", ICEWS), ("icews", PLOVER), ("plover", GDELT), ("icews", GDELT)])
def test_wrong_format_is_refused(tmp_path, fmt, path):
    db = tmp_path / "w.duckdb"
    with pytest.raises(DetenteError) as err:
        import_events(path, fmt, db)
    assert err.value.code == "E050"
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 0


def test_file_with_only_bad_rows(tmp_path):
    path = tmp_path / "bad.CSV"
    good = GDELT.read_text().splitlines()[0].split("\t")
    rows = ["\t".join(good)]
    rows[0] = rows[0].replace("20190304", "20190399", 1)  # a well-laid-out row with a bad date
    path.write_text("\n".join(rows * 3) + "\n")
    with pytest.raises(DetenteError) as err:
        import_events(path, "gdelt", tmp_path / "b.duckdb")
    assert err.value.code == "E052" and "3 bad rows" in err.value.message


@pytest.mark.parametrize("content,code", [(None, "E001"), (b"", "E003"), (b"\n\n", "E003"),
                                          (b"\x00\xff garbage\n", "E050")])
def test_unreadable_files(tmp_path, content, code):
    path = tmp_path / "x.jsonl"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DetenteError) as err:
        import_events(path, "plover", tmp_path / "u.duckdb")
    assert err.value.code == code


def test_random_plover_lines_never_raise(tmp_path):
    path = tmp_path / "odd.jsonl"
    lines = [json.dumps({"event_type": "AGREE", "date": "2020-01-01", "source": "RUS", "target": "IRN"}),
             json.dumps({"event_type": 5, "source": None}), json.dumps([1, 2]), "\u202e\x00{",
             json.dumps({"event_type": "AGREE", "date": "not a date", "source": "RUS", "target": "IRN"}),
             json.dumps({"event_type": "AGREE", "date": "2020-02-30", "source": {"country": 7}, "target": "IRN"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    s = import_events(path, "plover", tmp_path / "o.duckdb")
    assert s.events == 1 and s.bad + s.n_skipped == 5


# ------------------------------------------------------------------------------- exports
def _event(doc: str, text: str, sentence: str, src: Actor, tgt: Actor, etype: str, date: str,
           mode: str | None = None, track: str = "political") -> Event:
    start = text.index(sentence)
    info = type_info(etype)
    return Event(doc=doc, start=start, end=start + len(sentence), sentence=sentence, source=src, target=tgt,
                 event_type=etype, mode=mode, quad_class=info["quad_class"], intensity=info["intensity"],
                 cameo_root=info["cameo_root"], date=date, track=track, confidence=0.8)


RUS, IRN, USA = Actor("RUS", "GOV", "Moscow"), Actor("IRN", "GOV", "Tehran"), Actor("USA", "GOV", "Washington")
S1 = "Russia's foreign minister visited Tehran on 4 March 2019."
S2 = 'Iran and Russia expanded trade "in every field" & <energy>\tin June 2021.'
S3 = "Washington imposed new sanctions on Iran on 10 January 2022."


@pytest.fixture()
def store_db(tmp_path) -> Path:
    db = tmp_path / "e.duckdb"
    t1 = f"{S1} {S2}"
    with Store(db) as store:
        store.add_document(Document.from_text("brief", t1, "brief.txt"), [
            _event("brief", t1, S1, RUS, IRN, "CONSULT", "2019-03-04", mode="visit"),
            _event("brief", t1, S2, IRN, RUS, "COOPERATE", "2021-06", track="economic"),
            _event("brief", t1, S2, RUS, IRN, "COOPERATE", "2021-06", track="economic"),
        ])
        store.add_document(Document.from_text("news", S3, "news.txt"), [
            _event("news", S3, S3, USA, IRN, "SANCTION", "2022-01-10", track="economic"),
            _event("news", S3, S3, Actor('A&B<"x>\x01', None, "odd \x0b actor"), IRN, "ACCUSE", "2022-01-10"),
        ])
    return db


def test_export_parquet(store_db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    s = export_events(store_db, "parquet", out)
    table = pq.read_table(out).to_pandas()
    assert s.events == len(table) == 5
    assert {"event_id", "event_type", "sentence", "source_country", "doc_source"} <= set(table.columns)
    row = table[table.event_type == "CONSULT"].iloc[0]
    assert (row.sentence, row.source_country, row.target_country, row["mode"]) == (S1, "RUS", "IRN", "visit")
    assert str(row.date_start)[:10] == "2019-03-04"


def test_export_csv_with_filters(store_db, tmp_path):
    out = tmp_path / "events.csv"
    s = export_events(store_db, "csv", out, dyad=("irn", "rus"), since="2020", until="2021-12-31")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert s.events == len(rows) == 2
    assert {(r["source_country"], r["target_country"]) for r in rows} == {("IRN", "RUS"), ("RUS", "IRN")}
    assert rows[0]["sentence"] == S2  # quotes, tab and markup survive CSV quoting


def test_export_plover_round_trip(store_db, tmp_path):
    out = tmp_path / "events.jsonl"
    export_events(store_db, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    visit = next(r for r in records if r["event_type"] == "CONSULT")
    assert visit["source"] == {"actor": "Moscow", "country": "RUS", "sector": "GOV"}
    assert visit["target"]["country"] == "IRN" and visit["mode"] == "visit"
    assert (visit["date"], visit["quad_class"], visit["text"], visit["doc"]) == ("2019-03-04", 1, S1, "brief")
    assert visit["intensity"] == type_info("CONSULT")["intensity"]
    # detente reads its own PLOVER export back to the same events (the odd actor code is no country)
    db2 = tmp_path / "back.duckdb"
    s = import_events(out, "plover", db2)
    assert s.events == 4 and s.n_skipped == 1
    assert Counter(_key(e) for e in _events(db2)) == Counter(
        _key(e) for e in _events(store_db) if e.source.country != 'A&B<"x>\x01')
    assert {e.sentence for e in _events(db2)} == {S1, S2.replace("\t", " "), S3}


def test_export_cameo_round_trip(store_db, tmp_path):
    out = tmp_path / "events.tab"
    export_events(store_db, "cameo", out, dyad=("RUS", "IRN"))
    lines = out.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert tuple(header) == CAMEO_EXPORT_COLUMNS
    rows = [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]
    assert len(rows) == 3 and all(len(ln.split("\t")) == len(header) for ln in lines)
    visit = next(r for r in rows if r["PLOVER Type"] == "CONSULT")
    assert (visit["Source Country"], visit["Target Country"], visit["CAMEO Code"]) == ("Russia", "Iran", "04")
    assert (visit["Event Date"], visit["Story ID"], visit["Sentence Number"]) == ("2019-03-04", "brief", "1")
    db2 = tmp_path / "icews.duckdb"
    assert import_events(out, "icews", db2).events == 3
    assert Counter((e.source.country, e.target.country, e.event_type) for e in _events(db2)) == Counter(
        {("RUS", "IRN", "CONSULT"): 1, ("IRN", "RUS", "COOPERATE"): 1, ("RUS", "IRN", "COOPERATE"): 1})


def test_export_graphml(store_db, tmp_path):
    out = tmp_path / "net.graphml"
    s = export_events(store_db, "graphml", out)
    root = ET.parse(out).getroot()
    keys = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}

    def attrs(el):
        return {keys[d.get("key")]: d.text for d in el.iter(f"{GRAPHML}data")}

    nodes = {n.get("id"): attrs(n) for n in root.iter(f"{GRAPHML}node")}
    edges = {(e.get("source"), e.get("target")): attrs(e) for e in root.iter(f"{GRAPHML}edge")}
    assert (s.nodes, s.edges) == (len(nodes), len(edges)) == (4, 4)
    assert nodes["IRN"]["events"] == "5" and nodes["IRN"]["as_target"] == "4" and nodes["IRN"]["label"] == "Iran"
    assert nodes["RUS"]["events"] == "3"
    rus_irn = edges[("RUS", "IRN")]
    assert (rus_irn["events"], rus_irn["verbal_cooperation"], rus_irn["material_cooperation"]) == ("2", "1", "1")
    assert float(rus_irn["net_intensity"]) == type_info("CONSULT")["intensity"] + type_info("COOPERATE")["intensity"]
    assert edges[("USA", "IRN")]["material_conflict"] == "1"
    assert 'A&B<"x>' in nodes  # markup escaped, control character dropped


def test_export_errors(store_db, tmp_path):
    with pytest.raises(DetenteError) as err:
        export_events(store_db, "csv", tmp_path / "missing" / "x.csv")
    assert err.value.code == "E053"
    with pytest.raises(DetenteError) as err:
        export_events(store_db, "csv", tmp_path / "x.csv", dyad=("RUS", "x'; DROP TABLE events"))
    assert err.value.code == "E055"
    with pytest.raises(DetenteError) as err:
        export_events(tmp_path / "none.duckdb", "plover", tmp_path / "x.jsonl")
    assert err.value.code == "E001"


# ------------------------------------------------------------------------------- CLI
def test_cli_import(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(import_command, ["gdelt", str(GDELT), "--db", db])
    assert res.exit_code == 1, res.output  # two bad rows: partial
    assert "7 events stored" in res.output and "E051" in res.output and "Traceback" not in res.output
    res = runner.invoke(import_command, ["GDELT", str(GDELT), "--db", db])
    assert res.exit_code == 0 and "already imported" in res.output
    res = runner.invoke(import_command, ["gdelt", str(ICEWS), "--db", db])
    assert res.exit_code == 2 and "E050" in res.output
    res = runner.invoke(import_command, ["icews", str(ICEWS), str(tmp_path / "nope.tab"), "--db", db])
    assert res.exit_code == 1 and "E001" in res.output and "6 events stored" in res.output
    res = runner.invoke(import_command, ["acled", str(ICEWS), "--db", db])
    assert res.exit_code == 2


def test_cli_export(store_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "x.csv"
    res = runner.invoke(export_command, ["--format", "csv", "--db", str(store_db), "--out", str(out)])
    assert res.exit_code == 0 and "exported 5 events" in res.output and out.exists()
    res = runner.invoke(export_command, ["--format", "plover", "--db", str(store_db), "--dyad", "USA", "IRN",
                                         "--from", "2022-01-01", "--to", "2022-01-31"])
    assert res.exit_code == 0
    records = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert [r["event_type"] for r in records] == ["SANCTION"]
    res = runner.invoke(export_command, ["--format", "parquet", "--db", str(store_db)])
    assert res.exit_code == 2 and "E054" in res.output
    res = runner.invoke(export_command, ["--format", "csv", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "E001" in res.output
    res = runner.invoke(export_command, ["--format", "csv", "--db", str(store_db), "--from", "March"])
    assert res.exit_code == 2 and "not a date" in res.output
