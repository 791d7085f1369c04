"""SHIFT, hand-computed: a language offset by a constant vector is realigned exactly with s = 1."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.debias import parse_remedy
from hybrid_core.debias.base import FittedRemedy
from hybrid_core.debias.shift import language_vectors

EN = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
OFFSET = np.array([0.5, -0.25, 2.0], dtype=np.float32)


def fitted(spelling: str, pairs: dict[str, tuple[np.ndarray, np.ndarray]]) -> FittedRemedy:
    remedy = parse_remedy(spelling)
    return FittedRemedy(remedy, remedy.family.estimate(remedy, pairs=pairs), "pairs@test")


def test_language_vectors_are_mean_offsets() -> None:
    stats = language_vectors({"de": (EN + OFFSET, EN), "en": (EN, EN), "ru": (EN * 2, EN)}, source="en")
    assert stats.languages == ("de", "ru") and stats.unchanged == ("en",) and stats.counts == (3, 3)
    np.testing.assert_allclose(stats.table[0], OFFSET, atol=1e-7)
    np.testing.assert_allclose(stats.table[1], EN.mean(axis=0), atol=1e-7)
    assert stats.covered == ("de", "en", "ru")


def test_offset_language_is_realigned_exactly_with_s_1() -> None:
    shift = fitted("shift:1", {"de": (EN + OFFSET, EN)})
    out = shift.transform_candidates(np.concatenate([EN + OFFSET, EN]), ["de"] * 3 + ["en"] * 3)
    np.testing.assert_allclose(out[:3], EN, atol=1e-6)
    assert out[3:].tobytes() == EN.tobytes()  # the source language is untouched, bit for bit


def test_s_scales_the_shift_and_rows_are_renormalised() -> None:
    shift = fitted("shift:0.5", {"de": (EN + OFFSET, EN)})
    out = shift.transform_candidates(EN + OFFSET, ["de"] * 3)
    expected = EN + 0.5 * OFFSET
    np.testing.assert_allclose(out, expected / np.linalg.norm(expected, axis=1, keepdims=True), atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-6)


def test_queries_are_never_transformed() -> None:
    shift = fitted("shift:1", {"de": (EN + OFFSET, EN)})
    queries = EN + OFFSET
    assert shift.transform_queries(queries, ["de"] * 3) is queries


def test_languages_without_a_vector_are_unchanged_and_reported() -> None:
    shift = fitted("shift:1", {"de": (EN + OFFSET, EN)})
    other = np.array([[0.3, 0.4, 0.5]], dtype=np.float32)
    out = shift.transform_candidates(np.concatenate([other, other]), ["th", "de"])
    assert out[0].tobytes() == other[0].tobytes()
    assert not np.allclose(out[1], other[0])
    assert shift.missing_languages == ("th",)
    assert shift.identity() == {"debias": "shift:1,source=en", "debias_fit": "pairs@test", "covered": "de",
                                "missing": "th"}


def test_mismatched_pairs_are_refused() -> None:
    with pytest.raises(ValueError, match="pairs of de: target rows"):
        language_vectors({"de": (EN, EN[:2])}, source="en")
