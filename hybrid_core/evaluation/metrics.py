"""Retrieval measures as values, with one spelling each, and per-query scoring of runs.

A :class:`Measure` is a value: ``AP@20``, ``R@1``, ``R@10``, ``nDCG@10``, ``R@100``, ``RD``,
``LangShare@10``, ``PooledRank``, ``SameLangAbove``. Its string is its one spelling, used as the ``metric``
column of the results table, the CLI argument and the axis label; :func:`parse_measure` turns the string back
into the value (``parse_measure("nDCG@10") == Measure("nDCG", 10)``).

Where the maths comes from (see each measure's ``source``):

========== ============== =====================================================================================
measure    computed by    definition
========== ============== =====================================================================================
``AP@k``   our function   XTREME-R / LAReQA: ``AP@k = (1 / min(|R_q|, k)) * sum_{i<=k} P@i * rel_i``
                          (:func:`xtreme_ap_at_k`). pytrec_eval's ``map_cut_k`` (ir_measures ``AP@k``) divides
                          by ``|R_q|`` instead, so the two differ whenever a query has more than k relevant items.
``R@k``    pytrec_eval    trec_eval ``recall_k``: ``|relevant in top k| / |R_q|`` (what ir_measures ``R@k`` runs).
``nDCG@k`` pytrec_eval    trec_eval ``ndcg_cut_k``: gain = relevance grade, discount ``log2(rank + 1)`` (what
                          ir_measures ``nDCG@k`` runs).
``RD``     hybrid_core    rank distance, see :mod:`hybrid_core.bias` (computed on the pooled ranking).
others     hybrid_core    language-bias measures of :mod:`hybrid_core.bias` (pooled ranking).
========== ============== =====================================================================================

Runs are *rankings*: ``{qid: [doc ids, best first]}`` (what :mod:`hybrid_core.evaluation.search` returns). Our
rankings already break score ties (by candidate order), so they are handed to pytrec_eval with strictly
decreasing pseudo-scores: the library then sees exactly our order, never its own tie-breaking. pytrec_eval is
called directly (ir_measures runs the same code for these measures, with a per-row overhead that is 3-4x the
whole computation on a full XQuAD-R evaluation; a test checks both agree). Every query of the qrels gets a value,
0 when it is missing from the run, so a mean never silently shrinks its denominator.

Example:
    >>> qrels = {"q1": {"a": 1, "b": 1}}
    >>> run = {"q1": ["a", "x", "b"]}
    >>> scores = score_run(["AP@20", "R@1", "nDCG@10"], qrels, run)
    >>> round(scores["AP@20"]["q1"], 4), scores["R@1"]["q1"]
    (0.8333, 0.5)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Sequence[str]]
Provider = Literal["xtreme", "pytrec_eval", "bias"]


@dataclass(frozen=True)
class MeasureInfo:
    """What a measure family is: its name, whether it takes a cutoff, who computes it and a description."""

    name: str
    display: str
    description: str
    provider: Provider
    cutoff: Literal["required", "forbidden"]
    source: str
    higher_is_better: bool = True


#: Every measure family, by name. ``provider`` says who computes it (see the module docstring).
MEASURES: dict[str, MeasureInfo] = {
    "AP": MeasureInfo("AP", "mean average precision at k",
                      "average precision over the top k, divided by min(|relevant|, k)", "xtreme", "required",
                      "XTREME-R (Ruder et al., 2021) and LAReQA (Roy et al., 2020); not pytrec_eval's map_cut"),
    "R": MeasureInfo("R", "recall at k", "share of the relevant candidates found in the top k", "pytrec_eval",
                     "required", "trec_eval recall_k through pytrec_eval (= ir_measures R@k)"),
    "nDCG": MeasureInfo("nDCG", "nDCG at k", "normalised discounted cumulative gain over the top k (graded)",
                        "pytrec_eval", "required", "trec_eval ndcg_cut_k through pytrec_eval (= ir_measures nDCG@k)"),
    "RD": MeasureInfo("RD", "rank distance", "max - min pooled rank of a question's relevant candidates "
                      "(its answers in every language); lower = less language bias", "bias", "forbidden",
                      "hybrid_core.bias.rank_distance", higher_is_better=False),
    "LangShare": MeasureInfo("LangShare", "language share of the top k",
                             "share of the top k of the pooled ranking that is in doc_lang", "bias", "required",
                             "hybrid_core.bias.language_shares"),
    "PooledRank": MeasureInfo("PooledRank", "pooled rank of the answer",
                              "rank in the pooled multilingual ranking of the best relevant candidate in doc_lang",
                              "bias", "forbidden", "hybrid_core.bias.answer_ranks", higher_is_better=False),
    "SameLangAbove": MeasureInfo("SameLangAbove", "same-language share above the first other-language answer",
                                 "share of the non-relevant candidates ranked above the first relevant candidate "
                                 "in another language that are in the query's language", "bias", "forbidden",
                                 "hybrid_core.bias.same_language_share_above", higher_is_better=False),
}

_SPELLING = re.compile(r"^(?P<name>[A-Za-z]+)(?:@(?P<cutoff>\d+))?$")


@dataclass(frozen=True, order=True)
class Measure:
    """A measure value: a family name and an optional cutoff. ``str(measure)`` is its one spelling.

    Example:
        >>> AP @ 20
        Measure('AP@20')
        >>> str(Measure("nDCG", 10))
        'nDCG@10'
    """

    name: str
    cutoff: int | None = None

    def __post_init__(self) -> None:
        if self.name not in MEASURES:
            close = difflib.get_close_matches(self.name, MEASURES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(f"unknown measure {self.name!r}; known: {', '.join(MEASURES)}{hint}")
        rule = MEASURES[self.name].cutoff
        if rule == "required":
            if self.cutoff is None:
                return  # a family value such as ``AP``, completed with ``@k``
            if isinstance(self.cutoff, bool) or not isinstance(self.cutoff, int) or self.cutoff < 1:
                raise ValueError(f"measure {self.name}: cutoff must be a positive integer, got {self.cutoff!r}")
        elif self.cutoff is not None:
            raise ValueError(f"measure {self.name} takes no cutoff (got @{self.cutoff}); write {self.name!r}")

    def __matmul__(self, cutoff: int) -> Measure:
        return Measure(self.name, cutoff)

    def __str__(self) -> str:
        return self.name if self.cutoff is None else f"{self.name}@{self.cutoff}"

    def __repr__(self) -> str:
        return f"Measure({str(self)!r})"

    @property
    def info(self) -> MeasureInfo:
        """The family's description (display name, provider, source)."""
        return MEASURES[self.name]

    @property
    def complete(self) -> bool:
        """False for a family that still needs its cutoff (``AP`` without ``@k``)."""
        return self.cutoff is not None or MEASURES[self.name].cutoff == "forbidden"


