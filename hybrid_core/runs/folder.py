"""Training runs on disk: the folder layout, status, metrics, checkpoints, the final model, listing.

A run is a folder (by default ``<workspace>/runs/<name>``)::

    config.json      the TrainConfig, library versions, pair counts, creation time (everything to reproduce it)
    status.json      state (queued/running/finished/failed/cancelled), step, total, loss, realized α, ETA,
                     times, pid, error; always replaced atomically, so a reader never sees half a file
    metrics.jsonl    one line per logged step (loss, learning rate, grad norm); only appended to
    sampler.json     the batch sampler's settings, pools and fingerprint (a resume must match it)
    train.log        the training log
    checkpoints/     checkpoint-<step>/ of the trainer (model, optimizer, scheduler, RNG, sampler state)
    final/           the trained model, a normal sentence-transformers folder (written atomically at the end)
    process.log      stdout/stderr of a run launched in the background

Example:
    >>> from hybrid_core.training import TrainConfig
    >>> from hybrid_core import jobs, runs
    >>> config = TrainConfig(data="demo", model="e5-small-cut", max_steps=4, batch_size=8)
    >>> run = jobs.launch_run(config)  # doctest: +SKIP
    >>> runs.read_status(run)["state"]  # doctest: +SKIP
    'running'
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import platform
import re
import shutil
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from hybrid_core.atomic import TEMPORARY, temporary_prefix, write_json
from hybrid_core.paths import check_name, inside, workspace_dir
from hybrid_core.processes import process_alive
from hybrid_core.training.config import TrainConfig

log = logging.getLogger(__name__)

CONFIG_FILE = "config.json"
STATUS_FILE = "status.json"
METRICS_FILE = "metrics.jsonl"
SAMPLER_FILE = "sampler.json"
LOG_FILE = "train.log"
PROCESS_LOG = "process.log"
CHECKPOINTS_DIR = "checkpoints"
FINAL_DIR = "final"
#: every state a run can be in; the first two are "active".
STATES: tuple[str, ...] = ("queued", "running", "finished", "failed", "cancelled")
ACTIVE_STATES: tuple[str, ...] = ("queued", "running")


def now() -> str:
    """The current local time as ISO 8601 with seconds and offset."""
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def runs_root(root: str | Path | None = None) -> Path:
    """The folder of runs: ``root`` if given, else ``<workspace>/runs`` (created on demand)."""
    path = Path(root).expanduser() if root is not None else workspace_dir() / "runs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_json(path: Path) -> dict[str, Any] | None:
    """A JSON object from ``path``, or None when the file is missing."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object, got {type(data).__name__}")
    return data


#: what readers rely on in ``status.json``: field -> (the types it may have, how to say it). None is always allowed.
_STATUS_FIELDS: dict[str, tuple[tuple[type, ...], str]] = {
    "state": ((str,), f"one of {', '.join(STATES)}"),
    "pid": ((int,), "an integer process id"),
    "step": ((int,), "an integer >= 0"),
    "total": ((int,), "an integer >= 0"),
    "batches": ((int,), "an integer >= 0"),
    "world_size": ((int,), "an integer >= 1"),
    "epoch": ((int, float), "a number"),
    "loss": ((int, float), "a number"),
    "first_loss": ((int, float), "a number"),
    "realized_alpha": ((int, float), "a number in [0, 1]"),
    "eta_seconds": ((int, float), "a number of seconds"),
    "seconds_per_step": ((int, float), "a number of seconds"),
    **{key: ((str,), "a string") for key in ("name", "error", "created", "updated", "started", "finished", "launched",
                                             "job", "checkpoint", "final_model")},
}


def check_status(status: dict[str, Any], path: Path) -> dict[str, Any]:
    """``status`` (read from ``path``) with every field readers rely on checked: type, and range where it has one.

    Raises:
        ValueError: naming the file, the field and the value (and how to recover: the file is a summary, the run's
            checkpoints are what it resumes from).
    """
    for key, (types, wanted) in _STATUS_FIELDS.items():
        value = status.get(key)
        if value is None:
            continue
        bad = isinstance(value, bool) or not isinstance(value, types)
        if not bad and key == "state":
            bad = value not in STATES
        elif not bad and key in ("pid", "step", "total", "batches"):
            bad = value < 0 or (key == "pid" and value == 0)
        elif not bad and key == "world_size":
            bad = value < 1
        elif not bad and key == "realized_alpha":
            bad = not 0 <= value <= 1
        if bad:
            raise ValueError(f"{path}: field {key!r} must be {wanted}, got {value!r}; the file is damaged (delete it "
                             "to reset the run's status: a resume continues from its checkpoints)")
    return status


