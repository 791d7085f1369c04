"""The settings of a training run: :class:`TrainConfig` (saved as a run's ``config.json``).

Every field is a CLI flag of ``python -m hybrid_core train`` (``--batch-size``, ``--alpha``...) and a field of the
dashboard's launch form; ``__post_init__`` validates all of them at once, so a bad value fails before any work.
This module imports neither torch nor sentence-transformers (the CLI parser reads its fields).

Example:
    >>> config = TrainConfig(data="demo", alpha="linear:0-1", max_steps=10, batch_size=8, model="e5-small-cut")
    >>> config.schedule.mean, config.to_dict()["alpha"]
    (0.5, 'linear:0-1')
    >>> TrainConfig(batch_size=1)
    Traceback (most recent call last):
    ...
    ValueError: batch_size must be an integer >= 2, got 1
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hybrid_core.data.loading import FORMATS
from hybrid_core.languages import validate_languages
from hybrid_core.locations import portable_data, resolve_data
from hybrid_core.paths import check_name
from hybrid_core.schedules import AlphaSchedule, parse_schedule
from hybrid_core.validation import check_bool, check_choice, check_float, check_int

log = logging.getLogger(__name__)

#: Losses by name (built by :func:`hybrid_core.training.losses.build_loss`).
LOSSES: tuple[str, ...] = ("mnrl", "cached-mnrl")
DTYPES: tuple[str, ...] = ("fp32", "bf16")
#: the sampler's choices (the same values as hybrid_core.sampling.WEIGHTINGS / CROSS_MODES, without its imports).
WEIGHTINGS: tuple[str, ...] = ("uniform", "proportional")
CROSS_MODES: tuple[str, ...] = ("mixed", "single")
#: the ``data`` value that selects the shipped demo set.
DEMO_DATA = "demo"


def _help(text: str, **extra: Any) -> dict[str, Any]:
    return {"help": text, **extra}


@dataclass
class TrainConfig:
    """Everything that defines a training run (saved as ``config.json``; CLI flags map onto these fields).

    Validated on creation: α in [0, 1], known languages, an existing data path, positive sizes.
    """

    data: str = field(default=DEMO_DATA, metadata=_help(
        "training data: a dataset folder/file (XQuAD-R/MLQA-R, SQuAD, MIRACL, JSONL) or 'demo' (shipped demo set)"))
    alpha: float | str = field(default=0.5, metadata=_help(
        "share of monolingual batches: a number in [0, 1], or a schedule over training such as linear:0-1, "
        "step:0-1@0.5, cosine:1-0, points:0@0,1@0.5 (see hybrid_core.schedules)"))
    model: str = field(default="e5-small", metadata=_help(
        "model spec: 'e5-small' (embedded), 'e5-small-cut' (tests), a folder, a run folder or a hub id"))
    name: str | None = field(default=None, metadata=_help(
        "run name (folder under <workspace>/runs); default: <date>-<time>-a<alpha>-s<seed>"))
    output_dir: str | None = field(default=None, metadata=_help(
        "run folder (default <workspace>/runs/<name>)"))
    data_format: str = field(default="auto", metadata=_help(
        "data format: auto (default: detected), lareqa, squad, miracl, jsonl"))
    languages: tuple[str, ...] | None = field(default=None, metadata=_help(
        "training languages (default: every language of the data)"))
    seed: int = field(default=42, metadata=_help("seed of the batch sequence, initialisation and dropout"))
    learning_rate: float = field(default=2e-5, metadata=_help("peak learning rate (AdamW, linear decay)"))
    batch_size: int = field(default=32, metadata=_help("pairs per batch (per device)"))
    max_steps: int | None = field(default=None, metadata=_help("optimizer steps (overrides epochs)"))
    epochs: float = field(default=1.0, metadata=_help("epochs when max_steps is not set"))
    warmup_ratio: float = field(default=0.1, metadata=_help("linear warm-up as a share of the steps"))
    warmup_steps: int | None = field(default=None, metadata=_help("linear warm-up steps (overrides warmup_ratio)"))
    max_seq_length: int | None = field(default=256, metadata=_help(
        "truncate texts to this many tokens (padding is per batch, so a high limit costs nothing on short texts)"))
    freeze_word_embeddings: bool = field(default=True, metadata=_help(
        "freeze the word-embedding matrix (96M of the 118M parameters of e5-small): spares its gradient and "
        "optimizer update"))
    length_chunks: int = field(default=4, metadata=_help(
        "encode each column of a batch in this many length-sorted chunks (less padding work; the batch, "
        "its negatives and the gradient stay the same); 1 = one padded forward per column"))
    dtype: str = field(default="fp32", metadata=_help("fp32, or bf16 autocast (mixed precision)", choices=DTYPES))
    device: str = field(default="auto", metadata=_help("auto, cpu, cuda, cuda:N"))
    num_threads: int | None = field(default=None, metadata=_help(
        "CPU threads of torch for this run (default: torch's own, one per core)"))
    loss: str = field(default="mnrl", metadata=_help(
        "mnrl (MultipleNegativesRankingLoss) or cached-mnrl (same loss in mini-batches, for large batches)",
        choices=LOSSES))
    mini_batch_size: int = field(default=16, metadata=_help("mini-batch size of cached-mnrl"))
    scale: float = field(default=20.0, metadata=_help("similarity scale (inverse temperature) of the loss"))
    gather_across_devices: bool = field(default=False, metadata=_help(
        "multi-GPU: use the other ranks' pairs as negatives too (one global batch per step)"))
    language_weighting: str = field(default="uniform", metadata=_help(
        "language of a monolingual batch: uniform or proportional (to its pairs)", choices=WEIGHTINGS))
    pair_weighting: str = field(default="uniform", metadata=_help(
        "language pair of a cross-lingual pair: uniform or proportional", choices=WEIGHTINGS))
    cross_mode: str = field(default="mixed", metadata=_help(
        "cross-lingual batches: mixed (each pair its own language pair) or single (one per batch)",
        choices=CROSS_MODES))
    save_steps: int = field(default=50, metadata=_help("save a checkpoint every this many steps"))
    save_total_limit: int | None = field(default=2, metadata=_help("keep this many checkpoints (None: all)"))
    logging_steps: int = field(default=5, metadata=_help("log the mean loss every this many steps"))

    def __post_init__(self) -> None:
        self.alpha = parse_schedule(self.alpha, where="alpha").to_json()
        for name in ("model", "data_format", "dtype", "device", "loss", "language_weighting", "pair_weighting",
                     "cross_mode"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be a string, got {getattr(self, name)!r}")
        for name in ("name", "output_dir"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str | os.PathLike):
                raise ValueError(f"{name} must be a string or None, got {value!r}")
        if not isinstance(self.data, str | os.PathLike) or not str(self.data).strip():
            raise ValueError(f"data must be a dataset path or 'demo', got {self.data!r}")
        self.data = str(self.data)
        try:
            resolve_data(self.data, what="data path")
        except FileNotFoundError as exc:
            raise ValueError(str(exc)) from None

        self.data_format = check_choice(self.data_format, FORMATS, "data_format")
        if isinstance(self.languages, str):
            self.languages = tuple(x for x in self.languages.replace(",", " ").split() if x)
        if self.languages is not None and (not isinstance(self.languages, list | tuple)
                                           or not all(isinstance(x, str) for x in self.languages)):
            raise ValueError(f"languages must be a list of language codes such as ['en', 'de'] (or None for all), "
                             f"got {self.languages!r}")
        if self.languages is not None:
            self.languages = validate_languages(self.languages, where="TrainConfig.languages")
            if not self.languages:
                raise ValueError("languages must name at least one language (or be None for all)")
        if not str(self.model).strip():
            raise ValueError("model must be a model spec such as 'e5-small'")
        self.model = str(self.model)
        if self.name is not None:
            check_name(self.name, what="run name")
        if self.output_dir is not None:
            self.output_dir = str(self.output_dir)
        self.seed = check_int(self.seed, "seed", minimum=0)
        self.learning_rate = check_float(self.learning_rate, "learning_rate", positive=True)
        self.batch_size = check_int(self.batch_size, "batch_size", minimum=2)
        if self.max_steps is not None:
            self.max_steps = check_int(self.max_steps, "max_steps", minimum=1)
        self.epochs = check_float(self.epochs, "epochs", positive=True)
        self.warmup_ratio = check_float(self.warmup_ratio, "warmup_ratio")
        if not 0.0 <= self.warmup_ratio < 1.0:
            raise ValueError(f"warmup_ratio must be in [0, 1), got {self.warmup_ratio!r}")
        if self.warmup_steps is not None:
            self.warmup_steps = check_int(self.warmup_steps, "warmup_steps", minimum=0)
        if self.max_seq_length is not None:
            self.max_seq_length = check_int(self.max_seq_length, "max_seq_length", minimum=8)
        check_bool(self.freeze_word_embeddings, "freeze_word_embeddings")
        check_bool(self.gather_across_devices, "gather_across_devices")
        self.length_chunks = check_int(self.length_chunks, "length_chunks", minimum=1)
        self.dtype = check_choice(self.dtype, DTYPES, "dtype")
        device = str(self.device)
        if device not in {"auto", "cpu", "cuda", "mps", "xpu"} and not (
                device.startswith("cuda:") and device[5:].isdigit()):
            raise ValueError(f"device must be one of auto, cpu, cuda, cuda:N, mps, xpu; got {self.device!r}")
        self.device = device
        if self.num_threads is not None:
            self.num_threads = check_int(self.num_threads, "num_threads", minimum=1)
        self.loss = check_choice(self.loss, LOSSES, "loss")
        self.mini_batch_size = check_int(self.mini_batch_size, "mini_batch_size", minimum=1)
        self.scale = check_float(self.scale, "scale", positive=True)
        self.language_weighting = check_choice(self.language_weighting, WEIGHTINGS, "language_weighting")
        self.pair_weighting = check_choice(self.pair_weighting, WEIGHTINGS, "pair_weighting")
        self.cross_mode = check_choice(self.cross_mode, CROSS_MODES, "cross_mode")
        self.save_steps = check_int(self.save_steps, "save_steps", minimum=1)
        if self.save_total_limit is not None:
            self.save_total_limit = check_int(self.save_total_limit, "save_total_limit", minimum=1)
        self.logging_steps = check_int(self.logging_steps, "logging_steps", minimum=1)
        if self.length_chunks > 1 and self.loss == "cached-mnrl":
            log.warning("length_chunks is ignored with cached-mnrl (its mini-batches already bound the padding)")

    # ----- round trip through config.json -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values (tuples become lists)."""
        out = dataclasses.asdict(self)
        if out["languages"] is not None:
            out["languages"] = list(out["languages"])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Build from :meth:`to_dict` output (or a ``config.json``'s ``"config"`` part).

        Raises:
            ValueError: an unknown key (the message names the closest field) or an invalid value.
        """
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = [k for k in data if k not in names]
        if unknown:
            hints = [f"{k!r} (did you mean {close[0]!r}?)" if (close := difflib.get_close_matches(k, names, n=1))
                     else repr(k) for k in unknown]
            raise ValueError(f"unknown training option(s) {', '.join(hints)}; valid: {', '.join(names)}")
        values = dict(data)
        if isinstance(values.get("languages"), list):
            values["languages"] = tuple(values["languages"])
        return cls(**values)

    @classmethod
    def from_json(cls, path: str | Path) -> TrainConfig:
        """Read a config file: either a plain dict of fields or a run's ``config.json`` (``{"config": {...}}``)."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FileNotFoundError(f"config file {path} does not exist") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a JSON object of training options")
        if "config" in data and isinstance(data["config"], dict):
            data = data["config"]
        try:
            return cls.from_dict(data)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{path}: {exc}") from None

    def reproducibility_dict(self) -> dict[str, Any]:
        """The fields that decide the result (everything but where it is written and how often it is logged)."""
        out = self.to_dict()
        for key in ("name", "output_dir", "save_steps", "save_total_limit", "logging_steps"):
            out.pop(key)
        out["data"] = portable_data(out["data"])  # where the data lies does not decide the result
        return out

    @property
    def schedule(self) -> AlphaSchedule:
        """How this run mixes its batches (``alpha`` read as an :class:`~hybrid_core.schedules.AlphaSchedule`)."""
        return parse_schedule(self.alpha)

    def default_name(self) -> str:
        """``<yyyymmdd>-<hhmmss>-a<alpha>-s<seed>`` (a schedule's slug, e.g. ``linear-0-1``, instead of
        ``a<alpha>``)."""
        schedule = self.schedule
        label = f"a{schedule.mean:g}" if schedule.is_constant else schedule.slug
        return f"{time.strftime('%Y%m%d-%H%M%S')}-{label}-s{self.seed}"
