"""The language-bias probe: an index of a candidate pool for one encoder, and what it retrieves for a query.

A :class:`ProbeIndex` holds the embeddings of every candidate of a pool (the demo set, XQuAD-R's 13,014
candidates, MLQA-R, or any dataset in a supported format) for one encoder, in an exact inner-product faiss index
(embeddings are L2-normalised, so scores are cosines). On it:

- :func:`probe_query`: an ad-hoc query in any language -> the top k with language, score and, when the query is a
  question of the dataset, whether each passage is relevant; :func:`language_distribution` of that set;
- :func:`question_landing`: for a dataset question, where each language's answer lands in the pooled ranking and
  the question's rank distance (RD) and same-language share above the first other-language answer;
- :func:`aggregate_bias`: over many questions, the top-k language-share matrix per query language and the
  per-query RD distribution (the measures of :mod:`hybrid_core.bias`);
- :func:`project_2d`: a 2-D projection of candidate embeddings (scikit-learn PCA or t-SNE) coloured by language;
- :func:`remedy_index`: the same pool with an index-side remedy (:mod:`hybrid_core.debias`) fitted and applied to
  its candidates once; every function above then transforms a query by its language where the remedy says so
  (centering, LIR), so a query costs what it costs on the plain index (one extra vector operation).

The rankings follow the evaluation engine's rules: exact search, ties broken by candidate order, ranks 1-based.
Candidate texts are built as in :func:`hybrid_core.evaluation.tasks.candidate_text` (``"sentence"`` or
``"sentence+context"``), and candidate embeddings go through the evaluation's on-disk embedding cache (keyed by
the encoder's identity and the text), so a pool is encoded once per model, by the probe or by an evaluation.

Example:
    >>> from hybrid_core.backends import get_encoder
    >>> encoder = get_encoder("e5-small-cut")  # doctest: +SKIP
    >>> index = build_index(encoder, load_pool("demo"))  # doctest: +SKIP
    >>> probe_query(index, encoder, "Wo liegt Berlin?", k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from hybrid_core.bias import language_matrix
from hybrid_core.data import demo_dataset, load_dataset, shared_data_dir
from hybrid_core.data.schema import ParallelDataset, Question
from hybrid_core.debias import FittedRemedy, Remedy, fit_remedy, parse_remedy
from hybrid_core.encoders import Encoder
from hybrid_core.evaluation.embedding_cache import EmbeddingCache, encode_cached
from hybrid_core.evaluation.tasks import candidate_texts
from hybrid_core.measures import RD, PooledBatch, PooledRank, SameLangAbove, padded
from hybrid_core.paths import PathNotAllowedError, check_within_roots

log = logging.getLogger(__name__)

#: Candidate texts the probe offers (the evaluation's names; see :mod:`hybrid_core.evaluation.tasks`).
CANDIDATE_TEXTS: tuple[str, ...] = ("sentence", "sentence+context")
#: Named pools: name -> (description, where the data comes from).
POOLS: dict[str, str] = {
    "demo": "the shipped demo set (held-out eval split, 11 languages)",
    "xquad-r": "XQuAD-R: 1,190 questions in 11 languages, 13,014 candidate sentences (shared data folder)",
    "mlqa-r": "MLQA-R dev: 7 languages (shared data folder)",
}
PROJECTIONS: tuple[str, ...] = ("pca", "tsne")
HIT_COLUMNS: tuple[str, ...] = ("rank", "language", "score", "relevant", "text", "candidate_id")
#: The pooled cell's ``doc_lang`` (:data:`hybrid_core.results.ALL_LANGUAGES`).
ALL_CELL = "all"
#: Searches of at most this many queries run on one OpenMP thread (see :meth:`ProbeIndex.search`).
SINGLE_THREAD_QUERIES = 8
#: Remedies the bias pages offer (canonical spellings; the same as ``evaluate --debias``), ``none`` first.
REMEDY_CHOICES: tuple[str, ...] = tuple(str(parse_remedy(r)) for r in (
    "none", "centering", "lir:1", "lir:2", "centering,fit=train", "lir:1,fit=train", "shift:0.3", "shift:0.5",
    "shift:1"))
#: The estimation data of ``fit=train`` remedies per named pool: the protocol's other split (never the pool).
ESTIMATION_POOLS: dict[str, str] = {"demo": "demo-train", "xquad-r": "mlqa-r", "mlqa-r": "xquad-r"}


class ProbeError(ValueError):
    """A probe request that cannot be answered (unknown pool, bad path, question not in the pool, ...)."""


# ----- pools ----------------------------------------------------------------------------------------------------
def available_pools() -> dict[str, str]:
    """The named pools present on this machine (``xquad-r`` / ``mlqa-r`` only when the shared data folder has them)."""

    shared = shared_data_dir()
    pools = {"demo": POOLS["demo"]}
    for name in ("xquad-r", "mlqa-r"):
        if shared is not None and (shared / name).is_dir():
            pools[name] = POOLS[name]
    return pools


def check_user_path(text: str, *, what: str = "data path") -> Path:
    """A path typed by a user, checked before use: not empty, no NUL byte, expanded, existing, a file or folder,
    and (symlinks and ``..`` resolved) under one of the data roots (:func:`hybrid_core.paths.data_roots`).

    Raises:
        ProbeError: the message says what is wrong with the path (outside the roots: it names them).
    """
    raw = str(text or "").strip().strip('"').strip("'")
    if not raw:
        raise ProbeError(f"{what}: enter a file or folder path")
    if "\x00" in raw:
        raise ProbeError(f"{what}: the path contains a NUL byte")
    path = Path(raw).expanduser()
    try:
        path = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise ProbeError(f"{what} {raw!r} does not exist") from None
    if not (path.is_dir() or path.is_file()):
        raise ProbeError(f"{what} {raw!r} is neither a file nor a folder")

    try:
        return check_within_roots(raw, what=what)
    except PathNotAllowedError as exc:
        raise ProbeError(str(exc)) from None


def pool_path(source: str) -> str:
    """The data path of a pool, for settings that take a path: ``"demo"`` stays ``"demo"``, a named pool becomes its
    folder in the shared data folder, anything else is checked as a path.

    Raises:
        ProbeError: a named pool that is not on this machine, or a bad path.
    """

    name = str(source).strip()
    if name == "demo":
        return name
    if name in POOLS:
        shared = shared_data_dir()
        if shared is None or not (shared / name).is_dir():
            raise ProbeError(f"pool {name!r} needs the shared data folder ({name}/ under $HBL_SHARED_DATA or "
                             "../shared/data); it is not on this machine. Use 'demo' or give a path.")
        return str(shared / name)
    return str(check_user_path(name))


def load_pool(source: str, *, languages: Sequence[str] | None = None) -> ParallelDataset:
    """The dataset behind a pool: ``"demo"``, ``"xquad-r"``, ``"mlqa-r"``, or a path to data in any supported format.

    Raises:
        ProbeError: a named pool that is not on this machine, or a bad path.
        hybrid_core.data.DataError: the data at the path is malformed.
    """

    name = str(source).strip()
    if name == "demo":
        return demo_dataset("eval", languages=languages)
    if name in POOLS:
        shared = shared_data_dir()
        if shared is None or not (shared / name).is_dir():
            raise ProbeError(f"pool {name!r} needs the shared data folder ({name}/ under $HBL_SHARED_DATA or "
                             "../shared/data); it is not on this machine. Use 'demo' or give a path.")
        return load_dataset(shared / name, languages=languages, name=name)
    if name and "/" not in name and "\x00" not in name and not Path(name).expanduser().exists():
        close = difflib.get_close_matches(name, list(POOLS), n=1, cutoff=0.6)
        raise ProbeError(f"pool {name!r} is neither a named pool ({', '.join(POOLS)}) nor an existing file or folder"
                         + (f"; did you mean {close[0]!r}?" if close else ""))
    return load_dataset(check_user_path(name), languages=languages)


# ----- the index ------------------------------------------------------------------------------------------------
@dataclass
class ProbeIndex:
    """Candidate embeddings of one pool for one encoder, searchable exactly.

    Attributes:
        dataset: the pool's dataset (questions give relevance and the question picker).
        encoder_identity: the encoder's ``identity`` the embeddings came from.
        candidate_text: ``"sentence"`` or ``"sentence+context"``.
        embeddings: float32 ``(n, d)``, rows L2-normalised, in ``dataset.candidates`` order.
        build_seconds: time spent building (0 when the embeddings came from the disk cache).
        remedy: the index-side remedy applied to ``embeddings`` (None: the encoder's own embeddings); queries are
            transformed with it (:meth:`query_vectors`).
    """

    dataset: ParallelDataset
    encoder_identity: str
    candidate_text: str
    embeddings: np.ndarray
    build_seconds: float = 0.0
    from_cache: bool = False
    remedy: FittedRemedy | None = None
    _faiss: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        import faiss

        self.embeddings = np.ascontiguousarray(self.embeddings, dtype=np.float32)
        if self.embeddings.shape[0] != len(self.dataset.candidates):
            raise ProbeError(f"{self.embeddings.shape[0]} embeddings for {len(self.dataset.candidates)} candidates")
        self._faiss = faiss.IndexFlatIP(self.embeddings.shape[1])
        self._faiss.add(self.embeddings)

    @property
    def size(self) -> int:
        """Number of candidates."""
        return len(self.dataset.candidates)

    @cached_property
    def candidate_ids(self) -> np.ndarray:
        return np.array([c.id for c in self.dataset.candidates], dtype=object)

    @cached_property
    def languages(self) -> np.ndarray:
        """Language code of each candidate (index order)."""
        return np.array([c.language for c in self.dataset.candidates], dtype=object)

    @cached_property
    def pool_languages(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.languages)))

    @cached_property
    def language_codes(self) -> np.ndarray:
        """Index into :attr:`pool_languages` of each candidate's language (as the measure registry reads it)."""
        return np.searchsorted(np.array(self.pool_languages, dtype=object), self.languages).astype(np.int64)

    @cached_property
    def texts(self) -> list[str]:
        return [c.text for c in self.dataset.candidates]

    @cached_property
    def row_of(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.candidate_ids)}

    @cached_property
    def question_by_text(self) -> dict[str, Question]:
        """Exact question text -> question (so a typed dataset question is recognised and judged)."""
        return {q.text.strip(): q for q in self.dataset.questions}

    def question(self, qid: str, language: str) -> Question:
        """The question ``qid`` in ``language``.

        Raises:
            ProbeError: not in the pool's dataset.
        """
        for q in self.dataset.questions_by_language.get(language, []):
            if q.id == qid:
                return q
        raise ProbeError(f"question {qid!r} in language {language!r} is not in dataset {self.dataset.name!r}")

    @property
    def remedy_name(self) -> str:
        """The remedy's spelling (``none`` without one)."""
        return "none" if self.remedy is None else str(self.remedy.remedy)

    def query_vectors(self, vectors: np.ndarray, languages: Sequence[str | None]) -> np.ndarray:
        """Query embeddings as this index compares them: transformed by the remedy where it transforms queries
        (centering and LIR, by the query's language), unchanged otherwise.

        Raises:
            ProbeError: the remedy transforms queries and a query's language is unknown.
        """
        if self.remedy is None or not self.remedy.remedy.family.transforms_queries:
            return vectors
        if any(lang is None for lang in languages):
            raise ProbeError(f"{self.remedy.remedy} transforms each query by its language: choose the query's "
                             f"language (one of {', '.join(self.pool_languages)})")
        return self.remedy.transform_queries(vectors, list(languages))

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Exact top-k inner-product search: ``(scores, rows)``, each ``(len(vectors), k)``.

        A handful of queries is searched on one OpenMP thread: splitting a 13k x 384 scan over threads gains
        nothing, and on a busy machine the threads' synchronisation costs ~30 ms instead of ~1 ms (measured with
        the 2 cores shared). Larger batches use faiss's default threads.
        """
        import faiss

        k = max(1, min(int(k), self.size))
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) > SINGLE_THREAD_QUERIES:
            return self._faiss.search(vectors, k)
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            return self._faiss.search(vectors, k)
        finally:
            faiss.omp_set_num_threads(threads)


def pool_texts(dataset: ParallelDataset, candidate_text: str) -> list[str]:
    """The passage texts fed to the encoder (the rule of :func:`hybrid_core.evaluation.tasks.candidate_text`)."""
    if candidate_text not in CANDIDATE_TEXTS:
        raise ProbeError(f"unknown candidate text {candidate_text!r}; choose one of {', '.join(CANDIDATE_TEXTS)}")

    return candidate_texts(dataset.candidates, candidate_text)


def build_index(encoder: Encoder, dataset: ParallelDataset, *, candidate_text: str = "sentence",
                batch_size: int = 64, use_cache: bool = True,
                progress: Callable[[float], None] | None = None) -> ProbeIndex:
    """Encode every candidate of ``dataset`` (through the evaluation's on-disk embedding cache) and index them.

    The cache is :mod:`hybrid_core.evaluation.embedding_cache`, keyed by the encoder's identity and each text, so a
    pool the evaluation has already encoded (same model, backend and candidate text) is indexed without encoding.

    Args:
        encoder: any :class:`~hybrid_core.encoders.Encoder`.
        dataset: the pool.
        candidate_text: ``"sentence"`` (default; fastest) or ``"sentence+context"`` (LAReQA's choice, ~4x the
            tokens).
        batch_size: encoding batch size.
        use_cache: read and write the embedding cache.
        progress: called with the share done (0..1) while encoding, for a progress bar in a UI.

    Raises:
        ProbeError: an unknown ``candidate_text``.
    """

    texts = pool_texts(dataset, candidate_text)
    encoded = {"texts": 0}

    def report(stage: str, done: int, total: int) -> None:
        encoded["texts"] = total
        if progress is not None and total:
            progress(min(1.0, done / total))

    start = time.perf_counter()
    cache = EmbeddingCache(encoder.identity) if use_cache else None
    embeddings = encode_cached(encoder, texts, role="passage", cache=cache, batch_size=batch_size, progress=report,
                               stage="encode candidates")
    return ProbeIndex(dataset, encoder.identity, candidate_text, embeddings, time.perf_counter() - start,
                      from_cache=encoded["texts"] == 0)


def get_remedy_family(remedy: str | Remedy):
    """The remedy family of a spelling (:class:`hybrid_core.debias.RemedyMethod`: ``transforms_queries``, ...)."""
    try:
        return parse_remedy(remedy).family
    except ValueError as exc:
        raise ProbeError(str(exc)) from None


def estimation_pool(source: str) -> ParallelDataset:
    """The estimation data of a named pool's ``fit=train`` remedies (:data:`ESTIMATION_POOLS`): the demo set's
    training split for ``demo``, MLQA-R for XQuAD-R and the reverse.

    Raises:
        ProbeError: a pool without a known training split (a typed path), or one not on this machine.
    """
    source = str(source).strip()
    name = ESTIMATION_POOLS.get(source, ESTIMATION_POOLS.get(source.removesuffix("-eval")))  # demo-eval: the demo
    if name is None:
        raise ProbeError(f"fit=train remedies need the protocol's training data, known for the pools "
                         f"{', '.join(ESTIMATION_POOLS)}; on {source!r} choose a remedy fitted on the index "
                         "(centering, lir:R)")
    return demo_dataset("train") if name == "demo-train" else load_pool(name)


def remedy_index(index: ProbeIndex, encoder: Encoder, remedy: str | Remedy, *,
                 estimation: ParallelDataset | None = None, use_cache: bool = True) -> ProbeIndex:
    """The pool's index with an index-side remedy applied to its candidates (fitted once, cached on disk).

    ``fit=index`` remedies (centering, LIR) are fitted on the index's own candidate embeddings; ``fit=train``
    ones (SHIFT, ``centering,fit=train``) on ``estimation`` (default :func:`estimation_pool` of the pool), encoded
    through the embedding cache. Statistics go through the remedy cache of :func:`hybrid_core.debias.fit_remedy`,
    so a second server fits nothing.

    Raises:
        ProbeError: a bad spelling, an index that already has a remedy, or ``fit=train`` without estimation data.
    """
    try:
        remedy = parse_remedy(remedy)
    except ValueError as exc:
        raise ProbeError(str(exc)) from None
    if index.remedy is not None:
        raise ProbeError(f"the index already has remedy {index.remedy_name}; apply remedies to the plain index")
    if remedy.is_identity:
        return index
    if encoder.identity != index.encoder_identity:
        raise ProbeError(f"the index was built with encoder {index.encoder_identity!r}, not {encoder.identity!r}")
    if remedy.needs_training_data and estimation is None:
        estimation = estimation_pool(index.dataset.name)
    started = time.perf_counter()
    languages = [str(lang) for lang in index.languages]
    try:
        fitted = fit_remedy(remedy, encoder, candidate_embeddings=index.embeddings, candidate_languages=languages,
                            query_languages=sorted(index.dataset.questions_by_language),
                            estimation=estimation if remedy.needs_training_data else None,
                            evaluated=index.dataset, candidate_text=index.candidate_text, cache=use_cache)
    except ValueError as exc:
        raise ProbeError(str(exc)) from None
    embeddings = fitted.transform_candidates(index.embeddings, languages)
    return ProbeIndex(index.dataset, index.encoder_identity, index.candidate_text, embeddings,
                      time.perf_counter() - started, from_cache=index.from_cache, remedy=fitted)


# ----- queries --------------------------------------------------------------------------------------------------
def warm_up(encoder: Encoder, *, max_words: int = 64) -> float:
    """Encode one query of every length up to ``max_words`` words once; returns the seconds it took.

    Backends that compile per input shape (OpenVINO with dynamic shapes compiles each new sequence length, ~50 ms
    each on 2 cores) then answer ad-hoc queries at their steady speed (~12 ms for e5-small int8) instead of paying
    the compilation on a user's first query of each length.
    """
    started = time.perf_counter()
    for words in range(1, max_words + 1):
        encoder.encode([" ".join(["warm"] * words)], role="query", batch_size=1)
    return time.perf_counter() - started


def encode_query(encoder: Encoder, text: str) -> np.ndarray:
    """One query embedding, shape ``(1, d)``.

    Raises:
        ProbeError: an empty query.
    """
    text = str(text or "").strip()
    if not text:
        raise ProbeError("type a query (any language)")
    return encoder.encode([text], role="query", batch_size=1)


def probe_query(index: ProbeIndex, encoder: Encoder, text: str, *, k: int = 10,
                question: Question | None = None, language: str | None = None) -> pd.DataFrame:
    """The top ``k`` candidates of the pool for an ad-hoc query.

    Args:
        index: the pool's index for ``encoder``.
        encoder: the encoder that built ``index`` (queries get its query prefix).
        text: the query, in any language.
        k: how many passages to return (capped at the pool size).
        question: the dataset question the query is (its relevant candidates are marked); when None and ``text``
            is exactly a question of the pool's dataset, that question is used.
        language: the query's language, for an index whose remedy transforms queries (default: the question's).

    Returns:
        Columns :data:`HIT_COLUMNS`: ``rank`` (1-based), ``language``, ``score`` (cosine), ``relevant``
        (True/False when the query is a dataset question, else missing), ``text``, ``candidate_id``.

    Raises:
        ProbeError: empty query, ``k`` < 1 (or not a whole number), or an encoder that is not the index's.
    """
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ProbeError(f"k must be a whole number of passages, at least 1, got {k!r}")
    if encoder.identity != index.encoder_identity:
        raise ProbeError(f"the index was built with encoder {index.encoder_identity!r}, not {encoder.identity!r}")
    question = question or index.question_by_text.get(str(text).strip())
    vector = encode_query(encoder, text)
    if index.remedy is not None:
        vector = index.query_vectors(vector, [language or (question.language if question else None)])
    scores, rows = index.search(vector, k)
    rows, scores = rows[0], scores[0]
    keep = rows >= 0
    rows, scores = rows[keep], scores[keep]
    ids = index.candidate_ids[rows]
    if question is not None:
        relevant_ids = index.dataset.relevant(question.id)
        relevant = pd.array([cid in relevant_ids for cid in ids], dtype="boolean")
    else:
        relevant = pd.array([pd.NA] * len(ids), dtype="boolean")
    texts = index.texts
    return pd.DataFrame({
        "rank": np.arange(1, len(rows) + 1),
        "language": index.languages[rows],
        "score": scores.astype(float),
        "relevant": relevant,
        "text": [texts[r] for r in rows],
        "candidate_id": ids,
    })


def language_distribution(hits: pd.DataFrame, *, languages: Sequence[str] | None = None) -> pd.DataFrame:
    """Count and share of each language among retrieved passages (``languages`` fixes the rows, zeros included)."""
    counts = hits["language"].value_counts()
    langs = list(languages) if languages is not None else sorted(counts.index)
    total = max(int(counts.sum()), 1)
    return pd.DataFrame({"language": langs, "count": [int(counts.get(lang, 0)) for lang in langs],
                         "share": [counts.get(lang, 0) / total for lang in langs]})


def compare_distributions(distributions: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Stack several :func:`language_distribution` tables with an ``encoder`` column (for side-by-side bars)."""
    parts = [d.assign(encoder=name) for name, d in distributions.items()]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["language", "count", "share",
                                                                                  "encoder"])


