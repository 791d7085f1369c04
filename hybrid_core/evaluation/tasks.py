"""Evaluation tasks declared as metadata: languages, pool rule, measures, main metric, candidate text.

A task is a value, not code: :class:`TaskMetadata` says which languages a benchmark has, how candidate pools
are formed (the *pool rule*), which measures are reported, which one is the main score, how candidates are
turned into text and where the data lives. The engine (:mod:`hybrid_core.evaluation.engine`) reads the
declaration; adding a benchmark with an existing pool rule needs no engine change.

Pool rules:

- ``"lareqa"`` (XQuAD-R, MLQA-R, the demo set): for every (query language X, candidate language Y) the pool is
  all candidates in Y and the relevant candidate is the question's answer in Y (the pair is scored over the
  questions that exist in both X and Y); ``multilingual``: the pool is the candidates of all languages and
  every language's answer is relevant (LAReQA, Roy et al. 2020; XTREME-R, Ruder et al. 2021).
- ``"per-language"`` (MIRACL): queries in X are searched in X's own corpus only (monolingual retrieval).

Candidate text (what the passage encoder is fed; the encoder adds its own passage prefix, ``"passage: "`` for e5):

- ``"sentence"``: the candidate sentence alone (LAReQA's sentence-only variant);
- ``"sentence+context"``: ``f"{sentence} {paragraph}"``, the sentence followed by a space and its whole paragraph
  (which contains the sentence again). LAReQA encodes (sentence, context) with a two-input response encoder;
  a single-input encoder such as e5 gets the two concatenated. Too long inputs are cut by the encoder's
  ``max_seq_length`` (512 tokens for e5-small; no XQuAD-R candidate reaches it).
- ``"title+text"``: ``f"{title} {text}"`` for MIRACL passages (the loader puts the title in ``context``), the
  usual way e5 and MTEB encode MIRACL.

Example:
    >>> get_task("xquad-r").main_metric
    'AP@20'
    >>> get_task("xquadr")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown task 'xquadr'; known: ...; did you mean 'xquad-r'?
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from hybrid_core.data.schema import Candidate, ParallelDataset
from hybrid_core.languages import MIRACL_LANGUAGES, MLQA_R_LANGUAGES, XQUAD_R_LANGUAGES, validate_languages
from hybrid_core.measures import parse_measures
from hybrid_core.results import SETTINGS

PoolRule = Literal["lareqa", "per-language"]
#: Ranking measures of the LAReQA tasks in every cell: XTREME-R's AP@20 (the main score), R@1, R@10 and nDCG@10,
#: and nDCG@20, the pooled figure SHIFT and MIMO report. Bias and fairness measures come from the measure
#: registry (:func:`hybrid_core.measures.default_measures`).
LAREQA_MEASURES: tuple[str, ...] = ("AP@20", "R@1", "R@10", "nDCG@10", "nDCG@20")
CandidateText = Literal["sentence", "sentence+context", "title+text"]
POOL_RULES: tuple[str, ...] = ("lareqa", "per-language")
CANDIDATE_TEXTS: tuple[str, ...] = ("sentence", "sentence+context", "title+text")


@dataclass(frozen=True)
class TaskMetadata:
    """Declaration of one evaluation task.

    Args:
        name: the ``dataset`` value written into results (``"xquad-r"``).
        description: one line for help texts and the dashboard.
        languages: the benchmark's languages (empty: whatever the data holds, for users' own data).
        pool: pool rule, ``"lareqa"`` or ``"per-language"`` (see the module docstring).
        measures: spellings of the ranking measures reported per cell (for ``"lareqa"`` the engine adds the
            registry's bias and fairness measures).
        main_metric: the headline measure (one of ``measures``).
        main_setting: the headline setting (``"multilingual"`` for LAReQA, ``"monolingual"`` for MIRACL).
        candidate_text: default candidate text (``"sentence+context"``, LAReQA's choice).
        data_format: loader format name for :func:`hybrid_core.data.load_dataset`.
        shared_folder: folder name under the shared data directory, if the data is there.
        aliases: other dataset names that mean this task (e.g. ``"demo-eval"``).
        reference: where the protocol is defined.
    """

    name: str
    description: str
    languages: tuple[str, ...]
    pool: PoolRule
    measures: tuple[str, ...]
    main_metric: str
    main_setting: str
    candidate_text: CandidateText = "sentence+context"
    data_format: str = "lareqa"
    shared_folder: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    reference: str = ""

    def __post_init__(self) -> None:
        if self.pool not in POOL_RULES:
            raise ValueError(f"task {self.name}: unknown pool rule {self.pool!r}; choose one of {POOL_RULES}")
        if self.candidate_text not in CANDIDATE_TEXTS:
            raise ValueError(f"task {self.name}: unknown candidate_text {self.candidate_text!r}; "
                             f"choose one of {CANDIDATE_TEXTS}")
        if self.main_setting not in SETTINGS:
            raise ValueError(f"task {self.name}: unknown main_setting {self.main_setting!r}; choose one of {SETTINGS}")
        object.__setattr__(self, "languages", validate_languages(self.languages, where=f"task {self.name}"))
        parsed = tuple(str(m) for m in parse_measures(self.measures))
        object.__setattr__(self, "measures", parsed)
        if self.main_metric not in parsed:
            raise ValueError(f"task {self.name}: main_metric {self.main_metric!r} is not among its measures {parsed}")


XQUAD_R = TaskMetadata(
    name="xquad-r",
    description="XQuAD-R: 1,190 questions 11-way parallel, 13,014 candidate sentences in 11 languages",
    languages=XQUAD_R_LANGUAGES,
    pool="lareqa",
    measures=LAREQA_MEASURES,
    main_metric="AP@20",
    main_setting="multilingual",
    shared_folder="xquad-r",
    reference="Roy et al. (2020), LAReQA, EMNLP; Ruder et al. (2021), XTREME-R, EMNLP (mAP@20)",
)
MLQA_R = TaskMetadata(
    name="mlqa-r",
    description="MLQA-R (dev): 7 languages, each question in 2-4 of them; pairs over the questions in both",
    languages=MLQA_R_LANGUAGES,
    pool="lareqa",
    measures=LAREQA_MEASURES,
    main_metric="AP@20",
    main_setting="multilingual",
    shared_folder="mlqa-r",
    reference="Roy et al. (2020), LAReQA, EMNLP; Ruder et al. (2021), XTREME-R, EMNLP (mAP@20)",
)
DEMO = TaskMetadata(
    name="demo",
    description="the shipped demo set (LAReQA layout, 11 languages), for a first run and for tests",
    languages=XQUAD_R_LANGUAGES,
    pool="lareqa",
    measures=LAREQA_MEASURES,
    main_metric="AP@20",
    main_setting="multilingual",
    aliases=("demo-train", "demo-eval", "demo-all"),
    reference="LAReQA protocol on our demo data",
)
MIRACL = TaskMetadata(
    name="miracl",
    description="MIRACL: monolingual passage retrieval in 18 languages (topics, qrels, a JSONL corpus)",
    languages=MIRACL_LANGUAGES,
    pool="per-language",
    measures=("nDCG@10", "R@100"),
    main_metric="nDCG@10",
    main_setting="monolingual",
    candidate_text="title+text",
    data_format="miracl",
    shared_folder="miracl",
    reference="Zhang et al. (2023), MIRACL, TACL (nDCG@10 and Recall@100 with trec_eval)",
)
PARALLEL = TaskMetadata(
    name="parallel",
    description="any parallel question-answering data in the LAReQA protocol (users' own data)",
    languages=(),
    pool="lareqa",
    measures=LAREQA_MEASURES,
    main_metric="AP@20",
    main_setting="multilingual",
    data_format="auto",
    reference="LAReQA protocol",
)
MONOLINGUAL = TaskMetadata(
    name="monolingual",
    description="any monolingual retrieval data (no parallel questions): each language searched on its own",
    languages=(),
    pool="per-language",
    measures=("nDCG@10", "R@100", "AP@20", "R@1"),
    main_metric="nDCG@10",
    main_setting="monolingual",
    candidate_text="sentence+context",
    data_format="auto",
    reference="MIRACL-style per-language retrieval",
)

#: Every declared task, by name.
TASKS: dict[str, TaskMetadata] = {t.name: t for t in (XQUAD_R, MLQA_R, DEMO, MIRACL, PARALLEL, MONOLINGUAL)}


def get_task(name: str | TaskMetadata) -> TaskMetadata:
    """The task declared under ``name`` (or one of its aliases); a TaskMetadata is returned unchanged.

    Raises:
        ValueError: unknown name; the message lists the tasks and the closest match.
    """
    if isinstance(name, TaskMetadata):
        return name
    key = str(name).strip().lower()
    for task in TASKS.values():
        if key == task.name or key in task.aliases:
            return task
    close = difflib.get_close_matches(key, TASKS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown task {name!r}; known: {', '.join(TASKS)}{hint}")


def task_for_dataset(dataset: ParallelDataset) -> TaskMetadata:
    """The task a loaded dataset belongs to, from its name (``xquad-r``, ``mlqa-r``, ``demo-*``, ``miracl*``).

    Other names get :data:`PARALLEL` (LAReQA protocol), or :data:`MONOLINGUAL` (per-language rule) when no
    question id is shared by two languages and every relevant candidate is in its question's language.
    """
    name = dataset.name.strip().lower()
    for task in TASKS.values():
        if name == task.name or name in task.aliases:
            return task
    if name.startswith("miracl"):
        return MIRACL
    if name.startswith("demo"):
        return DEMO
    langs_by_id = dataset.question_languages_by_id
    if all(len(langs) == 1 for langs in langs_by_id.values()):
        by_id = dataset.candidate_by_id
        if all(by_id[cid].language in langs_by_id.get(qid, ())
               for qid, rels in dataset.qrels.items() for cid, grade in rels.items() if grade > 0):
            return MONOLINGUAL
    return PARALLEL


def candidate_text(candidate: Candidate, mode: CandidateText | str) -> str:
    """The text the passage encoder is fed for ``candidate`` under ``mode`` (before the encoder's prefix).

    Example:
        >>> from hybrid_core.data.schema import Candidate
        >>> candidate_text(Candidate("c", "en", "Paris is big.", "Paris is big. It has parks."), "sentence+context")
        'Paris is big. Paris is big. It has parks.'
    """
    if mode == "sentence":
        return candidate.text
    if mode == "sentence+context":
        return f"{candidate.text} {candidate.context}" if candidate.context else candidate.text
    if mode == "title+text":
        return f"{candidate.context} {candidate.text}" if candidate.context else candidate.text
    raise ValueError(f"unknown candidate text {mode!r}; choose one of {', '.join(CANDIDATE_TEXTS)}")


def candidate_texts(candidates: Sequence[Candidate], mode: CandidateText | str) -> list[str]:
    """:func:`candidate_text` of each candidate."""
    if mode not in CANDIDATE_TEXTS:
        raise ValueError(f"unknown candidate text {mode!r}; choose one of {', '.join(CANDIDATE_TEXTS)}")
    return [candidate_text(c, mode) for c in candidates]
