"""Plotly figures from results tables, and their exports (PNG, self-contained HTML, CSV). No Streamlit here.

Every figure is a pivot of the long-format results table (:mod:`hybrid_core.results`) or of a small table the
bias probe (:mod:`hybrid_core.probe`) returns, so the dashboard, the CLI and ``docs/results/`` draw the same
pictures:

================================= ==================================================================================
function                          figure
================================= ==================================================================================
:func:`pair_heatmap`              query language x candidate language matrix of one metric, the pooled
                                  (multilingual) column beside it, diagonal (monolingual) cells outlined and the
                                  mono / cross / multi means in the title
:func:`difference_heatmap`        the same for run A minus run B (diverging colours centred on 0)
:func:`alpha_curves`              metric vs α per setting (or per query language) with confidence bands, from
                                  :func:`alpha_curve_table`, and the untuned model as a dashed reference line
:func:`alpha_curve_panels`        the same, one panel (own y range) per setting: small gaps stay visible
:func:`paired_difference_panels`  each α minus a reference α on the same questions, with CIs (paired tests)
:func:`language_bars`             per-language view: mono / cross / multi of each query language
:func:`share_heatmap`             top-k language-share matrix (rows query language, columns candidate language)
:func:`language_share_bars`       language distribution of one retrieved set (or of several encoders side by side)
:func:`rd_distribution`           per-query rank distance per query language (box plots)
:func:`projection_scatter`        2-D projection of candidate embeddings coloured by language
================================= ==================================================================================

Exports: :func:`png_bytes` (kaleido, which drives a Chrome/Chromium: ``$BROWSER_PATH`` or the Debian
``/usr/bin/chromium``; :class:`ExportError` with a clear message when there is none), :func:`html_text`
(self-contained: plotly.js inlined, opens offline), :func:`csv_bytes`, and :func:`write_figure` by suffix.

Example:
    >>> import pandas as pd
    >>> from hybrid_core.results import make_rows
    >>> table = make_rows([
    ...     {"query_lang": x, "doc_lang": y, "setting": "monolingual" if x == y else "cross-lingual",
    ...      "value": 0.9 if x == y else 0.5} for x in ("de", "en") for y in ("de", "en")],
    ...     run="r", model="m", alpha=0.5, seed=1, dataset="demo", metric="AP@20")
    >>> setting_means(table, metric="AP@20")
    {'monolingual': 0.9, 'cross-lingual': 0.5}
    >>> fig = pair_heatmap_from_results(table, metric="AP@20", run="r", dataset="demo")
    >>> fig.layout.title.text.startswith("AP@20")
    True
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import shutil
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hybrid_core import measures
from hybrid_core.atomic import write_with
from hybrid_core.results import (
    ALL_LANGUAGES,
    SETTINGS,
    aggregated,
    concat_results,
    pair_matrix,
    per_query,
    select,
    setting_means,
)

log = logging.getLogger(__name__)

SETTING_SHORT: dict[str, str] = {"monolingual": "mono", "cross-lingual": "cross", "multilingual": "multi"}
SETTING_COLORS: dict[str, str] = {"monolingual": "#1c7ed6", "cross-lingual": "#e8590c", "multilingual": "#2b8a3e"}
#: Fixed colours for the XQuAD-R / MLQA-R languages so every chart colours a language the same way.
_PALETTE: tuple[str, ...] = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#ad494a", "#637939", "#8c6d31", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
)
_FIXED_ORDER: tuple[str, ...] = ("ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh", "bn", "fa", "fi",
                                 "fr", "id", "ja", "ko", "sw", "te")
DEFAULT_CONFIDENCE = 0.95
EXPORT_WIDTH, EXPORT_HEIGHT = 1400, 900
#: Where kaleido looks for a browser when ``$BROWSER_PATH`` is not set (Debian's package first).
CHROME_CANDIDATES: tuple[str, ...] = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome",
                                      "google-chrome-stable")


class ExportError(RuntimeError):
    """A figure could not be exported (the message says why and what to install or set)."""


# ----- metric helpers (the measure registry, hybrid_core.measures, knows every metric) --------------------------
def higher_is_better(metric: str) -> bool:
    """Whether larger values of ``metric`` are better (False for ``RD``, ``PooledRank``, ``SameLangAbove``; True for
    a measure without a direction such as ``LangShare@k`` and for unknown metrics)."""
    return measures.higher_is_better(metric)


def metric_description(metric: str) -> str:
    """One line describing ``metric`` (from the measure registry), or the spelling itself when unknown."""
    return measures.describe(metric)


def language_colors(languages: Iterable[str]) -> dict[str, str]:
    """A stable colour per language code (the same colour in every chart)."""
    colors = {}
    extra = 0
    for lang in languages:
        if lang in _FIXED_ORDER:
            colors[lang] = _PALETTE[_FIXED_ORDER.index(lang) % len(_PALETTE)]
        else:
            colors[lang] = _PALETTE[(len(_FIXED_ORDER) + extra) % len(_PALETTE)]
            extra += 1
    return colors


# ----- selections and pivots ------------------------------------------------------------------------------------
def disambiguate_runs(frame: pd.DataFrame) -> pd.DataFrame:
    """Make run names unique per model: a name several models share (``untuned`` evaluations of two models, say)
    becomes ``"<run> [<model folder or spec name>]"`` for each of them, so selections by run never mix models."""
    if frame.empty:
        return frame
    models_per_run = frame.groupby("run")["model"].nunique()
    shared = set(models_per_run[models_per_run > 1].index)
    if not shared:
        return frame
    frame = frame.copy()
    mask = frame["run"].isin(shared)
    names = frame.loc[mask, "model"].map(lambda m: Path(str(m)).name or str(m))
    frame.loc[mask, "run"] = frame.loc[mask, "run"] + " [" + names + "]"
    return frame


def merge_variants(parts: Sequence[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Concatenate results tables, keeping evaluations of one run on one dataset apart when they differ otherwise.

    The schema has no column for how a dataset was evaluated (sentence or sentence + context candidates, a question
    subset, ...), so two files holding the same (run, dataset) would be averaged by every pivot. Each part comes
    with a variant label (e.g. its file name's tag); a dataset that some run has in more than one part becomes
    ``"<dataset> [<variant>]"`` in every part, so runs evaluated the same way stay comparable.
    """

    count: dict[tuple[str, str], int] = {}
    for _, part in parts:
        keys = part[["run", "dataset"]].drop_duplicates()  # not a Python loop over the rows: parts are large
        for key in zip(keys["run"], keys["dataset"]):
            count[key] = count.get(key, 0) + 1
    ambiguous = {dataset for (_, dataset), n in count.items() if n > 1}
    out = []
    for variant, part in parts:
        if ambiguous and part["dataset"].isin(ambiguous).any():
            tagged = part["dataset"].where(~part["dataset"].isin(ambiguous), part["dataset"] + f" [{variant}]")
            part = part.assign(dataset=tagged)
        out.append(part)
    return concat_results(out)


