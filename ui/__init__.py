"""Streamlit-side helpers shared by the dashboard's pages: messages, data pickers, run and sweep status, form
parsing.

The pages (``pages/*.py``) are layout; the work happens in :mod:`hybrid_core` through the cached getters of
:mod:`ui.cache`; the shareable state of a page is a :class:`ui.state.PageState`. Nothing here computes metrics or
reads result files.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

log = logging.getLogger(__name__)

#: What a data picker shows for "type a path".
PATH_CHOICE = "a path…"
#: Material icons of run and job states (rendered by Streamlit's own icon font, so no emoji font is needed).
STATE_ICONS: dict[str, str] = {
    "queued": ":material/hourglass_empty:", "running": ":material/directions_run:",
    "training": ":material/directions_run:", "evaluating": ":material/calculate:",
    "finished": ":material/check_circle:", "done": ":material/check_circle:", "failed": ":material/error:",
    "cancelled": ":material/stop_circle:", "stopping": ":material/hourglass_top:", "stopped": ":material/pause_circle:",
    "running in a shell": ":material/terminal:", "not launched": ":material/pause_circle:"}
#: Exceptions the core raises for bad input or missing things; shown as messages, never as tracebacks.
EXPECTED_ERRORS: tuple[type[BaseException], ...] = (ValueError, FileNotFoundError, NotADirectoryError, KeyError,
                                                    PermissionError, RuntimeError)


@contextlib.contextmanager
def messages(what: str) -> Iterator[None]:
    """Run a block; a failure is shown as ``st.error("<what>: <message>")`` instead of a traceback.

    Expected errors (bad input, missing data) show their message; anything else also says it was logged.
    """
    try:
        yield
    except EXPECTED_ERRORS as exc:
        st.error(f"{what}: {exc}", icon=":material/error:")
    except Exception as exc:  # last resort: a message for the user, the traceback for the server log
        log.exception("%s failed", what)
        st.error(f"{what} failed unexpectedly ({type(exc).__name__}: {exc}); details are in the server log.",
                 icon=":material/error:")


#: Page CSS: less space above the title; on a narrow screen (a phone) every chart (:func:`chart`) keeps a legible
#: width of 640 px and scrolls sideways in its own box, instead of squeezing 12 columns of numbers into 350 px
#: (Streamlit sizes a plotly chart to its element's width, so the width is set on the element).
PAGE_CSS = ("<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
            "@media (max-width: 700px){[class*='st-key-chart-']{overflow-x:auto}"
            "[class*='st-key-chart-']>[data-testid='stElementContainer']{min-width:640px}}</style>")


def viewer() -> bool:
    """Whether the dashboard runs read-only (``HBL_MODE=viewer``, :mod:`hybrid_core.access`)."""
    from hybrid_core.access import is_viewer

    return is_viewer()


def page_start(title: str, caption: str) -> None:
    """Start a page: make sure it runs inside the app's navigation, then its title and a one-line explanation.

    In viewer mode the sidebar says so and has no "Reload data" button (its cache clearing is server-wide)."""
    from ui import cache

    use_app_navigation()
    st.html(PAGE_CSS)
    if viewer():
        st.sidebar.caption("Read-only view of published and finished results.")
    else:
        st.sidebar.button("Reload data", icon=":material/refresh:", on_click=cache.refresh, key="reload-data",
                          help="Re-read runs and results from the workspace (loaded models and indexes stay).")
    st.title(title)
    st.caption(caption)


def roots_text() -> str:
    """The data roots as a short list for messages (``HBL_DATA_ROOTS``)."""
    from hybrid_core.paths import data_roots

    return ", ".join(f"`{root}`" for root in data_roots())


def typing_a_path(state: Any) -> bool:
    """Whether the page's results source is "a path…" (so an empty table means nothing typed yet)."""
    return state["src"] == PATH_CHOICE


