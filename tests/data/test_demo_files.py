"""The shipped demo dataset (hybrid_core/data/demo): files, layout, parallelism and offsets.

Checks the JSON files themselves with nothing but json + pathlib, so a broken file is caught even when the
loader is broken; one extra test loads the set through ``hybrid_core.data.demo_dataset`` when it exists.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "hybrid_core" / "data" / "demo"
LANGUAGES = ("ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh")
SPLITS = ("train", "eval")
MIN_QUESTION_IDS = 48


def _load(split: str, language: str) -> dict:
    return json.loads((DEMO / split / f"{language}.json").read_text(encoding="utf-8"))


def _paragraphs(doc: dict):
    for article in doc["data"]:
        yield from article["paragraphs"]


@pytest.fixture(scope="module")
def docs() -> dict[tuple[str, str], dict]:
    return {(split, lang): _load(split, lang) for split in SPLITS for lang in LANGUAGES}


def test_every_split_has_exactly_the_11_languages():
    for split in SPLITS:
        found = sorted(p.stem for p in (DEMO / split).glob("*.json"))
        assert found == sorted(LANGUAGES), f"{split}: {found}"


def test_license_and_readme_ship_with_the_data():
    license_text = (DEMO / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in license_text
    assert "creativecommons.org/licenses/by/4.0" in license_text
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "## Counts" in readme


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_file_layout(split: str, language: str):
    doc = _load(split, language)
    assert set(doc) == {"version", "data"} and doc["version"] == "hbl-demo-1.0"
    assert doc["data"], "no articles"
    for article in doc["data"]:
        assert isinstance(article["title"], str) and article["title"].strip()
        assert article["paragraphs"]
        for paragraph in article["paragraphs"]:
            assert set(paragraph) == {"context", "sentences", "sentence_breaks", "qas"}
            assert paragraph["qas"]
            for qa in paragraph["qas"]:
                assert set(qa) == {"id", "question", "answers"}
                assert isinstance(qa["question"], str) and qa["question"].strip()
                assert len(qa["answers"]) == 1
                assert set(qa["answers"][0]) == {"text", "answer_start"}
                assert isinstance(qa["answers"][0]["answer_start"], int)


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_sentence_breaks_reproduce_sentences(split: str, language: str):
    for paragraph in _paragraphs(_load(split, language)):
        context, sentences, breaks = paragraph["context"], paragraph["sentences"], paragraph["sentence_breaks"]
        assert len(sentences) >= 3
        assert len(breaks) == len(sentences)
        previous_end = 0
        for sentence, (begin, end) in zip(sentences, breaks):
            assert previous_end <= begin < end <= len(context)
            assert context[begin:end] == sentence
            assert sentence == sentence.strip()
            assert context[previous_end:begin].strip() == "", "text between sentences is not covered by a span"
            previous_end = end
        assert context[previous_end:].strip() == ""


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_lies_inside_exactly_one_sentence(split: str, language: str):
    for paragraph in _paragraphs(_load(split, language)):
        context, breaks = paragraph["context"], paragraph["sentence_breaks"]
        for qa in paragraph["qas"]:
            answer = qa["answers"][0]
            text, start = answer["text"], answer["answer_start"]
            assert text and context[start : start + len(text)] == text, qa["id"]
            inside = [i for i, (b, e) in enumerate(breaks) if b <= start and start + len(text) <= e]
            assert len(inside) == 1, f"{language} {qa['id']}: answer {text!r} in sentences {inside}"


def test_questions_are_parallel_across_all_languages(docs):
    ids: dict[str, dict[str, set[str]]] = {split: {} for split in SPLITS}
    for (split, language), doc in docs.items():
        found = [qa["id"] for p in _paragraphs(doc) for qa in p["qas"]]
        assert len(found) == len(set(found)), f"{split}/{language}: duplicate question ids"
        ids[split][language] = set(found)
    for split in SPLITS:
        reference = ids[split]["en"]
        for language in LANGUAGES:
            assert ids[split][language] == reference, f"{split}/{language} differs from en"
    assert not ids["train"]["en"] & ids["eval"]["en"], "train and eval share question ids"
    assert len(ids["train"]["en"]) + len(ids["eval"]["en"]) >= MIN_QUESTION_IDS


def test_parallel_structure_and_no_text_shared_between_splits(docs):
    """Each question id has the same paragraph position and answer-sentence index in every language."""
    for split in SPLITS:
        layout: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for language in LANGUAGES:
            for p_index, paragraph in enumerate(_paragraphs(docs[split, language])):
                breaks = paragraph["sentence_breaks"]
                for qa in paragraph["qas"]:
                    start = qa["answers"][0]["answer_start"]
                    sentence = next(i for i, (b, e) in enumerate(breaks) if b <= start < e)
                    layout[qa["id"]].add((p_index, sentence))
        assert all(len(v) == 1 for v in layout.values()), {k: v for k, v in layout.items() if len(v) > 1}
    for language in LANGUAGES:
        train = {s for p in _paragraphs(docs["train", language]) for s in p["sentences"]}
        held_out = {s for p in _paragraphs(docs["eval", language]) for s in p["sentences"]}
        assert not train & held_out, f"{language}: sentences shared by train and eval"


def test_script_conventions(docs):
    """Chinese sentences end with 。, Hindi ones with ।, and Thai paragraphs separate sentences with a space."""
    for split in SPLITS:
        for paragraph in _paragraphs(docs[split, "zh"]):
            assert all(s.endswith("。") for s in paragraph["sentences"])
        for paragraph in _paragraphs(docs[split, "hi"]):
            assert all(s.endswith("।") for s in paragraph["sentences"])
        for paragraph in _paragraphs(docs[split, "th"]):
            breaks = paragraph["sentence_breaks"]
            assert all(paragraph["context"][e:b] == " " for (_, e), (b, _) in pairwise(breaks))


def test_generated_files_match_their_source_texts():
    """The JSON files and README are exactly what build_demo.py makes from demo_texts.py (nothing edited by hand)."""
    result = subprocess.run(
        [sys.executable, str(DEMO / "build_demo.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_demo_files_are_tracked_by_git():
    root = DEMO.parents[2]
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "hybrid_core/data/demo"], cwd=root, capture_output=True, text=True, timeout=60
    )
    if listed.returncode != 0:
        pytest.skip(f"git unavailable: {listed.stderr.strip()}")
    tracked = set(listed.stdout.split())
    expected = {f"hybrid_core/data/demo/{split}/{lang}.json" for split in SPLITS for lang in LANGUAGES}
    expected |= {"hybrid_core/data/demo/LICENSE", "hybrid_core/data/demo/README.md"}
    assert expected <= tracked, sorted(expected - tracked)


def test_loader_reads_the_demo_set_when_available():
    try:
        data = importlib.import_module("hybrid_core.data")
    except ImportError as error:  # pragma: no cover - depends on the package state
        pytest.skip(f"hybrid_core.data not importable: {error}")
    demo_dataset = getattr(data, "demo_dataset", None)
    if demo_dataset is None:
        pytest.skip("hybrid_core.data.demo_dataset not available yet")
    expected_ids = {split: {qa["id"] for p in _paragraphs(_load(split, "en")) for qa in p["qas"]} for split in SPLITS}
    for split in SPLITS:
        ds = demo_dataset(split)
        assert sorted(ds.languages) == sorted(LANGUAGES)
        assert {q.id for q in ds.questions} == expected_ids[split]
        assert len(ds.questions) == len(expected_ids[split]) * len(LANGUAGES)
        n_sentences = sum(len(p["sentences"]) for lang in LANGUAGES for p in _paragraphs(_load(split, lang)))
        assert len(ds.candidates) == n_sentences
        # every question id has one relevant sentence per language (11-way parallel, like XQuAD-R)
        language_of = {c.id: c.language for c in ds.candidates}
        for qid in expected_ids[split]:
            relevant = [cid for cid, grade in ds.qrels[qid].items() if grade > 0]
            assert sorted(language_of[cid] for cid in relevant) == sorted(LANGUAGES), qid
