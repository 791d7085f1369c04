"""Bad inputs, each through the API and the CLI: a clear message naming the file, field or value, never a traceback.

One table, :data:`CASES`, and one parametrized test. A case writes its files into a fresh folder (``setup``), then
is run through the API (``call``: a callable of that folder, which must raise ``error`` with every fragment in
its message) and/or the CLI (``argv``: the arguments of ``hybrid_core.cli.main``, which must exit non-zero,
print every fragment on stderr and no traceback). A case with ``loads=True`` is a once-bad input that is now
accepted (a UTF-8 BOM): it must load and the CLI must exit 0.

Nothing already computed may be lost: every file under the case's folder (which holds the workspace of runs, sweeps
and jobs, ``HBL_WORKSPACE``) is snapshotted before the calls and must be byte-identical after them, and no new file
may appear, except those a case names in ``changes`` (a damaged file moved aside as ``.damaged``, a cache rebuilt).
A case with ``warns`` is damaged state that is repaired: the call succeeds and the log names what was wrong.

To add a case (training, sweep, probe ...): append a :class:`BadInput` with its own ``setup``/``call``/``argv``.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import math
import os
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
        warns: the input is damaged state that is repaired: the API call succeeds and logs every fragment.
        changes: glob patterns (relative to the case's folder) of files that may change, vanish or appear.
    """

    id: str
    setup: Callable[[Path], Path]
    call: Callable[[Path], Any] | None = None
    argv: Callable[[Path], list[str]] | None = None
    fragments: tuple[str, ...] = ()
    cli_fragments: tuple[str, ...] | None = None
    error: type[BaseException] = ValueError
    loads: bool = False
    warns: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()


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



# ----- training configurations -------------------------------------------------------------------------------------
TINY = {"data": "demo", "model": "e5-small-cut", "max_steps": 2, "batch_size": 8}


def workspace(tmp: Path) -> Path:
    """The case's workspace (the test points ``HBL_WORKSPACE`` at it)."""
    return tmp / "ws"


def train_config(**fields: Any) -> Callable[[Path], Any]:
    def call(_: Path) -> Any:
        from hybrid_core.training import TrainConfig

        return TrainConfig(**{**TINY, **fields})
    return call


def train_cli(*flags: str) -> Callable[[Path], list[str]]:
    return lambda _: ["train", "--data", "demo", "--model", "e5-small-cut", "--max-steps", "2", "--batch-size", "8",
                      *flags]


def config_file(content: bytes | dict) -> Callable[[Path], Path]:
    def setup(tmp: Path) -> Path:
        path = tmp / "my-run.json"
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
        return path
    return setup


def from_json(path: Path) -> Any:
    from hybrid_core.training import TrainConfig

    return TrainConfig.from_json(path)


