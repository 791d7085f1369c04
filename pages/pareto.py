"""Pareto view: monolingual vs multilingual mAP@20 of every recipe of a sweep or a published archive (each constant α,
α schedule and the untuned model, each with or without an index-side remedy), bias as colour, 95 % intervals, and the
recipes no other recipe beats on both axes."""

from __future__ import annotations

import streamlit as st

import ui
from hybrid_core import figures, views
from ui import cache
from ui.state import PageState, Param

METRIC = "AP@20"
state = PageState("pareto", Param("src", ""), Param("eval", ""), Param("bias", "LangShare@10"))


def source_fallback(names: list[str]) -> str | None:
    """The source a visitor sees first: the workspace's first sweep (by name), else the published budget-s300."""
    own = [n for n in names if n.startswith("sweep ")]
    return own[0] if own else ui.pick(names, [f"{cache.PUBLISHED}budget-s300"])


def draw(points, *, bias: str, title: str, key: str, where) -> object:
    """The core's Pareto figure of a recipe table (the one the sweep reports draw)."""
    _, label, fairer_high = views.PARETO_BIAS[bias]
    fig = figures.pareto_figure(points, metric=METRIC, bias_label=label, title=title,
                                bias_higher_is_better=fairer_high)
    ui.chart(fig, key, where=where)
    return fig


def recipe_table(points, *, bias: str, where) -> None:
    """The recipe table beside the figure (the core's columns, labelled)."""
    number = st.column_config.NumberColumn
    order = ["recipe", "x", "y", "bias", "pareto", "x_low", "x_high", "y_low", "y_high", "runs", "alpha", "kind"]
    where.dataframe(points, hide_index=True, width="stretch", column_order=order, column_config={
        "x": number(f"{METRIC} multi", format="%.4f"), "x_low": number("multi low", format="%.4f"),
        "x_high": number("multi high", format="%.4f"), "y": number(f"{METRIC} mono", format="%.4f"),
        "y_low": number("mono low", format="%.4f"), "y_high": number("mono high", format="%.4f"),
        "bias": number(bias, format="%.3f"), "alpha": number("mean α", format="%g"),
        "pareto": st.column_config.CheckboxColumn("front", help="No other recipe is at least as good on both axes "
                                                               "and better on one.")})


def main() -> None:
    ui.page_start("Pareto view", f"Monolingual vs multilingual {METRIC} of every recipe of a sweep: each constant α "
                                 "(the line: what a dial of α reaches), α schedules and index-side remedies (marked "
                                 "points), the untuned model; bias as colour; outlined and named: the recipes no other "
                                 "recipe beats on both axes.")
    state.sync()
    with ui.messages("Cannot draw the Pareto view"):
        sources = cache.recipe_sources()
        if not sources:
            ui.empty_state("No sweep results yet. The Pareto view compares the recipes of one sweep (constant α "
                           "values, schedules such as linear:0-1, remedies): launch a grid, or publish an archive.",
                           page=None if ui.viewer() else "pages/launch.py", label="Launch runs")
            return
        top = st.columns([3, 3, 3])
        names = list(sources)
        source = state.selectbox("Results", names, "src", where=top[0], fallback=source_fallback(names),
                                 help="A sweep of the workspace or a published archive (docs/results).")
        groups = views.evaluation_groups(sources[source])
        evaluation = state.selectbox("Evaluation", list(groups), "eval", where=top[1],
                                     format_func=lambda e: f"{e} · {len(groups[e])} files")
        paths = groups[evaluation]
        cells = cache.recipe_cells(paths)
        offered = [m for m in views.PARETO_BIAS if (cells["metric"] == m).any()] or ["LangShare@10"]
        bias = state.radio("Colour", offered, "bias", where=top[2], horizontal=True,
                           format_func=lambda m: views.PARETO_BIAS[m][1],
                           help="The bias of each recipe: the same-language share of the top 10 of the monolingual "
                                "cells (lower: less bias), or PEER@20 of the pooled ranking (higher: fairer; in "
                                "evaluations that computed it).")
        title = f"{source.removeprefix(cache.PUBLISHED)} · {evaluation}"
        left, right = st.columns([5, 3])
        placeholder = left.empty()
        if cache.recipe_points_ready(paths, bias=bias):
            points = cache.recipe_points(paths, bias=bias)
        else:  # the means first (a few seconds), then the intervals (per-query rows: once per machine)
            draw(cache.recipe_means(paths, bias=bias), bias=bias, title=title, key="pareto-means",
                 where=placeholder.container())
            wait = ui.over_rate_limit(("pareto", tuple(paths), bias))
            if wait is not None:
                ui.rate_limit_message(wait)
                return
            with left, st.spinner("Bootstrapping the intervals over questions and seeds (once per machine: the "
                                  "result is cached)…"):
                points = cache.recipe_points(paths, bias=bias)
        fig = draw(points, bias=bias, title=title, key="pareto-chart", where=placeholder.container())
        recipe_table(points, bias=bias, where=right)
        front = points.loc[points["pareto"], "recipe"].tolist()
        right.caption(f"On the front ({len(front)}): {', '.join(front)}. x: {METRIC} multilingual, y: {METRIC} "
                      "monolingual, each the mean over the recipe's seeds with a 95 % bootstrap interval over "
                      "questions and seeds.")
        ui.downloads(ui.safe_stem("pareto", source.removeprefix(cache.PUBLISHED), evaluation, bias), figure=fig,
                     table=points)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
