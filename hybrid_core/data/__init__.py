"""Data layer: one schema for parallel retrieval data and a loader per format."""

from __future__ import annotations

from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, Question, TrainingPair

__all__ = ["Candidate", "DataError", "ParallelDataset", "Question", "TrainingPair"]
