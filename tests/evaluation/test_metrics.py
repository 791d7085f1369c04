"""Measures: hand-computed values of every ranking measure, the XTREME AP divisor, spellings, no dropped queries."""

from __future__ import annotations

import math

import ir_measures
import pytest

from hybrid_core.evaluation.metrics import (
    AP,
    MEASURES,
    Measure,
    R,
    nDCG,
    parse_measure,
    parse_measures,
    score_run,
    xtreme_ap_at_k,
)

LOG2_3, LOG2_5 = math.log2(3), math.log2(5)

# (measure, qrels, run, expected value of q1), computed by hand.
CASES = [
    # relevant {a, b} at ranks 2 and 4: (1/2 + 2/4) / min(2, 20)
    ("AP@20", {"a": 1, "b": 1}, ["x", "a", "y", "b"], 0.5),
    # three relevant, k = 2, both top items relevant: (1/1 + 2/2) / min(3, 2) = 1 (pytrec_eval: 2/3)
    ("AP@2", {"a": 1, "b": 1, "c": 1}, ["a", "b", "c"], 1.0),
    # one of three relevant in the top 2, at rank 2: (1/2) / 2
    ("AP@2", {"a": 1, "b": 1, "c": 1}, ["x", "a", "b"], 0.25),
    # relevant beyond the cutoff counts nothing
    ("AP@1", {"a": 1}, ["x", "a"], 0.0),
    # a judged non-relevant item (grade 0) is not relevant
    ("AP@20", {"a": 1, "z": 0}, ["z", "a"], 0.5),
    ("R@1", {"a": 1, "b": 1}, ["a", "x", "b"], 0.5),
    ("R@1", {"a": 1, "b": 1}, ["x", "a", "b"], 0.0),
    ("R@10", {"a": 1, "b": 1}, ["x", "a", "y", "b"], 1.0),
    ("R@100", {"a": 1, "b": 1, "c": 1}, ["a", "x", "b"], 2 / 3),
    # DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3)
    ("nDCG@10", {"a": 1, "b": 1}, ["x", "a", "y", "b"], (1 / LOG2_3 + 1 / LOG2_5) / (1 + 1 / LOG2_3)),
    # graded, linear gain (trec_eval): DCG = 1 + 2/log2(3); IDCG = 2 + 1/log2(3)
    ("nDCG@10", {"a": 2, "b": 1}, ["b", "a"], (1 + 2 / LOG2_3) / (2 + 1 / LOG2_3)),
    # cut at 1: only "x" counts
    ("nDCG@1", {"a": 1}, ["x", "a"], 0.0),
]


@pytest.mark.parametrize(("measure", "rels", "ranking", "expected"), CASES)
def test_hand_computed(measure: str, rels: dict[str, int], ranking: list[str], expected: float) -> None:
    scores = score_run([measure], {"q1": rels}, {"q1": ranking})
    assert scores[measure]["q1"] == pytest.approx(expected, abs=1e-12)


def test_xtreme_divisor_differs_from_pytrec_eval_only_beyond_k() -> None:
    qrels = {"q1": {"a": 1, "b": 1, "c": 1}, "q2": {"a": 1, "b": 1}}
    run = {"q1": ["a", "b", "c"], "q2": ["a", "x", "b"]}
    ours = score_run(["AP@2"], qrels, run)["AP@2"]
    library = {m.query_id: m.value for m in ir_measures.iter_calc([ir_measures.AP @ 2], qrels,
                                                                    {q: {d: 3.0 - i for i, d in enumerate(r)}
                                                                     for q, r in run.items()})}
    assert ours["q1"] == pytest.approx(1.0) and library["q1"] == pytest.approx(2 / 3)  # |R| = 3 > k = 2
    assert ours["q2"] == pytest.approx(library["q2"]) == pytest.approx(0.5)  # |R| = 2 <= k: same


