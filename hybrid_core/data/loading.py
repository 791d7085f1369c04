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

The string ``"demo"`` names the shipped demo set (its held-out ``eval`` split, as ``evaluate --data demo``);
``"demo:train"``, ``"demo:eval"``, ``"demo:all"`` (or ``"demo-train"``, ...) pick a split. A folder that is
really called ``demo`` is read with ``Path("demo")`` or ``"./demo"``.

Every reader decodes UTF-8 (a byte-order mark is tolerated) and names the file and line of a byte that is not
UTF-8. Language codes go through :mod:`hybrid_core.languages` (one canonical code each); within one set of
records (a folder of ``<lang>.json`` files, one JSONL file, the MIRACL topic files) two codes that fold into one
(``en`` and ``en-US``, ``pt-BR`` and ``pt-PT``) are refused, and a region folded away is noted in
``dataset.notes``.

Example:
    >>> from hybrid_core.data import demo_dataset, load_dataset
    >>> demo = load_dataset("demo")
    >>> demo.name
    'demo-eval'
    >>> xquad = load_dataset("../shared/data/xquad-r", languages=["en", "de"])  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import gzip
import importlib
import json
import logging
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, merge_qrels
from hybrid_core.languages import LanguageCode, UnknownLanguageError, parse_language, validate_language

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
#: the name of the demo set as a dataset path, and the split it means alone (as ``evaluate --data demo``).
DEMO_NAME = "demo"
DEMO_DEFAULT_SPLIT = "eval"
#: the UTF-8 byte-order mark some editors write at the start of a file.
BOM = b"\xef\xbb\xbf"

PathLike = str | os.PathLike[str]


# ----- helpers shared by the loaders ------------------------------------------------------------------------
def check_exists(path: PathLike, *, what: str = "data path") -> Path:
    """``path`` as a Path, or FileNotFoundError naming what was expected there.

    Raises:
        ValueError: ``path`` is None or empty (``Path("")`` would quietly be the current folder).
        FileNotFoundError: nothing is there.
    """
    if path is None or (isinstance(path, str) and not path.strip()):
        raise ValueError(f"{what}: give a path, got {path!r}")
    if not isinstance(path, (str, os.PathLike)):
        raise ValueError(f"{what}: expected a file or folder path, got {type(path).__name__} {path!r:.60}")
    resolved = Path(path).expanduser()
    if not resolved.exists():
        raise FileNotFoundError(f"{what} {str(path)!r} does not exist")
    return resolved


def language_of(code: str, *, path: PathLike | None = None, record: str | int | None = None,
                field: str | None = None) -> str:
    """Validate a language code, turning an unknown one into a :class:`DataError` naming where it came from."""
    return language_code_of(code, path=path, record=record, field=field).canonical


def language_code_of(code: str, *, path: PathLike | None = None, record: str | int | None = None,
                     field: str | None = None) -> LanguageCode:
    """:func:`hybrid_core.languages.parse_language`, an unknown code becoming a :class:`DataError`."""
    try:
        return parse_language(code)
    except UnknownLanguageError as exc:
        raise DataError(str(exc), path=path, record=record, field=field) from None


def _where(path: PathLike | None, record: str | int | None) -> str:
    name = Path(path).name if path is not None else ""
    if record is None:
        return name
    return f"{name}, {'line' if isinstance(record, int) else 'record'} {record}"


