"""Fixtures of the training tests: a synthetic parallel dataset like MLQA-R."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from hybrid_core.data.schema import Candidate, ParallelDataset, Question

LANGS = ("ar", "de", "en", "es", "hi", "vi", "zh")


def synthetic_dataset(num_questions: int = 600, *, seed: int = 0, languages: tuple[str, ...] = LANGS,
                      share_sentences: int = 3, duplicate_texts: int = 40) -> ParallelDataset:
    """Parallel questions in 2-4 languages (always "en"), like MLQA-R.

    ``share_sentences`` consecutive questions share one relevant sentence per language (several questions
    about one sentence, as in SQuAD-style data); ``duplicate_texts`` sentences reuse the text of another
    sentence under a different id, so a test can catch a sampler that only checks candidate ids.
    """
    rng = random.Random(seed)
    questions, candidates, qrels = [], [], {}
    texts: dict[str, str] = {}
    for q in range(num_questions):
        qid = f"q{q:05d}"
        others = [lang for lang in languages if lang != "en"]
        langs = ["en", *rng.sample(others, rng.randint(1, 3))] if "en" in languages else rng.sample(
            list(languages), 2)
        sentence = q // share_sentences
        qrels[qid] = {}
        for lang in langs:
            questions.append(Question(qid, lang, f"[{lang}] question {q}?"))
            cid = f"{lang}:{sentence}"
            if cid not in texts:
                texts[cid] = f"[{lang}] sentence {sentence}."
                candidates.append(Candidate(cid, lang, texts[cid]))
            qrels[qid][cid] = 1
    # other sentences with a text identical to an existing one (different id, same text)
    existing = list(candidates)
    for k in range(duplicate_texts):
        src = existing[rng.randrange(len(existing))]
        cid = f"{src.language}:dup{k}"
        candidates.append(Candidate(cid, src.language, src.text))
        # make it relevant to some question of that language so it appears in pairs
        owner = rng.choice([q for q in questions if q.language == src.language])
        qrels[owner.id][cid] = 1
    return ParallelDataset("synthetic", questions, candidates, qrels, source="synthetic")


@pytest.fixture(scope="session")
def make_synthetic() -> Callable[..., ParallelDataset]:
    """:func:`synthetic_dataset` itself, for tests that need their own variant."""
    return synthetic_dataset
