"""Language-bias measures: hand-computed values and the errors of each pure function."""

from __future__ import annotations

import pytest

from hybrid_core.bias import (
    answer_ranks,
    language_matrix,
    language_shares,
    macro_average,
    mean_by_language,
    rank_distance,
    same_language_share_above,
)


def test_rank_distance() -> None:
    assert rank_distance([3, 1, 7]) == 6.0
    assert rank_distance([5]) == 0.0
    assert rank_distance(iter([2, 2])) == 0.0
    with pytest.raises(ValueError, match="at least one"):
        rank_distance([])
    with pytest.raises(ValueError, match="1-based"):
        rank_distance([0, 3])


def test_rank_distance_macro_average_over_query_languages() -> None:
    # en: RD 5 and 1 -> 3; de: 3, 1, 2 -> 2; macro = (3 + 2) / 2, not the query mean (12 / 5)
    per_language = {"en": [rank_distance([1, 6]), rank_distance([1, 2])],
                    "de": [rank_distance([2, 5]), rank_distance([5, 6]), rank_distance([4, 6])]}
    assert mean_by_language(per_language) == {"en": 3.0, "de": 2.0}
    assert macro_average(per_language) == 2.5
    with pytest.raises(ValueError, match="no values"):
        macro_average({"en": []})
    with pytest.raises(ValueError, match="at least one"):
        macro_average({})


def test_answer_ranks() -> None:
    assert answer_ranks([("de", 7), ("en", 1), ("de", 3)]) == {"de": 3, "en": 1}
    assert answer_ranks([]) == {}
    with pytest.raises(ValueError, match="1-based"):
        answer_ranks([("de", 0)])


def test_language_shares() -> None:
    ranked = ["en", "de", "en", "zh", "en"]
    assert language_shares(ranked, 4, ["de", "en", "zh"]) == {"de": 0.25, "en": 0.5, "zh": 0.25}
    assert language_shares(ranked, 1, ["de", "en", "zh"]) == {"de": 0.0, "en": 1.0, "zh": 0.0}
    # a ranking shorter than k is counted over what it has
    assert language_shares(["en", "de"], 10, ["de", "en"]) == {"de": 0.5, "en": 0.5}
    with pytest.raises(ValueError, match="not among"):
        language_shares(["fr"], 1, ["de", "en"])
    with pytest.raises(ValueError, match="positive"):
        language_shares(ranked, 0, ["en"])
    with pytest.raises(ValueError, match="non-empty"):
        language_shares([], 3, ["en"])


def test_language_matrix_rows_sum_to_one() -> None:
    matrix = language_matrix({"en": [["en", "en", "de"], ["de", "en", "en"]], "de": [["de", "de", "de"]]}, k=2,
                             languages=["de", "en"])
    assert matrix.loc["en"].to_dict() == {"de": 0.25, "en": 0.75}  # (0/2 + 1/2) / 2 and (2/2 + 1/2) / 2
    assert matrix.loc["de"].to_dict() == {"de": 1.0, "en": 0.0}
    assert (matrix.sum(axis=1) == 1.0).all()
    assert (matrix.index.name, matrix.columns.name) == ("query_lang", "doc_lang")
    with pytest.raises(ValueError, match="no rankings"):
        language_matrix({"en": []}, k=2, languages=["en"])


@pytest.mark.parametrize(("langs", "relevant", "query", "expected"), [
    # first other-language answer (de) at position 2; above it one wrong en candidate
    (["en", "de"], [False, True], "en", 1.0),
    # answer en at 1 is relevant (left out); wrong de, en, fr above the de answer at 5: 1 of 3 is en
    (["en", "de", "en", "fr", "de"], [True, False, False, False, True], "en", 1 / 3),
    # a perfect ranking: nothing wrong above the first other-language answer
    (["en", "de", "fr"], [True, True, True], "en", 0.0),
    # other-language answer first
    (["de", "en", "en"], [True, False, True], "en", 0.0),
    # only wrong candidates of other languages above: no same-language preference
    (["de", "fr", "en", "de"], [False, False, True, True], "en", 0.0),
    # the ranking may continue past the first other-language answer: only the prefix counts
    (["en", "en", "de", "en", "en"], [False, False, True, False, False], "en", 1.0),
])
def test_same_language_share_above(langs: list[str], relevant: list[bool], query: str, expected: float) -> None:
    assert same_language_share_above(langs, relevant, query) == pytest.approx(expected)


def test_same_language_share_above_errors() -> None:
    with pytest.raises(ValueError, match="no relevant candidate in another language"):
        same_language_share_above(["en", "en"], [True, False], "en")
    with pytest.raises(ValueError, match="differ in length"):
        same_language_share_above(["en", "de"], [True], "en")


def test_same_language_share_above_accepts_codes() -> None:
    import numpy as np

    assert same_language_share_above(np.array([0, 1, 0, 1]), np.array([False, False, False, True]), 0) == \
        pytest.approx(2 / 3)
