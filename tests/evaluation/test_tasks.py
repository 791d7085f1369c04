"""Task declarations: validation, look-up by name and by dataset, the candidate texts fed to the encoder."""

from __future__ import annotations

import pytest
from evalkit import parallel_dataset

from hybrid_core.data.schema import Candidate, ParallelDataset, Question
from hybrid_core.evaluation.tasks import (
    MIRACL,
    MLQA_R,
    TASKS,
    XQUAD_R,
    TaskMetadata,
    candidate_text,
    candidate_texts,
    get_task,
    task_for_dataset,
)
from hybrid_core.languages import MLQA_R_LANGUAGES, XQUAD_R_LANGUAGES


def test_declarations() -> None:
    assert XQUAD_R.languages == XQUAD_R_LANGUAGES and len(XQUAD_R.languages) == 11
    assert MLQA_R.languages == MLQA_R_LANGUAGES and len(MLQA_R.languages) == 7
    assert XQUAD_R.measures == ("AP@20", "R@1", "R@10", "nDCG@10", "nDCG@20") and XQUAD_R.main_metric == "AP@20"
    assert XQUAD_R.pool == "lareqa" and XQUAD_R.candidate_text == "sentence+context"
    assert MIRACL.pool == "per-language" and MIRACL.measures == ("nDCG@10", "R@100")
    assert MIRACL.candidate_text == "title+text" and MIRACL.main_setting == "monolingual"
    assert all(t.description for t in TASKS.values())


@pytest.mark.parametrize(("changes", "message"), [
    ({"pool": "pairs"}, "unknown pool rule"),
    ({"candidate_text": "paragraph"}, "unknown candidate_text"),
    ({"main_setting": "mixed"}, "unknown main_setting"),
    ({"languages": ("en", "xx")}, "unknown language code 'xx'"),
    ({"measures": ("MAP@20",)}, "unknown measure"),
    ({"main_metric": "R@100"}, "not among its measures"),
])
def test_invalid_declarations(changes: dict, message: str) -> None:
    fields = {"name": "t", "description": "d", "languages": ("en",), "pool": "lareqa", "measures": ("AP@20",),
              "main_metric": "AP@20", "main_setting": "multilingual", **changes}
    with pytest.raises(ValueError, match=message):
        TaskMetadata(**fields)


def test_lookup() -> None:
    assert get_task("XQuAD-R") is XQUAD_R and get_task("demo-eval").name == "demo" and get_task(MLQA_R) is MLQA_R
    with pytest.raises(ValueError, match="did you mean 'mlqa-r'"):
        get_task("mlqa")


def test_task_for_dataset() -> None:
    assert task_for_dataset(parallel_dataset("xquad-r")) is XQUAD_R
    assert task_for_dataset(parallel_dataset("demo-train")).name == "demo"
    assert task_for_dataset(parallel_dataset("my-data")).name == "parallel"
    mono = ParallelDataset("my-mono", [Question("de:1", "de", "Frage"), Question("fr:1", "fr", "Question")],
                           [Candidate("de:a", "de", "Antwort"), Candidate("fr:a", "fr", "Réponse")],
                           {"de:1": {"de:a": 1}, "fr:1": {"fr:a": 1}})
    assert task_for_dataset(mono).name == "monolingual"
    assert task_for_dataset(ParallelDataset("miracl-dev", mono.questions, mono.candidates, mono.qrels)) is MIRACL


def test_candidate_texts() -> None:
    cand = Candidate("c", "en", "Paris is big.", "Paris is big. It has parks.")
    assert candidate_text(cand, "sentence") == "Paris is big."
    assert candidate_text(cand, "sentence+context") == "Paris is big. Paris is big. It has parks."
    assert candidate_text(Candidate("d", "de", "Text.", "Titel"), "title+text") == "Titel Text."
    assert candidate_text(Candidate("e", "en", "Alone."), "sentence+context") == "Alone."
    with pytest.raises(ValueError, match="unknown candidate text"):
        candidate_texts([cand], "context")
