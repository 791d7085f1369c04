"""MIRACL loader: topics + TREC qrels + a JSONL corpus we write ourselves, corpus layouts, errors, real counts."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hybrid_core.data import DataError, load_dataset, load_miracl, load_miracl_judgements
from hybrid_core.languages import MIRACL_LANGUAGES


def write_topics(folder: Path, lang: str, topics: dict[str, str], qrels: list[tuple[str, str, int]],
                 split: str = "dev") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"topics.miracl-v1.0-{lang}-{split}.tsv").write_text(
        "".join(f"{qid}\t{text}\n" for qid, text in topics.items()), encoding="utf-8")
    (folder / f"qrels.miracl-v1.0-{lang}-{split}.tsv").write_text(
        "".join(f"{qid}\tQ0\t{docid}\t{rel}\n" for qid, docid, rel in qrels), encoding="utf-8")


def write_corpus(path: Path, docs: list[dict], *, gz: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


DE_DOCS = [{"docid": "10#0", "title": "Berlin", "text": "Berlin ist die Hauptstadt."},
           {"docid": "10#1", "title": "Berlin", "text": "Berlin hat 3,7 Millionen Einwohner."},
           {"docid": "20#0", "title": "Rhein", "text": "Der Rhein ist ein Fluss."}]
YO_DOCS = [{"docid": "10#0", "title": "Èkó", "text": "Èkó jẹ́ ìlú ńlá."}]  # same docid as de: ids must not collide


@pytest.fixture
def miracl(tmp_path: Path) -> tuple[Path, Path]:
    topics = tmp_path / "topics"
    write_topics(topics, "de", {"1#0": "Was ist die Hauptstadt?", "2#0": "Wie lang ist der Rhein?",
                                "3#0": "Unbeantwortet?"},
                 [("1#0", "10#0", 1), ("1#0", "10#1", 0), ("2#0", "20#0", 1), ("2#0", "99#9", 1),
                  ("3#0", "10#1", 0)])
    write_topics(topics, "yo", {"1#0": "Kí ni Èkó?"}, [("1#0", "10#0", 1)])
    write_topics(topics, "de", {"7#0": "Training?"}, [("7#0", "10#0", 1)], split="train")
    corpus = tmp_path / "corpus"
    write_corpus(corpus / "de.jsonl", DE_DOCS)
    write_corpus(corpus / "yo.jsonl", YO_DOCS)
    return topics, corpus


def test_load_with_corpus(miracl: tuple[Path, Path]) -> None:
    topics, corpus = miracl
    ds = load_miracl(topics, corpus=corpus)
    assert ds.languages == ("de", "yo")
    assert sorted(q.id for q in ds.questions) == ["de:1#0", "de:2#0", "yo:1#0"]  # de:3#0 has no relevant passage
    assert {c.id for c in ds.candidates} == {"de:10#0", "de:10#1", "de:20#0", "yo:10#0"}
    cand = ds.candidate_by_id["de:10#0"]
    assert (cand.text, cand.context, cand.language) == ("Berlin ist die Hauptstadt.", "Berlin", "de")
    assert ds.qrels["de:1#0"] == {"de:10#0": 1, "de:10#1": 0}
    assert ds.relevant("de:1#0") == {"de:10#0": 1}
    assert ds.qrels["de:2#0"] == {"de:20#0": 1}  # 99#9 is not in the corpus
    assert any("1 of 4 judged passages are not in the corpus" in n for n in ds.notes)
    assert any("1 of 3 queries have no relevant passage" in n for n in ds.notes)
    stats = ds.stats().set_index("language")
    assert stats.loc["de", "questions"] == 2 and stats.loc["de", "relevant"] == 2
    assert stats.loc["de", "cross_pairs"] == 0 and stats.loc["de", "parallel"] == 0.0


def test_split_languages_and_judged_only(miracl: tuple[Path, Path]) -> None:
    topics, corpus = miracl
    train = load_miracl(topics, corpus=corpus, split="train")
    assert [q.id for q in train.questions] == ["de:7#0"]
    ds = load_miracl(topics, corpus=corpus, languages=["yo"], judged_only=True)
    assert ds.languages == ("yo",)
    judged = load_miracl(topics, corpus=corpus, languages="de", judged_only=True)
    assert {c.id for c in judged.candidates} == {"de:10#0", "de:10#1", "de:20#0"}
    via_registry = load_dataset(topics, languages=["de"], corpus=corpus)
    assert via_registry.name == "miracl-dev" and len(via_registry.questions) == 2


def test_corpus_layouts(miracl: tuple[Path, Path], tmp_path: Path) -> None:
    topics, corpus = miracl
    # one file whose name gives the language
    assert load_miracl(topics, corpus=corpus / "de.jsonl").languages == ("de",)
    # any file name when one language is selected
    other = write_corpus(tmp_path / "passages.jsonl", DE_DOCS)
    assert load_miracl(topics, corpus=other, languages=["de"]).languages == ("de",)
    # Hugging Face miracl-corpus layout: gzipped shards in miracl-corpus-v1.0-<lang>/
    hf = tmp_path / "hf"
    write_corpus(hf / "miracl-corpus-v1.0-de" / "docs-0.jsonl.gz", DE_DOCS[:2], gz=True)
    write_corpus(hf / "miracl-corpus-v1.0-de" / "docs-1.jsonl.gz", DE_DOCS[2:], gz=True)
    assert len(load_miracl(topics, corpus=hf).candidates) == 3
    # a mapping
    ds = load_miracl(topics, corpus={"yo": corpus / "yo.jsonl", "de": hf / "miracl-corpus-v1.0-de"})
    assert ds.languages == ("de", "yo")


def test_without_corpus(miracl: tuple[Path, Path]) -> None:
    topics, corpus = miracl
    with pytest.raises(DataError, match=r"pass corpus=.*load_miracl_judgements"):
        load_miracl(topics)
    judgements = load_miracl_judgements(topics)
    stats = judgements.stats().set_index("language")
    assert stats.loc["de", "queries"] == 3 and stats.loc["de", "judged"] == 5 and stats.loc["de", "relevant"] == 3
    assert stats.loc["de", "queries_with_relevant"] == 2 and stats.loc["all", "queries"] == 4
    with pytest.raises(DataError, match="no corpus for language"):
        load_miracl(topics, corpus=corpus / "de.jsonl", languages=["de", "yo"])


def test_errors(tmp_path: Path, miracl: tuple[Path, Path]) -> None:
    topics, _ = miracl
    with pytest.raises(DataError, match=r"no MIRACL topics for split 'test'; splits found: dev, train"):
        load_miracl_judgements(topics, split="test")
    with pytest.raises(FileNotFoundError, match="MIRACL folder"):
        load_miracl_judgements(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="corpus"):
        load_miracl(topics, corpus=tmp_path / "no-corpus")

    bad = tmp_path / "bad-topics"
    write_topics(bad, "de", {"1#0": "ok"}, [("1#0", "10#0", 1)])
    (bad / "topics.miracl-v1.0-de-dev.tsv").write_text("1#0\tok\nbroken line without tab\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"topics\.miracl-v1\.0-de-dev\.tsv, line 2: expected 'qid<TAB>query'"):
        load_miracl_judgements(bad)

    bad = tmp_path / "bad-qrels"
    write_topics(bad, "de", {"1#0": "ok"}, [("1#0", "10#0", 1)])
    (bad / "qrels.miracl-v1.0-de-dev.tsv").write_text("1#0 Q0 10#0 1\n1#0 Q0 10#1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"qrels\.miracl-v1\.0-de-dev\.tsv, line 2: expected 4 fields"):
        load_miracl_judgements(bad)
    (bad / "qrels.miracl-v1.0-de-dev.tsv").write_text("1#0 Q0 10#0 yes\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1: relevance must be an integer, got 'yes'"):
        load_miracl_judgements(bad)

    bad = tmp_path / "bad-lang"
    write_topics(bad, "qq", {"1#0": "ok"}, [("1#0", "10#0", 1)])
    with pytest.raises(DataError, match=r"topics\.miracl-v1\.0-qq-dev\.tsv.*unknown language code 'qq'"):
        load_miracl_judgements(bad)

    broken = tmp_path / "broken"
    (broken).mkdir()
    (broken / "de.jsonl").write_text(json.dumps(DE_DOCS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"de\.jsonl, line 2: malformed JSON"):
        load_miracl(topics, corpus=broken, languages=["de"])
    (broken / "de.jsonl").write_text(json.dumps({"title": "x", "text": "y"}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"de\.jsonl, line 1, field 'docid': missing field"):
        load_miracl(topics, corpus=broken, languages=["de"])
    (broken / "de.jsonl").write_text(json.dumps(DE_DOCS[0]) + "\n" + json.dumps(DE_DOCS[0]) + "\n",
                                     encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2, field 'docid': docid '10#0' appears twice"):
        load_miracl(topics, corpus=broken, languages=["de"])
    (broken / "de.jsonl").write_text(json.dumps({"docid": "5#5", "title": "x", "text": "unrelated"}) + "\n",
                                     encoding="utf-8")
    with pytest.raises(DataError, match="no query has a relevant passage in the corpus"):
        load_miracl(topics, corpus=broken, languages=["de"])


# ----- real topics and qrels ----------------------------------------------------------------------------------
DEV_QUERIES = {"ar": 2896, "bn": 411, "de": 305, "en": 799, "es": 648, "fa": 632, "fi": 1271, "fr": 343, "hi": 350,
               "id": 960, "ja": 860, "ko": 213, "ru": 1252, "sw": 482, "te": 828, "th": 733, "yo": 119, "zh": 393}


def test_real_judgements(shared_data: Path) -> None:
    dev = load_miracl_judgements(shared_data / "miracl")
    assert dev.languages == tuple(sorted(MIRACL_LANGUAGES))
    stats = dev.stats().set_index("language")
    assert stats["queries"].drop("all").to_dict() == DEV_QUERIES
    assert stats.loc["de", "judged"] == 3144 and stats.loc["de", "relevant"] == 811
    assert (stats["queries_with_relevant"] == stats["queries"]).all()
    train = load_miracl_judgements(shared_data / "miracl", split="train")
    assert len(train.languages) == 16 and "de" not in train.languages and "yo" not in train.languages


def test_real_qrels_with_our_corpus(shared_data: Path, tmp_path: Path) -> None:
    """The real de dev qrels over a corpus in MIRACL's format holding every judged passage (texts made up)."""
    judgements = load_miracl_judgements(shared_data / "miracl", languages=["de"])
    docids = sorted({d for rels in judgements.qrels["de"].values() for d in rels})
    write_corpus(tmp_path / "corpus" / "de.jsonl",
                 [{"docid": d, "title": f"Artikel {d.split('#')[0]}", "text": f"Passage {d}"} for d in docids])
    ds = load_miracl(shared_data / "miracl", corpus=tmp_path / "corpus", languages=["de"])
    assert len(ds.questions) == 305 and len(ds.candidates) == 3103
    assert sum(len(ds.relevant(q.id)) for q in ds.questions) == 811
    assert ds.notes == []
