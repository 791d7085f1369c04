"""The building blocks of the measure registry: the :class:`Measure` value, the :class:`MeasureInfo` declaration,
the inputs a measure is computed from, and the one pooled-rank function.

A measure family (``AP``, ``RD``, ``MRC``...) is declared once, in its own module of :mod:`hybrid_core.measures`,
as a :class:`MeasureInfo`: its name, family, direction, display digits, which cutoffs an evaluation computes by
default, which settings a sweep report keeps as α curves, and *how* it is computed, from one of three inputs:

- ``run``: a ranking measure of (qrels, run), per cell. Either our own per-query function
  (:attr:`MeasureInfo.per_query_fn`, e.g. XTREME's AP@k) or a trec_eval measure run through pytrec_eval
  (:attr:`MeasureInfo.trec_eval`), see :func:`hybrid_core.measures.scoring.score_run`;
- ``pooled``: a function of a :class:`PooledBatch`, a batch of queries searched against the pooled candidates of
  every language (its score matrix, the relevant candidates, their pooled ranks, the pooled top k);
- ``parallel``: a function of :class:`ParallelQueries`, every evaluated query's pooled top k and the embeddings,
  for measures that compare the parallel versions of a question (same question id, other languages).

Pooled and parallel measures return :data:`Cells`: ``{doc_lang: (rows, values)}``, the rows (indexes into the
batch's queries) that get a value in cell (query language, ``doc_lang``) and their values; a query left out of a
cell has no value there (e.g. ``SameLangAbove`` for a question without an answer in another language).

Ranks are 1-based positions in the pooled ranking, score ties broken by candidate order (lower index first), the
rule of :mod:`hybrid_core.evaluation.search`; :func:`pooled_ranks` is the only place that counts them.

Example:
    >>> import numpy as np
    >>> scores = np.array([[0.2, 0.9, 0.2, 0.5]], dtype=np.float32)
    >>> pooled_ranks(scores, np.array([[0, 2, -1]])).tolist()
    [[3, 4, 0]]
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np

Family = Literal["ranking", "bias", "fairness"]
Input = Literal["run", "pooled", "parallel"]
FAMILIES: tuple[str, ...] = ("ranking", "bias", "fairness")
SETTINGS: tuple[str, ...] = ("monolingual", "cross-lingual", "multilingual")
#: The ``doc_lang`` of the pooled (multilingual) cell (:data:`hybrid_core.results.ALL_LANGUAGES`).
ALL = "all"

#: ``{doc_lang: (rows, values)}``: what a pooled or parallel measure returns (see the module docstring).
Cells = dict[str, tuple[np.ndarray, np.ndarray]]
PerQueryFn = Callable[[Sequence[str], Collection[str], "int | None"], float]
PooledFn = Callable[["PooledBatch", "Measure"], Cells]
ParallelFn = Callable[["ParallelQueries", "Measure"], Cells]

#: The registry: family name -> declaration (filled by :mod:`hybrid_core.measures`; read it through its functions).
REGISTRY: dict[str, MeasureInfo] = {}


@dataclass(frozen=True)
class MeasureInfo:
    """Declaration of one measure family: what it is, how it is shown and kept, and how it is computed.

    Args:
        name: the family's spelling (``"AP"``, ``"RD"``); with a cutoff a measure is spelled ``NAME@k``.
        family: ``"ranking"`` (retrieval quality), ``"bias"`` (language bias of the pooled ranking) or
            ``"fairness"`` (the fairness measures of the literature).
        display: a short human name (``"rank distance"``).
        description: one line for help texts and dashboard captions.
        source: where the definition comes from (paper, library, or our function).
        cutoff: ``"required"`` (``NAME@k``) or ``"forbidden"`` (``NAME``).
        higher_is_better: the measure's direction; None when a cell has no better direction (``LangShare@k``:
            a share of the top k). Colour scales treat None as "higher".
        curve_higher_is_better: the direction of its α curves (best α, paired tests), when it differs from
            ``higher_is_better`` (``LangShare@k``'s curve is the same-language share: lower = less bias).
        digits: decimals of a cell mean in tables (a curve point, which carries an interval, shows one fewer).
        per_query: the table keeps per-query rows (``qid`` set) besides cell means (bootstrap, paired tests).
        defaults: pooled and parallel measures: the cutoffs (None for a measure without one) that every LAReQA
            evaluation computes when bias measures are on. (Ranking measures are chosen by the task declaration,
            :mod:`hybrid_core.evaluation.tasks`.)
        curves: ``{cutoff: settings}``: the settings a sweep report draws as α curves (best α, paired tests);
            the archive keeps their per-query rows.
        reported: cutoffs whose cell means the sweep report's ``results.csv`` lists (curves are always listed).
        archived: whether an archive keeps the per-query rows of its curves (cell means are always kept).
        shown: listed in the CLI's mono / cross / multi summary (``LangShare`` and ``PooledRank`` are matrices,
            printed or drawn on their own).
        needs_top: a pooled or parallel measure that reads the pooled top ``k`` (``k`` its cutoff), so the
            engine keeps the pooled ranking that deep.
        per_query_fn: a ``run`` measure of our own: ``f(ranking, relevant ids, k) -> value``.
        trec_eval: a ``run`` measure computed by pytrec_eval: the trec_eval name with ``{k}`` for the cutoff.
        pooled: a ``pooled`` measure: ``f(PooledBatch, Measure) -> Cells``.
        parallel: a ``parallel`` measure: ``f(ParallelQueries, Measure) -> Cells``.
        order: position in every listing (tables, curves, dashboard choices); ties keep registration order.

    Raises:
        ValueError: an inconsistent declaration (no or several ways to compute it, unknown family or setting, a
            cutoff given to a measure without one, ...).
    """

    name: str
    family: Family
    display: str
    description: str
    source: str
    cutoff: Literal["required", "forbidden"] = "required"
    higher_is_better: bool | None = True
    curve_higher_is_better: bool | None = None
    digits: int = 4
    per_query: bool = True
    defaults: tuple[int | None, ...] = ()
    curves: Mapping[int | None, tuple[str, ...]] = field(default_factory=dict)
    reported: tuple[int | None, ...] = ()
    archived: bool = True
    shown: bool = True
    needs_top: bool = False
    per_query_fn: PerQueryFn | None = field(default=None, repr=False)
    trec_eval: str | None = None
    pooled: PooledFn | None = field(default=None, repr=False)
    parallel: ParallelFn | None = field(default=None, repr=False)
    order: float = 1000.0

    def __post_init__(self) -> None:
        where = f"measure {self.name!r}"
        if not self.name.isalpha():
            raise ValueError(f"{where}: a name is letters only (the cutoff follows '@'), got {self.name!r}")
        if self.family not in FAMILIES:
            raise ValueError(f"{where}: unknown family {self.family!r}; choose one of {', '.join(FAMILIES)}")
        if self.cutoff not in ("required", "forbidden"):
            raise ValueError(f"{where}: cutoff must be 'required' or 'forbidden', got {self.cutoff!r}")
        ways = [w for w in ("per_query_fn", "trec_eval", "pooled", "parallel") if getattr(self, w) is not None]
        if len(ways) != 1:
            raise ValueError(f"{where}: give exactly one way to compute it (per_query_fn, trec_eval, pooled or "
                             f"parallel), got {', '.join(ways) or 'none'}")
        curves = {k: tuple(v) for k, v in dict(self.curves).items()}
        for k, settings in curves.items():
            unknown = [s for s in settings if s not in SETTINGS]
            if unknown:
                raise ValueError(f"{where}: curves of cutoff {k}: unknown settings {unknown}; choose from {SETTINGS}")
        object.__setattr__(self, "curves", curves)
        object.__setattr__(self, "defaults", tuple(self.defaults))
        object.__setattr__(self, "reported", tuple(self.reported))
        for k in (*self.defaults, *curves, *self.reported):
            self._check_cutoff(k)
        if isinstance(self.digits, bool) or not isinstance(self.digits, int) or self.digits < 1:
            raise ValueError(f"{where}: digits must be a positive integer, got {self.digits!r}")

    def _check_cutoff(self, k: int | None) -> None:
        if self.cutoff == "forbidden":
            if k is not None:
                raise ValueError(f"measure {self.name} takes no cutoff (got @{k}); write {self.name!r}")
        elif isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError(f"measure {self.name}: cutoff must be a positive integer, got {k!r}")

    @property
    def input(self) -> Input:
        """What it is computed from: ``"run"`` (qrels and a run), ``"pooled"`` or ``"parallel"``."""
        if self.pooled is not None:
            return "pooled"
        if self.parallel is not None:
            return "parallel"
        return "run"

    @property
    def better_in_curves(self) -> bool:
        """Direction of its α curves: :attr:`curve_higher_is_better`, else :attr:`higher_is_better` (None: higher)."""
        if self.curve_higher_is_better is not None:
            return self.curve_higher_is_better
        return self.higher_is_better is not False

    def measure(self, cutoff: int | None = None) -> Measure:
        """The measure value of this family at ``cutoff``."""
        return Measure(self.name, cutoff)


@dataclass(frozen=True, order=True)
class Measure:
    """A measure value: a registered family name and an optional cutoff. ``str(measure)`` is its one spelling,
    used as the ``metric`` column of results tables, the CLI argument and the axis label.

    Example:
        >>> from hybrid_core.measures import AP
        >>> AP @ 20
        Measure('AP@20')
        >>> str(Measure("nDCG", 10))
        'nDCG@10'
    """

    name: str
    cutoff: int | None = None

    def __post_init__(self) -> None:
        info = REGISTRY.get(self.name)
        if info is None:
            close = difflib.get_close_matches(self.name, REGISTRY, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown measure {self.name!r}; known: {', '.join(REGISTRY)}{hint}")
        if info.cutoff == "required" and self.cutoff is None:
            return  # a family value such as ``AP``, completed with ``@k``
        info._check_cutoff(self.cutoff)

    def __matmul__(self, cutoff: int) -> Measure:
        return Measure(self.name, cutoff)

    def __str__(self) -> str:
        return self.name if self.cutoff is None else f"{self.name}@{self.cutoff}"

    def __repr__(self) -> str:
        return f"Measure({str(self)!r})"

    @property
    def info(self) -> MeasureInfo:
        """The family's declaration."""
        try:
            return REGISTRY[self.name]
        except KeyError:
            raise ValueError(f"measure {self.name!r} is no longer registered") from None

    @property
    def complete(self) -> bool:
        """False for a family that still needs its cutoff (``AP`` without ``@k``)."""
        return self.cutoff is not None or self.info.cutoff == "forbidden"


