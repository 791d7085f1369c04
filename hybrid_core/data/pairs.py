"""Training pairs from parallel data: monolingual (question in X, passage in X) and cross-lingual (X, Y != X).

A :class:`PairTable` is the column store the trainer and the hybrid batch sampler share: row ``i`` is one
(question version, relevant candidate) pair. The trainer sees only the two text columns (``query``,
``passage``); the sampler sees only the integer keys (question id, passage text, languages), so the two
stay aligned by row index and no metadata column ever reaches the loss.

Example:
    >>> from hybrid_core.data import demo_dataset
    >>> from hybrid_core.data.pairs import build_pairs
    >>> table = build_pairs(demo_dataset("train"))
    >>> table.counts()["mono"] > 0 and table.counts()["cross"] > 0
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from hybrid_core.data.schema import DataError, ParallelDataset
from hybrid_core.languages import validate_languages

PairKind = Literal["mono", "cross"]
#: the two kinds of pairs, in the order they are listed.
PAIR_KINDS: tuple[str, ...] = ("mono", "cross")
#: the dataset columns handed to the trainer (also the keys of the model's prompts).
QUERY_COLUMN = "query"
PASSAGE_COLUMN = "passage"


@dataclass(frozen=True)
class PairKeys:
    """The integer view of a pair table the sampler needs (small and picklable).

    Attributes:
        question: code of each pair's question id (translations share it).
        passage: code of each pair's passage text (identical texts share it, whatever their candidate id).
        question_language / passage_language: code of each side's language, an index into ``languages``.
        languages: the language codes, sorted.
    """

    question: np.ndarray
    passage: np.ndarray
    question_language: np.ndarray
    passage_language: np.ndarray
    languages: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.question.shape[0])

    def __post_init__(self) -> None:
        n = len(self.question)
        for name in ("passage", "question_language", "passage_language"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"PairKeys.{name} has {len(getattr(self, name))} rows, question has {n}")


@dataclass(frozen=True)
class PairTable:
    """Training pairs as parallel columns (row ``i`` is one pair).

    Attributes:
        question_ids: the question id of each pair (shared by its translations).
        question_languages / passage_languages: the language of each side.
        queries: question texts; passages: relevant candidate texts; candidate_ids: their ids.
        source: the dataset name the pairs come from.
    """

    question_ids: tuple[str, ...]
    question_languages: tuple[str, ...]
    passage_languages: tuple[str, ...]
    queries: tuple[str, ...]
    passages: tuple[str, ...]
    candidate_ids: tuple[str, ...]
    source: str = ""

    def __len__(self) -> int:
        return len(self.question_ids)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language on either side, sorted."""
        return tuple(sorted(set(self.question_languages) | set(self.passage_languages)))

    def is_monolingual(self, index: int) -> bool:
        """Whether pair ``index`` has its question and passage in one language."""
        return self.question_languages[index] == self.passage_languages[index]

    def counts(self) -> dict[str, int]:
        """``{"mono": n, "cross": m, "total": n + m}``."""
        mono = sum(1 for x, y in zip(self.question_languages, self.passage_languages) if x == y)
        return {"mono": mono, "cross": len(self) - mono, "total": len(self)}

    def language_pair_counts(self) -> dict[tuple[str, str], int]:
        """Number of pairs per (question language, passage language)."""
        return dict(sorted(Counter(zip(self.question_languages, self.passage_languages)).items()))

    def keys(self) -> PairKeys:
        """Integer codes for the sampler: question id, passage text (after stripping), both languages."""
        languages = self.languages
        lang_code = {lang: i for i, lang in enumerate(languages)}
        qcode: dict[str, int] = {}
        pcode: dict[str, int] = {}
        question = np.fromiter((qcode.setdefault(q, len(qcode)) for q in self.question_ids), dtype=np.int64,
                               count=len(self))
        passage = np.fromiter((pcode.setdefault(p.strip(), len(pcode)) for p in self.passages), dtype=np.int64,
                              count=len(self))
        qlang = np.fromiter((lang_code[x] for x in self.question_languages), dtype=np.int16, count=len(self))
        plang = np.fromiter((lang_code[y] for y in self.passage_languages), dtype=np.int16, count=len(self))
        return PairKeys(question, passage, qlang, plang, languages)

    def to_dataset(self):
        """A ``datasets.Dataset`` with the columns ``query`` and ``passage`` (in this order: anchor, positive)."""
        from datasets import Dataset

        return Dataset.from_dict({QUERY_COLUMN: list(self.queries), PASSAGE_COLUMN: list(self.passages)})

    def select(self, indices: Iterable[int]) -> PairTable:
        """A new table with the rows ``indices`` (in that order)."""
        idx = list(indices)
        return PairTable(*(tuple(column[i] for i in idx) for column in (
            self.question_ids, self.question_languages, self.passage_languages, self.queries, self.passages,
            self.candidate_ids)), source=self.source)


def build_pairs(dataset: ParallelDataset, *, languages: Iterable[str] | None = None,
                kinds: Iterable[str] = PAIR_KINDS) -> PairTable:
    """Every (question in X, relevant candidate in Y) pair of ``dataset``, in a stable order.

    A pair exists only when the question id has a version in X (MLQA-R: a (de, es) pair needs both the German
    and the Spanish question). Pairs are ordered by question id, question language, candidate id, so the
    table (and therefore a seeded batch sequence) does not depend on the order of the source files.

    Args:
        dataset: parallel data (see :func:`hybrid_core.data.load_dataset`).
        languages: keep only pairs whose two languages are both in this list (default: all languages).
        kinds: ``"mono"``, ``"cross"`` or both (default).

    Raises:
        ValueError: unknown kind or language.
        DataError: no pair is left.
    """
    kinds = tuple(kinds)
    bad = [k for k in kinds if k not in PAIR_KINDS]
    if bad or not kinds:
        raise ValueError(f"unknown pair kind(s) {bad or kinds!r}; choose from {', '.join(PAIR_KINDS)}")
    langs = None if languages is None else validate_languages(languages, where="pair languages")
    if langs is not None:
        missing = sorted(set(langs) - set(dataset.languages))
        if missing:
            raise ValueError(f"language(s) {', '.join(missing)} not in dataset {dataset.name!r} "
                             f"(it has {', '.join(dataset.languages)})")
    rows = []
    for pair in dataset.training_pairs(languages=langs):
        kind = "mono" if pair.is_monolingual else "cross"
        if kind in kinds:
            rows.append((pair.question.id, pair.question.language, pair.candidate.id, pair.candidate.language,
                         pair.question.text, pair.candidate.text))
    if not rows:
        raise DataError(f"no {'/'.join(kinds)} training pairs"
                        + (f" in languages {', '.join(langs)}" if langs else ""), path=dataset.source or dataset.name)
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return PairTable(
        question_ids=tuple(r[0] for r in rows),
        question_languages=tuple(r[1] for r in rows),
        passage_languages=tuple(r[3] for r in rows),
        queries=tuple(r[4] for r in rows),
        passages=tuple(r[5] for r in rows),
        candidate_ids=tuple(r[2] for r in rows),
        source=dataset.name,
    )
