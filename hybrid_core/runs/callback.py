"""The trainer callback of a run: keeps its folder (:mod:`hybrid_core.runs.folder`) up to date while it trains.

It writes ``status.json`` after every step (step, loss, realized α overall and per quarter of training, ETA),
``metrics.jsonl`` at every log, ``sampler.json`` at the start (and refuses a resume whose batch sequence would
differ), the sampler state beside every checkpoint (then deletes checkpoints beyond the run's limit), and turns a
cancel request into "save and stop".
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from transformers import TrainerCallback

from hybrid_core.atomic import write_json
from hybrid_core.runs.folder import SAMPLER_FILE, append_metrics, read_json, rotate_checkpoints, update_status

if TYPE_CHECKING:
    from hybrid_core.sampling import HybridSamplerFactory

log = logging.getLogger(__name__)


class CancelFlag:
    """Set by SIGTERM; the callback turns it into "save a checkpoint and stop" at the next step end.

    A second request stops at once (``KeyboardInterrupt``).
    """

    def __init__(self) -> None:
        self.requested = False

    def handle(self, signum: int, frame: Any) -> None:
        if self.requested:  # second request: stop now
            raise KeyboardInterrupt("cancelled twice")
        self.requested = True
        log.warning("cancel requested (signal %d): saving a checkpoint and stopping after this step", signum)

    def install(self) -> Any:
        """Handle SIGTERM with this flag; returns the previous handler (restore it with ``signal.signal``)."""
        return signal.signal(signal.SIGTERM, self.handle)


class RunCallback(TrainerCallback):
    """Keeps ``status.json``, ``metrics.jsonl`` and the sampler state of a run up to date (rank 0 writes).

    Also re-applies the sampler's epoch at each epoch start (under DDP a resumed mid-epoch dataloader wraps the
    sampler in two layers, and the trainer's own ``set_epoch`` does not reach it) and turns a cancel request
    (SIGTERM) into "save a checkpoint and stop" at the end of the current step.
    """

    def __init__(self, run_dir: Path, factory: HybridSamplerFactory, cancel: CancelFlag, *,
                 progress: Callable[[dict], None] | None, world_size: int, is_main: bool,
                 keep_checkpoints: int | None = None) -> None:
        self.run_dir = run_dir
        self.keep_checkpoints = keep_checkpoints
        self.factory = factory
        self.cancel = cancel
        self.progress = progress
        self.world_size = world_size
        self.is_main = is_main
        self.started_at = time.time()
        self.start_step = 0
        self.last_loss: float | None = None
        self.first_loss: float | None = None

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
        status = update_status(
            self.run_dir, step=step, total=total, epoch=float(state.epoch or 0.0), loss=self.last_loss,
            first_loss=self.first_loss,
            realized_alpha=sampler.realized_alpha(consumed) if sampler is not None else None,
            realized_alpha_by_quarter=sampler.realized_alpha_by_part(consumed) if sampler is not None else None,
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
            saved = read_json(self.run_dir / SAMPLER_FILE)
            if saved and saved.get("fingerprint") != described["fingerprint"]:
                raise ValueError(
                    f"run {self.run_dir.name}: the batch sequence would differ from the one it started with "
                    f"(sampler fingerprint {described['fingerprint']} != {saved.get('fingerprint')}): the data, "
                    "α, seed, batch size or world size changed; start a new run instead")
            write_json(self.run_dir / SAMPLER_FILE, described)
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
            append_metrics(self.run_dir, entry)
        self._status(state, args)

    def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not self.is_main:
            return
        checkpoint = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        sampler = self.factory.sampler
        if checkpoint.is_dir() and sampler is not None:
            consumed = int(state.global_step) * args.gradient_accumulation_steps * sampler.world_size
            write_json(checkpoint / SAMPLER_FILE, {
                **sampler.describe(), "epoch": sampler.epoch, "global_step": int(state.global_step),
                "batches_consumed": consumed, "realized_alpha": sampler.realized_alpha(consumed)})
        rotate_checkpoints(self.run_dir, self.keep_checkpoints)  # once this checkpoint is complete
        self._status(state, args, checkpoint=str(checkpoint.relative_to(self.run_dir))
                     if checkpoint.is_relative_to(self.run_dir) else str(checkpoint))