def pick_results(state: Any, where: Any, *, seed_means: bool = False, rank: Any = None) -> tuple:
    """The results picker of a page (its ``src`` and ``path`` state): a named source (workspace evaluations, a
    sweep, a published sweep) or, in lab mode, a typed results file or folder under the data roots.

    Args:
        state: the page's :class:`ui.state.PageState` (with ``src`` and ``path``).
        where: where the selectbox goes.
        seed_means: add each α's seed-mean run (:func:`hybrid_core.views.with_alpha_means`).
        rank: optional sort key of the source names.

    Returns:
        ``(cell means or None, unreadable files, paths)``; None while nothing is chosen or typed.

    Raises:
        hybrid_core.probe.ProbeError: a typed path that does not exist, lies outside the data roots or holds no
            results files.
    """
    from ui import cache

    sources = cache.results_sources()
    names = sorted(sources, key=rank) if rank else list(sources)
    names = names or [""]  # nothing to read yet: an empty choice (the default, so it stays out of the URL)
    options = names if viewer() else [*names, PATH_CHOICE]
    source = state.selectbox("Results", options, "src", where=where, format_func=lambda s: s or "no results yet",
                             help="Every evaluation of the workspace, one sweep, a published sweep"
                                  + ("" if viewer() else ", or a results file/folder (.parquet or .csv in the "
                                     "results schema) under the data roots") + ".")
    paths = sources.get(source, [])
    if source == PATH_CHOICE:
        typed = state.text_input("Results file or folder", "path", placeholder="/path/to/results.parquet")
        if not typed.strip():
            st.info(f"Type the path of a results file (.parquet or .csv) or of a folder holding some. It must lie "
                    f"under one of the data roots: {roots_text()}.", icon=":material/folder_open:")
            return None, (), []
        paths, stopped = cache.results_in(typed)
        if stopped:
            st.warning(f"Reading the first {len(paths)} results file(s) found: {stopped}.", icon=":material/warning:")
    if not paths:
        return None, (), []
    table, problems = cache.results(paths, seed_means=seed_means)
    return table, problems, paths


def pick_remedy(state: Any, frame: Any, where: Any = st) -> tuple[str, str]:
    """The remedy picker of a results page (its ``remedy`` state): offered when the evaluation's rows hold several
    remedies (``debias``, ``debias_fit``), ``none`` first and by default; returns the chosen (debias, debias_fit).
    With one remedy in the rows, that one (nothing to choose)."""
    from hybrid_core.remedy_views import NO_REMEDY, remedy_choices

    choices = remedy_choices(frame)
    if len(choices) <= 1:
        return next(iter(choices.values()), NO_REMEDY)
    label = state.selectbox("Index-side remedy", list(choices), "remedy", where=where, fallback="none",
                            help="Results of this evaluation with an index-side bias remedy (the debias column: the "
                                 "same spellings as evaluate --debias). 'none' shows the evaluation as it is; a "
                                 "remedy shows before (none) and after (the remedy) side by side, and their "
                                 "difference. Results of different remedies are never averaged together.")
    return choices[label]


def remedy_caption(remedy: tuple[str, str]) -> str:
    """``after: centering (statistics of the evaluated candidates)`` for a page's before / after caption."""
    debias, fit = remedy
    source = "the evaluated candidates (fit=index)" if fit == "index" else f"{fit} (fit=train)" if fit else "-"
    return f"Before: no remedy (`none`) · after: `{debias}`, statistics from {source}."


