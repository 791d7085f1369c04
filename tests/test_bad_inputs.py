"""Bad inputs, each through the API and the CLI: a clear message naming the file, field or value, never a traceback.

One table, :data:`CASES`, and one parametrized test. A case writes its files into a fresh folder (``setup``), then
is run through the API (``call``: a callable of that folder, which must raise ``error`` with every fragment in
its message) and/or the CLI (``argv``: the arguments of ``hybrid_core.cli.main``, which must exit non-zero,
print every fragment on stderr and no traceback). A case with ``loads=True`` is a once-bad input that is now
accepted (a UTF-8 BOM): it must load and the CLI must exit 0.

To add a case (training, sweep, probe ...): append a :class:`BadInput` with its own ``setup``/``call``/``argv``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hybrid_core.cli import main
from hybrid_core.data import load_dataset

BOM = b"\xef\xbb\xbf"
CONTEXT = "Alpha one. Beta two. Gamma three."


@dataclass(frozen=True)
class BadInput:
    """One bad input: how to make it, how to feed it to the API and/or the CLI, and what the message must say.

    Attributes:
        id: the test id.
        setup: writes the input under the given folder and returns the path handed to ``call``/``argv``.
        call: the API call (given that path); must raise ``error`` (or return, when ``loads``).
        argv: the CLI arguments (given that path); ``main(argv)`` must exit non-zero (or 0, when ``loads``).
        fragments: every one must be in the API message and in the CLI's stderr.
        cli_fragments: replaces ``fragments`` for the CLI, when its wording differs.
        error: the exception type of the API call.
        loads: the input is accepted (and the CLI exits 0).
    """

    id: str
    setup: Callable[[Path], Path]
    call: Callable[[Path], Any] | None = None
    argv: Callable[[Path], list[str]] | None = None
    fragments: tuple[str, ...] = ()
    cli_fragments: tuple[str, ...] | None = None
    error: type[BaseException] = ValueError
    loads: bool = False


# ----- writers of small inputs ------------------------------------------------------------------------------------
QUESTIONS = [{"id": "q1", "language": "en", "text": "Who wrote Faust?"},
             {"id": "q1", "language": "de", "text": "Wer schrieb Faust?"}]
CANDIDATES = [{"id": "c-en", "language": "en", "text": "Goethe wrote Faust."},
              {"id": "c-de", "language": "de", "text": "Goethe schrieb Faust."},
              {"id": "c-x", "language": "en", "text": "Something else."}]
QRELS = [{"question_id": "q1", "candidate_id": "c-en"}, {"question_id": "q1", "candidate_id": "c-de"}]


def _lines(records: list[Any]) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def jsonl(questions: list[Any] = QUESTIONS, candidates: list[Any] = CANDIDATES, qrels: list[Any] = QRELS, *,
          raw: dict[str, bytes] | None = None, drop: str | None = None) -> Callable[[Path], Path]:
    """A JSONL dataset folder; ``raw`` replaces a file's bytes, ``drop`` leaves a file out."""
    def setup(tmp: Path) -> Path:
        folder = tmp / "jsonl"
        folder.mkdir()
        files = {"questions.jsonl": _lines(questions), "candidates.jsonl": _lines(candidates),
                 "qrels.jsonl": _lines(qrels), **(raw or {})}
        for name, data in files.items():
            if name != drop:
                (folder / name).write_bytes(data)
        return folder
    return setup


def paragraph(qid: str = "q1", answer_start: Any = 11) -> dict:
    return {"context": CONTEXT, "sentence_breaks": [[0, 10], [11, 20], [21, 33]],
            "sentences": ["Alpha one.", "Beta two.", "Gamma three."],
            "qas": [{"id": qid, "question": "Beta?", "answers": [{"answer_start": answer_start}]}]}


def lareqa(files: dict[str, Any] | None = None) -> Callable[[Path], Path]:
    """A LAReQA folder: ``{file name: document (dict) or raw bytes}``; default en.json and de.json."""
    def setup(tmp: Path) -> Path:
        folder = tmp / "lareqa"
        folder.mkdir()
        docs = files or {"en.json": None, "de.json": None}
        for name, doc in docs.items():
            doc = {"data": [{"title": "t", "paragraphs": [paragraph()]}]} if doc is None else doc
            data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
            (folder / name).write_bytes(data)
        return folder
    return setup


