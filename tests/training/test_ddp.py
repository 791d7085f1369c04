"""A real 2-process run (torchrun, CPU, gloo) with the cut model: same batch kind on both ranks at every step."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from hybrid_core import runs

WORKER = Path(__file__).with_name("ddp_worker.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_torchrun_two_cpu_processes(tmp_path):
    torchrun = Path(sys.executable).with_name("torchrun")
    if not torchrun.exists():
        torchrun = shutil.which("torchrun")
    if not torchrun:
        pytest.skip("torchrun is not installed")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "TQDM_DISABLE": "1"}
    done = subprocess.run([str(torchrun), "--nproc_per_node", "2", "--master_port", str(free_port()), str(WORKER),
                           str(tmp_path), "ddp"], capture_output=True, text=True, timeout=900, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]

    # 1. what each rank got from the trainer's prepared dataloader (accelerate's BatchSamplerShard)
    from hybrid_core.data import demo_dataset
    from hybrid_core.data.pairs import build_pairs
    from hybrid_core.sampling import HybridBatchSampler

    table = build_pairs(demo_dataset("train"))
    rank0, rank1 = (json.loads((tmp_path / f"rank{r}.json").read_text()) for r in (0, 1))
    assert rank0["shard_type"] == "BatchSamplerShard" and rank0["sampler_world_size"] == 2
    b0, b1 = rank0["batches"], rank1["batches"]
    assert len(b0) == len(b1) > 100

    def kind(batch: list[int]) -> str:
        pairs = {(table.question_languages[i], table.passage_languages[i]) for i in batch}
        if all(x == y for x, y in pairs):
            return "mono:" + "".join(sorted({x for x, _ in pairs}))
        return "cross" if all(x != y for x, y in pairs) else "mixed"

    kinds = []
    for step, (x, y) in enumerate(zip(b0, b1)):
        assert kind(x) == kind(y) != "mixed", f"step {step}: rank 0 {kind(x)}, rank 1 {kind(y)}"
        qids = [table.question_ids[i] for i in x + y]
        assert len(set(qids)) == len(qids), f"step {step}: a question id on both ranks"
        kinds.append(kind(x))
    assert any(k.startswith("mono") for k in kinds) and "cross" in kinds
    assert all(len(k) == 7 for k in kinds if k.startswith("mono"))  # one language per monolingual step
    # the ranks split one sequence: interleaved, they are the single-process sequence of world size 2
    reference = list(HybridBatchSampler(range(len(table)), 4, seed=42, keys=table.keys(), alpha=0.5, world_size=2))
    assert [b for pair in zip(b0, b1) for b in pair] == reference

    # 2. the real run: finished, recorded with its world size, its final model loads
    status = runs.read_status(tmp_path / "runs" / "ddp")
    assert status["state"] == "finished", status
    assert status["world_size"] == 2 and status["step"] == 4 and status["batches"] == 8
    sampler = json.loads((tmp_path / "runs" / "ddp" / runs.SAMPLER_FILE).read_text())
    assert sampler["world_size"] == 2
    from hybrid_core.models import load_model

    model = load_model(str(tmp_path / "runs" / "ddp"), device="cpu")
    assert model.encode(["hallo"], prompt_name="query").shape == (1, 384)
