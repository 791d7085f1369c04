"""``sweep``: run an α × seed grid of training runs with evaluations, resumably; report its curves.

Examples::

    # the zero-shot protocol: train on MLQA-R, evaluate on XQuAD-R (sentence candidates)
    python -m hybrid_core sweep run mlqa2xquad --data ../shared/data/mlqa-r --eval ../shared/data/xquad-r \\
        --alphas 0 0.2 0.4 0.5 0.6 0.8 1 --seeds 1 2 3 --max-steps 200 --batch-size 32
    python -m hybrid_core sweep status mlqa2xquad
    python -m hybrid_core sweep report mlqa2xquad --out docs/results/mlqa2xquad
    # keep a small archive of every finished point (commit it): another machine continues from it, and the
    # report can be regenerated from it alone
    python -m hybrid_core sweep run mlqa2xquad ... --archive docs/results/mlqa2xquad/archive
    python -m hybrid_core sweep report docs/results/mlqa2xquad/archive --out docs/results/mlqa2xquad
    # the same in the background (returns at once; survives the shell), then stop it; launch again to resume
    python -m hybrid_core sweep launch mlqa2xquad --data ../shared/data/mlqa-r --eval ../shared/data/xquad-r ...
    python -m hybrid_core sweep cancel mlqa2xquad
    # α schedules beside constants; constant points of a published sweep with the same settings are reused
    python -m hybrid_core sweep run schedules --data ../shared/data/mlqa-r --eval ../shared/data/xquad-r \\
        --alphas 0 0.5 1 linear:0-1 step:0-1@0.5 --seeds 1 2 3 --max-steps 300 \\
        --reuse docs/results/budget-s300/archive --archive docs/results/schedules/archive
    # a quick one on the shipped demo set with the cut model
    python -m hybrid_core sweep run demo-cut --data demo --eval demo --model e5-small-cut --alphas 0 1 --max-steps 4

Re-running ``sweep run`` with the same name skips finished points and resumes a broken one; more α values,
seeds or evaluations may be added to an existing sweep, other training settings may not.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TextIO

from hybrid_core import analysis, jobs, sweep
from hybrid_core.commands.train import _add_field_flags
from hybrid_core.measures import curve_higher_is_better
from hybrid_core.training import TrainConfig


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``sweep`` command and its sub-commands."""
    parser = subparsers.add_parser("sweep", help="run an α × seed grid (resumable) and report its curves",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="sweep_command", metavar="ACTION", required=True)

    run = sub.add_parser("run", help="start or continue a sweep (in this process)")
    _add_sweep_arguments(run)
    run.add_argument("--backend", choices=["local", "ray"], default="local",
                     help="where points run: local processes, or tasks on a Ray cluster (optional extra)")
    run.add_argument("--progress", action="store_true", help="show evaluation progress bars")
    run.add_argument("--only-seeds", nargs="+", type=int, default=None, metavar="S",
                     help="run only the points of these seeds now (the grid keeps its other seeds for later)")
    run.add_argument("--evaluate-only", action="store_true",
                     help="train nothing: give the points already trained here the evaluations they lack")
    run.add_argument("--in-process", action="store_true",
                     help="with one worker, run the points in this process (default: each point in a child process "
                          "of its own, so a long sweep's memory is that of one point)")
    _add_field_flags(run)

    launch = sub.add_parser("launch", help="start or continue a sweep in the background and return at once")
    _add_sweep_arguments(launch)
    _add_field_flags(launch)

    cancel = sub.add_parser("cancel", help="stop a sweep's background process (finished points stay)")
    cancel.add_argument("name", help="sweep name or folder")
    cancel.add_argument("--root", type=Path, default=None)
    cancel.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait after SIGTERM before SIGKILL (default 60)")

    status = sub.add_parser("status", help="state of every point of a sweep")
    status.add_argument("name", help="sweep name or folder")
    status.add_argument("--root", type=Path, default=None)
    status.add_argument("--json", action="store_true")

    report = sub.add_parser("report", help="results table, curves, best α, paired tests and figures of a sweep")
    report.add_argument("name", help="sweep name or folder, or an archive folder (e.g. docs/results/NAME/archive)")
    report.add_argument("--out", type=Path, required=True, help="folder for the CSV/JSON tables and figures")
    report.add_argument("--root", type=Path, default=None)
    report.add_argument("--no-png", action="store_true", help="HTML figures only (PNG needs Chromium)")

    keep = sub.add_parser("archive", help="add a sweep's finished points to its archive (small, committable)")
    keep.add_argument("name", help="sweep name or folder")
    keep.add_argument("--out", type=Path, required=True, help="archive folder (e.g. docs/results/NAME/archive)")
    keep.add_argument("--root", type=Path, default=None)

    migrate = sub.add_parser("migrate", help="make an archive written before portable results portable (data by "
                                           "name and fingerprint, models by run name, not paths of one machine)")
    migrate.add_argument("archive", type=Path, help="archive folder (e.g. docs/results/NAME/archive)")

    best = sub.add_parser("best", help="print the best α of a sweep or archive for one metric and setting")
    best.add_argument("name", help="sweep name or folder, or an archive folder")
    best.add_argument("--metric", default="AP@20")
    best.add_argument("--setting", default="multilingual", choices=["monolingual", "cross-lingual", "multilingual"])
    best.add_argument("--evaluation", default=None, help="evaluation name (default: the only one, or the first)")
    best.add_argument("--root", type=Path, default=None)
    best.add_argument("--json", action="store_true", help="the whole answer: value, interval, share of draws")

    point = sub.add_parser("point")  # one point, run by worker processes (no help=: hidden from --help)
    point.add_argument("folder", type=Path)
    which = point.add_mutually_exclusive_group(required=True)
    which.add_argument("--alpha", help="α: a number or a schedule spelling")
    which.add_argument("--untuned", action="store_true", help="the untuned model's missing evaluations")
    point.add_argument("--seed", type=int, default=None)
    point.add_argument("--progress", action="store_true")
    return parser


