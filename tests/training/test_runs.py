"""Run folders: status, stale runs, listing, background launch, cancel and resume, the train CLI."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from hybrid_core import jobs, runs
from hybrid_core.cli import main
from hybrid_core.training import TrainConfig

TINY = {"data": "demo", "model": "e5-small-cut", "batch_size": 4, "learning_rate": 1e-4, "logging_steps": 1,
        "device": "cpu"}


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_create_run_writes_config_and_queued_status(tmp_path):
    run_dir = runs.create_run(TrainConfig(**TINY, alpha=0.3, max_steps=5, name="r"), root=tmp_path)
    assert run_dir == tmp_path / "r"
    assert json.loads((run_dir / runs.CONFIG_FILE).read_text())["config"]["alpha"] == 0.3
    status = runs.read_status("r", tmp_path)
    assert status["state"] == "queued" and status["total"] == 5 and status["alive"] is False


def test_default_names_are_made_and_checked(tmp_path):
    config = TrainConfig(**TINY, alpha=0.3, seed=4)
    run_dir = runs.create_run(config, root=tmp_path)
    assert config.name == run_dir.name and run_dir.name.endswith("-a0.3-s4")
    with pytest.raises(ValueError, match="invalid run name"):
        TrainConfig(**TINY, name="a/b")


def test_status_updates_are_whole_files_with_valid_states(tmp_path):
    run_dir = runs.create_run(TrainConfig(**TINY, name="s"), root=tmp_path)
    runs.update_status(run_dir, state="running", step=3, loss=1.5)
    assert json.loads((run_dir / runs.STATUS_FILE).read_text())["step"] == 3
    with pytest.raises(ValueError, match="invalid run state 'done'"):
        runs.update_status(run_dir, state="done")
    assert [p.name for p in run_dir.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_run_whose_process_died_is_reported_failed_and_resumable(tmp_path):
    run_dir = runs.create_run(TrainConfig(**TINY, name="dead"), root=tmp_path)
    runs.update_status(run_dir, state="running", pid=dead_pid(), step=7)
    status = runs.read_status(run_dir)
    assert status["state"] == "failed" and status["stale"] is True
    assert "--resume" in status["error"]
    assert json.loads((run_dir / runs.STATUS_FILE).read_text())["state"] == "running"  # reading changes nothing


def test_cancel_of_a_run_that_is_not_running_says_so(tmp_path, capsys):
    runs.create_run(TrainConfig(**TINY, name="q"), root=tmp_path)
    assert main(["train", "--cancel", "q", "--runs-root", str(tmp_path)]) == 0
    assert "is not running (state queued)" in capsys.readouterr().out


def test_list_and_resolve(tmp_path):
    runs.create_run(TrainConfig(**TINY, alpha=0.1, name="one"), root=tmp_path)
    runs.create_run(TrainConfig(**TINY, alpha=0.9, name="two"), root=tmp_path)
    listed = {r["name"]: r for r in runs.list_runs(tmp_path)}
    assert set(listed) == {"one", "two"}
    assert listed["two"]["alpha"] == 0.9 and listed["one"]["state"] == "queued"
    with pytest.raises(FileNotFoundError, match="one, two"):
        runs.resolve_run("three", tmp_path)


def test_metrics_keep_the_last_entry_per_step(tmp_path):
    run_dir = runs.create_run(TrainConfig(**TINY, name="m"), root=tmp_path)
    for step, loss in [(1, 3.0), (2, 2.0), (2, 2.5), (3, 1.0)]:
        runs.append_metrics(run_dir, {"step": step, "loss": loss})
    with open(run_dir / runs.METRICS_FILE, "a") as handle:
        handle.write('{"step": 4, "lo')  # a line cut by a kill
    assert [(m["step"], m["loss"]) for m in runs.read_metrics(run_dir)] == [(1, 3.0), (2, 2.5), (3, 1.0)]


# ----- CLI ----------------------------------------------------------------------------------------------------------
def test_cli_config_file_and_flag_overrides(tmp_path):
    from hybrid_core.cli import build_parser
    from hybrid_core.commands.train import build_config

    path = tmp_path / "c.json"
    path.write_text(json.dumps({"data": "demo", "alpha": 0.2, "batch_size": 16, "languages": ["de", "en"]}))
    args = build_parser().parse_args(["train", "--config", str(path), "--alpha", "0.7", "--lr", "3e-5",
                                      "--no-freeze-word-embeddings", "--languages", "de,en", "zh",
                                      "--max-steps", "none"])
    config = build_config(args)
    assert config.alpha == 0.7 and config.batch_size == 16 and config.learning_rate == 3e-5
    assert config.freeze_word_embeddings is False and config.languages == ("de", "en", "zh")
    assert config.max_steps is None


def test_cli_refuses_bad_values_with_a_message(tmp_path, capsys):
    assert main(["train", "--data", "demo", "--alpha", "1.5", "--runs-root", str(tmp_path)]) == 2
    assert "alpha must be in [0, 1]" in capsys.readouterr().err
    runs.create_run(TrainConfig(**TINY, name="x"), root=tmp_path)
    assert main(["train", "--resume", "x", "--alpha", "0.2", "--runs-root", str(tmp_path)]) == 2
    assert "--resume continues a run" in capsys.readouterr().err


def test_cli_trains_lists_and_reports(tmp_path, capsys):
    code = main(["train", "--data", "demo", "--model", "e5-small-cut", "--max-steps", "2", "--batch-size", "4",
                 "--device", "cpu", "--runs-root", str(tmp_path), "--name", "cli", "--no-progress", "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    status = json.loads(out[out.index("{"):])
    assert status["state"] == "finished" and status["step"] == 2
    assert main(["train", "--list", "--runs-root", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert "cli" in listing and "finished" in listing and "2/2" in listing
    assert main(["train", "--status", "cli", "--runs-root", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["state"] == "finished"


# ----- background runs -------------------------------------------------------------------------------------------
def wait_for(predicate, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_launch_cancel_and_resume_a_background_run(tmp_path):
    config = TrainConfig(**TINY, alpha=0.5, max_steps=12, save_steps=1000, name="bg")
    run_dir, job = jobs.launch_run(config, root=tmp_path)
    assert job.state == "running" and job.pid and runs.read_status(run_dir)["job"] == job.id
    wait_for(lambda: (runs.read_status(run_dir).get("step") or 0) >= 1, 240, "the first step")
    assert jobs.cancel(job.id, timeout=120).state == "cancelled"
    status = wait_for(lambda: (s := runs.read_status(run_dir))["state"] in {"cancelled", "finished", "failed"}
                      and not s["alive"] and s, 120, "the run to stop")
    assert status["state"] == "cancelled", status
    assert not status.get("stale")
    checkpoint = runs.last_checkpoint(run_dir)
    assert checkpoint is not None, "cancel must save a checkpoint"
    stopped_at = int(checkpoint.name.split("-")[1])
    assert 1 <= stopped_at < 12
    # resume in the background through the CLI's own command line
    relaunched, _ = jobs.launch_run(config, root=tmp_path)
    status = wait_for(lambda: (s := runs.read_status(relaunched))["state"] in {"finished", "failed"}
                      and not s["alive"] and s, 300, "the resumed run to finish")
    assert status["state"] == "finished", (status, (run_dir / runs.PROCESS_LOG).read_text()[-2000:])
    assert status["step"] == 12
    assert "resuming from" in (run_dir / runs.LOG_FILE).read_text()
    steps = [m["step"] for m in runs.read_metrics(run_dir)]
    assert steps == list(range(1, 13))


def test_output_dir_outside_the_workspace_needs_an_opt_in(tmp_path, capsys):
    outside = tmp_path / "elsewhere" / "run"
    config = TrainConfig(**TINY, max_steps=1, output_dir=str(outside))
    with pytest.raises(ValueError, match=r"outside the workspace .*--allow-outside-workspace"):
        runs.create_run(config)
    assert not outside.exists()
    assert main(["train", "--data", "demo", "--output-dir", str(outside), "--max-steps", "1"]) == 2
    assert "outside the workspace" in capsys.readouterr().err and not outside.exists()
    assert runs.create_run(config, allow_outside_workspace=True) == outside.resolve()


def test_a_run_that_cannot_start_leaves_no_folder(tmp_path, capsys):
    """Bad data (no language in common), an unknown model or an impossible batch fail before the folder exists."""
    from hybrid_core.training import train

    for bad in ({"languages": ("pt",)}, {"model": str(tmp_path / "no-model")}, {"batch_size": 100_000}):
        config = TrainConfig(**{**TINY, **bad}, max_steps=1, name="never")
        with pytest.raises((ValueError, FileNotFoundError)):
            train(config, root=tmp_path)
        assert not (tmp_path / "never").exists(), bad
    code = main(["train", "--data", "demo", "--batch-size", "100000", "--runs-root", str(tmp_path), "--name", "n2"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "batch" in err and not (tmp_path / "n2").exists()


def test_resume_of_a_copied_run_folder_continues_the_copy(tmp_path):
    """`train --resume COPY` resumes COPY in place, not the original its config.json names."""
    import shutil

    from hybrid_core.cli import build_parser
    from hybrid_core.commands.train import build_config

    original = runs.create_run(TrainConfig(**TINY, max_steps=2, name="orig"), root=tmp_path / "a")
    copy = tmp_path / "b" / "copied"
    shutil.copytree(original, copy)
    config = build_config(build_parser().parse_args(["train", "--resume", str(copy)]))
    assert config.output_dir == str(copy.resolve()) and config.name == "copied"
    assert runs.create_run(config, allow_outside_workspace=True) == copy.resolve()


def test_a_run_recorded_with_a_shared_data_path_resumes_under_the_data_name(tmp_path, shared_data):
    """Runs created before data was recorded by name (an absolute path) resume when asked with the name."""
    by_path = TrainConfig(**{**TINY, "data": str(shared_data / "mlqa-r")}, name="moved")
    runs.create_run(by_path, root=tmp_path)
    by_name = TrainConfig(**{**TINY, "data": "mlqa-r"}, name="moved")
    assert runs.create_run(by_name, root=tmp_path) == tmp_path / "moved"
    with pytest.raises(ValueError, match="another configuration"):
        runs.create_run(TrainConfig(**{**TINY, "data": "xquad-r"}, name="moved"), root=tmp_path)
