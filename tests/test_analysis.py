"""Sweep analysis on synthetic results tables whose answers are known by construction."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hybrid_core import analysis
from hybrid_core.results import make_rows, setting_of, summary

LANGS = ("en", "de")


def _per_query_table(values: dict[tuple[float, int], dict[tuple[str, str], dict[str, float]]],
                     metric: str = "AP@20") -> pd.DataFrame:
    """values[(alpha, seed)][(query_lang, doc_lang)][qid] -> value; also adds the aggregated rows."""
    records = []
    for (alpha, seed), cells in values.items():
        run = f"a{alpha}-s{seed}"
        for (x, y), per_q in cells.items():
            setting = setting_of(x, y)
            for qid, v in per_q.items():
                records.append({"run": run, "alpha": alpha, "seed": seed, "setting": setting, "query_lang": x,
                                "doc_lang": y, "metric": metric, "value": v, "qid": qid})
            records.append({"run": run, "alpha": alpha, "seed": seed, "setting": setting, "query_lang": x,
                            "doc_lang": y, "metric": metric, "value": float(np.mean(list(per_q.values()))),
                            "qid": ""})
    return make_rows(records, model="m", dataset="synthetic")


def _cells(base: float, qids=("q1", "q2", "q3", "q4")) -> dict[tuple[str, str], dict[str, float]]:
    """Diagonal cells = base + 0.1*i, off-diagonal = base - 0.2 + 0.1*i, multilingual = base - 0.1."""
    cells = {}
    for x in LANGS:
        for y in (*LANGS, "all"):
            offset = 0.0 if x == y else (-0.1 if y == "all" else -0.2)
            cells[(x, y)] = {q: base + offset + 0.1 * i for i, q in enumerate(qids)}
    return cells


def test_setting_values_are_macro_means_of_cells() -> None:
    table = _per_query_table({(0.5, 1): _cells(0.5)})
    values = analysis.setting_values(table, metric="AP@20").set_index("setting")["value"]
    # per cell mean over q1..q4 of base + offset + 0.1*i  = base + offset + 0.15
    assert values["monolingual"] == pytest.approx(0.65)
    assert values["cross-lingual"] == pytest.approx(0.45)
    assert values["multilingual"] == pytest.approx(0.55)
    # the same numbers as the summary pivot of the aggregated rows
    pivot = summary(table).iloc[0]
    assert pivot["monolingual"] == pytest.approx(0.65) and pivot["cross-lingual"] == pytest.approx(0.45)


def test_missing_questions_are_not_counted_as_zero() -> None:
    cells = _cells(0.5)
    del cells[("en", "de")]["q4"]  # MLQA-R: q4 has no German version
    table = _per_query_table({(0.0, 1): cells})
    value = analysis.setting_values(table, metric="AP@20").set_index("setting")["value"]["cross-lingual"]
    en_de = np.mean([0.3, 0.4, 0.5])
    de_en = np.mean([0.3, 0.4, 0.5, 0.6])
    assert value == pytest.approx((en_de + de_en) / 2)


def test_alpha_curve_means_over_seeds_and_ci_covers_value() -> None:
    table = _per_query_table({(0.0, 1): _cells(0.40), (0.0, 2): _cells(0.50),
                              (1.0, 1): _cells(0.30), (1.0, 2): _cells(0.30)})
    curve = analysis.alpha_curve(table, metric="AP@20", setting="monolingual", draws=500)
    assert list(curve["alpha"]) == [0.0, 1.0]
    first = curve.iloc[0]
    assert first["value"] == pytest.approx(0.60) and first["seeds"] == 2
    assert first["seed_std"] == pytest.approx(np.std([0.55, 0.65], ddof=1))
    assert first["low"] <= first["value"] <= first["high"]
    assert first["high"] - first["low"] > 0.05  # seeds disagree by 0.1: the interval must show it
    second = curve.iloc[1]
    assert second["low"] < second["value"] < second["high"]


def test_constant_values_give_a_zero_width_interval() -> None:
    flat = {cell: dict.fromkeys(("q1", "q2", "q3"), 0.7) for cell in _cells(0)}
    curve = analysis.alpha_curve(_per_query_table({(0.5, 1): flat}), metric="AP@20", setting="multilingual")
    assert curve.iloc[0][["value", "low", "high"]].tolist() == pytest.approx([0.7, 0.7, 0.7])


def test_best_alpha_finds_the_clear_winner() -> None:
    table = _per_query_table({(0.0, 1): _cells(0.3), (0.5, 1): _cells(0.6), (1.0, 1): _cells(0.4)})
    best = analysis.best_alpha(table, metric="AP@20", setting="cross-lingual", draws=300)
    assert best["alpha"] == 0.5 and best["value"] == pytest.approx(0.6 - 0.2 + 0.15)
    assert best["best_share"][0.5] == 1.0 and best["best_set"] == [0.5]
    lower = analysis.best_alpha(table, metric="AP@20", setting="cross-lingual", higher_is_better=False, draws=300)
    assert lower["alpha"] == 0.0


def test_paired_test_detects_a_consistent_difference_and_not_noise() -> None:
    qids = [f"q{i}" for i in range(30)]
    rng = np.random.default_rng(1)
    base = {q: float(v) for q, v in zip(qids, rng.uniform(0.2, 0.8, len(qids)))}
    better = {q: v + 0.1 for q, v in base.items()}
    cells_a = {(x, "all"): better for x in LANGS}
    cells_ref = {(x, "all"): base for x in LANGS}
    table = _per_query_table({(0.0, 1): cells_a, (0.5, 1): cells_ref})
    result = analysis.paired_test(table, metric="AP@20", setting="multilingual", alpha=0.0, reference=0.5,
                                  permutations=2000)
    assert result["mean_difference"] == pytest.approx(0.1)
    assert result["p_value"] < 0.001 and result["questions"] == 30
    assert result["low"] == pytest.approx(0.1) and result["high"] == pytest.approx(0.1)
    same = _per_query_table({(0.0, 1): cells_ref, (0.5, 1): cells_ref})
    null = analysis.paired_test(same, metric="AP@20", setting="multilingual", alpha=0.0, reference=0.5,
                                permutations=500)
    assert null["p_value"] == 1.0 and null["mean_difference"] == 0.0


def test_paired_interval_carries_seed_disagreement_the_sign_flip_test_does_not() -> None:
    # α = 0: seed 1 is 0.2 above the reference on every question, seed 2 0.1 below; mean difference +0.05.
    qids = [f"q{i}" for i in range(40)]
    rng = np.random.default_rng(2)
    base = {q: float(v) for q, v in zip(qids, rng.uniform(0.3, 0.6, len(qids)))}
    shifted = {shift: {(x, "all"): {q: v + shift for q, v in base.items()} for x in LANGS} for shift in (0.2, -0.1)}
    table = _per_query_table({(0.0, 1): shifted[0.2], (0.0, 2): shifted[-0.1],
                              (0.5, 1): {(x, "all"): base for x in LANGS}})
    result = analysis.paired_test(table, metric="AP@20", setting="multilingual", alpha=0.0, reference=0.5,
                                  permutations=2000)
    assert result["mean_difference"] == pytest.approx(0.05) and result["seeds"] == 1
    assert result["p_value"] < 0.001   # the same +0.05 on every question: certain, given these two models
    # seed draws (1, 1) -> +0.2, (2, 2) -> -0.1, mixed -> +0.05, a quarter of the draws each way
    assert result["low"] == pytest.approx(-0.1) and result["high"] == pytest.approx(0.2)
    two_seeded = _per_query_table({(0.0, 1): shifted[0.2], (0.0, 2): shifted[-0.1],
                                   (0.5, 1): {(x, "all"): base for x in LANGS},
                                   (0.5, 2): {(x, "all"): base for x in LANGS}})
    assert analysis.paired_test(two_seeded, metric="AP@20", setting="multilingual", alpha=0.0,
                                reference=0.5, permutations=200)["seeds"] == 2


def test_paired_difference_is_the_difference_of_setting_values_when_cells_hold_different_questions() -> None:
    # MLQA-R's shape: English has every question, German only q1. α = 0 gains +0.4 on (de, all) alone, so the
    # macro setting value gains (0 + 0.4) / 2 = +0.2; a question's mean over its cells would give q1 +0.2 and
    # the others 0, a mean of +0.05.
    qids = ("q1", "q2", "q3", "q4")
    reference = {("en", "all"): dict.fromkeys(qids, 0.5), ("de", "all"): {"q1": 0.5}}
    better = {("en", "all"): dict.fromkeys(qids, 0.5), ("de", "all"): {"q1": 0.9}}
    table = _per_query_table({(0.0, 1): better, (0.5, 1): reference})
    values = analysis.setting_values(table, metric="AP@20")
    by_alpha = values[values["setting"] == "multilingual"].set_index("alpha")["value"]
    assert by_alpha[0.0] - by_alpha[0.5] == pytest.approx(0.2)
    result = analysis.paired_test(table, metric="AP@20", setting="multilingual", alpha=0.0, reference=0.5,
                                  permutations=200)
    assert result["mean_difference"] == pytest.approx(0.2) and result["questions"] == 4
    shares = analysis.per_question_values(table, metric="AP@20", setting="multilingual", alpha=0.0)
    assert shares.mean() == pytest.approx(by_alpha[0.0])


def test_question_shares_weight_each_value_by_its_cells_question_count() -> None:
    # the MLQA-R shape above: (en, all) holds q1..q4 at 0.5, (de, all) only q1 at 0.9; 2 cells, 4 questions
    table = _per_query_table({(0.0, 1): {("en", "all"): dict.fromkeys(("q1", "q2", "q3", "q4"), 0.5),
                                         ("de", "all"): {"q1": 0.9}}, (0.0, 2): {("de", "all"): {"q2": 0.4}}})
    matrices = analysis.cell_matrices(table, metric="AP@20", setting="multilingual")
    first, second = matrices[("a0.0-s1", 0.0, 1)], matrices[("a0.0-s2", 0.0, 2)]
    assert first.cells == [("de", "all"), ("en", "all")] and first.qids == ["q1", "q2", "q3", "q4"]
    np.testing.assert_allclose(first.question_shares(), [(0.5 / 8 + 0.9 / 2) * 4, 0.25, 0.25, 0.25])
    assert first.question_shares().mean() == pytest.approx(first.value()) == pytest.approx(0.7)
    np.testing.assert_allclose(second.question_shares(), [np.nan, 0.4, np.nan, np.nan])  # q2 alone was asked
    with pytest.raises(ValueError, match="question 'q1' is not in the given question order"):
        analysis.cell_matrices(table, metric="AP@20", setting="multilingual", qids=["q2", "q3", "q4"])


def test_runs_of_one_alpha_and_seed_from_two_sweeps_are_replicates_not_summed() -> None:
    # the dashboard can pool two sweeps' files, each with an α = 0.5, seed-1 run: they are two replicates of
    # α = 0.5 (as in the curves), not one run whose shares add up
    table = _per_query_table({(0.0, 1): _cells(0.3), (0.5, 1): _cells(0.6)})
    twin = table[table["alpha"] == 0.5].assign(run="a0.5-s1 [other sweep]")
    twin = twin.assign(value=twin["value"] + 0.2)
    result = analysis.paired_test(pd.concat([table, twin]), metric="AP@20", setting="monolingual", alpha=0.0,
                                  reference=0.5, permutations=10)
    assert result["mean_difference"] == pytest.approx(0.3 - 0.7)


def test_best_alpha_win_shares_resample_each_alphas_seeds() -> None:
    # α = 0: seeds at 0.7 and 0.3 (mean 0.5); α = 0.5: one seed at 0.45. α = 0 is best by its mean, but it
    # loses every draw that picks its weak seed twice (a quarter of them).
    table = _per_query_table({(0.0, 1): _cells(0.70), (0.0, 2): _cells(0.30), (0.5, 1): _cells(0.45)})
    best = analysis.best_alpha(table, metric="AP@20", setting="monolingual", draws=4000)
    assert best["alpha"] == 0.0
    assert best["best_share"][0.0] == pytest.approx(0.75, abs=0.03)
    assert best["best_set"] == [0.0, 0.5]
    # seed means 0.85 and 0.45 (= base + 0.15): the interval spans the seeds, not only the 4 questions (~0.2)
    assert best["low"] < 0.5 < best["high"] and best["high"] - best["low"] > 0.35


def test_comparison_table_against_reference_and_endpoints() -> None:
    table = _per_query_table({(0.0, 1): _cells(0.3), (0.5, 1): _cells(0.6), (1.0, 1): _cells(0.4)})
    comparisons = analysis.comparison_table(table, metric="AP@20", setting="monolingual", permutations=200)
    pairs = set(zip(comparisons["alpha"], comparisons["reference"]))
    assert pairs == {(0.0, 0.5), (1.0, 0.5), (0.5, 0.0), (1.0, 0.0), (0.0, 1.0), (0.5, 1.0)}
    row = comparisons[(comparisons["alpha"] == 0.0) & (comparisons["reference"] == 0.5)].iloc[0]
    assert row["mean_difference"] == pytest.approx(-0.3)


def test_unknown_setting_and_missing_metric_are_explained() -> None:
    table = _per_query_table({(0.5, 1): _cells(0.5)})
    with pytest.raises(ValueError, match="unknown setting 'mono'"):
        analysis.alpha_curve(table, metric="AP@20", setting="mono")
    with pytest.raises(ValueError, match=r"no per-query rows for metric .R@1.*metrics present: \[.AP@20.\]"):
        analysis.alpha_curve(table, metric="R@1", setting="monolingual")
    assert math.isnan(analysis.alpha_curve(table, metric="AP@20", setting="monolingual").iloc[0]["seed_std"])


def test_question_weights_are_resampling_counts():
    weights = analysis.question_weights(50, 4000, np.random.default_rng(0))
    assert weights.shape == (4000, 50)
    assert (weights.sum(axis=1) == 50).all() and (weights >= 0).all()
    # each question is drawn Binomial(50, 1/50) times: mean 1, variance 0.98
    assert weights.mean() == pytest.approx(1.0) and weights.var() == pytest.approx(0.98, abs=0.03)
    again = analysis.question_weights(50, 4000, np.random.default_rng(0))
    np.testing.assert_array_equal(weights, again)


# ----- α schedules ----------------------------------------------------------------------------------------------
def _with_schedule(table: pd.DataFrame, schedule: str, alpha: float, base: float, seeds=(1, 2)) -> pd.DataFrame:
    """``table`` plus runs of an α schedule (mean ``alpha``) whose cells are ``_cells(base)``."""
    extra = _per_query_table({(alpha, seed): _cells(base) for seed in seeds})
    extra["schedule"] = schedule
    extra["run"] = [f"{schedule}-s{seed}" for seed in extra["seed"]]
    return pd.concat([table, extra], ignore_index=True)


def test_schedules_are_points_beside_the_constant_curve_not_on_it() -> None:
    constants = _per_query_table({(a, s): _cells(0.4 + 0.1 * a) for a in (0.0, 0.5, 1.0) for s in (1, 2)})
    table = _with_schedule(constants, "linear:0-1", 0.5, 0.9)   # same mean α as the constant 0.5, far better
    curve = analysis.alpha_curve_table(table, metric="AP@20", settings=["monolingual"])
    alone = analysis.alpha_curve_table(constants, metric="AP@20", settings=["monolingual"])
    pd.testing.assert_frame_equal(curve, alone)  # the schedule's runs are not averaged into α = 0.5
    points = analysis.schedule_points(table, metric="AP@20", settings=["monolingual"])
    assert points[["schedule", "alpha", "n_runs"]].to_dict("records") == [
        {"schedule": "linear:0-1", "alpha": 0.5, "n_runs": 2}]
    assert points["mean"].iloc[0] == pytest.approx(0.9 + 0.15)  # diagonal cells: base + mean(0, .1, .2, .3)
    assert analysis.schedule_points(constants, metric="AP@20").empty
    assert analysis.curve_alphas(table) == [0.0, 0.5, 1.0]
    best = analysis.best_alpha(table, metric="AP@20", setting="monolingual", draws=200)
    assert best["alpha"] == 1.0 and set(best["best_share"]) == {0.0, 0.5, 1.0}


def test_schedule_comparisons_pair_a_schedule_with_each_reference_alpha() -> None:
    constants = _per_query_table({(a, s): _cells(0.4 + 0.1 * a) for a in (0.0, 0.5, 1.0) for s in (1, 2)})
    table = _with_schedule(constants, "step:0-1@0.5", 0.5, 0.5)
    tests = analysis.schedule_comparisons(table, metric="AP@20", setting="monolingual", permutations=200)
    assert tests["reference"].tolist() == [0.5, 0.0, 1.0]
    assert set(tests["schedule"]) == {"step:0-1@0.5"} and set(tests["alpha"]) == {0.5}
    # the schedule's cells are _cells(0.5); constant α's are _cells(0.4 + 0.1 α): differences 0.05, 0.1, 0
    assert tests["mean_difference"].tolist() == pytest.approx([0.05, 0.1, 0.0])
    # the constant α = 0.5 comparisons are unchanged by the schedule beside them
    pd.testing.assert_frame_equal(analysis.comparison_table(table, metric="AP@20", setting="monolingual",
                                                            permutations=200),
                                  analysis.comparison_table(constants, metric="AP@20", setting="monolingual",
                                                            permutations=200))
