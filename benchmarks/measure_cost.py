"""What each measure costs in an evaluation: search-and-score time with the pre-registry measure set and with today's
default, and the per-measure breakdown the engine records (``table.attrs["evaluation"]["timings"]["measures_s"]``).

The evaluation runs in this process through :func:`hybrid_core.evaluation.engine.evaluate`, on the on-disk embedding
cache (run an evaluation of the same model, data and candidate text once first, or this run encodes everything
before timing). Two configurations, alternating for ``--repeat`` rounds (the machine's cores may be shared: the load
average is printed; compare within one run):

- ``legacy``: the measures an evaluation computed before the registry: AP@20, R@1, R@10, nDCG@10 per cell and RD,
  PooledRank, LangShare@10, SameLangAbove on the pooled ranking;
- ``default``: today's default: the task's ranking measures (``nDCG@20`` added) and every registered pooled and
  parallel measure at its default cutoffs (TLR@20, PEER@20, PEER@100, MRC@5, MRC@10, MRC@20 added).

For each it prints ``search_and_score_s`` (minimum over rounds) and, for ``default``, the engine's breakdown:
``search`` (score matrices and top-k of every pool), ``ranking measures`` (AP@k, R@k, nDCG@k of every cell, one
pytrec_eval call per query language), ``pooled ranks`` (the ranks of the relevant candidates, shared by the pooled
measures) and each pooled and parallel measure.

Usage::

    .venv/bin/python benchmarks/measure_cost.py --data ../shared/data/xquad-r --candidates sentence
    .venv/bin/python benchmarks/measure_cost.py --model e5-small-cut --data demo --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

LEGACY = {"measures": ("AP@20", "R@1", "R@10", "nDCG@10"),
          "bias_measures": ("RD", "PooledRank", "LangShare@10", "SameLangAbove")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="e5-small")
    parser.add_argument("--data", default="demo", help="a dataset folder, or 'demo'")
    parser.add_argument("--candidates", default=None, help="candidate text (default: the task's)")
    parser.add_argument("--backend", default="torch")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args()

    from hybrid_core.backends import get_encoder
    from hybrid_core.commands.evaluate import load_data
    from hybrid_core.evaluation.engine import evaluate

    dataset = load_data(args.data)
    encoder = get_encoder(args.model, backend=args.backend)
    configs = {"legacy": LEGACY, "default": {}}
    totals: dict[str, list[float]] = {name: [] for name in configs}
    breakdowns: dict[str, list[dict[str, float]]] = {name: [] for name in configs}
    load = [os.getloadavg()]
    for _ in range(args.repeat):
        for name, overrides in configs.items():
            table = evaluate(encoder, dataset, candidate_text=args.candidates, progress=False, **overrides)
            timings = table.attrs["evaluation"]["timings"]
            totals[name].append(timings["search_and_score_s"])
            breakdowns[name].append(timings.get("measures_s", {}))
    load.append(os.getloadavg())
    info = table.attrs["evaluation"]
    result = {
        "setup": {"model": args.model, "data": dataset.name, "candidates": info["candidate_text"],
                  "questions": info["counts"]["questions"], "candidates_in_pool": info["counts"]["candidates"],
                  "load_average_before_after": load},
        "search_and_score_s": {name: round(min(values), 2) for name, values in totals.items()},
        "search_and_score_s_all": {name: [round(v, 2) for v in values] for name, values in totals.items()},
        "default_breakdown_s": {key: round(min(b.get(key, float("nan")) for b in breakdowns["default"]), 3)
                                for key in breakdowns["default"][0]},
        "legacy_breakdown_s": {key: round(min(b.get(key, float("nan")) for b in breakdowns["legacy"]), 3)
                               for key in breakdowns["legacy"][0]},
    }
    write = sys.stdout.write
    best = result["search_and_score_s"]
    write(f"{result['setup']}\n\nsearch and score (s, min of {args.repeat}): "
          f"legacy {best['legacy']:.2f}, default {best['default']:.2f}\n\n")
    write(f"{'part':<18}{'legacy s':>10}{'default s':>11}\n")
    for key, seconds in result["default_breakdown_s"].items():
        legacy = result["legacy_breakdown_s"].get(key)
        write(f"{key:<18}{'' if legacy is None else f'{legacy:.3f}':>10}{seconds:>11.3f}\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
