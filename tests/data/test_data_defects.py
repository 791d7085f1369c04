"""Data-layer defects of issue #20, each pinned by a test that failed before its fix.

- conflicting duplicate qrels (MIRACL TREC, JSONL) are refused with the file and both lines;
- non-UTF-8 bytes name the file and the line (byte offset too) in every reader;
- a UTF-8 BOM is tolerated by every reader;
- ``load_dataset("demo")`` is the demo set (its eval split), ``load_dataset(None | "")`` a clear ValueError;
- two language codes folding into one code are refused (naming both codes, the file(s) and the code); a
  region folded away is a note;
- a JSONL dataset in MTEB/FLORES/BCP-47 codes loads with canonical codes, also through the CLI.
"""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest

from hybrid_core.cli import main
from hybrid_core.data import DataError, load_dataset, load_jsonl, load_lareqa, load_miracl, load_miracl_judgements
from hybrid_core.data.loading import DEMO_DIR

BOM = b"\xef\xbb\xbf"
CONTEXT = "Alpha one. Beta two. Gamma three."


def jsonl(path: Path, records: list[dict | str], *, prefix: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_bytes(prefix + ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def jsonl_dataset(folder: Path, *, questions=None, candidates=None, qrels=None) -> Path:
    jsonl(folder / "questions.jsonl", questions or [{"id": "q1", "language": "en", "text": "Who wrote Faust?"},
                                                    {"id": "q1", "language": "de", "text": "Wer schrieb Faust?"}])
    jsonl(folder / "candidates.jsonl", candidates or [{"id": "c-en", "language": "en", "text": "Goethe did."},
                                                      {"id": "c-de", "language": "de", "text": "Goethe."},
                                                      {"id": "c-x", "language": "en", "text": "Other."}])
    jsonl(folder / "qrels.jsonl", qrels or [{"question_id": "q1", "candidate_id": "c-en"},
                                            {"question_id": "q1", "candidate_id": "c-de"}])
    return folder


def lareqa_file(path: Path, *, qid: str = "q1") -> Path:
    para = {"context": CONTEXT, "sentence_breaks": [[0, 10], [11, 20], [21, 33]],
            "sentences": ["Alpha one.", "Beta two.", "Gamma three."],
            "qas": [{"id": qid, "question": "Beta?", "answers": [{"answer_start": 11}]}]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"data": [{"title": "t", "paragraphs": [para]}]}), encoding="utf-8")
    return path


def miracl_folder(folder: Path, lang: str = "de", *, topics: str = "1\tWas?\n2\tWie?\n",
                  qrels: str = "1 Q0 10#0 1\n2 Q0 20#0 1\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"topics.miracl-v1.0-{lang}-dev.tsv").write_text(topics, encoding="utf-8")
    (folder / f"qrels.miracl-v1.0-{lang}-dev.tsv").write_text(qrels, encoding="utf-8")
    return folder


def corpus_file(path: Path, docs=(("10#0", "Berlin."), ("20#0", "Rhein."))) -> Path:
    return jsonl(path, [{"docid": d, "title": "t", "text": t} for d, t in docs])


# ----- conflicting duplicate qrels -----------------------------------------------------------------------------
def test_miracl_conflicting_duplicate_qrel_is_refused(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m", qrels="1 Q0 10#0 1\n2 Q0 20#0 1\n1 Q0 10#0 0\n")
    with pytest.raises(DataError, match=r"qrels\.miracl-v1\.0-de-dev\.tsv, line 3: .*'1'.*'10#0'.* 1 on line 1 "
                                        r"and 0 on line 3"):
        load_miracl_judgements(folder)


def test_miracl_identical_duplicate_qrel_is_a_note(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m", qrels="1 Q0 10#0 1\n2 Q0 20#0 1\n1 Q0 10#0 1\n")
    judgements = load_miracl_judgements(folder)
    assert judgements.qrels["de"]["1"] == {"10#0": 1}
    assert any("line 3 repeats line 1" in note for note in judgements.notes), judgements.notes


def test_jsonl_conflicting_duplicate_qrel_is_refused(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j", qrels=[{"question_id": "q1", "candidate_id": "c-en", "relevance": 1},
                                                  {"question_id": "q1", "candidate_id": "c-de"},
                                                  {"question_id": "q1", "candidate_id": "c-en", "relevance": 0}])
    with pytest.raises(DataError, match=r"qrels\.jsonl, line 3: .*'q1'.*'c-en'.* 1 on line 1 and 0 on line 3"):
        load_jsonl(folder)


def test_jsonl_identical_duplicate_qrel_is_a_note(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j", qrels=[{"question_id": "q1", "candidate_id": "c-en"},
                                                  {"question_id": "q1", "candidate_id": "c-de"},
                                                  {"question_id": "q1", "candidate_id": "c-en", "relevance": 1}])
    ds = load_jsonl(folder)
    assert ds.qrels == {"q1": {"c-en": 1, "c-de": 1}}
    assert any("line 3 repeats line 1" in note for note in ds.notes), ds.notes


# ----- non-UTF-8 bytes: file and line in every reader ------------------------------------------------------------
def _break_utf8(path: Path, line: int) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1].replace(b"e", b"\xff", 1)
    path.write_bytes(b"\n".join(lines))


