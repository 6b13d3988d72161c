"""PETRARCH discard lists (`--discards`): the reader, sentence and story discards in the event
coder and the Extractor, the CLI option and its errors. The sentences and the discard list
(tests/data/discards/sample.discards.txt) are written for these tests."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import ROOT, jsonl, run_cli
from detente.cli import cli
from detente.errors import DetenteError
from detente.nlp.discards import SENTENCE, STORY, load_discards, parse_discards

DISCARDS = ROOT / "tests" / "data" / "discards" / "sample.discards.txt"


def dyads(events):
    return sorted((e.source.country, e.target.country, e.event_type) for e in events)


@pytest.fixture(scope="module")
def discarding():
    """The default pipeline with the test discard list."""
    from detente.extractor import Extractor

    ex = Extractor(discard_files=[DISCARDS])
    ex.nlp
    return ex


# ------------------------------------------------------------------------------ the reader
def test_reader_levels_words_and_skipped_lines():
    dl = parse_discards(DISCARDS.read_text(encoding="utf-8"), "d.txt")
    by = {e.phrase: e for e in dl.entries}
    assert set(by) == {"YEARS LATER", "RUGBY", "FOOTBALL", "CRICKET TEST MATCH"}
    assert by["CRICKET TEST MATCH"].level == STORY and by["YEARS LATER"].level == SENTENCE
    assert by["FOOTBALL"].whole_word and not by["RUGBY"].whole_word
    # a lone "+" and a [code] line are counted, not errors
    assert [n for _, n, _ in dl.skipped] == [8, 9]
    assert "4 discard phrases read (1 void the document); 2 lines skipped" in dl.report


@pytest.mark.parametrize("text, found", [
    ("Years later, the talks resumed.", "Years later"),
    ("YEARS\nLATER the talks resumed.", "YEARS\nLATER"),          # any white space between words
    ("The rugbyists met the envoy.", "rugby"),                    # a stem matches longer words
    ("They played football.", "football"),
    ("The footballers met the envoy.", None),                     # FOOTBALL_ ends a word
    ("Ten dayyears later nothing.", None),                        # a phrase starts a word
    ("A cricket test match was played.", "cricket test match"),   # story phrases void sentences too
])
def test_sentence_matching(text, found):
    dl = parse_discards(DISCARDS.read_text(encoding="utf-8"), "d.txt")
    assert dl.sentence_match(text) == found


def test_story_matching_only_takes_plus_phrases():
    dl = parse_discards(DISCARDS.read_text(encoding="utf-8"), "d.txt")
    assert dl.story_match("Later a Cricket  Test Match began.") == "Cricket  Test Match"
    assert dl.story_match("Years later they played football.") is None


def test_unreadable_or_empty_list_is_e025(tmp_path):
    with pytest.raises(DetenteError) as err:
        load_discards((str(tmp_path / "none.txt"),))
    assert err.value.code == "E025"
    empty = tmp_path / "empty.discards.txt"
    empty.write_text("# only comments\n+\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_discards((str(empty),))
    assert err.value.code == "E025" and "no discard phrases" in err.value.message


# ------------------------------------------------------------------------------ coding
def test_a_discarded_sentence_yields_no_events(discarding):
    text = "Russia sent aid to Ukraine. Years later, Russia attacked Ukraine."
    assert dyads(discarding.extract_text(text)) == [("RUS", "UKR", "AID")]
    assert dyads(discarding.extract_text("Russia attacked Ukraine after the football final.")) == []
    # FOOTBALL_ is a whole word: "footballers" leaves the sentence coded
    assert dyads(discarding.extract_text("Russia attacked Ukraine after the footballers left.")) \
        == [("RUS", "UKR", "ASSAULT")]


def test_a_story_discard_voids_the_document(discarding):
    text = ("Russia sent aid to Ukraine. Russia attacked Ukraine.\n\n"
            "Fans of the cricket test match cheered.")
    assert discarding.extract_text(text) == []
    assert dyads(discarding.extract_text("Russia sent aid to Ukraine.")) == [("RUS", "UKR", "AID")]


def test_a_story_discard_voids_every_chunk_of_a_long_document(discarding):
    from detente.extractor import Extractor

    chunked = Extractor(nlp=discarding.nlp, chunk_chars=60)
    text = "Russia sent aid to Ukraine.\n\nRussia attacked Ukraine.\n\nThe cricket test match was drawn."
    assert Extractor(nlp=discarding.nlp).extract_text(text) == []
    assert chunked.extract_text(text) == []
    assert dyads(chunked.extract_text(text.rsplit("\n\n", 1)[0])) == [("RUS", "UKR", "AID"),
                                                                       ("RUS", "UKR", "ASSAULT")]


def test_spacy_component_setting(extractor):
    from detente.nlp.pipeline import build_pipeline

    nlp = build_pipeline(config={"detente_events": {"discard_files": [str(DISCARDS)]}})
    assert nlp("Years later, Russia attacked Ukraine.")._.events == []
    assert nlp("Russia attacked Ukraine.")._.events


# ------------------------------------------------------------------------------ CLI
def test_cli_extract_with_discards(tmp_path, extractor):
    doc = tmp_path / "d.jsonl"
    doc.write_text('{"id": "a", "text": "Russia attacked Ukraine. Years later, Russia sent aid to Ukraine."}\n'
                   '{"id": "b", "text": "Russia attacked Ukraine during a rugby match."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(doc), "--discards", str(DISCARDS)])
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert [(r["doc"], r["event_type"]) for r in rows] == [("a", "ASSAULT")]


def test_cli_bad_discard_file_is_one_line(tmp_path):
    doc = tmp_path / "d.txt"
    doc.write_text("Russia attacked Ukraine.\n", encoding="utf-8")
    proc = run_cli("extract", str(doc), "--discards", str(tmp_path / "missing.txt"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("detente: E025") and "Traceback" not in proc.stderr


def test_ingest_and_eval_doc_take_discards():
    for argv in (["ingest", "--help"], ["eval", "doc", "--help"], ["extract", "--help"]):
        assert "--discards" in CliRunner().invoke(cli, argv).output
