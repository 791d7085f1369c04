"""Home: what the lab does, the published headline (the α curve and its reading), the live state of the workspace
and its latest results, and a one-click demo (lab mode)."""

from __future__ import annotations

import os
import time

import streamlit as st

import ui
from hybrid_core import figures, views
from ui import cache

#: The demo: the embedded model, the demo set, a tiny run (about a minute on 2 CPU cores), evaluated afterwards.
#: ``HBL_DEMO_MODEL`` / ``HBL_DEMO_STEPS`` change the model and steps (e.g. the 2-layer cut on a slow machine).
DEMO = {"model": "e5-small", "data": "demo", "alpha": 0.5, "seed": 1, "max_steps": 30, "batch_size": 16}
#: Seconds between two refreshes of the workspace panel (counts, latest results, jobs).
REFRESH_SECONDS = 3
#: The published headline (sweep, evaluation) and our reading of its summary.md; another published sweep is shown
#: without a reading.
HEADLINE = ("budget-s300", "xquad-r-sentence")
READING = (
    "**Reading.** e5-small fine-tuned on MLQA-R for 300 steps and evaluated zero-shot on the whole of XQuAD-R "
    "(7 α values × 3 seeds): the share α of monolingual batches works as a dial. Monolingual mAP@20 rises with α "
    "(0.770 at α = 0 to 0.786 at α = 1) and multilingual (pooled) mAP@20 falls (0.526 to 0.498: flat up to "
    "α = 0.5, steepest between 0.8 and 1), while cross-lingual mAP@20 is a shallow hump that peaks at the paper's "
    "hybrid α = 0.5 (0.692, the best α in 86 % of the bootstrap draws). Language bias grows with α: the "
    "same-language share of the pooled top 10 rises from 0.191 to 0.250. Every trained model doubles the untuned "
    "model's multilingual accuracy (0.249) and gives up a little of its monolingual accuracy (0.799). The paper's "
    "claim that the hybrid is best in multilingual retrieval is not supported here (α = 0 ties it); its claim that "
    "hybrid batches reduce language bias relative to monolingual ones is.")


def demo_settings() -> dict:
    """:data:`DEMO` with the model and steps of ``HBL_DEMO_MODEL`` / ``HBL_DEMO_STEPS`` when set.

    Raises:
        ValueError: ``HBL_DEMO_STEPS`` is not a whole number.
    """
    settings = {**DEMO, "model": os.environ.get("HBL_DEMO_MODEL", "").strip() or DEMO["model"]}
    steps = os.environ.get("HBL_DEMO_STEPS", "").strip()
    if steps:
        try:
            settings["max_steps"] = int(steps)
        except ValueError:
            raise ValueError(f"HBL_DEMO_STEPS={steps!r} is not a whole number") from None
    return settings


def start_demo() -> None:
    """Launch the demo as a one-point sweep job: train the tiny run (α = 0.5, seed 1) in the background, then
    evaluate it and the untuned model on the held-out demo questions."""
    from hybrid_core import jobs

    settings = {k: v for k, v in demo_settings().items() if k not in ("alpha", "seed")}
    config = ui.sweep_config(name=f"demo-{time.strftime('%Y%m%d-%H%M%S')}", alphas="0.5", seeds="1",
                             evaluation="demo", candidate_text="sentence", untuned=True, **settings)
    jobs.launch_sweep(config)


def headline_panel() -> None:
    """The published α curve (rebuilt from the report's curves.csv), its best α per setting, the reading, and
    links into the Heatmaps and α curves pages."""
    headline = cache.published_headline(HEADLINE)
    if headline is None:
        return
    st.subheader(f"Published: the α curve of {headline.sweep}")
    fig = figures.alpha_curve_panels(headline.curves, metric=headline.metric, reference=headline.reference,
                                     title=headline.evaluation)
    if headline.best:
        views.mark_best_alpha(fig, views.best_table(headline.best),
                              panels=[s for s in ("monolingual", "cross-lingual", "multilingual")
                                      if s in set(headline.curves["setting"])])
    ui.chart(fig, "headline-chart")
    seeds = sorted(set(headline.seeds.values()))
    st.caption(f"{len(headline.seeds)} α values × {'/'.join(map(str, seeds))} seed(s); bands: 95 % bootstrap over "
               "questions and seeds; ★ the best α of each setting; the untuned model's value is in each panel's "
               f"title. From `{headline.folder.name}/curves.csv` of the published report.")
    if (headline.sweep, headline.evaluation) == HEADLINE:
        st.markdown(READING)
    source = {"src": f"{cache.PUBLISHED}{headline.sweep}"}
    columns = st.columns(3)
    with columns[0]:
        ui.link("pages/alpha_curves.py", "Explore the α curves", icon=":material/show_chart:", query_params=source)
    with columns[1]:
        ui.link("pages/heatmaps.py", "Per language pair: heatmaps", icon=":material/grid_on:", query_params=source)
    ends = {a: n for a, n in headline.seeds.items() if a in (0.0, 1.0) and n >= 2}
    if len(ends) == 2:
        with columns[2]:
            ui.link("pages/heatmaps.py", "α = 1 minus α = 0, with the seed spread", icon=":material/compare_arrows:",
                    query_params={**source, "view": "difference", "run": views.alpha_mean_name(1.0, ends[1.0]),
                                  "vs": views.alpha_mean_name(0.0, ends[0.0])})


