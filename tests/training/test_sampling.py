"""Properties of HybridBatchSampler over >= 1,000 sampled batches (synthetic, demo and, if present, MLQA-R data)."""

from __future__ import annotations

import math
import pickle
from collections import Counter

import numpy as np
import pytest
from accelerate.data_loader import BatchSamplerShard, SkipBatchSampler

from hybrid_core.data.pairs import PairTable, build_pairs
from hybrid_core.sampling import HybridBatchSampler, hybrid_sampler_factory
from hybrid_core.validation import check_alpha

N_BATCHES = 1000


@pytest.fixture(scope="module")
def table(make_synthetic) -> PairTable:
    return build_pairs(make_synthetic())


def make(table: PairTable, alpha: float, *, batch_size: int = 16, seed: int = 7, num_batches: int = N_BATCHES,
         **options) -> HybridBatchSampler:
    return HybridBatchSampler(range(len(table)), batch_size, seed=seed, keys=table.keys(), alpha=alpha,
                              num_batches=num_batches, **options)


def kind_of(table: PairTable, batch: list[int]) -> str:
    """The kind of a batch read from its pairs' languages (not from the sampler's own bookkeeping)."""
    qlangs = [table.question_languages[i] for i in batch]
    plangs = [table.passage_languages[i] for i in batch]
    if all(x == y for x, y in zip(qlangs, plangs)) and len(set(qlangs)) == 1:
        return "mono"
    if all(x != y for x, y in zip(qlangs, plangs)):
        return "cross"
    return "mixed"


def assert_no_duplicates(table: PairTable, batch: list[int]) -> None:
    qids = [table.question_ids[i] for i in batch]
    texts = [table.passages[i].strip() for i in batch]
    assert len(set(qids)) == len(qids), f"two pairs of one question id in {qids}"
    assert len(set(texts)) == len(texts), "two pairs with one passage text"


# ----- α ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [0.0, 0.3, 1.0])
def test_share_of_monolingual_batches(table, alpha):
    sampler = make(table, alpha)
    batches = list(sampler)
    assert len(batches) == len(sampler) == N_BATCHES
    kinds = Counter(kind_of(table, b) for b in batches)
    assert kinds["mixed"] == 0, "a batch mixes monolingual and cross-lingual pairs"
    share = kinds["mono"] / len(batches)
    if alpha == 0.0:
        assert kinds["mono"] == 0
    elif alpha == 1.0:
        assert kinds["cross"] == 0
    else:
        assert abs(share - alpha) <= 0.04, share
    # the sampler's own count and plan agree with what was read from the batches
    assert sampler.yielded["mono"] == kinds["mono"]
    assert sampler.realized_alpha(len(batches)) == pytest.approx(share)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_alpha_share_holds_for_other_seeds(table, seed):
    batches = list(make(table, 0.3, seed=seed))
    share = sum(kind_of(table, b) == "mono" for b in batches) / len(batches)
    assert abs(share - 0.3) <= 0.04, share


def test_alpha_draws_are_shared_across_alphas(table):
    """A batch monolingual at α stays monolingual at α' > α (same u draws): α curves compare like with like."""
    low = make(table, 0.2).batch_is_monolingual(0)
    high = make(table, 0.6).batch_is_monolingual(0)
    assert np.all(high[low])
    assert high.sum() > low.sum()


# ----- batch content ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("options", [{}, {"cross_mode": "single"}, {"language_weighting": "proportional",
                                                                   "pair_weighting": "proportional"}])
def test_no_shared_question_or_passage_in_any_batch(table, options):
    sampler = make(table, 0.5, batch_size=32, **options)
    for batch in sampler:
        assert len(batch) == 32
        assert_no_duplicates(table, batch)


def test_the_synthetic_data_really_has_conflicts(table):
    """The no-duplicates test above could only fail if the data has shared ids/texts: make sure it does."""
    assert len(set(table.question_ids)) < len(table)
    ids_per_text: dict[str, set[str]] = {}
    for text, cid in zip(table.passages, table.candidate_ids):
        ids_per_text.setdefault(text, set()).add(cid)
    assert any(len(ids) > 1 for ids in ids_per_text.values()), "no passage text under two candidate ids"


