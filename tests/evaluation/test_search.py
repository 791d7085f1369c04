"""Exact search: equals a brute-force stable sort, ties by candidate index, per-pool rankings from the pooled one."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.evaluation.search import ExactSearcher, split_by_group


def integer_embeddings(n: int, d: int, seed: int, *, duplicates: int = 0) -> np.ndarray:
    """Small integer vectors: inner products are exact in float32, so faiss and numpy agree to the bit."""
    rng = np.random.default_rng(seed)
    emb = rng.integers(-4, 5, size=(n, d)).astype(np.float32)
    for i in range(duplicates):  # exact duplicates -> exact score ties
        emb[n - 1 - i] = emb[i]
    return emb


def brute_force(queries: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    scores = queries.astype(np.float64) @ candidates.astype(np.float64).T
    return np.argsort(-scores, axis=1, kind="stable")  # ties: lower candidate index first


def test_full_ranking_equals_stable_brute_force() -> None:
    cands = integer_embeddings(300, 16, 0, duplicates=20)
    queries = integer_embeddings(50, 16, 1)
    ranking = ExactSearcher(cands).search(queries)
    assert ranking.depth == 300
    np.testing.assert_array_equal(ranking.order, brute_force(queries, cands))
    scores = queries @ cands.T
    np.testing.assert_array_equal(ranking.scores, np.take_along_axis(scores, ranking.order, axis=1))


def test_top_k_with_ties_across_the_cut() -> None:
    cands = np.array([[1.0, 0.0]] * 40 + [[2.0, 0.0]], dtype=np.float32)  # 40 equal scores below the best
    searcher = ExactSearcher(cands)
    top = searcher.search(np.array([[1.0, 0.0]], dtype=np.float32), k=3)
    assert top.order.tolist() == [[40, 0, 1]]  # ties resolved by index, also past faiss's searched depth


def test_rank_matrix_is_the_inverse_permutation() -> None:
    cands = integer_embeddings(100, 8, 2, duplicates=5)
    queries = integer_embeddings(7, 8, 3)
    ranking = ExactSearcher(cands).search(queries)
    ranks = ranking.rank_matrix()
    for i in range(len(queries)):
        for position, candidate in enumerate(ranking.order[i], start=1):
            assert ranks[i, candidate] == position


def test_split_by_group_equals_search_within_each_pool() -> None:
    cands = integer_embeddings(240, 12, 4, duplicates=12)
    queries = integer_embeddings(30, 12, 5)
    groups = [("ar", "de", "en", "zh")[i % 4] for i in range(240)]
    searcher = ExactSearcher(cands, groups=groups)
    pooled = searcher.search(queries)
    per_pool = split_by_group(pooled.order, searcher.group_codes, len(searcher.groups), k=20)
    for code, group in enumerate(searcher.groups):
        members = searcher.members(group)
        expected = members[brute_force(queries, cands[members])][:, :20]
        np.testing.assert_array_equal(per_pool[code], expected)
        np.testing.assert_array_equal(searcher.search(queries, k=20, group=group).order, expected)


def test_split_by_group_keeps_small_pools_whole() -> None:
    order = np.array([[3, 0, 2, 1]])
    codes = np.array([0, 1, 0, 0], dtype=np.int16)
    assert [g.tolist() for g in split_by_group(order, codes, 2, k=2)] == [[[3, 0]], [[1]]]
    assert [g.tolist() for g in split_by_group(order, codes, 2)] == [[[3, 0, 2]], [[1]]]
    with pytest.raises(ValueError, match="full-depth"):
        split_by_group(order[:, :2], codes, 2)


def test_batches_equal_one_search() -> None:
    cands = integer_embeddings(80, 8, 6)
    queries = integer_embeddings(25, 8, 7)
    searcher = ExactSearcher(cands)
    whole = searcher.search(queries)
    parts = [r.order for _, r in searcher.search_batches(queries, batch_size=7)]
    np.testing.assert_array_equal(np.concatenate(parts), whole.order)


def test_errors() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        ExactSearcher(np.zeros((0, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="groups for"):
        ExactSearcher(np.eye(3, dtype=np.float32), groups=["en"])
    searcher = ExactSearcher(np.eye(3, dtype=np.float32), groups=["en", "de", "en"])
    with pytest.raises(ValueError, match="queries must be"):
        searcher.search(np.zeros((1, 5), dtype=np.float32))
    with pytest.raises(ValueError, match="unknown pool 'fr'"):
        searcher.search(np.eye(3, dtype=np.float32), k=1, group="fr")
    assert searcher.search(np.zeros((0, 3), dtype=np.float32), k=2).order.shape == (0, 2)
