"""Shared checks of user-given values: one message style for every config, CLI flag and page form.

Each check returns the value in its canonical type or raises ``ValueError`` naming the field, the value given and
what is expected (with the closest valid choice where there is a list). Nothing here imports torch or pandas, so
configs and the CLI parser stay fast to import.

Example:
    >>> check_int(3, "batch_size", minimum=2)
    3
    >>> check_choice("mixd", ("mixed", "single"), "cross_mode")
    Traceback (most recent call last):
    ...
    ValueError: cross_mode must be one of mixed, single, got 'mixd' (did you mean 'mixed'?)
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Sequence
from typing import Any


def check_int(value: Any, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` as an int within [minimum, maximum]; bools, floats and strings are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer{_range(minimum, maximum)}, got {value!r}")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be an integer{_range(minimum, maximum)}, got {value!r}")
    return int(value)


def check_float(value: Any, name: str, *, minimum: float | None = None, maximum: float | None = None,
                positive: bool = False) -> float:
    """``value`` as a finite float within [minimum, maximum] (and > 0 with ``positive``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number{_range(minimum, maximum)}, got {value!r}")
    number = float(value)
    if positive and number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise ValueError(f"{name} must be a number{_range(minimum, maximum)}, got {value!r}")
    return number


def check_bool(value: Any, name: str) -> bool:
    """``value`` if it is a bool (``1`` or ``"yes"`` are refused: a config file should say true or false)."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return value


def check_choice(value: Any, choices: Sequence[str], name: str) -> str:
    """``value`` if it is one of ``choices``; otherwise the message lists them and the closest one."""
    if not isinstance(value, str) or value not in choices:
        close = difflib.get_close_matches(str(value), list(choices), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {value!r}{hint}")
    return value


def check_alpha(alpha: Any, *, where: str = "alpha") -> float:
    """A constant α: a number in [0, 1] (the share of monolingual batches), as a float."""
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
        raise ValueError(f"{where} must be a number in [0, 1] (the share of monolingual batches), got {alpha!r}")
    value = float(alpha)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{where} must be in [0, 1] (the share of monolingual batches), got {alpha!r}")
    return value


def _range(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f" in [{minimum}, {maximum}]"
    if minimum is not None:
        return f" >= {minimum}"
    if maximum is not None:
        return f" <= {maximum}"
    return ""