def training_cases() -> list[BadInput]:
    fields = [  # (id, field, API value, CLI value, fragments)
        ("alpha-above-one", "alpha", 1.5, "1.5", ("alpha must be in [0, 1]", "got 1.5")),
        ("alpha-negative", "alpha", -0.1, "-0.1", ("alpha must be in [0, 1]", "got -0.1")),
        ("alpha-nan", "alpha", math.nan, "nan", ("alpha must be in [0, 1]", "got nan")),
        ("alpha-infinite", "alpha", math.inf, "inf", ("alpha must be in [0, 1]", "got inf")),
        ("alpha-trailing-letters", "alpha", "0.5abc", "0.5abc", ("cannot read alpha schedule '0.5abc'",
                                                                 "a number in [0, 1]")),
        ("alpha-schedule-outside-range", "alpha", "linear:0-1.5", "linear:0-1.5",
         ("'linear:0-1.5'", "end value 1.5 is outside [0, 1]")),
        ("alpha-empty", "alpha", "", "", ("alpha must be a number in [0, 1] or a schedule", "got ''")),
        ("batch-size-zero", "batch_size", 0, "0", ("batch_size must be an integer >= 2, got 0",)),
        ("batch-size-negative", "batch_size", -4, "-4", ("batch_size must be an integer >= 2, got -4",)),
        ("max-steps-zero", "max_steps", 0, "0", ("max_steps must be an integer >= 1, got 0",)),
        ("max-steps-negative", "max_steps", -3, "-3", ("max_steps must be an integer >= 1, got -3",)),
        ("learning-rate-zero", "learning_rate", 0.0, "0", ("learning_rate must be > 0, got 0.0",)),
        ("learning-rate-nan", "learning_rate", math.nan, "nan", ("learning_rate must be a finite number, got nan",)),
        ("epochs-negative", "epochs", -1.0, "-1", ("epochs must be > 0, got -1.0",)),
        ("save-steps-zero", "save_steps", 0, "0", ("save_steps must be an integer >= 1, got 0",)),
        ("max-seq-length-zero", "max_seq_length", 0, "0", ("max_seq_length must be an integer >= 8, got 0",)),
        ("name-dot-dot", "name", "..", "..", ("invalid run name '..'",)),
        ("name-with-slash", "name", "a/b", "a/b", ("invalid run name 'a/b'",)),
        ("name-with-nul", "name", "a\x00b", "a\x00b", ("invalid run name 'a\\x00b'",)),
        ("name-trailing-newline", "name", "nl\n", "nl\n", ("invalid run name 'nl\\n'",)),
        ("name-300-characters", "name", "x" * 300, "x" * 300, ("invalid run name 'xxxx", "1-128 letters")),
        ("data-missing-path", "data", "/nonexistent/hbl-data", "/nonexistent/hbl-data",
         ("data path '/nonexistent/hbl-data' does not exist",)),
        ("data-empty", "data", "", "", ("data must be a dataset path or 'demo', got ''",)),
    ]
    flag = {"batch_size": "--batch-size", "max_steps": "--max-steps", "learning_rate": "--learning-rate",
            "save_steps": "--save-steps", "max_seq_length": "--max-seq-length"}
    cases = [BadInput(f"train-{case_id}", nothing, train_config(**{field: value}),
                      train_cli(flag.get(field, "--" + field.replace("_", "-")), text), fragments)
             for case_id, field, value, text, fragments in fields]
    cases += [
        BadInput("train-output-dir-outside-workspace", nothing, None,
                 lambda tmp: [*train_cli()(tmp), "--output-dir", str(tmp / "elsewhere")],
                 ("is outside the workspace", "--allow-outside-workspace")),
        BadInput("train-languages-wrong-type", nothing,
                 lambda _: __import__("hybrid_core.training", fromlist=["TrainConfig"]).TrainConfig.from_dict(
                     {**TINY, "languages": 123}), None, ("languages must be a list of language codes", "got 123")),
        BadInput("train-config-corrupted-json", config_file(b'{"alpha": 0.5,'), from_json,
                 lambda path: ["train", "--config", str(path)], ("my-run.json: not valid JSON (line 1",)),
        BadInput("train-config-not-an-object", config_file(b"[0.5]"), from_json,
                 lambda path: ["train", "--config", str(path)], ("my-run.json: expected a JSON object",)),
        BadInput("train-config-wrong-type", config_file({**TINY, "batch_size": "big"}), from_json,
                 lambda path: ["train", "--config", str(path)],
                 ("my-run.json: batch_size must be an integer >= 2, got 'big'",)),
        BadInput("train-config-unknown-field", config_file({**TINY, "bach_size": 8}), from_json,
                 lambda path: ["train", "--config", str(path)],
                 ("my-run.json: unknown training option(s) 'bach_size' (did you mean 'batch_size'?)",)),
        BadInput("train-config-missing", nothing, lambda tmp: from_json(tmp / "absent.json"),
                 lambda tmp: ["train", "--config", str(tmp / "absent.json")], ("absent.json does not exist",),
                 error=FileNotFoundError),
        BadInput("train-resume-corrupted-config", run_folder(config=b'{"config": {"alpha": '),
                 lambda run: from_json(run / "config.json"), lambda run: ["train", "--resume", str(run)],
                 ("r1/config.json: not valid JSON",)),
        BadInput("train-resume-unknown-run", nothing, None, lambda _: ["train", "--resume", "no-such-run"],
                 ("no run 'no-such-run'",)),
        # the model is looked up when the trainer is built: the run never started, so no failed run folder stays
        BadInput("train-model-unavailable", nothing, None, lambda _: [*train_cli()(_), "--model", "no-such-model"],
                 ("could not load 'no-such-model'", "use the embedded default 'e5-small'")),
    ]
    return cases


