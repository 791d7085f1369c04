"""The Pareto page under AppTest: its recipe table is the core's recipe table of the archive (read independently, as
the sweep report reads it), its figure is the core's, bias can be PEER; and the jobs panel's order."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from test_recipes import run_rows, sweep_rows  # noqa: E402  (the hand-made sweep of the core's tests)

AXES = ["x", "x_low", "x_high", "y", "y_low", "y_high"]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("HBL_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("HBL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", "")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def with_peer(table: pd.DataFrame) -> pd.DataFrame:
    """The table plus PEER@20 of the pooled cells (per query and cell means), higher for the remedy."""
    pooled = table[(table["metric"] == "AP@20") & (table["setting"] == "multilingual")].copy()
    pooled["metric"] = "PEER@20"
    remedy = (pooled["debias"] != "none").to_numpy(dtype=float)
    pooled["value"] = 0.3 + 0.5 * remedy + 0.1 * pooled["alpha"].fillna(0).to_numpy(dtype=float)
    return pd.concat([table, pooled], ignore_index=True)


@pytest.fixture
def published(tmp_path, monkeypatch) -> Path:
    """A docs/results-like folder with one archive (``mixed``): constant α 0, 0.5, 1 and linear:0-1 with seeds 1-2,
    the untuned model, α = 0 under the centering remedy; a second evaluation (``extra``) of two points."""
    from hybrid_core.results import write_results

    root = tmp_path / "results"
    archive = root / "mixed" / "archive"
    archive.mkdir(parents=True)
    (archive / "sweep.json").write_text(json.dumps({"name": "mixed", "alphas": [0.0, 0.5, 1.0, "linear:0-1"],
                                                    "seeds": [1, 2], "train": {}, "evaluations": []}))
    table = with_peer(sweep_rows())
    for (run, debias), part in table.groupby(["run", "debias"]):
        name = "demo-sentence" + ("" if debias == "none" else f"--{debias}")
        write_results(part, archive / "results" / run / f"{name}.parquet")
    for run, alpha in (("a0.00-s1", 0.0), ("a1.00-s1", 1.0)):
        write_results(run_rows(run, alpha, f"{alpha:g}", 1, mono=0.6, multi=0.3, share=0.4),
                      archive / "results" / run / "demo-context.parquet")
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", str(root))
    return archive


def no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def core_table(archive: Path, evaluation: str, *, bias: str) -> pd.DataFrame:
    """The core's recipe table of one evaluation of an archive, read as the sweep report reads it."""
    from hybrid_core import analysis
    from hybrid_core.sweep.folder import collect_results
    from hybrid_core.views import PARETO_BIAS

    table = collect_results(archive, metrics={"AP@20", bias})
    table = table[table["evaluation"].str.split("--").str[0] == evaluation].drop(columns="evaluation")
    return analysis.recipe_points(table, metric="AP@20", bias_metric=bias, bias_setting=PARETO_BIAS[bias][0])


def test_the_page_table_is_the_core_recipe_table_of_the_archive(page, published):
    at = page("pareto.py").run()
    no_errors(at)
    assert at.selectbox(key="pareto:src").value == "published mixed"
    assert at.selectbox(key="pareto:eval").value == "demo-sentence"  # 10 files (9 + the remedy), not the 2 of extra
    assert [c.key for c in at.get("plotly_chart")] == ["pareto-chart"]
    shown = at.dataframe[0].value
    expected = core_table(published, "demo-sentence", bias="LangShare@10")
    pd.testing.assert_frame_equal(shown.reset_index(drop=True), expected, check_dtype=False)
    assert shown.set_index("recipe")["pareto"].to_dict() == {"α=0": True, "α=0.5": True, "α=1": True,
                                                             "α=0 + centering": False, "linear:0-1": False,
                                                             "untuned": True}
    assert shown[AXES].notna().all().all()  # every recipe has its intervals
    spec = at.get("plotly_chart")[0].proto.spec
    assert "95 % intervals over questions and seeds" in spec and '"name":"schedule"' in spec
    assert '"name":"constant + remedy"' in spec and "same-language share of the top 10" in spec
    assert any("On the front (4): α=0, α=0.5, α=1, untuned." in c.value for c in at.caption)
    assert len(at.get("download_button")) == 3
    # the other evaluation and the link that reopens it
    at.selectbox(key="pareto:eval").set_value("demo-context").run()
    no_errors(at)
    pd.testing.assert_frame_equal(at.dataframe[0].value.reset_index(drop=True),
                                  core_table(published, "demo-context", bias="LangShare@10"), check_dtype=False)
    assert "eval=demo-context" in at.code[-1].value


def test_bias_can_be_peer_and_a_link_reopens_the_view(page, published):
    at = page("pareto.py")
    at.query_params.update({"bias": "PEER@20"})
    at.run()
    no_errors(at)
    assert at.radio(key="pareto:bias").value == "PEER@20"
    shown = at.dataframe[0].value.set_index("recipe")
    expected = core_table(published, "demo-sentence", bias="PEER@20").set_index("recipe")
    pd.testing.assert_series_equal(shown["bias"], expected["bias"], check_dtype=False)
    assert shown.loc["α=0 + centering", "bias"] == pytest.approx(0.8)  # the hand-made PEER of the remedy
    spec = at.get("plotly_chart")[0].proto.spec
    assert "PEER@20 (higher: fairer)" in spec and '"colorscale":[[0.0,"rgb(165,0,38)"]' in spec  # fair = blue
    assert "bias=PEER%4020" in at.code[-1].value


