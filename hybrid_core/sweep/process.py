"""The process that runs a sweep: its record (``process.json``) and the start lock.

Only one process may run a sweep at a time: :func:`claim` records the running process (foreground, or a background
job of :mod:`hybrid_core.jobs`, which records itself before it starts), :func:`refuse_if_running` refuses a second
one (also one training a point of it), :func:`start_lock` serialises starts under one sweeps folder. Launching a sweep
in the background and cancelling it are :func:`hybrid_core.jobs.launch_sweep` and :func:`hybrid_core.jobs.cancel`.
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
from hybrid_core.processes import group_members, process_alive, start_ticks

log = logging.getLogger(__name__)

#: the process running a sweep (pid, start time, command), and the stdout/stderr of a launched one.
PROCESS_FILE, LOG_FILE = "process.json", "sweep.log"


def check_workers(workers: int) -> None:
    """``workers`` must be a positive integer."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive integer, got {workers!r}")


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


def _read_record(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / PROCESS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{folder / PROCESS_FILE}: not valid JSON ({exc.msg})") from None


def update_record(folder: Path, **fields: Any) -> None:
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


def mark_stopped_runs(folder: Path) -> None:
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
