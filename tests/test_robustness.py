"""Property tests: odd text never raises, offsets stay inside the text, dates are valid ISO 8601."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
WORDS = ["Russia", "Iran", "Tehran", "the two countries", "signed", "attacked", "an agreement", "with",
         "on", "May 17, 2023", "in early 2014", "Putin", "visited", "Moscow", "said", "that", "not",
         "$4 billion", "\n", "\n\n### 2019\n", ",", ".", "and", "sanctions", "against", "NATO", "the West"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.text(alphabet=st.sampled_from(list("\u202e\u0301\u05d0\u0627 \n\x00\ufeffaZ.,")), max_size=200),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_extraction_never_raises_and_records_stay_valid(extractor, text):
    events = extractor.extract_text(text, doc_id="fuzz")
    for ev in events:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.sentence
        assert 0 <= ev.trigger_start < ev.trigger_end <= len(text)
        assert ev.source.country != ev.target.country
        assert ev.date is None or ISO.match(ev.date), ev.date
        assert 1 <= ev.quad_class <= 4


def test_many_repeated_country_names(extractor):
    text = "Russia " * 10_000
    events = extractor.extract_text(text, doc_id="rep")
    assert all(0 <= e.start <= e.end <= len(text) for e in events)


def test_long_sentence_without_punctuation(extractor):
    text = " ".join(["Iran and Russia signed an agreement with Turkey"] * 400)
    events = extractor.extract_text(text, doc_id="long")
    assert events and all(text[e.start:e.end] == e.sentence for e in events)
