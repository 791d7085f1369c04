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


def page_start(title: str, caption: str) -> None:
    """Start a page: make sure it runs inside the app's navigation, then its title and a one-line explanation."""
    from ui import cache

    use_app_navigation()
    st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}</style>")
    st.sidebar.button("Reload data", icon=":material/refresh:", on_click=cache.refresh, key="reload-data",
                      help="Re-read runs and results from the workspace (loaded models and indexes stay).")
    st.title(title)
    st.caption(caption)


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
            columns[0].download_button("PNG", data=lambda: figures.png_bytes(figure), file_name=f"{stem}.png",
                                       mime="image/png", icon=":material/image:", on_click="ignore",
                                       key=f"png-{stem}")
        columns[1].download_button("HTML", data=lambda: figures.html_text(figure, title=stem),
                                   file_name=f"{stem}.html", mime="text/html", icon=":material/html:",
                                   on_click="ignore", key=f"html-{stem}")
    if table is not None:
        columns[2].download_button("CSV", data=figures.csv_bytes(table), file_name=f"{stem}.csv", mime="text/csv",
                                   icon=":material/table:", on_click="ignore", key=f"csv-{stem}")


def chart(figure: Any, key: str, *, where: Any = st) -> None:
    """A plotly figure as drawn by :mod:`hybrid_core.figures` (plotly's own theme, so the page shows what the PNG and
    HTML exports contain)."""
    where.plotly_chart(figure, key=key, theme=None, config={"displaylogo": False})


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
    """A background job (:class:`hybrid_core.jobs.Job`): its state, what it works on, its progress, a cancel button."""
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
    elif job.state == "queued":
        st.caption("queued: it starts when a running job ends (at most one job at a time on a CPU)")
    if job.active:
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
                 **train: Any) -> Any:
    """The validated :class:`~hybrid_core.sweep.SweepConfig` of a Launch form.

    Args:
        name: sweep name (default ``launch-<date>-<time>``).
        alphas: the α grid (``"0, 0.5, 1"``); seeds: ``"1 2 3"``.
        evaluation: evaluation data path (or ``"demo"``), None for no evaluation.
        candidate_text: candidates of the evaluation; untuned: also evaluate the untuned model.
        **train: the base training settings (model, data, max_steps, ...).

    Raises:
        ValueError: a bad name, α outside [0, 1] or a bad schedule, a bad seed or training setting.
    """
    from hybrid_core import sweep

    name = name.strip() or time.strftime("launch-%Y%m%d-%H%M%S")
    evaluations = (sweep.EvalSpec(evaluation, candidate_text=candidate_text),) if evaluation else ()
    return sweep.SweepConfig(name=name, alphas=tuple(parse_schedules(alphas)),
                             seeds=tuple(parse_numbers(seeds, what="seeds", integer=True)), train=train,
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
        return "cancelled" if process.get("cancelled") else "stopped"
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
