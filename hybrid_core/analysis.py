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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from hybrid_core.results import per_query

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
    rows = per_query(table)
    rows = rows[(rows["metric"] == metric) & (rows["setting"] == setting)]
    if dataset is not None:
        rows = rows[rows["dataset"] == dataset]
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
    """Setting value of every run: columns run, alpha, seed, setting, metric, value."""
    records = []
    for setting in settings:
        try:
            matrices = cell_matrices(table, metric=metric, setting=setting, dataset=dataset)
        except ValueError:
            continue
        for (run, alpha, seed), matrix in matrices.items():
            records.append({"run": run, "alpha": alpha, "seed": seed, "setting": setting, "metric": metric,
                            "value": matrix.value()})
    return pd.DataFrame(records, columns=["run", "alpha", "seed", "setting", "metric", "value"])


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


def alpha_curve(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                confidence: float = 0.95, draws: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Metric vs α for one setting, with a bootstrap confidence interval per α.

    Returns:
        DataFrame sorted by α with columns alpha, value (mean over seeds), low, high, seeds, seed_std
        (standard deviation across seeds; NaN for one seed), questions, and the untuned reference
        (rows with NaN α) is left out: get it with :func:`setting_values`.
    """
    matrices = cell_matrices(table, metric=metric, setting=setting, dataset=dataset)
    rng = np.random.default_rng(seed)
    by_alpha: dict[float, list[CellMatrix]] = {}
    for (_, alpha, _seed), matrix in sorted(matrices.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if not np.isnan(alpha):
            by_alpha.setdefault(alpha, []).append(matrix)
    tail = (1 - confidence) / 2
    records = []
    for alpha, group in sorted(by_alpha.items()):
        values = np.array([m.value() for m in group])
        boot = _bootstrap_point(group, len(group[0].qids), rng, draws)
        records.append({"alpha": alpha, "value": float(values.mean()), "low": float(np.quantile(boot, tail)),
                        "high": float(np.quantile(boot, 1 - tail)), "seeds": len(group),
                        "seed_std": float(values.std(ddof=1)) if len(group) > 1 else float("nan"),
                        "questions": len(group[0].qids)})
    return pd.DataFrame(records, columns=["alpha", "value", "low", "high", "seeds", "seed_std", "questions"])


def best_alpha(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
               higher_is_better: bool = True, confidence: float = 0.95, draws: int = 1000,
               seed: int = 0) -> dict[str, object]:
    """The best α of a setting and how sure we are of it.

    The α whose seed-averaged value is best; a bootstrap CI of that value; and, from the same joint
    bootstrap draws (shared question weights across α values, so the comparison is paired; each α's seeds
    resampled on their own when it has several), the share of draws in which each α is best and the smallest set
    of α values that is best in ``confidence`` of them.
    """
    matrices = cell_matrices(table, metric=metric, setting=setting, dataset=dataset)
    by_alpha: dict[float, list[CellMatrix]] = {}
    for (_, alpha, _seed), matrix in sorted(matrices.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if not np.isnan(alpha):
            by_alpha.setdefault(alpha, []).append(matrix)
    if not by_alpha:
        raise ValueError("no trained runs (rows with an α) in the table")
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
    by_alpha = _per_question_by_alpha(_rows(table, metric, setting, dataset))
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
    columns: dict[float, dict[str, np.ndarray]] = {}
    matrices = matrices_of_rows(rows[rows["alpha"].notna()])
    for (run, alpha, _seed), matrix in matrices.items():
        columns.setdefault(alpha, {})[run] = matrix.question_shares()
    qids = next(iter(matrices.values())).qids if matrices else []
    return {alpha: pd.DataFrame(runs, index=pd.Index(qids, name="qid")).rename_axis(columns="run")
            .dropna(how="all") for alpha, runs in sorted(columns.items())}


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
    by_alpha = _per_question_by_alpha(_rows(table, metric, setting, dataset))
    a, b = (_of_alpha(by_alpha, level, metric, setting) for level in (alpha, reference))
    return _paired(a, b, alpha=alpha, reference=reference, permutations=permutations, seed=seed)


def comparison_table(table: pd.DataFrame, *, metric: str, setting: str, dataset: str | None = None,
                     references: tuple[float, ...] = (0.5, 0.0, 1.0), permutations: int = 10_000) -> pd.DataFrame:
    """Paired tests of every α against each reference α (α = 0.5 and the endpoints by default).

    The per-question values of every α are computed once (a sweep's table holds millions of per-query rows).
    """
    by_alpha = _per_question_by_alpha(_rows(table, metric, setting, dataset))
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