# ----- pooled ranks ----------------------------------------------------------------------------------------------
def pooled_ranks(scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """1-based ranks of given candidates in each row's full ranking, by counting (no sort).

    ``rank(c) = 1 + #{j: s_j > s_c} + #{j < c: s_j = s_c}``, i.e. the position of c in the stable sort of the
    scores (ties by candidate order). The one implementation of "where does a candidate land in the pooled
    ranking", used by the evaluation engine and the probe.

    Args:
        scores: ``(m, n)`` scores of m queries for n candidates.
        targets: ``(m, t)`` candidate indexes per row; ``-1`` pads rows with fewer targets.

    Returns:
        ``(m, t)`` int64 ranks, 0 where ``targets`` is ``-1``.

    Raises:
        ValueError: ``targets`` and ``scores`` have different numbers of rows.
    """
    m = scores.shape[0]
    if targets.shape[0] != m:
        raise ValueError(f"targets has {targets.shape[0]} rows for {m} score rows")
    valid = targets >= 0
    safe = np.where(valid, targets, 0)
    target_scores = np.take_along_axis(scores, safe, axis=1)
    ranks = np.ones(targets.shape, dtype=np.int64)
    for j in range(targets.shape[1]):
        s = target_scores[:, j:j + 1]
        ranks[:, j] += (scores > s).sum(axis=1)
        # equal scores rank by index: only rows where another candidate has exactly the same score need a look
        tied = np.flatnonzero((scores >= s).sum(axis=1) > ranks[:, j])
        for row in tied:
            ranks[row, j] += int((scores[row, :safe[row, j]] == s[row, 0]).sum())
    return np.where(valid, ranks, 0)


def padded(rows: Sequence[np.ndarray]) -> np.ndarray:
    """Stack index arrays of different lengths into an ``(m, max length)`` int64 array padded with ``-1``."""
    width = max((len(r) for r in rows), default=0)
    out = np.full((len(rows), width), -1, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


# ----- inputs of pooled and parallel measures --------------------------------------------------------------------
@dataclass
class PooledBatch:
    """A batch of queries searched against the pooled candidates of every language (LAReQA's multilingual setting).

    Attributes:
        scores: ``(m, n)`` float32 inner products of the m queries with the n pooled candidates.
        qids: the question id of each query.
        query_codes: ``(m,)`` index into ``languages`` of each query's language (-1: a language without
            candidates).
        targets: ``(m, t)`` indexes of each query's relevant candidates (ascending), padded with -1.
        languages: the candidate languages (sorted); ``codes`` index into it.
        codes: ``(n,)`` language index of each candidate.
        top: ``(m, depth)`` the pooled ranking's first candidates, best first (ties by candidate order).
    """

    scores: np.ndarray
    qids: Sequence[str]
    query_codes: np.ndarray
    targets: np.ndarray
    languages: tuple[str, ...]
    codes: np.ndarray
    top: np.ndarray

    def __post_init__(self) -> None:
        m = self.scores.shape[0]
        if not (len(self.qids) == self.query_codes.shape[0] == self.targets.shape[0] == self.top.shape[0] == m):
            raise ValueError(f"PooledBatch: {m} score rows but {len(self.qids)} qids, {self.query_codes.shape[0]} "
                             f"query codes, {self.targets.shape[0]} target rows, {self.top.shape[0]} top rows")
        if self.codes.shape[0] != self.scores.shape[1]:
            raise ValueError(f"PooledBatch: {self.scores.shape[1]} candidates but {self.codes.shape[0]} codes")

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    @cached_property
    def valid(self) -> np.ndarray:
        """``(m, t)``: where ``targets`` holds a candidate (not padding)."""
        return self.targets >= 0

    @cached_property
    def target_codes(self) -> np.ndarray:
        """``(m, t)`` language index of each relevant candidate (-1 for padding)."""
        return np.where(self.valid, self.codes[np.where(self.valid, self.targets, 0)], -1)

    @cached_property
    def ranks(self) -> np.ndarray:
        """``(m, t)`` pooled ranks of the relevant candidates (0 for padding), by :func:`pooled_ranks`."""
        return pooled_ranks(self.scores, self.targets)

    def top_k(self, k: int) -> np.ndarray:
        """The pooled top ``k`` of each query (fewer columns when the pool or the kept depth is smaller)."""
        if k > self.top.shape[1] and self.top.shape[1] < self.scores.shape[1]:
            raise ValueError(f"the batch keeps the pooled top {self.top.shape[1]}, not {k}: declare needs_top")
        return self.top[:, :k]


@dataclass
class ParallelQueries:
    """Every evaluated query of a LAReQA evaluation with its pooled top candidates, for measures that compare the
    parallel versions of a question (same question id, different languages).

    Attributes:
        qids: ``(Q,)`` question id of each query (shared by its translations).
        query_langs: ``(Q,)`` language of each query.
        top: ``(Q, depth)`` each query's pooled top candidates, best first (ties by candidate order).
        query_embeddings: ``(Q, d)`` float32 query embeddings.
        candidate_embeddings: ``(n, d)`` float32 candidate embeddings (the pool).
    """

    qids: np.ndarray
    query_langs: np.ndarray
    top: np.ndarray
    query_embeddings: np.ndarray
    candidate_embeddings: np.ndarray

    def __len__(self) -> int:
        return int(self.qids.shape[0])

    def groups(self) -> list[np.ndarray]:
        """Rows of each question id that is asked in at least two languages, each group's rows in language order."""
        by_qid: dict[str, list[int]] = {}
        for row, qid in enumerate(self.qids.tolist()):
            by_qid.setdefault(qid, []).append(row)
        out = []
        for rows in by_qid.values():
            if len(rows) > 1:
                order = np.argsort(self.query_langs[rows], kind="stable")
                out.append(np.asarray(rows, dtype=np.int64)[order])
        return out

    def scores(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """``(len(rows), len(columns))`` inner products of some queries with some candidates.

        Computed with ``einsum``, not BLAS: these products are tiny (a question's ~11 versions x ~200 candidates),
        and a multi-threaded BLAS call of that size costs 10-50x more on a busy machine.
        """
        return np.einsum("id,jd->ij", self.query_embeddings[rows], self.candidate_embeddings[columns])
