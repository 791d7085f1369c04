"""One data model for parallel retrieval data.

A :class:`ParallelDataset` holds questions (one per question id and language), candidate passages (a
sentence or passage with its language and optional context) and graded relevance from a question id
to candidate ids. Relevance is keyed by the *question id*, which is shared by the translations of one
question (XQuAD-R, MLQA-R): the question in any language has the same relevant candidates, and the
candidates' own languages say which of them count for a given (query language, candidate language)
pair. Datasets without parallel questions (MIRACL) simply have one language per question id.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd


class DataError(ValueError):
    """Invalid input data: the message names the file, the record (line or id), the field and the problem."""

    def __init__(self, problem: str, *, path: str | Path | None = None, record: str | int | None = None,
                 field: str | None = None) -> None:
        self.path = None if path is None else str(path)
        self.record = record
        self.field = field
        self.problem = problem
        where = []
        if path is not None:
            where.append(str(path))
        if record is not None:
            where.append(f"record {record}" if not isinstance(record, int) else f"line {record}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join([', '.join(where), problem]) if where else problem}")


@dataclass(frozen=True, slots=True)
class Question:
    """A question in one language. ``id`` is shared by its translations; ``(id, language)`` is unique."""

    id: str
    language: str
    text: str

    @property
    def uid(self) -> str:
        """Unique key of this question version: ``"<language>/<id>"``."""
        return f"{self.language}/{self.id}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A retrievable passage: a sentence (``text``) in ``language`` with its paragraph (``context``, may be empty)."""

    id: str
    language: str
    text: str
    context: str = ""


@dataclass(frozen=True, slots=True)
class TrainingPair:
    """A (question, relevant candidate) pair; monolingual when both languages agree."""

    question: Question
    candidate: Candidate

    @property
    def is_monolingual(self) -> bool:
        return self.question.language == self.candidate.language


