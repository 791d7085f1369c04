"""Run the same evaluation with two source trees of hybrid_core and compare the tables row for row, and their times.

Each side runs ``python -m hybrid_core evaluate`` in its own process with ``PYTHONPATH`` set to its tree (so the
tree's ``hybrid_core`` is imported), writing its results table and JSON summary into a temporary folder. Both sides
share the on-disk embedding cache, so after the first run only search and scoring are timed. The comparison:

- the *common* metrics (those both tables have): equal row for row in the reference's order (values compared
  exactly, ``==`` on float64), and equal as sets of rows after sorting by (setting, query_lang, doc_lang, metric,
  qid);
- the metrics only one side has (new measures), with their row counts;
- ``search_and_score_s`` of each side (the JSON summaries' timings), and the candidate's per-measure times.

Usage::

    git -C /work/main archive 57cc39a | tar -x -C /tmp/base    # the reference tree
    .venv/bin/python benchmarks/compare_evaluations.py --reference /tmp/base --model e5-small-cut --data demo
    .venv/bin/python benchmarks/compare_evaluations.py --reference /tmp/base --model e5-small --data xquad-r \
        --candidates sentence --repeat 2
    .venv/bin/python benchmarks/compare_evaluations.py --reference /tmp/base --model e5-small --data xquad-r \
        --candidates sentence --repeat 2 --candidate-args "--metrics AP@20,R@1,R@10,nDCG@10 \
        --bias-metrics RD,PooledRank,LangShare@10,SameLangAbove"     # the same measures on both sides
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

KEYS = ["setting", "query_lang", "doc_lang", "metric", "qid"]


def run_side(tree: Path, out: Path, args: argparse.Namespace, extra: list[str]) -> tuple[pd.DataFrame, dict, float]:
    """Evaluate with the ``hybrid_core`` of ``tree``; returns (table, JSON summary, wall seconds)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", "hybrid_core", "evaluate", args.model, "--data", args.data, "--out", str(out),
               "--quiet", "--backend", args.backend, "--run-name", "compare"]
    if args.candidates:
        command += ["--candidates", args.candidates]
    if args.max_questions:
        command += ["--max-questions", str(args.max_questions)]
    command += extra
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=tree, check=True, stdout=subprocess.DEVNULL)  # -m puts the cwd first
    seconds = time.perf_counter() - started
    parquet = next(out.glob("*.parquet"))
    return pd.read_parquet(parquet), json.loads(parquet.with_suffix(".json").read_text()), seconds


def compare(reference: pd.DataFrame, candidate: pd.DataFrame) -> dict[str, object]:
    """Row-for-row and sorted equality of the common metrics, and the metrics only one side has."""
    common = sorted(set(reference["metric"]) & set(candidate["metric"]))
    ref = reference[reference["metric"].isin(common)].reset_index(drop=True)
    new = candidate[candidate["metric"].isin(common)].reset_index(drop=True)
    same_order = ref.shape == new.shape and bool((ref.fillna(-1.0) == new.fillna(-1.0)).all().all())
    ref_sorted = ref.sort_values(KEYS).reset_index(drop=True)
    new_sorted = new.sort_values(KEYS).reset_index(drop=True)
    same_rows = ref_sorted.shape == new_sorted.shape and bool(
        (ref_sorted.fillna(-1.0) == new_sorted.fillna(-1.0)).all().all())
    differing = 0
    if not same_rows and ref_sorted.shape == new_sorted.shape:
        differing = int((ref_sorted["value"] != new_sorted["value"]).sum())
    return {
        "common_metrics": common, "rows_compared": len(ref), "rows_candidate": len(new),
        "equal_in_order": same_order, "equal_as_sorted_rows": same_rows, "differing_values": differing,
        "only_reference": {m: int((reference["metric"] == m).sum()) for m in sorted(set(reference["metric"]) -
                                                                                   set(common))},
        "only_candidate": {m: int((candidate["metric"] == m).sum()) for m in sorted(set(candidate["metric"]) -
                                                                                   set(common))},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, required=True, help="source tree of the reference hybrid_core")
    parser.add_argument("--candidate", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="source tree of the candidate (default: this checkout)")
    parser.add_argument("--model", default="e5-small-cut")
    parser.add_argument("--data", default="demo")
    parser.add_argument("--candidates", default=None, help="candidate text (default: the task's)")
    parser.add_argument("--max-questions", type=int, default=None)
    parser.add_argument("--backend", default="torch")
    parser.add_argument("--repeat", type=int, default=1, help="runs per side, alternating (timings: the minimum)")
    parser.add_argument("--candidate-args", default="", metavar="ARGS",
                        help="extra evaluate options for the candidate only, e.g. \"--metrics AP@20,R@1,R@10,nDCG@10 "
                             "--bias-metrics RD,PooledRank,LangShare@10,SameLangAbove\" (the pre-registry measures)")
    parser.add_argument("--json", type=Path, default=None, help="also write the report as JSON")
    args = parser.parse_args()

    times: dict[str, list[float]] = {"reference": [], "candidate": []}
    walls: dict[str, list[float]] = {"reference": [], "candidate": []}
    tables: dict[str, pd.DataFrame] = {}
    infos: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="compare-eval-") as tmp:
        for attempt in range(args.repeat):
            for side, tree in (("reference", args.reference), ("candidate", args.candidate)):
                out = Path(tmp) / f"{side}-{attempt}"
                extra = args.candidate_args.split() if side == "candidate" else []
                table, info, wall = run_side(tree, out, args, extra)
                tables[side], infos[side] = table, info
                times[side].append(float(info["timings"]["search_and_score_s"]))
                walls[side].append(wall)
    report = compare(tables["reference"], tables["candidate"])
    report["search_and_score_s"] = {side: [round(t, 2) for t in values] for side, values in times.items()}
    report["process_wall_s"] = {side: [round(t, 1) for t in values] for side, values in walls.items()}
    report["candidate_measures_s"] = infos["candidate"]["timings"].get("measures_s", {})
    report["setup"] = {"model": args.model, "data": args.data, "candidates": infos["candidate"]["candidate_text"],
                       "questions": infos["candidate"]["counts"]["questions"],
                       "candidates_in_pool": infos["candidate"]["counts"]["candidates"],
                       "load_before": os.getloadavg()}
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report["equal_as_sorted_rows"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
