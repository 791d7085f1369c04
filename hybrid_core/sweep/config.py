"""What a sweep is: its grid of (α schedule, seed) points, the training settings they share, its evaluations.

:class:`SweepConfig` and :class:`EvalSpec` are validated completely when they are made, so a bad value fails before
a sweep folder or its ``sweep.json`` is written (a sweep saved with a bad value could never be run again).

Example:
    >>> config = SweepConfig("demo-grid", alphas=(0, 1, "linear:0-1"), seeds=(1, 2), train={"max_steps": 5})
    >>> [point_id(a, s) for a, s in config.points()][:3]
    ['a0.00-s1', 'a0.00-s2', 'a1.00-s1']
    >>> point_id(config.alphas[2], 1), config.to_dict()["alphas"]
    ('linear-0-1-s1', [0.0, 1.0, 'linear:0-1'])
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from hybrid_core.debias import parse_remedy
from hybrid_core.locations import resolve_data
from hybrid_core.paths import check_name
from hybrid_core.schedules import AlphaSchedule, parse_schedule
from hybrid_core.training.config import TrainConfig
from hybrid_core.validation import check_choice, check_int

DEFAULT_ALPHAS: tuple[float, ...] = tuple(round(i / 10, 1) for i in range(11))
#: Training settings a sweep fixes per point; the base settings may not set them.
POINT_FIELDS = frozenset({"alpha", "seed", "name", "output_dir"})
#: Most points one sweep may hold (a typo such as ``--seeds 1 1000`` must not queue a thousand trainings).
MAX_POINTS = 500
UNTUNED = "untuned"


def point_id(alpha: AlphaSchedule | float | str, seed: int) -> str:
    """Name of a grid point: ``a0.50-s1`` (α = 0.5, seed 1), ``a0.504-s1``, ``linear-0-1-s2`` (a schedule)."""
    return f"{parse_schedule(alpha).slug}-s{seed}"


def _schedules(values: Any, where: str) -> tuple[AlphaSchedule, ...]:
    """Distinct schedules in canonical order: constants by value (rounded to 6 decimals), then other schedules by
    spelling."""
    parsed: dict[str, AlphaSchedule] = {}
    for value in values:
        schedule = parse_schedule(value, where=where)
        if schedule.is_constant:
            schedule = AlphaSchedule.constant(round(schedule.mean, 6))
        parsed[str(schedule)] = schedule
    constants = sorted((s for s in parsed.values() if s.is_constant), key=lambda s: s.mean)
    others = sorted((s for s in parsed.values() if not s.is_constant), key=str)
    return (*constants, *others)


@dataclass(frozen=True)
class EvalSpec:
    """One evaluation run after every point.

    Args:
        data: dataset path (any supported format) or ``"demo"`` (the shipped demo set's eval split).
        format: data format (``auto`` detects it).
        candidate_text: ``sentence`` (LAReQA's sentence-only variant) or ``sentence+context``.
        languages: evaluate only these languages (default all).
        max_questions: keep only the first N question ids (quick sweeps).
        backend: inference backend (``torch`` = fp32 reference; see :mod:`hybrid_core.backends`).
        name: key of the evaluation in file names (default ``<dataset>-<candidate_text>``).
        alphas: evaluate only the points with these α schedules (default every point), e.g. an expensive
            paragraph-context evaluation at α = 0, the best α and α = 1; the untuned model always gets it.
        seeds: evaluate only the points of these seeds (default every seed).
        debias: an index-side remedy applied before search (:mod:`hybrid_core.debias`; default ``none``); its
            evaluation is named ``<name>--<remedy slug>`` and its rows carry the remedy in ``debias``/``debias_fit``.
        debias_data: the parallel data a remedy fitted on training data estimates on (default: the sweep's training
            data, the protocol's training split).
    """

    data: str
    format: str = "auto"
    candidate_text: str = "sentence"
    languages: tuple[str, ...] | None = None
    max_questions: int | None = None
    backend: str = "torch"
    name: str = ""
    alphas: tuple[float | str, ...] | None = None
    seeds: tuple[int, ...] | None = None
    debias: str = "none"
    debias_data: str | None = None

    def __post_init__(self) -> None:
        # here, not at the top: both packages are heavy to import and needed only to check two names (they must be
        # checked before a sweep writes its settings, not when the first evaluation starts)
        from hybrid_core.backends import resolve_backend
        from hybrid_core.evaluation.tasks import CANDIDATE_TEXTS

        if not isinstance(self.data, str) or not self.data.strip():
            raise ValueError("evaluation data: give a dataset path or 'demo'")
        check_choice(self.candidate_text, CANDIDATE_TEXTS, "evaluation candidates")
        resolve_backend(self.backend)
        if self.languages is not None:
            object.__setattr__(self, "languages", tuple(self.languages))
        if self.max_questions is not None:
            check_int(self.max_questions, "evaluation max_questions", minimum=1)
        if self.alphas is not None:
            schedules = _schedules(self.alphas, "evaluation alphas")
            object.__setattr__(self, "alphas", tuple(s.to_json() for s in schedules))
        if self.seeds is not None:
            seeds = [check_int(s, "evaluation seeds", minimum=0) for s in self.seeds]
            object.__setattr__(self, "seeds", tuple(sorted(set(seeds))))
        remedy = parse_remedy(self.debias)
        object.__setattr__(self, "debias", str(remedy))
        if self.debias_data is not None and not remedy.needs_training_data:
            raise ValueError(f"evaluation debias_data: {remedy} does not estimate on training data; leave it out")
        if not self.name:
            stem = "demo" if self.data == "demo" else Path(self.data).expanduser().resolve().name
            object.__setattr__(self, "name", f"{stem}-{self.candidate_text.replace('+', '-')}"
                               + (f"-q{self.max_questions}" if self.max_questions else "")
                               + ("" if remedy.is_identity else f"--{remedy.slug}"))
        check_name(self.name, what="evaluation name")

    def check_data(self) -> EvalSpec:
        """Raise FileNotFoundError when the evaluation data is missing (checked before a sweep does any work; a
        saved or archived sweep loads without its data)."""
        resolve_data(self.data, what="evaluation data")
        if self.debias_data is not None:
            resolve_data(self.debias_data, what="evaluation debias_data")
        return self

    def to_dict(self) -> dict[str, Any]:
        """What ``sweep.json`` stores (the remedy fields only when a remedy is set, so that evaluations without one
        are stored as before remedies existed)."""
        data = asdict(self)
        if self.debias == "none":
            data.pop("debias")
            data.pop("debias_data")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalSpec:
        """An evaluation as saved in ``sweep.json``."""
        return cls(**{**data, "languages": tuple(data["languages"]) if data.get("languages") else None})

    def applies_to(self, alpha: AlphaSchedule | float | None, seed: int) -> bool:
        """Whether the point (α, seed) gets this evaluation (the untuned model, α None or NaN, always does)."""
        if alpha is None or (isinstance(alpha, float) and math.isnan(alpha)):
            return True
        spelling = str(parse_schedule(alpha))
        return ((self.alphas is None or spelling in {str(parse_schedule(a)) for a in self.alphas})
                and (self.seeds is None or seed in self.seeds))

    @classmethod
    def parse(cls, text: str) -> EvalSpec:
        """Parse a CLI spec ``PATH[,candidates=sentence+context][,format=lareqa][,max_questions=300]...``.

        List options join their values with ``+``: ``languages=de+en``, ``alphas=0+0.5+1+linear:0-1``,
        ``seeds=1+2``; a remedy's own options join with ``;``: ``debias=shift:0.5;source=de``.
        """
        head, *options = [part.strip() for part in text.split(",")]
        values: dict[str, Any] = {"data": head}
        known = {f.name for f in fields(cls)} - {"data"}
        for option in options:
            key, _, value = option.partition("=")
            key = {"candidates": "candidate_text"}.get(key, key)
            if key not in known:
                raise ValueError(f"evaluation spec {text!r}: unknown option {key!r}; known: {sorted(known)}")
            if key == "max_questions":
                try:
                    values[key] = int(value)
                except ValueError:
                    raise ValueError(f"evaluation spec {text!r}: max_questions must be a positive integer, "
                                     f"got {value!r}") from None
            elif key == "debias":
                values[key] = value.replace(";", ",")
            elif key in ("languages", "alphas"):
                values[key] = tuple(v for v in value.split("+") if v)
            elif key == "seeds":
                try:
                    values[key] = tuple(int(v) for v in value.split("+") if v)
                except ValueError:
                    raise ValueError(f"evaluation spec {text!r}: seeds must be integers joined by '+', "
                                     f"got {value!r}") from None
            else:
                values[key] = value
        return cls(**values).check_data()


@dataclass
class SweepConfig:
    """A sweep: the grid and what every point shares.

    Args:
        name: sweep folder name under ``<workspace>/sweeps``.
        alphas: α schedules: numbers in [0, 1] and/or schedule spellings (``linear:0-1``...); default 0, 0.1, ..., 1.
        seeds: training seeds; every α is trained once per seed.
        train: base training settings (fields of :class:`hybrid_core.training.TrainConfig` except
            alpha, seed, name, output_dir), identical for every point.
        evaluations: what to evaluate after each point.
        untuned: also evaluate the untuned model (the reference line).
        datasets: the content fingerprint of each dataset the sweep trains or evaluates on, by its portable
            reference (``{"mlqa-r": "3f1c...", "demo": "..."}``; see :mod:`hybrid_core.locations`); filled in when the
            sweep folder is prepared, and checked whenever the sweep runs again, on any machine.

    Raises:
        ValueError: any bad value (α outside [0, 1], a negative seed, a bad training setting or evaluation, two
            points with one name, more than :data:`MAX_POINTS` points).
    """

    name: str
    alphas: tuple[AlphaSchedule, ...] = DEFAULT_ALPHAS  # type: ignore[assignment]
    seeds: tuple[int, ...] = (1,)
    train: dict[str, Any] = field(default_factory=dict)
    evaluations: tuple[EvalSpec, ...] = ()
    untuned: bool = True
    datasets: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_name(self.name, what="sweep name")
        if isinstance(self.alphas, str | int | float):
            self.alphas = (self.alphas,)
        if not self.alphas:
            raise ValueError("alphas: give at least one α value in [0, 1] or a schedule such as linear:0-1")
        self.alphas = _schedules(self.alphas, "alphas")
        if not self.seeds:
            raise ValueError("seeds: give at least one seed")
        self.seeds = tuple(sorted({check_int(seed, "seeds", minimum=0) for seed in self.seeds}))
        if len(self.alphas) * len(self.seeds) > MAX_POINTS:
            raise ValueError(f"the grid has {len(self.alphas) * len(self.seeds)} points ({len(self.alphas)} α x "
                             f"{len(self.seeds)} seeds); at most {MAX_POINTS} per sweep")
        ids = [point_id(a, s) for a, s in self.points()]
        if len(set(ids)) != len(ids):  # excluded by the slugs; kept as a guard for future spellings
            raise ValueError(f"alphas: two grid points would share a name: {sorted(ids)}")
        if not isinstance(self.train, dict):
            raise ValueError(f"train must be a dict of training settings, got {self.train!r}")
        fixed = sorted(POINT_FIELDS & set(self.train))
        if fixed:
            raise ValueError(f"train: {fixed} are set per point by the sweep; remove them from the base settings")
        self.base_train_config()  # validates every field now, not after an hour of training
        self.evaluations = tuple(e if isinstance(e, EvalSpec) else EvalSpec(**e) for e in self.evaluations)
        names = [e.name for e in self.evaluations]
        if len(set(names)) != len(names):
            raise ValueError(f"evaluations: two evaluations share a name: {names}")
        if not isinstance(self.untuned, bool):
            raise ValueError(f"untuned must be true or false, got {self.untuned!r}")
        if not isinstance(self.datasets, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                           for k, v in self.datasets.items()):
            raise ValueError(f"datasets must map dataset names to fingerprints, got {self.datasets!r}")

    def base_train_config(self, *, alpha: AlphaSchedule | float | str = 0.5, seed: int = 1,
                          output_dir: str | None = None):
        """The :class:`~hybrid_core.training.TrainConfig` of one point."""

        return TrainConfig.from_dict({**self.train, "alpha": parse_schedule(alpha).to_json(), "seed": seed,
                                      "name": point_id(alpha, seed), "output_dir": output_dir})

    def points(self) -> list[tuple[AlphaSchedule, int]]:
        """Every (α schedule, seed) of the grid, α-major."""
        return [(alpha, seed) for alpha in self.alphas for seed in self.seeds]

    def to_dict(self) -> dict[str, Any]:
        """What ``sweep.json`` stores (constants as numbers, as before schedules existed)."""
        data = asdict(self)
        data["alphas"] = [a.to_json() for a in self.alphas]
        data["seeds"] = list(self.seeds)
        data["evaluations"] = [e.to_dict() for e in self.evaluations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepConfig:
        data = dict(data)
        data["alphas"] = tuple(data.get("alphas", DEFAULT_ALPHAS))
        data["seeds"] = tuple(data.get("seeds", (1,)))
        data["evaluations"] = tuple(EvalSpec.from_dict(e) for e in data.get("evaluations", ()))
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"sweep config: unknown field(s) {sorted(unknown)}")
        return cls(**data)