AP = Measure("AP")
R = Measure("R")
nDCG = Measure("nDCG")
RD = Measure("RD")
LangShare = Measure("LangShare")
PooledRank = Measure("PooledRank")
SameLangAbove = Measure("SameLangAbove")

#: The LAReQA / XTREME-R measures we report per language pair and for the pooled (multilingual) setting.
LAREQA_MEASURES: tuple[Measure, ...] = (AP @ 20, R @ 1, R @ 10, nDCG @ 10)
#: MIRACL's official measures.
MIRACL_MEASURES: tuple[Measure, ...] = (nDCG @ 10, R @ 100)


def parse_measure(spelling: str | Measure) -> Measure:
    """Turn a spelling such as ``"nDCG@10"`` into its :class:`Measure` (a Measure is returned unchanged).

    Raises:
        ValueError: the spelling is malformed, names an unknown measure, or lacks/has a cutoff wrongly.
    """
    if isinstance(spelling, Measure):
        measure = spelling
    else:
        text = str(spelling).strip()
        match = _SPELLING.match(text)
        if not match:
            raise ValueError(f"cannot read measure {spelling!r}: write NAME or NAME@k, e.g. 'AP@20', 'nDCG@10', 'RD'")
        name = match["name"]
        if name not in MEASURES:  # accept case variants (ndcg@10, map -> no), but name the spelling we use
            by_lower = {n.lower(): n for n in MEASURES}
            name = by_lower.get(name.lower(), name)
        measure = Measure(name, int(match["cutoff"]) if match["cutoff"] else None)
    if not measure.complete:
        raise ValueError(f"measure {measure.name} needs a cutoff, e.g. '{measure.name}@10'")
    return measure


def parse_measures(spellings: Iterable[str | Measure] | str) -> tuple[Measure, ...]:
    """Parse several measures (a list or one comma-separated string), keeping order and dropping repeats."""
    if isinstance(spellings, str):
        spellings = [part for part in spellings.replace(" ", ",").split(",") if part]
    seen: dict[Measure, None] = {}
    for spelling in spellings:
        seen[parse_measure(spelling)] = None
    return tuple(seen)


