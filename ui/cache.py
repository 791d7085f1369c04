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
import threading
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import ui
from hybrid_core import probe, runs
from hybrid_core.paths import workspace_dir
from hybrid_core.results import NO_REMEDY

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
    for getter in (_cell_means_file, _metric_file, _cell_means, _metric_table, _with_means, _recipe_cells):
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


@st.cache_resource(show_spinner=False)
def _ready() -> set[tuple]:
    """Keys of the encoders this server has loaded (so a page can say what a first use costs)."""
    return set()


@st.cache_resource(show_spinner=False, max_entries=4)  # pages say what is loading: ui.prepare_encoder
def _encoder(spec: str, backend: str, identity: str) -> Any:
    from hybrid_core.backends import get_encoder

    loaded = get_encoder(spec, backend=backend)
    probe.warm_up(loaded)  # compile every query length now, so no user query waits for it
    _ready().add(("encoder", spec, backend, identity))
    return loaded


def encoder(spec: str, backend: str = "auto") -> Any:
    """The encoder of a model spec (cached per spec, backend and weights)."""
    return _encoder(spec, backend, model_identity(spec))


def encoder_ready(spec: str, backend: str = "auto") -> bool:
    """Whether :func:`encoder` answers from memory (False: loading it takes seconds to a minute)."""
    return ("encoder", spec, backend, model_identity(spec)) in _ready()


@st.cache_resource(show_spinner="Loading the candidate pool…", max_entries=8)
def pool(source: str) -> Any:
    """The dataset of a pool (``demo``, ``xquad-r``, ``mlqa-r`` or a checked path)."""
    return probe.load_pool(source)


#: Probe indexes kept in memory (each holds a pool's embeddings: ~20 MB for XQuAD-R with e5-small).
MAX_INDEXES = 6


@st.cache_resource(show_spinner=False)
def _index_store() -> dict[str, Any]:
    """The server's probe indexes (newest last) and the locks that make concurrent first uses build once.

    Not a ``cache_resource`` per index: building one reports progress to the page that asked for it, and Streamlit
    does not let a cached function write into page elements made outside it."""
    from collections import OrderedDict

    return {"indexes": OrderedDict(), "lock": threading.Lock(), "building": {}}


def probe_index(spec: str, source: str, candidate_text: str = "sentence", backend: str = "auto", *,
                progress: Any = None) -> Any:
    """The probe index of a pool for an encoder (built once per server, then answered from memory); ``progress``
    is called with the share encoded while it is built. A second session asking for an index being built waits
    for it instead of building it again."""
    key = (spec, backend, source, candidate_text, model_identity(spec))
    return _stored(key, lambda: probe.build_index(encoder(spec, backend), pool(source),
                                                  candidate_text=candidate_text, progress=progress))


def _stored(key: tuple, build: Any) -> Any:
    """The index of ``key`` from the server's store, built once by ``build()`` (others asking wait for it)."""
    store = _index_store()
    with store["lock"]:
        if key in store["indexes"]:
            store["indexes"].move_to_end(key)
            return store["indexes"][key]
        building = store["building"].setdefault(key, threading.Lock())
    with building:
        with store["lock"]:
            if key in store["indexes"]:
                return store["indexes"][key]
        index = build()
        with store["lock"]:
            store["indexes"][key] = index
            while len(store["indexes"]) > MAX_INDEXES:
                store["indexes"].popitem(last=False)
            store["building"].pop(key, None)
    return index


@st.cache_resource(show_spinner=False, max_entries=4)
def estimation(source: str) -> Any:
    """The training split a pool's ``fit=train`` remedies fit on (:func:`hybrid_core.probe.estimation_pool`)."""
    return probe.estimation_pool(source)


def remedy_index(spec: str, source: str, candidate_text: str = "sentence", backend: str = "auto",
                 remedy: str = "none") -> Any:
    """The probe index of a pool for an encoder with an index-side remedy applied (``none``: :func:`probe_index`);
    the remedy is fitted once per server (its statistics are also cached on disk) and the index kept in memory,
    so a query costs what it costs on the plain index."""
    base = probe_index(spec, source, candidate_text, backend)
    if remedy == "none":
        return base
    from hybrid_core.debias import parse_remedy

    remedy = str(parse_remedy(remedy))
    key = (spec, backend, source, candidate_text, model_identity(spec), remedy)

    def build() -> Any:
        train = parse_remedy(remedy).needs_training_data
        return probe.remedy_index(base, encoder(spec, backend), remedy, estimation=estimation(source) if train
                                  else None)

    return _stored(key, build)


