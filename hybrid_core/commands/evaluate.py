"""``evaluate``: run the cross-lingual evaluation of a model or a training run and write its results table.

Examples::

    python -m hybrid_core evaluate e5-small --data demo
    python -m hybrid_core evaluate e5-small --data ../shared/data/xquad-r --candidates sentence
    python -m hybrid_core evaluate e5-small --data xquad-r --languages en,de,zh --max-questions 200
    python -m hybrid_core evaluate ~/hybrid-batch-lab/runs/a05-s1 --data mlqa-r      # alpha/seed from the run
    python -m hybrid_core evaluate e5-small --data ../shared/data/miracl --corpus corpus/ --languages de

Prints the mono / cross / multi summary (AP@20, R@1, RD, TLR@20, MRC@10, PEER@20, ...: every measure of the
registry that the table holds and declares shown) and the top-10 language matrix, and writes
``<out>/<run>--<dataset>--<candidates>.parquet`` (the long-format results table) with a JSON summary beside it.
"""

from __future__ import annotations

import argparse
import errno
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from hybrid_core.backends import get_encoder
from hybrid_core.data.loading import DEMO_SPLITS, FORMATS, demo_dataset, load_dataset, shared_data_dir
from hybrid_core.data.schema import ParallelDataset
from hybrid_core.debias import parse_remedy
from hybrid_core.evaluation.engine import EvalOptions, evaluate, language_matrix, save_evaluation
from hybrid_core.evaluation.tasks import CANDIDATE_TEXTS, TASKS, get_task, task_for_dataset
from hybrid_core.locations import model_label
from hybrid_core.measures import digits, shown
from hybrid_core.paths import check_name, workspace_dir
from hybrid_core.results import summary
from hybrid_core.runs import CONFIG_FILE, read_json
from hybrid_core.schedules import parse_schedule