def use_app_navigation() -> None:
    """Rerun through ``app.py`` when Streamlit started this page by its old ``pages/`` folder convention.

    Streamlit treats a ``pages/`` folder beside the entry point as the old multipage layout until the entry point has
    called ``st.navigation`` once in the server process; a page opened directly by its URL before that (a shared
    link, the first request after a restart) would run without the app's navigation, layout and page titles. The
    page then switches the server to ``st.navigation`` mode and reruns, which runs ``app.py`` and this same page.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without this internal: nothing to fix
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def parse_numbers(text: str, *, what: str, integer: bool = False) -> list[float] | list[int]:
    """A comma/space separated list of numbers typed in a form (``"0, 0.5, 1"``), without repeats, in order.

    Raises:
        ValueError: empty text or an item that is not a number (the message names it).
    """
    items = [part for part in str(text).replace(",", " ").split() if part]
    if not items:
        raise ValueError(f"{what}: enter at least one value")
    values: dict[float, None] = {}
    for item in items:
        try:
            value = int(item) if integer else float(item)
        except ValueError:
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"{what}: {item!r} is not {kind}") from None
        if not integer and not math.isfinite(value):
            raise ValueError(f"{what}: {item!r} is not a finite number")
        values[value] = None
    return list(values)


def parse_schedules(text: str) -> list[str]:
    """α values and schedules typed in a form (``"0, 0.5, 1, linear:0-1, points:0@0,1@0.5"``), without repeats.

    Items are separated by commas or spaces; the comma-separated points of a ``points:`` schedule stay together.

    Raises:
        ValueError: empty text, or an item that is neither a number in [0, 1] nor a schedule (the message names it).
    """
    from hybrid_core.schedules import parse_schedule

    items: list[str] = []
    for part in [p for p in str(text).replace(",", " , ").split() if p]:
        if part == ",":
            continue
        if items and items[-1].startswith("points:") and "@" in part and ":" not in part:
            items[-1] += "," + part  # the next point of a points: schedule
        else:
            items.append(part)
    if not items:
        raise ValueError("α: enter at least one value in [0, 1] or a schedule such as linear:0-1")
    return list(dict.fromkeys(str(parse_schedule(item, where="α")) for item in items))


def data_options(*, none: str | None = None) -> list[str]:
    """Choices of a data picker: the demo set, the shared datasets present here, a typed path (and ``none``)."""
    from hybrid_core.probe import available_pools

    options = list(available_pools())
    options.append(PATH_CHOICE)
    return [none, *options] if none else options


def data_source(choice: str, typed_path: str, *, what: str) -> str:
    """The data source string of a picker: a pool name, or the typed path after checking it exists.

    Raises:
        hybrid_core.probe.ProbeError: an empty or non-existing path.
    """
    from hybrid_core.probe import check_user_path

    if choice != PATH_CHOICE:
        return choice
    return str(check_user_path(typed_path, what=what))


def data_path(choice: str, typed_path: str, *, what: str) -> str:
    """Like :func:`data_source`, but a named pool becomes its folder: for settings that take a path (training data,
    a sweep's evaluations).

    Raises:
        hybrid_core.probe.ProbeError: an empty or non-existing path, or a named pool that is not on this machine.
    """
    from hybrid_core.probe import pool_path

    return pool_path(data_source(choice, typed_path, what=what))


def model_source(choice: str, typed: str) -> str:
    """The model spec of a model picker: a named spec, a checked local folder, or a hub id (``org/name``).

    Raises:
        ValueError: nothing typed, or a path-like text that does not exist.
    """
    from hybrid_core.probe import check_user_path

    if choice != PATH_CHOICE:
        return choice
    text = typed.strip()
    if not text:
        raise ValueError("model: enter a model folder, a run folder or a hub id such as intfloat/multilingual-e5-base")
    looks_like_path = text.startswith(("/", ".", "~")) or text.count("/") > 1 or Path(text).expanduser().exists()
    return str(check_user_path(text, what="model folder")) if looks_like_path else text


# ----- bias pages: what may be probed, and saying what a first use costs -----------------------------------------
#: Candidates a backend encodes per second on 2 busy CPU cores (sentence candidates; paragraph context is ~4x the
#: tokens), for the estimate shown before an index is built; measured: 13,014 XQuAD-R sentences in ~135 s (torch).
ENCODE_RATE = {"torch": 100.0, "auto": 250.0}


def probe_choices(state: Any, *, encoder_name: str = "enc", pool_name: str = "pool") -> tuple[dict, dict, list]:
    """The encoders (spec -> label) and pools (name -> description) a bias page offers, and refusals.

    Lab mode: every base encoder and finished run; every named pool of this machine (plus a typed path). Viewer
    mode: only those the operator listed (``HBL_VIEWER_ENCODERS``, ``HBL_VIEWER_POOLS``); a link asking for another
    one is refused: the page's value falls back to the first allowed one and the refusal
    (:class:`hybrid_core.access.NotAllowedError`, naming the allowed ones) is returned for the page to show (it then
    computes nothing in this run).
    """
    from hybrid_core import access
    from hybrid_core.probe import available_pools
    from ui import cache

    pools = available_pools()
    if not viewer():
        return cache.encoder_choices(), pools, []
    labels = cache.encoder_choices()
    encoders = {spec: labels.get(spec, f"run {name}") for spec, name in access.allowed_encoders().items()}
    allowed = {name: pools.get(name, f"dataset folder {Path(name).name}") for name in access.allowed_pools(list(pools))}
    refusals = []
    for name, options, what, variable, listed in (
            (pool_name, allowed, "pool", "HBL_VIEWER_POOLS", access.viewer_pools()),
            (encoder_name, encoders, "encoder", "HBL_VIEWER_ENCODERS", access.viewer_encoders())):
        value = state[name]
        if state.from_link(name) and value not in options:
            state.set(name, next(iter(options), state.params[name].default))
            refusals.append(str(access.not_offered(value, listed, what=what, variable=variable)))
    return encoders, allowed, refusals


def probe_remedy(state: Any, where: Any = st, *, name: str = "remedy") -> tuple[str, list[str]]:
    """The index-side remedy picker of a bias page: ``none`` (the default: nothing is fitted) or a remedy of
    :data:`hybrid_core.probe.REMEDY_CHOICES` (lab; a link may bring any other valid spelling) / of
    ``HBL_VIEWER_REMEDIES`` (viewer). A link asking a viewer for another one, or bringing a spelling that does not
    parse, is refused like an unlisted pool: the value falls back to ``none`` and the refusal is returned (the page
    then computes nothing in this run)."""
    from hybrid_core import access
    from hybrid_core.debias import parse_remedy
    from hybrid_core.probe import REMEDY_CHOICES

    options = ["none", *access.viewer_remedies()] if viewer() else list(REMEDY_CHOICES)
    refusals = []
    value = state[name]
    try:
        canonical = str(parse_remedy(value))
    except ValueError as exc:
        canonical = None
        refusals.append(str(exc))
    if canonical is not None and not viewer() and canonical not in options:
        options.append(canonical)  # the lab takes any valid spelling a link brings (lir:3, shift:0.7,source=de)
    if canonical is not None and canonical != value and canonical in options:
        state.set(name, canonical)  # shift:0.5 -> shift:0.5,source=en
    elif canonical not in options and state.from_link(name):
        if canonical is not None:
            refusals.append(str(access.not_offered(value, options[1:], what="remedy",
                                                   variable="HBL_VIEWER_REMEDIES")))
        state.set(name, "none")
    chosen = state.selectbox("Index-side remedy", options, name, where=where, fallback="none",
                             help="Apply a bias remedy to the pool's candidate embeddings (the spellings of evaluate "
                                  "--debias) and show the answers without it and with it side by side. fit=index "
                                  "remedies are fitted on the pool's own embeddings; SHIFT and fit=train ones on the "
                                  "protocol's training split (demo: its train split; XQuAD-R: MLQA-R; MLQA-R: "
                                  "XQuAD-R). Nothing is fitted until you choose one.")
    return chosen, refusals


def prepare_remedy(spec: str, source: str, text: str, backend: str, remedy: str) -> None:
    """Fit a remedy on a pool's index, saying what happens when it is not in memory yet."""
    from ui import cache

    if cache.remedy_ready(spec, source, text, backend, remedy):
        return
    where = "the pool's candidate embeddings" if "fit=train" not in remedy and not remedy.startswith("shift") \
        else "the pool's training split (its texts encoded once per encoder, then read from the disk cache)"
    with st.spinner(f"Fitting {remedy} on {where} and applying it to the index, once per server…"):
        cache.remedy_index(spec, source, text, backend, remedy)


def over_rate_limit(action: tuple) -> float | None:
    """In viewer mode, count a new computation of this session (a probe query, an overview, a computed α curve;
    ``action`` names it, so reruns of the same answer are free); returns the seconds to wait when the session is over
    ``HBL_PROBE_RATE`` a minute, else None."""
    if not viewer():
        return None
    from hybrid_core.access import RateLimiter, limits

    ss = st.session_state
    if ss.get("probe-rate:last") == action:
        return None
    limiter = ss.get("probe-rate:limiter")
    if limiter is None:
        limiter = ss["probe-rate:limiter"] = RateLimiter(limits().probe_rate, window_seconds=60)
    if limiter.allow():
        ss["probe-rate:last"] = action
        return None
    return limiter.retry_after()


def rate_limit_message(wait: float) -> None:
    """The message of :func:`over_rate_limit`."""
    from hybrid_core.access import limits

    st.warning(f"This shared dashboard answers at most {limits().probe_rate} new computations (probe queries, "
               f"overviews, curves) a minute per visitor; try again in {math.ceil(wait)} s.",
               icon=":material/hourglass_top:")


def prepare_encoder(spec: str, backend: str, label: str) -> None:
    """Load an encoder, saying what happens when it is not in memory yet (first use on this server)."""
    from ui import cache

    if cache.encoder_ready(spec, backend):
        return
    name = label.split(" (")[0]
    with st.spinner(f"Loading {name} ({backend} backend) and warming it up on queries of 1–64 words, so that no "
                    "query waits for it later: once per server, about 15 s on 2 idle CPU cores (an OpenVINO "
                    "backend's first export and calibration take a minute more)…"):
        cache.encoder(spec, backend)


def prepare_index(spec: str, source: str, text: str, backend: str, label: str) -> None:
    """Build a pool's probe index for an encoder with a progress bar and an estimate of the time left, when it is
    not in memory yet (embeddings already in the disk cache load in about a second)."""
    import time

    from ui import cache

    prepare_encoder(spec, backend, label)
    if cache.index_ready(spec, source, text, backend):
        return
    size = len(cache.pool(source).candidates)
    rate = ENCODE_RATE.get(backend, ENCODE_RATE["auto"]) / (4 if text == "sentence+context" else 1)
    what = f"Encoding the {size:,} candidates of {source} with {label.split(' (')[0]}"
    bar = st.progress(0.0, text=f"{what}: about {format_seconds(size / rate)} on 2 CPU cores, once per model and "
                                "pool (then read from the disk cache)…")
    started = time.monotonic()

    def progress(share: float) -> None:
        elapsed = time.monotonic() - started
        left = elapsed / share * (1 - share) if share > 0.02 else size / rate - elapsed
        bar.progress(min(1.0, share), text=f"{what}: {share:.0%} · about {format_seconds(max(left, 0))} left "
                                           "(once per model and pool)")

    cache.probe_index(spec, source, text, backend, progress=progress)
    bar.empty()


def status_line(status: dict[str, Any]) -> str:
    """``step 3/10 · loss 1.234 · realized α 0.50 · ETA 12 s`` from a run's status."""
    parts = [f"step {status.get('step') or 0}/{status.get('total') or '?'}"]
    if _number(status.get("loss")):
        parts.append(f"loss {status['loss']:.3f}")
    if _number(status.get("realized_alpha")):
        parts.append(f"realized α {status['realized_alpha']:.2f}")
    if _number(status.get("eta_seconds")) and status.get("state") == "running":
        parts.append(f"ETA {format_seconds(status['eta_seconds'])}")
    return " · ".join(parts)


def format_seconds(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``, ``1 h 2 min``."""
    seconds = round(float(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {(seconds % 3600) // 60} min"


def progress_share(status: dict[str, Any]) -> float:
    """Share of the steps done (0..1)."""
    total = status.get("total") or 0
    return min(1.0, max(0.0, float(status.get("step") or 0) / total)) if total else 0.0


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def tail(path: str | Path, lines: int = 40) -> str:
    """The last lines of a text file ('' when it does not exist)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 64_000))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def empty_state(message: str, *, page: str | None = None, label: str = "", icon: str = ":material/info:") -> None:
    """A helpful empty state: what is missing and, with ``page``, a link to where to get it."""
    st.info(message, icon=icon)
    if page:
        link(page, label or "Go there", icon=":material/arrow_forward:")


