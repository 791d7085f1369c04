"""Training runs: a run is a folder (:mod:`hybrid_core.runs.folder`: layout, status, metrics, checkpoints, final
model) kept up to date while it trains by :class:`hybrid_core.runs.callback.RunCallback`.

``from hybrid_core import runs`` gives the folder functions (``runs.read_status(name)``, ``runs.list_runs()``...);
background launch and cancel go through :mod:`hybrid_core.jobs`.
"""

from __future__ import annotations

from hybrid_core.runs.folder import (
    ACTIVE_STATES,
    CHECKPOINTS_DIR,
    CONFIG_FILE,
    FINAL_DIR,
    LOG_FILE,
    METRICS_FILE,
    PROCESS_LOG,
    SAMPLER_FILE,
    STATES,
    STATUS_FILE,
    append_metrics,
    check_status,
    checkpoint_progress,
    checkpoints,
    create_run,
    last_checkpoint,
    library_versions,
    list_runs,
    lock_run,
    now,
    read_json,
    read_metrics,
    read_status,
    read_status_file,
    remove_leftovers,
    resolve_run,
    rotate_checkpoints,
    run_folder,
    runs_root,
    save_final_model,
    update_status,
)

__all__ = [
    "ACTIVE_STATES", "CHECKPOINTS_DIR", "CONFIG_FILE", "FINAL_DIR", "LOG_FILE", "METRICS_FILE", "PROCESS_LOG",
    "SAMPLER_FILE", "STATES", "STATUS_FILE", "append_metrics", "check_status", "checkpoint_progress", "checkpoints",
    "create_run", "last_checkpoint", "library_versions", "list_runs", "lock_run", "now", "read_json", "read_metrics",
    "read_status", "read_status_file", "remove_leftovers", "resolve_run", "rotate_checkpoints", "run_folder",
    "runs_root", "save_final_model", "update_status",
]
