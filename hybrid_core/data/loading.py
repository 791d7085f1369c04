"""One entry point for every data format: a registry of loaders, format auto-detection, the demo set.

Formats (each a module under ``hybrid_core/data``):

============ ==================================================================================================
``lareqa``   XQuAD-R / MLQA-R: a folder of ``<lang>.json`` (SQuAD v1.1 JSON with ``sentences`` and
             ``sentence_breaks`` per paragraph), see :func:`hybrid_core.data.lareqa.load_lareqa`.
``squad``    plain SQuAD-format parallel files (XQuAD, MLQA): paragraphs split into sentences by us,
             see :func:`hybrid_core.data.squad.load_squad`.
``miracl``   MIRACL topics + TREC qrels + a JSONL passage corpus, see :func:`hybrid_core.data.miracl.load_miracl`.
``jsonl``    our generic format for users' own data (``questions.jsonl``, ``candidates.jsonl``,
             ``qrels.jsonl``), see :func:`hybrid_core.data.jsonl.load_jsonl` and ``docs/data-formats.md``.
============ ==================================================================================================

Example:
    >>> from hybrid_core.data import demo_dataset, load_dataset
    >>> demo = demo_dataset("eval")
    >>> demo.stats()  # doctest: +SKIP
    >>> xquad = load_dataset("../shared/data/xquad-r", languages=["en", "de"])  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import importlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, merge_qrels
from hybrid_core.languages import UnknownLanguageError, validate_language

log = logging.getLogger(__name__)

#: format name -> "module:function" of its loader; every loader takes (path, *, languages=None, name=None, ...).
LOADERS: dict[str, str] = {
    "lareqa": "hybrid_core.data.lareqa:load_lareqa",
    "squad": "hybrid_core.data.squad:load_squad",
    "miracl": "hybrid_core.data.miracl:load_miracl",
    "jsonl": "hybrid_core.data.jsonl:load_jsonl",
}
#: every accepted value of ``format``.
FORMATS: tuple[str, ...] = ("auto", *LOADERS)

#: the shipped demo set (written by us, LAReQA layout).
DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_SPLITS: tuple[str, ...] = ("train", "eval", "all")

PathLike = str | os.PathLike[str]


# ----- helpers shared by the loaders ------------------------------------------------------------------------
def check_exists(path: PathLike, *, what: str = "data path") -> Path:
    """``path`` as a Path, or FileNotFoundError naming what was expected there."""
    resolved = Path(path).expanduser()
    if not resolved.exists():
        raise FileNotFoundError(f"{what} {str(path)!r} does not exist")
    return resolved


def language_of(code: str, *, path: PathLike | None = None, record: str | int | None = None,
                field: str | None = None) -> str:
    """Validate a language code, turning an unknown one into a :class:`DataError` naming where it came from."""
    try:
        return validate_language(code)
    except UnknownLanguageError as exc:
        raise DataError(str(exc), path=path, record=record, field=field) from None


def check_languages(languages: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """Normalise a ``languages`` argument (codes or one comma-separated string); ``None`` means all."""
    if languages is None:
        return None
    if isinstance(languages, str):
        languages = [part for part in languages.replace(",", " ").split() if part]
    codes: dict[str, None] = {}
    for code in languages:
        codes[validate_language(code, where="languages")] = None
    if not codes:
        raise ValueError("languages: give at least one language code, or None for all")
    return tuple(codes)


def restrict(found: Sequence[str], wanted: tuple[str, ...] | None, *, source: PathLike) -> list[str]:
    """The languages of ``found`` kept by ``wanted``; a wanted language that is absent is an error."""
    if wanted is None:
        return sorted(found)
    missing = [lang for lang in wanted if lang not in found]
    if missing:
        raise DataError(f"language(s) {', '.join(missing)} not in the data; available: {', '.join(sorted(found))}",
                        path=source)
    return [lang for lang in sorted(found) if lang in wanted]


def read_json(path: Path) -> Any:
    """Parse one JSON file; malformed JSON raises :class:`DataError` with the line and column."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise DataError(f"malformed JSON at column {exc.colno}: {exc.msg}", path=path, record=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from None


def warn_notes(notes: Sequence[str], *, source: PathLike, what: str) -> None:
    """Log one warning with the count of data problems that were tolerated (details stay in ``dataset.notes``)."""
    if notes:
        log.warning("%s: %d %s (see dataset.notes); first: %s", source, len(notes), what, notes[0])


