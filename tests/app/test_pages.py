"""Every page of the dashboard under Streamlit's AppTest: renders without exception, and its main widgets drive the
core on real data (the shipped demo set) with the real cut model."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 300
PAGES = {"home.py": "Hybrid Batch Lab", "launch.py": "Launch runs", "heatmaps.py": "Heatmaps",
         "alpha_curves.py": "α curves", "bias_probe.py": "Bias probe", "bias_overview.py": "Bias overview"}
#: Query parameters that keep the bias pages on the cut model and the torch backend (fast, no export).
CUT = {"enc": "e5-small-cut", "enc2": "e5-small-cut", "backend": "torch"}


@pytest.fixture(autouse=True)
def fresh_tables():
    """Cached tables (run lists, results) must not leak from one test's workspace into the next."""
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def no_published_results(monkeypatch):
    """The checkout's docs/results stays out of the pages unless a test publishes its own."""
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", "")


@pytest.fixture
def empty_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("HBL_WORKSPACE", str(tmp_path / "workspace"))
    return tmp_path / "workspace"


@pytest.fixture(scope="session")
def published(tmp_path_factory, cut_path) -> Path:
    """A docs/results-like folder holding the archive of a real tiny sweep (cut model, α = 0, 0.5, 1)."""
    from hybrid_core import sweep

    base = tmp_path_factory.mktemp("published")
    train = {"model": str(cut_path), "data": "demo", "max_steps": 2, "batch_size": 8, "save_steps": 100,
             "warmup_ratio": 0.0}
    config = sweep.SweepConfig(name="tiny-curve", alphas=(0.0, 0.5, 1.0), train=train,
                               evaluations=(sweep.EvalSpec("demo"),))
    sweep.run_sweep(config, root=base / "sweeps", archive=base / "results" / "tiny-curve" / "archive")
    return base / "results"


@pytest.fixture(scope="session")
def lab(tmp_path_factory, cut_path):
    """A workspace with two real tiny runs of the cut model (α = 0 and α = 1, 2 steps on the demo set), both
    evaluated on the held-out demo questions, and the untuned cut model evaluated as the reference."""
    import os

    from hybrid_core.cli import main
    from hybrid_core.training import TrainConfig, train

    workspace = tmp_path_factory.mktemp("lab-workspace")
    previous = os.environ.get("HBL_WORKSPACE")
    os.environ["HBL_WORKSPACE"] = str(workspace)

    def evaluate(model: str, run_name: str) -> None:  # what the dashboard's evaluation jobs run
        assert main(["evaluate", model, "--data", "demo", "--out", str(workspace / "evaluations"), "--candidates",
                     "sentence", "--backend", "torch", "--quiet", "--run-name", run_name]) == 0

    try:
        evaluate(str(cut_path), f"untuned-{cut_path.name}")
        for alpha in (0.0, 1.0):
            config = TrainConfig(data="demo", model=str(cut_path), alpha=alpha, seed=1, max_steps=2, batch_size=4,
                                 name=f"tiny-a{alpha:g}", device="cpu", save_steps=100)
            run = train(config)
            evaluate(str(run), run.name)
    finally:
        if previous is None:
            os.environ.pop("HBL_WORKSPACE", None)
        else:
            os.environ["HBL_WORKSPACE"] = previous
    return workspace


@pytest.fixture
def lab_workspace(lab, monkeypatch):
    monkeypatch.setenv("HBL_WORKSPACE", str(lab))
    return lab


def no_errors(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def charts(at) -> list[str]:
    return [chart.key for chart in at.get("plotly_chart")]


# ----- navigation ---------------------------------------------------------------------------------------------
def test_navigation_reaches_every_page(empty_workspace):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    no_errors(at)
    assert [t.value for t in at.title] == ["Hybrid Batch Lab"]
    for name, title in PAGES.items():
        at.switch_page(f"pages/{name}")
        at.query_params.update(CUT)
        at.run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert title in [t.value for t in at.title], name


# ----- home -----------------------------------------------------------------------------------------------------
def test_home_on_an_empty_workspace_offers_the_demo(page, empty_workspace):
    at = page("home.py").run()
    no_errors(at)
    assert any("No results yet" in i.value for i in at.info)
    assert [b.label for b in at.main.button] == ["Run the demo"]
    assert [str(m.value) for m in at.metric][:2] == ["0", "0"]


def test_home_shows_the_workspace_and_latest_results(page, lab_workspace):
    at = page("home.py").run()
    no_errors(at)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Runs"], metrics["Finished"], metrics["Results files"]) == ("2", "2", "3")
    assert {"monolingual", "cross-lingual", "multilingual"} <= set(metrics)
    assert float(metrics["monolingual"]) > 0


# ----- launch ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("alpha", "message"), [
    ("1.5", "α must be in [0, 1]"),
    ("-0.1", "α must be in [0, 1]"),
    ("half", "cannot read alpha schedule 'half'"),
    ("linear:0-1.5", "end value 1.5 is outside [0, 1]"),
    ("", "enter at least one value"),
])
def test_launch_refuses_an_invalid_alpha_with_the_reason(page, empty_workspace, alpha, message):
    at = page("launch.py").run()
    at.text_input(key="launch-alpha").set_value(alpha)
    at.main.button[0].click().run()  # the form's submit button
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert not (empty_workspace / "sweeps").exists() or not any((empty_workspace / "sweeps").iterdir())