def link(page: str, label: str, *, icon: str | None = None, query_params: dict[str, str] | None = None) -> None:
    """A link to another page of the app (plain text when the page runs on its own, outside the navigation)."""
    from streamlit.errors import StreamlitAPIException

    try:
        st.page_link(page, label=label, icon=icon, query_params=query_params)
    except StreamlitAPIException:  # the page was started alone (e.g. in a test): no navigation to link into
        st.caption(f"{label}: see {page}")


def downloads(stem: str, *, figure: Any = None, table: Any = None, where: Any = st) -> None:
    """PNG / HTML / CSV download buttons for a figure and the numbers behind it.

    The PNG is made only when its button is clicked (kaleido + Chromium take a few seconds); when no browser is
    available the PNG button is replaced by the reason.
    """
    from hybrid_core import figures

    columns = where.columns(3)
    if figure is not None:
        reason = figures.png_unavailable_reason()
        if reason:
            columns[0].caption(reason)
        else:
            columns[0].download_button("PNG", data=lambda: figures.png_bytes(png_ready(figure)),
                                       file_name=f"{stem}.png",
                                       mime="image/png", icon=":material/image:", on_click="ignore",
                                       key=f"png-{stem}")
        columns[1].download_button("HTML", data=lambda: figures.html_text(figure, title=stem),
                                   file_name=f"{stem}.html", mime="text/html", icon=":material/html:",
                                   on_click="ignore", key=f"html-{stem}")
    if table is not None:
        columns[2].download_button("CSV", data=figures.csv_bytes(table), file_name=f"{stem}.csv", mime="text/csv",
                                   icon=":material/table:", on_click="ignore", key=f"csv-{stem}")


