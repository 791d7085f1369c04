"""Helpers of the evaluation tests: encoders with known vectors, a counting wrapper, a small parallel dataset."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from hybrid_core.data.schema import Candidate, ParallelDataset, Question


class TableEncoder:
    """An Encoder whose embeddings are given: text -> vector (normalised here), per role."""

    def __init__(self, vectors: Mapping[str, Sequence[float]], *, identity: str = "table-encoder") -> None:
        self.vectors = {t: np.asarray(v, dtype=np.float32) for t, v in vectors.items()}
        self.identity = identity
        self.dimension = len(next(iter(self.vectors.values())))

    def encode(self, texts: Sequence[str], *, role: str, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        rows = np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class CountingEncoder:
    """Wraps an encoder and records every text it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.dimension = inner.dimension
        self.calls: list[tuple[str, list[str], int]] = []

    @property
    def encoded(self) -> list[str]:
        return [t for _, texts, _ in self.calls for t in texts]

    def encode(self, texts: Sequence[str], *, role: str, batch_size: int = 64,
               show_progress: bool = False) -> np.ndarray:
        self.calls.append((role, list(texts), batch_size))
        return self.inner.encode(texts, role=role, batch_size=batch_size)


#: Short parallel texts in several scripts: (question, answer sentence, other sentence) per language.
PARALLEL = {
    "en": [("Where is Berlin?", "Berlin lies in Germany.", "The Rhine is a river."),
           ("Who wrote Faust?", "Goethe wrote Faust.", "Bread is baked daily."),
           ("How tall is Everest?", "Everest is 8,849 metres tall.", "Cats like to sleep."),
           ("What do bees make?", "Bees make honey.", "Trains run on rails.")],
    "de": [("Wo liegt Berlin?", "Berlin liegt in Deutschland.", "Der Rhein ist ein Fluss."),
           ("Wer schrieb Faust?", "Goethe schrieb Faust.", "Brot wird täglich gebacken."),
           ("Wie hoch ist der Everest?", "Der Everest ist 8.849 Meter hoch.", "Katzen schlafen gern."),
           ("Was machen Bienen?", "Bienen machen Honig.", "Züge fahren auf Schienen.")],
    "ru": [("Где находится Берлин?", "Берлин находится в Германии.", "Рейн — это река."),
           ("Кто написал Фауста?", "Гёте написал Фауста.", "Хлеб пекут каждый день."),
           ("Какова высота Эвереста?", "Высота Эвереста 8849 метров.", "Кошки любят спать."),
           ("Что делают пчёлы?", "Пчёлы делают мёд.", "Поезда ходят по рельсам.")],
}


def parallel_dataset(name: str = "toy-parallel") -> ParallelDataset:
    """3 languages x 4 questions, two candidate sentences per paragraph (one relevant), LAReQA-style ids."""
    questions, candidates, qrels = [], [], {}
    for lang, items in PARALLEL.items():
        for i, (question, answer, other) in enumerate(items):
            qid = f"q{i}"
            context = f"{answer} {other}"
            candidates.append(Candidate(f"{lang}:{i}:0:0", lang, answer, context))
            candidates.append(Candidate(f"{lang}:{i}:0:1", lang, other, context))
            questions.append(Question(qid, lang, question))
            qrels.setdefault(qid, {})[f"{lang}:{i}:0:0"] = 1
    return ParallelDataset(name, questions, candidates, qrels, source="tests")
