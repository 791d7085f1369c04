"""MIRACL (Zhang et al., 2023): monolingual retrieval over Wikipedia passages in 18 languages.

Inputs, as distributed by MIRACL / anserini:

- a folder of **topics** ``topics.miracl-v1.0-<lang>-<split>.tsv`` (``qid<TAB>query`` per line) and **qrels**
  ``qrels.miracl-v1.0-<lang>-<split>.tsv`` (TREC: ``qid Q0 docid relevance``, whitespace separated);
- a **corpus** of passages, JSONL lines ``{"docid": "151236#1", "title": "...", "text": "..."}``, given
  separately (``corpus=``) because it is large and not shipped with the topics. Accepted layouts:

  * a folder holding, per language, ``<lang>.jsonl`` or ``<lang>.jsonl.gz``, or a sub-folder ``<lang>/`` or
    ``miracl-corpus-v1.0-<lang>/`` of shards ``*.jsonl`` / ``*.jsonl.gz`` (the Hugging Face ``miracl-corpus``
    layout, ``docs-0.jsonl.gz`` ...);
  * one file (``.jsonl`` / ``.jsonl.gz``) whose name gives the language (``de.jsonl``,
    ``miracl-corpus-v1.0-de.jsonl``), or any file when exactly one language is selected;
  * a ``{language: file or folder}`` mapping.

In the dataset, ids carry the language so that they never collide across languages (Wikipedia article ids and
MIRACL's query ids are per language): question ``"<lang>:<qid>"``, candidate ``"<lang>:<docid>"``; a
candidate's ``text`` is the passage and its ``context`` the article title. Relevance grades are kept as given
(0 = judged non-relevant). Judgements of passages missing from the corpus are ignored, and queries left with
no relevant passage are dropped, each with a note in ``dataset.notes``.

Without a corpus, :func:`load_miracl_judgements` reads topics and qrels alone, for statistics.

Files are UTF-8 (a byte-order mark is tolerated; another encoding is an error naming the file and line). A
qrels line that repeats a (query, passage) judgement with the same grade is tolerated with a note; with another
grade it is an error naming the file and both lines. Language codes in file names go through
:mod:`hybrid_core.languages`; two files whose codes fold into one language (``de`` and ``deu``) are refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from hybrid_core.data.loading import (
    LanguageReader,
    PathLike,
    check_exists,
    check_languages,
    read_lines,
    restrict,
    warn_notes,
)
from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, Question

_TOPICS = re.compile(r"topics\.miracl-v[\d.]+-(?P<lang>[a-z]{2,3})-(?P<split>[a-z0-9-]+)\.tsv")
_CORPUS_FILE = re.compile(r"(?:miracl-corpus-v[\d.]+-)?(?P<lang>[a-z]{2,3})(?:[-_.].*)?\.jsonl(?:\.gz)?")

Corpus = PathLike | Mapping[str, PathLike]


@dataclass
class MiraclJudgements:
    """Topics and qrels of one split, per language (raw MIRACL ids, no passages)."""

    split: str
    topics: dict[str, dict[str, str]]
    qrels: dict[str, dict[str, dict[str, int]]]
    source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.topics))

    def stats(self) -> pd.DataFrame:
        """Per language: queries, judged (query, passage) pairs, relevant pairs, queries with a relevant passage."""
        rows = []
        for lang in self.languages:
            qrels = self.qrels.get(lang, {})
            judged = sum(len(r) for r in qrels.values())
            relevant = sum(1 for r in qrels.values() for g in r.values() if g > 0)
            rows.append({"language": lang, "queries": len(self.topics[lang]), "judged": judged, "relevant": relevant,
                         "queries_with_relevant": sum(1 for r in qrels.values() if any(g > 0 for g in r.values())),
                         "passages_judged": len({d for r in qrels.values() for d in r})})
        table = pd.DataFrame(rows)
        total = {"language": "all", **{col: int(table[col].sum()) for col in table.columns if col != "language"}}
        return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def miracl_files(folder: PathLike, *, split: str = "dev") -> dict[str, tuple[Path, Path]]:
    """``{language: (topics file, qrels file)}`` of one split in a MIRACL topics/qrels folder.

    Raises:
        FileNotFoundError: the folder does not exist.
        DataError: no topics of that split (the message lists the splits found), a topics file without qrels, two
            topics files of one language (``de`` and ``deu``).
    """
    root = check_exists(folder, what="MIRACL folder")
    if not root.is_dir():
        raise DataError("expected the folder of topics.miracl-*.tsv and qrels.miracl-*.tsv files", path=root)
    found: dict[str, tuple[Path, Path]] = {}
    splits: set[str] = set()
    reader = LanguageReader()
    for topics in sorted(root.glob("topics.miracl-*.tsv")):
        match = _TOPICS.fullmatch(topics.name)
        if not match:
            continue
        splits.add(match["split"])
        if match["split"] != split:
            continue
        lang = reader.read(match["lang"], path=topics)
        if lang in found:
            raise DataError(f"two topics files for language {lang!r}: {found[lang][0].name} and {topics.name}",
                            path=root)
        qrels = topics.with_name("qrels." + topics.name[len("topics."):])
        if not qrels.is_file():
            raise DataError(f"topics without qrels: {qrels.name} is missing", path=topics)
        found[lang] = (topics, qrels)
    if not found:
        have = f"; splits found: {', '.join(sorted(splits))}" if splits else " (no topics.miracl-v*-<lang>-<split>.tsv)"
        raise DataError(f"no MIRACL topics for split {split!r}{have}", path=root)
    return found


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a UTF-8 text file (``.gz`` too), see :func:`hybrid_core.data.loading.read_lines`."""
    for number, line in read_lines(path):
        if line.strip():
            yield number, line


