"""Training losses by name: in-batch-negatives contrastive losses over (query, passage) pairs.

=================  ================================================================================================
name               loss
=================  ================================================================================================
``mnrl``           ``MultipleNegativesRankingLoss`` (InfoNCE with in-batch negatives); with ``length_chunks > 1``
                   :class:`LengthChunkedMNRL`, the same loss with each column encoded in length-sorted chunks
``cached-mnrl``    ``CachedMultipleNegativesRankingLoss``: the same loss in mini-batches (GradCache), for batches
                   larger than memory allows
=================  ================================================================================================

A new loss is one entry of :data:`LOSS_BUILDERS` (and its name in :data:`hybrid_core.training.config.LOSSES`,
which the CLI and the config validate against). This module imports sentence-transformers, so
:mod:`hybrid_core.training.config` does not import it (the CLI's ``--help`` stays fast).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import torch
from sentence_transformers.sentence_transformer.losses import (
    CachedMultipleNegativesRankingLoss,
    MultipleNegativesRankingLoss,
)

from hybrid_core.training.config import LOSSES

if TYPE_CHECKING:
    from hybrid_core.training.config import TrainConfig


def chunked_embeddings(model: Any, features: dict[str, Any], chunks: int) -> torch.Tensor:
    """Sentence embeddings of one tokenised column, computed in ``chunks`` length-sorted pieces.

    Rows are sorted by their token count, cut into ``chunks`` pieces, each trimmed to its own longest row and
    encoded separately; the embeddings are put back in the original row order. With mean pooling and an
    attention mask the result equals the padded forward (up to float rounding): only padding work is saved.
    """
    mask = features.get("attention_mask")
    if mask is None or chunks <= 1 or mask.shape[0] < 2 * chunks:
        return model(features)["sentence_embedding"]
    lengths = mask.sum(dim=1)
    order = torch.argsort(lengths, stable=True)
    pieces = []
    for part in torch.tensor_split(order, chunks):
        if len(part) == 0:
            continue
        width = int(lengths[part].max())
        sub = {k: (v[part][:, :width] if v.dim() == 2 and v.shape[1] == mask.shape[1] else v[part])
               for k, v in features.items() if torch.is_tensor(v) and v.dim() >= 1 and v.shape[0] == mask.shape[0]}
        pieces.append(model(sub)["sentence_embedding"])
    embeddings = torch.cat(pieces, dim=0)
    inverse = torch.empty_like(order)
    inverse[order] = torch.arange(len(order), device=order.device)
    return embeddings[inverse]


class LengthChunkedMNRL(MultipleNegativesRankingLoss):
    """MultipleNegativesRankingLoss that encodes each column in length-sorted chunks (same loss, less padding).

    Args:
        model: the SentenceTransformer model.
        chunks: length-sorted pieces per column (see :func:`chunked_embeddings`).
        **kwargs: MultipleNegativesRankingLoss arguments (``scale``, ``gather_across_devices``, ...).
    """

    def __init__(self, model: Any, *, chunks: int = 4, **kwargs: Any) -> None:
        super().__init__(model, **kwargs)
        self.chunks = chunks

    def forward(self, sentence_features: Any, labels: Any) -> torch.Tensor:
        embeddings = [chunked_embeddings(self.model, features, self.chunks) for features in sentence_features]
        return self.compute_loss_from_embeddings(embeddings, labels)

    def get_config_dict(self) -> dict[str, Any]:
        return {**super().get_config_dict(), "length_chunks": self.chunks}


def _mnrl(model: Any, config: TrainConfig) -> torch.nn.Module:
    if config.length_chunks > 1:
        return LengthChunkedMNRL(model, chunks=config.length_chunks, scale=config.scale,
                                 gather_across_devices=config.gather_across_devices)
    return MultipleNegativesRankingLoss(model, scale=config.scale, gather_across_devices=config.gather_across_devices)


def _cached_mnrl(model: Any, config: TrainConfig) -> torch.nn.Module:
    return CachedMultipleNegativesRankingLoss(model, scale=config.scale, mini_batch_size=config.mini_batch_size,
                                              gather_across_devices=config.gather_across_devices)


#: loss name -> builder ``(model, config) -> loss module``.
LOSS_BUILDERS: dict[str, Callable[[Any, TrainConfig], torch.nn.Module]] = {"mnrl": _mnrl, "cached-mnrl": _cached_mnrl}
if set(LOSS_BUILDERS) != set(LOSSES):  # pragma: no cover - a developer adding a loss in one place only
    raise RuntimeError(f"training.losses builds {sorted(LOSS_BUILDERS)} but training.config.LOSSES lists {LOSSES}")


def build_loss(model: Any, config: TrainConfig) -> torch.nn.Module:
    """The loss ``config.loss`` for ``model`` (its name checked by :class:`~hybrid_core.training.TrainConfig`)."""
    return LOSS_BUILDERS[config.loss](model, config)
