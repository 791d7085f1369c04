"""The hybrid batch sampler: each batch is monolingual with probability α, cross-lingual otherwise.

Method (arXiv 2408.10536, "hybrid batch training"): a dual encoder is fine-tuned with in-batch negatives;
a *monolingual* batch holds pairs whose question and passage are both in one language ℓ, a *cross-lingual*
batch holds pairs whose question and passage languages all differ. α is the share of monolingual batches.

Guarantees of :class:`HybridBatchSampler` (each one tested in ``tests/training/test_sampling.py``):

- the kind of every batch is drawn first: monolingual with probability ``alpha`` (an
  :class:`~hybrid_core.schedules.AlphaSchedule`: a constant, or α varying over training, drawn at the block's
  position in training, see :meth:`HybridBatchSampler.plan`); for a monolingual batch,
  ℓ is drawn uniformly over the training languages (``language_weighting="proportional"``: in proportion to
  their monolingual pairs); in a cross-lingual batch each pair's (question language, passage language) is
  drawn uniformly over the language pairs X != Y that have data (``pair_weighting="proportional"`` for
  proportional; ``cross_mode="single"`` draws one (X, Y) for the whole batch instead);
- no two pairs of a batch share a question id or a passage text: with parallel data the translation of a
  positive (same question id) would otherwise be a false negative;
- deterministic for a seed: the sequence of epoch ``e`` depends only on (seed, e, data, settings). It is
  re-derived in ``__iter__`` from ``numpy.random.SeedSequence((seed, epoch, stream))``, so a restarted
  process replays it exactly and ``set_epoch`` (called by the trainer) gives each epoch its own sequence;
- rank-aware: with accelerate's default sharding of a batch sampler (``BatchSamplerShard``, no
  ``split_batches``) rank r of W gets batches r, r + W, r + 2W, ... of this one sequence, so the sampler
  works in *blocks* of W consecutive batches: one kind (and one ℓ) per block, and no shared question id
  or passage text within the whole block (what ``MultipleNegativesRankingLoss(gather_across_devices=True)``
  sees as one global batch). Every rank therefore trains on the same kind of batch at the same step;
- ``len(sampler)`` is exactly the number of batches yielded (a multiple of W, every batch full). A pool
  (a language, or a language pair) that runs out within an epoch is reshuffled and reused, so α = 1 or
  α = 0 still yields ``len(dataset) // batch_size`` batches per epoch (default).

The sampler plugs into sentence-transformers through its documented extension point, the
``batch_sampler`` training argument (a ``DefaultBatchSampler`` subclass or a callable taking ``dataset,
batch_size, drop_last, valid_label_columns, generator, seed``); :func:`hybrid_sampler_factory` builds such a
callable.

Example:
    >>> from hybrid_core.data import demo_dataset
    >>> from hybrid_core.data.pairs import build_pairs
    >>> table = build_pairs(demo_dataset("train"))
    >>> sampler = HybridBatchSampler(range(len(table)), batch_size=8, keys=table.keys(), alpha=0.3, seed=1)
    >>> batches = list(sampler)
    >>> len(batches) == len(sampler)
    True
"""

from __future__ import annotations

import hashlib
import logging
import numbers
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from sentence_transformers.base.sampler import DefaultBatchSampler

from hybrid_core.data.pairs import PairKeys
from hybrid_core.schedules import AlphaSchedule, parse_schedule

log = logging.getLogger(__name__)

Weighting = Literal["uniform", "proportional"]
CrossMode = Literal["mixed", "single"]
WEIGHTINGS: tuple[str, ...] = ("uniform", "proportional")
CROSS_MODES: tuple[str, ...] = ("mixed", "single")
#: RNG streams derived from (seed, epoch): the plan of batch kinds, and the pairs drawn into batches.
_PLAN_STREAM, _CONTENT_STREAM = 0, 1


