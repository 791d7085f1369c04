"""Background jobs: records, the durable queue and its concurrency limit, cancel, resume, damaged records."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from hybrid_core import jobs


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HBL_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("HBL_MAX_JOBS", "1")
    return tmp_path


def _record(workspace: Path, job_id: str, **fields) -> Path:
    data = {"id": job_id, "kind": "evaluate", "label": "x", "argv": ["data", "demo"], "target": str(workspace / job_id),
            "created": "2026-12-06T00:00:00+0000", **fields}
    path = workspace / "jobs" / f"{job_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_running_job_whose_process_is_gone_is_failed_or_cancelled(workspace: Path) -> None:
    _record(workspace, "killed", state="running", pid=_dead_pid())
    _record(workspace, "stopped", state="running", pid=_dead_pid(), cancel_requested="now")
    killed, stopped = jobs.get("killed"), jobs.get("stopped")
    assert killed.state == "failed" and "ended without a final state" in killed.error
    assert "jobs resume killed" in killed.error
    assert stopped.state == "cancelled"
    assert json.loads((workspace / "jobs" / "killed.json").read_text())["state"] == "failed"  # recorded


def test_damaged_records_are_named_and_skipped(workspace: Path, caplog: pytest.LogCaptureFixture) -> None:
    _record(workspace, "fine", state="finished")
    (workspace / "jobs" / "cut.json").write_text('{"id": "cut", "kind"')
    _record(workspace, "odd", state="exploded")
    _record(workspace, "badpid", state="running", pid="abc")
    assert [j.id for j in jobs.list_jobs()] == ["fine"]
    for name in ("cut.json", "odd.json", "badpid.json"):
        assert name in caplog.text
    with pytest.raises(ValueError, match=r"badpid\.json: pid must be an integer, got 'abc'"):
        jobs.get("badpid")
    with pytest.raises(FileNotFoundError, match="no job 'nope'"):
        jobs.get("nope")


def test_bad_submissions_are_refused(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="job kind must be one of train, sweep, evaluate"):
        jobs.submit("bake", ["data", "demo"], target=workspace / "t", label="t")  # type: ignore[arg-type]
    monkeypatch.setenv("HBL_MAX_JOBS", "zero")
    with pytest.raises(ValueError, match="HBL_MAX_JOBS must be a positive integer, got 'zero'"):
        jobs.max_concurrent()


def test_queued_jobs_wait_for_the_limit_start_in_order_and_cancel_when_queued(workspace: Path) -> None:
    """One slot: the first job runs, the others queue in files; a queued job can be cancelled; the next starts when
    the running one ends, without anyone but the ended job looking (the queue survives its submitter)."""
    first = jobs.submit("evaluate", ["data", "demo", "--split", "eval"], target=workspace / "a", label="a")
    second = jobs.submit("evaluate", ["data", "demo", "--split", "eval"], target=workspace / "b", label="b")
    third = jobs.submit("evaluate", ["data", "demo", "--split", "eval"], target=workspace / "c", label="c")
    assert (first.state, second.state, third.state) == ("running", "queued", "queued")
    with pytest.raises(ValueError, match="already works on"):
        jobs.submit("evaluate", ["data", "demo"], target=workspace / "b", label="again")
    assert jobs.cancel(third.id).state == "cancelled"
    deadline = time.time() + 300
    while jobs.get(second.id).state != "finished" and time.time() < deadline:
        time.sleep(0.5)
    done_first, done_second = jobs.get(first.id), jobs.get(second.id)
    assert done_first.state == done_second.state == "finished", Path(done_second.log).read_text()[-2000:]
    assert done_first.ended <= done_second.started, "the second job waited for the first"
    assert "questions" in Path(done_second.log).read_text()
    assert jobs.get(third.id).state == "cancelled" and jobs.get(third.id).pid is None
    again = jobs.resume(third.id)
    assert again.id != third.id and again.argv == third.argv


def test_a_failing_command_makes_a_failed_job_with_its_exit_code(workspace: Path) -> None:
    job = jobs.submit("evaluate", ["data", str(workspace / "no-such-data")], target=workspace / "x", label="x")
    deadline = time.time() + 120
    while jobs.get(job.id).active and time.time() < deadline:
        time.sleep(0.5)
    ended = jobs.get(job.id)
    assert ended.state == "failed" and ended.exit_code == 2 and "exit code 2" in ended.error
    assert "does not exist" in Path(ended.log).read_text()


def test_jobs_command_lists_and_cancels(workspace: Path, capsys: pytest.CaptureFixture) -> None:
    from hybrid_core.cli import main

    _record(workspace, "20261206-000000-evaluate-x", state="queued")
    assert main(["jobs", "list"]) == 0
    assert "20261206-000000-evaluate-x" in capsys.readouterr().out
    assert main(["jobs", "cancel", "20261206-000000-evaluate-x"]) == 0
    assert "cancelled" in capsys.readouterr().out
    assert main(["jobs", "status", "missing"]) == 2
