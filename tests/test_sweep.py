"""Sweeps: grid logic, compatibility of an existing sweep, resume/skip, and real tiny sweeps (cut model)."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hybrid_core import jobs, sweep

TINY_TRAIN = {"model": "e5-small-cut", "data": "demo", "max_steps": 2, "batch_size": 8, "save_steps": 1,
              "logging_steps": 1, "warmup_ratio": 0.0}


def _config(sweep_name: str, **overrides) -> sweep.SweepConfig:
    values = {"name": sweep_name, "alphas": (0.0, 1.0), "seeds": (1,), "train": dict(TINY_TRAIN),
              "evaluations": (sweep.EvalSpec("demo"),)}
    values.update(overrides)
    return sweep.SweepConfig(**values)


# ----- the grid --------------------------------------------------------------------------------------------
def test_grid_is_sorted_deduplicated_and_alpha_major() -> None:
    config = _config("g", alphas=(1.0, 0.5, 0.5, 0.0), seeds=(3, 1))
    assert config.alphas == (0.0, 0.5, 1.0) and config.seeds == (1, 3)
    assert config.points() == [(0.0, 1), (0.0, 3), (0.5, 1), (0.5, 3), (1.0, 1), (1.0, 3)]
    assert sweep.point_id(0.5, 3) == "a0.50-s3"


def test_run_order_is_seed_major_and_coarse_to_fine() -> None:
    points = _config("g", alphas=(0, 0.2, 0.4, 0.5, 0.6, 0.8, 1), seeds=(1, 2, 3)).points()
    order = sweep.run_order(points)
    assert sorted(order) == sorted(points)
    assert [seed for _, seed in order] == [1] * 7 + [2] * 7 + [3] * 7
    assert [alpha for alpha, _ in order[:7]] == [0.0, 1.0, 0.5, 0.2, 0.8, 0.4, 0.6]
    assert sweep.run_order([(0.3, 5)]) == [(0.3, 5)] and sweep.run_order([]) == []


def test_default_grid_is_eleven_alphas() -> None:
    assert sweep.DEFAULT_ALPHAS == (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@pytest.mark.parametrize("overrides,message", [
    ({"alphas": (0.0, 1.5)}, "1.5"),
    ({"alphas": ()}, "at least one"),
    ({"seeds": (1, "x")}, "seeds must be an integer >= 0, got 'x'"),
    ({"seeds": (-1,)}, "seeds must be an integer >= 0, got -1"),
    ({"alphas": ("linear:0-1.5",)}, "end value 1.5 is outside"),
    ({"alphas": (0.5, "0.5abc")}, "0.5abc"),
    ({"seeds": tuple(range(600))}, "at most 500"),
    ({"evaluations": ({"data": "demo", "max_questions": -5},)}, "max_questions must be an integer >= 1, got -5"),
    ({"train": {**TINY_TRAIN, "alpha": 0.3}}, "set per point by the sweep"),
    ({"train": {**TINY_TRAIN, "batch_size": 0}}, "batch_size"),
    ({"name": "../escape"}, "invalid sweep name"),
])
def test_bad_settings_are_refused_before_any_work(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _config("bad", **overrides)


def test_eval_spec_parsing() -> None:
    spec = sweep.EvalSpec.parse("demo,candidates=sentence+context,max_questions=5,languages=en+de")
    assert spec.candidate_text == "sentence+context" and spec.max_questions == 5
    assert spec.languages == ("en", "de") and spec.name == "demo-sentence-context-q5"
    with pytest.raises(ValueError, match="unknown option 'cand'"):
        sweep.EvalSpec.parse("demo,cand=sentence")
    with pytest.raises(FileNotFoundError, match=r"evaluation data ./no/such/folder. does not exist"):
        sweep.EvalSpec.parse("/no/such/folder")
    some = sweep.EvalSpec.parse("demo,candidates=sentence+context,alphas=1+0+0.5,seeds=2")
    assert some.alphas == (0.0, 0.5, 1.0) and some.seeds == (2,)
    assert some.applies_to(0.5, 2) and not some.applies_to(0.5, 1) and not some.applies_to(0.2, 2)
    assert some.applies_to(math.nan, -1), "the untuned reference gets every evaluation"
    assert sweep.EvalSpec("demo").applies_to(0.3, 7)
    with pytest.raises(ValueError, match=r"evaluation alphas: cannot read alpha schedule 'zero'"):
        sweep.EvalSpec.parse("demo,alphas=zero+one")
    with pytest.raises(ValueError, match="evaluation alphas"):
        sweep.EvalSpec.parse("demo,alphas=0+1.5")


def test_existing_sweep_may_grow_but_not_change_training(tmp_path: Path) -> None:
    folder = sweep.prepare(_config("s"), root=tmp_path)
    sweep.prepare(_config("s", alphas=(0.5,), seeds=(2,)), root=tmp_path)
    grown = sweep.load_config(folder)
    assert grown.alphas == (0.0, 0.5, 1.0) and grown.seeds == (1, 2)
    with pytest.raises(ValueError, match=r"max_steps: 2 -> 5"):
        sweep.prepare(_config("s", train={**TINY_TRAIN, "max_steps": 5}), root=tmp_path)


def test_point_states_follow_the_files(tmp_path: Path) -> None:
    config = _config("p")
    folder = sweep.prepare(config, root=tmp_path)
    states = sweep.point_states(folder).set_index("point")["state"]
    assert states.to_dict() == {"untuned": "pending", "a0.00-s1": "pending", "a1.00-s1": "pending"}
    run = sweep.run_dir(folder, 0.0, 1)
    run.mkdir(parents=True)
    (run / "status.json").write_text(json.dumps({"state": "finished"}))
    assert sweep.point_states(folder).set_index("point")["state"]["a0.00-s1"] == "trained"
    (run / "status.json").write_text(json.dumps({"state": "failed"}))
    assert sweep.point_states(folder).set_index("point")["state"]["a0.00-s1"] == "failed"


def test_workers_and_backend_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="workers must be a positive integer"):
        sweep.run_sweep(_config("w"), root=tmp_path, workers=0)
    with pytest.raises(ValueError, match="unknown sweep backend 'slurm'"):
        sweep.run_sweep(_config("w"), root=tmp_path, backend="slurm")  # type: ignore[arg-type]


def test_schedules_join_the_grid_with_their_own_point_ids() -> None:
    config = _config("g", alphas=(1, "step:0-1@0.5", 0, "linear:0-1", "0.50", 0.5))
    assert [str(a) for a in config.alphas] == ["0", "0.5", "1", "linear:0-1", "step:0-1@0.5"]
    assert [sweep.point_id(a, s) for a, s in config.points()] == [
        "a0.00-s1", "a0.50-s1", "a1.00-s1", "linear-0-1-s1", "step-0-1-at0.5-s1"]
    assert config.to_dict()["alphas"] == [0.0, 0.5, 1.0, "linear:0-1", "step:0-1@0.5"]
    assert sweep.SweepConfig.from_dict(json.loads(json.dumps(config.to_dict()))).alphas == config.alphas
    assert config.base_train_config(alpha=config.alphas[3], seed=1).alpha == "linear:0-1"


def test_close_alphas_get_distinct_point_ids() -> None:
    """0.5 and 0.504 once both became a0.50 (and the sweep broke for good)."""
    config = _config("g", alphas=(0.5, 0.504))
    assert [sweep.point_id(a, s) for a, s in config.points()] == ["a0.50-s1", "a0.504-s1"]


def test_bad_settings_write_no_sweep_file(tmp_path: Path) -> None:
    """Validation comes before writing: a refused sweep leaves nothing that breaks the next, valid attempt."""
    for bad in ({"seeds": (-1,)}, {"evaluations": ({"data": "demo", "max_questions": -5},)}):
        with pytest.raises(ValueError):
            sweep.prepare(_config("v", **bad), root=tmp_path)
        assert not (tmp_path / "v" / "sweep.json").exists()
    assert (sweep.prepare(_config("v"), root=tmp_path) / "sweep.json").is_file()


def test_a_truncated_results_file_is_not_a_finished_point(tmp_path: Path, caplog) -> None:
    folder = sweep.prepare(_config("t", alphas=(0.0,)), root=tmp_path)
    path = sweep.result_path(folder, "untuned", sweep.EvalSpec("demo"))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PAR1 cut short")
    states = sweep.point_states(folder).set_index("point")["state"]
    assert states["untuned"] == "pending"
    assert not path.exists() and path.with_name(path.name + ".damaged").is_file()
    assert "is damaged" in caplog.text


def test_status_of_a_killed_point_is_not_running(tmp_path: Path) -> None:
    """A point whose training process is gone reads failed (resumable), not running."""
    folder = sweep.prepare(_config("k", alphas=(0.0,)), root=tmp_path)
    run = sweep.run_dir(folder, 0.0, 1)
    run.mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (run / "status.json").write_text(json.dumps({"state": "running", "pid": dead.pid}))
    assert sweep.point_states(folder).set_index("point")["state"]["a0.00-s1"] == "failed"


def test_report_of_a_file_that_is_not_a_sweep_names_it(tmp_path: Path, capsys) -> None:
    from hybrid_core.cli import main

    table = tmp_path / "results.parquet"
    table.write_bytes(b"x")
    assert main(["sweep", "report", str(table), "--out", str(tmp_path / "out")]) == 2
    assert "is not a sweep folder or archive" in capsys.readouterr().err


# ----- real tiny sweeps --------------------------------------------------------------------------------------
def test_tiny_sweep_runs_then_skips_everything_on_rerun(tmp_path: Path) -> None:
    seen: list[tuple[str, str]] = []
    results = sweep.run_sweep(_config("tiny"), root=tmp_path, on_point=lambda p, s: seen.append((p, s)))
    assert seen == [("a0.00-s1", "done"), ("a1.00-s1", "done")]
    folder = tmp_path / "tiny"
    assert set(results["run"]) == {"untuned", "a0.00-s1", "a1.00-s1"}
    assert math.isnan(results[results["run"] == "untuned"]["alpha"].iloc[0])
    assert set(results[results["run"] == "a1.00-s1"]["alpha"]) == {1.0}
    realized = json.loads((sweep.run_dir(folder, 1.0, 1) / "status.json").read_text())["realized_alpha"]
    assert realized == 1.0

    files = sorted((folder / "results").rglob("*.parquet")) + sorted(folder.rglob("status.json"))
    stamps = {p: p.stat().st_mtime_ns for p in files}
    started = time.perf_counter()
    again = sweep.run_sweep(_config("tiny"), root=tmp_path, on_point=lambda p, s: seen.append((p, s)))
    assert len(seen) == 2, "finished points must not run again"
    assert {p: p.stat().st_mtime_ns for p in files} == stamps
    assert time.perf_counter() - started < 30
    assert len(again) == len(results)
    index = json.loads((folder / "index.json").read_text())
    assert {p["point"]: p["state"] for p in index["points"]} == {"untuned": "done", "a0.00-s1": "done",
                                                                 "a1.00-s1": "done"}
    record = sweep.sweep_process(folder)  # the foreground run recorded itself, and its end
    assert record["pid"] == os.getpid() and not record["detached"] and record["ended"] and not record["alive"]


def test_an_evaluation_for_some_alphas_runs_only_there_and_can_be_extended_later(tmp_path: Path) -> None:
    context = "demo,candidates=sentence+context,max_questions=4"
    first = _config("some", evaluations=(sweep.EvalSpec("demo"), sweep.EvalSpec.parse(context + ",alphas=1")))
    sweep.run_sweep(first, root=tmp_path)
    folder = tmp_path / "some"
    found = {p.parent.name + "/" + p.stem for p in (folder / "results").rglob("*.parquet")}
    assert found == {"untuned/demo-sentence", "untuned/demo-sentence-context-q4", "a0.00-s1/demo-sentence",
                     "a1.00-s1/demo-sentence", "a1.00-s1/demo-sentence-context-q4"}
    assert set(sweep.point_states(folder)["state"]) == {"done"}
    # the best α turned out to be 0: extend the context evaluation to it; only that evaluation runs, no training
    trained = (sweep.run_dir(folder, 0.0, 1) / "status.json").stat().st_mtime_ns
    extended = _config("some", evaluations=(sweep.EvalSpec.parse(context + ",alphas=0+1"),))
    sweep.prepare(extended, root=tmp_path)
    states = sweep.point_states(folder).set_index("point")
    assert states.loc["a0.00-s1", "state"] == "trained"
    assert states.loc["a0.00-s1", "missing_evaluations"] == ["demo-sentence-context-q4"]
    sweep.run_sweep(extended, root=tmp_path)
    assert (folder / "results" / "a0.00-s1" / "demo-sentence-context-q4.parquet").is_file()
    assert (sweep.run_dir(folder, 0.0, 1) / "status.json").stat().st_mtime_ns == trained
    assert set(sweep.point_states(folder)["state"]) == {"done"}


def test_report_is_identical_when_regenerated(tmp_path: Path) -> None:
    from hybrid_core.report import write_sweep_report

    sweep.run_sweep(_config("rep", alphas=(0.0, 0.5, 1.0)), root=tmp_path)
    first = write_sweep_report(tmp_path / "rep", tmp_path / "out", png=False, draws=200)
    out = tmp_path / "out"
    contents = {p.relative_to(out).as_posix(): p.read_bytes() for p in first}
    assert {"results.csv", "report.json", "demo-sentence/curves.csv", "demo-sentence/figures.html",
            "demo-sentence/paired-tests.csv", "demo-sentence/summary.md",
            "demo-sentence/curves-by-language.csv"} <= set(contents)
    summary = contents["demo-sentence/summary.md"].decode()
    assert "| AP@20 multilingual |" in summary and "α = 0.5" in summary
    assert "Paired differences, α minus α = 0.5" in summary and "| RD multilingual |" in summary
    again = write_sweep_report(tmp_path / "rep", out, png=False, draws=200)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in again} == contents
    best = json.loads(contents["demo-sentence/best-alpha.json"])
    assert best["AP@20 multilingual"]["alpha"] in (0.0, 0.5, 1.0)


@pytest.mark.slow
def test_killed_sweep_completes_without_redoing_finished_points(tmp_path: Path) -> None:
    env = {**os.environ, "HBL_WORKSPACE": str(tmp_path)}
    command = [sys.executable, "-m", "hybrid_core", "sweep", "run", "killed", "--data", "demo", "--eval", "demo",
               "--model", "e5-small-cut", "--alphas", "0", "1", "--max-steps", "12", "--batch-size", "8",
               "--save-steps", "2", "--warmup-ratio", "0"]
    folder = tmp_path / "sweeps" / "killed"
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.time() + 600
    status_path = folder / "runs" / "a1.00-s1" / "status.json"

    def second_point_step() -> int:
        try:
            return int(json.loads(status_path.read_text()).get("step") or 0)
        except (FileNotFoundError, json.JSONDecodeError):
            return 0

    while time.time() < deadline and second_point_step() < 5:  # checkpoint-2 and -4 are complete by step 5
        assert process.poll() is None, "the sweep ended before it could be killed"
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first_result = folder / "results" / "a0.00-s1" / "demo-sentence.parquet"
    assert first_result.exists()
    stamp = first_result.stat().st_mtime_ns
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert first_result.stat().st_mtime_ns == stamp
    log = (folder / "runs" / "a1.00-s1" / "train.log").read_text()
    assert "resuming from" in log
    status = json.loads((folder / "runs" / "a1.00-s1" / "status.json").read_text())
    assert status["state"] == "finished" and status["step"] == 12


@pytest.mark.slow
def test_two_workers_run_points_in_parallel_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HBL_WORKSPACE", str(tmp_path))
    results = sweep.run_sweep(_config("workers"), root=tmp_path, workers=2)
    assert set(results["run"]) == {"untuned", "a0.00-s1", "a1.00-s1"}
    assert (tmp_path / "workers" / "runs" / "a0.00-s1.worker.log").exists()


@pytest.mark.slow
def test_ray_backend_in_local_mode(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray", reason="the Ray backend is an optional extra (pip install ray)")
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"HBL_WORKSPACE": str(tmp_path)}})
    try:
        results = sweep.run_sweep(_config("ray", alphas=(0.5,)), root=tmp_path, backend="ray")
    finally:
        ray.shutdown()
    assert set(results["run"]) == {"untuned", "a0.50-s1"}


# ----- in the background ----------------------------------------------------------------------------------------
def _wait_until(condition, *, timeout: float, what: str):
    deadline = time.time() + timeout
    while not (value := condition()):
        assert time.time() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(0.2)
    return value


def _step(run: Path) -> int:
    try:
        return int(json.loads((run / "status.json").read_text()).get("step") or 0)
    except (FileNotFoundError, json.JSONDecodeError):
        return 0


def test_group_is_terminated_then_killed_when_it_ignores_sigterm(tmp_path: Path) -> None:
    from hybrid_core import processes

    # the shell and its sleeping child both ignore SIGTERM (an ignored signal is inherited): only SIGKILL ends them
    leader = processes.start_detached(["sh", "-c", "trap '' TERM; sleep 60 & sleep 60; wait"],
                                      log_path=tmp_path / "group.log")
    ticks = processes.start_ticks(leader.pid)
    _wait_until(lambda: len(processes.group_members(leader.pid, started_since=ticks)) == 3, timeout=10,
                what="the shell and its two sleeps")
    started = time.monotonic()
    assert processes.terminate_group(leader.pid, timeout=1.0, started_since=ticks)
    assert 1.0 <= time.monotonic() - started < 15
    assert processes.group_members(leader.pid) == [] and not processes.process_alive(leader.pid)
    assert not processes.terminate_group(leader.pid, timeout=1.0, started_since=ticks)


def test_launch_refuses_bad_settings_before_any_process_starts(tmp_path: Path) -> None:
    from hybrid_core.cli import main

    code = main(["sweep", "launch", "bad", "--root", str(tmp_path), "--alphas", "0", "1.5", "--data", "demo"])
    assert code == 2 and not (tmp_path / "bad").exists()
    with pytest.raises(ValueError, match="workers must be a positive integer"):
        jobs.launch_sweep(_config("w"), root=tmp_path, workers=0)
    folder = sweep.prepare(_config("taken"), root=tmp_path)
    with pytest.raises(ValueError, match=r"max_steps: 2 -> 5"):
        jobs.launch_sweep(_config("taken", train={**TINY_TRAIN, "max_steps": 5}), root=tmp_path)
    assert sweep.sweep_process(folder) is None and not (folder / sweep.LOG_FILE).exists()
    assert jobs.job_for_target(folder) is None


def test_a_sweep_run_by_another_foreground_process_is_refused_not_killed(tmp_path: Path) -> None:
    from hybrid_core.processes import start_ticks

    folder = sweep.prepare(_config("fg"), root=tmp_path)
    other = subprocess.Popen(["sleep", "60"])
    try:
        (folder / sweep.PROCESS_FILE).write_text(json.dumps({
            "pid": other.pid, "start_ticks": start_ticks(other.pid), "started": "now", "detached": False,
            "command": ["python", "-m", "hybrid_core", "sweep", "run", "fg"]}))
        assert sweep.sweep_process(folder)["alive"]
        with pytest.raises(ValueError, match="sweep 'fg' is already running in the foreground of another process"):
            jobs.launch_sweep(_config("fg"), root=tmp_path)
        from hybrid_core.cli import main

        assert main(["sweep", "cancel", "fg", "--root", str(tmp_path)]) == 2
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()
    assert not sweep.sweep_process(folder)["alive"]


def test_launched_sweep_runs_detached_and_finishes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from hybrid_core.cli import main

    folder, job = jobs.launch_sweep(_config("bg"), root=tmp_path)
    try:
        record = _wait_until(lambda: sweep.sweep_process(folder), timeout=60, what="the job to record itself")
        assert record["alive"] and record["pid"] == job.pid != os.getpid()
        assert record["log"] == str(folder / "sweep.log")
        assert os.getpgid(record["pid"]) == record["pid"]  # its own session and process group
        with pytest.raises(ValueError, match="sweep 'bg' is already running in the background"):
            jobs.launch_sweep(_config("bg"), root=tmp_path)
        with pytest.raises(ValueError, match="sweep 'bg' is already running"):
            sweep.run_sweep(_config("bg"), root=tmp_path)
        assert main(["sweep", "status", "bg", "--root", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert f"process: running in the background (pid {record['pid']}" in out and f"job: {job.id}" in out
        _wait_until(lambda: not jobs.get(job.id).active, timeout=600, what="the sweep to finish")
    finally:
        if jobs.get(job.id).active:
            jobs.cancel(job.id, timeout=10)
    states = sweep.point_states(folder).set_index("point")["state"].to_dict()
    assert states == {"untuned": "done", "a0.00-s1": "done", "a1.00-s1": "done"}, (folder / "sweep.log").read_text()
    assert jobs.get(job.id).state == "finished" and jobs.get(job.id).exit_code == 0
    assert f"job {job.id}" in (folder / "sweep.log").read_text()
    assert main(["sweep", "status", "bg", "--root", str(tmp_path)]) == 0
    assert "process: ended " in capsys.readouterr().out


def test_cancelled_sweep_resumes_without_redoing_finished_points(tmp_path: Path) -> None:
    train = {**TINY_TRAIN, "max_steps": 12, "save_steps": 2}
    folder, job = jobs.launch_sweep(_config("cancel", train=train), root=tmp_path)
    second = sweep.run_dir(folder, 1.0, 1)
    try:
        _wait_until(lambda: _step(second) >= 3 or not jobs.get(job.id).active, timeout=600,
                    what="the second point to train")
        pid = job.pid
        assert jobs.get(job.id).active, "the sweep ended before it could be cancelled"
        assert jobs.cancel(job.id, timeout=60).state == "cancelled"
    finally:
        if jobs.get(job.id).active:
            jobs.cancel(job.id, timeout=10)
    from hybrid_core.processes import group_members

    record = sweep.sweep_process(folder)
    assert not record["alive"] and record["cancelled"] and group_members(pid) == []
    assert json.loads((second / "status.json").read_text())["state"] == "cancelled"
    states = sweep.point_states(folder).set_index("point")["state"].to_dict()
    assert states["untuned"] == states["a0.00-s1"] == "done" and states["a1.00-s1"] == "cancelled"
    finished = [*sorted((folder / "results").rglob("*.parquet")), sweep.run_dir(folder, 0.0, 1) / "status.json"]
    stamps = {p: p.stat().st_mtime_ns for p in finished}

    resumed = jobs.resume(job.id)
    try:
        _wait_until(lambda: not jobs.get(resumed.id).active, timeout=600, what="the resumed sweep")
    finally:
        if jobs.get(resumed.id).active:
            jobs.cancel(resumed.id, timeout=10)
    assert set(sweep.point_states(folder)["state"]) == {"done"}, (folder / "sweep.log").read_text()
    assert {p: p.stat().st_mtime_ns for p in finished} == stamps, "finished points must not run again"
    assert "resuming from" in (second / "train.log").read_text()
    assert json.loads((second / "status.json").read_text())["step"] == 12


def test_a_tiny_sweep_with_a_schedule_trains_it_and_labels_its_rows(tmp_path: Path) -> None:
    """A schedule point trains with α varying over its steps and is recorded by its mean α and its spelling."""
    config = _config("sched", alphas=(0.0, "step:0-1@0.5"), train={**TINY_TRAIN, "max_steps": 4})
    results = sweep.run_sweep(config, root=tmp_path)
    rows = results[results["run"] == "step-0-1-at0.5-s1"]
    assert set(rows["alpha"]) == {0.5} and set(rows["schedule"]) == {"step:0-1@0.5"}
    assert set(results[results["run"] == "a0.00-s1"]["schedule"]) == {"0"}
    status = json.loads((tmp_path / "sched" / "runs" / "step-0-1-at0.5-s1" / "status.json").read_text())
    assert status["realized_alpha"] == 0.5 and status["realized_alpha_by_quarter"] == [0.0, 0.0, 1.0, 1.0]
    sampler = json.loads((tmp_path / "sched" / "runs" / "step-0-1-at0.5-s1" / "sampler.json").read_text())
    assert sampler["schedule"] == "step:0-1@0.5" and sampler["total_blocks"] == 4


def test_a_grid_grows_by_numbers_and_spellings_alike() -> None:
    """What an archive's sweep.json holds (numbers and schedule spellings) merges with a config's schedules."""
    grown = sweep.grown(_config("g", alphas=(0.0, 1.0)), [0.5, "linear:0-1", 0.0], [2], [])
    assert [str(a) for a in grown.alphas] == ["0", "0.5", "1", "linear:0-1"] and grown.seeds == (1, 2)


def test_isolated_points_run_in_processes_of_their_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With isolate (the default of ``sweep run``), one worker trains and evaluates each point, and the untuned model,
    in a child process: nothing of a point stays in the sweep's process, whose memory is then that of one point."""
    from hybrid_core.sweep import execution

    def in_this_process(*args, **kwargs):
        raise AssertionError("a point ran in the sweep's own process")

    monkeypatch.setattr(execution, "run_point", in_this_process)
    monkeypatch.setattr(execution, "run_untuned", in_this_process)
    monkeypatch.setenv("HBL_WORKSPACE", str(tmp_path))
    seen: list[tuple[str, str]] = []
    results = sweep.run_sweep(_config("iso"), root=tmp_path, isolate=True, on_point=lambda p, s: seen.append((p, s)))
    assert seen == [("a0.00-s1", "done"), ("a1.00-s1", "done")]
    assert set(results["run"]) == {"untuned", "a0.00-s1", "a1.00-s1"}
    assert (results["qid"] == "").all(), "run_sweep returns the cell means, not every per-query row"
    assert set(sweep.point_states(tmp_path / "iso")["state"]) == {"done"}
