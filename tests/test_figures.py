"""Figures from results tables: the numbers they show (hand-computed), their structure, and the exports."""

from __future__ import annotations

import math
import os

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hybrid_core import analysis, figures
from hybrid_core.results import make_rows

LANGS = ("de", "en", "zh")


def cell_rows(run: str, alpha: float, seed: int, value, *, pooled=None, qid: str = "") -> list[dict]:
    """Aggregated rows of one run: ``value(x, y)`` per pair cell, ``pooled(x)`` per pooled cell."""
    rows = [{"run": run, "alpha": alpha, "seed": seed, "query_lang": x, "doc_lang": y, "qid": qid,
             "setting": "monolingual" if x == y else "cross-lingual", "value": value(x, y)}
            for x in LANGS for y in LANGS]
    if pooled is not None:
        rows += [{"run": run, "alpha": alpha, "seed": seed, "query_lang": x, "doc_lang": "all", "qid": qid,
                  "setting": "multilingual", "value": pooled(x)} for x in LANGS]
    return rows


def table_of(rows: list[dict], metric: str = "AP@20", dataset: str = "demo") -> pd.DataFrame:
    return make_rows(rows, model="m", dataset=dataset, metric=metric)


@pytest.fixture
def two_runs() -> pd.DataFrame:
    """Run a: diagonal 0.9, off-diagonal 0.3 + 0.1 per row index, pooled 0.5; run b: everything 0.2 lower."""
    def a(x, y):
        return 0.9 if x == y else 0.3 + 0.1 * LANGS.index(x)

    def b(x, y):
        return a(x, y) - 0.2

    return table_of(cell_rows("a", 0.5, 1, a, pooled=lambda x: 0.5)
                    + cell_rows("b", 1.0, 1, b, pooled=lambda x: 0.3))


def test_setting_means_are_diagonal_offdiagonal_and_pooled_means(two_runs):
    means = figures.setting_means(two_runs, metric="AP@20", run="a")
    assert means["monolingual"] == pytest.approx(0.9)
    # off-diagonal: rows de (0.3, 0.3), en (0.4, 0.4), zh (0.5, 0.5)
    assert means["cross-lingual"] == pytest.approx(0.4)
    assert means["multilingual"] == pytest.approx(0.5)
    assert list(means) == ["monolingual", "cross-lingual", "multilingual"]


def test_pair_heatmap_has_matrix_pooled_column_outlined_diagonal_and_summary(two_runs):
    fig = figures.pair_heatmap_from_results(two_runs, metric="AP@20", run="a", dataset="demo")
    main, pooled = fig.data
    assert list(main.x) == list(LANGS) and list(main.y) == list(LANGS)
    np.testing.assert_allclose(np.asarray(main.z)[0], [0.9, 0.3, 0.3])
    assert list(pooled.x) == ["all (pooled)"]
    np.testing.assert_allclose(np.asarray(pooled.z).ravel(), [0.5, 0.5, 0.5])
    assert len(fig.layout.shapes) == len(LANGS)  # one outline per monolingual cell
    title = fig.layout.title.text
    assert "mono 0.900" in title and "cross 0.400" in title and "multi 0.500" in title
    assert (main.zmin, main.zmax) == (0.0, 1.0)


def test_pair_heatmap_refuses_a_metric_without_cells(two_runs):
    with pytest.raises(ValueError, match="no per-language-pair rows for metric 'R@1'"):
        figures.pair_heatmap_from_results(two_runs, metric="R@1", run="a")


def test_heatmap_table_is_the_matrix_plus_the_pooled_column(two_runs):
    matrix = figures.heatmap_table(two_runs, metric="AP@20", run="a")
    assert list(matrix.columns) == [*LANGS, "all"]
    assert matrix.loc["zh", "de"] == pytest.approx(0.5)
    assert matrix.loc["en", "all"] == pytest.approx(0.5)
    csv = figures.csv_bytes(matrix).decode()
    assert csv.splitlines()[0] == "query_lang,de,en,zh,all"