class LanguageReader:
    """Reads the language codes of one set of records (a folder's file names, one JSONL file, ...).

    Codes become canonical (:mod:`hybrid_core.languages`). Two codes of the set that fold into one canonical
    code while meaning different things (``en`` and ``en-US``, ``pt-BR`` and ``pt-PT``, ``de`` and ``deu-Latn``)
    are refused; one code written two ways (``de``, ``deu``, ``DE``) is not. :attr:`notes` says what was
    dropped (a region), once per code written.

    Example:
        >>> reader = LanguageReader()
        >>> reader.read("pt-BR", path="questions.jsonl", record=1)
        'pt'
        >>> reader.notes
        ["questions.jsonl: language code 'pt-BR' is read as 'pt' (region BR dropped)"]
    """

    def __init__(self) -> None:
        self._first: dict[str, tuple[LanguageCode, str]] = {}
        self._dropped: dict[tuple[str, str], LanguageCode] = {}
        self._counts: Counter[tuple[str, str]] = Counter()

    def read(self, code: str, *, path: PathLike | None = None, record: str | int | None = None,
             field: str | None = None) -> str:
        """The canonical code of ``code``; DataError for an unknown code or a fold with an earlier code."""
        return self.add(language_code_of(code, path=path, record=record, field=field), path=path, record=record,
                        field=field)

    def add(self, parsed: LanguageCode, *, path: PathLike | None = None, record: str | int | None = None,
            field: str | None = None) -> str:
        """Record an already parsed code (see :meth:`read`)."""
        where = _where(path, record)
        seen = self._first.get(parsed.canonical)
        if seen is None:
            self._first[parsed.canonical] = (parsed, where)
        elif seen[0].tag != parsed.tag:
            first, first_where = seen
            raise DataError(f"language codes {first.code!r} ({first_where}) and {parsed.code!r} ({where}) both read "
                            f"as {parsed.canonical!r}; write one code per language (two codes of one language "
                            "usually mean two sources or varieties merged by mistake)",
                            path=path, record=record, field=field)
        if parsed.dropped:
            key = (Path(path).name if path is not None else "", parsed.code)
            self._dropped.setdefault(key, parsed)
            self._counts[key] += 1
        return parsed.canonical

    @property
    def languages(self) -> tuple[str, ...]:
        """The canonical codes read so far, sorted."""
        return tuple(sorted(self._first))

    @property
    def notes(self) -> list[str]:
        """What reading dropped: one note per code written and file (``pt-BR`` read as ``pt``)."""
        notes = []
        for (name, _), parsed in self._dropped.items():
            count = self._counts[name, parsed.code]
            times = f", {count} records" if count > 1 else ""
            notes.append(f"{name + ': ' if name else ''}{parsed.note}{times}")
        return notes


def script_notes(languages: Iterable[str]) -> list[str]:
    """A note for each bare code next to a scripted code of its language (``zh`` and ``zh-Hans``): kept apart."""
    present = set(languages)
    notes = []
    for code in sorted(present):
        bare = code.split("-")[0]
        if "-" in code and bare in present:
            notes.append(f"{bare!r} (no script given) and {code!r} are both present and kept as two languages; "
                         "write the script on both if they are one written form")
    return notes


# ----- reading text files -------------------------------------------------------------------------------------------
def _not_utf8(exc: UnicodeDecodeError, data: bytes, where: str) -> str:
    return (f"not UTF-8 text: byte 0x{data[exc.start:exc.start + 1].hex()} at {where} ({exc.reason}); save the "
            "file as UTF-8")


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of every line of a UTF-8 text file (``.gz`` too), line ends removed.

    A byte-order mark at the start is skipped. Blank lines are yielded (callers skip them).

    Raises:
        DataError: bytes that are not UTF-8 (file, line, column and byte offset), a broken gzip file.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    offset = 0
    number = 0
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                data = raw[len(BOM):] if number == 1 and raw.startswith(BOM) else raw
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    at = offset + len(raw) - len(data) + exc.start
                    raise DataError(_not_utf8(exc, data, f"column {exc.start + 1}, byte offset {at}"), path=path,
                                    record=number) from None
                offset += len(raw)
                yield number, text.rstrip("\r\n")
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise DataError(f"not a readable gzip file after {number} lines ({exc})", path=path) from None


def read_json(path: Path) -> Any:
    """Parse one JSON file (UTF-8, BOM tolerated); problems raise :class:`DataError` with the line.

    Malformed JSON gives the line and column; a byte that is not UTF-8 the line and byte offset.
    """
    raw = path.read_bytes()
    data = raw[len(BOM):] if raw.startswith(BOM) else raw
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        at = len(raw) - len(data) + exc.start
        raise DataError(_not_utf8(exc, data, f"byte offset {at}"), path=path, record=line) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"malformed JSON at column {exc.colno}: {exc.msg}", path=path, record=exc.lineno) from None


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