def test_launch_checks_typed_paths_and_names(page, empty_workspace, tmp_path):
    at = page("launch.py").run()
    at.selectbox(key="launch-data").set_value("a path…")
    at.text_input(key="launch-data-path").set_value(str(tmp_path / "no-such-data"))
    at.main.button[0].click().run()
    assert any("does not exist" in e.value for e in at.error), [e.value for e in at.error]
    at.selectbox(key="launch-data").set_value("demo")
    at.text_input(key="launch-sweep-name").set_value("../escape")
    at.main.button[0].click().run()
    assert any("invalid sweep name" in e.value for e in at.error), [e.value for e in at.error]


def test_launch_monitor_shows_runs_progress_and_logs(page, lab_workspace):
    at = page("launch.py").run()
    no_errors(at)
    table = at.dataframe[0].value
    assert set(table["name"]) == {"tiny-a0", "tiny-a1"} and set(table["state"]) == {"finished"}
    assert at.selectbox(key="launch:run").value in {"tiny-a0", "tiny-a1"}
    assert len(at.get("progress")) >= 1  # the inspected run's progress bar


@pytest.mark.slow
def test_launch_form_starts_a_background_job_that_finishes(page, empty_workspace, cut_path):
    from hybrid_core import jobs, sweep

    at = page("launch.py").run()
    at.selectbox(key="launch-model").set_value("e5-small-cut")
    at.number_input(key="launch-steps").set_value(2)
    at.number_input(key="launch-batch").set_value(4)
    at.selectbox(key="launch-eval").set_value("none")
    at.text_input(key="launch-sweep-name").set_value("from-the-form")
    at.main.button[0].click().run()
    no_errors(at)
    assert any("as background job" in s.value for s in at.success)
    folder = empty_workspace / "sweeps" / "from-the-form"
    job = jobs.list_jobs(kind="sweep")[0]
    assert job.target == str(folder) and job.label == "from-the-form"
    deadline = time.time() + 300
    while jobs.get(job.id).active and time.time() < deadline:
        time.sleep(1)
    assert jobs.get(job.id).state == "finished", (folder / "sweep.log").read_text()[-3000:]
    assert set(sweep.point_states(folder)["state"]) == {"done"}


# ----- launch as a sweep ------------------------------------------------------------------------------------------
SWEEP_BUTTON = "Launch"


def click(at, label: str):
    """Click the button labelled ``label`` and rerun."""
    return next(b for b in at.main.button if b.label == label).click().run()


@pytest.mark.parametrize(("alpha", "sweep_name", "message"), [
    ("0, 1.5", "bad-alpha", "α must be in [0, 1]"),
    ("half", "bad-alpha", "cannot read alpha schedule 'half'"),
    ("0, 1", "../escape", "invalid sweep name"),
])
def test_launch_as_a_sweep_refuses_bad_settings_with_the_reason(page, empty_workspace, alpha, sweep_name, message):
    at = page("launch.py").run()
    at.text_input(key="launch-alpha").set_value(alpha)
    at.text_input(key="launch-sweep-name").set_value(sweep_name)
    click(at, SWEEP_BUTTON)
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert not (empty_workspace / "sweeps").exists() or not any((empty_workspace / "sweeps").iterdir())


