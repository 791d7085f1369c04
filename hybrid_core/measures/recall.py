"""``R@k``: recall at k, trec_eval's ``recall_k`` through pytrec_eval (what ir_measures ``R@k`` runs).

``R@k = |relevant in top k| / |R_q|``. In the pooled (multilingual) setting a question's relevant candidates are its
answers in every language, so on XQuAD-R ``R@1`` there is at most 1/11.
"""

from __future__ import annotations

from hybrid_core.measures.base import MeasureInfo

MEASURE = MeasureInfo(
    name="R", family="ranking", display="recall at k",
    description="share of the relevant candidates found in the top k",
    source="trec_eval recall_k through pytrec_eval (= ir_measures R@k)",
    trec_eval="recall_{k}",
    curves={1: ("monolingual", "cross-lingual", "multilingual")}, reported=(10,), order=20)
