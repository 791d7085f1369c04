"""How batches are mixed: α, the share of monolingual batches, as a value that may vary over training.

An :class:`AlphaSchedule` maps a position in training ``t`` in [0, 1] (the share of training done) to α(t) in
[0, 1]. One parser and one printer; the printed form is the one spelling used in configs, CLI flags, sweep files,
results tables (column ``schedule``) and page forms:

=====================  ==================================================================================
spelling               α(t)
=====================  ==================================================================================
``0.5``                constant 0.5 (the paper's hybrid batches; ``0`` = all cross-lingual, ``1`` = all mono)
``linear:0-1``         linear ramp from 0 at the start to 1 at the end (``linear:1-0`` the reverse)
``step:0-1@0.5``       0 until half of training, then 1
``cosine:0-1``         half-cosine from 0 to 1: ``1 + (0 - 1) * (1 + cos(pi t)) / 2``
``points:0@0,1@0.5``   piecewise linear through (t, α) = (0, 0), (0.5, 1), flat after the last point
=====================  ==================================================================================

The sampler (:mod:`hybrid_core.sampling`) draws the kind of block ``b`` of ``N`` blocks in training from α at
that block's position ``t_b = (b + 0.5) / N``: monolingual iff ``u_b < α(t_b)`` with one uniform ``u_b`` per block,
shared by every schedule, so schedules and constants that agree on a block agree on its kind. A constant
schedule therefore reproduces the constant-α sampler exactly. :attr:`AlphaSchedule.mean` (the integral of α over
training) is what results record as ``alpha``; the schedule itself is recorded as ``schedule``.

Example:
    >>> s = parse_schedule("step:0-1@0.5")
    >>> str(s), s.mean, s.at(0.25), s.at(0.75)
    ('step:0-1@0.5', 0.5, 0.0, 1.0)
    >>> str(parse_schedule(0.5)), parse_schedule("0.50").is_constant
    ('0.5', True)
    >>> parse_schedule("linear:0-1.5")
    Traceback (most recent call last):
    ...
    ValueError: alpha schedule 'linear:0-1.5': end value 1.5 is outside [0, 1]
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

ScheduleKind = Literal["constant", "linear", "step", "cosine", "points"]
KINDS: tuple[str, ...] = ("constant", "linear", "step", "cosine", "points")
_NUMBER = r"[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?"
_RAMP = re.compile(rf"^(?P<kind>linear|cosine):(?P<start>{_NUMBER})-(?P<end>{_NUMBER})$")
_STEP = re.compile(rf"^step:(?P<start>{_NUMBER})-(?P<end>{_NUMBER})@(?P<at>{_NUMBER})$")
FORMS = ("0.5", "linear:0-1", "step:0-1@0.5", "cosine:0-1", "points:0@0,1@0.5")


def format_number(value: float) -> str:
    """The shortest exact spelling of a number: ``0.5``, ``1``, ``0.504`` (``repr`` without a trailing ``.0``)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


