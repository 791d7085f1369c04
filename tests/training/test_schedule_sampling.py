"""The sampler under α schedules: per-quarter shares, constants unchanged, determinism, resume, DDP blocks."""

from __future__ import annotations

import numpy as np
import pytest
from accelerate.data_loader import BatchSamplerShard, SkipBatchSampler

from hybrid_core.data.pairs import PairTable, build_pairs
from hybrid_core.data.schema import Candidate, ParallelDataset, Question
from hybrid_core.sampling import HybridBatchSampler, hybrid_sampler_factory
from hybrid_core.schedules import parse_schedule

#: Blocks in the quarter tests: 1,000 blocks per quarter, so a binomial share has a standard deviation of at most
#: 0.016 and the ±0.05 tolerance is > 3 standard deviations (the draws are fixed by the seed: no flakiness either).
N_BLOCKS = 4000
SCHEDULES = ("linear:0-1", "linear:1-0", "step:0-1@0.5", "step:1-0@0.5", "cosine:0-1", "points:0@0,1@0.3,0.2@1")


@pytest.fixture(scope="module")
def table(make_synthetic) -> PairTable:
    return build_pairs(make_synthetic())


def make(table: PairTable, alpha, *, seed: int = 7, num_batches: int = N_BLOCKS, total_blocks: int | None = None,
         **options) -> HybridBatchSampler:
    return HybridBatchSampler(range(len(table)), 16, seed=seed, keys=table.keys(), alpha=alpha,
                              num_batches=num_batches, total_blocks=total_blocks, **options)


def kinds(table: PairTable, batches: list[list[int]]) -> np.ndarray:
    """True for a monolingual batch, read from the pairs' languages."""
    return np.array([all(table.question_languages[i] == table.passage_languages[i] for i in b) for b in batches])


@pytest.mark.parametrize("spec", SCHEDULES)
def test_realized_share_per_quarter_follows_the_schedule(table, spec):
    schedule = parse_schedule(spec)
    sampler = make(table, spec)
    mono = kinds(table, list(sampler))
    assert len(mono) == N_BLOCKS
    for quarter in range(4):
        part = mono[quarter * N_BLOCKS // 4:(quarter + 1) * N_BLOCKS // 4]
        expected = schedule.mean_between(quarter / 4, (quarter + 1) / 4)
        assert abs(part.mean() - expected) <= 0.05, (spec, quarter, part.mean(), expected)
    # the sampler's own per-quarter count agrees with the batches, and so does its overall share
    by_part = sampler.realized_alpha_by_part(N_BLOCKS)
    assert by_part == pytest.approx([mono[q * 1000:(q + 1) * 1000].mean() for q in range(4)])
    assert sampler.realized_alpha(N_BLOCKS) == pytest.approx(mono.mean())
    assert abs(mono.mean() - schedule.mean) <= 0.03


def test_step_schedule_switches_exactly_at_its_position(table):
    mono = make(table, "step:0-1@0.5", num_batches=1000).batch_is_monolingual(0)
    assert not mono[:500].any() and mono[500:].all()


@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.5, 1.0])
def test_a_constant_schedule_is_the_constant_sampler(table, alpha):
    """Same batches and same fingerprint whether α is given as a float, its spelling or a schedule value."""
    reference = make(table, alpha, num_batches=300)
    for same in (str(alpha), parse_schedule(alpha), f"points:{alpha}@0.5"):
        other = make(table, same, num_batches=300, total_blocks=900)
        assert list(other) == list(reference)
        assert other.fingerprint() == reference.fingerprint()


def test_schedules_share_the_constant_draws(table):
    """Where a schedule's α equals a constant's, their blocks have the same kind (shared uniform draws)."""
    step = make(table, "step:0-1@0.5", num_batches=1000).batch_is_monolingual(0)
    ones = make(table, 1.0, num_batches=1000).batch_is_monolingual(0)
    zeros = make(table, 0.0, num_batches=1000).batch_is_monolingual(0)
    assert np.array_equal(step[500:], ones[500:]) and np.array_equal(step[:500], zeros[:500])


