"""Home: what the lab does, the state of the workspace, the latest results and a one-click demo."""

from __future__ import annotations

import time

import streamlit as st

import ui
from hybrid_core import figures
from ui import cache

#: The demo: the embedded model, the demo set, a tiny run (about a minute on 2 CPU cores), evaluated afterwards.
DEMO = {"model": "e5-small", "data": "demo", "max_steps": 30, "batch_size": 16}


def start_demo() -> None:
    """Launch the demo as a one-point sweep job: train the tiny run (α = 0.5, seed 1) in the background, then evaluate
    it and the untuned model on the held-out demo questions."""
    from hybrid_core import jobs

    config = ui.sweep_config(name=f"demo-{time.strftime('%Y%m%d-%H%M%S')}", alphas="0.5", seeds="1",
                             evaluation="demo", candidate_text="sentence", untuned=True, **DEMO)
    jobs.launch_sweep(config)


def workspace_panel() -> None:
    """Counts of runs by state, evaluations and sweeps."""
    table = cache.run_table()
    states = table["state"].value_counts() if len(table) else {}
    sources = cache.results_sources()
    columns = st.columns(5)
    columns[0].metric("Runs", len(table))
    columns[1].metric("Running", int(states.get("running", 0) + states.get("queued", 0)))
    columns[2].metric("Finished", int(states.get("finished", 0)))
    columns[3].metric("Failed", int(states.get("failed", 0)))
    columns[4].metric("Results files", sum(len(v) for k, v in sources.items() if not k.startswith(cache.PUBLISHED)))
    st.caption(f"Workspace: `{cache.evaluations_dir().parent}`")
    if len(table):
        shown = table[["name", "state", "alpha", "seed", "model", "data", "step", "total", "evaluated"]].head(8)
        st.dataframe(shown, hide_index=True, width="stretch")
    sweeps = cache.sweep_table()
    if len(sweeps):
        st.dataframe(sweeps, hide_index=True, width="stretch")


def latest_results() -> None:
    """Mono / cross / multi of the newest results file, with a link to its heatmap."""
    newest = cache.newest_results()
    if newest is None:
        ui.empty_state("No results yet. Run the demo below, or launch a run with evaluation data.",
                       page="pages/launch.py", label="Launch a run")
        return
    source, path = newest
    table, _ = cache.results([path])
    run, dataset = str(table["run"].iloc[0]), str(table["dataset"].iloc[0])
    metric = ui.pick(figures.pair_metrics(table), ["AP@20", "nDCG@10"])
    means = figures.setting_means(table, metric=metric) if metric else {}
    st.markdown(f"**{run}** on **{dataset}** · {metric}")
    columns = st.columns(3)
    for column, setting in zip(columns, ("monolingual", "cross-lingual", "multilingual")):
        value = means.get(setting)
        column.metric(setting, "–" if value is None else f"{value:.3f}")
    ui.link("pages/heatmaps.py", "Open its heatmap", icon=":material/grid_on:",
            query_params={"src": source, "run": run, "dataset": dataset})


@st.fragment(run_every=2)
def demo_panel() -> None:
    """The demo button, and the live state of recent jobs."""
    with ui.messages("Cannot start or follow the demo"):
        jobs = cache.recent_jobs(3)
        if not any(job.active for job in jobs):
            st.button("Run the demo", type="primary", icon=":material/play_arrow:", on_click=start_demo,
                      help="Trains e5-small on the demo set for 30 steps (α = 0.5, batch 16) in the background, "
                           "then evaluates it and the untuned model on the held-out demo questions.")
        for job in jobs:
            with st.container(border=True):
                ui.show_job(job)


def main() -> None:
    ui.page_start("Hybrid Batch Lab", "Hybrid batch training for multilingual dense retrieval")
    st.markdown(
        "- **Train** a dual encoder whose batches are monolingual with probability **α** and cross-lingual otherwise.\n"
        "- **Evaluate** it per language pair (LAReQA / XTREME-R mAP@20, R@1, nDCG@10) and for language bias.\n"
        "- **Compare** α values as heatmaps and curves, and **probe** what a model retrieves for any query.")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Workspace")
        with ui.messages("Reading the workspace"):
            workspace_panel()
    with right:
        st.subheader("Latest results")
        with ui.messages("Reading the latest results"):
            latest_results()
    st.subheader("One-click demo")
    demo_panel()


if __name__ == "__main__":
    main()