def _pooled_batch(index: ProbeIndex, scores: np.ndarray, questions: Sequence[Question]) -> PooledBatch:
    """Questions of the pool with their ``scores`` against all its candidates, as the registry's pooled measures
    read them (ranks of the relevant candidates by :func:`hybrid_core.measures.pooled_ranks`, the engine's
    rule)."""
    languages = tuple(index.pool_languages)
    code_of = {lang: i for i, lang in enumerate(languages)}
    targets = padded([np.array(sorted(index.row_of[c] for c in index.dataset.relevant(q.id) if c in index.row_of),
                               dtype=np.int64) for q in questions])
    return PooledBatch(scores=np.asarray(scores, dtype=np.float32),
                       qids=[q.id for q in questions],
                       query_codes=np.array([code_of.get(q.language, -1) for q in questions], dtype=np.int64),
                       targets=targets, languages=languages,
                       codes=index.language_codes,
                       top=np.zeros((len(questions), 0), dtype=np.int64))


def _values(batch: PooledBatch, measure) -> dict[str, dict[int, float]]:
    """A pooled measure of the registry on a batch: ``{doc_lang: {row: value}}``."""
    return {lang: dict(zip(rows.tolist(), values.tolist()))
            for lang, (rows, values) in measure.info.pooled(batch, measure).items()}


