"""Recovery from kills, two processes at once and a full disk (issue #20).

The fast tests check the pieces: temporary files of killed writers are removed (those of live ones kept), a run
trained by another process is refused without touching it, what a killed trainer leaves is cleared before a
resume. The slow ones train for real (cut model, demo data): ENOSPC injected into a checkpoint save, and a small
version of ``benchmarks/recovery_tally.py`` (SIGKILL at seeded random moments, resume, compare with an
uninterrupted run).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hybrid_core import runs
from hybrid_core.atomic import remove_stale_temporaries, stale_temporaries, write_json
from hybrid_core.training import TrainConfig, train

ROOT = Path(__file__).resolve().parents[1]
TINY = {"data": "demo", "model": "e5-small-cut", "batch_size": 4, "learning_rate": 1e-4, "logging_steps": 1,
        "device": "cpu"}


def dead_pid() -> int:
    """The pid of a process that has ended."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(child.stdout)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and p.name != ".lock"}


# ----- temporary files of killed writers ----------------------------------------------------------------------------
def test_atomic_writes_remove_temporaries_of_killed_writers_and_keep_live_ones(tmp_path: Path) -> None:
    target = tmp_path / "status.json"
    killed = tmp_path / f".status.json.pid{dead_pid()}.abc123.tmp"
    live = tmp_path / f".status.json.pid{os.getppid()}.def456.tmp"  # our parent is alive: its write goes on
    other = tmp_path / f".other.json.pid{dead_pid()}.x1.tmp"  # another target's: left to that target's next write
    for path in (killed, live, other):
        path.write_text("{half")
    write_json(target, {"state": "running"})
    assert json.loads(target.read_text()) == {"state": "running"}
    assert not killed.exists() and live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, live.name, other.name])
    # a whole folder (a run or sweep being resumed), recursively
    nested = tmp_path / "results" / f".x.parquet.pid{dead_pid()}.zz.tmp"
    nested.parent.mkdir()
    nested.write_bytes(b"PAR1")
    assert stale_temporaries(tmp_path, recursive=True) == sorted([other, nested])
    assert remove_stale_temporaries(tmp_path) == sorted([other, nested])
    assert live.exists() and target.exists() and not nested.exists()


def test_leftovers_of_a_killed_trainer_are_removed_and_complete_checkpoints_kept(tmp_path: Path) -> None:
    run_dir = runs.create_run(TrainConfig(**TINY, max_steps=9, save_steps=3, name="left"), root=tmp_path)
    (run_dir / runs.SAMPLER_FILE).write_text("{}")
    folder = run_dir / runs.CHECKPOINTS_DIR
    for step in (3, 6):  # complete: trainer state and sampler state
        (folder / f"checkpoint-{step}").mkdir(parents=True)
        (folder / f"checkpoint-{step}" / "trainer_state.json").write_text(json.dumps({"global_step": step,
                                                                                      "max_steps": 9}))
        (folder / f"checkpoint-{step}" / runs.SAMPLER_FILE).write_text("{}")
    cut_short = folder / "checkpoint-9"  # killed while saving: weights, no trainer state
    cut_short.mkdir()
    (cut_short / "model.safetensors").write_bytes(b"\0" * 100)
    no_sampler = folder / "checkpoint-12"  # killed between the trainer state and the sampler state
    no_sampler.mkdir()
    (no_sampler / "trainer_state.json").write_text(json.dumps({"global_step": 12, "max_steps": 9}))
    torn_state = folder / "checkpoint-15"
    torn_state.mkdir()
    (torn_state / "trainer_state.json").write_text('{"global_st')
    final_tmp = run_dir / f".final.pid{dead_pid()}.k3j"
    final_tmp.mkdir()
    (final_tmp / "model.safetensors").write_bytes(b"x")
    safetensors_tmp = folder / "checkpoint-6" / ".tmpAb12Cd"
    safetensors_tmp.write_bytes(b"x")
    in_flight = run_dir / f".config.json.pid{os.getppid()}.q7.tmp"  # a second process's write, about to be refused
    in_flight.write_text("{")
    assert [p.name for p in runs.checkpoints(run_dir)] == ["checkpoint-3", "checkpoint-6"]
    assert runs.checkpoint_progress(folder / "checkpoint-6") == (6, 9)
    assert runs.checkpoint_progress(torn_state) is None
    removed = runs.remove_leftovers(run_dir)
    assert set(removed) == {cut_short, no_sampler, torn_state, final_tmp, safetensors_tmp}
    assert sorted(p.name for p in folder.iterdir()) == ["checkpoint-3", "checkpoint-6"] and in_flight.exists()
    assert runs.last_checkpoint(run_dir).name == "checkpoint-6"
    assert (folder / "checkpoint-6" / "trainer_state.json").is_file()


