"""Data layer: one schema for parallel retrieval data and a loader per format."""

from __future__ import annotations

from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, Question, TrainingPair  # isort: skip
from hybrid_core.data.loading import (  # isort: skip
    FORMATS,
    LOADERS,
    demo_dataset,
    demo_split_of,
    detect_format,
    load_dataset,
    merge_datasets,
    shared_data_dir,
)
from hybrid_core.data.jsonl import load_jsonl
from hybrid_core.data.lareqa import load_lareqa
from hybrid_core.data.miracl import MiraclJudgements, load_miracl, load_miracl_judgements
from hybrid_core.data.squad import load_squad, split_sentences

__all__ = [
    "FORMATS",
    "LOADERS",
    "Candidate",
    "DataError",
    "MiraclJudgements",
    "ParallelDataset",
    "Question",
    "TrainingPair",
    "demo_dataset",
    "demo_split_of",
    "detect_format",
    "load_dataset",
    "load_jsonl",
    "load_lareqa",
    "load_miracl",
    "load_miracl_judgements",
    "load_squad",
    "merge_datasets",
    "shared_data_dir",
    "split_sentences",
]
