"""A visitor's first minute in headless Chromium, on a fresh workspace of the full lab (lab mode):

- Home shows the published headline (the α curve of budget-s300, its reading, links into the results pages) before
  any run exists;
- a published sweep opens on its main evaluation (the 22-run sentence evaluation, not the 4-run paragraph-context
  one), on the seed mean of α = 0.5;
- Run the demo (the 2-layer cut model for a few steps, through ``HBL_DEMO_MODEL`` / ``HBL_DEMO_STEPS``): Home's counts
  and latest results follow the job without a browser reload, and the finished job links to its heatmap.
"""

from __future__ import annotations

import re
import time

import browser
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def lab_app(tmp_path_factory, cut_path):
    reason = browser.unavailable()
    if reason:
        pytest.skip(reason)
    if not (browser.ROOT / "docs" / "results" / "budget-s300" / "archive").is_dir():
        pytest.skip("this checkout has no published budget-s300 archive")
    folder = tmp_path_factory.mktemp("first-minute")
    env = {"HBL_DEMO_MODEL": "e5-small-cut", "HBL_DEMO_STEPS": "4"}
    with browser.streamlit_server(folder / "workspace", log=folder / "streamlit.log", env=env) as url:
        yield url, folder


def metric(page, label: str) -> str:
    """The value shown by the metric labelled ``label``."""
    box = page.get_by_test_id("stMetric").filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label,
                                                                                                      exact=True))
    return box.first.get_by_test_id("stMetricValue").inner_text().strip()


def test_home_shows_the_published_curve_and_a_sweep_opens_on_its_main_evaluation(lab_app):
    url, _ = lab_app
    with browser.chromium_page() as page:
        browser.open_page(page, f"{url}/", "Hybrid Batch Lab")
        assert page.get_by_text("Published: the α curve of budget-s300").is_visible()
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(state="visible")
        assert "AP@20 vs α" in (chart.locator(".gtitle").first.text_content() or "")
        assert page.get_by_text("Reading.").is_visible()
        assert metric(page, "Runs") == "0"
        assert not browser.page_errors(page)

        page.get_by_role("link", name="Per language pair: heatmaps").click()
        page.get_by_role("heading", name="Heatmaps").first.wait_for()
        browser.wait_idle(page)
        assert "src=published+budget-s300" in page.url
        assert browser.selected(page, "Evaluation") == "xquad-r · sentence · 22 runs"
        assert browser.selected(page, "Run") == "α=0.5 · mean of 3 seeds"
        title = page.locator(".js-plotly-plot .gtitle").first.text_content() or ""
        assert title.startswith("AP@20 · α=0.5 · mean of 3 seeds · xquad-r [xquad-r-sentence]")
        assert not page.get_by_test_id("stAlertContentInfo").count()  # no notice the visitor did not cause
        assert not browser.page_errors(page)


def test_the_demo_updates_home_without_a_reload_and_links_to_its_heatmap(lab_app):
    url, folder = lab_app
    with browser.chromium_page() as page:
        browser.open_page(page, f"{url}/", "Hybrid Batch Lab")
        assert metric(page, "Runs") == "0" and metric(page, "Results files") == "0"
        page.get_by_role("button", name="Run the demo").click()
        job = re.compile(r"sweep demo-\d{8}-\d{6} · ")
        page.get_by_text(re.compile(job.pattern + "(queued|running)")).first.wait_for(timeout=60_000)
        deadline = time.time() + 900
        seen_runs = False
        while time.time() < deadline:  # no page.reload(): the live panel re-reads the workspace every few seconds
            seen_runs = seen_runs or metric(page, "Runs") == "1"
            if page.get_by_text(re.compile(job.pattern + "finished")).count():
                break
            assert not page.get_by_text(re.compile(job.pattern + "failed")).count(), browser.page_errors(page)
            time.sleep(2)
        assert page.get_by_text(re.compile(job.pattern + "finished")).count(), \
            f"the demo did not finish; see {folder / 'streamlit.log'}"
        link = page.get_by_role("link", name=re.compile(r"Open the heatmap of a0.50-s1"))
        link.wait_for(timeout=30_000)
        assert seen_runs
        for _ in range(30):  # the counts follow within a refresh or two
            if metric(page, "Finished") == "1" and metric(page, "Results files") == "2":
                break
            time.sleep(1)
        assert (metric(page, "Runs"), metric(page, "Finished"), metric(page, "Results files")) == ("1", "1", "2")
        assert page.get_by_text(re.compile(r"a0.50-s1 on demo")).count()  # the latest results
        run = link.inner_text().strip().split()[-1]
        link.click()
        page.get_by_role("heading", name="Heatmaps").first.wait_for()
        browser.wait_idle(page)
        title = page.locator(".js-plotly-plot .gtitle").first.text_content() or ""
        assert run in title and "AP@20" in title
        assert f"run={run}" in page.url and not browser.page_errors(page)
