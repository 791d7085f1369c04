"""Cross-lingual retrieval evaluation: tasks, measures, the embedding cache, exact search and the engine.

- :mod:`~hybrid_core.evaluation.tasks`: XQuAD-R, MLQA-R, MIRACL and the demo set declared as metadata;
- :mod:`~hybrid_core.evaluation.metrics`: measures as values (``AP@20``, ``R@1``, ``nDCG@10``, ``R@100``, ``RD``...),
  re-exported from the measure registry :mod:`hybrid_core.measures` (one module per measure);
- :mod:`~hybrid_core.evaluation.embedding_cache`: encode each text once per encoder, cached on disk;
- :mod:`~hybrid_core.evaluation.search`: exact inner-product search with faiss, returning rankings;
- :mod:`~hybrid_core.evaluation.engine`: :func:`evaluate` -> long-format results table, :func:`save_evaluation`.

Language-bias and fairness measures are declared in :mod:`hybrid_core.measures` too (their pure functions are also
importable from :mod:`hybrid_core.bias`).
"""

from __future__ import annotations

from hybrid_core.evaluation.embedding_cache import EmbeddingCache, encode_cached
from hybrid_core.evaluation.engine import EvalOptions, evaluate, evaluation_summary, language_matrix, save_evaluation
from hybrid_core.evaluation.metrics import Measure, parse_measure, parse_measures, score_run, xtreme_ap_at_k
from hybrid_core.evaluation.search import ExactSearcher, Ranking, ranks_of, top_k
from hybrid_core.evaluation.tasks import TASKS, TaskMetadata, get_task, task_for_dataset

__all__ = [
    "TASKS",
    "EmbeddingCache",
    "EvalOptions",
    "ExactSearcher",
    "Measure",
    "Ranking",
    "TaskMetadata",
    "encode_cached",
    "evaluate",
    "evaluation_summary",
    "get_task",
    "language_matrix",
    "parse_measure",
    "parse_measures",
    "ranks_of",
    "save_evaluation",
    "score_run",
    "task_for_dataset",
    "top_k",
    "xtreme_ap_at_k",
]
