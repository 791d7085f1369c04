"""Pooled measures of a batch equal their definitions read from an explicit ranking (the stable sort of the scores).

Random batches with many exact score ties (small integer scores), 1-4 relevant candidates per query in 3 languages,
queries in several languages: the vectorised computations of the registry (what the engine and the probe run) must
give what the pure functions give on ``argsort(-scores, kind="stable")``.
"""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.measures import PooledBatch, padded, parse_measure, pooled_ranks
from hybrid_core.measures.lang_share import language_shares
from hybrid_core.measures.peer import peer
from hybrid_core.measures.pooled_rank import answer_ranks
from hybrid_core.measures.rank_distance import rank_distance
from hybrid_core.measures.same_lang_above import same_language_share_above
from hybrid_core.measures.tlr import target_language_recall

LANGUAGES = ("de", "en", "zh")


def random_batch(seed: int, *, m: int = 40, n: int = 60, depth: int = 10) -> PooledBatch:
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, len(LANGUAGES), size=n)
    scores = rng.integers(0, 8, size=(m, n)).astype(np.float32)  # many exact ties
    targets = padded([np.sort(rng.choice(n, rng.integers(1, 5), replace=False)) for _ in range(m)])
    order = np.argsort(-scores, axis=1, kind="stable")
    return PooledBatch(scores=scores, qids=[f"q{i}" for i in range(m)],
                       query_codes=rng.integers(-1, len(LANGUAGES), size=m), targets=targets, languages=LANGUAGES,
                       codes=codes, top=order[:, :depth])


def explicit(batch: PooledBatch, i: int) -> tuple[np.ndarray, dict[int, int], np.ndarray]:
    """Row i's stable ranking, the rank of each of its relevant candidates, and those candidates."""
    order = np.argsort(-batch.scores[i], kind="stable")
    rank_of = {int(c): position + 1 for position, c in enumerate(order)}
    rel = batch.targets[i][batch.valid[i]]
    return order, rank_of, rel


def cells_of(batch: PooledBatch, spelling: str) -> dict[str, dict[int, float]]:
    measure = parse_measure(spelling)
    return {lang: dict(zip(rows.tolist(), values.tolist()))
            for lang, (rows, values) in measure.info.pooled(batch, measure).items()}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pooled_ranks_are_positions_in_the_stable_sort(seed: int) -> None:
    batch = random_batch(seed)
    ranks = pooled_ranks(batch.scores, batch.targets)
    for i in range(len(batch)):
        _, rank_of, rel = explicit(batch, i)
        assert ranks[i][batch.valid[i]].tolist() == [rank_of[int(c)] for c in rel]
        assert (ranks[i][~batch.valid[i]] == 0).all()
    with pytest.raises(ValueError, match="targets has 2 rows for 40"):
        pooled_ranks(batch.scores, batch.targets[:2])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batch_measures_equal_their_definitions(seed: int) -> None:
    batch = random_batch(seed)
    rd, pooled_rank = cells_of(batch, "RD"), cells_of(batch, "PooledRank")
    shares, same = cells_of(batch, "LangShare@7"), cells_of(batch, "SameLangAbove")
    tlr, peer5 = cells_of(batch, "TLR@5"), cells_of(batch, "PEER@5")
    for i in range(len(batch)):
        order, rank_of, rel = explicit(batch, i)
        ranked_langs = [LANGUAGES[c] for c in batch.codes[order]]
        query = LANGUAGES[batch.query_codes[i]] if batch.query_codes[i] >= 0 else "xx"
        rel_langs = {int(c): LANGUAGES[batch.codes[c]] for c in rel}
        assert rd["all"][i] == rank_distance([rank_of[c] for c in rel_langs])
        expected = answer_ranks((lang, rank_of[c]) for c, lang in rel_langs.items())
        assert {lang: cell[i] for lang, cell in pooled_rank.items() if i in cell} == expected
        assert {lang: cell[i] for lang, cell in shares.items()} == language_shares(ranked_langs, 7, LANGUAGES)
        relevant = np.isin(order, rel)
        if any(lang != query for lang in rel_langs.values()):
            assert same["all"][i] == pytest.approx(same_language_share_above(ranked_langs, relevant, query))
        else:
            assert i not in same["all"]
        expected_tlr = target_language_recall([str(c) for c in order], {str(c): lang for c, lang in rel_langs.items()},
                                              query, 5)
        assert tlr["all"].get(i) == expected_tlr
        by_language: dict[str, list[int]] = {}
        for c, lang in rel_langs.items():
            by_language.setdefault(lang, []).append(rank_of[c])
        assert peer5["all"].get(i) == peer(by_language, 5)


def test_a_batch_checks_its_shapes() -> None:
    batch = random_batch(0)
    with pytest.raises(ValueError, match="40 score rows but 39 qids"):
        PooledBatch(scores=batch.scores, qids=batch.qids[:-1], query_codes=batch.query_codes, targets=batch.targets,
                    languages=LANGUAGES, codes=batch.codes, top=batch.top)
    with pytest.raises(ValueError, match="keeps the pooled top 10, not 20"):
        batch.top_k(20)


def test_one_pooled_rank_function_serves_search_bias_engine_and_probe() -> None:
    from hybrid_core import bias, probe
    from hybrid_core.evaluation import engine, search

    assert search.ranks_of is bias.pooled_ranks is pooled_ranks
    assert not hasattr(probe, "_pooled_ranks") and not hasattr(engine, "_bias_of_batch")