def miracl(topics: bytes = b"1\tWas?\n2\tWie?\n", qrels: bytes = b"1 Q0 10#0 1\n2 Q0 20#0 1\n", *,
           lang: str = "de", corpus: bytes | None = None) -> Callable[[Path], Path]:
    """A MIRACL topics/qrels folder (and a corpus folder ``corpus/<lang>.jsonl`` beside it when given)."""
    def setup(tmp: Path) -> Path:
        folder = tmp / "miracl"
        folder.mkdir()
        (folder / f"topics.miracl-v1.0-{lang}-dev.tsv").write_bytes(topics)
        (folder / f"qrels.miracl-v1.0-{lang}-dev.tsv").write_bytes(qrels)
        if corpus is not None:
            (tmp / "corpus").mkdir()
            (tmp / "corpus" / f"{lang}.jsonl").write_bytes(corpus)
        return folder
    return setup


def nothing(tmp: Path) -> Path:
    return tmp / "absent"


def load(**kwargs: Any) -> Callable[[Path], Any]:
    return lambda path: load_dataset(path, **kwargs)


def data_cli(*extra: str) -> Callable[[Path], list[str]]:
    return lambda path: ["data", str(path), *extra]


def _bytes_with_ff(records: list[dict], line: int) -> bytes:
    data = _lines(records).split(b"\n")
    data[line - 1] = data[line - 1].replace(b"o", b"\xff", 1)
    return b"\n".join(data)


