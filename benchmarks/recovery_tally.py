"""Recovery tally: SIGKILL training, a sweep, an evaluation and an archive update at seeded random moments, resume
each to the end, and compare it with an uninterrupted reference run.

Every trial runs the real CLI (``python -m hybrid_core ...``) in a process group of its own, kills the group with
SIGKILL at a moment drawn from a seeded generator, then runs the same command again (a resume) until it exits 0,
and checks:

- **weights**: every parameter of every final model equals the reference's within 1e-5 (max absolute difference);
- **results**: every results table has the reference's rows, with values within 1e-9 (an archive: the same bytes);
- **no stray files**: the files left are the reference's (same relative paths; an embedding cache compared by its
  content, its shard names being random), and no temporary file (``.*.tmp``, ``.final.*``, ``.tmp-*``), partial
  checkpoint or ``*.damaged`` file is left anywhere: a SIGKILL never damages a file (every write is atomic), so a
  damaged file would be a defect too.

The kinds (each on the shipped demo set with the 2-layer cut model, in a fresh workspace and cache per trial):

- ``train``: ``train`` with checkpoints every few steps;
- ``sweep``: ``sweep run`` of 2 points (α = 0 and 1) plus the untuned model, each evaluated on the demo set;
- ``evaluate``: ``evaluate`` of the cut model with its own embedding cache (the cache's shards and the results table
  are written while it runs);
- ``archive``: ``sweep archive`` of the finished reference sweep into an empty archive
  (:func:`hybrid_core.archive.write_archive`).

Half of the trials (odd numbers) kill at a uniformly drawn moment of the reference run's working phase (from its
first write on); the other half kill at a write: the moment the k-th file (checkpoint, shard, results or archive
file, or its temporary file) appears, k drawn at random, plus a short random delay, so that kills land inside
checkpoint saves and atomic writes. A kill that lands after the process finished is counted as missed.

Then three fault scenarios:

- two processes on the **same run** at once, and on the **same sweep** at once: one is refused, the other finishes
  with the reference's result;
- a **full disk** during a checkpoint: the run folder on a small tmpfs (when this process may mount one, i.e. as root
  on Linux; otherwise an ``OSError(ENOSPC)`` injected into the checkpoint save): the run fails with a message that
  says the disk is full, the previous checkpoint is intact, and after space is freed a resume finishes with the
  reference's weights.

Usage::

    .venv/bin/python benchmarks/recovery_tally.py                       # 10 trials per kind + the fault scenarios
    .venv/bin/python benchmarks/recovery_tally.py --trials 3 --kinds train,archive --json /tmp/tally.json
    .venv/bin/python benchmarks/recovery_tally.py --seed 7 --keep       # keep the trial folders (in --workdir)

Prints one line per trial and the tally (trials, kills landed, kills that left a partial write, survived, max |Δ|
per kind); exits 1 when a trial did not survive. ``tests/test_recovery.py`` runs it (``--small``, 10 trials per
kind) as a slow test, in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS: tuple[str, ...] = ("train", "sweep", "evaluate", "archive")
WEIGHT_TOLERANCE = 1e-5
RESULT_TOLERANCE = 1e-9
#: names a finished run must not leave behind
STRAY = re.compile(r"(^|/)(\.[^/]*\.tmp|\.[^/]*\.tmp-[^/]*|\.final\.[^/]*|[^/]*\.damaged|[^/]*\.partial)(/|$)")
#: how long one process may take before the tally gives up on it
PROCESS_TIMEOUT = 1800.0

COMMON = ["--data", "demo", "--model", "e5-small-cut", "--batch-size", "8", "--max-seq-length", "64",
          "--num-threads", "1"]


@dataclass
class Sizes:
    """How much work each kind does (the CI version uses fewer steps)."""

    train_steps: int = 24
    train_save: int = 4
    sweep_steps: int = 6
    sweep_save: int = 2
    sweep_questions: int = 12


# ----- running the CLI in a process group ------------------------------------------------------------------------
@dataclass
class Outcome:
    """How one process ended."""

    code: int | None
    killed: bool
    seconds: float
    events: list[tuple[float, str]] = field(default_factory=list)


def environment(trial: Path) -> dict[str, str]:
    """The environment of a trial's processes: its own workspace and cache (the converted models linked in)."""
    from hybrid_core.paths import cache_dir

    cache = trial / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    models = cache / "models"
    if not models.exists():
        models.symlink_to(cache_dir() / "models", target_is_directory=True)
    return {**os.environ, "HBL_WORKSPACE": str(trial / "ws"), "HBL_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT),
            "OMP_WAIT_POLICY": "PASSIVE", "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1"}