def read_topics(path: Path) -> dict[str, str]:
    """``{qid: query}`` from a ``qid<TAB>query`` file."""
    topics: dict[str, str] = {}
    for number, line in _lines(path):
        qid, tab, query = line.partition("\t")
        qid = qid.strip()
        if not tab or not qid or not query.strip():
            raise DataError(f"expected 'qid<TAB>query', got {line!r:.80}", path=path, record=number)
        if qid in topics:
            raise DataError(f"query id {qid!r} appears twice", path=path, record=number)
        topics[qid] = query.strip()
    if not topics:
        raise DataError("no queries in this file", path=path)
    return topics


def read_trec_qrels(path: Path, *, notes: list[str] | None = None) -> dict[str, dict[str, int]]:
    """``{qid: {docid: grade}}`` from a TREC qrels file (``qid Q0 docid grade``).

    Args:
        path: the qrels file.
        notes: where a repeated line with the same grade is noted (it is counted once).

    Raises:
        DataError: a malformed line, no judgements, or one (qid, docid) judged twice with different grades (the
            file and both lines are named).
    """
    qrels: dict[str, dict[str, int]] = {}
    line_of: dict[tuple[str, str], int] = {}
    for number, line in _lines(path):
        parts = line.split()
        if len(parts) != 4:
            raise DataError(f"expected 4 fields 'qid Q0 docid relevance', got {len(parts)}: {line!r:.80}",
                            path=path, record=number)
        qid, _, docid, text = parts
        try:
            grade = int(text)
        except ValueError:
            raise DataError(f"relevance must be an integer, got {text!r}", path=path, record=number) from None
        rels = qrels.setdefault(qid, {})
        if docid in rels:
            first = line_of[qid, docid]
            if rels[docid] != grade:
                raise DataError(f"query {qid!r} and passage {docid!r} are judged twice with different relevance: "
                                f"{rels[docid]} on line {first} and {grade} on line {number}; keep one line",
                                path=path, record=number)
            if notes is not None:
                notes.append(f"{path.name}: line {number} repeats line {first} (query {qid!r}, passage {docid!r}, "
                             f"relevance {grade}); counted once")
            continue
        rels[docid] = grade
        line_of[qid, docid] = number
    if not qrels:
        raise DataError("no judgements in this file", path=path)
    return qrels