def demo_split_of(spec: Any) -> str | None:
    """The demo split a dataset spec names, or None when it does not name the demo set.

    ``"demo"`` is the held-out ``eval`` split (as ``evaluate --data demo``); ``"demo:train"``, ``"demo:eval"``,
    ``"demo:all"`` (or ``"demo-train"``, ... as ``evaluate --data`` spells them) pick a split. Only a ``str``
    names the demo set: ``Path("demo")`` is a folder, and so is ``"demo-<anything else>"``.

    Raises:
        ValueError: ``"demo:<split>"`` with an unknown split.

    Example:
        >>> demo_split_of("demo"), demo_split_of("demo:train"), demo_split_of("data/demo")
        ('eval', 'train', None)
    """
    if not isinstance(spec, str):
        return None
    text = spec.strip()
    if text == DEMO_NAME:
        return DEMO_DEFAULT_SPLIT
    if text.startswith(DEMO_NAME + ":"):
        split = text[len(DEMO_NAME) + 1:]
        if split not in DEMO_SPLITS:
            raise ValueError(f"unknown demo split {split!r} in {spec!r}; choose one of {', '.join(DEMO_SPLITS)} "
                             "(e.g. 'demo:eval')")
        return split
    if text.startswith(DEMO_NAME + "-") and text[len(DEMO_NAME) + 1:] in DEMO_SPLITS:
        return text[len(DEMO_NAME) + 1:]  # "demo-train" as `evaluate --data` spells it; "demo-x" stays a path
    return None


def load_dataset(path: PathLike, *, format: str = "auto", languages: Iterable[str] | str | None = None,
                 name: str | None = None, **options: Any) -> ParallelDataset:
    """Load a dataset of any registered format, or the shipped demo set.

    Args:
        path: a folder or file (see each format), or ``"demo"`` / ``"demo:<split>"`` (see :func:`demo_split_of`).
        format: ``"auto"`` (default: detected from the files) or one of :data:`LOADERS`.
        languages: keep only these languages (``None``: all); a language not in the data is an error.
        name: dataset name (default: the folder or file name; ``demo-<split>`` for the demo set).
        **options: format-specific options, e.g. ``corpus=`` and ``split=`` for MIRACL.

    Returns:
        The :class:`ParallelDataset`.

    Raises:
        FileNotFoundError: ``path`` does not exist.
        DataError: malformed files, missing fields, unknown languages, an empty dataset.
        ValueError: no path (None, ""), an unknown format or demo split, options the demo set does not take.

    Example:
        >>> ds = load_dataset(DEMO_DIR / "eval", format="lareqa", languages=["en", "de"])
        >>> ds.languages
        ('de', 'en')
        >>> load_dataset("demo:train").name
        'demo-train'
    """
    if path is None or (isinstance(path, str) and not path.strip()):
        raise ValueError(f"give a dataset path or 'demo' (the shipped demo set), got {path!r}")
    split = demo_split_of(path)
    if split is not None:
        if format not in ("auto", "lareqa"):
            raise ValueError(f"the demo set is in the lareqa format, not {format!r}")
        if options:
            raise ValueError(f"option(s) {', '.join(sorted(options))} do not apply to the demo set")
        dataset = demo_dataset(split, languages=languages)
        if name:
            dataset.name = name
        return dataset
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
    from hybrid_core.data.lareqa import load_lareqa  # local: lareqa imports this module (a circle at import)

    if split not in DEMO_SPLITS:
        raise ValueError(f"unknown demo split {split!r}; choose one of {', '.join(DEMO_SPLITS)}")
    if split == "all":
        parts = {s: demo_dataset(s, languages=languages) for s in ("train", "eval")}
        return merge_datasets(parts, name="demo-all")
    return load_lareqa(check_exists(DEMO_DIR / split, what="demo split folder"), languages=languages,
                       name=f"demo-{split}")
