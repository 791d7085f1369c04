"""Fitted statistics on disk: one ``.npz`` per (encoder, family, fit options, estimation data), written atomically.

Layout (outside the repository, under :func:`hybrid_core.paths.cache_dir`)::

    <cache_dir>/debias/<sha256(key)[:24]>.npz
        key        the JSON key below (a string); a file whose key differs is not ours and is recomputed
        languages  (L,) language codes of the table's rows
        table      (L, d) float32 means / language vectors, or (L, d, k) LIR directions
        unchanged  languages covered without change (SHIFT's source)
        counts     (L,) texts or pairs each language's statistics came from

The key holds what the statistics depend on: the encoder's identity, the family and its fit options
(``fit``, ``source``; never ``r`` or ``s``, so one fit serves every value), the candidate text mode, and the
estimation data's fingerprint (``fit=train``) or a fingerprint of the indexed candidate embeddings
(``fit=index``). A file that cannot be read, lacks a field, holds non-finite numbers or another key is logged and
recomputed, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from hybrid_core.atomic import write_with
from hybrid_core.debias.base import Statistics
from hybrid_core.paths import cache_dir

log = logging.getLogger(__name__)

#: Bump when the stored statistics change meaning.
FORMAT_VERSION = 1


def statistics_root() -> Path:
    """``<cache_dir>/debias``, where fitted statistics live."""
    return cache_dir() / "debias"


def key_text(key: dict[str, Any]) -> str:
    """The canonical JSON text of a key (sorted keys, format version included)."""
    return json.dumps({"format": FORMAT_VERSION, **key}, sort_keys=True, ensure_ascii=False)


def statistics_path(key: dict[str, Any], *, root: str | Path | None = None) -> Path:
    """Where the statistics of ``key`` are stored."""
    digest = hashlib.sha256(key_text(key).encode("utf-8")).hexdigest()[:24]
    return (Path(root) if root is not None else statistics_root()) / f"{digest}.npz"


def load_statistics(key: dict[str, Any], *, root: str | Path | None = None) -> Statistics | None:
    """The stored statistics of ``key``, or None when absent or damaged (a damaged file is logged)."""
    path = statistics_path(key, root=root)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            stored_key = str(data["key"])
            languages = tuple(str(x) for x in data["languages"].tolist())
            table = np.asarray(data["table"], dtype=np.float32)
            unchanged = tuple(str(x) for x in data["unchanged"].tolist())
            counts = tuple(int(x) for x in data["counts"].tolist())
        if stored_key != key_text(key):
            raise ValueError("it holds the statistics of another key")
        if not np.isfinite(table).all():
            raise ValueError("its table has non-finite values")
        if len(counts) != len(languages):
            raise ValueError(f"{len(counts)} counts for {len(languages)} languages")
        return Statistics(languages, table, unchanged=unchanged, counts=counts)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        log.warning("debias statistics %s are damaged (%s); recomputing them", path, exc)
        return None


def save_statistics(key: dict[str, Any], statistics: Statistics, *, root: str | Path | None = None) -> Path:
    """Store ``statistics`` under ``key`` atomically; returns the file."""
    path = statistics_path(key, root=root)

    def writer(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            np.savez(handle, key=np.array(key_text(key)), languages=np.array(statistics.languages, dtype=str),
                     table=statistics.table, unchanged=np.array(statistics.unchanged, dtype=str),
                     counts=np.array(statistics.counts, dtype=np.int64))

    return write_with(path, writer)


def embeddings_fingerprint(embeddings: np.ndarray, languages: Any) -> str:
    """A 16-hex-digit hash of candidate embeddings and their languages (the key of ``fit=index`` statistics)."""
    matrix = np.ascontiguousarray(embeddings, dtype=np.float32)
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{matrix.shape}".encode())
    digest.update(memoryview(matrix).cast("B"))
    digest.update("\x1f".join(str(x) for x in languages).encode("utf-8"))
    return digest.hexdigest()
