"""``nDCG@k``: normalised discounted cumulative gain, trec_eval's ``ndcg_cut_k`` through pytrec_eval.

Gain = relevance grade, discount ``log2(rank + 1)``, normalised by the ideal ranking's DCG (what ir_measures
``nDCG@k`` runs). ``nDCG@20`` in the pooled (multilingual) setting is the figure SHIFT (Findings EMNLP 2026) and
MIMO (EMNLP 2026) report on XQuAD-style multilingual retrieval; the LAReQA tasks compute it in every cell, and a
sweep report keeps its multilingual curve.
"""

from __future__ import annotations

from hybrid_core.measures.base import MeasureInfo

MEASURE = MeasureInfo(
    name="nDCG", family="ranking", display="nDCG at k",
    description="normalised discounted cumulative gain over the top k (graded)",
    source="trec_eval ndcg_cut_k through pytrec_eval (= ir_measures nDCG@k); nDCG@20 pooled as in SHIFT and MIMO",
    trec_eval="ndcg_cut_{k}", curves={20: ("multilingual",)}, reported=(10,), order=30)
