"""Encoding throughput of every inference backend on the same texts, and (``--quality``) their metric differences.

One run, one process, the same texts for everyone: by default 2,000 XQuAD-R questions and 2,000 XQuAD-R candidates
(sentence + paragraph, the evaluation's default candidate text), drawn with a fixed seed across all 11 languages.
For each path it reports texts/s and tokens/s (real tokens, prefix and special tokens included, no padding) for
queries and candidates and the ratio to the baseline, plain ``SentenceTransformer.encode`` in torch fp32.
Exports and int8 calibrations are made (or found in the cache) before timing, and every path encodes a warm-up
batch first; ``torch.set_num_threads(--threads)`` holds for everything.

With ``--quality`` the whole of XQuAD-R is evaluated with each backend through the evaluation engine
(:func:`hybrid_core.evaluation.engine.evaluate`, LAReQA protocol, sentence candidates by default as in the α sweep;
``--quality-candidate-text sentence+context`` for LAReQA's context variant) and the mono / cross /
multi mAP@20 and R@1 differences from torch fp32 are printed and recorded in ``cache_dir()/backends/quality.json``,
which ``get_encoder(backend="auto")`` reads (:mod:`hybrid_core.backends`). The evaluation uses the on-disk
embedding cache, so a second run only recomputes what changed.

The machine's cores may be shared: throughput is noisy when other processes run (the load average is printed
before and after; compare ratios within one run rather than absolute numbers across runs).

Usage::

    .venv/bin/python benchmarks/encode_throughput.py                       # throughput, all backends
    .venv/bin/python benchmarks/encode_throughput.py --quality --out /tmp/encode.json
    .venv/bin/python benchmarks/encode_throughput.py --model e5-small-cut --queries 200 --candidates 200
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

BASELINE = "sentence-transformers"
ALL_PATHS = (BASELINE, "torch", "openvino-fp32", "openvino-int8-wo", "openvino-int8-static")
QUALITY_METRICS = ("AP@20", "R@1")
SETTINGS = ("monolingual", "cross-lingual", "multilingual")


def sample_texts(data_dir: Path | None, n_queries: int, n_candidates: int, candidate_text: str,
                 seed: int) -> tuple[list[str], list[str], str]:
    """Questions and candidate texts drawn with ``seed`` from XQuAD-R (all languages)."""
    from hybrid_core.data import load_dataset, shared_data_dir
    from hybrid_core.evaluation.tasks import candidate_texts

    data_dir = data_dir or ((shared_data_dir() or Path("../shared/data")) / "xquad-r")
    if not data_dir.is_dir():
        sys.exit(f"XQuAD-R not found at {data_dir}: pass --data or set HBL_SHARED_DATA")
    dataset = load_dataset(data_dir, format="lareqa")
    rng = random.Random(seed)
    questions = [q.text for q in rng.sample(dataset.questions, min(n_queries, len(dataset.questions)))]
    chosen = rng.sample(dataset.candidates, min(n_candidates, len(dataset.candidates)))
    return questions, candidate_texts(chosen, candidate_text), str(data_dir)


def make_encoder(path: str, model: str, args: argparse.Namespace):
    """An object with ``encode(texts, role=..., batch_size=...)`` for a benchmark path."""
    from hybrid_core.backends import get_encoder
    from hybrid_core.models import load_model

    if path == BASELINE:
        st_model = load_model(model, device="cpu")

        class Baseline:
            identity = f"{st_model.hbl_identity}-sentence-transformers-encode"

            @staticmethod
            def encode(texts, *, role, batch_size):
                return st_model.encode(texts, prompt_name=role, batch_size=batch_size, normalize_embeddings=True,
                                       convert_to_numpy=True)

        return Baseline()
    return get_encoder(model, backend=path, device="cpu", num_streams=args.streams, num_threads=args.ov_threads)


def time_encode(encoder, texts: list[str], role: str, batch_size: int, repeats: int) -> float:
    """Best wall time of ``repeats`` encodes (seconds)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        encoder.encode(texts, role=role, batch_size=batch_size)
        best = min(best, time.perf_counter() - started)
    return best


