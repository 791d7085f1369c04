"""The encoder interface every inference backend implements (torch, OpenVINO fp32 / int8).

Evaluation, the bias probe and the benchmarks only talk to this protocol, so backends are
interchangeable. Embeddings are L2-normalised float32 arrays, so inner product = cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, runtime_checkable

import numpy as np

TextRole = Literal["query", "passage"]


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into normalised embeddings; knows its own query/passage prefixes.

    Attributes:
        identity: a string that changes whenever the embeddings would change (weights, backend,
            precision, max length, prefixes); it keys the on-disk embedding cache.
        dimension: embedding size.
    """

    identity: str
    dimension: int

    def encode(self, texts: Sequence[str], *, role: TextRole, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        """Encode ``texts`` as queries or passages (the prefix for ``role`` is added here).

        Returns:
            float32 array of shape ``(len(texts), dimension)``, rows L2-normalised.
        """
        ...
