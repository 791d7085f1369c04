"""Language information removal, LIR (Yang et al., 2021): project out each language's top-r singular directions.

For language l, stack its embeddings into ``X_l`` (rows) and take the top right-singular vectors ``V_l`` of ``X_l``
(computed as the top eigenvectors of ``X_l^T X_l``); then ``x -> (x - V_{l,r} V_{l,r}^T x) / |...|`` for candidates
of language l **and** queries of language l.

Like the reference (``src/shift/baselines/lir.py`` of ``yjoonjang/SHIFT``), the SVD is of the stacked embeddings
themselves, **not mean-centred**: with e5's embeddings, which share a large common component, the first direction
is then close to the language's mean direction (so ``lir:1`` is close to a projection-style centering), and the
next ones are the main directions of variation of that language. We keep that choice (it is the published baseline
SHIFT compares against) and say so here.

We store the top :data:`MAX_DIRECTIONS` directions once per fit, so ``r`` can vary (``lir:1`` ... ``lir:8``) without
refitting; a language with fewer texts than ``r`` has fewer directions (the missing ones are zero: nothing more is
removed). ``r = 1`` is the reference's default.

Statistics: ``fit=index`` (default) from the evaluated candidates of each language, ``fit=train`` from the candidates
of a separate dataset (SHIFT's baseline uses mMARCO training passages, i.e. ``fit=train``).

Spelling: ``lir:R`` with R in 1..8, ``lir:2,fit=train``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import numpy as np
import scipy.linalg
from threadpoolctl import threadpool_limits

from hybrid_core.debias.base import Remedy, RemedyMethod, Statistics, check_number, register
from hybrid_core.debias.centering import language_groups

#: Directions stored per language (the largest r a fit serves).
MAX_DIRECTIONS = 8
#: Projections of at least this many rows run on one BLAS thread.
ONE_THREAD_ROWS = 256


def language_directions(embeddings: np.ndarray, languages: Sequence[str] | np.ndarray, *,
                        k: int = MAX_DIRECTIONS) -> Statistics:
    """Per-language top-``k`` right-singular vectors of the (uncentred) embeddings: table ``(L, d, k)``.

    The right-singular vectors of ``X`` are the eigenvectors of ``X^T X`` (d x d), ordered by eigenvalue (the
    squared singular values); the top ``k`` eigenpairs of that small matrix, in float64, are what we compute: the
    same directions as the reference's SVD of the n x d matrix (a test checks it) at a fraction of the cost.
    Directions of a zero singular value (a language with fewer texts than ``k``, or embeddings of lower rank) are
    stored as zero vectors: removing them removes nothing.

    BLAS and LAPACK run on one thread here: OpenBLAS's threads made the same decompositions ~20x slower on 2 cores
    shared with other jobs (11 eigendecompositions of 384 x 384: 11 s instead of 0.5 s, measured), and one thread
    loses nothing on matrices this small.
    """
    matrix = np.asarray(embeddings, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(languages):
        raise ValueError(f"{len(languages)} languages for embeddings of shape {matrix.shape}")
    present, inverse = language_groups(languages)
    dimension = matrix.shape[1]
    wanted = min(k, dimension)
    table = np.zeros((len(present), dimension, k), dtype=np.float32)
    with threadpool_limits(1, user_api="blas"):
        for g in range(len(present)):
            group = matrix[inverse == g].astype(np.float64)
            values, vectors = scipy.linalg.eigh(group.T @ group, subset_by_index=[dimension - wanted, dimension - 1],
                                                driver="evr")  # the top eigenpairs only, ascending
            values, vectors = values[::-1], vectors[:, ::-1]
            tolerance = max(float(values[0]), 0.0) * dimension * np.finfo(np.float64).eps
            kept = values > tolerance
            table[g, :, :int(kept.sum())] = vectors[:, kept]
    counts = np.bincount(inverse, minlength=len(present))
    return Statistics(tuple(present), table, counts=tuple(counts.tolist()))


@register
class LanguageInformationRemoval(RemedyMethod):
    """Project out the language's top-r directions from candidates and queries."""

    name = "lir"
    display = "language information removal (LIR)"
    description = "remove each language's top-r singular directions from its candidates and queries, renormalise"
    reference = "Yang et al. (2021), A Simple and Effective Method To Eliminate the Self Language Bias in " \
                "Multilingual Representations, EMNLP; as applied in SHIFT's baselines (Jang et al., 2026, App. C)"
    parameter = "r"
    parameter_help = f"an integer in 1..{MAX_DIRECTIONS}, the number of directions removed per language"
    example = "1"
    fits = ("index", "train")
    estimates_from = "candidates"
    transforms_queries = True

    def check_parameter(self, value: object) -> int:
        """``r`` as an int in 1..MAX_DIRECTIONS."""
        try:
            r = check_number(value, integer=True) if value is not None else None
        except ValueError:
            r = None
        if r is None or not 1 <= r <= MAX_DIRECTIONS:
            raise ValueError(f"r must be {self.parameter_help}, got {value!r}")
        return int(r)

    def estimate(self, remedy: Remedy, *, embeddings: np.ndarray | None = None,
                 languages: Sequence[str] | None = None,
                 pairs: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Statistics:
        """Per-language top :data:`MAX_DIRECTIONS` directions of the candidate embeddings."""
        if embeddings is None or languages is None:
            raise ValueError("lir estimates from candidate embeddings and their languages")
        return language_directions(embeddings, languages)

    def apply(self, rows: np.ndarray, codes: np.ndarray, table: np.ndarray, remedy: Remedy) -> np.ndarray:
        """``x - V V^T x`` with each row's language's first r directions (one matrix product per language).

        Many rows are projected on one BLAS thread (as in :func:`language_directions`: ~4x faster on the busy 2
        cores, measured on XQuAD-R's 13,014 candidates); a few rows (a probe query) skip the thread limit's ~1 ms.
        """
        r = int(remedy.parameter)  # type: ignore[arg-type]
        limit = threadpool_limits(1, user_api="blas") if len(rows) >= ONE_THREAD_ROWS else contextlib.nullcontext()
        with limit:
            for code in np.unique(codes):
                members = np.flatnonzero(codes == code)
                directions = table[code, :, :r]
                block = rows[members]
                rows[members] = block - (block @ directions) @ directions.T
        return rows