# ----- runs: a damaged status.json ----------------------------------------------------------------------------------
def run_folder(*, status: dict | bytes | None = None, config: bytes | None = None) -> Callable[[Path], Path]:
    """A run folder ``<workspace>/runs/r1`` with a config, a checkpoint and the given status."""
    def setup(tmp: Path) -> Path:
        from hybrid_core.training import TrainConfig

        run = workspace(tmp) / "runs" / "r1"
        (run / "checkpoints" / "checkpoint-1").mkdir(parents=True)
        (run / "checkpoints" / "checkpoint-1" / "trainer_state.json").write_text('{"global_step": 1}\n')
        (run / "config.json").write_bytes(config if config is not None else json.dumps(
            {"config": TrainConfig(**TINY, name="r1").to_dict()}).encode())
        if status is not None:
            (run / "status.json").write_bytes(status if isinstance(status, bytes) else json.dumps(status).encode())
        return run
    return setup


def read_status(run: Path) -> Any:
    from hybrid_core import runs

    return runs.read_status(run)


def status_cases() -> list[BadInput]:
    damaged = [  # (id, status.json, fragments)
        ("pid-not-a-number", {"state": "running", "pid": "abc"}, ("field 'pid' must be an integer process id",
                                                                  "got 'abc'")),
        ("pid-a-list", {"state": "running", "pid": [1]}, ("field 'pid' must be an integer process id", "got [1]")),
        ("pid-true", {"state": "running", "pid": True}, ("field 'pid' must be an integer process id", "got True")),
        ("state-unknown", {"state": "sleeping"}, ("field 'state' must be one of queued, running, finished",
                                                  "got 'sleeping'")),
        ("state-a-number", {"state": 5}, ("field 'state' must be one of", "got 5")),
        ("step-not-a-number", {"state": "failed", "step": "x"}, ("field 'step' must be an integer >= 0", "got 'x'")),
        ("loss-a-string", {"state": "failed", "loss": "low"}, ("field 'loss' must be a number", "got 'low'")),
        ("not-json", b'{"state": "running", ', ("not valid JSON",)),
        ("not-an-object", b"[]", ("expected a JSON object, got list",)),
        ("not-utf8", b'{"state": "f\xffiled"}', ("not UTF-8 text (byte 0xff",)),
    ]
    cases = [BadInput(f"run-status-{case_id}", run_folder(status=status), read_status,
                      lambda run: ["train", "--status", str(run)], ("r1/status.json", *fragments))
             for case_id, status, fragments in damaged]
    cases.append(BadInput("run-status-damaged-resume-refused", run_folder(status={"state": "running", "pid": "abc"}),
                          None, lambda run: ["train", "--resume", str(run), "--no-progress"],
                          ("r1/status.json: field 'pid'", "delete it to reset the run's status")))
    return cases