def run_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per run of a results table: ``run, model, alpha, seed, datasets`` (sorted by α, then run)."""
    if frame.empty:
        return pd.DataFrame(columns=["run", "model", "alpha", "seed", "datasets"])
    table = frame.groupby("run").agg(model=("model", "first"), alpha=("alpha", "first"), seed=("seed", "first"),
                                     datasets=("dataset", lambda d: ", ".join(sorted(set(d))))).reset_index()
    return table.sort_values(["alpha", "run"], na_position="first").reset_index(drop=True)


def run_label(row: Mapping[str, object]) -> str:
    """``"a0.50-s1 (α=0.5, seed 1)"`` or ``"untuned (untuned)"`` for a row of :func:`run_table`."""
    alpha = row.get("alpha")
    if _nan(alpha):
        return f"{row['run']} (untuned)"
    return f"{row['run']} (α={float(alpha):g}, seed {row.get('seed')})"


def per_query_values(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                     ) -> pd.DataFrame:
    """Per-query rows of one metric as ``query_lang, doc_lang, qid, value`` (e.g. ``RD`` for its distribution)."""
    rows = per_query(select(frame, run=run, dataset=dataset, metric=metric))
    return rows[["query_lang", "doc_lang", "qid", "value"]].reset_index(drop=True)


def pair_metrics(frame: pd.DataFrame) -> list[str]:
    """Metrics that have per-language-pair cells (what a pair heatmap can show), in a stable order."""
    rows = aggregated(frame)
    metrics = rows.loc[rows["doc_lang"] != ALL_LANGUAGES, "metric"].unique().tolist()
    return _metric_order(metrics)


def all_metrics(frame: pd.DataFrame) -> list[str]:
    """Every metric of the table, in the measure registry's order (:func:`hybrid_core.measures.metric_choices`)."""
    return measures.metric_choices(frame)


def _metric_order(metrics: Iterable[str]) -> list[str]:
    return measures.metric_order(metrics)


def pooled_column(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                  ) -> pd.Series:
    """The multilingual (pooled) value per query language (empty when the table has none)."""
    rows = aggregated(select(frame, run=run, dataset=dataset, metric=metric))
    rows = rows[rows["doc_lang"] == ALL_LANGUAGES]
    if rows.empty:
        return pd.Series(dtype=float, name=ALL_LANGUAGES)
    series = rows.groupby("query_lang")["value"].mean()
    series.name = ALL_LANGUAGES
    return series


def language_profile(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                     ) -> pd.DataFrame:
    """Per query language: its monolingual cell, the mean of its cross-lingual cells (as query language and as
    candidate language) and its pooled value. Columns ``query_lang, monolingual, cross-lingual, cross-as-target,
    multilingual`` (NaN where the table has no such cell)."""
    matrix = pair_matrix(select(frame, run=run, dataset=dataset), metric=metric)
    pooled = pooled_column(frame, metric=metric, run=run, dataset=dataset)
    languages = sorted(set(matrix.index) | set(matrix.columns) | set(pooled.index))
    rows = []
    for lang in languages:
        row_vals = matrix.loc[lang] if lang in matrix.index else pd.Series(dtype=float)
        col_vals = matrix[lang] if lang in matrix.columns else pd.Series(dtype=float)
        rows.append({
            "query_lang": lang,
            "monolingual": float(row_vals.get(lang, np.nan)),
            "cross-lingual": float(row_vals.drop(lang, errors="ignore").mean()) if len(row_vals) else np.nan,
            "cross-as-target": float(col_vals.drop(lang, errors="ignore").mean()) if len(col_vals) else np.nan,
            "multilingual": float(pooled.get(lang, np.nan)),
        })
    return pd.DataFrame(rows, columns=["query_lang", "monolingual", "cross-lingual", "cross-as-target",
                                       "multilingual"])


