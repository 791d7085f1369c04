"""Fixtures of the debias tests (helpers live in debiaskit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def cut_encoder():
    """The torch encoder over the 2-layer cut model (loaded once; plumbing only, never quality)."""
    from hybrid_core.backends import get_encoder

    return get_encoder("e5-small-cut", backend="torch", device="cpu")


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """(statistics cache root, embedding cache root) of one test."""
    return tmp_path / "debias", tmp_path / "embeddings"