def remedy_ready(spec: str, source: str, candidate_text: str, backend: str, remedy: str) -> bool:
    """Whether :func:`remedy_index` answers from memory (False: it fits the remedy first)."""
    return remedy == "none" or (spec, backend, source, candidate_text, model_identity(spec),
                                remedy) in _index_store()["indexes"]


def index_ready(spec: str, source: str, candidate_text: str = "sentence", backend: str = "auto") -> bool:
    """Whether :func:`probe_index` answers from memory (False: it encodes or loads the pool first)."""
    return (spec, backend, source, candidate_text, model_identity(spec)) in _index_store()["indexes"]


@st.cache_data(show_spinner="Asking the pool's questions…", max_entries=16)
def aggregate(spec: str, source: str, candidate_text: str, k: int, per_language: int | None,
              backend: str = "auto", remedy: str = "none") -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Top-k language-share matrix, per-question RD and the number of questions asked (see
    :func:`hybrid_core.probe.aggregate_bias`), on the index with ``remedy``."""
    index = remedy_index(spec, source, candidate_text, backend, remedy)
    result = probe.aggregate_bias(index, encoder(spec, backend), k=k, per_language=per_language)
    return result.share_matrix, result.rank_distances, result.questions


@st.cache_data(show_spinner="Projecting the embeddings…", max_entries=16)
def projection(spec: str, source: str, candidate_text: str, method: str, per_language: int,
               backend: str = "auto", remedy: str = "none") -> pd.DataFrame:
    """A 2-D projection of the pool's candidate embeddings with ``remedy`` applied (see
    :func:`hybrid_core.probe.project_2d`)."""
    return probe.project_2d(remedy_index(spec, source, candidate_text, backend, remedy), method=method,
                            per_language=per_language)


# ----- runs ------------------------------------------------------------------------------------------------------
@st.cache_data(ttl=2, show_spinner=False)
def run_table() -> pd.DataFrame:
    """Every run of the workspace (newest first) with its status, α, seed, model, data and evaluation state: the
    runs of ``<workspace>/runs`` and the points of every sweep (named ``<sweep>/<point>``)."""
    rows = runs.list_runs()
    evaluated = {p.name.split("--", 1)[0] for p in evaluations_dir().glob("*.parquet")}
    sweeps = workspace_dir() / "sweeps"
    for folder in sorted(p for p in sweeps.iterdir() if (p / "runs").is_dir()) if sweeps.is_dir() else []:
        for row in runs.list_runs(folder / "runs"):
            name = f"{folder.name}/{row['name']}"
            rows.append({**row, "name": name})
            if any((folder / "results" / row["name"]).glob("*.parquet")):
                evaluated.add(name)
    rows.sort(key=lambda r: str(r.get("created") or ""), reverse=True)
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
    archive of the checkout (``published <sweep>``: the committed α curves, readable on a fresh machine).

    The published sweeps come first on a workspace without results of its own (a visitor's first view is the
    published curve, not an empty state)."""
    from hybrid_core.archive import published_archives

    own: dict[str, list[str]] = {}
    files = sorted(str(p) for p in evaluations_dir().glob("*.parquet"))
    if files:
        own["workspace evaluations"] = files
    sweeps = workspace_dir() / "sweeps"
    if sweeps.is_dir():
        for folder in sorted(p for p in sweeps.iterdir() if p.is_dir()):
            found = sorted(str(p) for p in (folder / "results").glob("*/*.parquet"))
            if found:
                own[f"sweep {folder.name}"] = found
    published: dict[str, list[str]] = {}
    for name, folder in published_archives().items():
        found = sorted(str(p) for p in (folder / "results").glob("*/*.parquet"))
        if found:
            published[f"{PUBLISHED}{name}"] = found
    return {**own, **published}


