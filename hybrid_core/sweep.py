"""α sweeps: a grid of (α, seed) training runs, each followed by evaluation, in one resumable folder.

A sweep folder (default ``<workspace>/sweeps/<name>``) holds:

=========================================  ==============================================================
``sweep.json``                             the :class:`SweepConfig` (grid, base training settings, evaluations)
``runs/<point>/``                          one normal training run per point (``a0.50-s1``: α = 0.5, seed 1)
``results/<point>/<evaluation>.parquet``   its results table per evaluation (written atomically)
``results/untuned/<evaluation>.parquet``   the untuned model, the reference line
``results/<point>/training.json``          only for a point restored from an archive: its run's summary
``index.json``                             a derived view: every point's state, for the CLI and dashboard
``process.json``                           the process running the sweep (pid, start time; see :func:`sweep_process`)
``sweep.log``                              output of the background process of :func:`launch`
=========================================  ==============================================================

State lives in the files, not in a shared mutable index: a point is *done* when all its evaluation files
exist, *trained* when its run's ``status.json`` says finished, otherwise it is (re)started and the training
run resumes from its last checkpoint. So re-running a sweep skips finished points, a killed sweep
continues where it stopped, and points can run in parallel processes (``workers``) or on a Ray cluster
(``backend="ray"``) without any coordination but the file system.

A sweep runs in the caller's process (:func:`run_sweep`) or detached in the background (:func:`launch`, which
survives the caller, e.g. a dashboard restart); :func:`cancel` stops the background process, and launching
again resumes.

Every point uses the same model, data, step budget and hyperparameters (:attr:`SweepConfig.train`);
only α and the seed change. Re-using a sweep name with different settings is refused (growing the grid —
more α values or seeds, more evaluations — is allowed).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from hybrid_core.atomic import write_json
from hybrid_core.paths import check_name, inside, workspace_dir
from hybrid_core.processes import group_members, process_alive, start_detached, start_ticks, terminate_group
from hybrid_core.results import concat_results, read_results, write_results
from hybrid_core.validation import check_alpha

log = logging.getLogger(__name__)

DEFAULT_ALPHAS: tuple[float, ...] = tuple(round(i / 10, 1) for i in range(11))
CONFIG_FILE, INDEX_FILE = "sweep.json", "index.json"
#: the process running a sweep (pid, start time, command), and the stdout/stderr of a launched one.
PROCESS_FILE, LOG_FILE = "process.json", "sweep.log"
#: Beside a point's results: the summary of a run trained elsewhere, restored from an archive (see
#: :mod:`hybrid_core.archive`); such a point is done without a run folder here.
ARCHIVED_FILE = "training.json"
UNTUNED = "untuned"
ExecutionBackend = Literal["local", "ray"]
#: Training settings a sweep fixes per point; the base settings may not set them.
_POINT_FIELDS = frozenset({"alpha", "seed", "name", "output_dir"})


def point_id(alpha: float, seed: int) -> str:
    """Name of a grid point: ``a0.50-s1``."""
    return f"a{alpha:.2f}-s{seed}"


@dataclass(frozen=True)
class EvalSpec:
    """One evaluation run after every point.

    Args:
        data: dataset path (any supported format) or ``"demo"`` (the shipped demo set's eval split).
        format: data format (``auto`` detects it).
        candidate_text: ``sentence`` (LAReQA's sentence-only variant) or ``sentence+context``.
        languages: evaluate only these languages (default all).
        max_questions: keep only the first N question ids (quick sweeps).
        backend: inference backend (``torch`` = fp32 reference; see :mod:`hybrid_core.backends`).
        name: key of the evaluation in file names (default ``<dataset>-<candidate_text>``).
        alphas: evaluate only the points with these α values (default every point), e.g. an expensive
            paragraph-context evaluation at α = 0, the best α and α = 1; the untuned model always gets it.
        seeds: evaluate only the points of these seeds (default every seed).
    """

    data: str
    format: str = "auto"
    candidate_text: str = "sentence"
    languages: tuple[str, ...] | None = None
    max_questions: int | None = None
    backend: str = "torch"
    name: str = ""
    alphas: tuple[float, ...] | None = None
    seeds: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if not str(self.data).strip():
            raise ValueError("evaluation data: give a dataset path or 'demo'")
        if self.languages is not None:
            object.__setattr__(self, "languages", tuple(self.languages))
        if self.alphas is not None:
            alphas = sorted({check_alpha(a, where="evaluation alphas") for a in self.alphas})
            object.__setattr__(self, "alphas", tuple(alphas))
        if self.seeds is not None:
            object.__setattr__(self, "seeds", tuple(sorted(int(s) for s in self.seeds)))
        if not self.name:
            stem = "demo" if self.data == "demo" else Path(self.data).expanduser().resolve().name
            object.__setattr__(self, "name", f"{stem}-{self.candidate_text.replace('+', '-')}"
                               + (f"-q{self.max_questions}" if self.max_questions else ""))
        check_name(self.name, what="evaluation name")

    def check_data(self) -> EvalSpec:
        """Raise FileNotFoundError when the evaluation data is missing (checked before a sweep does any work; a
        saved or archived sweep loads without its data)."""
        if self.data != "demo" and not Path(self.data).expanduser().exists():
            raise FileNotFoundError(f"evaluation data not found: {self.data}")
        return self

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalSpec:
        """An evaluation as saved in ``sweep.json``."""
        return cls(**{**data, "languages": tuple(data["languages"]) if data.get("languages") else None})

    def applies_to(self, alpha: float, seed: int) -> bool:
        """Whether the point (α, seed) gets this evaluation (the untuned model, α = NaN, always does)."""
        if math.isnan(alpha):
            return True
        return ((self.alphas is None or any(math.isclose(alpha, a, abs_tol=1e-9) for a in self.alphas))
                and (self.seeds is None or seed in self.seeds))

    @classmethod
    def parse(cls, text: str) -> EvalSpec:
        """Parse a CLI spec ``PATH[,candidates=sentence+context][,format=lareqa][,max_questions=300]...``.

        List options join their values with ``+``: ``languages=de+en``, ``alphas=0+0.5+1``, ``seeds=1+2``.
        """
        head, *options = [part.strip() for part in text.split(",")]
        values: dict[str, Any] = {"data": head}
        known = {f.name for f in fields(cls)} - {"data"}
        for option in options:
            key, _, value = option.partition("=")
            key = {"candidates": "candidate_text"}.get(key, key)
            if key not in known:
                raise ValueError(f"evaluation spec {text!r}: unknown option {key!r}; known: {sorted(known)}")
            if key == "max_questions":
                values[key] = int(value)
            elif key == "languages":
                values[key] = tuple(v for v in value.split("+") if v)
            elif key in ("alphas", "seeds"):
                kind = float if key == "alphas" else int
                try:
                    values[key] = tuple(kind(v) for v in value.split("+") if v)
                except ValueError:
                    raise ValueError(f"evaluation spec {text!r}: {key} must be numbers joined by '+', "
                                     f"got {value!r}") from None
            else:
                values[key] = value
        return cls(**values).check_data()


@dataclass
class SweepConfig:
    """A sweep: the grid and what every point shares.

    Args:
        name: sweep folder name under ``<workspace>/sweeps``.
        alphas: α values (each in [0, 1]); default 0, 0.1, ..., 1.
        seeds: training seeds; every α is trained once per seed.
        train: base training settings (fields of :class:`hybrid_core.training.TrainConfig` except
            alpha, seed, name, output_dir), identical for every point.
        evaluations: what to evaluate after each point.
        untuned: also evaluate the untuned model (the reference line).
    """

    name: str
    alphas: tuple[float, ...] = DEFAULT_ALPHAS
    seeds: tuple[int, ...] = (1,)
    train: dict[str, Any] = field(default_factory=dict)
    evaluations: tuple[EvalSpec, ...] = ()
    untuned: bool = True

    def __post_init__(self) -> None:
        check_name(self.name, what="sweep name")
        if not self.alphas:
            raise ValueError("alphas: give at least one α value in [0, 1]")
        self.alphas = tuple(sorted({round(check_alpha(a, where="alphas"), 6) for a in self.alphas}))
        if not self.seeds:
            raise ValueError("seeds: give at least one seed")
        for seed in self.seeds:
            if isinstance(seed, bool) or not isinstance(seed, int):
                raise ValueError(f"seeds: {seed!r} is not an integer")
        self.seeds = tuple(sorted(set(self.seeds)))
        fixed = sorted(_POINT_FIELDS & set(self.train))
        if fixed:
            raise ValueError(f"train: {fixed} are set per point by the sweep; remove them from the base settings")
        self.base_train_config()  # validates every field now, not after an hour of training
        self.evaluations = tuple(e if isinstance(e, EvalSpec) else EvalSpec(**e) for e in self.evaluations)
        names = [e.name for e in self.evaluations]
        if len(set(names)) != len(names):
            raise ValueError(f"evaluations: two evaluations share a name: {names}")

    def base_train_config(self, *, alpha: float = 0.5, seed: int = 1, output_dir: str | None = None):
        """The :class:`~hybrid_core.training.TrainConfig` of one point."""
        from hybrid_core.training import TrainConfig

        return TrainConfig.from_dict({**self.train, "alpha": alpha, "seed": seed, "name": point_id(alpha, seed),
                                      "output_dir": output_dir})

    def points(self) -> list[tuple[float, int]]:
        """Every (α, seed) of the grid, α-major."""
        return [(alpha, seed) for alpha in self.alphas for seed in self.seeds]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["alphas"], data["seeds"] = list(self.alphas), list(self.seeds)
        data["evaluations"] = [asdict(e) for e in self.evaluations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepConfig:
        data = dict(data)
        data["alphas"] = tuple(data.get("alphas", DEFAULT_ALPHAS))
        data["seeds"] = tuple(data.get("seeds", (1,)))
        data["evaluations"] = tuple(EvalSpec.from_dict(e) for e in data.get("evaluations", ()))
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"sweep config: unknown field(s) {sorted(unknown)}")
        return cls(**data)


# ----- the folder --------------------------------------------------------------------------------------------
def sweeps_root() -> Path:
    return workspace_dir() / "sweeps"


def sweep_dir(name: str, *, root: Path | None = None) -> Path:
    """Folder of a sweep (name checked so it cannot leave the workspace)."""
    root = root or sweeps_root()
    root.mkdir(parents=True, exist_ok=True)
    return inside(root, name, what="sweep name")


def run_dir(folder: Path, alpha: float, seed: int) -> Path:
    return folder / "runs" / point_id(alpha, seed)


def result_path(folder: Path, point: str, evaluation: EvalSpec) -> Path:
    return folder / "results" / point / f"{evaluation.name}.parquet"


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
    if saved_path.exists():
        saved = SweepConfig.from_dict(read_saved(folder))
        changed = training_differences(pinned_training(saved), pinned_training(config))
        if changed:
            raise ValueError(f"sweep {config.name!r} already exists in {folder} with other training settings "
                             f"({', '.join(changed)}); use another sweep name")
        config = replace(grown(config, saved.alphas, saved.seeds, saved.evaluations), train=saved.train)
    else:  # pin every training setting, so a later change of a library default cannot alter the sweep
        config = replace(config, train=pinned_training(config))
    folder.mkdir(parents=True, exist_ok=True)
    write_json(saved_path, config.to_dict())
    return folder


def pinned_training(config: SweepConfig) -> dict[str, Any]:
    """Every training setting a sweep fixes for all its points (what ``sweep.json`` stores as ``train``)."""
    return {k: v for k, v in config.base_train_config().to_dict().items() if k not in _POINT_FIELDS}


def training_differences(old: dict[str, Any], new: dict[str, Any], *, ignore_locations: bool = False) -> list[str]:
    """The training settings that differ, as ``"field: old -> new"``.

    With ``ignore_locations``, the data and model paths count as equal when only their folders differ
    (``/work/shared/data/mlqa-r`` and ``/home/me/data/mlqa-r``): the same sweep on another machine.
    """
    def comparable(key: str, value: Any) -> Any:
        if ignore_locations and key in ("data", "model") and isinstance(value, str) and "/" in value:
            return Path(value).name
        return value

    keys = sorted(set(old) | set(new))
    return [f"{k}: {old.get(k)!r} -> {new.get(k)!r}" for k in keys
            if comparable(k, old.get(k)) != comparable(k, new.get(k))]


def grown(config: SweepConfig, alphas: Iterable[float], seeds: Iterable[int],
          evaluations: Iterable[EvalSpec]) -> SweepConfig:
    """``config`` with more α values, seeds and evaluations (a sweep only ever grows; ``config`` wins a name)."""
    return replace(config, alphas=tuple(sorted(set(alphas) | set(config.alphas))),
                   seeds=tuple(sorted(set(seeds) | set(config.seeds))),
                   evaluations=tuple({e.name: e for e in (*evaluations, *config.evaluations)}.values()))


def read_saved(folder: Path) -> dict[str, Any]:
    """The raw ``sweep.json`` of a sweep folder or archive (no validation: its data need not be on this machine)."""
    path = Path(folder) / CONFIG_FILE
    if not path.is_file():
        raise FileNotFoundError(f"not a sweep folder or archive (no {CONFIG_FILE}): {folder}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None


def load_config(folder: Path) -> SweepConfig:
    """The configuration saved in a sweep folder (validated: its training data must be on this machine)."""
    return SweepConfig.from_dict(read_saved(folder))


def _run_state(path: Path) -> str:
    from hybrid_core import runs

    status = runs.read_json(path / runs.STATUS_FILE) if path.is_dir() else None
    return str((status or {}).get("state", "pending"))


def point_states(folder: Path, config: SweepConfig | None = None) -> pd.DataFrame:
    """Every point's state: ``done`` (all evaluations written), ``trained``, the run's own state, or ``pending``.

    A point restored from an archive (trained on another machine) is ``done`` when its archived evaluations are
    all it needs; an evaluation added later makes it ``pending`` again (its model is not here, so it retrains).
    """
    config = config or load_config(folder)
    records = []
    targets = [(UNTUNED, math.nan, -1)] if config.untuned else []
    targets += [(point_id(a, s), a, s) for a, s in config.points()]
    for point, alpha, seed in targets:
        missing = [e.name for e in config.evaluations
                   if e.applies_to(alpha, seed) and not result_path(folder, point, e).exists()]
        if point == UNTUNED:
            state = "done" if not missing else "pending"
        else:
            run_state = _run_state(run_dir(folder, alpha, seed))
            trained = run_state == "finished" or (folder / "results" / point / ARCHIVED_FILE).is_file()
            state = "done" if not missing and trained else ("trained" if run_state == "finished" else run_state)
        records.append({"point": point, "alpha": alpha, "seed": seed, "state": state,
                        "missing_evaluations": missing})
    return pd.DataFrame(records)


def write_index(folder: Path, config: SweepConfig | None = None) -> pd.DataFrame:
    """Refresh ``index.json`` (a derived view of :func:`point_states`)."""
    states = point_states(folder, config)
    write_json(folder / INDEX_FILE, {"updated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                     "points": json.loads(states.to_json(orient="records"))})
    return states


# ----- running ---------------------------------------------------------------------------------------------
_DATASETS: dict[tuple, Any] = {}


def _dataset(spec: EvalSpec):
    from hybrid_core.data import demo_dataset, load_dataset

    key = (spec.data, spec.format, spec.languages)
    if key not in _DATASETS:
        _DATASETS[key] = demo_dataset("eval", languages=spec.languages) if spec.data == "demo" else \
            load_dataset(spec.data, format=spec.format, languages=spec.languages)
    return _DATASETS[key]


def evaluate_point(folder: Path, config: SweepConfig, point: str, *, model: str, alpha: float, seed: int,
                   progress: bool = False) -> list[Path]:
    """Run every missing evaluation of one point (the model is loaded once per backend)."""
    from hybrid_core.backends import get_encoder
    from hybrid_core.evaluation.engine import evaluate

    written = []
    encoders: dict[str, Any] = {}
    for spec in config.evaluations:
        path = result_path(folder, point, spec)
        if path.exists() or not spec.applies_to(alpha, seed):
            continue
        if spec.backend not in encoders:
            encoders[spec.backend] = get_encoder(model, backend=spec.backend)
        started = time.perf_counter()
        table = evaluate(encoders[spec.backend], _dataset(spec), candidate_text=spec.candidate_text,
                         max_questions=spec.max_questions, run=point, model=str(model), alpha=alpha, seed=seed,
                         progress=progress)
        write_results(table, path)
        log.info("%s: evaluated %s in %.0f s", point, spec.name, time.perf_counter() - started)
        written.append(path)
    return written


def run_point(folder: Path, alpha: float, seed: int, *, progress: bool = False) -> str:
    """Train (or resume) one point and evaluate it; a finished point returns at once. Returns its state."""
    from hybrid_core.training import train

    config = load_config(folder)
    point = point_id(alpha, seed)
    path = run_dir(folder, alpha, seed)
    if _run_state(path) != "finished":
        train(config.base_train_config(alpha=alpha, seed=seed, output_dir=str(path)))
        if _run_state(path) != "finished":
            return _run_state(path)
    evaluate_point(folder, config, point, model=str(path), alpha=alpha, seed=seed, progress=progress)
    return "done"


def run_untuned(folder: Path, config: SweepConfig, *, progress: bool = False) -> None:
    """Evaluate the untuned model of the sweep (the reference line)."""
    model = str(config.train.get("model", config.base_train_config().model))
    evaluate_point(folder, config, UNTUNED, model=model, alpha=math.nan, seed=-1, progress=progress)


def _point_command(folder: Path, alpha: float, seed: int) -> list[str]:
    return [sys.executable, "-m", "hybrid_core", "sweep", "point", str(folder), "--alpha", repr(alpha),
            "--seed", str(seed)]


def _worker_env(slot: int, workers: int) -> dict[str, str]:
    """Environment of worker ``slot``: its own GPU where there are GPUs, a share of the CPU threads otherwise."""
    env = dict(os.environ)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads slow co-running workers ~4x
    gpus = _gpu_count()
    if gpus:
        env["CUDA_VISIBLE_DEVICES"] = str(slot % gpus)
    else:
        env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // workers))
    return env


def _gpu_count() -> int:
    try:
        import torch

        return torch.cuda.device_count()
    except ImportError:  # pragma: no cover - torch is a dependency
        return 0


def run_order(points: Sequence[tuple[float, int]]) -> list[tuple[float, int]]:
    """The order in which to run ``points``: seed by seed, and within a seed coarse to fine in α.

    A stopped sweep then leaves whole curves (every α of the first seeds) rather than every seed of the first
    α values, and each seed's α values come endpoints first, then each next α as far as possible from those
    already run (ties: the smaller α), so a curve cut short still spans [0, 1].

    Example:
        >>> run_order([(a, s) for a in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0) for s in (1, 2)])[:7]
        [(0.0, 1), (1.0, 1), (0.5, 1), (0.2, 1), (0.8, 1), (0.4, 1), (0.6, 1)]
    """
    seeds = list(dict.fromkeys(seed for _, seed in points))
    ordered: list[tuple[float, int]] = []
    for seed in seeds:
        remaining = sorted({alpha for alpha, s in points if s == seed})
        chosen: list[float] = []
        while remaining:
            if len(chosen) < 2:
                pick = remaining[0] if not chosen else remaining[-1]
            else:
                pick = max(remaining, key=lambda a: (round(min(abs(a - c) for c in chosen), 9), -a))
            chosen.append(pick)
            remaining.remove(pick)
        ordered.extend((alpha, seed) for alpha in chosen)
    return ordered


def run_sweep(config: SweepConfig, *, root: Path | None = None, workers: int = 1,
              backend: ExecutionBackend = "local", on_point: Callable[[str, str], None] | None = None,
              progress: bool = False, archive: Path | None = None) -> pd.DataFrame:
    """Run (or continue) a sweep: the untuned reference, then every unfinished point; returns the results.

    With ``archive`` (see :mod:`hybrid_core.archive`), the archived points the sweep folder lacks are restored
    first (they are not trained again), and every point that finishes is added to the archive at once.

    Args:
        config: the sweep.
        root: sweeps folder (default ``<workspace>/sweeps``).
        workers: points run at once (one process each; one GPU each where there are GPUs).
        backend: ``"local"`` (processes on this machine) or ``"ray"`` (tasks on a Ray cluster; ``ray.init()``
            connects to ``RAY_ADDRESS`` or starts a local one).
        on_point: called with (point, state) when a point ends.
        progress: show evaluation progress bars (in-process runs).
        archive: folder of the sweep's archive (restored from, then kept up to date).

    Raises:
        ValueError: bad workers/backend, a sweep folder with other settings, an archive of another sweep, or a
            sweep that another process runs (see :func:`sweep_process`).
    """
    _check_workers(workers)
    if backend not in ("local", "ray"):
        raise ValueError(f"unknown sweep backend {backend!r}; expected 'local' or 'ray'")
    folder = sweep_dir(config.name, root=root)
    with _start_lock(folder.parent):
        _refuse_if_running(folder)
        if archive is not None and (Path(archive) / CONFIG_FILE).is_file():
            from hybrid_core.archive import restore_archive

            restore_archive(archive, config, root=root)
        folder = prepare(config, root=root)
        _claim(folder)
    config = load_config(folder)
    keep_archive = _archiver(folder, archive)

    def point_ended(point: str, state: str) -> None:
        if state == "done":
            keep_archive()
        if on_point:
            on_point(point, state)

    try:
        if config.untuned:
            run_untuned(folder, config, progress=progress)
            keep_archive()
        states = point_states(folder, config).set_index("point")["state"]
        todo = [(a, s) for a, s in run_order(config.points()) if states[point_id(a, s)] != "done"]
        log.info("sweep %s: %d of %d points to run", config.name, len(todo), len(config.points()))
        if backend == "ray":
            _run_with_ray(folder, todo, point_ended)
        elif workers == 1:
            for alpha, seed in todo:
                state = run_point(folder, alpha, seed, progress=progress)
                write_index(folder, config)
                point_ended(point_id(alpha, seed), state)
                if state == "cancelled":  # SIGTERM: the run saved a checkpoint; stop the sweep, not just this point
                    log.warning("sweep %s: cancelled during %s; run it again to resume", config.name,
                                point_id(alpha, seed))
                    break
        else:
            _run_in_processes(folder, todo, workers, point_ended)
        write_index(folder, config)
        keep_archive()
    finally:
        _release(folder)
    return collect_results(folder)


def _archiver(folder: Path, archive: Path | None) -> Callable[[], None]:
    """A function that adds the sweep's finished points to ``archive`` (one call at a time across worker threads);
    it does nothing without an archive."""
    if archive is None:
        return lambda: None
    from hybrid_core.archive import write_archive

    lock = threading.Lock()

    def keep() -> None:
        with lock:
            write_archive(folder, archive)

    return keep


def _check_workers(workers: int) -> None:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")


def _run_in_processes(folder: Path, todo: Sequence[tuple[float, int]], workers: int,
                      on_point: Callable[[str, str], None] | None) -> None:
    slots = list(range(workers))

    def one(item: tuple[float, int]) -> None:
        slot = slots.pop()
        try:
            log_path = folder / "runs" / f"{point_id(*item)}.worker.log"
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(log_path, "ab") as handle:
                code = subprocess.call(_point_command(folder, *item), env=_worker_env(slot, workers),
                                       stdout=handle, stderr=subprocess.STDOUT)
            state = "done" if code == 0 else f"failed (exit {code}, see {log_path})"
            write_index(folder)
            if on_point:
                on_point(point_id(*item), state)
        finally:
            slots.append(slot)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, todo))


def _run_with_ray(folder: Path, todo: Sequence[tuple[float, int]],
                  on_point: Callable[[str, str], None] | None) -> None:
    try:
        import ray
    except ImportError as exc:
        raise ModuleNotFoundError("the Ray backend needs the optional extra: pip install 'hybrid-batch-lab[ray]' "
                                  "(or pip install ray)") from exc
    if not ray.is_initialized():
        ray.init(ignore_reinit_error=True, include_dashboard=False, log_to_driver=False)
    gpus = 1 if ray.cluster_resources().get("GPU", 0) >= 1 else 0
    task = ray.remote(num_gpus=gpus)(run_point)
    refs = {task.remote(folder, alpha, seed): point_id(alpha, seed) for alpha, seed in todo}
    pending = list(refs)
    while pending:
        ready, pending = ray.wait(pending, num_returns=1)
        for ref in ready:
            state = ray.get(ref)
            write_index(folder)
            if on_point:
                on_point(refs[ref], state)


# ----- in the background -------------------------------------------------------------------------------------
def launch(config: SweepConfig, *, root: Path | None = None, workers: int = 1,
           archive: Path | None = None) -> Path:
    """Start (or resume) a sweep as a detached background process; returns its folder at once.

    The folder is prepared first, with the checks of :func:`run_sweep`, so bad settings fail here and not in the
    background. The process is ``python -m hybrid_core sweep run <name> --root <root> --workers N`` in its own
    session (it survives the caller, e.g. a dashboard restart), with ``OMP_WAIT_POLICY=PASSIVE`` and its output
    appended to ``<folder>/sweep.log``; its pid and start time are recorded in ``<folder>/process.json``.
    With ``archive``, the process restores from and keeps that archive (see :func:`run_sweep`).

    Raises:
        ValueError: bad workers, a sweep folder with other training settings, or a sweep another process runs.
    """
    _check_workers(workers)
    folder = sweep_dir(config.name, root=root)
    with _start_lock(folder.parent):
        _refuse_if_running(folder)
        folder = prepare(config, root=root)
        saved = load_config(folder)
        command = [sys.executable, "-m", "hybrid_core", "sweep", "run", saved.name, "--root", str(folder.parent),
                   "--workers", str(workers), *([] if saved.untuned else ["--no-untuned"]),
                   *([] if archive is None else ["--archive", str(Path(archive).resolve())])]
        log_path = folder / LOG_FILE
        with open(log_path, "a", encoding="utf-8") as handle:
            handle.write(f"\n=== {_now()} launched: {' '.join(command)}\n")
        process = start_detached(command, log_path=log_path, cwd=folder)
        write_json(folder / PROCESS_FILE, {"pid": process.pid, "start_ticks": start_ticks(process.pid),
                                           "started": _now(), "detached": True, "workers": workers,
                                           "command": command, "log": LOG_FILE})
    log.info("launched sweep %s (pid %d), log %s", saved.name, process.pid, log_path)
    return folder


def sweep_process(folder: Path) -> dict[str, Any] | None:
    """The process that runs (or last ran) a sweep, or None when no process recorded itself.

    A launched sweep (``detached``) records its background process; :func:`run_sweep` in the foreground records
    the calling process (``detached: false``) and marks it ``ended`` when it returns.

    Returns:
        The record of ``process.json`` (``pid``, ``started``, ``detached``, ``workers``, ``command``; ``ended``,
        ``cancelled`` when known) with ``alive`` (it, or a process it started, still runs) and ``log`` (the path
        of ``sweep.log``).
    """
    record = _read_record(Path(folder))
    if record is None:
        return None
    pid, ticks = int(record["pid"]), record.get("start_ticks")
    if record.get("ended"):
        alive = False
    elif record.get("detached", True):
        alive = bool(group_members(pid, started_since=ticks))
    else:
        alive = process_alive(pid) and (ticks is None or start_ticks(pid) == ticks)
    return {**record, "pid": pid, "alive": alive, "log": str(Path(folder) / record.get("log", LOG_FILE))}


def cancel(folder: Path, *, timeout: float = 60.0) -> bool:
    """Stop a launched sweep: SIGTERM to its process group (a point in training saves a checkpoint and stops),
    SIGKILL after ``timeout`` seconds.

    Finished points are left as they are; launching or running the sweep again resumes it. A point's run that
    was stopped is marked ``cancelled`` (its last checkpoint is kept).

    Returns:
        True when a live process was stopped, False when none was running.

    Raises:
        ValueError: the sweep runs in the foreground of another process (stop it there).
    """
    folder = Path(folder)
    record = sweep_process(folder)
    if record is None or not record["alive"]:
        return False
    if not record.get("detached", True):
        raise ValueError(f"sweep {folder.name!r} runs in the foreground of process {record['pid']} "
                         f"({' '.join(map(str, record.get('command') or []))}); stop it there (Ctrl-C)")
    _update_record(folder, cancel_requested=_now())
    terminate_group(record["pid"], timeout=timeout, started_since=record.get("start_ticks"))
    _mark_stopped_runs(folder)
    _update_record(folder, cancelled=_now())
    write_index(folder)
    log.info("cancelled sweep %s (pid %d)", folder.name, record["pid"])
    return True


def _read_record(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / PROCESS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{folder / PROCESS_FILE}: not valid JSON ({exc.msg})") from None


def _update_record(folder: Path, **fields: Any) -> None:
    record = _read_record(folder)
    if record is not None:
        write_json(folder / PROCESS_FILE, {**record, **fields})


def _claim(folder: Path) -> None:
    """Record this process as the one running the sweep (a launched process was recorded by :func:`launch`)."""
    record = _read_record(folder)
    if record and record.get("pid") == os.getpid() and not record.get("ended"):
        return
    write_json(folder / PROCESS_FILE, {"pid": os.getpid(), "start_ticks": start_ticks(os.getpid()),
                                       "started": _now(), "detached": False, "command": sys.argv})


def _release(folder: Path) -> None:
    """Mark this process's record ``ended`` (the sweep returned: finished, cancelled or failed)."""
    record = _read_record(folder)
    if record and record.get("pid") == os.getpid():
        write_json(folder / PROCESS_FILE, {**record, "ended": _now()})


def _mark_stopped_runs(folder: Path) -> None:
    """Mark point runs whose process is gone but whose status still says queued/running as ``cancelled``."""
    from hybrid_core import runs

    for path in sorted((folder / "runs").glob("*/")):
        if not (path / runs.STATUS_FILE).is_file():
            continue
        status = runs.read_status(path)
        if status.get("stale"):
            runs.update_status(path, state="cancelled", finished=runs.now(),
                               error=f"stopped with sweep {folder.name}; it resumes from its last checkpoint "
                                     "when the sweep runs again")


def _refuse_if_running(folder: Path) -> None:
    """Raise when another process runs this sweep: the one recorded in ``process.json``, or one training a point."""
    from hybrid_core import runs

    record = sweep_process(folder) if (folder / PROCESS_FILE).is_file() else None
    if record and record["alive"] and record["pid"] != os.getpid():
        where = "in the background" if record.get("detached", True) else "in the foreground of another process"
        how = (f"cancel it first (python -m hybrid_core sweep cancel {folder.name})" if record.get("detached", True)
               else "stop it there first")
        raise ValueError(f"sweep {folder.name!r} is already running {where} (pid {record['pid']}, started "
                         f"{record.get('started')}); {how}")
    for path in sorted((folder / "runs").glob("*/")):
        if not (path / runs.STATUS_FILE).is_file():
            continue
        status = runs.read_status(path)
        if status.get("alive") and status.get("state") in runs.ACTIVE_STATES and status.get("pid") != os.getpid():
            raise ValueError(f"sweep {folder.name!r} is already running: point {path.name} is being trained by "
                             f"process {status.get('pid')}")


@contextlib.contextmanager
def _start_lock(root: Path) -> Iterator[None]:
    """Serialize sweep starts under one sweeps folder (two clicks or shells must not start two processes)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def collect_results(folder: Path, *, metrics: Iterable[str] | None = None) -> pd.DataFrame:
    """Every result file of a sweep as one table (optionally only some metrics, to keep it small)."""
    wanted = None if metrics is None else set(metrics)
    tables = []
    for path in sorted((Path(folder) / "results").glob("*/*.parquet")):
        table = read_results(path)
        if wanted is not None:
            table = table[table["metric"].isin(wanted)]
        table = table.assign(evaluation=path.stem)
        tables.append(table)
    if not tables:
        return concat_results([])
    evaluation = pd.concat([t["evaluation"] for t in tables], ignore_index=True)
    merged = concat_results([t.drop(columns="evaluation") for t in tables])
    merged["evaluation"] = evaluation.to_numpy()
    return merged
