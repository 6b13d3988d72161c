"""detente.evaluation: the pieces the benchmark runners share."""
from __future__ import annotations

import hashlib

from detente.evaluation import as_generic_igo, generic_codes, group_predictions, is_test_id, max_matching


def test_max_matching_finds_the_augmenting_path() -> None:
    # gold 0 fits preds 0 and 1, gold 1 only pred 0: a greedy pass would pair (0, 0) and lose 1
    ok = {(0, 0), (0, 1), (1, 0)}
    assert max_matching(2, 2, lambda g, p: (g, p) in ok) == {0: 1, 1: 0}
    assert max_matching(2, 2, lambda g, p: False) == {}
    # taken indices stay out of it
    assert max_matching(2, 2, lambda g, p: (g, p) in ok, fixed_pred=[0]) == {0: 1}
    assert max_matching(2, 2, lambda g, p: (g, p) in ok, fixed_gold=[0]) == {1: 0}


def test_split_is_fixed_by_the_sha1_of_the_id() -> None:
    ids = [f"REC-{i:04d}" for i in range(200)]
    test = [i for i in ids if is_test_id(i)]
    assert all(int(hashlib.sha1(i.encode()).hexdigest()[-1], 16) % 2 for i in test)
    assert 60 < len(test) < 140  # about half, never all or none


def test_transnational_actors_take_the_gsr_generic_codes() -> None:
    table = generic_codes()
    # intergovernmental bodies and international NGOs score as IGO, transnational armed groups as IMG
    assert table["UN"] == table["NATO"] == table["ICRC"] == table["AMNESTY"] == "IGO"
    assert table["AQ"] == "IMG"
    # a national group with its country's code, and the country codes themselves, are left alone
    assert not {"PSE", "USA", "NAM"} & set(table)
    assert as_generic_igo({"country": "ICRC", "text": "Red Cross"}, table) == {"country": "IGO", "text": "Red Cross"}
    assert as_generic_igo({"country": "NAM"}, table) == {"country": "NAM"}


def test_grouped_predictions_use_generic_codes_only_when_asked() -> None:
    recs = [{"doc": "a", "source": {"country": "AMNESTY"}, "target": {"country": "USA"},
             "event_type": "ACCUSE", "quad_class": 3, "start": 0, "trigger_start": 9}]
    plain = group_predictions(recs, ["a", "b"])
    generic = group_predictions(recs, ["a", "b"], generic_igo=True)
    assert plain[0]["events"][0]["source"]["country"] == "AMNESTY"
    assert generic[0]["events"][0]["source"]["country"] == "IGO"
    assert generic[1] == {"id": "b", "events": []}
