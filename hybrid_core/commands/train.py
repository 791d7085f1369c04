"""``train``: hybrid batch training into a run folder, in the foreground (progress bar) or in the background.

Every :class:`~hybrid_core.training.TrainConfig` field is a flag (``--batch-size``, ``--alpha``, ...); a
``--config`` file gives the starting values and flags override them.

Examples::

    python -m hybrid_core train --data demo --model e5-small-cut --alpha 0.5 --max-steps 20 --batch-size 8
    python -m hybrid_core train --data ../shared/data/mlqa-r --alpha 0.3 --max-steps 200 --name mlqa-a0.3
    python -m hybrid_core train --config my-run.json --seed 2 --background   # detached; prints the run folder
    python -m hybrid_core train --resume mlqa-a0.3                           # continue from the last checkpoint
    python -m hybrid_core train --list
    python -m hybrid_core train --status mlqa-a0.3
    python -m hybrid_core train --cancel mlqa-a0.3
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import typing
from pathlib import Path
from typing import Any

from hybrid_core import jobs, runs
from hybrid_core.training import TrainConfig

#: extra spellings of some flags.
ALIASES: dict[str, list[str]] = {"learning_rate": ["--lr"], "max_steps": ["--steps"]}


def _optional(parse: Any) -> Any:
    def convert(text: str) -> Any:
        return None if text.strip().lower() in {"none", "null", ""} else parse(text)

    convert.__name__ = getattr(parse, "__name__", "value")
    return convert


def _add_field_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per TrainConfig field (default SUPPRESS, so only flags given on the command line override)."""
    hints = typing.get_type_hints(TrainConfig)
    group = parser.add_argument_group("training options (TrainConfig fields; defaults in parentheses)")
    for f in dataclasses.fields(TrainConfig):
        hint = hints[f.name]
        flag = "--" + f.name.replace("_", "-")
        names = [flag, *ALIASES.get(f.name, [])]
        help_text = f.metadata.get("help", "")
        if "default" not in help_text:
            help_text += f" (default: {f.default})"
        args = typing.get_args(hint)
        optional = type(None) in args
        base = next((a for a in args if a is not type(None)), hint) if args else hint
        if base is bool:
            group.add_argument(*names, action=argparse.BooleanOptionalAction, default=argparse.SUPPRESS,
                               help=help_text)
        elif typing.get_origin(base) is tuple:
            group.add_argument(*names, nargs="+", metavar="LANG", default=argparse.SUPPRESS,
                               help=help_text + "; space or comma separated")
        else:
            parse = str if f.name == "alpha" else {int: int, float: float}.get(base, str)  # α: a number or a schedule
            group.add_argument(*names, type=_optional(parse) if optional else parse, default=argparse.SUPPRESS,
                               choices=f.metadata.get("choices"), metavar=None if f.metadata.get("choices") else
                               f.name.upper(), help=help_text + ("; 'none' to unset" if optional else ""))


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``train`` command."""
    parser = subparsers.add_parser(
        "train", help="train a model with hybrid (monolingual/cross-lingual) batches",
        description="Fine-tune a dual encoder with in-batch negatives where each batch is monolingual with "
                    "probability alpha and cross-lingual otherwise. Writes a run folder (config.json, status.json, "
                    "metrics.jsonl, train.log, checkpoints/, final/) under <workspace>/runs/<name>.",
        epilog="A run that stopped (killed, failed, cancelled) resumes from its last checkpoint with the same batch "
               "sequence: run the same command again, or use --resume NAME.")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="JSON file of training options (or a run's config.json); flags override it")
    parser.add_argument("--resume", metavar="RUN", help="continue an unfinished run (name or folder)")
    parser.add_argument("--background", action="store_true",
                        help="submit the run as a background job and return (prints the run folder and the job id)")
    parser.add_argument("--runs-root", type=Path, default=None, metavar="DIR",
                        help="folder of runs (default: <workspace>/runs, workspace from $HBL_WORKSPACE)")
    parser.add_argument("--list", action="store_true", help="list the runs and exit")
    parser.add_argument("--status", metavar="RUN", help="print a run's status as JSON and exit")
    parser.add_argument("--cancel", metavar="RUN",
                        help="ask a running run to save a checkpoint and stop, and exit")
    parser.add_argument("--allow-outside-workspace", action="store_true",
                        help="accept an --output-dir outside the workspace (by default runs stay under it)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--json", action="store_true", help="print the final status as JSON")
    _add_field_flags(parser)
    return parser


def build_config(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig of the command line: ``--resume``'s or ``--config``'s values, overridden by flags."""
    values: dict[str, Any] = {}
    if args.resume:
        run_dir = runs.resolve_run(args.resume, args.runs_root).resolve()
        values = TrainConfig.from_json(run_dir / runs.CONFIG_FILE).to_dict()
        # the folder named on the command line is the run, wherever its config says it was created (a copied or
        # moved run folder resumes in place, not in the original it was copied from)
        values.update(name=run_dir.name, output_dir=str(run_dir))
        args.allow_outside_workspace = True
    elif args.config is not None:
        values = TrainConfig.from_json(args.config).to_dict()
    names = {f.name for f in dataclasses.fields(TrainConfig)}
    overrides = {k: v for k, v in vars(args).items() if k in names}
    if args.resume and overrides:
        raise ValueError(f"--resume continues a run as it was configured; drop {', '.join(sorted(overrides))}")
    values.update(overrides)
    if isinstance(values.get("languages"), list):
        values["languages"] = tuple(x for item in values["languages"] for x in str(item).replace(",", " ").split())
    return TrainConfig.from_dict(values)