def test_the_means_come_first_and_the_intervals_are_cached_for_the_next_server(page, published):
    from hybrid_core import views

    paths = sorted(str(p) for p in (published / "results").glob("*/demo-sentence*.parquet"))
    assert not views.recipe_points_cached(paths)
    started = time.monotonic()
    page("pareto.py").run()
    assert views.recipe_points_cached(paths)  # the bootstrap ran once and its table is on disk
    first = time.monotonic() - started
    import streamlit as st

    st.cache_data.clear()  # a new server: nothing in memory, the disk cache answers
    st.cache_resource.clear()
    started = time.monotonic()
    again = page("pareto.py").run()
    no_errors(again)
    assert time.monotonic() - started < max(first, 5.0)
    assert again.dataframe[0].value[AXES].notna().all().all()


def test_an_empty_workspace_without_archives_points_to_launch(page):
    at = page("pareto.py").run()
    no_errors(at)
    assert any("No sweep results yet" in i.value for i in at.info)


def test_the_checkout_archive_table_is_the_core_table(page, monkeypatch):
    folder = ROOT / "docs" / "results"
    if not (folder / "xquad2mlqa-s300" / "archive").is_dir():
        pytest.skip("this checkout has no published xquad2mlqa-s300 archive")
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", str(folder))
    at = page("pareto.py")
    at.query_params.update({"src": "published xquad2mlqa-s300"})
    at.run()
    no_errors(at)
    shown = at.dataframe[0].value
    expected = core_table(folder / "xquad2mlqa-s300" / "archive", "mlqa-r-sentence", bias="LangShare@10")
    pd.testing.assert_frame_equal(shown.reset_index(drop=True), expected, check_dtype=False)
    assert list(shown["recipe"]) == ["α=0", "α=0.5", "α=1", "untuned"]


def test_the_jobs_panel_lists_the_queue_in_order_then_the_newest_ended_jobs():
    from types import SimpleNamespace

    from ui.cache import newest_jobs

    def job(name: str, state: str, created: str):
        return SimpleNamespace(id=name, state=state, created=created, active=state in ("queued", "running"))

    found = [job("old-done", "finished", "1"), job("running", "running", "2"), job("queued", "queued", "3"),
             job("new-done", "finished", "4"), job("newest-failed", "failed", "5")]
    assert [j.id for j in newest_jobs(found, 4)] == ["running", "queued", "newest-failed", "new-done"]


# ----- schedules on the other pages -----------------------------------------------------------------------------
def test_alpha_curves_mark_schedules_at_their_mean_alpha(page, published):
    at = page("alpha_curves.py")
    at.query_params.update({"src": "published mixed", "dataset": "demo [demo-sentence]"})
    at.run()
    no_errors(at)
    spec = at.get("plotly_chart")[0].proto.spec
    assert spec.count('"name":"linear:0-1"') == 3  # a marked point beside each of the three curves
    tables = [d.value for d in at.dataframe if "schedule" in d.value.columns]
    assert len(tables) == 1
    schedules = tables[0]
    assert set(schedules["schedule"]) == {"linear:0-1"} and set(schedules["alpha"]) == {0.5}
    assert set(schedules["setting"]) == {"monolingual", "cross-lingual", "multilingual"}
    from hybrid_core import analysis
    from hybrid_core.sweep.folder import collect_results

    table = collect_results(published, metrics={"AP@20"})
    table = table[table["evaluation"] == "demo-sentence"]
    expected = analysis.schedule_points(table, metric="AP@20").set_index("setting")["mean"]
    assert schedules.set_index("setting")["mean"].to_dict() == pytest.approx(expected.round(4).to_dict(), abs=1e-4)
    curve = next(d.value for d in at.dataframe if "method" in d.value.columns and "schedule" not in d.value.columns)
    assert sorted(curve["alpha"].unique()) == [0.0, 0.5, 1.0]  # the schedule is not a point of the curve


def test_heatmaps_offer_a_schedule_and_its_seed_mean_apart_from_its_mean_alpha(page, published):
    at = page("heatmaps.py")
    at.query_params.update({"src": "published mixed", "dataset": "demo [demo-sentence]",
                            "run": "linear:0-1 · mean of 2 seeds"})
    at.run()
    no_errors(at)
    run = at.selectbox(key="heatmaps:run")
    assert run.value == "linear:0-1 · mean of 2 seeds"
    assert "linear-0-1-s1 (linear:0-1, mean α=0.5, seed 1)" in run.options
    assert "α=0.5 · mean of 2 seeds" in run.options
    assert [c.key for c in at.get("plotly_chart")] == ["heatmap-chart"] and not at.info


def test_launch_accepts_schedules(page, monkeypatch):
    from hybrid_core import jobs

    launched = []

    def fake_launch(config, **_):
        launched.append(config)
        from types import SimpleNamespace

        return Path("/nowhere") / config.name, SimpleNamespace(id="job-1", state="queued")

    monkeypatch.setattr(jobs, "launch_sweep", fake_launch)
    at = page("launch.py").run()
    at.selectbox(key="launch-model").set_value("e5-small-cut")
    at.text_input(key="launch-alpha").set_value("0.5, linear:0-1, step:0-1@0.5")
    at.text_input(key="launch-sweep-name").set_value("schedules")
    next(b for b in at.main.button if b.label == "Launch").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [str(a) for a in launched[0].alphas] == ["0.5", "linear:0-1", "step:0-1@0.5"]
    assert any("Sweep schedules: 3 point(s)" in s.value for s in at.success)
