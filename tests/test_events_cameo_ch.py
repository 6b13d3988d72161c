"""Event families found on batch ch (domestic sentences across CAMEO roots 03-20): end to end with
the real parser, on other sentences than the batch's (other wording, other countries)."""
from __future__ import annotations

import pytest

from test_events import asserted as interstate, domestic_asserted as domestic_triples, parsed



# ------------------------------------------------------------------ ASSAULT: a truce broken by an attack
@pytest.mark.parametrize("text,expected", [
    # "by" + gerund says how the subject did what it did: the subject attacks, whatever the main
    # verb's object (CAMEO 196 violate ceasefire -> ASSAULT)
    ("Karen rebels broke the truce by attacking a Burmese army post.", ("MMR", "MMR", "ASSAULT")),
    ("Rebels of the FMLN violated the ceasefire by shelling an army garrison in San Miguel, Salvadoran officials said.",
     ("SLV", "SLV", "ASSAULT")),
    ("The Algerian government punished the Islamists by banning their party.", ("DZA", "DZA", "COERCE")),
])
def test_means_gerund_is_the_subjects_act(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_breaking_a_truce_is_no_truce(nlp, domestic_coder):
    # broken truce: no ceasefire declared (RETREAT); breaking off relations stays SANCTION
    text = "Karen rebels broke the truce by attacking a Burmese army post."
    assert all(t != "RETREAT" for _, _, t in domestic_triples(nlp, domestic_coder, text))
    assert ("SYR", "IRQ", "SANCTION") in interstate(nlp, "Syria broke off relations with Iraq in 1980.")


# ------------------------------------------------------------------ ASSAULT / PROTEST: street and road
def test_seizing_a_bus_is_a_hijacking(nlp, domestic_coder):
    # seizing a vehicle with people on board hijacks it (CAMEO 181); masked/armed men are gunmen (UAF)
    assert ("PAK", "PAK", "ASSAULT") in domestic_triples(
        nlp, domestic_coder, "Masked men seized a minibus carrying nine nurses near Quetta.")
    # seizing farms stays a confiscation (CAMEO 171), no hijacking
    found = domestic_triples(nlp, domestic_coder, "War veterans seized three more white-owned farms near Harare, police said.")
    assert found and all(t == "COERCE" for _, _, t in found)


@pytest.mark.parametrize("text,expected", [
    # youths or rioters burning tyres, looting or ransacking riot (CAMEO 145 -> PROTEST) against their government
    ("Youths burned tyres in Lusaka to protest against the price rise.", ("ZMB", "ZMB", "PROTEST")),
    ("Rioters ransacked government offices in Bishkek, Kyrgyz officials said.", ("KGZ", "KGZ", "PROTEST")),
])
def test_rioting_youths_protest(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_looting_soldiers_do_not_protest(nlp, domestic_coder):
    assert all(t != "PROTEST" for _, _, t in domestic_triples(nlp, domestic_coder, "Soldiers looted shops in Bangui."))


# ------------------------------------------------------------------ COERCE: exile, closed newspapers
@pytest.mark.parametrize("text,expected", [
    # internal exile or banishment expels an individual (CAMEO 174)
    ("Chinese authorities banished the dissident writer to a remote labour camp in Qinghai.", ("CHN", "CHN", "COERCE")),
    ("The junta exiled the former president to a remote island, Greek radio reported.", ("GRC", "GRC", "COERCE")),
    # a paper named with its descriptor ("the daily X") closed restricts expression (CAMEO 1721)
    ("Turkish authorities closed the pro-Kurdish daily Ozgur Gundem on Friday.", ("TUR", "TUR", "COERCE")),
    ("Egyptian police shut down the opposition weekly Al-Dustour in Cairo.", ("EGY", "EGY", "COERCE")),
])
def test_exile_and_closed_papers(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


# ------------------------------------------------------------------ AID: escort, relief to a place at home
@pytest.mark.parametrize("text,expected", [
    # escorting civilians or refugees to safety protects them (CAMEO 074 -> AID), not cooperation
    ("Indonesian troops escorted hundreds of refugees back to their villages in Ambon.", ("IDN", "IDN", "AID")),
    # a state organ's aid sent to or given in a place at home aids the people there (CAMEO 07)
    ("The Mexican government gave 500 million pesos to Chiapas to rebuild schools.", ("MEX", "MEX", "AID")),
    ("The Ethiopian government distributed food aid in Tigray.", ("ETH", "ETH", "AID")),
    # herders are a sector of their own (AGR), a party to aid like farmers
    ("Kenyan soldiers delivered water to herders in Turkana.", ("KEN", "KEN", "AID")),
])
def test_aid_at_home(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_escort_of_ships_stays_cooperation_and_foreign_aid_gets_no_home_target(nlp, domestic_coder):
    assert all(t != "AID" for _, _, t in interstate(nlp, "French warships escorted Spanish tankers through the strait."))
    # aid with no recipient and no place at home is no aid to one's own people
    assert not domestic_triples(nlp, domestic_coder, "Japan gave 100 million dollars in aid.")


# ------------------------------------------------------------------ COOPERATE: joining forces
def test_joining_forces_cooperates(nlp):
    assert ("FRA", "DEU", "COOPERATE") in interstate(nlp, "France joined forces with Germany to press for a tax on financial transactions.")


# ------------------------------------------------------------------ SANCTION: mediation or contacts ended
def test_ended_mediation_is_halted(nlp):
    assert ("NOR", "LKA", "SANCTION") in interstate(
        nlp, "Norway's envoy ended his mediation between the Sri Lankan government and the Tamil Tigers.")


# ------------------------------------------------------------------ domestic: the speaker is no party
@pytest.mark.parametrize("text,expected", [
    # who reports a domestic act ("a Hong Kong rights group said") is no party to it: the act keeps
    # its domestic target
    ("Dozens of Tibetan monks were arrested by Chinese police in Lhasa, a London-based rights group said.",
     ("CHN", "CHN", "COERCE")),
    ("Police in Nairobi arrested dozens of students, a British rights group said.", ("KEN", "KEN", "COERCE")),
])
def test_foreign_speaker_is_no_party(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_foreign_actor_inside_the_act_still_blocks_the_home_target(nlp, domestic_coder):
    # a foreign party named in the act itself is its target, whoever reports it
    assert ("KEN", "UGA", "COERCE") in domestic_triples(
        nlp, domestic_coder, "Kenyan police arrested dozens of Ugandan traders in Nairobi, a local rights group said.")


# ------------------------------------------------------------------ actors: Sadr is no Sahrawi republic
def test_sadr_and_mehdi_army_are_iraqi(nlp, domestic_coder):
    text = "Gunmen loyal to Moqtada al-Sadr attacked a police station in Sadr City, Iraqi officials said."
    found = domestic_triples(nlp, domestic_coder, text)
    assert ("IRQ", "IRQ", "ASSAULT") in found
    assert not any("ESH" in (s, t) for s, t, _ in found)
    assert ("IRQ", "IRQ", "ASSAULT") in domestic_triples(
        nlp, domestic_coder, "Fighters of the Mehdi Army attacked Iraqi police in Basra.")


# ------------------------------------------------------------------ THREATEN: force at home, deadlines
@pytest.mark.parametrize("text,expected", [
    # a state organ warning that force will be used threatens violent repression (CAMEO 137)
    ("The Kenyan police commissioner warned that officers would shoot looters on sight.", ("KEN", "KEN", "THREATEN")),
    ("Togo's interior minister warned that security forces would use force to disperse any unauthorised rally.",
     ("TGO", "TGO", "THREATEN")),
])
def test_warning_of_force_at_home_is_a_threat(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_warning_of_another_partys_attack_is_no_threat_to_the_population(nlp, domestic_coder):
    # the army threatens no one there: the population target is only for its own force
    events = domestic_coder.code(parsed(nlp, "The Nigerian army warned that Boko Haram would attack more schools in Borno."))
    assert not any(e.source.sector == "MIL" and e.target.sector == "CVL" for e in events)


@pytest.mark.parametrize("text,expected", [
    # "gave X until <date> to ..." sets a deadline: an ultimatum (CAMEO 139), as "gave X 48 hours to"
    ("The Sudanese army gave the rebels until Friday to lay down their arms.", ("SDN", "SDN", "THREATEN")),
    ("Lebanon's government gave the militias until the end of the month to hand over their weapons.",
     ("LBN", "LBN", "THREATEN")),
])
def test_deadline_until_a_date_is_an_ultimatum(nlp, domestic_coder, text, expected):
    found = domestic_triples(nlp, domestic_coder, text)
    assert expected in found
    # what the deadline is for has not been done
    assert all(t != "RETREAT" for _, _, t in found)


def test_deadline_until_a_date_between_states(nlp):
    assert ("RUS", "UKR", "THREATEN") in interstate(nlp, "Russia gave Ukraine until Friday to pay its gas debts.")


# ------------------------------------------------------------------ CONCEDE: a curfew eased, by whom
@pytest.mark.parametrize("text,expected", [
    # easing or relaxing a curfew, revoking a state of emergency: CONCEDE (as the PLOVER GSR codes a
    # curfew shortened or lifted; CAMEO2PLOVER maps 0813/0814 to RETREAT)
    ("Authorities in Dhaka eased the curfew for six hours on Sunday.", ("BGD", "BGD", "CONCEDE")),
    ("The Peruvian government revoked the state of emergency in Puno.", ("PER", "PER", "CONCEDE")),
    # an agentless passive of a domestic measure: only the state imposes or eases it
    ("A dusk-to-dawn curfew was imposed on the Kenyan town of Eldoret after the riots.", ("KEN", "KEN", "COERCE")),
    ("The curfew in the Indian city of Meerut was relaxed on Friday, police said.", ("IND", "IND", "CONCEDE")),
])
def test_curfews_eased_and_imposed_at_home(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_denied_easing_stays_denied_and_eased_emergency_measures_concede(nlp, domestic_coder):
    assert not domestic_triples(nlp, domestic_coder, "Nepal's home ministry denied that the curfew in Kathmandu had been eased.")
    assert ("EGY", "EGY", "CONCEDE") in domestic_triples(
        nlp, domestic_coder, "Egyptian authorities eased emergency measures in Alexandria on Wednesday.")


# ------------------------------------------------------------------ ASSAULT: mass expulsion
@pytest.mark.parametrize("text,expected", [
    # people expelled or deported by the thousand: a mass expulsion (CAMEO 201 -> ASSAULT)
    ("The Bhutanese government deported 5,000 ethnic Nepalis from the south.", ("BTN", "BTN", "ASSAULT")),
    ("Sudanese troops expelled tens of thousands of villagers from the oil fields of Unity state.", ("SDN", "SDN", "ASSAULT")),
])
def test_mass_expulsion(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


@pytest.mark.parametrize("text,expected", [
    # a few people expelled, or foreign workers sent home however many, are deported (CAMEO 174)
    ("Kenya expelled two Somali clerics.", ("KEN", "SOM", "COERCE")),
    ("Libya expelled 30,000 Egyptian workers in 1985.", ("LBY", "EGY", "COERCE")),
])
def test_deportation_of_individuals_and_foreign_workers(nlp, text, expected):
    assert expected in interstate(nlp, text)


# ------------------------------------------------------------------ ACCUSE: inquiry into allegations
@pytest.mark.parametrize("text,expected", [
    # an inquiry into allegations or claims that X did something investigates X (CAMEO 09)
    ("The Kenyan government launched an inquiry into allegations that police killed protesters in Kisumu.",
     ("KEN", "KEN", "ACCUSE")),
])
def test_inquiry_into_allegations_targets_the_alleged_doer(nlp, domestic_coder, text, expected):
    assert expected in domestic_triples(nlp, domestic_coder, text)


def test_inquiry_into_claims_between_states(nlp):
    assert ("GBR", "RUS", "ACCUSE") in interstate(
        nlp, "Britain opened an investigation into claims that Russian agents had poisoned a former spy in Salisbury.")