def load_miracl_judgements(folder: PathLike, *, languages: Iterable[str] | str | None = None,
                           split: str = "dev") -> MiraclJudgements:
    """Topics and qrels of one split (no corpus needed), e.g. for statistics.

    Example:
        >>> j = load_miracl_judgements("../shared/data/miracl", languages="de,yo")  # doctest: +SKIP
        >>> j.stats()  # doctest: +SKIP
    """
    files = miracl_files(folder, split=split)
    kept = restrict(list(files), check_languages(languages), source=folder)
    topics: dict[str, dict[str, str]] = {}
    qrels: dict[str, dict[str, dict[str, int]]] = {}
    notes: list[str] = []
    for lang in kept:
        topics_path, qrels_path = files[lang]
        topics[lang] = read_topics(topics_path)
        qrels[lang] = read_trec_qrels(qrels_path, notes=notes)
        unknown = [qid for qid in qrels[lang] if qid not in topics[lang]]
        if unknown:
            notes.append(f"{qrels_path.name}: {len(unknown)} judged query ids are not in {topics_path.name} "
                         f"(ignored), e.g. {unknown[0]!r}")
            for qid in unknown:
                del qrels[lang][qid]
    warn_notes(notes, source=folder, what="data problems tolerated")
    return MiraclJudgements(split, topics, qrels, source=str(folder), notes=notes)


def corpus_files(corpus: Corpus, languages: Iterable[str]) -> dict[str, list[Path]]:
    """Resolve the corpus argument into JSONL files per language (see the module docstring).

    Raises:
        FileNotFoundError: the path does not exist.
        DataError: a file name gives no language while several languages are wanted.
    """
    wanted = list(languages)
    if isinstance(corpus, Mapping):
        reader = LanguageReader()
        resolved = {reader.read(lang, path=str(path)): check_exists(path, what="corpus")
                    for lang, path in corpus.items()}
        return {lang: _shards(path) for lang, path in resolved.items() if lang in wanted}
    root = check_exists(corpus, what="corpus")
    if root.is_file():
        match = _CORPUS_FILE.fullmatch(root.name)
        if match:
            try:
                return {LanguageReader().read(match["lang"], path=root): [root]}
            except DataError:
                pass
        if len(wanted) == 1:
            return {wanted[0]: [root]}
        raise DataError("cannot tell the language of this corpus file: name it <lang>.jsonl or select one "
                        "language", path=root)
    found: dict[str, list[Path]] = {}
    for lang in wanted:
        for candidate in (root / f"{lang}.jsonl", root / f"{lang}.jsonl.gz", root / lang,
                          *sorted(root.glob(f"miracl-corpus-v*-{lang}"))):
            if candidate.exists():
                found[lang] = _shards(candidate)
                break
    if not found and len(wanted) == 1 and _shards(root, strict=False):
        found[wanted[0]] = _shards(root)
    return found


def _shards(path: Path, *, strict: bool = True) -> list[Path]:
    if path.is_file():
        return [path]
    shards = sorted(p for p in path.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz")))
    if not shards and strict:
        raise DataError("no *.jsonl or *.jsonl.gz corpus files in this folder", path=path)
    return shards


def read_corpus(files: list[Path], lang: str, *, keep: set[str] | None = None) -> list[Candidate]:
    """Passages of one language as candidates ``"<lang>:<docid>"`` (only docids in ``keep`` when given)."""
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for path in files:
        for number, line in _lines(path):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"malformed JSON at column {exc.colno}: {exc.msg}", path=path, record=number) from None
            if not isinstance(record, dict):
                raise DataError("expected a JSON object {docid, title, text}", path=path, record=number)
            for key in ("docid", "text"):
                if not isinstance(record.get(key), str):
                    problem = "missing field" if key not in record else f"expected a string, got {record[key]!r:.40}"
                    raise DataError(problem, path=path, record=number, field=key)
            docid = record["docid"]
            if docid in seen:
                raise DataError(f"docid {docid!r} appears twice", path=path, record=number, field="docid")
            seen.add(docid)
            if keep is not None and docid not in keep:
                continue
            title = record.get("title") or ""
            if not isinstance(title, str):
                raise DataError(f"expected a string, got {title!r:.40}", path=path, record=number, field="title")
            candidates.append(Candidate(f"{lang}:{docid}", lang, record["text"], title))
    return candidates


