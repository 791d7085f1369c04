"""Atomic file writes: a reader sees the old file or the new one, never half of one.

A write goes to a temporary file beside its target, named ``.<target>.pid<pid>.<random>.tmp`` (the writer's pid in
the name), which replaces the target when it is complete. A writer killed with SIGKILL cannot remove its temporary
file; the next write of the same target removes those whose writer is gone, and :func:`remove_stale_temporaries`
clears a whole folder (a run or sweep being resumed), so a killed and resumed job leaves nothing behind. A
temporary file of a live process is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hybrid_core.processes import process_alive

#: a temporary file or folder of this module's naming (:func:`temporary_prefix`): the writer's pid is group 1
TEMPORARY = re.compile(r"^\..+\.pid(\d+)\.[^/]*$")


def temporary_prefix(name: str) -> str:
    """The prefix of a temporary file or folder standing for ``name`` while this process writes it."""
    return f".{name}.pid{os.getpid()}."


def stale_temporaries(folder: str | Path, *, recursive: bool = False, name: str | None = None) -> list[Path]:
    """Temporary files and folders under ``folder`` (only those for ``name``, if given) whose writer is gone."""
    folder = Path(folder)
    pattern = f".{glob_escape(name)}.pid*" if name is not None else ".*.pid*"
    try:
        candidates = folder.rglob(pattern) if recursive else folder.glob(pattern)
        found = []
        for path in candidates:
            match = TEMPORARY.match(path.name)
            if match and int(match.group(1)) != os.getpid() and not process_alive(int(match.group(1))):
                found.append(path)
    except OSError:
        return []
    return sorted(found)


def remove_stale_temporaries(folder: str | Path, *, recursive: bool = True) -> list[Path]:
    """Remove the temporary files and folders under ``folder`` left by writers that were killed; returns them."""
    removed = []
    for path in stale_temporaries(folder, recursive=recursive):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob wildcards escaped."""
    return re.sub(r"([*?[])", r"[\1]", name)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` (fsynced), on error it is removed.

    Temporary files of earlier writers of ``path`` that were killed are removed first.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in stale_temporaries(path.parent, name=path.name):
        stale.unlink(missing_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)  # mkstemp creates 0600; give the file the permissions a plain open() would
    try:
        yield tmp
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_with(path: str | Path, writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)`` and move the result onto ``path`` atomically."""
    with atomic_path(path) as tmp:
        writer(tmp)
    return Path(path)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write bytes atomically."""
    return write_with(path, lambda tmp: tmp.write_bytes(data))


def write_text(path: str | Path, text: str) -> Path:
    """Write a text file atomically (UTF-8)."""
    return write_with(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_json(path: str | Path, data: Any) -> Path:
    """Write JSON atomically (UTF-8, indented, keys in insertion order)."""
    return write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
