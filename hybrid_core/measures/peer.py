"""``PEER@k``, probability of equal expected rank (Yang et al., SIGIR 2024), as MIMO implements it.

Per query: the pooled ranks of its relevant candidates, grouped by candidate language, ranks beyond k set to k+1
(the paper's rank cut-off: all unretrieved answers tie), then a Kruskal-Wallis test across the language groups
(``scipy.stats.kruskal``); ``PEER@k`` is the p-value, averaged over queries. High p: no evidence that an answer's
language moves its rank, i.e. fairer. 1.0 when every rank ties (e.g. no relevant candidate in the top k). It is
computed on the pooled (multilingual) ranking: one row per query in cell (X, ``all``), setting ``multilingual``.
MIMO's evaluate.py reports k = 20 and 100, our defaults.

Our choices where the papers leave room (following MIMO's code): binary relevance (one relevance level, weight 1;
the SIGIR paper also weighs levels); a query whose relevant candidates span fewer than 2 languages gets *no row*
(no test is possible); a Kruskal-Wallis error (scipy raises when all values are identical) counts as p = 1.0; ranks
break score ties by candidate order. The p-value depends only on the groups' mid-ranks, so the groups are put in a
canonical order and each pattern is tested once (memoised): the value is scipy's up to the last bits (summation
order), the same for every run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

import numpy as np

from hybrid_core.measures.base import ALL, Cells, Measure, MeasureInfo, PooledBatch


@lru_cache(maxsize=65536)
def _kruskal_p(groups: tuple[tuple[float, ...], ...]) -> float:
    from scipy.stats import kruskal

    try:
        return float(kruskal(*groups).pvalue)
    except ValueError:
        return 1.0


def _p_value(capped: list[np.ndarray]) -> float:
    """Kruskal-Wallis p-value of rank groups already capped at k+1 (1.0 when every value ties)."""
    from scipy.stats import rankdata

    values = np.concatenate(capped)
    if np.all(values == values[0]):
        return 1.0
    midranks = rankdata(values)
    bounds = np.cumsum([0, *(len(g) for g in capped)])
    key = tuple(sorted(tuple(sorted(midranks[a:b].tolist())) for a, b in pairwise(bounds)))
    return _kruskal_p(key)


def peer(ranks_by_language: Mapping[str, Sequence[int]], k: int) -> float | None:
    """PEER@k of one query from the pooled ranks of its relevant candidates, grouped by their language.

    Args:
        ranks_by_language: ``{candidate language: [pooled ranks of its relevant candidates]}`` (1-based).
        k: the rank cut-off: ranks above k become k+1.

    Returns:
        The Kruskal-Wallis p-value across the language groups (1.0 when all capped ranks tie); None when fewer
        than 2 languages have a relevant candidate.

    Raises:
        ValueError: ``k < 1`` or a rank below 1.

    Example:
        >>> peer({"en": [1], "de": [50]}, k=20)  # both in their own group: 2 groups of 1 value
        0.31731050786291115
        >>> peer({"en": [30], "de": [50]}, k=20)  # both beyond k: tied at 21
        1.0
    """
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    groups = [np.minimum(np.asarray(r, dtype=np.int64), k + 1) for r in ranks_by_language.values() if len(r)]
    if any((g < 1).any() for g in groups):
        raise ValueError("ranks are 1-based positions")
    if len(groups) < 2:
        return None
    return _p_value(groups)


def pooled_peer(batch: PooledBatch, measure: Measure) -> Cells:
    """PEER@k of every query of a batch whose relevant candidates are in at least 2 languages.

    The mid-ranks of every query's capped ranks come from one ``rankdata`` call for the batch (padding sorts last
    and leaves them unchanged); each query then only groups its mid-ranks by language into the memoised test's key.
    """
    from scipy.stats import rankdata

    k = measure.cutoff or 1
    valid = batch.valid
    big = np.iinfo(np.int64).max
    capped = np.where(valid, np.minimum(batch.ranks, k + 1), big)
    midranks = rankdata(capped, axis=1)
    codes = np.where(valid, batch.target_codes, big)
    order = np.lexsort((midranks, codes), axis=-1)
    codes, midranks = np.take_along_axis(codes, order, axis=1), np.take_along_axis(midranks, order, axis=1)
    lowest, highest = capped.min(axis=1), np.where(valid, capped, 0).max(axis=1)
    rows, values = [], []
    for i, n in enumerate(valid.sum(axis=1).tolist()):
        starts = np.flatnonzero(codes[i, 1:n] != codes[i, :n - 1]) + 1
        if starts.size == 0:
            continue  # one language: no test
        rows.append(i)
        if lowest[i] == highest[i]:
            values.append(1.0)
            continue
        mids = midranks[i, :n].tolist()
        bounds = [0, *starts.tolist(), n]
        values.append(_kruskal_p(tuple(sorted(tuple(mids[a:b]) for a, b in pairwise(bounds)))))
    return {ALL: (np.asarray(rows, dtype=np.int64), np.asarray(values, dtype=float))}


MEASURE = MeasureInfo(
    name="PEER", family="fairness", display="probability of equal expected rank at k",
    description="mean Kruskal-Wallis p-value across languages of the pooled ranks of a question's answers, ranks "
                "beyond k tied at k+1 (higher = fairer)",
    source="Yang et al. (SIGIR 2024), PEER, as implemented in MIMO (arXiv 2605.31171, EMNLP 2026); "
           "scipy.stats.kruskal",
    pooled=pooled_peer, defaults=(20, 100), curves={20: ("multilingual",)}, reported=(100,), order=100)
