"""Analysis of α sweeps: pure functions over the long-format results table.

Used by the ``sweep``/``results`` CLI, the dashboard and the exports. Every function takes a results
table (:mod:`hybrid_core.results` schema) with *per-query* rows (``qid`` set) for the metric asked, so
confidence intervals can resample questions.

Definitions:

- A *setting value* of one run is the macro average over the setting's cells (monolingual: diagonal
  (X, X) cells; cross-lingual: off-diagonal (X, Y) cells; multilingual: (X, all) cells), each cell being
  the mean over its questions. This equals :func:`hybrid_core.results.summary`.
- Bootstrap CIs resample **question ids** (shared by a question's translations, so a resampled question
  brings all its language versions) and, when a point has several seeds, **seeds** too (two-level
  bootstrap: draw seeds with replacement, then questions with replacement, same question weights for every
  seed of a draw).
- The best α's win shares come from the same two-level draws, each α's seeds drawn independently (seed runs
  are independent trainings) and the question weights shared by every α (so the comparison is paired).
- Paired tests compare two α values on the same questions: per question id, its share of the setting value
  (its values weighted by 1 / (cells x questions of the cell), times the number of questions), averaged over
  the seeds of each α. The mean over questions of those shares is the setting value, so the paired mean
  difference is the difference of the setting values also where cells hold different questions (MLQA-R:
  English has every question, other languages about half); on a fully parallel set (XQuAD-R) a question's
  share is its mean over the cells. The p-value is a two-sided sign-flip randomisation test over questions
  of those differences: it asks whether *these trained models* differ, seeds held fixed. The interval of the difference
  is two-level (questions shared, each α's seeds resampled): it also carries seed-to-seed variation, so a
  difference can have a tiny p and still an interval that crosses 0 when seeds disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hybrid_core.results import (
    SETTINGS,
    aggregated,
    check_one_remedy,
    constant_rows,
    constant_spellings,
    schedule_rows,
    select,
    setting_means,
)

#: Settings and the cells they average.
_SETTING_OF_CELL = {"monolingual", "cross-lingual", "multilingual"}


@dataclass(frozen=True)
class CellMatrix:
    """Per-query values of one run and setting: ``values[cell, question]`` (NaN where a question is absent)."""

    cells: list[tuple[str, str]]
    qids: list[str]
    values: np.ndarray

    def weighted_mean(self, weights: np.ndarray) -> np.ndarray:
        """Setting value for each row of question ``weights`` (shape ``draws x questions``): macro over cells."""
        present = ~np.isnan(self.values)
        filled = np.where(present, self.values, 0.0)
        sums = weights @ filled.T                      # draws x cells
        counts = weights @ present.T.astype(float)     # draws x cells
        with np.errstate(invalid="ignore", divide="ignore"):
            cell_means = sums / counts
        return np.nanmean(cell_means, axis=1)

    def question_shares(self) -> np.ndarray:
        """Each question's share of the setting value: its values weighted by 1 / (cells x questions of the
        cell), times the number of questions; their mean is :meth:`value` (NaN for a question with no value)."""
        present = ~np.isnan(self.values)
        questions_of_cell = present.sum(axis=1, keepdims=True)
        asked = present.any(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            weighted = np.where(present, self.values, 0.0) / (len(self.cells) * questions_of_cell)
        return np.where(asked, weighted.sum(axis=0) * asked.sum(), np.nan)

    def value(self) -> float:
        """The setting value itself (all weights 1)."""
        return float(self.weighted_mean(np.ones((1, len(self.qids))))[0])


def _rows(table: pd.DataFrame, metric: str, setting: str, dataset: str | None) -> pd.DataFrame:
    if setting not in _SETTING_OF_CELL:
        raise ValueError(f"unknown setting {setting!r}; expected one of {sorted(_SETTING_OF_CELL)}")
    # one mask, one copy: filtering every per-query row first (per_query) copied the whole table per call
    keep = (table["qid"] != "") & (table["metric"] == metric) & (table["setting"] == setting)
    if dataset is not None:
        keep &= table["dataset"] == dataset
    rows = table[keep]
    if rows.empty:
        raise ValueError(f"no per-query rows for metric {metric!r}, setting {setting!r}"
                         + (f", dataset {dataset!r}" if dataset else "")
                         + f"; metrics present: {sorted(table['metric'].unique())}")
    return rows


def cell_matrices(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                  qids: list[str] | None = None) -> dict[tuple[str, float, int], CellMatrix]:
    """One :class:`CellMatrix` per run, keyed by ``(run, alpha, seed)``, over a shared question order."""
    return matrices_of_rows(_rows(table, metric, setting, dataset), qids=qids)


def matrices_of_rows(rows: pd.DataFrame, *, qids: list[str] | None = None
                     ) -> dict[tuple[str, float, int], CellMatrix]:
    """:class:`CellMatrix` per run of per-query rows that are already restricted to one metric and setting."""
    qids = sorted(rows["qid"].unique()) if qids is None else qids
    # Vectorised indexing: a sweep's per-query table holds millions of rows (a Python loop over them took ~8 s).
    # Every string column is factorised once (codes of sorted values), so the per-run work is integer arithmetic.
    qid_codes, qid_values = pd.factorize(rows["qid"])
    question_of_code = pd.Index(qids).get_indexer(np.asarray(qid_values, dtype=object))
    if (question_of_code < 0).any():
        missing = np.asarray(qid_values, dtype=object)[question_of_code < 0][0]
        raise ValueError(f"question {missing!r} is not in the given question order")
    question_of_row = question_of_code[qid_codes]
    query_codes, query_langs = pd.factorize(rows["query_lang"], sort=True)
    doc_codes, doc_langs = pd.factorize(rows["doc_lang"], sort=True)
    cell_of_row = query_codes.astype(np.int64) * len(doc_langs) + doc_codes   # sorts as (query_lang, doc_lang)
    all_values = rows["value"].to_numpy(dtype=float)
    out: dict[tuple[str, float, int], CellMatrix] = {}
    runs = rows.groupby(["run", "alpha", "seed"], dropna=False, observed=True).indices
    for (run, alpha, seed), positions in runs.items():
        cell_codes, cell_index = np.unique(cell_of_row[positions], return_inverse=True)
        cells = [(str(query_langs[c // len(doc_langs)]), str(doc_langs[c % len(doc_langs)])) for c in cell_codes]
        values = np.full((len(cells), len(qids)), np.nan)
        values[cell_index, question_of_row[positions]] = all_values[positions]
        out[(str(run), float(alpha), int(seed))] = CellMatrix(cells, list(qids), values)
    return out


def of_query_language(matrices: list[CellMatrix], query_lang: str) -> list[CellMatrix]:
    """The cells of one query language in per-run matrices that share a question order (as
    :func:`matrices_of_rows` returns them), over the questions that have a value there in some run; runs without
    a cell of that language are left out."""
    parts = [(m, [i for i, (q, _) in enumerate(m.cells) if q == query_lang]) for m in matrices]
    parts = [(m, rows) for m, rows in parts if rows]
    if not parts:
        return []
    keep = np.any([~np.isnan(m.values[rows]).all(axis=0) for m, rows in parts], axis=0)
    qids = [q for q, k in zip(parts[0][0].qids, keep) if k]
    return [CellMatrix([m.cells[i] for i in rows], qids, m.values[rows][:, keep]) for m, rows in parts]


def bootstrap_setting(rows: pd.DataFrame, *, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap distribution of a setting value from per-query rows of one metric and setting.

    The rows may hold several runs (seeds of one α): questions are resampled (the same draw for every
    cell and run, so translations move together) and, with several runs, the runs too (two-level).
    """
    return bootstrap_matrices(list(matrices_of_rows(rows).values()), draws=draws, rng=rng)


