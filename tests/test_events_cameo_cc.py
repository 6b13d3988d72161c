"""Families found on batch cc (CAMEO roots 11-13: ACCUSE, REJECT, THREATEN), tested end to end with the
real parser on other sentences than the batch's."""
from __future__ import annotations

import pytest

from test_events import domestic_quads, parsed, triples


def asserted(extractor, text: str) -> set[tuple[str, str, str]]:
    """(source, target, type) of the events coded as having happened (not negated)."""
    return {(e.source.country, e.target.country, e.event_type) for e in extractor.extract_text(text) if not e.negated}


@pytest.mark.parametrize("text,expected", [
    # disappointment, outrage or indignation voiced over a state's act disapproves of it (CAMEO 110/111
    # -> ACCUSE), as concern and dismay do
    ("Seoul expressed disappointment over Tokyo's decision to restrict exports of chip materials.",
     {("KOR", "JPN", "ACCUSE")}),
    ("Indonesia voiced indignation at Australia's spying on its president.", {("IDN", "AUS", "ACCUSE")}),
    # taking or hauling a state to a court sues it (CAMEO 115 -> ACCUSE); the court is the venue
    ("Nicaragua took Costa Rica to the International Court of Justice over a road along the San Juan river.",
     {("NIC", "CRI", "ACCUSE")}),
    ("Australia hauled Japan before the International Court of Justice over its whaling programme.",
     {("AUS", "JPN", "ACCUSE")}),
    # holding a state responsible is a charge (CAMEO 112 -> ACCUSE)
    ("Britain held Russia responsible for the poisoning of a former spy in Salisbury.", {("GBR", "RUS", "ACCUSE")}),
    # rallying states against a party rallies opposition to it (CAMEO 113 -> ACCUSE), not a protest
    ("The Cuban leader sought to rally developing nations against the United States.", {("CUB", "USA", "ACCUSE")}),
])
def test_cc_interstate_families(nlp, text, expected):
    assert triples(parsed(nlp, text)._.events) == expected


def test_crushing_needs_a_dissent_object(nlp):
    # "crush"/"quell" repress protests or revolts (CAMEO 17); a sports rout is no event
    assert triples(parsed(nlp, "Argentina crushed Brazil 3-0 in Buenos Aires on Sunday.")._.events) == set()


@pytest.mark.parametrize("text,expected", [
    # a verdict names its judge: "a court found X guilty" (CAMEO 116 -> ACCUSE)
    ("A Dhaka court found opposition leader Khaleda Zia guilty of corruption.", ("BGD", "BGD", "ACCUSE")),
    # a group's refusal to give up its own arms rebuffs its government (CAMEO 124 -> REJECT): "their
    # weapons" names no target
    ("Rebels in Mozambique refused to hand over their weapons.", ("MOZ", "MOZ", "REJECT")),
    # a state organ vowing to crush unrest threatens repression (CAMEO 137 -> THREATEN)
    ("Bangladesh's home minister vowed to crush the unrest in Dhaka.", ("BGD", "BGD", "THREATEN")),
    # national trade union federations named by acronym (organisations.csv)
    ("Tunisia's UGTT threatened a general strike over wage cuts.", ("TUN", "TUN", "THREATEN")),
    # hours or days given to comply are an ultimatum (CAMEO 139 -> THREATEN)
    ("Zimbabwe's government gave the opposition 48 hours to call off its protests.", ("ZWE", "ZWE", "THREATEN")),
])
def test_cc_domestic_families(nlp, domestic_coder, text, expected):
    assert expected in {(q[0], q[2], q[4]) for q in domestic_quads(nlp, domestic_coder, text)}


def test_verdict_needs_a_judge(nlp, domestic_coder):
    quads = domestic_quads(nlp, domestic_coder, "Khaleda Zia was found guilty of corruption in Bangladesh.")
    assert not any(q[4] == "ACCUSE" for q in quads)


def test_ultimatum_content_is_demanded_not_done(extractor):
    # what the deadline is for has not happened ("... to pull its forces out": no RETREAT)
    got = asserted(extractor, "Washington gave Belgrade 48 hours to pull its forces out of Kosovo.")
    assert ("USA", "SRB", "THREATEN") in got
    assert not any(t == "RETREAT" for _, _, t in got)


@pytest.mark.parametrize("text", [
    # the content of a vote or resolution that was called off or postponed did not happen either
    "Thai lawmakers postponed a vote to impeach the prime minister.",
    "A vote on the EU resolution condemning Belarus was postponed until March.",
    # nor that of a resolution vetoed or blocked (the veto itself is the event, CAMEO 129 -> REJECT)
    "China vetoed a UN Security Council resolution condemning North Korea's missile launches.",
])
def test_content_of_called_off_vote_is_no_event(extractor, text):
    assert not any(t == "ACCUSE" for _, _, t in asserted(extractor, text))


def test_veto_stays_a_rejection(extractor):
    got = asserted(extractor, "China vetoed a UN Security Council resolution condemning North Korea's missile launches.")
    assert ("CHN", "IGO", "REJECT") in {(s, "IGO" if t == "UN" else t, e) for s, t, e in got}


def test_court_ruling_accuses_the_party_found_in_breach(nlp):
    # "ruled that X had violated ...": a ruling against a party finds it liable (CAMEO 116 -> ACCUSE)
    got = triples(parsed(nlp, "The International Court of Justice ruled that Uganda had violated its "
                              "obligations under the UN Charter in Congo.")._.events)
    assert ("ICJ", "UGA", "ACCUSE") in got
    # ruling a country is no ruling on it
    assert triples(parsed(nlp, "The Taliban ruled Afghanistan from 1996 to 2001.")._.events) == set()


def test_campaigning_against_a_government_rallies_opposition(nlp, domestic_coder):
    # CAMEO 113 rally opposition against -> ACCUSE
    quads = domestic_quads(nlp, domestic_coder, "Opposition parties in Benin campaigned against President Patrice Talon's constitutional amendment.")
    assert ("BEN", "BEN", "ACCUSE") in {(q[0], q[2], q[4]) for q in quads}


@pytest.mark.parametrize("text,expected", [
    # a refusal maintained "despite" a party's demands, calls or pressure defies that party (CAMEO 124)
    ("Iran refused to suspend uranium enrichment despite UN demands.", ("IRN", "UN", "REJECT")),
    ("Israel refused to halt settlement construction despite calls from the European Union.", ("ISR", "EU", "REJECT")),
    # a month given to comply is an ultimatum too (CAMEO 139)
    ("The EU gave Poland a month to reverse its judicial reforms.", ("EU", "POL", "THREATEN")),
])
def test_refusal_despite_demands_and_month_ultimatum(nlp, text, expected):
    assert expected in triples(parsed(nlp, text)._.events)


def test_vowing_to_continue_a_strike_threatens_dissent(nlp, domestic_coder):
    # a vow whose complement's object is a protest or strike threatens dissent (CAMEO 133 -> THREATEN),
    # not a promise of cooperation (AGREE)
    quads = domestic_quads(nlp, domestic_coder,
                           "Bangladeshi garment workers vowed to continue their strike until wages were raised.")
    got = {(q[0], q[2], q[4]) for q in quads}
    assert ("BGD", "BGD", "THREATEN") in got
    assert not any(t == "AGREE" for _, _, t in got)
