"""Inference backends behind one :class:`~hybrid_core.encoders.Encoder` interface.

``get_encoder(spec, backend=...)`` turns a model spec (see :mod:`hybrid_core.models`) into an encoder.
Every backend adds the model's query/passage prefixes, batches texts by token count and returns
L2-normalised float32 embeddings in input order; its ``identity`` names the model, the backend and the
max length, so embedding caches never mix backends.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hybrid_core.encoders import Encoder

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

#: Backend name -> one-line description.
BACKENDS: dict[str, str] = {
    "torch": "PyTorch fp32 through sentence-transformers' modules, batches sorted by token count (the reference)",
}

#: Aliases accepted by :func:`get_encoder`.
ALIASES: dict[str, str] = {"torch-fp32": "torch", "fp32": "torch"}


def resolve_backend(backend: str) -> str:
    """The canonical backend name for ``backend`` (``"auto"`` resolves to the default backend).

    Raises:
        ValueError: an unknown name (the message lists the valid ones).
    """
    name = ALIASES.get(backend, backend)
    if name == "auto":
        return "torch"
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; expected 'auto' or one of {sorted(BACKENDS)}")
    return name


def get_encoder(spec: str | Path | SentenceTransformer = "e5-small", *, backend: str = "auto", device: str = "auto",
                max_seq_length: int | None = None) -> Encoder:
    """An encoder for a model spec on the chosen backend.

    Args:
        spec: ``"e5-small"`` (embedded default), ``"e5-small-cut"``, a model or run folder, a hub id, or
            (torch only) an already loaded ``SentenceTransformer``.
        backend: ``"auto"`` or one of :data:`BACKENDS`.
        device: ``"auto"``, ``"cpu"``, ``"cuda"``, ...
        max_seq_length: truncate inputs to this many tokens (default: the model's own).

    Raises:
        ValueError: an unknown backend or device.
        hybrid_core.models.ModelNotAvailableError: the spec cannot be resolved.

    Example:
        >>> encoder = get_encoder("e5-small-cut", backend="torch")  # doctest: +SKIP
        >>> encoder.encode(["Wo liegt Berlin?"], role="query").shape  # doctest: +SKIP
        (1, 384)
    """
    name = resolve_backend(backend)
    if name == "torch":
        from hybrid_core.backends.torch_backend import load_torch_encoder

        return load_torch_encoder(spec, device=device, max_seq_length=max_seq_length)
    raise AssertionError(f"backend {name!r} registered but not dispatched")  # pragma: no cover


__all__ = ["ALIASES", "BACKENDS", "get_encoder", "resolve_backend"]