def newest_results() -> tuple[str, str] | None:
    """(source name, path) of the most recently written results file of the workspace, or None."""
    found = [(Path(p).stat().st_mtime, name, p) for name, paths in results_sources().items() for p in paths
             if Path(p).exists() and not name.startswith(PUBLISHED)]
    return max(found)[1:] if found else None


def results_in(path_text: str) -> tuple[list[str], str]:
    """Results files at a user-typed path (checked: it must exist and lie under the data roots): one
    ``.parquet``/``.csv`` file, or those found in a folder by a bounded search (:func:`hybrid_core.access.find_files`).

    Returns:
        The files, and why the folder search stopped early ('' when it did not).

    Raises:
        hybrid_core.probe.ProbeError: an empty path, one that does not exist or lies outside the data roots, a file
            of another type, or a folder without results files.
    """
    from hybrid_core.access import find_files

    path = probe.check_user_path(path_text, what="results path")
    if path.is_file():
        if path.suffix not in {".parquet", ".csv"}:
            raise probe.ProbeError(f"results file {path} must be .parquet or .csv")
        return [str(path)], ""
    found = find_files(path, (".parquet", ".csv"))
    if not found.files:
        raise probe.ProbeError(f"no .parquet or .csv results files under {path}"
                               + (f" ({found.stopped})" if found.stopped else ""))
    return [str(p) for p in found.files], found.stopped


# Results files are read per file and per need: the cell means (rows without qid, a few thousand) for every view,
# one metric's rows (with the per-query rows, millions in a sweep) only for curves, paired tests and distributions.
@st.cache_resource(show_spinner=False, max_entries=512)
def _cell_means_file(path: str, stamp: int) -> pd.DataFrame:
    from hybrid_core.views import read_cell_means

    return read_cell_means(path)


@st.cache_resource(show_spinner=False, max_entries=128)
def _metric_file(path: str, stamp: int, metric: str) -> pd.DataFrame:
    from hybrid_core.views import read_metric_rows

    return read_metric_rows(path, metric)


def _read_parts(paths: tuple[str, ...], stamps: tuple[int, ...], read) -> tuple[list, list[str]]:
    from hybrid_core.views import variant_of

    parts, problems = [], []
    for path, stamp in zip(paths, stamps):
        try:
            table = read(path, stamp)
            parts.append((variant_of(path, table), table))
        except (ValueError, OSError, KeyError) as exc:  # a foreign or broken file: report it, keep the rest
            problems.append(f"{Path(path).name}: {exc}")
    return parts, problems


@st.cache_resource(show_spinner="Reading results…", max_entries=16)
def _cell_means(paths: tuple[str, ...], stamps: tuple[int, ...]) -> tuple[pd.DataFrame, tuple[str, ...], Any]:
    from hybrid_core.views import combine, labels_of

    parts, problems = _read_parts(paths, stamps, _cell_means_file)
    labels = labels_of(parts)
    return combine(parts, labels), tuple(problems), labels


@st.cache_resource(show_spinner="Reading the per-question rows…", max_entries=8)
def _metric_table(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str) -> pd.DataFrame:
    from hybrid_core.views import combine

    labels = _cell_means(paths, stamps)[2]
    parts, _ = _read_parts(paths, stamps, lambda path, stamp: _metric_file(path, stamp, metric))
    return combine(parts, labels)


@st.cache_resource(show_spinner=False, max_entries=16)
def _with_means(paths: tuple[str, ...], stamps: tuple[int, ...]) -> pd.DataFrame:
    from hybrid_core.views import with_alpha_means

    return with_alpha_means(_cell_means(paths, stamps)[0])


def _stamps(paths: list[str] | tuple[str, ...]) -> tuple[int, ...]:
    return tuple(Path(p).stat().st_mtime_ns if Path(p).exists() else 0 for p in paths)


