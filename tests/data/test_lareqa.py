"""LAReQA loader: the relevance rule, mismatch notes, validation errors, and the real XQuAD-R / MLQA-R counts."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from hybrid_core.data import DataError, load_lareqa
from hybrid_core.languages import MLQA_R_LANGUAGES, XQUAD_R_LANGUAGES

EN = "Paris is big. It is the capital of France. The Seine runs through it."
DE = "Paris ist groß. Es ist die Hauptstadt Frankreichs. Die Seine fließt hindurch."


def spans(text: str) -> list[list[int]]:
    """Sentence spans of the tiny texts (sentences end with '. ')."""
    out, begin = [], 0
    for part in text.split(". "):
        end = begin + len(part) + (1 if not part.endswith(".") else 0)
        out.append([begin, min(end, len(text))])
        begin = end + 1
    return out


def paragraph(context: str, qas: list[dict], *, breaks: bool = True) -> dict:
    para = {"context": context, "qas": qas}
    if breaks:
        sb = spans(context)
        para["sentence_breaks"] = sb
        para["sentences"] = [context[b:e] for b, e in sb]
    return para


def qa(qid: str, question: str, start: int, text: str = "x") -> dict:
    return {"id": qid, "question": question, "answers": [{"answer_start": start, "text": text}]}


def write(folder: Path, lang: str, paragraphs: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lang}.json"
    path.write_text(json.dumps({"version": "1.1", "data": [{"title": "t", "paragraphs": paragraphs}]},
                               ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    write(folder, "en", [paragraph(EN, [qa("q1", "What is the capital of France?", EN.index("capital")),
                                        qa("q2", "Which river?", EN.index("Seine"))])])
    write(folder, "de", [paragraph(DE, [qa("q1", "Was ist die Hauptstadt Frankreichs?", DE.index("Hauptstadt"))])])
    return folder


def test_candidates_questions_and_relevance(tiny: Path) -> None:
    ds = load_lareqa(tiny)
    assert ds.name == "tiny"
    assert ds.languages == ("de", "en")
    assert [c.id for c in ds.candidates_by_language["en"]] == ["en:0:0:0", "en:0:0:1", "en:0:0:2"]
    first = ds.candidate_by_id["en:0:0:1"]
    assert first.text == "It is the capital of France." and first.context == EN
    # q1 exists in en and de: its relevant sentence in each language; q2 only in en
    assert ds.qrels["q1"] == {"en:0:0:1": 1, "de:0:0:1": 1}
    assert ds.qrels["q2"] == {"en:0:0:2": 1}
    stats = ds.stats().set_index("language")
    assert stats.loc["en", "questions"] == 2 and stats.loc["en", "candidates"] == 3
    assert stats.loc["en", "relevant"] == 2 and stats.loc["en", "cross_pairs"] == 1
    assert stats.loc["en", "parallel"] == 0.5 and stats.loc["de", "parallel"] == 1.0
    assert ds.notes == []


def test_languages_restrict_and_validate(tiny: Path) -> None:
    ds = load_lareqa(tiny, languages=["de"])
    assert ds.languages == ("de",)
    assert ds.qrels["q1"] == {"de:0:0:1": 1}
    assert load_lareqa(tiny, languages="en,de").languages == ("de", "en")
    with pytest.raises(DataError, match=r"language.*fr.*not in the data; available: de, en"):
        load_lareqa(tiny, languages=["fr"])
    with pytest.raises(ValueError, match="unknown language code 'xx'"):
        load_lareqa(tiny, languages=["xx"])


def test_single_file_list_and_mapping(tiny: Path) -> None:
    assert load_lareqa(tiny / "en.json").languages == ("en",)
    assert load_lareqa([tiny / "en.json", tiny / "de.json"]).languages == ("de", "en")
    assert load_lareqa({"de": tiny / "de.json"}).languages == ("de",)


def test_sentence_mismatch_is_noted_not_fatal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    para = paragraph(EN, [qa("q1", "Capital?", EN.index("capital"))])
    para["sentences"][0] = "Paris is large."
    write(tmp_path, "en", [para])
    with caplog.at_level(logging.WARNING):
        ds = load_lareqa(tmp_path)
    assert len(ds.notes) == 1
    assert "en.json: article 0 paragraph 0 sentence 0: sentence text differs from context[0:13]" in ds.notes[0]
    assert ds.candidate_by_id["en:0:0:0"].text == "Paris is large."  # the sentence text is used
    assert ds.qrels["q1"] == {"en:0:0:1": 1}  # the span decides relevance
    assert "1 data problems tolerated" in caplog.text


def test_answer_between_sentences_goes_to_nearest_with_note(tmp_path: Path) -> None:
    gap = EN.index(" It")  # the space between sentence 0 and 1
    write(tmp_path, "en", [paragraph(EN, [qa("q1", "Capital?", gap)])])
    ds = load_lareqa(tmp_path)
    assert ds.qrels["q1"] == {"en:0:0:1": 1}
    assert len(ds.notes) == 1 and "answer_start 13 is in no sentence span" in ds.notes[0]


def test_answer_outside_paragraph_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "en", [paragraph(EN, [qa("q-bad", "Capital?", 999)])])
    with pytest.raises(DataError, match=r"en\.json.*'q-bad'.*answer_start 999 is outside the paragraph") as err:
        load_lareqa(tmp_path)
    assert err.value.field == "answer_start"


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "en.json").write_text('{"data": [\n{"title": "t",\n "paragraphs": [}\n]}', encoding="utf-8")
    with pytest.raises(DataError, match=r"en\.json, line 3: malformed JSON"):
        load_lareqa(tmp_path)


@pytest.mark.parametrize(("drop", "where", "field"), [
    ("context", "article 0 paragraph 0", "context"),
    ("sentence_breaks", "article 0 paragraph 0", "sentence_breaks"),
    ("answers", "question 'q1'", "answers"),
    ("id", "article 0 paragraph 0 question 0", "id"),
])
def test_missing_field_names_file_record_field(tmp_path: Path, drop: str, where: str, field: str) -> None:
    para = paragraph(EN, [qa("q1", "Capital?", 20)])
    if drop in para:
        del para[drop]
    else:
        del para["qas"][0][drop]
    write(tmp_path, "en", [para])
    with pytest.raises(DataError, match="missing field") as err:
        load_lareqa(tmp_path)
    message = str(err.value)
    assert "en.json" in message and where in message and repr(field) in message


def test_bad_breaks_and_answers(tmp_path: Path) -> None:
    para = paragraph(EN, [qa("q1", "Capital?", 20)])
    para["sentence_breaks"][1] = [14, 9999]
    write(tmp_path / "a", "en", [para])
    with pytest.raises(DataError, match=r"sentence 1.*sentence break must be"):
        load_lareqa(tmp_path / "a")
    para = paragraph(EN, [qa("q1", "Capital?", 20)])
    para["qas"][0]["answers"] = []
    write(tmp_path / "b", "en", [para])
    with pytest.raises(DataError, match=r"'q1'.*no answers"):
        load_lareqa(tmp_path / "b")
    para = paragraph(EN, [qa("q1", "Capital?", 20), qa("q1", "Again?", 20)])
    write(tmp_path / "c", "en", [para])
    with pytest.raises(DataError, match="question id appears twice"):
        load_lareqa(tmp_path / "c")


def test_unknown_language_in_file_name(tmp_path: Path) -> None:
    write(tmp_path, "zz", [paragraph(EN, [qa("q1", "Capital?", 20)])])
    with pytest.raises(DataError, match=r"zz\.json.*file name must give the language.*unknown language code 'zz'"):
        load_lareqa(tmp_path)


def test_empty_and_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_lareqa(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError, match=r"no <lang>.json files"):
        load_lareqa(tmp_path / "empty")
    (tmp_path / "hollow").mkdir()
    (tmp_path / "hollow" / "en.json").write_text('{"version": "1.1", "data": []}', encoding="utf-8")
    with pytest.raises(DataError, match=r"en\.json: no questions in this file"):
        load_lareqa(tmp_path / "hollow")


# ----- real data -----------------------------------------------------------------------------------------------
XQUAD_R_CANDIDATES = {"ar": 1222, "de": 1276, "el": 1234, "en": 1180, "es": 1215, "hi": 1244, "ru": 1219,
                      "th": 852, "tr": 1167, "vi": 1209, "zh": 1196}
MLQA_R_COUNTS = {"ar": (517, 2545), "de": (512, 2362), "en": (1148, 6264), "es": (500, 1787), "hi": (507, 2426),
                 "vi": (511, 2828), "zh": (504, 2322)}


def test_xquad_r_counts_and_speed(shared_data: Path) -> None:
    start = time.perf_counter()
    ds = load_lareqa(shared_data / "xquad-r")
    seconds = time.perf_counter() - start
    assert seconds < 5, f"loading XQuAD-R took {seconds:.1f} s"
    assert ds.languages == XQUAD_R_LANGUAGES
    stats = ds.stats().set_index("language")
    for lang, n in XQUAD_R_CANDIDATES.items():
        assert stats.loc[lang, "questions"] == 1190
        assert stats.loc[lang, "candidates"] == n
        assert stats.loc[lang, "relevant"] == 1190 and stats.loc[lang, "cross_pairs"] == 1190 * 10
    assert len(ds.candidates) == 13_014
    # 11-way parallel: every question id has exactly one relevant sentence per language
    assert len(ds.qrels) == 1190
    assert all(len(rels) == 11 and {cid.split(":")[0] for cid in rels} == set(XQUAD_R_LANGUAGES)
               for rels in ds.qrels.values())
    # the two known span/text mismatches of tr.json (mojibake in the context)
    assert len(ds.notes) == 2 and all(n.startswith("tr.json: article 9 paragraph 3") for n in ds.notes)


def test_xquad_r_relevant_sentence_contains_answer(shared_data: Path) -> None:
    doc = json.loads((shared_data / "xquad-r" / "en.json").read_text(encoding="utf-8"))
    ds = load_lareqa(shared_data / "xquad-r", languages=["en"])
    answers = {q["id"]: q["answers"][0]["text"] for a in doc["data"] for p in a["paragraphs"] for q in p["qas"]}
    inside = sum(answers[qid] in ds.candidate_by_id[next(iter(rels))].text for qid, rels in ds.qrels.items())
    assert inside / len(ds.qrels) > 0.97  # the rest are answers crossing a sentence boundary


def test_mlqa_r_counts(shared_data: Path) -> None:
    ds = load_lareqa(shared_data / "mlqa-r")
    assert ds.languages == tuple(sorted(MLQA_R_LANGUAGES))
    stats = ds.stats().set_index("language")
    for lang, (questions, candidates) in MLQA_R_COUNTS.items():
        assert (stats.loc[lang, "questions"], stats.loc[lang, "candidates"]) == (questions, candidates)
    # each question exists in 2-4 languages, always in en
    langs = ds.question_languages_by_id
    assert len(langs) == 1148 and all("en" in ls and 2 <= len(ls) <= 4 for ls in langs.values())
    assert ds.notes == []