def run_cli(argv: list[str], trial: Path, *, log: Path, watch: Callable[[], set[str]] | None = None,
            kill_after: float | None = None, kill_at_event: int | None = None, delay: float = 0.0,
            env: dict[str, str] | None = None) -> Outcome:
    """Run ``python -m hybrid_core ARGV``; with ``kill_after`` (seconds) or ``kill_at_event`` (the k-th new name
    ``watch`` reports, then ``delay`` seconds), SIGKILL its process group. ``watch`` is polled every few ms and the
    first appearance of each name it reports is recorded."""
    started = time.perf_counter()
    seen: set[str] = set()
    events: list[tuple[float, str]] = []
    with open(log, "ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "hybrid_core", *argv], stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True, env=env or environment(trial),
                                   cwd=str(trial))
        deadline = None if kill_after is None else started + kill_after
        killed = False
        try:
            while process.poll() is None:
                now = time.perf_counter()
                if now - started > PROCESS_TIMEOUT:
                    raise TimeoutError(f"{' '.join(argv)} ran longer than {PROCESS_TIMEOUT:.0f} s")
                if watch is not None:
                    for name in watch() - seen:
                        seen.add(name)
                        events.append((now - started, name))
                    if kill_at_event is not None and deadline is None and len(events) >= kill_at_event:
                        deadline = now + delay
                if deadline is not None and now >= deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                    killed = True
                    break
                time.sleep(0.003)
        finally:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    with contextlib.suppress(ProcessLookupError):  # nothing of the group may survive its leader
        os.killpg(process.pid, signal.SIGKILL)
    return Outcome(None if killed else process.returncode, killed, time.perf_counter() - started, events)


def _entries(folder: Path, pattern: str = "*") -> set[str]:
    try:
        return {str(p.relative_to(folder)) for p in folder.glob(pattern)}
    except OSError:
        return set()


# ----- the kinds ------------------------------------------------------------------------------------------------
class Kind:
    """One kind of trial: its command, what to watch for writes, and how to compare with the reference."""

    name = ""
    #: random delay after a write event before the kill (seconds)
    delay = 0.0

    def __init__(self, sizes: Sizes) -> None:
        self.sizes = sizes

    def prepare(self, trial: Path, reference: Path | None) -> None:
        """Set up a trial folder before the command runs (default: nothing)."""

    def argv(self, trial: Path) -> list[str]:
        raise NotImplementedError

    def watch(self, trial: Path) -> Callable[[], set[str]]:
        raise NotImplementedError

    def outputs(self, trial: Path) -> list[Path]:
        """The folders whose files are compared with the reference's and searched for strays."""
        raise NotImplementedError

    def compare(self, trial: Path, reference: Path) -> dict[str, float]:
        """``{"weights": max |Δ|, "results": max |Δ|}`` (either may be absent)."""
        raise NotImplementedError

    def finished(self, trial: Path) -> bool:
        """Whether the work is complete although the process was killed (it was killed while exiting), so that
        running the command again is not a resume (default: never)."""
        return False


def _checkpoints(run: Path) -> set[str]:
    found = {f"{run.name}/{name}" for name in _entries(run / "checkpoints", "checkpoint-*")}
    return found | ({f"{run.name}/final"} if (run / "final").is_dir() else set())


class Train(Kind):
    name, delay = "train", 0.25

    def argv(self, trial: Path) -> list[str]:
        return ["train", *COMMON, "--alpha", "0.5", "--max-steps", str(self.sizes.train_steps), "--save-steps",
                str(self.sizes.train_save), "--name", "r", "--no-progress"]

    def run(self, trial: Path) -> Path:
        return trial / "ws" / "runs" / "r"

    def watch(self, trial: Path) -> Callable[[], set[str]]:
        run = self.run(trial)
        return lambda: _checkpoints(run) | ({"status"} if (run / "status.json").exists() else set())

    def outputs(self, trial: Path) -> list[Path]:
        return [self.run(trial)]

    def finished(self, trial: Path) -> bool:
        """A finished run refuses to train again (``already finished``): killed after it said so, it is done."""
        status = self.run(trial) / "status.json"
        return status.is_file() and json.loads(status.read_text()).get("state") == "finished"

    def compare(self, trial: Path, reference: Path) -> dict[str, float]:
        return {"weights": weights_difference(self.run(trial) / "final", self.run(reference) / "final")}