def read_status_file(path: Path) -> dict[str, Any] | None:
    """A run's ``status.json``, checked (see :func:`check_status`), or None when it is missing.

    Raises:
        ValueError: not JSON, not an object, or a field of the wrong type (the message names the file and field).
    """
    status = read_json(path)
    return None if status is None else check_status(status, Path(path))


def resolve_run(run: str | Path, root: str | Path | None = None) -> Path:
    """A run folder from a path or a run name (looked up under :func:`runs_root`).

    Raises:
        FileNotFoundError: no such run (the message lists the runs there are).
    """
    path = Path(run).expanduser()
    if path.is_dir() and ((path / CONFIG_FILE).is_file() or (path / STATUS_FILE).is_file()):
        return path
    base = runs_root(root)
    if isinstance(run, str) and "/" not in run:
        candidate = inside(base, check_name(run, what="run name"), what="run name")
        if candidate.is_dir():
            return candidate
    names = sorted(p.name for p in base.iterdir() if p.is_dir())
    raise FileNotFoundError(f"no run {str(run)!r} (runs in {base}: {', '.join(names[-10:]) or 'none'})")


# ----- creating a run ------------------------------------------------------------------------------------------
def run_folder(config: TrainConfig, root: str | Path | None = None, *, allow_outside_workspace: bool = False) -> Path:
    """Where ``config``'s run lives: ``config.output_dir``, else ``<runs root>/<config.name>``.

    Raises:
        ValueError: ``config.output_dir`` lies outside the workspace and ``allow_outside_workspace`` is False (a typo
            or a shared link must not make a run write into a system folder).
    """
    if config.output_dir is not None:
        folder = Path(config.output_dir).expanduser().resolve()
        workspace = workspace_dir().resolve()
        if not allow_outside_workspace and not folder.is_relative_to(workspace):
            raise ValueError(f"output_dir {config.output_dir!r} is outside the workspace {workspace}; runs are written "
                             "under the workspace (set HBL_WORKSPACE to move it) unless you opt in with "
                             "--allow-outside-workspace (API: allow_outside_workspace=True)")
        return folder
    if config.name is None:
        raise ValueError("the run needs a name (TrainConfig.name) or an output_dir")
    return inside(runs_root(root), config.name, what="run name")


def create_run(config: TrainConfig, *, root: str | Path | None = None, write: bool = True,
               allow_outside_workspace: bool = False) -> Path:
    """Create the run folder with ``config.json`` and a ``queued`` status, or check an existing one.

    A missing name is filled in (``config.name``). An existing run is accepted when its recorded configuration
    decides the same result (then :func:`hybrid_core.training.train` resumes it).

    Raises:
        ValueError: the folder holds a run with another configuration, or a finished run.
    """
    if config.name is None and config.output_dir is None:
        if int(os.environ.get("WORLD_SIZE", "1") or 1) > 1:
            raise ValueError("multi-process training needs a run name (--name) so every process uses one folder")
        config.name = config.default_name()
    folder = run_folder(config, root, allow_outside_workspace=allow_outside_workspace)
    if config.name is None:
        config.name = folder.name
    recorded = read_json(folder / CONFIG_FILE)
    if recorded is not None:
        previous = TrainConfig.from_dict(recorded.get("config", {}))
        if previous.reproducibility_dict() != config.reproducibility_dict():
            diff = {k: (v, config.reproducibility_dict().get(k)) for k, v in previous.reproducibility_dict().items()
                    if config.reproducibility_dict().get(k) != v}
            raise ValueError(f"run {folder} already exists with another configuration ({diff}, recorded vs "
                             "requested); choose another name")
        status = read_status_file(folder / STATUS_FILE) or {}
        if status.get("state") == "finished":
            raise ValueError(f"run {folder} already finished; its model is in {folder / FINAL_DIR}")
        return folder
    if not write:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / CONFIG_FILE, {
        "config": config.to_dict(),
        "versions": library_versions(),
        "created": now(),
        "command": f"python -m hybrid_core train --config {folder / CONFIG_FILE}",
    })
    write_json(folder / STATUS_FILE, {"name": folder.name, "state": "queued", "step": 0, "total": config.max_steps,
                                      "created": now(), "updated": now()})
    return folder


