"""Background jobs: the one mechanism for detached work (training runs, sweeps, evaluations).

A job is a CLI command of this package (``train --config ...``, ``sweep run NAME ...``, ``evaluate MODEL ...``) run
in a detached process of its own session, so it survives its caller: a closed terminal, a closed browser tab or a
restarted dashboard. Its record is a JSON file in ``<workspace>/jobs/`` (written atomically), so the queue is
durable too:

- :func:`submit` writes a ``queued`` record and calls :func:`pump`, which starts queued jobs (oldest first) while
  fewer than :func:`max_concurrent` run: by default one on a CPU-only machine and one per GPU (``HBL_MAX_JOBS``
  overrides). A job that ends starts the next one; the dashboard and the ``jobs`` command pump too, so a queue left
  by a machine restart continues as soon as anything looks at it.
- A running job's process is the job itself (``python -m hybrid_core jobs run <id>``, which runs the command in
  its own process), recorded by pid and start time; a job whose process is gone without saying how it ended is
  reported ``failed`` (killed), or ``cancelled`` when a cancel was asked for. Training resumes from its last
  checkpoint and sweeps skip finished points, so :func:`resume` simply submits the same command again.
- :func:`cancel` drops a queued job, or sends SIGTERM to a running job's process group: a training run saves a
  checkpoint and stops at the end of its step; SIGKILL follows after a timeout.

The convenience launchers check everything they can first (a bad configuration fails here, not in the background):
:func:`launch_run`, :func:`launch_sweep`, :func:`launch_evaluation`.

Example:
    >>> from hybrid_core import jobs
    >>> from hybrid_core.training import TrainConfig
    >>> run, job = jobs.launch_run(TrainConfig(data="demo", model="e5-small-cut", max_steps=4))  # doctest: +SKIP
    >>> jobs.get(job.id).state  # doctest: +SKIP
    'running'
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from hybrid_core import runs
from hybrid_core.atomic import write_json
from hybrid_core.cli import main
from hybrid_core.paths import check_name, workspace_dir
from hybrid_core.processes import group_members, start_detached, start_ticks, terminate_group
from hybrid_core.sweep.process import (
    LOG_FILE,
    PROCESS_FILE,
    check_workers,
    mark_stopped_runs,
    refuse_if_running,
    start_lock,
)

if TYPE_CHECKING:
    from hybrid_core.sweep.config import SweepConfig
    from hybrid_core.training.config import TrainConfig

log = logging.getLogger(__name__)

JobKind = Literal["train", "sweep", "evaluate"]
KINDS: tuple[str, ...] = ("train", "sweep", "evaluate")
STATES: tuple[str, ...] = ("queued", "running", "finished", "failed", "cancelled")
ACTIVE: tuple[str, ...] = ("queued", "running")
LOCK_FILE = ".lock"


@dataclass
class Job:
    """One background job (the record of ``<workspace>/jobs/<id>.json``).

    Attributes:
        id: ``<yyyymmdd-hhmmss>-<kind>-<label>``, unique.
        kind: ``train``, ``sweep`` or ``evaluate``.
        label: what it works on (a run or sweep name, an evaluation's file name).
        argv: the CLI arguments after ``python -m hybrid_core``.
        target: the folder or file it writes (run folder, sweep folder, results file).
        state: ``queued``, ``running``, ``finished``, ``failed`` or ``cancelled``.
        log: the file its output is appended to.
    """

    id: str
    kind: str
    label: str
    argv: list[str]
    target: str
    state: str = "queued"
    log: str = ""
    created: str = ""
    started: str | None = None
    ended: str | None = None
    pid: int | None = None
    start_ticks: int | None = None
    exit_code: int | None = None
    error: str | None = None
    cancel_requested: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """Queued or running."""
        return self.state in ACTIVE

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, path: Path | None = None) -> Job:
        known = {f.name for f in fields(cls)}
        missing = {"id", "kind", "label", "argv", "target"} - set(data)
        if missing:
            raise ValueError(f"{path or 'job record'}: missing field(s) {sorted(missing)}")
        job = cls(**{k: v for k, v in data.items() if k in known})
        if job.state not in STATES:
            raise ValueError(f"{path or 'job record'}: unknown state {job.state!r}; expected one of {STATES}")
        if job.kind not in KINDS:
            raise ValueError(f"{path or 'job record'}: field 'kind' must be one of {', '.join(KINDS)}, "
                             f"got {job.kind!r}")
        for name in ("pid", "start_ticks", "exit_code"):
            value = getattr(job, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError(f"{path or 'job record'}: {name} must be an integer, got {value!r}")
        for name in ("id", "label", "target", "log", "created", "started", "ended", "error", "cancel_requested"):
            value = getattr(job, name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{path or 'job record'}: field {name!r} must be a string, got {value!r}")
        if not isinstance(job.argv, list) or not all(isinstance(a, str) for a in job.argv):
            raise ValueError(f"{path or 'job record'}: field 'argv' must be a list of strings, got {job.argv!r}")
        if not isinstance(job.extra, dict):
            raise ValueError(f"{path or 'job record'}: field 'extra' must be an object, got {job.extra!r}")
        return job


# ----- where jobs live ------------------------------------------------------------------------------------------
def jobs_dir() -> Path:
    """``<workspace>/jobs`` (created on demand)."""
    folder = workspace_dir() / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(job_id: str) -> Path:

    return jobs_dir() / f"{check_name(job_id, what='job id')}.json"


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """One process at a time reads-and-changes the job records (starting jobs, cancelling)."""
    with open(jobs_dir() / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _read(path: Path) -> Job:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return Job.from_dict(data, path=path)


def _write(job: Job) -> Job:
    write_json(_path(job.id), job.to_dict())
    return job


def _refresh(job: Job) -> Job:
    """A running job whose process is gone without a final state becomes failed (or cancelled, if asked)."""
    if job.state != "running" or job.pid is None:
        return job
    if group_members(job.pid, started_since=job.start_ticks):
        return job
    job.ended = job.ended or _now()
    if job.cancel_requested:
        job.state, job.error = "cancelled", job.error or "cancelled"
    else:
        job.state = "failed"
        job.error = job.error or (f"the job's process (pid {job.pid}) ended without a final state (killed?); "
                                  f"resume with `python -m hybrid_core jobs resume {job.id}`")
    return _write(job)


def get(job_id: str) -> Job:
    """The job ``job_id`` (its state checked against its process).

    Raises:
        FileNotFoundError: no such job; ValueError: a damaged record (the message names the file).
    """
    path = _path(job_id)
    if not path.is_file():
        raise FileNotFoundError(f"no job {job_id!r} in {jobs_dir()}")
    return _refresh(_read(path))


def list_jobs(*, states: Sequence[str] | None = None, kind: str | None = None) -> list[Job]:
    """Every job (newest first), optionally only some states or one kind. Damaged records are skipped with a
    warning naming the file."""
    found = []
    for path in jobs_dir().glob("*.json"):
        try:
            job = _refresh(_read(path))
        except (ValueError, TypeError) as exc:
            log.warning("skipping job record %s: %s", path, exc)
            continue
        if (states is None or job.state in states) and (kind is None or job.kind == kind):
            found.append(job)
    return sorted(found, key=lambda j: (j.created, j.id), reverse=True)


def job_for_target(target: str | Path, *, active_only: bool = True) -> Job | None:
    """The newest job (active only, by default) that writes ``target``."""
    wanted = str(Path(target).expanduser().resolve())
    for job in list_jobs(states=ACTIVE if active_only else None):
        if str(Path(job.target).resolve()) == wanted:
            return job
    return None


# ----- the queue ------------------------------------------------------------------------------------------------
def max_concurrent() -> int:
    """How many jobs run at once: ``$HBL_MAX_JOBS``, else one per GPU, else one (a CPU is shared by one job's
    threads; two trainings on two cores run slower together than one after the other)."""
    text = os.environ.get("HBL_MAX_JOBS", "").strip()
    if text:
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"HBL_MAX_JOBS must be a positive integer, got {text!r}")
        return int(text)
    gpus = len([d for d in Path("/dev").glob("nvidia[0-9]*") if d.name[6:].isdigit()])
    return max(1, gpus)


def submit(kind: JobKind, argv: Sequence[str], *, target: str | Path, label: str, log_path: Path | None = None,
           extra: dict[str, Any] | None = None) -> Job:
    """Queue a job and start it now if a slot is free (see :func:`pump`); returns its record.

    Raises:
        ValueError: an unknown kind, or another active job already writes ``target``.
    """
    if kind not in KINDS:
        raise ValueError(f"job kind must be one of {', '.join(KINDS)}, got {kind!r}")

    with _locked():
        other = job_for_target(target)
        if other is not None:
            raise ValueError(f"job {other.id} ({other.state}) already works on {target}; cancel it first "
                             f"(python -m hybrid_core jobs cancel {other.id})")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        base = check_name(f"{stamp}-{kind}-{label}"[:120], what="job id")
        job_id, n = base, 1
        while _path(job_id).exists():
            n += 1
            job_id = f"{base}-{n}"
        job = Job(id=job_id, kind=kind, label=label, argv=[str(a) for a in argv], target=str(target),
                  log=str(log_path or jobs_dir() / f"{job_id}.log"), created=_now(), extra=dict(extra or {}))
        _write(job)
    pump()
    return get(job.id)


def pump() -> list[Job]:
    """Start queued jobs (oldest first) while fewer than :func:`max_concurrent` run; returns the jobs started."""
    started = []
    with _locked():
        jobs = list_jobs()
        running = sum(1 for j in jobs if j.state == "running")
        for job in sorted((j for j in jobs if j.state == "queued"), key=lambda j: (j.created, j.id)):
            if running >= max_concurrent():
                break
            started.append(_start(job))
            running += 1
    return started


def _start(job: Job) -> Job:
    command = [sys.executable, "-m", "hybrid_core", "jobs", "run", job.id]
    Path(job.log).parent.mkdir(parents=True, exist_ok=True)
    with open(job.log, "a", encoding="utf-8") as handle:
        handle.write(f"\n=== {_now()} job {job.id}: python -m hybrid_core {' '.join(job.argv)}\n")
    process = start_detached(command, log_path=Path(job.log), cwd=Path(job.target).parent
                             if Path(job.target).parent.is_dir() else None)
    job.state, job.pid, job.start_ticks, job.started = "running", process.pid, start_ticks(process.pid), _now()
    return _write(job)


def run_job(job_id: str) -> int:
    """The body of a job's process (``python -m hybrid_core jobs run <id>``): run its command here, record how it
    ended, then start the next queued job. Returns the command's exit code."""

    job = _read(_path(job_id))
    if job.pid != os.getpid():  # started by hand (or by an older launcher): this process is the job now
        job.pid, job.start_ticks, job.state, job.started = os.getpid(), start_ticks(os.getpid()), "running", _now()
        _write(job)
    if job.kind == "sweep":
        _record_sweep_process(job)
    try:
        code = int(main(job.argv) or 0)
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # recorded, then re-raised: the traceback goes to the job's log
        job = _read(_path(job_id))
        job.state, job.ended, job.exit_code = "failed", _now(), 1
        job.error = f"{type(exc).__name__}: {exc}"
        _write(job)
        raise
    job = _read(_path(job_id))
    job.exit_code, job.ended = code, _now()
    if job.cancel_requested:
        job.state = "cancelled"
    elif code == 0:
        job.state, job.error = "finished", None
    else:
        job.state = "failed"
        job.error = job.error or f"exit code {code}; see {job.log}"
    _write(job)
    with contextlib.suppress(Exception):  # the next job must never make this one look failed
        pump()
    return code


def cancel(job_id: str, *, timeout: float = 60.0) -> Job:
    """Cancel a job: a queued one is dropped, a running one gets SIGTERM (a training run saves a checkpoint at the
    end of its step), SIGKILL after ``timeout`` seconds. A finished job is left as it is.

    Returns:
        The job's record after the request.
    """
    with _locked():
        job = get(job_id)
        if job.state == "queued":
            job.state, job.ended, job.cancel_requested = "cancelled", _now(), _now()
            job.error = "cancelled before it started"
            return _write(job)
        if job.state != "running" or job.pid is None:
            return job
        job.cancel_requested = _now()
        _write(job)
    if job.kind == "sweep":
        from hybrid_core.sweep.process import update_record  # here: the train command must not import sweeps

        update_record(Path(job.target), cancel_requested=_now())
    terminate_group(job.pid, timeout=timeout, started_since=job.start_ticks)
    job = get(job_id)
    if job.kind == "sweep":

        mark_stopped_runs(Path(job.target))
        update_record(Path(job.target), cancelled=_now())
    elif job.kind == "train":
        status = runs.read_json(Path(job.target) / runs.STATUS_FILE) or {}
        if status.get("state") in runs.ACTIVE_STATES:
            runs.update_status(Path(job.target), state="cancelled", finished=runs.now(),
                               error=f"cancelled; resume with `python -m hybrid_core train --resume {job.target}`")
    log.info("cancelled job %s", job.id)
    return get(job_id)


def resume(job_id: str) -> Job:
    """Submit the command of an ended job again (training resumes from its last checkpoint; a sweep skips the points
    it finished). Raises ValueError for a job that is still queued or running."""
    job = get(job_id)
    if job.active:
        raise ValueError(f"job {job.id} is {job.state}; cancel it first or wait for it to end")
    return submit(job.kind, job.argv, target=job.target, label=job.label, log_path=Path(job.log), extra=job.extra)


# ----- launchers ------------------------------------------------------------------------------------------------
def launch_run(config: TrainConfig, *, root: str | Path | None = None, allow_outside_workspace: bool = False
               ) -> tuple[Path, Job]:
    """Train a run in the background (after writing and checking its folder); returns (run folder, job).

    Raises:
        ValueError: a bad configuration, a run of that name with other settings or already finished, or a run that
            another job or process trains.
    """
    run_dir = runs.create_run(config, root=root, allow_outside_workspace=allow_outside_workspace)
    status = runs.read_status(run_dir)
    if status.get("alive"):
        raise ValueError(f"run {run_dir.name} is already running (pid {status['pid']})")
    argv = ["train", "--config", str(run_dir / runs.CONFIG_FILE), "--no-progress", "--name", run_dir.name]
    argv += ["--output-dir", str(run_dir), "--allow-outside-workspace"]  # the folder was checked above
    job = submit("train", argv, target=run_dir, label=run_dir.name, log_path=run_dir / runs.PROCESS_LOG)
    runs.update_status(run_dir, launched=runs.now(), job=job.id)
    return run_dir, job


def launch_sweep(config: SweepConfig, *, root: Path | None = None, workers: int = 1, archive: Path | None = None,
                 reuse: Sequence[Path] = ()) -> tuple[Path, Job]:
    """Run (or continue) a sweep in the background; returns (sweep folder, job).

    The folder is prepared first, with every check of :func:`hybrid_core.sweep.run_sweep`, so bad settings fail
    here. The job runs ``sweep run <name> --root <root> --workers N [--archive DIR] [--reuse DIR...]``; its output
    goes to ``<folder>/sweep.log``.

    Raises:
        ValueError: bad workers, a sweep folder with other training settings, or a sweep another process runs.
    """
    from hybrid_core.sweep.folder import load_config, prepare, sweep_dir  # local: loads scipy (job listing stays fast)

    check_workers(workers)
    folder = sweep_dir(config.name, root=root)
    with start_lock(folder.parent):
        refuse_if_running(folder)
        folder = prepare(config, root=root)
        saved = load_config(folder)
    argv = ["sweep", "run", saved.name, "--root", str(folder.parent), "--workers", str(workers),
            *([] if saved.untuned else ["--no-untuned"]),
            *([] if archive is None else ["--archive", str(Path(archive).resolve())]),
            *(part for other in reuse for part in ("--reuse", str(Path(other).resolve())))]
    job = submit("sweep", argv, target=folder, label=saved.name, log_path=folder / LOG_FILE,
                 extra={"workers": workers})
    return folder, job


def launch_evaluation(model: str, data: str, *, out_dir: Path, candidate_text: str = "sentence",
                      max_questions: int | None = None, backend: str = "torch", run_name: str | None = None) -> Job:
    """Evaluate a model (spec or finished run folder) on a dataset in the background, into ``out_dir`` (the
    ``evaluate`` command's parquet file and JSON summary); returns the job."""

    tag = {"sentence": "sentence", "sentence+context": "context"}.get(candidate_text, candidate_text)
    name = check_name(run_name or Path(str(model)).name, what="run name")
    label = check_name(f"{name}--{Path(str(data)).name}--{tag}", what="evaluation name")
    argv = ["evaluate", str(model), "--data", str(data), "--out", str(out_dir), "--candidates", candidate_text,
            "--backend", backend, "--quiet", "--run-name", name]
    if max_questions is not None:
        argv += ["--max-questions", str(int(max_questions))]
    return submit("evaluate", argv, target=Path(out_dir) / f"{label}.parquet", label=label)


def _record_sweep_process(job: Job) -> None:
    """Record this job's process as the one running its sweep (``process.json``), as a detached launch."""

    write_json(Path(job.target) / PROCESS_FILE, {
        "pid": os.getpid(), "start_ticks": start_ticks(os.getpid()), "started": _now(), "detached": True,
        "workers": job.extra.get("workers", 1), "command": ["python", "-m", "hybrid_core", *job.argv],
        "log": Path(job.log).name, "job": job.id})


def stop_foreground(pid: int) -> None:
    """Ask a foreground training process (not a job: e.g. started in another terminal) to save and stop."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