@dataclass
class QuestionLanding:
    """Where a dataset question's answers land in the pooled ranking.

    Attributes:
        question: the question asked.
        answers: one row per relevant candidate: ``language, rank, score, text, candidate_id`` (best first).
        per_language: best rank per candidate language (``language, rank``), as in ``PooledRank``.
        rank_distance: RD = max − min rank of the relevant candidates.
        same_language_above: share of the query's language among the wrong candidates above the first
            other-language answer (NaN when the question has no other-language answer in the pool).
    """

    question: Question
    answers: pd.DataFrame
    per_language: pd.DataFrame
    rank_distance: float
    same_language_above: float


def question_landing(index: ProbeIndex, encoder: Encoder, question: Question) -> QuestionLanding:
    """Rank the whole pool for a dataset question and report where each language's answer lands (the ranks, RD,
    PooledRank and SameLangAbove of the measure registry, as the evaluation computes them).

    Raises:
        ProbeError: the question has no relevant candidate in the pool.
    """
    relevant = index.dataset.relevant(question.id)
    if not any(cid in index.row_of for cid in relevant):
        raise ProbeError(f"question {question.id!r} has no relevant candidate in pool {index.dataset.name!r}")
    vector = index.query_vectors(encode_query(encoder, question.text), [question.language])
    scores = (index.embeddings @ vector[0]).astype(np.float32)
    batch = _pooled_batch(index, scores[None, :], [question])
    columns, ranks = batch.targets[0][batch.valid[0]], batch.ranks[0][batch.valid[0]]
    order = np.argsort(ranks, kind="stable")
    answers = pd.DataFrame({
        "language": index.languages[columns][order], "rank": ranks[order],
        "score": scores[columns][order].astype(float), "text": [index.texts[c] for c in columns[order]],
        "candidate_id": index.candidate_ids[columns][order],
    })
    best = {lang: int(values[0]) for lang, values in _values(batch, PooledRank).items()}
    per_language = pd.DataFrame({"language": list(best), "rank": list(best.values())})
    same_above = _values(batch, SameLangAbove)[ALL_CELL].get(0, float("nan"))
    return QuestionLanding(question, answers, per_language, _values(batch, RD)[ALL_CELL][0], same_above)


