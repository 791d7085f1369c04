"""The one long-format results schema, read by the CLI, the sweep, the dashboard and every export.

A results table has one row per (run, dataset, setting, query language, candidate language, metric)
and optionally per query (``qid``). Every heatmap, curve, summary and CSV is a pivot of it.

Columns:

=========== ======= ==========================================================================
column      type    meaning
=========== ======= ==========================================================================
run         str     run name (``"untuned"`` for a model that was not trained here)
model       str     model spec or run folder the encoder came from
alpha       float   share of monolingual batches the run was trained with: the mean over training of its α
                    schedule (NaN: untuned)
schedule    str     the α schedule itself, spelled as in :mod:`hybrid_core.schedules` (``0.5``, ``linear:0-1``,
                    ``step:0-1@0.5``); empty for the untuned model. Tables written before schedules existed have
                    no such column: it is filled from ``alpha`` on reading (their α was always a constant)
seed        int     training seed (-1: untuned)
dataset     str     ``xquad-r``, ``mlqa-r``, ``miracl``, ``demo`` or a user's name
debias      str     the index-side remedy applied to the embeddings before search, spelled as in
                    :mod:`hybrid_core.debias` (``none``, ``centering``, ``lir:2``, ``shift:0.5,source=en``); tables
                    written before remedies existed read as ``none``
debias_fit  str     where the remedy's statistics came from: ``index`` (the evaluated candidates), or
                    ``<dataset>@<fingerprint>`` of the estimation data; empty for ``none``. Query languages the
                    statistics do not cover are named by :func:`hybrid_core.debias` in the evaluation's summary
setting     str     ``monolingual`` (X = Y), ``cross-lingual`` (X != Y), ``multilingual`` (pooled)
query_lang  str     query language X
doc_lang    str     candidate language Y, or ``all`` for the pooled multilingual pool
metric      str     one spelling per measure: ``AP@20``, ``R@1``, ``R@10``, ``nDCG@10``, ``R@100``,
                    ``RD``, ``LangShare@10`` (share of top-10 in ``doc_lang``), ...
value       float   mean over the queries of the cell (or the per-query value when ``qid`` is set)
qid         str     optional: question id of a per-query row; empty for aggregated rows
=========== ======= ==========================================================================
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from hybrid_core.atomic import write_with
from hybrid_core.schedules import format_number

Setting = Literal["monolingual", "cross-lingual", "multilingual"]
SETTINGS: tuple[str, ...] = ("monolingual", "cross-lingual", "multilingual")
ALL_LANGUAGES = "all"

COLUMNS: tuple[str, ...] = (
    "run", "model", "alpha", "schedule", "seed", "dataset", "debias", "debias_fit", "setting", "query_lang", "doc_lang",
    "metric", "value", "qid",
)
#: Columns a results file may lack (written before they existed); they read as these values.
DEFAULTS: dict[str, str] = {"qid": "", "debias": "none", "debias_fit": ""}
_DTYPES: dict[str, str] = {
    "run": "string", "model": "string", "alpha": "float64", "schedule": "string", "seed": "int64", "dataset": "string",
    "debias": "string", "debias_fit": "string",
    "setting": "string", "query_lang": "string", "doc_lang": "string", "metric": "string",
    "value": "float64", "qid": "string",
}


class ResultsError(ValueError):
    """A results table that does not follow the schema (the message names the column and the problem)."""


def empty_results() -> pd.DataFrame:
    """A results table with no rows and the schema's columns and types."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()})


def setting_of(query_lang: str, doc_lang: str) -> str:
    """Setting of a (query language, candidate language) cell."""
    if doc_lang == ALL_LANGUAGES:
        return "multilingual"
    return "monolingual" if query_lang == doc_lang else "cross-lingual"


def make_rows(records: Iterable[Mapping[str, object]], **constants: object) -> pd.DataFrame:
    """Build a validated results table from dicts (``constants`` fill columns shared by every row)."""
    rows = [{**constants, **r} for r in records]
    frame = pd.DataFrame(rows) if rows else empty_results()
    return validate_results(frame)


