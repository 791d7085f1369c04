"""``none``: no remedy. An exact identity: transforms return their input arrays as they are (no copy, no
renormalisation), so an evaluation with ``debias=none`` is bit for bit the evaluation without a remedy."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hybrid_core.debias.base import Remedy, RemedyMethod, Statistics, register


@register
class NoRemedy(RemedyMethod):
    """The identity remedy: nothing estimated, nothing changed."""

    name = "none"
    display = "no remedy"
    description = "embeddings as the encoder made them"
    reference = "-"
    estimates_from = "nothing"

    def estimate(self, remedy: Remedy, *, embeddings: np.ndarray | None = None,
                 languages: Sequence[str] | None = None,
                 pairs: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Statistics:
        """No statistics (an empty table)."""
        return Statistics((), np.zeros((0, 0), dtype=np.float32))

    def apply(self, rows: np.ndarray, codes: np.ndarray, table: np.ndarray, remedy: Remedy) -> np.ndarray:
        """Never called (the fitted remedy returns its input first); the rows unchanged."""
        return rows
