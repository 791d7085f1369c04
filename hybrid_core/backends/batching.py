"""Token-count batching shared by every backend.

sentence-transformers' ``encode`` sorts texts by *character* length before batching; texts of equal
character length can differ a lot in token count (scripts, numbers, rare words), so its batches carry
padding. Here every text is tokenised once, texts are sorted by their real token count, and each batch
is padded only to its own longest member. Results are put back in input order by the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

ROLES: tuple[str, ...] = ("query", "passage")


def check_role(role: str) -> str:
    """Return ``role`` when it is ``"query"`` or ``"passage"``.

    Raises:
        ValueError: any other value (the message lists the valid roles).
    """
    if role not in ROLES:
        raise ValueError(f"unknown text role {role!r}; expected one of {list(ROLES)}")
    return role


def check_batch_size(batch_size: int) -> int:
    """Return ``batch_size`` when it is a positive integer.

    Raises:
        ValueError: zero, negative or not an integer.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    return batch_size


def tokenize(tokenizer, texts: Sequence[str], *, prefix: str, max_length: int) -> list[list[int]]:
    """Token ids of ``prefix + text`` for each text, truncated to ``max_length`` (special tokens included)."""
    if not texts:
        return []
    encoded = tokenizer([prefix + text for text in texts], truncation=True, max_length=max_length, padding=False,
                        return_attention_mask=False, return_token_type_ids=False)
    return [list(ids) for ids in encoded["input_ids"]]


@dataclass(frozen=True)
class Batch:
    """One padded batch: the input positions it holds and its int64 ``input_ids`` / ``attention_mask``."""

    indices: np.ndarray
    input_ids: np.ndarray
    attention_mask: np.ndarray

    @property
    def tokens(self) -> int:
        """Real (non-padding) tokens in the batch."""
        return int(self.attention_mask.sum())


def token_sorted_batches(token_ids: Sequence[Sequence[int]], batch_size: int, pad_id: int) -> Iterator[Batch]:
    """Yield batches of up to ``batch_size`` texts, longest first, each padded to its own longest text.

    The sort is stable, so equal-length texts keep their input order (deterministic batches).
    """
    check_batch_size(batch_size)
    lengths = np.fromiter((len(ids) for ids in token_ids), dtype=np.int64, count=len(token_ids))
    order = np.argsort(-lengths, kind="stable")
    for start in range(0, len(order), batch_size):
        indices = order[start:start + batch_size]
        width = int(lengths[indices].max())
        input_ids = np.full((len(indices), width), pad_id, dtype=np.int64)
        attention_mask = np.zeros((len(indices), width), dtype=np.int64)
        for row, index in enumerate(indices):
            ids = token_ids[index]
            input_ids[row, :len(ids)] = ids
            attention_mask[row, :len(ids)] = 1
        yield Batch(indices, input_ids, attention_mask)


def normalise_rows(embeddings: np.ndarray) -> np.ndarray:
    """float32 copy of ``embeddings`` with every row scaled to unit L2 norm (zero rows stay zero)."""
    embeddings = np.asarray(embeddings, dtype=np.float32)
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    return embeddings / np.maximum(norms, 1e-12)


class TokenBatchedEncoder:
    """What every backend's ``encode`` shares: tokenise once, token-sorted batches, input order, unit rows.

    A subclass sets ``tokenizer``, ``prompts``, ``max_seq_length``, ``dimension``, ``pad_id`` and
    ``backend_name`` and implements :meth:`_encode_batches` (run the batches, fill ``out`` rows).
    """

    tokenizer: object
    prompts: dict[str, str]
    max_seq_length: int
    dimension: int
    pad_id: int
    backend_name: str

    def tokenize(self, texts: Sequence[str], *, role: str) -> list[list[int]]:
        """Token ids (prefix included, truncated to the max length) of each text, as the model sees them."""
        return tokenize(self.tokenizer, texts, prefix=self.prompts[check_role(role)], max_length=self.max_seq_length)

    def encode(self, texts: Sequence[str], *, role: str, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        """Encode ``texts`` (prefix for ``role`` added) into L2-normalised float32 rows, in input order.

        Raises:
            ValueError: unknown ``role`` or a non-positive ``batch_size``.
        """
        from tqdm.auto import tqdm

        check_role(role)
        check_batch_size(batch_size)
        texts = list(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        token_ids = self.tokenize(texts, role=role)
        with tqdm(total=len(texts), disable=not show_progress,
                  desc=f"encode {role}s ({self.backend_name})") as progress:
            self._encode_batches(token_sorted_batches(token_ids, batch_size, self.pad_id), out, role=role,
                                 on_rows=progress.update)
        return normalise_rows(out)

    def _encode_batches(self, batches: Iterator[Batch], out: np.ndarray, *, role: str,
                        on_rows: Callable[[int], object]) -> None:
        """Write each batch's embeddings into ``out[batch.indices]`` and call ``on_rows(len(batch.indices))``."""
        raise NotImplementedError
