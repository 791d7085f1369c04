"""Publishing a sweep: tables (CSV/JSON) and figures (PNG + self-contained HTML) from its results.

:func:`write_sweep_report` is what ``python -m hybrid_core sweep report NAME --out DIR`` runs. Everything in
it is derived from the sweep's result files by the pure functions of :mod:`hybrid_core.analysis` and
:mod:`hybrid_core.figures`, with fixed bootstrap seeds, so re-running it on the same results rewrites
identical files.

Per evaluation (``xquad-r-sentence``, ...), it writes into ``<out>/<evaluation>/``:

- ``curves.csv``: metric vs α with 95% bootstrap CIs (questions and seeds resampled) for every curve the measure
  registry declares (:func:`hybrid_core.measures.curves`) that the results hold: AP@20 and R@1 (monolingual /
  cross-lingual / multilingual), RD (multilingual), the same-language share of the top 10 (``LangShare@10``,
  diagonal cells) and, for evaluations that computed them, nDCG@20, TLR@20, MRC@10 and PEER@20 (multilingual);
  ``curves-by-language.csv``: AP@20 vs α per query language;
- ``best-alpha.json``: the best α per setting, its CI and how often each α wins under the bootstrap;
- ``paired-tests.csv``: every α against α = 0.5 and the two endpoints (paired differences: two-level bootstrap
  intervals over questions and seeds, sign-flip p-values over questions);
- ``runs.csv``: the setting values of every run (seed) and of the untuned model;
- ``summary.md``: the curve points, best α and paired differences from α = 0.5 as Markdown tables;
- figures ``curve-AP20``, ``curve-R1``, ``curve-RD``, ``curve-LangShare10``, ... (one per curve; one panel per
  setting, each on its own scale), ``paired-AP20`` (and ``-R1``, ``-RD``, ...: every α minus α = 0.5 on the same
  questions, with CIs), ``curve-AP20-multilingual-by-language`` and ``-cross-lingual-by-language`` (one line
  per query language), ``heatmap-AP20-best``, ``diff-AP20-best-minus-a1``, ``diff-AP20-best-minus-a0``,
  ``share10-best`` as ``.png``, and all of them in one self-contained ``figures.html`` (plotly.js inlined
  once; opens offline, interactive);

and ``results.csv``: the aggregated (per-cell) rows of the metrics the registry reports
(:func:`hybrid_core.measures.reported`) in the long-format schema plus the ``evaluation`` column.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
from pathlib import Path

import numpy as np
import pandas as pd

from hybrid_core import analysis, figures, measures
from hybrid_core.archive import REMEDY_SUFFIX
from hybrid_core.atomic import write_json, write_text, write_with
from hybrid_core.results import (
    aggregated,
    compact,
    concat_compact,
    concat_results,
    constant_spellings,
    has_schedules,
    pair_matrix,
)
from hybrid_core.sweep.folder import read_result_file, read_saved, result_files

log = logging.getLogger(__name__)

MAIN_METRIC, MAIN_SETTING = "AP@20", "multilingual"
#: The top-k language-share matrix drawn for the best α (``share10-best``).
SHARE_MEASURE = measures.LangShare @ 10
#: The α every other α is compared with in the paired-difference figures (the paper's choice).
PAIRED_REFERENCE = 0.5


def __getattr__(name: str) -> object:
    """``CURVES``: the registry's curves, read when asked (a measure registered later is included)."""
    if name == "CURVES":
        return measures.curves()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def curves_of(table: pd.DataFrame) -> list[tuple[str, tuple[str, ...]]]:
    """The registry's curves (:func:`hybrid_core.measures.curves`) for which ``table`` has per-query rows."""
    rows = table[table["qid"] != ""]
    present = set(zip(rows["metric"], rows["setting"]))
    out = []
    for metric, settings in measures.curves():
        kept = tuple(s for s in settings if (metric, s) in present)
        if kept:
            out.append((metric, kept))
    return out


def alpha_label(alpha: float) -> str:
    """Run label of an α level (seeds pooled): ``α=0.5``; ``untuned`` for NaN."""
    return "untuned" if alpha is None or math.isnan(alpha) else f"α={alpha:g}"


