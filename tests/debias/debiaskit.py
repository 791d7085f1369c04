"""Helpers of the debias tests: an encoder with given vectors, a counting wrapper, a dataset of parallel answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from hybrid_core.data.schema import Candidate, ParallelDataset, Question


class ToyEncoder:
    """An Encoder whose (unit) embeddings are given per text; counts what it is asked to encode."""

    def __init__(self, vectors: Mapping[str, Sequence[float]], *, identity: str = "toy-debias") -> None:
        self.vectors = {t: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for t, v in vectors.items()}
        self.identity = identity
        self.dimension = len(next(iter(self.vectors.values())))
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, role: str, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32)


class CountingEncoder:
    """Wraps an encoder and records every text it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.dimension = inner.dimension
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, role: str, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        return self.inner.encode(texts, role=role, batch_size=batch_size)


def answers_dataset(answers: Mapping[str, Sequence[str]], *, name: str = "toy-answers",
                    prefix: str = "") -> ParallelDataset:
    """Question i exists in every language of ``answers``; its relevant candidate in language l is answers[l][i]."""
    questions, candidates, qrels = [], [], {}
    for lang, texts in answers.items():
        for i, text in enumerate(texts):
            qid = f"{prefix}q{i}"
            cid = f"{prefix}{lang}:{i}"
            candidates.append(Candidate(cid, lang, text))
            questions.append(Question(qid, lang, f"question {i} in {lang}"))
            qrels.setdefault(qid, {})[cid] = 1
    return ParallelDataset(name, questions, candidates, qrels, source="tests")
