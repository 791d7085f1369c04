"""Shared fixtures: real data location, the converted model and its small cut, an isolated workspace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Runs and sweeps made by tests go to a throw-away workspace; the model cache stays the user's
# (converted once, shared by every test session).
os.environ.setdefault("HBL_WORKSPACE", tempfile.mkdtemp(prefix="hbl-test-workspace-"))
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or ``$HBL_SHARED_DATA``); tests using it skip when it is absent."""
    from hybrid_core.data.loading import shared_data_dir

    path = shared_data_dir()
    if path is None:
        pytest.skip("real data folder ../shared/data (or $HBL_SHARED_DATA) is absent")
    return path


@pytest.fixture(scope="session")
def embedded_path() -> Path:
    """The converted fp32 multilingual-e5-small folder (converted on first use)."""
    from hybrid_core.embedded import embedded_model_path

    return embedded_model_path()


@pytest.fixture(scope="session")
def cut_path() -> Path:
    """A 2-layer, 20k-piece cut of the embedded model, for plumbing tests."""
    from hybrid_core.embedded import cut_model_path

    return cut_model_path()


@pytest.fixture(scope="session")
def _cut_model_session(cut_path: Path):
    from hybrid_core.models import load_model

    return load_model(str(cut_path), device="cpu")


@pytest.fixture
def cut_model(_cut_model_session):
    """The cut model, loaded once per session and deep-copied for each test."""
    import copy

    return copy.deepcopy(_cut_model_session)