def test_non_utf8_jsonl(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j")
    _break_utf8(folder / "candidates.jsonl", 2)
    with pytest.raises(DataError, match=r"candidates\.jsonl, line 2: not UTF-8 text: byte 0xff at column \d+"):
        load_jsonl(folder)


def test_non_utf8_topics_and_qrels(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m", topics="1\tWas?\n2\tWie ist es?\n")
    _break_utf8(folder / "topics.miracl-v1.0-de-dev.tsv", 2)
    with pytest.raises(DataError, match=r"topics\.miracl-v1\.0-de-dev\.tsv, line 2: not UTF-8 text: byte 0xff"):
        load_miracl_judgements(folder)
    folder = miracl_folder(tmp_path / "n", qrels="1 Q0 10#0 1\n2 Q0 20#0 1\n")
    (folder / "qrels.miracl-v1.0-de-dev.tsv").write_bytes(b"1 Q0 10#0 1\n2 Q0 2\xff#0 1\n")
    with pytest.raises(DataError, match=r"qrels\.miracl-v1\.0-de-dev\.tsv, line 2: not UTF-8 text: byte 0xff"):
        load_miracl_judgements(folder)


def test_non_utf8_corpus_gz(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m")
    corpus = tmp_path / "corpus" / "de.jsonl.gz"
    corpus.parent.mkdir()
    with gzip.open(corpus, "wb") as handle:
        handle.write(b'{"docid": "10#0", "text": "Berlin."}\n{"docid": "20#0", "text": "Rh\xffein."}\n')
    with pytest.raises(DataError, match=r"de\.jsonl\.gz, line 2: not UTF-8 text: byte 0xff"):
        load_miracl(folder, corpus=corpus.parent)


def test_non_utf8_whole_file_json(tmp_path: Path) -> None:
    path = lareqa_file(tmp_path / "l" / "en.json")
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"Gamma", b"G\xffmma", 1))
    offset = raw.index(b"Gamma") + 1
    with pytest.raises(DataError, match=rf"en\.json, line 1: not UTF-8 text: byte 0xff at byte offset {offset}"):
        load_lareqa(path.parent)


# ----- a UTF-8 BOM is tolerated ----------------------------------------------------------------------------------
def test_bom_jsonl(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j")
    for name in ("questions.jsonl", "candidates.jsonl", "qrels.jsonl"):
        (folder / name).write_bytes(BOM + (folder / name).read_bytes())
    ds = load_jsonl(folder)
    assert ds.languages == ("de", "en") and ds.qrels == {"q1": {"c-en": 1, "c-de": 1}}


def test_bom_json(tmp_path: Path) -> None:
    path = lareqa_file(tmp_path / "l" / "en.json")
    path.write_bytes(BOM + path.read_bytes())
    assert load_lareqa(path.parent).qrels == {"q1": {"en:0:0:1": 1}}
    assert load_dataset(path.parent, format="squad").qrels == {"q1": {"en:0:0:1": 1}}


def test_bom_topics_qrels_and_corpus(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m")
    for name in ("topics.miracl-v1.0-de-dev.tsv", "qrels.miracl-v1.0-de-dev.tsv"):
        (folder / name).write_bytes(BOM + (folder / name).read_bytes())
    corpus = corpus_file(tmp_path / "corpus" / "de.jsonl")
    corpus.write_bytes(BOM + corpus.read_bytes())
    judgements = load_miracl_judgements(folder)
    assert judgements.topics["de"] == {"1": "Was?", "2": "Wie?"}  # not "\ufeff1"
    assert judgements.notes == []
    ds = load_miracl(folder, corpus=corpus.parent)
    assert sorted(q.id for q in ds.questions) == ["de:1", "de:2"]


# ----- load_dataset("demo"), None and "" ---------------------------------------------------------------------------
@pytest.fixture
def demo_present() -> None:
    if not (DEMO_DIR / "eval").is_dir():
        pytest.skip(f"the demo set ({DEMO_DIR}) is not built yet")


@pytest.mark.usefixtures("demo_present")
def test_load_dataset_demo() -> None:
    from hybrid_core.commands.evaluate import load_data

    demo = load_dataset("demo")
    assert demo.name == "demo-eval"
    assert demo.fingerprint == load_data("demo").fingerprint  # what `evaluate --data demo` evaluates on
    assert load_dataset("demo:train").name == "demo-train"
    assert load_dataset("demo:all").name == "demo-all"
    assert load_dataset("demo-train").name == "demo-train"  # the spelling of `evaluate --data`
    assert load_dataset("demo", languages=["en", "de"]).languages == ("de", "en")
    with pytest.raises(ValueError, match=r"unknown demo split 'test'.*train, eval, all"):
        load_dataset("demo:test")


@pytest.mark.parametrize("path", [None, "", "   "])
def test_load_dataset_without_a_path(path: str | None) -> None:
    with pytest.raises(ValueError, match=r"give a dataset path or 'demo'"):
        load_dataset(path)  # type: ignore[arg-type]


def test_loaders_refuse_an_empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(jsonl_dataset(tmp_path / "cwd"))  # "" must not quietly read the current folder
    for loader in (load_jsonl, load_lareqa):
        with pytest.raises(ValueError, match="give a path"):
            loader("")


# ----- two codes folding into one ----------------------------------------------------------------------------------
def test_jsonl_codes_folding_into_one_are_refused(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j", questions=[{"id": "q1", "language": "en", "text": "Who?"},
                                                      {"id": "q1", "language": "en-US", "text": "Who, US?"}])
    with pytest.raises(DataError, match=r"questions\.jsonl, line 2, field 'language': language codes 'en' "
                                        r"\(questions\.jsonl, line 1\) and 'en-US' .*both read as 'en'"):
        load_jsonl(folder)


def test_lareqa_files_folding_into_one_are_refused(tmp_path: Path) -> None:
    lareqa_file(tmp_path / "l" / "pt-BR.json")
    lareqa_file(tmp_path / "l" / "pt-PT.json")
    with pytest.raises(DataError, match=r"language codes 'pt-BR' \(pt-BR\.json\) and 'pt-PT' \(pt-PT\.json\) both "
                                        r"read as 'pt'"):
        load_lareqa(tmp_path / "l")


def test_miracl_files_folding_into_one_are_refused(tmp_path: Path) -> None:
    folder = miracl_folder(tmp_path / "m", "de")
    miracl_folder(folder, "deu")
    with pytest.raises(DataError, match=r"two topics files for language 'de': topics\.miracl-v1\.0-de-dev\.tsv and "
                                        r"topics\.miracl-v1\.0-deu-dev\.tsv"):
        load_miracl_judgements(folder)


def test_region_folded_away_is_a_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lareqa_file(tmp_path / "l" / "en-US.json")
    lareqa_file(tmp_path / "l" / "de.json")
    with caplog.at_level(logging.WARNING, logger="hybrid_core.data"):
        ds = load_lareqa(tmp_path / "l")
    assert ds.languages == ("de", "en")
    assert "en-US.json: language code 'en-US' is read as 'en' (region US dropped)" in ds.notes
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert "region US dropped" in caplog.records[-1].getMessage()


# ----- the ecosystem's codes in one JSONL dataset ---------------------------------------------------------------
def ecosystem_codes(folder: Path) -> Path:
    """Questions in deu-Latn and eng_Latn, candidates in deu and en-US: all read as de / en."""
    jsonl(folder / "questions.jsonl", [
        {"id": "q1", "language": "eng_Latn", "text": "Who wrote Faust?"},
        {"id": "q1", "language": "deu-Latn", "text": "Wer schrieb Faust?"},
        {"id": "q2", "language": "eng_Latn", "text": "Where is the Rhine?"},
    ])
    jsonl(folder / "candidates.jsonl", [
        {"id": "en-1", "language": "en-US", "text": "Goethe wrote Faust."},
        {"id": "en-2", "language": "en-US", "text": "The Rhine flows through Germany."},
        {"id": "de-1", "language": "deu", "text": "Goethe schrieb Faust."},
    ])
    jsonl(folder / "qrels.jsonl", [
        {"question_id": "q1", "candidate_id": "en-1"}, {"question_id": "q1", "candidate_id": "de-1"},
        {"question_id": "q2", "candidate_id": "en-2"},
    ])
    return folder


def test_ecosystem_codes_load_as_canonical_codes(tmp_path: Path) -> None:
    ds = load_dataset(ecosystem_codes(tmp_path / "eco"))
    assert ds.languages == ("de", "en")
    assert {(q.id, q.language) for q in ds.questions} == {("q1", "en"), ("q1", "de"), ("q2", "en")}
    assert {c.id: c.language for c in ds.candidates} == {"en-1": "en", "en-2": "en", "de-1": "de"}
    assert ds.notes == ["candidates.jsonl: language code 'en-US' is read as 'en' (region US dropped), 2 records"]
    assert load_dataset(tmp_path / "eco", languages=["eng"]).languages == ("en",)


def test_ecosystem_codes_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = ecosystem_codes(tmp_path / "eco")
    assert main(["data", str(folder)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:3] in ("de ", "en ")}
    assert rows["de"][:4] == ["de", "German", "1", "1"]
    assert rows["en"][:4] == ["en", "English", "2", "2"]
    assert "note: candidates.jsonl: language code 'en-US' is read as 'en' (region US dropped)" in out
    assert main(["data", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["languages"] == ["de", "en"]


def test_bare_and_scripted_codes_are_two_languages_with_a_note(tmp_path: Path) -> None:
    folder = jsonl_dataset(tmp_path / "j", questions=[{"id": "q1", "language": "zh", "text": "谁?"}],
                           candidates=[{"id": "c1", "language": "zho_Hans", "text": "歌德。"}],
                           qrels=[{"question_id": "q1", "candidate_id": "c1"}])
    ds = load_jsonl(folder)
    assert ds.languages == ("zh", "zh-Hans")
    assert ds.notes == ["'zh' (no script given) and 'zh-Hans' are both present and kept as two languages; write "
                        "the script on both if they are one written form"]
    lareqa_file(tmp_path / "l" / "zh.json")
    lareqa_file(tmp_path / "l" / "zh-Hant.json")
    assert load_lareqa(tmp_path / "l").notes == ["'zh' (no script given) and 'zh-Hant' are both present and kept as "
                                                 "two languages; write the script on both if they are one written form"]
