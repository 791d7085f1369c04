"""hybrid_core.remedy_views and the remedy rules of hybrid_core.views: remedies are never mixed (seed means, labels,
curves), a remedy's choices and rows, before / after tables and their differences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hybrid_core import analysis, remedy_views, views
from hybrid_core.results import make_rows


def table_of(values: dict[tuple[str, float, int, str, str], float], *, schedule: dict[str, str] | None = None
             ) -> pd.DataFrame:
    """Per (run, α, seed, debias, debias_fit): 2 x 2 language cells of AP@20 and the pooled cells, offset by the
    value, plus one per-query row per cell of the monolingual and multilingual settings."""
    rows = []
    for (run, alpha, seed, debias, fit), offset in values.items():
        extra = {"run": run, "alpha": alpha, "seed": seed, "debias": debias, "debias_fit": fit}
        if schedule and run in schedule:
            extra["schedule"] = schedule[run]
        for x in ("de", "en"):
            for y in ("de", "en", "all"):
                setting = "multilingual" if y == "all" else "monolingual" if x == y else "cross-lingual"
                base = {"monolingual": 0.8, "cross-lingual": 0.5, "multilingual": 0.3}[setting]
                rows.append({**extra, "query_lang": x, "doc_lang": y, "setting": setting, "value": base + offset,
                             "qid": ""})
                for qid in ("q1", "q2"):
                    rows.append({**extra, "query_lang": x, "doc_lang": y, "setting": setting,
                                 "value": base + offset + (0.05 if qid == "q1" else -0.05), "qid": qid})
    return make_rows(rows, model="m", dataset="xquad-r", metric="AP@20")


@pytest.fixture
def two_remedies() -> pd.DataFrame:
    """α = 0 with 2 seeds without a remedy and with centering; the untuned model both ways."""
    return table_of({("untuned", math.nan, -1, "none", ""): -0.2, ("a0-s1", 0.0, 1, "none", ""): 0.0,
                     ("a0-s2", 0.0, 2, "none", ""): 0.02, ("untuned", math.nan, -1, "centering", "index"): -0.1,
                     ("a0-s1", 0.0, 1, "centering", "index"): 0.10, ("a0-s2", 0.0, 2, "centering", "index"): 0.14})


def test_seed_means_are_per_remedy(two_remedies):
    means = views.with_alpha_means(two_remedies)
    mean = means[(means["run"] == "α=0 · mean of 2 seeds") & (means["setting"] == "monolingual")]
    by_remedy = mean.groupby("debias")["value"].mean()
    assert by_remedy.round(4).to_dict() == {"centering": 0.92, "none": 0.81}  # never (0.81 + 0.92) / 2
    assert set(mean["debias_fit"]) == {"", "index"}


def test_seed_means_keep_a_schedule_apart_from_the_constant_of_its_mean():
    table = table_of({("a05-s1", 0.5, 1, "none", ""): 0.0, ("a05-s2", 0.5, 2, "none", ""): 0.02,
                      ("lin-s1", 0.5, 1, "none", ""): 0.2, ("lin-s2", 0.5, 2, "none", ""): 0.22},
                     schedule={"lin-s1": "linear:0-1", "lin-s2": "linear:0-1"})
    means = views.with_alpha_means(table)
    mono = means[means["setting"] == "monolingual"].groupby("run")["value"].mean().round(3)
    assert mono["α=0.5 · mean of 2 seeds"] == 0.81 and mono["linear:0-1 · mean of 2 seeds"] == 1.01


def test_seed_spread_pairs_seeds_of_the_same_remedy_only(two_remedies):
    none = remedy_views.select_remedy(views.with_alpha_means(two_remedies), "none")
    spread = views.difference_spread(none, metric="AP@20", run_a="α=0 · mean of 2 seeds", run_b="untuned")
    assert spread.set_index("setting").loc["monolingual", "difference"] == pytest.approx(0.21)
    mixed = views._seed_group(views.with_alpha_means(two_remedies).query("debias == 'none'"), "a0-s1")
    assert sorted(mixed["run"]) == ["a0-s1", "a0-s2"]


def test_remedy_choices_and_selection(two_remedies):
    assert remedy_views.remedy_choices(two_remedies) == {"none": ("none", ""), "centering": ("centering", "index")}
    refit = pd.concat([two_remedies, two_remedies.assign(debias_fit="mlqa-r@abc")[
        two_remedies["debias"] == "centering"]], ignore_index=True)
    choices = remedy_views.remedy_choices(refit)
    assert list(choices) == ["none", "centering · index", "centering · mlqa-r@abc"]
    with pytest.raises(ValueError, match="fitted on several data"):
        remedy_views.select_remedy(refit, "centering")
    assert len(remedy_views.select_remedy(refit, choices["centering · index"])) == len(
        two_remedies[two_remedies["debias"] == "centering"])


def test_before_after_means_and_table(two_remedies):
    means = views.with_alpha_means(two_remedies)
    diff = remedy_views.before_after_means(means, metric="AP@20", run="α=0 · mean of 2 seeds",
                                           remedy=("centering", "index")).set_index("setting")
    assert diff.loc["monolingual"].round(4).tolist() == [0.81, 0.92, 0.11]
    table, after, before = remedy_views.before_after_table(means, run="untuned", remedy=("centering", "index"))
    assert (after, before) == ("untuned · centering", "untuned · none")
    assert set(table["run"]) == {after, before}
    with pytest.raises(ValueError, match="no results without a remedy"):
        remedy_views.before_after_table(means[means["debias"] == "centering"], run="untuned",
                                        remedy=("centering", "index"))


def test_counterpart_of_a_seed_mean_with_other_seed_counts(two_remedies):
    three = pd.concat([two_remedies, table_of({("a0-s3", 0.0, 3, "none", ""): 0.04})], ignore_index=True)
    means = views.with_alpha_means(three)
    before = remedy_views.select_remedy(means, "none")
    after = remedy_views.select_remedy(means, ("centering", "index"))
    assert remedy_views.counterpart(before, after, "α=0 · mean of 2 seeds") == "α=0 · mean of 3 seeds"
    assert remedy_views.counterpart(before, after, "a0-s1") == "a0-s1"


def test_curves_refuse_to_mix_remedies_and_differences_join_points(two_remedies):
    with pytest.raises(ValueError, match="several remedies"):
        analysis.alpha_curve_table(two_remedies, metric="AP@20", n_boot=100)
    before = analysis.alpha_curve_table(remedy_views.select_remedy(two_remedies, "none"), metric="AP@20",
                                        n_boot=100)
    after = analysis.alpha_curve_table(remedy_views.select_remedy(two_remedies, "centering"), metric="AP@20",
                                       n_boot=100)
    joined = remedy_views.curve_differences(before, after).set_index("setting")
    assert joined.loc["monolingual", "difference"] == pytest.approx(0.11)
    assert joined.loc["monolingual", "runs before"] == 2
    with pytest.raises(ValueError, match="several remedies"):
        remedy_views.check_one_remedy(two_remedies)


def test_an_evaluation_and_its_remedies_are_one_variant(two_remedies):
    none = two_remedies[two_remedies["debias"] == "none"]
    centering = two_remedies[two_remedies["debias"] == "centering"]
    parts = [(views.variant_of("r/a0/xquad-r-sentence.parquet", none), none),
             (views.variant_of("r/a0/xquad-r-sentence--centering.parquet", centering), centering)]
    assert [p[0] for p in parts] == ["xquad-r-sentence", "xquad-r-sentence"]
    combined = views.combine(parts)
    assert set(combined["dataset"]) == {"xquad-r"}  # not two evaluations "xquad-r [centering]" ...
    assert views.variant_of("e/untuned--xquad-r--sentence--lir2.parquet",
                            pd.DataFrame({"debias": ["lir:2"]})) == "sentence"
