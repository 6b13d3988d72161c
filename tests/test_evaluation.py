"""detente.evaluation: the pieces the benchmark runners share."""
from __future__ import annotations

import hashlib

from detente.evaluation import is_test_id, max_matching


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