def test_rotation_keeps_the_newest_complete_checkpoints_by_step_and_a_killed_rotation_leaves_no_partial_one(
        tmp_path: Path) -> None:
    """CI found it: killed while the trainer rotated, a half-deleted checkpoint-6 kept its trainer and sampler state
    and, touched last, looked newest to the trainer's mtime order, which then deleted complete checkpoint-9 on resume.
    Our rotation goes by step number, and renames a folder away before deleting it."""
    run_dir = runs.create_run(TrainConfig(**TINY, max_steps=12, save_steps=3, name="rot"), root=tmp_path)
    (run_dir / runs.SAMPLER_FILE).write_text("{}")
    folder = run_dir / runs.CHECKPOINTS_DIR
    for step in (6, 9, 12):
        (folder / f"checkpoint-{step}").mkdir(parents=True)
        (folder / f"checkpoint-{step}" / "trainer_state.json").write_text(json.dumps({"global_step": step,
                                                                                      "max_steps": 12}))
        (folder / f"checkpoint-{step}" / runs.SAMPLER_FILE).write_text("{}")
    os.utime(folder / "checkpoint-6", (2e9, 2e9))  # touched after the others, as a half-deleted folder is
    assert runs.rotate_checkpoints(run_dir, None) == []
    assert runs.rotate_checkpoints(run_dir, 2) == [folder / "checkpoint-6"]
    assert sorted(p.name for p in folder.iterdir()) == ["checkpoint-12", "checkpoint-9"]
    # a rotation killed after its rename: only a leftover, which the next start removes
    doomed = folder / f".checkpoint-9.pid{dead_pid()}.deleted"
    (folder / "checkpoint-9").rename(doomed)
    assert [p.name for p in runs.checkpoints(run_dir)] == ["checkpoint-12"]
    assert runs.remove_leftovers(run_dir) == [doomed]
    assert sorted(p.name for p in folder.iterdir()) == ["checkpoint-12"]