class Sweep(Kind):
    name, delay = "sweep", 0.25

    def argv(self, trial: Path) -> list[str]:
        return ["sweep", "run", "s", *COMMON, "--eval", f"demo,max_questions={self.sizes.sweep_questions}",
                "--alphas", "0", "1", "--max-steps", str(self.sizes.sweep_steps), "--save-steps",
                str(self.sizes.sweep_save)]

    def folder(self, trial: Path) -> Path:
        return trial / "ws" / "sweeps" / "s"

    def watch(self, trial: Path) -> Callable[[], set[str]]:
        folder = self.folder(trial)

        def names() -> set[str]:
            found = _entries(folder, "results/*/*")
            for run in (folder / "runs").glob("*/") if (folder / "runs").is_dir() else []:
                found |= _checkpoints(run)
            return found | ({"process"} if (folder / "process.json").exists() else set())
        return names

    def outputs(self, trial: Path) -> list[Path]:
        return [self.folder(trial)]

    def compare(self, trial: Path, reference: Path) -> dict[str, float]:
        from hybrid_core.sweep import collect_results

        weights = max(weights_difference(run / "final", self.folder(reference) / "runs" / run.name / "final")
                      for run in sorted((self.folder(trial) / "runs").glob("*/")))
        results = tables_difference(collect_results(self.folder(trial)), collect_results(self.folder(reference)))
        return {"weights": weights, "results": results}


class Evaluate(Kind):
    name, delay = "evaluate", 0.03

    def argv(self, trial: Path) -> list[str]:
        return ["evaluate", "e5-small-cut", "--data", "demo", "--backend", "torch", "--out", str(trial / "out"),
                "--embedding-cache", str(trial / "embeddings"), "--batch-size", "16", "--quiet"]

    def watch(self, trial: Path) -> Callable[[], set[str]]:
        embeddings, out = trial / "embeddings", trial / "out"
        return lambda: _entries(embeddings, "*/*/*shard-*") | _entries(out)

    def outputs(self, trial: Path) -> list[Path]:
        return [trial / "out", trial / "embeddings"]

    def compare(self, trial: Path, reference: Path) -> dict[str, float]:
        import pandas as pd

        (table,) = (trial / "out").glob("*.parquet")
        expected = reference / "out" / table.name
        results = tables_difference(pd.read_parquet(table), pd.read_parquet(expected))
        return {"results": results, "embeddings": cache_difference(trial / "embeddings", reference / "embeddings")}


class Archive(Kind):
    name, delay = "archive", 0.01

    def __init__(self, sizes: Sizes, sweep_reference: Callable[[], Path]) -> None:
        super().__init__(sizes)
        self.sweep_reference = sweep_reference

    def prepare(self, trial: Path, reference: Path | None) -> None:
        """A copy of the finished reference sweep's folder, without its models (all an archive update reads)."""
        source = Sweep(self.sizes).folder(self.sweep_reference())
        target = trial / "sweeps" / "s"
        for path in source.rglob("*"):
            relative = path.relative_to(source)
            wanted = relative.parts[0] in ("results", "sweep.json") or (
                relative.parts[0] == "runs" and len(relative.parts) == 3 and relative.name in ("status.json",
                                                                                            "config.json"))
            if path.is_file() and wanted:
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target / relative)

    def argv(self, trial: Path) -> list[str]:
        return ["sweep", "archive", "s", "--root", str(trial / "sweeps"), "--out", str(trial / "archive")]

    def watch(self, trial: Path) -> Callable[[], set[str]]:
        archive = trial / "archive"
        return lambda: _entries(archive, "**/*")

    def outputs(self, trial: Path) -> list[Path]:
        return [trial / "archive"]

    def compare(self, trial: Path, reference: Path) -> dict[str, float]:
        differing = [str(p.relative_to(trial / "archive")) for p in sorted((trial / "archive").rglob("*"))
                     if p.is_file() and p.read_bytes() != (reference / "archive" / p.relative_to(
                         trial / "archive")).read_bytes()]
        if differing:
            raise AssertionError(f"archive files differ from the reference's: {differing}")
        return {"results": 0.0}


