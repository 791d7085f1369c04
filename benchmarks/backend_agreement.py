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


def compare(reference: pd.DataFrame, candidate: pd.DataFrame, tolerance: float) -> dict:
    """Per measure, the largest absolute differences between two results tables of the same evaluation, over the
    reference's rows (an archive keeps per-query rows of fewer measures than an evaluation writes).

    Two levels: the setting means (mono / cross / multi, the numbers a report and curve show) and every cell (one
    query language x candidate language, ~1,190 questions, so one question whose rank flips moves R@1 by 8e-4).
    A measure agrees when its largest difference is within ``tolerance`` on its own scale: absolute for measures
    in [0, 1] (AP, R, nDCG, TLR, PEER, shares), on the correlation's scale for MRC (reported × 100), relative to the
    cell's value for unbounded ranks (RD, PooledRank).
    """
    keys = [*CELL, "qid"]
    joined = reference[[*keys, "value"]].merge(candidate[[*keys, "value"]], on=keys, how="left",
                                                suffixes=("_ref", "_new"))
    missing = int(joined["value_new"].isna().sum())
    joined["delta"] = (joined["value_ref"] - joined["value_new"]).abs()
    cells = joined[joined["qid"] == ""]
    measures = {}
    for metric, rows in cells.groupby("metric", observed=True):
        bounded = bool(rows["value_ref"].between(0, 1).all())
        kind = "absolute" if bounded else "correlation" if metric.startswith("MRC") else "relative"
        scale = {"absolute": 1.0, "correlation": 100.0}.get(kind, rows["value_ref"].abs().clip(lower=1e-12))
        worst = float((rows["delta"] / scale).max())
        settings = rows.groupby("setting", observed=True)[["value_ref", "value_new"]].mean()
        setting_delta = float((settings["value_ref"] - settings["value_new"]).abs().max())
        setting_scale = 1.0 if kind == "absolute" else 100.0 if kind == "correlation" else float(
            settings["value_ref"].abs().max())
        queries = joined[(joined["metric"] == metric) & (joined["qid"] != "")]
        measures[metric] = {"max_cell_delta": float(rows["delta"].max()), "scale": kind,
                            "max_cell_delta_on_scale": worst, "agrees": worst <= tolerance,
                            "max_setting_delta": setting_delta,
                            "setting_agrees": setting_delta / setting_scale <= tolerance,
                            "per_query_rows": len(queries), "queries_differing": int((queries["delta"] > 0).sum())}
    headline = (joined[(joined["metric"] == "AP@20") & (joined["qid"] == "")].groupby("setting")
                [["value_ref", "value_new"]].mean().round(6).to_dict("index"))
    return {"rows": len(joined), "missing_rows": missing, "measures": measures, "AP@20_means": headline,
            "agrees": missing == 0 and all(m["agrees"] for m in measures.values()),
            "settings_agree": missing == 0 and all(m["setting_agrees"] for m in measures.values())}


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
    parser.add_argument("--keep", type=Path, default=None, help="keep each evaluation's output under this folder")
    args = parser.parse_args()
    report = {"backend": args.backend, "tolerance": args.tolerance, "points": {}}
    for point in args.points:
        reference = pd.read_parquet(args.archive / "results" / point / f"{args.evaluation}.parquet")
        if args.keep:
            table, seconds = evaluate(args.sweep / "runs" / point, args, args.keep / point)
        else:
            with tempfile.TemporaryDirectory() as folder:
                table, seconds = evaluate(args.sweep / "runs" / point, args, Path(folder))
        figures = {**compare(reference, table, args.tolerance), "seconds": round(seconds, 1)}
        report["points"][point] = figures
        print(f"{point}: {figures['rows']} archived rows, {figures['missing_rows']} missing; {seconds:.0f} s; within "
              f"{args.tolerance:g}: setting means {figures['settings_agree']}, every cell {figures['agrees']}",
              flush=True)
        for metric, m in figures["measures"].items():
            print(f"  {metric:14s} setting means |Δ| {m['max_setting_delta']:.1e}, max cell |Δ| "
                  f"{m['max_cell_delta']:.2e} ({m['scale']} "
                  f"{m['max_cell_delta_on_scale']:.1e}); per-query rows differing {m['queries_differing']} of "
                  f"{m['per_query_rows']}", flush=True)
        print(f"  AP@20 means (torch archive vs {args.backend}): {figures['AP@20_means']}", flush=True)
    points = report["points"].values()
    print(f"{args.backend} vs the archive within {args.tolerance:g} on {len(report['points'])} point(s): setting "
          f"means {'agree' if all(p['settings_agree'] for p in points) else 'do NOT agree'}, every cell "
          f"{'agrees' if all(p['agrees'] for p in points) else 'does NOT agree'}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