def test_launch_as_a_sweep_starts_it_detached_and_the_panel_cancels_it(page, empty_workspace):
    from hybrid_core import sweep

    at = page("launch.py").run()
    at.selectbox(key="launch-model").set_value("e5-small-cut")
    at.text_input(key="launch-alpha").set_value("0, 1")
    at.number_input(key="launch-steps").set_value(50)
    at.number_input(key="launch-batch").set_value(4)
    at.text_input(key="launch-sweep-name").set_value("from-the-form")
    click(at, SWEEP_BUTTON)
    folder = empty_workspace / "sweeps" / "from-the-form"
    try:
        no_errors(at)
        assert any("Sweep from-the-form: 2 point(s)" in s.value for s in at.success)
        config = sweep.load_config(folder)
        assert config.alphas == (0.0, 1.0) and config.train["model"] == "e5-small-cut"
        assert config.train["max_steps"] == 50 and [e.data for e in config.evaluations] == ["demo"]
        deadline = time.time() + 60
        while not sweep.sweep_process(folder) and time.time() < deadline:
            time.sleep(0.2)  # the job records itself as the sweep's process when it starts
        assert sweep.sweep_process(folder)["alive"]
        assert "from-the-form" in list(at.dataframe[0].value["sweep"])
        assert at.selectbox(key="launch:sweep").value == "from-the-form"
        click(at, "Cancel sweep")  # stops it from a server thread; the page does not wait
        deadline = time.time() + 120
        while sweep.sweep_process(folder)["alive"] and time.time() < deadline:
            time.sleep(0.5)
        assert not sweep.sweep_process(folder)["alive"]
        at.run()
        no_errors(at)
        assert "Resume" in [b.label for b in at.main.button]
        assert any("from-the-form" in p.proto.text and "cancelled" in p.proto.text for p in at.get("progress"))
    finally:
        from hybrid_core import jobs

        for job in jobs.list_jobs(states=jobs.ACTIVE):
            jobs.cancel(job.id, timeout=30)


# ----- heatmaps -------------------------------------------------------------------------------------------------
def test_heatmaps_empty_state_points_to_launch(page, empty_workspace):
    at = page("heatmaps.py").run()
    no_errors(at)
    assert any("No results to show yet" in i.value for i in at.info)


def test_heatmaps_views_exports_and_link(page, lab_workspace):
    at = page("heatmaps.py").run()
    no_errors(at)
    assert charts(at) == ["heatmap-chart"]
    assert {m.label for m in at.metric} == {"monolingual", "cross-lingual", "multilingual"}
    assert len(at.get("download_button")) == 3  # PNG, HTML, CSV
    at.selectbox(key="heatmaps:run").set_value("tiny-a1").run()
    at.radio(key="heatmaps:view").set_value("difference").run()
    no_errors(at)
    assert charts(at) == ["difference-chart"]
    assert at.selectbox(key="heatmaps:vs").value.startswith("untuned")
    at.radio(key="heatmaps:view").set_value("per language").run()
    no_errors(at)
    assert charts(at)[:1] == ["language-chart"] and "rd-chart" in charts(at)
    link = at.code[-1].value
    assert "run=tiny-a1" in link and "view=per+language" in link and "metric=" not in link  # defaults stay out
    assert at.query_params["run"] == ["tiny-a1"] or at.query_params["run"] == "tiny-a1"


def test_heatmaps_link_reopens_the_view_and_bad_values_are_messages(page, lab_workspace):
    at = page("heatmaps.py")
    at.query_params.update({"run": "tiny-a0", "metric": "R@1", "view": "difference", "dataset": "no-such-data"})
    at.run()
    no_errors(at)
    assert at.selectbox(key="heatmaps:run").value == "tiny-a0"
    assert at.selectbox(key="heatmaps:metric").value == "R@1"
    assert charts(at) == ["difference-chart"]
    assert any("'no-such-data' is not available" in i.value for i in at.info)
    # a link from another page (new parameters in the same session) is read again; unset ones fall back to defaults
    at.query_params.clear()
    at.query_params.update({"run": "tiny-a1"})
    at.run()
    no_errors(at)
    assert at.selectbox(key="heatmaps:run").value == "tiny-a1"
    assert at.selectbox(key="heatmaps:metric").value == "AP@20" and charts(at) == ["heatmap-chart"]
    # the page's own writes are not read back: changing a widget keeps the other selections
    at.selectbox(key="heatmaps:metric").set_value("R@10").run()
    assert at.selectbox(key="heatmaps:run").value == "tiny-a1" and "metric=R%4010" in at.code[-1].value


def test_heatmaps_reads_a_typed_results_path(page, lab_workspace, tmp_path):
    at = page("heatmaps.py")
    at.query_params.update({"src": "a path…", "path": str(tmp_path / "missing.parquet")})
    at.run()
    assert any("does not exist" in e.value for e in at.error)
    files = sorted((lab_workspace / "evaluations").glob("tiny-a0*.parquet"))
    at.text_input(key="heatmaps:path").set_value(str(files[0])).run()
    no_errors(at)
    assert charts(at) == ["heatmap-chart"]


# ----- α curves -------------------------------------------------------------------------------------------------
def test_alpha_curves_empty_state(page, empty_workspace):
    at = page("alpha_curves.py").run()
    no_errors(at)
    assert any("Curves need runs trained with several α values" in i.value for i in at.info)