def _add_sweep_arguments(parser: argparse.ArgumentParser) -> None:
    """The grid, evaluation and execution arguments shared by ``run`` and ``launch``."""
    parser.add_argument("sweep_name", metavar="NAME", help="sweep name (folder under <workspace>/sweeps)")
    parser.add_argument("--alphas", nargs="+", default=None, metavar="A",
                        help="α values in [0, 1] and/or schedules over training (linear:0-1, step:0-1@0.5, "
                             f"cosine:1-0, points:0@0,1@0.5) (default {' '.join(map(str, sweep.DEFAULT_ALPHAS))})")
    parser.add_argument("--seeds", nargs="+", type=int, default=None, metavar="S", help="seeds (default 1)")
    parser.add_argument("--eval", dest="evaluations", action="append", default=[], metavar="SPEC",
                        help="evaluation after each point: PATH or 'demo', with options "
                             "',candidates=sentence+context', ',max_questions=300', ',format=lareqa', "
                             "',backend=torch', ',languages=en+de', ',alphas=0+1' / ',seeds=1' (only those points; "
                             "the untuned model always), ',debias=centering' / 'lir:2' / 'shift:0.5' (an index-side "
                             "remedy; ',debias_data=PATH' its estimation data) (repeatable; default: demo)")
    parser.add_argument("--no-untuned", action="store_true", help="do not evaluate the untuned reference model")
    parser.add_argument("--workers", type=int, default=1,
                        help="points run at once (one GPU each where available)")
    parser.add_argument("--root", type=Path, default=None, help="sweeps folder (default <workspace>/sweeps)")
    parser.add_argument("--archive", type=Path, default=None, metavar="DIR",
                        help="the sweep's archive (small, committable): its points are restored instead of "
                             "retrained, and every finished point is added to it (e.g. docs/results/NAME/archive)")
    parser.add_argument("--reuse", type=Path, action="append", default=[], metavar="DIR",
                        help="the archive of another sweep with the same training settings: its points of this "
                             "grid (and the untuned model) are copied in instead of trained (repeatable)")


