"""Fixtures of the dashboard tests: the repository root on sys.path (for ``ui``), page paths, AppTest runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Seconds an AppTest run may take (the first run of a page imports torch, pandas, plotly).
TIMEOUT = 120


@pytest.fixture
def page():
    """``page("launch.py")`` -> an AppTest of that page file, not run yet."""
    from streamlit.testing.v1 import AppTest

    def make(name: str) -> AppTest:
        return AppTest.from_file(str(ROOT / "pages" / name), default_timeout=TIMEOUT)

    return make
