"""Generic JSONL format: the documented example loads; every validation error names file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hybrid_core.data import DataError, load_dataset, load_jsonl

QUESTIONS = [
    {"id": "q1", "language": "en", "text": "Who wrote Faust?"},
    {"id": "q1", "language": "de", "text": "Wer schrieb Faust?"},
    {"id": "q2", "language": "en", "text": "Where is the Rhine?"},
]
CANDIDATES = [
    {"id": "en-1", "language": "en", "text": "Goethe wrote Faust.",
     "context": "Goethe wrote Faust. He lived in Weimar."},
    {"id": "en-2", "language": "en", "text": "He lived in Weimar."},
    {"id": "de-1", "language": "de", "text": "Goethe schrieb Faust."},
    {"id": "en-3", "language": "en", "text": "The Rhine flows through Germany."},
]
QRELS = [
    {"question_id": "q1", "candidate_id": "en-1"},
    {"question_id": "q1", "candidate_id": "de-1", "relevance": 1},
    {"question_id": "q1", "candidate_id": "en-2", "relevance": 0},
    {"question_id": "q2", "candidate_id": "en-3"},
]


def write(folder: Path, questions=QUESTIONS, candidates=CANDIDATES, qrels=QRELS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, records in (("questions", questions), ("candidates", candidates), ("qrels", qrels)):
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_load(tmp_path: Path) -> None:
    ds = load_jsonl(write(tmp_path / "mine"))
    assert ds.name == "mine" and ds.languages == ("de", "en")
    assert ds.qrels == {"q1": {"en-1": 1, "de-1": 1, "en-2": 0}, "q2": {"en-3": 1}}
    assert ds.candidate_by_id["en-1"].context.startswith("Goethe wrote Faust.")
    assert ds.candidate_by_id["en-2"].context == ""
    stats = ds.stats().set_index("language")
    assert stats.loc["en", "relevant"] == 2 and stats.loc["en", "cross_pairs"] == 1
    assert stats.loc["de", "relevant"] == 1 and stats.loc["de", "cross_pairs"] == 1
    # a file inside the folder works too, and auto-detection finds the format
    assert load_jsonl(tmp_path / "mine" / "qrels.jsonl").name == "mine"
    assert len(load_dataset(tmp_path / "mine").questions) == 3


def test_languages(tmp_path: Path) -> None:
    ds = load_jsonl(write(tmp_path), languages=["de"])
    assert ds.languages == ("de",)
    assert ds.qrels == {"q1": {"de-1": 1}}
    with pytest.raises(DataError, match=r"language\(s\) fr not in the data; available: de, en"):
        load_jsonl(tmp_path, languages=["fr"])


def test_blank_lines_and_notes(tmp_path: Path) -> None:
    ds = load_jsonl(write(tmp_path, qrels=["", *QRELS[:3], ""]))
    assert "1 question ids have no relevant candidate, e.g. 'q2'" in ds.notes[0]


@pytest.mark.parametrize(("files", "pattern"), [
    ({"questions": [*QUESTIONS[:1], '{"id": "q9", "language": "en", "text": '], },
     r"questions\.jsonl, line 2: malformed JSON"),
    ({"questions": [{"id": "q1", "text": "no language"}]}, r"questions\.jsonl, line 1, field 'language': missing"),
    ({"candidates": [*CANDIDATES, {"id": "x", "language": "en"}]}, r"candidates\.jsonl, line 5, field 'text'"),
    ({"questions": [{"id": "q1", "language": "klingon", "text": "?"}]},
     r"questions\.jsonl, line 1, field 'language': unknown language code 'klingon'"),
    ({"questions": [QUESTIONS[0], QUESTIONS[0]]}, r"questions\.jsonl, line 2: question 'q1' in 'en' appears twice"),
    ({"candidates": [*CANDIDATES, CANDIDATES[0]]}, r"candidates\.jsonl, line 5, field 'id': candidate id 'en-1'"),
    ({"qrels": [{"question_id": "nope", "candidate_id": "en-1"}]}, r"qrels\.jsonl, line 1, field 'question_id'"),
    ({"qrels": [{"question_id": "q1", "candidate_id": "nope"}]}, r"qrels\.jsonl, line 1, field 'candidate_id'"),
    ({"qrels": [{"question_id": "q1", "candidate_id": "en-1", "relevance": "high"}]},
     r"qrels\.jsonl, line 1, field 'relevance': expected an integer >= 0"),
    ({"questions": [{"id": "", "language": "en", "text": "?"}]}, r"line 1, field 'id': expected a non-empty string"),
    ({"questions": ["[1, 2]"]}, r"questions\.jsonl, line 1: expected a JSON object, got list"),
    ({"questions": [], "qrels": []}, r"the dataset has no questions"),
    ({"candidates": [], "qrels": []}, r"the dataset has no candidates"),
])
def test_errors(tmp_path: Path, files: dict, pattern: str) -> None:
    kwargs = {"questions": QUESTIONS, "candidates": CANDIDATES, "qrels": QRELS, **files}
    write(tmp_path, **kwargs)
    with pytest.raises(DataError, match=pattern):
        load_jsonl(tmp_path)


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_jsonl(tmp_path / "missing")
    write(tmp_path)
    (tmp_path / "qrels.jsonl").unlink()
    with pytest.raises(FileNotFoundError, match=r"qrels\.jsonl does not exist.*docs/data-formats\.md"):
        load_jsonl(tmp_path)