def results(paths: list[str] | tuple[str, ...], *, seed_means: bool = False) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The cell means of several results files as one validated table, and the files that could not be read (not
    raised). With ``seed_means``, each α trained with several seeds also gets its seed-mean run
    (:func:`hybrid_core.views.with_alpha_means`).

    Tables are shared, read-only objects (``cache_resource``), cached per file and modification time; the cell
    means of a file come from :func:`hybrid_core.views.read_cell_means` (a published sweep: 20,592 of 8.9 M rows).
    """
    paths, stamps = tuple(paths), _stamps(paths)
    table, problems, _ = _cell_means(paths, stamps)
    return (_with_means(paths, stamps) if seed_means else table), problems


def metric_rows(paths: list[str] | tuple[str, ...], metric: str) -> pd.DataFrame:
    """Every row of one metric (cell means and per-query rows) of the files, labelled as :func:`results` labels
    datasets and runs."""
    paths = tuple(paths)
    return _metric_table(paths, _stamps(paths), metric)


# ----- recipes: the Pareto view ----------------------------------------------------------------------------------
def recipe_sources() -> dict[str, list[str]]:
    """The results sources whose files are a sweep's (``sweep <name>``) or a published archive's
    (``published <name>``): the ones whose recipes the Pareto view compares (``<point>/<evaluation>[--<remedy>]``)."""
    return {name: paths for name, paths in results_sources().items()
            if name.startswith(("sweep ", PUBLISHED))}


@st.cache_resource(show_spinner="Reading the cell means…", max_entries=16)
def _recipe_cells(paths: tuple[str, ...], stamps: tuple[int, ...]) -> pd.DataFrame:
    from hybrid_core.results import concat_results

    return concat_results(_cell_means_file(path, stamp) for path, stamp in zip(paths, stamps))


def recipe_cells(paths: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The cell means of one evaluation's files as one table, datasets and runs as written (a recipe under a remedy is
    told apart by its ``debias`` column, not renamed as the heatmaps' per-file labels do)."""
    paths = tuple(paths)
    return _recipe_cells(paths, _stamps(paths))


@st.cache_data(show_spinner=False, max_entries=32)
def _recipe_means(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, bias: str) -> pd.DataFrame:
    from hybrid_core.analysis import recipe_means as means
    from hybrid_core.views import PARETO_BIAS

    return means(_recipe_cells(paths, stamps), metric=metric, bias_metric=bias, bias_setting=PARETO_BIAS[bias][0])


def recipe_means(paths: list[str] | tuple[str, ...], *, bias: str, metric: str = "AP@20") -> pd.DataFrame:
    """:func:`hybrid_core.analysis.recipe_means` of the files (cell means only: no intervals; fast)."""
    paths = tuple(paths)
    return _recipe_means(paths, _stamps(paths), metric, bias)


@st.cache_data(show_spinner=False, max_entries=32)
def _recipe_points(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, bias: str) -> pd.DataFrame:
    from hybrid_core.views import read_recipe_points

    return read_recipe_points(paths, metric=metric, bias_metric=bias)


def recipe_points(paths: list[str] | tuple[str, ...], *, bias: str, metric: str = "AP@20") -> pd.DataFrame:
    """:func:`hybrid_core.analysis.recipe_points` of the files, with 95 % intervals (per-query rows; cached on disk by
    :func:`hybrid_core.views.read_recipe_points`, then in memory)."""
    paths = tuple(paths)
    return _recipe_points(paths, _stamps(paths), metric, bias)


def recipe_points_ready(paths: list[str] | tuple[str, ...], *, bias: str, metric: str = "AP@20") -> bool:
    """Whether :func:`recipe_points` answers without a bootstrap (from the disk cache)."""
    from hybrid_core.views import recipe_points_cached

    return recipe_points_cached(paths, metric=metric, bias_metric=bias)


@st.cache_data(ttl=60, show_spinner=False)
def published_headline(preferred: tuple[str, str]) -> Any:
    """The published headline curve (:func:`hybrid_core.views.published_headline`), re-read every minute."""
    from hybrid_core.views import published_headline as read

    return read(preferred)


def warm_published() -> None:
    """Fill the per-file cell-mean cache of every published archive in a background thread (once per server), so a
    visitor's first choice of a published sweep reads a few small files instead of decoding millions of rows."""
    _warm_published_once()


@st.cache_resource(show_spinner=False)
def _warm_published_once() -> threading.Thread:
    from hybrid_core.views import read_cell_means

    def warm() -> None:
        for name, paths in results_sources().items():
            if not name.startswith(PUBLISHED):
                continue
            for path in paths:
                try:
                    read_cell_means(path)
                except Exception:  # a background nicety: a failure shows when a page reads the file
                    log.exception("warming the cell means of %s (%s) failed", path, name)

    thread = threading.Thread(target=warm, name="hbl-warm-published", daemon=True)
    thread.start()
    return thread


