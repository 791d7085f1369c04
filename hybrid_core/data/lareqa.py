"""LAReQA format (XQuAD-R, MLQA-R): SQuAD v1.1 JSON per language with sentence spans per paragraph.

Layout: a folder of ``<lang>.json`` files (``{"data": [{"title", "paragraphs": [{"context", "qas",
"sentences", "sentence_breaks"}]}]}``), as released by Roy et al. (2020), *LAReQA: Language-agnostic answer
retrieval from a multilingual pool*, section 3.1.

How the retrieval task is built (the LAReQA rule):

- **candidates** are all sentences of all paragraphs of all languages; candidate ``"<lang>:<a>:<p>:<s>"`` is
  sentence ``s`` of paragraph ``p`` of article ``a`` (0-based indexes) of ``<lang>.json``; its ``text`` is the
  sentence and its ``context`` the whole paragraph;
- **questions** keep the file's ids, which are shared by the translations of a question;
- **relevance**: the relevant candidate of a question in language Y is the sentence of Y's paragraph whose
  ``[begin, end)`` span in ``sentence_breaks`` contains ``answers[0].answer_start``; the qrels of a question id
  hold that sentence for every language in which the question exists.

Checks: each ``sentences[i]`` is compared with ``context[begin:end]``; a mismatch is tolerated (the sentence
text is used, the span decides relevance) and recorded in ``dataset.notes`` with one warning giving the count
(XQuAD-R has 2, both in ``tr.json``, caused by mojibake in the context). An ``answer_start`` that falls between
two spans (on the whitespace that separates sentences) is attached to the nearest sentence, with a note; one
outside the context is a :class:`DataError` naming the file and the question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from hybrid_core.data.loading import (
    LanguageReader,
    PathLike,
    check_exists,
    check_languages,
    language_code_of,
    read_json,
    restrict,
    script_notes,
    warn_notes,
)
from hybrid_core.data.schema import Candidate, DataError, ParallelDataset, Question
from hybrid_core.languages import LanguageCode

#: (paragraph, language, file, "article a paragraph p", notes) -> (sentence texts, [begin, end) spans)
SentenceFn = Callable[[dict, str, Path, str, list], tuple[list[str], list[tuple[int, int]]]]

_MLQA_NAME = re.compile(r".*context-([A-Za-z_-]+?)-question-([A-Za-z_-]+)")

Files = PathLike | Sequence[PathLike] | Mapping[str, PathLike]


def language_from_filename(path: Path) -> str | None:
    """Language of a data file from its name: ``de.json``, ``xquad.de.json``, ``deu_Latn.json`` or MLQA's
    ``dev-context-de-question-de.json``. Returns None for MLQA's cross-lingual files (context != question).

    Raises:
        DataError: the name gives no known language code.
    """
    parsed = language_code_from_filename(path)
    return None if parsed is None else parsed.canonical


def language_code_from_filename(path: Path) -> LanguageCode | None:
    """:func:`language_from_filename` with the code as written and read (see :mod:`hybrid_core.languages`)."""
    stem = path.name[: -len(".json")] if path.name.endswith(".json") else path.stem
    mlqa = _MLQA_NAME.fullmatch(stem)
    if mlqa:
        context_lang = language_code_of(mlqa.group(1), path=path)
        question_lang = language_code_of(mlqa.group(2), path=path)
        return context_lang if context_lang.canonical == question_lang.canonical else None
    last = stem.rsplit(".", 1)[-1]
    try:
        return language_code_of(last, path=path)
    except DataError as exc:
        raise DataError(f"the file name must give the language, as in en.json or xquad.en.json: {exc.problem}",
                        path=path) from None


def language_files(path: Files, *, languages: Iterable[str] | str | None = None,
                   notes: list[str] | None = None) -> tuple[dict[str, Path], str]:
    """Resolve a folder of ``<lang>.json``, one file, a list of files or a ``{lang: file}`` mapping.

    Returns:
        ``({language: file}, source description)`` restricted to ``languages``.

    Raises:
        FileNotFoundError: a path does not exist.
        DataError: no files, a file name without a language, two files of one language (or whose codes fold into
            one, ``en.json`` and ``en-US.json``), an absent language.
    """
    wanted = check_languages(languages)
    found: dict[str, Path] = {}
    reader = LanguageReader()

    def add(parsed: LanguageCode | None, file: Path) -> None:
        if parsed is None:
            if notes is not None:
                notes.append(f"{file.name}: skipped (cross-lingual MLQA file, context and question languages differ)")
            return
        lang = reader.add(parsed, path=file)
        if lang in found:
            raise DataError(f"two files for language {lang!r}: {found[lang].name} and {file.name}", path=file.parent)
        found[lang] = file

    if path is None or (isinstance(path, str) and not path.strip()):
        check_exists(path)  # the ValueError naming the missing path
    if isinstance(path, Mapping):
        for code, file in path.items():
            add(language_code_of(code, path=file), check_exists(file))
        source = ", ".join(str(f) for f in found.values())
    elif isinstance(path, (str, bytes)) or hasattr(path, "__fspath__"):
        root = check_exists(path)
        if root.is_dir():
            files = sorted(root.glob("*.json"))
            if not files:
                raise DataError("no <lang>.json files in this folder", path=root)
            for file in files:
                add(language_code_from_filename(file), file)
        else:
            add(language_code_from_filename(root), root)
        source = str(root)
    else:
        for file in path:
            resolved = check_exists(file)
            add(language_code_from_filename(resolved), resolved)
        source = ", ".join(str(f) for f in found.values())
    if not found:
        raise DataError("no file with a language (only cross-lingual files)", path=source)
    if notes is not None:
        notes.extend(reader.notes + script_notes(found))
    kept = restrict(list(found), wanted, source=source)
    return {lang: found[lang] for lang in kept}, source


def _need(obj: Any, key: str, kind: type | tuple[type, ...], *, path: Path, record: str) -> Any:
    if not isinstance(obj, dict):
        raise DataError(f"expected a JSON object, got {type(obj).__name__}", path=path, record=record)
    if key not in obj:
        raise DataError("missing field", path=path, record=record, field=key)
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DataError(f"expected {names}, got {type(value).__name__} {value!r:.60}", path=path, record=record,
                        field=key)
    return value


def iter_paragraphs(doc: Any, path: Path) -> Iterator[tuple[int, int, dict]]:
    """``(article index, paragraph index, paragraph)`` of a SQuAD v1.1 document, checking its structure."""
    articles = _need(doc, "data", list, path=path, record="top level")
    for ai, article in enumerate(articles):
        paragraphs = _need(article, "paragraphs", list, path=path, record=f"article {ai}")
        for pi, paragraph in enumerate(paragraphs):
            if not isinstance(paragraph, dict):
                raise DataError("expected a JSON object", path=path, record=f"article {ai} paragraph {pi}")
            yield ai, pi, paragraph


def _sentence_of(spans: Sequence[tuple[int, int]], start: int) -> tuple[int, bool]:
    """Index of the span containing ``start``, else of the nearest span; the flag says whether it contained it."""
    best, best_distance = 0, None
    for index, (begin, end) in enumerate(spans):
        if begin <= start < end:
            return index, True
        distance = begin - start if start < begin else start - end + 1
        # on a tie prefer the following sentence: an answer starting on whitespace begins after it
        if best_distance is None or distance < best_distance or (distance == best_distance and start < begin):
            best, best_distance = index, distance
    return best, False


def build_sentence_dataset(files: dict[str, Path], sentences_of: SentenceFn, *, name: str, source: str,
                           notes: list[str] | None = None) -> ParallelDataset:
    """Build the LAReQA-style retrieval dataset from SQuAD-format files, given a way to get sentence spans.

    Shared by the ``lareqa`` format (spans from the file) and the ``squad`` format (spans from our splitter).
    """
    notes = [] if notes is None else notes
    questions: list[Question] = []
    candidates: list[Candidate] = []
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for lang, path in files.items():
        doc = read_json(path)
        seen: set[str] = set()
        for ai, pi, paragraph in iter_paragraphs(doc, path):
            where = f"article {ai} paragraph {pi}"
            context = _need(paragraph, "context", str, path=path, record=where)
            qas = _need(paragraph, "qas", list, path=path, record=where)
            texts, spans = sentences_of(paragraph, lang, path, where, notes)
            ids = [f"{lang}:{ai}:{pi}:{si}" for si in range(len(texts))]
            candidates.extend(Candidate(cid, lang, text, context) for cid, text in zip(ids, texts))
            for qi, qa in enumerate(qas):
                record = f"{where} question {qi}"
                qid = _need(qa, "id", str, path=path, record=record)
                record = f"question {qid!r} ({where})"
                text = _need(qa, "question", str, path=path, record=record).strip()
                if not text:
                    raise DataError("empty question text", path=path, record=record, field="question")
                if qid in seen:
                    raise DataError("question id appears twice in this file", path=path, record=record, field="id")
                seen.add(qid)
                answers = _need(qa, "answers", list, path=path, record=record)
                if not answers:
                    raise DataError("no answers (need answers[0].answer_start)", path=path, record=record,
                                    field="answers")
                start = _need(answers[0], "answer_start", int, path=path, record=f"{record} answers[0]")
                if not 0 <= start < len(context):
                    raise DataError(f"answers[0].answer_start {start} is outside the paragraph (length "
                                    f"{len(context)})", path=path, record=record, field="answer_start")
                if not spans:
                    raise DataError("the paragraph has no sentences", path=path, record=record)
                index, inside = _sentence_of(spans, start)
                if not inside:
                    begin, end = spans[index]
                    notes.append(f"{path.name}: {record}: answer_start {start} is in no sentence span; attached to "
                                 f"the nearest sentence {index} [{begin}, {end})")
                questions.append(Question(qid, lang, text))
                qrels[qid][ids[index]] = 1
        if not seen:
            raise DataError("no questions in this file", path=path)
    return ParallelDataset(name, questions, candidates, dict(qrels), source=source, notes=notes)


def _first_difference(text: str, span_text: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(text, span_text)) if a != b), min(len(text), len(span_text)))
    lo = max(at - 10, 0)
    return f"at character {at}, sentence {text[lo:at + 15]!r} vs context {span_text[lo:at + 15]!r}"


def lareqa_sentences(paragraph: dict, lang: str, path: Path, where: str,
                     notes: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Sentences and spans from a LAReQA paragraph, checking each sentence against ``context[begin:end]``."""
    context = paragraph["context"]
    texts = _need(paragraph, "sentences", list, path=path, record=where)
    breaks = _need(paragraph, "sentence_breaks", list, path=path, record=where)
    if len(texts) != len(breaks):
        raise DataError(f"{len(texts)} sentences but {len(breaks)} sentence_breaks", path=path, record=where)
    spans: list[tuple[int, int]] = []
    for si, (text, span) in enumerate(zip(texts, breaks)):
        record = f"{where} sentence {si}"
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"sentence must be a non-empty string, got {text!r:.60}", path=path, record=record,
                            field="sentences")
        if (not isinstance(span, list) or len(span) != 2 or not all(type(x) is int for x in span)
                or not 0 <= span[0] <= span[1] <= len(context)):
            raise DataError(f"sentence break must be [begin, end] with 0 <= begin <= end <= {len(context)}, "
                            f"got {span!r:.60}", path=path, record=record, field="sentence_breaks")
        begin, end = span
        if context[begin:end] != text:
            notes.append(f"{path.name}: {record}: sentence text differs from context[{begin}:{end}]: "
                         f"{_first_difference(text, context[begin:end])}")
        spans.append((begin, end))
    return [t.strip() for t in texts], spans