def test_difference_is_a_minus_b_cell_by_cell(two_runs):
    diff, pooled, summary = figures.difference_table(two_runs, metric="AP@20", run_a="a", run_b="b")
    np.testing.assert_allclose(diff.to_numpy(), 0.2)
    np.testing.assert_allclose(pooled.to_numpy(), 0.2)
    assert summary == pytest.approx({"monolingual": 0.2, "cross-lingual": 0.2, "multilingual": 0.2})
    fig = figures.difference_heatmap(two_runs, metric="AP@20", run_a="a", run_b="b")
    assert fig.data[0].colorscale is not None and fig.data[0].zmin == -fig.data[0].zmax
    assert "Δ mono +0.200" in fig.layout.title.text


def test_difference_of_a_lower_is_better_metric_flips_the_colours():
    rows = table_of(cell_rows("a", 0.5, 1, lambda x, y: 1.0) + cell_rows("b", 1.0, 1, lambda x, y: 3.0),
                    metric="PooledRank")
    better = figures.difference_heatmap(rows, metric="PooledRank", run_a="a", run_b="b")
    higher = figures.difference_heatmap(rows.assign(metric="AP@20"), metric="AP@20", run_a="a", run_b="b")
    assert better.data[0].colorscale != higher.data[0].colorscale  # blue stays "A is better"


def test_language_profile(two_runs):
    profile = figures.language_profile(two_runs, metric="AP@20", run="a").set_index("query_lang")
    assert profile.loc["en", "monolingual"] == pytest.approx(0.9)
    assert profile.loc["en", "cross-lingual"] == pytest.approx(0.4)
    # as target, de is reached from en (0.4) and zh (0.5)
    assert profile.loc["de", "cross-as-target"] == pytest.approx(0.45)
    assert profile.loc["zh", "multilingual"] == pytest.approx(0.5)
    assert len(figures.language_bars(profile.reset_index(), metric="AP@20").data) == 3


def test_alpha_curve_t_interval_over_seeds_without_per_query_rows():
    values = {(0.0, 1): 0.40, (0.0, 2): 0.44, (1.0, 1): 0.60, (1.0, 2): 0.62, (1.0, 3): 0.67}
    rows = []
    for (alpha, seed), v in values.items():
        rows += cell_rows(f"a{alpha}-s{seed}", alpha, seed, lambda x, y, v=v: v)
    table = table_of(rows)
    points = analysis.alpha_curve_table(table, metric="AP@20", settings=["monolingual"])
    assert list(points["alpha"]) == [0.0, 1.0] and set(points["method"]) == {"t"}
    last = points.iloc[1]
    sample = np.array([0.60, 0.62, 0.67])
    half = stats.t.ppf(0.975, 2) * sample.std(ddof=1) / math.sqrt(3)
    assert last["mean"] == pytest.approx(sample.mean())
    assert (last["low"], last["high"]) == pytest.approx((sample.mean() - half, sample.mean() + half))
    assert last["n_runs"] == 3


def test_alpha_curve_single_seed_without_per_query_rows_has_no_band():
    table = table_of(cell_rows("x", 0.0, 1, lambda x, y: 0.3) + cell_rows("y", 1.0, 1, lambda x, y: 0.5))
    points = analysis.alpha_curve_table(table, metric="AP@20")
    assert set(points["method"]) == {"none"} and points["low"].isna().all()
    fig = figures.alpha_curves(points, metric="AP@20")
    assert "no band" in fig.layout.title.text