# ----- comparisons ----------------------------------------------------------------------------------------------
def weights_difference(model: Path, reference: Path) -> float:
    """Max |Δ| over every parameter of two saved models (their tensors must have the same names and shapes)."""
    from safetensors.numpy import load_file

    ours, theirs = load_file(str(model / "model.safetensors")), load_file(str(reference / "model.safetensors"))
    if ours.keys() != theirs.keys():
        raise AssertionError(f"{model}: parameters {sorted(set(ours) ^ set(theirs))[:5]} differ from the reference")
    worst = 0.0
    for name, tensor in ours.items():
        if tensor.shape != theirs[name].shape:
            raise AssertionError(f"{model}: parameter {name} has shape {tensor.shape}, not {theirs[name].shape}")
        if tensor.size:
            worst = max(worst, float(np.max(np.abs(tensor.astype(np.float64) - theirs[name].astype(np.float64)))))
    return worst


def tables_difference(table: Any, reference: Any) -> float:
    """Max |Δ| of ``value`` between two results tables with the same rows (every other column equal)."""
    keys = [c for c in reference.columns if c != "value"]
    if sorted(table.columns) != sorted(reference.columns) or len(table) != len(reference):
        raise AssertionError(f"results table has {len(table)} rows / columns {sorted(table.columns)}, the reference "
                             f"{len(reference)} / {sorted(reference.columns)}")
    ours = table.sort_values(keys, kind="stable").reset_index(drop=True)
    theirs = reference.sort_values(keys, kind="stable").reset_index(drop=True)
    for column in keys:
        left, right = ours[column], theirs[column]
        same = ((left == right).fillna(False) | (left.isna() & right.isna())).to_numpy(bool)
        if not same.all():
            raise AssertionError(f"results column {column!r} differs from the reference's "
                                 f"({list(left[~same][:3])} vs {list(right[~same][:3])})")
    values, expected = ours["value"].to_numpy(float), theirs["value"].to_numpy(float)
    both_nan = np.isnan(values) & np.isnan(expected)
    if (np.isnan(values) != np.isnan(expected)).any():
        raise AssertionError("results values: missing where the reference has a value, or the reverse")
    return float(np.max(np.abs(values[~both_nan] - expected[~both_nan]), initial=0.0))


def cache_difference(cache: Path, reference: Path) -> float:
    """Max |Δ| between two embedding caches' vectors (the same keys in each role; shard names differ)."""
    def content(root: Path) -> dict[tuple[str, bytes], np.ndarray]:
        found = {}
        for shard in sorted(root.glob("*/*/shard-*.npz")):
            with np.load(shard) as data:
                for key, vector in zip(data["keys"], data["vectors"]):
                    found.setdefault((shard.parent.name, key.tobytes()), vector)
        return found

    ours, theirs = content(cache), content(reference)
    if ours.keys() != theirs.keys():
        raise AssertionError(f"embedding cache holds {len(ours)} texts, the reference {len(theirs)} "
                             f"({len(set(ours) ^ set(theirs))} differ)")
    return max((float(np.max(np.abs(v - theirs[k]))) for k, v in ours.items()), default=0.0)


def files_of(folder: Path) -> set[str]:
    """Relative paths of every file under ``folder`` (embedding shards by their folder only: their names are
    random), without lock files."""
    found = set()
    for path in folder.rglob("*"):
        if path.is_file() and path.name != ".lock":
            relative = str(path.relative_to(folder))
            found.add(re.sub(r"shard-[0-9a-f-]+\.npz$", "shard-*.npz", relative))
    return found


def leftovers(folders: list[Path]) -> list[str]:
    """Temporary, partial and damaged files and folders (and checkpoints without their trainer state)."""
    found = []
    for folder in folders:
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            relative = str(path.relative_to(folder.parent))
            if STRAY.search(relative) and not STRAY.search(str(path.parent.relative_to(folder.parent))):
                found.append(relative)
            elif path.is_dir() and path.name.startswith("checkpoint-") and not (path / "trainer_state.json").is_file():
                found.append(relative + " (partial checkpoint)")
    return sorted(found)


