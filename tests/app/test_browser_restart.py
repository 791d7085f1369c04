"""The durable job queue through a dashboard restart, in headless Chromium (issue 19: "a launch beyond the job limit
queues and survives a dashboard restart").

With ``HBL_MAX_JOBS=1``, two tiny sweeps of the cut model are launched from the Launch page: the second is shown
queued. The dashboard's server process is then stopped and a new one started on the same workspace: the queued job
is still listed, and it runs to ``finished`` after the first one.
"""

from __future__ import annotations

import re
import time
from datetime import datetime

import browser
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]

MODEL = "e5-small-cut (2 layers, plumbing tests only)"


def launch(page, name: str, steps: int) -> str:
    """Fill the Launch form (cut model, demo data, no evaluation) and submit it; returns the success message."""
    browser.select_option(page, "Model", MODEL)
    browser.select_option(page, "Evaluation data", "none")
    page.get_by_role("spinbutton", name="Steps", exact=True).fill(str(steps))
    page.get_by_role("spinbutton", name="Batch size", exact=True).fill("4")
    page.get_by_role("textbox", name="Sweep name (optional)", exact=True).fill(name)
    page.get_by_role("button", name="Launch", exact=True).click()
    message = page.get_by_text(re.compile(rf"Sweep {name}: 1 point\(s\)"))
    message.wait_for(timeout=60_000)
    return message.inner_text()


def wait_for_text(page, pattern: str, *, timeout: float, fail: str | None = None) -> None:
    """Wait (no reload: the page's live panels re-read the job files every 2 s) until ``pattern`` is shown."""
    deadline = time.time() + timeout
    wanted = page.get_by_text(re.compile(pattern))
    while time.time() < deadline:
        if wanted.count():
            return
        if fail is not None:
            assert not page.get_by_text(re.compile(fail)).count(), browser.page_errors(page)
        time.sleep(1)
    shown = page.inner_text("body")[-1500:]
    raise AssertionError(f"{pattern!r} not shown within {timeout:.0f} s; errors: {browser.page_errors(page)}; the "
                         f"page ends with: {shown!r}")


def stamp(text: str | None) -> datetime:
    assert text, "a job without its start or end time"
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z")


def test_a_launch_beyond_the_job_limit_queues_and_survives_a_dashboard_restart(tmp_path, monkeypatch):
    reason = browser.unavailable()
    if reason:
        pytest.skip(reason)
    workspace = tmp_path / "workspace"
    # the jobs run this checkout's code (the venv may point at another checkout), one at a time
    env = {"HBL_MAX_JOBS": "1", "PYTHONPATH": str(browser.ROOT)}
    monkeypatch.setenv("HBL_WORKSPACE", str(workspace))
    from hybrid_core import jobs

    with browser.streamlit_server(workspace, log=tmp_path / "first.log", env=env) as url, \
            browser.chromium_page() as page:
        browser.open_page(page, f"{url}/launch", "Launch runs")
        first = launch(page, "first", steps=60)
        assert "(running)" in first, first
        second = launch(page, "second", steps=2)
        assert "(queued)" in second, second  # beyond HBL_MAX_JOBS=1 while the first one runs
        wait_for_text(page, r"sweep second · queued", timeout=30)
        assert page.get_by_text("queued: it starts when a running job ends (at most 1 at a time").count()
        assert not browser.page_errors(page)
    # the first server process is gone; the jobs are files and detached processes, not the server's
    states = {job.label: job.state for job in jobs.list_jobs()}
    assert states["second"] in ("queued", "running"), states

    with browser.streamlit_server(workspace, log=tmp_path / "second.log", env=env) as url, \
            browser.chromium_page() as page:
        browser.open_page(page, f"{url}/launch", "Launch runs")
        wait_for_text(page, r"sweep second · (queued|running|finished)", timeout=60)  # still listed
        wait_for_text(page, r"sweep second · finished", timeout=900, fail=r"sweep (first|second) · failed")
        assert not browser.page_errors(page)

    found = {job.label: job for job in jobs.list_jobs()}
    assert {label: job.state for label, job in found.items()} == {"first": "finished", "second": "finished"}
    assert stamp(found["second"].started) >= stamp(found["first"].ended)  # after the first, never beside it
    from hybrid_core import sweep

    assert set(sweep.point_states(workspace / "sweeps" / "second")["state"]) == {"done"}


def test_a_three_alpha_grid_continues_through_a_dashboard_restart_and_its_progress_shows(tmp_path, monkeypatch):
    """Issue 16: launch a 3-α grid, restart the Streamlit server, the grid continues and its progress shows."""
    reason = browser.unavailable()
    if reason:
        pytest.skip(reason)
    workspace = tmp_path / "workspace"
    env = {"PYTHONPATH": str(browser.ROOT)}
    monkeypatch.setenv("HBL_WORKSPACE", str(workspace))
    from hybrid_core import jobs, sweep

    with browser.streamlit_server(workspace, log=tmp_path / "first.log", env=env) as url, \
            browser.chromium_page() as page:
        browser.open_page(page, f"{url}/launch", "Launch runs")
        page.get_by_role("textbox", name="α (values or schedules)", exact=True).fill("0 0.5 1")
        browser.select_option(page, "Model", MODEL)
        browser.select_option(page, "Evaluation data", "none")
        page.get_by_role("spinbutton", name="Steps", exact=True).fill("150")  # long enough to restart mid-grid
        page.get_by_role("spinbutton", name="Batch size", exact=True).fill("4")
        page.get_by_role("textbox", name="Sweep name (optional)", exact=True).fill("grid")
        page.get_by_role("button", name="Launch", exact=True).click()
        page.get_by_text(re.compile(r"Sweep grid: 3 point\(s\)")).wait_for(timeout=60_000)
        wait_for_text(page, r"[0-3]/4 points done", timeout=60)  # the untuned reference counts as a point
        assert not browser.page_errors(page)
    # the server is gone mid-grid: the sweep is a detached job, not the server's
    assert {job.label: job.state for job in jobs.list_jobs()}["grid"] in ("queued", "running")
    done_before = int((sweep.point_states(workspace / "sweeps" / "grid")["state"] == "done").sum())
    assert done_before < 3

    with browser.streamlit_server(workspace, log=tmp_path / "second.log", env=env) as url, \
            browser.chromium_page() as page:
        browser.open_page(page, f"{url}/launch", "Launch runs")
        wait_for_text(page, r"[0-4]/4 points done", timeout=60)  # its progress shows after the restart
        wait_for_text(page, r"4/4 points done", timeout=900, fail=r"sweep grid · failed")
        # the last point done, the sweep process still writes its index and status before it ends (seconds under load)
        wait_for_text(page, r"sweep grid · finished", timeout=120, fail=r"sweep grid · failed")
        assert not browser.page_errors(page)
    assert {job.label: job.state for job in jobs.list_jobs()} == {"grid": "finished"}
    assert set(sweep.point_states(workspace / "sweeps" / "grid")["state"]) == {"done"}