def library_versions() -> dict[str, str]:
    """Versions of the libraries that decide a run's result (recorded in ``config.json``)."""
    out = {"python": platform.python_version()}
    for package in ("hybrid-batch-lab", "torch", "transformers", "sentence-transformers", "accelerate", "datasets",
                    "numpy", "tokenizers"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


# ----- status and metrics ----------------------------------------------------------------------------------------
def update_status(run_dir: Path, **fields: Any) -> dict[str, Any]:
    """Merge ``fields`` into ``status.json`` (atomically) and return the new status."""
    status = read_json(run_dir / STATUS_FILE) or {"name": run_dir.name}
    status.update(fields)
    if status.get("state") not in STATES:
        raise ValueError(f"invalid run state {status.get('state')!r}; valid: {', '.join(STATES)}")
    status["updated"] = now()
    write_json(run_dir / STATUS_FILE, status)
    return status


def _process_is_run(pid: int, run_dir: Path) -> bool:
    """Whether ``pid`` looks like the training process of ``run_dir`` (guards against recycled pids)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.is_file():
        return True  # no /proc: trust the pid
    try:
        text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return "hybrid_core" in text or "hybrid-lab" in text or str(run_dir) in text


def read_status(run: str | Path, root: str | Path | None = None) -> dict[str, Any]:
    """The status of a run, with ``alive`` (its process runs) and ``name``.

    A run recorded as queued/running whose process is gone (killed, machine restarted) is reported as
    ``failed`` with an explanatory error and ``stale: true``; its checkpoints are intact and
    ``python -m hybrid_core train --resume <run>`` continues it.

    Raises:
        FileNotFoundError: no such run; ValueError: a damaged ``status.json`` (the message names the file and field).
    """
    run_dir = resolve_run(run, root)
    status = read_status_file(run_dir / STATUS_FILE) or {"state": "queued"}
    status.setdefault("name", run_dir.name)
    pid = status.get("pid")
    alive = bool(pid) and process_alive(pid) and _process_is_run(pid, run_dir)
    status["alive"] = alive
    status["path"] = str(run_dir)
    if status.get("state") in ACTIVE_STATES and pid and not alive:
        status["stale"] = True
        status["error"] = (f"the training process (pid {pid}) ended without a final status (killed?); resume "
                           f"with `python -m hybrid_core train --resume {run_dir}`")
        status["state"] = "failed"
    return status


def append_metrics(run_dir: Path, entry: dict[str, Any]) -> None:
    """Append one JSON line to ``metrics.jsonl`` (flushed and fsynced)."""
    with open(run_dir / METRICS_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_metrics(run: str | Path, root: str | Path | None = None) -> list[dict[str, Any]]:
    """The logged steps of a run (the last entry per step wins, e.g. after a resume), in step order."""
    run_dir = resolve_run(run, root)
    by_step: dict[int, dict[str, Any]] = {}
    try:
        lines = (run_dir / METRICS_FILE).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    for line in lines:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by a kill
        by_step[int(entry.get("step", -1))] = entry
    return [by_step[k] for k in sorted(by_step)]


# ----- checkpoints and the final model ----------------------------------------------------------------------------
TRAINER_STATE = "trainer_state.json"


def checkpoint_progress(checkpoint: Path) -> tuple[int, int] | None:
    """``(global step, max steps)`` of a checkpoint, from its ``trainer_state.json`` (the trainer writes it last), or
    None when that file is missing or unreadable (a checkpoint cut short by a kill or a full disk)."""
    try:
        state = json.loads((Path(checkpoint) / TRAINER_STATE).read_text(encoding="utf-8"))
        return int(state["global_step"]), int(state.get("max_steps") or 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def checkpoints(run_dir: Path) -> list[Path]:
    """Complete checkpoints, oldest first.

    Complete means: ``trainer_state.json`` (written last by the trainer) is there and readable, and, in a run whose
    sampler state is recorded (``sampler.json`` at the top), the checkpoint's ``sampler.json`` written after it too.
    A checkpoint cut short by a kill or a full disk is not one: training resumes from the one before, and saves it
    again when it gets there.
    """
    folder = run_dir / CHECKPOINTS_DIR
    if not folder.is_dir():
        return []
    with_sampler = (run_dir / SAMPLER_FILE).is_file()
    found = []
    for child in folder.iterdir():
        name = child.name
        if name.startswith("checkpoint-") and name[11:].isdigit() and checkpoint_progress(child) is not None \
                and (not with_sampler or (child / SAMPLER_FILE).is_file()):
            found.append((int(name[11:]), child))
    return [path for _, path in sorted(found)]


#: what writers leave when killed: ours (``.<name>.pid<pid>.<random>``, the ``.final.*`` folder being saved) and
#: safetensors' (``.tmpXXXXXX`` beside the weights file it writes)
_LEFTOVER = re.compile(r"^\.(.+\.pid\d+\..*|tmp[A-Za-z0-9_]{6,}|final\..+)$")


class RunLock:
    """The exclusive lock of a run's training (``<run>/.lock``, an ``flock``): one process trains a run at a time.

    The operating system releases it when its process ends, however it ends (SIGKILL included), so it is never
    stale. Take it with :func:`lock_run`; :meth:`release` it when training returns.
    """

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def lock_run(run_dir: Path) -> RunLock:
    """Take the run's training lock.

    Raises:
        ValueError: another process holds it (it is training this run); the message names it when it can.
    """
    handle = open(Path(run_dir) / ".lock", "a")  # noqa: SIM115 - held until RunLock.release
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        try:
            pid = (read_json(Path(run_dir) / STATUS_FILE) or {}).get("pid")
        except ValueError:
            pid = None
        who = f" (pid {pid})" if isinstance(pid, int) and pid != os.getpid() else ""
        raise ValueError(f"run {Path(run_dir).name} is being trained by another process{who}; wait for it to end or "
                         f"cancel it (python -m hybrid_core train --cancel {run_dir})") from None
    return RunLock(handle)


def remove_leftovers(run_dir: Path) -> list[Path]:
    """Remove what killed processes of this run left behind; returns what was removed. Call it holding the run's
    lock (:func:`lock_run`): then no other process trains the run.

    Removed: temporary files and folders (see :data:`_LEFTOVER`; those named with a writer's pid only when that
    process is gone: a second process writes config.json before it is refused the lock) anywhere in the run folder, and
    checkpoints that are not complete (:func:`checkpoints`): cut short while being saved, or half deleted while the
    trainer rotated them (a half-deleted old checkpoint would otherwise look newer than the complete ones to the
    trainer's rotation, which goes by modification time).
    """
    removed = []
    for path in sorted(Path(run_dir).rglob(".*"), key=lambda p: len(p.parts)):
        if not path.exists() or not _LEFTOVER.match(path.name):
            continue
        writer = TEMPORARY.match(path.name)
        if writer and (int(writer.group(1)) == os.getpid() or process_alive(int(writer.group(1)))):
            continue  # a write in flight (e.g. config.json of a second process that is about to be refused)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    complete = set(checkpoints(run_dir))
    folder = Path(run_dir) / CHECKPOINTS_DIR
    for child in sorted(folder.glob("checkpoint-*")) if folder.is_dir() else []:
        if child.is_dir() and child not in complete:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


def rotate_checkpoints(run_dir: Path, keep: int | None) -> list[Path]:
    """Delete all but the newest ``keep`` complete checkpoints (by step number); returns what was deleted.

    The trainer's own rotation orders checkpoints by modification time, and a checkpoint half deleted by a killed
    rotation looks newest to it: on resume it deleted a complete checkpoint and kept the half-deleted one. Here each
    deletion first renames the folder to a leftover name (one atomic step), so a kill mid-delete leaves only a
    leftover that :func:`remove_leftovers` clears, never a partial checkpoint. Incomplete checkpoints are left to
    :func:`remove_leftovers`.
    """
    if keep is None:
        return []
    deleted = []
    for checkpoint in checkpoints(run_dir)[:-keep]:
        doomed = checkpoint.with_name(f"{temporary_prefix(checkpoint.name)}deleted")
        checkpoint.rename(doomed)
        shutil.rmtree(doomed, ignore_errors=True)
        deleted.append(checkpoint)
    return deleted


def last_checkpoint(run_dir: Path) -> Path | None:
    """The newest complete checkpoint of a run, or None."""
    found = checkpoints(run_dir)
    return found[-1] if found else None


def save_final_model(model: Any, run_dir: Path) -> Path:
    """Save ``model`` (a SentenceTransformer) as ``<run>/final`` atomically (written aside, then renamed)."""
    target = run_dir / FINAL_DIR
    tmp = Path(tempfile.mkdtemp(dir=run_dir, prefix=temporary_prefix(FINAL_DIR)))
    try:
        model.save(str(tmp))
        if target.exists():
            old = run_dir / f"{temporary_prefix(FINAL_DIR)}old"
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            tmp.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def list_runs(root: str | Path | None = None) -> list[dict[str, Any]]:
    """One summary per run under the runs root (newest first): status plus α, seed, model and data."""
    base = runs_root(root)
    summaries = []
    for child in base.iterdir():
        if not child.is_dir() or not ((child / CONFIG_FILE).is_file() or (child / STATUS_FILE).is_file()):
            continue
        try:
            status = read_status(child)
            config = (read_json(child / CONFIG_FILE) or {}).get("config", {})
        except ValueError as exc:
            summaries.append({"name": child.name, "path": str(child), "state": "failed", "error": str(exc)})
            continue
        summaries.append({**status, **{k: config.get(k) for k in ("alpha", "seed", "model", "data", "batch_size",
                                                                   "max_steps")},
                          "created": status.get("created") or (read_json(child / CONFIG_FILE) or {}).get("created")})
    return sorted(summaries, key=lambda s: str(s.get("created") or ""), reverse=True)