def _folder(name: str, root: Path | None) -> Path:
    path = Path(name).expanduser()
    if path.is_dir() and (path / sweep.CONFIG_FILE).is_file():
        return path
    if path.exists() or "/" in name:
        raise FileNotFoundError(f"{name} is not a sweep folder or archive (it has no {sweep.CONFIG_FILE}); give a "
                                "sweep name, a sweep folder or an archive folder such as docs/results/NAME/archive")
    folder = sweep.sweep_dir(name, root=root)
    if not (folder / sweep.CONFIG_FILE).is_file():
        raise FileNotFoundError(f"no sweep named {name!r} in {folder.parent}")
    return folder


def _config(args: argparse.Namespace) -> sweep.SweepConfig:

    names = {f.name for f in dataclasses.fields(TrainConfig)}
    train = {k: v for k, v in vars(args).items() if k in names}
    if isinstance(train.get("languages"), list):
        train["languages"] = tuple(x for item in train["languages"] for x in str(item).replace(",", " ").split())
    folder = sweep.sweep_dir(args.sweep_name, root=args.root)
    saved = sweep.load_config(folder) if (folder / sweep.CONFIG_FILE).is_file() else None
    if saved is not None and not train:
        train = saved.train  # `sweep run NAME` alone continues the sweep as configured
    evaluations = tuple(sweep.EvalSpec.parse(spec) for spec in args.evaluations)
    if not evaluations:
        evaluations = saved.evaluations if saved is not None else (sweep.EvalSpec("demo"),)
    return sweep.SweepConfig(
        name=args.sweep_name,
        alphas=tuple(args.alphas) if args.alphas else (saved.alphas if saved else sweep.DEFAULT_ALPHAS),
        seeds=tuple(args.seeds) if args.seeds else (saved.seeds if saved else (1,)),
        train=train, evaluations=evaluations,
        untuned=False if args.no_untuned else (saved.untuned if saved else True))


def _print_states(states, out: TextIO | None = None) -> None:
    out = out or sys.stdout  # looked up at call time: a default bound at import would outlive a redirected stdout
    width = max([14, *(len(p) + 1 for p in states["point"])])
    out.write(f"{'point':<{width}} {'alpha':>6} {'seed':>5}  state\n")
    for row in states.itertuples():
        alpha = "-" if row.alpha != row.alpha else f"{row.alpha:.2f}"
        seed = "-" if row.seed < 0 else str(row.seed)
        missing = f" (missing: {', '.join(row.missing_evaluations)})" if row.state != "done" and \
            row.missing_evaluations else ""
        out.write(f"{row.point:<{width}} {alpha:>6} {seed:>5}  {row.state}{missing}\n")
    done = int((states["state"] == "done").sum())
    out.write(f"{done}/{len(states)} done\n")


def _process_line(record: dict | None) -> str:
    """``process: running in the background (pid 12, started ...) · log ...`` for ``sweep status``."""
    if record is None:
        return "process: none recorded (never run by this version)"
    detached = record.get("detached", True)
    if record["alive"]:
        state = "running in the background" if detached else "running in the foreground"
    elif record.get("cancelled"):
        state = f"cancelled {record['cancelled']}"
    elif record.get("ended"):
        state = f"ended {record['ended']}"
    else:
        state = "not running (stopped or killed)"
    log = f" · log {record['log']}" if detached else ""
    return f"process: {state} (pid {record['pid']}, started {record.get('started')}){log}"


