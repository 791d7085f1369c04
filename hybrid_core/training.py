"""Hybrid batch training: :class:`TrainConfig` -> a run folder, through the sentence-transformers trainer.

One function, :func:`train`, is what the CLI (``python -m hybrid_core train``), the dashboard (which launches
it as a background process, see :func:`hybrid_core.runs.launch`) and ``torchrun``/``accelerate launch`` call.
It builds the (question, passage) pairs of the training data, plugs :class:`~hybrid_core.sampling.
HybridBatchSampler` into ``SentenceTransformerTrainer`` through the ``batch_sampler`` training argument and
trains with ``MultipleNegativesRankingLoss`` (in-batch negatives; ``CachedMultipleNegativesRankingLoss`` for
batches larger than memory allows). Query/passage prefixes come from the model's own ``prompts``.

The run folder (layout in :mod:`hybrid_core.runs`) holds ``config.json``, ``status.json`` (updated
atomically every step), ``metrics.jsonl``, ``train.log``, ``checkpoints/`` and, when finished, ``final/`` (a
normal sentence-transformers folder: ``hybrid_core.models.load_model(run_folder)`` loads it). Calling
:func:`train` again on an unfinished run resumes from its last checkpoint with the same batch sequence.

Example:
    >>> from hybrid_core.training import TrainConfig, train
    >>> config = TrainConfig(data="demo", model="e5-small-cut", alpha=0.5, max_steps=4, batch_size=8)
    >>> run = train(config)  # doctest: +SKIP
    >>> (run / "final" / "modules.json").is_file()  # doctest: +SKIP
    True
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import logging
import math
import numbers
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from hybrid_core import runs
from hybrid_core.atomic import write_json
from hybrid_core.data.pairs import PASSAGE_COLUMN, QUERY_COLUMN, PairTable, build_pairs
from hybrid_core.languages import validate_languages
from hybrid_core.paths import check_name

if TYPE_CHECKING:
    from hybrid_core.sampling import HybridSamplerFactory

# This module imports torch / sentence-transformers only inside functions, so that building the CLI parser
# (which reads TrainConfig's fields) stays fast.

log = logging.getLogger(__name__)

LossName = Literal["mnrl", "cached-mnrl"]
LOSSES: tuple[str, ...] = ("mnrl", "cached-mnrl")
DTYPES: tuple[str, ...] = ("fp32", "bf16")
#: the sampler's choices (same values as hybrid_core.sampling.WEIGHTINGS / CROSS_MODES, kept light here).
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
    alpha: float = field(default=0.5, metadata=_help("share of monolingual batches, in [0, 1]"))
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
        if isinstance(self.alpha, bool) or not isinstance(self.alpha, numbers.Real) or not (
                math.isfinite(float(self.alpha)) and 0.0 <= float(self.alpha) <= 1.0):
            raise ValueError(f"alpha must be a number in [0, 1] (the share of monolingual batches), "
                             f"got {self.alpha!r}")
        self.alpha = float(self.alpha)
        if not isinstance(self.data, str | os.PathLike) or not str(self.data).strip():
            raise ValueError("data must be a dataset path or 'demo'")
        self.data = str(self.data)
        if self.data != DEMO_DATA and not Path(self.data).expanduser().exists():
            raise ValueError(f"data path {self.data!r} does not exist (use a dataset folder/file or 'demo')")
        from hybrid_core.data.loading import FORMATS

        self.data_format = _choice(self.data_format, FORMATS, "data_format")
        if isinstance(self.languages, str):
            self.languages = tuple(x for x in self.languages.replace(",", " ").split() if x)
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
        self.seed = _int(self.seed, "seed", minimum=0)
        self.learning_rate = _float(self.learning_rate, "learning_rate", positive=True)
        self.batch_size = _int(self.batch_size, "batch_size", minimum=2)
        if self.max_steps is not None:
            self.max_steps = _int(self.max_steps, "max_steps", minimum=1)
        self.epochs = _float(self.epochs, "epochs", positive=True)
        self.warmup_ratio = _float(self.warmup_ratio, "warmup_ratio")
        if not 0.0 <= self.warmup_ratio < 1.0:
            raise ValueError(f"warmup_ratio must be in [0, 1), got {self.warmup_ratio!r}")
        if self.warmup_steps is not None:
            self.warmup_steps = _int(self.warmup_steps, "warmup_steps", minimum=0)
        if self.max_seq_length is not None:
            self.max_seq_length = _int(self.max_seq_length, "max_seq_length", minimum=8)
        if not isinstance(self.freeze_word_embeddings, bool):
            raise ValueError(f"freeze_word_embeddings must be true or false, got {self.freeze_word_embeddings!r}")
        if not isinstance(self.gather_across_devices, bool):
            raise ValueError(f"gather_across_devices must be true or false, got {self.gather_across_devices!r}")
        self.length_chunks = _int(self.length_chunks, "length_chunks", minimum=1)
        self.dtype = _choice(self.dtype, DTYPES, "dtype")
        device = str(self.device)
        if device not in {"auto", "cpu", "cuda", "mps", "xpu"} and not (
                device.startswith("cuda:") and device[5:].isdigit()):
            raise ValueError(f"device must be one of auto, cpu, cuda, cuda:N, mps, xpu; got {self.device!r}")
        self.device = device
        if self.num_threads is not None:
            self.num_threads = _int(self.num_threads, "num_threads", minimum=1)
        self.loss = _choice(self.loss, LOSSES, "loss")
        self.mini_batch_size = _int(self.mini_batch_size, "mini_batch_size", minimum=1)
        self.scale = _float(self.scale, "scale", positive=True)
        self.language_weighting = _choice(self.language_weighting, WEIGHTINGS, "language_weighting")
        self.pair_weighting = _choice(self.pair_weighting, WEIGHTINGS, "pair_weighting")
        self.cross_mode = _choice(self.cross_mode, CROSS_MODES, "cross_mode")
        self.save_steps = _int(self.save_steps, "save_steps", minimum=1)
        if self.save_total_limit is not None:
            self.save_total_limit = _int(self.save_total_limit, "save_total_limit", minimum=1)
        self.logging_steps = _int(self.logging_steps, "logging_steps", minimum=1)
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
        return out

    def default_name(self) -> str:
        """``<yyyymmdd>-<hhmmss>-a<alpha>-s<seed>``."""
        return f"{time.strftime('%Y%m%d-%H%M%S')}-a{self.alpha:g}-s{self.seed}"


def _int(value: Any, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _float(value: Any, name: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return float(value)


def _choice(value: Any, choices: tuple[str, ...], name: str) -> str:
    if value not in choices:
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {value!r}{hint}")
    return str(value)


# ----- pieces of a run ----------------------------------------------------------------------------------------
def load_training_pairs(config: TrainConfig) -> PairTable:
    """The (question, passage) pairs of ``config.data`` restricted to ``config.languages``."""
    from hybrid_core.data.loading import demo_dataset, load_dataset

    if config.data == DEMO_DATA:
        dataset = demo_dataset("train", languages=config.languages)
    else:
        dataset = load_dataset(config.data, format=config.data_format, languages=config.languages)
    return build_pairs(dataset, languages=config.languages)


def freeze_word_embeddings(model: Any) -> int:
    """Stop training the word-embedding matrix; returns how many parameters were frozen."""
    frozen = 0
    for name, parameter in model.named_parameters():
        if name.endswith("word_embeddings.weight"):
            parameter.requires_grad_(False)
            frozen += parameter.numel()
    if not frozen:
        raise ValueError("freeze_word_embeddings: the model has no parameter named '*word_embeddings.weight'")
    return frozen


def build_loss(model: Any, config: TrainConfig) -> Any:
    """``MultipleNegativesRankingLoss`` (or its cached variant), optionally with length-chunked encoding."""
    from sentence_transformers.sentence_transformer.losses import (
        CachedMultipleNegativesRankingLoss,
        MultipleNegativesRankingLoss,
    )

    if config.loss == "cached-mnrl":
        return CachedMultipleNegativesRankingLoss(model, scale=config.scale, mini_batch_size=config.mini_batch_size,
                                                  gather_across_devices=config.gather_across_devices)
    if config.length_chunks > 1:
        return _length_chunked_loss_class()(model, chunks=config.length_chunks, scale=config.scale,
                                            gather_across_devices=config.gather_across_devices)
    return MultipleNegativesRankingLoss(model, scale=config.scale, gather_across_devices=config.gather_across_devices)


def _chunked_embeddings(model: Any, features: dict[str, Any], chunks: int) -> Any:
    """Sentence embeddings of one tokenised column, computed in ``chunks`` length-sorted pieces.

    Rows are sorted by their token count, cut into ``chunks`` pieces, each trimmed to its own longest row and
    encoded separately; the embeddings are put back in the original row order. With mean pooling and an
    attention mask the result equals the padded forward (up to float rounding): only padding work is saved.
    """
    import torch

    mask = features.get("attention_mask")
    if mask is None or chunks <= 1 or mask.shape[0] < 2 * chunks:
        return model(features)["sentence_embedding"]
    lengths = mask.sum(dim=1)
    order = torch.argsort(lengths, stable=True)
    pieces = []
    for part in torch.tensor_split(order, chunks):
        if len(part) == 0:
            continue
        width = int(lengths[part].max())
        sub = {k: (v[part][:, :width] if v.dim() == 2 and v.shape[1] == mask.shape[1] else v[part])
               for k, v in features.items() if torch.is_tensor(v) and v.dim() >= 1 and v.shape[0] == mask.shape[0]}
        pieces.append(model(sub)["sentence_embedding"])
    embeddings = torch.cat(pieces, dim=0)
    inverse = torch.empty_like(order)
    inverse[order] = torch.arange(len(order), device=order.device)
    return embeddings[inverse]


_LOSS_CLASS: type | None = None


def _length_chunked_loss_class() -> type:
    global _LOSS_CLASS
    if _LOSS_CLASS is not None:
        return _LOSS_CLASS
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    class LengthChunkedMNRL(MultipleNegativesRankingLoss):
        """MultipleNegativesRankingLoss that encodes each column in length-sorted chunks (same loss, less padding).

        Args:
            model: the SentenceTransformer model.
            chunks: length-sorted pieces per column (see :func:`_chunked_embeddings`).
            **kwargs: MultipleNegativesRankingLoss arguments (``scale``, ``gather_across_devices``, ...).
        """

        def __init__(self, model: Any, *, chunks: int = 4, **kwargs: Any) -> None:
            super().__init__(model, **kwargs)
            self.chunks = chunks

        def forward(self, sentence_features: Any, labels: Any) -> Any:
            embeddings = [_chunked_embeddings(self.model, features, self.chunks) for features in sentence_features]
            return self.compute_loss_from_embeddings(embeddings, labels)

        def get_config_dict(self) -> dict[str, Any]:
            return {**super().get_config_dict(), "length_chunks": self.chunks}

    _LOSS_CLASS = LengthChunkedMNRL
    return LengthChunkedMNRL


def library_versions() -> dict[str, str]:
    """Versions of the libraries that decide a run's result."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for package in ("hybrid-batch-lab", "torch", "transformers", "sentence-transformers", "accelerate", "datasets",
                    "numpy", "tokenizers"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


