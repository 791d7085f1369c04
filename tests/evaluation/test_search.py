"""Exact search: equals a brute-force stable sort, ties by candidate index, per-pool rankings from pooled scores."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.evaluation.search import ExactSearcher, ranks_of, top_k


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


def test_ranks_of_equals_positions_in_the_stable_sort() -> None:
    cands = integer_embeddings(150, 6, 2, duplicates=15)
    queries = integer_embeddings(9, 6, 3)
    searcher = ExactSearcher(cands)
    scores = searcher.scores(queries)
    full = brute_force(queries, cands)
    rng = np.random.default_rng(0)
    targets = np.stack([rng.choice(150, 5, replace=False) for _ in range(9)])
    targets[0, 3:] = -1  # padding
    ranks = ranks_of(scores, targets)
    for i in range(9):
        position = {c: p for p, c in enumerate(full[i].tolist(), start=1)}
        assert ranks[i].tolist() == [position[c] if c >= 0 else 0 for c in targets[i].tolist()]


def test_top_k_per_pool_from_pooled_scores() -> None:
    """Every pool's top k taken from one pooled score matrix = a separate search of that pool (faiss and numpy)."""
    cands = integer_embeddings(240, 12, 4, duplicates=12)
    queries = integer_embeddings(30, 12, 5)
    groups = [("ar", "de", "en", "zh")[i % 4] for i in range(240)]
    searcher = ExactSearcher(cands, groups=groups)
    scores = searcher.scores(queries)
    np.testing.assert_array_equal(scores, queries @ cands.T)
    np.testing.assert_array_equal(top_k(scores, 20), brute_force(queries, cands)[:, :20])
    for group in searcher.groups:
        members = searcher.members(group)
        expected = members[brute_force(queries, cands[members])][:, :20]
        np.testing.assert_array_equal(top_k(scores, 20, columns=members), expected)
        np.testing.assert_array_equal(searcher.search(queries, k=20, group=group).order, expected)


def test_top_k_ties_and_small_pools() -> None:
    scores = np.array([[1.0, 3.0, 3.0, 2.0, 3.0], [0.0, 0.0, 0.0, 0.0, 1.0]], dtype=np.float32)
    assert top_k(scores, 2).tolist() == [[1, 2], [4, 0]]  # ties at the cut keep the lower indexes
    assert top_k(scores, 3).tolist() == [[1, 2, 4], [4, 0, 1]]
    assert top_k(scores, 10).tolist() == [[1, 2, 4, 3, 0], [4, 0, 1, 2, 3]]
    assert top_k(scores, 1, columns=np.array([0, 3])).tolist() == [[3], [0]]
    with pytest.raises(ValueError, match="positive"):
        top_k(scores, 0)


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
    with pytest.raises(ValueError, match="queries must be"):
        searcher.scores(np.zeros((2, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="rows for"):
        ranks_of(np.zeros((2, 3)), np.zeros((1, 1), dtype=np.int64))
