"""Exact inner-product search, returning rankings (candidate indexes, best first).

Embeddings are L2-normalised, so inner product = cosine. Everything is exact (no approximate index), and score
ties are broken by candidate order (lower index first), so rankings are deterministic and equal a stable sort of
the scores.

Two ways to search, for two shapes of task:

- **Top-k in one pool** (:meth:`ExactSearcher.search`): a faiss ``IndexFlatIP`` over the pooled candidates, and
  one per language pool built on demand (MIRACL's per-language corpora, ad-hoc probe queries). Corpora of any
  size; only the top k are kept.
- **Every pool at once** (:meth:`ExactSearcher.scores` + :func:`top_k` + :func:`ranks_of`), for the LAReQA
  protocol: for a batch of queries in X, one exact score matrix against the pooled candidates of all languages
  (a float32 GEMM over the same vectors the faiss index holds: 13,090 x 13,014 scores are ~0.7 GB in float32, so
  a batch of a few hundred queries at a time). The ranking within language pool Y is the pooled ranking restricted
  to Y, so :func:`top_k` over Y's columns gives every (X, Y) pair's top k, the top k over all columns the
  multilingual ranking, and :func:`ranks_of` the pooled rank of any candidate (for rank distance) by counting,
  without sorting 13,014 scores per query (:func:`hybrid_core.measures.pooled_ranks`, re-exported here). (A
  full-depth faiss search sorts them all: ~7x slower on this machine; faiss ``range_search`` returns all scores
  too, but ~8x slower than the GEMM.)

Example:
    >>> import numpy as np
    >>> emb = np.eye(3, dtype=np.float32)
    >>> searcher = ExactSearcher(emb, groups=["en", "de", "en"])
    >>> query = np.array([[0.0, 0.6, 0.8]], dtype=np.float32)
    >>> searcher.search(query).order.tolist()
    [[2, 1, 0]]
    >>> searcher.search(query, k=1, group="en").order.tolist()
    [[2]]
    >>> scores = searcher.scores(query)
    >>> top_k(scores, 1, columns=searcher.members("en")).tolist(), ranks_of(scores, np.array([[0, 1]])).tolist()
    ([[2]], [[3, 2]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hybrid_core.measures.base import pooled_ranks as ranks_of

__all__ = ["ExactSearcher", "Ranking", "ranks_of", "top_k"]


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
        groups: optional group (language) of each candidate, for searches within one pool
            (:meth:`search` with ``group``) and :meth:`members`.
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

    def scores(self, queries: np.ndarray) -> np.ndarray:
        """Exact inner products of each query with every candidate: ``(m, n)`` float32, in candidate order."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self.dimension:
            raise ValueError(f"queries must be (m, {self.dimension}), got shape {queries.shape}")
        return queries @ self.embeddings.T


def top_k(scores: np.ndarray, k: int, *, columns: np.ndarray | None = None) -> np.ndarray:
    """The ``k`` best candidates of each row of a score matrix, best first (ties: lower index first).

    Args:
        scores: ``(m, n)`` scores of m queries for n candidates.
        k: how many to keep (fewer when the pool is smaller).
        columns: restrict to these candidate indexes (a pool), ascending; returned indexes are still indexes of
            the n candidates.

    Returns:
        ``(m, min(k, pool size))`` int64 candidate indexes.
    """
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k!r}")
    if columns is None:
        sub = scores
    else:
        columns = np.asarray(columns, dtype=np.int64)
        contiguous = columns.size > 0 and columns[-1] - columns[0] + 1 == columns.size
        sub = scores[:, columns[0]:columns[-1] + 1] if contiguous else scores[:, columns]  # a view when contiguous
    m, n = sub.shape
    k = min(int(k), n)
    if k == n or m == 0:
        order = np.argsort(-sub, axis=1, kind="stable")[:, :k]
    else:
        part = np.argpartition(sub, n - k, axis=1)[:, n - k:]  # the k largest, in no order
        values = np.take_along_axis(sub, part, axis=1)
        order = np.take_along_axis(part, np.lexsort((part, -values), axis=-1), axis=1)
        cut = values.min(axis=1)
        tied = np.flatnonzero((sub >= cut[:, None]).sum(axis=1) > k)  # a tie at the cut: keep the lowest indexes
        for row in tied:
            order[row] = np.argsort(-sub[row], kind="stable")[:k]
    order = order.astype(np.int64, copy=False)
    return order if columns is None else columns[order]
