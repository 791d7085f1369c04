"""End to end in headless Chromium: launch a tiny run of the cut model on the demo data from the Launch page, wait
for it to finish (and be evaluated), and see its heatmap on the Heatmaps page; every page renders in a real browser.

Screenshots of each page (1400x900) go to ``$HBL_SCREENSHOTS_DIR`` when set (else the test's tmp folder).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import browser
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]
RUN = "e2e-tiny"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    reason = browser.unavailable()
    if reason:
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("e2e")
    with browser.streamlit_server(folder / "workspace", log=folder / "streamlit.log") as url:
        yield url, folder


def test_launch_a_tiny_run_and_see_its_heatmap(app):
    url, folder = app
    shots = Path(os.environ.get("HBL_SCREENSHOTS_DIR") or folder / "screenshots")
    with browser.chromium_page() as page:
        browser.open_page(page, f"{url}/", "Hybrid Batch Lab")
        page.get_by_role("button", name="Run the demo").wait_for()
        browser.shoot(page, shots / "home-empty.png")

        browser.open_page(page, f"{url}/launch", "Launch runs")
        browser.select_option(page, "Model", "e5-small-cut (2 layers, plumbing tests only)")
        page.get_by_role("spinbutton", name="Steps", exact=True).fill("4")
        page.get_by_role("spinbutton", name="Batch size", exact=True).fill("8")
        page.get_by_role("textbox", name="Sweep name (optional)", exact=True).fill(RUN)
        page.get_by_role("button", name="Launch", exact=True).click()
        page.get_by_text(re.compile(rf"Sweep {RUN}: 1 point\(s\)")).wait_for(timeout=60_000)
        deadline = time.time() + 600
        done = page.get_by_text(f"sweep {RUN} · finished")
        while time.time() < deadline and not done.count():
            assert not page.get_by_text(f"sweep {RUN} · failed").count(), browser.page_errors(page)
            time.sleep(2)
        assert done.count(), f"the job did not finish; see {folder / 'streamlit.log'}"
        browser.wait_idle(page)
        browser.shoot(page, shots / "launch.png")

        browser.open_page(page, f"{url}/heatmaps?src=sweep+{RUN}&run=a0.50-s1", "Heatmaps")
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for(state="visible", timeout=60_000)
        title = page.locator(".js-plotly-plot .gtitle").first.text_content() or ""
        assert "a0.50-s1" in title and "AP@20" in title
        assert page.get_by_text("monolingual").first.is_visible()
        assert not browser.page_errors(page)
        assert "run=a0.50-s1" in page.url
        browser.shoot(page, shots / "heatmaps.png")

        for path, heading in [("alpha_curves", "α curves"),
                              ("bias_probe?enc=e5-small-cut&backend=torch&q=Where+do+emperor+penguins+breed%3F",
                               "Bias probe"),
                              ("bias_overview?enc=e5-small-cut&backend=torch&n=50", "Bias overview"),
                              ("", "Hybrid Batch Lab")]:
            browser.open_page(page, f"{url}/{path}", heading)
            assert not browser.page_errors(page), (path, browser.page_errors(page))
            browser.shoot(page, shots / f"{(path.split('?')[0] or 'home')}.png")
