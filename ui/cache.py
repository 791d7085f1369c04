"""Every cached getter of the dashboard (the only module with ``st.cache_resource`` / ``st.cache_data``).

- ``cache_resource`` holds what is expensive and shared: encoders (models), candidate pools, probe indexes;
- background jobs are files of :mod:`hybrid_core.jobs` (read, never cached): a job started in one tab is visible in
  every tab and survives a dashboard restart;
- ``cache_data`` holds small tables keyed by plain arguments: the list of runs (short TTL: it is polled), curve
  points, aggregate bias tables, projections. Results files are keyed by path and modification time (a rewritten
  file is re-read) and held as shared read-only tables in ``cache_resource``: with per-query rows they have
  millions of rows, which ``cache_data`` would copy on every rerun.

Pages never read files or load models themselves; they call these getters. :func:`refresh` clears the data cache.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import ui
from hybrid_core import probe, runs
from hybrid_core.paths import workspace_dir
from hybrid_core.results import aggregated, read_results

log = logging.getLogger(__name__)

#: Encoder choices every page offers before the trained runs (spec -> label).
BASE_ENCODERS: dict[str, str] = {"e5-small": "untuned e5-small (embedded)", "e5-small-cut": "e5-small-cut (2 layers, "
                                 "plumbing tests only)"}
#: Backend of the evaluations the dashboard starts (the fp32 reference, as the sweep's default).
EVAL_BACKEND = "torch"


BACKEND_HELP = ("Inference backend of the encoder: 'auto' is the fastest one whose metrics stay within 0.005 of "
                "torch fp32 (OpenVINO int8 where it qualifies; exported and calibrated once per model, which takes a "
                "minute the first time); 'torch' is the fp32 reference.")


def backend_choices() -> list[str]:
    """``auto`` and every registered inference backend."""
    from hybrid_core.backends import BACKENDS

    return ["auto", *BACKENDS]


def refresh() -> None:
    """Clear cached tables (run lists, results, curves, aggregates); models and indexes stay loaded."""
    st.cache_data.clear()
    for getter in (_results_file, _results, _aggregated):
        getter.clear()


# ----- models, pools, probe indexes ----------------------------------------------------------------------------
@st.cache_data(ttl=10, show_spinner=False, max_entries=64)
def model_identity(spec: str) -> str:
    """Identity of a model spec's weights (changes when a folder's contents change; re-checked every 10 s); ''
    when unresolvable."""
    from hybrid_core.models import ModelNotAvailableError, resolve_model

    try:
        return resolve_model(spec).identity
    except (ModelNotAvailableError, OSError, ValueError):
        return ""


@st.cache_resource(show_spinner="Loading the encoder (first use of a model can take a minute)…", max_entries=4)
def _encoder(spec: str, backend: str, identity: str) -> Any:
    from hybrid_core.backends import get_encoder

    loaded = get_encoder(spec, backend=backend)
    probe.warm_up(loaded)  # compile every query length now, so no user query waits for it
    return loaded


def encoder(spec: str, backend: str = "auto") -> Any:
    """The encoder of a model spec (cached per spec, backend and weights)."""
    return _encoder(spec, backend, model_identity(spec))


@st.cache_resource(show_spinner="Loading the candidate pool…", max_entries=8)
def pool(source: str) -> Any:
    """The dataset of a pool (``demo``, ``xquad-r``, ``mlqa-r`` or a checked path)."""
    return probe.load_pool(source)


@st.cache_resource(show_spinner="Indexing the candidate pool (once per model and pool; embeddings are cached on "
                   "disk)…", max_entries=6)
def _probe_index(spec: str, backend: str, source: str, candidate_text: str, identity: str) -> Any:
    return probe.build_index(encoder(spec, backend), pool(source), candidate_text=candidate_text)


def probe_index(spec: str, source: str, candidate_text: str = "sentence", backend: str = "auto") -> Any:
    """The probe index of a pool for an encoder (built once, then answered from memory)."""
    return _probe_index(spec, backend, source, candidate_text, model_identity(spec))


@st.cache_data(show_spinner="Asking the pool's questions…", max_entries=16)
def aggregate(spec: str, source: str, candidate_text: str, k: int, per_language: int | None,
              backend: str = "auto") -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Top-k language-share matrix, per-question RD and the number of questions asked (see
    :func:`hybrid_core.probe.aggregate_bias`)."""
    index = probe_index(spec, source, candidate_text, backend)
    result = probe.aggregate_bias(index, encoder(spec, backend), k=k, per_language=per_language)
    return result.share_matrix, result.rank_distances, result.questions


@st.cache_data(show_spinner="Projecting the embeddings…", max_entries=16)
def projection(spec: str, source: str, candidate_text: str, method: str, per_language: int,
               backend: str = "auto") -> pd.DataFrame:
    """A 2-D projection of the pool's candidate embeddings (see :func:`hybrid_core.probe.project_2d`)."""
    return probe.project_2d(probe_index(spec, source, candidate_text, backend), method=method,
                            per_language=per_language)