@functools.total_ordering
@dataclass(frozen=True, eq=False)
class AlphaSchedule:
    """α over training: a kind and its numbers (see the module docstring for the spellings).

    Args:
        kind: ``constant``, ``linear``, ``step``, ``cosine`` or ``points``.
        values: α values: (a,) for a constant, (start, end) for ramps and steps, one per point for ``points``.
        positions: (switch position,) for a step; one per point for ``points``; () otherwise.

    Use :func:`parse_schedule` (or :meth:`constant`) rather than the constructor. A constant equals (and hashes
    as) its number, so ``0.5 in sweep.alphas`` and ``{0.5: ...}[schedule]`` work as they did for plain floats.
    """

    kind: ScheduleKind
    values: tuple[float, ...]
    positions: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"alpha schedule kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        expected = {"constant": 1, "linear": 2, "cosine": 2, "step": 2}.get(self.kind)
        if expected is not None and len(self.values) != expected:
            raise ValueError(f"alpha schedule {self.kind}: {expected} value(s) expected, got {self.values}")
        if self.kind == "step" and len(self.positions) != 1:
            raise ValueError("alpha schedule step: one switch position expected")
        if self.kind == "points" and (len(self.values) != len(self.positions) or not self.values):
            raise ValueError("alpha schedule points: one position per value expected")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AlphaSchedule):
            return (self.kind, self.values, self.positions) == (other.kind, other.values, other.positions)
        if _is_number(other) and self.kind == "constant":
            return self.values[0] == float(other)  # type: ignore[arg-type]
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        """Constants first, by value; then the other schedules by spelling (the order of sweeps and tables)."""
        if _is_number(other):
            other = AlphaSchedule.constant(float(other))  # type: ignore[arg-type]
        if not isinstance(other, AlphaSchedule):
            return NotImplemented
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[int, float, str]:
        """``(0, value, "")`` for a constant, ``(1, mean, spelling)`` for a schedule."""
        return (0, self.values[0], "") if self.kind == "constant" else (1, self.mean, str(self))

    def __hash__(self) -> int:
        return hash(self.values[0]) if self.kind == "constant" else hash((self.kind, self.values, self.positions))

    # ----- construction ---------------------------------------------------------------------------------------
    @classmethod
    def constant(cls, alpha: float) -> AlphaSchedule:
        """A constant α (checked to lie in [0, 1])."""
        return cls("constant", (_check_value(alpha, format_number(alpha) if _is_number(alpha) else repr(alpha),
                                             "value"),))

    # ----- what it is -----------------------------------------------------------------------------------------
    @property
    def is_constant(self) -> bool:
        """True when α does not change over training (only the kind ``constant``)."""
        return self.kind == "constant"

    def at(self, position: float | np.ndarray) -> float | np.ndarray:
        """α at a position in training (share of training done, clipped to [0, 1]); arrays give arrays."""
        t = np.clip(np.asarray(position, dtype=float), 0.0, 1.0)
        if self.kind == "constant":
            out = np.full_like(t, self.values[0])
        elif self.kind == "linear":
            a, b = self.values
            out = a + (b - a) * t
        elif self.kind == "cosine":
            a, b = self.values
            out = b + (a - b) * (1.0 + np.cos(np.pi * t)) / 2.0
        elif self.kind == "step":
            a, b = self.values
            out = np.where(t < self.positions[0], a, b)
        else:
            out = np.interp(t, self.positions, self.values)
        return float(out) if np.ndim(out) == 0 else out

    @property
    def mean(self) -> float:
        """Mean α over training (the integral of α(t) over [0, 1]), rounded to 12 decimals."""
        if self.kind == "constant":
            return self.values[0]
        if self.kind in ("linear", "cosine"):
            value = (self.values[0] + self.values[1]) / 2.0
        elif self.kind == "step":
            a, b = self.values
            value = a * self.positions[0] + b * (1.0 - self.positions[0])
        else:
            ts = np.concatenate(([0.0], self.positions, [1.0]))
            vs = np.concatenate(([self.values[0]], self.values, [self.values[-1]]))
            value = float(np.sum((ts[1:] - ts[:-1]) * (vs[1:] + vs[:-1]) / 2.0))
        return round(float(value), 12)

    def mean_between(self, start: float, end: float, *, samples: int = 4096) -> float:
        """Mean α over the part [start, end] of training (midpoint rule with ``samples`` points)."""
        if not 0.0 <= start < end <= 1.0:
            raise ValueError(f"need 0 <= start < end <= 1, got {start}, {end}")
        t = start + (np.arange(samples) + 0.5) / samples * (end - start)
        return float(np.mean(self.at(t)))

    def block_alphas(self, num_blocks: int, *, first: int = 0, total: int | None = None) -> np.ndarray:
        """α of blocks ``first .. first + num_blocks - 1`` of ``total`` blocks in training (midpoint positions).

        ``total`` defaults to ``first + num_blocks``; blocks past ``total`` take α at the end of training.
        """
        total = first + num_blocks if total is None else total
        if total < 1:
            raise ValueError(f"total blocks must be positive, got {total}")
        positions = (first + np.arange(num_blocks) + 0.5) / total
        return np.asarray(self.at(positions), dtype=float).reshape(num_blocks)

    # ----- spellings ------------------------------------------------------------------------------------------
    def __str__(self) -> str:
        v = [format_number(x) for x in self.values]
        if self.kind == "constant":
            return v[0]
        if self.kind in ("linear", "cosine"):
            return f"{self.kind}:{v[0]}-{v[1]}"
        if self.kind == "step":
            return f"step:{v[0]}-{v[1]}@{format_number(self.positions[0])}"
        return "points:" + ",".join(f"{a}@{format_number(t)}" for a, t in zip(v, self.positions))

    def __repr__(self) -> str:
        return f"AlphaSchedule({str(self)!r})"

    def __format__(self, spec: str) -> str:
        """A constant formats as its number (``f"{alpha:.2f}"``), a schedule as its spelling (format spec ignored)."""
        if not spec or self.kind != "constant":
            return str(self)
        return format(self.values[0], spec)

    @property
    def slug(self) -> str:
        """A file-name-safe label: ``a0.50`` for a 2-decimal constant (the published point ids), ``a0.504`` for
        another constant, ``linear-0-1``, ``step-0-1-at0.5``, ``points-0-at0-1-at0.5`` for schedules."""
        if self.kind == "constant":
            a = self.values[0]
            return f"a{a:.2f}" if float(f"{a:.2f}") == a else f"a{format_number(a)}"
        return str(self).replace(":", "-").replace("@", "-at").replace(",", "-")

    def to_json(self) -> float | str:
        """The value ``config.json`` / ``sweep.json`` store: a number for a constant (as before schedules), else the
        spelling."""
        return self.values[0] if self.kind == "constant" else str(self)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_value(value: Any, text: str, what: str, *, spec: str | None = None) -> float:
    where = f"alpha schedule {spec!r}: " if spec is not None else "alpha "
    if not _is_number(value) or not math.isfinite(float(value)):
        raise ValueError(f"{where}{what} {text} is not a number")
    if not 0.0 <= float(value) <= 1.0:
        if spec is None:
            raise ValueError(f"alpha must be in [0, 1] (the share of monolingual batches), got {text}")
        raise ValueError(f"{where}{what} {text} is outside [0, 1]")
    return float(value)


