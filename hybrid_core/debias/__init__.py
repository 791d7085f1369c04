"""Index-side remedies for language bias: transforms of candidate (and, where the method says so, query) embeddings.

Applicable to any encoder (untuned, a trained run, any backend), fitted once and cached like embeddings:

- :mod:`~hybrid_core.debias.base`: :class:`Remedy` (a value with one spelling: ``none``, ``centering``, ``lir:R``,
  ``shift:S`` with options after commas), :func:`parse_remedy`, the registry, :class:`FittedRemedy`;
- :mod:`~hybrid_core.debias.none`, :mod:`~hybrid_core.debias.centering`, :mod:`~hybrid_core.debias.lir`,
  :mod:`~hybrid_core.debias.shift`: one family each (its maths, statistics and references);
- :mod:`~hybrid_core.debias.fitting`: :func:`fit_remedy` (from the index or a training split, cached) and
  :func:`debias_evaluation` (fit and apply to a whole evaluation's embeddings);
- :mod:`~hybrid_core.debias.store`: the on-disk statistics cache.

Example:
    >>> str(parse_remedy("SHIFT:0.50"))
    'shift:0.5,source=en'
"""

from __future__ import annotations

from hybrid_core.debias import centering, lir, none, shift  # noqa: F401  (registers the families)
from hybrid_core.debias.base import (
    FIT_CHOICES,
    REMEDIES,
    FittedRemedy,
    Remedy,
    RemedyMethod,
    Statistics,
    get_method,
    parse_remedy,
    register,
    spellings,
)
from hybrid_core.debias.fitting import DebiasedEmbeddings, debias_evaluation, fit_label, fit_remedy, parallel_pairs

__all__ = [
    "FIT_CHOICES",
    "REMEDIES",
    "DebiasedEmbeddings",
    "FittedRemedy",
    "Remedy",
    "RemedyMethod",
    "Statistics",
    "debias_evaluation",
    "fit_label",
    "fit_remedy",
    "get_method",
    "parallel_pairs",
    "parse_remedy",
    "register",
    "spellings",
]