# ----- aggregate bias -------------------------------------------------------------------------------------------
@dataclass
class AggregateBias:
    """Bias measures over many questions of the pool.

    Attributes:
        share_matrix: top-k language share, rows query language, columns candidate language (rows sum to 1).
        rank_distances: one row per question version: ``query_lang, qid, value`` (its RD).
        k: the cutoff of the share matrix.
        questions: how many question versions were asked.
        seconds: wall time.
    """

    share_matrix: pd.DataFrame
    rank_distances: pd.DataFrame
    k: int
    questions: int
    seconds: float


def sample_questions(dataset: ParallelDataset, *, per_language: int | None, languages: Sequence[str] | None = None,
                     seed: int = 0) -> list[Question]:
    """Up to ``per_language`` questions of each language (the same question ids across languages where possible,
    drawn with ``seed``); ``None`` keeps all."""
    langs = list(languages) if languages is not None else sorted(dataset.questions_by_language)
    ids = sorted(dataset.question_languages_by_id)
    rng = np.random.default_rng(seed)
    order = {qid: i for i, qid in enumerate(rng.permutation(ids))}
    out = []
    for lang in langs:
        qs = sorted(dataset.questions_by_language.get(lang, []), key=lambda q: order[q.id])
        out.extend(qs if per_language is None else qs[:per_language])
    return out