def validate_results(frame: pd.DataFrame, *, source: str = "results table") -> pd.DataFrame:
    """Check and normalise a results table: columns, types, settings, finite values.

    Returns a copy with the schema's column order and dtypes; the optional ``qid`` column is
    added (empty) when missing.

    Raises:
        ResultsError: a column is missing, a setting is unknown or a value is not a number.
    """
    frame = frame.copy()
    for column, default in DEFAULTS.items():
        if column not in frame.columns:
            frame[column] = default
    if "schedule" not in frame.columns and "alpha" in frame.columns:
        frame["schedule"] = constant_spellings(frame["alpha"])
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ResultsError(f"{source}: missing column(s) {missing}; expected {list(COLUMNS)}")
    frame = frame[list(COLUMNS)]
    frame["alpha"] = pd.to_numeric(frame["alpha"], errors="coerce")
    bad_alpha = frame["alpha"].notna() & ((frame["alpha"] < 0) | (frame["alpha"] > 1))
    if bad_alpha.any():
        raise ResultsError(f"{source}: column 'alpha' has values outside [0, 1]: "
                           f"{sorted(frame.loc[bad_alpha, 'alpha'].unique())[:5]}")
    frame["schedule"] = frame["schedule"].fillna("").astype(str)
    missing_schedule = (frame["schedule"] == "") & frame["alpha"].notna()
    if missing_schedule.any():
        frame.loc[missing_schedule, "schedule"] = constant_spellings(frame.loc[missing_schedule, "alpha"])
    frame["seed"] = pd.to_numeric(frame["seed"], errors="coerce").fillna(-1).astype("int64")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    if frame["value"].isna().any():
        bad = frame.loc[frame["value"].isna(), "metric"].unique()[:5]
        raise ResultsError(f"{source}: column 'value' has missing or non-numeric entries (metrics {list(bad)})")
    unknown = set(frame["setting"].dropna().unique()) - set(SETTINGS)
    if unknown:
        raise ResultsError(f"{source}: column 'setting' has unknown values {sorted(unknown)}; "
                           f"expected one of {list(SETTINGS)}")
    frame["qid"] = frame["qid"].fillna("")
    frame["debias"] = frame["debias"].fillna("none").replace("", "none")
    frame["debias_fit"] = frame["debias_fit"].fillna("")
    for column, dtype in _DTYPES.items():
        frame[column] = frame[column].astype(dtype)
    return frame.reset_index(drop=True)


def constant_spellings(alphas: pd.Series) -> pd.Series:
    """The schedule spelling of constant α values (``0.5`` -> ``"0.5"``; NaN, the untuned model, -> ``""``)."""

    values = pd.to_numeric(alphas, errors="coerce")
    spelled = {a: format_number(a) for a in values.dropna().unique()}
    return values.map(spelled).fillna("").astype(str)


def has_remedies(frame: pd.DataFrame) -> bool:
    """Whether any row was evaluated with an index-side remedy (``debias`` other than ``none``)."""
    return "debias" in frame.columns and bool((frame["debias"] != "none").any())


def has_schedules(frame: pd.DataFrame) -> bool:
    """Whether any run of the table varied α over training (a schedule that is not a constant)."""
    if "schedule" not in frame.columns:
        return False
    return bool((frame["schedule"] != constant_spellings(frame["alpha"])).any())


def write_results(frame: pd.DataFrame, path: str | Path) -> Path:
    """Validate and write a results table atomically (``.parquet`` or ``.csv`` by suffix)."""
    path = Path(path)
    frame = validate_results(frame)
    if path.suffix == ".csv":
        return write_with(path, lambda tmp: frame.to_csv(tmp, index=False))
    return write_with(path, lambda tmp: frame.to_parquet(tmp, index=False))


def read_results(path: str | Path) -> pd.DataFrame:
    """Read and validate a results table (``.parquet`` or ``.csv``)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"results file not found: {path}")
    frame = pd.read_csv(path, keep_default_na=False, na_values={"alpha": [""], "value": [""]}) \
        if path.suffix == ".csv" else pd.read_parquet(path)
    return validate_results(frame, source=str(path))


def concat_results(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate results tables (validated)."""
    frames = [f for f in frames if len(f)]
    return validate_results(pd.concat(frames, ignore_index=True)) if frames else empty_results()


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its string columns as categoricals: each a few distinct values (or a few thousand question ids)
    over millions of per-query rows, so a table takes ~5x less memory (an XQuAD-R evaluation's 0.34 M rows: ~190 bytes
    a row as strings). The analysis functions read it as they read the schema's table; :func:`validate_results` turns
    it back."""
    return frame.astype({c: "category" for c, t in _DTYPES.items() if t == "string" and c in frame.columns})


def concat_compact(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Validated tables stacked as one :func:`compact` table, each compacted as it comes (pass a generator that reads
    them): memory holds the compact rows and one table as strings, never every row as strings. The rows are those of
    ``compact(concat_results(frames))``; the categories are the union of all (sorted)."""
    parts = [compact(frame) for frame in frames if len(frame)]
    if not parts:
        return compact(empty_results())
    for column in [c for c in parts[0].columns if isinstance(parts[0][c].dtype, pd.CategoricalDtype)]:
        categories = pd.Index(sorted(set().union(*(part[column].cat.categories for part in parts))),
                              dtype=parts[0][column].cat.categories.dtype)
        for part in parts:
            part[column] = part[column].cat.set_categories(categories)
    return pd.concat(parts, ignore_index=True)


#: The columns that name an index-side remedy: results of different remedies or estimation data never mix.
REMEDY_COLUMNS: tuple[str, ...] = ("debias", "debias_fit")
#: The (debias, debias_fit) pair of rows without an index-side remedy.
NO_REMEDY: tuple[str, str] = ("none", "")


