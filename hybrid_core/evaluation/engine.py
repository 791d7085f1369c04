"""The evaluation engine: encode once, search exactly, score per query, write one long-format results table.

:func:`evaluate` runs a task's protocol (:mod:`hybrid_core.evaluation.tasks`) for one encoder on one dataset:

1. **Encode once.** Every distinct question text and every distinct candidate text is encoded once (queries with
   the ``query`` role, candidates with the ``passage`` role), through the on-disk cache of
   :mod:`hybrid_core.evaluation.embedding_cache`, and reused for every language pair.
2. **Retrieve** (:mod:`hybrid_core.evaluation.search`). LAReQA rule: per batch of questions in X, one exact
   score matrix against the pooled candidates of all languages; the ranking within each language pool Y is that
   pooled ranking restricted to Y (its top k taken over Y's columns, ties by candidate order), and pooled ranks
   of the answers are counted from the same scores. Per-language rule (MIRACL): an exact top-k faiss search in the
   query language's own pool.
3. **Score** with the measure registry (:mod:`hybrid_core.measures`). Per query, per cell:

   - cell (X, Y), setting ``monolingual`` when X = Y else ``cross-lingual``: questions in X that have a relevant
     candidate in Y (for MLQA-R: the questions that exist in both languages), ranked within Y's pool;
   - cell (X, ``all``), setting ``multilingual``: questions in X against the pooled candidates, relevant = the
     question's answers in every language (so ``R@k`` there is recall over all of them: on XQuAD-R ``R@1`` is at
     most 1/11, and ``AP@20`` divides by min(11, 20));
   - LAReQA bias and fairness rows, every pooled measure of the registry at its default cutoffs (or
     ``bias_measures``), computed per batch from a :class:`~hybrid_core.measures.PooledBatch` (the batch's pooled
     score matrix, the relevant candidates and their pooled ranks, the pooled top k): ``RD``, ``SameLangAbove``,
     ``TLR@20``, ``PEER@20``, ``PEER@100`` in cell (X, all); ``LangShare@k`` and ``PooledRank`` in cells (X, Y),
     their setting following X = Y so that their "monolingual" mean is the same-language share / the rank of
     the same-language answer. Then the measures that compare a question's parallel versions (``MRC@5/10/20``,
     cell (X, all)) from every query's pooled top k (:class:`~hybrid_core.measures.ParallelQueries`).
4. **Aggregate**: each cell's row without ``qid`` is the mean over its questions. Mono / cross / multi summaries
   (diagonal mean, off-diagonal mean, macro average over query languages) are pivots of the table
   (:func:`hybrid_core.results.summary`).

Per-query rows (``qid`` = the question id, shared by a question's translations) are kept by default, for
bootstrap intervals and the dashboard's probe: ``PooledRank`` rows say where each language's answer of a
question lands in its pooled ranking, ``RD`` rows give its rank distance.

Example:
    >>> from hybrid_core.backends import get_encoder
    >>> from hybrid_core.data import demo_dataset
    >>> table = evaluate(get_encoder("e5-small-cut"), demo_dataset("eval"))  # doctest: +SKIP
    >>> from hybrid_core.results import summary
    >>> summary(table, metrics=["AP@20"])  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hybrid_core.atomic import write_json
from hybrid_core.data.schema import ParallelDataset
from hybrid_core.debias import debias_evaluation, parse_remedy
from hybrid_core.encoders import Encoder
from hybrid_core.evaluation.embedding_cache import EmbeddingCache, ProgressFn, encode_cached, progress_bar
from hybrid_core.evaluation.search import ExactSearcher, top_k
from hybrid_core.evaluation.tasks import CANDIDATE_TEXTS, TaskMetadata, candidate_texts, get_task, task_for_dataset
from hybrid_core.languages import validate_languages
from hybrid_core.measures import (
    LangShare,
    Measure,
    ParallelQueries,
    PooledBatch,
    default_measures,
    padded,
    parse_measure,
    parse_measures,
)
from hybrid_core.measures.same_lang_above import same_language_above  # noqa: F401  (its former home)
from hybrid_core.measures.scoring import score_run
from hybrid_core.results import ALL_LANGUAGES, make_rows, pair_matrix, summary, validate_results, write_results
from hybrid_core.schedules import parse_schedule

log = logging.getLogger(__name__)

#: Separator of (candidate language, question id) in the composite query keys handed to the scorer.
_SEP = "\x1f"


@dataclass
class EvalOptions:
    """How to evaluate (every field has a default; the task supplies the protocol's own).

    Args:
        candidate_text: ``"sentence"``, ``"sentence+context"`` or ``"title+text"`` (default: the task's).
        measures: ranking measures per cell (default: the task's, e.g. AP@20, R@1, R@10, nDCG@10, nDCG@20).
        languages: evaluate only these languages (questions and candidates), default all.
        max_questions: keep only the first N question ids (in data order), for quick runs.
        bias: add the language-bias and fairness rows computed on the pooled ranking (LAReQA rule only).
        bias_measures: which of them (default: every measure of the registry at its default cutoffs,
            :func:`hybrid_core.measures.default_measures`: RD, PooledRank, LangShare@share_k, SameLangAbove,
            TLR@20, PEER@20, PEER@100, MRC@5, MRC@10, MRC@20).
        share_k: cutoff of ``LangShare@k`` (the top-k language matrix) among the default bias measures.
        per_query: keep per-query rows (``qid`` set) besides the cell means.
        batch_size: texts per forward pass of the encoder.
        chunk_size: texts per encode call and cache shard.
        search_batch: queries per full-depth search (bounds memory: ``search_batch x candidates`` scores).
        cache: use the on-disk embedding cache.
        cache_root: cache folder (default ``<cache_dir>/embeddings``).
        progress: True for progress bars, False for none, or a callback ``(stage, done, total)``.
        debias: an index-side remedy applied to the embeddings before search (:mod:`hybrid_core.debias`:
            ``none``, ``centering``, ``lir:2``, ``shift:0.5``...); statistics a remedy estimates on training data
            come from ``evaluate(..., estimation=...)``.
        schedule: the α schedule the model was trained with, spelled as in :mod:`hybrid_core.schedules` (default: the
            constant ``alpha``); written to the ``schedule`` column.
        run, model, alpha, seed: labels written into every row (see :mod:`hybrid_core.results`).
    """

    candidate_text: str | None = None
    measures: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None
    max_questions: int | None = None
    bias: bool = True
    bias_measures: tuple[str, ...] | None = None
    share_k: int = 10
    per_query: bool = True
    batch_size: int = 64
    chunk_size: int = 512
    search_batch: int = 256
    cache: bool = True
    cache_root: str | Path | None = None
    progress: bool | ProgressFn = field(default=True, repr=False)
    run: str = "untuned"
    model: str = ""
    alpha: float = math.nan
    seed: int = -1
    debias: str = "none"
    schedule: str = ""

    def __post_init__(self) -> None:
        if self.candidate_text is not None and self.candidate_text not in CANDIDATE_TEXTS:
            raise ValueError(f"candidate_text: unknown value {self.candidate_text!r}; "
                             f"choose one of {', '.join(CANDIDATE_TEXTS)}")
        if self.measures is not None:
            parsed = parse_measures(self.measures)
            biased = [str(m) for m in parsed if m.info.input != "run"]
            if biased:
                raise ValueError(f"measures: {', '.join(biased)} are language-bias measures, added with bias=True "
                                 "(choose them with bias_measures); give ranking measures such as AP@20, R@1, "
                                 "nDCG@10")
            self.measures = tuple(str(m) for m in parsed)
        if self.bias_measures is not None:
            parsed = parse_measures(self.bias_measures)
            ranking = [str(m) for m in parsed if m.info.input == "run"]
            if ranking:
                raise ValueError(f"bias_measures: {', '.join(ranking)} are ranking measures (give them with "
                                 "measures); give measures of the pooled ranking such as RD, TLR@20, MRC@10")
            self.bias_measures = tuple(str(m) for m in parsed)
        if self.languages is not None:
            self.languages = validate_languages(self.languages, where="languages")
            if not self.languages:
                raise ValueError("languages: give at least one language code, or None for all")
        for name in ("max_questions",):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ValueError(f"{name} must be a positive integer or None, got {value!r}")
        for name in ("share_k", "batch_size", "chunk_size", "search_batch"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not (isinstance(self.alpha, (int, float)) and (math.isnan(self.alpha) or 0 <= self.alpha <= 1)):
            raise ValueError(f"alpha must be in [0, 1] (NaN for an untuned model), got {self.alpha!r}")
        self.alpha = float(self.alpha)
        self.seed = int(self.seed)
        if not str(self.run).strip():
            raise ValueError("run must be a non-empty name")
        self.debias = str(parse_remedy(self.debias))
        if self.schedule:
            schedule = parse_schedule(self.schedule, where="schedule")
            if math.isnan(self.alpha) or abs(schedule.mean - self.alpha) > 1e-9:
                raise ValueError(f"schedule {schedule} has mean α {schedule.mean:g}, but alpha is {self.alpha!r}")
            self.schedule = str(schedule)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly copy (the progress callback left out)."""
        data = asdict(self)
        data.pop("progress", None)
        data["cache_root"] = None if self.cache_root is None else str(self.cache_root)
        data["alpha"] = None if math.isnan(self.alpha) else self.alpha
        return data


class _Rows:
    """Column-wise accumulator of result rows (fast for ~10^6 per-query rows)."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {c: [] for c in ("setting", "query_lang", "doc_lang", "metric", "value",
                                                         "qid")}

    def add(self, setting: str, query_lang: str, doc_lang: str, metric: str, qids: list[str], values: list[float],
            *, per_query: bool) -> None:
        """One cell: per-query rows (when ``per_query``) and the cell mean."""
        if not values:
            return
        n = len(values) + 1 if per_query else 1
        cols = self.columns
        cols["setting"].extend([setting] * n)
        cols["query_lang"].extend([query_lang] * n)
        cols["doc_lang"].extend([doc_lang] * n)
        cols["metric"].extend([metric] * n)
        if per_query:
            cols["value"].extend(values)
            cols["qid"].extend(qids)
        cols["value"].append(float(np.mean(values)))
        cols["qid"].append("")

    def frame(self, constants: dict[str, object]) -> pd.DataFrame:
        frame = pd.DataFrame(self.columns)
        for column, value in constants.items():
            frame[column] = value
        return make_rows([]) if frame.empty else frame


def _restrict(dataset: ParallelDataset, options: EvalOptions) -> ParallelDataset:
    if options.languages is not None:
        missing = [lang for lang in options.languages if lang not in dataset.languages]
        if missing:
            raise ValueError(f"languages {missing} are not in dataset {dataset.name!r} "
                             f"(it has {', '.join(dataset.languages)})")
        dataset = dataset.subset(languages=options.languages)
    if options.max_questions is not None:
        kept: dict[str, None] = {}
        for question in dataset.questions:
            if len(kept) >= options.max_questions and question.id not in kept:
                continue
            kept[question.id] = None
        dataset = dataset.subset(question_ids=set(kept))
    return dataset


def evaluate(encoder: Encoder, dataset: ParallelDataset, *, task: str | TaskMetadata | None = None,
             options: EvalOptions | None = None, estimation: ParallelDataset | None = None,
             **overrides: Any) -> pd.DataFrame:
    """Evaluate ``encoder`` on ``dataset`` under ``task``'s protocol and return the long-format results table.

    Args:
        encoder: any :class:`~hybrid_core.encoders.Encoder` (e.g. ``hybrid_core.backends.get_encoder(...)``).
        dataset: a loaded :class:`~hybrid_core.data.schema.ParallelDataset`.
        task: a task name or declaration (default: from the dataset's name, see
            :func:`~hybrid_core.evaluation.tasks.task_for_dataset`).
        options: an :class:`EvalOptions`; keyword ``overrides`` replace its fields (``evaluate(e, d, run="a")``).
        estimation: the parallel training data a remedy (``options.debias``) estimates its statistics on when it is
            fitted on training data (SHIFT; ``centering,fit=train``): the protocol's training split, never the
            evaluated set (a set sharing question ids with it is refused).

    Returns:
        The results table (:mod:`hybrid_core.results` schema). ``table.attrs["evaluation"]`` holds what the JSON
        summary needs: task, encoder identity, candidate text, query counts per cell, timings, cache use.

    Raises:
        ValueError: bad options, languages not in the data, a per-language task whose query language has no pool.

    Example:
        >>> from hybrid_core.backends import get_encoder  # doctest: +SKIP
        >>> from hybrid_core.data import demo_dataset  # doctest: +SKIP
        >>> table = evaluate(get_encoder("e5-small-cut"), demo_dataset("eval"), progress=False)  # doctest: +SKIP
    """
    options = options or EvalOptions()
    if overrides:
        options = EvalOptions(**{**{k: getattr(options, k) for k in options.__dataclass_fields__}, **overrides})
    task_meta = get_task(task) if task is not None else task_for_dataset(dataset)
    started = time.perf_counter()
    data = _restrict(dataset, options)
    mode = options.candidate_text or task_meta.candidate_text
    measures = parse_measures(options.measures or task_meta.measures)
    pooled_measures = _pooled_measures(options) if task_meta.pool == "lareqa" else ()
    if task_meta.languages:
        extra = sorted(set(data.languages) - set(task_meta.languages))
        if extra:
            log.warning("dataset %s has languages %s that task %s does not declare", data.name, extra, task_meta.name)
    cache = EmbeddingCache(encoder.identity, root=options.cache_root) if options.cache else None
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}

    # 1. encode once
    t0 = time.perf_counter()
    question_texts = [q.text for q in data.questions]
    q_emb = encode_cached(encoder, question_texts, role="query", cache=cache, batch_size=options.batch_size,
                          chunk_size=options.chunk_size, progress=options.progress, stage="encode questions")
    timings["encode_questions_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    texts = candidate_texts(data.candidates, mode)
    c_emb = encode_cached(encoder, texts, role="passage", cache=cache, batch_size=options.batch_size,
                          chunk_size=options.chunk_size, progress=options.progress, stage="encode candidates")
    timings["encode_candidates_s"] = time.perf_counter() - t0
    counts.update(questions=len(data.questions), distinct_question_texts=len(set(question_texts)),
                  candidates=len(data.candidates), distinct_candidate_texts=len(set(texts)))

    # 1b. an index-side remedy: fit (or read its cached statistics) and transform the embeddings
    remedy = {"debias": "none", "debias_fit": "", "covered": "", "missing": ""}
    if options.debias != "none":
        t0 = time.perf_counter()
        debiased = debias_evaluation(options.debias, encoder, data, q_emb, c_emb, estimation=estimation,
                                     candidate_text=mode, embedding_cache=cache, batch_size=options.batch_size,
                                     progress=options.progress)
        q_emb, c_emb = debiased.queries, debiased.candidates
        remedy = debiased.fitted.identity()
        timings["debias_s"] = time.perf_counter() - t0

    # 2-3. retrieve and score
    t0 = time.perf_counter()
    searcher = ExactSearcher(c_emb, groups=[c.language for c in data.candidates])
    rows = _Rows()
    cells: dict[str, int] = {}
    if task_meta.pool == "lareqa":
        _lareqa(data, q_emb, searcher, measures, pooled_measures, options, rows, cells, timings)
    else:
        _per_language(data, q_emb, searcher, measures, options, rows, cells)
    timings["search_and_score_s"] = time.perf_counter() - t0
    timings["total_s"] = time.perf_counter() - started

    table = rows.frame({"run": options.run, "model": options.model or encoder.identity, "alpha": options.alpha,
                        "schedule": options.schedule, "seed": options.seed, "dataset": data.name,
                        "debias": remedy["debias"], "debias_fit": remedy["debias_fit"]})
    table = validate_results(table)
    table.attrs["evaluation"] = {
        "task": task_meta.name, "protocol": task_meta.pool, "dataset": data.name, "source": data.source,
        "languages": list(data.languages), "candidate_text": mode, "measures": [str(m) for m in measures],
        "bias_measures": [str(m) for m in pooled_measures],
        "main_metric": task_meta.main_metric, "main_setting": task_meta.main_setting,
        "encoder": encoder.identity, "dimension": int(encoder.dimension), "share_k": options.share_k,
        "counts": counts, "queries_per_cell": cells, "timings": timings, "options": options.to_dict(),
        "debias": remedy,
    }
    log.info("evaluated %s on %s (%s) in %.1f s", options.run, data.name, mode, timings["total_s"])
    return table


def _pooled_measures(options: EvalOptions) -> tuple[Measure, ...]:
    """The bias and fairness measures an evaluation computes on the pooled ranking (none without ``bias``)."""
    if not options.bias:
        return ()
    if options.bias_measures is not None:
        return parse_measures(options.bias_measures)
    return default_measures("pooled", share_k=options.share_k) + default_measures("parallel")


def _lareqa(data: ParallelDataset, q_emb: np.ndarray, searcher: ExactSearcher, measures: tuple[Measure, ...],
            pooled_measures: tuple[Measure, ...], options: EvalOptions, rows: _Rows, cells: dict[str, int],
            timings: dict[str, Any]) -> None:
    """LAReQA rule: per batch of queries, one pooled score matrix; every pool's top k, the pooled ranking and the
    measures of the registry computed on it (:class:`~hybrid_core.measures.PooledBatch`), then the measures that
    compare a question's parallel versions (:class:`~hybrid_core.measures.ParallelQueries`)."""
    groups = searcher.groups
    codes = searcher.group_codes
    pools = [searcher.members(g) for g in groups]
    cand_ids = np.array([c.id for c in data.candidates], dtype=object)
    index_of = {c.id: i for i, c in enumerate(data.candidates)}
    on_batch = [m for m in pooled_measures if m.info.input == "pooled"]
    on_parallel = [m for m in pooled_measures if m.info.input == "parallel"]
    depth = max(m.cutoff or 0 for m in measures)
    top_depth = max([depth] + [m.cutoff or 0 for m in pooled_measures if m.info.needs_top])
    parallel_depth = max([0] + [m.cutoff or 0 for m in on_parallel if m.info.needs_top])
    spent: dict[str, float] = defaultdict(float)
    rel_index: dict[str, np.ndarray] = {}
    for qid, rels in data.qrels.items():
        positive = [index_of[cid] for cid, grade in rels.items() if grade > 0]
        if positive:
            rel_index[qid] = np.array(sorted(positive), dtype=np.int64)
    positions = defaultdict(list)
    for i, question in enumerate(data.questions):
        if question.id in rel_index:
            positions[question.language].append(i)
    skipped = len(data.questions) - sum(len(p) for p in positions.values())
    asked: list[int] = []  # question positions in the order they are scored, with their pooled top (parallel)
    tops: list[np.ndarray] = []
    with progress_bar(options.progress, "search and score", len(data.questions) - skipped) as advance:
        for x in sorted(positions):
            x_code = groups.index(x) if x in groups else -1
            qrels: dict[str, dict[str, int]] = {}
            run: dict[str, list[str]] = {}
            pooled_values: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: {"qids": [], "values": []})
            x_positions = positions[x]
            for start in range(0, len(x_positions), options.search_batch):
                started = time.perf_counter()
                batch = x_positions[start:start + options.search_batch]
                questions = [data.questions[i] for i in batch]
                scores = searcher.scores(q_emb[batch])
                per_pool = [top_k(scores, depth, columns=pool) for pool in pools]
                pooled = top_k(scores, top_depth)
                for i, question in enumerate(questions):
                    rel_codes = codes[rel_index[question.id]]
                    judged = data.qrels[question.id]
                    for g in np.unique(rel_codes):
                        key = f"{groups[g]}{_SEP}{question.id}"
                        qrels[key] = {cid: grade for cid, grade in judged.items() if codes[index_of[cid]] == g}
                        run[key] = cand_ids[per_pool[g][i]].tolist()
                    key = f"{ALL_LANGUAGES}{_SEP}{question.id}"
                    qrels[key] = dict(judged)
                    run[key] = cand_ids[pooled[i, :depth]].tolist()
                spent["search"] += time.perf_counter() - started
                if on_batch:
                    _measure_batch(questions, scores, pooled, rel_index, codes, groups, x_code, on_batch,
                                   pooled_values, spent)
                if on_parallel:
                    asked.extend(batch)
                    tops.append(pooled[:, :parallel_depth])
                advance(len(batch))
            started = time.perf_counter()
            _score_cells(x, measures, qrels, run, options, rows, cells)
            spent["ranking measures"] += time.perf_counter() - started
            for (metric, doc_lang), collected in pooled_values.items():
                rows.add(_setting(x, doc_lang), x, doc_lang, metric, collected["qids"], collected["values"],
                         per_query=options.per_query and parse_measure(metric).info.per_query)
    if on_parallel and asked:
        queries = ParallelQueries(
            qids=np.array([data.questions[i].id for i in asked], dtype=object),
            query_langs=np.array([data.questions[i].language for i in asked], dtype=object),
            top=np.concatenate(tops), query_embeddings=q_emb[asked], candidate_embeddings=searcher.embeddings)
        for measure in on_parallel:
            started = time.perf_counter()
            for doc_lang, (found, values) in measure.info.parallel(queries, measure).items():
                for x in sorted(positions):
                    mine = queries.query_langs[found] == x
                    rows.add(_setting(x, doc_lang), x, doc_lang, str(measure), queries.qids[found[mine]].tolist(),
                             values[mine].tolist(), per_query=options.per_query and measure.info.per_query)
            spent[str(measure)] += time.perf_counter() - started
    timings["measures_s"] = {name: round(seconds, 4) for name, seconds in spent.items()}
    if skipped:
        log.warning("%d questions have no relevant candidate in the evaluated languages and were not scored", skipped)


def _setting(x: str, doc_lang: str) -> str:
    return "multilingual" if doc_lang == ALL_LANGUAGES else ("monolingual" if doc_lang == x else "cross-lingual")


def _measure_batch(questions: list, scores: np.ndarray, pooled: np.ndarray, rel_index: dict[str, np.ndarray],
                   codes: np.ndarray, groups: tuple[str, ...], x_code: int, on_batch: list[Measure],
                   out: dict[tuple[str, str], dict[str, list]], spent: dict[str, float]) -> None:
    """The registry's pooled measures of a batch of queries (all in one language) from their pooled score matrix."""
    started = time.perf_counter()
    qids = np.array([q.id for q in questions], dtype=object)
    batch = PooledBatch(scores=scores, qids=qids, query_codes=np.full(len(questions), x_code, dtype=np.int64),
                        targets=padded([rel_index[q.id] for q in questions]), languages=groups, codes=codes,
                        top=pooled)
    batch.ranks  # noqa: B018  (the pooled ranks, shared by the measures: timed on their own)
    spent["pooled ranks"] += time.perf_counter() - started
    for measure in on_batch:
        started = time.perf_counter()
        for doc_lang, (found, values) in measure.info.pooled(batch, measure).items():
            cell = out[(str(measure), doc_lang)]
            cell["qids"].extend(qids[found].tolist())
            cell["values"].extend(np.asarray(values, dtype=float).tolist())
        spent[str(measure)] += time.perf_counter() - started


def _score_cells(x: str, measures: tuple[Measure, ...], qrels: dict[str, dict[str, int]], run: dict[str, list[str]],
                 options: EvalOptions, rows: _Rows, cells: dict[str, int]) -> None:
    """Score every (x, y) and (x, all) cell of one query language from composite keys ``y<SEP>qid``."""
    scored = score_run(measures, qrels, run)
    by_cell: dict[str, list[str]] = defaultdict(list)
    for key in qrels:
        by_cell[key.split(_SEP, 1)[0]].append(key)
    for doc_lang in sorted(by_cell, key=lambda d: (d == ALL_LANGUAGES, d)):
        keys = by_cell[doc_lang]
        qids = [k.split(_SEP, 1)[1] for k in keys]
        setting = _setting(x, doc_lang)
        cells[f"{x}|{doc_lang}"] = len(keys)
        for measure in measures:
            values = scored[str(measure)]
            rows.add(setting, x, doc_lang, str(measure), qids, [values[k] for k in keys], per_query=options.per_query)


def _per_language(data: ParallelDataset, q_emb: np.ndarray, searcher: ExactSearcher, measures: tuple[Measure, ...],
                  options: EvalOptions, rows: _Rows, cells: dict[str, int]) -> None:
    """Per-language rule (MIRACL): queries in X searched in X's own pool, top-k by the largest cutoff."""
    cand_ids = np.array([c.id for c in data.candidates], dtype=object)
    depth = max(m.cutoff or 0 for m in measures)
    index_of = {c.id: i for i, c in enumerate(data.candidates)}
    positions = defaultdict(list)
    for i, question in enumerate(data.questions):
        if data.qrels.get(question.id):
            positions[question.language].append(i)
    with progress_bar(options.progress, "search and score", sum(len(p) for p in positions.values())) as advance:
        for x in sorted(positions):
            if x not in searcher.groups:
                raise ValueError(f"dataset {data.name!r}: queries in {x!r} but no candidates in that language")
            x_positions = positions[x]
            ranking = searcher.search(q_emb[x_positions], depth, group=x)
            pool = set(searcher.members(x).tolist())
            qrels: dict[str, dict[str, int]] = {}
            run: dict[str, list[str]] = {}
            for i, pos in enumerate(x_positions):
                qid = data.questions[pos].id
                judged = {cid: g for cid, g in data.qrels[qid].items() if index_of[cid] in pool}
                if not judged:
                    continue
                key = f"{x}{_SEP}{qid}"
                qrels[key] = judged
                run[key] = list(cand_ids[ranking.order[i]])
            _score_cells(x, measures, qrels, run, options, rows, cells)
            advance(len(x_positions))


# ----- writing ---------------------------------------------------------------------------------------------------
def evaluation_summary(table: pd.DataFrame, *, metrics: Iterable[str] | None = None) -> dict[str, Any]:
    """The JSON summary of an evaluation: mono / cross / multi per metric, the top-k language matrix, metadata."""
    info = dict(table.attrs.get("evaluation", {}))
    share_k = int(info.get("share_k", 10))
    settings = summary(table, metrics=metrics)
    by_metric: dict[str, dict[str, float]] = {}
    for _, row in settings.iterrows():
        by_metric[str(row["metric"])] = {s: float(row[s]) for s in ("monolingual", "cross-lingual", "multilingual")
                                         if s in row and pd.notna(row[s])}
    matrix = language_matrix(table, share_k=share_k)
    first = table.iloc[0] if len(table) else None
    main_metric, main_setting = info.get("main_metric"), info.get("main_setting")
    return {
        "run": None if first is None else str(first["run"]),
        "model": None if first is None else str(first["model"]),
        "alpha": None if first is None or pd.isna(first["alpha"]) else float(first["alpha"]),
        "seed": None if first is None else int(first["seed"]),
        "dataset": None if first is None else str(first["dataset"]),
        "main": {"metric": main_metric, "setting": main_setting,
                 "value": by_metric.get(str(main_metric), {}).get(str(main_setting))},
        "summary": by_metric,
        str(LangShare @ share_k): {str(x): {str(y): float(v) for y, v in r.items()} for x, r in matrix.iterrows()},
        "rows": len(table),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **info,
    }


def language_matrix(table: pd.DataFrame, *, share_k: int = 10) -> pd.DataFrame:
    """The top-k language matrix (rows query language, columns candidate language, shares) from a results table."""
    return pair_matrix(table, metric=str(LangShare @ share_k))


def save_evaluation(table: pd.DataFrame, path: str | Path) -> tuple[Path, Path]:
    """Write the table as parquet (atomically) and its JSON summary beside it (same name, ``.json``).

    Returns:
        (parquet path, JSON path).
    """
    path = Path(path)
    if path.suffix != ".parquet":
        path = path.with_name(path.name + ".parquet")
    info = evaluation_summary(table)
    write_results(table, path)
    json_path = write_json(path.with_suffix(".json"), info)
    return path, json_path
