"""Driving the real dashboard in headless Chromium: a ``streamlit run app.py`` server on a free localhost port and a
Playwright page on Debian's ``/usr/bin/chromium`` (never ``playwright install``). Used by the end-to-end test and by
``tests/app/screenshots.py``."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("HBL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTH, HEIGHT = 1400, 900


def unavailable() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not Path(CHROMIUM).is_file() and not shutil.which("chromium"):
        return f"Debian chromium not found at {CHROMIUM} (apt-get install chromium; scripts/test.sh does it in CI)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python 'playwright' package is not installed (pip install -r requirements-dev.txt)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(workspace: Path, *, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``streamlit run app.py`` with ``HBL_WORKSPACE=workspace``; yield its base URL; stop it afterwards."""
    port = free_port()
    environment = {**os.environ, "HBL_WORKSPACE": str(workspace), "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "localhost", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def chromium() -> Iterator:
    """A headless Debian Chromium driven by Playwright (closed afterwards); open pages with :func:`new_page`."""
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, width: int = WIDTH, height: int = HEIGHT):
    """A page in a fresh browser context (own cookies and storage: a new visitor) with a ``width`` x ``height``
    viewport."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


@contextlib.contextmanager
def chromium_page(width: int = WIDTH, height: int = HEIGHT) -> Iterator:
    """A Playwright page in headless Debian Chromium with a ``width`` x ``height`` viewport."""
    with chromium() as browser:
        yield new_page(browser, width, height)


def wait_idle(page, timeout: float = 300) -> None:
    """Wait until the script run of the page is over (Streamlit's ``data-test-script-state``)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout * 1000)


def open_page(page, url: str, heading: str, *, timeout: float = 300) -> None:
    """Load a URL of the app, wait for the page's ``heading`` and until its script has run."""
    page.goto(url)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=timeout * 1000)
    wait_idle(page, timeout)


def select_option(page, label: str, option: str) -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (typed into it to filter, then clicked)."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first
    box.click()
    box.get_by_role("combobox").fill(option)  # long option lists are virtualised: filter first
    page.get_by_role("option", name=option, exact=True).first.click()


def selected(page, label: str) -> str:
    """The text shown by the selectbox labelled ``label``."""
    box = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text(label, exact=True)).first
    return box.get_by_role("combobox").input_value().strip()


def path_inputs(page) -> list[str]:
    """Labels of the text inputs on the page that ask for a path (a file or folder)."""
    labels = []
    for box in page.get_by_test_id("stTextInput").all():
        label = box.inner_text().strip().lower()
        if "path" in label or "folder" in label:
            labels.append(label)
    return labels


def page_errors(page) -> list[str]:
    """Texts of exceptions and error messages shown on the page."""
    found = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [found.nth(i).inner_text() for i in range(found.count())]


def shoot(page, path: Path, *, settle: float = 1.5) -> Path:
    """A viewport screenshot (after plotly has drawn)."""
    time.sleep(settle)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path
