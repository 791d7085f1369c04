"""Remedy spellings (parse / print round trip, every bad spelling), FittedRemedy's bookkeeping and normalisation."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from hybrid_core.debias import REMEDIES, Remedy, parse_remedy, spellings
from hybrid_core.debias.base import Statistics, normalise_rows

CANONICAL = ["none", "centering", "centering,fit=train", "lir:1", "lir:2,fit=train", "lir:8",
             "shift:0.5,source=en", "shift:1,source=de", "shift:0.1,source=zh", "shift:1.5,source=en"]


@pytest.mark.parametrize("spelling", CANONICAL)
def test_canonical_spellings_round_trip(spelling: str) -> None:
    remedy = parse_remedy(spelling)
    assert str(remedy) == spelling
    assert parse_remedy(str(remedy)) == remedy
    assert hash(parse_remedy(str(remedy))) == hash(remedy)


@pytest.mark.parametrize(("written", "canonical"), [
    ("centering,fit=index", "centering"),
    ("lir:2,fit=index", "lir:2"),
    ("shift:0.5", "shift:0.5,source=en"),
    ("shift:0.50,fit=train", "shift:0.5,source=en"),
    ("SHIFT:1.0, Source=EN", "shift:1,source=en"),
    ("shift:1e-1,source=de", "shift:0.1,source=de"),
    (" Centering , FIT=Train ", "centering,fit=train"),
    (None, "none"),
])
def test_variants_print_canonically(written: str | None, canonical: str) -> None:
    assert str(parse_remedy(written)) == canonical


def test_values_fill_defaults_and_compare_equal() -> None:
    assert Remedy("centering") == Remedy("centering", fit="index") == parse_remedy("centering")
    assert Remedy("shift", 0.5).source == "en" and Remedy("shift", 0.5).fit == "train"
    assert Remedy("lir", 2) != Remedy("lir", 2, fit="train")
    assert parse_remedy(Remedy("lir", 3)) == Remedy("lir", 3)
    assert Remedy("lir", 2.0).parameter == 2 and isinstance(Remedy("lir", 2.0).parameter, int)
    assert Remedy("shift", 1).parameter == 1.0 and isinstance(Remedy("shift", 1).parameter, float)


def test_statistics_key_leaves_out_the_parameter() -> None:
    assert parse_remedy("lir:1").statistics_key() == parse_remedy("lir:5").statistics_key()
    assert parse_remedy("shift:0.1").statistics_key() == parse_remedy("shift:1").statistics_key()
    assert parse_remedy("shift:1,source=de").statistics_key() != parse_remedy("shift:1").statistics_key()
    assert parse_remedy("lir:1,fit=train").statistics_key() != parse_remedy("lir:1").statistics_key()


@pytest.mark.parametrize(("spelling", "message"), [
    ("lir:0", "debias 'lir:0': r must be an integer in 1..8"),
    ("lir:9", "r must be an integer in 1..8"),
    ("lir:x", "debias 'lir:x': r must be an integer in 1..8, the number of directions removed per language, got 'x'"),
    ("lir:2.5", "got '2.5'"),
    ("lir", "lir needs its parameter r"),
    ("shift:-1", "debias 'shift:-1': s must be a number > 0"),
    ("shift:abc", "debias 'shift:abc': s must be a number > 0"),
    ("shift:nan", "s must be a number > 0"),
    ("shift:0", "for no shift write 'none'"),
    ("shift", "shift needs its parameter s"),
    ("shift:0.5,source=xx", "debias 'shift:0.5,source=xx': source: unknown language code 'xx'"),
    ("foo", "debias 'foo': unknown debias method 'foo'; choose one of none, centering, lir:R, shift:S"),
    ("centring", "did you mean 'centering'?"),
    ("shift:0.5,fit=index", "shift needs parallel training data (fit=train, the only choice)"),
    ("shift:0.5,fit=index", "leaks the evaluation set"),
    ("shift:0.5,sorce=en", "unknown option 'sorce' of shift; valid options: fit, source; did you mean 'source'?"),
    ("lir:2,fi=train", "unknown option 'fi' of lir; valid options: fit; did you mean 'fit'?"),
    ("centering,source=en", "unknown option 'source' of centering"),
    ("centering,fit=tain", "fit must be one of index, train, got 'tain' (did you mean 'train'?)"),
    ("centering:3", "centering takes no parameter"),
    ("none,fit=train", "none takes no options"),
    ("shift:0.5,source=en,source=de", "option 'source' is given twice"),
    ("lir:2,fit", "cannot read option 'fit'; write NAME=VALUE"),
    ("", "debias '': cannot read it; write one of none, centering, lir:R, shift:S"),
    ("lir:1:2", "r must be an integer"),
])
def test_bad_spellings_are_refused_with_the_value_named(spelling: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_remedy(spelling)
    assert message in str(error.value)


def test_bad_values_built_directly_are_refused() -> None:
    with pytest.raises(ValueError, match="leaks the evaluation set"):
        Remedy("shift", 0.5, fit="index")
    with pytest.raises(ValueError, match="takes no source language"):
        Remedy("lir", 1, source="en")
    with pytest.raises(ValueError, match="r must be an integer"):
        Remedy("lir", True)
    with pytest.raises(ValueError, match=r"unknown debias method 'LIR'; .*did you mean 'lir'"):
        Remedy("LIR", 1)


def test_registry_and_help_text() -> None:
    assert list(REMEDIES) == ["centering", "lir", "none", "shift"]
    assert spellings() == "none, centering, lir:R, shift:S"
    assert {name: m.transforms_queries for name, m in REMEDIES.items()} == {
        "centering": True, "lir": True, "none": False, "shift": False}


def test_normalise_rows_gives_unit_rows_and_keeps_zero_rows() -> None:
    rows = normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0], [0.0, -2.0]], dtype=np.float32))
    assert rows.dtype == np.float32
    np.testing.assert_allclose(rows, [[0.6, 0.8], [0.0, 0.0], [0.0, -1.0]], rtol=1e-7)


def test_missing_languages_are_unchanged_reported_and_warned_once(caplog: pytest.LogCaptureFixture) -> None:
    means = np.array([[1.0, 0.0, 0.0]], dtype=np.float32)
    fitted = REMEDIES["centering"].fitted(parse_remedy("centering"), means, ["de"], fit_label="train-set@abc",
                                          evaluated_languages={"de", "el"})
    assert fitted.missing_languages == ("el",)
    emb = np.array([[2.0, 1.0, 0.0], [0.3, 0.4, 0.5], [0.1, 0.2, 0.3]], dtype=np.float32)
    with caplog.at_level(logging.WARNING, logger="hybrid_core.debias.base"):
        out = fitted.transform_candidates(emb, ["de", "el", "th"])
        fitted.transform_candidates(emb, ["de", "el", "th"])
        fitted.transform_queries(emb, ["th", "th", "el"])
    assert out[1].tobytes() == emb[1].tobytes() and out[2].tobytes() == emb[2].tobytes()  # bit for bit
    np.testing.assert_allclose(out[0], [1 / np.sqrt(2), 1 / np.sqrt(2), 0.0], rtol=1e-6)
    assert fitted.missing_languages == ("el", "th")
    warnings = [r.getMessage() for r in caplog.records if r.name == "hybrid_core.debias.base"]
    assert len(warnings) == 2  # each missing language named once: el when fitted, th when first met
    assert "no statistics for el (fit train-set@abc covers de)" in warnings[0]
    assert "no statistics for th" in warnings[1] and "left unchanged" in warnings[1]
    assert fitted.identity() == {"debias": "centering", "debias_fit": "train-set@abc", "covered": "de",
                                 "missing": "el,th"}


def test_with_remedy_reuses_statistics_and_refuses_other_fits() -> None:
    stats = Statistics(("de",), np.ones((1, 3, 8), dtype=np.float32) / np.sqrt(3))
    from hybrid_core.debias import FittedRemedy

    fitted = FittedRemedy(parse_remedy("lir:1"), stats, "index")
    assert str(fitted.with_remedy("lir:4").remedy) == "lir:4"
    assert fitted.with_remedy("lir:4").statistics is stats
    with pytest.raises(ValueError, match="statistics of lir:1 do not serve lir:1,fit=train"):
        fitted.with_remedy("lir:1,fit=train")


def test_transform_checks_shapes() -> None:
    fitted = REMEDIES["centering"].fitted(parse_remedy("centering"), np.zeros((1, 3)), ["de"])
    with pytest.raises(ValueError, match="2 languages for 3 embeddings"):
        fitted.transform_candidates(np.ones((3, 3), dtype=np.float32), ["de", "de"])
    with pytest.raises(ValueError, match="embeddings of dimension 4, statistics of dimension 3"):
        fitted.transform_candidates(np.ones((1, 4), dtype=np.float32), ["de"])
    assert fitted.transform_candidates(np.zeros((0, 3), dtype=np.float32), []).shape == (0, 3)
