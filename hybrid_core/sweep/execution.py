"""Running a sweep: train (or resume) each point and evaluate it, in this process, in worker processes or on Ray.

A sweep runs in the caller's process (:func:`run_sweep`) or detached in the background (through
:mod:`hybrid_core.jobs`, which survives the caller); re-running it skips finished points, a killed sweep continues
where it stopped, and points can run in parallel processes (``workers``) or on a Ray cluster (``backend="ray"``)
without any coordination but the file system. Every point uses the same model, data, step budget and
hyperparameters; only α (a constant or a schedule) and the seed change.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from hybrid_core.archive import REMEDY_SUFFIX, restore_archive, write_archive
from hybrid_core.atomic import write_json
from hybrid_core.backends import get_encoder
from hybrid_core.data import ParallelDataset, demo_dataset, load_dataset
from hybrid_core.debias import parse_remedy
from hybrid_core.evaluation.engine import evaluate
from hybrid_core.locations import model_label, resolve_data
from hybrid_core.results import write_results
from hybrid_core.schedules import AlphaSchedule, parse_schedule
from hybrid_core.sweep.config import UNTUNED, EvalSpec, SweepConfig, point_id
from hybrid_core.sweep.folder import (
    CONFIG_FILE,
    collect_results,
    load_config,
    point_states,
    prepare,
    result_path,
    result_ready,
    run_dir,
    run_state,
    sweep_dir,
    write_index,
)
from hybrid_core.sweep.process import check_workers, claim, refuse_if_running, release, start_lock

log = logging.getLogger(__name__)

ExecutionBackend = Literal["local", "ray"]


_DATASETS: dict[tuple, Any] = {}


def _dataset(spec: EvalSpec) -> ParallelDataset:
    """The evaluation's dataset (loaded once per process; ``demo`` is the demo set's held-out eval split)."""
    key = (spec.data, spec.format, spec.languages)
    if key not in _DATASETS:
        _DATASETS[key] = demo_dataset("eval", languages=spec.languages) if spec.data == "demo" else \
            load_dataset(resolve_data(spec.data, what="evaluation data"), format=spec.format, languages=spec.languages)
    return _DATASETS[key]


def _estimation(spec: EvalSpec, config: SweepConfig) -> ParallelDataset | None:
    """The parallel data a remedy of ``spec`` estimates on: its ``debias_data``, else the sweep's training data
    (loaded once per process); None for a remedy fitted on the index."""
    if not parse_remedy(spec.debias).needs_training_data:
        return None
    source = spec.debias_data or config.train.get("data", "demo")
    key = (source, "estimation")
    if key not in _DATASETS:
        _DATASETS[key] = demo_dataset("train") if source == "demo" else \
            load_dataset(resolve_data(source, what="debias data"))
    return _DATASETS[key]


def evaluate_point(folder: Path, config: SweepConfig, point: str, *, model: str, alpha: AlphaSchedule | None,
                   seed: int, progress: bool = False) -> list[Path]:
    """Run every missing evaluation of one point (the model is loaded once per backend)."""

    written = []
    encoders: dict[str, Any] = {}
    for spec in config.evaluations:
        path = result_path(folder, point, spec)
        if result_ready(path) or not spec.applies_to(alpha, seed):
            continue
        if spec.backend not in encoders:
            encoders[spec.backend] = get_encoder(model, backend=spec.backend)
        started = time.perf_counter()
        table = evaluate(encoders[spec.backend], _dataset(spec), candidate_text=spec.candidate_text,
                         max_questions=spec.max_questions, run=point, model=model_label(model),
                         alpha=math.nan if alpha is None else alpha.mean, schedule="" if alpha is None else str(alpha),
                         seed=seed, progress=progress, debias=spec.debias,
                         estimation=_estimation(spec, config))
        write_results(table, path)
        if spec.debias != "none":  # the languages the remedy's statistics cover and miss (reports read them)
            write_json(path.with_name(f"{spec.name}{REMEDY_SUFFIX}"), table.attrs["evaluation"]["debias"])
        log.info("%s: evaluated %s in %.0f s", point, spec.name, time.perf_counter() - started)
        written.append(path)
    return written


def run_point(folder: Path, alpha: AlphaSchedule | float | str, seed: int, *, progress: bool = False) -> str:
    """Train (or resume) one point and evaluate it; a finished point returns at once. Returns its state."""
    from hybrid_core.training.trainer import train  # here: torch loads only when a point trains

    alpha = parse_schedule(alpha)
    config = load_config(folder)
    point = point_id(alpha, seed)
    path = run_dir(folder, alpha, seed)
    if run_state(path) != "finished":
        # the sweep folder was placed by its creator (a --root anywhere is an explicit choice)
        train(config.base_train_config(alpha=alpha, seed=seed, output_dir=str(path)), allow_outside_workspace=True)
        if run_state(path) != "finished":
            return run_state(path)
    evaluate_point(folder, config, point, model=str(path), alpha=alpha, seed=seed, progress=progress)
    return "done"


def run_untuned(folder: Path, config: SweepConfig, *, progress: bool = False) -> None:
    """Evaluate the untuned model of the sweep (the reference line)."""
    model = str(config.train.get("model", config.base_train_config().model))
    evaluate_point(folder, config, UNTUNED, model=model, alpha=None, seed=-1, progress=progress)


def _point_command(folder: Path, alpha: AlphaSchedule | None, seed: int, *, progress: bool = False) -> list[str]:
    """``sweep point`` of one point (``alpha`` None: the untuned model's evaluations)."""
    where = ["--untuned"] if alpha is None else ["--alpha", str(alpha), "--seed", str(seed)]
    return [sys.executable, "-m", "hybrid_core", "sweep", "point", str(folder), *where,
            *(["--progress"] if progress else [])]


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


def run_order(points: Sequence[tuple[AlphaSchedule, int]]) -> list[tuple[AlphaSchedule, int]]:
    """The order in which to run ``points``: seed by seed, within a seed the constants coarse to fine in α, then
    the other schedules (in their order).

    A stopped sweep then leaves whole curves (every α of the first seeds) rather than every seed of the first
    α values, and each seed's α values come endpoints first, then each next α as far as possible from those
    already run (ties: the smaller α), so a curve cut short still spans [0, 1].

    Example:
        >>> grid = [(parse_schedule(a), s) for a in (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0, "linear:0-1") for s in (1, 2)]
        >>> [str(a) for a, s in run_order(grid)[:8]]
        ['0', '1', '0.5', '0.2', '0.8', '0.4', '0.6', 'linear:0-1']
    """
    points = [(parse_schedule(alpha), seed) for alpha, seed in points]
    seeds = list(dict.fromkeys(seed for _, seed in points))
    ordered: list[tuple[AlphaSchedule, int]] = []
    for seed in seeds:
        by_value = {alpha.mean: alpha for alpha, s in points if s == seed and alpha.is_constant}
        remaining = sorted(by_value)
        chosen: list[float] = []
        while remaining:
            if len(chosen) < 2:
                pick = remaining[0] if not chosen else remaining[-1]
            else:
                pick = max(remaining, key=lambda a: (round(min(abs(a - c) for c in chosen), 9), -a))
            chosen.append(pick)
            remaining.remove(pick)
        ordered.extend((by_value[alpha], seed) for alpha in chosen)
        ordered.extend(dict.fromkeys((alpha, seed) for alpha, s in points if s == seed and not alpha.is_constant))
    return ordered


def run_sweep(config: SweepConfig, *, root: Path | None = None, workers: int = 1,
              backend: ExecutionBackend = "local", on_point: Callable[[str, str], None] | None = None,
              progress: bool = False, archive: Path | None = None, reuse: Sequence[Path] = (),
              only_seeds: Sequence[int] | None = None, evaluate_only: bool = False,
              isolate: bool = False) -> pd.DataFrame:
    """Run (or continue) a sweep: the untuned reference, then every unfinished point; returns every cell mean.

    The table returned holds the cell means (aggregated rows) of every evaluation of every point, not the per-query
    rows, which grow with the sweep (:func:`hybrid_core.sweep.collect_results` reads those when asked).

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
        evaluate_only: train nothing; only give the points whose model is here (trained) the evaluations they lack
            (e.g. after adding evaluations to a sweep whose other points still wait for training).
        only_seeds: run only the points of these seeds now (the grid stays as configured; e.g. finish whole curves
            seed by seed across several sweeps that share one machine).
        reuse: archives of *other* sweeps with the same training settings whose points of this grid are copied in
            instead of trained (e.g. the constant-α points of a published curve for a schedule experiment).
        isolate: with one worker, train and evaluate each point (and the untuned model) in a child process of its
            own (``sweep point``, output to this process's), so the sweep's memory is bounded by one point: what a
            point leaves behind in a process (allocator arenas, caches) is returned when it exits. ``sweep run``
            does this unless ``--in-process``; SIGTERM lets the point in training checkpoint, then stops the sweep.

    Raises:
        ValueError: bad workers/backend, a sweep folder with other settings, an archive of another sweep, or a
            sweep that another process runs (see :func:`sweep_process`).
    """
    check_workers(workers)
    if backend not in ("local", "ray"):
        raise ValueError(f"unknown sweep backend {backend!r}; expected 'local' or 'ray'")
    folder = sweep_dir(config.name, root=root)
    with start_lock(folder.parent):
        refuse_if_running(folder)
        if archive is not None and (Path(archive) / CONFIG_FILE).is_file():
            restore_archive(archive, config, root=root)
        for other in reuse:
            restore_archive(other, config, root=root, reuse=True)
        folder = prepare(config, root=root)
        claim(folder)
    config = load_config(folder)
    keep_archive = _archiver(folder, archive)

    def point_ended(point: str, state: str) -> None:
        if state == "done":
            keep_archive()
        if on_point:
            on_point(point, state)

    isolate = isolate and workers == 1 and backend == "local"
    try:
        if config.untuned:
            if isolate:
                if point_states(folder, config).set_index("point").loc[UNTUNED, "state"] == "done":
                    received = []  # nothing to evaluate: no process to start
                else:
                    with _held_sigterm(True) as received:
                        _run_isolated(folder, None, -1, progress=progress)
                if received:
                    log.warning("sweep %s: cancelled during the untuned model's evaluations", config.name)
                    return collect_results(folder, rows="aggregated")
            else:
                run_untuned(folder, config, progress=progress)
            keep_archive()
        states = point_states(folder, config).set_index("point")["state"]
        todo = [(a, s) for a, s in run_order(config.points()) if states[point_id(a, s)] != "done"
                and (only_seeds is None or s in only_seeds)
                and (not evaluate_only or states[point_id(a, s)] == "trained")]
        log.info("sweep %s: %d of %d points to run", config.name, len(todo), len(config.points()))
        if backend == "ray":
            _run_with_ray(folder, todo, point_ended)
        elif workers == 1:
            for alpha, seed in todo:
                with _held_sigterm(isolate) as received:
                    state = _run_isolated(folder, alpha, seed, progress=progress) if isolate else \
                        run_point(folder, alpha, seed, progress=progress)
                write_index(folder, config)
                point_ended(point_id(alpha, seed), state)
                if state == "cancelled" or received:  # SIGTERM: the run saved a checkpoint; stop the sweep
                    log.warning("sweep %s: cancelled during %s; run it again to resume", config.name,
                                point_id(alpha, seed))
                    break
        else:
            _run_in_processes(folder, todo, workers, point_ended)
        write_index(folder, config)
        keep_archive()
    finally:
        release(folder)
    return collect_results(folder, rows="aggregated")


@contextlib.contextmanager
def _held_sigterm(active: bool) -> Iterator[list[int]]:
    """While ``active`` (and in the main thread), a SIGTERM to this process is recorded instead of ending it: the
    child process running a point gets its own (``sweep cancel`` signals the whole process group), checkpoints and
    exits, and the sweep stops after it, releasing its folder."""
    received: list[int] = []
    if not active or threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_isolated(folder: Path, alpha: AlphaSchedule | None, seed: int, *, progress: bool = False) -> str:
    """Run one point (``alpha`` None: the untuned model's evaluations) in a child process (``sweep point``, sharing
    this process's output and process group); returns its state: ``done``, ``cancelled`` or ``failed (exit N)`` (the
    sweep goes on with its other points, as with several workers).

    Raises:
        ValueError: the untuned model's evaluations failed (the sweep has no reference line; its output says why).
    """
    code = subprocess.call(_point_command(folder, alpha, seed, progress=progress))
    if code != 0 and alpha is None:
        # a ValueError: the CLI prints one line (the child printed its own error or traceback above it)
        raise ValueError(f"sweep {folder.name}: the untuned model's evaluations failed in their process "
                         f"(exit {code}; its output is above)")
    return _point_state(folder, alpha, seed, code)


def _point_state(folder: Path, alpha: AlphaSchedule | None, seed: int, code: int, log_path: Path | None = None) -> str:
    """What a ``sweep point`` child's exit ``code`` means: ``done``, ``cancelled`` (its run says so) or
    ``failed (exit N)``, naming ``log_path`` where its output went."""
    if code == 0:
        return "done"
    if alpha is not None and run_state(run_dir(folder, alpha, seed)) == "cancelled":
        return "cancelled"
    return f"failed (exit {code}, see {log_path})" if log_path else f"failed (exit {code})"


def _archiver(folder: Path, archive: Path | None) -> Callable[[], None]:
    """A function that adds the sweep's finished points to ``archive`` (one call at a time across worker threads);
    it does nothing without an archive."""
    if archive is None:
        return lambda: None
    lock = threading.Lock()

    def keep() -> None:
        with lock:
            write_archive(folder, archive)

    return keep


def _run_in_processes(folder: Path, todo: Sequence[tuple[AlphaSchedule, int]], workers: int,
                      on_point: Callable[[str, str], None] | None) -> None:
    slots = list(range(workers))

    def one(item: tuple[AlphaSchedule, int]) -> None:
        slot = slots.pop()
        try:
            log_path = folder / "runs" / f"{point_id(*item)}.worker.log"
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with open(log_path, "ab") as handle:
                code = subprocess.call(_point_command(folder, *item), env=_worker_env(slot, workers),
                                       stdout=handle, stderr=subprocess.STDOUT)
            state = _point_state(folder, *item, code, log_path)
            write_index(folder)
            if on_point:
                on_point(point_id(*item), state)
        finally:
            slots.append(slot)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, todo))


def _run_with_ray(folder: Path, todo: Sequence[tuple[AlphaSchedule, int]],
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
