"""Plain SQuAD-format parallel files (XQuAD, MLQA) turned into the LAReQA retrieval task.

The files have no sentence spans, so :func:`split_sentences` cuts each paragraph into sentences first; the
rest is the LAReQA rule (see :mod:`hybrid_core.data.lareqa`): every sentence is a candidate
``"<lang>:<a>:<p>:<s>"`` and the relevant one is the sentence containing ``answers[0].answer_start``.

Accepted file names: ``<lang>.json``, ``xquad.<lang>.json`` (XQuAD's own names) and MLQA's
``dev-context-<lang>-question-<lang>.json`` (MLQA's cross-lingual files, whose context and question languages
differ, are skipped with a note: they repeat the same paragraphs).

The splitter is rule-based and deliberately simple (no model, no abbreviation learning). It ends a sentence:

- after ``.``, ``!``, ``?``, ``…`` (and Arabic ``؟``, Urdu ``۔``, Greek ``;``-like U+037E), plus closing quotes
  or brackets, when whitespace follows and the next word does not start with a lower-case letter; a ``.``
  after a single letter (``J. K.``) or a known abbreviation (``Dr.``, ``e.g.``, ``z.B.``, ``St.``, ...) does not
  end a sentence;
- after CJK ``。！？`` (full-width and half-width), with or without following whitespace;
- after Devanagari ``।`` and ``॥``;
- in Thai, which has no sentence punctuation, at a run of two or more spaces, and at a single space between
  Thai words once the sentence has :data:`THAI_MIN_CHARS` (200) characters. Thai writers separate sentences
  with a space but also clauses, so this only approximates sentences (LAReQA's Thai breaks come from a
  trained segmenter; ours agree on few boundary positions but give sentences of similar length).

Limits: abbreviations outside the short list, ordinal dots (German ``3. Oktober`` before a capital), and
ellipses inside quotes can split a sentence wrongly; Greek ``;`` (used as a question mark) is not treated as an
end of sentence, because Latin semicolons appear in Greek text too; a Thai paragraph with single spaces only
is cut by length, not meaning. On XQuAD-R the splitter reproduces the LAReQA sentence breaks for most paragraphs (see
``tests/data/test_squad.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from hybrid_core.data.lareqa import Files, load_sentence_files
from hybrid_core.data.schema import DataError, ParallelDataset

#: lower-cased words that end with a "." without ending a sentence (checked without the dot).
ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e", "cf", "al", "fig", "no",
    "nos", "vol", "pp", "ca", "approx", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "z.b", "d.h", "bzw", "usw", "ggf", "sog", "hl",
    "nr", "bd", "sra", "dña", "ee.uu", "p.ej", "núm", "г", "гг", "т.е", "т.д", "др", "им", "св", "ул",
})

_LATIN_END = ".!?…؟۔\u037e"
_ALWAYS_END = "。！？｡"
_DANDA = "।॥"
_CLOSERS = "\"'”’»」』）)]】›"
# a run of terminators followed by closing quotes/brackets
_TERMINATOR = re.compile(f"[{re.escape(_LATIN_END + _ALWAYS_END + _DANDA)}]+[{re.escape(_CLOSERS)}]*")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_THAI_SPACE = re.compile(r"(?<=[\u0e00-\u0e7f)])\s+(?=[\u0e00-\u0e7f(])|\s{2,}")
#: Thai: a single space between Thai words ends a sentence only once the sentence has this many characters.
THAI_MIN_CHARS = 200


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether the terminator run ``match`` ends a sentence."""
    run = match.group(0)
    end = match.end()
    if any(ch in _ALWAYS_END or ch in _DANDA for ch in run):
        return True
    if end < len(text) and not text[end].isspace():
        return False  # "3.5", "U.S.A", "India.The" (no space: not a break, as in LAReQA's MLQA-R)
    rest = text[end:].lstrip()
    if rest and rest[0].islower():
        return False
    if run.startswith(".") and run.rstrip(_CLOSERS) == ".":
        word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
        word = word.lstrip("(\"'“‘«")
        if len(word) == 1 and word.isalpha():
            return False  # an initial: "J. K. Rowling"
        if word.lower() in ABBREVIATIONS:
            return False
    return True


def _thai_cuts(text: str, cuts: list[int]) -> list[int]:
    """Thai has no sentence punctuation: cut at double spaces, and at single spaces in long stretches."""
    found: list[int] = []
    last = 0
    punctuation = sorted(cuts)
    for match in _THAI_SPACE.finditer(text):
        start = match.start()
        last = max([last, *(c for c in punctuation if c <= start)])
        if len(match.group(0)) >= 2 or start - last >= THAI_MIN_CHARS:
            found.append(start)
            last = match.end()
    return found


def split_sentences(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """``[begin, end)`` character spans of the sentences of ``text`` (whitespace trimmed, never empty).

    Args:
        text: a paragraph.
        language: ISO 639-1 code; ``"th"`` (or Thai script in the text) turns on the Thai rule.

    Example:
        >>> t = "Dr. Smith came. He left! 他来了。她走了。"
        >>> [t[b:e] for b, e in split_sentences(t)]
        ['Dr. Smith came.', 'He left!', '他来了。', '她走了。']
    """
    cuts = [m.end() for m in _TERMINATOR.finditer(text) if _ends_sentence(text, m)]
    if language == "th" or (language is None and _THAI.search(text)):
        cuts.extend(_thai_cuts(text, cuts))
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        piece = text[begin:cut]
        stripped = piece.strip()
        if stripped:
            start = begin + (len(piece) - len(piece.lstrip()))
            spans.append((start, start + len(stripped)))
        begin = cut
    return spans


def _splitter_sentences(paragraph: dict, lang: str, path: Path, where: str,
                        notes: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    context = paragraph["context"]
    spans = split_sentences(context, lang)
    if not spans:
        raise DataError("empty paragraph context", path=path, record=where, field="context")
    return [context[b:e] for b, e in spans], spans


def load_squad(path: Files, *, languages: Iterable[str] | str | None = None,
               name: str | None = None) -> ParallelDataset:
    """Load plain SQuAD-format parallel files (XQuAD, MLQA), splitting paragraphs into sentences.

    Args:
        path: a folder of ``<lang>.json`` (or XQuAD/MLQA file names), one file, a list of files or a
            ``{language: file}`` mapping. ``sentences``/``sentence_breaks`` fields, if present, are ignored.
        languages: keep only these languages.
        name: dataset name (default: the folder or file name).

    Raises:
        FileNotFoundError, DataError: as :func:`hybrid_core.data.lareqa.load_lareqa`.

    Example:
        >>> from hybrid_core.data.loading import DEMO_DIR
        >>> ds = load_squad(DEMO_DIR / "eval", languages=["en"])
        >>> ds.languages
        ('en',)
    """
    return load_sentence_files(path, _splitter_sentences, languages=languages, name=name)