def test_alpha_curves_from_runs_with_two_alphas(page, lab_workspace):
    at = page("alpha_curves.py").run()
    no_errors(at)
    assert charts(at) == ["curve-chart", "paired-chart"]
    points = at.dataframe[0].value
    assert sorted(points["alpha"].unique()) == [0.0, 1.0]
    assert set(points["method"]) == {"bootstrap"}  # per-query rows are in the evaluations
    # no α = 0.5 in this workspace: the paired reference falls back to the first α, and α = 1 is compared with it
    paired = at.dataframe[1].value
    assert set(paired["reference"]) == {0.0} and list(paired["alpha"].unique()) == [1.0]
    assert set(paired["setting"]) == {"monolingual", "cross-lingual", "multilingual"}
    assert ((paired["low"] <= paired["mean_difference"]) & (paired["mean_difference"] <= paired["high"])).all()
    at.toggle(key="curves:panels").set_value(False).run()
    no_errors(at)
    assert "panels=0" in at.code[-1].value
    at.toggle(key="curves:by_lang").set_value(True).run()
    no_errors(at)
    assert "query_lang" in at.dataframe[0].value.columns
    assert charts(at) == ["curve-chart"]  # per-language curves: no paired section
    assert "by_lang=1" in at.code[-1].value


def test_alpha_curves_of_a_published_archive_on_a_fresh_workspace(page, empty_workspace, published, monkeypatch):
    monkeypatch.setenv("HBL_PUBLISHED_RESULTS", str(published))
    at = page("alpha_curves.py").run()
    no_errors(at)
    assert at.selectbox(key="curves:src").value == "published tiny-curve"
    assert charts(at) == ["curve-chart", "paired-chart"]
    assert sorted(at.dataframe[0].value["alpha"].unique()) == [0.0, 0.5, 1.0]
    assert set(at.dataframe[1].value["reference"]) == {0.5}
    home = page("home.py").run()  # the home page's counts and newest results stay the workspace's
    no_errors(home)
    assert any("No results yet" in i.value for i in home.info)


# ----- bias probe -----------------------------------------------------------------------------------------------
def test_probe_without_a_query_explains_what_to_do(page, empty_workspace):
    at = page("bias_probe.py").run()
    no_errors(at)
    assert any("Type a query" in i.value for i in at.info)


def test_probe_query_on_the_demo_pool_with_the_cut_model_returns_rows(page, empty_workspace):
    at = page("bias_probe.py")
    at.query_params.update({**CUT, "q": "Wer hat die Relativitätstheorie entwickelt?", "k": "8"})
    at.run()
    no_errors(at)
    hits = at.dataframe[0].value
    assert len(hits) == 8 and list(hits["rank"]) == list(range(1, 9))
    assert set(hits["language"]) <= {"ar", "de", "el", "en", "es", "hi", "ru", "th", "tr", "vi", "zh"}
    assert charts(at) == ["share-chart"]


def test_probe_dataset_question_and_two_encoders(page, empty_workspace):
    at = page("bias_probe.py")
    at.query_params.update({**CUT, "mode": "dataset question", "lang": "de"})
    at.run()
    no_errors(at)
    labels = [m.label for m in at.metric]
    assert "Rank distance (RD)" in labels
    assert at.dataframe[0].value["relevant"].notna().all()
    at.toggle(key="probe:cmp").set_value(True).run()
    no_errors(at)
    assert len([m for m in at.metric if m.label == "Rank distance (RD)"]) == 2


# ----- bias overview --------------------------------------------------------------------------------------------
def test_bias_overview_share_matrix_rd_and_projection(page, empty_workspace):
    at = page("bias_overview.py")
    at.query_params.update({**CUT, "n": "50", "per": "20"})
    at.run()
    no_errors(at)
    assert set(charts(at)) == {"share-0", "rd-chart", "projection-chart"}
    assert any("176 questions asked" in c.value for c in at.caption)
    at.radio(key="bias:proj").set_value("tsne").run()
    no_errors(at)
    assert "proj=tsne" in at.code[-1].value


@pytest.mark.slow
def test_home_demo_button_queues_the_demo_job_and_it_can_be_cancelled(page, empty_workspace):
    from hybrid_core import jobs, sweep

    at = page("home.py").run()
    at.main.button[0].click().run()
    no_errors(at)
    job = jobs.list_jobs()[0]
    config = sweep.load_config(job.target)
    assert job.kind == "sweep" and config.train["model"] == "e5-small" and config.train["data"] == "demo"
    assert [str(a) for a in config.alphas] == ["0.5"] and config.untuned
    assert [(e.data, e.candidate_text) for e in config.evaluations] == [("demo", "sentence")]
    at.run()
    assert any(b.label == "Cancel job" for b in at.main.button)
    next(b for b in at.main.button if b.label == "Cancel job").click().run()
    deadline = time.time() + 300
    while jobs.get(job.id).active and time.time() < deadline:
        time.sleep(1)
    assert jobs.get(job.id).state == "cancelled"
