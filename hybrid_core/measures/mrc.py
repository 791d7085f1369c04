"""``MRC@k``, mean rank correlation (Yang et al., MRL 2024), as MIMO implements it: do the parallel versions of a
question (same question id, different languages) rank the pool alike?

For a question asked in languages a and b: the union U of the pooled top k of a's query and of b's query, and the
Spearman correlation of the two queries' scores over U. A query's value is the mean of its correlations with the
question's other languages; a cell (X, ``all``) averages X's queries, and the multilingual summary averages the
query languages (MIMO's ``MRC@k_avg``). Scale -100..100 (correlation x 100); higher = more consistent across
languages. MIMO's evaluate.py reports k = 5, 10 and 20, our defaults.

Our choices where the papers leave room (following MIMO's code): a question asked in one language only has no row;
a correlation that is undefined (a constant score vector) is skipped, and a query whose correlations are all
undefined has no row; a union of fewer than 2 candidates is skipped; the top k breaks score ties by candidate order
(MIMO's argsort has no stated tie rule). The correlation is Pearson's of the two score vectors' average ranks
(``scipy.stats.rankdata``), which is ``scipy.stats.spearmanr`` computed for many pairs at once (a test checks they
agree); the scores over U are recomputed from the embeddings (float32).
"""

from __future__ import annotations

import numpy as np

from hybrid_core.measures.base import ALL, Cells, Measure, MeasureInfo, ParallelQueries


def spearman_rows(x: np.ndarray, y: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Spearman correlation of ``x[i]`` and ``y[i]`` over the columns where ``mask[i]``, for every row i.

    Returns NaN for a row with fewer than 2 masked columns or a constant vector (as ``scipy.stats.spearmanr``).
    """
    from scipy.stats import rankdata

    x = np.where(mask, x, np.inf)  # excluded columns rank after every finite score and are then left out
    y = np.where(mask, y, np.inf)
    rx, ry = rankdata(x, axis=1), rankdata(y, axis=1)
    n = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (n + 1) / 2.0  # ranks of the n masked values are a permutation of 1..n (ties averaged)
        dx = np.where(mask, rx - mean[:, None], 0.0)
        dy = np.where(mask, ry - mean[:, None], 0.0)
        sxy, sxx, syy = (dx * dy).sum(axis=1), (dx * dx).sum(axis=1), (dy * dy).sum(axis=1)
        rho = sxy / np.sqrt(sxx * syy)
    return np.where((n >= 2) & (sxx > 0) & (syy > 0), rho, np.nan)


def rank_correlations(scores: np.ndarray, top: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Pairwise rank correlations of one question's parallel queries: ``(L, L)``, NaN on the diagonal and where
    undefined.

    Args:
        scores: ``(L, |U|)`` each query's scores over ``columns``.
        top: ``(L, k)`` each query's pooled top k (candidate indexes, all among ``columns``).
        columns: the candidate indexes of ``scores``' columns (ascending).
    """
    n_queries = scores.shape[0]
    member = np.zeros(scores.shape, dtype=bool)
    member[np.arange(n_queries)[:, None], np.searchsorted(columns, top)] = True
    a, b = np.nonzero(~np.eye(n_queries, dtype=bool))
    out = np.full((n_queries, n_queries), np.nan)
    out[a, b] = spearman_rows(scores[a], scores[b], member[a] | member[b])
    return out


def mean_rank_correlation(queries: ParallelQueries, measure: Measure) -> Cells:
    """MRC@k of every query with a parallel version: the mean of its defined correlations, x100."""
    k = measure.cutoff or 1
    rows, values = [], []
    for group in queries.groups():
        top = queries.top[group, :k]
        columns = np.unique(top)
        correlations = rank_correlations(queries.scores(group, columns), top, columns)
        defined = ~np.isnan(correlations)
        for i, row in enumerate(group):
            if defined[i].any():
                rows.append(row)
                values.append(100.0 * float(np.mean(correlations[i][defined[i]])))
    order = np.argsort(rows, kind="stable")
    return {ALL: (np.asarray(rows, dtype=np.int64)[order], np.asarray(values, dtype=float)[order])}


MEASURE = MeasureInfo(
    name="MRC", family="fairness", display="mean rank correlation at k",
    description="mean Spearman correlation (x100) of a question's scores with its parallel versions' over the "
                "union of their pooled top k (higher = more consistent across languages)",
    source="Yang et al. (MRL 2024), as implemented in MIMO (arXiv 2605.31171, EMNLP 2026); scipy.stats.rankdata",
    digits=2, needs_top=True, parallel=mean_rank_correlation, defaults=(5, 10, 20), curves={10: ("multilingual",)},
    reported=(5, 20), order=90)
