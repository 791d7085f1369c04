"""Where the lab keeps its state: the per-user cache and the workspace of runs and sweeps.

Both live outside the repository by default and can be moved with environment variables:

- ``HBL_CACHE_DIR``: converted models, embedding caches, exported inference backends
  (default ``$XDG_CACHE_HOME/hybrid-batch-lab`` or ``~/.cache/hybrid-batch-lab``);
- ``HBL_WORKSPACE``: training runs, sweeps and evaluation results
  (default ``~/hybrid-batch-lab``).

The published results of a source checkout (``docs/results/<sweep>/archive``, see :mod:`hybrid_core.archive`)
are read from ``HBL_PUBLISHED_RESULTS`` (default ``<checkout>/docs/results``; empty: none).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def cache_dir() -> Path:
    """The per-user cache folder (created on demand)."""
    env = os.environ.get("HBL_CACHE_DIR")
    if env:
        root = Path(env).expanduser()
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "hybrid-batch-lab"
    root.mkdir(parents=True, exist_ok=True)
    return root


def workspace_dir() -> Path:
    """The workspace folder holding ``runs/``, ``sweeps/`` and ``evaluations/`` (created on demand)."""
    env = os.environ.get("HBL_WORKSPACE")
    root = Path(env).expanduser() if env else Path.home() / "hybrid-batch-lab"
    root.mkdir(parents=True, exist_ok=True)
    return root


def published_results_dir() -> Path | None:
    """The folder of published sweep archives and reports (``docs/results`` of a checkout), or None."""
    env = os.environ.get("HBL_PUBLISHED_RESULTS")
    if env is not None:
        return Path(env).expanduser() if env.strip() and Path(env).expanduser().is_dir() else None
    default = Path(__file__).resolve().parents[1] / "docs" / "results"
    return default if default.is_dir() else None


def check_name(name: str, *, what: str = "name") -> str:
    """Refuse names that could escape a folder (``..``, slashes) or are empty.

    Raises:
        ValueError: the name is not 1-128 characters of letters, digits, ``.``, ``_`` or ``-``.
    """
    if not isinstance(name, str) or not _SAFE_NAME.match(name) or ".." in name:
        raise ValueError(f"invalid {what} {name!r}: use 1-128 letters, digits, '.', '_' or '-', "
                         "starting with a letter or digit, and no '..'")
    return name


def inside(root: Path, name: str, *, what: str = "name") -> Path:
    """``root / name`` after checking that ``name`` is safe and the result stays inside ``root``."""
    check_name(name, what=what)
    path = (root / name).resolve()
    if root.resolve() not in path.parents:
        raise ValueError(f"invalid {what} {name!r}: it leaves {root}")
    return path
