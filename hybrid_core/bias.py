"""Language-bias measures: pure functions of a query's *pooled* multilingual ranking (compatibility module).

In the pooled (multilingual) setting a question in language X is searched against the candidates of every
language at once, and its relevant candidates are its answers in every language (LAReQA, Roy et al., 2020). A
language-agnostic model ranks those answers together at the top; a biased one ranks same-language candidates,
even wrong ones, above the right answers in other languages. Each measure lives in its own module of the measure
registry, :mod:`hybrid_core.measures`, with its definition and how the engine computes it for a batch; this module
keeps the pure functions' names:

- ``RD``, rank distance (:func:`rank_distance`, :func:`macro_average`): :mod:`hybrid_core.measures.rank_distance`;
- ``LangShare@k`` (:func:`language_shares`, :func:`language_matrix`): :mod:`hybrid_core.measures.lang_share`;
- ``SameLangAbove`` (:func:`same_language_share_above`): :mod:`hybrid_core.measures.same_lang_above`;
- ``PooledRank`` (:func:`answer_ranks`): :mod:`hybrid_core.measures.pooled_rank`;
- the pooled ranks themselves (:func:`pooled_ranks`): :mod:`hybrid_core.measures.base`.

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

from hybrid_core.measures.base import pooled_ranks
from hybrid_core.measures.lang_share import language_matrix, language_shares
from hybrid_core.measures.pooled_rank import answer_ranks
from hybrid_core.measures.rank_distance import macro_average, mean_by_language, rank_distance
from hybrid_core.measures.same_lang_above import same_language_above, same_language_share_above

__all__ = [
    "answer_ranks",
    "language_matrix",
    "language_shares",
    "macro_average",
    "mean_by_language",
    "pooled_ranks",
    "rank_distance",
    "same_language_above",
    "same_language_share_above",
]