def test_alpha_curve_bootstrap_over_queries_is_deterministic_and_brackets_the_mean():
    rng = np.random.default_rng(0)
    rows = []
    for alpha in (0.0, 0.5, 1.0):
        per_query = []
        for q in range(40):
            per_query += cell_rows(f"a{alpha}", alpha, 1, lambda x, y: float(rng.uniform(0, 1)), qid=f"q{q}")
        frame = pd.DataFrame(per_query)
        means = frame.groupby(["query_lang", "doc_lang", "setting"])["value"].mean().reset_index()
        rows += per_query + [{**r, "run": f"a{alpha}", "alpha": alpha, "seed": 1, "qid": ""}
                             for r in means.to_dict("records")]
    table = table_of(rows)
    first = analysis.alpha_curve_table(table, metric="AP@20", n_boot=300, seed=3)
    again = analysis.alpha_curve_table(table, metric="AP@20", n_boot=300, seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert set(first["method"]) == {"bootstrap"} and set(first["n_queries"]) == {40}
    assert ((first["low"] < first["mean"]) & (first["mean"] < first["high"])).all()
    assert (first["high"] - first["low"]).max() < 0.25


def test_alpha_curve_by_language_and_reference_line():
    rows = cell_rows("u", float("nan"), -1, lambda x, y: 0.1)
    rows += cell_rows("x", 0.0, 1, lambda x, y: 0.3) + cell_rows("y", 1.0, 1, lambda x, y: 0.5)
    table = table_of(rows)
    assert analysis.curve_alphas(table) == [0.0, 1.0]
    assert analysis.reference_levels(table, metric="AP@20") == pytest.approx({"monolingual": 0.1,
                                                                            "cross-lingual": 0.1})
    per_language = analysis.alpha_curve_table(table, metric="AP@20", by_language=True, settings=["cross-lingual"])
    assert set(per_language["query_lang"]) == set(LANGS) and len(per_language) == 2 * len(LANGS)
    fig = figures.alpha_curves(per_language, metric="AP@20")
    assert {trace.name for trace in fig.data} == set(LANGS)


def test_many_curves_keep_their_intervals_in_the_hover_but_draw_no_bands():
    points = pd.DataFrame([{"query_lang": lang, "alpha": a, "mean": 0.5, "low": 0.4, "high": 0.6, "n_runs": 1,
                            "n_queries": 10, "method": "bootstrap"} for lang in "abcdefgh" for a in (0.0, 1.0)])
    many = figures.alpha_curves(points, metric="AP@20")
    assert not [t for t in many.data if t.fill == "toself"] and len(many.data) == 8
    assert "not drawn for more than 4 lines" in many.layout.title.text
    assert all(np.allclose(t.customdata[:, :2].astype(float), [[0.4, 0.6]] * 2) for t in many.data)
    few = figures.alpha_curves(points[points["query_lang"].isin(["a", "b"])], metric="AP@20")
    assert len([t for t in few.data if t.fill == "toself"]) == 2


def test_curve_panels_give_each_setting_its_own_axis_and_name_the_untuned_level():
    rows = cell_rows("u", float("nan"), -1, lambda x, y: 0.1)
    rows += cell_rows("x", 0.0, 1, lambda x, y: 0.30 if x == y else 0.70)
    rows += cell_rows("y", 1.0, 1, lambda x, y: 0.32 if x == y else 0.60)
    table = table_of(rows)
    points = analysis.alpha_curve_table(table, metric="AP@20")
    reference = analysis.reference_levels(table, metric="AP@20")
    fig = figures.alpha_curve_panels(points, metric="AP@20", reference=reference)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["monolingual (untuned 0.100)", "cross-lingual (untuned 0.100)"]
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.xaxis for t in lines] == ["x", "x2"]
    assert list(lines[0].y) == pytest.approx([0.30, 0.32]) and list(lines[1].y) == pytest.approx([0.70, 0.60])
    assert fig.layout.yaxis.matches is None and fig.layout.yaxis2.matches is None  # independent scales


def test_paired_difference_panels_plot_each_alpha_minus_the_reference_with_its_interval():
    tests = pd.DataFrame([
        {"setting": "multilingual", "metric": "AP@20", "alpha": 0.0, "reference": 0.5, "mean_difference": 0.008,
         "low": 0.006, "high": 0.010, "p_value": 0.0001, "questions": 100},
        {"setting": "multilingual", "metric": "AP@20", "alpha": 1.0, "reference": 0.5, "mean_difference": -0.02,
         "low": -0.023, "high": -0.018, "p_value": 0.0001, "questions": 100},
        {"setting": "multilingual", "metric": "AP@20", "alpha": 0.5, "reference": 0.0, "mean_difference": -0.008,
         "low": -0.010, "high": -0.006, "p_value": 0.0001, "questions": 100}])
    fig = figures.paired_difference_panels(tests, metric="AP@20", reference=0.5)
    (trace,) = fig.data
    assert list(trace.x) == [0.0, 1.0] and list(trace.y) == [0.008, -0.02]
    assert list(trace.error_y.array) == pytest.approx([0.002, 0.002])
    assert list(trace.error_y.arrayminus) == pytest.approx([0.002, 0.003])
    assert "α=0.5" in fig.layout.title.text


