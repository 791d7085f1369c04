"""Exact inner-product search with faiss, returning rankings (candidate indexes, best first).

Embeddings are L2-normalised, so inner product = cosine. :class:`ExactSearcher` holds one ``faiss.IndexFlatIP``
over the pooled candidates of every language (and, on demand, one per language pool for per-language tasks such
as MIRACL). Searches are exact; score ties are broken by candidate order (lower index first), so rankings are
deterministic and equal a stable sort of the scores (faiss's own order among equal scores is unspecified).

The LAReQA protocol needs, for a query in X, its ranking within every language pool Y and within the pooled
candidates. One full-depth search per query batch against the pooled index gives all of them:
:func:`split_by_group` extracts the ranking within each pool by a stable partition of the pooled ranking on the
candidates' language, which keeps the pooled order inside each pool. The ranking of a query within pool Y is
exactly its pooled ranking restricted to Y's candidates, so no pair needs its own search.

Example:
    >>> import numpy as np
    >>> emb = np.eye(3, dtype=np.float32)
    >>> searcher = ExactSearcher(emb, groups=["en", "de", "en"])
    >>> searcher.search(np.array([[0.0, 0.6, 0.8]], dtype=np.float32)).order.tolist()
    [[2, 1, 0]]
    >>> searcher.search(np.array([[0.0, 0.6, 0.8]], dtype=np.float32), k=1, group="en").order.tolist()
    [[2]]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Ranking:
    """Rankings of a batch of queries: ``order[i]`` are candidate indexes (into the searcher's embeddings), best
    first, and ``scores[i]`` their inner products."""

    order: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return int(self.order.shape[0])

    @property
    def depth(self) -> int:
        """Number of ranked candidates per query."""
        return int(self.order.shape[1])

    def rank_matrix(self) -> np.ndarray:
        """1-based rank of every candidate for every query (``ranks[i, c]``); needs a full-depth ranking."""
        n = self.depth
        ranks = np.empty_like(self.order, dtype=np.int32)
        positions = np.broadcast_to(np.arange(1, n + 1, dtype=np.int32), self.order.shape)
        np.put_along_axis(ranks, self.order, positions, axis=1)
        return ranks


def _break_ties(scores: np.ndarray, order: np.ndarray) -> None:
    """In place: inside every run of equal scores, order candidates by index (rows are sorted by score)."""
    equal = scores[:, 1:] == scores[:, :-1]
    for row in np.flatnonzero(equal.any(axis=1)):
        flags = equal[row]
        starts = np.flatnonzero(flags & ~np.concatenate(([False], flags[:-1])))
        for start in starts:
            end = start + 1
            while end < flags.size and flags[end]:
                end += 1
            order[row, start:end + 1] = np.sort(order[row, start:end + 1])


class ExactSearcher:
    """Exact inner-product search over fixed candidate embeddings (faiss ``IndexFlatIP``).

    Args:
        embeddings: float32 array ``(n, d)``, rows L2-normalised.
        groups: optional group (language) of each candidate, for searches within one pool and for
            :func:`split_by_group`.
    """

    def __init__(self, embeddings: np.ndarray, *, groups: Sequence[str] | None = None) -> None:
        import faiss

        embeddings = np.ascontiguousarray(embeddings, dtype=np.float32)
        if embeddings.ndim != 2 or embeddings.shape[0] == 0:
            raise ValueError(f"embeddings must be a non-empty (n, d) array, got shape {embeddings.shape}")
        if groups is not None and len(groups) != embeddings.shape[0]:
            raise ValueError(f"{len(groups)} groups for {embeddings.shape[0]} candidates")
        self._faiss = faiss
        self.embeddings = embeddings
        self.size, self.dimension = embeddings.shape
        self.index = faiss.IndexFlatIP(self.dimension)
        self.index.add(embeddings)
        self.groups: tuple[str, ...] = tuple(sorted(set(groups))) if groups is not None else ()
        codes = {g: i for i, g in enumerate(self.groups)}
        self.group_codes = (np.array([codes[g] for g in groups], dtype=np.int16) if groups is not None
                            else np.zeros(self.size, dtype=np.int16))
        self._pools: dict[str, tuple[object, np.ndarray]] = {}

    def members(self, group: str) -> np.ndarray:
        """Indexes of the candidates of ``group``, ascending."""
        if group not in self.groups:
            raise ValueError(f"unknown pool {group!r}; the candidates' groups are {', '.join(self.groups)}")
        return np.flatnonzero(self.group_codes == self.groups.index(group))

    def _pool(self, group: str) -> tuple[object, np.ndarray]:
        if group not in self._pools:
            ids = self.members(group)
            index = self._faiss.IndexFlatIP(self.dimension)
            index.add(self.embeddings[ids])
            self._pools[group] = (index, ids)
        return self._pools[group]

    def search(self, queries: np.ndarray, k: int | None = None, *, group: str | None = None) -> Ranking:
        """Exact top-``k`` of each query (``k=None``: the whole pool), optionally within one group's pool.

        Returns indexes into the full candidate set (also for a group search). Score ties are ordered by
        candidate index, including ties that straddle the cut at ``k``.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self.dimension:
            raise ValueError(f"queries must be (m, {self.dimension}), got shape {queries.shape}")
        index, ids = (self.index, None) if group is None else self._pool(group)
        n = index.ntotal
        k = n if k is None else min(int(k), n)
        if k < 1:
            raise ValueError(f"k must be a positive integer, got {k!r}")
        if len(queries) == 0:
            return Ranking(np.zeros((0, k), dtype=np.int64), np.zeros((0, k), dtype=np.float32))
        wide = min(n, k + 16)
        scores, order = index.search(queries, wide)
        _break_ties(scores, order)
        if wide < n:  # a tie running past the searched depth may hide a lower index: redo those rows in full
            unsure = np.flatnonzero(scores[:, k - 1] == scores[:, wide - 1])
            if unsure.size:
                full_scores, full_order = index.search(queries[unsure], n)
                _break_ties(full_scores, full_order)
                scores[unsure], order[unsure] = full_scores[:, :wide], full_order[:, :wide]
        scores, order = scores[:, :k], order[:, :k]
        if ids is not None:
            order = ids[order]
        return Ranking(np.ascontiguousarray(order), np.ascontiguousarray(scores))

    def search_batches(self, queries: np.ndarray, *, batch_size: int = 512, k: int | None = None
                       ) -> Iterator[tuple[int, Ranking]]:
        """:meth:`search` in batches of queries (bounds memory for full-depth rankings): yields (offset, ranking)."""
        for start in range(0, len(queries), batch_size):
            yield start, self.search(queries[start:start + batch_size], k)


def split_by_group(order: np.ndarray, group_codes: np.ndarray, n_groups: int, k: int | None = None
                   ) -> list[np.ndarray]:
    """Rankings within each group from full-depth pooled rankings.

    Args:
        order: ``(m, n)`` full pooled rankings (every candidate exactly once per row).
        group_codes: group code (0..n_groups-1) of each candidate.
        n_groups: number of groups.
        k: keep the top ``k`` of each group (``None``: all).

    Returns:
        One ``(m, min(k, size_g))`` array per group code: candidate indexes in pooled order.
    """
    if order.ndim != 2 or order.shape[1] != group_codes.shape[0]:
        raise ValueError("split_by_group needs full-depth rankings (every candidate in every row)")
    sizes = np.bincount(group_codes, minlength=n_groups)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    by_group = np.argsort(group_codes[order], axis=1, kind="stable")  # stable: pooled order kept inside a group
    grouped = np.take_along_axis(order, by_group, axis=1)
    out = []
    for g in range(n_groups):
        depth = int(sizes[g]) if k is None else min(int(k), int(sizes[g]))
        out.append(grouped[:, starts[g]:starts[g] + depth])
    return out