# ----- a trial ----------------------------------------------------------------------------------------------------
@dataclass
class Trial:
    """What one kill-and-resume trial did and found."""

    kind: str
    number: int
    mode: str
    planned: str
    killed: bool
    partial_writes: list[str]
    resumes: int
    survived: bool
    deltas: dict[str, float]
    strays: list[str]
    error: str = ""
    seconds: float = 0.0


def reference_run(kind: Kind, workdir: Path) -> tuple[Path, Outcome]:
    folder = workdir / f"{kind.name}-reference"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    kind.prepare(folder, None)
    outcome = run_cli(kind.argv(folder), folder, log=folder / "cli.log", watch=kind.watch(folder))
    if outcome.code != 0:
        raise RuntimeError(f"the reference {kind.name} run failed (exit {outcome.code}); see {folder / 'cli.log'}")
    return folder, outcome


def run_trial(kind: Kind, number: int, reference: Path, timeline: Outcome, workdir: Path, rng: random.Random,
              *, keep: bool) -> Trial:
    started = time.perf_counter()
    trial = workdir / f"{kind.name}-{number:02d}"
    shutil.rmtree(trial, ignore_errors=True)
    trial.mkdir(parents=True)
    kind.prepare(trial, reference)
    events = timeline.events
    first = events[0][0] if events else 0.0
    if number % 2 == 1 or not events:
        mode = "time"
        moment = rng.uniform(max(0.0, first - 1.0), 0.95 * timeline.seconds)
        plan = {"kill_after": moment}
        planned = f"at {moment:.1f} s of {timeline.seconds:.1f} s"
    else:
        mode = "write"
        k = rng.randint(1, len(events))
        delay = rng.uniform(0.0, kind.delay)
        plan = {"kill_at_event": k, "delay": delay}
        planned = f"{delay * 1000:.0f} ms after write {k} of {len(events)} ({events[k - 1][1]})"
    log = trial / "cli.log"
    outcome = run_cli(kind.argv(trial), trial, log=log, watch=kind.watch(trial), **plan)
    partial = leftovers(kind.outputs(trial)) if outcome.killed else []
    resumes, deltas, strays, error = 0, {}, [], ""
    try:
        code = 0 if outcome.killed and kind.finished(trial) else outcome.code
        while code != 0:
            resumes += 1
            if resumes > 2:
                raise AssertionError(f"the resume failed twice (exit {code}); see {log}")
            code = run_cli(kind.argv(trial), trial, log=log).code
        deltas = kind.compare(trial, reference)
        strays = leftovers(kind.outputs(trial))
        expected = set().union(*(files_of(p) for p in kind.outputs(reference)))
        found = set().union(*(files_of(p) for p in kind.outputs(trial)))
        strays += [f"{name} (not in the reference)" for name in sorted(found - expected)]
        strays += [f"{name} (missing)" for name in sorted(expected - found)]
        if deltas.get("weights", 0.0) > WEIGHT_TOLERANCE:
            raise AssertionError(f"weights differ by {deltas['weights']:.3g} > {WEIGHT_TOLERANCE}")
        if max(deltas.get("results", 0.0), deltas.get("embeddings", 0.0)) > RESULT_TOLERANCE:
            raise AssertionError(f"results differ by {max(deltas.values()):.3g} > {RESULT_TOLERANCE}")
    except Exception as exc:  # a trial that did not survive is reported, not raised: the tally goes on
        error = f"{type(exc).__name__}: {exc}"
    survived = not error and not strays
    if survived and not keep:
        shutil.rmtree(trial, ignore_errors=True)
    return Trial(kind.name, number, mode, planned, outcome.killed, partial, resumes, survived, deltas, strays, error,
                 time.perf_counter() - started)