def _one_remedy(table: pd.DataFrame, remedy: tuple[str, str]) -> pd.DataFrame:
    """:func:`hybrid_core.remedy_views.select_remedy`, imported when a view first needs it (the Home page never)."""
    from hybrid_core.remedy_views import select_remedy

    return select_remedy(table, remedy)


@st.cache_data(show_spinner=False, max_entries=32)
def _per_query_values(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, run: str, dataset: str,
                      remedy: tuple[str, str]) -> pd.DataFrame:
    from hybrid_core.figures import per_query_values

    return per_query_values(_one_remedy(_metric_table(paths, stamps, metric), remedy), metric=metric, run=run,
                            dataset=dataset)


def per_query_values(paths: list[str] | tuple[str, ...], *, metric: str, run: str, dataset: str,
                     remedy: tuple[str, str] = NO_REMEDY) -> pd.DataFrame:
    """Per-query rows of one metric, run, dataset and remedy (``query_lang, doc_lang, qid, value``)."""
    return _per_query_values(tuple(paths), _stamps(paths), metric, run, dataset, tuple(remedy))


@st.cache_data(show_spinner="Bootstrapping confidence intervals…", max_entries=32)
def _curve_points(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                  settings: tuple[str, ...], by_language: bool, confidence: float,
                  remedy: tuple[str, str]) -> pd.DataFrame:
    from hybrid_core.analysis import alpha_curve_table

    return alpha_curve_table(_one_remedy(_metric_table(paths, stamps, metric), remedy), metric=metric,
                             dataset=dataset, settings=settings, by_language=by_language, confidence=confidence)


def curve_points(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                 by_language: bool, confidence: float, remedy: tuple[str, str] = NO_REMEDY) -> pd.DataFrame:
    """The α-curve points of :func:`hybrid_core.analysis.alpha_curve_table` over every row of the metric in the
    files (per-query rows give the bootstrap intervals) with one remedy (default none), cached."""
    return _curve_points(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), by_language, confidence,
                         tuple(remedy))


@st.cache_data(show_spinner="Placing the α schedules…", max_entries=32)
def _schedule_points(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                     settings: tuple[str, ...], confidence: float) -> pd.DataFrame:
    from hybrid_core.analysis import schedule_points as points

    return points(_metric_table(paths, stamps, metric), metric=metric, dataset=dataset, settings=settings,
                  confidence=confidence)


def schedule_points(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                    confidence: float) -> pd.DataFrame:
    """The α schedules of the files as points at their mean α (:func:`hybrid_core.analysis.schedule_points`, the
    curve's intervals), cached; empty when no run varied α over training."""
    return _schedule_points(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), float(confidence))


@st.cache_data(show_spinner="Finding the best α per setting…", max_entries=32)
def _best_alphas(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                 settings: tuple[str, ...], confidence: float, remedy: tuple[str, str]) -> pd.DataFrame:
    from hybrid_core.analysis import best_alpha
    from hybrid_core.figures import higher_is_better, select

    table = select(_one_remedy(_metric_table(paths, stamps, metric), remedy), dataset=dataset, metric=metric)
    rows = []
    for setting in settings:
        try:
            best = best_alpha(table, metric=metric, setting=setting, higher_is_better=higher_is_better(metric),
                              confidence=confidence)
        except ValueError:  # no per-query rows of this setting: no interval to give
            continue
        rows.append({"setting": setting, "best α": best["alpha"], "value": best["value"], "low": best["low"],
                     "high": best["high"], "share of draws": best["best_share"][best["alpha"]],
                     "best in": ", ".join(f"{a:g}" for a in best["best_set"])})
    return pd.DataFrame(rows, columns=["setting", "best α", "value", "low", "high", "share of draws", "best in"])


def best_alphas(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                confidence: float, remedy: tuple[str, str] = NO_REMEDY) -> pd.DataFrame:
    """Per setting, the best α (:func:`hybrid_core.analysis.best_alpha`) of one remedy (default none): its value
    and interval, the share of bootstrap draws it wins and the α values that win ``confidence`` of them; empty
    without per-query rows."""
    return _best_alphas(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), float(confidence),
                        tuple(remedy))


