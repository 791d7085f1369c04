"""Build the shipped demo dataset (LAReQA layout) from the texts in ``demo_texts.py``.

The texts (titles, sentences, questions, answers in 11 languages) live in ``demo_texts.py`` beside this file; this
script computes every offset (``sentence_breaks``, ``answer_start``), checks the content and writes
``train/<lang>.json``, ``eval/<lang>.json`` and ``README.md``. Nothing in the JSON files is edited by hand.

Run from the repository root::

    .venv/bin/python hybrid_core/data/demo/build_demo.py           # (re)write the files
    .venv/bin/python hybrid_core/data/demo/build_demo.py --check   # exit 1 if the files on disk are stale

Any problem in the texts (an answer that is not in its sentence, a missing language, a question count that differs
between languages, a duplicate id) stops the build with a message naming the paragraph, language and item.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from hybrid_core.atomic import write_text
from hybrid_core.languages import LANGUAGE_NAMES, XQUAD_R_LANGUAGES

HERE = Path(__file__).resolve().parent
VERSION = "hbl-demo-1.0"
SPLITS: tuple[str, ...] = ("train", "eval")
#: Text placed between two sentences of a context (Chinese runs sentences together after "。").
JOINERS: dict[str, str] = {"zh": ""}
#: Characters a sentence may end with, per language (default: Latin/Greek/Cyrillic punctuation).
SENTENCE_ENDS: dict[str, tuple[str, ...]] = {
    "zh": ("。", "！", "？"),
    "hi": ("।", "?", "!"),
    "ar": (".", "؟", "!"),
}
DEFAULT_SENTENCE_ENDS: tuple[str, ...] = (".", "!", "?")
#: Characters a question must end with, per language (Thai questions carry no question mark).
QUESTION_ENDS: dict[str, tuple[str, ...]] = {"zh": ("？",), "ar": ("؟",), "el": (";",), "th": ("",)}
#: A ``[begin, end]`` pair as ``json.dumps(indent=1)`` spreads it over four lines (put back on one line).
_PAIR = re.compile(r"\[\n\s*(\d+),\n\s*(\d+)\n\s*\]")
MIN_SENTENCES = 4
MAX_SENTENCES = 6


class DemoBuildError(ValueError):
    """A problem in the demo texts; the message names the paragraph, the language and the item."""


def load_texts(path: Path | None = None) -> ModuleType:
    """Import ``demo_texts.py`` (beside this file by default) by path, so the script works without packaging."""
    path = path or HERE / "demo_texts.py"
    spec = importlib.util.spec_from_file_location("hbl_demo_texts", path)
    if spec is None or spec.loader is None:
        raise DemoBuildError(f"{path}: cannot import the demo texts")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
    return module


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _check_text(value: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DemoBuildError(f"{where}: empty or not a string: {value!r}")
    if value != value.strip() or "  " in value or "\n" in value:
        raise DemoBuildError(f"{where}: stray whitespace in {value!r}")
    return _nfc(value)


def build_paragraph(paragraph: Any, language: str, ids: Sequence[str]) -> dict[str, Any]:
    """One LAReQA paragraph (context, sentences, sentence_breaks, qas) of ``paragraph`` in ``language``."""
    where = f"paragraph {paragraph.key!r}, language {language!r}"
    version = paragraph.texts[language]
    sentences = [_check_text(s, f"{where}, sentence {i}") for i, s in enumerate(version.sentences)]
    if not MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES:
        raise DemoBuildError(f"{where}: {len(sentences)} sentences, expected {MIN_SENTENCES}-{MAX_SENTENCES}")
    ends = SENTENCE_ENDS.get(language, DEFAULT_SENTENCE_ENDS)
    for i, sentence in enumerate(sentences):
        if language != "th" and not sentence.endswith(ends):
            raise DemoBuildError(f"{where}, sentence {i}: must end with one of {ends}: {sentence!r}")
    joiner = JOINERS.get(language, " ")
    context = joiner.join(sentences)
    breaks: list[list[int]] = []
    begin = 0
    for sentence in sentences:
        breaks.append([begin, begin + len(sentence)])
        begin += len(sentence) + len(joiner)
    if len(version.qas) != len(paragraph.answer_sentences):
        raise DemoBuildError(
            f"{where}: {len(version.qas)} questions, but answer_sentences names {len(paragraph.answer_sentences)}"
        )
    qas = []
    q_ends = QUESTION_ENDS.get(language, ("?",))
    for n, ((question, answer), sentence_index, qid) in enumerate(
        zip(version.qas, paragraph.answer_sentences, ids, strict=True)
    ):
        item = f"{where}, question {n} ({qid})"
        question = _check_text(question, f"{item}, question")
        answer = _check_text(answer, f"{item}, answer")
        if not question.endswith(q_ends) or (language == "th" and question.endswith(("?", "？"))):
            raise DemoBuildError(f"{item}: question must end with {q_ends}: {question!r}")
        if not 0 <= sentence_index < len(sentences):
            raise DemoBuildError(f"{item}: answer sentence {sentence_index} out of range 0-{len(sentences) - 1}")
        offset = sentences[sentence_index].find(answer)
        if offset < 0:
            raise DemoBuildError(
                f"{item}: answer {answer!r} is not in sentence {sentence_index}: {sentences[sentence_index]!r}"
            )
        answer_start = breaks[sentence_index][0] + offset
        if context[answer_start : answer_start + len(answer)] != answer:  # pragma: no cover - internal invariant
            raise DemoBuildError(f"{item}: computed answer_start {answer_start} does not point at {answer!r}")
        qas.append({"id": qid, "question": question, "answers": [{"text": answer, "answer_start": answer_start}]})
    return {"context": context, "sentences": sentences, "sentence_breaks": breaks, "qas": qas}


def build(texts: ModuleType) -> dict[str, dict[str, dict[str, Any]]]:
    """Return ``{split: {language: lareqa_json}}`` for every split and XQuAD-R language."""
    paragraphs = list(texts.PARAGRAPHS)
    keys = [p.key for p in paragraphs]
    if len(set(keys)) != len(keys):
        raise DemoBuildError(f"duplicate paragraph keys: {sorted(k for k in set(keys) if keys.count(k) > 1)}")
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for paragraph in paragraphs:
        if paragraph.split not in SPLITS:
            raise DemoBuildError(f"paragraph {paragraph.key!r}: split {paragraph.split!r}, expected one of {SPLITS}")
        missing = sorted(set(XQUAD_R_LANGUAGES) - set(paragraph.texts))
        extra = sorted(set(paragraph.texts) - set(XQUAD_R_LANGUAGES))
        if missing or extra:
            raise DemoBuildError(f"paragraph {paragraph.key!r}: missing languages {missing}, unexpected {extra}")
        counts = {len(v.sentences) for v in paragraph.texts.values()}
        if len(counts) != 1:
            raise DemoBuildError(f"paragraph {paragraph.key!r}: sentence counts differ between languages: {counts}")
    for split in SPLITS:
        chosen = [p for p in paragraphs if p.split == split]
        if not chosen:
            raise DemoBuildError(f"split {split!r} has no paragraphs")
        ids_per_paragraph = []
        number = 0
        for paragraph in chosen:
            ids = []
            for _ in paragraph.answer_sentences:
                number += 1
                ids.append(f"demo-{split}-{number:03d}")
            ids_per_paragraph.append(ids)
        result[split] = {}
        for language in XQUAD_R_LANGUAGES:
            data = [
                {
                    "title": _check_text(p.texts[language].title, f"paragraph {p.key!r}, {language}, title"),
                    "paragraphs": [build_paragraph(p, language, ids)],
                }
                for p, ids in zip(chosen, ids_per_paragraph, strict=True)
            ]
            result[split][language] = {"version": VERSION, "data": data}
    return result


def _counts(files: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, tuple[int, int, int]]]:
    """``{split: {language: (paragraphs, sentences, questions)}}``."""
    out: dict[str, dict[str, tuple[int, int, int]]] = {}
    for split, by_language in files.items():
        out[split] = {}
        for language, doc in by_language.items():
            paragraphs = [p for article in doc["data"] for p in article["paragraphs"]]
            out[split][language] = (
                len(paragraphs),
                sum(len(p["sentences"]) for p in paragraphs),
                sum(len(p["qas"]) for p in paragraphs),
            )
    return out


def render_readme(texts: ModuleType, files: dict[str, dict[str, dict[str, Any]]]) -> str:
    """README.md of the demo folder: what it is, how it was written, the license and counts per split/language."""
    counts = _counts(files)
    lines = [texts.README_INTRO.strip(), "", "## Counts", ""]
    lines.append("| split | language | paragraphs | sentences (candidates) | questions |")
    lines.append("|---|---|---:|---:|---:|")
    for split in SPLITS:
        for language in XQUAD_R_LANGUAGES:
            n_par, n_sent, n_q = counts[split][language]
            lines.append(f"| {split} | {language} ({LANGUAGE_NAMES[language]}) | {n_par} | {n_sent} | {n_q} |")
    total_q = sum(counts[s]["en"][2] for s in SPLITS)
    total_sent = sum(counts[s][lang][1] for s in SPLITS for lang in XQUAD_R_LANGUAGES)
    lines += [
        "",
        f"In all: {total_q} question ids ({counts['train']['en'][2]} train, {counts['eval']['en'][2]} eval), each "
        f"in all {len(XQUAD_R_LANGUAGES)} languages ({total_q * len(XQUAD_R_LANGUAGES)} questions), "
        f"{total_sent} candidate sentences.",
        "",
        "## Topics",
        "",
        "| split | paragraph | English title | answer sentences |",
        "|---|---|---|---|",
    ]
    for split in SPLITS:
        for p in texts.PARAGRAPHS:
            if p.split == split:
                answer_sentences = ", ".join(str(i) for i in p.answer_sentences)
                lines.append(f"| {split} | `{p.key}` | {p.texts['en'].title} | {answer_sentences} |")
    return "\n".join(lines) + "\n"


def render(texts: ModuleType) -> dict[Path, str]:
    """Every generated file (path -> text)."""
    files = build(texts)
    out: dict[Path, str] = {}
    for split, by_language in files.items():
        for language, doc in by_language.items():
            text = json.dumps(doc, ensure_ascii=False, indent=1)
            out[HERE / split / f"{language}.json"] = _PAIR.sub(r"[\1, \2]", text) + "\n"
    out[HERE / "README.md"] = render_readme(texts, files)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Write the demo files, or with ``--check`` report whether the files on disk match the texts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if any file is missing or stale")
    args = parser.parse_args(argv)
    try:
        rendered = render(load_texts())
    except DemoBuildError as error:
        sys.stderr.write(f"build_demo: {error}\n")
        return 2
    stale = [p for p, text in rendered.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            sys.stderr.write(f"stale: {path.relative_to(HERE)}\n")
        return 1 if stale else 0
    for path in stale:
        write_text(path, rendered[path])
    sys.stdout.write(f"build_demo: {len(rendered)} files, {len(stale)} written\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
