"""``PooledRank``: where each language's answer of a question lands in the pooled (multilingual) ranking.

For a question in X and each candidate language Y in which it has a relevant candidate: the pooled rank of its best
relevant candidate in Y, one row per query in cell (X, Y) (what the dashboard's probe shows per question). Its
"monolingual" mean is the rank of the same-language answer.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from hybrid_core.measures.base import Cells, Measure, MeasureInfo, PooledBatch


def answer_ranks(relevant: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Best (lowest) pooled rank per candidate language, from ``(language, rank)`` of each relevant candidate.

    Raises:
        ValueError: a rank below 1.

    Example:
        >>> answer_ranks([("de", 7), ("en", 1), ("de", 3)])
        {'de': 3, 'en': 1}
    """
    best: dict[str, int] = {}
    for language, rank in relevant:
        if rank < 1:
            raise ValueError(f"ranks are 1-based positions, got {rank} for language {language!r}")
        if language not in best or rank < best[language]:
            best[language] = int(rank)
    return dict(sorted(best.items()))


def pooled_answer_ranks(batch: PooledBatch, measure: Measure) -> Cells:
    """:func:`answer_ranks` of every query of a batch: one cell per candidate language."""
    cells: Cells = {}
    big = np.iinfo(np.int64).max
    for code, language in enumerate(batch.languages):
        mask = batch.target_codes == code
        rows = np.flatnonzero(mask.any(axis=1))
        if rows.size:
            best = np.where(mask[rows], batch.ranks[rows], big).min(axis=1)
            cells[language] = (rows, best.astype(float))
    return cells


MEASURE = MeasureInfo(
    name="PooledRank", family="bias", display="pooled rank of the answer",
    description="rank in the pooled multilingual ranking of the best relevant candidate in doc_lang",
    source="hybrid_core.bias.answer_ranks", cutoff="forbidden", higher_is_better=False, digits=1, shown=False,
    pooled=pooled_answer_ranks, defaults=(None,), order=50)
