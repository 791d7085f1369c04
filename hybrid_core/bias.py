"""Language-bias measures: pure functions of a query's *pooled* multilingual ranking.

In the pooled (multilingual) setting a question in language X is searched against the candidates of every
language at once, and its relevant candidates are its answers in every language (LAReQA, Roy et al., 2020). A
language-agnostic model ranks those answers together at the top; a biased one ranks same-language candidates,
even wrong ones, above the right answers in other languages. The measures (spelled as in
:mod:`hybrid_core.evaluation.metrics`):

- ``RD``, rank distance (:func:`rank_distance`): ``RD(q) = max - min`` of the pooled ranks of q's relevant
  candidates; reported as the mean per query language and, in summaries, macro-averaged over query languages
  (:func:`macro_average`), as in the paper's figure. 0 is ideal (all answers adjacent).
- ``LangShare@k`` (:func:`language_shares`, :func:`language_matrix`): the language distribution of the top k of
  the pooled ranking; per query language X a row of shares over candidate languages Y (rows sum to 1).
- ``SameLangAbove`` (:func:`same_language_share_above`): among the *non-relevant* candidates ranked above the first
  relevant candidate in another language, the share in the query's language (0 when there are none). An
  unbiased model gives about the pool share of X (1/11 on XQuAD-R); a fully biased one gives 1.
- ``PooledRank`` (:func:`answer_ranks`): per candidate language Y, the pooled rank of the best relevant candidate in
  Y, i.e. where each language's answer lands (what the dashboard's probe shows per question).

Ranks are 1-based positions in the pooled ranking (ties broken by candidate order, see
:mod:`hybrid_core.evaluation.search`). Nothing here touches models, files or indexes.

Example:
    >>> rank_distance([1, 4, 2])
    3.0
    >>> language_shares(["en", "en", "de", "en"], k=4, languages=["de", "en"])
    {'de': 0.25, 'en': 0.75}
    >>> same_language_share_above(["en", "en", "de"], [True, False, True], query_language="en")
    1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd


def rank_distance(relevant_ranks: Iterable[int]) -> float:
    """``max - min`` of the pooled ranks of one query's relevant candidates (0.0 for a single one).

    Raises:
        ValueError: no ranks, or a rank below 1.
    """
    ranks = [int(r) for r in relevant_ranks]
    if not ranks:
        raise ValueError("rank_distance needs the ranks of at least one relevant candidate")
    if min(ranks) < 1:
        raise ValueError(f"ranks are 1-based positions, got {min(ranks)}")
    return float(max(ranks) - min(ranks))


def answer_ranks(relevant: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Best (lowest) pooled rank per candidate language, from ``(language, rank)`` of each relevant candidate.

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


def same_language_share_above(ranked_languages: Sequence[str] | np.ndarray, relevant: Sequence[bool] | np.ndarray,
                              query_language: str | int) -> float:
    """Share of same-language candidates among the non-relevant ones ranked above the first other-language answer.

    Let ``r*`` be the position of the first relevant candidate whose language differs from the query's. Of the
    candidates ranked above ``r*`` that are *not* relevant, this returns the share in the query's language (0.0
    when there are none: nothing wrong stands in the way). Relevant candidates (e.g. the same-language answer) are
    left out, so a perfect ranking scores 0.

    Args:
        ranked_languages: languages of the pooled ranking, best first, at least up to ``r*`` (numpy arrays of codes
            are accepted too).
        relevant: for each ranked position, whether that candidate is relevant to the query.
        query_language: the query's language (same type as the entries of ``ranked_languages``).

    Raises:
        ValueError: the two sequences differ in length, or the ranking holds no relevant other-language candidate.
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