def test_monolingual_language_uniform_by_default(table):
    sampler = make(table, 1.0)
    langs = Counter(table.question_languages[b[0]] for b in sampler)
    expected = N_BATCHES / len(langs)
    assert len(langs) == 7
    for lang, n in langs.items():  # en has 3x the pairs of the others; uniform ignores that
        assert abs(n - expected) < 4 * math.sqrt(expected), (lang, n)


def test_monolingual_language_proportional_option(table):
    sampler = make(table, 1.0, language_weighting="proportional")
    langs = Counter(table.question_languages[b[0]] for b in sampler)
    mono = Counter(table.question_languages[i] for i in range(len(table)) if table.is_monolingual(i))
    p_en = mono["en"] / sum(mono.values())
    assert abs(langs["en"] / N_BATCHES - p_en) < 4 * math.sqrt(p_en * (1 - p_en) / N_BATCHES)


def test_cross_language_pairs_uniform_by_default(table):
    sampler = make(table, 0.0, num_batches=400)
    pairs = Counter((table.question_languages[i], table.passage_languages[i]) for b in sampler for i in b)
    available = {p for p in table.language_pair_counts() if p[0] != p[1]}
    assert set(pairs) == available
    expected = sum(pairs.values()) / len(available)
    # pools with few pairs are reshuffled and reused, so every language pair gets its uniform share
    for pair, n in pairs.items():
        assert abs(n - expected) < 5 * math.sqrt(expected), (pair, n, expected)


def test_single_cross_mode_uses_one_language_pair_per_batch(table):
    sampler = make(table, 0.0, cross_mode="single", num_batches=300)
    for batch in sampler:
        assert len({(table.question_languages[i], table.passage_languages[i]) for i in batch}) == 1


def test_restricted_languages(table):
    sampler = make(table, 0.5, languages=["de", "en", "es"], num_batches=200)
    for batch in sampler:
        for i in batch:
            assert table.question_languages[i] in {"de", "en", "es"}
            assert table.passage_languages[i] in {"de", "en", "es"}


# ----- determinism and resume -------------------------------------------------------------------------------
def test_same_seed_same_sequence_other_seed_other_sequence(table):
    a = list(make(table, 0.3, seed=11))
    b = list(make(table, 0.3, seed=11))
    c = list(make(table, 0.3, seed=12))
    assert a == b
    assert a != c


def test_set_epoch_reseeds(table):
    first = make(table, 0.3, num_batches=100)
    second = make(table, 0.3, num_batches=100)
    epoch0 = list(first)
    first.set_epoch(1)
    epoch1 = list(first)
    assert epoch0 != epoch1
    second.set_epoch(1)
    assert list(second) == epoch1  # a fresh process at epoch 1 replays epoch 1
    second.set_epoch(0)
    assert list(second) == epoch0


def test_iterating_twice_gives_the_same_epoch(table):
    sampler = make(table, 0.3, num_batches=100)
    assert list(sampler) == list(sampler)


@pytest.mark.parametrize("skip", [1, 137, 999])
def test_resume_mid_epoch_replays_the_rest(table, skip):
    """What the trainer does on resume: a new sampler, set_epoch, and accelerate's SkipBatchSampler."""
    original = make(table, 0.3, seed=5)
    original.set_epoch(2)
    full = list(original)
    restarted = make(table, 0.3, seed=5)
    restarted.set_epoch(2)
    rest = list(SkipBatchSampler(restarted, skip_batches=skip))
    assert rest == full[skip:]


def test_realized_alpha_counts_across_epochs(table):
    sampler = make(table, 0.3, num_batches=50)
    flags = []
    for epoch in range(3):
        sampler.set_epoch(epoch)
        flags += [kind_of(table, b) == "mono" for b in sampler]
    assert sampler.realized_alpha(120) == pytest.approx(sum(flags[:120]) / 120)
    assert sampler.realized_alpha(0) is None


