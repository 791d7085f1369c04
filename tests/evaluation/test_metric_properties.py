"""Properties of the ranking measures and the bias measures, over random qrels and rankings (hypothesis).

Checked for every generated example:

- bounds: AP@k, R@k, nDCG@k in [0, 1]; RD >= 0; language shares in [0, 1] summing to 1; SameLangAbove in [0, 1];
- invariance: to the order of the irrelevant candidates among themselves, to what lies below the cutoff, to the
  order of the qrels, and to a consistent relabelling of query and candidate ids;
- agreement with ir_measures where the definitions match: R@k and nDCG@k equal ir_measures' values;
  XTREME's AP@k divides by min(|R|, k) where ir_measures' AP@k (trec_eval map_cut) divides by |R|, so
  ``ours * min(|R|, k) == theirs * |R|`` always, and the two are equal exactly when |R| <= k;
- sanity: the ideal ranking scores 1 (AP@k, binary nDCG@k) and R@k = min(|R|, k) / |R|; moving a relevant
  candidate above an irrelevant one never lowers AP@k, R@k or nDCG@k.

Examples are small (at most 30 candidates) and the database is off, so the file runs in a few seconds.
"""

from __future__ import annotations

import math
import random

import ir_measures
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hybrid_core.bias import (
    answer_ranks,
    language_matrix,
    language_shares,
    macro_average,
    rank_distance,
    same_language_share_above,
)
from hybrid_core.evaluation.metrics import score_run, xtreme_ap_at_k

SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CUTOFFS = (1, 2, 3, 5, 10, 20)
LANGS = ("ar", "de", "en", "zh")


@st.composite
def queries(draw: st.DrawFn, *, graded: bool = True, max_queries: int = 4) -> tuple[dict, dict]:
    """Random ``(qrels, run)``: each query ranks a permutation of a prefix of the pool; >= 1 relevant per query."""
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, list[str]] = {}
    for q in range(draw(st.integers(1, max_queries))):
        pool = [f"d{i}" for i in range(draw(st.integers(1, 30)))]
        grades = draw(st.lists(st.integers(0, 3 if graded else 1), min_size=len(pool), max_size=len(pool)))
        if not any(grades):
            grades[draw(st.integers(0, len(pool) - 1))] = 1
        judged = draw(st.lists(st.booleans(), min_size=len(pool), max_size=len(pool)))
        qrels[f"q{q}"] = {doc: g for doc, g, j in zip(pool, grades, judged) if g > 0 or j}
        order = draw(st.permutations(pool))
        run[f"q{q}"] = list(order[:draw(st.integers(0, len(pool)))])
    return qrels, run


MEASURES = [f"{name}@{k}" for name in ("AP", "R", "nDCG") for k in CUTOFFS]


def relevant(rels: dict[str, int]) -> set[str]:
    return {doc for doc, grade in rels.items() if grade > 0}


def flat(scores: dict[str, dict[str, float]]) -> dict[tuple[str, str], float]:
    """``score_run``'s output as one flat mapping, for ``pytest.approx``."""
    return {(measure, qid): value for measure, values in scores.items() for qid, value in values.items()}


# ----- ranking measures ------------------------------------------------------------------------------------------
@SETTINGS
@given(queries())
def test_bounds_and_every_query_scored(data: tuple[dict, dict]) -> None:
    qrels, run = data
    scores = score_run(MEASURES, qrels, run)
    for measure in MEASURES:
        assert set(scores[measure]) == set(qrels)
        for value in scores[measure].values():
            assert 0.0 <= value <= 1.0 + 1e-12, (measure, value)


@SETTINGS
@given(queries(), st.randoms(use_true_random=False))
def test_invariant_to_the_order_of_irrelevant_candidates_and_of_qrels(data: tuple[dict, dict],
                                                                       rnd: random.Random) -> None:
    qrels, run = data
    shuffled = {}
    for qid, ranking in run.items():
        rels = relevant(qrels[qid])
        slots = [i for i, doc in enumerate(ranking) if doc not in rels]
        others = [ranking[i] for i in slots]
        rnd.shuffle(others)
        new = list(ranking)
        for i, doc in zip(slots, others):
            new[i] = doc
        shuffled[qid] = new
    # graded nDCG only sees grades of relevant items; judged non-relevant and unjudged items are interchangeable
    reordered_qrels = {qid: dict(rnd.sample(list(rels.items()), len(rels)))
                       for qid, rels in rnd.sample(list(qrels.items()), len(qrels))}
    assert flat(score_run(MEASURES, qrels, run)) == pytest.approx(flat(score_run(MEASURES, reordered_qrels, shuffled)))


