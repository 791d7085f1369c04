"""Training throughput (pairs/s), peak memory and loss of the speed options against plain training.

Every variant trains the same model from the same initial weights on the same batches (the hybrid sampler's
sequence for one α and seed: batch composition is the experiment, so no option may change it) for the same
number of steps, through the same sentence-transformers trainer; each variant runs in its own process, so its
peak memory (max RSS) is its own. The "plain" variant is sentence-transformers' default set-up: fp32, every
parameter trained, one padded forward per column, the model's own max length.

Variants (``--variants``):

=============== ===============================================================================================
plain           fp32, full fine-tuning (the baseline)
frozen          word embeddings frozen (their 96M-parameter gradient and AdamW update are skipped)
frozen+chunks   ... and each column encoded in 4 length-sorted chunks (less padding work, same gradient)
frozen+bf16     ... frozen, bf16 autocast (mixed precision)
best            frozen + chunks + bf16
=============== ===============================================================================================

int8 is not a variant: torch's dynamic int8 quantization has no backward pass, so it cannot train.

Measured on the 2-core EPYC (AVX-512 BF16) shared with other jobs (load 6-9), OMP_WAIT_POLICY=PASSIVE,
embedded e5-small, MLQA-R, 15 steps of 32 pairs, α 0.5, seed 42 (pairs/s; loss = mean of the last 5 steps)::

    plain           1.38 pairs/s  1.00x  23.1 s/step  7465 MB  loss 1.3568
    frozen          1.73 pairs/s  1.25x  18.5 s/step  6539 MB  loss 1.3574
    frozen+chunks   4.19 pairs/s  3.03x   7.6 s/step  3478 MB  loss 1.3602
    frozen+bf16     3.42 pairs/s  2.47x   9.4 s/step  5891 MB  loss 1.3541
    best            4.43 pairs/s  3.20x   7.2 s/step  3609 MB  loss 1.3572

Usage::

    .venv/bin/python benchmarks/train_throughput.py --steps 15 --batch-size 32          # MLQA-R, embedded model
    .venv/bin/python benchmarks/train_throughput.py --model e5-small-cut --steps 5 --variants plain best
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VARIANTS: dict[str, dict[str, object]] = {
    "plain": {"freeze_word_embeddings": False, "length_chunks": 1, "dtype": "fp32", "max_seq_length": None},
    "frozen": {"freeze_word_embeddings": True, "length_chunks": 1, "dtype": "fp32", "max_seq_length": None},
    "frozen+chunks": {"freeze_word_embeddings": True, "length_chunks": 4, "dtype": "fp32", "max_seq_length": None},
    "frozen+bf16": {"freeze_word_embeddings": True, "length_chunks": 1, "dtype": "bf16", "max_seq_length": None},
    "best": {"freeze_word_embeddings": True, "length_chunks": 4, "dtype": "bf16", "max_seq_length": None},
}


def run_variant(args: argparse.Namespace) -> dict[str, object]:
    """Train one variant in this process and return its measurements."""
    import torch

    torch.set_num_threads(args.threads)
    from hybrid_core.training import TrainConfig, train

    stamps: list[tuple[int, float, float | None]] = []

    def progress(status: dict) -> None:
        step = int(status.get("step") or 0)
        if step and (not stamps or stamps[-1][0] != step):
            stamps.append((step, time.perf_counter(), None))

    losses: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="hbl-bench-") as tmp:
        config = TrainConfig(data=args.data, model=args.model, alpha=args.alpha, seed=args.seed,
                             batch_size=args.batch_size, max_steps=args.steps, learning_rate=args.lr,
                             warmup_ratio=0.1, logging_steps=1, save_steps=10**9, output_dir=str(Path(tmp) / "run"),
                             **VARIANTS[args.variant])
        run_dir = train(config, progress=progress)
        for line in (run_dir / "metrics.jsonl").read_text().splitlines():
            entry = json.loads(line)
            losses[int(entry["step"])] = float(entry["loss"])
    times = [b[1] - a[1] for a, b in itertools.pairwise(stamps)]  # the first step (warm-up of kernels) is left out
    seconds_per_step = statistics.mean(times) if times else float("nan")
    ordered = [losses[k] for k in sorted(losses)]
    window = max(1, min(5, len(ordered) // 3))
    return {
        "variant": args.variant,
        "steps": args.steps,
        "batch_size": args.batch_size,
        "seconds_per_step": seconds_per_step,
        "seconds_per_step_median": statistics.median(times) if times else float("nan"),
        "pairs_per_second": args.batch_size / seconds_per_step,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loss_first": statistics.mean(ordered[:window]),
        "loss_last": statistics.mean(ordered[-window:]),
        "losses": ordered,
    }


def main() -> int:
    """Run every variant in a subprocess and print a table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="training data (default: <shared data>/mlqa-r)")
    parser.add_argument("--model", default="e5-small", help="model spec (default: e5-small, the embedded model)")
    parser.add_argument("--steps", type=int, default=15, help="optimizer steps per variant (default 15)")
    parser.add_argument("--batch-size", type=int, default=32, help="pairs per batch (default 32)")
    parser.add_argument("--alpha", type=float, default=0.5, help="α of the batch sequence (default 0.5)")
    parser.add_argument("--seed", type=int, default=42, help="seed (default 42)")
    parser.add_argument("--lr", type=float, default=2e-5, help="learning rate (default 2e-5)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS),
                        help="variants to run (default: all)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    parser.add_argument("--variant", default=None, help=argparse.SUPPRESS)  # internal: run one variant
    args = parser.parse_args()
    if args.data is None:
        from hybrid_core.data import shared_data_dir

        shared = shared_data_dir()
        if shared is None or not (shared / "mlqa-r").is_dir():
            parser.error("MLQA-R not found; pass --data")
        args.data = str(shared / "mlqa-r")
    if args.variant is not None:
        print("RESULT " + json.dumps(run_variant(args)), flush=True)
        return 0
    results = []
    for variant in args.variants:
        command = [sys.executable, __file__, "--variant", variant, "--data", args.data, "--model", args.model,
                   "--steps", str(args.steps), "--batch-size", str(args.batch_size), "--alpha", str(args.alpha),
                   "--seed", str(args.seed), "--lr", str(args.lr), "--threads", str(args.threads)]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not lines:
            print(f"{variant}: failed\n{done.stderr[-3000:]}", file=sys.stderr)
            continue
        result = json.loads(lines[-1][7:])
        result["wall_seconds"] = time.perf_counter() - started
        results.append(result)
        print(f"  {variant}: {result['pairs_per_second']:.2f} pairs/s, {result['seconds_per_step']:.2f} s/step, "
              f"peak {result['peak_rss_mb']:.0f} MB, loss {result['loss_first']:.3f} -> {result['loss_last']:.3f}",
              flush=True)
    if not results:
        return 1
    base = next((r for r in results if r["variant"] == "plain"), None)
    print(f"\n{args.model} on {args.data}: {args.steps} steps of {args.batch_size} pairs (α={args.alpha}, "
          f"seed {args.seed}), {args.threads} threads; pairs/s excludes the first step")
    print(f"{'variant':<15} {'pairs/s':>8} {'speed-up':>8} {'s/step':>7} {'peak MB':>8} {'loss first':>10} "
          f"{'loss last':>9}")
    for r in results:
        speedup = r["pairs_per_second"] / base["pairs_per_second"] if base else float("nan")
        print(f"{r['variant']:<15} {r['pairs_per_second']:>8.2f} {speedup:>7.2f}x {r['seconds_per_step']:>7.2f} "
              f"{r['peak_rss_mb']:>8.0f} {r['loss_first']:>10.4f} {r['loss_last']:>9.4f}")
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
