"""Screenshots of every dashboard page at 1400x900 for ``docs/screenshots/`` (a script, not a test).

It drives the real app in headless Chromium the way a user would: on the Launch page it launches an α grid
(0, 0.5, 1) of short runs of the embedded e5-small on the demo set, evaluated on the held-out demo questions
together with the untuned model; it photographs the Launch page while the grid trains, waits for the job, and then
photographs Home, the heatmap of α=0.5, its difference from α=1, the per-language view, the α curves, the bias probe
(XQuAD-R's 13,014 candidates when the shared data is present, else the demo pool) and the bias overview.

With ``--published``, no training: a fresh workspace shows what a visitor sees first, from the checkout's published
archives: Home with the published headline, the main sweep's heatmap (seed mean of α = 0.5), α = 1 minus α = 0 with
the seed spread, the α curves with the best α, the heatmap on a 390 px phone screen, and the read-only viewer
(``HBL_MODE=viewer``).

Usage (a few minutes of training on 2 CPU cores; re-running reuses the finished runs of the workspace)::

    .venv/bin/python tests/app/screenshots.py --out docs/screenshots --workspace /tmp/hbl-docs-workspace
    .venv/bin/python tests/app/screenshots.py --published --out docs/screenshots
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser

GRID = "docs"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=browser.ROOT / "docs" / "screenshots")
    parser.add_argument("--workspace", type=Path, default=Path("/tmp/hbl-docs-workspace"))
    parser.add_argument("--steps", type=int, default=30, help="training steps per run (default 30)")
    parser.add_argument("--batch", type=int, default=16, help="batch size (default 16)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for the grid (default 3600)")
    parser.add_argument("--only", nargs="*", default=None, metavar="NAME",
                        help="re-take only these screenshots (file names without .png)")
    parser.add_argument("--published", action="store_true",
                        help="only the views of the published archives, on a fresh workspace (no training)")
    return parser.parse_args()


#: (file, path, heading, viewport width) of the published views; the difference of the main sweep's seed means.
DIFFERENCE = ("heatmaps?src=published+budget-s300&view=difference&run=%CE%B1%3D1+%C2%B7+mean+of+3+seeds"
              "&vs=%CE%B1%3D0+%C2%B7+mean+of+3+seeds")
PUBLISHED_VIEWS = [
    ("home-published.png", "", "Hybrid Batch Lab", browser.WIDTH),
    ("heatmaps-published.png", "heatmaps?src=published+budget-s300", "Heatmaps", browser.WIDTH),
    ("heatmaps-seed-spread.png", DIFFERENCE, "Heatmaps", browser.WIDTH),
    ("alpha_curves-published.png", "alpha_curves?src=published+budget-s300", "α curves", browser.WIDTH),
    ("heatmaps-phone.png", "heatmaps?src=published+budget-s300", "Heatmaps", 390),
    ("pareto-published.png", "pareto?src=published+remedies", "Pareto view", browser.WIDTH),
]


def published_views(args: argparse.Namespace) -> None:
    """Photograph the published views in the lab and in the viewer, on a fresh workspace."""
    import tempfile

    workspace = Path(tempfile.mkdtemp(prefix="hbl-published-shots-"))
    for mode, views in (("lab", PUBLISHED_VIEWS), ("viewer", [("viewer-home.png", "", "Hybrid Batch Lab",
                                                               browser.WIDTH)])):
        with browser.streamlit_server(workspace, log=workspace / f"streamlit-{mode}.log",
                                      env={"HBL_MODE": mode}) as url, browser.chromium() as chromium:
            for name, path, heading, width in views:
                if args.only is not None and name.removesuffix(".png") not in args.only:
                    continue
                page = browser.new_page(chromium, width, 844 if width < 500 else browser.HEIGHT)
                browser.open_page(page, f"{url}/{path}", heading, timeout=600)
                errors = browser.page_errors(page)
                if errors:
                    print(f"{name}: the page shows errors: {errors}", file=sys.stderr)
                if width < 500:  # the phone: scroll to the chart
                    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
                print(browser.shoot(page, args.out / name, settle=3))
                page.context.close()


def launch_grid(page, url: str, args: argparse.Namespace) -> None:
    """Fill the Launch form (e5-small, α grid 0/0.5/1, demo data) and submit it."""
    browser.open_page(page, f"{url}/launch", "Launch runs")
    page.get_by_role("textbox", name="α (one value or a grid)", exact=True).fill("0, 0.5, 1")
    page.get_by_role("spinbutton", name="Steps", exact=True).fill(str(args.steps))
    page.get_by_role("spinbutton", name="Batch size", exact=True).fill(str(args.batch))
    page.get_by_role("textbox", name="Run name (optional)", exact=True).fill(GRID)
    page.get_by_role("button", name="Launch", exact=True).click()
    page.get_by_text("queued: 3 run(s)").wait_for(timeout=60_000)


def wait_for_job(page, args: argparse.Namespace, shots: Path) -> None:
    """Photograph the Launch page once a run is training, then wait until the job is done."""
    deadline = time.time() + args.timeout
    shot = False
    while time.time() < deadline:
        if page.get_by_text("Job 1 · done").count():
            return
        if page.get_by_text("Job 1 · failed").count():
            raise SystemExit(f"the job failed: {browser.page_errors(page)}")
        if not shot and page.get_by_text("loss").count() and page.get_by_text("ETA").count():
            browser.wait_idle(page)
            browser.shoot(page, shots / "launch.png")
            shot = True
        time.sleep(3)
    raise SystemExit("the grid did not finish in time")


def main() -> int:
    args = parse_args()
    reason = browser.unavailable()
    if reason:
        sys.exit(reason)
    if args.published:
        published_views(args)
        return 0
    from hybrid_core.probe import available_pools

    pool = "xquad-r" if "xquad-r" in available_pools() else "demo"
    args.workspace.mkdir(parents=True, exist_ok=True)
    runs_done = (args.workspace / "runs" / f"{GRID}-a0.50-s1" / "final").is_dir()
    with browser.streamlit_server(args.workspace, log=args.workspace / "streamlit.log") as url, \
            browser.chromium_page() as page:
        if not runs_done:
            launch_grid(page, url, args)
            wait_for_job(page, args, args.out)
        run = f"{GRID}-a0.50-s1"
        views = [
            ("home.png", "", "Hybrid Batch Lab"),
            ("heatmaps.png", f"heatmaps?run={run}", "Heatmaps"),
            ("heatmaps-difference.png", f"heatmaps?run={run}&view=difference&vs={GRID}-a1.00-s1", "Heatmaps"),
            ("heatmaps-per-language.png", f"heatmaps?run={run}&view=per+language", "Heatmaps"),
            ("alpha_curves.png", "alpha_curves", "α curves"),
            ("bias_probe.png", f"bias_probe?pool={pool}&q=Welches+NFL-Team+vertrat+die+AFC+beim+Super+Bowl+50%3F",
             "Bias probe"),
            ("bias_probe-question.png", "bias_probe?mode=dataset+question&lang=de&cmp=1&enc2=" +
             str(args.workspace / "runs" / run), "Bias probe"),
            ("bias_overview.png", f"bias_overview?pool={pool}&n=50", "Bias overview"),
        ]
        if runs_done:
            views.insert(1, ("launch.png", f"launch?run={run}", "Launch runs"))
        for name, path, heading in views:
            if args.only is not None and name.removesuffix(".png") not in args.only:
                continue
            browser.open_page(page, f"{url}/{path}", heading, timeout=1800)
            errors = browser.page_errors(page)
            if errors:
                print(f"{name}: the page shows errors: {errors}", file=sys.stderr)
            print(browser.shoot(page, args.out / name, settle=3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
