"""The engine: a hand-computed case fixing every metric, the protocol's query sets, and invariances."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from evalkit import CountingEncoder, TableEncoder, parallel_dataset

from hybrid_core import bias
from hybrid_core.data.schema import Candidate, ParallelDataset, Question
from hybrid_core.evaluation.embedding_cache import encode_cached
from hybrid_core.evaluation.engine import EvalOptions, evaluate, evaluation_summary, language_matrix, save_evaluation
from hybrid_core.evaluation.metrics import score_run
from hybrid_core.evaluation.search import ranks_of
from hybrid_core.evaluation.tasks import candidate_texts
from hybrid_core.measures.same_lang_above import same_language_above
from hybrid_core.results import aggregated, per_query, read_results, summary

L3, L6, L7 = math.log2(3), math.log2(6), math.log2(7)
IDCG2 = 1 + 1 / L3  # two relevant candidates

# Candidates e0 e1 e2 (en) and d0 d1 d2 (de) are the unit vectors of R^6, so a query's score for each is the
# matching entry of its vector: the rankings below are fixed by hand. q1's answers: e0, d0; q2's: e1, d1.
CANDS = ["e0", "e1", "e2", "d0", "d1", "d2"]
QUERY_SCORES = {
    "q1 en": [0.9, 0.5, 0.8, 0.3, 0.6, 0.4],   # pooled: e0 e2 d1 e1 d2 d0
    "q1 de": [0.2, 0.1, 0.3, 0.7, 0.9, 0.5],   # pooled: d1 d0 d2 e2 e0 e1
    "q2 en": [0.1, 0.95, 0.2, 0.3, 0.9, 0.4],  # pooled: e1 d1 d2 d0 e2 e0
    "q2 de": [0.6, 0.5, 0.7, 0.8, 0.4, 0.9],   # pooled: d2 d0 e2 e0 e1 d1
}

# (query language, doc language, metric) -> {qid: value}, all computed by hand from the rankings above.
EXPECTED = {
    # en -> en pool (e0 e2 e1 / e1 e2 e0): both answers first
    ("en", "en", "AP@20"): {"q1": 1.0, "q2": 1.0},
    ("en", "en", "nDCG@10"): {"q1": 1.0, "q2": 1.0},
    # en -> de pool (d1 d2 d0 / d1 d2 d0): q1's answer d0 third
    ("en", "de", "AP@20"): {"q1": 1 / 3, "q2": 1.0},
    ("en", "de", "R@1"): {"q1": 0.0, "q2": 1.0},
    ("en", "de", "R@10"): {"q1": 1.0, "q2": 1.0},
    ("en", "de", "nDCG@10"): {"q1": 0.5, "q2": 1.0},
    # de -> de pool (d1 d0 d2 / d2 d0 d1), de -> en pool (e2 e0 e1 / e2 e0 e1)
    ("de", "de", "AP@20"): {"q1": 0.5, "q2": 1 / 3},
    ("de", "de", "nDCG@10"): {"q1": 1 / L3, "q2": 0.5},
    ("de", "en", "AP@20"): {"q1": 0.5, "q2": 1 / 3},
    ("de", "en", "R@1"): {"q1": 0.0, "q2": 0.0},
    # multilingual: answers of q1-en at 1 and 6: (1/1 + 2/6) / min(2, 20)
    ("en", "all", "AP@20"): {"q1": (1 + 2 / 6) / 2, "q2": 1.0},
    ("en", "all", "AP@1"): {"q1": 1.0, "q2": 1.0},  # divisor min(|R|, k) = 1, not |R| = 2
    ("en", "all", "R@1"): {"q1": 0.5, "q2": 0.5},
    ("en", "all", "R@10"): {"q1": 1.0, "q2": 1.0},
    ("en", "all", "nDCG@10"): {"q1": (1 + 1 / L7) / IDCG2, "q2": 1.0},
    ("de", "all", "AP@20"): {"q1": (1 / 2 + 2 / 5) / 2, "q2": (1 / 5 + 2 / 6) / 2},
    ("de", "all", "AP@1"): {"q1": 0.0, "q2": 0.0},
    ("de", "all", "nDCG@10"): {"q1": (1 / L3 + 1 / L6) / IDCG2, "q2": (1 / L6 + 1 / L7) / IDCG2},
    # bias: rank distance of the two answers in the pooled ranking
    ("en", "all", "RD"): {"q1": 5.0, "q2": 1.0},
    ("de", "all", "RD"): {"q1": 3.0, "q2": 1.0},
    # wrong candidates above the first other-language answer: q1-en e2 d1 e1 d2 (2 en of 4); q2-en none;
    # q1-de d1 d2 e2 (2 de of 3); q2-de d2 d0 e2 e0 (2 de of 4)
    ("en", "all", "SameLangAbove"): {"q1": 0.5, "q2": 0.0},
    ("de", "all", "SameLangAbove"): {"q1": 2 / 3, "q2": 0.5},
    # where each language's answer lands in the pooled ranking
    ("en", "en", "PooledRank"): {"q1": 1.0, "q2": 1.0},
    ("en", "de", "PooledRank"): {"q1": 6.0, "q2": 2.0},
    ("de", "de", "PooledRank"): {"q1": 2.0, "q2": 6.0},
    ("de", "en", "PooledRank"): {"q1": 5.0, "q2": 5.0},
    # top-2 languages: q1-en e0 e2, q2-en e1 d1, q1-de d1 d0, q2-de d2 d0
    ("en", "en", "LangShare@2"): {"q1": 1.0, "q2": 0.5},
    ("en", "de", "LangShare@2"): {"q1": 0.0, "q2": 0.5},
    ("de", "de", "LangShare@2"): {"q1": 1.0, "q2": 1.0},
}


def hand_dataset() -> tuple[ParallelDataset, TableEncoder]:
    questions = [Question(qid, lang, f"{qid} {lang}") for qid in ("q1", "q2") for lang in ("en", "de")]
    candidates = [Candidate(c, "en" if c[0] == "e" else "de", c) for c in CANDS]
    qrels = {"q1": {"e0": 1, "d0": 1}, "q2": {"e1": 1, "d1": 1}}
    vectors = {**{c: np.eye(6)[i] for i, c in enumerate(CANDS)}, **QUERY_SCORES}
    return ParallelDataset("hand", questions, candidates, qrels), TableEncoder(vectors, identity="hand-table")


def value(table: pd.DataFrame, x: str, y: str, metric: str, qid: str = "") -> float:
    rows = table[(table.query_lang == x) & (table.doc_lang == y) & (table.metric == metric) & (table.qid == qid)]
    assert len(rows) == 1, (x, y, metric, qid, len(rows))
    return float(rows["value"].iloc[0])


@pytest.fixture(scope="module")
def hand_table(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    dataset, encoder = hand_dataset()
    return evaluate(encoder, dataset, task="parallel", measures=("AP@20", "AP@1", "R@1", "R@10", "nDCG@10"),
                    candidate_text="sentence", share_k=2, progress=False,
                    cache_root=tmp_path_factory.mktemp("cache"))


def test_every_metric_by_hand(hand_table: pd.DataFrame) -> None:
    for (x, y, metric), per_qid in EXPECTED.items():
        for qid, expected in per_qid.items():
            assert value(hand_table, x, y, metric, qid) == pytest.approx(expected, abs=1e-12), (x, y, metric, qid)
        assert value(hand_table, x, y, metric) == pytest.approx(np.mean(list(per_qid.values())), abs=1e-12)


def test_settings_and_summary(hand_table: pd.DataFrame) -> None:
    settings = summary(hand_table).set_index("metric")
    # mono = mean of the diagonal cells, cross = mean of the off-diagonal cells, multi = macro over X
    assert settings.loc["AP@20", "monolingual"] == pytest.approx((1.0 + (0.5 + 1 / 3) / 2) / 2)
    assert settings.loc["AP@20", "cross-lingual"] == pytest.approx(((1 / 3 + 1) / 2 + (0.5 + 1 / 3) / 2) / 2)
    assert settings.loc["AP@20", "multilingual"] == pytest.approx(((2 / 3 + 1) / 2 + (0.45 + 4 / 15) / 2) / 2)
    assert settings.loc["RD", "multilingual"] == pytest.approx(((5 + 1) / 2 + (3 + 1) / 2) / 2)  # 2.5
    # the "monolingual" LangShare is the same-language share of the top k
    assert settings.loc["LangShare@2", "monolingual"] == pytest.approx((0.75 + 1.0) / 2)
    assert set(hand_table["setting"]) == {"monolingual", "cross-lingual", "multilingual"}
    assert (hand_table.loc[hand_table.doc_lang == "all", "setting"] == "multilingual").all()
    matrix = language_matrix(hand_table, share_k=2)
    assert matrix.loc["en"].to_dict() == {"de": 0.25, "en": 0.75}
    assert np.allclose(matrix.sum(axis=1), 1.0)


def test_table_schema_and_info(hand_table: pd.DataFrame) -> None:
    assert list(hand_table.columns) == ["run", "model", "alpha", "schedule", "seed", "dataset", "debias", "debias_fit",
                                        "setting", "query_lang", "doc_lang", "metric", "value", "qid"]
    assert set(hand_table["run"]) == {"untuned"} and hand_table["alpha"].isna().all()
    assert set(hand_table["seed"]) == {-1} and set(hand_table["dataset"]) == {"hand"}
    info = hand_table.attrs["evaluation"]
    assert info["queries_per_cell"] == {"de|de": 2, "de|en": 2, "de|all": 2, "en|de": 2, "en|en": 2, "en|all": 2}
    assert info["counts"]["questions"] == 4 and info["candidate_text"] == "sentence"
    # per-query rows: every ranking measure in every cell for each question, plus the bias rows (RD and
    # SameLangAbove in (X, all), PooledRank and LangShare@2 in (X, en) and (X, de)) and the fairness rows (TLR@20,
    # PEER@20, PEER@100, MRC@5, MRC@10, MRC@20 in (X, all))
    assert len(per_query(hand_table)) == 5 * 2 * 6 + 2 * 2 * 2 + 2 * 2 * 2 * 2 + 6 * 2 * 2
    assert info["bias_measures"] == ["RD", "PooledRank", "LangShare@2", "SameLangAbove", "TLR@20", "PEER@20",
                                     "PEER@100", "MRC@5", "MRC@10", "MRC@20"]


# Fairness measures of the hand case at small cutoffs, by hand from the pooled rankings above (answers' pooled
# ranks: q1-en e0 1, d0 6; q1-de d0 2, e0 5; q2-en e1 1, d1 2; q2-de d1 6, e1 5).
P_TWO_SINGLETONS = 0.31731050786291115  # Kruskal-Wallis of two groups of one distinct value: H = 1, 1 df
FAIRNESS = {
    # other-language answer in the top k?
    ("en", "TLR@2"): {"q1": 0.0, "q2": 1.0}, ("de", "TLR@2"): {"q1": 0.0, "q2": 0.0},
    ("en", "TLR@5"): {"q1": 0.0, "q2": 1.0}, ("de", "TLR@5"): {"q1": 1.0, "q2": 1.0},
    # ranks capped at k + 1 = 3: q2-de's answers (6, 5) both become 3 and tie: p = 1
    ("en", "PEER@2"): {"q1": P_TWO_SINGLETONS, "q2": P_TWO_SINGLETONS},
    ("de", "PEER@2"): {"q1": P_TWO_SINGLETONS, "q2": 1.0},
    # q1: top 2 of en {e0, e2}, of de {d1, d0}; over e0 e2 d0 d1 en scores .9 .8 .3 .6 and de .2 .3 .7 .9 rank
    # 4 3 1 2 and 1 2 3 4: rho = 1 - 6 * 18 / (4 * 15) = -0.8. q2: {e1, d1} and {d2, d0}; over e1 d0 d1 d2 ranks
    # 4 1 3 2 and 2 3 1 4: rho = 1 - 6 * 16 / 60 = -0.6. One other language each: MRC = 100 * rho.
    ("en", "MRC@2"): {"q1": -80.0, "q2": -60.0}, ("de", "MRC@2"): {"q1": -80.0, "q2": -60.0},
}


def test_fairness_measures_by_hand(tmp_path: Path) -> None:
    dataset, encoder = hand_dataset()
    table = evaluate(encoder, dataset, task="parallel", candidate_text="sentence", progress=False,
                     cache_root=tmp_path, bias_measures=("TLR@2", "TLR@5", "PEER@2", "MRC@2"))
    assert set(table["metric"]) == {"AP@20", "R@1", "R@10", "nDCG@10", "nDCG@20", "TLR@2", "TLR@5", "PEER@2",
                                    "MRC@2"}
    for (x, metric), per_qid in FAIRNESS.items():
        for qid, expected in per_qid.items():
            assert value(table, x, "all", metric, qid) == pytest.approx(expected, abs=1e-12), (x, metric, qid)
        assert value(table, x, "all", metric) == pytest.approx(np.mean(list(per_qid.values())), abs=1e-12)
    fair = table[table.metric.isin(["TLR@2", "PEER@2", "MRC@2"])]
    assert set(fair["setting"]) == {"multilingual"} and set(fair["doc_lang"]) == {"all"}
    assert table.attrs["evaluation"]["bias_measures"] == ["TLR@2", "TLR@5", "PEER@2", "MRC@2"]
    timed = table.attrs["evaluation"]["timings"]["measures_s"]
    assert {"search", "ranking measures", "pooled ranks", "TLR@2", "MRC@2"} <= set(timed)


def test_questions_in_only_one_language(tmp_path: Path) -> None:
    """MLQA-R rule: a pair (X, Y) is scored over the questions that exist in X and have an answer in Y."""
    dataset, encoder = hand_dataset()
    questions = [*dataset.questions, Question("q3", "en", "q3 en")]
    qrels = {**dataset.qrels, "q3": {"e2": 1}}
    vectors = {**encoder.vectors, "q3 en": np.array([0.1, 0.2, 0.9, 0.8, 0.3, 0.4])}
    table = evaluate(TableEncoder(vectors, identity="hand-q3"), ParallelDataset("hand", questions,
                     dataset.candidates, qrels), task="parallel", candidate_text="sentence", progress=False,
                     cache_root=tmp_path)
    info = table.attrs["evaluation"]["queries_per_cell"]
    assert info["en|en"] == 3 and info["en|de"] == 2 and info["en|all"] == 3 and info["de|en"] == 2
    q3 = table[(table.qid == "q3") & (table.metric != "LangShare@10")]  # shares are reported for every language
    assert set(zip(q3.query_lang, q3.doc_lang)) == {("en", "en"), ("en", "all")}
    assert value(table, "en", "all", "RD", "q3") == 0.0  # a single answer
    # no answer in another language: no SameLangAbove, TLR or PEER (one language group); asked in en only: no MRC
    assert not {"SameLangAbove", "TLR@20", "PEER@20", "MRC@10"} & set(q3.metric)
    assert value(table, "en", "en", "AP@20", "q3") == 1.0  # e2 first in the en pool


def test_batched_same_language_share_equals_the_pure_function() -> None:
    """The engine counts on the score matrix; bias.same_language_share_above reads the explicit ranking."""
    rng = np.random.default_rng(3)
    n, m = 60, 40
    codes = rng.integers(0, 3, size=n).astype(np.int16)
    scores = rng.integers(0, 8, size=(m, n)).astype(np.float32)  # many exact ties
    targets = np.full((m, 4), -1, dtype=np.int64)
    for i in range(m):
        rel = rng.choice(n, rng.integers(1, 5), replace=False)
        targets[i, :len(rel)] = rel
    ranks = ranks_of(scores, targets)
    share, defined = same_language_above(scores, targets, ranks, codes, query_codes=1)
    for i in range(m):
        rel = targets[i][targets[i] >= 0]
        order = np.argsort(-scores[i], kind="stable")
        has_other = bool((codes[rel] != 1).any())
        assert defined[i] == has_other
        if has_other:
            expected = bias.same_language_share_above(codes[order], np.isin(order, rel), 1)
            assert share[i] == pytest.approx(expected), i


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="candidate_text"):
        EvalOptions(candidate_text="paragraph")
    with pytest.raises(ValueError, match="language-bias measures"):
        EvalOptions(measures=("RD",))
    with pytest.raises(ValueError, match="bias_measures: AP@20 are ranking measures"):
        EvalOptions(bias_measures=("RD", "AP@20"))
    with pytest.raises(ValueError, match="unknown measure 'MRR'"):
        EvalOptions(bias_measures=("MRR@10",))
    with pytest.raises(ValueError, match="alpha"):
        EvalOptions(alpha=1.5)
    with pytest.raises(ValueError, match="max_questions"):
        EvalOptions(max_questions=0)
    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        EvalOptions(languages=("xx",))
    dataset, encoder = hand_dataset()
    with pytest.raises(ValueError, match=r"languages \['fr'\] are not in dataset 'hand'"):
        evaluate(encoder, dataset, languages=("fr",), progress=False, cache=False)


def test_languages_and_max_questions(tmp_path: Path) -> None:
    dataset, encoder = hand_dataset()
    table = evaluate(encoder, dataset, task="parallel", languages=("de",), max_questions=1,
                     candidate_text="sentence", progress=False, cache_root=tmp_path)
    assert set(table["query_lang"]) == {"de"} and set(table["doc_lang"]) <= {"de", "all"}
    assert set(per_query(table)["qid"]) == {"q1"}
    # within de only, q1-de's pooled ranking is d1 d0 d2: the answer is second
    assert value(table, "de", "all", "AP@20", "q1") == 0.5


def test_save_evaluation_writes_parquet_and_summary(hand_table: pd.DataFrame, tmp_path: Path) -> None:
    parquet, summary_json = save_evaluation(hand_table, tmp_path / "out" / "hand")
    assert parquet.name == "hand.parquet" and summary_json.name == "hand.json"
    back = read_results(parquet)
    pd.testing.assert_frame_equal(back, hand_table.reset_index(drop=True), check_like=False)
    import json

    data = json.loads(summary_json.read_text())
    assert data["summary"]["AP@20"]["multilingual"] == pytest.approx(summary(hand_table).set_index("metric")
                                                                      .loc["AP@20", "multilingual"])
    assert data["LangShare@2"]["en"] == {"de": 0.25, "en": 0.75}
    assert data["main"] == {"metric": "AP@20", "setting": "multilingual", "value": data["summary"]["AP@20"][
        "multilingual"]}
    assert data["encoder"] == "hand-table" and data["rows"] == len(hand_table)
    assert evaluation_summary(hand_table)["dataset"] == "hand"


# ----- invariances with the real (cut) model ---------------------------------------------------------------------
def brute_force_pairs(encoder, dataset: ParallelDataset, mode: str) -> dict[tuple[str, str], dict[str, float]]:
    """AP@20 per (X, Y) and question from a separate numpy ranking of each pair's pool (float64, stable)."""
    q_emb = encode_cached(encoder, [q.text for q in dataset.questions], role="query", progress=False)
    c_emb = encode_cached(encoder, candidate_texts(dataset.candidates, mode), role="passage", progress=False)
    out = {}
    for y in dataset.languages:
        pool = [i for i, c in enumerate(dataset.candidates) if c.language == y]
        for x in dataset.languages:
            rows = [i for i, q in enumerate(dataset.questions) if q.language == x]
            scores = q_emb[rows].astype(np.float64) @ c_emb[pool].astype(np.float64).T
            order = np.argsort(-scores, axis=1, kind="stable")
            qrels, run = {}, {}
            for r, i in enumerate(rows):
                qid = dataset.questions[i].id
                rels = dataset.relevant(qid, y)
                if rels:
                    qrels[qid] = rels
                    run[qid] = [dataset.candidates[pool[j]].id for j in order[r]]
            out[x, y] = score_run(["AP@20", "R@1", "nDCG@10"], qrels, run)
    return out


