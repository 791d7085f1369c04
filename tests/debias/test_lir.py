"""LIR, hand-computed: the known top direction is removed, an orthogonal one is kept; the SVD is not mean-centred."""

from __future__ import annotations

import numpy as np

from hybrid_core.debias import fit_remedy
from hybrid_core.debias.lir import MAX_DIRECTIONS, language_directions

#: X^T X = diag(50, 2, 0): right-singular vectors e1 (value sqrt 50), then e2
DE = np.array([[5.0, 0.0, 0.0], [-5.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, -1.0, 0.0]], dtype=np.float32)


def test_directions_by_hand() -> None:
    stats = language_directions(DE, ["de"] * 4)
    assert stats.table.shape == (1, 3, MAX_DIRECTIONS)
    first, second = stats.table[0, :, 0], stats.table[0, :, 1]
    np.testing.assert_allclose(np.abs(first), [1.0, 0.0, 0.0], atol=1e-6)
    np.testing.assert_allclose(np.abs(second), [0.0, 1.0, 0.0], atol=1e-6)
    assert not stats.table[0, :, 3:].any()  # a 3-dimensional language has at most 3 directions; the rest are zero


def test_lir_removes_the_known_direction_and_keeps_an_orthogonal_one(tmp_path) -> None:
    fitted = fit_remedy("lir:1", candidate_embeddings=DE, candidate_languages=["de"] * 4, cache_root=tmp_path)
    x = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    out = fitted.transform_candidates(x, ["de", "de"])
    np.testing.assert_allclose(out[0], [0.0, 1 / np.sqrt(2), 1 / np.sqrt(2)], atol=1e-6)
    np.testing.assert_allclose(out[1], [0.0, 0.0, 1.0], atol=1e-6)  # orthogonal to the directions: kept
    two = fitted.with_remedy("lir:2").transform_candidates(x, ["de", "de"])
    np.testing.assert_allclose(two[0], [0.0, 0.0, 1.0], atol=1e-6)  # e1 and e2 removed


def test_queries_of_the_language_are_transformed_others_are_not(tmp_path) -> None:
    fitted = fit_remedy("lir:1", candidate_embeddings=DE, candidate_languages=["de"] * 4, cache_root=tmp_path)
    q = np.array([[0.6, 0.8, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32)
    out = fitted.transform_queries(q, ["de", "fr"])
    np.testing.assert_allclose(out[0], [0.0, 1.0, 0.0], atol=1e-6)
    assert out[1].tobytes() == q[1].tobytes()
    assert fitted.missing_languages == ("fr",)


def test_svd_is_not_mean_centred() -> None:
    # A language whose points share a large common component: the uncentred first direction is that component
    # (e1), while a mean-centred SVD would have found the direction of variation (e2).
    shared = np.array([[10.0, 1.0], [10.0, -1.0]], dtype=np.float32)
    fitted = fit_remedy("lir:1", candidate_embeddings=shared, candidate_languages=["de", "de"], cache=False)
    out = fitted.transform_candidates(shared, ["de", "de"])
    np.testing.assert_allclose(out, [[0.0, 1.0], [0.0, -1.0]], atol=1e-6)


def test_one_fit_serves_every_r(tmp_path) -> None:
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(40, 12)).astype(np.float32)
    langs = ["de"] * 20 + ["en"] * 20
    three = fit_remedy("lir:3", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 1
    five = fit_remedy("lir:5", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 1  # the same statistics file
    np.testing.assert_array_equal(three.statistics.table, five.statistics.table)
    out = five.transform_candidates(emb, langs)
    for g, lang in enumerate(five.statistics.languages):
        rows = out[[i for i, x in enumerate(langs) if x == lang]]
        np.testing.assert_allclose(rows @ five.statistics.table[g, :, :5], 0.0, atol=1e-5)  # no trace of the 5


def test_eigenvectors_of_the_gram_matrix_match_the_svd() -> None:
    rng = np.random.default_rng(3)
    emb = (rng.normal(size=(300, 16)) + 2.0 * rng.normal(size=16)).astype(np.float32)  # a shared component
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    table = language_directions(emb, ["de"] * 300).table[0]
    _, _, vh = np.linalg.svd(emb.astype(np.float64), full_matrices=False)  # the reference's way
    for r in (1, 2, 5, 8):
        ours, reference = table[:, :r], vh[:r].T
        np.testing.assert_allclose(ours @ ours.T, reference @ reference.T, atol=1e-5)  # the same subspace
