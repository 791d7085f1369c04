"""Fixtures of the evaluation tests (helpers live in evalkit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evalkit import parallel_dataset

from hybrid_core.data.schema import ParallelDataset


@pytest.fixture
def toy_parallel() -> ParallelDataset:
    """:func:`parallel_dataset`."""
    return parallel_dataset()


@pytest.fixture(scope="session")
def cut_encoder():
    """The torch encoder over the 2-layer cut model (loaded once; plumbing only, never quality)."""
    from hybrid_core.backends import get_encoder

    return get_encoder("e5-small-cut", backend="torch", device="cpu")


@pytest.fixture
def cache_root(tmp_path: Path) -> Path:
    """An empty embedding-cache root for one test."""
    return tmp_path / "embeddings"