def square(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with the same languages on both axes (union, sorted); missing cells are NaN."""
    languages = sorted(set(matrix.index) | set(matrix.columns))
    out = matrix.reindex(index=languages, columns=languages)
    out.index.name, out.columns.name = "query_lang", "doc_lang"
    return out


def heatmap_table(frame: pd.DataFrame, *, metric: str, run: str | None = None, dataset: str | None = None
                  ) -> pd.DataFrame:
    """The numbers behind :func:`pair_heatmap_from_results` as one table: the square pair matrix plus the pooled
    column ``all`` (what the CSV export holds)."""
    matrix = square(pair_matrix(select(frame, run=run, dataset=dataset), metric=metric))
    pooled = pooled_column(frame, metric=metric, run=run, dataset=dataset)
    if not pooled.empty:
        matrix = matrix.reindex(index=sorted(set(matrix.index) | set(pooled.index)))
        matrix[ALL_LANGUAGES] = pooled
    return matrix


# ----- heatmaps -------------------------------------------------------------------------------------------------
def _summary_text(summary: Mapping[str, float], *, decimals: int, signed: bool = False) -> str:
    fmt = f"{{:+.{decimals}f}}" if signed else f"{{:.{decimals}f}}"
    prefix = "Δ " if signed else ""
    return " · ".join(f"{prefix}{SETTING_SHORT[s]} {fmt.format(v)}" for s, v in summary.items()
                      if s in SETTING_SHORT and not _nan(v))


def _title(text: str) -> dict:
    """Layout title aligned with the plot area's left edge, at the top of the figure."""
    return {"text": text, "x": 0.0, "xref": "paper", "xanchor": "left", "y": 1.0, "yref": "container",
            "yanchor": "top", "pad": {"t": 12}, "font": {"size": 15}}


def _nan(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _diagonal_shapes(languages: Sequence[str], columns: Sequence[str]) -> list[dict]:
    shapes = []
    for i, lang in enumerate(languages):
        if lang in columns:
            j = list(columns).index(lang)
            shapes.append({"type": "rect", "xref": "x", "yref": "y", "x0": j - 0.5, "x1": j + 0.5,
                           "y0": i - 0.5, "y1": i + 0.5, "line": {"color": "#212529", "width": 2}})
    return shapes


def _matrix_figure(matrix: pd.DataFrame, *, pooled: pd.Series | None, title: str, colorbar: str,
                   colorscale: str | list, zmin: float | None, zmax: float | None, zmid: float | None,
                   decimals: int, signed: bool, outline_diagonal: bool = True) -> go.Figure:
    """A heatmap of a query x candidate language matrix, with an optional pooled column in its own panel."""
    matrix = square(matrix) if set(matrix.index) == set(matrix.columns) or not len(matrix) else matrix
    rows = list(matrix.index)
    has_pooled = pooled is not None and not pooled.empty
    if has_pooled:
        rows = sorted(set(rows) | set(pooled.index))
        matrix = matrix.reindex(index=rows)
    columns = list(matrix.columns)
    fmt = f"%{{z:+.{decimals}f}}" if signed else f"%{{z:.{decimals}f}}"
    common = {"colorscale": colorscale, "zmin": zmin, "zmax": zmax, "zmid": zmid, "texttemplate": fmt,
              "textfont": {"size": 11}, "xgap": 1, "ygap": 1}
    main = go.Heatmap(z=matrix.to_numpy(dtype=float), x=columns, y=rows, colorbar={"title": colorbar},
                      hovertemplate="query %{y} → candidates %{x}<br>" + colorbar + " " + fmt + "<extra></extra>",
                      **common)
    if has_pooled:
        fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.02,
                            column_widths=[len(columns), max(1.4, len(columns) / 8)])
        fig.add_trace(main, row=1, col=1)
        pooled_z = pooled.reindex(rows).to_numpy(dtype=float)[:, None]
        fig.add_trace(go.Heatmap(z=pooled_z, x=["all (pooled)"], y=rows, showscale=False,
                                 hovertemplate="query %{y} → pooled candidates of all languages<br>" + colorbar
                                 + " " + fmt + "<extra></extra>", **common), row=1, col=2)
        fig.update_xaxes(side="top", row=1, col=2)
    else:
        fig = go.Figure(main)
    fig.update_yaxes(autorange="reversed", title_text="query language", row=1, col=1) if has_pooled else \
        fig.update_yaxes(autorange="reversed", title_text="query language")
    fig.update_xaxes(title_text="candidate language", side="top", row=1, col=1) if has_pooled else \
        fig.update_xaxes(title_text="candidate language", side="top")
    if outline_diagonal:
        for shape in _diagonal_shapes(rows, columns):
            fig.add_shape(**shape)
    side = max(380, 38 * len(rows) + 170)
    fig.update_layout(title=_title(title),
                      height=side, margin={"l": 60, "r": 30, "t": 115, "b": 30}, plot_bgcolor="white")
    return fig


def pair_heatmap(matrix: pd.DataFrame, *, metric: str, title: str = "", pooled: pd.Series | None = None,
                 summary: Mapping[str, float] | None = None, zmin: float | None = None, zmax: float | None = None,
                 decimals: int = 2) -> go.Figure:
    """Heatmap of a query language (rows) x candidate language (columns) matrix of one metric.

    Args:
        matrix: from :func:`hybrid_core.results.pair_matrix` (rows ``query_lang``, columns ``doc_lang``).
        metric: the metric's spelling (colour bar title; ``RD``-like metrics get a reversed colour scale).
        title: first part of the title (e.g. the run and dataset).
        pooled: the multilingual value per query language, drawn as a separate ``all (pooled)`` column.
        summary: mono / cross / multi means (from :func:`setting_means`), written into the title.
        zmin, zmax: colour range (default: the data's; ``[0, 1]`` for metrics in [0, 1]).
        decimals: digits of the numbers written in the cells.
    """
    values = np.concatenate([matrix.to_numpy(dtype=float).ravel(),
                             pooled.to_numpy(dtype=float) if pooled is not None else np.array([])])
    finite = values[np.isfinite(values)]
    if zmin is None and zmax is None and finite.size and finite.min() >= 0 and finite.max() <= 1:
        zmin, zmax = 0.0, 1.0
    scale = "Viridis" if higher_is_better(metric) else "Viridis_r"
    head = f"{metric} · {title}" if title else metric
    text = _summary_text(summary or {}, decimals=3)
    full = f"{head}<br><sup>{text}  (diagonal outlined = monolingual)</sup>" if text else head
    return _matrix_figure(matrix, pooled=pooled, title=full, colorbar=metric, colorscale=scale, zmin=zmin,
                          zmax=zmax, zmid=None, decimals=decimals, signed=False)


def pair_heatmap_from_results(frame: pd.DataFrame, *, metric: str, run: str | None = None,
                              dataset: str | None = None, title: str | None = None, decimals: int = 2) -> go.Figure:
    """:func:`pair_heatmap` of one run and dataset straight from a results table (pooled column and summary
    included).

    Raises:
        ValueError: the table has no pair cells for this metric, run and dataset (the message says which).
    """
    chosen = select(frame, run=run, dataset=dataset)
    matrix = pair_matrix(chosen, metric=metric)
    if matrix.empty:
        raise ValueError(f"no per-language-pair rows for metric {metric!r}, run {run!r}, dataset {dataset!r}; "
                         f"metrics with pair cells: {pair_metrics(chosen) or 'none'}")
    label = title if title is not None else " · ".join(str(p) for p in (run, dataset) if p)
    return pair_heatmap(matrix, metric=metric, title=label, pooled=pooled_column(chosen, metric=metric),
                        summary=setting_means(chosen, metric=metric), decimals=decimals)


def difference_table(frame: pd.DataFrame, *, metric: str, run_a: str, run_b: str, dataset: str | None = None
                     ) -> tuple[pd.DataFrame, pd.Series, dict[str, float]]:
    """Cell-wise A − B: the pair matrix, the pooled column and the mono / cross / multi differences.

    Raises:
        ValueError: one of the runs has no pair cells for the metric and dataset.
    """
    parts = []
    for run in (run_a, run_b):
        matrix = square(pair_matrix(select(frame, run=run, dataset=dataset), metric=metric))
        if matrix.empty:
            raise ValueError(f"run {run!r} has no per-language-pair rows for metric {metric!r} on dataset {dataset!r}")
        parts.append((matrix, pooled_column(frame, metric=metric, run=run, dataset=dataset),
                      setting_means(frame, metric=metric, run=run, dataset=dataset)))
    (ma, pa, sa), (mb, pb, sb) = parts
    diff = square(ma.sub(mb))
    pooled = pa.sub(pb).dropna() if not pa.empty and not pb.empty else pd.Series(dtype=float)
    summary = {s: sa[s] - sb[s] for s in SETTINGS if s in sa and s in sb}
    return diff, pooled, summary


def difference_heatmap(frame: pd.DataFrame, *, metric: str, run_a: str, run_b: str, dataset: str | None = None,
                       decimals: int = 3) -> go.Figure:
    """Heatmap of run A minus run B per language pair (e.g. α=0.5 minus α=1), centred on 0.

    Blue means A is better than B whatever the metric's direction (the scale flips for lower-is-better metrics).
    """
    diff, pooled, summary = difference_table(frame, metric=metric, run_a=run_a, run_b=run_b, dataset=dataset)
    values = np.concatenate([diff.to_numpy(dtype=float).ravel(), pooled.to_numpy(dtype=float)])
    finite = values[np.isfinite(values)]
    bound = float(np.abs(finite).max()) if finite.size else 1.0
    bound = bound or 1.0
    scale = "RdBu" if higher_is_better(metric) else "RdBu_r"
    text = _summary_text(summary, decimals=3, signed=True)
    where = f" · {dataset}" if dataset else ""
    title = f"Δ {metric}: {run_a} − {run_b}{where}<br><sup>{text}  (blue: {run_a} better)</sup>"
    return _matrix_figure(diff, pooled=pooled, title=title, colorbar=f"Δ {metric}", colorscale=scale,
                          zmin=-bound, zmax=bound, zmid=None, decimals=decimals, signed=True)


def share_heatmap(matrix: pd.DataFrame, *, k: int = 10, title: str = "") -> go.Figure:
    """Top-k language-share matrix (rows query language, columns candidate language, rows sum to 1).

    The title gives the mean same-language share (diagonal): 1/n for an unbiased model over n equal pools.
    """
    sq = square(matrix) if set(matrix.index) <= set(matrix.columns) else matrix
    diag = [sq.loc[lang, lang] for lang in sq.index if lang in sq.columns]
    same = float(np.nanmean(diag)) if diag else float("nan")
    head = f"Top-{k} language share" + (f" · {title}" if title else "")
    sub = f"same-language share {same:.2f} (unbiased ≈ {1 / max(len(sq.columns), 1):.2f})" if diag else ""
    return _matrix_figure(sq, pooled=None, title=f"{head}<br><sup>{sub}</sup>", colorbar="share",
                          colorscale="Blues", zmin=0.0, zmax=1.0, zmid=None, decimals=2, signed=False)


# ----- α curves -------------------------------------------------------------------------------------------------
def _hex_to_rgba(color: str, alpha: float) -> str:
    color = color.lstrip("#")
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _curve_traces(part: pd.DataFrame, *, label: str, color: str, metric: str, confidence: float,
                  legend: bool = True, band: bool = True) -> list[go.Scatter]:
    """The shaded confidence band (where there is one and ``band``) and the line of one α curve."""
    traces = []
    interval = part.dropna(subset=["low", "high"])
    if band and len(interval):
        band_rows = interval
        traces.append(go.Scatter(
            x=[*band_rows["alpha"], *band_rows["alpha"][::-1]], y=[*band_rows["high"], *band_rows["low"][::-1]],
            fill="toself",
            mode="lines", fillcolor=_hex_to_rgba(color, 0.18), line={"width": 0}, hoverinfo="skip",
            showlegend=False, legendgroup=label, name=f"{label} {confidence:.0%} CI"))
    custom = np.column_stack([part["low"], part["high"], part["n_runs"]])
    traces.append(go.Scatter(
        x=part["alpha"], y=part["mean"], mode="lines+markers", name=label, legendgroup=label,
        line={"color": color, "width": 2.5}, customdata=custom, showlegend=legend,
        hovertemplate=f"{label}<br>α=%{{x:.2f}}<br>{metric} %{{y:.4f}}<br>{confidence:.0%} CI "
                      "[%{customdata[0]:.4f}, %{customdata[1]:.4f}]<br>runs %{customdata[2]}<extra></extra>"))
    return traces


#: Most curves of one figure that still get their confidence band drawn.
MAX_BANDS = 4
#: Marker symbols of α schedules drawn beside a curve (one per schedule, cycled).
SCHEDULE_SYMBOLS: tuple[str, ...] = ("diamond", "square", "triangle-up", "triangle-down", "star", "cross", "x")


def _schedule_traces(points: pd.DataFrame, *, color: str, metric: str, confidence: float,
                     legend: bool = True) -> list[go.Scatter]:
    """One marker with its interval per α schedule (rows of :func:`hybrid_core.analysis.schedule_points` of one
    setting), at the schedule's mean α."""
    traces = []
    for index, (schedule, part) in enumerate(points.groupby("schedule", sort=True)):
        symbol = SCHEDULE_SYMBOLS[index % len(SCHEDULE_SYMBOLS)]
        has_interval = part[["low", "high"]].notna().all(axis=None)
        traces.append(go.Scatter(
            x=part["alpha"], y=part["mean"], mode="markers", name=str(schedule), legendgroup=f"schedule {schedule}",
            showlegend=legend, marker={"symbol": symbol, "size": 11, "color": "white", "line": {"color": color,
                                                                                              "width": 2}},
            error_y={"type": "data", "symmetric": False, "array": part["high"] - part["mean"],
                     "arrayminus": part["mean"] - part["low"], "color": color, "width": 3} if has_interval else None,
            customdata=np.column_stack([part["low"], part["high"], part["n_runs"]]),
            hovertemplate=f"schedule {schedule} (mean α %{{x:.2f}})<br>{metric} %{{y:.4f}}<br>{confidence:.0%} CI "
                          "[%{customdata[0]:.4f}, %{customdata[1]:.4f}]<br>runs %{customdata[2]}<extra></extra>"))
    return traces


def alpha_curves(table: pd.DataFrame, *, metric: str, reference: Mapping[str, float] | None = None,
                 title: str = "", confidence: float = DEFAULT_CONFIDENCE,
                 schedules: pd.DataFrame | None = None) -> go.Figure:
    """Lines of metric vs α with shaded confidence bands, from :func:`hybrid_core.analysis.alpha_curve_table`.

    One line per setting, or per query language when the table has a ``query_lang`` column. ``reference``
    (from :func:`hybrid_core.analysis.reference_levels`) draws the untuned model's level of each setting as a dashed
    line; ``schedules`` (:func:`hybrid_core.analysis.schedule_points`) marks each α schedule at its mean α.
    """
    by_language = "query_lang" in table.columns
    group_col = "query_lang" if by_language else "setting"
    groups = list(dict.fromkeys(table[group_col])) if len(table) else []
    if not by_language:
        groups = [s for s in SETTINGS if s in groups]
    colors = language_colors(groups) if by_language else SETTING_COLORS
    bands = len(groups) <= MAX_BANDS  # a dozen overlapping bands hide the lines; intervals stay in the hover
    fig = go.Figure()
    for name in groups:
        part = table[table[group_col] == name].sort_values("alpha")
        color = colors.get(name, "#495057")
        label = name if by_language else SETTING_SHORT.get(name, name)
        for trace in _curve_traces(part, label=label, color=color, metric=metric, confidence=confidence,
                                   band=bands):
            fig.add_trace(trace)
        if schedules is not None and not by_language and len(schedules):
            for trace in _schedule_traces(schedules[schedules["setting"] == name], color=color, metric=metric,
                                          confidence=confidence, legend=name == groups[0]):
                fig.add_trace(trace)
    for setting, level in (reference or {}).items():
        if by_language or setting not in groups or _nan(level):
            continue
        fig.add_hline(y=level, line={"dash": "dash", "color": SETTING_COLORS.get(setting, "#868e96"), "width": 1},
                      annotation_text=f"untuned {SETTING_SHORT.get(setting, setting)} {level:.3f}",
                      annotation_position="top left", annotation_font_size=10)
    methods = sorted(set(table["method"])) if len(table) else []
    note = {"bootstrap": "bootstrap over queries (and seeds)", "t": "t-interval over seeds",
            "none": "single seed, no per-query rows: no band"}
    sub = "; ".join(note[m] for m in methods if m in note)
    if sub and not bands:
        sub += f" (not drawn for more than {MAX_BANDS} lines: see the hover)"
    head = f"{metric} vs α" + (f" · {title}" if title else "")
    fig.update_layout(
        title=_title(f"{head}<br><sup>bands: {confidence:.0%} {sub}</sup>" if sub else head),
        xaxis={"title": "α (share of monolingual batches)", "range": [-0.03, 1.03], "dtick": 0.1},
        yaxis={"title": metric}, height=480, hovermode="closest", plot_bgcolor="white",
        margin={"l": 60, "r": 30, "t": 75, "b": 50}, legend={"title": "query language" if by_language else "setting"})
    fig.update_xaxes(showgrid=True, gridcolor="#e9ecef")
    fig.update_yaxes(showgrid=True, gridcolor="#e9ecef")
    return fig


def alpha_curve_panels(table: pd.DataFrame, *, metric: str, reference: Mapping[str, float] | None = None,
                       title: str = "", confidence: float = DEFAULT_CONFIDENCE,
                       schedules: pd.DataFrame | None = None) -> go.Figure:
    """Metric vs α, one panel per setting with its own y range (from
    :func:`hybrid_core.analysis.alpha_curve_table`); ``schedules`` (:func:`hybrid_core.analysis.schedule_points`)
    are marked at their mean α.

    Differences between α values are a few hundredths while the settings lie tenths apart, so one shared axis
    flattens every curve; here each setting gets the range of its own points and band. The untuned level is
    written in the panel title (drawing it would stretch the axis again).
    """
    settings = [s for s in SETTINGS if s in set(table["setting"])] if len(table) else []
    if not settings:
        return alpha_curves(table, metric=metric, reference=reference, title=title, confidence=confidence,
                            schedules=schedules)
    reference = reference or {}
    names = []
    for setting in settings:
        level = reference.get(setting)
        names.append(setting + ("" if level is None or _nan(level) else f" (untuned {level:.3f})"))
    fig = make_subplots(rows=1, cols=len(settings), subplot_titles=names, horizontal_spacing=0.07)
    for col, setting in enumerate(settings, start=1):
        part = table[table["setting"] == setting].sort_values("alpha")
        for trace in _curve_traces(part, label=SETTING_SHORT.get(setting, setting),
                                   color=SETTING_COLORS.get(setting, "#495057"), metric=metric,
                                   confidence=confidence, legend=False):
            fig.add_trace(trace, row=1, col=col)
        if schedules is not None and len(schedules):
            for trace in _schedule_traces(schedules[schedules["setting"] == setting],
                                          color=SETTING_COLORS.get(setting, "#495057"), metric=metric,
                                          confidence=confidence, legend=col == 1):
                fig.add_trace(trace, row=1, col=col)
        fig.update_xaxes(title_text="α", range=[-0.05, 1.05], dtick=0.2, row=1, col=col)
    fig.update_yaxes(title_text=metric, row=1, col=1)
    fig.update_xaxes(showgrid=True, gridcolor="#e9ecef")
    fig.update_yaxes(showgrid=True, gridcolor="#e9ecef")
    head = f"{metric} vs α (share of monolingual batches)" + (f" · {title}" if title else "")
    fig.update_layout(title=_title(f"{head}<br><sup>bands: {confidence:.0%} bootstrap over queries (and seeds); "
                                   "each panel has its own scale</sup>"),
                      height=420, plot_bgcolor="white", margin={"l": 60, "r": 30, "t": 95, "b": 50})
    return fig


def paired_difference_panels(tests: pd.DataFrame, *, metric: str, reference: float = 0.5,
                             title: str = "") -> go.Figure:
    """Each α minus a reference α on the same questions, one panel per setting, with 95 % CIs and p-values.

    ``tests`` is :func:`hybrid_core.analysis.comparison_table` output. Paired differences remove the
    question-to-question spread that both curves share, so they show which gaps are real far more sharply
    than overlapping bands of the curves do.
    """
    rows = tests[(tests["metric"] == metric) & np.isclose(tests["reference"].astype(float), reference)]
    settings = [s for s in SETTINGS if s in set(rows["setting"])]
    fig = make_subplots(rows=1, cols=max(len(settings), 1), subplot_titles=settings or [""],
                        horizontal_spacing=0.07)
    for col, setting in enumerate(settings, start=1):
        part = rows[rows["setting"] == setting].sort_values("alpha")
        color = SETTING_COLORS.get(setting, "#495057")
        fig.add_trace(go.Scatter(
            x=part["alpha"], y=part["mean_difference"], mode="markers", showlegend=False,
            marker={"color": color, "size": 9},
            error_y={"type": "data", "symmetric": False, "array": part["high"] - part["mean_difference"],
                     "arrayminus": part["mean_difference"] - part["low"], "color": color},
            customdata=np.column_stack([part["low"], part["high"], part["p_value"]]),
            hovertemplate=f"α=%{{x:.2f}} minus α={reference:g}<br>Δ %{{y:+.4f}} "
                          "[%{customdata[0]:+.4f}, %{customdata[1]:+.4f}]<br>p=%{customdata[2]:.4f}<extra></extra>"),
            row=1, col=col)
        fig.add_hline(y=0, line={"color": "#495057", "width": 1, "dash": "dot"}, row=1, col=col)
        fig.update_xaxes(title_text="α", range=[-0.05, 1.05], dtick=0.2, row=1, col=col)
    fig.update_yaxes(title_text=f"Δ {metric} vs α={reference:g}", row=1, col=1)
    fig.update_xaxes(showgrid=True, gridcolor="#e9ecef")
    fig.update_yaxes(showgrid=True, gridcolor="#e9ecef", zeroline=False)
    head = f"{metric}: each α minus α={reference:g}, paired over questions" + (f" · {title}" if title else "")
    fig.update_layout(title=_title(f"{head}<br><sup>bars: 95% bootstrap over questions and seeds; hover for the "
                                   "sign-flip p-value (over questions, the trained models fixed)</sup>"),
                      height=420, plot_bgcolor="white", margin={"l": 70, "r": 30, "t": 95, "b": 50})
    return fig


# ----- per-language and bias views ------------------------------------------------------------------------------
def language_bars(profile: pd.DataFrame, *, metric: str, title: str = "") -> go.Figure:
    """Grouped bars per query language of mono / cross / multi, from :func:`language_profile`."""
    fig = go.Figure()
    for setting in ("monolingual", "cross-lingual", "multilingual"):
        if setting in profile.columns and profile[setting].notna().any():
            fig.add_trace(go.Bar(x=profile["query_lang"], y=profile[setting], name=SETTING_SHORT[setting],
                                 marker_color=SETTING_COLORS[setting],
                                 hovertemplate="%{x}: %{y:.3f}<extra>" + setting + "</extra>"))
    head = f"{metric} per query language" + (f" · {title}" if title else "")
    fig.update_layout(barmode="group", title=_title(head), xaxis_title="query language",
                      yaxis_title=metric, height=380, plot_bgcolor="white", margin={"l": 60, "r": 30, "t": 60, "b": 50})
    return fig


def language_share_bars(shares: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Bars of the language distribution of a retrieved set.

    Args:
        shares: columns ``language`` and ``share`` (and optionally ``encoder`` for side-by-side bars of several
            encoders), e.g. from :func:`hybrid_core.probe.language_distribution`.
    """
    fig = go.Figure()
    if "encoder" in shares.columns:
        for name, part in shares.groupby("encoder", sort=False):
            fig.add_trace(go.Bar(x=part["language"], y=part["share"], name=str(name),
                                 hovertemplate="%{x}: %{y:.0%}<extra>" + str(name) + "</extra>"))
        fig.update_layout(barmode="group")
    else:
        colors = language_colors(shares["language"])
        fig.add_trace(go.Bar(x=shares["language"], y=shares["share"], showlegend=False,
                             marker_color=[colors[lang] for lang in shares["language"]],
                             hovertemplate="%{x}: %{y:.0%}<extra></extra>"))
    fig.update_layout(title=_title(title or "Languages of the retrieved passages"),
                      xaxis_title="candidate language", yaxis={"title": "share", "tickformat": ".0%"},
                      height=320, plot_bgcolor="white", margin={"l": 60, "r": 20, "t": 50, "b": 50})
    return fig


def rd_distribution(per_query_rd: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Box plots of the per-query rank distance per query language.

    Args:
        per_query_rd: columns ``query_lang`` and ``value`` (one row per query), optionally ``encoder`` to compare.
    """
    fig = go.Figure()
    group = "encoder" if "encoder" in per_query_rd.columns else None
    languages = sorted(per_query_rd["query_lang"].unique())
    colors = language_colors(languages)
    if group:
        for name, part in per_query_rd.groupby(group, sort=False):
            fig.add_trace(go.Box(x=part["query_lang"], y=part["value"], name=str(name), boxmean=True))
        fig.update_layout(boxmode="group")
    else:
        for lang in languages:
            part = per_query_rd[per_query_rd["query_lang"] == lang]
            fig.add_trace(go.Box(y=part["value"], name=lang, marker_color=colors[lang], boxmean=True,
                                 showlegend=False))
    means = per_query_rd.groupby("query_lang")["value"].mean()
    macro = float(means.mean()) if len(means) else float("nan")
    head = "Rank distance per query language" + (f" · {title}" if title else "")
    sub = f"macro mean RD {macro:.1f} · 0 = all answers adjacent, lower = less bias"
    fig.update_layout(title=_title(f"{head}<br><sup>{sub}</sup>"), xaxis_title="query language",
                      yaxis_title="RD (max − min pooled rank of the answers)", height=400, plot_bgcolor="white",
                      margin={"l": 60, "r": 20, "t": 80, "b": 50})
    return fig


def projection_scatter(points: pd.DataFrame, *, title: str = "") -> go.Figure:
    """Scatter of a 2-D projection coloured by language.

    Args:
        points: columns ``x``, ``y``, ``language`` and optionally ``text`` (hover), e.g. from
            :func:`hybrid_core.probe.project_2d`.
    """
    fig = go.Figure()
    languages = sorted(points["language"].unique())
    colors = language_colors(languages)
    for lang in languages:
        part = points[points["language"] == lang]
        hover = part["text"].str.slice(0, 90) if "text" in part.columns else None
        fig.add_trace(go.Scattergl(x=part["x"], y=part["y"], mode="markers", name=lang, text=hover,
                                   marker={"size": 5, "color": colors[lang], "opacity": 0.75},
                                   hovertemplate="%{text}<extra>" + lang + "</extra>"))
    fig.update_layout(title=_title(title or "Candidate embeddings in 2-D, coloured by language"),
                      height=560, plot_bgcolor="white", legend={"title": "language", "itemsizing": "constant"},
                      xaxis={"showticklabels": False, "zeroline": False},
                      yaxis={"showticklabels": False, "zeroline": False, "scaleanchor": "x"},
                      margin={"l": 30, "r": 20, "t": 50, "b": 30})
    return fig


# ----- exports --------------------------------------------------------------------------------------------------
def chrome_path() -> str | None:
    """The Chrome/Chromium kaleido will use: ``$BROWSER_PATH`` if it exists, else the first of
    :data:`CHROME_CANDIDATES` found, else None."""
    env = os.environ.get("BROWSER_PATH", "").strip()
    if env and Path(env).is_file():
        return env
    for name in CHROME_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def png_unavailable_reason() -> str | None:
    """Why PNG export cannot work here (None when it can)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "PNG export needs the 'kaleido' package (pip install 'kaleido>=1'); HTML and CSV exports still work."
    if chrome_path() is None:
        return ("PNG export needs Chrome or Chromium, which kaleido drives: install Debian's 'chromium' package "
                "(apt-get install chromium) or set BROWSER_PATH to a Chrome executable; HTML and CSV exports "
                "still work.")
    return None


#: Tries of a PNG export before it is reported as failed (a browser start can fail transiently).
PNG_ATTEMPTS = 3


def png_bytes(fig: go.Figure, *, width: int = EXPORT_WIDTH, height: int | None = None, scale: float = 1.0) -> bytes:
    """The figure as PNG bytes (kaleido + Chromium; a few seconds per figure).

    Raises:
        ExportError: kaleido or a browser is missing, or the browser failed (the message says what to do).
    """
    reason = png_unavailable_reason()
    if reason:
        raise ExportError(reason)
    os.environ.setdefault("BROWSER_PATH", chrome_path() or "")
    for attempt in range(1, PNG_ATTEMPTS + 1):
        try:
            return fig.to_image(format="png", width=width, height=height or fig.layout.height or EXPORT_HEIGHT,
                                scale=scale)
        except Exception as exc:  # kaleido/choreographer raise many types when the browser fails to start
            if attempt < PNG_ATTEMPTS:
                # seen on a loaded machine: the page's script is not ready yet ("kaleido_scopes is not defined")
                log.info("PNG export attempt %d failed (%s: %s); retrying", attempt, type(exc).__name__, exc)
                continue
            raise ExportError(f"PNG export failed {PNG_ATTEMPTS} times ({type(exc).__name__}: {exc}); browser "
                              f"used: {os.environ.get('BROWSER_PATH')}. Set BROWSER_PATH to a working "
                              "Chrome/Chromium, or use the HTML export.") from exc
    raise AssertionError("unreachable")


@contextlib.contextmanager
def png_session() -> Iterator[None]:
    """One browser for every PNG exported inside: kaleido's sync server, started here and stopped on leaving.

    Outside a session each :func:`png_bytes` starts and closes its own Chromium (~6 s a figure on a loaded 2-core
    machine, ~1.4 s inside one); the bytes are the same. Without kaleido or a browser it does nothing (each export
    then says why it cannot run).
    """
    if png_unavailable_reason():
        yield
        return
    import kaleido

    os.environ.setdefault("BROWSER_PATH", chrome_path() or "")
    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as exc:  # kaleido/choreographer raise many types when the browser fails to start
        log.info("no shared browser for PNG export (%s: %s); each figure starts its own", type(exc).__name__, exc)
        yield
        return
    try:
        with warnings.catch_warnings():  # plotly passes its browser options, which a running server already has
            warnings.filterwarnings("ignore", message="The kopts argument is ignored", category=UserWarning)
            yield
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def html_text(fig: go.Figure, *, title: str | None = None) -> str:
    """A self-contained HTML page of the figure (plotly.js inlined: opens offline, interactive)."""
    html = fig.to_html(full_html=True, include_plotlyjs=True, config={"displaylogo": False})
    if title:
        html = html.replace("<head>", f"<head><title>{_escape(title)}</title>", 1)
    return html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def csv_bytes(frame: pd.DataFrame, *, index: bool | None = None) -> bytes:
    """A table as UTF-8 CSV bytes (the index is written when it carries names, as in a pair matrix)."""
    if index is None:
        index = any(name is not None for name in frame.index.names)
    return frame.to_csv(index=index).encode("utf-8")


def write_figure(fig: go.Figure, path: str | Path, *, width: int = EXPORT_WIDTH, height: int | None = None) -> Path:
    """Write a figure atomically as ``.png`` or ``.html`` (by suffix).

    Raises:
        ValueError: another suffix.
        ExportError: PNG export is not possible here.
    """
    path = Path(path)
    if path.suffix == ".png":
        data = png_bytes(fig, width=width, height=height)
    elif path.suffix in {".html", ".htm"}:
        data = html_text(fig, title=path.stem).encode("utf-8")
    else:
        raise ValueError(f"cannot write a figure as {path.suffix!r}: use .png or .html")
    return write_with(path, lambda tmp: tmp.write_bytes(data))


# ----- the Pareto view of recipes ---------------------------------------------------------------------------------
#: Marker symbol of each kind of recipe in :func:`pareto_figure`.
RECIPE_SYMBOLS: dict[str, str] = {"constant": "circle", "schedule": "diamond", "untuned": "x",
                                  "constant + remedy": "circle-open", "schedule + remedy": "diamond-open",
                                  "untuned + remedy": "x-open"}


def pareto_figure(points: pd.DataFrame, *, metric: str = "AP@20", x_setting: str = "multilingual",
                  y_setting: str = "monolingual", bias_label: str = "same-language share of the top 10",
                  title: str = "", bias_higher_is_better: bool = False) -> go.Figure:
    """Every recipe as a point of one metric in two settings, with intervals on both axes and bias as colour.

    ``points`` is :func:`hybrid_core.analysis.recipe_points` output (or :func:`~hybrid_core.analysis.recipe_means`:
    no intervals, and the subtitle says so). Constant α values are joined by a line (the frontier a dial of α can
    reach); schedules, the untuned model and recipes with an index-side remedy are marked by symbol; the recipes no
    other recipe beats on both axes (the Pareto front) carry their names. Red is the biased end of the colour scale:
    high values, or low ones with ``bias_higher_is_better`` (e.g. PEER, where high is fairer).
    """
    fig = go.Figure()
    constants = points[points["kind"] == "constant"].sort_values("alpha")
    if len(constants) > 1:
        fig.add_trace(go.Scatter(x=constants["x"], y=constants["y"], mode="lines", showlegend=True,
                                 name="constant α (the dial)", line={"color": "#adb5bd", "width": 1.5},
                                 hoverinfo="skip"))
    bias = points["bias"].astype(float)
    has_bias = bool(bias.notna().any())
    low, high = (float(bias.min()), float(bias.max())) if has_bias else (0.0, 1.0)
    for index, (kind, part) in enumerate(points.groupby("kind", sort=False)):
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers+text", name=str(kind),
            text=[r if p else "" for r, p in zip(part["recipe"], part["pareto"])], textposition="top center",
            textfont={"size": 10},
            marker={"symbol": RECIPE_SYMBOLS.get(str(kind), "circle"), "size": 12,
                    "color": part["bias"] if has_bias else "#1c7ed6",
                    "colorscale": "RdYlBu" if bias_higher_is_better else "RdYlBu_r",
                    "cmin": low, "cmax": high if high > low else low + 1e-9, "showscale": has_bias and index == 0,
                    "colorbar": {"title": {"text": bias_label, "side": "right"}, "x": 1.02},
                    "line": {"color": ["#212529" if p else "rgba(0,0,0,0)" for p in part["pareto"]], "width": 2}},
            error_x={"type": "data", "symmetric": False, "array": part["x_high"] - part["x"],
                     "arrayminus": part["x"] - part["x_low"], "color": "#ced4da", "thickness": 1},
            error_y={"type": "data", "symmetric": False, "array": part["y_high"] - part["y"],
                     "arrayminus": part["y"] - part["y_low"], "color": "#ced4da", "thickness": 1},
            customdata=np.column_stack([part["recipe"], part["x_low"], part["x_high"], part["y_low"],
                                        part["y_high"], part["bias"], part["runs"]]),
            hovertemplate=("%{customdata[0]}<br>" + f"{metric} {x_setting} " + "%{x:.4f} [%{customdata[1]:.4f}, "
                           "%{customdata[2]:.4f}]<br>" + f"{metric} {y_setting} " + "%{y:.4f} [%{customdata[3]:.4f}, "
                           "%{customdata[4]:.4f}]<br>" + f"{bias_label} " + "%{customdata[5]:.3f}<br>runs "
                           "%{customdata[6]}<extra></extra>")))
    front = int(points["pareto"].sum())
    has_intervals = bool(points[["x_low", "y_low"]].notna().to_numpy().any())
    intervals = "95 % intervals over questions and seeds" if has_intervals else "means over seeds (no intervals)"
    head = f"{metric}: {y_setting} vs {x_setting} of every recipe"
    fig.update_layout(  # short lines: the figure also sits in a dashboard column beside its table
        title=_title(f"{head}<br><sup>{title + ' · ' if title else ''}{intervals}<br>colour: {bias_label}<br>"
                     f"outlined and named: the {front} recipe(s) no other beats on both axes</sup>"),
        xaxis={"title": f"{metric} {x_setting}"}, yaxis={"title": f"{metric} {y_setting}"}, height=600,
        plot_bgcolor="white", hovermode="closest", margin={"l": 70, "r": 40, "t": 130, "b": 60},
        legend={"title": "recipe", "orientation": "h", "y": -0.18})
    fig.update_xaxes(showgrid=True, gridcolor="#e9ecef")
    fig.update_yaxes(showgrid=True, gridcolor="#e9ecef")
    return fig


def remedy_dots(points: pd.DataFrame, *, metric: str, setting: str, title: str = "") -> go.Figure:
    """One metric of every recipe under every index-side remedy: remedies along x, one marker series per recipe
    (the untuned model and each α), 95 % intervals as error bars; a panel per query-language subset when ``points``
    (:func:`hybrid_core.analysis.remedy_points` rows of one metric and setting) has seen / unseen rows."""
    subsets = list(dict.fromkeys(points["languages"]))
    fig = make_subplots(rows=1, cols=len(subsets), subplot_titles=[f"{s} query languages" if s != "all" else
                                                                   "all query languages" for s in subsets],
                        shared_yaxes=True, horizontal_spacing=0.04)
    recipes = list(dict.fromkeys(points["recipe"]))
    colors = dict(zip(recipes, _PALETTE * (len(recipes) // len(_PALETTE) + 1)))
    remedies = list(dict.fromkeys(points["debias"]))
    for col, subset in enumerate(subsets, start=1):
        part = points[points["languages"] == subset]
        for index, recipe in enumerate(recipes):
            rows = part[part["recipe"] == recipe].set_index("debias").reindex(remedies)
            offset = (index - (len(recipes) - 1) / 2) * 0.12
            fig.add_trace(go.Scatter(
                x=[remedies.index(r) + offset for r in remedies], y=rows["mean"], mode="markers", name=recipe,
                legendgroup=recipe, showlegend=col == 1, marker={"color": colors[recipe], "size": 9},
                error_y={"type": "data", "symmetric": False, "array": rows["high"] - rows["mean"],
                         "arrayminus": rows["mean"] - rows["low"], "color": colors[recipe], "thickness": 1},
                customdata=np.column_stack([remedies, rows["low"], rows["high"]]),
                hovertemplate=f"{recipe} + %{{customdata[0]}}<br>{metric} %{{y:.4f}} "
                              "[%{customdata[1]:.4f}, %{customdata[2]:.4f}]<extra></extra>"), row=1, col=col)
        fig.update_xaxes(tickvals=list(range(len(remedies))), ticktext=remedies, tickangle=-30, row=1, col=col)
    arrow = "higher is better" if measures.curve_higher_is_better(metric) else "lower is better"
    head = f"{metric} {setting} by index-side remedy ({arrow})" + (f" · {title}" if title else "")
    fig.update_layout(title=_title(f"{head}<br><sup>mean over seeds; bars: 95 % bootstrap intervals over questions "
                                   "and seeds</sup>"), yaxis={"title": f"{metric} {setting}"}, height=460,
                      plot_bgcolor="white", margin={"l": 70, "r": 30, "t": 95, "b": 110},
                      legend={"title": "recipe"})
    fig.update_yaxes(showgrid=True, gridcolor="#e9ecef")
    return fig
