"""MIRACL evaluation: nDCG@10 and R@100 per language on a small corpus in MIRACL's format made here."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from evalkit import CountingEncoder, TableEncoder

from hybrid_core.cli import main
from hybrid_core.data import load_dataset
from hybrid_core.evaluation.engine import evaluate
from hybrid_core.results import read_results, summary

DE_DOCS = [
    {"docid": "10#0", "title": "Berlin", "text": "Berlin ist die Hauptstadt."},
    {"docid": "10#1", "title": "Berlin", "text": "Berlin hat 3,7 Millionen Einwohner."},
    {"docid": "20#0", "title": "Rhein", "text": "Der Rhein ist ein Fluss."},
    {"docid": "30#0", "title": "Main", "text": "Der Main fließt durch Frankfurt."},
]
YO_DOCS = [{"docid": "10#0", "title": "Èkó", "text": "Èkó jẹ́ ìlú ńlá."}]  # same docid as de: pools are per language
# what the passage encoder is fed: "title text"
FED = [f"{d['title']} {d['text']}" for d in DE_DOCS + YO_DOCS]


@pytest.fixture
def miracl_folder(tmp_path: Path) -> tuple[Path, Path]:
    topics = tmp_path / "miracl"
    topics.mkdir()
    files = {
        "de": ({"1": "Was ist die Hauptstadt?", "2": "Welche Flüsse gibt es?"},
               [("1", "10#0", 1), ("1", "10#1", 0), ("2", "20#0", 1), ("2", "30#0", 1)]),
        "yo": ({"5": "Kí ni Èkó?"}, [("5", "10#0", 1)]),
    }
    for lang, (queries, qrels) in files.items():
        (topics / f"topics.miracl-v1.0-{lang}-dev.tsv").write_text(
            "".join(f"{q}\t{t}\n" for q, t in queries.items()), encoding="utf-8")
        (topics / f"qrels.miracl-v1.0-{lang}-dev.tsv").write_text(
            "".join(f"{q} Q0 {d} {r}\n" for q, d, r in qrels), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for lang, docs in (("de", DE_DOCS), ("yo", YO_DOCS)):
        (corpus / f"{lang}.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                                              encoding="utf-8")
    return topics, corpus


def table_encoder() -> TableEncoder:
    eye = np.eye(5)
    vectors = {text: eye[i] for i, text in enumerate(FED)}
    vectors["Was ist die Hauptstadt?"] = [0.5, 0.9, 0.1, 0.2, 0.0]   # ranking 10#1 (judged 0), 10#0, 30#0, 20#0
    vectors["Welche Flüsse gibt es?"] = [0.3, 0.2, 0.8, 0.1, 0.0]    # ranking 20#0, 10#0, 10#1, 30#0
    vectors["Kí ni Èkó?"] = [0.9, 0.9, 0.9, 0.9, 0.1]                # the de passages would win in a pooled search
    return TableEncoder(vectors, identity="miracl-table")


def test_hand_computed_per_language(miracl_folder: tuple[Path, Path], tmp_path: Path) -> None:
    topics, corpus = miracl_folder
    dataset = load_dataset(topics, format="miracl", corpus=corpus)
    encoder = CountingEncoder(table_encoder())
    table = evaluate(encoder, dataset, measures=("nDCG@10", "R@100", "R@2"), progress=False,
                     cache_root=tmp_path / "cache")
    assert {t for role, texts, _ in encoder.calls if role == "passage" for t in texts} == set(FED)
    rows = table.set_index(["query_lang", "doc_lang", "metric", "qid"])["value"]
    assert rows["de", "de", "nDCG@10", "de:1"] == pytest.approx(1 / math.log2(3))
    assert rows["de", "de", "nDCG@10", "de:2"] == pytest.approx((1 + 1 / math.log2(5)) / (1 + 1 / math.log2(3)))
    assert rows["de", "de", "R@100", "de:1"] == 1.0 and rows["de", "de", "R@100", "de:2"] == 1.0
    assert rows["de", "de", "R@2", "de:1"] == 1.0 and rows["de", "de", "R@2", "de:2"] == 0.5
    assert rows["yo", "yo", "nDCG@10", "yo:5"] == 1.0  # searched in the yo pool only
    assert rows["de", "de", "nDCG@10", ""] == pytest.approx((rows["de", "de", "nDCG@10", "de:1"]
                                                             + rows["de", "de", "nDCG@10", "de:2"]) / 2)
    assert set(table["setting"]) == {"monolingual"} and set(table["dataset"]) == {"miracl-dev"}
    assert table.attrs["evaluation"]["task"] == "miracl" and table.attrs["evaluation"]["candidate_text"] == "title+text"
    settings = summary(table).set_index("metric")
    assert settings.loc["nDCG@10", "monolingual"] == pytest.approx((rows["de", "de", "nDCG@10", ""] + 1.0) / 2)


def test_cli_with_cut_model(miracl_folder: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    from hybrid_core.evaluation import embedding_cache

    monkeypatch.setattr(embedding_cache, "embeddings_root", lambda: tmp_path / "cli-embeddings")
    topics, corpus = miracl_folder
    out = tmp_path / "out"
    code = main(["evaluate", "e5-small-cut", "--data", str(topics), "--corpus", str(corpus), "--backend", "torch",
                 "--out", str(out), "--quiet", "--run-name", "cut"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "miracl protocol" in printed and "per language" in printed and "nDCG@10" in printed
    table = read_results(out / "cut--miracl-dev--title-text.parquet")
    assert set(table["metric"]) == {"nDCG@10", "R@100"}
    assert set(table["query_lang"]) == {"de", "yo"}
    # four de passages only: every relevant passage is within the top 100
    assert (table.loc[table.metric == "R@100", "value"] == 1.0).all()