def workspace_panel() -> None:
    """Counts of runs by state, evaluations and sweeps (lab mode: with the runs and sweeps tables)."""
    sources = cache.results_sources()
    own = sum(len(v) for k, v in sources.items() if not k.startswith(cache.PUBLISHED))
    if ui.viewer():
        columns = st.columns(2)
        columns[0].metric("Results files", own)
        columns[1].metric("Published sweeps", sum(1 for k in sources if k.startswith(cache.PUBLISHED)))
        return
    table = cache.run_table()
    states = table["state"].value_counts() if len(table) else {}
    columns = st.columns(5)
    columns[0].metric("Runs", len(table))
    columns[1].metric("Running", int(states.get("running", 0) + states.get("queued", 0)))
    columns[2].metric("Finished", int(states.get("finished", 0)))
    columns[3].metric("Failed", int(states.get("failed", 0)))
    columns[4].metric("Results files", own)
    st.caption(f"Workspace: `{cache.evaluations_dir().parent}`")
    if len(table):
        shown = table[["name", "state", "alpha", "seed", "model", "data", "step", "total", "evaluated"]].head(8)
        st.dataframe(shown, hide_index=True, width="stretch")
    sweeps = cache.sweep_table()
    if len(sweeps):
        st.dataframe(sweeps, hide_index=True, width="stretch")


def latest_results() -> None:
    """Mono / cross / multi of the newest results file of the workspace, with a link to its heatmap."""
    newest = cache.newest_results()
    if newest is None:
        published = [name for name in cache.results_sources() if name.startswith(cache.PUBLISHED)]
        message = ("No results of this workspace yet; the published sweeps are in Heatmaps and α curves."
                   if published else "No results yet.")
        if ui.viewer():
            st.info(message, icon=":material/info:")
        else:
            ui.empty_state(f"{message} Run the demo below, or launch a run with evaluation data.",
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
            query_params={"src": source, "run": run})


@st.fragment(run_every=REFRESH_SECONDS)
def live_panel() -> None:
    """The workspace, its latest results and (lab mode) the demo and recent jobs, re-read every few seconds: counts
    and results follow a running job without a browser reload."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Workspace")
        with ui.messages("Reading the workspace"):
            workspace_panel()
    with right:
        st.subheader("Latest results")
        with ui.messages("Reading the latest results"):
            latest_results()
    if ui.viewer():
        return
    st.subheader("One-click demo")
    with ui.messages("Cannot start or follow the demo"):
        jobs = cache.recent_jobs(3)
        if not any(job.active for job in jobs):
            demo = demo_settings()
            st.button("Run the demo", type="primary", icon=":material/play_arrow:", on_click=start_demo,
                      help=f"Trains {demo['model']} on the demo set for {demo['max_steps']} steps (α = 0.5, batch "
                           f"{demo['batch_size']}) in the background, then evaluates it and the untuned model on the "
                           "held-out demo questions.")
        for job in jobs:
            with st.container(border=True):
                ui.show_job(job)


def main() -> None:
    ui.page_start("Hybrid Batch Lab", "Hybrid batch training for multilingual dense retrieval")
    st.markdown(
        "- **Train** a dual encoder whose batches are monolingual with probability **α** and cross-lingual otherwise.\n"
        "- **Evaluate** it per language pair (LAReQA / XTREME-R mAP@20, R@1, nDCG@10) and for language bias.\n"
        "- **Compare** α values as heatmaps and curves, and **probe** what a model retrieves for any query.")
    with ui.messages("Reading the published results"):
        headline_panel()
    live_panel()


if __name__ == "__main__":
    main()
