"""Fit a remedy from the right data (with the statistics cached on disk) and apply it to a whole evaluation.

Where statistics come from (the ``fit`` option of a :class:`~hybrid_core.debias.base.Remedy`):

- ``fit=index`` (default of centering and LIR): the evaluated candidates' own embeddings, per language. Label-free
  (no relevance is read) but transductive: the statistics depend on the pool being searched.
- ``fit=train`` (SHIFT's only choice; ``centering,fit=train``, ``lir:R,fit=train``): a separate
  :class:`~hybrid_core.data.schema.ParallelDataset`, the protocol's training split (MLQA-R when evaluating XQuAD-R
  and the reverse). Centering and LIR use its candidates per language; SHIFT uses parallel passage pairs
  (:func:`parallel_pairs`). Its texts are encoded with the passage role and the evaluation's candidate text through
  the embedding cache, so each text is encoded once per model. The estimation data must not share question ids
  with the evaluated data (refused: that would leak the evaluation set).

Which of these choices are ours where the papers leave room:

- SHIFT's parallel pairs are the relevant candidates of one question id in two languages (the paper uses aligned
  mMARCO passages); pairs are deduplicated by text pair, and a question with several relevant candidates in a
  language pairs each of them with each relevant source-language candidate.
- Centering and LIR fitted on the index (the baselines in SHIFT's paper estimate them on mMARCO, i.e. ``fit=train``):
  a label-free default that covers every evaluated language. ``fit=train`` reproduces the paper's setting.
- Languages without statistics (XQuAD-R's el, ru, th, tr when fitting on MLQA-R) are left unchanged, listed in
  ``FittedRemedy.missing_languages`` and named once in a warning; results should report them separately.

Fitted statistics are cached (:mod:`hybrid_core.debias.store`), keyed by the encoder identity, the family, the fit
options (not ``r`` or ``s``), the candidate text and the estimation data's fingerprint (``fit=train``) or a
fingerprint of the indexed candidate embeddings (``fit=index``).

Example:
    >>> from hybrid_core.backends import get_encoder  # doctest: +SKIP
    >>> from hybrid_core.data import load_dataset  # doctest: +SKIP
    >>> encoder = get_encoder("e5-small")  # doctest: +SKIP
    >>> fitted = fit_remedy("shift:0.5", encoder, estimation=load_dataset("../shared/data/mlqa-r"),
    ...                     candidate_languages=xquad_candidate_languages)  # doctest: +SKIP
    >>> fitted.identity()["missing"]  # doctest: +SKIP
    'el,ru,th,tr'
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hybrid_core.data.schema import ParallelDataset
from hybrid_core.debias.base import FittedRemedy, Remedy, Statistics, parse_remedy
from hybrid_core.debias.store import embeddings_fingerprint, load_statistics, save_statistics
from hybrid_core.encoders import Encoder
from hybrid_core.evaluation import tasks
from hybrid_core.evaluation.embedding_cache import EmbeddingCache, ProgressFn, encode_cached

log = logging.getLogger(__name__)


def parallel_pairs(dataset: ParallelDataset, *, source: str,
                   mode: str = "sentence") -> dict[str, list[tuple[str, str]]]:
    """Parallel text pairs per target language: ``{l: [(text in l, same text in source), ...]}``.

    For each question id, each of its relevant candidates in language l (!= source) is paired with each of its
    relevant candidates in ``source`` (LAReQA/MLQA answer sentences are parallel by construction); pairs repeat when
    several questions share an answer sentence, so they are deduplicated by text pair (first occurrence kept, in
    question-id order). Texts are the candidates' texts under ``mode``
    (:func:`~hybrid_core.evaluation.tasks.candidate_text`).

    Raises:
        ValueError: ``source`` has no relevant candidates in ``dataset``.
    """
    by_id = dataset.candidate_by_id
    pairs: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    has_source = False
    for qid in sorted(dataset.qrels):
        by_language: dict[str, list[str]] = defaultdict(list)
        for cid, grade in sorted(dataset.qrels[qid].items()):
            if grade > 0:
                by_language[by_id[cid].language].append(cid)
        origins = [tasks.candidate_text(by_id[cid], mode) for cid in by_language.get(source, [])]
        has_source = has_source or bool(origins)
        for lang, cids in by_language.items():
            if lang == source:
                continue
            for cid in cids:
                target = tasks.candidate_text(by_id[cid], mode)
                for origin in origins:
                    pairs[lang][(target, origin)] = None
    if not has_source:
        raise ValueError(f"estimation data {dataset.name!r} has no relevant candidates in the source language "
                         f"{source!r} (its languages: {', '.join(dataset.languages)})")
    return {lang: list(found) for lang, found in sorted(pairs.items()) if found}


def fit_label(dataset: ParallelDataset) -> str:
    """``"<name>@<fingerprint>"``: how results name estimation data."""
    return f"{dataset.name}@{dataset.fingerprint}"


def fit_remedy(remedy: str | Remedy | None, encoder: Encoder | None = None, *,
               candidate_embeddings: np.ndarray | None = None,
               candidate_languages: Sequence[str] | None = None,
               query_languages: Sequence[str] | None = None,
               estimation: ParallelDataset | None = None,
               evaluated: ParallelDataset | None = None,
               candidate_text: str = "sentence",
               cache: bool = True, cache_root: str | Path | None = None,
               embedding_cache: EmbeddingCache | None = None,
               batch_size: int = 64, progress: bool | ProgressFn = False) -> FittedRemedy:
    """Fit ``remedy`` from the data its ``fit`` option names, reading and writing the statistics cache.

    Args:
        remedy: a spelling (``"lir:2"``), a :class:`Remedy`, or None for ``none``.
        encoder: the encoder of the evaluation (needed for ``fit=train``; its identity keys the caches).
        candidate_embeddings: the evaluated candidates' embeddings (needed for ``fit=index``).
        candidate_languages: their languages (one per row); also the evaluated languages whose coverage is reported.
        query_languages: languages of the evaluated queries (only for the coverage report).
        estimation: the estimation data for ``fit=train`` (the protocol's training split).
        evaluated: the evaluated dataset, when known: estimation data sharing question ids with it is refused.
        candidate_text: the evaluation's candidate text mode (``fit=train`` encodes the estimation texts this way).
        cache: read and write the statistics cache and use the embedding cache.
        cache_root: folder of the statistics cache (default ``<cache_dir>/debias``).
        embedding_cache: the encoder's embedding cache to use (default: the standard one of ``encoder``).
        batch_size: encoding batch size.
        progress: progress of encoding the estimation data (as in :func:`encode_cached`).

    Returns:
        The :class:`FittedRemedy` (``none``: the identity, without reading anything).

    Raises:
        ValueError: a bad spelling, missing inputs for the fit, estimation data that overlaps the evaluated data,
            a SHIFT source language absent from the estimation data.
    """
    remedy = parse_remedy(remedy)
    languages = set(candidate_languages or ()) | set(query_languages or ())
    if remedy.is_identity:
        return FittedRemedy(remedy, remedy.family.estimate(remedy))
    if candidate_text not in tasks.CANDIDATE_TEXTS:
        raise ValueError(f"candidate_text: unknown value {candidate_text!r}; "
                         f"choose one of {', '.join(tasks.CANDIDATE_TEXTS)}")
    family = remedy.family
    key: dict[str, object] = {"encoder": encoder.identity if encoder is not None else None,
                              **remedy.statistics_key(), "candidate_text": candidate_text}
    if remedy.fit == "index":
        if candidate_embeddings is None or candidate_languages is None:
            raise ValueError(f"{remedy} (fit=index) needs the evaluated candidates' embeddings and languages")
        if estimation is not None:
            log.warning("debias %s: fit=index ignores the estimation data %s; write %s,fit=train to use it",
                        remedy, estimation.name, remedy)
        key["data"] = "index:" + embeddings_fingerprint(candidate_embeddings, candidate_languages)
        label = "index"
    else:
        if estimation is None or encoder is None:
            raise ValueError(f"{remedy} (fit=train) needs an encoder and estimation data: a ParallelDataset of the "
                             "protocol's training split (e.g. MLQA-R when evaluating XQuAD-R)")
        _check_no_leak(estimation, evaluated)
        key["data"] = fit_label(estimation)
        label = fit_label(estimation)
    stats = load_statistics(key, root=cache_root) if cache else None
    if stats is None:
        if remedy.fit == "index":
            stats = family.estimate(remedy, embeddings=candidate_embeddings, languages=candidate_languages)
        else:
            store = embedding_cache if embedding_cache is not None else (
                EmbeddingCache(encoder.identity) if cache else None)  # type: ignore[union-attr]
            stats = _estimate_on(remedy, encoder, estimation, candidate_text, store, batch_size, progress)  # type: ignore[arg-type]
        if cache:
            save_statistics(key, stats, root=cache_root)
        log.info("debias %s: fitted on %s (%s)", remedy, label, _counts(stats))
    else:
        log.info("debias %s: statistics of %s read from the cache", remedy, label)
    return FittedRemedy(remedy, stats, label, candidate_text, languages)


def _check_no_leak(estimation: ParallelDataset, evaluated: ParallelDataset | None) -> None:
    if evaluated is None:
        return
    shared = set(estimation.qrels) & set(evaluated.qrels)
    if shared:
        example = sorted(shared)[0]
        raise ValueError(f"estimation data {estimation.name!r} shares {len(shared)} question ids with the evaluated "
                         f"data {evaluated.name!r} (e.g. {example!r}): estimate on the training split of the protocol, "
                         "never on the evaluation set")


def _estimate_on(remedy: Remedy, encoder: Encoder, estimation: ParallelDataset, mode: str,
                 store: EmbeddingCache | None, batch_size: int, progress: bool | ProgressFn) -> Statistics:
    """Encode the estimation data (through the embedding cache) and estimate ``remedy``'s statistics on it."""
    family = remedy.family
    if family.estimates_from == "pairs":
        pairs = parallel_pairs(estimation, source=str(remedy.source), mode=mode)
        texts = list(dict.fromkeys(t for found in pairs.values() for pair in found for t in pair))
        vectors = encode_cached(encoder, texts, role="passage", cache=store, batch_size=batch_size,
                                progress=progress, stage=f"encode {estimation.name} pairs")
        row = {text: i for i, text in enumerate(texts)}
        arrays = {lang: (vectors[[row[t] for t, _ in found]], vectors[[row[s] for _, s in found]])
                  for lang, found in pairs.items()}
        return family.estimate(remedy, pairs=arrays)
    texts = tasks.candidate_texts(estimation.candidates, mode)
    vectors = encode_cached(encoder, texts, role="passage", cache=store, batch_size=batch_size, progress=progress,
                            stage=f"encode {estimation.name} candidates")
    return family.estimate(remedy, embeddings=vectors, languages=[c.language for c in estimation.candidates])


def _counts(stats: Statistics) -> str:
    parts = [f"{lang} {count:,}" for lang, count in zip(stats.languages, stats.counts)]
    if stats.unchanged:
        parts.append(f"{', '.join(stats.unchanged)} unchanged")
    return "; ".join(parts) or "no statistics"


# ----- a whole evaluation ---------------------------------------------------------------------------------------
@dataclass
class DebiasedEmbeddings:
    """Query and candidate embeddings of an evaluation with a remedy applied, and the fitted remedy."""

    queries: np.ndarray
    candidates: np.ndarray
    fitted: FittedRemedy


def debias_evaluation(remedy: str | Remedy | FittedRemedy | None, encoder: Encoder | None,
                      dataset: ParallelDataset, query_embeddings: np.ndarray, candidate_embeddings: np.ndarray, *,
                      estimation: ParallelDataset | None = None, candidate_text: str = "sentence",
                      cache: bool = True, cache_root: str | Path | None = None,
                      embedding_cache: EmbeddingCache | None = None, batch_size: int = 64,
                      progress: bool | ProgressFn = False) -> DebiasedEmbeddings:
    """Fit (unless already fitted) and apply a remedy to an evaluation's embeddings, rows in ``dataset`` order.

    ``query_embeddings`` has one row per ``dataset.questions`` entry, ``candidate_embeddings`` one per
    ``dataset.candidates`` entry (what :func:`hybrid_core.evaluation.engine.evaluate` encodes). With ``none`` both
    arrays come back as they are.

    Raises:
        ValueError: as :func:`fit_remedy`; array lengths that do not match the dataset.
    """
    if len(query_embeddings) != len(dataset.questions) or len(candidate_embeddings) != len(dataset.candidates):
        raise ValueError(f"{len(query_embeddings)} query and {len(candidate_embeddings)} candidate embeddings for "
                         f"{len(dataset.questions)} questions and {len(dataset.candidates)} candidates of "
                         f"{dataset.name!r}")
    query_languages = [q.language for q in dataset.questions]
    candidate_languages = [c.language for c in dataset.candidates]
    if isinstance(remedy, FittedRemedy):
        fitted = remedy
        if fitted.candidate_text not in (None, candidate_text):
            raise ValueError(f"debias {fitted.remedy} was fitted with candidate text {fitted.candidate_text!r}, "
                             f"the evaluation uses {candidate_text!r}")
    else:
        fitted = fit_remedy(remedy, encoder, candidate_embeddings=candidate_embeddings,
                            candidate_languages=candidate_languages, query_languages=query_languages,
                            estimation=estimation, evaluated=dataset, candidate_text=candidate_text, cache=cache,
                            cache_root=cache_root, embedding_cache=embedding_cache, batch_size=batch_size,
                            progress=progress)
    return DebiasedEmbeddings(fitted.transform_queries(query_embeddings, query_languages),
                              fitted.transform_candidates(candidate_embeddings, candidate_languages), fitted)
