"""Families found on batch cf (CAMEO roots 03-10 in long wire-news style), tested end to end with the
real parser on other sentences than the batch's."""
from __future__ import annotations

import pytest
from test_events import asserted, domestic_asserted as domestic_triples, parsed, triples



@pytest.mark.parametrize("text,expected", [
    # declaring one's intention or readiness to act expresses intent (CAMEO 03 -> AGREE)
    ("Chile and Peru declared their intention to cooperate in fisheries research.", {("CHL", "PER", "AGREE")}),
    # civilian specialists dispatched abroad to help are aid (CAMEO 070), not a deployment
    ("Cuba dispatched 200 doctors to Haiti to help fight the cholera epidemic.", {("CUB", "HTI", "AID")}),
    # a joint programme launched or set up pools resources (CAMEO 061 -> COOPERATE)
    ("Kenya and Uganda launched a joint programme to fight cattle rustling along their border.",
     {("KEN", "UGA", "COOPERATE")}),
])
def test_cf_interstate_families(nlp, text, expected):
    assert asserted(nlp, text) >= expected


def test_relief_flights_allowed_are_access(nlp):
    events = triples(parsed(nlp, "Khartoum allowed United Nations relief flights into Darfur on Sunday.")._.events)
    assert ("SDN", "IGO", "RETREAT") in {(s, "IGO" if t in ("UN", "IGO") else t, ty) for s, t, ty in events}
    assert not any(ty == "CONCEDE" for _, _, ty in events)


def test_co_authors_aimed_at_themselves_act_jointly_in_order(nlp):
    # "their dispute" resolves to the authors: one joint act, first-named -> second, not the reverse
    assert triples(parsed(nlp, "Belize and Guatemala pledged on Tuesday to settle their territorial dispute.")._.events) \
        == {("BLZ", "GTM", "AGREE")}


def test_summary_appositive_is_no_object(nlp):
    # ", their first meeting since the war" sums up the act; its possessive is no party met
    events = triples(parsed(nlp, "The foreign ministers of Armenia and Azerbaijan met in Prague on Friday under the "
                                 "auspices of the OSCE, their first face-to-face encounter since fighting broke out "
                                 "in September.")._.events)
    assert ("ARM", "AZE", "CONSULT") in events
    assert not any(t in ("OSCE", "IGO") for _, t, _ in events)


def test_passive_agent_and_patient_keep_their_roles(nlp):
    # the joint reading of co-authors never applies to a passive's agent and its patient
    events = triples(parsed(nlp, "The Bolivian president was received in Brasilia by his Brazilian counterpart.")._.events)
    assert ("BRA", "BOL", "CONSULT") in events


@pytest.mark.parametrize("text", [
    # denying a claim rebuffs no one: no REJECT, and the denied act is negated
    "Officials in Accra denied on Monday that the Ghanaian government had opened talks with striking teachers, "
    "calling press reports false.",
    "The Chilean interior ministry denied on Friday that it had released any political prisoners under the amnesty.",
    # a hoped-for act is no event (the tagger may lemmatise "hoped" as "hop")
    "Opposition leaders in Lusaka said they hoped the Zambian government would lift the ban on rallies before the election.",
])
def test_cf_domestic_non_events(nlp, domestic_coder, text):
    assert domestic_triples(nlp, domestic_coder, text) == set()


@pytest.mark.parametrize("text,expected", [
    # bowing to demonstrations or strikes yields to the dissent (CAMEO 083 -> CONCEDE), also through
    # a measure ("weeks of protests")
    ("Bowing to weeks of demonstrations by students, the Bulgarian government agreed to hold free elections.",
     ("BGR", "BGR", "CONCEDE")),
    # accepting mediation by a cleric: religious titles are actors of the sentence's country (REL)
    ("Guatemala accepted mediation by the archbishop of Guatemala City in its talks with striking teachers.",
     ("GTM", "GTM", "AGREE")),
    # an actor named only in the act's circumstances ("before a deadline set by Western donors", "under
    # pressure from X") does not keep a state organ's act from its domestic target
    ("Malawian authorities lifted the curfew in Blantyre on Friday, days before a deadline set by Western donors.",
     ("MWI", "MWI", "CONCEDE")),
    # a subjectless coordinated verb shares the first verb's future auxiliary: announced, an intent (AGREE)
    ("Under pressure from Western donors, President Hastings Banda told parliament that his government would "
     "repeal the one-party law and allow multi-party elections.", ("MWI", "MWI", "AGREE")),
])
def test_cf_domestic_families(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_known_cleric_keeps_his_country(nlp):
    # Desmond Tutu is South African (leaders.csv), not of the one country his sentence names
    events = triples(parsed(nlp, "Archbishop Desmond Tutu called on Kenya to release the detained journalists.")._.events)
    assert events and all(s == "ZAF" for s, _, _ in events)


def test_examining_for_evidence_against_a_party_investigates_it(nlp):
    # "war crimes investigators": the parser may read "crimes" as an adverbial noun of the verb,
    # cutting the investigators off from the UN; examining "for evidence against X" investigates X
    # (CAMEO 094 -> ACCUSE)
    events = triples(parsed(nlp, "UN war crimes investigators began examining a mass grave near Srebrenica on Tuesday "
                                 "for evidence against Bosnian Serb commanders.")._.events)
    assert ("UN", "BIH", "ACCUSE") in events


@pytest.mark.parametrize("text,expected", [
    # aid to fighters described by whom they fight: the place of their fight names them, not their
    # enemy ("in Syria", on the verb or on its object)
    ("Iran sent arms to militias fighting Iraqi troops in Syria.", ("IRN", "SYR", "AID")),
    ("Saudi Arabia has begun supplying anti-tank missiles to guerrillas fighting Ethiopian troops in Eritrea, "
     "Arab diplomats said.", ("SAU", "ERI", "AID")),
    # with no place, rebels fighting an army are still known by it
    ("Libya supplied weapons to rebels fighting the Chadian army.", ("LBY", "TCD", "AID")),
])
def test_aid_to_fighters_goes_to_the_place_of_their_fight(nlp, text, expected):
    events = triples(parsed(nlp, text)._.events)
    assert expected in events
    assert not any(ty == "AID" and t != expected[1] for _, t, ty in events)


@pytest.mark.parametrize("text", [
    # "ahead of" / "prior to" head a time phrase: a party named there is when, not whom
    "The Thai army and the national police held joint exercises in Bangkok on Sunday ahead of the visit of the "
    "Chinese premier.",
    "Peruvian soldiers and police staged joint drills in Lima ahead of the opening of Congress.",
])
def test_party_in_a_time_phrase_is_no_target(nlp, text):
    events = triples(parsed(nlp, text)._.events)
    assert not any(t in ("CHN", "USA") for _, t, _ in events)
