"""Bias probe: what an encoder retrieves for a query from a multilingual pool, in which languages, and where each
language's answer to a dataset question lands; a second encoder, or an index-side remedy (before / after), side by
side when asked for."""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

import ui
from hybrid_core import figures, probe
from hybrid_core.access import viewer_backend
from ui import cache
from ui.state import PageState, Param, in_range, parse_bool

MODES = ["ad-hoc query", "dataset question"]
TEXTS = {"sentence": "sentence", "sentence+context": "sentence + paragraph"}
#: The second encoder's empty choice: nothing is encoded until the visitor picks one.
NO_SECOND = ""
state = PageState("probe", Param("enc", "e5-small"), Param("pool", "demo"), Param("path", ""),
                  Param("text", "sentence"), Param("k", 10, int, in_range(1, 100)), Param("mode", "ad-hoc query"),
                  Param("q", ""), Param("lang", "en"), Param("qid", ""), Param("cmp", False, parse_bool),
                  Param("enc2", NO_SECOND), Param("backend", "auto"), Param("remedy", "none"),
                  Param("qlang", "en"))


def settings(encoders: dict, pools: dict) -> tuple[str, str | None, str, int, str]:
    """Encoder, pool source (None while a path is still to be typed), candidate text, k and inference backend."""
    cols = st.columns([3, 2, 2, 2, 2])
    spec = state.selectbox("Encoder", list(encoders), "enc", where=cols[0], format_func=ui.label_of(encoders))
    options = list(pools) if ui.viewer() else [*pools, ui.PATH_CHOICE]
    choice = state.selectbox("Candidate pool", options, "pool", where=cols[1],
                             help="; ".join(f"{name}: {text}" for name, text in pools.items()))
    source: str | None = choice
    if choice == ui.PATH_CHOICE:
        typed = state.text_input("Pool path", "path", placeholder="/path/to/dataset (any supported format)")
        source = ui.data_source(choice, typed, what="pool path") if typed.strip() else None
    text = state.selectbox("Candidates as", list(TEXTS), "text", where=cols[2], format_func=ui.label_of(TEXTS))
    k = state.slider("Top k", "k", where=cols[3], min_value=1, max_value=100)
    if ui.viewer():
        backend = viewer_backend()  # the operator's choice: no visitor triggers a backend export
    else:
        backend = state.selectbox("Backend", cache.backend_choices(), "backend", where=cols[4],
                                  help=cache.BACKEND_HELP)
    return spec, source, text, k, backend


def question_picker(dataset) -> probe.Question | None:
    """A question of the pool's dataset (language, then question)."""
    cols = st.columns([1, 5])
    lang = state.selectbox("Question language", sorted(dataset.questions_by_language), "lang", where=cols[0])
    questions = {q.id: q for q in dataset.questions_by_language[lang]}
    qid = state.selectbox("Question", list(questions), "qid", where=cols[1],
                          format_func=lambda i: questions[i].text)
    return questions.get(qid)


def hits_table(hits: pd.DataFrame, where, *, narrow: bool) -> None:
    """The top k: a sortable table, or (side by side) a static one whose candidate text wraps instead of being cut."""
    shown = hits[["rank", "language", "score", "relevant", "text"]]
    if narrow:
        table = shown.assign(score=shown["score"].map("{:.3f}".format),
                             relevant=shown["relevant"].map(lambda r: "" if pd.isna(r) else ("✓" if r else "")))
        where.table(table.set_index("rank"))
        return
    where.dataframe(shown, hide_index=True, width="stretch",
                    column_config={"score": st.column_config.NumberColumn(format="%.3f"),
                                   "text": st.column_config.TextColumn(width="large")})


def answer(spec: str, remedy: str, source: str, text: str, k: int, backend: str, query: str, question, where, *,
           encoders: dict, narrow: bool, language: str | None, remedied: bool) -> pd.DataFrame:
    """One encoder's top k (and, for a dataset question, where each language's answer lands) in ``where``, on the
    index with ``remedy`` (``none``: the encoder's own embeddings)."""
    label = encoders.get(spec, spec) + (f" · {remedy}" if remedied else "")
    with where:
        ui.prepare_index(spec, source, text, backend, label)
        ui.prepare_remedy(spec, source, text, backend, remedy)
    index = cache.remedy_index(spec, source, text, backend, remedy)
    encoder = cache.encoder(spec, backend)
    started = time.perf_counter()
    hits = probe.probe_query(index, encoder, query, k=k, question=question, language=language)
    where.markdown(f"**{label}** · {index.size:,} candidates · answered in "
                   f"{1000 * (time.perf_counter() - started):.0f} ms")
    hits_table(hits, where, narrow=narrow)
    if question is not None:
        landing = probe.question_landing(index, encoder, question)
        cols = where.columns(2)
        cols[0].metric("Rank distance (RD)", f"{landing.rank_distance:.0f}", help=figures.metric_description("RD"))
        same = landing.same_language_above
        cols[1].metric("Same language above 1st other answer", "–" if same != same else f"{same:.0%}",
                       help=figures.metric_description("SameLangAbove"))
        where.caption("Where each language's answer lands in the pooled ranking (1 = top):")
        where.dataframe(landing.per_language.set_index("language").T, width="stretch")
    return probe.language_distribution(hits, languages=index.pool_languages).assign(encoder=label)


