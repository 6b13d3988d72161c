"""The event coder on hand-built parses: argument roles, voice, joint acts, nominal and light-verb
predicates, reported speech, modality, and the rule that an event needs two different actors."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from spacy.tokens import Span

from detente.nlp import extensions
from detente.nlp.events import EventCoder
from detente.nlp.lexicon import load_lexicon


@pytest.fixture(scope="module")
def coder():
    return EventCoder(load_lexicon(()))


def code(coder, doc):
    doc._.doc_id = "t"
    return list(coder.code(doc))


def triples(events):
    return {(e.source.country, e.target.country, e.event_type) for e in events}


def test_active_verb_codes_subject_to_object(coder, make_doc):
    doc = make_doc("Borduria/Borduria/PROPN/nsubj/1 shelled/shell/VERB/ROOT/1 Syldavia/Syldavia/PROPN/dobj/1 ././PUNCT/punct/1",
                   actors={0: ("BRD", None), 2: ("SYL", None)})
    events = code(coder, doc)
    assert triples(events) == {("BRD", "SYL", "ASSAULT")}
    ev = events[0]
    assert ev.quad_class == 4 and ev.cameo_root == "19" and ev.intensity < 0
    assert ev.sentence == doc.text.rstrip() and (ev.start, ev.end) == (0, len(doc.text.rstrip()))
    assert doc.text[ev.trigger_start:ev.trigger_end] == "shelled"


def test_passive_agent_is_the_source(coder, make_doc):
    doc = make_doc("Syldavia/Syldavia/PROPN/nsubjpass/2 was/be/AUX/auxpass/2 invaded/invade/VERB/ROOT/2 "
                   "by/by/ADP/agent/2 Borduria/Borduria/PROPN/pobj/3",
                   actors={0: ("SYL", None), 4: ("BRD", None)})
    assert triples(code(coder, doc)) == {("BRD", "SYL", "ASSAULT")}


def test_coordinated_subjects_make_a_joint_act(coder, make_doc):
    doc = make_doc("Syldavia/Syldavia/PROPN/nsubj/3 and/and/CCONJ/cc/0 Borduria/Borduria/PROPN/conj/0 "
                   "signed/sign/VERB/ROOT/3 a/a/DET/det/5 treaty/treaty/NOUN/dobj/3",
                   actors={0: ("SYL", None), 2: ("BRD", None)})
    events = code(coder, doc)
    assert len(events) == 1
    assert events[0].symmetric and events[0].event_type == "AGREE"
    assert {events[0].source.country, events[0].target.country} == {"SYL", "BRD"}


def test_collective_mention_expands_to_its_members(coder, make_doc):
    doc = make_doc("The/the/DET/det/2 two/two/NUM/nummod/2 countries/country/NOUN/nsubj/3 met/meet/VERB/ROOT/3",
                   members={(0, 3): ["SYL", "BRD"]})
    events = code(coder, doc)
    assert [(e.event_type, e.symmetric) for e in events] == [("CONSULT", True)]


def test_light_verb_takes_type_and_target_from_its_noun(coder, make_doc):
    doc = make_doc("Borduria/Borduria/PROPN/nsubj/1 imposed/impose/VERB/ROOT/1 sanctions/sanction/NOUN/dobj/1 "
                   "on/on/ADP/prep/2 Syldavia/Syldavia/PROPN/pobj/3",
                   actors={0: ("BRD", None), 4: ("SYL", None)})
    events = code(coder, doc)
    assert triples(events) == {("BRD", "SYL", "SANCTION")}
    assert events[0].track == "economic"


def test_nominal_visit_with_possessive_pronoun(coder, make_doc):
    # "Ottokar , during his visit to Klow , spoke ." -- "his" resolves to the person subject
    doc = make_doc("Ottokar/Ottokar/PROPN/nsubj/8 ,/,/PUNCT/punct/0 during/during/ADP/prep/8 his/his/PRON/poss/4 "
                   "visit/visit/NOUN/pobj/2 to/to/ADP/prep/4 Klow/Klow/PROPN/pobj/5 ,/,/PUNCT/punct/8 spoke/speak/VERB/ROOT/8",
                   actors={0: ("SYL", "GOV"), 6: ("BRD", "GOV")})
    doc[0].ent_type_ = "PERSON"
    events = code(coder, doc)
    assert triples(events) == {("SYL", "BRD", "CONSULT")}
    assert events[0].mode == "visit"


def test_reported_conflict_becomes_an_accusation(coder, make_doc):
    doc = make_doc("Syldavia/Syldavia/PROPN/nsubj/1 said/say/VERB/ROOT/1 that/that/SCONJ/mark/4 "
                   "Borduria/Borduria/PROPN/nsubj/4 attacked/attack/VERB/ccomp/1 Zembla/Zembla/PROPN/dobj/4",
                   actors={0: ("SYL", None), 3: ("BRD", None), 5: ("ZMB", None)})
    events = code(coder, doc)
    assert triples(events) == {("BRD", "ZMB", "ASSAULT"), ("SYL", "BRD", "ACCUSE")}
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.attributed_to == "Syldavia"


def test_reported_cooperation_is_attributed_not_an_accusation(coder, make_doc):
    doc = make_doc("Syldavia/Syldavia/PROPN/nsubj/1 said/say/VERB/ROOT/1 that/that/SCONJ/mark/4 "
                   "Borduria/Borduria/PROPN/nsubj/4 helped/help/VERB/ccomp/1 Zembla/Zembla/PROPN/dobj/4",
                   actors={0: ("SYL", None), 3: ("BRD", None), 5: ("ZMB", None)})
    assert triples(code(coder, doc)) == {("BRD", "ZMB", "AID")}


def test_negation_and_modality_are_flagged(coder, make_doc):
    neg = make_doc("Borduria/Borduria/PROPN/nsubj/3 did/do/AUX/aux/3 not/not/PART/neg/3 recognize/recognize/VERB/ROOT/3 "
                   "Syldavia/Syldavia/PROPN/dobj/3", actors={0: ("BRD", None), 4: ("SYL", None)})
    hyp = make_doc("Borduria/Borduria/PROPN/nsubj/2 may/may/AUX/aux/2 attack/attack/VERB/ROOT/2 Syldavia/Syldavia/PROPN/dobj/2",
                   actors={0: ("BRD", None), 3: ("SYL", None)})
    plan = make_doc("Borduria/Borduria/PROPN/nsubj/1 plans/plan/VERB/ROOT/1 to/to/PART/aux/3 invade/invade/VERB/xcomp/1 "
                    "Syldavia/Syldavia/PROPN/dobj/3", actors={0: ("BRD", None), 4: ("SYL", None)})
    (n,), (h,), (p,) = code(coder, neg), code(coder, hyp), code(coder, plan)
    assert n.negated and not n.hypothetical
    assert h.hypothetical and not h.negated
    assert p.hypothetical and p.source.country == "BRD"  # subject inherited through xcomp


def test_no_event_without_two_different_actors(coder, make_doc):
    one = make_doc("Borduria/Borduria/PROPN/nsubj/1 attacked/attack/VERB/ROOT/1 rebels/rebel/NOUN/dobj/1",
                   actors={0: ("BRD", None)})
    same = make_doc("Borduria/Borduria/PROPN/nsubj/1 criticised/criticise/VERB/ROOT/1 Szohod/Szohod/PROPN/dobj/1",
                    actors={0: ("BRD", "GOV"), 2: ("BRD", "OPP")})
    assert code(coder, one) == []
    assert code(coder, same) == []


def test_object_control_gives_the_subject_of_the_complement(coder, make_doc):
    # "Zembla urged Borduria to withdraw from Syldavia"
    doc = make_doc("Zembla/Zembla/PROPN/nsubj/1 urged/urge/VERB/ROOT/1 Borduria/Borduria/PROPN/dobj/1 to/to/PART/aux/4 "
                   "withdraw/withdraw/VERB/xcomp/1 from/from/ADP/prep/4 Syldavia/Syldavia/PROPN/pobj/5",
                   actors={0: ("ZMB", None), 2: ("BRD", None), 6: ("SYL", None)})
    assert triples(code(coder, doc)) == {("ZMB", "BRD", "REQUEST"), ("BRD", "SYL", "RETREAT")}


@dataclass
class FakeTimex:
    event_value: str


def test_date_attached_through_the_parse_not_the_nearest_string(coder, make_doc):
    # "Borduria , founded in 1920 , attacked Syldavia on 3 May 1950"
    doc = make_doc("Borduria/Borduria/PROPN/nsubj/6 ,/,/PUNCT/punct/0 founded/found/VERB/acl/0 in/in/ADP/prep/2 "
                   "1920/1920/NUM/pobj/3 ,/,/PUNCT/punct/0 attacked/attack/VERB/ROOT/6 Syldavia/Syldavia/PROPN/dobj/6 "
                   "on/on/ADP/prep/6 3_May_1950/date/NUM/pobj/8",
                   actors={0: ("BRD", None), 7: ("SYL", None)})
    early, late = Span(doc, 4, 5), Span(doc, 9, 10)
    early._.timex, late._.timex = FakeTimex("1920"), FakeTimex("1950-05-03")
    doc.spans[extensions.DATES] = [early, late]
    (ev,) = code(coder, doc)
    assert ev.date == "1950-05-03" and ev.date_text == "3 May 1950"


def test_user_lexicon_extends_the_verbs(tmp_path, make_doc):
    extra = tmp_path / "lex.yaml"
    extra.write_text("verbs:\n  snub: {type: REJECT}\n", encoding="utf-8")
    doc = make_doc("Borduria/Borduria/PROPN/nsubj/1 snubbed/snub/VERB/ROOT/1 Syldavia/Syldavia/PROPN/dobj/1",
                   actors={0: ("BRD", None), 2: ("SYL", None)})
    assert code(EventCoder(load_lexicon(())), doc) == []
    assert triples(code(EventCoder(load_lexicon((str(extra),))), doc)) == {("BRD", "SYL", "REJECT")}


def test_bad_user_lexicon_is_a_coded_error(tmp_path):
    from detente.errors import DetenteError

    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  snub: {type: SNUBBED}\n", encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        load_lexicon((str(bad),))
    assert err.value.code == "E021" and "bad.yaml" in err.value.message
