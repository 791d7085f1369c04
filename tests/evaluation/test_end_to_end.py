"""End to end with the cut model: the demo set through the API and the CLI, a run folder, XQuAD-R on a subset."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from hybrid_core.cli import main
from hybrid_core.commands.evaluate import run_labels
from hybrid_core.data import demo_dataset, load_dataset
from hybrid_core.evaluation import embedding_cache
from hybrid_core.evaluation.engine import evaluate
from hybrid_core.results import aggregated, pair_matrix, per_query, read_results, summary


@pytest.fixture(autouse=True)
def _private_embedding_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CLI runs in these tests cache their embeddings in a temporary folder, not the user's cache."""
    monkeypatch.setattr(embedding_cache, "embeddings_root", lambda: tmp_path / "cli-embeddings")


def check_lareqa_table(table: pd.DataFrame, languages: tuple[str, ...], questions: int) -> None:
    """Every cell of the protocol is there, with values in range and the right number of questions."""
    cells = aggregated(table)
    for metric in ("AP@20", "R@1", "R@10", "nDCG@10"):
        matrix = pair_matrix(table, metric=metric)
        assert matrix.shape == (len(languages), len(languages)), metric
        assert ((matrix >= 0) & (matrix <= 1)).all().all()
        multi = cells[(cells.metric == metric) & (cells.doc_lang == "all")]
        assert sorted(multi.query_lang) == sorted(languages)
    settings = summary(table).set_index("metric")
    for metric in ("AP@20", "R@1", "RD", "LangShare@10"):
        assert metric in settings.index
    shares = pair_matrix(table, metric="LangShare@10")
    assert ((shares.sum(axis=1) - 1.0).abs() < 1e-9).all()
    info = table.attrs["evaluation"]
    assert set(info["queries_per_cell"].values()) == {questions}
    assert len(info["queries_per_cell"]) == len(languages) * (len(languages) + 1)
    rd = per_query(table)
    rd = rd[rd.metric == "RD"]
    assert len(rd) == questions * len(languages) and (rd["value"] >= 0).all()


def test_demo_set_end_to_end(cut_encoder, cache_root: Path) -> None:
    demo = demo_dataset("eval")
    table = evaluate(cut_encoder, demo, progress=False, cache_root=cache_root)
    n_ids = len({q.id for q in demo.questions})
    check_lareqa_table(table, demo.languages, n_ids)
    assert set(table["dataset"]) == {"demo-eval"} and table.attrs["evaluation"]["task"] == "demo"


def test_cli_on_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "evaluations"
    code = main(["evaluate", "e5-small-cut", "--data", "demo", "--backend", "torch", "--out", str(out), "--quiet",
                 "--languages", "en,de", "zh", "--candidates", "sentence"])
    assert code == 0
    printed = capsys.readouterr().out
    for text in ("untuned on demo-eval", "monolingual", "cross-lingual", "multilingual", "AP@20", "R@1", "RD",
                 "top-10 language shares"):
        assert text in printed
    table = read_results(out / "untuned--demo-eval--sentence.parquet")
    assert set(table["query_lang"]) == {"de", "en", "zh"}
    data = json.loads((out / "untuned--demo-eval--sentence.json").read_text())
    assert data["candidate_text"] == "sentence" and data["run"] == "untuned" and data["alpha"] is None
    assert set(data["summary"]["AP@20"]) == {"monolingual", "cross-lingual", "multilingual"}
    assert set(data["LangShare@10"]) == {"de", "en", "zh"}


def test_cli_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "e5-small-cut", "--data", "no/such/folder", "--quiet"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["evaluate", "e5-small-cut", "--data", "demo-test", "--quiet"]) == 2
    assert "demo splits are" in capsys.readouterr().err
    assert main(["evaluate", "e5-small-cut", "--data", "demo", "--metrics", "MAP@20", "--quiet"]) == 2
    assert "unknown measure 'MAP'" in capsys.readouterr().err


def test_run_folder_labels(tmp_path: Path, cut_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    run = tmp_path / "a05-s3"
    shutil.copytree(cut_path, run / "final")
    (run / "config.json").write_text(json.dumps({"config": {"name": "a05-s3", "alpha": 0.5, "seed": 3}}))
    (run / "status.json").write_text(json.dumps({"state": "finished"}))
    assert run_labels(run) == {"run": "a05-s3", "alpha": 0.5, "schedule": "0.5", "seed": 3, "data": None}
    assert run_labels(cut_path) is None  # a model folder's config.json has no alpha
    assert run_labels(tmp_path / "missing") is None
    out = tmp_path / "out"
    assert main(["evaluate", str(run), "--data", "demo", "--backend", "torch", "--out", str(out), "--quiet",
                 "--languages", "en", "de", "--max-questions", "4"]) == 0
    table = read_results(out / "a05-s3--demo-eval--context.parquet")
    assert set(table["run"]) == {"a05-s3"} and set(table["alpha"]) == {0.5} and set(table["seed"]) == {3}
    assert set(table["model"]) == {"a05-s3"}  # the portable name of a run folder, never its path
    assert len(set(per_query(table)["qid"])) == 4
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "config.json").write_text(json.dumps({"config": {"alpha": 2}}))
    with pytest.raises(ValueError, match="field 'alpha': alpha must be in \\[0, 1\\]"):
        run_labels(bad)
    capsys.readouterr()


def test_xquad_r_subset(shared_data: Path, cut_encoder, cache_root: Path) -> None:
    """XQuAD-R with the cut model on 30 questions in 3 languages (all their candidates in the pools)."""
    xquad = load_dataset(shared_data / "xquad-r", languages=["en", "de", "zh"])
    table = evaluate(cut_encoder, xquad, max_questions=30, candidate_text="sentence", progress=False,
                     cache_root=cache_root)
    check_lareqa_table(table, ("de", "en", "zh"), 30)
    ranks = per_query(table)
    ranks = ranks[ranks.metric == "PooledRank"]
    assert len(ranks) == 30 * 3 * 3  # each question's answer in each language, for each query language
    assert ranks["value"].between(1, len(xquad.candidates)).all()
    assert table.attrs["evaluation"]["counts"]["candidates"] == len(xquad.candidates) > 3000


@pytest.mark.slow
def test_xquad_r_all_languages_subset(shared_data: Path, cut_encoder, cache_root: Path) -> None:
    """The whole XQuAD-R pool (13,014 candidates, 11 languages) with 40 questions: 11 x 11 cells plus pooled."""
    xquad = load_dataset(shared_data / "xquad-r")
    assert (len(xquad.questions), len(xquad.candidates)) == (13090, 13014)
    table = evaluate(cut_encoder, xquad, max_questions=40, candidate_text="sentence", progress=False,
                     cache_root=cache_root)
    check_lareqa_table(table, xquad.languages, 40)
    ranks = per_query(table)
    ranks = ranks[ranks.metric == "PooledRank"]
    assert len(ranks) == 40 * 11 * 11
    assert ranks["value"].between(1, 13014).all()
    assert not math.isnan(summary(table).set_index("metric").loc["AP@20", "multilingual"])
