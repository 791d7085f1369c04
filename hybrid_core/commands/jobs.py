"""``jobs``: the background jobs (training runs, sweeps, evaluations): list, status, cancel, resume.

Examples::

    python -m hybrid_core jobs                      # the jobs (running and queued ones on top, oldest first)
    python -m hybrid_core jobs status JOB           # one job's record as JSON
    python -m hybrid_core jobs cancel JOB           # drop a queued job, or stop a running one (it checkpoints)
    python -m hybrid_core jobs resume JOB           # run an ended job's command again (it resumes)

Jobs are started by ``train --background``, ``sweep launch`` and the dashboard; at most ``$HBL_MAX_JOBS`` run at
once (default: one, or one per GPU), the others wait in a durable queue.
"""

from __future__ import annotations

import argparse
import json
import sys

from hybrid_core import jobs


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``jobs`` command."""
    parser = subparsers.add_parser("jobs", help="background jobs (runs, sweeps, evaluations): list, cancel, resume",
                                   description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="jobs_command", metavar="ACTION")
    listing = sub.add_parser("list", help="the jobs: queued and running ones first, each group oldest first")
    listing.add_argument("--json", action="store_true")
    status = sub.add_parser("status", help="one job's record")
    status.add_argument("job")
    cancel = sub.add_parser("cancel", help="drop a queued job or stop a running one")
    cancel.add_argument("job")
    cancel.add_argument("--timeout", type=float, default=60.0, help="seconds before SIGKILL (default 60)")
    resume = sub.add_parser("resume", help="submit an ended job's command again")
    resume.add_argument("job")
    sub.add_parser("pump", help="start queued jobs while slots are free")
    run = sub.add_parser("run")  # the body of a job's process (no help=: argparse then leaves it out of --help)
    run.add_argument("job")
    return parser


def _line(job: jobs.Job) -> str:
    when = job.started or job.created
    note = f"  ({job.error})" if job.error and job.state in ("failed", "cancelled") else ""
    return f"{job.id:<48} {job.kind:<9} {job.state:<10} {when or '':<25}{note}\n"


def run(args: argparse.Namespace) -> int:
    """Run the ``jobs`` command."""
    action = args.jobs_command or "list"
    if action == "run":
        return jobs.run_job(args.job)
    if action == "status":
        sys.stdout.write(json.dumps(jobs.get(args.job).to_dict(), indent=2) + "\n")
        return 0
    if action == "cancel":
        job = jobs.cancel(args.job, timeout=args.timeout)
        sys.stdout.write(f"{job.id}: {job.state}\n")
        return 0
    if action == "resume":
        job = jobs.resume(args.job)
        sys.stdout.write(f"{job.id}: {job.state} (log {job.log})\n")
        return 0
    if action == "pump":
        started = jobs.pump()
        sys.stdout.write(f"{len(started)} job(s) started\n")
        return 0
    found = jobs.list_jobs()
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps([j.to_dict() for j in found], indent=2) + "\n")
        return 0
    if not found:
        sys.stdout.write(f"no jobs in {jobs.jobs_dir()}\n")
        return 0
    sys.stdout.write(f"{'job':<48} {'kind':<9} {'state':<10} started / queued\n")
    for job in sorted(found, key=lambda j: (not j.active, j.created), reverse=False):
        sys.stdout.write(_line(job))
    sys.stdout.write(f"at most {jobs.max_concurrent()} run at once ($HBL_MAX_JOBS)\n")
    return 0
