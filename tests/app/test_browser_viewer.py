"""The read-only viewer in headless Chromium: ``streamlit run app.py`` with ``HBL_MODE=viewer`` on a fresh workspace and
the checkout's published archives, visited as a team member would.

Checks: no Launch page (not in the navigation; its URL lands on Home), no path inputs on any page, the published
heatmaps and α curves are visible, a shared URL opens the same view in a fresh browser context, and the probe refuses
a pool the operator did not list when a link asks for it.
"""

from __future__ import annotations

import time

import browser
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PAGES = [("", "Hybrid Batch Lab"), ("heatmaps", "Heatmaps"), ("alpha_curves", "α curves"),
         ("bias_probe", "Bias probe"), ("bias_overview", "Bias overview")]


@pytest.fixture(scope="module")
def viewer_app(tmp_path_factory):
    reason = browser.unavailable()
    if reason:
        pytest.skip(reason)
    if not (browser.ROOT / "docs" / "results" / "budget-s300" / "archive").is_dir():
        pytest.skip("this checkout has no published budget-s300 archive")
    folder = tmp_path_factory.mktemp("viewer")
    env = {"HBL_MODE": "viewer", "HBL_VIEWER_POOLS": "demo", "HBL_VIEWER_ENCODERS": "e5-small-cut",
           "HBL_VIEWER_BACKEND": "torch"}
    with browser.streamlit_server(folder / "workspace", log=folder / "streamlit.log", env=env) as url:
        yield url, folder


def test_viewer_serves_published_results_read_only_and_shareable(viewer_app):
    url, _folder = viewer_app
    with browser.chromium() as chromium:
        page = browser.new_page(chromium)
        browser.open_page(page, f"{url}/", "Hybrid Batch Lab")
        nav = page.get_by_test_id("stSidebarNav")
        assert nav.get_by_text("Heatmaps").count() and not nav.get_by_text("Launch runs").count()
        assert not page.get_by_role("button", name="Run the demo").count()
        page.locator(".js-plotly-plot").first.wait_for(state="visible")  # the published headline curve
        assert page.get_by_text("Published: the α curve of budget-s300").count()

        for path, heading in PAGES:
            browser.open_page(page, f"{url}/{path}", heading)
            assert not browser.path_inputs(page), (path, browser.path_inputs(page))
            assert not page.get_by_role("button", name="Reload data").count()

        browser.open_page(page, f"{url}/launch", "Hybrid Batch Lab")  # not a page here: Streamlit shows Home
        assert not page.get_by_role("heading", name="Launch runs").count()

        browser.open_page(page, f"{url}/alpha_curves", "α curves")
        page.locator(".js-plotly-plot").first.wait_for(state="visible")
        assert "xquad-r" in browser.selected(page, "Evaluation")
        assert page.get_by_text("Best α").first.is_visible()
        assert not browser.page_errors(page)

        browser.open_page(page, f"{url}/heatmaps", "Heatmaps")
        assert browser.selected(page, "Evaluation").startswith("xquad-r · sentence · 22 runs")
        browser.select_option(page, "Run", "α=1 · mean of 3 seeds")
        browser.wait_idle(page)
        page.get_by_test_id("stRadio").get_by_text("difference", exact=True).click()
        browser.wait_idle(page)
        deadline = time.time() + 60  # a busy server can answer the rerun after the page looks idle
        while time.time() < deadline:
            title = page.locator(".js-plotly-plot .gtitle").first.text_content() or ""
            if title.startswith("Δ"):
                break
            time.sleep(0.5)
        assert title.startswith("Δ AP@20: α=1 · mean of 3 seeds − untuned")
        assert page.get_by_text("seed std").first.is_visible()
        shared = page.url
        assert "view=difference" in shared and "run=" in shared

        visitor = browser.new_page(chromium)  # a fresh context: no session, no cookies
        browser.open_page(visitor, shared, "Heatmaps")
        visitor.locator(".js-plotly-plot .gtitle").first.wait_for()
        assert (visitor.locator(".js-plotly-plot .gtitle").first.text_content() or "") == title
        assert browser.selected(visitor, "Run") == "α=1 · mean of 3 seeds"

        browser.open_page(visitor, f"{url}/bias_probe?pool=xquad-r&q=Wo+br%C3%BCten+Kaiserpinguine%3F", "Bias probe")
        refusal = visitor.get_by_text("pool 'xquad-r' is not offered on this shared dashboard")
        refusal.wait_for()
        assert "the operator allows: demo (set by HBL_VIEWER_POOLS)" in refusal.inner_text()
        assert browser.selected(visitor, "Candidate pool") == "demo"
        assert not visitor.locator(".js-plotly-plot").count()  # nothing was computed for the refused link
