"""Worker for the torchrun test: record the batches each rank gets from the trainer's real dataloader, then train.

Usage (2 CPU processes, gloo)::

    torchrun --nproc_per_node 2 tests/training/ddp_worker.py OUT_DIR RUN_NAME
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hybrid_core.training import TrainConfig, train
from hybrid_core.training.trainer import _build_trainer


def main(out_dir: Path, name: str) -> None:
    config = TrainConfig(data="demo", model="e5-small-cut", alpha=0.5, batch_size=4, max_steps=4, save_steps=2,
                         logging_steps=1, device="cpu", name=name, learning_rate=1e-4)
    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    scratch = out_dir / f"scratch-{rank}"
    scratch.mkdir(parents=True, exist_ok=True)
    trainer, factory = _build_trainer(config, scratch, world_size=world_size)
    loader = trainer.get_train_dataloader()  # prepared by accelerate exactly as in trainer.train()
    shard = loader.batch_sampler
    batches = [list(map(int, batch)) for batch in shard]
    (out_dir / f"rank{rank}.json").write_text(json.dumps({
        "shard_type": type(shard).__name__, "sampler_world_size": factory.sampler.world_size,
        "batches": batches}))
    del trainer, loader
    train(config, root=out_dir / "runs")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
