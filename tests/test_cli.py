"""The CLI end to end: formats, readers, bad input (clear one-line errors, no traceback, the batch
goes on), and documentation of every command in the README."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from conftest import ROOT, jsonl, run_cli
from detente.cli import cli

TEXT = ("On 9 August 2016, Turkish President Recep Tayyip Erdogan visited Moscow.\n"
        "Russia imposed sanctions on Turkey in November 2015.\n")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def note(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_extract_jsonl_records_point_at_their_sentence(runner, note, extractor):
    result = runner.invoke(cli, ["extract", str(note)])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert records, "no events"
    text = note.read_text(encoding="utf-8")
    for rec in records:
        assert rec["doc"] == "note"
        assert text[rec["start"]:rec["end"]] == rec["sentence"]
        assert rec["source"]["country"] != rec["target"]["country"]
    kinds = {(r["source"]["country"], r["target"]["country"], r["event_type"]) for r in records}
    assert ("TUR", "RUS", "CONSULT") in kinds
    assert ("RUS", "TUR", "SANCTION") in kinds
    visit = next(r for r in records if r["event_type"] == "CONSULT")
    assert visit["date"] == "2016-08-09"


def test_domestic_flag_adds_events_within_one_country(runner, tmp_path, extractor):
    path = tmp_path / "nigeria.txt"
    path.write_text("The Nigerian army clashed with Boko Haram militants in 2014.\n"
                    "Nigeria signed a trade agreement with Ghana in 2014.\n", encoding="utf-8")
    plain = jsonl(runner.invoke(cli, ["extract", str(path)]).stdout)
    assert plain and all(r["source"]["country"] != r["target"]["country"] for r in plain)
    result = runner.invoke(cli, ["extract", str(path), "--domestic"])
    assert result.exit_code == 0, result.output
    domestic = [r for r in jsonl(result.stdout) if r["source"]["country"] == r["target"]["country"]]
    assert domestic, result.stdout
    for rec in domestic:
        assert rec["source"]["country"] == "NGA"
        assert (rec["source"]["sector"], rec["source"]["text"]) != (rec["target"]["sector"], rec["target"]["text"])
    # the interstate records are the same either way
    inter = [r for r in jsonl(result.stdout) if r["source"]["country"] != r["target"]["country"]]
    assert [(r["source"]["country"], r["target"]["country"], r["event_type"]) for r in inter] == \
        [(r["source"]["country"], r["target"]["country"], r["event_type"]) for r in plain]


def test_extract_csv_and_table(runner, note, extractor):
    out = runner.invoke(cli, ["extract", str(note), "--format", "csv"])
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and {"source_country", "target_country", "event_type", "date", "sentence"} <= set(rows[0])
    table = runner.invoke(cli, ["extract", str(note), "--format", "table"])
    assert table.exit_code == 0
    assert re.search(r"2016-08-09\s+TUR -> RUS\s+CONSULT", table.stdout)


def test_jsonl_corpus_ids_and_offsets(runner, tmp_path, extractor):
    corpus = tmp_path / "news.jsonl"
    lines = [{"id": "a1", "text": "Moscow accused Kyiv of shelling the plant.", "date": "2022-08-10"},
             {"id": "a2", "text": "Japan and India held talks in Tokyo last week.", "date": "2023-03-20"}]
    corpus.write_text("\n".join(json.dumps(l) for l in lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    by_id = {l["id"]: l["text"] for l in lines}
    assert {r["doc"] for r in records} <= set(by_id) and records
    for r in records:
        assert by_id[r["doc"]][r["start"]:r["end"]] == r["sentence"]


def test_batch_goes_on_past_bad_files(runner, tmp_path, note, extractor):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Moscow".encode("latin-1"))
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    bad_jsonl = tmp_path / "bad.jsonl"
    bad_jsonl.write_text('{"id": "ok", "text": "Russia attacked Ukraine."}\n{"id": 3, "text": \n', encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    err = result.stderr
    assert "Traceback" not in err and "Traceback" not in result.stdout
    for code, name in (("E001", "missing.txt"), ("E003", "empty.txt"), ("E004", "latin1.txt"),
                       ("E005", "blob.txt"), ("E007", "bad.jsonl")):
        assert re.search(rf"{code} \S*{re.escape(name)}", err), (code, err)
    docs = {r["doc"] for r in jsonl(result.stdout)}
    assert {"note", "ok"} <= docs


def test_nothing_readable_exits_2(runner, tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 2
    assert "E002" in result.stderr


def test_oversized_file_is_refused_with_its_name(runner, tmp_path, extractor):
    big = tmp_path / "big.txt"
    big.write_text("Russia attacked Ukraine. " * 100, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(big), "--max-bytes", "1000"])
    assert result.exit_code == 2
    assert "E006" in result.stderr and "big.txt" in result.stderr


def test_text_prints_what_offsets_refer_to(runner, note):
    result = runner.invoke(cli, ["text", str(note)])
    assert result.exit_code == 0
    assert result.stdout == TEXT


def test_timex_lists_expressions(runner, note):
    result = runner.invoke(cli, ["timex", str(note), "--document-date", "2017-01-01"])
    assert result.exit_code == 0, result.output
    recs = jsonl(result.stdout)
    values = {r["text"]: r["value"] for r in recs}
    assert values.get("9 August 2016") == "2016-08-09"
    assert values.get("November 2015") == "2015-11"
    for r in recs:
        assert TEXT[r["start"]:r["end"]] == r["text"]


def test_bad_document_date_is_a_usage_error(runner, note):
    result = runner.invoke(cli, ["extract", str(note), "--document-date", "31/12/2020"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_control_characters_never_reach_the_terminal(runner, tmp_path, extractor):
    path = tmp_path / "esc.txt"
    path.write_text("Russia attacked Ukraine \x1b[31mnear\x1b[0m Kharkiv.\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout


def test_console_script_runs_without_traceback(tmp_path):
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("detente: E001") and "Traceback" not in proc.stderr


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"detente {name}" in readme, f"command '{name}' is not documented in README.md"


def test_demo_ingests_the_bundled_document_once(runner, tmp_path, extractor):
    db = tmp_path / "demo.duckdb"
    brief = tmp_path / "brief.html"
    first = runner.invoke(cli, ["demo", "--db", str(db), "--out", str(brief)])
    assert first.exit_code == 0, first.output
    assert db.exists()
    m = re.search(r"1 documents, (\d+) events in .*demo.duckdb \(1 new this run\)", first.stdout)
    assert m and int(m.group(1)) > 5
    assert re.search(r"TUR <?-> RUS|RUS <?-> TUR", first.stdout)
    assert brief.exists() and f"brief written: {brief.resolve()}" in first.stdout
    assert "Turkey" in brief.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["demo", "--db", str(db), "--out", str(brief)])
    assert again.exit_code == 0
    assert f"1 documents, {m.group(1)} events" in again.stdout and "(0 new this run)" in again.stdout


def test_eval_doc_scores_against_a_gold_file(runner, tmp_path, extractor):
    from conftest import shared_path

    scorer = shared_path("eval", "score.py")
    doc = tmp_path / "d.txt"
    doc.write_text("On 3 May 2019, Iran and Russia signed a trade agreement in Moscow.\n", encoding="utf-8")
    gold = tmp_path / "d.gold.jsonl"
    gold.write_text(json.dumps({"id": "g1", "core": True, "snippet": "Iran and Russia signed a trade agreement",
                                "source": ["IRN", "RUS"], "target": ["IRN", "RUS"], "directed": False,
                                "types": ["AGREE"], "date": ["2019-05-03"]}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", "doc", str(doc), "--gold", str(gold), "--scorer", str(scorer)])
    assert result.exit_code == 0, result.output
    assert "f1_strict=1.0" in result.stdout
    wrong = tmp_path / "w.gold.jsonl"
    wrong.write_text(gold.read_text().replace('"AGREE"', '"ASSAULT"'), encoding="utf-8")
    result = runner.invoke(cli, ["eval", "doc", str(doc), "--gold", str(wrong), "--scorer", str(scorer)])
    assert "core_recall_strict=0.0" in result.stdout
