"""The process that runs a sweep: its record (``process.json``), the start lock, background launch and cancel.

Only one process may run a sweep at a time: :func:`claim` records the running process (foreground or detached),
:func:`refuse_if_running` refuses a second one (also one training a point of it), :func:`start_lock` serialises starts
under one sweeps folder. :func:`launch` starts a sweep detached (it survives its caller, e.g. a dashboard restart) and
:func:`cancel` stops it; :mod:`hybrid_core.jobs` launches sweeps through here and queues them.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hybrid_core import runs
from hybrid_core.atomic import write_json
from hybrid_core.processes import group_members, process_alive, start_detached, start_ticks, terminate_group
from hybrid_core.sweep.config import SweepConfig
from hybrid_core.sweep.folder import load_config, prepare, sweep_dir, write_index

log = logging.getLogger(__name__)

#: the process running a sweep (pid, start time, command), and the stdout/stderr of a launched one.
PROCESS_FILE, LOG_FILE = "process.json", "sweep.log"


def check_workers(workers: int) -> None:
    """``workers`` must be a positive integer."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")


def launch(config: SweepConfig, *, root: Path | None = None, workers: int = 1,
           archive: Path | None = None, reuse: tuple[Path, ...] | list[Path] = ()) -> Path:
    """Start (or resume) a sweep as a detached background process; returns its folder at once.

    The folder is prepared first, with the checks of :func:`run_sweep`, so bad settings fail here and not in the
    background. The process is ``python -m hybrid_core sweep run <name> --root <root> --workers N`` in its own
    session (it survives the caller, e.g. a dashboard restart), with ``OMP_WAIT_POLICY=PASSIVE`` and its output
    appended to ``<folder>/sweep.log``; its pid and start time are recorded in ``<folder>/process.json``.
    With ``archive``, the process restores from and keeps that archive (see :func:`run_sweep`).

    Raises:
        ValueError: bad workers, a sweep folder with other training settings, or a sweep another process runs.
    """
    check_workers(workers)
    folder = sweep_dir(config.name, root=root)
    with start_lock(folder.parent):
        refuse_if_running(folder)
        folder = prepare(config, root=root)
        saved = load_config(folder)
        command = [sys.executable, "-m", "hybrid_core", "sweep", "run", saved.name, "--root", str(folder.parent),
                   "--workers", str(workers), *([] if saved.untuned else ["--no-untuned"]),
                   *([] if archive is None else ["--archive", str(Path(archive).resolve())]),
                   *(part for other in reuse for part in ("--reuse", str(Path(other).resolve())))]
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


def claim(folder: Path) -> None:
    """Record this process as the one running the sweep (a launched process was recorded by :func:`launch`)."""
    record = _read_record(folder)
    if record and record.get("pid") == os.getpid() and not record.get("ended"):
        return
    write_json(folder / PROCESS_FILE, {"pid": os.getpid(), "start_ticks": start_ticks(os.getpid()),
                                       "started": _now(), "detached": False, "command": sys.argv})


def release(folder: Path) -> None:
    """Mark this process's record ``ended`` (the sweep returned: finished, cancelled or failed)."""
    record = _read_record(folder)
    if record and record.get("pid") == os.getpid():
        write_json(folder / PROCESS_FILE, {**record, "ended": _now()})


def _mark_stopped_runs(folder: Path) -> None:
    """Mark point runs whose process is gone but whose status still says queued/running as ``cancelled``."""
    for path in sorted((folder / "runs").glob("*/")):
        if not (path / runs.STATUS_FILE).is_file():
            continue
        status = runs.read_status(path)
        if status.get("stale"):
            runs.update_status(path, state="cancelled", finished=runs.now(),
                               error=f"stopped with sweep {folder.name}; it resumes from its last checkpoint "
                                     "when the sweep runs again")


def refuse_if_running(folder: Path) -> None:
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
def start_lock(root: Path) -> Iterator[None]:
    """Serialize sweep starts under one sweeps folder (two clicks or shells must not start two processes)."""
    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")
