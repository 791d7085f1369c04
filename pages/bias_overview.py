"""Bias overview: over many questions of a pool, the top-k language-share matrix and the rank-distance distribution
per query language; and a 2-D projection of the candidate embeddings coloured by language; with an index-side remedy,
without and with it side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from hybrid_core import figures, probe
from hybrid_core.access import viewer_backend
from ui import cache
from ui.state import PageState, Param, in_range, parse_bool

SAMPLES = {50: "50 per language (quick)", 200: "200 per language", 0: "all questions"}
#: What a viewer may ask for: all of XQuAD-R's 13,090 questions is minutes of encoding per encoder.
VIEWER_SAMPLES = (50, 200)
TEXTS = {"sentence": "sentence", "sentence+context": "sentence + paragraph"}
state = PageState("bias", Param("enc", "e5-small"), Param("pool", "demo"), Param("path", ""),
                  Param("text", "sentence"), Param("k", 10, int, in_range(1, 100)), Param("n", 200, int),
                  Param("cmp", False, parse_bool), Param("enc2", ""), Param("backend", "auto"),
                  Param("proj", "pca"), Param("per", 300, int, in_range(10, 2000)), Param("remedy", "none"))


def settings(encoders: dict, pools: dict) -> tuple[list[str], str | None, str, int, int | None, str]:
    """Encoders (one, or two once a second one is picked), pool source (None while a path is still to be typed),
    candidate text, k, questions per language and backend."""
    cols = st.columns([3, 2, 2, 2, 2, 2])
    specs = [state.selectbox("Encoder", list(encoders), "enc", where=cols[0], format_func=ui.label_of(encoders))]
    options = list(pools) if ui.viewer() else [*pools, ui.PATH_CHOICE]
    choice = state.selectbox("Candidate pool", options, "pool", where=cols[1])
    source: str | None = choice
    if choice == ui.PATH_CHOICE:
        typed = state.text_input("Pool path", "path", placeholder="/path/to/dataset (any supported format)")
        source = ui.data_source(choice, typed, what="pool path") if typed.strip() else None
    text = state.selectbox("Candidates as", list(TEXTS), "text", where=cols[2], format_func=ui.label_of(TEXTS))
    k = state.slider("Top k", "k", where=cols[3], min_value=1, max_value=100)
    samples = {n: label for n, label in SAMPLES.items() if not ui.viewer() or n in VIEWER_SAMPLES}
    n = state.selectbox("Questions", list(samples), "n", where=cols[4], format_func=ui.label_of(samples))
    if ui.viewer():
        backend = viewer_backend()  # the operator's choice: no visitor triggers a backend export
    else:
        backend = state.selectbox("Backend", cache.backend_choices(), "backend", where=cols[5],
                                  help=cache.BACKEND_HELP)
    if state.toggle("Compare with a second encoder", "cmp"):
        others = ["", *[spec for spec in encoders if spec != specs[0]]]
        second = state.selectbox("Second encoder", others, "enc2",
                                 format_func=ui.label_of({"": "choose an encoder…", **encoders}),
                                 help="Nothing is encoded until you pick one (a new encoder encodes the whole pool).")
        if second:
            specs.append(second)
    return specs, source, text, k, (n or None), backend


def aggregate_view(specs: list[str], source: str, text: str, k: int, per_language: int | None, backend: str,
                   remedy: str) -> None:
    """Share matrices (side by side when comparing encoders or a remedy with none) and the RD distributions
    (together)."""
    encoders = cache.encoder_choices()
    views = [(spec, r) for spec in specs for r in (["none", remedy] if remedy != "none" else ["none"])]
    rds = []
    for i, (spec, fix) in enumerate(views):
        if i % 2 == 0:
            columns = st.columns(2)
        with columns[i % 2]:
            ui.prepare_index(spec, source, text, backend, encoders.get(spec, spec))
            ui.prepare_remedy(spec, source, text, backend, fix)
        matrix, rd, asked = cache.aggregate(spec, source, text, k, per_language, backend, fix)
        name = encoders.get(spec, spec).split(" (")[0] + (f" · {fix}" if remedy != "none" else "")
        with columns[i % 2]:
            fig = figures.share_heatmap(matrix, k=k, title=name)
            ui.chart(fig, f"share-{i}")
            st.caption(f"{asked:,} questions asked against the pooled candidates of all languages.")
            ui.downloads(ui.safe_stem("language-share", source, k, i + 1, spec.split("/")[-1], fix), figure=fig,
                         table=matrix)
        rds.append(rd.assign(encoder=name))
    rd = pd.concat(rds, ignore_index=True)
    with columns[1] if len(views) == 1 else st.container():
        fig = figures.rd_distribution(rd if len(views) > 1 else rd.drop(columns="encoder"), title=source)
        ui.chart(fig, "rd-chart")
        ui.downloads(ui.safe_stem("rank-distance", source), figure=fig, table=rd)


def projection_view(spec: str, source: str, text: str, backend: str, remedy: str) -> None:
    """The 2-D projection of the first encoder's candidate embeddings (without and with the remedy)."""
    cols = st.columns(2)
    method = state.radio("Projection", list(probe.PROJECTIONS), "proj", where=cols[0], horizontal=True,
                         format_func=lambda m: {"pca": "PCA (instant)", "tsne": "t-SNE (slower)"}[m])
    per = state.slider("Candidates per language", "per", where=cols[1], min_value=10, max_value=2000, step=10)
    fixes = ["none", remedy] if remedy != "none" else ["none"]
    columns = st.columns(len(fixes))
    for fix, where in zip(fixes, columns):
        points = cache.projection(spec, source, text, method, per, backend, fix)
        title = f"{cache.encoder_choices().get(spec, spec)} · {source} · {method.upper()}"
        fig = figures.projection_scatter(points, title=title + (f" · {fix}" if remedy != "none" else ""))
        ui.chart(fig, "projection-chart" if fix == "none" else "projection-remedy-chart", where=where)
        ui.downloads(ui.safe_stem("projection", source, method, fix), figure=fig, table=points, where=where)
    st.caption("Clusters by colour mean the encoder separates languages; a language-agnostic encoder mixes them.")


def main() -> None:
    ui.page_start("Bias overview", "Language bias over many questions: which languages fill the top k, how far apart a "
                               "question's answers in different languages land (RD), and how the embeddings cluster.")
    state.sync()
    with ui.messages("Cannot compute the overview"):
        encoders, pools, refusals = ui.probe_choices(state)
        for refusal in refusals:
            st.error(refusal, icon=":material/block:")
        if not encoders or not pools:
            st.info("The operator of this dashboard offers no encoder or pool to probe.", icon=":material/info:")
            return
        specs, source, text, k, per_language, backend = settings(encoders, pools)
        remedy, refused = ui.probe_remedy(state, where=st.columns([3, 8])[0])
        for refusal in refused:
            st.error(refusal, icon=":material/block:")
        if refusals or refused:
            return
        if source is None:
            st.info(f"Type the path of a dataset in any supported format, under one of the data roots: "
                    f"{ui.roots_text()}.", icon=":material/folder_open:")
            return
        wait = ui.over_rate_limit(("overview", tuple(specs), source, text, k, per_language, backend, state["proj"],
                                   state["per"], remedy))
        if wait is not None:
            ui.rate_limit_message(wait)
            return
        share_tab, projection_tab = st.tabs(["Language share and rank distance", "2-D projection"])
        with share_tab:
            aggregate_view(specs, source, text, k, per_language, backend, remedy)
        with projection_tab:
            projection_view(specs[0], source, text, backend, remedy)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
