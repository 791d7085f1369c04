"""The bias probe on real data and a real (cut) model: index, top-k, answer landing, aggregate bias, projection.

Rankings are checked against a brute-force ranking of the same embeddings (ties by candidate order), and the bias
numbers against :mod:`hybrid_core.bias` applied to that ranking.
"""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core import bias, probe


@pytest.fixture(scope="session")
def encoder(cut_path):
    from hybrid_core.backends import get_encoder

    return get_encoder(str(cut_path), backend="torch", device="cpu")


@pytest.fixture(scope="session")
def demo_pool():
    return probe.load_pool("demo")


@pytest.fixture(scope="session")
def index(encoder, demo_pool):
    return probe.build_index(encoder, demo_pool, candidate_text="sentence")


def brute_force_ranking(index, encoder, text: str) -> np.ndarray:
    scores = index.embeddings @ encoder.encode([text], role="query")[0]
    return np.lexsort((np.arange(len(scores)), -scores))  # best first, ties by candidate order


def test_index_covers_the_pool(index, demo_pool, encoder):
    assert index.size == len(demo_pool.candidates) > 0
    assert index.embeddings.shape == (index.size, encoder.dimension)
    np.testing.assert_allclose(np.linalg.norm(index.embeddings, axis=1), 1.0, atol=1e-4)
    assert set(index.pool_languages) == set(demo_pool.languages)


def test_second_build_reads_the_embedding_cache(encoder, demo_pool, index):
    again = probe.build_index(encoder, demo_pool, candidate_text="sentence")
    assert again.from_cache
    np.testing.assert_allclose(again.embeddings, index.embeddings, atol=1e-6)


def test_ad_hoc_query_returns_top_k_in_score_order(index, encoder):
    hits = probe.probe_query(index, encoder, "Wer hat die Relativitätstheorie entwickelt?", k=7)
    assert list(hits.columns) == list(probe.HIT_COLUMNS)
    assert list(hits["rank"]) == list(range(1, 8))
    assert (np.diff(hits["score"].to_numpy()) <= 1e-6).all()
    assert hits["relevant"].isna().all()  # not a dataset question: relevance unknown
    expected = brute_force_ranking(index, encoder, "Wer hat die Relativitätstheorie entwickelt?")[:7]
    assert list(hits["candidate_id"]) == list(index.candidate_ids[expected])
    shares = probe.language_distribution(hits, languages=index.pool_languages)
    assert shares["count"].sum() == 7 and shares["share"].sum() == pytest.approx(1.0)
    assert list(shares["language"]) == list(index.pool_languages)


def test_a_typed_dataset_question_is_recognised_and_judged(index, encoder, demo_pool):
    question = demo_pool.questions_by_language["de"][0]
    hits = probe.probe_query(index, encoder, question.text, k=index.size)
    relevant = set(demo_pool.relevant(question.id))
    assert hits["relevant"].notna().all()
    assert set(hits.loc[hits["relevant"].astype(bool), "candidate_id"]) == relevant


def test_answer_landing_matches_the_brute_force_ranking(index, encoder, demo_pool):
    question = demo_pool.questions_by_language["en"][3]
    landing = probe.question_landing(index, encoder, question)
    order = brute_force_ranking(index, encoder, question.text)
    rank_of = {index.candidate_ids[row]: position + 1 for position, row in enumerate(order)}
    relevant = demo_pool.relevant(question.id)
    expected = sorted(rank_of[cid] for cid in relevant)
    assert sorted(landing.answers["rank"]) == expected
    assert landing.rank_distance == bias.rank_distance(expected)
    languages = [index.languages[index.row_of[cid]] for cid in relevant]
    assert dict(zip(landing.per_language["language"], landing.per_language["rank"])) == bias.answer_ranks(
        (lang, rank_of[cid]) for lang, cid in zip(languages, relevant))
    ranked_langs = index.languages[order]
    is_relevant = np.isin(index.candidate_ids[order], list(relevant))
    assert landing.same_language_above == pytest.approx(
        bias.same_language_share_above(ranked_langs, is_relevant, question.language))