def test_alpha_curve_refuses_bad_arguments(two_runs):
    with pytest.raises(ValueError, match="confidence"):
        analysis.alpha_curve_table(two_runs, metric="AP@20", confidence=1.5)
    with pytest.raises(ValueError, match="n_boot"):
        analysis.alpha_curve_table(two_runs, metric="AP@20", n_boot=10)


def test_disambiguate_runs_only_renames_names_shared_by_models():
    one = table_of(cell_rows("untuned", float("nan"), -1, lambda x, y: 0.1))
    other = one.assign(model="/models/e5-small")
    kept = table_of(cell_rows("a", 0.5, 1, lambda x, y: 0.2))
    merged = figures.disambiguate_runs(pd.concat([one, other, kept], ignore_index=True))
    assert set(merged["run"]) == {"untuned [m]", "untuned [e5-small]", "a"}


def test_share_heatmap_rd_distribution_and_projection_figures():
    matrix = pd.DataFrame([[0.8, 0.2], [0.1, 0.9]], index=["de", "en"], columns=["de", "en"])
    fig = figures.share_heatmap(matrix, k=10)
    assert "same-language share 0.85" in fig.layout.title.text
    rd = pd.DataFrame({"query_lang": ["de", "de", "en"], "value": [2.0, 4.0, 9.0]})
    fig = figures.rd_distribution(rd)
    assert "macro mean RD 6.0" in fig.layout.title.text and len(fig.data) == 2
    points = pd.DataFrame({"x": [0, 1, 2], "y": [1, 0, 1], "language": ["de", "en", "en"], "text": ["a", "b", "c"]})
    assert [t.name for t in figures.projection_scatter(points).data] == ["de", "en"]
    shares = pd.DataFrame({"language": ["de", "en"], "share": [0.3, 0.7]})
    assert len(figures.language_share_bars(shares).data) == 1
    assert len(figures.language_share_bars(pd.concat([shares.assign(encoder="A"),
                                                      shares.assign(encoder="B")])).data) == 2


def test_language_colours_are_stable():
    assert figures.language_colors(["en", "xx"])["en"] == figures.language_colors(["zh", "en"])["en"]


def test_html_export_is_self_contained(two_runs, tmp_path):
    fig = figures.pair_heatmap_from_results(two_runs, metric="AP@20", run="a")
    html = figures.html_text(fig, title="a <heatmap>")
    assert "<title>a &lt;heatmap&gt;</title>" in html
    assert "<script src=\"http" not in html and len(html) > 1_000_000  # plotly.js is inlined
    written = figures.write_figure(fig, tmp_path / "fig.html")
    assert "<title>fig</title>" in written.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match=r"use \.png or \.html"):
        figures.write_figure(fig, tmp_path / "fig.svg")


def test_png_export_without_a_browser_says_what_to_install(two_runs, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(figures, "CHROME_CANDIDATES", ("chromium",))
    reason = figures.png_unavailable_reason()
    assert reason is not None and "chromium" in reason and "BROWSER_PATH" in reason
    fig = figures.pair_heatmap_from_results(two_runs, metric="AP@20", run="a")
    with pytest.raises(figures.ExportError, match="HTML and CSV exports still work"):
        figures.png_bytes(fig)


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not os.environ.get("BROWSER_PATH"),
                    reason="PNG export needs Chromium (Debian package 'chromium') or $BROWSER_PATH")
