"""``AP@k``: average precision at k as XTREME-R and LAReQA define it (our own function, not pytrec_eval's).

``AP@k = (1 / min(|R_q|, k)) * sum_{i<=k} P@i * rel_i``. pytrec_eval's ``map_cut_k`` (ir_measures ``AP@k``)
divides by ``|R_q|`` instead, so the two differ whenever a query has more than k relevant items (a test pins it).
In the pooled (multilingual) setting a question's relevant items are its answers in every language, so on
XQuAD-R ``AP@20`` divides by min(11, 20).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from hybrid_core.measures.base import MeasureInfo


def xtreme_ap_at_k(ranking: Sequence[str], relevant: Collection[str], k: int | None) -> float:
    """Average precision at k as defined by XTREME-R / LAReQA (binary relevance).

    ``AP@k = (1 / min(|R_q|, k)) * sum_{i=1..k} P@i * rel_i`` where ``P@i`` is the precision of the top i and
    ``rel_i`` is 1 when the i-th ranked item is relevant. Unlike pytrec_eval's ``map_cut_k`` (which divides by
    ``|R_q|``), a query with more than k relevant items can still reach 1.0.

    Args:
        ranking: candidate ids, best first (only the first ``k`` are read; repeats count once).
        relevant: ids of the relevant candidates (grade > 0).
        k: cutoff (positive).

    Returns:
        AP@k in [0, 1]; 0.0 when ``relevant`` is empty.

    Raises:
        ValueError: ``k`` is not a positive integer.

    Example:
        >>> xtreme_ap_at_k(["x", "a", "b"], {"a", "b", "c"}, k=2)
        0.25
    """
    if k is None or k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    seen: set[str] = set()
    for i, doc in enumerate(ranking[:k], start=1):
        if doc in seen:
            continue
        seen.add(doc)
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k)


MEASURE = MeasureInfo(
    name="AP", family="ranking", display="mean average precision at k",
    description="average precision over the top k, divided by min(|relevant|, k)",
    source="XTREME-R (Ruder et al., 2021) and LAReQA (Roy et al., 2020); not pytrec_eval's map_cut",
    per_query_fn=xtreme_ap_at_k,
    curves={20: ("monolingual", "cross-lingual", "multilingual")}, order=10)