def _check_choice(value: str, choices: Sequence[str], where: str) -> str:
    if value not in choices:
        raise ValueError(f"{where} must be one of {', '.join(choices)}, got {value!r}")
    return value


def detect_world_size() -> int:
    """Number of data-parallel processes: torch.distributed if initialised, else ``$WORLD_SIZE``, else 1."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return int(dist.get_world_size())
    env = os.environ.get("WORLD_SIZE", "").strip()
    return int(env) if env.isdigit() and int(env) > 0 else 1


@dataclass(frozen=True)
class BlockPlan:
    """The kind of one block of W batches (one per rank) and, where fixed, its languages."""

    kind: Literal["mono", "cross"]
    language: str | None = None
    language_pair: tuple[str, str] | None = None


class _Pool:
    """The pairs of one language (or language pair) as a queue of shuffled passes; conflicts are deferred."""

    __slots__ = ("indices", "queue", "rng")

    def __init__(self, indices: np.ndarray, rng: np.random.Generator) -> None:
        self.indices = indices
        self.rng = rng
        self.queue: list[int] = []

    def take(self, used_q: set[int], used_p: set[int], qkey: list[int], pkey: list[int]) -> int | None:
        """Pop the first queued pair whose question id and passage text are unused; None if there is none.

        When the queue holds no usable pair and less than a full pass, a fresh shuffled pass is appended
        (pairs skipped for a conflict stay in front, so they are used first by later batches).
        """
        i = 0
        for _ in range(2):
            queue = self.queue
            while i < len(queue):
                idx = queue[i]
                if qkey[idx] not in used_q and pkey[idx] not in used_p:
                    del queue[i]
                    return idx
                i += 1
            if len(queue) >= len(self.indices):
                return None
            queue.extend(self.rng.permutation(self.indices).tolist())
        return None


def _matching(indices: np.ndarray, qkey: np.ndarray, pkey: np.ndarray) -> list[int]:
    """A largest set of pairs of ``indices`` with pairwise distinct question ids and passages, in index order.

    A maximum matching in the bipartite graph question id - passage text (Hopcroft-Karp); where several pairs
    join the same question and passage, the first in ``indices`` stands for them.
    """
    if len(indices) == 0:
        return []
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    _, rows = np.unique(qkey[indices], return_inverse=True)
    _, cols = np.unique(pkey[indices], return_inverse=True)
    edge: dict[tuple[int, int], int] = {}
    for position, (r, c) in enumerate(zip(rows.tolist(), cols.tolist())):
        edge.setdefault((r, c), position)
    keys = list(edge)
    graph = csr_matrix((np.ones(len(keys), dtype=np.int8), ([k[0] for k in keys], [k[1] for k in keys])),
                       shape=(int(rows.max()) + 1, int(cols.max()) + 1))
    matched = maximum_bipartite_matching(graph, perm_type="column")
    positions = sorted(edge[(r, int(c))] for r, c in enumerate(matched.tolist()) if c >= 0)
    return [int(indices[p]) for p in positions]


def _max_distinct(indices: np.ndarray, qkey: np.ndarray, pkey: np.ndarray) -> int:
    """How many pairs of ``indices`` at most can share a batch (distinct question ids and passages)."""
    return len(_matching(indices, qkey, pkey))


class HybridBatchSampler(DefaultBatchSampler):
    """Batches that are monolingual with probability ``alpha`` and cross-lingual otherwise.

    Args:
        dataset: the training dataset (``datasets.Dataset`` of ``query``/``passage``, or any sized object);
            row ``i`` must be pair ``i`` of ``keys``.
        batch_size: pairs per batch (per rank).
        drop_last: accepted for the trainer's interface; every batch is full anyway.
        valid_label_columns: accepted for the trainer's interface (unused).
        generator: accepted for the trainer's interface (unused: the sampler derives its own numpy RNGs from
            ``seed`` and the epoch, so it does not depend on a generator's state).
        seed: the seed of the batch sequence (the trainer passes ``args.seed``).
        keys: :meth:`hybrid_core.data.pairs.PairTable.keys` of the pairs.
        alpha: share of monolingual batches: a number in [0, 1], a schedule spelling (``"linear:0-1"``) or an
            :class:`~hybrid_core.schedules.AlphaSchedule`.
        total_blocks: blocks (of ``world_size`` batches) in the whole training run, so that a schedule is read at
            each block's position in training (``(global block + 0.5) / total_blocks``, epochs counted on); None:
            positions within each epoch. Irrelevant for a constant α.
        languages: restrict the training languages (default: every language of ``keys``).
        language_weighting: how ℓ of a monolingual batch is drawn: ``"uniform"`` (default) or ``"proportional"``
            to its monolingual pairs.
        pair_weighting: how (X, Y) of cross-lingual pairs is drawn: ``"uniform"`` (default) or ``"proportional"``.
        cross_mode: ``"mixed"`` (default: every pair of a cross-lingual batch draws its own (X, Y)) or
            ``"single"`` (one (X, Y) per batch).
        world_size: data-parallel processes (default: detected, see :func:`detect_world_size`).
        num_batches: batches per epoch (default ``len(dataset) // batch_size``), rounded down to a multiple of
            ``world_size`` (at least ``world_size``).

    Raises:
        ValueError: ``alpha`` outside [0, 1]; bad batch size, weighting or mode; ``keys`` not matching the
            dataset; no language that can fill a monolingual batch while ``alpha > 0`` (or no cross-lingual
            pairs while ``alpha < 1``).
    """

    def __init__(
        self,
        dataset: Any,
        batch_size: int,
        drop_last: bool = False,
        valid_label_columns: list[str] | None = None,
        generator: Any = None,
        seed: int = 0,
        *,
        keys: PairKeys,
        alpha: float | str | AlphaSchedule,
        total_blocks: int | None = None,
        languages: Sequence[str] | None = None,
        language_weighting: Weighting = "uniform",
        pair_weighting: Weighting = "uniform",
        cross_mode: CrossMode = "mixed",
        world_size: int | None = None,
        num_batches: int | None = None,
    ) -> None:
        #: how batches are mixed; ``alpha`` is its mean over training (the constant itself for a constant).
        self.schedule = parse_schedule(alpha)
        self.alpha = self.schedule.mean
        if total_blocks is not None and (isinstance(total_blocks, bool) or total_blocks < 1
                                         or not isinstance(total_blocks, numbers.Integral)):
            raise ValueError(f"total_blocks must be a positive integer or None, got {total_blocks!r}")
        self.total_blocks = None if total_blocks is None else int(total_blocks)
        if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
        if not isinstance(keys, PairKeys):
            raise ValueError(f"keys must be PairKeys (PairTable.keys()), got {type(keys).__name__}")
        if len(dataset) != len(keys):
            raise ValueError(f"the dataset has {len(dataset)} rows but keys describe {len(keys)} pairs; "
                             "build both from the same PairTable")
        if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
            raise ValueError(f"seed must be an integer, got {seed!r}")
        super().__init__(dataset, batch_size=int(batch_size), drop_last=bool(drop_last),
                         valid_label_columns=valid_label_columns, generator=generator, seed=int(seed))
        self.language_weighting = _check_choice(language_weighting, WEIGHTINGS, "language_weighting")
        self.pair_weighting = _check_choice(pair_weighting, WEIGHTINGS, "pair_weighting")
        self.cross_mode = _check_choice(cross_mode, CROSS_MODES, "cross_mode")
        world = detect_world_size() if world_size is None else world_size
        if isinstance(world, bool) or not isinstance(world, numbers.Integral) or world < 1:
            raise ValueError(f"world_size must be a positive integer, got {world_size!r}")
        self.world_size = int(world)
        self.block_size = self.batch_size * self.world_size
        if num_batches is not None and (isinstance(num_batches, bool) or not isinstance(num_batches, numbers.Integral)
                                        or num_batches < 1):
            raise ValueError(f"num_batches must be a positive integer or None, got {num_batches!r}")
        wanted = len(dataset) // self.batch_size if num_batches is None else int(num_batches)
        self.num_blocks = max(1, wanted // self.world_size)
        self.keys = keys
        self._qkey = keys.question.tolist()
        self._pkey = keys.passage.tolist()
        all_languages = keys.languages
        if languages is None:
            self.languages = all_languages
        else:
            unknown = [lang for lang in languages if lang not in all_languages]
            if unknown:
                raise ValueError(f"languages {unknown} have no pairs; the pairs' languages are "
                                 f"{', '.join(all_languages)}")
            self.languages = tuple(lang for lang in all_languages if lang in set(languages))
        self._build_pools()
        #: batches yielded so far by kind (``"mono"``/``"cross"``), across epochs and iterators.
        self.yielded: Counter[str] = Counter()
        #: blocks that needed the maximum-matching fill (see :meth:`_fill`).
        self.matching_fills = 0

    # ----- set-up -----------------------------------------------------------------------------------------
    def _build_pools(self) -> None:
        qlang, plang = self.keys.question_language, self.keys.passage_language
        code = {lang: i for i, lang in enumerate(self.keys.languages)}
        mono: dict[str, np.ndarray] = {}
        dropped: list[str] = []
        for lang in self.languages:
            idx = np.flatnonzero((qlang == code[lang]) & (plang == code[lang]))
            if len(idx) == 0:
                continue
            if _max_distinct(idx, self.keys.question, self.keys.passage) < self.block_size:
                dropped.append(f"{lang} ({len(idx)} pairs)")
                continue
            mono[lang] = idx
        cross: dict[tuple[str, str], np.ndarray] = {}
        for x in self.languages:
            for y in self.languages:
                if x == y:
                    continue
                idx = np.flatnonzero((qlang == code[x]) & (plang == code[y]))
                if len(idx) == 0:
                    continue
                if self.cross_mode == "single" and (
                        _max_distinct(idx, self.keys.question, self.keys.passage) < self.block_size):
                    dropped.append(f"{x}->{y} ({len(idx)} pairs)")
                    continue
                cross[(x, y)] = idx
        if dropped:
            log.warning("hybrid sampler: %s cannot fill a block of %d pairs without a repeated question id "
                        "or passage and will not be drawn", ", ".join(dropped), self.block_size)
        needs_mono, needs_cross = self._needs()
        if needs_mono and not mono:
            raise ValueError(f"alpha={self.schedule} needs monolingual batches, but no language has {self.block_size} "
                             f"monolingual pairs with distinct question ids and passages (batch size "
                             f"{self.batch_size} x world size {self.world_size}); lower the batch size or alpha=0")
        if needs_cross and not cross:
            raise ValueError(f"alpha={self.schedule} needs cross-lingual batches, but there are no usable "
                             "cross-lingual pairs (question and passage in different languages); use alpha=1 or "
                             "parallel data")
        if needs_cross and self.cross_mode == "mixed":
            union = np.concatenate(list(cross.values()))
            if _max_distinct(union, self.keys.question, self.keys.passage) < self.block_size:
                raise ValueError(f"the cross-lingual pairs cannot fill a block of {self.block_size} pairs with "
                                 "distinct question ids and passages; lower the batch size")
        self.mono_pools = mono
        self.cross_pools = cross
        self.mono_languages = tuple(mono)
        self.cross_pairs = tuple(cross)
        self._mono_weights = self._weights([len(v) for v in mono.values()], self.language_weighting)
        self._cross_weights = self._weights([len(v) for v in cross.values()], self.pair_weighting)

    def _needs(self) -> tuple[bool, bool]:
        """Whether the schedule can ask for a monolingual / a cross-lingual block at all."""
        if self.schedule.is_constant:
            return self.alpha > 0, self.alpha < 1
        values = self.schedule.values
        return max(values) > 0, min(values) < 1

    def block_alphas(self, epoch: int) -> np.ndarray:
        """α of every block of an epoch: the schedule at each block's position in training."""
        if self.schedule.is_constant:
            return np.full(self.num_blocks, self.alpha)
        if self.total_blocks is None:
            return self.schedule.block_alphas(self.num_blocks)
        return self.schedule.block_alphas(self.num_blocks, first=int(epoch) * self.num_blocks, total=self.total_blocks)

    @staticmethod
    def _weights(sizes: list[int], weighting: str) -> np.ndarray:
        if not sizes:
            return np.zeros(0)
        w = np.ones(len(sizes)) if weighting == "uniform" else np.asarray(sizes, dtype=float)
        return w / w.sum()

    def _rng(self, epoch: int, stream: int) -> np.random.Generator:
        return np.random.default_rng(np.random.SeedSequence((self.seed & 0xFFFFFFFFFFFFFFFF, int(epoch), stream)))

    # ----- the plan -----------------------------------------------------------------------------------------
    def plan(self, epoch: int | None = None) -> list[BlockPlan]:
        """The kind (and fixed languages) of every block of ``world_size`` batches of an epoch.

        Drawn from its own RNG stream, so it is known without building the batches: the kind of block ``b``
        is monolingual iff ``u_b < α_b`` for a uniform ``u_b``, where ``α_b`` is the schedule's α at the block's
        position in training (so runs that differ only in α share their draws: a batch that is monolingual at α is
        monolingual at every α' > α, and a schedule agrees with a constant wherever their α agree).
        """
        epoch = self.epoch if epoch is None else epoch
        rng = self._rng(epoch, _PLAN_STREAM)
        n = self.num_blocks
        u = rng.random(n)
        lang_draw = rng.random(n)
        pair_draw = rng.random(n)
        mono_cum = np.cumsum(self._mono_weights)
        cross_cum = np.cumsum(self._cross_weights)
        alphas = self.block_alphas(epoch)
        blocks = []
        for b in range(n):
            if u[b] < alphas[b]:
                k = min(int(np.searchsorted(mono_cum, lang_draw[b], side="right")), len(mono_cum) - 1)
                blocks.append(BlockPlan("mono", language=self.mono_languages[k]))
            elif self.cross_mode == "single":
                k = min(int(np.searchsorted(cross_cum, pair_draw[b], side="right")), len(cross_cum) - 1)
                blocks.append(BlockPlan("cross", language_pair=self.cross_pairs[k]))
            else:
                blocks.append(BlockPlan("cross"))
        return blocks

    def batch_is_monolingual(self, epoch: int | None = None) -> np.ndarray:
        """One boolean per batch of the epoch (in the order yielded): True for a monolingual batch."""
        kinds = np.array([block.kind == "mono" for block in self.plan(epoch)], dtype=bool)
        return np.repeat(kinds, self.world_size)

    def realized_alpha(self, num_batches: int) -> float | None:
        """Share of monolingual batches among the first ``num_batches`` batches of the run (epoch 0 onwards).

        Batches are counted over all ranks (``global step x gradient accumulation x world size`` after a
        step). None before the first batch.
        """
        if num_batches <= 0:
            return None
        mono = 0
        left = num_batches
        epoch = 0
        while left > 0:
            flags = self.batch_is_monolingual(epoch)
            mono += int(flags[:left].sum())
            left -= min(left, len(flags))
            epoch += 1
        return mono / num_batches

    def realized_alpha_by_part(self, num_batches: int, *, parts: int = 4) -> list[float | None]:
        """Share of monolingual batches in each of ``parts`` equal parts (default quarters) of training so far.

        Training is ``total_blocks x world_size`` batches long (one epoch when ``total_blocks`` is None); part ``i``
        covers its batches ``[i T / parts, (i + 1) T / parts)`` that were consumed among the first ``num_batches``
        (None for a part not reached yet). Compare with :meth:`hybrid_core.schedules.AlphaSchedule.mean_between`.
        """
        total = (self.total_blocks or self.num_blocks) * self.world_size
        flags: list[np.ndarray] = []
        have, epoch = 0, 0
        while have < min(num_batches, total):
            flags.append(self.batch_is_monolingual(epoch))
            have += len(flags[-1])
            epoch += 1
        seen = np.concatenate(flags)[:min(num_batches, total)] if flags else np.zeros(0, dtype=bool)
        out: list[float | None] = []
        for i in range(parts):
            start, end = (i * total) // parts, ((i + 1) * total) // parts
            part = seen[start:min(end, len(seen))]
            out.append(None if len(part) == 0 else float(part.mean()))
        return out

    def fingerprint(self) -> str:
        """A short hash of everything that decides the batch sequence (data keys, settings, seed)."""
        h = hashlib.sha256()
        for array in (self.keys.question, self.keys.passage, self.keys.question_language,
                      self.keys.passage_language):
            h.update(np.ascontiguousarray(array).tobytes())
        # a constant α hashes as the float it always was (runs started before schedules resume); a schedule adds
        # its spelling and the training length its positions are read against
        mixing = self.alpha if self.schedule.is_constant else (str(self.schedule), self.total_blocks)
        h.update(repr((self.keys.languages, self.languages, mixing, self.batch_size, self.world_size,
                       self.num_blocks, self.language_weighting, self.pair_weighting, self.cross_mode,
                       self.seed)).encode())
        return h.hexdigest()[:16]

    def describe(self) -> dict[str, Any]:
        """The sampler's settings and pools, for config.json and logs."""
        return {
            "alpha": self.alpha,
            "schedule": str(self.schedule),
            "total_blocks": self.total_blocks,
            "seed": self.seed,
            "batch_size": self.batch_size,
            "world_size": self.world_size,
            "batches_per_epoch": len(self),
            "language_weighting": self.language_weighting,
            "pair_weighting": self.pair_weighting,
            "cross_mode": self.cross_mode,
            "mono_languages": {lang: len(v) for lang, v in self.mono_pools.items()},
            "cross_language_pairs": {f"{x}-{y}": len(v) for (x, y), v in self.cross_pools.items()},
            "fingerprint": self.fingerprint(),
        }

    # ----- iteration ----------------------------------------------------------------------------------------
    def _fill(self, pools: list[_Pool], weights: np.ndarray, rng: np.random.Generator) -> list[int]:
        """``block_size`` pair indices from ``pools`` without a shared question id or passage text.

        Pairs are taken greedily from the pools' queues (a pool drawn by ``weights`` for every slot). A greedy
        fill can get stuck below the block size when many pairs share questions or passages (it finds a
        maximal, not a maximum, set); then the pairs taken go back to their queues and the block is drawn as
        a maximum matching over a shuffled copy of the pools (possible by construction, see ``_build_pools``).
        """
        used_q: set[int] = set()
        used_p: set[int] = set()
        out: list[int] = []
        taken: list[tuple[_Pool, int]] = []
        available = list(range(len(pools)))
        cum = np.cumsum(weights[available])
        while len(out) < self.block_size:
            if not available:
                for pool, idx in reversed(taken):
                    pool.queue.insert(0, idx)
                return self._fill_by_matching(pools, rng)
            if len(available) == 1:
                k = 0
            else:
                k = min(int(np.searchsorted(cum, rng.random() * cum[-1], side="right")), len(available) - 1)
            pool = pools[available[k]]
            idx = pool.take(used_q, used_p, self._qkey, self._pkey)
            if idx is None:
                del available[k]
                cum = np.cumsum(weights[available]) if available else cum
                continue
            out.append(idx)
            taken.append((pool, idx))
            used_q.add(self._qkey[idx])
            used_p.add(self._pkey[idx])
        return out

    def _fill_by_matching(self, pools: list[_Pool], rng: np.random.Generator) -> list[int]:
        union = rng.permutation(np.concatenate([pool.indices for pool in pools]))
        chosen = _matching(union, self.keys.question, self.keys.passage)
        if len(chosen) < self.block_size:  # excluded by _build_pools; kept as a guard
            raise RuntimeError(f"hybrid sampler: only {len(chosen)} pairs with distinct question ids and passages, "
                               f"need {self.block_size}; lower the batch size")
        block = [int(i) for i in rng.permutation(np.asarray(chosen))[:self.block_size]]
        chosen_set = set(block)
        for pool in pools:
            pool.queue = [i for i in pool.queue if i not in chosen_set]
        self.matching_fills += 1
        return block

    def __iter__(self) -> Iterator[list[int]]:
        epoch = self.epoch
        plan = self.plan(epoch)
        rng = self._rng(epoch, _CONTENT_STREAM)
        mono_pools = {lang: _Pool(idx, rng) for lang, idx in self.mono_pools.items()}
        cross_pools = {pair: _Pool(idx, rng) for pair, idx in self.cross_pools.items()}
        cross_list = list(cross_pools.values())
        one = np.ones(1)
        for block in plan:
            if block.kind == "mono":
                members = self._fill([mono_pools[block.language]], one, rng)
            elif block.language_pair is not None:
                members = self._fill([cross_pools[block.language_pair]], one, rng)
            else:
                members = self._fill(cross_list, self._cross_weights, rng)
            for j in range(self.world_size):
                self.yielded[block.kind] += 1
                yield members[j * self.batch_size:(j + 1) * self.batch_size]

    def __len__(self) -> int:
        return self.num_blocks * self.world_size


class HybridSamplerFactory:
    """A callable for the ``batch_sampler`` training argument that builds a :class:`HybridBatchSampler`.

    The trainer calls it with ``(dataset, batch_size, drop_last, valid_label_columns, generator, seed)``; the
    hybrid settings are bound here. The last sampler built is kept in :attr:`sampler` (not pickled) so
    callbacks can read its plan and realized α.
    """

    def __init__(self, keys: PairKeys, *, alpha: float | str | AlphaSchedule, **options: Any) -> None:
        self.keys = keys
        self.alpha = parse_schedule(alpha)
        self.options = options
        self.sampler: HybridBatchSampler | None = None

    def __call__(self, dataset: Any, batch_size: int, drop_last: bool = False,
                 valid_label_columns: list[str] | None = None, generator: Any = None,
                 seed: int = 0) -> HybridBatchSampler:
        self.sampler = HybridBatchSampler(dataset, batch_size, drop_last, valid_label_columns, generator, seed,
                                          keys=self.keys, alpha=self.alpha, **self.options)
        return self.sampler

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["sampler"] = None
        return state

    def __repr__(self) -> str:
        return f"HybridSamplerFactory(alpha={str(self.alpha)!r}, pairs={len(self.keys)}, options={self.options})"


def hybrid_sampler_factory(keys: PairKeys, *, alpha: float | str | AlphaSchedule,
                           **options: Any) -> Callable[..., HybridBatchSampler]:
    """The ``batch_sampler`` argument for ``SentenceTransformerTrainingArguments`` (see :class:`HybridSamplerFactory`).

    Example:
        >>> from hybrid_core.data import demo_dataset
        >>> from hybrid_core.data.pairs import build_pairs
        >>> keys = build_pairs(demo_dataset("train")).keys()
        >>> factory = hybrid_sampler_factory(keys, alpha=0.5)
        >>> # SentenceTransformerTrainingArguments(output_dir=..., batch_sampler=factory, seed=13)
    """
    return HybridSamplerFactory(keys, alpha=alpha, **options)
