"""Tables behind the dashboard's results views (no Streamlit here): fast reads of what a view needs, seed means,
the seed spread of a difference, the main evaluation of a sweep, and the published headline.

- :func:`read_cell_means` reads only the cell means (rows without ``qid``) of a results file, through a small
  per-file cache in ``<cache>/dashboard/cell-means/`` keyed by the file's path, size and modification time: a
  published sweep holds 8.9 M rows, of which 20,592 are cell means, and every parquet read decodes all of them (the
  cell means are spread over the file), so the first read of a file costs its full decode and later ones
  (also in a new server process) a few milliseconds. :func:`read_metric_rows` reads every row of one metric (the
  per-query rows a curve or a paired test resamples).
- :func:`with_alpha_means` adds, per α with several seeds, a run ``"α=0.5 · mean of 3 seeds"`` whose cells are the
  means of the seeds' cells; :func:`difference_spread` gives the seed-to-seed spread beside a difference.
- :func:`main_evaluation` picks the evaluation with the most trained points (a sweep's main curve rather than an
  expensive extra evaluation of three points); :func:`evaluation_label` names it without look-alikes.
- :func:`published_headline` reads a published report (``docs/results/<sweep>/<evaluation>/``: ``curves.csv``,
  ``runs.csv``, ``best-alpha.json``) for the Home page, without reading the archive.

Example:
    >>> import pandas as pd
    >>> from hybrid_core.results import make_rows
    >>> rows = [{"run": f"a0.5-s{s}", "seed": s, "value": v, "query_lang": "en", "doc_lang": "en",
    ...          "setting": "monolingual"} for s, v in ((1, 0.70), (2, 0.74))]
    >>> table = make_rows(rows, model="m", alpha=0.5, dataset="demo", metric="AP@20")
    >>> means = with_alpha_means(table)
    >>> means.loc[means["run"] == "α=0.5 · mean of 2 seeds", "value"].round(2).tolist()
    [0.72]
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from hybrid_core import analysis
from hybrid_core.atomic import write_with
from hybrid_core.debias import parse_remedy
from hybrid_core.paths import cache_dir
from hybrid_core.results import (
    REMEDY_COLUMNS,
    SETTINGS,
    aggregated,
    concat_results,
    constant_spellings,
    read_results,
    validate_results,
)

log = logging.getLogger(__name__)

#: Bump when the cached cell-mean files change meaning (their key includes it).
CELL_MEANS_VERSION = 1
#: Model column of the seed-mean runs.
MEAN_MODEL = "mean over seeds"
_VARIANT = re.compile(r"^(?P<base>.*) \[(?P<variant>[^\]]*)\]$")


# ----- reading what a view needs ---------------------------------------------------------------------------------
def variant_of(path: str | Path, table: pd.DataFrame | None = None) -> str:
    """The evaluation variant a results file's name carries: ``<run>--<dataset>--<candidates>`` (evaluate command,
    dashboard) gives ``<candidates>``, a sweep's ``results/<point>/<evaluation>.parquet`` gives ``<evaluation>``.

    A remedy's file names end in ``--<remedy slug>`` (``xquad-r-sentence--centering``,
    ``<run>--xquad-r--sentence--lir2``); given the file's ``table``, that ending is dropped, so an evaluation and its
    remedies are one variant (the remedy is the ``debias`` column, not another evaluation).

    >>> variant_of("results/a0.00-s1/xquad-r-sentence--shift0.5-en.parquet")
    'shift0.5-en'
    >>> variant_of("results/a0.00-s1/xquad-r-sentence--shift0.5-en.parquet",
    ...            pd.DataFrame({"debias": ["shift:0.5,source=en"]}))
    'xquad-r-sentence'
    """
    stem = Path(path).stem
    if table is not None and "debias" in table.columns:
        slugs = {_slug(str(d)) for d in table["debias"].dropna().unique() if str(d) not in ("", "none")}
        if len(slugs) == 1:
            slug = slugs.pop()
            if slug and stem.endswith(f"--{slug}"):
                stem = stem[:-len(slug) - 2]
    return stem.split("--")[-1]


def _slug(debias: str) -> str:
    try:
        return parse_remedy(debias).slug
    except ValueError:  # a spelling of a newer or foreign version: the file keeps its own name
        return ""


def cell_means_cache_dir() -> Path:
    """``<cache>/dashboard/cell-means``: the per-file cache of :func:`read_cell_means`."""

    return cache_dir() / "dashboard" / "cell-means"


def _files_key(version: int, paths: Sequence[str | Path], **settings: object) -> str:
    """The cache key of a table computed from ``paths`` with ``settings``: the files' resolved paths, sizes and
    modification times, so a rewritten file gets a new key."""
    files = []
    for path in sorted(str(p) for p in paths):
        stat = Path(path).stat()
        files.append([str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns])
    text = json.dumps({"version": version, "files": files, **settings}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _cached_table(cached: Path | None, compute: Callable[[], pd.DataFrame], *, what: str,
                  check: Callable[[pd.DataFrame], pd.DataFrame] = lambda table: table) -> pd.DataFrame:
    """``compute()``, read from and written to the parquet file ``cached`` when it is given. A cache file that cannot
    be read (or fails ``check``) is recomputed; one that cannot be written is skipped with a log line."""
    if cached is not None and cached.is_file():
        try:
            return check(pd.read_parquet(cached))
        except (OSError, ValueError) as exc:
            log.warning("recomputing the cached %s: %s", what, exc)
    table = compute()
    if cached is not None:
        try:
            write_with(cached, lambda tmp: table.to_parquet(tmp, index=False))
        except OSError as exc:
            log.warning("could not cache the %s: %s", what, exc)
    return table


def _has_columns(path: Path, columns: Sequence[str]) -> bool:
    import pyarrow.parquet as pq

    try:
        names = set(pq.read_schema(path).names)
    except (OSError, ValueError):
        return False
    return set(columns) <= names


def read_cell_means(path: str | Path, *, use_cache: bool = True) -> pd.DataFrame:
    """The cell means (rows without ``qid``) of a results file (``.parquet`` or ``.csv``), validated.

    Args:
        path: the results file.
        use_cache: read and write the per-file cache (:func:`cell_means_cache_dir`); a cache file that cannot be
            read is rebuilt, one that cannot be written is skipped with a log line.

    Raises:
        FileNotFoundError: no such file.
        hybrid_core.results.ResultsError: the file does not follow the results schema.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"results file not found: {path}")

    def compute() -> pd.DataFrame:
        if path.suffix == ".parquet" and _has_columns(path, ("qid",)):
            return validate_results(pd.read_parquet(path, filters=[("qid", "==", "")]), source=str(path))
        # CSV, or a file without the column: the full read says what is wrong with it
        return aggregated(read_results(path)).reset_index(drop=True)

    cached = cell_means_cache_dir() / f"{_files_key(CELL_MEANS_VERSION, [path])}.parquet" if use_cache else None
    return _cached_table(cached, compute, what=f"cell means of {path}",
                         check=lambda table: validate_results(table, source=str(path)))


