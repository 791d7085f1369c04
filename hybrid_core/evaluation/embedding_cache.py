"""Encode each text once per encoder: an on-disk embedding cache keyed by the encoder's identity and the text.

Layout (outside the repository, under :func:`hybrid_core.paths.cache_dir`)::

    <cache_dir>/embeddings/<sha256(identity)[:24]>/
        identity.json                 {"identity": "...", "dimension": 384}
        query/shard-<time>-<random>.npz    keys (n, 32) uint8 = sha256(text), vectors (n, d) float32
        passage/shard-....npz

The role (``query`` / ``passage``) is a folder because the encoder adds a different prefix per role; the key is
the SHA-256 of the exact text handed to the encoder (before its prefix). ``Encoder.identity`` changes whenever
the embeddings would (weights, backend, precision, max length, prefixes), so a trained model or another backend
never reads another's vectors. Shards are written atomically and only ever added (a crash loses at most the
chunk being encoded); many small shards are merged into one when a role folder is opened. Concurrent writers
are safe: identical keys from two processes hold identical vectors.

Damaged state is detected, named and recomputed: a shard that cannot be read (cut short by a full disk, a copy or
a failing disk) is moved aside as ``<shard>.damaged`` with a warning naming it, and its texts are encoded again;
the other shards are kept (reading checks each shard's zip CRCs, so a changed byte is caught too). The temporary
file of a writer that was killed (see :mod:`hybrid_core.atomic`: its pid is in the name) is removed when the role
folder is next opened.

Example:
    >>> import numpy as np
    >>> class Toy:
    ...     identity, dimension = "toy-doc", 2
    ...     def encode(self, texts, *, role, batch_size=64, show_progress=False):
    ...         return np.array([[1.0, 0.0]] * len(texts), dtype=np.float32)
    >>> import tempfile
    >>> cache = EmbeddingCache("toy-doc", root=tempfile.mkdtemp())
    >>> encode_cached(Toy(), ["a", "b", "a"], role="query", cache=cache, progress=False).shape
    (3, 2)
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from hybrid_core.atomic import remove_stale_temporaries, write_json, write_with
from hybrid_core.encoders import Encoder, TextRole
from hybrid_core.paths import cache_dir

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("query", "passage")
#: merge a role's shards into one when there are more than this many
MAX_SHARDS = 48
#: (stage, done, total) -> None; called as encoding and search advance
ProgressFn = Callable[[str, int, int], None]
#: suffix of a shard set aside because it could not be read
DAMAGED_SUFFIX = ".damaged"
#: what reading a shard cut short or overwritten raises (anything else, e.g. too many open files, is not damage)
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError)


def text_key(text: str) -> bytes:
    """The cache key of a text: SHA-256 of its UTF-8 bytes (32 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def embeddings_root() -> Path:
    """``<cache_dir>/embeddings``, where every encoder's cache folder lives."""
    return cache_dir() / "embeddings"


class EmbeddingCache:
    """Embeddings of one encoder identity on disk (see the module docstring for the layout).

    Args:
        identity: the encoder's ``identity`` string.
        root: folder holding the per-identity folders (default ``<cache_dir>/embeddings``).
    """

    def __init__(self, identity: str, *, root: str | os.PathLike[str] | None = None) -> None:
        if not isinstance(identity, str) or not identity.strip():
            raise ValueError(f"encoder identity must be a non-empty string, got {identity!r}")
        self.identity = identity
        self.root = Path(root) if root is not None else embeddings_root()
        self.folder = self.root / hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]
        self._rows: dict[str, dict[bytes, int]] = {}
        self._vectors: dict[str, list[np.ndarray]] = {}
        self._offsets: dict[str, list[int]] = {}
        self.dimension: int | None = None
        self._check_identity()

    # ----- files ----------------------------------------------------------------------------------------------
    def _check_identity(self) -> None:
        marker = self.folder / "identity.json"
        if marker.exists():
            try:
                stored = json.loads(marker.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                stored = {}
            if stored.get("identity") not in (None, self.identity):
                raise ValueError(f"embedding cache {self.folder} belongs to encoder {stored.get('identity')!r}, "
                                 f"not {self.identity!r}; remove the folder")
            self.dimension = stored.get("dimension")

    def _role_folder(self, role: str) -> Path:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
        return self.folder / role

    @contextlib.contextmanager
    def _lock(self, role: str) -> Iterator[None]:
        folder = self._role_folder(role)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _read_shard(path: Path) -> tuple[np.ndarray, np.ndarray] | None:
        """A shard's ``(keys, vectors)``, or None when it is gone or unreadable (a damaged one is set aside)."""
        try:
            data = np.load(path)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("not an .npz archive")
            with data:  # reading a member to its end checks its CRC: a changed byte raises BadZipFile
                keys, vectors = data["keys"], data["vectors"]
        except FileNotFoundError:
            return None  # merged away by another process meanwhile
        except _DAMAGE as exc:
            _set_aside(path, f"{type(exc).__name__}: {exc}")
            return None
        except OSError as exc:  # not the file's fault (permissions, too many open files): leave it in place
            log.warning("could not read embedding shard %s (%s); its texts are encoded again", path, exc)
            return None
        if keys.ndim != 2 or keys.shape[1] != 32 or vectors.ndim != 2 or len(keys) != len(vectors):
            _set_aside(path, f"keys of shape {keys.shape}, vectors of shape {vectors.shape}")
            return None
        return keys, vectors

    def _write_shard(self, role: str, keys: np.ndarray, vectors: np.ndarray) -> Path:
        folder = self._role_folder(role)
        name = f"shard-{time.time_ns():x}-{os.getpid():x}-{os.urandom(4).hex()}.npz"

        def writer(tmp: Path) -> None:
            with open(tmp, "wb") as handle:
                np.savez(handle, keys=keys, vectors=vectors)

        return write_with(folder / name, writer)

    def _load(self, role: str) -> None:
        if role in self._rows:
            return
        folder = self._role_folder(role)
        if folder.is_dir():
            _remove_dead_temporaries(folder)
        shards = sorted(folder.glob("shard-*.npz")) if folder.is_dir() else []
        if len(shards) > MAX_SHARDS:
            self._merge(role)
            shards = sorted(folder.glob("shard-*.npz"))
        rows: dict[bytes, int] = {}
        vectors: list[np.ndarray] = []
        offsets: list[int] = []
        total = 0
        for path in shards:
            shard = self._read_shard(path)
            if shard is None:
                continue
            keys, vecs = shard
            if self.dimension is not None and vecs.shape[1] != self.dimension:
                _set_aside(path, f"vectors of dimension {vecs.shape[1]} in a cache of dimension {self.dimension}")
                continue
            self.dimension = int(vecs.shape[1])
            offsets.append(total)
            vectors.append(vecs.astype(np.float32, copy=False))
            for i, key in enumerate(keys):
                rows.setdefault(key.tobytes(), total + i)
            total += len(keys)
        self._rows[role], self._vectors[role], self._offsets[role] = rows, vectors, offsets

    def _merge(self, role: str) -> None:
        """Merge a role's shards into one (under a lock; the merged file is written before the old ones go)."""
        with self._lock(role):
            shards = sorted(self._role_folder(role).glob("shard-*.npz"))
            if len(shards) <= MAX_SHARDS:
                return
            keys_parts, vector_parts, seen = [], [], set()
            for path in shards:
                shard = self._read_shard(path)
                if shard is None:
                    continue
                keys, vectors = shard
                keep = []
                for i, key in enumerate(keys):
                    raw = key.tobytes()
                    if raw not in seen:
                        seen.add(raw)
                        keep.append(i)
                keys_parts.append(keys[keep])
                vector_parts.append(vectors[keep])
            if vector_parts and len({v.shape[1] for v in vector_parts}) == 1:
                self._write_shard(role, np.concatenate(keys_parts), np.concatenate(vector_parts))
                for path in shards:
                    path.unlink(missing_ok=True)
                log.info("merged %d embedding shards of %s/%s", len(shards), self.folder.name, role)

    def _vector(self, role: str, row: int) -> np.ndarray:
        offsets = self._offsets[role]
        shard = int(np.searchsorted(offsets, row, side="right")) - 1
        return self._vectors[role][shard][row - offsets[shard]]

    # ----- public ---------------------------------------------------------------------------------------------
    def __len__(self) -> int:
        for role in ROLES:
            self._load(role)
        return sum(len(rows) for rows in self._rows.values())

    def get(self, keys: Sequence[bytes], role: TextRole | str) -> tuple[np.ndarray, np.ndarray | None]:
        """Look keys up: ``(found mask, vectors of the found keys in order)`` (``None`` when none is found)."""
        self._load(role)
        rows = self._rows[role]
        found = np.array([k in rows for k in keys], dtype=bool)
        if not found.any():
            return found, None
        return found, np.stack([self._vector(role, rows[k]) for k, hit in zip(keys, found) if hit])

    def put(self, keys: Sequence[bytes], vectors: np.ndarray, role: TextRole | str) -> None:
        """Store vectors (one shard file) and make them visible to :meth:`get`."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(keys):
            raise ValueError(f"expected {len(keys)} vectors, got an array of shape {vectors.shape}")
        if not len(keys):
            return
        if self.dimension is not None and vectors.shape[1] != self.dimension:
            raise ValueError(f"vectors of dimension {vectors.shape[1]} in a cache of dimension {self.dimension}")
        self._load(role)
        if self.dimension is None:
            self.dimension = int(vectors.shape[1])
        marker = self.folder / "identity.json"
        if not marker.exists():
            write_json(marker, {"identity": self.identity, "dimension": self.dimension})
        key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32)
        self._write_shard(role, key_array, vectors)
        rows = self._rows[role]
        base = sum(len(v) for v in self._vectors[role])
        self._offsets[role].append(base)
        self._vectors[role].append(vectors)
        for i, key in enumerate(keys):
            rows.setdefault(key, base + i)


def _set_aside(path: Path, reason: str) -> None:
    """Move a damaged shard to ``<shard>.damaged`` (kept for inspection, never read again) with a warning."""
    damaged = path.with_name(path.name + DAMAGED_SUFFIX)
    try:
        path.replace(damaged)
    except FileNotFoundError:
        return  # another process set it aside first
    except OSError as exc:
        log.warning("embedding shard %s is damaged (%s) and could not be moved aside (%s); its texts are encoded "
                    "again", path, reason, exc)
        return
    log.warning("embedding shard %s is damaged (%s); moved to %s, its texts are encoded again", path, reason,
                damaged.name)


def _remove_dead_temporaries(folder: Path) -> None:
    """Remove the temporary shard files of writers that were killed (their pid is no longer alive)."""
    for path in remove_stale_temporaries(folder, recursive=False):
        log.info("removed %s, left by a writer that was killed", path)


def _check_embeddings(vectors: object, expected: int, encoder: Encoder) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim != 2 or array.shape[0] != expected:
        raise ValueError(f"encoder {encoder.identity!r} returned an array of shape {array.shape} for {expected} texts")
    if not np.isfinite(array).all():
        raise ValueError(f"encoder {encoder.identity!r} returned non-finite embeddings")
    return array


def encode_cached(encoder: Encoder, texts: Sequence[str], *, role: TextRole, cache: EmbeddingCache | None = None,
                  batch_size: int = 64, chunk_size: int = 512, progress: bool | ProgressFn = True,
                  stage: str | None = None) -> np.ndarray:
    """Embeddings of ``texts`` (one row per text, in order), encoding each distinct text at most once.

    Texts found in ``cache`` are read from it; the others are sorted by length (less padding), encoded in chunks
    of ``chunk_size`` and each chunk is stored before the next starts.

    Args:
        encoder: any :class:`~hybrid_core.encoders.Encoder` (adds its own query/passage prefix).
        texts: texts to embed (repeats allowed).
        role: ``"query"`` or ``"passage"``.
        cache: the encoder's :class:`EmbeddingCache`, or None to encode without caching.
        batch_size: passed to ``encoder.encode``.
        chunk_size: texts per encode call (and per cache shard).
        progress: True for a tqdm bar, False for none, or a callback ``(stage, done, total)``.
        stage: label of the progress bar (default ``"encode <role>s"``).

    Returns:
        float32 array of shape ``(len(texts), encoder.dimension)``.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if cache is not None and cache.identity != encoder.identity:
        raise ValueError(f"cache of {cache.identity!r} used with encoder {encoder.identity!r}")
    if batch_size < 1 or chunk_size < 1:
        raise ValueError(f"batch_size and chunk_size must be positive, got {batch_size} and {chunk_size}")
    position: dict[str, int] = {}
    for text in texts:
        position.setdefault(text, len(position))
    distinct = list(position)
    dim = int(encoder.dimension)
    out = np.zeros((len(distinct), dim), dtype=np.float32)
    keys = [text_key(t) for t in distinct]
    missing = list(range(len(distinct)))
    if cache is not None and distinct:
        found, vectors = cache.get(keys, role)
        if vectors is not None:
            if vectors.shape[1] != dim:
                raise ValueError(f"cached vectors of {encoder.identity!r} have dimension {vectors.shape[1]}, "
                                 f"the encoder says {dim}")
            out[found] = vectors
        missing = [i for i in missing if not found[i]]
    label = stage or f"encode {role}s"
    if missing:
        missing.sort(key=lambda i: -len(distinct[i]))
        log.info("%s: %d of %d distinct texts to encode (%d cached)", label, len(missing), len(distinct),
                 len(distinct) - len(missing))
        with progress_bar(progress, label, len(missing)) as advance:
            for start in range(0, len(missing), chunk_size):
                chunk = missing[start:start + chunk_size]
                vectors = _check_embeddings(
                    encoder.encode([distinct[i] for i in chunk], role=role, batch_size=batch_size), len(chunk),
                    encoder)
                out[chunk] = vectors
                if cache is not None:
                    cache.put([keys[i] for i in chunk], vectors, role)
                advance(len(chunk))
    elif distinct:
        log.info("%s: all %d distinct texts cached", label, len(distinct))
    return out[[position[t] for t in texts]] if texts else np.zeros((0, dim), dtype=np.float32)


@contextlib.contextmanager
def progress_bar(progress: bool | ProgressFn, label: str, total: int) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``: a tqdm bar (progress=True), a callback's adapter, or a no-op."""
    if callable(progress):
        done = 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            progress(label, done, total)

        progress(label, 0, total)
        yield advance
    elif progress:
        from tqdm.auto import tqdm

        with tqdm(total=total, desc=label, unit="text", dynamic_ncols=True) as bar:
            yield bar.update
    else:
        yield lambda n: None