@dataclass
class ParallelDataset:
    """Questions, candidates and relevance of one dataset (all languages together).

    Args:
        name: short name used in results (``"xquad-r"``, ``"mlqa-r"``, ``"demo"``, ...).
        questions: every question version.
        candidates: every candidate; ids are unique across languages.
        qrels: question id -> candidate id -> relevance grade (> 0 is relevant).
        source: where the data was read from (for messages and provenance).
    """

    name: str
    questions: list[Question]
    candidates: list[Candidate]
    qrels: dict[str, dict[str, int]]
    source: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.questions:
            raise DataError("the dataset has no questions", path=self.source or self.name)
        if not self.candidates:
            raise DataError("the dataset has no candidates", path=self.source or self.name)
        seen: set[str] = set()
        for cand in self.candidates:
            if cand.id in seen:
                raise DataError(f"candidate id {cand.id!r} appears twice", path=self.source or self.name)
            seen.add(cand.id)
        for qid, rels in self.qrels.items():
            for cid in rels:
                if cid not in seen:
                    raise DataError(f"relevance of question {qid!r} names unknown candidate {cid!r}",
                                    path=self.source or self.name)

    # ----- look-ups -------------------------------------------------------------------------------------
    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Languages that have questions or candidates, sorted."""
        return tuple(sorted({q.language for q in self.questions} | {c.language for c in self.candidates}))

    @cached_property
    def fingerprint(self) -> str:
        """A 16-hex-digit hash of the content (questions, candidates with context, relevance; not name or source).

        What a results file records about its data instead of a path: the same data gives the same fingerprint
        on every machine, wherever it lies.
        """
        h = hashlib.sha256()
        for q in sorted(self.questions, key=lambda q: (q.id, q.language)):
            h.update(f"q\x1f{q.id}\x1f{q.language}\x1f{q.text}\x1e".encode())
        for c in sorted(self.candidates, key=lambda c: c.id):
            h.update(f"c\x1f{c.id}\x1f{c.language}\x1f{c.text}\x1f{c.context}\x1e".encode())
        for qid in sorted(self.qrels):
            for cid, grade in sorted(self.qrels[qid].items()):
                h.update(f"r\x1f{qid}\x1f{cid}\x1f{int(grade)}\x1e".encode())
        return h.hexdigest()[:16]

    @cached_property
    def candidate_by_id(self) -> dict[str, Candidate]:
        return {c.id: c for c in self.candidates}

    @cached_property
    def questions_by_language(self) -> dict[str, list[Question]]:
        by_lang: dict[str, list[Question]] = defaultdict(list)
        for q in self.questions:
            by_lang[q.language].append(q)
        return dict(by_lang)

    @cached_property
    def candidates_by_language(self) -> dict[str, list[Candidate]]:
        by_lang: dict[str, list[Candidate]] = defaultdict(list)
        for c in self.candidates:
            by_lang[c.language].append(c)
        return dict(by_lang)

    @cached_property
    def question_languages_by_id(self) -> dict[str, set[str]]:
        by_id: dict[str, set[str]] = defaultdict(set)
        for q in self.questions:
            by_id[q.id].add(q.language)
        return dict(by_id)

    def relevant(self, question_id: str, language: str | None = None) -> dict[str, int]:
        """Relevant candidates (grade > 0) of a question id, optionally only those in ``language``."""
        rels = self.qrels.get(question_id, {})
        by_id = self.candidate_by_id
        return {cid: g for cid, g in rels.items()
                if g > 0 and (language is None or by_id[cid].language == language)}

    # ----- training pairs -------------------------------------------------------------------------------
    def training_pairs(self, *, languages: tuple[str, ...] | None = None) -> Iterator[TrainingPair]:
        """Every (question in X, relevant candidate in Y) pair, monolingual and cross-lingual alike.

        A pair is only formed when the question id exists in X (its translation is given), so with
        MLQA-R a pair (de question, es passage) exists only for questions that have both versions.
        """
        by_id = self.candidate_by_id
        langs = None if languages is None else set(languages)
        for q in self.questions:
            if langs is not None and q.language not in langs:
                continue
            for cid, grade in self.qrels.get(q.id, {}).items():
                if grade <= 0:
                    continue
                cand = by_id[cid]
                if langs is not None and cand.language not in langs:
                    continue
                yield TrainingPair(q, cand)

    # ----- statistics -----------------------------------------------------------------------------------
    def stats(self) -> pd.DataFrame:
        """Per-language statistics: questions, candidates, relevant pairs, parallel coverage.

        ``relevant`` counts (question, relevant candidate in the same language) pairs;
        ``parallel`` is the share of the language's question ids that exist in at least one other
        language; ``cross_pairs`` counts (question in this language, relevant candidate in another).
        """
        rows = []
        langs_by_id = self.question_languages_by_id
        by_id = self.candidate_by_id
        for lang in self.languages:
            qs = self.questions_by_language.get(lang, [])
            mono = cross = 0
            for q in qs:
                for cid, g in self.qrels.get(q.id, {}).items():
                    if g > 0:
                        if by_id[cid].language == lang:
                            mono += 1
                        else:
                            cross += 1
            parallel = sum(1 for q in qs if len(langs_by_id[q.id]) > 1)
            rows.append({
                "language": lang,
                "questions": len(qs),
                "candidates": len(self.candidates_by_language.get(lang, [])),
                "relevant": mono,
                "cross_pairs": cross,
                "parallel": parallel / len(qs) if qs else 0.0,
            })
        table = pd.DataFrame(rows)
        total = {
            "language": "all",
            "questions": len(self.questions),
            "candidates": len(self.candidates),
            "relevant": int(table["relevant"].sum()),
            "cross_pairs": int(table["cross_pairs"].sum()),
            "parallel": sum(1 for ls in langs_by_id.values() if len(ls) > 1) / max(len(langs_by_id), 1),
        }
        return pd.concat([table, pd.DataFrame([total])], ignore_index=True)

    def subset(self, *, languages: tuple[str, ...] | None = None, question_ids: set[str] | None = None,
               name: str | None = None) -> ParallelDataset:
        """A new dataset restricted to some languages and/or question ids (candidates are kept per language)."""
        langs = set(languages) if languages is not None else None
        questions = [q for q in self.questions
                     if (langs is None or q.language in langs) and (question_ids is None or q.id in question_ids)]
        candidates = [c for c in self.candidates if langs is None or c.language in langs]
        kept = {c.id for c in candidates}
        qids = {q.id for q in questions}
        qrels = {qid: {cid: g for cid, g in rels.items() if cid in kept}
                 for qid, rels in self.qrels.items() if qid in qids}
        return ParallelDataset(name or self.name, questions, candidates, qrels, source=self.source,
                               notes=list(self.notes))


def merge_qrels(*parts: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    """Union of several qrels mappings (later grades win)."""
    merged: dict[str, dict[str, int]] = defaultdict(dict)
    for part in parts:
        for qid, rels in part.items():
            merged[qid].update(rels)
    return dict(merged)
