"""Heatmaps: per-language-pair matrices of a run or of an α's seed mean, differences between them (with the seed
spread), per-language views, exports, links; with an index-side remedy, before / after side by side and their
difference."""

from __future__ import annotations

import math

import streamlit as st

import ui
from hybrid_core import figures, remedy_views, views
from ui import cache
from ui.state import PageState, Param

VIEWS = ["heatmap", "difference", "per language"]
state = PageState("heatmaps", Param("src", ""), Param("path", ""), Param("dataset", ""), Param("run", ""),
                  Param("metric", "AP@20"), Param("vs", ""), Param("view", "heatmap"),
                  Param("remedy", "none"))


def summary_metrics(table, metric: str, run: str, dataset: str, where) -> None:
    """Mono / cross / multi beside the heatmap."""
    means = figures.setting_means(table, metric=metric, run=run, dataset=dataset)
    for setting in ("monolingual", "cross-lingual", "multilingual"):
        where.metric(setting, "–" if setting not in means else f"{means[setting]:.3f}")
    where.caption(figures.metric_description(metric))


def draw(table, run: str, dataset: str, metric: str):
    """The heatmap of one run and its matrix."""
    matrix = figures.heatmap_table(table, metric=metric, run=run, dataset=dataset)
    if metric.startswith("LangShare@"):
        return figures.share_heatmap(matrix, k=int(metric.split("@")[1]), title=f"{run} · {dataset}"), matrix
    return figures.pair_heatmap_from_results(table, metric=metric, run=run, dataset=dataset), matrix


def heatmap_view(table, run: str, dataset: str, metric: str) -> None:
    chart, side = st.columns([5, 1])
    fig, matrix = draw(table, run, dataset, metric)
    ui.chart(fig, "heatmap-chart", where=chart)
    summary_metrics(table, metric, run, dataset, side)
    ui.downloads(ui.safe_stem(run, dataset, metric), figure=fig, table=matrix)


def before_after_view(frame, run: str, dataset: str, metric: str, remedy: tuple[str, str]) -> None:
    """The run without a remedy and with it, side by side, then after − before (mono / cross / multi and cells)."""
    try:
        table, after, before = remedy_views.before_after_table(frame, run=run, remedy=remedy)
    except ValueError as exc:  # the run was evaluated with the remedy only: nothing to put beside it
        st.info(f"{exc}; showing {remedy[0]} alone.", icon=":material/info:")
        heatmap_view(remedy_views.select_remedy(frame, remedy), run, dataset, metric)
        return
    st.caption(ui.remedy_caption(remedy) + ("" if before.startswith(f"{run} · ") else
                                            f" Without a remedy this α has other seeds: compared with `{before}`."))
    columns = st.columns(2)
    for where, name, key in ((columns[0], before, "before-chart"), (columns[1], after, "after-chart")):
        fig, matrix = draw(table, name, dataset, metric)
        ui.chart(fig, key, where=where)
        ui.downloads(ui.safe_stem(name, dataset, metric), figure=fig, table=matrix, where=where)
    means = remedy_views.before_after_means(frame, metric=metric, run=run, remedy=remedy, dataset=dataset)
    chart, side = st.columns([5, 1])
    for _, row in means.iterrows():
        side.metric(f"{row['setting']}", f"{row['after']:.3f}", delta=f"{row['difference']:+.3f}",
                    delta_color="normal" if figures.higher_is_better(metric) else "inverse",
                    help=f"after ({remedy[0]}) and its difference from before (none): {row['before']:.4f}")
    fig = figures.difference_heatmap(table, metric=metric, run_a=after, run_b=before, dataset=dataset)
    ui.chart(fig, "remedy-difference-chart", where=chart)
    st.dataframe(means.round(4), hide_index=True, width="stretch", key="remedy-means")
    diff, pooled, _ = figures.difference_table(table, metric=metric, run_a=after, run_b=before, dataset=dataset)
    if len(pooled):
        diff = diff.reindex(index=sorted(set(diff.index) | set(pooled.index))).assign(all=pooled)
    ui.downloads(ui.safe_stem(run, remedy[0], "minus-none", dataset, metric), figure=fig, table=diff)


def spread_metrics(table, metric: str, run: str, other: str, dataset: str, where) -> None:
    """The mono / cross / multi differences beside the difference heatmap, each with its seed spread."""
    spread = views.difference_spread(table, metric=metric, run_a=run, run_b=other, dataset=dataset)
    for _, row in spread.iterrows():
        where.metric(f"Δ {row['setting']}", f"{row['difference']:+.3f}")
        if not math.isnan(row["seed_std"]):
            where.caption(f"± {row['seed_std']:.3f} seed std")
    if spread.empty:
        return
    first = spread.iloc[0]
    if first["how"] == "paired by seed":
        where.caption(f"±: standard deviation over {first['seeds']} seeds of the per-seed difference (the same seed "
                      "of both α values); a Δ well beyond it holds across seeds.")
    elif first["how"] == "seeds apart":
        where.caption(f"±: seed-to-seed standard deviation of the two α values ({first['seeds']} seeds), combined.")
    else:
        where.caption("One run on each side: no seed spread (train more seeds, or compare seed means).")