@SETTINGS
@given(queries(), st.sampled_from(CUTOFFS), st.randoms(use_true_random=False))
def test_what_lies_below_the_cutoff_does_not_count(data: tuple[dict, dict], k: int, rnd: random.Random) -> None:
    qrels, run = data
    cut = {}
    for qid, ranking in run.items():
        tail = ranking[k:]
        rnd.shuffle(tail)
        cut[qid] = ranking[:k] + tail[:rnd.randint(0, len(tail))]
    measures = [f"AP@{k}", f"R@{k}", f"nDCG@{k}"]
    assert flat(score_run(measures, qrels, run)) == pytest.approx(flat(score_run(measures, qrels, cut)))


@SETTINGS
@given(queries(), st.randoms(use_true_random=False))
def test_invariant_to_relabelling_ids(data: tuple[dict, dict], rnd: random.Random) -> None:
    qrels, run = data
    docs = sorted({d for rels in qrels.values() for d in rels} | {d for r in run.values() for d in r})
    new_docs = dict(zip(docs, rnd.sample([f"x{i:03d}" for i in range(len(docs))], len(docs))))
    new_qids = dict(zip(qrels, rnd.sample([f"query-{i}" for i in range(len(qrels))], len(qrels))))
    qrels2 = {new_qids[q]: {new_docs[d]: g for d, g in rels.items()} for q, rels in qrels.items()}
    run2 = {new_qids[q]: [new_docs[d] for d in ranking] for q, ranking in run.items()}
    before, after = score_run(MEASURES, qrels, run), score_run(MEASURES, qrels2, run2)
    for measure in MEASURES:
        assert {new_qids[q]: v for q, v in before[measure].items()} == pytest.approx(after[measure])


def _ir_measures(measure, qrels: dict, run: dict) -> dict[str, float]:
    scored = {qid: {doc: float(len(ranking) - i) for i, doc in enumerate(ranking)}
              for qid, ranking in run.items() if ranking}
    return {m.query_id: m.value for m in ir_measures.iter_calc([measure], qrels, scored)}


@SETTINGS
@given(queries(), st.sampled_from(CUTOFFS))
def test_recall_and_ndcg_agree_with_ir_measures(data: tuple[dict, dict], k: int) -> None:
    qrels, run = data
    ours = score_run([f"R@{k}", f"nDCG@{k}"], qrels, run)
    for spelling, measure in ((f"R@{k}", ir_measures.R @ k), (f"nDCG@{k}", ir_measures.nDCG @ k)):
        theirs = _ir_measures(measure, qrels, run)
        assume(theirs)
        for qid, value in theirs.items():
            assert ours[spelling][qid] == pytest.approx(value, abs=1e-9), (spelling, qid)


@SETTINGS
@given(queries(), st.sampled_from(CUTOFFS))
def test_xtreme_ap_against_ir_measures(data: tuple[dict, dict], k: int) -> None:
    """ours * min(|R|, k) == theirs * |R|; equal when |R| <= k, ours larger by |R| / k otherwise (if > 0)."""
    qrels, run = data
    ours = score_run([f"AP@{k}"], qrels, run)[f"AP@{k}"]
    theirs = _ir_measures(ir_measures.AP @ k, qrels, run)
    assume(theirs)
    for qid, value in theirs.items():
        n_rel = len(relevant(qrels[qid]))
        assert ours[qid] * min(n_rel, k) == pytest.approx(value * n_rel, abs=1e-9)
        if n_rel <= k:
            assert ours[qid] == pytest.approx(value, abs=1e-9)
        elif value > 0:
            assert ours[qid] == pytest.approx(value * n_rel / k, abs=1e-9) and ours[qid] > value


@SETTINGS
@given(st.integers(1, 25), st.integers(0, 10), st.sampled_from(CUTOFFS))
def test_ideal_ranking(n_rel: int, n_other: int, k: int) -> None:
    rels = {f"r{i}": 1 for i in range(n_rel)}
    ranking = [*rels, *(f"o{i}" for i in range(n_other))]
    scores = score_run([f"AP@{k}", f"R@{k}", f"nDCG@{k}"], {"q": rels}, {"q": ranking})
    assert scores[f"AP@{k}"]["q"] == pytest.approx(1.0)
    assert scores[f"nDCG@{k}"]["q"] == pytest.approx(1.0)
    assert scores[f"R@{k}"]["q"] == pytest.approx(min(n_rel, k) / n_rel)
    assert xtreme_ap_at_k(ranking, set(rels), k) == pytest.approx(1.0)


