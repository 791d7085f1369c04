"""Per-query scoring of runs by the registry's ranking measures (input ``run``): ours and pytrec_eval's.

Runs are *rankings*: ``{qid: [doc ids, best first]}`` (what :mod:`hybrid_core.evaluation.search` returns). Our
rankings already break score ties (by candidate order), so they are handed to pytrec_eval with strictly
decreasing pseudo-scores: the library then sees exactly our order, never its own tie-breaking. pytrec_eval is
called directly, once for every trec_eval measure asked (ir_measures runs the same code for these measures, with a
per-row overhead that is 3-4x the whole computation on a full XQuAD-R evaluation; a test checks both agree).
Every query of the qrels gets a value, 0 when it is missing from the run, so a mean never silently shrinks its
denominator.

Example:
    >>> qrels = {"q1": {"a": 1, "b": 1}}
    >>> run = {"q1": ["a", "x", "b"]}
    >>> scores = score_run(["AP@20", "R@1", "nDCG@10"], qrels, run)
    >>> round(scores["AP@20"]["q1"], 4), scores["R@1"]["q1"]
    (0.8333, 0.5)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from hybrid_core.measures import parse_measures
from hybrid_core.measures.base import Measure

Qrels = Mapping[str, Mapping[str, int]]
Run = Mapping[str, Sequence[str]]


def relevant_ids(rels: Mapping[str, int]) -> set[str]:
    """Ids with a grade above 0 (a grade of 0 marks a judged non-relevant item)."""
    return {doc for doc, grade in rels.items() if grade > 0}


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
    that are only in the run are ignored. Pooled measures (``RD``, ``LangShare@k``, ``MRC@k``...) are not
    functions of (qrels, run) and are refused here: the evaluation engine computes them from the pooled ranking.

    Args:
        measures: spellings or :class:`Measure` values, e.g. ``["AP@20", "R@1", "nDCG@10"]``.
        qrels: ``{qid: {doc id: grade}}`` (grade > 0 is relevant; 0 marks a judged non-relevant item).
        run: ``{qid: [doc ids, best first]}``.

    Raises:
        ValueError: an unknown measure, or one that is not computed from a run.
    """

    parsed = parse_measures(list(measures))
    pooled = [str(m) for m in parsed if m.info.input != "run"]
    if pooled:
        raise ValueError(f"{', '.join(pooled)}: language-bias and fairness measures are computed from the pooled "
                         "ranking by the evaluation engine (hybrid_core.measures, hybrid_core.bias), not from "
                         "(qrels, run)")
    out: dict[str, dict[str, float]] = {str(m): {} for m in parsed}
    for measure in (m for m in parsed if m.info.per_query_fn is not None):
        function = measure.info.per_query_fn
        values = out[str(measure)]
        for qid, rels in qrels.items():
            values[qid] = function(run.get(qid, ()), relevant_ids(rels), measure.cutoff)
    library = [m for m in parsed if m.info.trec_eval is not None]
    if library:
        import pytrec_eval

        names = {str(m): m.info.trec_eval.format(k=m.cutoff) for m in library}
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
