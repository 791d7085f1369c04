"""Properties of HybridBatchSampler for random α, batch sizes, world sizes and data shapes (hypothesis).

For every generated example (a synthetic MLQA-like dataset of random size, languages, sentence sharing and
duplicated texts; α in [0, 1]; batch size 1-6; world size 1-3; a seed):

- ``len(sampler)`` equals the number of batches yielded, a multiple of the world size, and every batch is full;
- within a block of W consecutive batches (what the W ranks see at one step) no two pairs share a question id
  or a passage text, and all batches are of one kind (monolingual in one language, or cross-lingual), the
  kind the sampler's plan says;
- α = 0 gives no monolingual batch and α = 1 no cross-lingual one;
- the sequence is deterministic for a seed (a second sampler yields the same batches);
- the realized share of monolingual batches is close to α over many batches. The plan draws the kind of each
  block independently (monolingual iff u < α, u uniform), so over n blocks the share is a mean of n independent
  Bernoulli(α) draws and Hoeffding's inequality gives P(|share - α| >= t) <= 2 exp(-2 n t²) whatever α is. With
  n = 20,000 blocks and t = 0.02 that is 2 exp(-16) < 3e-7 per example, so a false failure is out of reach at
  the examples run here; a sampler whose share is off by 0.02 fails (n = 20,000 is cheap: it reads the plan,
  which the yielded batches are checked to follow above).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hybrid_core.data.pairs import PairTable, build_pairs
from hybrid_core.sampling import HybridBatchSampler

SETTINGS = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
#: the share test reads 20,000 blocks of the plan per example (~0.3 s): fewer examples.
SHARE_SETTINGS = settings(SETTINGS, max_examples=25)
ALL_LANGS = ("ar", "de", "en", "es", "hi", "vi", "zh")
#: blocks read from the plan for the share of monolingual batches, and the tolerance (see the module docstring).
SHARE_BLOCKS = 20_000
SHARE_TOLERANCE = 0.02

ALPHA_GRID = tuple(i / 200 for i in range(201))

_TABLES: dict[tuple, PairTable] = {}


@st.composite
def settings_and_data(draw: st.DrawFn) -> dict:
    extra = draw(st.lists(st.sampled_from([lang for lang in ALL_LANGS if lang != "en"]), min_size=3, max_size=6,
                          unique=True))
    return {
        "num_questions": draw(st.integers(60, 160)),
        "languages": tuple(sorted({"en", *extra})),
        "share_sentences": draw(st.integers(1, 3)),
        "duplicate_texts": draw(st.integers(0, 20)),
        "data_seed": draw(st.integers(0, 3)),
        # a grid over [0, 1] with its endpoints (drawn evenly), and any float (hypothesis' floats cluster near
        # special values such as 0, 1 and tiny numbers)
        "alpha": draw(st.one_of(st.sampled_from(ALPHA_GRID), st.floats(0, 1))),
        "batch_size": draw(st.integers(1, 6)),
        "world_size": draw(st.integers(1, 3)),
        "seed": draw(st.integers(0, 2**32 - 1)),
        "num_batches": draw(st.integers(1, 60)),
    }


def table_for(make_synthetic, case: dict) -> PairTable:
    key = (case["num_questions"], case["languages"], case["share_sentences"], case["duplicate_texts"],
           case["data_seed"])
    if key not in _TABLES:
        _TABLES[key] = build_pairs(make_synthetic(case["num_questions"], seed=case["data_seed"],
                                                  languages=case["languages"], share_sentences=case["share_sentences"],
                                                  duplicate_texts=case["duplicate_texts"]))
    return _TABLES[key]


def sampler_for(table: PairTable, case: dict, **overrides) -> HybridBatchSampler:
    options = {"alpha": case["alpha"], "world_size": case["world_size"], "num_batches": case["num_batches"],
               **overrides}
    return HybridBatchSampler(range(len(table)), case["batch_size"], seed=case["seed"], keys=table.keys(), **options)


def kind_of(table: PairTable, batch: list[int]) -> tuple[str, str | None]:
    """The kind of a batch read from its pairs' languages: ("mono", language), ("cross", None) or ("mixed", None)."""
    qlangs = {table.question_languages[i] for i in batch}
    if all(table.question_languages[i] == table.passage_languages[i] for i in batch) and len(qlangs) == 1:
        return "mono", qlangs.pop()
    if all(table.question_languages[i] != table.passage_languages[i] for i in batch):
        return "cross", None
    return "mixed", None


@SETTINGS
@given(settings_and_data())
def test_batches(make_synthetic, case: dict) -> None:
    table = table_for(make_synthetic, case)
    sampler = sampler_for(table, case)
    batches = list(sampler)
    world, size = case["world_size"], case["batch_size"]
    assert len(batches) == len(sampler)
    assert len(sampler) % world == 0 and len(sampler) >= world
    assert len(sampler) == max(1, case["num_batches"] // world) * world
    assert all(len(batch) == size for batch in batches)

    plan = sampler.plan(0)
    assert len(plan) * world == len(batches)
    for b, block in enumerate(plan):
        members = [i for batch in batches[b * world:(b + 1) * world] for i in batch]
        qids = [table.question_ids[i] for i in members]
        texts = [table.passages[i].strip() for i in members]
        assert len(set(qids)) == len(qids), f"block {b}: a question id twice"
        assert len(set(texts)) == len(texts), f"block {b}: a passage text twice"
        kinds = {kind_of(table, batch) for batch in batches[b * world:(b + 1) * world]}
        assert len(kinds) == 1, f"block {b} mixes kinds {kinds}"
        kind, language = kinds.pop()
        assert kind == block.kind
        if kind == "mono":
            assert language == block.language
    mono = sum(block.kind == "mono" for block in plan)
    if case["alpha"] == 0.0:
        assert mono == 0
    if case["alpha"] == 1.0:
        assert mono == len(plan)
    assert sampler.yielded["mono"] == mono * world and sampler.yielded["cross"] == (len(plan) - mono) * world


@SETTINGS
@given(settings_and_data())
def test_deterministic_for_a_seed(make_synthetic, case: dict) -> None:
    table = table_for(make_synthetic, case)
    first = list(sampler_for(table, case))
    assert list(sampler_for(table, case)) == first


@SHARE_SETTINGS
@given(settings_and_data())
def test_realized_share_is_close_to_alpha(make_synthetic, case: dict) -> None:
    table = table_for(make_synthetic, case)
    sampler = sampler_for(table, case, num_batches=SHARE_BLOCKS * case["world_size"])
    flags = sampler.batch_is_monolingual(0)
    assert len(flags) == SHARE_BLOCKS * case["world_size"]
    share = float(flags.mean())
    assert abs(share - case["alpha"]) < SHARE_TOLERANCE, (share, case["alpha"])
    assert sampler.realized_alpha(len(flags)) == pytest.approx(share)


def test_the_tolerance_is_statistically_safe() -> None:
    """Hoeffding: P(|share - α| >= t) <= 2 exp(-2 n t²), below 1e-6 for the n and t used above."""
    assert 2 * math.exp(-2 * SHARE_BLOCKS * SHARE_TOLERANCE**2) < 1e-6