# ----- the cases ---------------------------------------------------------------------------------------------------
CASES: list[BadInput] = [
    # JSONL: syntax, types, ids, references
    BadInput("jsonl-malformed-json", jsonl(questions=[QUESTIONS[0], '{"id": "q9", "language": "en", "text": ']),
             load(), data_cli(), ("questions.jsonl, line 2: malformed JSON",)),
    BadInput("jsonl-not-an-object", jsonl(questions=["[1, 2]"]), load(), data_cli(),
             ("questions.jsonl, line 1: expected a JSON object, got list",)),
    BadInput("jsonl-text-wrong-type", jsonl(candidates=[*CANDIDATES, {"id": "c9", "language": "en", "text": 5}]),
             load(), data_cli(), ("candidates.jsonl, line 4, field 'text': expected a non-empty string, got 5",)),
    BadInput("jsonl-relevance-wrong-type",
             jsonl(qrels=[{"question_id": "q1", "candidate_id": "c-en", "relevance": "high"}]), load(), data_cli(),
             ("qrels.jsonl, line 1, field 'relevance': expected an integer >= 0, got 'high'",)),
    BadInput("jsonl-missing-field", jsonl(questions=[{"id": "q1", "text": "no language"}]), load(), data_cli(),
             ("questions.jsonl, line 1, field 'language': missing field",)),
    BadInput("jsonl-duplicate-question", jsonl(questions=[*QUESTIONS, QUESTIONS[0]]), load(), data_cli(),
             ("questions.jsonl, line 3: question 'q1' in 'en' appears twice",)),
    BadInput("jsonl-duplicate-candidate", jsonl(candidates=[*CANDIDATES, CANDIDATES[0]]), load(), data_cli(),
             ("candidates.jsonl, line 4, field 'id': candidate id 'c-en' appears twice",)),
    BadInput("jsonl-qrel-to-missing-question", jsonl(qrels=[{"question_id": "nope", "candidate_id": "c-en"}]),
             load(), data_cli(), ("qrels.jsonl, line 1, field 'question_id': unknown question id 'nope'",)),
    BadInput("jsonl-qrel-to-missing-candidate", jsonl(qrels=[{"question_id": "q1", "candidate_id": "nope"}]),
             load(), data_cli(), ("qrels.jsonl, line 1, field 'candidate_id': unknown candidate id 'nope'",)),
    BadInput("jsonl-conflicting-duplicate-qrels",
             jsonl(qrels=[*QRELS, {"question_id": "q1", "candidate_id": "c-en", "relevance": 0}]), load(), data_cli(),
             ("qrels.jsonl, line 3", "'q1'", "'c-en'", "1 on line 1 and 0 on line 3")),
    BadInput("jsonl-empty-questions-file", jsonl(raw={"questions.jsonl": b""}, qrels=[]), load(), data_cli(),
             ("jsonl", "the dataset has no questions")),
    BadInput("jsonl-missing-file", jsonl(drop="qrels.jsonl"), load(), data_cli(),
             ("qrels.jsonl does not exist", "questions.jsonl, candidates.jsonl, qrels.jsonl"),
             error=FileNotFoundError),
    BadInput("jsonl-non-utf8", jsonl(raw={"candidates.jsonl": _bytes_with_ff(CANDIDATES, 2)}), load(), data_cli(),
             ("candidates.jsonl, line 2: not UTF-8 text: byte 0xff at column",)),
    BadInput("jsonl-bom-accepted", jsonl(raw={"questions.jsonl": BOM + _lines(QUESTIONS)}), load(), data_cli(),
             loads=True),
    # language codes
    BadInput("jsonl-unknown-language", jsonl(questions=[{"id": "q1", "language": "xx", "text": "?"}]), load(),
             data_cli(), ("questions.jsonl, line 1, field 'language': unknown language code 'xx'",)),
    BadInput("jsonl-language-name-not-code", jsonl(questions=[{"id": "q1", "language": "German", "text": "?"}]),
             load(), data_cli(), ("unknown language code 'German'", "did you mean 'de'?")),
    BadInput("jsonl-codes-fold-into-one", jsonl(questions=[*QUESTIONS, {"id": "q2", "language": "en-US",
                                                                        "text": "Who, US?"}]),
             load(), data_cli(), ("questions.jsonl, line 3, field 'language'", "'en' (questions.jsonl, line 1)",
                                  "'en-US' (questions.jsonl, line 3)", "both read as 'en'")),
    BadInput("lareqa-files-fold-into-one", lareqa({"pt-BR.json": None, "pt-PT.json": None}), load(), data_cli(),
             ("'pt-BR' (pt-BR.json) and 'pt-PT' (pt-PT.json) both read as 'pt'",)),
    BadInput("lareqa-unknown-language-in-file-name", lareqa({"en.json": None, "qqq.json": None}), load(),
             data_cli(), ("qqq.json", "the file name must give the language", "unknown language code 'qqq'")),
    BadInput("languages-argument-unknown", lareqa(), load(languages=["english1"]), data_cli("--languages", "english1"),
             ("unknown language code 'english1'", "did you mean 'en'?")),
    BadInput("languages-argument-absent", lareqa(), load(languages=["fr"]), data_cli("--languages", "fr"),
             ("language(s) fr not in the data; available: de, en",)),
    # LAReQA / SQuAD JSON
    BadInput("lareqa-malformed-json", lareqa({"en.json": None, "fr.json": b"{oops"}), load(), data_cli(),
             ("fr.json, line 1: malformed JSON",)),
    BadInput("lareqa-empty-file", lareqa({"en.json": b""}), load(format="lareqa"), data_cli("--format", "lareqa"),
             ("en.json, line 1: malformed JSON at column 1",)),
    BadInput("lareqa-answer-start-wrong-type",
             lareqa({"en.json": {"data": [{"title": "t", "paragraphs": [paragraph(answer_start="11")]}]}}), load(),
             data_cli(), ("en.json", "field 'answer_start': expected int, got str '11'",)),
    BadInput("lareqa-answer-outside-paragraph",
             lareqa({"en.json": {"data": [{"title": "t", "paragraphs": [paragraph(answer_start=99)]}]}}), load(),
             data_cli(), ("en.json", "question 'q1'", "answer_start 99 is outside the paragraph (length 33)")),
    BadInput("lareqa-duplicate-question-id",
             lareqa({"en.json": {"data": [{"title": "t", "paragraphs": [paragraph(), paragraph()]}]}}), load(),
             data_cli(), ("en.json", "question 'q1' (article 0 paragraph 1)", "question id appears twice")),
    BadInput("lareqa-non-utf8",
             lareqa({"en.json": json.dumps({"data": [{"title": "t", "paragraphs": [paragraph()]}]})
                     .encode().replace(b"Gamma", b"G\xffmma")}), load(), data_cli(),
             ("en.json, line 1: not UTF-8 text: byte 0xff at byte offset",)),
    BadInput("lareqa-bom-accepted",
             lareqa({"en.json": BOM + json.dumps({"data": [{"title": "t", "paragraphs": [paragraph()]}]}).encode()}),
             load(), data_cli(), loads=True),
    # MIRACL topics, TREC qrels, corpus
    BadInput("miracl-conflicting-duplicate-qrels",
             miracl(qrels=b"1 Q0 10#0 1\n2 Q0 20#0 1\n1 Q0 10#0 0\n", corpus=b'{"docid": "10#0", "text": "B."}\n'),
             lambda path: load_dataset(path, corpus=path.parent / "corpus"), data_cli(),
             ("qrels.miracl-v1.0-de-dev.tsv, line 3", "'1'", "'10#0'", "1 on line 1 and 0 on line 3")),
    BadInput("miracl-qrels-wrong-field-count", miracl(qrels=b"1 Q0 10#0\n"), None, data_cli(),
             ("qrels.miracl-v1.0-de-dev.tsv, line 1: expected 4 fields 'qid Q0 docid relevance', got 3",)),
    BadInput("miracl-qrels-relevance-not-integer", miracl(qrels=b"1 Q0 10#0 yes\n"), None, data_cli(),
             ("qrels.miracl-v1.0-de-dev.tsv, line 1: relevance must be an integer, got 'yes'",)),
    BadInput("miracl-topics-non-utf8", miracl(topics=b"1\tWas?\n2\tW\xffie?\n"), None, data_cli(),
             ("topics.miracl-v1.0-de-dev.tsv, line 2: not UTF-8 text: byte 0xff",)),
    BadInput("miracl-topics-duplicate-id", miracl(topics=b"1\tWas?\n1\tWie?\n"), None, data_cli(),
             ("topics.miracl-v1.0-de-dev.tsv, line 2: query id '1' appears twice",)),
    BadInput("miracl-unknown-language", miracl(lang="qq"), None, data_cli(),
             ("topics.miracl-v1.0-qq-dev.tsv", "unknown language code 'qq'")),
    BadInput("miracl-empty-qrels", miracl(qrels=b""), None, data_cli(),
             ("qrels.miracl-v1.0-de-dev.tsv: no judgements in this file",)),
    BadInput("miracl-corpus-malformed", miracl(corpus=b'{"docid": "10#0", "text": "Berlin."}\n{"docid": \n'),
             lambda path: load_dataset(path, corpus=path.parent / "corpus"),
             lambda path: ["data", str(path), "--corpus", str(path.parent / "corpus")],
             ("de.jsonl, line 2: malformed JSON",)),
    BadInput("miracl-bom-accepted", miracl(topics=BOM + b"1\tWas?\n2\tWie?\n"), None, data_cli(), loads=True),
    # paths and specs
    BadInput("missing-path", nothing, load(), data_cli(), ("absent", "does not exist"), error=FileNotFoundError),
    BadInput("empty-path", nothing, lambda _: load_dataset(""), lambda _: ["data", ""],
             ("give a dataset path or 'demo'",), cli_fragments=("give a dataset PATH",)),
    BadInput("none-path", nothing, lambda _: load_dataset(None), None,  # type: ignore[arg-type]
             ("give a dataset path or 'demo'", "None")),
    BadInput("not-a-path", nothing, lambda _: load_dataset(42), None,  # type: ignore[arg-type]
             ("expected a file or folder path, got int 42",)),
    BadInput("demo-unknown-split", nothing, lambda _: load_dataset("demo:test"), lambda _: ["data", "demo:test"],
             ("unknown demo split 'test'", "train, eval, all")),
    BadInput("unknown-format", lareqa(), load(format="csv"), data_cli("--format", "csv"),
             ("unknown data format 'csv'", "lareqa"), cli_fragments=("invalid choice: 'csv'",)),
    BadInput("folder-of-unknown-files", lambda tmp: (tmp / "x").mkdir() or tmp / "x", load(), data_cli(),
             ("cannot tell the data format of this folder",)),
]


def run_cli(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's own errors
        return int(exc.code or 0)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: BadInput, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert case.call is not None or case.argv is not None, "a case needs an API call or CLI arguments"
    target = case.setup(tmp_path)
    if case.call is not None:
        if case.loads:
            case.call(target)
        else:
            with pytest.raises(case.error) as info:
                case.call(target)
            for fragment in case.fragments:
                assert fragment in str(info.value), f"{fragment!r} not in the message {str(info.value)!r}"
    if case.argv is not None:
        capsys.readouterr()
        code = run_cli(case.argv(target))
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if case.loads:
            assert code == 0, err
        else:
            assert code != 0
            for fragment in case.cli_fragments if case.cli_fragments is not None else case.fragments:
                assert fragment in err, f"{fragment!r} not on stderr {err!r}"


def test_enough_cases() -> None:
    assert len(CASES) >= 25
    assert len({case.id for case in CASES}) == len(CASES)
