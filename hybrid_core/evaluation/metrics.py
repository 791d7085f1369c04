"""Retrieval measures as values, with one spelling each, and per-query scoring of runs (compatibility module).

The measures live in the registry, :mod:`hybrid_core.measures` (one module per measure family); this module keeps
the names other code and older scripts import: :class:`Measure`, :func:`parse_measure`, :func:`parse_measures`,
:func:`score_run`, :func:`xtreme_ap_at_k`, the family values ``AP``, ``R``, ``nDCG``, ``RD``... and
:data:`MEASURES` (the registry itself: family name -> declaration).

Example:
    >>> qrels = {"q1": {"a": 1, "b": 1}}
    >>> run = {"q1": ["a", "x", "b"]}
    >>> scores = score_run(["AP@20", "R@1", "nDCG@10"], qrels, run)
    >>> round(scores["AP@20"]["q1"], 4), scores["R@1"]["q1"]
    (0.8333, 0.5)
"""

from __future__ import annotations

from hybrid_core.measures import (
    AP,
    MRC,
    PEER,
    RD,
    TLR,
    LangShare,
    Measure,
    MeasureInfo,
    PooledRank,
    R,
    SameLangAbove,
    nDCG,
    parse_measure,
    parse_measures,
)
from hybrid_core.measures.ap import xtreme_ap_at_k
from hybrid_core.measures.base import REGISTRY as MEASURES
from hybrid_core.measures.scoring import Qrels, Run, mean_scores, score_run

#: The LAReQA / XTREME-R measures of the original protocol (the tasks add ``nDCG@20``, see
#: :mod:`hybrid_core.evaluation.tasks`).
LAREQA_MEASURES: tuple[Measure, ...] = (AP @ 20, R @ 1, R @ 10, nDCG @ 10)
#: MIRACL's official measures.
MIRACL_MEASURES: tuple[Measure, ...] = (nDCG @ 10, R @ 100)

__all__ = [
    "AP",
    "LAREQA_MEASURES",
    "MEASURES",
    "MIRACL_MEASURES",
    "MRC",
    "PEER",
    "RD",
    "TLR",
    "LangShare",
    "Measure",
    "MeasureInfo",
    "PooledRank",
    "Qrels",
    "R",
    "Run",
    "SameLangAbove",
    "mean_scores",
    "nDCG",
    "parse_measure",
    "parse_measures",
    "score_run",
    "xtreme_ap_at_k",
]