def second_encoder(encoders: dict, first: str) -> str | None:
    """The comparison encoder the visitor picked (None until one is picked: nothing is encoded before)."""
    options = [NO_SECOND, *[spec for spec in encoders if spec != first]]
    labels = {NO_SECOND: "choose an encoder…", **encoders}
    chosen = state.selectbox("Second encoder", options, "enc2", format_func=ui.label_of(labels),
                             help="Indexing a pool for an encoder not used before encodes every candidate (minutes "
                                  "on a large pool), so nothing runs until you pick one.")
    return chosen or None


def main() -> None:
    ui.page_start("Bias probe", "Type a query in any language (or pick a dataset question) and see the languages of "
                            "what comes back. A language-agnostic encoder mixes languages; a biased one stays in the "
                            "query's.")
    state.sync()
    with ui.messages("The probe could not answer"):
        encoders, pools, refusals = ui.probe_choices(state)
        for refusal in refusals:
            st.error(refusal, icon=":material/block:")
        if not encoders or not pools:
            st.info("The operator of this dashboard offers no encoder or pool to probe.", icon=":material/info:")
            return
        spec, source, text, k, backend = settings(encoders, pools)
        if source is None:
            st.info(f"Type the path of a dataset in any supported format, under one of the data roots: "
                    f"{ui.roots_text()}.", icon=":material/folder_open:")
            return
        mode = state.radio("Query", MODES, "mode", horizontal=True, label_visibility="collapsed")
        question = None
        if mode == "dataset question":
            question = question_picker(cache.pool(source))
            query = question.text if question else ""
        else:
            query = state.text_input("Query (any language)", "q", placeholder="e.g. Wer hat die Relativitätstheorie "
                                     "entwickelt?  ·  相对论是谁提出的？")
        row = st.columns([3, 2, 6])
        remedy, refused = ui.probe_remedy(state, where=row[0])
        for refusal in refused:
            st.error(refusal, icon=":material/block:")
        language = None
        if question is None and remedy != "none" and probe.get_remedy_family(remedy).transforms_queries:
            language = state.selectbox("Query language", sorted(cache.pool(source).questions_by_language), "qlang",
                                       where=row[1], help=f"{remedy} transforms the query by its language.")
        compare = state.toggle("Compare with a second encoder", "cmp")
        second = second_encoder(encoders, spec) if compare else None
        if refusals or refused:
            return
        if not query.strip():
            st.info("Type a query, or switch to 'dataset question' to see relevance and rank distance.",
                    icon=":material/search:")
            return
        specs = [spec] + ([second] if second else [])
        wait = ui.over_rate_limit(("probe", tuple(specs), source, text, k, backend, query, remedy, language))
        if wait is not None:
            ui.rate_limit_message(wait)
            return
        views = [(s, r) for s in specs for r in (["none", remedy] if remedy != "none" else ["none"])]
        if remedy != "none":
            st.caption(f"Left: the encoder's own embeddings (none) · right: the pool's candidates with {remedy} "
                       "(queries transformed by their language where the remedy says so).")
        columns = st.columns(len(views))
        shares = [answer(s, r, source, text, k, backend, query, question, col, encoders=encoders,
                         narrow=len(views) > 1, language=language, remedied=remedy != "none")
                  for (s, r), col in zip(views, columns)]
        distribution = pd.concat(shares, ignore_index=True) if len(views) > 1 else shares[0].drop(columns="encoder")
        fig = figures.language_share_bars(distribution, title=f"Languages of the top {k}")
        ui.chart(fig, "share-chart")
        ui.downloads(ui.safe_stem("probe", source, k), figure=fig, table=distribution)
        ui.share(state.share_link())
    state.show_problems()


if __name__ == "__main__":
    main()
