"""``SameLangAbove``: how much of what stands in the way of the first other-language answer is in the query's language.

Let ``r*`` be the pooled rank of a question's first relevant candidate in another language than the query's. Of the
*non-relevant* candidates ranked above ``r*``, ``SameLangAbove`` is the share in the query's language (0 when there
are none: nothing wrong stands in the way). Relevant candidates (e.g. the same-language answer) are left out, so a
perfect ranking scores 0; an unbiased model gives about the pool share of X (1/11 on XQuAD-R), a fully biased one 1.
One row per query in cell (X, ``all``); a question without an answer in another language has no row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hybrid_core.measures.base import ALL, Cells, Measure, MeasureInfo, PooledBatch


def same_language_share_above(ranked_languages: Sequence[str] | np.ndarray, relevant: Sequence[bool] | np.ndarray,
                              query_language: str | int) -> float:
    """Share of same-language candidates among the non-relevant ones ranked above the first other-language answer,
    read from one explicit ranking (the definition; :func:`same_language_above` counts it for a batch).

    Args:
        ranked_languages: languages of the pooled ranking, best first, at least up to ``r*`` (numpy arrays of codes
            are accepted too).
        relevant: for each ranked position, whether that candidate is relevant to the query.
        query_language: the query's language (same type as the entries of ``ranked_languages``).

    Raises:
        ValueError: the two sequences differ in length, or the ranking holds no relevant other-language candidate.

    Example:
        >>> same_language_share_above(["en", "en", "de"], [True, False, True], query_language="en")
        1.0
    """
    langs = np.asarray(ranked_languages)
    rel = np.asarray(relevant, dtype=bool)
    if langs.shape != rel.shape:
        raise ValueError(f"ranked_languages ({langs.shape[0]}) and relevant ({rel.shape[0]}) differ in length")
    other = np.flatnonzero(rel & (langs != query_language))
    if other.size == 0:
        raise ValueError("the ranking holds no relevant candidate in another language than the query's; pass the "
                         "pooled ranking at least down to the first one")
    first = int(other[0])
    wrong = ~rel[:first]
    n_wrong = int(wrong.sum())
    if n_wrong == 0:
        return 0.0
    return float((langs[:first][wrong] == query_language).sum() / n_wrong)


def same_language_above(scores: np.ndarray, targets: np.ndarray, ranks: np.ndarray, codes: np.ndarray,
                        query_codes: int | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`same_language_share_above` for a batch, by counting on the pooled score matrix (no sort).

    For each row, ``r*`` is the best pooled rank among the relevant candidates (``targets``, -1 padded, with their
    ``ranks``) whose language code differs from the query's; the candidates ranked above ``r*`` are those with a
    higher score, or an equal score and a lower index.

    Args:
        scores: ``(m, n)`` pooled scores.
        targets: ``(m, t)`` relevant candidate indexes, -1 padded.
        ranks: ``(m, t)`` their pooled ranks (:func:`hybrid_core.measures.pooled_ranks`).
        codes: ``(n,)`` language code of each candidate.
        query_codes: the query language's code, one for the batch or ``(m,)`` (-1: no candidate has it).

    Returns:
        ``(share, defined)``: the share of query-language candidates among the non-relevant ones above ``r*`` (0
        when there are none; NaN where undefined), and whether ``r*`` exists.
    """
    m, n = scores.shape
    query = np.broadcast_to(np.asarray(query_codes), (m,))[:, None]
    valid = targets >= 0
    safe = np.where(valid, targets, 0)
    other = valid & (codes[safe] != query)
    defined = other.any(axis=1)
    masked = np.where(other, ranks, np.iinfo(np.int64).max)
    first = np.take_along_axis(safe, masked.argmin(axis=1)[:, None], axis=1)[:, 0]
    first_score = scores[np.arange(m), first][:, None]
    above = (scores > first_score) | ((scores == first_score) & (np.arange(n)[None, :] < first[:, None]))
    relevant = np.zeros((m, n), dtype=bool)
    rows_of = np.broadcast_to(np.arange(m)[:, None], targets.shape)
    relevant[rows_of[valid], targets[valid]] = True
    wrong = above & ~relevant
    n_wrong = wrong.sum(axis=1)
    n_same = (wrong & (codes[None, :] == query)).sum(axis=1)
    share = np.where(n_wrong > 0, n_same / np.maximum(n_wrong, 1), 0.0)
    return np.where(defined, share, np.nan), defined


def pooled_same_language_above(batch: PooledBatch, measure: Measure) -> Cells:
    """:func:`same_language_above` of a batch: the rows where it is defined."""
    share, defined = same_language_above(batch.scores, batch.targets, batch.ranks, batch.codes, batch.query_codes)
    rows = np.flatnonzero(defined)
    return {ALL: (rows, share[rows])}


MEASURE = MeasureInfo(
    name="SameLangAbove", family="bias", display="same-language share above the first other-language answer",
    description="share of the non-relevant candidates ranked above the first relevant candidate in another "
                "language that are in the query's language",
    source="hybrid_core.bias.same_language_share_above", cutoff="forbidden", higher_is_better=False,
    pooled=pooled_same_language_above, defaults=(None,), reported=(None,), order=70)
