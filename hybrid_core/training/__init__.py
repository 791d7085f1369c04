"""Hybrid batch training: the run settings (:mod:`~hybrid_core.training.config`), the losses
(:mod:`~hybrid_core.training.losses`) and the trainer (:mod:`~hybrid_core.training.trainer`).

``TrainConfig`` is imported eagerly (it is light: the CLI parser reads its fields); ``train`` and the other trainer
names load torch and sentence-transformers on first use, so ``from hybrid_core.training import TrainConfig`` stays
fast and :mod:`hybrid_core.runs` can use the config without importing the trainer.
"""

from __future__ import annotations

import importlib
from typing import Any

from hybrid_core.training.config import CROSS_MODES, DEMO_DATA, DTYPES, LOSSES, WEIGHTINGS, TrainConfig

#: names served lazily, by module
_LAZY = {
    "train": "trainer", "load_training_pairs": "trainer", "freeze_word_embeddings": "trainer",
    "training_blocks": "trainer", "build_loss": "losses", "LengthChunkedMNRL": "losses",
    "RunCallback": "hybrid_core.runs.callback", "CancelFlag": "hybrid_core.runs.callback",
    "library_versions": "hybrid_core.runs.folder",
}

__all__ = ["CROSS_MODES", "DEMO_DATA", "DTYPES", "LOSSES", "WEIGHTINGS", "TrainConfig", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hybrid_core.training' has no attribute {name!r}")
    target = module if module.startswith("hybrid_core.") else f"hybrid_core.training.{module}"
    return getattr(importlib.import_module(target), name)