def by_alpha(table: pd.DataFrame) -> pd.DataFrame:
    """The table with ``run`` relabelled per α (``α=0.5``; an α schedule by its spelling), so that pivots average
    the seeds of an α level and never mix a schedule into the constant of its mean α."""
    out = table.copy()
    labels = [alpha_label(a) for a in out["alpha"].astype(float)]
    if has_schedules(out):
        varied = (out["schedule"] != constant_spellings(out["alpha"])).to_numpy()
        labels = np.where(varied, out["schedule"].astype(str), labels).tolist()
    out["run"] = labels
    return out


def curve_table(table: pd.DataFrame, *, metric: str, settings: tuple[str, ...], draws: int = 1000) -> pd.DataFrame:
    """Curves of one metric for some settings, in the column layout :func:`figures.alpha_curves` draws."""
    parts = []
    for setting in settings:
        try:
            curve = analysis.alpha_curve(table, metric=metric, setting=setting, draws=draws)
        except ValueError:
            continue
        parts.append(curve.assign(setting=setting, metric=metric))
    if not parts:
        return pd.DataFrame()
    curves = pd.concat(parts, ignore_index=True)
    return curves.rename(columns={"value": "mean", "seeds": "n_runs", "questions": "n_queries"}).assign(
        method="bootstrap")


def _write_png(fig, out: Path, stem: str) -> list[Path]:
    try:
        data = figures.png_bytes(fig)
    except figures.ExportError as exc:
        log.warning("%s.png not written: %s", stem, exc)
        return []
    return [write_with(out / f"{stem}.png", lambda tmp: tmp.write_bytes(data))]


def figures_page(named_figures: list[tuple[str, object]], *, title: str) -> str:
    """One self-contained HTML page holding several figures (plotly.js inlined once, fixed div ids).

    One page per evaluation instead of one file per figure: each self-contained file would carry its own
    4.7 MB copy of plotly.js.
    """
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
             f"<body style='font-family:sans-serif;max-width:1400px;margin:auto'><h1>{title}</h1>"]
    for index, (stem, fig) in enumerate(named_figures):
        parts.append(f"<h2 id='{stem}'>{stem}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=index == 0, div_id=stem,
                                 config={"displaylogo": False}))
    parts.append("</body></html>")
    return "\n".join(parts)


def _reference(table: pd.DataFrame, metric: str) -> dict[str, float]:
    untuned = table[table["alpha"].isna()]
    return figures.setting_means(untuned, metric=metric) if len(untuned) else {}


def _number(value: float, metric: str) -> str:
    """A curve point of ``metric``: one digit fewer than its cell means (it carries an interval)."""
    return f"{value:.{measures.digits(metric) - 1}f}"


