"""``data``: per-language statistics of a dataset in any supported format.

Examples::

    python -m hybrid_core data ../shared/data/xquad-r                 # format detected (lareqa)
    python -m hybrid_core data --format squad ../shared/data/xquad-r  # ignore the sentence breaks, split ourselves
    python -m hybrid_core data ../shared/data/miracl --languages de yo # MIRACL topics + qrels (no corpus)
    python -m hybrid_core data ../shared/data/miracl --corpus corpus/ --languages de
    python -m hybrid_core data demo --split eval --json
    python -m hybrid_core data demo:train                              # one split of the demo set
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from hybrid_core.data.loading import DEMO_SPLITS, FORMATS, demo_dataset, demo_split_of, detect_format, load_dataset
from hybrid_core.data.miracl import MiraclJudgements, load_miracl_judgements
from hybrid_core.data.schema import ParallelDataset
from hybrid_core.languages import language_name

#: column -> header of the table (ParallelDataset.stats()).
DATASET_COLUMNS: dict[str, str] = {
    "language": "language", "name": "name", "questions": "questions", "candidates": "candidates",
    "relevant": "relevant", "cross_pairs": "cross pairs", "parallel": "parallel",
}
#: column -> header of the table (MiraclJudgements.stats()).
JUDGEMENT_COLUMNS: dict[str, str] = {
    "language": "language", "name": "name", "queries": "queries", "judged": "judged", "relevant": "relevant",
    "queries_with_relevant": "queries w/ relevant", "passages_judged": "passages judged",
}


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``data`` command."""
    parser = subparsers.add_parser(
        "data", help="print per-language statistics of a dataset",
        description="Load a dataset (XQuAD-R/MLQA-R, SQuAD-format files, MIRACL, our generic JSONL, or the shipped "
                    "demo set) and print per-language questions, candidates, relevant pairs (same language), "
                    "cross-lingual pairs and parallel coverage (share of question ids present in another language).",
        epilog="Use PATH 'demo' (or --demo) for the demo set shipped with the package (all of it; 'demo:train', "
               "'demo:eval' or --split pick one split). For MIRACL without --corpus only topics and qrels are read "
               "(query and judgement counts). Language codes may be written as ISO 639-1/3, BCP-47 or MTEB/FLORES "
               "codes (de, deu, de-DE, deu_Latn); the table shows the canonical code.")
    parser.add_argument("path", nargs="?", metavar="PATH", help="dataset folder or file, 'demo' or 'demo:<split>'")
    parser.add_argument("--demo", action="store_true", help="the demo set shipped with the package")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="data format (default: detected)")
    parser.add_argument("--languages", nargs="+", metavar="LANG",
                        help="only these languages (codes such as en, deu, pt-BR, zho_Hans; space or comma separated)")
    parser.add_argument("--split", default=None,
                        help="MIRACL split (default dev) or demo split: train, eval, all (default all)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="MIRACL passage corpus: <lang>.jsonl file or folder (see docs/data-formats.md)")
    parser.add_argument("--judged-only", action="store_true",
                        help="MIRACL: keep only the judged passages of the corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--notes", type=int, default=3, metavar="N",
                        help="show up to N data notes (mismatches, tolerated problems); default 3")
    return parser


def _languages(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [part for value in values for part in value.replace(",", " ").split()]


def load(args: argparse.Namespace) -> tuple[ParallelDataset | MiraclJudgements, str]:
    """The dataset (or MIRACL judgements) that ``args`` describe, with its format name."""
    languages = _languages(args.languages)
    named = demo_split_of(args.path) if not args.demo else None
    if args.demo or named is not None:
        explicit = named if args.path not in (None, "demo") else None  # "demo:train" names its split
        if explicit and args.split and args.split != explicit:
            raise ValueError(f"PATH {args.path!r} and --split {args.split!r} name different demo splits")
        split = args.split or explicit or "all"
        if split not in DEMO_SPLITS:
            raise ValueError(f"--split for the demo set must be one of {', '.join(DEMO_SPLITS)}, got {split!r}")
        return demo_dataset(split, languages=languages), "lareqa (demo)"
    if not args.path:
        raise ValueError("give a dataset PATH, or 'demo' for the shipped demo set")
    fmt = args.format if args.format != "auto" else detect_format(args.path)
    if fmt == "miracl":
        split = args.split or "dev"
        if args.corpus is None:
            return load_miracl_judgements(args.path, languages=languages, split=split), fmt
        return load_dataset(args.path, format=fmt, languages=languages, corpus=args.corpus, split=split,
                            judged_only=args.judged_only), fmt
    if args.corpus is not None or args.split is not None:
        raise ValueError(f"--corpus and --split apply to MIRACL and the demo set, not to the {fmt} format")
    return load_dataset(args.path, format=fmt, languages=languages), fmt


def format_table(table: pd.DataFrame, columns: dict[str, str]) -> str:
    """A plain-text table: thousands separators, percentages for ``parallel``, a rule above the totals."""
    table = table.copy()
    table.insert(1, "name", [language_name(c) if c != "all" else "" for c in table["language"]])
    cells = []
    for _, row in table.iterrows():
        line = []
        for col in columns:
            value = row[col]
            if col == "parallel":
                line.append(f"{value:.1%}")
            elif isinstance(value, str):
                line.append(value)
            else:
                line.append(f"{int(value):,}")
        cells.append(line)
    headers = list(columns.values())
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]

    def render(values: list[str]) -> str:
        parts = [v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in enumerate(zip(values, widths))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [render(headers), rule, *(render(r) for r in cells[:-1]), rule, render(cells[-1])]
    return "\n".join(lines)


def summary(data: ParallelDataset | MiraclJudgements, fmt: str, seconds: float) -> dict[str, Any]:
    """Everything the command prints, as a JSON-ready dict."""
    if isinstance(data, MiraclJudgements):
        stats = data.stats()
        return {"name": f"miracl-{data.split}", "format": fmt, "source": data.source, "split": data.split,
                "corpus": False, "languages": list(data.languages), "question_ids": int(stats["queries"].iloc[-1]),
                "stats": stats.to_dict(orient="records"), "notes": data.notes, "load_seconds": round(seconds, 3)}
    stats = data.stats()
    return {"name": data.name, "format": fmt, "source": data.source, "languages": list(data.languages),
            "question_ids": len(data.question_languages_by_id), "stats": stats.to_dict(orient="records"),
            "notes": data.notes, "load_seconds": round(seconds, 3)}


def run(args: argparse.Namespace) -> int:
    """Load the dataset and print its statistics."""
    start = time.perf_counter()
    data, fmt = load(args)
    seconds = time.perf_counter() - start
    info = summary(data, fmt, seconds)
    if args.json:
        sys.stdout.write(json.dumps(info, ensure_ascii=False, indent=2, default=str) + "\n")
        return 0
    out = [f"{info['name']} ({fmt}) from {info['source']}"]
    if isinstance(data, MiraclJudgements):
        out.append(f"split {data.split}: topics and qrels only (no --corpus; evaluation needs the passages)")
        out += ["", format_table(data.stats(), JUDGEMENT_COLUMNS)]
    else:
        out += ["", format_table(data.stats(), DATASET_COLUMNS), "",
                "relevant: (question, relevant candidate) pairs in the same language; cross pairs: with the "
                "candidate in another language; parallel: share of question ids also present in another language"]
    out.append(f"{len(info['languages'])} languages, {info['question_ids']:,} question ids, loaded in "
               f"{seconds:.2f} s, {len(info['notes'])} data notes")
    for note in info["notes"][: max(args.notes, 0)]:
        out.append(f"  note: {note}")
    if len(info["notes"]) > max(args.notes, 0):
        out.append(f"  ... {len(info['notes']) - max(args.notes, 0)} more (--notes N or --json shows them)")
    sys.stdout.write("\n".join(out) + "\n")
    return 0
