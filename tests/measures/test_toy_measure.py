"""A new bias measure is one declaration: registered here, in one place, it appears in ``evaluate``'s table and its
printed summary, in a sweep report (curves, best α, paired tests, figures), in what an archive keeps, and in the
dashboard's metric choices; after the test it is gone again.

(issue 16, "Done when": adding a toy bias measure is shown by a test that registers it in one place.)
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hybrid_core import archive, figures, measures
from hybrid_core.commands.evaluate import _format_summary
from hybrid_core.data import demo_dataset
from hybrid_core.evaluation.engine import evaluate
from hybrid_core.measures import ALL, Cells, Measure, MeasureInfo, PooledBatch
from hybrid_core.report import evaluation_report
from hybrid_core.results import concat_results, per_query


def top_same_language(batch: PooledBatch, measure: Measure) -> Cells:
    """1 when the first candidate of the pooled ranking is in the query's language, else 0."""
    first = batch.codes[batch.top_k(1)[:, 0]]
    return {ALL: (np.arange(len(batch)), (first == batch.query_codes).astype(float))}


TOY = MeasureInfo(
    name="TopSame", family="bias", display="same-language first hit",
    description="1 when the first pooled candidate is in the query's language (toy measure of a test)",
    source="tests/measures/test_toy_measure.py", cutoff="forbidden", higher_is_better=False, digits=3,
    needs_top=True, pooled=top_same_language, defaults=(None,), curves={None: ("multilingual",)})


@pytest.fixture(scope="module")
def toy():
    """The toy measure, registered for this module's tests only."""
    with measures.temporarily_registered(TOY) as info:
        yield info
    assert "TopSame" not in {i.name for i in measures.registered()}


@pytest.fixture(scope="module")
def encoder():
    from hybrid_core.backends import get_encoder

    return get_encoder("e5-small-cut", backend="torch", device="cpu")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def table(toy, encoder, cache: Path) -> pd.DataFrame:
    return evaluate(encoder, demo_dataset("eval"), progress=False, cache_root=cache)


def test_evaluate_computes_it(table: pd.DataFrame, encoder, cache: Path) -> None:
    rows = table[table["metric"] == "TopSame"]
    assert set(rows["setting"]) == {"multilingual"} and set(rows["doc_lang"]) == {"all"}
    n_questions = len(demo_dataset("eval").questions)
    assert len(per_query(rows)) == n_questions and set(per_query(rows)["value"]) <= {0.0, 1.0}
    assert "TopSame" in table.attrs["evaluation"]["bias_measures"]
    # the same thing, read off the top-1 language share of the query's own language
    shares = evaluate(encoder, demo_dataset("eval"), progress=False, cache_root=cache, bias_measures=("LangShare@1",))
    own = per_query(shares)
    own = own[(own["metric"] == "LangShare@1") & (own["doc_lang"] == own["query_lang"])]
    expected = own.set_index(["query_lang", "qid"])["value"]
    got = per_query(rows).set_index(["query_lang", "qid"])["value"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)
    assert "TopSame" in _format_summary(table)  # the CLI's printed summary


def test_a_report_draws_its_curve(table: pd.DataFrame, tmp_path: Path) -> None:
    """A synthetic sweep of the demo table: the untuned model, α = 0.5 (as evaluated) and α = 1 (TopSame halved)."""
    trained0 = table.assign(run="a0.50-s1", alpha=0.5, seed=1)
    trained1 = table.assign(run="a1.00-s1", alpha=1.0, seed=1)
    trained1.loc[trained1["metric"] == "TopSame", "value"] *= 0.5
    written = evaluation_report(concat_results([table, trained0, trained1]), "toy", tmp_path, png=False, draws=100)
    out = tmp_path / "toy"
    assert out / "curves.csv" in written
    curves = pd.read_csv(out / "curves.csv")
    assert set(curves.loc[curves["metric"] == "TopSame", "setting"]) == {"multilingual"}
    tests = pd.read_csv(out / "paired-tests.csv")
    assert (tests["metric"] == "TopSame").any()
    best = json.loads((out / "best-alpha.json").read_text())
    assert best["TopSame multilingual"]["alpha"] == 1.0  # lower is better: the halved values win
    assert "| TopSame multilingual |" in (out / "summary.md").read_text()
    page = (out / "figures.html").read_text()
    assert "id='curve-TopSame'" in page and "id='paired-TopSame'" in page


def test_an_archive_keeps_its_per_query_rows(table: pd.DataFrame) -> None:
    assert ("TopSame", "multilingual") in archive.PER_QUERY
    kept = per_query(archive.archive_table(table))
    assert (kept["metric"] == "TopSame").sum() == (per_query(table)["metric"] == "TopSame").sum() > 0
    assert not (kept["metric"] == "R@10").any()  # not a curve: cell means only


def test_the_dashboard_offers_it(table: pd.DataFrame) -> None:
    choices = figures.all_metrics(table)
    assert choices == measures.metric_choices(table)
    assert choices[-1] == "TopSame"  # declared without an order: after the registry's own measures
    assert choices[:2] == ["AP@20", "R@1"]
    assert figures.metric_description("TopSame").startswith("TopSame: 1 when the first pooled candidate")
    assert not figures.higher_is_better("TopSame")