def summary_markdown(curves: pd.DataFrame, best: dict[str, dict], tests: pd.DataFrame, *, name: str,
                     untuned: dict[str, dict[str, float]]) -> str:
    """The report's numbers as Markdown tables (to quote in a README): each curve point with its 95% interval,
    the best α and the share of bootstrap draws it wins, and each α minus α = 0.5 on the same questions."""
    alphas = sorted(curves["alpha"].unique())
    head = ["measure", "untuned", *(f"α = {a:g}" for a in alphas), "best α (share of draws)"]
    seeds = ", ".join(f"{a:g}: {int(n)}" for a, n in curves.groupby("alpha")["n_runs"].max().items())
    lines = [f"### {name}", "", f"Seeds per α: {seeds}. "
             "Values: mean over seeds [95 % bootstrap interval over questions and seeds].", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (metric, setting), part in curves.groupby(["metric", "setting"], sort=False):
        by = part.set_index("alpha")
        cells = [f"{_number(by.loc[a, 'mean'], metric)} [{_number(by.loc[a, 'low'], metric)}, "
                 f"{_number(by.loc[a, 'high'], metric)}]" if a in by.index else "" for a in alphas]
        reference = untuned.get(metric, {}).get(setting)
        winner = best.get(f"{metric} {setting}")
        won = f"{winner['alpha']:g} ({winner['best_share'][winner['alpha']]:.0%})" if winner else ""
        lines.append(f"| {metric} {setting} | {'' if reference is None else _number(reference, metric)} | "
                     + " | ".join(cells) + f" | {won} |")
    paired = tests[np.isclose(tests["reference"], PAIRED_REFERENCE)] if not tests.empty else tests
    if not paired.empty:
        others = sorted(paired["alpha"].unique())
        lines += ["", f"Paired differences, α minus α = {PAIRED_REFERENCE:g} on the same questions "
                      "(mean [95 % interval over questions and seeds], sign-flip p over questions with the trained "
                      "models fixed):", "",
                  "| measure | " + " | ".join(f"α = {a:g}" for a in others) + " |", "|" + "---|" * (len(others) + 1)]
        for (metric, setting), part in paired.groupby(["metric", "setting"], sort=False):
            by = part.set_index("alpha")
            spec = f"+.{measures.digits(metric)}f"
            cells = [f"{by.loc[a, 'mean_difference']:{spec}} [{by.loc[a, 'low']:{spec}}, {by.loc[a, 'high']:{spec}}] "
                     f"p={by.loc[a, 'p_value']:.2g}" if a in by.index else "" for a in others]
            lines.append(f"| {metric} {setting} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def schedules_markdown(points: pd.DataFrame, tests: pd.DataFrame, recipes: pd.DataFrame) -> str:
    """The α schedules' part of ``summary.md``: each schedule's points, its paired differences from α = 0.5, 0 and 1,
    and the recipes on the Pareto front."""
    lines = ["", "#### α schedules", "", "Each schedule at its mean α: mean over seeds [95 % bootstrap interval over "
             "questions and seeds].", ""]
    schedule_names = sorted(points["schedule"].unique())
    head = ["measure", *schedule_names]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for (metric, setting), part in points.groupby(["metric", "setting"], sort=False):
        by = part.set_index("schedule")
        cells = [f"{_number(by.loc[n, 'mean'], metric)} [{_number(by.loc[n, 'low'], metric)}, "
                 f"{_number(by.loc[n, 'high'], metric)}]" if n in by.index else "" for n in schedule_names]
        lines.append(f"| {metric} {setting} | " + " | ".join(cells) + " |")
    if not tests.empty:
        for reference in sorted(tests["reference"].unique(), key=lambda r: (r != PAIRED_REFERENCE, r)):
            lines += ["", f"Paired differences, schedule minus α = {reference:g} on the same questions (mean [95 % "
                          "interval over questions and seeds], sign-flip p over questions):", "",
                      "| measure | " + " | ".join(schedule_names) + " |", "|" + "---|" * (len(schedule_names) + 1)]
            part_ref = tests[np.isclose(tests["reference"], reference)]
            for (metric, setting), part in part_ref.groupby(["metric", "setting"], sort=False):
                by = part.set_index("schedule")
                spec = "+.1f" if metric == "RD" else "+.4f"
                cells = [f"{by.loc[n, 'mean_difference']:{spec}} [{by.loc[n, 'low']:{spec}}, "
                         f"{by.loc[n, 'high']:{spec}}] p={by.loc[n, 'p_value']:.2g}" if n in by.index else ""
                         for n in schedule_names]
                lines.append(f"| {metric} {setting} | " + " | ".join(cells) + " |")
    if not recipes.empty:
        front = recipes[recipes["pareto"]]
        lines += ["", f"Pareto front of {MAIN_METRIC} (multilingual, monolingual): "
                      + ", ".join(f"{r.recipe} ({r.x:.3f}, {r.y:.3f})" for r in front.itertuples()) + "."]
    return "\n".join(lines) + "\n"


def evaluation_report(table: pd.DataFrame, name: str, out: Path, *, png: bool = True,
                      draws: int = 1000) -> list[Path]:
    """Tables and figures of one evaluation of a sweep, in ``out/<name>/`` (see the module docstring)."""
    written: list[Path] = []
    out = out / name
    if not table["alpha"].notna().any():  # (a test, not a filtered copy of every row)
        log.warning("%s: no trained points yet", name)
        return written
    out.mkdir(parents=True, exist_ok=True)
    spec = curves_of(table)
    curves = pd.concat([curve_table(table, metric=m, settings=s, draws=draws) for m, s in spec],
                       ignore_index=True)
    written.append(write_with(out / "curves.csv", lambda tmp: curves.to_csv(tmp, index=False,
                                                                                     float_format="%.6f")))
    by_language = analysis.alpha_curve_table(table, metric=MAIN_METRIC, by_language=True, n_boot=draws).drop(
        columns="seed_std")
    written.append(write_with(out / "curves-by-language.csv",
                              lambda tmp: by_language.to_csv(tmp, index=False, float_format="%.6f")))
    runs = pd.concat([analysis.setting_values(table, metric=m, settings=s) for m, s in spec], ignore_index=True)
    written.append(write_with(out / "runs.csv", lambda tmp: runs.to_csv(tmp, index=False,
                                                                                 float_format="%.6f")))
    best = {}
    for metric, settings in spec:
        for setting in settings:
            try:
                best[f"{metric} {setting}"] = analysis.best_alpha(
                    table, metric=metric, setting=setting,
                    higher_is_better=measures.curve_higher_is_better(metric), draws=draws)
            except ValueError:
                continue
    written.append(write_json(out / "best-alpha.json", best))
    alphas = analysis.curve_alphas(table)
    tests = pd.DataFrame()
    if len(alphas) > 1:
        tests = pd.concat([analysis.comparison_table(table, metric=m, setting=s)
                           for m, settings in spec for s in settings], ignore_index=True)
        written.append(write_with(out / "paired-tests.csv",
                                  lambda tmp: tests.to_csv(tmp, index=False, float_format="%.6f")))

    untuned = {metric: _reference(table, metric) for metric, _ in spec}
    schedules = schedule_tests = recipes = pd.DataFrame()
    if has_schedules(table):  # α schedules: points beside the curve, paired tests against α = 0.5, 0, 1, Pareto
        schedules = pd.concat([analysis.schedule_points(table, metric=m, settings=s, n_boot=draws).assign(metric=m)
                               for m, s in spec], ignore_index=True)
        written.append(write_with(out / "schedules.csv",
                                  lambda tmp: schedules.to_csv(tmp, index=False, float_format="%.6f")))
        schedule_tests = pd.concat([analysis.schedule_comparisons(table, metric=m, setting=s)
                                    for m, settings in spec for s in settings], ignore_index=True)
        written.append(write_with(out / "schedule-tests.csv",
                                  lambda tmp: schedule_tests.to_csv(tmp, index=False, float_format="%.6f")))
        recipes = analysis.recipe_points(table, metric=MAIN_METRIC, draws=draws)
        written.append(write_with(out / "recipes.csv",
                                  lambda tmp: recipes.to_csv(tmp, index=False, float_format="%.6f")))
    summary = summary_markdown(curves, best, tests, name=name, untuned=untuned)
    if not schedules.empty:
        summary += schedules_markdown(schedules, schedule_tests, recipes)
    written.append(write_text(out / "summary.md", summary))

    named: list[tuple[str, object]] = []
    for metric, _ in spec:
        part = curves[curves["metric"] == metric]
        if part.empty:
            continue
        marked = schedules[schedules["metric"] == metric] if not schedules.empty else None
        fig = figures.alpha_curve_panels(part, metric=metric, reference=_reference(table, metric), title=name,
                                         schedules=marked)
        named.append((f"curve-{metric.replace('@', '')}", fig))
        reference = PAIRED_REFERENCE if any(np.isclose(PAIRED_REFERENCE, a) for a in alphas) else None
        if reference is not None and not tests.empty and (tests["metric"] == metric).any():
            fig = figures.paired_difference_panels(tests, metric=metric, reference=reference, title=name)
            named.append((f"paired-{metric.replace('@', '')}", fig))

    for setting in ("multilingual", "cross-lingual"):
        part = by_language[by_language["setting"] == setting].drop(columns="setting")
        if not part.empty:
            fig = figures.alpha_curves(part, metric=MAIN_METRIC, title=f"{name} · {setting}, per query language")
            named.append((f"curve-AP20-{setting}-by-language", fig))

    if not recipes.empty:
        named.append(("pareto-AP20", figures.pareto_figure(recipes, metric=MAIN_METRIC, title=name)))

    labelled = by_alpha(aggregated(table))  # the heatmaps read cell means only: no copy of the per-query rows
    best_main = best.get(f"{MAIN_METRIC} {MAIN_SETTING}")
    if best_main is not None:
        best_label = alpha_label(float(best_main["alpha"]))
        fig = figures.pair_heatmap_from_results(labelled, metric=MAIN_METRIC, run=best_label,
                                                title=f"{name} · best multilingual {best_label}")
        named.append(("heatmap-AP20-best", fig))
        for end in (1.0, 0.0):
            end_label = alpha_label(end)
            if end in alphas and end_label != best_label:
                fig = figures.difference_heatmap(labelled, metric=MAIN_METRIC, run_a=best_label, run_b=end_label)
                named.append((f"diff-AP20-best-minus-a{end:g}", fig))
        shares = pair_matrix(labelled[labelled["run"] == best_label], metric=str(SHARE_MEASURE))
        if not shares.empty:
            fig = figures.share_heatmap(shares, k=SHARE_MEASURE.cutoff, title=f"{name} · {best_label}")
            named.append((f"share{SHARE_MEASURE.cutoff}-best", fig))
    written.append(write_text(out / "figures.html", figures_page(named, title=f"{name}: figures")))
    if png:
        for stem, fig in named:
            written += _write_png(fig, out, stem)
    return written


def write_sweep_report(folder: Path, out: Path, *, png: bool = True, draws: int = 1000) -> list[Path]:
    """Write every table and figure of a sweep into ``out`` (see the module docstring); returns the files.

    Memory is bounded by one evaluation, not by the sweep: the results are read one evaluation at a time (its points'
    files, the reported metrics only, strings as categoricals: :func:`hybrid_core.results.concat_compact`) and each
    evaluation's table is freed before the next is read; only the cell means of every file are kept, for
    ``results.csv``. The side-by-side report of one dataset's remedies then reads that dataset's evaluations,
    restricted to the per-query rows it resamples (:func:`remedy_rows`). The PNGs go through one browser
    (:func:`hybrid_core.figures.png_session`).
    """
    config = read_saved(folder)  # a sweep folder or an archive (whose data need not be on this machine)
    with figures.png_session() if png else contextlib.nullcontext():  # one browser for all PNGs
        return _write_report(folder, out, config, png=png, draws=draws)


def _write_report(folder: Path, out: Path, config: dict, *, png: bool, draws: int) -> list[Path]:
    files = result_files(folder)
    reported = set(measures.reported())
    written: list[Path] = []
    cell_parts: dict[Path, pd.DataFrame] = {}
    remedies_of: dict[Path, set[str]] = {}
    for name, paths in files.items():
        parts = []
        for path in paths:
            part = read_result_file(path, metrics=reported)
            cell_parts[path] = aggregated(part).assign(evaluation=name)
            remedies_of[path] = set(part["debias"].unique())
            parts.append(compact(part))  # strings as categoricals: ~5x less memory, faster selections, same output
        table = concat_compact(parts)
        del parts, part
        if not table.empty:
            out.mkdir(parents=True, exist_ok=True)
            written += evaluation_report(table, name, out, png=png, draws=draws)
        del table  # the next evaluation is read only now: memory holds one evaluation's rows
    cells = concat_results(cell_parts[p].drop(columns="evaluation") for p in sorted(cell_parts))
    if cells.empty:
        raise ValueError(f"sweep {config['name']!r} has no results yet ({folder})")
    cells["evaluation"] = pd.concat([cell_parts[p]["evaluation"] for p in sorted(cell_parts)],
                                    ignore_index=True).to_numpy()
    out.mkdir(parents=True, exist_ok=True)
    if not has_schedules(cells):  # the column repeats alpha when every run had a constant α
        cells = cells.drop(columns="schedule")
    if not any(remedies - {"none"} for remedies in remedies_of.values()):  # no remedy anywhere: columns say nothing
        cells = cells.drop(columns=["debias", "debias_fit"])
    else:  # evaluations of one dataset under several remedies, side by side
        bases: dict[str, list[Path]] = {}
        for name, paths in files.items():
            bases.setdefault(name.split("--")[0], []).extend(paths)
        for base, paths in sorted(bases.items()):
            if len(set().union(*(remedies_of[p] for p in paths))) > 1:
                written += remedies_report(remedy_rows(sorted(paths)), base, out,
                                           coverage=remedy_coverage(folder, base), png=png, draws=draws)
    written.insert(0, write_with(out / "results.csv", lambda tmp: cells.to_csv(tmp, index=False,
                                                                              float_format="%.6f")))
    files_written = sorted(p.relative_to(out).as_posix() for p in written)
    manifest = {"sweep": config["name"], "config": config, "files": files_written,
                "points": int(cells["run"].nunique()), "alphas": sorted(float(a) for a in
                                                                      cells["alpha"].dropna().unique())}
    written.append(write_json(out / "report.json", json.loads(json.dumps(manifest, default=_jsonable))))
    return written


def remedy_rows(paths: list[Path]) -> pd.DataFrame:
    """The rows of one dataset's evaluations (every remedy) that :func:`remedies_report` reads: every cell mean of the
    reported metrics, and the per-query rows of the pairs it resamples (:data:`REMEDY_MEASURES` and the Pareto view's
    monolingual and multilingual :data:`MAIN_METRIC`), read file by file, its strings as categoricals
    (:func:`hybrid_core.results.concat_compact`)."""
    pairs = {*REMEDY_MEASURES, (MAIN_METRIC, MAIN_SETTING), (MAIN_METRIC, "monolingual")}
    # strings as categoricals (compact): 8 remedies x 3 points of XQuAD-R take 0.14 GB instead of 0.83 GB
    return concat_compact(read_result_file(path, metrics=set(measures.reported()), rows=pairs) for path in paths)


#: (metric, setting) pairs of the remedies report: accuracy in every setting, bias and fairness of the pooled ranking.
REMEDY_MEASURES: tuple[tuple[str, str], ...] = (
    ("AP@20", "monolingual"), ("AP@20", "cross-lingual"), ("AP@20", "multilingual"), ("nDCG@20", "multilingual"),
    ("RD", "multilingual"), ("LangShare@10", "monolingual"), ("TLR@20", "multilingual"), ("MRC@10", "multilingual"),
    ("PEER@20", "multilingual"),
)


def remedy_coverage(folder: Path, base: str) -> dict[str, list[str]]:
    """The query languages the remedies of an evaluation's statistics miss, from its ``*.remedy.json`` files (the same
    for every point): ``{"seen": [...], "unseen": [...]}``, or ``{}`` when every remedy covers every language."""

    missing: set[str] = set()
    covered: set[str] = set()
    for path in sorted((Path(folder) / "results").glob(f"*/{base}--*{REMEDY_SUFFIX}")):
        info = json.loads(path.read_text(encoding="utf-8"))
        missing |= {lang for lang in str(info.get("missing", "")).split(",") if lang}
        covered |= {lang for lang in str(info.get("covered", "")).split(",") if lang}
    if not missing:
        return {}
    return {"seen": sorted(covered - missing), "unseen": sorted(missing)}


def remedies_markdown(points: pd.DataFrame, tests: pd.DataFrame, *, name: str, coverage: dict[str, list[str]]) -> str:
    """The remedies report's numbers as Markdown: each recipe x remedy, and each remedy minus no remedy."""
    lines = [f"### {name}: index-side remedies", "",
             "Mean over seeds [95 % bootstrap interval over questions and seeds]; paired differences are remedy minus "
             "no remedy on the same models and questions (sign-flip p over questions)."]
    if coverage:
        lines += ["", f"Statistics estimated on the training split cover {', '.join(coverage['seen'])}; "
                      f"{', '.join(coverage['unseen'])} have none (those remedies leave them unchanged): the "
                      "`seen` / `unseen` rows average over those query languages only."]
    for (metric, setting, languages), part in points.groupby(["metric", "setting", "languages"], sort=False):
        recipes = list(dict.fromkeys(part["recipe"]))
        remedies = list(dict.fromkeys(part["debias"]))
        digits = measures.digits(metric)
        lines += ["", f"#### {metric} {setting}" + ("" if languages == "all" else f" ({languages} query languages)"),
                  "", "| remedy | " + " | ".join(recipes) + " |", "|" + "---|" * (len(recipes) + 1)]
        by = part.set_index(["debias", "recipe"])
        delta = tests[(tests["metric"] == metric) & (tests["setting"] == setting)
                      & (tests["languages"] == languages)].set_index(["debias", "recipe"]) if not tests.empty else None
        for remedy in remedies:
            cells = []
            for recipe in recipes:
                if (remedy, recipe) not in by.index:
                    cells.append("")
                    continue
                row = by.loc[(remedy, recipe)]
                cell = f"{row['mean']:.{digits}f} [{row['low']:.{digits}f}, {row['high']:.{digits}f}]"
                if delta is not None and (remedy, recipe) in delta.index:
                    d = delta.loc[(remedy, recipe)]
                    cell += f"<br>Δ {d['mean_difference']:+.{digits}f} [{d['low']:+.{digits}f}, " \
                            f"{d['high']:+.{digits}f}] p={d['p_value']:.2g}"
                cells.append(cell)
            lines.append(f"| {remedy} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def remedies_report(table: pd.DataFrame, base: str, out: Path, *, coverage: dict[str, list[str]], png: bool = True,
                    draws: int = 1000) -> list[Path]:
    """Every remedy of one evaluated dataset side by side, in ``out/<base>--remedies/``: ``remedies.csv`` (each
    recipe x remedy with intervals, also over seen / unseen query languages when some remedy misses languages),
    ``remedy-tests.csv`` (each remedy minus no remedy, paired), ``summary.md``, ``recipes.csv`` and the figures
    (``remedies-<metric>`` per setting, ``pareto-AP20`` of every recipe x remedy)."""
    target = out / f"{base}--remedies"
    target.mkdir(parents=True, exist_ok=True)
    chosen = [(m, s) for m, s in REMEDY_MEASURES if (table["metric"] == m).any()]
    languages = coverage or None
    points = analysis.remedy_points(table, measures=chosen, languages=languages, draws=draws)
    tests = analysis.remedy_comparisons(table, measures=chosen, languages=languages)
    recipes = analysis.recipe_points(table, metric=MAIN_METRIC, draws=draws)
    written = [write_with(target / "remedies.csv", lambda tmp: points.to_csv(tmp, index=False, float_format="%.6f")),
               write_with(target / "remedy-tests.csv", lambda tmp: tests.to_csv(tmp, index=False,
                                                                                 float_format="%.6f")),
               write_with(target / "recipes.csv", lambda tmp: recipes.to_csv(tmp, index=False, float_format="%.6f")),
               write_text(target / "summary.md", remedies_markdown(points, tests, name=base, coverage=coverage))]
    named: list[tuple[str, object]] = []
    for metric, setting in chosen:
        part = points[(points["metric"] == metric) & (points["setting"] == setting)]
        if not part.empty:
            named.append((f"remedies-{metric.replace('@', '')}-{setting}",
                          figures.remedy_dots(part, metric=metric, setting=setting, title=base)))
    named.append(("pareto-AP20", figures.pareto_figure(recipes, metric=MAIN_METRIC, title=f"{base}: α x remedy")))
    written.append(write_text(target / "figures.html", figures_page(named, title=f"{base}: index-side remedies")))
    if png:
        for stem, fig in named:
            written += _write_png(fig, target, stem)
    return written


def _jsonable(value: object) -> object:
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return str(value)