def load_miracl(folder: PathLike, *, corpus: Corpus | None = None, languages: Iterable[str] | str | None = None,
                split: str = "dev", name: str | None = None, judged_only: bool = False) -> ParallelDataset:
    """Load MIRACL topics, qrels and passages as a :class:`ParallelDataset`.

    Args:
        folder: the folder of ``topics.miracl-*`` / ``qrels.miracl-*`` TSV files.
        corpus: the passages (see the module docstring). Required: without it use :func:`load_miracl_judgements`.
        languages: keep only these languages (default: the languages that have both topics and a corpus).
        split: ``"dev"`` (default), ``"train"``, ... as in the file names.
        name: dataset name (default ``"miracl-<split>"``).
        judged_only: keep only the judged passages (a small pool for quick checks; not the official protocol,
            which searches the whole corpus).

    Raises:
        FileNotFoundError: a path does not exist.
        DataError: no corpus, malformed lines (file and line), missing fields, unknown languages, an empty result.
    """
    if corpus is None:
        raise DataError("MIRACL passages are not in the topics/qrels folder: pass corpus=<file or folder of JSONL "
                        "{docid, title, text}>; for statistics of topics and qrels alone use "
                        "load_miracl_judgements() (CLI: data --format miracl without --corpus)", path=folder)
    wanted = check_languages(languages)
    available = list(miracl_files(folder, split=split))
    candidates_langs = restrict(available, wanted, source=folder)
    shards = corpus_files(corpus, candidates_langs)
    if wanted is not None:
        missing = [lang for lang in wanted if lang not in shards]
        if missing:
            raise DataError(f"no corpus for language(s) {', '.join(missing)}", path=str(corpus))
    if not shards:
        raise DataError(f"no corpus file for any of the languages {', '.join(candidates_langs)} (expected "
                        "<lang>.jsonl, <lang>/ or miracl-corpus-v1.0-<lang>/)", path=str(corpus))
    judgements = load_miracl_judgements(folder, languages=sorted(shards), split=split)
    notes = list(judgements.notes)
    questions: list[Question] = []
    candidates: list[Candidate] = []
    qrels: dict[str, dict[str, int]] = {}
    for lang in judgements.languages:
        judged = {d for rels in judgements.qrels[lang].values() for d in rels}
        passages = read_corpus(shards[lang], lang, keep=judged if judged_only else None)
        present = {c.id for c in passages}
        candidates.extend(passages)
        absent = {d for d in judged if f"{lang}:{d}" not in present}
        if absent:
            notes.append(f"{lang}: {len(absent)} of {len(judged)} judged passages are not in the corpus "
                         f"(their judgements are ignored), e.g. {sorted(absent)[0]!r}")
        dropped = 0
        for qid, query in judgements.topics[lang].items():
            rels = {f"{lang}:{d}": g for d, g in judgements.qrels[lang].get(qid, {}).items() if d not in absent}
            if not any(g > 0 for g in rels.values()):
                dropped += 1
                continue
            questions.append(Question(f"{lang}:{qid}", lang, query))
            qrels[f"{lang}:{qid}"] = rels
        if dropped:
            notes.append(f"{lang}: {dropped} of {len(judgements.topics[lang])} queries have no relevant passage in "
                         "the corpus and are dropped")
    if not questions:
        raise DataError("no query has a relevant passage in the corpus (is it the right corpus and split?)",
                        path=str(corpus))
    warn_notes(notes, source=folder, what="notes on the corpus coverage")
    return ParallelDataset(name or f"miracl-{split}", questions, candidates, qrels,
                           source=f"{folder} + {corpus}", notes=notes)