# ----- runs ------------------------------------------------------------------------------------------------------
@st.cache_data(ttl=2, show_spinner=False)
def run_table() -> pd.DataFrame:
    """Every run of the workspace (newest first) with its status, α, seed, model, data and evaluation state."""
    rows = runs.list_runs()
    evaluated = {p.name.split("--", 1)[0] for p in evaluations_dir().glob("*.parquet")}
    table = pd.DataFrame(rows)
    if table.empty:
        return pd.DataFrame(columns=["name", "state", "step", "total", "alpha", "seed", "model", "data", "loss",
                                     "path", "evaluated"])
    for column in ("step", "total", "loss", "realized_alpha", "eta_seconds", "error"):
        if column not in table.columns:
            table[column] = None
    table["evaluated"] = table["name"].isin(evaluated)
    return table


@st.cache_data(ttl=5, show_spinner=False)
def sweep_table() -> pd.DataFrame:
    """One row per sweep of the workspace: name, α values, seeds, points done / total, what its background process
    does (:func:`ui.sweep_activity`), and the other points' states."""
    from hybrid_core import sweep

    rows = []
    root = workspace_dir() / "sweeps"
    for folder in sorted(p for p in root.glob("*") if (p / sweep.CONFIG_FILE).is_file()):
        try:
            config = sweep.load_config(folder)
            states = sweep.point_states(folder, config)
        except (ValueError, OSError, KeyError) as exc:
            rows.append({"sweep": folder.name, "points": "?", "done": 0, "other states": f"unreadable: {exc}"})
            continue
        others = states.loc[states["state"] != "done", "state"].value_counts()
        done = int((states["state"] == "done").sum())
        rows.append({"sweep": folder.name, "alphas": ", ".join(f"{a:g}" for a in config.alphas),
                     "seeds": len(config.seeds), "points": len(states), "done": done,
                     "process": ui.sweep_activity(sweep.sweep_process(folder), done, len(states)),
                     "other states": ", ".join(f"{n} {s}" for s, n in others.items())})
    return pd.DataFrame(rows)


def finished_runs() -> dict[str, str]:
    """Finished runs usable as encoders: run folder -> label."""
    table = run_table()
    done = table[table["state"] == "finished"] if len(table) else table
    return {str(r["path"]): f"run {r['name']} (α={r['alpha']:g}, seed {r['seed']})" if _number(r.get("alpha"))
            else f"run {r['name']}" for _, r in done.iterrows()}


def encoder_choices() -> dict[str, str]:
    """Every encoder the probe offers: the untuned model, the cut model, every finished run."""
    return {**BASE_ENCODERS, **finished_runs()}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value))


# ----- results ---------------------------------------------------------------------------------------------------
def evaluations_dir() -> Path:
    """``<workspace>/evaluations``: where the evaluate CLI and the dashboard write results tables."""
    return workspace_dir() / "evaluations"


#: Name prefix of the results sources that are published archives (``docs/results``), not the workspace's.
PUBLISHED = "published "


def results_sources() -> dict[str, list[str]]:
    """Named groups of results files: the workspace's evaluations, each sweep's results, and each published sweep
    archive of the checkout (``published <sweep>``: the committed α curves, readable on a fresh machine)."""
    from hybrid_core.archive import published_archives

    sources: dict[str, list[str]] = {}
    files = sorted(str(p) for p in evaluations_dir().glob("*.parquet"))
    if files:
        sources["workspace evaluations"] = files
    sweeps = workspace_dir() / "sweeps"
    if sweeps.is_dir():
        for folder in sorted(p for p in sweeps.iterdir() if p.is_dir()):
            found = sorted(str(p) for p in (folder / "results").glob("*/*.parquet"))
            if found:
                sources[f"sweep {folder.name}"] = found
    for name, folder in published_archives().items():
        found = sorted(str(p) for p in (folder / "results").glob("*/*.parquet"))
        if found:
            sources[f"{PUBLISHED}{name}"] = found
    return sources


def newest_results() -> tuple[str, str] | None:
    """(source name, path) of the most recently written results file of the workspace, or None."""
    found = [(Path(p).stat().st_mtime, name, p) for name, paths in results_sources().items() for p in paths
             if Path(p).exists() and not name.startswith(PUBLISHED)]
    return max(found)[1:] if found else None


def results_in(path_text: str) -> list[str]:
    """Results files at a user-typed path: one ``.parquet``/``.csv`` file or every one in a folder (checked)."""
    path = probe.check_user_path(path_text, what="results path")
    if path.is_file():
        if path.suffix not in {".parquet", ".csv"}:
            raise probe.ProbeError(f"results file {path} must be .parquet or .csv")
        return [str(path)]
    found = sorted(str(p) for p in path.rglob("*") if p.suffix in {".parquet", ".csv"})
    if not found:
        raise probe.ProbeError(f"no .parquet or .csv results files under {path}")
    return found


@st.cache_resource(show_spinner=False, max_entries=256)
def _results_file(path: str, mtime_ns: int) -> pd.DataFrame:
    return read_results(path)


