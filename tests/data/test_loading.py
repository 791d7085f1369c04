"""Format registry, auto-detection, load_dataset, shared_data_dir, merge and the demo set."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from hybrid_core.data import (
    FORMATS,
    DataError,
    demo_dataset,
    detect_format,
    load_dataset,
    load_lareqa,
    merge_datasets,
    shared_data_dir,
)
from hybrid_core.data.loading import DEMO_DIR, get_loader
from hybrid_core.languages import XQUAD_R_LANGUAGES

CONTEXT = "Alpha one. Beta two. Gamma three."


def squad_file(path: Path, *, breaks: bool, qid: str = "q1") -> Path:
    para = {"context": CONTEXT, "qas": [{"id": qid, "question": "Beta?", "answers": [{"answer_start": 11}]}]}
    if breaks:
        para["sentence_breaks"] = [[0, 10], [11, 20], [21, 33]]
        para["sentences"] = [CONTEXT[b:e] for b, e in para["sentence_breaks"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"data": [{"title": "t", "paragraphs": [para]}]}), encoding="utf-8")
    return path


def test_detect_format(tmp_path: Path) -> None:
    squad_file(tmp_path / "lareqa" / "en.json", breaks=True)
    squad_file(tmp_path / "squad" / "en.json", breaks=False)
    (tmp_path / "miracl").mkdir()
    (tmp_path / "miracl" / "topics.miracl-v1.0-de-dev.tsv").write_text("1\tq\n", encoding="utf-8")
    (tmp_path / "jsonl").mkdir()
    (tmp_path / "jsonl" / "questions.jsonl").write_text("", encoding="utf-8")
    assert detect_format(tmp_path / "lareqa") == "lareqa"
    assert detect_format(tmp_path / "lareqa" / "en.json") == "lareqa"
    assert detect_format(tmp_path / "squad") == "squad"
    assert detect_format(tmp_path / "squad" / "en.json") == "squad"
    assert detect_format(tmp_path / "miracl") == "miracl"
    assert detect_format(tmp_path / "jsonl") == "jsonl"
    assert detect_format(tmp_path / "jsonl" / "questions.jsonl") == "jsonl"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataError, match="cannot tell the data format of this folder"):
        detect_format(tmp_path / "other")
    with pytest.raises(DataError, match="cannot tell the format of this file"):
        detect_format(tmp_path / "other" / "notes.txt")
    with pytest.raises(FileNotFoundError):
        detect_format(tmp_path / "absent")


def test_load_dataset_formats(tmp_path: Path) -> None:
    squad_file(tmp_path / "d" / "en.json", breaks=True)
    auto = load_dataset(tmp_path / "d", name="mine")
    assert auto.name == "mine" and auto.qrels == {"q1": {"en:0:0:1": 1}}
    assert load_dataset(tmp_path / "d", format="squad").qrels == {"q1": {"en:0:0:1": 1}}
    assert set(FORMATS) == {"auto", "lareqa", "squad", "miracl", "jsonl"}
    with pytest.raises(ValueError, match=r"unknown data format 'lareq'; choose one of .*did you mean 'lareqa'"):
        load_dataset(tmp_path / "d", format="lareq")
    with pytest.raises(ValueError, match="unknown data format"):
        get_loader("csv")
    with pytest.raises(FileNotFoundError):
        load_dataset(tmp_path / "nothing-here")


def test_shared_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HBL_SHARED_DATA", str(tmp_path))
    assert shared_data_dir() == tmp_path
    monkeypatch.setenv("HBL_SHARED_DATA", str(tmp_path / "absent"))
    assert shared_data_dir() is None
    monkeypatch.delenv("HBL_SHARED_DATA")
    default = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    assert shared_data_dir() == (default if default.is_dir() else None)


def test_merge_datasets(tmp_path: Path) -> None:
    a = load_lareqa(squad_file(tmp_path / "a" / "en.json", breaks=True, qid="qa"))
    b = load_lareqa(squad_file(tmp_path / "b" / "en.json", breaks=True, qid="qb"))
    merged = merge_datasets({"train": a, "eval": b}, name="both")
    assert merged.qrels == {"qa": {"train/en:0:0:1": 1}, "qb": {"eval/en:0:0:1": 1}}
    assert len(merged.candidates) == 6
    with pytest.raises(DataError, match=r"question 'qa' \(en\) is in both 'x' and 'y'"):
        merge_datasets({"x": a, "y": a}, name="dup")


@pytest.fixture
def demo_present() -> None:
    if not (DEMO_DIR / "train").is_dir() or not (DEMO_DIR / "eval").is_dir():
        pytest.skip(f"the demo set ({DEMO_DIR}/train and /eval) is not built yet")


@pytest.mark.usefixtures("demo_present")
def test_demo_dataset() -> None:
    train, held_out, both = demo_dataset("train"), demo_dataset("eval"), demo_dataset("all")
    for ds in (train, held_out):
        assert ds.languages == XQUAD_R_LANGUAGES
        assert ds.notes == []
        assert all(len(rels) == 11 for rels in ds.qrels.values())
    assert not set(train.qrels) & set(held_out.qrels)
    assert len(train.question_languages_by_id) + len(held_out.question_languages_by_id) >= 48
    assert len(both.questions) == len(train.questions) + len(held_out.questions)
    assert len(both.candidates) == len(train.candidates) + len(held_out.candidates)
    assert demo_dataset("eval", languages=["en"]).languages == ("en",)
    with pytest.raises(ValueError, match="unknown demo split 'test'"):
        demo_dataset("test")


def test_real_auto_detection_and_speed(shared_data: Path) -> None:
    for folder, fmt in (("xquad-r", "lareqa"), ("mlqa-r", "lareqa"), ("miracl", "miracl")):
        assert detect_format(shared_data / folder) == fmt
    start = time.perf_counter()
    ds = load_dataset(shared_data / "xquad-r")
    assert time.perf_counter() - start < 5
    assert len(ds.questions) == 11 * 1190 and len(ds.candidates) == 13_014
    assert load_dataset(shared_data / "mlqa-r", languages=["en"]).stats().iloc[0]["candidates"] == 6264