# ----- two processes at once; a full disk ----------------------------------------------------------------------
def concurrent(kind: Kind, reference: Path, workdir: Path, skew: float, number: int) -> dict[str, Any]:
    """Start the same command twice, ``skew`` seconds apart: one must be refused (exit non-zero, saying another
    process runs it), the other finish with the reference's result; nothing may be corrupted."""
    trial = workdir / f"{kind.name}-twice-{number}"
    shutil.rmtree(trial, ignore_errors=True)
    trial.mkdir(parents=True)
    env = environment(trial)
    logs = [trial / "first.log", trial / "second.log"]
    processes = []
    for i, log in enumerate(logs):
        if i:
            time.sleep(skew)
        with open(log, "wb") as out:
            processes.append(subprocess.Popen([sys.executable, "-m", "hybrid_core", *kind.argv(trial)], stdout=out,
                                              stderr=subprocess.STDOUT, start_new_session=True, env=env,
                                              cwd=str(trial)))
    codes = [p.wait(timeout=PROCESS_TIMEOUT) for p in processes]
    texts = [log.read_text(errors="replace") for log in logs]
    refused = [i for i, code in enumerate(codes) if code != 0]
    record: dict[str, Any] = {"skew_s": skew, "exit_codes": codes, "refusal": "", "error": ""}
    try:
        if len(refused) != 1:
            raise AssertionError(f"expected exactly one refusal, got exit codes {codes}")
        message = texts[refused[0]].strip().splitlines()[-1] if texts[refused[0]].strip() else ""
        record["refusal"] = message
        if "Traceback" in texts[refused[0]] or not re.search(r"already|another process|being trained", message):
            raise AssertionError(f"the refusal does not say another process runs it: {message!r}")
        record["deltas"] = kind.compare(trial, reference)
        strays = leftovers(kind.outputs(trial))
        if strays:
            raise AssertionError(f"stray files: {strays}")
        if max(record["deltas"].values()) > WEIGHT_TOLERANCE:
            raise AssertionError(f"results differ from the reference: {record['deltas']}")
    except Exception as exc:
        record["error"] = f"{type(exc).__name__}: {exc}"
    record["ok"] = not record["error"]
    if record["ok"]:
        shutil.rmtree(trial, ignore_errors=True)
    return record