# ----- two processes at once ----------------------------------------------------------------------------------------
def test_a_run_another_process_trains_is_refused_and_left_untouched(tmp_path: Path, capsys) -> None:
    """The run's lock (an flock, released by the system however its holder ends) refuses a second trainer at once,
    whatever status.json says; the refusal changes no file of the run."""
    config = TrainConfig(**TINY, alpha=0.5, max_steps=2, save_steps=1, name="busy")
    run_dir = runs.create_run(config, root=tmp_path)
    hold = ("import sys, time; from pathlib import Path; from hybrid_core.runs import lock_run; "
            "held = lock_run(Path(sys.argv[1])); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(run_dir)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(run_dir)
        with pytest.raises(ValueError, match=r"run busy is being trained by another process.*--cancel"):
            train(config, root=tmp_path)
        from hybrid_core.cli import main

        assert main(["train", "--resume", str(run_dir), "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert "being trained by another process" in err and "Traceback" not in err
        assert snapshot(run_dir) == before  # nothing written by the refused process
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed (SIGKILL): its lock went with it, the run trains now
    assert runs.read_status(train(config, root=tmp_path))["state"] == "finished"


# ----- a full disk during a checkpoint ------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_full_disk_during_a_checkpoint_keeps_the_previous_one_and_a_resume_finishes(tmp_path: Path, monkeypatch,
                                                                                       capsys) -> None:
    """ENOSPC injected into the second checkpoint's optimizer save: a clear message (CLI: no traceback), status
    failed naming the disk, the first checkpoint intact, the cut-short one removed; a later resume ends with the
    weights of an uninterrupted run."""
    import torch
    from safetensors.torch import load_file

    from hybrid_core.cli import main

    steps = ["--data", "demo", "--model", "e5-small-cut", "--batch-size", "4", "--max-steps", "4", "--save-steps",
             "2", "--alpha", "0.5", "--learning-rate", "1e-4", "--logging-steps", "1", "--no-progress"]
    straight = train(TrainConfig(**TINY, alpha=0.5, max_steps=4, save_steps=2, name="straight"), root=tmp_path)
    run_dir = tmp_path / "full"
    argv = ["train", *steps, "--output-dir", str(run_dir), "--allow-outside-workspace"]
    real_save = torch.save
    saves = {"optimizer": 0}

    def full_disk_save(obj, f, *args, **kwargs):
        if str(f).endswith("optimizer.pt"):
            saves["optimizer"] += 1
            if saves["optimizer"] == 2:
                with open(f, "wb") as handle:  # part of it written, then the disk is full
                    handle.write(b"\0" * 1000)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(f))
        return real_save(obj, f, *args, **kwargs)

    monkeypatch.setattr(torch, "save", full_disk_save)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "checkpoint-2, is intact" in err and "--resume" in err, err
    assert "Traceback" not in err
    status = runs.read_status(run_dir)
    assert status["state"] == "failed" and "No space left on device" in status["error"]
    checkpoints = run_dir / runs.CHECKPOINTS_DIR
    assert sorted(p.name for p in checkpoints.iterdir()) == ["checkpoint-2"]  # the cut-short one is gone
    assert runs.checkpoint_progress(checkpoints / "checkpoint-2") == (2, 4)
    monkeypatch.setattr(torch, "save", real_save)  # space freed
    assert main(["train", "--resume", str(run_dir), "--no-progress"]) == 0
    assert runs.read_status(run_dir)["state"] == "finished"
    ours, theirs = load_file(str(run_dir / "final" / "model.safetensors")), load_file(
        str(straight / "final" / "model.safetensors"))
    assert ours.keys() == theirs.keys()
    worst = max(float((ours[name] - theirs[name]).abs().max()) for name in ours)
    assert worst <= 1e-5, worst
    assert [m["step"] for m in runs.read_metrics(run_dir)] == [1, 2, 3, 4]


# ----- the tally, small -----------------------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.timeout(3600)  # 40 trials: ~10 min on idle cores, 38 min with a training beside it
def test_recovery_tally_small(tmp_path: Path) -> None:
    """``benchmarks/recovery_tally.py --small``: 10 trials of each kind, 40 in all (half killed at a random moment,
    half at a random write), every one resumed to the reference's weights and results with nothing left behind; and the
    fault scenarios (same run / same sweep twice at once, a full disk during a checkpoint)."""
    report = tmp_path / "tally.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "recovery_tally.py"), "--small", "--trials", "10",
                           "--seed", "3", "--workdir", str(tmp_path / "work"), "--json", str(report),
                           "--skews", "0"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=3600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    tally = json.loads(report.read_text())
    rows = {row["kind"]: row for row in tally["tally"]}
    assert set(rows) == {"train", "sweep", "evaluate", "archive"}
    for row in rows.values():
        assert row["trials"] == row["survived"] == 10, row
        assert row["max_delta"].get("weights", 0.0) <= 1e-5 and row["max_delta"].get("results", 0.0) <= 1e-9
    assert sum(row["killed"] for row in rows.values()) >= 30  # most kills land before the process ends
    faults = tally["faults"]
    for name in ("same run twice at once", "same sweep twice at once", "full disk during a checkpoint"):
        records = faults[name] if isinstance(faults[name], list) else [faults[name]]
        assert records and all(r["ok"] for r in records), (name, records)
