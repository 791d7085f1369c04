"""Speed of the sweep analysis on a real archive: what the α-curves page and ``sweep report`` compute.

A sweep's results table holds every cell mean plus millions of per-query rows (3.07 M for 8 XQuAD-R points and the
untuned model), which the bootstrap intervals and paired tests resample. This times, on one archive:

- reading and merging the archive's parquet files (what the dashboard's results source does);
- :func:`hybrid_core.analysis.alpha_curve_table`, averaged and per query language, against a **baseline measured in
  the same run**: the straightforward definition, one boolean filter of the per-query rows per curve point and
  :func:`hybrid_core.analysis.bootstrap_setting` on the filtered rows. Both give the same means and, drawing the
  same random numbers in the same order, the same intervals (checked and printed);
- :func:`hybrid_core.analysis.comparison_table` (paired tests of every α against α = 0.5) for the three settings.

The machine's cores may be shared (a sweep running beside it): the load average is printed before and after.

Usage::

    .venv/bin/python benchmarks/analysis_speed.py                                   # the published main grid
    .venv/bin/python benchmarks/analysis_speed.py --archive docs/results/<sweep>/archive --metric R@1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hybrid_core import analysis, figures
from hybrid_core.results import SETTINGS, aggregated, per_query, read_results


def baseline_curve_table(table: pd.DataFrame, *, metric: str, by_language: bool, n_boot: int,
                         seed: int = 0) -> pd.DataFrame:
    """The curve points by definition: per point, filter the per-query rows, then bootstrap them."""
    rng = np.random.default_rng(seed)
    rows = table[(table["metric"] == metric) & table["alpha"].notna() & table["setting"].isin(list(SETTINGS))]
    agg, pq = aggregated(rows), per_query(rows)
    keys = ["setting", "query_lang", "alpha"] if by_language else ["setting", "alpha"]
    out = []
    for key, part in agg.groupby(keys, sort=True):
        info = dict(zip(keys, key))
        cells = part.groupby(["run", "doc_lang"])["value"].mean()
        per_run = cells.groupby(level="run").mean().dropna().to_numpy()
        sel = (pq["setting"] == info["setting"]) & (pq["alpha"] == info["alpha"])
        if by_language:
            sel &= pq["query_lang"] == info["query_lang"]
        dist = analysis.bootstrap_setting(pq[sel], draws=n_boot, rng=rng)
        low, high = np.nanquantile(dist, [0.025, 0.975])
        out.append({**info, "mean": float(per_run.mean()), "low": float(low), "high": float(high)})
    return pd.DataFrame(out)


def timed(label: str, func, figures_out: dict):
    start = time.perf_counter()
    value = func()
    figures_out[label] = round(time.perf_counter() - start, 2)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, default=Path("docs/results/budget-s300/archive"))
    parser.add_argument("--evaluation", default="xquad-r-sentence", help="the archive's evaluation (file stem)")
    parser.add_argument("--metric", default="AP@20")
    parser.add_argument("--draws", type=int, default=1000)
    args = parser.parse_args()
    files = sorted((args.archive / "results").glob(f"*/{args.evaluation}.parquet"))
    if not files:
        raise SystemExit(f"no {args.evaluation}.parquet results files under {args.archive / 'results'}")
    seconds: dict[str, float] = {}
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    parts = timed("read", lambda: [(f.stem, read_results(f)) for f in files], seconds)
    table = timed("merge", lambda: figures.disambiguate_runs(figures.merge_variants(parts)), seconds)
    print(f"{args.evaluation}: {len(files)} files, {len(table):,} rows, metric {args.metric}, {args.draws} draws")
    checks = {}
    for by_language in (False, True):
        tag = "by-language" if by_language else "averaged"
        fast = timed(f"curve {tag}", lambda b=by_language: analysis.alpha_curve_table(
            table, metric=args.metric, by_language=b, n_boot=args.draws), seconds)
        slow = timed(f"curve {tag} baseline", lambda b=by_language: baseline_curve_table(
            table, metric=args.metric, by_language=b, n_boot=args.draws), seconds)
        keys = [c for c in ("setting", "query_lang", "alpha") if c in slow]
        joined = fast.merge(slow, on=keys, suffixes=("", "_b"))
        checks[tag] = {"points": len(joined),
                       "max |mean diff|": float((joined["mean"] - joined["mean_b"]).abs().max()),
                       "max |bound diff|": float(max((joined["low"] - joined["low_b"]).abs().max(),
                                                     (joined["high"] - joined["high_b"]).abs().max()))}
    selected = table[table["metric"] == args.metric]
    timed("paired tests", lambda: [analysis.comparison_table(selected, metric=args.metric, setting=s,
                                                              references=(0.5,)) for s in SETTINGS], seconds)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for label, value in seconds.items():
        print(f"{label:28s} {value:8.2f} s")
    for tag in ("averaged", "by-language"):
        ratio = seconds[f"curve {tag} baseline"] / max(seconds[f"curve {tag}"], 1e-9)
        print(f"curve {tag}: {ratio:.1f}x faster than the baseline; agreement {json.dumps(checks[tag])}")


if __name__ == "__main__":
    main()