# ----- sweeps ---------------------------------------------------------------------------------------------------
def sweep_folder(*, damage: dict[str, bytes] | None = None, point_status: dict | None = None) -> Callable[[Path], Path]:
    """A prepared sweep ``s1`` (cut model, α 0 and 1) with the untuned model's results, then ``damage`` written over
    its files (path relative to the sweep folder -> bytes)."""
    def setup(tmp: Path) -> Path:
        from hybrid_core import sweep
        from hybrid_core.results import make_rows, write_results

        config = sweep.SweepConfig(name="s1", alphas=(0.0, 1.0), seeds=(1,), train=dict(TINY),
                                   evaluations=(sweep.EvalSpec("demo"),))
        folder = sweep.prepare(config, root=workspace(tmp) / "sweeps")
        rows = [{"setting": "monolingual", "query_lang": "en", "doc_lang": "en", "metric": "AP@20", "value": 0.5}]
        write_results(make_rows(rows, run="untuned", model="e5-small-cut", alpha=math.nan, seed=-1, dataset="demo"),
                      folder / "results" / "untuned" / "demo-sentence.parquet")
        if point_status is not None:
            point = folder / "runs" / "a0.00-s1"
            point.mkdir(parents=True)
            (point / "status.json").write_text(json.dumps(point_status))
        for name, data in (damage or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return folder
    return setup


def sweep_cli(*args: str) -> Callable[[Path], list[str]]:
    return lambda _: ["sweep", "run", "s1", "--model", "e5-small-cut", "--max-steps", "2", "--batch-size", "8", *args]


def sweep_config(**fields: Any) -> Callable[[Path], Any]:
    def call(_: Path) -> Any:
        from hybrid_core import sweep

        values = {"name": "s1", "alphas": (0.0, 1.0), "seeds": (1,), "train": dict(TINY), **fields}
        return sweep.SweepConfig(**values)
    return call


def eval_spec(text: str) -> Callable[[Path], Any]:
    def call(_: Path) -> Any:
        from hybrid_core import sweep

        spec = sweep.EvalSpec.parse(text)
        spec.check_data()
        return spec
    return call


def load_sweep(folder: Path) -> Any:
    from hybrid_core import sweep

    return sweep.load_config(folder)


def sweep_process(folder: Path) -> Any:
    from hybrid_core import sweep

    return sweep.sweep_process(folder)


def saved_sweep_json() -> dict:
    from hybrid_core import sweep

    return sweep.SweepConfig(name="s1", alphas=(0.0, 1.0), seeds=(1,), train=dict(TINY)).to_dict()


def sweep_cases() -> list[BadInput]:
    good = saved_sweep_json()
    cases = [
        BadInput("sweep-alphas-above-one", nothing, sweep_config(alphas=(0.5, 2.0)), sweep_cli("--alphas", "0.5", "2"),
                 ("alphas must be in [0, 1]", "got 2")),
        BadInput("sweep-alphas-trailing-letters", nothing, sweep_config(alphas=("0.5abc",)),
                 sweep_cli("--alphas", "0.5abc"), ("cannot read alpha schedule '0.5abc'",)),
        BadInput("sweep-alphas-nan", nothing, sweep_config(alphas=(math.nan,)), sweep_cli("--alphas", "nan"),
                 ("alphas must be in [0, 1]", "got nan")),
        BadInput("sweep-alphas-bad-schedule", nothing, sweep_config(alphas=("linear:0-2",)),
                 sweep_cli("--alphas", "linear:0-2"), ("'linear:0-2'", "end value 2 is outside [0, 1]")),
        BadInput("sweep-seeds-negative", nothing, sweep_config(seeds=(-1,)), sweep_cli("--seeds", "-1"),
                 ("seeds must be an integer >= 0, got -1",)),
        BadInput("sweep-seeds-not-integer", nothing, None, sweep_cli("--seeds", "x"),
                 ("argument --seeds: invalid int value: 'x'",)),
        BadInput("sweep-eval-negative-max-questions", nothing, eval_spec("demo,max_questions=-5"),
                 sweep_cli("--eval", "demo,max_questions=-5"),
                 ("max_questions must be an integer >= 1, got -5",)),
        BadInput("sweep-eval-max-questions-not-integer", nothing, eval_spec("demo,max_questions=many"),
                 sweep_cli("--eval", "demo,max_questions=many"), ("max_questions must be a positive integer",
                                                                  "got 'many'")),
        BadInput("sweep-eval-unknown-option", nothing, eval_spec("demo,foo=1"), sweep_cli("--eval", "demo,foo=1"),
                 ("evaluation spec 'demo,foo=1': unknown option 'foo'", "max_questions")),
        BadInput("sweep-eval-unknown-candidates", sweep_folder(), eval_spec("demo,candidates=sentense"),
                 sweep_cli("--eval", "demo,candidates=sentense"),
                 ("evaluation candidates must be one of sentence, sentence+context", "got 'sentense'",
                  "did you mean 'sentence'?")),
        BadInput("sweep-eval-missing-data", nothing, eval_spec("/nonexistent/hbl-eval"),
                 sweep_cli("--eval", "/nonexistent/hbl-eval"),
                 ("evaluation data '/nonexistent/hbl-eval' does not exist",), error=FileNotFoundError),
        BadInput("sweep-eval-unknown-backend", sweep_folder(), eval_spec("demo,backend=gpu9"),
                 sweep_cli("--eval", "demo,backend=gpu9"), ("unknown backend 'gpu9'", "torch")),
        BadInput("sweep-workers-zero", nothing, None, sweep_cli("--workers", "0"),
                 ("workers must be a positive integer, got 0",)),
        BadInput("sweep-name-dot-dot", nothing, None, lambda _: ["sweep", "run", "../x"],
                 ("invalid sweep name '../x'",)),
        BadInput("sweep-status-unknown", nothing, None, lambda _: ["sweep", "status", "no-such-sweep"],
                 ("no sweep named 'no-such-sweep'",)),
        # a damaged sweep.json: named, and never overwritten by a rerun
        BadInput("sweep-json-corrupted", sweep_folder(damage={"sweep.json": b'{"name": "s1", '}), load_sweep,
                 sweep_cli(), ("s1/sweep.json: not valid JSON (line 1",)),
        BadInput("sweep-json-not-an-object", sweep_folder(damage={"sweep.json": b'["s1"]'}), load_sweep,
                 lambda _: ["sweep", "status", "s1"], ("s1/sweep.json: expected a JSON object", "got list")),
        BadInput("sweep-json-missing-name",
                 sweep_folder(damage={"sweep.json": json.dumps({k: v for k, v in good.items() if k != "name"})
                                      .encode()}), load_sweep, lambda _: ["sweep", "status", "s1"],
                 ("s1/sweep.json", "'name'")),
        BadInput("sweep-json-alpha-outside-range", sweep_folder(damage={"sweep.json": json.dumps(
                     {**good, "alphas": [0, 2]}).encode()}), load_sweep, sweep_cli(),
                 ("s1/sweep.json: alphas must be in [0, 1]", "got 2")),
        BadInput("sweep-json-not-utf8", sweep_folder(damage={"sweep.json": b'\xff{"name": "s1"}'}), load_sweep,
                 lambda _: ["sweep", "status", "s1"], ("s1/sweep.json: not UTF-8 text (byte 0xff at offset 0)",)),
        # refused reruns leave the sweep as it was
        BadInput("sweep-rerun-other-settings-refused", sweep_folder(), None,
                 lambda _: ["sweep", "run", "s1", "--model", "e5-small-cut", "--max-steps", "3", "--batch-size", "8"],
                 ("sweep 's1' already exists", "other training settings (max_steps: 2 -> 3)")),
        BadInput("sweep-rerun-bad-seeds-refused", sweep_folder(), None, sweep_cli("--seeds", "-1"),
                 ("seeds must be an integer >= 0, got -1",)),
        BadInput("sweep-rerun-bad-eval-refused", sweep_folder(), None, sweep_cli("--eval", "demo,max_questions=0"),
                 ("max_questions must be an integer >= 1, got 0",)),
        # the process record and a point's status
        BadInput("sweep-process-pid-not-a-number", sweep_folder(damage={"process.json": b'{"pid": "abc"}'}),
                 sweep_process, sweep_cli(), ("s1/process.json: field 'pid' must be an integer process id",
                                              "got 'abc'")),
        BadInput("sweep-process-pid-missing", sweep_folder(damage={"process.json": b'{"started": "today"}'}),
                 sweep_process, lambda _: ["sweep", "status", "s1"], ("s1/process.json: field 'pid'", "got nothing"),
                 changes=("ws/sweeps/s1/index.json",)),
        BadInput("sweep-process-detached-not-bool", sweep_folder(damage={"process.json": b'{"pid": 1, "detached": '
                                                                                          b'"yes"}'}),
                 sweep_process, lambda _: ["sweep", "status", "s1"],
                 ("s1/process.json: field 'detached' must be true or false", "got 'yes'"),
                 changes=("ws/sweeps/s1/index.json",)),
        BadInput("sweep-process-corrupted", sweep_folder(damage={"process.json": b'{"pid": 12'}), sweep_process,
                 lambda _: ["sweep", "cancel", "s1"], ("s1/process.json: not valid JSON",
                                                       "then delete the file (results are kept)")),
        BadInput("sweep-point-status-pid-not-a-number", sweep_folder(point_status={"state": "running", "pid": "abc"}),
                 lambda folder: read_status(folder / "runs" / "a0.00-s1"), lambda _: ["sweep", "status", "s1"],
                 ("runs/a0.00-s1/status.json: field 'pid' must be an integer process id",)),
        # results files
        BadInput("sweep-report-given-a-parquet-file",
                 lambda tmp: (tmp / "results.parquet").write_bytes(b"PAR1 not really") and tmp / "results.parquet",
                 None, lambda path: ["sweep", "report", str(path), "--out", str(path.parent / "report")],
                 ("results.parquet is not a sweep folder or archive (it has no sweep.json)",),
                 error=FileNotFoundError),
        BadInput("sweep-report-damaged-results",
                 sweep_folder(damage={"results/untuned/demo-sentence.parquet": b"PAR1\x00\x01 cut short"}), None,
                 lambda folder: ["sweep", "report", str(folder), "--out", str(folder.parent / "report"), "--no-png"],
                 ("sweep 's1' has no results yet",),
                 changes=("ws/sweeps/s1/results/untuned/demo-sentence.parquet*", "ws/sweeps/s1/index.json")),
    ]
    return cases


# ----- jobs -----------------------------------------------------------------------------------------------------
JOB_ID = "20260101-000000-train-r1"


def job_record(content: bytes | dict) -> Callable[[Path], Path]:
    def setup(tmp: Path) -> Path:
        folder = workspace(tmp) / "jobs"
        folder.mkdir(parents=True)
        path = folder / f"{JOB_ID}.json"
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
        return path
    return setup


def get_job(_: Path, job_id: str = JOB_ID) -> Any:
    from hybrid_core import jobs

    return jobs.get(job_id)


def job_cases() -> list[BadInput]:
    record = {"id": JOB_ID, "kind": "train", "label": "r1", "argv": ["train", "--resume", "r1"], "target": "/tmp/r1",
              "state": "failed"}
    return [
        BadInput("jobs-unknown-id", nothing, lambda tmp: get_job(tmp, "20990101-000000-train-none"),
                 lambda _: ["jobs", "status", "20990101-000000-train-none"],
                 ("no job '20990101-000000-train-none'",), error=FileNotFoundError),
        BadInput("jobs-cancel-unknown-id", nothing, None, lambda _: ["jobs", "cancel", "nope"], ("no job 'nope'",)),
        BadInput("jobs-resume-unknown-id", nothing, None, lambda _: ["jobs", "resume", "nope"], ("no job 'nope'",)),
        BadInput("jobs-id-leaves-the-folder", nothing, lambda tmp: get_job(tmp, "../x"),
                 lambda _: ["jobs", "status", "../x"], ("invalid job id '../x'",)),
        BadInput("jobs-record-corrupted", job_record(b'{"id": "x", '), get_job,
                 lambda _: ["jobs", "status", JOB_ID], (f"{JOB_ID}.json: not valid JSON",)),
        BadInput("jobs-record-not-utf8", job_record(b'{"id": "\xff"}'), get_job,
                 lambda _: ["jobs", "resume", JOB_ID], (f"{JOB_ID}.json: not UTF-8 text (byte 0xff",)),
        BadInput("jobs-record-missing-fields", job_record({"id": JOB_ID, "kind": "train"}), get_job,
                 lambda _: ["jobs", "status", JOB_ID], (f"{JOB_ID}.json: missing field(s)", "'argv'")),
        BadInput("jobs-record-pid-not-a-number", job_record({**record, "pid": "abc"}), get_job,
                 lambda _: ["jobs", "cancel", JOB_ID], (f"{JOB_ID}.json: pid must be an integer, got 'abc'",)),
        BadInput("jobs-record-argv-not-a-list", job_record({**record, "argv": "train --resume r1"}), get_job,
                 lambda _: ["jobs", "resume", JOB_ID],
                 (f"{JOB_ID}.json: field 'argv' must be a list of strings", "got 'train --resume r1'")),
        BadInput("jobs-record-target-not-a-string", job_record({**record, "target": 5}), get_job,
                 lambda _: ["jobs", "resume", JOB_ID], (f"{JOB_ID}.json: field 'target' must be a string, got 5",)),
        BadInput("jobs-record-unknown-kind", job_record({**record, "kind": "trian"}), get_job,
                 lambda _: ["jobs", "resume", JOB_ID],
                 (f"{JOB_ID}.json: field 'kind' must be one of train, sweep, evaluate, got 'trian'",)),
        BadInput("jobs-record-unknown-state", job_record({**record, "state": "paused"}), get_job,
                 lambda _: ["jobs", "status", JOB_ID], (f"{JOB_ID}.json: unknown state 'paused'",)),
    ]


# ----- the bias probe (API only: the probe is the dashboard's) -------------------------------------------------
_PROBE: dict[str, Any] = {}


def probe_call(text: str = "Wo liegt Berlin?", **options: Any) -> Callable[[Path], Any]:
    def call(_: Path) -> Any:
        from hybrid_core import probe

        if not _PROBE:
            from hybrid_core.backends import get_encoder

            _PROBE["encoder"] = get_encoder("e5-small-cut", backend="torch", device="cpu")
            _PROBE["index"] = probe.build_index(_PROBE["encoder"], probe.load_pool("demo"), progress=False)
        hits = probe.probe_query(_PROBE["index"], _PROBE["encoder"], text, **options)
        assert len(hits) == options.get("k", 10), "an accepted query returns k passages"
        return hits
    return call


def load_pool(name: str) -> Callable[[Path], Any]:
    def call(_: Path) -> Any:
        from hybrid_core import probe

        return probe.load_pool(name)
    return call


def probe_cases() -> list[BadInput]:
    from hybrid_core.probe import ProbeError

    return [
        BadInput("probe-empty-query", nothing, probe_call(""), None, ("type a query",), error=ProbeError),
        BadInput("probe-blank-query", nothing, probe_call(" \n\t "), None, ("type a query",), error=ProbeError),
        BadInput("probe-100k-character-query", nothing, probe_call("Berlin " * 14_286, k=5), None, loads=True),
        BadInput("probe-k-zero", nothing, probe_call(k=0), None, ("k must be a whole number of passages, at least 1",
                                                                  "got 0"), error=ProbeError),
        BadInput("probe-k-negative", nothing, probe_call(k=-5), None, ("at least 1, got -5",), error=ProbeError),
        BadInput("probe-k-not-whole", nothing, probe_call(k=2.5), None, ("k must be a whole number", "got 2.5"),
                 error=ProbeError),
        BadInput("probe-unlisted-pool", nothing, load_pool("xquad-x"), None,
                 ("pool 'xquad-x' is neither a named pool (demo, xquad-r, mlqa-r)", "did you mean 'xquad-r'?"),
                 error=ProbeError),
        BadInput("probe-pool-with-nul", nothing, load_pool("/tmp/a\x00b"), None, ("the path contains a NUL byte",),
                 error=ProbeError),
    ]


# ----- evaluation output, model and embedding caches ---------------------------------------------------------
def a_file(tmp: Path) -> Path:
    path = tmp / "results-here"
    path.write_text("a file, not a folder\n")
    return path


def toy_model_cache(damage: Callable[[Path], None]) -> Callable[[Path], Path]:
    """A converted-model cache (a deterministic stand-in for the conversion), then damaged."""
    def setup(tmp: Path) -> Path:
        from hybrid_core import embedded

        folder = embedded.build_atomically(tmp / "cache" / "model", {"toy": 1}, _toy_model, reproducible=True)
        damage(folder)
        return folder
    return setup


def _toy_model(tmp: Path) -> None:
    (tmp / "model.safetensors").write_bytes(bytes(range(256)) * 16)
    (tmp / "config.json").write_text('{"layers": 2}\n')


def rebuild_model_cache(folder: Path) -> Any:
    from hybrid_core import embedded

    embedded.build_atomically(folder, {"toy": 1}, _toy_model, reproducible=True)
    assert (folder / "model.safetensors").read_bytes() == bytes(range(256)) * 16, "rebuilt as converted"


def _overwrite(name: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(change((folder / name).read_bytes()))


def embedding_cache_with_a_cut_shard(tmp: Path) -> Path:
    import numpy as np

    from hybrid_core.evaluation.embedding_cache import EmbeddingCache, text_key

    cache = EmbeddingCache("toy-encoder", root=tmp / "embeddings")
    cache.put([text_key("a")], np.ones((1, 4), dtype=np.float32), "passage")
    cache.put([text_key("b")], np.zeros((1, 4), dtype=np.float32), "passage")
    first = sorted((cache.folder / "passage").glob("shard-*.npz"))[0]
    first.write_bytes(first.read_bytes()[:100])
    return tmp / "embeddings"


def read_embedding_cache(root: Path) -> Any:
    from hybrid_core.evaluation.embedding_cache import EmbeddingCache, text_key

    found, _ = EmbeddingCache("toy-encoder", root=root).get([text_key("a"), text_key("b")], "passage")
    assert found.tolist() == [False, True], "the cut shard's text is missing (to encode again), the other is kept"


def cache_cases() -> list[BadInput]:
    return [
        BadInput("evaluate-out-is-a-file", a_file, None,
                 lambda path: ["evaluate", "e5-small-cut", "--data", "demo", "--out", str(path)],
                 ("--out", "results-here", "is a file, not a folder"), error=PermissionError),
        BadInput("evaluate-out-unwritable", nothing, None,
                 lambda _: ["evaluate", "e5-small-cut", "--data", "demo", "--out", "/sys/hbl-results"],
                 ("--out /sys/hbl-results: cannot write results there",)),
        BadInput("evaluate-data-missing", nothing, None,
                 lambda tmp: ["evaluate", "e5-small-cut", "--data", str(tmp / "nope")], ("--data", "no such file")),
        BadInput("evaluate-max-questions-negative", nothing, None,
                 lambda _: ["evaluate", "e5-small-cut", "--data", "demo", "--max-questions", "-5"],
                 ("max_questions must be a positive integer or None, got -5",)),
        BadInput("evaluate-unknown-measure", nothing, None,
                 lambda _: ["evaluate", "e5-small-cut", "--data", "demo", "--metrics", "AP@x"],
                 ("cannot read measure 'AP@x'",)),
        BadInput("evaluate-model-folder-missing", nothing, None,
                 lambda tmp: ["evaluate", str(tmp / "no-model"), "--data", "demo"], ("model folder not found",)),
        BadInput("model-cache-manifest-corrupted", toy_model_cache(_overwrite("hbl_manifest.json", lambda b: b[:20])),
                 rebuild_model_cache, None, warns=("hbl_manifest.json is unreadable", "rebuilding it"),
                 loads=True, changes=("cache/*",)),
        BadInput("model-cache-weights-same-size-change",
                 toy_model_cache(_overwrite("model.safetensors", lambda b: b[:100] + b"\x00" + b[101:])),
                 rebuild_model_cache, None, warns=("model.safetensors changed since the conversion",), loads=True,
                 changes=("cache/*",)),
        BadInput("model-cache-weights-cut-short", toy_model_cache(_overwrite("model.safetensors", lambda b: b[:99])),
                 rebuild_model_cache, None, warns=("model.safetensors has 99 bytes, 4,096 recorded",), loads=True,
                 changes=("cache/*",)),
        BadInput("model-cache-file-missing",
                 toy_model_cache(lambda folder: (folder / "config.json").unlink()), rebuild_model_cache, None,
                 warns=("config.json missing",), loads=True, changes=("cache/*",)),
        BadInput("embedding-cache-shard-cut-short", embedding_cache_with_a_cut_shard, read_embedding_cache, None,
                 warns=("is damaged (BadZipFile", "moved to shard-"), loads=True,
                 changes=("embeddings/*/passage/shard-*",)),
    ]


CASES += training_cases() + status_cases() + sweep_cases() + job_cases() + probe_cases() + cache_cases()


def run_cli(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse's own errors
        return int(exc.code or 0)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path -> bytes); lock files are left out."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: BadInput, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    assert case.call is not None or case.argv is not None, "a case needs an API call or CLI arguments"
    monkeypatch.setenv("HBL_WORKSPACE", str(workspace(tmp_path)))
    target = case.setup(tmp_path)
    before = snapshot(tmp_path)
    if case.call is not None:
        if case.loads:
            with caplog.at_level(logging.INFO):
                case.call(target)
            for fragment in case.warns:
                assert fragment in caplog.text, f"{fragment!r} not logged: {caplog.text!r}"
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
    after = snapshot(tmp_path)
    allowed = [name for name in set(before) | set(after) if any(fnmatch.fnmatch(name, p) for p in case.changes)]
    changed = sorted(name for name in set(before) | set(after)
                     if before.get(name) != after.get(name) and name not in allowed)
    assert not changed, f"files changed, lost or created: {changed}"


def test_evaluate_refuses_an_unwritable_out_before_evaluating(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from hybrid_core.commands import evaluate

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the evaluation ran although its results could not be written")

    monkeypatch.setattr(evaluate, "evaluate", never)
    monkeypatch.setattr("hybrid_core.backends.get_encoder", never)
    out = a_file(tmp_path)
    assert run_cli(["evaluate", "e5-small-cut", "--data", "demo", "--out", str(out / "sub")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert not (tmp_path / "sub").exists()


def test_enough_cases() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)
    assert not os.environ.get("HBL_WORKSPACE", "").startswith(str(Path.home() / "hybrid-batch-lab"))
