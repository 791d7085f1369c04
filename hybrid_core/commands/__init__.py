"""CLI commands: one module per command, each with ``register(subparsers)`` and ``run(args) -> int``."""

from __future__ import annotations

#: command name -> module under hybrid_core.commands (imported lazily so `--help` stays fast).
COMMANDS: dict[str, str] = {
    "data": "data",
    "convert": "convert",
    "train": "train",
    "evaluate": "evaluate",
    "sweep": "sweep",
    "jobs": "jobs",
}
