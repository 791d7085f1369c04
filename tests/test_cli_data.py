"""The ``data`` command through ``hybrid_core.cli.main``: tables, JSON, the demo set, MIRACL, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hybrid_core.cli import main
from hybrid_core.data.loading import DEMO_DIR

CONTEXT = "Alpha one. Beta two. Gamma three."


def tiny(folder: Path) -> Path:
    for lang in ("en", "de"):
        para = {"context": CONTEXT, "sentence_breaks": [[0, 10], [11, 20], [21, 33]],
                "sentences": ["Alpha one.", "Beta two.", "Gamma three."],
                "qas": [{"id": "q1", "question": "Beta?", "answers": [{"answer_start": 11}]}]}
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{lang}.json").write_text(json.dumps({"data": [{"title": "t", "paragraphs": [para]}]}),
                                             encoding="utf-8")
    return folder


def test_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", str(tiny(tmp_path / "tiny"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"tiny (lareqa) from {tmp_path / 'tiny'}")
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("language"))
    assert header.split() == ["language", "name", "questions", "candidates", "relevant", "cross", "pairs", "parallel"]
    assert next(line for line in lines if line.startswith("de ")).split() == ["de", "German", "1", "3", "1", "1",
                                                                               "100.0%"]
    assert next(line for line in lines if line.startswith("all")).split() == ["all", "2", "6", "2", "2", "100.0%"]
    assert "2 languages, 1 question ids" in out


def test_json_and_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "--format", "squad", str(tiny(tmp_path / "t")), "--languages", "en", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["format"] == "squad" and info["languages"] == ["en"]
    assert info["stats"][0] == {"language": "en", "questions": 1, "candidates": 3, "relevant": 1, "cross_pairs": 0,
                                "parallel": 0.0}


def test_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", str(tmp_path / "absent")]) == 2
    assert "does not exist" in capsys.readouterr().err
    folder = tiny(tmp_path / "t")
    assert main(["data", str(folder), "--languages", "xx"]) == 2
    assert "unknown language code 'xx'" in capsys.readouterr().err
    assert main(["data", str(folder), "--corpus", str(folder)]) == 2
    assert "--corpus and --split apply to MIRACL" in capsys.readouterr().err
    (folder / "fr.json").write_text("{oops", encoding="utf-8")
    assert main(["data", str(folder)]) == 2
    assert "fr.json, line 1: malformed JSON" in capsys.readouterr().err
    assert main(["data"]) == 2
    assert "give a dataset PATH" in capsys.readouterr().err


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEMO_DIR / "eval").is_dir():
        pytest.skip(f"the demo set ({DEMO_DIR}) is not built yet")
    assert main(["data", "demo", "--split", "eval"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("demo-eval (lareqa (demo))") and "11 languages" in out
    assert main(["data", "--demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "demo-all"


def test_real_xquad_r(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "--format", "lareqa", str(shared_data / "xquad-r")]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if line[:3].rstrip() in {"ar", "de", "el", "en", "es", "hi", "ru", "th",
                                                                      "tr", "vi", "zh"}]
    assert len(rows) == 11 and all(row[2] == "1,190" for row in rows)
    assert next(line for line in lines if line.startswith("all")).split()[1:3] == ["13,090", "13,014"]


def test_real_mlqa_r(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", str(shared_data / "mlqa-r"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    stats = {row["language"]: row for row in info["stats"]}
    assert len(info["languages"]) == 7
    assert (stats["en"]["questions"], stats["en"]["candidates"]) == (1148, 6264)


def test_real_miracl_without_corpus(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", str(shared_data / "miracl"), "--languages", "de", "yo"]) == 0
    out = capsys.readouterr().out
    assert "topics and qrels only" in out
    assert next(line for line in out.splitlines() if line.startswith("de ")).split()[2:4] == ["305", "3,144"]
    assert next(line for line in out.splitlines() if line.startswith("yo ")).split()[2] == "119"


def test_demo_splits_as_paths(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEMO_DIR / "eval").is_dir():
        pytest.skip(f"the demo set ({DEMO_DIR}) is not built yet")
    assert main(["data", "demo:train", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "demo-train"
    assert main(["data", "demo-eval", "--json"]) == 0  # the spelling of `evaluate --data`
    assert json.loads(capsys.readouterr().out)["name"] == "demo-eval"
    assert main(["data", "demo:train", "--split", "eval"]) == 2
    assert "name different demo splits" in capsys.readouterr().err
    assert main(["data", "demo:test"]) == 2
    assert "unknown demo split 'test'" in capsys.readouterr().err


def test_language_codes_of_the_ecosystem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """File names in FLORES/BCP-47 codes are shown as canonical codes; a folded region is a note."""
    folder = tiny(tmp_path / "t")
    (folder / "en.json").rename(folder / "eng_Latn.json")
    (folder / "de.json").rename(folder / "de-AT.json")
    assert main(["data", str(folder), "--languages", "deu", "eng"]) == 0
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if line.startswith("de ")).split()[:3] == ["de", "German", "1"]
    assert next(line for line in out.splitlines() if line.startswith("en ")).split()[:3] == ["en", "English", "1"]
    assert "note: de-AT.json: language code 'de-AT' is read as 'de' (region AT dropped)" in out
    (folder / "de.json").write_bytes((folder / "de-AT.json").read_bytes())
    assert main(["data", str(folder)]) == 2
    assert "language codes 'de-AT' (de-AT.json) and 'de' (de.json) both read as 'de'" in capsys.readouterr().err