def _rank() -> int:
    return int(os.environ.get("RANK", "0") or 0)


def _world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1") or 1)


# ----- status updates during training --------------------------------------------------------------------------
class RunCallback:
    """Keeps ``status.json``, ``metrics.jsonl`` and the sampler state of a run up to date (rank 0 writes).

    Also re-applies the sampler's epoch at each epoch start (under DDP a resumed mid-epoch dataloader wraps the
    sampler in two layers, and the trainer's own ``set_epoch`` does not reach it) and turns a cancel request
    (SIGTERM) into "save a checkpoint and stop" at the end of the current step.
    """

    def __init__(self, run_dir: Path, factory: HybridSamplerFactory, cancel: _CancelFlag, *,
                 progress: Callable[[dict], None] | None, world_size: int, is_main: bool) -> None:
        self.run_dir = run_dir
        self.factory = factory
        self.cancel = cancel
        self.progress = progress
        self.world_size = world_size
        self.is_main = is_main
        self.started_at = time.time()
        self.start_step = 0
        self.last_loss: float | None = None
        self.first_loss: float | None = None

    # transformers calls these by name; the class is made a TrainerCallback subclass in _callback_class()
    def _status(self, trainer_state: Any, args: Any, **fields: Any) -> None:
        if not self.is_main:
            return
        state = trainer_state
        step, total = int(state.global_step), int(state.max_steps or 0)
        done = step - self.start_step
        elapsed = time.time() - self.started_at
        eta = elapsed / done * (total - step) if done > 0 and total else None
        sampler = self.factory.sampler
        world = sampler.world_size if sampler is not None else self.world_size
        consumed = step * args.gradient_accumulation_steps * world
        status = runs.update_status(
            self.run_dir, step=step, total=total, epoch=float(state.epoch or 0.0), loss=self.last_loss,
            first_loss=self.first_loss,
            realized_alpha=sampler.realized_alpha(consumed) if sampler is not None else None,
            batches=consumed, eta_seconds=None if eta is None else round(eta, 1),
            seconds_per_step=None if done <= 0 else round(elapsed / done, 3), **fields)
        if self.progress is not None:
            self.progress(status)

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.started_at = time.time()
        self.start_step = int(state.global_step)
        sampler = self.factory.sampler
        if sampler is not None and self.is_main:
            described = sampler.describe()
            saved = runs.read_json(self.run_dir / runs.SAMPLER_FILE)
            if saved and saved.get("fingerprint") != described["fingerprint"]:
                raise ValueError(
                    f"run {self.run_dir.name}: the batch sequence would differ from the one it started with "
                    f"(sampler fingerprint {described['fingerprint']} != {saved.get('fingerprint')}): the data, "
                    "α, seed, batch size or world size changed; start a new run instead")
            write_json(self.run_dir / runs.SAMPLER_FILE, described)
        self._status(state, args, state="running")

    def on_epoch_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.factory.sampler is not None:
            self.factory.sampler.set_epoch(int(float(state.epoch or 0.0) + 1e-9))

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.cancel.requested:
            control.should_save = True
            control.should_training_stop = True
        self._status(state, args)

    def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, float] | None = None,
               **kwargs: Any) -> None:
        if not logs or "loss" not in logs:
            return
        self.last_loss = float(logs["loss"])
        if self.first_loss is None:
            self.first_loss = self.last_loss
        log.info("step %d/%d: loss %.4f, learning rate %.3g", state.global_step, state.max_steps, self.last_loss,
                 float(logs.get("learning_rate", 0.0)))
        if self.is_main:
            entry = {"step": int(state.global_step), "epoch": round(float(state.epoch or 0.0), 4),
                     "loss": self.last_loss, "time": round(time.time(), 3)}
            entry.update({k: float(v) for k, v in logs.items() if k in {"learning_rate", "grad_norm"}})
            runs.append_metrics(self.run_dir, entry)
        self._status(state, args)

    def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not self.is_main:
            return
        checkpoint = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        sampler = self.factory.sampler
        if checkpoint.is_dir() and sampler is not None:
            consumed = int(state.global_step) * args.gradient_accumulation_steps * sampler.world_size
            write_json(checkpoint / runs.SAMPLER_FILE, {
                **sampler.describe(), "epoch": sampler.epoch, "global_step": int(state.global_step),
                "batches_consumed": consumed, "realized_alpha": sampler.realized_alpha(consumed)})
        self._status(state, args, checkpoint=str(checkpoint.relative_to(self.run_dir))
                     if checkpoint.is_relative_to(self.run_dir) else str(checkpoint))


