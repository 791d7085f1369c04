"""TLR@k (SHIFT's target-languages recall): hand-computed cases, the no-row rule, and the pooled batch version."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.measures import TLR, PooledBatch, padded
from hybrid_core.measures.tlr import target_language_recall

RELEVANT = {"en1": "en", "de1": "de", "fr1": "fr", "fr2": "fr"}


@pytest.mark.parametrize(("ranking", "k", "expected"), [
    # targets de1 fr1 fr2 (not en1, the query's language); top 3 holds de1 only
    (["en1", "de1", "x", "fr1", "fr2"], 3, 1 / 3),
    # the same-language answer never counts, wherever it is
    (["de1", "fr1", "en1", "fr2"], 2, 2 / 3),
    (["de1", "fr1", "fr2", "en1"], 3, 1.0),
    (["en1", "x", "y"], 3, 0.0),
    # k beyond the ranking's end: what is there
    (["fr2", "de1"], 20, 2 / 3),
])
def test_hand_computed(ranking: list[str], k: int, expected: float) -> None:
    assert target_language_recall(ranking, RELEVANT, "en", k) == pytest.approx(expected, abs=1e-15)


def test_a_query_without_an_other_language_answer_has_no_value() -> None:
    assert target_language_recall(["en1", "de1"], {"en1": "en"}, "en", 20) is None
    assert target_language_recall(["en1"], {}, "en", 20) is None
    with pytest.raises(ValueError, match="positive"):
        target_language_recall(["en1"], RELEVANT, "en", 0)


def test_pooled_batch_by_hand() -> None:
    """Two en queries over candidates en0 en1 de0 de1 fr0 (languages de=0, en=1, fr=2)."""
    scores = np.array([[0.9, 0.1, 0.8, 0.2, 0.3],   # ranking en0 de0 fr0 de1 en1: answers en0 (1), de0 (2), fr0 (3)
                       [0.1, 0.9, 0.2, 0.3, 0.8]],  # en1 fr0 de1 de0 en0: answers en1 (1) only
                      dtype=np.float32)
    batch = PooledBatch(scores=scores, qids=["q1", "q2"], query_codes=np.array([1, 1]),
                        targets=padded([np.array([0, 2, 4]), np.array([1])]), languages=("de", "en", "fr"),
                        codes=np.array([1, 1, 0, 0, 2]), top=np.zeros((2, 0), dtype=np.int64))
    cells = TLR.info.pooled(batch, TLR @ 2)
    rows, values = cells["all"]
    assert rows.tolist() == [0] and values.tolist() == [0.5]  # de0 in the top 2, fr0 at 3; q2: no row
    rows, values = TLR.info.pooled(batch, TLR @ 3)["all"]
    assert values.tolist() == [1.0]