@st.cache_data(ttl=60, show_spinner=False, max_entries=16)
def _report(folder: str) -> Any:
    from hybrid_core.views import read_report

    return read_report(Path(folder))


def published_report(paths: list[str] | tuple[str, ...], dataset: str, frame: pd.DataFrame,
                     remedy: str = "none") -> Any:
    """The published report of an archive's evaluation (:class:`hybrid_core.views.PublishedReport`), or of its
    evaluation with ``remedy``, when it was made from exactly the runs of ``frame`` (that remedy's rows), else None
    (not an archive, no report, or a report older than its archive)."""
    from hybrid_core.views import report_folder, report_matches

    folder = report_folder(paths, dataset, remedy)
    if folder is None:
        return None
    report = _report(str(folder))
    return report if report_matches(report, frame) else None


@st.cache_data(show_spinner="Paired tests…", max_entries=16)
def _paired_tests(paths: tuple[str, ...], stamps: tuple[int, ...], metric: str, dataset: str,
                  settings: tuple[str, ...], reference: float, remedy: tuple[str, str]) -> pd.DataFrame:
    from hybrid_core.analysis import comparison_table
    from hybrid_core.figures import select

    table = select(_one_remedy(_metric_table(paths, stamps, metric), remedy), dataset=dataset, metric=metric)
    parts = []
    for setting in settings:
        try:
            parts.append(comparison_table(table, metric=metric, setting=setting, references=(reference,)))
        except ValueError:  # no per-query rows of this setting (e.g. results written without them)
            continue
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def paired_tests(paths: list[str] | tuple[str, ...], *, metric: str, dataset: str, settings: tuple[str, ...],
                 reference: float, remedy: tuple[str, str] = NO_REMEDY) -> pd.DataFrame:
    """Every α against ``reference`` on the same questions (:func:`hybrid_core.analysis.comparison_table`) with one
    remedy (default none), cached; empty when the files hold no per-query rows of the metric."""
    return _paired_tests(tuple(paths), _stamps(paths), metric, dataset, tuple(settings), float(reference),
                         tuple(remedy))


# ----- background jobs -------------------------------------------------------------------------------------------
def recent_jobs(limit: int = 5) -> list[Any]:
    """The newest background jobs (:mod:`hybrid_core.jobs`; read from their files, so they are the same in every tab
    and across dashboard restarts), active ones first. Queued jobs are started here when a slot is free."""
    from hybrid_core import access, jobs

    if not access.is_viewer():  # a read-only dashboard starts nothing
        jobs.pump()
    return newest_jobs(jobs.list_jobs(), limit)


def newest_jobs(found: list[Any], limit: int) -> list[Any]:
    """The active jobs in the order they run (oldest first: the running one, then the queue), then the ended ones,
    newest first; at most ``limit``."""
    active = sorted((j for j in found if j.active), key=lambda j: (j.created, j.id))
    ended = sorted((j for j in found if not j.active), key=lambda j: (j.created, j.id), reverse=True)
    return [*active, *ended][:limit]


def pending_runs() -> int:
    """Training runs the job queue holds that are not finished: a queued or running training job counts one, a sweep
    job its points not done yet (counted against ``HBL_MAX_PENDING_RUNS``)."""
    from hybrid_core import jobs, sweep

    pending = 0
    for job in jobs.list_jobs(states=jobs.ACTIVE):
        if job.kind == "train":
            pending += 1
        elif job.kind == "sweep" and (Path(job.target) / sweep.CONFIG_FILE).is_file():
            states = sweep.point_states(Path(job.target))
            pending += int(((states["state"] != "done") & (states["seed"] >= 0)).sum())
    return pending


def evaluate_in_background(model: str, data: str, *, candidate_text: str = "sentence") -> Any:
    """Evaluate a finished run (or model spec) in the background into ``<workspace>/evaluations``; returns the job."""
    from hybrid_core import jobs

    return jobs.launch_evaluation(model, data, out_dir=evaluations_dir(), candidate_text=candidate_text,
                                  backend=EVAL_BACKEND)
