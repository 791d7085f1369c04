"""The bias probe with an index-side remedy, on a tiny hand-made case whose answer is known: a German question
about topic A, whose German wrong answer (topic B) outranks the right English answer because of a shared language
direction. Centering (fitted on the index) and SHIFT (fitted on parallel training pairs) both lift the English
answer above it; ``none`` changes nothing; the remedy's index is built once and queries are transformed by their
language."""

from __future__ import annotations

import numpy as np
import pytest

from hybrid_core import probe
from hybrid_core.data.schema import Candidate, ParallelDataset, Question

S = 1 / np.sqrt(2)
VECTORS = {  # axis 0: topic A, axis 1: topic B, axis 2: the German language direction
    "A en": [1, 0, 0], "A de": [S, 0, S], "B en": [0, 1, 0], "B de": [0, S, S],
    "X en": [1, 0, 0], "X de": [S, 0, S], "Y en": [0, 1, 0], "Y de": [0, S, S],  # training pairs (parallel)
    "which A? (de)": [0.4, 0, 0.9], "which A? (en)": [1, 0, 0.1],
    "which B? (de)": [0, 0.4, 0.9], "which B? (en)": [0, 1, 0.1], "typed about A": [0.4, 0, 0.9],
}


class TableEncoder:
    """An encoder that looks texts up in :data:`VECTORS` (rows L2-normalised)."""

    identity = "table-encoder-v1"
    dimension = 3

    def encode(self, texts, *, role, batch_size=64, progress=False, **_):
        rows = np.array([VECTORS[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def dataset(name: str, topics: tuple[str, str]) -> ParallelDataset:
    questions = [Question(t, lang, f"which {t}? ({lang})") for t in topics for lang in ("de", "en")] \
        if name == "pool" else [Question(t, lang, f"{t} {lang}") for t in topics for lang in ("de", "en")]
    candidates = [Candidate(f"{t}-{lang}", lang, f"{t} {lang}") for t in topics for lang in ("de", "en")]
    qrels = {t: {f"{t}-de": 1, f"{t}-en": 1} for t in topics}
    return ParallelDataset(name, questions, candidates, qrels)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("HBL_CACHE_DIR", str(tmp_path / "cache"))
    encoder = TableEncoder()
    pool = dataset("pool", ("A", "B"))
    return encoder, probe.build_index(encoder, pool, use_cache=False), pool


def ranking(index, encoder, question) -> list[str]:
    return list(probe.probe_query(index, encoder, question.text, k=4, question=question)["candidate_id"])


def test_plain_index_ranks_the_same_language_wrong_answer_above_the_english_answer(setup):
    encoder, index, pool = setup
    assert ranking(index, encoder, pool.questions[0]) == ["A-de", "B-de", "A-en", "B-en"]
    assert probe.remedy_index(index, encoder, "none") is index


@pytest.mark.parametrize("remedy", ["centering", "lir:1", "shift:1"])
def test_a_remedy_lifts_the_other_language_answer(setup, remedy):
    encoder, index, pool = setup
    estimation = dataset("train", ("X", "Y"))
    remedied = probe.remedy_index(index, encoder, remedy, estimation=estimation, use_cache=False)
    assert remedied.remedy_name.startswith(remedy) and index.remedy is None
    order = ranking(remedied, encoder, pool.questions[0])
    assert order.index("A-en") < order.index("B-de"), order  # the right answer in English now beats the wrong
    before = probe.question_landing(index, encoder, pool.questions[0])
    after = probe.question_landing(remedied, encoder, pool.questions[0])
    assert after.rank_distance < before.rank_distance
    shares = probe.aggregate_bias(remedied, encoder, k=1, per_language=None, use_cache=False).rank_distances
    plain = probe.aggregate_bias(index, encoder, k=1, per_language=None, use_cache=False).rank_distances
    assert shares["value"].mean() < plain["value"].mean()


def test_a_query_transform_needs_the_query_language(setup):
    encoder, index, _ = setup
    centred = probe.remedy_index(index, encoder, "centering", use_cache=False)
    with pytest.raises(probe.ProbeError, match="choose the query's language"):
        probe.probe_query(centred, encoder, "typed about A", k=2)  # not a dataset question: language unknown
    hits = probe.probe_query(centred, encoder, "typed about A", k=4, language="de")
    assert list(hits["candidate_id"]) == ranking(centred, encoder, centred.dataset.questions[0])
    shifted = probe.remedy_index(index, encoder, "shift:0.5", estimation=dataset("train", ("X", "Y")),
                                 use_cache=False)
    assert len(probe.probe_query(shifted, encoder, "which A? (de)", k=2)) == 2  # SHIFT leaves queries alone


def test_remedy_errors_are_probe_errors(setup):
    encoder, index, _ = setup
    with pytest.raises(probe.ProbeError, match="training data"):
        probe.remedy_index(index, encoder, "shift:0.5", use_cache=False)  # 'pool' has no known training split
    with pytest.raises(probe.ProbeError, match="lir"):
        probe.remedy_index(index, encoder, "lir:0.5")
    with pytest.raises(probe.ProbeError, match="shares 2 question ids"):
        probe.remedy_index(index, encoder, "centering,fit=train", estimation=dataset("pool", ("A", "B")),
                           use_cache=False)
    assert probe.estimation_pool("demo-eval").name == "demo-train"
