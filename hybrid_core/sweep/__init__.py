"""α sweeps: a grid of (α schedule, seed) training runs, each followed by evaluation, in one resumable folder.

One concept per module:

- :mod:`~hybrid_core.sweep.config`: what a sweep is (:class:`SweepConfig`, :class:`EvalSpec`, point ids);
- :mod:`~hybrid_core.sweep.folder`: where its runs and results live, which points are done, all its results;
- :mod:`~hybrid_core.sweep.execution`: running it (foreground, worker processes, Ray);
- :mod:`~hybrid_core.sweep.process`: the process that runs it (record, lock); in the background it is a job of
  :mod:`hybrid_core.jobs` (``jobs.launch_sweep``, ``jobs.cancel``).

``from hybrid_core import sweep`` then ``sweep.run_sweep(...)`` works as before the split: names are looked up
lazily, so importing one part (e.g. ``sweep.folder`` from the archive and report code) never imports the others.
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMES: dict[str, tuple[str, ...]] = {
    "config": ("DEFAULT_ALPHAS", "MAX_POINTS", "POINT_FIELDS", "UNTUNED", "EvalSpec", "SweepConfig", "point_id"),
    "folder": ("ARCHIVED_FILE", "CONFIG_FILE", "INDEX_FILE", "collect_results", "grown", "load_config",
               "pinned_training", "point_states", "prepare", "read_saved", "result_path", "result_ready", "run_dir",
               "run_state", "sweep_dir", "sweeps_root", "training_differences", "write_index"),
    "execution": ("ExecutionBackend", "evaluate_point", "run_order", "run_point", "run_sweep", "run_untuned"),
    "process": ("LOG_FILE", "PROCESS_FILE", "check_workers", "claim", "refuse_if_running", "release", "start_lock",
                "sweep_process"),
}
_MODULE_OF = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'hybrid_core.sweep' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hybrid_core.sweep.{module}"), name)