# ----- registry and auto-detection ----------------------------------------------------------------------------
def get_loader(format: str) -> Callable[..., ParallelDataset]:
    """The loader function registered under ``format``.

    Raises:
        ValueError: unknown format; the message lists the valid ones and the closest match.
    """
    if format not in LOADERS:
        close = difflib.get_close_matches(str(format), LOADERS, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown data format {format!r}; choose one of {', '.join(FORMATS)}{hint}")
    module_name, func_name = LOADERS[format].split(":")
    return getattr(importlib.import_module(module_name), func_name)


def _has_sentence_breaks(path: Path) -> bool:
    with open(path, "rb") as handle:
        return b'"sentence_breaks"' in handle.read()


def detect_format(path: PathLike) -> str:
    """Guess the format of a file or folder (see the module docstring); raises DataError when nothing fits."""
    root = check_exists(path)
    if root.is_file():
        if root.name.endswith((".jsonl", ".jsonl.gz")):
            return "jsonl"
        if root.suffix == ".json":
            return "lareqa" if _has_sentence_breaks(root) else "squad"
        raise DataError("cannot tell the format of this file: expected <lang>.json (LAReQA/SQuAD) or a .jsonl file "
                        f"of our generic format; pass format= one of {', '.join(LOADERS)}", path=root)
    names = {child.name for child in root.iterdir()}
    if any(n.startswith("topics.miracl") for n in names):
        return "miracl"
    if names & {"questions.jsonl", "candidates.jsonl", "qrels.jsonl"}:
        return "jsonl"
    json_files = sorted(root.glob("*.json"))
    if json_files:
        return "lareqa" if _has_sentence_breaks(json_files[0]) else "squad"
    raise DataError("cannot tell the data format of this folder: expected <lang>.json files (LAReQA/SQuAD), "
                    "topics.miracl-*.tsv (MIRACL) or questions.jsonl/candidates.jsonl/qrels.jsonl (generic JSONL)",
                    path=root)


def load_dataset(path: PathLike, *, format: str = "auto", languages: Iterable[str] | str | None = None,
                 name: str | None = None, **options: Any) -> ParallelDataset:
    """Load a dataset of any registered format.

    Args:
        path: a folder or file (see each format).
        format: ``"auto"`` (default: detected from the files) or one of :data:`LOADERS`.
        languages: keep only these languages (``None``: all); a language not in the data is an error.
        name: dataset name (default: the folder or file name).
        **options: format-specific options, e.g. ``corpus=`` and ``split=`` for MIRACL.

    Returns:
        The :class:`ParallelDataset`.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        DataError: malformed files, missing fields, unknown languages, an empty dataset.
        ValueError: an unknown format.

    Example:
        >>> ds = load_dataset(DEMO_DIR / "eval", format="lareqa", languages=["en", "de"])
        >>> ds.languages
        ('de', 'en')
    """
    if format != "auto":
        loader = get_loader(format)  # check the name before touching the disk
    else:
        loader = get_loader(detect_format(path))
    return loader(path, languages=languages, name=name, **options)


# ----- shared data and the demo set ---------------------------------------------------------------------------
def shared_data_dir() -> Path | None:
    """The folder of real data: ``$HBL_SHARED_DATA`` if set, else ``<repo>/../shared/data`` if present, else None."""
    env = os.environ.get("HBL_SHARED_DATA", "").strip()
    if env:
        path = Path(env).expanduser()
        if path.is_dir():
            return path
        log.warning("HBL_SHARED_DATA=%s is not a folder; no shared data", env)
        return None
    default = Path(__file__).resolve().parents[2].parent / "shared" / "data"
    return default if default.is_dir() else None


def merge_datasets(parts: dict[str, ParallelDataset], *, name: str) -> ParallelDataset:
    """Union of datasets whose question ids are distinct; candidate ids get the prefix ``"<part>/"``.

    Raises:
        DataError: a question (id, language) appears in two parts.
    """
    questions = []
    candidates = []
    qrels_parts = []
    seen: dict[tuple[str, str], str] = {}
    notes: list[str] = []
    for part, ds in parts.items():
        for q in ds.questions:
            if (q.id, q.language) in seen:
                raise DataError(f"question {q.id!r} ({q.language}) is in both {seen[q.id, q.language]!r} and "
                                f"{part!r}", path=ds.source or ds.name)
            seen[q.id, q.language] = part
            questions.append(q)
        candidates.extend(Candidate(f"{part}/{c.id}", c.language, c.text, c.context) for c in ds.candidates)
        qrels_parts.append({qid: {f"{part}/{cid}": g for cid, g in rels.items()} for qid, rels in ds.qrels.items()})
        notes.extend(f"{part}: {note}" for note in ds.notes)
    return ParallelDataset(name, questions, candidates, merge_qrels(*qrels_parts),
                           source=", ".join(ds.source for ds in parts.values()), notes=notes)


def demo_dataset(split: str = "train", *, languages: Iterable[str] | str | None = None) -> ParallelDataset:
    """The demo set shipped in the package (``hybrid_core/data/demo``, LAReQA layout, 11 languages).

    Args:
        split: ``"train"``, ``"eval"`` (held out) or ``"all"`` (both; candidate ids then start with
            ``"train/"`` or ``"eval/"`` so the two parts cannot collide).
        languages: keep only these languages.

    Example:
        >>> ds = demo_dataset("eval")
        >>> len(ds.languages)
        11
    """
    from hybrid_core.data.lareqa import load_lareqa

    if split not in DEMO_SPLITS:
        raise ValueError(f"unknown demo split {split!r}; choose one of {', '.join(DEMO_SPLITS)}")
    if split != "all":
        return load_lareqa(check_exists(DEMO_DIR / split, what="demo split folder"), languages=languages,
                           name=f"demo-{split}")
    parts = {s: demo_dataset(s, languages=languages) for s in ("train", "eval")}
    return merge_datasets(parts, name="demo-all")
