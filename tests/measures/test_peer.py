"""PEER@k (Yang et al., SIGIR 2024, as MIMO computes it): hand-computed p-values, the k+1 cut-off, all ties, and
scipy's Kruskal-Wallis test on the capped ranks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import kruskal

from hybrid_core.measures.peer import peer


@pytest.mark.parametrize(("ranks", "k", "expected"), [
    # two languages, one answer each, both in the top k: capped [1], [21]: H = 1 on 1 df
    ({"en": [1], "de": [50]}, 20, math.erfc(math.sqrt(0.5))),
    # three languages: en [1, 2], de [3, 4], fr [25 -> 21]; mid-ranks 1..5, rank sums 3, 7, 5:
    # H = 12 / (5 * 6) * (9/2 + 49/2 + 25) - 3 * 6 = 3.6 on 2 df: p = exp(-1.8)
    ({"en": [1, 2], "de": [3, 4], "fr": [25]}, 20, math.exp(-1.8)),
    # the cut-off makes ties: [1], [30 -> 21], [40 -> 21]; mid-ranks 1, 2.5, 2.5: H = (12/12 * 13.5 - 12) / (1 -
    # (8 - 2) / (27 - 3)) = 1.5 / 0.75 = 2 on 2 df: p = exp(-1)
    ({"en": [1], "de": [30], "fr": [40]}, 20, math.exp(-1.0)),
    # the same ranks without the cut-off (k = 100): all distinct, H = 12/12 * (1 + 4 + 9) - 12 = 2 on 2 df
    ({"en": [1], "de": [30], "fr": [40]}, 100, math.exp(-1.0)),
    # no relevant candidate in the top k: every rank becomes k + 1 and ties: 1.0
    ({"en": [30], "de": [50], "fr": [21]}, 20, 1.0),
    # every rank equal anyway
    ({"en": [5], "de": [5]}, 20, 1.0),
])
def test_hand_computed(ranks: dict[str, list[int]], k: int, expected: float) -> None:
    assert peer(ranks, k) == pytest.approx(expected, rel=1e-12)


def test_fewer_than_two_language_groups_have_no_value() -> None:
    assert peer({"en": [1, 7]}, 20) is None
    assert peer({"en": [1], "de": []}, 20) is None
    with pytest.raises(ValueError, match="positive"):
        peer({"en": [1], "de": [2]}, 0)
    with pytest.raises(ValueError, match="1-based"):
        peer({"en": [0], "de": [2]}, 5)


def test_equals_scipy_kruskal_on_the_capped_ranks() -> None:
    """The memoised mid-rank key gives scipy's p-value on the raw capped ranks (up to summation order)."""
    rng = np.random.default_rng(0)
    for _ in range(300):
        k = int(rng.integers(1, 30))
        groups = {lang: rng.integers(1, 40, size=rng.integers(1, 4)).tolist()
                  for lang in rng.choice(["ar", "de", "en", "fr", "zh"], size=rng.integers(2, 6), replace=False)}
        capped = [np.minimum(g, k + 1) for g in groups.values()]
        values = np.concatenate(capped)
        expected = 1.0 if (values == values[0]).all() else float(kruskal(*capped).pvalue)
        assert peer(groups, k) == pytest.approx(expected, rel=1e-12, abs=1e-15), (groups, k)
