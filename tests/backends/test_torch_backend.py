"""The torch backend against plain ``SentenceTransformer.encode`` on the cut model."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core.backends import BACKENDS, get_encoder, resolve_backend
from hybrid_core.backends.batching import token_sorted_batches
from hybrid_core.backends.torch_backend import TorchEncoder
from hybrid_core.encoders import Encoder


@pytest.mark.parametrize("role", ["query", "passage"])
def test_matches_sentence_transformers_encode(cut_model, torch_encoder, texts, role):
    ours = torch_encoder.encode(texts, role=role, batch_size=5)
    reference = cut_model.encode(texts, prompt_name=role, normalize_embeddings=True, batch_size=5)
    assert ours.dtype == np.float32
    assert ours.shape == (len(texts), torch_encoder.dimension)
    cosines = (ours * reference).sum(axis=1)
    assert cosines.min() > 0.9999  # row i matches row i: same order as the input
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_prefix_changes_the_embedding(torch_encoder, texts):
    queries = torch_encoder.encode(texts, role="query")
    passages = torch_encoder.encode(texts, role="passage")
    assert ((queries * passages).sum(axis=1) < 0.99999).all()


def test_order_and_batch_size_do_not_matter(torch_encoder, texts):
    rng = np.random.default_rng(0)
    permutation = rng.permutation(len(texts))
    whole = torch_encoder.encode(texts, role="passage", batch_size=64)
    shuffled = torch_encoder.encode([texts[i] for i in permutation], role="passage", batch_size=3)
    np.testing.assert_allclose(shuffled, whole[permutation], atol=2e-5)


def test_long_texts_are_truncated_like_sentence_transformers(cut_model, torch_encoder):
    long_texts = ["word " * 1000, "Ein sehr langer Satz. " * 200, "short"]
    ours = torch_encoder.encode(long_texts, role="passage")
    reference = cut_model.encode(long_texts, prompt_name="passage", normalize_embeddings=True)
    assert (ours * reference).sum(axis=1).min() > 0.9999
    assert max(len(ids) for ids in torch_encoder.tokenize(long_texts, role="passage")) == cut_model.max_seq_length


def test_batches_are_sorted_by_token_count(torch_encoder, texts):
    token_ids = torch_encoder.tokenize(texts, role="passage")
    batches = list(token_sorted_batches(token_ids, 4, torch_encoder.pad_id))
    widths = [batch.input_ids.shape[1] for batch in batches]
    assert widths == sorted(widths, reverse=True)
    assert sorted(np.concatenate([batch.indices for batch in batches]).tolist()) == list(range(len(texts)))
    assert sum(batch.tokens for batch in batches) == sum(len(ids) for ids in token_ids)


def test_empty_input_and_bad_arguments(torch_encoder):
    empty = torch_encoder.encode([], role="query")
    assert empty.shape == (0, torch_encoder.dimension) and empty.dtype == np.float32
    with pytest.raises(ValueError, match="role"):
        torch_encoder.encode(["x"], role="document")
    with pytest.raises(ValueError, match="batch_size"):
        torch_encoder.encode(["x"], role="query", batch_size=0)


def test_identity_names_model_backend_and_length(cut_model, torch_encoder):
    assert isinstance(torch_encoder, Encoder)
    assert torch_encoder.identity.startswith(cut_model.hbl_identity)
    assert torch_encoder.identity.endswith("-torch")
    assert f"len{cut_model.max_seq_length}" in torch_encoder.identity
    shorter = get_encoder("e5-small-cut", backend="torch", device="cpu", max_seq_length=64)
    assert "len64" in shorter.identity and shorter.identity != torch_encoder.identity


def test_get_encoder_accepts_a_loaded_model(cut_model):
    encoder = get_encoder(cut_model, backend="torch")
    assert isinstance(encoder, TorchEncoder) and encoder.model is cut_model


def test_unknown_backend_lists_the_choices():
    with pytest.raises(ValueError, match="torch"):
        get_encoder("e5-small-cut", backend="tensorflow")
    assert resolve_backend("torch-fp32") == "torch"
    assert "torch" in BACKENDS