def throughput(args: argparse.Namespace, queries: list[str], candidates: list[str]) -> list[dict]:
    """Texts/s and tokens/s per path for queries and candidates."""
    from hybrid_core.backends.torch_backend import load_torch_encoder

    counter = load_torch_encoder(args.model, device="cpu")
    tokens = {"query": sum(map(len, counter.tokenize(queries, role="query"))),
              "passage": sum(map(len, counter.tokenize(candidates, role="passage")))}
    del counter
    rows = []
    for path in args.paths:
        started = time.perf_counter()
        encoder = make_encoder(path, args.model, args)
        encoder.encode(queries[:args.batch_size], role="query", batch_size=args.batch_size)  # warm-up
        row = {"path": path, "identity": encoder.identity, "setup_s": round(time.perf_counter() - started, 1)}
        for role, texts in (("query", queries), ("passage", candidates)):
            seconds = time_encode(encoder, texts, role, args.batch_size, args.repeats)
            row[role] = {"texts": len(texts), "tokens": tokens[role], "seconds": round(seconds, 2),
                         "texts_per_s": len(texts) / seconds, "tokens_per_s": tokens[role] / seconds}
        rows.append(row)
        print(f"  {path:22s} queries {row['query']['tokens_per_s']:8.0f} tok/s   "
              f"candidates {row['passage']['tokens_per_s']:8.0f} tok/s", flush=True)
        del encoder
    base = next((r for r in rows if r["path"] == BASELINE), None)
    for row in rows:
        for role in ("query", "passage"):
            row[role]["ratio"] = (row[role]["tokens_per_s"] / base[role]["tokens_per_s"]) if base else None
    return rows


def quality(args: argparse.Namespace) -> dict[str, dict]:
    """Mono / cross / multi AP@20 and R@1 of each backend on full XQuAD-R, and their differences from torch."""
    from hybrid_core.backends import get_encoder, record_quality
    from hybrid_core.data import load_dataset, shared_data_dir
    from hybrid_core.evaluation.engine import evaluate, evaluation_summary
    from hybrid_core.models import resolve_model

    data_dir = args.data or ((shared_data_dir() or Path("../shared/data")) / "xquad-r")
    dataset = load_dataset(data_dir, format="lareqa")
    # torch (the reference) last: an evaluation run elsewhere may still be filling its embedding cache
    backends = [*[b for b in args.quality_backends if b != "torch"], "torch"]
    values: dict[str, dict[str, float]] = {}
    for backend in backends:
        started = time.perf_counter()
        encoder = get_encoder(args.model, backend=backend, device="cpu", num_streams=args.streams,
                              num_threads=args.ov_threads)
        table = evaluate(encoder, dataset, task="xquad-r", bias=False, per_query=False, progress=args.progress,
                         batch_size=args.batch_size, run=backend,
                         candidate_text=args.quality_candidate_text)
        summary = evaluation_summary(table, metrics=list(QUALITY_METRICS))["summary"]
        values[backend] = {f"{s}/{m}": summary[m][s] for m in QUALITY_METRICS for s in SETTINGS if s in summary[m]}
        print(f"  {backend:22s} evaluated in {time.perf_counter() - started:6.0f} s: "
              + "  ".join(f"{k} {v:.4f}" for k, v in values[backend].items()), flush=True)
    identity = resolve_model(args.model).identity
    out = {}
    for backend in ["torch", *backends[:-1]]:
        differences = {k: values[backend][k] - values["torch"][k] for k in values["torch"]}
        record = (record_quality(identity, backend, differences, dataset="xquad-r") if args.record
                  else {"differences": differences})
        out[backend] = {"values": values[backend], **record}
    return out


def fmt_k(value: float) -> str:
    return f"{value / 1000:.1f}k"