def aggregate_bias(index: ProbeIndex, encoder: Encoder, *, k: int = 10, per_language: int | None = 200,
                   languages: Sequence[str] | None = None, seed: int = 0, batch_size: int = 128,
                   use_cache: bool = True, progress: Callable[[float], None] | None = None) -> AggregateBias:
    """Top-k language-share matrix and per-question RD over (a sample of) the pool's questions.

    Each question is searched against the whole pooled candidate set (all languages), as in the multilingual
    setting of the evaluation; its relevant candidates are its answers in every language.

    Args:
        per_language: questions per query language (``None``: all; the full XQuAD-R is 13,090 queries).
        languages: query languages (default: every language with questions).
        seed: which questions the sample takes.
        use_cache: read and write question embeddings in the evaluation's embedding cache.
        progress: called with the share done (0..1).

    Raises:
        ProbeError: ``k < 1`` or no questions to ask.
    """

    if k < 1:
        raise ProbeError(f"k must be at least 1, got {k}")
    start = time.perf_counter()
    questions = sample_questions(index.dataset, per_language=per_language, languages=languages, seed=seed)
    if not questions:
        raise ProbeError(f"no questions in pool {index.dataset.name!r} for languages {languages}")

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None and total:
            progress(0.8 * done / total)

    all_vectors = encode_cached(encoder, [q.text for q in questions], role="query", batch_size=batch_size,
                                cache=EmbeddingCache(encoder.identity) if use_cache else None, progress=report)
    all_vectors = index.query_vectors(all_vectors, [q.language for q in questions])
    rankings: dict[str, list[list[str]]] = {}
    rd_rows = []
    for begin in range(0, len(questions), batch_size):
        batch = questions[begin:begin + batch_size]
        vectors = all_vectors[begin:begin + batch_size]
        _, top = index.search(vectors, k)
        for q, row in zip(batch, top):
            rankings.setdefault(q.language, []).append(list(index.languages[row[row >= 0]]))
        pooled = _pooled_batch(index, vectors @ index.embeddings.T, batch)
        for row, value in _values(pooled, RD)[ALL_CELL].items():
            rd_rows.append({"query_lang": batch[row].language, "qid": batch[row].id, "value": value})
        if progress is not None:
            progress(0.8 + 0.2 * min(1.0, (begin + batch_size) / len(questions)))
    matrix = language_matrix(rankings, k, index.pool_languages)
    rd = pd.DataFrame(rd_rows, columns=["query_lang", "qid", "value"])
    return AggregateBias(matrix, rd, k, len(questions), time.perf_counter() - start)