def test_pooled_search_equals_brute_force_per_pair(cut_encoder, cache_root: Path) -> None:
    dataset = parallel_dataset()
    table = evaluate(cut_encoder, dataset, candidate_text="sentence+context", progress=False, cache_root=cache_root)
    expected = brute_force_pairs(cut_encoder, dataset, "sentence+context")
    rows = per_query(table)
    for (x, y), scores in expected.items():
        for metric, per_qid in scores.items():
            cell = rows[(rows.query_lang == x) & (rows.doc_lang == y) & (rows.metric == metric)]
            assert dict(zip(cell.qid, cell.value)) == pytest.approx(per_qid), (x, y, metric)


def test_cold_and_warm_cache_give_identical_tables(cut_encoder, cache_root: Path) -> None:
    dataset = parallel_dataset()
    cold_encoder = CountingEncoder(cut_encoder)
    cold = evaluate(cold_encoder, dataset, progress=False, cache_root=cache_root)
    # every distinct text encoded exactly once, whatever the number of language pairs
    assert sorted(cold_encoder.encoded) == sorted(
        {q.text for q in dataset.questions} | set(candidate_texts(dataset.candidates, "sentence+context")))
    warm_encoder = CountingEncoder(cut_encoder)
    warm = evaluate(warm_encoder, dataset, progress=False, cache_root=cache_root)
    assert warm_encoder.encoded == []
    pd.testing.assert_frame_equal(cold, warm)


