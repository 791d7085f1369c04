"""Who may do what on a dashboard: the mode (full lab or read-only viewer), the viewer's allow-lists, the limits of
the lab's forms, bounded folder searches and a per-session rate limit. No Streamlit here: pages ask this module,
tests call it directly.

Two modes, chosen by ``HBL_MODE`` (``bash scripts/app.sh --viewer`` sets it):

- ``lab`` (default): the full lab on localhost. Typed paths must lie under the data roots
  (:func:`hybrid_core.paths.data_roots`, ``HBL_DATA_ROOTS``) and the launch forms have limits (:class:`Limits`).
- ``viewer``: read-only, safe to serve to a team or the public. Results come only from the published archives and the
  workspace's finished evaluations; nothing is launched or cancelled; nothing is typed as a path (data, models and
  results are picked from lists); the bias probe answers only over the pools of ``HBL_VIEWER_POOLS`` and the
  encoders of ``HBL_VIEWER_ENCODERS`` (with the backend of ``HBL_VIEWER_BACKEND``) and with the index-side remedies of
  ``HBL_VIEWER_REMEDIES``; a browser session may ask for at
  most ``HBL_PROBE_RATE`` new computations a minute (probe queries, overviews, α curves not published as such).

Every setting is an environment variable read when asked (a restart of the dashboard picks up a change); a value that
does not parse raises :class:`AccessConfigError` naming the variable, the value and what is expected.

Example:
    >>> Limits().steps
    20000
    >>> limiter = RateLimiter(2, window_seconds=60)
    >>> [limiter.allow(now=t) for t in (0, 1, 2)]
    [True, True, False]
    >>> limiter.retry_after(now=2)
    58.0
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from hybrid_core.debias import parse_remedy
from hybrid_core.paths import check_name, workspace_dir

Mode = Literal["lab", "viewer"]
MODES: tuple[str, ...] = ("lab", "viewer")
#: Pools and encoders a viewer offers when the operator lists none.
DEFAULT_VIEWER_POOLS: tuple[str, ...] = ("demo",)
DEFAULT_VIEWER_ENCODERS: tuple[str, ...] = ("e5-small",)
#: Index-side remedies a viewer may apply when the operator lists none (cheap: fitted from the pool's embeddings,
#: or from the pool's small training split).
DEFAULT_VIEWER_REMEDIES: tuple[str, ...] = ("centering", "lir:1", "shift:0.5")
#: Encoder specs that need no workspace run (the rest of a viewer's list are run names).
BASE_ENCODER_SPECS: tuple[str, ...] = ("e5-small", "e5-small-cut")


class AccessConfigError(ValueError):
    """An access or limit setting (environment variable) that cannot be used."""


class NotAllowedError(ValueError):
    """A request the current mode or its allow-lists refuse (the message says what is allowed)."""


class LimitError(ValueError):
    """A form value beyond a configured limit (the message names the limit and its variable)."""


# ----- mode -------------------------------------------------------------------------------------------------------
def mode() -> Mode:
    """``"lab"`` or ``"viewer"`` from ``HBL_MODE`` (default ``lab``).

    Raises:
        AccessConfigError: another value.
    """
    value = os.environ.get("HBL_MODE", "").strip().lower() or "lab"
    if value not in MODES:
        raise AccessConfigError(f"HBL_MODE={value!r} is not a mode; use one of {', '.join(MODES)}")
    return value  # type: ignore[return-value]


def is_viewer() -> bool:
    """Whether the dashboard runs read-only (``HBL_MODE=viewer``)."""
    return mode() == "viewer"


def _names(variable: str, default: Sequence[str]) -> list[str]:
    """A comma-separated list from the environment (default when unset or empty), without repeats."""
    raw = os.environ.get(variable, "")
    items = [part.strip() for part in raw.split(",") if part.strip()]
    return list(dict.fromkeys(items or default))


def _int(variable: str, default: int, *, minimum: int = 1) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise AccessConfigError(f"{variable}={raw!r} is not a whole number") from None
    if value < minimum:
        raise AccessConfigError(f"{variable}={value} must be at least {minimum}")
    return value


def _float(variable: str, default: float, *, minimum: float) -> float:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise AccessConfigError(f"{variable}={raw!r} is not a number") from None
    if not value >= minimum:
        raise AccessConfigError(f"{variable}={raw} must be at least {minimum:g}")
    return value


# ----- limits -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limits:
    """Limits of the lab's forms and of folder searches (each from its environment variable, with a default).

    Attributes:
        grid_points: α values x seeds of one submit, as runs or as a sweep (``HBL_MAX_GRID_POINTS``).
        steps: training steps of a run (``HBL_MAX_STEPS``).
        batch_size: training batch size (``HBL_MAX_BATCH_SIZE``).
        pending_runs: runs the dashboard's job queue may hold not yet finished, over all submits
            (``HBL_MAX_PENDING_RUNS``).
        search_depth: folder levels a results search descends (``HBL_SEARCH_MAX_DEPTH``).
        search_files: results files a search returns at most (``HBL_SEARCH_MAX_FILES``).
        search_seconds: wall time of one search (``HBL_SEARCH_MAX_SECONDS``).
        probe_rate: new computations a browser session may ask for per minute in viewer mode (``HBL_PROBE_RATE``):
            bias-probe queries, bias overviews and α curves not published with their sweep.
    """

    grid_points: int = 50
    steps: int = 20_000
    batch_size: int = 512
    pending_runs: int = 100
    search_depth: int = 4
    search_files: int = 200
    search_seconds: float = 5.0
    probe_rate: int = 30

    #: Environment variable of each field.
    VARIABLES: ClassVar[dict[str, str]] = {
        "grid_points": "HBL_MAX_GRID_POINTS", "steps": "HBL_MAX_STEPS", "batch_size": "HBL_MAX_BATCH_SIZE",
        "pending_runs": "HBL_MAX_PENDING_RUNS", "search_depth": "HBL_SEARCH_MAX_DEPTH",
        "search_files": "HBL_SEARCH_MAX_FILES", "search_seconds": "HBL_SEARCH_MAX_SECONDS",
        "probe_rate": "HBL_PROBE_RATE"}

    @classmethod
    def from_env(cls) -> Limits:
        """The limits of this process's environment (defaults for unset variables).

        Raises:
            AccessConfigError: a variable that is not a positive number.
        """
        default = cls()
        values = {}
        for name, variable in cls.VARIABLES.items():
            if name == "search_seconds":
                values[name] = _float(variable, default.search_seconds, minimum=0.1)
            else:
                values[name] = _int(variable, getattr(default, name), minimum=0 if name == "search_depth" else 1)
        return cls(**values)

    def check(self, name: str, value: float, *, what: str) -> None:
        """Refuse ``value`` above the limit ``name``.

        Raises:
            LimitError: naming the value, the limit and its environment variable.
        """
        limit = getattr(self, name)
        if value > limit:
            raise LimitError(f"{what}: {value:,} is above this dashboard's limit of {limit:,} "
                             f"(set by {self.VARIABLES[name]})")


def limits() -> Limits:
    """:meth:`Limits.from_env`."""
    return Limits.from_env()


def check_grid(alphas: int, seeds: int, *, what: str = "grid", pending: int = 0) -> None:
    """Refuse an α x seed grid above ``HBL_MAX_GRID_POINTS`` or one that would take the job queue above
    ``HBL_MAX_PENDING_RUNS`` (``pending``: runs already queued or training).

    Raises:
        LimitError: the grid's size, the limit and its variable.
    """
    current = limits()
    points = alphas * seeds
    if points > current.grid_points:
        raise LimitError(f"{what}: {alphas} α value(s) x {seeds} seed(s) = {points:,} points is above this "
                         f"dashboard's limit of {current.grid_points:,} (set by HBL_MAX_GRID_POINTS); run larger "
                         "grids with `python -m hybrid_core sweep launch`")
    if pending + points > current.pending_runs:
        raise LimitError(f"{what}: {pending} run(s) are already queued or training; {points} more would exceed this "
                         f"dashboard's limit of {current.pending_runs} (set by HBL_MAX_PENDING_RUNS): wait for some "
                         "to finish")


def check_training(*, steps: int, batch_size: int) -> None:
    """Refuse training steps or a batch size above their limits.

    Raises:
        LimitError: naming the value and the limit.
    """
    current = limits()
    current.check("steps", steps, what="steps")
    current.check("batch_size", batch_size, what="batch size")


# ----- viewer allow-lists -----------------------------------------------------------------------------------------
def viewer_pools() -> list[str]:
    """The pools the operator lets a viewer probe (``HBL_VIEWER_POOLS``, default ``demo``), as listed: pool names
    (``demo``, ``xquad-r``, ``mlqa-r``) or dataset folders."""
    return _names("HBL_VIEWER_POOLS", DEFAULT_VIEWER_POOLS)


def viewer_encoders() -> list[str]:
    """The encoders the operator lets a viewer probe (``HBL_VIEWER_ENCODERS``, default ``e5-small``), as listed:
    ``e5-small``, ``e5-small-cut``, run names of the workspace or ``<sweep>/<point>``."""
    return _names("HBL_VIEWER_ENCODERS", DEFAULT_VIEWER_ENCODERS)


def viewer_remedies() -> list[str]:
    """The index-side remedies a viewer may apply on the bias pages (``HBL_VIEWER_REMEDIES``, separated by spaces
    since a spelling has commas: ``centering lir:1 shift:0.5,source=de``; default ``centering lir:1 shift:0.5``), in
    their canonical spellings (``shift:0.5,source=en``); ``none`` is always offered. ``fit=train`` remedies fit on
    the pool's training split (encoded once per encoder, then cached).

    Raises:
        AccessConfigError: a spelling :func:`hybrid_core.debias.parse_remedy` refuses (its message says why).
    """
    out = []
    for name in os.environ.get("HBL_VIEWER_REMEDIES", "").split() or DEFAULT_VIEWER_REMEDIES:
        try:
            spelling = str(parse_remedy(name))
        except ValueError as exc:
            raise AccessConfigError(f"HBL_VIEWER_REMEDIES: {exc}") from None
        if spelling != "none" and spelling not in out:
            out.append(spelling)
    return out


def viewer_backend() -> str:
    """The inference backend a viewer's probe uses (``HBL_VIEWER_BACKEND``, default ``auto``): the operator's
    choice, so no visitor triggers a backend export."""
    return os.environ.get("HBL_VIEWER_BACKEND", "").strip() or "auto"


def resolve_encoder_name(name: str) -> str | None:
    """The model spec of an allow-listed encoder name: base specs as they are, a run name as its finished run
    folder (``<workspace>/runs/<name>``, or ``<workspace>/sweeps/<sweep>/runs/<point>`` for ``<sweep>/<point>``);
    None when there is no such finished run."""

    if name in BASE_ENCODER_SPECS:
        return name
    parts = name.split("/")
    try:
        for part in parts:
            check_name(part, what="encoder name")
    except ValueError:
        return None
    if len(parts) == 1:
        folder = workspace_dir() / "runs" / parts[0]
    elif len(parts) == 2:
        folder = workspace_dir() / "sweeps" / parts[0] / "runs" / parts[1]
    else:
        return None
    return str(folder) if (folder / "final").is_dir() else None


def allowed_encoders() -> dict[str, str]:
    """Viewer encoders that exist here: model spec -> the name the operator listed (unresolvable names left out)."""
    out: dict[str, str] = {}
    for name in viewer_encoders():
        spec = resolve_encoder_name(name)
        if spec is not None:
            out.setdefault(spec, name)
    return out


def allowed_pools(available: Sequence[str]) -> list[str]:
    """Viewer pools that exist here: listed names among ``available`` (the named pools of this machine), and
    listed dataset folders that exist."""
    out = []
    for name in viewer_pools():
        if name in available or (Path(name).is_absolute() and Path(name).exists()):
            out.append(name)
    return out


def not_offered(value: str, allowed: Sequence[str], *, what: str, variable: str) -> NotAllowedError:
    """The refusal of a value the operator did not list (naming the allowed values and their variable)."""
    listed = ", ".join(allowed) or "none"
    return NotAllowedError(f"{what} {value!r} is not offered on this shared dashboard; the operator allows: "
                           f"{listed} (set by {variable})")


def check_viewer_choice(value: str, allowed: Sequence[str], *, what: str, variable: str) -> str:
    """``value`` when the operator allowed it.

    Raises:
        NotAllowedError: naming the allowed values and the variable that lists them.
    """
    if value in allowed:
        return value
    raise not_offered(value, allowed, what=what, variable=variable)


# ----- rate limit -------------------------------------------------------------------------------------------------
@dataclass
class RateLimiter:
    """At most ``limit`` events per ``window_seconds`` (a sliding window), e.g. probe queries of one session."""

    limit: int
    window_seconds: float = 60.0
    _events: deque = field(default_factory=deque, repr=False)

    def _expire(self, now: float) -> None:
        while self._events and self._events[0] <= now - self.window_seconds:
            self._events.popleft()

    def allow(self, *, now: float | None = None) -> bool:
        """Count one event and return True, or return False (nothing counted) when the window is full."""
        now = time.monotonic() if now is None else now
        self._expire(now)
        if len(self._events) >= self.limit:
            return False
        self._events.append(now)
        return True

    def retry_after(self, *, now: float | None = None) -> float:
        """Seconds until the next event is allowed (0 when it is allowed now)."""
        now = time.monotonic() if now is None else now
        self._expire(now)
        if len(self._events) < self.limit:
            return 0.0
        return float(max(0.0, self._events[0] + self.window_seconds - now))


# ----- bounded folder search -------------------------------------------------------------------------------------
@dataclass
class SearchResult:
    """Files found by :func:`find_files`, and why the search stopped early (empty when it saw everything)."""

    files: list[Path]
    stopped: str = ""


def find_files(folder: str | Path, suffixes: Sequence[str], *, max_depth: int | None = None,
               max_files: int | None = None, max_seconds: float | None = None) -> SearchResult:
    """Files with one of ``suffixes`` under ``folder``, searched breadth-first within limits.

    The search descends at most ``max_depth`` levels below ``folder``, returns at most ``max_files`` files and
    stops after ``max_seconds``; defaults come from :class:`Limits` (``HBL_SEARCH_MAX_*``). Symbolic links to
    folders are not followed, so a link cannot lead the search out of the folder or into a loop; hidden folders
    (``.git``, ``.venv``...) are skipped.

    Returns:
        The files in sorted order, and a sentence saying which limit stopped the search (empty if none did).
    """
    current = limits()
    max_depth = current.search_depth if max_depth is None else max_depth
    max_files = current.search_files if max_files is None else max_files
    max_seconds = current.search_seconds if max_seconds is None else max_seconds
    wanted = tuple(s.lower() for s in suffixes)
    deadline = time.monotonic() + max_seconds
    found: list[Path] = []
    level: list[Path] = [Path(folder)]
    stopped = ""
    deeper_skipped = False
    for depth in range(max_depth + 1):
        below: list[Path] = []
        for directory in sorted(level):
            if time.monotonic() > deadline:
                stopped = f"the search stopped after {max_seconds:g} s (HBL_SEARCH_MAX_SECONDS)"
                break
            try:
                entries = sorted(os.scandir(directory), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if not entry.name.startswith("."):
                            below.append(Path(entry.path))
                    elif entry.name.lower().endswith(wanted) and entry.is_file():
                        found.append(Path(entry.path))
                except OSError:
                    continue
                if len(found) >= max_files:
                    stopped = f"the search stopped at {max_files} files (HBL_SEARCH_MAX_FILES)"
                    break
            if stopped:
                break
        if stopped or not below:
            break
        if depth == max_depth:
            deeper_skipped = True
            break
        level = below
    if not stopped and deeper_skipped:
        stopped = f"folders deeper than {max_depth} levels were not searched (HBL_SEARCH_MAX_DEPTH)"
    return SearchResult(sorted(found), stopped)