def check_one_remedy(frame: pd.DataFrame, *, what: str = "this view") -> None:
    """Refuse a table holding rows of several remedies (:data:`REMEDY_COLUMNS`): a mean, a curve point or a
    heatmap cell must not average them (select one first: :func:`hybrid_core.remedy_views.select_remedy`).

    Raises:
        ValueError: naming the remedies found.
    """
    columns = [c for c in REMEDY_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return
    pairs = frame[columns].drop_duplicates()
    if len(pairs) > 1:
        names = ", ".join(" ".join(str(v) for v in row if v) for row in pairs.itertuples(index=False))
        raise ValueError(f"{what} would mix results of several remedies ({names}); select one remedy first "
                         "(hybrid_core.remedy_views.select_remedy)")


def cells_and_pairs(frame: pd.DataFrame, pairs: Iterable[tuple[str, str]]) -> pd.Series:
    """Which rows are cell means or per-query rows of the ``(metric, setting)`` ``pairs`` (a boolean mask)."""
    wanted = pd.MultiIndex.from_arrays([frame["metric"], frame["setting"]]).isin(list(pairs))
    return (frame["qid"] == "") | pd.Series(wanted, index=frame.index)


def aggregated(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are cell means (no ``qid``)."""
    return frame[frame["qid"] == ""]


def per_query(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are per-query values."""
    return frame[frame["qid"] != ""]


def select(frame: pd.DataFrame, *, run: str | Sequence[str] | None = None, dataset: str | None = None,
           metric: str | None = None) -> pd.DataFrame:
    """Rows of ``frame`` for a run (or several), a dataset and a metric (``None`` keeps all)."""
    mask = pd.Series(True, index=frame.index)
    if run is not None:
        runs = [run] if isinstance(run, str) else list(run)
        mask &= frame["run"].isin(runs)
    if dataset is not None:
        mask &= frame["dataset"] == dataset
    if metric is not None:
        mask &= frame["metric"] == metric
    return frame[mask]


def constant_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of runs trained with a constant α, and of the untuned model (what an α curve is drawn from)."""
    if "schedule" not in frame.columns:
        return frame
    constant = (frame["schedule"] == constant_spellings(frame["alpha"])).to_numpy()
    return frame if constant.all() else frame[constant]  # unchanged (not copied) when every run had a constant α


def schedule_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of runs whose α varied over training (a schedule that is not a constant)."""
    if "schedule" not in frame.columns:
        return frame.iloc[:0]
    return frame[(frame["schedule"] != constant_spellings(frame["alpha"])).to_numpy()]


def setting_means(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                  ) -> dict[str, float]:
    """Mono / cross / multi means of one metric: mean of the diagonal cells, of the off-diagonal cells, and over
    query languages of the pooled cells (XTREME-R macro average). Settings without rows are left out."""
    rows = aggregated(select(frame, run=run, dataset=dataset, metric=metric))
    if rows.empty:
        return {}
    cells = rows.groupby(["setting", "query_lang", "doc_lang"])["value"].mean().reset_index()
    means = cells.groupby("setting")["value"].mean()
    return {s: float(means[s]) for s in SETTINGS if s in means.index}


def pair_matrix(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                ) -> pd.DataFrame:
    """Query language x candidate language matrix of one metric (rows X, columns Y), from aggregated rows."""
    rows = aggregated(frame)
    rows = rows[(rows["metric"] == metric) & (rows["doc_lang"] != ALL_LANGUAGES)]
    if run is not None:
        rows = rows[rows["run"] == run]
    if dataset is not None:
        rows = rows[rows["dataset"] == dataset]
    if rows.empty:
        return pd.DataFrame()
    matrix = rows.pivot_table(index="query_lang", columns="doc_lang", values="value", aggfunc="mean")
    matrix.index.name, matrix.columns.name = "query_lang", "doc_lang"
    return matrix


def summary(frame: pd.DataFrame, *, metrics: Iterable[str] | None = None) -> pd.DataFrame:
    """Mono / cross / multi means per run, dataset and metric.

    Monolingual = mean of the diagonal cells, cross-lingual = mean of the off-diagonal cells,
    multilingual = mean over query languages of the pooled cells (macro average, as in XTREME-R).
    """
    rows = aggregated(frame)
    if metrics is not None:
        rows = rows[rows["metric"].isin(list(metrics))]
    keys = ["run", "model", "alpha", "schedule", "seed", "dataset", "debias", "debias_fit", "metric", "setting"]
    grouped = rows.groupby(keys, dropna=False)["value"].mean().reset_index()
    table = grouped.pivot_table(index=keys[:-1], columns="setting", values="value", dropna=False).reset_index()
    table.columns.name = None
    return table


def is_missing(value: object) -> bool:
    """True for None and NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))
