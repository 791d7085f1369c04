"""Peak memory and wall time of ``sweep report`` (and of a small multi-point sweep), against a baseline measured in the
same run.

Report: the **old way** reads every results file of the sweep into one table (``collect_results``), then splits it per
evaluation and per remedied dataset, as ``write_sweep_report`` did before; the **new way** is
:func:`hybrid_core.report.write_sweep_report` as it is (one evaluation at a time; the remedies report reads only the
per-query rows it resamples). Each runs in its own child process; its peak RSS is the child's ``ru_maxrss``
(``os.wait4``; Chromium, which kaleido starts for PNGs, is not counted), the wall time is the child's. The two reports
are compared file by file (they must be byte-identical). ``--points N`` first grows a copy of the archive to N
trained points (clones of its trained point with the most evaluations, relabelled α = 0, 0.5, 1 x seeds 1, 2, ...;
the values repeat, the row counts are those of a real grid), e.g. ``--points 9`` for the remedies experiment's
size.

Sweep (``--sweep``): a sweep on the demo data with the cut model (``e5-small-cut``), several ``--eval
demo,debias=...`` evaluations and an archive, ``workers=1``; the RSS of the sweep's own process after each point,
in process (points in the sweep's process, the old way) and with ``isolate=True`` (each point in a child process).

The machine's cores may be shared: the load average is printed before and after.

Usage::

    .venv/bin/python benchmarks/report_memory.py                                     # the remedies archive, no PNGs
    .venv/bin/python benchmarks/report_memory.py --archive docs/results/budget-s300/archive --png
    .venv/bin/python benchmarks/report_memory.py --points 9 --skip-old --limit-gb 6   # the full experiment's size
    .venv/bin/python benchmarks/report_memory.py --sweep --no-report
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ----- the two ways of reporting (run in a child process) --------------------------------------------------------
def old_report(folder: Path, out: Path, *, png: bool, draws: int) -> None:
    """``write_sweep_report`` before: every file of the sweep in one table, split per evaluation afterwards."""
    from hybrid_core import measures
    from hybrid_core.atomic import write_json
    from hybrid_core.report import (
        _jsonable,
        evaluation_report,
        remedies_report,
        remedy_coverage,
    )
    from hybrid_core.results import aggregated, has_remedies, has_schedules
    from hybrid_core.sweep.folder import collect_results, read_saved

    config = read_saved(folder)
    out.mkdir(parents=True, exist_ok=True)
    table = collect_results(folder, metrics=set(measures.reported()))
    cells = aggregated(table)
    if not has_schedules(cells):
        cells = cells.drop(columns="schedule")
    if not has_remedies(cells):
        cells = cells.drop(columns=["debias", "debias_fit"])
    cells.to_csv(out / "results.csv", index=False, float_format="%.6f")
    written = [out / "results.csv"]
    for name in sorted(table["evaluation"].unique()):
        written += evaluation_report(table[table["evaluation"] == name].drop(columns="evaluation"), name, out,
                                     png=png, draws=draws)
    if has_remedies(table):
        bases = table["evaluation"].str.split("--").str[0]
        for base in sorted(bases.unique()):
            part = table[(bases == base).to_numpy()]
            if part["debias"].nunique() > 1:
                written += remedies_report(part.drop(columns="evaluation"), base, out,
                                           coverage=remedy_coverage(folder, base), png=png, draws=draws)
    files = sorted(p.relative_to(out).as_posix() for p in written)
    manifest = {"sweep": config["name"], "config": config, "files": files, "points": int(cells["run"].nunique()),
                "alphas": sorted(float(a) for a in cells["alpha"].dropna().unique())}
    write_json(out / "report.json", json.loads(json.dumps(manifest, default=_jsonable)))


def new_report(folder: Path, out: Path, *, png: bool, draws: int) -> None:
    from hybrid_core.report import write_sweep_report

    write_sweep_report(folder, out, png=png, draws=draws)


def child_report(args: argparse.Namespace) -> None:
    way = {"old": old_report, "new": new_report}[args.child]
    way(Path(args.archive), Path(args.out), png=args.png, draws=args.draws)


# ----- measuring a child ---------------------------------------------------------------------------------------
def measured(argv: list[str], *, limit_gb: float | None, env: dict[str, str] | None = None,
             stdout: int | None = subprocess.DEVNULL) -> dict[str, float | int | str]:
    """Run ``argv`` (niced, optionally under an address-space limit); its exit code, wall time and peak RSS."""

    def limits() -> None:
        os.nice(10)
        if limit_gb:
            size = int(limit_gb * 1e9)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    started = time.perf_counter()
    process = subprocess.Popen(argv, preexec_fn=limits, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    err = process.stderr.read() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    return {"exit": code, "wall_s": round(wall, 1), "peak_rss_gb": round(usage.ru_maxrss / 1e6, 2),
            "error": err.strip().splitlines()[-1] if code and err.strip() else ""}


def same_files(a: Path, b: Path) -> tuple[int, list[str]]:
    """How many files the two report folders share, and those that differ or exist on one side only."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differing = sorted(names_a ^ names_b)
    differing += sorted(n for n in names_a & names_b if not filecmp.cmp(a / n, b / n, shallow=False))
    return len(names_a & names_b), differing


