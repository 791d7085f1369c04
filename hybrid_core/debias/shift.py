"""SHIFT (Jang et al., 2026): move each candidate by its language's offset from the source language, at index time.

``z -> (z - s * V_l) / |z - s * V_l|`` for candidates of language l != source, with the relative language vector
``V_l = mean_i ( f(t_i in l) - f(t_i in source) )`` over parallel text pairs. Candidates in the source language
and queries are never transformed (SHIFT adds nothing at query time); candidates of a language without a vector are
left unchanged too (reported in ``missing``).

Where our implementation differs from the reference code (``yjoonjang/SHIFT``, ``src/shift/langvec.py`` and
``src/shift/apply.py``), and why:

- **Normalised vectors, renormalised after the shift.** The reference estimates and shifts "unnormalised"
  embeddings, then ranks by cosine. For e5 models the sentence-transformers pipeline ends in a ``Normalize``
  module, so its embeddings are unit vectors anyway; and cosine ranking renormalises the shifted vectors. Our
  encoders return unit vectors and our search is inner product, so we shift the normalised vectors and renormalise:
  for e5, the same ranking as the reference.
- **Parallel data.** The paper estimates V_l on aligned mMARCO passages (not available here). We use the protocol's
  training split (e.g. MLQA-R when evaluating XQuAD-R): for each question id, its relevant candidate in language l
  paired with its relevant candidate in the source language; LAReQA/MLQA answer sentences are parallel by
  construction. Pairs are deduplicated by text pair (several questions share an answer sentence), and encoded with
  the passage role and the evaluation's candidate text, through the embedding cache. See
  :func:`hybrid_core.debias.fitting.parallel_pairs`.
- **Never on the evaluation set.** ``fit=index`` is refused: estimating V_l from the evaluated candidates would
  need their parallel structure (the relevance labels) and leak the evaluation set.

Spelling: ``shift:S`` with S > 0 (the paper's grid is 0.1 ... 1.0; S > 1 moves past the source language),
``shift:0.5,source=en`` (source defaults to en and is always written in the canonical spelling).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from hybrid_core.debias.base import Fit, Remedy, RemedyMethod, Statistics, check_number, register


def language_vectors(pairs: dict[str, tuple[np.ndarray, np.ndarray]], *, source: str) -> Statistics:
    """``V_l = mean(target - source)`` per language of ``pairs`` (language -> (target rows, source rows), aligned).

    The source language itself is recorded as covered-and-unchanged.
    """
    languages, vectors, counts = [], [], []
    dimension = 0
    for lang in sorted(pairs):
        target, origin = (np.asarray(a, dtype=np.float32) for a in pairs[lang])
        if target.shape != origin.shape or target.ndim != 2:
            raise ValueError(f"pairs of {lang}: target rows {target.shape} and source rows {origin.shape} differ")
        dimension = target.shape[1]
        if lang == source or not len(target):
            continue
        languages.append(lang)
        vectors.append((target.astype(np.float64) - origin).mean(axis=0))
        counts.append(len(target))
    table = np.stack(vectors) if vectors else np.zeros((0, dimension), dtype=np.float32)
    return Statistics(tuple(languages), table, unchanged=(source,), counts=tuple(counts))


@register
class Shift(RemedyMethod):
    """Shift candidates of language l by ``-s * V_l`` towards the source language; queries untouched."""

    name = "shift"
    display = "SHIFT (index-side language shift)"
    description = "move candidates of each language by -s times its mean offset from the source language " \
                  "(estimated on parallel training data), renormalise; queries untouched"
    reference = "Jang, Hong, Moon and Lim (2026), SHIFT: Semantic Harmonization via Index-side Feature " \
                "Transformation for Multilingual Information Retrieval, Findings of EMNLP (arXiv 2606.18801)"
    parameter = "s"
    parameter_help = "a number > 0, the share of the language vector removed (SHIFT's grid: 0.1 ... 1.0)"
    example = "0.5"
    options: ClassVar[dict[str, str]] = {"source": "en"}
    fits = ("train",)
    estimates_from = "pairs"
    transforms_queries = False

    def check_parameter(self, value: object) -> float:
        """``s`` as a finite float > 0."""
        try:
            s = check_number(value, integer=False) if value is not None else None
        except ValueError:
            s = None
        if s is None or s <= 0:
            hint = "; for no shift write 'none'" if s == 0 else ""
            raise ValueError(f"s must be {self.parameter_help}, got {value!r}{hint}")
        return float(s)

    def format_parameter(self, value: int | float | None) -> str:
        """Shortest spelling of s: ``0.5``, ``1`` (not ``1.0``)."""
        text = repr(float(value))  # type: ignore[arg-type]
        return text[:-2] if text.endswith(".0") else text

    def refuse_fit(self, fit: Fit) -> str:
        """SHIFT only fits on parallel training data."""
        return (f"shift needs parallel training data (fit=train, the only choice): fit={fit} would estimate the "
                "language vectors on the evaluated candidates, which needs their relevance labels and leaks the "
                "evaluation set")

    def estimate(self, remedy: Remedy, *, embeddings: np.ndarray | None = None,
                 languages: Sequence[str] | None = None,
                 pairs: dict[str, tuple[np.ndarray, np.ndarray]] | None = None) -> Statistics:
        """Relative language vectors from parallel pairs."""
        if pairs is None:
            raise ValueError("shift estimates from parallel pairs (language -> (target rows, source rows))")
        return language_vectors(pairs, source=str(remedy.source))

    def apply(self, rows: np.ndarray, codes: np.ndarray, table: np.ndarray, remedy: Remedy) -> np.ndarray:
        """``rows - s * V[codes]``."""
        rows -= (np.float32(remedy.parameter) * table)[codes]
        return rows
