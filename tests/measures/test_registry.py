"""The measure registry: declarations, spellings, the fixed order, and what reports and archives keep."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hybrid_core import measures
from hybrid_core.measures import MeasureInfo, get, parse_measure, register, registered, unregister
from hybrid_core.measures.base import ALL, Cells, Measure, PooledBatch

# What the report and the archive kept before the registry (hard-coded in report.CURVES): still the first curves.
LEGACY_CURVES = (
    ("AP@20", ("monolingual", "cross-lingual", "multilingual")),
    ("R@1", ("monolingual", "cross-lingual", "multilingual")),
    ("RD", ("multilingual",)),
    ("LangShare@10", ("monolingual",)),
)


def _zero(batch: PooledBatch, measure: Measure) -> Cells:
    return {ALL: (np.arange(len(batch)), np.zeros(len(batch)))}


def test_every_family_is_registered_once_in_a_fixed_order() -> None:
    assert [i.name for i in registered()] == ["AP", "R", "nDCG", "RD", "PooledRank", "LangShare", "SameLangAbove",
                                              "TLR", "MRC", "PEER"]
    assert [i.name for i in registered("fairness")] == ["TLR", "MRC", "PEER"]
    for info in registered():
        assert info.description and info.source and info.display
    assert {i.name: i.input for i in registered()} == {
        "AP": "run", "R": "run", "nDCG": "run", "RD": "pooled", "PooledRank": "pooled", "LangShare": "pooled",
        "SameLangAbove": "pooled", "TLR": "pooled", "MRC": "parallel", "PEER": "pooled"}


def test_spellings_round_trip_and_errors() -> None:
    for spelling in ("AP@20", "R@1", "nDCG@20", "RD", "LangShare@10", "PooledRank", "SameLangAbove", "TLR@20",
                     "MRC@10", "PEER@100"):
        assert str(parse_measure(spelling)) == spelling
    assert parse_measure("tlr@20") == measures.TLR @ 20 and parse_measure("mrc@5") == Measure("MRC", 5)
    with pytest.raises(ValueError, match=r"unknown measure 'MMR'.*did you mean 'MRC'"):
        parse_measure("MMR@10")
    with pytest.raises(ValueError, match="needs a cutoff"):
        parse_measure("PEER")
    with pytest.raises(ValueError, match="takes no cutoff"):
        parse_measure("SameLangAbove@3")
    with pytest.raises(ValueError, match="unknown measure 'Foo'"):
        get("Foo@3")


def test_what_reports_and_archives_keep() -> None:
    curves = measures.curves()
    assert tuple(c for c in curves if c[0] in {m for m, _ in LEGACY_CURVES}) == LEGACY_CURVES
    assert [m for m, _ in curves] == ["AP@20", "R@1", "nDCG@20", "RD", "LangShare@10", "TLR@20", "MRC@10",
                                      "PEER@20"]
    # results.csv listed the curves plus R@10, nDCG@10 and SameLangAbove; now also the other fairness cutoffs
    assert set(measures.reported()) == {"AP@20", "R@1", "RD", "LangShare@10", "R@10", "nDCG@10", "SameLangAbove",
                                        "nDCG@20", "TLR@20", "MRC@5", "MRC@10", "MRC@20", "PEER@20", "PEER@100"}
    assert measures.archived_per_query() == tuple((m, s) for m, settings in curves for s in settings)


def test_directions_digits_and_descriptions() -> None:
    assert measures.higher_is_better("AP@20") and not measures.higher_is_better("RD")
    assert measures.higher_is_better("LangShare@10")  # no direction in a cell: colour scales read it as higher
    assert not measures.curve_higher_is_better("LangShare@10")  # its α curve is the same-language share
    assert measures.curve_higher_is_better("MRC@10") and measures.curve_higher_is_better("PEER@20")
    assert not measures.curve_higher_is_better("SameLangAbove")
    assert measures.higher_is_better("no-such-metric") and measures.digits("no-such-metric") == 4
    assert [measures.digits(m) for m in ("AP@20", "RD", "PooledRank", "MRC@10")] == [4, 1, 1, 2]
    assert measures.describe("RD").endswith("(lower is better)")
    assert "in α curves lower is better" in measures.describe("LangShare@10")
    assert measures.describe("whatever") == "whatever"


def test_metric_order_follows_the_registry() -> None:
    order = measures.metric_order(["zeta", "PEER@20", "MRC@10", "LangShare@10", "RD", "nDCG@10", "R@100", "R@1",
                                   "AP@20", "TLR@20", "MRC@5", "alpha"])
    assert order == ["AP@20", "R@1", "R@100", "nDCG@10", "RD", "LangShare@10", "TLR@20", "MRC@5", "MRC@10",
                     "PEER@20", "alpha", "zeta"]
    table = pd.DataFrame({"metric": ["RD", "AP@20", "RD", "TLR@20"]})
    assert measures.metric_choices(table) == ["AP@20", "RD", "TLR@20"]
    assert measures.shown(["LangShare@10", "PooledRank", "RD", "AP@20"]) == ["AP@20", "RD"]


def test_default_measures_of_an_evaluation() -> None:
    assert [str(m) for m in measures.default_measures("pooled", share_k=5)] == [
        "RD", "PooledRank", "LangShare@5", "SameLangAbove", "TLR@20", "PEER@20", "PEER@100"]
    assert [str(m) for m in measures.default_measures("parallel")] == ["MRC@5", "MRC@10", "MRC@20"]
    assert measures.default_measures("run") == ()  # ranking measures are the task's choice


@pytest.mark.parametrize(("changes", "message"), [
    ({"family": "speed"}, "unknown family"),
    ({"pooled": None}, "exactly one way to compute it"),
    ({"trec_eval": "recall_{k}"}, "exactly one way to compute it .*got trec_eval, pooled"),
    ({"curves": {5: ("pooled",)}}, "unknown settings"),
    ({"cutoff": "forbidden", "defaults": (5,)}, "takes no cutoff"),
    ({"defaults": (0,)}, "positive integer"),
    ({"name": "Top@5"}, "letters only"),
    ({"digits": 0}, "digits must be a positive integer"),
])
def test_bad_declarations_are_refused(changes: dict, message: str) -> None:
    values = {"name": "Toy", "family": "bias", "display": "toy", "description": "d", "source": "s",
              "pooled": _zero, "defaults": (5,)}
    with pytest.raises(ValueError, match=message):
        MeasureInfo(**{**values, **changes})


def test_register_and_unregister() -> None:
    toy = MeasureInfo(name="Toy", family="bias", display="toy", description="zero", source="tests",
                      cutoff="forbidden", pooled=_zero)
    with pytest.raises(ValueError, match="already registered"):
        register(registered()[0])
    with pytest.raises(ValueError, match="takes a MeasureInfo"):
        register("Toy")  # type: ignore[arg-type]
    register(toy)
    try:
        assert parse_measure("Toy").info is toy and registered()[-1] is toy
        with pytest.raises(ValueError, match="already registered"):
            register(toy)
        assert register(toy, replace=True) is toy
    finally:
        assert unregister("Toy") is toy
    with pytest.raises(ValueError, match="unknown measure 'Toy'"):
        parse_measure("Toy")
    with measures.temporarily_registered(toy):
        assert "Toy" in measures.metric_order(["Toy", "AP@20"])
    assert "Toy" not in {i.name for i in registered()}