def difference_view(table, run: str, dataset: str, metric: str, labels: dict[str, str]) -> None:
    others = [r for r in labels if r != run]
    if not others:
        ui.empty_state("Only one run has results on this dataset: evaluate another (e.g. the untuned model) to "
                       "compare.", page=None if ui.viewer() else "pages/launch.py", label="Launch runs")
        return
    untuned = ui.pick(others, [r for r in others if r.startswith("untuned")])
    other = state.selectbox("Minus", others, "vs", fallback=untuned, where=st.columns([2, 3])[0],
                            format_func=ui.label_of(labels), help="The heatmap shows the selected run minus this one.")
    chart, side = st.columns([5, 1])
    fig = figures.difference_heatmap(table, metric=metric, run_a=run, run_b=other, dataset=dataset)
    ui.chart(fig, "difference-chart", where=chart)
    spread_metrics(table, metric, run, other, dataset, side)
    diff, pooled, _ = figures.difference_table(table, metric=metric, run_a=run, run_b=other, dataset=dataset)
    if len(pooled):
        diff = diff.reindex(index=sorted(set(diff.index) | set(pooled.index))).assign(all=pooled)
    ui.downloads(ui.safe_stem(run, "minus", other, dataset, metric), figure=fig, table=diff)


def language_view(table, run: str, dataset: str, metric: str, paths: list[str], remedy: tuple[str, str]) -> None:
    profile = figures.language_profile(table, metric=metric, run=run, dataset=dataset)
    fig = figures.language_bars(profile, metric=metric, title=f"{run} · {dataset}")
    ui.chart(fig, "language-chart")
    st.dataframe(profile.round(4), hide_index=True, width="stretch")
    ui.downloads(ui.safe_stem(run, dataset, metric, "per-language"), figure=fig, table=profile.set_index("query_lang"))
    if table.loc[table["run"] == run, "model"].eq(views.MEAN_MODEL).any():
        st.caption("The per-question rank-distance distribution is drawn for single runs: pick one of the seeds.")
        return
    rd = cache.per_query_values(paths, metric="RD", run=run, dataset=dataset, remedy=remedy)
    if len(rd):
        ui.chart(figures.rd_distribution(rd, title=f"{run} · {dataset}"), "rd-chart")


def main() -> None:
    ui.page_start("Heatmaps", "Query language × candidate language for one run or the mean of an α's seeds; "
                          "differences with their seed spread; per-language views. The selection is kept in the URL, "
                          "so the address is a shareable link.")
    state.sync()
    with ui.messages("Cannot read the results"):
        top = st.columns([3, 3, 3, 2])
        table, problems, paths = ui.pick_results(state, top[0], seed_means=True)
        for problem in problems:
            st.warning(f"Skipped a results file: {problem}", icon=":material/warning:")
        if table is None or table.empty:
            if table is not None or not ui.typing_a_path(state):
                ui.empty_state("No results to show yet. Launch a run with evaluation data (or run the demo on Home); "
                               "evaluations land in the workspace and appear here.",
                               page=None if ui.viewer() else "pages/launch.py", label="Launch runs")
            return
        datasets = sorted(table["dataset"].unique())
        dataset = state.selectbox("Evaluation", datasets, "dataset", where=top[1],
                                  fallback=views.main_evaluation(table),
                                  format_func=lambda d: views.evaluation_label(d, table))
        evaluation = table[table["dataset"] == dataset]
        remedy = ui.pick_remedy(state, evaluation, where=st.columns([3, 8])[0])
        chosen = remedy_views.select_remedy(evaluation, remedy)  # one remedy: no view averages two
        labels = views.run_choices(chosen)
        run = state.selectbox("Run", list(labels), "run", where=top[2], format_func=ui.label_of(labels),
                              fallback=views.default_run(list(labels), chosen),
                              help="A run, or the mean of the seeds of an α (its cells averaged over the seeds).")
        metric = state.selectbox("Metric", figures.pair_metrics(chosen), "metric", where=top[3])
        view = state.radio("View", VIEWS, "view", horizontal=True, label_visibility="collapsed")
        if view == "heatmap" and remedy != remedy_views.NO_REMEDY and \
                remedy_views.NO_REMEDY in remedy_views.remedies_in(evaluation):
            before_after_view(evaluation, run, dataset, metric, remedy)
        elif view == "heatmap":
            heatmap_view(chosen, run, dataset, metric)
        elif view == "difference":
            difference_view(chosen, run, dataset, metric, labels)
        else:
            language_view(chosen, run, dataset, metric, paths, remedy)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
