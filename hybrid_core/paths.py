"""Where the lab keeps its state: the per-user cache and the workspace of runs and sweeps.

Both live outside the repository by default and can be moved with environment variables:

- ``HBL_CACHE_DIR``: converted models, embedding caches, exported inference backends
  (default ``$XDG_CACHE_HOME/hybrid-batch-lab`` or ``~/.cache/hybrid-batch-lab``);
- ``HBL_WORKSPACE``: training runs, sweeps and evaluation results
  (default ``~/hybrid-batch-lab``).

The published results of a source checkout (``docs/results/<sweep>/archive``, see :mod:`hybrid_core.archive`)
are read from ``HBL_PUBLISHED_RESULTS`` (default ``<checkout>/docs/results``; empty: none).

Paths a dashboard user types (data, models, results files) must lie under the *data roots*
(:func:`data_roots`): ``HBL_DATA_ROOTS`` (folders separated by ``os.pathsep``), by default the workspace, the cache,
the shared data folder (``../shared/data`` or ``$HBL_SHARED_DATA``), the published results and ``~/data``.
:func:`check_within_roots` resolves symlinks and ``..`` first, so no spelling of a path escapes them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hybrid_core.data.loading import shared_data_dir

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
#: Environment variable holding the allowed data roots (``os.pathsep``-separated).
DATA_ROOTS_ENV = "HBL_DATA_ROOTS"


class PathNotAllowedError(ValueError):
    """A user-given path outside the allowed data roots (the message names the roots)."""


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
    if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name) or ".." in name:
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


def data_roots() -> list[Path]:
    """The folders under which user-given paths may lie, resolved, without duplicates.

    ``$HBL_DATA_ROOTS`` (``os.pathsep``-separated; empty entries ignored) replaces the default: the workspace, the
    cache, the shared data folder and the published results folder (when this machine has them) and ``~/data``
    (listed even before it exists, so a message can point to it).
    """
    env = os.environ.get(DATA_ROOTS_ENV)
    if env is not None and env.strip():
        candidates = [Path(part.strip()).expanduser() for part in env.split(os.pathsep) if part.strip()]
    else:

        candidates = [workspace_dir(), cache_dir(), shared_data_dir(), published_results_dir(), Path.home() / "data"]
    roots: list[Path] = []
    for candidate in candidates:
        if candidate is None:
            continue
        resolved = Path(candidate).expanduser().resolve()
        if resolved not in roots:
            roots.append(resolved)
    return roots


def is_within(path: Path, root: Path) -> bool:
    """Whether ``path`` is ``root`` or lies below it (both already resolved)."""
    return path == root or root in path.parents


def check_within_roots(path: str | Path, *, roots: list[Path] | None = None, what: str = "path") -> Path:
    """``path`` resolved (symlinks and ``..`` followed, ``~`` expanded) after checking that it lies under a root.

    Args:
        path: the path as given (it need not exist).
        roots: allowed folders (default :func:`data_roots`).
        what: what the path is, for the message.

    Raises:
        PathNotAllowedError: the resolved path is outside every root; the message names the roots and how to
            add one.
    """
    roots = data_roots() if roots is None else [Path(r).expanduser().resolve() for r in roots]
    resolved = Path(path).expanduser().resolve()
    if any(is_within(resolved, root) for root in roots):
        return resolved
    listed = ", ".join(str(r) for r in roots) or "none configured"
    shown = repr(str(path)) + ("" if str(path) == str(resolved) else f" (resolved: {str(resolved)!r})")
    raise PathNotAllowedError(f"{what} {shown} is outside the folders this dashboard may read ({listed}); "
                              f"move the data under one of them, or add its folder to ${DATA_ROOTS_ENV} "
                              f"(separated by {os.pathsep!r}) and restart the dashboard")
