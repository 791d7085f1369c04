"""The measure registry: the single source of what every measure is, how it is shown, kept and computed.

Each measure family lives in one small module of this package (``ap.py``, ``recall.py``, ``ndcg.py``,
``rank_distance.py``, ``pooled_rank.py``, ``lang_share.py``, ``same_lang_above.py``, ``tlr.py``, ``mrc.py``,
``peer.py``) that declares it as a :class:`~hybrid_core.measures.base.MeasureInfo` named ``MEASURE``; this module
imports every module of the package once and registers what they declare, so a new measure is one new file (and
its test). Code outside the package may :func:`register` its own.

Everything else reads the registry: the evaluation engine (which measures to compute and how), the probe, the
CLI summary (:func:`shown`, :func:`digits`), the sweep report (:func:`curves`, :func:`reported`,
:func:`curve_higher_is_better`), the archive (:func:`archived_per_query`) and the dashboard's metric lists
(:func:`metric_order`, :func:`metric_choices`, :func:`higher_is_better`, :func:`describe`).

==================== ========= ========= =========================================================================
measure              family    direction definition (source)
==================== ========= ========= =========================================================================
``AP@k``             ranking   higher    XTREME-R / LAReQA AP@k, divided by min(|R|, k) (ours, not map_cut)
``R@k``              ranking   higher    trec_eval recall_k (pytrec_eval)
``nDCG@k``           ranking   higher    trec_eval ndcg_cut_k (pytrec_eval)
``RD``               bias      lower     max - min pooled rank of a question's answers
``PooledRank``       bias      lower     pooled rank of the best answer in each candidate language
``LangShare@k``      bias      (none)    share of each candidate language in the pooled top k
``SameLangAbove``    bias      lower     same-language share of the wrong candidates above the first
                                         other-language answer
``TLR@k``            fairness  higher    recall@k of the answers in other languages than the query's (SHIFT)
``MRC@k``            fairness  higher    mean Spearman correlation with the parallel queries' scores over the
                                         union of their top k, x100 (Yang et al., MRL 2024; MIMO)
``PEER@k``           fairness  higher    Kruskal-Wallis p-value of the answers' ranks (cut at k+1) across
                                         languages (Yang et al., SIGIR 2024; MIMO)
==================== ========= ========= =========================================================================

Example:
    >>> parse_measure("nDCG@10") == nDCG @ 10
    True
    >>> [str(m) for m in default_measures("pooled", share_k=10)][:3]
    ['RD', 'PooledRank', 'LangShare@10']
    >>> [metric for metric, settings in curves()][:4]
    ['AP@20', 'R@1', 'nDCG@20', 'RD']
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from hybrid_core.measures.base import (
    ALL,
    REGISTRY,
    Cells,
    Measure,
    MeasureInfo,
    ParallelQueries,
    PooledBatch,
    padded,
    pooled_ranks,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALL",
    "AP",
    "MRC",
    "PEER",
    "RD",
    "TLR",
    "Cells",
    "LangShare",
    "Measure",
    "MeasureInfo",
    "ParallelQueries",
    "PooledBatch",
    "PooledRank",
    "R",
    "SameLangAbove",
    "archived_per_query",
    "curve_higher_is_better",
    "curves",
    "default_measures",
    "describe",
    "digits",
    "get",
    "higher_is_better",
    "metric_choices",
    "metric_order",
    "nDCG",
    "padded",
    "parse_measure",
    "parse_measures",
    "pooled_ranks",
    "register",
    "registered",
    "reported",
    "shown",
    "temporarily_registered",
    "unregister",
]

_SPELLING = re.compile(r"^(?P<name>[A-Za-z]+)(?:@(?P<cutoff>\d+))?$")
_ORDER: dict[str, int] = {}  # name -> registration number (ties of MeasureInfo.order keep it)


# ----- registration ----------------------------------------------------------------------------------------------
def register(info: MeasureInfo, *, replace: bool = False) -> MeasureInfo:
    """Add a measure family to the registry (from then on every reader of the registry knows it).

    Args:
        info: the declaration.
        replace: allow replacing a family of the same name.

    Raises:
        ValueError: a family of that name is already registered (and ``replace`` is False), or ``info`` is not a
            :class:`MeasureInfo`.
    """
    if not isinstance(info, MeasureInfo):
        raise ValueError(f"register() takes a MeasureInfo, got {type(info).__name__}")
    if info.name in REGISTRY and not replace:
        raise ValueError(f"measure {info.name!r} is already registered (pass replace=True to replace it)")
    REGISTRY[info.name] = info
    _ORDER.setdefault(info.name, len(_ORDER))
    return info


def unregister(name: str) -> MeasureInfo:
    """Remove a measure family from the registry and return its declaration.

    Raises:
        ValueError: no family of that name.
    """
    info = get(name)
    del REGISTRY[info.name]
    _ORDER.pop(info.name, None)
    return info


@contextmanager
def temporarily_registered(info: MeasureInfo) -> Iterator[MeasureInfo]:
    """Register ``info`` for the duration of a ``with`` block (tests, experiments), then remove it again."""
    register(info)
    try:
        yield info
    finally:
        if REGISTRY.get(info.name) is info:
            unregister(info.name)


def get(name: str) -> MeasureInfo:
    """The declaration of family ``name`` (``"AP"``; a spelling such as ``"AP@20"`` works too).

    Raises:
        ValueError: an unknown name, with the closest match.
    """
    family = str(name).split("@", 1)[0].strip()
    if family in REGISTRY:
        return REGISTRY[family]
    close = difflib.get_close_matches(family, REGISTRY, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown measure {family!r}; known: {', '.join(REGISTRY)}{hint}")


def registered(family: str | None = None) -> tuple[MeasureInfo, ...]:
    """Every registered declaration (of one ``family``), in the fixed listing order."""
    infos = sorted(REGISTRY.values(), key=lambda i: (i.order, _ORDER.get(i.name, 0)))
    return tuple(i for i in infos if family is None or i.family == family)


def _discover() -> None:
    """Import every module of this package once and register the ``MEASURE`` (or ``MEASURES``) it declares."""
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name in ("base", "scoring"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        declared = getattr(module, "MEASURES", None) or (getattr(module, "MEASURE", None),)
        for info in declared:
            if info is not None and info.name not in REGISTRY:
                register(info)


# ----- parsing ---------------------------------------------------------------------------------------------------
def parse_measure(spelling: str | Measure) -> Measure:
    """Turn a spelling such as ``"nDCG@10"`` into its :class:`Measure` (a Measure is returned unchanged).

    Case variants of a registered name are accepted (``ndcg@10``); the result carries the spelling we use.

    Raises:
        ValueError: the spelling is malformed, names an unknown measure, or lacks/has a cutoff wrongly.
    """
    if isinstance(spelling, Measure):
        measure = spelling
    else:
        text = str(spelling).strip()
        match = _SPELLING.match(text)
        if not match:
            raise ValueError(f"cannot read measure {spelling!r}: write NAME or NAME@k, e.g. 'AP@20', 'nDCG@10', 'RD'")
        name = match["name"]
        if name not in REGISTRY:
            name = {n.lower(): n for n in REGISTRY}.get(name.lower(), name)
        measure = Measure(name, int(match["cutoff"]) if match["cutoff"] else None)
    if not measure.complete:
        raise ValueError(f"measure {measure.name} needs a cutoff, e.g. '{measure.name}@10'")
    return measure


def parse_measures(spellings: Iterable[str | Measure] | str) -> tuple[Measure, ...]:
    """Parse several measures (a list or one comma-separated string), keeping order and dropping repeats."""
    if isinstance(spellings, str):
        spellings = [part for part in spellings.replace(" ", ",").split(",") if part]
    seen: dict[Measure, None] = {}
    for spelling in spellings:
        seen[parse_measure(spelling)] = None
    return tuple(seen)


def _info_or_none(metric: str | Measure) -> MeasureInfo | None:
    try:
        return parse_measure(metric).info
    except ValueError:
        return None


# ----- what evaluations compute ----------------------------------------------------------------------------------
def default_measures(input: str, *, share_k: int | None = None) -> tuple[Measure, ...]:
    """The measures an evaluation computes by default from one input (``"run"``, ``"pooled"``, ``"parallel"``):
    every registered family's default cutoffs, in listing order. ``share_k`` replaces ``LangShare``'s cutoff."""
    out = []
    for info in registered():
        if info.input != input:
            continue
        for k in info.defaults:
            if share_k is not None and info.name == "LangShare":
                k = share_k
            out.append(Measure(info.name, k))
    return tuple(dict.fromkeys(out))


# ----- what reports and archives keep ----------------------------------------------------------------------------
def _cutoff_key(k: int | None) -> int:
    return -1 if k is None else k


def curves() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(metric, settings)`` of every α curve a sweep report draws (best α, paired tests), in listing order."""
    return tuple((str(Measure(info.name, k)), settings) for info in registered()
                 for k, settings in sorted(info.curves.items(), key=lambda item: _cutoff_key(item[0])) if settings)