def _position(text: str, spec: str, what: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"alpha schedule {spec!r}: {what} {text} is outside [0, 1] (a share of training)")
    return value


def parse_schedule(spec: Any, *, where: str = "alpha") -> AlphaSchedule:
    """Read an α schedule: a number in [0, 1], a spelling (see the module docstring) or an :class:`AlphaSchedule`.

    Raises:
        ValueError: the spelling is malformed or a value lies outside [0, 1]; the message names the bad part and
            shows the accepted forms.
    """
    if isinstance(spec, AlphaSchedule):
        return spec
    if _is_number(spec):
        value = float(spec)
        if not math.isfinite(value) or not 0.0 <= value <= 1.0:
            raise ValueError(f"{where} must be in [0, 1] (the share of monolingual batches), got {spec!r}")
        return AlphaSchedule("constant", (value,))
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"{where} must be a number in [0, 1] or a schedule such as {', '.join(FORMS)}; got {spec!r}")
    text = spec.strip()
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is not None:
        if not math.isfinite(value) or not 0.0 <= value <= 1.0:
            raise ValueError(f"{where} must be in [0, 1] (the share of monolingual batches), got {text}")
        return AlphaSchedule("constant", (value,))
    ramp = _RAMP.match(text)
    if ramp:
        return AlphaSchedule(ramp["kind"], (_check_value(float(ramp["start"]), ramp["start"], "start value", spec=text),
                                            _check_value(float(ramp["end"]), ramp["end"], "end value", spec=text)))
    step = _STEP.match(text)
    if step:
        at = _position(step["at"], text, "switch position")
        if not 0.0 < at < 1.0:
            raise ValueError(f"alpha schedule {text!r}: switch position {step['at']} must lie strictly between 0 and 1")
        return AlphaSchedule("step", (_check_value(float(step["start"]), step["start"], "start value", spec=text),
                                      _check_value(float(step["end"]), step["end"], "end value", spec=text)), (at,))
    if text.startswith("points:"):
        values, positions = [], []
        for part in text[len("points:"):].split(","):
            match = re.fullmatch(rf"({_NUMBER})@({_NUMBER})", part.strip())
            if not match:
                raise ValueError(f"alpha schedule {text!r}: point {part!r} must be written VALUE@POSITION, "
                                 "e.g. points:0@0,1@0.5")
            values.append(_check_value(float(match[1]), match[1], "value", spec=text))
            positions.append(_position(match[2], text, "position"))
        if any(b <= a for a, b in itertools.pairwise(positions)):
            raise ValueError(f"alpha schedule {text!r}: positions must increase strictly, got {positions}")
        if len(values) == 1:
            return AlphaSchedule("constant", (values[0],))
        return AlphaSchedule("points", tuple(values), tuple(positions))
    kind = text.split(":", 1)[0]
    hint = f"unknown kind {kind!r}; " if ":" in text and kind not in KINDS else ""
    raise ValueError(f"{where}: cannot read alpha schedule {text!r}: {hint}write a number in [0, 1] or one of "
                     f"{', '.join(FORMS)}")