def test_batch_size_does_not_change_metrics(cut_encoder) -> None:
    dataset = parallel_dataset()
    one = evaluate(cut_encoder, dataset, batch_size=1, cache=False, progress=False)
    many = evaluate(cut_encoder, dataset, batch_size=64, cache=False, progress=False)
    a, b = aggregated(one).reset_index(drop=True), aggregated(many).reset_index(drop=True)
    pd.testing.assert_frame_equal(a.drop(columns="value"), b.drop(columns="value"))
    np.testing.assert_allclose(a["value"], b["value"], atol=1e-9)


def test_sentence_and_context_candidates_are_fed_as_documented(cut_encoder, cache_root: Path) -> None:
    dataset = parallel_dataset()
    counting = CountingEncoder(cut_encoder)
    evaluate(counting, dataset, candidate_text="sentence", progress=False, cache_root=cache_root)
    passages = {t for role, texts, _ in counting.calls if role == "passage" for t in texts}
    assert passages == {c.text for c in dataset.candidates}
    counting = CountingEncoder(cut_encoder)
    evaluate(counting, dataset, candidate_text="sentence+context", progress=False, cache_root=cache_root)
    passages = {t for role, texts, _ in counting.calls if role == "passage" for t in texts}
    assert passages == {f"{c.text} {c.context}" for c in dataset.candidates}
