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

    Raises:
        ValueError: a damaged ``process.json`` (the message names the file and the field).
    """
    record = _read_record(Path(folder))
    if record is None:
        return None
    pid, ticks = record["pid"], record.get("start_ticks")
    if record.get("ended"):
        alive = False
    elif record.get("detached", True):
        alive = bool(group_members(pid, started_since=ticks))
    else:
        alive = process_alive(pid) and (ticks is None or start_ticks(pid) == ticks)
    return {**record, "pid": pid, "alive": alive, "log": str(Path(folder) / record.get("log", LOG_FILE))}


#: the fields of ``process.json``: field -> (the types it may have, how to say it). ``pid`` is required; the others
#: may be missing or null.
_RECORD_FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "pid": ((int,), "an integer process id"),
    "start_ticks": ((int,), "an integer (the process's start time in clock ticks)"),
    "detached": ((bool,), "true or false"),
    "workers": ((int,), "a positive integer"),
    "command": ((list,), "a list of strings"),
    **{key: ((str,), "a string") for key in ("started", "ended", "cancelled", "log", "job")},
}


def _read_record(folder: Path) -> dict[str, Any] | None:
    """The record of ``process.json``, checked, or None when there is none.

    Raises:
        ValueError: not JSON, not an object, or a field missing or of the wrong type (the message names the file and
            the field, and says how to recover).
    """
    path = folder / PROCESS_FILE
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); {_RECOVER}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg}); {_RECOVER}") from None
    if not isinstance(record, dict):
        raise ValueError(f"{path}: expected a JSON object, got {type(record).__name__}; {_RECOVER}")
    for key, (types, wanted) in _RECORD_FIELDS.items():
        value = record.get(key)
        if value is None and key != "pid":
            continue
        bad = (isinstance(value, bool) and bool not in types) or not isinstance(value, types)
        if not bad and key in ("pid", "workers"):
            bad = value < 1
        if not bad and key == "command":
            bad = not all(isinstance(part, str) for part in value)
        if bad:
            got = "nothing" if key not in record else repr(value)
            raise ValueError(f"{path}: field {key!r} must be {wanted}, got {got}; {_RECOVER}")
    return record


#: how to get past a damaged process record (it only says which process runs the sweep; results are elsewhere).
_RECOVER = "the file is damaged: make sure no process runs this sweep, then delete the file (results are kept)"


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
