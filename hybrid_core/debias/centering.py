"""Language-wise centering (Libovický et al., 2020): subtract each language's mean embedding, then renormalise.

``x -> (x - mu_l) / |x - mu_l|`` for candidates of language l **and** queries of language l, with ``mu_l`` the mean
candidate (passage-role) embedding of language l. Subtracting the passage mean from queries too is what SHIFT's
baseline script does (``scripts/evaluate_baselines.py`` of ``yjoonjang/SHIFT``: one centroid per language, applied to
documents by document language and to queries by query language); we follow it.

Statistics: ``fit=index`` (default) averages the evaluated candidates of each language (label-free, transductive);
``fit=train`` averages the candidates of a separate dataset (the protocol's training split). SHIFT's baseline
averages mMARCO training passages, i.e. ``fit=train``.

Spelling: ``centering``, ``centering,fit=train``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hybrid_core.debias.base import Remedy, RemedyMethod, Statistics, register


def language_groups(languages: Sequence[str] | np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct languages (sorted) and each row's index into them."""
    present, inverse = np.unique(np.asarray(languages), return_inverse=True)
    return [str(lang) for lang in present], inverse.reshape(-1)


def language_means(embeddings: np.ndarray, languages: Sequence[str] | np.ndarray) -> Statistics:
    """Per-language mean of ``embeddings`` (float64 accumulation, stored as float32)."""
    matrix = np.asarray(embeddings, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(languages):
        raise ValueError(f"{len(languages)} languages for embeddings of shape {matrix.shape}")
    present, inverse = language_groups(languages)
    means = np.stack([matrix[inverse == g].mean(axis=0, dtype=np.float64) for g in range(len(present))]) \
        if present else np.zeros((0, matrix.shape[1]))
    counts = np.bincount(inverse, minlength=len(present))
    return Statistics(tuple(present), means, counts=tuple(counts.tolist()))


@register
class Centering(RemedyMethod):
    """Subtract the language's mean embedding from candidates and queries."""

    name = "centering"
    display = "language-wise centering"
    description = "subtract each language's mean embedding from its candidates and queries, renormalise"
    reference = "Libovický, Rosa and Fraser (2020), On the Language Neutrality of Pre-trained Multilingual " \
                "Representations, Findings of EMNLP; as applied in SHIFT's baselines (Jang et al., 2026, App. C)"
    fits = ("index", "train")
    estimates_from = "candidates"
    transforms_queries = True

    def estimate(self, remedy: Remedy, *, embeddings: np.ndarray | None = None,
                 languages: Sequence[str] | None = None,
                 pairs: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Statistics:
        """Per-language means of the candidate embeddings."""
        if embeddings is None or languages is None:
            raise ValueError("centering estimates from candidate embeddings and their languages")
        return language_means(embeddings, languages)

    def apply(self, rows: np.ndarray, codes: np.ndarray, table: np.ndarray, remedy: Remedy) -> np.ndarray:
        """``rows - mu[codes]``."""
        rows -= table[codes]
        return rows
