"""``LangShare@k``: the language distribution of the top k of the pooled (multilingual) ranking.

Per query in X and candidate language Y, the share of Y among the first k of its pooled ranking; cell (X, Y) is the
mean over X's queries, so every row X of the matrix sums to 1. Its "monolingual" mean (the diagonal) is the
same-language share of the top k: an unbiased model gives about the pool share of X (1/11 on XQuAD-R), a fully
biased one 1. A cell has no better direction; the report's α curve of the diagonal reads lower as less biased.
An evaluation computes it at ``share_k`` (default 10).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hybrid_core.measures.base import Cells, Measure, MeasureInfo, PooledBatch


def language_shares(ranked_languages: Sequence[str], k: int, languages: Sequence[str]) -> dict[str, float]:
    """Share of each language among the top ``k`` of one pooled ranking.

    Args:
        ranked_languages: candidate languages in ranked order, best first (at least the top k).
        k: how many of the top to count (fewer when the ranking is shorter).
        languages: the columns to report (every candidate language of the pool).

    Returns:
        ``{language: share}`` over ``languages`` in their given order; shares sum to 1 when every ranked
        language is listed.

    Raises:
        ValueError: ``k < 1``, an empty ranking, or a ranked language that is not in ``languages``.

    Example:
        >>> language_shares(["en", "en", "de", "en"], k=4, languages=["de", "en"])
        {'de': 0.25, 'en': 0.75}
    """
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    top = list(ranked_languages[:k])
    if not top:
        raise ValueError("language_shares needs a non-empty ranking")
    unknown = set(top) - set(languages)
    if unknown:
        raise ValueError(f"ranked languages {sorted(unknown)} are not among the pool's languages {list(languages)}")
    return {lang: top.count(lang) / len(top) for lang in languages}


def language_matrix(rankings: Mapping[str, Sequence[Sequence[str]]], k: int, languages: Sequence[str]
                    ) -> pd.DataFrame:
    """Top-k language distribution per query language: rows query language X, columns candidate language Y.

    Cell (X, Y) is the mean over X's queries of the share of language Y in each query's top k, so every row
    sums to 1.

    Args:
        rankings: query language -> one ranked list of candidate languages per query.
        k: the cutoff.
        languages: the candidate languages (columns, in this order).

    Raises:
        ValueError: a query language without rankings (and the errors of :func:`language_shares`).

    Example:
        >>> language_matrix({"en": [["en", "de"], ["en", "en"]]}, k=2, languages=["de", "en"]).loc["en"].to_dict()
        {'de': 0.25, 'en': 0.75}
    """
    rows = {}
    for query_lang, per_query in rankings.items():
        if not per_query:
            raise ValueError(f"query language {query_lang!r} has no rankings")
        shares = [language_shares(r, k, languages) for r in per_query]
        rows[query_lang] = {lang: float(np.mean([s[lang] for s in shares])) for lang in languages}
    matrix = pd.DataFrame.from_dict(rows, orient="index", columns=list(languages))
    matrix.index.name, matrix.columns.name = "query_lang", "doc_lang"
    return matrix


def pooled_language_shares(batch: PooledBatch, measure: Measure) -> Cells:
    """:func:`language_shares` of every query's pooled top k: one cell per candidate language."""
    top_codes = batch.codes[batch.top_k(measure.cutoff or 1)]
    rows = np.arange(len(batch))
    width = top_codes.shape[1]
    return {language: (rows, (top_codes == code).sum(axis=1) / width)
            for code, language in enumerate(batch.languages)}


MEASURE = MeasureInfo(
    name="LangShare", family="bias", display="language share of the top k",
    description="share of the top k of the pooled ranking that is in doc_lang",
    source="hybrid_core.bias.language_shares", higher_is_better=None, curve_higher_is_better=False, shown=False,
    needs_top=True, pooled=pooled_language_shares, defaults=(10,), curves={10: ("monolingual",)}, order=60)
