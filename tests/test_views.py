"""hybrid_core.views: cell-mean reads (and their per-file cache), seed means, the seed spread of a difference, the main
evaluation, evaluation labels, and the published headline (on the checkout's docs/results)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from hybrid_core import views
from hybrid_core.results import make_rows, read_results, write_results


def table_of(values: dict[tuple[str, float, int], float], *, dataset: str = "demo") -> pd.DataFrame:
    """A tiny results table: per run (name, α, seed) two languages' cells of AP@20 with the given offset, and one
    per-query row."""
    rows = []
    for (run, alpha, seed), offset in values.items():
        for x in ("de", "en"):
            for y in ("de", "en"):
                rows.append({"run": run, "alpha": alpha, "seed": seed, "query_lang": x, "doc_lang": y,
                             "setting": "monolingual" if x == y else "cross-lingual",
                             "value": (0.8 if x == y else 0.5) + offset, "qid": ""})
            rows.append({"run": run, "alpha": alpha, "seed": seed, "query_lang": x, "doc_lang": "all",
                         "setting": "multilingual", "value": 0.3 + offset, "qid": ""})
        rows.append({"run": run, "alpha": alpha, "seed": seed, "query_lang": "de", "doc_lang": "de",
                     "setting": "monolingual", "value": 1.0, "qid": "q1"})
    return make_rows(rows, model="m", dataset=dataset, metric="AP@20")


@pytest.fixture
def sweep_table() -> pd.DataFrame:
    return table_of({("untuned", math.nan, -1): -0.2, ("a0-s1", 0.0, 1): 0.00, ("a0-s2", 0.0, 2): 0.02,
                     ("a0-s3", 0.0, 3): 0.04, ("a1-s1", 1.0, 1): 0.01, ("a1-s2", 1.0, 2): 0.01,
                     ("a1-s3", 1.0, 3): 0.07})


def test_read_cell_means_uses_a_per_file_cache(tmp_path, monkeypatch, sweep_table):
    monkeypatch.setenv("HBL_CACHE_DIR", str(tmp_path / "cache"))
    path = write_results(sweep_table, tmp_path / "results.parquet")
    first = views.read_cell_means(path)
    assert (first["qid"] == "").all() and len(first) == len(sweep_table) - 7
    pd.testing.assert_frame_equal(first, read_results(path).query("qid == ''").reset_index(drop=True))
    cached = list(views.cell_means_cache_dir().glob("*.parquet"))
    assert len(cached) == 1
    pd.testing.assert_frame_equal(views.read_cell_means(path), first)
    cached[0].write_bytes(b"broken")  # a broken cache file is rebuilt, not shown
    pd.testing.assert_frame_equal(views.read_cell_means(path), first)
    write_results(sweep_table[sweep_table["run"] != "untuned"], path)  # a rewritten file gets a new entry
    assert "untuned" not in set(views.read_cell_means(path)["run"])
    csv = write_results(sweep_table, tmp_path / "results.csv")
    assert len(views.read_cell_means(csv, use_cache=False)) == len(first)
    metric_rows = views.read_metric_rows(path, "AP@20")
    assert (metric_rows["qid"] != "").sum() == 6
    with pytest.raises(FileNotFoundError, match="results file not found"):
        views.read_cell_means(tmp_path / "missing.parquet")


def test_alpha_means_average_the_seeds(sweep_table):
    table = views.with_alpha_means(sweep_table)
    assert (table["qid"] == "").all()
    means = table[table["model"] == views.MEAN_MODEL]
    assert set(means["run"]) == {"α=0 · mean of 3 seeds", "α=1 · mean of 3 seeds"}
    cell = means[(means["run"] == "α=1 · mean of 3 seeds") & (means["setting"] == "multilingual")]["value"]
    assert cell.round(6).tolist() == [0.33, 0.33]
    choices = views.run_choices(table)
    assert list(choices) == ["untuned", "α=0 · mean of 3 seeds", "a0-s1", "a0-s2", "a0-s3",
                             "α=1 · mean of 3 seeds", "a1-s1", "a1-s2", "a1-s3"]
    assert choices["a1-s2"] == "a1-s2 (α=1, seed 2)" and choices["untuned"] == "untuned (untuned)"
    assert views.default_run(list(choices), table) == "α=0 · mean of 3 seeds"


def test_difference_spread(sweep_table):
    table = views.with_alpha_means(sweep_table)
    spread = views.difference_spread(table, metric="AP@20", run_a="α=1 · mean of 3 seeds",
                                     run_b="α=0 · mean of 3 seeds").set_index("setting")
    # per-seed differences 0.01, -0.01, 0.03: mean 0.01, std 0.02
    assert spread.loc["monolingual", "difference"] == pytest.approx(0.01)
    assert spread.loc["monolingual", "seed_std"] == pytest.approx(0.02)
    assert spread.loc["monolingual", "how"] == "paired by seed" and spread.loc["monolingual", "seeds"] == 3
    single = views.difference_spread(table, metric="AP@20", run_a="a1-s2", run_b="untuned").set_index("setting")
    assert single.loc["cross-lingual", "difference"] == pytest.approx(0.21)
    assert single.loc["cross-lingual", "seed_std"] == pytest.approx(0.034641, abs=1e-6)  # α = 1's seeds
    assert single.loc["cross-lingual", "how"] == "seeds apart"
    one = table_of({("x", 0.5, 1): 0.0, ("untuned", math.nan, -1): 0.0})
    lonely = views.difference_spread(one, metric="AP@20", run_a="x", run_b="untuned")
    assert lonely["seed_std"].isna().all() and set(lonely["how"]) == {"one run each"}
    with pytest.raises(ValueError, match="run 'nope' is not in the table"):
        views.difference_spread(table, metric="AP@20", run_a="nope", run_b="untuned")


def test_main_evaluation_and_labels(sweep_table):
    context = table_of({("a0-s3", 0.0, 3): 0.0, ("untuned", math.nan, -1): 0.0}, dataset="xquad-r [xquad-r-sentence-"
                       "context]")
    sentence = sweep_table.assign(dataset="xquad-r [xquad-r-sentence]")
    both = pd.concat([context, sentence], ignore_index=True)
    assert views.main_evaluation(both) == "xquad-r [xquad-r-sentence]"
    assert views.evaluation_label("xquad-r [xquad-r-sentence-context]") == "xquad-r · sentence-context"
    assert views.evaluation_label("xquad-r [xquad-r-sentence]", both) == "xquad-r · sentence · 7 runs"
    assert views.evaluation_label("demo") == "demo"


def test_published_headline_of_the_checkout(monkeypatch):
    monkeypatch.delenv("HBL_PUBLISHED_RESULTS", raising=False)
    headline = views.published_headline()
    if headline is None:
        pytest.skip("this checkout has no docs/results")
    assert (headline.sweep, headline.evaluation) == ("budget-s300", "xquad-r-sentence")
    assert set(headline.curves["setting"]) == {"monolingual", "cross-lingual", "multilingual"}
    assert headline.seeds == {a: 3 for a in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0)}
    assert headline.reference["multilingual"] == pytest.approx(0.2487, abs=1e-4)
    assert headline.best["multilingual"]["alpha"] == 0.0 and headline.best["cross-lingual"]["alpha"] == 0.5
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", "")
    assert views.published_headline() is None


def test_combine_labels_like_merge_variants_and_apply_to_a_subset(sweep_table):
    from hybrid_core.figures import disambiguate_runs, merge_variants

    other_model = sweep_table[sweep_table["run"] == "untuned"].assign(model="other")
    parts = [("sentence", sweep_table), ("context", sweep_table[sweep_table["run"] == "a0-s1"]),
             ("other", other_model)]
    merged = views.combine(parts)
    pd.testing.assert_frame_equal(merged, disambiguate_runs(merge_variants(parts)))
    assert {"demo [sentence]", "demo [context]", "demo [other]"} == set(merged["dataset"])
    assert {"untuned [m]", "untuned [other]"} <= set(merged["run"])
    labels = views.labels_of(parts)
    subset = [(v, p[p["qid"] != ""]) for v, p in parts]  # one metric's per-query rows: the same names
    assert set(views.combine(subset, labels)["dataset"]) == set(merged["dataset"])


def test_published_report_tables_of_the_checkout(monkeypatch):
    from hybrid_core.archive import published_archives

    monkeypatch.delenv("HBL_PUBLISHED_RESULTS", raising=False)
    archive = published_archives().get("budget-s300")
    if archive is None:
        pytest.skip("this checkout has no published budget-s300 archive")
    paths = sorted((archive / "results").glob("*/*.parquet"))
    folder = views.report_folder(paths, "xquad-r [xquad-r-sentence]")
    assert folder == archive.parent / "xquad-r-sentence"
    assert views.report_folder(paths[:1], "xquad-r") == folder  # one evaluation: named by its file
    assert views.report_folder([folder / "curves.csv"], "xquad-r") is None  # not an archive's results
    report = views.read_report(folder)
    points = report.curve_points(metric="AP@20", settings=["monolingual", "multilingual"], by_language=False,
                                 confidence=0.95)
    assert list(points["setting"].unique()) == ["monolingual", "multilingual"] and len(points) == 14
    assert report.curve_points(metric="AP@20", settings=["multilingual"], by_language=False, confidence=0.9) is None
    assert report.curve_points(metric="nDCG@10", settings=["multilingual"], by_language=False,
                               confidence=0.95) is None
    by_language = report.curve_points(metric="AP@20", settings=["cross-lingual"], by_language=True, confidence=0.95)
    assert by_language["query_lang"].nunique() == 11
    best = report.best_alphas(metric="AP@20", settings=["cross-lingual"], confidence=0.95)
    assert best.iloc[0]["best α"] == 0.5 and best.iloc[0]["share of draws"] == pytest.approx(0.863)
    tests = report.paired_tests(metric="RD", settings=["multilingual"], reference=0.5)
    assert len(tests) == 6 and set(tests["reference"]) == {0.5}
    assert report.paired_tests(metric="RD", settings=["multilingual"], reference=0.2) is None
    cells = views.combine([(views.variant_of(p), views.read_cell_means(p)) for p in paths])
    chosen = cells[cells["dataset"] == "xquad-r [xquad-r-sentence]"]
    assert views.report_matches(report, chosen)
    assert not views.report_matches(report, chosen[chosen["run"] != "a1.00-s3"])  # a stale report is not used
