"""Centering, hand-computed: two languages offset by constant vectors are realigned exactly."""

from __future__ import annotations

import numpy as np

from hybrid_core.debias import fit_remedy
from hybrid_core.debias.centering import language_means

#: three points with zero mean, in the first two dimensions
BASE = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [-1.0, -1.0, 0.0, 0.0]], dtype=np.float32)
EN_OFFSET = np.array([0.0, 0.0, 1.0, 0.0], dtype=np.float32)
DE_OFFSET = np.array([0.0, 0.0, 0.0, 2.0], dtype=np.float32)


def offset_languages() -> tuple[np.ndarray, list[str]]:
    emb = np.concatenate([BASE + EN_OFFSET, BASE + DE_OFFSET])
    return emb, ["en"] * 3 + ["de"] * 3


def unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_language_means_by_hand() -> None:
    emb, langs = offset_languages()
    stats = language_means(emb, langs)
    assert stats.languages == ("de", "en") and stats.counts == (3, 3)
    np.testing.assert_allclose(stats.table, [DE_OFFSET, EN_OFFSET], atol=1e-7)


def test_offset_languages_are_realigned_exactly(tmp_path) -> None:
    emb, langs = offset_languages()
    fitted = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    out = fitted.transform_candidates(emb, langs)
    np.testing.assert_allclose(out[:3], unit(BASE), atol=1e-6)
    np.testing.assert_allclose(out[3:], out[:3], atol=1e-6)  # the two languages now coincide
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)
    assert out.dtype == np.float32 and out is not emb
    np.testing.assert_array_equal(emb, np.concatenate([BASE + EN_OFFSET, BASE + DE_OFFSET]))  # input untouched
    assert fitted.identity() == {"debias": "centering", "debias_fit": "index", "covered": "de,en", "missing": ""}


def test_queries_are_centred_by_their_own_language(tmp_path) -> None:
    emb, langs = offset_languages()
    fitted = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    queries = np.array([[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, 0.0, 2.0]], dtype=np.float32)
    out = fitted.transform_queries(queries, ["de", "en"])
    np.testing.assert_allclose(out[0], unit(np.array([[0.5, 0.5, 0.0, 0.0]]))[0], atol=1e-6)  # minus the de mean
    np.testing.assert_allclose(out[1], unit(np.array([[0.5, 0.5, -1.0, 2.0]]))[0], atol=1e-6)  # minus the en mean


def test_an_unseen_language_is_left_unchanged_and_reported(tmp_path) -> None:
    emb, langs = offset_languages()
    fitted = fit_remedy("centering", candidate_embeddings=emb, candidate_languages=langs, cache_root=tmp_path)
    other = np.array([[0.2, 0.1, 0.9, 0.3]], dtype=np.float32)
    out = fitted.transform_candidates(np.concatenate([emb[:1], other]), ["en", "ru"])
    assert out[1].tobytes() == other[0].tobytes()
    assert fitted.missing_languages == ("ru",)
    assert fitted.identity()["missing"] == "ru"
