"""α curves: a metric against the share of monolingual batches, with confidence bands, from any results table
holding several α values (a sweep, or the workspace's evaluations of runs with different α)."""

from __future__ import annotations

import streamlit as st

import ui
from hybrid_core import analysis, figures, remedy_views, views
from hybrid_core.results import SETTINGS, has_schedules
from ui import cache
from ui.state import PageState, Param, in_range, parse_bool, parse_float, parse_list

state = PageState("curves", Param("src", ""), Param("path", ""), Param("dataset", ""), Param("metric", "AP@20"),
                  Param("settings", list(SETTINGS), parse_list), Param("by_lang", False, parse_bool),
                  Param("setting", "multilingual"), Param("conf", 0.95, parse_float, in_range(0.5, 0.99)),
                  Param("panels", True, parse_bool), Param("ref", 0.5, parse_float, in_range(0.0, 1.0)),
                  Param("remedy", "none"))


#: Confidence levels a viewer offers (the lab has a slider).
VIEWER_LEVELS = (0.9, 0.95, 0.99)


def source_rank(name: str) -> tuple[int, str]:
    """Sweeps first, then published sweeps (curves are made of them), then the rest."""
    return (0 if name.startswith("sweep ") else 1 if name.startswith(cache.PUBLISHED) else 2, "")


def before_after_section(paths: list[str], report, evaluation, after, *, metric: str, dataset: str,
                         settings: list[str], by_language: bool, confidence: float, remedy: tuple[str, str]) -> None:
    """The curves without a remedy and with it, side by side, and the difference at each α both have."""
    before = report.curve_points(metric=metric, settings=settings, by_language=by_language,
                                 confidence=confidence) if report else None
    if before is None:
        wait = ui.over_rate_limit(("curves", tuple(paths), dataset, metric, tuple(settings), by_language,
                                   confidence, remedy))  # the view's one key: counted once with the after side
        if wait is not None:
            ui.rate_limit_message(wait)
            return
        before = cache.curve_points(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                    by_language=by_language, confidence=confidence)
    st.caption(ui.remedy_caption(remedy))
    columns = st.columns(2)
    for where, points, name, key in ((columns[0], before, "none", "before-curve-chart"),
                                     (columns[1], after, remedy[0], "after-curve-chart")):
        rows = remedy_views.select_remedy(evaluation, remedy if name != "none" else remedy_views.NO_REMEDY)
        fig = figures.alpha_curves(points, metric=metric, reference=analysis.reference_levels(rows, metric=metric),
                                   title=f"{views.evaluation_label(dataset)} · {name}", confidence=confidence)
        ui.chart(fig, key, where=where)
    keys = ["setting", "query_lang", "alpha"] if by_language else ["setting", "alpha"]
    differences = remedy_views.curve_differences(before, after, keys=keys)
    untuned = remedy_views.before_after_means(evaluation, metric=metric, run="untuned", remedy=remedy) \
        if "untuned" in set(evaluation["run"]) and not by_language else None
    st.markdown(f"**{remedy[0]} minus none** at each α both have (mean over seeds; {metric}, "
                f"{'higher' if figures.higher_is_better(metric) else 'lower'} is better):")
    st.dataframe(differences.round(4), hide_index=True, width="stretch", key="remedy-curve-differences")
    if untuned is not None and not untuned.empty:
        st.caption("The untuned model (★-less dashed line on each side):")
        st.dataframe(untuned[untuned["setting"].isin(settings)].round(4), hide_index=True, width="stretch",
                     key="remedy-untuned")
    ui.downloads(ui.safe_stem("alpha-curve", dataset, metric, remedy[0], "minus-none"), table=differences)


def best_section(paths: list[str], report, *, metric: str, dataset: str, settings: list[str], confidence: float,
                 reference: dict, remedy: tuple[str, str] = cache.NO_REMEDY) -> object:
    """Which α is best for each setting: a one-line answer and a table (value, interval, share of bootstrap draws
    won, the untuned model); returns the table of best α values (empty without per-query rows)."""
    best = report.best_alphas(metric=metric, settings=settings, confidence=confidence) if report else None
    if best is None:
        best = cache.best_alphas(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                 confidence=confidence, remedy=remedy)
    if best.empty:
        return best
    line = " · ".join(f"{row['setting']} **{row['best α']:g}**" for _, row in best.iterrows())
    better = "higher" if figures.higher_is_better(metric) else "lower"
    st.markdown(f"**Best α** ({better} {metric} is better): {line} — ★ on the curves; its value, interval and share "
                "of bootstrap draws won below.")
    st.dataframe(views.best_alpha_summary(best, reference), hide_index=True, width="stretch")
    return best