@SETTINGS
@given(queries(graded=False, max_queries=1), st.sampled_from(CUTOFFS), st.data())
def test_promoting_a_relevant_candidate_never_hurts(data: tuple[dict, dict], k: int, draw: st.DataObject) -> None:
    qrels, run = data
    qid, ranking = next(iter(run.items()))
    rels = relevant(qrels[qid])
    swaps = [i for i in range(1, len(ranking)) if ranking[i] in rels and ranking[i - 1] not in rels]
    assume(swaps)
    i = draw.draw(st.sampled_from(swaps))
    better = list(ranking)
    better[i - 1], better[i] = better[i], better[i - 1]
    measures = [f"AP@{k}", f"R@{k}", f"nDCG@{k}"]
    before, after = score_run(measures, qrels, run), score_run(measures, qrels, {qid: better})
    for measure in measures:
        assert after[measure][qid] >= before[measure][qid] - 1e-12, measure


# ----- bias measures ---------------------------------------------------------------------------------------------
@SETTINGS
@given(st.lists(st.integers(1, 10_000), min_size=1, max_size=12), st.integers(0, 1000), st.randoms())
def test_rank_distance(ranks: list[int], shift: int, rnd: random.Random) -> None:
    rd = rank_distance(ranks)
    assert rd >= 0 and rd == max(ranks) - min(ranks)
    assert rank_distance(rnd.sample(ranks, len(ranks))) == rd
    assert rank_distance([r + shift for r in ranks]) == rd
    assert (rd == 0) == (len(set(ranks)) == 1)


@SETTINGS
@given(st.lists(st.sampled_from(LANGS), min_size=1, max_size=40), st.sampled_from(CUTOFFS), st.randoms())
def test_language_shares(ranked: list[str], k: int, rnd: random.Random) -> None:
    shares = language_shares(ranked, k, LANGS)
    assert list(shares) == list(LANGS)
    assert all(0.0 <= s <= 1.0 for s in shares.values())
    assert math.isclose(sum(shares.values()), 1.0)
    top = ranked[:k]
    assert language_shares(rnd.sample(top, len(top)) + ranked[k:], k, LANGS) == pytest.approx(shares)


@SETTINGS
@given(st.dictionaries(st.sampled_from(LANGS), st.lists(st.lists(st.sampled_from(LANGS), min_size=1, max_size=15),
                                                          min_size=1, max_size=5), min_size=1),
       st.sampled_from(CUTOFFS))
def test_language_matrix_rows_sum_to_one(rankings: dict[str, list[list[str]]], k: int) -> None:
    matrix = language_matrix(rankings, k, LANGS)
    assert list(matrix.columns) == list(LANGS) and set(matrix.index) == set(rankings)
    assert ((matrix >= 0) & (matrix <= 1)).all().all()
    assert matrix.sum(axis=1).to_numpy() == pytest.approx([1.0] * len(rankings))


@st.composite
def pooled(draw: st.DrawFn) -> tuple[list[str], list[bool], str]:
    """A pooled ranking (languages, relevance flags) holding at least one relevant other-language candidate."""
    n = draw(st.integers(1, 30))
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=n, max_size=n))
    rel = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    query = draw(st.sampled_from(LANGS))
    i = draw(st.integers(0, n - 1))
    rel[i] = True
    if langs[i] == query:
        langs[i] = next(lang for lang in LANGS if lang != query)
    return langs, rel, query


@SETTINGS
@given(pooled(), st.randoms())
def test_same_language_share_above(case: tuple[list[str], list[bool], str], rnd: random.Random) -> None:
    langs, rel, query = case
    share = same_language_share_above(langs, rel, query)
    assert 0.0 <= share <= 1.0
    first = next(i for i, (lang, r) in enumerate(zip(langs, rel)) if r and lang != query)
    # only the non-relevant candidates above the first other-language answer count, in any order
    above = list(range(first))
    order = rnd.sample(above, len(above))
    langs2 = [langs[i] for i in order] + langs[first:]
    rel2 = [rel[i] for i in order] + rel[first:]
    assert same_language_share_above(langs2, rel2, query) == pytest.approx(share)
    wrong = [lang for lang, r in zip(langs[:first], rel[:first]) if not r]
    assert share == pytest.approx(wrong.count(query) / len(wrong) if wrong else 0.0)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(LANGS), st.integers(1, 500)), min_size=1, max_size=20))
def test_answer_ranks_are_the_best_per_language(relevant_ranks: list[tuple[str, int]]) -> None:
    best = answer_ranks(relevant_ranks)
    assert set(best) == {lang for lang, _ in relevant_ranks}
    for lang, rank in best.items():
        assert rank == min(r for x, r in relevant_ranks if x == lang)


@SETTINGS
@given(st.dictionaries(st.sampled_from(LANGS), st.lists(st.floats(0, 1000), min_size=1, max_size=8), min_size=1))
def test_macro_average_lies_between_the_language_means(values: dict[str, list[float]]) -> None:
    means = [sum(v) / len(v) for v in values.values()]
    assert min(means) - 1e-9 <= macro_average(values) <= max(means) + 1e-9
