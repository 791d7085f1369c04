"""Calibration texts for static int8 quantisation (NNCF), taken from training-language data.

Static quantisation fixes the activation ranges of every quantised layer from a calibration set, so
that set must look like what the encoder will see: questions with the query prefix and candidates
(sentence + paragraph, or sentence alone) with the passage prefix, in the training languages. The
default set comes from the shipped demo training split (never from an evaluation set); when the demo
set is not installed, from MLQA-R (the training side of the standing MLQA-R -> XQuAD-R protocol) in
the shared data folder. A user may pass their own texts.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from hybrid_core.data import demo_dataset, load_dataset, shared_data_dir

DEFAULT_SIZE = 300
DEFAULT_SEED = 0


@dataclass(frozen=True)
class CalibrationSet:
    """Prefixed texts for calibration and where they came from (recorded in the cache metadata).

    Attributes:
        texts: the texts exactly as encoded (prefix included).
        source: a short description (``"demo-train"``, ``"mlqa-r"``, ``"user"``).
        details: anything else worth recording (sizes per role, seed).
    """

    texts: tuple[str, ...]
    source: str
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.texts:
            raise ValueError(f"calibration set {self.source!r} holds no texts")
        if any(not isinstance(text, str) or not text.strip() for text in self.texts):
            raise ValueError(f"calibration set {self.source!r} holds an empty or non-string text")

    @property
    def digest(self) -> str:
        """A short hash of the texts (it names the cached int8-static model and enters its identity)."""
        return hashlib.sha256(json.dumps(self.texts, ensure_ascii=False).encode()).hexdigest()[:10]

    def metadata(self) -> dict:
        """What the cache records about this set."""
        return {"source": self.source, "size": len(self.texts), "digest": self.digest, **self.details}


def _round_robin(groups: dict[str, list[str]], limit: int, rng: random.Random) -> list[str]:
    """Up to ``limit`` items taken in turn from each group (groups shuffled with ``rng``), balanced by group."""
    pools = {key: rng.sample(items, len(items)) for key, items in sorted(groups.items())}
    chosen: list[str] = []
    while len(chosen) < limit and any(pools.values()):
        for key in sorted(pools):
            if pools[key] and len(chosen) < limit:
                chosen.append(pools[key].pop())
    return chosen


def from_dataset(dataset, prompts: dict[str, str], *, size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED,
                 source: str | None = None) -> CalibrationSet:
    """Half questions (query prefix), half candidates (passage prefix), balanced over languages.

    Candidates alternate between ``"sentence paragraph"`` (the evaluation default) and the sentence alone.
    """
    if size < 2:
        raise ValueError(f"calibration size must be at least 2, got {size}")
    rng = random.Random(seed)
    questions: dict[str, list[str]] = defaultdict(list)
    for question in dataset.questions:
        questions[question.language].append(prompts["query"] + question.text)
    candidates: dict[str, list[str]] = defaultdict(list)
    for index, candidate in enumerate(dataset.candidates):
        text = candidate.text
        if candidate.context and index % 2 == 0:
            text = f"{candidate.text} {candidate.context}"
        candidates[candidate.language].append(prompts["passage"] + text)
    chosen_q = _round_robin(questions, size // 2, rng)
    chosen_c = _round_robin(candidates, size - len(chosen_q), rng)
    texts = tuple(chosen_q + chosen_c)
    return CalibrationSet(texts, source or getattr(dataset, "name", "dataset"),
                          {"queries": len(chosen_q), "passages": len(chosen_c), "seed": seed,
                           "languages": sorted(set(questions) | set(candidates))})


def from_texts(texts: Sequence[str], prompts: dict[str, str], *, size: int = DEFAULT_SIZE) -> CalibrationSet:
    """A user-given list: texts at even positions get the query prefix, odd positions the passage prefix."""
    texts = [str(text) for text in texts][:size]
    prefixed = tuple((prompts["query"] if i % 2 == 0 else prompts["passage"]) + text for i, text in enumerate(texts))
    return CalibrationSet(prefixed, "user", {"queries": (len(texts) + 1) // 2, "passages": len(texts) // 2})


def default_calibration(prompts: dict[str, str], *, size: int = DEFAULT_SIZE,
                        seed: int = DEFAULT_SEED) -> CalibrationSet:
    """The default set: the demo training split, else MLQA-R from the shared data folder.

    Raises:
        FileNotFoundError: neither is available (pass your own texts as ``calibration=[...]``).
    """

    try:
        return from_dataset(demo_dataset("train"), prompts, size=size, seed=seed, source="demo-train")
    except FileNotFoundError:
        pass
    shared = shared_data_dir()
    if shared is not None and (shared / "mlqa-r").is_dir():
        return from_dataset(load_dataset(shared / "mlqa-r", format="lareqa"), prompts, size=size, seed=seed,
                            source="mlqa-r")
    raise FileNotFoundError("no calibration data for int8-static: the demo training split is not installed and "
                            "no shared MLQA-R was found (set HBL_SHARED_DATA); pass calibration=[texts] instead")


def resolve_calibration(calibration: Sequence[str] | CalibrationSet | None, prompts: dict[str, str]) -> CalibrationSet:
    """``None`` -> the default set; a list of texts -> :func:`from_texts`; a set is returned as is."""
    if calibration is None:
        return default_calibration(prompts)
    if isinstance(calibration, CalibrationSet):
        return calibration
    if isinstance(calibration, str):
        raise ValueError("calibration must be a list of texts, not a single string")
    return from_texts(calibration, prompts)