def paired_section(paths: list[str], report, *, metric: str, dataset: str, settings: list[str],
                   alphas: list[float], remedy: tuple[str, str] = cache.NO_REMEDY) -> None:
    """Each α minus a reference α on the same questions: which gaps between α values are real."""
    st.subheader("Paired differences")
    reference = state.selectbox("Compare every α with", alphas, "ref", format_func=lambda a: f"α = {a:g}")
    tests = report.paired_tests(metric=metric, settings=settings, reference=reference) if report else None
    if tests is None:
        tests = cache.paired_tests(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                   reference=reference, remedy=remedy)
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
                          "confidence bands, the best α of each setting (★) and the untuned model (in each panel's "
                          "title, or dashed on one scale).")
    state.sync()
    with ui.messages("Cannot draw the curves"):
        top = st.columns([3, 3, 2, 2])
        table, problems, paths = ui.pick_results(state, top[0], rank=source_rank)
        for problem in problems:
            st.warning(f"Skipped a results file: {problem}", icon=":material/warning:")
        if table is None or table.empty:
            if table is not None or not ui.typing_a_path(state):
                ui.empty_state("No results yet. Curves need runs trained with several α values and evaluated on the "
                               "same data: launch a grid such as α = 0, 0.5, 1 (or run a sweep).",
                               page=None if ui.viewer() else "pages/launch.py", label="Launch runs")
            return
        dataset = state.selectbox("Evaluation", sorted(table["dataset"].unique()), "dataset", where=top[1],
                                  fallback=views.main_evaluation(table),
                                  format_func=lambda d: views.evaluation_label(d, table))
        evaluation = table[table["dataset"] == dataset]
        remedy = ui.pick_remedy(state, evaluation, where=st.columns([3, 8])[0])
        chosen = remedy_views.select_remedy(evaluation, remedy)  # a curve point never averages two remedies
        remedied = remedy != cache.NO_REMEDY and cache.NO_REMEDY in remedy_views.remedies_in(evaluation)
        metric = state.selectbox("Metric", figures.all_metrics(chosen), "metric", where=top[2])
        if ui.viewer():  # a few levels, not 50: each new one is a bootstrap of millions of rows on a shared server
            confidence = state.selectbox("Confidence level", list(VIEWER_LEVELS), "conf", where=top[3],
                                         format_func=lambda c: f"{c:.0%}")
        else:
            confidence = state.slider("Confidence level", "conf", where=top[3], min_value=0.5, max_value=0.99,
                                      step=0.01)
        alphas = analysis.curve_alphas(chosen)
        if len(alphas) < (1 if remedied else 2):
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
        # the published reports: of the evaluation without a remedy (before), and of the chosen remedy's evaluation
        report = cache.published_report(paths, dataset, remedy_views.select_remedy(evaluation, cache.NO_REMEDY))
        published = report if remedy == cache.NO_REMEDY else cache.published_report(paths, dataset, chosen,
                                                                                    remedy[0])
        points = published.curve_points(metric=metric, settings=settings, by_language=by_language,
                                        confidence=confidence) if published else None
        if points is None:
            wait = ui.over_rate_limit(("curves", tuple(paths), dataset, metric, tuple(settings), by_language,
                                       confidence, remedy))
            if wait is not None:
                ui.rate_limit_message(wait)
                return
            points = cache.curve_points(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                        by_language=by_language, confidence=confidence, remedy=remedy)
        elif published is not None:
            st.caption(f"Curves, best α and paired tests as published in `{published.folder.parent.name}/"
                       f"{published.folder.name}/` (computed by `sweep report` from the same archive); other metrics, "
                       "settings or confidence levels are computed here.")
        if points.empty:
            st.info(f"No {metric} rows for the chosen settings on {dataset}.", icon=":material/info:")
            return
        if remedied:
            before_after_section(paths, report, evaluation, points, metric=metric, dataset=dataset,
                                 settings=settings, by_language=by_language, confidence=confidence, remedy=remedy)
            if len(alphas) < 2:
                st.info(f"{remedy[0]} has results for one α ({alphas[0]:g}) on {dataset}: the curve of the remedy, "
                        "its best α and paired tests need a second one.", icon=":material/info:")
                ui.share(state.share_link())
                return
            st.subheader(f"With {remedy[0]}")
        reference = analysis.reference_levels(chosen, metric=metric)
        best = None if by_language else best_section(paths, published, metric=metric, dataset=dataset,
                                                     settings=settings, confidence=confidence, reference=reference,
                                                     remedy=remedy)
        draw = figures.alpha_curve_panels if panels and not by_language else figures.alpha_curves
        marked = cache.schedule_points(paths, metric=metric, dataset=dataset, settings=tuple(settings),
                                       confidence=confidence) if has_schedules(chosen) and not by_language else None
        fig = draw(points, metric=metric, reference=reference, title=views.evaluation_label(dataset),
                   confidence=confidence, schedules=marked)
        if best is not None and not best.empty:
            drawn = [s for s in SETTINGS if s in set(points["setting"])]
            views.mark_best_alpha(fig, best, panels=drawn if panels else None)
        ui.chart(fig, "curve-chart")
        st.caption(figures.metric_description(metric))
        st.dataframe(points.round(4), hide_index=True, width="stretch")
        if marked is not None and len(marked):
            st.caption("α schedules (marked points at their mean α):")
            st.dataframe(marked.round(4), hide_index=True, width="stretch")
        ui.downloads(ui.safe_stem("alpha-curve", dataset, metric, "-".join(settings)), figure=fig, table=points)
        if not by_language:
            paired_section(paths, published, metric=metric, dataset=dataset, settings=settings, alphas=alphas,
                           remedy=remedy)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
