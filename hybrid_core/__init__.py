"""Hybrid Batch Lab: hybrid batch training and cross-lingual retrieval evaluation.

The core is a library with no Streamlit import; the CLI (``python -m hybrid_core``) and the
dashboard (``streamlit run app.py``) both call it.
"""

from __future__ import annotations

__version__ = "0.1.0"