# ----- our own measure functions ---------------------------------------------------------------------------------
def xtreme_ap_at_k(ranking: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Average precision at k as defined by XTREME-R / LAReQA (binary relevance).

    ``AP@k = (1 / min(|R_q|, k)) * sum_{i=1..k} P@i * rel_i`` where ``P@i`` is the precision of the top i and
    ``rel_i`` is 1 when the i-th ranked item is relevant. Unlike pytrec_eval's ``map_cut_k`` (which divides by
    ``|R_q|``), a query with more than k relevant items can still reach 1.0.

    Args:
        ranking: candidate ids, best first (only the first ``k`` are read; repeats count once).
        relevant: ids of the relevant candidates (grade > 0).
        k: cutoff (positive).

    Returns:
        AP@k in [0, 1]; 0.0 when ``relevant`` is empty.

    Example:
        >>> xtreme_ap_at_k(["x", "a", "b"], {"a", "b", "c"}, k=2)
        0.25
    """
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    seen: set[str] = set()
    for i, doc in enumerate(ranking[:k], start=1):
        if doc in seen:
            continue
        seen.add(doc)
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k)


#: our measure name -> pytrec_eval (trec_eval) measure, ``{k}`` the cutoff.
_PYTREC_NAMES: dict[str, str] = {"R": "recall_{k}", "nDCG": "ndcg_cut_{k}"}


def _relevant_ids(rels: Mapping[str, int]) -> set[str]:
    return {doc for doc, grade in rels.items() if grade > 0}


# ----- scoring a run ---------------------------------------------------------------------------------------------
def _pseudo_scores(run: Run, depth: int | None) -> dict[str, dict[str, float]]:
    """Rankings -> strictly decreasing scores, so pytrec_eval keeps our order (first occurrence of a repeat wins)."""
    scored: dict[str, dict[str, float]] = {}
    for qid, ranking in run.items():
        docs = ranking if depth is None else ranking[:depth]
        row: dict[str, float] = {}
        n = len(docs)
        for i, doc in enumerate(docs):
            row.setdefault(doc, float(n - i))
        scored[qid] = row
    return scored


def score_run(measures: Iterable[str | Measure], qrels: Qrels, run: Run) -> dict[str, dict[str, float]]:
    """Per-query values of ranking measures: ``{spelling: {qid: value}}``.

    Every query id of ``qrels`` gets a value for every measure (0 when the run has no ranking for it); queries
    that are only in the run are ignored. Bias measures (``RD``, ``LangShare@k``, ...) are not ranking measures
    of (qrels, run) and are refused here: see :mod:`hybrid_core.bias`.

    Args:
        measures: spellings or :class:`Measure` values, e.g. ``["AP@20", "R@1", "nDCG@10"]``.
        qrels: ``{qid: {doc id: grade}}`` (grade > 0 is relevant; 0 marks a judged non-relevant item).
        run: ``{qid: [doc ids, best first]}``.

    Raises:
        ValueError: an unknown or bias measure.
    """
    parsed = parse_measures(list(measures))
    bias = [str(m) for m in parsed if m.info.provider == "bias"]
    if bias:
        raise ValueError(f"{', '.join(bias)}: language-bias measures are computed from the pooled ranking by "
                         "hybrid_core.bias, not from (qrels, run)")
    out: dict[str, dict[str, float]] = {str(m): {} for m in parsed}
    for measure in (m for m in parsed if m.info.provider == "xtreme"):
        values = out[str(measure)]
        for qid, rels in qrels.items():
            values[qid] = xtreme_ap_at_k(run.get(qid, ()), _relevant_ids(rels), measure.cutoff or 0)
    library = [m for m in parsed if m.info.provider == "pytrec_eval"]
    if library:
        import pytrec_eval

        names = {str(m): _PYTREC_NAMES[m.name].format(k=m.cutoff) for m in library}
        depth = max(m.cutoff or 0 for m in library)
        judged = {qid: {doc: int(grade) for doc, grade in rels.items()} for qid, rels in qrels.items() if rels}
        ranked = _pseudo_scores({qid: run[qid] for qid in judged if run.get(qid)}, depth)
        results = pytrec_eval.RelevanceEvaluator(judged, set(names.values())).evaluate(ranked) if ranked else {}
        for spelling, name in names.items():
            values = out[spelling]
            for qid in qrels:
                values[qid] = float(results.get(qid, {}).get(name, 0.0))
    return out


def mean_scores(per_query: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Mean over queries of each measure of :func:`score_run`'s output (NaN-free; 0.0 for no queries)."""
    return {name: (sum(values.values()) / len(values) if values else 0.0) for name, values in per_query.items()}
