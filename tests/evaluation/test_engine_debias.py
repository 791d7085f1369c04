"""Index-side remedies inside an evaluation: identity for none, labelled rows, training data for SHIFT, no leaks."""

from __future__ import annotations

import pandas as pd
import pytest

from hybrid_core.data import demo_dataset
from hybrid_core.evaluation.engine import evaluate

KEY = ["setting", "query_lang", "doc_lang", "metric", "qid"]


@pytest.fixture(scope="module")
def plain(cut_encoder) -> pd.DataFrame:
    return evaluate(cut_encoder, demo_dataset("eval"), candidate_text="sentence", progress=False)


def test_no_remedy_is_the_plain_evaluation(cut_encoder, plain) -> None:
    again = evaluate(cut_encoder, demo_dataset("eval"), candidate_text="sentence", progress=False, debias="none")
    pd.testing.assert_frame_equal(again, plain)
    assert set(plain["debias"]) == {"none"} and set(plain["debias_fit"]) == {""}


def test_centering_changes_rankings_and_labels_every_row(cut_encoder, plain) -> None:
    centered = evaluate(cut_encoder, demo_dataset("eval"), candidate_text="sentence", progress=False,
                        debias="centering")
    assert set(centered["debias"]) == {"centering"} and set(centered["debias_fit"]) == {"index"}
    info = centered.attrs["evaluation"]["debias"]
    assert info["missing"] == "" and info["covered"].split(",") == sorted(demo_dataset("eval").languages)
    merged = plain.merge(centered, on=KEY, suffixes=("_plain", "_centered"))
    assert len(merged) == len(plain) == len(centered)
    changed = merged[merged["value_plain"] != merged["value_centered"]]
    # the pooled ranking changes, so the bias and the parallel-query measures (MRC, computed from the embeddings) do
    assert {"RD", "LangShare@10", "MRC@10", "AP@20"} <= set(changed["metric"])
    assert centered.attrs["evaluation"]["timings"]["debias_s"] >= 0


def test_shift_needs_training_data_and_refuses_the_evaluated_set(cut_encoder) -> None:
    data = demo_dataset("eval")
    with pytest.raises(ValueError, match="estimation data"):
        evaluate(cut_encoder, data, candidate_text="sentence", progress=False, debias="shift:0.5")
    with pytest.raises(ValueError, match="question ids"):
        evaluate(cut_encoder, data, candidate_text="sentence", progress=False, debias="shift:0.5", estimation=data)
    shifted = evaluate(cut_encoder, data, candidate_text="sentence", progress=False, debias="shift:0.5",
                       estimation=demo_dataset("train"))
    assert set(shifted["debias"]) == {"shift:0.5,source=en"}
    assert set(shifted["debias_fit"]) == {f"demo-train@{demo_dataset('train').fingerprint}"}


def test_a_bad_remedy_is_refused_before_any_work(cut_encoder) -> None:
    with pytest.raises(ValueError, match="lir"):
        evaluate(cut_encoder, demo_dataset("eval"), progress=False, debias="lir:0")
