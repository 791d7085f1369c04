"""What a visitor waits for when a published sweep is chosen as the dashboard's results source: the old full load
against what the pages read now, measured in the same run on the same archive.

Heatmaps (the view the issue timed at 22 s):

- **old**: every row of every results file read and validated (8.9 M rows for budget-s300), merged
  (:func:`hybrid_core.figures.merge_variants`, :func:`hybrid_core.figures.disambiguate_runs`), then its cell means
  taken, and the default heatmap drawn;
- **new, first read**: only the cell means of each file (:func:`hybrid_core.views.read_cell_means`: a filtered
  parquet read, 20,592 rows), written to the per-file cache, merged (:func:`hybrid_core.views.combine`), the seed means
  added (:func:`hybrid_core.views.with_alpha_means`), the heatmap drawn;
- **new, cached**: the same with the per-file cache filled (a restarted server, or the background warm-up the app
  starts for the published archives);

α curves (default view: AP@20, three settings, 95 %, paired tests against α = 0.5):

- **old**: the full load, :func:`hybrid_core.analysis.alpha_curve_table` and
  :func:`hybrid_core.analysis.comparison_table` on it;
- **new, published**: the report's tables (:func:`hybrid_core.views.read_report`), which is what the page shows for a
  published sweep whose report matches its archive;
- **new, computed** (``--computed``): the metric's rows only (:func:`hybrid_core.views.read_metric_rows`), the curve,
  :func:`hybrid_core.analysis.best_alpha` per setting and the paired tests: what the page computes for any other
  sweep, metric or confidence level.

Also timed: the refusal of the link ``/heatmaps?src=a+path…&path=/`` (:func:`hybrid_core.probe.check_user_path`), which
searched the whole filesystem before (103 s in the issue). The per-file cache goes to a temporary folder, so the
"first read" is a first read whatever the machine's cache holds. The machine's cores may be shared: the load average
is printed before and after.

Usage::

    .venv/bin/python benchmarks/dashboard_load.py                       # docs/results/budget-s300
    .venv/bin/python benchmarks/dashboard_load.py --sweep xquad2mlqa-s300 --computed
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hybrid_core import analysis, figures, probe, views
from hybrid_core.archive import published_archives
from hybrid_core.results import SETTINGS, aggregated, read_results


def timed(label: str, func, out: dict[str, float]):
    started = time.perf_counter()
    result = func()
    out[label] = time.perf_counter() - started
    print(f"  {label:<64} {out[label]:8.2f} s", flush=True)
    return result


def old_load(paths: list[Path]):
    """The dashboard's results source before: every row of every file, merged, then the cell means."""
    parts = [(views.variant_of(p), read_results(p)) for p in paths]
    full = figures.disambiguate_runs(figures.merge_variants(parts))
    return full, aggregated(full).reset_index(drop=True)


def new_load(paths: list[Path]):
    tables = [views.read_cell_means(p) for p in paths]
    return views.with_alpha_means(views.combine([(views.variant_of(p, t), t) for p, t in zip(paths, tables)]))


def heatmap(table, dataset: str, run: str):
    fig = figures.pair_heatmap_from_results(table, metric="AP@20", run=run, dataset=dataset)
    figures.setting_means(table, metric="AP@20", run=run, dataset=dataset)
    return fig


def curves_of(table, dataset: str):
    chosen = figures.select(table, dataset=dataset, metric="AP@20")
    points = analysis.alpha_curve_table(chosen, metric="AP@20", dataset=dataset)
    best = [analysis.best_alpha(chosen, metric="AP@20", setting=s) for s in SETTINGS]
    tests = [analysis.comparison_table(chosen, metric="AP@20", setting=s, references=(0.5,)) for s in SETTINGS]
    return points, best, tests


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sweep", default="budget-s300", help="published sweep (default budget-s300)")
    parser.add_argument("--computed", action="store_true",
                        help="also time the α-curve view computed from the metric's rows (about a minute)")
    parser.add_argument("--skip-old-curves", action="store_true", help="skip the old α-curve computation")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    archive = published_archives().get(args.sweep)
    if archive is None:
        sys.exit(f"no published archive {args.sweep!r}; published: {', '.join(published_archives()) or 'none'}")
    paths = sorted((archive / "results").glob("*/*.parquet"))
    os.environ["HBL_CACHE_DIR"] = tempfile.mkdtemp(prefix="hbl-dashboard-load-")
    print(f"{args.sweep}: {len(paths)} results files, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    out: dict[str, float] = {}

    print("refusing /heatmaps?src=a+path…&path=/")
    started = time.perf_counter()
    try:
        probe.check_user_path("/", what="results path")
        print("  NOT refused: / lies under the data roots of this environment ($HBL_DATA_ROOTS)")
    except probe.ProbeError as exc:
        print(f"  refused in {1000 * (time.perf_counter() - started):.1f} ms: {str(exc)[:100]}…")

    print("heatmaps: choosing the published sweep as the source")
    full, old_cells = timed("old: read every row, merge, take the cell means", lambda: old_load(paths), out)
    dataset = views.main_evaluation(old_cells)
    timed("old: + the default heatmap", lambda: heatmap(old_cells, dataset, "untuned"), out)
    cells = timed("new, first read: cell means only (filling the per-file cache)", lambda: new_load(paths), out)
    run = views.default_run(list(views.run_choices(cells[cells["dataset"] == dataset])), cells)
    timed("new, first read: + the default heatmap", lambda: heatmap(cells, dataset, run), out)
    cells = timed("new, cached: cell means from the per-file cache", lambda: new_load(paths), out)
    timed("new, cached: + the default heatmap", lambda: heatmap(cells, dataset, run), out)
    print(f"  rows: old {len(full):,} read for {len(old_cells):,} cell means; new {len(cells):,} (with seed means)")
    old_total = out["old: read every row, merge, take the cell means"] + out["old: + the default heatmap"]
    first = (out["new, first read: cell means only (filling the per-file cache)"]
             + out["new, first read: + the default heatmap"])
    cached = out["new, cached: cell means from the per-file cache"] + out["new, cached: + the default heatmap"]
    print(f"  => heatmap view: old {old_total:.2f} s, new {first:.2f} s first read ({old_total / first:.1f}x), "
          f"{cached:.2f} s cached ({old_total / cached:.0f}x)")

    print(f"α curves: default view of {dataset} (AP@20, 3 settings, paired against α = 0.5)")
    if not args.skip_old_curves:
        timed("old: curves, best α and paired tests on the full table", lambda: curves_of(full, dataset), out)
    folder = views.report_folder(paths, dataset)
    if folder is not None:
        def from_report():
            report = views.read_report(folder)
            matches = views.report_matches(report, cells[cells["dataset"] == dataset])
            return report, matches

        _report, matches = timed("new, published: the report's tables", from_report, out)
        print(f"  the report ({folder.relative_to(folder.parents[1])}) matches the archive's runs: {matches}")
    if args.computed:
        del full

        def computed():
            rows = [views.read_metric_rows(p, "AP@20") for p in paths]
            cells = [views.read_cell_means(p) for p in paths]
            table = views.combine([(views.variant_of(p, t), t) for p, t in zip(paths, rows)],
                                  views.labels_of([(views.variant_of(p, t), t) for p, t in zip(paths, cells)]))
            return curves_of(table, dataset)

        timed("new, computed: the metric's rows, curves, best α, paired tests", computed, out)
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
