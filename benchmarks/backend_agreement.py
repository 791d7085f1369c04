"""Does another inference backend give a sweep's published metrics? Re-evaluate trained points with it and compare.

For each point (a run folder of a sweep with its archived results table, evaluated with torch fp32), this runs
``python -m hybrid_core evaluate <run> --backend <backend>`` on the same data and candidates, then compares with the
archived rows: every cell mean (setting, query language, candidate language, measure) and every per-query value, and
the wall time of each evaluation. Issue #18 asks whether ``openvino-fp32`` may stand in for torch on the schedules'
points: only if every measure agrees within 1e-4.

Usage (the schedules experiment's points; the data as the sweep names it)::

    PYTHONPATH=. .venv/bin/python benchmarks/backend_agreement.py --sweep ~/hybrid-batch-lab/sweeps/schedules-s300 \\
        --archive docs/results/schedules/archive --points linear-0-1-s1 linear-1-0-s1 step-0-1-at0.5-s1 \\
        --data ../shared/data/xquad-r --candidates sentence --backend openvino-fp32
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

CELL = ["setting", "query_lang", "doc_lang", "metric"]


def evaluate(run: Path, args: argparse.Namespace, out: Path) -> tuple[pd.DataFrame, float]:
    """Evaluate ``run`` with the chosen backend into ``out``; returns its results table and wall seconds."""
    command = [sys.executable, "-m", "hybrid_core", "evaluate", str(run), "--data", str(args.data),
               "--candidates", args.candidates, "--backend", args.backend, "--out", str(out), "--quiet"]
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    seconds = time.perf_counter() - started
    tables = sorted(out.rglob("*.parquet"))
    if len(tables) != 1:
        raise SystemExit(f"expected one results table in {out}, found {[str(t) for t in tables]}")
    return pd.read_parquet(tables[0]), seconds


def compare(reference: pd.DataFrame, candidate: pd.DataFrame) -> dict:
    """Largest absolute differences between two results tables of the same evaluation, per query and per cell."""
    keys = [*CELL, "qid"]
    joined = reference[[*keys, "value"]].merge(candidate[[*keys, "value"]], on=keys, how="outer",
                                                suffixes=("_ref", "_new"), indicator=True)
    unmatched = int((joined["_merge"] != "both").sum())
    both = joined[joined["_merge"] == "both"]
    per_query = (both["value_ref"] - both["value_new"]).abs()
    cells = both.groupby(CELL, observed=True)[["value_ref", "value_new"]].mean()
    per_cell = (cells["value_ref"] - cells["value_new"]).abs()
    worst = per_cell.groupby(level="metric").max().sort_values(ascending=False)
    headline = (both[both["metric"] == "AP@20"].groupby("setting")[["value_ref", "value_new"]].mean()
                .round(6).to_dict("index"))
    return {"rows": len(both), "unmatched_rows": unmatched, "max_query_delta": float(per_query.max()),
            "queries_differing": int((per_query > 0).sum()), "max_cell_delta": float(per_cell.max()),
            "worst_cell_by_metric": {k: float(v) for k, v in worst.head(5).items()}, "AP@20_means": headline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sweep", type=Path, required=True, help="the sweep's folder (its runs/<point>/final)")
    parser.add_argument("--archive", type=Path, required=True, help="the sweep's archive (results/<point>/*.parquet)")
    parser.add_argument("--points", nargs="+", required=True, help="point ids, e.g. linear-0-1-s1")
    parser.add_argument("--evaluation", default="xquad-r-sentence", help="the archived evaluation's name")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--candidates", default="sentence")
    parser.add_argument("--backend", default="openvino-fp32")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    report = {"backend": args.backend, "tolerance": args.tolerance, "points": {}}
    for point in args.points:
        reference = pd.read_parquet(args.archive / "results" / point / f"{args.evaluation}.parquet")
        with tempfile.TemporaryDirectory() as folder:
            table, seconds = evaluate(args.sweep / "runs" / point, args, Path(folder))
        figures = {**compare(reference, table), "seconds": round(seconds, 1)}
        figures["within_tolerance"] = figures["unmatched_rows"] == 0 and figures["max_cell_delta"] <= args.tolerance
        report["points"][point] = figures
        print(f"{point}: {figures['rows']} rows ({figures['unmatched_rows']} unmatched), max |Δ| per query "
              f"{figures['max_query_delta']:.2e} ({figures['queries_differing']} differ), per cell "
              f"{figures['max_cell_delta']:.2e}; {seconds:.0f} s; within {args.tolerance:g}: "
              f"{figures['within_tolerance']}", flush=True)
        print(f"  worst cells by measure: {figures['worst_cell_by_metric']}", flush=True)
        print(f"  AP@20 means (torch archive vs {args.backend}): {figures['AP@20_means']}", flush=True)
    verdict = all(p["within_tolerance"] for p in report["points"].values())
    print(f"{args.backend} {'agrees' if verdict else 'does NOT agree'} with the archive within {args.tolerance:g} "
          f"on {len(report['points'])} point(s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
