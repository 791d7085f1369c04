"""Heatmaps: per-language-pair matrices of a run, differences between runs, per-language views, exports, links."""

from __future__ import annotations

import streamlit as st

import ui
from hybrid_core import figures
from ui import cache
from ui.state import PageState, Param

VIEWS = ["heatmap", "difference", "per language"]
state = PageState("heatmaps", Param("src", ""), Param("path", ""), Param("dataset", ""), Param("run", ""),
                  Param("metric", "AP@20"), Param("vs", ""), Param("view", "heatmap"))


def pick_table(where) -> tuple:
    """The cell means of the chosen source (workspace evaluations, a sweep, or a typed path), the files that could
    not be read, and the paths."""
    sources = cache.results_sources()
    options = [*sources, ui.PATH_CHOICE]
    source = state.selectbox("Results", options, "src", where=where, help="Every evaluation of the workspace, one "
                             "sweep, or a results file/folder (.parquet or .csv in the results schema).")
    paths = sources.get(source, [])
    if source == ui.PATH_CHOICE:
        typed = state.text_input("Results file or folder", "path", placeholder="/path/to/results.parquet")
        if not typed:
            return None, (), []
        paths = cache.results_in(typed)
    return (*cache.results(paths), paths) if paths else (None, (), [])


def summary_metrics(table, metric: str, run: str, dataset: str, where) -> None:
    """Mono / cross / multi beside the heatmap."""
    means = figures.setting_means(table, metric=metric, run=run, dataset=dataset)
    for setting in ("monolingual", "cross-lingual", "multilingual"):
        where.metric(setting, "–" if setting not in means else f"{means[setting]:.3f}")
    where.caption(figures.metric_description(metric))


def heatmap_view(table, run: str, dataset: str, metric: str) -> None:
    chart, side = st.columns([5, 1])
    if metric.startswith("LangShare@"):
        matrix = figures.heatmap_table(table, metric=metric, run=run, dataset=dataset)
        fig = figures.share_heatmap(matrix, k=int(metric.split("@")[1]), title=f"{run} · {dataset}")
    else:
        fig = figures.pair_heatmap_from_results(table, metric=metric, run=run, dataset=dataset)
        matrix = figures.heatmap_table(table, metric=metric, run=run, dataset=dataset)
    ui.chart(fig, "heatmap-chart", where=chart)
    summary_metrics(table, metric, run, dataset, side)
    ui.downloads(ui.safe_stem(run, dataset, metric), figure=fig, table=matrix)


def difference_view(table, run: str, dataset: str, metric: str, runs: list[str]) -> None:
    others = [r for r in runs if r != run]
    if not others:
        ui.empty_state("Only one run has results on this dataset: evaluate another (e.g. the untuned model) to "
                       "compare.", page="pages/launch.py", label="Launch runs")
        return
    untuned = ui.pick(others, [r for r in others if r.startswith("untuned")])
    other = state.selectbox("Minus", others, "vs", fallback=untuned, where=st.columns([2, 3])[0],
                            help="The heatmap shows the selected run minus this one.")
    fig = figures.difference_heatmap(table, metric=metric, run_a=run, run_b=other, dataset=dataset)
    ui.chart(fig, "difference-chart")
    diff, pooled, _ = figures.difference_table(table, metric=metric, run_a=run, run_b=other, dataset=dataset)
    if len(pooled):
        diff = diff.reindex(index=sorted(set(diff.index) | set(pooled.index))).assign(all=pooled)
    ui.downloads(ui.safe_stem(run, "minus", other, dataset, metric), figure=fig, table=diff)


def language_view(table, run: str, dataset: str, metric: str, paths: list[str]) -> None:
    profile = figures.language_profile(table, metric=metric, run=run, dataset=dataset)
    fig = figures.language_bars(profile, metric=metric, title=f"{run} · {dataset}")
    ui.chart(fig, "language-chart")
    st.dataframe(profile.round(4), hide_index=True, width="stretch")
    ui.downloads(ui.safe_stem(run, dataset, metric, "per-language"), figure=fig, table=profile.set_index("query_lang"))
    rd = cache.per_query_values(paths, metric="RD", run=run, dataset=dataset)
    if len(rd):
        ui.chart(figures.rd_distribution(rd, title=f"{run} · {dataset}"), "rd-chart")


def main() -> None:
    ui.page_start("Heatmaps", "Query language × candidate language for one run; differences between runs; per-language "
                          "views. The selection is kept in the URL, so the address is a shareable link.")
    state.sync()
    with ui.messages("Cannot read the results"):
        top = st.columns([3, 2, 3, 2])
        table, problems, paths = pick_table(top[0])
        for problem in problems:
            st.warning(f"Skipped a results file: {problem}", icon=":material/warning:")
        if table is None or table.empty:
            ui.empty_state("No results to show yet. Launch a run with evaluation data (or run the demo on Home); "
                           "evaluations land in the workspace and appear here.", page="pages/launch.py",
                           label="Launch runs")
            return
        dataset = state.selectbox("Dataset", sorted(table["dataset"].unique()), "dataset", where=top[1])
        chosen = table[table["dataset"] == dataset]
        runs = figures.run_table(chosen)
        labels = {r["run"]: figures.run_label(r) for _, r in runs.iterrows()}
        run = state.selectbox("Run", list(labels), "run", where=top[2], format_func=ui.label_of(labels))
        metric = state.selectbox("Metric", figures.pair_metrics(chosen), "metric", where=top[3])
        view = state.radio("View", VIEWS, "view", horizontal=True, label_visibility="collapsed")
        if view == "heatmap":
            heatmap_view(chosen, run, dataset, metric)
        elif view == "difference":
            difference_view(chosen, run, dataset, metric, list(labels))
        else:
            language_view(chosen, run, dataset, metric, paths)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