def load_lareqa(path: Files, *, languages: Iterable[str] | str | None = None,
                name: str | None = None) -> ParallelDataset:
    """Load XQuAD-R / MLQA-R (LAReQA format).

    Args:
        path: a folder of ``<lang>.json``, one such file, a list of files or a ``{language: file}`` mapping.
        languages: keep only these languages (default: every file).
        name: dataset name (default: the folder or file name).

    Raises:
        FileNotFoundError: a path does not exist.
        DataError: malformed JSON (file and line), a missing field (file, record, field), an unknown language in a
            file name, an ``answer_start`` outside its paragraph, an empty file.

    Example:
        >>> from hybrid_core.data.loading import DEMO_DIR
        >>> ds = load_lareqa(DEMO_DIR / "eval", languages="en,de")
        >>> sorted(ds.languages)
        ['de', 'en']
    """
    return load_sentence_files(path, lareqa_sentences, languages=languages, name=name)


def load_sentence_files(path: Files, sentences_of: SentenceFn, *, languages: Iterable[str] | str | None = None,
                        name: str | None = None) -> ParallelDataset:
    """One dataset from per-language SQuAD-format files, sentences cut by ``sentences_of`` (LAReQA, SQuAD)."""
    notes: list[str] = []
    files, source = language_files(path, languages=languages, notes=notes)
    if name is None:
        first = next(iter(files.values()))
        name = first.parent.name if isinstance(path, (str, Path)) and Path(path).is_dir() else first.stem
    dataset = build_sentence_dataset(files, sentences_of, name=name, source=source, notes=notes)
    warn_notes([n for n in notes if "skipped" not in n], source=source, what="data problems tolerated")
    return dataset