def test_png_export_with_chromium(two_runs, tmp_path):
    fig = figures.pair_heatmap_from_results(two_runs, metric="AP@20", run="a")
    data = figures.png_bytes(fig, width=700, height=500)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert figures.write_figure(fig, tmp_path / "fig.png").stat().st_size > 10_000


def test_merge_variants_keeps_two_evaluations_of_one_run_apart():
    sentence = table_of(cell_rows("a", 0.5, 1, lambda x, y: 0.8), dataset="xquad-r")
    context = table_of(cell_rows("a", 0.5, 1, lambda x, y: 0.4), dataset="xquad-r")
    other = table_of(cell_rows("b", 1.0, 1, lambda x, y: 0.6), dataset="xquad-r")
    merged = figures.merge_variants([("sentence", sentence), ("context", context), ("sentence", other)])
    assert set(merged["dataset"]) == {"xquad-r [sentence]", "xquad-r [context]"}
    assert set(merged.loc[merged["run"] == "b", "dataset"]) == {"xquad-r [sentence]"}
    means = figures.setting_means(merged, metric="AP@20", run="a", dataset="xquad-r [context]")
    assert means["monolingual"] == pytest.approx(0.4)


def test_per_language_bootstrap_equals_the_bootstrap_of_that_language_s_own_rows():
    """Languages with different question sets and two seeds that miss different questions (as in MLQA-R):
    the per-language interval is the two-level bootstrap of exactly that language's per-query rows."""
    from hybrid_core import analysis

    rng = np.random.default_rng(1)
    questions = {"de": [f"q{i}" for i in range(12)], "en": [f"q{i}" for i in range(20)],
                 "zh": [f"q{i}" for i in range(5, 15)]}
    rows = []
    for seed in (1, 2):
        for lang, qids in questions.items():
            kept = [q for q in qids if not (seed == 2 and q == qids[0])]  # seed 2 lacks each language's first
            values = {q: 0.4 if lang == "zh" else float(rng.uniform(0, 1)) for q in kept}
            rows += [{"run": f"s{seed}", "alpha": 0.5, "seed": seed, "query_lang": lang, "doc_lang": lang,
                      "qid": q, "setting": "monolingual", "value": v} for q, v in values.items()]
            rows.append({"run": f"s{seed}", "alpha": 0.5, "seed": seed, "query_lang": lang, "doc_lang": lang,
                         "qid": "", "setting": "monolingual", "value": float(np.mean(list(values.values())))})
    table = table_of(rows)
    points = analysis.alpha_curve_table(table, metric="AP@20", settings=["monolingual"], by_language=True,
                                       n_boot=200, seed=5).set_index("query_lang")
    assert points["n_queries"].to_dict() == {lang: len(qids) for lang, qids in questions.items()}
    assert points.loc["zh", "low"] == pytest.approx(0.4) and points.loc["zh", "high"] == pytest.approx(0.4)
    replay = np.random.default_rng(5)
    per_query = table[(table["qid"] != "")]
    for lang in sorted(questions):
        dist = analysis.bootstrap_setting(per_query[per_query["query_lang"] == lang], draws=200, rng=replay)
        assert (points.loc[lang, "low"], points.loc[lang, "high"]) == pytest.approx(
            tuple(np.nanquantile(dist, [0.025, 0.975])))


def test_png_export_retries_a_transient_browser_failure_then_names_it(monkeypatch):
    monkeypatch.setattr(figures, "png_unavailable_reason", lambda: None)
    calls = []

    def flaky(self, **kwargs):
        calls.append(kwargs)
        if len(calls) < figures.PNG_ATTEMPTS:
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
        return b"\x89PNG"

    monkeypatch.setattr(figures.go.Figure, "to_image", flaky)
    assert figures.png_bytes(figures.go.Figure()) == b"\x89PNG" and len(calls) == figures.PNG_ATTEMPTS

    def broken(self, **kwargs):
        raise RuntimeError("browser closed")

    monkeypatch.setattr(figures.go.Figure, "to_image", broken)
    with pytest.raises(figures.ExportError, match=r"failed 3 times \(RuntimeError: browser closed\)"):
        figures.png_bytes(figures.go.Figure())