# ----- data parallel ----------------------------------------------------------------------------------------
def shards(sampler: HybridBatchSampler, world: int) -> list[list[list[int]]]:
    """The batches each rank receives under accelerate's default sharding (as the trainer prepares it)."""
    return [list(BatchSamplerShard(sampler, num_processes=world, process_index=r, split_batches=False,
                                   even_batches=False)) for r in range(world)]


@pytest.mark.parametrize("alpha", [0.3, 0.7])
def test_world_size_2_same_kind_per_step_and_full_coverage(table, alpha):
    sampler = make(table, alpha, world_size=2)
    full = list(sampler)
    rank0, rank1 = shards(sampler, 2)
    assert len(rank0) == len(rank1) == len(full) // 2 == N_BATCHES // 2
    mono_steps = 0
    for step, (b0, b1) in enumerate(zip(rank0, rank1)):
        k0, k1 = kind_of(table, b0), kind_of(table, b1)
        assert k0 == k1 != "mixed", f"step {step}: rank 0 {k0}, rank 1 {k1}"
        if k0 == "mono":
            mono_steps += 1
            assert table.question_languages[b0[0]] == table.question_languages[b1[0]]
        # the step's global batch (what gather_across_devices sees) has no shared question id or passage
        assert_no_duplicates(table, b0 + b1)
    assert abs(mono_steps / len(rank0) - alpha) <= 0.06
    # the ranks split the one sequence: disjoint, and together exactly the full sequence
    interleaved = [b for pair in zip(rank0, rank1) for b in pair]
    assert interleaved == full


def test_plain_sharding_of_an_unaware_sampler_would_mix_kinds(table):
    """The reason for blocks: with world size 1 assumed, two ranks get different kinds at some steps."""
    naive = make(table, 0.5, world_size=1)
    rank0, rank1 = shards(naive, 2)
    assert any(kind_of(table, a) != kind_of(table, b) for a, b in zip(rank0, rank1))


def test_world_size_rounds_the_length_to_whole_blocks(table):
    sampler = make(table, 0.3, world_size=3, num_batches=100)
    assert len(sampler) == 99
    assert len(list(sampler)) == 99


def test_world_size_from_environment(table, monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert make(table, 0.3, num_batches=10).world_size == 2


# ----- length -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("batch_size", [1, 7, 32, 64])
@pytest.mark.parametrize("alpha", [0.0, 1.0, 0.5])
def test_len_is_the_number_of_batches_yielded(table, batch_size, alpha):
    sampler = HybridBatchSampler(range(len(table)), batch_size, keys=table.keys(), alpha=alpha, seed=3)
    batches = list(sampler)
    assert len(batches) == len(sampler) == len(table) // batch_size
    assert all(len(b) == batch_size for b in batches)


# ----- bad arguments ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [-0.01, 1.01, float("nan"), float("inf"), "0.3abc", "linear:0-1.5", None, True])
def test_alpha_outside_unit_interval_is_refused(table, alpha):
    with pytest.raises(ValueError, match=r"alpha"):
        make(table, alpha)
    with pytest.raises(ValueError, match=r"alpha"):
        hybrid_sampler_factory(table.keys(), alpha=alpha)


def test_check_alpha_message_names_the_value():
    with pytest.raises(ValueError, match=r"in \[0, 1\].*1\.5"):
        check_alpha(1.5)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"batch_size": 0}, "batch_size"),
    ({"language_weighting": "even"}, "language_weighting must be one of uniform, proportional"),
    ({"pair_weighting": "x"}, "pair_weighting"),
    ({"cross_mode": "both"}, "cross_mode must be one of mixed, single"),
    ({"world_size": 0}, "world_size"),
    ({"num_batches": 0}, "num_batches"),
    ({"languages": ["fr"]}, "have no pairs"),
    ({"batch_size": 700}, "no language has"),
])
def test_bad_arguments_are_refused(table, kwargs, message):
    options = {"batch_size": 16, **kwargs}
    batch_size = options.pop("batch_size")
    with pytest.raises(ValueError, match=message):
        make(table, 0.5, batch_size=batch_size, **options)


def test_keys_must_match_the_dataset(table):
    with pytest.raises(ValueError, match="rows but keys describe"):
        HybridBatchSampler(range(len(table) - 1), 8, keys=table.keys(), alpha=0.5)


