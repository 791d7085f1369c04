"""α curves: a metric against the share of monolingual batches, with confidence bands, from any results table
holding several α values (a sweep, or the workspace's evaluations of runs with different α)."""

from __future__ import annotations

import streamlit as st

import ui
from hybrid_core import analysis, figures
from hybrid_core.results import SETTINGS
from ui import cache
from ui.state import PageState, Param, in_range, parse_bool, parse_float, parse_list

state = PageState("curves", Param("src", ""), Param("path", ""), Param("dataset", ""), Param("metric", "AP@20"),
                  Param("settings", list(SETTINGS), parse_list), Param("by_lang", False, parse_bool),
                  Param("setting", "multilingual"), Param("conf", 0.95, parse_float, in_range(0.5, 0.99)),
                  Param("panels", True, parse_bool), Param("ref", 0.5, parse_float, in_range(0.0, 1.0)))


def pick_table(where) -> tuple:
    """The results table of the chosen source (sweeps first, then published sweeps: curves are made of them)."""
    sources = cache.results_sources()
    rank = {name: (0 if name.startswith("sweep ") else 1 if name.startswith(cache.PUBLISHED) else 2, index)
            for index, name in enumerate(sources)}
    ordered = sorted(sources, key=rank.__getitem__)
    source = state.selectbox("Results", [*ordered, ui.PATH_CHOICE], "src", where=where)
    paths = sources.get(source, [])
    if source == ui.PATH_CHOICE:
        typed = state.text_input("Results file or folder", "path", placeholder="/path/to/sweep/results")
        paths = cache.results_in(typed) if typed else []
    return (*cache.results(paths), paths) if paths else (None, (), [])


def paired_section(paths: list[str], *, metric: str, dataset: str, settings: list[str], alphas: list[float]) -> None:
    """Each α minus a reference α on the same questions: which gaps between α values are real."""
    st.subheader("Paired differences")
    reference = state.selectbox("Compare every α with", alphas, "ref", format_func=lambda a: f"α = {a:g}")
    tests = cache.paired_tests(paths, metric=metric, dataset=dataset, settings=tuple(settings), reference=reference)
    if tests.empty:
        st.info("Paired tests need per-query rows (evaluations write them by default).", icon=":material/info:")
        return
    fig = figures.paired_difference_panels(tests, metric=metric, reference=reference, title=dataset)
    ui.chart(fig, "paired-chart")
    st.caption("The same questions under two α values: the question-to-question spread both curves share cancels, "
               "so these intervals are much narrower than the bands above. Intervals resample questions and each α's "
               "seeds; p: two-sided sign-flip test over questions with the trained models fixed (with one seed per "
               "α neither says anything about seed-to-seed variation).")
    st.dataframe(tests.round(4), hide_index=True, width="stretch")
    ui.downloads(ui.safe_stem("paired", dataset, metric, f"ref{reference:g}"), figure=fig, table=tests)


def main() -> None:
    ui.page_start("α curves", "Metric vs α (share of monolingual batches) per setting or per query language, with "
                          "confidence bands; the untuned model is the dashed reference.")
    state.sync()
    with ui.messages("Cannot draw the curves"):
        top = st.columns([3, 2, 2, 3])
        table, problems, paths = pick_table(top[0])
        for problem in problems:
            st.warning(f"Skipped a results file: {problem}", icon=":material/warning:")
        if table is None or table.empty:
            ui.empty_state("No results yet. Curves need runs trained with several α values and evaluated on the "
                           "same data: launch a grid such as α = 0, 0.5, 1 (or run a sweep).",
                           page="pages/launch.py", label="Launch runs")
            return
        dataset = state.selectbox("Dataset", sorted(table["dataset"].unique()), "dataset", where=top[1])
        chosen = table[table["dataset"] == dataset]
        metric = state.selectbox("Metric", figures.all_metrics(chosen), "metric", where=top[2])
        confidence = state.slider("Confidence level", "conf", where=top[3], min_value=0.5, max_value=0.99, step=0.01)
        alphas = analysis.curve_alphas(chosen)
        if len(alphas) < 2:
            ui.empty_state(f"{dataset} has results for {len(alphas)} α value(s) "
                           f"({', '.join(f'{a:g}' for a in alphas) or 'none'}); a curve needs at least two. "
                           "Launch runs with other α values on this evaluation data.", page="pages/launch.py",
                           label="Launch runs")
            return
        row = st.columns([5, 2, 2])
        by_language = state.toggle("One curve per query language", "by_lang", where=row[1])
        panels = state.toggle("Own scale per setting", "panels", where=row[2], disabled=by_language,
                              help="One panel per setting, each with its own y range: gaps of a few hundredths "
                                   "between α values stay visible.")
        if by_language:
            settings = [state.selectbox("Setting", list(SETTINGS), "setting", where=row[0])]
        else:
            settings = state.multiselect("Settings", list(SETTINGS), "settings", where=row[0])
        if not settings:
            st.info("Choose at least one setting.", icon=":material/info:")
            return
        points = cache.curve_points(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                    by_language=by_language, confidence=confidence)
        if points.empty:
            st.info(f"No {metric} rows for the chosen settings on {dataset}.", icon=":material/info:")
            return
        reference = analysis.reference_levels(chosen, metric=metric)
        draw = figures.alpha_curve_panels if panels and not by_language else figures.alpha_curves
        fig = draw(points, metric=metric, reference=reference, title=dataset, confidence=confidence)
        ui.chart(fig, "curve-chart")
        st.caption(figures.metric_description(metric))
        st.dataframe(points.round(4), hide_index=True, width="stretch")
        ui.downloads(ui.safe_stem("alpha-curve", dataset, metric, "-".join(settings)), figure=fig, table=points)
        if not by_language:
            paired_section(paths, metric=metric, dataset=dataset, settings=settings, alphas=alphas)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