def test_positions_count_across_epochs_with_total_blocks(table):
    """Two epochs of 500 blocks in a 1,000-block run: the ramp continues into the second epoch."""
    sampler = make(table, "linear:0-1", num_batches=500, total_blocks=1000)
    first = sampler.block_alphas(0)
    second = sampler.block_alphas(1)
    assert first[0] == pytest.approx(0.0005) and second[-1] == pytest.approx(0.9995)
    assert second[0] == pytest.approx(first[-1] + 0.001)
    shares = sampler.realized_alpha_by_part(1000)
    assert shares[0] < 0.2 and shares[3] > 0.8
    # without total_blocks each epoch is read as the whole run
    per_epoch = make(table, "linear:0-1", num_batches=500)
    assert np.array_equal(per_epoch.block_alphas(1), per_epoch.block_alphas(0))
    assert per_epoch.block_alphas(0)[-1] == pytest.approx(0.999)


def test_same_seed_same_sequence_and_resume_replays_the_rest(table):
    first = make(table, "linear:0-1", seed=5, num_batches=400)
    first.set_epoch(1)
    full = list(first)
    again = make(table, "linear:0-1", seed=5, num_batches=400)
    again.set_epoch(1)
    assert list(again) == full
    restarted = make(table, "linear:0-1", seed=5, num_batches=400)
    restarted.set_epoch(1)
    assert list(SkipBatchSampler(restarted, skip_batches=137)) == full[137:]
    other_seed = make(table, "linear:0-1", seed=6, num_batches=400)
    other_seed.set_epoch(1)
    assert list(other_seed) != full


def test_world_size_2_blocks_keep_one_kind_per_step(table):
    sampler = make(table, "linear:1-0", world_size=2, num_batches=1000)
    rank0, rank1 = [list(BatchSamplerShard(sampler, num_processes=2, process_index=r, split_batches=False,
                                           even_batches=False)) for r in range(2)]
    assert len(rank0) == len(rank1) == 500
    k0, k1 = kinds(table, rank0), kinds(table, rank1)
    assert np.array_equal(k0, k1)
    assert k0[:125].mean() > 0.75 and k0[-125:].mean() < 0.25  # the ramp goes from mono to cross


def test_a_schedule_that_never_asks_for_a_kind_does_not_need_its_pairs():
    """``points:1@0,1@1`` is α = 1 throughout (a constant): no cross-lingual pairs needed; a ramp needs both."""
    questions = [Question(f"q{i}", "en", f"question {i}?") for i in range(100)]
    candidates = [Candidate(f"c{i}", "en", f"sentence {i}.") for i in range(100)]
    data = ParallelDataset("english", questions, candidates, {f"q{i}": {f"c{i}": 1} for i in range(100)})
    keys = build_pairs(data).keys()
    assert len(list(HybridBatchSampler(range(len(keys)), 8, keys=keys, alpha="points:1@0.5", num_batches=10))) == 10
    with pytest.raises(ValueError, match=r"linear:1-0 needs cross-lingual batches"):
        HybridBatchSampler(range(len(keys)), 8, keys=keys, alpha="linear:1-0", num_batches=10)


def test_factory_passes_the_schedule_and_describes_it(table):
    factory = hybrid_sampler_factory(table.keys(), alpha="step:0-1@0.5", total_blocks=300)
    sampler = factory(range(len(table)), 16, seed=3)
    described = sampler.describe()
    assert described["schedule"] == "step:0-1@0.5" and described["alpha"] == 0.5
    assert described["total_blocks"] == 300
    assert "step:0-1@0.5" in repr(factory)


#: Recorded with the sampler before schedules existed (commit c9a38ab): demo training pairs, batch 8, seed 13,
#: 200 batches -> (sampler fingerprint, sha256 of the batch sequence as JSON, first 16 hex digits).
PRE_SCHEDULE = {0.0: ("7570ad1b84678925", "73de48d371007945"), 0.5: ("7f19bdfb358287e5", "7add4fcffe93ca70"),
                1.0: ("57b2cf20103b3ad3", "e2a5b3e12a50656f")}


@pytest.mark.parametrize("alpha", sorted(PRE_SCHEDULE))
def test_constant_alpha_gives_the_batches_of_the_sampler_before_schedules(alpha):
    """The published points were trained before α became a schedule: same fingerprint, same batches."""
    import hashlib
    import json

    from hybrid_core.data import demo_dataset

    table = build_pairs(demo_dataset("train"))
    for given in (alpha, str(alpha), parse_schedule(alpha)):
        sampler = HybridBatchSampler(range(len(table)), 8, keys=table.keys(), alpha=given, seed=13, num_batches=200)
        batches = hashlib.sha256(json.dumps(list(sampler)).encode()).hexdigest()[:16]
        assert (sampler.fingerprint(), batches) == PRE_SCHEDULE[alpha]