def bootstrap_matrices(matrices: list[CellMatrix], *, draws: int, rng: np.random.Generator) -> np.ndarray:
    """:func:`bootstrap_setting` of per-run matrices that share one question order."""
    return _bootstrap_point(matrices, len(matrices[0].qids), rng, draws)


def setting_values(table: pd.DataFrame, *, metric: str, dataset: str | None = None,
                   settings: tuple[str, ...] = ("monolingual", "cross-lingual", "multilingual")) -> pd.DataFrame:
    """Setting value of every run: columns run, alpha, seed, setting, metric, value (and ``schedule`` after
    ``alpha`` when some run varied α over training)."""
    varied = not schedule_rows(table).empty
    schedule_of = table.groupby("run", observed=True)["schedule"].first().to_dict() if varied else {}
    records = []
    for setting in settings:
        try:
            matrices = cell_matrices(table, metric=metric, setting=setting, dataset=dataset)
        except ValueError:
            continue
        for (run, alpha, seed), matrix in matrices.items():
            record = {"run": run, "alpha": alpha, "seed": seed, "setting": setting, "metric": metric,
                      "value": matrix.value()}
            if varied:
                record["schedule"] = schedule_of.get(run, "")
            records.append(record)
    columns = ["run", "alpha", *(["schedule"] if varied else []), "seed", "setting", "metric", "value"]
    return pd.DataFrame(records, columns=columns)


