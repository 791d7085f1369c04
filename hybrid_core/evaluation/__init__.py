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

import importlib
from typing import Any

#: the public names, by module; looked up on first use, so that importing one part (e.g. ``evaluation.tasks`` from
#: :mod:`hybrid_core.debias`) never imports the engine, which imports the remedies in turn.
_NAMES: dict[str, tuple[str, ...]] = {
    "embedding_cache": ("EmbeddingCache", "encode_cached"),
    "engine": ("EvalOptions", "evaluate", "evaluation_summary", "language_matrix", "save_evaluation"),
    "metrics": ("Measure", "parse_measure", "parse_measures", "score_run", "xtreme_ap_at_k"),
    "search": ("ExactSearcher", "Ranking", "ranks_of", "top_k"),
    "tasks": ("TASKS", "TaskMetadata", "get_task", "task_for_dataset"),
}
_MODULE_OF = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'hybrid_core.evaluation' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hybrid_core.evaluation.{module}"), name)