# ----- a bigger archive ------------------------------------------------------------------------------------------
def grown_archive(archive: Path, target: Path, points: int) -> Path:
    """A copy of ``archive`` with ``points`` trained points: clones of its trained point with the most evaluations
    (α = 0, 0.5, 1 x seeds 1, 2, ...; the untuned model and the original points stay)."""
    from hybrid_core.results import read_results, write_results
    from hybrid_core.sweep.config import UNTUNED

    shutil.copytree(archive, target)
    results = target / "results"
    trained = [p for p in results.iterdir() if p.is_dir() and p.name != UNTUNED]
    chosen = max(trained, key=lambda p: (len(list(p.glob("*.parquet"))), p.name))
    source = target / "clone-source"  # outside results/: the grid may reuse the chosen point's name
    shutil.copytree(chosen, source)
    wanted = [(alpha, seed) for seed in range(1, points + 1) for alpha in (0.0, 0.5, 1.0)][:points]
    for alpha, seed in wanted:
        name = f"a{alpha:.2f}-s{seed}"
        folder = results / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for path in sorted(source.iterdir()):
            if path.suffix != ".parquet":
                shutil.copy2(path, folder / path.name)
                continue
            table = read_results(path)
            table["run"], table["alpha"], table["seed"] = name, alpha, seed
            table["schedule"] = f"{alpha:g}"
            write_results(table, folder / path.name)
    for stale in trained:
        if stale.name not in {f"a{a:.2f}-s{s}" for a, s in wanted} and stale.exists():
            shutil.rmtree(stale)
    shutil.rmtree(source)
    config = json.loads((target / "sweep.json").read_text(encoding="utf-8"))
    config["alphas"] = sorted({*config.get("alphas", []), 0.0, 0.5, 1.0}, key=str)
    config["seeds"] = sorted({*config.get("seeds", []), *(s for _, s in wanted)})
    (target / "sweep.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return target


def compare_reports(args: argparse.Namespace, work: Path) -> dict[str, object]:
    archive = Path(args.archive).resolve()
    if args.points:
        archive = grown_archive(archive, work / "archive", args.points)
    files = sum(1 for _ in (archive / "results").glob("*/*.parquet"))
    rows: dict[str, object] = {"archive": str(args.archive), "points": args.points or "as archived",
                               "results files": files, "png": args.png}
    outcome = {}
    for way in ("old", "new"):
        if way == "old" and args.skip_old:
            continue
        out = work / f"report-{way}"
        argv = [sys.executable, str(Path(__file__).resolve()), "--child", way, "--archive", str(archive),
                "--out", str(out), "--draws", str(args.draws), *(["--png"] if args.png else [])]
        outcome[way] = measured(argv, limit_gb=args.limit_gb)
        print(f"report, {way} way: {json.dumps(outcome[way])}", flush=True)
    rows.update(outcome)
    if "old" in outcome and outcome["old"]["exit"] == 0 and outcome["new"]["exit"] == 0:
        shared, differing = same_files(work / "report-old", work / "report-new")
        rows["identical files"] = f"{shared - len(differing)} of {shared}" + (f"; differ: {differing}"
                                                                               if differing else "")
        rows["peak RSS new / old"] = round(outcome["new"]["peak_rss_gb"] / outcome["old"]["peak_rss_gb"], 3)
        rows["wall time new / old"] = round(outcome["new"]["wall_s"] / outcome["old"]["wall_s"], 3)
    return rows


# ----- a small sweep ---------------------------------------------------------------------------------------------
SWEEP_CHILD = """
import json, sys, time
from pathlib import Path
import psutil
from hybrid_core import sweep
root, isolate, alphas = Path(sys.argv[1]), sys.argv[2] == "1", [float(a) for a in sys.argv[3].split(",")]
evaluations = tuple(sweep.EvalSpec.parse(t) for t in ("demo", "demo,debias=centering", "demo,debias=lir:1",
                                                       "demo,debias=shift:0.5", "demo,debias=centering;fit=train"))
config = sweep.SweepConfig(name="mem", alphas=tuple(alphas), seeds=(1,), evaluations=evaluations,
                           train={"model": "e5-small-cut", "data": "demo", "max_steps": 6, "batch_size": 8,
                                  "save_steps": 3, "logging_steps": 1, "warmup_ratio": 0.0})
me, started = psutil.Process(), time.perf_counter()
def on_point(point, state):
    print(json.dumps({"point": point, "state": state, "rss_mb": round(me.memory_info().rss / 1e6),
                      "s": round(time.perf_counter() - started, 1)}), flush=True)
sweep.run_sweep(config, root=root, on_point=on_point, archive=root / "archive", isolate=isolate)
print(json.dumps({"point": "end", "rss_mb": round(me.memory_info().rss / 1e6),
                  "s": round(time.perf_counter() - started, 1)}), flush=True)
"""


def compare_sweeps(args: argparse.Namespace, work: Path) -> dict[str, object]:
    rows: dict[str, object] = {"sweep points": len(args.sweep_alphas.split(",")), "evaluations per point": 5}
    for way, isolate in (("in process", "0"), ("isolated", "1")):
        root = work / f"sweep-{isolate}"
        env = {**os.environ, "HBL_WORKSPACE": str(root / "ws"), "PYTHONPATH": str(ROOT)}
        argv = [sys.executable, "-c", SWEEP_CHILD, str(root), isolate, args.sweep_alphas]
        result = measured(argv, limit_gb=None, env=env, stdout=subprocess.PIPE)
        print(f"sweep, {way}: {json.dumps(result)}", flush=True)
        rows[way] = result
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", default=str(ROOT / "docs/results/remedies/archive"))
    parser.add_argument("--points", type=int, default=0, help="grow a copy of the archive to N trained points first")
    parser.add_argument("--png", action="store_true", help="also export PNGs (kaleido + Chromium)")
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--limit-gb", type=float, default=None, help="address-space limit of each child (GB)")
    parser.add_argument("--skip-old", action="store_true", help="measure only the new way")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--sweep", action="store_true", help="also the small multi-point sweep")
    parser.add_argument("--sweep-alphas", default="0,0.25,0.5,0.75,1")
    parser.add_argument("--child", choices=("old", "new"), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_report(args)
        return
    print(f"load average before: {os.getloadavg()}", flush=True)
    summary: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="report-memory-") as tmp:
        if not args.no_report:
            summary["report"] = compare_reports(args, Path(tmp))
        if args.sweep:
            summary["sweep"] = compare_sweeps(args, Path(tmp))
    print(f"load average after: {os.getloadavg()}", flush=True)
    print(json.dumps(summary, indent=2, default=str))


if __name__ == "__main__":
    main()