def _print_best(args: argparse.Namespace) -> int:
    """``sweep best``: the best α (seeds averaged) of one metric and setting, from the per-query rows."""

    table = sweep.collect_results(_folder(args.name, args.root), metrics=[args.metric])
    evaluations = sorted(table["evaluation"].unique())
    if not evaluations:
        raise ValueError(f"sweep {args.name!r} has no results for metric {args.metric!r} yet")
    evaluation = args.evaluation or evaluations[0]
    if evaluation not in evaluations:
        raise ValueError(f"unknown evaluation {evaluation!r}; this sweep has {evaluations}")
    rows = table[table["evaluation"] == evaluation].drop(columns="evaluation")
    answer = analysis.best_alpha(rows, metric=args.metric, setting=args.setting,
                                 higher_is_better=curve_higher_is_better(args.metric))
    sys.stdout.write((json.dumps(answer, default=str) if args.json else f"{answer['alpha']:g}") + "\n")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the ``sweep`` command."""
    if args.sweep_command == "point":
        if args.untuned:
            sweep.run_untuned(args.folder, sweep.load_config(args.folder), progress=args.progress)
            return 0
        if args.seed is None:
            raise ValueError("sweep point: --seed is required with --alpha")
        state = sweep.run_point(args.folder, args.alpha, args.seed, progress=args.progress)
        sys.stdout.write(f"{sweep.point_id(args.alpha, args.seed)}: {state}\n")
        return 0 if state == "done" else 1
    if args.sweep_command == "status":
        folder = _folder(args.name, args.root)
        states = sweep.point_states(folder)  # a read: never writes (the folder may be a committed archive)
        if args.json:
            sys.stdout.write(states.to_json(orient="records", indent=2) + "\n")
        else:
            _print_states(states)
            sys.stdout.write(_process_line(sweep.sweep_process(folder)) + "\n")

            job = jobs.job_for_target(folder)
            if job is not None:
                sys.stdout.write(f"job: {job.id} ({job.state})\n")
        return 0
    if args.sweep_command == "cancel":

        folder = _folder(args.name, args.root)
        job = jobs.job_for_target(folder)
        record = sweep.sweep_process(folder)
        if job is None and record and record["alive"] and not record.get("detached", True):
            raise ValueError(f"sweep {folder.name!r} runs in the foreground of process {record['pid']}; stop it "
                             "there (Ctrl-C)")
        stopped = job is not None and jobs.cancel(job.id, timeout=args.timeout).state == "cancelled"
        root = f" --root {folder.parent}" if args.root else ""
        sys.stdout.write(f"sweep {folder.name}: {'stopped' if stopped else 'no background job was running'}; "
                         f"finished points are kept (resume with: python -m hybrid_core sweep launch "
                         f"{folder.name}{root})\n")
        return 0
    if args.sweep_command == "launch":

        folder, job = jobs.launch_sweep(_config(args), root=args.root, workers=args.workers, archive=args.archive,
                                        reuse=args.reuse)
        sys.stdout.write(f"{folder}\njob {job.id} ({job.state}), log {job.log}; follow with: "
                         f"python -m hybrid_core sweep status {folder}\n")
        return 0
    if args.sweep_command == "archive":
        from hybrid_core.archive import write_archive  # local: loads scipy; other subcommands stay fast

        written = write_archive(_folder(args.name, args.root), args.out)
        sys.stdout.write(f"{len(written)} file(s) written or changed in {args.out}\n")
        return 0
    if args.sweep_command == "migrate":
        from hybrid_core.archive import migrate_archive  # local: loads scipy; other subcommands stay fast

        written = migrate_archive(args.archive)
        sys.stdout.write(f"{len(written)} file(s) rewritten in {args.archive}\n")
        return 0
    if args.sweep_command == "best":
        return _print_best(args)
    if args.sweep_command == "report":
        from hybrid_core.report import write_sweep_report  # local: loads plotly and scipy

        written = write_sweep_report(_folder(args.name, args.root), args.out, png=not args.no_png)
        for path in written:
            sys.stdout.write(f"{path}\n")
        return 0
    config = _config(args)

    def announce(point: str, state: str) -> None:
        sys.stdout.write(f"{point}: {state}\n")
        sys.stdout.flush()

    sweep.run_sweep(config, root=args.root, workers=args.workers, backend=args.backend, on_point=announce,
                    progress=args.progress, archive=args.archive, reuse=args.reuse, only_seeds=args.only_seeds,
                    evaluate_only=args.evaluate_only, isolate=not args.in_process)
    states = sweep.point_states(sweep.sweep_dir(config.name, root=args.root))
    _print_states(states)
    if args.only_seeds:
        states = states[states["seed"].isin([*args.only_seeds, -1])]
    if args.evaluate_only:
        states = states[~states["state"].isin(["pending", "cancelled", "failed", "running"])]
    failed = states[~states["state"].isin(["done"])]
    if len(failed):
        sys.stdout.write(json.dumps(failed[["point", "state"]].to_dict(orient="records")) + "\n")
    return 0 if failed.empty else 1