def test_cross_batches_need_parallel_data(make_synthetic):
    mono_only = build_pairs(make_synthetic(100), kinds=["mono"])
    with pytest.raises(ValueError, match="cross-lingual"):
        HybridBatchSampler(range(len(mono_only)), 8, keys=mono_only.keys(), alpha=0.5)
    # alpha=1 needs no cross-lingual pair
    assert len(HybridBatchSampler(range(len(mono_only)), 8, keys=mono_only.keys(), alpha=1.0)) > 0


# ----- the trainer's extension point --------------------------------------------------------------------------
def test_factory_is_what_the_trainer_calls(table):
    from sentence_transformers.base.trainer import BaseTrainer

    factory = hybrid_sampler_factory(table.keys(), alpha=0.4, num_batches=20)

    class Args:
        batch_sampler = factory

    fake = type("T", (), {"args": Args()})()
    sampler = BaseTrainer.get_batch_sampler(fake, table.to_dataset(), batch_size=8, drop_last=False,
                                            valid_label_columns=["label"], generator=None, seed=9)
    assert isinstance(sampler, HybridBatchSampler)
    assert factory.sampler is sampler and sampler.seed == 9 and sampler.alpha == 0.4
    assert pickle.loads(pickle.dumps(factory)).sampler is None  # the trainer pickles its args with checkpoints


# ----- real data ----------------------------------------------------------------------------------------------
def _real_tables() -> list[tuple[str, object]]:
    return [("demo", "demo"), ("mlqa-r", "mlqa-r")]


@pytest.mark.parametrize(("name", "_"), _real_tables())
def test_properties_on_real_data(name, _):
    if name == "demo":
        try:
            from hybrid_core.data import demo_dataset
        except ImportError:
            pytest.skip("hybrid_core.data.demo_dataset is not available yet")
        dataset = demo_dataset("train")
        batch_size = 8
    else:
        from hybrid_core.data import load_dataset, shared_data_dir

        root = shared_data_dir()
        if root is None or not (root / "mlqa-r").is_dir():
            pytest.skip("MLQA-R (../shared/data/mlqa-r) is not present")
        dataset = load_dataset(root / "mlqa-r", format="lareqa")
        batch_size = 32
    real = build_pairs(dataset)
    sampler = HybridBatchSampler(range(len(real)), batch_size, keys=real.keys(), alpha=0.3, seed=1,
                                 num_batches=N_BATCHES)
    batches = list(sampler)
    assert len(batches) == N_BATCHES
    kinds = Counter(kind_of(real, b) for b in batches)
    assert kinds["mixed"] == 0
    assert abs(kinds["mono"] / N_BATCHES - 0.3) <= 0.04
    for batch in batches:
        assert_no_duplicates(real, batch)


def test_greedy_dead_ends_are_filled_by_a_maximum_matching():
    """8 questions x 8 passages, each question relevant to 3 passages: only a perfect matching fills a batch of 8.

    A greedy fill in random order often ends below 8; the sampler must then still yield full, valid batches.
    """
    from hybrid_core.data.schema import Candidate, ParallelDataset, Question

    n = 8
    questions = [Question(f"q{i}", "en", f"question {i}?") for i in range(n)]
    candidates = [Candidate(f"en:{i}", "en", f"sentence {i}.") for i in range(n)]
    qrels = {f"q{i}": {f"en:{i}": 1, f"en:{(i + 1) % n}": 1, f"en:{(i + 3) % n}": 1} for i in range(n)}
    tight = build_pairs(ParallelDataset("tight", questions, candidates, qrels), kinds=["mono"])
    sampler = HybridBatchSampler(range(len(tight)), n, keys=tight.keys(), alpha=1.0, seed=0, num_batches=200)
    batches = list(sampler)
    assert len(batches) == 200
    for batch in batches:
        assert len(batch) == n
        assert_no_duplicates(tight, batch)
    assert sampler.matching_fills > 0, "the greedy fill never got stuck: the test does not exercise the fallback"
    assert list(HybridBatchSampler(range(len(tight)), n, keys=tight.keys(), alpha=1.0, seed=0,
                                   num_batches=200)) == batches