def png_ready(figure: Any) -> Any:
    """A copy of a figure for the PNG export: the static renderer sets a two-line title a dozen pixels higher than
    the browser does, which clipped its first line at the image's top edge; more padding above it fixes that."""
    import plotly.graph_objects as go

    exported = go.Figure(figure)
    pad = exported.layout.title.pad.t or 0
    exported.update_layout(title_pad_t=max(pad, 30))
    return exported


def chart(figure: Any, key: str, *, where: Any = st) -> None:
    """A plotly figure as drawn by :mod:`hybrid_core.figures` (plotly's own theme, so the page shows what the PNG and
    HTML exports contain), in a box of its own that scrolls sideways on a narrow screen (:data:`PAGE_CSS`)."""
    where.container(key=f"chart-{key}").plotly_chart(figure, key=key, theme=None, config={"displaylogo": False})


def share(link: str) -> None:
    """The link that reopens the current view."""
    st.caption("Link to this view (the selection is in the URL):")
    st.code(link or "(default view: the page's address)", language=None)


def label_of(options: dict[str, str]) -> Any:
    """``format_func`` showing a mapping's labels for its keys."""
    return lambda key: options.get(key, str(key))


def safe_stem(*parts: Any) -> str:
    """A file name stem from selection parts (only letters, digits, '.', '_' and '-')."""
    text = "-".join(str(p) for p in parts if p not in (None, ""))
    return "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in text)[:120] or "figure"