# ----- 2-D projection -------------------------------------------------------------------------------------------
def project_2d(index: ProbeIndex, *, method: str = "pca", per_language: int = 300, seed: int = 0,
               languages: Sequence[str] | None = None) -> pd.DataFrame:
    """A 2-D projection of (a per-language sample of) the candidate embeddings.

    Args:
        method: ``"pca"`` (instant) or ``"tsne"`` (scikit-learn t-SNE; ~10 s for 3,000 points on 2 cores).
        per_language: candidates sampled per language (equal numbers, so no language dominates).
        seed: sampling and t-SNE seed.
        languages: candidate languages to include (default all).

    Returns:
        Columns ``x, y, language, text, candidate_id``.

    Raises:
        ProbeError: an unknown method or fewer than 3 points.
    """
    if method not in PROJECTIONS:
        raise ProbeError(f"unknown projection {method!r}; choose one of {', '.join(PROJECTIONS)}")
    rng = np.random.default_rng(seed)
    langs = list(languages) if languages is not None else list(index.pool_languages)
    rows = []
    for lang in langs:
        members = np.flatnonzero(index.languages == lang)
        take = min(per_language, members.size)
        rows.extend(rng.choice(members, size=take, replace=False).tolist() if take else [])
    rows_arr = np.array(sorted(rows), dtype=np.int64)
    if rows_arr.size < 3:
        raise ProbeError("the projection needs at least 3 candidates")
    vectors = index.embeddings[rows_arr]
    if method == "pca":
        from sklearn.decomposition import PCA

        xy = PCA(n_components=2, random_state=seed).fit_transform(vectors)
    else:
        from sklearn.manifold import TSNE

        perplexity = float(min(30, max(2, (rows_arr.size - 1) // 3)))
        xy = TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed,
                  metric="cosine").fit_transform(vectors)
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "language": index.languages[rows_arr],
                         "text": [index.texts[r] for r in rows_arr], "candidate_id": index.candidate_ids[rows_arr]})
