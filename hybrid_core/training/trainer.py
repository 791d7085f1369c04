"""Hybrid batch training: :class:`~hybrid_core.training.config.TrainConfig` -> a run folder, through the
sentence-transformers trainer.

One function, :func:`train`, is what the CLI (``python -m hybrid_core train``), background jobs
(:mod:`hybrid_core.jobs`), sweeps and ``torchrun``/``accelerate launch`` call. It builds the (question, passage)
pairs of the training data, plugs :class:`~hybrid_core.sampling.HybridBatchSampler` into
``SentenceTransformerTrainer`` through the ``batch_sampler`` training argument (α may vary over training: the
sampler is told how many blocks the run has, so a schedule is read at each block's position), and trains with the
loss of :mod:`hybrid_core.training.losses`. Query/passage prefixes come from the model's own ``prompts``.

The run folder (:mod:`hybrid_core.runs.folder`) holds ``config.json``, ``status.json`` (updated atomically every
step by :class:`~hybrid_core.runs.callback.RunCallback`), ``metrics.jsonl``, ``train.log``, ``checkpoints/`` and,
when finished, ``final/`` (a normal sentence-transformers folder: ``hybrid_core.models.load_model(run_folder)``
loads it). Calling :func:`train` again on an unfinished run resumes from its last checkpoint with the same batch
sequence.

Example:
    >>> from hybrid_core.training import TrainConfig, train
    >>> config = TrainConfig(data="demo", model="e5-small-cut", alpha=0.5, max_steps=4, batch_size=8)
    >>> run = train(config)  # doctest: +SKIP
    >>> (run / "final" / "modules.json").is_file()  # doctest: +SKIP
    True
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import math
import os
import re
import shutil
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from sentence_transformers import SentenceTransformerTrainer, SentenceTransformerTrainingArguments
from transformers.trainer_callback import PrinterCallback

from hybrid_core import runs
from hybrid_core.data.loading import demo_dataset, load_dataset
from hybrid_core.data.pairs import PASSAGE_COLUMN, QUERY_COLUMN, PairTable, build_pairs
from hybrid_core.locations import resolve_data
from hybrid_core.models import ModelNotAvailableError, load_model, resolve_model
from hybrid_core.runs.callback import CancelFlag, RunCallback
from hybrid_core.sampling import HybridSamplerFactory, hybrid_sampler_factory
from hybrid_core.training.config import DEMO_DATA, TrainConfig
from hybrid_core.training.losses import build_loss

log = logging.getLogger(__name__)


def load_training_pairs(config: TrainConfig) -> PairTable:
    """The (question, passage) pairs of ``config.data`` (``demo``: the demo set's training split; a name of the shared
    data folder or a path) restricted to ``config.languages``."""
    if config.data == DEMO_DATA:
        dataset = demo_dataset("train", languages=config.languages)
    else:
        dataset = load_dataset(resolve_data(config.data), format=config.data_format, languages=config.languages)
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

def training_blocks(config: TrainConfig, pairs: int, world_size: int) -> int:
    """Blocks of ``world_size`` batches the run trains on: ``max_steps`` (one block per optimizer step), else
    ``epochs`` times the sampler's blocks per epoch (as :class:`~hybrid_core.sampling.HybridBatchSampler` counts
    them)."""
    if config.max_steps is not None:
        return config.max_steps
    per_epoch = max(1, (pairs // config.batch_size) // world_size)
    return max(1, math.ceil(config.epochs * per_epoch))


def _rank() -> int:
    return int(os.environ.get("RANK", "0") or 0)


def _world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1") or 1)


# ----- the entry point ------------------------------------------------------------------------------------------
class _LogFile(logging.FileHandler):
    """The run's ``train.log``: a line that cannot be written (a full disk) is dropped without a traceback on stderr
    (the error that stops training says what happened)."""

    def handleError(self, record: logging.LogRecord) -> None:
        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)


def _attach_log_file(path: Path) -> logging.Handler:
    handler = _LogFile(path, encoding="utf-8")
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
    with contextlib.suppress(OSError):  # a full disk cannot take the last lines; that must not hide the real error
        handler.close()


def train(config: TrainConfig, *, progress: Callable[[dict], None] | None = None,
          root: Path | None = None, allow_outside_workspace: bool = False) -> Path:
    """Train a model with hybrid batches; returns the run folder.

    Calling it again for an unfinished run (same name, same configuration) resumes from the last checkpoint
    with the same batch sequence. SIGTERM (see :func:`hybrid_core.jobs.cancel`) saves a checkpoint at the end
    of the current step and marks the run ``cancelled``; a second SIGTERM stops at once.

    Args:
        config: the run's settings.
        progress: called with the current status dict after every step and log (e.g. to move a progress bar).
        root: folder of runs (default ``<workspace>/runs``); ignored when ``config.output_dir`` is set.
        allow_outside_workspace: accept a ``config.output_dir`` outside the workspace (see
            :func:`hybrid_core.runs.folder.run_folder`).

    Returns:
        The run folder; ``<run>/final`` holds the trained model when the run finished.

    Raises:
        ValueError: the run exists with another configuration or already finished; bad data or model.
        Exception: whatever training raised (``status.json`` then says ``failed`` with the message).
    """
    rank, world_size = _rank(), _world_size()
    is_main = rank == 0
    # Everything that can be checked without training is checked before the run folder exists, so bad data, an
    # unknown model or an impossible batch leave no failed run behind.
    table = load_training_pairs(config)
    resolve_model(config.model)
    hybrid_sampler_factory(table.keys(), alpha=config.schedule, language_weighting=config.language_weighting,
                           pair_weighting=config.pair_weighting, cross_mode=config.cross_mode,
                           world_size=world_size)(range(len(table)), config.batch_size, seed=config.seed)
    run_dir = runs.create_run(config, root=root, write=is_main,
                              allow_outside_workspace=allow_outside_workspace)
    lock = runs.lock_run(run_dir) if is_main else None  # a second process on this run is refused here
    try:
        if is_main:
            current = runs.read_status(run_dir)
            if current.get("alive") and int(current.get("pid") or 0) != os.getpid():
                raise ValueError(f"run {run_dir.name} is being trained by another process (pid {current['pid']})")
            for path in runs.remove_leftovers(run_dir):
                log.info("removed %s, left by a process of this run that was stopped", path)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    handler = _attach_log_file(run_dir / runs.LOG_FILE) if is_main else None
    cancel = CancelFlag()
    previous_handler = None
    never_started = False  # the model could not be loaded for a run without checkpoints: nothing to keep
    if threading.current_thread() is threading.main_thread():
        previous_handler = cancel.install()
    try:
        if is_main:
            runs.update_status(run_dir, state="running", pid=os.getpid(), started=runs.now(), error=None,
                               world_size=world_size)
        log.info("run %s: %s", run_dir, json.dumps(config.to_dict()))
        _check_threads(config)
        trainer, factory = _build_trainer(config, run_dir, world_size=world_size, table=table)
        callback = RunCallback(run_dir, factory, cancel, progress=progress, world_size=world_size,
                                     is_main=is_main, keep_checkpoints=config.save_total_limit)
        trainer.add_callback(callback)
        checkpoint = runs.last_checkpoint(run_dir)
        progress_of = runs.checkpoint_progress(checkpoint) if checkpoint is not None else None
        if checkpoint is not None:
            log.info("resuming from %s", checkpoint)
        if progress_of is not None and progress_of[1] and progress_of[0] >= progress_of[1]:
            # stopped after its last step's checkpoint: resuming from it, the trainer would train one step more
            log.info("%s holds the last step (%d): training is complete", checkpoint.name, progress_of[0])
            trainer.model = load_model(str(checkpoint), device=str(trainer.model.device))
        elif not cancel.requested:
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
        error = _disk_full_error(exc, run_dir) if is_main else exc
        never_started = (is_main and isinstance(exc, ModelNotAvailableError)
                         and runs.last_checkpoint(run_dir) is None)
        if never_started:  # the message says what to do; no traceback, and no failed run folder is left behind
            log.debug("training not started: %s", exc)
        elif is_main:
            cancelled = isinstance(exc, KeyboardInterrupt)
            if error is exc:
                log.error("training %s: %s\n%s", "cancelled" if cancelled else "failed", exc, traceback.format_exc())
            else:  # a full disk: what to do is the message; the traceback would only bury it
                log.error("training failed: %s", error)
                log.debug("%s", traceback.format_exc())
            try:
                runs.update_status(run_dir, state="cancelled" if cancelled else "failed", finished=runs.now(),
                                   error=f"{type(error).__name__}: {error}")
            except OSError as status_error:  # e.g. the disk is still full: the status reads failed once we are gone
                log.error("could not record the failure in %s: %s", run_dir / runs.STATUS_FILE, status_error)
        if error is not exc:
            raise error from exc
        raise
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        if handler is not None:
            _detach_log_file(handler)
        if lock is not None:
            lock.release()
        if never_started:
            shutil.rmtree(run_dir, ignore_errors=True)


#: what a full disk (or quota) raises: OSError with these numbers, or, from the Rust writers of tokenizers and
#: safetensors, a plain exception whose message ends "(os error 28)"
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_DISK_FULL_TEXT = re.compile(r"\(os error (28|122)\)|No space left on device|Disk quota exceeded")


def _disk_full_error(exc: BaseException, run_dir: Path) -> BaseException:
    """For a full disk: remove the checkpoint it cut short (which frees its space) and return an error that says what
    happened and how to go on; any other exception is returned as it is."""
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        number, what = exc.errno, f"{exc.strerror} while writing {exc.filename or f'run {run_dir.name}'}"
    elif isinstance(exc, Exception) and _DISK_FULL_TEXT.search(str(exc)):
        number, what = errno.ENOSPC, f"{os.strerror(errno.ENOSPC)} while writing run {run_dir.name}"
    else:
        return exc
    for path in runs.remove_leftovers(run_dir):
        log.info("removed %s (cut short by the full disk)", path)
    last = runs.last_checkpoint(run_dir)
    kept = f"the last complete checkpoint, {last.name}, is intact" if last else "no checkpoint was complete yet"
    return OSError(number, f"{what}; {kept}: free space on that disk and resume with "
                           f"`python -m hybrid_core train --resume {run_dir}`")


def _check_threads(config: TrainConfig) -> None:
    """Apply ``config.num_threads``; warn when an oversubscribed CPU will make OpenMP's spinning threads crawl."""
    if config.num_threads is not None:
        torch.set_num_threads(config.num_threads)
    threads = torch.get_num_threads()
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if threads > 1 and load > cores and os.environ.get("OMP_WAIT_POLICY", "").upper() != "PASSIVE":
        log.warning("the CPU is busy (load %.1f on %d cores) and torch uses %d spinning OpenMP threads: a step can "
                    "be several times slower. Set OMP_WAIT_POLICY=PASSIVE before starting Python (background runs "
                    "do) or use --num-threads 1", load, cores, threads)


def _build_trainer(config: TrainConfig, run_dir: Path, *, world_size: int,
                   table: PairTable | None = None) -> tuple[Any, HybridSamplerFactory]:
    """Data, model, loss, sampler and arguments of a run, put together in a ``SentenceTransformerTrainer``."""
    table = load_training_pairs(config) if table is None else table
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
    factory = hybrid_sampler_factory(table.keys(), alpha=config.schedule,
                                     total_blocks=training_blocks(config, len(table), world_size),
                                     language_weighting=config.language_weighting,
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
        save_total_limit=None,  # rotated by RunCallback once a checkpoint is complete (runs.rotate_checkpoints)
        logging_strategy="steps",
        logging_steps=config.logging_steps,
        logging_first_step=True,
        report_to="none",
        disable_tqdm=True,
        dataloader_drop_last=False,
        dataloader_num_workers=0,
    )
    trainer = SentenceTransformerTrainer(model=model, args=args, train_dataset=table.to_dataset(), loss=loss)
    trainer.remove_callback(PrinterCallback)  # our callback reports progress; no raw dicts on stdout
    return trainer, factory


def _cuda() -> bool:
    return torch.cuda.is_available()
