"""MRC@k (Yang et al., MRL 2024, as MIMO computes it): hand-computed cases on known score rows, the skipped NaN
correlations and singleton questions, and the batched Spearman correlation against scipy's spearmanr."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

from hybrid_core.measures import MRC, ParallelQueries
from hybrid_core.measures.mrc import spearman_rows


def queries_with_scores(rows: dict[tuple[str, str], list[float]], k: int) -> ParallelQueries:
    """Queries (qid, language) whose score for candidate j is ``rows[...][j]`` (unit-vector candidates)."""
    keys = list(rows)
    scores = np.array([rows[key] for key in keys], dtype=np.float32)
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return ParallelQueries(qids=np.array([q for q, _ in keys], dtype=object),
                           query_langs=np.array([lang for _, lang in keys], dtype=object), top=top,
                           query_embeddings=scores, candidate_embeddings=np.eye(scores.shape[1], dtype=np.float32))


def mrc(rows: dict[tuple[str, str], list[float]], k: int) -> dict[tuple[str, str], float]:
    queries = queries_with_scores(rows, k)
    found, values = MRC.info.parallel(queries, MRC @ k)["all"]
    return {(queries.qids[r], queries.query_langs[r]): v for r, v in zip(found.tolist(), values.tolist())}


ROW = [0.9, 0.7, 0.5, 0.3, 0.1]


def test_identical_rankings_give_100() -> None:
    row = [0.9, 0.5, 0.8, 0.1, 0.3, 0.7]
    assert mrc({("h1", "en"): row, ("h1", "de"): row, ("h1", "fr"): row}, 3) == pytest.approx(
        {("h1", "en"): 100.0, ("h1", "de"): 100.0, ("h1", "fr"): 100.0})


def test_opposite_rankings_give_minus_100() -> None:
    # top 3 of en {0, 1, 2}, of de {4, 3, 2}: the union is all 5, ranked exactly opposite
    assert mrc({("h1", "en"): ROW, ("h1", "de"): ROW[::-1]}, 3) == pytest.approx(
        {("h1", "en"): -100.0, ("h1", "de"): -100.0})


def test_a_query_averages_its_correlations_with_the_other_languages() -> None:
    # en and de agree (+1), fr is opposite to both (-1): en (1 - 1) / 2 = 0, fr (-1 - 1) / 2 = -1
    result = mrc({("h1", "en"): ROW, ("h1", "de"): ROW, ("h1", "fr"): ROW[::-1]}, 3)
    assert result == pytest.approx({("h1", "en"): 0.0, ("h1", "de"): 0.0, ("h1", "fr"): -100.0})


def test_union_of_the_top_k_by_hand() -> None:
    # en top 2 {0, 2}, de top 2 {3, 4}; over 0 2 3 4 en scores .9 .8 .3 .6 and de .2 .3 .7 .9 rank 4 3 1 2 and
    # 1 2 3 4: d = 3 1 -2 -2, rho = 1 - 6 * 18 / (4 * 15) = -0.8 (candidate 1 is in neither top 2: left out)
    en, de = [0.9, 0.5, 0.8, 0.3, 0.6], [0.2, 0.1, 0.3, 0.7, 0.9]
    assert mrc({("q", "en"): en, ("q", "de"): de}, 2) == pytest.approx({("q", "en"): -80.0, ("q", "de"): -80.0})


def test_singletons_and_undefined_correlations_give_no_row() -> None:
    # h2 is asked in one language only; h1-en's scores are constant over the union: its correlation is NaN
    rows = {("h1", "en"): [0.5, 0.5, 0.5, 0.5], ("h1", "de"): [0.9, 0.1, 0.2, 0.3], ("h2", "en"): ROW[:4]}
    assert mrc(rows, 2) == {}
    # with a third language, the defined correlations still count: de-fr only
    rows[("h1", "fr")] = [0.8, 0.1, 0.2, 0.4]
    result = mrc(rows, 2)
    assert set(result) == {("h1", "de"), ("h1", "fr")}
    # de top 2 {0, 3}, fr top 2 {0, 3}: over 0 3 both rank 2 1: +1
    assert result[("h1", "de")] == pytest.approx(100.0) and result[("h1", "fr")] == pytest.approx(100.0)


def test_batched_spearman_equals_scipy() -> None:
    rng = np.random.default_rng(1)
    x = rng.integers(0, 5, size=(400, 12)).astype(np.float32)  # ties
    y = rng.integers(0, 5, size=(400, 12)).astype(np.float32)
    mask = rng.random((400, 12)) < 0.6
    rho = spearman_rows(x, y, mask)
    for i in range(400):
        if mask[i].sum() < 2:
            assert np.isnan(rho[i])
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                expected = spearmanr(x[i][mask[i]], y[i][mask[i]]).statistic
        if np.isnan(expected):
            assert np.isnan(rho[i]), i
        else:
            assert rho[i] == pytest.approx(expected, abs=1e-12), i