@contextlib.contextmanager
def small_tmpfs(folder: Path, megabytes: int) -> Iterator[Callable[[int], None] | None]:
    """Mount a tmpfs of ``megabytes`` on ``folder`` and yield a function that resizes it; None when mounting is not
    allowed (not root, no mount)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)], capture_output=True).returncode:
        yield None
        return

    def resize(size: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size}m", str(folder)], check=True, capture_output=True)

    try:
        yield resize
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def full_disk(train: Train, reference: Path, workdir: Path) -> dict[str, Any]:
    """Train with the run folder on a tmpfs too small for the second checkpoint (or with ENOSPC injected into it),
    then free space and resume."""
    trial = workdir / "train-full-disk"
    shutil.rmtree(trial, ignore_errors=True)
    trial.mkdir(parents=True)
    env = environment(trial)
    run = train.run(trial)
    record: dict[str, Any] = {"error": ""}
    checkpoint_mb = sum(p.stat().st_size for p in (train.run(reference) / "checkpoints").glob("checkpoint-*/*")
                        if p.is_file()) / 2 / 2**20
    with small_tmpfs(trial / "ws", int(checkpoint_mb * 1.6)) as resize:
        if resize is None:  # not allowed to mount: inject the error into the second checkpoint's optimizer save
            record["how"] = "injected OSError(ENOSPC) in the second checkpoint's optimizer save"
            hook = trial / "hook"
            hook.mkdir()
            (hook / "sitecustomize.py").write_text(_ENOSPC_HOOK)
            env = {**env, "PYTHONPATH": f"{hook}{os.pathsep}{env['PYTHONPATH']}", "HBL_TALLY_ENOSPC": "2"}
        else:
            record["how"] = f"run folder on a {int(checkpoint_mb * 1.6)} MB tmpfs (a checkpoint is " \
                            f"{checkpoint_mb:.0f} MB)"
        with open(trial / "cli.log", "wb") as out:
            code = subprocess.run([sys.executable, "-m", "hybrid_core", *train.argv(trial)], stdout=out,
                                  stderr=subprocess.STDOUT, env=env, cwd=str(trial), timeout=PROCESS_TIMEOUT).returncode
        text = (trial / "cli.log").read_text(errors="replace")
        try:
            if code == 0:
                raise AssertionError("training finished although the disk was full")
            record["message"] = [line for line in text.splitlines() if line.startswith("error:")][-1:] or \
                text.strip().splitlines()[-1:]
            status = json.loads((run / "status.json").read_text())
            record["status_error"] = status.get("error")
            if "No space left on device" not in str(status.get("error")) or "Traceback" in text:
                raise AssertionError(f"no clear 'disk full' message: {record['message']} / {status.get('error')}")
            from hybrid_core import runs

            complete = runs.checkpoints(run)
            if not complete:
                raise AssertionError("no complete checkpoint left")
            record["intact_checkpoint"] = complete[-1].name  # complete; the resume below starts from it
            record["removed_partial"] = [p.name for p in (run / "checkpoints").glob("checkpoint-*")
                                         if p not in complete]
            if record["removed_partial"]:
                raise AssertionError(f"the checkpoint cut short was left: {record['removed_partial']}")
            if resize is not None:
                resize(int(checkpoint_mb * 8))
            else:
                env["HBL_TALLY_ENOSPC"] = "0"
            with open(trial / "cli.log", "ab") as out:
                code = subprocess.run([sys.executable, "-m", "hybrid_core", *train.argv(trial)], stdout=out,
                                      stderr=subprocess.STDOUT, env=env, cwd=str(trial),
                                      timeout=PROCESS_TIMEOUT).returncode
            if code != 0:
                raise AssertionError(f"the resume after freeing space failed (exit {code}); see {trial / 'cli.log'}")
            record["deltas"] = train.compare(trial, reference)
            record["strays"] = leftovers([run])
            if record["deltas"]["weights"] > WEIGHT_TOLERANCE or record["strays"]:
                raise AssertionError(f"after the resume: {record['deltas']}, strays {record['strays']}")
        except Exception as exc:
            record["error"] = f"{type(exc).__name__}: {exc}"
    record["ok"] = not record["error"]
    if record["ok"]:
        shutil.rmtree(trial, ignore_errors=True)
    return record


_ENOSPC_HOOK = '''
import errno, os
_count = {"saves": 0}
if os.environ.get("HBL_TALLY_ENOSPC", "0") != "0":
    import torch
    _save = torch.save
    def save(obj, f, *args, **kwargs):
        if str(f).endswith("optimizer.pt"):
            _count["saves"] += 1
            if _count["saves"] >= int(os.environ["HBL_TALLY_ENOSPC"]):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(f))
        return _save(obj, f, *args, **kwargs)
    torch.save = save
'''


# ----- the tally --------------------------------------------------------------------------------------------------
def tally(trials: list[Trial]) -> list[dict[str, Any]]:
    rows = []
    for name in dict.fromkeys(t.kind for t in trials):
        mine = [t for t in trials if t.kind == name]
        deltas: dict[str, float] = {}
        for t in mine:
            for key, value in t.deltas.items():
                deltas[key] = max(deltas.get(key, 0.0), value)
        rows.append({"kind": name, "trials": len(mine), "killed": sum(t.killed for t in mine),
                     "partial_writes": sum(bool(t.partial_writes) for t in mine),
                     "survived": sum(t.survived for t in mine), "max_delta": deltas,
                     "seconds": round(sum(t.seconds for t in mine), 1)})
    return rows


def print_tally(rows: list[dict[str, Any]], extras: dict[str, Any]) -> None:
    out = sys.stdout.write
    out(f"\n{'kind':<10}{'trials':>7}{'killed':>8}{'mid-write':>10}{'survived':>10}  max |Δ|\n")
    for row in rows:
        deltas = ", ".join(f"{k} {v:.3g}" for k, v in row["max_delta"].items()) or "-"
        out(f"{row['kind']:<10}{row['trials']:>7}{row['killed']:>8}{row['partial_writes']:>10}{row['survived']:>10}  "
            f"{deltas}\n")
    total = {k: sum(r[k] for r in rows) for k in ("trials", "killed", "partial_writes", "survived")}
    out(f"{'total':<10}{total['trials']:>7}{total['killed']:>8}{total['partial_writes']:>10}{total['survived']:>10}\n")
    for name, records in extras.items():
        records = records if isinstance(records, list) else [records]
        ok = sum(bool(r.get("ok")) for r in records)
        out(f"{name}: {ok}/{len(records)} ok" + "".join(f"\n    {json.dumps(r, default=str)}" for r in records) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=10, help="trials per kind (default 10)")
    parser.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated subset of {', '.join(KINDS)}")
    parser.add_argument("--seed", type=int, default=20, help="seed of the kill moments (default 20)")
    parser.add_argument("--workdir", type=Path, default=None, help="where trials run (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep every trial folder (failed ones are always kept)")
    parser.add_argument("--no-faults", action="store_true", help="skip the concurrency and full-disk scenarios")
    parser.add_argument("--small", action="store_true", help="fewer steps (the CI version)")
    parser.add_argument("--skews", type=float, nargs="+", default=[0.0, 3.0], metavar="S",
                        help="seconds between the two processes started on the same run / sweep (default 0 3)")
    parser.add_argument("--json", type=Path, default=None, help="also write the tally and every trial as JSON")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown or args.trials < 1:
        parser.error(f"--kinds: unknown {unknown}; choose from {', '.join(KINDS)}" if unknown else "--trials >= 1")
    sizes = Sizes(train_steps=12, train_save=3, sweep_steps=4, sweep_save=2, sweep_questions=8) if args.small \
        else Sizes()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hbl-recovery-"))
    workdir.mkdir(parents=True, exist_ok=True)
    from hybrid_core.embedded import cut_model_path

    cut_model_path()  # converted once, before any timing
    sys.stdout.write(f"recovery tally: {args.trials} trial(s) of {', '.join(kinds)}, seed {args.seed}, in {workdir}; "
                     f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    references: dict[str, tuple[Path, Outcome]] = {}

    def reference(kind: Kind) -> tuple[Path, Outcome]:
        if kind.name not in references:
            references[kind.name] = reference_run(kind, workdir)
            _, outcome = references[kind.name]
            sys.stdout.write(f"reference {kind.name}: {outcome.seconds:.1f} s, {len(outcome.events)} writes watched\n")
            sys.stdout.flush()
        return references[kind.name]

    sweep_kind = Sweep(sizes)
    registry: dict[str, Kind] = {"train": Train(sizes), "sweep": sweep_kind, "evaluate": Evaluate(sizes),
                                 "archive": Archive(sizes, lambda: reference(sweep_kind)[0])}
    trials: list[Trial] = []
    for name in kinds:
        kind = registry[name]
        folder, timeline = reference(kind)
        rng = random.Random(f"{args.seed}-{name}")
        for number in range(1, args.trials + 1):
            trial = run_trial(kind, number, folder, timeline, workdir, rng, keep=args.keep)
            trials.append(trial)
            verdict = "survived" if trial.survived else f"FAILED: {trial.error or trial.strays}"
            deltas = ", ".join(f"{k} {v:.2g}" for k, v in trial.deltas.items())
            sys.stdout.write(f"{name} {number:>2} [{trial.mode:>5}] kill {trial.planned}: "
                             f"{'killed' if trial.killed else 'missed (finished first)'}"
                             f"{f', left {len(trial.partial_writes)} partial' if trial.partial_writes else ''}; "
                             f"{trial.resumes} resume(s); {deltas}; {verdict} ({trial.seconds:.0f} s)\n")
            sys.stdout.flush()
    extras: dict[str, Any] = {}
    if not args.no_faults:
        train = registry["train"]
        folder, _ = reference(train)
        extras["same run twice at once"] = [concurrent(train, folder, workdir, skew, i)
                                            for i, skew in enumerate(args.skews)]
        sweep_folder, _ = reference(sweep_kind)
        extras["same sweep twice at once"] = [concurrent(sweep_kind, sweep_folder, workdir, skew, i)
                                              for i, skew in enumerate(args.skews)]
        extras["full disk during a checkpoint"] = full_disk(train, folder, workdir)
    rows = tally(trials)
    print_tally(rows, extras)
    if args.json is not None:
        args.json.write_text(json.dumps({"tally": rows, "trials": [asdict(t) for t in trials], "faults": extras,
                                         "seed": args.seed, "sizes": asdict(sizes)}, indent=2, default=str) + "\n")
    failed = [t for t in trials if not t.survived]
    failed_faults = [r for records in extras.values() for r in (records if isinstance(records, list) else [records])
                     if not r.get("ok")]
    if not args.keep and not failed and not failed_faults and args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed or failed_faults else 0


if __name__ == "__main__":
    sys.exit(main())