def reported() -> tuple[str, ...]:
    """Metrics whose cell means the sweep report's ``results.csv`` lists: the curves and the declared extras."""
    out = [m for m, _ in curves()]
    for info in registered():
        out += [str(Measure(info.name, k)) for k in info.reported]
    return tuple(dict.fromkeys(out))


def archived_per_query() -> tuple[tuple[str, str], ...]:
    """``(metric, setting)`` pairs whose per-query rows an archive keeps: the curves of archived measures."""
    return tuple((metric, setting) for metric, settings in curves() if get(metric).archived and get(metric).per_query
                 for setting in settings)


# ----- how metrics are listed and shown --------------------------------------------------------------------------
def metric_order(metrics: Iterable[str]) -> list[str]:
    """Metric spellings in the registry's listing order (family order, then cutoff); unknown ones last, sorted."""
    metrics = list(dict.fromkeys(str(m) for m in metrics))
    rank = {info.name: i for i, info in enumerate(registered())}
    known, unknown = [], []
    for metric in metrics:
        info = _info_or_none(metric)
        if info is None:
            unknown.append(metric)
        else:
            known.append((rank[info.name], _cutoff_key(parse_measure(metric).cutoff), metric))
    return [m for *_, m in sorted(known)] + sorted(unknown)


def metric_choices(table: pd.DataFrame) -> list[str]:
    """The metrics of a results table in listing order (what the dashboard offers to pick)."""
    return metric_order(table["metric"].unique().tolist())