def read_metric_rows(path: str | Path, metric: str) -> pd.DataFrame:
    """Every row of one metric of a results file (its cell means and its per-query rows), validated.

    Raises:
        FileNotFoundError: no such file.
        hybrid_core.results.ResultsError: the file does not follow the results schema.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"results file not found: {path}")
    if path.suffix == ".parquet" and _has_columns(path, ("metric",)):
        return validate_results(pd.read_parquet(path, filters=[("metric", "==", metric)]), source=str(path))
    table = read_results(path)
    return table[table["metric"] == metric].reset_index(drop=True)


@dataclass(frozen=True)
class Labels:
    """How :func:`combine` renames: datasets that some run has in several files with the same remedy (tagged
    ``"<dataset> [<variant>]"``; an evaluation's remedies are rows of the same dataset with another ``debias``),
    as :func:`hybrid_core.figures.merge_variants` does) and runs several models share (``"<run> [<model>]"``, as
    :func:`hybrid_core.figures.disambiguate_runs` does).

    Computed once from the cell means of a set of files, the same labels then apply to any subset of their rows
    (one metric's per-query rows), so a view's selection names the same dataset and run in both.
    """

    ambiguous_datasets: frozenset[str] = frozenset()
    shared_runs: frozenset[str] = frozenset()


def labels_of(parts: Sequence[tuple[str, pd.DataFrame]]) -> Labels:
    """The :class:`Labels` of ``(variant, table)`` parts."""
    count: dict[tuple[str, ...], int] = {}
    models: dict[str, set[str]] = {}
    for _, part in parts:
        keys = part[["run", "dataset", *REMEDY_COLUMNS, "model"]].drop_duplicates()
        for key in set(zip(keys["run"], keys["dataset"], *(keys[c] for c in REMEDY_COLUMNS))):
            count[key] = count.get(key, 0) + 1
        for run, model in zip(keys["run"], keys["model"]):
            models.setdefault(run, set()).add(model)
    return Labels(frozenset(key[1] for key, n in count.items() if n > 1),
                  frozenset(r for r, m in models.items() if len(m) > 1))


def combine(parts: Sequence[tuple[str, pd.DataFrame]], labels: Labels | None = None) -> pd.DataFrame:
    """Results tables of several files as one, datasets and runs renamed by ``labels`` (default: those of the
    parts themselves, which is what :func:`hybrid_core.figures.merge_variants` and
    :func:`hybrid_core.figures.disambiguate_runs` do); ``parts`` are ``(variant, table)`` pairs."""

    labels = labels_of(parts) if labels is None else labels
    out = []
    for variant, part in parts:
        if labels.ambiguous_datasets and part["dataset"].isin(labels.ambiguous_datasets).any():
            tagged = part["dataset"].where(~part["dataset"].isin(labels.ambiguous_datasets),
                                           part["dataset"] + f" [{variant}]")
            part = part.assign(dataset=tagged)
        out.append(part)
    frame = concat_results(out)
    if labels.shared_runs and not frame.empty:
        mask = frame["run"].isin(labels.shared_runs)
        names = frame.loc[mask, "model"].map(lambda m: Path(str(m)).name or str(m))
        frame.loc[mask, "run"] = frame.loc[mask, "run"] + " [" + names + "]"
    return frame


# ----- recipes: the Pareto view ------------------------------------------------------------------------------------
#: Bias measures the Pareto view colours recipes by: metric -> (setting, label, higher is better (fairer)).
PARETO_BIAS: dict[str, tuple[str, str, bool]] = {
    "LangShare@10": ("monolingual", "same-language share of the top 10 (lower: less bias)", False),
    "PEER@20": ("multilingual", "PEER@20 (higher: fairer)", True),
}
#: Bump when the cached recipe tables change meaning (their key includes it).
RECIPES_VERSION = 1


def evaluation_of(path: str | Path) -> str:
    """The evaluation a sweep's results file belongs to: ``results/<point>/<evaluation>[--<remedy>].parquet`` gives
    ``<evaluation>`` (its files under an index-side remedy are recipes of the same evaluation)."""
    return Path(path).stem.split("--")[0]


def evaluation_groups(paths: Sequence[str | Path]) -> dict[str, list[str]]:
    """Results files of a sweep or archive by evaluation (:func:`evaluation_of`), the evaluation with the most files
    (the main curve, not an extra evaluation of a few points) first, then by name."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        groups.setdefault(evaluation_of(path), []).append(str(path))
    return {name: sorted(groups[name]) for name in sorted(groups, key=lambda n: (-len(groups[n]), len(n), n))}


def recipe_cache_dir() -> Path:
    """``<cache>/dashboard/recipes``: the recipe tables of :func:`read_recipe_points`."""
    return cache_dir() / "dashboard" / "recipes"


def _recipes_file(paths: Sequence[str | Path], **settings: object) -> Path:
    """Where :func:`read_recipe_points` caches the table of ``paths`` with ``settings``."""
    return recipe_cache_dir() / f"{_files_key(RECIPES_VERSION, paths, **settings)}.parquet"


def recipe_points_cached(paths: Sequence[str | Path], *, metric: str = "AP@20", bias_metric: str = "LangShare@10",
                         confidence: float = 0.95, draws: int = 1000) -> bool:
    """Whether :func:`read_recipe_points` answers from its cache (False: it reads per-query rows and bootstraps)."""
    return _recipes_file(paths, metric=metric, bias=bias_metric, confidence=confidence, draws=draws).is_file()


def read_recipe_points(paths: Sequence[str | Path], *, metric: str = "AP@20", bias_metric: str = "LangShare@10",
                       confidence: float = 0.95, draws: int = 1000, use_cache: bool = True) -> pd.DataFrame:
    """:func:`hybrid_core.analysis.recipe_points` of one evaluation's results files (multilingual vs monolingual
    ``metric``, bias from :data:`PARETO_BIAS`), with its intervals: the per-query rows of ``metric`` and the cell
    means of the bias are read, nothing else.

    The table is cached in :func:`recipe_cache_dir`, keyed by the files' paths, sizes and modification times and the
    settings, so the bootstrap over a published sweep's millions of rows (about 20 s on 2 busy cores) runs once per
    machine; a rewritten file is read again.

    Raises:
        FileNotFoundError: a missing file; ValueError: an unknown bias measure, or no rows.
    """
    if bias_metric not in PARETO_BIAS:
        raise ValueError(f"bias measure {bias_metric!r} is not one of {', '.join(PARETO_BIAS)}")

    def compute() -> pd.DataFrame:
        parts = []
        for path in paths:
            parts.append(read_metric_rows(path, metric))
            cells = read_cell_means(path)
            parts.append(cells[cells["metric"] == bias_metric])
        return analysis.recipe_points(concat_results(parts), metric=metric, bias_metric=bias_metric,
                                      bias_setting=PARETO_BIAS[bias_metric][0], confidence=confidence, draws=draws)

    cached = _recipes_file(paths, metric=metric, bias=bias_metric, confidence=confidence,
                           draws=draws) if use_cache else None
    return _cached_table(cached, compute, what=f"recipe table of {paths[0] if paths else '?'}")


# ----- seeds -----------------------------------------------------------------------------------------------------
def alpha_mean_name(alpha: float, seeds: int, schedule: str | None = None) -> str:
    """The run name of an α's seed mean: ``"α=0.5 · mean of 3 seeds"``; for an α schedule (a ``schedule`` that is
    not the constant α) ``"linear:0-1 · mean of 3 seeds"``."""
    if schedule and schedule != constant_spellings(pd.Series([alpha])).iloc[0]:
        return f"{schedule} · mean of {seeds} seeds"
    return f"α={alpha:g} · mean of {seeds} seeds"


#: What makes runs of one α (or schedule) comparable seeds: the same evaluation, schedule and remedy.
SEED_GROUP: tuple[str, ...] = ("dataset", "alpha", "schedule", *REMEDY_COLUMNS)


def with_alpha_means(frame: pd.DataFrame) -> pd.DataFrame:
    """The cell means of ``frame`` plus, per dataset, α schedule and remedy (``debias``, ``debias_fit``) trained with
    several runs (seeds), one run :func:`alpha_mean_name` whose every cell is the mean of those runs' cells (model
    :data:`MEAN_MODEL`, seed −1, the group's schedule and remedy).

    Its mono / cross / multi values are then the means over seeds of the runs' values, as on the α curves. A seed
    mean never averages two remedies, nor a constant α with a schedule of the same mean α: each is its own group
    (the seed means of two remedies share a run name and differ in ``debias``; views select one remedy first,
    :func:`hybrid_core.remedy_views.select_remedy`).
    """
    rows = aggregated(frame)
    trained = rows[rows["alpha"].notna() & (rows["model"] != MEAN_MODEL)]
    if trained.empty:
        return rows.reset_index(drop=True)
    group = list(SEED_GROUP)
    counts = trained.groupby(group, observed=True)["run"].nunique()
    several = counts[counts >= 2]
    if several.empty:
        return rows.reset_index(drop=True)
    keys = [*group, "setting", "query_lang", "doc_lang", "metric"]
    chosen = trained.set_index(group).loc[several.index].reset_index()
    means = chosen.groupby(keys, observed=True)["value"].mean().reset_index()
    seeds = [int(several[key]) for key in zip(*(means[c] for c in group))]
    means["run"] = [alpha_mean_name(a, n, s) for a, n, s in zip(means["alpha"], seeds, means["schedule"])]
    means = means.assign(model=MEAN_MODEL, seed=-1, qid="")
    return validate_results(pd.concat([rows, means], ignore_index=True))


def run_choices(frame: pd.DataFrame) -> dict[str, str]:
    """Run -> label for a run picker, in reading order: untuned models first, then per α its seed mean (when
    :func:`with_alpha_means` added one) followed by its runs."""
    if frame.empty:
        return {}
    runs = frame.groupby("run", observed=True).agg(model=("model", "first"), alpha=("alpha", "first"),
                                                   schedule=("schedule", "first"), seed=("seed", "first")).reset_index()
    runs["is_mean"] = runs["model"] == MEAN_MODEL
    runs["order"] = runs["alpha"].fillna(-1.0)
    runs["varied"] = runs["schedule"] != constant_spellings(runs["alpha"])
    runs = runs.sort_values(["order", "varied", "schedule", "is_mean", "run"],
                            ascending=[True, True, True, False, True])
    out = {}
    for _, row in runs.iterrows():
        if row["is_mean"]:
            out[row["run"]] = str(row["run"])
        elif _nan(row["alpha"]):
            out[row["run"]] = f"{row['run']} (untuned)"
        elif row["varied"]:
            out[row["run"]] = f"{row['run']} ({row['schedule']}, mean α={float(row['alpha']):g}, seed {row['seed']})"
        else:
            out[row["run"]] = f"{row['run']} (α={float(row['alpha']):g}, seed {row['seed']})"
    return out


def default_run(choices: Sequence[str], frame: pd.DataFrame) -> str | None:
    """The run a view opens on: the seed mean of α = 0.5 (the paper's hybrid), else the first seed mean, else the
    first trained run, else the first run."""
    if not choices:
        return None
    runs = frame.groupby("run", observed=True).agg(model=("model", "first"), alpha=("alpha", "first"),
                                                   schedule=("schedule", "first"))
    means = [r for r in choices if r in runs.index and runs.loc[r, "model"] == MEAN_MODEL]
    half = [r for r in means if math.isclose(float(runs.loc[r, "alpha"]), 0.5) and runs.loc[r, "schedule"] == "0.5"]
    trained = [r for r in choices if r in runs.index and not _nan(runs.loc[r, "alpha"])]
    return (half or means or trained or list(choices))[0]


def _setting_values(frame: pd.DataFrame, runs: Sequence[str], metric: str) -> pd.DataFrame:
    """Mono / cross / multi of each run: rows run, columns settings (aggregated rows)."""
    rows = aggregated(frame)
    rows = rows[rows["run"].isin(list(runs)) & (rows["metric"] == metric)]
    cells = rows.groupby(["run", "setting", "query_lang", "doc_lang"], observed=True)["value"].mean()
    return cells.groupby(level=["run", "setting"], observed=True).mean().unstack("setting")


def _seed_group(frame: pd.DataFrame, run: str) -> pd.DataFrame:
    """The runs (name, seed) trained like ``run``: its α's runs (the seed mean's members), or the run alone."""
    info = frame[frame["run"] == run]
    if info.empty:
        raise ValueError(f"run {run!r} is not in the table")
    alpha = info["alpha"].iloc[0]
    if _nan(alpha):
        return pd.DataFrame({"run": [run], "seed": [int(info["seed"].iloc[0])]})
    same = (frame["alpha"] == alpha) & (frame["model"] != MEAN_MODEL)
    for column in ("schedule", *REMEDY_COLUMNS):  # seeds of the same schedule and remedy only
        same &= frame[column] == info[column].iloc[0]
    return frame[same].groupby("run", observed=True)["seed"].first().reset_index()


def difference_spread(frame: pd.DataFrame, *, metric: str, run_a: str, run_b: str,
                      dataset: str | None = None) -> pd.DataFrame:
    """The difference A − B per setting with the seed-to-seed spread beside it.

    The spread comes from the seeds of the two runs' α values (all runs of an α in ``frame``; an untuned model is
    one run): when both α values have runs of at least two common seeds, it is the standard deviation over those
    seeds of the per-seed differences (``paired by seed``); otherwise the root of the sum of the two α values'
    seed variances (``seeds apart``); with one run on each side there is none (NaN).

    Returns:
        Columns ``setting, difference, seed_std, seeds, how``.

    Raises:
        ValueError: a run that is not in the table.
    """
    rows = aggregated(frame)
    if dataset is not None:
        rows = rows[rows["dataset"] == dataset]
    group_a, group_b = _seed_group(rows, run_a), _seed_group(rows, run_b)
    values = _setting_values(rows, [run_a, run_b, *group_a["run"], *group_b["run"]], metric)
    out = []
    for setting in SETTINGS:
        if setting not in values.columns or run_a not in values.index or run_b not in values.index:
            continue
        difference = float(values.loc[run_a, setting] - values.loc[run_b, setting])
        a = group_a.assign(value=group_a["run"].map(values[setting])).dropna(subset=["value"])
        b = group_b.assign(value=group_b["run"].map(values[setting])).dropna(subset=["value"])
        paired = a.merge(b, on="seed", suffixes=("_a", "_b"))
        if len(a) >= 2 and len(b) >= 2 and len(paired) >= 2 and not set(a["run"]) & set(b["run"]):
            spread = float(np.std(paired["value_a"] - paired["value_b"], ddof=1))
            seeds, how = len(paired), "paired by seed"
        elif len(a) >= 2 or len(b) >= 2:
            var_a = float(np.var(a["value"], ddof=1)) if len(a) >= 2 else 0.0
            var_b = float(np.var(b["value"], ddof=1)) if len(b) >= 2 else 0.0
            spread, seeds, how = math.sqrt(var_a + var_b), max(len(a), len(b)), "seeds apart"
        else:
            spread, seeds, how = float("nan"), 1, "one run each"
        out.append({"setting": setting, "difference": difference, "seed_std": spread, "seeds": seeds, "how": how})
    return pd.DataFrame(out, columns=["setting", "difference", "seed_std", "seeds", "how"])


# ----- best α -------------------------------------------------------------------------------------------------
def best_table(entries: dict[str, dict]) -> pd.DataFrame:
    """Best-α entries per setting (:func:`hybrid_core.analysis.best_alpha` results, as in a report's
    ``best-alpha.json``) as rows ``setting, best α, value, low, high, share of draws, best in``."""
    rows = []
    for setting in SETTINGS:
        entry = entries.get(setting)
        if not entry:
            continue
        shares = {float(a): float(v) for a, v in entry.get("best_share", {}).items()}
        alpha = float(entry["alpha"])
        rows.append({"setting": setting, "best α": alpha, "value": float(entry["value"]), "low": float(entry["low"]),
                     "high": float(entry["high"]), "share of draws": shares.get(alpha, float("nan")),
                     "best in": ", ".join(f"{float(a):g}" for a in entry.get("best_set", []))})
    return pd.DataFrame(rows, columns=["setting", "best α", "value", "low", "high", "share of draws", "best in"])


def best_alpha_summary(best: pd.DataFrame, reference: dict[str, float]) -> pd.DataFrame:
    """The "which α is best" table of a curve view: per setting the best α, its value with the interval, the share
    of bootstrap draws it wins, the α values that win the confidence share of them, and the untuned model's value.

    Args:
        best: rows ``setting, best α, value, low, high, share of draws, best in`` (from
            :func:`hybrid_core.analysis.best_alpha` per setting).
        reference: the untuned model's value per setting (:func:`hybrid_core.analysis.reference_levels`).
    """
    rows = []
    for _, row in best.iterrows():
        untuned = reference.get(row["setting"])
        rows.append({"setting": row["setting"], "best α": f"{row['best α']:g}",
                     "value [interval]": f"{row['value']:.3f} [{row['low']:.3f}, {row['high']:.3f}]",
                     "wins (share of draws)": f"{row['share of draws']:.0%}",
                     "best in": row["best in"],
                     "untuned": "–" if untuned is None or _nan(untuned) else f"{untuned:.3f}"})
    return pd.DataFrame(rows, columns=["setting", "best α", "value [interval]", "wins (share of draws)", "best in",
                                       "untuned"])


def mark_best_alpha(fig, best: pd.DataFrame, *, panels: Sequence[str] | None = None):
    """Add a star at the best α of each setting to an α-curve figure: one axis
    (:func:`hybrid_core.figures.alpha_curves`), or with ``panels`` the settings of
    :func:`hybrid_core.figures.alpha_curve_panels` in panel order."""
    import plotly.graph_objects as go

    from hybrid_core.figures import SETTING_COLORS  # local: loads plotly

    for _, row in best.iterrows():
        setting = row["setting"]
        if panels is not None and setting not in panels:
            continue
        trace = go.Scatter(x=[row["best α"]], y=[row["value"]], mode="markers", showlegend=False,
                           name=f"best α {setting}",
                           marker={"symbol": "star", "size": 16, "color": SETTING_COLORS.get(setting, "#495057"),
                                   "line": {"color": "#212529", "width": 1}},
                           hovertemplate=f"best α for {setting}: %{{x:g}}<br>%{{y:.4f}} [{row['low']:.4f}, "
                                         f"{row['high']:.4f}]<br>wins {row['share of draws']:.0%} of the bootstrap "
                                         "draws<extra></extra>")
        if panels is not None:
            fig.add_trace(trace, row=1, col=list(panels).index(setting) + 1)
        else:
            fig.add_trace(trace)
    return fig


# ----- evaluations -----------------------------------------------------------------------------------------------
def main_evaluation(frame: pd.DataFrame) -> str | None:
    """The dataset (evaluation) of ``frame`` with the most trained runs; ties go to the shorter name (the plain
    sentence evaluation before its ``-context`` variant)."""
    if frame.empty:
        return None
    trained = frame[frame["alpha"].notna()].groupby("dataset", observed=True)["run"].nunique()
    datasets = sorted(frame["dataset"].unique(), key=lambda d: (-int(trained.get(d, 0)), len(str(d)), str(d)))
    return str(datasets[0])


def evaluation_label(dataset: str, frame: pd.DataFrame | None = None) -> str:
    """A short, distinct label of an evaluation: ``"xquad-r [xquad-r-sentence-context]"`` becomes
    ``"xquad-r · sentence-context"``; with ``frame``, the number of runs is added (``· 4 runs``)."""
    match = _VARIANT.match(str(dataset))
    label = str(dataset)
    if match:
        base, variant = match["base"], match["variant"]
        label = f"{base} · {variant.removeprefix(base + '-') or variant}"
    if frame is not None and not frame.empty:
        runs = frame.loc[(frame["dataset"] == dataset) & (frame["model"] != MEAN_MODEL), "run"].nunique()
        label += f" · {runs} run{'s' if runs != 1 else ''}"
    return label


# ----- the published headline ------------------------------------------------------------------------------------
@dataclass
class Headline:
    """The α curve of a published report, as the Home page shows it.

    Attributes:
        sweep: the sweep's name (``budget-s300``).
        evaluation: the evaluation's name (``xquad-r-sentence``) and so the report folder's.
        folder: ``<published>/<sweep>/<evaluation>``.
        curves: the rows of ``curves.csv`` of ``metric`` (``setting, alpha, mean, low, high, n_runs, ...``).
        reference: the untuned model's value per setting (from ``runs.csv``).
        best: per setting, the best α entry of ``best-alpha.json`` (``alpha, value, low, high, best_share``).
        seeds: runs per α.
    """

    sweep: str
    evaluation: str
    folder: Path
    metric: str
    curves: pd.DataFrame
    reference: dict[str, float] = field(default_factory=dict)
    best: dict[str, dict] = field(default_factory=dict)
    seeds: dict[float, int] = field(default_factory=dict)


def published_reports(root: Path | None = None) -> dict[str, list[Path]]:
    """Per published sweep (with an archive), its report folders (those holding ``curves.csv``), the one with the
    most runs first."""
    from hybrid_core.archive import published_archives  # local: loads scipy

    out: dict[str, list[Path]] = {}
    for name, archive in published_archives(root).items():
        folders = [p.parent for p in archive.parent.glob("*/curves.csv")]
        counts = {f: _count_runs(f) for f in folders}
        ranked = sorted(folders, key=lambda f: (-counts[f], len(f.name), f.name))
        if ranked:
            out[name] = ranked
    return out


@dataclass
class PublishedReport:
    """The tables of a published report folder (``docs/results/<sweep>/<evaluation>/``), computed by
    ``sweep report`` from the archive with fixed bootstrap seeds: what an α-curve view of the published sweep shows
    by default, without reading millions of per-query rows.

    Attributes:
        folder: the report folder.
        curves: ``curves.csv`` (``alpha, mean, low, high, n_runs, seed_std, n_queries, setting, metric, method``).
        by_language: ``curves-by-language.csv`` (AP@20 per query language; empty when absent).
        best: ``best-alpha.json`` by ``"<metric> <setting>"``.
        paired: ``paired-tests.csv`` (every α against the references 0.5, 0 and 1).
        runs: the run names the report was made from (``runs.csv``).
        confidence: the coverage of its intervals.
    """

    folder: Path
    curves: pd.DataFrame
    by_language: pd.DataFrame
    best: dict[str, dict]
    paired: pd.DataFrame
    runs: frozenset[str]
    confidence: float = 0.95

    def curve_points(self, *, metric: str, settings: Sequence[str], by_language: bool,
                     confidence: float) -> pd.DataFrame | None:
        """The curve points of ``metric`` for ``settings`` (the layout of
        :func:`hybrid_core.analysis.alpha_curve_table`), or None when the report does not hold them all."""
        if not math.isclose(confidence, self.confidence):
            return None
        if by_language:
            if metric != "AP@20" or self.by_language.empty:
                return None
            rows = self.by_language[self.by_language["setting"].isin(list(settings))]
            columns = ["setting", "query_lang", "alpha", "mean", "low", "high", "n_runs", "n_queries", "method"]
        else:
            rows = self.curves[(self.curves["metric"] == metric) & self.curves["setting"].isin(list(settings))]
            columns = ["setting", "alpha", "mean", "low", "high", "n_runs", "n_queries", "method"]
        if set(rows["setting"]) != set(settings):
            return None
        order = {s: i for i, s in enumerate(SETTINGS)}
        keys = ["setting", "query_lang", "alpha"] if by_language else ["setting", "alpha"]
        rows = rows.assign(_order=rows["setting"].map(order)).sort_values(["_order", *keys[1:]])
        return rows[columns].reset_index(drop=True)

    def best_alphas(self, *, metric: str, settings: Sequence[str], confidence: float) -> pd.DataFrame | None:
        """:func:`best_table` rows of ``metric`` for ``settings``, or None when the report does not hold them all."""
        if not math.isclose(confidence, self.confidence):
            return None
        entries = {s: self.best.get(f"{metric} {s}") for s in settings}
        if not all(entries.values()):
            return None
        return best_table(entries)  # type: ignore[arg-type]

    def paired_tests(self, *, metric: str, settings: Sequence[str], reference: float) -> pd.DataFrame | None:
        """The paired tests of ``metric`` against ``reference`` for ``settings`` (the layout of
        :func:`hybrid_core.analysis.comparison_table`), or None when the report does not hold them all."""
        rows = self.paired[(self.paired["metric"] == metric) & self.paired["setting"].isin(list(settings))
                           & np.isclose(self.paired["reference"].astype(float), reference)]
        if set(rows["setting"]) != set(settings):
            return None
        order = {s: i for i, s in enumerate(SETTINGS)}
        return (rows.assign(_order=rows["setting"].map(order)).sort_values(["_order", "alpha"])
                .drop(columns="_order").reset_index(drop=True))


def report_folder(paths: Sequence[str | Path], dataset: str, remedy: str = "none") -> Path | None:
    """The published report folder of an evaluation of an archive: ``paths`` are the archive's results files
    (``<archive>/results/<point>/<evaluation>.parquet``) and ``dataset`` the evaluation's label in their merged
    table (``"xquad-r [xquad-r-sentence]"``, or ``"xquad-r"`` when the archive has one evaluation); with a
    ``remedy`` (its spelling), the report of that remedy's evaluation (``<evaluation>--<remedy slug>``). None when
    the files are not an archive's or it has no report beside it."""
    if not paths:
        return None
    first = Path(paths[0])
    archive = first.parents[2]
    if first.parents[1].name != "results" or not (archive / "sweep.json").is_file():
        return None
    match = _VARIANT.match(str(dataset))
    if match:
        evaluation = match["variant"]
    else:  # one evaluation, with or without its remedies (``<evaluation>--<remedy slug>``)
        stems = {Path(p).stem.split("--")[0] for p in paths}
        if len(stems) != 1:
            return None
        evaluation = stems.pop()
    if remedy != "none":
        slug = _slug(remedy)
        if not slug:
            return None
        evaluation = f"{evaluation}--{slug}"
    folder = archive.parent / evaluation
    return folder if (folder / "curves.csv").is_file() else None


def read_report(folder: Path) -> PublishedReport:
    """The tables of a report folder.

    Raises:
        ValueError: a file that cannot be read (the message names it).
    """
    def csv(name: str, required: bool = True) -> pd.DataFrame:
        path = folder / name
        if not path.is_file() and not required:
            return pd.DataFrame()
        try:
            return pd.read_csv(path)
        except (OSError, ValueError) as exc:
            raise ValueError(f"published report {path}: {exc}") from None

    try:
        best = json.loads((folder / "best-alpha.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        best = {}
    except (OSError, ValueError) as exc:
        raise ValueError(f"published report {folder / 'best-alpha.json'}: {exc}") from None
    runs = csv("runs.csv")
    paired = csv("paired-tests.csv", required=False)
    if paired.empty:
        paired = pd.DataFrame(columns=["setting", "metric", "alpha", "reference"])
    return PublishedReport(folder, csv("curves.csv"), csv("curves-by-language.csv", required=False), best, paired,
                           frozenset(str(r) for r in runs["run"]))


def report_matches(report: PublishedReport, frame: pd.DataFrame) -> bool:
    """Whether a report was made from exactly the runs of ``frame`` (the evaluation's cell means): a report older
    than its archive (a point added since) is not used."""
    runs = frame.loc[frame["model"] != MEAN_MODEL, "run"].unique()
    return set(map(str, runs)) == set(report.runs)


def _count_runs(folder: Path) -> int:
    try:
        runs = pd.read_csv(folder / "runs.csv", usecols=["run"])
    except (OSError, ValueError):
        return 0
    return int(runs["run"].nunique())


def published_headline(preferred: tuple[str, str] | None = ("budget-s300", "xquad-r-sentence"), *,
                       metric: str = "AP@20", root: Path | None = None) -> Headline | None:
    """The headline curve: the ``preferred`` (sweep, evaluation) report when it is published, else the published
    sweep with the most trained points and its main evaluation; None when nothing is published.

    Raises:
        ValueError: a report file that cannot be read (the message names it).
    """
    reports = published_reports(root)
    if not reports:
        return None
    sweep, folder = next(iter(reports)), next(iter(reports.values()))[0]
    if preferred and preferred[0] in reports:
        for candidate in reports[preferred[0]]:
            if candidate.name == preferred[1]:
                sweep, folder = preferred[0], candidate
                break
    try:
        curves = pd.read_csv(folder / "curves.csv")
        runs = pd.read_csv(folder / "runs.csv")
    except (OSError, ValueError) as exc:
        raise ValueError(f"published report {folder}: {exc}") from None
    curves = curves[curves["metric"] == metric].reset_index(drop=True)
    untuned = runs[runs["alpha"].isna() & (runs["metric"] == metric)]
    reference = {str(s): float(v) for s, v in zip(untuned["setting"], untuned["value"])}
    trained = runs[runs["alpha"].notna()].drop_duplicates("run")
    seeds = {float(a): int(n) for a, n in trained.groupby("alpha")["run"].nunique().items()}
    best: dict[str, dict] = {}
    best_file = folder / "best-alpha.json"
    if best_file.is_file():
        try:
            entries = json.loads(best_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(f"published report {best_file}: {exc}") from None
        best = {e["setting"]: e for e in entries.values() if isinstance(e, dict) and e.get("metric") == metric}
    return Headline(sweep, folder.name, folder, metric, curves, reference, best, seeds)


def _nan(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA
