"""Portable names for data and models: what a committed file records instead of a path of one machine.

A results table, a sweep's ``sweep.json`` or an archive should say *what* it was computed on, so that another machine
with the data in another folder reads and continues it:

- **data**: the shipped demo set is ``demo``; a dataset in the shared data folder (``$HBL_SHARED_DATA`` or
  ``../shared/data``) is its name there (``xquad-r``), resolved against that machine's shared folder; any other
  folder keeps its path (a user's own data has no name we could know). Sweeps also record each dataset's content
  fingerprint (:attr:`hybrid_core.data.schema.ParallelDataset.fingerprint`) and refuse data that differs.
- **models**: a run of a sweep is ``<sweep>/<point>`` (``budget-s300/a0.50-s1``), a run of the workspace
  ``runs/<name>``, a model spec (``e5-small``, a hub id) stays as it is, another local folder is its folder name.

Example:
    >>> model_label("e5-small")
    'e5-small'
    >>> model_label("/home/me/hybrid-batch-lab/sweeps/budget-s300/runs/a0.50-s1")
    'budget-s300/a0.50-s1'
"""

from __future__ import annotations

from pathlib import Path

from hybrid_core.data.loading import shared_data_dir

DEMO = "demo"


def _shared() -> Path | None:

    return shared_data_dir()


def is_demo(spec: str) -> bool:
    """``demo`` or a demo split (``demo:eval``, ``demo-train``)."""
    return spec == DEMO or spec.startswith((f"{DEMO}:", f"{DEMO}-"))


def portable_data(spec: str | Path) -> str:
    """The portable reference of a dataset spec: ``demo``, its name in the shared data folder, or its path."""
    text = str(spec)
    if is_demo(text):
        return text
    path = Path(text).expanduser()
    shared = _shared()
    if path.exists() and shared is not None:
        resolved, base = path.resolve(), shared.resolve()
        if resolved.is_relative_to(base) and resolved != base:
            return resolved.relative_to(base).as_posix()
    if not path.exists() and shared is not None and (shared / text).exists():
        return text
    return str(path.resolve()) if path.exists() else text


def resolve_data(spec: str | Path, *, what: str = "data") -> str:
    """Where a dataset spec lies on this machine: ``demo`` as is, an existing path, or a name in the shared data
    folder.

    Raises:
        FileNotFoundError: neither a path nor a name in the shared data folder (the message lists what is there).
    """
    text = str(spec).strip()
    if not text:
        raise ValueError(f"{what}: give a dataset path, a name in the shared data folder or 'demo'")
    if is_demo(text):
        return text
    path = Path(text).expanduser()
    if path.exists():
        return str(path)
    shared = _shared()
    if shared is not None and not path.is_absolute() and (shared / text).exists():
        return str(shared / text)
    where = ""
    if shared is not None:
        names = sorted(p.name for p in shared.iterdir() if p.is_dir())
        where = f"; the shared data folder {shared} holds {', '.join(names) or 'nothing'}"
    raise FileNotFoundError(f"{what} {text!r} does not exist (a dataset folder or file, a name in the shared data "
                            f"folder, or 'demo'){where}")


def same_location(a: str | Path, b: str | Path) -> bool:
    """Whether two dataset specs name the same data location on this machine (a shared name and its path match)."""
    try:
        return Path(resolve_data(a)).resolve() == Path(resolve_data(b)).resolve()
    except (FileNotFoundError, ValueError):
        return portable_data(a) == portable_data(b)


def model_label(model: str | Path) -> str:
    """The portable name of a model (see the module docstring)."""
    text = str(model)
    path = Path(text).expanduser()
    if not path.is_absolute() and not text.startswith((".", "~")) and not path.exists():
        return text  # a spec: e5-small, e5-small-cut, a hub id
    parts = path.resolve().parts if path.exists() else path.parts
    if "runs" in parts:
        index = len(parts) - 1 - parts[::-1].index("runs")
        if index + 1 < len(parts):
            name = parts[index + 1]
            if index >= 2 and parts[index - 2] == "sweeps":
                return f"{parts[index - 1]}/{name}"
            return f"runs/{name}"
    return path.name or text