class _ProgressBar:
    """A tqdm bar fed with status dicts (step, total, loss, realized α, ETA)."""

    def __init__(self) -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(total=None, unit="step", dynamic_ncols=True, desc="training")

    def __call__(self, status: dict[str, Any]) -> None:
        total = status.get("total") or None
        if total and self.bar.total != total:
            self.bar.total = total
            self.bar.refresh()
        step = int(status.get("step") or 0)
        if step > self.bar.n:
            self.bar.update(step - self.bar.n)
        postfix = {}
        if status.get("loss") is not None:
            postfix["loss"] = f"{status['loss']:.4f}"
        if status.get("realized_alpha") is not None:
            postfix["α"] = f"{status['realized_alpha']:.2f}"
        if postfix:
            self.bar.set_postfix(postfix, refresh=False)

    def close(self) -> None:
        self.bar.close()


def _print_runs(root: Path | None) -> None:
    rows = runs.list_runs(root)
    if not rows:
        sys.stdout.write(f"no runs in {runs.runs_root(root)}\n")
        return
    header = f"{'name':<32} {'state':<10} {'step':>11} {'alpha':>5} {'seed':>5} {'loss':>8}  model\n"
    sys.stdout.write(header)
    for r in rows:
        step = f"{r.get('step') or 0}/{r.get('total') or '?'}"
        loss = f"{r['loss']:.4f}" if isinstance(r.get("loss"), float) else "-"
        alpha = f"{r['alpha']:g}" if isinstance(r.get("alpha"), float) else "-"
        sys.stdout.write(f"{r['name']:<32} {r.get('state', '?'):<10} {step:>11} {alpha:>5} {r.get('seed', '-')!s:>5} "
                         f"{loss:>8}  {r.get('model', '-')}\n")


def run(args: argparse.Namespace) -> int:
    """Run the ``train`` command."""
    if args.list:
        _print_runs(args.runs_root)
        return 0
    if args.status:
        sys.stdout.write(json.dumps(runs.read_status(args.status, args.runs_root), indent=2) + "\n")
        return 0
    if args.cancel:
        run_dir = runs.resolve_run(args.cancel, args.runs_root)
        job = jobs.job_for_target(run_dir)
        if job is not None:
            job = jobs.cancel(job.id)
            sys.stdout.write(f"{run_dir}: job {job.id} {job.state}\n")
            return 0
        status = runs.read_status(run_dir)
        if status.get("alive") and status.get("pid"):  # trained in the foreground of another terminal
            jobs.stop_foreground(int(status["pid"]))
            sys.stdout.write(f"cancel requested for {run_dir} (pid {status['pid']}: it saves a checkpoint and "
                             "stops)\n")
        else:
            sys.stdout.write(f"{run_dir} is not running (state {status.get('state')})\n")
        return 0
    config = build_config(args)
    if args.background:
        run_dir, job = jobs.launch_run(config, root=args.runs_root,
                                       allow_outside_workspace=args.allow_outside_workspace)
        sys.stdout.write(f"{run_dir}\njob {job.id} ({job.state}); follow with: python -m hybrid_core train --status "
                         f"{run_dir}\n")
        return 0
    from hybrid_core.training import train  # local: loads torch; --help and job submission stay fast

    bar = None if args.no_progress else _ProgressBar()
    try:
        run_dir = train(config, progress=bar, root=args.runs_root,
                        allow_outside_workspace=args.allow_outside_workspace)
    finally:
        if bar is not None:
            bar.close()
    status = runs.read_status(run_dir)
    if args.json:
        sys.stdout.write(json.dumps(status, indent=2) + "\n")
    else:
        first, last = status.get("first_loss"), status.get("loss")
        losses = f"loss {first:.4f} -> {last:.4f}" if first is not None and last is not None else "no loss logged"
        alpha = status.get("realized_alpha")
        sys.stdout.write(f"{status['state']}: {run_dir}\n{status.get('step')}/{status.get('total')} steps, {losses}, "
                         f"realized α {alpha if alpha is None else f'{alpha:.3f}'} (target {config.schedule}, mean "
                         f"{config.schedule.mean:g})\n")
        if status["state"] == "finished":
            sys.stdout.write(f"model: {run_dir / runs.FINAL_DIR}\n")
    return 0 if status["state"] == "finished" else 1