def test_pure_function_matches_scorer_and_edge_cases() -> None:
    assert xtreme_ap_at_k(["x", "a", "b"], {"a", "b", "c"}, k=2) == pytest.approx(0.25)
    assert xtreme_ap_at_k([], {"a"}, k=20) == 0.0
    assert xtreme_ap_at_k(["a"], set(), k=20) == 0.0
    assert xtreme_ap_at_k(["a", "a", "b"], {"a", "b"}, k=3) == pytest.approx((1 + 2 / 3) / 2)  # repeat counts once
    with pytest.raises(ValueError, match="positive"):
        xtreme_ap_at_k(["a"], {"a"}, k=0)


def test_no_query_is_dropped() -> None:
    qrels = {"q1": {"a": 1}, "missing": {"b": 1}, "no-relevant": {"c": 0}}
    run = {"q1": ["a"], "only-in-run": ["a"], "no-relevant": ["c"]}
    scores = score_run(["AP@20", "R@1", "nDCG@10", "R@100"], qrels, run)
    for values in scores.values():
        assert set(values) == {"q1", "missing", "no-relevant"}
        assert values["missing"] == 0.0 and values["no-relevant"] == 0.0 and values["q1"] == 1.0


def test_pytrec_eval_measures_equal_ir_measures() -> None:
    """R@k and nDCG@k come from pytrec_eval directly; they equal ir_measures' values query by query."""
    import random

    rng = random.Random(7)
    docs = [f"d{i}" for i in range(60)]
    qrels = {f"q{i}": {d: rng.choice([0, 1, 1, 2]) for d in rng.sample(docs, rng.randint(1, 8))} for i in range(200)}
    run = {q: rng.sample(docs, 40) for q in list(qrels)[:190]}  # 10 queries have no ranking
    ours = score_run(["R@1", "R@10", "R@100", "nDCG@10", "nDCG@3"], qrels, run)
    pseudo = {q: {d: float(len(r) - i) for i, d in enumerate(r)} for q, r in run.items()}
    measures = [ir_measures.parse_measure(m) for m in ours]
    library = {(m.query_id, str(m.measure)): m.value for m in ir_measures.iter_calc(measures, qrels, pseudo)}
    assert len(library) == len(qrels) * len(measures)
    for name, values in ours.items():
        for qid, value in values.items():
            assert value == pytest.approx(library[qid, name], abs=1e-12), (name, qid)


def test_ranking_order_is_ours_not_the_librarys() -> None:
    # pytrec_eval would break score ties by doc id; we hand it strictly decreasing pseudo-scores
    scores = score_run(["R@1", "nDCG@10"], {"q": {"b": 1}}, {"q": ["b", "a"]})
    assert scores["R@1"]["q"] == 1.0 and scores["nDCG@10"]["q"] == 1.0


def test_spellings_round_trip() -> None:
    for spelling in ("AP@20", "R@1", "R@10", "nDCG@10", "R@100", "RD", "LangShare@10", "PooledRank",
                     "SameLangAbove"):
        assert str(parse_measure(spelling)) == spelling
    assert parse_measure("ndcg@10") == nDCG @ 10 == Measure("nDCG", 10)
    assert parse_measure("AP@20") == AP @ 20 and hash(AP @ 20) == hash(Measure("AP", 20))
    assert R @ 1 != R @ 10
    assert parse_measures("AP@20, R@1,AP@20") == (AP @ 20, R @ 1)
    assert all(info.description and info.source for info in MEASURES.values())


@pytest.mark.parametrize(("spelling", "message"), [
    ("mAP@20", "unknown measure 'mAP'.*did you mean 'AP'"),
    ("AP", "needs a cutoff"),
    ("RD@10", "takes no cutoff"),
    ("AP@0", "positive integer"),
    ("AP@x", "cannot read measure"),
])
def test_bad_spellings(spelling: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_measure(spelling)


def test_bias_measures_are_not_ranking_measures() -> None:
    with pytest.raises(ValueError, match=r"hybrid_core\.bias"):
        score_run(["RD"], {"q": {"a": 1}}, {"q": ["a"]})