def shown(metrics: Iterable[str]) -> list[str]:
    """The metrics among ``metrics`` that the CLI summary lists (declared ``shown``), in listing order."""
    return [m for m in metric_order(metrics) if (info := _info_or_none(m)) is not None and info.shown]


def higher_is_better(metric: str) -> bool:
    """Whether larger values of ``metric`` are better (colour scales); True for a measure without a direction
    (``LangShare@k``) and for unknown metrics."""
    info = _info_or_none(metric)
    return True if info is None else info.higher_is_better is not False


def curve_higher_is_better(metric: str) -> bool:
    """Direction of ``metric``'s α curves (best α, paired tests): ``LangShare@k``'s is the same-language share,
    lower = less bias. True for unknown metrics."""
    info = _info_or_none(metric)
    return True if info is None else info.better_in_curves


def digits(metric: str) -> int:
    """Decimals of a cell mean of ``metric`` in tables (4 for unknown metrics)."""
    info = _info_or_none(metric)
    return 4 if info is None else info.digits


def describe(metric: str) -> str:
    """One line describing ``metric`` and its direction, or the spelling itself when it is not registered."""
    info = _info_or_none(metric)
    if info is None:
        return metric
    if info.higher_is_better is None:
        arrow = "no better direction in a cell" + (
            "; in α curves lower is better" if info.curve_higher_is_better is False else "")
    else:
        arrow = "higher is better" if info.higher_is_better else "lower is better"
    return f"{metric}: {info.description} ({arrow})"


_discover()

AP = Measure("AP")
R = Measure("R")
nDCG = Measure("nDCG")
RD = Measure("RD")
LangShare = Measure("LangShare")
PooledRank = Measure("PooledRank")
SameLangAbove = Measure("SameLangAbove")
TLR = Measure("TLR")
MRC = Measure("MRC")
PEER = Measure("PEER")