def pick(options: Sequence[Any], preferred: Sequence[Any]) -> Any:
    """The first of ``preferred`` that is among ``options``, else the first option (None when empty)."""
    for value in preferred:
        if value in options:
            return value
    return options[0] if options else None


def show_job(job: Any) -> None:
    """A background job (:class:`hybrid_core.jobs.Job`): its state, what it works on, its progress, a link to the
    heatmap of what it finished, and a cancel button (lab mode)."""
    from hybrid_core import runs, sweep

    label = f"{STATE_ICONS.get(job.state, '•')} **{job.kind} {job.label}** · {job.state}"
    st.markdown(label + (f" · {job.error}" if job.error and job.state in ("failed", "cancelled") else ""))
    target = Path(job.target)
    if job.kind == "train" and (target / runs.STATUS_FILE).is_file():
        status = runs.read_status(target)
        st.progress(progress_share(status), text=f"{status.get('state')} · {status_line(status)}")
    elif job.kind == "sweep" and (target / sweep.CONFIG_FILE).is_file():
        states = sweep.point_states(target)
        done, total = int((states["state"] == "done").sum()), len(states)
        st.progress(done / total if total else 0.0, text=f"{done}/{total} points done (the untuned reference "
                                                         "included)")
        trained = states[(states["state"] == "done") & (states["seed"] >= 0)]["point"].tolist()
        if job.state == "finished" and trained:
            link("pages/heatmaps.py", f"Open the heatmap of {trained[-1]}", icon=":material/grid_on:",
                 query_params={"src": f"sweep {job.label}", "run": trained[-1]})
    if job.state == "queued":
        from hybrid_core.jobs import max_concurrent

        st.caption(f"queued: it starts when a running job ends (at most {max_concurrent()} at a time, "
                   "HBL_MAX_JOBS); the queue is kept in the workspace's job files, so it survives a restart of "
                   "this dashboard")
    if job.active and not viewer():
        st.button("Cancel job", key=f"cancel-job-{job.id}", on_click=cancel_job, args=(job.id,),
                  icon=":material/stop_circle:", help="A queued job is dropped; a running one saves a checkpoint and "
                  "stops (SIGKILL after a minute). Finished work stays.")


def cancel_job(job_id: str) -> None:
    """Cancel a job from a server thread (SIGTERM, SIGKILL after a minute): no page waits for it."""
    from hybrid_core import jobs

    def stop() -> None:
        try:
            jobs.cancel(job_id)
        except Exception:  # the thread has no page to show it on
            log.exception("cancelling job %s failed", job_id)

    threading.Thread(target=stop, name=f"cancel-{job_id}", daemon=True).start()


