"""``RD``, rank distance: how far apart a question's answers in the different languages land in the pooled ranking.

In the pooled (multilingual) setting a question in language X is searched against the candidates of every language
at once, and its relevant candidates are its answers in every language (LAReQA, Roy et al., 2020). ``RD(q) = max -
min`` of the pooled ranks of q's relevant candidates: 0 when all answers are adjacent, large when a biased model
ranks same-language candidates, even wrong ones, between the right answers. One row per query in cell (X, ``all``);
summaries average per query language and then over query languages (:func:`macro_average`), as in the paper's
figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from hybrid_core.measures.base import ALL, Cells, Measure, MeasureInfo, PooledBatch


def rank_distance(relevant_ranks: Iterable[int]) -> float:
    """``max - min`` of the pooled ranks of one query's relevant candidates (0.0 for a single one).

    Raises:
        ValueError: no ranks, or a rank below 1.

    Example:
        >>> rank_distance([1, 4, 2])
        3.0
    """
    ranks = [int(r) for r in relevant_ranks]
    if not ranks:
        raise ValueError("rank_distance needs the ranks of at least one relevant candidate")
    if min(ranks) < 1:
        raise ValueError(f"ranks are 1-based positions, got {min(ranks)}")
    return float(max(ranks) - min(ranks))


def mean_by_language(values: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Mean of the per-query values of each query language.

    Raises:
        ValueError: a language with no values.
    """
    out = {}
    for lang, vals in values.items():
        if len(vals) == 0:
            raise ValueError(f"query language {lang!r} has no values to average")
        out[lang] = float(np.mean(np.asarray(vals, dtype=float)))
    return out


def macro_average(values: Mapping[str, Sequence[float]]) -> float:
    """Mean over query languages of the per-language means (each language weighs the same, as in XTREME-R).

    Example:
        >>> macro_average({"en": [0.0, 2.0], "de": [4.0]})
        2.5
    """
    means = mean_by_language(values)
    if not means:
        raise ValueError("macro_average needs at least one query language")
    return float(np.mean(list(means.values())))


def pooled_rank_distance(batch: PooledBatch, measure: Measure) -> Cells:
    """:func:`rank_distance` of every query of a batch (queries have at least one relevant candidate)."""
    valid = batch.valid
    has = valid.any(axis=1)
    high = np.where(valid, batch.ranks, 0).max(axis=1, initial=0)
    low = np.where(valid, batch.ranks, np.iinfo(np.int64).max).min(axis=1, initial=np.iinfo(np.int64).max)
    rows = np.flatnonzero(has)
    return {ALL: (rows, (high[rows] - low[rows]).astype(float))}


MEASURE = MeasureInfo(
    name="RD", family="bias", display="rank distance",
    description="max - min pooled rank of a question's relevant candidates (its answers in every language); "
                "lower = less language bias",
    source="hybrid_core.bias.rank_distance (LAReQA's pooled setting, Roy et al., 2020)",
    cutoff="forbidden", higher_is_better=False, digits=1, pooled=pooled_rank_distance, defaults=(None,),
    curves={None: ("multilingual",)}, order=40)
