"""Embedding cache: encode each distinct text once, warm reads equal cold results, identities never mix."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import numpy as np
import pytest
from evalkit import CountingEncoder, TableEncoder

from hybrid_core.evaluation import embedding_cache
from hybrid_core.evaluation.embedding_cache import EmbeddingCache, encode_cached, text_key

VECTORS = {t: v for t, v in zip("abcdefgh", np.random.default_rng(0).standard_normal((8, 4)).tolist())}


def encoder(identity: str = "enc-1") -> CountingEncoder:
    return CountingEncoder(TableEncoder(VECTORS, identity=identity))


def test_distinct_texts_encoded_once_and_cached(cache_root: Path) -> None:
    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    texts = ["a", "b", "a", "c", "b"]
    cold = encode_cached(enc, texts, role="passage", cache=cache, progress=False)
    assert sorted(enc.encoded) == ["a", "b", "c"]
    np.testing.assert_array_equal(cold[0], cold[2])
    assert cold.dtype == np.float32 and cold.shape == (5, 4)

    warm_enc = encoder()
    warm = encode_cached(warm_enc, texts, role="passage", cache=EmbeddingCache(warm_enc.identity, root=cache_root),
                         progress=False)
    assert warm_enc.encoded == []
    np.testing.assert_array_equal(warm, cold)

    # only new texts are encoded; the query role is a separate store (different prefix)
    more = encode_cached(warm_enc, ["a", "d"], role="passage", cache=cache, progress=False)
    assert warm_enc.encoded == ["d"]
    np.testing.assert_array_equal(more[0], cold[0])
    encode_cached(warm_enc, ["a"], role="query", cache=cache, progress=False)
    assert warm_enc.encoded == ["d", "a"]


def test_identities_do_not_mix(cache_root: Path) -> None:
    first = encoder("model-A")
    encode_cached(first, ["a", "b"], role="query", cache=EmbeddingCache("model-A", root=cache_root), progress=False)
    other = encoder("model-B")
    encode_cached(other, ["a", "b"], role="query", cache=EmbeddingCache("model-B", root=cache_root), progress=False)
    assert other.encoded == ["a", "b"]
    assert len(list(cache_root.iterdir())) == 2
    with pytest.raises(ValueError, match="cache of 'model-A' used with encoder 'model-B'"):
        encode_cached(other, ["a"], role="query", cache=EmbeddingCache("model-A", root=cache_root), progress=False)


def test_chunks_are_stored_as_they_finish_and_sorted_by_length(cache_root: Path) -> None:
    texts = ["a" * n for n in (3, 9, 1, 7, 5)]
    enc = CountingEncoder(TableEncoder({t: [len(t), 1.0] for t in texts}))
    cache = EmbeddingCache(enc.identity, root=cache_root)
    done: list[tuple[str, int, int]] = []
    encode_cached(enc, texts, role="passage", cache=cache, chunk_size=2, batch_size=3,
                  progress=lambda stage, n, total: done.append((stage, n, total)))
    assert [len(t) for t in enc.encoded] == [9, 7, 5, 3, 1]  # longest first: less padding per batch
    assert [len(c[1]) for c in enc.calls] == [2, 2, 1] and {c[2] for c in enc.calls} == {3}
    assert done == [("encode passages", 0, 5), ("encode passages", 2, 5), ("encode passages", 4, 5),
                    ("encode passages", 5, 5)]
    assert len(list((cache.folder / "passage").glob("shard-*.npz"))) == 3


def test_many_shards_are_merged(cache_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding_cache, "MAX_SHARDS", 2)
    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    cold = encode_cached(enc, list("abcdefgh"), role="passage", cache=cache, chunk_size=2, progress=False)
    assert len(list((cache.folder / "passage").glob("shard-*.npz"))) == 4
    reopened = EmbeddingCache(enc.identity, root=cache_root)
    warm = encode_cached(encoder(), list("abcdefgh"), role="passage", cache=reopened, progress=False)
    assert len(list((cache.folder / "passage").glob("shard-*.npz"))) == 1
    np.testing.assert_array_equal(warm, cold)


def test_unreadable_shard_is_ignored(cache_root: Path, caplog: pytest.LogCaptureFixture) -> None:
    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    encode_cached(enc, ["a"], role="passage", cache=cache, progress=False)
    (cache.folder / "passage" / "shard-0-broken.npz").write_bytes(b"not a zip file")
    again = encoder()
    with caplog.at_level(logging.WARNING):
        encode_cached(again, ["a", "b"], role="passage", cache=EmbeddingCache(enc.identity, root=cache_root),
                      progress=False)
    assert again.encoded == ["b"]
    assert "shard-0-broken.npz is damaged" in caplog.text
    assert (cache.folder / "passage" / "shard-0-broken.npz.damaged").is_file()


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flipped":  # same size: one byte of the vectors changed (the zip member's CRC no longer matches)
        with zipfile.ZipFile(path) as archive:
            member = archive.getinfo("vectors.npy")
        header = member.header_offset
        start = header + 30 + int.from_bytes(data[header + 26:header + 28], "little") + \
            int.from_bytes(data[header + 28:header + 30], "little")
        data[start + member.compress_size - 3] ^= 0x40  # inside the last vector: the array still loads
        path.write_bytes(bytes(data))
    else:  # cut short at a share of its length, as by a full disk or a copy that stopped
        path.write_bytes(bytes(data[:int(len(data) * float(how))]))


@pytest.mark.parametrize("how", ["0.05", "0.5", "0.95", "flipped"])
def test_damaged_shard_is_named_set_aside_and_recomputed(cache_root: Path, caplog: pytest.LogCaptureFixture,
                                                        how: str) -> None:
    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    cold = encode_cached(enc, list("abcdef"), role="passage", cache=cache, chunk_size=2, progress=False)
    shards = sorted((cache.folder / "passage").glob("shard-*.npz"))
    assert len(shards) == 3
    victim = shards[1]
    _damage(victim, how)

    again = encoder()
    with caplog.at_level(logging.WARNING):
        warm = encode_cached(again, list("abcdef"), role="passage", cache=EmbeddingCache(enc.identity,
                                                                                         root=cache_root),
                             progress=False)
    np.testing.assert_array_equal(warm, cold)
    assert len(again.encoded) == 2, "only the damaged shard's texts are encoded again"
    assert f"{victim} is damaged" in caplog.text and f"moved to {victim.name}.damaged" in caplog.text
    assert (victim.parent / f"{victim.name}.damaged").is_file() and not victim.exists()
    assert all(other.is_file() for other in shards if other != victim), "the other shards are kept"

    caplog.clear()  # recomputed for good: the next reader warns about nothing and encodes nothing
    third = encoder()
    with caplog.at_level(logging.WARNING):
        encode_cached(third, list("abcdef"), role="passage", cache=EmbeddingCache(enc.identity, root=cache_root),
                      progress=False)
    assert third.encoded == [] and "damaged" not in caplog.text


def test_temporary_shards_of_killed_writers_are_removed(cache_root: Path) -> None:
    import os
    import subprocess
    import sys

    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    encode_cached(enc, ["a"], role="query", cache=cache, progress=False)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    folder = cache.folder / "query"
    left = folder / f".shard-1-{int(dead.stdout):x}-0badcafe.npz.pid{int(dead.stdout)}.k2j3.tmp"
    writing = folder / f".shard-2-{os.getppid():x}-0badcafe.npz.pid{os.getppid()}.x9z8.tmp"  # a live writer's: kept
    left.write_bytes(b"PK half")
    writing.write_bytes(b"PK half")
    EmbeddingCache(enc.identity, root=cache_root).get([text_key("a")], "query")
    assert not left.exists() and writing.exists()


def test_checks(cache_root: Path) -> None:
    enc = encoder()
    cache = EmbeddingCache(enc.identity, root=cache_root)
    with pytest.raises(ValueError, match="unknown role"):
        encode_cached(enc, ["a"], role="document", cache=cache, progress=False)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-empty"):
        EmbeddingCache(" ", root=cache_root)
    with pytest.raises(ValueError, match="expected 1 vectors"):
        cache.put([text_key("a")], np.zeros((2, 4)), "query")
    cache.put([text_key("a")], np.ones((1, 4)), "query")
    with pytest.raises(ValueError, match="dimension 3 in a cache of dimension 4"):
        cache.put([text_key("b")], np.ones((1, 3)), "query")
    assert encode_cached(enc, [], role="query", cache=cache, progress=False).shape == (0, 4)

    class Broken(TableEncoder):
        def encode(self, texts, *, role, batch_size=64, show_progress=False):
            return np.full((len(texts), 4), np.nan, dtype=np.float32)

    with pytest.raises(ValueError, match="non-finite"):
        encode_cached(Broken(VECTORS, identity="broken"), ["a"], role="query", cache=None, progress=False)


def test_cut_model_cold_equals_warm(cut_encoder, cache_root: Path) -> None:
    texts = ["Wo liegt Berlin?", "Berlin liegt in Deutschland.", "东京是日本的首都。", "Wo liegt Berlin?"]
    counting = CountingEncoder(cut_encoder)
    cold = encode_cached(counting, texts, role="passage", cache=EmbeddingCache(counting.identity, root=cache_root),
                         progress=False)
    assert len(counting.encoded) == 3
    warm_counting = CountingEncoder(cut_encoder)
    warm = encode_cached(warm_counting, texts, role="passage",
                         cache=EmbeddingCache(counting.identity, root=cache_root), progress=False)
    assert warm_counting.encoded == []
    np.testing.assert_array_equal(warm, cold)
    np.testing.assert_allclose(np.linalg.norm(cold, axis=1), 1.0, atol=1e-5)
