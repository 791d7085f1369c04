"""Our generic JSONL format for users' own parallel retrieval data (documented in ``docs/data-formats.md``).

A folder with three files, one JSON object per line (blank lines are ignored):

``questions.jsonl``
    ``{"id": "q1", "language": "en", "text": "Who wrote Faust?"}`` — the translations of a question share
    its ``id``; ``(id, language)`` must be unique.
``candidates.jsonl``
    ``{"id": "en-1", "language": "en", "text": "Goethe wrote Faust.", "context": "..."}`` — ``context``
    (the surrounding paragraph, or a title) is optional; ``id`` must be unique across all languages.
``qrels.jsonl``
    ``{"question_id": "q1", "candidate_id": "en-1", "relevance": 1}`` — ``relevance`` is optional (default
    1; 0 means judged non-relevant). Relevance is keyed by the question id, so it holds for every translation
    of the question; give the relevant candidate of every language. A repeated (question, candidate) line with
    the same relevance is tolerated (with a note); with another relevance it is an error.

``language`` is any code :mod:`hybrid_core.languages` reads (``de``, ``deu``, ``de-DE``, ``deu_Latn``, ...); the
dataset holds canonical codes. Within one file two codes that fold into one (``en`` and ``en-US``) are refused;
a region dropped (``en-US`` -> ``en``) is noted in ``dataset.notes``. Files are UTF-8 (a byte-order mark is
tolerated).

Example:
    >>> ds = load_jsonl("my-data/", languages=["en", "de"])  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from hybrid_core.data.loading import (
    LanguageReader,
    PathLike,
    check_exists,
    check_languages,
    read_lines,
    script_notes,
    warn_notes,
)
from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, Question

#: file name -> required fields, optional fields.
FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "questions.jsonl": (("id", "language", "text"), ()),
    "candidates.jsonl": (("id", "language", "text"), ("context",)),
    "qrels.jsonl": (("question_id", "candidate_id"), ("relevance",)),
}


def read_records(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    """``(line number, record)`` of a JSONL file, checking JSON syntax and that the fields are present and typed.

    String fields must be non-empty strings (``relevance`` an integer >= 0); unknown fields are ignored. The file
    is UTF-8 (a byte-order mark is tolerated).
    """
    for number, line in read_lines(path):
        if not line.strip():
            continue
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"malformed JSON at column {exc.colno}: {exc.msg}", path=path, record=number) from None
        if not isinstance(record, dict):
            raise DataError(f"expected a JSON object, got {type(record).__name__}", path=path, record=number)
        for key in required:
            if key not in record:
                raise DataError("missing field", path=path, record=number, field=key)
        for key in (*required, *optional):
            if key not in record:
                continue
            value = record[key]
            if key == "relevance":
                if type(value) is not int or value < 0:
                    raise DataError(f"expected an integer >= 0, got {value!r:.40}", path=path, record=number,
                                    field=key)
            elif key == "context":
                if not isinstance(value, str):
                    raise DataError(f"expected a string, got {value!r:.40}", path=path, record=number, field=key)
            elif not isinstance(value, str) or not value.strip():
                raise DataError(f"expected a non-empty string, got {value!r:.40}", path=path, record=number,
                                field=key)
        yield number, record


def load_jsonl(path: PathLike, *, languages: Iterable[str] | str | None = None,
               name: str | None = None) -> ParallelDataset:
    """Load our generic JSONL format (see the module docstring).

    Args:
        path: the folder holding ``questions.jsonl``, ``candidates.jsonl`` and ``qrels.jsonl`` (or one of them).
        languages: keep only questions and candidates in these languages.
        name: dataset name (default: the folder name).

    Raises:
        FileNotFoundError: the folder or one of the three files does not exist.
        DataError: malformed JSON or bytes that are not UTF-8 (file and line), a missing field (file, line,
            field), an unknown language, two codes of one file folding into one language, a duplicate id, a
            relevance naming an unknown question or candidate, one (question, candidate) judged twice with
            different relevance (file and both lines), an empty dataset.
    """
    root = check_exists(path)
    if root.is_file():
        root = root.parent
    for file_name in FILES:
        if not (root / file_name).is_file():
            raise FileNotFoundError(f"{root / file_name} does not exist: the generic JSONL format needs "
                                    f"{', '.join(FILES)} in one folder (see docs/data-formats.md)")
    wanted = check_languages(languages)
    found_languages: set[str] = set()
    readers = {file_name: LanguageReader() for file_name in ("questions.jsonl", "candidates.jsonl")}

    questions: list[Question] = []
    question_ids: set[str] = set()
    seen_questions: set[tuple[str, str]] = set()
    q_path = root / "questions.jsonl"
    for number, rec in read_records(q_path, *FILES["questions.jsonl"]):
        lang = readers["questions.jsonl"].read(rec["language"], path=q_path, record=number, field="language")
        found_languages.add(lang)
        if (rec["id"], lang) in seen_questions:
            raise DataError(f"question {rec['id']!r} in {lang!r} appears twice", path=q_path, record=number)
        seen_questions.add((rec["id"], lang))
        question_ids.add(rec["id"])
        if wanted is None or lang in wanted:
            questions.append(Question(rec["id"], lang, rec["text"].strip()))

    candidates: list[Candidate] = []
    candidate_language: dict[str, str] = {}
    c_path = root / "candidates.jsonl"
    for number, rec in read_records(c_path, *FILES["candidates.jsonl"]):
        lang = readers["candidates.jsonl"].read(rec["language"], path=c_path, record=number, field="language")
        found_languages.add(lang)
        if rec["id"] in candidate_language:
            raise DataError(f"candidate id {rec['id']!r} appears twice", path=c_path, record=number, field="id")
        candidate_language[rec["id"]] = lang
        if wanted is None or lang in wanted:
            candidates.append(Candidate(rec["id"], lang, rec["text"].strip(), rec.get("context", "")))

    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    judged_on: dict[tuple[str, str], tuple[int, int]] = {}  # (question, candidate) -> (line, relevance)
    notes: list[str] = [note for reader in readers.values() for note in reader.notes]
    notes += script_notes(found_languages)
    r_path = root / "qrels.jsonl"
    for number, rec in read_records(r_path, *FILES["qrels.jsonl"]):
        if rec["question_id"] not in question_ids:
            raise DataError(f"unknown question id {rec['question_id']!r} (not in questions.jsonl)", path=r_path,
                            record=number, field="question_id")
        lang = candidate_language.get(rec["candidate_id"])
        if lang is None:
            raise DataError(f"unknown candidate id {rec['candidate_id']!r} (not in candidates.jsonl)", path=r_path,
                            record=number, field="candidate_id")
        pair = (rec["question_id"], rec["candidate_id"])
        grade = rec.get("relevance", 1)
        if pair in judged_on:
            line, earlier = judged_on[pair]
            if earlier != grade:
                raise DataError(f"question {pair[0]!r} and candidate {pair[1]!r} are judged twice with different "
                                f"relevance: {earlier} on line {line} and {grade} on line {number}; keep one line",
                                path=r_path, record=number)
            notes.append(f"qrels.jsonl: line {number} repeats line {line} (question {pair[0]!r}, candidate "
                         f"{pair[1]!r}, relevance {grade}); counted once")
            continue
        judged_on[pair] = (number, grade)
        if wanted is None or lang in wanted:
            qrels[rec["question_id"]][rec["candidate_id"]] = grade

    if wanted is not None:
        missing = [lang for lang in wanted if lang not in found_languages]
        if missing:
            raise DataError(f"language(s) {', '.join(missing)} not in the data; available: "
                            f"{', '.join(sorted(found_languages))}", path=root)
    kept_ids = {q.id for q in questions}
    qrels = {qid: rels for qid, rels in qrels.items() if qid in kept_ids}
    unjudged = sorted({q.id for q in questions if not any(g > 0 for g in qrels.get(q.id, {}).values())})
    if unjudged:
        notes.append(f"{len(unjudged)} question ids have no relevant candidate, e.g. {unjudged[0]!r}")
    warn_notes(notes, source=root, what="notes")
    return ParallelDataset(name or root.name, questions, candidates, dict(qrels), source=str(root), notes=notes)