@st.cache_resource(show_spinner="Reading results…", max_entries=16)
def _results(paths: tuple[str, ...], stamps: tuple[int, ...]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    from hybrid_core.figures import disambiguate_runs, merge_variants

    parts, problems = [], []
    for path, stamp in zip(paths, stamps):
        try:
            # the variant of an evaluation is its file name's tag: "<run>--<dataset>--<candidates>" (evaluate
            # command, dashboard) or "<dataset>-<candidates>" (a sweep's results/<point>/<evaluation>.parquet)
            parts.append((Path(path).stem.split("--")[-1], _results_file(path, stamp)))
        except (ValueError, OSError, KeyError) as exc:  # a foreign or broken file: report it, keep the rest
            problems.append(f"{Path(path).name}: {exc}")
    return disambiguate_runs(merge_variants(parts)), tuple(problems)


@st.cache_resource(show_spinner=False, max_entries=16)
def _aggregated(paths: tuple[str, ...], stamps: tuple[int, ...]) -> pd.DataFrame:
    return aggregated(_results(paths, stamps)[0]).reset_index(drop=True)


def _stamps(paths: list[str] | tuple[str, ...]) -> tuple[int, ...]:
    return tuple(Path(p).stat().st_mtime_ns if Path(p).exists() else 0 for p in paths)


def results(paths: list[str] | tuple[str, ...], *, per_query: bool = False) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One validated results table from several files, and the files that could not be read (not raised).

    Tables are shared, read-only objects (``cache_resource``): an evaluation with per-query rows has millions of
    rows, and copying it on every rerun (what ``cache_data`` does) would cost seconds. By default only the cell
    means are returned (small); ``per_query=True`` returns every row.
    """
    paths, stamps = tuple(paths), _stamps(paths)
    table, problems = _results(paths, stamps)
    return (table if per_query else _aggregated(paths, stamps)), problems


@st.cache_data(show_spinner=False, max_entries=32)
def _per_query_values(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, run: str, dataset: str
                      ) -> pd.DataFrame:
    from hybrid_core.figures import per_query_values

    return per_query_values(_results(paths, stamps)[0], metric=metric, run=run, dataset=dataset)


def per_query_values(paths: list[str] | tuple[str, ...], *, metric: str, run: str, dataset: str) -> pd.DataFrame:
    """Per-query rows of one metric, run and dataset (``query_lang, doc_lang, qid, value``)."""
    return _per_query_values(tuple(paths), _stamps(paths), metric, run, dataset)


@st.cache_data(show_spinner="Bootstrapping confidence intervals…", max_entries=32)
def _curve_points(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                  settings: tuple[str, ...], by_language: bool, confidence: float) -> pd.DataFrame:
    from hybrid_core.analysis import alpha_curve_table

    return alpha_curve_table(_results(paths, stamps)[0], metric=metric, dataset=dataset, settings=settings,
                             by_language=by_language, confidence=confidence)


def curve_points(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                 by_language: bool, confidence: float) -> pd.DataFrame:
    """The α-curve points of :func:`hybrid_core.analysis.alpha_curve_table` over every row of the files (per-query
    rows give the bootstrap intervals), cached."""
    return _curve_points(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), by_language, confidence)


@st.cache_data(show_spinner="Paired tests…", max_entries=16)
def _paired_tests(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                  settings: tuple[str, ...], reference: float) -> pd.DataFrame:
    from hybrid_core.analysis import comparison_table
    from hybrid_core.figures import select

    table = select(_results(paths, stamps)[0], dataset=dataset, metric=metric)
    parts = []
    for setting in settings:
        try:
            parts.append(comparison_table(table, metric=metric, setting=setting, references=(reference,)))
        except ValueError:  # no per-query rows of this setting (e.g. results written without them)
            continue
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def paired_tests(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                 reference: float) -> pd.DataFrame:
    """Every α against ``reference`` on the same questions (:func:`hybrid_core.analysis.comparison_table`),
    cached; empty when the files hold no per-query rows of the metric."""
    return _paired_tests(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), float(reference))


# ----- background jobs -------------------------------------------------------------------------------------------
def recent_jobs(limit: int = 5) -> list[Any]:
    """The newest background jobs (:mod:`hybrid_core.jobs`; read from their files, so they are the same in every tab
    and across dashboard restarts), active ones first. Queued jobs are started here when a slot is free."""
    from hybrid_core import jobs

    jobs.pump()
    found = jobs.list_jobs()
    return sorted(found, key=lambda j: (not j.active, j.created), reverse=False)[:limit] if found else []


def evaluate_in_background(model: str, data: str, *, candidate_text: str = "sentence") -> Any:
    """Evaluate a finished run (or model spec) in the background into ``<workspace>/evaluations``; returns the job."""
    from hybrid_core import jobs

    return jobs.launch_evaluation(model, data, out_dir=evaluations_dir(), candidate_text=candidate_text,
                                  backend=EVAL_BACKEND)
