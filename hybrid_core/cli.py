"""Command-line interface: ``python -m hybrid_core COMMAND`` or ``hybrid-lab COMMAND``.

Each command lives in ``hybrid_core/commands/<name>.py`` with ``register(subparsers)`` and
``run(args) -> int``; this module only dispatches and turns expected errors into messages.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import logging
import sys
from collections.abc import Sequence

from hybrid_core.commands import COMMANDS


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every available command registered."""
    parser = argparse.ArgumentParser(prog="hybrid-lab", description="Hybrid Batch Lab: hybrid batch training "
                                     "and cross-lingual retrieval evaluation.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(f"hybrid_core.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"hybrid_core.commands.{module_name}":
                continue  # command not built yet
            raise
        command_parser = module.register(sub)
        command_parser.set_defaults(_run=module.run)
    return parser


#: errors of the disk rather than of the program (full, over quota, read-only): a message, not a traceback.
DISK_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)
#: Libraries whose INFO lines say nothing a user needs (shown again with --verbose).
NOISY_LOGGERS = ("kaleido", "choreographer", "faiss.loader")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run one command; expected errors print one line and exit with 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    if not args.verbose:  # chatty third-party INFO (PNG export through kaleido, faiss's loader)
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except (ValueError, FileNotFoundError, NotADirectoryError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno not in DISK_ERRORS:
            raise
        print(f"error: {exc}", file=sys.stderr)  # a full or read-only disk: the message says what to do
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
