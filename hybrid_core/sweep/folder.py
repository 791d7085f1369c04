"""A sweep's folder: where its runs and results live, which points are done, and all its results as one table.

A sweep folder (default ``<workspace>/sweeps/<name>``) holds:

=========================================  ==============================================================
``sweep.json``                             the :class:`~hybrid_core.sweep.config.SweepConfig` (grid, base training
                                           settings, evaluations)
``runs/<point>/``                          one normal training run per point (``a0.50-s1``: α = 0.5, seed 1;
                                           ``linear-0-1-s1``: α ramped from 0 to 1)
``results/<point>/<evaluation>.parquet``   its results table per evaluation (written atomically)
``results/untuned/<evaluation>.parquet``   the untuned model, the reference line
``results/<point>/training.json``          only for a point restored from an archive: its run's summary
``index.json``                             a derived view: every point's state, for the CLI and dashboard
``process.json``                           the process running the sweep (see :mod:`hybrid_core.sweep.process`)
``sweep.log``                              output of a sweep running in the background
=========================================  ==============================================================

State lives in the files, not in a shared mutable index: a point is *done* when all its evaluation files exist
(and are whole), *trained* when its run's ``status.json`` says finished, otherwise it is (re)started and the
training run resumes from its last checkpoint.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from hybrid_core import runs
from hybrid_core.atomic import write_json
from hybrid_core.data import load_dataset
from hybrid_core.locations import portable_data, resolve_data
from hybrid_core.paths import inside, workspace_dir
from hybrid_core.results import cells_and_pairs, concat_results, read_results
from hybrid_core.schedules import AlphaSchedule
from hybrid_core.sweep.config import POINT_FIELDS, UNTUNED, EvalSpec, SweepConfig, point_id

log = logging.getLogger(__name__)

CONFIG_FILE, INDEX_FILE = "sweep.json", "index.json"
#: Beside a point's results: the summary of a run trained elsewhere, restored from an archive (see
#: :mod:`hybrid_core.archive`); such a point is done without a run folder here.
ARCHIVED_FILE = "training.json"


def sweeps_root() -> Path:
    """``<workspace>/sweeps``."""
    return workspace_dir() / "sweeps"


def sweep_dir(name: str, *, root: Path | None = None) -> Path:
    """Folder of a sweep (name checked so it cannot leave the workspace)."""
    root = root or sweeps_root()
    root.mkdir(parents=True, exist_ok=True)
    return inside(root, name, what="sweep name")


def run_dir(folder: Path, alpha: AlphaSchedule | float | str, seed: int) -> Path:
    """The training run folder of a point."""
    return folder / "runs" / point_id(alpha, seed)


def result_path(folder: Path, point: str, evaluation: EvalSpec) -> Path:
    """The results file of one evaluation of a point."""
    return folder / "results" / point / f"{evaluation.name}.parquet"


def result_ready(path: Path) -> bool:
    """Whether a point's results file exists and is whole.

    A file cut short (a kill or a full disk in the middle of a copy) is moved aside as ``<name>.damaged`` with a
    warning naming it, and the evaluation counts as missing, so the sweep recomputes it instead of failing later.
    """
    if not path.is_file():
        return False
    try:
        import pyarrow.parquet as pq

        pq.read_metadata(path)
    except Exception as exc:  # any unreadable file is damaged, whatever pyarrow raises
        damaged = path.with_name(path.name + ".damaged")
        log.warning("results file %s is damaged (%s: %s); moved to %s, the evaluation runs again", path,
                    type(exc).__name__, exc, damaged.name)
        path.replace(damaged)
        return False
    return True


def prepare(config: SweepConfig, *, root: Path | None = None) -> Path:
    """Create the sweep folder or check that an existing one is compatible; returns the folder.

    Compatible means: the same base training settings and untuned flag; α values, seeds and evaluations
    may be added (a grown grid only runs what is new).

    Raises:
        ValueError: the folder holds a sweep with other training settings (the message names the fields).
    """
    folder = sweep_dir(config.name, root=root)
    saved_path = folder / CONFIG_FILE
    for evaluation in config.evaluations:
        evaluation.check_data()
    config = portable(config)
    if saved_path.exists():
        saved = load_config(folder)
        changed = training_differences(pinned_training(saved), pinned_training(config))
        if changed:
            raise ValueError(f"sweep {config.name!r} already exists in {folder} with other training settings "
                             f"({', '.join(changed)}); use another sweep name")
        config = replace(grown(config, saved.alphas, saved.seeds, saved.evaluations),
                         train={**saved.train, "data": portable_data(saved.train.get("data", "demo"))},
                         datasets={**saved.datasets, **config.datasets})
    else:  # pin every training setting, so a later change of a library default cannot alter the sweep
        config = replace(config, train=pinned_training(config))
    config = replace(config, datasets=check_fingerprints(config, where=str(saved_path)))
    folder.mkdir(parents=True, exist_ok=True)
    write_json(saved_path, config.to_dict())
    return folder


def portable(config: SweepConfig) -> SweepConfig:
    """``config`` with its data recorded by portable references (:func:`hybrid_core.locations.portable_data`): a
    dataset of the shared data folder by its name there, not by the path it has on this machine."""
    train = dict(config.train)
    if "data" in train:
        train["data"] = portable_data(train["data"])
    evaluations = tuple(replace(e, data=portable_data(e.data)) for e in config.evaluations)
    return replace(config, train=train, evaluations=evaluations)


def check_fingerprints(config: SweepConfig, *, where: str) -> dict[str, str]:
    """The content fingerprint of every dataset of ``config`` that is on this machine, checked against the ones the
    sweep recorded (missing data is skipped: an archive is read without it).

    Raises:
        ValueError: a dataset whose content differs from what the sweep was run on (both fingerprints named).
    """

    references = [config.base_train_config().data, *(e.data for e in config.evaluations)]
    found = dict(config.datasets)
    for reference in dict.fromkeys(portable_data(r) for r in references):
        try:
            location = resolve_data(reference)
        except FileNotFoundError:
            continue
        dataset = load_dataset(location)
        recorded = config.datasets.get(reference)
        if recorded is not None and recorded != dataset.fingerprint:
            raise ValueError(f"{where}: the data {reference!r} at {location} differs from the data this sweep was run "
                             f"on (content fingerprint {dataset.fingerprint}, recorded {recorded}); point the sweep "
                             "at the same data, or start a new sweep")
        found[reference] = dataset.fingerprint
    return dict(sorted(found.items()))


def pinned_training(config: SweepConfig) -> dict[str, Any]:
    """Every training setting a sweep fixes for all its points (what ``sweep.json`` stores as ``train``; the data by
    its portable reference)."""
    pinned = {k: v for k, v in config.base_train_config().to_dict().items() if k not in POINT_FIELDS}
    pinned["data"] = portable_data(pinned["data"])
    return pinned


def training_differences(old: dict[str, Any], new: dict[str, Any], *, ignore_locations: bool = False) -> list[str]:
    """The training settings that differ, as ``"field: old -> new"``.

    With ``ignore_locations``, the data and model paths count as equal when only their folders differ
    (``/work/shared/data/mlqa-r`` and ``/home/me/data/mlqa-r``): the same sweep on another machine.
    """
    def comparable(key: str, value: Any) -> Any:
        if key == "data" and isinstance(value, str):
            value = portable_data(value)  # a shared dataset's path and its name are the same data
        if ignore_locations and key in ("data", "model") and isinstance(value, str) and "/" in value:
            return Path(value).name
        return value

    keys = sorted(set(old) | set(new))
    return [f"{k}: {old.get(k)!r} -> {new.get(k)!r}" for k in keys
            if comparable(k, old.get(k)) != comparable(k, new.get(k))]


def grown(config: SweepConfig, alphas: Iterable[AlphaSchedule | float | str], seeds: Iterable[int],
          evaluations: Iterable[EvalSpec]) -> SweepConfig:
    """``config`` with more α values, seeds and evaluations (a sweep only ever grows; ``config`` wins a name)."""
    # SweepConfig reads, deduplicates and orders the α values itself (numbers, spellings and schedules alike)
    return replace(config, alphas=(*alphas, *config.alphas), seeds=tuple(sorted(set(seeds) | set(config.seeds))),
                   evaluations=tuple({e.name: e for e in (*evaluations, *config.evaluations)}.values()))


def read_saved(folder: Path) -> dict[str, Any]:
    """The raw ``sweep.json`` of a sweep folder or archive (no validation: its data need not be on this machine)."""
    path = Path(folder) / CONFIG_FILE
    if not path.is_file():
        raise FileNotFoundError(f"not a sweep folder or archive (no {CONFIG_FILE}): {folder}")
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(saved, dict):
        raise ValueError(f"{path}: expected a JSON object (a sweep's settings), got {type(saved).__name__}")
    return saved


def load_config(folder: Path) -> SweepConfig:
    """The configuration saved in a sweep folder (validated: its training data must be on this machine).

    Raises:
        ValueError: a damaged ``sweep.json`` (the message names the file, and the field where it can).
    """
    saved, path = read_saved(folder), Path(folder) / CONFIG_FILE
    try:
        return SweepConfig.from_dict(saved)
    except ValueError as exc:
        if str(path) in str(exc):
            raise
        raise ValueError(f"{path}: {exc}") from None
    except (TypeError, KeyError, AttributeError) as exc:  # a field missing or of the wrong shape
        raise ValueError(f"{path}: {type(exc).__name__}: {exc}") from None


def run_state(path: Path) -> str:
    """The state of a point's run: its status (a run whose process is gone reads ``failed``, see
    :func:`hybrid_core.runs.read_status`), or ``pending`` before it exists."""
    if not (path / runs.STATUS_FILE).is_file():
        return "pending"
    return str(runs.read_status(path).get("state", "pending"))


def point_states(folder: Path, config: SweepConfig | None = None) -> pd.DataFrame:
    """Every point's state: ``done`` (all evaluations written), ``trained``, the run's own state, or ``pending``.

    A point restored from an archive (trained on another machine) is ``done`` when its archived evaluations are
    all it needs; an evaluation added later makes it ``pending`` again (its model is not here, so it retrains).
    """
    config = config or load_config(folder)
    records = []
    targets: list[tuple[str, AlphaSchedule | None, int]] = [(UNTUNED, None, -1)] if config.untuned else []
    targets += [(point_id(a, s), a, s) for a, s in config.points()]
    for point, alpha, seed in targets:
        missing = [e.name for e in config.evaluations
                   if e.applies_to(alpha, seed) and not result_ready(result_path(folder, point, e))]
        if point == UNTUNED:
            state = "done" if not missing else "pending"
        else:
            trained_here = run_state(run_dir(folder, alpha, seed))
            trained = trained_here == "finished" or (folder / "results" / point / ARCHIVED_FILE).is_file()
            state = "done" if not missing and trained else ("trained" if trained_here == "finished" else trained_here)
        records.append({"point": point, "alpha": math.nan if alpha is None else alpha.mean,
                        "schedule": "" if alpha is None else str(alpha), "seed": seed, "state": state,
                        "missing_evaluations": missing})
    return pd.DataFrame(records, columns=["point", "alpha", "schedule", "seed", "state", "missing_evaluations"])


def write_index(folder: Path, config: SweepConfig | None = None) -> pd.DataFrame:
    """Refresh ``index.json`` (a derived view of :func:`point_states`)."""
    states = point_states(folder, config)
    write_json(folder / INDEX_FILE, {"updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                     "points": json.loads(states.to_json(orient="records"))})
    return states


# ----- reading results ---------------------------------------------------------------------------------------
#: Which rows :func:`read_evaluations` keeps: ``"all"``, only the cell means (``"aggregated"``), or the cell means
#: plus the per-query rows of some ``(metric, setting)`` pairs.
PerQueryRows = str | Iterable[tuple[str, str]]


def result_files(folder: Path) -> dict[str, list[Path]]:
    """Every whole results file of a sweep folder or archive, by evaluation (in name order), each evaluation's
    files in the order of their paths (point by point): the order in which :func:`collect_results` stacks them."""
    files: dict[str, list[Path]] = {}
    for path in sorted((Path(folder) / "results").glob("*/*.parquet")):
        if result_ready(path):
            files.setdefault(path.stem, []).append(path)
    return dict(sorted(files.items()))


def read_result_file(path: Path, *, metrics: Iterable[str] | None = None, rows: PerQueryRows = "all") -> pd.DataFrame:
    """One results file (validated), with only some metrics and rows (see :func:`read_evaluations`)."""
    if isinstance(rows, str) and rows not in ("all", "aggregated"):
        raise ValueError(f"rows must be 'all', 'aggregated' or (metric, setting) pairs, got {rows!r}")
    table = read_results(path)
    keep = pd.Series(True, index=table.index) if metrics is None else table["metric"].isin(set(metrics))
    if rows == "aggregated":
        keep &= table["qid"] == ""
    elif rows != "all":
        keep &= cells_and_pairs(table, rows)
    return table if keep.all() else table[keep]


def read_evaluations(paths: Iterable[Path], *, metrics: Iterable[str] | None = None, rows: PerQueryRows = "all",
                     evaluation_column: bool = False) -> pd.DataFrame:
    """Some results files (e.g. one evaluation's, from :func:`result_files`) as one validated table, in the order
    given, each file cut to what is asked before the next one is read, so memory holds one file beside what is kept.

    Args:
        paths: the files.
        metrics: only these metrics (default: all).
        rows: ``"all"``, ``"aggregated"`` (cell means only) or the ``(metric, setting)`` pairs whose per-query rows
            are kept beside every cell mean.
        evaluation_column: add the ``evaluation`` column (the file's stem), as :func:`collect_results` does.
    """
    wanted = None if metrics is None else set(metrics)
    tables, names = [], []
    for path in paths:
        table = read_result_file(Path(path), metrics=wanted, rows=rows)
        tables.append(table)
        names.append(pd.Series(Path(path).stem, index=range(len(table)), dtype=object))
    tables_kept = [t for t in tables if len(t)]
    if not tables_kept:
        merged = concat_results([])
        return merged.assign(evaluation=pd.Series(dtype=object)) if evaluation_column else merged
    merged = concat_results(tables)
    if evaluation_column:
        merged["evaluation"] = pd.concat(names, ignore_index=True).to_numpy()
    return merged


def collect_results(folder: Path, *, metrics: Iterable[str] | None = None, rows: PerQueryRows = "all"
                    ) -> pd.DataFrame:
    """Every result file of a sweep as one table with an ``evaluation`` column (optionally only some metrics, or only
    the cell means: ``rows="aggregated"``, to keep it small).

    Every per-query row of every evaluation at once grows with the sweep (0.35 M rows an XQuAD-R evaluation of an
    archived point, several times that in a sweep folder); a report reads one evaluation at a time
    (:func:`result_files`, :func:`read_evaluations`).
    """
    paths = [p for files in result_files(folder).values() for p in files]
    return read_evaluations(sorted(paths), metrics=metrics, rows=rows, evaluation_column=True)
