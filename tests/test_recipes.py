"""Recipes and the Pareto view: hybrid_core.analysis.recipe_points / recipe_means / pareto_front on hand-made
tables, and hybrid_core.views' reading of a sweep's recipes (evaluation groups, the cached recipe table, schedules
kept apart from the constant α equal to their mean in seed means and run labels)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hybrid_core import analysis, views
from hybrid_core.results import make_rows, setting_of, write_results

LANGS = ("en", "de")
QIDS = tuple(f"q{i}" for i in range(10))


def run_rows(run: str, alpha: float, schedule: str, seed: int, *, mono: float, multi: float, share: float,
             debias: str = "none") -> pd.DataFrame:
    """Per-query and cell rows of one run: AP@20 of every cell (monolingual cells around ``mono``, pooled cells
    around ``multi``, cross-lingual cells 0.1 below ``mono``) and LangShare@10 (``share`` on the diagonal)."""
    rng = np.random.default_rng(seed + int(mono * 1000))
    records = []
    for x in LANGS:
        for y in (*LANGS, "all"):
            setting = setting_of(x, y)
            centre = {"monolingual": mono, "cross-lingual": mono - 0.1, "multilingual": multi}[setting]
            values = np.clip(centre + rng.normal(0, 0.03, len(QIDS)), 0, 1)
            cells = [("AP@20", values)]
            if y != "all":
                cells.append(("LangShare@10", np.full(len(QIDS), share if x == y else 1 - share)))
            for metric, per_q in cells:
                records += [{"setting": setting, "query_lang": x, "doc_lang": y, "metric": metric, "value": float(v),
                             "qid": q} for q, v in zip(QIDS, per_q)]
                records.append({"setting": setting, "query_lang": x, "doc_lang": y, "metric": metric,
                                "value": float(np.mean(per_q)), "qid": ""})
    table = make_rows(records, run=run, model="m", alpha=alpha, seed=seed, dataset="demo", debias=debias,
                      debias_fit="index" if debias != "none" else "")
    table["schedule"] = schedule
    return table


#: (run stem, α, schedule, mono, multi, LangShare): a hand-made sweep whose front is known.
RECIPES = [("a0.00", 0.0, "0", 0.70, 0.60, 0.20),    # best multilingual: on the front
           ("a0.50", 0.5, "0.5", 0.75, 0.55, 0.25),  # on the front (neither beats it on both axes)
           ("a1.00", 1.0, "1", 0.80, 0.40, 0.30),    # best monolingual: on the front
           ("linear-0-1", 0.5, "linear:0-1", 0.72, 0.50, 0.22)]  # beaten by α=0.5 on both axes


def sweep_rows(seeds=(1, 2)) -> pd.DataFrame:
    parts = [run_rows(f"{stem}-s{seed}", alpha, schedule, seed, mono=mono, multi=multi, share=share)
             for stem, alpha, schedule, mono, multi, share in RECIPES for seed in seeds]
    parts.append(run_rows("untuned", math.nan, "", -1, mono=0.82, multi=0.20, share=0.7))
    parts.append(run_rows("a0.00-s1", 0.0, "0", 1, mono=0.72, multi=0.45, share=0.1, debias="centering"))
    return pd.concat(parts, ignore_index=True)


def test_pareto_front_of_a_hand_made_table():
    x = np.array([0.6, 0.55, 0.4, 0.5, 0.2, np.nan, 0.6])
    y = np.array([0.7, 0.75, 0.8, 0.74, 0.82, 0.9, 0.7])
    # a tie on both axes does not dominate (0 and 6); 3 is beaten by 1; NaN is never on the front
    assert analysis.pareto_front(x, y).tolist() == [True, True, True, False, True, False, True]


def test_recipe_means_marks_the_front_of_a_hand_made_sweep():
    means = analysis.recipe_means(sweep_rows()).set_index("recipe")
    assert list(means.index) == ["α=0", "α=0.5", "α=1", "α=0 + centering", "linear:0-1", "untuned"]
    assert means["kind"].to_dict() == {"α=0": "constant", "α=0.5": "constant", "α=1": "constant",
                                       "linear:0-1": "schedule", "α=0 + centering": "constant + remedy",
                                       "untuned": "untuned"}
    assert means["pareto"].to_dict() == {"α=0": True, "α=0.5": True, "α=1": True, "linear:0-1": False,
                                         "α=0 + centering": False, "untuned": True}
    assert means.loc["linear:0-1", "alpha"] == 0.5 and means.loc["α=0.5", "runs"] == 2
    assert means.loc["α=0 + centering", "runs"] == 1
    assert means["bias"].round(6).to_dict() == {"α=0": 0.2, "α=0.5": 0.25, "α=1": 0.3, "linear:0-1": 0.22,
                                                "α=0 + centering": 0.1, "untuned": 0.7}
    assert means[["x_low", "x_high", "y_low", "y_high"]].isna().all().all()


def test_recipe_means_equal_recipe_points_without_the_intervals():
    table = sweep_rows()
    means = analysis.recipe_means(table[table["qid"] == ""])  # cell means alone
    points = analysis.recipe_points(table, draws=200)
    pd.testing.assert_frame_equal(means.drop(columns=["x_low", "x_high", "y_low", "y_high"]),
                                  points.drop(columns=["x_low", "x_high", "y_low", "y_high"]), check_dtype=False)
    assert ((points["x_low"] <= points["x"]) & (points["x"] <= points["x_high"])).all()
    assert (points["y_low"] < points["y_high"]).all()
    # a different hand-made value moves the point: the means are not a constant
    shifted = table.copy()
    shifted.loc[(shifted["run"] == "untuned") & (shifted["setting"] == "monolingual"), "value"] -= 0.1
    moved = analysis.recipe_means(shifted).set_index("recipe")
    assert moved.loc["untuned", "y"] == pytest.approx(means.set_index("recipe").loc["untuned", "y"] - 0.1)
    assert not moved.loc["untuned", "pareto"]  # 0.72 monolingual is beaten by α=1 on both axes


def test_the_pareto_figure_says_when_it_has_no_intervals_and_colours_fairness_the_right_way():
    from hybrid_core import figures

    table = sweep_rows()
    means = analysis.recipe_means(table)
    fig = figures.pareto_figure(means)
    assert "means over seeds (no intervals)" in fig.layout.title.text
    assert "95 % intervals" in figures.pareto_figure(analysis.recipe_points(table, draws=100)).layout.title.text
    names = [t.name for t in fig.data]
    assert names == ["constant α (the dial)", "constant", "constant + remedy", "schedule", "untuned"]
    biased_red = fig.data[1].marker.colorscale
    fairer = figures.pareto_figure(means, bias_higher_is_better=True).data[1].marker.colorscale
    assert biased_red != fairer and biased_red[-1][1] == fairer[0][1]  # the same scale, reversed


# ----- reading a sweep's recipes (hybrid_core.views) ------------------------------------------------------------------
def test_evaluation_groups_put_remedies_with_their_evaluation_main_first():
    paths = ["r/a0-s1/xq-sentence.parquet", "r/a0-s1/xq-sentence--centering.parquet", "r/a1-s1/xq-sentence.parquet",
             "r/a0-s1/xq-sentence-context.parquet"]
    groups = views.evaluation_groups(paths)
    assert list(groups) == ["xq-sentence", "xq-sentence-context"]
    assert groups["xq-sentence"] == sorted(paths[:3])


def write_sweep(folder: Path) -> list[Path]:
    table = sweep_rows()
    written = []
    for (run, debias), part in table.groupby(["run", "debias"]):
        name = "demo-sentence" + ("" if debias == "none" else f"--{debias}")
        written.append(write_results(part, folder / "results" / run / f"{name}.parquet"))
    return written


def test_read_recipe_points_reads_the_files_and_caches_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("HBL_CACHE_DIR", str(tmp_path / "cache"))
    paths = write_sweep(tmp_path / "sweep")
    assert not views.recipe_points_cached(paths)
    points = views.read_recipe_points(paths, draws=200)
    expected = analysis.recipe_points(sweep_rows(), draws=200)
    pd.testing.assert_frame_equal(points, expected, check_dtype=False)
    assert views.recipe_points_cached(paths, draws=200) and not views.recipe_points_cached(paths, draws=300)
    assert len(list(views.recipe_cache_dir().glob("*.parquet"))) == 1
    # a cached table is what is read back (the cache file is the answer) ...
    cached = next(views.recipe_cache_dir().glob("*.parquet"))
    marked = points.assign(runs=99)
    marked.to_parquet(cached, index=False)
    assert (views.read_recipe_points(paths, draws=200)["runs"] == 99).all()
    # ... until a file is rewritten: another key, computed again
    write_results(pd.read_parquet(paths[0]), paths[0])
    assert not views.recipe_points_cached(paths, draws=200)
    pd.testing.assert_frame_equal(views.read_recipe_points(paths, draws=200), expected, check_dtype=False)
    with pytest.raises(ValueError, match="bias measure 'RD' is not one of LangShare@10, PEER@20"):
        views.read_recipe_points(paths, bias_metric="RD")


def test_seed_means_and_run_labels_keep_a_schedule_apart_from_its_mean_alpha():
    table = sweep_rows()
    means = views.with_alpha_means(table[table["debias"] == "none"])
    names = set(means.loc[means["model"] == views.MEAN_MODEL, "run"])
    assert names == {"α=0 · mean of 2 seeds", "α=0.5 · mean of 2 seeds", "α=1 · mean of 2 seeds",
                     "linear:0-1 · mean of 2 seeds"}
    half = means[(means["run"] == "α=0.5 · mean of 2 seeds") & (means["metric"] == "LangShare@10")
                 & (means["setting"] == "monolingual")]
    assert half["value"].round(6).unique().tolist() == [0.25]  # the constant's seeds only, not the schedule's 0.22
    labels = views.run_choices(means)
    assert labels["linear-0-1-s1"] == "linear-0-1-s1 (linear:0-1, mean α=0.5, seed 1)"
    assert labels["a0.50-s1"] == "a0.50-s1 (α=0.5, seed 1)"
    assert views.default_run(list(labels), means) == "α=0.5 · mean of 2 seeds"
    spread = views.difference_spread(means, metric="AP@20", run_a="linear:0-1 · mean of 2 seeds",
                                     run_b="α=0.5 · mean of 2 seeds")
    assert set(spread["how"]) == {"paired by seed"}  # the schedule's seeds 1, 2 vs the constant's, not one group


def test_a_recipe_without_per_query_rows_keeps_its_value_without_an_interval():
    table = sweep_rows()
    no_rows = (table["run"] == "untuned") & (table["qid"] != "")
    points = analysis.recipe_points(table[~no_rows], draws=100).set_index("recipe")
    means = analysis.recipe_means(table).set_index("recipe")
    assert points.loc["untuned", ["x", "y"]].tolist() == pytest.approx(means.loc["untuned", ["x", "y"]].tolist())
    assert points.loc["untuned", ["x_low", "y_high"]].isna().all() and points.loc["untuned", "pareto"]
    assert points.loc["untuned", "runs"] == 1 and points.loc["α=0", ["x_low", "y_low"]].notna().all()
