"""Event families found on batch cj (CAMEO roots 03-10 with verbs, nouns and idioms new to the tuning
sentences): end to end with the real parser, on other sentences than the batch's (other wording,
other countries)."""
from __future__ import annotations

import pytest
from test_events import asserted as interstate, domestic_asserted as domestic_triples



# ------------------------------------------------------------------ AGREE: deals, offers, recognition
@pytest.mark.parametrize("text,expected", [
    # clinching or hammering out a deal concludes it (CAMEO 057)
    ("Israel and Jordan hammered out a water-sharing accord in 1994.", ("ISR", "JOR", "AGREE")),
    ("Ecuador and Peru clinched a border deal in 1998.", ("ECU", "PER", "AGREE")),
    # putting one's signature to a treaty signs it
    ("Greece and Albania put their signatures to a friendship treaty in 1996.", ("GRC", "ALB", "AGREE")),
    ("Bolivia put its signature to a gas deal with Brazil.", ("BOL", "BRA", "AGREE")),
    # volunteering to mediate is an offer (CAMEO 039), not the mediation itself
    ("Algeria volunteered to mediate between Ethiopia and Eritrea.", ("DZA", "ETH", "AGREE")),
    # signalled readiness / accorded recognition: light verbs whose noun decides
    ("Syria signalled readiness to resume talks with Israel.", ("SYR", "ISR", "AGREE")),
    ("Austria accorded diplomatic recognition to Croatia in 1992.", ("AUT", "HRV", "AGREE")),
])
def test_deal_verbs_offers_and_recognition(nlp, text, expected):
    assert expected in interstate(nlp, text)


def test_put_is_no_trigger_without_a_signature(nlp):
    assert not any(t == "AGREE" for _, _, t in interstate(nlp, "Chile put pressure on Peru over the maritime border."))


# ------------------------------------------------------------------ CONSULT: huddle, ring, journey
def test_huddles_calls_and_journeys(nlp, domestic_coder):
    assert ("MLI", "MLI", "CONSULT") in domestic_triples(
        nlp, domestic_coder, "The Malian president huddled with army commanders after the coup attempt.")
    assert ("KEN", "TZA", "CONSULT") in interstate(nlp, "Kenya's president rang the Tanzanian president on Sunday.")
    assert ("POL", "RUS", "CONSULT") in interstate(
        nlp, "The Polish president journeyed to Moscow for talks with Soviet leaders.")


# ------------------------------------------------------------------ SUPPORT: backing, praise, apology
def test_speaking_up_rallying_behind_and_praise(nlp, domestic_coder):
    assert interstate(nlp, "Venezuela spoke up for Cuba at the regional summit.") == {("VEN", "CUB", "SUPPORT")}
    assert ("FRA", "MAR", "SUPPORT") in interstate(nlp, "The French president lavished praise on Morocco's king.")
    assert ("SEN", "SEN", "SUPPORT") in domestic_triples(
        nlp, domestic_coder, "Senegal's opposition parties rallied behind President Diouf.")
    # a rally against someone stays a protest
    assert ("SEN", "SEN", "PROTEST") in domestic_triples(
        nlp, domestic_coder, "Students rallied against the government in Dakar.")


def test_regret_and_begged_forgiveness_are_apologies(nlp, domestic_coder):
    assert ("DEU", "NAM", "SUPPORT") in interstate(
        nlp, "Germany expressed regret to Namibia for the colonial-era killings.")
    coded = domestic_triples(nlp, domestic_coder,
                             "The Peruvian president begged forgiveness of the victims' relatives for the massacre.")
    assert ("PER", "PER", "SUPPORT") in coded and ("PER", "PER", "REQUEST") not in coded


# ------------------------------------------------------------------ COOPERATE / AID
@pytest.mark.parametrize("text,expected", [
    ("Spain tipped off France about an arms cache near the border.", ("ESP", "FRA", "COOPERATE")),
    ("Kenya and Uganda pooled their customs revenues.", ("KEN", "UGA", "COOPERATE")),
    ("Japan underwrote Indonesia's bank rescue in 1998.", ("JPN", "IDN", "AID")),
    ("Iran funnelled weapons to Syria during the war.", ("IRN", "SYR", "AID")),
    # taking in refugees shelters them (CAMEO 075)
    ("Pakistan took in three million Afghan refugees.", ("PAK", "AFG", "AID")),
])
def test_pooling_tipping_off_and_funding(nlp, text, expected):
    assert expected in interstate(nlp, text)


# ------------------------------------------------------------------ CONCEDE / RETREAT
def test_set_free_rolled_back_phased_out_gave_way(nlp, domestic_coder):
    assert ("IRN", "GBR", "CONCEDE") in interstate(nlp, "Iran set free two detained British sailors in 2007.")
    assert ("MAR", "DZA", "CONCEDE") in interstate(nlp, "Morocco set the Algerian prisoners free after talks in Rabat.")
    assert ("SDN", "SDN", "CONCEDE") in domestic_triples(
        nlp, domestic_coder, "The Sudanese government set free 40 detained opposition activists on Monday.")
    assert ("JPN", "CHN", "CONCEDE") in interstate(nlp, "Japan phased out its sanctions on China in 1990.")
    assert ("KEN", "KEN", "CONCEDE") in domestic_triples(
        nlp, domestic_coder, "The Kenyan government rolled back curbs on the press.")
    assert ("ZMB", "ZMB", "CONCEDE") in domestic_triples(
        nlp, domestic_coder, "The Zambian government gave way to striking doctors.")
    # an adjective that only describes the object makes no idiom
    assert not interstate(nlp, "Indonesia set new rules for Malaysian fishing boats.")


def test_falling_back_and_giving_up_weapons(nlp, domestic_coder):
    assert ("ETH", "ERI", "RETREAT") in interstate(nlp, "Ethiopian troops fell back from positions in Eritrea in 2000.")
    assert ("IDN", "IDN", "RETREAT") in domestic_triples(
        nlp, domestic_coder, "Rebels in Aceh gave up their weapons under the 2005 peace deal.")


# ------------------------------------------------------------------ ACCUSE (investigate) / REQUEST
def test_looking_into_and_scrutinising(nlp, domestic_coder):
    assert ("KEN", "KEN", "ACCUSE") in domestic_triples(
        nlp, domestic_coder, "A Kenyan parliamentary committee looked into bribery allegations against the finance minister.")
    assert ("EU", "BLR", "ACCUSE") in interstate(nlp, "EU monitors scrutinised Belarus's presidential election.")


def test_clamouring_insisting_on_and_inviting_observers(nlp, domestic_coder):
    assert ("DZA", "DZA", "REQUEST") in domestic_triples(
        nlp, domestic_coder, "Algerian students clamoured for the release of detained classmates.")
    assert ("LBN", "ISR", "REQUEST") in interstate(nlp, "Lebanon insisted on an Israeli withdrawal from the south.")
    # a bare "insisted that" stays a reporting verb
    assert not any(t == "REQUEST" for _, _, t in domestic_triples(
        nlp, domestic_coder, "Ghana insisted that its troops had not crossed the border.", negated=True))
    assert ("GTM", "OAS", "REQUEST") in interstate(nlp, "Guatemala invited OAS observers to watch its elections.")
    # an invitation to visit stays a consultation
    assert ("CHL", "PER", "CONSULT") in interstate(nlp, "Chile invited Peru's president to Santiago.")