def test_aggregate_bias_rows_sum_to_one_and_rd_matches_landing(index, encoder, demo_pool):
    result = probe.aggregate_bias(index, encoder, k=5, per_language=4, languages=["de", "en", "zh"])
    assert result.questions == 12
    assert list(result.share_matrix.index) == ["de", "en", "zh"]
    np.testing.assert_allclose(result.share_matrix.sum(axis=1), 1.0)
    row = result.rank_distances.iloc[0]
    question = index.question(row["qid"], row["query_lang"])
    assert row["value"] == probe.question_landing(index, encoder, question).rank_distance


def test_sample_questions_keeps_the_same_ids_across_languages(demo_pool):
    sample = probe.sample_questions(demo_pool, per_language=3, languages=["de", "en"], seed=1)
    de = [q.id for q in sample if q.language == "de"]
    en = [q.id for q in sample if q.language == "en"]
    assert len(de) == len(en) == 3 and de == en
    assert len(probe.sample_questions(demo_pool, per_language=None)) == len(demo_pool.questions)


@pytest.mark.parametrize("method", ["pca", "tsne"])
def test_projection_samples_every_language(index, method):
    points = probe.project_2d(index, method=method, per_language=5, seed=0)
    assert list(points.columns) == ["x", "y", "language", "text", "candidate_id"]
    counts = points["language"].value_counts()
    assert set(counts.index) == set(index.pool_languages) and (counts == 5).all()
    assert np.isfinite(points[["x", "y"]].to_numpy()).all()


def test_refusals_are_messages(index, encoder, tmp_path):
    with pytest.raises(probe.ProbeError, match="type a query"):
        probe.probe_query(index, encoder, "   ")
    with pytest.raises(probe.ProbeError, match="does not exist"):
        probe.check_user_path(str(tmp_path / "missing"))
    with pytest.raises(probe.ProbeError, match="enter a file or folder"):
        probe.check_user_path("")
    with pytest.raises(probe.ProbeError, match="unknown projection"):
        probe.project_2d(index, method="umap")
    with pytest.raises(probe.ProbeError, match="unknown candidate text"):
        probe.pool_texts(index.dataset, "paragraph")
    with pytest.raises(probe.ProbeError, match="k must be at least 1"):
        probe.aggregate_bias(index, encoder, k=0)

    class Other:
        identity, dimension = "another-encoder", encoder.dimension

        def encode(self, texts, *, role, batch_size=64, show_progress=False):
            return np.ones((len(texts), self.dimension), dtype=np.float32)

    with pytest.raises(probe.ProbeError, match="built with encoder"):
        probe.probe_query(index, Other(), "hello")


def test_named_pools(monkeypatch, tmp_path):
    monkeypatch.setenv("HBL_SHARED_DATA", str(tmp_path))  # an empty shared folder: only the demo pool
    assert list(probe.available_pools()) == ["demo"]
    with pytest.raises(probe.ProbeError, match="not on this machine"):
        probe.load_pool("xquad-r")
    with pytest.raises(probe.ProbeError, match="not on this machine"):
        probe.pool_path("xquad-r")
    (tmp_path / "xquad-r").mkdir()
    assert probe.pool_path("xquad-r") == str(tmp_path / "xquad-r")  # a path, as training settings need
    assert probe.pool_path("demo") == "demo" and probe.pool_path(str(tmp_path)) == str(tmp_path.resolve())
    with pytest.raises(probe.ProbeError, match="does not exist"):
        probe.pool_path(str(tmp_path / "missing"))


def test_full_xquad_r_pool_size(shared_data):
    pool = probe.load_pool("xquad-r")
    assert len(pool.candidates) == 13_014 and len(pool.languages) == 11
