"""``TLR@k``, target-languages recall: recall at k of a question's answers in *other* languages than its own.

SHIFT (arXiv 2606.18801, Findings EMNLP 2026, Section 4.3): for a query q in language L_q, the relevant set is
restricted to the candidates whose language differs from L_q, ``R_q^tgt``, and
``TLR@k(q) = |top_k(q) ∩ R_q^tgt| / |R_q^tgt|``, averaged over queries; SHIFT reports k = 20. It is computed on the
pooled (multilingual) ranking: one row per query in cell (X, ``all``), setting ``multilingual``.

Our choices where the paper leaves room: a query without a relevant candidate in another language gets *no row*
(SHIFT excludes it from the average; on MLQA-R that is a question asked in one language only within the evaluated
languages); the top k is the engine's pooled ranking, score ties broken by candidate order (SHIFT sorts scores with
no stated tie rule); relevance is grade > 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from hybrid_core.measures.base import ALL, Cells, Measure, MeasureInfo, PooledBatch


def target_language_recall(ranking: Sequence[str], relevant_languages: Mapping[str, str], query_language: str,
                           k: int) -> float | None:
    """TLR@k of one query from its explicit ranking (the definition; the engine counts pooled ranks instead).

    Args:
        ranking: candidate ids, best first (at least the top k).
        relevant_languages: ``{relevant candidate id: its language}``.
        query_language: the query's language.
        k: the cutoff.

    Returns:
        The share of the relevant candidates in other languages found in the top k; None when there are none.

    Raises:
        ValueError: ``k < 1``.

    Example:
        >>> target_language_recall(["en1", "de1", "x", "fr1"], {"en1": "en", "de1": "de", "fr1": "fr"}, "en", 3)
        0.5
    """
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    targets = {doc for doc, lang in relevant_languages.items() if lang != query_language}
    if not targets:
        return None
    return len(targets & set(ranking[:k])) / len(targets)


def pooled_target_language_recall(batch: PooledBatch, measure: Measure) -> Cells:
    """TLR@k of every query of a batch that has a relevant candidate in another language."""
    other = batch.valid & (batch.target_codes != batch.query_codes[:, None])
    n_other = other.sum(axis=1)
    hits = (other & (batch.ranks <= (measure.cutoff or 0))).sum(axis=1)
    rows = np.flatnonzero(n_other > 0)
    return {ALL: (rows, hits[rows] / n_other[rows])}


MEASURE = MeasureInfo(
    name="TLR", family="fairness", display="target-languages recall at k",
    description="recall in the pooled top k of the relevant candidates in other languages than the query's",
    source="SHIFT (arXiv 2606.18801, Findings EMNLP 2026), TLR@k; k = 20 as reported there",
    pooled=pooled_target_language_recall, defaults=(20,), curves={20: ("multilingual",)}, order=80)