# ----- sweeps ---------------------------------------------------------------------------------------------------
def sweep_config(*, name: str, alphas: str, seeds: str, evaluation: str | None, candidate_text: str, untuned: bool,
                 pending: int = 0, **train: Any) -> Any:
    """The validated :class:`~hybrid_core.sweep.SweepConfig` of a Launch form.

    Args:
        name: sweep name (default ``launch-<date>-<time>``).
        alphas: the α grid and schedules (``"0, 0.5, 1, linear:0-1"``); seeds: ``"1 2 3"``.
        evaluation: evaluation data path (or ``"demo"``), None for no evaluation.
        candidate_text: candidates of the evaluation; untuned: also evaluate the untuned model.
        pending: runs the job queue already holds (counted against ``HBL_MAX_PENDING_RUNS``).
        **train: the base training settings (model, data, max_steps, ...).

    Raises:
        ValueError: a missing or bad name, α outside [0, 1], a bad seed or training setting, or a grid, step count
            or batch size beyond the dashboard's limits (:class:`hybrid_core.access.LimitError`).
    """
    from hybrid_core import access, sweep

    name = name.strip() or time.strftime("launch-%Y%m%d-%H%M%S")
    alpha_values = tuple(parse_schedules(alphas))
    seed_values = tuple(parse_numbers(seeds, what="seeds", integer=True))
    access.check_grid(len(alpha_values), len(seed_values), what="sweep grid", pending=pending)
    access.check_training(steps=int(train.get("max_steps") or 0), batch_size=int(train.get("batch_size") or 0))
    evaluations = (sweep.EvalSpec(evaluation, candidate_text=candidate_text),) if evaluation else ()
    return sweep.SweepConfig(name=name, alphas=alpha_values, seeds=seed_values, train=train,
                             evaluations=evaluations, untuned=untuned)


def sweep_activity(process: dict[str, Any] | None, done: int, total: int) -> str:
    """What a sweep is doing: ``running`` (in the background), ``stopping``, ``running in a shell`` (the foreground of
    another process), ``finished``, ``cancelled``, ``stopped`` or ``not launched`` (no process recorded)."""
    if process and process["alive"]:
        if not process.get("detached", True):
            return "running in a shell"
        return "stopping" if process.get("cancel_requested") else "running"
    if total and done == total:
        return "finished"
    if process:
        return "cancelled" if process.get("cancelled") or process.get("cancel_requested") else "stopped"
    return "not launched"


def cancel_sweep(folder: Path) -> None:
    """Stop a sweep's background job from a server thread (SIGTERM, SIGKILL after a minute): no page waits."""
    from hybrid_core import jobs

    job = jobs.job_for_target(folder)
    if job is not None:
        cancel_job(job.id)


def show_sweep(name: str) -> None:
    """One sweep: points done / total, its background process, Cancel or Resume, its points and the log's tail."""
    from hybrid_core import sweep

    folder = sweep.sweep_dir(name)
    process = sweep.sweep_process(folder)
    states = sweep.point_states(folder)
    done, total = int((states["state"] == "done").sum()), len(states)
    activity = sweep_activity(process, done, total)
    detail = f" (pid {process['pid']}, launched {process.get('started')})" if process else ""
    st.progress(done / total if total else 0.0, text=f"{STATE_ICONS.get(activity, '•')} {name}: {done}/{total} "
                                                     f"points done · {activity}{detail}")
    if activity == "running":
        st.button("Cancel sweep", key=f"cancel-sweep-{name}", on_click=cancel_sweep, args=(folder,),
                  icon=":material/stop_circle:", help="SIGTERM to the sweep's processes: the point in training saves "
                  "a checkpoint and stops (SIGKILL after a minute). Finished points stay; Resume continues.")
    elif activity in {"cancelled", "stopped", "not launched"} and st.button(
            "Resume", key=f"resume-sweep-{name}", icon=":material/play_arrow:",
            help="Launch the sweep again in the background: finished points are skipped, a stopped point continues "
                 "from its last checkpoint."):
        with messages("Not resumed"):
            from hybrid_core import jobs

            jobs.launch_sweep(sweep.load_config(folder), root=folder.parent,
                              workers=int((process or {}).get("workers", 1)))
            st.success(f"Sweep {name} resumed in the background.", icon=":material/check:")
    with st.expander(f"Points ({done}/{total} done)"):
        st.dataframe(states[["point", "alpha", "seed", "state"]], hide_index=True, width="stretch")
    if process:
        with st.expander("Sweep log", expanded=activity in {"running", "stopping"}):
            st.caption(process["log"])
            st.code(tail(process["log"]) or "(empty)", language=None)
