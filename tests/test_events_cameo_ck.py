"""Event families found on batch ck (CAMEO roots 11-20 with verbs the tuning sentences lacked): end to end
with the real parser, on other sentences than the batch's (other wording, other countries)."""
from __future__ import annotations

import pytest
from test_events import asserted as interstate, domestic_asserted as domestic



# ------------------------------------------------------------------ REJECT: balking or scoffing at
@pytest.mark.parametrize("text,expected", [
    # balking, scoffing or sneering at a proposal rejects it; its owner is the target (CAMEO 12)
    ("Pakistan balked at India's offer of talks on the Siachen glacier.", ("PAK", "IND", "REJECT")),
    ("North Korea scoffed at a South Korean proposal for family reunions.", ("PRK", "KOR", "REJECT")),
    ("Serbia sneered at Croatia's demand for war reparations.", ("SRB", "HRV", "REJECT")),
])
def test_balking_and_scoffing_reject(nlp, text, expected):
    assert expected in interstate(nlp, text)


# ------------------------------------------------------------------ THREATEN: vowing reprisals
@pytest.mark.parametrize("text,expected", [
    # vowing revenge, reprisals or retaliation against someone threatens them (CAMEO 13)
    ("Hamas vowed revenge against Israel after the killing of its founder.", ("PSE", "ISR", "THREATEN")),
    ("Armenia vowed retaliation against Azerbaijan for the shelling of its villages.", ("ARM", "AZE", "THREATEN")),
])
def test_vowing_reprisals_threatens(nlp, text, expected):
    assert expected in interstate(nlp, text)


def test_vowing_to_act_stays_a_promise(nlp):
    # a vow to do something is still a promise, not a threat
    assert not {t for t in interstate(nlp, "France vowed to support Mali against the insurgents.")
                if t[2] == "THREATEN"}


# ------------------------------------------------------------------ SANCTION: aid curtailed or shelved
@pytest.mark.parametrize("text,expected", [
    # curtailing, slashing, trimming or shelving aid or loans reduces them (CAMEO 162)
    ("Sweden curtailed its aid to Vietnam in 1990.", ("SWE", "VNM", "SANCTION")),
    ("Germany slashed development aid to Malawi after the corruption scandal.", ("DEU", "MWI", "SANCTION")),
    ("France shelved a loan to Guinea after the massacre in the stadium.", ("FRA", "GIN", "SANCTION")),
])
def test_aid_curtailed_or_shelved(nlp, text, expected):
    assert expected in interstate(nlp, text)


# ------------------------------------------------------------------ MOBILIZE: jets scrambled, missiles paraded
def test_scrambling_jets_shows_force(nlp):
    # scrambling fighters against another state's aircraft is a show of force (CAMEO 150)
    assert ("JPN", "RUS", "MOBILIZE") in interstate(
        nlp, "Japan scrambled fighter jets against Russian bombers near Hokkaido.")


def test_parading_missiles_shows_force(nlp, domestic_coder):
    assert ("IRN", "IRN", "MOBILIZE") in domestic(
        nlp, domestic_coder, "Iran paraded ballistic missiles through Tehran on the anniversary of the war.")


@pytest.mark.parametrize("text", [
    "Protesters paraded a coffin through the streets of Belgrade.",
    "Kenyan parties scrambled for votes in the Rift Valley.",
])
def test_parading_or_scrambling_other_things_is_no_force(nlp, domestic_coder, text):
    assert not {t for t in domestic(nlp, domestic_coder, text) if t[2] == "MOBILIZE"}


# ------------------------------------------------------------------ COERCE: padlocked, cordoned off
@pytest.mark.parametrize("text,expected", [
    # padlocking offices or cordoning off a district closes them by force (CAMEO 17)
    ("Kenyan police padlocked the offices of a human rights group in Nairobi.", ("KEN", "KEN", "COERCE")),
    ("Indonesian troops cordoned off villages in Aceh after the ambush.", ("IDN", "IDN", "COERCE")),
])
def test_padlocking_and_cordoning_coerce(nlp, domestic_coder, text, expected):
    assert expected in domestic(nlp, domestic_coder, text)


# ------------------------------------------------------------------ ASSAULT: gassing; Chechen targets
def test_gassing_people_is_an_assault(nlp, domestic_coder):
    assert ("SYR", "SYR", "ASSAULT") in domestic(
        nlp, domestic_coder, "Syrian government forces gassed civilians in the suburbs of Damascus in 2013.")


def test_chechen_targets_are_russian(nlp, domestic_coder):
    # Chechnya's separatists and villages are Russia's, as Abkhaz ones Georgia's
    assert ("RUS", "RUS", "ASSAULT") in domestic(
        nlp, domestic_coder, "Russian troops shelled Chechen positions near Gudermes in 1996.")


# ------------------------------------------------------------------ PROTEST: sit-down and wildcat strikes
@pytest.mark.parametrize("text,expected", [
    # a sit-down, wildcat or warning strike is a labour protest (CAMEO 143), not an air strike
    ("Argentine railway workers held a sit-down strike in Buenos Aires.", ("ARG", "ARG", "PROTEST")),
    ("South Korean car workers staged a wildcat strike in Ulsan.", ("KOR", "KOR", "PROTEST")),
])
def test_sit_down_and_wildcat_strikes_are_protests(nlp, domestic_coder, text, expected):
    got = domestic(nlp, domestic_coder, text)
    assert expected in got and not {t for t in got if t[2] == "ASSAULT"}


# ------------------------------------------------------------------ actors: a mob, a sniper
@pytest.mark.parametrize("text,expected", [
    # a mob (singular as well as plural) is civilians and a sniper an armed man of no named side: both of
    # the one country their sentence names
    ("A mob beat two policemen to death in the Pakistani city of Sialkot.", ("PAK", "PAK", "ASSAULT")),
    ("Snipers killed three soldiers in the Lebanese town of Sidon.", ("LBN", "LBN", "ASSAULT")),
])
def test_mob_and_sniper_take_the_sentence_country(nlp, domestic_coder, text, expected):
    assert expected in domestic(nlp, domestic_coder, text)