def _callback_class() -> type:
    from transformers import TrainerCallback

    return type("HybridRunCallback", (RunCallback, TrainerCallback), {"__doc__": RunCallback.__doc__})


# ----- the entry point ------------------------------------------------------------------------------------------
def _attach_log_file(path: Path) -> logging.Handler:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    for name in ("transformers", "sentence_transformers"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).propagate = False
    return handler


def _detach_log_file(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    for name in ("transformers", "sentence_transformers"):
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).propagate = True
    handler.close()


def train(config: TrainConfig, *, progress: Callable[[dict], None] | None = None,
          root: Path | None = None) -> Path:
    """Train a model with hybrid batches; returns the run folder.

    Calling it again for an unfinished run (same name, same configuration) resumes from the last checkpoint
    with the same batch sequence. SIGTERM (see :func:`hybrid_core.runs.cancel`) saves a checkpoint at the end
    of the current step and marks the run ``cancelled``; a second SIGTERM stops at once.

    Args:
        config: the run's settings.
        progress: called with the current status dict after every step and log (e.g. to move a progress bar).
        root: folder of runs (default ``<workspace>/runs``); ignored when ``config.output_dir`` is set.

    Returns:
        The run folder; ``<run>/final`` holds the trained model when the run finished.

    Raises:
        ValueError: the run exists with another configuration or already finished; bad data or model.
        Exception: whatever training raised (``status.json`` then says ``failed`` with the message).
    """
    rank, world_size = _rank(), _world_size()
    is_main = rank == 0
    run_dir = runs.create_run(config, root=root, write=is_main)
    if is_main:
        current = runs.read_status(run_dir)
        if current.get("alive") and int(current.get("pid") or 0) != os.getpid():
            raise ValueError(f"run {run_dir.name} is being trained by another process (pid {current['pid']})")
    handler = _attach_log_file(run_dir / runs.LOG_FILE) if is_main else None
    cancel = _CancelFlag()
    previous_handler = None
    if threading.current_thread() is threading.main_thread():
        previous_handler = signal.signal(signal.SIGTERM, cancel.handle)
    try:
        if is_main:
            runs.update_status(run_dir, state="running", pid=os.getpid(), started=runs.now(), error=None,
                               world_size=world_size)
        log.info("run %s: %s", run_dir, json.dumps(config.to_dict()))
        _check_threads(config)
        trainer, factory = _build_trainer(config, run_dir, world_size=world_size)
        callback = _callback_class()(run_dir, factory, cancel, progress=progress, world_size=world_size,
                                     is_main=is_main)
        trainer.add_callback(callback)
        checkpoint = runs.last_checkpoint(run_dir)
        if checkpoint is not None:
            log.info("resuming from %s", checkpoint)
        if not cancel.requested:
            trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
        if cancel.requested:
            if is_main:
                runs.update_status(run_dir, state="cancelled", finished=runs.now(),
                                   error=f"cancelled; resume with `python -m hybrid_core train --resume {run_dir}`")
            return run_dir
        if is_main:
            runs.save_final_model(trainer.model, run_dir)
            runs.update_status(run_dir, state="finished", finished=runs.now(), eta_seconds=0,
                               final_model=runs.FINAL_DIR)
            log.info("finished: %s", run_dir / runs.FINAL_DIR)
        return run_dir
    except BaseException as exc:
        if is_main:
            cancelled = isinstance(exc, KeyboardInterrupt)
            log.error("training %s: %s\n%s", "cancelled" if cancelled else "failed", exc, traceback.format_exc())
            runs.update_status(run_dir, state="cancelled" if cancelled else "failed", finished=runs.now(),
                               error=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        if handler is not None:
            _detach_log_file(handler)


def _check_threads(config: TrainConfig) -> None:
    """Apply ``config.num_threads``; warn when an oversubscribed CPU will make OpenMP's spinning threads crawl."""
    import torch

    if config.num_threads is not None:
        torch.set_num_threads(config.num_threads)
    threads = torch.get_num_threads()
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if threads > 1 and load > cores and os.environ.get("OMP_WAIT_POLICY", "").upper() != "PASSIVE":
        log.warning("the CPU is busy (load %.1f on %d cores) and torch uses %d spinning OpenMP threads: a step can "
                    "be several times slower. Set OMP_WAIT_POLICY=PASSIVE before starting Python (background runs "
                    "do) or use --num-threads 1", load, cores, threads)


class _CancelFlag:
    """Set by SIGTERM; the callback turns it into "save and stop" at the next step end."""

    def __init__(self) -> None:
        self.requested = False

    def handle(self, signum: int, frame: Any) -> None:
        if self.requested:  # second request: stop now
            raise KeyboardInterrupt("cancelled twice")
        self.requested = True
        log.warning("cancel requested (signal %d): saving a checkpoint and stopping after this step", signum)


def _build_trainer(config: TrainConfig, run_dir: Path, *, world_size: int) -> tuple[Any, HybridSamplerFactory]:
    """Data, model, loss, sampler and arguments of a run, put together in a ``SentenceTransformerTrainer``."""
    from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments

    from hybrid_core.models import load_model

    table = load_training_pairs(config)
    log.info("pairs: %s (%d language pairs)", table.counts(), len(table.language_pair_counts()))
    device = config.device
    if world_size > 1 and device == "auto":
        device = "cpu" if not _cuda() else f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"
    model = load_model(config.model, device=device, max_seq_length=config.max_seq_length)
    if config.freeze_word_embeddings:
        log.info("froze %d word-embedding parameters", freeze_word_embeddings(model))
    prompts = model.prompts or {}
    column_prompts = {QUERY_COLUMN: prompts.get("query", ""), PASSAGE_COLUMN: prompts.get("passage", "")}
    loss = build_loss(model, config)
    from hybrid_core.sampling import hybrid_sampler_factory

    factory = hybrid_sampler_factory(table.keys(), alpha=config.alpha, language_weighting=config.language_weighting,
                                     pair_weighting=config.pair_weighting, cross_mode=config.cross_mode)
    warmup: float = config.warmup_steps if config.warmup_steps is not None else config.warmup_ratio
    use_cpu = str(model.device).startswith("cpu")
    args = SentenceTransformerTrainingArguments(
        output_dir=str(run_dir / runs.CHECKPOINTS_DIR),
        per_device_train_batch_size=config.batch_size,
        learning_rate=config.learning_rate,
        num_train_epochs=config.epochs,
        max_steps=config.max_steps if config.max_steps is not None else -1,
        warmup_steps=warmup,
        seed=config.seed,
        data_seed=config.seed,
        bf16=config.dtype == "bf16",
        use_cpu=use_cpu,
        batch_sampler=factory,
        prompts=column_prompts,
        save_strategy="steps",
        save_steps=config.save_steps,
        save_total_limit=config.save_total_limit,
        logging_strategy="steps",
        logging_steps=config.logging_steps,
        logging_first_step=True,
        report_to="none",
        disable_tqdm=True,
        dataloader_drop_last=False,
        dataloader_num_workers=0,
    )
    trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=table.to_dataset(), loss=loss)
    from transformers.trainer_callback import PrinterCallback

    trainer.remove_callback(PrinterCallback)  # our callback reports progress; no raw dicts on stdout
    return trainer, factory


def _cuda() -> bool:
    import torch

    return torch.cuda.is_available()