def question_weights(n_questions: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap resampling weights, ``draws x n_questions``: how often each question is drawn in each resample.

    Counts of ``n_questions`` uniform draws with replacement (the multinomial with equal probabilities), built with
    one ``bincount``: ``rng.multinomial`` draws category by category and took ~0.1 s per call on 1,190 questions.
    """
    picks = rng.integers(0, n_questions, size=(draws, n_questions))
    picks += np.arange(draws)[:, None] * n_questions
    return np.bincount(picks.ravel(), minlength=draws * n_questions).reshape(draws, n_questions).astype(float)


def _bootstrap_point(matrices: list[CellMatrix], n_questions: int, rng: np.random.Generator,
                     draws: int) -> np.ndarray:
    """Bootstrap distribution of the seed-averaged setting value of one α (two-level when several seeds)."""
    weights = question_weights(n_questions, draws, rng)
    return _resample_seeds(np.stack([m.weighted_mean(weights) for m in matrices]), rng)


def _seed_counts(n_seeds: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Seed-resampling weights, ``draws x n_seeds``, each row summing to 1 (all 1 for one seed)."""
    if n_seeds == 1:
        return np.ones((draws, 1))
    return question_weights(n_seeds, draws, rng) / n_seeds


def _resample_seeds(per_seed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Seed level of a two-level bootstrap: ``per_seed`` is ``seeds x draws`` (each seed's value under each draw's
    question weights); each draw averages a resample of the seeds with replacement. One seed: its draws."""
    n_seeds, draws = per_seed.shape
    return (_seed_counts(n_seeds, draws, rng) * per_seed.T).sum(axis=1)


def curve_alphas(frame: pd.DataFrame) -> list[float]:
    """The distinct constant α values of a table (the untuned model and α schedules left out)."""
    return sorted(float(a) for a in constant_rows(frame)["alpha"].dropna().unique())


def reference_levels(frame: pd.DataFrame, *, metric: str, dataset: str | None = None) -> dict[str, float]:
    """Mono / cross / multi means of the untuned rows (α = NaN), the reference line of the α curves."""
    rows = select(frame, dataset=dataset, metric=metric)
    rows = rows[rows["alpha"].isna()]
    return setting_means(rows, metric=metric) if not rows.empty else {}


def alpha_curve(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                confidence: float = 0.95, draws: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Metric vs α for one setting, with a bootstrap confidence interval per α (constant α only).

    :func:`alpha_curve_table` for one setting, in this function's own column names.

    Returns:
        DataFrame sorted by α with columns alpha, value (mean over seeds), low, high, seeds, seed_std
        (standard deviation across seeds; NaN for one seed), questions; the untuned reference (rows with NaN α) is
        left out: get it with :func:`setting_values`.

    Raises:
        ValueError: no per-query rows of the metric and setting (the interval resamples questions).
    """
    _rows(constant_rows(table), metric, setting, dataset)  # the error message when there is nothing to resample
    points = alpha_curve_table(table, metric=metric, dataset=dataset, settings=(setting,), confidence=confidence,
                               n_boot=draws, seed=seed)
    points = points.rename(columns={"mean": "value", "n_runs": "seeds", "n_queries": "questions"})
    return points[["alpha", "value", "low", "high", "seeds", "seed_std", "questions"]].reset_index(drop=True)


def alpha_curve_table(frame: pd.DataFrame, *, metric: str, dataset: str | None = None,
                      settings: Sequence[str] = SETTINGS, by_language: bool = False,
                      confidence: float = 0.95, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Metric vs α (runs with a constant α) with a confidence interval per point, from any results table.

    The point is the mean over the runs (seeds) at that α of each run's setting value. The interval is a
    percentile bootstrap over questions (and over seeds where there are several, two-level) when the table holds
    per-query rows of the metric; otherwise a t-interval over seeds (needs ≥ 2 seeds; a single seed without
    per-query rows gets no interval, ``low = high = NaN``). Runs trained with an α *schedule* are left out (they
    are points of :func:`schedule_points`, not of the curve), and so is the untuned model (α = NaN: see
    :func:`hybrid_core.results.setting_means`).

    Args:
        frame: a results table.
        metric: the metric spelling.
        dataset: keep only this dataset.
        settings: which settings to report.
        by_language: one curve per query language (columns ``setting, query_lang, ...``) instead of the averages.
        confidence: the interval's coverage.
        n_boot: bootstrap replicates.
        seed: seed of the bootstrap's random draws (the table is deterministic for a seed; the draws run through
            the points in the order of the returned rows).

    Returns:
        Columns ``setting, query_lang (only when by_language), alpha, mean, low, high, n_runs, seed_std, n_queries,
        method`` where ``method`` is ``"bootstrap"``, ``"t"`` or ``"none"``.

    Raises:
        ValueError: ``confidence`` outside (0, 1) or ``n_boot < 100``.
    """
    return _curve_points(constant_rows(frame), level="alpha", metric=metric, dataset=dataset, settings=settings,
                         by_language=by_language, confidence=confidence, n_boot=n_boot, seed=seed)


def schedule_points(frame: pd.DataFrame, *, metric: str, dataset: str | None = None,
                    settings: Sequence[str] = SETTINGS, by_language: bool = False, confidence: float = 0.95,
                    n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """One point per α *schedule* (runs whose α varied over training), at its mean α, computed as the curve's.

    Returns:
        Columns ``setting, query_lang (only when by_language), schedule, alpha (the schedule's mean α), mean, low,
        high, n_runs, seed_std, n_queries, method``; empty when the table has no schedules.
    """
    return _curve_points(schedule_rows(frame), level="schedule", metric=metric, dataset=dataset, settings=settings,
                         by_language=by_language, confidence=confidence, n_boot=n_boot, seed=seed)


def _curve_points(frame: pd.DataFrame, *, level: str, metric: str, dataset: str | None, settings: Sequence[str],
                  by_language: bool, confidence: float, n_boot: int, seed: int) -> pd.DataFrame:
    """Points of :func:`alpha_curve_table` (``level="alpha"``) or :func:`schedule_points` (``"schedule"``)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence!r}")
    if n_boot < 100:
        raise ValueError(f"n_boot must be at least 100, got {n_boot!r}")
    rng = np.random.default_rng(seed)
    keys = ["setting", "query_lang", level] if by_language else ["setting", level]
    extra = ["alpha"] if level == "schedule" else []
    out_columns = [*keys, *extra, "mean", "low", "high", "n_runs", "seed_std", "n_queries", "method"]
    if frame.empty:
        return pd.DataFrame(columns=out_columns)
    # A sweep's table holds millions of rows, and every filter or split copies each column it keeps: filters
    # of only the columns read here, strings as categories from then on (copying arrow strings took 13 s of
    # a 19 s averaged curve over 22 XQuAD-R points, profiled).
    columns = list(dict.fromkeys(["setting", "run", "alpha", "seed", "query_lang", "doc_lang", "qid", "value", level]))
    remedy = [c for c in ("debias", "debias_fit") if c in frame.columns]
    rows = select(frame[[*columns, *remedy, "dataset", "metric"]], dataset=dataset, metric=metric)
    rows = rows[rows["alpha"].notna() & rows["setting"].isin(list(settings))]
    check_one_remedy(rows[remedy], what="a curve")
    rows = rows[columns]
    rows = rows.astype(dict.fromkeys(["setting", "run", "query_lang", "doc_lang"], "category"))
    is_query = (rows["qid"] != "").to_numpy()
    agg, pq = rows[~is_query], rows[is_query].astype({"qid": "category"})
    tail = (1 - confidence) / 2
    out = []
    # The per-query rows become one question matrix per run of each (setting, level), built once; a per-language
    # curve point takes its query language's cells from it.
    matrices_of = {key: list(matrices_of_rows(part).values())
                   for key, part in pq.groupby(["setting", level], sort=False, observed=True)}
    alpha_of = agg.groupby(level, observed=True)["alpha"].first().to_dict() if level != "alpha" else {}
    cell_means = agg.groupby([*keys, "run", "doc_lang"], sort=True, observed=True)["value"].mean()
    for key, per_cell in cell_means.groupby(level=list(range(len(keys))), sort=True):
        key = key if isinstance(key, tuple) else (key,)
        info = dict(zip(keys, key))
        per_run = per_cell.groupby(level="run").mean().dropna().to_numpy()
        if per_run.size == 0:
            continue
        matrices = matrices_of.get((info["setting"], info[level]), [])
        if by_language:
            matrices = of_query_language(matrices, info["query_lang"])
        low = high = float("nan")
        n_queries = len(matrices[0].qids) if matrices else 0
        if matrices:
            per_run = np.array([m.value() for m in matrices])  # the setting values of the per-query rows
            dist = _bootstrap_point(matrices, n_queries, rng, n_boot)
            low, high = (float(v) for v in np.nanquantile(dist, [tail, 1 - tail]))
            method = "bootstrap"
        elif per_run.size >= 2:
            from scipy import stats

            half = stats.t.ppf(1 - tail, per_run.size - 1) * per_run.std(ddof=1) / math.sqrt(per_run.size)
            low, high = float(per_run.mean() - half), float(per_run.mean() + half)
            method = "t"
        else:
            method = "none"
        point = {**info, "mean": float(per_run.mean()), "low": low, "high": high, "n_runs": int(per_run.size),
                 "seed_std": float(per_run.std(ddof=1)) if per_run.size > 1 else float("nan"),
                 "n_queries": n_queries, "method": method}
        point["alpha"] = float(info["alpha"]) if level == "alpha" else float(alpha_of[info[level]])
        out.append(point)
    return pd.DataFrame(out, columns=out_columns)


def best_alpha(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
               higher_is_better: bool = True, confidence: float = 0.95, draws: int = 1000,
               seed: int = 0) -> dict[str, object]:
    """The best constant α of a setting and how sure we are of it (runs trained with a schedule are left out).

    The α whose seed-averaged value is best; a bootstrap CI of that value; and, from the same joint
    bootstrap draws (shared question weights across α values, so the comparison is paired; each α's seeds
    resampled on their own when it has several), the share of draws in which each α is best and the smallest set
    of α values that is best in ``confidence`` of them.
    """
    matrices = cell_matrices(constant_rows(table), metric=metric, setting=setting, dataset=dataset)
    by_alpha: dict[float, list[CellMatrix]] = {}
    for (_, alpha, _seed), matrix in sorted(matrices.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if not np.isnan(alpha):
            by_alpha.setdefault(alpha, []).append(matrix)
    if not by_alpha:
        raise ValueError("no trained runs with a constant α in the table")
    alphas = sorted(by_alpha)
    n_questions = len(next(iter(by_alpha.values()))[0].qids)
    rng = np.random.default_rng(seed)
    weights = question_weights(n_questions, draws, rng)
    boot = np.stack([_resample_seeds(np.stack([m.weighted_mean(weights) for m in by_alpha[a]]), rng)
                     for a in alphas])
    point = np.array([np.mean([m.value() for m in by_alpha[a]]) for a in alphas])
    sign = 1.0 if higher_is_better else -1.0
    best_index = int(np.argmax(sign * point))
    winners = np.argmax(sign * boot, axis=0)
    share = np.bincount(winners, minlength=len(alphas)) / draws
    order = np.argsort(-share)
    covered, best_set = 0.0, []
    for index in order:
        best_set.append(alphas[index])
        covered += share[index]
        if covered >= confidence:
            break
    tail = (1 - confidence) / 2
    return {"setting": setting, "metric": metric, "alpha": alphas[best_index], "value": float(point[best_index]),
            "low": float(np.quantile(boot[best_index], tail)), "high": float(np.quantile(boot[best_index], 1 - tail)),
            "best_share": {a: float(s) for a, s in zip(alphas, share)}, "best_set": sorted(best_set)}


def per_question_values(table: pd.DataFrame, *, metric: str, setting: str, alpha: float,
                        dataset: str | None = None) -> pd.Series:
    """Per question id: its share of the setting value (their mean is the setting value; on a parallel set,
    the question's mean over its cells), averaged over the seeds of ``alpha``."""
    by_alpha = _per_question_by_alpha(_rows(constant_rows(table), metric, setting, dataset))
    return _of_alpha(by_alpha, alpha, metric, setting).mean(axis=1)


def _of_alpha(by_alpha: dict[float, pd.DataFrame], alpha: float, metric: str, setting: str) -> pd.DataFrame:
    for level, values in by_alpha.items():
        if np.isclose(level, alpha):
            return values
    raise ValueError(f"no runs with alpha={alpha} for metric {metric!r}, setting {setting!r}")


def _per_question_by_alpha(rows: pd.DataFrame) -> dict[float, pd.DataFrame]:
    """Per α of per-query rows of one metric and setting: question id x run (the α's seeds; runs of one α from
    several sweeps are replicates too, as in the curves), each value the question's share of the run's setting
    value (:meth:`CellMatrix.question_shares`); questions that no run of the α has are left out."""
    return _per_question_by(rows, "alpha")


def _per_question_by(rows: pd.DataFrame, level: str) -> dict:
    """:func:`_per_question_by_alpha` with the runs grouped by ``level`` (``alpha`` or ``schedule``)."""
    rows = rows[rows["alpha"].notna()]
    level_of_run = rows.groupby("run", observed=True)[level].first().to_dict() if level != "alpha" else {}
    columns: dict = {}
    matrices = matrices_of_rows(rows)
    for (run, alpha, _seed), matrix in matrices.items():
        key = alpha if level == "alpha" else level_of_run[run]
        columns.setdefault(key, {})[run] = matrix.question_shares()
    qids = next(iter(matrices.values())).qids if matrices else []
    return {key: pd.DataFrame(runs, index=pd.Index(qids, name="qid")).rename_axis(columns="run")
            .dropna(how="all") for key, runs in sorted(columns.items())}


def _paired(a: pd.DataFrame, b: pd.DataFrame, *, alpha: float, reference: float, permutations: int,
            seed: int, draws: int = 2000) -> dict[str, float]:
    """The paired test of two α values' question x seed tables (see :func:`paired_test`)."""
    a, b = a.dropna(), b.dropna()   # questions that every seed of the α has
    common = a.index.intersection(b.index)
    if len(common) == 0:
        raise ValueError(f"alpha={alpha} and alpha={reference} share no questions")
    a_values, b_values = a.loc[common].to_numpy(dtype=float), b.loc[common].to_numpy(dtype=float)
    diff = a_values.mean(axis=1) - b_values.mean(axis=1)
    rng = np.random.default_rng(seed)
    observed = abs(diff.mean())
    signs = rng.choice([-1.0, 1.0], size=(permutations, len(diff)))
    null = np.abs((signs * diff).mean(axis=1))
    # ties count as extreme; the tolerance is relative, as RD differences are means of ranks (~10) whose
    # rounding error depends on the summation order
    p_value = (1 + int((null >= observed * (1 - 1e-9) - 1e-15).sum())) / (permutations + 1)
    # two-level bootstrap: question weights shared by both α values, each α's seeds resampled on their own
    weights = question_weights(len(common), draws, rng)
    draws_a = _seed_counts(a_values.shape[1], draws, rng) @ a_values.T    # draws x questions
    draws_b = _seed_counts(b_values.shape[1], draws, rng) @ b_values.T
    boot = ((draws_a - draws_b) * weights).sum(axis=1) / len(common)
    return {"alpha": alpha, "reference": reference, "mean_difference": float(diff.mean()),
            "low": float(np.quantile(boot, 0.025)), "high": float(np.quantile(boot, 0.975)),
            "p_value": float(p_value), "questions": len(common),
            "seeds": int(min(a_values.shape[1], b_values.shape[1]))}


def paired_test(table: pd.DataFrame, *, metric: str, setting: str, alpha: float, reference: float,
                dataset: str | None = None, permutations: int = 10_000, seed: int = 0) -> dict[str, float]:
    """Two-sided paired sign-flip randomisation test of α against a reference α on the same questions.

    Returns:
        dict with mean_difference (α − reference), its 95% two-level bootstrap CI (low, high: questions and
        seeds), p_value (sign-flip over questions, seeds held fixed), the number of paired questions and the
        smaller number of seeds of the two α values.
    """
    by_alpha = _per_question_by_alpha(_rows(constant_rows(table), metric, setting, dataset))
    a, b = (_of_alpha(by_alpha, level, metric, setting) for level in (alpha, reference))
    return _paired(a, b, alpha=alpha, reference=reference, permutations=permutations, seed=seed)


def comparison_table(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                     references: tuple[float, ...] = (0.5, 0.0, 1.0), permutations: int = 10_000) -> pd.DataFrame:
    """Paired tests of every α against each reference α (α = 0.5 and the endpoints by default).

    The per-question values of every α are computed once (a sweep's table holds millions of per-query rows).
    """
    try:
        by_alpha = _per_question_by_alpha(_rows(constant_rows(table), metric, setting, dataset))
    except ValueError:  # no per-query rows of this metric and setting: nothing to compare
        return pd.DataFrame()
    alphas = sorted(by_alpha)
    records = []
    for reference in references:
        match = [a for a in alphas if np.isclose(reference, a)]
        if not match:
            continue
        for alpha in alphas:
            if np.isclose(alpha, reference):
                continue
            result = _paired(by_alpha[alpha], by_alpha[match[0]], alpha=float(alpha), reference=reference,
                             permutations=permutations, seed=0)
            records.append({"setting": setting, "metric": metric, **result})
    return pd.DataFrame(records)


def schedule_comparisons(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                         references: tuple[float, ...] = (0.5, 0.0, 1.0), permutations: int = 10_000
                         ) -> pd.DataFrame:
    """Paired tests of every α *schedule* against each reference constant α on the same questions.

    The same test as :func:`comparison_table` (sign-flip p over questions, two-level bootstrap interval over
    questions and seeds), with the schedule's runs in place of an α's. Valid when both were trained with the same
    settings on the same data (e.g. a schedule sweep that reused a constant-α archive).

    Returns:
        Columns ``setting, metric, schedule, alpha (the schedule's mean α), reference, mean_difference, low, high,
        p_value, questions, seeds``; empty when the table has no schedules or no reference α.
    """
    columns = ["setting", "metric", "schedule", "alpha", "reference", "mean_difference", "low", "high", "p_value",
               "questions", "seeds"]
    varied = schedule_rows(table)
    if varied.empty:
        return pd.DataFrame(columns=columns)
    try:
        by_schedule = _per_question_by(_rows(varied, metric, setting, dataset), "schedule")
        by_alpha = _per_question_by_alpha(_rows(constant_rows(table), metric, setting, dataset))
    except ValueError:  # no per-query rows of this metric and setting
        return pd.DataFrame(columns=columns)
    mean_alpha = varied.groupby("schedule", observed=True)["alpha"].first().to_dict()
    records = []
    for reference in references:
        match = [a for a in by_alpha if np.isclose(reference, a)]
        if not match:
            continue
        for schedule, values in by_schedule.items():
            result = _paired(values, by_alpha[match[0]], alpha=float(mean_alpha[schedule]), reference=reference,
                             permutations=permutations, seed=0)
            records.append({"setting": setting, "metric": metric, "schedule": str(schedule), **result})
    return pd.DataFrame(records, columns=columns)


# ----- recipes and the Pareto view --------------------------------------------------------------------------------
def recipe_labels(frame: pd.DataFrame) -> pd.Series:
    """The recipe of every row: how the model was made and how its index was treated.

    ``α=0.5`` for a constant α, ``linear:0-1`` for an α schedule, ``untuned`` for the untuned model, each followed by
    `` + <remedy>`` when an index-side remedy other than ``none`` was applied (a ``debias`` column).
    """
    # labelled once per distinct (alpha, schedule, debias), then spread: strings built per row of a table of millions
    # of per-query rows took gigabytes
    keys = [c for c in ("alpha", "schedule", "debias") if c in frame.columns]
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in keys:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        combined = combined * max(len(uniques), 1) + codes
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    distinct = frame.iloc[first]
    alpha = distinct["alpha"]
    constant = distinct["schedule"] == constant_spellings(alpha) if "schedule" in distinct.columns else alpha.notna()
    base = np.where(alpha.isna(), "untuned",
                    np.where(constant, "α=" + distinct.get("schedule", alpha.astype(str)).astype(str),
                             distinct.get("schedule", alpha.astype(str)).astype(str)))
    labels = pd.Series(base, index=distinct.index, dtype=object)
    if "debias" in distinct.columns:
        remedy = distinct["debias"].fillna("none").astype(str)
        labels = labels.where(remedy == "none", labels + " + " + remedy)
    return pd.Series(labels.to_numpy(dtype=object)[inverse.reshape(-1)], index=frame.index, dtype=object)


#: Columns of a recipe table (:func:`recipe_points`, :func:`recipe_means`), in order.
RECIPE_COLUMNS: tuple[str, ...] = ("recipe", "kind", "alpha", "x", "x_low", "x_high", "y", "y_low", "y_high", "bias",
                                   "runs", "pareto")


def _recipe_rows(table: pd.DataFrame, dataset: str | None) -> pd.DataFrame:
    rows = select(table, dataset=dataset)
    if rows.empty:
        raise ValueError("no rows to make recipe points from" + (f" (dataset {dataset!r})" if dataset else ""))
    return rows.assign(recipe=recipe_labels(rows))


def _recipe_record(recipe: str, part: pd.DataFrame, *, bias_metric: str | None, bias_setting: str) -> dict:
    """What a recipe is (kind, α) and its bias (cell means of ``bias_metric`` in ``bias_setting``)."""
    alpha = part["alpha"].iloc[0]
    remedy = str(part["debias"].iloc[0]) if "debias" in part.columns else "none"
    kind = "untuned" if pd.isna(alpha) else ("constant" if recipe.startswith("α=") else "schedule")
    bias_rows = part[part["metric"] == bias_metric] if bias_metric else part.iloc[:0]
    bias = setting_means(bias_rows, metric=bias_metric).get(bias_setting, np.nan) if len(bias_rows) else np.nan
    return {"recipe": recipe, "kind": kind if remedy == "none" else f"{kind} + remedy", "alpha": float(alpha),
            "bias": bias}


def _recipe_table(records: list[dict]) -> pd.DataFrame:
    """Records as a recipe table: the Pareto front marked, sorted by kind (constants, schedules, untuned; each
    without, then with a remedy) then α."""
    points = pd.DataFrame(records, columns=[c for c in RECIPE_COLUMNS if c != "pareto"])
    points["pareto"] = pareto_front(points["x"].to_numpy(), points["y"].to_numpy())
    order = {"constant": 0, "schedule": 1, "untuned": 2}
    points["_order"] = [order.get(str(k).split(" ")[0], 3) + (0.5 if "remedy" in str(k) else 0)
                        for k in points["kind"]]
    points = points.sort_values(["_order", "alpha", "recipe"]).drop(columns="_order").reset_index(drop=True)
    return points[list(RECIPE_COLUMNS)]


def recipe_points(table: pd.DataFrame, *, metric: str = "AP@20", x_setting: str = "multilingual",
                  y_setting: str = "monolingual", bias_metric: str | None = "LangShare@10",
                  bias_setting: str = "monolingual", dataset: str | None = None, confidence: float = 0.95,
                  draws: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Every recipe of a table (constant α, α schedule, untuned; each with or without an index-side remedy) as a
    point of ``metric`` in two settings (default: multilingual vs monolingual AP@20), with bootstrap intervals over
    questions (and seeds), its bias (mean of ``bias_metric`` in ``bias_setting``; default the same-language share of
    the top 10) and whether it is on the Pareto front (no other recipe is at least as good on both axes and better on
    one).

    ``table`` needs the per-query rows of ``metric`` (the intervals resample them); the bias is read from cell means.
    :func:`recipe_means` gives the same points without intervals from cell means alone.

    Returns:
        Columns ``recipe, kind (constant / schedule / untuned, + remedy), alpha, x, x_low, x_high, y, y_low, y_high,
        bias, runs, pareto`` (:data:`RECIPE_COLUMNS`) sorted by kind then α.
    """
    rows = _recipe_rows(table, dataset)
    tail = (1 - confidence) / 2
    rng = np.random.default_rng(seed)
    records = []
    for recipe, part in rows.groupby("recipe", sort=True):
        record = _recipe_record(recipe, part, bias_metric=bias_metric, bias_setting=bias_setting)
        for axis, setting in (("x", x_setting), ("y", y_setting)):
            try:
                matrices = list(cell_matrices(part, metric=metric, setting=setting).values())
            except ValueError:  # no per-query rows: the value of the cell means, without an interval
                value, runs = _cell_mean_value(part, metric, setting)
                record.update({axis: value, f"{axis}_low": np.nan, f"{axis}_high": np.nan})
                record["runs"] = max(record.get("runs", 0), runs)
                continue
            boot = _bootstrap_point(matrices, len(matrices[0].qids), rng, draws)
            record.update({axis: float(np.mean([m.value() for m in matrices])),
                           f"{axis}_low": float(np.quantile(boot, tail)),
                           f"{axis}_high": float(np.quantile(boot, 1 - tail))})
            record["runs"] = len(matrices)
        records.append(record)
    return _recipe_table(records)


def recipe_means(table: pd.DataFrame, *, metric: str = "AP@20", x_setting: str = "multilingual",
                 y_setting: str = "monolingual", bias_metric: str | None = "LangShare@10",
                 bias_setting: str = "monolingual", dataset: str | None = None) -> pd.DataFrame:
    """:func:`recipe_points` from cell means alone (rows without ``qid``): the same recipes, values, bias and Pareto
    front, without intervals (``x_low`` ... ``y_high`` are NaN). A published sweep's cell means are a few thousand
    rows where its per-query rows are millions, so this is what a view draws first.

    Each value is the mean over the recipe's runs (seeds) of the run's setting value (the macro average over the
    setting's cells), as in :func:`recipe_points`.

    Example:
        >>> from hybrid_core.results import make_rows
        >>> rows = [{"run": "r", "query_lang": "en", "doc_lang": d, "setting": s, "value": v} for d, s, v in
        ...         (("en", "monolingual", 0.8), ("all", "multilingual", 0.5))]
        >>> means = recipe_means(make_rows(rows, model="m", alpha=0.5, seed=1, dataset="demo", metric="AP@20"))
        >>> means[["recipe", "x", "y", "runs", "pareto"]].values.tolist()
        [['α=0.5', 0.5, 0.8, 1, True]]
    """
    rows = _recipe_rows(table, dataset)
    records = []
    for recipe, part in rows.groupby("recipe", sort=True):
        record = _recipe_record(recipe, part, bias_metric=bias_metric, bias_setting=bias_setting)
        record["runs"] = 0
        for axis, setting in (("x", x_setting), ("y", y_setting)):
            value, runs = _cell_mean_value(part, metric, setting)
            record.update({axis: value, f"{axis}_low": np.nan, f"{axis}_high": np.nan})
            record["runs"] = max(record["runs"], runs)
        records.append(record)
    return _recipe_table(records)


def _cell_mean_value(part: pd.DataFrame, metric: str, setting: str) -> tuple[float, int]:
    """The mean over runs of each run's setting value from cell means (NaN without any), and the number of runs."""
    cells = aggregated(part)
    cells = cells[(cells["metric"] == metric) & (cells["setting"] == setting)]
    per_run = (cells.groupby(["run", "query_lang", "doc_lang"], observed=True)["value"].mean()
               .groupby(level="run", observed=True).mean().dropna())
    return (float(per_run.mean()) if len(per_run) else np.nan), len(per_run)


def pareto_front(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For each point, whether no other point is at least as good on both axes and strictly better on one (higher
    is better on both; a point with a NaN coordinate is never on the front).

    Example:
        >>> pareto_front(np.array([1.0, 2.0, 1.5, 0.5]), np.array([2.0, 1.0, 1.5, 0.5])).tolist()
        [True, True, True, False]
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    valid = ~(np.isnan(x) | np.isnan(y))
    front = np.zeros(len(x), dtype=bool)
    for i in np.flatnonzero(valid):
        others = valid.copy()
        others[i] = False
        dominated = (x[others] >= x[i]) & (y[others] >= y[i]) & ((x[others] > x[i]) | (y[others] > y[i]))
        front[i] = not dominated.any()
    return front


# ----- index-side remedies ------------------------------------------------------------------------------------------
def base_recipe_labels(frame: pd.DataFrame) -> pd.Series:
    """The recipe of every row without its remedy: ``untuned``, ``α=0.5`` or a schedule's spelling."""
    return recipe_labels(frame.drop(columns=["debias"], errors="ignore"))


def _subset(matrices: list[CellMatrix], query_langs: Sequence[str] | None) -> list[CellMatrix]:
    """The matrices restricted to the cells of some query languages (all cells for None); empty when none is left."""
    if query_langs is None:
        return matrices
    wanted = set(query_langs)
    out = []
    for m in matrices:
        rows = [i for i, (q, _) in enumerate(m.cells) if q in wanted]
        if rows:
            out.append(CellMatrix([m.cells[i] for i in rows], m.qids, m.values[rows]))
    if not out:
        return []
    keep = np.any([~np.isnan(m.values).all(axis=0) for m in out], axis=0)
    qids = [q for q, k in zip(out[0].qids, keep) if k]
    return [CellMatrix(m.cells, qids, m.values[:, keep]) for m in out]


def remedy_points(table: pd.DataFrame, *, measures: Sequence[tuple[str, str]],
                  languages: Mapping[str, Sequence[str]] | None = None, confidence: float = 0.95, draws: int = 1000,
                  seed: int = 0) -> pd.DataFrame:
    """Every (recipe, remedy) of a table as values of some (metric, setting) pairs, each the mean over the recipe's runs
    (seeds) with a two-level bootstrap interval over questions and seeds.

    Args:
        table: results of one evaluated dataset holding several remedies (``debias`` column).
        measures: the (metric, setting) pairs to report.
        languages: optional named subsets of query languages (e.g. ``{"covered": [...], "missing": [...]}``): each
            value is also reported over that subset (rows with ``languages`` set to its name; ``all`` otherwise).
        confidence, draws, seed: the interval (draws run through the rows in their order).

    Returns:
        Columns ``recipe, alpha, debias, debias_fit, metric, setting, languages, mean, low, high, runs, questions``.
    """
    rows = table.assign(recipe=base_recipe_labels(table))
    rng = np.random.default_rng(seed)
    tail = (1 - confidence) / 2
    subsets: list[tuple[str, Sequence[str] | None]] = [("all", None), *(languages or {}).items()]
    records = []
    order = {"untuned": -1.0}
    for (recipe, debias), part in sorted(rows.groupby(["recipe", "debias"], sort=False),
                                         key=lambda kv: (order.get(kv[0][0], float(kv[1]["alpha"].iloc[0])),
                                                         kv[0][0], kv[0][1] != "none", kv[0][1])):
        for metric, setting in measures:
            try:
                matrices = list(cell_matrices(part, metric=metric, setting=setting).values())
            except ValueError:
                continue
            for name, langs in subsets:
                chosen = _subset(matrices, langs)
                if not chosen or not chosen[0].qids:
                    continue
                boot = _bootstrap_point(chosen, len(chosen[0].qids), rng, draws)
                records.append({"recipe": recipe, "alpha": float(part["alpha"].iloc[0]), "debias": debias,
                                "debias_fit": str(part["debias_fit"].iloc[0]), "metric": metric, "setting": setting,
                                "languages": name, "mean": float(np.mean([m.value() for m in chosen])),
                                "low": float(np.nanquantile(boot, tail)), "high": float(np.nanquantile(boot, 1 - tail)),
                                "runs": len(chosen), "questions": len(chosen[0].qids)})
    return pd.DataFrame(records, columns=["recipe", "alpha", "debias", "debias_fit", "metric", "setting", "languages",
                                          "mean", "low", "high", "runs", "questions"])


def remedy_comparisons(table: pd.DataFrame, *, measures: Sequence[tuple[str, str]], reference: str = "none",
                       languages: Mapping[str, Sequence[str]] | None = None,
                       permutations: int = 10_000) -> pd.DataFrame:
    """Paired tests of every remedy against ``reference`` (default: no remedy) on the same models and questions.

    For each recipe (the untuned model, an α, a schedule) and remedy, the per-question shares of the setting value
    (averaged over the recipe's runs) are compared with the reference's: the mean difference, its two-level bootstrap
    interval (questions, and each side's seeds) and a sign-flip p over questions, as in :func:`comparison_table`.

    Returns:
        Columns ``recipe, alpha, debias, reference, metric, setting, languages, mean_difference, low, high, p_value,
        questions, seeds``.
    """
    rows = table.assign(recipe=base_recipe_labels(table))
    subsets: list[tuple[str, Sequence[str] | None]] = [("all", None), *(languages or {}).items()]
    columns = ["recipe", "alpha", "debias", "reference", "metric", "setting", "languages", "mean_difference", "low",
               "high", "p_value", "questions", "seeds"]
    records = []
    for recipe, part in rows.groupby("recipe", sort=True):
        remedies = [d for d in dict.fromkeys(part["debias"]) if d != reference]
        if reference not in set(part["debias"]) or not remedies:
            continue
        for metric, setting in measures:
            shares: dict[tuple[str, str], pd.DataFrame] = {}
            for debias in [reference, *remedies]:
                try:
                    matrices = cell_matrices(part[part["debias"] == debias], metric=metric, setting=setting)
                except ValueError:
                    continue
                for name, langs in subsets:
                    chosen = dict(zip(matrices, _subset(list(matrices.values()), langs)))
                    if chosen:
                        qids = next(iter(chosen.values())).qids
                        shares[(debias, name)] = pd.DataFrame(
                            {key[0]: m.question_shares() for key, m in chosen.items()},
                            index=pd.Index(qids, name="qid")).dropna(how="all")
            for debias in remedies:
                for name, _ in subsets:
                    if (debias, name) not in shares or (reference, name) not in shares:
                        continue
                    result = _paired(shares[(debias, name)], shares[(reference, name)], alpha=math.nan,
                                     reference=math.nan, permutations=permutations, seed=0)
                    records.append({"recipe": recipe, "alpha": float(part["alpha"].iloc[0]), "debias": debias,
                                    "reference": reference, "metric": metric, "setting": setting, "languages": name,
                                    **{k: result[k] for k in ("mean_difference", "low", "high", "p_value", "questions",
                                                              "seeds")}})
    return pd.DataFrame(records, columns=columns)