_FILE_TAG = {"sentence": "sentence", "sentence+context": "context", "title+text": "title-text"}


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``evaluate`` command."""
    parser = subparsers.add_parser(
        "evaluate", help="evaluate a model or run (LAReQA protocol, MIRACL) and write the results table",
        description="Encode every question and candidate once (cached on disk), search exactly with faiss, and "
                    "score per (query language, candidate language) pair and in the pooled multilingual setting: "
                    "AP@20 (XTREME definition), R@1, R@10, nDCG@10, nDCG@20, plus the language-bias and fairness "
                    "measures of the pooled ranking (RD, top-10 language shares, SameLangAbove, TLR@20, PEER@20, "
                    "PEER@100, MRC@5/10/20). MIRACL: nDCG@10 and R@100 per language.",
        epilog="MODEL_OR_RUN: 'e5-small' (embedded default), 'e5-small-cut', a model folder, a training-run folder "
               "(alpha and seed are read from its config.json) or a hub id. --data: a folder/file, 'demo' (the "
               "held-out demo split; 'demo-train', 'demo-all' also work) or the name of a folder of the shared data "
               "(xquad-r, mlqa-r, miracl).")
    parser.add_argument("model", metavar="MODEL_OR_RUN", help="model spec or training-run folder")
    parser.add_argument("--data", required=True, metavar="PATH|demo", help="dataset folder/file, 'demo' or a shared "
                        "dataset name")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="data format (default: detected)")
    parser.add_argument("--corpus", type=Path, default=None, help="MIRACL passage corpus (file or folder)")
    parser.add_argument("--split", default=None, help="MIRACL split (default dev)")
    parser.add_argument("--task", choices=sorted(TASKS), default=None,
                        help="evaluation protocol (default: from the dataset's name)")
    parser.add_argument("--candidates", choices=CANDIDATE_TEXTS, default=None,
                        help="candidate text: 'sentence+context' (LAReQA's choice, default for LAReQA data), "
                             "'sentence' (sentence only) or 'title+text' (MIRACL default)")
    parser.add_argument("--backend", default="auto", help="inference backend: auto (default) or a name from "
                        "hybrid_core.backends.BACKENDS, e.g. torch")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N")
    parser.add_argument("--languages", nargs="+", metavar="LANG", help="only these languages (space or comma "
                        "separated)")
    parser.add_argument("--max-questions", type=int, default=None, metavar="N",
                        help="only the first N question ids (quick runs)")
    parser.add_argument("--metrics", default=None, metavar="M[,M...]",
                        help="ranking measures per cell, e.g. 'AP@20,R@1,R@10,nDCG@10' (default: the task's)")
    parser.add_argument("--bias-metrics", default=None, metavar="M[,M...]",
                        help="language-bias and fairness measures of the pooled ranking (LAReQA data), e.g. "
                             "'RD,TLR@20,MRC@10' (default: every registered one at its default cutoffs)")
    parser.add_argument("--batch-size", type=int, default=64, help="texts per forward pass (default 64)")
    parser.add_argument("--out", type=Path, default=None, metavar="DIR",
                        help="output folder (default <workspace>/evaluations)")
    parser.add_argument("--run-name", default=None, help="name in the 'run' column (default: the run folder's "
                        "name, else 'untuned')")
    parser.add_argument("--debias", default="none", metavar="REMEDY",
                        help="index-side remedy applied before search: none (default), centering, lir:R, shift:S "
                             "(options: ',source=en', ',fit=index|train'); see hybrid_core.debias")
    parser.add_argument("--debias-data", default=None, metavar="PATH|NAME",
                        help="parallel training data a remedy estimates on (SHIFT; ',fit=train'): default the "
                             "evaluated run's training data")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the embedding cache")
    parser.add_argument("--embedding-cache", type=Path, default=None, metavar="DIR",
                        help="embedding cache folder (default <cache_dir>/embeddings)")
    parser.add_argument("--no-per-query", action="store_true", help="write only cell means (smaller table)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    return parser


def run_labels(path: str | Path) -> dict[str, Any] | None:
    """``{"run", "alpha", "schedule", "seed", "data"}`` of a training-run folder, or None when ``path`` is not one.

    The one place that reads a run's ``config.json`` (written by :mod:`hybrid_core.runs`): the training
    configuration sits under ``"config"`` (a flat file with ``"alpha"`` at the top is accepted too). A model
    folder's ``config.json`` (Hugging Face) has no ``alpha``, so it is not taken for a run.
    """

    folder = Path(path).expanduser()
    if not folder.is_dir() or not (folder / CONFIG_FILE).is_file():
        return None
    data = read_json(folder / CONFIG_FILE)
    config = data.get("config", data) if isinstance(data, dict) else None
    if not isinstance(config, dict) or "alpha" not in config:
        return None
    alpha, seed = config["alpha"], config.get("seed", -1)
    try:
        schedule = parse_schedule(alpha)
    except ValueError as exc:
        raise ValueError(f"{folder / CONFIG_FILE}: field 'alpha': {exc}") from None
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"{folder / CONFIG_FILE}: field 'seed' must be an integer, got {seed!r}")
    return {"run": str(config.get("name") or folder.name), "alpha": schedule.mean, "schedule": str(schedule),
            "seed": int(seed), "data": config.get("data")}


def _languages(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [part for value in values for part in value.replace(",", " ").split()]


def load_data(spec: str, *, format: str = "auto", languages: list[str] | None = None, corpus: Path | None = None,
              split: str | None = None) -> ParallelDataset:
    """The dataset named by ``--data``: 'demo[-split]', an existing path, or a folder name of the shared data."""
    if spec == "demo" or spec.startswith("demo-"):
        demo_split = "eval" if spec == "demo" else spec[len("demo-"):]
        if demo_split not in DEMO_SPLITS:
            raise ValueError(f"--data {spec!r}: demo splits are {', '.join('demo-' + s for s in DEMO_SPLITS)}")
        return demo_dataset(demo_split, languages=languages)
    path = Path(spec).expanduser()
    if not path.exists():
        shared = shared_data_dir()
        if shared is not None and (shared / spec).exists() and "/" not in spec:
            path = shared / spec
        else:
            where = ""
            if shared is not None:
                names = sorted(p.name for p in shared.iterdir() if p.is_dir())
                where = f"; the shared data in {shared} holds {', '.join(names)}"
            raise FileNotFoundError(f"--data {spec!r}: no such file or folder{where}")
    options: dict[str, Any] = {}
    if corpus is not None:
        options["corpus"] = corpus
    if split is not None:
        options["split"] = split
    return load_dataset(path, format=format, languages=languages, **options)


def _format_summary(table: pd.DataFrame) -> str:
    metrics = shown(table["metric"].unique())
    settings = summary(table, metrics=metrics)
    lines = [f"{'metric':<14}{'monolingual':>13}{'cross-lingual':>15}{'multilingual':>14}"]
    for metric in metrics:
        row = settings[settings["metric"] == metric]
        cells = []
        for setting, width in (("monolingual", 13), ("cross-lingual", 15), ("multilingual", 14)):
            value = row[setting].iloc[0] if setting in row and len(row) else math.nan
            cells.append(f"{value:>{width}.{digits(metric)}f}" if pd.notna(value) else " " * (width - 1) + "-")
        lines.append(f"{metric:<14}" + "".join(cells))
    return "\n".join(lines)


def _format_matrix(matrix: pd.DataFrame, k: int) -> str:
    if matrix.empty:
        return ""
    langs = list(matrix.columns)
    lines = [f"top-{k} language shares, % (rows: query language, columns: candidate language)",
             "      " + "".join(f"{c:>6}" for c in langs)]
    for x, row in matrix.iterrows():
        lines.append(f"{x:<6}" + "".join(f"{100 * row[c]:>6.1f}" if pd.notna(row[c]) else "     -" for c in langs))
    return "\n".join(lines)


def _format_per_language(table: pd.DataFrame) -> str:
    rows = table[(table["qid"] == "") & (table["doc_lang"] != "all") & (table["query_lang"] == table["doc_lang"])]
    matrix = rows.pivot_table(index="query_lang", columns="metric", values="value")
    return "per language:\n" + matrix.to_string(float_format=lambda v: f"{v:.4f}")


def _writable_folder(folder: Path) -> Path:
    """``folder``, checked before any work: it (or, when it does not exist yet, its nearest existing parent) must be
    a folder in which this process can create a file. Nothing is created.

    Raises:
        PermissionError: it cannot be created or written (the message names it and says why).
    """
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, f"{existing} is a file, not a folder")
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise PermissionError(f"--out {folder}: cannot write results there ({exc.strerror or exc}); choose a "
                              "writable folder") from None
    return folder


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the summary, write the table and its JSON summary."""

    out_dir = _writable_folder(Path(args.out).expanduser() if args.out else workspace_dir() / "evaluations")
    labels = run_labels(args.model) or {}
    run_name = args.run_name or labels.get("run") or "untuned"
    check_name(run_name, what="run name")
    languages = _languages(args.languages)
    dataset = load_data(args.data, format=args.format, languages=languages, corpus=args.corpus, split=args.split)
    task = get_task(args.task) if args.task else task_for_dataset(dataset)
    estimation = None
    if args.debias != "none" and parse_remedy(args.debias).needs_training_data:
        source = args.debias_data or labels.get("data")
        if not source:
            raise ValueError(f"--debias {args.debias} estimates its statistics on parallel training data: give "
                             "--debias-data (the protocol's training split, e.g. mlqa-r when evaluating xquad-r)")
        estimation = load_data(str(source), languages=None)
    options = EvalOptions(
        candidate_text=args.candidates, measures=tuple(args.metrics.split(",")) if args.metrics else None,
        bias_measures=tuple(args.bias_metrics.split(",")) if args.bias_metrics else None,
        max_questions=args.max_questions, batch_size=args.batch_size, cache=not args.no_cache,
        cache_root=args.embedding_cache,
        per_query=not args.no_per_query, progress=not args.quiet, run=run_name, model=model_label(args.model),
        alpha=labels.get("alpha", math.nan), schedule=labels.get("schedule", ""), seed=labels.get("seed", -1),
        debias=args.debias)
    encoder = get_encoder(args.model, backend=args.backend, device=args.device)
    table = evaluate(encoder, dataset, task=task, options=options, estimation=estimation)
    info = table.attrs["evaluation"]
    remedy = "" if options.debias == "none" else f"--{parse_remedy(options.debias).slug}"
    stem = check_name(f"{run_name}--{dataset.name}--{_FILE_TAG[info['candidate_text']]}{remedy}",
                      what="output name")
    parquet, summary_json = save_evaluation(table, out_dir / f"{stem}.parquet")
    counts, timings = info["counts"], info["timings"]
    write = sys.stdout.write
    write(f"{run_name} on {dataset.name} ({task.name} protocol): {counts['questions']:,} questions, "
          f"{counts['candidates']:,} candidates, candidates as {info['candidate_text']}\n"
          f"encoder {info['encoder']}; {timings['total_s']:.1f} s (encode questions "
          f"{timings['encode_questions_s']:.1f} s, candidates {timings['encode_candidates_s']:.1f} s, search and "
          f"score {timings['search_and_score_s']:.1f} s)\n\n")
    write(_format_summary(table) + "\n\n")
    if task.pool == "lareqa":
        k = int(info["share_k"])
        text = _format_matrix(language_matrix(table, share_k=k), k)
        if text:
            write(text + "\n\n")
    else:
        write(_format_per_language(table) + "\n\n")
    write(f"wrote {parquet}\n      {summary_json}\n")
    return 0
