"""Shared fixtures for the backend tests: the cut model and a small multi-script text set."""

from __future__ import annotations

import pytest

#: Texts in several scripts and lengths (Latin, Cyrillic, Greek, Arabic, Devanagari, Thai, CJK, digits).
TEXTS: list[str] = [
    "Wo liegt Berlin?",
    "What is the capital of France?",
    "Paris is the capital and most populous city of France, with an estimated population of 2.1 million.",
    "Москва — столица России и крупнейший по численности населения город страны.",
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "ما هي عاصمة مصر؟",
    "दिल्ली भारत की राजधानी है।",
    "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย",
    "东京是日本的首都。",
    "a",
    "1914 1918 1939 1945",
    "El río Amazonas es el más caudaloso del mundo y atraviesa varios países de América del Sur.",
]


@pytest.fixture(scope="session")
def texts() -> list[str]:
    """The multi-script text set."""
    return list(TEXTS)


@pytest.fixture(scope="session")
def cut_model():
    """The 2-layer cut of the embedded model, loaded once (tests must not modify it)."""
    from hybrid_core.models import load_model

    return load_model("e5-small-cut", device="cpu")


@pytest.fixture(scope="session")
def torch_encoder(cut_model):
    """A torch encoder over the shared cut model."""
    from hybrid_core.backends.torch_backend import TorchEncoder

    return TorchEncoder(cut_model)