def print_table(rows: list[dict], quality_out: dict[str, dict] | None) -> None:
    """The Markdown table of the run."""
    header = "| path | queries texts/s | queries tok/s | candidates texts/s | candidates tok/s | x baseline (q / c) |"
    sep = "|---|---|---|---|---|---|"
    if quality_out:
        header += " ΔmAP@20 mono / cross / multi | ΔR@1 mono / cross / multi |"
        sep += "---|---|"
    print(header)
    print(sep)
    for row in rows:
        q, c = row["query"], row["passage"]
        ratio = f"{q['ratio']:.2f} / {c['ratio']:.2f}" if q["ratio"] else "-"
        line = (f"| {row['path']} | {q['texts_per_s']:.0f} | {fmt_k(q['tokens_per_s'])} | {c['texts_per_s']:.0f} | "
                f"{fmt_k(c['tokens_per_s'])} | {ratio} |")
        if quality_out:
            record = quality_out.get(row["path"])
            if record:
                for metric in QUALITY_METRICS:
                    diffs = [record["differences"].get(f"{s}/{metric}", float("nan")) for s in SETTINGS]
                    line += " " + " / ".join(f"{d:+.4f}" for d in diffs) + " |"
            else:
                line += " (fp32 reference path) | |" if row["path"] == BASELINE else " - | - |"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="e5-small", help="model spec (default: the embedded e5-small)")
    parser.add_argument("--data", type=Path, default=None, help="XQuAD-R folder (default: <shared data>/xquad-r)")
    parser.add_argument("--queries", type=int, default=2000, help="questions to encode (default 2000)")
    parser.add_argument("--candidates", type=int, default=2000, help="candidates to encode (default 2000)")
    parser.add_argument("--candidate-text", default="sentence+context", choices=["sentence", "sentence+context"])
    parser.add_argument("--paths", nargs="+", default=list(ALL_PATHS), choices=ALL_PATHS, help="paths to time")
    parser.add_argument("--batch-size", type=int, default=32, help="texts per forward pass (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    parser.add_argument("--streams", type=int, default=None, help="OpenVINO streams (default: the backend's)")
    parser.add_argument("--ov-threads", type=int, default=None, help="OpenVINO threads (default: the backend's)")
    parser.add_argument("--repeats", type=int, default=1, help="timed repeats per path, best kept (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="text sample seed (default 0)")
    parser.add_argument("--quality", action="store_true", help="also evaluate full XQuAD-R with each backend")
    parser.add_argument("--quality-candidate-text", default="sentence", choices=["sentence", "sentence+context"],
                        help="candidate text of the --quality evaluations (default sentence: the α sweep's)")
    parser.add_argument("--quality-backends", nargs="+", default=list(ALL_PATHS[1:]), choices=ALL_PATHS[1:])
    parser.add_argument("--no-record", dest="record", action="store_false",
                        help="do not write the differences into quality.json (auto's data)")
    parser.add_argument("--skip-throughput", action="store_true", help="only the quality part")
    parser.add_argument("--progress", action="store_true", help="progress bars during --quality")
    parser.add_argument("--out", type=Path, default=None, help="write all measurements as JSON here")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    report: dict = {"model": args.model, "threads": args.threads, "batch_size": args.batch_size,
                    "load_before": os.getloadavg(), "cpu_count": os.cpu_count()}
    rows: list[dict] = []
    if not args.skip_throughput:
        queries, candidates, source = sample_texts(args.data, args.queries, args.candidates, args.candidate_text,
                                                   args.seed)
        print(f"throughput: {len(queries)} questions + {len(candidates)} candidates ({args.candidate_text}) from "
              f"{source}; {args.threads} torch threads, batch size {args.batch_size}; "
              f"load average {report['load_before'][0]:.1f}", flush=True)
        rows = throughput(args, queries, candidates)
        report.update(throughput=rows, data=source, candidate_text=args.candidate_text)
    quality_out = None
    if args.quality:
        print(f"quality: full XQuAD-R (LAReQA protocol, {args.quality_candidate_text} candidates), "
              "differences from torch fp32", flush=True)
        quality_out = quality(args)
        report["quality"] = quality_out
    report["load_after"] = os.getloadavg()
    print(f"load average after: {report['load_after'][0]:.1f} (noisy when other processes share the cores)\n")
    if rows:
        print_table(rows, quality_out)
    elif quality_out:
        for backend, record in quality_out.items():
            print(backend, json.dumps(record["differences"]))
    if args.out:
        from hybrid_core.atomic import write_json

        write_json(args.out, report)
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
